//! The file on disk: how saves went, changes made by others (reload, merge, conflicts), a
//! file that went away.

use super::{App, Fallback, SaveState};
use crate::action::{Action, Effect, Side};
use crate::document::Document;
use crate::keymap::Mode;
use crate::merge::{self, Conflict, Pending};

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
    merged: Document,
    /// The edits that merged cleanly.
    applied: Vec<Pending>,
    pub items: Vec<ConflictItem>,
    pub cursor: usize,
}

impl App {
    pub(super) fn update_conflict(&mut self, action: Action) -> Option<Effect> {
        let dialog = self.conflict.as_mut()?;
        let last = dialog.items.len().saturating_sub(1);
        match action {
            Action::Down => dialog.cursor = (dialog.cursor + 1).min(last),
            Action::Up => dialog.cursor = dialog.cursor.saturating_sub(1),
            Action::Resolve(side) => {
                dialog.items[dialog.cursor].choice = Some(side);
                // On to the next one without an answer.
                if let Some(next) = dialog.items.iter().position(|i| i.choice.is_none()) {
                    dialog.cursor = next;
                }
            }
            Action::ResolveAll(side) => {
                for item in &mut dialog.items {
                    item.choice.get_or_insert(side);
                }
            }
            Action::Cancel | Action::Quit => {
                self.say(
                    "each clash needs an answer before anything is written: m keeps yours, t takes the disk's (Ctrl-c quits without saving)",
                    true,
                );
                return None;
            }
            _ => {}
        }
        if dialog.items.iter().all(|i| i.choice.is_some()) {
            return self.finish_conflicts();
        }
        None
    }

    /// Every conflict has an answer: the merged text with the kept edits becomes the document.
    pub(super) fn finish_conflicts(&mut self) -> Option<Effect> {
        let dialog = self.conflict.take()?;
        self.mode = Mode::Browse;
        let mut doc = dialog.merged;
        let mut kept = dialog.applied;
        let (mut mine, mut theirs) = (0, 0);
        for item in dialog.items {
            if item.choice == Some(Side::Mine) {
                let edit = item.conflict.edit.squashed(item.conflict.theirs);
                if merge::apply(&mut doc, &edit) {
                    kept.push(edit);
                    mine += 1;
                }
            } else {
                theirs += 1;
            }
        }
        self.take_document(doc, kept);
        self.say(
            format!(
                "merged with the changes on disk: {mine} kept as yours, {theirs} taken from disk"
            ),
            false,
        );
        if self.pending.is_empty() {
            // Nothing of ours to write: what is shown is what is on disk.
            self.save = SaveState::Synced;
        }
        self.after_merge()
    }

    /// Replaces the document (after a reload or a merge): the cursor keeps its deliverable;
    /// undo steps are of the old text and are dropped.
    pub(super) fn take_document(&mut self, doc: Document, pending: Vec<Pending>) {
        let keep = self.selected_id();
        self.doc = doc;
        self.undo.clear();
        self.redo.clear();
        // Marks are positions in the old data.
        self.marked.clear();
        self.edit_seq += 1;
        let seq = self.edit_seq;
        self.pending = pending.into_iter().map(|p| (seq, p)).collect();
        self.disk_lost = false;
        self.recount();
        self.refilter(keep, Fallback::SamePlace);
    }

    pub(super) fn after_merge(&mut self) -> Option<Effect> {
        if self.pending.is_empty() {
            return None;
        }
        self.save = SaveState::Saving;
        Some(Effect::Save)
    }

    /// The file changed on disk (`theirs` is what it holds now). With nothing pending it is
    /// simply shown; otherwise this session's edits are merged into it, field by field, and a
    /// save follows, or the conflict dialog opens.
    pub fn disk_changed(&mut self, theirs: Document) -> Option<Effect> {
        // A dialog still open was about an older version of the file: its questions are asked
        // again about this one (or not at all, if it now merges cleanly).
        let asked_before = self.conflict.take().is_some();
        if self.mode == Mode::Conflict {
            self.mode = Mode::Browse;
        }
        let again = if asked_before {
            "the file changed again; "
        } else {
            ""
        };
        let pending: Vec<Pending> = self
            .pending()
            .filter(|p| !p.steps.is_empty())
            .cloned()
            .collect();
        if pending.is_empty() {
            let had_undo = !self.undo.is_empty();
            let what = self.what_changed(&theirs);
            self.take_document(theirs, vec![]);
            if asked_before {
                self.save = SaveState::Synced;
            }
            let note = if had_undo {
                " (undo starts afresh)"
            } else {
                ""
            };
            self.say(
                format!("{again}reloaded: changed on disk{what}{note}"),
                false,
            );
            return None;
        }
        let merged = merge::merge(theirs, &pending);
        let orphans = merged.orphans.len();
        let lost = if orphans > 0 {
            format!("; {orphans} of your edits were to deliverables no longer in the file")
        } else {
            String::new()
        };
        if merged.conflicts.is_empty() {
            let n = merged.applied.len();
            self.take_document(merged.doc, merged.applied);
            self.say(
                format!(
                    "{again}merged with the changes on disk: {n} of your edits re-applied{lost}"
                ),
                orphans > 0,
            );
            return self.after_merge();
        }
        let n = merged.conflicts.len();
        let verb = if n == 1 { "clashes" } else { "clash" };
        self.say(
            format!(
                "{again}the file changed on disk and {n} of your edits {verb} with it: choose for each (m mine, t disk's){lost}"
            ),
            true,
        );
        self.conflict = Some(ConflictDialog {
            merged: merged.doc,
            applied: merged.applied,
            items: merged
                .conflicts
                .into_iter()
                .map(|conflict| ConflictItem {
                    conflict,
                    choice: None,
                })
                .collect(),
            cursor: 0,
        });
        self.mode = Mode::Conflict;
        self.save = SaveState::Failed("waiting for your answer to the conflicts".into());
        None
    }

