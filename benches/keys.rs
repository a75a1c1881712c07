//! Key to frame as a person feels it: the built binary in a pseudo-terminal on a generated
//! file, keys typed at a person's pace, and for each key the time from writing it to the end
//! of the first frame drawn after it (its bytes read back from the terminal). Also the time
//! to the results of a search, and the peak memory of the process against the file's size.
//!
//! `cargo bench --bench keys` runs 10k and 100k deliverables; `COUNCILOR_KEYS_SIZES=10000,
//! 100000,1000000` picks others, `COUNCILOR_BIN=path` measures another build,
//! `COUNCILOR_KEYS_EACH=1` prints each key's time too. Unix only (a pseudo-terminal).

#[cfg(not(unix))]
fn main() {
    eprintln!("the keys benchmark needs a Unix pseudo-terminal");
}

#[cfg(unix)]
fn main() {
    unix::main();
}

#[cfg(unix)]
mod unix {
    use std::io::{Read, Write};
    use std::path::{Path, PathBuf};
    use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
    use std::time::{Duration, Instant};

    use portable_pty::{CommandBuilder, PtySize, native_pty_system};

    const BIN: &str = env!("CARGO_BIN_EXE_councilor");
    /// A frame is written at once; a pause this long in the output ends it.
    const QUIET: Duration = Duration::from_millis(8);
    /// Between two keys, as a fast typist types.
    const PACE: Duration = Duration::from_millis(120);
    /// A key with no frame after it within this long counts as this long.
    const NO_FRAME: Duration = Duration::from_secs(5);

    type Output = Receiver<(Instant, usize)>;

