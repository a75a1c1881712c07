//! Three-way merge of this session's edits into a file someone else changed: base = the value
//! a field had when the file was last read or written, theirs = the file on disk now, mine =
//! this session's value. Pure: documents in, a document out.

use crate::document::Document;
use crate::edit::{self, Change};
use crate::model::Editable;

/// One change of a field: what its history entry records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub from: Option<String>,
    pub to: Option<String>,
    /// When the edit was made (RFC 3339).
    pub at: String,
    /// A note kept with the change in its history entry.
    pub note: Option<String>,
}

/// The edits of one field of one deliverable that are not on disk yet, in order; or a
/// deliverable added (`added`: its object's text, to add again to another writer's file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub id: String,
    pub field: Editable,
    /// Never empty.
    pub steps: Vec<Step>,
    pub added: Option<Added>,
}

/// Something added or changed outside the fields of a deliverable, to do again in another
/// writer's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    /// A deliverable: its object's text.
    Deliverable(String),
    /// A council or an area added or edited: the operation.
    Op(Box<crate::capture::Op>),
}

impl Pending {
    /// The value on disk when the file was last read or written.
    pub fn base(&self) -> Option<&str> {
        self.steps.first().and_then(|s| s.from.as_deref())
    }

    /// The value this session gave it.
    pub fn mine(&self) -> Option<&str> {
        self.steps.last().and_then(|s| s.to.as_deref())
    }

    /// The edits as one step from `from` (for keeping mine over another value).
    pub fn squashed(&self, from: Option<String>) -> Pending {
        let last = self.steps.last().map(|s| s.at.clone()).unwrap_or_default();
        Pending {
            id: self.id.clone(),
            field: self.field,
            steps: vec![Step {
                from,
                to: self.mine().map(str::to_string),
                at: last,
                note: self.steps.last().and_then(|s| s.note.clone()),
            }],
            added: None,
        }
    }
}

/// The same field changed on both sides, to different values; or a field edited here of a
/// deliverable that the other side removed (`removed`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub edit: Pending,
    pub theirs: Option<String>,
    pub removed: bool,
}

impl Conflict {
    /// The edits that keep this side's value: for a deliverable removed on the other side,
    /// its restoring first.
    pub fn keep_mine(&self) -> Vec<Pending> {
        let mut out = Vec::new();
        if self.removed {
            out.push(Pending {
                id: self.edit.id.clone(),
                field: Editable::Removed,
                steps: vec![Step {
                    from: Some("true".into()),
                    to: None,
                    at: self
                        .edit
                        .steps
                        .last()
                        .map(|s| s.at.clone())
                        .unwrap_or_default(),
                    note: None,
                }],
                added: None,
            });
        }
        out.push(self.edit.squashed(self.theirs.clone()));
        out
    }
}

#[derive(Debug)]
pub struct Merged {
    /// Theirs with every edit that merged cleanly applied.
    pub doc: Document,
    /// The edits applied (their `base` is now the disk's value).
    pub applied: Vec<Pending>,
    /// Edits the other side had already made too (a note given with one is kept, in a
    /// `note` entry of its own).
    pub same: usize,
    pub conflicts: Vec<Conflict>,
    /// Edits of deliverables that are no longer in the file.
    pub orphans: Vec<Pending>,
    /// Deliverables added here whose id another writer gave to another deliverable meanwhile:
    /// (the id asked for, the free id they were added under).
    pub renamed: Vec<(String, String)>,
}

/// Replays the steps of `edit` on `doc`, each with its own history entry; false if one could
/// not be applied.
pub fn apply(doc: &mut Document, edit: &Pending) -> bool {
    match &edit.added {
        Some(Added::Deliverable(object)) => return add_again(doc, object),
        Some(Added::Op(op)) => return crate::capture::apply(doc, op, "", None).is_ok(),
        None => {}
    }
    let Some(index) = doc.data().deliverable_index(&edit.id) else {
        return false;
    };
    edit.steps.iter().all(|step| {
        let change = Change {
            deliverable: index,
            field: edit.field,
            to: step.to.as_deref(),
            at: &step.at,
            note: step.note.as_deref(),
        };
        match edit::patch(doc, &change) {
            Some(patch) => doc.apply(&patch),
            None => true,
        }
    })
}

