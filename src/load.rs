//! Reading a dataset's text into the model, reporting every problem with its place.
//!
//! The text is never rebuilt from the model: each value keeps its byte span, so that
//! an edit can be spliced into the original text (see `edit.rs`).
//!
//! One reader, on serde_json: an object is read as its members in file order, each value a
//! `RawValue` borrowed from the text, whose place in the text is its span. Every problem is
//! worded with its place, and the deliverables are read on all cores. A file that serde_json
//! reads as an object is read once; only one that it cannot goes through the syntax checks
//! that find the first error (`refusal`).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::dates::is_valid_date;
use crate::model::{
    Area, Category, Council, DEFAULT_STATUSES, Dataset, Deliverable, HistoryEntry, HistorySlot,
    Letters, LongText, ObjectSpans, Places, SharedStr, Spans, Status,
};

const BOM: &str = "\u{feff}";

/// One thing wrong with a file: where (1-based line and column, when known) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

/// Why a file could not be opened as a dataset; holds every problem found in one pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub problems: Vec<Problem>,
}

impl LoadError {
    fn one(line: Option<usize>, column: Option<usize>, message: impl Into<String>) -> Self {
        LoadError {
            problems: vec![Problem {
                line,
                column,
                message: message.into(),
            }],
        }
    }

    /// One line per problem, each starting with `FILE:LINE:COLUMN:` (or `FILE:` when no place applies).
    pub fn lines(&self, file: &str) -> Vec<String> {
        self.problems
            .iter()
            .map(|p| match (p.line, p.column) {
                (Some(l), Some(c)) => format!("{file}:{l}:{c}: {}", p.message),
                (Some(l), None) => format!("{file}:{l}: {}", p.message),
                _ => format!("{file}: {}", p.message),
            })
            .collect()
    }
}

/// Checks the bytes of a file are a UTF-8 text worth parsing, and returns it as a string.
pub fn decode_text(bytes: Vec<u8>) -> Result<String, LoadError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(LoadError::one(
            None,
            None,
            if bytes.is_empty() {
                "the file is empty (0 bytes); a dataset is a JSON object such as {\"version\": 1}"
                    .to_string()
            } else {
                "the file holds only white space; a dataset is a JSON object such as {\"version\": 1}".to_string()
            },
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let (line, column) = line_column(&String::from_utf8_lossy(&bytes[..good]), good);
        LoadError::one(
            Some(line),
            Some(column),
            format!(
                "the file is not valid UTF-8 (byte 0x{:02X} at offset {good}); save it as UTF-8 and try again",
                bytes[good]
            ),
        )
    })
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// Length of the byte-order mark at the start of `text` (kept as it is; parsing starts after it).
pub fn bom_len(text: &str) -> usize {
    if text.starts_with(BOM) { BOM.len() } else { 0 }
}

/// Parses a whole dataset. Every rule problem in the file is reported together.
pub fn parse(text: &str) -> Result<Dataset, LoadError> {
    parse_shared(&Arc::new(text.to_owned()))
}

/// Parses the text in `buf`, as [`parse`] does, with the model's strings as views into
/// `buf` (what a document holds: the text once, not a copy of each field besides).
pub fn parse_shared(buf: &Arc<String>) -> Result<Dataset, LoadError> {
    parse_in(buf, Some(buf))
}

fn parse_in<'t>(text: &'t str, shared: Option<&'t Arc<String>>) -> Result<Dataset, LoadError> {
    // (`shared` is `None` only in tests of the reader.)
    let body = &text[bom_len(text)..];
    let mut de = serde_json::Deserializer::from_str(body);
    let top = match TopSeed(body)
        .deserialize(&mut de)
        .and_then(|top| de.end().map(|()| top))
    {
        Ok(top) => top,
        Err(e) => return Err(refusal(text, &e)),
    };
    // serde_json read the whole text as one object, so it is valid JSON with an object at
    // the top; only the depth is left to check.
    let mut r = Reader {
        text,
        shared,
        problems: Vec::new(),
        deep: false,
    };
    let data = r.dataset(top);
    if r.deep
        && let Some(error) = depth_error(text)
    {
        return Err(error);
    }
    if r.problems.is_empty() {
        Ok(data)
    } else {
        Err(r.into_error())
    }
}

/// Why a text that serde_json could not read as an object is refused, in this order: the
/// first syntax error, nesting too deep, a top level that is not an object, and last what
/// serde_json said (`error`).
fn refusal(text: &str, error: &serde_json::Error) -> LoadError {
    let start = bom_len(text);
    let body = &text[start..];
    // This check allocates nothing and does not recurse, so even 100,000 open brackets
    // cannot overflow the stack.
    if let Err(e) = serde_json::from_str::<IgnoredAny>(body) {
        return LoadError::one(Some(e.line()), Some(e.column().max(1)), syntax_message(&e));
    }
    if let Some(error) = depth_error(text) {
        return error;
    }
    let first = body.trim_start().as_bytes().first().copied();
    if first != Some(b'{') {
        let found = first.map_or("nothing", kind_of_byte);
        let (line, column) = line_column(text, start + (body.len() - body.trim_start().len()));
        return LoadError::one(
            Some(line),
            Some(column),
            format!("the top level must be a JSON object with \"version\": 1, found {found}"),
        );
    }
    LoadError::one(Some(1), Some(1), syntax_message(error))
}

/// The problem of a text nested deeper than `MAX_DEPTH`, if it is.
fn depth_error(text: &str) -> Option<LoadError> {
    let start = bom_len(text);
    let offset = too_deep(&text[start..], 0)?;
    let (line, column) = line_column(text, start + offset);
    Some(LoadError::one(
        Some(line),
        Some(column),
        format!("nesting is deeper than {MAX_DEPTH} levels; councilor refuses such files"),
    ))
}

/// The deepest nesting councilor accepts (serde_json's own default limit).
pub const MAX_DEPTH: usize = 128;

