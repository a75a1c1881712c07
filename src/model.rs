//! The dataset as the program understands it: councils, areas, deliverables.
//! Plain data with lookups; no I/O and no knowledge of the file's text.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

pub use crate::category::Category;
pub use crate::shared_str::SharedStr;

/// The statuses used when a file has no `statuses` list.
pub const DEFAULT_STATUSES: [&str; 5] = ["planned", "in_progress", "done", "blocked", "dropped"];

/// One of the file's statuses: its name and what it means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub name: String,
    pub category: Category,
    /// True when the file states the category (`{"name": …, "category": …}`); false when it
    /// was inferred from the name.
    pub stated: bool,
}

impl Status {
    /// A status written as a plain name: its category is inferred.
    pub fn named(name: &str) -> Self {
        Status {
            name: name.to_string(),
            category: Category::infer(name),
            stated: false,
        }
    }

    /// How its category came about, as `validate` says it.
    pub fn origin(&self) -> &'static str {
        if self.stated {
            "stated in the file"
        } else {
            "inferred from the name; state it with {\"name\": …, \"category\": …}"
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Council {
    pub id: String,
    pub name: String,
    pub date: Option<String>,
    pub location: Option<String>,
    pub chairs: Vec<String>,
    pub summary: Option<String>,
    pub source_url: Option<String>,
    /// The partner country or group (`Japan`).
    pub partner: Option<String>,
    /// A short label for list rows (`EU–JP 2`), if the file gives one.
    pub short: Option<String>,
    /// The series of meetings the council belongs to (`Digital Partnership Council`), if the
    /// file gives one; with the partner, it tells which council comes next.
    pub series: Option<String>,
}

impl Council {
    /// A short label for list rows: the file's `short`, else `EU–JP 2` from the partner
    /// (or the name) and the council's number in its name, else the name's first words.
    pub fn label(&self) -> String {
        if let Some(short) = self.short.as_deref().filter(|s| !s.trim().is_empty()) {
            return short.trim().to_string();
        }
        let words: Vec<&str> = self.name.split_whitespace().collect();
        let number = words.iter().find_map(|w| ordinal(w));
        // The partner, else the word after "EU–" in the name ("EU–Korea").
        let partner = self.partner.clone().or_else(|| {
            words.iter().find_map(|w| {
                let rest = w.strip_prefix("EU–").or_else(|| w.strip_prefix("EU-"))?;
                (!rest.is_empty()).then(|| rest.to_string())
            })
        });
        // "EU–" only for a council whose name says it is the EU's.
        let eu = if words
            .iter()
            .any(|w| *w == "EU" || w.starts_with("EU–") || w.starts_with("EU-"))
        {
            "EU–"
        } else {
            ""
        };
        match (partner, number) {
            (Some(p), Some(n)) => format!("{eu}{} {n}", partner_code(&p)),
            (Some(p), None) => format!("{eu}{}", partner_code(&p)),
            // A short name as it is; a long one cut.
            _ if self.name.chars().count() <= 16 => self.name.clone(),
            _ => {
                let mut label: String = self.name.chars().take(12).collect();
                label.push('…');
                label
            }
        }
    }
}

/// `2` for "Second", "2nd" or "2".
fn ordinal(word: &str) -> Option<u32> {
    const WORDS: [&str; 10] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth",
    ];
    let w = word.to_lowercase();
    if let Some(i) = WORDS.iter().position(|x| *x == w) {
        return Some(i as u32 + 1);
    }
    let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
    let rest = &w[digits.len()..];
    if digits.is_empty() || !["", "st", "nd", "rd", "th"].contains(&rest) {
        return None;
    }
    digits.parse().ok()
}

/// `JP` for Japan: the usual two letters for the partners councils have, else the initials
/// of a name of several words, else its first three letters.
fn partner_code(partner: &str) -> String {
    let known = [
        ("japan", "JP"),
        ("korea", "KR"),
        ("republic of korea", "KR"),
        ("south korea", "KR"),
        ("singapore", "SG"),
        ("canada", "CA"),
        ("india", "IN"),
        ("united states", "US"),
        ("united kingdom", "UK"),
        ("australia", "AU"),
        ("new zealand", "NZ"),
        ("brazil", "BR"),
        ("china", "CN"),
    ];
    let lower = partner.trim().to_lowercase();
    if let Some((_, code)) = known.iter().find(|(name, _)| *name == lower) {
        return code.to_string();
    }
    let words: Vec<&str> = partner.split_whitespace().collect();
    if words.len() > 1 {
        return words
            .iter()
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_uppercase)
            .collect();
    }
    partner
        .chars()
        .take(3)
        .flat_map(char::to_uppercase)
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Area {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    pub at: Option<SharedStr>,
    pub field: Option<SharedStr>,
    /// The recorded values, as text (a JSON value that is not a string is kept as its JSON spelling).
    pub from: Option<SharedStr>,
    pub to: Option<SharedStr>,
    pub by: Option<SharedStr>,
    pub note: Option<SharedStr>,
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

/// Byte positions of a deliverable's parts: from the start of its object in a deliverable's
/// `spans_in_object`, in the whole text from [`Dataset::spans`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spans {
    pub object: Range<usize>,
    /// The span of the `status` value.
    pub status: Range<usize>,
    /// The spans of the `owner`, `due` and `notes` values, when the object has them.
    pub owner: Option<Range<usize>>,
    pub due: Option<Range<usize>>,
    pub notes: Option<Range<usize>>,
    /// The spans of the `description`, `evidence` and `source_url` values, when the object
    /// has them (read when a view or a search needs them).
    pub description: Option<Range<usize>>,
    pub evidence: Option<Range<usize>>,
    pub source_url: Option<Range<usize>>,
    /// Which of those long texts are written with escapes (a bit each, by
    /// [`LongText::bit`]): the others read as they are, without a look for a backslash.
    pub escaped: u8,
    pub history: HistorySlot,
    /// Whether the object has an `areas` member (an empty list is not the same as none).
    pub has_areas: bool,
}

/// A deliverable's [`Spans`] as it keeps them: from the start of its object, in 32 bits
/// (80 bytes rather than the 224 of `Spans`, for each of 100,000 deliverables).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectSpans {
    object_len: u32,
    status: [u32; 2],
    /// `[NONE, NONE]` when the object has no such member.
    owner: [u32; 2],
    due: [u32; 2],
    notes: [u32; 2],
    description: [u32; 2],
    evidence: [u32; 2],
    source_url: [u32; 2],
    /// `Array`: the brackets, then the last element (`NONE`s when empty); `Missing`: the end
    /// of the last member, then `NONE`s.
    history: [u32; 4],
    history_is_array: bool,
    has_areas: bool,
    escaped: u8,
}

