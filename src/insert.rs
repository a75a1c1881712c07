//! A new council, area or deliverable written into the file's own layout: after a chosen
//! element of its list (or at the end), laid out as its neighbour is (indent, line endings,
//! spacing, key order), so that `git diff` shows the new lines and one comma. The result is
//! one splice; its inverse takes the object out again, byte for byte.

use std::ops::Range;

use crate::document::Splice;
use crate::edit::Layout;
use crate::load::{bom_len, members};

/// The lists of the file that objects are added to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Councils,
    Areas,
    Deliverables,
}

impl List {
    pub fn key(self) -> &'static str {
        match self {
            List::Councils => "councils",
            List::Areas => "areas",
            List::Deliverables => "deliverables",
        }
    }
}

/// A member's value for a new object: a string, a list of strings, or a list of objects
/// (the history entries).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Texts(Vec<String>),
    Objects(Vec<Vec<(String, Value)>>),
}

/// How the members of an object are spaced, read from an object of the file.
#[derive(Debug, Clone)]
struct Style {
    /// Multi-line: the indent of the members and of the closing brace.
    lines: Option<(String, String)>,
    /// Between a key and its value (`": "` or `":"`).
    colon: String,
    /// Between members on one line (`", "` or `","`).
    comma: String,
}

/// The splice that inserts an object with `members` into `list` of `text`: after element
/// `after` (an index into the list), or at its end when `after` is `None` or out of range.
/// The keys follow the order of the neighbour's keys, then the order given. `None` when the
/// text is not a JSON object or the list is not an array.
pub fn insert(
    text: &str,
    list: List,
    after: Option<usize>,
    members_wanted: &[(String, Value)],
) -> Option<Splice> {
    let layout = Layout::of(text);
    let nl = layout.newline;
    let start = bom_len(text);
    let top_range = start + leading_ws(&text[start..])..text.trim_end().len();
    let top = members(text, top_range.clone())?;
    let Some((_, list_span)) = top.iter().find(|(k, _)| k == list.key()) else {
        // No such list yet: a new member at the end of the top-level object.
        let (_, last) = top.last()?;
        let top_style = style_of(text, top_range.clone(), &layout);
        let (sep, elem_indent, close_indent) = match &top_style.lines {
            Some((member, close)) => (
                format!(",{nl}{member}"),
                Some(format!("{member}{}", unit_of(member, close, &layout))),
                Some(member.clone()),
            ),
            None => (top_style.comma.clone(), None, None),
        };
        let style = new_style(&top_style, elem_indent.as_deref(), &layout);
        let object = render(members_wanted, &style, &layout);
        let inserted = match (&elem_indent, &close_indent) {
            (Some(e), Some(c)) => format!(
                "{sep}{}{}[{nl}{e}{object}{nl}{c}]",
                json_key(list.key()),
                top_style.colon
            ),
            _ => format!("{sep}{}{}[{object}]", json_key(list.key()), top_style.colon),
        };
        return Some(Splice {
            at: last.end,
            removed: String::new(),
            inserted,
        });
    };
    let list_span = list_span.clone();
    let elements = elements(text, list_span.clone())?;
    if elements.is_empty() {
        // `[]`: the list's brackets are rewritten around the new object.
        let key_indent = line_indent(text, list_span.start);
        let own_line = text[..list_span.start]
            .rfind(['\n', ',', '{'])
            .is_some_and(|i| text.as_bytes()[i] == b'\n')
            && text.contains('\n');
        let top_style = style_of(text, top_range, &layout);
        let inserted = if own_line || top_style.lines.is_some() {
            let elem = format!("{key_indent}{}", layout.unit);
            let style = new_style(&top_style, Some(&elem), &layout);
            let object = render(members_wanted, &style, &layout);
            format!("[{nl}{elem}{object}{nl}{key_indent}]")
        } else {
            let style = new_style(&top_style, None, &layout);
            format!("[{}]", render(members_wanted, &style, &layout))
        };
        return Some(Splice {
            at: list_span.start,
            removed: text[list_span].to_string(),
            inserted,
        });
    }
    let at = after
        .filter(|&i| i < elements.len())
        .unwrap_or(elements.len() - 1);
    let neighbour = elements[at].clone();
    // The separator between two elements, as the list writes it.
    let sep = if at + 1 < elements.len() {
        text[neighbour.end..elements[at + 1].start].to_string()
    } else if at > 0 {
        text[elements[at - 1].end..neighbour.start].to_string()
    } else {
        let opening = &text[list_span.start + 1..neighbour.start];
        if opening.contains('\n') {
            format!(",{opening}")
        } else {
            // One element on the list's line: spaced as the members of an object are.
            style_of(text, neighbour.clone(), &layout).comma
        }
    };
    after_element(text, neighbour, &sep, &layout, members_wanted)
}