/// Whether the deliverable `there` is the one whose object text is `object`, as it was
/// added: the same first history entry (its `created`, with its time, to the second) and the
/// same value in every field. Two people adding the same title in the same second are told
/// apart by any other field they typed.
pub fn same_creation(there: &crate::model::Deliverable, object: &str) -> bool {
    let Ok(mine) = serde_json::from_str::<serde_json::Value>(object) else {
        return false;
    };
    let first = &mine["history"][0];
    let text = |v: &serde_json::Value| v.as_str().map(str::to_string);
    let theirs = there.history();
    let Some(created) = theirs.first() else {
        return false;
    };
    let same_entry = text(&first["at"]).as_deref() == created.at.as_deref()
        && text(&first["field"]).as_deref() == created.field.as_deref()
        && text(&first["by"]).as_deref() == created.by.as_deref();
    let same_fields = Editable::ALL.iter().all(|&field| {
        let here = match field {
            Editable::Areas => mine["areas"].as_array().map(|a| {
                let ids: Vec<String> = a
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect();
                crate::model::areas_value(&ids)
            }),
            Editable::Removed => mine["removed"]
                .as_bool()
                .filter(|r| *r)
                .map(|_| "true".into()),
            _ => text(&mine[field.key()]),
        };
        let there = field.value(there).map(std::borrow::Cow::into_owned);
        match field {
            // No areas and an empty list are alike.
            Editable::Areas => {
                here.unwrap_or_else(|| "[]".into()) == there.unwrap_or_else(|| "[]".into())
            }
            _ => here == there,
        }
    });
    same_entry && same_fields
}

/// Adds the deliverable of `edit` (its object's text, `object`) under the first free id after
/// its own (`ID-2`, `ID-3`…): the edit that does so again, with the new object's text.
fn add_renamed(doc: &mut Document, edit: &Pending, object: &str) -> Option<Pending> {
    let data = doc.data();
    let id = crate::create::unique(&edit.id, |id| data.deliverable_index(id).is_some());
    if !add_again_as(doc, object, Some(&id)) {
        return None;
    }
    let data = doc.data();
    let index = data.deliverable_index(&id)?;
    let text = doc.slice(data.object(index)?)?.into_owned();
    Some(Pending {
        id,
        added: Some(Added::Deliverable(text)),
        ..edit.clone()
    })
}

/// Adds a deliverable (its object's text) to `doc`, after the last one of its council, in
/// `doc`'s layout; false if that cannot be done (its council is gone, say).
fn add_again(doc: &mut Document, object: &str) -> bool {
    add_again_as(doc, object, None)
}

/// [`add_again`], under the id `id` when one is given.
fn add_again_as(doc: &mut Document, object: &str, id: Option<&str>) -> bool {
    let Some(mut members) = crate::insert::members_of(object) else {
        return false;
    };
    if let Some(id) = id {
        for (key, value) in &mut members {
            if key == "id" {
                *value = crate::insert::Value::Text(id.to_string());
            }
        }
    }
    let council = members.iter().find_map(|(k, v)| match (k.as_str(), v) {
        ("council", crate::insert::Value::Text(c)) => Some(c.clone()),
        _ => None,
    });
    let after = council.and_then(|c| doc.data().deliverables.iter().rposition(|d| d.council == c));
    match crate::insert::insert(
        &doc.text(),
        crate::insert::List::Deliverables,
        after,
        &members,
    ) {
        Some(splice) => doc.splice(&splice),
        None => false,
    }
}

/// Re-applies `pending` to `theirs`. A field that theirs left at its base value takes mine; a
/// field theirs changed to the same value is left alone (a note given with mine is added as an
/// entry of its own); a field theirs changed to another value is a conflict and is not
/// applied. History entries from both sides are kept: theirs are in their text, and each
/// applied edit appends its own.
pub fn merge(theirs: Document, pending: &[Pending]) -> Merged {
    merge_against(theirs, pending, None)
}

