//! Reading a dataset's text into the model, reporting every problem with its place.
//!
//! The text is never rebuilt from the model: each value keeps its byte span, so that
//! an edit can be spliced into the original text (see `edit.rs`).
//!
//! Two readers share the work. The fast one (`fast`, at the end of this file) reads a file
//! that has nothing wrong with it in one pass over the text, the deliverables split over all
//! cores; it gives up at the first thing that is wrong or unusual, without saying what. The
//! reporting one (`Reader`) then reads the file again with serde_json, `RawValue` slices
//! borrowed from the text giving the spans, and words every problem with its place. Whatever
//! the fast reader accepts, it reads exactly as the reporting one does (the tests at the end
//! of this file compare the two on many files, broken and not).

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

use rayon::prelude::*;
use serde::Deserialize;
use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::dates::is_valid_date;
use crate::model::{
    Area, Council, DEFAULT_STATUSES, Dataset, Deliverable, HistoryEntry, HistorySlot, Spans,
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
    match fast::dataset(text, fast::MIN_CHUNK) {
        Some(data) => Ok(data),
        None => report(text),
    }
}

/// The reporting reader: slower, and every problem found in one pass, worded and located.
fn report(text: &str) -> Result<Dataset, LoadError> {
    let body = &text[bom_len(text)..];
    // A first pass that allocates nothing checks the syntax (it does not recurse, so even
    // 100,000 open brackets cannot overflow the stack).
    if let Err(e) = serde_json::from_str::<IgnoredAny>(body) {
        return Err(LoadError::one(
            Some(e.line()),
            Some(e.column().max(1)),
            syntax_message(&e),
        ));
    }
    if let Some(offset) = too_deep(body) {
        let (line, column) = line_column(text, bom_len(text) + offset);
        return Err(LoadError::one(
            Some(line),
            Some(column),
            format!("nesting is deeper than {MAX_DEPTH} levels; councilor refuses such files"),
        ));
    }
    let mut r = Reader {
        text,
        problems: Vec::new(),
    };
    let first = body.trim_start().as_bytes().first().copied();
    if first != Some(b'{') {
        let found = first.map_or("nothing", kind_of_byte);
        r.problem_at(
            bom_len(text) + (body.len() - body.trim_start().len()),
            &At::Top,
            format!("the top level must be a JSON object with \"version\": 1, found {found}"),
        );
        return Err(r.into_error());
    }
    let data = r.dataset(body);
    if r.problems.is_empty() {
        // `dataset` only gives up after recording why; never exit with an empty report.
        data.ok_or_else(|| LoadError::one(None, None, "the file could not be read as a dataset"))
    } else {
        Err(r.into_error())
    }
}

/// The deepest nesting councilor accepts (serde_json's own default limit).
pub const MAX_DEPTH: usize = 128;

