//! Reports for people: Markdown and CSV, grouped by council then area, with status counts.
//! `since` turns a report into meeting minutes: only the changes recorded from that date on.

use std::fmt::Write as _;

use crate::figures::{entries_since, status_counts};
use crate::model::{Dataset, Deliverable, Editable, HistoryEntry};
use crate::terminal_text::{self, Lines};

fn one_line(s: &str) -> String {
    terminal_text::line(s).into_owned()
}

/// The deliverables of one area (`None`: those with no area) within a council.
type AreaGroup<'a> = (Option<&'a str>, Vec<&'a Deliverable>);

/// Groups: each council in file order, then each area in file order, then "No area".
fn groups(data: &Dataset, with_removed: bool) -> Vec<(&str, Vec<AreaGroup<'_>>)> {
    data.councils
        .iter()
        .map(|c| {
            let of_council: Vec<&Deliverable> = data
                .deliverables
                .iter()
                .filter(|d| d.council == c.id && (with_removed || !d.removed))
                .collect();
            let mut by_area: Vec<AreaGroup> = data
                .areas
                .iter()
                .map(|a| {
                    let items = of_council
                        .iter()
                        .copied()
                        .filter(|d| d.areas.contains(&a.id))
                        .collect();
                    (Some(a.id.as_str()), items)
                })
                .collect();
            by_area.push((
                None,
                of_council
                    .iter()
                    .copied()
                    .filter(|d| d.areas.is_empty())
                    .collect(),
            ));
            by_area.retain(|(_, items)| !items.is_empty());
            (c.id.as_str(), by_area)
        })
        .collect()
}

fn counts_text(data: &Dataset, items: &[&Deliverable]) -> String {
    let counts = status_counts(data, items.iter().copied());
    let parts: Vec<String> = data
        .statuses
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{n} {}", one_line(s)))
        .collect();
    if parts.is_empty() {
        "none".to_string()
    } else {
        parts.join(", ")
    }
}

/// What a change of long text says in minutes: what was added when the new text extends
/// the old one (the usual case in a meeting), else the new text; never the old text again.
pub(crate) fn text_change(from: Option<&str>, to: Option<&str>) -> String {
    match (from, to) {
        (_, None) => "removed".to_string(),
        (Some(old), Some(new)) if new.starts_with(old) && new.len() > old.len() => {
            format!("added “{}”", one_line(new[old.len()..].trim_start()))
        }
        (_, Some(new)) => format!("now “{}”", one_line(new)),
    }
}

/// A recorded value as minutes show it: a list of areas as their ids, `(none)` for none.
pub(crate) fn value_text(field: &str, value: Option<&str>) -> String {
    match (field, value) {
        (_, None) => "(none)".to_string(),
        ("areas", Some(v)) => match crate::model::areas_of(v) {
            Some(list) if list.is_empty() => "(none)".to_string(),
            Some(list) => one_line(&list.join(", ")),
            None => one_line(v),
        },
        (_, Some(v)) => one_line(v),
    }
}

/// What an added deliverable was added with: its council, areas, status and the fields it
/// had then (a field edited since shows the value its first later edit started from), and
/// the deliverable it carries over.
pub(crate) fn added_text(data: &Dataset, d: &Deliverable) -> String {
    let created = d
        .history
        .iter()
        .position(|h| h.field.as_deref() == Some("created"))
        .unwrap_or(0);
    let then = |field: Editable| -> Option<String> {
        match d.history[created..]
            .iter()
            .find(|h| h.field.as_deref() == Some(field.key()))
        {
            Some(h) => h.from.clone(),
            None => field.value(d).map(std::borrow::Cow::into_owned),
        }
    };
    let council_id = then(Editable::Council).unwrap_or_default();
    let council = data
        .council(&council_id)
        .map_or(council_id.as_str(), |c| c.name.as_str());
    let mut parts = vec![format!("council {}", one_line(council))];
    let areas = value_text("areas", then(Editable::Areas).as_deref());
    if areas != "(none)" {
        parts.push(format!("areas {areas}"));
    }
    parts.push(format!(
        "status {}",
        one_line(&then(Editable::Status).unwrap_or_default())
    ));
    for field in [Editable::Owner, Editable::Due] {
        if let Some(v) = then(field) {
            parts.push(format!("{} {}", field.key(), one_line(&v)));
        }
    }
    if let Some(f) = &d.follows {
        parts.push(format!("carried over from {}", one_line(f)));
    }
    parts.join(", ")
}

/// One history entry in words, without its time: `added (council …, status …)`, `removed`,
/// `restored`, `notes: added “…”`, or `field: old → new`.
pub(crate) fn entry_words(data: &Dataset, d: &Deliverable, h: &HistoryEntry) -> String {
    let field = h.field.as_deref().unwrap_or("?");
    match field {
        "created" => format!("added ({})", added_text(data, d)),
        "removed" | "restored" => field.to_string(),
        "notes" => format!("notes: {}", text_change(h.from.as_deref(), h.to.as_deref())),
        _ => format!(
            "{}: {} → {}",
            one_line(field),
            value_text(field, h.from.as_deref()),
            value_text(field, h.to.as_deref())
        ),
    }
}

