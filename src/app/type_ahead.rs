//! Keys typed ahead of a long search. A status key on a row that the search under way would
//! not show (`/cond` Enter `4`, typed before the results came) is meant for the results:
//! it waits for them instead of keeping the input thread busy, and every key typed after it
//! waits behind it, so they all act in the order typed. Frames are drawn meanwhile; the keys
//! run when the search ends, each with the time it was typed.

use std::collections::VecDeque;

use crossterm::event::KeyEvent;

use super::App;
use crate::action::{Action, Effect};

/// What was typed, as it came.
pub(super) enum Held {
    /// A key is read by the keymap when it runs: an earlier key may change the mode.
    Key(KeyEvent),
    /// A mouse action, or the key that started the wait (read in the mode it was typed in).
    Action(Action),
    Paste(String),
}

#[derive(Default)]
pub(super) struct TypeAhead {
    /// Each with the time it was typed (RFC 3339), for its history entry.
    held: VecDeque<(Held, String)>,
    /// What the keys that ran asked of the event loop (saves, quitting), in order.
    effects: Vec<Effect>,
}

impl App {
    /// True while keys wait for a search's results.
    pub fn holds_keys(&self) -> bool {
        !self.ahead.held.is_empty()
    }

    /// True while a search goes on or keys wait (a reload may have dropped their search):
    /// the event loop calls `search_slice` whenever no key waits to be read.
    pub fn needs_slices(&self) -> bool {
        self.searching() || self.holds_keys()
    }

    /// Keeps `held` until the search ends, and says so.
    pub(super) fn hold(&mut self, held: Held, now: &str) {
        self.ahead.held.push_back((held, now.to_string()));
        let n = self.ahead.held.len();
        let said = if n == 1 {
            "still searching: the key acts on the results once they are shown".to_string()
        } else {
            format!("still searching: {n} keys wait for the results")
        };
        self.say(said, false);
    }

    /// Scores the next slice of a search under way (a few milliseconds); true when it is
    /// done, and then the keys that waited for it have run (`take_effects` has what they
    /// asked for). The event loop calls it while no key waits.
    pub fn search_slice(&mut self) -> bool {
        let done = self.lists.search_slice(self.doc.data());
        if done {
            self.run_held();
        }
        done
    }

    /// What the keys that waited asked for when they ran (the event loop performs them).
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.ahead.effects)
    }

    /// Before the app ends (the terminal closed, a signal): the search is finished at once
    /// and the keys that waited run, so an edit typed is an edit saved.
    pub fn settle(&mut self) {
        while self.holds_keys() {
            self.lists.finish_search(self.doc.data());
            self.run_held();
        }
    }

    /// Runs the keys that waited, in order, until one waits again (a search it started).
    fn run_held(&mut self) {
        let mut held = std::mem::take(&mut self.ahead.held);
        while let Some((next, now)) = held.pop_front() {
            let effect = match next {
                Held::Key(key) => self.key(&key, &now),
                Held::Action(action) => self.update(action, &now),
                Held::Paste(text) => {
                    self.paste(&text, &now);
                    None
                }
            };
            self.ahead.effects.extend(effect);
            if self.holds_keys() {
                self.ahead.held.extend(held);
                return;
            }
        }
    }
}
