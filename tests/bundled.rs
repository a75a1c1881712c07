//! The bundled outcomes: valid, sourced, and quoted word for word from the article.

use councilor::document::Document;
use councilor::store::BUNDLED;

fn article() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/eu-japan-dpc-2024.txt"
    );
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn the_bundled_dataset_is_valid_and_complete() {
    let doc = Document::from_text(BUNDLED.to_string()).unwrap();
    let d = doc.data();
    let ids: Vec<&str> = d.councils.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "eu-jp-dpc-1",
            "eu-jp-dpc-2",
            "eu-jp-dpc-3",
            "eu-kr-dpc-1",
            "eu-kr-dpc-2",
            "eu-sg-dpc-1",
            "eu-sg-dpc-2",
            "eu-ca-dpc-1"
        ]
    );
    for c in &d.councils {
        assert!(
            c.date.is_some() && c.location.is_some() && !c.chairs.is_empty(),
            "{}",
            c.id
        );
        assert!(
            c.source_url
                .as_deref()
                .is_some_and(|u| u.starts_with("https://")),
            "{} has no source address",
            c.id
        );
    }
    assert!(BUNDLED.ends_with("}\n") && !BUNDLED.ends_with("\n\n"));
}

#[test]
fn every_deliverable_of_the_second_eu_japan_council_quotes_the_article_exactly() {
    let doc = Document::from_text(BUNDLED.to_string()).unwrap();
    let article = article();
    let jp2: Vec<_> = doc
        .data()
        .deliverables
        .iter()
        .filter(|d| d.council == "eu-jp-dpc-2")
        .collect();
    assert_eq!(jp2.len(), 15);
    for d in jp2 {
        let quote = d
            .evidence
            .as_deref()
            .unwrap_or_else(|| panic!("{} has no evidence", d.id));
        assert!(quote.len() > 40, "{}: {quote}", d.id);
        assert!(
            article.contains(quote),
            "{}: not word for word in the article: {quote}",
            d.id
        );
        assert!(
            d.notes
                .as_deref()
                .is_some_and(|n| n.to_lowercase().contains("judgement")),
            "{}: status judgement not explained",
            d.id
        );
    }
}

#[test]
fn status_counts_of_the_second_council_follow_the_article() {
    let doc = Document::from_text(BUNDLED.to_string()).unwrap();
    let d = doc.data();
    let counts = d.status_counts(d.deliverables.iter().filter(|x| x.council == "eu-jp-dpc-2"));
    assert_eq!(
        counts,
        [6, 7, 2, 0, 0],
        "planned, in_progress, done, blocked, dropped"
    );
}

#[test]
fn the_json_schema_accepts_the_bundled_dataset_and_refuses_broken_ones() {
    let schema_text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/dataset.schema.json"
    ))
    .unwrap();
    let schema: serde_json::Value = serde_json::from_str(&schema_text).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let data: serde_json::Value = serde_json::from_str(BUNDLED).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&data)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let mut v2 = data.clone();
    v2["version"] = 2.into();
    assert!(!validator.is_valid(&v2));
    let mut no_title = data.clone();
    no_title["deliverables"][0]
        .as_object_mut()
        .unwrap()
        .remove("title");
    assert!(!validator.is_valid(&no_title));
    let mut bad_due = data.clone();
    bad_due["deliverables"][0]["due"] = "2024-4".into();
    assert!(!validator.is_valid(&bad_due));
    let mut unknown = data;
    unknown["deliverables"][0]["x-custom"] = serde_json::json!({"kept": true});
    assert!(validator.is_valid(&unknown), "unknown fields are allowed");
}
