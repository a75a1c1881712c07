//! The app ends without the person's word (a signal, a closed terminal, `Ctrl-c`): what is
//! typed in an open editor or form counts as an edit. It is saved as its save key would save
//! it; what cannot be (a date that is not one, a form the file refuses, a form under a
//! conflict dialog without an answer) is kept, field by field, for the message printed at
//! the end.

use super::App;
use super::parts::{Editor, Form, FormField, ObjectForm, Overlay};
use crate::terminal_text::line as safe;

impl App {
    /// Saves the text of an open editor or form, or keeps it in
    /// [`App::unsaved_text`] when it cannot be saved. The save itself is the event loop's:
    /// it follows from the state left pending.
    pub fn keep_open_text(&mut self, now: &str) {
        match &self.overlay {
            Overlay::Editor(editor) => {
                let why = if self.data().deliverable_index(&editor.id).is_none() {
                    Some("no longer in the file".to_string())
                } else if editor.field == crate::model::Editable::Due {
                    Some(editor.text())
                        .filter(|t| !t.trim().is_empty())
                        .and_then(|t| crate::dates::date_problem(t.trim()))
                } else {
                    None
                };
                match why {
                    Some(why) => {
                        let lines = editor_lines(editor, &why);
                        self.unsaved_text.extend(lines);
                        self.overlay = Overlay::None;
                    }
                    None => {
                        let _save = self.close_editor(true, now);
                        // Still open: it could not be saved (another writer changed or removed
                        // its deliverable meanwhile), as the message says.
                        if let Overlay::Editor(editor) = std::mem::take(&mut self.overlay) {
                            let why = self.message.as_ref().map_or("not saved", |m| &m.text);
                            let lines = editor_lines(&editor, why);
                            self.unsaved_text.extend(lines);
                        }
                    }
                }
            }
            Overlay::Form(form) if form.touched => {
                let _save = self.save_form(now);
                if let Overlay::Form(form) = std::mem::take(&mut self.overlay) {
                    let why = form.problem.clone().unwrap_or_else(|| "not saved".into());
                    self.unsaved_text.extend(form_lines(&form, &why));
                }
            }
            Overlay::ObjectForm(form) if form.touched => {
                let _save = self.save_object_form(now);
                if let Overlay::ObjectForm(form) = std::mem::take(&mut self.overlay) {
                    let why = form.problem.clone().unwrap_or_else(|| "not saved".into());
                    self.unsaved_text.extend(object_form_lines(&form, &why));
                }
            }
            // The clash has no answer, so nothing is written: what was typed under the
            // dialog is listed with the edits not on disk.
            Overlay::Conflict(dialog) => {
                let why = "under a conflict with the file on disk that had no answer";
                let lines = match dialog.under.as_deref() {
                    Some(Overlay::Editor(editor)) => editor_lines(editor, why),
                    Some(Overlay::Form(form)) if form.touched => form_lines(form, why),
                    Some(Overlay::ObjectForm(form)) if form.touched => object_form_lines(form, why),
                    _ => vec![],
                };
                self.unsaved_text.extend(lines);
            }
            _ => {}
        }
    }

    /// What was typed in an editor or a form that could not be saved when the app ended.
    pub fn unsaved_text(&self) -> &[String] {
        &self.unsaved_text
    }
}

/// The field editor's text, with why it was not saved.
fn editor_lines(editor: &Editor, why: &str) -> Vec<String> {
    vec![format!(
        "{}: {}: {:?} ({})",
        safe(&editor.id),
        editor.field.key(),
        safe(&editor.text()),
        safe(why)
    )]
}

/// The deliverable form's typed fields, under a line saying which form and why.
fn form_lines(form: &Form, why: &str) -> Vec<String> {
    let what = match &form.editing {
        Some(id) => format!("{}: editing", safe(id)),
        None => "a new deliverable".to_string(),
    };
    let mut lines = vec![format!("{what}: the form was not saved ({})", safe(why))];
    for field in FormField::ALL.into_iter().filter(|f| f.is_text()) {
        let text = form.text(field);
        if !text.is_empty() {
            lines.push(format!(
                "  {}: {:?}",
                field.label().to_lowercase(),
                safe(text)
            ));
        }
    }
    if !form.areas.is_empty() {
        lines.push(format!("  areas: {:?}", safe(&form.areas.join(", "))));
    }
    lines
}

/// The council or area form's typed fields, under a line saying which form and why.
fn object_form_lines(form: &ObjectForm, why: &str) -> Vec<String> {
    let what = match (&form.editing, form.council) {
        (Some(id), _) => format!("{}: editing", safe(id)),
        (None, true) => "a new council".to_string(),
        (None, false) => "a new area".to_string(),
    };
    let mut lines = vec![format!("{what}: the form was not saved ({})", safe(why))];
    for (key, value) in form.fields.iter().filter(|(_, v)| !v.is_empty()) {
        lines.push(format!("  {key}: {:?}", safe(value)));
    }
    lines
}