/// The offset of the first bracket that opens a level deeper than `MAX_DEPTH`, in valid JSON.
fn too_deep(json: &str) -> Option<usize> {
    let bytes = json.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            // Strings are skipped eight bytes at a time.
            b'"' => {
                i = fast::string_end(json, i)?;
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
                let mut out = Vec::new();
                while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
                    out.push((key, map.next_value::<&'de RawValue>()?));
                }
                Ok(Entries(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// What an element's fields are checked against.
pub struct Vocabulary {
    pub statuses: Vec<String>,
    pub councils: HashSet<String>,
    pub areas: HashSet<String>,
}

impl Vocabulary {
    pub fn of(data: &Dataset) -> Self {
        Vocabulary {
            statuses: data.statuses.clone(),
            councils: data.councils.iter().map(|c| c.id.clone()).collect(),
            areas: data.areas.iter().map(|a| a.id.clone()).collect(),
        }
    }
}

struct Reader<'t> {
    text: &'t str,
    problems: Vec<(usize, String)>,
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
fn repeated(
    entries: &[(Cow<str>, &RawValue)],
    i: usize,
    seen: &mut Option<HashSet<String>>,
) -> bool {
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
    fn string(&mut self, raw: &RawValue, path: &At) -> Option<String> {
        if kind(raw) != "a string" {
            self.problem(raw, path, format!("expected a string, found {}", kind(raw)));
            return None;
        }
        match serde_json::from_str::<String>(raw.get()) {
            Ok(s) => Some(s),
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
    ) -> Option<String> {
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
    fn optional_string(&mut self, obj: &Fields<'t>, path: &At, key: &str) -> Option<String> {
        let raw = obj.get(key)?;
        if raw.get() == "null" {
            return None;
        }
        self.string(raw, &At::Key(path, key))
    }

    fn optional_date(&mut self, obj: &Fields<'t>, path: &At, key: &str) -> Option<String> {
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
        items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| self.string(item, &At::Index(&p, i)))
            .collect()
    }

    fn dataset(&mut self, body: &'t str) -> Option<Dataset> {
        let top = match serde_json::from_str::<Entries>(body) {
            Ok(e) => Fields { entries: e.0 },
            Err(e) => {
                self.problem_at(0, &At::Top, syntax_message(&e));
                return None;
            }
        };
        let mut seen = None;
        for (i, (key, value)) in top.entries.iter().enumerate() {
            if repeated(&top.entries, i, &mut seen) {
                self.problem(
                    value,
                    &At::Name(key),
                    "this key appears more than once at the top level; keep one".to_string(),
                );
            }
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
        let title = self.optional_string(&top, &At::Top, "title");
        let statuses = self.statuses(&top);
        let councils = self.list(&top, "councils", Self::council);
        let areas = self.list(&top, "areas", Self::area);
        self.unique_ids(&councils, "councils");
        self.unique_ids(&areas, "areas");
        let mut data = Dataset {
            title,
            statuses: statuses.clone().unwrap_or_default(),
            councils: councils.into_iter().filter_map(|(_, _, c)| c).collect(),
            areas: areas.into_iter().filter_map(|(_, _, a)| a).collect(),
            deliverables: vec![],
        };
        let vocab = Vocabulary::of(&data);
        let check_status = statuses.is_some();
        let deliverables = self.deliverables(&top, &vocab, check_status);
        self.unique_ids(&deliverables, "deliverables");
        data.deliverables = deliverables.into_iter().filter_map(|(_, _, d)| d).collect();
        Some(data)
    }

    fn statuses(&mut self, top: &Fields<'t>) -> Option<Vec<String>> {
        let Some(raw) = top.get("statuses") else {
            return Some(DEFAULT_STATUSES.iter().map(|s| s.to_string()).collect());
        };
        let name = At::Name("statuses");
        let items = self.elements(raw, &name)?;
        if items.is_empty() {
            self.problem(raw, &name, "must list at least one status".to_string());
            return None;
        }
        let mut out: Vec<String> = Vec::new();
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let p = At::Index(&name, i);
            match self.string(item, &p) {
                Some(s) if s.trim().is_empty() => {
                    self.problem(item, &p, "a status must not be empty".to_string());
                    ok = false;
                }
                Some(s) if out.contains(&s) => {
                    self.problem(item, &p, format!("status {} is listed twice", quoted(&s)));
                    ok = false;
                }
                Some(s) => out.push(s),
                None => ok = false,
            }
        }
        ok.then_some(out)
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
    /// own problems, put back in the order one pass would have found them.
    fn deliverables(
        &mut self,
        top: &Fields<'t>,
        vocab: &Vocabulary,
        check_status: bool,
    ) -> Vec<(Option<String>, usize, Option<Deliverable>)> {
        const CHUNK: usize = 1024;
        let name = At::Name("deliverables");
        let Some(raw) = top.get("deliverables") else {
            return vec![];
        };
        let Some(items) = self.elements(raw, &name) else {
            return vec![];
        };
        let text = self.text;
        let chunks: Vec<_> = items
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(c, chunk)| {
                let mut r = Reader {
                    text,
                    problems: Vec::new(),
                };
                let read: Vec<_> = chunk
                    .iter()
                    .enumerate()
                    .map(|(j, item)| {
                        let at = At::Index(&name, c * CHUNK + j);
                        let (id, d) = r.deliverable(item, &at, vocab, check_status);
                        (id, r.offset(item), d)
                    })
                    .collect();
                (read, r.problems)
            })
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for (read, problems) in chunks {
            out.extend(read);
            self.problems.extend(problems);
        }
        out
    }

    fn unique_ids<T>(&mut self, items: &[(Option<String>, usize, Option<T>)], key: &str) {
        let mut first: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for (i, (id, offset, _)) in items.iter().enumerate() {
            let Some(id) = id else { continue };
            if let Some(&j) = first.get(id.as_str()) {
                let list = At::Name(key);
                self.problem_at(
                    *offset,
                    &At::Key(&At::Index(&list, i), "id"),
                    format!("duplicate id {}, already used by {key}[{j}]", quoted(id)),
                );
            } else {
                first.insert(id, i);
            }
        }
    }

    fn council(&mut self, raw: &'t RawValue, path: &At) -> (Option<String>, Option<Council>) {
        let Some(obj) = self.fields(raw, path) else {
            return (None, None);
        };
        let id = self.required_string(&obj, raw, path, "id", true);
        let name = self.required_string(&obj, raw, path, "name", true);
        let date = self.optional_date(&obj, path, "date");
        let location = self.optional_string(&obj, path, "location");
        let summary = self.optional_string(&obj, path, "summary");
        let chairs = self.string_list(&obj, path, "chairs");
        let source_url = match obj.get("source") {
            Some(src) if kind(src) == "an object" => {
                let at = At::Key(path, "source");
                self.fields(src, &at)
                    .and_then(|f| self.optional_string(&f, &at, "url"))
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
            }),
            _ => None,
        };
        (id, council)
    }

    fn area(&mut self, raw: &'t RawValue, path: &At) -> (Option<String>, Option<Area>) {
        let Some(obj) = self.fields(raw, path) else {
            return (None, None);
        };
        let id = self.required_string(&obj, raw, path, "id", true);
        let name = self.required_string(&obj, raw, path, "name", true);
        let description = self.optional_string(&obj, path, "description");
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

    fn deliverable(
        &mut self,
        raw: &'t RawValue,
        path: &At,
        vocab: &Vocabulary,
        check_status: bool,
    ) -> (Option<String>, Option<Deliverable>) {
        let Some(obj) = self.fields(raw, path) else {
            return (None, None);
        };
        let id = self.required_string(&obj, raw, path, "id", true);
        let council = self.required_string(&obj, raw, path, "council", true);
        if let (Some(c), Some(at)) = (&council, obj.get("council"))
            && !vocab.councils.contains(c)
        {
            self.problem(
                at,
                &At::Key(path, "council"),
                format!("no council with id {}", quoted(c)),
            );
        }
        let mut areas = Vec::new();
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
                    if !vocab.areas.contains(&a) {
                        self.problem(item, &ip, format!("no area with id {}", quoted(&a)));
                    }
                    areas.push(a);
                }
            }
        }
        let title = self.required_string(&obj, raw, path, "title", true);
        let status = self.required_string(&obj, raw, path, "status", false);
        if let (Some(s), Some(at)) = (&status, obj.get("status"))
            && check_status
            && !vocab.statuses.contains(s)
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
        let description = self.optional_string(&obj, path, "description");
        let owner = self.optional_string(&obj, path, "owner");
        let due = self.optional_date(&obj, path, "due");
        let notes = self.optional_string(&obj, path, "notes");
        let evidence = self.optional_string(&obj, path, "evidence");
        let (history, slot) = self.history(&obj, path);
        let (
            Some(id),
            Some(council),
            Some(title),
            Some(status),
            Some(status_raw),
            Some(history_slot),
        ) = (id.clone(), council, title, status, obj.get("status"), slot)
        else {
            return (id, None);
        };
        let object = self.offset(raw)..self.end(raw);
        let span = |key: &str| obj.get(key).map(|v| self.offset(v)..self.end(v));
        let spans = Spans {
            object,
            status: self.offset(status_raw)..self.end(status_raw),
            owner: span("owner"),
            due: span("due"),
            notes: span("notes"),
            history: history_slot,
        };
        (
            Some(id.clone()),
            Some(Deliverable {
                id,
                council,
                areas,
                title,
                status,
                description,
                owner,
                due,
                notes,
                evidence,
                history,
                spans,
            }),
        )
    }

    fn history(&mut self, obj: &Fields<'t>, path: &At) -> (Vec<HistoryEntry>, Option<HistorySlot>) {
        let Some(raw) = obj.get("history") else {
            let last_member_end = obj.entries.last().map(|(_, v)| self.end(v));
            return (
                vec![],
                last_member_end.map(|e| HistorySlot::Missing { last_member_end: e }),
            );
        };
        let p = At::Key(path, "history");
        let Some(items) = self.elements(raw, &p) else {
            return (vec![], None);
        };
        let mut entries = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let ip = At::Index(&p, i);
            let Some(f) = self.fields(item, &ip) else {
                continue;
            };
            let value = |r: &mut Self, key: &str| -> Option<String> {
                let v = f.get(key)?;
                if kind(v) == "a string" {
                    r.string(v, &At::Key(&ip, key))
                } else {
                    Some(v.get().to_string())
                }
            };
            let at = self.optional_string(&f, &ip, "at");
            let field = self.optional_string(&f, &ip, "field");
            let by = self.optional_string(&f, &ip, "by");
            let note = self.optional_string(&f, &ip, "note");
            let from = value(self, "from");
            let to = value(self, "to");
            entries.push(HistoryEntry {
                at,
                field,
                from,
                to,
                by,
                note,
            });
        }
        let open = self.offset(raw);
        let slot = HistorySlot::Array {
            open,
            close: self.end(raw) - 1,
            last: items.last().map(|l| self.offset(l)..self.end(l)),
        };
        (entries, Some(slot))
    }
}

/// Re-reads one deliverable from the text after an edit, with fresh spans.
pub fn reread_deliverable(
    text: &str,
    object: std::ops::Range<usize>,
    vocab: &Vocabulary,
) -> Option<Deliverable> {
    match fast::deliverable(text, object.clone(), vocab) {
        Some(d) => Some(d),
        None => reread_reporting(text, object, vocab),
    }
}

fn reread_reporting(
    text: &str,
    object: std::ops::Range<usize>,
    vocab: &Vocabulary,
) -> Option<Deliverable> {
    let raw: &RawValue = serde_json::from_str(text.get(object)?).ok()?;
    let mut r = Reader {
        text,
        problems: Vec::new(),
    };
    let (_, d) = r.deliverable(raw, &At::Name("deliverable"), vocab, true);
    if r.problems.is_empty() { d } else { None }
}

/// How many characters `bytes` (a piece of a UTF-8 text) holds, as `from_utf8_lossy` counts
/// them: the bytes that do not continue a character.
fn chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| s.to_string())
}

