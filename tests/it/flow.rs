//! The real event loop on a TestBackend: scripted keys, a real file, the real save path.

use crate::common;

use std::collections::VecDeque;

use councilor::app::App;
use councilor::event_loop::{self, Ending, Input, Outside, Session, Signal};
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
    let mut queue: VecDeque<Event> = events.into();
    let (app, terminal, _) = drive(&path, doc, fingerprint, |_, _| {
        Some(queue.pop_front().map_or(Input::End, Input::Event))
    });
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    (app, terminal, text)
}

/// Runs the real loop on `path` with a real watcher; `script(turn, path)` gives each input
/// (`None` ends the run with a SIGTERM).
fn drive(
    path: &std::path::Path,
    doc: councilor::document::Document,
    fingerprint: store::Fingerprint,
    script: impl FnMut(usize, &std::path::Path) -> Option<Input>,
) -> (App, Terminal<TestBackend>, Ending) {
    // The tests change the file after reading it and before the loop starts: its metadata
    // as read is unknown.
    drive_from(path, doc, fingerprint, None, script)
}

/// [`drive`] knowing the file's metadata as it was read.
fn drive_from(
    path: &std::path::Path,
    doc: councilor::document::Document,
    fingerprint: store::Fingerprint,
    stamp: Option<store::Stamp>,
    mut script: impl FnMut(usize, &std::path::Path) -> Option<Input>,
) -> (App, Terminal<TestBackend>, Ending) {
    let mut app = App::new(doc, "o.json".into(), false);
    let mut session = Session {
        path: path.to_path_buf(),
        fingerprint,
        stamp,
    };
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let clock = || ("2026-11-27T09:14:03Z".to_string(), "10:14:03".to_string());
    let stop = std::cell::Cell::new(false);
    let mut turn = 0;
    let watched = path.to_path_buf();
    let mut outside = Outside::input(|_| {
        turn += 1;
        Ok(match script(turn, &watched) {
            Some(input) => input,
            None => {
                stop.set(true);
                Input::Tick
            }
        })
    });
    outside.watcher = Some(store::Watcher::new(path));
    outside.signal = Box::new(|| stop.get().then_some(Signal::Stop(15)));
    let ending = event_loop::run(
        &mut terminal,
        &mut app,
        &mut session,
        Theme { color: false },
        &clock,
        &mut outside,
    )
    .unwrap();
    drop(outside);
    (app, terminal, ending)
}

/// Ticks (each a short sleep) until `done` says so or 5 s pass, then `None`.
fn tick() -> Option<Input> {
    std::thread::sleep(std::time::Duration::from_millis(20));
    Some(Input::Tick)
}

fn on_disk(text: &str, id: &str) -> councilor::model::Deliverable {
    let doc = councilor::document::Document::from_text(text.to_string()).unwrap();
    let i = doc.data().deliverable_index(id).unwrap();
    doc.data().deliverables[i].clone()
}