/// No position (a member the object does not have).
const NONE: u32 = u32::MAX;

impl ObjectSpans {
    /// `spans` (in a text where the object starts at `start`) from the object's start; `None`
    /// for an object of 4 GiB or more.
    pub fn of(spans: &Spans, start: usize) -> Option<ObjectSpans> {
        let at = |p: usize| {
            u32::try_from(p.checked_sub(start)?)
                .ok()
                .filter(|&p| p != NONE)
        };
        let range = |r: &Range<usize>| Some([at(r.start)?, at(r.end)?]);
        let maybe = |r: &Option<Range<usize>>| match r {
            Some(r) => range(r),
            None => Some([NONE; 2]),
        };
        let (history, history_is_array) = match &spans.history {
            HistorySlot::Array { open, close, last } => {
                let [a, b] = maybe(last)?;
                ([at(*open)?, at(*close)?, a, b], true)
            }
            HistorySlot::Missing { last_member_end } => {
                ([at(*last_member_end)?, NONE, NONE, NONE], false)
            }
        };
        Some(ObjectSpans {
            object_len: u32::try_from(spans.object.len()).ok()?,
            status: range(&spans.status)?,
            owner: maybe(&spans.owner)?,
            due: maybe(&spans.due)?,
            notes: maybe(&spans.notes)?,
            description: maybe(&spans.description)?,
            evidence: maybe(&spans.evidence)?,
            source_url: maybe(&spans.source_url)?,
            history,
            history_is_array,
            has_areas: spans.has_areas,
            escaped: spans.escaped,
        })
    }

