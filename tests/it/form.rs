//! The deliverable form (`a` adds, `E` edits): typed through the app's actions, checked
//! in the document after each step and undone byte for byte.

use councilor::action::Action;
use councilor::app::App;
use councilor::document::Document;
use councilor::store::BUNDLED;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const NOW: &str = "2026-11-27T09:14:03Z";

fn app() -> App {
    App::new(
        Document::from_text(BUNDLED.to_string()).unwrap(),
        "o.json".into(),
        false,
    )
}

fn key(app: &mut App, code: KeyCode) {
    app.update(
        Action::FormInput(KeyEvent::new(code, KeyModifiers::NONE)),
        NOW,
    );
}

fn type_in(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

/// `E` on the area selected in the areas pane (`id`): its name emptied (Ctrl-u), `name`
/// typed and saved.
fn rename_area(app: &mut App, id: &str, name: &str) {
    app.update(Action::EditDeliverable, NOW);
    assert_eq!(app.object_form().unwrap().editing.as_deref(), Some(id));
    app.update(
        Action::FormInput(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
        NOW,
    );
    type_in(app, name);
    app.update(Action::FormSave, NOW);
    assert_eq!(app.data().area(id).unwrap().name, name);
}

#[test]
fn add_then_undo_gives_back_the_file() {
    let mut app = app();
    app.update(Action::AddDeliverable, NOW);
    type_in(&mut app, "Joint AI safety tests");
    app.update(Action::FormSave, NOW);
    assert_ne!(app.document().text(), BUNDLED);
    app.update(Action::Undo, NOW);
    assert_eq!(app.document().text(), BUNDLED);
}

fn deliverable<'a>(doc: &'a Document, id: &str) -> &'a councilor::model::Deliverable {
    &doc.data().deliverables[doc.data().deliverable_index(id).expect("the deliverable")]
}

#[test]
fn the_form_adds_with_defaults_checks_as_you_type_and_edits_field_by_field() {
    let mut app = app();
    // The selected council is the default; without one, the most recent.
    for a in [Action::Down, Action::Down, Action::Open] {
        app.update(a, NOW);
    }
    app.update(Action::AddDeliverable, NOW);
    let form = app.form().unwrap();
    assert_eq!(app.data().councils[form.council].id, "eu-jp-dpc-2");
    assert_eq!(
        app.data().statuses[form.status].name,
        "planned",
        "the first open status"
    );
    type_in(&mut app, "Quantum, together!");
    assert_eq!(
        app.form().unwrap().id,
        "eu-jp-dpc-2/quantum-together",
        "the id follows the title"
    );
    app.update(Action::FormMove(1), NOW);
    key(&mut app, KeyCode::Backspace);
    type_in(&mut app, "q1");
    assert_eq!(
        app.form().unwrap().id,
        "eu-jp-dpc-2/quantum-togetheq1",
        "typed by hand"
    );
    app.update(Action::FormMove(2), NOW);
    app.update(Action::FormMove(-1), NOW);
    app.update(Action::FormMove(1), NOW);
    // Areas: what is typed finds them; Enter takes the highlighted one.
    type_in(&mut app, "quant");
    key(&mut app, KeyCode::Enter);
    // A name no area has is created with the deliverable; Backspace gives it up again.
    type_in(&mut app, "zzz");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.form().unwrap().areas, ["quantum", "zzz"]);
    assert_eq!(
        app.form().unwrap().new_areas,
        [("zzz".to_string(), "zzz".to_string())]
    );
    key(&mut app, KeyCode::Backspace);
    assert!(app.form().unwrap().new_areas.is_empty());
    app.update(Action::FormMove(1), NOW);
    key(&mut app, KeyCode::Down);
    app.update(Action::FormMove(2), NOW);
    type_in(&mut app, "2026-1");
    assert!(
        app.form().unwrap().due_problem().is_some(),
        "checked as it is typed"
    );
    app.update(Action::FormSave, NOW);
    assert!(app.form().is_some(), "a bad date keeps the form open");
    assert!(
        app.form()
            .unwrap()
            .problem
            .as_deref()
            .unwrap()
            .contains("\"2026-1\" is not a date")
    );
    type_in(&mut app, "2");
    app.update(Action::FormSave, NOW);
    assert!(app.form().is_none());
    let id = "eu-jp-dpc-2/quantum-togetheq1";
    assert_eq!(app.selected().unwrap().id, id, "the new one is selected");
    let d = deliverable(app.document(), id);
    assert_eq!(
        (
            d.council.as_str(),
            d.areas.iter().map(|a| a.as_str()).collect::<Vec<_>>(),
            d.status.as_str(),
            d.due.as_deref()
        ),
        (
            "eu-jp-dpc-2",
            vec!["quantum"],
            "in_progress",
            Some("2026-12")
        )
    );
    assert_eq!(d.history().len(), 1);
    let added = app.document().text().to_string();

    // E: the same form on it; each changed field gets its own entry; one undo step.
    app.update(Action::EditDeliverable, NOW);
    assert_eq!(app.form().unwrap().title, "Quantum, together!");
    app.update(
        Action::FormInput(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
        NOW,
    );
    type_in(&mut app, "Quantum together");
    for _ in 0..3 {
        app.update(Action::FormMove(1), NOW);
    }
    type_in(&mut app, "hpc");
    key(&mut app, KeyCode::Enter);
    // The notes take several lines.
    for _ in 0..5 {
        app.update(Action::FormMove(1), NOW);
    }
    type_in(&mut app, "one");
    key(&mut app, KeyCode::Enter);
    type_in(&mut app, "two");
    app.update(Action::FormSave, NOW);
    let d = deliverable(app.document(), id);
    assert_eq!(d.notes().as_deref(), Some("one\ntwo"));
    assert_eq!(d.title, "Quantum together");
    assert_eq!(&*d.areas, ["quantum", "hpc"]);
    let history = d.history();
    let fields: Vec<&str> = history.iter().filter_map(|h| h.field.as_deref()).collect();
    assert_eq!(fields, ["created", "title", "notes", "areas"]);
    app.update(Action::Undo, NOW);
    assert_eq!(app.document().text(), added);
    let said = &app.message().unwrap().text;
    assert!(!said.contains("not in this view"), "{said}");
    app.update(Action::Undo, NOW);
    assert_eq!(app.document().text(), BUNDLED);
    app.update(Action::Redo, NOW);
    assert_eq!(app.document().text(), added);
}

