//! Launch, frame, status-edit and search-keystroke benchmarks at 1k, 10k and 100k generated
//! deliverables. Run with `cargo bench --bench scale` (one group:
//! `cargo bench --bench scale -- search_keystroke`); the figures and targets are in
//! BENCHMARKS.md. Peak memory is measured by `benches/memory.rs`.
//!
//! The datasets come from `councilor::generate::dataset(n, 1)`, written once per run into
//! `$CARGO_TARGET_TMPDIR/bench-data` (a real disk, so the saves pay for their `fsync`).

use std::fs;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use councilor::action::{Action, Effect};
use councilor::app::App;
use councilor::store;
use councilor::ui::{self, FrameState, theme::Theme};
use criterion::{BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, measurement::WallTime};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde::Deserialize;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];
const SEED: u64 = 1;
const NOW: &str = "2026-11-27T09:14:03Z";
const THEME: Theme = Theme { color: true };
const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

fn data_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-data");
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// The generated file for `n` deliverables (written again on every run: the generator is
/// deterministic, so the bytes are the same unless the generator changed).
fn dataset_file(n: usize) -> PathBuf {
    let path = data_dir().join(format!("generated-{n}-seed{SEED}.json"));
    let text = councilor::generate::dataset(n, SEED);
    if fs::read(&path).ok().as_deref() != Some(text.as_bytes()) {
        fs::write(&path, text).unwrap();
    }
    path
}

fn label(n: usize) -> String {
    format!("{}k", n / 1000)
}

/// Few samples for the slow sizes so that the whole run stays within minutes on 2 cores.
fn configure(group: &mut BenchmarkGroup<WallTime>, n: usize) {
    if n >= 100_000 {
        group
            .sample_size(10)
            .sampling_mode(SamplingMode::Flat)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(8));
    } else if n >= 10_000 {
        group
            .sample_size(20)
            .sampling_mode(SamplingMode::Auto)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(4));
    } else {
        group
            .sample_size(30)
            .sampling_mode(SamplingMode::Auto)
            .warm_up_time(Duration::from_millis(300))
            .measurement_time(Duration::from_secs(2));
    }
}

fn new_terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap()
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App, view: &mut FrameState) {
    terminal
        .draw(|frame| ui::render(frame, app, view, &THEME))
        .unwrap();
}

// ---- the baseline: the same file into plain typed structs ----

