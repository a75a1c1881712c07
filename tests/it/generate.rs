//! The dataset generator: deterministic, valid at every size, unique ids, some CJK text,
//! and the `generate` command's output and overwrite rules.

use crate::common;
use common::Sandbox;

use std::collections::HashSet;

use councilor::document::Document;
use councilor::generate::dataset;
use serde_json::Value;

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}'   // hiragana, katakana
        | '\u{4e00}'..='\u{9fff}' // CJK ideographs
        | '\u{ac00}'..='\u{d7af}' // Hangul syllables
    )
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_other_bytes() {
    for n in [0, 1, 100] {
        assert_eq!(dataset(n, 7), dataset(n, 7), "n = {n}");
    }
    assert_ne!(dataset(100, 7), dataset(100, 8));
    assert_ne!(dataset(1, 1), dataset(1, 2));
}

#[test]
fn every_size_loads_as_a_valid_dataset() {
    for n in [0, 1, 100, 5000] {
        let text = dataset(n, 42);
        let doc = Document::from_text(text).unwrap_or_else(|e| {
            panic!("n = {n}: {:?}", e.lines("generated.json"));
        });
        let data = doc.data();
        assert_eq!(data.deliverables.len(), n);
        assert_eq!(data.councils.len(), (n / 250).max(3), "n = {n}");
        assert!((20..=40).contains(&data.areas.len()));
        assert_eq!(
            data.status_names().collect::<Vec<_>>(),
            ["planned", "in_progress", "done", "blocked", "dropped"]
        );
    }
}

