//! The bundled outcomes: valid, sourced, and quoted word for word from the article.

use councilor::document::Document;
use councilor::figures::is_past;
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
            "eu-ca-dpc-1",
            "eu-us-ttc-3",
            "eu-us-ttc-4",
            "eu-us-ttc-5",
            "eu-us-ttc-6",
            "eu-in-ttc-2"
        ]
    );
    for c in &d.councils {
        let series = c
            .series
            .as_deref()
            .unwrap_or_else(|| panic!("{} has no series", c.id));
        let expected = if c.id.contains("-ttc-") {
            "Trade and Technology Council"
        } else {
            "Digital Partnership Council"
        };
        assert_eq!(series, expected, "{}", c.id);
    }
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
            .evidence()
            .unwrap_or_else(|| panic!("{} has no evidence", d.id));
        assert!(quote.len() > 40, "{}: {quote}", d.id);
        assert!(
            article.contains(&*quote),
            "{}: not word for word in the article: {quote}",
            d.id
        );
        assert!(
            d.notes()
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
    // The entries councilor writes without values: an addition, a note alone.
    let mut valueless = data.clone();
    valueless["deliverables"][0]["history"] = serde_json::json!([
        {"at": "2026-11-27T09:14:03Z", "field": "created"},
        {"at": "2026-11-27T09:15:00Z", "field": "note", "note": "kick-off on 3 May"}
    ]);
    assert!(validator.is_valid(&valueless), "entries without values");
    let mut unknown = data;
    unknown["deliverables"][0]["x-custom"] = serde_json::json!({"kept": true});
    assert!(validator.is_valid(&unknown), "unknown fields are allowed");
}

/// The bundled file as plain JSON, for the fields the program keeps but does not model
/// (`follows`, a council's `source`, the top-level `status_rule`).
fn raw() -> serde_json::Value {
    serde_json::from_str(BUNDLED).unwrap()
}

fn text<'a>(v: &'a serde_json::Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(|x| x.as_str())
}

/// Whether date `a` is on or after date `b`, compared at the coarser of their precisions
/// (`2024` is on or after `2024-04-30`).
fn on_or_after(a: &str, b: &str) -> bool {
    let n = a.len().min(b.len());
    a[..n] >= b[..n]
}

/// The first `YYYY`, `YYYY-MM` or `YYYY-MM-DD` in `s` that stands alone (not part of a
/// number or of a reference such as `IP/25/1185`).
fn first_date(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    let digits = |i: usize, n: usize| {
        b.get(i..i + n)
            .is_some_and(|w| w.iter().all(u8::is_ascii_digit))
    };
    let alone = |i: usize| {
        (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'/'))
            && !b.get(i + 4).is_some_and(u8::is_ascii_digit)
    };
    (0..b.len()).find(|&i| digits(i, 4) && alone(i)).map(|i| {
        let mut end = i + 4;
        for _ in 0..2 {
            if b.get(end) == Some(&b'-') && digits(end + 1, 2) {
                end += 3;
            } else {
                break;
            }
        }
        &s[i..end]
    })
}

/// A page read for the bundled file: the address it is cited by, the day it was read, and the
/// text read (tests/data/pages, one file a page).
struct Page {
    address: String,
    read: String,
    /// The copy the text was read on, when it is not the address itself (a mirror).
    read_on: Option<String>,
    /// What the page is, when it is not the publisher's own page (a news report, a copy).
    note: Option<String>,
    text: String,
}

fn pages() -> Vec<Page> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/pages");
    let mut out = vec![];
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("txt") {
            continue;
        }
        let whole = std::fs::read_to_string(&path).unwrap();
        let (head, text) = whole
            .split_once("\n---\n")
            .unwrap_or_else(|| panic!("{}: no header", path.display()));
        let field = |key: &str| {
            head.lines()
                .find_map(|l| l.strip_prefix(key))
                .map(|v| v.trim().to_string())
                .unwrap_or_else(|| panic!("{}: no {key}", path.display()))
        };
        let optional = |key: &str| {
            head.lines()
                .find_map(|l| l.strip_prefix(key))
                .map(|v| v.trim().to_string())
        };
        out.push(Page {
            address: field("address:"),
            read: field("read:"),
            read_on: optional("read on:"),
            note: optional("note:"),
            text: text.to_string(),
        });
    }
    out
}

