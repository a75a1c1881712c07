//! The one place where keys become actions. The help overlay and the footer are generated
//! from the same table, so what they show cannot drift from what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::action::{Action, Side};
use crate::model::Editable;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The panes (any of them).
    Browse,
    /// The help overlay is open.
    Help,
    /// The search line has the keys: characters are typed into it.
    Search,
    /// A line asking for a path ("write to").
    Prompt,
    /// The file changed on disk and edits clash: each needs an answer.
    Conflict,
    /// A text field is being edited: keys are typed into it.
    Edit,
    /// A yes/no question (a bulk change).
    Confirm,
}

/// Which pane has the focus; used to pick the footer hints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Councils,
    Areas,
    Deliverables,
    Details,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

/// One row of the key table.
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub modes: &'static [Mode],
    pub help: &'static str,
    /// Shown in the footer when one of these panes has the focus.
    pub footer: &'static [Pane],
}

impl Binding {
    /// Bindings that change the file.
    fn edits(&self) -> bool {
        matches!(
            self.action,
            Action::CycleStatus(_)
                | Action::SetStatus(_)
                | Action::Undo
                | Action::Redo
                | Action::Write
                | Action::WriteAs
                | Action::ToggleMark
                | Action::MarkAll
                | Action::EditField(_)
        )
    }

    fn essential(&self) -> bool {
        matches!(self.action, Action::ToggleHelp | Action::Quit)
    }
}

const BROWSE: &[Mode] = &[Mode::Browse];
const ALL: &[Mode] = &[Mode::Browse, Mode::Help];
const HELP: &[Mode] = &[Mode::Help];
const SEARCH: &[Mode] = &[Mode::Search];
const LINE: &[Mode] = &[Mode::Search, Mode::Prompt];
const PROMPT: &[Mode] = &[Mode::Prompt];
const CONFLICT: &[Mode] = &[Mode::Conflict];
const ANY: &[Mode] = &[
    Mode::Browse,
    Mode::Help,
    Mode::Search,
    Mode::Prompt,
    Mode::Conflict,
    Mode::Edit,
    Mode::Confirm,
];
const EDITING: &[Mode] = &[Mode::Edit];
const CONFIRM: &[Mode] = &[Mode::Confirm];
const LISTS: &[Pane] = &[Pane::Councils, Pane::Areas, Pane::Deliverables];
const EDIT: &[Pane] = &[Pane::Deliverables, Pane::Details];
const NONE: &[Pane] = &[];
const EVERY: &[Pane] = &[
    Pane::Councils,
    Pane::Areas,
    Pane::Deliverables,
    Pane::Details,
];

macro_rules! nth_status {
    ($($n:literal => $c:literal),*) => {
        [$(Binding {
            keys: &[ch($c)],
            action: Action::SetStatus($n),
            modes: BROWSE,
            help: "set the Nth status of the file's list",
            footer: NONE,
        }),*]
    };
}

const NTH: [Binding; 9] = nth_status!(0 => '1', 1 => '2', 2 => '3', 3 => '4', 4 => '5', 5 => '6', 6 => '7', 7 => '8', 8 => '9');

const MAIN: [Binding; 12] = [
    Binding {
        keys: &[ch('j'), code(KeyCode::Down)],
        action: Action::Down,
        modes: ALL,
        help: "move down",
        footer: NONE,
    },
    Binding {
        keys: &[ch('k'), code(KeyCode::Up)],
        action: Action::Up,
        modes: ALL,
        help: "move up",
        footer: NONE,
    },
    Binding {
        keys: &[ch('g'), code(KeyCode::Home)],
        action: Action::Top,
        modes: ALL,
        help: "go to the first row",
        footer: NONE,
    },
    Binding {
        keys: &[ch('G'), code(KeyCode::End)],
        action: Action::Bottom,
        modes: ALL,
        help: "go to the last row",
        footer: NONE,
    },
    Binding {
        keys: &[code(KeyCode::PageUp), ctrl('u')],
        action: Action::PageUp,
        modes: ALL,
        help: "page up",
        footer: NONE,
    },
    Binding {
        keys: &[code(KeyCode::PageDown), ctrl('d')],
        action: Action::PageDown,
        modes: ALL,
        help: "page down",
        footer: NONE,
    },
    Binding {
        keys: &[code(KeyCode::Tab), ch('l'), code(KeyCode::Right)],
        action: Action::NextPane,
        modes: BROWSE,
        help: "next pane",
        footer: EVERY,
    },
    Binding {
        keys: &[code(KeyCode::BackTab), ch('h'), code(KeyCode::Left)],
        action: Action::PrevPane,
        modes: BROWSE,
        help: "previous pane",
        footer: NONE,
    },
    Binding {
        keys: &[code(KeyCode::Enter)],
        action: Action::Open,
        modes: BROWSE,
        help: "open the selection",
        footer: LISTS,
    },
    Binding {
        keys: &[ch('/')],
        action: Action::OpenSearch,
        modes: BROWSE,
        help: "search (the syntax is at the end of this list)",
        footer: EVERY,
    },
    Binding {
        keys: &[ch('s')],
        action: Action::CycleStatus(1),
        modes: BROWSE,
        help: "next status",
        footer: EDIT,
    },
    Binding {
        keys: &[ch('S')],
        action: Action::CycleStatus(-1),
        modes: BROWSE,
        help: "previous status",
        footer: EDIT,
    },
];