    /// What a reload changes, to say it: how many deliverables, and the selected one's status.
    fn what_changed(&self, theirs: &Document) -> String {
        let before: std::collections::HashMap<&str, &crate::model::Deliverable> = self
            .data()
            .deliverables
            .iter()
            .map(|d| (d.id.as_str(), d))
            .collect();
        let fields = |d: &crate::model::Deliverable| {
            crate::model::Editable::ALL.map(|f| f.value(d).map(str::to_string))
        };
        let new = &theirs.data().deliverables;
        let changed = new
            .iter()
            .filter(|d| {
                before
                    .get(d.id.as_str())
                    .is_none_or(|b| fields(b) != fields(d))
            })
            .count()
            + before.len().saturating_sub(new.len());
        let mut out = match changed {
            0 => String::new(),
            1 => " (1 deliverable)".to_string(),
            n => format!(" ({n} deliverables)"),
        };
        if let Some(mine) = self.selected()
            && let Some(i) = theirs.data().deliverable_index(&mine.id)
        {
            let now = &new[i].status;
            if *now != mine.status {
                out.push_str(&format!("; this one is now {now} (was {})", mine.status));
            }
        }
        out
    }

    /// The file was deleted, moved away or replaced by something that is not a file: the
    /// document stays in memory and `w` writes it back.
    pub fn disk_lost(&mut self, why: String) {
        self.disk_lost = true;
        self.save = SaveState::Failed(why.clone());
        self.say(
            format!("{why}; everything stays in memory: w writes it back, W to another file"),
            true,
        );
    }

    /// The file on disk changed but cannot be read or is not valid now: nothing is loaded or
    /// written over it.
    pub fn disk_unreadable(&mut self, why: String) {
        self.say(
            format!("{why}; nothing was loaded and your edits stay in memory"),
            true,
        );
    }

    /// After a "write to" succeeded: this is now the file being edited.
    pub fn renamed(&mut self, file: String) {
        self.file = file;
        self.disk_lost = false;
    }

    /// A save found that another writer had saved the file meanwhile, and merged this
    /// session's edits (up to number `through`) into their version: `doc` is what is on disk
    /// now. Edits made since are merged into it in turn (a save follows, or the conflict
    /// dialog opens).
    pub fn saved_merged(&mut self, doc: Document, time: &str, through: u64) -> Option<Effect> {
        self.pending.retain(|(seq, _)| *seq > through);
        self.disk_lost = false;
        if self.pending.is_empty() {
            let what = self.what_changed(&doc);
            self.take_document(doc, vec![]);
            self.save = SaveState::Saved(time.to_string());
            self.say(
                format!("saved, merged with what another writer saved{what} (undo starts afresh)"),
                false,
            );
            return None;
        }
        self.disk_changed(doc)
    }

    /// The event loop reports how a save went; `time` is the wall-clock time to show.
    pub fn saved(&mut self, result: Result<(), String>, time: &str) {
        self.saved_through(result, time, self.edit_seq);
    }

    /// How a save that held the edits up to number `through` went. Later edits stay pending
    /// (the loop saves again).
    pub fn saved_through(&mut self, result: Result<(), String>, time: &str, through: u64) {
        match result {
            Ok(()) => {
                let was_failed = matches!(self.save, SaveState::Failed(_));
                self.pending.retain(|(seq, _)| *seq > through);
                self.disk_lost = false;
                if !self.pending.is_empty() {
                    self.save = SaveState::Saving;
                    return;
                }
                if was_failed {
                    self.say("saved: every edit is on disk now", false);
                }
                self.save = SaveState::Saved(time.to_string());
            }
            Err(e) => {
                self.save = SaveState::Failed(e.clone());
                self.say(
                    format!("{e} (edits kept; w to retry, W to write elsewhere)"),
                    true,
                );
            }
        }
    }
}