/// The text read on the page at `address`: the 2024 article for its page, else its excerpt.
fn page_text(pages: &[Page], article: &str, address: &str) -> Option<String> {
    if address == ARTICLE_PAGE {
        return Some(article.to_string());
    }
    pages
        .iter()
        .find(|p| p.address == address)
        .map(|p| p.text.clone())
}

const ARTICLE_PAGE: &str = "https://digital-strategy.ec.europa.eu/en/news/eu-and-japan-advance-joint-work-digital-identity-semiconductors-artificial-intelligence";
/// Where the 2024 article's full text was read: the EU–Japan Centre's copy of it.
const ARTICLE_COPY: &str = "https://eu-japan.eu/news/eu-and-japan-advance-joint-work-digital-identity-semiconductors-artificial-intelligence";

#[test]
fn every_council_cites_a_page_that_reports_it() {
    let data = raw();
    for c in data["councils"].as_array().unwrap() {
        let id = text(c, "id").unwrap();
        let date = text(c, "date").unwrap();
        let src = &c["source"];
        for key in ["title", "publisher", "url"] {
            assert!(
                text(src, key).is_some_and(|s| !s.trim().is_empty()),
                "{id}: source has no {key}"
            );
        }
        let readout = src["readout"].as_bool() == Some(true);
        match text(src, "published") {
            // A page dated before the meeting cannot report it, readout or not.
            Some(published) => assert!(
                on_or_after(published, date),
                "{id}: source of {published} predates the council of {date}"
            ),
            None => assert!(readout, "{id}: an undated source that is not its readout"),
        }
    }
}

#[test]
fn every_page_read_says_where_and_when() {
    let pages = pages();
    assert!(pages.len() >= 10, "{} pages", pages.len());
    for p in &pages {
        assert!(p.address.starts_with("https://"), "{}", p.address);
        assert_eq!(first_date(&p.read), Some(p.read.as_str()), "{}", p.address);
        assert!(!p.text.trim().is_empty(), "{}", p.address);
    }
    let mut addresses: Vec<&str> = pages.iter().map(|p| p.address.as_str()).collect();
    addresses.sort_unstable();
    let n = addresses.len();
    addresses.dedup();
    assert_eq!(addresses.len(), n, "one file a page");
}

#[test]
fn evidence_is_verbatim_from_the_page_it_cites_never_a_paraphrase() {
    let data = raw();
    let article = article();
    let pages = pages();
    let mut quoted = 0;
    for d in data["deliverables"].as_array().unwrap() {
        let id = text(d, "id").unwrap();
        let Some(evidence) = text(d, "evidence") else {
            continue;
        };
        quoted += 1;
        assert!(
            !evidence.contains(['"', '“', '”']) && !evidence.starts_with("Per "),
            "{id}: evidence reads as a paraphrase: {evidence}"
        );
        assert!(
            !evidence.contains('…') && !evidence.contains("..."),
            "{id}: evidence joins pieces with an ellipsis: {evidence}"
        );
        let page = text(d, "source_url").unwrap_or_else(|| panic!("{id}: evidence without a page"));
        let verbatim = if text(d, "council") == Some("eu-jp-dpc-2") {
            article.contains(evidence)
        } else {
            let read = page_text(&pages, &article, page)
                .unwrap_or_else(|| panic!("{id}: no text read is kept for {page}"));
            read.contains(evidence)
        };
        assert!(verbatim, "{id}: not word for word in {page}: {evidence}");
    }
    assert!(quoted >= 40, "deliverables keep their quotes: {quoted}");
}

/// Whether `evidence`, found at `at` in `text`, is whole: it starts a sentence or a list item
/// (after a full stop, a colon, a line break or a bullet) and ends one (a full stop, or the end
/// of its line for an item without one).
fn whole_at(text: &str, at: usize, evidence: &str) -> bool {
    let before = &text[..at];
    let line = before.rsplit('\n').next().unwrap_or("");
    let starts = before.is_empty()
        || line.is_empty()
        || line
            .trim_start()
            .trim_end_matches(' ')
            .chars()
            .all(|c| "•-*".contains(c))
            && !line.trim().is_empty()
        || (before.ends_with(' ') && before.trim_end().ends_with(['.', '!', '?', ':']));
    let capital = evidence
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let after = &text[at + evidence.len()..];
    let ends = evidence.ends_with(['.', '!', '?']) || after.is_empty() || after.starts_with('\n');
    starts && capital && ends
}