/// The splice that inserts an object with `members_wanted` right after the list element
/// `text[neighbour]`, with `sep` before it (the separator between two elements of that
/// list), spaced and ordered as the neighbour is. `text` need only hold the neighbour from
/// the start of its first line: a deliverable added to a large file is laid out from its
/// neighbour alone.
pub(crate) fn after_element(
    text: &str,
    neighbour: Range<usize>,
    sep: &str,
    layout: &Layout,
    members_wanted: &[(String, Value)],
) -> Option<Splice> {
    let style = style_of(text, neighbour.clone(), layout);
    let order: Vec<String> = members(text, neighbour.clone())?
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    let mut ordered: Vec<(String, Value)> = Vec::with_capacity(members_wanted.len());
    for key in &order {
        if let Some(m) = members_wanted.iter().find(|(k, _)| k == key) {
            ordered.push(m.clone());
        }
    }
    for m in members_wanted {
        if !order.contains(&m.0) {
            ordered.push(m.clone());
        }
    }
    let object = render(&ordered, &style, layout);
    Some(Splice {
        at: neighbour.end,
        removed: String::new(),
        inserted: format!("{sep}{object}"),
    })
}

/// The spans of the elements of the array `text[span]`.
fn elements(text: &str, span: Range<usize>) -> Option<Vec<Range<usize>>> {
    let json = text.get(span.clone())?;
    let items: Vec<&serde_json::value::RawValue> = serde_json::from_str(json).ok()?;
    let base = json.as_ptr() as usize;
    Some(
        items
            .into_iter()
            .map(|v| {
                let s = span.start + (v.get().as_ptr() as usize - base);
                s..s + v.get().len()
            })
            .collect(),
    )
}

fn leading_ws(s: &str) -> usize {
    s.len() - s.trim_start().len()
}

/// The white space at the start of the line holding `pos`.
fn line_indent(text: &str, pos: usize) -> String {
    let line_start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..pos];
    line[..line.len() - line.trim_start_matches([' ', '\t']).len()].to_string()
}

/// One level of indent, from a member indent and the closing indent under it.
fn unit_of<'a>(member: &'a str, close: &str, layout: &'a Layout) -> &'a str {
    member
        .strip_prefix(close)
        .filter(|u| !u.is_empty())
        .unwrap_or(&layout.unit)
}

