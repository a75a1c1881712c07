//! A JSON value with the byte span of every part, for merging and locating text without
//! rewriting it. Strings are decoded for comparison; numbers keep their spelling.

use std::borrow::Cow;
use std::ops::Range;

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

/// Parses a whole text (after an optional byte-order mark) as one JSON value.
pub fn parse(text: &str) -> Result<Node<'_>, ParseError> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: crate::load::bom_len(text),
    };
    let node = p.value(0)?;
    p.skip_ws();
    if p.pos < p.bytes.len() {
        return Err(p.error("more text after the end of the JSON value"));
    }
    Ok(node)
}

struct Parser<'t> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
}

impl<'t> Parser<'t> {
    fn error(&self, message: &str) -> ParseError {
        ParseError {
            at: self.pos,
            message: message.to_string(),
        }
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node<'t>, ParseError> {
        if depth > MAX_DEPTH {
            return Err(self.error("nesting too deep"));
        }
        self.skip_ws();
        let start = self.pos;
        let kind = match self.bytes.get(self.pos) {
            Some(b'{') => self.object(depth)?,
            Some(b'[') => self.array(depth)?,
            Some(b'"') => Kind::String(self.string()?),
            Some(b't') => self.word("true", Kind::Bool(true))?,
            Some(b'f') => self.word("false", Kind::Bool(false))?,
            Some(b'n') => self.word("null", Kind::Null)?,
            Some(b'-' | b'0'..=b'9') => self.number()?,
            Some(_) => return Err(self.error("expected a JSON value")),
            None => return Err(self.error("the text ends where a value was expected")),
        };
        Ok(Node {
            span: start..self.pos,
            kind,
        })
    }

    fn word(&mut self, word: &str, kind: Kind<'t>) -> Result<Kind<'t>, ParseError> {
        if self.text[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(kind)
        } else {
            Err(self.error("expected a JSON value"))
        }
    }

    fn number(&mut self) -> Result<Kind<'t>, ParseError> {
        let start = self.pos;
        while let Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
        // The exact grammar is left to serde_json: the loader has already checked these files.
        if serde_json::from_str::<serde::de::IgnoredAny>(&self.text[start..self.pos]).is_err() {
            self.pos = start;
            return Err(self.error("not a valid number"));
        }
        Ok(Kind::Number)
    }

    fn string(&mut self) -> Result<Cow<'t, str>, ParseError> {
        let start = self.pos;
        self.pos += 1;
        let mut escaped = false;
        loop {
            match self.bytes.get(self.pos) {
                None => {
                    self.pos = start;
                    return Err(self.error("a string is not closed"));
                }
                Some(b'"') => break,
                Some(b'\\') => {
                    escaped = true;
                    self.pos += 2;
                }
                Some(_) => self.pos += 1,
            }
        }
        self.pos += 1;
        let raw = self.text.get(start..self.pos).unwrap_or("");
        if !escaped {
            if raw.bytes().any(|b| b < 0x20) {
                self.pos = start;
                return Err(self.error("a control character inside a string"));
            }
            return Ok(Cow::Borrowed(&raw[1..raw.len() - 1]));
        }
        serde_json::from_str::<String>(raw)
            .map(Cow::Owned)
            .map_err(|_| {
                let e = self.error("not a valid string");
                ParseError { at: start, ..e }
            })
    }

    fn object(&mut self, depth: usize) -> Result<Kind<'t>, ParseError> {
        self.pos += 1;
        let mut members = Vec::new();
        self.skip_ws();
        if self.bytes.get(self.pos) == Some(&b'}') {
            self.pos += 1;
            return Ok(Kind::Object(members));
        }
        loop {
            self.skip_ws();
            if self.bytes.get(self.pos) != Some(&b'"') {
                return Err(self.error("expected a key in quotes"));
            }
            let start = self.pos;
            let key = self.string()?;
            self.skip_ws();
            if self.bytes.get(self.pos) != Some(&b':') {
                return Err(self.error("expected ':' after a key"));
            }
            self.pos += 1;
            let value = self.value(depth + 1)?;
            members.push(Member {
                key,
                span: start..value.span.end,
                value,
            });
            self.skip_ws();
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Kind::Object(members));
                }
                _ => return Err(self.error("expected ',' or '}'")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Kind<'t>, ParseError> {
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.bytes.get(self.pos) == Some(&b']') {
            self.pos += 1;
            return Ok(Kind::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.skip_ws();
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Kind::Array(items));
                }
                _ => return Err(self.error("expected ',' or ']'")),
            }
        }
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
