//! Where the time of a search keystroke goes (a probe for BENCHMARKS.md):
//!
//! ```sh
//! cargo run --release --example search_probe -- FILE [QUERY] [REPEAT]
//! perf record -g target/release/examples/search_probe FILE   # then perf report
//! ```
//!
//! Opens the search line of the terminal UI's state and types QUERY (default `subm cab`) one
//! character at a time, REPEAT times (default 5) from a fresh search line; prints, per
//! keystroke, the median time of `App::update` with every slice of its search (what a
//! search costs, though the terminal UI reads keys between slices) and of the frame drawn
//! after it (120x40 `TestBackend`).

use std::time::{Duration, Instant};

use councilor::action::Action;
use councilor::app::App;
use councilor::store;
use councilor::ui::{self, FrameState, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const NOW: &str = "2026-11-27T09:14:03Z";

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .expect("usage: search_probe FILE [QUERY] [REPEAT]");
    let query = args.next().unwrap_or_else(|| "subm cab".to_string());
    let repeat: usize = args.next().map_or(5, |r| r.parse().unwrap());
    let (doc, _) = store::open(std::path::Path::new(&path)).unwrap();
    let mut app = App::new(doc, "probe.json".into(), false);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut view = FrameState::default();
    let theme = Theme { color: true };
    let mut draw = |app: &App| {
        terminal
            .draw(|f| ui::render(f, app, &mut view, &theme))
            .unwrap();
    };
    app.update(Action::OpenSearch, NOW);
    draw(&app);
    let steps = query.chars().count();
    let mut update = vec![Vec::new(); steps];
    let mut frame = vec![Vec::new(); steps];
    let mut rows = vec![0; steps];
    for _ in 0..repeat {
        // Esc and `/` again: no search kept from the last typing narrows this one.
        app.update(Action::LineCancel, NOW);
        app.update(Action::OpenSearch, NOW);
        draw(&app);
        for (k, c) in query.chars().enumerate() {
            let t = Instant::now();
            app.update(Action::LineChar(c), NOW);
            while !app.search_slice() {}
            update[k].push(t.elapsed());
            let t = Instant::now();
            draw(&app);
            frame[k].push(t.elapsed());
            rows[k] = app.rows().len();
        }
    }
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2].as_secs_f64() * 1e3
    };
    println!(
        "{:<12} {:>10} {:>10} {:>8}",
        "line", "update ms", "frame ms", "rows"
    );
    let mut line = String::new();
    for (k, c) in query.chars().enumerate() {
        line.push(c);
        println!(
            "{:<12} {:>10.2} {:>10.2} {:>8}",
            format!("{line:?}"),
            median(&mut update[k]),
            median(&mut frame[k]),
            rows[k]
        );
    }
}
