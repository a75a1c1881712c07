//! Local time for people. The file keeps UTC (RFC 3339); the header, the views and the
//! minutes show the local time with its zone's name, each moment with the offset in force
//! then (summer time included), so that they all agree.

use time::format_description::well_known::Rfc3339;
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

/// A time zone: the system's (read per moment), or a fixed offset with a name (tests,
/// systems where the zone cannot be read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Zone {
    fixed: Option<(i32, String)>,
}

/// A moment as shown: `2026-11-30`, `23:48:28`, `CET`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Local {
    pub date: String,
    pub time: String,
    pub zone: String,
}

impl Local {
    /// `23:48 CET`
    pub fn short(&self) -> String {
        format!("{} {}", &self.time[..5], self.zone)
    }
    /// `2026-11-30 23:48 CET`
    pub fn dated(&self) -> String {
        format!("{} {}", self.date, self.short())
    }
}

impl Default for Zone {
    fn default() -> Self {
        Zone::utc()
    }
}

impl Zone {
    pub fn utc() -> Zone {
        Zone::fixed(0, "UTC")
    }

    /// `offset` seconds east of UTC, called `name`.
    pub fn fixed(offset: i32, name: &str) -> Zone {
        Zone {
            fixed: Some((offset, name.to_string())),
        }
    }

    /// The system's zone (`TZ`, else the system setting).
    pub fn system() -> Zone {
        if cfg!(any(
            target_os = "linux",
            target_os = "android",
            target_os = "macos",
            target_os = "freebsd",
            target_os = "openbsd",
            target_os = "netbsd"
        )) {
            return Zone { fixed: None };
        }
        match UtcOffset::current_local_offset() {
            Ok(o) if o.whole_seconds() != 0 => Zone::fixed(o.whole_seconds(), &offset_name(o)),
            _ => Zone::utc(),
        }
    }

    /// The offset (seconds east of UTC) and the zone's name at unix time `t`.
    pub fn at(&self, t: i64) -> (i32, String) {
        match &self.fixed {
            Some((offset, name)) => (*offset, name.clone()),
            None => system_at(t),
        }
    }

    /// An RFC 3339 time as local date, time and zone; `None` when it is not one.
    pub fn local(&self, at: &str) -> Option<Local> {
        let t = OffsetDateTime::parse(at, &Rfc3339).ok()?;
        let (offset, zone) = self.at(t.unix_timestamp());
        let local = t.to_offset(UtcOffset::from_whole_seconds(offset).ok()?);
        Some(Local {
            date: format!(
                "{:04}-{:02}-{:02}",
                local.year(),
                local.month() as u8,
                local.day()
            ),
            time: format!(
                "{:02}:{:02}:{:02}",
                local.hour(),
                local.minute(),
                local.second()
            ),
            zone,
        })
    }

    /// `23:48 CET` for an RFC 3339 time; the text itself when it is not one.
    pub fn short(&self, at: &str) -> String {
        self.local(at).map_or_else(|| at.to_string(), |l| l.short())
    }

    /// `2026-11-30 23:48 CET` for an RFC 3339 time; the text itself when it is not one.
    pub fn dated(&self, at: &str) -> String {
        self.local(at).map_or_else(|| at.to_string(), |l| l.dated())
    }

    /// The moment the local day `date` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`: its first day)
    /// began, as RFC 3339 UTC, comparable with the file's history times.
    pub fn midnight(&self, date: &str) -> Option<String> {
        let mut parts = date.split('-');
        let year: i32 = parts.next()?.parse().ok()?;
        let month: u8 = parts.next().map_or(Some(1), |m| m.parse().ok())?;
        let day: u8 = parts.next().map_or(Some(1), |d| d.parse().ok())?;
        let date = Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()?;
        let as_utc = PrimitiveDateTime::new(date, Time::MIDNIGHT)
            .assume_utc()
            .unix_timestamp();
        // The offset at midnight, found from the offset near it (they differ only on the
        // night the clocks change).
        let first = as_utc - i64::from(self.at(as_utc).0);
        let t = as_utc - i64::from(self.at(first).0);
        let utc = OffsetDateTime::from_unix_timestamp(t).ok()?;
        utc.format(&Rfc3339).ok()
    }

    /// The local date (`YYYY-MM-DD`) of an RFC 3339 time.
    pub fn date_of(&self, at: &str) -> Option<String> {
        self.local(at).map(|l| l.date)
    }
}

/// `UTC+05:30`
fn offset_name(o: UtcOffset) -> String {
    let (h, m, _) = o.as_hms();
    let sign = if o.is_negative() { '-' } else { '+' };
    format!("UTC{sign}{:02}:{:02}", h.unsigned_abs(), m.unsigned_abs())
}

#[cfg(any(
    target_os = "linux",
    target_os = "android",
    target_os = "macos",
    target_os = "freebsd",
    target_os = "openbsd",
    target_os = "netbsd"
))]
fn system_at(t: i64) -> (i32, String) {
    // SAFETY: localtime_r writes only into `tm`, which lives here; `tm_zone` points to
    // the C library's zone names, which live as long as the process, and is read at once.
    unsafe {
        let time = t as libc::time_t;
        let mut tm: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&time, &mut tm).is_null() {
            return (0, "UTC".to_string());
        }
        let offset = tm.tm_gmtoff as i32;
        let name = if tm.tm_zone.is_null() {
            None
        } else {
            std::ffi::CStr::from_ptr(tm.tm_zone)
                .to_str()
                .ok()
                .map(str::to_string)
        };
        let name = name.filter(|n| !n.is_empty()).unwrap_or_else(|| {
            match UtcOffset::from_whole_seconds(offset) {
                Ok(o) if offset != 0 => offset_name(o),
                _ => "UTC".to_string(),
            }
        });
        (offset, name)
    }
}

#[cfg(not(any(
    target_os = "linux",
    target_os = "android",
    target_os = "macos",
    target_os = "freebsd",
    target_os = "openbsd",
    target_os = "netbsd"
)))]
fn system_at(_t: i64) -> (i32, String) {
    (0, "UTC".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_zone_shows_local_time_with_its_name() {
        let z = Zone::fixed(3600, "CET");
        assert_eq!(z.short("2026-11-30T22:48:28Z"), "23:48 CET");
        assert_eq!(z.dated("2026-11-30T23:48:28Z"), "2026-12-01 00:48 CET");
        assert_eq!(z.short("not a time"), "not a time");
    }

    #[test]
    fn local_midnight_is_the_utc_moment_the_day_began() {
        let z = Zone::fixed(3600, "CET");
        assert_eq!(z.midnight("2026-12-01").unwrap(), "2026-11-30T23:00:00Z");
        assert_eq!(z.midnight("2026-12").unwrap(), "2026-11-30T23:00:00Z");
        assert_eq!(
            Zone::utc().midnight("2026").unwrap(),
            "2026-01-01T00:00:00Z"
        );
        assert_eq!(z.midnight("2026-13-01"), None);
    }
}