/// What "someone else" does: `councilor set` through the library, as the CLI would.
fn their_edit(path: &std::path::Path, id: &str, to: &str) {
    let (mut doc, fp) = store::open(path).unwrap();
    let i = doc.data().deliverable_index(id).unwrap();
    let change = councilor::edit::StatusChange {
        deliverable: i,
        to,
        at: "2026-11-27T08:00:00Z",
        note: None,
    };
    let patch = councilor::edit::status_patch(&doc, &change).unwrap();
    assert!(doc.apply(&patch));
    store::save(path, doc.text().as_bytes(), fp).unwrap();
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
    assert_eq!(on_disk.history().len(), 1);
    assert_eq!(
        on_disk.history()[0].at.as_deref(),
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
fn a_save_into_a_file_changed_by_someone_else_merges_both() {
    // Someone else changes another deliverable after the file was opened: both edits land.
    let mut events = vec![key(KeyCode::Tab), key(KeyCode::Tab)];
    events.extend(chars("s"));
    events.push(key(KeyCode::Down));
    let (app, terminal, text) = run(events, |path| {
        their_edit(path, "eu-jp-dpc-2/arctic-connectivity", "done");
    });
    let theirs = on_disk(&text, "eu-jp-dpc-2/arctic-connectivity");
    assert_eq!(theirs.status, "done");
    assert_eq!(theirs.history().len(), 1, "their history entry is kept");
    let mine = on_disk(&text, "eu-jp-dpc-2/eid-moc");
    assert_eq!(mine.status, "blocked");
    assert_eq!(mine.history().len(), 1, "and mine");
    assert_eq!(app.selected_row(), 1, "keys still work");
    assert!(!app.has_unsaved_edits());
    // The save itself merged, under the lock: no refusal and no second save.
    let shown = screen(&terminal);
    assert!(
        shown.contains("saved, merged with what another writer saved (1 deliverable)"),
        "{shown}"
    );
}

#[test]
fn the_same_field_changed_on_both_sides_asks_and_writes_nothing_until_answered() {
    let sb = common::Sandbox::new();
    let path = sb.file("o.json", common::bundled());
    let (doc, fp) = store::open(&path).unwrap();
    their_edit(&path, "eu-jp-dpc-2/eid-moc", "dropped");
    let theirs_text = std::fs::read_to_string(&path).unwrap();
    let mut script: VecDeque<Event> = vec![key(KeyCode::Tab), key(KeyCode::Tab)].into();
    script.extend(chars("s"));
    let mut asked = false;
    let (app, terminal, ending) = drive(&path, doc, fp, |turn, path| {
        if let Some(e) = script.pop_front() {
            return Some(Input::Event(e));
        }
        if turn < 40 {
            // Time for the save to be refused and the dialog to open.
            return tick();
        }
        if !asked {
            // The dialog is open: nothing was written over their version.
            asked = true;
            assert_eq!(std::fs::read_to_string(path).unwrap(), theirs_text);
            return Some(Input::Event(key(KeyCode::Char('m'))));
        }
        None
    });
    assert_eq!(ending, Ending::Signal(15));
    let text = std::fs::read_to_string(&path).unwrap();
    let d = on_disk(&text, "eu-jp-dpc-2/eid-moc");
    assert_eq!(d.status, "blocked", "mine was kept");
    let history = d.history();
    let steps: Vec<(Option<&str>, Option<&str>)> = history
        .iter()
        .map(|h| (h.from.as_deref(), h.to.as_deref()))
        .collect();
    assert_eq!(
        steps,
        [
            (Some("done"), Some("dropped")),
            (Some("dropped"), Some("blocked"))
        ]
    );
    assert!(!app.has_unsaved_edits());
    let shown = screen(&terminal);
    assert!(shown.contains("1 kept as yours"), "{shown}");
}

#[test]
fn a_change_on_disk_is_shown_within_a_second_on_the_same_deliverable() {
    let sb = common::Sandbox::new();
    let path = sb.file("o.json", common::bundled());
    let (doc, fp) = store::open(&path).unwrap();
    let mut script: VecDeque<Event> = vec![key(KeyCode::Tab), key(KeyCode::Tab)].into();
    script.extend(chars("jjj"));
    let started = std::time::Instant::now();
    let mut changed_at = None;
    let (app, terminal, _) = drive(&path, doc, fp, |turn, path| {
        if let Some(e) = script.pop_front() {
            return Some(Input::Event(e));
        }
        if changed_at.is_none() {
            // Someone else changes every deliverable in progress, the selected one too.
            let text = std::fs::read_to_string(path)
                .unwrap()
                .replace("\"status\": \"in_progress\"", "\"status\": \"blocked\"");
            std::fs::write(path, text).unwrap();
            changed_at = Some(std::time::Instant::now());
        }
        if turn > 60 || started.elapsed().as_secs() > 5 {
            return None;
        }
        tick()
    });
    let _ = app.message();
    let reloaded = app.data().deliverables[3].status.to_string();
    assert_eq!(reloaded, "blocked", "the disk's version is shown");
    assert_eq!(app.selected().unwrap().id, "eu-jp-dpc-2/hpc-joint-work");
    let shown = screen(&terminal);
    assert!(shown.contains("reloaded: changed on disk"), "{shown}");
}

#[test]
fn a_change_of_the_same_size_written_in_place_after_a_save_is_seen() {
    let sb = common::Sandbox::new();
    let path = sb.file("o.json", common::bundled());
    let stamp = store::Stamp::of(&path);
    let (doc, fp) = store::open(&path).unwrap();
    // A status key saves (the session then knows the file by its metadata after the save);
    // then someone writes into the same file, in place, a text of the same size.
    let mut script: VecDeque<Event> = vec![key(KeyCode::Tab), key(KeyCode::Tab)].into();
    script.extend(chars("s"));
    let started = std::time::Instant::now();
    let mut written = false;
    let (app, terminal, _) = drive_from(&path, doc, fp, stamp, |turn, path| {
        if let Some(e) = script.pop_front() {
            return Some(Input::Event(e));
        }
        let text = std::fs::read_to_string(path).unwrap();
        if !written && text != common::bundled() {
            let same_size = text.replace("\"status\": \"planned\"", "\"status\": \"dropped\"");
            assert_eq!(same_size.len(), text.len());
            std::fs::write(path, same_size).unwrap();
            written = true;
        }
        if turn > 80 || started.elapsed().as_secs() > 5 {
            return None;
        }
        tick()
    });
    assert!(written, "the save came");
    let shown = screen(&terminal);
    assert!(
        app.data()
            .deliverables
            .iter()
            .all(|d| d.status != "planned"),
        "the disk's version is shown: {shown}"
    );
    assert!(shown.contains("reloaded: changed on disk"), "{shown}");
}

#[test]
fn a_deleted_file_is_said_and_w_writes_it_back() {
    let sb = common::Sandbox::new();
    let path = sb.file("o.json", common::bundled());
    let (doc, fp) = store::open(&path).unwrap();
    let mut step = 0;
    let (app, terminal, _) = drive(&path, doc, fp, |turn, path| {
        match step {
            0 => {
                std::fs::remove_file(path).unwrap();
                step = 1;
            }
            1 if turn > 60 => return None,
            1 => {}
            _ => return None,
        }
        tick()
    });
    let _ = terminal;
    assert!(
        app.has_unsaved_edits(),
        "the gone file counts as something to lose"
    );
    assert!(
        app.message().unwrap().text.contains("w writes it back"),
        "{:?}",
        app.message()
    );
    // A second run: the deletion is seen, then `w`.
    let sb = common::Sandbox::new();
    let path = sb.file("o.json", common::bundled());
    let (doc, fp) = store::open(&path).unwrap();
    let mut deleted = false;
    let mut written = false;
    let (app, _, _) = drive(&path, doc, fp, |turn, path| {
        if !deleted {
            std::fs::remove_file(path).unwrap();
            deleted = true;
        }
        if turn == 60 && !written {
            written = true;
            return Some(Input::Event(key(KeyCode::Char('w'))));
        }
        if turn > 100 {
            return None;
        }
        tick()
    });
    assert!(!app.has_unsaved_edits());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), common::bundled());
}

