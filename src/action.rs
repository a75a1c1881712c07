//! What the user asks for (`Action`) and what the state asks the edge to do (`Effect`).

use crate::vocabulary::{Pane, Screen, Side, Start};

/// Everything a key can ask the app to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    NextPane,
    PrevPane,
    /// Opens the selection: a council or area narrows the next pane and moves there.
    Open,
    /// Steps the selected deliverable's status forward (1) or back (-1) in the file's order.
    CycleStatus(i8),
    /// Sets the selected deliverable's status to the Nth of the file's statuses (0-based).
    SetStatus(u8),
    Undo,
    Redo,
    /// Writes the file again (after a failed save).
    Write,
    ToggleHelp,
    /// Opens the search line (keeping the query there is).
    OpenSearch,
    // The line editor's actions: the search line, the "write to" prompt, the palette's
    // input and the help's filter are all edited with them.
    /// Types a character into the line.
    LineChar(char),
    /// Deletes the character before the end of the line.
    LineBackspace,
    /// Deletes the last word of the line (Ctrl-w, as in a shell).
    LineDeleteWord,
    /// Empties the line (Ctrl-u, as in a shell).
    LineClear,
    /// Enter on the line: keeps the search, writes to the path, runs the palette's choice.
    LineAccept,
    /// Esc on the line: clears the search, closes the prompt or the palette.
    LineCancel,
    /// Closes an overlay, clears the message, or clears an active search.
    Cancel,
    /// Quits; asks first when edits are not on disk.
    Quit,
    /// Quits at once, whatever the state (Ctrl-c).
    ForceQuit,
    /// Suspends to the shell (Ctrl-z); `fg` comes back.
    Suspend,
    /// Opens a prompt to write the file to another path.
    WriteAs,
    /// In the conflict dialog: keep this session's value (`Mine`) or the disk's.
    Resolve(Side),
    /// In the conflict dialog: the same answer for every conflict left.
    ResolveAll(Side),
    /// Marks or unmarks the selected deliverable for a bulk change.
    ToggleMark,
    /// Marks every deliverable the list shows.
    MarkAll,
    /// Removes the selected deliverable (after a question), or restores a removed one.
    Remove,
    /// Opens the form for a new deliverable.
    AddDeliverable,
    /// Opens the form on the selected deliverable.
    EditDeliverable,
    /// Opens the form for a new deliverable that carries the selected one over.
    CarryOver,
    /// Opens the form for a new council.
    AddCouncil,
    /// In the form: the next (1) or previous (-1) field.
    FormMove(i8),
    /// A key typed into the form's field.
    FormInput(crossterm::event::KeyEvent),
    /// Saves the form.
    FormSave,
    /// Edits a text field of the selected deliverable (owner, due date, notes).
    EditField(crate::model::Editable),
    /// A key typed into the field editor.
    EditorInput(crossterm::event::KeyEvent),
    /// Saves the field editor's text and closes it.
    EditorSave,
    /// Closes the field editor without saving.
    EditorDiscard,
    /// The answer to a question (`y` / `n`).
    Confirm(bool),
    /// Opens the command palette.
    OpenPalette,
    /// Shows a full-screen view in place of the panes.
    ShowScreen(Screen),
    /// The next order of the deliverables list.
    CycleSort,
    /// Opens the selection's source link in the browser.
    OpenLink,
    /// Copies the selection's id (`false`) or its source link (`true`) to the clipboard.
    Copy(bool),
    /// The focused pane fills the screen, or goes back.
    Zoom,
    /// In the dashboard: cover every deliverable, or (again) what the panes show.
    DashboardEverything,
    /// In the changes view: where the changes shown start.
    ChangesSince(Start),
    /// In the review of a readout: add the proposal shown.
    ReviewAccept,
    /// In the review: open the proposal in the deliverable form first.
    ReviewEdit,
    /// In the review: leave the proposal out.
    ReviewSkip,
    /// In the review: add every proposal still waiting.
    ReviewAcceptRest,
    /// A click on a pane, on a row of its list if there is one.
    Click(Pane, Option<usize>),
    /// The mouse wheel over a pane (or over whatever covers the panes).
    Wheel(Pane, i8),
}

/// What `App::update` asks the event loop to do after a change of state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write the document to disk now.
    Save,
    /// Write the document as a new file where it was (it was deleted or moved away).
    WriteBack,
    /// Write the document as a new file at this path, and go on editing that file.
    SaveAs(std::path::PathBuf),
    /// Quit once every save under way has ended (stays if one fails).
    Quit,
    /// Quit at once.
    ForceQuit,
    /// Leave the terminal to the shell until the process is continued.
    Suspend,
    /// Open this link in the browser (without waiting for it).
    OpenLink(String),
    /// Put this text on the terminal's clipboard (OSC 52).
    Copy(String),
}
