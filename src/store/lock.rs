//! One writer at a time: an advisory lock on a small file beside the dataset, held from the
//! last read to the rename. The system releases it when its holder dies, so a killed writer
//! never blocks the next one. The holder writes its process id and host into it, so that a
//! writer that has waited too long can say who holds it. The file is removed on release (on
//! Unix; on Windows a file still open elsewhere cannot be removed, so it stays, unlocked).

use std::ffi::OsString;
use std::fs::{self, File};
use std::io::{self, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::plain::{self, NotPlain, PlainError};
use crate::terminal_text;

/// How long a writer waits for another one before it gives up (and keeps its edits).
pub const LOCK_WAIT: Duration = Duration::from_secs(5);

/// The lock file of the file at `target`: `.NAME.councilor.lock` in the same folder.
pub fn lock_path(target: &Path) -> PathBuf {
    let mut name = OsString::from(".");
    name.push(target.file_name().unwrap_or_default());
    name.push(".councilor.lock");
    target.with_file_name(name)
}

/// Held while a save runs; dropping it removes the lock file and releases the lock.
#[derive(Debug)]
pub struct Lock {
    file: File,
    path: PathBuf,
}

/// Why the lock could not be had.
#[derive(Debug)]
pub enum LockError {
    /// Another writer held it for the whole wait: who, as it wrote itself down.
    Busy {
        holder: Option<String>,
    },
    /// Something other than a plain file stands at the lock's path (a link to the dataset, a
    /// folder): it was left untouched.
    Refused(NotPlain),
    Io(io::Error),
}

impl From<PlainError> for LockError {
    fn from(e: PlainError) -> Self {
        match e {
            PlainError::Refused(what) => LockError::Refused(what),
            PlainError::Io(e) => LockError::Io(e),
        }
    }
}

impl Lock {
    /// Takes the lock of the file at `target` (a resolved path), waiting up to `wait`.
    pub fn acquire(target: &Path, wait: Duration) -> Result<Lock, LockError> {
        let path = lock_path(target);
        let deadline = Instant::now() + wait;
        let mut pause = Duration::from_millis(1);
        let mut file = open(&path)?;
        loop {
            match try_lock(&file) {
                Ok(()) => {
                    // The holder we waited for removes the file as it lets go: what we locked
                    // may no longer be the lock file that others open. Then start again.
                    if is_same_file(&file, &path) {
                        let mut lock = Lock { file, path };
                        lock.write_holder();
                        return Ok(lock);
                    }
                    file = open(&path)?;
                    continue;
                }
                Err(fs::TryLockError::WouldBlock) => {}
                Err(fs::TryLockError::Error(e)) => return Err(LockError::Io(e)),
            }
            let now = Instant::now();
            if now >= deadline {
                return Err(LockError::Busy {
                    holder: holder(&path),
                });
            }
            std::thread::sleep(pause.min(deadline - now));
            pause = (pause * 2).min(Duration::from_millis(20));
        }
    }

    fn write_holder(&mut self) {
        // Only for messages: a failure here does not stop the save.
        let text = format!("process {} on {}\n", std::process::id(), host());
        let _ = self
            .file
            .set_len(0)
            .and_then(|()| self.file.rewind())
            .and_then(|()| self.file.write_all(text.as_bytes()));
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still held, so nobody can lock the old file and believe it current;
        // the lock itself goes when the file is closed, right after.
        if cfg!(unix) {
            let _ = fs::remove_file(&self.path);
        }
        // Windows may release the lock of a closed file only some time later: at once here.
        #[cfg(windows)]
        unlock(&self.file);
    }
}

/// The lock file, made or reused: only a plain file with one name is, so that its holder's
/// line is never written through a link into the dataset or anywhere else.
fn open(path: &Path) -> Result<File, PlainError> {
    let mut busy = super::Busy::new();
    loop {
        match plain::open(path, true) {
            Err(PlainError::Io(e)) if busy.again(&e) => {}
            other => return other,
        }
    }
}

#[cfg(not(windows))]
fn try_lock(file: &File) -> Result<(), fs::TryLockError> {
    file.try_lock()
}

/// Windows locks bytes, and nobody else can read locked bytes: a lock on the whole file (as
/// `File::try_lock` takes) would hide who holds it. This one covers a byte far past the text.
#[cfg(windows)]
const LOCKED_AT: u32 = 1; // The high half of the offset: 4 GiB.

#[cfg(windows)]
fn try_lock(file: &File) -> Result<(), fs::TryLockError> {
    use std::os::windows::io::AsRawHandle;
    use windows_sys::Win32::Foundation::ERROR_LOCK_VIOLATION;
    use windows_sys::Win32::Storage::FileSystem::{
        LOCKFILE_EXCLUSIVE_LOCK, LOCKFILE_FAIL_IMMEDIATELY, LockFileEx,
    };
    let mut at = windows_sys::Win32::System::IO::OVERLAPPED::default();
    at.Anonymous.Anonymous.OffsetHigh = LOCKED_AT;
    // SAFETY: a handle open for the call's duration and an OVERLAPPED that outlives it (the
    // file is not opened for overlapped I/O, so the call completes before returning).
    let ok = unsafe {
        LockFileEx(
            file.as_raw_handle(),
            LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY,
            0,
            1,
            0,
            &mut at,
        )
    };
    if ok != 0 {
        return Ok(());
    }
    let e = io::Error::last_os_error();
    if e.raw_os_error() == Some(ERROR_LOCK_VIOLATION as i32) {
        Err(fs::TryLockError::WouldBlock)
    } else {
        Err(fs::TryLockError::Error(e))
    }
}

#[cfg(windows)]
fn unlock(file: &File) {
    use std::os::windows::io::AsRawHandle;
    let mut at = windows_sys::Win32::System::IO::OVERLAPPED::default();
    at.Anonymous.Anonymous.OffsetHigh = LOCKED_AT;
    // SAFETY: as in `try_lock`.
    unsafe {
        windows_sys::Win32::Storage::FileSystem::UnlockFileEx(
            file.as_raw_handle(),
            0,
            1,
            0,
            &mut at,
        );
    }
}

#[cfg(unix)]
fn is_same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    // The name itself, not what it may point to.
    match (file.metadata(), fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => (a.dev(), a.ino()) == (b.dev(), b.ino()),
        _ => false,
    }
}

