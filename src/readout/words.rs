//! Words of a sentence with their byte ranges, and the word forms matching compares. Pure.

use std::ops::Range;

/// One word: its range in the text it came from and its lower-case form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub range: Range<usize>,
    pub lower: String,
}

/// The words of `text`: letters and digits, with `-` and apostrophes inside a word kept.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let inner = matches!(c, '-' | '\'' | '’')
            && start.is_some()
            && chars.get(k + 1).is_some_and(|(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || inner {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(word(text, s..i));
        }
    }
    if let Some(s) = start {
        out.push(word(text, s..text.len()));
    }
    out
}

fn word(text: &str, range: Range<usize>) -> Word {
    Word {
        lower: text[range.clone()].to_lowercase(),
        range,
    }
}

/// A word's form for matching: lower case, a plural or possessive ending taken off
/// ("identities" and "identity", "cables" and "cable", "Japan's" and "japan").
pub fn stem(lower: &str) -> String {
    let w = lower
        .strip_suffix("'s")
        .or_else(|| lower.strip_suffix("’s"))
        .unwrap_or(lower);
    if let Some(b) = w.strip_suffix("ies")
        && b.chars().count() >= 3
    {
        return format!("{b}y");
    }
    if let Some(b) = w.strip_suffix('s')
        && b.chars().count() >= 3
        && !b.ends_with('s')
        && !b.ends_with('u')
    {
        return b.to_string();
    }
    w.to_string()
}

/// Articles, conjunctions and prepositions that join the words of a title: never its
/// last word, never what a sentence is about.
pub const JOINING: [&str; 13] = [
    "the", "a", "an", "and", "or", "of", "on", "in", "for", "to", "with", "by", "at",
];

/// Words too common to say what a sentence is about.
pub fn is_common(lower: &str) -> bool {
    JOINING.contains(&lower)
        || matches!(
            lower,
            "from"
                | "as"
                | "its"
                | "their"
                | "this"
                | "that"
                | "these"
                | "between"
                | "including"
                | "such"
                | "other"
                | "new"
                | "joint"
                | "digital"
                | "cooperation"
                | "technology"
                | "technologies"
                | "partnership"
                | "council"
                | "eu"
                | "both"
                | "sides"
                | "partners"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_inner_hyphens_and_apostrophes() {
        let t = "Japan's high-performance (HPC) e-ID, 6G; 半導体";
        let w: Vec<&str> = words(t).iter().map(|w| &t[w.range.clone()]).collect();
        assert_eq!(
            w,
            ["Japan's", "high-performance", "HPC", "e-ID", "6G", "半導体"]
        );
        assert!(words("- -- '").is_empty());
    }

    #[test]
    fn stems_match_plurals_and_possessives() {
        assert_eq!(stem("identities"), "identity");
        assert_eq!(stem("cables"), "cable");
        assert_eq!(stem("japan's"), "japan");
        assert_eq!(stem("services"), "service");
        assert_eq!(stem("access"), "access");
        assert_eq!(stem("status"), "status");
        assert_eq!(stem("ai"), "ai");
    }
}
