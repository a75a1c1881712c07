//! The state of the terminal UI and its one way of changing: `update(action) -> effect`.
//! No I/O here: saving and quitting are effects that the event loop performs.

use crate::action::{Action, Effect, Side};
use crate::document::{Document, Patch};
use crate::edit::{self, StatusChange};
use crate::keymap::{Mode, Pane};
use crate::merge::{self, Conflict, Pending, Step};
use crate::model::Editable;
use crate::model::{Dataset, Deliverable};
use crate::search::{self, Query};

/// Rows moved by PgUp/PgDn.
pub const PAGE: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Nothing written this session yet.
    Untouched,
    /// The last edit is on disk; the time it was written (HH:MM:SS, local to the loop).
    Saved(String),
    /// An edit waits to be written.
    Saving,
    /// The last save failed; the edits are kept in memory.
    Failed(String),
    ReadOnly,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// An area row of the areas pane: the area's index and its count for the current council.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AreaRow {
    pub area: usize,
    pub count: usize,
}

/// The search line and what it found.
#[derive(Debug, Clone, Default)]
pub struct Search {
    /// What was typed.
    pub input: String,
    /// `input`, parsed.
    pub query: Query,
    /// The selection was moved by hand while searching: keep it rather than follow the
    /// best match.
    pinned: bool,
    /// What to say about the query (an unknown scope, a scope that matches nothing).
    pub problems: Vec<String>,
    /// How many deliverables the council and area panes offer before the search.
    pub scope_len: usize,
}

impl Search {
    /// True when the search narrows the list.
    pub fn active(&self) -> bool {
        !self.query.is_empty()
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
    merged: Document,
    /// The edits that merged cleanly.
    applied: Vec<Pending>,
    pub items: Vec<ConflictItem>,
    pub cursor: usize,
}

/// Where the cursor goes when its deliverable is no longer shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fallback {
    /// The first row (a new list).
    Top,
    /// The same row number (the edited row left the list: the next one takes its place).
    SamePlace,
}

pub struct App {
    doc: Document,
    file: String,
    read_only: bool,
    focus: Pane,
    mode: Mode,
    /// 0 is "All councils", n is council n-1.
    council: usize,
    /// 0 is "All areas", n is `area_rows[n-1]`.
    area: usize,
    /// Index into `rows`.
    selected: usize,
    detail_scroll: u16,
    help_scroll: u16,
    area_rows: Vec<AreaRow>,
    /// Status counts (in `statuses` order) per councils-pane row: all councils, then each.
    council_counts: Vec<Vec<usize>>,
    rows: Vec<usize>,
    undo: Vec<Patch>,
    redo: Vec<Patch>,
    message: Option<Message>,
    save: SaveState,
    /// `q` was pressed once while edits were not on disk; a second `q` quits.
    quit_armed: bool,
    /// The furthest the details can scroll, as the last frame measured it.
    detail_max_scroll: u16,
    search: Search,
    /// Edits not on disk yet, each with the number of the edit that made it last.
    pending: Vec<(u64, Pending)>,
    /// How many edits were made (numbers the pending edits).
    edit_seq: u64,
    conflict: Option<ConflictDialog>,
    /// The file was deleted or moved away: `w` writes it back.
    disk_lost: bool,
    /// The path typed in the "write to" prompt.
    prompt: String,
}

impl App {
    /// `file` is the path as it should be shown (already made safe for the terminal).
    pub fn new(doc: Document, file: String, read_only: bool) -> Self {
        let mut app = App {
            doc,
            file,
            read_only,
            focus: Pane::Councils,
            mode: Mode::Browse,
            council: 0,
            area: 0,
            selected: 0,
            detail_scroll: 0,
            help_scroll: 0,
            area_rows: vec![],
            council_counts: vec![],
            rows: vec![],
            undo: vec![],
            redo: vec![],
            message: None,
            save: if read_only {
                SaveState::ReadOnly
            } else {
                SaveState::Untouched
            },
            quit_armed: false,
            detail_max_scroll: u16::MAX,
            search: Search::default(),
            pending: vec![],
            edit_seq: 0,
            conflict: None,
            disk_lost: false,
            prompt: String::new(),
        };
        app.refresh(None);
        app
    }

    // ---- read access for rendering and tests ----