/// The offset of the first bracket that opens a level deeper than `MAX_DEPTH`, in valid JSON
/// nested `depth` levels down.
fn too_deep(json: &str, mut depth: usize) -> Option<usize> {
    let bytes = json.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                i = string_end(bytes, i)?;
                continue;
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// The end (after the closing quote) of the string opening at `i` in valid JSON.
fn string_end(bytes: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    loop {
        let k = j + memchr::memchr2(b'"', b'\\', bytes.get(j..)?)?;
        if bytes[k] == b'"' {
            return Some(k + 1);
        }
        // An escape: the character after the backslash is never the end.
        j = k + 2;
    }
}

/// Whether a value (its text `json`, valid JSON) nested `depth` levels down reaches deeper
/// than `MAX_DEPTH`. Most values hold too few brackets to (strings and all), which is quick
/// to count; only the others are walked.
fn nests_too_deep(json: &str, depth: usize) -> bool {
    depth + json.len() > MAX_DEPTH
        && depth + memchr::memchr2_iter(b'[', b'{', json.as_bytes()).count() > MAX_DEPTH
        && too_deep(json, depth).is_some()
}

fn syntax_message(e: &serde_json::Error) -> String {
    // serde_json appends " at line L column C"; the place is printed in front instead.
    let full = e.to_string();
    let text = match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    };
    format!("invalid JSON: {text}")
}

fn kind_of_byte(b: u8) -> &'static str {
    match b {
        b'{' => "an object",
        b'[' => "an array",
        b'"' => "a string",
        b't' | b'f' => "a boolean",
        b'n' => "null",
        _ => "a number",
    }
}

fn kind(raw: &RawValue) -> &'static str {
    raw.get()
        .as_bytes()
        .first()
        .map_or("nothing", |&b| kind_of_byte(b))
}

/// A key as written: borrowed from the text, decoded only when it holds an escape.
struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(s.to_owned())))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(s)))
            }
        }
        d.deserialize_str(V)
    }
}

/// The members of one JSON object, in file order, duplicates included.
struct Entries<'a>(Vec<(Cow<'a, str>, &'a RawValue)>);

impl<'de> Deserialize<'de> for Entries<'de> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Entries<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                // Room for the members of a deliverable at once, rather than growing three times.
                let mut out = Vec::with_capacity(16);
                while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
                    out.push((key, map.next_value::<&'de RawValue>()?));
                }
                Ok(Entries(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// The top-level object: its members in file order, as `Entries` reads them, except that
/// the first `deliverables` that is an array comes as its elements, read in the same pass
/// (the array is not read twice, once whole and once split).
struct Top<'a> {
    /// `None` for the member whose elements are in `deliverables`.
    members: Vec<(Cow<'a, str>, Option<&'a RawValue>)>,
    deliverables: Option<Vec<&'a RawValue>>,
}

/// Reads a `Top` from `.0`, the text it is read from.
struct TopSeed<'a>(&'a str);

impl<'de> TopSeed<'de> {
    /// Whether an array follows the key `key`, when it is borrowed from the text.
    fn array_after(&self, key: &str) -> bool {
        let Some(at) = (key.as_ptr() as usize).checked_sub(self.0.as_ptr() as usize) else {
            return false;
        };
        let json = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r');
        let mut rest = self
            .0
            .as_bytes()
            .get(at + key.len() + 1..)
            .unwrap_or_default()
            .iter();
        rest.find(|b| !json(b)) == Some(&b':') && rest.find(|b| !json(b)) == Some(&b'[')
    }
}

impl<'de> DeserializeSeed<'de> for TopSeed<'de> {
    type Value = Top<'de>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TopSeed<'de> {
    type Value = Top<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut top = Top {
            members: Vec::new(),
            deliverables: None,
        };
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            let list = key == "deliverables"
                && !top.members.iter().any(|(k, _)| k == "deliverables")
                && matches!(key, Cow::Borrowed(k) if self.array_after(k));
            if list {
                top.deliverables = Some(map.next_value::<Vec<&'de RawValue>>()?);
                top.members.push((key, None));
            } else {
                top.members
                    .push((key, Some(map.next_value::<&'de RawValue>()?)));
            }
        }
        Ok(top)
    }
}

/// The deliverables read, with where each object starts (in the same order), and the
/// elements that could not be read, each with its index, offset and id (if it was read).
#[derive(Default)]
struct Read<'t> {
    deliverables: Vec<Deliverable>,
    starts: Vec<usize>,
    unread: Vec<(usize, usize, Option<Cow<'t, str>>)>,
}

/// What an element's fields are checked against.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    pub statuses: Vec<String>,
    /// Each council's and area's id with its position in the dataset's list.
    pub councils: HashMap<String, u32>,
    pub areas: HashMap<String, u32>,
}

impl Vocabulary {
    pub fn of(data: &Dataset) -> Self {
        Vocabulary {
            statuses: data.status_names().map(str::to_string).collect(),
            councils: positions(data.councils.iter().map(|c| &c.id)),
            areas: positions(data.areas.iter().map(|a| &a.id)),
        }
    }
}

/// Each id with its position (the first, if an id repeats: the file is refused then).
fn positions<'a>(ids: impl Iterator<Item = &'a String>) -> HashMap<String, u32> {
    let mut out = HashMap::new();
    for (i, id) in ids.enumerate() {
        out.entry(id.clone())
            .or_insert(u32::try_from(i).unwrap_or(u32::MAX));
    }
    out
}

struct Reader<'t> {
    text: &'t str,
    /// The buffer that `text` is, when the strings read may be views into it (else each
    /// string read is a copy of its own).
    shared: Option<&'t Arc<String>>,
    problems: Vec<(usize, String)>,
    /// Set when a value is nested deeper than `MAX_DEPTH` (the text is then walked to say where).
    deep: bool,
}

/// Where a value is, as a problem names it (`deliverables[12].history[0].at`); written out
/// only when a problem is reported.
#[derive(Clone, Copy)]
enum At<'a> {
    /// The top-level object itself (no name).
    Top,
    Name(&'a str),
    Key(&'a At<'a>, &'a str),
    Index(&'a At<'a>, usize),
}

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            At::Top => Ok(()),
            At::Name(name) | At::Key(At::Top, name) => f.write_str(name),
            At::Key(parent, key) => write!(f, "{parent}.{key}"),
            At::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

/// True when the key of `entries[i]` came earlier in the object too.
fn repeated<T>(entries: &[(Cow<str>, T)], i: usize, seen: &mut Option<HashSet<String>>) -> bool {
    const FEW: usize = 16;
    let key = &entries[i].0;
    if entries.len() <= FEW {
        return entries[..i].iter().any(|(k, _)| k == key);
    }
    !seen
        .get_or_insert_with(HashSet::new)
        .insert(key.to_string())
}

/// The members of an object that the program knows, looked up by name.
struct Fields<'a> {
    entries: Vec<(Cow<'a, str>, &'a RawValue)>,
}

