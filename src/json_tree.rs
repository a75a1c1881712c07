//! A JSON value with the byte span of every part, for merging and locating text without
//! rewriting it, read by serde_json. Strings are decoded for comparison; numbers keep their
//! spelling.

use std::borrow::Cow;
use std::ops::Range;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

/// Deeper nesting is refused rather than risking the stack (the loader refuses it too).
const MAX_DEPTH: usize = 128;

#[derive(Debug, Clone, PartialEq)]
pub struct Node<'t> {
    pub span: Range<usize>,
    pub kind: Kind<'t>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind<'t> {
    Object(Vec<Member<'t>>),
    Array(Vec<Node<'t>>),
    /// Borrowed from the text unless it holds escapes.
    String(Cow<'t, str>),
    /// The number as written (`1.0` and `1` are different spellings, kept apart).
    Number,
    Bool(bool),
    Null,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Member<'t> {
    pub key: Cow<'t, str>,
    /// From the key's opening quote to the end of its value.
    pub span: Range<usize>,
    pub value: Node<'t>,
}

impl<'t> Node<'t> {
    pub fn members(&self) -> Option<&[Member<'t>]> {
        match &self.kind {
            Kind::Object(m) => Some(m),
            _ => None,
        }
    }

    pub fn items(&self) -> Option<&[Node<'t>]> {
        match &self.kind {
            Kind::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn get(&self, key: &str) -> Option<&Node<'t>> {
        self.members()?
            .iter()
            .find(|m| m.key == key)
            .map(|m| &m.value)
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::String(s) => Some(s),
            _ => None,
        }
    }

    /// Same value, whatever the white space and key order (numbers compared as written).
    pub fn same(&self, other: &Node, text: &str, other_text: &str) -> bool {
        // Most of a file is the same bytes on both sides.
        if text.get(self.span.clone()) == other_text.get(other.span.clone()) {
            return true;
        }
        match (&self.kind, &other.kind) {
            (Kind::Object(a), Kind::Object(b)) => {
                a.len() == b.len()
                    && a.iter().all(|m| {
                        b.iter()
                            .find(|n| n.key == m.key)
                            .is_some_and(|n| m.value.same(&n.value, text, other_text))
                    })
            }
            (Kind::Array(a), Kind::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.same(y, text, other_text))
            }
            (Kind::String(a), Kind::String(b)) => a == b,
            (Kind::Number, Kind::Number) => {
                text[self.span.clone()] == other_text[other.span.clone()]
            }
            (Kind::Bool(a), Kind::Bool(b)) => a == b,
            (Kind::Null, Kind::Null) => true,
            _ => false,
        }
    }
}

/// Where parsing stopped: a byte offset and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub at: usize,
    pub message: String,
}

/// Parses a whole text (after an optional byte-order mark) as one JSON value. serde_json does
/// the parsing: each level is read as borrowed raw values, whose places in the text are the
/// spans.
pub fn parse(text: &str) -> Result<Node<'_>, ParseError> {
    let body = &text[crate::load::bom_len(text)..];
    let raw: &RawValue = serde_json::from_str(body).map_err(|e| error_at(text, body, &e))?;
    node(text, raw, 0)
}

/// serde_json's line and column as a byte offset in `text`.
fn error_at(text: &str, body: &str, e: &serde_json::Error) -> ParseError {
    let line_start: usize = body
        .split_inclusive('\n')
        .take(e.line().saturating_sub(1))
        .map(str::len)
        .sum();
    let at = (text.len() - body.len() + line_start + e.column().saturating_sub(1)).min(text.len());
    let message = e.to_string();
    // serde_json adds " at line L column C": the caller says where in its own words.
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(m, _)| m)
        .to_string();
    ParseError { at, message }
}

fn offset(text: &str, raw: &RawValue) -> usize {
    raw.get().as_ptr() as usize - text.as_ptr() as usize
}

fn node<'t>(text: &'t str, raw: &'t RawValue, depth: usize) -> Result<Node<'t>, ParseError> {
    let start = offset(text, raw);
    let json = raw.get();
    let span = start..start + json.len();
    let fail = |e: serde_json::Error| ParseError {
        at: start,
        message: e.to_string(),
    };
    if depth > MAX_DEPTH {
        return Err(ParseError {
            at: start,
            message: "nesting too deep".into(),
        });
    }
    let kind = match json.as_bytes().first() {
        Some(b'{') => {
            let entries = serde_json::from_str::<Entries>(json).map_err(fail)?.0;
            let mut members = Vec::with_capacity(entries.len());
            for (key, value) in entries {
                let value = node(text, value, depth + 1)?;
                members.push(Member {
                    key: key.0,
                    span: key_start(text, value.span.start)..value.span.end,
                    value,
                });
            }
            Kind::Object(members)
        }
        Some(b'[') => {
            let items: Vec<&RawValue> = serde_json::from_str(json).map_err(fail)?;
            Kind::Array(
                items
                    .into_iter()
                    .map(|item| node(text, item, depth + 1))
                    .collect::<Result<_, _>>()?,
            )
        }
        Some(b'"') => Kind::String(serde_json::from_str::<Text>(json).map_err(fail)?.0),
        Some(b't') => Kind::Bool(true),
        Some(b'f') => Kind::Bool(false),
        Some(b'n') => Kind::Null,
        _ => Kind::Number,
    };
    Ok(Node { span, kind })
}

