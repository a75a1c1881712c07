//! Builds the text patches for edits, in the file's own layout, each with its history entry.

use crate::document::{Document, Patch, Splice};
use crate::model::{Editable, HistorySlot, Spans};

/// A request to change one deliverable's status, stamped with the time it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange<'a> {
    pub deliverable: usize,
    pub to: &'a str,
    pub at: &'a str,
    pub note: Option<&'a str>,
}

/// A request to set (`Some`) or remove (`None`) one field of a deliverable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change<'a> {
    pub deliverable: usize,
    pub field: Editable,
    pub to: Option<&'a str>,
    pub at: &'a str,
    pub note: Option<&'a str>,
}

/// The file's indentation and line ending, read from its text.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    pub(crate) newline: &'static str,
    pub(crate) unit: String,
}

impl Layout {
    pub(crate) fn of(text: &str) -> Self {
        let newline = match text.find('\n') {
            Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
            _ => "\n",
        };
        let unit = text
            .lines()
            .map(|l| &l[..l.len() - l.trim_start_matches([' ', '\t']).len()])
            .find(|ws| !ws.is_empty())
            .unwrap_or("  ")
            .to_string();
        Layout { newline, unit }
    }
}

/// The white space that starts the line holding `pos`, when `pos` is the first thing on it
/// apart from a key (`"key": value`); `None` when the value shares its line with other members.
fn member_indent(text: &str, key_or_value: usize) -> Option<&str> {
    let line_start = text[..key_or_value].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..key_or_value];
    let indent_len = line.len() - line.trim_start_matches([' ', '\t']).len();
    let rest = &line[indent_len..];
    // `rest` is either empty (an array element) or `"key": ` for a member.
    let is_alone =
        rest.is_empty() || (rest.starts_with('"') && !rest[1..].contains(['{', '[', ',']));
    is_alone.then(|| &line[..indent_len])
}

/// `s` as a JSON string. Controls and invisible or reordering characters are written as
/// `\uXXXX` escapes: the same value, but `cat` or `git diff` of the file cannot be driven
/// by it.
fn json_string(s: &str) -> String {
    let text = serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string());
    crate::terminal_text::json(&text).into_owned()
}