fn change_text(data: &Dataset, d: &Deliverable, h: &HistoryEntry) -> String {
    let at = one_line(h.at.as_deref().unwrap_or("?"));
    let mut s = format!("{at} {}", entry_words(data, d, h));
    if let Some(by) = &h.by {
        let _ = write!(s, " by {}", one_line(by));
    }
    if let Some(note) = &h.note {
        let _ = write!(s, " — {}", one_line(note));
    }
    s
}

pub(crate) fn markdown(data: &Dataset, since: Option<&str>) -> String {
    let mut out = String::new();
    let title = one_line(data.title.as_deref().unwrap_or("Council outcomes"));
    match since {
        Some(s) => {
            let _ = writeln!(out, "# Changes since {s}: {title}\n");
        }
        None => {
            let _ = writeln!(out, "# {title}\n");
        }
    }
    let mut any_change = false;
    // Minutes still say what was removed: its deliverables are in them.
    for (council_id, areas) in groups(data, since.is_some()) {
        let Some(council) = data.council(council_id) else {
            continue;
        };
        let of_council = data.deliverables.iter().filter(|d| d.council == council_id);
        let all: Vec<&Deliverable> = of_council.clone().filter(|d| !d.removed).collect();
        let changed: Vec<&Deliverable> = match since {
            Some(s) => of_council
                .filter(|d| !entries_since(d, s).is_empty())
                .collect(),
            None => all.clone(),
        };
        if since.is_some() && changed.is_empty() {
            continue;
        }
        let _ = writeln!(out, "## {}\n", one_line(&council.name));
        let mut facts: Vec<String> = [&council.date, &council.location]
            .into_iter()
            .flatten()
            .map(|s| one_line(s))
            .collect();
        facts.push(format!(
            "{} deliverables: {}",
            all.len(),
            counts_text(data, &all)
        ));
        let _ = writeln!(out, "{}\n", facts.join(" · "));
        // Minutes list each change once, under the deliverable's first area.
        let mut listed: Vec<&str> = Vec::new();
        for (area_id, items) in areas {
            let items: Vec<&Deliverable> = items
                .into_iter()
                .filter(|d| changed.iter().any(|c| c.id == d.id))
                .filter(|d| since.is_none() || !listed.contains(&d.id.as_str()))
                .collect();
            listed.extend(items.iter().map(|d| d.id.as_str()));
            if items.is_empty() {
                continue;
            }
            let area_name = area_id
                .and_then(|a| data.area(a))
                .map_or("No area".to_string(), |a| one_line(&a.name));
            let live: Vec<&Deliverable> = items.iter().copied().filter(|d| !d.removed).collect();
            let _ = writeln!(out, "### {area_name} ({})\n", counts_text(data, &live));
            for d in items {
                let _ = writeln!(
                    out,
                    "- **{}** `{}` ({}){}",
                    one_line(&d.title),
                    one_line(&d.status),
                    one_line(&d.id),
                    if d.removed { " — removed" } else { "" }
                );
                if let Some(s) = since {
                    let changes = entries_since(d, s);
                    for h in &changes {
                        any_change = true;
                        let _ = writeln!(out, "  - {}", change_text(data, d, h));
                    }
                    // The notes once: not again when the changes above already show them.
                    let notes_changed = changes.iter().any(|h| h.field.as_deref() == Some("notes"));
                    if let Some(notes) = d.notes.as_ref().filter(|_| !notes_changed) {
                        let notes = terminal_text::clean(notes, Lines::Keep).replace('\n', " ");
                        let _ = writeln!(out, "  - Notes: {notes}");
                    }
                }
            }
            out.push('\n');
        }
    }
    if let (Some(s), false) = (since, any_change) {
        let _ = writeln!(out, "No changes recorded since {s}.");
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

pub(crate) fn csv(data: &Dataset, since: Option<&str>) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    match since {
        None => w.write_record(["council", "area", "id", "title", "status", "owner", "due"])?,
        Some(_) => w.write_record([
            "council", "area", "id", "title", "at", "field", "from", "to", "by", "note",
        ])?,
    }
    // Minutes have one row per change, under the deliverable's first area.
    let mut listed: Vec<&str> = Vec::new();
    for (council_id, areas) in groups(data, since.is_some()) {
        for (area_id, items) in areas {
            for d in items {
                if since.is_some() {
                    if listed.contains(&d.id.as_str()) {
                        continue;
                    }
                    listed.push(&d.id);
                }
                let base = [council_id, area_id.unwrap_or(""), &d.id, &d.title];
                let rows: Vec<Vec<&str>> = match since {
                    None => {
                        let extra = [
                            &d.status,
                            d.owner.as_deref().unwrap_or(""),
                            d.due.as_deref().unwrap_or(""),
                        ];
                        vec![base.iter().copied().chain(extra).collect()]
                    }
                    Some(s) => entries_since(d, s)
                        .into_iter()
                        .map(|h| {
                            let extra = [&h.at, &h.field, &h.from, &h.to, &h.by, &h.note]
                                .map(|v| v.as_deref().unwrap_or(""));
                            base.iter().copied().chain(extra).collect()
                        })
                        .collect(),
                };
                for row in rows {
                    w.write_record(row.iter().map(|cell| one_line(cell)))?;
                }
            }
        }
    }
    let bytes = w
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
