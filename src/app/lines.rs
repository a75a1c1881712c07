//! The one-line inputs: the search line and the "write to" prompt (the palette and the
//! help filter use the same line editor).

use super::App;
use super::parts::{Asks, Message, Overlay, edit_line};
use crate::action::{Action, Effect};
use crate::vocabulary::Mode;

impl App {
    /// Text pasted into the terminal: into the field editor as it is, into the search line
    /// or the prompt on one line; elsewhere it does nothing.
    pub fn paste(&mut self, text: &str, now: &str) {
        if self.holds_keys() {
            self.hold(super::type_ahead::Held::Paste(text.to_string()), now);
            return;
        }
        if let Overlay::Editor(editor) = &mut self.overlay {
            editor.paste(text);
            return;
        }
        if matches!(self.overlay, Overlay::Form(_)) {
            self.paste_in_form(text);
            return;
        }
        if !matches!(self.mode(), Mode::Search | Mode::Prompt) {
            return;
        }
        for c in text.chars() {
            let c = if c.is_control() { ' ' } else { c };
            self.update(Action::LineChar(c), now);
        }
    }

    /// The path typed in the "write to" prompt.
    pub fn prompt(&self) -> &str {
        match &self.overlay {
            Overlay::Prompt { path, .. } => path,
            _ => "",
        }
    }

    /// The "write to" prompt: a path, edited like the search line (Ctrl-w takes a part of
    /// the path).
    pub(super) fn update_prompt(&mut self, action: Action) -> Option<Effect> {
        let Overlay::Prompt { path, asks } = &mut self.overlay else {
            return None;
        };
        if *asks == Asks::SinceDate {
            return self.update_since_prompt(action);
        }
        match action {
            Action::LineDeleteWord => {
                let kept = path.trim_end_matches('/').len();
                path.truncate(kept);
                let start = path.rfind(['/', ' ']).map_or(0, |i| i + 1);
                path.truncate(start);
            }
            _ if edit_line(path, action) => {}
            Action::LineCancel | Action::Cancel => {
                self.overlay = Overlay::None;
                self.message = Some(Message::info("not written"));
            }
            Action::LineAccept => {
                let path = path.trim().to_string();
                if path.is_empty() {
                    self.say("type the path of a new file, or Esc", true);
                    return None;
                }
                self.overlay = Overlay::None;
                return Some(self.disk.save_as(path.into()));
            }
            _ => {}
        }
        None
    }

    pub(super) fn update_search(&mut self, action: Action) {
        let (leave, said) = self.lists.search_key(self.doc.data(), action);
        if leave {
            self.overlay = Overlay::None;
        }
        if said.is_some() {
            self.message = said;
        }
    }
}