/// The JSON text of a value of `field`: a string, or for a list or `true` the value itself
/// (a list with a space after each comma, as people write it).
pub(crate) fn json_value(field: Editable, value: &str) -> String {
    match field {
        Editable::Areas => match crate::model::areas_of(value) {
            Some(ids) => format!(
                "[{}]",
                ids.iter()
                    .map(|a| json_string(a))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            None => "[]".to_string(),
        },
        Editable::Removed => "true".to_string(),
        _ => json_string(value),
    }
}

/// The history entry for an edit (values already JSON), laid out at `indent` (multi-line)
/// or on one line.
pub(crate) fn entry_text(
    members: &[(&str, String)],
    layout: &Layout,
    indent: Option<&str>,
) -> String {
    let pairs: Vec<String> = members
        .iter()
        .map(|(k, v)| format!("{}: {v}", json_string(k)))
        .collect();
    match indent {
        None => format!("{{{}}}", pairs.join(", ")),
        Some(ind) => {
            let nl = layout.newline;
            let inner = format!("{ind}{}", layout.unit);
            let body: Vec<String> = pairs.iter().map(|p| format!("{inner}{p}")).collect();
            format!("{{{nl}{}{nl}{ind}}}", body.join(&format!(",{nl}")))
        }
    }
}

/// The patch that sets a deliverable's status and appends its history entry;
/// `None` when the deliverable does not exist or already has that status.
pub fn status_patch(doc: &Document, change: &StatusChange) -> Option<Patch> {
    patch(
        doc,
        &Change {
            deliverable: change.deliverable,
            field: Editable::Status,
            to: Some(change.to),
            at: change.at,
            note: change.note,
        },
    )
}

/// The start of the key of the member whose value starts at `value`: back over the colon
/// and the key's string (whose quotes may be escaped inside).
pub(crate) fn key_start(text: &str, value: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = text[..value].trim_end().len();
    if i == 0 || bytes[i - 1] != b':' {
        return None;
    }
    i = text[..i - 1].trim_end().len();
    if i == 0 || bytes[i - 1] != b'"' {
        return None;
    }
    let mut j = i - 1;
    loop {
        j = text[..j].rfind('"')?;
        let backslashes = text[..j].bytes().rev().take_while(|&b| b == b'\\').count();
        if backslashes % 2 == 0 {
            return Some(j);
        }
    }
}

/// The text to remove to take out the member whose value is `value`: with the comma before
/// it, or (for the first member) with the comma and space after it.
fn member_removal(text: &str, value: std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
    let key = key_start(text, value.start)?;
    let before = text[..key].trim_end();
    if before.ends_with(',') {
        return Some(before.len() - 1..value.end);
    }
    let after = &text[value.end..];
    let rest = after.trim_start();
    let comma = rest.strip_prefix(',')?;
    let next = text.len() - comma.trim_start().len();
    Some(key..next)
}

/// The patch that sets or removes one field of a deliverable and appends its history entry;
/// `None` when the deliverable does not exist, the value is already so, or the status would
/// be removed.
pub fn patch(doc: &Document, change: &Change) -> Option<Patch> {
    let d = doc.data().deliverables.get(change.deliverable)?;
    let field = change.field;
    let from = field.value(d);
    if from.as_deref() == change.to || (field.required() && change.to.is_none()) {
        return None;
    }
    // Only the deliverable's own text is read (from the start of its line): positions
    // below are in that window, and move back into the whole text at the end.
    let (window, base) = doc.object_text(change.deliverable)?;
    let text: &str = &window;
    let start = *doc.data().object_starts.get(change.deliverable)?;
    let spans = d.spans_in_object.at(start.checked_sub(base)?);
    let layout = Layout::of(&doc.head());
    let mut members = vec![("at", json_string(change.at))];
    if field == Editable::Removed {
        // A removal and a restoring are their own kinds of entry, with no values.
        let kind = if change.to.is_some() {
            "removed"
        } else {
            "restored"
        };
        members.push(("field", json_string(kind)));
    } else {
        members.push(("field", json_string(field.key())));
        if let Some(from) = &from {
            members.push(("from", json_value(field, from)));
        }
        if let Some(to) = change.to {
            members.push(("to", json_value(field, to)));
        }
    }
    if let Some(note) = change.note {
        members.push(("note", json_string(note)));
    }
    let status = spans.status.clone();
    let indent = member_indent(text, status.start);
    let span = field
        .span(&spans)
        .or_else(|| crate::load::member_span(text, spans.object.clone(), field.key()));
    let value_splice = match (span, change.to) {
        (Some(span), Some(to)) => Splice {
            at: span.start,
            removed: text[span].to_string(),
            inserted: json_value(field, to),
        },
        // A new member goes after the status, on a line of its own when the status has one.
        (None, Some(to)) => {
            let sep = match indent {
                Some(ind) => format!(",{}{ind}", layout.newline),
                None => ", ".to_string(),
            };
            Splice {
                at: status.end,
                removed: String::new(),
                inserted: format!(
                    "{sep}{}: {}",
                    json_string(field.key()),
                    json_value(field, to)
                ),
            }
        }
        (Some(span), None) => {
            let gone = member_removal(text, span)?;
            Splice {
                at: gone.start,
                removed: text[gone].to_string(),
                inserted: String::new(),
            }
        }
        (None, None) => return None,
    };
    let history_splice = history_splice(text, &spans, &layout, &members, indent);
    // Stable: a new member and a new history list added at the same place keep this order.
    let mut splices = vec![value_splice, history_splice];
    splices.sort_by_key(|s| s.at);
    if splices[0].at + splices[0].removed.len() > splices[1].at {
        return None;
    }
    for s in &mut splices {
        s.at += base;
    }
    Some(Patch {
        deliverable: change.deliverable,
        splices,
    })
}

/// A history entry appended without changing any value: what an edit that is already on disk
/// still adds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry<'a> {
    /// `{"at", "field": "note", "note"}`: the note of a change another writer had already
    /// made (a `set --note` of a status set meanwhile), kept without a second status entry.
    Note { at: &'a str, note: &'a str },
    /// `{"at", "field", "from", "to", "note"}`: the value a merge's conflict was resolved
    /// to, when the field's last entry named the value discarded (`from`).
    Kept {
        at: &'a str,
        field: Editable,
        from: Option<&'a str>,
        to: Option<&'a str>,
        note: &'a str,
    },
}