#[test]
fn esc_asks_before_leaving_a_form_with_something_typed() {
    let mut app = app();
    app.update(Action::AddDeliverable, NOW);
    app.update(Action::Cancel, NOW);
    assert!(app.form().is_none(), "nothing typed: it just closes");
    app.update(Action::AddDeliverable, NOW);
    type_in(&mut app, "Half");
    app.update(Action::Cancel, NOW);
    assert!(app.form().unwrap().leaving);
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(
        app.form().unwrap().title,
        "Half",
        "anything but y goes back to the form"
    );
    app.update(Action::Cancel, NOW);
    key(&mut app, KeyCode::Char('y'));
    assert!(app.form().is_none());
    assert_eq!(app.document().text(), BUNDLED);
}

/// The form over the panes, as snapshots at 80x24 and 60x15.
#[test]
fn the_form_on_a_small_and_a_smaller_screen() {
    use councilor::ui::{self, FrameState, theme::Theme};
    use ratatui::{Terminal, backend::TestBackend};
    let mut app = app();
    app.update(Action::AddDeliverable, NOW);
    type_in(&mut app, "Joint call on quantum sensing");
    for _ in 0..3 {
        app.update(Action::FormMove(1), NOW);
    }
    type_in(&mut app, "qu");
    key(&mut app, KeyCode::Enter);
    type_in(&mut app, "s");
    for (w, h, name) in [(80, 24, "form_80x24"), (60, 15, "form_60x15")] {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal
            .draw(|f| ui::render(f, &app, &mut FrameState::default(), &Theme { color: false }))
            .unwrap();
        insta::assert_snapshot!(name, terminal.backend());
    }
}

#[cfg(unix)]
mod end_to_end {
    use crate::common::{self, pty::Tui, pty::wait_file};

