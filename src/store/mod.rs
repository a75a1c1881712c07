//! The only code that touches the filesystem: reading a dataset, saving it atomically (one
//! writer at a time, merging with what others saved), watching it for changes made by others,
//! and the files and folders in the user's home.
//!
//! A save goes: resolve symlinks → check the file is a regular, writable file → take the lock
//! beside it → re-read it: if someone else saved it since it was read, merge into theirs (or
//! refuse) → write a temporary file beside the real target → copy the owner (where allowed),
//! the extended attributes (where the platform has them) and the permissions → flush it →
//! check the target once more → rename it over the target → flush the folder → release the
//! lock. Any failure before the rename leaves the file exactly as it was and removes the
//! temporary file. [`save_with`] runs the same code with a fault hook called at each [`Step`],
//! so that tests can inject disk-full and other errors (and run as root, where permission bits
//! do not stop anything).

mod lock;
mod paths;
mod plain;
mod save;
mod text;
mod watch;

pub use lock::{LOCK_WAIT, lock_path};
pub use paths::{config_path, default_path, ensure_default, read_config};
pub use plain::{NotPlain, PlainError};
pub use save::{
    Rebase, SaveError, Saved, Step, hard_link_warning, overwrite, save, save_as, save_as_with,
    save_merging, save_with, stray_temp_files,
};
pub use text::{read_if_there, read_text, write_plain};
pub use watch::{POLL_INTERVAL, Stamp, Watcher};

use std::fmt;
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use crate::document::Document;
use crate::load::LoadError;
use crate::terminal_text;