#[test]
fn evidence_is_a_whole_sentence_or_list_item_never_a_piece_of_one() {
    let data = raw();
    let article = article();
    let pages = pages();
    for d in data["deliverables"].as_array().unwrap() {
        let id = text(d, "id").unwrap();
        let Some(evidence) = text(d, "evidence") else {
            continue;
        };
        let page = text(d, "source_url").unwrap();
        let read = page_text(&pages, &article, page).unwrap();
        assert!(
            read.match_indices(evidence)
                .any(|(at, _)| whole_at(&read, at, evidence)),
            "{id}: the evidence is not a whole sentence or item of {page}: {evidence}"
        );
    }
    // The check refuses a piece of a sentence and a sentence cut short.
    let sample = "Intro line\nThe EU and Japan signed it. They will continue. Both agreed on:\n  • 6G: adopted a vision\n";
    for (piece, whole) in [
        ("The EU and Japan signed it.", true),
        ("They will continue.", true),
        ("6G: adopted a vision", true),
        ("Japan signed it.", false),
        ("They will continue", false),
        ("adopted a vision", false),
    ] {
        let at = sample.find(piece).unwrap();
        assert_eq!(whole_at(sample, at, piece), whole, "{piece}");
    }
}

#[test]
fn a_page_read_on_a_copy_or_a_secondary_page_is_named_in_the_notes() {
    let data = raw();
    let pages = pages();
    let mut named = 0;
    for d in data["deliverables"].as_array().unwrap() {
        let id = text(d, "id").unwrap();
        let notes = text(d, "notes").unwrap_or("");
        let Some(page) = text(d, "source_url") else {
            continue;
        };
        // The copy its text was read on, when that is not the address cited.
        let copy = if page == ARTICLE_PAGE {
            Some(ARTICLE_COPY)
        } else {
            pages
                .iter()
                .find(|p| p.address == page)
                .and_then(|p| p.read_on.as_deref())
        };
        if let Some(copy) = copy {
            named += 1;
            assert!(
                notes.contains(copy),
                "{id}: read on {copy}, which the notes do not name"
            );
        }
        // A page that is itself a copy or a news report, not the publisher's readout.
        let secondary = pages.iter().find(|p| p.address == page).is_some_and(|p| {
            p.read_on.is_none()
                && p.note
                    .as_deref()
                    .is_some_and(|n| n.contains("secondary") || n.contains("copy"))
        });
        if secondary {
            named += 1;
            let host = page
                .trim_start_matches("https://")
                .trim_start_matches("www.")
                .trim_start_matches("wp.")
                .split('/')
                .next()
                .unwrap();
            assert!(
                notes.contains(host) || notes.contains(page),
                "{id}: the notes do not name the page it was read on, {page}"
            );
            assert!(
                notes.contains("secondary") || notes.contains("copy"),
                "{id}: the notes do not say that {host} is a copy or a secondary page"
            );
        }
    }
    assert!(named >= 30, "the check checked nothing: {named}");
}

#[test]
fn words_in_quotation_marks_are_words_of_a_source() {
    let data = raw();
    let article = article();
    let pages = pages();
    for d in data["deliverables"].as_array().unwrap() {
        let id = text(d, "id").unwrap();
        for key in ["title", "description", "notes", "evidence"] {
            let Some(s) = text(d, key) else { continue };
            assert!(
                s.split('"').count() % 2 == 1,
                "{id}.{key}: unbalanced quotation marks: {s}"
            );
            for quote in s.split('"').skip(1).step_by(2) {
                assert!(
                    article.contains(quote) || pages.iter().any(|p| p.text.contains(quote)),
                    "{id}.{key}: \"{quote}\" is not the words of a source"
                );
            }
        }
    }
}

