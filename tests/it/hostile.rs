//! Hostile text: a dataset whose titles, ids, statuses and notes try to clear the screen,
//! set the window title, write the clipboard, make hyperlinks, move the cursor, and hide or
//! reorder text (C0 and C1 controls, DEL, bidi overrides and isolates, zero-width characters);
//! and file names that do the same. Nothing of it may reach the terminal as a control
//! sequence: not in CLI output, not in error messages, not in the TUI (checked on ratatui's
//! TestBackend and, byte for byte, through the real binary in a pseudo-terminal). The stored
//! values stay as they are.
// File names with control characters, and a pseudo-terminal: Unix only.
#![cfg(unix)]

use crate::common;
use common::Sandbox;
use common::pty::Tui;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use councilor::action::Action;
use councilor::app::App;
use councilor::document::Document;
use councilor::store;
use councilor::ui::{self, FrameState, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const HOSTILE: &str = r#"{"version": 1, "title": "T\u001b]0;pwned\u0007",
 "statuses": ["planned", "do\u001b[2Jne"],
 "councils": [{"id": "c\u001b[31m", "name": "C\u001b[2Jclear", "location": "\u202eevil\u202c", "date": "2024"}],
 "areas": [{"id": "a\u009b", "name": "Area\u200b\u0085\u007f", "description": "\u2066iso\u2069"}],
 "deliverables": [{"id": "d\u001b]52;c;aGk=\u0007", "council": "c\u001b[31m", "areas": ["a\u009b"], "status": "planned",
   "title": "\u202eevil\u202c \u001b]52;c;cHduZWQ=\u0007 \u009b31m \u001b]8;;http://x\u0007link\u001b]8;;\u0007",
   "description": "bell\u0007 back\b\b\bspace \u001bc reset \u001b[?1049l",
   "notes": "line1\r\nline2\u001b[1A\u000bvt\u000cff", "owner": "\u2066iso\u2069 z\u200dw\ufeff", "due": "2025",
   "history": [{"at": "2025-01-01T00:00:00Z", "field": "status", "from": "x\u001b[2J", "to": "planned", "by": "\u001b]0;pwned\u0007", "note": "\u009b2J"}]},
  {"id": "plain", "council": "c\u001b[31m", "title": "Plain", "status": "do\u001b[2Jne"}]}
"#;

const HOSTILE_ID: &str = "d\u{1b}]52;c;aGk=\u{7}";

/// A character that must never be written raw: C0 (but the line feed and the tab that
/// separate lines and cells), DEL, C1, and invisible or reordering format characters.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c,
            '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
            | '\u{061C}' | '\u{FEFF}' | '\u{00AD}' | '\u{2028}' | '\u{2029}')
}

#[track_caller]
fn assert_inert(what: &str, s: &str) {
    if let Some((i, c)) = s.char_indices().find(|(_, c)| is_unsafe(*c)) {
        panic!(
            "{what}: raw U+{:04X} at byte {i}: {:?}",
            c as u32,
            &s[i.saturating_sub(40)..(i + 40).min(s.len())]
        );
    }
}

fn hostile_file(sb: &Sandbox) -> PathBuf {
    sb.file("hostile.json", HOSTILE)
}

// ---- (a) the command line ----

