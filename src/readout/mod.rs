//! A council's readout (a press release, a joint statement) turned into proposed
//! deliverables: each commitment found in its sentences, with a short title, a suggested
//! status and areas, and the sentence itself, byte for byte, as evidence. Pure: the text
//! comes in as a string, the proposals go out; adding them is `capture`'s job.

pub mod areas;
mod counted;
pub mod cues;
pub mod sentences;
pub mod words;

use std::ops::Range;

use crate::category::Category;
use crate::create::NewDeliverable;
use crate::model::Dataset;
pub use cues::Kind;

/// One proposed deliverable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub title: String,
    pub kind: Kind,
    /// The file's first status of the kind's category.
    pub status: String,
    pub areas: Vec<String>,
    /// The sentence, as a range of the input; `evidence` is its text.
    pub sentence: Range<usize>,
    pub evidence: String,
    /// The paragraph (or list item) the sentence is in, and the heading above it.
    pub paragraph: Range<usize>,
    pub heading: Option<String>,
    pub source_url: Option<String>,
    /// The id of a deliverable of the file that this proposal already is (same evidence, or
    /// a very similar title in the same council).
    pub present: Option<String>,
}

impl Proposal {
    /// The deliverable this proposal adds to `council`.
    pub fn to_new(&self, council: &str) -> NewDeliverable {
        NewDeliverable {
            council: council.to_string(),
            title: self.title.clone(),
            areas: self.areas.clone(),
            status: Some(self.status.clone()),
            evidence: Some(self.evidence.clone()),
            source_url: self.source_url.clone(),
            ..NewDeliverable::default()
        }
    }
}

/// The file's first status of `kind`'s category; the first status when it has none.
pub fn status_for(data: &Dataset, kind: Kind) -> String {
    let category = match kind {
        Kind::Done => Category::Done,
        Kind::Active => Category::Active,
        Kind::Open => Category::Open,
    };
    data.statuses
        .iter()
        .find(|s| s.category == category)
        .or_else(|| data.statuses.first())
        .map_or_else(|| "planned".to_string(), |s| s.name.clone())
}

/// Words of a sentence's subject that point back to something already said ("This
/// Memorandum will build ..."): it describes a commitment, it is not a new one.
fn points_back(subject: &str, previous_title: Option<&str>) -> bool {
    // "This means that Canada and the EU have agreed": the clause after `that` says it.
    let subject = match subject.rfind(" that ") {
        Some(i) => &subject[i + 6..],
        None => subject,
    };
    let ws = words::words(subject);
    let Some(first) = ws.first() else {
        return false;
    };
    if matches!(
        first.lower.as_str(),
        "this" | "these" | "it" | "such" | "those"
    ) {
        return true;
    }
    // "The Memorandum will ..." after a proposal about a Memorandum.
    if first.lower == "the"
        && let (Some(head), Some(prev)) = (ws.get(1), previous_title)
    {
        let prev = prev.to_lowercase();
        return ws.len() <= 3 && words::words(&prev).iter().any(|w| w.lower == head.lower);
    }
    false
}

/// Whether a sentence is about the next meeting ("The next council is planned for 2025").
fn next_meeting(sentence: &str) -> bool {
    let ws = words::words(sentence);
    ws.iter().enumerate().any(|(i, w)| {
        w.lower == "next"
            && ws[i + 1..].iter().take(4).any(|x| {
                matches!(
                    x.lower.as_str(),
                    "council" | "meeting" | "summit" | "dialogue" | "session" | "ministerial"
                )
            })
    })
}

/// An umbrella ("agreed on a list of new deliverables", "to cooperate on AI, 5G, chips,
/// HPC and quantum"): the object names the outcomes, or lists the partnership's fields
/// (four parts or more, separated by commas, two of them short and naming an area of the
/// file).
fn umbrella(data: &Dataset, title: &str, object: &str) -> bool {
    let t = title.to_lowercase();
    let parts: Vec<&str> = object.split(',').collect();
    let fields = parts
        .iter()
        .filter(|part| {
            part.split_whitespace().count() <= 5 && !areas::suggest(data, part, None).is_empty()
        })
        .count();
    t.starts_with("list of")
        || t.contains("deliverables")
        || t.contains("outcomes")
        || (parts.len() >= 4 && fields >= 2)
}

/// A title's telling words, stemmed, without repeats.
fn title_words(t: &str) -> Vec<String> {
    let mut v: Vec<String> = words::words(t)
        .into_iter()
        .filter(|w| !words::is_common(&w.lower))
        .map(|w| words::stem(&w.lower))
        .collect();
    v.sort();
    v.dedup();
    v
}

/// How many telling words two titles share.
fn shared_words(a: &str, b: &str) -> usize {
    let y = title_words(b);
    title_words(a).iter().filter(|w| y.contains(w)).count()
}

