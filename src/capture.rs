//! What a meeting records besides statuses: deliverables, councils and areas added, edited,
//! removed, restored and purged. One operation applied to a document, the same for the
//! command line and the terminal UI: the same checks, splices and history entries. Pure.
//!
//! Given the document the operation was asked on (`base`), applying it to a newer one (the
//! file another writer saved meanwhile) merges: a field they changed to another value, a
//! deliverable they edited that this removes, or one they removed that this edits, is a
//! conflict; anything else is applied on top of theirs.

use std::borrow::Cow;

use crate::create::{
    self, NewCouncil, NewDeliverable, Refused, check_areas, check_council, check_date,
};
use crate::document::{Document, Splice};
use crate::edit::{self, Change};
use crate::insert::{self, List};
use crate::model::{Dataset, Editable, areas_of, areas_value};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    AddDeliverable(NewDeliverable),
    AddCouncil(NewCouncil),
    AddArea {
        name: String,
        id: Option<String>,
    },
    /// Sets fields (by key; `None` takes an optional one away) of a deliverable, a council
    /// or an area, found by id in that order. The areas are given as a JSON list.
    Edit {
        id: String,
        set: Vec<(String, Option<String>)>,
    },
    /// Removes a deliverable (`removed: true`), or deletes an area no deliverable uses.
    Remove(String),
    Restore(String),
    /// Deletes the removed deliverables for good (those removed before the date, if given).
    Purge {
        before: Option<String>,
    },
}

/// Why an operation was not applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stop {
    /// A bad value or id: the message names it and the choices.
    Refused(String),
    /// Another writer changed the same thing meanwhile.
    Conflict(String),
}

impl From<Refused> for Stop {
    fn from(r: Refused) -> Self {
        Stop::Refused(r.0)
    }
}

/// What an operation did: one line per change (`ID: FIELD: OLD -> NEW`), the id of what it
/// added, and the splices and patches applied, to take back in reverse order.
#[derive(Debug, Clone, Default)]
pub struct Done {
    pub lines: Vec<String>,
    pub added: Option<String>,
    pub steps: Vec<Applied>,
}

/// One change applied to the document.
#[derive(Debug, Clone)]
pub enum Applied {
    /// A field of a deliverable, with its history entry.
    Patch(crate::document::Patch, Editable),
    /// Anything else: an object added or deleted, a field of a council or an area.
    Splice(Splice),
}

impl Done {
    /// Takes everything back, newest first; false if the text no longer matches.
    pub fn undo(&self, doc: &mut Document) -> bool {
        self.steps.iter().rev().all(|s| match s {
            Applied::Patch(p, _) => doc.revert(p),
            Applied::Splice(s) => doc.splice(&s.inverse()),
        })
    }
}

/// A value as a line shows it.
fn shown(field: &str, value: Option<&str>) -> String {
    match (field, value) {
        (_, None) => "(none)".to_string(),
        ("areas", Some(v)) => match areas_of(v) {
            Some(list) if list.is_empty() => "(none)".to_string(),
            Some(list) => list.join(", "),
            None => v.to_string(),
        },
        (_, Some(v)) => v.to_string(),
    }
}

fn line(id: &str, field: &str, from: Option<&str>, to: Option<&str>) -> String {
    let text = format!(
        "{id}: {field}: {} -> {}",
        shown(field, from),
        shown(field, to)
    );
    crate::terminal_text::line(&text).into_owned()
}

/// What `id` names.
enum Found {
    Deliverable(usize),
    Council(usize),
    Area(usize),
}

fn find(data: &Dataset, id: &str) -> Result<Found, Stop> {
    if let Some(i) = data.deliverable_index(id) {
        return Ok(Found::Deliverable(i));
    }
    if let Some(i) = data.councils.iter().position(|c| c.id == id) {
        return Ok(Found::Council(i));
    }
    if let Some(i) = data.areas.iter().position(|a| a.id == id) {
        return Ok(Found::Area(i));
    }
    match create::check_deliverable(data, id) {
        Err(r) => Err(Stop::Refused(format!("{}; nor a council or an area", r.0))),
        Ok(i) => Ok(Found::Deliverable(i)),
    }
}

/// The fields `edit` sets on each kind of object.
pub const DELIVERABLE_FIELDS: [&str; 7] = [
    "title",
    "description",
    "council",
    "areas",
    "owner",
    "due",
    "notes",
];
pub const COUNCIL_FIELDS: [&str; 6] = ["name", "date", "location", "partner", "short", "series"];
pub const AREA_FIELDS: [&str; 2] = ["name", "description"];

