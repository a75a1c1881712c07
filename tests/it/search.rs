//! Ranking on the bundled dataset and on CJK text, through the engine that both the TUI and
//! `councilor list --query` use.

use crate::common;

use councilor::document::Document;
use councilor::search::{self, Query};

fn bundled() -> Document {
    Document::from_text(common::bundled()).expect("bundled dataset loads")
}

/// The ids found for `query` over the whole file, best first.
fn found(doc: &Document, query: &str) -> Vec<String> {
    let data = doc.data();
    let all: Vec<usize> = (0..data.deliverables.len()).collect();
    search::run(data, &Query::parse(query), &all, "")
        .rows
        .into_iter()
        .map(|i| data.deliverables[i].id.to_string())
        .collect()
}

#[test]
fn submarine_cables_first_for_subm_cab() {
    let doc = bundled();
    let data = doc.data();
    let ids = found(&doc, "subm cab");
    // What a title says of cables: 0 submarine cables, 1 cables in other words (undersea
    // cables), 2 neither (found by the area, Submarine cables and connectivity).
    let tier = |id: &String| {
        let title = data.deliverables[data.deliverable_index(id).unwrap()]
            .title
            .to_lowercase();
        if title.contains("submarine cable") {
            0
        } else if title.contains("cable") {
            1
        } else {
            2
        }
    };
    let tiers: Vec<u8> = ids.iter().map(tier).collect();
    assert!(tiers.is_sorted(), "{ids:?} {tiers:?}");
    assert!(tiers.iter().filter(|&&t| t == 0).count() >= 3, "{ids:?}");
    assert!(ids[..3].contains(&"eu-jp-dpc-2/submarine-cables".to_string()));
    // A title that says cables in other words still comes before one found by its area alone.
    let undersea = ids
        .iter()
        .position(|id| id == "eu-us-ttc-5/secure-connectivity")
        .expect("undersea cables are found");
    let arctic = ids
        .iter()
        .position(|id| id == "eu-jp-dpc-2/arctic-connectivity")
        .expect("the area is found");
    assert!(undersea < arctic, "{ids:?}");
}

#[test]
fn ai_safety_finds_the_ai_office_and_safety_institute() {
    let ids = found(&bundled(), "ai safety");
    assert_eq!(ids[0], "eu-jp-dpc-2/ai-office-safety-institute", "{ids:?}");
}

#[test]
fn arctic_finds_direct_connectivity_first() {
    let ids = found(&bundled(), "arctic");
    assert_eq!(ids[0], "eu-jp-dpc-2/arctic-connectivity", "{ids:?}");
    // The two that say Arctic in the title, then those whose long text says it; not titles
    // that merely hold a, r, c, t, i, c in order.
    assert_eq!(ids[1], "eu-jp-dpc-3/submarine-cables-arctic");
    let data = bundled();
    for id in &ids {
        let d = &data.data().deliverables[data.data().deliverable_index(id).unwrap()];
        let all = format!(
            "{} {:?} {:?} {:?}",
            d.title,
            d.description(),
            d.notes(),
            d.evidence()
        );
        assert!(all.to_lowercase().contains("arctic"), "{id}");
    }
}

#[test]
fn six_g_standardisation() {
    let ids = found(&bundled(), "6g std");
    assert_eq!(ids[0], "eu-jp-dpc-2/6g-standardisation", "{ids:?}");
}

#[test]
fn scope_and_text_together() {
    let doc = bundled();
    let ids = found(&doc, "status:planned quantum");
    assert!(!ids.is_empty());
    for id in &ids {
        let d = &doc.data().deliverables[doc.data().deliverable_index(id).unwrap()];
        assert_eq!(d.status, "planned", "{id}");
        let short = format!("{} {} {:?}", d.title, d.id, d.areas).to_lowercase();
        let long = format!("{:?} {:?} {:?}", d.description(), d.notes(), d.evidence());
        assert!(
            short.contains("quantum") || long.to_lowercase().contains("quantum"),
            "{id}"
        );
    }
    // A match in a short field (title, id, area) ranks above one in the long text alone (a
    // quote that lists quantum among other areas).
    let short_match = |id: &String| {
        let d = &doc.data().deliverables[doc.data().deliverable_index(id).unwrap()];
        format!("{} {} {:?}", d.title, d.id, d.areas)
            .to_lowercase()
            .contains("quantum")
    };
    let first_long = ids.iter().position(|id| !short_match(id));
    if let Some(first_long) = first_long {
        assert!(
            ids[first_long..].iter().all(|id| !short_match(id)),
            "{ids:?}"
        );
    }
    assert!(
        ids.contains(&"eu-kr-dpc-2/network-connectivity".to_string()),
        "found by its quote: {ids:?}"
    );
    // Every planned quantum deliverable is there.
    let expected = doc
        .data()
        .deliverables
        .iter()
        .filter(|d| d.status == "planned" && d.areas.iter().any(|a| a == "quantum"))
        .count();
    assert!(ids.len() >= expected, "{ids:?}");
}

