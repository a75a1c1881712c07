//! The council and area form: `A` adds a council (the meeting of the day: its date is
//! today), `E` in the councils or areas pane edits the selected one. The same keys as the
//! deliverable form; saving is the command line's `capture::Op`, one undo step.

use crossterm::event::{KeyCode, KeyModifiers};

use super::App;
use super::parts::{ObjectForm, Overlay};
use crate::action::{Action, Effect};
use crate::capture::{Op, Stop};
use crate::create::NewCouncil;

const COUNCIL: [&str; 7] = [
    "name", "id", "date", "location", "partner", "short", "series",
];
const AREA: [&str; 3] = ["name", "id", "description"];

impl App {
    pub fn object_form(&self) -> Option<&ObjectForm> {
        match &self.overlay {
            Overlay::ObjectForm(form) => Some(form),
            _ => None,
        }
    }

    /// `A` (a new council) or `E` in the councils or areas pane (`edit`).
    pub(super) fn open_object_form(&mut self, edit: bool) {
        if self.disk.read_only() {
            self.say("read-only: edits are off (started with --read-only)", true);
            return;
        }
        let council = !edit || self.focus() == crate::vocabulary::Pane::Councils;
        let keys: &[&'static str] = if council { &COUNCIL } else { &AREA };
        let editing = if !edit {
            None
        } else if council {
            let Some(id) = self.council_filter() else {
                self.say("choose a council first (All councils is not one)", true);
                return;
            };
            Some(id.to_string())
        } else {
            let Some(id) = self.area_filter() else {
                self.say("choose an area first (All areas is not one)", true);
                return;
            };
            Some(id.to_string())
        };
        let text_of = |key: &str| -> String {
            match &editing {
                Some(id) => self.object_text(council, id, key),
                None if key == "date" => self.today().to_string(),
                None => String::new(),
            }
        };
        let fields: Vec<(&'static str, String)> = keys.iter().map(|k| (*k, text_of(k))).collect();
        let shown = fields.iter().map(|(_, v)| v.clone()).collect();
        self.overlay = Overlay::ObjectForm(ObjectForm {
            council,
            editing,
            fields,
            shown,
            focus: 0,
            touched: false,
            leaving: false,
            problem: None,
        });
    }

    pub(super) fn update_object_form(&mut self, action: Action, now: &str) -> Option<Effect> {
        let Overlay::ObjectForm(form) = &mut self.overlay else {
            return None;
        };
        if form.leaving {
            if super::form::says_yes(action) {
                self.close_form_unsaved();
            } else {
                form.leaving = false;
            }
            return None;
        }
        let n = form.fields.len();
        match action {
            Action::FormSave => return self.save_object_form(now),
            Action::FormMove(step) => {
                form.focus = (form.focus as isize + step as isize).rem_euclid(n as isize) as usize;
            }
            Action::Cancel if form.touched => form.leaving = true,
            Action::Cancel => self.overlay = Overlay::None,
            Action::FormInput(key) => {
                let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
                // An edited council's or area's id stays (deliverables name it).
                let fixed = form.editing.is_some() && form.fields[form.focus].0 == "id";
                let text = &mut form.fields[form.focus].1;
                match key.code {
                    KeyCode::Enter | KeyCode::Down => form.focus = (form.focus + 1) % n,
                    KeyCode::Up => form.focus = (form.focus + n - 1) % n,
                    _ if fixed => {}
                    KeyCode::Char('u') if ctrl => text.clear(),
                    KeyCode::Char(c) if !ctrl && !c.is_control() => text.push(c),
                    KeyCode::Backspace => {
                        text.pop();
                    }
                    _ => return None,
                }
                if !matches!(key.code, KeyCode::Enter | KeyCode::Down | KeyCode::Up) {
                    form.touched = true;
                }
            }
            _ => {}
        }
        None
    }

    pub(super) fn save_object_form(&mut self, now: &str) -> Option<Effect> {
        let Overlay::ObjectForm(form) = &self.overlay else {
            return None;
        };
        let form = form.clone();
        let text = |key: &str| Some(form.value(key).trim().to_string()).filter(|s| !s.is_empty());
        let op = match (&form.editing, form.council) {
            (None, true) => Op::AddCouncil(NewCouncil {
                name: form.value("name").to_string(),
                date: text("date"),
                location: text("location"),
                partner: text("partner"),
                short: text("short"),
                series: text("series"),
                id: text("id"),
            }),
            (None, false) => Op::AddArea {
                name: form.value("name").to_string(),
                id: text("id"),
            },
            (Some(id), _) => {
                // Only the fields this person changed since the form showed them; one that
                // another writer changed meanwhile to another value is asked about first.
                let mut set = Vec::new();
                let mut clashes = Vec::new();
                for ((key, mine), shown) in form.fields.iter().zip(&form.shown) {
                    let disk = self.object_text(form.council, id, key);
                    let (m, s, d) = (mine.trim(), shown.trim(), disk.trim());
                    if *key == "id" || m == s || m == d {
                        continue;
                    }
                    if d != s {
                        clashes.push((*key, disk));
                    } else {
                        set.push((key.to_string(), Some(mine.clone())));
                    }
                }
                if !clashes.is_empty() {
                    self.object_form_clashes(clashes);
                    return None;
                }
                Op::Edit {
                    id: id.clone(),
                    set,
                }
            }
        };
        match self.history.apply_op(&mut self.doc, &op, now) {
            Ok((changed, added)) => {
                self.overlay = Overlay::None;
                if changed.is_empty() {
                    self.say("nothing changed", false);
                    return None;
                }
                self.follow(&changed);
                let keep = self.selected_id();
                self.lists.refresh(self.doc.data(), keep);
                // The meeting of the day, just added, is the chosen council: `a` adds to it.
                if form.council
                    && let Some(id) = &added
                    && let Some(c) = self.doc.data().councils.iter().position(|c| &c.id == id)
                {
                    self.lists.choose_council(self.doc.data(), c);
                }
                let what = match added {
                    Some(id) => format!("{id}: added (u to undo)"),
                    None => "saved (u to undo)".to_string(),
                };
                self.say(crate::terminal_text::line(&what).into_owned(), false);
                Some(self.disk.save())
            }
            Err(Stop::Refused(why) | Stop::Conflict(why)) => {
                if let Overlay::ObjectForm(form) = &mut self.overlay {
                    form.problem = Some(why);
                }
                None
            }
        }
    }
}

impl App {
    /// A text member of the council or area `id` as the file has it now ("" when absent).
    fn object_text(&self, council: bool, id: &str, key: &str) -> String {
        if key == "id" {
            return id.to_string();
        }
        let data = self.doc.data();
        let (list, index) = if council {
            (
                crate::insert::List::Councils,
                data.councils.iter().position(|c| c.id == id),
            )
        } else {
            (
                crate::insert::List::Areas,
                data.areas.iter().position(|a| a.id == id),
            )
        };
        let text = self.doc.text();
        index
            .and_then(|i| crate::insert::element(&text, list, i))
            .and_then(|o| crate::capture::text_member(&text, o, key))
            .unwrap_or_default()
    }

    /// After a reload under an open council or area form: a field not touched shows the
    /// disk's value now; one typed in keeps it, and the save asks.
    pub(super) fn refresh_object_form(&mut self) {
        let Overlay::ObjectForm(form) = &self.overlay else {
            return;
        };
        let (Some(id), council) = (form.editing.clone(), form.council) else {
            return;
        };
        let disk: Vec<String> = form
            .fields
            .iter()
            .map(|(key, _)| self.object_text(council, &id, key))
            .collect();
        let Overlay::ObjectForm(form) = &mut self.overlay else {
            return;
        };
        for (((_, value), seen), disk) in form.fields.iter_mut().zip(&mut form.shown).zip(disk) {
            if value.trim() == seen.trim() && disk.trim() != seen.trim() {
                *value = disk.clone();
                *seen = disk;
            }
        }
    }

    /// Fields changed here and, to other values, on disk meanwhile: the form stays open and
    /// says so; they count as seen, so the next save keeps this person's.
    fn object_form_clashes(&mut self, clashes: Vec<(&'static str, String)>) {
        let Overlay::ObjectForm(form) = &mut self.overlay else {
            return;
        };
        let mut said = Vec::new();
        for (key, disk) in clashes {
            said.push(format!("{key} {:?}", crate::terminal_text::line(&disk)));
            if let Some(i) = form.fields.iter().position(|(k, _)| *k == key) {
                form.shown[i] = disk;
            }
        }
        form.problem = Some(format!(
            "changed on disk meanwhile: {}; Ctrl-s keeps yours, Esc leaves",
            said.join(", ")
        ));
    }
}
