//! Due dates as an iCalendar file: one all-day entry per deliverable that has a due date, for
//! a calendar application. Pure: a dataset in, text out.

use icalendar::{Calendar, Component, Event, Property};

use crate::model::{Dataset, Deliverable};
use crate::terminal_text;

/// The entries of `chosen` deliverables (indices into `data.deliverables`) that have a valid
/// due date. UIDs come from the ids, so importing a newer export updates the same entries.
pub fn ics(data: &Dataset, chosen: &[usize]) -> String {
    let mut calendar = Calendar::new();
    let name = data.title.as_deref().unwrap_or("councilor: due dates");
    calendar.name(&safe(name));
    for d in chosen.iter().map(|&i| &data.deliverables[i]) {
        if let Some(event) = entry(data, d) {
            calendar.push(event);
        }
    }
    calendar.done().to_string()
}

fn entry(data: &Dataset, d: &Deliverable) -> Option<Event> {
    let due = d.due.as_deref()?;
    let (first, last, precision) = span(due)?;
    let council = data
        .councils
        .iter()
        .find(|c| c.id == d.council)
        .map_or(d.council.as_str(), |c| c.name.as_str());
    let mut text = format!(
        "Due: {due}{precision}\nStatus: {}\nCouncil: {council}\nId: {}",
        d.status, d.id
    );
    if let Some(owner) = &d.owner {
        text.push_str(&format!("\nOwner: {owner}"));
    }
    if let Some(description) = d.description() {
        text.push_str(&format!("\n\n{description}"));
    }
    let mut event = Event::new();
    event
        .uid(&uid(&d.id))
        .summary(&safe(&d.title))
        .description(&terminal_text::clean(&text, terminal_text::Lines::Keep))
        .append_property(date_property("DTSTART", &first))
        .append_property(date_property("DTEND", &last));
    Some(event.done())
}

/// The first day of the due date and the day after it (an all-day entry ends the next day),
/// with what the date says when it is only a month or a year.
fn span(due: &str) -> Option<(String, String, &'static str)> {
    if !crate::dates::is_valid_date(due) {
        return None;
    }
    let mut parts = due.split('-').map(|p| p.parse::<u16>().ok());
    let year = i32::from(parts.next()??);
    let month = parts.next().map_or(Some(1), |m| m)?;
    let day = parts.next().map_or(Some(1), |d| d)?;
    let precision = match due.len() {
        4 => " (a year: shown on its first day)",
        7 => " (a month: shown on its first day)",
        _ => "",
    };
    let month = time::Month::try_from(month as u8).ok()?;
    let date = time::Date::from_calendar_date(year, month, day as u8).ok()?;
    let next = date.next_day()?;
    let spell = |d: time::Date| format!("{:04}{:02}{:02}", d.year(), u8::from(d.month()), d.day());
    Some((spell(date), spell(next), precision))
}

fn date_property(key: &str, day: &str) -> Property {
    let mut p = Property::new(key, day);
    p.add_parameter("VALUE", "DATE");
    p.done()
}

/// A UID from an id: letters, digits and `.-_/` kept, anything else percent-encoded.
fn uid(id: &str) -> String {
    let mut out = String::new();
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || b"-._/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out.push_str("@councilor");
    out
}

/// One line of text without control or invisible formatting characters.
fn safe(text: &str) -> String {
    terminal_text::line(text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_or_a_month_is_shown_on_its_first_day() {
        assert_eq!(
            span("2025"),
            Some((
                "20250101".into(),
                "20250102".into(),
                " (a year: shown on its first day)"
            ))
        );
        assert_eq!(
            span("2024-12"),
            Some((
                "20241201".into(),
                "20241202".into(),
                " (a month: shown on its first day)"
            ))
        );
        assert_eq!(
            span("2024-12-31"),
            Some(("20241231".into(), "20250101".into(), ""))
        );
        assert_eq!(span("soon"), None);
        assert_eq!(span("2025-02-30"), None);
    }

    #[test]
    fn uids_come_from_ids_and_are_safe() {
        assert_eq!(uid("eu-jp-dpc-2/eid-moc"), "eu-jp-dpc-2/eid-moc@councilor");
        assert_eq!(uid("a b;c"), "a%20b%3Bc@councilor");
    }
}
