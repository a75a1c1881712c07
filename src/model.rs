//! The dataset as the program understands it: councils, areas, deliverables.
//! Plain data with lookups; no I/O and no knowledge of the file's text.

use std::borrow::Cow;
use std::ops::Range;

/// The statuses used when a file has no `statuses` list.
pub const DEFAULT_STATUSES: [&str; 5] = ["planned", "in_progress", "done", "blocked", "dropped"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Council {
    pub id: String,
    pub name: String,
    pub date: Option<String>,
    pub location: Option<String>,
    pub chairs: Vec<String>,
    pub summary: Option<String>,
    pub source_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Area {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    pub at: Option<String>,
    pub field: Option<String>,
    /// The recorded values, as text (a JSON value that is not a string is kept as its JSON spelling).
    pub from: Option<String>,
    pub to: Option<String>,
    pub by: Option<String>,
    pub note: Option<String>,
}

/// Where the `history` of a deliverable sits in the text, so that an entry can be spliced in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistorySlot {
    /// `"history": [ ... ]`: the brackets' positions and the span of the last element, if any.
    Array {
        open: usize,
        close: usize,
        last: Option<Range<usize>>,
    },
    /// No `history` key: the end of the object's last value, after which one can be added.
    Missing { last_member_end: usize },
}

/// Byte positions of a deliverable in the document text (absolute offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spans {
    pub object: Range<usize>,
    /// The span of the `status` value.
    pub status: Range<usize>,
    /// The spans of the `owner`, `due` and `notes` values, when the object has them.
    pub owner: Option<Range<usize>>,
    pub due: Option<Range<usize>>,
    pub notes: Option<Range<usize>>,
    pub history: HistorySlot,
    /// Whether the object has an `areas` member (an empty list is not the same as none).
    pub has_areas: bool,
}

impl Spans {
    /// Moves every position by `delta` bytes (after a splice earlier in the text).
    pub fn shift(&mut self, delta: isize) {
        let mv = |p: &mut usize| *p = p.wrapping_add_signed(delta);
        mv(&mut self.object.start);
        mv(&mut self.object.end);
        mv(&mut self.status.start);
        mv(&mut self.status.end);
        for r in [&mut self.owner, &mut self.due, &mut self.notes]
            .into_iter()
            .flatten()
        {
            mv(&mut r.start);
            mv(&mut r.end);
        }
        match &mut self.history {
            HistorySlot::Array { open, close, last } => {
                mv(open);
                mv(close);
                if let Some(r) = last {
                    mv(&mut r.start);
                    mv(&mut r.end);
                }
            }
            HistorySlot::Missing { last_member_end } => mv(last_member_end),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deliverable {
    pub id: String,
    pub council: String,
    pub areas: Vec<String>,
    pub title: String,
    pub status: String,
    pub description: Option<String>,
    pub owner: Option<String>,
    pub due: Option<String>,
    pub notes: Option<String>,
    pub evidence: Option<String>,
    /// The deliverable this one continues (usually of an earlier council).
    pub follows: Option<String>,
    /// Removed: kept in the file (restorable) but left out of lists, counts and search.
    pub removed: bool,
    pub history: Vec<HistoryEntry>,
    pub spans: Spans,
}

/// The fields of a deliverable that the program edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Editable {
    Status,
    Owner,
    Due,
    Notes,
    Title,
    Description,
    Council,
    /// A list: its value is the JSON text of the list of area ids (`["ai","eid"]`).
    Areas,
    Follows,
    /// `"removed": true` (the value `true`) or absent (`None`). Its history entries say
    /// `removed` and `restored`.
    Removed,
}

impl Editable {
    pub const ALL: [Editable; 10] = [
        Editable::Status,
        Editable::Owner,
        Editable::Due,
        Editable::Notes,
        Editable::Title,
        Editable::Description,
        Editable::Council,
        Editable::Areas,
        Editable::Follows,
        Editable::Removed,
    ];

    /// The key in the file (and the `field` of its history entries).
    pub fn key(self) -> &'static str {
        match self {
            Editable::Status => "status",
            Editable::Owner => "owner",
            Editable::Due => "due",
            Editable::Notes => "notes",
            Editable::Title => "title",
            Editable::Description => "description",
            Editable::Council => "council",
            Editable::Areas => "areas",
            Editable::Follows => "follows",
            Editable::Removed => "removed",
        }
    }

    /// The field a command line or a history entry names, by its key.
    pub fn from_key(key: &str) -> Option<Editable> {
        Self::ALL.into_iter().find(|f| f.key() == key)
    }

    /// The value as text (`None`: the deliverable has no such member).
    pub fn value(self, d: &Deliverable) -> Option<Cow<'_, str>> {
        fn text(s: &Option<String>) -> Option<Cow<'_, str>> {
            s.as_deref().map(Cow::Borrowed)
        }
        match self {
            Editable::Status => Some(Cow::Borrowed(d.status.as_str())),
            Editable::Owner => text(&d.owner),
            Editable::Due => text(&d.due),
            Editable::Notes => text(&d.notes),
            Editable::Title => Some(Cow::Borrowed(d.title.as_str())),
            Editable::Description => text(&d.description),
            Editable::Council => Some(Cow::Borrowed(d.council.as_str())),
            Editable::Areas => d.spans.has_areas.then(|| Cow::Owned(areas_value(&d.areas))),
            Editable::Follows => text(&d.follows),
            Editable::Removed => d.removed.then_some(Cow::Borrowed("true")),
        }
    }

    /// Whether the value is written as JSON as it is (a list, `true`) rather than as a string.
    pub fn is_raw(self) -> bool {
        matches!(self, Editable::Areas | Editable::Removed)
    }

    /// Whether the file must always have it (it cannot be taken away).
    pub fn required(self) -> bool {
        matches!(self, Editable::Status | Editable::Title | Editable::Council)
    }

    /// Where the value sits in the text, if the object has the key and the spans hold it
    /// (the others are found in the object's text when needed).
    pub fn span(self, spans: &Spans) -> Option<Range<usize>> {
        match self {
            Editable::Status => Some(spans.status.clone()),
            Editable::Owner => spans.owner.clone(),
            Editable::Due => spans.due.clone(),
            Editable::Notes => spans.notes.clone(),
            _ => None,
        }
    }
}

