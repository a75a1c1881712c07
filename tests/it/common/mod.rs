//! Helpers shared by the integration tests: running the real binary on temporary files.
#![allow(dead_code)]

#[cfg(unix)]
pub mod pty;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_councilor");

pub fn bundled() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/outcomes.json"))
        .unwrap()
}

/// A temporary folder that also serves as the data folder, so tests never touch the real one.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Self {
        Sandbox {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn file(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(BIN)
            .args(args)
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("HOME", self.dir.path())
            .env_remove("NO_COLOR")
            .output()
            .unwrap();
        Run::from(out)
    }
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Self {
        let run = Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        };
        assert!(
            !run.stderr.contains("panicked"),
            "the program panicked: {}",
            run.stderr
        );
        run
    }
}

/// Whether the tests run as root, for whom permission bits do not stop anything: tests that
/// rely on them print why they are skipped (their injected-fault twins always run).
#[cfg(unix)]
pub fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    let probe = tempfile::NamedTempFile::new().unwrap();
    probe.as_file().metadata().unwrap().uid() == 0
}

/// The names in a folder, sorted (without the save lock's file, which stays on Windows).
pub fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| cfg!(unix) || !n.ends_with(".councilor.lock"))
        .collect();
    names.sort();
    names
}

/// A small valid dataset: `n` deliverables `d0`, `d1`, … of council `c`, all `planned`.
pub fn small_dataset(n: usize) -> String {
    let deliverables: Vec<String> = (0..n)
        .map(|i| {
            format!(
                "    {{\n      \"id\": \"d{i}\",\n      \"council\": \"c\",\n      \"title\": \"Deliverable {i}\",\n      \"status\": \"planned\"\n    }}"
            )
        })
        .collect();
    format!(
        "{{\n  \"version\": 1,\n  \"councils\": [\n    {{\n      \"id\": \"c\",\n      \"name\": \"Council\"\n    }}\n  ],\n  \"deliverables\": [\n{}\n  ]\n}}\n",
        deliverables.join(",\n")
    )
}

/// `n` one-line deliverables of one council, every third one planned and the rest done.
pub fn planned_every_third(n: usize) -> String {
    let rows: Vec<String> = (0..n)
        .map(|i| {
            let status = if i % 3 == 0 { "planned" } else { "done" };
            format!(r#"{{"id": "d{i}", "council": "c", "title": "T {i}", "status": "{status}"}}"#)
        })
        .collect();
    format!(
        r#"{{"version": 1, "councils": [{{"id": "c", "name": "C"}}], "deliverables": [{}]}}"#,
        rows.join(",\n")
    )
}

/// Runs `validate`, `list`, `set` and `export` on `bytes` and checks each refuses with exit
/// code 1, nothing on stdout, a message that starts with the file name and contains
/// `expected`, and leaves the file byte-identical.
pub fn refused(bytes: &[u8], expected: &str) {
    let sb = Sandbox::new();
    let path = sb.file("data.json", bytes);
    let p = path.to_str().unwrap();
    for args in [
        vec!["validate", p],
        vec!["list", p],
        vec!["set", p, "x", "--status", "done"],
        vec!["export", p, "--format", "csv"],
    ] {
        let run = sb.run(&args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?} printed {:?}", run.stdout);
        assert!(
            run.stderr.starts_with(&format!("{p}:")),
            "{args:?}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains(expected),
            "{args:?}: want {expected:?} in {}",
            run.stderr
        );
        assert_eq!(
            std::fs::read(&path).unwrap(),
            bytes,
            "{args:?} changed the file"
        );
    }
}

/// A drawn buffer's rows as text: a wide character fills two cells, the second covered by
/// the first.
pub fn buffer_lines(buf: &ratatui::buffer::Buffer) -> Vec<String> {
    (0..buf.area.height)
        .map(|y| {
            let mut s = String::new();
            let mut x = 0;
            while x < buf.area.width {
                let symbol = buf[(x, y)].symbol();
                s.push_str(symbol);
                x += unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
            }
            s
        })
        .collect()
}
