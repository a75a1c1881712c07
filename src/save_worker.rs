//! The disk off the input thread: keys are handled while a save runs, or while the file is
//! read again and parsed after a change on disk. One job at a time; the event loop asks for
//! the next one when a result comes back.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread;

use crate::document::Document;
use crate::load::LoadError;
use crate::merge::{self, Pending};
use crate::piece_text::PieceText;
use crate::store::{self, Fingerprint, OpenError, SaveError, Stamp};

#[derive(Debug)]
pub enum Job {
    /// Replace the file if it still holds what `expected` describes; if another writer saved
    /// it meanwhile, merge `pending` (the edits in `text` that are not on disk) into theirs.
    Save {
        path: PathBuf,
        text: PieceText,
        expected: Fingerprint,
        pending: Vec<Pending>,
    },
    /// Write a new file (the old one is gone, or another path was chosen).
    Create { path: PathBuf, text: PieceText },
    /// Read the file again (the watcher saw a change, or a save found one) and, unless it
    /// still holds what `known` describes, parse it. While its metadata is still `stamp`
    /// (taken when this session last read or wrote it), it is not read at all.
    Look {
        path: PathBuf,
        known: Fingerprint,
        stamp: Option<Stamp>,
    },
}

/// What a look at the file found.
#[derive(Debug)]
pub enum Looked {
    /// It holds what was known (this session's own save, seen by the watcher).
    Same,
    /// Someone else changed it: what it holds now, parsed (or why it is not valid), and its
    /// metadata from before it was read.
    Changed {
        doc: Result<Box<Document>, LoadError>,
        fingerprint: Fingerprint,
        stamp: Option<Stamp>,
    },
    /// It cannot be read (gone, not a file, unreadable).
    Unreadable(OpenError),
}

/// A job that ended.
#[derive(Debug)]
pub enum Finished {
    Saved(Done),
    Looked(Looked),
}

#[derive(Debug)]
pub struct Done {
    pub path: PathBuf,
    /// The job created a new file rather than replacing one.
    pub created: bool,
    pub result: Result<Fingerprint, SaveError>,
    /// The file's metadata right after this save (see [`Stamp`]).
    pub stamp: Option<Stamp>,
    /// What was written when another writer had saved the file meanwhile: their version with
    /// the edits merged in. `None` when the text given was written.
    pub merged: Option<Box<Written>>,
    /// The edit number the saved text held (from `App::edit_seq`).
    pub through: u64,
}

/// A save merged into another writer's version: what it wrote, and the deliverables added here
/// that it added under a free id because the other writer had taken theirs (asked, given).
#[derive(Debug)]
pub struct Written {
    pub doc: Document,
    pub renamed: Vec<(String, String)>,
}

pub struct SaveWorker {
    jobs: Option<Sender<(Job, u64)>>,
    done: Receiver<Finished>,
    busy: bool,
    thread: Option<thread::JoinHandle<()>>,
}

impl Default for SaveWorker {
    fn default() -> Self {
        Self::new()
    }
}

impl SaveWorker {
    pub fn new() -> Self {
        let (jobs, inbox) = mpsc::channel::<(Job, u64)>();
        let (outbox, done) = mpsc::channel();
        let thread = thread::Builder::new()
            .name("councilor-save".into())
            .spawn(move || {
                crate::priority::yield_to_keys();
                for (job, through) in inbox {
                    let finished = match job {
                        Job::Save {
                            path,
                            text,
                            expected,
                            pending,
                        } => {
                            let (result, stamp, merged) =
                                save_merging(&path, &text, expected, &pending);
                            Finished::Saved(Done {
                                result,
                                stamp,
                                merged,
                                path,
                                created: false,
                                through,
                            })
                        }
                        Job::Create { path, text } => Finished::Saved(Done {
                            result: store::save_as(&path, text.whole().as_bytes()),
                            stamp: None,
                            merged: None,
                            path,
                            created: true,
                            through,
                        }),
                        Job::Look { path, known, stamp } => {
                            Finished::Looked(look(&path, known, stamp))
                        }
                    };
                    if outbox.send(finished).is_err() {
                        return;
                    }
                }
            })
            .ok();
        SaveWorker {
            jobs: Some(jobs),
            done,
            busy: false,
            thread,
        }
    }