/// The search line. Letters type; these keys edit and move, as in a shell.
const SEARCHING: [Binding; 8] = [
    Binding {
        keys: &[code(KeyCode::Enter)],
        action: Action::SearchAccept,
        modes: SEARCH,
        help: "in search: keep the filter (back to the list)",
        footer: EVERY,
    },
    Binding {
        keys: &[code(KeyCode::Esc)],
        action: Action::SearchCancel,
        modes: SEARCH,
        help: "in search: clear the search (back to the list)",
        footer: EVERY,
    },
    Binding {
        keys: &[code(KeyCode::Down), ctrl('n')],
        action: Action::Down,
        modes: SEARCH,
        help: "in search: next match",
        footer: EVERY,
    },
    Binding {
        keys: &[code(KeyCode::Up), ctrl('p')],
        action: Action::Up,
        modes: SEARCH,
        help: "in search: previous match",
        footer: NONE,
    },
    Binding {
        keys: &[code(KeyCode::PageDown)],
        action: Action::PageDown,
        modes: SEARCH,
        help: "in search: page down",
        footer: NONE,
    },
    Binding {
        keys: &[code(KeyCode::PageUp)],
        action: Action::PageUp,
        modes: SEARCH,
        help: "in search: page up",
        footer: NONE,
    },
    Binding {
        keys: &[code(KeyCode::Backspace), ctrl('h')],
        action: Action::SearchBackspace,
        modes: LINE,
        help: "in search: delete a character",
        footer: NONE,
    },
    Binding {
        keys: &[ctrl('w')],
        action: Action::SearchDeleteWord,
        modes: LINE,
        help: "in search: delete a word",
        footer: EVERY,
    },
];

const SEARCH_LINE: Binding = Binding {
    keys: &[ctrl('u')],
    action: Action::SearchClearLine,
    modes: LINE,
    help: "in search: clear the line",
    footer: EVERY,
};

const MORE: [Binding; 5] = [
    Binding {
        keys: &[ch('u')],
        action: Action::Undo,
        modes: BROWSE,
        help: "undo the last edit",
        footer: EVERY,
    },
    Binding {
        keys: &[ctrl('r')],
        action: Action::Redo,
        modes: BROWSE,
        help: "redo",
        footer: NONE,
    },
    Binding {
        keys: &[ch('w')],
        action: Action::Write,
        modes: BROWSE,
        help: "write the file again (after a failed save)",
        footer: NONE,
    },
    Binding {
        keys: &[ch('?')],
        action: Action::ToggleHelp,
        modes: ALL,
        help: "help (show or hide this list of keys)",
        footer: EVERY,
    },
    Binding {
        keys: &[code(KeyCode::Esc)],
        action: Action::Cancel,
        modes: ALL,
        help: "close the overlay, clear the message or the search",
        footer: NONE,
    },
];

/// The "write to" prompt and the conflict dialog.
const DIALOGS: [Binding; 8] = [
    Binding {
        keys: &[code(KeyCode::Enter)],
        action: Action::SearchAccept,
        modes: PROMPT,
        help: "in the write-to prompt: write the file there",
        footer: EVERY,
    },
    Binding {
        keys: &[code(KeyCode::Esc)],
        action: Action::SearchCancel,
        modes: PROMPT,
        help: "in the write-to prompt: cancel",
        footer: EVERY,
    },
    Binding {
        keys: &[ch('m')],
        action: Action::Resolve(Side::Mine),
        modes: CONFLICT,
        help: "in a conflict: keep my value",
        footer: EVERY,
    },
    Binding {
        keys: &[ch('t')],
        action: Action::Resolve(Side::Theirs),
        modes: CONFLICT,
        help: "in a conflict: take the value on disk",
        footer: EVERY,
    },
    Binding {
        keys: &[ch('M')],
        action: Action::ResolveAll(Side::Mine),
        modes: CONFLICT,
        help: "in a conflict: keep mine for all the rest",
        footer: EVERY,
    },
    Binding {
        keys: &[ch('T')],
        action: Action::ResolveAll(Side::Theirs),
        modes: CONFLICT,
        help: "in a conflict: take the disk's for all the rest",
        footer: EVERY,
    },
    Binding {
        keys: &[ch('j'), code(KeyCode::Down)],
        action: Action::Down,
        modes: CONFLICT,
        help: "in a conflict: next one",
        footer: NONE,
    },
    Binding {
        keys: &[ch('k'), code(KeyCode::Up)],
        action: Action::Up,
        modes: CONFLICT,
        help: "in a conflict: previous one",
        footer: NONE,
    },
];

