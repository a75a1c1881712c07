//! Answering a file's conflict markers one region at a time (keep ours, take theirs), as the
//! terminal UI asks them; when every region has an answer, the resolved text must be a valid
//! dataset before it replaces the document. Pure: no terminal, no disk.

use crate::conflicted::{self, Conflicted, Place, Side};
use crate::document::Document;
use crate::edit::{self, Entry};
use crate::model::Editable;

/// The note of an entry that records the value a conflict was resolved to.
pub const KEPT_NOTE: &str = "kept when a merge's conflict was resolved";

/// The questions a file in conflict asks, and the answers so far.
#[derive(Debug, Clone)]
pub struct FileConflicts {
    text: Conflicted,
    places: Vec<Place>,
    choices: Vec<Option<Side>>,
    cursor: usize,
    /// When the questions are asked (RFC 3339): the time of the entries that record a value
    /// kept.
    at: String,
}

/// What an answer led to.
#[derive(Debug)]
pub enum Answered {
    /// More regions wait for an answer.
    Asking,
    /// Every region has an answer and the file they make is valid.
    Resolved(Box<Document>),
    /// Every region has an answer but the file they make is not valid (its first problem):
    /// the answers are kept for the user to change.
    Invalid(String),
}

impl FileConflicts {
    /// The conflicts of `text`, asked at `at` (RFC 3339, UTC); `None` when it has no conflict
    /// markers, an error when the markers do not make whole regions.
    pub fn read(text: &str, at: &str) -> Option<Result<FileConflicts, String>> {
        if !conflicted::has_markers(text) {
            return None;
        }
        Some(match conflicted::read(text) {
            Ok(c) => {
                let places = c.places();
                Ok(FileConflicts {
                    choices: vec![None; places.len()],
                    places,
                    text: c,
                    cursor: 0,
                    at: at.to_string(),
                })
            }
            Err(e) => Err(format!("line {}: {}", e.line, e.message)),
        })
    }

    /// The document with every region as ours: what is shown behind the questions.
    pub fn ours(&self) -> Result<Document, String> {
        self.document(&vec![Side::Ours; self.places.len()])
    }

    fn document(&self, choices: &[Side]) -> Result<Document, String> {
        let text = self.text.resolve(choices).unwrap_or_default();
        Document::from_text(text).map_err(|e| {
            e.lines("the file")
                .into_iter()
                .next()
                .unwrap_or_else(|| "not a valid dataset".into())
        })
    }

    pub fn places(&self) -> &[Place] {
        &self.places
    }

    pub fn choices(&self) -> &[Option<Side>] {
        &self.choices
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.places.len().saturating_sub(1);
        self.cursor = self.cursor.saturating_add_signed(delta).min(last);
    }

    /// Answers the region under the cursor and moves on to the next one without an answer.
    pub fn answer(&mut self, side: Side) -> Answered {
        if let Some(c) = self.choices.get_mut(self.cursor) {
            *c = Some(side);
        }
        if let Some(next) = self.choices.iter().position(Option::is_none) {
            self.cursor = next;
        }
        self.outcome()
    }

    /// Answers every region that has no answer yet.
    pub fn answer_rest(&mut self, side: Side) -> Answered {
        for c in &mut self.choices {
            c.get_or_insert(side);
        }
        self.outcome()
    }

    fn outcome(&self) -> Answered {
        let Some(all) = self.choices.iter().copied().collect::<Option<Vec<Side>>>() else {
            return Answered::Asking;
        };
        match self.document(&all) {
            Ok(mut doc) => {
                self.record_kept(&mut doc);
                Answered::Resolved(Box::new(doc))
            }
            Err(e) => Answered::Invalid(e),
        }
    }

    /// Both sides' history entries are kept in time order, so a field's last entry is the
    /// later side's whichever side is kept: for each field of a deliverable whose last entry
    /// names another value than the one kept, an entry that records the value kept.
    fn record_kept(&self, doc: &mut Document) {
        for place in &self.places {
            let (Some(id), Some(key)) = (&place.deliverable, &place.field) else {
                continue;
            };
            // Removals have entries of their own kind; a field of an object inside the
            // deliverable has none.
            let Some(field) = Editable::from_key(key).filter(|f| *f != Editable::Removed) else {
                continue;
            };
            if place.holder.as_deref() != Some(format!("deliverables[{id}]").as_str()) {
                continue;
            }
            let Some(index) = doc.data().deliverable_index(id) else {
                continue;
            };
            let d = &doc.data().deliverables[index];
            let kept = field.value(d).map(std::borrow::Cow::into_owned);
            let Some(last) = d
                .history()
                .into_iter()
                .rev()
                .find(|h| h.field.as_deref() == Some(key))
            else {
                continue;
            };
            let named = last.to.as_deref().map(str::to_string);
            if same_value(field, named.as_deref(), kept.as_deref()) {
                continue;
            }
            let entry = Entry::Kept {
                at: &self.at,
                field,
                from: named.as_deref(),
                to: kept.as_deref(),
                note: KEPT_NOTE,
            };
            if let Some(patch) = edit::entry_patch(doc, index, &entry) {
                doc.apply(&patch);
            }
        }
    }
}

