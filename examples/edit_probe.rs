//! Where the time of a status edit goes (a probe for BENCHMARKS.md):
//!
//! ```sh
//! cargo run --release --example edit_probe -- FILE [EDITS]
//! perf record -g target/release/examples/edit_probe FILE   # then perf report
//! ```
//!
//! Opens FILE in the terminal UI's state, focuses the deliverables and makes EDITS (default
//! 200) status edits (`s`), each on the next row; prints the median and slowest time of
//! `App::update` for the edit alone (no save: the event loop hands that to its worker).

use std::time::{Duration, Instant};

use councilor::action::Action;
use councilor::app::App;
use councilor::store;

const NOW: &str = "2026-11-27T09:14:03Z";

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: edit_probe FILE [EDITS]");
    let edits: usize = args.next().map_or(200, |r| r.parse().unwrap());
    let (doc, _) = store::open(std::path::Path::new(&path)).unwrap();
    let mut app = App::new(doc, "probe.json".into(), false);
    app.update(Action::NextPane, NOW);
    app.update(Action::NextPane, NOW);
    let mut times: Vec<Duration> = Vec::with_capacity(edits);
    for _ in 0..edits {
        app.update(Action::Down, NOW);
        let t = Instant::now();
        app.update(Action::CycleStatus(1), NOW);
        times.push(t.elapsed());
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{} edits: median {:.3} ms, slowest {:.3} ms",
        edits,
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1])
    );
}
