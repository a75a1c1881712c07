//! How the app follows the file on disk: how saves went, changes made by others (reload,
//! merge, the conflict dialog), a file that went away. `Disk` keeps the file's state.

use super::App;
use super::parts::{ConflictDialog, ConflictItem, Fallback, Overlay, SaveState};
use crate::action::{Action, Effect};
use crate::document::Document;
use crate::figures::Figures;
use crate::merge::{self, Pending};
use crate::vocabulary::Side;

impl App {
    pub fn conflict(&self) -> Option<&ConflictDialog> {
        match &self.overlay {
            Overlay::Conflict(dialog) => Some(dialog),
            _ => None,
        }
    }

    pub(super) fn update_conflict(&mut self, action: Action) -> Option<Effect> {
        if matches!(self.overlay, Overlay::FileConflict(_)) {
            return self.update_file_conflict(action);
        }
        let Overlay::Conflict(dialog) = &mut self.overlay else {
            return None;
        };
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
    fn finish_conflicts(&mut self) -> Option<Effect> {
        let Overlay::Conflict(dialog) = std::mem::take(&mut self.overlay) else {
            return None;
        };
        if let Some(under) = dialog.under {
            self.overlay = *under;
        }
        let mut doc = *dialog.merged;
        let mut kept = dialog.applied;
        let (mut mine, mut theirs) = (0, 0);
        for item in dialog.items {
            if item.choice == Some(Side::Mine) {
                let edits = item.conflict.keep_mine();
                if edits.iter().all(|e| merge::apply(&mut doc, e)) {
                    kept.extend(edits);
                    mine += 1;
                }
            } else {
                theirs += 1;
            }
        }
        let note = self.take_document(doc, kept);
        self.say(
            format!(
                "merged with the changes on disk: {mine} kept as yours, {theirs} taken from disk{note}"
            ),
            false,
        );
        if !self.history.has_pending() {
            // Nothing of ours to write: what is shown is what is on disk.
            self.disk.save = SaveState::Synced;
        }
        self.after_merge()
    }

    /// Replaces the document (after a reload or a merge): the cursor keeps its deliverable;
    /// undo steps of field edits carry over, by id and value; marks, questions and what an
    /// open form or editor shows follow. What to add to the message: older undo steps dropped
    /// (an add, a council's or an area's change), a question closed.
    pub(super) fn take_document(&mut self, doc: Document, pending: Vec<Pending>) -> String {
        let keep = self.selected_id();
        let asked = self.marks_by_id();
        self.doc = doc;
        self.figures = Figures::with_overdue(self.doc.data(), &self.today);
        let dropped = self.history.restart(pending);
        let said = self.ask_again(asked);
        self.disk.lost = false;
        let data = self.doc.data();
        self.lists.recount(data);
        self.lists.refilter(data, keep, Fallback::SamePlace);
        self.refresh_form();
        self.refresh_object_form();
        self.refresh_editor();
        let undo = if dropped {
            " (undo now stops at your last add or council or area edit)"
        } else {
            ""
        };
        format!("{undo}{said}")
    }

    fn after_merge(&mut self) -> Option<Effect> {
        if !self.history.has_pending() {
            return None;
        }
        Some(self.disk.save())
    }

    /// The file changed on disk (`theirs` is what it holds now). With nothing pending it is
    /// simply shown; otherwise this session's edits are merged into it, field by field, and a
    /// save follows, or the conflict dialog opens.
    pub fn disk_changed(&mut self, theirs: Document) -> Option<Effect> {
        if self.drop_file_conflicts() {
            self.take_document(theirs, vec![]);
            self.say(
                "the file was resolved on disk meanwhile: it is shown as it is now",
                false,
            );
            return None;
        }
        // A dialog still open was about an older version of the file: its questions are asked
        // again about this one (or not at all, if it now merges cleanly).
        let asked_before = match std::mem::take(&mut self.overlay) {
            Overlay::Conflict(dialog) => {
                if let Some(under) = dialog.under {
                    self.overlay = *under;
                }
                true
            }
            other => {
                self.overlay = other;
                false
            }
        };
        let again = if asked_before {
            "the file changed again; "
        } else {
            ""
        };
        let pending: Vec<Pending> = self
            .pending()
            .filter(|p| !p.steps.is_empty() || p.added.is_some())
            .cloned()
            .collect();
        if pending.is_empty() {
            let what = self.what_changed(&theirs);
            let note = self.take_document(theirs, vec![]);
            if asked_before {
                self.disk.save = SaveState::Synced;
            }
            self.say(
                format!("{again}reloaded: changed on disk{what}{note}"),
                false,
            );
            return None;
        }
        let merged = merge::merge_against(theirs, &pending, Some(self.doc.data()));
        let orphans = merged.orphans.len();
        let lost = if orphans > 0 {
            format!("; {orphans} of your edits were to deliverables no longer in the file")
        } else {
            String::new()
        };
        if merged.conflicts.is_empty() {
            let n = merged.applied.len();
            let renamed = said_renamed(&merged.renamed);
            let note = self.take_document(merged.doc, merged.applied);
            self.follow_renamed(&merged.renamed);
            self.say(
                format!(
                    "{again}merged with the changes on disk: {n} of your edits re-applied{lost}{renamed}{note}"
                ),
                orphans > 0 || !renamed.is_empty(),
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
        // A new dialog goes over what is open (an editor, a form), which comes back after it.
        let under = match std::mem::take(&mut self.overlay) {
            Overlay::None => None,
            open => Some(Box::new(open)),
        };
        self.overlay = Overlay::Conflict(ConflictDialog {
            merged: Box::new(merged.doc),
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
            under,
        });
        self.disk.save = SaveState::Failed("waiting for your answer to the conflicts".into());
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
            crate::model::Editable::ALL.map(|f| f.value(d).map(std::borrow::Cow::into_owned))
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
        self.disk.lost = true;
        self.disk.save = SaveState::Failed(why.clone());
        self.say(
            format!("{why}; everything stays in memory: w writes it back, W to another file"),
            true,
        );
    }

    /// The file on disk changed but cannot be read or is not valid now: nothing is loaded or
    /// written over it.
    pub(crate) fn disk_unreadable(&mut self, why: String) {
        // A save waiting for the file would only find it the same way: it waits for `w`,
        // and says why rather than that the file "keeps changing".
        if self.history.has_pending() && self.disk.save == SaveState::Pending {
            self.disk.save = SaveState::Failed(format!("not saved: {why}"));
        }
        self.say(
            format!("{why}; nothing was loaded and your edits stay in memory"),
            true,
        );
    }

    /// After a "write to" succeeded: this is now the file being edited.
    pub(crate) fn renamed(&mut self, file: String) {
        self.disk.file = file;
        self.disk.lost = false;
    }

    /// A save found that another writer had saved the file meanwhile, and merged this
    /// session's edits (up to number `through`) into their version: `doc` is what is on disk
    /// now. Edits made since are merged into it in turn (a save follows, or the conflict
    /// dialog opens).
    /// `moved`: the deliverables added here that the merge added under a free id (asked, given).
    pub fn saved_merged(
        &mut self,
        doc: Document,
        moved: &[(String, String)],
        time: &str,
        through: u64,
    ) -> Option<Effect> {
        let renamed = said_renamed(moved);
        self.history.saved_through(through);
        self.disk.lost = false;
        if !self.history.has_pending() {
            let what = self.what_changed(&doc);
            let note = self.take_document(doc, vec![]);
            self.follow_renamed(moved);
            self.disk.save = SaveState::Saved(time.to_string());
            self.say(
                format!("saved, merged with what another writer saved{what}{renamed}{note}"),
                !renamed.is_empty(),
            );
            return None;
        }
        let effect = self.disk_changed(doc);
        self.follow_renamed(moved);
        if !renamed.is_empty()
            && let Some(m) = &mut self.message
        {
            m.text.push_str(&renamed);
            m.error = true;
        }
        effect
    }

    /// The event loop reports how a save went; `time` is the wall-clock time to show.
    pub fn saved(&mut self, result: Result<(), String>, time: &str) {
        self.saved_through(result, time, self.history.edit_seq());
    }

    /// How a save that held the edits up to number `through` went. Later edits stay pending
    /// (the loop saves again).
    pub(crate) fn saved_through(&mut self, result: Result<(), String>, time: &str, through: u64) {
        match result {
            Ok(()) => {
                let was_failed = matches!(self.disk.save, SaveState::Failed(_));
                self.history.saved_through(through);
                self.disk.lost = false;
                // An edit made after the text saved (an undo of an add leaves none to merge)
                // is not on disk yet.
                if self.history.has_pending() || self.history.edit_seq() > through {
                    self.disk.save = SaveState::Pending;
                    return;
                }
                if was_failed {
                    self.say("saved: every edit is on disk now", false);
                }
                self.disk.save = SaveState::Saved(time.to_string());
            }
            Err(e) => {
                self.disk.save = SaveState::Failed(e.clone());
                self.say(
                    format!("{e} (edits kept; w to retry, W to write elsewhere)"),
                    true,
                );
            }
        }
    }
}

/// What to say of deliverables added here that another writer's save had already taken the
/// id of: (the id asked for, the id they were added under).
fn said_renamed(renamed: &[(String, String)]) -> String {
    renamed
        .iter()
        .map(|(asked, got)| {
            let (asked, got) = (
                crate::terminal_text::line(asked),
                crate::terminal_text::line(got),
            );
            format!("; yours was added as {got}: another writer had added {asked} meanwhile")
        })
        .collect()
}

impl App {
    /// The cursor on a deliverable added here goes with it to the id it was added under,
    /// not to the other writer's deliverable that took its id.
    fn follow_renamed(&mut self, renamed: &[(String, String)]) {
        let selected = self.selected_id();
        for (asked, got) in renamed {
            if selected.as_deref() == Some(asked.as_str())
                && let Some(i) = self.doc.data().deliverable_index(got)
            {
                if !self.lists.rows().contains(&i) {
                    let keep = Some(got.clone());
                    self.lists
                        .refilter(self.doc.data(), keep, Fallback::SamePlace);
                }
                self.lists.select_index(i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Editable;
    use crate::vocabulary::Mode;

    const NOW: &str = "2026-01-01T10:00:00Z";

    fn app() -> App {
        let doc = Document::from_text(crate::store::BUNDLED.to_string()).unwrap();
        let mut app = App::new(doc, "o.json".into(), false);
        for a in [Action::NextPane, Action::NextPane] {
            app.update(a, NOW);
        }
        app
    }

    /// The file as someone else changed it: the first deliverable set to `dropped`.
    fn theirs() -> Document {
        let mut theirs = Document::from_text(crate::store::BUNDLED.to_string()).unwrap();
        let change = crate::edit::StatusChange {
            deliverable: 0,
            to: "dropped",
            at: NOW,
            note: None,
        };
        let patch = crate::edit::status_patch(&theirs, &change).unwrap();
        assert!(theirs.apply(&patch));
        theirs
    }

    #[test]
    fn an_undo_made_while_a_save_ran_still_waits_to_be_written_when_it_ends() {
        let mut app = app();
        app.update(Action::AddDeliverable, NOW);
        for c in "Joint AI safety tests".chars() {
            app.update(
                Action::FormInput(crossterm::event::KeyEvent::from(
                    crossterm::event::KeyCode::Char(c),
                )),
                NOW,
            );
        }
        app.update(Action::FormSave, NOW);
        // A save of the text with the new deliverable starts, then the add is undone (which
        // leaves no edit to merge: the add was never written).
        let through = app.edit_seq();
        app.update(Action::Undo, NOW);
        assert_eq!(app.document().text(), crate::store::BUNDLED);
        // The save that held the add ends: the undo is not on disk yet.
        app.saved_through(Ok(()), "10:00:02", through);
        assert_eq!(*app.save_state(), SaveState::Pending);
    }

    #[test]
    fn a_conflict_while_editing_a_field_gives_the_editor_back_once_answered() {
        let mut app = app();
        app.update(Action::CycleStatus(1), NOW);
        app.update(Action::EditField(Editable::Owner), NOW);
        for c in "Ada".chars() {
            app.update(
                Action::EditorInput(crossterm::event::KeyEvent::from(
                    crossterm::event::KeyCode::Char(c),
                )),
                NOW,
            );
        }
        assert_eq!(app.disk_changed(theirs()), None);
        assert_eq!(app.mode(), Mode::Conflict);
        assert!(app.editor().is_none(), "the dialog has the keys");
        app.update(Action::ResolveAll(Side::Mine), NOW);
        assert_eq!(app.mode(), Mode::Edit);
        assert!(app.editor().unwrap().text().ends_with("Ada"));
    }

    #[test]
    fn a_reload_keeps_the_marks_and_the_bulk_question_on_the_same_deliverables() {
        let mut app = app();
        app.update(Action::MarkAll, NOW);
        let marked = app.marked().len();
        app.update(Action::SetStatus(0), NOW);
        assert_eq!(app.mode(), Mode::Confirm);
        // Another writer adds a deliverable first in the file: every index moves by one.
        let mut text = crate::store::BUNDLED.to_string();
        let first = text.find("    {\n      \"id\": \"eu-jp-dpc-2/").unwrap();
        text.insert_str(
            first,
            "    {\n      \"id\": \"new-first\",\n      \"council\": \"eu-jp-dpc-2\",\n      \"title\": \"New\",\n      \"status\": \"done\"\n    },\n",
        );
        let theirs = Document::from_text(text).unwrap();
        assert_eq!(app.disk_changed(theirs), None);
        assert_eq!(app.mode(), Mode::Confirm, "the question stays");
        assert_eq!(app.marked().len(), marked);
        assert_eq!(app.update(Action::Confirm(true), NOW), Some(Effect::Save));
        let data = app.data();
        let i = data.deliverable_index("new-first").unwrap();
        assert_eq!(data.deliverables[i].status, "done", "not one of the marked");
        let planned = data
            .deliverables
            .iter()
            .filter(|d| d.status == "planned")
            .count();
        assert_eq!(planned, marked);
    }

    #[test]
    fn a_save_merged_with_another_writer_never_takes_this_sessions_saved_value_for_theirs() {
        let mut app = app();
        let id = app.selected().unwrap().id.to_string();
        let status = |app: &App, id: &str| {
            let data = app.data();
            data.deliverables[data.deliverable_index(id).unwrap()]
                .status
                .to_string()
        };
        // `1`: planned. A save of it starts (it holds the edits made so far)…
        app.update(Action::SetStatus(0), NOW);
        let through = app.edit_seq();
        let saving: Vec<Pending> = app.pending().cloned().collect();
        // …and `2` is pressed while it runs.
        app.update(Action::SetStatus(1), NOW);
        // The save found another writer's change to another deliverable and merged into it.
        let mut theirs = Document::from_text(crate::store::BUNDLED.to_string()).unwrap();
        let change = crate::edit::StatusChange {
            deliverable: 1,
            to: "blocked",
            at: NOW,
            note: None,
        };
        let patch = crate::edit::status_patch(&theirs, &change).unwrap();
        assert!(theirs.apply(&patch));
        let other = theirs.data().deliverables[1].id.to_string();
        let written = merge::merge(theirs, &saving);
        assert!(written.conflicts.is_empty());
        let effect = app.saved_merged(written.doc, &written.renamed, "10:00:02", through);
        assert!(
            app.conflict().is_none(),
            "no clash with this session's own save"
        );
        assert_eq!(effect, Some(Effect::Save), "`2` is saved next");
        assert_eq!(status(&app, &id), "in_progress");
        assert_eq!(status(&app, &other), "blocked");
        let pending: Vec<&Pending> = app.pending().collect();
        assert_eq!(pending.len(), 1);
        assert_eq!(pending[0].base(), Some("planned"), "from the value saved");
    }

    #[test]
    fn a_save_that_merges_an_add_into_another_writers_add_of_the_same_id_keeps_both() {
        use crossterm::event::{KeyCode, KeyEvent};
        let mut app = app();
        app.update(Action::AddDeliverable, NOW);
        for c in "Sediment monitoring".chars() {
            app.update(Action::FormInput(KeyEvent::from(KeyCode::Char(c))), NOW);
        }
        app.update(Action::FormSave, NOW);
        let (id, council) = {
            let d = app.selected().unwrap();
            (d.id.to_string(), d.council.to_string())
        };
        let through = app.edit_seq();
        let saving: Vec<Pending> = app.pending().cloned().collect();
        // Another writer added their own deliverable under that id, a minute earlier.
        let mut theirs = Document::from_text(crate::store::BUNDLED.to_string()).unwrap();
        let op = crate::capture::Op::AddDeliverable(crate::create::NewDeliverable {
            council,
            title: "Sediment monitoring".into(),
            owner: Some("Bob".into()),
            id: Some(id.clone()),
            ..Default::default()
        });
        crate::capture::apply(&mut theirs, &op, "2026-01-01T09:59:00Z", None).unwrap();
        let written = merge::merge(theirs, &saving);
        assert_eq!(written.renamed, [(id.clone(), format!("{id}-2"))]);
        app.saved_merged(written.doc, &written.renamed, "10:00:02", through);
        let said = &app.message().unwrap().text;
        assert!(
            said.contains(&format!("yours was added as {id}-2")),
            "{said}"
        );
        let data = app.data();
        let owner = |id: &str| {
            data.deliverable_index(id)
                .and_then(|i| data.deliverables[i].owner.as_deref().map(str::to_string))
        };
        assert_eq!(owner(&id).as_deref(), Some("Bob"));
        assert_eq!(owner(&format!("{id}-2")), None, "mine, as added here");
        assert_eq!(
            app.selected().unwrap().id.to_string(),
            format!("{id}-2"),
            "the cursor stays on mine"
        );
    }
}