impl<'a> Fields<'a> {
    fn get(&self, key: &str) -> Option<&'a RawValue> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
    }
}

impl<'t> Reader<'t> {
    fn into_error(self) -> LoadError {
        let mut problems = self.problems;
        problems.sort_by_key(|(offset, _)| *offset);
        // `line_column` of each offset, in one walk over the text (the offsets ascend).
        let bytes = self.text.as_bytes();
        let (mut line, mut line_start, mut column, mut at) = (1, 0, 1, 0);
        LoadError {
            problems: problems
                .into_iter()
                .map(|(offset, message)| {
                    let offset = offset.min(bytes.len());
                    let walked = &bytes[at..offset];
                    match walked.iter().rposition(|&b| b == b'\n') {
                        Some(last) => {
                            line += walked.iter().filter(|&&b| b == b'\n').count();
                            line_start = at + last + 1;
                            column = 1 + chars(&bytes[line_start..offset]);
                        }
                        None => column += chars(walked),
                    }
                    at = offset;
                    Problem {
                        line: Some(line),
                        column: Some(column),
                        message,
                    }
                })
                .collect(),
        }
    }

    /// `self.text[range]`: a view when the reader shares its buffer, else a copy.
    fn text_at(&self, range: std::ops::Range<usize>) -> SharedStr {
        match self.shared {
            Some(buf) => SharedStr::view(buf, range),
            None => SharedStr::from(&self.text[range]),
        }
    }

    fn offset(&self, raw: &RawValue) -> usize {
        raw.get().as_ptr() as usize - self.text.as_ptr() as usize
    }

    fn end(&self, raw: &RawValue) -> usize {
        self.offset(raw) + raw.get().len()
    }

    fn problem_at(&mut self, offset: usize, path: &At, message: String) {
        let path = path.to_string();
        let message = if path.is_empty() {
            message
        } else {
            format!("{path}: {message}")
        };
        self.problems.push((offset, message));
    }

    fn problem(&mut self, raw: &RawValue, path: &At, message: String) {
        let offset = self.offset(raw);
        self.problem_at(offset, path, message);
    }

