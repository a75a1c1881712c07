//! Rendering on ratatui's TestBackend: whole screens as snapshots, colours checked on cells.

use councilor::action::Action;
use councilor::app::App;
use councilor::document::Document;
use councilor::store::BUNDLED;
use councilor::ui::{self, FrameState, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;

const NOW: &str = "2026-11-27T09:14:03Z";
const COLOR: Theme = Theme { color: true };
const PLAIN: Theme = Theme { color: false };

fn app_with(text: &str) -> App {
    App::new(
        Document::from_text(text.to_string()).unwrap(),
        "o.json".into(),
        false,
    )
}

fn draw(app: &App, width: u16, height: u16, theme: Theme) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let mut view = FrameState::default();
    terminal
        .draw(|f| ui::render(f, app, &mut view, &theme))
        .unwrap();
    terminal
}

fn lines(buf: &Buffer) -> Vec<String> {
    crate::common::buffer_lines(buf)
}

fn screen(buf: &Buffer) -> String {
    lines(buf).join("\n")
}

#[test]
fn main_screen() {
    let mut app = app_with(BUNDLED);
    for a in [Action::Down, Action::Down, Action::Open, Action::Open] {
        app.update(a, NOW);
    }
    let t = draw(&app, 100, 30, COLOR);
    insta::assert_snapshot!("main_100x30", t.backend());
}

#[test]
fn main_screen_wide() {
    let app = app_with(BUNDLED);
    let t = draw(&app, 140, 40, COLOR);
    insta::assert_snapshot!("main_140x40", t.backend());
}

#[test]
fn help_overlay() {
    let mut app = app_with(BUNDLED);
    app.update(Action::ToggleHelp, NOW);
    // Tall enough for every row; the 100x30 snapshot shows how it starts on a usual screen.
    let tall = draw(&app, 120, 110, COLOR);
    let text = screen(tall.backend().buffer());
    for (keys, help) in app.help_rows() {
        assert!(text.contains(help.as_str()), "help lacks {keys} {help}");
    }
    let t = draw(&app, 100, 30, COLOR);
    insta::assert_snapshot!("help_100x30", t.backend());
}

#[test]
fn small_terminal_60x15() {
    let mut app = app_with(BUNDLED);
    for a in [
        Action::Down,
        Action::Open,
        Action::Open,
        Action::CycleStatus(1),
    ] {
        app.update(a, NOW);
    }
    let t = draw(&app, 60, 15, COLOR);
    insta::assert_snapshot!("small_60x15", t.backend());
    // Every row is exactly the terminal's width: nothing spills over.
    for l in lines(t.backend().buffer()) {
        assert_eq!(unicode_width::UnicodeWidthStr::width(l.as_str()), 60, "{l}");
    }
}

#[test]
fn tiny_terminals_do_not_panic() {
    let app = app_with(BUNDLED);
    for (w, h) in [
        (1, 1),
        (10, 3),
        (39, 9),
        (40, 10),
        (41, 11),
        (200, 5),
        (5, 200),
    ] {
        let t = draw(&app, w, h, COLOR);
        if (w < ui::MIN_WIDTH || h < ui::MIN_HEIGHT) && w * h > 1 {
            assert!(
                screen(t.backend().buffer())
                    .replace('\n', "")
                    .contains("coun"),
                "{w}x{h}"
            );
        }
    }
}

const STATUSES: [&str; 3] = ["planned", "in_progress", "done"];

