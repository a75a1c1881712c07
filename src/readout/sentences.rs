//! A readout's text cut into sentences, each kept as its byte range in the input so that a
//! proposal's evidence is the input's own bytes. Unicode sentence boundaries (UAX #29) do the
//! cutting inside a paragraph; this module adds what they miss in press releases: headings
//! ("Semiconductors:", a short line with no full stop), list items and numbered points (the
//! marker is not part of the sentence), abbreviations ("e.g.", "Mr.", "No.") and hard-wrapped
//! lines. Pure.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// One sentence of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// The sentence, without surrounding spaces or a list marker.
    pub range: Range<usize>,
    /// The heading it sits under (the last heading line or label above it), if any.
    pub heading: Option<Range<usize>>,
    /// The paragraph (or list item) it belongs to.
    pub paragraph: Range<usize>,
    /// For a list item: the sentence that introduced the list (ending with `:`), if any.
    pub lead: Option<Range<usize>>,
}

/// Words that end with a full stop without ending a sentence (compared in lower case,
/// without the final stop).
const ABBREVIATIONS: [&str; 30] = [
    "e.g", "i.e", "eg", "ie", "cf", "mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "art",
    "arts", "vol", "fig", "para", "approx", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct",
];
const MORE_ABBREVIATIONS: [&str; 6] = ["nov", "dec", "inc", "ltd", "corp", "h.e"];

/// Characters that end a sentence (Latin and CJK), and closing quotes or brackets that may
/// follow them.
fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '。' | '！' | '？' | '．' | '…')
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | ')' | ']' | '」' | '』' | '）' | '»'
    )
}

/// The lines of `text` with their byte ranges, without the line break.
fn lines(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            let end = if text[start..i].ends_with('\r') {
                i - 1
            } else {
                i
            };
            out.push(start..end);
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

/// The range of `r` without leading and trailing white space.
fn trimmed(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        return r.start..r.start;
    }
    r.start + lead..r.end - trail
}

/// The length of a list marker at the start of `line` (with the space after it): `-`, `*`,
/// `•`, `–`, `1.`, `1)`, `(1)`, `a)`, `(a)`, `iv.`; 0 when there is none.
pub fn marker_len(line: &str) -> usize {
    let bullet = ["- ", "* ", "• ", "– ", "— ", "· ", "▪ ", "◦ "];
    for b in bullet {
        if let Some(rest) = line.strip_prefix(b) {
            return b.len() + (rest.len() - rest.trim_start().len());
        }
    }
    let body = line.strip_prefix('(').unwrap_or(line);
    let open = line.len() - body.len();
    let token_len = body
        .char_indices()
        .find(|(_, c)| !c.is_ascii_alphanumeric())
        .map_or(body.len(), |(i, _)| i);
    if token_len == 0 || token_len > 4 {
        return 0;
    }
    let token = &body[..token_len];
    let numeric = token.chars().all(|c| c.is_ascii_digit());
    let letter = token.len() == 1 && token.chars().all(|c| c.is_ascii_lowercase());
    let roman = token.chars().all(|c| matches!(c, 'i' | 'v' | 'x'));
    if !(numeric || letter || roman) {
        return 0;
    }
    let rest = &body[token_len..];
    let close = if open == 1 {
        if rest.starts_with(')') { 1 } else { return 0 }
    } else if rest.starts_with(')') || (rest.starts_with('.') && (numeric || roman)) {
        1
    } else {
        return 0;
    };
    let after = &rest[close..];
    if !after.starts_with(' ') && !after.starts_with('\t') {
        return 0;
    }
    let spaces = after.len() - after.trim_start().len();
    open + token_len + close + spaces
}

/// Whether a line (trimmed, no marker) reads as a heading: a short label ending with `:`,
/// or a short line with no sentence end that starts with a capital.
fn is_heading(line: &str) -> bool {
    let words = line.split_whitespace().count();
    if line.ends_with(':') || line.ends_with('：') {
        // "Online platforms:" names a topic; "The partners agreed to:" leads a list.
        let connector = |w: &str| matches!(w, "and" | "of" | "for" | "the" | "in" | "on" | "&");
        let titled = line
            .split_whitespace()
            .all(|w| connector(w) || !w.starts_with(char::is_lowercase));
        return words <= 3 || (titled && words <= 8);
    }
    let last = line.chars().rev().find(|c| !is_closing(*c));
    let ends = last.is_some_and(|c| is_terminal(c) || c == ',' || c == ';');
    let first_upper = line.chars().next().is_some_and(|c| !c.is_lowercase());
    !ends && first_upper && words <= 12
}