    /// The members of an object value, with a problem for each duplicated key.
    fn fields(&mut self, raw: &'t RawValue, path: &At) -> Option<Fields<'t>> {
        if kind(raw) != "an object" {
            self.problem(
                raw,
                path,
                format!("expected an object, found {}", kind(raw)),
            );
            return None;
        }
        let entries = match serde_json::from_str::<Entries>(raw.get()) {
            Ok(e) => e.0,
            Err(e) => {
                self.problem(raw, path, format!("unreadable object: {e}"));
                return None;
            }
        };
        let mut seen = None;
        for (i, (key, value)) in entries.iter().enumerate() {
            if repeated(&entries, i, &mut seen) {
                self.problem(
                    value,
                    &At::Key(path, key),
                    "this key appears more than once in the object; keep one".to_string(),
                );
            }
        }
        Some(Fields { entries })
    }

    fn elements(&mut self, raw: &'t RawValue, path: &At) -> Option<Vec<&'t RawValue>> {
        if kind(raw) != "an array" {
            self.problem(raw, path, format!("expected an array, found {}", kind(raw)));
            return None;
        }
        match serde_json::from_str::<Vec<&RawValue>>(raw.get()) {
            Ok(v) => Some(v),
            Err(e) => {
                self.problem(raw, path, format!("unreadable array: {e}"));
                None
            }
        }
    }

    /// A string value; `None` with a problem when it is another type or an invalid string.
    fn string(&mut self, raw: &RawValue, path: &At) -> Option<SharedStr> {
        if kind(raw) != "a string" {
            self.problem(raw, path, format!("expected a string, found {}", kind(raw)));
            return None;
        }
        let json = raw.get();
        // A string without escapes is its text (serde_json checked it has no control characters).
        if memchr::memchr(b'\\', json.as_bytes()).is_none() {
            let start = self.offset(raw) + 1;
            return Some(self.text_at(start..start + json.len() - 2));
        }
        match serde_json::from_str::<String>(json) {
            Ok(s) => Some(SharedStr::from(s)),
            Err(e) => {
                let detail = syntax_message(&e).replace("invalid JSON: ", "");
                self.problem(raw, path, format!("invalid string ({detail}); a lone surrogate escape such as \\ud83c cannot be read"));
                None
            }
        }
    }

    fn required_string(
        &mut self,
        obj: &Fields<'t>,
        at: &RawValue,
        path: &At,
        key: &str,
        non_empty: bool,
    ) -> Option<SharedStr> {
        let p = At::Key(path, key);
        match obj.get(key) {
            None => {
                self.problem(at, &p, "required field is missing".to_string());
                None
            }
            Some(raw) => {
                let s = self.string(raw, &p)?;
                if non_empty && s.trim().is_empty() {
                    self.problem(raw, &p, "must not be empty".to_string());
                    return None;
                }
                Some(s)
            }
        }
    }

    /// An optional string field: absent and `null` both mean "not given".
    fn optional_string(&mut self, obj: &Fields<'t>, path: &At, key: &str) -> Option<SharedStr> {
        let raw = obj.get(key)?;
        if raw.get() == "null" {
            return None;
        }
        self.string(raw, &At::Key(path, key))
    }

    /// A string the program only shows: any other value is left alone, as unknown fields
    /// are, rather than refusing the file.
    fn shown_string(&self, obj: &Fields<'t>, key: &str) -> Option<SharedStr> {
        let raw = obj.get(key)?;
        let json = raw.get();
        if kind(raw) == "a string" && memchr::memchr(b'\\', json.as_bytes()).is_none() {
            let start = self.offset(raw) + 1;
            return Some(self.text_at(start..start + json.len() - 2));
        }
        serde_json::from_str::<String>(json)
            .ok()
            .map(SharedStr::from)
    }

    /// An optional boolean: absent and `null` both mean false.
    fn optional_bool(&mut self, obj: &Fields<'t>, path: &At, key: &str) -> bool {
        match obj.get(key).map(|raw| (raw, raw.get())) {
            None | Some((_, "null" | "false")) => false,
            Some((_, "true")) => true,
            Some((raw, _)) => {
                self.problem(
                    raw,
                    &At::Key(path, key),
                    format!("expected true or false, found {}", kind(raw)),
                );
                false
            }
        }
    }

    fn optional_date(&mut self, obj: &Fields<'t>, path: &At, key: &str) -> Option<SharedStr> {
        let raw = obj.get(key)?;
        let s = self.optional_string(obj, path, key)?;
        if !is_valid_date(&s) {
            self.problem(
                raw,
                &At::Key(path, key),
                format!(
                    "{} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD",
                    serde_json::to_string(&s).unwrap_or_default()
                ),
            );
            return None;
        }
        Some(s)
    }

    fn string_list(&mut self, obj: &Fields<'t>, path: &At, key: &str) -> Vec<String> {
        let Some(raw) = obj.get(key) else {
            return vec![];
        };
        let p = At::Key(path, key);
        let Some(items) = self.elements(raw, &p) else {
            return vec![];
        };
        let mut out: Vec<String> = items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| self.string(item, &At::Index(&p, i)).map(String::from))
            .collect();
        out.shrink_to_fit();
        out
    }

    fn dataset(
        &mut self,
        Top {
            members,
            deliverables,
        }: Top<'t>,
    ) -> Dataset {
        let mut seen = None;
        for (i, (key, value)) in members.iter().enumerate() {
            // (The first `deliverables`, the one without a value here, is never a repeat.)
            if let Some(value) = value
                && repeated(&members, i, &mut seen)
            {
                self.problem(
                    value,
                    &At::Name(key),
                    "this key appears more than once at the top level; keep one".to_string(),
                );
            }
        }
        let top = Fields {
            entries: members
                .into_iter()
                .filter_map(|(k, v)| Some((k, v?)))
                .collect(),
        };
        // The deliverables' elements are checked for depth one by one as they are read.
        for (_, value) in &top.entries {
            self.deep |= nests_too_deep(value.get(), 1);
        }
        let start = bom_len(self.text);
        let version = At::Name("version");
        match top.get("version") {
            None => self.problem_at(
                start,
                &version,
                "required field is missing; this program reads version 1".to_string(),
            ),
            Some(raw) if raw.get() == "1" => {}
            Some(raw) => self.problem(
                raw,
                &version,
                format!("this program reads version 1, found {}", raw.get()),
            ),
        }
        let title = self
            .optional_string(&top, &At::Top, "title")
            .map(String::from);
        let statuses = self.statuses(&top);
        let councils = self.list(&top, "councils", Self::council);
        let areas = self.list(&top, "areas", Self::area);
        self.unique_ids(ids_of(&councils), "councils");
        self.unique_ids(ids_of(&areas), "areas");
        let mut data = Dataset {
            title,
            statuses: statuses.clone().unwrap_or_default(),
            councils: councils.into_iter().filter_map(|(_, _, c)| c).collect(),
            areas: areas.into_iter().filter_map(|(_, _, a)| a).collect(),
            deliverables: vec![],
            object_starts: vec![],
        };
        let vocab = Vocabulary::of(&data);
        let check_status = statuses.is_some();
        let Read {
            deliverables,
            starts,
            unread,
        } = self.deliverables(&top, deliverables, &vocab, check_status);
        // Every element in order, read or not, with its id and offset.
        let mut unread = unread.into_iter().peekable();
        let mut read = deliverables.iter().zip(&starts);
        let all = (0..deliverables.len() + unread.len()).map(|i| match unread.peek() {
            Some((at, _, _)) if *at == i => unread.next().map(|(_, offset, id)| (id, offset)),
            _ => read
                .next()
                .map(|(d, &start)| (Some(Cow::Borrowed(d.id.as_str())), start)),
        });
        // (Every index has an element, read or not: no `None` comes out of `all`.)
        self.unique_ids(all.map(|x| x.unwrap_or((None, 0))), "deliverables");
        data.object_starts = starts;
        data.deliverables = deliverables;
        data
    }

    fn statuses(&mut self, top: &Fields<'t>) -> Option<Vec<Status>> {
        let Some(raw) = top.get("statuses") else {
            return Some(DEFAULT_STATUSES.iter().map(|s| Status::named(s)).collect());
        };
        let name = At::Name("statuses");
        let items = self.elements(raw, &name)?;
        if items.is_empty() {
            self.problem(raw, &name, "must list at least one status".to_string());
            return None;
        }
        let mut out: Vec<Status> = Vec::new();
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let p = At::Index(&name, i);
            let Some((status, at, object)) = self.status(item, &p) else {
                ok = false;
                continue;
            };
            let named = At::Key(&p, "name");
            let p = if object { named } else { p };
            if status.name.trim().is_empty() {
                self.problem(at, &p, "a status must not be empty".to_string());
                ok = false;
            } else if out.iter().any(|s| s.name == status.name) {
                let message = format!("status {} is listed twice", quoted(&status.name));
                self.problem(at, &p, message);
                ok = false;
            } else {
                out.push(status);
            }
        }
        ok.then_some(out)
    }

