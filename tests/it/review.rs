//! The review of a readout's proposals in the UI: accepted ones added through the form's
//! path (history, undo), edited ones through the form itself, skipped ones left out, the
//! ones the file has already skipped from the start.

use councilor::action::Action;
use councilor::app::{App, Decision};
use councilor::document::Document;
use councilor::readout;
use councilor::store::BUNDLED;
use councilor::vocabulary::Mode;

const NOW: &str = "2026-11-27T09:14:03Z";
const COUNCIL: &str = "eu-jp-dpc-2";
const TEXT: &str = "Semiconductors:\nThe partners signed a Memorandum on chip design tools. They will set up a joint pilot line for advanced packaging. They decided to launch a quantum call.\nThe EU and Japan signed a Memorandum of Cooperation on digital identities and trust services.\n";

fn reviewing() -> App {
    let mut app = App::new(
        Document::from_text(BUNDLED.to_string()).unwrap(),
        "o.json".into(),
        false,
    );
    let found = readout::propose(TEXT, app.data(), COUNCIL, Some("https://example.org/r"));
    app.start_review(TEXT.to_string(), COUNCIL.to_string(), found);
    app
}

fn deliverable<'a>(doc: &'a Document, id: &str) -> &'a councilor::model::Deliverable {
    &doc.data().deliverables[doc.data().deliverable_index(id).expect("the deliverable")]
}

#[test]
fn accept_the_rest_is_one_step_and_undo_gives_back_the_file() {
    let mut app = reviewing();
    assert_eq!(app.mode(), Mode::Review);
    let review = app.review().unwrap();
    assert_eq!(
        review.decisions,
        [
            Decision::Pending,
            Decision::Pending,
            Decision::Pending,
            Decision::Skipped
        ]
    );
    assert!(app.update(Action::ReviewAcceptRest, NOW).is_some());
    let doc = app.document();
    let d = deliverable(doc, "eu-jp-dpc-2/joint-pilot-line-for-advanced-packaging");
    assert_eq!(
        d.evidence().as_deref(),
        Some("They will set up a joint pilot line for advanced packaging.")
    );
    assert_eq!(d.history()[0].field.as_deref(), Some("created"));
    assert_eq!(app.review().unwrap().count(Decision::Accepted), 3);
    // The one already in the file was not added again.
    assert_eq!(
        doc.text()
            .matches("digital identities and trust services.\"")
            .count(),
        1
    );
    app.update(Action::Undo, NOW);
    assert_eq!(app.document().text(), BUNDLED);
    assert_eq!(app.review().unwrap().count(Decision::Pending), 3);
    app.update(Action::Cancel, NOW);
    assert_eq!(app.mode(), Mode::Browse);
    assert!(app.review().is_none());
}

#[test]
fn a_skipped_one_can_still_be_accepted_and_nothing_is_added_twice() {
    let mut app = reviewing();
    app.update(Action::ReviewSkip, NOW);
    assert_eq!(app.review().unwrap().cursor, 1);
    app.update(Action::Up, NOW);
    assert!(app.update(Action::ReviewAccept, NOW).is_some());
    assert!(
        app.document()
            .data()
            .deliverable_index("eu-jp-dpc-2/memorandum-on-chip-design-tools")
            .is_some()
    );
    app.update(Action::Up, NOW);
    app.update(Action::Up, NOW);
    assert_eq!(app.review().unwrap().cursor, 0);
    assert_eq!(app.update(Action::ReviewAccept, NOW), None, "added already");
}

#[cfg(unix)]
mod end_to_end {
    use crate::common::{self, pty::Tui, pty::wait_file};

    #[test]
    fn accept_skip_edit_and_undo_in_the_real_terminal() {
        let sb = common::Sandbox::new();
        let original = common::bundled();
        let path = sb.file("o.json", &original);
        let text = sb.file("readout.txt", super::TEXT);
        let mut tui = Tui::start(
            &[
                "import",
                path.to_str().unwrap(),
                "--council",
                super::COUNCIL,
                "--text",
                text.to_str().unwrap(),
            ],
            &sb,
            24,
            80,
        );
        tui.wait_for("Proposal 1 of 4");
        assert!(tui.screen().contains("1 already in the file (skipped)"));
        assert!(tui.screen().contains("Memorandum on chip design tools"));
        // Enter: added, with its sentence.
        tui.keys("\r");
        tui.wait_for("memorandum-on-chip-design-tools: added");
        let first = wait_file(&path, |t| t.contains("memorandum-on-chip-design-tools"));
        assert!(
            first.contains(
                "\"evidence\": \"The partners signed a Memorandum on chip design tools.\""
            )
        );
        // x: the pilot line is left out.
        tui.keys("x");
        tui.wait_for("Proposal 3 of 4");
        // E: the quantum call in the form, its title changed, saved with Ctrl-s.
        tui.keys("E");
        tui.wait_for("New deliverable");
        tui.keys("\x15Joint quantum research call\x13");
        tui.wait_for("joint-quantum-research-call: added");
        let edited = wait_file(&path, |t| t.contains("joint-quantum-research-call"));
        assert!(edited.contains("\"title\": \"Joint quantum research call\""));
        assert!(
            edited.contains("\"evidence\": \"They decided to launch a quantum call.\""),
            "the form keeps the proposal's sentence"
        );
        assert!(!edited.contains("pilot-line"));
        // Back in the review: u takes the last one back, the file as after the first.
        tui.wait_for("2 added");
        tui.keys("u");
        wait_file(&path, |t| t == first);
        tui.wait_for("1 added");
        // The one the file has: marked, skipped.
        tui.keys("j");
        tui.wait_for("already in the file as eu-jp-dpc-2/eid-moc");
        tui.keys("\x1b");
        tui.wait_for("review closed: 1 added");
        tui.keys("q");
        assert_eq!(tui.exit_code(), 0);
    }
}

fn screen(app: &App, width: u16, height: u16) -> String {
    use councilor::ui::{self, FrameState, theme::Theme};
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    let mut view = FrameState::default();
    terminal
        .draw(|f| ui::render(f, app, &mut view, &Theme { color: false }))
        .unwrap();
    let buf = terminal.backend().buffer();
    crate::common::buffer_lines(buf).join(
        "
",
    )
}

#[test]
fn the_review_at_80x24_and_60x15() {
    let mut app = reviewing();
    app.update(Action::Down, NOW);
    insta::assert_snapshot!("review_80x24", screen(&app, 80, 24));
    app.update(Action::Down, NOW);
    app.update(Action::Down, NOW);
    insta::assert_snapshot!("review_present_60x15", screen(&app, 60, 15));
}