/// An inline label at the start of a paragraph ("Semiconductors: the EU ..."): its length
/// with the colon, when it is at most three words and something follows.
fn label_len(line: &str) -> Option<usize> {
    let colon = line.find(':')?;
    let label = &line[..colon];
    let words = label.split_whitespace().count();
    let first_upper = label.chars().next().is_some_and(char::is_uppercase);
    // "He said: ..." introduces a quote, not a topic.
    let speaks = label.split_whitespace().any(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "he" | "she"
                | "they"
                | "we"
                | "it"
                | "i"
                | "you"
                | "said"
                | "says"
                | "stated"
                | "added"
                | "noted"
        )
    });
    let rest = line[colon + 1..].trim();
    ((1..=3).contains(&words)
        && first_upper
        && !speaks
        && !rest.is_empty()
        && !label.contains(['.', ',']))
    .then_some(colon + 1)
}

/// Whether `segment` (a sentence candidate, trimmed) ends with a word that does not end a
/// sentence: an abbreviation or an initial ("J.").
fn ends_with_abbreviation(segment: &str) -> bool {
    let Some(body) = segment.strip_suffix('.') else {
        return false;
    };
    let word = body
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) || MORE_ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// Whether `segment` is nothing but a numbered point's marker ("2.", "(b)").
fn only_marker(segment: &str) -> bool {
    let with_space = format!("{segment} ");
    marker_len(&with_space) == with_space.len()
}

/// Cuts `text` into sentences.
pub fn split(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut heading: Option<Range<usize>> = None;
    let mut lead: Option<Range<usize>> = None;
    let all = lines(text);
    let mut i = 0;
    while i < all.len() {
        let line = trimmed(text, all[i].clone());
        i += 1;
        if line.is_empty() {
            lead = None;
            continue;
        }
        let marker = marker_len(&text[line.clone()]);
        let is_item = marker > 0;
        let mut block = line.start + marker..line.end;
        if !is_item {
            lead = None;
        }
        let first_line = block.clone();
        // Hard-wrapped text: a following line that starts in lower case continues this one.
        while i < all.len() {
            let next = trimmed(text, all[i].clone());
            let continues = !next.is_empty()
                && marker_len(&text[next.clone()]) == 0
                && text[next.clone()]
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase);
            if !continues {
                break;
            }
            block.end = next.end;
            i += 1;
        }
        // A heading line (not wrapped): it names what follows.
        if !is_item && block == first_line && is_heading(&text[block.clone()]) {
            heading = Some(block);
            continue;
        }
        // A label names the topic; one on a list item names only that item's.
        let mut item_heading = None;
        if let Some(n) = label_len(&text[block.clone()]) {
            let label = block.start..block.start + n - 1;
            if is_item {
                item_heading = Some(label);
            } else {
                heading = Some(label);
            }
            block = trimmed(text, block.start + n..block.end);
        }
        let found = sentences_in(text, block.clone());
        for range in found {
            let ends_colon = text[range.clone()].ends_with(':');
            out.push(Sentence {
                range: range.clone(),
                heading: item_heading.clone().or_else(|| heading.clone()),
                paragraph: block.clone(),
                lead: if is_item { lead.clone() } else { None },
            });
            if !is_item && ends_colon {
                lead = Some(range);
            }
        }
    }
    out
}

