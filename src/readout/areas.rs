//! The file's areas a sentence is about: those whose id, whole name, or two words of their
//! description appear among the words of the sentence or of the heading it sits under.
//! Pure.

use std::collections::HashSet;

use super::words::{is_common, stem, words};
use crate::model::{Area, Dataset};

/// Two stems match when equal, or when the shorter (six letters or more) begins the longer
/// ("standard" and "standardisation", "research" and "researcher").
fn alike(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.chars().count() >= 6 && long.starts_with(short)
}

fn has(found: &HashSet<String>, want: &str) -> bool {
    found.contains(want) || found.iter().any(|f| alike(f, want))
}

/// The stems of the significant words of `text`.
fn stems(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .filter(|w| !is_common(&w.lower))
        .map(|w| stem(&w.lower))
        .collect()
}

/// Words of descriptions that say how the file uses an area, not what it is about.
fn is_bookkeeping(stem: &str) -> bool {
    matches!(
        stem,
        "cross-cutting"
            | "theme"
            | "given"
            | "besides"
            | "area"
            | "former"
            | "merged"
            | "here"
            | "under"
            | "rule"
            | "mention"
            | "every"
            | "whose"
            | "object"
            | "deliverable"
            | "field"
            | "partner"
            | "especially"
            | "themselve"
            // Words too general to tell one area from another.
            | "support"
            | "research"
            | "online"
            | "platform"
            | "network"
            | "access"
            | "exchange"
            | "cooperation"
            | "joint"
    )
}

fn about(area: &Area, found: &HashSet<String>) -> bool {
    let id_parts: Vec<String> = area.id.split('-').map(stem).collect();
    if !id_parts.is_empty() && id_parts.iter().all(|p| has(found, p)) {
        return true;
    }
    let name = stems(&area.name);
    if !name.is_empty() && name.iter().all(|n| has(found, n)) {
        return true;
    }
    let Some(description) = &area.description else {
        return false;
    };
    let mut matched: Vec<String> = stems(description)
        .into_iter()
        .filter(|s| s.chars().count() >= 4 && !is_bookkeeping(s) && has(found, s))
        .collect();
    matched.sort();
    matched.dedup();
    matched.len() >= 2
}

/// The ids of the areas `sentence` (under `heading`) is about, in the file's order.
pub fn suggest(data: &Dataset, sentence: &str, heading: Option<&str>) -> Vec<String> {
    let mut found: HashSet<String> = HashSet::new();
    for w in words(sentence)
        .into_iter()
        .chain(heading.map(words).unwrap_or_default())
    {
        // "Quantum-HPC" is about quantum and HPC too.
        if w.lower.contains('-') {
            found.extend(w.lower.split('-').map(stem));
        }
        found.insert(stem(&w.lower));
    }
    data.areas
        .iter()
        .filter(|a| about(a, &found))
        .map(|a| a.id.clone())
        .collect()
}
