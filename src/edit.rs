//! Builds the text patches for edits, in the file's own layout, each with its history entry.

use crate::document::{Document, Patch, Splice};
use crate::model::HistorySlot;

/// A request to change one deliverable's status, stamped with the time it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange<'a> {
    pub deliverable: usize,
    pub to: &'a str,
    pub at: &'a str,
    pub note: Option<&'a str>,
}

/// The file's indentation and line ending, read from its text.
struct Layout {
    newline: &'static str,
    unit: String,
}

impl Layout {
    fn of(text: &str) -> Self {
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

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// The history entry for an edit, laid out at `indent` (multi-line) or on one line.
fn entry_text(members: &[(&str, &str)], layout: &Layout, indent: Option<&str>) -> String {
    let pairs: Vec<String> = members
        .iter()
        .map(|(k, v)| format!("{}: {}", json_string(k), json_string(v)))
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
    let text = doc.text();
    let d = doc.data().deliverables.get(change.deliverable)?;
    if d.status == change.to {
        return None;
    }
    let layout = Layout::of(text);
    let mut members = vec![
        ("at", change.at),
        ("field", "status"),
        ("from", d.status.as_str()),
        ("to", change.to),
    ];
    if let Some(note) = change.note {
        members.push(("note", note));
    }
    let status = d.spans.status.clone();
    let value_splice = Splice {
        at: status.start,
        removed: text[status.clone()].to_string(),
        inserted: json_string(change.to),
    };
    let indent = member_indent(text, status.start);
    let nl = layout.newline;
    let history_splice = match &d.spans.history {
        HistorySlot::Array {
            last: Some(last), ..
        } => {
            // Follow the layout of the entries already there.
            let own_line = member_indent(text, last.start);
            let multi_line = text[last.clone()].contains('\n');
            let entry = entry_text(&members, &layout, own_line.filter(|_| multi_line));
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
                        entry_text(&members, &layout, Some(ei))
                    )
                }
                _ => format!("[{}]", entry_text(&members, &layout, None)),
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
                        entry_text(&members, &layout, Some(&ei))
                    )
                }
                None => format!(", \"history\": [{}]", entry_text(&members, &layout, None)),
            };
            Splice {
                at: *last_member_end,
                removed: String::new(),
                inserted,
            }
        }
    };
    let mut splices = vec![value_splice, history_splice];
    splices.sort_by_key(|s| s.at);
    Some(Patch {
        deliverable: change.deliverable,
        splices,
    })
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
        assert_eq!(d.data().deliverables[0].history.len(), 1);
    }

    #[test]
    fn fills_an_empty_history_and_appends_to_a_full_one() {
        let mut d = doc(PRETTY);
        set(&mut d, "b", "done");
        set(&mut d, "b", "blocked");
        let b = &d.data().deliverables[1];
        assert_eq!(b.history.len(), 2);
        assert_eq!(b.history[1].from.as_deref(), Some("done"));
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
        assert_eq!(d.data().deliverables[0].history.len(), 2);
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
        let h = &d.data().deliverables[0].history[0];
        assert_eq!(h.note.as_deref(), Some("said \"yes\"\n日本\u{1b}"));
        assert!(d.text().contains(r#""note": "said \"yes\"\n日本\u001b""#));
    }
}
