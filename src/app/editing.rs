//! Edits: statuses set or stepped (one deliverable or all the marked ones), owner, due date and
//! notes, undo and redo, and the record of what is not on disk yet.

use super::{App, Fallback, SaveState};
use crate::action::Effect;
use crate::dates;
use crate::document::Patch;
use crate::edit::{self, Change};
use crate::keymap::{Mode, Pane};
use crate::merge::{Pending, Step};
use crate::model::Editable;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    Step(i8),
    Nth(usize),
}

/// What one key changed: one edit, or a bulk change of the marked deliverables. Undo takes
/// it back as a whole.
#[derive(Debug, Clone)]
pub(super) struct UndoStep(Vec<(Patch, Editable)>);

/// A status change of the marked deliverables, waiting for `y`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bulk {
    pub deliverables: Vec<usize>,
    target: Target,
    /// The question asked, as shown.
    pub question: String,
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

    /// True when edits may be made now; says why not otherwise.
    fn may_edit(&mut self) -> bool {
        if self.read_only {
            self.say("read-only: edits are off (started with --read-only)", true);
            return false;
        }
        if !matches!(self.focus, Pane::Deliverables | Pane::Details) {
            self.say(
                "choose a deliverable first: Tab to the deliverables pane",
                true,
            );
            return false;
        }
        true
    }

    /// The status `target` gives deliverable `index`, or why there is none.
    fn status_for(&self, index: usize, target: Target) -> Result<String, String> {
        let data = self.doc.data();
        let current = &data.deliverables[index].status;
        match target {
            Target::Step(step) => data
                .cycle_status(current, step as isize)
                .map(str::to_string)
                .ok_or_else(|| "this deliverable's status is not in the file's list".into()),
            Target::Nth(n) => data.statuses.get(n).cloned().ok_or_else(|| {
                let n = data.statuses.len();
                format!("this file has {n} statuses; keys 1 to {n} set them")
            }),
        }
    }

    pub(super) fn edit_status(&mut self, target: Target, now: &str) -> Option<Effect> {
        if !self.may_edit() {
            return None;
        }
        if !self.marked.is_empty() {
            return self.ask_bulk(target);
        }
        let Some(&index) = self.rows.get(self.selected) else {
            self.say("no deliverable is selected", true);
            return None;
        };
        let to = match self.status_for(index, target) {
            Ok(to) => to,
            Err(why) => {
                self.say(why, true);
                return None;
            }
        };
        let d = &self.doc.data().deliverables[index];
        let (id, from) = (d.id.clone(), d.status.clone());
        if from == to {
            self.say(format!("{id}: already {to}"), false);
            return None;
        }
        let effect = self.edit_fields(&[(index, Editable::Status, Some(to.clone()))], now)?;
        self.say(format!("{id}: {from} -> {to} (u to undo)"), false);
        self.mark_if_filtered_out(&id);
        Some(effect)
    }

    /// Sets owner, due date or notes of the selected deliverable (`None` or blank removes it).
    pub(super) fn edit_text(&mut self, field: Editable, value: &str, now: &str) -> Option<Effect> {
        let Some(&index) = self.rows.get(self.selected) else {
            self.say("no deliverable is selected", true);
            return None;
        };
        let trimmed = if field == Editable::Notes {
            value.trim_end()
        } else {
            value.trim()
        };
        let to = (!trimmed.is_empty()).then(|| trimmed.to_string());
        if field == Editable::Due
            && let Some(due) = &to
            && !dates::is_valid_date(due)
        {
            self.say(
                format!("{due:?} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD (not saved)"),
                true,
            );
            return None;
        }
        let d = &self.doc.data().deliverables[index];
        let id = d.id.clone();
        if field.value(d) == to.as_deref() {
            self.say(format!("{id}: {} unchanged", field.key()), false);
            return None;
        }
        let effect = self.edit_fields(&[(index, field, to.clone())], now)?;
        let what = match &to {
            Some(_) => "saved",
            None => "removed",
        };
        self.say(format!("{id}: {} {what} (u to undo)", field.key()), false);
        Some(effect)
    }

    /// Applies the changes as one undo step and asks for one save.
    fn edit_fields(
        &mut self,
        changes: &[(usize, Editable, Option<String>)],
        now: &str,
    ) -> Option<Effect> {
        let mut step = Vec::new();
        for (index, field, to) in changes {
            let d = &self.doc.data().deliverables[*index];
            let (id, before) = (d.id.clone(), field.value(d).map(str::to_string));
            let change = Change {
                deliverable: *index,
                field: *field,
                to: to.as_deref(),
                at: now,
                note: None,
            };
            let Some(patch) = edit::patch(&self.doc, &change) else {
                continue;
            };
            if !self.doc.apply(&patch) {
                // Take back what this key did so far: all or nothing.
                self.take_back(&step);
                self.say(
                    format!("{id}: the edit could not be applied; nothing changed"),
                    true,
                );
                return None;
            }
            self.after_change(*index, *field, before, to.clone(), now, false);
            step.push((patch, *field));
        }
        if step.is_empty() {
            return None;
        }
        self.undo.push(UndoStep(step));
        self.redo.clear();
        let keep = self.selected_id();
        self.after_edit(keep)
    }

    /// Bookkeeping after one field changed: pending edits, counts.
    fn after_change(
        &mut self,
        index: usize,
        field: Editable,
        before: Option<String>,
        after: Option<String>,
        now: &str,
        undoing: bool,
    ) {
        let id = self.doc.data().deliverables[index].id.clone();
        if field == Editable::Status
            && let (Some(b), Some(a)) = (&before, &after)
        {
            self.count_status_change(index, b, a);
        }
        self.record(&id, field, before, after, now, undoing);
    }

    /// Reverts patches just applied (newest first), for an edit that failed half way.
    fn take_back(&mut self, step: &[(Patch, Editable)]) {
        for (patch, field) in step.iter().rev() {
            let index = patch.deliverable;
            let before = field
                .value(&self.doc.data().deliverables[index])
                .map(str::to_string);
            if self.doc.revert(patch) {
                let after = field
                    .value(&self.doc.data().deliverables[index])
                    .map(str::to_string);
                self.after_change(index, *field, before, after, "", true);
            }
        }
    }

    /// Undoes (`undoing`) or redoes the last step, moving it to the other stack.
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
        let Some(UndoStep(step)) = popped else {
            self.say(format!("nothing to {verb}"), false);
            return None;
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
                .value(&self.doc.data().deliverables[index])
                .map(str::to_string);
            let ok = if undoing {
                self.doc.revert(patch)
            } else {
                self.doc.apply(patch)
            };
            if !ok {
                // Put back what this replay did, newest first.
                for &j in done.iter().rev() {
                    let (p, _) = &step[j];
                    let _ = if undoing {
                        self.doc.apply(p)
                    } else {
                        self.doc.revert(p)
                    };
                }
                let back = if undoing {
                    &mut self.undo
                } else {
                    &mut self.redo
                };
                back.push(UndoStep(step));
                self.say(
                    format!("the edit could not be {verb}ne; nothing changed"),
                    true,
                );
                return None;
            }
            let d = &self.doc.data().deliverables[index];
            let after = field.value(d).map(str::to_string);
            said = format!(
                "{}: {} {} -> {}",
                d.id,
                field.key(),
                before.as_deref().unwrap_or("(none)"),
                after.as_deref().unwrap_or("(none)")
            );
            self.after_change(index, *field, before, after, now, undoing);
            done.push(i);
        }
        let n = step.len();
        let last_index = step[order[order.len() - 1]].0.deliverable;
        let forth = if undoing {
            &mut self.redo
        } else {
            &mut self.undo
        };
        forth.push(UndoStep(step));
        let hint = if undoing { " (Ctrl-r to redo)" } else { "" };
        let hidden = if self.rows.contains(&last_index) {
            ""
        } else {
            " [not in this view]"
        };
        let what = if n == 1 { said } else { format!("{n} edits") };
        self.say(format!("{verb}ne: {what}{hint}{hidden}"), false);
        let keep = self.selected_id();
        self.after_edit(keep)
    }

    /// After any edit: the list is filtered again (the cursor stays on its deliverable, or
    /// the next one takes its place) and a save is asked for.
    pub(super) fn after_edit(&mut self, keep: Option<String>) -> Option<Effect> {
        self.refilter(keep, Fallback::SamePlace);
        self.save = SaveState::Saving;
        Some(Effect::Save)
    }

    /// Says when the deliverable just edited left the search's list.
    fn mark_if_filtered_out(&mut self, id: &str) {
        if self.search.active()
            && self.selected_id().as_deref() != Some(id)
            && let Some(m) = &mut self.message
        {
            m.text.push_str(" [no longer matches the search]");
        }
    }

    // ---- marks and bulk changes ----

    pub(super) fn toggle_mark(&mut self) {
        let Some(&index) = self.rows.get(self.selected) else {
            return;
        };
        if !self.marked.remove(&index) {
            self.marked.insert(index);
        }
        // Marking moves on, so Space Space Space marks three rows.
        self.move_in_list(1);
        self.say_marks();
    }

    pub(super) fn mark_all_shown(&mut self) {
        self.marked.extend(self.rows.iter().copied());
        self.say_marks();
    }

    pub(super) fn clear_marks(&mut self) {
        self.marked.clear();
        self.say("marks cleared", false);
    }

    fn say_marks(&mut self) {
        let n = self.marked.len();
        self.say(
            format!("{n} marked: a status key sets them all (after y); Esc clears the marks"),
            false,
        );
    }

    fn ask_bulk(&mut self, target: Target) -> Option<Effect> {
        let deliverables: Vec<usize> = self.marked.iter().copied().collect();
        let n = deliverables.len();
        let what = match target {
            Target::Nth(i) => match self.doc.data().statuses.get(i) {
                Some(s) => {
                    let already = deliverables
                        .iter()
                        .filter(|&&d| self.doc.data().deliverables[d].status == *s)
                        .count();
                    let changing = n - already;
                    let plural = if changing == 1 { "" } else { "s" };
                    let rest = match already {
                        0 => String::new(),
                        a => format!(" ({a} already {s})"),
                    };
                    format!("set {changing} deliverable{plural} to {s}{rest}")
                }
                None => {
                    let k = self.doc.data().statuses.len();
                    self.say(
                        format!("this file has {k} statuses; keys 1 to {k} set them"),
                        true,
                    );
                    return None;
                }
            },
            Target::Step(1) => format!("move {n} deliverables on to their next status"),
            Target::Step(_) => format!("move {n} deliverables back to their previous status"),
        };
        self.bulk = Some(Bulk {
            deliverables,
            target,
            question: format!("{what}? y/n"),
        });
        self.mode = Mode::Confirm;
        None
    }

    /// The answer to the bulk question.
    pub(super) fn answer_bulk(&mut self, yes: bool, now: &str) -> Option<Effect> {
        self.mode = Mode::Browse;
        let bulk = self.bulk.take()?;
        if !yes {
            self.say("nothing changed; the marks are kept", false);
            return None;
        }
        let mut changes = Vec::new();
        for &index in &bulk.deliverables {
            match self.status_for(index, bulk.target) {
                Ok(to) if to != self.doc.data().deliverables[index].status => {
                    changes.push((index, Editable::Status, Some(to)));
                }
                Ok(_) => {}
                Err(why) => {
                    self.say(why, true);
                    return None;
                }
            }
        }
        let n = changes.len();
        if n == 0 {
            self.say("nothing to change: they all have that status", false);
            return None;
        }
        let effect = self.edit_fields(&changes, now)?;
        self.marked.clear();
        self.say(
            format!("{n} deliverables changed (u undoes all {n})"),
            false,
        );
        Some(effect)
    }
}