    /// The spans in a text where the object starts at `start`.
    pub fn at(&self, start: usize) -> Spans {
        let p = |x: u32| start + x as usize;
        let range = |[a, b]: [u32; 2]| p(a)..p(b);
        let maybe = |r: [u32; 2]| (r[0] != NONE).then(|| range(r));
        let [h0, h1, h2, h3] = self.history;
        Spans {
            object: start..p(self.object_len),
            status: range(self.status),
            owner: maybe(self.owner),
            due: maybe(self.due),
            notes: maybe(self.notes),
            description: maybe(self.description),
            evidence: maybe(self.evidence),
            source_url: maybe(self.source_url),
            history: if self.history_is_array {
                HistorySlot::Array {
                    open: p(h0),
                    close: p(h1),
                    last: maybe([h2, h3]),
                }
            } else {
                HistorySlot::Missing {
                    last_member_end: p(h0),
                }
            },
            has_areas: self.has_areas,
            escaped: self.escaped,
        }
    }

    /// The span of a long text's value (`notes`, `description`, `evidence`, `source_url`)
    /// from the object's start, if the object has it.
    pub fn long(&self, text: LongText) -> Option<Range<usize>> {
        let [a, b] = match text {
            LongText::Notes => self.notes,
            LongText::Description => self.description,
            LongText::Evidence => self.evidence,
            LongText::SourceUrl => self.source_url,
        };
        (a != NONE).then_some(a as usize..b as usize)
    }

    /// Whether a long text's value is written with escapes.
    pub fn escaped(&self, text: LongText) -> bool {
        self.escaped & text.bit() != 0
    }

    /// Where the `history` list's brackets are from the object's start, if it has one.
    pub fn history_brackets(&self) -> Option<(usize, usize)> {
        self.history_is_array
            .then_some((self.history[0] as usize, self.history[1] as usize))
    }

    /// The length of the object.
    pub fn object_len(&self) -> usize {
        self.object_len as usize
    }

    /// Whether the object has an `areas` member (an empty list is not the same as none).
    pub fn has_areas(&self) -> bool {
        self.has_areas
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deliverable {
    pub id: SharedStr,
    pub council: SharedStr,
    pub areas: Box<[SharedStr]>,
    pub title: SharedStr,
    pub status: SharedStr,
    pub owner: Option<SharedStr>,
    pub due: Option<SharedStr>,
    /// The deliverable this one continues (usually of an earlier council).
    pub follows: Option<SharedStr>,
    /// Removed: kept in the file (restorable) but left out of lists, counts and search.
    pub removed: bool,
    /// How many entries its `history` has.
    pub history_len: u32,
    /// The latest `at` of its history, if an entry has one (what orders by last change and
    /// finds the deliverables changed since a moment without reading every history).
    pub latest_change: Option<SharedStr>,
    /// Its object's text: description, notes, evidence, its link and its history are read
    /// from it when asked for ([`Deliverable::description`], [`Deliverable::history`]…),
    /// not kept besides.
    pub object: SharedStr,
    /// Where its parts are, from the start of its object (the dataset keeps where each
    /// object starts: an edit then moves one number per later deliverable).
    pub spans_in_object: ObjectSpans,
    /// Where `council` and each of `areas` stand in `Dataset::councils` and
    /// `Dataset::areas`, found when the deliverable is read (its ids are checked then): a
    /// search of every row looks nothing up by name.
    pub places: Places,
    /// Which letters its searched texts hold, set when it is read with them.
    pub letters: Letters,
}

/// The kinds of ASCII bytes (see [`letters`]) in a deliverable's searched texts: a search
/// term with a letter that a field lacks cannot match it, and is not looked for there.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Letters {
    pub title: u64,
    pub id: u64,
    pub owner: u64,
    /// Description, notes and evidence together.
    pub long: u64,
}

/// The texts of a deliverable read from its object when asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LongText {
    Notes,
    Description,
    Evidence,
    /// Where the deliverable is reported (a link).
    SourceUrl,
}

