//! The only code that touches the filesystem: reading a dataset, saving it atomically,
//! watching it for changes made by others, and the default file in the user's data folder.
//!
//! A save goes: resolve symlinks → check the file is a regular, writable file that still holds
//! what was read (content hash) → write a temporary file beside the real target → copy the
//! permissions (and owner, where allowed) → flush it → check the target once more → rename it
//! over the target → flush the folder. Any failure before the rename leaves the file exactly
//! as it was and removes the temporary file. [`save_with`] runs the same code with a fault
//! hook called at each [`Step`], so that tests can inject disk-full and other errors (and run
//! as root, where permission bits do not stop anything).

use std::cell::{Cell, RefCell};
use std::ffi::{OsStr, OsString};
use std::fmt;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime};

use crate::document::Document;
use crate::load::LoadError;
use crate::terminal_text;

/// The dataset shipped inside the binary.
pub const BUNDLED: &str = include_str!("../assets/outcomes.json");

/// What a file held when it was last read or written: compared before each save so that a
/// file changed by someone else is never overwritten blindly (same size, same time included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    len: u64,
    hash: u64,
}

impl Fingerprint {
    pub fn of(bytes: &[u8]) -> Self {
        Fingerprint {
            len: bytes.len() as u64,
            hash: xxhash_rust::xxh3::xxh3_64(bytes),
        }
    }
}

/// A path for messages: control characters in a file name never reach the terminal.
pub fn shown(path: &Path) -> String {
    terminal_text::line(&path.display().to_string()).into_owned()
}

#[derive(Debug)]
pub enum OpenError {
    Io {
        path: PathBuf,
        error: io::Error,
    },
    /// The path is a symbolic link whose target does not exist.
    BrokenLink {
        path: PathBuf,
    },
    NotAFile {
        path: PathBuf,
    },
    Invalid {
        path: PathBuf,
        error: LoadError,
    },
}

impl OpenError {
    pub fn path(&self) -> &Path {
        match self {
            OpenError::Io { path, .. }
            | OpenError::BrokenLink { path }
            | OpenError::NotAFile { path }
            | OpenError::Invalid { path, .. } => path,
        }
    }
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::Io { path, error } => {
                write!(f, "{}: cannot read: {}", shown(path), io_text(error))
            }
            OpenError::BrokenLink { path } => write!(
                f,
                "{}: cannot read: it is a symbolic link to a file that does not exist",
                shown(path)
            ),
            OpenError::NotAFile { path } => write!(f, "{}: not a regular file", shown(path)),
            OpenError::Invalid { path, error } => {
                let lines = error.lines(&shown(path));
                write!(
                    f,
                    "{}",
                    terminal_text::clean(&lines.join("\n"), terminal_text::Lines::Keep)
                )
            }
        }
    }
}

impl std::error::Error for OpenError {}

fn io_text(e: &io::Error) -> String {
    let os = terminal_text::line(&e.to_string()).into_owned();
    match reason(e) {
        // The OS text already says it ("No such file or directory"), or adds nothing to it.
        Some(r) if !os.to_lowercase().contains(r) => format!("{r}: {os}"),
        _ => os,
    }
}

/// Plain words for the failures a user can do something about.
fn reason(e: &io::Error) -> Option<&'static str> {
    use io::ErrorKind as K;
    Some(match e.kind() {
        K::StorageFull => "the disk is full",
        K::QuotaExceeded => "the disk quota is used up",
        K::ReadOnlyFilesystem => "the file system is read-only",
        K::PermissionDenied => "permission denied",
        K::CrossesDevices => "the temporary file is on another file system",
        _ if cfg!(unix) && e.raw_os_error() == Some(5) => {
            "an input/output error (the disk may be failing)"
        }
        _ => return None,
    })
}

