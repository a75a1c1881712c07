//! The dashboard and the "changed this session" view on ratatui's TestBackend: the bundled
//! outcomes, and a small fixture whose counts, due dates and history are known.

use councilor::document::Document;
use councilor::figures::{changed_since as changes, is_past, overdue};
use councilor::model::{Dataset, Status};
use councilor::store::BUNDLED;
use councilor::ui::dashboard;
use councilor::ui::session;
use councilor::ui::status::{fills, segments};
use councilor::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use unicode_width::UnicodeWidthStr;

const COLOR: Theme = Theme { color: true };
const PLAIN: Theme = Theme { color: false };
const TODAY: &str = "2026-11-27";
const SINCE: &str = "2026-11-27T09:14:03Z";

fn dataset(text: &str) -> Dataset {
    Document::from_text(text.to_string())
        .unwrap()
        .data()
        .clone()
}

/// Two councils (one named in Japanese), three areas (one unused), ten deliverables:
/// planned 3, in_progress 2, done 3, blocked 1, dropped 1; due dates of every spelling.
fn fixture() -> String {
    let d = |id: &str, council: &str, areas: &[&str], status: &str, due: Option<&str>| {
        let mut v = serde_json::json!({
            "id": id, "council": council, "areas": areas, "status": status,
            "title": format!("Deliverable {id}"),
        });
        if let Some(due) = due {
            v["due"] = due.into();
        }
        v
    };
    let h = |at: Option<&str>, field: &str, from: &str, to: &str, note: Option<&str>| {
        let mut v = serde_json::json!({"field": field, "from": from, "to": to});
        if let Some(at) = at {
            v["at"] = at.into();
        }
        if let Some(note) = note {
            v["note"] = note.into();
        }
        v
    };
    let mut items = vec![
        d("a1", "a", &["ai"], "planned", Some("2025")),
        d("a2", "a", &["ai", "q"], "in_progress", Some("2025-02")),
        d("a3", "a", &["q"], "blocked", Some("2025-06-15")),
        d("a4", "a", &["ai"], "done", Some("2020")),
        d("a5", "a", &[], "dropped", Some("2020")),
        d("a6", "a", &["ai"], "planned", None),
        d("b1", "b", &["q"], "done", None),
        d("b2", "b", &["q"], "done", None),
        d("b3", "b", &["ai"], "in_progress", Some("2030")),
        d("b4", "b", &["ai"], "planned", Some("2026-01-01")),
    ];
    items[0]["history"] = serde_json::json!([
        h(
            Some("2026-11-27T08:00:00Z"),
            "status",
            "planned",
            "in_progress",
            None
        ),
        h(
            Some("2026-11-27T09:20:00Z"),
            "status",
            "in_progress",
            "planned",
            Some("back to plan")
        ),
    ]);
    items[1]["history"] = serde_json::json!([h(None, "status", "planned", "in_progress", None)]);
    items[2]["history"] = serde_json::json!([
        h(
            Some("2026-11-27T09:30:00Z"),
            "status",
            "planned",
            "blocked",
            Some("waiting for budget")
        ),
        h(Some("2026-11-27T09:16:00Z"), "owner", "—", "DG CNECT", None),
    ]);
    items[6]["history"] = serde_json::json!([h(
        Some("2026-11-27T09:15:00Z"),
        "status",
        "in_progress",
        "done",
        None
    )]);
    items[2]["title"] = "量子技術に関する共同研究 🇯🇵🇪🇺 양자 기술 공동 연구 — a long title".into();
    serde_json::to_string_pretty(&serde_json::json!({
        "version": 1,
        "councils": [
            {"id": "a", "name": "Alpha Council", "date": "2024-01-10"},
            {"id": "b", "name": "第2回 日EUデジタルパートナーシップ評議会 (제2차 한-EU 협의회)", "date": "2024-04-30"}
        ],
        "areas": [
            {"id": "ai", "name": "Artificial intelligence"},
            {"id": "q", "name": "量子技術 (quantum)"},
            {"id": "x", "name": "Empty area"}
        ],
        "deliverables": items,
    }))
    .unwrap()
}

