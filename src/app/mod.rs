//! The state of the terminal UI and its one way of changing: `update(action) -> effect`.
//! No I/O here: saving and quitting are effects that the event loop performs.
//!
//! The state is in parts with one job each (`parts/`, none aware of `App`): `Overlay`
//! (what covers the panes, with its state), `Lists` (the panes' lists and the selection),
//! `History` (undo, redo and the edits not on disk yet), `Disk` (the file and how saving
//! goes); `Figures` are the counts and lists derived from the document. `update` only
//! dispatches; the files beside this one are `App`'s handling of each job.

mod dashboard;
mod disk;
mod editing;
mod editor;
mod ending;
mod file_conflict;
mod form;
mod object_form;
pub use form::areas_shown;
mod lines;
mod links;
mod overlays;
mod parts;
mod period;
mod reload;
mod removing;
mod review;
mod type_ahead;

use crate::action::{Action, Effect};
use crate::document::Document;
use crate::figures::Figures;
use crate::keymap::Keymap;
use crate::merge::Pending;
use crate::model::{Dataset, Deliverable};
use crate::vocabulary::{Mode, Pane};

pub use parts::{
    AreaRow, Bulk, ConflictDialog, ConflictItem, Decision, Editor, Form, FormField, Message,
    ObjectForm, Palette, Removal, Review, SaveState, Search,
};
use parts::{Asks, Disk, History, Lists, Overlay, READ_ONLY, Target};

pub struct App {
    doc: Document,
    figures: Figures,
    lists: Lists,
    history: History,
    disk: Disk,
    overlay: Overlay,
    /// The review of a readout's proposals, while it is open (under the form that edits
    /// one of them, too).
    review: Option<Box<Review>>,
    message: Option<Message>,
    keymap: Keymap,
    /// The furthest a full-screen view can scroll, as the last frame measured it.
    screen_max_scroll: u16,
    /// When the session started (RFC 3339), for "changed this session" and "overdue".
    started: String,
    /// The local date then (YYYY-MM-DD): overdue means due before it.
    today: String,
    /// Where the settings come from, for the help.
    config_note: String,
    /// The zone times are shown in.
    zone: crate::zone::Zone,
    /// Where the changes view starts.
    since: period::Since,
    /// The dashboard's chosen row (among the rows Enter acts on), and whether it covers
    /// every deliverable rather than what the panes show.
    dash_cursor: usize,
    dash_everything: bool,
    /// The focused pane fills the screen (for a projector).
    zoomed: bool,
    /// Keys that wait for a search's results.
    ahead: type_ahead::TypeAhead,
    /// What was typed in an editor or form that could not be saved as the app ended.
    unsaved_text: Vec<String>,
}

/// A search with at most this many rows still to score is finished for a status key that
/// needs its list (some milliseconds at most); the key waits for a longer one's results.
const FINISH_FOR_A_KEY: usize = 65_536;

impl App {
    /// `file` is the path as it should be shown (already made safe for the terminal).
    pub fn new(doc: Document, file: String, read_only: bool) -> Self {
        let figures = Figures::new(doc.data());
        App {
            lists: Lists::new(doc.data(), &figures.counts().area_totals()),
            figures,
            doc,
            history: History::default(),
            disk: Disk::new(file, read_only),
            overlay: Overlay::None,
            review: None,
            message: None,
            keymap: Keymap::default(),
            screen_max_scroll: u16::MAX,
            started: String::new(),
            today: String::new(),
            config_note: String::new(),
            zone: crate::zone::Zone::utc(),
            since: period::Since::Today,
            dash_cursor: 0,
            dash_everything: false,
            zoomed: false,
            ahead: type_ahead::TypeAhead::default(),
            unsaved_text: Vec::new(),
        }
    }

