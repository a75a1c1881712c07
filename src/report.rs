//! Reports for people: Markdown and CSV, grouped by council then area, with status counts.
//! `since` turns a report into meeting minutes: only the changes recorded from that date on.

use std::fmt::Write as _;

use crate::figures::{entries_since, status_counts};
use crate::model::{Dataset, Deliverable, HistoryEntry};
use crate::terminal_text::{self, Lines};

fn one_line(s: &str) -> String {
    terminal_text::line(s).into_owned()
}

/// The deliverables of one area (`None`: those with no area) within a council.
type AreaGroup<'a> = (Option<&'a str>, Vec<&'a Deliverable>);

/// Groups: each council in file order, then each area in file order, then "No area".
fn groups(data: &Dataset) -> Vec<(&str, Vec<AreaGroup<'_>>)> {
    data.councils
        .iter()
        .map(|c| {
            let of_council: Vec<&Deliverable> = data
                .deliverables
                .iter()
                .filter(|d| d.council == c.id && !d.removed)
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

fn change_text(h: &HistoryEntry) -> String {
    let at = one_line(h.at.as_deref().unwrap_or("?"));
    let field = one_line(h.field.as_deref().unwrap_or("?"));
    let mut s = if h.field.as_deref() == Some("notes") {
        format!(
            "{at} notes: {}",
            text_change(h.from.as_deref(), h.to.as_deref())
        )
    } else {
        format!(
            "{at} {field}: {} → {}",
            one_line(h.from.as_deref().unwrap_or("(none)")),
            one_line(h.to.as_deref().unwrap_or("(none)")),
        )
    };
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
    for (council_id, areas) in groups(data) {
        let Some(council) = data.council(council_id) else {
            continue;
        };
        let all: Vec<&Deliverable> = data
            .deliverables
            .iter()
            .filter(|d| d.council == council_id && !d.removed)
            .collect();
        let changed: Vec<&Deliverable> = match since {
            Some(s) => all
                .iter()
                .copied()
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
            let _ = writeln!(out, "### {area_name} ({})\n", counts_text(data, &items));
            for d in items {
                let _ = writeln!(
                    out,
                    "- **{}** `{}` ({})",
                    one_line(&d.title),
                    one_line(&d.status),
                    one_line(&d.id)
                );
                if let Some(s) = since {
                    let changes = entries_since(d, s);
                    for h in &changes {
                        any_change = true;
                        let _ = writeln!(out, "  - {}", change_text(h));
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
    for (council_id, areas) in groups(data) {
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
