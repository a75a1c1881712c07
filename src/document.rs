//! A dataset held as its original text plus the model read from it.
//! Edits are splices into the text, so every byte the program did not edit stays as it was.

use std::sync::Arc;

use crate::load::{self, LoadError, Vocabulary};
use crate::model::Dataset;

/// One replacement in the text: `removed` at byte `at` becomes `inserted`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Splice {
    pub at: usize,
    pub removed: String,
    pub inserted: String,
}

/// The splices of one edit to one deliverable, in ascending order of position, applied as a unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Patch {
    pub deliverable: usize,
    pub splices: Vec<Splice>,
}

#[derive(Debug, Clone)]
pub struct Document {
    /// Shared with a save under way, which writes it while keys go on: an edit then works
    /// on its own copy (`text_mut`), otherwise in place.
    text: Arc<String>,
    data: Dataset,
}

impl Document {
    /// Reads a file's bytes: UTF-8 check, then parsing and validation.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Self, LoadError> {
        let text = load::decode_text(bytes)?;
        Self::from_text(text)
    }

    pub fn from_text(text: String) -> Result<Self, LoadError> {
        let data = load::parse(&text)?;
        Ok(Document {
            text: Arc::new(text),
            data,
        })
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text to write, without copying it.
    pub fn shared_text(&self) -> Arc<String> {
        Arc::clone(&self.text)
    }

    fn text_mut(&mut self) -> &mut String {
        Arc::make_mut(&mut self.text)
    }

    pub fn data(&self) -> &Dataset {
        &self.data
    }

    /// Applies a patch; false (and nothing changed) if the text is not what the patch expects.
    pub fn apply(&mut self, patch: &Patch) -> bool {
        self.splice_all(patch.deliverable, &patch.splices)
    }

    /// Undoes a patch that was the last one applied to this text; false (and nothing changed)
    /// if the text does not match.
    pub fn revert(&mut self, patch: &Patch) -> bool {
        self.splice_all(patch.deliverable, &inverse(&patch.splices))
    }

    /// Applies a splice anywhere in the text (an object added to a list, a member of a
    /// council) and reads the whole text again; false (and nothing changed) if the text is not
    /// what the splice expects or the result is not a valid dataset.
    pub fn splice(&mut self, splice: &Splice) -> bool {
        let end = splice.at + splice.removed.len();
        if self.text.get(splice.at..end) != Some(splice.removed.as_str()) {
            return false;
        }
        // A deliverable added or taken out between others: read that one alone (a large
        // file is not read again whole for it).
        if let Some(done) = self.splice_one_deliverable(splice) {
            return done;
        }
        let mut text = String::with_capacity(self.text.len() + splice.inserted.len());
        text.push_str(&self.text[..splice.at]);
        text.push_str(&splice.inserted);
        text.push_str(&self.text[end..]);
        match load::parse(&text) {
            Ok(data) => {
                self.text = Arc::new(text);
                self.data = data;
                true
            }
            Err(_) => false,
        }
    }

    /// `splice` when it adds or takes out exactly one deliverable (with one comma and white
    /// space) between the deliverables there are: `None` when it is anything else.
    fn splice_one_deliverable(&mut self, splice: &Splice) -> Option<bool> {
        let list = &self.data.deliverables;
        let (first, last) = (list.first()?, list.last()?);
        // Only the object, one comma and white space: nothing else of the text changes.
        let lone = |piece: &str| -> Option<std::ops::Range<usize>> {
            let open = piece.find('{')?;
            let close = piece.rfind('}')? + 1;
            let rest = format!("{}{}", &piece[..open], &piece[close..]);
            let commas = rest.matches(',').count();
            (commas == 1 && rest.chars().all(|c| c == ',' || c.is_ascii_whitespace()))
                .then_some(open..close)
        };
        let end = splice.at + splice.removed.len();
        if splice.removed.is_empty() {
            let object = lone(&splice.inserted)?;
            // Between two deliverables, or right after one of them.
            if splice.at < first.spans.object.end || splice.at > last.spans.object.end {
                return None;
            }
            let i = list.partition_point(|d| d.spans.object.end <= splice.at);
            if list
                .get(i)
                .is_some_and(|d| d.spans.object.start < splice.at)
            {
                return None;
            }
            let mut text = String::with_capacity(self.text.len() + splice.inserted.len());
            text.push_str(&self.text[..splice.at]);
            text.push_str(&splice.inserted);
            text.push_str(&self.text[splice.at..]);
            let span = splice.at + object.start..splice.at + object.end;
            let vocab = Vocabulary::of(&self.data);
            let fresh = load::reread_deliverable(&text, span, &vocab)?;
            if self.data.deliverable_index(&fresh.id).is_some() {
                return Some(false);
            }
            let shift = splice.inserted.len() as isize;
            for later in &mut self.data.deliverables[i..] {
                later.spans.shift(shift);
            }
            self.data.deliverables.insert(i, fresh);
            self.text = Arc::new(text);
            return Some(true);
        }
        if !splice.inserted.is_empty() {
            return None;
        }
        let object = lone(&splice.removed)?;
        let span = splice.at + object.start..splice.at + object.end;
        let j = list.iter().position(|d| d.spans.object == span)?;
        // The comma goes with it: the one before it, or for the first the one after it.
        let before = splice.removed[..object.start].contains(',');
        if before == (j == 0) || (!before && list.len() < 2) {
            return None;
        }
        self.text_mut().replace_range(splice.at..end, "");
        self.data.deliverables.remove(j);
        for later in &mut self.data.deliverables[j..] {
            later.spans.shift(-(splice.removed.len() as isize));
        }
        Some(true)
    }

    /// Applies `splices` (ascending, non-overlapping, positions in the current text) inside one
    /// deliverable's object, then re-reads that deliverable and moves the spans of later ones.
    fn splice_all(&mut self, index: usize, splices: &[Splice]) -> bool {
        let Some(d) = self.data.deliverables.get(index) else {
            return false;
        };
        let object = d.spans.object.clone();
        // Check everything first so that a mismatch changes nothing.
        let fits = splices.iter().all(|s| {
            let end = s.at + s.removed.len();
            s.at >= object.start
                && end <= object.end
                && self.text.get(s.at..end) == Some(s.removed.as_str())
        });
        if !fits {
            return false;
        }
        // The object is rebuilt aside and put back in one move: the rest of a large file's
        // text moves once per edit, not once per splice.
        let mut rebuilt = String::with_capacity(object.len() + 256);
        let mut at = object.start;
        for s in splices {
            rebuilt.push_str(&self.text[at..s.at]);
            rebuilt.push_str(&s.inserted);
            at = s.at + s.removed.len();
        }
        rebuilt.push_str(&self.text[at..object.end]);
        self.text_mut().replace_range(object.clone(), &rebuilt);
        let shift: isize = splices
            .iter()
            .map(|s| s.inserted.len() as isize - s.removed.len() as isize)
            .sum();
        let new_object = object.start..object.end.wrapping_add_signed(shift);
        let vocab = Vocabulary::of(&self.data);
        if let Some(fresh) = load::reread_deliverable(&self.text, new_object, &vocab) {
            self.data.deliverables[index] = fresh;
            for later in &mut self.data.deliverables[index + 1..] {
                later.spans.shift(shift);
            }
            return true;
        }
        // Only a patch not built by `edit.rs` can get here; put the text back as it was.
        for s in inverse(splices).iter().rev() {
            self.text_mut()
                .replace_range(s.at..s.at + s.removed.len(), &s.inserted);
        }
        false
    }
}