impl LongText {
    /// Its key in the file.
    pub fn key(self) -> &'static str {
        match self {
            LongText::Notes => "notes",
            LongText::Description => "description",
            LongText::Evidence => "evidence",
            LongText::SourceUrl => "source_url",
        }
    }

    /// Its bit in [`Spans::escaped`].
    pub fn bit(self) -> u8 {
        1 << self as u8
    }
}

impl Deliverable {
    /// A long text's value, read from the object's text: borrowed when it has no escapes.
    /// `None` when the object has no such member, or it is `null` (or, for the link, not a
    /// string: the link is only shown).
    pub fn long_text(&self, text: LongText) -> Option<Cow<'_, str>> {
        let written = self.long_written(text)?;
        if !self.spans_in_object.escaped(text) {
            return Some(Cow::Borrowed(written));
        }
        serde_json::from_str::<String>(self.long_json(text)?)
            .ok()
            .map(Cow::Owned)
    }

    /// A long text's string as the file writes it, between its quotes (escapes as they
    /// are); `None` when the object has no such string.
    pub fn long_written(&self, text: LongText) -> Option<&str> {
        let json = self.long_json(text)?;
        json.strip_prefix('"')?.strip_suffix('"')
    }

    pub fn description(&self) -> Option<Cow<'_, str>> {
        self.long_text(LongText::Description)
    }

    pub fn notes(&self) -> Option<Cow<'_, str>> {
        self.long_text(LongText::Notes)
    }

    pub fn evidence(&self) -> Option<Cow<'_, str>> {
        self.long_text(LongText::Evidence)
    }

    pub fn source_url(&self) -> Option<Cow<'_, str>> {
        self.long_text(LongText::SourceUrl)
    }

    /// A long text's value as the file writes it (a string with its quotes and escapes, or
    /// `null`…), if the object has it.
    pub fn long_json(&self, text: LongText) -> Option<&str> {
        self.object.get(self.spans_in_object.long(text)?)
    }

    /// Whether its history has any entry.
    pub fn has_history(&self) -> bool {
        self.history_len > 0
    }
}

impl Letters {
    pub fn of(d: &Deliverable) -> Letters {
        let of = |text: Option<&str>| text.map_or(0, letters);
        Letters {
            title: letters(&d.title),
            id: letters(&d.id),
            owner: of(d.owner.as_deref()),
            long: of(d.description().as_deref())
                | of(d.notes().as_deref())
                | of(d.evidence().as_deref()),
        }
    }
}

/// The kinds of ASCII bytes in `text`, case ignored: a bit per letter and per digit, the
/// other ASCII bytes sharing the remaining bits; bytes beyond ASCII set none.
pub fn letters(text: &str) -> u64 {
    let bits = |b: u8| LETTER_BITS[usize::from(b)];
    let mut chunks = text.as_bytes().chunks_exact(8);
    // Eight at a time, in four lanes, so that each `|` waits on little else.
    let mut lanes = [0; 4];
    for c in &mut chunks {
        lanes[0] |= bits(c[0]) | bits(c[4]);
        lanes[1] |= bits(c[1]) | bits(c[5]);
        lanes[2] |= bits(c[2]) | bits(c[6]);
        lanes[3] |= bits(c[3]) | bits(c[7]);
    }
    let rest = chunks.remainder().iter().fold(0, |m, &b| m | bits(b));
    lanes.iter().fold(rest, |m, &l| m | l)
}