#[allow(dead_code)]
#[derive(Deserialize)]
struct TypedDataset {
    version: u32,
    title: Option<String>,
    #[serde(default)]
    statuses: Vec<String>,
    #[serde(default)]
    councils: Vec<TypedCouncil>,
    #[serde(default)]
    areas: Vec<TypedArea>,
    #[serde(default)]
    deliverables: Vec<TypedDeliverable>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct TypedCouncil {
    id: String,
    name: String,
    date: Option<String>,
    location: Option<String>,
    #[serde(default)]
    chairs: Vec<String>,
    summary: Option<String>,
    source: Option<TypedSource>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct TypedSource {
    url: Option<String>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct TypedArea {
    id: String,
    name: String,
    description: Option<String>,
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

// ---- (a) launch to first frame ----

fn launch(c: &mut Criterion) {
    let mut group = c.benchmark_group("launch");
    for n in SIZES {
        configure(&mut group, n);
        let path = dataset_file(n);
        // What `councilor FILE` does before the first key: read, check, build the state, draw.
        group.bench_function(BenchmarkId::new("councilor_first_frame", label(n)), |b| {
            b.iter(|| {
                let (doc, _fingerprint) = store::open(&path).unwrap();
                let app = App::new(doc, "bench.json".into(), false);
                let mut terminal = new_terminal();
                let mut view = FrameState::default();
                draw(&mut terminal, &app, &mut view);
                black_box(&terminal);
                app
            })
        });
        // The floor of the target: read the same file and parse it into typed structs.
        group.bench_function(BenchmarkId::new("serde_json_typed", label(n)), |b| {
            b.iter(|| {
                let bytes = fs::read(&path).unwrap();
                let data: TypedDataset = serde_json::from_slice(&bytes).unwrap();
                data
            })
        });
        // The parts of the launch, to see where its time goes.
        group.bench_function(BenchmarkId::new("part_store_open", label(n)), |b| {
            b.iter(|| store::open(&path).unwrap())
        });
        let (doc, _) = store::open(&path).unwrap();
        group.bench_function(BenchmarkId::new("part_app_new", label(n)), |b| {
            b.iter_batched(
                || doc.clone(),
                |doc| App::new(doc, "bench.json".into(), false),
                criterion::BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

// ---- (b) a frame with the deliverables list scrolled to the end ----

fn frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame_scrolled_to_end");
    for n in SIZES {
        configure(&mut group, n);
        // Frames are fast at every size: the same settings for all.
        group
            .sample_size(50)
            .sampling_mode(SamplingMode::Auto)
            .measurement_time(Duration::from_secs(2));
        let (doc, _) = store::open(&dataset_file(n)).unwrap();
        let mut app = App::new(doc, "bench.json".into(), false);
        for a in [Action::NextPane, Action::NextPane, Action::Bottom] {
            app.update(a, NOW);
        }
        assert_eq!(app.selected_row() + 1, app.rows().len(), "at the last row");
        let mut terminal = new_terminal();
        let mut view = FrameState::default();
        draw(&mut terminal, &app, &mut view);
        group.bench_function(BenchmarkId::from_parameter(label(n)), |b| {
            b.iter(|| draw(&mut terminal, &app, &mut view))
        });
    }
    group.finish();
}

/// The dashboard's frame: drawn from the figures the app keeps, not from every deliverable.
fn dashboard_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame_dashboard");
    for n in SIZES {
        configure(&mut group, n);
        group
            .sample_size(30)
            .sampling_mode(SamplingMode::Auto)
            .measurement_time(Duration::from_secs(2));
        let (doc, _) = store::open(&dataset_file(n)).unwrap();
        let mut app = App::new(doc, "bench.json".into(), false);
        app.set_started(NOW);
        app.update(
            Action::ShowScreen(councilor::vocabulary::Screen::Dashboard),
            NOW,
        );
        let mut terminal = new_terminal();
        let mut view = FrameState::default();
        draw(&mut terminal, &app, &mut view);
        group.bench_function(BenchmarkId::from_parameter(label(n)), |b| {
            b.iter(|| draw(&mut terminal, &app, &mut view))
        });
    }
    group.finish();
}

// ---- (c) one status edit, on disk ----

fn status_edit(c: &mut Criterion) {
    let mut group = c.benchmark_group("status_edit");
    for n in SIZES {
        configure(&mut group, n);
        let path = data_dir().join(format!("edit-{n}.json"));
        fs::copy(dataset_file(n), &path).unwrap();
        let (doc, mut fingerprint) = store::open(&path).unwrap();
        let mut app = App::new(doc, "bench.json".into(), false);
        app.update(Action::NextPane, NOW);
        app.update(Action::NextPane, NOW);
        // Each edit is on the next deliverable (not timed), so no history list keeps growing.
        let step = |app: &mut App| {
            if app.selected_row() + 1 == app.rows().len() {
                app.update(Action::Top, NOW);
            } else {
                app.update(Action::Down, NOW);
            }
        };
        // What the event loop does for `s`: update the state, then save before the next key.
        group.bench_function(BenchmarkId::new("to_disk", label(n)), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    step(&mut app);
                    let start = Instant::now();
                    let effect = app.update(Action::CycleStatus(1), NOW);
                    assert_eq!(effect, Some(Effect::Save));
                    fingerprint =
                        store::save(&path, app.document().text().as_bytes(), fingerprint).unwrap();
                    total += start.elapsed();
                }
                total
            })
        });
        // The in-memory part alone: what the input thread waits for if the save runs elsewhere.
        group.bench_function(BenchmarkId::new("update_only", label(n)), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    step(&mut app);
                    let start = Instant::now();
                    black_box(app.update(Action::CycleStatus(1), NOW));
                    total += start.elapsed();
                }
                total
            })
        });
        // The save alone, of the text as it is now.
        group.bench_function(BenchmarkId::new("save_only", label(n)), |b| {
            b.iter(|| {
                fingerprint =
                    store::save(&path, app.document().text().as_bytes(), fingerprint).unwrap();
            })
        });
    }
    group.finish();
}

// ---- (d) one keystroke of search, to the next frame ----

/// What a person types, one character at a time.
const QUERY: &str = "subm cab";

/// The terminal UI's state with the search line open, and its screen.
struct Searching {
    app: App,
    terminal: Terminal<TestBackend>,
    view: FrameState,
}

impl Searching {
    fn open(n: usize) -> Self {
        let (doc, _) = store::open(&dataset_file(n)).unwrap();
        let mut s = Searching {
            app: App::new(doc, "bench.json".into(), false),
            terminal: new_terminal(),
            view: FrameState::default(),
        };
        s.draw();
        s.app.update(Action::OpenSearch, NOW);
        s.draw();
        s
    }

    fn draw(&mut self) {
        draw(&mut self.terminal, &self.app, &mut self.view);
    }

    /// One keystroke and the frame after it: what the input thread does before it reads
    /// the next key (a long search goes on after it, between keys).
    fn key(&mut self, action: Action) {
        self.app.update(action, NOW);
        self.draw();
    }

    /// One keystroke until its results are on screen: the key, every slice of its search
    /// (the event loop runs them while no key waits) and the frame after them.
    fn key_to_results(&mut self, action: Action) {
        self.app.update(action, NOW);
        if self.app.searching() {
            self.draw();
            while !self.app.search_slice() {}
        }
        self.draw();
    }

