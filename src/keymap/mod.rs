//! The one place where keys become actions. The help overlay and the footer are generated
//! from the same table, so what they show cannot drift from what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::action::Action;
use crate::vocabulary::{Mode, Pane};

mod listing;
mod names;
mod table;

pub(crate) use names::{Key, action_name, label, parse_key};
pub(crate) use table::{Binding, SEARCH_SYNTAX, bindings};

/// A binding as used: the table's, with the default keys or the user's.
#[derive(Debug, Clone)]
struct Bound {
    keys: Vec<Key>,
    binding: &'static Binding,
}

/// One action of the command palette.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    pub name: &'static str,
    pub keys: String,
    pub help: String,
    pub action: Action,
}

/// The keys in force: the default table, with the user's changes (config file).
#[derive(Debug, Clone)]
pub struct Keymap {
    bound: Vec<Bound>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bound: bindings()
                .map(|b| Bound {
                    keys: b.keys.to_vec(),
                    binding: b,
                })
                .collect(),
        }
    }
}

impl Keymap {
    /// The action for a key press in a mode, if any. Key releases are ignored.
    pub(crate) fn action_for(&self, event: &KeyEvent, mode: Mode) -> Option<Action> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let bound = self
            .bound
            .iter()
            .filter(|b| b.binding.modes.contains(&mode))
            .find(|b| b.keys.iter().any(|k| matches(k, event)))
            .map(|b| b.binding.action);
        if bound.is_some() {
            return bound;
        }
        // In the field editor every other key is for the text.
        if mode == Mode::Edit {
            return Some(Action::EditorInput(*event));
        }
        if mode == Mode::Form {
            return Some(Action::FormInput(*event));
        }
        // A question is answered by y; any other key means no (a word typed without `/`
        // must not end in a yes).
        if mode == Mode::Confirm {
            return Some(Action::Cancel);
        }
        if !matches!(
            mode,
            Mode::Search | Mode::Prompt | Mode::Help | Mode::HelpFilter | Mode::Palette
        ) {
            return None;
        }
        // In a line (search, prompt, palette, help filter), other printable keys are typed.
        let plain = !event
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match event.code {
            KeyCode::Char(c) if plain && !c.is_control() => Some(Action::LineChar(c)),
            _ => None,
        }
    }

    /// Gives the action named `name` these keys in the panes. A key that another action of
    /// the panes had is taken from it; the returned notes say so.
    pub(crate) fn remap(&mut self, name: &str, keys: &[Key]) -> Result<Vec<String>, String> {
        let Some(target) = self.bound.iter().position(|b| {
            b.binding.modes.contains(&Mode::Browse) && action_name(b.binding.action) == Some(name)
        }) else {
            return Err(format!(
                "no action is called {name:?} (the command palette, `:`, lists them)"
            ));
        };
        let mut notes = Vec::new();
        for (i, b) in self.bound.iter_mut().enumerate() {
            if i == target || !b.binding.modes.contains(&Mode::Browse) {
                continue;
            }
            let before = b.keys.len();
            b.keys.retain(|k| !keys.contains(k));
            if b.keys.len() != before {
                let other = action_name(b.binding.action).unwrap_or(b.binding.help);
                notes.push(format!("{name} takes a key of {other}"));
            }
        }
        self.bound[target].keys = keys.to_vec();
        Ok(notes)
    }

    /// The help overlay's rows: keys and what they do; rows with the same text are merged
    /// (the nine number keys become one row). Actions left without keys are not listed.
    pub(crate) fn help_rows(&self) -> Vec<(String, &'static str)> {
        let mut rows: Vec<(String, &'static str)> = Vec::new();
        for b in self.bound.iter().filter(|b| !b.keys.is_empty()) {
            let keys: Vec<String> = b.keys.iter().map(label).collect();
            match rows.last_mut() {
                Some((k, help)) if *help == b.binding.help => {
                    k.push(' ');
                    k.push_str(&keys.join(" "));
                }
                _ => rows.push((keys.join(" "), b.binding.help)),
            }
        }
        for (keys, help) in &mut rows {
            if help.starts_with("set the Nth status") && keys.split(' ').count() == 9 {
                *keys = "1…9".to_string();
            }
        }
        rows.extend(SEARCH_SYNTAX.iter().map(|&(k, h)| (k.to_string(), h)));
        rows
    }

    /// The short hints for the footer: first key and a short help, for the focused pane.
    /// The third value says whether the hint must always show (help and quit).
    pub(crate) fn footer_hints(
        &self,
        mode: Mode,
        pane: Pane,
        read_only: bool,
    ) -> Vec<(String, &'static str, bool)> {
        self.bound
            .iter()
            .filter(|b| !b.keys.is_empty())
            .filter(|b| b.binding.footer.contains(&pane))
            .filter(|b| b.binding.modes.contains(&mode))
            .filter(|b| !(read_only && b.binding.edits()))
            .map(|b| {
                (
                    label(&b.keys[0]),
                    short(b.binding.help),
                    b.binding.essential(),
                )
            })
            .collect()
    }

    /// Every action of the panes by name, for the command palette (in the table's order).
    pub(crate) fn commands(&self) -> Vec<Command> {
        let mut out: Vec<Command> = Vec::new();
        for b in &self.bound {
            if !b.binding.modes.contains(&Mode::Browse) {
                continue;
            }
            let Some(name) = action_name(b.binding.action) else {
                continue;
            };
            if out.iter().any(|c| c.name == name) {
                continue;
            }
            out.push(Command {
                name,
                keys: b.keys.iter().map(label).collect::<Vec<_>>().join(" "),
                help: b.binding.help.to_string(),
                action: b.binding.action,
            });
        }
        out
    }
}

