//! Peak memory of loading a generated dataset, against the size of the file.
//! `cargo bench --bench memory`: for 1k, 10k and 100k deliverables, runs itself once per
//! measure in a fresh process and reads the peak resident set (`VmHWM` in
//! `/proc/self/status`, Linux only) after
//! - `councilor`: `store::open` + `App::new` + one frame (what the terminal UI holds at its
//!   first frame),
//! - `serde_typed`: reading the file and parsing it into plain typed structs (a floor),
//! - `read_only`: reading the file's bytes, nothing else.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use councilor::app::App;
use councilor::store;
use councilor::ui::{self, FrameState, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde::Deserialize;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];
const SEED: u64 = 1;
const MEASURES: [&str; 3] = ["councilor", "serde_typed", "read_only"];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        child(&args[i + 1], Path::new(&args[i + 2]));
        return;
    }
    // `cargo bench -- FILTER` and `--list` reach every bench binary: `--list` lists nothing
    // here, and a filter other than "memory" skips the run.
    if args.iter().any(|a| a == "--list") {
        return;
    }
    let filter = args.iter().skip(1).find(|a| !a.starts_with('-'));
    if filter.is_some_and(|f| !"memory".contains(f.as_str())) {
        return;
    }
    if !Path::new("/proc/self/status").exists() {
        println!("memory: no /proc/self/status here (Linux only); skipped");
        return;
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-data");
    fs::create_dir_all(&dir).unwrap();
    println!("peak RSS (VmHWM) of loading a generated dataset, one fresh process per measure");
    println!(
        "{:>12} {:>10} {:>14} {:>8} {:>14} {:>8} {:>14}",
        "deliverables",
        "file MB",
        "councilor MB",
        "x file",
        "serde typed MB",
        "x file",
        "read only MB"
    );
    for n in SIZES {
        let path = dir.join(format!("generated-{n}-seed{SEED}.json"));
        let text = councilor::generate::dataset(n, SEED);
        if fs::read(&path).ok().as_deref() != Some(text.as_bytes()) {
            fs::write(&path, &text).unwrap();
        }
        drop(text);
        let file = fs::metadata(&path).unwrap().len() as f64 / 1e6;
        let peak: Vec<f64> = MEASURES
            .iter()
            .map(|m| {
                let exe = std::env::current_exe().unwrap();
                let out = Command::new(exe)
                    .args(["--child", m, path.to_str().unwrap()])
                    .output()
                    .unwrap();
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
                let kb: f64 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
                kb * 1024.0 / 1e6
            })
            .collect();
        println!(
            "{:>12} {:>10.1} {:>14.1} {:>8.2} {:>14.1} {:>8.2} {:>14.1}",
            n,
            file,
            peak[0],
            peak[0] / file,
            peak[1],
            peak[1] / file,
            peak[2]
        );
    }
}

/// Loads `path` the way `measure` says, then prints the peak resident set in kB.
fn child(measure: &str, path: &Path) {
    match measure {
        "councilor" => {
            let (doc, _) = store::open(path).unwrap();
            let app = App::new(doc, "bench.json".into(), false);
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
            let mut view = FrameState::default();
            terminal
                .draw(|f| ui::render(f, &app, &mut view, &Theme { color: true }))
                .unwrap();
            std::hint::black_box(&app);
        }
        "serde_typed" => {
            let bytes = fs::read(path).unwrap();
            let data: Typed = serde_json::from_slice(&bytes).unwrap();
            std::hint::black_box(&data);
        }
        "read_only" => {
            std::hint::black_box(fs::read(path).unwrap());
        }
        other => panic!("unknown measure {other}"),
    }
    let status = fs::read_to_string("/proc/self/status").unwrap();
    let hwm = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .expect("VmHWM in /proc/self/status");
    println!("{hwm}");
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct Typed {
    version: u32,
    title: Option<String>,
    #[serde(default)]
    statuses: Vec<String>,
    #[serde(default)]
    councils: Vec<serde_json::Value>,
    #[serde(default)]
    areas: Vec<serde_json::Value>,
    #[serde(default)]
    deliverables: Vec<TypedDeliverable>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct TypedDeliverable {
    id: String,
    council: String,
    #[serde(default)]
    areas: Vec<String>,
    title: String,
    status: String,
    description: Option<String>,
    owner: Option<String>,
    due: Option<String>,
    notes: Option<String>,
    evidence: Option<String>,
    #[serde(default)]
    history: Vec<TypedHistory>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct TypedHistory {
    at: Option<String>,
    field: Option<String>,
    from: Option<String>,
    to: Option<String>,
    by: Option<String>,
    note: Option<String>,
}