/// How the object `text[object]` spaces its members.
fn style_of(text: &str, object: Range<usize>, layout: &Layout) -> Style {
    let json = &text[object.clone()];
    let found = members(text, object.clone()).unwrap_or_default();
    let colon = found
        .first()
        .and_then(|(_, v)| {
            let before = &text[object.start..v.start];
            let c = before.rfind(':')?;
            let q = before[..c].rfind('"')?;
            Some(before[q + 1..].to_string())
        })
        .unwrap_or_else(|| ": ".to_string());
    let comma = match (found.first(), found.get(1)) {
        (Some((_, a)), Some((_, b))) => {
            let between = &text[a.end..b.start];
            let key = between.rfind('"').unwrap_or(between.len());
            // The second key's opening quote: the first `"` after the comma.
            let comma_at = between.find(',').unwrap_or(0);
            let q = between[comma_at..].find('"').map_or(key, |i| comma_at + i);
            between[..q].to_string()
        }
        _ => ", ".to_string(),
    };
    let lines = if json.contains('\n') {
        let member = found
            .first()
            .map(|(_, v)| {
                // The key's line: its indent is the members' indent.
                let key = text[..v.start].rfind(':').unwrap_or(v.start);
                line_indent(text, key)
            })
            .unwrap_or_else(|| layout.unit.clone());
        let close = line_indent(text, object.end - 1);
        Some((member, close))
    } else {
        None
    };
    Style {
        lines,
        colon,
        comma: if comma.contains('\n') {
            ", ".to_string()
        } else {
            comma
        },
    }
}

/// The style of a new object whose opening brace sits at `indent` (multi-line) or on one
/// line, spaced as `like` is.
fn new_style(like: &Style, indent: Option<&str>, layout: &Layout) -> Style {
    Style {
        lines: indent.map(|i| (format!("{i}{}", layout.unit), i.to_string())),
        colon: like.colon.clone(),
        comma: like.comma.clone(),
    }
}

fn json_key(k: &str) -> String {
    serde_json::to_string(k).unwrap_or_else(|_| "\"\"".to_string())
}

/// An object in `style`; nested objects go one level deeper, lists stay on one line.
fn render(members: &[(String, Value)], style: &Style, layout: &Layout) -> String {
    let nl = layout.newline;
    let item = |(k, v): &(String, Value)| -> String {
        let value = match v {
            Value::Text(s) => json_text(s),
            Value::Texts(list) => {
                let comma = if style.comma.is_empty() {
                    ", "
                } else {
                    &style.comma
                };
                let items: Vec<String> = list.iter().map(|s| json_text(s)).collect();
                format!("[{}]", items.join(comma.trim_end_matches(['\n', '\r'])))
            }
            Value::Objects(list) => match &style.lines {
                Some((member, _)) => {
                    let unit = unit_of_style(style, layout);
                    let deeper = Style {
                        lines: Some((format!("{member}{unit}{unit}"), format!("{member}{unit}"))),
                        ..style.clone()
                    };
                    let items: Vec<String> = list
                        .iter()
                        .map(|o| format!("{member}{unit}{}", render(o, &deeper, layout)))
                        .collect();
                    format!("[{nl}{}{nl}{member}]", items.join(&format!(",{nl}")))
                }
                None => {
                    let items: Vec<String> =
                        list.iter().map(|o| render(o, style, layout)).collect();
                    format!("[{}]", items.join(&style.comma))
                }
            },
        };
        format!("{}{}{value}", json_key(k), style.colon)
    };
    let parts: Vec<String> = members.iter().map(item).collect();
    match &style.lines {
        Some((member, close)) => {
            let body: Vec<String> = parts.iter().map(|p| format!("{member}{p}")).collect();
            format!("{{{nl}{}{nl}{close}}}", body.join(&format!(",{nl}")))
        }
        None => format!("{{{}}}", parts.join(&style.comma)),
    }
}

fn unit_of_style<'a>(style: &'a Style, layout: &'a Layout) -> &'a str {
    match &style.lines {
        Some((member, close)) => unit_of(member, close, layout),
        None => &layout.unit,
    }
}

/// A string as JSON, escaped as every edit escapes it.
fn json_text(s: &str) -> String {
    let text = serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string());
    crate::terminal_text::json(&text).into_owned()
}