#[test]
fn a_file_made_invalid_on_disk_keeps_the_edit_and_says_why_until_w() {
    let sb = common::Sandbox::new();
    let path = sb.file("o.json", common::bundled());
    let (doc, fp) = store::open(&path).unwrap();
    // Someone leaves the file broken; then a status key.
    let broken = common::bundled().replacen("\"version\": 1,", "\"version\": 1", 1);
    std::fs::write(&path, &broken).unwrap();
    let mut script: VecDeque<Event> = vec![key(KeyCode::Tab), key(KeyCode::Tab)].into();
    script.extend(chars("s"));
    let started = std::time::Instant::now();
    let mut fixed = false;
    let mut retried = false;
    drive(&path, doc, fp, |turn, path| {
        if let Some(e) = script.pop_front() {
            return Some(Input::Event(e));
        }
        if turn < 30 && started.elapsed().as_secs() < 5 {
            return tick();
        }
        if !fixed {
            // The edit waited: the broken file is as it was left.
            assert_eq!(std::fs::read_to_string(path).unwrap(), broken);
            std::fs::write(path, common::bundled()).unwrap();
            fixed = true;
            return tick();
        }
        if !retried {
            retried = true;
            return Some(Input::Event(key(KeyCode::Char('w'))));
        }
        if turn < 90 && started.elapsed().as_secs() < 8 {
            return tick();
        }
        None
    });
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        on_disk(&text, "eu-jp-dpc-2/eid-moc").status,
        "blocked",
        "saved after w"
    );
}

