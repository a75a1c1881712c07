//! Faults during a save: disk full, quota, I/O errors, permissions, a file deleted, replaced by a
//! folder or a FIFO, a folder gone, symlinks. Errors are injected at each step of the real save
//! code through `store::save_with`, so these tests hold when they run as root (CI does); the
//! few that rely on real permission bits say why they are skipped when root runs them.
//!
//! Each fault must give a message naming the file, leave it byte-identical (or, after the
//! rename, hold the complete new text), leave no temporary file, and let a later save succeed.
// Permission bits, owners, FIFOs and symlinks: Unix only.
#![cfg(unix)]

use crate::common;
use common::{Sandbox, names_in, running_as_root, small_dataset};

use std::fs;
use std::io;
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};

use councilor::edit::{self, StatusChange};
use councilor::store::{self, Fingerprint, SaveError, Step};

const ENOSPC: i32 = 28;
const EDQUOT: i32 = 122;
const EIO: i32 = 5;
const EACCES: i32 = 13;
const EROFS: i32 = 30;

/// A file, what it held, its fingerprint, and the text after one status edit.
struct Case {
    sb: Sandbox,
    path: PathBuf,
    original: String,
    fingerprint: Fingerprint,
    edited: Vec<u8>,
}

fn case() -> Case {
    let sb = Sandbox::new();
    let original = small_dataset(3);
    let path = sb.file("o.json", &original);
    let (edited, fingerprint) = edited(&path);
    Case {
        sb,
        path,
        original,
        fingerprint,
        edited,
    }
}

/// The text of the file at `path` after setting `d1` to `done`, and the fingerprint read.
fn edited(path: &Path) -> (Vec<u8>, Fingerprint) {
    let (mut doc, fp) = store::open(path).unwrap();
    let change = StatusChange {
        deliverable: 1,
        to: "done",
        at: "2026-11-27T09:14:03Z",
        note: None,
    };
    let patch = edit::status_patch(&doc, &change).unwrap();
    assert!(doc.apply(&patch));
    (doc.text().as_bytes().to_vec(), fp)
}

fn fail_at(step: Step, errno: i32) -> impl FnMut(Step) -> io::Result<()> {
    move |s| {
        if s == step {
            Err(io::Error::from_raw_os_error(errno))
        } else {
            Ok(())
        }
    }
}

fn assert_untouched(c: &Case) {
    assert_eq!(fs::read_to_string(&c.path).unwrap(), c.original);
    assert_eq!(
        names_in(c.sb.dir.path()),
        ["o.json"],
        "a temporary file was left"
    );
}

/// Every step before the rename, every kind of error: refused cleanly, and a retry works.
#[test]
fn an_error_at_any_step_before_the_rename_leaves_the_file_and_no_temporary_file() {
    let steps = [
        Step::CreateTemp,
        Step::CopyPermissions,
        Step::Write,
        Step::SyncFile,
        Step::Recheck,
        Step::Rename,
    ];
    let errors = [
        (ENOSPC, "the disk is full"),
        (EDQUOT, "the disk quota is used up"),
        (EIO, "an input/output error"),
        (EACCES, "permission denied"),
        (EROFS, "the file system is read-only"),
    ];
    for step in steps {
        for (errno, words) in errors {
            let c = case();
            let err =
                store::save_with(&c.path, &c.edited, c.fingerprint, &mut fail_at(step, errno))
                    .unwrap_err();
            let text = err.to_string();
            assert!(
                text.starts_with(&format!("{}: not saved (", store::shown(&c.path))),
                "{text}"
            );
            assert!(
                text.to_lowercase().contains(words),
                "{step:?}/{errno}: {text}"
            );
            assert!(text.contains(&step.to_string()), "{text}");
            assert!(text.ends_with("the file was left as it is"), "{text}");
            assert!(
                matches!(err, SaveError::Io { step: s, .. } if s == step),
                "{err:?}"
            );
            assert_eq!(err.on_disk(), None);
            assert_untouched(&c);
            // The edits were kept by the caller: the same save now succeeds.
            let fp = store::save(&c.path, &c.edited, c.fingerprint).unwrap();
            assert_eq!(fp, Fingerprint::of(&c.edited));
            assert_eq!(fs::read(&c.path).unwrap(), c.edited);
            assert_eq!(names_in(c.sb.dir.path()), ["o.json"]);
        }
    }
}

