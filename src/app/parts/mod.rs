//! The parts of the app's state, each with one job and none aware of `App`: what covers
//! the panes (`overlay`), the lists and the selection (`lists`), undo, redo and the edits
//! not on disk (`history`), the file (`disk`), and the small states the overlays hold.

mod disk;
mod editor;
mod form;
mod history;
mod lines;
mod lists;
mod message;
mod overlay;
mod review;

pub use disk::{ConflictDialog, ConflictItem, SaveState};
pub(crate) use disk::{Disk, READ_ONLY};
pub use editor::Editor;
pub use form::{Form, FormField, ObjectForm};
pub use history::Bulk;
pub(crate) use history::{Changed, History, Target};
pub use lines::Search;
pub(crate) use lines::edit_line;
pub use lists::AreaRow;
pub(crate) use lists::{Fallback, Lists, PAGE};
pub use message::Message;
pub(crate) use overlay::{Asks, Overlay};
pub use overlay::{Palette, Removal};
pub use review::{Decision, Review};
