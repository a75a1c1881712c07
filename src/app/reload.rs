//! What a new version of the file does to the marks and to an open bulk or removal question:
//! they are indices (or an id) into the old data, and follow their deliverables by id. A
//! question asked before another writer's save says what that save changed before it is
//! answered.

use super::App;
use super::parts::Overlay;
use crate::model::Dataset;
use crate::terminal_text::line as safe;

/// The marked deliverables and those of an open bulk question, by (id, status), taken from
/// the data before it is replaced.
pub(super) struct ById {
    marked: Vec<(String, String)>,
    asked: Vec<(String, String)>,
}

fn by_id(indices: impl Iterator<Item = usize>, data: &Dataset) -> Vec<(String, String)> {
    indices
        .filter_map(|i| {
            let d = data.deliverables.get(i)?;
            Some((d.id.to_string(), d.status.to_string()))
        })
        .collect()
}

/// The deliverables of `ids` in `data`, by index, leaving out those gone or removed (a removed
/// deliverable is not edited).
fn found(ids: &[(String, String)], data: &Dataset) -> Vec<usize> {
    ids.iter()
        .filter_map(|(id, _)| data.deliverable_index(id))
        .filter(|&i| !data.deliverables[i].removed)
        .collect()
}

impl App {
    /// The marks and the bulk question's deliverables, by id, before the data is replaced.
    pub(super) fn marks_by_id(&self) -> ById {
        let data = self.doc.data();
        let asked = match &self.overlay {
            Overlay::Bulk(bulk) => by_id(bulk.deliverables.iter().copied(), data),
            _ => vec![],
        };
        ById {
            marked: by_id(self.lists.marked().iter().copied(), data),
            asked,
        }
    }

    /// After the data was replaced: the marks and an open question on the same deliverables.
    /// What to add to the message about it ("" for nothing).
    pub(super) fn ask_again(&mut self, before: ById) -> String {
        let data = self.doc.data();
        self.lists.set_marks(found(&before.marked, data));
        match &mut self.overlay {
            Overlay::Bulk(bulk) => {
                let deliverables = found(&before.asked, data);
                let changed = before
                    .asked
                    .iter()
                    .filter(|(id, was)| {
                        data.deliverable_index(id).is_some_and(|i| {
                            let d = &data.deliverables[i];
                            !d.removed && d.status != was.as_str()
                        })
                    })
                    .count();
                let gone = before.asked.len() - deliverables.len();
                let target = bulk.target;
                if deliverables.is_empty() {
                    self.overlay = Overlay::None;
                    return String::new();
                }
                // Asked again about what is there now, first saying what another writer did
                // (the list shows their statuses).
                let mut question = self
                    .bulk_question(&deliverables, target)
                    .unwrap_or_default();
                let news = match (gone, changed) {
                    (0, 0) => String::new(),
                    (g, 0) => format!("another writer removed {g} of them: "),
                    (0, c) => format!("another writer changed the status of {c}: "),
                    (g, c) => format!("another writer removed {g} and changed {c}: "),
                };
                question.insert_str(0, &news);
                if let Overlay::Bulk(bulk) = &mut self.overlay {
                    bulk.deliverables = deliverables;
                    bulk.question = question;
                }
                String::new()
            }
            // A removal is asked by id: it stays while its deliverable is there and not yet
            // as asked.
            Overlay::Remove(removal) => {
                let now = data
                    .deliverable_index(&removal.id)
                    .map(|i| data.deliverables[i].removed);
                if now.is_some_and(|removed| removed == removal.restore) {
                    return String::new();
                }
                let done = match now {
                    None => "is no longer in the file",
                    Some(true) => "was removed by another writer meanwhile",
                    Some(false) => "was restored by another writer meanwhile",
                };
                let said = format!("; {} {done}: the question is closed", safe(&removal.id));
                self.overlay = Overlay::None;
                said
            }
            _ => String::new(),
        }
    }
}
