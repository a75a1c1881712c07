//! The commands that record a meeting (`add`, `edit`, `remove`, `restore`, `purge`): their
//! output, exit codes, the lines they change in the file, and the history entries they write.

use crate::common::{Sandbox, bundled};
use councilor::document::Document;

const DPC2: &str = "eu-jp-dpc-2";

fn data(path: &std::path::Path) -> Document {
    Document::from_text(std::fs::read_to_string(path).unwrap()).unwrap()
}

fn deliverable<'a>(doc: &'a Document, id: &str) -> &'a councilor::model::Deliverable {
    let i = doc
        .data()
        .deliverable_index(id)
        .expect("the deliverable is there");
    &doc.data().deliverables[i]
}

#[test]
fn add_deliverable_prints_the_id_and_adds_only_its_lines_and_one_comma() {
    let sb = Sandbox::new();
    let path = sb.file("o.json", bundled());
    let p = path.to_str().unwrap();
    let run = sb.run(&[
        "add",
        "deliverable",
        p,
        "--council",
        DPC2,
        "--title",
        "Joint AI safety evaluation",
        "--area",
        "ai",
        "--area",
        "research",
        "--due",
        "2026-06",
        "--owner",
        "AI Office",
        "--description",
        "Evaluate models together.",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "eu-jp-dpc-2/joint-ai-safety-evaluation\n");
    let after = std::fs::read_to_string(&path).unwrap();
    let original = bundled();
    let diff = similar::TextDiff::from_lines(original.as_str(), after.as_str());
    let changes: Vec<(similar::ChangeTag, String)> = diff
        .iter_all_changes()
        .filter(|c| c.tag() != similar::ChangeTag::Equal)
        .map(|c| (c.tag(), c.value().to_string()))
        .collect();
    assert!(
        changes
            .iter()
            .all(|(t, _)| *t == similar::ChangeTag::Insert),
        "only new lines (the comma is the neighbour's own): {changes:?}"
    );
    assert!(
        changes
            .iter()
            .any(|(_, l)| l == "      \"areas\": [\"ai\", \"research\"],\n")
    );
    let doc = data(&path);
    let d = deliverable(&doc, "eu-jp-dpc-2/joint-ai-safety-evaluation");
    assert_eq!(
        (d.status.as_str(), d.due.as_deref(), d.owner.as_deref()),
        ("planned", Some("2026-06"), Some("AI Office"))
    );
    assert_eq!(d.history().len(), 1);
    assert_eq!(d.history()[0].field.as_deref(), Some("created"));
    // After the last deliverable of its council.
    let i = doc.data().deliverable_index(&d.id).unwrap();
    assert_eq!(doc.data().deliverables[i - 1].council, DPC2);
    assert_ne!(doc.data().deliverables[i + 1].council, DPC2);
    // The same title again: the next free id.
    let run = sb.run(&[
        "add",
        "deliverable",
        p,
        "--council",
        DPC2,
        "--title",
        "Joint AI safety evaluation",
    ]);
    assert_eq!(run.stdout, "eu-jp-dpc-2/joint-ai-safety-evaluation-2\n");
}

#[test]
fn data_errors_exit_1_name_the_bad_value_and_the_choices_and_change_nothing() {
    let sb = Sandbox::new();
    let path = sb.file("o.json", bundled());
    let p = path.to_str().unwrap();
    let add = |extra: &[&str]| {
        let mut args = vec!["add", "deliverable", p, "--title", "T"];
        args.extend_from_slice(extra);
        sb.run(&args)
    };
    let cases: Vec<(crate::common::Run, &str)> = vec![
        (
            add(&["--council", "nope"]),
            "councilor: unknown council \"nope\"; choose one of: eu-jp-dpc-1, eu-jp-dpc-2,",
        ),
        (
            add(&["--council", DPC2, "--area", "zz"]),
            "councilor: unknown area \"zz\"; choose among: ai, 6g,",
        ),
        (
            add(&["--council", DPC2, "--status", "open"]),
            "councilor: unknown status \"open\"; choose one of: planned, in_progress, done, blocked, dropped",
        ),
        (
            add(&["--council", DPC2, "--due", "2026-13"]),
            "councilor: due date \"2026-13\" is not a date",
        ),
        (
            add(&["--council", DPC2, "--id", "eu-jp-dpc-2/eid-moc"]),
            "councilor: id \"eu-jp-dpc-2/eid-moc\" is taken; \"eu-jp-dpc-2/eid-moc-2\" is free",
        ),
        (
            add(&["--council", DPC2, "--follows", "x"]),
            "councilor: no deliverable with id \"x\"",
        ),
        (
            sb.run(&["edit", p, "nosuch", "--title", "x"]),
            "councilor: no deliverable with id \"nosuch\"",
        ),
        (
            sb.run(&["edit", p, "eu-jp-dpc-2/eid-moc", "--council", "zz"]),
            "councilor: unknown council \"zz\"; choose one of:",
        ),
        (
            sb.run(&["edit", p, "eu-jp-dpc-2/eid-moc", "--title", " "]),
            "councilor: a deliverable's title must not be empty",
        ),
        (
            sb.run(&["edit", p, "ai", "--owner", "x"]),
            "councilor: ai is an area; it has no field owner to edit; its fields: name, description",
        ),
        (
            sb.run(&["edit", p, DPC2, "--date", "May"]),
            "councilor: date \"May\" is not a date",
        ),
        (
            sb.run(&["remove", p, "smes"]),
            "councilor: area smes is used by 2 deliverables; an area is removed only when none uses it",
        ),
        (
            sb.run(&["restore", p, "eu-jp-dpc-2/eid-moc"]),
            "councilor: eu-jp-dpc-2/eid-moc is not removed",
        ),
        (
            sb.run(&["add", "council", p, "--name", "X", "--id", DPC2]),
            "councilor: council id \"eu-jp-dpc-2\" is taken; \"eu-jp-dpc-2-2\" is free",
        ),
    ];
    for (run, start) in cases {
        assert_eq!(run.code, 1, "{start}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{}", run.stdout);
        assert!(
            run.stderr.starts_with(start),
            "want {start:?}, got {}",
            run.stderr
        );
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), bundled());
    let run = sb.run(&["edit", p, "eu-jp-dpc-2/eid-moc"]);
    assert_eq!(
        run.code, 2,
        "no field to set is a usage error: {}",
        run.stderr
    );
}

