//! Answering a file's conflict markers one region at a time (keep ours, take theirs), as the
//! terminal UI asks them; when every region has an answer, the resolved text must be a valid
//! dataset before it replaces the document. Pure: no terminal, no disk.

use crate::conflicted::{self, Conflicted, Place, Side};
use crate::document::Document;

/// The questions a file in conflict asks, and the answers so far.
#[derive(Debug, Clone)]
pub struct FileConflicts {
    text: Conflicted,
    places: Vec<Place>,
    choices: Vec<Option<Side>>,
    cursor: usize,
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
    /// The conflicts of `text`; `None` when it has no conflict markers, an error when the
    /// markers do not make whole regions.
    pub fn read(text: &str) -> Option<Result<FileConflicts, String>> {
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
            Ok(doc) => Answered::Resolved(Box::new(doc)),
            Err(e) => Answered::Invalid(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "{\n  \"version\": 1,\n  \"councils\": [{\"id\": \"c\", \"name\": \"C\"}],\n  \"deliverables\": [\n    {\n      \"id\": \"a\",\n      \"council\": \"c\",\n      \"title\": \"A\",\n<<<<<<< ours\n      \"status\": \"done\"\n=======\n      \"status\": \"blocked\"\n>>>>>>> theirs\n    },\n    {\n      \"id\": \"b\",\n      \"council\": \"c\",\n      \"title\": \"B\",\n<<<<<<< ours\n      \"status\": \"planned\"\n=======\n      \"status\": \"dropped\"\n>>>>>>> theirs\n    }\n  ]\n}\n";

    #[test]
    fn each_region_is_asked_then_the_file_is_resolved() {
        let mut f = FileConflicts::read(TEXT).unwrap().unwrap();
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
        let mut f = FileConflicts::read(TEXT).unwrap().unwrap();
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
        let mut f = FileConflicts::read(&broken).unwrap().unwrap();
        let Answered::Invalid(why) = f.answer_rest(Side::Theirs) else {
            panic!("a broken side was accepted")
        };
        assert!(why.starts_with("the file:"), "{why}");
        assert_eq!(f.choices(), [Some(Side::Theirs), Some(Side::Theirs)]);
        // Another answer for the broken region makes a valid file.
        assert!(matches!(f.answer(Side::Ours), Answered::Resolved(_)));
    }

    #[test]
    fn a_file_without_markers_asks_nothing() {
        assert!(FileConflicts::read("{\"version\": 1}").is_none());
        let bad = FileConflicts::read("<<<<<<< ours\n{}\n").unwrap();
        assert!(bad.is_err());
    }
}