fn cjk_dataset() -> String {
    let mut deliverables = Vec::new();
    for i in 0..30 {
        deliverables.push(serde_json::json!({
            "id": format!("jp-{i}"),
            "council": if i % 2 == 0 { "jp" } else { "kr" },
            "areas": ["ai", "반도체"],
            "title": format!("第{i}回 日EU デジタル・パートナーシップ 人工知能の安全性に関する協力 🇯🇵🇪🇺 👨‍👩‍👧 한국어 제목이 아주 깁니다"),
            "status": STATUSES[i % 3],
            "description": "日本と欧州連合は、海底ケーブルと北極経由の接続について協力を続ける。한국과 EU는 반도체 연구 포럼을 출범했다.",
        }));
    }
    serde_json::to_string_pretty(&serde_json::json!({
        "version": 1,
        "title": "日EU・韓EU デジタル評議会 🌏",
        "councils": [
            {"id": "jp", "name": "第2回 日EUデジタルパートナーシップ評議会", "date": "2024-04-30", "location": "ブリュッセル"},
            {"id": "kr", "name": "제2차 한-EU 디지털 파트너십 협의회", "date": "2024-03-26", "location": "브뤼셀"}
        ],
        "areas": [{"id": "ai", "name": "人工知能"}, {"id": "반도체", "name": "반도체 (半導体)"}],
        "deliverables": deliverables,
    }))
    .unwrap()
}

#[test]
fn cjk_and_emoji_keep_their_width_and_the_borders() {
    let mut app = app_with(&cjk_dataset());
    for a in [Action::Down, Action::Open, Action::Open, Action::Down] {
        app.update(a, NOW);
    }
    for (w, h) in [(100, 30), (80, 24), (60, 15), (140, 40)] {
        let t = draw(&app, w, h, COLOR);
        let rows = lines(t.backend().buffer());
        for (y, l) in rows.iter().enumerate() {
            assert_eq!(
                unicode_width::UnicodeWidthStr::width(l.as_str()),
                w as usize,
                "{w}x{h} row {y}: {l}"
            );
        }
        // The right border of the deliverables and details panes is where it should be.
        let border_rows = rows
            .iter()
            .filter(|l| {
                // The focused pane has a thick border.
                ["│", "┐", "┘", "┃", "┓", "┛"]
                    .iter()
                    .any(|b| l.ends_with(b))
            })
            .count();
        assert!(
            border_rows >= h as usize - 4,
            "{w}x{h}:\n{}",
            rows.join("\n")
        );
        if (w, h) == (100, 30) {
            insta::assert_snapshot!("cjk_100x30", t.backend());
        }
    }
}

fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    lines(buf).iter().enumerate().find_map(|(y, l)| {
        let byte = l.find(needle)?;
        let x = unicode_width::UnicodeWidthStr::width(&l[..byte]);
        Some((x as u16, y as u16))
    })
}

#[test]
fn status_badges_carry_text_and_colour() {
    let mut app = app_with(BUNDLED);
    app.update(Action::NextPane, NOW);
    app.update(Action::NextPane, NOW);
    let t = draw(&app, 100, 30, COLOR);
    let buf = t.backend().buffer();
    // The first deliverable is done: green badge with the word "done" on it.
    let (x, y) = find(buf, " done ").unwrap();
    assert_eq!(buf[(x + 1, y)].bg, Color::Green);
    assert_eq!(buf[(x + 1, y)].symbol(), "d");
    let (x, y) = find(buf, " planned ").unwrap();
    assert_eq!(buf[(x + 1, y)].bg, Color::Blue);
    let (x, y) = find(buf, " in_progress ").unwrap();
    assert_eq!(buf[(x + 1, y)].bg, Color::Yellow);
}

#[test]
fn no_color_uses_no_colour_at_all_and_keeps_the_words() {
    let mut app = app_with(BUNDLED);
    app.update(Action::NextPane, NOW);
    app.update(Action::NextPane, NOW);
    let t = draw(&app, 100, 30, PLAIN);
    let buf = t.backend().buffer();
    for cell in buf.content() {
        assert_eq!(
            (cell.fg, cell.bg),
            (Color::Reset, Color::Reset),
            "a coloured cell {:?}",
            cell.symbol()
        );
    }
    let text = screen(buf);
    assert!(
        text.contains("[done       ]") && text.contains("[planned    ]"),
        "{text}"
    );
}

