//! The real event loop on a TestBackend: scripted keys, a real file, the real save path.

mod common;

use std::collections::VecDeque;

use councilor::app::App;
use councilor::event_loop::{self, Session};
use councilor::store;
use councilor::ui::theme::Theme;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn key(c: KeyCode) -> Event {
    Event::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

fn chars(s: &str) -> Vec<Event> {
    s.chars().map(|c| key(KeyCode::Char(c))).collect()
}

/// Runs the loop over `events` on a copy of the bundled dataset; returns the app, the
/// terminal and the file's text afterwards.
fn run(
    events: Vec<Event>,
    prepare: impl FnOnce(&std::path::Path),
) -> (App, Terminal<TestBackend>, String) {
    let sb = common::Sandbox::new();
    let path = sb.file("o.json", common::bundled());
    let (doc, fingerprint) = store::open(&path).unwrap();
    prepare(&path);
    let mut app = App::new(doc, "o.json".into(), false);
    let mut session = Session {
        path: path.clone(),
        fingerprint,
    };
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let mut queue: VecDeque<Event> = events.into();
    let clock = || ("2026-11-27T09:14:03Z".to_string(), "10:14:03".to_string());
    event_loop::run(
        &mut terminal,
        &mut app,
        &mut session,
        Theme { color: false },
        &clock,
        || Ok(queue.pop_front()),
    )
    .unwrap();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    (app, terminal, text)
}

fn screen(t: &Terminal<TestBackend>) -> String {
    t.backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect()
}

#[test]
fn a_status_key_is_on_disk_before_the_next_key() {
    // Councils: down twice (2nd EU-Japan); Enter twice to the deliverables; down 9 times (D10).
    let mut events = chars("jj");
    events.extend([key(KeyCode::Enter), key(KeyCode::Enter)]);
    events.extend(chars("jjjjjjjjjs"));
    let (app, terminal, text) = run(events, |_| {});
    let d = app.selected().unwrap();
    assert_eq!(d.id, "eu-jp-dpc-2/ai-office-safety-institute");
    assert_eq!(d.status, "in_progress");
    let doc = councilor::document::Document::from_text(text).unwrap();
    let on_disk = &doc.data().deliverables[doc.data().deliverable_index(&d.id).unwrap()];
    assert_eq!(on_disk.status, "in_progress");
    assert_eq!(on_disk.history.len(), 1);
    assert_eq!(
        on_disk.history[0].at.as_deref(),
        Some("2026-11-27T09:14:03Z")
    );
    let shown = screen(&terminal);
    assert!(
        shown
            .contains("eu-jp-dpc-2/ai-office-safety-institute: planned -> in_progress (u to undo)"),
        "{shown}"
    );
    assert!(shown.contains("saved 10:14:03"), "{shown}");
}

#[test]
fn undo_on_disk_returns_the_original_bytes() {
    let mut events = vec![key(KeyCode::Tab), key(KeyCode::Tab)];
    events.extend(chars("sjs2jS"));
    events.extend(chars("uuuu"));
    let (_, _, text) = run(events, |_| {});
    assert_eq!(text, common::bundled());
}

#[test]
fn a_refused_save_keeps_the_edit_and_the_loop_running() {
    // Someone else changes the file after it was opened: the save is refused, not forced.
    let mut events = vec![key(KeyCode::Tab), key(KeyCode::Tab)];
    events.extend(chars("s"));
    events.push(key(KeyCode::Down));
    let (app, terminal, text) = run(events, |path| {
        std::fs::write(path, common::bundled().replace("Arctic", "Arktis")).unwrap();
    });
    assert!(
        text.contains("Arktis") && !text.contains("\"to\""),
        "their version is untouched"
    );
    assert_eq!(app.selected_row(), 1, "keys still work after the failure");
    assert_eq!(
        app.data().deliverables[0].status,
        "blocked",
        "the edit is kept in memory"
    );
    let shown = screen(&terminal);
    assert!(shown.contains("NOT SAVED"), "{shown}");
    assert!(shown.contains("changed on disk"), "{shown}");
}

#[test]
fn ctrl_c_quits_from_the_help_overlay() {
    let events = vec![
        key(KeyCode::Char('?')),
        Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        key(KeyCode::Char('j')),
    ];
    let (app, _, text) = run(events, |_| {});
    assert_eq!(
        app.council_cursor(),
        0,
        "the key after Ctrl-c was never read"
    );
    assert_eq!(text, common::bundled());
}