/// Draws one view; returns the terminal and the view's max scroll.
fn draw(
    w: u16,
    h: u16,
    view: impl FnOnce(&mut ratatui::Frame) -> u16,
) -> (Terminal<TestBackend>, u16) {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let mut max = 0;
    terminal
        .draw(|f| {
            max = view(f);
        })
        .unwrap();
    (terminal, max)
}

fn board(
    data: &Dataset,
    today: &str,
    w: u16,
    h: u16,
    scroll: u16,
    theme: Theme,
) -> (Terminal<TestBackend>, u16) {
    draw(w, h, |f| {
        dashboard::render(f, f.area(), data, today, scroll, &theme)
    })
}

fn changed(
    data: &Dataset,
    since: &str,
    w: u16,
    h: u16,
    scroll: u16,
    theme: Theme,
) -> (Terminal<TestBackend>, u16) {
    let zone = councilor::zone::Zone::utc();
    let period = session::Period {
        since,
        named: "this run began",
        zone: &zone,
    };
    draw(w, h, |f| {
        session::render(f, f.area(), data, period, scroll, &theme)
    })
}

fn lines(buf: &Buffer) -> Vec<String> {
    crate::common::buffer_lines(buf)
}

fn screen(t: &Terminal<TestBackend>) -> String {
    lines(t.backend().buffer()).join("\n")
}

/// Every row is exactly `w` cells and starts and ends on the frame's border.
fn assert_framed(t: &Terminal<TestBackend>, w: u16) {
    let rows = lines(t.backend().buffer());
    for (y, l) in rows.iter().enumerate() {
        assert_eq!(l.width(), w as usize, "row {y}: {l}\n{}", rows.join("\n"));
        let (first, last) = (l.chars().next().unwrap(), l.chars().last().unwrap());
        assert!(
            "│┌└".contains(first) && "│┐┘".contains(last),
            "row {y} off the border: {l}\n{}",
            rows.join("\n")
        );
    }
}

/// The runs of equal background colour on row `y`, inside the borders.
fn colour_runs(buf: &Buffer, y: u16) -> Vec<(Color, usize)> {
    let mut runs: Vec<(Color, usize)> = Vec::new();
    for x in 1..buf.area.width - 1 {
        let bg = buf[(x, y)].bg;
        match runs.last_mut() {
            Some((c, n)) if *c == bg => *n += 1,
            _ => runs.push((bg, 1)),
        }
    }
    runs
}

