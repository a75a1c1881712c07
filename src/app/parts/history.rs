//! Undo and redo, the record of the edits not on disk yet, and the bulk question.

use std::collections::HashMap;

use super::message::Message;
use crate::action::Action;
use crate::capture::{self, Applied, Op, Stop};
use crate::document::{Document, Patch, Splice};
use crate::edit::{self, Change};
use crate::merge::{Pending, Step};
use crate::model::Editable;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    Step(i8),
    Nth(usize),
}

/// One change within an undo step: a field of a deliverable, or a deliverable added (the
/// splice that wrote it, and its id).
#[derive(Debug, Clone)]
pub(crate) enum Entry {
    /// The patch, its field, and the same change by id and value, to carry over a reload.
    Field(Patch, Editable, Box<Carried>),
    Added(Splice, String),
    /// A council or an area added or edited: its splices and the operation.
    Op(Vec<Splice>, Box<Op>),
}

/// A field change by the deliverable's id and values, not by the text: what an undo step is
/// once another writer's version has replaced the text it was made in. Undoing it is a new
/// edit from `expected` (the value it should find) to `target`.
#[derive(Debug, Clone)]
pub(crate) struct Carried {
    id: String,
    field: Editable,
    expected: Option<String>,
    target: Option<String>,
}

/// What one key changed: one edit, or a bulk change of the marked deliverables, or what a
/// form saved. Undo takes it back as a whole.
#[derive(Debug, Clone)]
pub(crate) struct UndoStep(Vec<Entry>);

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

/// An edit not on disk yet, with the numbers of the edits that made its steps.
#[derive(Debug, Clone)]
struct Waiting {
    /// The number of the edit that made it last.
    seq: u64,
    /// One number per step of `edit` (none for something added).
    step_seqs: Vec<u64>,
    edit: Pending,
}

impl Waiting {
    fn new(seq: u64, edit: Pending) -> Self {
        Waiting {
            seq,
            step_seqs: vec![seq; edit.steps.len()],
            edit,
        }
    }
}

/// Undo and redo, and the record of the edits not on disk yet.
#[derive(Debug, Default)]
pub(crate) struct History {
    undo: Vec<UndoStep>,
    redo: Vec<UndoStep>,
    /// Undo steps made before another writer's version replaced the text, by id and value:
    /// older than every step in `undo`, so undone once `undo` is empty.
    carried_undo: Vec<Vec<Carried>>,
    /// Carried steps undone: newer than every step in `redo`, so redone first.
    carried_redo: Vec<Vec<Carried>>,
    /// Edits not on disk yet, each with the number of the edit that made it last.
    pending: Vec<Waiting>,
    /// Where each field edit of `pending` is, by deliverable and field (`None` after a
    /// removal from `pending`, made again when next needed): an edit of many rows at once
    /// finds its own without a walk of `pending` per row.
    index: Option<HashMap<(String, Editable), usize>>,
    /// How many edits were made (numbers the pending edits).
    edit_seq: u64,
}

impl History {
    pub(crate) fn can_undo(&self) -> bool {
        !self.undo.is_empty() || !self.carried_undo.is_empty()
    }

    pub(crate) fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    pub(crate) fn pending(&self) -> impl Iterator<Item = &Pending> {
        self.pending.iter().map(|w| &w.edit)
    }

    pub(crate) fn edit_seq(&self) -> u64 {
        self.edit_seq
    }

    /// A new document replaced the old one (a reload or a merge): undo steps of field edits
    /// are carried over by id and value; older ones, from a step that added a deliverable or
    /// changed a council or an area, are dropped (true when some were). `pending` are the
    /// edits still to write.
    pub(crate) fn restart(&mut self, pending: Vec<Pending>) -> bool {
        let mut dropped = false;
        for UndoStep(step) in std::mem::take(&mut self.undo) {
            let fields: Option<Vec<Carried>> = step
                .into_iter()
                .map(|e| match e {
                    Entry::Field(_, _, carried) => Some(*carried),
                    _ => None,
                })
                .collect();
            match fields {
                Some(fields) => self.carried_undo.push(fields),
                None => {
                    dropped = true;
                    self.carried_undo.clear();
                }
            }
        }
        self.redo.clear();
        self.carried_redo.clear();
        self.edit_seq += 1;
        let seq = self.edit_seq;
        self.pending = pending.into_iter().map(|p| Waiting::new(seq, p)).collect();
        self.index = None;
        dropped
    }