/// Whether a history entry's value and a field's value are the same (a list of areas however
/// it is spaced).
fn same_value(field: Editable, a: Option<&str>, b: Option<&str>) -> bool {
    match (field, a, b) {
        (Editable::Areas, Some(a), Some(b)) => {
            crate::model::areas_of(a).is_some_and(|a| Some(a) == crate::model::areas_of(b))
        }
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AT: &str = "2026-12-01T09:00:00Z";

    const TEXT: &str = "{\n  \"version\": 1,\n  \"councils\": [{\"id\": \"c\", \"name\": \"C\"}],\n  \"deliverables\": [\n    {\n      \"id\": \"a\",\n      \"council\": \"c\",\n      \"title\": \"A\",\n<<<<<<< ours\n      \"status\": \"done\"\n=======\n      \"status\": \"blocked\"\n>>>>>>> theirs\n    },\n    {\n      \"id\": \"b\",\n      \"council\": \"c\",\n      \"title\": \"B\",\n<<<<<<< ours\n      \"status\": \"planned\"\n=======\n      \"status\": \"dropped\"\n>>>>>>> theirs\n    }\n  ]\n}\n";

    #[test]
    fn each_region_is_asked_then_the_file_is_resolved() {
        let mut f = FileConflicts::read(TEXT, AT).unwrap().unwrap();
        assert_eq!(f.places().len(), 2);
        assert_eq!(f.places()[0].deliverable.as_deref(), Some("a"));
        assert_eq!(f.ours().unwrap().data().deliverables[0].status, "done");
        assert!(matches!(f.answer(Side::Theirs), Answered::Asking));
        assert_eq!(f.cursor(), 1);
        let Answered::Resolved(doc) = f.answer(Side::Ours) else {
            panic!("not resolved")
        };
        let d = &doc.data().deliverables;
        assert_eq!(
            (d[0].status.as_str(), d[1].status.as_str()),
            ("blocked", "planned")
        );
        assert!(!doc.text().contains("<<<<<<<"));
    }

    #[test]
    fn the_rest_at_once_and_an_answer_can_be_changed() {
        let mut f = FileConflicts::read(TEXT, AT).unwrap().unwrap();
        f.move_by(1);
        assert!(matches!(f.answer(Side::Ours), Answered::Asking));
        assert_eq!(f.cursor(), 0, "back to the one without an answer");
        let Answered::Resolved(doc) = f.answer_rest(Side::Theirs) else {
            panic!("not resolved")
        };
        assert_eq!(doc.data().deliverables[0].status, "blocked");
        assert_eq!(doc.data().deliverables[1].status, "planned");
    }

    #[test]
    fn answers_that_make_a_bad_file_are_said_and_kept() {
        let broken = TEXT.replacen("      \"status\": \"blocked\"\n", "      \"status\": \n", 1);
        let mut f = FileConflicts::read(&broken, AT).unwrap().unwrap();
        let Answered::Invalid(why) = f.answer_rest(Side::Theirs) else {
            panic!("a broken side was accepted")
        };
        assert!(why.starts_with("the file:"), "{why}");
        assert_eq!(f.choices(), [Some(Side::Theirs), Some(Side::Theirs)]);
        // Another answer for the broken region makes a valid file.
        assert!(matches!(f.answer(Side::Ours), Answered::Resolved(_)));
    }

    #[test]
    fn a_value_kept_that_the_last_entry_does_not_name_gets_an_entry_that_does() {
        // Ours set "done" first, theirs "blocked" later: their entry is the last.
        let entry = |to: &str, at: &str| {
            format!(
                "{{\"at\": \"{at}\", \"field\": \"status\", \"from\": \"planned\", \"to\": \"{to}\"}}"
            )
        };
        let history = format!(
            "      \"history\": [{}, {}],\n",
            entry("done", "2026-03-01T09:00:00Z"),
            entry("blocked", "2026-03-02T09:00:00Z")
        );
        let text = TEXT.replacen(
            "      \"title\": \"A\",\n",
            &format!("      \"title\": \"A\",\n{history}"),
            1,
        );
        let last = |doc: &Document| {
            let h = doc.data().deliverables[0].history();
            let e = h.last().unwrap();
            let s = |v: &Option<crate::shared_str::SharedStr>| v.as_deref().map(str::to_string);
            (h.len(), s(&e.from), s(&e.to), s(&e.at), s(&e.note))
        };
        // Theirs kept: the last entry names it already.
        let mut f = FileConflicts::read(&text, AT).unwrap().unwrap();
        let Answered::Resolved(doc) = f.answer_rest(Side::Theirs) else {
            panic!("not resolved")
        };
        assert_eq!(last(&doc).0, 2);
        // Ours kept: one entry more, from the value discarded to the value kept.
        let mut f = FileConflicts::read(&text, AT).unwrap().unwrap();
        let Answered::Resolved(doc) = f.answer_rest(Side::Ours) else {
            panic!("not resolved")
        };
        assert_eq!(
            last(&doc),
            (
                3,
                Some("blocked".into()),
                Some("done".into()),
                Some(AT.into()),
                Some(KEPT_NOTE.into())
            )
        );
        // b has no history: nothing to correct.
        assert!(!doc.data().deliverables[1].has_history());
    }

    #[test]
    fn a_file_without_markers_asks_nothing() {
        assert!(FileConflicts::read("{\"version\": 1}", AT).is_none());
        let bad = FileConflicts::read("<<<<<<< ours\n{}\n", AT).unwrap();
        assert!(bad.is_err());
    }
}