/// [`merge`], knowing this side's data (`mine`): an edit of a deliverable that is not
/// removed here but was removed on the other side is a conflict, not an edit of a removed
/// deliverable.
pub fn merge_against(
    theirs: Document,
    pending: &[Pending],
    mine: Option<&crate::model::Dataset>,
) -> Merged {
    let live_here = |id: &str| {
        mine.and_then(|m| m.deliverable_index(id).map(|i| !m.deliverables[i].removed))
            .unwrap_or(false)
    };
    let mut merged = Merged {
        doc: theirs,
        applied: vec![],
        same: 0,
        conflicts: vec![],
        orphans: vec![],
        renamed: vec![],
    };
    for edit in pending {
        let data = merged.doc.data();
        if edit.added.is_some() {
            if let Some(Added::Deliverable(object)) = &edit.added
                && let Some(there) = data.deliverable_index(&edit.id)
            {
                if same_creation(&data.deliverables[there], object) {
                    // This writer's own add, already there (with the other's edits since).
                    merged.same += 1;
                    continue;
                }
                // Another deliverable under the same id: this one keeps what it holds, under
                // a free id, rather than being taken for theirs.
                match add_renamed(&mut merged.doc, edit, object) {
                    Some(again) => {
                        merged.renamed.push((edit.id.clone(), again.id.clone()));
                        merged.applied.push(again);
                    }
                    None => merged.orphans.push(edit.clone()),
                }
                continue;
            }
            if apply(&mut merged.doc, edit) {
                merged.applied.push(edit.clone());
            } else {
                merged.orphans.push(edit.clone());
            }
            continue;
        }
        let Some(index) = data.deliverable_index(&edit.id) else {
            merged.orphans.push(edit.clone());
            continue;
        };
        let now = edit
            .field
            .value(&data.deliverables[index])
            .map(std::borrow::Cow::into_owned);
        let removed_there = edit.field != Editable::Removed
            && data.deliverables[index].removed
            && live_here(&edit.id);
        // My removal of a deliverable they edited meanwhile: their history has entries that
        // this side's has not.
        let edited_there = (edit.field == Editable::Removed && edit.mine().is_some())
            .then_some(mine)
            .flatten()
            .and_then(|m| m.deliverable_index(&edit.id).map(|i| &m.deliverables[i]))
            .and_then(|here| {
                let there = data.deliverables[index].history();
                let common = here
                    .history()
                    .iter()
                    .zip(&there)
                    .take_while(|(a, b)| a == b)
                    .count();
                // The fields they changed, each once, in the order of their entries.
                let mut fields: Vec<&str> = Vec::new();
                for entry in &there[common..] {
                    let field = entry.field.as_deref().unwrap_or("?");
                    if !fields.contains(&field) {
                        fields.push(field);
                    }
                }
                // What the conflict dialog shows as the disk's side of this removal.
                (!fields.is_empty())
                    .then(|| format!("(edited on disk meanwhile: {})", fields.join(", ")))
            });
        if removed_there {
            merged.conflicts.push(Conflict {
                edit: edit.clone(),
                theirs: now,
                removed: true,
            });
        } else if let Some(what) = edited_there {
            merged.conflicts.push(Conflict {
                edit: edit.clone(),
                theirs: Some(what),
                removed: false,
            });
        } else if now.as_deref() == edit.mine() {
            // Not made twice; but a note given with it says something theirs does not.
            if let Some(step) = edit.steps.last()
                && let Some(note) = &step.note
                && let Some(patch) = edit::entry_patch(
                    &merged.doc,
                    index,
                    &edit::Entry::Note { at: &step.at, note },
                )
            {
                merged.doc.apply(&patch);
            }
            merged.same += 1;
        } else if now.as_deref() == edit.base() {
            if apply(&mut merged.doc, edit) {
                merged.applied.push(edit.clone());
            } else {
                merged.orphans.push(edit.clone());
            }
        } else {
            merged.conflicts.push(Conflict {
                edit: edit.clone(),
                theirs: now,
                removed: false,
            });
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = r#"{
  "version": 1,
  "councils": [{"id": "c", "name": "C"}],
  "deliverables": [
    {
      "id": "a",
      "council": "c",
      "title": "A",
      "status": "planned"
    },
    {
      "id": "b",
      "council": "c",
      "title": "B",
      "status": "planned",
      "notes": "old"
    }
  ]
}
"#;

    fn pending(id: &str, field: Editable, base: Option<&str>, mine: Option<&str>) -> Pending {
        Pending {
            id: id.into(),
            field,
            steps: vec![Step {
                from: base.map(Into::into),
                to: mine.map(Into::into),
                at: "2026-11-27T10:00:00Z".into(),
                note: None,
            }],
            added: None,
        }
    }

    /// `BASE` with one edit made by "them".
    fn theirs(id: &str, field: Editable, to: Option<&str>) -> Document {
        let mut doc = Document::from_text(BASE.to_string()).unwrap();
        let mut e = pending(id, field, None, to);
        e.steps[0].at = "2026-11-27T09:00:00Z".into();
        assert!(apply(&mut doc, &e));
        doc
    }

    #[test]
    fn different_deliverables_merge_and_both_histories_stay() {
        let t = theirs("b", Editable::Status, Some("done"));
        let mine = pending("a", Editable::Status, Some("planned"), Some("blocked"));
        let m = merge(t, std::slice::from_ref(&mine));
        assert!(m.conflicts.is_empty());
        assert_eq!(m.applied, vec![mine]);
        let data = m.doc.data();
        assert_eq!(data.deliverables[0].status, "blocked");
        assert_eq!(data.deliverables[1].status, "done");
        assert_eq!(data.deliverables[0].history().len(), 1);
        assert_eq!(data.deliverables[1].history().len(), 1);
        Document::from_text(m.doc.text().to_string()).expect("valid");
    }

    #[test]
    fn different_fields_of_one_deliverable_merge() {
        let t = theirs("b", Editable::Notes, Some("theirs"));
        let mine = pending("b", Editable::Status, Some("planned"), Some("done"));
        let m = merge(t, &[mine]);
        assert!(m.conflicts.is_empty());
        let b = &m.doc.data().deliverables[1];
        assert_eq!(
            (b.status.as_str(), b.notes().as_deref()),
            ("done", Some("theirs"))
        );
        assert_eq!(b.history().len(), 2, "their entry and mine");
    }

    #[test]
    fn the_same_field_changed_on_both_sides_is_a_conflict() {
        let t = theirs("b", Editable::Status, Some("blocked"));
        let before = t.text().to_string();
        let mine = pending("b", Editable::Status, Some("planned"), Some("done"));
        let m = merge(t, std::slice::from_ref(&mine));
        assert_eq!(
            m.conflicts,
            vec![Conflict {
                edit: mine,
                theirs: Some("blocked".into()),
                removed: false,
            }]
        );
        assert_eq!(m.doc.text(), before, "nothing applied for a conflict");
    }

    #[test]
    fn the_same_change_on_both_sides_is_not_made_twice() {
        let t = theirs("a", Editable::Status, Some("done"));
        let m = merge(
            t,
            &[pending(
                "a",
                Editable::Status,
                Some("planned"),
                Some("done"),
            )],
        );
        assert_eq!((m.same, m.applied.len()), (1, 0));
        assert_eq!(m.doc.data().deliverables[0].history().len(), 1);
    }

    #[test]
    fn the_note_of_a_change_made_on_both_sides_is_kept_in_an_entry_of_its_own() {
        let t = theirs("a", Editable::Status, Some("done"));
        let mut mine = pending("a", Editable::Status, Some("planned"), Some("done"));
        mine.steps[0].note = Some("signed".into());
        let m = merge(t, &[mine]);
        assert_eq!((m.same, m.applied.len()), (1, 0));
        let history = m.doc.data().deliverables[0].history();
        let entries: Vec<(Option<&str>, Option<&str>, Option<&str>)> = history
            .iter()
            .map(|h| (h.field.as_deref(), h.to.as_deref(), h.note.as_deref()))
            .collect();
        assert_eq!(
            entries,
            [
                (Some("status"), Some("done"), None),
                (Some("note"), None, Some("signed"))
            ]
        );
    }

    #[test]
    fn each_step_keeps_its_own_history_entry() {
        let t = theirs("b", Editable::Notes, Some("theirs"));
        let mut mine = pending("a", Editable::Status, Some("planned"), Some("done"));
        mine.steps.push(Step {
            from: Some("done".into()),
            to: Some("blocked".into()),
            at: "2026-11-27T10:05:00Z".into(),
            note: None,
        });
        let m = merge(t, &[mine]);
        let a = &m.doc.data().deliverables[0];
        assert_eq!(a.status, "blocked");
        let history = a.history();
        let steps: Vec<(Option<&str>, Option<&str>, Option<&str>)> = history
            .iter()
            .map(|h| (h.from.as_deref(), h.to.as_deref(), h.at.as_deref()))
            .collect();
        assert_eq!(
            steps,
            [
                (Some("planned"), Some("done"), Some("2026-11-27T10:00:00Z")),
                (Some("done"), Some("blocked"), Some("2026-11-27T10:05:00Z"))
            ]
        );
    }

    #[test]
    fn a_removed_deliverable_makes_an_orphan() {
        let text = BASE.replace("\"id\": \"a\"", "\"id\": \"a2\"");
        let t = Document::from_text(text).unwrap();
        let m = merge(t, &[pending("a", Editable::Notes, None, Some("n"))]);
        assert_eq!(m.orphans.len(), 1);
    }

    #[test]
    fn an_edit_of_a_deliverable_removed_on_the_other_side_is_a_conflict() {
        let t = theirs("a", Editable::Removed, Some("true"));
        let mine = Document::from_text(BASE.to_string()).unwrap();
        let edit = pending("a", Editable::Notes, None, Some("mine"));
        let m = merge_against(t, std::slice::from_ref(&edit), Some(mine.data()));
        assert_eq!(m.conflicts.len(), 1);
        assert!(m.conflicts[0].removed);
        // Keeping mine restores it, then edits it.
        let mut doc = m.doc;
        for e in m.conflicts[0].keep_mine() {
            assert!(apply(&mut doc, &e));
        }
        let a = &doc.data().deliverables[0];
        assert_eq!((a.removed, a.notes().as_deref()), (false, Some("mine")));
        let history = a.history();
        let fields: Vec<&str> = history.iter().filter_map(|h| h.field.as_deref()).collect();
        assert_eq!(fields, ["removed", "restored", "notes"]);
        // Without this side's data, or when it is removed here too, it merges as before.
        let t = theirs("a", Editable::Removed, Some("true"));
        assert!(merge(t, std::slice::from_ref(&edit)).conflicts.is_empty());
    }

    #[test]
    fn deliverables_added_on_both_sides_are_both_kept() {
        let mut t = Document::from_text(BASE.to_string()).unwrap();
        let mine_obj = "{\"id\": \"mine\", \"council\": \"c\", \"title\": \"Mine\", \"status\": \"planned\", \"areas\": [], \"history\": [{\"at\": \"2026-11-27T10:00:00Z\", \"field\": \"created\"}]}";
        let theirs_obj = mine_obj.replace("mine", "theirs").replace("Mine", "Theirs");
        assert!(add_again(&mut t, &theirs_obj));
        let added = |id: &str, object: &str| Pending {
            id: id.into(),
            field: Editable::Removed,
            steps: vec![],
            added: Some(Added::Deliverable(object.into())),
        };
        let m = merge(t, &[added("mine", mine_obj)]);
        assert_eq!(m.applied.len(), 1);
        let ids: Vec<&str> = m
            .doc
            .data()
            .deliverables
            .iter()
            .map(|d| d.id.as_str())
            .collect();
        assert_eq!(ids, ["a", "b", "theirs", "mine"]);
        let mine = &m.doc.data().deliverables[3];
        assert_eq!(mine.history()[0].field.as_deref(), Some("created"));
        assert!(
            m.doc.text().contains("    {\n      \"id\": \"mine\",\n"),
            "in their layout: {}",
            m.doc.text()
        );
        // The same id there already: nothing added twice.
        let again = merge(m.doc, &[added("mine", mine_obj)]);
        assert_eq!((again.same, again.applied.len()), (1, 0));
    }

    #[test]
    fn a_council_added_here_is_added_to_their_file_too() {
        let t = theirs("b", Editable::Status, Some("done"));
        let op = crate::capture::Op::AddCouncil(crate::create::NewCouncil {
            name: "D".into(),
            ..Default::default()
        });
        let edit = Pending {
            id: "D".into(),
            field: Editable::Removed,
            steps: vec![],
            added: Some(Added::Op(Box::new(op))),
        };
        let m = merge(t, &[edit]);
        assert_eq!(m.applied.len(), 1);
        let ids: Vec<&str> = m
            .doc
            .data()
            .councils
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        assert_eq!(ids, ["c", "d"]);
        assert_eq!(m.doc.data().deliverables[1].status, "done", "theirs kept");
    }

    #[test]
    fn a_removal_of_a_deliverable_edited_on_the_other_side_is_a_conflict() {
        let t = theirs("a", Editable::Owner, Some("them"));
        let mut mine = Document::from_text(BASE.to_string()).unwrap();
        let removal = pending("a", Editable::Removed, None, Some("true"));
        assert!(apply(&mut mine, &removal));
        let m = merge_against(t, std::slice::from_ref(&removal), Some(mine.data()));
        assert_eq!(m.conflicts.len(), 1);
        assert_eq!(
            m.conflicts[0].theirs.as_deref(),
            Some("(edited on disk meanwhile: owner)")
        );
        // Not edited there: the removal merges.
        let t = theirs("b", Editable::Owner, Some("them"));
        let m = merge_against(t, std::slice::from_ref(&removal), Some(mine.data()));
        assert!(m.conflicts.is_empty());
        assert!(m.doc.data().deliverables[0].removed);
    }

    #[test]
    fn a_removal_merges_like_any_value() {
        let t = theirs("a", Editable::Status, Some("done"));
        let m = merge(t, &[pending("b", Editable::Notes, Some("old"), None)]);
        assert_eq!(m.applied.len(), 1);
        assert_eq!(m.doc.data().deliverables[1].notes(), None);
    }
}