const LETTER_BITS: [u64; 256] = {
    let mut bits = [0; 256];
    let mut b = 0;
    while b < 128 {
        let c = (b as u8).to_ascii_lowercase();
        bits[b] = match c {
            b'a'..=b'z' => 1 << (c - b'a'),
            b'0'..=b'9' => 1 << (26 + c - b'0'),
            _ => 1 << (36 + c % 28),
        };
        b += 1;
    }
    bits
};

/// A deliverable's council and areas as positions in the dataset's lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Places {
    pub council: u32,
    /// In the order of `Deliverable::areas`.
    pub areas: Box<[u32]>,
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
        fn text(s: &Option<SharedStr>) -> Option<Cow<'_, str>> {
            s.as_deref().map(Cow::Borrowed)
        }
        match self {
            Editable::Status => Some(Cow::Borrowed(d.status.as_str())),
            Editable::Owner => text(&d.owner),
            Editable::Due => text(&d.due),
            Editable::Notes => d.notes(),
            Editable::Title => Some(Cow::Borrowed(d.title.as_str())),
            Editable::Description => d.description(),
            Editable::Council => Some(Cow::Borrowed(d.council.as_str())),
            Editable::Areas => d
                .spans_in_object
                .has_areas()
                .then(|| Cow::Owned(areas_value(&d.areas))),
            Editable::Follows => text(&d.follows),
            Editable::Removed => d.removed.then_some(Cow::Borrowed("true")),
        }
    }

    /// A value of this field as a person reads it: the areas as a list of ids, not as JSON.
    pub fn shown(self, value: &str) -> String {
        match self {
            Editable::Areas => serde_json::from_str::<Vec<String>>(value)
                .map_or_else(|_| value.to_string(), |areas| areas.join(", ")),
            _ => value.to_string(),
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
    pub statuses: Vec<Status>,
    pub councils: Vec<Council>,
    pub areas: Vec<Area>,
    pub deliverables: Vec<Deliverable>,
    /// Where each deliverable's object starts in the text, by index.
    pub object_starts: Vec<usize>,
}

impl Dataset {
    /// Deliverable `index`'s spans in the whole text.
    pub fn spans(&self, index: usize) -> Option<Spans> {
        let start = *self.object_starts.get(index)?;
        Some(self.deliverables.get(index)?.spans_in_object.at(start))
    }

    /// Deliverable `index`'s object in the whole text.
    pub fn object(&self, index: usize) -> Option<Range<usize>> {
        let start = *self.object_starts.get(index)?;
        Some(start..start + self.deliverables.get(index)?.spans_in_object.object_len())
    }

    pub fn council(&self, id: &str) -> Option<&Council> {
        self.councils.iter().find(|c| c.id == id)
    }

    pub fn area(&self, id: &str) -> Option<&Area> {
        self.areas.iter().find(|a| a.id == id)
    }

    /// Each council's place in the file, by id: for lookups in a walk of the deliverables.
    pub fn council_positions(&self) -> HashMap<&str, usize> {
        self.councils
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect()
    }

    /// Each area's place in the file, by id.
    pub fn area_positions(&self) -> HashMap<&str, usize> {
        self.areas
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect()
    }

    pub fn deliverable_index(&self, id: &str) -> Option<usize> {
        self.deliverables.iter().position(|d| d.id == id)
    }

    pub fn status_index(&self, status: &str) -> Option<usize> {
        self.statuses.iter().position(|s| s.name == status)
    }

    /// The statuses' names, in file order.
    pub fn status_names(&self) -> impl Iterator<Item = &str> {
        self.statuses.iter().map(|s| s.name.as_str())
    }

    /// What a status means (a name the file does not list is `open`: nothing says more).
    pub fn category_of(&self, status: &str) -> Category {
        self.statuses
            .iter()
            .find(|s| s.name == status)
            .map_or(Category::Open, |s| s.category)
    }

    /// The status after (`step` = 1) or before (`step` = -1) `status`, wrapping around.
    pub fn cycle_status(&self, status: &str, step: isize) -> Option<&str> {
        let n = self.statuses.len() as isize;
        let i = self.status_index(status)? as isize;
        let next = (i + step).rem_euclid(n) as usize;
        Some(&self.statuses[next].name)
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
            statuses: statuses.iter().map(|s| Status::named(s)).collect(),
            councils: vec![],
            areas: vec![],
            deliverables: vec![],
            object_starts: vec![],
        }
    }

    fn council(name: &str, partner: Option<&str>, short: Option<&str>) -> Council {
        Council {
            id: "c".into(),
            name: name.into(),
            date: None,
            location: None,
            chairs: vec![],
            summary: None,
            source_url: None,
            partner: partner.map(str::to_string),
            short: short.map(str::to_string),
            series: None,
        }
    }

    #[test]
    fn a_council_label_is_the_short_field_else_partner_and_number() {
        let named = "Second EU–Japan Digital Partnership Council";
        assert_eq!(council(named, Some("Japan"), None).label(), "EU–JP 2");
        assert_eq!(council(named, None, None).label(), "EU–JP 2");
        assert_eq!(council(named, Some("Japan"), Some("JP-2")).label(), "JP-2");
        assert_eq!(
            council("3rd EU–Ruritania council", None, None).label(),
            "EU–RUR 3"
        );
        assert_eq!(
            council(
                "EU-US Trade and Technology Council",
                Some("United States"),
                None
            )
            .label(),
            "EU–US"
        );
        assert_eq!(
            council("Board meeting of May", None, None).label(),
            "Board meetin…"
        );
        // A council that is not the EU's gets no "EU–".
        assert_eq!(
            council(
                "First Riverlands–Tidewater Water Council",
                Some("Tidewater"),
                None
            )
            .label(),
            "TID 1"
        );
    }

    #[test]
    fn the_areas_are_shown_as_a_list_not_as_json() {
        assert_eq!(Editable::Areas.shown(r#"["flood","ai"]"#), "flood, ai");
        assert_eq!(Editable::Owner.shown(r#"["x"]"#), r#"["x"]"#);
    }

    #[test]
    fn spans_kept_from_the_object_start_give_back_the_same_spans() {
        let spans = Spans {
            object: 1000..1400,
            status: 1100..1110,
            owner: None,
            due: Some(1200..1212),
            notes: None,
            description: Some(1120..1150),
            evidence: None,
            source_url: None,
            escaped: LongText::Description.bit(),
            history: HistorySlot::Array {
                open: 1300,
                close: 1398,
                last: Some(1310..1390),
            },
            has_areas: true,
        };
        let kept = ObjectSpans::of(&spans, 1000).unwrap();
        assert_eq!(kept.at(1000), spans);
        assert_eq!(kept.at(0).status, 100..110);
        assert_eq!(kept.object_len(), 400);
        assert_eq!(size_of::<ObjectSpans>(), 80);
        let missing = Spans {
            history: HistorySlot::Missing {
                last_member_end: 1399,
            },
            ..spans.clone()
        };
        assert_eq!(ObjectSpans::of(&missing, 1000).unwrap().at(7), {
            let mut moved = missing.clone();
            moved.object = 7..407;
            moved.status = 107..117;
            moved.due = Some(207..219);
            moved.description = Some(127..157);
            moved.history = HistorySlot::Missing {
                last_member_end: 406,
            };
            moved
        });
        let huge = Spans {
            object: 0..(u32::MAX as usize + 10),
            ..spans
        };
        assert_eq!(ObjectSpans::of(&huge, 0), None);
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