#[test]
fn disk_full_halfway_through_the_write_keeps_the_old_file_whole() {
    let c = case();
    let mut seen_temp = Vec::new();
    let dir = c.sb.dir.path().to_path_buf();
    let err = store::save_with(&c.path, &c.edited, c.fingerprint, &mut |s| {
        if s == Step::Write {
            // Half of the new text is in the temporary file when the disk fills up.
            seen_temp = names_in(&dir);
            return Err(io::Error::from_raw_os_error(ENOSPC));
        }
        Ok(())
    })
    .unwrap_err();
    // The file, the lock beside it, and the temporary file.
    assert_eq!(seen_temp.len(), 3, "{seen_temp:?}");
    assert!(seen_temp.contains(&".o.json.councilor.lock".to_string()));
    let temp = seen_temp.iter().find(|n| n.ends_with(".tmp")).unwrap();
    assert!(
        temp.starts_with(".o.json.") && temp.ends_with(".councilor.tmp"),
        "{temp}"
    );
    assert!(
        err.to_string()
            .contains("not saved (writing: the disk is full: No space left on device"),
        "{err}"
    );
    assert_untouched(&c);
}

/// A failure after the rename: the new text is in place, whole; the error says so and gives
/// the fingerprint to carry on with, and saving again works with either fingerprint.
#[test]
fn a_failed_folder_flush_after_the_rename_is_reported_honestly() {
    let c = case();
    let err = store::save_with(
        &c.path,
        &c.edited,
        c.fingerprint,
        &mut fail_at(Step::SyncDir, EIO),
    )
    .unwrap_err();
    let text = err.to_string();
    assert!(
        text.starts_with(&format!(
            "{}: written, but the folder could not be flushed",
            store::shown(&c.path)
        )),
        "{text}"
    );
    assert!(text.contains("may not survive a power cut"), "{text}");
    assert_eq!(err.on_disk(), Some(Fingerprint::of(&c.edited)));
    assert_eq!(fs::read(&c.path).unwrap(), c.edited);
    assert_eq!(names_in(c.sb.dir.path()), ["o.json"]);
    // Saving the same text again with the old fingerprint is not a conflict: the disk already
    // holds exactly what is being written.
    store::save(&c.path, &c.edited, c.fingerprint).unwrap();
    // And the next edit, saved with the fingerprint the error gave, works too.
    let (more, fp) = edited_again(&c.path);
    assert_eq!(fp, err.on_disk().unwrap());
    store::save(&c.path, &more, err.on_disk().unwrap()).unwrap();
    assert_eq!(fs::read(&c.path).unwrap(), more);
}

fn edited_again(path: &Path) -> (Vec<u8>, Fingerprint) {
    let (mut doc, fp) = store::open(path).unwrap();
    let change = StatusChange {
        deliverable: 2,
        to: "blocked",
        at: "2026-11-27T09:15:00Z",
        note: None,
    };
    let patch = edit::status_patch(&doc, &change).unwrap();
    assert!(doc.apply(&patch));
    (doc.text().as_bytes().to_vec(), fp)
}

/// Lock, re-read, write the temporary file, flush it, rename, flush the folder, in that order.
#[test]
fn the_steps_run_in_the_durable_order() {
    let c = case();
    let mut steps = Vec::new();
    store::save_with(&c.path, &c.edited, c.fingerprint, &mut |s| {
        steps.push(s);
        Ok(())
    })
    .unwrap();
    assert_eq!(
        steps,
        [
            Step::Resolve,
            Step::Inspect,
            Step::Lock,
            Step::Reread,
            Step::CreateTemp,
            Step::CopyOwner,
            Step::CopyAttributes,
            Step::CopyPermissions,
            Step::Write,
            Step::SyncFile,
            Step::Recheck,
            Step::Rename,
            Step::SyncDir
        ]
    );
}

/// Someone else writes the file while our temporary file is being written: the check just
/// before the rename catches it, and their version stays.
#[test]
fn a_change_by_someone_else_during_the_save_is_not_overwritten() {
    for when in [Step::CreateTemp, Step::Write, Step::SyncFile, Step::Recheck] {
        let c = case();
        // Same length, so only the content (or the inode and times) can tell.
        let theirs = c.original.replacen("\"planned\"", "\"dropped\"", 1);
        let path = c.path.clone();
        let err = store::save_with(&c.path, &c.edited, c.fingerprint, &mut |s| {
            if s == when {
                fs::write(&path, &theirs).unwrap();
            }
            Ok(())
        })
        .unwrap_err();
        assert!(
            matches!(err, SaveError::ChangedOnDisk { .. }),
            "{when:?}: {err:?}"
        );
        assert!(
            err.to_string()
                .contains("changed on disk since it was read")
        );
        assert_eq!(fs::read_to_string(&c.path).unwrap(), theirs);
        assert_eq!(names_in(c.sb.dir.path()), ["o.json"]);
        // The merge code reads what is there now.
        let (bytes, fp) = store::reread(&c.path).unwrap();
        assert_eq!(bytes, theirs.as_bytes());
        assert_eq!(fp, Fingerprint::of(theirs.as_bytes()));
    }
}

