//! "signed two memoranda": a commitment to a counted plural is as many commitments, each
//! titled by the sentence after it that names one of them ("The memorandum on AI ...",
//! "The other memorandum ..."). Pure.

use super::sentences::Sentence;
use super::words::{Word, words};

const COUNTS: [(&str, usize); 8] = [
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("2", 2),
    ("3", 3),
    ("4", 4),
    ("5", 5),
];

/// How many things a title counts ("Two memoranda of understanding ..."), and the counted
/// noun.
fn counted(title: &str) -> Option<(usize, String)> {
    let ws = words(title);
    let n = COUNTS
        .iter()
        .find(|(w, _)| ws.first().is_some_and(|x| x.lower == *w))?
        .1;
    Some((n, ws.get(1)?.lower.clone()))
}

/// Whether two nouns are the same word (singular or plural, Latin plurals too:
/// "memoranda", "memorandum").
fn same_noun(a: &str, b: &str) -> bool {
    let prefix = |s: &str| s.chars().take(6).collect::<String>();
    a.chars().count() >= 4 && b.chars().count() >= 4 && prefix(a) == prefix(b)
}

/// A word that reads as the sentence's verb: lower case, ending in `s`, followed by an
/// article, a possessive or a capitalised name ("reaffirms Canada", "outlines their").
fn verb_like(ws: &[Word], i: usize, sentence: &str) -> bool {
    let w = &ws[i];
    let next = ws.get(i + 1);
    w.lower.ends_with('s')
        && sentence[w.range.clone()].starts_with(char::is_lowercase)
        && next.is_some_and(|n| {
            matches!(
                n.lower.as_str(),
                "the" | "a" | "an" | "their" | "its" | "both" | "how" | "that"
            ) || sentence[n.range.clone()].starts_with(char::is_uppercase)
        })
}

/// The subject of `sentence` when it names one of the counted things: "The memorandum of
/// understanding on artificial intelligence (AI) reaffirms ..." gives "memorandum of
/// understanding on artificial intelligence (AI)".
fn naming(sentence: &str, noun: &str) -> Option<String> {
    let ws = words(sentence);
    if ws.first()?.lower != "the" {
        return None;
    }
    let mut head = 1;
    if ws
        .get(head)
        .is_some_and(|w| matches!(w.lower.as_str(), "other" | "first" | "second" | "third"))
    {
        head += 1;
    }
    if !same_noun(&ws.get(head)?.lower, noun) {
        return None;
    }
    let end = (head + 1..ws.len()).find(|&i| verb_like(&ws, i, sentence))?;
    let last = &ws[end - 1];
    let close = usize::from(sentence[last.range.end..].starts_with(')'));
    let subject = &sentence[ws[head].range.start..last.range.end + close];
    // "The other memorandum outlines their intent to act on digital credentials": the
    // subject alone does not say which one; what it is on does.
    let rest = &sentence[last.range.end + close..];
    if !subject.contains(" on ")
        && let Some(i) = rest.find(" on ")
    {
        let about: Vec<&str> = rest[i + 1..]
            .split([',', ';', '.'])
            .next()
            .unwrap_or("")
            .split_whitespace()
            .take(8)
            .collect();
        return Some(format!("{subject} {}", about.join(" ")));
    }
    Some(subject.to_string())
}

/// The titles of the things `title` counts, from the sentences after it (at most the
/// count); empty when it counts nothing or they are not named.
pub fn titles(text: &str, after: &[Sentence], title: &str) -> Vec<String> {
    let Some((n, noun)) = counted(title) else {
        return Vec::new();
    };
    after
        .iter()
        .take(n + 3)
        .filter_map(|s| naming(&text[s.range.clone()], &noun))
        .take(n)
        .map(|t| {
            let mut c = t.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => t,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::readout::sentences::split;

    #[test]
    fn two_memoranda_are_titled_by_the_sentences_that_name_them() {
        let text = "They signed two memoranda of understanding. The memorandum of understanding on artificial intelligence (AI) reaffirms their commitment. It also announces more. The other memorandum of understanding on trust services outlines their intent to act.";
        let all = split(text);
        assert_eq!(
            titles(text, &all[1..], "Two memoranda of understanding"),
            [
                "Memorandum of understanding on artificial intelligence (AI)",
                "Memorandum of understanding on trust services"
            ]
        );
        let text = "They signed two memoranda. The first memorandum covers AI. The other memorandum outlines their intent to act on digital credentials and trust services.";
        let all = split(text);
        assert_eq!(
            titles(text, &all[1..], "Two memoranda"),
            [
                "Memorandum",
                "Memorandum on digital credentials and trust services"
            ]
        );
        assert!(titles(text, &all[1..], "Memoranda of understanding").is_empty());
        assert!(titles(text, &all[1..], "Two working groups").is_empty());
    }
}