    #[test]
    fn add_edit_remove_and_undo_each_in_the_real_terminal() {
        let sb = common::Sandbox::new();
        let original = common::bundled();
        let path = sb.file("o.json", &original);
        let mut tui = Tui::start(&[path.to_str().unwrap()], &sb, 24, 80);
        tui.wait_for("Councils (13)");
        let id = "eu-ca-dpc-1/joint-ai-safety-tests";
        // a: the title, then the areas (Tab ×3), `ai` taken with Enter; Ctrl-s saves.
        tui.keys("a");
        tui.wait_for("New deliverable");
        tui.keys("Joint AI safety tests\t\t\tai\r\x13");
        tui.wait_for("added (u to undo)");
        let added = wait_file(&path, |t| t.contains(id));
        let doc = councilor::document::Document::from_text(added.clone()).unwrap();
        let d = &doc.data().deliverables[doc.data().deliverable_index(id).unwrap()];
        assert_eq!(
            (
                d.title.as_str(),
                d.areas.iter().map(|a| a.as_str()).collect()
            ),
            ("Joint AI safety tests", vec!["ai"])
        );
        assert_eq!(d.history()[0].field.as_deref(), Some("created"));
        // E: a new title (Ctrl-u clears the old one) and one more area.
        tui.keys("E");
        tui.wait_for("Edit eu-ca-dpc-1/joint-ai-safety-tests");
        tui.keys("\x15Joint AI safety testing\t\t\tresearch\r\x13");
        tui.wait_for("2 fields saved");
        let edited = wait_file(&path, |t| t.contains("\"Joint AI safety testing\""));
        assert!(edited.contains("\"areas\": [\"ai\", \"research\"]"));
        assert!(edited.contains("\"field\": \"title\"") && edited.contains("\"field\": \"areas\""));
        // x: asked, then removed.
        tui.keys("x");
        tui.wait_for("remove \"Joint AI safety testing\"? y/n");
        tui.keys("y");
        let removed = wait_file(&path, |t| t.contains("\"removed\": true"));
        assert!(removed.contains("\"field\": \"removed\""));
        // Each u takes one step back, down to the original bytes.
        tui.keys("u");
        wait_file(&path, |t| t == edited);
        tui.keys("u");
        wait_file(&path, |t| t == added);
        tui.keys("u");
        wait_file(&path, |t| t == original);
        tui.keys("q");
        assert_eq!(tui.exit_code(), 0);
    }
}

#[test]
fn f_carries_a_deliverable_over_and_chain_lists_the_whole_chain() {
    let mut app = app();
    let original = "eu-jp-dpc-2/eid-moc";
    for a in [Action::NextPane, Action::NextPane] {
        app.update(a, NOW);
    }
    assert_eq!(app.selected().unwrap().id, original);
    app.update(Action::CarryOver, NOW);
    let form = app.form().unwrap();
    assert_eq!(form.follows.as_deref(), Some(original));
    assert_eq!(
        app.data().councils[form.council].id,
        "eu-jp-dpc-3",
        "the next council of the partnership"
    );
    assert_eq!(form.areas, ["eid", "data"]);
    assert_eq!(
        form.title,
        "Memorandum of Cooperation on digital identities and trust services"
    );
    app.update(Action::FormSave, NOW);
    let new = app.selected().unwrap().clone();
    assert_eq!(new.follows.as_deref(), Some(original));
    assert_eq!(new.status, "planned");
    assert_eq!(new.council, "eu-jp-dpc-3");
    // The whole chain, from any link of it.
    let query = format!("chain:{}", new.id);
    let found = councilor::query::select(
        app.data(),
        &councilor::query::Filter {
            query: Some(&query),
            ..Default::default()
        },
    );
    let mut ids: Vec<&str> = found
        .iter()
        .map(|&i| app.data().deliverables[i].id.as_str())
        .collect();
    ids.sort();
    assert_eq!(
        ids,
        [
            original,
            "eu-jp-dpc-3/eid-mutual-recognition",
            new.id.as_str()
        ]
    );
    app.update(Action::Undo, NOW);
    assert_eq!(app.document().text(), BUNDLED);
}