#[test]
fn list_prints_placeholders_in_tsv_and_escapes_in_json() {
    let sb = Sandbox::new();
    let path = hostile_file(&sb);
    let p = path.to_str().unwrap();
    let run = sb.run(&["list", p]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_inert("list", &run.stdout);
    assert_inert("list stderr", &run.stderr);
    let first = run.stdout.lines().next().unwrap();
    let cells: Vec<&str> = first.split('\t').collect();
    assert_eq!(cells.len(), 4, "the cells stay four: {first:?}");
    assert_eq!(cells[0], "d␛]52;c;aGk=␇");
    assert_eq!(cells[1], "c␛[31m");
    assert!(
        cells[3]
            .starts_with("<U+202E>evil<U+202C> ␛]52;c;cHduZWQ=␇ <U+009B>31m ␛]8;;http://x␇link"),
        "{first}"
    );

    let run = sb.run(&["list", p, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_inert("list --format json", &run.stdout);
    // The same values as stored: the escapes are JSON's own.
    let printed: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let stored: serde_json::Value = serde_json::from_str(HOSTILE).unwrap();
    assert_eq!(printed, stored["deliverables"]);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), HOSTILE);
}

#[test]
fn validate_and_exports_print_placeholders() {
    let sb = Sandbox::new();
    let path = hostile_file(&sb);
    let p = path.to_str().unwrap();
    for args in [
        vec!["validate", p],
        vec!["export", p, "--format", "markdown"],
        vec!["export", p, "--format", "csv"],
        vec!["export", p, "--format", "markdown", "--since", "2025"],
        vec!["export", p, "--format", "csv", "--since", "2025"],
        vec!["list", p, "--query", "evil"],
        vec!["list", p, "--status", "do\u{1b}[2Jne"],
    ] {
        let run = sb.run(&args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert_inert(&format!("{args:?}"), &run.stdout);
        assert_inert(&format!("{args:?} stderr"), &run.stderr);
    }
    let md = sb.run(&["export", p, "--format", "markdown"]).stdout;
    assert!(md.contains("# T␛]0;pwned␇"), "{md}");
    assert!(md.contains("<U+202E>evil<U+202C>"), "{md}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), HOSTILE);
}

#[test]
fn set_shows_placeholders_and_stores_the_values_as_they_are() {
    let sb = Sandbox::new();
    let path = hostile_file(&sb);
    let p = path.to_str().unwrap();
    let note = "\u{1b}]0;pwned\u{7} \u{9b}2J \u{202e}x";
    let run = sb.run(&[
        "set",
        p,
        HOSTILE_ID,
        "--status",
        "do\u{1b}[2Jne",
        "--note",
        note,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "d␛]52;c;aGk=␇: planned -> do␛[2Jne\n");
    assert_inert("set stderr", &run.stderr);
    let (doc, _) = store::open(&path).unwrap();
    let d = &doc.data().deliverables[0];
    assert_eq!(d.id, HOSTILE_ID);
    assert_eq!(d.status, "do\u{1b}[2Jne");
    assert_eq!(d.history()[1].note.as_deref(), Some(note));
    // C0 controls are written as JSON escapes (`\u001b`): none is raw in the file.
    assert!(
        !doc.text().chars().any(|c| c < ' ' && c != '\n'),
        "{}",
        doc.text()
    );
    // Nothing else changed.
    let theirs: serde_json::Value = serde_json::from_str(HOSTILE).unwrap();
    let ours: serde_json::Value = serde_json::from_str(&doc.text()).unwrap();
    assert_eq!(ours["deliverables"][1], theirs["deliverables"][1]);
    assert_eq!(ours["councils"], theirs["councils"]);
    assert_eq!(
        ours["deliverables"][0]["title"],
        theirs["deliverables"][0]["title"]
    );
}

#[test]
fn error_messages_show_placeholders_for_arguments() {
    let sb = Sandbox::new();
    let path = hostile_file(&sb);
    let p = path.to_str().unwrap();
    let evil = "x\u{1b}]0;pwned\u{7}\u{9b}2J\u{202e}";
    for args in [
        vec!["set", p, evil, "--status", "planned"],
        vec!["set", p, HOSTILE_ID, "--status", evil],
        vec!["list", p, "--council", evil],
        vec!["list", p, "--area", evil],
        vec!["list", p, "--status", evil],
        vec!["export", p, "--format", "csv", "--since", evil],
    ] {
        let run = sb.run(&args);
        assert_ne!(run.code, 0, "{args:?}");
        assert!(
            // Placeholders, or Rust escapes inside a quoted value.
            run.stderr.contains("x␛]0;pwned␇<U+009B>2J<U+202E>")
                || run
                    .stderr
                    .contains(r#""x\u{1b}]0;pwned\u{7}\u{9b}2J\u{202e}""#),
            "{args:?}: {}",
            run.stderr
        );
        assert_inert(&format!("{args:?}"), &run.stderr);
        assert_inert(&format!("{args:?} stdout"), &run.stdout);
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), HOSTILE);
}

const EVIL_NAME: &str = "o\u{1b}]0;pwned\u{7}\n\u{9b}31m\u{202e}.json";
const EVIL_SHOWN: &str = "o␛]0;pwned␇␊<U+009B>31m<U+202E>.json";

/// a file name with ESC, BEL, a newline, C1 and a bidi override, in every message.
#[test]
fn a_hostile_file_name_is_shown_with_placeholders_in_every_message() {
    let sb = Sandbox::new();
    let dir = sb.dir.path().to_str().unwrap().to_string();
    let shown = format!("{dir}/{EVIL_SHOWN}");
    let bad = sb.file(EVIL_NAME, "{\"version\": 2}");
    let b = bad.to_str().unwrap();
    let run = sb.run(&["validate", b]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        format!("{shown}:1:13: version: this program reads version 1, found 2\n")
    );
    // Missing, and not a regular file.
    std::fs::remove_file(&bad).unwrap();
    let run = sb.run(&["list", b]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with(&format!("{shown}: cannot read: ")),
        "{}",
        run.stderr
    );
    assert_inert("missing", &run.stderr);
    std::fs::create_dir(&bad).unwrap();
    let run = sb.run(&["export", b, "--format", "csv"]);
    assert_eq!(run.stderr, format!("{shown}: not a regular file\n"));
    std::fs::remove_dir(&bad).unwrap();

    // A failed save, an unknown id, and the terminal UI without a terminal.
    let good = sb.file(EVIL_NAME, common::small_dataset(2));
    let g = good.to_str().unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&good, std::fs::Permissions::from_mode(0o444)).unwrap();
    let run = sb.run(&["set", g, "d0", "--status", "done"]);
    assert_eq!(
        run.stderr,
        format!("councilor: {shown}: not saved: the file is read-only; it was left as it is\n")
    );
    let run = sb.run(&["set", g, "nope", "--status", "done"]);
    assert!(run.stderr.contains(&shown), "{}", run.stderr);
    assert_inert("unknown id", &run.stderr);
    let run = sb.run(&[g]);
    assert_eq!(run.code, 2);
    assert_inert("no terminal", &run.stderr);
    assert_eq!(
        std::fs::read_to_string(&good).unwrap(),
        common::small_dataset(2)
    );

    // The store's own messages.
    let bad = sb.dir.path().join(format!("gone-{EVIL_NAME}"));
    let shown = format!("{dir}/gone-{EVIL_SHOWN}");
    let err = store::save(&bad, b"{}", store::Fingerprint::of(b"")).unwrap_err();
    assert_inert("save error", &err.to_string());
    assert!(err.to_string().starts_with(&shown));
    let err = store::open(&bad).unwrap_err();
    assert_inert("open error", &err.to_string());
}

/// The data folder's name is printed when councilor creates or uses its default file.
#[test]
fn a_hostile_data_folder_name_is_shown_with_placeholders() {
    let sb = Sandbox::new();
    let data = sb.dir.path().join("x\u{1b}]0;pwned\u{7}\u{202e}");
    for _ in 0..2 {
        let out = Command::new(common::BIN)
            .args(["validate"])
            .env("XDG_DATA_HOME", &data)
            .env("HOME", sb.dir.path())
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(out.status.success(), "{stderr}");
        assert!(stderr.contains("x␛]0;pwned␇<U+202E>"), "{stderr}");
        assert_inert("default file message", &stderr);
    }
}

// ---- (b) the terminal UI on TestBackend ----

const NOW: &str = "2026-11-27T09:14:03Z";

fn app(text: &str, file: &str) -> App {
    App::new(
        Document::from_text(text.to_string()).unwrap(),
        store::shown(Path::new(file)),
        false,
    )
}

fn cells_of(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    let mut s = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

fn draw(app: &App, terminal: &mut Terminal<TestBackend>) -> String {
    let mut view = FrameState::default();
    terminal
        .draw(|f| ui::render(f, app, &mut view, &Theme { color: true }))
        .unwrap();
    cells_of(terminal)
}

#[test]
fn no_cell_of_any_screen_holds_a_control_or_format_character() {
    let sizes = [(140, 40), (100, 30), (80, 24), (60, 15), (30, 8)];
    let mut a = app(HOSTILE, EVIL_NAME);
    let mut screens = vec![];
    let steps: Vec<(&str, Vec<Action>)> = vec![
        ("start", vec![]),
        ("council", vec![Action::Down, Action::Open]),
        ("area", vec![Action::Down, Action::Open]),
        ("details", vec![Action::Open, Action::NextPane]),
        (
            "status edit",
            vec![Action::PrevPane, Action::CycleStatus(1)],
        ),
        ("help", vec![Action::ToggleHelp]),
        ("help closed", vec![Action::ToggleHelp]),
        ("undo", vec![Action::Undo]),
    ];
    for (name, actions) in steps {
        for action in actions {
            a.update(action, NOW);
        }
        for (w, h) in sizes {
            let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
            let text = draw(&a, &mut t);
            assert_inert(&format!("{name} at {w}x{h}"), &text.replace('\n', ""));
            screens.push(text);
        }
    }
    // The placeholders are what is shown.
    let all = screens.concat();
    for shown in [
        "␛]52;c;aGk=␇",
        "<U+202E>evil<U+202C>",
        "<U+009B>31m",
        "␛]0;pwned␇",
    ] {
        assert!(all.contains(shown), "never showed {shown}");
    }
    // A failed save whose message carries raw control characters (as an OS error text
    // could): the footer shows placeholders too.
    a.saved(
        Err(format!(
            "{EVIL_NAME}: not saved (\u{1b}[2J\u{7}\u{9b}\u{202e})"
        )),
        "09:14:03",
    );
    let mut t = Terminal::new(TestBackend::new(120, 30)).unwrap();
    let text = draw(&a, &mut t);
    assert_inert("failed save footer", &text.replace('\n', ""));
    // The stored values are unchanged.
    assert_eq!(a.data().deliverables[0].id, HOSTILE_ID);
}

/// CJK, ZWJ emoji, combining accents and ① in narrow columns: every row keeps its width.
#[test]
fn wide_and_combining_text_keeps_the_borders_in_narrow_columns() {
    let mut text = String::from(
        r#"{"version": 1, "councils": [{"id": "c", "name": "会議 👨‍👩‍👧‍👦 e\u0301 ① ②"}], "deliverables": ["#,
    );
    for i in 0..20 {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&format!(
            r#"{{"id": "d{i}", "council": "c", "title": "第{i}回 👩🏽‍🚀 Zoë Ame\u0301lie ①②③ 한국어 🇯🇵🇪🇺 {}", "status": "planned", "description": "{}"}}"#,
            "会".repeat(i),
            "a\u{301}b\u{302}c ".repeat(50)
        ));
    }
    text.push_str("]}");
    let mut a = app(&text, "o.json");
    for action in [Action::Down, Action::Open, Action::Open, Action::Down] {
        a.update(action, NOW);
    }
    for (w, h) in [(41, 12), (50, 15), (61, 20), (79, 24), (100, 30)] {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        draw(&a, &mut t);
        let buf = t.backend().buffer();
        for y in 0..h {
            let mut width = 0;
            let mut x = 0;
            while x < w {
                let sym = buf[(x, y)].symbol();
                let cw = unicode_width::UnicodeWidthStr::width(sym).max(1) as u16;
                width += cw;
                x += cw;
            }
            assert_eq!(width, w, "{w}x{h} row {y}");
        }
    }
}

/// a 100,000-character word, and a terminal shrunk to 1×1 and back.
#[test]
fn a_huge_word_and_a_one_cell_terminal_do_not_break_the_screen() {
    let word = "x".repeat(100_000);
    let text = format!(
        r#"{{"version": 1, "councils": [{{"id": "c", "name": "{word}"}}], "deliverables": [{{"id": "{word}", "council": "c", "title": "{word}", "status": "planned", "notes": "{word}"}}]}}"#
    );
    let mut a = app(&text, "o.json");
    let mut t = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let started = Instant::now();
    for (w, h) in [(100, 30), (1, 1), (2, 1), (100, 30)] {
        t.backend_mut().resize(w, h);
        draw(&a, &mut t);
        for action in [Action::NextPane, Action::NextPane, Action::Open] {
            a.update(action, NOW);
        }
    }
    let screen = draw(&a, &mut t);
    assert!(screen.contains("xxxxxxxxxx"), "{screen}");
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
}

// ---- (c) the real binary in a pseudo-terminal: every byte it writes ----

#[derive(Default)]
struct Seen {
    titles: Vec<Vec<u8>>,
    clipboard: Vec<Vec<u8>>,
    bells: usize,
}

impl vt100::Callbacks for Seen {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles.push(title.to_vec());
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.titles.push(name.to_vec());
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8], data: &[u8]) {
        self.clipboard.push(data.to_vec());
    }
}

/// The hostile tests' terminal: 140x40, watching titles and clipboard writes.
fn start(args: &[&str], sb: &Sandbox) -> Tui<Seen> {
    Tui::start_with(args, sb, 40, 140, &[], Seen::default())
}

/// The payloads of the dataset and the file name, none of which may be in the output.
fn assert_no_payload(tui: &Tui<Seen>) {
    let raw = &tui.raw;
    let has = |needle: &[u8]| raw.windows(needle.len()).any(|w| w == needle);
    for needle in [
        &b"\x1b]0;pwned"[..],
        b"\x1b]52;",
        b"\x1b]8;;",
        b"\x1b[2Jclear",
        b"\x1b[2Jne",
        b"c\x1b[31m",
        b"line2\x1b[1A",
        b"\x1bc",
        b"\x1b[?1049l reset",
        "\u{9b}".as_bytes(),
        "\u{85}".as_bytes(),
        "\u{202e}".as_bytes(),
        "\u{2066}".as_bytes(),
        "\u{200b}".as_bytes(),
        "\u{feff}".as_bytes(),
        b"\x07",
        b"\x08",
        b"\x0b",
        b"\x0c",
        b"\x7f",
    ] {
        assert!(
            !has(needle),
            "the output holds {:?}",
            String::from_utf8_lossy(needle)
        );
    }
    let seen = tui.parser.callbacks();
    assert!(
        seen.titles.is_empty(),
        "window title set: {:?}",
        seen.titles
    );
    assert!(
        seen.clipboard.is_empty(),
        "clipboard written: {:?}",
        seen.clipboard
    );
    assert_eq!(seen.bells, 0, "the bell rang");
}

#[test]
fn the_real_terminal_receives_placeholders_and_no_payload() {
    let sb = Sandbox::new();
    let path = sb.file(EVIL_NAME, HOSTILE);
    let mut tui = start(&[path.to_str().unwrap()], &sb);
    tui.wait_for("Councils (1)");
    tui.wait_for("o␛]0;pwned␇␊<U+009B>31m<U+202E>.json");
    // Into the council, its areas, the deliverables, the details; the council's card
    // (Tab comes round to the councils pane); then the help.
    tui.keys("j\rj\r\r");
    tui.wait_for("line2␛[1A");
    tui.keys("\t");
    tui.wait_for("Place    <U+202E>evil<U+202C>");
    tui.keys("?");
    tui.wait_for("┌ Keys ");
    // `?` closes the help (letters filter it), then `q` quits.
    tui.keys("?");
    tui.keys("q");
    assert_eq!(tui.exit_code(), 0);
    let screen = tui.parser.screen();
    assert!(!screen.alternate_screen());
    assert_no_payload(&tui);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), HOSTILE);
}

#[test]
fn a_bad_file_with_a_hostile_name_is_reported_without_payload_in_a_terminal() {
    let sb = Sandbox::new();
    let path = sb.file(EVIL_NAME, "{\"version\": \"\\u001b]0;pwned\\u0007\"}");
    let mut tui = start(&[path.to_str().unwrap()], &sb);
    assert_eq!(tui.exit_code(), 1);
    let out = String::from_utf8_lossy(&tui.raw).into_owned();
    assert!(out.contains(EVIL_SHOWN), "{out:?}");
    assert!(out.contains("found \"\\u001b]0;pwned\\u0007\""), "{out:?}");
    assert_no_payload(&tui);
}
