//! Where the time of a status edit goes (a probe for BENCHMARKS.md):
//!
//! ```sh
//! cargo run --release --example edit_probe -- FILE [EDITS]
//! perf record -g target/release/examples/edit_probe FILE   # then perf report
//! ```
//!
//! Opens FILE in the terminal UI's state, focuses the deliverables and makes EDITS (default
//! 200) status edits (`s`), each on the next row; prints the median and slowest time of
//! `App::update` for the edit alone (no save: the event loop hands that to its worker), and
//! of the frame drawn after it.

#[path = "probe/mod.rs"]
mod probe;

use std::time::{Duration, Instant};

use councilor::action::Action;
use probe::{NOW, Probe};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: edit_probe FILE [EDITS]");
    let edits: usize = args.next().map_or(200, |r| r.parse().unwrap());
    let mut probe = Probe::open(&path);
    probe.app.update(Action::NextPane, NOW);
    probe.app.update(Action::NextPane, NOW);
    let (mut update, mut frame): (Vec<Duration>, Vec<Duration>) = (vec![], vec![]);
    for _ in 0..edits {
        probe.app.update(Action::Down, NOW);
        let t = Instant::now();
        probe.app.update(Action::CycleStatus(1), NOW);
        update.push(t.elapsed());
        let t = Instant::now();
        probe.draw();
        frame.push(t.elapsed());
    }
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    for (what, times) in [("update", &mut update), ("frame", &mut frame)] {
        times.sort();
        println!(
            "{edits} edits, {what}: median {:.3} ms, slowest {:.3} ms",
            ms(times[times.len() / 2]),
            ms(times[times.len() - 1])
        );
    }
}
