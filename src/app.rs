//! The state of the terminal UI and its one way of changing: `update(action) -> effect`.
//! No I/O here: saving and quitting are effects that the event loop performs.

use crate::action::{Action, Effect};
use crate::document::{Document, Patch};
use crate::edit::{self, StatusChange};
use crate::keymap::{Mode, Pane};
use crate::model::{Dataset, Deliverable};

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
    /// True when edits are in memory but not on disk (the last save failed).
    pub fn has_unsaved_edits(&self) -> bool {
        matches!(self.save, SaveState::Failed(_) | SaveState::Saving)
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

    /// Rebuilds the derived rows after a change of filter or data, keeping the cursor on the
    /// deliverable `keep` (by id) when it is still shown.
    fn refresh(&mut self, keep: Option<String>) {
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
            .map(|i| data.councils[i].id.clone());
        let in_council = |d: &&Deliverable| council.as_deref().is_none_or(|c| d.council == c);
        let previous_area = self.area_filter().map(str::to_string);
        // One pass over the deliverables counts every area of the chosen council.
        let area_index: std::collections::HashMap<&str, usize> = data
            .areas
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        let mut area_counts = vec![0; data.areas.len()];
        for d in data.deliverables.iter().filter(in_council) {
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
        let area = self
            .area
            .checked_sub(1)
            .map(|i| data.areas[self.area_rows[i].area].id.clone());
        self.rows = data
            .deliverables
            .iter()
            .enumerate()
            .filter(|(_, d)| in_council(d))
            .filter(|(_, d)| area.as_ref().is_none_or(|a| d.areas.contains(a)))
            .map(|(i, _)| i)
            .collect();
        let keep_at = keep.and_then(|id| {
            self.rows
                .iter()
                .position(|&i| data.deliverables[i].id == id)
        });
        self.selected = keep_at.unwrap_or(0).min(self.rows.len().saturating_sub(1));
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
            return Some(Effect::Quit);
        }
        if self.mode == Mode::Help {
            return self.update_help(action);
        }
        // A message answers the key before; the next key clears it (unless it sets another).
        self.message = None;
        let armed = std::mem::take(&mut self.quit_armed);
        match action {
            Action::Quit | Action::ForceQuit => {
                if !self.has_unsaved_edits() || armed {
                    return Some(Effect::Quit);
                }
                self.quit_armed = true;
                self.say(
                    "edits are NOT on disk: q again quits and loses them; w tries to save again",
                    true,
                );
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
            Action::Cancel => self.message = None,
            Action::CycleStatus(step) => return self.edit_status(Target::Step(step), now),
            Action::SetStatus(n) => return self.edit_status(Target::Nth(n as usize), now),
            Action::Undo => return self.replay(true),
            Action::Redo => return self.replay(false),
            Action::Write => {
                if self.read_only {
                    self.say(
                        "read-only: nothing is written (started with --read-only)",
                        true,
                    );
                    return None;
                }
                if !self.has_unsaved_edits() {
                    self.say("nothing to write: every edit is on disk", false);
                    return None;
                }
                self.save = SaveState::Saving;
                return Some(Effect::Save);
            }
        }
        None
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
                    self.refresh(keep);
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
        self.say(format!("{id}: {from} -> {to} (u to undo)"), false);
        self.after_edit(id)
    }

    /// Undoes (`undoing`) or redoes the last edit, moving its patch to the other stack.
    fn replay(&mut self, undoing: bool) -> Option<Effect> {
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
        self.refresh(Some(id));
        self.save = SaveState::Saving;
        Some(Effect::Save)
    }

    /// The event loop reports how a save went; `time` is the wall-clock time to show.
    pub fn saved(&mut self, result: Result<(), String>, time: &str) {
        match result {
            Ok(()) => {
                if matches!(self.save, SaveState::Failed(_)) {
                    self.say("saved: every edit is on disk now", false);
                }
                self.save = SaveState::Saved(time.to_string());
            }
            Err(e) => {
                self.save = SaveState::Failed(e.clone());
                self.say(format!("{e} (edits kept; w to retry)"), true);
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
