//! The words the state, the keymap and the drawing share: where the focus is (`Pane`), what
//! has the keys (`Mode`), the full-screen views (`Screen`) and the sides of a conflict
//! (`Side`). They depend on nothing, so every module may use them.

/// Which pane has the focus; also picks the footer hints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Councils,
    Areas,
    Deliverables,
    Details,
}

/// What has the keys: the panes, or an overlay. Bindings apply in modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The panes (any of them).
    Browse,
    /// The help overlay is open, nothing typed: `j` `k` scroll, `q` closes, other
    /// letters start the filter.
    Help,
    /// The help overlay with a filter typed: every letter goes into the filter.
    HelpFilter,
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
    /// The deliverable form: keys are typed into its fields.
    Form,
    /// The command palette: typing filters the actions.
    Palette,
    /// A full-screen view (the dashboard).
    Screen,
    /// The changes view: a full-screen view with keys of its own (where it starts).
    Changes,
    /// The review of the deliverables proposed from a readout.
    Review,
}

/// The full-screen views, shown in place of the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Status mix per council and area, progress, overdue deliverables.
    Dashboard,
    /// Every change made since the app opened.
    Changes,
}

/// The order of the deliverables list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// The file's order (a search: best match first).
    #[default]
    File,
    Due,
    Status,
    Council,
    Title,
    /// The latest change first.
    LastChanged,
}

impl Sort {
    /// The next order, round again after the last.
    pub fn next(self) -> Sort {
        match self {
            Sort::File => Sort::Due,
            Sort::Due => Sort::Status,
            Sort::Status => Sort::Council,
            Sort::Council => Sort::Title,
            Sort::Title => Sort::LastChanged,
            Sort::LastChanged => Sort::File,
        }
    }

    /// As the list's title says it (`by due date`).
    pub fn name(self) -> &'static str {
        match self {
            Sort::File => "file order",
            Sort::Due => "by due date",
            Sort::Status => "by status",
            Sort::Council => "by council",
            Sort::Title => "by title",
            Sort::LastChanged => "last changed first",
        }
    }
}

/// Where the changes view starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// Today's local midnight.
    Today,
    /// When this run of the program began.
    ThisRun,
    /// The chosen council's date.
    CouncilDate,
    /// A date the person types.
    Typed,
}

/// A side of a conflict between this session's edit and a change made on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Mine,
    Theirs,
}

/// `1 deliverable`, `3 deliverables`: a count with its noun, singular for one.
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
