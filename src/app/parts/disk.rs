//! The file on disk: where it is, whether it may be written, how saving goes, and the
//! conflict dialog's questions.

use super::message::Message;
use super::overlay::Overlay;
use crate::action::{Action, Effect};
use crate::document::Document;
use crate::merge::{Conflict, Pending};
use crate::vocabulary::Side;

pub(crate) const READ_ONLY: &str = "read-only: nothing is written (started with --read-only)";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Nothing written this session yet.
    Untouched,
    /// The last edit is on disk; the time it was written (HH:MM:SS, local to the loop).
    Saved(String),
    /// Edits wait to be written (a save is asked for or under way).
    Pending,
    /// The last save failed; the edits are kept in memory.
    Failed(String),
    /// What is shown is what is on disk (after a reload or an answered conflict).
    Synced,
    ReadOnly,
}

/// The file on disk: where it is, whether it may be written, how saving goes.
#[derive(Debug)]
pub(crate) struct Disk {
    pub(crate) file: String,
    read_only: bool,
    pub(crate) save: SaveState,
    /// The file was deleted or moved away: `w` writes it back.
    pub(crate) lost: bool,
    /// `q` was pressed once while edits were not on disk; a second `q` quits.
    quit_armed: bool,
}

impl Disk {
    pub(crate) fn new(file: String, read_only: bool) -> Self {
        Disk {
            file,
            read_only,
            save: if read_only {
                SaveState::ReadOnly
            } else {
                SaveState::Untouched
            },
            lost: false,
            quit_armed: false,
        }
    }

    pub(crate) fn file(&self) -> &str {
        &self.file
    }
    pub(crate) fn read_only(&self) -> bool {
        self.read_only
    }
    pub(crate) fn save_state(&self) -> &SaveState {
        &self.save
    }
    pub(crate) fn lost(&self) -> bool {
        self.lost
    }

    /// Any key but a second `q` takes back the question "quit and lose the edits?".
    pub(crate) fn disarm(&mut self) -> bool {
        std::mem::take(&mut self.quit_armed)
    }

    /// A save is asked for.
    pub(crate) fn save(&mut self) -> Effect {
        self.save = SaveState::Pending;
        Effect::Save
    }

    /// A "write to" is asked for.
    pub(crate) fn save_as(&mut self, path: std::path::PathBuf) -> Effect {
        self.save = SaveState::Pending;
        Effect::SaveAs(path)
    }

    /// `q` and `w` in the panes. `armed`: `q` was pressed just before; `pending`: edits are
    /// not on disk.
    pub(crate) fn update(
        &mut self,
        action: Action,
        armed: bool,
        pending: bool,
    ) -> (Option<Effect>, Option<Message>) {
        match action {
            Action::Quit => {
                // A save under way is waited for, not asked about.
                let loses = self.lost || (pending && self.save != SaveState::Pending);
                if !loses || armed {
                    return (Some(Effect::Quit), None);
                }
                self.quit_armed = true;
                let why = if self.lost {
                    "the file is gone from disk: q again quits and loses it; w writes it back, W elsewhere"
                } else {
                    "edits are NOT on disk: q again quits and loses them; w tries to save again, W elsewhere"
                };
                (None, Some(Message::error(why)))
            }
            Action::Write if self.read_only => (None, Some(Message::error(READ_ONLY))),
            Action::Write if self.lost => {
                self.save = SaveState::Pending;
                (Some(Effect::WriteBack), None)
            }
            Action::Write if !pending => (
                None,
                Some(Message::info("nothing to write: every edit is on disk")),
            ),
            Action::Write => (Some(self.save()), None),
            _ => (None, None),
        }
    }
}

/// One conflict of the dialog and the answer given so far.
#[derive(Debug, Clone)]
pub struct ConflictItem {
    pub conflict: Conflict,
    pub choice: Option<Side>,
}

/// The file changed on disk and some fields were changed on both sides: nothing is written
/// until each conflict has an answer.
#[derive(Debug)]
pub struct ConflictDialog {
    /// The disk's version with every clean merge applied.
    pub(crate) merged: Box<Document>,
    /// The edits that merged cleanly.
    pub(crate) applied: Vec<Pending>,
    pub items: Vec<ConflictItem>,
    pub cursor: usize,
    /// What the dialog interrupted (a field editor, a form, with what was typed): it comes
    /// back once every conflict has an answer.
    pub(crate) under: Option<Box<Overlay>>,
}
