//! End to end: the real binary in a pseudo-terminal, driven by keys, read off a vt100 screen.
// A Unix pseudo-terminal drives the real binary.
#![cfg(unix)]

use crate::common;

use std::io::Write;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::pty::{Tui, nz};
use portable_pty::{PtySize, native_pty_system};

#[test]
fn change_a_status_in_the_real_terminal_and_find_it_on_disk() {
    let sb = common::Sandbox::new();
    let path = sb.file("o.json", common::bundled());
    let mut tui = Tui::start(&[path.to_str().unwrap()], &sb, 30, 100);
    tui.wait_for("Councils (13)");
    assert!(
        tui.parser.screen().alternate_screen(),
        "the UI runs on the alternate screen"
    );
    // 2nd EU–Japan council, then its deliverables, then the 10th (AI Office).
    tui.keys("jj\r\rjjjjjjjjj");
    tui.wait_for("Closer cooperation between the EU AI Office");
    tui.keys("s");
    tui.wait_for("eu-jp-dpc-2/ai-office-safety-institute: planned -> in_progress (u to undo)");
    tui.wait_for("saved ");
    // A resize redraws at the new size.
    tui.master
        .resize(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    tui.parser.screen_mut().set_size(nz(24), nz(80));
    // Let the app see the new size and redraw before the next key.
    tui.pump(Duration::from_millis(500));
    tui.keys("k");
    tui.wait_for("Deliverables 9/15");
    tui.keys("q");
    assert_eq!(tui.exit_code(), 0);
    let screen = tui.parser.screen();
    assert!(!screen.alternate_screen(), "left the alternate screen");
    assert!(!screen.hide_cursor(), "the cursor is shown again");
    let raw = String::from_utf8_lossy(&tui.raw);
    assert!(raw.contains("\x1b[?1049h") && raw.rfind("\x1b[?1049l") > raw.rfind("\x1b[?1049h"));

    let doc =
        councilor::document::Document::from_text(std::fs::read_to_string(&path).unwrap()).unwrap();
    let d = &doc.data().deliverables[doc
        .data()
        .deliverable_index("eu-jp-dpc-2/ai-office-safety-institute")
        .unwrap()];
    assert_eq!(d.status, "in_progress");
    assert_eq!(d.history().len(), 1);
    assert_eq!(
        (d.history()[0].from.as_deref(), d.history()[0].to.as_deref()),
        (Some("planned"), Some("in_progress"))
    );
    let changed = similar::TextDiff::from_lines(common::bundled().as_str(), &doc.text())
        .iter_all_changes()
        .filter(|c| c.tag() == similar::ChangeTag::Delete)
        .count();
    assert_eq!(
        changed, 2,
        "the status line and the line before the new history list"
    );
}

#[test]
fn search_for_a_deliverable_and_change_its_status() {
    let sb = common::Sandbox::new();
    let path = sb.file("o.json", common::bundled());
    let mut tui = Tui::start(&[path.to_str().unwrap()], &sb, 30, 100);
    tui.wait_for("Councils (13)");
    // Letters that are keys elsewhere (s, q, u) are typed into the search line.
    tui.keys("/arctic sq");
    tui.wait_for("0 of 69 match");
    tui.keys("\x7f\x7f\x7f"); // Backspace x3: "arctic"
    tui.wait_for("4 of 69 match");
    tui.wait_for("Deliverables 1/4 · /arctic");
    tui.keys("\r");
    tui.wait_for("focus on the deliverables: 4 of 69 match");
    tui.keys("3"); // the 3rd status: done
    tui.wait_for("eu-jp-dpc-2/arctic-connectivity: in_progress -> done");
    tui.wait_for("saved ");
    tui.keys("\x1b"); // Esc clears the search; the cursor stays on the deliverable.
    tui.wait_for("Deliverables 14/69");
    tui.keys("q");
    assert_eq!(tui.exit_code(), 0);
    let doc =
        councilor::document::Document::from_text(std::fs::read_to_string(&path).unwrap()).unwrap();
    let data = doc.data();
    let d = &data.deliverables[data
        .deliverable_index("eu-jp-dpc-2/arctic-connectivity")
        .unwrap()];
    assert_eq!(d.status, "done");
    // Nothing else changed status.
    let before = councilor::document::Document::from_text(common::bundled()).unwrap();
    let changed: Vec<&str> = before
        .data()
        .deliverables
        .iter()
        .zip(&data.deliverables)
        .filter(|(a, b)| a.status != b.status)
        .map(|(a, _)| a.id.as_str())
        .collect();
    assert_eq!(changed, ["eu-jp-dpc-2/arctic-connectivity"]);
}

fn signal(tui: &Tui, sig: i32) {
    let pid = tui.child.process_id().expect("a pid") as i32;
    // SAFETY: sends a signal to our own child.
    assert_eq!(unsafe { libc::kill(pid, sig) }, 0);
}

fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| w == &needle)
        .count()
}

