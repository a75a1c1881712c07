//! Bad inputs and faults that the other test groups do not already cover: files changed
//! elsewhere (another size; the same size and time), what is not a file, files cut short, other
//! encodings, number spellings, near-JSON, a big file, wrong types, line endings, empty files.
//! The rest are in `bad_input`, `faults`, `save`, `crash`, `props` and `hostile`.

use crate::common;
use common::{Sandbox, refused, small_dataset};

use std::fs;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use councilor::document::Document;
use councilor::store::{self, Fingerprint, SaveError};

/// someone else saved a different version (another size) since we read it.
#[test]
fn a_file_edited_elsewhere_with_another_size_is_not_overwritten() {
    let sb = Sandbox::new();
    let path = sb.file("o.json", small_dataset(3));
    let (doc, fp) = store::open(&path).unwrap();
    let theirs = small_dataset(4);
    fs::write(&path, &theirs).unwrap();
    let err = store::save(&path, doc.text().as_bytes(), fp).unwrap_err();
    assert!(matches!(err, SaveError::ChangedOnDisk { .. }), "{err:?}");
    assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
    // What the merge needs: the text on disk now.
    let (now, now_fp) = store::reread(&path).unwrap();
    assert_eq!(now, theirs.as_bytes());
    assert_eq!(now_fp, Fingerprint::of(theirs.as_bytes()));
}

/// same size, and the modification time put back to what it was: the hash still tells.
#[test]
fn a_change_of_the_same_size_and_time_is_caught_by_the_hash() {
    let sb = Sandbox::new();
    let original = small_dataset(3);
    let path = sb.file("o.json", &original);
    let mtime = fs::metadata(&path).unwrap().modified().unwrap();
    let (doc, fp) = store::open(&path).unwrap();
    let theirs = original.replacen("\"planned\"", "\"dropped\"", 1);
    assert_eq!(theirs.len(), original.len());
    fs::write(&path, &theirs).unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), mtime);
    let err = store::save(&path, doc.text().as_bytes(), fp).unwrap_err();
    assert!(matches!(err, SaveError::ChangedOnDisk { .. }), "{err:?}");
    assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
}

