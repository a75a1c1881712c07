//! What covers the panes: the help (filtered as one types), the command palette, and the
//! full-screen views (dashboard, changes of this session).

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::{App, PAGE};
use crate::action::{Action, Effect};
use crate::keymap::{Command, Keymap};
use crate::vocabulary::{Mode, Screen};

use super::lines::edit_line;

/// The command palette: what was typed and the chosen row.
#[derive(Debug, Clone, Default)]
pub struct Palette {
    pub input: String,
    pub cursor: usize,
}

impl App {
    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// The keys to use from now on (the defaults with the config file's changes).
    pub fn set_keymap(&mut self, keymap: Keymap) {
        self.keymap = keymap;
    }

    /// Where the settings come from (shown in the help).
    pub fn config_note(&self) -> &str {
        &self.config_note
    }

    pub fn set_config_note(&mut self, note: String) {
        self.config_note = note;
    }

    /// What is typed in the help to filter it.
    pub fn help_filter(&self) -> &str {
        &self.help_filter
    }

    /// The help's rows that hold every word of the filter (in keys or text).
    pub fn help_rows(&self) -> Vec<(String, String)> {
        let words: Vec<String> = self
            .help_filter
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let statuses = &self.data().statuses;
        self.keymap
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
                        .map(|(i, s)| format!("{} {s}", i + 1))
                        .collect();
                    (
                        format!("1…{n}"),
                        format!("set the status: {}", names.join(" · ")),
                    )
                } else {
                    (keys, help.to_string())
                }
            })
            .filter(|(keys, help)| {
                let text = format!("{keys} {help}").to_lowercase();
                words.iter().all(|w| text.contains(w.as_str()))
            })
            .collect()
    }

    pub(super) fn update_help(&mut self, action: Action) -> Option<Effect> {
        if edit_line(&mut self.help_filter, action) {
            self.help_scroll = 0;
            return None;
        }
        match action {
            Action::ToggleHelp => self.mode = Mode::Browse,
            Action::Cancel if !self.help_filter.is_empty() => self.help_filter.clear(),
            Action::Cancel => self.mode = Mode::Browse,
            Action::Down | Action::Wheel(_, 1) => {
                self.help_scroll = self.help_scroll.saturating_add(1)
            }
            Action::Up | Action::Wheel(..) => self.help_scroll = self.help_scroll.saturating_sub(1),
            Action::PageDown => self.help_scroll = self.help_scroll.saturating_add(PAGE as u16),
            Action::PageUp => self.help_scroll = self.help_scroll.saturating_sub(PAGE as u16),
            _ => {}
        }
        None
    }

    pub fn palette(&self) -> Option<&Palette> {
        self.palette.as_ref()
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
                    c.help = format!("set the status to {}", statuses.get(n as usize)?);
                }
                Some(c)
            })
            .collect();
        let Some(p) = &self.palette else {
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

    pub(super) fn open_palette(&mut self) {
        self.palette = Some(Palette::default());
        self.mode = Mode::Palette;
    }

    pub(super) fn update_palette(&mut self, action: Action, now: &str) -> Option<Effect> {
        let shown = self.palette_commands().len();
        let p = self.palette.as_mut()?;
        if edit_line(&mut p.input, action) {
            p.cursor = 0;
            return None;
        }
        match action {
            Action::Down => p.cursor = (p.cursor + 1).min(shown.saturating_sub(1)),
            Action::Up => p.cursor = p.cursor.saturating_sub(1),
            Action::LineCancel => {
                self.palette = None;
                self.mode = Mode::Browse;
            }
            Action::LineAccept => {
                let cursor = p.cursor;
                let chosen = self.palette_commands().get(cursor).cloned();
                self.palette = None;
                self.mode = Mode::Browse;
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
        self.screen
    }

    pub fn screen_scroll(&self) -> u16 {
        self.screen_scroll
    }

    /// The view reports how far it can scroll at the current size.
    pub fn set_screen_limit(&mut self, max: u16) {
        self.screen_max_scroll = max;
        self.screen_scroll = self.screen_scroll.min(max);
    }

    /// When the session started (RFC 3339, UTC), and so today's date, for the views.
    pub fn set_started(&mut self, at: &str) {
        self.started = at.to_string();
        // The overdue list and the changes are of the session's start.
        self.figures.entries_changed();
    }

    pub fn started(&self) -> &str {
        &self.started
    }

    /// Today (YYYY-MM-DD), from when the session started.
    pub fn today(&self) -> &str {
        self.started.get(..10).unwrap_or("")
    }

    pub(super) fn show_screen(&mut self, screen: Screen) {
        self.screen = Some(screen);
        self.screen_scroll = 0;
        self.mode = Mode::Screen;
    }

    pub(super) fn update_screen(&mut self, action: Action) -> Option<Effect> {
        let max = self.screen_max_scroll as isize;
        let delta: isize = match action {
            Action::Cancel => {
                self.screen = None;
                self.mode = Mode::Browse;
                return None;
            }
            Action::ShowScreen(s) => {
                self.show_screen(s);
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
        self.screen_scroll = (self.screen_scroll as isize)
            .saturating_add(delta)
            .clamp(0, max) as u16;
        None
    }
}