#[test]
fn a_file_replaced_by_rename_during_the_save_is_caught_too() {
    let c = case();
    let theirs = c.original.replacen("\"planned\"", "\"dropped\"", 1);
    let (path, dir) = (c.path.clone(), c.sb.dir.path().to_path_buf());
    let err = store::save_with(&c.path, &c.edited, c.fingerprint, &mut |s| {
        if s == Step::SyncFile {
            let other = dir.join("theirs.json");
            fs::write(&other, &theirs).unwrap();
            fs::rename(&other, &path).unwrap();
        }
        Ok(())
    })
    .unwrap_err();
    assert!(matches!(err, SaveError::ChangedOnDisk { .. }), "{err:?}");
    assert_eq!(fs::read_to_string(&c.path).unwrap(), theirs);
    assert_eq!(names_in(c.sb.dir.path()), ["o.json"]);
}

#[test]
fn a_deleted_file_is_reported_and_can_be_written_back() {
    let c = case();
    fs::remove_file(&c.path).unwrap();
    let err = store::save(&c.path, &c.edited, c.fingerprint).unwrap_err();
    assert!(matches!(err, SaveError::Missing { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!(
            "{}: not saved: the file is no longer there (deleted, or it or its folder was moved away); nothing was written",
            store::shown(&c.path)
        )
    );
    assert!(names_in(c.sb.dir.path()).is_empty());
    // The edits, kept in memory, are written back as a new file.
    let fp = store::save_as(&c.path, &c.edited).unwrap();
    assert_eq!(fp, Fingerprint::of(&c.edited));
    assert_eq!(fs::read(&c.path).unwrap(), c.edited);
    assert_eq!(
        fs::metadata(&c.path).unwrap().permissions().mode() & 0o777,
        0o644
    );
    assert_eq!(names_in(c.sb.dir.path()), ["o.json"]);
    // save_as never replaces anything.
    let err = store::save_as(&c.path, b"{}").unwrap_err();
    assert!(matches!(err, SaveError::AlreadyExists { .. }), "{err:?}");
    assert!(err.to_string().contains("something already exists there"));
    assert_eq!(fs::read(&c.path).unwrap(), c.edited);
}

#[test]
fn a_file_deleted_between_the_checks_and_the_rename_is_reported() {
    let c = case();
    let path = c.path.clone();
    let err = store::save_with(&c.path, &c.edited, c.fingerprint, &mut |s| {
        if s == Step::Recheck {
            fs::remove_file(&path).unwrap();
        }
        Ok(())
    })
    .unwrap_err();
    assert!(matches!(err, SaveError::Missing { .. }), "{err:?}");
    assert!(names_in(c.sb.dir.path()).is_empty(), "nothing written");
}

#[test]
fn save_as_refuses_a_name_taken_while_it_writes() {
    let c = case();
    let new = c.sb.dir.path().join("copy.json");
    let other = new.clone();
    let err = store::save_as_with(&new, &c.edited, &mut |s| {
        if s == Step::Rename {
            fs::write(&other, "theirs").unwrap();
        }
        Ok(())
    })
    .unwrap_err();
    assert!(matches!(err, SaveError::AlreadyExists { .. }), "{err:?}");
    assert_eq!(fs::read_to_string(&new).unwrap(), "theirs");
    assert_eq!(names_in(c.sb.dir.path()), ["copy.json", "o.json"]);
    // Disk full while writing a copy: nothing is left.
    let new = c.sb.dir.path().join("copy2.json");
    let err = store::save_as_with(&new, &c.edited, &mut fail_at(Step::Write, ENOSPC)).unwrap_err();
    assert!(err.to_string().contains("the disk is full"), "{err}");
    assert_eq!(names_in(c.sb.dir.path()), ["copy.json", "o.json"]);
}

#[test]
fn the_folder_gone_is_reported() {
    let sb = Sandbox::new();
    let dir = sb.dir.path().join("meeting");
    fs::create_dir(&dir).unwrap();
    let path = dir.join("o.json");
    fs::write(&path, small_dataset(2)).unwrap();
    let (bytes, fp) = edited(&path);
    fs::rename(&dir, sb.dir.path().join("moved")).unwrap();
    let err = store::save(&path, &bytes, fp).unwrap_err();
    assert!(matches!(err, SaveError::Missing { .. }), "{err:?}");
    assert!(err.to_string().starts_with(&store::shown(&path)));
    assert!(!dir.exists());
    assert_eq!(
        fs::read_to_string(sb.dir.path().join("moved/o.json")).unwrap(),
        small_dataset(2)
    );
}

#[test]
fn a_folder_or_a_fifo_in_place_of_the_file_is_refused_at_save_and_at_open() {
    let c = case();
    fs::remove_file(&c.path).unwrap();
    fs::create_dir(&c.path).unwrap();
    let err = store::save(&c.path, &c.edited, c.fingerprint).unwrap_err();
    assert!(matches!(err, SaveError::NotAFile { .. }), "{err:?}");
    assert!(err.to_string().contains("not a regular file"), "{err}");
    assert!(c.path.is_dir());
    assert!(fs::read_dir(&c.path).unwrap().next().is_none());
    let err = store::open(&c.path).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("{}: not a regular file", store::shown(&c.path))
    );

    // A FIFO would block a reader forever: refused without opening it.
    let fifo = c.sb.dir.path().join("pipe.json");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("skipped the FIFO part: mkfifo is not available");
        return;
    }
    let err = store::open(&fifo).unwrap_err();
    assert!(err.to_string().ends_with("not a regular file"), "{err}");
    let err = store::save(&fifo, &c.edited, c.fingerprint).unwrap_err();
    assert!(matches!(err, SaveError::NotAFile { .. }), "{err:?}");
    // Devices too.
    let err = store::open(Path::new("/dev/zero")).unwrap_err();
    assert_eq!(err.to_string(), "/dev/zero: not a regular file");
}

