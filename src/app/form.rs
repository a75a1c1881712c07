//! The deliverable form: `a` opens it empty (council: the selected one, else the latest),
//! `E` on the selected deliverable. `Tab` / `Shift-Tab` move between fields, `Enter` moves
//! on (in the areas field it takes the highlighted area; in the description and the notes
//! it starts a new line), `Ctrl-s` saves from anywhere,
//! `Esc` leaves (asking first when something was typed). Saving is one `capture::Op`, the
//! same as the command line's, as one undo step.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::App;
use super::parts::{Fallback, Form, FormField, Overlay};
use crate::action::{Action, Effect};
use crate::capture::{Op, Stop};
use crate::create::{self, NewDeliverable};
use crate::model::{Dataset, Deliverable, Editable, areas_value};

/// The fields of a deliverable that the form edits.
const FORM_FIELDS: [Editable; 8] = [
    Editable::Title,
    Editable::Council,
    Editable::Owner,
    Editable::Due,
    Editable::Description,
    Editable::Notes,
    Editable::Areas,
    Editable::Status,
];

/// What the form holds for a field, as [`form_value`] gives the file's.
fn typed_value(form: &Form, field: Editable, data: &Dataset) -> Option<String> {
    let typed = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    match field {
        Editable::Title => Some(form.title.trim().to_string()),
        Editable::Council => data.councils.get(form.council).map(|c| c.id.clone()),
        Editable::Areas => Some(areas_value(&form.areas)),
        Editable::Status => data.statuses.get(form.status).map(|s| s.name.clone()),
        Editable::Owner => typed(&form.owner),
        Editable::Due => typed(&form.due),
        Editable::Description => typed(&form.description),
        _ => typed(&form.notes),
    }
}

impl App {
    /// After a reload under an open form: a field the person has not touched shows the
    /// disk's value now (another writer's change, seen before the save); a field both
    /// changed keeps what was typed, and the save asks.
    pub(super) fn refresh_form(&mut self) {
        let data = self.doc.data();
        let Overlay::Form(form) = &mut self.overlay else {
            return;
        };
        let Some(d) = form
            .editing
            .as_deref()
            .and_then(|id| data.deliverable_index(id))
            .map(|i| &data.deliverables[i])
        else {
            return;
        };
        let mut shown = std::mem::take(&mut form.shown);
        for (field, seen) in &mut shown {
            let disk = form_value(*field, d);
            if alike(&disk, seen) || !alike(&typed_value(form, *field, data), seen) {
                continue;
            }
            let text = disk.clone().unwrap_or_default();
            match field {
                Editable::Title => form.title = text,
                Editable::Owner => form.owner = text,
                Editable::Due => form.due = text,
                Editable::Description => form.description = text,
                Editable::Notes => form.notes = text,
                Editable::Council => {
                    form.council = data
                        .councils
                        .iter()
                        .position(|c| c.id == text)
                        .unwrap_or(form.council)
                }
                Editable::Status => form.status = data.status_index(&text).unwrap_or(form.status),
                Editable::Areas => form.areas = d.areas.iter().map(|a| a.to_string()).collect(),
                _ => {}
            }
            *seen = disk;
        }
        form.shown = shown;
    }
}

/// Two values of a field alike but for the spaces around them (an empty one is none).
pub(super) fn alike(a: &Option<String>, b: &Option<String>) -> bool {
    fn norm(v: &Option<String>) -> Option<&str> {
        v.as_deref().map(str::trim).filter(|s| !s.is_empty())
    }
    norm(a) == norm(b)
}

/// A field's value as the form compares it (the areas as a list even when the file has none).
fn form_value(field: Editable, d: &Deliverable) -> Option<String> {
    match field {
        Editable::Areas => Some(areas_value(&d.areas)),
        _ => field.value(d).map(std::borrow::Cow::into_owned),
    }
}

/// The areas the filter shows: those whose id or name holds it, in file order.
pub fn areas_shown<'a>(data: &'a Dataset, filter: &str) -> Vec<&'a crate::model::Area> {
    let f = filter.trim().to_lowercase();
    data.areas
        .iter()
        .filter(|a| {
            f.is_empty() || a.id.to_lowercase().contains(&f) || a.name.to_lowercase().contains(&f)
        })
        .collect()
}

