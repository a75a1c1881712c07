//! How the app removes a deliverable (`removed: true`, after a question) and restores a
//! removed one: one field edit, so one undo step, saved and merged as any other.

use super::App;
use super::parts::{Overlay, Removal};
use crate::action::{Action, Effect};
use crate::model::Editable;

impl App {
    /// The question waiting for `y`, if any: a bulk change or a removal.
    pub fn question(&self) -> Option<&str> {
        match &self.overlay {
            Overlay::Bulk(bulk) => Some(&bulk.question),
            Overlay::Remove(r) => Some(&r.question),
            _ => None,
        }
    }

    /// `x`: asks before removing the selected deliverable, or before restoring it when it is
    /// a removed one (shown by `is:removed`).
    pub(super) fn ask_removal(&mut self) {
        if self.focus() == crate::vocabulary::Pane::Areas {
            self.ask_area_removal();
            return;
        }
        if !self.may_edit() {
            return;
        }
        let Some(d) = self.selected() else {
            self.say("no deliverable is selected", true);
            return;
        };
        let restore = d.removed;
        let verb = if restore { "restore" } else { "remove" };
        let title = crate::terminal_text::line(&d.title).into_owned();
        self.overlay = Overlay::Remove(Removal {
            id: d.id.to_string(),
            restore,
            question: format!("{verb} \"{title}\"? y/n"),
        });
    }

    /// `x` in the areas pane: the panes list only the areas in use, and an area is removed
    /// only when no deliverable uses it; this says how many do (`councilor remove` deletes
    /// an unused one).
    fn ask_area_removal(&mut self) {
        let data = self.doc.data();
        let Some(id) = self.area_filter().map(str::to_string) else {
            self.say("choose an area first (All areas is not one)", true);
            return;
        };
        let users = data
            .deliverables
            .iter()
            .filter(|d| d.areas.iter().any(|a| *a == id))
            .count();
        let plural = if users == 1 { "" } else { "s" };
        self.say(
            format!("{id} is used by {users} deliverable{plural}: an area is removed only when none uses it"),
            true,
        );
    }

    /// The answer to the removal question.
    pub(super) fn update_removal(&mut self, action: Action, now: &str) -> Option<Effect> {
        let yes = match action {
            Action::Confirm(yes) => yes,
            Action::Cancel => false,
            _ => return None,
        };
        let Overlay::Remove(removal) = std::mem::take(&mut self.overlay) else {
            return None;
        };
        if !yes {
            self.say("nothing changed", false);
            return None;
        }
        let index = self.doc.data().deliverable_index(&removal.id)?;
        let to = (!removal.restore).then(|| "true".to_string());
        let effect = self.edit_fields(&[(index, Editable::Removed, to)], now)?;
        let done = if removal.restore {
            "restored"
        } else {
            "removed"
        };
        let id = crate::terminal_text::line(&removal.id).into_owned();
        self.say(format!("{id}: {done} (u to undo)"), false);
        Some(effect)
    }
}