    /// The search line holding the first `k` characters of `QUERY`, typed in order, each
    /// search done, with a frame drawn.
    fn typed(&mut self, k: usize) {
        // Esc and `/` again: the searches kept from the last typing are gone, as after any
        // change of the data or the panes.
        self.app.update(Action::LineCancel, NOW);
        self.app.update(Action::OpenSearch, NOW);
        for c in QUERY.chars().take(k) {
            self.key_to_results(Action::LineChar(c));
        }
        self.draw();
    }
}

/// Each keystroke of `QUERY` on its own: from the line holding the characters before it,
/// typed afresh (not timed), the key until its results are drawn is timed. Criterion's bench ids name the line after the
/// keystroke (`subm_c` is `subm c`).
///
/// `typed_in_order` times the whole query typed from an empty line (the eight keystrokes and
/// their frames); the first time it runs, it also prints the median and slowest time of each
/// step in that order. The state is built inside the benches, so that a filter
/// (`-- search_keystroke/100k`) skips the sizes it does not name.
fn search_keystroke(c: &mut Criterion) {
    let mut group = c.benchmark_group("search_keystroke");
    for n in SIZES {
        configure(&mut group, n);
        let mut state: Option<Searching> = None;
        let mut printed = false;
        group.bench_function(BenchmarkId::new(label(n), "typed_in_order"), |b| {
            let s = state.get_or_insert_with(|| Searching::open(n));
            if !std::mem::replace(&mut printed, true) {
                print_steps(s, n);
            }
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    s.typed(0);
                    let start = Instant::now();
                    for ch in QUERY.chars() {
                        s.key_to_results(Action::LineChar(ch));
                    }
                    total += start.elapsed();
                }
                total
            })
        });
        let mut line = String::new();
        for (k, ch) in QUERY.chars().enumerate() {
            line.push(if ch == ' ' { '_' } else { ch });
            group.bench_function(BenchmarkId::new(label(n), &line), |b| {
                let s = state.get_or_insert_with(|| Searching::open(n));
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        // Typed afresh each time: no search kept from the last iteration.
                        s.typed(k);
                        let start = Instant::now();
                        s.key_to_results(Action::LineChar(ch));
                        total += start.elapsed();
                    }
                    total
                })
            });
        }
    }
    group.finish();
}

/// Types `QUERY` from an empty line a few times; prints each step's median and slowest time
/// from the key to the next frame (what keeps the next key waiting) and from the key to its
/// results on screen, and how many rows it leaves.
fn print_steps(s: &mut Searching, n: usize) {
    let repeat = if n >= 100_000 { 7 } else { 21 };
    let steps = QUERY.chars().count();
    let mut to_frame: Vec<Vec<Duration>> = vec![Vec::with_capacity(repeat); steps];
    let mut to_results: Vec<Vec<Duration>> = vec![Vec::with_capacity(repeat); steps];
    let mut rows = vec![0; steps];
    for _ in 0..repeat {
        s.typed(0);
        for (k, ch) in QUERY.chars().enumerate() {
            let start = Instant::now();
            s.key(Action::LineChar(ch));
            to_frame[k].push(start.elapsed());
            while s.app.searching() {
                s.app.search_slice();
            }
            s.draw();
            to_results[k].push(start.elapsed());
            rows[k] = s.app.rows().len();
        }
    }
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "search_keystroke/{}: \"{QUERY}\" typed from an empty line {repeat} times",
        label(n)
    );
    println!(
        "  {:<10} {:>22} {:>22} {:>8}",
        "line", "to frame: median / max", "to results: med / max", "rows"
    );
    let mut line = String::new();
    let mut all_results = Vec::new();
    for (((f, r), ch), rows) in to_frame
        .iter_mut()
        .zip(to_results.iter_mut())
        .zip(QUERY.chars())
        .zip(rows)
    {
        line.push(ch);
        f.sort();
        r.sort();
        all_results.push(r[r.len() / 2]);
        println!(
            "  {:<10} {:>10.2} / {:>7.2} ms {:>10.2} / {:>7.2} ms {:>8}",
            format!("\"{line}\""),
            ms(f[f.len() / 2]),
            ms(f[f.len() - 1]),
            ms(r[r.len() / 2]),
            ms(r[r.len() - 1]),
            rows
        );
    }
    all_results.sort();
    println!(
        "  median of the steps' medians to results: {:.2} ms; slowest step median: {:.2} ms",
        ms(all_results[all_results.len() / 2]),
        ms(all_results[all_results.len() - 1])
    );
}

criterion::criterion_group!(
    benches,
    launch,
    frame,
    dashboard_frame,
    status_edit,
    search_keystroke
);
criterion::criterion_main!(benches);