fn matches(k: &Key, event: &KeyEvent) -> bool {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    // Alt combinations are not bound (Esc typed fast before a key arrives as Alt+key).
    if k.ctrl != ctrl || event.modifiers.contains(KeyModifiers::ALT) {
        return false;
    }
    match (k.code, event.code) {
        // Terminals differ on whether Shift-letter carries the SHIFT flag; the letter decides.
        (KeyCode::Char(a), KeyCode::Char(b)) => a == b,
        (a, b) => a == b,
    }
}

/// The help text up to its first comment in parentheses, without the mode it is for.
fn short(help: &str) -> &str {
    let help =
        help.split_once(": ").map_or(
            help,
            |(mode, rest)| {
                if mode.starts_with("in ") { rest } else { help }
            },
        );
    help.split(" (").next().unwrap_or(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The action for a key with the default keys (see [`Keymap::action_for`]).
    fn action_for(event: &KeyEvent, mode: Mode) -> Option<Action> {
        Keymap::default().action_for(event, mode)
    }

    /// The help rows of the default keys (see [`Keymap::help_rows`]).
    fn help_rows() -> Vec<(String, &'static str)> {
        Keymap::default().help_rows()
    }

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn vim_keys_and_arrows_move() {
        let none = KeyModifiers::NONE;
        assert_eq!(
            action_for(&press(KeyCode::Char('j'), none), Mode::Browse),
            Some(Action::Down)
        );
        assert_eq!(
            action_for(&press(KeyCode::Down, none), Mode::Browse),
            Some(Action::Down)
        );
        assert_eq!(
            action_for(&press(KeyCode::Char('k'), none), Mode::Browse),
            Some(Action::Up)
        );
        assert_eq!(
            action_for(
                &press(KeyCode::Char('G'), KeyModifiers::SHIFT),
                Mode::Browse
            ),
            Some(Action::Bottom)
        );
        assert_eq!(
            action_for(&press(KeyCode::Home, none), Mode::Browse),
            Some(Action::Top)
        );
        assert_eq!(
            action_for(&press(KeyCode::BackTab, KeyModifiers::SHIFT), Mode::Browse),
            Some(Action::PrevPane)
        );
        assert_eq!(
            action_for(&press(KeyCode::Char('l'), none), Mode::Browse),
            Some(Action::NextPane)
        );
    }

    #[test]
    fn status_keys() {
        let none = KeyModifiers::NONE;
        assert_eq!(
            action_for(&press(KeyCode::Char('s'), none), Mode::Browse),
            Some(Action::CycleStatus(1))
        );
        assert_eq!(
            action_for(
                &press(KeyCode::Char('S'), KeyModifiers::SHIFT),
                Mode::Browse
            ),
            Some(Action::CycleStatus(-1))
        );
        assert_eq!(
            action_for(&press(KeyCode::Char('1'), none), Mode::Browse),
            Some(Action::SetStatus(0))
        );
        assert_eq!(
            action_for(&press(KeyCode::Char('9'), none), Mode::Browse),
            Some(Action::SetStatus(8))
        );
        assert_eq!(
            action_for(&press(KeyCode::Char('u'), none), Mode::Browse),
            Some(Action::Undo)
        );
        assert_eq!(
            action_for(
                &press(KeyCode::Char('r'), KeyModifiers::CONTROL),
                Mode::Browse
            ),
            Some(Action::Redo)
        );
        // Ctrl-u is page up, not undo.
        assert_eq!(
            action_for(
                &press(KeyCode::Char('u'), KeyModifiers::CONTROL),
                Mode::Browse
            ),
            Some(Action::PageUp)
        );
    }

    #[test]
    fn ctrl_c_quits_everywhere_and_letters_filter_the_help() {
        let c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for mode in [
            Mode::Browse,
            Mode::Help,
            Mode::Palette,
            Mode::Edit,
            Mode::Screen,
            Mode::Changes,
        ] {
            assert_eq!(action_for(&c, mode), Some(Action::ForceQuit), "{mode:?}");
        }
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(action_for(&q, Mode::Browse), Some(Action::Quit));
        assert_eq!(action_for(&q, Mode::Help), Some(Action::Cancel), "q closes");
        assert_eq!(
            action_for(&press(KeyCode::Char('j'), KeyModifiers::NONE), Mode::Help),
            Some(Action::Down)
        );
        assert_eq!(
            action_for(&press(KeyCode::Char('x'), KeyModifiers::NONE), Mode::Help),
            Some(Action::LineChar('x')),
            "other letters start the filter"
        );
        assert_eq!(
            action_for(&q, Mode::HelpFilter),
            Some(Action::LineChar('q')),
            "once a filter is typed, every letter goes into it"
        );
        assert_eq!(action_for(&q, Mode::Screen), Some(Action::Cancel));
        let esc = press(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(action_for(&esc, Mode::Help), Some(Action::Cancel));
        assert_eq!(
            action_for(&press(KeyCode::Char('?'), KeyModifiers::NONE), Mode::Help),
            Some(Action::ToggleHelp)
        );
    }

    #[test]
    fn only_y_says_yes() {
        let key = |c| press(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(
            action_for(&key('y'), Mode::Confirm),
            Some(Action::Confirm(true))
        );
        assert_eq!(
            action_for(&key('n'), Mode::Confirm),
            Some(Action::Confirm(false))
        );
        for c in ['a', 'f', 'e', 't', ' ', 'Y'] {
            assert_eq!(
                action_for(&key(c), Mode::Confirm),
                Some(Action::Cancel),
                "{c}"
            );
        }
    }

    #[test]
    fn keys_can_be_remapped_by_name() {
        let mut keymap = Keymap::default();
        let x = parse_key("p").unwrap();
        let notes = keymap.remap("next-status", &[x]).unwrap();
        assert!(notes.is_empty());
        let press_x = press(KeyCode::Char('p'), KeyModifiers::NONE);
        assert_eq!(
            keymap.action_for(&press_x, Mode::Browse),
            Some(Action::CycleStatus(1))
        );
        assert_eq!(
            keymap.action_for(&press(KeyCode::Char('s'), KeyModifiers::NONE), Mode::Browse),
            None,
            "the old key is free"
        );
        // Taking another action's key says so, and that action loses it.
        let notes = keymap.remap("undo", &[parse_key("q").unwrap()]).unwrap();
        assert_eq!(notes, ["undo takes a key of quit"]);
        assert_eq!(
            keymap.action_for(&press(KeyCode::Char('q'), KeyModifiers::NONE), Mode::Browse),
            Some(Action::Undo)
        );
        assert!(
            keymap
                .help_rows()
                .iter()
                .any(|(k, h)| k == "p" && *h == "next status")
        );
        assert!(
            keymap
                .remap("fly", &[x])
                .unwrap_err()
                .contains("no action is called")
        );
    }

    #[test]
    fn the_palette_lists_every_action_of_the_panes_once() {
        let commands = Keymap::default().commands();
        let names: Vec<&str> = commands.iter().map(|c| c.name).collect();
        for name in [
            "search",
            "next-status",
            "status-3",
            "undo",
            "dashboard",
            "changes",
            "edit-notes",
            "mark",
            "quit",
            "palette",
        ] {
            assert!(names.contains(&name), "{name} missing: {names:?}");
        }
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), names.len());
    }

    #[test]
    fn search_line_types_letters_and_edits_like_a_shell() {
        let none = KeyModifiers::NONE;
        let ctrl = KeyModifiers::CONTROL;
        let mode = Mode::Search;
        for c in ['q', 's', 'j', '/', ':', '-', '量', ' '] {
            assert_eq!(
                action_for(&press(KeyCode::Char(c), none), mode),
                Some(Action::LineChar(c))
            );
        }
        assert_eq!(
            action_for(&press(KeyCode::Char('S'), KeyModifiers::SHIFT), mode),
            Some(Action::LineChar('S'))
        );
        assert_eq!(
            action_for(&press(KeyCode::Char('w'), ctrl), mode),
            Some(Action::LineDeleteWord)
        );
        assert_eq!(
            action_for(&press(KeyCode::Char('u'), ctrl), mode),
            Some(Action::LineClear)
        );
        assert_eq!(
            action_for(&press(KeyCode::Backspace, none), mode),
            Some(Action::LineBackspace)
        );
        assert_eq!(
            action_for(&press(KeyCode::Enter, none), mode),
            Some(Action::LineAccept)
        );
        assert_eq!(
            action_for(&press(KeyCode::Esc, none), mode),
            Some(Action::LineCancel)
        );
        assert_eq!(
            action_for(&press(KeyCode::Down, none), mode),
            Some(Action::Down)
        );
        assert_eq!(
            action_for(&press(KeyCode::Char('c'), ctrl), mode),
            Some(Action::ForceQuit)
        );
        assert_eq!(
            action_for(&press(KeyCode::Char('x'), KeyModifiers::ALT), mode),
            None
        );
        assert_eq!(
            action_for(&press(KeyCode::Char('/'), none), Mode::Browse),
            Some(Action::OpenSearch)
        );
    }

    #[test]
    fn releases_do_nothing() {
        let mut e = press(KeyCode::Char('s'), KeyModifiers::NONE);
        e.kind = KeyEventKind::Release;
        assert_eq!(action_for(&e, Mode::Browse), None);
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for mode in [
            Mode::Browse,
            Mode::Help,
            Mode::HelpFilter,
            Mode::Search,
            Mode::Prompt,
            Mode::Conflict,
            Mode::Edit,
            Mode::Confirm,
            Mode::Screen,
            Mode::Changes,
            Mode::Review,
        ] {
            let mut seen = Vec::new();
            for b in bindings().filter(|b| b.modes.contains(&mode)) {
                for k in b.keys {
                    assert!(!seen.contains(k), "{} bound twice in {mode:?}", label(k));
                    seen.push(*k);
                }
            }
        }
    }

    #[test]
    fn help_lists_every_binding() {
        let rows = help_rows();
        let text: String = rows.iter().map(|(k, h)| format!("{k} {h}\n")).collect();
        for b in bindings() {
            assert!(text.contains(b.help), "{} missing from help", b.help);
        }
        assert!(text.contains("1…9 set the Nth status"));
        assert!(text.contains("Ctrl-r redo"));
    }
}
