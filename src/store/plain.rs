//! Files the program writes beside the dataset (the save lock, git's `.gitattributes`, the merge
//! driver's result) are opened as themselves, never through what stands at their path: a
//! repository or another user may have put a symbolic link, a hard link to the dataset, a
//! folder or a FIFO there. Only a regular file with one name is written; anything else is
//! refused and left untouched.

use std::fmt;
use std::fs::{self, File};
use std::io;
use std::path::Path;

/// What stands at a path where only a plain file of ours may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotPlain {
    SymbolicLink,
    /// A regular file with other names: writing it would write them too.
    HardLink {
        names: u64,
    },
    Folder,
    /// A FIFO, a socket or a device.
    Special,
}

impl fmt::Display for NotPlain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotPlain::SymbolicLink => f.write_str("a symbolic link"),
            NotPlain::HardLink { names } => write!(f, "a hard link (a file with {names} names)"),
            NotPlain::Folder => f.write_str("a folder"),
            NotPlain::Special => f.write_str("a FIFO, socket or device"),
        }
    }
}

/// Why a plain file could not be opened.
#[derive(Debug)]
pub enum PlainError {
    /// Something else stands at the path; it was neither opened for writing nor changed.
    Refused(NotPlain),
    Io(io::Error),
}

impl From<io::Error> for PlainError {
    fn from(e: io::Error) -> Self {
        PlainError::Io(e)
    }
}

impl fmt::Display for PlainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlainError::Refused(what) => write!(
                f,
                "{what} stands there, not a plain file: it was left untouched, and nothing was written through it"
            ),
            PlainError::Io(e) => write!(f, "{}", super::io_text(e)),
        }
    }
}

