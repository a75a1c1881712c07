//! What the user asks for (`Action`) and what the state asks the edge to do (`Effect`).

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
    /// Types a character into the search line.
    SearchChar(char),
    /// Deletes the character before the end of the search line.
    SearchBackspace,
    /// Deletes the last word of the search line (Ctrl-w, as in a shell).
    SearchDeleteWord,
    /// Empties the search line (Ctrl-u, as in a shell).
    SearchClearLine,
    /// Keeps the filter and returns to the list.
    SearchAccept,
    /// Clears the search and returns to the list.
    SearchCancel,
    /// Closes an overlay, clears the message, or clears an active search.
    Cancel,
    /// Quits; asks first when edits are not on disk.
    Quit,
    /// Quits at once, whatever the state (Ctrl-c).
    ForceQuit,
}

/// What `App::update` asks the event loop to do after a change of state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Write the document to disk now.
    Save,
    Quit,
}
