//! The field editor's state: the field, the deliverable, the text so far.

use ratatui_textarea::TextArea;

use crate::model::Editable;

/// The field being edited and its text so far.
#[derive(Debug, Clone)]
pub struct Editor {
    pub field: Editable,
    /// The deliverable's id (its index may change if the file is reloaded meanwhile).
    pub id: String,
    pub area: TextArea<'static>,
    /// The value as the editor showed it (as it opened, or as the disk had it when a save
    /// found it changed there): another writer's change since is asked about, not overwritten.
    pub shown: Option<String>,
    /// Another writer removed the deliverable meanwhile and the person was told: the next
    /// save restores it with this text.
    pub restore: bool,
}

impl Editor {
    /// Notes take several lines; owner and due date one.
    pub(crate) fn multi_line(&self) -> bool {
        self.field == Editable::Notes
    }

    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    /// Pasted text goes in as it is, newlines included (in the notes).
    pub(crate) fn paste(&mut self, text: &str) {
        let text = if self.multi_line() {
            text.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            text.replace(['\r', '\n'], " ")
        };
        self.area.insert_str(text);
    }
}