    pub fn busy(&self) -> bool {
        self.busy
    }

    /// Starts `job`; the caller makes sure no other job runs (`busy`).
    pub fn submit(&mut self, job: Job, through: u64) -> Result<(), String> {
        let sent = self
            .jobs
            .as_ref()
            .is_some_and(|tx| tx.send((job, through)).is_ok());
        if !sent || self.thread.is_none() {
            return Err("not saved: the saving thread could not run".into());
        }
        self.busy = true;
        Ok(())
    }

    /// The result of the job under way, if it has ended.
    pub fn try_done(&mut self) -> Option<Finished> {
        match self.done.try_recv() {
            Ok(d) => {
                self.busy = false;
                Some(d)
            }
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                self.busy = false;
                None
            }
        }
    }

    /// Waits for the job under way to end.
    pub fn wait(&mut self) -> Option<Finished> {
        if !self.busy {
            return None;
        }
        let d = self.done.recv().ok();
        self.busy = false;
        d
    }
}

/// Reads the file, unless its metadata is still what it was when this session last read or
/// wrote it; parses it only when it is not what was known. (A writer that left the size, the
/// times and the inode as they were would not be seen here; the next save still compares
/// the whole text under the lock before it writes.)
fn look(path: &std::path::Path, known: Fingerprint, stamp: Option<Stamp>) -> Looked {
    let now = Stamp::of(path);
    if stamp.is_some() && now == stamp {
        return Looked::Same;
    }
    match store::reread(path) {
        Ok((_, fingerprint)) if fingerprint == known => Looked::Same,
        Ok((bytes, fingerprint)) => Looked::Changed {
            doc: Document::from_bytes(bytes).map(Box::new),
            fingerprint,
            stamp: now,
        },
        Err(e) => Looked::Unreadable(e),
    }
}

/// Saves `text`; if another writer saved the file since it was read, merges `pending` into
/// their version under the lock and writes that. A conflict, or a version that cannot be read,
/// is refused as changed on disk: the event loop then shows it to the user.
fn save_merging(
    path: &std::path::Path,
    text: &PieceText,
    expected: Fingerprint,
    pending: &[Pending],
) -> (
    Result<Fingerprint, SaveError>,
    Option<Stamp>,
    Option<Box<Written>>,
) {
    let mut merged_doc = None;
    let mut rebase = |current: &[u8]| -> Option<Vec<u8>> {
        // Nothing of ours to merge (a whole text to write, such as a resolved conflict): what
        // is on disk now is not overwritten.
        if pending.is_empty() {
            return None;
        }
        let theirs = Document::from_bytes(current.to_vec()).ok()?;
        let mine = Document::from_text(text.whole().into_owned()).ok();
        let merged = merge::merge_against(theirs, pending, mine.as_ref().map(Document::data));
        if !merged.conflicts.is_empty() || !merged.orphans.is_empty() {
            return None;
        }
        let bytes = merged.doc.text().into_owned().into_bytes();
        merged_doc = Some(Box::new(Written {
            doc: merged.doc,
            renamed: merged.renamed,
        }));
        Some(bytes)
    };
    match store::save_merging(path, &text.byte_pieces(), expected, &mut rebase) {
        Ok(saved) => {
            let merged = saved.merged.and(merged_doc);
            (Ok(saved.fingerprint), saved.stamp, merged)
        }
        Err(e) => (Err(e), None, None),
    }
}

impl Drop for SaveWorker {
    fn drop(&mut self) {
        // Closing the channel ends the thread once its job is done.
        self.jobs.take();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