/// The dataset shipped inside the binary.
pub const BUNDLED: &str = include_str!("../../assets/outcomes.json");

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

    pub(crate) fn from_parts(len: u64, hash: u64) -> Self {
        Fingerprint { len, hash }
    }

    /// The fingerprint of the pieces' concatenation, without making it.
    pub fn of_pieces<'a>(pieces: impl IntoIterator<Item = &'a [u8]>) -> Self {
        let mut hash = xxhash_rust::xxh3::Xxh3::new();
        let mut len = 0;
        for p in pieces {
            hash.update(p);
            len += p.len() as u64;
        }
        Fingerprint {
            len,
            hash: hash.digest(),
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
    /// Larger than [`max_file_size`]: refused without reading it.
    TooLarge {
        path: PathBuf,
        len: u64,
        limit: u64,
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
            | OpenError::TooLarge { path, .. }
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
            OpenError::TooLarge { path, len, limit } => write!(
                f,
                "{}: not read: it holds {len} bytes, over the limit of {limit} (set {MAX_SIZE_VAR} to allow more)",
                shown(path)
            ),
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
    let mut file = open_no_wait(path).map_err(io_err)?;
    // It could have been swapped between the check and the open: check what was opened.
    let meta = file.metadata().map_err(io_err)?;
    if !meta.is_file() {
        return Err(not_a_file());
    }
    let limit = max_file_size();
    if meta.len() > limit {
        return Err(OpenError::TooLarge {
            path: path.to_path_buf(),
            len: meta.len(),
            limit,
        });
    }
    // Room for the whole file at once (one more byte to see its end), not grown by doubling.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
    io::Read::read_to_end(&mut file, &mut bytes).map_err(io_err)?;
    let fingerprint = Fingerprint::of(&bytes);
    Ok((bytes, fingerprint))
}

/// Opens for reading without waiting: a FIFO swapped in after the check must not block.
fn open_no_wait(path: &Path) -> io::Result<File> {
    let mut options = File::options();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let mut busy = Busy::new();
    loop {
        match options.open(path) {
            Err(e) if busy.again(&e) => {}
            other => return other,
        }
    }
}

/// Trying again, for a moment, what failed because another program had the file open: on
/// Windows an antivirus or an indexer opens a file just written, and meanwhile it can be
/// neither opened, replaced nor deleted (access denied, a sharing or a lock violation).
/// Elsewhere nothing is tried again.
pub(crate) struct Busy {
    #[cfg(windows)]
    deadline: std::time::Instant,
    #[cfg(windows)]
    pause: std::time::Duration,
}

impl Busy {
    /// How long a file may stay held before the failure is reported.
    #[cfg(windows)]
    const WAIT: std::time::Duration = std::time::Duration::from_secs(2);

    pub(crate) fn new() -> Self {
        Busy {
            #[cfg(windows)]
            deadline: std::time::Instant::now() + Self::WAIT,
            #[cfg(windows)]
            pause: std::time::Duration::from_millis(5),
        }
    }

    /// Whether to try again after `e`; if so, it has waited a little.
    #[cfg(windows)]
    pub(crate) fn again(&mut self, e: &io::Error) -> bool {
        use windows_sys::Win32::Foundation::{
            ERROR_ACCESS_DENIED, ERROR_LOCK_VIOLATION, ERROR_SHARING_VIOLATION,
        };
        let held = matches!(
            e.raw_os_error().map(|c| c as u32),
            Some(ERROR_ACCESS_DENIED | ERROR_SHARING_VIOLATION | ERROR_LOCK_VIOLATION)
        );
        let now = std::time::Instant::now();
        if !held || now >= self.deadline {
            return false;
        }
        std::thread::sleep(self.pause.min(self.deadline - now));
        self.pause = (self.pause * 2).min(std::time::Duration::from_millis(100));
        true
    }

    #[cfg(not(windows))]
    pub(crate) fn again(&mut self, _e: &io::Error) -> bool {
        false
    }
}

/// The environment variable that sets the largest file read, in bytes (`500M`, `4G` too).
pub const MAX_SIZE_VAR: &str = "COUNCILOR_MAX_FILE_SIZE";
/// The largest file read when the variable is not set: 2 GiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 2 << 30;

/// The largest file that is read: larger ones are refused before reading.
pub fn max_file_size() -> u64 {
    std::env::var(MAX_SIZE_VAR)
        .ok()
        .and_then(|v| parse_size(&v))
        .unwrap_or(DEFAULT_MAX_FILE_SIZE)
}

/// `1000`, `500K`, `500M`, `2G` (powers of 1024; case and a trailing `B` or `iB` ignored).
fn parse_size(text: &str) -> Option<u64> {
    let t = text.trim().to_ascii_uppercase();
    let t = t
        .strip_suffix("IB")
        .or_else(|| t.strip_suffix('B'))
        .unwrap_or(&t);
    let (digits, shift) = match t.chars().last()? {
        'K' => (&t[..t.len() - 1], 10),
        'M' => (&t[..t.len() - 1], 20),
        'G' => (&t[..t.len() - 1], 30),
        'T' => (&t[..t.len() - 1], 40),
        _ => (t, 0),
    };
    digits.trim().parse::<u64>().ok()?.checked_mul(1 << shift)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_read_with_their_units() {
        assert_eq!(parse_size("1000"), Some(1000));
        assert_eq!(parse_size("500K"), Some(500 << 10));
        assert_eq!(parse_size("2g"), Some(2 << 30));
        assert_eq!(parse_size("3 MiB"), Some(3 << 20));
        assert_eq!(parse_size("12MB"), Some(12 << 20));
        assert_eq!(parse_size("lots"), None);
        assert_eq!(parse_size(""), None);
    }

    #[test]
    fn the_reason_is_named_once() {
        // ENOSPC and EACCES; ERROR_DISK_FULL and ERROR_ACCESS_DENIED on Windows.
        let (full, denied) = if cfg!(windows) { (112, 5) } else { (28, 13) };
        let full = io::Error::from_raw_os_error(full);
        let text = io_text(&full);
        assert!(text.starts_with("the disk is full: "), "{text}");
        let denied = io::Error::from_raw_os_error(denied);
        assert_eq!(io_text(&denied).matches("ermission denied").count(), 1);
    }
}