    /// Applies one action. `now` is the current time (RFC 3339, UTC) for history entries.
    pub fn update(&mut self, action: Action, now: &str) -> Option<Effect> {
        match action {
            Action::ForceQuit => return Some(Effect::ForceQuit),
            Action::Suspend => return Some(Effect::Suspend),
            _ if self.holds_keys() => {
                self.hold(type_ahead::Held::Action(action), now);
                return None;
            }
            _ => {}
        }
        // A key that edits the search line may start a search while one is under way, `Esc`
        // drops it and `Enter` leaves it running (the list shows it when done). A move, an
        // undo, or a status key on a row the search finds acts on the row shown, as the
        // person sees it, and leaves the search running: when it ends, the cursor stays on
        // that row's deliverable. Any other key acts on the list, so it sees the list its
        // search makes.
        let mode = self.overlay.mode();
        let typing = mode == Mode::Search
            && matches!(
                action,
                Action::LineChar(_)
                    | Action::LineBackspace
                    | Action::LineDeleteWord
                    | Action::LineClear
                    | Action::LineCancel
                    | Action::LineAccept
            );
        let on_shown = matches!(mode, Mode::Browse | Mode::Search)
            && match action {
                Action::Up
                | Action::Down
                | Action::PageUp
                | Action::PageDown
                | Action::Top
                | Action::Bottom
                | Action::Undo
                | Action::Redo => true,
                // Never on a row the search would not show (`/cond` Enter `4` typed ahead,
                // with the last list still shown): a short search ends first then; the
                // key waits for a long one's results, and the keys after it wait too.
                Action::CycleStatus(_) | Action::SetStatus(_) => {
                    if self.lists.search_finds_selected(self.doc.data()) {
                        true
                    } else if self.lists.search_left() > FINISH_FOR_A_KEY {
                        self.hold(type_ahead::Held::Action(action), now);
                        return None;
                    } else {
                        false
                    }
                }
                _ => false,
            };
        // `Esc` that clears the search throws its results away: no need to wait for them.
        let drops_search =
            mode == Mode::Browse && action == Action::Cancel && self.lists.cancel_clears_search();
        if !typing && !on_shown && !drops_search {
            self.lists.finish_search(self.doc.data());
        }
        let effect = self.update_in(mode, action, now);
        if on_shown {
            self.lists.keep_cursor(self.doc.data());
        }
        effect
    }

    fn update_in(&mut self, mode: Mode, action: Action, now: &str) -> Option<Effect> {
        match mode {
            Mode::Browse => self.update_browse(action, now),
            Mode::Search => {
                self.message = None;
                self.update_search(action);
                None
            }
            Mode::Prompt => self.update_prompt(action),
            Mode::Edit => self.update_editor(action, now),
            Mode::Form if matches!(self.overlay, Overlay::ObjectForm(_)) => {
                self.update_object_form(action, now)
            }
            Mode::Form => {
                let effect = self.update_form(action, now);
                self.after_review_form(effect.is_some());
                effect
            }
            Mode::Confirm => {
                self.message = None;
                if matches!(self.overlay, Overlay::Remove(_)) {
                    self.update_removal(action, now)
                } else {
                    self.update_bulk(action, now)
                }
            }
            Mode::Help | Mode::HelpFilter => self.update_help(action),
            Mode::Palette => self.update_palette(action, now),
            Mode::Screen | Mode::Changes => self.update_screen(action),
            Mode::Conflict => self.update_conflict(action),
            Mode::Review => self.update_review(action, now),
        }
    }

    /// The panes have the keys: each action goes to the part whose job it is.
    fn update_browse(&mut self, action: Action, now: &str) -> Option<Effect> {
        // A message answers the key before; the next key clears it (unless it sets another).
        self.message = None;
        let armed = self.disk.disarm();
        let mut effect = None;
        match action {
            Action::Quit | Action::Write => {
                let pending = self.history.has_pending();
                (effect, self.message) = self.disk.update(action, armed, pending);
            }
            Action::WriteAs if self.disk.read_only() => {
                self.say(READ_ONLY, true);
            }
            Action::WriteAs => {
                self.overlay = Overlay::Prompt {
                    path: String::new(),
                    asks: Asks::WritePath,
                }
            }
            Action::ToggleHelp => {
                self.overlay = Overlay::Help {
                    filter: String::new(),
                    scroll: 0,
                }
            }
            Action::OpenPalette => self.overlay = Overlay::Palette(Palette::default()),
            Action::ShowScreen(screen) => {
                (self.dash_cursor, self.dash_everything) = (0, false);
                self.overlay = Overlay::Screen { screen, scroll: 0 }
            }
            Action::OpenSearch => {
                self.lists.open_search();
                self.overlay = Overlay::Search;
            }
            Action::EditField(field) => {
                if self.may_use_list() {
                    self.open_editor(field);
                }
            }
            Action::Zoom => {
                self.zoomed = !self.zoomed;
                let said = if self.zoomed {
                    "zoomed: the focused pane fills the screen (z again to go back)"
                } else {
                    "zoom off"
                };
                self.say(said, false);
            }
            Action::OpenLink => effect = self.open_link(),
            Action::Copy(link) => effect = self.copy(link),
            Action::Remove => self.ask_removal(),
            Action::AddDeliverable => self.open_form(false),
            Action::EditDeliverable => match self.focus() {
                Pane::Councils | Pane::Areas => self.open_object_form(true),
                _ => {
                    if self.may_use_list() {
                        self.open_form(true);
                    }
                }
            },
            Action::AddCouncil => self.open_object_form(false),
            Action::CarryOver => {
                if self.may_use_list() {
                    self.open_carry_over();
                }
            }
            Action::CycleStatus(step) => effect = self.edit_status(Target::Step(step), now),
            Action::SetStatus(n) => effect = self.edit_status(Target::Nth(n as usize), now),
            Action::Undo | Action::Redo => effect = self.replay(action, now),
            _ => self.message = self.lists.update(self.doc.data(), action),
        }
        effect
    }