/// The bytes of the file at `path` as they are now (through symlinks), with their
/// fingerprint: "theirs" for a merge after [`SaveError::ChangedOnDisk`]. Only regular files are
/// read (a FIFO or a device would block or never end).
pub fn reread(path: &Path) -> Result<(Vec<u8>, Fingerprint), OpenError> {
    let io_err = |error: io::Error| {
        let dangling = error.kind() == io::ErrorKind::NotFound
            && fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        if dangling {
            OpenError::BrokenLink {
                path: path.to_path_buf(),
            }
        } else {
            OpenError::Io {
                path: path.to_path_buf(),
                error,
            }
        }
    };
    let not_a_file = || OpenError::NotAFile {
        path: path.to_path_buf(),
    };
    if !fs::metadata(path).map_err(io_err)?.is_file() {
        return Err(not_a_file());
    }
    let mut file = File::open(path).map_err(io_err)?;
    // It could have been swapped between the check and the open: check what was opened.
    if !file.metadata().map_err(io_err)?.is_file() {
        return Err(not_a_file());
    }
    let mut bytes = Vec::new();
    io::Read::read_to_end(&mut file, &mut bytes).map_err(io_err)?;
    let fingerprint = Fingerprint::of(&bytes);
    Ok((bytes, fingerprint))
}

/// Reads and checks a dataset; the fingerprint is of the bytes read.
pub fn open(path: &Path) -> Result<(Document, Fingerprint), OpenError> {
    let (bytes, fingerprint) = reread(path)?;
    let doc = Document::from_bytes(bytes).map_err(|error| OpenError::Invalid {
        path: path.to_path_buf(),
        error,
    })?;
    Ok((doc, fingerprint))
}

/// The steps of a save, in order; a failure names the step it happened in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Step {
    /// Following symlinks to the real file.
    Resolve,
    /// Reading its metadata: is it a regular, writable file?
    Inspect,
    /// Re-reading it to compare with what was read or last written.
    Reread,
    CreateTemp,
    /// Giving the temporary file the owner and group of the file: where that is not allowed
    /// (not root, or a file system without owners) a failure is ignored.
    CopyOwner,
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
            Step::Reread => "re-reading the file",
            Step::CreateTemp => "creating a temporary file beside it",
            Step::CopyOwner => "copying its owner",
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

/// Replaces the file at `path` with `bytes`, atomically and durably, if it still holds what
/// `expected` describes (or already holds `bytes`). A symlink stays a symlink (its target is
/// replaced); the file's permissions and, where allowed, owner are kept. Returns the new
/// fingerprint.
pub fn save(path: &Path, bytes: &[u8], expected: Fingerprint) -> Result<Fingerprint, SaveError> {
    save_with(path, bytes, expected, &mut |_| Ok(()))
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
    let still_ours = |current: &[u8]| Fingerprint::of(current) == expected || current == bytes;
    let current = faults(Step::Reread)
        .and_then(|()| fs::read(&target))
        .map_err(|e| fail(Step::Reread, e))?;
    if !still_ours(&current) {
        return Err(SaveError::ChangedOnDisk {
            path: path.to_path_buf(),
        });
    }
    drop(current);
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
        let current = fs::read(&target).map_err(|e| fail(Step::Recheck, e))?;
        if still_ours(&current) {
            Ok(())
        } else {
            Err(SaveError::ChangedOnDisk {
                path: path.to_path_buf(),
            })
        }
    };
    write_atomically(&target, bytes, Mode::Replace(&meta), &mut recheck, faults).map_err(
        |(step, error)| match error {
            Failure::Io(error) => {
                let written = (step == Step::SyncDir).then(|| Fingerprint::of(bytes));
                SaveError::Io {
                    path: path.to_path_buf(),
                    step,
                    error,
                    written,
                }
            }
            Failure::Refused(e) => e,
        },
    )?;
    if let Some(dir) = target.parent() {
        remove_stale_temps(dir, target.file_name().unwrap_or_default());
    }
    Ok(Fingerprint::of(bytes))
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
    write_atomically(path, bytes, Mode::CreateNew, &mut || Ok(()), faults).map_err(
        |(step, error)| match error {
            Failure::Io(error) if step == Step::Rename => {
                if error.kind() == io::ErrorKind::AlreadyExists {
                    exists()
                } else {
                    SaveError::Io {
                        path: path.to_path_buf(),
                        step,
                        error,
                        written: None,
                    }
                }
            }
            Failure::Io(error) => SaveError::Io {
                path: path.to_path_buf(),
                step,
                error,
                written: (step == Step::SyncDir).then(|| Fingerprint::of(bytes)),
            },
            Failure::Refused(e) => e,
        },
    )?;
    Ok(Fingerprint::of(bytes))
}

