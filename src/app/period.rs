//! Where the changes view starts: today's local midnight, this run's start, the chosen
//! council's date or a typed date; and the prompt that asks for the date.

use super::App;
use super::parts::{Asks, Overlay, edit_line};
use crate::action::{Action, Effect};
use crate::dates;
use crate::vocabulary::{Screen, Start};
use crate::zone::Zone;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Since {
    Today,
    ThisRun,
    /// A council's date (its id and date).
    Council(String, String),
    Date(String),
}

impl App {
    /// The zone times are shown in (the system's in the terminal; UTC until set).
    pub fn set_zone(&mut self, zone: Zone) {
        self.zone = zone;
        self.today = self.local_date(&self.started);
        self.figures.entries_changed();
    }

    pub fn zone(&self) -> &Zone {
        &self.zone
    }

    /// Where the changes view starts: the moment (RFC 3339 UTC) and its name
    /// (`today`, `this run`, `the council of 2024-04-30`, `2026-11-01`).
    pub fn changes_period(&self) -> (String, String) {
        let midnight = |date: &str| self.zone.midnight(date).unwrap_or_else(|| date.to_string());
        match &self.since {
            Since::Today => {
                let today = self.today.clone();
                (midnight(&today), "today".to_string())
            }
            Since::ThisRun => (self.started.clone(), "this run began".to_string()),
            Since::Council(id, date) => {
                let label = self
                    .data()
                    .council(id)
                    .map_or_else(|| id.clone(), |c| c.label());
                (midnight(date), format!("{label} ({date})"))
            }
            Since::Date(date) => (midnight(date), date.clone()),
        }
    }

    /// A key of the changes view that moves its start.
    pub(super) fn changes_since(&mut self, start: Start) {
        let since = match start {
            Start::Today => Since::Today,
            Start::ThisRun => Since::ThisRun,
            Start::CouncilDate => {
                let council = self
                    .council_filter()
                    .and_then(|id| self.data().council(id))
                    .map(|c| (c.id.clone(), c.date.clone()));
                match council {
                    Some((id, Some(date))) => Since::Council(id, date),
                    Some(_) => {
                        self.say("this council has no date in the file", true);
                        return;
                    }
                    None => {
                        self.say("choose a council first (in the councils pane)", true);
                        return;
                    }
                }
            }
            Start::Typed => {
                self.overlay = Overlay::Prompt {
                    path: String::new(),
                    asks: Asks::SinceDate,
                };
                return;
            }
        };
        self.set_since(since);
    }

    fn set_since(&mut self, since: Since) {
        self.since = since;
        self.figures.entries_changed();
        self.overlay = Overlay::Screen {
            screen: Screen::Changes,
            scroll: 0,
        };
    }

    /// The prompt for the date the changes view starts at.
    pub(super) fn update_since_prompt(&mut self, action: Action) -> Option<Effect> {
        let Overlay::Prompt { path: typed, .. } = &mut self.overlay else {
            return None;
        };
        match action {
            _ if edit_line(typed, action) => {}
            Action::LineCancel | Action::Cancel => {
                self.overlay = Overlay::Screen {
                    screen: Screen::Changes,
                    scroll: 0,
                };
            }
            Action::LineAccept => {
                let date = typed.trim().to_string();
                if !dates::is_valid_date(&date) {
                    self.overlay = Overlay::Screen {
                        screen: Screen::Changes,
                        scroll: 0,
                    };
                    self.say(
                        format!(
                            "{date:?} is not a date; f again, then YYYY, YYYY-MM or YYYY-MM-DD"
                        ),
                        true,
                    );
                    return None;
                }
                self.set_since(Since::Date(date));
            }
            _ => {}
        }
        None
    }

    /// What the prompt asks for, for its label.
    pub(crate) fn prompt_asks_date(&self) -> bool {
        matches!(
            self.overlay,
            Overlay::Prompt {
                asks: Asks::SinceDate,
                ..
            }
        )
    }
}