    /// True while a long search is under way: the list shows the last results meanwhile.
    pub fn searching(&self) -> bool {
        self.lists.searching()
    }

    // ---- read access for rendering and tests ----

    pub fn data(&self) -> &Dataset {
        self.doc.data()
    }
    pub fn document(&self) -> &Document {
        &self.doc
    }
    pub fn file(&self) -> &str {
        self.disk.file()
    }
    pub fn focus(&self) -> Pane {
        self.lists.focus
    }
    /// What has the keys, for the keymap.
    pub fn mode(&self) -> Mode {
        self.overlay.mode()
    }
    pub fn council_cursor(&self) -> usize {
        self.lists.council_cursor()
    }
    pub(crate) fn area_cursor(&self) -> usize {
        self.lists.area_cursor()
    }
    pub fn area_rows(&self) -> &[AreaRow] {
        self.lists.area_rows()
    }
    /// Status counts, progress, overdue and changes, derived once per change so that
    /// drawing a frame does not walk every deliverable.
    pub fn figures(&self) -> &Figures {
        &self.figures
    }
    /// The deliverables shown, as indices into `data().deliverables`.
    pub fn rows(&self) -> &[usize] {
        self.lists.rows()
    }
    pub fn selected_row(&self) -> usize {
        self.lists.selected_row()
    }
    pub fn selected(&self) -> Option<&Deliverable> {
        self.lists.selected(self.doc.data())
    }
    pub fn detail_scroll(&self) -> u16 {
        self.lists.detail_scroll()
    }
    /// Deliverables marked for a bulk change.
    pub fn marked(&self) -> &std::collections::BTreeSet<usize> {
        self.lists.marked()
    }
    pub fn search(&self) -> &Search {
        self.lists.search()
    }
    /// The order of the deliverables list.
    pub fn sort(&self) -> crate::vocabulary::Sort {
        self.lists.sort()
    }
    /// True when the focused pane fills the screen.
    pub fn zoomed(&self) -> bool {
        self.zoomed
    }
    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }
    pub fn save_state(&self) -> &SaveState {
        self.disk.save_state()
    }
    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }
    pub(crate) fn read_only(&self) -> bool {
        self.disk.read_only()
    }
    /// True when edits are in memory but not on disk, or the file itself is gone.
    pub fn has_unsaved_edits(&self) -> bool {
        self.history.has_pending() || self.disk.lost() || !self.unsaved_text.is_empty()
    }
    /// The edits not on disk yet.
    pub fn pending(&self) -> impl Iterator<Item = &Pending> {
        self.history.pending()
    }
    /// The number of the last edit: a save started now covers the edits up to it.
    pub(crate) fn edit_seq(&self) -> u64 {
        self.history.edit_seq()
    }

    /// The view reports how far the details can scroll at the current size.
    pub fn set_detail_limit(&mut self, max: u16) {
        self.lists.set_detail_limit(max);
    }

    /// The council chosen in the councils pane, if not "All".
    pub fn council_filter(&self) -> Option<&str> {
        self.lists.council_filter(self.doc.data())
    }

    /// The area chosen in the areas pane, if not "All".
    pub fn area_filter(&self) -> Option<&str> {
        self.lists.area_filter(self.doc.data())
    }

    fn selected_id(&self) -> Option<String> {
        self.selected().map(|d| d.id.to_string())
    }

    fn say(&mut self, text: impl Into<String>, error: bool) {
        self.message = Some(Message {
            text: text.into(),
            error,
        });
    }

    /// Marks and field edits act on the deliverables list.
    fn may_use_list(&mut self) -> bool {
        match self.lists.may_use_list() {
            Ok(()) => true,
            Err(why) => {
                self.message = Some(why);
                false
            }
        }
    }
}
