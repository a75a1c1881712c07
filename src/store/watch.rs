//! Watching the file for changes made by others.

use std::cell::{Cell, RefCell};
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime};

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

/// What the file's metadata says of it: its size, when it was written and (on Unix) which
/// file it is and when its inode last changed. The polling fallback compares it; a look after
/// this session's own save compares it before reading the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    identity: (u64, u64, i64, i64),
}

impl Stamp {
    pub fn of(path: &Path) -> Option<Stamp> {
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

    /// notify's own `PollWatcher` is not used here: it compares modification times in whole
    /// seconds (and only newer ones), so two saves within a second, or a file swapped for
    /// another of the same age, go unseen; this compares size, the exact time, inode and
    /// change time, and needs no folder to exist.
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
