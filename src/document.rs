//! A dataset held as its original text plus the model read from it.
//! Edits are splices into the text, so every byte the program did not edit stays as it was.

use std::borrow::Cow;
use std::ops::Range;

use crate::load::{self, LoadError, Vocabulary};
use crate::model::{Dataset, Deliverable};
use crate::piece_text::PieceText;

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

/// A deliverable that a new one is written after ([`Document::deliverable_neighbour`]).
pub struct Neighbour<'a> {
    /// Its object, from the start of the line it starts on.
    pub text: Cow<'a, str>,
    /// Where `text` starts in the whole text.
    pub from: usize,
    /// Its object's span in `text`.
    pub object: Range<usize>,
    /// What separates two deliverables in the list.
    pub sep: String,
}

/// A deliverable added or taken out by a splice, nothing else changed: what is derived from
/// the deliverables can follow it without a walk of them all.
#[derive(Debug, Clone)]
pub enum Moved {
    /// Added at this index; the ones from there on moved one place down.
    Added(usize),
    /// Taken out from this index (as it was); the ones after it moved one place up.
    TakenOut(usize, Box<Deliverable>),
}

impl Moved {
    /// Its index (the added one's now, the taken-out one's before), and whether it was added.
    pub fn place(&self) -> (usize, bool) {
        match self {
            Moved::Added(i) => (*i, true),
            Moved::TakenOut(i, _) => (*i, false),
        }
    }

    /// The deliverable added (as `data` holds it now) or taken out (as it was).
    pub fn deliverable<'a>(&'a self, data: &'a Dataset) -> Option<&'a Deliverable> {
        match self {
            Moved::Added(i) => data.deliverables.get(*i),
            Moved::TakenOut(_, d) => Some(d),
        }
    }

    /// Where deliverable `i` (an index from before the move) is after it; `None` for the
    /// one taken out.
    pub fn follow_index(&self, i: usize) -> Option<usize> {
        match self {
            Moved::Added(at) if i >= *at => Some(i + 1),
            Moved::TakenOut(at, _) if i == *at => None,
            Moved::TakenOut(at, _) if i > *at => Some(i - 1),
            _ => Some(i),
        }
    }

    /// A list of indices from before the move, as it is after it (the one taken out leaves).
    pub fn follow_all(&self, list: &mut Vec<usize>) {
        list.retain_mut(|i| self.follow_index(*i).map(|j| *i = j).is_some());
    }
}

#[derive(Debug, Clone)]
pub struct Document {
    /// In pieces, so that an edit costs the edit, and a save under way (which writes a copy
    /// while keys go on) shares every piece.
    text: PieceText,
    data: Dataset,
    /// What a re-read deliverable is checked against: its statuses, councils and areas change
    /// only with a whole read.
    vocab: std::sync::Arc<Vocabulary>,
    /// The deliverables added or taken out since [`Document::take_moves`] last ran; `None`
    /// once the text was read again whole for a change (then nothing says what moved).
    moves: Option<Vec<Moved>>,
}