/// The mode bits are checked by the program itself, so this holds for root too.
#[test]
fn a_read_only_file_is_refused_even_for_root() {
    let c = case();
    fs::set_permissions(&c.path, fs::Permissions::from_mode(0o444)).unwrap();
    let err = store::save(&c.path, &c.edited, c.fingerprint).unwrap_err();
    assert!(matches!(err, SaveError::ReadOnly { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!(
            "{}: not saved: the file is read-only; it was left as it is",
            store::shown(&c.path)
        )
    );
    assert_untouched(&c);
}

#[test]
fn a_folder_that_is_not_writable_is_reported() {
    // Injected: always runs.
    let c = case();
    let err = store::save_with(
        &c.path,
        &c.edited,
        c.fingerprint,
        &mut fail_at(Step::CreateTemp, EACCES),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}: not saved (creating a temporary file beside it: Permission denied (os error 13)); the file was left as it is",
            store::shown(&c.path)
        )
    );
    assert_untouched(&c);

    // Real permission bits: root ignores them.
    if running_as_root() {
        eprintln!(
            "skipped the chmod 0555 part: running as root, folder permissions do not stop root \
             (the injected EACCES above covers it)"
        );
        return;
    }
    let c = case();
    fs::set_permissions(c.sb.dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
    let err = store::save(&c.path, &c.edited, c.fingerprint).unwrap_err();
    fs::set_permissions(c.sb.dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    assert!(err.to_string().contains("Permission denied"), "{err}");
    assert_untouched(&c);
}

#[test]
fn the_cli_reports_a_save_failure_with_the_file_name_and_exit_1() {
    let c = case();
    fs::set_permissions(&c.path, fs::Permissions::from_mode(0o444)).unwrap();
    let p = c.path.to_str().unwrap();
    let run = c.sb.run(&["set", p, "d1", "--status", "done"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
    assert_eq!(
        run.stderr,
        format!("councilor: {p}: not saved: the file is read-only; it was left as it is\n")
    );
    assert_untouched(&c);
}

#[test]
fn a_symlink_stays_a_link_and_the_temporary_file_is_made_beside_the_target() {
    let sb = Sandbox::new();
    let real = sb.dir.path().join("real");
    fs::create_dir(&real).unwrap();
    let target = real.join("data.json");
    fs::write(&target, small_dataset(3)).unwrap();
    fs::set_permissions(&target, fs::Permissions::from_mode(0o600)).unwrap();
    let link = sb.dir.path().join("link.json");
    symlink(&target, &link).unwrap();
    let (bytes, fp) = edited(&link);
    let mut temp_dir_listing = vec![];
    let real_dir = real.clone();
    store::save_with(&link, &bytes, fp, &mut |s| {
        if s == Step::Rename {
            temp_dir_listing = names_in(&real_dir);
        }
        Ok(())
    })
    .unwrap();
    // The lock and the temporary file are beside the real file, not the link.
    assert_eq!(temp_dir_listing.len(), 3, "{temp_dir_listing:?}");
    // (In any order: the temporary file's random letters may sort before the lock's name.)
    assert!(
        temp_dir_listing.contains(&".data.json.councilor.lock".to_string()),
        "{temp_dir_listing:?}"
    );
    assert!(
        temp_dir_listing
            .iter()
            .any(|n| n.starts_with(".data.json.") && n.ends_with(".councilor.tmp")),
        "{temp_dir_listing:?}"
    );
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_link(&link).unwrap(), target);
    assert_eq!(fs::read(&target).unwrap(), bytes);
    assert_eq!(
        fs::metadata(&target).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(names_in(&real), ["data.json"]);
    assert_eq!(names_in(sb.dir.path()), ["link.json", "real"]);
}

/// A link from one file system to another: the temporary file is on the target's file system,
/// so the rename never crosses devices (EXDEV).
#[test]
fn a_symlink_into_another_file_system_saves_without_crossing_devices() {
    let shm = Path::new("/dev/shm");
    let sb = Sandbox::new();
    let other = match tempfile::tempdir_in(shm) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("skipped: no /dev/shm to link into ({e})");
            return;
        }
    };
    if fs::metadata(other.path()).unwrap().dev() == fs::metadata(sb.dir.path()).unwrap().dev() {
        eprintln!("skipped: /dev/shm is on the same file system as the temporary folder here");
        return;
    }
    let target = other.path().join("o.json");
    fs::write(&target, small_dataset(2)).unwrap();
    let link = sb.dir.path().join("o.json");
    symlink(&target, &link).unwrap();
    let (bytes, fp) = edited(&link);
    store::save(&link, &bytes, fp).unwrap();
    assert_eq!(fs::read(&target).unwrap(), bytes);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(names_in(other.path()), ["o.json"]);
}

#[test]
fn dangling_links_and_link_loops_are_clear_errors_at_open_and_at_save() {
    let sb = Sandbox::new();
    let dangling = sb.dir.path().join("d.json");
    symlink(sb.dir.path().join("nowhere.json"), &dangling).unwrap();
    let err = store::open(&dangling).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}: cannot read: it is a symbolic link to a file that does not exist",
            store::shown(&dangling)
        )
    );
    let err = store::save(&dangling, b"{}", Fingerprint::of(b"")).unwrap_err();
    assert!(matches!(err, SaveError::Missing { .. }), "{err:?}");
    assert!(!sb.dir.path().join("nowhere.json").exists());

    let a = sb.dir.path().join("a.json");
    let b = sb.dir.path().join("b.json");
    symlink(&b, &a).unwrap();
    symlink(&a, &b).unwrap();
    let err = store::open(&a).unwrap_err();
    assert!(
        err.to_string()
            .starts_with(&format!("{}: cannot read: ", store::shown(&a)))
            && err.to_string().contains("symbolic links"),
        "{err}"
    );
    let err = store::save(&a, b"{}", Fingerprint::of(b"")).unwrap_err();
    assert!(err.to_string().contains("symbolic links"), "{err}");
    assert!(fs::symlink_metadata(&a).unwrap().file_type().is_symlink());
}

