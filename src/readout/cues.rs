//! Commitments found in a sentence by their verbs: something signed, launched, adopted,
//! concluded or set up (done); continued or under way (active); or that will be done, is
//! decided, agreed, intended, planned, being prepared or explored (open). A sentence with
//! two coordinated commitments ("have launched X and intend to support Y") gives two.
//! Context (who chaired, what was reaffirmed or welcomed) gives none. Pure.

use std::ops::Range;

use super::words::{Word, words};

/// What a commitment's verb says of it; the suggested status is the file's first status of
/// the matching category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Done,
    Active,
    Open,
}

/// One commitment of a sentence: where its verb is, and its object (byte ranges in the
/// sentence).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commitment {
    pub kind: Kind,
    pub cue: Range<usize>,
    pub object: Range<usize>,
}

const DONE: [&str; 16] = [
    "signed",
    "launched",
    "adopted",
    "concluded",
    "established",
    "identified",
    "completed",
    "created",
    "finalised",
    "finalized",
    "inaugurated",
    "opened",
    "published",
    "issued",
    "set",
    "delivered",
];
const ACTIVE: [&str; 7] = [
    "continue",
    "continues",
    "continued",
    "continuing",
    "underway",
    "ongoing",
    "confirmed",
];
const OPEN: [&str; 32] = [
    "will",
    "shall",
    "decided",
    "agreed",
    "agree",
    "intend",
    "intends",
    "intention",
    "plan",
    "plans",
    "planned",
    "planning",
    "pledged",
    "committed",
    "commit",
    "preparing",
    "prepare",
    "prepared",
    "exploring",
    "explore",
    "aim",
    "aims",
    "seek",
    "encouraged",
    "invited",
    "consider",
    "considering",
    "envisage",
    "foresee",
    "announced",
    "tasked",
    "called",
];

/// Words between a cue and its object: helper verbs, adverbs, the verbs a commitment
/// chains ("decided to set up", "will continue supporting").
const CHAIN: [&str; 64] = [
    "to",
    "be",
    "been",
    "being",
    "have",
    "has",
    "also",
    "further",
    "jointly",
    "together",
    "closely",
    "actively",
    "swiftly",
    "continue",
    "continuing",
    "support",
    "supporting",
    "explore",
    "exploring",
    "establish",
    "establishing",
    "set",
    "up",
    "enhance",
    "enhancing",
    "strengthen",
    "strengthening",
    "develop",
    "deepen",
    "deepening",
    "promote",
    "promoting",
    "pursue",
    "pursuing",
    "consider",
    "considering",
    "prepare",
    "preparing",
    "launch",
    "launching",
    "create",
    "creating",
    "sign",
    "conclude",
    "adopt",
    "implement",
    "implementing",
    "advance",
    "advancing",
    "expand",
    "expanding",
    "step",
    "working",
    "cooperate",
    "collaborate",
    "intention",
    "their",
    "its",
    "on",
    "upon",
    "that",
    "undertake",
    "join",
    "forces",
];

/// Verbs of context: a sentence led by one of them reports, it commits to nothing.
const CONTEXT: [&str; 14] = [
    "reaffirmed",
    "reaffirm",
    "welcomed",
    "welcome",
    "took",
    "chaired",
    "co-chaired",
    "held",
    "stressed",
    "underlined",
    "recalled",
    "noted",
    "discussed",
    "exchanged",
];

const AUX: [&str; 12] = [
    "have", "has", "had", "was", "were", "been", "is", "are", "will", "shall", "be", "being",
];

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn is_cue(lower: &str) -> Option<Kind> {
    if DONE.contains(&lower) {
        Some(Kind::Done)
    } else if ACTIVE.contains(&lower) {
        Some(Kind::Active)
    } else if OPEN.contains(&lower) {
        Some(Kind::Open)
    } else {
        None
    }
}