/// The fast reader: one pass over the text of a file that has nothing wrong with it.
///
/// Every function returns `None` as soon as something is wrong or merely unusual (a syntax
/// error, a rule broken, a key written with an escape, nesting deeper than `MAX_DEPTH`...);
/// `parse` then asks the reporting reader, which finds the same dataset or words the
/// problems. So this reader may refuse more than it must, never less, and what it accepts it
/// reads as the reporting reader does: same strings, same spans (byte offsets in the whole
/// text, byte-order mark included).
///
/// It checks the syntax as serde_json does (white space, literals, numbers, strings with
/// their escapes and no raw control characters, nothing after the top-level value), keeps
/// no path and builds no message, borrows the keys from the text, finds duplicate keys with
/// a bit per known key, and reads the deliverables' array in chunks on all cores: each
/// chunk starts at a guessed element start, and its result is kept only once the chunk
/// before it has reached that very offset (otherwise that stretch is read again in order).
mod fast {
    use std::collections::HashSet;
    use std::hash::{BuildHasherDefault, Hasher};
    use std::ops::Range;

    use rayon::prelude::*;

    use super::{MAX_DEPTH, Vocabulary, bom_len};
    use crate::dates::is_valid_date;
    use crate::model::{
        Area, Council, DEFAULT_STATUSES, Dataset, Deliverable, HistoryEntry, HistorySlot, Spans,
    };

    /// The end (after the closing quote) of the valid string opening at `i` in `json`.
    pub(super) fn string_end(json: &str, i: usize) -> Option<usize> {
        let p = P {
            t: json,
            b: json.as_bytes(),
        };
        p.scan_str(i).map(|(end, _)| end)
    }

    /// Below this many bytes of deliverables, one thread reads them all.
    pub(super) const MIN_CHUNK: usize = 256 * 1024;

    /// How far past a split point an element start is looked for.
    const GUESS_WINDOW: usize = 1 << 20;

    /// A set of borrowed strings with a cheap hash (the strings are ids of the file).
    type StrSet<'a> = HashSet<&'a str, BuildHasherDefault<WordHash>>;

    /// Rotate, xor and multiply over 8-byte words, with a final mix of the high bits down.
    #[derive(Default)]
    struct WordHash(u64);

    const MUL: u64 = 0x9e37_79b9_7f4a_7c15;

    impl WordHash {
        #[inline]
        fn add(&mut self, word: u64) {
            self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(MUL);
        }
    }

    impl Hasher for WordHash {
        #[inline]
        fn write(&mut self, bytes: &[u8]) {
            let mut words = bytes.chunks_exact(8);
            for w in &mut words {
                self.add(u64::from_le_bytes(w.try_into().unwrap()));
            }
            let rest = words.remainder();
            if !rest.is_empty() {
                let mut last = [0u8; 8];
                last[..rest.len()].copy_from_slice(rest);
                self.add(u64::from_le_bytes(last) ^ ((rest.len() as u64) << 59));
            }
        }
        #[inline]
        fn write_u8(&mut self, b: u8) {
            self.add(u64::from(b));
        }
        #[inline]
        fn finish(&self) -> u64 {
            let h = self.0;
            (h ^ (h >> 31)).wrapping_mul(MUL) ^ (h >> 29)
        }
    }

    fn str_set<'a>(capacity: usize) -> StrSet<'a> {
        HashSet::with_capacity_and_hasher(capacity, Default::default())
    }

