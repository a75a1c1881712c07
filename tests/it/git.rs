//! Merging datasets with git: the structural three-way merge, the merge driver and
//! `git-setup` in a real repository, and the reading of a file left in conflict.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{BIN, Run, Sandbox, bundled};
use councilor::conflicted::{self, Side};
use councilor::document::Document;
use councilor::edit::{self, Change};
use councilor::model::Editable;
use councilor::three_way::{self, Merged};

const BASE: &str = r#"{
  "version": 1,
  "councils": [
    {
      "id": "c1",
      "name": "C1"
    },
    {
      "id": "c2",
      "name": "C2"
    }
  ],
  "areas": [
    {
      "id": "ai",
      "name": "AI"
    }
  ],
  "deliverables": [
    {
      "id": "a",
      "council": "c1",
      "title": "A",
      "status": "planned",
      "history": [
        {
          "at": "2026-01-01T00:00:00Z",
          "field": "created",
          "from": null,
          "to": "planned"
        }
      ]
    },
    {
      "id": "b",
      "council": "c1",
      "title": "B",
      "status": "planned",
      "x-unknown": {"kept": [1.0, 1e3]}
    },
    {
      "id": "c",
      "council": "c2",
      "title": "C",
      "status": "planned"
    }
  ]
}
"#;

/// `text` with one field of a deliverable set (`None` removes it), as the program edits it.
fn edited(text: &str, id: &str, field: Editable, to: Option<&str>, at: &str) -> String {
    let mut doc = Document::from_text(text.to_string()).expect("valid");
    let index = doc.data().deliverable_index(id).expect("known id");
    let change = Change {
        deliverable: index,
        field,
        to,
        at,
        note: None,
    };
    let patch = edit::patch(&doc, &change).expect("a change");
    assert!(doc.apply(&patch));
    doc.text().to_string()
}

/// `text` with a deliverable added at the end of the list.
fn with_deliverable(text: &str, id: &str, council: &str) -> String {
    let end = text.rfind("    }\n  ]").expect("pretty layout") + "    }".len();
    let item = format!(
        ",\n    {{\n      \"id\": \"{id}\",\n      \"council\": \"{council}\",\n      \"title\": \"New {id}\",\n      \"status\": \"planned\"\n    }}"
    );
    format!("{}{item}{}", &text[..end], &text[end..])
}

fn merge(base: &str, ours: &str, theirs: &str) -> Merged {
    three_way::merge(Some(base), ours, theirs).expect("mergeable")
}

fn valid(text: &str) -> Document {
    Document::from_text(text.to_string()).unwrap_or_else(|e| panic!("{e:?}\n{text}"))
}

/// Lines of `after` not in `before` and the reverse (a line diff, as `git diff` counts).
fn changed_lines(before: &str, after: &str) -> (usize, usize) {
    let diff = similar::TextDiff::from_lines(before, after);
    let mut added = 0;
    let mut removed = 0;
    for change in diff.iter_all_changes() {
        match change.tag() {
            similar::ChangeTag::Insert => added += 1,
            similar::ChangeTag::Delete => removed += 1,
            similar::ChangeTag::Equal => {}
        }
    }
    (added, removed)
}

const T1: &str = "2026-03-01T09:00:00Z";
const T2: &str = "2026-03-02T09:00:00Z";

#[test]
fn different_fields_of_one_deliverable_merge_with_both_histories_in_time_order() {
    let ours = edited(BASE, "a", Editable::Status, Some("done"), T2);
    let theirs = edited(BASE, "a", Editable::Notes, Some("from theirs"), T1);
    let m = merge(BASE, &ours, &theirs);
    assert_eq!(m.conflicts, 0, "{}", m.text);
    let doc = valid(&m.text);
    let a = &doc.data().deliverables[0];
    assert_eq!(a.status, "done");
    assert_eq!(a.notes().as_deref(), Some("from theirs"));
    let history = a.history();
    let times: Vec<&str> = history.iter().filter_map(|h| h.at.as_deref()).collect();
    assert_eq!(times, ["2026-01-01T00:00:00Z", T1, T2]);
    // Only theirs' lines are new: the notes line and its history entry (5 lines: no `from`
    // for a field that was not there); no line of ours changes.
    assert_eq!(changed_lines(&ours, &m.text), (6, 0), "{}", m.text);
    // Merging the other way round gives the same data.
    let back = merge(BASE, &theirs, &ours);
    assert_eq!(valid(&back.text).data().deliverables[0].history().len(), 3);
    assert_eq!(valid(&back.text).data().deliverables[0].status, "done");
}

