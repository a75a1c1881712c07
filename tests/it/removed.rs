//! Removed deliverables (`"removed": true`): kept in the file, left out of every list, count,
//! search and report; `is:removed` finds them. The chain of `follows` in the details.

use crate::common::Sandbox;
use councilor::action::Action;
use councilor::app::App;
use councilor::document::Document;
use councilor::figures::{Figures, StatusCounts};
use councilor::ui::{self, FrameState, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const NOW: &str = "2026-11-27T09:14:03Z";

/// Three deliverables of one council: `kept`, `gone` (removed, overdue, in area `ai`) and
/// `next`, which follows `kept`.
pub const FILE: &str = r#"{
  "version": 1,
  "councils": [{"id": "c", "name": "Council"}],
  "areas": [{"id": "ai", "name": "AI"}, {"id": "eid", "name": "eID"}],
  "deliverables": [
    {"id": "kept", "council": "c", "areas": ["eid"], "title": "Kept thing", "status": "planned"},
    {"id": "gone", "council": "c", "areas": ["ai"], "title": "Gone thing", "status": "planned", "due": "2020", "removed": true,
     "history": [{"at": "2026-11-01T10:00:00Z", "field": "removed"}]},
    {"id": "next", "council": "c", "areas": ["eid"], "title": "Next thing", "status": "done", "follows": "kept"}
  ]
}
"#;

fn app() -> App {
    App::new(
        Document::from_text(FILE.to_string()).unwrap(),
        "o.json".into(),
        false,
    )
}

#[test]
fn the_loader_reads_removed_and_follows() {
    let doc = Document::from_text(FILE.to_string()).unwrap();
    let d = &doc.data().deliverables;
    assert_eq!(
        d.iter().map(|x| x.removed).collect::<Vec<_>>(),
        [false, true, false]
    );
    assert_eq!(d[2].follows.as_deref(), Some("kept"));
    assert_eq!(d[1].history()[0].field.as_deref(), Some("removed"));
}

#[test]
fn removed_that_is_not_a_boolean_is_a_located_error() {
    let text = FILE.replace("\"removed\": true", "\"removed\": \"yes\"");
    let err = Document::from_text(text).unwrap_err();
    assert_eq!(err.problems.len(), 1);
    assert_eq!(err.problems[0].line, Some(7));
    assert!(
        err.problems[0]
            .message
            .starts_with("deliverables[1].removed: expected true or false, found a string"),
        "{:?}",
        err.problems
    );
}

#[test]
fn counts_and_overdue_leave_removed_ones_out() {
    let doc = Document::from_text(FILE.to_string()).unwrap();
    let data = doc.data();
    let counts = StatusCounts::new(data);
    // planned, in_progress, done, blocked, dropped
    assert_eq!(counts.total, [1, 0, 1, 0, 0]);
    assert_eq!(
        counts.per_area[0],
        [0, 0, 0, 0, 0],
        "area ai has only the removed one"
    );
    assert!(Figures::new(data).overdue(data, "2026-11-27").is_empty());
}

#[test]
fn the_panes_and_the_search_leave_removed_ones_out_and_is_removed_shows_them() {
    let mut app = app();
    let ids = |app: &App| -> Vec<String> {
        app.rows()
            .iter()
            .map(|&i| app.data().deliverables[i].id.to_string())
            .collect()
    };
    assert_eq!(ids(&app), ["kept", "next"]);
    assert!(
        app.area_rows().iter().all(|r| r.area != 0),
        "the area of only a removed one has no row"
    );
    app.update(Action::OpenSearch, NOW);
    for c in "is:removed".chars() {
        app.update(Action::LineChar(c), NOW);
    }
    assert_eq!(ids(&app), ["gone"]);
    assert!(
        app.search().problems.is_empty(),
        "{:?}",
        app.search().problems
    );
    for _ in 0.."removed".len() {
        app.update(Action::LineBackspace, NOW);
    }
    for c in "nothing".chars() {
        app.update(Action::LineChar(c), NOW);
    }
    assert_eq!(ids(&app), ["kept", "next"], "an unknown is: is ignored");
    assert_eq!(
        app.search().problems,
        [
            "no category matches \"nothing\"; use is:open is:active is:blocked is:done is:dropped is:overdue is:removed"
        ]
    );
}

