//! Saving: atomically (a temporary file beside the target, flushed, renamed over it, the folder
//! flushed), one writer at a time (a lock held from the last read to the rename), merging into
//! a file that someone else saved meanwhile instead of overwriting it.

use std::ffi::{OsStr, OsString};
use std::fmt;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::lock::{LOCK_WAIT, Lock, LockError};
use super::plain::NotPlain;
use super::{Busy, Fingerprint, Stamp, io_text, shown};

/// The steps of a save, in order; a failure names the step it happened in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Step {
    /// Following symlinks to the real file.
    Resolve,
    /// Reading its metadata: is it a regular, writable file?
    Inspect,
    /// Taking the lock beside the file (waiting for another writer to finish its save).
    Lock,
    /// Re-reading it to compare with what was read or last written.
    Reread,
    CreateTemp,
    /// Giving the temporary file the owner and group of the file: where that is not allowed
    /// (not root, or a file system without owners) a failure is ignored.
    CopyOwner,
    /// Giving the temporary file the extended attributes of the file (on Linux and macOS;
    /// POSIX ACLs are one on Linux): one that cannot be set (a file system without them, a
    /// `security.` attribute that only root may set) is left out, as the owner is.
    CopyAttributes,
    CopyPermissions,
    /// Writing the new text into the temporary file (an injected fault strikes halfway).
    Write,
    /// `fsync` of the temporary file.
    SyncFile,
    /// Checking once more, just before the rename, that nobody changed the file meanwhile.
    Recheck,
    /// Renaming the temporary file over the target: from here on the new text is in place.
    Rename,
    /// `fsync` of the folder, so that the rename itself survives a power cut.
    SyncDir,
}

impl Step {
    fn describe(self) -> &'static str {
        match self {
            Step::Resolve => "finding the file",
            Step::Inspect => "reading its metadata",
            Step::Lock => "taking the lock beside it",
            Step::Reread => "re-reading the file",
            Step::CreateTemp => "creating a temporary file beside it",
            Step::CopyOwner => "copying its owner",
            Step::CopyAttributes => "copying its extended attributes",
            Step::CopyPermissions => "copying its permissions",
            Step::Write => "writing",
            Step::SyncFile => "flushing to disk",
            Step::Recheck => "checking the file again",
            Step::Rename => "replacing the file",
            Step::SyncDir => "flushing the folder",
        }
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

#[derive(Debug)]
pub enum SaveError {
    /// The file on disk is no longer what was read: someone else changed it. Nothing was
    /// written; [`reread`] gives what is there now.
    ChangedOnDisk { path: PathBuf },
    /// The file has no write permission (mode bits, checked even for root). Nothing was written.
    ReadOnly { path: PathBuf },
    /// The file, its folder or its link's target is gone (deleted or moved away). Nothing was
    /// written; [`save_as`] can write the text back.
    Missing { path: PathBuf },
    /// A folder, FIFO or device stands where the file was. Nothing was written.
    NotAFile { path: PathBuf },
    /// [`save_as`] found something already at the path. Nothing was written.
    AlreadyExists { path: PathBuf },
    /// Another writer held the lock for the whole wait ([`LOCK_WAIT`]); `holder` is who it
    /// says it is. Nothing was written.
    Busy {
        path: PathBuf,
        holder: Option<String>,
    },
    /// Something other than a plain file stands at the lock's path (`lock`): a link (to the
    /// dataset itself, say), a folder or a device. It was left untouched, and so was the file.
    LockRefused {
        path: PathBuf,
        lock: PathBuf,
        what: NotPlain,
    },
    /// An error from the system at `step`. Before [`Step::Rename`] the file was left as it was
    /// and the temporary file removed; at [`Step::SyncDir`] the new text is in place but may not
    /// survive a power cut (see [`SaveError::on_disk`]).
    Io {
        path: PathBuf,
        step: Step,
        error: io::Error,
        written: Option<Fingerprint>,
    },
}

impl SaveError {
    pub fn path(&self) -> &Path {
        match self {
            SaveError::ChangedOnDisk { path }
            | SaveError::ReadOnly { path }
            | SaveError::Missing { path }
            | SaveError::NotAFile { path }
            | SaveError::AlreadyExists { path }
            | SaveError::Busy { path, .. }
            | SaveError::LockRefused { path, .. }
            | SaveError::Io { path, .. } => path,
        }
    }