const LEAVE_ALT: &[u8] = b"\x1b[?1049l";
const ENTER_ALT: &[u8] = b"\x1b[?1049h";

fn status_of(path: &std::path::Path, id: &str) -> String {
    let doc =
        councilor::document::Document::from_text(std::fs::read_to_string(path).unwrap()).unwrap();
    let data = doc.data();
    data.deliverables[data.deliverable_index(id).unwrap()]
        .status
        .to_string()
}

#[test]
fn sigterm_saves_restores_the_terminal_once_and_exits_143() {
    let sb = common::Sandbox::new();
    let path = sb.file("o.json", common::bundled());
    let mut tui = Tui::start(&[path.to_str().unwrap()], &sb, 30, 100);
    tui.wait_for("Councils (13)");
    tui.keys("lls");
    tui.wait_for("eu-jp-dpc-2/eid-moc: done -> blocked");
    signal(&tui, libc::SIGTERM);
    assert_eq!(tui.exit_code(), 143);
    assert_eq!(count(&tui.raw, LEAVE_ALT), 1, "restored exactly once");
    let screen = tui.parser.screen();
    assert!(!screen.alternate_screen() && !screen.hide_cursor());
    assert!(
        tui.screen().contains("stopped by signal 15"),
        "{}",
        tui.screen()
    );
    assert_eq!(status_of(&path, "eu-jp-dpc-2/eid-moc"), "blocked");
}

#[test]
fn sigint_and_sigquit_save_restore_the_terminal_once_and_exit_130_and_131() {
    for (sig, code) in [(libc::SIGINT, 130), (libc::SIGQUIT, 131)] {
        let sb = common::Sandbox::new();
        let path = sb.file("o.json", common::bundled());
        let mut tui = Tui::start(&[path.to_str().unwrap()], &sb, 30, 100);
        tui.wait_for("Councils (13)");
        assert!(is_raw(&tui));
        tui.keys("lls");
        tui.wait_for("eu-jp-dpc-2/eid-moc: done -> blocked");
        // The owner editor is open with a name typed when the signal comes.
        tui.keys("o\x15Ada");
        tui.wait_for("Ada");
        signal(&tui, sig);
        assert_eq!(tui.exit_code(), code, "signal {sig}");
        assert_eq!(count(&tui.raw, LEAVE_ALT), 1, "restored exactly once");
        let screen = tui.parser.screen();
        assert!(!screen.alternate_screen() && !screen.hide_cursor());
        assert!(
            !is_raw(&tui),
            "signal {sig}: the terminal's own mode is back"
        );
        assert!(
            tui.screen().contains(&format!("stopped by signal {sig}")),
            "{}",
            tui.screen()
        );
        assert_eq!(status_of(&path, "eu-jp-dpc-2/eid-moc"), "blocked");
        let doc = councilor::document::Document::from_text(std::fs::read_to_string(&path).unwrap())
            .unwrap();
        let data = doc.data();
        let d = &data.deliverables[data.deliverable_index("eu-jp-dpc-2/eid-moc").unwrap()];
        assert_eq!(
            d.owner.as_deref(),
            Some("Ada"),
            "signal {sig}: the typed owner"
        );
    }
}

