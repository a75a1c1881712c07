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
    /// The deliverable form: keys are typed into its fields.
    Form,
    /// The command palette: typing filters the actions.
    Palette,
    /// A full-screen view (dashboard, changes).
    Screen,
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

/// A side of a conflict between this session's edit and a change made on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Mine,
    Theirs,
}