#[test]
fn the_command_line_leaves_removed_ones_out_of_lists_and_reports() {
    let sb = Sandbox::new();
    let path = sb.file("o.json", FILE);
    let p = path.to_str().unwrap();
    let run = sb.run(&["validate", p]);
    assert_eq!(
        run.stdout.lines().next(),
        Some("1 council, 2 areas, 3 deliverables (1 removed)")
    );
    let run = sb.run(&["list", p]);
    let ids: Vec<&str> = run
        .stdout
        .lines()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(ids, ["kept", "next"]);
    let run = sb.run(&["list", p, "--query", "is:removed"]);
    assert!(run.stdout.starts_with("gone\t"), "{}", run.stdout);
    assert_eq!(run.stdout.lines().count(), 1);
    // The report's overall progress leaves the removed one out, as every other figure does.
    let run = sb.run(&["export", p, "--format", "markdown"]);
    assert!(
        run.stdout.contains("Overall: 1/2 done (50%)"),
        "{}",
        run.stdout
    );
    for format in ["markdown", "csv", "ics"] {
        let run = sb.run(&["export", p, "--format", format]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        if format != "ics" {
            assert!(
                run.stdout.contains("Kept thing"),
                "{format}: {}",
                run.stdout
            );
        }
        assert!(
            !run.stdout.contains("Gone thing"),
            "{format}: {}",
            run.stdout
        );
    }
}

#[test]
fn the_details_show_the_chain_both_ways() {
    let mut app = app();
    let draw = |app: &App| {
        let mut terminal = Terminal::new(TestBackend::new(120, 30)).unwrap();
        terminal
            .draw(|f| ui::render(f, app, &mut FrameState::default(), &Theme { color: false }))
            .unwrap();
        format!("{:?}", terminal.backend().buffer())
    };
    // The details show the deliverable once the deliverables pane has the focus.
    for a in [Action::NextPane, Action::NextPane] {
        app.update(a, NOW);
    }
    let first = draw(&app);
    assert!(
        first.contains("Followed up by Next thing (next)"),
        "{first}"
    );
    app.update(Action::Down, NOW);
    let second = draw(&app);
    assert!(second.contains("Follows  Kept thing (kept)"), "{second}");
}

#[test]
fn x_removes_after_a_question_restores_a_removed_one_and_u_takes_it_back() {
    let mut app = app();
    for a in [Action::NextPane, Action::NextPane] {
        app.update(a, NOW);
    }
    assert_eq!(app.selected().unwrap().id, "kept");
    app.update(Action::Remove, NOW);
    assert_eq!(app.question(), Some("remove \"Kept thing\"? y/n"));
    app.update(Action::Confirm(false), NOW);
    assert!(app.question().is_none());
    assert_eq!(app.document().text(), FILE, "no changes nothing");
    app.update(Action::Remove, NOW);
    let effect = app.update(Action::Confirm(true), NOW);
    assert_eq!(effect, Some(councilor::action::Effect::Save));
    let text = app.document().text().to_string();
    assert!(text.contains("\"status\": \"planned\", \"removed\": true, \"history\": [{\"at\": \"2026-11-27T09:14:03Z\", \"field\": \"removed\"}]}"), "{text}");
    let kept = &app.data().deliverables[0];
    assert!(kept.removed);
    assert_eq!(
        kept.history().last().cloned().unwrap().field.as_deref(),
        Some("removed")
    );
    assert_eq!(app.rows().len(), 1, "it left the list");
    assert_eq!(app.figures().counts().total, [0, 0, 1, 0, 0]);
    assert_eq!(app.message().unwrap().text, "kept: removed (u to undo)");
    // One undo step gives back the file byte for byte.
    app.update(Action::Undo, NOW);
    assert_eq!(app.document().text(), FILE);
    assert_eq!(app.rows().len(), 2);
    assert_eq!(app.figures().counts().total, [1, 0, 1, 0, 0]);
    // A removed one, shown by is:removed, is restored by the same key.
    app.update(Action::OpenSearch, NOW);
    for c in "is:removed".chars() {
        app.update(Action::LineChar(c), NOW);
    }
    app.update(Action::LineAccept, NOW);
    assert_eq!(app.selected().unwrap().id, "gone");
    app.update(Action::Remove, NOW);
    assert_eq!(app.question(), Some("restore \"Gone thing\"? y/n"));
    app.update(Action::Confirm(true), NOW);
    assert!(!app.data().deliverables[1].removed);
    assert_eq!(
        app.data().deliverables[1]
            .history()
            .last()
            .unwrap()
            .field
            .as_deref(),
        Some("restored")
    );
    assert!(
        app.rows().is_empty(),
        "no longer removed: is:removed does not show it"
    );
    assert_eq!(
        app.figures().overdue(app.data(), "2026-11-27").len(),
        1,
        "back in the figures"
    );
}

#[test]
fn a_removed_deliverable_is_restored_before_it_is_edited() {
    let mut app = app();
    app.update(Action::OpenSearch, NOW);
    for c in "is:removed".chars() {
        app.update(Action::LineChar(c), NOW);
    }
    app.update(Action::LineAccept, NOW);
    assert!(app.selected().unwrap().removed);
    let before = app.document().text().to_string();
    assert_eq!(app.update(Action::SetStatus(2), NOW), None);
    assert_eq!(app.update(Action::CycleStatus(1), NOW), None);
    app.update(Action::EditField(councilor::model::Editable::Notes), NOW);
    assert!(app.editor().is_none(), "no editor on a removed one");
    assert!(
        app.message().unwrap().text.contains("x restores it"),
        "{}",
        app.message().unwrap().text
    );
    assert_eq!(app.document().text(), before);
}