#[test]
fn modes_are_kept() {
    for mode in [0o600, 0o640, 0o664, 0o755] {
        let c = case();
        fs::set_permissions(&c.path, fs::Permissions::from_mode(mode)).unwrap();
        store::save(&c.path, &c.edited, c.fingerprint).unwrap();
        assert_eq!(
            fs::metadata(&c.path).unwrap().permissions().mode() & 0o7777,
            mode
        );
    }
}

/// Owner and group are kept when the program may set them (root may; another user may only
/// keep their own, which a new file gets anyway).
#[test]
fn owner_and_group_are_kept_where_allowed() {
    let c = case();
    if !running_as_root() {
        let before = fs::metadata(&c.path).unwrap();
        store::save(&c.path, &c.edited, c.fingerprint).unwrap();
        let after = fs::metadata(&c.path).unwrap();
        assert_eq!((before.uid(), before.gid()), (after.uid(), after.gid()));
        eprintln!("only the own-owner case ran: changing the owner needs root");
        return;
    }
    std::os::unix::fs::chown(&c.path, Some(4242), Some(4343)).unwrap();
    fs::set_permissions(&c.path, fs::Permissions::from_mode(0o640)).unwrap();
    store::save(&c.path, &c.edited, c.fingerprint).unwrap();
    let after = fs::metadata(&c.path).unwrap();
    assert_eq!((after.uid(), after.gid()), (4242, 4343));
    assert_eq!(after.permissions().mode() & 0o777, 0o640);
}