#[test]
fn follows_points_at_a_deliverable_of_an_earlier_council() {
    let data = raw();
    let council_date = |id: &str| {
        data["councils"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| text(c, "id") == Some(id))
            .and_then(|c| text(c, "date"))
            .unwrap()
            .to_string()
    };
    let all = data["deliverables"].as_array().unwrap();
    let mut links = 0;
    for d in all {
        let id = text(d, "id").unwrap();
        let Some(earlier) = text(d, "follows") else {
            continue;
        };
        links += 1;
        let target = all
            .iter()
            .find(|x| text(x, "id") == Some(earlier))
            .unwrap_or_else(|| panic!("{id} follows {earlier}, which does not exist"));
        let (mine, theirs) = (
            council_date(text(d, "council").unwrap()),
            council_date(text(target, "council").unwrap()),
        );
        assert!(
            theirs < mine,
            "{id} ({mine}) follows {earlier} ({theirs}), which is not of an earlier council"
        );
        let council = |d: &serde_json::Value| {
            let cid = text(d, "council").unwrap();
            data["councils"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| text(c, "id") == Some(cid))
                .unwrap()
                .clone()
        };
        let (a, b) = (council(d), council(target));
        for key in ["series", "partner"] {
            assert!(
                text(&a, key).is_some() && text(&a, key) == text(&b, key),
                "{id} follows {earlier}, of another {key}"
            );
        }
    }
    assert!(links >= 10, "follow-ups are linked, not repeated: {links}");
}

#[test]
fn every_status_names_the_dated_source_that_reports_it() {
    let data = raw();
    let rule = text(&data, "status_rule").expect("the file says what a status means");
    assert!(rule.contains("latest state"), "{rule}");
    let checked = text(&data, "sources_checked").expect("the file says when sources were checked");
    assert_eq!(first_date(checked), Some(checked));
    let council_date = |id: &str| {
        data["councils"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| text(c, "id") == Some(id))
            .and_then(|c| text(c, "date"))
            .unwrap()
    };
    for d in data["deliverables"].as_array().unwrap() {
        let id = text(d, "id").unwrap();
        let notes = text(d, "notes").unwrap_or("");
        let report = notes
            .strip_prefix("Latest report: ")
            .unwrap_or_else(|| panic!("{id}: notes do not begin with the latest report: {notes}"));
        let date = first_date(report).unwrap_or_else(|| panic!("{id}: the report has no date"));
        let met = council_date(text(d, "council").unwrap());
        assert!(
            on_or_after(date, met),
            "{id}: report of {date} before the council of {met}"
        );
        assert!(
            on_or_after(checked, date),
            "{id}: report of {date} after {checked}"
        );
    }
}

#[test]
fn a_past_due_date_on_unfinished_work_is_explained() {
    let doc = Document::from_text(BUNDLED.to_string()).unwrap();
    let checked = raw()["sources_checked"]
        .as_str()
        .expect("the file says when sources were checked")
        .to_string();
    let mut late = 0;
    for d in &doc.data().deliverables {
        let Some(due) = d.due.as_deref() else {
            continue;
        };
        if ["done", "dropped"].contains(&d.status.as_str()) || !is_past(due, &checked) {
            continue;
        }
        late += 1;
        assert!(
            d.notes().as_deref().is_some_and(|n| n.contains("overdue")),
            "{}: {} and due {due}, with no word on why it is overdue",
            d.id,
            d.status
        );
    }
    assert!(
        late >= 1,
        "no deliverable was past due: the check checked nothing"
    );
}

#[test]
fn areas_do_not_overlap_and_themes_say_what_they_are() {
    let data = raw();
    let areas = data["areas"].as_array().unwrap();
    let ids: Vec<&str> = areas.iter().filter_map(|a| text(a, "id")).collect();
    for a in areas {
        for alias in a["aliases"].as_array().into_iter().flatten() {
            let alias = alias.as_str().unwrap();
            assert!(
                !ids.contains(&alias),
                "{alias} is both an alias and an area"
            );
        }
    }
    for theme in ["research", "standards", "skills", "smes"] {
        let a = areas.iter().find(|a| text(a, "id") == Some(theme)).unwrap();
        assert!(
            text(a, "description").is_some_and(|s| s.starts_with("Cross-cutting theme")),
            "{theme}"
        );
    }
    let research = data["deliverables"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            d["areas"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a == "research")
        })
        .count();
    assert!(
        research <= 16,
        "research is kept for joint research: {research}"
    );
}
