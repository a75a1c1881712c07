//! Reading a dataset's text into the model, reporting every problem with its place.
//!
//! The text is never rebuilt from the model: each value keeps its byte span, so that
//! an edit can be spliced into the original text (see `edit.rs`). serde_json does the
//! parsing; `RawValue` slices borrowed from the text give the spans.

use std::collections::HashSet;
use std::fmt;

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
            "",
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
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, b) in json.bytes().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
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

/// The members of one JSON object, in file order, duplicates included.
struct Entries<'a>(Vec<(String, &'a RawValue)>);

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
                while let Some(key) = map.next_key::<String>()? {
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

/// The members of an object that the program knows, looked up by name.
struct Fields<'a> {
    entries: Vec<(String, &'a RawValue)>,
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
        LoadError {
            problems: problems
                .into_iter()
                .map(|(offset, message)| {
                    let (line, column) = line_column(self.text, offset);
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

    fn problem_at(&mut self, offset: usize, path: &str, message: String) {
        let message = if path.is_empty() {
            message
        } else {
            format!("{path}: {message}")
        };
        self.problems.push((offset, message));
    }

    fn problem(&mut self, raw: &RawValue, path: &str, message: String) {
        let offset = self.offset(raw);
        self.problem_at(offset, path, message);
    }

    /// The members of an object value, with a problem for each duplicated key.
    fn fields(&mut self, raw: &'t RawValue, path: &str) -> Option<Fields<'t>> {
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
        let mut seen = HashSet::new();
        for (key, value) in &entries {
            if !seen.insert(key.as_str()) {
                let at = join(path, key);
                self.problem(
                    value,
                    &at,
                    "this key appears more than once in the object; keep one".to_string(),
                );
            }
        }
        Some(Fields { entries })
    }

    fn elements(&mut self, raw: &'t RawValue, path: &str) -> Option<Vec<&'t RawValue>> {
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
    fn string(&mut self, raw: &RawValue, path: &str) -> Option<String> {
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
        path: &str,
        key: &str,
        non_empty: bool,
    ) -> Option<String> {
        let p = join(path, key);
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
    fn optional_string(&mut self, obj: &Fields<'t>, path: &str, key: &str) -> Option<String> {
        let raw = obj.get(key)?;
        if raw.get() == "null" {
            return None;
        }
        self.string(raw, &join(path, key))
    }

    fn optional_date(&mut self, obj: &Fields<'t>, path: &str, key: &str) -> Option<String> {
        let raw = obj.get(key)?;
        let s = self.optional_string(obj, path, key)?;
        if !is_valid_date(&s) {
            self.problem(
                raw,
                &join(path, key),
                format!(
                    "{} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD",
                    serde_json::to_string(&s).unwrap_or_default()
                ),
            );
            return None;
        }
        Some(s)
    }

    fn string_list(&mut self, obj: &Fields<'t>, path: &str, key: &str) -> Vec<String> {
        let Some(raw) = obj.get(key) else {
            return vec![];
        };
        let p = join(path, key);
        let Some(items) = self.elements(raw, &p) else {
            return vec![];
        };
        items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| self.string(item, &format!("{p}[{i}]")))
            .collect()
    }

    fn dataset(&mut self, body: &'t str) -> Option<Dataset> {
        let top = match serde_json::from_str::<Entries>(body) {
            Ok(e) => Fields { entries: e.0 },
            Err(e) => {
                self.problem_at(0, "", syntax_message(&e));
                return None;
            }
        };
        let mut seen = HashSet::new();
        for (key, value) in &top.entries {
            if !seen.insert(key.as_str()) {
                self.problem(
                    value,
                    key,
                    "this key appears more than once at the top level; keep one".to_string(),
                );
            }
        }
        let start = bom_len(self.text);
        match top.get("version") {
            None => self.problem_at(
                start,
                "version",
                "required field is missing; this program reads version 1".to_string(),
            ),
            Some(raw) if raw.get() == "1" => {}
            Some(raw) => self.problem(
                raw,
                "version",
                format!("this program reads version 1, found {}", raw.get()),
            ),
        }
        let title = self.optional_string(&top, "", "title");
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
        let deliverables = self.list(&top, "deliverables", |r, raw, path| {
            r.deliverable(raw, path, &vocab, check_status)
        });
        self.unique_ids(&deliverables, "deliverables");
        data.deliverables = deliverables.into_iter().filter_map(|(_, _, d)| d).collect();
        Some(data)
    }

    fn statuses(&mut self, top: &Fields<'t>) -> Option<Vec<String>> {
        let Some(raw) = top.get("statuses") else {
            return Some(DEFAULT_STATUSES.iter().map(|s| s.to_string()).collect());
        };
        let items = self.elements(raw, "statuses")?;
        if items.is_empty() {
            self.problem(raw, "statuses", "must list at least one status".to_string());
            return None;
        }
        let mut out: Vec<String> = Vec::new();
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let p = format!("statuses[{i}]");
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
        mut read: impl FnMut(&mut Self, &'t RawValue, &str) -> (Option<String>, Option<T>),
    ) -> Vec<(Option<String>, usize, Option<T>)> {
        let Some(raw) = top.get(key) else {
            return vec![];
        };
        let Some(items) = self.elements(raw, key) else {
            return vec![];
        };
        items
            .into_iter()
            .enumerate()
            .map(|(i, item)| {
                let (id, value) = read(self, item, &format!("{key}[{i}]"));
                (id, self.offset(item), value)
            })
            .collect()
    }

    fn unique_ids<T>(&mut self, items: &[(Option<String>, usize, Option<T>)], key: &str) {
        let mut first: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for (i, (id, offset, _)) in items.iter().enumerate() {
            let Some(id) = id else { continue };
            if let Some(&j) = first.get(id.as_str()) {
                self.problem_at(
                    *offset,
                    &format!("{key}[{i}].id"),
                    format!("duplicate id {}, already used by {key}[{j}]", quoted(id)),
                );
            } else {
                first.insert(id, i);
            }
        }
    }

    fn council(&mut self, raw: &'t RawValue, path: &str) -> (Option<String>, Option<Council>) {
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
            Some(src) if kind(src) == "an object" => self
                .fields(src, &join(path, "source"))
                .and_then(|f| self.optional_string(&f, &join(path, "source"), "url")),
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

    fn area(&mut self, raw: &'t RawValue, path: &str) -> (Option<String>, Option<Area>) {
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
        path: &str,
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
                &join(path, "council"),
                format!("no council with id {}", quoted(c)),
            );
        }
        let mut areas = Vec::new();
        if let Some(list) = obj.get("areas") {
            let p = join(path, "areas");
            for (i, item) in self
                .elements(list, &p)
                .unwrap_or_default()
                .into_iter()
                .enumerate()
            {
                let ip = format!("{p}[{i}]");
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
                &join(path, "status"),
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

    fn history(
        &mut self,
        obj: &Fields<'t>,
        path: &str,
    ) -> (Vec<HistoryEntry>, Option<HistorySlot>) {
        let Some(raw) = obj.get("history") else {
            let last_member_end = obj.entries.last().map(|(_, v)| self.end(v));
            return (
                vec![],
                last_member_end.map(|e| HistorySlot::Missing { last_member_end: e }),
            );
        };
        let p = join(path, "history");
        let Some(items) = self.elements(raw, &p) else {
            return (vec![], None);
        };
        let mut entries = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let ip = format!("{p}[{i}]");
            let Some(f) = self.fields(item, &ip) else {
                continue;
            };
            let value = |r: &mut Self, key: &str| -> Option<String> {
                let v = f.get(key)?;
                if kind(v) == "a string" {
                    r.string(v, &join(&ip, key))
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
    let raw: &RawValue = serde_json::from_str(text.get(object)?).ok()?;
    let mut r = Reader {
        text,
        problems: Vec::new(),
    };
    let (_, d) = r.deliverable(raw, "deliverable", vocab, true);
    if r.problems.is_empty() { d } else { None }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| s.to_string())
}