impl App {
    pub fn form(&self) -> Option<&Form> {
        match &self.overlay {
            Overlay::Form(form) => Some(form),
            _ => None,
        }
    }

    /// `a` (`edit` false) or `E` (`edit` true).
    pub(super) fn open_form(&mut self, edit: bool) {
        if self.disk.read_only() {
            self.say("read-only: edits are off (started with --read-only)", true);
            return;
        }
        let data = self.doc.data();
        if data.councils.is_empty() {
            self.say("the file has no council yet: a deliverable needs one", true);
            return;
        }
        let form = if edit {
            let Some(d) = self.selected() else {
                self.say("no deliverable is selected", true);
                return;
            };
            Form {
                editing: Some(d.id.to_string()),
                title: d.title.to_string(),
                id: d.id.to_string(),
                id_typed: true,
                council: data
                    .councils
                    .iter()
                    .position(|c| c.id == d.council)
                    .unwrap_or(0),
                areas: d.areas.iter().map(|a| a.to_string()).collect(),
                status: data.status_index(&d.status).unwrap_or(0),
                owner: d.owner.as_deref().unwrap_or_default().to_string(),
                due: d.due.as_deref().unwrap_or_default().to_string(),
                description: d.description().as_deref().unwrap_or_default().to_string(),
                notes: d.notes().as_deref().unwrap_or_default().to_string(),
                shown: FORM_FIELDS.map(|f| (f, form_value(f, d))).to_vec(),
                ..Form::default()
            }
        } else {
            // The selected council, else the most recent one (the meeting of the day).
            let council = self
                .council_filter()
                .and_then(|id| data.councils.iter().position(|c| c.id == id))
                .unwrap_or_else(|| latest_council(data));
            let first_open = create::first_open_status(data);
            Form {
                council,
                areas: self.area_filter().map(str::to_string).into_iter().collect(),
                status: data.status_index(first_open).unwrap_or(0),
                ..Form::default()
            }
        };
        self.overlay = Overlay::Form(Box::new(form));
        self.derive_id();
    }

    /// `F`: the form for a new deliverable that carries the selected one over to the next
    /// council (by date; the latest when there is none after it): the same title and areas,
    /// the first open status, `follows` naming the original.
    pub(super) fn open_carry_over(&mut self) {
        let Some(d) = self.selected().cloned() else {
            self.say("no deliverable is selected", true);
            return;
        };
        // The next council of the same partnership and series of meetings (its partner, else
        // its id without the number: eu-kr-dpc-1, then eu-kr-dpc-2; and its series), by date.
        let data = self.doc.data();
        let Some(this) = data.council(&d.council) else {
            self.say(format!("{}: its council is not in the file", d.id), true);
            return;
        };
        let series = |c: &crate::model::Council| -> (String, Option<String>) {
            let partner = c.partner.clone().unwrap_or_else(|| {
                c.id.trim_end_matches(|ch: char| ch.is_ascii_digit())
                    .trim_end_matches('-')
                    .to_string()
            });
            (partner, c.series.clone())
        };
        let (ours, from) = (series(this), this.date.clone().unwrap_or_default());
        let next = data
            .councils
            .iter()
            .enumerate()
            .filter(|(_, c)| c.id != this.id && series(c) == ours)
            .filter(|(_, c)| c.date.clone().unwrap_or_default() > from)
            .min_by(|(_, a), (_, b)| a.date.cmp(&b.date))
            .map(|(i, _)| i);
        let Some(next) = next else {
            let name = crate::terminal_text::line(&this.name).into_owned();
            let same = match &this.series {
                Some(s) => format!(
                    " of the same partner and series ({})",
                    crate::terminal_text::line(s)
                ),
                None => " of the same partner".to_string(),
            };
            self.say(
                format!(
                    "no later council{same} follows {name} yet: add it with A, then carry over with F"
                ),
                true,
            );
            return;
        };
        self.open_form(false);
        let Overlay::Form(form) = &mut self.overlay else {
            return;
        };
        form.council = next;
        form.title = d.title.to_string();
        form.areas = d.areas.iter().map(|a| a.to_string()).collect();
        form.follows = Some(d.id.to_string());
        form.touched = true;
        self.derive_id();
    }