/// What stands at `path`, by its own metadata (a link is not followed): `None` for nothing or
/// a plain file.
pub fn check(path: &Path) -> io::Result<Option<NotPlain>> {
    match fs::symlink_metadata(path) {
        Ok(meta) => Ok(judge(&meta, names_in(&meta))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Opens the plain file at `path` for reading and writing, creating it when `create` and
/// nothing is there, without following a link and without truncating it. What was opened is
/// checked again through its handle, so a link swapped in after the first look is refused too.
pub fn open(path: &Path, create: bool) -> Result<File, PlainError> {
    // Looked at first, so that a device or a FIFO is never even opened.
    if let Some(what) = check(path)? {
        return Err(PlainError::Refused(what));
    }
    let mut options = File::options();
    options
        .read(true)
        .write(true)
        .create(create)
        .truncate(false);
    no_follow(&mut options);
    let file = options.open(path).map_err(|e| match refused_link(&e) {
        true => PlainError::Refused(NotPlain::SymbolicLink),
        false => PlainError::Io(e),
    })?;
    let meta = file.metadata()?;
    if let Some(what) = judge(&meta, handle_names(&file, &meta)?) {
        return Err(PlainError::Refused(what));
    }
    Ok(file)
}

/// Replaces the text of the plain file at `path` (created if missing), refusing links.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), PlainError> {
    use io::Write;
    let mut file = open(path, true)?;
    file.set_len(0)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    Ok(())
}

/// How many names (hard links) the file at `path` has, links followed: on Windows its
/// metadata does not say without opening it.
pub fn names(path: &Path) -> io::Result<u64> {
    let meta = fs::metadata(path)?;
    if cfg!(windows) {
        handle_names(&File::open(path)?, &meta)
    } else {
        Ok(names_in(&meta))
    }
}

fn judge(meta: &fs::Metadata, names: u64) -> Option<NotPlain> {
    let kind = meta.file_type();
    if kind.is_symlink() || is_reparse_point(meta) {
        Some(NotPlain::SymbolicLink)
    } else if kind.is_dir() {
        Some(NotPlain::Folder)
    } else if !kind.is_file() {
        Some(NotPlain::Special)
    } else if names > 1 {
        Some(NotPlain::HardLink { names })
    } else {
        None
    }
}

#[cfg(unix)]
fn no_follow(options: &mut fs::OpenOptions) {
    // No waiting on a FIFO swapped in after the look, no following a link.
    std::os::unix::fs::OpenOptionsExt::custom_flags(options, libc::O_NOFOLLOW | libc::O_NONBLOCK);
}

#[cfg(windows)]
fn no_follow(options: &mut fs::OpenOptions) {
    use windows_sys::Win32::Storage::FileSystem::FILE_FLAG_OPEN_REPARSE_POINT;
    // The link itself is opened, and then refused by its metadata.
    std::os::windows::fs::OpenOptionsExt::custom_flags(options, FILE_FLAG_OPEN_REPARSE_POINT);
}

#[cfg(not(any(unix, windows)))]
fn no_follow(_options: &mut fs::OpenOptions) {}

/// Whether an open failed because the last part of the path is a symbolic link.
fn refused_link(e: &io::Error) -> bool {
    #[cfg(unix)]
    {
        // FreeBSD and macOS say EMLINK for O_NOFOLLOW on a link; Linux says ELOOP.
        matches!(e.raw_os_error(), Some(libc::ELOOP | libc::EMLINK))
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

#[cfg(windows)]
fn is_reparse_point(meta: &fs::Metadata) -> bool {
    use std::os::windows::fs::MetadataExt;
    use windows_sys::Win32::Storage::FileSystem::FILE_ATTRIBUTE_REPARSE_POINT;
    meta.file_attributes() & FILE_ATTRIBUTE_REPARSE_POINT != 0
}

#[cfg(not(windows))]
fn is_reparse_point(_meta: &fs::Metadata) -> bool {
    false
}

/// How many names the file has, from metadata read by path.
#[cfg(unix)]
fn names_in(meta: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(meta)
}

/// By path, Windows does not say without opening the file: that is left to the handle's look.
#[cfg(not(unix))]
fn names_in(_meta: &fs::Metadata) -> u64 {
    1
}

#[cfg(unix)]
fn handle_names(_file: &File, meta: &fs::Metadata) -> io::Result<u64> {
    Ok(names_in(meta))
}

#[cfg(windows)]
fn handle_names(file: &File, _meta: &fs::Metadata) -> io::Result<u64> {
    use std::os::windows::io::AsRawHandle;
    use windows_sys::Win32::Storage::FileSystem::{
        BY_HANDLE_FILE_INFORMATION, GetFileInformationByHandle,
    };
    let mut info = BY_HANDLE_FILE_INFORMATION::default();
    // SAFETY: a handle open for the call's duration and a structure the call fills in.
    let ok = unsafe { GetFileInformationByHandle(file.as_raw_handle(), &mut info) };
    if ok == 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(u64::from(info.nNumberOfLinks))
}

#[cfg(not(any(unix, windows)))]
fn handle_names(_file: &File, _meta: &fs::Metadata) -> io::Result<u64> {
    Ok(1)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn links_folders_and_fifos_are_refused_and_left_as_they_are() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.json");
        fs::write(&victim, "{\"keep\": true}\n").unwrap();
        let soft = dir.path().join("soft");
        std::os::unix::fs::symlink(&victim, &soft).unwrap();
        let dangling = dir.path().join("dangling");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).unwrap();
        let hard = dir.path().join("hard");
        fs::hard_link(&victim, &hard).unwrap();
        let folder = dir.path().join("folder");
        fs::create_dir(&folder).unwrap();
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid C string for the call's duration.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        for (path, want) in [
            (&soft, NotPlain::SymbolicLink),
            (&dangling, NotPlain::SymbolicLink),
            (&hard, NotPlain::HardLink { names: 2 }),
            (&folder, NotPlain::Folder),
            (&fifo, NotPlain::Special),
        ] {
            match write(path, b"overwritten") {
                Err(PlainError::Refused(what)) => assert_eq!(what, want, "{}", path.display()),
                other => panic!("{}: {other:?}", path.display()),
            }
        }
        assert_eq!(fs::read(&victim).unwrap(), b"{\"keep\": true}\n");
        assert!(
            !dir.path().join("nowhere").exists(),
            "no file made through a link"
        );
    }

    #[test]
    fn a_plain_file_is_written_and_a_missing_one_created() {
        let dir = tempfile::tempdir().unwrap();
        let there = dir.path().join("there");
        fs::write(&there, "a longer old text").unwrap();
        write(&there, b"new").unwrap();
        assert_eq!(fs::read(&there).unwrap(), b"new");
        let new = dir.path().join("new");
        write(&new, b"made").unwrap();
        assert_eq!(fs::read(&new).unwrap(), b"made");
    }
}