#[test]
fn segment_widths_add_up_and_every_status_present_gets_a_cell() {
    assert_eq!(segments(&[1, 1, 1], 10), [4, 3, 3]);
    assert_eq!(segments(&[30, 18, 12, 0, 0], 60), [30, 18, 12, 0, 0]);
    assert_eq!(segments(&[100, 1], 10), [9, 1], "a single one still shows");
    assert_eq!(segments(&[1, 1, 1, 1, 1], 3), [1, 1, 1, 0, 0]);
    assert_eq!(
        segments(&[1, 5, 1], 2),
        [1, 1, 0],
        "too narrow: the largest, then the earliest"
    );
    assert_eq!(segments(&[0, 0], 10), [0, 0]);
    assert_eq!(segments(&[3, 4], 0), [0, 0]);
    let mut counts = [0usize; 4];
    for code in 0..6usize.pow(4) {
        let mut c = code;
        for slot in counts.iter_mut() {
            *slot = [0, 1, 2, 3, 17, 250][c % 6];
            c /= 6;
        }
        let total: usize = counts.iter().sum();
        let present = counts.iter().filter(|&&n| n > 0).count();
        for width in 0..50 {
            let cells = segments(&counts, width);
            if total == 0 || width == 0 {
                assert!(cells.iter().all(|&c| c == 0));
                continue;
            }
            assert_eq!(cells.iter().sum::<usize>(), width, "{counts:?} {width}");
            for (n, c) in counts.iter().zip(&cells) {
                if *n == 0 {
                    assert_eq!(*c, 0, "{counts:?} {width}");
                } else if width >= present {
                    assert!(*c >= 1, "{counts:?} {width} {cells:?}");
                }
                // Largest remainder: within one cell of the exact share, unless raised to one.
                let exact = (*n * width) as f64 / total as f64;
                if width >= present && exact >= 1.0 {
                    assert!(
                        (*c as f64 - exact).abs() < 1.0 + present as f64,
                        "{counts:?} {width} {cells:?}"
                    );
                }
            }
            if counts.iter().all(|&n| n == 0 || (n * width) >= total) {
                for (n, c) in counts.iter().zip(&cells) {
                    let exact = (*n * width) as f64 / total as f64;
                    assert!(
                        (*c as f64 - exact).abs() < 1.0,
                        "{counts:?} {width} {cells:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn overall_bar_fills_the_width_in_status_order_with_the_counts_on_it() {
    let data = dataset(&fixture());
    let (t, _) = board(&data, "2026-01-01", 100, 30, 0, COLOR);
    let buf = t.backend().buffer();
    let text = lines(buf);
    assert!(text[1].contains("Overall  3/10 done (30%)"), "{}", text[1]);
    assert!(text[1].contains(" 3 overdue "), "{}", text[1]);
    // The overall bar: one run per status present, in file order, widths from `segments`.
    let runs = colour_runs(buf, 2);
    let want = segments(&[3, 2, 3, 1, 1], 98);
    let colours = [
        Color::Blue,
        Color::Yellow,
        Color::Green,
        Color::Red,
        Color::DarkGray,
    ];
    assert_eq!(
        runs,
        colours.into_iter().zip(want.clone()).collect::<Vec<_>>()
    );
    // The counts are written on their segments.
    let bar = &text[2];
    let mut x = 1;
    for (n, w) in [3, 2, 3, 1, 1].iter().zip(&want) {
        let segment: String = bar.chars().skip(x).take(*w).collect();
        assert_eq!(
            segment.trim(),
            n.to_string(),
            "segment {segment:?} of {bar}"
        );
        assert!(segment.contains(&format!(" {n} ")));
        x += w;
    }
    // The legend names every status with its count.
    let all = text.join("\n");
    for item in [
        "planned 3",
        "in_progress 2",
        "done 3",
        "blocked 1",
        "dropped 1",
    ] {
        assert!(all.contains(item), "legend lacks {item}:\n{all}");
    }
}

#[test]
fn councils_and_areas_have_a_bar_each_in_file_order() {
    let data = dataset(&fixture());
    let (t, _) = board(&data, "2026-01-01", 100, 30, 0, COLOR);
    let text = screen(&t);
    let alpha = text.find("Alpha Council ").expect(&text);
    let row = text[alpha..].lines().next().unwrap();
    assert!(row.contains(" 2024-01-10 "), "{row}");
    let second = text.find("第2回 日EU").expect(&text);
    assert!(alpha < second, "{text}");
    assert!(
        text.contains("1/6 done") && text.contains("2/4 done"),
        "{text}"
    );
    let ai = text.find("Artificial intelligence").unwrap();
    let q = text.find("量子技術 (quantum)").unwrap();
    let empty = text.find("Empty area").unwrap();
    let none = text.find("(no area)").unwrap();
    assert!(ai < q && q < empty && empty < none, "{text}");
    // Areas count a deliverable in each of its areas: ai has a1 a2 a4 a6 b3 b4.
    let rows = lines(t.backend().buffer());
    let ai_row = rows
        .iter()
        .position(|l| l.contains("Artificial intelligence"))
        .unwrap();
    assert!(
        rows[ai_row]
            .trim_end_matches('│')
            .trim_end()
            .ends_with("1/6 done"),
        "{}",
        rows[ai_row]
    );
    let runs: Vec<Color> = colour_runs(t.backend().buffer(), ai_row as u16)
        .into_iter()
        .map(|(c, _)| c)
        .filter(|c| *c != Color::Reset)
        .collect();
    assert_eq!(runs, [Color::Blue, Color::Yellow, Color::Green]);
    assert!(
        rows[ai_row].contains(" 3 ") && rows[ai_row].contains(" 2 "),
        "{}",
        rows[ai_row]
    );
}

#[test]
fn overdue_means_the_end_of_the_due_period_has_passed() {
    assert!(!is_past("2025", "2025-12-31"));
    assert!(is_past("2025", "2026-01-01"));
    assert!(!is_past("2024-02", "2024-02-29"));
    assert!(is_past("2024-02", "2024-03-01"));
    assert!(!is_past("2025-06-15", "2025-06-15"));
    assert!(is_past("2025-06-15", "2025-06-16"));
    assert!(!is_past("soon", "2099-01-01"), "not a date: never overdue");
    assert!(!is_past("2025-13", "2099-01-01"));
    let data = dataset(&fixture());
    let ids = |today: &str| -> Vec<&str> {
        overdue(&data, today)
            .into_iter()
            .map(|i| data.deliverables[i].id.as_str())
            .collect()
    };
    assert_eq!(ids("2025-02-28"), Vec::<&str>::new());
    assert_eq!(ids("2025-03-01"), ["a2"]);
    assert_eq!(ids("2025-06-16"), ["a2", "a3"]);
    // Sorted by the end of the period: February, then 15 June, then the year 2025. Done
    // (a4) and dropped (a5), though due in 2020, are not overdue; b4 is due that very day.
    assert_eq!(ids("2026-01-01"), ["a2", "a3", "a1"]);
    assert_eq!(ids("2026-01-02"), ["a2", "a3", "a1", "b4"]);
    // On screen: the heading, then each with its due date, status, title and council.
    let (t, max) = board(&data, "2026-01-01", 100, 40, 0, PLAIN);
    assert_eq!(max, 0);
    let rows = lines(t.backend().buffer());
    let head = rows
        .iter()
        .position(|l| l.contains("Overdue (3)"))
        .expect("heading");
    assert!(
        rows[head + 1].contains("2025-02    [in_progress] Deliverable a2"),
        "{}",
        rows[head + 1]
    );
    assert!(
        rows[head + 1].contains("Alpha Council"),
        "{}",
        rows[head + 1]
    );
    assert!(
        rows[head + 2].contains("2025-06-15 [blocked    ] 量子技術"),
        "{}",
        rows[head + 2]
    );
    assert!(
        rows[head + 3].contains("2025       [planned    ] Deliverable a1"),
        "{}",
        rows[head + 3]
    );
    let (t, _) = board(&data, "2025-01-01", 100, 40, 0, PLAIN);
    let text = screen(&t);
    assert!(
        text.contains("Overdue (0)") && text.contains("Nothing overdue"),
        "{text}"
    );
    assert!(
        !lines(t.backend().buffer())[1].contains("overdue"),
        "no overdue badge: {text}"
    );
}

/// In each bar of `row` (from its first fill character to its last), every number has the
/// same fill character on both sides (past one space).
fn assert_counts_inside_their_segments(row: &str, fill: &[char]) {
    let chars: Vec<char> = row.chars().collect();
    for part in chars.split(|&c| c == '│') {
        let (Some(first), Some(last)) = (
            part.iter().position(|c| fill.contains(c)),
            part.iter().rposition(|c| fill.contains(c)),
        ) else {
            continue;
        };
        let bar = &part[first..=last];
        if bar.iter().any(char::is_ascii_alphabetic) {
            continue; // the legend
        }
        let mut i = 0;
        while i < bar.len() {
            if !bar[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let start = i;
            while i < bar.len() && bar[i].is_ascii_digit() {
                i += 1;
            }
            let before = bar[..start].iter().rev().find(|&&c| c != ' ');
            let after = bar[i..].iter().find(|&&c| c != ' ');
            let spaced_before = start >= 2 && bar[start - 1] == ' ' && bar[start - 2] == ' ';
            assert!(
                before.is_some() && before == after && !spaced_before,
                "a count outside its segment: {row}"
            );
        }
    }
}

#[test]
fn without_colour_each_status_has_its_own_fill_character() {
    let data = dataset(&fixture());
    let (t, _) = board(&data, "2026-01-01", 100, 30, 0, PLAIN);
    let buf = t.backend().buffer();
    for cell in buf.content() {
        assert_eq!(
            (cell.fg, cell.bg),
            (Color::Reset, Color::Reset),
            "{:?}",
            cell.symbol()
        );
    }
    let fill = fills(&data.statuses);
    assert_eq!(fill, ['░', '▒', '█', '╳', '─']);
    // The overall bar: each segment its own character, the count on it.
    let bar = &lines(buf)[2];
    let inside: String = bar.chars().skip(1).take(98).collect();
    let mut seen: Vec<char> = Vec::new();
    for c in inside.chars().filter(|c| !c.is_ascii_digit() && *c != ' ') {
        if seen.last() != Some(&c) {
            seen.push(c);
        }
    }
    assert_eq!(seen, fill, "{inside}");
    assert!(inside.contains(" 3 ") && inside.contains(" 2 "), "{inside}");
    // The legend shows each character with its status.
    let text = screen(&t);
    for (c, s) in fill.iter().zip([
        "planned 3",
        "in_progress 2",
        "done 3",
        "blocked 1",
        "dropped 1",
    ]) {
        assert!(text.contains(&format!("{c}{c} {s}")), "{c} {s}\n{text}");
    }
    // Every count written on a bar sits between fill characters of its own segment, at
    // every size (so a count is never read as its neighbour's).
    let bundled = dataset(BUNDLED);
    for (w, h) in [(80, 24), (100, 30), (120, 40), (200, 50)] {
        let (_, max) = board(&bundled, TODAY, w, h, 0, PLAIN);
        for scroll in 0..=max {
            let (t, _) = board(&bundled, TODAY, w, h, scroll, PLAIN);
            for row in lines(t.backend().buffer()) {
                assert_counts_inside_their_segments(&row, &fill);
            }
        }
    }
    let (t, _) = board(&data, "2026-01-01", 80, 24, 0, PLAIN);
    for row in lines(t.backend().buffer()) {
        assert_counts_inside_their_segments(&row, &fill);
    }
    // Any list of statuses gets distinct characters, none of them a digit or a space.
    let many: Vec<Status> = [
        "draft", "done", "doing", "deferred", "dropped", "d", "", "日本", "Done",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain((0..40).map(|i| format!("s{i}")))
    .map(|s| Status::named(&s))
    .collect();
    let chars = fills(&many);
    let mut unique = chars.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), many.len(), "{chars:?}");
    assert!(
        chars
            .iter()
            .all(|c| !c.is_ascii_digit() && !c.is_whitespace())
    );
}

#[test]
fn cjk_names_never_break_the_borders() {
    let data = dataset(&fixture());
    for (w, h) in [(80, 24), (100, 30), (120, 40), (60, 20)] {
        for theme in [COLOR, PLAIN] {
            let (_, max) = board(&data, "2026-01-01", w, h, 0, theme);
            for scroll in 0..=max + 1 {
                let (t, _) = board(&data, "2026-01-01", w, h, scroll, theme);
                assert_framed(&t, w);
            }
            let (_, max) = changed(&data, SINCE, w, h, 0, theme);
            for scroll in 0..=max {
                let (t, _) = changed(&data, SINCE, w, h, scroll, theme);
                assert_framed(&t, w);
            }
        }
    }
    let (t, _) = board(&data, "2026-01-01", 80, 24, 0, COLOR);
    assert!(screen(&t).contains("第2回 日EU"), "{}", screen(&t));
}

#[test]
fn bundled_outcomes_at_every_usual_size() {
    let data = dataset(BUNDLED);
    for (w, h) in [(80, 24), (100, 30), (120, 40), (200, 50)] {
        let (t, max) = board(&data, TODAY, w, h, 0, COLOR);
        assert_framed(&t, w);
        let text = screen(&t);
        assert!(
            text.contains("Overall  20/69 done (28%)"),
            "{w}x{h}\n{text}"
        );
        let side_by_side = text
            .lines()
            .any(|l| l.contains("By council (13)") && l.contains("By technology area (15)"));
        assert_eq!(side_by_side, w >= 120, "{w}x{h}\n{text}");
        // The overdue deliverable comes first, before the councils.
        let overdue = text.find("RAN and 6G research").expect("overdue shown");
        assert!(
            text.contains("2024        planned ") && overdue < text.find("By council").unwrap(),
            "{w}x{h}\n{text}"
        );
        // Scrolled to the end, scrolling further changes nothing.
        let (end, _) = board(&data, TODAY, w, h, max, COLOR);
        let (past, _) = board(&data, TODAY, w, h, max.saturating_add(50), COLOR);
        assert_eq!(screen(&past), screen(&end));
        if max > 0 {
            assert!(text.contains("more "), "{text}");
            assert!(!screen(&end).contains(" more "));
        }
    }
    let (t, max) = board(&data, TODAY, 80, 24, 0, COLOR);
    assert!(max > 0, "80x24 scrolls");
    assert!(screen(&t).contains("Second EU–Japan Digital Partnership Council  2024-04-30"));
}

#[test]
fn tiny_areas_do_not_panic() {
    let data = dataset(BUNDLED);
    for (w, h) in [
        (1, 1),
        (2, 2),
        (3, 3),
        (10, 3),
        (20, 5),
        (40, 10),
        (300, 4),
        (5, 200),
    ] {
        for theme in [COLOR, PLAIN] {
            board(&data, TODAY, w, h, 0, theme);
            board(&data, TODAY, w, h, u16::MAX, theme);
            changed(&data, "", w, h, 0, theme);
            changed(&data, "", w, h, u16::MAX, theme);
        }
    }
    let empty = dataset(r#"{"version": 1, "deliverables": []}"#);
    let (t, max) = board(&empty, TODAY, 80, 24, 0, COLOR);
    assert_eq!(max, 0);
    let text = screen(&t);
    assert!(
        text.contains("0/0 done (0%)") && text.contains("No councils"),
        "{text}"
    );
}

#[test]
fn dataset_text_is_shown_not_obeyed() {
    let hostile = r#"{"version": 1,
      "councils": [{"id": "c", "name": "C\u001b[2J", "date": "2024"}],
      "areas": [{"id": "a", "name": "A\u202e"}],
      "deliverables": [{"id": "d\u0007", "council": "c", "areas": ["a"], "status": "planned", "due": "2020",
        "title": "T\u001b]52;c;aGk=\u0007",
        "history": [{"at": "2026-11-27T10:00:00Z", "field": "notes", "from": "x\u001b[1A", "to": "y", "note": "n\u009b"}]}]}"#;
    let data = dataset(hostile);
    for t in [
        board(&data, TODAY, 100, 30, 0, COLOR).0,
        changed(&data, SINCE, 100, 30, 0, COLOR).0,
    ] {
        let text = screen(&t);
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
        assert!(text.contains("␛"), "{text}");
    }
}

#[test]
fn session_groups_by_council_then_deliverable_newest_last() {
    let data = dataset(&fixture());
    let order: Vec<(String, String)> = changes(&data, SINCE, &councilor::zone::Zone::utc())
        .into_iter()
        .map(|(d, h)| {
            let e = &data.deliverables[d];
            (
                e.id.to_string(),
                e.history()[h].at.clone().unwrap()[11..16].to_string(),
            )
        })
        .collect();
    let want = [
        ("a1", "09:20"),
        ("a3", "09:16"),
        ("a3", "09:30"),
        ("b1", "09:15"),
    ];
    assert_eq!(order, want.map(|(a, b)| (a.to_string(), b.to_string())));
    let (t, max) = changed(&data, SINCE, 100, 30, 0, PLAIN);
    assert_eq!(max, 0);
    let rows = lines(t.backend().buffer());
    let text = rows.join("\n");
    assert!(
        rows[1].contains("4 changes since this run began (09:14 UTC) · 3 deliverables"),
        "{text}"
    );
    let at = |needle: &str| {
        rows.iter()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle}\n{text}"))
    };
    let alpha = at("Alpha Council (2024-01-10)");
    assert!(
        rows[alpha + 1].contains(
            "09:20 UTC  Deliverable a1 (a1)  status: in_progress → planned  — back to plan"
        ),
        "{text}"
    );
    assert!(rows[alpha + 2].contains("09:16 UTC  量子技術"), "{text}");
    assert!(
        rows[alpha + 2].contains("(a3)  owner: — → DG CNECT"),
        "{text}"
    );
    assert!(rows[alpha + 3].contains("09:30 UTC  量子技術"), "{text}");
    assert!(
        rows[alpha + 3].contains("status: planned → blocked  — waiting for budget"),
        "{text}"
    );
    let second = at("第2回 日EU");
    assert!(second > alpha + 3);
    assert!(
        rows[second + 1].contains("09:15 UTC  Deliverable b1 (b1)  status: in_progress → done"),
        "{text}"
    );
    assert!(!text.contains("08:00"), "before the session: {text}");
}

#[test]
fn session_since_filter_and_empty_state() {
    let data = dataset(&fixture());
    assert_eq!(
        changes(&data, "2026-11-27T09:20:00Z", &councilor::zone::Zone::utc()).len(),
        2,
        "at == since counts"
    );
    assert_eq!(
        changes(&data, "2026-11-27T09:30:01Z", &councilor::zone::Zone::utc()).len(),
        0
    );
    let all = changes(&data, "", &councilor::zone::Zone::utc());
    let recorded = all
        .iter()
        .filter(|&&(_, h)| h != councilor::figures::UNRECORDED)
        .count();
    assert_eq!(recorded, 5, "the entry without a time is never shown");
    // Every council met after the start of time: its deliverables without any history are
    // new in the period, as the minutes say.
    let unrecorded: Vec<&str> = all
        .iter()
        .filter(|&&(_, h)| h == councilor::figures::UNRECORDED)
        .map(|&(d, _)| data.deliverables[d].id.as_str())
        .collect();
    assert!(
        unrecorded.iter().all(|id| data
            .deliverables
            .iter()
            .any(|d| d.id == *id && d.history().is_empty())),
        "{unrecorded:?}"
    );
    let (t, max) = changed(&data, "2026-11-27T10:00:00Z", 100, 30, 0, COLOR);
    assert_eq!(max, 0);
    let text = screen(&t);
    assert!(
        text.contains("No changes since this run began (10:00 UTC)"),
        "{text}"
    );
    // Changes on another day than the session's start carry their day.
    let (t, _) = changed(&data, "2026-11-26T18:00:00Z", 100, 30, 0, COLOR);
    let text = screen(&t);
    assert!(
        text.contains("5 changes since this run began (2026-11-26 18:00 UTC)"),
        "{text}"
    );
    assert!(
        text.contains("2026-11-27 08:00 UTC  Deliverable a1"),
        "{text}"
    );
    // One change: singular.
    let (t, _) = changed(&data, "2026-11-27T09:30:00Z", 100, 30, 0, COLOR);
    assert!(screen(&t).contains("1 change since this run began (09:30 UTC) · 1 deliverable"));
}

#[test]
fn session_scrolls_within_what_there_is() {
    let data = dataset(&fixture());
    // Header, blank, 2 council headings, 4 changes, 1 blank between councils: 9 lines.
    let (_, max) = changed(&data, SINCE, 80, 6, 0, COLOR);
    assert_eq!(max, 9 - 4);
    let (t, _) = changed(&data, SINCE, 80, 6, max, COLOR);
    let rows = lines(t.backend().buffer());
    assert!(
        rows[4].contains("09:15 UTC  Deliverable b1"),
        "{}",
        rows.join("\n")
    );
}

#[test]
fn snapshots_100x30() {
    let bundled = dataset(BUNDLED);
    let fixture = dataset(&fixture());
    let (t, _) = board(&bundled, TODAY, 100, 30, 0, COLOR);
    insta::assert_snapshot!("dashboard_100x30", t.backend());
    let (t, _) = board(&bundled, TODAY, 100, 30, 0, PLAIN);
    insta::assert_snapshot!("dashboard_plain_100x30", t.backend());
    let (t, _) = board(&fixture, "2026-01-01", 100, 30, 0, PLAIN);
    insta::assert_snapshot!("dashboard_fixture_plain_100x30", t.backend());
    let (t, _) = changed(&fixture, SINCE, 100, 30, 0, COLOR);
    insta::assert_snapshot!("session_100x30", t.backend());
    let (t, _) = changed(&fixture, SINCE, 100, 30, 0, PLAIN);
    insta::assert_snapshot!("session_plain_100x30", t.backend());
}