    /// `y` to the question "leave without saving? y/n": the form (of any kind) goes.
    pub(super) fn close_form_unsaved(&mut self) {
        self.overlay = Overlay::None;
        self.say("form closed, nothing saved", false);
    }

    pub(super) fn update_form(&mut self, action: Action, now: &str) -> Option<Effect> {
        let Overlay::Form(form) = &mut self.overlay else {
            return None;
        };
        if form.leaving {
            if says_yes(action) {
                self.close_form_unsaved();
            } else {
                form.leaving = false;
            }
            return None;
        }
        match action {
            Action::FormSave => return self.save_form(now),
            Action::FormMove(step) => {
                let n = FormField::ALL.len() as isize;
                form.focus = (form.focus as isize + step as isize).rem_euclid(n) as usize;
            }
            Action::Cancel => {
                if form.touched {
                    form.leaving = true;
                } else {
                    self.overlay = Overlay::None;
                }
            }
            Action::FormInput(key) => self.form_key(key),
            _ => {}
        }
        None
    }

    /// Pasted text goes into the focused text field, on one line.
    pub(super) fn paste_in_form(&mut self, text: &str) {
        let Overlay::Form(form) = &mut self.overlay else {
            return;
        };
        let field = form.focused();
        let multi_line = matches!(field, FormField::Description | FormField::Notes);
        if let Some(t) = form.text_mut(field) {
            if multi_line {
                t.push_str(&text.replace("\r\n", "\n").replace('\r', "\n"));
            } else {
                t.push_str(&text.replace(['\r', '\n'], " "));
            }
            form.touched = true;
        }
        self.derive_id();
    }

    fn form_key(&mut self, key: KeyEvent) {
        let data = self.doc.data();
        let Overlay::Form(form) = &mut self.overlay else {
            return;
        };
        let field = form.focused();
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let step: isize = match key.code {
            KeyCode::Down | KeyCode::Right => 1,
            KeyCode::Up | KeyCode::Left => -1,
            _ => 0,
        };
        match (field, key.code) {
            (FormField::Council, _) if step != 0 => {
                let n = data.councils.len().max(1) as isize;
                form.council = (form.council as isize + step).rem_euclid(n) as usize;
                form.touched = true;
            }
            (FormField::Status, _) if step != 0 => {
                let n = data.statuses.len().max(1) as isize;
                form.status = (form.status as isize + step).rem_euclid(n) as usize;
                form.touched = true;
            }
            (FormField::Areas, _) if step != 0 => {
                let n = areas_shown(data, &form.area_filter).len().max(1) as isize;
                form.area_cursor = (form.area_cursor as isize + step).rem_euclid(n) as usize;
            }
            (FormField::Areas, KeyCode::Enter) => {
                let shown = areas_shown(data, &form.area_filter);
                match shown.get(form.area_cursor) {
                    Some(a) => {
                        // Enter takes the highlighted area, or gives it back.
                        match form.areas.iter().position(|x| *x == a.id) {
                            Some(i) => {
                                form.areas.remove(i);
                            }
                            None => form.areas.push(a.id.clone()),
                        }
                        form.area_filter.clear();
                        form.area_cursor = 0;
                        form.touched = true;
                    }
                    None if form.area_filter.trim().is_empty() => form.focus += 1,
                    None => {
                        // A new name: the area is created with the deliverable.
                        let name = form.area_filter.trim().to_string();
                        let taken = |id: &str| {
                            data.area(id).is_some() || form.new_areas.iter().any(|(n, _)| n == id)
                        };
                        let base = create::slug(&name);
                        let id =
                            create::unique(if base.is_empty() { "area" } else { &base }, taken);
                        form.new_areas.push((id.clone(), name));
                        form.areas.push(id);
                        form.area_filter.clear();
                        form.area_cursor = 0;
                        form.touched = true;
                    }
                }
            }
            (FormField::Areas, KeyCode::Backspace) if form.area_filter.is_empty() => {
                if let Some(gone) = form.areas.pop() {
                    form.new_areas.retain(|(id, _)| *id != gone);
                }
                form.touched = true;
            }
            (FormField::Areas, KeyCode::Backspace) => {
                form.area_filter.pop();
                form.area_cursor = 0;
            }
            (FormField::Areas, KeyCode::Char(c)) if !ctrl => {
                form.area_filter.push(c);
                form.area_cursor = 0;
            }
            // Description and notes take several lines; Enter moves on from the others.
            (FormField::Description | FormField::Notes, KeyCode::Enter) => {
                if let Some(text) = form.text_mut(field) {
                    text.push('\n');
                    form.touched = true;
                }
            }
            (_, KeyCode::Enter) => form.focus = (form.focus + 1) % FormField::ALL.len(),
            (f, code) if f.is_text() => {
                let Some(text) = form.text_mut(f) else {
                    return;
                };
                match code {
                    KeyCode::Char('u') if ctrl => text.clear(),
                    KeyCode::Char('w') if ctrl => {
                        let kept = text.trim_end().len();
                        text.truncate(kept);
                        let start = text.rfind(char::is_whitespace).map_or(0, |i| i + 1);
                        text.truncate(start);
                    }
                    KeyCode::Char(c) if !ctrl && !c.is_control() => text.push(c),
                    KeyCode::Backspace => {
                        text.pop();
                    }
                    _ => return,
                }
                form.touched = true;
                if f == FormField::Id {
                    form.id_typed = !form.id.is_empty();
                }
            }
            _ => {}
        }
        self.derive_id();
    }