#[test]
fn hostile_text_is_shown_not_obeyed() {
    let hostile = r#"{"version": 1, "title": "T\u001b]0;pwned\u0007",
      "councils": [{"id": "c", "name": "C\u001b[2J"}],
      "deliverables": [{"id": "d", "council": "c", "status": "planned",
        "title": "\u202eevil\u202c \u001b]52;c;aGk=\u0007 \u009b31m",
        "notes": "line1\r\nline2\u001b[1A"}]}"#;
    let mut app = app_with(hostile);
    app.update(Action::NextPane, NOW);
    app.update(Action::NextPane, NOW);
    let t = draw(&app, 120, 30, COLOR);
    let text = screen(t.backend().buffer());
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
    assert!(text.contains("␛]0;pwned␇"), "{text}");
    assert!(text.contains("<U+202E>evil<U+202C>"), "{text}");
    assert!(text.contains("<U+009B>31m"), "{text}");
    assert!(text.contains("line2␛[1A"), "{text}");
    // The stored values are unchanged.
    assert!(app.data().deliverables[0].title.starts_with('\u{202e}'));
}

#[test]
fn search_screen_marks_the_matches() {
    let mut app = app_with(BUNDLED);
    app.update(Action::OpenSearch, NOW);
    for c in "subm cab".chars() {
        app.update(Action::LineChar(c), NOW);
    }
    let mut t = draw(&app, 100, 30, COLOR);
    let text = screen(t.backend().buffer());
    let n = app.rows().len();
    assert!(text.contains(&format!("{n} of 69 match")), "{text}");
    assert!(text.contains(" /subm cab"));
    // The cursor sits after the query.
    t.backend_mut().assert_cursor_position((10, 28));
    // The matched letters of the first title are marked, the others not.
    let buf = t.backend().buffer();
    let row = (0..buf.area.height)
        .find(|&y| {
            lines(buf)[y as usize].contains("▶ in_progress  EU–JP 2 Secure and resilient submarine")
        })
        .expect("the best match is selected");
    let marked: String = (0..buf.area.width)
        .filter(|&x| {
            buf[(x, row)]
                .modifier
                .contains(ratatui::style::Modifier::UNDERLINED)
        })
        .map(|x| buf[(x, row)].symbol().to_string())
        .collect();
    assert_eq!(marked, "submcab");
    insta::assert_snapshot!("search_100x30", t.backend());
}

#[test]
fn search_marks_japanese_and_korean_by_character() {
    let mut app = app_with(&cjk_dataset());
    app.update(Action::OpenSearch, NOW);
    for c in "人工知能 한국어".chars() {
        app.update(Action::LineChar(c), NOW);
    }
    app.update(Action::LineAccept, NOW);
    let t = draw(&app, 100, 30, COLOR);
    let buf = t.backend().buffer();
    let marked: Vec<String> = (0..buf.area.height)
        .flat_map(|y| (0..buf.area.width).map(move |x| (x, y)))
        .filter(|&p| buf[p].fg == Color::LightYellow)
        .map(|p| buf[p].symbol().to_string())
        .collect();
    let marked = marked.concat();
    assert!(marked.contains("人工知能한국어"), "{marked}");
    assert!(
        marked.chars().all(|c| "人工知能한국어".contains(c)),
        "{marked}"
    );
}

#[test]
fn the_conflict_dialog_shows_each_clash_with_both_values() {
    let mut app = app_with(BUNDLED);
    for a in [Action::NextPane, Action::NextPane, Action::CycleStatus(1)] {
        app.update(a, NOW);
    }
    // On disk someone set the same deliverable to another status.
    let mut theirs = Document::from_text(BUNDLED.to_string()).unwrap();
    let change = councilor::edit::StatusChange {
        deliverable: 0,
        to: "dropped",
        at: NOW,
        note: None,
    };
    let patch = councilor::edit::status_patch(&theirs, &change).unwrap();
    assert!(theirs.apply(&patch));
    assert_eq!(app.disk_changed(theirs), None, "nothing is written yet");
    let t = draw(&app, 100, 30, PLAIN);
    let text = screen(t.backend().buffer());
    assert!(text.contains("Changed on disk and here"), "{text}");
    assert!(
        text.contains("status: was “done” · mine “blocked” · disk “dropped”"),
        "{text}"
    );
    assert!(text.contains("[ ?  ]"));
    assert!(text.contains("NOT SAVED"));
    insta::assert_snapshot!("conflict_100x30", t.backend());
}

