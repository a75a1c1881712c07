//! The document's text as pieces: views into the text read from the file, and small strings
//! that edits put between them, kept in runs of a few hundred pieces. An edit replaces a few
//! pieces of one run and moves the start of each later run, so it costs the edit, not the
//! size of the file nor the number of edits before it; a copy (what a save takes to write
//! while keys go on) shares every piece.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

/// Pieces whose buffer is at most this long were made by edits: a new edit over them copies
/// what is left of them into its own piece, so that repeated edits of one deliverable do not
/// leave a trail of tiny pieces.
const SMALL: usize = 16 * 1024;

#[derive(Debug, Clone)]
struct Piece {
    buf: Arc<String>,
    range: Range<usize>,
}

impl Piece {
    fn as_str(&self) -> &str {
        &self.buf[self.range.clone()]
    }

    fn len(&self) -> usize {
        self.range.len()
    }

    fn small(&self) -> bool {
        self.buf.len() <= SMALL
    }

    /// The part `from..to` of this piece (offsets within it) as a piece of its own.
    fn part(&self, from: usize, to: usize) -> Piece {
        Piece {
            buf: Arc::clone(&self.buf),
            range: self.range.start + from..self.range.start + to,
        }
    }
}

/// A run of more than twice this many pieces is cut in two.
const RUN: usize = 256;

#[derive(Debug, Clone)]
pub struct PieceText {
    runs: Vec<Run>,
    /// Where each run starts in the whole text.
    starts: Vec<usize>,
    len: usize,
}

impl Default for PieceText {
    fn default() -> Self {
        PieceText::new(String::new())
    }
}

impl PieceText {
    pub fn new(text: String) -> Self {
        PieceText::from_shared(Arc::new(text))
    }

    /// The text in `buf`, shared (the model's strings may be views into the same buffer).
    pub fn from_shared(text: Arc<String>) -> Self {
        let len = text.len();
        PieceText {
            runs: vec![Run::new(text)],
            starts: vec![0],
            len,
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The pieces in order: the whole text is their concatenation.
    pub fn pieces(&self) -> impl Iterator<Item = &str> {
        self.runs.iter().flat_map(Run::pieces)
    }

    /// The pieces' bytes, for writing them one after another.
    pub fn byte_pieces(&self) -> Vec<&[u8]> {
        self.pieces().map(str::as_bytes).collect()
    }

    /// How many pieces the text is in.
    pub fn piece_count(&self) -> usize {
        self.runs.iter().map(|r| r.pieces.len()).sum()
    }

    /// The whole text: borrowed while it is one piece, else put together.
    pub fn whole(&self) -> Cow<'_, str> {
        match self.runs.as_slice() {
            [one] => one.whole(),
            _ => Cow::Owned(self.pieces().collect()),
        }
    }

    /// The run holding byte `at` (the last run for the end of the text).
    fn locate(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| s <= at).saturating_sub(1)
    }

    /// The text of `range`: borrowed when one piece holds it. `None` when it is out of the
    /// text or cuts a character.
    pub fn get(&self, range: Range<usize>) -> Option<Cow<'_, str>> {
        if range.start > range.end || range.end > self.len {
            return None;
        }
        let first = self.locate(range.start);
        let last = self.locate(range.end.saturating_sub(1)).max(first);
        let local = |r: usize, at: usize| {
            at.clamp(self.starts[r], self.starts[r] + self.runs[r].len) - self.starts[r]
        };
        if first == last {
            return self.runs[first].get(local(first, range.start)..local(first, range.end));
        }
        let mut out = String::with_capacity(range.len());
        for r in first..=last {
            out.push_str(&self.runs[r].get(local(r, range.start)..local(r, range.end))?);
        }
        Some(Cow::Owned(out))
    }

    /// Replaces `range` with `with`; false (and nothing changed) when `range` is out of the
    /// text or cuts a character.
    pub fn replace_range(&mut self, range: Range<usize>, with: &str) -> bool {
        if range.start > range.end || range.end > self.len {
            return false;
        }
        let mut first = self.locate(range.start);
        let last = self.locate(range.end.saturating_sub(1)).max(first);
        // A range over several runs: they become one first (rare: one deliverable's object
        // is seldom cut between runs).
        if last > first {
            let (a, b) = (
                self.get(range.start..range.start).is_some(),
                self.get(range.end..range.end).is_some(),
            );
            if !(a && b) {
                return false;
            }
            let merged: Vec<Piece> = self.runs[first..=last]
                .iter()
                .flat_map(|r| r.pieces.iter().cloned())
                .collect();
            self.runs.splice(first..=last, [Run::of(merged)]);
            self.starts.truncate(first + 1);
            self.recount_from(first);
        }
        let at = self.starts[first];
        if !self.runs[first].replace_range(range.start - at..range.end - at, with) {
            return false;
        }
        self.len = self.len - range.len() + with.len();
        // Too many pieces: the run is cut in two; an emptied run goes (one is always left).
        if self.runs[first].pieces.len() > 2 * RUN {
            let run = &mut self.runs[first];
            let tail = run.pieces.split_off(RUN);
            run.starts.truncate(RUN);
            run.len = run.pieces.iter().map(Piece::len).sum();
            self.runs.insert(first + 1, Run::of(tail));
            self.starts.insert(first + 1, 0);
        } else if self.runs[first].len == 0 && self.runs.len() > 1 {
            self.runs.remove(first);
            self.starts.remove(first);
            first = first.saturating_sub(1);
        }
        self.recount_from(first);
        true
    }

    /// Sets the starts of the runs from `first` on.
    fn recount_from(&mut self, first: usize) {
        self.starts.truncate(first);
        let mut at = match first {
            0 => 0,
            _ => self.starts[first - 1] + self.runs[first - 1].len,
        };
        for r in &self.runs[first..] {
            self.starts.push(at);
            at += r.len;
        }
    }
}