    /// A new deliverable's id follows its council and title until one types it.
    pub(super) fn derive_id(&mut self) {
        let data = self.doc.data();
        let Overlay::Form(form) = &mut self.overlay else {
            return;
        };
        if form.editing.is_some() || form.id_typed {
            return;
        }
        let council = data
            .councils
            .get(form.council)
            .map_or("", |c| c.id.as_str());
        form.id = if form.title.trim().is_empty() {
            String::new()
        } else {
            create::deliverable_id(data, council, &form.title)
        };
    }

    pub(super) fn save_form(&mut self, now: &str) -> Option<Effect> {
        let data = self.doc.data();
        let Overlay::Form(form) = &self.overlay else {
            return None;
        };
        let form = form.clone();
        let council = data
            .councils
            .get(form.council)
            .map(|c| c.id.clone())
            .unwrap_or_default();
        let status = data.statuses.get(form.status).map(|s| s.name.clone());
        let text = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let op = match &form.editing {
            None => Op::AddDeliverable(NewDeliverable {
                council,
                title: form.title.clone(),
                areas: form.areas.clone(),
                status,
                owner: text(&form.owner),
                due: text(&form.due),
                description: text(&form.description),
                notes: text(&form.notes),
                id: text(&form.id),
                follows: form.follows.clone(),
                evidence: form.evidence.clone(),
                source_url: form.source_url.clone(),
            }),
            Some(id) => {
                let Some(d) = data.deliverable_index(id).map(|i| &data.deliverables[i]) else {
                    self.overlay = Overlay::None;
                    self.say(format!("{id} is no longer in the file"), true);
                    return None;
                };
                if d.removed {
                    let why = format!(
                        "{} was removed meanwhile: Esc leaves, then x restores it",
                        crate::terminal_text::line(id)
                    );
                    if let Overlay::Form(form) = &mut self.overlay {
                        form.problem = Some(why);
                    }
                    return None;
                }
                // Only what this person changed since the form showed it, each as its own
                // field edit; a field changed on disk meanwhile to another value is asked
                // about first, never overwritten unseen.
                let mine = |f: Editable| typed_value(&form, f, data);
                let mut set: Vec<(String, Option<String>)> = Vec::new();
                let mut clashes = Vec::new();
                for (field, shown) in &form.shown {
                    let (mine, disk) = (mine(*field), form_value(*field, d));
                    if alike(&mine, shown) || alike(&mine, &disk) {
                        continue;
                    }
                    if !alike(&disk, shown) {
                        clashes.push((*field, disk));
                        continue;
                    }
                    let raw = match field {
                        Editable::Title => Some(form.title.clone()),
                        Editable::Owner => Some(form.owner.clone()),
                        Editable::Due => Some(form.due.clone()),
                        Editable::Description => Some(form.description.clone()),
                        Editable::Notes => Some(form.notes.clone()),
                        _ => mine,
                    };
                    set.push((field.key().to_string(), raw));
                }
                if !clashes.is_empty() {
                    self.form_clashes(clashes);
                    return None;
                }
                if set.is_empty() {
                    self.overlay = Overlay::None;
                    self.say(format!("{id}: nothing changed"), false);
                    return None;
                }
                Op::Edit {
                    id: id.clone(),
                    set,
                }
            }
        };
        // New areas first, then the deliverable: one undo step.
        let mut ops: Vec<Op> = form
            .new_areas
            .iter()
            .filter(|(id, _)| form.areas.contains(id))
            .map(|(id, name)| Op::AddArea {
                name: name.clone(),
                id: Some(id.clone()),
            })
            .collect();
        ops.push(op);
        match self.history.apply_ops(&mut self.doc, &ops, now) {
            Ok((changed, added)) => {
                self.follow(&changed);
                self.overlay = Overlay::None;
                // The deliverable saved, not the row under the cursor (a reload may have moved it).
                let keep = added
                    .clone()
                    .or_else(|| form.editing.clone())
                    .or_else(|| self.selected_id());
                match &added {
                    // Shown where it was added: its council's list, no filter in the way.
                    Some(id) => self.lists.show_added(self.doc.data(), id),
                    None => self
                        .lists
                        .refilter(self.doc.data(), keep.clone(), Fallback::SamePlace),
                }
                let what = match &added {
                    Some(id) => format!("{id}: added (u to undo)"),
                    None => format!(
                        "{}: {} saved (u to undo)",
                        keep.clone().unwrap_or_default(),
                        crate::vocabulary::plural(changed.len(), "field")
                    ),
                };
                self.say(crate::terminal_text::line(&what).into_owned(), false);
                Some(self.disk.save())
            }
            Err(Stop::Refused(why) | Stop::Conflict(why)) => {
                if let Overlay::Form(form) = &mut self.overlay {
                    form.problem = Some(why);
                }
                None
            }
        }
    }
}

