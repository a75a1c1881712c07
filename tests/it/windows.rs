//! Windows only: another program (an antivirus, an indexer) that opens the file for a moment
//! makes it unreadable and irreplaceable meanwhile; a save waits that out, briefly.
#![cfg(windows)]

use crate::common::{Sandbox, bundled, names_in};

use std::fs;
use std::os::windows::fs::OpenOptionsExt;
use std::time::{Duration, Instant};

use councilor::store::{self, SaveError, Step};

/// Opens `path` as a scanner does: sharing nothing, so nobody else can open it meanwhile.
fn hold(path: &std::path::Path) -> fs::File {
    fs::OpenOptions::new()
        .read(true)
        .share_mode(0)
        .open(path)
        .unwrap()
}

#[test]
fn a_save_waits_for_a_program_that_holds_the_file_for_a_moment() {
    let sb = Sandbox::new();
    let path = sb.file("o.json", bundled());
    let (doc, fp) = store::open(&path).unwrap();
    let text = doc.text().replacen("\"planned\"", "\"done\"", 1);
    let held = hold(&path);
    assert!(
        fs::read(&path).is_err(),
        "the file is held: nobody can read it"
    );
    let release = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        drop(held);
    });
    let started = Instant::now();
    store::save(&path, text.as_bytes(), fp).unwrap();
    release.join().unwrap();
    assert!(started.elapsed() >= Duration::from_millis(250));
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    assert_eq!(names_in(sb.dir.path()), ["o.json"]);
}

#[test]
fn a_file_held_too_long_is_left_as_it_was_and_the_error_names_it() {
    let sb = Sandbox::new();
    let path = sb.file("o.json", bundled());
    let (doc, fp) = store::open(&path).unwrap();
    let text = doc.text().replacen("\"planned\"", "\"done\"", 1);
    let held = hold(&path);
    let started = Instant::now();
    let err = store::save(&path, text.as_bytes(), fp).unwrap_err();
    let waited = started.elapsed();
    drop(held);
    assert!(
        matches!(
            err,
            SaveError::Io {
                step: Step::Reread,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(waited >= Duration::from_secs(1), "it waited: {waited:?}");
    let message = err.to_string();
    assert!(message.contains("o.json: not saved"), "{message}");
    assert_eq!(fs::read_to_string(&path).unwrap(), bundled());
    assert_eq!(names_in(sb.dir.path()), ["o.json"]);
}

#[test]
fn reading_waits_for_a_program_that_holds_the_file_for_a_moment() {
    let sb = Sandbox::new();
    let path = sb.file("o.json", bundled());
    let held = hold(&path);
    let release = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        drop(held);
    });
    let (doc, _) = store::open(&path).unwrap();
    release.join().unwrap();
    assert_eq!(doc.text(), bundled());
}

#[test]
fn the_rename_waits_for_a_program_that_opens_the_file_just_before_it() {
    let sb = Sandbox::new();
    let path = sb.file("o.json", bundled());
    let (doc, fp) = store::open(&path).unwrap();
    let text = doc.text().replacen("\"planned\"", "\"done\"", 1);
    let mut release = None;
    let mut faults = |step: Step| {
        if step == Step::Rename {
            let held = hold(&path);
            release = Some(std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(300));
                drop(held);
            }));
        }
        Ok(())
    };
    store::save_with(&path, text.as_bytes(), fp, &mut faults).unwrap();
    release.unwrap().join().unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    assert_eq!(names_in(sb.dir.path()), ["o.json"]);
}