/// The sentences of one paragraph (`block`, a range of `text`).
fn sentences_in(text: &str, block: Range<usize>) -> Vec<Range<usize>> {
    // Line breaks inside a paragraph are spaces to the segmenter; same byte lengths, so the
    // positions stay those of the input.
    let flat: String = text[block.clone()]
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    let mut pieces: Vec<Range<usize>> = Vec::new();
    let mut glue = false;
    for (at, piece) in flat.split_sentence_bound_indices() {
        let r = trimmed(&flat, at..at + piece.len());
        if r.is_empty() {
            continue;
        }
        let seg = &flat[r.clone()];
        if only_marker(seg) {
            glue = false;
            continue;
        }
        match pieces.last_mut() {
            Some(last) if glue => last.end = r.end,
            _ => pieces.push(r.clone()),
        }
        glue = ends_with_abbreviation(&flat[pieces.last().map_or(r.clone(), Clone::clone)]);
    }
    pieces
        .into_iter()
        .map(|r| block.start + r.start..block.start + r.end)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|s| &text[s.range]).collect()
    }

    #[test]
    fn sentences_of_a_paragraph_keep_their_bytes() {
        let t = "The EU signed it. They will meet again!  Why not?";
        assert_eq!(
            texts(t),
            ["The EU signed it.", "They will meet again!", "Why not?"]
        );
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_a_sentence() {
        let t = "They met Mr. Breton and Dr. Kono, e.g. AI and 5G. J. Smith chaired, i.e. Mr. X. Then it ended.";
        assert_eq!(
            texts(t),
            [
                "They met Mr. Breton and Dr. Kono, e.g. AI and 5G.",
                "J. Smith chaired, i.e. Mr. X. Then it ended."
            ]
        );
        // Acronyms in capitals are words, not abbreviations.
        assert_eq!(
            texts("It was signed by the EU. Japan agreed."),
            ["It was signed by the EU.", "Japan agreed."]
        );
    }

    #[test]
    fn headings_and_labels_are_not_sentences_but_name_what_follows() {
        let t = "Key outcomes\nSemiconductors:\nThe EU and Japan decided to act.\nAI: They will cooperate. More follows.";
        let s = split(t);
        assert_eq!(s.len(), 3);
        assert_eq!(&t[s[0].range.clone()], "The EU and Japan decided to act.");
        assert_eq!(&t[s[0].heading.clone().unwrap()], "Semiconductors:");
        assert_eq!(&t[s[1].range.clone()], "They will cooperate.");
        assert_eq!(&t[s[1].heading.clone().unwrap()], "AI");
        assert_eq!(&t[s[2].heading.clone().unwrap()], "AI");
        assert_eq!(
            &t[s[2].paragraph.clone()],
            "They will cooperate. More follows."
        );
    }

    #[test]
    fn list_items_and_numbered_points_lose_their_markers() {
        let t = "The partners agreed to:\n- launch a forum;\n* explore data spaces.\n1. Set up a group.\n(b) Sign it.\n2) Adopt it.";
        let s = split(t);
        let got: Vec<&str> = s.iter().map(|x| &t[x.range.clone()]).collect();
        assert_eq!(
            got,
            [
                "The partners agreed to:",
                "launch a forum;",
                "explore data spaces.",
                "Set up a group.",
                "Sign it.",
                "Adopt it."
            ]
        );
        assert_eq!(&t[s[1].lead.clone().unwrap()], "The partners agreed to:");
        assert!(s[0].lead.is_none());
        // Numbered points inside a paragraph.
        assert_eq!(
            texts("Results: 1. The EU signed X. 2. Japan launched Y."),
            ["The EU signed X.", "Japan launched Y."]
        );
    }

    #[test]
    fn quotes_cjk_and_wrapped_lines() {
        assert_eq!(
            texts("He said: “We will sign.” Then they left."),
            ["He said: “We will sign.”", "Then they left."]
        );
        assert_eq!(
            texts("日欧は覚書に署名した。両者は協力を継続する。"),
            ["日欧は覚書に署名した。", "両者は協力を継続する。"]
        );
        let t = "The EU and Japan signed a\r\nmemorandum on data. It\nwill help.\n";
        let got = texts(t);
        assert_eq!(
            got,
            [
                "The EU and Japan signed a\r\nmemorandum on data.",
                "It\nwill help."
            ]
        );
    }

    #[test]
    fn odd_input_gives_no_panic() {
        for t in [
            "", "\n\n", "- ", "1.", ":", "(", "•", "a) ", "\r", "。。", "Mr.", "e.g.",
        ] {
            for s in split(t) {
                assert!(t.get(s.range.clone()).is_some());
            }
        }
    }
}