/// The value of `Editable::Areas` for a list of area ids: its JSON text.
pub fn areas_value<S: AsRef<str>>(areas: &[S]) -> String {
    let list: Vec<&str> = areas.iter().map(AsRef::as_ref).collect();
    serde_json::to_string(&list).unwrap_or_else(|_| "[]".to_string())
}

/// The area ids of an `Editable::Areas` value; `None` when it is not a JSON list of strings.
pub fn areas_of(value: &str) -> Option<Vec<String>> {
    serde_json::from_str(value).ok()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dataset {
    pub title: Option<String>,
    pub statuses: Vec<String>,
    pub councils: Vec<Council>,
    pub areas: Vec<Area>,
    pub deliverables: Vec<Deliverable>,
}

impl Dataset {
    pub fn council(&self, id: &str) -> Option<&Council> {
        self.councils.iter().find(|c| c.id == id)
    }

    pub fn area(&self, id: &str) -> Option<&Area> {
        self.areas.iter().find(|a| a.id == id)
    }

    pub fn deliverable_index(&self, id: &str) -> Option<usize> {
        self.deliverables.iter().position(|d| d.id == id)
    }

    pub fn status_index(&self, status: &str) -> Option<usize> {
        self.statuses.iter().position(|s| s == status)
    }

    /// The status after (`step` = 1) or before (`step` = -1) `status`, wrapping around.
    pub fn cycle_status(&self, status: &str, step: isize) -> Option<&str> {
        let n = self.statuses.len() as isize;
        let i = self.status_index(status)? as isize;
        let next = (i + step).rem_euclid(n) as usize;
        Some(&self.statuses[next])
    }

    /// How many deliverables have each status, in `statuses` order.
    pub fn status_counts<'a>(
        &self,
        items: impl IntoIterator<Item = &'a Deliverable>,
    ) -> Vec<usize> {
        let mut counts = vec![0; self.statuses.len()];
        for d in items {
            if let Some(i) = self.status_index(&d.status) {
                counts[i] += 1;
            }
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dataset(statuses: &[&str]) -> Dataset {
        Dataset {
            title: None,
            statuses: statuses.iter().map(|s| s.to_string()).collect(),
            councils: vec![],
            areas: vec![],
            deliverables: vec![],
        }
    }

    #[test]
    fn cycling_wraps_both_ways_in_file_order() {
        let d = dataset(&["a", "b", "c"]);
        assert_eq!(d.cycle_status("a", 1), Some("b"));
        assert_eq!(d.cycle_status("c", 1), Some("a"));
        assert_eq!(d.cycle_status("a", -1), Some("c"));
        assert_eq!(d.cycle_status("x", 1), None);
    }
}
