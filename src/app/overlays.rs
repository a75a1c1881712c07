//! What covers the panes: the help (filtered as one types), the command palette, and the
//! full-screen views (dashboard, changes of this session).

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

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

    /// What is typed in the help to filter it.
    pub(crate) fn help_filter(&self) -> &str {
        match &self.overlay {
            Overlay::Help { filter, .. } => filter,
            _ => "",
        }
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
        let matcher = SkimMatcherV2::default().ignore_case();
        let mut scored: Vec<(i64, usize, Command)> = all
            .into_iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let text = format!("{} {}", c.name, c.help);
                let total = p
                    .input
                    .split_whitespace()
                    .map(|w| matcher.fuzzy_match(&text, w))
                    .sum::<Option<i64>>()?;
                Some((total, i, c))
            })
            .collect();
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
                    self.say("no action matches", true);
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
        // The overdue list and the changes are of the session's start.
        self.figures.entries_changed();
        let today = self.today().to_string();
        self.lists.set_today(self.doc.data(), &today);
    }

    pub(crate) fn started(&self) -> &str {
        &self.started
    }

    /// Today (YYYY-MM-DD), from when the session started.
    pub(crate) fn today(&self) -> &str {
        self.started.get(..10).unwrap_or("")
    }

    pub(super) fn update_screen(&mut self, action: Action) -> Option<Effect> {
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