/// The patch that appends `entry` to a deliverable's history and changes nothing else;
/// `None` when the deliverable does not exist.
pub fn entry_patch(doc: &Document, deliverable: usize, entry: &Entry) -> Option<Patch> {
    let d = doc.data().deliverables.get(deliverable)?;
    let (window, base) = doc.object_text(deliverable)?;
    let text: &str = &window;
    let start = *doc.data().object_starts.get(deliverable)?;
    let spans = d.spans_in_object.at(start.checked_sub(base)?);
    let layout = Layout::of(&doc.head());
    let members = match *entry {
        Entry::Note { at, note } => vec![
            ("at", json_string(at)),
            ("field", json_string("note")),
            ("note", json_string(note)),
        ],
        Entry::Kept {
            at,
            field,
            from,
            to,
            note,
        } => {
            let mut members = vec![("at", json_string(at)), ("field", json_string(field.key()))];
            if let Some(from) = from {
                members.push(("from", json_value(field, from)));
            }
            if let Some(to) = to {
                members.push(("to", json_value(field, to)));
            }
            members.push(("note", json_string(note)));
            members
        }
    };
    let indent = member_indent(text, spans.status.start);
    let mut splice = history_splice(text, &spans, &layout, &members, indent);
    splice.at += base;
    Some(Patch {
        deliverable,
        splices: vec![splice],
    })
}