#[test]
fn sigint_with_a_date_that_is_not_one_in_the_editor_prints_it() {
    let sb = common::Sandbox::new();
    let path = sb.file("o.json", common::bundled());
    let mut tui = Tui::start(&[path.to_str().unwrap()], &sb, 30, 100);
    tui.wait_for("Councils (13)");
    tui.keys("\t\tD\x15soon");
    tui.wait_for("soon");
    signal(&tui, libc::SIGINT);
    assert_eq!(tui.exit_code(), 130);
    let screen = tui.screen();
    assert!(
        screen.contains("eu-jp-dpc-2/eid-moc: due: \"soon\""),
        "{screen}"
    );
    assert!(screen.contains("NOT in"), "{screen}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), common::bundled());
}

#[test]
fn a_closed_terminal_ends_the_app_with_every_edit_on_disk() {
    let sb = common::Sandbox::new();
    let path = sb.file("o.json", common::bundled());
    let mut tui = Tui::start(&[path.to_str().unwrap()], &sb, 30, 100);
    tui.wait_for("Councils (13)");
    tui.keys("lls");
    tui.wait_for("eu-jp-dpc-2/eid-moc: done -> blocked");
    // The window closes: every handle on the pseudo-terminal's master side goes away. The
    // reader thread lets go of its handle when it can no longer pass on what it reads, which
    // the redraw after one more key makes it do.
    let Tui {
        writer,
        master,
        child,
        bytes,
        ..
    } = &mut tui;
    drop(std::mem::replace(bytes, mpsc::channel().1));
    writer.write_all(b"j").unwrap();
    writer.flush().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    drop(std::mem::replace(writer, Box::new(std::io::sink())));
    drop(std::mem::replace(
        master,
        native_pty_system()
            .openpty(PtySize::default())
            .unwrap()
            .master,
    ));
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "still running after its terminal closed"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.exit_code(), 129);
    assert_eq!(status_of(&path, "eu-jp-dpc-2/eid-moc"), "blocked");
}

#[test]
fn ctrl_z_gives_the_screen_back_and_returns_with_a_full_redraw() {
    let sb = common::Sandbox::new();
    let path = sb.file("o.json", common::bundled());
    let mut tui = Tui::start(&[path.to_str().unwrap()], &sb, 30, 100);
    tui.wait_for("Councils (13)");
    tui.raw.clear();
    tui.keys("\x1a");
    tui.pump(Duration::from_millis(300));
    assert_eq!(count(&tui.raw, LEAVE_ALT), 1, "the shell's screen is back");
    // `fg`.
    signal(&tui, libc::SIGCONT);
    tui.pump(Duration::from_millis(500));
    let leave = tui
        .raw
        .windows(LEAVE_ALT.len())
        .position(|w| w == LEAVE_ALT);
    let enter = tui
        .raw
        .windows(ENTER_ALT.len())
        .position(|w| w == ENTER_ALT);
    assert!(leave.is_some() && enter > leave, "left, then came back");
    // Everything is drawn again after coming back, not only what changed.
    let after = &tui.raw[enter.unwrap()..];
    assert!(
        count(after, "Councils (13)".as_bytes()) == 1,
        "a full redraw"
    );
    tui.keys("q");
    assert_eq!(tui.exit_code(), 0);
}

/// The terminal's line discipline as the program left it: true when in raw mode (no echo,
/// keys not held until Enter).
fn is_raw(tui: &Tui) -> bool {
    let fd = tui.master.as_raw_fd().unwrap();
    // SAFETY: a valid descriptor and a termios to fill.
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    assert_eq!(unsafe { libc::tcgetattr(fd, &mut t) }, 0);
    t.c_lflag & (libc::ICANON | libc::ECHO) == 0
}

/// Puts the terminal back in the shell's mode, as a shell does when a job stops.
fn cooked(tui: &Tui) {
    let fd = tui.master.as_raw_fd().unwrap();
    // SAFETY: as above.
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    assert_eq!(unsafe { libc::tcgetattr(fd, &mut t) }, 0);
    t.c_lflag |= libc::ICANON | libc::ECHO;
    assert_eq!(unsafe { libc::tcsetattr(fd, libc::TCSANOW, &t) }, 0);
}

#[test]
fn a_stop_from_outside_then_continue_takes_the_terminal_back_and_redraws() {
    let sb = common::Sandbox::new();
    let path = sb.file("o.json", common::bundled());
    let mut tui = Tui::start(&[path.to_str().unwrap()], &sb, 30, 100);
    tui.wait_for("Councils (13)");
    assert!(is_raw(&tui));
    signal(&tui, libc::SIGSTOP);
    cooked(&tui);
    tui.raw.clear();
    signal(&tui, libc::SIGCONT);
    tui.pump(Duration::from_millis(600));
    assert!(is_raw(&tui), "raw mode again after SIGCONT");
    assert_eq!(
        count(&tui.raw, "Councils (13)".as_bytes()),
        1,
        "a full redraw"
    );
    // Keys work at once: a status key on the first deliverable, not an echo.
    tui.keys("\t\ts");
    tui.wait_for("-> blocked");
    tui.keys("q");
    assert_eq!(tui.exit_code(), 0);
    assert_eq!(status_of(&path, "eu-jp-dpc-2/eid-moc"), "blocked");
}