/// Applies `op` to `doc` at time `at` (RFC 3339). With `base`, the document it was asked on
/// when `doc` is a newer one: what changed in between is checked as a merge would.
pub fn apply(doc: &mut Document, op: &Op, at: &str, base: Option<&Document>) -> Result<Done, Stop> {
    let mut done = Done::default();
    let result = run(doc, op, at, base, &mut done);
    if result.is_err() {
        // All or nothing.
        done.undo(doc);
    }
    result.map(|()| done)
}

fn run(
    doc: &mut Document,
    op: &Op,
    at: &str,
    base: Option<&Document>,
    done: &mut Done,
) -> Result<(), Stop> {
    match op {
        Op::AddDeliverable(new) => {
            let created = create::deliverable(doc, new, at)?;
            splice(doc, created.splice, done)?;
            done.lines.push(created.id.clone());
            done.added = Some(created.id);
        }
        Op::AddCouncil(new) => {
            let created = create::council(doc, new)?;
            splice(doc, created.splice, done)?;
            done.lines.push(created.id.clone());
            done.added = Some(created.id);
        }
        Op::AddArea { name, id } => {
            let created = create::area(doc, name, id.as_deref())?;
            splice(doc, created.splice, done)?;
            done.lines.push(created.id.clone());
            done.added = Some(created.id);
        }
        Op::Edit { id, set } => match find(doc.data(), id)? {
            Found::Deliverable(i) => edit_deliverable(doc, i, id, set, at, base, done)?,
            Found::Council(i) => {
                edit_object(doc, List::Councils, i, id, set, &COUNCIL_FIELDS, base, done)?
            }
            Found::Area(i) => edit_object(doc, List::Areas, i, id, set, &AREA_FIELDS, base, done)?,
        },
        Op::Remove(id) => match find(doc.data(), id)? {
            Found::Deliverable(i) => {
                if doc.data().deliverables[i].removed {
                    return Err(Stop::Refused(format!(
                        "{id} is removed already (restore brings it back)"
                    )));
                }
                if let Some(base) = base {
                    unchanged_since(doc, base, id, "edited")?;
                }
                field(doc, i, Editable::Removed, Some("true".into()), at, done)?;
                done.lines
                    .push(format!("{}: removed", crate::terminal_text::line(id)));
            }
            Found::Area(i) => {
                let users = doc
                    .data()
                    .deliverables
                    .iter()
                    .filter(|d| d.areas.iter().any(|a| a == id))
                    .count();
                if users > 0 {
                    let plural = if users == 1 { "" } else { "s" };
                    return Err(Stop::Refused(format!(
                        "area {id} is used by {users} deliverable{plural}; an area is removed only when none uses it"
                    )));
                }
                let s = insert::remove_element(&doc.text(), List::Areas, i)
                    .ok_or_else(|| Stop::Refused("the file's areas are not a list".into()))?;
                splice(doc, s, done)?;
                done.lines
                    .push(format!("{}: area removed", crate::terminal_text::line(id)));
            }
            Found::Council(_) => {
                return Err(Stop::Refused(format!(
                    "{id} is a council; councils are not removed (edit its fields instead)"
                )));
            }
        },
        Op::Restore(id) => {
            let i = match find(doc.data(), id)? {
                Found::Deliverable(i) => i,
                _ => {
                    return Err(Stop::Refused(format!(
                        "{id} is not a deliverable; only deliverables are restored"
                    )));
                }
            };
            if !doc.data().deliverables[i].removed {
                return Err(Stop::Refused(format!("{id} is not removed")));
            }
            field(doc, i, Editable::Removed, None, at, done)?;
            done.lines
                .push(format!("{}: restored", crate::terminal_text::line(id)));
        }
        Op::Purge { before } => {
            if let Some(b) = before {
                check_date("--before", b)?;
            }
            let chosen: Vec<(usize, String)> = purgeable(doc.data(), before.as_deref());
            // From the last to the first, so that the indices before stay right.
            for (i, id) in chosen.into_iter().rev() {
                let s = doc
                    .deliverable_removal(i)
                    .or_else(|| insert::remove_element(&doc.text(), List::Deliverables, i))
                    .ok_or_else(|| {
                        Stop::Refused("the file's deliverables are not a list".into())
                    })?;
                splice(doc, s, done)?;
                done.lines
                    .insert(0, format!("{}: purged", crate::terminal_text::line(&id)));
            }
        }
    }
    Ok(())
}