    /// The fingerprint of what is on disk now when the new text did replace the file although
    /// the save reported an error (only the folder flush failed): the caller should take it as
    /// the file's fingerprint, or its next save would be refused as changed on disk.
    pub fn on_disk(&self) -> Option<Fingerprint> {
        match self {
            SaveError::Io { written, .. } => *written,
            _ => None,
        }
    }
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = shown(self.path());
        match self {
            SaveError::ChangedOnDisk { .. } => write!(
                f,
                "{p}: not saved: the file changed on disk since it was read; it was left as it is"
            ),
            SaveError::ReadOnly { .. } => write!(
                f,
                "{p}: not saved: the file is read-only; it was left as it is"
            ),
            SaveError::Missing { .. } => write!(
                f,
                "{p}: not saved: the file is no longer there (deleted, or it or its folder was moved away); nothing was written"
            ),
            SaveError::NotAFile { .. } => write!(
                f,
                "{p}: not saved: not a regular file any more (a folder or a device stands there); nothing was written"
            ),
            SaveError::AlreadyExists { .. } => write!(
                f,
                "{p}: not saved: something already exists there; nothing was written"
            ),
            SaveError::Busy { holder, .. } => write!(
                f,
                "{p}: not saved: another writer ({}) kept it locked for {} s; it was left as it is",
                holder.as_deref().unwrap_or("it did not say who"),
                LOCK_WAIT.as_secs()
            ),
            SaveError::LockRefused { lock, what, .. } => write!(
                f,
                "{p}: not saved: the lock beside it, {}, is {what}; both were left untouched: remove it, then save again",
                shown(lock)
            ),
            SaveError::Io {
                step: Step::SyncDir,
                error,
                ..
            } => write!(
                f,
                "{p}: written, but the folder could not be flushed to disk ({}); the new version may not survive a power cut: save again",
                io_text(error)
            ),
            SaveError::Io { step, error, .. } => write!(
                f,
                "{p}: not saved ({step}: {}); the file was left as it is",
                io_text(error)
            ),
        }
    }
}

impl std::error::Error for SaveError {}

/// Given what the file holds now (someone else saved it since it was read), the text to write
/// instead: this writer's edits merged into it, field by field. `None` when they cannot be
/// merged (a field changed to another value on both sides): then nothing is written.
pub type Rebase<'a> = dyn FnMut(&[u8]) -> Option<Vec<u8>> + 'a;

/// A save that went through.
#[derive(Debug)]
pub struct Saved {
    pub fingerprint: Fingerprint,
    /// The file's metadata right after the rename, taken under the lock: while it is the
    /// same, the file is what was written.
    pub stamp: Option<Stamp>,
    /// What was written, when it is not the text given: the edits merged into the file that
    /// someone else had changed. The caller takes it as its document.
    pub merged: Option<Vec<u8>>,
}

/// Replaces the file at `path` with `bytes`, atomically and durably, if it still holds what
/// `expected` describes (or already holds `bytes`). A symlink stays a symlink (its target is
/// replaced); the file's permissions and, where allowed, owner are kept. Returns the new
/// fingerprint.
pub fn save(path: &Path, bytes: &[u8], expected: Fingerprint) -> Result<Fingerprint, SaveError> {
    save_with(path, bytes, expected, &mut |_| Ok(()))
}

