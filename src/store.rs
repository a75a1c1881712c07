//! The only code that touches the filesystem: reading a dataset, saving it atomically,
//! and the default file in the user's data folder.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

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
    Io { path: PathBuf, error: io::Error },
    NotAFile { path: PathBuf },
    Invalid { path: PathBuf, error: LoadError },
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::Io { path, error } => {
                write!(f, "{}: cannot read: {}", shown(path), io_text(error))
            }
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

fn io_text(e: &io::Error) -> String {
    terminal_text::line(&e.to_string()).into_owned()
}

/// Reads and checks a dataset; the fingerprint is of the bytes read.
pub fn open(path: &Path) -> Result<(Document, Fingerprint), OpenError> {
    let io_err = |error| OpenError::Io {
        path: path.to_path_buf(),
        error,
    };
    // A FIFO or device would block or never end: only regular files (through links) are read.
    let meta = fs::metadata(path).map_err(io_err)?;
    if !meta.is_file() {
        return Err(OpenError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    let bytes = fs::read(path).map_err(io_err)?;
    let fingerprint = Fingerprint::of(&bytes);
    let doc = Document::from_bytes(bytes).map_err(|error| OpenError::Invalid {
        path: path.to_path_buf(),
        error,
    })?;
    Ok((doc, fingerprint))
}

#[derive(Debug)]
pub enum SaveError {
    /// The file on disk is no longer what was read: someone else changed it.
    ChangedOnDisk {
        path: PathBuf,
    },
    ReadOnly {
        path: PathBuf,
    },
    Io {
        path: PathBuf,
        step: &'static str,
        error: io::Error,
    },
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SaveError::ChangedOnDisk { path } => write!(
                f,
                "{}: not saved: the file changed on disk since it was read; it was left as it is",
                shown(path)
            ),
            SaveError::ReadOnly { path } => write!(
                f,
                "{}: not saved: the file is read-only; it was left as it is",
                shown(path)
            ),
            SaveError::Io { path, step, error } => write!(
                f,
                "{}: not saved ({step}: {}); the file was left as it is",
                shown(path),
                io_text(error)
            ),
        }
    }
}

/// Replaces the file at `path` with `bytes`, atomically and durably, if it still holds what
/// `expected` describes. A symlink stays a symlink (its target is replaced); the file's
/// permissions and, where allowed, owner are kept. Returns the new fingerprint.
pub fn save(path: &Path, bytes: &[u8], expected: Fingerprint) -> Result<Fingerprint, SaveError> {
    let err = |step, error| SaveError::Io {
        path: path.to_path_buf(),
        step,
        error,
    };
    let target = fs::canonicalize(path).map_err(|e| err("finding the file", e))?;
    let meta = fs::metadata(&target).map_err(|e| err("reading its metadata", e))?;
    if !meta.is_file() {
        return Err(err(
            "checking the file",
            io::Error::other("not a regular file"),
        ));
    }
    if meta.permissions().readonly() {
        return Err(SaveError::ReadOnly {
            path: path.to_path_buf(),
        });
    }
    let current = fs::read(&target).map_err(|e| err("re-reading the file", e))?;
    if Fingerprint::of(&current) != expected {
        return Err(SaveError::ChangedOnDisk {
            path: path.to_path_buf(),
        });
    }
    write_atomically(&target, bytes, Some(&meta)).map_err(|(step, e)| err(step, e))?;
    Ok(Fingerprint::of(bytes))
}

/// Temporary file in the same folder, flushed, renamed over `target`, folder flushed.
fn write_atomically(
    target: &Path,
    bytes: &[u8],
    keep: Option<&fs::Metadata>,
) -> Result<(), (&'static str, io::Error)> {
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| ("creating a temporary file beside it", e))?;
    if let Some(meta) = keep {
        tmp.as_file()
            .set_permissions(meta.permissions())
            .map_err(|e| ("copying its permissions", e))?;
        keep_owner(tmp.as_file(), meta);
    }
    tmp.write_all(bytes).map_err(|e| ("writing", e))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| ("flushing to disk", e))?;
    tmp.persist(target)
        .map_err(|e| ("replacing the file", e.error))?;
    sync_dir(dir).map_err(|e| ("flushing the folder", e))?;
    Ok(())
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

/// Where `councilor` keeps its file when none is named: `$XDG_DATA_HOME/councilor/outcomes.json`
/// on Linux, the platform's data folder elsewhere.
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
    write_atomically(&path, BUNDLED.as_bytes(), None).map_err(|(step, e)| {
        format!("{}: cannot create ({step}: {})", shown(&path), io_text(&e))
    })?;
    Ok((path, true))
}