/// A run of pieces (at most `2 * RUN`), so that an edit touches one run's pieces and the
/// start of each later run, not every piece.
#[derive(Debug, Clone, Default)]
struct Run {
    pieces: Vec<Piece>,
    /// Where each piece starts in the run.
    starts: Vec<usize>,
    len: usize,
}

impl Run {
    fn new(text: Arc<String>) -> Self {
        let len = text.len();
        let mut out = Run::default();
        if len > 0 {
            out.pieces.push(Piece {
                buf: text,
                range: 0..len,
            });
            out.starts.push(0);
            out.len = len;
        }
        out
    }

    /// The pieces in order: the whole text is their concatenation.
    fn pieces(&self) -> impl Iterator<Item = &str> {
        self.pieces.iter().map(Piece::as_str)
    }

    /// The whole text: borrowed while it is one piece, else put together.
    fn whole(&self) -> Cow<'_, str> {
        match self.pieces.as_slice() {
            [] => Cow::Borrowed(""),
            [one] => Cow::Borrowed(one.as_str()),
            _ => Cow::Owned(self.pieces().collect()),
        }
    }

    /// The piece holding byte `at` (the last piece for the end of the text).
    fn locate(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| s <= at).saturating_sub(1)
    }

    /// True when `at` is in the text and not inside a character.
    fn is_boundary(&self, at: usize) -> bool {
        if at == 0 || at == self.len {
            return true;
        }
        if at > self.len {
            return false;
        }
        let i = self.locate(at);
        self.pieces[i]
            .as_str()
            .is_char_boundary(at - self.starts[i])
    }

    /// The text of `range`: borrowed when one piece holds it. `None` when it is out of the
    /// text or cuts a character.
    fn get(&self, range: Range<usize>) -> Option<Cow<'_, str>> {
        if range.start > range.end || !self.is_boundary(range.start) || !self.is_boundary(range.end)
        {
            return None;
        }
        if range.is_empty() {
            return Some(Cow::Borrowed(""));
        }
        let first = self.locate(range.start);
        let last = self.locate(range.end - 1);
        let local = |i: usize, at: usize| {
            at.clamp(self.starts[i], self.starts[i] + self.pieces[i].len()) - self.starts[i]
        };
        if first == last {
            let p = self.pieces[first].as_str();
            return Some(Cow::Borrowed(
                &p[local(first, range.start)..local(first, range.end)],
            ));
        }
        let mut out = String::with_capacity(range.len());
        for i in first..=last {
            let p = self.pieces[i].as_str();
            out.push_str(&p[local(i, range.start)..local(i, range.end)]);
        }
        Some(Cow::Owned(out))
    }

    /// Replaces `range` with `with`; false (and nothing changed) when `range` is out of the
    /// text or cuts a character.
    fn replace_range(&mut self, range: Range<usize>, with: &str) -> bool {
        if range.start > range.end || !self.is_boundary(range.start) || !self.is_boundary(range.end)
        {
            return false;
        }
        if self.pieces.is_empty() {
            *self = Run::new(Arc::new(with.to_string()));
            return true;
        }
        // The pieces that the range touches (at least one: the one at its start).
        let first = self.locate(range.start);
        let last = if range.is_empty() {
            first
        } else {
            self.locate(range.end - 1).max(first)
        };
        let before_at = range.start - self.starts[first];
        let after_at = (range.end - self.starts[last]).min(self.pieces[last].len());
        let head = self.pieces[first].part(0, before_at);
        let tail = self.pieces[last].part(after_at, self.pieces[last].len());
        let mut middle = String::new();
        let mut new = Vec::with_capacity(3);
        if head.small() {
            middle.push_str(head.as_str());
        } else if head.len() > 0 {
            new.push(head);
        }
        middle.push_str(with);
        let keep_tail = !tail.small() && tail.len() > 0;
        if !keep_tail {
            middle.push_str(tail.as_str());
        }
        if !middle.is_empty() {
            let len = middle.len();
            new.push(Piece {
                buf: Arc::new(middle),
                range: 0..len,
            });
        }
        if keep_tail {
            new.push(tail);
        }
        self.pieces.splice(first..=last, new);
        self.len = self.len - range.len() + with.len();
        self.recount_from(first);
        true
    }

    /// Sets the starts of the pieces from `first` on.
    /// A run of these pieces.
    fn of(pieces: Vec<Piece>) -> Self {
        let mut run = Run {
            pieces,
            starts: vec![],
            len: 0,
        };
        run.recount_from(0);
        run.len = run.pieces.iter().map(Piece::len).sum();
        run
    }

    fn recount_from(&mut self, first: usize) {
        self.starts.truncate(first);
        let mut at = match first {
            0 => 0,
            _ => self.starts[first - 1] + self.pieces[first - 1].len(),
        };
        for p in &self.pieces[first..] {
            self.starts.push(at);
            at += p.len();
        }
    }
}

