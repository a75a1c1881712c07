//! How the app edits: statuses set or stepped (one deliverable or all the marked ones,
//! after the bulk question), owner, due date and notes, undo and redo. The document is
//! spliced here; `History` keeps the steps and the edits not on disk.

use super::App;
use super::parts::{Bulk, Changed, Fallback, Overlay, Target};
use crate::action::{Action, Effect};
use crate::dates;
use crate::model::Editable;
use crate::vocabulary::plural;

impl App {
    /// True when edits may be made now; says why not otherwise.
    pub(super) fn may_edit(&mut self) -> bool {
        if self.disk.read_only() {
            self.say("read-only: edits are off (started with --read-only)", true);
            return false;
        }
        self.may_use_list()
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
            Target::Nth(n) => data.statuses.get(n).map(|s| s.name.clone()).ok_or_else(|| {
                let n = data.statuses.len();
                format!("this file has {n} statuses; keys 1 to {n} set them")
            }),
        }
    }

    pub(super) fn edit_status(&mut self, target: Target, now: &str) -> Option<Effect> {
        if !self.may_edit() {
            return None;
        }
        if !self.lists.marked().is_empty() {
            return self.ask_bulk(target);
        }
        let Some(index) = self.lists.selected_index() else {
            self.say("no deliverable is selected", true);
            return None;
        };
        if self.refuse_removed(index) {
            return None;
        }
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
        // `s` and `S` step one deliverable through the statuses: it stays under the cursor
        // until the cursor moves, though it left the search (a number key moves on).
        if matches!(target, Target::Step(_)) && self.selected_id().as_deref() != Some(&id) {
            self.lists.linger(index);
            if let Some(m) = &mut self.message {
                m.text = m.text.replace(
                    " [no longer matches the search]",
                    " [no longer matches the search: it leaves the list when you move]",
                );
            }
        }
        Some(effect)
    }

    /// Sets owner, due date or notes of the selected deliverable (`None` or blank removes it).
    /// Sets a text field of the deliverable at `index` (the editor's own, found by its id:
    /// not the row under the cursor, which may be another one after a reload).
    pub(super) fn edit_text(
        &mut self,
        index: usize,
        field: Editable,
        value: &str,
        now: &str,
    ) -> Option<Effect> {
        let trimmed = if field == Editable::Notes {
            value.trim_end()
        } else {
            value.trim()
        };
        let to = (!trimmed.is_empty()).then(|| trimmed.to_string());
        if field == Editable::Due
            && let Some(due) = &to
            && let Some(why) = dates::date_problem(due)
        {
            self.say(format!("{why} (not saved)"), true);
            return None;
        }
        let d = &self.doc.data().deliverables[index];
        let id = d.id.clone();
        if field.value(d).as_deref() == to.as_deref() {
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
    pub(super) fn edit_fields(
        &mut self,
        changes: &[(usize, Editable, Option<String>)],
        now: &str,
    ) -> Option<Effect> {
        let outcome = self.history.apply(&mut self.doc, changes, now);
        self.follow(&outcome.changed);
        if let Err(why) = outcome.result {
            self.message = Some(why);
            return None;
        }
        if outcome.changed.is_empty() {
            return None;
        }
        let keep = self.selected_id();
        self.after_edit(keep, &outcome.changed)
    }

    /// The figures follow the fields that changed.
    pub(super) fn follow(&mut self, changed: &[Changed]) {
        // The deliverables added or taken out since the last time (taken, to start afresh).
        let moves = self.doc.take_moves();
        let data = self.doc.data();
        // A deliverable added or removed, a move or new areas change every count: made again,
        // once for the whole step. An added one moves the later ones: marks are positions.
        if changed.iter().any(moves_rows) {
            if changed
                .iter()
                .any(|c| moves_rows(c) && c.index == usize::MAX)
            {
                self.lists.clear_marks();
            }
            // One deliverable added or taken out (a form's add, its undo): the list, the
            // figures and the area counts follow it; anything else makes them again, a walk
            // of every deliverable (and a search of every row).
            let only_moved = changed
                .iter()
                .all(|c| c.index == usize::MAX && c.field == Editable::Removed);
            let moves = moves.filter(|_| only_moved).unwrap_or_default();
            let moved = match &moves[..] {
                [one] => Some(one),
                _ => None,
            };
            // What the list shows changed: what is said about the list is said right (the
            // cursor is put back on its deliverable after the edit).
            let listed =
                moved.is_some_and(|m| self.lists.follow_move(data, m, None, Fallback::SamePlace));
            if !listed {
                self.lists.refilter(data, None, Fallback::SamePlace);
            }
            if !moved.is_some_and(|m| self.figures.follow_move(data, m)) {
                self.figures = crate::figures::Figures::with_overdue(data, &self.today);
            }
            if !moved.is_some_and(|m| self.lists.recount_move(data, m)) {
                self.lists.recount(data);
            }
            return;
        }
        // The overdue list follows each edited row, or for many rows is made again (one walk
        // of the deliverables costs less than finding each in the list).
        let many = changed.len() > 64;
        for c in changed {
            let overdue_may_change = match (c.field, &c.before, &c.after) {
                (Editable::Status, Some(b), Some(a)) => {
                    let d = &data.deliverables[c.index];
                    self.figures.status_changed(data, d, b, a);
                    true
                }
                (Editable::Due, _, _) => {
                    self.figures.due_changed();
                    true
                }
                _ => {
                    self.figures.entries_changed();
                    false
                }
            };
            if overdue_may_change && !many {
                self.figures.rejudge_overdue(data, c.index);
            }
        }
        if many {
            self.figures.forget_overdue();
            if !self.today.is_empty() {
                let _ = self.figures.overdue(data, &self.today);
            }
        }
    }

    /// Undoes or redoes the last step (`action` is `Undo` or `Redo`).
    pub(super) fn replay(&mut self, action: Action, now: &str) -> Option<Effect> {
        let undoing = action == Action::Undo;
        let verb = if undoing { "undo" } else { "redo" };
        if self.disk.read_only() {
            self.say(format!("read-only: nothing to {verb}"), true);
            return None;
        }
        let count = self.doc.data().deliverables.len();
        let outcome = self.history.update(&mut self.doc, action, now)?;
        // An added deliverable taken away (or put back) moves the indices after it.
        let same_rows = self.doc.data().deliverables.len() == count;
        self.follow(&outcome.changed);
        let replayed = match outcome.result {
            Ok(replayed) => replayed,
            Err(why) => {
                self.message = Some(why);
                return None;
            }
        };
        let hint = if undoing { " (Ctrl-r to redo)" } else { "" };
        // The list as the undo leaves it; the cursor on the deliverable undone, if shown.
        let keep = self.selected_id();
        let effect = self.after_edit(keep, &outcome.changed);
        // An operation of a form (`usize::MAX`: no one deliverable) says nothing of the view.
        let hidden = if !same_rows || replayed.last == usize::MAX {
            ""
        } else if self.lists.rows().contains(&replayed.last) {
            self.lists.select_index(replayed.last);
            ""
        } else {
            " [not in this view]"
        };
        let what = match replayed.steps {
            1 => replayed.said,
            n => format!("{n} edits"),
        };
        self.say(format!("{verb}ne: {what}{hint}{hidden}"), false);
        effect
    }

    /// After any edit: the list is filtered again (the cursor stays on its deliverable, or
    /// the next one takes its place) and a save is asked for. When a few deliverables
    /// changed in fields that do not choose their council or areas, only they are searched
    /// again: a status key costs the same in a file of any size.
    pub(super) fn after_edit(
        &mut self,
        keep: Option<String>,
        changed: &[Changed],
    ) -> Option<Effect> {
        /// Above this many, one search of the whole list is as quick.
        const FEW: usize = 64;
        let in_place = changed.len() <= FEW
            && changed.iter().all(|c| {
                matches!(
                    c.field,
                    Editable::Status | Editable::Notes | Editable::Owner | Editable::Due
                )
            });
        let data = self.doc.data();
        // A deliverable added, taken out, moved or given new areas: `follow` made the list.
        let listed = changed.iter().any(moves_rows);
        if in_place {
            let mut rows: Vec<usize> = changed.iter().map(|c| c.index).collect();
            rows.sort_unstable();
            rows.dedup();
            self.lists.edited(data, &rows, keep);
        } else if listed {
            self.lists.select(data, keep, Fallback::SamePlace);
        } else {
            self.lists.refilter(data, keep, Fallback::SamePlace);
        }
        Some(self.disk.save())
    }

    /// A removed deliverable is restored (`x`) before it is edited: true, and said, when
    /// `index` is removed.
    pub(super) fn refuse_removed(&mut self, index: usize) -> bool {
        let d = &self.doc.data().deliverables[index];
        if !d.removed {
            return false;
        }
        let id = crate::terminal_text::line(&d.id).into_owned();
        self.say(
            format!("{id} is removed: x restores it, then it can be edited"),
            true,
        );
        true
    }

    /// Says when the deliverable just edited left the search's list.
    fn mark_if_filtered_out(&mut self, id: &str) {
        if self.lists.search().active()
            && self.selected_id().as_deref() != Some(id)
            && let Some(m) = &mut self.message
        {
            m.text.push_str(" [no longer matches the search]");
        }
    }

    // ---- bulk changes ----

    /// The bulk change waiting for an answer.
    pub fn bulk(&self) -> Option<&Bulk> {
        match &self.overlay {
            Overlay::Bulk(bulk) => Some(bulk),
            _ => None,
        }
    }

    /// The answer to the bulk question: `y`, or anything else for no.
    pub(super) fn update_bulk(&mut self, action: Action, now: &str) -> Option<Effect> {
        match action {
            Action::Confirm(yes) => self.answer_bulk(yes, now),
            Action::Cancel => self.answer_bulk(false, now),
            _ => None,
        }
    }

    fn ask_bulk(&mut self, target: Target) -> Option<Effect> {
        let deliverables: Vec<usize> = self.lists.marked().iter().copied().collect();
        let question = match self.bulk_question(&deliverables, target) {
            Ok(question) => question,
            Err(why) => {
                self.say(why, true);
                return None;
            }
        };
        self.overlay = Overlay::Bulk(Bulk {
            deliverables,
            target,
            question,
        });
        None
    }

    /// The bulk question about `deliverables` ("set 2 deliverables to done? y/n"), or why
    /// there is none to ask.
    pub(super) fn bulk_question(
        &self,
        deliverables: &[usize],
        target: Target,
    ) -> Result<String, String> {
        let n = deliverables.len();
        let what = match target {
            Target::Nth(i) => match self.doc.data().statuses.get(i).map(|s| &s.name) {
                Some(s) => {
                    let already = deliverables
                        .iter()
                        .filter(|&&d| self.doc.data().deliverables[d].status == *s)
                        .count();
                    let changing = n - already;
                    let rest = match already {
                        0 => String::new(),
                        a => format!(" ({a} already {s})"),
                    };
                    format!("set {} to {s}{rest}", plural(changing, "deliverable"))
                }
                None => {
                    let k = self.doc.data().statuses.len();
                    return Err(format!(
                        "this file has {k} statuses; keys 1 to {k} set them"
                    ));
                }
            },
            Target::Step(1) => format!("move {} on to their next status", plural(n, "deliverable")),
            Target::Step(_) => format!(
                "move {} back to their previous status",
                plural(n, "deliverable")
            ),
        };
        Ok(format!("{what}? y/n"))
    }

    /// The answer to the bulk question.
    fn answer_bulk(&mut self, yes: bool, now: &str) -> Option<Effect> {
        let Overlay::Bulk(bulk) = std::mem::take(&mut self.overlay) else {
            return None;
        };
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
        self.lists.clear_marks();
        self.say(
            match n {
                1 => "1 deliverable changed (u to undo)".to_string(),
                n => format!("{n} deliverables changed (u undoes all {n})"),
            },
            false,
        );
        Some(effect)
    }
}

/// A change that can move a deliverable into or out of lists and counts: one added or taken
/// out (`Removed`, with `usize::MAX` for a whole step), or its council or areas changed.
fn moves_rows(c: &Changed) -> bool {
    matches!(
        c.field,
        Editable::Removed | Editable::Council | Editable::Areas
    )
}

#[cfg(test)]
mod tests {
    use crate::action::Action;
    use crate::app::App;
    use crate::document::Document;
    use crate::figures::{Figures, StatusCounts};
    use crate::model::Editable;

    const NOW: &str = "2026-06-01T10:00:00Z";

    /// The figures kept between frames are those of the document as it is now.
    fn assert_fresh(app: &App) {
        let (data, fresh) = (app.data(), Figures::new(app.data()));
        assert_eq!(*app.figures().counts(), StatusCounts::new(data));
        assert_eq!(
            app.figures().overdue(data, app.today()),
            fresh.overdue(data, app.today())
        );
        let since = app.changes_period().0;
        assert_eq!(
            app.figures()
                .changed_since(data, &since, &crate::zone::Zone::utc()),
            fresh.changed_since(data, &since, &crate::zone::Zone::utc())
        );
        for (i, d) in data.deliverables.iter().enumerate() {
            assert_eq!(
                app.figures().followers(data, &d.id),
                fresh.followers(data, &d.id),
                "the followers of {}",
                d.id
            );
            assert_eq!(app.figures().index_of(data, &d.id), Some(i));
        }
    }

    #[test]
    fn the_kept_figures_follow_a_deliverable_added_taken_out_and_put_back() {
        let doc = Document::from_text(crate::store::BUNDLED.to_string()).unwrap();
        let mut app = App::new(doc, "o.json".into(), false);
        app.set_started(NOW);
        // The second council: the later deliverables (some overdue, some following others)
        // move one place down when one is added to it.
        app.update(Action::Down, NOW);
        app.update(Action::Down, NOW);
        let add = |a: &mut App| {
            a.update(Action::AddDeliverable, NOW);
            for c in "Joint testbed".chars() {
                a.update(Action::FormInput(key(c)), NOW);
            }
            for _ in 0..6 {
                a.update(Action::FormMove(1), NOW);
            }
            for c in "2020-01".chars() {
                a.update(Action::FormInput(key(c)), NOW);
            }
            a.update(Action::FormSave, NOW);
        };
        let steps: [&dyn Fn(&mut App); 4] = [
            &add,
            &|a| {
                a.update(Action::Undo, NOW);
            },
            &|a| {
                a.update(Action::Redo, NOW);
            },
            &|a| {
                a.update(Action::Undo, NOW);
            },
        ];
        let count = app.data().deliverables.len();
        for (n, step) in steps.iter().enumerate() {
            // Read (and so keep) the lists, so that a stale one would show.
            let _ = app.figures().overdue(app.data(), app.today()).len();
            let _ = app.figures().index_of(app.data(), "").is_none();
            step(&mut app);
            let added = app.data().deliverables.len() == count + 1;
            assert_eq!(added, n % 2 == 0, "step {n}");
            assert_fresh(&app);
        }
        assert_eq!(app.document().text(), crate::store::BUNDLED);
    }

    #[test]
    fn the_kept_figures_follow_every_kind_of_edit_undo_and_redo() {
        let doc = Document::from_text(crate::store::BUNDLED.to_string()).unwrap();
        let mut app = App::new(doc, "o.json".into(), false);
        app.set_started(NOW);
        assert_fresh(&app);
        let type_in = |app: &mut App, text: &str| {
            app.update(Action::EditorInput(ctrl('u')), NOW);
            for c in text.chars() {
                app.update(Action::EditorInput(key(c)), NOW);
            }
            app.update(Action::EditorSave, NOW);
        };
        app.update(Action::NextPane, NOW);
        app.update(Action::NextPane, NOW);
        // Read (and so keep) the lists before each edit, so that a stale one would show.
        let steps: [&dyn Fn(&mut App); 6] = [
            &|a| {
                a.update(Action::CycleStatus(1), NOW);
            },
            &|a| {
                a.update(Action::EditField(Editable::Due), NOW);
                type_in(a, "2020-01");
            },
            &|a| {
                a.update(Action::Undo, NOW);
            },
            &|a| {
                a.update(Action::Redo, NOW);
            },
            &|a| {
                a.update(Action::MarkAll, NOW);
                a.update(Action::SetStatus(0), NOW);
                a.update(Action::Confirm(true), NOW);
            },
            &|a| {
                a.update(Action::Undo, NOW);
            },
        ];
        for step in steps {
            let _ = app.figures().overdue(app.data(), app.today()).len();
            let since = app.changes_period().0;
            let _ = app
                .figures()
                .changed_since(app.data(), &since, &crate::zone::Zone::utc())
                .len();
            step(&mut app);
            assert_fresh(&app);
        }
        assert!(
            !app.figures()
                .changed_since(app.data(), NOW, &crate::zone::Zone::utc())
                .is_empty()
        );
    }

    #[test]
    fn the_kept_overdue_list_follows_an_edit_of_many_rows_and_its_undo() {
        let doc = Document::from_text(crate::generate::dataset(300, 2)).unwrap();
        let mut app = App::new(doc, "g.json".into(), false);
        app.set_started(NOW);
        app.update(Action::NextPane, NOW);
        app.update(Action::NextPane, NOW);
        for step in [
            &[Action::MarkAll, Action::SetStatus(2), Action::Confirm(true)][..],
            &[Action::Undo],
        ] {
            // Read, so that a list kept from before the step would show.
            let _ = app.figures().overdue(app.data(), app.today()).len();
            for action in step {
                app.update(*action, NOW);
            }
            assert_fresh(&app);
        }
        assert!(!app.figures().overdue(app.data(), app.today()).is_empty());
    }

    #[test]
    fn the_kept_council_labels_follow_a_council_renamed_and_the_undo() {
        let doc = Document::from_text(crate::store::BUNDLED.to_string()).unwrap();
        let mut app = App::new(doc, "o.json".into(), false);
        let label =
            |app: &App, id: &str| app.figures().council_labels(app.data()).of(id).to_string();
        // The first council, chosen in the councils pane, and its form.
        app.update(Action::Down, NOW);
        let id = app.council_filter().expect("a council chosen").to_string();
        let before = label(&app, &id);
        assert!(!before.is_empty());
        app.update(Action::EditDeliverable, NOW);
        let form = app.object_form().expect("the council form");
        let short = form.fields.iter().position(|(k, _)| *k == "short").unwrap();
        for _ in 0..(short + form.fields.len() - form.focus) % form.fields.len() {
            app.update(Action::FormMove(1), NOW);
        }
        app.update(Action::FormInput(ctrl('u')), NOW);
        for c in "XY 9".chars() {
            app.update(Action::FormInput(key(c)), NOW);
        }
        app.update(Action::FormSave, NOW);
        assert_eq!(label(&app, &id), "XY 9");
        app.update(Action::Undo, NOW);
        assert_eq!(label(&app, &id), before);
    }

    fn key(c: char) -> crossterm::event::KeyEvent {
        crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char(c))
    }

    fn ctrl(c: char) -> crossterm::event::KeyEvent {
        crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::CONTROL,
        )
    }
}
