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
    tui.wait_for("▶ Councils (8)");
    tui.keys("/semicondutor");
    tui.wait_for("of 60 match");
    tui.keys("\x1b");
    tui.wait_for("focus back on the councils");
    let screen = tui.screen();
    assert!(screen.contains("▶ Councils (8)"), "{screen}");
    assert!(!screen.contains("▶ Deliverables"), "{screen}");
    tui.keys("3");
    tui.wait_for("choose a deliverable first");
    // Enter keeps the search and says the focus moved to the results.
    tui.keys("/arctic\r");
    tui.wait_for("focus on the deliverables: 4 of 60 match");
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
