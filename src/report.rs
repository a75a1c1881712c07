//! Reports for people: Markdown and CSV, grouped by council then area, with status counts.
//! `since` turns a report into meeting minutes: only the changes recorded from that date on.

use std::fmt::Write as _;

use crate::figures::{entries_since, finished, status_counts};
use crate::model::{Dataset, Deliverable, Editable, HistoryEntry};
use crate::terminal_text;
use crate::vocabulary::plural;
use crate::zone::Zone;
use unicode_width::UnicodeWidthStr;

fn one_line(s: &str) -> String {
    terminal_text::line(s).into_owned()
}

/// The deliverables of one area (`None`: those with no area) within a council.
type AreaGroup<'a> = (Option<&'a str>, Vec<&'a Deliverable>);

/// The area a deliverable is listed under: the first of its areas that the file has.
fn first_area<'a>(data: &'a Dataset, d: &Deliverable) -> Option<&'a str> {
    d.areas
        .iter()
        .find_map(|a| data.area(a))
        .map(|a| a.id.as_str())
}

/// Groups: each council in file order, then each area in file order, then "No area". A
/// deliverable is listed once, under its first area (the others are named with it).
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
                        .filter(|d| first_area(data, d) == Some(a.id.as_str()))
                        .collect();
                    (Some(a.id.as_str()), items)
                })
                .collect();
            by_area.push((
                None,
                of_council
                    .iter()
                    .copied()
                    .filter(|d| first_area(data, d).is_none())
                    .collect(),
            ));
            by_area.retain(|(_, items)| !items.is_empty());
            (c.id.as_str(), by_area)
        })
        .collect()
}

/// How many of `items` are done (by category), of how many: `2/15 done`.
fn progress_text(data: &Dataset, items: &[&Deliverable]) -> String {
    let counts = status_counts(data, items.iter().copied());
    format!("{}/{} done", finished(data, &counts), items.len())
}

/// The deliverable's other areas, by name (`also Data, 6G`), or nothing.
fn other_areas(data: &Dataset, d: &Deliverable) -> String {
    let first = first_area(data, d);
    let others: Vec<String> = d
        .areas
        .iter()
        .filter(|a| Some(a.as_str()) != first)
        .map(|a| {
            data.area(a)
                .map_or_else(|| one_line(a), |x| one_line(&x.name))
        })
        .collect();
    if others.is_empty() {
        String::new()
    } else {
        format!(" · also {}", others.join(", "))
    }
}

fn counts_text(data: &Dataset, items: &[&Deliverable]) -> String {
    let counts = status_counts(data, items.iter().copied());
    let parts: Vec<String> = data
        .statuses
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{n} {}", one_line(&s.name)))
        .collect();
    if parts.is_empty() {
        "none".to_string()
    } else {
        parts.join(", ")
    }
}

/// The lines a change of long text removed and added (each line once, in order), so that
/// a one-line addition to a long note reads as that line.
pub(crate) fn lines_changed<'a>(
    from: Option<&'a str>,
    to: Option<&'a str>,
) -> (Vec<&'a str>, Vec<&'a str>) {
    let old: Vec<&str> = from.map_or(vec![], |s| s.lines().collect());
    let new: Vec<&str> = to.map_or(vec![], |s| s.lines().collect());
    // Lines kept are matched one for one, so a repeated line added still counts.
    let mut unmatched_old = old.clone();
    let mut added = Vec::new();
    for line in &new {
        match unmatched_old.iter().position(|l| l == line) {
            Some(i) => {
                unmatched_old.remove(i);
            }
            None => added.push(*line),
        }
    }
    let removed = unmatched_old
        .into_iter()
        .filter(|l| !l.trim().is_empty())
        .collect();
    added.retain(|l| !l.trim().is_empty());
    (removed, added)
}

