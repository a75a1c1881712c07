//! In a meeting, at 80x24 on a projector (and 60x15): keys typed as a person types them,
//! through the keymap, and the screen read back.

use councilor::app::App;
use councilor::document::Document;
use councilor::store::BUNDLED;
use councilor::ui::{self, FrameState, theme::Theme};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const NOW: &str = "2026-11-27T09:14:03Z";

pub fn app() -> App {
    App::new(
        Document::from_text(BUNDLED.to_string()).unwrap(),
        "o.json".into(),
        false,
    )
}

/// Types `keys` (`\r` Enter, `\x1b` Esc, `\t` Tab, `\x0e` Down).
pub fn type_keys(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\r' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            '\t' => KeyCode::Tab,
            '\x0e' => KeyCode::Down,
            c => KeyCode::Char(c),
        };
        app.key(&KeyEvent::new(code, KeyModifiers::NONE), NOW);
    }
}

pub fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let mut view = FrameState::default();
    terminal
        .draw(|f| ui::render(f, app, &mut view, &Theme { color: false }))
        .unwrap();
    terminal
}

pub fn text(app: &App, width: u16, height: u16) -> String {
    let t = draw(app, width, height);
    let buf = t.backend().buffer();
    crate::common::buffer_lines(buf).join(
        "
",
    )
}

#[test]
fn the_main_screen_at_80x24_and_60x15_hints_at_rows_out_of_view() {
    let mut app = app();
    let screen = text(&app, 80, 24);
    assert!(
        screen.contains("↓ "),
        "the councils pane says more below:\n{screen}"
    );
    insta::assert_snapshot!("main_80x24", screen);
    type_keys(&mut app, "\t");
    let screen = text(&app, 80, 24);
    assert!(screen.contains("▶ Areas"), "{screen}");
    assert!(
        screen.contains("━ ↓ 12 more ━┛"),
        "the areas pane says more below:\n{screen}"
    );
    type_keys(&mut app, "\t");
    let small = text(&app, 60, 15);
    assert!(
        small.contains("1…5 status of eu-jp-dpc-2/eid-moc"),
        "{small}"
    );
    insta::assert_snapshot!("deliverables_60x15", small);
}

#[test]
fn the_help_wraps_at_80x24_and_q_closes_it_while_nothing_is_typed() {
    let mut app = app();
    type_keys(&mut app, "?");
    let screen = text(&app, 80, 24);
    insta::assert_snapshot!("help_80x24", screen);
    // Filtered to the status line: all five statuses are on screen, none cut.
    type_keys(&mut app, "dropped");
    let screen = text(&app, 80, 24);
    for s in [
        "1 planned",
        "2 in_progress",
        "3 done",
        "4 blocked",
        " dropped ",
    ] {
        assert!(screen.contains(s), "{s} missing:\n{screen}");
    }
    // Once a filter is typed, q is a letter of it; Esc clears the filter, then q closes.
    type_keys(&mut app, "q");
    assert_eq!(app.help_filter_text(), "droppedq");
    type_keys(&mut app, "\x1b");
    assert_eq!(app.help_filter_text(), "");
    type_keys(&mut app, "jjk");
    assert_eq!(app.help_scroll(), 1, "j and k scroll");
    type_keys(&mut app, "q");
    assert!(
        !text(&app, 80, 24).contains("Keys (type to filter)"),
        "q closed the help"
    );
}

#[test]
fn the_no_match_hint_of_a_search_is_whole_at_80x24() {
    let mut app = app();
    type_keys(&mut app, "jj\r/zzzzqqq");
    let screen = text(&app, 80, 24);
    assert!(
        screen.contains("Esc clears the search"),
        "the way out is on screen:\n{screen}"
    );
}

#[test]
fn the_palette_matches_word_starts_and_runs_nothing_for_an_unknown_word() {
    let mut app = app();
    type_keys(&mut app, ":delete");
    assert!(app.palette_commands().is_empty(), "no guess for delete");
    let screen = text(&app, 80, 24);
    assert!(screen.contains("no action"), "{screen}");
    type_keys(&mut app, "\r");
    assert!(app.marked().is_empty(), "nothing was marked");
    assert_eq!(app.document().text(), BUNDLED, "nothing changed");
    assert!(app.message().unwrap().text.contains("no action"));
    type_keys(&mut app, ":mark ev");
    let names: Vec<&str> = app.palette_commands().iter().map(|c| c.name).collect();
    assert_eq!(names, ["mark-all"], "mark + a word starting ev (every)");
    type_keys(&mut app, "\x1b:dash");
    assert_eq!(app.palette_commands()[0].name, "dashboard");
}

