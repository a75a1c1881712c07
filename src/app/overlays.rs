//! What covers the panes: the help (filtered as one types), the command palette, and the
//! full-screen views (dashboard, changes of this session).

use super::App;
use super::parts::{Overlay, PAGE, Palette, edit_line};
use crate::action::{Action, Effect};
use crate::keymap::{Command, Keymap};
use crate::terminal_text::line as safe;
use crate::vocabulary::Screen;

impl App {
    pub(crate) fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// A key press, as the keymap reads it in the current mode (the event loop's path).
    pub fn key(&mut self, key: &crossterm::event::KeyEvent, now: &str) -> Option<Effect> {
        let action = self.keymap.action_for(key, self.mode())?;
        if self.holds_keys() && !matches!(action, Action::ForceQuit | Action::Suspend) {
            // Read again when it runs, in the mode the keys before it leave.
            self.hold(super::type_ahead::Held::Key(*key), now);
            return None;
        }
        self.update(action, now)
    }

    /// The keys to use from now on (the defaults with the config file's changes).
    pub(crate) fn set_keymap(&mut self, keymap: Keymap) {
        self.keymap = keymap;
    }

    /// Where the settings come from (shown in the help).
    pub(crate) fn config_note(&self) -> &str {
        &self.config_note
    }

    pub(crate) fn set_config_note(&mut self, note: String) {
        self.config_note = note;
    }

    /// A warning about the file, shown as it opens (a hard link that saving breaks).
    pub(crate) fn warn_on_open(&mut self, text: String) {
        self.say(text, true);
    }

    /// What is typed in the help to filter it.
    pub(crate) fn help_filter(&self) -> &str {
        match &self.overlay {
            Overlay::Help { filter, .. } => filter,
            _ => "",
        }
    }

    /// What is typed in the help's filter.
    pub fn help_filter_text(&self) -> &str {
        self.help_filter()
    }

    pub fn help_scroll(&self) -> u16 {
        match &self.overlay {
            Overlay::Help { scroll, .. } => *scroll,
            _ => 0,
        }
    }

    /// The help's rows that hold every word of the filter (in keys or text).
    pub fn help_rows(&self) -> Vec<(String, String)> {
        let words: Vec<String> = self
            .help_filter()
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let statuses = &self.data().statuses;
        let mut rows: Vec<(String, String)> = self
            .keymap
            .help_rows()
            .into_iter()
            .map(|(keys, help)| {
                // The number keys, with this file's statuses named.
                if help.starts_with("set the Nth status") && keys == "1…9" {
                    let n = statuses.len().min(9);
                    let names: Vec<String> = statuses
                        .iter()
                        .take(9)
                        .enumerate()
                        .map(|(i, s)| format!("{} {}", i + 1, safe(&s.name)))
                        .collect();
                    (
                        format!("1…{n}"),
                        format!("set the status: {}", names.join(" · ")),
                    )
                } else {
                    (keys, help.to_string())
                }
            })
            .collect();
        // What each status means, after the keys that set them.
        let at = rows
            .iter()
            .rposition(|(_, help)| help.starts_with("set the"))
            .map_or(rows.len(), |i| i + 1);
        let meanings = statuses.iter().map(|s| {
            let how = if s.stated {
                "stated in the file"
            } else {
                "inferred from the name"
            };
            (
                safe(&s.name).into_owned(),
                format!("status category: {} ({how})", s.category),
            )
        });
        rows.splice(at..at, meanings);
        rows.retain(|(keys, help)| {
            let text = format!("{keys} {help}").to_lowercase();
            words.iter().all(|w| text.contains(w.as_str()))
        });
        rows
    }

    pub(super) fn update_help(&mut self, action: Action) -> Option<Effect> {
        let Overlay::Help { filter, scroll } = &mut self.overlay else {
            return None;
        };
        if edit_line(filter, action) {
            *scroll = 0;
            return None;
        }
        match action {
            Action::ToggleHelp => self.overlay = Overlay::None,
            Action::Cancel if !filter.is_empty() => filter.clear(),
            Action::Cancel => self.overlay = Overlay::None,
            Action::Down | Action::Wheel(_, 1) => *scroll = scroll.saturating_add(1),
            Action::Up | Action::Wheel(..) => *scroll = scroll.saturating_sub(1),
            Action::PageDown => *scroll = scroll.saturating_add(PAGE as u16),
            Action::PageUp => *scroll = scroll.saturating_sub(PAGE as u16),
            _ => {}
        }
        None
    }

    pub(crate) fn palette(&self) -> Option<&Palette> {
        match &self.overlay {
            Overlay::Palette(p) => Some(p),
            _ => None,
        }
    }

