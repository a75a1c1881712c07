//! Undo and redo, the record of the edits not on disk yet, and the bulk question.

use crate::document::Patch;
use crate::merge::{Pending, Step};
use crate::model::Editable;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    Step(i8),
    Nth(usize),
}

/// What one key changed: one edit, or a bulk change of the marked deliverables. Undo takes
/// it back as a whole.
#[derive(Debug, Clone)]
pub(crate) struct UndoStep(pub(crate) Vec<(Patch, Editable)>);

/// Undo and redo, and the record of the edits not on disk yet.
#[derive(Debug, Default)]
pub(crate) struct History {
    pub(crate) undo: Vec<UndoStep>,
    pub(crate) redo: Vec<UndoStep>,
    /// Edits not on disk yet, each with the number of the edit that made it last.
    pending: Vec<(u64, Pending)>,
    /// How many edits were made (numbers the pending edits).
    edit_seq: u64,
}

impl History {
    pub(crate) fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub(crate) fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    pub(crate) fn pending(&self) -> impl Iterator<Item = &Pending> {
        self.pending.iter().map(|(_, p)| p)
    }

    pub(crate) fn edit_seq(&self) -> u64 {
        self.edit_seq
    }

    /// A new document replaced the old one (a reload or a merge): undo steps are of the old
    /// text and are dropped; `pending` are the edits still to write.
    pub(crate) fn restart(&mut self, pending: Vec<Pending>) {
        self.undo.clear();
        self.redo.clear();
        self.edit_seq += 1;
        let seq = self.edit_seq;
        self.pending = pending.into_iter().map(|p| (seq, p)).collect();
    }

    /// A save that held the edits up to number `through` went well: they are on disk.
    pub(crate) fn saved_through(&mut self, through: u64) {
        self.pending.retain(|(seq, _)| *seq > through);
    }

    /// Notes an edit of `field` of deliverable `id` for saving and merging. An undo of the
    /// last pending step takes that step back instead (its history entry is gone too).
    pub(crate) fn record(
        &mut self,
        id: &str,
        field: Editable,
        before: Option<String>,
        after: Option<String>,
        at: &str,
        undoing: bool,
    ) {
        self.edit_seq += 1;
        let seq = self.edit_seq;
        let step = Step {
            from: before.clone(),
            to: after.clone(),
            at: at.to_string(),
        };
        let found = self
            .pending
            .iter()
            .position(|(_, p)| p.id == id && p.field == field);
        let Some(i) = found else {
            self.pending.push((
                seq,
                Pending {
                    id: id.to_string(),
                    field,
                    steps: vec![step],
                },
            ));
            return;
        };
        let (s, p) = &mut self.pending[i];
        *s = seq;
        let takes_back = p
            .steps
            .last()
            .is_some_and(|last| last.to == before && last.from == after);
        if undoing && takes_back {
            // Nothing of it may be left to merge, but the save still runs: the text changed.
            p.steps.pop();
        } else {
            p.steps.push(step);
        }
    }
}

/// A status change of the marked deliverables, waiting for `y`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bulk {
    pub deliverables: Vec<usize>,
    pub(crate) target: Target,
    /// The question asked, as shown.
    pub question: String,
}