#[test]
fn edit_prints_one_line_per_changed_field_and_records_each() {
    let sb = Sandbox::new();
    let path = sb.file("o.json", bundled());
    let p = path.to_str().unwrap();
    let id = "eu-jp-dpc-2/eid-moc";
    let before = data(&path);
    let was = deliverable(&before, id).clone();
    let run = sb.run(&[
        "edit",
        p,
        id,
        "--title",
        "MoC on digital identity",
        "--area",
        "eid",
        "--area",
        "ai",
        "--notes",
        "",
        "--owner",
        &was.owner.clone().unwrap_or_default(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        format!(
            "{id}: title: {} -> MoC on digital identity\n{id}: notes: {} -> (none)\n{id}: areas: {} -> eid, ai\n",
            was.title,
            was.notes().as_deref().unwrap(),
            was.areas.join(", ")
        ),
        "unchanged fields say nothing"
    );
    let doc = data(&path);
    let d = deliverable(&doc, id);
    assert_eq!(d.title, "MoC on digital identity");
    assert_eq!(&*d.areas, ["eid", "ai"]);
    assert_eq!(d.notes(), None);
    let history = d.history();
    let fields: Vec<&str> = history[was.history().len()..]
        .iter()
        .map(|h| h.field.as_deref().unwrap())
        .collect();
    assert_eq!(fields, ["title", "notes", "areas"]);
    // Councils and areas, by their own ids and fields.
    let run = sb.run(&[
        "edit",
        p,
        DPC2,
        "--short",
        "EU–JP 2",
        "--location",
        "Brussels",
    ]);
    assert_eq!(run.stdout, "eu-jp-dpc-2: short: (none) -> EU–JP 2\n");
    let run = sb.run(&["edit", p, "ai", "--name", "AI"]);
    assert_eq!(run.stdout, "ai: name: Artificial intelligence -> AI\n");
    assert_eq!(data(&path).data().area("ai").unwrap().name, "AI");
    let run = sb.run(&["edit", p, "ai", "--name", "AI"]);
    assert_eq!(run.stdout, "nothing changed (nothing written)\n");
}

#[test]
fn remove_restore_and_purge() {
    let sb = Sandbox::new();
    let path = sb.file("o.json", bundled());
    let p = path.to_str().unwrap();
    let id = "eu-jp-dpc-2/eid-moc";
    assert_eq!(
        sb.run(&["remove", p, id]).stdout,
        format!("{id}: removed\n")
    );
    let doc = data(&path);
    assert!(deliverable(&doc, id).removed);
    assert_eq!(
        deliverable(&doc, id)
            .history()
            .last()
            .unwrap()
            .field
            .as_deref(),
        Some("removed")
    );
    assert_eq!(
        sb.run(&["validate", p]).stdout.lines().next(),
        Some("13 councils, 15 areas, 69 deliverables (1 removed)")
    );
    let list = sb.run(&["list", p]).stdout;
    assert!(!list.contains(id));
    let again = sb.run(&["remove", p, id]);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("removed already"), "{}", again.stderr);
    assert_eq!(
        sb.run(&["restore", p, id]).stdout,
        format!("{id}: restored\n")
    );
    assert!(sb.run(&["list", p]).stdout.contains(id));
    sb.run(&["remove", p, id]);
    // Without --yes, purge says what it would delete and deletes nothing.
    let dry = sb.run(&["purge", p]);
    assert_eq!(dry.code, 2);
    assert!(
        dry.stderr.contains(&format!(
            "purge deletes 1 removed deliverable for good ({id}); add --yes"
        )),
        "{}",
        dry.stderr
    );
    let kept = sb.run(&["purge", p, "--before", "2020-01-01", "--yes"]);
    assert_eq!(kept.stdout, "nothing changed (nothing written)\n");
    let purged = sb.run(&["purge", p, "--yes"]);
    assert_eq!(purged.stdout, format!("{id}: purged\n"));
    assert_eq!(
        sb.run(&["validate", p]).stdout.lines().next(),
        Some("13 councils, 15 areas, 68 deliverables")
    );
}

#[test]
fn add_council_and_area_then_take_the_area_away_gives_back_the_file() {
    let sb = Sandbox::new();
    let path = sb.file("o.json", bundled());
    let p = path.to_str().unwrap();
    let run = sb.run(&[
        "add",
        "council",
        p,
        "--name",
        "Third EU–Korea Digital Partnership Council",
        "--date",
        "2026-11-30",
        "--location",
        "Seoul",
        "--partner",
        "Korea",
        "--short",
        "EU–KR 3",
        "--series",
        "Digital Partnership Council",
    ]);
    assert_eq!(
        run.stdout, "third-eu-korea-digital-partnership\n",
        "{}",
        run.stderr
    );
    let run = sb.run(&["add", "council", p, "--name", "X", "--date", "2026-02-30"]);
    assert_eq!(run.code, 1);
    let doc = data(&path);
    let c = doc.data().councils.last().unwrap();
    assert_eq!(
        (c.date.as_deref(), c.location.as_deref()),
        (Some("2026-11-30"), Some("Seoul"))
    );
    assert_eq!(c.series.as_deref(), Some("Digital Partnership Council"));
    let run = sb.run(&[
        "add",
        "deliverable",
        p,
        "--council",
        &c.id,
        "--title",
        "Follow-up on eID",
        "--follows",
        "eu-jp-dpc-2/eid-moc",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = data(&path);
    let d = doc.data().deliverables.last().unwrap();
    assert_eq!(
        d.follows.as_deref(),
        Some("eu-jp-dpc-2/eid-moc"),
        "a new council's first goes last"
    );
    let with_council = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        sb.run(&["add", "area", p, "--name", "Green digital"])
            .stdout,
        "green-digital\n"
    );
    assert_eq!(
        sb.run(&["remove", p, "green-digital"]).stdout,
        "green-digital: area removed\n"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), with_council);
}

#[test]
fn minutes_and_the_changes_view_say_added_edited_removed_and_restored() {
    let sb = Sandbox::new();
    let path = sb.file("o.json", bundled());
    let p = path.to_str().unwrap();
    let id = "eu-jp-dpc-2/joint-ai-safety-evaluation";
    let run = sb.run(&[
        "add",
        "deliverable",
        p,
        "--council",
        DPC2,
        "--title",
        "Joint AI safety evaluation",
        "--area",
        "ai",
        "--owner",
        "AI Office",
        "--follows",
        "eu-jp-dpc-2/eid-moc",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    sb.run(&[
        "edit",
        p,
        id,
        "--title",
        "Joint AI safety evaluations",
        "--area",
        "ai",
        "--area",
        "research",
    ]);
    sb.run(&["remove", p, "eu-jp-dpc-2/hpc-joint-work"]);
    sb.run(&["remove", p, id]);
    sb.run(&["restore", p, id]);
    let today = &councilor::dates::now_utc()[..10];
    let minutes = sb
        .run(&["export", p, "--format", "markdown", "--since", today])
        .stdout;
    for said in [
        "added (council Second EU–Japan Digital Partnership Council, areas ai, status planned, owner AI Office, carried over from eu-jp-dpc-2/eid-moc)",
        "title: Joint AI safety evaluation → Joint AI safety evaluations",
        "areas: ai → ai, research",
        " removed\n",
        " restored\n",
        "(eu-jp-dpc-2/hpc-joint-work) — removed",
    ] {
        assert!(minutes.contains(said), "minutes lack {said:?}:\n{minutes}");
    }
    // The CSV minutes say what it was added with too, in the creation's note.
    let csv = sb
        .run(&["export", p, "--format", "csv", "--since", today])
        .stdout;
    let created = csv
        .lines()
        .find(|l| l.contains(id) && l.contains(",created,"))
        .unwrap_or_else(|| panic!("no creation row:\n{csv}"));
    assert!(
        created.ends_with(",\"council Second EU–Japan Digital Partnership Council, areas ai, status planned, owner AI Office, carried over from eu-jp-dpc-2/eid-moc\""),
        "{created}"
    );
    // The full report leaves the removed one out.
    let report = sb.run(&["export", p, "--format", "markdown"]).stdout;
    assert!(!report.contains("eu-jp-dpc-2/hpc-joint-work"));

    // The changes view says the same.
    use councilor::ui::{FrameState, theme::Theme};
    let doc = Document::from_text(std::fs::read_to_string(&path).unwrap()).unwrap();
    let mut app = councilor::app::App::new(doc, "o.json".into(), false);
    app.set_started(&format!("{today}T00:00:00Z"));
    app.update(
        councilor::action::Action::ShowScreen(councilor::vocabulary::Screen::Changes),
        "2026-01-01T00:00:00Z",
    );
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(200, 30)).unwrap();
    terminal
        .draw(|f| {
            councilor::ui::render(f, &app, &mut FrameState::default(), &Theme { color: false })
        })
        .unwrap();
    let screen = format!("{:?}", terminal.backend().buffer());
    for said in [
        "added: council Second EU–Japan Digital Partnership Council, areas ai",
        "title: Joint AI safety evaluation → Joint AI safety evaluations",
        "areas: ai → ai, research",
        "(eu-jp-dpc-2/hpc-joint-work)  removed",
        "restored",
    ] {
        assert!(
            screen.contains(said),
            "the changes view lacks {said:?}:\n{screen}"
        );
    }
}

/// Runs `councilor ARGS` (`FILE` in them is the file) while another writer holds the
/// file's lock; once it has had time
/// to read the file and wait, the file is changed as that writer would (`theirs`) and the
/// lock let go. (If it reads later, it reads their version: the outcome is the same.)
fn run_while_another_writer_saves(
    sb: &Sandbox,
    args: &[&str],
    theirs: impl FnOnce(&str) -> String,
) -> (crate::common::Run, String) {
    let path = sb.file("o.json", bundled());
    let lock = std::fs::File::create(councilor::store::lock_path(&path)).unwrap();
    lock.lock().unwrap();
    let p = path.to_str().unwrap();
    let full: Vec<&str> = args
        .iter()
        .map(|&a| if a == "FILE" { p } else { a })
        .collect();
    let child = std::process::Command::new(crate::common::BIN)
        .args(&full)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    std::fs::write(&path, theirs(&bundled())).unwrap();
    drop(lock);
    let run = crate::common::Run::from(child.wait_with_output().unwrap());
    (run, std::fs::read_to_string(&path).unwrap())
}

#[test]
fn an_add_merges_into_what_another_writer_added_meanwhile() {
    let sb = Sandbox::new();
    let (run, text) = run_while_another_writer_saves(
        &sb,
        &[
            "add",
            "deliverable",
            "FILE",
            "--council",
            DPC2,
            "--title",
            "Mine",
        ],
        |t| {
            let mut doc = Document::from_text(t.to_string()).unwrap();
            let new = councilor::create::NewDeliverable {
                council: DPC2.into(),
                title: "Theirs".into(),
                ..Default::default()
            };
            let c = councilor::create::deliverable(&doc, &new, "2026-01-01T00:00:00Z").unwrap();
            assert!(doc.splice(&c.splice));
            doc.text().to_string()
        },
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "eu-jp-dpc-2/mine\n");
    let doc = Document::from_text(text).unwrap();
    assert!(doc.data().deliverable_index("eu-jp-dpc-2/mine").is_some());
    assert!(doc.data().deliverable_index("eu-jp-dpc-2/theirs").is_some());
}

#[test]
fn a_removal_of_a_deliverable_another_writer_edited_meanwhile_is_refused_with_exit_3() {
    let sb = Sandbox::new();
    let id = "eu-jp-dpc-2/eid-moc";
    let mut theirs_text = String::new();
    let (run, text) = run_while_another_writer_saves(&sb, &["remove", "FILE", id], |t| {
        let mut doc = Document::from_text(t.to_string()).unwrap();
        let index = doc.data().deliverable_index(id).unwrap();
        let change = councilor::edit::Change {
            deliverable: index,
            field: councilor::model::Editable::Owner,
            to: Some("Them"),
            at: "2026-01-01T00:00:00Z",
            note: None,
        };
        let patch = councilor::edit::patch(&doc, &change).unwrap();
        assert!(doc.apply(&patch));
        theirs_text = doc.text().to_string();
        theirs_text.clone()
    });
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(&format!(
            "councilor: not saved: {id}: another writer edited it meanwhile"
        )),
        "{}",
        run.stderr
    );
    assert_eq!(text, theirs_text, "their file is left as it is");
}