/// The removed deliverables (index and id) that a purge deletes: all, or those whose last
/// removal was recorded before `before`.
pub fn purgeable(data: &Dataset, before: Option<&str>) -> Vec<(usize, String)> {
    data.deliverables
        .iter()
        .enumerate()
        .filter(|(_, d)| d.removed)
        .filter(|(_, d)| {
            before.is_none_or(|b| {
                let when = d
                    .history()
                    .into_iter()
                    .rev()
                    .find(|h| h.field.as_deref() == Some("removed"))
                    .and_then(|h| h.at);
                // Removed by hand, with no entry: old enough.
                when.is_none_or(|t| t.as_str() < b)
            })
        })
        .map(|(i, d)| (i, d.id.to_string()))
        .collect()
}

fn splice(doc: &mut Document, s: Splice, done: &mut Done) -> Result<(), Stop> {
    if !doc.splice(&s) {
        return Err(Stop::Refused(
            "the change could not be applied; nothing changed".into(),
        ));
    }
    done.steps.push(Applied::Splice(s));
    Ok(())
}

fn field(
    doc: &mut Document,
    index: usize,
    field: Editable,
    to: Option<String>,
    at: &str,
    done: &mut Done,
) -> Result<(), Stop> {
    let change = Change {
        deliverable: index,
        field,
        to: to.as_deref(),
        at,
        note: None,
    };
    let Some(patch) = edit::patch(doc, &change) else {
        return Ok(());
    };
    if !doc.apply(&patch) {
        return Err(Stop::Refused(
            "the change could not be applied; nothing changed".into(),
        ));
    }
    done.steps.push(Applied::Patch(patch, field));
    Ok(())
}

/// A deliverable that another writer changed since `base` is a conflict for a removal.
fn unchanged_since(doc: &Document, base: &Document, id: &str, what: &str) -> Result<(), Stop> {
    let (Some(now), Some(then)) = (
        doc.data().deliverable_index(id),
        base.data().deliverable_index(id),
    ) else {
        return Ok(());
    };
    let (now, then) = (
        &doc.data().deliverables[now],
        &base.data().deliverables[then],
    );
    let changed = Editable::ALL.iter().any(|f| f.value(now) != f.value(then))
        || now.history_len != then.history_len;
    if changed {
        return Err(Stop::Conflict(format!(
            "{id}: another writer {what} it meanwhile; look at it again before removing it"
        )));
    }
    Ok(())
}

/// The checked value of a deliverable's field as `edit` sets it (`None`: take it away).
fn deliverable_value(
    data: &Dataset,
    key: &str,
    value: Option<&str>,
) -> Result<(Editable, Option<String>), Stop> {
    // The status too: the form sets it with the other fields (the command line has `set`).
    let known = DELIVERABLE_FIELDS.contains(&key) || key == "status";
    let Some(field) = Editable::from_key(key).filter(|_| known) else {
        return Err(Stop::Refused(format!(
            "a deliverable has no field {key} to edit; its fields: {}",
            DELIVERABLE_FIELDS.join(", ")
        )));
    };
    let value = value.map(str::trim);
    let to = match (field, value) {
        (Editable::Areas, v) => {
            // The areas come as a JSON list (see `areas_value`).
            let list = areas_of(v.unwrap_or("[]"))
                .ok_or_else(|| Stop::Refused("the areas are not a list of ids".into()))?;
            check_areas(data, &list)?;
            Some(areas_value(&list))
        }
        (f, None | Some("")) if f.required() => {
            return Err(Stop::Refused(format!(
                "a deliverable's {key} must not be empty"
            )));
        }
        (_, None | Some("")) => None,
        (Editable::Council, Some(c)) => {
            check_council(data, c)?;
            Some(c.to_string())
        }
        (Editable::Due, Some(d)) => {
            check_date("due date", d)?;
            Some(d.to_string())
        }
        (Editable::Status, Some(s)) => {
            create::check_status(data, s)?;
            Some(s.to_string())
        }
        (_, Some(v)) => Some(v.to_string()),
    };
    Ok((field, to))
}

