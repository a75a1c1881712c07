//! Editing a text field of the selected deliverable in place: notes (several lines), owner
//! and due date (one line), with the usual editing keys of `ratatui-textarea`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{TextArea, WrapMode};

use super::App;
use super::form::alike;
use super::parts::{Editor, Overlay};
use crate::action::{Action, Effect};
use crate::model::Editable;

impl App {
    pub fn editor(&self) -> Option<&Editor> {
        match &self.overlay {
            Overlay::Editor(editor) => Some(editor),
            _ => None,
        }
    }

    pub(super) fn update_editor(&mut self, action: Action, now: &str) -> Option<Effect> {
        match action {
            Action::EditorInput(key) => self.editor_key(key, now),
            Action::EditorSave => self.close_editor(true, now),
            Action::EditorDiscard => self.close_editor(false, now),
            _ => None,
        }
    }

    pub(super) fn open_editor(&mut self, field: Editable) {
        if self.disk.read_only() {
            self.say("read-only: edits are off (started with --read-only)", true);
            return;
        }
        let Some(index) = self.lists.selected_index() else {
            self.say("no deliverable is selected", true);
            return;
        };
        if self.refuse_removed(index) {
            return;
        }
        let d = &self.doc.data().deliverables[index];
        let shown = field.value(d).map(std::borrow::Cow::into_owned);
        let area = text_area(field, shown.as_deref().unwrap_or_default());
        self.overlay = Overlay::Editor(Box::new(Editor {
            field,
            id: d.id.to_string(),
            area,
            shown,
            restore: false,
        }));
    }

    /// A key for the text: Enter ends a one-line field, and adds a line to the notes.
    fn editor_key(&mut self, key: KeyEvent, now: &str) -> Option<Effect> {
        let Overlay::Editor(editor) = &mut self.overlay else {
            return None;
        };
        if key.code == KeyCode::Enter && !editor.multi_line() {
            return self.close_editor(true, now);
        }
        // Ctrl-u clears back to the start of the line, as in the search line (the text
        // widget would take it for undo).
        if key.code == KeyCode::Char('u') && key.modifiers.contains(KeyModifiers::CONTROL) {
            editor.area.delete_line_by_head();
            return None;
        }
        editor.area.input(key);
        None
    }

    /// Leaves the editor, saving the text (`keep`) or not.
    pub(super) fn close_editor(&mut self, keep: bool, now: &str) -> Option<Effect> {
        let Overlay::Editor(editor) = std::mem::take(&mut self.overlay) else {
            return None;
        };
        // A bad date keeps the editor open, with what was typed, to be put right.
        let text = editor.text();
        if keep
            && editor.field == Editable::Due
            && !text.trim().is_empty()
            && let Some(why) = crate::dates::date_problem(text.trim())
        {
            self.say(format!("{why} (Ctrl-g leaves without saving)"), true);
            self.overlay = Overlay::Editor(editor);
            return None;
        }
        if !keep {
            self.say(
                format!("{}: edit discarded, nothing changed", editor.field.key()),
                false,
            );
            return None;
        }
        // Back on the deliverable it was opened for, by its id.
        let Some(index) = self.data().deliverable_index(&editor.id) else {
            self.say(
                format!(
                    "{} is no longer in the file (another writer took it out): the {} was not saved",
                    crate::terminal_text::line(&editor.id),
                    editor.field.key()
                ),
                true,
            );
            self.overlay = Overlay::Editor(editor);
            return None;
        };
        // Another writer removed it meanwhile: restoring it is a choice, asked before the text
        // is saved; the second save restores it with the text (two undo steps).
        if self.data().deliverables[index].removed {
            if !editor.restore {
                self.say(
                    format!(
                        "{} was removed by another writer meanwhile: save again to restore it with your text, Ctrl-g leaves without saving",
                        crate::terminal_text::line(&editor.id)
                    ),
                    true,
                );
                self.overlay = Overlay::Editor(Box::new(Editor {
                    restore: true,
                    ..*editor
                }));
                return None;
            }
            self.edit_fields(&[(index, Editable::Removed, None)], now)?;
        }
        // Another writer changed the field since it was shown, to a third value: say so
        // and keep the editor; it counts as seen, so saving again keeps this text.
        let disk = editor
            .field
            .value(&self.data().deliverables[index])
            .map(std::borrow::Cow::into_owned);
        let mine = Some(text.clone());
        if !alike(&mine, &editor.shown) && !alike(&mine, &disk) && !alike(&disk, &editor.shown) {
            let theirs = disk.as_deref().map_or_else(
                || "(none)".to_string(),
                |v| format!("{:?}", crate::terminal_text::line(v)),
            );
            self.say(
                format!(
                    "{}: {} changed on disk meanwhile to {theirs}: save again to keep yours, Ctrl-g leaves",
                    crate::terminal_text::line(&editor.id),
                    editor.field.key()
                ),
                true,
            );
            self.overlay = Overlay::Editor(Box::new(Editor {
                shown: disk,
                ..*editor
            }));
            return None;
        }
        self.lists.select_index(index);
        self.edit_text(index, editor.field, &editor.text(), now)
    }

    /// After a reload under an open editor: untouched, it shows the disk's value now
    /// (another writer's change, seen before the save); with something typed, it keeps it,
    /// and the save asks.
    pub(super) fn refresh_editor(&mut self) {
        let Overlay::Editor(editor) = &self.overlay else {
            return;
        };
        let Some(index) = self.data().deliverable_index(&editor.id) else {
            return;
        };
        let disk = editor
            .field
            .value(&self.data().deliverables[index])
            .map(std::borrow::Cow::into_owned);
        if alike(&disk, &editor.shown) || !alike(&Some(editor.text()), &editor.shown) {
            return;
        }
        let (field, id) = (editor.field, editor.id.clone());
        let area = text_area(field, disk.as_deref().unwrap_or_default());
        self.overlay = Overlay::Editor(Box::new(Editor {
            field,
            id,
            area,
            shown: disk,
            restore: false,
        }));
    }
}

/// The text area of the field editor, holding `text`, the cursor at its end.
fn text_area(field: Editable, text: &str) -> TextArea<'static> {
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
    area
}
