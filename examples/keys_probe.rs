//! Where the time of each kind of key goes, in one process (a probe for BENCHMARKS.md):
//!
//! ```sh
//! cargo run --release --example keys_probe -- FILE
//! perf record -g target/release/examples/keys_probe FILE   # then perf report
//! ```
//!
//! Opens FILE in the terminal UI's state and plays the script of the keys benchmark (panes,
//! moves, a search, a status edit and its undo, the dashboard) as actions; prints, for each
//! key, the time of `App::update` with every slice of a search it started, and of the frame
//! drawn after it (120x40 `TestBackend`). No disk: the event loop hands saves to a worker.
//! `MOVES=N` adds N moves and frames at the end (for a profile of a move).

use std::time::Instant;

use councilor::action::Action;
use councilor::app::App;
use councilor::store;
use councilor::ui::{self, FrameState, theme::Theme};
use councilor::vocabulary::Screen;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const NOW: &str = "2026-11-27T09:14:03Z";

fn main() {
    let path = std::env::args().nth(1).expect("usage: keys_probe FILE");
    let t = Instant::now();
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
    draw(&app);
    println!("first frame {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let mut script = vec![("tab", Action::NextPane), ("tab", Action::NextPane)];
    script.extend((0..10).map(|_| ("j", Action::Down)));
    script.push(("/", Action::OpenSearch));
    script.extend("subm cab".chars().map(|c| ("char", Action::LineChar(c))));
    script.push(("enter", Action::LineAccept));
    script.push(("s", Action::CycleStatus(1)));
    script.push(("u", Action::Undo));
    script.push(("esc", Action::Cancel));
    script.extend((0..5).map(|_| ("k", Action::Up)));
    script.push(("d", Action::ShowScreen(Screen::Dashboard)));
    script.push(("q", Action::Cancel));
    println!("{:<8} {:>10} {:>10}", "key", "update ms", "frame ms");
    for (name, action) in script {
        let t = Instant::now();
        app.update(action, NOW);
        while !app.search_slice() {}
        let update = t.elapsed();
        let t = Instant::now();
        draw(&app);
        let frame = t.elapsed();
        println!(
            "{name:<8} {:>10.3} {:>10.3}",
            update.as_secs_f64() * 1e3,
            frame.as_secs_f64() * 1e3
        );
    }
    let moves: usize = std::env::var("MOVES").map_or(0, |n| n.parse().unwrap_or(0));
    let t = Instant::now();
    for i in 0..moves {
        app.update(if i % 2 == 0 { Action::Down } else { Action::Up }, NOW);
        draw(&app);
    }
    if moves > 0 {
        let each = t.elapsed().as_secs_f64() * 1e3 / moves as f64;
        println!("{moves} moves: {each:.3} ms each, update and frame");
    }
}
