//! A file opened with conflict markers from a merge: the panes show every region as ours
//! while each region is asked (keep ours, take theirs); the file is written only when every
//! region has an answer and the answers make a valid dataset.

use super::App;
use super::parts::{Overlay, READ_ONLY, SaveState};
use crate::action::{Action, Effect};
use crate::conflicted::Side as Chosen;
use crate::file_conflicts::{Answered, FileConflicts};
use crate::vocabulary::Side;

impl App {
    /// Opens the questions of a file in conflict; the app's document is its all-ours version.
    pub fn ask_file_conflicts(&mut self, conflicts: FileConflicts) {
        let n = conflicts.places().len();
        let them = if n == 1 { "it" } else { "each" };
        self.say(
            format!(
                "this file holds {n} {} from a merge: choose a side for {them} (m ours, t theirs); nothing is written until every one has an answer",
                if n == 1 { "conflict" } else { "conflicts" }
            ),
            true,
        );
        self.overlay = Overlay::FileConflict(conflicts);
    }

    /// The questions of a file in conflict, while they are open.
    pub fn file_conflicts(&self) -> Option<&FileConflicts> {
        match &self.overlay {
            Overlay::FileConflict(c) => Some(c),
            _ => None,
        }
    }

    pub(super) fn update_file_conflict(&mut self, action: Action) -> Option<Effect> {
        let Overlay::FileConflict(conflicts) = &mut self.overlay else {
            return None;
        };
        let side = |s: Side| match s {
            Side::Mine => Chosen::Ours,
            Side::Theirs => Chosen::Theirs,
        };
        let answered = match action {
            Action::Down => {
                conflicts.move_by(1);
                return None;
            }
            Action::Up => {
                conflicts.move_by(-1);
                return None;
            }
            Action::Resolve(s) => conflicts.answer(side(s)),
            Action::ResolveAll(s) => conflicts.answer_rest(side(s)),
            // Leaving asks nothing: the file is left exactly as the merge left it.
            Action::Cancel | Action::Quit => return Some(Effect::Quit),
            _ => return None,
        };
        self.message = None;
        match answered {
            Answered::Asking => None,
            Answered::Invalid(why) => {
                self.say(
                    format!(
                        "these answers do not make a valid file ({why}): change one with m or t"
                    ),
                    true,
                );
                None
            }
            Answered::Resolved(doc) => {
                let n = match &self.overlay {
                    Overlay::FileConflict(c) => c.places().len(),
                    _ => 0,
                };
                self.overlay = Overlay::None;
                self.take_document(*doc, vec![]);
                if self.disk.read_only() {
                    self.say(format!("every conflict has an answer; {READ_ONLY}"), true);
                    return None;
                }
                self.say(
                    format!(
                        "resolved {n} {}: the file is written without conflict markers",
                        if n == 1 { "conflict" } else { "conflicts" }
                    ),
                    false,
                );
                Some(self.disk.save())
            }
        }
    }

    /// The file changed on disk while its conflicts were being asked: someone resolved it
    /// elsewhere, so the questions go and what is on disk is shown.
    pub(super) fn drop_file_conflicts(&mut self) -> bool {
        if !matches!(self.overlay, Overlay::FileConflict(_)) {
            return false;
        }
        self.overlay = Overlay::None;
        self.disk.save = SaveState::Synced;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::vocabulary::Mode;

    const NOW: &str = "2026-12-01T09:00:00Z";

    fn conflicted() -> String {
        let side = |s: &str| format!("      \"status\": \"{s}\"\n");
        format!(
            "{{\n  \"version\": 1,\n  \"councils\": [{{\"id\": \"c\", \"name\": \"C\"}}],\n  \"deliverables\": [\n    {{\n      \"id\": \"a\",\n      \"council\": \"c\",\n      \"title\": \"A\",\n<<<<<<< ours\n{}=======\n{}>>>>>>> theirs\n    }},\n    {{\n      \"id\": \"b\",\n      \"council\": \"c\",\n      \"title\": \"B\",\n<<<<<<< ours\n{}=======\n{}>>>>>>> theirs\n    }}\n  ]\n}}\n",
            side("done"),
            side("blocked"),
            side("planned"),
            side("dropped")
        )
    }

    fn app(read_only: bool) -> App {
        let conflicts = FileConflicts::read(&conflicted(), NOW).unwrap().unwrap();
        let mut app = App::new(conflicts.ours().unwrap(), "f.json".into(), read_only);
        app.ask_file_conflicts(conflicts);
        app
    }

    #[test]
    fn each_region_is_answered_then_the_resolved_file_is_saved() {
        let mut app = app(false);
        assert_eq!(app.mode(), Mode::Conflict);
        assert_eq!(app.data().deliverables[0].status, "done", "ours behind");
        assert_eq!(app.update(Action::Resolve(Side::Theirs), NOW), None);
        assert_eq!(app.file_conflicts().unwrap().cursor(), 1);
        assert_eq!(
            app.update(Action::Resolve(Side::Mine), NOW),
            Some(Effect::Save)
        );
        assert_eq!(app.mode(), Mode::Browse);
        let text = app.document().text();
        assert!(!text.contains("<<<<<<<"), "{text}");
        let d = &app.data().deliverables;
        assert_eq!(
            (d[0].status.as_str(), d[1].status.as_str()),
            ("blocked", "planned")
        );
        assert!(Document::from_text(text.to_string()).is_ok());
    }

    #[test]
    fn leaving_writes_nothing_and_read_only_shows_without_saving() {
        let mut app = app(false);
        assert_eq!(app.update(Action::Cancel, NOW), Some(Effect::Quit));
        let mut app = app_read_only();
        assert_eq!(app.update(Action::ResolveAll(Side::Theirs), NOW), None);
        assert_eq!(app.data().deliverables[1].status, "dropped");
        assert!(app.message().unwrap().text.contains("read-only"));
    }

    fn app_read_only() -> App {
        app(true)
    }

    #[test]
    fn a_resolution_elsewhere_closes_the_questions() {
        let mut app = app(false);
        let theirs = Document::from_text(
            conflicted()
                .replace("<<<<<<< ours\n      \"status\": \"done\"\n=======\n", "")
                .replace(">>>>>>> theirs\n", "")
                .replace("<<<<<<< ours\n      \"status\": \"planned\"\n=======\n", ""),
        )
        .unwrap();
        assert_eq!(app.disk_changed(theirs), None);
        assert_eq!(app.mode(), Mode::Browse);
        assert_eq!(app.data().deliverables[0].status, "blocked");
    }
}