/// Runs the binary with a deadline: a FIFO must be refused, not read forever.
fn run_with_deadline(sb: &Sandbox, args: &[&str]) -> (i32, String) {
    let mut child = Command::new(common::BIN)
        .args(args)
        .env("XDG_DATA_HOME", sb.dir.path().join("data"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let out = child.wait_with_output().unwrap();
            assert!(out.stdout.is_empty());
            return (
                status.code().unwrap_or(-1),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            );
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("{args:?} blocked");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// a folder, a FIFO or a device where a dataset is expected.
#[test]
fn a_folder_a_fifo_or_a_device_is_refused_by_every_command() {
    let sb = Sandbox::new();
    let folder = sb.dir.path().join("folder.json");
    fs::create_dir(&folder).unwrap();
    let fifo = sb.dir.path().join("pipe.json");
    let have_fifo = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    let mut paths = vec![folder.to_str().unwrap().to_string()];
    // A device with a path: Unix only.
    #[cfg(unix)]
    paths.push("/dev/zero".to_string());
    if have_fifo {
        paths.push(fifo.to_str().unwrap().to_string());
    } else {
        eprintln!("skipped the FIFO: mkfifo is not available");
    }
    for p in &paths {
        for args in [
            vec!["validate", p],
            vec!["list", p],
            vec!["set", p, "d0", "--status", "done"],
            vec!["export", p, "--format", "markdown"],
        ] {
            let (code, stderr) = run_with_deadline(&sb, &args);
            assert_eq!(code, 1, "{args:?}");
            assert_eq!(stderr, format!("{p}: not a regular file\n"), "{args:?}");
        }
    }
    assert!(folder.is_dir() && fs::read_dir(&folder).unwrap().next().is_none());
}

/// a file cut short, in a string, an array, an object.
#[test]
fn truncated_json_is_refused_with_its_place() {
    refused(
        b"{\"version\": 1,\n  \"title\": \"cut in the mid",
        ":2:26: invalid JSON: EOF while parsing a string",
    );
    refused(
        b"{\"version\": 1,\n  \"councils\": [\n    {\"id\": \"c\"",
        ":3:14: invalid JSON: EOF while parsing an object",
    );
    refused(
        b"{\"version\": 1,\n  \"areas\": [1, 2",
        ":2:16: invalid JSON: EOF while parsing a list",
    );
    // A real file cut at many places: always refused, never opened as a partial dataset.
    let full = small_dataset(3);
    for cut in (1..full.len() - 2).step_by(37) {
        let part = &full.as_bytes()[..cut];
        let err = Document::from_bytes(part.to_vec()).unwrap_err();
        let line = err.lines("f")[0].clone();
        assert!(line.starts_with("f:"), "{line}");
    }
}

/// a Latin-1 file is refused where its first non-UTF-8 byte is, never re-coded.
#[test]
fn latin1_bytes_are_refused_at_their_place() {
    refused(
        b"{\"version\": 1,\n \"title\": \"Gr\xfc\xdfe aus K\xf6ln\"}",
        ":2:14: the file is not valid UTF-8 (byte 0xFC at offset 28)",
    );
}

/// numbers the program does not read are kept as written; where it reads one (the
/// version), an odd spelling is refused with the spelling in the message, not rounded.
#[test]
fn odd_numbers_are_kept_as_written_or_refused_by_name() {
    refused(
        b"{\"version\": 1.0}",
        ":1:13: version: this program reads version 1, found 1.0",
    );
    refused(
        b"{\"version\": 1e400}",
        ":1:13: version: this program reads version 1, found 1e400",
    );
    let sb = Sandbox::new();
    let text = small_dataset(2).replace(
        "\"version\": 1,",
        "\"version\": 1,\n  \"x\": [-1e400, 123456789012345678901234567890e-5, 0.30000000000000004, -0.0, 1E-7],",
    );
    let path = sb.file("o.json", &text);
    let run = sb.run(&["set", path.to_str().unwrap(), "d1", "--status", "done"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(fs::read_to_string(&path).unwrap().contains(
        "\"x\": [-1e400, 123456789012345678901234567890e-5, 0.30000000000000004, -0.0, 1E-7],"
    ));
}

/// not JSON although common in hand-written files.
#[test]
fn nan_infinity_comments_and_trailing_commas_are_syntax_errors() {
    refused(
        b"{\"version\": 1, \"x\": Infinity}",
        ":1:21: invalid JSON: expected value",
    );
    refused(
        b"{\"version\": 1, \"x\": -Infinity}",
        ":1:22: invalid JSON: invalid number",
    );
    refused(
        b"{\"version\": 1, /* note */ \"x\": 1}",
        ":1:16: invalid JSON: key must be a string",
    );
    refused(
        b"{\"version\": 1,\n \"x\": {\"a\": 1,}}",
        ":2:15: invalid JSON: key must be a string",
    );
    refused(
        b"// a comment\n{\"version\": 1}",
        ":1:1: invalid JSON: expected value",
    );
}

/// a big file (a 10 MB note and 20,000 deliverables) loads, edits and saves.
#[test]
fn a_big_file_with_a_10_mb_note_loads_and_saves() {
    let sb = Sandbox::new();
    let note = "word ".repeat(2_000_000);
    let text = small_dataset(20_000).replacen(
        "\"title\": \"Deliverable 0\",",
        &format!("\"title\": \"Deliverable 0\",\n      \"notes\": \"{note}\","),
        1,
    );
    assert!(text.len() > 12_000_000);
    let path = sb.file("big.json", &text);
    let p = path.to_str().unwrap();
    let t = Instant::now();
    let run = sb.run(&["validate", p]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout.lines().next(),
        Some("1 council, 0 areas, 20000 deliverables")
    );
    let run = sb.run(&["set", p, "d19999", "--status", "done"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = fs::read_to_string(&path).unwrap();
    // Everything before the edited deliverable, the 10 MB note included, is as it was.
    let cut = text.find("\"id\": \"d19999\"").unwrap();
    assert_eq!(after[..cut], text[..cut]);
    let doc = Document::from_text(after).unwrap();
    let d = &doc.data().deliverables[19_999];
    assert_eq!((d.status.as_str(), d.history().len()), ("done", 1));
    eprintln!("validate + set on {} bytes: {:?}", text.len(), t.elapsed());
}

/// wrong types are refused with their place; a `null` where text may be is read as
/// absent and kept as written.
#[test]
fn wrong_types_are_located_and_null_is_kept() {
    refused(
        b"{\"version\": 1, \"councils\": [{\"id\": \"c\", \"name\": \"C\"}],\n \"deliverables\": [{\"id\": \"d\", \"council\": \"c\", \"title\": \"T\", \"status\": 5}]}",
        ":2:71: deliverables[0].status: expected a string, found a number",
    );
    refused(
        b"{\"version\": 1, \"councils\": [{\"id\": \"c\", \"name\": \"C\"}],\n \"deliverables\": [{\"id\": \"d\", \"council\": \"c\", \"title\": \"T\"}]}",
        ":2:19: deliverables[0].status: required field is missing",
    );
    refused(
        b"{\"version\": 1, \"councils\": {\"id\": \"c\"}}",
        "councils: expected an array, found an object",
    );
    let sb = Sandbox::new();
    let text = small_dataset(2).replace(
        "\"title\": \"Deliverable 1\",",
        "\"title\": \"Deliverable 1\",\n      \"notes\": null,",
    );
    let path = sb.file("o.json", &text);
    let run = sb.run(&["set", path.to_str().unwrap(), "d1", "--status", "done"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .contains("\"notes\": null,")
    );
}

/// CRLF, tabs, no final newline: a save without a change is byte-identical, and an edit
/// keeps the file's own style.
#[test]
fn crlf_tabs_and_no_final_newline_keep_their_style() {
    let sb = Sandbox::new();
    let text = small_dataset(2)
        .replace("  ", "\t")
        .replace('\n', "\r\n")
        .trim_end()
        .to_string();
    let path = sb.file("o.json", &text);
    let p = path.to_str().unwrap();
    let run = sb.run(&["set", p, "d0", "--status", "planned"]);
    assert_eq!(run.stdout, "d0: already planned (nothing written)\n");
    let (doc, fp) = store::open(&path).unwrap();
    store::save(&path, doc.text().as_bytes(), fp).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    let run = sb.run(&["set", p, "d0", "--status", "done"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = fs::read_to_string(&path).unwrap();
    assert!(!after.replace("\r\n", "").contains('\n'), "only CRLF");
    assert!(!after.contains("  "), "tabs only");
    assert!(after.ends_with('}'), "still no final newline");
    assert!(
        after.contains("\t\t\t\"status\": \"done\",\r\n\t\t\t\"history\": [\r\n\t\t\t\t{\r\n"),
        "{after:?}"
    );
}

/// an empty or white-space file is never opened as an empty dataset that a save
/// would then write over.
#[test]
fn an_empty_file_is_refused_by_the_store_too() {
    let sb = Sandbox::new();
    let path = sb.file("o.json", "");
    let err = store::open(&path).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}: the file is empty (0 bytes); a dataset is a JSON object such as {{\"version\": 1}}",
            store::shown(&path)
        )
    );
    assert_eq!(fs::read(&path).unwrap(), b"");
}