/// Leftovers of killed saves are never read; the next save removes every one of them once it
/// holds the lock (no other writer can be writing one then), and keeps every other file.
#[test]
fn leftover_temporary_files_are_removed_by_the_next_save() {
    let c = case();
    let dir = c.sb.dir.path();
    let leftovers = [
        dir.join(".o.json.Ab12Cd.councilor.tmp"),
        dir.join(".o.json.Zz98Yy.councilor.tmp"),
    ];
    let lookalikes = [
        ".o.json.Ab12Cd.tmp",
        ".o.json.Ab1.councilor.tmp",
        ".other.json.Ab12Cd.councilor.tmp",
        "o.json.Ab12Cd.councilor.tmp",
    ];
    for name in lookalikes {
        fs::write(dir.join(name), "{\"half\": ").unwrap();
    }
    for path in &leftovers {
        fs::write(path, "{\"half\": ").unwrap();
    }
    // A lock file left by a killed save: it does not block.
    fs::write(store::lock_path(&c.path), "process 1 on elsewhere\n").unwrap();
    assert_eq!(store::stray_temp_files(&c.path), leftovers);
    // Opening ignores them.
    let (doc, _) = store::open(&c.path).unwrap();
    assert_eq!(doc.text(), c.original);
    store::save(&c.path, &c.edited, c.fingerprint).unwrap();
    for path in &leftovers {
        assert!(!path.exists(), "{path:?} was kept");
    }
    for name in lookalikes {
        assert!(dir.join(name).exists(), "{name} was removed");
    }
    assert!(store::stray_temp_files(&c.path).is_empty());
    assert!(!store::lock_path(&c.path).exists(), "the lock file stayed");
}

/// A file system without owners (exFAT, FAT) refuses `chown`: the save goes ahead.
#[test]
fn a_refused_owner_change_does_not_stop_the_save() {
    let c = case();
    let fp = store::save_with(
        &c.path,
        &c.edited,
        c.fingerprint,
        &mut fail_at(Step::CopyOwner, 1 /* EPERM */),
    )
    .unwrap();
    assert_eq!(fp, Fingerprint::of(&c.edited));
    assert_eq!(fs::read(&c.path).unwrap(), c.edited);
    assert_eq!(names_in(c.sb.dir.path()), ["o.json"]);
}

/// A file system without extended attributes, or one that refuses one: the save goes ahead.
#[test]
fn a_refused_attribute_copy_does_not_stop_the_save() {
    let c = case();
    let fp = store::save_with(
        &c.path,
        &c.edited,
        c.fingerprint,
        &mut fail_at(Step::CopyAttributes, 95 /* EOPNOTSUPP */),
    )
    .unwrap();
    assert_eq!(fp, Fingerprint::of(&c.edited));
    assert_eq!(fs::read(&c.path).unwrap(), c.edited);
    assert_eq!(names_in(c.sb.dir.path()), ["o.json"]);
}

/// Policy for hard links: the save replaces this name (atomically); the other names keep the
/// old text, and `hard_link_warning` says so for the caller to show.
#[test]
fn a_hard_linked_file_is_saved_and_the_divergence_is_told() {
    let c = case();
    let other = c.sb.dir.path().join("other-name.json");
    fs::hard_link(&c.path, &other).unwrap();
    let warning = store::hard_link_warning(&c.path).unwrap();
    assert_eq!(
        warning,
        format!(
            "{}: this file has 1 other hard link, which saving breaks: the file is replaced by a new one (an atomic rename cannot keep a link), and the other name keeps the old text",
            store::shown(&c.path)
        )
    );
    store::save(&c.path, &c.edited, c.fingerprint).unwrap();
    assert_eq!(fs::read(&c.path).unwrap(), c.edited);
    assert_eq!(fs::read_to_string(&other).unwrap(), c.original);
    assert_eq!(store::hard_link_warning(&c.path), None);
}