fn similar_titles(a: &str, b: &str) -> bool {
    let (x, y) = (title_words(a), title_words(b));
    if x.is_empty() || y.is_empty() {
        return false;
    }
    let shared = x.iter().filter(|w| y.contains(w)).count();
    let union = x.len() + y.len() - shared;
    shared * 10 >= union * 7
}

/// The deliverable of `council` that `p` already is, if any, but none of `taken`: one
/// quoting the same sentence (when the sentence gave `siblings` proposals, the one whose
/// title shares most words with `p`'s), else one with a very similar title.
fn present(
    data: &Dataset,
    council: &str,
    p: &Proposal,
    siblings: usize,
    taken: &[String],
) -> Option<String> {
    let evidence = p.evidence.trim();
    let live = || {
        data.deliverables
            .iter()
            .filter(|d| !d.removed && d.council == council && !taken.iter().any(|t| *t == d.id))
    };
    let quoting = live().filter(|d| d.evidence().as_deref().map(str::trim) == Some(evidence));
    let by_evidence = if siblings <= 1 {
        quoting.into_iter().next()
    } else {
        quoting
            .map(|d| (shared_words(&d.title, &p.title), d))
            .filter(|&(n, _)| n > 0)
            .max_by_key(|&(n, _)| n)
            .map(|(_, d)| d)
    };
    by_evidence
        .or_else(|| live().find(|d| similar_titles(&d.title, &p.title)))
        .map(|d| d.id.to_string())
}

/// The proposals of `text` for `council` of `data`, in the order of the text.
pub fn propose(
    text: &str,
    data: &Dataset,
    council: &str,
    source_url: Option<&str>,
) -> Vec<Proposal> {
    let mut out: Vec<Proposal> = Vec::new();
    let mut previous_title: Option<String> = None;
    let all = sentences::split(text);
    for (at, s) in all.iter().enumerate() {
        let sentence = &text[s.range.clone()];
        let heading = s.heading.clone().map(|h| text[h].to_string());
        let mut found = cues::commitments(sentence);
        // A list item without a verb of its own takes its lead's ("agreed to: - a forum").
        let lead_kind = s
            .lead
            .as_ref()
            .and_then(|l| cues::commitments(&text[l.clone()]).first().map(|c| c.kind));
        if found.is_empty()
            && let Some(kind) = lead_kind
        {
            found.push(cues::Commitment {
                kind,
                cue: 0..0,
                object: 0..sentence.len(),
            });
        }
        // A list's lead ("The partners agreed to:") proposes through its items.
        if next_meeting(sentence) || sentence.ends_with(':') {
            continue;
        }
        let mut titles_here = Vec::new();
        let topic = found
            .first()
            .and_then(|c| sentence.get(..c.cue.start))
            .unwrap_or("");
        for c in found {
            let subject = &sentence[..c.cue.start];
            if points_back(subject, previous_title.as_deref()) {
                continue;
            }
            let title = cues::title(sentence, &c);
            let object = sentence.get(c.object.clone()).unwrap_or("");
            if umbrella(data, &title, object) {
                continue;
            }
            titles_here.push(title.clone());
            // "signed two memoranda": one proposal for each, as the next sentences name them.
            let named = counted::titles(text, &all[at + 1..], &title);
            let each: Vec<(String, String)> = if named.is_empty() {
                // What the commitment is about: its object, and the sentence's words before
                // its first verb ("On 6G, the EU and Japan ..."), not the other objects.
                vec![(title, format!("{topic} {object}"))]
            } else {
                named.into_iter().map(|t| (t.clone(), t)).collect()
            };
            for (title, about) in each {
                let p = Proposal {
                    title,
                    kind: c.kind,
                    status: status_for(data, c.kind),
                    areas: areas::suggest(data, &about, heading.as_deref()),
                    sentence: s.range.clone(),
                    evidence: sentence.to_string(),
                    // A list item is shown under the sentence that leads the list.
                    paragraph: s
                        .lead
                        .as_ref()
                        .map_or(s.paragraph.clone(), |l| l.start..s.paragraph.end),
                    heading: heading.clone(),
                    source_url: source_url.map(str::to_string),
                    present: None,
                };
                out.push(p);
            }
        }
        if let Some(last) = titles_here.pop() {
            previous_title = Some(last);
        }
    }
    // What the file has already: each deliverable stands for one proposal at most.
    let mut taken: Vec<String> = Vec::new();
    for i in 0..out.len() {
        let siblings = out.iter().filter(|q| q.sentence == out[i].sentence).count();
        out[i].present = present(data, council, &out[i], siblings, &taken);
        if let Some(id) = &out[i].present {
            taken.push(id.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests;
