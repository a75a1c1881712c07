//! Minutes and reports people can send: local times with the zone, only what changed, a
//! plain-text form for e-mail, each deliverable once.

use crate::common;

use std::process::Command;

fn export(path: &str, args: &[&str]) -> String {
    let out = Command::new(common::BIN)
        .arg("export")
        .arg(path)
        .args(args)
        .env("TZ", "Europe/Brussels")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn minutes_list_only_what_changed_at_local_times_with_a_header() {
    let sb = common::Sandbox::new();
    let path = sb.file("o.json", common::bundled());
    let p = path.to_str().unwrap();
    // eid-moc has notes; a status-only change must not print them again.
    let run = sb.run(&["set", p, "eu-jp-dpc-2/eid-moc", "--status", "blocked"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = councilor::document::Document::from_text(common::bundled()).unwrap();
    let data = doc.data();
    let notes = data.deliverables[data.deliverable_index("eu-jp-dpc-2/eid-moc").unwrap()]
        .notes()
        .clone()
        .unwrap();
    let md = export(p, &["--format", "markdown", "--since", "2026-01-01"]);
    assert!(
        md.starts_with("# Minutes: EU digital partnership and trade and technology councils\n"),
        "{md}"
    );
    assert!(
        md.contains("Changes recorded from 2026-01-01 00:00 "),
        "{md}"
    );
    assert!(md.contains(" status: done → blocked"), "{md}");
    // The zone's name comes from the system's zone database, read through TZ on Unix.
    if cfg!(unix) {
        assert!(
            md.contains("2026-01-01 00:00 CET until this was made, "),
            "{md}"
        );
        assert!(md.contains(" CET status: done → blocked"), "{md}");
    }
    assert!(
        !md.contains(&notes[..20]),
        "the old notes are not repeated: {md}"
    );
    assert!(
        !md.contains("T00:") && !md.contains('Z'),
        "no raw UTC: {md}"
    );

    let text = export(p, &["--format", "text", "--since", "2026-01-01"]);
    assert!(
        text.starts_with(
            "Minutes: EU digital partnership and trade and technology councils\n====="
        ),
        "{text}"
    );
    for mark in ["**", "`", "# ", "##"] {
        assert!(!text.contains(mark), "{mark:?} in plain text: {text}");
    }
    assert!(
        text.lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 72),
        "wrapped at 72: {text}"
    );
    assert!(text.contains("[blocked] (eu-jp-dpc-2/eid-moc)"), "{text}");
}

#[test]
fn the_full_report_lists_each_deliverable_once_naming_its_other_areas() {
    let sb = common::Sandbox::new();
    let path = sb.file("o.json", common::bundled());
    let md = export(path.to_str().unwrap(), &["--format", "markdown"]);
    let entries = md.lines().filter(|l| l.starts_with("- **")).count();
    assert_eq!(entries, 69, "{md}");
    assert!(md.contains("(eu-jp-dpc-2/eid-moc) · also Data"), "{md}");
    assert!(md.contains("Status on "), "{md}");
}

/// A note edit that adds a line: the details' history shows that line (not both whole
/// notes with ␊ for the breaks), and CSV keeps the real line breaks in quoted fields.
#[test]
fn note_history_shows_the_lines_added_and_csv_keeps_line_breaks() {
    use councilor::action::Action;
    use councilor::model::Editable;
    let sb = common::Sandbox::new();
    let path = sb.file("o.json", common::bundled());
    let (doc, _) = councilor::store::open(&path).unwrap();
    let mut app = councilor::app::App::new(doc, "o.json".into(), false);
    crate::meeting_screen::type_keys(&mut app, "\t\t");
    app.update(Action::EditField(Editable::Notes), "2026-11-30T22:48:28Z");
    app.paste("\nAgreed: pilot in Q3.", "2026-11-30T22:48:28Z");
    app.update(Action::EditorSave, "2026-11-30T22:48:28Z");
    app.set_zone(councilor::zone::Zone::fixed(3600, "CET"));
    app.update(Action::NextPane, "2026-11-30T22:48:28Z");
    for _ in 0..40 {
        app.update(Action::Down, "2026-11-30T22:48:28Z");
    }
    let screen = crate::meeting_screen::text(&app, 100, 60);
    assert!(screen.contains("2026-11-30 23:48 CET notes:"), "{screen}");
    assert!(screen.contains("+ Agreed: pilot in Q3."), "{screen}");
    assert!(!screen.contains('␊'), "{screen}");

    std::fs::write(&path, app.document().text().as_bytes()).unwrap();
    let csv = export(
        path.to_str().unwrap(),
        &["--format", "csv", "--since", "2026-01-01"],
    );
    assert!(csv.contains("\nAgreed: pilot in Q3.\""), "{csv}");
    assert!(!csv.contains('␊'), "{csv}");
}

/// Deliverables added by hand have no history: the minutes of a period in which their
/// council met list them as new, rather than leaving them out.
#[test]
fn minutes_list_the_deliverables_of_a_council_that_met_in_the_period() {
    let sb = common::Sandbox::new();
    let path = sb.file("o.json", common::bundled());
    // The First EU–Canada council met on 2025-12-08; its deliverables have no history.
    let md = export(
        path.to_str().unwrap(),
        &["--format", "markdown", "--since", "2025-12-01"],
    );
    assert!(
        md.contains("## First EU–Canada Digital Partnership Council"),
        "{md}"
    );
    assert!(
        md.contains("new: agreed at the council of 2025-12-08"),
        "{md}"
    );
    let later = export(
        path.to_str().unwrap(),
        &["--format", "markdown", "--since", "2025-12-09"],
    );
    assert!(!later.contains("new: agreed"), "{later}");
}

/// The changes view and the minutes name the same deliverables: those with history in the
/// period, and those written by hand (no history) in a council that met in it.
#[test]
fn the_changes_view_and_the_minutes_name_the_same_deliverables() {
    let sb = common::Sandbox::new();
    let path = sb.file("o.json", common::bundled());
    let p = path.to_str().unwrap();
    let run = sb.run(&["set", p, "eu-jp-dpc-2/eid-moc", "--status", "blocked"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = export(p, &["--format", "markdown", "--since", "2025-12-01"]);
    let doc = councilor::document::Document::from_bytes(std::fs::read(&path).unwrap()).unwrap();
    let data = doc.data();
    // Brussels in December, as the export above ran.
    let zone = councilor::zone::Zone::fixed(3600, "CET");
    let since = zone.midnight("2025-12-01").unwrap();
    let mut in_view: Vec<&str> = councilor::figures::changed_since(data, &since, &zone)
        .iter()
        .map(|&(d, _)| data.deliverables[d].id.as_str())
        .collect();
    in_view.dedup();
    assert!(in_view.contains(&"eu-jp-dpc-2/eid-moc"), "{in_view:?}");
    assert!(
        in_view.iter().any(|id| id.starts_with("eu-ca-dpc-1/")),
        "the Canada council met on 2025-12-08: {in_view:?}"
    );
    // The ids of the deliverables a text names, each written as `mark` makes it.
    let named = |text: &str, mark: &dyn Fn(&str) -> String| -> Vec<String> {
        let mut ids: Vec<String> = data
            .deliverables
            .iter()
            .map(|d| d.id.to_string())
            .filter(|id| text.contains(&mark(id)))
            .collect();
        ids.sort();
        ids
    };
    in_view.sort();
    assert_eq!(in_view, named(&md, &|id| format!("({id})")));
    // The CSV minutes too: a row per change, and one per deliverable agreed unrecorded.
    let csv = export(p, &["--format", "csv", "--since", "2025-12-01"]);
    assert_eq!(in_view, named(&csv, &|id| format!(",{id},")));
    assert!(
        csv.lines().any(|l| l.starts_with("eu-ca-dpc-1,")
            && l.contains(",2025-12-08,new,,")
            && l.ends_with(",agreed at the council of 2025-12-08")),
        "{csv}"
    );
}