#[test]
fn sigterm_with_a_conflict_open_says_what_is_not_on_disk() {
    let sb = common::Sandbox::new();
    let path = sb.file("o.json", common::bundled());
    let mut tui = Tui::start(&[path.to_str().unwrap()], &sb, 30, 100);
    tui.wait_for("Councils (13)");
    // Another writer holds the lock while our save waits, and sets the same field.
    let lock = std::fs::File::create(councilor::store::lock_path(&path)).unwrap();
    lock.lock().unwrap();
    tui.keys("\t\ts");
    let theirs = common::bundled().replacen("\"status\": \"done\"", "\"status\": \"dropped\"", 1);
    std::fs::write(&path, &theirs).unwrap();
    drop(lock);
    tui.wait_for("choose for each");
    signal(&tui, libc::SIGTERM);
    assert_eq!(tui.exit_code(), 143);
    let screen = tui.screen();
    assert!(
        screen.contains("(1 conflict(s) with the file on disk had no answer):"),
        "{screen}"
    );
    assert!(
        screen.contains("eu-jp-dpc-2/eid-moc: status: \"done\" -> \"blocked\""),
        "{screen}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
}

#[test]
fn a_panic_in_another_thread_restores_the_terminal_once() {
    for place in ["thread", "main"] {
        let sb = common::Sandbox::new();
        let path = sb.file("o.json", common::bundled());
        let mut tui = Tui::start_with(
            &[path.to_str().unwrap()],
            &sb,
            30,
            100,
            &[("COUNCILOR_TEST_PANIC", place)],
            (),
        );
        assert_eq!(tui.exit_code(), 101, "{place}");
        assert_eq!(
            count(&tui.raw, LEAVE_ALT),
            1,
            "{place}: restored exactly once"
        );
        let screen = tui.parser.screen();
        assert!(
            !screen.alternate_screen() && !screen.hide_cursor(),
            "{place}"
        );
        assert!(tui.screen().contains("a test panic"), "{}", tui.screen());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), common::bundled());
    }
}

#[test]
fn another_process_edits_the_open_file_and_both_edits_survive() {
    let sb = common::Sandbox::new();
    let path = sb.file("o.json", common::bundled());
    let file = path.to_str().unwrap();
    let mut tui = Tui::start(&[file], &sb, 30, 100);
    tui.wait_for("Councils (13)");
    tui.keys("lls");
    tui.wait_for("eu-jp-dpc-2/eid-moc: done -> blocked");
    tui.wait_for("saved ");
    // A colleague runs the CLI on the same file.
    let theirs = sb.run(&[
        "set",
        file,
        "eu-jp-dpc-2/arctic-connectivity",
        "--status",
        "done",
        "--note",
        "agreed in the corridor",
    ]);
    assert_eq!(theirs.code, 0, "{}", theirs.stderr);
    tui.wait_for("reloaded: changed on disk");
    // Editing goes on after the reload.
    tui.keys("gjS");
    tui.wait_for("eu-jp-dpc-2/semiconductor-experts: planned -> dropped");
    tui.wait_for("saved ");
    tui.keys("q");
    assert_eq!(tui.exit_code(), 0);
    assert_eq!(status_of(&path, "eu-jp-dpc-2/eid-moc"), "blocked");
    assert_eq!(status_of(&path, "eu-jp-dpc-2/arctic-connectivity"), "done");
    assert_eq!(
        status_of(&path, "eu-jp-dpc-2/semiconductor-experts"),
        "dropped"
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("agreed in the corridor"),
        "their note is kept"
    );
}