#[test]
fn the_palette_lists_actions_by_name_and_filters() {
    let mut app = app_with(BUNDLED);
    app.update(Action::OpenPalette, NOW);
    for c in "mark".chars() {
        app.update(Action::LineChar(c), NOW);
    }
    let t = draw(&app, 100, 30, PLAIN);
    let text = screen(t.backend().buffer());
    assert!(text.contains(" : mark"), "{text}");
    assert!(text.contains("▶ mark "), "{text}");
    assert!(text.contains("mark-all"), "{text}");
    assert!(!text.contains("next-status"), "filtered out: {text}");
    insta::assert_snapshot!("palette_100x30", t.backend());
}

#[test]
fn d_and_c_show_the_views_in_place_of_the_panes() {
    let mut app = app_with(BUNDLED);
    app.set_started("2026-11-27T09:00:00Z");
    for a in [Action::NextPane, Action::NextPane, Action::SetStatus(3)] {
        app.update(a, NOW);
    }
    app.update(
        Action::ShowScreen(councilor::vocabulary::Screen::Dashboard),
        NOW,
    );
    let text = screen(draw(&app, 100, 30, PLAIN).backend().buffer());
    assert!(text.contains("┌ Dashboard"), "{text}");
    assert!(text.contains("Overall  19/69 done"), "{text}");
    assert!(!text.contains("Councils (13)"), "the panes are covered");
    app.update(
        Action::ShowScreen(councilor::vocabulary::Screen::Changes),
        NOW,
    );
    let text = screen(draw(&app, 100, 30, PLAIN).backend().buffer());
    assert!(text.contains("1 change since today (00:00 UTC)"), "{text}");
    assert!(text.contains("status: done → blocked"), "{text}");
    // A notes edit shows what was added, not the old paragraph again.
    app.update(Action::Cancel, NOW);
    app.update(Action::EditField(councilor::model::Editable::Notes), NOW);
    app.paste("\nAgreed: pilot", NOW);
    app.update(Action::EditorSave, NOW);
    app.update(
        Action::ShowScreen(councilor::vocabulary::Screen::Changes),
        NOW,
    );
    let text = screen(draw(&app, 100, 30, PLAIN).backend().buffer());
    assert!(text.contains("notes: added “Agreed: pilot”"), "{text}");
    app.update(Action::Cancel, NOW);
    let text = screen(draw(&app, 100, 30, PLAIN).backend().buffer());
    assert!(text.contains("Councils (13)"));
}

#[test]
fn marks_the_bulk_question_and_the_notes_editor_are_drawn() {
    let mut app = app_with(BUNDLED);
    for a in [
        Action::NextPane,
        Action::NextPane,
        Action::ToggleMark,
        Action::ToggleMark,
        Action::SetStatus(3),
    ] {
        app.update(a, NOW);
    }
    let text = screen(draw(&app, 100, 30, PLAIN).backend().buffer());
    assert!(text.contains("Deliverables 3/69 · 2 marked"), "{text}");
    assert!(
        text.contains("┃●[done       ] EU–JP 2 Memorandum"),
        "{text}"
    );
    assert!(
        text.contains("set 2 deliverables to blocked? y/n"),
        "{text}"
    );
    assert!(text.contains("y yes  n no"), "{text}");
    app.update(Action::Confirm(false), NOW);
    app.update(Action::EditField(councilor::model::Editable::Notes), NOW);
    let t = draw(&app, 100, 30, PLAIN);
    let text = screen(t.backend().buffer());
    assert!(
        text.contains("┌ notes of Administrative arrangement"),
        "{text}"
    );
    assert!(
        text.contains("Esc or Ctrl-s saves · Ctrl-g discards"),
        "{text}"
    );
    insta::assert_snapshot!("notes_editor_100x30", t.backend());
}