impl Splice {
    /// The splice that takes this one back, in the text as it is after it.
    pub fn inverse(&self) -> Splice {
        Splice {
            at: self.at,
            removed: self.inserted.clone(),
            inserted: self.removed.clone(),
        }
    }
}

/// The splices that undo `splices`, positioned in the text as it is after them.
fn inverse(splices: &[Splice]) -> Vec<Splice> {
    let mut shift: isize = 0;
    splices
        .iter()
        .map(|s| {
            let at = s.at.wrapping_add_signed(shift);
            shift += s.inserted.len() as isize - s.removed.len() as isize;
            Splice {
                at,
                removed: s.inserted.clone(),
                inserted: s.removed.clone(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "{\n  \"version\": 1,\n  \"councils\": [{\"id\": \"c\", \"name\": \"C\"}],\n  \"deliverables\": [\n    {\"id\": \"a\", \"council\": \"c\", \"title\": \"A\", \"status\": \"planned\"},\n    {\"id\": \"b\", \"council\": \"c\", \"title\": \"B\", \"status\": \"done\"}\n  ]\n}\n";

    /// Each splice applied, the model is what reading the whole text gives.
    fn check(doc: &mut Document, splice: &Splice) {
        assert!(doc.splice(splice), "{splice:?}");
        let whole = Document::from_text(doc.text().to_string()).unwrap();
        assert_eq!(doc.data(), whole.data());
    }

    #[test]
    fn one_deliverable_in_or_out_reads_only_that_one_and_agrees_with_a_whole_read() {
        let mut doc = Document::from_text(TEXT.to_string()).unwrap();
        let new =
            ",\n    {\"id\": \"n\", \"council\": \"c\", \"title\": \"N\", \"status\": \"planned\"}";
        let after_a = TEXT.find("},\n    {\"id\": \"b\"").unwrap() + 1;
        let after_b = TEXT.rfind("}\n  ]").unwrap() + 1;
        for at in [after_a, after_b] {
            let mut d = doc.clone();
            let s = Splice {
                at,
                removed: String::new(),
                inserted: new.to_string(),
            };
            check(&mut d, &s);
            check(&mut d, &s.inverse());
            assert_eq!(d.text(), TEXT);
        }
        // The first one out, with the comma after it.
        let start = TEXT.find("{\"id\": \"a\"").unwrap();
        let next = TEXT.find("{\"id\": \"b\"").unwrap();
        let s = Splice {
            at: start,
            removed: TEXT[start..next].to_string(),
            inserted: String::new(),
        };
        check(&mut doc, &s);
        check(&mut doc, &s.inverse());
        assert_eq!(doc.text(), TEXT);
        // A duplicate id is refused and changes nothing.
        let dup = Splice {
            at: after_b,
            removed: String::new(),
            inserted: new.replace("\"n\"", "\"a\""),
        };
        assert!(!doc.splice(&dup));
        assert_eq!(doc.text(), TEXT);
    }
}
