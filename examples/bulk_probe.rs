//! The time of one status set on every deliverable at once (a probe for BENCHMARKS.md):
//!
//! ```sh
//! cargo run --release --example bulk_probe -- FILE
//! ```
//!
//! Opens FILE in the terminal UI's state, marks every row of the deliverables (`V`), sets
//! the third status on them all and confirms, then undoes it; prints the time of each.

#[path = "probe/mod.rs"]
mod probe;

use std::time::Instant;

use councilor::action::Action;
use probe::{NOW, Probe};

fn main() {
    let path = std::env::args().nth(1).expect("usage: bulk_probe FILE");
    let mut probe = Probe::open(&path);
    probe.app.update(Action::NextPane, NOW);
    probe.app.update(Action::NextPane, NOW);
    probe.app.update(Action::MarkAll, NOW);
    let t = Instant::now();
    probe.app.update(Action::SetStatus(2), NOW);
    probe.app.update(Action::Confirm(true), NOW);
    let rows = probe.app.rows().len();
    println!(
        "status set on {rows} rows: {:.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    probe.app.update(Action::Undo, NOW);
    println!("its undo: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    probe.draw();
}