    /// The palette's actions that match what was typed, best first.
    pub fn palette_commands(&self) -> Vec<Command> {
        // The number keys by the status they set, and only as many as the file has.
        let statuses = &self.data().statuses;
        let all: Vec<Command> = self
            .keymap
            .commands()
            .into_iter()
            .filter_map(|mut c| {
                if let Action::SetStatus(n) = c.action {
                    let status = &statuses.get(n as usize)?.name;
                    c.help = format!("set the status to {}", safe(status));
                }
                Some(c)
            })
            .collect();
        let Some(p) = self.palette() else {
            return all;
        };
        if p.input.trim().is_empty() {
            return all;
        }
        // Every typed word must begin a word of the action's name or help: a guess (a
        // fuzzy match of `delete` in "mark every deliverable") would run the wrong action.
        let typed: Vec<String> = words(&p.input);
        let mut scored: Vec<(usize, usize, Command)> = all
            .into_iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let name = words(c.name);
                let help = words(&c.help);
                let mut in_name = 0;
                for t in &typed {
                    if name.iter().any(|w| w.starts_with(t.as_str())) {
                        in_name += 1;
                    } else if !help.iter().any(|w| w.starts_with(t.as_str())) {
                        return None;
                    }
                }
                Some((in_name, i, c))
            })
            .collect();
        // Words found in the name first, then the table's order.
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, _, c)| c).collect()
    }

    pub(super) fn update_palette(&mut self, action: Action, now: &str) -> Option<Effect> {
        let shown = self.palette_commands().len();
        let Overlay::Palette(p) = &mut self.overlay else {
            return None;
        };
        if edit_line(&mut p.input, action) {
            p.cursor = 0;
            return None;
        }
        match action {
            Action::Down => p.cursor = (p.cursor + 1).min(shown.saturating_sub(1)),
            Action::Up => p.cursor = p.cursor.saturating_sub(1),
            Action::LineCancel => self.overlay = Overlay::None,
            Action::LineAccept => {
                let cursor = p.cursor;
                let chosen = self.palette_commands().get(cursor).cloned();
                self.overlay = Overlay::None;
                let Some(command) = chosen else {
                    self.say("no action: nothing was run", true);
                    return None;
                };
                // Run as if its key had been pressed.
                return self.update(command.action, now);
            }
            _ => {}
        }
        None
    }

    /// The full-screen view shown, if any.
    pub fn screen(&self) -> Option<Screen> {
        match self.overlay {
            Overlay::Screen { screen, .. } => Some(screen),
            _ => None,
        }
    }

    pub fn screen_scroll(&self) -> u16 {
        match self.overlay {
            Overlay::Screen { scroll, .. } => scroll,
            _ => 0,
        }
    }

    /// The view reports how far it can scroll at the current size.
    pub fn set_screen_limit(&mut self, max: u16) {
        self.screen_max_scroll = max;
        if let Overlay::Screen { scroll, .. } = &mut self.overlay {
            *scroll = (*scroll).min(max);
        }
    }

    /// When the session started (RFC 3339, UTC), and so today's date, for the views.
    pub fn set_started(&mut self, at: &str) {
        self.started = at.to_string();
        self.today = self.local_date(at);
        // The overdue list and the changes are of the session's start. The overdue list is
        // made now, with the launch (a walk of every deliverable: tens of milliseconds at a
        // million), and then follows each edit: opening the dashboard never waits for it.
        self.figures.entries_changed();
        let _ = self.figures.overdue(self.doc.data(), &self.today);
        // So are the followers of each deliverable, which the details show: a walk of every
        // deliverable too (15 ms at a million), else done by the first frame that needs it.
        let _ = self.figures.followers(self.doc.data(), "");
        let today = self.today().to_string();
        self.lists.set_today(self.doc.data(), &today);
    }

    /// The local date of an RFC 3339 time (its first ten characters if it is not one).
    pub(super) fn local_date(&self, at: &str) -> String {
        self.zone
            .date_of(at)
            .unwrap_or_else(|| at.get(..10).unwrap_or("").to_string())
    }

    /// Today (YYYY-MM-DD): the local date when the session started.
    pub(crate) fn today(&self) -> &str {
        &self.today
    }

    pub(super) fn update_screen(&mut self, action: Action) -> Option<Effect> {
        if self.screen() == Some(Screen::Dashboard) && self.update_dashboard(action) {
            return None;
        }
        let max = self.screen_max_scroll as isize;
        let Overlay::Screen { screen, scroll } = &mut self.overlay else {
            return None;
        };
        let delta: isize = match action {
            Action::Cancel => {
                self.overlay = Overlay::None;
                return None;
            }
            Action::ShowScreen(other) => {
                (*screen, *scroll) = (other, 0);
                return None;
            }
            Action::ChangesSince(start) if *screen == Screen::Changes => {
                self.changes_since(start);
                return None;
            }
            Action::Down => 1,
            Action::Up => -1,
            Action::Wheel(_, step) => 3 * step as isize,
            Action::PageDown => PAGE as isize,
            Action::PageUp => -(PAGE as isize),
            Action::Top => isize::MIN / 2,
            Action::Bottom => isize::MAX / 2,
            _ => return None,
        };
        *scroll = (*scroll as isize).saturating_add(delta).clamp(0, max) as u16;
        None
    }
}

/// The lowercase words of `text` (letters and digits; `next-status` is two words).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}