#[test]
fn short_queries_prefer_words_over_scattered_letters() {
    let doc = bundled();
    let ids = found(&doc, "ai");
    let data = doc.data();
    // The first results are about AI, by a whole word in the title.
    for id in ids.iter().take(10) {
        let d = &data.deliverables[data.deliverable_index(id).unwrap()];
        assert!(
            d.title
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == "AI"),
            "{id}: {}",
            d.title
        );
    }
    // Nothing matched only because an a and an i appear somewhere.
    let hpc = "eu-jp-dpc-2/hpc-joint-work".to_string();
    assert!(!ids.contains(&hpc), "{ids:?}");
}

#[test]
fn exclusions_and_prefix_scopes() {
    let doc = bundled();
    let data = doc.data();
    let ids = found(&doc, "council:eu-jp-dpc-2 -status:done");
    assert!(!ids.is_empty());
    for id in &ids {
        let d = &data.deliverables[data.deliverable_index(id).unwrap()];
        assert_eq!(d.council, "eu-jp-dpc-2");
        assert_ne!(d.status, "done");
    }
    // A prefix of a status, an area by a word of its name.
    let ids = found(&doc, "status:prog area:cable");
    assert!(!ids.is_empty());
    for id in &ids {
        let d = &data.deliverables[data.deliverable_index(id).unwrap()];
        assert_eq!(d.status, "in_progress");
        assert!(d.areas.iter().any(|a| a == "submarine-cables"), "{id}");
    }
    // Excluding a word.
    let ids = found(&doc, "semiconductor -research");
    assert!(!ids.is_empty());
    assert!(ids.iter().all(|id| !id.contains("research")), "{ids:?}");
}

#[test]
fn unknown_scope_is_said_not_fatal() {
    let doc = bundled();
    let data = doc.data();
    let all: Vec<usize> = (0..data.deliverables.len()).collect();
    let outcome = search::run(data, &Query::parse("colour:red arctic"), &all, "");
    assert!(outcome.problems.iter().any(|p| p.contains("colour:")));
    // "colour:red" is left out; the rest of the query still finds the Arctic ones.
    assert_eq!(
        outcome.rows,
        search::run(data, &Query::parse("arctic"), &all, "").rows
    );
    let outcome = search::run(data, &Query::parse("status:zzzz"), &all, "");
    assert!(
        outcome
            .problems
            .iter()
            .any(|p| p.contains("no status matches"))
    );
    assert!(outcome.rows.is_empty());
}

const CJK: &str = r#"{
  "version": 1,
  "statuses": ["planned", "done"],
  "councils": [{"id": "eu-kr", "name": "EU–Korea 디지털 파트너십 협의회"}],
  "areas": [{"id": "semi", "name": "半導体"}, {"id": "q", "name": "量子"}],
  "deliverables": [
    {"id": "a", "council": "eu-kr", "areas": ["q"], "title": "Quantum researchers meet", "status": "planned"},
    {"id": "b", "council": "eu-kr", "areas": ["semi"], "title": "반도체 연구자 포럼", "status": "planned"},
    {"id": "c", "council": "eu-kr", "areas": ["q"], "title": "日本の量子技術協力", "status": "done",
     "description": "量子コンピュータの共同研究"},
    {"id": "d", "council": "eu-kr", "areas": [], "title": "Data flows", "status": "planned",
     "notes": "次回は半導体の議題も"}
  ]
}"#;

#[test]
fn cjk_queries_match_cjk_text() {
    let doc = Document::from_text(CJK.to_string()).unwrap();
    assert_eq!(found(&doc, "반도체"), vec!["b"]);
    assert_eq!(found(&doc, "포럼")[0], "b");
    // An area name in Japanese finds its deliverables, and notes are searched too.
    let ids = found(&doc, "量子");
    assert_eq!(ids[0], "c", "{ids:?}");
    assert!(ids.contains(&"a".to_string()));
    let ids = found(&doc, "半導体");
    assert!(ids.contains(&"b".to_string()) && ids.contains(&"d".to_string()));
    assert_eq!(found(&doc, "コンピュータ"), vec!["c"]);
}

#[test]
fn highlights_count_characters_in_cjk_and_hangul() {
    let q = Query::parse("연구");
    assert_eq!(q.title_marks("반도체 연구자 포럼"), vec![4, 5]);
    let q = Query::parse("量子 共同");
    assert_eq!(
        q.text_marks("量子コンピュータの共同研究"),
        vec![0..2, 9..11]
    );
}