/// Whether word `k` is a commitment's verb where it stands.
fn is_verb_here(w: &[Word], k: usize) -> bool {
    let lower = w[k].lower.as_str();
    let prev = k.checked_sub(1).map(|p| w[p].lower.as_str());
    let next = w.get(k + 1).map(|x| x.lower.as_str());
    let after = w.get(k + 2).map(|x| x.lower.as_str());
    // A noun ("the planned date", "a plan"), but "their intention to" is a cue.
    if matches!(
        prev,
        Some("the" | "a" | "an" | "its" | "our" | "his" | "her")
    ) || (matches!(prev, Some("their")) && lower != "intention")
    {
        return false;
    }
    // A relative clause describes the object of another verb ("a team that will develop").
    if matches!(prev, Some("that" | "which" | "who" | "whom")) {
        return false;
    }
    let aux_before = prev.is_some_and(|p| AUX.contains(&p))
        || (k >= 2 && AUX.contains(&w[k - 2].lower.as_str()) && prev == Some("also"));
    let past = lower.ends_with("ed") || lower == "set";
    if past && !aux_before {
        // "the AI Pact launched by the Commission", "signed on 3 July 2023".
        let dated = |x: Option<&str>| {
            x.is_some_and(|a| a.starts_with(|c: char| c.is_ascii_digit()) || MONTHS.contains(&a))
        };
        if next == Some("by")
            || (matches!(next, Some("on" | "in" | "at")) && dated(after))
            || matches!(next, Some("last" | "earlier" | "previously"))
        {
            return false;
        }
    }
    match lower {
        "set" => next == Some("up") && aux_before,
        "will" | "shall" => next.is_some_and(|n| n != "of" && n != "and"),
        "confirmed" => {
            matches!(next, Some("their" | "its")) && after == Some("commitment")
                || (next == Some("the") && after == Some("importance"))
        }
        "called" => next == Some("for"),
        "announced" => matches!(next, Some("their" | "its" | "the")) && after == Some("intention"),
        "tasked" => true,
        _ => true,
    }
}

/// The commitments of `sentence`, in order.
pub fn commitments(sentence: &str) -> Vec<Commitment> {
    let w = words(sentence);
    let mut found: Vec<(Kind, usize)> = Vec::new();
    for k in 0..w.len() {
        let Some(kind) = is_cue(&w[k].lower) else {
            continue;
        };
        if !is_verb_here(&w, k) {
            continue;
        }
        // "announced their intention": the cue is the announcement.
        if w[k].lower == "intention" && k >= 2 && w[k - 2].lower == "announced" {
            continue;
        }
        if let Some(&(_, last)) = found.last() {
            // A second commitment only where a verb is coordinated with the first one:
            // "... and have identified", "...; they will".
            if !coordinated(sentence, &w, last, k) {
                continue;
            }
        } else if led_by_context(&w, k) {
            return Vec::new();
        }
        found.push((kind, k));
    }
    let mut out = Vec::new();
    for (n, &(kind, k)) in found.iter().enumerate() {
        let end = match found.get(n + 1) {
            Some(&(_, next)) => clause_start(&w, next),
            None => sentence.len(),
        };
        let (object_start, continued) = object_start(&w, k, end);
        let kind = if kind == Kind::Open && continued {
            Kind::Active
        } else {
            kind
        };
        // In the passive ("A group will be established", "a call has been issued") the
        // subject is what was committed to.
        let object = match passive_subject(&w, k, &found[..n]) {
            Some(subject) => subject,
            None => object_start.min(end)..end,
        };
        // "agreed to increase X; advance Y; deepen Z": one commitment per part.
        for part in semicolon_parts(sentence, &w, object) {
            out.push(Commitment {
                kind,
                cue: w[k].range.clone(),
                object: part,
            });
        }
    }
    out
}

/// The subject of a passive commitment at word `k` (its byte range), when there is one.
fn passive_subject(w: &[Word], k: usize, before: &[(Kind, usize)]) -> Option<Range<usize>> {
    let be = |x: &Word| {
        matches!(
            x.lower.as_str(),
            "be" | "been" | "being" | "was" | "were" | "is" | "are"
        )
    };
    let participle = |x: &Word| x.lower.ends_with("ed") || x.lower == "set";
    let mut i = k + 1;
    let passive = if matches!(w[k].lower.as_str(), "will" | "shall") {
        while w.get(i).is_some_and(|x| x.lower == "also") {
            i += 1;
        }
        w.get(i).is_some_and(be) && w.get(i + 1).is_some_and(participle)
    } else {
        let mut p = k;
        while p > 0 && w[p - 1].lower == "also" {
            p -= 1;
        }
        participle(&w[k]) && p > 0 && be(&w[p - 1])
    };
    if !passive {
        return None;
    }
    // The subject: from the clause's start to its first helper verb.
    let first = before.last().map_or(0, |&(_, last)| last + 1);
    let mut end = k;
    while end > first && (AUX.contains(&w[end - 1].lower.as_str()) || w[end - 1].lower == "also") {
        end -= 1;
    }
    let mut start = first;
    while start < end && matches!(w[start].lower.as_str(), "a" | "an" | "the" | "and") {
        start += 1;
    }
    (start < end).then(|| w[start].range.start..w[end - 1].range.end)
}