    /// A save that held the edits up to number `through` went well: they are on disk. A
    /// field edited again since keeps only its later steps, so that it starts from the value
    /// this save wrote: a merge never takes this session's own saved value for another
    /// writer's.
    pub(crate) fn saved_through(&mut self, through: u64) {
        self.pending.retain(|w| w.seq > through);
        for w in &mut self.pending {
            let saved = w.step_seqs.iter().take_while(|s| **s <= through).count();
            w.step_seqs.drain(..saved);
            w.edit.steps.drain(..saved);
        }
        self.index = None;
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
            let carried = Carried {
                id: id.to_string(),
                field: *field,
                expected: to.clone(),
                target: before.clone(),
            };
            let c = Changed {
                index: *index,
                field: *field,
                before,
                after: to.clone(),
            };
            self.note(doc, &mut changed, c, now, false);
            step.push(Entry::Field(patch, *field, Box::new(carried)));
        }
        if !step.is_empty() {
            self.undo.push(UndoStep(step));
            self.redo.clear();
            self.carried_redo.clear();
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
        // Steps carried over another writer's version: older than `undo`, newer than `redo`.
        let carried = if undoing {
            self.undo.is_empty()
        } else {
            !self.carried_redo.is_empty()
        };
        if carried && let Some(step) = self.carried(undoing).pop() {
            return Some(self.replay_carried(doc, step, undoing, now));
        }
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
            // A field's value before, for what is said and noted.
            let before = match &step[i] {
                Entry::Field(patch, field, _) => field
                    .value(&doc.data().deliverables[patch.deliverable])
                    .map(std::borrow::Cow::into_owned),
                _ => None,
            };
            let ok = match &step[i] {
                Entry::Added(splice, _) if undoing => doc.splice(&splice.inverse()),
                Entry::Added(splice, _) => doc.splice(splice),
                Entry::Op(splices, _) => replay_splices(doc, splices, undoing),
                Entry::Field(patch, ..) if undoing => doc.revert(patch),
                Entry::Field(patch, ..) => doc.apply(patch),
            };
            if !ok {
                // Put back what this replay did, newest first.
                for &j in done.iter().rev() {
                    replay_back(doc, &step[j], undoing);
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
            // An added deliverable or a form's operation moves indices: every count is
            // made again (`usize::MAX`).
            let whole = Changed {
                index: usize::MAX,
                field: Editable::Removed,
                before: None,
                after: None,
            };
            match &step[i] {
                Entry::Added(_, id) => {
                    self.record_added(doc, id, !undoing);
                    said = format!("{id} {}", if undoing { "taken out" } else { "added" });
                    changed.push(whole);
                }
                Entry::Op(_, op) => {
                    self.record_op(op, !undoing);
                    said = format!(
                        "{} {}",
                        op_target(op),
                        if undoing { "taken back" } else { "done again" }
                    );
                    changed.push(whole);
                }
                Entry::Field(patch, field, _) => {
                    let index = patch.deliverable;
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
                }
            }
            done.push(i);
        }
        let steps = step.len();
        let last = match &step[order[order.len() - 1]] {
            Entry::Field(p, ..) => p.deliverable,
            Entry::Added(_, id) => doc.data().deliverable_index(id).unwrap_or(usize::MAX),
            Entry::Op(..) => usize::MAX,
        };
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

    /// Undoes (or redoes) a step carried over another writer's version, as new edits with
    /// their history entries. A field the other writer changed since to another value stops
    /// it: it is said and counts as seen, so that the same key again sets it back.
    fn replay_carried(
        &mut self,
        doc: &mut Document,
        mut step: Vec<Carried>,
        undoing: bool,
        now: &str,
    ) -> Outcome<Replayed> {
        let verb = if undoing { "undo" } else { "redo" };
        let shown = |v: &Option<String>| {
            v.as_deref()
                .map_or_else(|| "(none)".to_string(), |v| format!("{v:?}"))
        };
        let mut changed = Vec::new();
        let mut clashes = Vec::new();
        for c in &mut step {
            let data = doc.data();
            let Some(index) = data.deliverable_index(&c.id) else {
                let why = format!(
                    "{}: no longer in the file, so this {verb} step is dropped",
                    c.id
                );
                return Outcome {
                    changed,
                    result: Err(Message::error(why)),
                };
            };
            let now_there = c
                .field
                .value(&data.deliverables[index])
                .map(std::borrow::Cow::into_owned);
            if now_there != c.expected && now_there != c.target {
                clashes.push(format!(
                    "{}: {} is {} on disk since",
                    c.id,
                    c.field.key(),
                    shown(&now_there)
                ));
                c.expected = now_there;
            }
        }
        if let Some(first) = clashes.first() {
            let more = match clashes.len() {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            let why =
                format!("{first}{more}, changed by another writer: {verb} again to set it anyway");
            self.carried(undoing).push(step);
            return Outcome {
                changed,
                result: Err(Message::error(why)),
            };
        }
        let order: Vec<usize> = if undoing {
            (0..step.len()).rev().collect()
        } else {
            (0..step.len()).collect()
        };
        // What this replay did so far, to take back as an edit's half is if one fails.
        let mut done: Vec<Entry> = Vec::new();
        let (mut said, mut last) = (String::new(), 0);
        for &i in &order {
            let c = &step[i];
            let Some(index) = doc.data().deliverable_index(&c.id) else {
                continue;
            };
            let before = c
                .field
                .value(&doc.data().deliverables[index])
                .map(std::borrow::Cow::into_owned);
            let change = Change {
                deliverable: index,
                field: c.field,
                to: c.target.as_deref(),
                at: now,
                note: None,
            };
            // None: the field has that value already.
            let Some(patch) = edit::patch(doc, &change) else {
                continue;
            };
            if !doc.apply(&patch) {
                self.take_back(doc, &done, &mut changed);
                self.carried(undoing).push(step);
                let why = format!("the edit could not be {verb}ne; nothing changed");
                return Outcome {
                    changed,
                    result: Err(Message::error(why)),
                };
            }
            said = format!(
                "{}: {} {} -> {}",
                c.id,
                c.field.key(),
                before.as_deref().unwrap_or("(none)"),
                c.target.as_deref().unwrap_or("(none)")
            );
            last = index;
            let note = Changed {
                index,
                field: c.field,
                before,
                after: c.target.clone(),
            };
            self.note(doc, &mut changed, note, now, false);
            done.push(Entry::Field(patch, c.field, Box::new(c.clone())));
        }
        if done.is_empty()
            && let Some(c) = step.first()
        {
            // Another writer had set every field to what this step sets: nothing to write.
            said = format!(
                "{}: {} is {} already (set by another writer)",
                c.id,
                c.field.key(),
                c.target.as_deref().unwrap_or("(none)")
            );
            last = usize::MAX;
        }
        let steps = step.len();
        let back: Vec<Carried> = step
            .into_iter()
            .map(|c| Carried {
                expected: c.target,
                target: c.expected,
                ..c
            })
            .collect();
        self.carried(!undoing).push(back);
        Outcome {
            changed,
            result: Ok(Replayed { steps, last, said }),
        }
    }

    /// The carried steps to undo (`undoing`) or to redo.
    fn carried(&mut self, undoing: bool) -> &mut Vec<Vec<Carried>> {
        if undoing {
            &mut self.carried_undo
        } else {
            &mut self.carried_redo
        }
    }

    /// Reverts patches just applied (newest first), for an edit that failed half way.
    fn take_back(&mut self, doc: &mut Document, step: &[Entry], changed: &mut Vec<Changed>) {
        for entry in step.iter().rev() {
            let Entry::Field(patch, field, _) = entry else {
                if let Entry::Added(splice, id) = entry
                    && doc.splice(&splice.inverse())
                {
                    self.record_added(doc, id, false);
                }
                if let Entry::Op(splices, op) = entry
                    && replay_splices(doc, splices, true)
                {
                    self.record_op(op, false);
                }
                continue;
            };
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
        let pending = &self.pending;
        let index = self.index.get_or_insert_with(|| {
            pending
                .iter()
                .enumerate()
                .filter(|(_, w)| w.edit.added.is_none())
                .map(|(i, w)| ((w.edit.id.clone(), w.edit.field), i))
                .collect()
        });
        let key = (id.to_string(), field);
        let Some(&i) = index.get(&key) else {
            index.insert(key, self.pending.len());
            let edit = Pending {
                id: id.to_string(),
                field,
                steps: vec![step],
                added: None,
            };
            self.pending.push(Waiting::new(seq, edit));
            return;
        };
        let w = &mut self.pending[i];
        w.seq = seq;
        let takes_back = w
            .edit
            .steps
            .last()
            .is_some_and(|last| last.to == before && last.from == after);
        if undoing && takes_back {
            // Nothing of it may be left to merge, but the save still runs: the text changed.
            w.edit.steps.pop();
            w.step_seqs.pop();
        } else {
            w.edit.steps.push(step);
            w.step_seqs.push(seq);
        }
    }
}

impl History {
    /// Notes a deliverable added (`true`, with its object's text from `doc`) or taken out
    /// again, for saving and merging.
    fn record_added(&mut self, doc: &Document, id: &str, added: bool) {
        self.edit_seq += 1;
        let seq = self.edit_seq;
        if !added {
            // Its edits were undone before it (undo goes backwards); what is left of it goes.
            self.pending.retain(|w| w.edit.id != id);
            self.index = None;
            return;
        }
        let Some(i) = doc.data().deliverable_index(id) else {
            return;
        };
        let Some(object) = doc.data().object(i).and_then(|o| doc.slice(o)) else {
            return;
        };
        let object = object.into_owned();
        let edit = Pending {
            id: id.to_string(),
            field: Editable::Removed,
            steps: vec![],
            added: Some(crate::merge::Added::Deliverable(object)),
        };
        self.pending.push(Waiting::new(seq, edit));
    }

    /// Notes a council's or an area's operation done (`true`) or taken back, for saving and
    /// merging.
    fn record_op(&mut self, op: &Op, done: bool) {
        self.edit_seq += 1;
        let seq = self.edit_seq;
        let added = Some(crate::merge::Added::Op(Box::new(op.clone())));
        if done {
            let edit = Pending {
                id: op_target(op),
                field: Editable::Removed,
                steps: vec![],
                added,
            };
            self.pending.push(Waiting::new(seq, edit));
        } else if let Some(i) = self.pending.iter().rposition(|w| w.edit.added == added) {
            self.pending.remove(i);
            self.index = None;
        }
    }

    /// Applies operations as one undo step, all or nothing; what the last one added.
    pub(crate) fn apply_ops(
        &mut self,
        doc: &mut Document,
        ops: &[Op],
        now: &str,
    ) -> Result<(Vec<Changed>, Option<String>), Stop> {
        let before = self.undo.len();
        let mut changed = Vec::new();
        let mut added = None;
        for op in ops {
            match self.apply_op(doc, op, now) {
                Ok((c, a)) => {
                    changed.extend(c);
                    added = a;
                }
                Err(stop) => {
                    while self.undo.len() > before {
                        if let Some(UndoStep(step)) = self.undo.pop() {
                            self.take_back(doc, &step, &mut changed);
                        }
                    }
                    return Err(stop);
                }
            }
        }
        let entries: Vec<Entry> = self.undo.drain(before..).flat_map(|s| s.0).collect();
        if !entries.is_empty() {
            self.undo.push(UndoStep(entries));
        }
        Ok((changed, added))
    }

    /// Applies a meeting's operation (a form saved) as one undo step, with the same checks,
    /// splices and history entries as the command line.
    pub(crate) fn apply_op(
        &mut self,
        doc: &mut Document,
        op: &Op,
        now: &str,
    ) -> Result<(Vec<Changed>, Option<String>), Stop> {
        // The values before, to record each field's change.
        let before = match op {
            Op::Edit { id, .. } => doc.data().deliverable_index(id).map(|i| {
                let d = &doc.data().deliverables[i];
                Editable::ALL.map(|f| f.value(d).map(std::borrow::Cow::into_owned))
            }),
            _ => None,
        };
        let done = capture::apply(doc, op, now, None)?;
        let mut step = Vec::new();
        let mut changed = Vec::new();
        // A council's or an area's operation: its splices are one entry, done again as a
        // whole in another writer's file.
        let on_deliverables = match op {
            Op::AddDeliverable(_) => true,
            Op::Edit { id, .. } | Op::Remove(id) | Op::Restore(id) => {
                doc.data().deliverable_index(id).is_some()
            }
            Op::AddCouncil(_) | Op::AddArea { .. } | Op::Purge { .. } => false,
        };
        if !on_deliverables {
            let splices: Vec<Splice> = done
                .steps
                .into_iter()
                .filter_map(|a| match a {
                    Applied::Splice(s) => Some(s),
                    Applied::Patch(..) => None,
                })
                .collect();
            if !splices.is_empty() {
                self.record_op(op, true);
                changed.push(Changed {
                    index: usize::MAX,
                    field: Editable::Removed,
                    before: None,
                    after: None,
                });
                self.undo
                    .push(UndoStep(vec![Entry::Op(splices, Box::new(op.clone()))]));
                self.redo.clear();
                self.carried_redo.clear();
            }
            return Ok((changed, done.added));
        }
        for applied in done.steps {
            match applied {
                Applied::Patch(patch, field) => {
                    let index = patch.deliverable;
                    let was = before.as_ref().and_then(|b| {
                        let at = Editable::ALL.iter().position(|f| *f == field)?;
                        b[at].clone()
                    });
                    let after = field
                        .value(&doc.data().deliverables[index])
                        .map(std::borrow::Cow::into_owned);
                    let carried = Carried {
                        id: doc.data().deliverables[index].id.to_string(),
                        field,
                        expected: after.clone(),
                        target: was.clone(),
                    };
                    let c = Changed {
                        index,
                        field,
                        before: was,
                        after,
                    };
                    self.note(doc, &mut changed, c, now, false);
                    step.push(Entry::Field(patch, field, Box::new(carried)));
                }
                Applied::Splice(splice) => {
                    let Some(id) = done.added.clone() else {
                        continue;
                    };
                    self.record_added(doc, &id, true);
                    changed.push(Changed {
                        index: usize::MAX,
                        field: Editable::Removed,
                        before: None,
                        after: None,
                    });
                    step.push(Entry::Added(splice, id));
                }
            }
        }
        if !step.is_empty() {
            self.undo.push(UndoStep(step));
            self.redo.clear();
            self.carried_redo.clear();
        }
        Ok((changed, done.added))
    }
}

/// Puts back one entry of a replay that failed half way.
fn replay_back(doc: &mut Document, entry: &Entry, undoing: bool) {
    let _ = match (entry, undoing) {
        (Entry::Field(p, ..), true) => doc.apply(p),
        (Entry::Field(p, ..), false) => doc.revert(p),
        (Entry::Added(s, _), true) => doc.splice(s),
        (Entry::Added(s, _), false) => doc.splice(&s.inverse()),
        (Entry::Op(s, _), undoing) => replay_splices(doc, s, !undoing),
    };
}

/// Takes the splices back (`undoing`, newest first) or does them again.
fn replay_splices(doc: &mut Document, splices: &[Splice], undoing: bool) -> bool {
    if undoing {
        splices.iter().rev().all(|s| doc.splice(&s.inverse()))
    } else {
        splices.iter().all(|s| doc.splice(s))
    }
}

/// The id an operation is about, to say what an undo did.
fn op_target(op: &Op) -> String {
    match op {
        Op::AddCouncil(c) => c.name.clone(),
        Op::AddArea { name, .. } => name.clone(),
        Op::Edit { id, .. } | Op::Remove(id) | Op::Restore(id) => id.clone(),
        Op::AddDeliverable(d) => d.title.clone(),
        Op::Purge { .. } => "purge".to_string(),
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