#[test]
fn an_edit_and_a_removal_of_one_deliverable_conflict_and_adds_on_both_sides_are_kept() {
    // Removed on one side, its notes edited on the other: both versions, marked.
    let ours = edited(BASE, "a", Editable::Removed, Some("true"), T1);
    let theirs = edited(BASE, "a", Editable::Notes, Some("from theirs"), T2);
    for (o, t) in [(&ours, &theirs), (&theirs, &ours)] {
        let m = merge(BASE, o, t);
        assert_eq!(m.conflicts, 1, "{}", m.text);
        assert!(m.text.contains("<<<<<<< ours") && m.text.contains("\"removed\": true"));
        assert!(m.text.contains("from theirs"));
    }
    // Removed on one side, another deliverable edited on the other: no conflict.
    let theirs_b = edited(BASE, "b", Editable::Notes, Some("b's"), T2);
    let m = merge(BASE, &ours, &theirs_b);
    assert_eq!(m.conflicts, 0, "{}", m.text);
    assert!(valid(&m.text).data().deliverables[0].removed);
    // A deliverable added on each side: both kept.
    let add = |title: &str| {
        let mut doc = Document::from_text(BASE.to_string()).unwrap();
        let new = councilor::create::NewDeliverable {
            council: "c1".into(),
            title: title.into(),
            ..Default::default()
        };
        let c = councilor::create::deliverable(&doc, &new, T1).unwrap();
        assert!(doc.splice(&c.splice));
        doc.text().to_string()
    };
    let m = merge(BASE, &add("Ours"), &add("Theirs"));
    assert_eq!(m.conflicts, 0, "{}", m.text);
    let doc = valid(&m.text);
    assert!(doc.data().deliverable_index("c1/ours").is_some());
    assert!(doc.data().deliverable_index("c1/theirs").is_some());
}