    /// One entry of `statuses`: a name, or an object with a `name` and maybe a `category`
    /// (other keys are the file's own). Comes with the value that holds the name, and
    /// whether it is in an object.
    fn status(&mut self, item: &'t RawValue, p: &At) -> Option<(Status, &'t RawValue, bool)> {
        if kind(item) != "an object" {
            if kind(item) != "a string" {
                let message = format!(
                    "expected a status name or an object {{\"name\": …, \"category\": …}}, found {}",
                    kind(item)
                );
                self.problem(item, p, message);
                return None;
            }
            return Some((Status::named(&self.string(item, p)?), item, false));
        }
        let obj = self.fields(item, p)?;
        let name = self.required_string(&obj, item, p, "name", false);
        let category = match obj.get("category") {
            Some(raw) if raw.get() != "null" => {
                let at = At::Key(p, "category");
                let stated = self.string(raw, &at)?;
                let Some(category) = Category::from_name(&stated) else {
                    let message = format!(
                        "{} is not a category; use one of: {}",
                        quoted(&stated),
                        Category::choices()
                    );
                    self.problem(raw, &at, message);
                    return None;
                };
                Some(category)
            }
            _ => None,
        };
        let name = name?;
        let status = match category {
            Some(category) => Status {
                name: name.into(),
                category,
                stated: true,
            },
            None => Status::named(&name),
        };
        Some((status, obj.get("name")?, true))
    }