/// What a change of long text says on one line: the lines added and removed, never the
/// old text again.
pub(crate) fn text_change(from: Option<&str>, to: Option<&str>) -> String {
    if to.is_none() {
        return "removed".to_string();
    }
    let (removed, added) = lines_changed(from, to);
    let quote = |lines: &[&str]| {
        lines
            .iter()
            .map(|l| format!("“{}”", one_line(l.trim())))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut parts = Vec::new();
    if !added.is_empty() {
        parts.push(format!("added {}", quote(&added)));
    }
    if !removed.is_empty() {
        parts.push(format!("removed {}", quote(&removed)));
    }
    if parts.is_empty() {
        // Only spacing or the order of lines changed.
        return "reworded".to_string();
    }
    parts.join("; ")
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
    let history = d.history();
    let created = history
        .iter()
        .position(|h| h.field.as_deref() == Some("created"))
        .unwrap_or(0);
    let then = |field: Editable| -> Option<String> {
        match history[created..]
            .iter()
            .find(|h| h.field.as_deref() == Some(field.key()))
        {
            Some(h) => h.from.as_deref().map(str::to_string),
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
/// `restored`, `note` (a note alone, said after), `notes: added “…”`, or `field: old → new`.
pub(crate) fn entry_words(data: &Dataset, d: &Deliverable, h: &HistoryEntry) -> String {
    let field = h.field.as_deref().unwrap_or("?");
    match field {
        "created" => format!("added ({})", added_text(data, d)),
        "removed" | "restored" | "note" => field.to_string(),
        "notes" => format!("notes: {}", text_change(h.from.as_deref(), h.to.as_deref())),
        _ => format!(
            "{}: {} → {}",
            one_line(field),
            value_text(field, h.from.as_deref()),
            value_text(field, h.to.as_deref())
        ),
    }
}

fn change_text(data: &Dataset, d: &Deliverable, h: &HistoryEntry, zone: &Zone) -> String {
    let at = one_line(
        &h.at
            .as_deref()
            .map_or_else(|| "?".to_string(), |a| zone.dated(a)),
    );
    let mut s = format!("{at} {}", entry_words(data, d, h));
    if let Some(by) = &h.by {
        let _ = write!(s, " by {}", one_line(by));
    }
    if let Some(note) = &h.note {
        let _ = write!(s, " — {}", one_line(note));
    }
    s
}

/// How a report is written: Markdown, or plain text for an e-mail (wrapped, no markup).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Markdown,
    Text,
}

/// When and where a report is made: its times are local with the zone.
pub(crate) struct Made<'a> {
    pub(crate) zone: &'a Zone,
    /// Now, RFC 3339 UTC.
    pub(crate) now: &'a str,
}

/// Plain text is wrapped at this width.
const TEXT_WIDTH: usize = 72;

/// The report's lines, written in a style.
struct Out {
    style: Style,
    text: String,
}

impl Out {
    fn heading(&mut self, level: usize, text: &str) {
        match self.style {
            Style::Markdown => {
                let _ = writeln!(self.text, "{} {text}\n", "#".repeat(level));
            }
            Style::Text => {
                let rule = match level {
                    1 => "=",
                    2 => "-",
                    _ => "",
                };
                let _ = writeln!(self.text, "{text}");
                if !rule.is_empty() {
                    let _ = writeln!(self.text, "{}", rule.repeat(text.width().min(TEXT_WIDTH)));
                }
                self.text.push('\n');
            }
        }
    }

    fn para(&mut self, text: &str) {
        self.wrapped("", "", text);
        self.text.push('\n');
    }

    /// A line of a list at `depth` (0 or 1).
    fn item(&mut self, depth: usize, text: &str) {
        let indent = "  ".repeat(depth);
        self.wrapped(&format!("{indent}- "), &format!("{indent}  "), text);
    }

    fn wrapped(&mut self, first: &str, rest: &str, text: &str) {
        if self.style == Style::Markdown {
            let _ = writeln!(self.text, "{first}{text}");
            return;
        }
        let mut line = first.to_string();
        let mut empty = true;
        for word in text.split(' ') {
            if !empty && line.width() + 1 + word.width() > TEXT_WIDTH {
                let _ = writeln!(self.text, "{line}");
                line = rest.to_string();
                empty = true;
            }
            if !empty {
                line.push(' ');
            }
            line.push_str(word);
            empty = false;
        }
        let _ = writeln!(self.text, "{line}");
    }

    fn blank(&mut self) {
        self.text.push('\n');
    }
}

/// The report: every deliverable (once, under its first area), or with `since` (a date,
/// its local midnight) the minutes: only the changes recorded from then on, each saying
/// only what changed.
pub(crate) fn report(data: &Dataset, since: Option<&str>, style: Style, made: &Made) -> String {
    let zone = made.zone;
    let from = since.map(|s| zone.midnight(s).unwrap_or_else(|| s.to_string()));
    let from = from.as_deref();
    let mut out = Out {
        style,
        text: String::new(),
    };
    let title = one_line(data.title.as_deref().unwrap_or("Council outcomes"));
    let strong = match style {
        Style::Markdown => "**",
        Style::Text => "",
    };
    match from {
        Some(f) => {
            out.heading(1, &format!("Minutes: {title}"));
            out.para(&format!(
                "Changes recorded from {} until this was made, {}.",
                zone.dated(f),
                zone.dated(made.now)
            ));
        }
        None => {
            out.heading(1, &title);
            out.para(&format!("Status on {}.", zone.dated(made.now)));
            // Removed deliverables are in no figure.
            let live: Vec<&Deliverable> = data.deliverables.iter().filter(|d| !d.removed).collect();
            let counts = status_counts(data, live.iter().copied());
            let (done, total) = (finished(data, &counts), live.len());
            let percent = (done * 100).checked_div(total).unwrap_or(0);
            out.para(&format!("Overall: {done}/{total} done ({percent}%)"));
        }
    }
    let mut any_change = false;
    // Minutes still say what was removed: its deliverables are in them.
    for (council_id, areas) in groups(data, from.is_some()) {
        let Some(council) = data.council(council_id) else {
            continue;
        };
        let of_council = data.deliverables.iter().filter(|d| d.council == council_id);
        let all: Vec<&Deliverable> = of_council.clone().filter(|d| !d.removed).collect();
        let met_in_period = met_in_period(council, from, zone);
        let is_new = |d: &Deliverable| met_in_period && agreed_unrecorded(d);
        let changed: Vec<&Deliverable> = match from {
            Some(f) => of_council
                .filter(|d| !entries_since(d, f).is_empty() || is_new(d))
                .collect(),
            None => all.clone(),
        };
        if from.is_some() && changed.is_empty() {
            continue;
        }
        out.heading(2, &one_line(&council.name));
        let mut facts: Vec<String> = [&council.date, &council.location]
            .into_iter()
            .flatten()
            .map(|s| one_line(s))
            .collect();
        facts.push(format!(
            "{}: {}",
            plural(all.len(), "deliverable"),
            counts_text(data, &all)
        ));
        facts.push(progress_text(data, &all));
        out.para(&facts.join(" · "));
        // Looked up for every item: a set, not a walk of the council's list each time.
        let changed_ids: std::collections::HashSet<&str> =
            changed.iter().map(|c| c.id.as_str()).collect();
        for (area_id, items) in areas {
            let items: Vec<&Deliverable> = items
                .into_iter()
                .filter(|d| changed_ids.contains(d.id.as_str()))
                .collect();
            if items.is_empty() {
                continue;
            }
            let area_name = area_id
                .and_then(|a| data.area(a))
                .map_or("No area".to_string(), |a| one_line(&a.name));
            let live: Vec<&Deliverable> = items.iter().copied().filter(|d| !d.removed).collect();
            out.heading(3, &format!("{area_name} ({})", counts_text(data, &live)));
            for d in items {
                let status = match style {
                    Style::Markdown => format!("`{}`", one_line(&d.status)),
                    Style::Text => format!("[{}]", one_line(&d.status)),
                };
                out.item(
                    0,
                    &format!(
                        "{strong}{}{strong} {status} ({}){}{}",
                        one_line(&d.title),
                        one_line(&d.id),
                        other_areas(data, d),
                        if d.removed { " — removed" } else { "" }
                    ),
                );
                if let Some(f) = from {
                    if is_new(d) {
                        any_change = true;
                        let date = council.date.as_deref().map(one_line).unwrap_or_default();
                        out.item(1, &format!("new: agreed at the council of {date}"));
                    }
                    // Only what changed: a status change does not repeat the old notes.
                    for h in entries_since(d, f) {
                        any_change = true;
                        out.item(1, &change_text(data, d, &h, zone));
                    }
                }
            }
            out.blank();
        }
    }
    if let (Some(f), false) = (from, any_change) {
        out.para(&format!("No changes recorded since {}.", zone.dated(f)));
    }
    let mut text = out.text;
    while text.ends_with("\n\n") {
        text.pop();
    }
    text
}

/// True when the council met at or after `from` (its date's local midnight in `zone`).
fn met_in_period(council: &crate::model::Council, from: Option<&str>, zone: &Zone) -> bool {
    council
        .date
        .as_deref()
        .and_then(|date| zone.midnight(date))
        .zip(from)
        .is_some_and(|(met, f)| met.as_str() >= f)
}

/// A council that met in the period agreed its deliverables then: those without any history
/// (added by hand) are new in the period, though no entry says so. The same rule as the
/// changes view's (`figures::changed_since`).
fn agreed_unrecorded(d: &Deliverable) -> bool {
    !d.has_history() && !d.removed
}

/// The report as CSV (times as the file keeps them, UTC); with `since` (a date, from its
/// local midnight in `zone`), one row per change, and one (field `new`) per deliverable
/// agreed by a council that met in the period and not recorded since.
pub(crate) fn csv(data: &Dataset, since: Option<&str>, zone: &Zone) -> Result<String, csv::Error> {
    let from = since.map(|s| zone.midnight(s).unwrap_or_else(|| s.to_string()));
    let since = from.as_deref();
    let mut w = csv::Writer::from_writer(Vec::new());
    match since {
        None => w.write_record(["council", "area", "id", "title", "status", "owner", "due"])?,
        Some(_) => w.write_record([
            "council", "area", "id", "title", "at", "field", "from", "to", "by", "note",
        ])?,
    }
    // One row per deliverable (or per change), under the deliverable's first area.
    for (council_id, areas) in groups(data, since.is_some()) {
        let council = data.council(council_id);
        let met = council.is_some_and(|c| met_in_period(c, since, zone));
        let met_on = council.and_then(|c| c.date.as_deref()).unwrap_or("");
        let agreed = format!("agreed at the council of {met_on}");
        for (area_id, items) in areas {
            for d in items {
                let base = [council_id, area_id.unwrap_or(""), &d.id, &d.title];
                // A creation's note says what it was added with, as the text minutes do.
                let created = |h: &HistoryEntry| h.field.as_deref() == Some("created");
                let changes = since.map_or(vec![], |s| entries_since(d, s));
                let added = changes.iter().any(created).then(|| added_text(data, d));
                let rows: Vec<Vec<&str>> = match since {
                    None => {
                        let extra = [
                            &d.status,
                            d.owner.as_deref().unwrap_or(""),
                            d.due.as_deref().unwrap_or(""),
                        ];
                        vec![base.iter().copied().chain(extra).collect()]
                    }
                    Some(_) if met && agreed_unrecorded(d) => {
                        let extra = [met_on, "new", "", &d.status, "", &agreed];
                        vec![base.iter().copied().chain(extra).collect()]
                    }
                    Some(_) => changes
                        .iter()
                        .map(|h| {
                            let mut extra = [&h.at, &h.field, &h.from, &h.to, &h.by, &h.note]
                                .map(|v| v.as_deref().unwrap_or(""));
                            if h.field.as_deref() == Some("created") && h.note.is_none() {
                                extra[5] = added.as_deref().unwrap_or("");
                            }
                            base.iter().copied().chain(extra).collect()
                        })
                        .collect(),
                };
                // Line breaks stay real inside quoted fields; other controls are made safe.
                for row in rows {
                    w.write_record(row.iter().map(|cell| {
                        terminal_text::clean(cell, terminal_text::Lines::Keep).into_owned()
                    }))?;
                }
            }
        }
    }
    let bytes = w
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