/// Marks, field edits, the field editor and the yes/no question.
const TRIAGE: [Binding; 10] = [
    Binding {
        keys: &[ch(' ')],
        action: Action::ToggleMark,
        modes: BROWSE,
        help: "mark or unmark for a bulk change (then a status key)",
        footer: EDIT,
    },
    Binding {
        keys: &[ch('V')],
        action: Action::MarkAll,
        modes: BROWSE,
        help: "mark every deliverable the list shows",
        footer: NONE,
    },
    Binding {
        keys: &[ch('e')],
        action: Action::EditField(Editable::Notes),
        modes: BROWSE,
        help: "edit the notes",
        footer: EDIT,
    },
    Binding {
        keys: &[ch('o')],
        action: Action::EditField(Editable::Owner),
        modes: BROWSE,
        help: "edit the owner",
        footer: NONE,
    },
    Binding {
        keys: &[ch('D')],
        action: Action::EditField(Editable::Due),
        modes: BROWSE,
        help: "edit the due date (YYYY, YYYY-MM or YYYY-MM-DD)",
        footer: NONE,
    },
    Binding {
        keys: &[code(KeyCode::Esc), ctrl('s')],
        action: Action::EditorSave,
        modes: EDITING,
        help: "in the editor: save and close",
        footer: EVERY,
    },
    Binding {
        keys: &[ctrl('g')],
        action: Action::EditorDiscard,
        modes: EDITING,
        help: "in the editor: close without saving",
        footer: EVERY,
    },
    Binding {
        keys: &[ch('y')],
        action: Action::Confirm(true),
        modes: CONFIRM,
        help: "in a question: yes",
        footer: EVERY,
    },
    Binding {
        keys: &[ch('n')],
        action: Action::Confirm(false),
        modes: CONFIRM,
        help: "in a question: no",
        footer: EVERY,
    },
    Binding {
        keys: &[code(KeyCode::Esc)],
        action: Action::Cancel,
        modes: CONFIRM,
        help: "in a question: no",
        footer: NONE,
    },
];

const QUIT: [Binding; 5] = [
    Binding {
        keys: &[ch('q')],
        action: Action::Quit,
        modes: BROWSE,
        help: "quit (asks first if edits are not on disk)",
        footer: EVERY,
    },
    Binding {
        keys: &[ch('q')],
        action: Action::Cancel,
        modes: HELP,
        help: "close the help",
        footer: NONE,
    },
    Binding {
        keys: &[ctrl('c')],
        action: Action::ForceQuit,
        modes: ANY,
        help: "quit at once, from anywhere",
        footer: NONE,
    },
    Binding {
        keys: &[ctrl('z')],
        action: Action::Suspend,
        modes: ANY,
        help: "suspend to the shell (fg comes back)",
        footer: NONE,
    },
    Binding {
        keys: &[ch('W')],
        action: Action::WriteAs,
        modes: BROWSE,
        help: "write to another file (and go on editing that one)",
        footer: NONE,
    },
];

/// Every binding, in the order the help overlay lists them.
pub fn bindings() -> impl Iterator<Item = &'static Binding> {
    MAIN.iter()
        .chain(NTH.iter())
        .chain(MORE.iter())
        .chain(SEARCHING.iter())
        .chain(std::iter::once(&SEARCH_LINE))
        .chain(DIALOGS.iter())
        .chain(TRIAGE.iter())
        .chain(QUIT.iter())
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

/// The action for a key press in a mode, if any. Key releases and repeats of other kinds are
/// ignored (only presses and repeats act).
pub fn action_for(event: &KeyEvent, mode: Mode) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let bound = bindings()
        .filter(|b| b.modes.contains(&mode))
        .find(|b| b.keys.iter().any(|k| matches(k, event)))
        .map(|b| b.action);
    if bound.is_some() {
        return bound;
    }
    // In the field editor every other key is for the text.
    if mode == Mode::Edit {
        return Some(Action::EditorInput(*event));
    }
    if !matches!(mode, Mode::Search | Mode::Prompt) {
        return None;
    }
    // In the search line, any other printable character is typed.
    let plain = !event
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match event.code {
        KeyCode::Char(c) if plain && !c.is_control() => Some(Action::SearchChar(c)),
        _ => None,
    }
}