impl PartialEq<str> for PieceText {
    fn eq(&self, other: &str) -> bool {
        self.len == other.len() && {
            let mut at = 0;
            self.pieces().all(|p| {
                let same = other.as_bytes()[at..at + p.len()] == *p.as_bytes();
                at += p.len();
                same
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Replaces in both a plain string and the pieces, and checks that they agree.
    fn both(plain: &mut String, pieces: &mut PieceText, range: Range<usize>, with: &str) {
        let ok = plain.is_char_boundary(range.start)
            && plain.is_char_boundary(range.end)
            && range.end <= plain.len();
        assert_eq!(pieces.replace_range(range.clone(), with), ok, "{range:?}");
        if ok {
            plain.replace_range(range, with);
        }
        assert_eq!(pieces.whole(), plain.as_str());
        assert!(*pieces == *plain.as_str());
        assert_eq!(pieces.len(), plain.len());
    }

    /// Pseudo-random numbers below `n`, the same for a seed.
    fn below(mut seed: u64) -> impl FnMut(usize) -> usize {
        move |n| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n.max(1)
        }
    }

    #[test]
    fn edits_agree_with_a_plain_string_and_share_the_rest() {
        let original: String = (0..3000).map(|i| format!("line {i} ünï\n")).collect();
        let mut plain = original.clone();
        let mut pieces = PieceText::new(original);
        let mut next = below(7);
        for round in 0..400 {
            let start = next(plain.len());
            let end = (start + next(40)).min(plain.len());
            let with = ["", "x", "ü", "a longer insertion\n"][round % 4];
            both(&mut plain, &mut pieces, start..end, with);
            let (a, b) = (next(plain.len()), next(plain.len()));
            let range = a.min(b)..a.max(b);
            assert_eq!(
                pieces.get(range.clone()).as_deref(),
                plain.get(range.clone()),
                "{range:?}"
            );
        }
        // Edits in the original text leave views of it, not copies.
        assert!(pieces.piece_count() < 900, "{}", pieces.piece_count());
    }

    #[test]
    fn thousands_of_scattered_edits_cut_the_pieces_into_runs_and_still_agree() {
        let original: String = (0..8000).map(|i| format!("row {i} – ü\n")).collect();
        let mut plain = original.clone();
        let mut pieces = PieceText::new(original);
        let mut next = below(11);
        for round in 0..3000 {
            let start = next(plain.len());
            // Now and then a long range, over the edge of a run.
            let long = if round % 50 == 0 { 1200 } else { 5 };
            let end = (start + next(long)).min(plain.len());
            let (ok, with) = (pieces.replace_range(start..end, "é+"), "é+");
            let fits = plain.is_char_boundary(start) && plain.is_char_boundary(end);
            assert_eq!(ok, fits, "round {round}");
            if ok {
                plain.replace_range(start..end, with);
            }
            if round % 25 == 0 {
                assert_eq!(pieces.whole(), plain.as_str(), "round {round}");
                let (a, b) = (next(plain.len()), next(plain.len()));
                let range = a.min(b)..a.max(b);
                assert_eq!(pieces.get(range.clone()).as_deref(), plain.get(range));
            }
        }
        assert_eq!(pieces.whole(), plain.as_str());
        assert!(
            pieces.runs.len() > 3,
            "{} runs, {} pieces",
            pieces.runs.len(),
            pieces.piece_count()
        );
        assert!(pieces.runs.iter().all(|r| r.pieces.len() <= 2 * RUN));
    }

    #[test]
    fn repeated_edits_of_one_place_keep_the_pieces_few() {
        let original = "ab".repeat(40_000);
        let mut plain = original.clone();
        let mut pieces = PieceText::new(original);
        for i in 0..100 {
            both(&mut plain, &mut pieces, 1000..1000 + (i % 3), "xyz");
        }
        assert!(pieces.piece_count() <= 3, "{}", pieces.piece_count());
    }

    #[test]
    fn out_of_the_text_or_inside_a_character_is_refused() {
        let mut pieces = PieceText::new("aü".to_string());
        assert!(pieces.get(0..2).is_none());
        assert!(pieces.get(0..4).is_none());
        assert!(!pieces.replace_range(2..3, "x"));
        assert!(!pieces.replace_range(3..5, "x"));
        assert_eq!(pieces.whole(), "aü");
        let mut empty = PieceText::default();
        assert!(empty.replace_range(0..0, "new"));
        assert_eq!(empty.whole(), "new");
    }
}
