//! The proposals of whole texts: the bundled article measured against the deliverables the
//! bundled file records from it, evidence taken verbatim, areas and statuses suggested.

use super::*;
use crate::document::Document;

const ARTICLE: &str = include_str!("../../tests/data/eu-japan-dpc-2024.txt");
const BUNDLED: &str = include_str!("../../assets/outcomes.json");

fn bundled() -> Document {
    Document::from_bytes(BUNDLED.as_bytes().to_vec()).expect("the bundled file loads")
}

fn small(statuses: &[&str]) -> Document {
    let first = statuses[0];
    let statuses = serde_json::to_string(statuses).expect("names");
    let text = format!(
        r#"{{"version": 1, "statuses": {statuses}, "councils": [{{"id": "c1", "name": "First council"}}],
"areas": [{{"id": "ai", "name": "Artificial intelligence"}},
 {{"id": "chips", "name": "Semiconductors", "description": "Chip research and supply-chain resilience"}},
 {{"id": "submarine-cables", "name": "Submarine cables"}}],
"deliverables": [{{"id": "c1/forum", "council": "c1", "title": "Forum of semiconductor researchers", "status": "{first}"}}]}}"#
    );
    Document::from_bytes(text.into_bytes()).expect("the test file loads")
}

/// How many of `expected` evidences are proposed (each proposal counted once), and how many
/// proposals are one of them.
fn measure(proposals: &[Proposal], expected: &[&str]) -> (usize, usize) {
    let mut used = vec![false; proposals.len()];
    let mut found = 0;
    for e in expected {
        if let Some(i) = (0..proposals.len()).find(|&i| !used[i] && proposals[i].evidence == *e) {
            used[i] = true;
            found += 1;
        }
    }
    (found, used.iter().filter(|u| **u).count())
}

#[test]
fn the_article_gives_its_fifteen_deliverables_and_little_else() {
    let doc = bundled();
    let data = doc.data();
    let expected: Vec<String> = data
        .deliverables
        .iter()
        .filter(|d| d.council == "eu-jp-dpc-2")
        .filter_map(|d| d.evidence().map(|e| e.into_owned()))
        .collect();
    assert_eq!(expected.len(), 15);
    let proposals = propose(ARTICLE, data, "eu-jp-dpc-2", None);
    let (recall, real) = measure(
        &proposals,
        &expected.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    // Measured: all 15 found, 15 proposals, all of them real.
    assert_eq!((recall, real, proposals.len()), (15, 15, 15));
    // Already in the bundled file, each one is marked so.
    assert!(proposals.iter().all(|p| p.present.is_some()));
    let titles: Vec<&str> = proposals.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(
        titles[0],
        "Memorandum of Cooperation on digital identities and trust services"
    );
    assert!(
        titles.contains(&"Regular information-sharing channel on online platforms regulations")
    );
    // Statuses by what the verb says: signed is done, continues are under way, the rest open.
    let status = |t: &str| {
        proposals
            .iter()
            .find(|p| p.title == t)
            .map(|p| p.status.as_str())
    };
    assert_eq!(status(titles[0]), Some("done"));
    assert_eq!(
        status("G7 Hiroshima AI Process and Code of Conduct"),
        Some("in_progress")
    );
    assert_eq!(
        status("Topics for joint projects in basic research in quantum"),
        Some("planned")
    );
    assert_eq!(proposals[0].areas, ["eid"]);
}

#[test]
fn every_evidence_is_the_input_s_own_bytes() {
    let doc = bundled();
    let texts = [
        ARTICLE.to_string(),
        ARTICLE.replace('\n', "\r\n"),
        "Semiconductors:\n- They decided to set up a forum.\n- The EU signed, e.g. two MoUs. Mr. X will chair it.\n\n日欧は覚書に署名した。They will  continue\nwork on AI.".to_string(),
        "  They agreed to:\n  1. launch a call;\n  2. explore data spaces.\n".to_string(),
    ];
    for text in &texts {
        let proposals = propose(
            text,
            doc.data(),
            "eu-jp-dpc-2",
            Some("https://example.org/r"),
        );
        assert!(!proposals.is_empty());
        for p in &proposals {
            assert_eq!(&text[p.sentence.clone()], p.evidence);
            assert!(text.contains(&p.evidence));
            assert!(p.paragraph.start <= p.sentence.start && p.sentence.end <= p.paragraph.end);
            assert_eq!(p.source_url.as_deref(), Some("https://example.org/r"));
            assert!(!p.title.is_empty());
        }
    }
}

#[test]
fn statuses_come_from_the_file_by_their_category() {
    let doc = small(&["agreed", "drafting", "delivered", "stalled"]);
    let text = "The partners signed a Memorandum on chips. They will continue work on submarine cables. They decided to launch an AI forum.";
    let got: Vec<(String, String, Vec<String>)> = propose(text, doc.data(), "c1", None)
        .into_iter()
        .map(|p| (p.status, p.title, p.areas))
        .collect();
    assert_eq!(
        got,
        [
            (
                "delivered".to_string(),
                "Memorandum on chips".to_string(),
                vec!["chips".to_string()]
            ),
            (
                "drafting".to_string(),
                "Work on submarine cables".to_string(),
                vec!["submarine-cables".to_string()]
            ),
            (
                "agreed".to_string(),
                "AI forum".to_string(),
                vec!["ai".to_string()]
            ),
        ]
    );
}

#[test]
fn headings_name_the_areas_and_lists_take_their_lead_s_verb() {
    let doc = small(&["planned", "in_progress", "done"]);
    let text = "Semiconductors:\nThe partners agreed to:\n- a joint call for researchers;\n- an exchange of supply-chain information.\n";
    let got = propose(text, doc.data(), "c1", None);
    let summary: Vec<(&str, &str, Vec<String>)> = got
        .iter()
        .map(|p| (p.status.as_str(), p.evidence.as_str(), p.areas.clone()))
        .collect();
    assert_eq!(
        summary,
        [
            (
                "planned",
                "a joint call for researchers;",
                vec!["chips".to_string()]
            ),
            (
                "planned",
                "an exchange of supply-chain information.",
                vec!["chips".to_string()]
            ),
        ]
    );
    assert_eq!(got[0].title, "Joint call for researchers");
    assert_eq!(got[0].heading.as_deref(), Some("Semiconductors:"));
}

#[test]
fn a_deliverable_already_in_the_file_is_marked() {
    let doc = small(&["planned", "done"]);
    let text = "They decided to set up a forum of semiconductor researchers. They will open a lab.";
    let got = propose(text, doc.data(), "c1", None);
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].present.as_deref(), Some("c1/forum"));
    assert_eq!(got[1].present, None);
    // Another council's proposals with that title are new.
    assert!(
        propose(text, doc.data(), "c2", None)
            .iter()
            .all(|p| p.present.is_none())
    );
}