/// The parts of an object separated by `;`; each part after the first loses its own verb
/// ("; advance the roadmap") and its article, like the first one.
fn semicolon_parts(sentence: &str, w: &[Word], object: Range<usize>) -> Vec<Range<usize>> {
    let text = &sentence[object.clone()];
    if !text.contains(';') {
        return vec![object];
    }
    let mut out = Vec::new();
    let mut start = object.start;
    for piece in text.split_inclusive(';') {
        let end = start + piece.len();
        let mut inside = w
            .iter()
            .filter(|x| x.range.start >= start && x.range.end <= end)
            .peekable();
        if out.is_empty() {
            out.push(start..end);
        } else {
            if inside.peek().is_some_and(|x| x.lower == "and") {
                inside.next();
            }
            // The part's verb, then articles and possessives.
            inside.next();
            let first =
                inside.find(|x| !matches!(x.lower.as_str(), "a" | "an" | "the" | "their" | "its"));
            if let Some(first) = first
                && !sentence[first.range.start..end].trim().is_empty()
            {
                out.push(first.range.start..end);
            }
        }
        start = end;
    }
    out
}

/// Whether a context verb comes before the cue in the same clause ("welcomed the planned
/// ..."), so the sentence reports rather than commits.
fn led_by_context(w: &[Word], k: usize) -> bool {
    w[..k].iter().any(|x| CONTEXT.contains(&x.lower.as_str()))
}

/// Where the clause of the cue at word `k` starts: at the `and` (with its helper verbs)
/// that joins it to the one before.
fn clause_start(w: &[Word], k: usize) -> usize {
    let mut s = k;
    while s > 0 && (AUX.contains(&w[s - 1].lower.as_str()) || w[s - 1].lower == "also") {
        s -= 1;
    }
    if s > 0 && w[s - 1].lower == "and" {
        s -= 1;
    }
    w[s].range.start
}

/// Whether the cue at word `k` starts a clause joined to the previous commitment's (at word
/// `last`): `and` or `;` just before it (helper verbs and `also` aside).
fn coordinated(sentence: &str, w: &[Word], last: usize, k: usize) -> bool {
    if k <= last + 1 {
        return false;
    }
    let mut s = k;
    while s > last + 1 && (AUX.contains(&w[s - 1].lower.as_str()) || w[s - 1].lower == "also") {
        s -= 1;
    }
    if w[s - 1].lower == "and" {
        // "X and Y will" joins subjects, not clauses: the word before `and` must not be the
        // subject of the verb (a clause needs words of its own before the `and`).
        return s - 1 > last + 1;
    }
    sentence[w[s - 1].range.end..w[s].range.start].contains(';')
}