/// A text to write in pieces, written one after another: an edited document is not put
/// together into one copy for a save.
pub type Pieces<'a> = &'a [&'a [u8]];

fn total_len(pieces: Pieces) -> usize {
    pieces.iter().map(|p| p.len()).sum()
}

/// True when `bytes` is the pieces' concatenation.
fn holds(bytes: &[u8], pieces: Pieces) -> bool {
    let mut rest = bytes;
    bytes.len() == total_len(pieces)
        && pieces.iter().all(|p| {
            let (head, tail) = rest.split_at(p.len());
            rest = tail;
            head == *p
        })
}

/// [`save`] that merges instead of refusing: if someone else saved the file since it was read,
/// `rebase` turns what is there now into the text to write. The lock is held from that read to
/// the rename, so no other writer's save can fall in between.
pub fn save_merging(
    path: &Path,
    pieces: Pieces,
    expected: Fingerprint,
    rebase: &mut Rebase,
) -> Result<Saved, SaveError> {
    save_inner(path, pieces, expected, Some(rebase), &mut |_| Ok(()))
}

/// [`save`] with a hook called at the start of every [`Step`]; an `Err` from the hook fails that
/// step as the system would. For fault-injection tests.
#[doc(hidden)]
pub fn save_with(
    path: &Path,
    bytes: &[u8],
    expected: Fingerprint,
    faults: &mut dyn FnMut(Step) -> io::Result<()>,
) -> Result<Fingerprint, SaveError> {
    save_inner(path, &[bytes], expected, None, faults).map(|s| s.fingerprint)
}

fn save_inner(
    path: &Path,
    pieces: Pieces,
    expected: Fingerprint,
    rebase: Option<&mut Rebase>,
    faults: &mut dyn FnMut(Step) -> io::Result<()>,
) -> Result<Saved, SaveError> {
    let fail = |step: Step, error: io::Error| {
        let path = path.to_path_buf();
        match error.kind() {
            io::ErrorKind::NotFound if step < Step::CreateTemp || step == Step::Recheck => {
                SaveError::Missing { path }
            }
            _ => SaveError::Io {
                path,
                step,
                error,
                written: None,
            },
        }
    };
    let changed = || SaveError::ChangedOnDisk {
        path: path.to_path_buf(),
    };
    let target = faults(Step::Resolve)
        .and_then(|()| fs::canonicalize(path))
        .map_err(|e| fail(Step::Resolve, e))?;
    let meta = faults(Step::Inspect)
        .and_then(|()| fs::metadata(&target))
        .map_err(|e| fail(Step::Inspect, e))?;
    if !meta.is_file() {
        return Err(SaveError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    // Root could replace it anyway (only the folder's permissions count for a rename):
    // a file its owner made read-only is not replaced behind their back.
    if meta.permissions().readonly() {
        return Err(SaveError::ReadOnly {
            path: path.to_path_buf(),
        });
    }
    let lock = take_lock(path, &target, faults, &fail)?;
    // The state the file must still be in at the rename: as read just now (under the lock, only
    // a program that does not take it can change it meanwhile). Only hashed as it is read;
    // kept whole only when someone else changed it.
    let mut read_now = faults(Step::Reread)
        .and_then(|()| fingerprint_file(&target))
        .map_err(|e| fail(Step::Reread, e))?;
    let mut merged = None;
    if read_now != expected {
        let current = read(&target).map_err(|e| fail(Step::Reread, e))?;
        read_now = Fingerprint::of(&current);
        if read_now != expected && !holds(&current, pieces) {
            let rebased = rebase.and_then(|r| r(&current)).ok_or_else(changed)?;
            merged = Some(rebased);
        }
    }
    let merged_pieces: [&[u8]; 1];
    let pieces = match &merged {
        Some(m) => {
            merged_pieces = [m.as_slice()];
            &merged_pieces[..]
        }
        None => pieces,
    };
    let still_ours = |now: &[u8]| Fingerprint::of(now) == read_now || holds(now, pieces);
    // Just before the rename: if the file's identity moved since it was read, read it again.
    let mut recheck = || -> Result<(), SaveError> {
        let now = fs::metadata(&target).map_err(|e| fail(Step::Recheck, e))?;
        if same_identity(&meta, &now) {
            return Ok(());
        }
        if !now.is_file() {
            return Err(SaveError::NotAFile {
                path: path.to_path_buf(),
            });
        }
        let current = read(&target).map_err(|e| fail(Step::Recheck, e))?;
        if still_ours(&current) {
            Ok(())
        } else {
            Err(changed())
        }
    };
    write_atomically(&target, pieces, Mode::Replace(&meta), &mut recheck, faults)
        .map_err(|e| write_error(path, pieces, e))?;
    let stamp = Stamp::of(&target);
    drop(lock);
    Ok(Saved {
        fingerprint: Fingerprint::of_pieces(pieces.iter().copied()),
        stamp,
        merged,
    })
}

/// A failure of [`write_atomically`] as the caller's error; at the folder flush the new text
/// is already in place, and the error carries its fingerprint.
fn write_error(path: &Path, pieces: Pieces, (step, failure): (Step, Failure)) -> SaveError {
    match failure {
        Failure::Io(error) => SaveError::Io {
            path: path.to_path_buf(),
            step,
            error,
            written: (step == Step::SyncDir)
                .then(|| Fingerprint::of_pieces(pieces.iter().copied())),
        },
        Failure::Refused(e) => e,
    }
}

/// Takes the lock of `target` for a save of `path`, then removes what killed saves left: while
/// the lock is held nobody else writes a temporary file, so every one of ours is a leftover.
fn take_lock(
    path: &Path,
    target: &Path,
    faults: &mut dyn FnMut(Step) -> io::Result<()>,
    fail: &dyn Fn(Step, io::Error) -> SaveError,
) -> Result<Lock, SaveError> {
    faults(Step::Lock).map_err(|e| fail(Step::Lock, e))?;
    let lock = Lock::acquire(target, LOCK_WAIT).map_err(|e| match e {
        LockError::Busy { holder } => SaveError::Busy {
            path: path.to_path_buf(),
            holder,
        },
        LockError::Refused(what) => SaveError::LockRefused {
            path: path.to_path_buf(),
            lock: super::lock_path(target),
            what,
        },
        LockError::Io(e) => fail(Step::Lock, e),
    })?;
    remove_leftover_temps(target);
    Ok(lock)
}

/// Writes `bytes` as a new file at `path` (atomically: a temporary file beside it, flushed,
/// then linked into place without replacing anything), refusing if anything is already there.
/// For writing the edits back after the file was deleted, or to another path. The new file's
/// permissions are `rw-r--r--`.
pub fn save_as(path: &Path, bytes: &[u8]) -> Result<Fingerprint, SaveError> {
    save_as_with(path, bytes, &mut |_| Ok(()))
}

/// [`save_as`] with a fault hook, as [`save_with`].
#[doc(hidden)]
pub fn save_as_with(
    path: &Path,
    bytes: &[u8],
    faults: &mut dyn FnMut(Step) -> io::Result<()>,
) -> Result<Fingerprint, SaveError> {
    let exists = || SaveError::AlreadyExists {
        path: path.to_path_buf(),
    };
    if fs::symlink_metadata(path).is_ok() {
        return Err(exists());
    }
    let fail = |step: Step, error: io::Error| SaveError::Io {
        path: path.to_path_buf(),
        step,
        error,
        written: None,
    };
    let lock = take_lock(path, path, faults, &fail)?;
    write_atomically(path, &[bytes], Mode::CreateNew, &mut || Ok(()), faults).map_err(
        |(step, error)| match error {
            Failure::Io(e) if step == Step::Rename && e.kind() == io::ErrorKind::AlreadyExists => {
                exists()
            }
            error => write_error(path, &[bytes], (step, error)),
        },
    )?;
    drop(lock);
    Ok(Fingerprint::of(bytes))
}

/// Writes `bytes` at `path` whatever is there now (a generated file with `--force`): a new
/// file as [`save_as`] does, or an existing one replaced atomically under the lock, keeping its
/// permissions. Only a regular file is replaced.
pub fn overwrite(path: &Path, bytes: &[u8]) -> Result<Fingerprint, SaveError> {
    let meta = match fs::metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return save_as(path, bytes),
        other => other,
    };
    let fail = |step: Step, error: io::Error| SaveError::Io {
        path: path.to_path_buf(),
        step,
        error,
        written: None,
    };
    let meta = meta.map_err(|e| fail(Step::Inspect, e))?;
    if !meta.is_file() {
        return Err(SaveError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    let target = fs::canonicalize(path).map_err(|e| fail(Step::Resolve, e))?;
    let no_faults = &mut |_| Ok(());
    let lock = take_lock(path, &target, no_faults, &fail)?;
    write_atomically(
        &target,
        &[bytes],
        Mode::Replace(&meta),
        &mut || Ok(()),
        no_faults,
    )
    .map_err(|e| write_error(path, &[bytes], e))?;
    drop(lock);
    Ok(Fingerprint::of(bytes))
}

/// A warning for a file with other hard links: a save replaces this name with a new file, so
/// the other names keep the old text. `None` for a file with one name (or one that cannot be
/// read). Policy: the save goes ahead (as most editors do; a rename is what makes it atomic)
/// and there is no option to write in place: the commands say this on stderr before they
/// write, the terminal UI when it opens the file.
pub fn hard_link_warning(path: &Path) -> Option<String> {
    let others = super::plain::names(path).ok()?.saturating_sub(1);
    let (n, names) = match others {
        0 => return None,
        1 => ("1 other hard link".to_string(), "the other name keeps"),
        n => (format!("{n} other hard links"), "the other names keep"),
    };
    Some(format!(
        "{}: this file has {n}, which saving breaks: the file is replaced by a new one (an atomic rename cannot keep a link), and {names} the old text",
        shown(path),
    ))
}

/// Whether two looks at a file saw the same file in the same state (inode, size, times).
fn same_identity(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if (a.dev(), a.ino(), a.ctime(), a.ctime_nsec())
            != (b.dev(), b.ino(), b.ctime(), b.ctime_nsec())
        {
            return false;
        }
    }
    a.len() == b.len() && a.modified().ok() == b.modified().ok()
}

enum Mode<'a> {
    /// Replace an existing file, keeping its permissions and owner.
    Replace(&'a fs::Metadata),
    /// Create a file that must not exist yet.
    CreateNew,
}

enum Failure {
    Io(io::Error),
    Refused(SaveError),
}

/// Temporary files end with this, after `.NAME.` and six random letters or digits.
const TEMP_SUFFIX: &str = ".councilor.tmp";
const TEMP_RANDOM: usize = 6;
fn temp_prefix(name: &OsStr) -> OsString {
    let mut prefix = OsString::from(".");
    prefix.push(name);
    prefix.push(".");
    prefix
}

/// Whether `candidate` is the name of one of our temporary files for the file named `name`.
fn is_temp_of(name: &OsStr, candidate: &OsStr) -> bool {
    let prefix = temp_prefix(name);
    let (p, c) = (prefix.as_encoded_bytes(), candidate.as_encoded_bytes());
    c.len() == p.len() + TEMP_RANDOM + TEMP_SUFFIX.len()
        && c.starts_with(p)
        && c.ends_with(TEMP_SUFFIX.as_bytes())
        && c[p.len()..p.len() + TEMP_RANDOM]
            .iter()
            .all(u8::is_ascii_alphanumeric)
}

/// Temporary files beside the real file at `path` left by saves that never finished (a killed
/// process). They are never read; the next save removes them once it holds the lock.
pub fn stray_temp_files(path: &Path) -> Vec<PathBuf> {
    let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut found: Vec<PathBuf> = temps_of(&target).collect();
    found.sort();
    found
}

/// Our temporary files for the file at `target` (plain files only: `DirEntry::metadata` does
/// not follow links).
fn temps_of(target: &Path) -> impl Iterator<Item = PathBuf> {
    let name = target.file_name().unwrap_or_default().to_os_string();
    let dir = folder(target).to_path_buf();
    fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(move |e| {
            is_temp_of(&name, &e.file_name()) && e.metadata().is_ok_and(|m| m.is_file())
        })
        .map(|e| e.path())
}

fn remove_leftover_temps(target: &Path) {
    for temp in temps_of(target) {
        let _ = fs::remove_file(temp);
    }
}

/// The folder a file is in ("." for a bare name).
fn folder(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Temporary file in the same folder, flushed, renamed over `target`, folder flushed.
fn write_atomically(
    target: &Path,
    pieces: Pieces,
    mode: Mode,
    recheck: &mut dyn FnMut() -> Result<(), SaveError>,
    faults: &mut dyn FnMut(Step) -> io::Result<()>,
) -> Result<(), (Step, Failure)> {
    let at = |step: Step| move |e: io::Error| (step, Failure::Io(e));
    let dir = folder(target);
    let name = target.file_name().unwrap_or_default();
    let mut tmp = faults(Step::CreateTemp)
        .and_then(|()| {
            tempfile::Builder::new()
                .prefix(&temp_prefix(name))
                .rand_bytes(TEMP_RANDOM)
                .suffix(TEMP_SUFFIX)
                .tempfile_in(dir)
        })
        .map_err(at(Step::CreateTemp))?;
    // From here on, an early return drops `tmp`, which removes the temporary file.
    // The owner first: changing it may clear set-id bits, which the permissions then restore.
    if let Mode::Replace(meta) = mode
        && faults(Step::CopyOwner).is_ok()
    {
        keep_owner(tmp.as_file(), meta);
    }
    // Before the permissions: an ACL sets the group bits, which the permissions then restore.
    if let Mode::Replace(_) = mode
        && faults(Step::CopyAttributes).is_ok()
    {
        keep_attributes(target, tmp.as_file());
    }
    let permissions = match mode {
        Mode::Replace(meta) => Some(meta.permissions()),
        Mode::CreateNew => new_file_permissions(),
    };
    if let Some(p) = permissions {
        faults(Step::CopyPermissions)
            .and_then(|()| tmp.as_file().set_permissions(p))
            .map_err(at(Step::CopyPermissions))?;
    }
    // Half, then a chance for a fault, then the rest.
    let half = total_len(pieces) / 2;
    write_part(tmp.as_file_mut(), pieces, 0..half)
        .and_then(|()| faults(Step::Write))
        .and_then(|()| write_part(tmp.as_file_mut(), pieces, half..usize::MAX))
        .map_err(at(Step::Write))?;
    faults(Step::SyncFile)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(at(Step::SyncFile))?;
    faults(Step::Recheck).map_err(at(Step::Recheck))?;
    recheck().map_err(|e| (Step::Recheck, Failure::Refused(e)))?;
    faults(Step::Rename).map_err(at(Step::Rename))?;
    let mut busy = Busy::new();
    loop {
        let renamed = match mode {
            Mode::Replace(_) => tmp.persist(target),
            Mode::CreateNew => tmp.persist_noclobber(target),
        };
        match renamed {
            Ok(_) => break,
            // Given back on failure: the same temporary file is renamed again.
            Err(e) if busy.again(&e.error) => tmp = e.file,
            Err(e) => return Err((Step::Rename, Failure::Io(e.error))),
        }
    }
    faults(Step::SyncDir)
        .and_then(|()| sync_dir(dir))
        .map_err(at(Step::SyncDir))?;
    Ok(())
}

/// Writes the bytes `range` of the pieces' concatenation.
fn write_part(out: &mut fs::File, pieces: Pieces, range: std::ops::Range<usize>) -> io::Result<()> {
    let mut at = 0;
    for p in pieces {
        let (start, end) = (range.start.max(at), range.end.min(at + p.len()));
        if start < end {
            out.write_all(&p[start - at..end - at])?;
        }
        at += p.len();
    }
    Ok(())
}

/// The fingerprint of the file's bytes, read a block at a time (not kept), tried again while
/// another program holds it (see [`Busy`]).
fn fingerprint_file(path: &Path) -> io::Result<Fingerprint> {
    let mut busy = Busy::new();
    loop {
        let hashed = fs::File::open(path).and_then(|mut file| {
            let mut hash = xxhash_rust::xxh3::Xxh3::new();
            let mut buf = vec![0u8; 1 << 20];
            let mut len = 0u64;
            loop {
                match io::Read::read(&mut file, &mut buf) {
                    Ok(0) => break,
                    Ok(n) => {
                        hash.update(&buf[..n]);
                        len += n as u64;
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
            Ok(Fingerprint::from_parts(len, hash.digest()))
        });
        match hashed {
            Err(e) if busy.again(&e) => {}
            other => return other,
        }
    }
}

/// The file's bytes, tried again while another program holds it (see [`Busy`]).
fn read(path: &Path) -> io::Result<Vec<u8>> {
    let mut busy = Busy::new();
    loop {
        match fs::read(path) {
            Err(e) if busy.again(&e) => {}
            other => return other,
        }
    }
}

#[cfg(unix)]
fn new_file_permissions() -> Option<fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn new_file_permissions() -> Option<fs::Permissions> {
    None
}

#[cfg(unix)]
fn keep_owner(file: &File, meta: &fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    // Only root or the owner can do this; a refusal (or a filesystem without owners) is fine.
    let _ = std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid()));
}

#[cfg(not(unix))]
fn keep_owner(_file: &File, _meta: &fs::Metadata) {}

/// Copies the extended attributes of the file at `from` (the resolved target) to `to`, each
/// one that can be read and set.
#[cfg(unix)]
fn keep_attributes(from: &Path, to: &File) {
    use xattr::FileExt;
    // A file system without them (or a system the crate does not know) lists none.
    let Ok(names) = xattr::list(from) else {
        return;
    };
    for name in names {
        if let Ok(Some(value)) = xattr::get(from, &name) {
            let _ = to.set_xattr(&name, &value);
        }
    }
}

#[cfg(not(unix))]
fn keep_attributes(_from: &Path, _to: &File) {}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_are_recognised_exactly() {
        let name = OsStr::new("o.json");
        assert!(is_temp_of(name, OsStr::new(".o.json.aB3xYz.councilor.tmp")));
        for other in [
            "o.json",
            ".o.json.aB3xY.councilor.tmp",
            ".o.json.aB3x-z.councilor.tmp",
            ".p.json.aB3xYz.councilor.tmp",
            ".o.json.aB3xYz.tmp",
            ".o.json.aB3xYz.councilor.tmp~",
            ".o.json.councilor.lock",
        ] {
            assert!(!is_temp_of(name, OsStr::new(other)), "{other}");
        }
    }
}
