//! Editing a text field of the selected deliverable in place: notes (several lines), owner
//! and due date (one line), with the usual editing keys of `ratatui-textarea`.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::{TextArea, WrapMode};

use super::App;
use crate::action::Effect;
use crate::model::Editable;
use crate::vocabulary::Mode;

/// The field being edited and its text so far.
#[derive(Debug, Clone)]
pub struct Editor {
    pub field: Editable,
    /// The deliverable's id (its index may change if the file is reloaded meanwhile).
    pub id: String,
    pub area: TextArea<'static>,
}

impl Editor {
    /// Notes take several lines; owner and due date one.
    pub fn multi_line(&self) -> bool {
        self.field == Editable::Notes
    }

    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }
}

impl App {
    pub fn editor(&self) -> Option<&Editor> {
        self.editor.as_ref()
    }

    pub(super) fn open_editor(&mut self, field: Editable) {
        if self.read_only {
            self.say("read-only: edits are off (started with --read-only)", true);
            return;
        }
        let Some(d) = self.selected() else {
            self.say("no deliverable is selected", true);
            return;
        };
        let text = field.value(d).unwrap_or("");
        let mut area = TextArea::new(text.split('\n').map(str::to_string).collect());
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.set_placeholder_text(match field {
            Editable::Due => "YYYY, YYYY-MM or YYYY-MM-DD (empty removes it)",
            Editable::Owner => "a person or a unit (empty removes it)",
            _ => "notes (empty removes them)",
        });
        area.set_max_histories(200);
        // The cursor at the end, where one goes on writing.
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        self.editor = Some(Editor {
            field,
            id: d.id.clone(),
            area,
        });
        self.mode = Mode::Edit;
    }

    /// A key for the text: Enter ends a one-line field, and adds a line to the notes.
    pub(super) fn editor_key(&mut self, key: KeyEvent, now: &str) -> Option<Effect> {
        let editor = self.editor.as_mut()?;
        if key.code == KeyCode::Enter && !editor.multi_line() {
            return self.close_editor(true, now);
        }
        editor.area.input(key);
        None
    }

    /// Pasted text goes in as it is, newlines included (in the notes).
    pub(super) fn editor_paste(&mut self, text: &str) {
        if let Some(editor) = self.editor.as_mut() {
            let text = if editor.multi_line() {
                text.replace("\r\n", "\n").replace('\r', "\n")
            } else {
                text.replace(['\r', '\n'], " ")
            };
            editor.area.insert_str(text);
        }
    }

    /// Leaves the editor, saving the text (`keep`) or not.
    pub(super) fn close_editor(&mut self, keep: bool, now: &str) -> Option<Effect> {
        self.mode = Mode::Browse;
        let editor = self.editor.take()?;
        // A bad date keeps the editor open, with what was typed, to be put right.
        let text = editor.text();
        if keep
            && editor.field == Editable::Due
            && !text.trim().is_empty()
            && !crate::dates::is_valid_date(text.trim())
        {
            self.say(
                format!(
                    "{:?} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD (Ctrl-g leaves without saving)",
                    text.trim()
                ),
                true,
            );
            self.editor = Some(editor);
            self.mode = Mode::Edit;
            return None;
        }
        if !keep {
            self.say(
                format!("{}: edit discarded, nothing changed", editor.field.key()),
                false,
            );
            return None;
        }
        // Back on the deliverable it was opened for.
        let index = self.data().deliverable_index(&editor.id)?;
        if let Some(row) = self.rows.iter().position(|&i| i == index) {
            self.selected = row;
        }
        self.edit_text(editor.field, &editor.text(), now)
    }
}
