//! The line editor shared by the search line, the prompt, the palette and the help
//! filter, and the search line's state.

use crate::action::Action;
use crate::search::Query;

/// A line edited as in a shell: a character, Backspace, Ctrl-w (a word), Ctrl-u (all).
/// Returns false for any other action.
pub(crate) fn edit_line(line: &mut String, action: Action) -> bool {
    match action {
        Action::LineChar(c) => line.push(c),
        Action::LineBackspace => {
            line.pop();
        }
        Action::LineDeleteWord => {
            let kept = line.trim_end().len();
            line.truncate(kept);
            let start = line.rfind(char::is_whitespace).map_or(0, |i| i + 1);
            line.truncate(start);
        }
        Action::LineClear => line.clear(),
        _ => return false,
    }
    true
}

/// The search line and what it found.
#[derive(Debug, Clone, Default)]
pub struct Search {
    /// What was typed.
    pub input: String,
    /// `input`, parsed.
    pub query: Query,
    /// The selection was moved by hand while searching: keep it rather than follow the
    /// best match.
    pub(crate) pinned: bool,
    /// What to say about the query (an unknown scope, a scope that matches nothing).
    pub problems: Vec<String>,
    /// How many deliverables the council and area panes offer before the search.
    pub scope_len: usize,
}

impl Search {
    /// True when the search narrows the list.
    pub fn active(&self) -> bool {
        !self.query.is_empty()
    }
}