#[test]
fn unknown_fields_and_number_spellings_are_kept() {
    let ours = edited(BASE, "b", Editable::Status, Some("done"), T1);
    let theirs = edited(BASE, "c", Editable::Owner, Some("DG CNECT"), T1);
    let m = merge(BASE, &ours, &theirs);
    assert_eq!(m.conflicts, 0);
    assert!(m.text.contains(r#""x-unknown": {"kept": [1.0, 1e3]}"#));
    assert_eq!(
        valid(&m.text).data().deliverables[2].owner.as_deref(),
        Some("DG CNECT")
    );
}

#[test]
fn the_same_field_changed_on_both_sides_is_marked_around_its_line_only() {
    let ours = edited(BASE, "a", Editable::Status, Some("done"), T1);
    let theirs = edited(BASE, "a", Editable::Status, Some("blocked"), T2);
    let m = merge(BASE, &ours, &theirs);
    assert_eq!(m.conflicts, 1);
    assert!(
        m.text.contains(
            "      \"title\": \"A\",\n<<<<<<< ours\n      \"status\": \"done\",\n=======\n      \"status\": \"blocked\",\n>>>>>>> theirs\n      \"history\": ["
        ),
        "{}",
        m.text
    );
    // Both history entries are in, outside the markers.
    let c = conflicted::read(&m.text).expect("well-formed markers");
    let places = c.places();
    assert_eq!(places.len(), 1);
    assert_eq!(
        places[0].what,
        r#"deliverables[a].status: "done" (ours) / "blocked" (theirs)"#
    );
    assert_eq!(places[0].deliverable.as_deref(), Some("a"));
    assert_eq!(places[0].field.as_deref(), Some("status"));
    assert_eq!(
        (places[0].ours.as_deref(), places[0].theirs.as_deref()),
        (Some("done"), Some("blocked"))
    );
    for (side, status) in [(Side::Ours, "done"), (Side::Theirs, "blocked")] {
        let resolved = c.resolve(&[side]).expect("one choice per region");
        let doc = valid(&resolved);
        assert_eq!(doc.data().deliverables[0].status, status);
        assert_eq!(doc.data().deliverables[0].history().len(), 3);
    }
    assert_eq!(c.resolve(&[]), None);
}

#[test]
fn the_same_change_on_both_sides_is_no_conflict() {
    let ours = edited(BASE, "a", Editable::Status, Some("done"), T1);
    let m = merge(BASE, &ours, &ours);
    assert_eq!((m.conflicts, m.text.as_str()), (0, ours.as_str()));
}

#[test]
fn deliverables_added_on_both_sides_are_kept_after_their_councils() {
    let ours = with_deliverable(BASE, "ours-new", "c2");
    let theirs = with_deliverable(BASE, "theirs-new", "c1");
    let m = merge(BASE, &ours, &theirs);
    assert_eq!(m.conflicts, 0);
    let ids: Vec<String> = valid(&m.text)
        .data()
        .deliverables
        .iter()
        .map(|d| d.id.to_string())
        .collect();
    assert_eq!(ids, ["a", "b", "theirs-new", "c", "ours-new"]);
    // A council with no deliverable in ours: at the end.
    let theirs = with_deliverable(&with_council(BASE, "c3"), "c3-new", "c3");
    let m = merge(BASE, &ours, &theirs);
    let doc = valid(&m.text);
    let last = doc.data().deliverables.last().unwrap();
    assert_eq!((m.conflicts, last.id.as_str()), (0, "c3-new"));
    assert!(doc.data().council("c3").is_some());
}

fn with_council(text: &str, id: &str) -> String {
    text.replacen(
        "      \"name\": \"C2\"\n    }\n  ],",
        &format!(
            "      \"name\": \"C2\"\n    }},\n    {{\n      \"id\": \"{id}\",\n      \"name\": \"{id}\"\n    }}\n  ],"
        ),
        1,
    )
}

#[test]
fn councils_and_areas_added_on_either_side_are_kept() {
    let ours = with_council(BASE, "ours-c");
    let theirs = with_council(BASE, "theirs-c").replacen(
        "      \"name\": \"AI\"\n    }",
        "      \"name\": \"AI\"\n    },\n    {\n      \"id\": \"5g\",\n      \"name\": \"5G\"\n    }",
        1,
    );
    let m = merge(BASE, &ours, &theirs);
    assert_eq!(m.conflicts, 0, "{}", m.text);
    let doc = valid(&m.text);
    let councils: Vec<&str> = doc.data().councils.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(councils, ["c1", "c2", "ours-c", "theirs-c"]);
    assert!(doc.data().area("5g").is_some());
}

fn without(text: &str, id: &str) -> String {
    let doc = valid(text);
    let i = doc.data().deliverable_index(id).unwrap();
    let object = |i: usize| doc.data().object(i).unwrap();
    let span = object(i);
    if i == 0 {
        let next = object(1).start;
        format!("{}{}", &text[..span.start], &text[next..])
    } else {
        let prev_end = object(i - 1).end;
        format!("{}{}", &text[..prev_end], &text[span.end..])
    }
}

#[test]
fn a_deletion_against_no_change_deletes_and_against_an_edit_conflicts() {
    let ours = without(BASE, "b");
    let theirs = edited(BASE, "c", Editable::Status, Some("done"), T1);
    let m = merge(BASE, &ours, &theirs);
    assert_eq!(m.conflicts, 0);
    let doc = valid(&m.text);
    assert!(doc.data().deliverable_index("b").is_none());
    assert_eq!(doc.data().deliverables[1].status, "done");
    // Deleted on one side, edited on the other: a conflict, and either answer is a valid
    // file with that side's choice.
    for (ours, theirs, id) in [
        (
            edited(BASE, "b", Editable::Status, Some("done"), T1),
            without(BASE, "b"),
            "b",
        ),
        (
            without(BASE, "b"),
            edited(BASE, "b", Editable::Status, Some("done"), T1),
            "b",
        ),
        (
            edited(BASE, "c", Editable::Status, Some("done"), T1),
            without(BASE, "c"),
            "c",
        ),
    ] {
        let m = merge(BASE, &ours, &theirs);
        assert_eq!(m.conflicts, 1, "{}", m.text);
        let c = conflicted::read(&m.text).unwrap();
        for (side, want) in [(Side::Ours, &ours), (Side::Theirs, &theirs)] {
            let resolved = valid(&c.resolve(&[side]).unwrap());
            assert_eq!(
                resolved.data().deliverable_index(id).is_some(),
                valid(want).data().deliverable_index(id).is_some(),
                "{side:?} of {}",
                m.text
            );
        }
        let place = &c.places()[0];
        assert!(place.what.starts_with("deliverables: "), "{}", place.what);
    }
}

#[test]
fn the_result_keeps_ours_layout_crlf_and_tabs() {
    let ours_base = BASE.replace("  ", "\t").replace('\n', "\r\n");
    let ours = edited(&ours_base, "a", Editable::Status, Some("done"), T2);
    let theirs = with_deliverable(
        &edited(BASE, "a", Editable::Notes, Some("n"), T1),
        "z",
        "c2",
    );
    let m = merge(BASE, &ours, &theirs);
    assert_eq!(m.conflicts, 0, "{}", m.text);
    assert!(!m.text.replace("\r\n", "").contains('\n'), "only CRLF");
    assert!(
        !m.text.contains("  "),
        "no spaces for indentation: {}",
        m.text
    );
    assert!(
        m.text.contains("\r\n\t\t{\r\n\t\t\t\"id\": \"z\",\r\n"),
        "{}",
        m.text
    );
    let doc = valid(&m.text);
    assert_eq!(doc.data().deliverables[0].history().len(), 3);
}

#[test]
fn a_file_added_on_both_sides_merges_without_a_base() {
    let ours = edited(BASE, "a", Editable::Status, Some("done"), T1);
    let theirs = with_deliverable(BASE, "t", "c1");
    let m = three_way::merge(None, &ours, &theirs).unwrap();
    // Without a base, a field that differs cannot be said to be changed on one side.
    assert_eq!(m.conflicts, 1, "{}", m.text);
    let c = conflicted::read(&m.text).unwrap();
    let resolved = valid(&c.resolve(&[Side::Ours]).unwrap());
    assert!(resolved.data().deliverable_index("t").is_some());
}

#[test]
fn conflict_markers_are_read_with_a_base_section_and_broken_ones_said() {
    let text = "{\n<<<<<<< HEAD\n  \"version\": 1\n||||||| base\n  \"version\": 0\n=======\n  \"version\": 2\n>>>>>>> other\n}\n";
    let c = conflicted::read(text).unwrap();
    let r = c.regions();
    assert_eq!((r.len(), r[0].line, r[0].end_line), (1, 2, 8));
    assert_eq!(r[0].base.as_deref(), Some("  \"version\": 0\n"));
    assert_eq!(
        c.resolve(&[Side::Theirs]).unwrap(),
        "{\n  \"version\": 2\n}\n"
    );
    assert_eq!(c.places()[0].what, "version: 1 (ours) / 2 (theirs)");
    let unclosed = conflicted::read("{\n<<<<<<< ours\n=======\n}\n").unwrap_err();
    assert_eq!(unclosed.line, 2);
    let stray = conflicted::read("{\n=======\n}\n").unwrap_err();
    assert_eq!(stray.line, 2);
    assert!(!conflicted::has_markers(BASE));
}

#[test]
fn input_that_is_not_json_is_refused() {
    let err = three_way::merge(Some(BASE), "{\"version\": 1,", BASE).unwrap_err();
    assert!(matches!(
        err,
        three_way::MergeError::NotJson {
            input: three_way::Input::Ours,
            ..
        }
    ));
}

// The driver as git runs it.

#[test]
fn the_driver_leaves_ours_untouched_and_exits_2_on_a_broken_input() {
    let sb = Sandbox::new();
    let base = sb.file("base", BASE);
    let broken = BASE.replacen("\"council\": \"c1\",", "\"council\": \"c1\"", 1);
    let ours = sb.file("ours", &broken);
    let theirs = sb.file("theirs", BASE);
    let run = sb.run(&[
        "merge-driver",
        base.to_str().unwrap(),
        ours.to_str().unwrap(),
        theirs.to_str().unwrap(),
        "data/outcomes.json",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("data/outcomes.json (ours):23:"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_to_string(&ours).unwrap(), broken);
    // A device is refused, not read forever.
    let run = sb.run(&[
        "merge-driver",
        "/dev/zero",
        ours.to_str().unwrap(),
        theirs.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&ours).unwrap(), broken);
}

/// A git repository in a temporary folder, isolated from the user's git configuration.
struct Repo {
    _home: Sandbox,
    dir: PathBuf,
}

impl Repo {
    fn new() -> Repo {
        let home = Sandbox::new();
        let dir = home.dir.path().join("repo");
        std::fs::create_dir(&dir).unwrap();
        let repo = Repo { _home: home, dir };
        repo.git(&["init", "-q", "-b", "main"]);
        repo
    }

    fn command(&self, program: &str) -> Command {
        let mut c = Command::new(program);
        let bin_dir = Path::new(BIN).parent().unwrap();
        let path = std::env::var_os("PATH").unwrap_or_default();
        let mut dirs = vec![bin_dir.to_path_buf()];
        dirs.extend(std::env::split_paths(&path));
        c.current_dir(&self.dir)
            .env("PATH", std::env::join_paths(dirs).unwrap())
            .env("HOME", self._home.dir.path())
            .env("XDG_CONFIG_HOME", self._home.dir.path().join("config"))
            .env("XDG_DATA_HOME", self._home.dir.path().join("data"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "Test")
            .env("GIT_AUTHOR_EMAIL", "test@example.org")
            .env("GIT_COMMITTER_NAME", "Test")
            .env("GIT_COMMITTER_EMAIL", "test@example.org");
        c
    }

    fn git(&self, args: &[&str]) -> Run {
        Run::from(self.command("git").args(args).output().unwrap())
    }

    fn ok(&self, args: &[&str]) -> Run {
        let run = self.git(args);
        assert_eq!(run.code, 0, "git {args:?}: {}{}", run.stdout, run.stderr);
        run
    }

    fn councilor(&self, args: &[&str]) -> Run {
        Run::from(self.command(BIN).args(args).output().unwrap())
    }

    fn write(&self, text: &str) {
        std::fs::write(self.dir.join("outcomes.json"), text).unwrap();
    }

    fn read(&self) -> String {
        std::fs::read_to_string(self.dir.join("outcomes.json")).unwrap()
    }

    fn commit(&self, message: &str) {
        self.ok(&["add", "-A"]);
        self.ok(&["commit", "-q", "-m", message]);
    }
}

const ID: &str = "eu-jp-dpc-2/semiconductor-experts";

/// A repository holding the bundled dataset with one history entry on `ID`, and two branches:
/// `status` (ours) and `other` (theirs), made by `ours` and `theirs` from that text.
fn branches(setup: bool, ours: impl Fn(&str) -> String, theirs: impl Fn(&str) -> String) -> Repo {
    let repo = Repo::new();
    let start = edited(
        &bundled(),
        ID,
        Editable::Owner,
        Some("DG CNECT"),
        "2026-01-05T10:00:00Z",
    );
    repo.write(&start);
    repo.commit("dataset");
    if setup {
        let run = repo.councilor(&["git-setup"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        repo.commit("merge driver");
    }
    repo.ok(&["checkout", "-q", "-b", "other"]);
    repo.write(&theirs(&start));
    repo.commit("theirs");
    repo.ok(&["checkout", "-q", "main"]);
    repo.write(&ours(&start));
    repo.commit("ours");
    repo
}

fn conflict_markers(text: &str) -> usize {
    text.lines().filter(|l| l.starts_with("<<<<<<<")).count()
}

fn status_edit(text: &str) -> String {
    edited(
        text,
        ID,
        Editable::Status,
        Some("done"),
        "2026-03-02T09:00:00Z",
    )
}

fn notes_and_new_deliverable(text: &str) -> String {
    let noted = edited(
        text,
        ID,
        Editable::Notes,
        Some("Experts met twice."),
        "2026-03-01T09:00:00Z",
    );
    let doc = valid(&noted);
    let last = doc
        .data()
        .deliverables
        .iter()
        .rposition(|d| d.council == "eu-jp-dpc-2")
        .unwrap();
    let last_of_council = doc.data().object(last).unwrap().end;
    let item = ",\n    {\n      \"id\": \"eu-jp-dpc-2/new-one\",\n      \"council\": \"eu-jp-dpc-2\",\n      \"title\": \"A new deliverable\",\n      \"status\": \"planned\"\n    }";
    format!(
        "{}{item}{}",
        &noted[..last_of_council],
        &noted[last_of_council..]
    )
}

#[test]
#[cfg_attr(windows, ignore = "runs git.exe, which the Wine test runner has not")]
fn git_merges_two_branches_with_the_driver_and_a_line_merge_conflicts() {
    let repo = branches(true, status_edit, notes_and_new_deliverable);
    let attributes = std::fs::read_to_string(repo.dir.join(".gitattributes")).unwrap();
    assert_eq!(attributes, "/outcomes.json merge=councilor\n");
    let merged = repo.git(&["merge", "-q", "--no-edit", "other"]);
    assert_eq!(merged.code, 0, "{}{}", merged.stdout, merged.stderr);
    let text = repo.read();
    let doc = valid(&text);
    let d = &doc.data().deliverables[doc.data().deliverable_index(ID).unwrap()];
    assert_eq!(d.status, "done");
    assert_eq!(d.notes().as_deref(), Some("Experts met twice."));
    let history = d.history();
    let fields: Vec<&str> = history.iter().filter_map(|h| h.field.as_deref()).collect();
    assert_eq!(
        fields,
        ["owner", "notes", "status"],
        "all history, in time order"
    );
    assert!(
        doc.data()
            .deliverable_index("eu-jp-dpc-2/new-one")
            .is_some()
    );
    let validate = repo.councilor(&["validate", "outcomes.json"]);
    assert_eq!(validate.code, 0, "{}", validate.stderr);
    // What git's diff of the merge against ours shows: theirs' lines only.
    let diff = repo.ok(&["diff", "--numstat", "HEAD~1", "HEAD", "--", "outcomes.json"]);
    let driver_conflicts = conflict_markers(&text);

    // The same branches with git's own line merge.
    let plain = branches(false, status_edit, notes_and_new_deliverable);
    let line_merge = plain.git(&["merge", "-q", "--no-edit", "other"]);
    assert_ne!(line_merge.code, 0, "the line merge conflicts");
    let line_conflicts = conflict_markers(&plain.read());
    assert!(line_conflicts >= 1);
    eprintln!(
        "merge of the same two branches: driver {driver_conflicts} conflicts (diff vs ours: {}), line merge {line_conflicts} conflicts",
        diff.stdout.trim()
    );
}

#[test]
#[cfg_attr(windows, ignore = "runs git.exe, which the Wine test runner has not")]
fn git_reports_a_clash_of_one_field_and_validate_names_it() {
    let blocked = |t: &str| {
        edited(
            t,
            ID,
            Editable::Status,
            Some("blocked"),
            "2026-03-01T09:00:00Z",
        )
    };
    let repo = branches(true, status_edit, blocked);
    let merged = repo.git(&["merge", "--no-edit", "other"]);
    assert_ne!(merged.code, 0);
    assert!(merged.stdout.contains("CONFLICT"), "{}", merged.stdout);
    let text = repo.read();
    assert_eq!(conflict_markers(&text), 1);
    let validate = repo.councilor(&["validate", "outcomes.json"]);
    assert_eq!(validate.code, 1);
    let line = text.lines().position(|l| l.starts_with("<<<<<<<")).unwrap() + 1;
    let listed = format!(
        "outcomes.json:{line}: deliverables[{ID}].status: \"done\" (ours) / \"blocked\" (theirs)"
    );
    assert!(validate.stderr.contains(&listed), "{}", validate.stderr);
    // Every command says the same, and none writes.
    for args in [
        vec!["list", "outcomes.json"],
        vec!["set", "outcomes.json", ID, "--status", "planned"],
        vec!["export", "outcomes.json", "--format", "csv"],
    ] {
        let run = repo.councilor(&args);
        assert_eq!(run.code, 1, "{args:?}");
        assert!(run.stderr.contains(&listed), "{args:?}: {}", run.stderr);
        assert_eq!(repo.read(), text, "{args:?} wrote");
    }
    let plain = branches(false, status_edit, blocked);
    assert_ne!(plain.git(&["merge", "--no-edit", "other"]).code, 0);
    eprintln!(
        "one field changed on both sides: driver {} conflicts, line merge {}",
        conflict_markers(&text),
        conflict_markers(&plain.read())
    );
    // Both sides' history entries are there whichever side is kept.
    let c = conflicted::read(&text).unwrap();
    let doc = valid(&c.resolve(&[Side::Theirs]).unwrap());
    let d = &doc.data().deliverables[doc.data().deliverable_index(ID).unwrap()];
    assert_eq!((d.status.as_str(), d.history().len()), ("blocked", 3));
    // The terminal UI resolves it: theirs taken, a valid file without markers that git takes.
    #[cfg(unix)]
    {
        let path = repo.dir.join("outcomes.json");
        let mut tui = common::pty::Tui::start(&[path.to_str().unwrap()], &repo._home, 24, 100);
        tui.wait_for("0 of 1 answered");
        tui.keys("t");
        tui.wait_for("resolved 1 conflict");
        tui.wait_for("saved");
        tui.keys("q");
        assert_eq!(tui.exit_code(), 0);
        let resolved = repo.read();
        assert_eq!(conflict_markers(&resolved), 0);
        let doc = valid(&resolved);
        let d = &doc.data().deliverables[doc.data().deliverable_index(ID).unwrap()];
        // Ours' "done" was set later: one entry more says that "blocked" was kept.
        let history = d.history();
        let last = history.last().unwrap();
        assert_eq!(
            (d.status.as_str(), history.len(), last.to.as_deref()),
            ("blocked", 4, Some("blocked"))
        );
        repo.commit("merged");
    }
}

#[test]
#[cfg_attr(windows, ignore = "runs git.exe, which the Wine test runner has not")]
fn git_setup_is_idempotent_and_says_what_it_wrote() {
    let repo = Repo::new();
    repo.write(&bundled());
    std::fs::write(repo.dir.join("package.json"), "{\"name\": \"x\"}\n").unwrap();
    let first = repo.councilor(&["git-setup", "."]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(
        first.stdout.contains("/outcomes.json merge=councilor"),
        "{}",
        first.stdout
    );
    assert!(
        first.stdout.contains("merge.councilor.driver"),
        "{}",
        first.stdout
    );
    let second = repo.councilor(&["git-setup"]);
    assert_eq!(second.code, 0);
    assert!(second.stdout.contains("already"), "{}", second.stdout);
    let attributes = std::fs::read_to_string(repo.dir.join(".gitattributes")).unwrap();
    assert_eq!(
        attributes, "/outcomes.json merge=councilor\n",
        "other JSON files keep the line merge"
    );
    let driver = repo.ok(&["config", "--local", "--get", "merge.councilor.driver"]);
    assert_eq!(driver.stdout, "councilor merge-driver %O %A %B %P\n");
    let outside = Sandbox::new();
    let run = repo.councilor(&["git-setup", outside.dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 1, "not a repository: {}", run.stdout);
}

#[test]
#[cfg(unix)]
fn git_setup_refuses_a_link_at_gitattributes_and_leaves_its_target_alone() {
    for hard in [false, true] {
        let repo = Repo::new();
        repo.write(&bundled());
        let victim = repo._home.dir.path().join("victim.txt");
        std::fs::write(&victim, "not git's\n").unwrap();
        let attributes = repo.dir.join(".gitattributes");
        if hard {
            std::fs::hard_link(&victim, &attributes).unwrap();
        } else {
            std::os::unix::fs::symlink(&victim, &attributes).unwrap();
        }
        let run = repo.councilor(&["git-setup", "."]);
        assert_eq!(run.code, 1, "hard {hard}: {}", run.stdout);
        let what = if hard {
            "a hard link"
        } else {
            "a symbolic link"
        };
        assert!(
            run.stderr.contains(".gitattributes") && run.stderr.contains(what),
            "{}",
            run.stderr
        );
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "not git's\n");
        assert_eq!(repo.read(), bundled());
    }
}

/// A small deterministic generator (no dependency on a seed crate's stream).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// One side's random edits of `text`: statuses, notes, owners, deliverables removed and added.
fn random_side(text: &str, rng: &mut Lcg, side: &str) -> String {
    let mut text = text.to_string();
    for step in 0..1 + rng.below(4) {
        let doc = valid(&text);
        let ids: Vec<String> = doc
            .data()
            .deliverables
            .iter()
            .map(|d| d.id.to_string())
            .collect();
        // In time order on each side, interleaved between the sides.
        let at = format!("2026-04-01T0{step}:{:02}:00Z", rng.below(60));
        let id = ids[rng.below(ids.len())].clone();
        let statuses = ["planned", "in_progress", "done", "blocked"];
        match rng.below(6) {
            0 | 1 => {
                let to = statuses[rng.below(statuses.len())];
                if doc.data().deliverables[doc.data().deliverable_index(&id).unwrap()].status != to
                {
                    text = edited(&text, &id, Editable::Status, Some(to), &at);
                }
            }
            2 => {
                let to = [None, Some("n1"), Some("n2")][rng.below(3)];
                let d = &doc.data().deliverables[doc.data().deliverable_index(&id).unwrap()];
                if d.notes().as_deref() != to {
                    text = edited(&text, &id, Editable::Notes, to, &at);
                }
            }
            3 => {
                let d = &doc.data().deliverables[doc.data().deliverable_index(&id).unwrap()];
                if d.owner.is_none() {
                    text = edited(&text, &id, Editable::Owner, Some(side), &at);
                }
            }
            4 if ids.len() > 2 => text = without(&text, &id),
            _ => {
                let council = ["c1", "c2"][rng.below(2)];
                text = with_deliverable(&text, &format!("{side}-{step}"), council);
            }
        }
    }
    text
}

#[test]
fn random_edits_on_both_sides_merge_into_valid_files_or_answerable_conflicts() {
    let base = with_deliverable(&with_deliverable(BASE, "d", "c1"), "e", "c2");
    let mut rng = Lcg(7);
    let (mut clean, mut conflicted_merges) = (0, 0);
    for case in 0..400 {
        let mut ours = random_side(&base, &mut rng, "ours");
        if case % 3 == 0 {
            // Ours laid out with tabs and CRLF: theirs' changes follow it.
            ours = ours.replace("  ", "\t").replace('\n', "\r\n");
        }
        let theirs = random_side(&base, &mut rng, "theirs");
        let m = three_way::merge(Some(&base), &ours, &theirs)
            .unwrap_or_else(|e| panic!("case {case}: {e:?}\n{ours}\n{theirs}"));
        let history = |text: &str, id: &str| {
            let doc = valid(text);
            doc.data()
                .deliverable_index(id)
                .map_or(vec![], |i| doc.data().deliverables[i].history())
        };
        if case % 3 == 0 {
            assert!(
                !m.text.replace("\r\n", "").contains('\n'),
                "case {case}: CRLF only"
            );
        }
        if m.conflicts == 0 {
            clean += 1;
            let doc = valid(&m.text);
            for d in &doc.data().deliverables {
                // Every entry of both sides; one made on both sides (same time, field and
                // values) once.
                let mut expected = history(&ours, &d.id);
                for h in history(&theirs, &d.id) {
                    if !expected.contains(&h) {
                        expected.push(h);
                    }
                }
                let expected = expected.len();
                assert_eq!(
                    d.history().len(),
                    expected,
                    "case {case}, {}:\n{}",
                    d.id,
                    m.text
                );
                let history = d.history();
                let mut times: Vec<&str> = history.iter().filter_map(|h| h.at.as_deref()).collect();
                let in_order = times.clone();
                times.sort_unstable();
                assert_eq!(in_order, times, "case {case}: history in time order");
            }
        } else {
            conflicted_merges += 1;
            let c = conflicted::read(&m.text).unwrap_or_else(|e| panic!("case {case}: {e:?}"));
            assert_eq!(c.regions().len(), m.conflicts);
            for side in [Side::Ours, Side::Theirs] {
                let resolved = c.resolve(&vec![side; m.conflicts]).unwrap();
                Document::from_text(resolved.clone())
                    .unwrap_or_else(|e| panic!("case {case}, {side:?}: {e:?}\n{}", m.text));
            }
        }
    }
    assert!(
        clean > 50 && conflicted_merges > 50,
        "{clean} clean, {conflicted_merges} in conflict"
    );
}

/// Figures for the same random pairs of edits: git's line merge (`git merge-file`) against
/// the structural merge. Printed (run with --nocapture); the test holds the structural merge
/// to no more conflicted merges and no invalid clean result.
#[test]
#[cfg_attr(windows, ignore = "runs git.exe, which the Wine test runner has not")]
fn line_merge_and_structural_merge_compared_on_random_edits() {
    let base = with_deliverable(&with_deliverable(BASE, "d", "c1"), "e", "c2");
    let sb = Sandbox::new();
    let mut rng = Lcg(11);
    let cases = 300;
    let (mut line_conflicted, mut line_regions, mut line_invalid) = (0, 0, 0);
    let (mut ours_conflicted, mut ours_regions) = (0, 0);
    for _ in 0..cases {
        let ours = random_side(&base, &mut rng, "ours");
        let theirs = random_side(&base, &mut rng, "theirs");
        let paths = [("o", &ours), ("b", &base), ("t", &theirs)].map(|(n, t)| sb.file(n, t));
        let out = Command::new("git")
            .arg("merge-file")
            .arg("-p")
            .args(&paths)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", sb.dir.path())
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let regions = conflict_markers(&text);
        if regions > 0 {
            line_conflicted += 1;
            line_regions += regions;
        } else if Document::from_text(text).is_err() {
            line_invalid += 1;
        }
        let m = merge(&base, &ours, &theirs);
        if m.conflicts > 0 {
            ours_conflicted += 1;
            ours_regions += m.conflicts;
        } else {
            valid(&m.text);
        }
    }
    eprintln!(
        "{cases} random pairs: line merge {line_conflicted} conflicted ({line_regions} regions), \
         {line_invalid} clean but not a valid dataset; structural merge {ours_conflicted} \
         conflicted ({ours_regions} regions), 0 invalid"
    );
    assert!(ours_conflicted <= line_conflicted + line_invalid);
}

#[test]
fn compact_files_stay_compact() {
    let base = r#"{"version":1,"councils":[{"id":"c","name":"C"}],"deliverables":[{"id":"a","council":"c","title":"A","status":"planned"},{"id":"b","council":"c","title":"B","status":"planned"}]}"#;
    let ours = edited(base, "a", Editable::Status, Some("done"), T2);
    let theirs = edited(base, "a", Editable::Notes, Some("n"), T1);
    let theirs = edited(&theirs, "b", Editable::Status, Some("blocked"), T1);
    let m = merge(base, &ours, &theirs);
    assert_eq!(m.conflicts, 0);
    assert!(!m.text.contains('\n'), "{}", m.text);
    let doc = valid(&m.text);
    let a = &doc.data().deliverables[0];
    assert_eq!(
        (a.status.as_str(), a.notes().as_deref(), a.history().len()),
        ("done", Some("n"), 2)
    );
    assert_eq!(doc.data().deliverables[1].status, "blocked");
    // On one line, a clash takes the whole line; each side of it is the whole file.
    let clash = edited(base, "a", Editable::Status, Some("blocked"), T1);
    let m = merge(base, &ours, &clash);
    assert_eq!(m.conflicts, 1);
    let c = conflicted::read(&m.text).unwrap();
    assert_eq!(
        valid(&c.resolve(&[Side::Theirs]).unwrap())
            .data()
            .deliverables[0]
            .status,
        "blocked"
    );
}

// A Unix pseudo-terminal.
#[test]
#[cfg(unix)]
fn the_terminal_ui_asks_each_conflict_of_a_file_and_writes_it_when_all_are_answered() {
    let ours = edited(BASE, "a", Editable::Status, Some("done"), T1);
    let ours = edited(&ours, "b", Editable::Owner, Some("Ana"), T1);
    let theirs = edited(BASE, "a", Editable::Status, Some("blocked"), T2);
    let theirs = edited(&theirs, "b", Editable::Owner, Some("Ben"), T2);
    let text = merge(BASE, &ours, &theirs).text;
    assert!(text.contains("<<<<<<<"), "{text}");
    let sb = Sandbox::new();
    let path = sb.file("o.json", &text);
    let mut tui = common::pty::Tui::start(&[path.to_str().unwrap()], &sb, 24, 100);
    tui.wait_for("Conflicts from a merge: 0 of 2 answered");
    let line = text.lines().position(|l| l.starts_with("<<<<<<<")).unwrap() + 1;
    tui.wait_for(&format!("line {line}: a · status"));
    // Nothing is written while a region has no answer.
    tui.keys("t");
    tui.wait_for("1 of 2 answered");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    tui.keys("m");
    tui.wait_for("resolved 2 conflicts");
    tui.wait_for("saved");
    tui.keys("q");
    assert_eq!(tui.exit_code(), 0);
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(!written.contains("<<<<<<<"), "{written}");
    let doc = councilor::document::Document::from_text(written).unwrap();
    let a = doc
        .data()
        .deliverables
        .iter()
        .find(|d| d.id == "a")
        .unwrap();
    let b = doc
        .data()
        .deliverables
        .iter()
        .find(|d| d.id == "b")
        .unwrap();
    assert_eq!(a.status, "blocked", "theirs taken");
    assert_eq!(b.owner.as_deref(), Some("Ana"), "ours kept");
}

/// Both sides' entries stay in time order, so the later one is last: when the earlier side's
/// value is kept, one more entry records it, and the field's last entry names the value kept.
// A Unix pseudo-terminal.
#[test]
#[cfg(unix)]
fn after_a_clash_is_resolved_the_last_history_entry_names_the_value_kept() {
    let ours = edited(BASE, "a", Editable::Status, Some("done"), T1);
    let ours = edited(&ours, "b", Editable::Owner, Some("Ana"), T1);
    let theirs = edited(BASE, "a", Editable::Status, Some("blocked"), T2);
    let theirs = edited(&theirs, "b", Editable::Owner, Some("Ben"), T2);
    let text = merge(BASE, &ours, &theirs).text;
    let sb = Sandbox::new();
    let path = sb.file("o.json", &text);
    let mut tui = common::pty::Tui::start(&[path.to_str().unwrap()], &sb, 24, 100);
    tui.wait_for("0 of 2 answered");
    // a: theirs (the later entry), b: ours (the earlier one).
    tui.keys("t");
    tui.wait_for("1 of 2 answered");
    tui.keys("m");
    tui.wait_for("resolved 2 conflicts");
    tui.wait_for("saved");
    tui.keys("q");
    assert_eq!(tui.exit_code(), 0);
    let doc = valid(&std::fs::read_to_string(&path).unwrap());
    let entries = |id: &str| -> Vec<(String, String, String, String)> {
        let d = &doc.data().deliverables[doc.data().deliverable_index(id).unwrap()];
        d.history()
            .iter()
            .map(|h| {
                let text = |v: &Option<_>| v.as_deref().unwrap_or("").to_string();
                (text(&h.field), text(&h.from), text(&h.to), text(&h.at))
            })
            .collect()
    };
    let a = entries("a");
    assert_eq!(a.len(), 3, "theirs kept, their entry last: nothing added");
    assert_eq!((a[2].0.as_str(), a[2].2.as_str()), ("status", "blocked"));
    let b = entries("b");
    assert_eq!(b.len(), 3, "{b:?}");
    let (field, from, to, at) = &b[2];
    assert_eq!(
        (field.as_str(), from.as_str(), to.as_str()),
        ("owner", "Ben", "Ana")
    );
    assert!(at.as_str() >= T2, "in time order: {at}");
}

// A Unix pseudo-terminal.
#[test]
#[cfg(unix)]
fn leaving_the_conflicts_of_a_file_unanswered_leaves_it_as_the_merge_left_it() {
    let ours = edited(BASE, "a", Editable::Status, Some("done"), T1);
    let theirs = edited(BASE, "a", Editable::Status, Some("blocked"), T2);
    let text = merge(BASE, &ours, &theirs).text;
    let sb = Sandbox::new();
    let path = sb.file("o.json", &text);
    let mut tui = common::pty::Tui::start(&[path.to_str().unwrap()], &sb, 24, 100);
    tui.wait_for("0 of 1 answered");
    tui.keys("q");
    assert_eq!(tui.exit_code(), 0);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn a_merge_that_breaks_a_rule_is_written_and_reported_as_a_conflict() {
    // Ours removes council c2 with its deliverable; theirs adds a deliverable to c2.
    let ours = without(BASE, "c").replacen(
        ",\n    {\n      \"id\": \"c2\",\n      \"name\": \"C2\"\n    }",
        "",
        1,
    );
    valid(&ours);
    let theirs = with_deliverable(BASE, "d", "c2");
    let sb = Sandbox::new();
    let [base, ours_path, theirs] =
        [("b", BASE), ("o", &ours), ("t", &theirs)].map(|(n, t)| sb.file(n, t));
    let run = sb.run(&[
        "merge-driver",
        base.to_str().unwrap(),
        ours_path.to_str().unwrap(),
        theirs.to_str().unwrap(),
        "outcomes.json",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("deliverables[2].council: no council with id \"c2\""),
        "{}",
        run.stderr
    );
    let merged = std::fs::read_to_string(&ours_path).unwrap();
    assert!(merged.contains("\"id\": \"d\""), "{merged}");
}