/// Where the object of the cue at word `k` starts (a byte in the sentence), skipping
/// helper and chained verbs, articles and possessives; and whether a `continue` was among
/// them.
fn object_start(w: &[Word], k: usize, end: usize) -> (usize, bool) {
    let mut i = k + 1;
    let mut continued = w[k].lower.starts_with("continu");
    // "confirmed the importance of", "confirmed their commitment to".
    if w[k].lower == "confirmed" {
        i += 2;
        if w.get(i).is_some_and(|x| x.lower == "of" || x.lower == "to") {
            i += 1;
        }
    }
    // The verb after "will" or a chained "to" ("will also define a vision", "aim to
    // bolster") is not part of the object, whatever verb it is.
    let mut verb_next = matches!(w[k].lower.as_str(), "will" | "shall");
    while let Some(x) = w.get(i) {
        if x.range.start >= end {
            break;
        }
        let l = x.lower.as_str();
        let prev = w[i - 1].lower.as_str();
        let adverb = matches!(l, "also" | "further" | "jointly" | "together" | "closely");
        if verb_next && !adverb && !matches!(l, "a" | "an" | "the" | "their" | "its" | "to") {
            continued |= l.starts_with("continu");
            verb_next = false;
            i += 1;
            continue;
        }
        if !adverb {
            verb_next = l == "to";
        }
        // "work together by facilitating X": the means is the object.
        if l == "by" && w.get(i + 1).is_some_and(|n| n.lower.ends_with("ing")) {
            i += 2;
            continue;
        }
        let chained = match l {
            // "agreed on a plan", "working on it"; but "work on cables" is the object.
            "on" | "upon" => matches!(
                prev,
                "agreed" | "agree" | "work" | "working" | "cooperate" | "collaborate" | "decided"
            ),
            "for" => i == k + 1,
            _ => CHAIN.contains(&l),
        };
        if !chained {
            break;
        }
        continued |= l.starts_with("continu");
        i += 1;
    }
    // Articles before the object.
    while let Some(x) = w.get(i) {
        if x.range.start < end && matches!(x.lower.as_str(), "a" | "an" | "the" | "their" | "its") {
            i += 1;
        } else {
            break;
        }
    }
    let start = w.get(i).map_or(end, |x| x.range.start);
    (start, continued)
}

/// Words a title does not end with.
fn dangling(lower: &str) -> bool {
    super::words::JOINING.contains(&lower)
}