#[test]
fn a_broken_file_on_disk_is_said_as_such_not_as_a_file_that_keeps_changing() {
    let sb = common::Sandbox::new();
    let path = sb.file("o.json", common::bundled());
    let (doc, fp) = store::open(&path).unwrap();
    let broken = common::bundled().replacen("\"version\": 1,", "\"version\": 1", 1);
    std::fs::write(&path, &broken).unwrap();
    let mut script: VecDeque<Event> = vec![key(KeyCode::Tab), key(KeyCode::Tab)].into();
    script.extend(chars("s"));
    let started = std::time::Instant::now();
    let (app, terminal, _) = drive(&path, doc, fp, |turn, _| {
        if let Some(e) = script.pop_front() {
            return Some(Input::Event(e));
        }
        if turn < 40 && started.elapsed().as_secs() < 5 {
            return tick();
        }
        None
    });
    let shown = screen(&terminal);
    assert!(shown.contains("is not valid now"), "{shown}");
    assert!(!shown.contains("keeps changing"), "{shown}");
    assert!(app.has_unsaved_edits());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
}

#[test]
fn sigterm_saves_what_is_pending_and_ends() {
    let sb = common::Sandbox::new();
    let path = sb.file("o.json", common::bundled());
    let (doc, fp) = store::open(&path).unwrap();
    let mut script: VecDeque<Event> = vec![key(KeyCode::Tab), key(KeyCode::Tab)].into();
    script.extend(chars("s"));
    // The signal arrives right after the key, while the save may still run.
    let (app, _, ending) = drive(&path, doc, fp, |_, _| script.pop_front().map(Input::Event));
    assert_eq!(ending, Ending::Signal(15));
    assert!(!app.has_unsaved_edits());
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(on_disk(&text, "eu-jp-dpc-2/eid-moc").status, "blocked");
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

fn mouse(kind: crossterm::event::MouseEventKind, column: u16, row: u16) -> Event {
    Event::Mouse(crossterm::event::MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

#[test]
fn a_click_chooses_a_pane_and_a_row_and_the_wheel_scrolls() {
    use crossterm::event::{MouseButton, MouseEventKind};
    // At 100x30: the councils pane's rows start at line 2 (two lines each), the deliverables
    // list at line 2 in the right column.
    let events = vec![
        // The 2nd EU-Japan council: row 2 of the councils pane (lines 6-7).
        mouse(MouseEventKind::Down(MouseButton::Left), 5, 6),
        // Its 3rd deliverable.
        mouse(MouseEventKind::Down(MouseButton::Left), 50, 4),
        // The wheel over the deliverables moves by three.
        mouse(MouseEventKind::ScrollDown, 50, 4),
    ];
    let (app, _, _) = run(events, |_| {});
    assert_eq!(app.council_cursor(), 2);
    assert_eq!(app.council_filter(), Some("eu-jp-dpc-2"));
    assert_eq!(app.focus(), councilor::vocabulary::Pane::Deliverables);
    assert_eq!(app.selected_row(), 5, "row 2, then three down");
}

#[test]
fn a_conflict_dialog_follows_later_changes_on_disk_and_loses_no_history() {
    let sb = common::Sandbox::new();
    let path = sb.file("o.json", common::bundled());
    let (doc, fp) = store::open(&path).unwrap();
    their_edit(&path, "eu-jp-dpc-2/eid-moc", "dropped");
    let mut script: VecDeque<Event> = vec![key(KeyCode::Tab), key(KeyCode::Tab)].into();
    script.extend(chars("s"));
    let mut changed_back = false;
    let (app, terminal, _) = drive(&path, doc, fp, |turn, path| {
        if let Some(e) = script.pop_front() {
            return Some(Input::Event(e));
        }
        if turn == 40 && !changed_back {
            // The dialog is open (mine blocked, theirs dropped); they change it back to done,
            // the value it had when this session read the file.
            changed_back = true;
            their_edit(path, "eu-jp-dpc-2/eid-moc", "done");
        }
        if turn > 90 {
            return None;
        }
        tick()
    });
    assert!(app.conflict().is_none(), "the old dialog is gone");
    assert!(!app.has_unsaved_edits());
    let text = std::fs::read_to_string(&path).unwrap();
    let d = on_disk(&text, "eu-jp-dpc-2/eid-moc");
    assert_eq!(d.status, "blocked", "mine now merges cleanly");
    let history = d.history();
    let steps: Vec<(Option<&str>, Option<&str>)> = history
        .iter()
        .map(|h| (h.from.as_deref(), h.to.as_deref()))
        .collect();
    assert_eq!(
        steps,
        [
            (Some("done"), Some("dropped")),
            (Some("dropped"), Some("done")),
            (Some("done"), Some("blocked"))
        ],
        "every history entry of both sides"
    );
    // What is shown is what is on disk.
    assert_eq!(app.document().text(), text);
    let shown = screen(&terminal);
    assert!(shown.contains("the file changed again; merged"), "{shown}");
}

#[test]
fn taking_the_disks_value_leaves_the_screen_as_the_disk() {
    let sb = common::Sandbox::new();
    let path = sb.file("o.json", common::bundled());
    let (doc, fp) = store::open(&path).unwrap();
    their_edit(&path, "eu-jp-dpc-2/eid-moc", "dropped");
    let mut script: VecDeque<Event> = vec![key(KeyCode::Tab), key(KeyCode::Tab)].into();
    script.extend(chars("s"));
    let (app, terminal, _) = drive(&path, doc, fp, |turn, _| {
        if let Some(e) = script.pop_front() {
            return Some(Input::Event(e));
        }
        match turn {
            40 => Some(Input::Event(key(KeyCode::Char('t')))),
            t if t > 60 => None,
            _ => tick(),
        }
    });
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(app.document().text(), text);
    assert_eq!(on_disk(&text, "eu-jp-dpc-2/eid-moc").status, "dropped");
    assert!(!app.has_unsaved_edits());
    let shown = screen(&terminal);
    assert!(shown.contains("as on disk"), "{shown}");
    assert!(!shown.contains("NOT SAVED"), "{shown}");
}

/// Many writers on one file at once: `councilor set` processes and this event loop, each
/// editing deliverables of its own. Every edit and every history entry must be in the final
/// file, and no writer is refused. Rounds: `COUNCILOR_STRESS_ROUNDS` (default 20).
#[test]
fn many_writers_at_once_lose_nothing() {
    const CLI_WRITERS: usize = 3;
    let rounds: usize = std::env::var("COUNCILOR_STRESS_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(20);
    let sb = common::Sandbox::new();
    let total = (CLI_WRITERS + 1) * rounds;
    let path = sb.file("o.json", common::small_dataset(total + 5));
    let (doc, fp) = store::open(&path).unwrap();
    let started = std::time::Instant::now();
    // The event loop edits d0..d{rounds-1}; CLI writer w edits its own block after those.
    let writers: Vec<_> = (0..CLI_WRITERS)
        .map(|w| {
            let p = path.to_str().unwrap().to_string();
            std::thread::spawn(move || {
                let mut refused = vec![];
                for r in 0..rounds {
                    let id = format!("d{}", (w + 1) * rounds + r);
                    let out = std::process::Command::new(common::BIN)
                        .args(["set", &p, &id, "--status", "done"])
                        .output()
                        .unwrap();
                    if !out.status.success() {
                        refused.push(format!(
                            "{id}: {:?} {}",
                            out.status.code(),
                            String::from_utf8_lossy(&out.stderr)
                        ));
                    }
                }
                refused
            })
        })
        .collect();
    // Focus the deliverables, then a status key and a move down, at typing speed.
    let mut script: VecDeque<Event> = vec![key(KeyCode::Tab), key(KeyCode::Tab)].into();
    for _ in 0..rounds {
        script.extend(chars("sj"));
    }
    let mut settle = 0;
    let (app, _, ending) = drive(&path, doc, fp, |turn, _| {
        if turn % 2 == 0
            && let Some(e) = script.pop_front()
        {
            return Some(Input::Event(e));
        }
        if !script.is_empty() || writers.iter().any(|w| !w.is_finished()) {
            return tick();
        }
        // Everyone is done: a few more turns to see the last change on disk.
        settle += 1;
        if settle < 10 { tick() } else { None }
    });
    assert_eq!(ending, Ending::Signal(15));
    let refused: Vec<String> = writers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    assert!(refused.is_empty(), "refused: {refused:#?}");
    assert!(!app.has_unsaved_edits());
    let doc = councilor::document::Document::from_bytes(std::fs::read(&path).unwrap()).unwrap();
    let mut lost = vec![];
    for (i, d) in doc.data().deliverables.iter().enumerate() {
        let expected = match i {
            i if i < rounds => "in_progress",
            i if i < total => "done",
            _ => "planned",
        };
        let entries = usize::from(expected != "planned");
        if d.status != expected || d.history().len() != entries {
            lost.push(format!(
                "{}: {} with {} entries",
                d.id,
                d.status,
                d.history().len()
            ));
        }
    }
    assert!(lost.is_empty(), "lost edits: {lost:#?}");
    assert!(store::stray_temp_files(&path).is_empty());
    eprintln!(
        "{} writers x {rounds} rounds: {total} edits, 0 lost, 0 refused, in {:?}",
        CLI_WRITERS + 1,
        started.elapsed()
    );
}

#[test]
fn a_status_key_typed_ahead_of_a_long_search_is_saved_when_the_results_come_or_the_terminal_closes()
{
    // 70,000 deliverables, every third one planned: a search of them takes many slices.
    let text = common::planned_every_third(70_000);
    for closes in [false, true] {
        let sb = common::Sandbox::new();
        let path = sb.file("o.json", &text);
        let (doc, fp) = store::open(&path).unwrap();
        let statuses = &doc.data().statuses;
        let n = statuses
            .iter()
            .position(|s| s.name != "planned" && s.name != "done")
            .unwrap();
        let status = statuses[n].name.to_string();
        // `j` moves to d1 (done) on the list shown meanwhile; the status key is meant for
        // the results, and waits for them.
        let mut script: VecDeque<Event> = chars("/status:planned").into();
        script.push_back(key(KeyCode::Enter));
        script.extend(chars(&format!("j{}", n + 1)));
        let started = std::time::Instant::now();
        let mut saved_while_running = false;
        let (_, _, ending) = drive(&path, doc, fp, |_, path| {
            if let Some(e) = script.pop_front() {
                return Some(Input::Event(e));
            }
            if closes {
                // At once, with the search and the key still waiting.
                return Some(Input::HungUp);
            }
            let len = std::fs::metadata(path).map_or(0, |m| m.len());
            saved_while_running = len != text.len() as u64;
            if saved_while_running || started.elapsed().as_secs() > 20 {
                None
            } else {
                tick()
            }
        });
        if closes {
            assert_eq!(ending, Ending::HungUp);
        } else {
            assert_eq!(ending, Ending::Signal(15));
            assert!(
                saved_while_running,
                "the key's edit was saved once the search ended"
            );
        }
        let on_disk = on_disk(&std::fs::read_to_string(&path).unwrap(), "d0");
        assert_eq!(on_disk.status, status, "closed: {closes}");
    }
}

fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// Runs `events` on the bundled file's first deliverable (eu-jp-dpc-2/eid-moc), then ends as
/// `end` does (a signal, a closed terminal, or `Ctrl-c`); gives the app and the file's text.
fn ended_with(events: Vec<Event>, end: Input) -> (App, Ending, String) {
    let sb = common::Sandbox::new();
    let path = sb.file("o.json", common::bundled());
    let (doc, fp) = store::open(&path).unwrap();
    let mut script: VecDeque<Event> = vec![key(KeyCode::Tab), key(KeyCode::Tab)].into();
    script.extend(events);
    let mut end = Some(end);
    let (app, _, ending) = drive(&path, doc, fp, |_, _| match script.pop_front() {
        Some(event) => Some(Input::Event(event)),
        // `None`: the signal.
        None => end.take().filter(|e| !matches!(e, Input::Tick)),
    });
    (app, ending, std::fs::read_to_string(&path).unwrap())
}

#[test]
fn the_text_of_an_open_editor_is_saved_on_a_signal_a_hang_up_and_ctrl_c() {
    let typed = |field: char| {
        let mut events = vec![key(KeyCode::Char(field)), ctrl('u')];
        events.extend(chars("Ada Lovelace"));
        events
    };
    for (end, ending) in [
        (Input::Tick, Ending::Signal(15)),
        (Input::HungUp, Ending::HungUp),
        (Input::Event(ctrl('c')), Ending::Quit),
    ] {
        let what = format!("{ending:?}");
        let (app, got, text) = ended_with(typed('o'), end);
        assert_eq!(got, ending);
        assert!(!app.has_unsaved_edits(), "{what}");
        let d = on_disk(&text, "eu-jp-dpc-2/eid-moc");
        assert_eq!(d.owner.as_deref(), Some("Ada Lovelace"), "{what}");
        let last = d.history().last().cloned().unwrap();
        assert_eq!(last.field.as_deref(), Some("owner"), "{what}: history");
    }
}

#[test]
fn a_due_date_that_is_not_one_is_kept_for_the_message_and_the_file_untouched() {
    let mut events = vec![key(KeyCode::Char('D')), ctrl('u')];
    events.extend(chars("after the summer"));
    let (app, ending, text) = ended_with(events, Input::HungUp);
    assert_eq!(ending, Ending::HungUp);
    assert!(app.has_unsaved_edits());
    let kept = app.unsaved_text().join("\n");
    assert!(
        kept.starts_with("eu-jp-dpc-2/eid-moc: due: \"after the summer\" ("),
        "{kept}"
    );
    assert_eq!(text, common::bundled());
}

#[test]
fn a_form_open_at_a_signal_saves_what_was_changed() {
    // The form edits the selected deliverable: Tab to the owner, a new one, then the signal.
    let mut events = vec![key(KeyCode::Char('E'))];
    events.extend((0..5).map(|_| key(KeyCode::Tab)));
    events.push(ctrl('u'));
    events.extend(chars("Grace Hopper"));
    let (app, ending, text) = ended_with(events, Input::Tick);
    assert_eq!(ending, Ending::Signal(15));
    assert!(!app.has_unsaved_edits());
    let d = on_disk(&text, "eu-jp-dpc-2/eid-moc");
    assert_eq!(d.owner.as_deref(), Some("Grace Hopper"));
    assert_eq!(d.status, "done", "only the field changed");
}

#[test]
fn a_form_the_file_refuses_at_a_hang_up_is_kept_field_by_field() {
    // A new deliverable with no title cannot be added: its typed fields are listed.
    let mut events = vec![key(KeyCode::Char('a'))];
    events.extend((0..5).map(|_| key(KeyCode::Tab)));
    events.extend(chars("Grace Hopper"));
    let (app, ending, text) = ended_with(events, Input::HungUp);
    assert_eq!(ending, Ending::HungUp);
    let kept = app.unsaved_text().join("\n");
    assert!(
        kept.starts_with("a new deliverable: the form was not saved ("),
        "{kept}"
    );
    assert!(kept.contains("\n  owner: \"Grace Hopper\""), "{kept}");
    assert_eq!(text, common::bundled());
}