#[test]
fn notes_and_a_bulk_status_change_end_up_on_disk() {
    let sb = common::Sandbox::new();
    let path = sb.file("o.json", common::bundled());
    let mut tui = Tui::start(&[path.to_str().unwrap()], &sb, 30, 100);
    tui.wait_for("Councils (13)");
    // Notes of the first deliverable: typed in place, two lines, saved with Esc.
    tui.keys("lle");
    tui.wait_for("notes of Memorandum of Cooperation");
    // Typed fast, in one burst, as a paste without bracketed paste would be: every key is
    // handled at once, not one per tick.
    let started = Instant::now();
    tui.writer
        .write_all(b"\rMet today: pilot agreed.\rNext: report in March.")
        .unwrap();
    tui.writer.flush().unwrap();
    tui.wait_for("Next: report in March.");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "a burst of keys took {:?}",
        started.elapsed()
    );
    tui.keys("\x1b");
    tui.wait_for("eu-jp-dpc-2/eid-moc: notes saved (u to undo)");
    tui.wait_for("saved ");
    // Bulk: mark two, set both to blocked after one question.
    tui.keys("  4");
    tui.wait_for("set 2 deliverables to blocked? y/n");
    tui.keys("y");
    tui.wait_for("2 deliverables changed (u undoes all 2)");
    tui.wait_for("saved ");
    tui.keys("q");
    assert_eq!(tui.exit_code(), 0);
    let doc =
        councilor::document::Document::from_text(std::fs::read_to_string(&path).unwrap()).unwrap();
    let data = doc.data();
    let d = |id: &str| &data.deliverables[data.deliverable_index(id).unwrap()];
    let notes = d("eu-jp-dpc-2/eid-moc")
        .notes()
        .map(|n| n.into_owned())
        .unwrap();
    assert!(
        notes.ends_with("\nMet today: pilot agreed.\nNext: report in March."),
        "{notes:?}"
    );
    assert_eq!(d("eu-jp-dpc-2/eid-moc").status, "blocked");
    assert_eq!(d("eu-jp-dpc-2/semiconductor-experts").status, "blocked");
    let history = d("eu-jp-dpc-2/eid-moc").history();
    let fields: Vec<Option<&str>> = history.iter().map(|h| h.field.as_deref()).collect();
    assert_eq!(fields, [Some("notes"), Some("status")]);
}

#[test]
fn a_bad_file_is_reported_before_the_terminal_is_touched() {
    let sb = common::Sandbox::new();
    let path = sb.file("bad.json", "{\"version\": 3}");
    let mut tui = Tui::start(&[path.to_str().unwrap()], &sb, 24, 80);
    assert_eq!(tui.exit_code(), 1);
    let raw = String::from_utf8_lossy(&tui.raw).into_owned();
    assert!(
        raw.contains("bad.json:1:13: version: this program reads version 1, found 3"),
        "{raw:?}"
    );
    assert!(
        !raw.contains("\x1b[?1049h"),
        "never entered the alternate screen: {raw:?}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "{\"version\": 3}");
}

#[test]
fn without_a_terminal_it_refuses_with_exit_2_and_no_escape_bytes() {
    let sb = common::Sandbox::new();
    let path = sb.file("o.json", common::bundled());
    let run = sb.run(&[path.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("the terminal UI needs a terminal"),
        "{}",
        run.stderr
    );
    assert!(!run.stdout.contains('\x1b') && !run.stderr.contains('\x1b'));
}

#[test]
fn the_config_file_remaps_keys_and_a_mistake_stops_before_the_terminal() {
    let sb = common::Sandbox::new();
    let path = sb.file("o.json", common::bundled());
    let config = sb.dir.path().join("config/councilor");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "theme = \"mono\"\n[keys]\nnext-status = \"n\"\n",
    )
    .unwrap();
    let mut tui = Tui::start(&[path.to_str().unwrap()], &sb, 30, 100);
    tui.wait_for("Councils (13)");
    tui.keys("lln");
    tui.wait_for("eu-jp-dpc-2/eid-moc: done -> blocked");
    tui.keys("?");
    tui.wait_for("next status");
    assert!(tui.screen().contains("keys and theme:"), "{}", tui.screen());
    tui.keys("\x1bq");
    assert_eq!(tui.exit_code(), 0);
    assert_eq!(status_of(&path, "eu-jp-dpc-2/eid-moc"), "blocked");

    std::fs::write(
        config.join("config.toml"),
        "[keys]\nnext-status = \"n\"\nfly = \"f\"\n",
    )
    .unwrap();
    let mut tui = Tui::start(&[path.to_str().unwrap()], &sb, 30, 100);
    assert_eq!(tui.exit_code(), 2);
    let screen = tui.screen();
    assert!(
        screen.contains("config.toml:3:1: no action is called \"fly\""),
        "{screen}"
    );
    assert!(!tui.parser.screen().alternate_screen());
    assert_eq!(
        count(&tui.raw, ENTER_ALT),
        0,
        "the terminal was not touched"
    );
}