fn edit_deliverable(
    doc: &mut Document,
    index: usize,
    id: &str,
    set: &[(String, Option<String>)],
    at: &str,
    base: Option<&Document>,
    done: &mut Done,
) -> Result<(), Stop> {
    let mut changes = Vec::new();
    for (key, value) in set {
        changes.push(deliverable_value(doc.data(), key, value.as_deref())?);
    }
    let then = base.and_then(|b| {
        b.data()
            .deliverable_index(id)
            .map(|i| &b.data().deliverables[i])
    });
    let d = &doc.data().deliverables[index];
    if let Some(then) = then
        && d.removed
        && !then.removed
    {
        return Err(Stop::Conflict(format!(
            "{id}: another writer removed it meanwhile; restore it first to edit it"
        )));
    }
    for (field, to) in changes {
        let d = &doc.data().deliverables[index];
        let now: Option<String> = field.value(d).map(Cow::into_owned);
        if now == to {
            continue;
        }
        if let Some(then) = then {
            let was = field.value(then).map(Cow::into_owned);
            if was != now {
                return Err(Stop::Conflict(format!(
                    "{id}: another writer set its {} to {} meanwhile (you asked for {})",
                    field.key(),
                    shown(field.key(), now.as_deref()),
                    shown(field.key(), to.as_deref())
                )));
            }
        }
        field_line(done, id, field.key(), now.as_deref(), to.as_deref());
        self::field(doc, index, field, to, at, done)?;
    }
    Ok(())
}

fn field_line(done: &mut Done, id: &str, key: &str, from: Option<&str>, to: Option<&str>) {
    done.lines.push(line(id, key, from, to));
}

/// The text value of member `key` of the object `text[object]`, when it is a string.
pub(crate) fn text_member(text: &str, object: std::ops::Range<usize>, key: &str) -> Option<String> {
    let span = crate::load::member_span(text, object, key)?;
    serde_json::from_str::<String>(&text[span]).ok()
}

