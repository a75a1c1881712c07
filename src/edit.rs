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
    let is_alone = rest.is_empty() || (rest.starts_with('"') && !rest[1..].contains(['{', '[', ',']));
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
                    format!("[{nl}{ei}{}{nl}{mi}]", entry_text(&members, &layout, Some(ei)))
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