/// How a key is written in the help and the footer.
pub fn label(k: &Key) -> String {
    let base = match k.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Down => "↓".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Backspace => "Backspace".into(),
        other => format!("{other:?}"),
    };
    if k.ctrl { format!("Ctrl-{base}") } else { base }
}

/// The help overlay's rows: keys and what they do; rows with the same text are merged
/// (the nine number keys become one row).
pub fn help_rows() -> Vec<(String, &'static str)> {
    let mut rows: Vec<(String, &'static str)> = Vec::new();
    for b in bindings() {
        let keys: Vec<String> = b.keys.iter().map(label).collect();
        match rows.last_mut() {
            Some((k, help)) if *help == b.help => {
                k.push(' ');
                k.push_str(&keys.join(" "));
            }
            _ => rows.push((keys.join(" "), b.help)),
        }
    }
    for (keys, help) in &mut rows {
        if help.starts_with("set the Nth status") {
            *keys = "1…9".to_string();
        }
    }
    rows.extend(SEARCH_SYNTAX.iter().map(|&(k, h)| (k.to_string(), h)));
    rows
}

/// The search language, for the help overlay (and the README).
pub const SEARCH_SYNTAX: [(&str, &str); 6] = [
    (
        "subm cab",
        "search: every word must match (fuzzy in titles, ids, names, owner)",
    ),
    (
        "\"ai office\"",
        "search: quoted words match together, as written",
    ),
    (
        "status:planned",
        "search: scopes status: area: council: owner: id: (prefix or fuzzy)",
    ),
    (
        "-status:done",
        "search: a minus excludes (a scope or a word)",
    ),
    (
        "ai",
        "search: one or two letters match whole words and word starts",
    ),
    ("Enter / Esc", "search: keep the filter / clear it"),
];

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

/// The short hints for the footer: first key and a short help, for the focused pane.
/// The third value says whether the hint must always show (help and quit).
pub fn footer_hints(mode: Mode, pane: Pane, read_only: bool) -> Vec<(String, &'static str, bool)> {
    bindings()
        .filter(|b| b.footer.contains(&pane))
        .filter(|b| b.modes.contains(&mode))
        .filter(|b| !(read_only && b.edits()))
        .map(|b| (label(&b.keys[0]), short(b.help), b.essential()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn ctrl_c_quits_everywhere_and_q_closes_the_help() {
        let c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(&c, Mode::Browse), Some(Action::ForceQuit));
        assert_eq!(action_for(&c, Mode::Help), Some(Action::ForceQuit));
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(action_for(&q, Mode::Browse), Some(Action::Quit));
        assert_eq!(
            action_for(&q, Mode::Help),
            Some(Action::Cancel),
            "q closes the help"
        );
        assert_eq!(
            action_for(&press(KeyCode::Char('s'), KeyModifiers::NONE), Mode::Help),
            None,
            "no edits behind the overlay"
        );
    }

    #[test]
    fn search_line_types_letters_and_edits_like_a_shell() {
        let none = KeyModifiers::NONE;
        let ctrl = KeyModifiers::CONTROL;
        let mode = Mode::Search;
        for c in ['q', 's', 'j', '/', ':', '-', '量', ' '] {
            assert_eq!(
                action_for(&press(KeyCode::Char(c), none), mode),
                Some(Action::SearchChar(c))
            );
        }
        assert_eq!(
            action_for(&press(KeyCode::Char('S'), KeyModifiers::SHIFT), mode),
            Some(Action::SearchChar('S'))
        );
        assert_eq!(
            action_for(&press(KeyCode::Char('w'), ctrl), mode),
            Some(Action::SearchDeleteWord)
        );
        assert_eq!(
            action_for(&press(KeyCode::Char('u'), ctrl), mode),
            Some(Action::SearchClearLine)
        );
        assert_eq!(
            action_for(&press(KeyCode::Backspace, none), mode),
            Some(Action::SearchBackspace)
        );
        assert_eq!(
            action_for(&press(KeyCode::Enter, none), mode),
            Some(Action::SearchAccept)
        );
        assert_eq!(
            action_for(&press(KeyCode::Esc, none), mode),
            Some(Action::SearchCancel)
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
            Mode::Search,
            Mode::Prompt,
            Mode::Conflict,
            Mode::Edit,
            Mode::Confirm,
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