    /// Reads one of the top-level lists; each element comes back with its id and offset.
    fn list<T>(
        &mut self,
        top: &Fields<'t>,
        key: &str,
        mut read: impl FnMut(&mut Self, &'t RawValue, &At) -> (Option<String>, Option<T>),
    ) -> Vec<(Option<String>, usize, Option<T>)> {
        let name = At::Name(key);
        let Some(raw) = top.get(key) else {
            return vec![];
        };
        let Some(items) = self.elements(raw, &name) else {
            return vec![];
        };
        items
            .into_iter()
            .enumerate()
            .map(|(i, item)| {
                let (id, value) = read(self, item, &At::Index(&name, i));
                (id, self.offset(item), value)
            })
            .collect()
    }

    /// The deliverables, as `list` reads them, in chunks on all cores: each chunk has its
    /// own problems, put back in the order one pass would have found them. The elements that
    /// could not be read come apart, with their index, offset and id (if it was read).
    #[allow(clippy::type_complexity)]
    fn deliverables(
        &mut self,
        top: &Fields<'t>,
        elements: Option<Vec<&'t RawValue>>,
        vocab: &Vocabulary,
        check_status: bool,
    ) -> Read<'t> {
        const CHUNK: usize = 1024;
        let name = At::Name("deliverables");
        let items = match (elements, top.get("deliverables")) {
            (Some(items), _) => items,
            (None, None) => return Read::default(),
            // Its key was written with an escape: read as any other member.
            (None, Some(raw)) => match self.elements(raw, &name) {
                Some(items) => items,
                None => return Read::default(),
            },
        };
        let (text, shared) = (self.text, self.shared);
        let chunks: Vec<_> = items
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(c, chunk)| {
                let mut r = Reader {
                    text,
                    shared,
                    problems: Vec::new(),
                    deep: false,
                };
                let mut read = Vec::with_capacity(chunk.len());
                let mut starts = Vec::with_capacity(chunk.len());
                let mut unread = Vec::new();
                for (j, item) in chunk.iter().enumerate() {
                    let i = c * CHUNK + j;
                    r.deep |= nests_too_deep(item.get(), 2);
                    match r.deliverable(item, &At::Index(&name, i), vocab, check_status) {
                        (_, Some((d, start))) => {
                            read.push(d);
                            starts.push(start);
                        }
                        (id, None) => unread.push((i, r.offset(item), id.map(Cow::Owned))),
                    }
                }
                (read, starts, unread, r.problems, r.deep)
            })
            .collect();
        let n = chunks.iter().map(|c| c.0.len()).sum();
        let mut out = Read {
            deliverables: Vec::with_capacity(n),
            starts: Vec::with_capacity(n),
            unread: Vec::new(),
        };
        for (read, starts, not_read, problems, deep) in chunks {
            out.deliverables.extend(read);
            out.starts.extend(starts);
            out.unread.extend(not_read);
            self.problems.extend(problems);
            self.deep |= deep;
        }
        out
    }

    /// A problem for each id that an earlier element of `key` has too; `ids` gives each
    /// element's id (if it has one) and offset, in order.
    fn unique_ids<'a>(
        &mut self,
        ids: impl Iterator<Item = (Option<Cow<'a, str>>, usize)>,
        key: &str,
    ) {
        let mut first: HashMap<Cow<'a, str>, usize> = HashMap::with_capacity(ids.size_hint().0);
        for (i, (id, offset)) in ids.enumerate() {
            let Some(id) = id else { continue };
            if let Some(&j) = first.get(&id) {
                let list = At::Name(key);
                self.problem_at(
                    offset,
                    &At::Key(&At::Index(&list, i), "id"),
                    format!("duplicate id {}, already used by {key}[{j}]", quoted(&id)),
                );
            } else {
                first.insert(id, i);
            }
        }
    }

    /// The `id` and `name` a council and an area must have.
    fn id_and_name(
        &mut self,
        obj: &Fields<'t>,
        raw: &RawValue,
        path: &At,
    ) -> (Option<String>, Option<String>) {
        let mut read = |key| {
            self.required_string(obj, raw, path, key, true)
                .map(String::from)
        };
        (read("id"), read("name"))
    }

    fn council(&mut self, raw: &'t RawValue, path: &At) -> (Option<String>, Option<Council>) {
        let Some(obj) = self.fields(raw, path) else {
            return (None, None);
        };
        let (id, name) = self.id_and_name(&obj, raw, path);
        let date = self.optional_date(&obj, path, "date").map(String::from);
        let location = self
            .optional_string(&obj, path, "location")
            .map(String::from);
        let summary = self
            .optional_string(&obj, path, "summary")
            .map(String::from);
        let chairs = self.string_list(&obj, path, "chairs");
        let partner = self.shown_string(&obj, "partner").map(String::from);
        let short = self.shown_string(&obj, "short").map(String::from);
        let series = self.shown_string(&obj, "series").map(String::from);
        let source_url = match obj.get("source") {
            Some(src) if kind(src) == "an object" => {
                let at = At::Key(path, "source");
                self.fields(src, &at)
                    .and_then(|f| self.optional_string(&f, &at, "url"))
                    .map(String::from)
            }
            _ => None,
        };
        let council = match (&id, name) {
            (Some(id), Some(name)) => Some(Council {
                id: id.clone(),
                name,
                date,
                location,
                chairs,
                summary,
                source_url,
                partner,
                short,
                series,
            }),
            _ => None,
        };
        (id, council)
    }

    fn area(&mut self, raw: &'t RawValue, path: &At) -> (Option<String>, Option<Area>) {
        let Some(obj) = self.fields(raw, path) else {
            return (None, None);
        };
        let (id, name) = self.id_and_name(&obj, raw, path);
        let description = self
            .optional_string(&obj, path, "description")
            .map(String::from);
        let area = match (&id, name) {
            (Some(id), Some(name)) => Some(Area {
                id: id.clone(),
                name,
                description,
            }),
            _ => None,
        };
        (id, area)
    }

    /// The deliverable `raw` holds with where its object starts, or, when it cannot be read,
    /// its id if that was read.
    fn deliverable(
        &mut self,
        raw: &'t RawValue,
        path: &At,
        vocab: &Vocabulary,
        check_status: bool,
    ) -> (Option<String>, Option<(Deliverable, usize)>) {
        let Some(obj) = self.fields(raw, path) else {
            return (None, None);
        };
        let id = self.required_string(&obj, raw, path, "id", true);
        let council = self.required_string(&obj, raw, path, "council", true);
        let council_at = council
            .as_ref()
            .and_then(|c| vocab.councils.get(c.as_str()))
            .copied();
        if let (Some(c), Some(at)) = (&council, obj.get("council"))
            && council_at.is_none()
        {
            self.problem(
                at,
                &At::Key(path, "council"),
                format!("no council with id {}", quoted(c)),
            );
        }
        let mut areas = Vec::new();
        let mut areas_at = Vec::new();
        if let Some(list) = obj.get("areas") {
            let p = At::Key(path, "areas");
            for (i, item) in self
                .elements(list, &p)
                .unwrap_or_default()
                .into_iter()
                .enumerate()
            {
                let ip = At::Index(&p, i);
                if let Some(a) = self.string(item, &ip) {
                    let at = vocab.areas.get(a.as_str()).copied();
                    if at.is_none() {
                        self.problem(item, &ip, format!("no area with id {}", quoted(&a)));
                    } else if let Some(j) = areas.iter().position(|x| *x == a) {
                        // Counted twice otherwise, in every figure per area.
                        self.problem(
                            item,
                            &ip,
                            format!("area {} is listed twice, already at areas[{j}]", quoted(&a)),
                        );
                    }
                    // (A deliverable with a problem is refused: no unknown place is kept.)
                    areas_at.push(at.unwrap_or(u32::MAX));
                    areas.push(a);
                }
            }
        }
        areas.shrink_to_fit();
        let title = self.required_string(&obj, raw, path, "title", true);
        let status = self.required_string(&obj, raw, path, "status", false);
        if let (Some(s), Some(at)) = (&status, obj.get("status"))
            && check_status
            && !vocab.statuses.iter().any(|v| v == s)
        {
            self.problem(
                at,
                &At::Key(path, "status"),
                format!(
                    "{} is not a status of this file; use one of: {}",
                    quoted(s),
                    vocab.statuses.join(", ")
                ),
            );
        }
        // Long texts are checked here, and read from the object when asked for. One read
        // shorter than it is written has escapes (each escape is longer than what it stands
        // for); the link is only shown, and looked at as written.
        let mut escaped = 0;
        for text in [LongText::Description, LongText::Notes, LongText::Evidence] {
            if let (Some(read), Some(raw)) = (
                self.optional_string(&obj, path, text.key()),
                obj.get(text.key()),
            ) && read.len() + 2 != raw.get().len()
            {
                escaped |= text.bit();
            }
        }
        if obj
            .get(LongText::SourceUrl.key())
            .is_some_and(|v| memchr::memchr(b'\\', v.get().as_bytes()).is_some())
        {
            escaped |= LongText::SourceUrl.bit();
        }
        let owner = self.optional_string(&obj, path, "owner");
        let due = self.optional_date(&obj, path, "due");
        let follows = self.optional_string(&obj, path, "follows");
        let removed = self.optional_bool(&obj, path, "removed");
        let (history_len, latest_change, slot) = self.history(&obj, path);
        let (
            Some(id),
            Some(council),
            Some(title),
            Some(status),
            Some(status_raw),
            Some(history_slot),
        ) = (id.clone(), council, title, status, obj.get("status"), slot)
        else {
            return (id.map(String::from), None);
        };
        let object = self.offset(raw)..self.end(raw);
        let start = object.start;
        let span = |key: &str| obj.get(key).map(|v| self.offset(v)..self.end(v));
        let spans = Spans {
            object,
            status: self.offset(status_raw)..self.end(status_raw),
            owner: span("owner"),
            due: span("due"),
            notes: span("notes"),
            description: span("description"),
            evidence: span("evidence"),
            source_url: span("source_url"),
            escaped,
            history: history_slot,
            has_areas: obj.get("areas").is_some(),
        };
        let Some(spans_in_object) = ObjectSpans::of(&spans, start) else {
            let message = "this deliverable is 4 GiB or more; councilor cannot hold it";
            self.problem(raw, path, message.to_string());
            return (Some(id.to_string()), None);
        };
        let mut d = Deliverable {
            id,
            council,
            areas: areas.into_boxed_slice(),
            title,
            status,
            owner,
            due,
            follows,
            removed,
            history_len,
            latest_change,
            object: self.text_at(start..start + spans.object.len()),
            spans_in_object,
            places: Places {
                council: council_at.unwrap_or(u32::MAX),
                areas: areas_at.into_boxed_slice(),
            },
            letters: Letters::default(),
        };
        d.letters = Letters::of(&d);
        (None, Some((d, start)))
    }

    /// The `history` of a deliverable checked: how many entries, the latest `at`, and where
    /// the list is.
    fn history(
        &mut self,
        obj: &Fields<'t>,
        path: &At,
    ) -> (u32, Option<SharedStr>, Option<HistorySlot>) {
        let Some(raw) = obj.get("history") else {
            let last_member_end = obj.entries.last().map(|(_, v)| self.end(v));
            return (
                0,
                None,
                last_member_end.map(|e| HistorySlot::Missing { last_member_end: e }),
            );
        };
        let p = At::Key(path, "history");
        let Some(items) = self.elements(raw, &p) else {
            return (0, None, None);
        };
        let mut count = 0u32;
        let mut latest: Option<SharedStr> = None;
        self.history_entries(&items, &p, |entry| {
            count = count.saturating_add(1);
            if entry.at.as_ref() > latest.as_ref() {
                latest = entry.at;
            }
        });
        let open = self.offset(raw);
        let slot = HistorySlot::Array {
            open,
            close: self.end(raw) - 1,
            last: items.last().map(|l| self.offset(l)..self.end(l)),
        };
        (count, latest, Some(slot))
    }

    /// Reads each entry of a history list, `items`, at `p`.
    fn history_entries(
        &mut self,
        items: &[&'t RawValue],
        p: &At,
        mut each: impl FnMut(HistoryEntry),
    ) {
        for (i, item) in items.iter().enumerate() {
            let ip = At::Index(p, i);
            let Some(f) = self.fields(item, &ip) else {
                continue;
            };
            // `null` is no value, as for every optional field; another value that is not a
            // string is kept as its JSON spelling.
            let value = |r: &mut Self, key: &str| -> Option<SharedStr> {
                let v = f.get(key).filter(|v| v.get() != "null")?;
                if kind(v) == "a string" {
                    r.string(v, &At::Key(&ip, key))
                } else {
                    let start = r.offset(v);
                    Some(r.text_at(start..start + v.get().len()))
                }
            };
            let at = self.optional_string(&f, &ip, "at");
            let field = self.optional_string(&f, &ip, "field");
            let by = self.optional_string(&f, &ip, "by");
            let note = self.optional_string(&f, &ip, "note");
            let from = value(self, "from");
            let to = value(self, "to");
            each(HistoryEntry {
                at,
                field,
                from,
                to,
                by,
                note,
            });
        }
    }
}