#[test]
fn a_council_is_added_with_today_and_a_council_or_an_area_is_edited_in_the_same_form() {
    let mut app = app();
    app.set_started(NOW);
    app.update(Action::AddCouncil, NOW);
    let form = app.object_form().unwrap();
    assert_eq!(form.value("date"), "2026-11-27", "the meeting of the day");
    type_in(&mut app, "Third EU–Korea council");
    for _ in 0..4 {
        app.update(Action::FormMove(1), NOW);
    }
    type_in(&mut app, "Korea");
    app.update(Action::FormMove(1), NOW);
    type_in(&mut app, "EU–KR 3");
    app.update(Action::FormSave, NOW);
    assert!(app.object_form().is_none());
    let c = app.data().councils.last().unwrap().clone();
    assert_eq!(
        (c.id.as_str(), c.date.as_deref()),
        ("third-eu-korea-council", Some("2026-11-27"))
    );
    let text = app.document().text();
    assert!(
        text.contains("      \"partner\": \"Korea\",\n"),
        "in the neighbour's key order"
    );
    assert!(
        text.contains("      \"short\": \"EU–KR 3\"\n    }\n  ],"),
        "last of the councils"
    );
    let added = app.document().text().to_string();
    // The council just added is the chosen one: a new deliverable goes to it.
    assert_eq!(app.council_filter(), Some("third-eu-korea-council"));
    app.update(Action::AddDeliverable, NOW);
    let form = app.form().unwrap();
    assert_eq!(
        app.data().councils[form.council].id,
        "third-eu-korea-council"
    );
    app.update(Action::Cancel, NOW);
    assert!(app.form().is_none());
    // E in the councils pane: the selected council's fields.
    for _ in 0..app.data().councils.len() {
        app.update(Action::Down, NOW);
    }
    app.update(Action::EditDeliverable, NOW);
    assert_eq!(
        app.object_form().unwrap().editing.as_deref(),
        Some("third-eu-korea-council")
    );
    for _ in 0..3 {
        app.update(Action::FormMove(1), NOW);
    }
    type_in(&mut app, "Seoul");
    app.update(Action::FormSave, NOW);
    assert_eq!(
        app.data().councils.last().unwrap().location.as_deref(),
        Some("Seoul")
    );
    app.update(Action::Undo, NOW);
    assert_eq!(app.document().text(), added);
    app.update(Action::Undo, NOW);
    assert_eq!(app.document().text(), BUNDLED);
    // E in the areas pane: an area's name. With All councils chosen the pane lists every
    // area in use, whichever council is last in the file (one with no deliverables yet
    // lists none).
    app.update(Action::Top, NOW);
    assert_eq!(app.council_filter(), None);
    app.update(Action::NextPane, NOW);
    app.update(Action::Down, NOW);
    rename_area(&mut app, "ai", "AI");
    app.update(Action::Undo, NOW);
    assert_eq!(app.document().text(), BUNDLED);
}

#[test]
fn x_on_an_area_in_use_says_how_many_use_it() {
    let mut app = app();
    app.update(Action::NextPane, NOW);
    app.update(Action::Down, NOW);
    app.update(Action::Remove, NOW);
    assert!(app.question().is_none());
    let said = &app.message().unwrap().text;
    assert!(
        said.starts_with(
            "ai is used by 17 deliverables: an area is removed only when none uses it"
        ),
        "{said}"
    );
    assert_eq!(app.document().text(), BUNDLED);
}

#[test]
fn a_new_area_typed_in_the_form_is_created_with_the_deliverable_in_one_undo_step() {
    let mut app = app();
    app.update(Action::AddDeliverable, NOW);
    type_in(&mut app, "Green data centres");
    for _ in 0..3 {
        app.update(Action::FormMove(1), NOW);
    }
    type_in(&mut app, "Green digital");
    key(&mut app, KeyCode::Enter);
    app.update(Action::FormSave, NOW);
    let data = app.data();
    assert_eq!(data.areas.last().unwrap().name, "Green digital");
    let d = app.selected().unwrap();
    assert_eq!(&*d.areas, ["green-digital"]);
    app.update(Action::Undo, NOW);
    assert_eq!(app.document().text(), BUNDLED, "one undo takes both back");
    app.update(Action::Redo, NOW);
    assert_eq!(app.data().areas.last().unwrap().id, "green-digital");
}