impl Document {
    /// Reads a file's bytes: UTF-8 check, then parsing and validation.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Self, LoadError> {
        let text = load::decode_text(bytes)?;
        Self::from_text(text)
    }

    pub fn from_text(text: String) -> Result<Self, LoadError> {
        Self::from_shared(std::sync::Arc::new(text))
    }

    /// The model's strings are views into the text's own buffer: the text is held once.
    fn from_shared(text: std::sync::Arc<String>) -> Result<Self, LoadError> {
        let data = load::parse_shared(&text)?;
        Ok(Document {
            text: PieceText::from_shared(text),
            vocab: std::sync::Arc::new(Vocabulary::of(&data)),
            data,
            moves: Some(Vec::new()),
        })
    }

    /// The deliverables added or taken out since the last call, in order, when nothing else
    /// changed the list; `None` when the text was read again whole meanwhile.
    pub fn take_moves(&mut self) -> Option<Vec<Moved>> {
        self.moves.replace(Vec::new())
    }

    /// The whole text. After edits it is put together from its pieces: a cost in the size
    /// of the file, for what works on the whole text (a save, a merge, a list changed).
    pub fn text(&self) -> Cow<'_, str> {
        self.text.whole()
    }

    /// The text of `range` (positions in the whole text), if it is there.
    pub fn slice(&self, range: Range<usize>) -> Option<Cow<'_, str>> {
        self.text.get(range)
    }

    /// The start of the text (its first 64 KiB at most): enough to tell its layout.
    pub fn head(&self) -> Cow<'_, str> {
        let mut end = self.text.len().min(64 * 1024);
        while self.text.get(0..end).is_none() {
            end -= 1;
        }
        self.text.get(0..end).unwrap_or_default()
    }

    /// Deliverable `index`'s object with the start of its first line before it (what an edit
    /// of it looks at), and where that text starts in the whole text.
    pub fn object_text(&self, index: usize) -> Option<(Cow<'_, str>, usize)> {
        let object = self.data.object(index)?;
        // Back to the start of the line, a piece of text at a time.
        let mut from = object.start;
        loop {
            let step = from.saturating_sub(256);
            let before = self
                .text
                .get(step..from)
                .or_else(|| (step..from).find_map(|s| self.text.get(s..from)))?;
            if let Some(nl) = before.rfind('\n') {
                from = from - before.len() + nl + 1;
                break;
            }
            from -= before.len();
            if from == 0 || before.is_empty() {
                break;
            }
        }
        Some((self.text.get(from..object.end)?, from))
    }

    /// The splice that takes deliverable `index` out of the list with the separator before it
    /// (or, for the first, the one after it), found from the objects' places rather than by
    /// reading the list in the whole text. `None` for the only deliverable.
    pub fn deliverable_removal(&self, index: usize) -> Option<Splice> {
        let this = self.data.object(index)?;
        let range = if index > 0 {
            self.data.object(index - 1)?.end..this.end
        } else {
            this.start..self.data.object(1)?.start
        };
        Some(Splice {
            at: range.start,
            removed: self.text.get(range)?.into_owned(),
            inserted: String::new(),
        })
    }

    /// Where a new deliverable goes after deliverable `after` (the last one when `None`),
    /// found from the objects' places rather than by reading the list in the whole text.
    /// `None` with fewer than two deliverables: the list's own brackets then say how it is
    /// laid out.
    pub fn deliverable_neighbour(&self, after: Option<usize>) -> Option<Neighbour<'_>> {
        let n = self.data.deliverables.len();
        if n < 2 {
            return None;
        }
        let at = after.filter(|&i| i < n).unwrap_or(n - 1);
        let object = self.data.object(at)?;
        // The separator between two deliverables, as the list writes it.
        let between = if at + 1 < n {
            object.end..self.data.object(at + 1)?.start
        } else {
            self.data.object(at - 1)?.end..object.start
        };
        let sep = self.text.get(between)?.into_owned();
        let (text, from) = self.object_text(at)?;
        Some(Neighbour {
            object: object.start - from..object.end - from,
            text,
            from,
            sep,
        })
    }

    /// The text's bytes in pieces, for writing them one after another.
    pub fn byte_pieces(&self) -> Vec<&[u8]> {
        self.text.byte_pieces()
    }

    /// The text to write, without copying it: it shares the pieces.
    pub fn shared_text(&self) -> PieceText {
        self.text.clone()
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
        if self.text.get(splice.at..end).as_deref() != Some(splice.removed.as_str()) {
            return false;
        }
        // A deliverable added or taken out between others: read that one alone (a large
        // file is not read again whole for it).
        if let Some(done) = self.splice_one_deliverable(splice) {
            return done;
        }
        let mut text = self.text.clone();
        text.replace_range(splice.at..end, &splice.inserted);
        match Self::from_shared(std::sync::Arc::new(text.whole().into_owned())) {
            Ok(doc) => {
                *self = doc;
                self.moves = None;
                true
            }
            Err(_) => false,
        }
    }

    /// `splice` when it adds or takes out exactly one deliverable (with one comma and white
    /// space) between the deliverables there are: `None` when it is anything else.
    fn splice_one_deliverable(&mut self, splice: &Splice) -> Option<bool> {
        let n = self.data.deliverables.len();
        let (first, last) = (self.data.object(0)?, self.data.object(n.checked_sub(1)?)?);
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
            if splice.at < first.end || splice.at > last.end {
                return None;
            }
            // The deliverables that start before it: it goes after them, unless it falls
            // inside the last of them.
            let i = self.data.object_starts.partition_point(|&s| s < splice.at);
            if i > 0 && self.data.object(i - 1).is_some_and(|o| o.end > splice.at) {
                return None;
            }
            let json = &splice.inserted[object.clone()];
            let fresh = load::reread_deliverable(json, 0..json.len(), &self.vocab)?;
            if self.data.deliverable_index(&fresh.id).is_some() {
                return Some(false);
            }
            self.text
                .replace_range(splice.at..splice.at, &splice.inserted);
            for later in &mut self.data.object_starts[i..] {
                *later += splice.inserted.len();
            }
            self.data.deliverables.insert(i, fresh);
            self.data.object_starts.insert(i, splice.at + object.start);
            if let Some(moves) = &mut self.moves {
                moves.push(Moved::Added(i));
            }
            return Some(true);
        }
        if !splice.inserted.is_empty() {
            return None;
        }
        let object = lone(&splice.removed)?;
        let span = splice.at + object.start..splice.at + object.end;
        let j = self.data.object_starts.binary_search(&span.start).ok()?;
        if self.data.object(j)? != span {
            return None;
        }
        // The comma goes with it: the one before it, or for the first the one after it.
        let before = splice.removed[..object.start].contains(',');
        if before == (j == 0) || (!before && n < 2) {
            return None;
        }
        self.text.replace_range(splice.at..end, "");
        let gone = self.data.deliverables.remove(j);
        if let Some(moves) = &mut self.moves {
            moves.push(Moved::TakenOut(j, Box::new(gone)));
        }
        self.data.object_starts.remove(j);
        for later in &mut self.data.object_starts[j..] {
            *later -= splice.removed.len();
        }
        Some(true)
    }

    /// Applies `splices` (ascending, non-overlapping, positions in the current text) inside one
    /// deliverable's object, then re-reads that deliverable and moves the spans of later ones.
    fn splice_all(&mut self, index: usize, splices: &[Splice]) -> bool {
        let Some(object) = self.data.object(index) else {
            return false;
        };
        // Check everything first so that a mismatch changes nothing.
        let Some(old) = self.text.get(object.clone()) else {
            return false;
        };
        // Check everything first so that a mismatch changes nothing.
        let fits = splices.iter().all(|s| {
            let end = s.at + s.removed.len();
            s.at >= object.start
                && end <= object.end
                && old.get(s.at - object.start..end - object.start) == Some(s.removed.as_str())
        });
        if !fits {
            return false;
        }
        // The object is rebuilt aside, read alone, and put back in one move.
        let mut rebuilt = String::with_capacity(object.len() + 256);
        let mut at = 0;
        for s in splices {
            rebuilt.push_str(&old[at..s.at - object.start]);
            rebuilt.push_str(&s.inserted);
            at = s.at + s.removed.len() - object.start;
        }
        rebuilt.push_str(&old[at..]);
        let shift = rebuilt.len() as isize - object.len() as isize;
        // Only a patch not built by `edit.rs` can fail here; nothing is changed then.
        let Some(fresh) = load::reread_deliverable(&rebuilt, 0..rebuilt.len(), &self.vocab) else {
            return false;
        };
        self.text.replace_range(object, &rebuilt);
        self.data.deliverables[index] = fresh;
        // One number per later deliverable: their spans start from their objects.
        for later in &mut self.data.object_starts[index + 1..] {
            *later = later.wrapping_add_signed(shift);
        }
        true
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

    /// Many edits of a large text (in pieces: views of the text read and what edits put in),
    /// then their undoing: after each, the text is what plain string splices give and the
    /// model is what reading the whole text gives.
    #[test]
    fn edits_and_undos_of_a_large_text_agree_with_plain_splices_and_a_whole_read() {
        let original = crate::generate::dataset(300, 5);
        let mut plain = original.clone();
        let mut doc = Document::from_text(original.clone()).unwrap();
        let statuses: Vec<String> = doc.data().status_names().map(str::to_string).collect();
        let mut done = Vec::new();
        for round in 0..120usize {
            let deliverable = (round * 7919) % doc.data().deliverables.len();
            let to = &statuses[round % statuses.len()];
            let change = crate::edit::StatusChange {
                deliverable,
                to,
                at: "2026-12-01T10:00:00Z",
                note: (round % 3 == 0).then_some("said in the room"),
            };
            let Some(patch) = crate::edit::status_patch(&doc, &change) else {
                continue;
            };
            assert!(doc.apply(&patch));
            for s in patch.splices.iter().rev() {
                plain.replace_range(s.at..s.at + s.removed.len(), &s.inserted);
            }
            assert_eq!(doc.text(), plain.as_str(), "round {round}");
            done.push(patch);
        }
        assert!(done.len() > 80, "{}", done.len());
        let whole = Document::from_text(plain.clone()).unwrap();
        assert_eq!(doc.data(), whole.data());
        for patch in done.iter().rev() {
            assert!(doc.revert(patch));
        }
        assert_eq!(doc.text(), original.as_str());
        assert_eq!(doc.data(), Document::from_text(original).unwrap().data());
    }

    #[test]
    fn a_deliverable_taken_out_from_its_place_is_what_reading_the_list_takes_out() {
        let text = crate::generate::dataset(40, 9);
        let doc = Document::from_text(text.clone()).unwrap();
        for i in [0, 1, 20, 39] {
            assert_eq!(
                doc.deliverable_removal(i),
                crate::insert::remove_element(&text, crate::insert::List::Deliverables, i),
                "{i}"
            );
        }
        let one = Document::from_text(TEXT.replace(
            ",\n    {\"id\": \"b\", \"council\": \"c\", \"title\": \"B\", \"status\": \"done\"}",
            "",
        ))
        .unwrap();
        assert_eq!(one.data().deliverables.len(), 1);
        assert_eq!(one.deliverable_removal(0), None);
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