impl Deliverable {
    /// Its history entries, read from its object's text (the loader checked them).
    pub fn history(&self) -> Vec<HistoryEntry> {
        let Some((open, close)) = self.spans_in_object.history_brackets() else {
            return vec![];
        };
        let (buf, start) = self.object.buffer();
        let Some(json) = buf.get(start + open..start + close + 1) else {
            return vec![];
        };
        let Ok(items) = serde_json::from_str::<Vec<&RawValue>>(json) else {
            return vec![];
        };
        let mut r = Reader {
            text: buf,
            shared: Some(buf),
            problems: Vec::new(),
            deep: false,
        };
        let mut out = Vec::with_capacity(items.len());
        r.history_entries(&items, &At::Name("history"), |e| out.push(e));
        out
    }
}

/// Re-reads one deliverable from the text after an edit, with fresh spans; `None` if it
/// has any problem.
pub fn reread_deliverable(
    text: &str,
    object: std::ops::Range<usize>,
    vocab: &Vocabulary,
) -> Option<Deliverable> {
    // Its strings are views into a copy of its own object (a deliverable's worth, not the
    // text's).
    let own = Arc::new(text.get(object)?.to_string());
    let raw: &RawValue = serde_json::from_str(&own).ok()?;
    let mut r = Reader {
        text: &own,
        shared: Some(&own),
        problems: Vec::new(),
        deep: false,
    };
    let (_, d) = r.deliverable(raw, &At::Name("deliverable"), vocab, true);
    // (Its object is the whole of `own`: its spans are from the object's start.)
    d.filter(|_| r.problems.is_empty()).map(|(d, _)| d)
}

/// The members of the JSON object `text[object]`, in file order: each key with the span of
/// its value (absolute offsets); `None` when it is not an object.
pub fn members(
    text: &str,
    object: std::ops::Range<usize>,
) -> Option<Vec<(String, std::ops::Range<usize>)>> {
    let json = text.get(object.clone())?;
    let entries: Entries = serde_json::from_str(json).ok()?;
    let base = json.as_ptr() as usize;
    Some(
        entries
            .0
            .into_iter()
            .map(|(k, v)| {
                let start = object.start + (v.get().as_ptr() as usize - base);
                (k.into_owned(), start..start + v.get().len())
            })
            .collect(),
    )
}

/// The span of the value of member `key` of the object `text[object]`, if it has one.
pub fn member_span(
    text: &str,
    object: std::ops::Range<usize>,
    key: &str,
) -> Option<std::ops::Range<usize>> {
    members(text, object)?
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, span)| span)
}

/// How many characters `bytes` (a piece of a UTF-8 text) holds, as `from_utf8_lossy` counts
/// them: the bytes that do not continue a character.
fn chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

