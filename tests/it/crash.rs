//! Crashes during a save: the real binary saves `councilor set FILE ID --status …` again
//! and again, alternating two statuses, and each process is killed with SIGKILL at a random
//! moment of its run. After every kill the file must parse and be one complete version: every
//! byte outside the edited deliverable as it was, that deliverable's status one of the two,
//! its history one entry longer for every acknowledged save (and at most one more, for a save
//! killed after its rename but before it printed). Temporary files left by killed saves are
//! never read; the next save removes them, so at most one is ever left; a lock file left by a
//! killed save never blocks the next one.
// A killed process is told apart by the signal that ended it: Unix only.
#![cfg(unix)]

use crate::common;
use common::{BIN, Sandbox, small_dataset};

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use councilor::document::Document;
use councilor::store;

/// xorshift64*: deterministic, so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const DELIVERABLES: usize = 3000;
const EDITED: usize = 1500;
const KILLS: usize = 60;

fn set(path: &str, status: &str) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.args(["set", path, &format!("d{EDITED}"), "--status", status])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// The text of the edited deliverable's object, and what is before and after it.
fn split(doc: &Document) -> (String, String, String) {
    let span = doc.data().object(EDITED).unwrap();
    let t = doc.text();
    (
        t[..span.start].to_string(),
        t[span.clone()].to_string(),
        t[span.end..].to_string(),
    )
}

#[test]
fn sigkill_at_random_moments_of_saves_leaves_one_complete_version() {
    let started = Instant::now();
    let sb = Sandbox::new();
    let original = small_dataset(DELIVERABLES);
    let path = sb.file("o.json", &original);
    let p = path.to_str().unwrap();
    let base = Document::from_text(original.clone()).unwrap();
    let (before, _, after) = split(&base);

    // How long one save takes here, to spread the kills over the whole of a run.
    let mut durations = vec![];
    let mut history = 0usize;
    for status in ["done", "planned", "done"] {
        let t = Instant::now();
        let out = set(p, status).output().unwrap();
        durations.push(t.elapsed());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        history += 1;
    }
    durations.sort();
    let typical = durations[1];
    // Follows the machine's load from round to round: shorter after a save that ended
    // before its kill, a little longer after a kill.
    let mut window = typical.as_micros() as u64 * 13 / 10;

    let mut current = "done".to_string();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut killed = 0;
    let mut finished_first = 0;
    let mut completed_unacknowledged = 0;
    let mut left_temp = 0;
    let mut temps = 0;
    for round in 0..KILLS {
        // The other status than the one on disk, so that every run has a save to do.
        let status = if current == "done" { "planned" } else { "done" };
        let mut child = set(p, status).spawn().unwrap();
        // A third anywhere in the run, the rest near its end, where the save happens.
        let delay = if rng.below(3) == 0 {
            rng.below(window)
        } else {
            window / 2 + rng.below(window / 2)
        };
        std::thread::sleep(Duration::from_micros(delay));
        let was_running = child.try_wait().unwrap().is_none();
        child.kill().unwrap(); // SIGKILL
        let exit = child.wait().unwrap();
        let mut out = String::new();
        child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        let acknowledged = out.contains(" -> ");
        assert!(acknowledged || out.is_empty(), "round {round}: {out:?}");
        if was_running && exit.code().is_none() {
            killed += 1;
            window = window * 21 / 20;
        } else {
            finished_first += 1;
            window = (window * 4 / 5).max(1);
            assert!(exit.success(), "round {round}: {exit:?}");
            assert!(acknowledged, "round {round}: {out:?}");
        }

        // The file parses and is one complete version.
        let bytes = std::fs::read(&path).unwrap();
        let doc = Document::from_bytes(bytes)
            .unwrap_or_else(|e| panic!("round {round}: the file does not parse: {e:?}"));
        let (b, edited, a) = split(&doc);
        assert_eq!(
            b, before,
            "round {round}: text before the edited deliverable changed"
        );
        assert_eq!(
            a, after,
            "round {round}: text after the edited deliverable changed"
        );
        let d = &doc.data().deliverables[EDITED];
        assert!(
            d.status == "planned" || d.status == "done",
            "round {round}: {}",
            d.status
        );
        assert!(edited.contains(&format!("\"status\": \"{}\"", d.status)));
        // Each save appends one entry, from the other status to this one.
        let grown = d.history().len() - history;
        assert!(grown <= 1, "round {round}: {grown} entries appended");
        if acknowledged {
            assert_eq!(grown, 1, "round {round}: an acknowledged save is missing");
        } else if grown == 1 {
            completed_unacknowledged += 1;
        }
        history = d.history().len();
        current = d.status.to_string();
        let entries = d.history();
        let last = entries.last().cloned().unwrap();
        assert_eq!(last.to.as_deref(), Some(d.status.as_str()));
        for pair in entries.windows(2) {
            assert_eq!(
                pair[0].to, pair[1].from,
                "round {round}: history out of order"
            );
        }
        let strays = store::stray_temp_files(&path).len();
        assert!(strays <= 1, "round {round}: {strays} temporary files left");
        if strays > temps {
            left_temp += 1;
        }
        temps = strays;
    }

    // Leftovers are ignored: the file opens, and the CLI validates it.
    let strays = store::stray_temp_files(&path);
    let run = sb.run(&["validate", p]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout.lines().next(),
        Some(format!("1 council, 0 areas, {DELIVERABLES} deliverables").as_str())
    );
    assert!(strays.len() <= 1, "{strays:?}");
    // The next save removes what killed saves left: temporary file and lock file.
    let last = Document::from_bytes(std::fs::read(&path).unwrap()).unwrap();
    let next = if last.data().deliverables[EDITED].status == "done" {
        "planned"
    } else {
        "done"
    };
    assert!(set(p, next).output().unwrap().status.success());
    assert!(
        store::stray_temp_files(&path).is_empty(),
        "{:?}",
        store::stray_temp_files(&path)
    );
    let names: Vec<String> = common::names_in(sb.dir.path())
        .into_iter()
        .filter(|n| n != "data")
        .collect();
    assert_eq!(names, ["o.json"]);

    eprintln!(
        "crash test: {KILLS} rounds, {killed} SIGKILLs of running saves, {finished_first} saves \
         finished before the kill, {completed_unacknowledged} killed after the rename but before \
         acknowledging, {left_temp} killed between creating the temporary file and the rename, one \
         save takes about {typical:?}, {:?} in all",
        started.elapsed()
    );
    assert!(
        killed >= KILLS / 4,
        "only {killed} of {KILLS} kills hit a running save"
    );
}
