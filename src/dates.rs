//! Calendar dates as the format spells them (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) and edit timestamps.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// True when `s` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` and names a real day or month.
pub fn is_valid_date(s: &str) -> bool {
    // Without collecting the parts: the overdue list asks for every deliverable.
    let mut parts = s.split('-');
    let parts = (parts.next(), parts.next(), parts.next(), parts.next());
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let num = |p: &str| p.parse::<u16>().unwrap_or(0);
    match parts {
        (Some(y), None, None, None) => digits(y, 4),
        (Some(y), Some(m), None, None) => {
            digits(y, 4) && digits(m, 2) && (1..=12).contains(&num(m))
        }
        (Some(y), Some(m), Some(d), None) => {
            digits(y, 4)
                && digits(m, 2)
                && digits(d, 2)
                && time::Month::try_from(num(m) as u8)
                    .ok()
                    .and_then(|month| {
                        time::Date::from_calendar_date(i32::from(num(y)), month, num(d) as u8).ok()
                    })
                    .is_some()
        }
        _ => false,
    }
}

/// Why `s` is not a date, in words a person can act on: a month or a day the calendar has
/// not (`February 2026 has no day 30`), else the forms a date takes. `None` when it is one.
pub fn date_problem(s: &str) -> Option<String> {
    if is_valid_date(s) {
        return None;
    }
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let shaped = match parts.as_slice() {
        [y, m] => digits(y, 4) && digits(m, 2),
        [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
        _ => false,
    };
    let month = parts
        .get(1)
        .and_then(|m| m.parse::<u8>().ok())
        .and_then(|m| time::Month::try_from(m).ok());
    Some(match (shaped, month, parts.as_slice()) {
        (true, None, [_, m, ..]) => format!("{s:?} is not a date: there is no month {m}"),
        (true, Some(month), [y, _, d]) => {
            format!("{s:?} is not a date: {month} {y} has no day {d}")
        }
        _ => format!("{s:?} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"),
    })
}

/// The current time in UTC, to the second, as RFC 3339 (`2026-11-27T09:14:03Z`).
pub fn now_utc() -> String {
    let now = OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .unwrap_or_else(|_| OffsetDateTime::now_utc());
    now.format(&Rfc3339)
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_string())
}

/// The wall-clock time of day for the header (`14:03:21 CET`), local with the zone's name,
/// as the views and the minutes show times.
pub fn time_of_day(zone: &crate::zone::Zone) -> String {
    let now = now_utc();
    zone.local(&now)
        .map_or(now, |l| format!("{} {}", l.time, l.zone))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_the_calendar_has_not_is_said_so() {
        assert_eq!(date_problem("2026-02-28"), None);
        assert_eq!(
            date_problem("2026-02-30").as_deref(),
            Some("\"2026-02-30\" is not a date: February 2026 has no day 30")
        );
        assert_eq!(
            date_problem("2026-13-01").as_deref(),
            Some("\"2026-13-01\" is not a date: there is no month 13")
        );
        assert_eq!(
            date_problem("2026-13").as_deref(),
            Some("\"2026-13\" is not a date: there is no month 13")
        );
        assert_eq!(
            date_problem("next week").as_deref(),
            Some("\"next week\" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
        );
    }

    #[test]
    fn accepts_the_three_spellings_of_real_dates() {
        for ok in ["2025", "2024-04", "2024-04-30", "2024-02-29"] {
            assert!(is_valid_date(ok), "{ok}");
        }
    }

    #[test]
    fn refuses_impossible_or_misspelt_dates() {
        for bad in [
            "",
            "24",
            "2024-4",
            "2024-13",
            "2023-02-29",
            "2024-04-31",
            "2024/04/30",
            "2024-04-30T10",
            "２０２４",
            "abcd",
        ] {
            assert!(!is_valid_date(bad), "{bad}");
        }
    }

    #[test]
    fn timestamps_are_rfc3339_utc_seconds() {
        let t = now_utc();
        assert_eq!(t.len(), 20, "{t}");
        assert!(t.ends_with('Z'));
    }
}