#[test]
fn the_json_schema_accepts_a_generated_dataset() {
    let schema_text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/dataset.schema.json"
    ))
    .unwrap();
    let schema: Value = serde_json::from_str(&schema_text).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let data: Value = serde_json::from_str(&dataset(300, 3)).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&data)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn ids_are_unique_in_each_list() {
    let v: Value = serde_json::from_str(&dataset(5000, 9)).unwrap();
    for list in ["councils", "areas", "deliverables"] {
        let items = v[list].as_array().unwrap();
        let ids: HashSet<&str> = items.iter().map(|x| x["id"].as_str().unwrap()).collect();
        assert_eq!(ids.len(), items.len(), "{list}");
    }
    // The queries of the peer benchmark find something.
    let titles: Vec<&str> = v["deliverables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["title"].as_str().unwrap())
        .collect();
    for q in ["submarine cable", "AI safety", "quantum"] {
        assert!(titles.iter().any(|t| t.contains(q)), "no title with {q}");
    }
}

#[test]
fn the_text_is_pretty_printed_with_two_spaces_and_one_final_newline() {
    let text = dataset(20, 5);
    assert!(text.starts_with("{\n  \"version\": 1,\n  \"title\": "));
    assert!(text.ends_with("}\n") && !text.ends_with("\n\n"));
    assert!(text.contains("\n  \"deliverables\": [\n    {\n      \"id\": "));
    assert!(!text.contains('\t'));
    // Each line is indented by two spaces per level of nesting, like the bundled outcomes.
    let mut depth = 0usize;
    for line in text.lines() {
        let body = line.trim_start();
        if body.starts_with(['}', ']']) {
            depth -= 1;
        }
        assert_eq!(line.len() - body.len(), 2 * depth, "{line:?}");
        if body.ends_with(['{', '[']) {
            depth += 1;
        }
    }
    assert_eq!(depth, 0);
}

#[test]
fn the_data_is_varied_and_realistic() {
    let text = dataset(1000, 11);
    let doc = Document::from_text(text).unwrap();
    let data = doc.data();
    let ds = &data.deliverables;
    let titles: HashSet<&str> = ds.iter().map(|d| d.title.as_str()).collect();
    assert!(titles.len() > 600, "only {} distinct titles", titles.len());
    let cjk = ds
        .iter()
        .filter(|d| {
            d.title.chars().any(is_cjk) || d.notes().as_deref().unwrap_or("").chars().any(is_cjk)
        })
        .count();
    assert!((20..=100).contains(&cjk), "{cjk} of 1000 with CJK text");
    assert!(ds.iter().any(|d| d.title.chars().any(is_cjk)));
    let with_history = ds.iter().filter(|d| !d.history().is_empty()).count();
    assert!((300..=800).contains(&with_history), "{with_history}");
    // A status with history is the last change's `to`.
    for d in ds.iter().filter(|d| !d.history().is_empty()) {
        assert_eq!(
            d.history().last().cloned().unwrap().to.as_deref(),
            Some(d.status.as_str())
        );
    }
    for s in data.status_names() {
        assert!(ds.iter().any(|d| d.status == s), "no deliverable is {s}");
    }
    let sentences = |t: &str| t.matches(". ").count() + 1;
    let lengths: Vec<usize> = ds
        .iter()
        .filter_map(|d| d.description())
        .map(|t| sentences(&t))
        .collect();
    assert!(lengths.iter().all(|&n| (1..=4).contains(&n)));
    assert!(lengths.iter().any(|&n| n >= 3));
}

#[test]
fn generate_writes_stdout_or_a_file_that_validate_accepts() {
    let sb = Sandbox::new();
    let out = sb.run(&["generate", "--deliverables", "100", "--seed", "4"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, dataset(100, 4));

    let path = sb.dir.path().join("g.json");
    let p = path.to_str().unwrap();
    for n in ["1", "100", "5000"] {
        let run = sb.run(&[
            "generate",
            "--deliverables",
            n,
            "--seed",
            "4",
            "--output",
            p,
            "--force",
        ]);
        assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
        let councils = (n.parse::<usize>().unwrap() / 250).max(3);
        let run = sb.run(&["validate", p]);
        assert_eq!(
            (run.code, run.stdout.lines().next()),
            (
                0,
                Some(
                    format!(
                        "{councils} councils, 32 areas, {}",
                        match n {
                            "1" => "1 deliverable".to_string(),
                            n => format!("{n} deliverables"),
                        }
                    )
                    .as_str()
                )
            ),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn generate_keeps_an_existing_file_unless_forced() {
    let sb = Sandbox::new();
    let path = sb.file("mine.json", "precious\n");
    let p = path.to_str().unwrap();
    let run = sb.run(&["generate", "--deliverables", "3", "--output", p]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "precious\n");

    let run = sb.run(&["generate", "--deliverables", "3", "--output", p, "--force"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), dataset(3, 1));
    // Nothing but the file itself is left in the folder.
    // The save lock's file stays on Windows (see store::lock).
    let names: Vec<_> = std::fs::read_dir(sb.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| cfg!(unix) || !n.to_string_lossy().ends_with(".councilor.lock"))
        .collect();
    assert_eq!(names, ["mine.json"]);
    #[cfg(unix)]
    {
        // A new file gets the usual permissions (umask applied), not a temporary file's 0600.
        use std::os::unix::fs::PermissionsExt;
        let fresh = sb.dir.path().join("fresh.json");
        let run = sb.run(&[
            "generate",
            "--deliverables",
            "1",
            "--output",
            fresh.to_str().unwrap(),
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let mode = std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777;
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        if let Some(umask) = status
            .lines()
            .find_map(|l| l.strip_prefix("Umask:"))
            .and_then(|u| u32::from_str_radix(u.trim(), 8).ok())
        {
            assert_eq!(mode, 0o666 & !umask, "{mode:o}, umask {umask:o}");
        }
    }

    let run = sb.run(&["generate", "--deliverables", "3", "--force"]);
    assert_eq!(run.code, 2, "--force without --output is a usage error");
    let missing = sb.dir.path().join("no/such/folder/x.json");
    let run = sb.run(&[
        "generate",
        "--deliverables",
        "3",
        "--output",
        missing.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
}