#[test]
fn context_and_elaboration_give_no_proposal() {
    let doc = bundled();
    let text = "The EU and Japan reaffirmed the importance of their partnership. They agreed on a list of new deliverables. Both partners agreed to work on semiconductors, quantum technology, 5G and beyond, artificial intelligence (AI) and cybersecurity. The next Digital Partnership Council is planned for 2025. The EU and Japan signed a Memorandum on data. This Memorandum will build trust. The Memorandum will facilitate flows.";
    let got = propose(text, doc.data(), "eu-jp-dpc-2", None);
    let titles: Vec<&str> = got.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(titles, ["Memorandum on data"]);
    // "This means that ..." is a new clause with a subject of its own.
    let text = "The partners signed a memorandum on AI. This means that both sides have agreed to set up an AI office.";
    let titles: Vec<String> = propose(text, doc.data(), "eu-jp-dpc-2", None)
        .into_iter()
        .map(|p| p.title)
        .collect();
    assert_eq!(titles, ["Memorandum on AI", "AI office"]);
}

mod any_text {
    use super::*;
    use proptest::prelude::*;

    /// Pieces that press releases are made of, and that the cutting has rules for.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("The EU and Japan signed a Memorandum. ".to_string()),
            Just("They will continue work on AI; and agreed to explore data. ".to_string()),
            Just("Semiconductors:\n".to_string()),
            Just("- a forum;\n".to_string()),
            Just("2. Mr. X, e.g. ".to_string()),
            Just("signed two memoranda. The other memorandum covers it. ".to_string()),
            Just("日欧は署名した。".to_string()),
            Just("\r\n".to_string()),
            Just("“".to_string()),
            any::<String>(),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn any_text_gives_evidence_that_is_its_own_bytes(parts in prop::collection::vec(piece(), 0..12)) {
            let text: String = parts.concat();
            let doc = bundled();
            for p in propose(&text, doc.data(), "eu-jp-dpc-2", None) {
                prop_assert_eq!(text.get(p.sentence.clone()), Some(p.evidence.as_str()));
                prop_assert!(text.get(p.paragraph.clone()).is_some());
                prop_assert!(!p.title.is_empty());
            }
        }
    }
}