/// The members of an object's text as `Value`s (strings, lists of strings, lists of objects
/// of strings), to write it again elsewhere; `None` when it holds anything else.
pub fn members_of(object: &str) -> Option<Vec<(String, Value)>> {
    fn value(json: &str) -> Option<Value> {
        if let Ok(s) = serde_json::from_str::<String>(json) {
            return Some(Value::Text(s));
        }
        if let Ok(list) = serde_json::from_str::<Vec<String>>(json) {
            return Some(Value::Texts(list));
        }
        let items: Vec<&serde_json::value::RawValue> = serde_json::from_str(json).ok()?;
        items
            .into_iter()
            .map(|o| members_of(o.get()))
            .collect::<Option<Vec<_>>>()
            .map(Value::Objects)
    }
    members(object, 0..object.len())?
        .into_iter()
        .map(|(k, span)| Some((k, value(&object[span])?)))
        .collect()
}

/// The span of element `index` of `list`, when the list is there and has it.
pub fn element(text: &str, list: List, index: usize) -> Option<Range<usize>> {
    let (spans, _) = list_elements(text, list)?;
    spans.get(index).cloned()
}

/// The list's element spans and the span of the whole list.
fn list_elements(text: &str, list: List) -> Option<(Vec<Range<usize>>, Range<usize>)> {
    let start = bom_len(text);
    let top_range = start + leading_ws(&text[start..])..text.trim_end().len();
    let top = members(text, top_range)?;
    let (_, span) = top.into_iter().find(|(k, _)| k == list.key())?;
    Some((elements(text, span.clone())?, span))
}

/// The splice that takes element `index` out of `list`, with the separator before it (or,
/// for the first, the one after it).
pub fn remove_element(text: &str, list: List, index: usize) -> Option<Splice> {
    let (spans, list_span) = list_elements(text, list)?;
    let this = spans.get(index)?.clone();
    let range = if index > 0 {
        spans[index - 1].end..this.end
    } else if let Some(next) = spans.get(1) {
        this.start..next.start
    } else {
        list_span.start + 1..list_span.end - 1
    };
    Some(Splice {
        at: range.start,
        removed: text[range].to_string(),
        inserted: String::new(),
    })
}

/// The splice that sets member `key` of the object `text[object]` to the JSON text `value`,
/// adds it after the last member (spaced as the object's members are), or with `None` takes
/// it out with its comma. `None` when there is nothing to do.
pub fn set_member(
    text: &str,
    object: Range<usize>,
    key: &str,
    value: Option<&str>,
) -> Option<Splice> {
    let found = members(text, object.clone())?;
    let at = found.iter().position(|(k, _)| k == key);
    match (at, value) {
        (Some(i), Some(v)) => {
            let span = found[i].1.clone();
            (text[span.clone()] != *v).then(|| Splice {
                at: span.start,
                removed: text[span].to_string(),
                inserted: v.to_string(),
            })
        }
        (None, Some(v)) => {
            let layout = Layout::of(text);
            let style = style_of(text, object.clone(), &layout);
            let sep = match &style.lines {
                Some((member, _)) => format!(",{}{member}", layout.newline),
                None => style.comma.clone(),
            };
            let (at, sep) = match found.last() {
                Some((_, last)) => (last.end, sep),
                // An empty object: the member right after the brace.
                None => (object.start + 1, String::new()),
            };
            Some(Splice {
                at,
                removed: String::new(),
                inserted: format!("{sep}{}{}{v}", json_key(key), style.colon),
            })
        }
        (Some(i), None) => {
            let span = found[i].1.clone();
            // From the end of the member before (its comma included) to the end of this
            // value; the first member goes with the separator after it.
            let range = if i > 0 {
                found[i - 1].1.end..span.end
            } else if let Some((_, next)) = found.get(1) {
                crate::edit::key_start(text, span.start)?..crate::edit::key_start(text, next.start)?
            } else {
                object.start + 1..object.end - 1
            };
            Some(Splice {
                at: range.start,
                removed: text[range].to_string(),
                inserted: String::new(),
            })
        }
        (None, None) => None,
    }
}
