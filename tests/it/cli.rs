//! The headless command line: its output contract, exit codes and the default file.

use crate::common;
use common::{Sandbox, bundled};

fn sample(sb: &Sandbox) -> String {
    sb.file("o.json", bundled()).to_str().unwrap().to_string()
}

#[test]
fn validate_prints_the_counts_then_what_each_status_means() {
    let sb = Sandbox::new();
    let run = sb.run(&["validate", &sample(&sb)]);
    let how = "(inferred from the name; state it with {\"name\": …, \"category\": …})";
    assert_eq!(
        (run.code, run.stdout),
        (
            0,
            format!(
                "13 councils, 15 areas, 69 deliverables\nplanned: open {how}\nin_progress: active {how}\ndone: done {how}\nblocked: blocked {how}\ndropped: dropped {how}\n"
            )
        )
    );
}

#[test]
fn list_prints_tab_separated_rows_in_file_order() {
    let sb = Sandbox::new();
    let run = sb.run(&["list", &sample(&sb), "--council", "eu-jp-dpc-2"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows: Vec<Vec<&str>> = run
        .stdout
        .lines()
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(rows.len(), 15);
    assert!(rows.iter().all(|r| r.len() == 4 && r[1] == "eu-jp-dpc-2"));
    assert_eq!(rows[0][0], "eu-jp-dpc-2/eid-moc");
    assert_eq!(rows[0][2], "done");
    assert_eq!(rows[14][0], "eu-jp-dpc-2/platforms-information-sharing");
}

#[test]
fn list_filters_compose() {
    let sb = Sandbox::new();
    let f = sample(&sb);
    let run = sb.run(&["list", &f, "--area", "6g", "--status", "planned"]);
    let ids: Vec<&str> = run
        .stdout
        .lines()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert!(ids.contains(&"eu-jp-dpc-2/6g-standardisation"), "{ids:?}");
    assert!(
        !ids.contains(&"eu-jp-dpc-2/6g-research"),
        "in progress, not planned"
    );
}

#[test]
fn list_query_puts_the_best_match_first() {
    let sb = Sandbox::new();
    let run = sb.run(&["list", &sample(&sb), "--query", "subm cab"]);
    let first = run.stdout.lines().next().unwrap();
    assert!(
        first.starts_with("eu-jp-dpc-2/submarine-cables\t"),
        "{first}"
    );
    let run = sb.run(&["list", &sample(&sb), "--query", "arctic"]);
    assert!(
        run.stdout.lines().next().unwrap().contains("Arctic"),
        "{}",
        run.stdout
    );
}

#[test]
fn list_json_is_the_deliverables_as_stored() {
    let sb = Sandbox::new();
    let run = sb.run(&[
        "list",
        &sample(&sb),
        "--format",
        "json",
        "--council",
        "eu-jp-dpc-2",
    ]);
    assert_eq!(run.code, 0);
    let items: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(items.len(), 15);
    let all: serde_json::Value = serde_json::from_str(&bundled()).unwrap();
    assert_eq!(items[0], all["deliverables"][0]);
    // Byte for byte: each object's text is the file's text.
    let first_obj = &run.stdout[run.stdout.find('{').unwrap()..];
    let first_obj = &first_obj[..first_obj.find("\n    }").unwrap() + 6];
    assert!(bundled().contains(first_obj));
    let none = sb.run(&[
        "list",
        &sample(&sb),
        "--format",
        "json",
        "--query",
        "zzzzqqq",
    ]);
    assert_eq!(none.stdout, "[]\n");
}

#[test]
fn unknown_choices_are_data_errors_that_name_the_choices() {
    let sb = Sandbox::new();
    let f = sample(&sb);
    let run = sb.run(&["set", &f, "eu-jp-dpc-2/nope", "--status", "done"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("no deliverable with id \"eu-jp-dpc-2/nope\""),
        "{}",
        run.stderr
    );
    let run = sb.run(&["set", &f, "eu-jp-dpc-2/ai-pact", "--status", "finished"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("unknown status \"finished\"; choose one of: planned, in_progress, done, blocked, dropped"), "{}", run.stderr);
    let run = sb.run(&["list", &f, "--council", "eu-xx"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("eu-jp-dpc-1, eu-jp-dpc-2"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_to_string(&f).unwrap(), bundled());
}

#[test]
fn usage_errors_exit_2() {
    let sb = Sandbox::new();
    for args in [
        vec!["list", "--format", "xml"],
        vec!["set", "only-id"],
        vec!["frobnicate", "a", "b"],
        vec!["export", "--format", "markdown", "--since", "yesterday"],
    ] {
        let run = sb.run(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(!run.stderr.is_empty());
    }
    let help = sb.run(&["--help"]);
    assert_eq!(help.code, 0);
    assert!(
        help.stdout
            .contains("XDG_DATA_HOME/councilor/outcomes.json"),
        "{}",
        help.stdout
    );
}

#[test]
fn set_with_a_note_records_it_in_the_history_entry() {
    let sb = Sandbox::new();
    let f = sample(&sb);
    let run = sb.run(&[
        "set",
        &f,
        "eu-jp-dpc-2/ai-pact",
        "--status",
        "done",
        "--note",
        "confirmed at the meeting",
    ]);
    assert_eq!(run.stdout, "eu-jp-dpc-2/ai-pact: in_progress -> done\n");
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
    let d = v["deliverables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "eu-jp-dpc-2/ai-pact")
        .unwrap();
    assert_eq!(d["history"][0]["note"], "confirmed at the meeting");
    assert_eq!(d["history"][0]["field"], "status");
}

#[test]
fn export_markdown_groups_by_council_then_area_with_counts() {
    let sb = Sandbox::new();
    let run = sb.run(&["export", &sample(&sb), "--format", "markdown"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = run.stdout;
    assert!(md.starts_with("# EU digital partnership and trade and technology councils\n"));
    let jp2 = md
        .find("## Second EU–Japan Digital Partnership Council")
        .unwrap();
    assert!(
        md[jp2..]
            .contains("2024-04-30 · Brussels · 15 deliverables: 6 planned, 7 in_progress, 2 done"),
        "{}",
        &md[jp2..jp2 + 300]
    );
    let semis = md[jp2..].find("### Semiconductors").unwrap();
    assert!(md[jp2 + semis..].contains("**Administrative arrangement"));
}

#[test]
fn export_since_gives_minutes_of_the_changes() {
    let sb = Sandbox::new();
    let f = sample(&sb);
    sb.run(&[
        "set",
        &f,
        "eu-jp-dpc-2/ai-pact",
        "--status",
        "done",
        "--note",
        "uptake reported",
    ]);
    // (From 2026: the councils in the file met before, so their deliverables are not new.)
    // A deliverable in several areas is still listed once in the minutes.
    sb.run(&[
        "set",
        &f,
        "eu-jp-dpc-2/arctic-connectivity",
        "--status",
        "done",
    ]);
    let minutes = sb
        .run(&["export", &f, "--format", "markdown", "--since", "2026"])
        .stdout;
    assert_eq!(
        minutes.matches("eu-jp-dpc-2/arctic-connectivity)").count(),
        1,
        "{minutes}"
    );
    let md = sb
        .run(&[
            "export",
            &f,
            "--format",
            "markdown",
            "--since",
            "2026-01-01",
        ])
        .stdout;
    assert!(md.starts_with("# Minutes: "), "{md}");
    assert!(
        md.contains("Changes recorded from 2026-01-01 00:00 "),
        "{md}"
    );
    assert!(
        md.contains("status: in_progress → done — uptake reported"),
        "{md}"
    );
    assert!(
        !md.contains("eid-moc"),
        "unchanged deliverables are left out: {md}"
    );
    let csv = sb
        .run(&["export", &f, "--format", "csv", "--since", "2026"])
        .stdout;
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows[0], "council,area,id,title,at,field,from,to,by,note");
    assert_eq!(rows.len(), 3, "one row per change: {csv}");
    assert!(
        rows[1].ends_with(",status,in_progress,done,,uptake reported"),
        "{}",
        rows[1]
    );
    let later = sb
        .run(&["export", &f, "--format", "markdown", "--since", "2999"])
        .stdout;
    assert!(
        later.contains("No changes recorded since 2999-01-01 00:00"),
        "{later}"
    );
}

#[test]
fn export_csv_has_a_row_per_deliverable_and_area() {
    let sb = Sandbox::new();
    let csv = sb.run(&["export", &sample(&sb), "--format", "csv"]).stdout;
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert!(rows.len() >= 60);
    assert!(rows.iter().any(|r| &r[2] == "eu-jp-dpc-2/hpc-joint-work"
        && &r[1] == "hpc"
        && &r[4] == "in_progress"));
}

// XDG_DATA_HOME points the data folder into the sandbox; Windows asks the system for it.
#[test]
#[cfg(unix)]
fn no_file_uses_the_data_folder_created_from_the_bundled_outcomes() {
    let sb = Sandbox::new();
    let run = sb.run(&["validate"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let path = sb.dir.path().join("data/councilor/outcomes.json");
    assert!(
        run.stderr.contains(&format!("created {}", path.display())),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), bundled());
    let again = sb.run(&["set", "eu-jp-dpc-2/ai-pact", "--status", "done"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(again.stderr.contains(&format!("using {}", path.display())));
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("\"to\": \"done\"")
    );
}

#[test]
fn control_characters_from_the_data_never_reach_the_output_raw() {
    let sb = Sandbox::new();
    let hostile = r#"{"version": 1, "title": "\u001b]0;pwned\u0007", "councils": [{"id": "c", "name": "C\u009b2J"}],
      "deliverables": [{"id": "d\u001b[2J", "council": "c", "title": "\u202eevil\u202c\u001b]52;c;aGk=\u0007", "status": "planned"}]}"#;
    let f = sb.file("h.json", hostile);
    let f = f.to_str().unwrap();
    for args in [
        vec!["list", f],
        vec!["list", f, "--format", "json"],
        vec!["export", f, "--format", "markdown"],
        vec!["export", f, "--format", "csv"],
        vec!["set", f, "d\u{1b}[2J", "--status", "nope"],
        vec![f],
    ] {
        let run = sb.run(&args);
        for (name, out) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
            let bad: Vec<char> = out
                .chars()
                .filter(|c| {
                    (c.is_control() && !matches!(c, '\n' | '\t'))
                        || ('\u{202a}'..='\u{202e}').contains(c)
                })
                .collect();
            assert!(bad.is_empty(), "{args:?} {name} carries {bad:?}: {out:?}");
        }
    }
    let json = sb.run(&["list", f, "--format", "json"]).stdout;
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        v[0]["title"], "\u{202e}evil\u{202c}\u{1b}]52;c;aGk=\u{7}",
        "JSON output keeps the value"
    );
    assert!(
        sb.run(&["list", f])
            .stdout
            .contains("<U+202E>evil<U+202C>␛]52;c;aGk=␇")
    );
}

#[test]
fn list_query_uses_the_search_language_and_says_what_it_did_not_understand() {
    let sb = Sandbox::new();
    let path = sb.file("o.json", bundled());
    let file = path.to_str().unwrap();
    let r = sb.run(&["list", file, "--query", "status:planned quantum"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stdout.is_empty());
    for line in r.stdout.lines() {
        let cells: Vec<&str> = line.split('\t').collect();
        assert_eq!(cells[2], "planned", "{line}");
    }
    let r = sb.run(&["list", file, "--query", "colour:red arctic"]);
    assert_eq!(r.code, 0);
    assert!(r.stderr.contains("colour: is not a scope"), "{}", r.stderr);
    // The same order as the TUI: the best match first.
    let r = sb.run(&["list", file, "--query", "subm cab"]);
    let first = r.stdout.lines().next().unwrap();
    assert!(first.contains("submarine"), "{first}");
}

#[test]
fn an_unknown_id_suggests_ids_that_hold_its_last_part() {
    let sb = Sandbox::new();
    let path = sb.file("o.json", bundled());
    let r = sb.run(&[
        "set",
        path.to_str().unwrap(),
        "eu-jp-dpc-9/arctic",
        "--status",
        "done",
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains(
            "did you mean: eu-jp-dpc-2/arctic-connectivity, eu-jp-dpc-3/submarine-cables-arctic"
        ),
        "{}",
        r.stderr
    );
    let r = sb.run(&["set", path.to_str().unwrap(), "nope", "--status", "done"]);
    assert!(!r.stderr.contains("did you mean"), "{}", r.stderr);
}

#[test]
fn minutes_show_what_was_added_to_the_notes_once() {
    let sb = Sandbox::new();
    let text = bundled();
    let path = sb.file("o.json", &text);
    // A notes edit through the library, as the TUI makes it.
    let (mut doc, fp) = councilor::store::open(&path).unwrap();
    let i = doc.data().deliverable_index("eu-jp-dpc-2/eid-moc").unwrap();
    let old = doc.data().deliverables[i]
        .notes()
        .map(|n| n.into_owned())
        .unwrap();
    let new = format!("{old}\nAgreed: pilot in Q3.");
    let change = councilor::edit::Change {
        deliverable: i,
        field: councilor::model::Editable::Notes,
        to: Some(&new),
        at: "2026-11-27T10:00:00Z",
        note: None,
    };
    let patch = councilor::edit::patch(&doc, &change).unwrap();
    assert!(doc.apply(&patch));
    councilor::store::save(&path, doc.text().as_bytes(), fp).unwrap();
    let r = sb.run(&[
        "export",
        path.to_str().unwrap(),
        "--format",
        "markdown",
        "--since",
        "2026-11-27",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains(" notes: added “Agreed: pilot in Q3.”"),
        "{}",
        r.stdout
    );
    assert_eq!(
        r.stdout.matches(old.as_str()).count(),
        0,
        "the old text is not repeated"
    );
}

/// Holds the lock of the file at `path` as another writer would, until dropped.
fn hold_lock(path: &std::path::Path) -> std::fs::File {
    let lock = std::fs::File::create(councilor::store::lock_path(path)).unwrap();
    lock.lock().unwrap();
    lock
}

/// Starts `councilor set` while another writer holds the lock, lets it read the file and wait,
/// then changes the file as that writer would and lets go.
fn set_while_another_writer_saves(
    sb: &Sandbox,
    id: &str,
    status: &str,
    theirs: impl FnOnce(&str) -> String,
) -> (common::Run, String) {
    let path = sb.file("o.json", bundled());
    let lock = hold_lock(&path);
    let child = std::process::Command::new(common::BIN)
        .args(["set", path.to_str().unwrap(), id, "--status", status])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Time to read the file and start waiting for the lock (if it is slower, it reads their
    // version and there is nothing to merge: the outcome is the same).
    std::thread::sleep(std::time::Duration::from_millis(300));
    let text = theirs(&bundled());
    std::fs::write(&path, &text).unwrap();
    drop(lock);
    let run = common::Run::from(child.wait_with_output().unwrap());
    (run, std::fs::read_to_string(&path).unwrap())
}

#[test]
fn set_merges_into_what_another_writer_saved_meanwhile() {
    let sb = Sandbox::new();
    let (run, text) = set_while_another_writer_saves(&sb, "eu-jp-dpc-2/eid-moc", "blocked", |t| {
        t.replacen("\"status\": \"planned\"", "\"status\": \"in_progress\"", 1)
    });
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "eu-jp-dpc-2/eid-moc: done -> blocked\n");
    let doc = councilor::document::Document::from_text(text.clone()).unwrap();
    let data = doc.data();
    let mine = &data.deliverables[data.deliverable_index("eu-jp-dpc-2/eid-moc").unwrap()];
    assert_eq!((mine.status.as_str(), mine.history().len()), ("blocked", 1));
    assert_eq!(
        text.matches("\"status\": \"in_progress\"").count(),
        bundled().matches("\"status\": \"in_progress\"").count() + 1,
        "their edit is kept"
    );
}

/// Waits until the process `pid` has the file at `path` open: a `set` that opened the lock
/// file has read the dataset already (Linux: read from `/proc`).
#[cfg(target_os = "linux")]
fn wait_until_open(child: &mut std::process::Child, path: &std::path::Path) {
    let fds = format!("/proc/{}/fd", child.id());
    loop {
        let open = std::fs::read_dir(&fds)
            .into_iter()
            .flatten()
            .flatten()
            .any(|fd| std::fs::read_link(fd.path()).is_ok_and(|p| p == path));
        if open {
            return;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "it ended before opening {path:?}"
        );
        std::thread::yield_now();
    }
}

/// Another writer sets the same status between the read and the save of `set --note`: the
/// note is kept (an entry of its own), no second status entry, and the output says so.
/// The race is made exactly: the other writer holds the lock until `set` has read the file.
#[test]
#[cfg(target_os = "linux")]
fn a_set_racing_the_same_status_keeps_its_note_and_says_it_was_set_meanwhile() {
    use councilor::document::Document;
    let id = "eu-jp-dpc-2/6g-standardisation";
    let sb = Sandbox::new();
    let path = sb.file("o.json", bundled()).canonicalize().unwrap();
    let lock = hold_lock(&path);
    let mut child = std::process::Command::new(common::BIN)
        .args(["set", path.to_str().unwrap(), id, "--status", "in_progress"])
        .args(["--note", "kick-off on 3 May"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    wait_until_open(&mut child, &councilor::store::lock_path(&path));
    let mut theirs = Document::from_text(bundled()).unwrap();
    let index = theirs.data().deliverable_index(id).unwrap();
    assert_eq!(theirs.data().deliverables[index].status, "planned");
    let change = councilor::edit::StatusChange {
        deliverable: index,
        to: "in_progress",
        at: "2026-11-27T09:00:00Z",
        note: None,
    };
    let patch = councilor::edit::status_patch(&theirs, &change).unwrap();
    assert!(theirs.apply(&patch));
    std::fs::write(&path, theirs.text().as_bytes()).unwrap();
    drop(lock);
    let run = common::Run::from(child.wait_with_output().unwrap());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        format!(
            "{id}: already in_progress: another writer set it meanwhile (your note is in its history)\n"
        )
    );
    let doc = Document::from_text(std::fs::read_to_string(&path).unwrap()).unwrap();
    let d = &doc.data().deliverables[index];
    assert_eq!(d.status, "in_progress");
    let history = d.history();
    let entries: Vec<(Option<&str>, Option<&str>, Option<&str>)> = history
        .iter()
        .map(|h| (h.field.as_deref(), h.to.as_deref(), h.note.as_deref()))
        .collect();
    assert_eq!(
        entries,
        [
            (Some("status"), Some("in_progress"), None),
            (Some("note"), None, Some("kick-off on 3 May")),
        ],
        "their status entry, then my note alone"
    );
}

#[test]
fn set_refuses_a_real_conflict_with_exit_3_and_names_it() {
    let sb = Sandbox::new();
    let mut theirs_text = String::new();
    let (run, text) = set_while_another_writer_saves(&sb, "eu-jp-dpc-2/eid-moc", "blocked", |t| {
        let at = t.find("\"id\": \"eu-jp-dpc-2/eid-moc\"").unwrap();
        let status = at + t[at..].find("\"status\": \"done\"").unwrap();
        theirs_text = format!(
            "{}\"status\": \"dropped\"{}",
            &t[..status],
            &t[status + "\"status\": \"done\"".len()..]
        );
        theirs_text.clone()
    });
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.starts_with(
            "councilor: eu-jp-dpc-2/eid-moc: not saved: meanwhile another writer set its status to \"dropped\" (you asked for \"blocked\");"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(text, theirs_text, "their file is left as it is");
}

#[test]
fn set_waits_for_a_busy_writer_then_names_it_with_exit_4() {
    let sb = Sandbox::new();
    let path = sb.file("o.json", bundled());
    let lock = hold_lock(&path);
    std::fs::write(
        councilor::store::lock_path(&path),
        "process 4242 on meeting-room\n",
    )
    .unwrap();
    let run = sb.run(&[
        "set",
        path.to_str().unwrap(),
        "eu-jp-dpc-2/eid-moc",
        "--status",
        "blocked",
    ]);
    drop(lock);
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("another writer (process 4242 on meeting-room) kept it locked"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), bundled());
}

#[test]
fn a_file_over_the_size_limit_is_refused_without_reading_it() {
    let sb = Sandbox::new();
    let f = sample(&sb);
    let len = bundled().len();
    let out = std::process::Command::new(common::BIN)
        .args(["validate", &f])
        .env("COUNCILOR_MAX_FILE_SIZE", "1K")
        .output()
        .unwrap();
    let run = common::Run::from(out);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        format!(
            "{f}: not read: it holds {len} bytes, over the limit of 1024 (set COUNCILOR_MAX_FILE_SIZE to allow more)\n"
        )
    );
}

#[test]
fn ids_named_in_a_message_never_reach_the_terminal_raw() {
    let sb = Sandbox::new();
    let text = common::small_dataset(2)
        .replace("\"d0\"", "\"x\\ny\"")
        .replace("\"d1\"", "\"p\\tq\"");
    let f = sb.file("odd.json", text);
    let f = f.to_str().unwrap();
    for id in ["zzz", "q"] {
        let run = sb.run(&["set", f, id, "--status", "done"]);
        assert_eq!(run.code, 1);
        let message = run.stderr.trim_end_matches('\n');
        assert!(
            !message.contains('\n') && !message.contains('\t'),
            "{message:?}"
        );
        assert!(message.contains("p␉q"), "{message:?}");
    }
}

#[test]
fn export_ics_writes_due_dates_as_all_day_entries_that_parse_back() {
    use icalendar::Component;
    let sb = Sandbox::new();
    let text = common::small_dataset(4)
        .replacen(
            "\"status\": \"planned\"",
            "\"status\": \"planned\",\n      \"due\": \"2025\"",
            1,
        )
        .replacen(
            "\"title\": \"Deliverable 1\",\n      \"status\": \"planned\"",
            "\"title\": \"Cables; 海底 \\u001b[2J, done\",\n      \"status\": \"planned\",\n      \"due\": \"2026-03-31\"",
            1,
        )
        .replacen(
            "\"status\": \"planned\"\n    }\n  ]",
            "\"status\": \"planned\",\n      \"due\": \"someday\"\n    }\n  ]",
            1,
        );
    let f = sb.file("due.json", &text);
    let run = sb.run(&["validate", f.to_str().unwrap()]);
    assert_eq!(
        run.code, 1,
        "an invalid due date is refused: {}",
        run.stderr
    );
    let f = sb.file("due.json", text.replace("someday", "2027-01"));
    let run = sb.run(&["export", f.to_str().unwrap(), "--format", "ics"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains('\u{1b}'), "no escape reaches the file");
    let calendar: icalendar::Calendar = run.stdout.parse().unwrap();
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .collect();
    let got: Vec<(Option<&str>, Option<&str>, Option<&str>)> = events
        .iter()
        .map(|e| (e.get_uid(), e.property_value("DTSTART"), e.get_summary()))
        .collect();
    assert_eq!(
        got,
        [
            (
                Some("d0@councilor"),
                Some("20250101"),
                Some("Deliverable 0")
            ),
            (
                Some("d1@councilor"),
                Some("20260331"),
                Some("Cables; 海底 ␛[2J, done")
            ),
            (
                Some("d3@councilor"),
                Some("20270101"),
                Some("Deliverable 3")
            ),
        ]
    );
    assert!(
        events[0]
            .get_description()
            .unwrap()
            .starts_with("Due: 2025 (a year: shown on its first day)")
    );
    assert_eq!(events[1].property_value("DTEND"), Some("20260401"));
    // The same ids give the same entries next time: a calendar updates them.
    let again = sb.run(&["export", f.to_str().unwrap(), "--format", "ics"]);
    let uids = |t: &str| {
        t.lines()
            .filter(|l| l.starts_with("UID:"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(uids(&again.stdout), uids(&run.stdout));
    // Narrowed to a council; an unknown one names the choices.
    let run = sb.run(&[
        "export",
        f.to_str().unwrap(),
        "--format",
        "ics",
        "--council",
        "c",
    ]);
    assert_eq!(run.stdout.matches("BEGIN:VEVENT").count(), 3);
    let run = sb.run(&[
        "export",
        f.to_str().unwrap(),
        "--format",
        "ics",
        "--council",
        "x",
    ]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("choose one of: c"), "{}", run.stderr);
}

// XDG_DATA_HOME and XDG_CONFIG_HOME point into the sandbox; Windows asks the system.
#[test]
#[cfg(unix)]
fn paths_says_where_the_files_are_and_whether_they_exist() {
    let sb = Sandbox::new();
    let out = std::process::Command::new(common::BIN)
        .arg("paths")
        .env("XDG_DATA_HOME", sb.dir.path().join("data"))
        .env("XDG_CONFIG_HOME", sb.dir.path().join("config"))
        .output()
        .unwrap();
    let run = common::Run::from(out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let data = sb.dir.path().join("data/councilor");
    let config = sb.dir.path().join("config/councilor");
    assert_eq!(
        run.stdout,
        format!(
            "data file     {}  (not there yet; used when no FILE is named)\n\
             data folder   {}  (not there yet; the data file's folder)\n\
             config file   {}  (not there yet; keys and theme of the terminal UI)\n\
             config folder {}  (not there yet; the config file's folder)\n",
            data.join("outcomes.json").display(),
            data.display(),
            config.join("config.toml").display(),
            config.display()
        )
    );
    let help = sb.run(&["--help"]);
    assert!(help.stdout.contains("`councilor paths`"), "{}", help.stdout);
}

#[test]
fn completions_and_the_manual_come_from_the_same_definitions() {
    let sb = Sandbox::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let run = sb.run(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        for word in ["validate", "export", "--format"] {
            assert!(run.stdout.contains(word), "{shell} lacks {word}");
        }
    }
    let bash = sb.run(&["completions", "bash"]).stdout;
    assert!(bash.contains("complete -F _councilor"), "{bash}");
    let man = sb.run(&["man"]);
    assert_eq!(man.code, 0);
    assert!(man.stdout.starts_with(".ie \\n(.g"), "roff: {}", man.stdout);
    assert!(man.stdout.contains(".TH councilor 1"));
    assert!(man.stdout.contains("councilor\\-set(1)"), "{}", man.stdout);
    let set = sb.run(&["man", "set"]);
    assert!(
        set.stdout
            .contains(".TH councilor-set 1  \"councilor-set 0.1.0\""),
        "{}",
        set.stdout
    );
    let bad = sb.run(&["man", "fly"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("choose one of: validate, list, set"),
        "{}",
        bad.stderr
    );
    assert_eq!(sb.run(&["completions", "tcsh"]).code, 2);
}
