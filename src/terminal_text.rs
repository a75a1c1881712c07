//! Makes text from a dataset, a file name or an error safe to put on a terminal.
//!
//! Control characters (C0, DEL, C1) and invisible or reordering format characters (bidi
//! overrides, zero-width spaces, ...) would let a file drive the terminal or hide text; they
//! are shown as visible placeholders instead. Stored values are never changed: this is only
//! for display.

use std::borrow::Cow;

/// Whether newlines in multi-line text are kept as line breaks or shown as `␊`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    Keep,
    Show,
}

fn is_format_char(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}'
        | '\u{2028}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{3164}' | '\u{FEFF}' | '\u{FFA0}'
        | '\u{FFF0}'..='\u{FFFB}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}')
}

fn needs_care(c: char) -> bool {
    c.is_control() || is_format_char(c)
}

/// A zero-width joiner between two non-ASCII characters is part of an emoji sequence.
fn joins_emoji(prev: Option<char>, next: Option<char>) -> bool {
    matches!((prev, next), (Some(p), Some(n)) if !p.is_ascii() && !n.is_ascii())
}

/// `s` with every control and invisible format character made visible.
pub fn clean(s: &str, lines: Lines) -> Cow<'_, str> {
    if !s.chars().any(needs_care) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\n' if lines == Lines::Keep => out.push('\n'),
            '\r' if lines == Lines::Keep && chars.get(i + 1) == Some(&'\n') => {}
            '\t' if lines == Lines::Keep => out.push_str("    "),
            '\u{200D}'
                if joins_emoji(
                    i.checked_sub(1).map(|j| chars[j]),
                    chars.get(i + 1).copied(),
                ) =>
            {
                out.push(c)
            }
            // C0 controls and DEL have their own visible pictures (U+2400 block).
            '\0'..='\u{1F}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
            '\u{7F}' => out.push('\u{2421}'),
            c if needs_care(c) => out.push_str(&format!("<U+{:04X}>", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// One-line form: newlines and tabs are shown as pictures too.
pub fn line(s: &str) -> Cow<'_, str> {
    clean(s, Lines::Show)
}

/// JSON text with every character that `clean` would change written as a `\uXXXX` escape.
/// Inside JSON strings that is the same value; outside them such characters cannot occur.
pub fn json(s: &str) -> Cow<'_, str> {
    if !s
        .chars()
        .any(|c| needs_care(c) && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if needs_care(c) && !matches!(c, '\n' | '\r' | '\t') {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{:04x}", u));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        let s = "EU–Japan 日本 한국 🇪🇺 émoji";
        assert!(matches!(line(s), Cow::Borrowed(_)));
    }

    #[test]
    fn escapes_and_controls_become_visible() {
        let hostile = "a\u{1b}[2J\u{1b}]0;pwned\u{7}b\u{9b}31m\u{7f}";
        let shown = line(hostile);
        assert!(!shown.chars().any(|c| c.is_control()), "{shown:?}");
        assert_eq!(shown, "a␛[2J␛]0;pwned␇b<U+009B>31m␡");
    }

    #[test]
    fn bidi_and_zero_width_are_marked() {
        assert_eq!(line("\u{202E}evil\u{202C}"), "<U+202E>evil<U+202C>");
        assert_eq!(line("a\u{200B}b"), "a<U+200B>b");
        assert_eq!(line("x\u{200D}y"), "x<U+200D>y");
    }

    #[test]
    fn emoji_sequences_keep_their_joiner() {
        let family = "👨\u{200D}👩\u{200D}👧";
        assert_eq!(line(family), family);
    }

    #[test]
    fn newlines_kept_or_shown() {
        assert_eq!(clean("a\r\nb\tc", Lines::Keep), "a\nb    c");
        assert_eq!(line("a\nb\tc"), "a␊b␉c");
    }

    #[test]
    fn json_escapes_keep_the_value() {
        let raw = "{\"t\": \"x\u{9b}y\u{202e}z\"}";
        let out = json(raw);
        assert_eq!(out, "{\"t\": \"x\\u009by\\u202ez\"}");
        let a: serde_json::Value = serde_json::from_str(raw).unwrap();
        let b: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(a, b);
    }
}
