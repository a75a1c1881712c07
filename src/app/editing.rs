//! Edits: a status set or stepped, undo and redo, and the record of what is not on disk yet.

use super::{App, Fallback, SaveState};
use crate::action::Effect;
use crate::edit::{self, StatusChange};
use crate::keymap::Pane;
use crate::merge::{Pending, Step};
use crate::model::Editable;

pub(super) enum Target {
    Step(i8),
    Nth(usize),
}

impl App {
    /// Notes an edit of `field` of deliverable `id` for saving and merging. An undo of the
    /// last pending step takes that step back instead (its history entry is gone too).
    pub(super) fn record(
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
        let found = self
            .pending
            .iter()
            .position(|(_, p)| p.id == id && p.field == field);
        if let Some(i) = found {
            let (s, p) = &mut self.pending[i];
            *s = seq;
            let takes_back = p
                .steps
                .last()
                .is_some_and(|last| last.to == before && last.from == after);
            if undoing && takes_back {
                p.steps.pop();
                // Nothing of it is left to save, but the save still runs: the text changed.
                if p.steps.is_empty() {
                    self.pending.remove(i);
                    self.pending.push((
                        seq,
                        Pending {
                            id: id.to_string(),
                            field,
                            steps: vec![],
                        },
                    ));
                }
            } else {
                p.steps.push(Step {
                    from: before,
                    to: after,
                    at: at.to_string(),
                });
            }
            return;
        }
        self.pending.push((
            seq,
            Pending {
                id: id.to_string(),
                field,
                steps: vec![Step {
                    from: before,
                    to: after,
                    at: at.to_string(),
                }],
            },
        ));
    }

    pub(super) fn edit_status(&mut self, target: Target, now: &str) -> Option<Effect> {
        if self.read_only {
            self.say("read-only: edits are off (started with --read-only)", true);
            return None;
        }
        if !matches!(self.focus, Pane::Deliverables | Pane::Details) {
            self.say(
                "choose a deliverable first: Tab to the deliverables pane",
                true,
            );
            return None;
        }
        let Some(&index) = self.rows.get(self.selected) else {
            self.say("no deliverable is selected", true);
            return None;
        };
        let data = self.doc.data();
        let current = &data.deliverables[index].status;
        let to = match target {
            Target::Step(step) => data
                .cycle_status(current, step as isize)
                .map(str::to_string),
            Target::Nth(n) => {
                match data.statuses.get(n) {
                    Some(s) => Some(s.clone()),
                    None => {
                        let n_statuses = data.statuses.len();
                        self.say(format!("this file has {n_statuses} statuses; keys 1 to {n_statuses} set them"), true);
                        return None;
                    }
                }
            }
        };
        let Some(to) = to else {
            self.say("this deliverable's status is not in the file's list", true);
            return None;
        };
        let change = StatusChange {
            deliverable: index,
            to: &to,
            at: now,
            note: None,
        };
        let id = data.deliverables[index].id.clone();
        let from = current.clone();
        let Some(patch) = edit::status_patch(&self.doc, &change) else {
            self.say(format!("{id}: already {to}"), false);
            return None;
        };
        if !self.doc.apply(&patch) {
            self.say(
                format!("{id}: the edit could not be applied; nothing changed"),
                true,
            );
            return None;
        }
        self.undo.push(patch);
        self.redo.clear();
        self.record(
            &id,
            Editable::Status,
            Some(from.clone()),
            Some(to.clone()),
            now,
            false,
        );
        self.say(format!("{id}: {from} -> {to} (u to undo)"), false);
        self.count_status_change(index, &from, &to);
        self.after_edit(id)
    }

    /// Undoes (`undoing`) or redoes the last edit, moving its patch to the other stack.
    pub(super) fn replay(&mut self, undoing: bool, now: &str) -> Option<Effect> {
        let verb = if undoing { "undo" } else { "redo" };
        if self.read_only {
            self.say(format!("read-only: nothing to {verb}"), true);
            return None;
        }
        let popped = if undoing {
            self.undo.pop()
        } else {
            self.redo.pop()
        };
        let Some(patch) = popped else {
            self.say(format!("nothing to {verb}"), false);
            return None;
        };
        let index = patch.deliverable;
        let before = self.doc.data().deliverables[index].status.clone();
        let done = if undoing {
            self.doc.revert(&patch)
        } else {
            self.doc.apply(&patch)
        };
        let d = &self.doc.data().deliverables[patch.deliverable];
        let (id, after) = (d.id.clone(), d.status.clone());
        let (back, forth) = if undoing {
            (&mut self.undo, &mut self.redo)
        } else {
            (&mut self.redo, &mut self.undo)
        };
        if !done {
            back.push(patch);
            self.say(
                format!("the edit could not be {verb}ne; nothing changed"),
                true,
            );
            return None;
        }
        forth.push(patch);
        self.record(
            &id,
            Editable::Status,
            Some(before.clone()),
            Some(after.clone()),
            now,
            undoing,
        );
        let hint = if undoing { " (Ctrl-r to redo)" } else { "" };
        let hidden = if self.rows.contains(&index) {
            ""
        } else {
            " [not in this view]"
        };
        self.say(
            format!("{verb}ne: {id}: {before} -> {after}{hint}{hidden}"),
            false,
        );
        self.count_status_change(index, &before, &after);
        self.after_edit(id)
    }

    /// After any edit: keep the cursor on the edited deliverable and ask for a save.
    pub(super) fn after_edit(&mut self, id: String) -> Option<Effect> {
        self.refilter(Some(id.clone()), Fallback::SamePlace);
        if self.search.active()
            && self.selected_id().as_deref() != Some(id.as_str())
            && let Some(m) = &mut self.message
        {
            m.text.push_str(" [no longer matches the search]");
        }
        self.save = SaveState::Saving;
        Some(Effect::Save)
    }
}