    pub fn data(&self) -> &Dataset {
        self.doc.data()
    }
    pub fn document(&self) -> &Document {
        &self.doc
    }
    pub fn file(&self) -> &str {
        &self.file
    }
    pub fn focus(&self) -> Pane {
        self.focus
    }
    pub fn mode(&self) -> Mode {
        self.mode
    }
    pub fn council_cursor(&self) -> usize {
        self.council
    }
    pub fn area_cursor(&self) -> usize {
        self.area
    }
    pub fn area_rows(&self) -> &[AreaRow] {
        &self.area_rows
    }
    /// Status counts per councils-pane row (0: all councils), derived once per change so
    /// that drawing a frame does not walk every deliverable.
    pub fn council_counts(&self) -> &[Vec<usize>] {
        &self.council_counts
    }
    /// The deliverables shown, as indices into `data().deliverables`.
    pub fn rows(&self) -> &[usize] {
        &self.rows
    }
    pub fn selected_row(&self) -> usize {
        self.selected
    }
    pub fn selected(&self) -> Option<&Deliverable> {
        self.rows
            .get(self.selected)
            .map(|&i| &self.data().deliverables[i])
    }
    pub fn detail_scroll(&self) -> u16 {
        self.detail_scroll
    }
    pub fn help_scroll(&self) -> u16 {
        self.help_scroll
    }
    pub fn search(&self) -> &Search {
        &self.search
    }
    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }
    pub fn save_state(&self) -> &SaveState {
        &self.save
    }
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
    pub fn read_only(&self) -> bool {
        self.read_only
    }
    /// True when edits are in memory but not on disk, or the file itself is gone.
    pub fn has_unsaved_edits(&self) -> bool {
        !self.pending.is_empty() || self.disk_lost
    }

    /// True when quitting now would lose something: a save failed, a conflict waits for an
    /// answer, or the file was deleted (a save under way is waited for, not asked about).
    fn quitting_loses(&self) -> bool {
        self.disk_lost
            || self.conflict.is_some()
            || (!self.pending.is_empty() && !matches!(self.save, SaveState::Saving))
    }

    /// The edits not on disk yet.
    pub fn pending(&self) -> impl Iterator<Item = &Pending> {
        self.pending.iter().map(|(_, p)| p)
    }

    /// The number of the last edit: a save started now covers the edits up to it.
    pub fn edit_seq(&self) -> u64 {
        self.edit_seq
    }

    pub fn conflict(&self) -> Option<&ConflictDialog> {
        self.conflict.as_ref()
    }

    /// The path typed in the "write to" prompt.
    pub fn prompt(&self) -> &str {
        &self.prompt
    }

    /// The view reports how far the details can scroll at the current size.
    pub fn set_detail_limit(&mut self, max: u16) {
        self.detail_max_scroll = max;
        self.detail_scroll = self.detail_scroll.min(max);
    }

    /// The council chosen in the councils pane, if not "All".
    pub fn council_filter(&self) -> Option<&str> {
        self.council
            .checked_sub(1)
            .map(|i| self.data().councils[i].id.as_str())
    }

    /// The area chosen in the areas pane, if not "All".
    pub fn area_filter(&self) -> Option<&str> {
        let row = self
            .area
            .checked_sub(1)
            .and_then(|i| self.area_rows.get(i))?;
        Some(self.data().areas[row.area].id.as_str())
    }

    /// Rebuilds everything derived from the data (counts, area rows, the list) after the data
    /// or the council changed, keeping the cursor on the deliverable `keep` (by id).
    fn refresh(&mut self, keep: Option<String>) {
        self.recount();
        self.refilter(keep, Fallback::Top);
    }

    /// The counts of the councils and areas panes, and the area rows of the chosen council.
    fn recount(&mut self) {
        let data = self.doc.data();
        let council_row: std::collections::HashMap<&str, usize> = data
            .councils
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i + 1))
            .collect();
        let mut counts = vec![vec![0; data.statuses.len()]; data.councils.len() + 1];
        for d in &data.deliverables {
            if let Some(s) = data.status_index(&d.status) {
                counts[0][s] += 1;
                if let Some(&row) = council_row.get(d.council.as_str()) {
                    counts[row][s] += 1;
                }
            }
        }
        self.council_counts = counts;
        let council = self
            .council
            .checked_sub(1)
            .map(|i| data.councils[i].id.as_str());
        let previous_area = self.area_filter().map(str::to_string);
        // One pass over the deliverables counts every area of the chosen council.
        let area_index: std::collections::HashMap<&str, usize> = data
            .areas
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        let mut area_counts = vec![0; data.areas.len()];
        for d in &data.deliverables {
            if council.is_some_and(|c| d.council != c) {
                continue;
            }
            for a in &d.areas {
                if let Some(&i) = area_index.get(a.as_str()) {
                    area_counts[i] += 1;
                }
            }
        }
        self.area_rows = area_counts
            .into_iter()
            .enumerate()
            .filter(|&(_, count)| count > 0)
            .map(|(area, count)| AreaRow { area, count })
            .collect();
        self.area = previous_area
            .and_then(|id| {
                self.area_rows
                    .iter()
                    .position(|r| data.areas[r.area].id == id)
            })
            .map_or(0, |p| p + 1);
    }

    /// The list: the deliverables of the chosen council and area, then the search. The
    /// cursor stays on `keep` while it is shown; otherwise `fallback` says where it goes.
    fn refilter(&mut self, keep: Option<String>, fallback: Fallback) {
        let data = self.doc.data();
        let council = self.council_filter();
        let area = self.area_filter();
        let scope: Vec<usize> = data
            .deliverables
            .iter()
            .enumerate()
            .filter(|(_, d)| council.is_none_or(|c| d.council == c))
            .filter(|(_, d)| area.is_none_or(|a| d.areas.iter().any(|x| x == a)))
            .map(|(i, _)| i)
            .collect();
        self.search.scope_len = scope.len();
        if self.search.active() {
            let found = search::run(data, &self.search.query, &scope);
            self.rows = found.rows;
            self.search.problems = found.problems;
        } else {
            self.rows = scope;
            self.search.problems = self.search.query.problems().to_vec();
        }
        let keep_at = keep.and_then(|id| {
            self.rows
                .iter()
                .position(|&i| data.deliverables[i].id == id)
        });
        let last = self.rows.len().saturating_sub(1);
        self.selected = match (keep_at, fallback) {
            (Some(at), _) => at,
            (None, Fallback::Top) => 0,
            (None, Fallback::SamePlace) => self.selected.min(last),
        };
    }

    fn selected_id(&self) -> Option<String> {
        self.selected().map(|d| d.id.clone())
    }

    fn say(&mut self, text: impl Into<String>, error: bool) {
        self.message = Some(Message {
            text: text.into(),
            error,
        });
    }

    /// Applies one action. `now` is the current time (RFC 3339, UTC) for history entries.
    pub fn update(&mut self, action: Action, now: &str) -> Option<Effect> {
        if action == Action::ForceQuit {
            return Some(Effect::ForceQuit);
        }
        if action == Action::Suspend {
            return Some(Effect::Suspend);
        }
        if self.mode == Mode::Conflict {
            return self.update_conflict(action);
        }
        if self.mode == Mode::Prompt {
            return self.update_prompt(action);
        }
        if self.mode == Mode::Help {
            return self.update_help(action);
        }
        if self.mode == Mode::Search {
            self.message = None;
            self.update_search(action);
            return None;
        }
        // A message answers the key before; the next key clears it (unless it sets another).
        self.message = None;
        let armed = std::mem::take(&mut self.quit_armed);
        match action {
            Action::Quit | Action::ForceQuit => {
                if !self.quitting_loses() || armed {
                    return Some(Effect::Quit);
                }
                self.quit_armed = true;
                let why = if self.disk_lost {
                    "the file is gone from disk: q again quits and loses it; w writes it back, W elsewhere"
                } else {
                    "edits are NOT on disk: q again quits and loses them; w tries to save again, W elsewhere"
                };
                self.say(why, true);
            }
            Action::Suspend | Action::Resolve(_) | Action::ResolveAll(_) => {}
            Action::WriteAs => {
                if self.read_only {
                    self.say(
                        "read-only: nothing is written (started with --read-only)",
                        true,
                    );
                    return None;
                }
                self.mode = Mode::Prompt;
                self.prompt.clear();
            }
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-(PAGE as isize)),
            Action::PageDown => self.move_by(PAGE as isize),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::NextPane => self.focus = next_pane(self.focus, 1),
            Action::PrevPane => self.focus = next_pane(self.focus, -1),
            Action::Open => {
                if self.focus != Pane::Details {
                    self.focus = next_pane(self.focus, 1);
                }
            }
            Action::ToggleHelp => {
                self.mode = Mode::Help;
                self.help_scroll = 0;
            }
            Action::Cancel => {
                if self.search.active() {
                    self.clear_search();
                }
            }
            Action::OpenSearch => {
                self.mode = Mode::Search;
                self.focus = Pane::Deliverables;
                self.search.pinned = false;
            }
            // Only the search line sends these.
            Action::SearchChar(_)
            | Action::SearchBackspace
            | Action::SearchDeleteWord
            | Action::SearchClearLine
            | Action::SearchAccept
            | Action::SearchCancel => {}
            Action::CycleStatus(step) => return self.edit_status(Target::Step(step), now),
            Action::SetStatus(n) => return self.edit_status(Target::Nth(n as usize), now),
            Action::Undo => return self.replay(true, now),
            Action::Redo => return self.replay(false, now),
            Action::Write => {
                if self.read_only {
                    self.say(
                        "read-only: nothing is written (started with --read-only)",
                        true,
                    );
                    return None;
                }
                if self.disk_lost {
                    self.save = SaveState::Saving;
                    return Some(Effect::WriteBack);
                }
                if self.pending.is_empty() {
                    self.say("nothing to write: every edit is on disk", false);
                    return None;
                }
                self.save = SaveState::Saving;
                return Some(Effect::Save);
            }
        }
        None
    }

    /// Text pasted into the terminal: typed into the search line or the prompt (on one
    /// line); elsewhere it does nothing.
    pub fn paste(&mut self, text: &str, now: &str) {
        if !matches!(self.mode, Mode::Search | Mode::Prompt) {
            return;
        }
        for c in text.chars() {
            let c = if c.is_control() { ' ' } else { c };
            self.update(Action::SearchChar(c), now);
        }
    }

    /// The "write to" prompt: a path, edited like the search line.
    fn update_prompt(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::SearchChar(c) => self.prompt.push(c),
            Action::SearchBackspace => {
                self.prompt.pop();
            }
            Action::SearchDeleteWord => {
                let kept = self.prompt.trim_end_matches('/').len();
                self.prompt.truncate(kept);
                let start = self.prompt.rfind(['/', ' ']).map_or(0, |i| i + 1);
                self.prompt.truncate(start);
            }
            Action::SearchClearLine => self.prompt.clear(),
            Action::SearchCancel | Action::Cancel => {
                self.mode = Mode::Browse;
                self.say("not written", false);
            }
            Action::SearchAccept => {
                let path = self.prompt.trim().to_string();
                if path.is_empty() {
                    self.say("type the path of a new file, or Esc", true);
                    return None;
                }
                self.mode = Mode::Browse;
                self.save = SaveState::Saving;
                return Some(Effect::SaveAs(path.into()));
            }
            _ => {}
        }
        None
    }

    fn update_conflict(&mut self, action: Action) -> Option<Effect> {
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
            _ => {}
        }
        if dialog.items.iter().all(|i| i.choice.is_some()) {
            return self.finish_conflicts();
        }
        None
    }

    /// Every conflict has an answer: the merged text with the kept edits becomes the document.
    fn finish_conflicts(&mut self) -> Option<Effect> {
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
        self.after_merge()
    }

    /// Replaces the document (after a reload or a merge): the cursor keeps its deliverable;
    /// undo steps are of the old text and are dropped.
    fn take_document(&mut self, doc: Document, pending: Vec<Pending>) {
        let keep = self.selected_id();
        self.doc = doc;
        self.undo.clear();
        self.redo.clear();
        self.edit_seq += 1;
        let seq = self.edit_seq;
        self.pending = pending.into_iter().map(|p| (seq, p)).collect();
        self.disk_lost = false;
        self.recount();
        self.refilter(keep, Fallback::SamePlace);
    }

    fn after_merge(&mut self) -> Option<Effect> {
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
        let pending: Vec<Pending> = self
            .pending()
            .filter(|p| !p.steps.is_empty())
            .cloned()
            .collect();
        if pending.is_empty() {
            let had_undo = !self.undo.is_empty();
            self.take_document(theirs, vec![]);
            let note = if had_undo {
                " (undo starts afresh)"
            } else {
                ""
            };
            self.say(format!("reloaded: changed on disk{note}"), false);
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
                format!("merged with the changes on disk: {n} of your edits re-applied{lost}"),
                orphans > 0,
            );
            return self.after_merge();
        }
        self.say(
            format!(
                "the file changed on disk and {} of your edits clash with it: choose for each{lost}",
                merged.conflicts.len()
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

    fn update_search(&mut self, action: Action) {
        let line = &mut self.search.input;
        match action {
            Action::SearchChar(c) => line.push(c),
            Action::SearchBackspace => {
                line.pop();
            }
            Action::SearchDeleteWord => {
                // As in a shell: the spaces before the cursor, then the word.
                let kept = line.trim_end().len();
                line.truncate(kept);
                let start = line.rfind(char::is_whitespace).map_or(0, |i| i + 1);
                line.truncate(start);
            }
            Action::SearchClearLine => line.clear(),
            Action::SearchAccept => {
                self.mode = Mode::Browse;
                self.focus = Pane::Deliverables;
                return;
            }
            Action::SearchCancel => {
                self.mode = Mode::Browse;
                self.clear_search();
                return;
            }
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                self.search.pinned = true;
                let focus = std::mem::replace(&mut self.focus, Pane::Deliverables);
                let delta = match action {
                    Action::Up => -1,
                    Action::Down => 1,
                    Action::PageUp => -(PAGE as isize),
                    _ => PAGE as isize,
                };
                self.move_by(delta);
                self.focus = focus;
                return;
            }
            _ => return,
        }
        let query = Query::parse(&self.search.input);
        if query == self.search.query {
            return;
        }
        self.search.query = query;
        // While typing, the best match is selected, unless the person chose a row by hand.
        let keep = if self.search.pinned {
            self.selected_id()
        } else {
            None
        };
        self.refilter(keep, Fallback::Top);
        self.detail_scroll = 0;
    }

    /// Back to the unsearched list, on the same deliverable.
    fn clear_search(&mut self) {
        let keep = self.selected_id();
        self.search = Search::default();
        self.refilter(keep, Fallback::Top);
        self.say("search cleared", false);
    }

    fn update_help(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::ToggleHelp | Action::Cancel => self.mode = Mode::Browse,
            Action::Down => self.help_scroll = self.help_scroll.saturating_add(1),
            Action::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
            Action::PageDown => self.help_scroll = self.help_scroll.saturating_add(PAGE as u16),
            Action::PageUp => self.help_scroll = self.help_scroll.saturating_sub(PAGE as u16),
            Action::Top => self.help_scroll = 0,
            Action::Bottom => self.help_scroll = u16::MAX / 2,
            _ => {}
        }
        None
    }

    fn move_by(&mut self, delta: isize) {
        let step = |cur: usize, len: usize| -> usize {
            if len == 0 {
                return 0;
            }
            (cur as isize)
                .saturating_add(delta)
                .clamp(0, len as isize - 1) as usize
        };
        match self.focus {
            Pane::Councils => {
                let next = step(self.council, self.data().councils.len() + 1);
                if next != self.council {
                    let keep = self.selected_id();
                    // The chosen area stays while the new council has deliverables in it.
                    self.council = next;
                    self.refresh(keep);
                }
            }
            Pane::Areas => {
                let next = step(self.area, self.area_rows.len() + 1);
                if next != self.area {
                    let keep = self.selected_id();
                    self.area = next;
                    self.refilter(keep, Fallback::Top);
                }
            }
            Pane::Deliverables => {
                let next = step(self.selected, self.rows.len());
                if next != self.selected {
                    self.selected = next;
                    self.detail_scroll = 0;
                }
            }
            Pane::Details => {
                let scroll = (self.detail_scroll as isize)
                    .saturating_add(delta)
                    .clamp(0, self.detail_max_scroll as isize);
                self.detail_scroll = scroll as u16;
            }
        }
    }

    fn edit_status(&mut self, target: Target, now: &str) -> Option<Effect> {
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
        self.after_edit(id)
    }

    /// Undoes (`undoing`) or redoes the last edit, moving its patch to the other stack.
    fn replay(&mut self, undoing: bool, now: &str) -> Option<Effect> {
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
        self.after_edit(id)
    }

    /// After any edit: keep the cursor on the edited deliverable and ask for a save.
    fn after_edit(&mut self, id: String) -> Option<Effect> {
        self.recount();
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

enum Target {
    Step(i8),
    Nth(usize),
}

fn next_pane(p: Pane, step: isize) -> Pane {
    const ORDER: [Pane; 4] = [
        Pane::Councils,
        Pane::Areas,
        Pane::Deliverables,
        Pane::Details,
    ];
    let i = ORDER.iter().position(|&x| x == p).unwrap_or(0) as isize;
    ORDER[(i + step).rem_euclid(4) as usize]
}
