//! Where the time and the memory of a load go, for one file (a probe for BENCHMARKS.md):
//!
//! ```sh
//! cargo run --release --example load_probe -- FILE [REPEAT]
//! ```
//!
//! Prints the time of each step of `store::open` done by hand (read, UTF-8 check, parse),
//! the resident set after each, and an estimate of the heap the model holds, by kind of
//! field (glibc malloc: each block takes its size plus 8 bytes, rounded up to 16, at least 32).
//! With `REPEAT`, parses (and drops) that many more times and prints the fastest and the
//! median parse, and the CPU time of those parses (user + system, all threads).

use std::sync::{Arc, OnceLock};
use std::time::Instant;

use councilor::load;
use councilor::model::{Deliverable, SharedStr};

fn status(key: &str) -> f64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb * 1024.0 / 1e6)
}

fn block(bytes: usize) -> usize {
    if bytes == 0 {
        0
    } else {
        ((bytes + 8 + 15) & !15).max(32)
    }
}

/// The text read: a string that is a view into it costs no heap of its own.
static TEXT: OnceLock<Arc<String>> = OnceLock::new();

/// A string's own heap: none for a view into the text; else its `Arc<String>` (16 + 24
/// bytes) and its bytes.
fn string(s: &SharedStr) -> usize {
    if TEXT.get().is_some_and(|text| s.shares(text)) {
        0
    } else {
        block(40) + block(s.len())
    }
}

fn opt(s: &Option<SharedStr>) -> usize {
    s.as_ref().map_or(0, string)
}

#[derive(Default)]
struct Tally {
    structs: usize,
    ids: usize,
    council_status: usize,
    areas: usize,
    title: usize,
    owner_due: usize,
    /// The object view and the latest change (description, notes, evidence and history are
    /// read from the object when asked for).
    object_latest: usize,
    places: usize,
    blocks: usize,
}

fn tally(t: &mut Tally, d: &Deliverable) {
    // Two blocks for each string of its own (the `Arc` and the bytes), one for each list.
    let own = |s: &SharedStr| if string(s) > 0 { 2 } else { 0 };
    let own_opt = |s: &Option<SharedStr>| s.as_ref().map_or(0, own);
    t.structs += size_of::<Deliverable>();
    t.ids += string(&d.id);
    t.council_status += string(&d.council) + string(&d.status);
    t.areas +=
        block(d.areas.len() * size_of::<SharedStr>()) + d.areas.iter().map(string).sum::<usize>();
    t.title += string(&d.title);
    t.owner_due += opt(&d.owner) + opt(&d.due);
    t.object_latest += string(&d.object) + opt(&d.latest_change);
    t.places += block(size_of_val(&*d.places.areas));
    t.blocks += [&d.id, &d.council, &d.status, &d.title, &d.object]
        .into_iter()
        .chain(&d.areas)
        .map(own)
        .sum::<usize>();
    t.blocks += usize::from(!d.areas.is_empty()) + usize::from(!d.places.areas.is_empty());
    t.blocks += [&d.owner, &d.due, &d.latest_change]
        .into_iter()
        .map(own_opt)
        .sum::<usize>();
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: load_probe FILE");
    let mb = |b: usize| b as f64 / 1e6;
    println!("start: rss {:.1} MB", status("VmRSS:"));
    let t = Instant::now();
    let bytes = std::fs::read(&path).unwrap();
    let file = bytes.len();
    println!(
        "read      {:>8.1} ms   rss {:.1} MB",
        t.elapsed().as_secs_f64() * 1e3,
        status("VmRSS:")
    );
    let t = Instant::now();
    let text = load::decode_text(bytes).unwrap();
    println!("utf-8     {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let text = TEXT.get_or_init(|| Arc::new(text));
    let data = load::parse_shared(text).unwrap();
    println!(
        "parse     {:>8.1} ms   rss {:.1} MB, peak {:.1} MB",
        t.elapsed().as_secs_f64() * 1e3,
        status("VmRSS:"),
        status("VmHWM:")
    );
    let mut tl = Tally::default();
    for d in &data.deliverables {
        tally(&mut tl, d);
    }
    let vec = block(data.deliverables.capacity() * size_of::<Deliverable>());
    let total = vec
        + tl.ids
        + tl.council_status
        + tl.areas
        + tl.title
        + tl.owner_due
        + tl.object_latest
        + tl.places;
    println!("file {:.1} MB; the model's heap, estimated:", mb(file));
    for (name, b) in [
        ("deliverables vec (structs)", vec),
        ("ids", tl.ids),
        ("council + status", tl.council_status),
        ("areas", tl.areas),
        ("titles", tl.title),
        ("owner + due", tl.owner_due),
        ("object + latest change", tl.object_latest),
        ("places", tl.places),
        ("total", total),
    ] {
        println!(
            "  {name:<32} {:>8.1} MB  {:>5.2} x file",
            mb(b),
            b as f64 / file as f64
        );
    }
    println!(
        "  ({} heap blocks; Deliverable is {} bytes, HistoryEntry {})",
        tl.blocks,
        size_of::<Deliverable>(),
        size_of::<councilor::model::HistoryEntry>()
    );
    let _ = tl.structs;
    let t = Instant::now();
    drop(data);
    println!("drop      {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let repeat: usize = std::env::args().nth(2).map_or(0, |r| r.parse().unwrap());
    if repeat > 0 {
        let cpu0 = cpu_ms();
        let mut times: Vec<f64> = (0..repeat)
            .map(|_| {
                let t = Instant::now();
                let data = load::parse_shared(text).unwrap();
                let ms = t.elapsed().as_secs_f64() * 1e3;
                drop(data);
                ms
            })
            .collect();
        let cpu = (cpu_ms() - cpu0) / repeat as f64;
        times.sort_by(f64::total_cmp);
        println!(
            "parse x{repeat}: fastest {:.1} ms, median {:.1} ms; CPU (parse + drop) {cpu:.1} ms each",
            times[0],
            times[repeat / 2]
        );
    }
}

/// User + system time of this process so far, in ms (from `/proc/self/stat`).
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name; 100 ticks a second.
    (ticks(11) + ticks(12)) * 10.0
}