    /// Bytes read from the terminal, with when they came.
    fn reader(mut from: Box<dyn Read + Send>) -> Output {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n) = from.read(&mut buf) {
                if n == 0 || tx.send((Instant::now(), n)).is_err() {
                    break;
                }
            }
        });
        rx
    }

    /// The end of the next burst of output (the last byte before a pause of `QUIET`), or
    /// `None` when nothing comes within `wait`.
    fn next_frame(out: &Output, wait: Duration) -> Option<Instant> {
        let (mut last, _) = out.recv_timeout(wait).ok()?;
        loop {
            match out.recv_timeout(QUIET) {
                Ok((at, _)) => last = at,
                Err(RecvTimeoutError::Timeout) => return Some(last),
                Err(RecvTimeoutError::Disconnected) => return Some(last),
            }
        }
    }

    /// Reads and forgets whatever is waiting.
    fn drain(out: &Output) {
        while out.recv_timeout(Duration::from_millis(50)).is_ok() {}
    }

    fn percentile(sorted: &[Duration], p: f64) -> Duration {
        let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
        sorted[i.min(sorted.len() - 1)]
    }

    fn ms(d: Duration) -> f64 {
        d.as_secs_f64() * 1e3
    }

    fn peak_rss(pid: u32) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kb * 1024)
    }

    fn dataset(dir: &Path, n: usize) -> PathBuf {
        let path = dir.join(format!("keys-{n}.json"));
        if !path.exists() {
            std::fs::write(&path, councilor::generate::dataset(n, 1)).expect("write the dataset");
        }
        path
    }

    /// One run at `n` deliverables: what each kind of key cost.
    fn run(dir: &Path, n: usize) {
        let source = dataset(dir, n);
        let file = dir.join(format!("keys-{n}-edited.json"));
        std::fs::copy(&source, &file).expect("copy the dataset");
        let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
        let copied = std::fs::metadata(&file).and_then(|m| m.modified()).ok();
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 40,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        // Another build (an older commit's) can be measured the same way.
        let bin = std::env::var("COUNCILOR_BIN").unwrap_or_else(|_| BIN.to_string());
        let mut cmd = CommandBuilder::new(bin);
        cmd.arg(&file);
        cmd.env("XDG_CONFIG_HOME", dir.join("config"));
        cmd.env("XDG_DATA_HOME", dir.join("data"));
        cmd.env("TERM", "xterm-256color");
        let started = Instant::now();
        let mut child = pty.slave.spawn_command(cmd).expect("start councilor");
        drop(pty.slave);
        let out = reader(pty.master.try_clone_reader().expect("a reader"));
        let mut keys = pty.master.take_writer().expect("a writer");
        let first = next_frame(&out, Duration::from_secs(120)).expect("a first frame");
        let launch = first - started;
        drain(&out);
        let pid = child.process_id().unwrap_or(0);

        // (what is typed, what it is) in the order a person would.
        let mut script: Vec<(&[u8], &str)> = vec![(b"\t", "move"), (b"\t", "move")];
        script.extend((0..10).map(|_| (&b"j"[..], "move")));
        script.push((b"/", "search"));
        script.extend(b"subm cab".chunks(1).map(|c| (c, "search")));
        script.push((b"\r", "move"));
        script.push((b"s", "status edit"));
        script.push((b"u", "status edit"));
        script.push((b"\x1b", "move"));
        script.extend((0..5).map(|_| (&b"k"[..], "move")));
        script.push((b"/", "search"));
        script.extend(b"quantum".chunks(1).map(|c| (c, "search")));
        script.push((b"\x1b", "move"));
        script.push((b"d", "dashboard"));
        script.push((b"q", "dashboard"));

        let each = std::env::var_os("COUNCILOR_KEYS_EACH").is_some();
        let mut all = Vec::new();
        let mut by_kind: Vec<(&str, Vec<Duration>)> = Vec::new();
        let mut settled = Vec::new();
        for (bytes, kind) in script {
            // Output of an earlier key (a save's "saved" line) is not this key's frame.
            while out.try_recv().is_ok() {}
            let sent = Instant::now();
            keys.write_all(bytes).expect("type");
            keys.flush().expect("type");
            let took = next_frame(&out, NO_FRAME).map_or(NO_FRAME, |end| end - sent);
            // A search goes on after the first frame: its results are the last frame.
            let mut last = sent + took;
            if kind == "search" {
                while let Some(end) = next_frame(&out, PACE) {
                    last = end;
                }
                settled.push(last - sent);
            }
            if each {
                println!(
                    "    {:<6} {:>7.1} ms",
                    format!("{:?}", String::from_utf8_lossy(bytes)),
                    ms(took)
                );
            }
            all.push(took);
            match by_kind.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, v)) => v.push(took),
                None => by_kind.push((kind, vec![took])),
            }
            std::thread::sleep(PACE.saturating_sub(sent.elapsed()));
        }
        let rss = peak_rss(pid);
        keys.write_all(b"q").ok();
        keys.flush().ok();
        let _ = child.wait();
        // A status key refused while a search runs writes nothing: say which was measured.
        let written = std::fs::metadata(&file).and_then(|m| m.modified()).ok() != copied;

        all.sort();
        settled.sort();
        println!(
            "keys/{n}: file {:.1} MB, launch to first frame {:.0} ms, peak RSS {}",
            size as f64 / 1e6,
            ms(launch),
            rss.map_or("unknown".into(), |r| format!(
                "{:.1} MB = {:.2} x the file",
                r as f64 / 1e6,
                r as f64 / size.max(1) as f64
            ))
        );
        println!(
            "  every key ({}): key to next frame p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
            all.len(),
            ms(percentile(&all, 0.5)),
            ms(percentile(&all, 0.99)),
            ms(all[all.len() - 1])
        );
        for (kind, mut v) in by_kind {
            v.sort();
            println!(
                "  {kind:<12} ({:>2}): p50 {:>6.1} ms, max {:>6.1} ms",
                v.len(),
                ms(percentile(&v, 0.5)),
                ms(v[v.len() - 1])
            );
        }
        println!(
            "  search keys to their results: p50 {:.1} ms, max {:.1} ms",
            ms(percentile(&settled, 0.5)),
            ms(settled[settled.len() - 1])
        );
        println!(
            "  the status keys {} the file",
            if written { "wrote" } else { "did not write" }
        );
    }

    pub fn main() {
        // `cargo bench` passes `--bench`; a filter naming nothing here is ignored.
        let sizes: Vec<usize> = std::env::var("COUNCILOR_KEYS_SIZES")
            .ok()
            .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
            .unwrap_or_else(|| vec![10_000, 100_000]);
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-keys");
        std::fs::create_dir_all(&dir).expect("a folder for the data");
        for n in sizes {
            run(&dir, n);
        }
    }
}