#[cfg(not(unix))]
fn is_same_file(_file: &File, _path: &Path) -> bool {
    // The lock file is never removed there.
    true
}

/// Who holds the lock, as the holder wrote it (made safe to print).
fn holder(path: &Path) -> Option<String> {
    // Never what a link put there points to.
    if plain::check(path).ok()?.is_some() {
        return None;
    }
    let text = fs::read(path).ok()?;
    let text = String::from_utf8_lossy(&text[..text.len().min(200)]).into_owned();
    let line = terminal_text::line(text.trim()).into_owned();
    (!line.is_empty()).then_some(line)
}

fn host() -> String {
    gethostname::gethostname()
        .into_string()
        .ok()
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "this machine".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_waits_then_names_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("o.json");
        let first = Lock::acquire(&target, LOCK_WAIT).unwrap();
        let err = Lock::acquire(&target, Duration::from_millis(30)).unwrap_err();
        let LockError::Busy { holder } = err else {
            panic!("{err:?}")
        };
        let holder = holder.unwrap();
        assert!(
            holder.starts_with(&format!("process {} on ", std::process::id())),
            "{holder}"
        );
        drop(first);
        #[cfg(unix)]
        assert!(!lock_path(&target).exists(), "the lock file is removed");
        let again = Lock::acquire(&target, Duration::ZERO).unwrap();
        drop(again);
    }

    #[test]
    fn a_lock_file_left_behind_does_not_block() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("o.json");
        fs::write(lock_path(&target), "process 1 on elsewhere\n").unwrap();
        let lock = Lock::acquire(&target, Duration::ZERO).unwrap();
        drop(lock);
        #[cfg(unix)]
        assert!(!lock_path(&target).exists());
    }

    #[test]
    fn writers_in_threads_take_turns() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("o.json");
        let inside = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    for _ in 0..50 {
                        let _lock = Lock::acquire(&target, LOCK_WAIT).unwrap();
                        let n = inside.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        assert_eq!(n, 0, "two writers held the lock at once");
                        inside.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
                    }
                });
            }
        });
    }
}