/// A warning for a file with other hard links: a save replaces this name with a new file, so
/// the other names keep the old text. `None` for a file with one name (or one that cannot be
/// read). Policy: the save goes ahead (as most editors do); callers show this when opening.
pub fn hard_link_warning(path: &Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let links = fs::metadata(path).ok()?.nlink();
        (links > 1).then(|| {
            format!(
                "{}: this file has {} other hard link{}; a save replaces this name only, and the other names keep the old text",
                shown(path),
                links - 1,
                if links == 2 { "" } else { "s" }
            )
        })
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
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
/// A temporary file this old is a leftover of a save that was killed (a save takes far less).
pub const STALE_TEMP_AGE: Duration = Duration::from_secs(300);

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
/// process): however old they are. They are never read; [`save`] removes those older than
/// [`STALE_TEMP_AGE`] after it succeeds (younger ones may belong to a save under way).
pub fn stray_temp_files(path: &Path) -> Vec<PathBuf> {
    let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let (Some(dir), Some(name)) = (target.parent(), target.file_name()) else {
        return vec![];
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return vec![];
    };
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| is_temp_of(name, &e.file_name()))
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

fn remove_stale_temps(dir: &Path, name: &OsStr) {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if !is_temp_of(name, &entry.file_name()) {
            continue;
        }
        // `DirEntry::metadata` does not follow links: only plain files of ours are removed.
        let stale = entry.metadata().is_ok_and(|m| {
            m.is_file()
                && m.modified()
                    .ok()
                    .and_then(|t| SystemTime::now().duration_since(t).ok())
                    .is_some_and(|age| age >= STALE_TEMP_AGE)
        });
        if stale {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Temporary file in the same folder, flushed, renamed over `target`, folder flushed.
fn write_atomically(
    target: &Path,
    bytes: &[u8],
    mode: Mode,
    recheck: &mut dyn FnMut() -> Result<(), SaveError>,
    faults: &mut dyn FnMut(Step) -> io::Result<()>,
) -> Result<(), (Step, Failure)> {
    let at = |step: Step| move |e: io::Error| (step, Failure::Io(e));
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
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
    let permissions = match mode {
        Mode::Replace(meta) => Some(meta.permissions()),
        Mode::CreateNew => new_file_permissions(),
    };
    if let Some(p) = permissions {
        faults(Step::CopyPermissions)
            .and_then(|()| tmp.as_file().set_permissions(p))
            .map_err(at(Step::CopyPermissions))?;
    }
    let half = bytes.len() / 2;
    tmp.write_all(&bytes[..half])
        .and_then(|()| faults(Step::Write))
        .and_then(|()| tmp.write_all(&bytes[half..]))
        .map_err(at(Step::Write))?;
    faults(Step::SyncFile)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(at(Step::SyncFile))?;
    faults(Step::Recheck).map_err(at(Step::Recheck))?;
    recheck().map_err(|e| (Step::Recheck, Failure::Refused(e)))?;
    faults(Step::Rename).map_err(at(Step::Rename))?;
    match mode {
        Mode::Replace(_) => tmp.persist(target).map(drop),
        Mode::CreateNew => tmp.persist_noclobber(target).map(drop),
    }
    .map_err(|e| (Step::Rename, Failure::Io(e.error)))?;
    faults(Step::SyncDir)
        .and_then(|()| sync_dir(dir))
        .map_err(at(Step::SyncDir))?;
    Ok(())
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

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// How often the fallback watcher looks at the file.
pub const POLL_INTERVAL: Duration = Duration::from_millis(500);

/// Tells whether anything happened to a file since the last look: written in place, replaced
/// by a rename (as editors and our own saves do), deleted, re-created. It watches the file's
/// folder (and the folder of a symlink's target) with the system's notifications, and falls
/// back to looking at the file's size, times and inode every [`POLL_INTERVAL`] when those are
/// not available.
///
/// Our own saves are reported too: compare the fingerprint of [`reread`] with the one of the
/// last read or save to tell them apart. In an event loop, wait for terminal input with a
/// timeout (`crossterm::event::poll(Duration::from_millis(250))`) and call [`Watcher::changed`]
/// on every turn; it never blocks.
pub struct Watcher {
    path: PathBuf,
    /// File names that concern us: the path's own, and its link target's.
    names: Vec<OsString>,
    /// The watched folders.
    dirs: Vec<PathBuf>,
    native: RefCell<Option<Native>>,
    last_poll: Cell<Option<Instant>>,
    stamp: RefCell<Option<Stamp>>,
}

struct Native {
    _watcher: notify::RecommendedWatcher,
    events: mpsc::Receiver<notify::Result<notify::Event>>,
}

/// What the polling fallback compares.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    identity: (u64, u64, i64, i64),
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let m = fs::metadata(path).ok()?;
        #[cfg(unix)]
        let identity = {
            use std::os::unix::fs::MetadataExt;
            (m.dev(), m.ino(), m.ctime(), m.ctime_nsec())
        };
        #[cfg(not(unix))]
        let identity = (0, 0, 0, 0);
        Some(Stamp {
            len: m.len(),
            modified: m.modified().ok(),
            identity,
        })
    }
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

impl Watcher {
    /// Starts watching `path` (which may not exist yet). Never fails: without system
    /// notifications it polls.
    pub fn new(path: &Path) -> Watcher {
        let mut w = Self::polling(path);
        w.native = RefCell::new(w.start_native());
        w
    }

    /// A watcher that only polls (what [`Watcher::new`] falls back to).
    #[doc(hidden)]
    pub fn polling(path: &Path) -> Watcher {
        let mut names = vec![];
        let mut dirs = vec![];
        let resolved = fs::canonicalize(path).ok();
        for p in std::iter::once(path).chain(resolved.as_deref()) {
            if let Some(n) = p.file_name()
                && !names.iter().any(|x: &OsString| x == n)
            {
                names.push(n.to_os_string());
            }
            let d = folder_of(p);
            if !dirs.contains(&d) {
                dirs.push(d);
            }
        }
        Watcher {
            path: path.to_path_buf(),
            names,
            dirs,
            native: RefCell::new(None),
            last_poll: Cell::new(Some(Instant::now())),
            stamp: RefCell::new(Stamp::of(path)),
        }
    }

    fn start_native(&self) -> Option<Native> {
        use notify::Watcher as _;
        let (tx, rx) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(tx).ok()?;
        for d in &self.dirs {
            watcher.watch(d, notify::RecursiveMode::NonRecursive).ok()?;
        }
        Some(Native {
            _watcher: watcher,
            events: rx,
        })
    }

    /// Whether it uses polling rather than system notifications.
    pub fn is_polling(&self) -> bool {
        self.native.borrow().is_none()
    }

    /// True if anything happened to the file since the last call (or since the watcher was
    /// made). Never blocks.
    pub fn changed(&self) -> bool {
        let mut native = self.native.borrow_mut();
        if let Some(n) = native.as_ref() {
            let (hit, lost) = self.drain(n);
            if !lost {
                return hit;
            }
            // The folder itself went away, or the watcher stopped: poll from now on.
            *native = None;
            self.last_poll.set(None);
            let _ = self.poll();
            return true;
        }
        drop(native);
        self.poll()
    }

    /// Reads every waiting event: (one concerned the file, the watch is lost).
    fn drain(&self, n: &Native) -> (bool, bool) {
        use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind};
        let mut hit = false;
        loop {
            match n.events.try_recv() {
                Ok(Ok(event)) => {
                    // Reading the file (ours included) is not a change.
                    if matches!(event.kind, EventKind::Access(a) if a != AccessKind::Close(AccessMode::Write))
                    {
                        continue;
                    }
                    if event.need_rescan() || event.paths.is_empty() {
                        hit = true;
                        continue;
                    }
                    for p in &event.paths {
                        if self.dirs.iter().any(|d| d == p)
                            && matches!(
                                event.kind,
                                EventKind::Remove(_) | EventKind::Modify(ModifyKind::Name(_))
                            )
                        {
                            return (true, true);
                        }
                        if p.file_name()
                            .is_some_and(|f| self.names.iter().any(|n| n == f))
                        {
                            hit = true;
                        }
                    }
                }
                // An error from the backend (such as a lost event queue): assume a change.
                Ok(Err(_)) => hit = true,
                Err(mpsc::TryRecvError::Empty) => return (hit, false),
                Err(mpsc::TryRecvError::Disconnected) => return (true, true),
            }
        }
    }

    fn poll(&self) -> bool {
        let due = self
            .last_poll
            .get()
            .is_none_or(|t| t.elapsed() >= POLL_INTERVAL);
        if !due {
            return false;
        }
        self.last_poll.set(Some(Instant::now()));
        let now = Stamp::of(&self.path);
        let before = self.stamp.replace(now.clone());
        before != now
    }
}

/// Where `councilor` keeps its file when none is named: `$XDG_DATA_HOME/councilor/outcomes.json`
/// on Linux, the platform's data folder elsewhere.
/// Where the user's settings live: `$XDG_CONFIG_HOME/councilor/config.toml`.
pub fn config_path() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("councilor").join("config.toml"))
}

