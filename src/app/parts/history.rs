//! Undo and redo, the record of the edits not on disk yet, and the bulk question.

use super::message::Message;
use crate::action::Action;
use crate::document::{Document, Patch};
use crate::edit::{self, Change};
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
pub(crate) struct UndoStep(Vec<(Patch, Editable)>);

/// A field that changed: the deliverable (its index), the field, before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Changed {
    pub(crate) index: usize,
    pub(crate) field: Editable,
    pub(crate) before: Option<String>,
    pub(crate) after: Option<String>,
}

/// What an edit, an undo or a redo did: every field it changed (those of a step taken back
/// half way too, so that what is derived from them follows), and how it ended.
#[derive(Debug)]
pub(crate) struct Outcome<T> {
    pub(crate) changed: Vec<Changed>,
    pub(crate) result: Result<T, Message>,
}

/// An undo or a redo done: how many fields its step changed, the last one's deliverable
/// and what to say about the last change.
#[derive(Debug)]
pub(crate) struct Replayed {
    pub(crate) steps: usize,
    pub(crate) last: usize,
    pub(crate) said: String,
}

/// Undo and redo, and the record of the edits not on disk yet.
#[derive(Debug, Default)]
pub(crate) struct History {
    undo: Vec<UndoStep>,
    redo: Vec<UndoStep>,
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

    /// Applies `changes` (deliverable index, field, new value) to `doc` as one undo step:
    /// all or nothing.
    pub(crate) fn apply(
        &mut self,
        doc: &mut Document,
        changes: &[(usize, Editable, Option<String>)],
        now: &str,
    ) -> Outcome<()> {
        let mut step = Vec::new();
        let mut changed = Vec::new();
        for (index, field, to) in changes {
            let d = &doc.data().deliverables[*index];
            let (id, before) = (
                d.id.clone(),
                field.value(d).map(std::borrow::Cow::into_owned),
            );
            let change = Change {
                deliverable: *index,
                field: *field,
                to: to.as_deref(),
                at: now,
                note: None,
            };
            let Some(patch) = edit::patch(doc, &change) else {
                continue;
            };
            if !doc.apply(&patch) {
                // Take back what this key did so far: all or nothing.
                self.take_back(doc, &step, &mut changed);
                let why = format!("{id}: the edit could not be applied; nothing changed");
                return Outcome {
                    changed,
                    result: Err(Message::error(why)),
                };
            }
            let c = Changed {
                index: *index,
                field: *field,
                before,
                after: to.clone(),
            };
            self.note(doc, &mut changed, c, now, false);
            step.push((patch, *field));
        }
        if !step.is_empty() {
            self.undo.push(UndoStep(step));
            self.redo.clear();
        }
        Outcome {
            changed,
            result: Ok(()),
        }
    }

    /// Undo and redo: takes the last step back (or does it again), moving it to the other
    /// stack. Other actions are not for the history.
    pub(crate) fn update(
        &mut self,
        doc: &mut Document,
        action: Action,
        now: &str,
    ) -> Option<Outcome<Replayed>> {
        let undoing = match action {
            Action::Undo => true,
            Action::Redo => false,
            _ => return None,
        };
        let verb = if undoing { "undo" } else { "redo" };
        let popped = if undoing {
            self.undo.pop()
        } else {
            self.redo.pop()
        };
        let mut changed = Vec::new();
        let Some(UndoStep(step)) = popped else {
            return Some(Outcome {
                changed,
                result: Err(Message::info(format!("nothing to {verb}"))),
            });
        };
        let order: Vec<usize> = if undoing {
            (0..step.len()).rev().collect()
        } else {
            (0..step.len()).collect()
        };
        let mut done = Vec::new();
        let mut said = String::new();
        for &i in &order {
            let (patch, field) = &step[i];
            let index = patch.deliverable;
            let before = field
                .value(&doc.data().deliverables[index])
                .map(std::borrow::Cow::into_owned);
            let ok = if undoing {
                doc.revert(patch)
            } else {
                doc.apply(patch)
            };
            if !ok {
                // Put back what this replay did, newest first.
                for &j in done.iter().rev() {
                    let (p, _) = &step[j];
                    let _ = if undoing { doc.apply(p) } else { doc.revert(p) };
                }
                let back = if undoing {
                    &mut self.undo
                } else {
                    &mut self.redo
                };
                back.push(UndoStep(step));
                let why = format!("the edit could not be {verb}ne; nothing changed");
                return Some(Outcome {
                    changed,
                    result: Err(Message::error(why)),
                });
            }
            let d = &doc.data().deliverables[index];
            let after = field.value(d).map(std::borrow::Cow::into_owned);
            said = format!(
                "{}: {} {} -> {}",
                d.id,
                field.key(),
                before.as_deref().unwrap_or("(none)"),
                after.as_deref().unwrap_or("(none)")
            );
            let c = Changed {
                index,
                field: *field,
                before,
                after,
            };
            self.note(doc, &mut changed, c, now, undoing);
            done.push(i);
        }
        let steps = step.len();
        let last = step[order[order.len() - 1]].0.deliverable;
        let forth = if undoing {
            &mut self.redo
        } else {
            &mut self.undo
        };
        forth.push(UndoStep(step));
        Some(Outcome {
            changed,
            result: Ok(Replayed { steps, last, said }),
        })
    }

    /// Reverts patches just applied (newest first), for an edit that failed half way.
    fn take_back(
        &mut self,
        doc: &mut Document,
        step: &[(Patch, Editable)],
        changed: &mut Vec<Changed>,
    ) {
        for (patch, field) in step.iter().rev() {
            let index = patch.deliverable;
            let before = field
                .value(&doc.data().deliverables[index])
                .map(std::borrow::Cow::into_owned);
            if doc.revert(patch) {
                let after = field
                    .value(&doc.data().deliverables[index])
                    .map(std::borrow::Cow::into_owned);
                let c = Changed {
                    index,
                    field: *field,
                    before,
                    after,
                };
                self.note(doc, changed, c, "", true);
            }
        }
    }

    /// Records a change made (for saving and merging) and lists it.
    fn note(
        &mut self,
        doc: &Document,
        changed: &mut Vec<Changed>,
        c: Changed,
        at: &str,
        undoing: bool,
    ) {
        let id = &doc.data().deliverables[c.index].id;
        self.record(id, c.field, c.before.clone(), c.after.clone(), at, undoing);
        changed.push(c);
    }

    /// Notes an edit of `field` of deliverable `id` for saving and merging. An undo of the
    /// last pending step takes that step back instead (its history entry is gone too).
    fn record(
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
            note: None,
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