    /// True when every string is there once.
    fn all_distinct<'a>(items: impl ExactSizeIterator<Item = &'a str>) -> bool {
        let mut seen = str_set(items.len());
        items.into_iter().all(|s| seen.insert(s))
    }

    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;

    /// The high bit of each byte of `w` that is `"`, `\` or a control character; the lowest
    /// one set is always a real one (a borrow only runs towards the higher bytes).
    #[inline]
    fn specials(w: u64) -> u64 {
        let quote = w ^ (ONES * u64::from(b'"'));
        let backslash = w ^ (ONES * u64::from(b'\\'));
        ((quote.wrapping_sub(ONES) & !quote)
            | (backslash.wrapping_sub(ONES) & !backslash)
            | (w.wrapping_sub(ONES * 0x20) & !w))
            & HIGH
    }

    fn hex(b: u8) -> Option<u16> {
        match b {
            b'0'..=b'9' => Some(u16::from(b - b'0')),
            b'a'..=b'f' => Some(u16::from(b - b'a' + 10)),
            b'A'..=b'F' => Some(u16::from(b - b'A' + 10)),
            _ => None,
        }
    }

    fn hex4(b: &[u8]) -> Option<u16> {
        let d = b.get(..4)?;
        Some(hex(d[0])? << 12 | hex(d[1])? << 8 | hex(d[2])? << 4 | hex(d[3])?)
    }

    /// The keys met in one object: a bit per known key, the others in a short list (on the
    /// stack while there are few).
    #[derive(Default)]
    struct Keys<'t> {
        known: u32,
        few: [&'t str; 4],
        count: usize,
        more: Vec<&'t str>,
    }

    impl<'t> Keys<'t> {
        #[inline]
        fn has(&self, bit: u32) -> bool {
            self.known & bit != 0
        }
        #[inline]
        fn known(&mut self, bit: u32) -> Option<()> {
            if self.known & bit != 0 {
                return None;
            }
            self.known |= bit;
            Some(())
        }
        fn other(&mut self, key: &'t str) -> Option<()> {
            let few = self.count.min(self.few.len());
            if self.few[..few].contains(&key) || self.more.contains(&key) {
                return None;
            }
            match self.few.get_mut(self.count) {
                Some(slot) => *slot = key,
                None => self.more.push(key),
            }
            self.count += 1;
            Some(())
        }
    }

    /// What comes after a run of deliverables.
    enum Next {
        /// Another element starts here (at or past the run's limit).
        More(usize),
        /// The array ends; the offset after its `]`.
        End(usize),
    }

    struct Run {
        items: Vec<Deliverable>,
        /// The hash of each item's id.
        ids: Vec<u64>,
        next: Next,
    }

    /// What the deliverables are checked against while they are read: the lists that came
    /// before the deliverables in the file (`None` for a list not read yet, checked after).
    #[derive(Default)]
    struct Vocab<'a> {
        councils: Option<StrSet<'a>>,
        areas: Option<StrSet<'a>>,
        statuses: Option<&'a [String]>,
    }

    impl Vocab<'_> {
        fn admits(&self, d: &Deliverable) -> bool {
            self.councils
                .as_ref()
                .is_none_or(|c| c.contains(d.council.as_str()))
                && self
                    .areas
                    .as_ref()
                    .is_none_or(|set| d.areas.iter().all(|a| set.contains(a.as_str())))
                && self.statuses.is_none_or(|s| s.contains(&d.status))
        }
    }

    fn hash(s: &str) -> u64 {
        let mut h = WordHash::default();
        h.write(s.as_bytes());
        h.finish()
    }

    /// A parser over `b` (the text's bytes, possibly cut short); positions are offsets in the text.
    #[derive(Clone, Copy)]
    struct P<'t> {
        t: &'t str,
        b: &'t [u8],
    }

    impl<'t> P<'t> {
        #[inline]
        fn at(&self, i: usize) -> Option<u8> {
            self.b.get(i).copied()
        }

        #[inline]
        fn ws(&self, mut i: usize) -> usize {
            while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.at(i) {
                i += 1;
            }
            i
        }

        /// The end (after the closing quote) of the string opening at `i`, and whether it
        /// holds an escape.
        #[inline]
        fn scan_str(&self, i: usize) -> Option<(usize, bool)> {
            let b = self.b;
            let mut j = i + 1;
            let mut escaped = false;
            loop {
                while let Some(chunk) = b.get(j..j + 8) {
                    let m = specials(u64::from_le_bytes(chunk.try_into().unwrap()));
                    if m != 0 {
                        j += m.trailing_zeros() as usize / 8;
                        break;
                    }
                    j += 8;
                }
                match *b.get(j)? {
                    b'"' => return Some((j + 1, escaped)),
                    b'\\' => {
                        escaped = true;
                        j = match *b.get(j + 1)? {
                            b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => j + 2,
                            b'u' => {
                                hex4(b.get(j + 2..)?)?;
                                j + 6
                            }
                            _ => return None,
                        };
                    }
                    c if c < 0x20 => return None,
                    _ => j += 1,
                }
            }
        }

        /// The value of the string at `i..end` (quotes included) with its escapes decoded;
        /// `None` for a surrogate escape that is not half of a pair.
        #[cold]
        fn decode(&self, i: usize, end: usize) -> Option<String> {
            let raw = &self.b[i + 1..end - 1];
            let mut out: Vec<u8> = Vec::with_capacity(raw.len());
            let mut k = 0;
            while k < raw.len() {
                let Some(n) = raw[k..].iter().position(|&c| c == b'\\') else {
                    out.extend_from_slice(&raw[k..]);
                    break;
                };
                out.extend_from_slice(&raw[k..k + n]);
                k += n;
                let simple = match raw[k + 1] {
                    b'"' => Some(b'"'),
                    b'\\' => Some(b'\\'),
                    b'/' => Some(b'/'),
                    b'b' => Some(8),
                    b'f' => Some(12),
                    b'n' => Some(b'\n'),
                    b'r' => Some(b'\r'),
                    b't' => Some(b'\t'),
                    _ => None,
                };
                if let Some(c) = simple {
                    out.push(c);
                    k += 2;
                    continue;
                }
                let n = hex4(&raw[k + 2..])?;
                k += 6;
                let code = match n {
                    0xD800..=0xDBFF => {
                        if raw.get(k..k + 2) != Some(b"\\u") {
                            return None;
                        }
                        let low = hex4(&raw[k + 2..])?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return None;
                        }
                        k += 6;
                        0x1_0000 + ((u32::from(n) - 0xD800) << 10) + (u32::from(low) - 0xDC00)
                    }
                    0xDC00..=0xDFFF => return None,
                    _ => u32::from(n),
                };
                let c = char::from_u32(code)?;
                out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
            }
            let mut s = String::from_utf8(out).ok()?;
            s.shrink_to_fit();
            Some(s)
        }

        /// A string value at `v`, and the offset after it.
        #[inline]
        fn string(&self, v: usize) -> Option<(String, usize)> {
            if self.at(v) != Some(b'"') {
                return None;
            }
            let (end, escaped) = self.scan_str(v)?;
            let s = if escaped {
                self.decode(v, end)?
            } else {
                self.t[v + 1..end - 1].to_owned()
            };
            Some((s, end))
        }

        /// A string that must hold more than white space.
        #[inline]
        fn required(&self, v: usize) -> Option<(String, usize)> {
            let (s, end) = self.string(v)?;
            (!s.trim().is_empty()).then_some((s, end))
        }

        /// A string or `null` (read as absent).
        #[inline]
        fn optional(&self, v: usize) -> Option<(Option<String>, usize)> {
            match self.at(v)? {
                b'"' => self.string(v).map(|(s, e)| (Some(s), e)),
                b'n' => self.literal(v, b"null").map(|e| (None, e)),
                _ => None,
            }
        }

        /// An optional date: a string that is a date, or `null`.
        fn date(&self, v: usize) -> Option<(Option<String>, usize)> {
            let (s, end) = self.optional(v)?;
            if s.as_deref().is_some_and(|s| !is_valid_date(s)) {
                return None;
            }
            Some((s, end))
        }

        fn literal(&self, v: usize, word: &[u8]) -> Option<usize> {
            (self.b.get(v..v + word.len())? == word).then_some(v + word.len())
        }

        fn digits(&self, mut i: usize) -> usize {
            while let Some(b'0'..=b'9') = self.at(i) {
                i += 1;
            }
            i
        }

        fn number(&self, v: usize) -> Option<usize> {
            let mut i = v + usize::from(self.at(v) == Some(b'-'));
            match self.at(i)? {
                b'0' => {
                    i += 1;
                    if let Some(b'0'..=b'9') = self.at(i) {
                        return None;
                    }
                }
                b'1'..=b'9' => i = self.digits(i + 1),
                _ => return None,
            }
            if self.at(i) == Some(b'.') {
                let after = self.digits(i + 1);
                if after == i + 1 {
                    return None;
                }
                i = after;
            }
            if let Some(b'e' | b'E') = self.at(i) {
                i += 1;
                if let Some(b'+' | b'-') = self.at(i) {
                    i += 1;
                }
                let after = self.digits(i);
                if after == i {
                    return None;
                }
                i = after;
            }
            Some(i)
        }

        /// Checks and skips any value at `v`, inside containers nested `depth` deep.
        fn skip(&self, v: usize, depth: usize) -> Option<usize> {
            match self.at(v)? {
                b'"' => self.scan_str(v).map(|(e, _)| e),
                b'{' => {
                    let depth = deeper(depth)?;
                    self.members(v, false, |_, v| self.skip(v, depth))
                }
                b'[' => {
                    let depth = deeper(depth)?;
                    self.elements(v, |v| self.skip(v, depth))
                }
                b't' => self.literal(v, b"true"),
                b'f' => self.literal(v, b"false"),
                b'n' => self.literal(v, b"null"),
                b'-' | b'0'..=b'9' => self.number(v),
                _ => None,
            }
        }

        /// The members of the object opening at `open` (the caller checked the `{` and the
        /// depth): `member(key, value start)` reads each value and returns its end. With
        /// `plain_keys`, a key holding an escape is refused (the reporting reader decodes it).
        #[inline]
        fn members(
            &self,
            open: usize,
            plain_keys: bool,
            mut member: impl FnMut(&'t str, usize) -> Option<usize>,
        ) -> Option<usize> {
            let mut i = self.ws(open + 1);
            if self.at(i) == Some(b'}') {
                return Some(i + 1);
            }
            loop {
                if self.at(i) != Some(b'"') {
                    return None;
                }
                let (end, escaped) = self.scan_str(i)?;
                if escaped && plain_keys {
                    return None;
                }
                let key = &self.t[i + 1..end - 1];
                i = self.ws(end);
                if self.at(i) != Some(b':') {
                    return None;
                }
                let end = member(key, self.ws(i + 1))?;
                i = self.ws(end);
                match self.at(i)? {
                    b',' => i = self.ws(i + 1),
                    b'}' => return Some(i + 1),
                    _ => return None,
                }
            }
        }

        /// The elements of the array opening at `open` (the caller checked the `[` and the depth).
        #[inline]
        fn elements(
            &self,
            open: usize,
            mut element: impl FnMut(usize) -> Option<usize>,
        ) -> Option<usize> {
            let mut i = self.ws(open + 1);
            if self.at(i) == Some(b']') {
                return Some(i + 1);
            }
            loop {
                let end = element(i)?;
                i = self.ws(end);
                match self.at(i)? {
                    b',' => i = self.ws(i + 1),
                    b']' => return Some(i + 1),
                    _ => return None,
                }
            }
        }

        /// An object value at `v`: its members, read with plain keys, nested `depth` deep.
        #[inline]
        fn object(
            &self,
            v: usize,
            depth: usize,
            member: impl FnMut(&'t str, usize) -> Option<usize>,
        ) -> Option<usize> {
            if self.at(v) != Some(b'{') {
                return None;
            }
            deeper(depth)?;
            self.members(v, true, member)
        }

        /// An array value at `v`, nested `depth` deep.
        #[inline]
        fn array(
            &self,
            v: usize,
            depth: usize,
            element: impl FnMut(usize) -> Option<usize>,
        ) -> Option<usize> {
            if self.at(v) != Some(b'[') {
                return None;
            }
            deeper(depth)?;
            self.elements(v, element)
        }

        /// An array of strings at `v`, appended to `out`.
        fn strings(&self, v: usize, depth: usize, out: &mut Vec<String>) -> Option<usize> {
            let end = self.array(v, depth, |v| {
                let (s, end) = self.string(v)?;
                out.push(s);
                Some(end)
            })?;
            out.shrink_to_fit();
            Some(end)
        }

        fn council(&self, v: usize, depth: usize) -> Option<(Council, usize)> {
            let inner = depth + 1;
            let mut keys = Keys::default();
            let (mut id, mut name, mut date, mut location, mut summary, mut source_url) =
                (None, None, None, None, None, None);
            let mut chairs = Vec::new();
            let end = self.object(v, depth, |key, v| match key {
                "id" => {
                    keys.known(1)?;
                    self.required(v).map(|(s, e)| (id = Some(s), e).1)
                }
                "name" => {
                    keys.known(2)?;
                    self.required(v).map(|(s, e)| (name = Some(s), e).1)
                }
                "date" => {
                    keys.known(4)?;
                    self.date(v).map(|(s, e)| (date = s, e).1)
                }
                "location" => {
                    keys.known(8)?;
                    self.optional(v).map(|(s, e)| (location = s, e).1)
                }
                "summary" => {
                    keys.known(16)?;
                    self.optional(v).map(|(s, e)| (summary = s, e).1)
                }
                "chairs" => {
                    keys.known(32)?;
                    self.strings(v, inner, &mut chairs)
                }
                "source" => {
                    keys.known(64)?;
                    if self.at(v) != Some(b'{') {
                        return self.skip(v, inner);
                    }
                    let mut source_keys = Keys::default();
                    self.object(v, inner, |key, v| match key {
                        "url" => {
                            source_keys.known(1)?;
                            self.optional(v).map(|(s, e)| (source_url = s, e).1)
                        }
                        _ => {
                            source_keys.other(key)?;
                            self.skip(v, inner + 1)
                        }
                    })
                }
                _ => {
                    keys.other(key)?;
                    self.skip(v, inner)
                }
            })?;
            let council = Council {
                id: id?,
                name: name?,
                date,
                location,
                chairs,
                summary,
                source_url,
            };
            Some((council, end))
        }

        fn area(&self, v: usize, depth: usize) -> Option<(Area, usize)> {
            let mut keys = Keys::default();
            let (mut id, mut name, mut description) = (None, None, None);
            let end = self.object(v, depth, |key, v| match key {
                "id" => {
                    keys.known(1)?;
                    self.required(v).map(|(s, e)| (id = Some(s), e).1)
                }
                "name" => {
                    keys.known(2)?;
                    self.required(v).map(|(s, e)| (name = Some(s), e).1)
                }
                "description" => {
                    keys.known(4)?;
                    self.optional(v).map(|(s, e)| (description = s, e).1)
                }
                _ => {
                    keys.other(key)?;
                    self.skip(v, depth + 1)
                }
            })?;
            let area = Area {
                id: id?,
                name: name?,
                description,
            };
            Some((area, end))
        }

        /// One deliverable at `v`, nested `depth` deep (its council, areas and status are
        /// checked against the vocabulary by the caller).
        fn deliverable(&self, v: usize, depth: usize) -> Option<(Deliverable, usize)> {
            let inner = depth + 1;
            let mut keys = Keys::default();
            let (mut id, mut council, mut title, mut status) = (None, None, None, None);
            let (mut description, mut owner, mut due, mut notes, mut evidence) =
                (None, None, None, None, None);
            let (mut owner_span, mut due_span, mut notes_span) = (None, None, None);
            let mut areas = Vec::new();
            let mut history = None;
            let mut last_end = v;
            let end = self.object(v, depth, |key, v| {
                let end = match key {
                    "id" => {
                        keys.known(1)?;
                        self.required(v).map(|(s, e)| (id = Some(s), e).1)?
                    }
                    "council" => {
                        keys.known(2)?;
                        self.required(v).map(|(s, e)| (council = Some(s), e).1)?
                    }
                    "areas" => {
                        keys.known(4)?;
                        self.strings(v, inner, &mut areas)?
                    }
                    "title" => {
                        keys.known(8)?;
                        self.required(v).map(|(s, e)| (title = Some(s), e).1)?
                    }
                    "status" => {
                        keys.known(16)?;
                        self.string(v)
                            .map(|(s, e)| (status = Some((s, v..e)), e).1)?
                    }
                    "description" => {
                        keys.known(32)?;
                        self.optional(v).map(|(s, e)| (description = s, e).1)?
                    }
                    "owner" => {
                        keys.known(64)?;
                        let (s, e) = self.optional(v)?;
                        (owner, owner_span) = (s, Some(v..e));
                        e
                    }
                    "due" => {
                        keys.known(128)?;
                        let (s, e) = self.date(v)?;
                        (due, due_span) = (s, Some(v..e));
                        e
                    }
                    "notes" => {
                        keys.known(256)?;
                        let (s, e) = self.optional(v)?;
                        (notes, notes_span) = (s, Some(v..e));
                        e
                    }
                    "evidence" => {
                        keys.known(512)?;
                        self.optional(v).map(|(s, e)| (evidence = s, e).1)?
                    }
                    "history" => {
                        keys.known(1024)?;
                        let (entries, slot, e) = self.history(v, inner)?;
                        history = Some((entries, slot));
                        e
                    }
                    _ => {
                        keys.other(key)?;
                        self.skip(v, inner)?
                    }
                };
                last_end = end;
                Some(end)
            })?;
            let (history, history_slot) = history.unwrap_or((
                Vec::new(),
                HistorySlot::Missing {
                    last_member_end: last_end,
                },
            ));
            let (status, status_span) = status?;
            let d = Deliverable {
                id: id?,
                council: council?,
                areas,
                title: title?,
                status,
                description,
                owner,
                due,
                notes,
                evidence,
                history,
                spans: Spans {
                    object: v..end,
                    status: status_span,
                    owner: owner_span,
                    due: due_span,
                    notes: notes_span,
                    history: history_slot,
                },
            };
            Some((d, end))
        }

        /// A `history` list at `v`, nested `depth` deep: its entries, where it sits, its end.
        fn history(
            &self,
            v: usize,
            depth: usize,
        ) -> Option<(Vec<HistoryEntry>, HistorySlot, usize)> {
            let inner = depth + 1;
            let mut entries = Vec::new();
            let mut last = None;
            let end = self.array(v, depth, |e| {
                let mut keys = Keys::default();
                let mut entry = HistoryEntry {
                    at: None,
                    field: None,
                    from: None,
                    to: None,
                    by: None,
                    note: None,
                };
                // `from` and `to` hold any JSON value: a string is decoded, anything else kept as written.
                let value = |v: usize| -> Option<(String, usize)> {
                    if self.at(v) == Some(b'"') {
                        self.string(v)
                    } else {
                        let end = self.skip(v, inner + 1)?;
                        Some((self.t[v..end].to_owned(), end))
                    }
                };
                let end = self.object(e, inner, |key, v| match key {
                    "at" => {
                        keys.known(1)?;
                        self.optional(v).map(|(s, e)| (entry.at = s, e).1)
                    }
                    "field" => {
                        keys.known(2)?;
                        self.optional(v).map(|(s, e)| (entry.field = s, e).1)
                    }
                    "from" => {
                        keys.known(4)?;
                        value(v).map(|(s, e)| (entry.from = Some(s), e).1)
                    }
                    "to" => {
                        keys.known(8)?;
                        value(v).map(|(s, e)| (entry.to = Some(s), e).1)
                    }
                    "by" => {
                        keys.known(16)?;
                        self.optional(v).map(|(s, e)| (entry.by = s, e).1)
                    }
                    "note" => {
                        keys.known(32)?;
                        self.optional(v).map(|(s, e)| (entry.note = s, e).1)
                    }
                    _ => {
                        keys.other(key)?;
                        self.skip(v, inner + 1)
                    }
                })?;
                entries.push(entry);
                last = Some(e..end);
                Some(end)
            })?;
            entries.shrink_to_fit();
            let slot = HistorySlot::Array {
                open: v,
                close: end - 1,
                last,
            };
            Some((entries, slot, end))
        }

        /// Deliverables from the element starting at `pos` until the array ends or an element
        /// starts at or past `limit`.
        fn run(&self, mut pos: usize, limit: usize, vocab: &Vocab) -> Option<Run> {
            let mut items = Vec::new();
            let mut ids = Vec::new();
            loop {
                let (d, end) = self.deliverable(pos, 2)?;
                if !vocab.admits(&d) {
                    return None;
                }
                ids.push(hash(&d.id));
                items.push(d);
                let i = self.ws(end);
                let next = match self.at(i)? {
                    b',' => {
                        pos = self.ws(i + 1);
                        if pos < limit {
                            continue;
                        }
                        Next::More(pos)
                    }
                    b']' => Next::End(i + 1),
                    _ => return None,
                };
                return Some(Run { items, ids, next });
            }
        }

        /// Where chunks of the array whose first element starts at `first` may start: past
        /// evenly spaced points, the next place where a comma is followed by the same white
        /// space and first key as the first element. A guess inside a string or a nested
        /// value is possible; `deliverables` then reads that stretch in order.
        fn guesses(&self, open: usize, first: usize, min_chunk: usize) -> Vec<usize> {
            let threads = rayon::current_num_threads();
            let len = self.b.len() - first;
            if threads < 2 || len / 2 < min_chunk {
                return vec![];
            }
            let chunks = (threads * 4).min(len / min_chunk).max(2);
            let key = self.ws(first + 1);
            let Some((key_end, _)) = self.scan_str(key).filter(|_| self.at(key) == Some(b'"'))
            else {
                return vec![];
            };
            let mut pattern = Vec::with_capacity(1 + key_end - open);
            pattern.push(b',');
            pattern.extend_from_slice(&self.b[open + 1..key_end]);
            let brace = 1 + (first - open - 1);
            let step = len / chunks;
            let mut out: Vec<usize> = Vec::with_capacity(chunks);
            for c in 1..chunks {
                let from = (first + c * step).max(out.last().map_or(0, |&g| g + 1));
                let window =
                    &self.b[from.min(self.b.len())..(from + GUESS_WINDOW).min(self.b.len())];
                if let Some(at) = find(window, &pattern) {
                    out.push(from + at + brace);
                }
            }
            out
        }

        /// The deliverables' array opening at `open`, read in chunks on all cores, with the
        /// hashes of their ids.
        fn deliverables(
            &self,
            open: usize,
            min_chunk: usize,
            vocab: &Vocab,
        ) -> Option<(Vec<Deliverable>, Vec<u64>, usize)> {
            if self.at(open) != Some(b'[') {
                return None;
            }
            let first = self.ws(open + 1);
            if self.at(first) == Some(b']') {
                return Some((Vec::new(), Vec::new(), first + 1));
            }
            let mut starts = vec![first];
            starts.extend(self.guesses(open, first, min_chunk));
            let mut runs: Vec<Option<Option<Run>>> = (0..starts.len())
                .into_par_iter()
                .map(|k| {
                    let limit = starts.get(k + 1).copied().unwrap_or(usize::MAX);
                    Some(self.run(starts[k], limit, vocab))
                })
                .collect();
            let mut parts = Vec::with_capacity(starts.len());
            let mut pos = first;
            let end = loop {
                let run = match starts.binary_search(&pos) {
                    // `pos` is a real element start: a run from there stands (or fails for good).
                    Ok(k) => runs[k].take().flatten()?,
                    Err(k) => {
                        let limit = starts.get(k).copied().unwrap_or(usize::MAX);
                        self.run(pos, limit, vocab)?
                    }
                };
                parts.push((run.items, run.ids));
                match run.next {
                    Next::More(p) => pos = p,
                    Next::End(e) => break e,
                }
            };
            drop(runs);
            let total = parts.iter().map(|(items, _)| items.len()).sum();
            let mut all = Vec::with_capacity(total);
            let mut ids = Vec::with_capacity(total);
            for (items, hashes) in parts {
                all.extend(items);
                ids.extend(hashes);
            }
            Some((all, ids, end))
        }
    }

    fn deeper(depth: usize) -> Option<usize> {
        (depth < MAX_DEPTH).then_some(depth + 1)
    }

    /// The first place of `needle` (not empty) in `hay`.
    fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
        let (&head, tail) = needle.split_first()?;
        let mut from = 0;
        while let Some(i) = hay[from..].iter().position(|&b| b == head) {
            let at = from + i;
            if hay[at + 1..].starts_with(tail) {
                return Some(at);
            }
            from = at + 1;
        }
        None
    }

    /// True when no two hashes are the same.
    fn distinct_hashes(hashes: &[u64]) -> bool {
        let mut seen: HashSet<u64, BuildHasherDefault<Spread>> =
            HashSet::with_capacity_and_hasher(hashes.len(), Default::default());
        hashes.iter().all(|&h| seen.insert(h))
    }

    /// For keys that are hashes already: keeps them as they are.
    #[derive(Default)]
    struct Spread(u64);

    impl Hasher for Spread {
        fn write(&mut self, bytes: &[u8]) {
            for &b in bytes {
                self.0 = (self.0 << 8) | u64::from(b);
            }
        }
        fn write_u64(&mut self, h: u64) {
            self.0 = h;
        }
        fn finish(&self) -> u64 {
            self.0
        }
    }

    /// A whole dataset, or `None` if anything is wrong or unusual. Deliverables' arrays of
    /// `min_chunk` bytes or more are split over the cores.
    pub(super) fn dataset(text: &str, min_chunk: usize) -> Option<Dataset> {
        let p = P {
            t: text,
            b: text.as_bytes(),
        };
        let start = p.ws(bom_len(text));
        let mut keys = Keys::default();
        let (mut version, mut title, mut statuses) = (false, None, None);
        let (mut councils, mut areas, mut deliverables) = (Vec::new(), Vec::new(), Vec::new());
        let mut id_hashes = Vec::new();
        // Which lists the deliverables were checked against as they were read.
        let mut checked = (false, false, false);
        let end = p.object(start, 0, |key, v| match key {
            "version" => {
                keys.known(1)?;
                let end = p.skip(v, 1)?;
                version = &text[v..end] == "1";
                version.then_some(end)
            }
            "title" => {
                keys.known(2)?;
                p.optional(v).map(|(s, e)| (title = s, e).1)
            }
            "statuses" => {
                keys.known(4)?;
                let mut list = Vec::new();
                let end = p.strings(v, 1, &mut list)?;
                statuses = Some(list);
                Some(end)
            }
            "councils" => {
                keys.known(8)?;
                p.array(v, 1, |v| {
                    let (c, end) = p.council(v, 2)?;
                    councils.push(c);
                    Some(end)
                })
            }
            "areas" => {
                keys.known(16)?;
                p.array(v, 1, |v| {
                    let (a, end) = p.area(v, 2)?;
                    areas.push(a);
                    Some(end)
                })
            }
            "deliverables" => {
                keys.known(32)?;
                let vocab = Vocab {
                    councils: keys
                        .has(8)
                        .then(|| councils.iter().map(|c: &Council| c.id.as_str()).collect()),
                    areas: keys
                        .has(16)
                        .then(|| areas.iter().map(|a: &Area| a.id.as_str()).collect()),
                    statuses: keys.has(4).then_some(statuses.as_deref()).flatten(),
                };
                checked = (
                    vocab.councils.is_some(),
                    vocab.areas.is_some(),
                    vocab.statuses.is_some(),
                );
                let (list, hashes, end) = p.deliverables(v, min_chunk, &vocab)?;
                (deliverables, id_hashes) = (list, hashes);
                Some(end)
            }
            _ => {
                keys.other(key)?;
                p.skip(v, 1)
            }
        })?;
        if !version || p.ws(end) != text.len() {
            return None;
        }
        let statuses = match statuses {
            None => DEFAULT_STATUSES.iter().map(|s| s.to_string()).collect(),
            Some(list) => {
                let ok = !list.is_empty()
                    && list.iter().all(|s| !s.trim().is_empty())
                    && all_distinct(list.iter().map(String::as_str));
                if !ok {
                    return None;
                }
                list
            }
        };
        councils.shrink_to_fit();
        areas.shrink_to_fit();
        if !all_distinct(councils.iter().map(|c| c.id.as_str()))
            || !all_distinct(areas.iter().map(|a| a.id.as_str()))
        {
            return None;
        }
        // Distinct hashes mean distinct ids; only when two hashes meet are the ids compared.
        if !distinct_hashes(&id_hashes) && !all_distinct(deliverables.iter().map(|d| d.id.as_str()))
        {
            return None;
        }
        if checked != (true, true, true) {
            let vocab = Vocab {
                councils: (!checked.0).then(|| councils.iter().map(|c| c.id.as_str()).collect()),
                areas: (!checked.1).then(|| areas.iter().map(|a| a.id.as_str()).collect()),
                statuses: (!checked.2).then_some(statuses.as_slice()),
            };
            let ok = deliverables
                .par_chunks(4096)
                .all(|ds| ds.iter().all(|d| vocab.admits(d)));
            if !ok {
                return None;
            }
        }
        Some(Dataset {
            title,
            statuses,
            councils,
            areas,
            deliverables,
        })
    }

    /// One deliverable at `object` (white space around it allowed), checked against `vocab`.
    pub(super) fn deliverable(
        text: &str,
        object: Range<usize>,
        vocab: &Vocabulary,
    ) -> Option<Deliverable> {
        let p = P {
            t: text,
            b: text.as_bytes().get(..object.end)?,
        };
        let (d, end) = p.deliverable(p.ws(object.start), 0)?;
        let ok = p.ws(end) == object.end
            && vocab.councils.contains(&d.council)
            && d.areas.iter().all(|a| vocab.areas.contains(a))
            && vocab.statuses.contains(&d.status);
        ok.then_some(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast reader, with small chunks so that even small files are split over threads.
    fn fast(text: &str) -> Option<Dataset> {
        fast::dataset(text, 512)
    }

    /// Whatever the fast reader accepts, the reporting reader reads the same.
    fn agree(text: &str) -> Option<Dataset> {
        let quick = fast(text);
        if let Some(d) = &quick {
            assert_eq!(report(text).as_ref(), Ok(d), "{text}");
        }
        quick
    }

    /// A file with a bit of everything: escapes, unknown fields at every level, `null`s,
    /// odd numbers, non-string history values, CJK and astral characters, empty lists.
    const ODD: &str = r#"{
  "version": 1, "title": "caf\u00e9 \ud83d\ude00 \"quoted\" \\ \/ \b\f\n\r\t",
  "statuses": ["planned", "done", "d\u00f6ne"],
  "x": [-0, 1e3, 2.50, -1E-7, 12345678901234567890123, true, false, null, {"a": [{}], "a": "dup ok here"}],
  "councils": [
    {"id": "c", "name": "C", "date": null, "location": null, "summary": "s", "chairs": [], "source": "not an object"},
    {"id": "c2", "name": "\u6771\u4eac", "date": "2024-02", "chairs": ["A", "B\n"], "source": {"url": null, "title": "t"}, "more": {"z": 1}},
    {"id": "c3", "name": "N", "source": {"url": "https://x"}}
  ],
  "areas": [{"id": "ai", "name": "AI", "description": null}, {"id": "6g", "name": "6G", "extra": []}],
  "deliverables": [
    {"id": "d1", "council": "c", "areas": [], "title": "T", "status": "planned"},
    {"id": "d2", "council": "c2", "areas": ["ai", "6g"], "title": "T\u0000", "status": "d\u00f6ne",
     "description": null, "owner": null, "due": "2024-02-29", "notes": "", "evidence": "e",
     "history": [], "source_url": "u"},
    {"status": "done", "id": "d3", "council": "c3", "title": " T ",
     "history": [{"at": "2026-11-27T09:14:03Z", "field": "status", "from": null, "to": 5, "by": "me", "note": null, "x": [1]},
                 {"from": {"a" : [1, 2]}, "to": "\ud83c\udf89"}, {}],
     "owner": "\u004f", "notes": null, "due": null}
  ]
}
"#;

    #[test]
    fn the_fast_reader_reads_odd_but_valid_files_as_the_reporting_one() {
        let d = agree(ODD).expect("a valid file");
        assert_eq!(d.deliverables.len(), 3);
        let with_bom = format!("{BOM}{ODD}");
        assert!(agree(&with_bom).is_some());
        let crlf_tabs = ODD.replace('\n', "\r\n").replace("  ", "\t");
        assert!(agree(&crlf_tabs).is_some());
        let minified: String =
            serde_json::to_string(&serde_json::from_str::<serde_json::Value>(ODD).unwrap())
                .unwrap();
        assert!(agree(&minified).is_some());
        for text in [
            r#"{"version": 1}"#,
            r#"{"version": 1, "deliverables": []}"#,
            r#"{"version":1,"councils":[],"areas":[],"deliverables":[ ]}"#,
        ] {
            assert!(agree(text).is_some(), "{text}");
        }
        let bundled = include_str!("../assets/outcomes.json");
        assert!(agree(bundled).is_some());
    }

    #[test]
    fn the_fast_reader_splits_generated_files_as_the_reporting_one_reads_them() {
        for n in [1, 7, 300, 3000] {
            let text = crate::generate::dataset(n, 7);
            let d = agree(&text).expect("a generated file is valid");
            assert_eq!(d.deliverables.len(), n);
            // Unsplit, the same.
            assert_eq!(fast::dataset(&text, usize::MAX).as_ref(), Some(&d));
        }
    }

    /// Chunk starts guessed wrongly (an unknown field holding objects that begin like a
    /// deliverable, in a minified file) are read again in order, never kept.
    #[test]
    fn misleading_chunk_starts_are_not_kept() {
        let mut text =
            String::from(r#"{"version":1,"councils":[{"id":"c","name":"C"}],"deliverables":["#);
        for i in 0..2000 {
            if i > 0 {
                text.push(',');
            }
            text.push_str(&format!(
                r#"{{"id":"d{i}","links":[{{"id":"l{i}","council":"c","title":"L","status":"done"}},{{"id":"m{i}","council":"c","title":"M","status":"done"}}],"council":"c","title":"T{i}","status":"planned"}}"#
            ));
        }
        text.push_str("]}");
        let d = agree(&text).expect("valid");
        assert_eq!(d.deliverables.len(), 2000);
        assert_eq!(d.deliverables[1999].id, "d1999");
        // The same ids across the file: refused, wherever the chunks start.
        let twice = text.replacen(r#""id":"d1500""#, r#""id":"d3""#, 1);
        assert!(agree(&twice).is_none());
        assert!(report(&twice).is_err());
    }

    /// What the reporting reader refuses, the fast one refuses too, and the other way round
    /// only for the few things it leaves to the reporting reader.
    #[test]
    fn broken_files_are_left_to_the_reporting_reader() {
        let deep = format!(
            "{{\"version\": 1, \"x\": {}{}}}",
            "[".repeat(127),
            "]".repeat(127)
        );
        assert!(agree(&deep).is_some(), "128 levels are allowed");
        let deeper = format!(
            "{{\"version\": 1, \"x\": {}{}}}",
            "[".repeat(128),
            "]".repeat(128)
        );
        assert!(fast(&deeper).is_none() && report(&deeper).is_err());
        for bad in [
            "",
            "[]",
            "{}",
            r#"{"version": 2}"#,
            r#"{"version": 1.0}"#,
            r#"{"version": 1, "version": 1}"#,
            r#"{"version": 1} x"#,
            r#"{"version": 1,}"#,
            r#"{"version": 01}"#,
            r#"{"version": 1, "x": [1,]}"#,
            r#"{"version": 1, "x": -}"#,
            r#"{"version": 1, "x": 1.}"#,
            r#"{"version": 1, "x": 1e}"#,
            r#"{"version": 1, "x": "\x"}"#,
            r#"{"version": 1, "x": "\u12"}"#,
            "{\"version\": 1, \"x\": \"a\tb\"}",
            r#"{"version": 1, "title": "\ud83c"}"#,
            r#"{"version": 1, "title": "\udc00\ud83c"}"#,
            r#"{"version": 1, "title": 5}"#,
            r#"{"version": 1, "statuses": []}"#,
            r#"{"version": 1, "statuses": ["a", "a"]}"#,
            r#"{"version": 1, "statuses": [" "]}"#,
            r#"{"version": 1, "councils": null}"#,
            r#"{"version": 1, "councils": [{"id": "c", "name": "C", "chairs": null}]}"#,
            r#"{"version": 1, "councils": [{"id": "c", "name": "C", "date": "2024-13"}]}"#,
            r#"{"version": 1, "councils": [{"id": "c", "name": "C", "source": {"url": 1}}]}"#,
            r#"{"version": 1, "councils": [{"id": "c", "name": "C", "source": {"url": "a", "url": "b"}}]}"#,
            r#"{"version": 1, "councils": [{"id": "c", "name": "C"}, {"id": "c", "name": "D"}]}"#,
            r#"{"version": 1, "areas": [{"id": "", "name": "A"}]}"#,
            r#"{"version": 1, "deliverables": [{"id": "d", "council": "c", "title": "T", "status": "done"}]}"#,
        ] {
            assert!(fast(bad).is_none(), "{bad}");
            assert!(report(bad).is_err(), "{bad}");
        }
        // A key written with an escape is left to the reporting reader, which accepts it.
        let escaped_key = r#"{"versio\u006e": 1}"#;
        assert!(fast(escaped_key).is_none());
        assert!(report(escaped_key).is_ok());
    }

    /// A small generator of deterministic noise.
    struct Noise(u64);

    impl Noise {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((self.0 >> 33) as usize) % n
        }
    }

    /// Thousands of one-place edits (a byte removed, a token put in) of valid files: whenever
    /// the fast reader accepts the result, the reporting reader reads the same dataset.
    #[test]
    fn edited_files_read_the_same_or_go_to_the_reporting_reader() {
        const TOKENS: [&str; 24] = [
            "\"",
            "\\",
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            " ",
            "\n",
            "null",
            "1",
            "-",
            "0",
            "e",
            ".",
            "\\u00e9",
            "\\ud83c",
            "\\udf89",
            "\"id\": \"x\", ",
            "\"status\": \"done\", ",
            "\u{1}",
            "é",
            "\"extra\": {\"a\": [1, {\"b\": null}]}, ",
        ];
        let generated = crate::generate::dataset(12, 3);
        let mut noise = Noise(11);
        let (mut accepted, mut refused_both) = (0, 0);
        for round in 0..3000 {
            let base = if round % 2 == 0 {
                ODD
            } else {
                generated.as_str()
            };
            let mut text = base.to_string();
            for _ in 0..1 + noise.below(2) {
                let mut at = noise.below(text.len());
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                if noise.below(3) == 0 {
                    let mut end = at + 1;
                    while end < text.len() && !text.is_char_boundary(end) {
                        end += 1;
                    }
                    text.replace_range(at..end.min(text.len()), "");
                } else {
                    text.insert_str(at, TOKENS[noise.below(TOKENS.len())]);
                }
            }
            match agree(&text) {
                Some(_) => accepted += 1,
                None => {
                    if report(&text).is_err() {
                        refused_both += 1;
                    }
                }
            }
        }
        // Both kinds of outcome happen (the edits are not all harmless, nor all fatal).
        assert!(
            accepted > 100 && refused_both > 100,
            "{accepted} {refused_both}"
        );
    }

    #[test]
    fn a_deliverable_is_reread_as_the_reporting_reader_rereads_it() {
        let data = report(ODD).unwrap();
        let vocab = Vocabulary::of(&data);
        for d in &data.deliverables {
            let object = d.spans.object.clone();
            let quick = fast::deliverable(ODD, object.clone(), &vocab);
            assert_eq!(quick.as_ref(), Some(d));
            assert_eq!(
                reread_reporting(ODD, object.clone(), &vocab).as_ref(),
                Some(d)
            );
            // With white space around it, the same; cut short, neither.
            let wider = object.start - 1..object.end + 1;
            assert_eq!(
                fast::deliverable(ODD, wider.clone(), &vocab),
                reread_reporting(ODD, wider, &vocab)
            );
            let cut = object.start..object.end - 1;
            assert!(fast::deliverable(ODD, cut.clone(), &vocab).is_none());
            assert!(reread_reporting(ODD, cut, &vocab).is_none());
        }
    }
}

#[cfg(test)]
mod reporting_tests {
    use super::*;

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
