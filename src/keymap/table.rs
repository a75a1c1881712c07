//! The default key table. Every binding names its keys, its action, the modes where it
//! applies, its help text and the panes whose footer shows it.

use crossterm::event::KeyCode;

use super::names::Key;
use crate::action::Action;
use crate::model::Editable;
use crate::vocabulary::{Mode, Pane, Screen, Side, Start};

pub(super) const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

pub(super) const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

pub(super) const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

/// One row of the key table.
#[derive(Debug)]
pub(crate) struct Binding {
    pub(crate) keys: &'static [Key],
    pub(crate) action: Action,
    pub(crate) modes: &'static [Mode],
    pub(crate) help: &'static str,
    /// Shown in the footer when one of these panes has the focus.
    pub(crate) footer: &'static [Pane],
}

impl Binding {
    /// Bindings that change the file.
    pub(super) fn edits(&self) -> bool {
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
                | Action::Remove
                | Action::AddDeliverable
                | Action::EditDeliverable
                | Action::CarryOver
                | Action::AddCouncil
        )
    }

    pub(super) fn essential(&self) -> bool {
        matches!(self.action, Action::ToggleHelp | Action::Quit)
    }
}

const BROWSE: &[Mode] = &[Mode::Browse];
const ALL: &[Mode] = &[Mode::Browse, Mode::Help, Mode::HelpFilter];
/// The help, with or without a filter typed.
const HELP: &[Mode] = &[Mode::Help, Mode::HelpFilter];
/// The help with nothing typed: a few letters are keys, the rest start the filter.
const HELP_KEYS: &[Mode] = &[Mode::Help];
const SEARCH: &[Mode] = &[Mode::Search];
const LINE: &[Mode] = &[
    Mode::Search,
    Mode::Prompt,
    Mode::Help,
    Mode::HelpFilter,
    Mode::Palette,
];
const PALETTE: &[Mode] = &[Mode::Palette];
const PROMPT: &[Mode] = &[Mode::Prompt];
const CONFLICT: &[Mode] = &[Mode::Conflict];
const VIEWS: &[Mode] = &[Mode::Screen, Mode::Changes];
const CHANGES: &[Mode] = &[Mode::Changes];
pub(super) const ANY: &[Mode] = &[
    Mode::Browse,
    Mode::Help,
    Mode::HelpFilter,
    Mode::Search,
    Mode::Prompt,
    Mode::Conflict,
    Mode::Edit,
    Mode::Confirm,
    Mode::Form,
    Mode::Palette,
    Mode::Screen,
    Mode::Changes,
    Mode::Review,
];
/// The panes and the full-screen views: moving and scrolling.
const MOVE: &[Mode] = &[Mode::Browse, Mode::Screen, Mode::Changes];
const EDITING: &[Mode] = &[Mode::Edit];
const CONFIRM: &[Mode] = &[Mode::Confirm];
/// The panes whose Enter narrows the next one (in the deliverables the footer names the
/// status keys instead).
const CHOOSERS: &[Pane] = &[Pane::Councils, Pane::Areas];
const FORM: &[Mode] = &[Mode::Form];
const REVIEW: &[Mode] = &[Mode::Review];
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
        modes: MOVE,
        help: "move down",
        footer: NONE,
    },
    Binding {
        keys: &[ch('k'), code(KeyCode::Up)],
        action: Action::Up,
        modes: MOVE,
        help: "move up",
        footer: NONE,
    },
    Binding {
        keys: &[ch('g'), code(KeyCode::Home)],
        action: Action::Top,
        modes: MOVE,
        help: "go to the first row",
        footer: NONE,
    },
    Binding {
        keys: &[ch('G'), code(KeyCode::End)],
        action: Action::Bottom,
        modes: MOVE,
        help: "go to the last row",
        footer: NONE,
    },
    Binding {
        keys: &[code(KeyCode::PageUp), ctrl('u')],
        action: Action::PageUp,
        modes: MOVE,
        help: "page up",
        footer: NONE,
    },
    Binding {
        keys: &[code(KeyCode::PageDown), ctrl('d')],
        action: Action::PageDown,
        modes: MOVE,
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
        footer: CHOOSERS,
    },
    Binding {
        keys: &[ch('/')],
        action: Action::OpenSearch,
        modes: BROWSE,
        help: "search (the syntax is at the end of the help, ?)",
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
        action: Action::LineAccept,
        modes: SEARCH,
        help: "in search: keep the filter (back to the list)",
        footer: EVERY,
    },
    Binding {
        keys: &[code(KeyCode::Esc)],
        action: Action::LineCancel,
        modes: SEARCH,
        help: "in search: clear the search (the focus goes back where it was)",
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
        action: Action::LineBackspace,
        modes: LINE,
        help: "in search: delete a character",
        footer: NONE,
    },
    Binding {
        keys: &[ctrl('w')],
        action: Action::LineDeleteWord,
        modes: LINE,
        help: "in search: delete a word",
        footer: EVERY,
    },
];