/// The settings file's text, or `None` when there is none.
pub fn read_config(path: &Path) -> Result<Option<String>, String> {
    match fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("{}: cannot be read: {e}", shown(path))),
    }
}

pub fn default_path() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("councilor").join("outcomes.json"))
}

/// The default file, created from the bundled dataset the first time. The flag says whether
/// it was created now.
pub fn ensure_default() -> Result<(PathBuf, bool), String> {
    let path = default_path().ok_or(
        "no data folder is known for this user (set XDG_DATA_HOME or HOME), so name a FILE",
    )?;
    if path.exists() {
        return Ok((path, false));
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)
        .map_err(|e| format!("{}: cannot create the folder: {}", shown(dir), io_text(&e)))?;
    match save_as(&path, BUNDLED.as_bytes()) {
        // Another process created it at the same moment: use theirs.
        Ok(_) | Err(SaveError::AlreadyExists { .. }) => Ok((path, true)),
        Err(SaveError::Io { step, error, .. }) => Err(format!(
            "{}: cannot create ({step}: {})",
            shown(&path),
            io_text(&error)
        )),
        Err(e) => Err(e.to_string()),
    }
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
        ] {
            assert!(!is_temp_of(name, OsStr::new(other)), "{other}");
        }
    }

    #[test]
    fn the_reason_is_named_once() {
        let full = io::Error::from_raw_os_error(28);
        let text = io_text(&full);
        assert!(text.starts_with("the disk is full: "), "{text}");
        let denied = io::Error::from_raw_os_error(13);
        assert_eq!(io_text(&denied).matches("ermission denied").count(), 1);
    }
}
