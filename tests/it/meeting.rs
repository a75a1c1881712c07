//! In a meeting: the focus rule (no key lands on a row by surprise), what the screen says
//! at 80x24, the context of rows and councils, driven through the real binary or the state.
#![cfg(unix)]

use crate::common;

use common::pty::Tui;

/// After a search left with Esc, a number key meant for the councils pane must not set a
/// deliverable's status: the focus goes back where it was, and says so.
#[test]
fn esc_leaves_the_search_with_the_focus_where_it_was() {
    let sb = common::Sandbox::new();
    let path = sb.file("o.json", common::bundled());
    let mut tui = Tui::start(&[path.to_str().unwrap()], &sb, 24, 80);
    tui.wait_for("▶ Councils (13)");
    tui.keys("/semicondutor");
    tui.wait_for("of 69 match");
    tui.keys("\x1b");
    tui.wait_for("focus back on the councils");
    let screen = tui.screen();
    assert!(screen.contains("▶ Councils (13)"), "{screen}");
    assert!(!screen.contains("▶ Deliverables"), "{screen}");
    tui.keys("3");
    tui.wait_for("choose a deliverable first");
    // Enter keeps the search and says the focus moved to the results.
    tui.keys("/arctic\r");
    tui.wait_for("focus on the deliverables: 4 of 69 match");
    tui.wait_for("▶ Deliverables 1/4");
    tui.wait_for("1…5 status of eu-jp-dpc-2/arctic-connectivity");
    tui.keys("q");
    assert_eq!(tui.exit_code(), 0);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        common::bundled(),
        "no key changed the file"
    );
}

/// The changes view reads the file's history: after a restart it still shows today's edits
/// (the app's and `councilor set`'s), at local times with the zone, as the header does.
#[test]
fn the_changes_view_after_a_restart_shows_todays_edits_in_local_time() {
    let sb = common::Sandbox::new();
    let path = sb.file("o.json", common::bundled());
    let p = path.to_str().unwrap();
    let tz = [("TZ", "Europe/Brussels")];
    let mut tui = Tui::start_with(&[p], &sb, 24, 80, &tz, ());
    tui.wait_for("Councils (13)");
    tui.keys("\t\t4");
    tui.wait_for("eu-jp-dpc-2/eid-moc: done -> blocked");
    tui.wait_for(" CET ");
    let header = tui.screen().lines().next().unwrap_or("").to_string();
    assert!(
        header.contains("saved ") && header.contains(" CET"),
        "{header}"
    );
    tui.keys("q");
    assert_eq!(tui.exit_code(), 0);
    let run = sb.run(&["set", p, "eu-jp-dpc-2/cybersecurity", "--status", "done"]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let mut tui = Tui::start_with(&[p], &sb, 24, 80, &tz, ());
    tui.wait_for("Councils (13)");
    tui.keys("c");
    tui.wait_for("2 changes since today (00:00 CET)");
    let screen = tui.screen();
    assert!(screen.contains("status: done → blocked"), "{screen}");
    assert!(screen.contains("status: planned → done"), "{screen}");
    assert!(
        screen.lines().filter(|l| l.contains(" CET  ")).count() == 2,
        "each change at a local time with its zone:\n{screen}"
    );
    tui.keys("r");
    tui.wait_for("Changes since this run began");
    // A typed date: a bad one is said; a later one shows nothing.
    tui.keys("f2026-13\r");
    tui.wait_for("\"2026-13\" is not a date");
    tui.keys("f2099-01-01\r");
    tui.wait_for("No changes since 2099-01-01");
    tui.keys("t");
    tui.wait_for("2 changes since today");
    tui.keys("q");
    tui.keys("q");
    assert_eq!(tui.exit_code(), 0);
}

/// A fake `xdg-open` first on PATH: the link is handed to it without the interface waiting;
/// one that fails is said in the footer.
#[test]
fn b_opens_the_source_link_with_the_system_opener_and_says_a_failure() {
    use std::os::unix::fs::PermissionsExt;
    let sb = common::Sandbox::new();
    let path = sb.file("o.json", common::bundled());
    let bin = sb.dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let opened = sb.dir.path().join("opened.txt");
    let script = bin.join("xdg-open");
    std::fs::write(
        &script,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", opened.display()),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path_env = bin.to_str().unwrap().to_string();
    let env = [("PATH", path_env.as_str())];
    let mut tui = Tui::start_with(&[path.to_str().unwrap()], &sb, 24, 80, &env, ());
    tui.wait_for("Councils (13)");
    tui.keys("\t\tb");
    tui.wait_for("opening https://digital-strategy.ec.europa.eu/");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !opened.exists() && std::time::Instant::now() < deadline {
        tui.pump(std::time::Duration::from_millis(50));
    }
    let url = std::fs::read_to_string(&opened).expect("the opener ran");
    assert!(
        url.starts_with("https://digital-strategy.ec.europa.eu/en/news/eu-and-japan-advance"),
        "{url}"
    );
    tui.keys("q");
    assert_eq!(tui.exit_code(), 0);

    // An opener that fails (and no other on PATH).
    std::fs::write(&script, "#!/bin/sh\nexit 4\n").unwrap();
    let mut tui = Tui::start_with(&[path.to_str().unwrap()], &sb, 24, 80, &env, ());
    tui.wait_for("Councils (13)");
    tui.keys("\t\tb");
    tui.wait_for("could not open https://digital-strategy.ec.europa.eu/");
    tui.keys("q");
    assert_eq!(tui.exit_code(), 0);
}

#[derive(Default)]
struct Clipboard(Vec<Vec<u8>>);

impl vt100::Callbacks for Clipboard {
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8], data: &[u8]) {
        self.0.push(data.to_vec());
    }
}

/// `y` copies the id and `Y` the link through the terminal (OSC 52), and says so.
#[test]
fn y_copies_the_id_and_shift_y_the_link_through_the_terminal() {
    let sb = common::Sandbox::new();
    let path = sb.file("o.json", common::bundled());
    let mut tui = Tui::start_with(
        &[path.to_str().unwrap()],
        &sb,
        24,
        80,
        &[],
        Clipboard::default(),
    );
    tui.wait_for("Councils (13)");
    tui.keys("\t\ty");
    tui.wait_for("copied eu-jp-dpc-2/eid-moc (through the terminal, OSC 52");
    tui.keys("Y");
    tui.wait_for("copied https://");
    // The chosen council's link, from the councils pane.
    tui.keys("\t\tjjY");
    tui.wait_for("copied https://www.meti.go.jp/");
    tui.keys("q");
    assert_eq!(tui.exit_code(), 0);
    let copied: Vec<&[u8]> = tui.parser.callbacks().0.iter().map(Vec::as_slice).collect();
    assert_eq!(copied.len(), 3, "{copied:?}");
    assert_eq!(
        copied[0], b"ZXUtanAtZHBjLTIvZWlkLW1vYw==",
        "base64 of the id"
    );
}