/// The ids and offsets of the elements of a list read by `Reader::list`.
fn ids_of<'a, T>(
    items: &'a [(Option<String>, usize, Option<T>)],
) -> impl Iterator<Item = (Option<Cow<'a, str>>, usize)> {
    items
        .iter()
        .map(|(id, offset, _)| (id.as_deref().map(Cow::Borrowed), *offset))
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file with a bit of everything (escapes, unknown fields, `null`s, odd numbers).
    const ODD: &str = include_str!("../tests/data/load-odd.json");

    #[test]
    fn a_deliverable_is_reread_as_it_was_read() {
        let data = parse(ODD).unwrap();
        let vocab = Vocabulary::of(&data);
        assert_eq!(data.deliverables.len(), 3);
        for (i, d) in data.deliverables.iter().enumerate() {
            let object = data.object(i).unwrap();
            assert_eq!(
                reread_deliverable(ODD, object.clone(), &vocab).as_ref(),
                Some(d)
            );
            // With white space around it, the same; with a comma, or cut short, nothing.
            let wider = object.start - 1..object.end + 1;
            let spaced = ODD[wider.clone()].trim() == &ODD[object.clone()];
            assert_eq!(
                reread_deliverable(ODD, wider, &vocab).as_ref(),
                spaced.then_some(d)
            );
            let spaces = format!(
                "{}  {}  {}",
                &ODD[..object.start],
                &ODD[object.clone()],
                &ODD[object.end..]
            );
            // Moved in the text, the same: its spans start from its object.
            let moved = object.start + 2..object.end + 2;
            let fresh =
                reread_deliverable(&spaces, moved.start - 1..moved.end + 1, &vocab).unwrap();
            assert_eq!(&fresh, d);
            let cut = object.start..object.end - 1;
            assert_eq!(reread_deliverable(ODD, cut, &vocab), None);
        }
    }

    #[test]
    fn long_texts_and_history_are_read_from_the_object_as_serde_json_reads_them() {
        let text = r#"{"version": 1, "councils": [{"id": "c", "name": "C"}],
          "deliverables": [
            {"id": "a", "council": "c", "title": "A", "status": "planned",
             "description": "plain", "notes": "said \"yes\"\n\u00e9", "evidence": null,
             "source_url": 42,
             "history": [{"at": "2026-01-02T00:00:00Z", "field": "status", "from": 1,
                          "to": "done", "note": "tab\there"},
                         {"at": "2026-01-01T00:00:00Z", "field": "notes", "from": null}]},
            {"id": "b", "council": "c", "title": "B", "status": "planned",
             "source_url": "https:\/\/example.org"}]}"#;
        let data = parse(text).unwrap();
        let [a, b] = &data.deliverables[..] else {
            panic!("two deliverables");
        };
        assert_eq!(a.description().as_deref(), Some("plain"));
        assert_eq!(a.notes().as_deref(), Some("said \"yes\"\né"));
        assert_eq!(a.evidence(), None, "null is no evidence");
        assert_eq!(
            a.source_url(),
            None,
            "a link that is not a string is not shown"
        );
        assert_eq!(b.source_url().as_deref(), Some("https://example.org"));
        assert_eq!(b.description(), None);
        let history = a.history();
        assert_eq!(history.len(), 2);
        assert_eq!(a.history_len, 2);
        assert_eq!(
            history[0].from.as_deref(),
            Some("1"),
            "a number kept as its JSON"
        );
        assert_eq!(history[0].note.as_deref(), Some("tab\there"));
        assert_eq!(history[1].to, None);
        assert_eq!(history[1].from, None, "null is no value");
        assert_eq!(
            a.latest_change.as_deref(),
            Some("2026-01-02T00:00:00Z"),
            "the latest, not the last"
        );
        assert!(b.history().is_empty() && !b.has_history() && b.latest_change.is_none());
    }

    #[test]
    fn strings_read_as_serde_json_reads_them() {
        for json in [
            r#""""#,
            r#""plain""#,
            r#""東京 😀""#,
            r#""caf\u00e9 \"q\" \\ \/ \n""#,
            r#""\ud83d\ude00""#,
        ] {
            let raw: &RawValue = serde_json::from_str(json).unwrap();
            let mut r = Reader {
                text: json,
                shared: None,
                problems: Vec::new(),
                deep: false,
            };
            let read = r.string(raw, &At::Top);
            assert_eq!(
                read.as_deref(),
                serde_json::from_str::<String>(json).ok().as_deref(),
                "{json}"
            );
            assert!(r.problems.is_empty());
        }
    }

    #[test]
    fn nesting_is_measured_outside_strings() {
        let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(!nests_too_deep(&format!("\"{}\"", "a".repeat(300)), 1));
        assert!(!nests_too_deep(&nested(MAX_DEPTH - 1), 1));
        assert!(nests_too_deep(&nested(MAX_DEPTH), 1));
        assert!(!nests_too_deep(
            &format!("\"{}\"", "{".repeat(MAX_DEPTH)),
            1
        ));
        assert_eq!(too_deep(&format!("[\"{}\"]", "[".repeat(200)), 0), None);
        assert_eq!(
            too_deep(&format!("[\"\\\"[\", {}]", nested(MAX_DEPTH - 1)), 0),
            None
        );
        assert_eq!(
            too_deep(&format!("[\"\\\\\", {}]", nested(MAX_DEPTH)), 0),
            Some(MAX_DEPTH + 6)
        );
        assert_eq!(too_deep(&nested(MAX_DEPTH - 2), 2), None);
        assert_eq!(too_deep(&nested(MAX_DEPTH - 1), 2), Some(MAX_DEPTH - 2));
    }

    /// Each problem's line and column, found in one walk, are those of `line_column`.
    #[test]
    fn many_problems_are_placed_as_line_column_places_them() {
        let mut text = String::from(
            "{\"version\": 1, \"councils\": [{\"id\": \"c\", \"name\": \"東京 C\"}],\n  \"deliverables\": [\n",
        );
        for i in 0..2500 {
            let status = if i % 7 == 3 { "nope" } else { "done" };
            text.push_str(&format!(
                "    {{\"id\": \"d{i}\", \"title\": \"量子 {i}\", \"council\": \"c\", \"status\": \"{status}\"}}{}\n",
                if i < 2499 { "," } else { "" }
            ));
        }
        text.push_str("]}\n");
        let err = parse(&text).unwrap_err();
        let expected: Vec<(usize, usize)> = text
            .match_indices("\"nope\"")
            .map(|(at, _)| line_column(&text, at))
            .collect();
        let found: Vec<(usize, usize)> = err
            .problems
            .iter()
            .map(|p| (p.line.unwrap(), p.column.unwrap()))
            .collect();
        assert_eq!(found, expected);
        // In file order across the chunks the deliverables are read in, with their indices.
        assert!(
            err.problems[0]
                .message
                .starts_with("deliverables[3].status: \"nope\"")
        );
        assert!(
            err.problems
                .last()
                .unwrap()
                .message
                .starts_with("deliverables[2495].status:")
        );
    }

    #[test]
    fn a_repeated_key_is_found_in_objects_of_any_size() {
        let keys: String = (0..20).map(|k| format!("\"k{k}\": 1, ")).collect();
        let text = format!(
            "{{\"version\": 1, \"councils\": [{{\"id\": \"c\", \"name\": \"C\"}}], \"deliverables\": [{{{keys}\"k7\": 2, \"id\": \"d\", \"council\": \"c\", \"title\": \"T\", \"status\": \"done\"}}]}}"
        );
        let err = parse(&text).unwrap_err();
        assert_eq!(err.problems.len(), 1);
        assert_eq!(
            err.problems[0].message,
            "deliverables[0].k7: this key appears more than once in the object; keep one"
        );
    }
}