#[allow(clippy::too_many_arguments)]
fn edit_object(
    doc: &mut Document,
    list: List,
    index: usize,
    id: &str,
    set: &[(String, Option<String>)],
    fields: &[&str],
    base: Option<&Document>,
    done: &mut Done,
) -> Result<(), Stop> {
    let kind = if list == List::Councils {
        "council"
    } else {
        "area"
    };
    for (key, value) in set {
        // `--title` names a council or an area too.
        let key = if key == "title" { "name" } else { key.as_str() };
        if !fields.contains(&key) {
            return Err(Stop::Refused(format!(
                "{id} is {} {kind}; it has no field {key} to edit; its fields: {}",
                if kind == "area" { "an" } else { "a" },
                fields.join(", ")
            )));
        }
        let to = value.as_deref().map(str::trim).filter(|v| !v.is_empty());
        if key == "name" && to.is_none() {
            return Err(Stop::Refused(format!("a {kind}'s name must not be empty")));
        }
        if key == "date"
            && let Some(d) = to
        {
            check_date("date", d)?;
        }
        // The whole text once (put together from its pieces after edits), for this field.
        let text = doc.text().into_owned();
        let object = insert::element(&text, list, index)
            .ok_or_else(|| Stop::Refused(format!("the file's {} are not a list", list.key())))?;
        let now = text_member(&text, object.clone(), key);
        if now.as_deref() == to {
            continue;
        }
        if let Some(base) = base {
            let i = match list {
                List::Councils => base.data().councils.iter().position(|c| c.id == id),
                _ => base.data().areas.iter().position(|a| a.id == id),
            };
            let base_text = base.text();
            let was = i
                .and_then(|i| insert::element(&base_text, list, i))
                .and_then(|o| text_member(&base_text, o, key));
            if was != now {
                return Err(Stop::Conflict(format!(
                    "{id}: another writer set its {key} to {} meanwhile",
                    shown(key, now.as_deref())
                )));
            }
        }
        let json = to.map(|v| {
            crate::terminal_text::json(&serde_json::to_string(v).unwrap_or_default()).into_owned()
        });
        let Some(s) = insert::set_member(&text, object, key, json.as_deref()) else {
            continue;
        };
        field_line(done, id, key, now.as_deref(), to);
        splice(doc, s, done)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const AT: &str = "2026-11-27T09:14:03Z";
    const BASE: &str = "{\n  \"version\": 1,\n  \"councils\": [{\"id\": \"c\", \"name\": \"C\"}],\n  \"areas\": [{\"id\": \"ai\", \"name\": \"AI\"}],\n  \"deliverables\": [\n    {\n      \"id\": \"a\",\n      \"council\": \"c\",\n      \"title\": \"A\",\n      \"status\": \"planned\"\n    }\n  ]\n}\n";

    fn base() -> Document {
        Document::from_text(BASE.to_string()).unwrap()
    }

    /// The base with `op` applied by another writer.
    fn theirs(op: &Op) -> Document {
        let mut doc = base();
        apply(&mut doc, op, "2026-11-27T09:00:00Z", None).unwrap();
        doc
    }

    fn add(title: &str) -> Op {
        Op::AddDeliverable(NewDeliverable {
            council: "c".into(),
            title: title.into(),
            ..NewDeliverable::default()
        })
    }

    fn edit(key: &str, to: &str) -> Op {
        Op::Edit {
            id: "a".into(),
            set: vec![(key.into(), Some(to.into()))],
        }
    }

    #[test]
    fn adds_on_both_sides_are_both_kept() {
        let mut doc = theirs(&add("Theirs"));
        let done = apply(&mut doc, &add("Mine"), AT, Some(&base())).unwrap();
        assert_eq!(done.added.as_deref(), Some("c/mine"));
        let ids: Vec<&str> = doc
            .data()
            .deliverables
            .iter()
            .map(|d| d.id.as_str())
            .collect();
        assert_eq!(ids, ["a", "c/theirs", "c/mine"]);
        // The same title on both sides: mine gets the next free id.
        let mut doc = theirs(&add("Same"));
        let done = apply(&mut doc, &add("Same"), AT, Some(&base())).unwrap();
        assert_eq!(done.added.as_deref(), Some("c/same-2"));
    }

    #[test]
    fn an_edit_of_a_deliverable_removed_meanwhile_is_a_conflict() {
        let mut doc = theirs(&Op::Remove("a".into()));
        let before = doc.text().to_string();
        let stop = apply(&mut doc, &edit("title", "A2"), AT, Some(&base())).unwrap_err();
        assert_eq!(
            stop,
            Stop::Conflict(
                "a: another writer removed it meanwhile; restore it first to edit it".into()
            )
        );
        assert_eq!(doc.text(), before, "nothing applied");
    }

    #[test]
    fn a_removal_of_a_deliverable_edited_meanwhile_is_a_conflict() {
        let mut doc = theirs(&edit("owner", "them"));
        let stop = apply(&mut doc, &Op::Remove("a".into()), AT, Some(&base())).unwrap_err();
        assert!(
            matches!(stop, Stop::Conflict(ref why) if why.starts_with("a: another writer edited it meanwhile")),
            "{stop:?}"
        );
        // Not edited meanwhile: the removal merges.
        let mut doc = theirs(&add("Other"));
        apply(&mut doc, &Op::Remove("a".into()), AT, Some(&base())).unwrap();
        assert!(doc.data().deliverables[0].removed);
    }

    #[test]
    fn edits_merge_field_by_field() {
        let mut doc = theirs(&edit("owner", "them"));
        apply(&mut doc, &edit("title", "Mine"), AT, Some(&base())).unwrap();
        let a = &doc.data().deliverables[0];
        assert_eq!(
            (a.title.as_str(), a.owner.as_deref()),
            ("Mine", Some("them"))
        );
        assert_eq!(a.history().len(), 2);
        let mut doc = theirs(&edit("title", "Theirs"));
        let stop = apply(&mut doc, &edit("title", "Mine"), AT, Some(&base())).unwrap_err();
        assert_eq!(
            stop,
            Stop::Conflict(
                "a: another writer set its title to Theirs meanwhile (you asked for Mine)".into()
            )
        );
        // The same value on both sides is no conflict and no second entry.
        let mut doc = theirs(&edit("title", "Same"));
        let done = apply(&mut doc, &edit("title", "Same"), AT, Some(&base())).unwrap();
        assert!(done.steps.is_empty());
    }

    #[test]
    fn an_operation_is_taken_back_byte_for_byte() {
        let mut doc = base();
        let ops = [
            add("New"),
            Op::AddCouncil(NewCouncil {
                name: "D".into(),
                ..NewCouncil::default()
            }),
            Op::AddArea {
                name: "Quantum".into(),
                id: None,
            },
            Op::Edit {
                id: "a".into(),
                set: vec![
                    ("title".into(), Some("A2".into())),
                    ("areas".into(), Some(r#"["ai"]"#.into())),
                ],
            },
            Op::Edit {
                id: "c".into(),
                set: vec![("short".into(), Some("C1".into()))],
            },
            Op::Remove("a".into()),
            Op::Purge { before: None },
        ];
        let mut done = vec![];
        for op in &ops {
            done.push(apply(&mut doc, op, AT, None).unwrap());
        }
        assert!(doc.data().deliverable_index("a").is_none(), "purged");
        for d in done.iter().rev() {
            assert!(d.undo(&mut doc));
        }
        assert_eq!(doc.text(), BASE);
    }
}
