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
//! `MOVES=N` adds N moves and frames at the end (for a profile of a move); `EDITS=N` adds N
//! status edits and their undos under the search `subm cab` (for a profile of an edit);
//! `ROUNDS=N` adds N rounds of that search from the unsearched list, each slice timed, and
//! the `Esc` that clears it (for a profile of a slice, or of `Esc`); `ADDS=N` adds N
//! deliverables with the form and takes each back (`u`), timing the keys of the title, the
//! form's save and the undo, without a search and then under `subm cab`.

#[path = "probe/mod.rs"]
mod probe;

use std::time::Instant;

use councilor::action::Action;
use councilor::vocabulary::Screen;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use probe::{NOW, Probe};

fn main() {
    let path = std::env::args().nth(1).expect("usage: keys_probe FILE");
    let t = Instant::now();
    let mut probe = Probe::open(&path);
    probe.draw();
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
        probe.app.update(action, NOW);
        while !probe.app.search_slice() {}
        let update = t.elapsed();
        let t = Instant::now();
        probe.draw();
        let frame = t.elapsed();
        println!(
            "{name:<8} {:>10.3} {:>10.3}",
            update.as_secs_f64() * 1e3,
            frame.as_secs_f64() * 1e3
        );
    }
    let edits: usize = std::env::var("EDITS").map_or(0, |n| n.parse().unwrap_or(0));
    if edits > 0 {
        probe.app.update(Action::OpenSearch, NOW);
        for c in "subm cab".chars() {
            probe.app.update(Action::LineChar(c), NOW);
        }
        probe.app.update(Action::LineAccept, NOW);
        while !probe.app.search_slice() {}
    }
    let t = Instant::now();
    for _ in 0..edits {
        probe.app.update(Action::CycleStatus(1), NOW);
        probe.app.update(Action::Undo, NOW);
    }
    if edits > 0 {
        let each = t.elapsed().as_secs_f64() * 1e3 / edits as f64;
        println!("{edits} edits and undos: {each:.3} ms each pair");
    }
    let moves: usize = std::env::var("MOVES").map_or(0, |n| n.parse().unwrap_or(0));
    let t = Instant::now();
    for i in 0..moves {
        let step = if i % 2 == 0 { Action::Down } else { Action::Up };
        probe.app.update(step, NOW);
        probe.draw();
    }
    if moves > 0 {
        let each = t.elapsed().as_secs_f64() * 1e3 / moves as f64;
        println!("{moves} moves: {each:.3} ms each, update and frame");
    }
    let rounds: usize = std::env::var("ROUNDS").map_or(0, |n| n.parse().unwrap_or(0));
    for _ in 0..rounds {
        probe.app.update(Action::OpenSearch, NOW);
        let mut slices = vec![];
        for c in "subm cab".chars() {
            probe.app.update(Action::LineChar(c), NOW);
            let t = Instant::now();
            probe.app.search_slice();
            slices.push(t.elapsed().as_secs_f64() * 1e3);
        }
        probe.app.update(Action::LineAccept, NOW);
        loop {
            let t = Instant::now();
            let done = probe.app.search_slice();
            slices.push(t.elapsed().as_secs_f64() * 1e3);
            if done {
                break;
            }
        }
        let t = Instant::now();
        probe.app.update(Action::Cancel, NOW);
        let esc = t.elapsed().as_secs_f64() * 1e3;
        let slowest = slices.iter().copied().fold(0.0, f64::max);
        let last = slices.last().copied().unwrap_or(0.0);
        println!(
            "round: {} slices, slowest {slowest:.1} ms, last {last:.1} ms; Esc {esc:.1} ms",
            slices.len()
        );
    }
    let adds: usize = std::env::var("ADDS").map_or(0, |n| n.parse().unwrap_or(0));
    for searched in [false, true] {
        if adds == 0 {
            break;
        }
        if searched {
            probe.app.update(Action::OpenSearch, NOW);
            for c in "subm cab".chars() {
                probe.app.update(Action::LineChar(c), NOW);
            }
            probe.app.update(Action::LineAccept, NOW);
            while !probe.app.search_slice() {}
        }
        let (mut save, mut undo, mut typed) = (vec![], vec![], vec![]);
        for _ in 0..adds {
            probe.app.update(Action::AddDeliverable, NOW);
            for c in "Probe deliverable".chars() {
                let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
                let t = Instant::now();
                probe.app.update(Action::FormInput(key), NOW);
                typed.push(t.elapsed().as_secs_f64() * 1e3);
            }
            let t = Instant::now();
            probe.app.update(Action::FormSave, NOW);
            save.push(t.elapsed().as_secs_f64() * 1e3);
            let t = Instant::now();
            probe.app.update(Action::Undo, NOW);
            undo.push(t.elapsed().as_secs_f64() * 1e3);
        }
        let slowest = |v: &[f64]| v.iter().copied().fold(0.0, f64::max);
        let under = if searched {
            "under subm cab"
        } else {
            "no search"
        };
        println!(
            "{adds} adds, {under}: save slowest {:.1} ms, undo slowest {:.1} ms, \
             a key of the title slowest {:.1} ms",
            slowest(&save),
            slowest(&undo),
            slowest(&typed)
        );
    }
}