const SEARCH_LINE: Binding = Binding {
    keys: &[ctrl('u')],
    action: Action::LineClear,
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
const DIALOGS: [Binding; 9] = [
    Binding {
        keys: &[code(KeyCode::Enter)],
        action: Action::LineAccept,
        modes: PROMPT,
        help: "in a prompt: accept (write the file there, or show the changes since the date)",
        footer: EVERY,
    },
    Binding {
        keys: &[code(KeyCode::Esc)],
        action: Action::LineCancel,
        modes: PROMPT,
        help: "in a prompt: cancel",
        footer: EVERY,
    },
    Binding {
        keys: &[ch('m')],
        action: Action::Resolve(Side::Mine),
        modes: CONFLICT,
        help: "in a conflict: keep mine (ours)",
        footer: EVERY,
    },
    Binding {
        keys: &[ch('t')],
        action: Action::Resolve(Side::Theirs),
        modes: CONFLICT,
        help: "in a conflict: take theirs",
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
        help: "in a conflict: take theirs for all the rest",
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
    Binding {
        keys: &[ch('q'), code(KeyCode::Esc)],
        action: Action::Cancel,
        modes: CONFLICT,
        help: "in a conflict: leave a merged file untouched",
        footer: NONE,
    },
];

/// Scrolling the help (letters filter it), the command palette and the views.
const OVERLAYS: [Binding; 15] = [
    Binding {
        keys: &[ch('j')],
        action: Action::Down,
        modes: HELP_KEYS,
        help: "in the help: scroll (other letters filter the keys)",
        footer: NONE,
    },
    Binding {
        keys: &[code(KeyCode::Down)],
        action: Action::Down,
        modes: HELP,
        help: "in the help: scroll (other letters filter the keys)",
        footer: NONE,
    },
    Binding {
        keys: &[ch('k')],
        action: Action::Up,
        modes: HELP_KEYS,
        help: "in the help: scroll back",
        footer: NONE,
    },
    Binding {
        keys: &[code(KeyCode::Up)],
        action: Action::Up,
        modes: HELP,
        help: "in the help: scroll back",
        footer: NONE,
    },
    Binding {
        keys: &[ch('q')],
        action: Action::Cancel,
        modes: HELP_KEYS,
        help: "in the help: close it (once a filter is typed, q is a letter of it)",
        footer: NONE,
    },
    Binding {
        keys: &[code(KeyCode::PageDown)],
        action: Action::PageDown,
        modes: HELP,
        help: "in the help: page down",
        footer: NONE,
    },
    Binding {
        keys: &[code(KeyCode::PageUp)],
        action: Action::PageUp,
        modes: HELP,
        help: "in the help: page up",
        footer: NONE,
    },
    Binding {
        keys: &[ch(':')],
        action: Action::OpenPalette,
        modes: BROWSE,
        help: "command palette: every action by name",
        footer: NONE,
    },
    Binding {
        keys: &[code(KeyCode::Enter)],
        action: Action::LineAccept,
        modes: PALETTE,
        help: "in the palette: run the chosen action",
        footer: EVERY,
    },
    Binding {
        keys: &[code(KeyCode::Esc)],
        action: Action::LineCancel,
        modes: PALETTE,
        help: "in the palette: close",
        footer: EVERY,
    },
    Binding {
        keys: &[code(KeyCode::Down), ctrl('n')],
        action: Action::Down,
        modes: PALETTE,
        help: "in the palette: next action",
        footer: EVERY,
    },
    Binding {
        keys: &[code(KeyCode::Up), ctrl('p')],
        action: Action::Up,
        modes: PALETTE,
        help: "in the palette: previous action",
        footer: NONE,
    },
    Binding {
        keys: &[ch('d')],
        action: Action::ShowScreen(Screen::Dashboard),
        modes: BROWSE,
        help: "dashboard: status mix per council and area, overdue",
        footer: NONE,
    },
    Binding {
        keys: &[ch('c')],
        action: Action::ShowScreen(Screen::Changes),
        modes: BROWSE,
        help: "what changed: the file's history since today (t r m f move the start)",
        footer: NONE,
    },
    Binding {
        keys: &[ch('q'), code(KeyCode::Esc)],
        action: Action::Cancel,
        modes: VIEWS,
        help: "in a view: back to the panes",
        footer: EVERY,
    },
];

/// The dashboard: what it covers, and Enter on a row.
const DASHBOARD: [Binding; 2] = [
    Binding {
        keys: &[code(KeyCode::Enter)],
        action: Action::Open,
        modes: &[Mode::Screen],
        help: "in the dashboard: open the row (narrow the panes to its council or area, or select its deliverable)",
        footer: EVERY,
    },
    Binding {
        keys: &[ch('e')],
        action: Action::DashboardEverything,
        modes: &[Mode::Screen],
        help: "in the dashboard: cover everything (again: what the panes show)",
        footer: EVERY,
    },
];

/// The changes view: where its changes start.
const SINCE: [Binding; 4] = [
    Binding {
        keys: &[ch('t')],
        action: Action::ChangesSince(Start::Today),
        modes: CHANGES,
        help: "in the changes: since today (local midnight)",
        footer: EVERY,
    },
    Binding {
        keys: &[ch('r')],
        action: Action::ChangesSince(Start::ThisRun),
        modes: CHANGES,
        help: "in the changes: since this run began",
        footer: EVERY,
    },
    Binding {
        keys: &[ch('m')],
        action: Action::ChangesSince(Start::CouncilDate),
        modes: CHANGES,
        help: "in the changes: since the chosen council met (its date)",
        footer: EVERY,
    },
    Binding {
        keys: &[ch('f')],
        action: Action::ChangesSince(Start::Typed),
        modes: CHANGES,
        help: "in the changes: from a date you type",
        footer: EVERY,
    },
];

/// Marks, field edits, the field editor and the yes/no question.
const TRIAGE: [Binding; 19] = [
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
        keys: &[ch('a')],
        action: Action::AddDeliverable,
        modes: BROWSE,
        help: "add a deliverable (a form)",
        footer: EDIT,
    },
    Binding {
        keys: &[ch('E')],
        action: Action::EditDeliverable,
        modes: BROWSE,
        help: "edit the selected deliverable, council or area (a form)",
        footer: EDIT,
    },
    Binding {
        keys: &[ch('A')],
        action: Action::AddCouncil,
        modes: BROWSE,
        help: "add a council: the meeting of the day (a form)",
        footer: NONE,
    },
    Binding {
        keys: &[ch('F')],
        action: Action::CarryOver,
        modes: BROWSE,
        help: "carry the deliverable over to the next council of its partner and series (a form)",
        footer: NONE,
    },
    Binding {
        keys: &[code(KeyCode::Tab)],
        action: Action::FormMove(1),
        modes: FORM,
        help: "in the form: next field",
        footer: NONE,
    },
    Binding {
        keys: &[code(KeyCode::BackTab)],
        action: Action::FormMove(-1),
        modes: FORM,
        help: "in the form: previous field",
        footer: NONE,
    },
    Binding {
        keys: &[ctrl('s')],
        action: Action::FormSave,
        modes: FORM,
        help: "in the form: save",
        footer: NONE,
    },
    Binding {
        keys: &[code(KeyCode::Esc)],
        action: Action::Cancel,
        modes: FORM,
        help: "in the form: leave (asks first when something was typed)",
        footer: NONE,
    },
    Binding {
        keys: &[ch('x')],
        action: Action::Remove,
        modes: BROWSE,
        help: "remove the deliverable (asks; restores a removed one)",
        footer: EDIT,
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

/// The list's order and the room on screen.
const VIEW: [Binding; 5] = [
    Binding {
        keys: &[ch('b')],
        action: Action::OpenLink,
        modes: BROWSE,
        help: "open the source link in the browser",
        footer: NONE,
    },
    Binding {
        keys: &[ch('y')],
        action: Action::Copy(false),
        modes: BROWSE,
        help: "copy the id (OSC 52: works over ssh, if the terminal allows it)",
        footer: NONE,
    },
    Binding {
        keys: &[ch('Y')],
        action: Action::Copy(true),
        modes: BROWSE,
        help: "copy the source link (OSC 52)",
        footer: NONE,
    },
    Binding {
        keys: &[ch('O')],
        action: Action::CycleSort,
        modes: BROWSE,
        help: "order the deliverables: file, due date, status, council, title, last changed",
        footer: NONE,
    },
    Binding {
        keys: &[ch('z')],
        action: Action::Zoom,
        modes: BROWSE,
        help: "zoom: the focused pane fills the screen (z again to go back)",
        footer: NONE,
    },
];

/// The review of the deliverables proposed from a readout.
const REVIEWING: [Binding; 8] = [
    Binding {
        keys: &[code(KeyCode::Enter)],
        action: Action::ReviewAccept,
        modes: REVIEW,
        help: "in the review: add the proposal",
        footer: EVERY,
    },
    Binding {
        keys: &[ch('E')],
        action: Action::ReviewEdit,
        modes: REVIEW,
        help: "in the review: edit the proposal in the form, then add it",
        footer: EVERY,
    },
    Binding {
        keys: &[ch('x')],
        action: Action::ReviewSkip,
        modes: REVIEW,
        help: "in the review: skip the proposal",
        footer: EVERY,
    },
    Binding {
        keys: &[ch('A')],
        action: Action::ReviewAcceptRest,
        modes: REVIEW,
        help: "in the review: add every proposal left",
        footer: EVERY,
    },
    Binding {
        keys: &[ch('j'), code(KeyCode::Down)],
        action: Action::Down,
        modes: REVIEW,
        help: "in the review: next proposal",
        footer: NONE,
    },
    Binding {
        keys: &[ch('k'), code(KeyCode::Up)],
        action: Action::Up,
        modes: REVIEW,
        help: "in the review: previous proposal",
        footer: NONE,
    },
    Binding {
        keys: &[ch('u')],
        action: Action::Undo,
        modes: REVIEW,
        help: "in the review: take the last addition back",
        footer: NONE,
    },
    Binding {
        keys: &[ch('q'), code(KeyCode::Esc)],
        action: Action::Cancel,
        modes: REVIEW,
        help: "in the review: close it (what is left is not added)",
        footer: EVERY,
    },
];

const QUIT: [Binding; 4] = [
    Binding {
        keys: &[ch('q')],
        action: Action::Quit,
        modes: BROWSE,
        help: "quit (asks first if edits are not on disk)",
        footer: EVERY,
    },
    Binding {
        keys: &[ctrl('c')],
        action: Action::ForceQuit,
        modes: ANY,
        help: "quit at once, from anywhere (what an open editor or form holds is saved)",
        footer: NONE,
    },
    Binding {
        keys: &[ctrl('z')],
        action: Action::Suspend,
        modes: ANY,
        #[cfg(unix)]
        help: "suspend to the shell (fg comes back)",
        #[cfg(not(unix))]
        help: "suspend: not on Windows, which has no shell job control",
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
pub(crate) fn bindings() -> impl Iterator<Item = &'static Binding> {
    MAIN.iter()
        .chain(NTH.iter())
        .chain(MORE.iter())
        .chain(SEARCHING.iter())
        .chain(std::iter::once(&SEARCH_LINE))
        .chain(DIALOGS.iter())
        .chain(TRIAGE.iter())
        .chain(OVERLAYS.iter())
        .chain(SINCE.iter())
        .chain(DASHBOARD.iter())
        .chain(VIEW.iter())
        .chain(REVIEWING.iter())
        .chain(QUIT.iter())
}

/// The search language, for the help overlay (and the README).
pub(crate) const SEARCH_SYNTAX: [(&str, &str); 9] = [
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
        "search: scopes status: area: council: owner: id: chair: partner: series: (prefix or fuzzy)",
    ),
    (
        "is:overdue",
        "search: is:open is:active is:blocked is:done is:dropped is:overdue",
    ),
    (
        "-status:done",
        "search: a minus excludes (a scope or a word)",
    ),
    (
        "ai",
        "search: one or two letters match whole words and word starts",
    ),
    (
        "is:removed",
        "search: the removed deliverables (to restore one)",
    ),
    ("chain:ID", "search: what ID follows and what follows it"),
    (
        "Enter / Esc",
        "search: keep the filter (focus on the results) / clear it (focus back)",
    ),
];