#[test]
fn one_deliverable_changed_is_said_in_the_singular() {
    let mut app = app();
    type_keys(&mut app, "\t\t 4y");
    assert_eq!(
        app.message().unwrap().text,
        "1 deliverable changed (u to undo)"
    );
}

#[test]
fn rows_name_their_council_when_the_list_spans_councils() {
    let mut app = app();
    let screen = text(&app, 80, 24);
    assert!(screen.contains("] EU–JP 2 "), "{screen}");
    // One council chosen: the label would say nothing.
    type_keys(&mut app, "jj");
    let screen = text(&app, 80, 24);
    assert!(!screen.contains("] EU–JP 2 "), "{screen}");
}

#[test]
fn the_councils_pane_shows_the_council_card_in_the_details() {
    let mut app = app();
    type_keys(&mut app, "jj");
    let screen = text(&app, 80, 40);
    for s in [
        "Council ",
        "Chairs",
        "Taro Kono",
        "Brussels",
        "Partner  Japan",
        "EU–JP 2",
    ] {
        assert!(screen.contains(s), "{s} missing:\n{screen}");
    }
    insta::assert_snapshot!("council_card_80x24", text(&app, 80, 24));
    // In the deliverables, the details are the deliverable's, with its source link.
    type_keys(&mut app, "\t\t");
    let screen = text(&app, 100, 40);
    assert!(
        screen.contains("Source   https://digital-strategy.ec.europa.eu/"),
        "{screen}"
    );
}

#[test]
fn council_chairs_and_partners_are_searched() {
    let mut app = app();
    let council_of = |app: &App| -> Vec<String> {
        let mut c: Vec<String> = app
            .rows()
            .iter()
            .map(|&i| app.data().deliverables[i].council.to_string())
            .collect();
        c.dedup();
        c
    };
    type_keys(&mut app, "/kono\r");
    assert!(!app.rows().is_empty());
    assert!(
        council_of(&app).iter().all(|c| c.starts_with("eu-jp-")),
        "{:?}",
        council_of(&app)
    );
    type_keys(&mut app, "\x1b/chair:kono\r");
    let chaired = app.rows().len();
    assert!(chaired > 0 && council_of(&app).iter().all(|c| c.starts_with("eu-jp-")));
    type_keys(&mut app, "\x1b/partner:korea\r");
    assert!(!app.rows().is_empty());
    assert!(
        council_of(&app).iter().all(|c| c.starts_with("eu-kr-")),
        "{:?}",
        council_of(&app)
    );
}

#[test]
fn the_dashboard_covers_the_panes_choice_lists_overdue_first_and_enter_acts() {
    let mut app = app();
    app.set_started("2026-12-01T09:00:00Z");
    // Everything: the one overdue deliverable comes first, under the summary.
    type_keys(&mut app, "d");
    let screen = text(&app, 80, 24);
    assert!(screen.contains("Dashboard · everything"), "{screen}");
    let overdue = screen.find("Overdue (1)").expect("overdue shown");
    assert!(overdue < screen.find("By council").unwrap(), "{screen}");
    insta::assert_snapshot!("dashboard_80x24", screen);
    // Enter on the first overdue row selects it and closes the dashboard.
    type_keys(&mut app, "\r");
    assert_eq!(app.screen(), None);
    assert_eq!(app.selected().unwrap().id, "eu-kr-dpc-2/ran-6g-projects");
    assert_eq!(app.focus(), councilor::vocabulary::Pane::Deliverables);
    // A council chosen: the dashboard covers it, and says so; e covers everything again.
    type_keys(&mut app, "\t\tjj");
    assert_eq!(app.council_filter(), Some("eu-jp-dpc-2"));
    type_keys(&mut app, "d");
    let screen = text(&app, 80, 24);
    assert!(screen.contains("Dashboard · EU–JP 2"), "{screen}");
    assert!(screen.contains("Overall  2/15 done"), "{screen}");
    assert!(screen.contains("By council (1)"), "{screen}");
    type_keys(&mut app, "e");
    assert!(text(&app, 80, 24).contains("Dashboard · everything"));
    // Enter on an area row narrows the panes to that area.
    type_keys(&mut app, "e");
    type_keys(&mut app, "j\r");
    assert_eq!(app.screen(), None);
    assert_eq!(app.area_filter(), Some("ai"));
    assert_eq!(app.focus(), councilor::vocabulary::Pane::Areas);
    // Enter on a council row chooses it.
    type_keys(&mut app, "d\r");
    assert_eq!(app.council_filter(), Some("eu-jp-dpc-2"));
    assert_eq!(app.focus(), councilor::vocabulary::Pane::Councils);
}

