//! The state of the terminal UI and its one way of changing: `update(action) -> effect`.
//! No I/O here: saving and quitting are effects that the event loop performs.

mod disk;
mod editing;
mod editor;
mod lines;
mod lists;
mod overlays;

use crate::action::{Action, Effect};
use crate::document::Document;
use crate::figures::Figures;
use crate::keymap::Keymap;
use crate::merge::Pending;
use crate::model::{Dataset, Deliverable};
use crate::vocabulary::{Mode, Pane, Screen};

pub use disk::{ConflictDialog, ConflictItem};
pub use editing::Bulk;
use editing::{Target, UndoStep};
pub use editor::Editor;
pub use lines::Search;
pub use overlays::Palette;

/// Rows moved by PgUp/PgDn.
pub const PAGE: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Nothing written this session yet.
    Untouched,
    /// The last edit is on disk; the time it was written (HH:MM:SS, local to the loop).
    Saved(String),
    /// Edits wait to be written (a save is asked for or under way).
    Pending,
    /// The last save failed; the edits are kept in memory.
    Failed(String),
    /// What is shown is what is on disk (after a reload or an answered conflict).
    Synced,
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
    /// The counts, progress, overdue and changes of the current document.
    figures: Figures,
    rows: Vec<usize>,
    undo: Vec<UndoStep>,
    redo: Vec<UndoStep>,
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
    /// Deliverables marked for a bulk change (indices into the data).
    marked: std::collections::BTreeSet<usize>,
    /// A bulk change waiting for `y`.
    bulk: Option<Bulk>,
    editor: Option<Editor>,
    keymap: Keymap,
    help_filter: String,
    palette: Option<Palette>,
    screen: Option<Screen>,
    screen_scroll: u16,
    /// The furthest the view can scroll, as the last frame measured it.
    screen_max_scroll: u16,
    /// When the session started (RFC 3339), for "changed this session" and "overdue".
    started: String,
    /// Where the settings come from, for the help.
    config_note: String,
}

impl App {
    /// `file` is the path as it should be shown (already made safe for the terminal).
    pub fn new(doc: Document, file: String, read_only: bool) -> Self {
        let figures = Figures::new(doc.data());
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
            figures,
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
            marked: Default::default(),
            bulk: None,
            editor: None,
            keymap: Keymap::default(),
            help_filter: String::new(),
            palette: None,
            screen: None,
            screen_scroll: 0,
            screen_max_scroll: u16::MAX,
            started: String::new(),
            config_note: String::new(),
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
    /// Status counts, progress, overdue and changes, derived once per change so that
    /// drawing a frame does not walk every deliverable.
    pub fn figures(&self) -> &Figures {
        &self.figures
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
    /// Deliverables marked for a bulk change.
    pub fn marked(&self) -> &std::collections::BTreeSet<usize> {
        &self.marked
    }
    /// The bulk change waiting for an answer.
    pub fn bulk(&self) -> Option<&Bulk> {
        self.bulk.as_ref()
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
            || (!self.pending.is_empty() && !matches!(self.save, SaveState::Pending))
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
        if self.mode == Mode::Edit {
            return match action {
                Action::EditorInput(key) => self.editor_key(key, now),
                Action::EditorSave => self.close_editor(true, now),
                Action::EditorDiscard => self.close_editor(false, now),
                _ => None,
            };
        }
        if self.mode == Mode::Confirm {
            self.message = None;
            return match action {
                Action::Confirm(yes) => self.answer_bulk(yes, now),
                Action::Cancel => self.answer_bulk(false, now),
                _ => None,
            };
        }
        if self.mode == Mode::Help {
            return self.update_help(action);
        }
        if self.mode == Mode::Palette {
            return self.update_palette(action, now);
        }
        if self.mode == Mode::Screen {
            return self.update_screen(action);
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
                self.help_filter.clear();
            }
            Action::OpenPalette => self.open_palette(),
            Action::Click(pane, row) => self.click(pane, row),
            Action::Wheel(pane, step) => {
                // The wheel scrolls what is under it; the focus stays.
                let focus = std::mem::replace(&mut self.focus, pane);
                self.move_by(3 * step as isize);
                self.focus = focus;
            }
            Action::ShowScreen(screen) => self.show_screen(screen),
            Action::Cancel => {
                // Marks first, then the search: Esc undoes the latest narrowing.
                if !self.marked.is_empty() {
                    self.clear_marks();
                } else if self.search.active() {
                    self.clear_search();
                }
            }
            Action::ToggleMark => {
                if self.may_use_list() {
                    self.toggle_mark();
                }
            }
            Action::MarkAll => {
                if self.may_use_list() {
                    self.mark_all_shown();
                }
            }
            Action::EditField(field) => {
                if self.may_use_list() {
                    self.open_editor(field);
                }
            }
            // Only the editor and the bulk question send these.
            Action::EditorInput(_)
            | Action::EditorSave
            | Action::EditorDiscard
            | Action::Confirm(_) => {}
            Action::OpenSearch => {
                self.mode = Mode::Search;
                self.focus = Pane::Deliverables;
                self.search.pinned = false;
            }
            // Only the search line sends these.
            Action::LineChar(_)
            | Action::LineBackspace
            | Action::LineDeleteWord
            | Action::LineClear
            | Action::LineAccept
            | Action::LineCancel => {}
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
                    self.save = SaveState::Pending;
                    return Some(Effect::WriteBack);
                }
                if self.pending.is_empty() {
                    self.say("nothing to write: every edit is on disk", false);
                    return None;
                }
                self.save = SaveState::Pending;
                return Some(Effect::Save);
            }
        }
        None
    }

    /// A click focuses the pane and chooses the row under it.
    fn click(&mut self, pane: Pane, row: Option<usize>) {
        self.focus = pane;
        let Some(row) = row else {
            return;
        };
        let keep = self.selected_id();
        match pane {
            Pane::Councils if row <= self.data().councils.len() && row != self.council => {
                self.council = row;
                self.refresh(keep);
            }
            Pane::Areas if row <= self.area_rows.len() && row != self.area => {
                self.area = row;
                self.refilter(keep, Fallback::Top);
            }
            Pane::Deliverables if row < self.rows.len() && row != self.selected => {
                self.selected = row;
                self.detail_scroll = 0;
            }
            _ => {}
        }
    }

    /// Marks and field edits act on the deliverables list.
    fn may_use_list(&mut self) -> bool {
        if matches!(self.focus, Pane::Deliverables | Pane::Details) {
            return true;
        }
        self.say(
            "choose a deliverable first: Tab to the deliverables pane",
            true,
        );
        false
    }

    /// Moves the deliverables cursor whatever pane has the focus.
    fn move_in_list(&mut self, delta: isize) {
        let focus = std::mem::replace(&mut self.focus, Pane::Deliverables);
        self.move_by(delta);
        self.focus = focus;
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