/// Where the key of the member whose value starts at `value` begins: back over the colon and
/// the white space to the key's closing quote, then to its opening one (a quote with an even
/// number of backslashes before it).
fn key_start(text: &str, value: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = value;
    while i > 0 && matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'\r' | b':') {
        i -= 1;
    }
    // `i - 1` is the closing quote.
    let mut j = i.saturating_sub(1);
    while j > 0 {
        j -= 1;
        if bytes[j] == b'"' {
            let slashes = bytes[..j].iter().rev().take_while(|&&b| b == b'\\').count();
            if slashes % 2 == 0 {
                return j;
            }
        }
    }
    j
}

/// A string, borrowed from the text unless it holds escapes.
struct Text<'t>(Cow<'t, str>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(s.to_string())))
            }
        }
        d.deserialize_str(V)
    }
}

/// An object's members in the order written (repeated keys included).
struct Entries<'t>(Vec<(Text<'t>, &'t RawValue)>);

impl<'de> Deserialize<'de> for Entries<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Entries<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries<'de>, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry::<Text<'de>, &'de RawValue>()? {
                    out.push(entry);
                }
                Ok(Entries(out))
            }
        }
        d.deserialize_map(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_cover_members_and_values() {
        let text = "{\"a\": [1, \"x\\n\"], \"b\": {\"c\": null}}";
        let n = parse(text).unwrap();
        let m = n.members().unwrap();
        assert_eq!(&text[m[0].span.clone()], "\"a\": [1, \"x\\n\"]");
        assert_eq!(
            n.get("a").unwrap().items().unwrap()[1].as_str(),
            Some("x\n")
        );
        assert_eq!(&text[m[1].value.span.clone()], "{\"c\": null}");
        // Keys with escaped quotes and backslashes, and repeated keys, in order.
        let text = "{ \"a\\\"b\" :1,\"c\\\\\":[ ],\"c\\\\\":2}";
        let n = parse(text).unwrap();
        let spans: Vec<&str> = n
            .members()
            .unwrap()
            .iter()
            .map(|m| &text[m.span.clone()])
            .collect();
        assert_eq!(spans, ["\"a\\\"b\" :1", "\"c\\\\\":[ ]", "\"c\\\\\":2"]);
        assert_eq!(n.members().unwrap()[0].key, "a\"b");
    }

    #[test]
    fn sameness_ignores_layout_and_key_order() {
        let a = "{\"a\": 1, \"b\": [true]}";
        let b = "{\n  \"b\": [ true ],\n  \"a\": 1\n}";
        assert!(parse(a).unwrap().same(&parse(b).unwrap(), a, b));
        let c = "{\"a\": 1.0, \"b\": [true]}";
        assert!(!parse(a).unwrap().same(&parse(c).unwrap(), a, c));
    }

    #[test]
    fn accepts_what_serde_json_accepts_on_mutated_texts() {
        let sample = "{\"a\": [1, -2.5e3, \"x\\n\\u00e9\", true, null], \"b\": {\"c\": \"日本\"}, \"d\": []}";
        let bytes: Vec<u8> = sample.bytes().collect();
        let alphabet = b"{}[]\",:\\ 0123456789-+.eEtrufalsn\nx";
        let mut state: u64 = 1;
        let mut next = |n: usize| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((state >> 33) % n as u64) as usize
        };
        for _ in 0..20_000 {
            let mut b = bytes.clone();
            for _ in 0..1 + next(3) {
                let i = next(b.len());
                // Only ASCII bytes are replaced, so the text stays UTF-8.
                if b[i].is_ascii() {
                    b[i] = alphabet[next(alphabet.len())];
                }
            }
            let text = String::from_utf8(b).unwrap();
            let serde = serde_json::from_str::<serde::de::IgnoredAny>(&text).is_ok();
            assert_eq!(parse(&text).is_ok(), serde, "{text}");
        }
    }

    #[test]
    fn bad_text_is_an_error_not_a_panic() {
        for text in [
            "",
            "{",
            "{\"a\"}",
            "[1,]",
            "\"\\",
            "{\"a\": tru}",
            "1 2",
            "\"a\u{1}\"",
        ] {
            assert!(parse(text).is_err(), "{text:?}");
        }
        let deep = "[".repeat(10_000);
        assert!(parse(&deep).is_err());
    }
}
