//! The one-line inputs: the search line and the "write to" prompt.

use super::{App, Fallback, PAGE, SaveState};
use crate::action::{Action, Effect};
use crate::search::Query;
use crate::vocabulary::{Mode, Pane};

/// A line edited as in a shell: a character, Backspace, Ctrl-w (a word), Ctrl-u (all).
/// Returns false for any other action.
pub(super) fn edit_line(line: &mut String, action: Action) -> bool {
    match action {
        Action::LineChar(c) => line.push(c),
        Action::LineBackspace => {
            line.pop();
        }
        Action::LineDeleteWord => {
            let kept = line.trim_end().len();
            line.truncate(kept);
            let start = line.rfind(char::is_whitespace).map_or(0, |i| i + 1);
            line.truncate(start);
        }
        Action::LineClear => line.clear(),
        _ => return false,
    }
    true
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
    pub(super) pinned: bool,
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

impl App {
    /// Text pasted into the terminal: into the field editor as it is, into the search line
    /// or the prompt on one line; elsewhere it does nothing.
    pub fn paste(&mut self, text: &str, now: &str) {
        if self.mode == Mode::Edit {
            self.editor_paste(text);
            return;
        }
        if !matches!(self.mode, Mode::Search | Mode::Prompt) {
            return;
        }
        for c in text.chars() {
            let c = if c.is_control() { ' ' } else { c };
            self.update(Action::LineChar(c), now);
        }
    }

    /// The "write to" prompt: a path, edited like the search line.
    pub(super) fn update_prompt(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::LineChar(c) => self.prompt.push(c),
            Action::LineBackspace => {
                self.prompt.pop();
            }
            Action::LineDeleteWord => {
                let kept = self.prompt.trim_end_matches('/').len();
                self.prompt.truncate(kept);
                let start = self.prompt.rfind(['/', ' ']).map_or(0, |i| i + 1);
                self.prompt.truncate(start);
            }
            Action::LineClear => self.prompt.clear(),
            Action::LineCancel | Action::Cancel => {
                self.mode = Mode::Browse;
                self.say("not written", false);
            }
            Action::LineAccept => {
                let path = self.prompt.trim().to_string();
                if path.is_empty() {
                    self.say("type the path of a new file, or Esc", true);
                    return None;
                }
                self.mode = Mode::Browse;
                self.save = SaveState::Pending;
                return Some(Effect::SaveAs(path.into()));
            }
            _ => {}
        }
        None
    }

    pub(super) fn update_search(&mut self, action: Action) {
        match action {
            _ if edit_line(&mut self.search.input, action) => {}
            Action::LineAccept => {
                self.mode = Mode::Browse;
                self.focus = Pane::Deliverables;
                return;
            }
            Action::LineCancel => {
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
        if query.same_search(&self.search.query) {
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
    pub(super) fn clear_search(&mut self) {
        let keep = self.selected_id();
        self.search = Search::default();
        self.refilter(keep, Fallback::Top);
        self.say("search cleared", false);
    }
}
