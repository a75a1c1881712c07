//! Every kind of broken file gets a located message, exit code 1, no panic, and is left untouched.

use crate::common;
use common::{Sandbox, refused};

#[test]
fn not_an_object() {
    refused(b"[1, 2]", ":1:1: the top level must be a JSON object");
}

#[test]
fn wrong_version() {
    refused(
        b"{\"version\": 2}",
        ":1:13: version: this program reads version 1, found 2",
    );
    refused(
        b"{\"version\": \"1\"}",
        "version: this program reads version 1, found \"1\"",
    );
}

#[test]
fn missing_version() {
    refused(
        b"{\"title\": \"x\"}",
        ":1:1: version: required field is missing",
    );
}

const BASE: &str = r#"{
  "version": 1,
  "councils": [{"id": "c", "name": "Council"}],
  "areas": [{"id": "ai", "name": "AI"}],
  "deliverables": [
    DELIVERABLE
  ]
}
"#;

fn with(deliverable: &str) -> Vec<u8> {
    BASE.replace("DELIVERABLE", deliverable).into_bytes()
}

#[test]
fn missing_required_field() {
    refused(
        &with(r#"{"id": "d", "council": "c", "status": "planned"}"#),
        ":6:5: deliverables[0].title: required field is missing",
    );
}

#[test]
fn wrong_type() {
    refused(
        &with(r#"{"id": "d", "council": "c", "title": 5, "status": "planned"}"#),
        ":6:42: deliverables[0].title: expected a string, found a number",
    );
}

#[test]
fn empty_id() {
    refused(
        &with(r#"{"id": " ", "council": "c", "title": "T", "status": "planned"}"#),
        "deliverables[0].id: must not be empty",
    );
}

#[test]
fn duplicate_ids_in_each_list() {
    let twice = r#"{"id": "d", "council": "c", "title": "T", "status": "planned"}, {"id": "d", "council": "c", "title": "U", "status": "done"}"#;
    refused(
        &with(twice),
        "deliverables[1].id: duplicate id \"d\", already used by deliverables[0]",
    );
    let councils = BASE
        .replace(
            r#"[{"id": "c", "name": "Council"}]"#,
            r#"[{"id": "c", "name": "A"}, {"id": "c", "name": "B"}]"#,
        )
        .replace("DELIVERABLE", "");
    refused(
        councils.as_bytes(),
        "councils[1].id: duplicate id \"c\", already used by councils[0]",
    );
    let areas = BASE
        .replace(
            r#"[{"id": "ai", "name": "AI"}]"#,
            r#"[{"id": "ai", "name": "A"}, {"id": "ai", "name": "B"}]"#,
        )
        .replace("DELIVERABLE", "");
    refused(
        areas.as_bytes(),
        "areas[1].id: duplicate id \"ai\", already used by areas[0]",
    );
}

#[test]
fn unknown_council_and_area() {
    refused(
        &with(r#"{"id": "d", "council": "x", "title": "T", "status": "planned"}"#),
        "deliverables[0].council: no council with id \"x\"",
    );
    refused(
        &with(
            r#"{"id": "d", "council": "c", "areas": ["ai", "6g"], "title": "T", "status": "planned"}"#,
        ),
        "deliverables[0].areas[1]: no area with id \"6g\"",
    );
}

/// An area listed twice on one deliverable would count it twice in every figure per area.
#[test]
fn an_area_listed_twice_on_a_deliverable() {
    refused(
        &with(
            r#"{"id": "d", "council": "c", "areas": ["ai", "ai"], "title": "T", "status": "planned"}"#,
        ),
        "deliverables[0].areas[1]: area \"ai\" is listed twice, already at areas[0]",
    );
}

#[test]
fn status_not_in_the_vocabulary() {
    refused(
        &with(r#"{"id": "d", "council": "c", "title": "T", "status": "finished"}"#),
        "deliverables[0].status: \"finished\" is not a status of this file; use one of: planned, in_progress, done, blocked, dropped",
    );
}

#[test]
fn bad_statuses_list() {
    let b = |list: &str| {
        BASE.replace(
            "\"version\": 1,",
            &format!("\"version\": 1, \"statuses\": {list},"),
        )
        .replace("DELIVERABLE", "")
    };
    refused(
        b("[]").as_bytes(),
        "statuses: must list at least one status",
    );
    refused(
        b("[\"a\", \"a\"]").as_bytes(),
        "statuses[1]: status \"a\" is listed twice",
    );
    refused(
        b("[\"a\", \"\"]").as_bytes(),
        "statuses[1]: a status must not be empty",
    );
    refused(
        b("\"a\"").as_bytes(),
        "statuses: expected an array, found a string",
    );
}

#[test]
fn bad_dates() {
    refused(
        &with(
            r#"{"id": "d", "council": "c", "title": "T", "status": "planned", "due": "2024-02-30"}"#,
        ),
        "deliverables[0].due: \"2024-02-30\" is not a date",
    );
    let council = BASE
        .replace(
            r#""name": "Council""#,
            r#""name": "Council", "date": "30 April""#,
        )
        .replace("DELIVERABLE", "");
    refused(
        council.as_bytes(),
        "councils[0].date: \"30 April\" is not a date",
    );
}

#[test]
fn empty_and_blank_files() {
    refused(b"", "the file is empty (0 bytes)");
    refused(b" \n\t\n", "the file holds only white space");
}

#[test]
fn invalid_utf8() {
    refused(
        b"{\"version\": 1,\n \"title\": \"caf\xe9\"}",
        ":2:15: the file is not valid UTF-8 (byte 0xE9",
    );
}

#[test]
fn syntax_errors_have_line_and_column() {
    refused(
        b"{\"version\": 1,\n  \"title\": \"x\",\n}",
        ":3:1: invalid JSON: key must be a string",
    );
    refused(
        b"{\"version\": 1, \"x\": NaN}",
        ":1:21: invalid JSON: expected value",
    );
    refused(
        b"{\"version\": 1, \"deliverables\": [{\"id\": \"a\"",
        ":1:42: invalid JSON: EOF while parsing",
    );
    refused(
        b"{\"version\": 1} // note",
        "invalid JSON: trailing characters",
    );
    refused(b"[1, 2,]", ":1:7: invalid JSON: expected value");
}

#[test]
fn nesting_deeper_than_allowed() {
    let deep = format!(
        "{{\"version\": 1, \"x\": {}{}}}",
        "[".repeat(200),
        "]".repeat(200)
    );
    refused(deep.as_bytes(), ":1:148: nesting is deeper than 128 levels");
    // An unclosed flood of brackets is a syntax error, found without recursion.
    refused(
        "[".repeat(100_000).as_bytes(),
        "invalid JSON: EOF while parsing a list",
    );
}

#[test]
fn duplicate_keys_are_refused_not_silently_resolved() {
    refused(
        b"{\"version\": 1, \"version\": 1}",
        "version: this key appears more than once",
    );
    refused(
        &with(
            r#"{"id": "d", "council": "c", "title": "T", "status": "planned", "status": "done"}"#,
        ),
        "deliverables[0].status: this key appears more than once",
    );
}

#[test]
fn lone_surrogate_escape() {
    refused(
        b"{\"version\": 1, \"title\": \"\\ud83c\"}",
        "title: invalid string",
    );
}

#[test]
fn every_problem_is_reported_in_one_pass() {
    let many = with(
        r#"{"id": "d", "council": "x", "areas": ["zz"], "title": "", "status": "nope", "due": "soon"}"#,
    );
    let sb = Sandbox::new();
    let path = sb.file("data.json", &many);
    let run = sb.run(&["validate", path.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 5, "{}", run.stderr);
    for (line, want) in lines
        .iter()
        .zip(["council", "areas[0]", "title", "status", "due"])
    {
        assert!(line.contains(&format!("deliverables[0].{want}:")), "{line}");
        assert!(
            line.starts_with(&format!("{}:6:", path.display())),
            "{line}"
        );
    }
}

#[test]
fn a_folder_or_a_missing_file_is_refused_clearly() {
    let sb = Sandbox::new();
    let dir = sb.dir.path().to_str().unwrap().to_string();
    let run = sb.run(&["validate", &dir]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("not a regular file"), "{}", run.stderr);
    let missing = format!("{dir}/nope.json");
    let run = sb.run(&["validate", &missing]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("cannot read"), "{}", run.stderr);
}

#[test]
fn a_byte_order_mark_is_accepted_and_kept() {
    let sb = Sandbox::new();
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend(with(
        r#"{"id": "d", "council": "c", "title": "T", "status": "planned"}"#,
    ));
    let path = sb.file("bom.json", &bytes);
    let p = path.to_str().unwrap();
    assert_eq!(
        sb.run(&["validate", p]).stdout.lines().next(),
        Some("1 council, 1 area, 1 deliverable")
    );
    let run = sb.run(&["set", p, "d", "--status", "done"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = std::fs::read(&path).unwrap();
    assert!(after.starts_with(b"\xef\xbb\xbf{\n"));
    assert!(
        String::from_utf8(after)
            .unwrap()
            .contains("\"status\": \"done\"")
    );
}