impl App {
    /// Fields the form changed that another writer changed too, to other values: the form
    /// stays open and says so; they count as seen, so the next save keeps this person's.
    fn form_clashes(&mut self, clashes: Vec<(Editable, Option<String>)>) {
        let Overlay::Form(form) = &mut self.overlay else {
            return;
        };
        let mut said = Vec::new();
        for (field, disk) in clashes {
            said.push(format!(
                "{} {}",
                field.key(),
                disk.as_deref().map_or_else(
                    || "(none)".to_string(),
                    |v| format!("{:?}", crate::terminal_text::line(&field.shown(v)))
                )
            ));
            if let Some(seen) = form.shown.iter_mut().find(|(f, _)| *f == field) {
                seen.1 = disk;
            }
        }
        form.problem = Some(format!(
            "changed on disk meanwhile: {}; Ctrl-s keeps yours, Esc leaves",
            said.join(", ")
        ));
    }
}

/// `y` to a form's question "leave without saving? y/n".
pub(super) fn says_yes(action: Action) -> bool {
    matches!(action, Action::FormInput(key) if key.code == KeyCode::Char('y'))
}

/// The council with the latest date (the last in the file among equals).
fn latest_council(data: &Dataset) -> usize {
    let mut best = 0;
    for (i, c) in data.councils.iter().enumerate() {
        if c.date.as_deref().unwrap_or("") >= data.councils[best].date.as_deref().unwrap_or("") {
            best = i;
        }
    }
    best
}
