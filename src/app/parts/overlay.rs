//! What covers the panes and has the keys, with its own state: being in an overlay and
//! having its state are one fact, so they cannot disagree.

use super::disk::ConflictDialog;
use super::editor::Editor;
use super::history::Bulk;
use crate::file_conflicts::FileConflicts;
use crate::vocabulary::{Mode, Screen};

#[derive(Debug, Default)]
pub(crate) enum Overlay {
    /// Nothing: the panes have the keys.
    #[default]
    None,
    /// The help, filtered by what is typed.
    Help {
        filter: String,
        scroll: u16,
    },
    /// The search line has the keys (the search itself stays with the lists after Enter).
    Search,
    /// A one-line prompt and what was typed so far: a path to write to, or the date the
    /// changes view starts at.
    Prompt {
        path: String,
        asks: Asks,
    },
    Palette(Palette),
    /// The field editor.
    Editor(Box<Editor>),
    /// The deliverable form (add or edit).
    Form(Box<super::form::Form>),
    /// The council or area form.
    ObjectForm(super::form::ObjectForm),
    /// A bulk change waiting for `y`.
    Bulk(Bulk),
    /// The removal (or restoring) of a deliverable waiting for `y`.
    Remove(Removal),
    Conflict(ConflictDialog),
    /// The file holds conflict markers from a merge: each region needs an answer.
    FileConflict(FileConflicts),
    /// The review of a readout's proposals has the keys (its state is `App`'s, since it
    /// outlives the form that edits a proposal).
    Review,
    /// A full-screen view in place of the panes.
    Screen {
        screen: Screen,
        scroll: u16,
    },
}

impl Overlay {
    /// The mode the keymap reads the keys in.
    pub(crate) fn mode(&self) -> Mode {
        match self {
            Overlay::None => Mode::Browse,
            Overlay::Help { filter, .. } if filter.is_empty() => Mode::Help,
            Overlay::Help { .. } => Mode::HelpFilter,
            Overlay::Search => Mode::Search,
            Overlay::Prompt { .. } => Mode::Prompt,
            Overlay::Palette(_) => Mode::Palette,
            Overlay::Editor(_) => Mode::Edit,
            Overlay::Form(_) | Overlay::ObjectForm(_) => Mode::Form,
            Overlay::Bulk(_) | Overlay::Remove(_) => Mode::Confirm,
            Overlay::Conflict(_) | Overlay::FileConflict(_) => Mode::Conflict,
            Overlay::Screen {
                screen: Screen::Changes,
                ..
            } => Mode::Changes,
            Overlay::Screen { .. } => Mode::Screen,
            Overlay::Review => Mode::Review,
        }
    }
}

/// What a prompt asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Asks {
    /// A path to write the file to.
    #[default]
    WritePath,
    /// The date the changes view starts at.
    SinceDate,
}

/// A deliverable to remove or restore, by id, and the question asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    pub id: String,
    pub restore: bool,
    pub question: String,
}

/// The command palette: what was typed and the chosen row.
#[derive(Debug, Clone, Default)]
pub struct Palette {
    pub input: String,
    pub cursor: usize,
}
