//! The app ends without the person's word (a signal, a closed terminal, `Ctrl-c`): what is
//! typed in an open editor or form counts as an edit. It is saved as its save key would save
//! it; what cannot be (a date that is not one, a form the file refuses) is kept, field by
//! field, for the message printed at the end.

use super::App;
use super::parts::{Form, FormField, Overlay};
use crate::terminal_text::line as safe;

impl App {
    /// Saves the text of an open editor or form, or keeps it in
    /// [`App::unsaved_text`] when it cannot be saved. The save itself is the event loop's:
    /// it follows from the state left pending.
    pub fn keep_open_text(&mut self, now: &str) {
        match &self.overlay {
            Overlay::Editor(editor) => {
                let (id, field, text) = (editor.id.clone(), editor.field, editor.text());
                if self.data().deliverable_index(&id).is_none() {
                    self.overlay = Overlay::None;
                    self.unsaved_text.push(format!(
                        "{}: {}: {:?} (no longer in the file)",
                        safe(&id),
                        field.key(),
                        safe(&text)
                    ));
                    return;
                }
                let bad_date = (field == crate::model::Editable::Due)
                    .then(|| crate::dates::date_problem(text.trim()))
                    .flatten()
                    .filter(|_| !text.trim().is_empty());
                match bad_date {
                    Some(why) => {
                        self.overlay = Overlay::None;
                        self.unsaved_text.push(format!(
                            "{}: {}: {:?} ({why})",
                            safe(&id),
                            field.key(),
                            safe(&text)
                        ));
                    }
                    None => drop(self.close_editor(true, now)),
                }
            }
            Overlay::Form(form) if form.touched => {
                let _save = self.save_form(now);
                if let Overlay::Form(form) = std::mem::take(&mut self.overlay) {
                    self.unsaved_text.extend(form_lines(&form));
                }
            }
            Overlay::ObjectForm(form) if form.touched => {
                let _save = self.save_object_form(now);
                if let Overlay::ObjectForm(form) = std::mem::take(&mut self.overlay) {
                    let what = match (&form.editing, form.council) {
                        (Some(id), _) => format!("{}: editing", safe(id)),
                        (None, true) => "a new council".to_string(),
                        (None, false) => "a new area".to_string(),
                    };
                    let why = form.problem.as_deref().unwrap_or("not saved");
                    self.unsaved_text
                        .push(format!("{what}: the form was not saved ({})", safe(why)));
                    for (key, value) in form.fields.iter().filter(|(_, v)| !v.is_empty()) {
                        self.unsaved_text
                            .push(format!("  {key}: {:?}", safe(value)));
                    }
                }
            }
            _ => {}
        }
    }

    /// What was typed in an editor or a form that could not be saved when the app ended.
    pub fn unsaved_text(&self) -> &[String] {
        &self.unsaved_text
    }
}

/// The deliverable form's typed fields, under a line saying which form and why.
fn form_lines(form: &Form) -> Vec<String> {
    let what = match &form.editing {
        Some(id) => format!("{}: editing", safe(id)),
        None => "a new deliverable".to_string(),
    };
    let why = form.problem.as_deref().unwrap_or("not saved");
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