/// The splice that appends the entry `members` to the deliverable's history (making the list
/// when there is none), following the layout of the entries already there. `indent` is that of
/// the status member's line (`None` when it shares its line).
fn history_splice(
    text: &str,
    spans: &Spans,
    layout: &Layout,
    members: &[(&str, String)],
    indent: Option<&str>,
) -> Splice {
    let nl = layout.newline;
    match &spans.history {
        HistorySlot::Array {
            last: Some(last), ..
        } => {
            // Follow the layout of the entries already there.
            let own_line = member_indent(text, last.start);
            let multi_line = text[last.clone()].contains('\n');
            let entry = entry_text(members, layout, own_line.filter(|_| multi_line));
            let sep = match own_line {
                Some(ind) => format!(",{nl}{ind}"),
                None => ", ".to_string(),
            };
            Splice {
                at: last.end,
                removed: String::new(),
                inserted: format!("{sep}{entry}"),
            }
        }
        HistorySlot::Array {
            open,
            close,
            last: None,
        } => {
            let elem_indent = indent.map(|i| format!("{i}{}", layout.unit));
            let inserted = match (&elem_indent, indent) {
                (Some(ei), Some(mi)) => {
                    format!(
                        "[{nl}{ei}{}{nl}{mi}]",
                        entry_text(members, layout, Some(ei))
                    )
                }
                _ => format!("[{}]", entry_text(members, layout, None)),
            };
            Splice {
                at: *open,
                removed: text[*open..=*close].to_string(),
                inserted,
            }
        }
        HistorySlot::Missing { last_member_end } => {
            let inserted = match indent {
                Some(mi) => {
                    let ei = format!("{mi}{}", layout.unit);
                    format!(
                        ",{nl}{mi}\"history\": [{nl}{ei}{}{nl}{mi}]",
                        entry_text(members, layout, Some(&ei))
                    )
                }
                None => format!(", \"history\": [{}]", entry_text(members, layout, None)),
            };
            Splice {
                at: *last_member_end,
                removed: String::new(),
                inserted,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AT: &str = "2026-11-27T09:14:03Z";

    fn doc(text: &str) -> Document {
        Document::from_text(text.to_string()).expect("valid test dataset")
    }

    fn set(doc: &mut Document, id: &str, to: &str) -> Patch {
        let index = doc.data().deliverable_index(id).expect("known id");
        let change = StatusChange {
            deliverable: index,
            to,
            at: AT,
            note: None,
        };
        let patch = status_patch(doc, &change).expect("a change");
        assert!(doc.apply(&patch));
        patch
    }

    const PRETTY: &str = r#"{
  "version": 1,
  "councils": [
    {
      "id": "c",
      "name": "C"
    }
  ],
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
      "history": []
    }
  ]
}
"#;

    #[test]
    fn adds_a_history_list_in_the_files_layout() {
        let mut d = doc(PRETTY);
        set(&mut d, "a", "done");
        let expected = PRETTY.replace(
            "      \"title\": \"A\",\n      \"status\": \"planned\"\n",
            "      \"title\": \"A\",\n      \"status\": \"done\",\n      \"history\": [\n        {\n          \"at\": \"2026-11-27T09:14:03Z\",\n          \"field\": \"status\",\n          \"from\": \"planned\",\n          \"to\": \"done\"\n        }\n      ]\n",
        );
        assert_eq!(d.text(), expected);
        assert_eq!(d.data().deliverables[0].status, "done");
        assert_eq!(d.data().deliverables[0].history().len(), 1);
    }

    #[test]
    fn fills_an_empty_history_and_appends_to_a_full_one() {
        let mut d = doc(PRETTY);
        set(&mut d, "b", "done");
        set(&mut d, "b", "blocked");
        let b = &d.data().deliverables[1];
        assert_eq!(b.history().len(), 2);
        assert_eq!(b.history()[1].from.as_deref(), Some("done"));
        assert!(
            d.text().contains("        },\n        {\n          \"at\""),
            "{}",
            d.text()
        );
        let entry = |from: &str, to: &str| {
            format!(
                "        {{\n          \"at\": \"{AT}\",\n          \"field\": \"status\",\n          \"from\": \"{from}\",\n          \"to\": \"{to}\"\n        }}"
            )
        };
        let expected = PRETTY.replace(
            "      \"status\": \"planned\",\n      \"history\": []\n",
            &format!(
                "      \"status\": \"blocked\",\n      \"history\": [\n{},\n{}\n      ]\n",
                entry("planned", "done"),
                entry("done", "blocked")
            ),
        );
        assert_eq!(d.text(), expected);
    }

    #[test]
    fn later_deliverables_stay_editable_after_an_earlier_edit() {
        let mut d = doc(PRETTY);
        set(&mut d, "a", "done");
        set(&mut d, "b", "dropped");
        set(&mut d, "a", "blocked");
        assert_eq!(d.data().deliverables[1].status, "dropped");
        assert_eq!(d.data().deliverables[0].history().len(), 2);
    }

    #[test]
    fn edits_then_reverts_give_back_the_same_bytes() {
        let mut d = doc(PRETTY);
        let patches = vec![
            set(&mut d, "a", "done"),
            set(&mut d, "b", "done"),
            set(&mut d, "a", "blocked"),
            set(&mut d, "b", "in_progress"),
        ];
        for p in patches.iter().rev() {
            assert!(d.revert(p));
        }
        assert_eq!(d.text(), PRETTY);
        assert_eq!(d.data(), doc(PRETTY).data());
        // And redo gives the same edited text again.
        for p in &patches {
            assert!(d.apply(p));
        }
        assert_eq!(d.data().deliverables[0].status, "blocked");
    }

    #[test]
    fn compact_files_stay_compact() {
        let text = r#"{"version":1,"councils":[{"id":"c","name":"C"}],"deliverables":[{"id":"a","council":"c","title":"A","status":"planned"}]}"#;
        let mut d = doc(text);
        set(&mut d, "a", "done");
        assert_eq!(
            d.text(),
            r#"{"version":1,"councils":[{"id":"c","name":"C"}],"deliverables":[{"id":"a","council":"c","title":"A","status":"done", "history": [{"at": "2026-11-27T09:14:03Z", "field": "status", "from": "planned", "to": "done"}]}]}"#
        );
    }

    #[test]
    fn crlf_and_tab_layouts_are_followed() {
        let text = "{\r\n\t\"version\": 1,\r\n\t\"councils\": [{\"id\": \"c\", \"name\": \"C\"}],\r\n\t\"deliverables\": [\r\n\t\t{\r\n\t\t\t\"id\": \"a\",\r\n\t\t\t\"council\": \"c\",\r\n\t\t\t\"title\": \"A\",\r\n\t\t\t\"status\": \"planned\"\r\n\t\t}\r\n\t]\r\n}";
        let mut d = doc(text);
        set(&mut d, "a", "done");
        assert!(d.text().contains("\t\t\t\"status\": \"done\",\r\n\t\t\t\"history\": [\r\n\t\t\t\t{\r\n\t\t\t\t\t\"at\""), "{:?}", d.text());
        assert!(!d.text().contains("\r\r"));
        assert!(
            !d.text().replace("\r\n", "").contains('\n'),
            "only CRLF line endings"
        );
    }

    fn edit(doc: &mut Document, id: &str, field: Editable, to: Option<&str>) -> Patch {
        let index = doc.data().deliverable_index(id).expect("known id");
        let change = Change {
            deliverable: index,
            field,
            to,
            at: AT,
            note: None,
        };
        let patch = patch(doc, &change).expect("a change");
        assert!(doc.apply(&patch), "applies: {patch:?}");
        patch
    }

    #[test]
    fn a_new_field_goes_after_the_status_and_is_recorded() {
        let mut d = doc(PRETTY);
        edit(
            &mut d,
            "a",
            Editable::Notes,
            Some("line one\nline “two” 日本"),
        );
        let a = &d.data().deliverables[0];
        assert_eq!(a.notes().as_deref(), Some("line one\nline “two” 日本"));
        assert!(
            d.text().contains("      \"status\": \"planned\",\n      \"notes\": \"line one\\nline “two” 日本\",\n      \"history\": [\n"),
            "{}",
            d.text()
        );
        assert_eq!(a.history()[0].field.as_deref(), Some("notes"));
        assert_eq!(
            a.history()[0].from,
            None,
            "no `from` for a field that was not there"
        );
        // Changing it replaces the value; removing it takes the member and its comma away.
        edit(&mut d, "a", Editable::Notes, Some("short"));
        edit(&mut d, "a", Editable::Owner, Some("DG CNECT"));
        edit(&mut d, "a", Editable::Notes, None);
        let a = &d.data().deliverables[0];
        assert_eq!(a.notes(), None);
        assert_eq!(a.owner.as_deref(), Some("DG CNECT"));
        assert_eq!(a.history().len(), 4);
        assert_eq!(a.history()[3].to, None);
        assert!(!d.text().contains("\"notes\":"));
        assert!(d.text().contains(
            "      \"status\": \"planned\",\n      \"owner\": \"DG CNECT\",\n      \"history\""
        ));
    }

    #[test]
    fn field_edits_revert_to_the_same_bytes_in_every_layout() {
        let compact = r#"{"version":1,"councils":[{"id":"c","name":"C"}],"deliverables":[{"due":"2025","id":"a","council":"c","title":"A","status":"planned","notes":"n"}]}"#;
        let crlf = PRETTY.replace('\n', "\r\n");
        for text in [PRETTY, compact, crlf.as_str()] {
            let mut d = doc(text);
            let patches = [
                edit(&mut d, "a", Editable::Due, Some("2026-03")),
                edit(&mut d, "a", Editable::Notes, Some("x")),
                edit(&mut d, "a", Editable::Due, None),
                edit(&mut d, "a", Editable::Notes, None),
                edit(&mut d, "a", Editable::Owner, Some("o")),
            ];
            assert!(d.data().deliverables[0].due.is_none());
            Document::from_text(d.text().to_string()).expect("still valid");
            for p in patches.iter().rev() {
                assert!(d.revert(p));
            }
            assert_eq!(d.text(), text);
        }
    }

    #[test]
    fn titles_areas_and_removal_are_edited_with_their_own_entries() {
        let text = PRETTY.replace(
            "  \"councils\"",
            "  \"areas\": [{\"id\": \"ai\", \"name\": \"AI\"}, {\"id\": \"eid\", \"name\": \"eID\"}],\n  \"councils\"",
        );
        let mut d = doc(&text);
        let patches = [
            edit(&mut d, "a", Editable::Title, Some("A, renamed")),
            edit(&mut d, "a", Editable::Areas, Some(r#"["eid","ai"]"#)),
            edit(&mut d, "a", Editable::Removed, Some("true")),
            edit(&mut d, "a", Editable::Removed, None),
        ];
        let a = &d.data().deliverables[0];
        assert_eq!(a.title, "A, renamed");
        assert_eq!(&*a.areas, ["eid", "ai"]);
        assert!(!a.removed);
        assert!(
            d.text().contains("      \"areas\": [\"eid\", \"ai\"],\n"),
            "{}",
            d.text()
        );
        let history = a.history();
        let entries: Vec<(&str, Option<&str>, Option<&str>)> = history
            .iter()
            .map(|h| {
                (
                    h.field.as_deref().unwrap(),
                    h.from.as_deref(),
                    h.to.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            entries,
            [
                ("title", Some("A"), Some("A, renamed")),
                ("areas", None, Some(r#"["eid", "ai"]"#)),
                ("removed", None, None),
                ("restored", None, None),
            ]
        );
        assert!(
            patch(
                &d,
                &Change {
                    deliverable: 0,
                    field: Editable::Title,
                    to: None,
                    at: AT,
                    note: None
                }
            )
            .is_none(),
            "a title cannot be taken away"
        );
        for p in patches.iter().rev() {
            assert!(d.revert(p));
        }
        assert_eq!(d.text(), text);
    }

    #[test]
    fn values_that_could_drive_a_terminal_are_escaped_in_the_file() {
        let mut d = doc(PRETTY);
        let hostile = "a\u{1b}]0;x\u{7}b\u{9b}c\u{202e}d";
        edit(&mut d, "a", Editable::Notes, Some(hostile));
        assert!(
            d.text()
                .contains(r#""notes": "a\u001b]0;x\u0007b\u009bc\u202ed""#),
            "{}",
            d.text()
        );
        assert_eq!(d.data().deliverables[0].notes().as_deref(), Some(hostile));
    }

    #[test]
    fn the_first_member_can_be_removed() {
        let text = "{\"version\":1,\"councils\":[{\"id\":\"c\",\"name\":\"C\"}],\"deliverables\":[{\"owner\" : \"x\",  \"id\":\"a\",\"council\":\"c\",\"title\":\"A\",\"status\":\"planned\"}]}";
        let mut d = doc(text);
        edit(&mut d, "a", Editable::Owner, None);
        assert!(d.text().contains("[{\"id\":\"a\""), "{}", d.text());
        assert_eq!(d.data().deliverables[0].owner, None);
    }

    #[test]
    fn no_patch_to_remove_a_status_or_a_missing_field() {
        let d = doc(PRETTY);
        for (field, to) in [(Editable::Status, None), (Editable::Notes, None)] {
            let change = Change {
                deliverable: 0,
                field,
                to,
                at: AT,
                note: None,
            };
            assert!(patch(&d, &change).is_none());
        }
    }

    #[test]
    fn no_patch_when_the_status_is_already_set() {
        let d = doc(PRETTY);
        let change = StatusChange {
            deliverable: 0,
            to: "planned",
            at: AT,
            note: None,
        };
        assert!(status_patch(&d, &change).is_none());
    }

    #[test]
    fn a_stale_patch_changes_nothing() {
        let mut d = doc(PRETTY);
        let p = set(&mut d, "a", "done");
        let before = d.text().to_string();
        assert!(!d.apply(&p), "applying twice must be refused");
        assert_eq!(d.text(), before);
    }

    #[test]
    fn notes_and_awkward_text_are_escaped_as_json() {
        let mut d = doc(PRETTY);
        let change = StatusChange {
            deliverable: 0,
            to: "done",
            at: AT,
            note: Some("said \"yes\"\n日本\u{1b}"),
        };
        let p = status_patch(&d, &change).unwrap();
        assert!(d.apply(&p));
        let h = &d.data().deliverables[0].history()[0];
        assert_eq!(h.note.as_deref(), Some("said \"yes\"\n日本\u{1b}"));
        assert!(d.text().contains(r#""note": "said \"yes\"\n日本\u001b""#));
    }
}