#[test]
fn add_remove_and_two_undos_in_a_crlf_tab_file_give_it_back() {
    let text = "{\r\n\t\"version\": 1,\r\n\t\"statuses\": [\"todo\", \"doing\", \"done\"],\r\n\t\"councils\": [\r\n\t\t{\"id\": \"k1\", \"name\": \"Kickoff\", \"date\": \"2026-01-10\"}\r\n\t],\r\n\t\"areas\": [\r\n\t\t{\"id\": \"net\", \"name\": \"Networks\"}\r\n\t],\r\n\t\"deliverables\": [\r\n\t\t{\r\n\t\t\t\"title\": \"会議 plan\",\r\n\t\t\t\"id\": \"k1/plan\",\r\n\t\t\t\"council\": \"k1\",\r\n\t\t\t\"status\": \"todo\",\r\n\t\t\t\"x-rank\": 1e3\r\n\t\t}\r\n\t]\r\n}\r\n";
    let mut app = App::new(
        Document::from_text(text.to_string()).unwrap(),
        "o.json".into(),
        false,
    );
    app.update(Action::AddDeliverable, NOW);
    type_in(&mut app, "Fibre backbone 光");
    app.update(Action::FormSave, NOW);
    let added = app.document().text().to_string();
    assert!(
        added.contains("\t\t},\r\n\t\t{\r\n\t\t\t\"title\": \"Fibre backbone 光\",\r\n"),
        "{added}"
    );
    app.update(Action::Remove, NOW);
    app.update(Action::Confirm(true), NOW);
    assert!(app.data().deliverables[1].removed);
    app.update(Action::Undo, NOW);
    assert_eq!(app.document().text(), added, "{:?}", app.message());
    app.update(Action::Undo, NOW);
    assert_eq!(app.document().text(), text, "{:?}", app.message());
}

#[test]
fn an_add_and_a_council_not_saved_yet_are_merged_into_a_file_changed_on_disk() {
    let mut app = app();
    app.update(Action::AddDeliverable, NOW);
    type_in(&mut app, "Mine");
    app.update(Action::FormSave, NOW);
    app.update(Action::AddCouncil, NOW);
    type_in(&mut app, "Fourth council");
    app.update(Action::FormSave, NOW);
    // Meanwhile another writer added one of theirs.
    let mut theirs = Document::from_text(BUNDLED.to_string()).unwrap();
    let new = councilor::create::NewDeliverable {
        council: "eu-jp-dpc-1".into(),
        title: "Theirs".into(),
        ..Default::default()
    };
    let c = councilor::create::deliverable(&theirs, &new, NOW).unwrap();
    assert!(theirs.splice(&c.splice));
    let effect = app.disk_changed(theirs);
    assert_eq!(
        effect,
        Some(councilor::action::Effect::Save),
        "{:?}",
        app.message()
    );
    let data = app.data();
    assert!(data.deliverable_index("eu-jp-dpc-1/theirs").is_some());
    assert!(data.deliverables.iter().any(|d| d.title == "Mine"));
    assert!(data.councils.iter().any(|c| c.name == "Fourth council"));
}

#[test]
fn esc_leaves_the_form_and_asks_first_when_something_was_typed() {
    let mut app = app();
    let press = |app: &mut App, code: KeyCode| {
        app.key(&KeyEvent::new(code, KeyModifiers::NONE), NOW);
    };
    press(&mut app, KeyCode::Char('a'));
    assert!(app.form().is_some(), "a opens the form");
    press(&mut app, KeyCode::Esc);
    assert!(app.form().is_none(), "nothing typed: Esc leaves at once");
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::Char('x'));
    press(&mut app, KeyCode::Esc);
    assert!(app.form().is_some(), "something typed: Esc asks first");
    press(&mut app, KeyCode::Char('y'));
    assert!(app.form().is_none());
    assert_eq!(app.document().text(), BUNDLED);
}

#[test]
fn f_carries_over_within_the_partnership_and_says_when_no_later_council_exists() {
    let mut app = app();
    app.update(Action::OpenSearch, NOW);
    for c in "council:eu-kr-dpc-1".chars() {
        app.update(Action::LineChar(c), NOW);
    }
    app.update(Action::LineAccept, NOW);
    app.update(Action::CarryOver, NOW);
    let form = app.form().expect("a form");
    assert_eq!(
        app.data().councils[form.council].id,
        "eu-kr-dpc-2",
        "Korea's next council, not the next council by date"
    );
    // Leaving the form asks first (it came filled in); y leaves.
    app.update(Action::Cancel, NOW);
    app.key(&KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE), NOW);
    assert!(app.form().is_none());
    // The latest council of its partnership: nothing to carry over to yet.
    app.update(Action::OpenSearch, NOW);
    for _ in 0.."council:eu-kr-dpc-1".len() {
        app.update(Action::LineBackspace, NOW);
    }
    for c in "council:eu-ca-dpc-1".chars() {
        app.update(Action::LineChar(c), NOW);
    }
    app.update(Action::LineAccept, NOW);
    app.update(Action::CarryOver, NOW);
    assert!(app.form().is_none());
    let said = &app.message().unwrap().text;
    assert!(
        said.starts_with(
            "no later council of the same partner and series (Digital Partnership Council) follows"
        ),
        "{said}"
    );
    assert_eq!(app.document().text(), BUNDLED);
}