/// A short title for a commitment: its object, up to the first clause boundary or purpose
/// ("to foster ..."), at most fourteen words, starting with a capital.
pub fn title(sentence: &str, c: &Commitment) -> String {
    let object = sentence.get(c.object.clone()).unwrap_or("");
    let mut cut = object.len();
    for stop in [
        ",",
        ";",
        ":",
        " – ",
        " — ",
        " - ",
        " that ",
        " which ",
        " who ",
        " in order to ",
        " so as to ",
        " so that ",
        " crucial ",
        " with a view to ",
        " for example",
        " such as ",
    ] {
        if let Some(p) = object.find(stop) {
            cut = cut.min(p);
        }
    }
    let object = &object[..cut];
    let ws = words(object);
    // A purpose: " to " followed by a verb, once the object has a few words; after
    // "encouraged" or "invited" the first one is what they are asked to do.
    let asks = matches!(
        sentence
            .get(c.cue.clone())
            .map(str::to_lowercase)
            .as_deref(),
        Some("encouraged" | "invited" | "tasked" | "called")
    );
    let least = if asks { 4 } else { 2 };
    let mut end = object.len();
    for (n, x) in ws.iter().enumerate() {
        if x.lower == "to"
            && n >= least
            && ws
                .get(n + 1)
                .is_some_and(|y| !matches!(y.lower.as_str(), "the" | "a" | "an"))
        {
            end = x.range.start;
            break;
        }
    }
    // A list item is its own object: "a football tournament" is titled without its article.
    let kept: Vec<&Word> = ws
        .iter()
        .filter(|x| x.range.end <= end)
        .skip_while(|x| matches!(x.lower.as_str(), "a" | "an" | "the"))
        .take(14)
        .collect();
    let mut n = kept.len();
    while n > 0 && dangling(&kept[n - 1].lower) {
        n -= 1;
    }
    let text = match (kept.first(), n) {
        (Some(first), n) if n > 0 => {
            let last = kept[n - 1];
            // Keep a closing bracket right after the last word ("(HPC)").
            let close = object[last.range.end..]
                .chars()
                .next()
                .filter(|ch| *ch == ')')
                .map_or(0, char::len_utf8);
            object[first.range.start..last.range.end + close].to_string()
        }
        _ => {
            let all = words(sentence);
            let kept: Vec<&Word> = all.iter().take(10).collect();
            match (kept.first(), kept.last()) {
                (Some(f), Some(l)) => sentence[f.range.start..l.range.end].to_string(),
                _ => sentence.trim().to_string(),
            }
        }
    };
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    capitalised(&text)
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if c.is_lowercase() => c.to_uppercase().chain(chars).collect(),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(s: &str) -> Vec<(Kind, String)> {
        commitments(s)
            .iter()
            .map(|c| (c.kind, title(s, c)))
            .collect()
    }

    #[test]
    fn a_signature_is_done_and_titled_by_its_object() {
        assert_eq!(
            found(
                "The EU and Japan signed a Memorandum of Cooperation on digital identities and trust services."
            ),
            [(
                Kind::Done,
                "Memorandum of Cooperation on digital identities and trust services".to_string()
            )]
        );
    }

    #[test]
    fn decisions_and_intentions_are_open_continuations_active() {
        assert_eq!(
            found(
                "The EU and Japan decided to set up a team of experts that will develop a programme."
            ),
            [(Kind::Open, "Team of experts".to_string())]
        );
        assert_eq!(
            found(
                "They will continue supporting the G7 Hiroshima AI Process and Code of Conduct to shape a trustworthy AI global governance."
            ),
            [(
                Kind::Active,
                "G7 Hiroshima AI Process and Code of Conduct".to_string()
            )]
        );
        assert_eq!(
            found(
                "They are also preparing an administrative arrangement to foster an exchange of information."
            ),
            [(Kind::Open, "Administrative arrangement".to_string())]
        );
        assert_eq!(
            found(
                "In addition, the partners announced their intention to enhance cooperation between the EU AI Office and Japan's AI Safety Institute."
            ),
            [(
                Kind::Open,
                "Cooperation between the EU AI Office and Japan's AI Safety Institute".to_string()
            )]
        );
    }

    #[test]
    fn two_coordinated_commitments_give_two() {
        assert_eq!(
            found(
                "On 6G, the EU and Japan have launched collaborative research projects and intend to support global standardisation initiatives, crucial in developing 6G technologies."
            ),
            [
                (Kind::Done, "Collaborative research projects".to_string()),
                (Kind::Open, "Global standardisation initiatives".to_string())
            ]
        );
        assert_eq!(
            found("They also pledged funding for start-ups and agreed to hold a forum."),
            [
                (Kind::Open, "Funding for start-ups".to_string()),
                (Kind::Open, "Forum".to_string())
            ]
        );
    }

    #[test]
    fn parts_separated_by_semicolons_are_commitments_each() {
        assert_eq!(
            found(
                "Both sides agreed to increase cooperation on basic research; advance the AI roadmap; deepen their exchanges on standards, rules and talent; and continue to encourage AI use."
            ),
            [
                (Kind::Open, "Cooperation on basic research".to_string()),
                (Kind::Open, "AI roadmap".to_string()),
                (Kind::Open, "Exchanges on standards".to_string()),
                (Kind::Active, "AI use".to_string()),
            ]
        );
        assert_eq!(
            found("They plan to work together by sharing knowledge on credentials."),
            [(Kind::Open, "Knowledge on credentials".to_string())]
        );
    }

    #[test]
    fn a_passive_commitment_is_titled_by_its_subject() {
        assert_eq!(
            found("A Quantum expert group will also be established to work on standards."),
            [(Kind::Open, "Quantum expert group".to_string())]
        );
        assert_eq!(
            found("A call for proposals on 6G has also been issued."),
            [(Kind::Done, "Call for proposals on 6G".to_string())]
        );
        assert_eq!(
            found("Both partners will define a common vision for 6G, building on 5G."),
            [(Kind::Open, "Common vision for 6G".to_string())]
        );
    }

    #[test]
    fn context_and_participles_give_nothing() {
        for s in [
            "The Council was co-chaired by the Commissioner.",
            "The EU and Japan reaffirmed the importance of their strategic partnership.",
            "Both sides reaffirmed their shared vision for open and resilient networks.",
            "The partners welcomed the planned launch of the forum.",
            "The Memorandum signed on 3 July 2023 covers cables.",
            "The AI Pact launched by the Commission is voluntary.",
            "The plan is a good one.",
            "",
            "Will.",
        ] {
            assert_eq!(found(s), [], "{s}");
        }
    }

    #[test]
    fn a_participle_inside_an_object_does_not_split_it() {
        let s = "The EU also encouraged Japanese companies to participate to the AI Pact launched by the Commission to foster early compliance.";
        assert_eq!(
            found(s),
            [(
                Kind::Open,
                "Japanese companies to participate to the AI Pact launched by the Commission"
                    .to_string()
            )]
        );
    }
}