#[test]
fn o_cycles_the_order_of_the_list_and_the_title_says_it() {
    let mut app = app();
    let ids = |app: &App| -> Vec<String> {
        app.rows()
            .iter()
            .map(|&i| app.data().deliverables[i].id.to_string())
            .collect()
    };
    let file_order = ids(&app);
    type_keys(&mut app, "O");
    assert!(text(&app, 80, 24).contains("· by due date"));
    let dues: Vec<Option<String>> = app
        .rows()
        .iter()
        .map(|&i| {
            app.data().deliverables[i]
                .due
                .as_deref()
                .map(str::to_string)
        })
        .collect();
    let known = dues.iter().take_while(|d| d.is_some()).count();
    assert!(
        known > 0 && dues[known..].iter().all(Option::is_none),
        "{dues:?}"
    );
    type_keys(&mut app, "O");
    let status_of = |app: &App| -> Vec<usize> {
        app.rows()
            .iter()
            .map(|&i| {
                app.data()
                    .status_index(&app.data().deliverables[i].status)
                    .unwrap()
            })
            .collect()
    };
    assert!(status_of(&app).is_sorted(), "by status");
    type_keys(&mut app, "OO");
    assert!(text(&app, 100, 24).contains("· by title"));
    let titles: Vec<String> = app
        .rows()
        .iter()
        .map(|&i| app.data().deliverables[i].title.to_lowercase())
        .collect();
    assert!(titles.is_sorted());
    // A change puts its deliverable first in "last changed first".
    type_keys(&mut app, "O\t\tG4");
    let changed = app.selected().unwrap().id.to_string();
    assert_eq!(ids(&app)[0], changed);
    type_keys(&mut app, "O");
    assert_eq!(ids(&app), file_order, "round again to the file's order");
}

#[test]
fn z_zooms_the_focused_pane_to_the_full_screen_and_back() {
    let mut app = app();
    type_keys(&mut app, "\t\tz");
    let screen = text(&app, 80, 24);
    assert!(!screen.contains("Councils (13)"), "{screen}");
    assert!(screen.contains("▶ Deliverables 1/69"), "{screen}");
    // Rows have the full width.
    assert!(
        screen.contains("EU–JP 2 Topics for joint basic-research projects in quantum"),
        "{screen}"
    );
    insta::assert_snapshot!("zoomed_deliverables_80x24", screen);
    type_keys(&mut app, "z");
    assert!(text(&app, 80, 24).contains("Councils (13)"));
}

#[test]
fn today_is_the_local_date_for_the_dashboard_and_the_changes_view() {
    let mut app = app();
    app.set_zone(councilor::zone::Zone::fixed(3600, "CET"));
    // 23:30 UTC is already the next day in Brussels.
    app.set_started("2026-11-30T23:30:00Z");
    type_keys(&mut app, "d");
    assert!(text(&app, 80, 24).contains("today 2026-12-01"));
    assert_eq!(
        app.changes_period(),
        ("2026-11-30T23:00:00Z".to_string(), "today".to_string())
    );
}

#[test]
fn the_councils_pane_and_card_show_a_series_the_name_does_not_say() {
    let file = BUNDLED.replacen(
        "\"name\": \"First EU–Japan Digital Partnership Council\"",
        "\"name\": \"EU–Japan, July 2023\"",
        1,
    );
    let mut app = App::new(Document::from_text(file).unwrap(), "o.json".into(), false);
    let screen = text(&app, 120, 30);
    assert!(
        screen.contains("EU–Japan, July 2023 · Digital Partne"),
        "{screen}"
    );
    // Its card, on choosing it.
    type_keys(&mut app, "j");
    let screen = text(&app, 120, 30);
    assert!(screen.contains("Series"), "{screen}");
}