#[test]
fn f_carries_over_to_the_next_council_of_the_same_series_not_another_meeting_of_the_partner() {
    // A summit with Japan falls between two digital partnership councils.
    let summit = r#"    {
      "id": "eu-jp-summit-2024",
      "name": "EU–Japan Summit",
      "partner": "Japan",
      "series": "Summit",
      "date": "2024-01-15"
    },
    {
      "id": "eu-jp-dpc-2","#;
    let text = BUNDLED.replacen("    {\n      \"id\": \"eu-jp-dpc-2\",", summit, 1);
    assert_ne!(text, BUNDLED);
    let mut app = App::new(Document::from_text(text).unwrap(), "o.json".into(), false);
    app.update(Action::OpenSearch, NOW);
    for c in "council:eu-jp-dpc-1".chars() {
        app.update(Action::LineChar(c), NOW);
    }
    app.update(Action::LineAccept, NOW);
    app.update(Action::CarryOver, NOW);
    let form = app.form().expect("a form");
    assert_eq!(app.data().councils[form.council].id, "eu-jp-dpc-2");
}

#[test]
fn a_search_follows_an_area_renamed_in_the_form_through_the_status_edits_after_it() {
    // Two deliverables whose titles match alike; the second is in an area that the search
    // comes to match better once the area is renamed.
    let text = r#"{
  "version": 1,
  "councils": [{"id": "c", "name": "C"}],
  "areas": [{"id": "ai", "name": "Robotics"}],
  "deliverables": [
    {"id": "d3", "council": "c", "title": "Inter-grid telemetry", "status": "planned"},
    {"id": "d2", "council": "c", "title": "Inter-grid telemetry", "status": "planned", "areas": ["ai"]}
  ]
}
"#;
    let mut app = App::new(
        Document::from_text(text.into()).unwrap(),
        "o.json".into(),
        false,
    );
    let ids = |app: &App| -> Vec<String> {
        let data = app.data();
        app.rows()
            .iter()
            .map(|&i| data.deliverables[i].id.to_string())
            .collect()
    };
    app.update(Action::OpenSearch, NOW);
    for c in "intel".chars() {
        app.update(Action::LineChar(c), NOW);
    }
    app.update(Action::LineAccept, NOW);
    assert_eq!(ids(&app), ["d3", "d2"], "a tie, in file order");
    // The area renamed to what the search finds whole: d2 ranks first.
    app.update(Action::PrevPane, NOW);
    app.update(Action::Down, NOW);
    rename_area(&mut app, "ai", "Intel");
    app.update(Action::Up, NOW);
    app.update(Action::NextPane, NOW);
    assert_eq!(ids(&app), ["d2", "d3"]);
    // A status edit of d2 searches it again with the renamed area, not the old name.
    assert_eq!(app.selected().unwrap().id, "d2");
    app.update(Action::SetStatus(1), NOW);
    assert_eq!(
        app.data().deliverables[1].status,
        app.data().statuses[1].name
    );
    assert_eq!(ids(&app), ["d2", "d3"]);
}

#[test]
fn an_added_deliverable_is_shown_under_the_search_that_finds_it_and_else_in_its_council() {
    let mut app = app();
    for (title, kept) in [("Quantum relay pilot", true), ("Joint testbed", false)] {
        app.update(Action::OpenSearch, NOW);
        app.update(Action::LineClear, NOW);
        for c in "quantum".chars() {
            app.update(Action::LineChar(c), NOW);
        }
        app.update(Action::LineAccept, NOW);
        app.update(Action::AddDeliverable, NOW);
        type_in(&mut app, title);
        app.update(Action::FormSave, NOW);
        let d = app.selected().expect("the new one under the cursor");
        assert_eq!(d.title, title);
        assert_eq!(app.search().active(), kept, "{title}");
        let council = &d.council;
        if !kept {
            // Its council's list: every row of it, nothing else.
            assert!(
                app.rows()
                    .iter()
                    .all(|&i| &app.data().deliverables[i].council == council)
            );
        }
    }
}
