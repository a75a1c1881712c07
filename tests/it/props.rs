//! Property tests (proptest): arbitrary valid datasets, written in odd layouts (two spaces,
//! four, tabs, CRLF, compact, a BOM), with unknown fields at the top and inside councils,
//! deliverables and history entries, shuffled key order, odd number spellings (`-0`, `1e400`,
//! `12345678901234567890123`, ...), and strings with CJK, emoji, RTL and escapes
//! (`\u00e9`, `\ud83d\ude00`, `\u001b`). For each:
//!
//! - loading keeps the text exactly; reloading any edited text gives the in-memory model;
//! - random status edits through the real edit path change nothing outside the edited
//!   deliverables: every other byte of the file is kept, unknown fields included;
//! - undoing every edit gives back the original bytes, and redoing them the edited bytes;
//! - saving through `store::save` writes exactly the document's text, and reading it back
//!   gives the same model.

use crate::common;

use councilor::document::{Document, Patch};
use councilor::edit::{self, Change, StatusChange};
use councilor::merge::Pending;
use councilor::model::Editable;
use councilor::store;
use proptest::prelude::*;

/// A JSON value as text pieces, rendered in a chosen layout.
#[derive(Clone, Debug)]
enum J {
    Obj(Vec<(String, J)>),
    Arr(Vec<J>),
    Tok(String),
}

#[derive(Clone, Copy, Debug)]
struct Layout {
    unit: Option<&'static str>,
    nl: &'static str,
    colon: &'static str,
    comma: &'static str,
}

const LAYOUTS: [Layout; 6] = [
    Layout {
        unit: Some("  "),
        nl: "\n",
        colon: ": ",
        comma: ",",
    },
    Layout {
        unit: Some("    "),
        nl: "\n",
        colon: ": ",
        comma: ",",
    },
    Layout {
        unit: Some("\t"),
        nl: "\n",
        colon: ": ",
        comma: ",",
    },
    Layout {
        unit: Some("  "),
        nl: "\r\n",
        colon: ": ",
        comma: ",",
    },
    Layout {
        unit: None,
        nl: "",
        colon: ":",
        comma: ",",
    },
    Layout {
        unit: None,
        nl: "",
        colon: ": ",
        comma: ", ",
    },
];

/// Renders `j` at `depth`; every member whose key starts with `"x-` (unknown to the program)
/// is also recorded, as it appears in the text.
fn render(j: &J, l: &Layout, depth: usize, out: &mut String, unknown: &mut Vec<String>) {
    let (open, close, items): (&str, &str, Vec<(Option<&String>, &J)>) = match j {
        J::Tok(t) => {
            out.push_str(t);
            return;
        }
        J::Arr(v) => ("[", "]", v.iter().map(|x| (None, x)).collect()),
        J::Obj(m) => ("{", "}", m.iter().map(|(k, v)| (Some(k), v)).collect()),
    };
    out.push_str(open);
    if items.is_empty() {
        out.push_str(close);
        return;
    }
    for (i, (key, value)) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(l.comma);
        }
        if let Some(unit) = l.unit {
            out.push_str(l.nl);
            out.push_str(&unit.repeat(depth + 1));
        }
        let mut member = String::new();
        if let Some(k) = key {
            member.push_str(k);
            member.push_str(l.colon);
        }
        render(value, l, depth + 1, &mut member, unknown);
        if key.is_some_and(|k| k.starts_with("\"x-")) {
            unknown.push(member.clone());
        }
        out.push_str(&member);
    }
    if let Some(unit) = l.unit {
        out.push_str(l.nl);
        out.push_str(&unit.repeat(depth));
    }
    out.push_str(close);
}

/// Pieces of JSON string content, each valid as written between quotes.
const PIECES: &[&str] = &[
    "abc",
    " ",
    "Brussels",
    "é",
    "\\u00e9",
    "\\ud83d\\ude00",
    "会議",
    "한국어",
    "🇯🇵",
    "👨\u{200d}👩\u{200d}👧",
    "עברית",
    "e\u{301}",
    "\\n",
    "\\\"",
    "\\/",
    "\\\\",
    "\\t",
    "\\u001b[2J",
    "\u{202e}",
    "①",
];

const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1.0",
    "2.50",
    "1e3",
    "1E+3",
    "-1.5e-7",
    "0.1",
    "12345678901234567890123",
    "1e400",
    "1.5777777777770001",
    "-9223372036854775809",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..5)
        .prop_map(|v| format!("\"T{}\"", v.concat()))
}

fn leaf() -> impl Strategy<Value = J> {
    prop_oneof![
        prop::sample::select(NUMBERS).prop_map(|n| J::Tok(n.to_string())),
        text().prop_map(J::Tok),
        prop::sample::select(&["true", "false", "null"][..]).prop_map(|t| J::Tok(t.to_string())),
    ]
}

fn value() -> impl Strategy<Value = J> {
    leaf().prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(J::Arr),
            prop::collection::vec(inner, 0..3).prop_map(|v| J::Obj(
                v.into_iter()
                    .enumerate()
                    .map(|(i, x)| (format!("\"k{i}\\u00e9\""), x))
                    .collect()
            )),
        ]
    })
}

const UNKNOWN_NAMES: &[&str] = &[
    "note",
    "rank",
    "\\u00e9t\\u00e9",
    "会議",
    "\\ud83d\\ude00",
    "a b",
];

/// Unknown members, with keys that cannot clash: `"x-<i><name>"`.
fn unknowns() -> impl Strategy<Value = Vec<(String, J)>> {
    prop::collection::vec((prop::sample::select(UNKNOWN_NAMES), value()), 0..3).prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(i, (n, j))| (format!("\"x-{i}{n}\""), j))
            .collect()
    })
}

/// A council's name, date and unknown members.
type CouncilSpec = (String, Option<&'static str>, Vec<(String, J)>);

#[derive(Clone, Debug)]
struct DeliverableSpec {
    council: usize,
    areas: Vec<bool>,
    title: String,
    status: usize,
    /// Whether the status is written with its escaped spelling (when it has one).
    escaped_status: bool,
    description: Option<String>,
    due: Option<&'static str>,
    /// 0: no history key, 1: `[]`, 2: one entry, 3: two entries.
    history: u8,
    unknown: Vec<(String, J)>,
    history_unknown: Vec<(String, J)>,
    order: u64,
}

#[derive(Clone, Debug)]
struct Spec {
    layout: usize,
    bom: bool,
    /// 0: no `statuses` (the default five), 1: three plain, 2: with escapes and CJK.
    statuses: u8,
    title: Option<String>,
    councils: Vec<CouncilSpec>,
    areas: Vec<String>,
    deliverables: Vec<DeliverableSpec>,
    top_unknown: Vec<(String, J)>,
    order: u64,
    edits: Vec<(usize, usize, bool)>,
}

/// Status names: (as written in the file, its other valid spelling).
fn statuses(kind: u8) -> Vec<(&'static str, &'static str)> {
    match kind {
        0 => ["planned", "in_progress", "done", "blocked", "dropped"]
            .iter()
            .map(|s| (*s, *s))
            .collect(),
        1 => vec![("todo", "todo"), ("doing", "doing"), ("done", "done")],
        _ => vec![
            ("計画", "\\u8a08\\u753b"),
            ("d\\u00f6ne", "döne"),
            ("\\ud83d\\ude00", "😀"),
        ],
    }
}

fn shuffled<T>(mut v: Vec<T>, seed: u64) -> Vec<T> {
    let mut s = seed | 1;
    for i in (1..v.len()).rev() {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        v.swap(i, (s % (i as u64 + 1)) as usize);
    }
    v
}

fn tok(s: &str) -> J {
    J::Tok(s.to_string())
}

fn q(s: &str) -> J {
    J::Tok(format!("\"{s}\""))
}

fn deliverable_spec(councils: usize, areas: usize) -> impl Strategy<Value = DeliverableSpec> {
    (
        (
            0..councils,
            prop::collection::vec(any::<bool>(), areas),
            text(),
            0usize..5,
            any::<bool>(),
            prop::option::of(text()),
        ),
        (
            prop::option::of(prop::sample::select(&["2025", "2025-06", "2025-06-30"][..])),
            0u8..4,
            unknowns(),
            unknowns(),
            any::<u64>(),
        ),
    )
        .prop_map(
            |(
                (council, areas, title, status, escaped_status, description),
                (due, history, unknown, history_unknown, order),
            )| DeliverableSpec {
                council,
                areas,
                title,
                status,
                escaped_status,
                description,
                due,
                history,
                unknown,
                history_unknown,
                order,
            },
        )
}

fn spec() -> impl Strategy<Value = Spec> {
    (1usize..4, 0usize..4)
        .prop_flat_map(|(nc, na)| {
            (
                (
                    0..LAYOUTS.len(),
                    prop::bool::weighted(0.15),
                    0u8..3,
                    prop::option::of(text()),
                    prop::collection::vec(
                        (
                            text(),
                            prop::option::of(prop::sample::select(&["2024", "2024-04-30"][..])),
                            unknowns(),
                        ),
                        nc,
                    ),
                    prop::collection::vec(text(), na),
                ),
                (
                    prop::collection::vec(deliverable_spec(nc, na), 1..6),
                    unknowns(),
                    any::<u64>(),
                    prop::collection::vec((0usize..8, 0usize..5, any::<bool>()), 0..12),
                ),
            )
        })
        .prop_map(
            |(
                (layout, bom, statuses, title, councils, areas),
                (deliverables, top_unknown, order, edits),
            )| Spec {
                layout,
                bom,
                statuses,
                title,
                councils,
                areas,
                deliverables,
                top_unknown,
                order,
                edits,
            },
        )
}

/// The dataset's text and every unknown member as it appears in it.
fn build(s: &Spec) -> (String, Vec<String>) {
    let names = statuses(s.statuses);
    let mut top: Vec<(String, J)> = vec![("\"version\"".into(), tok("1"))];
    if let Some(t) = &s.title {
        top.push(("\"title\"".into(), J::Tok(t.clone())));
    }
    if s.statuses > 0 {
        top.push((
            "\"statuses\"".into(),
            J::Arr(names.iter().map(|(n, _)| q(n)).collect()),
        ));
    }
    let councils = s
        .councils
        .iter()
        .enumerate()
        .map(|(i, (name, date, unknown))| {
            let mut m = vec![
                ("\"id\"".to_string(), q(&format!("c{i}"))),
                ("\"name\"".to_string(), J::Tok(name.clone())),
            ];
            if let Some(d) = date {
                m.push(("\"date\"".into(), q(d)));
            }
            m.extend(unknown.iter().cloned());
            J::Obj(shuffled(m, s.order.wrapping_add(i as u64)))
        })
        .collect();
    top.push(("\"councils\"".into(), J::Arr(councils)));
    if !s.areas.is_empty() || s.order.is_multiple_of(2) {
        let areas = s
            .areas
            .iter()
            .enumerate()
            .map(|(i, name)| {
                J::Obj(vec![
                    ("\"id\"".into(), q(&format!("a{i}"))),
                    ("\"name\"".into(), J::Tok(name.clone())),
                ])
            })
            .collect();
        top.push(("\"areas\"".into(), J::Arr(areas)));
    }
    let deliverables = s
        .deliverables
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let (plain, other) = names[d.status % names.len()];
            let status = if d.escaped_status { other } else { plain };
            let mut m = vec![
                ("\"id\"".to_string(), q(&format!("d{i}"))),
                ("\"council\"".to_string(), q(&format!("c{}", d.council))),
                ("\"title\"".to_string(), J::Tok(d.title.to_string())),
                ("\"status\"".to_string(), q(status)),
            ];
            let areas: Vec<J> = d
                .areas
                .iter()
                .enumerate()
                .filter(|(_, on)| **on)
                .map(|(a, _)| q(&format!("a{a}")))
                .collect();
            if !areas.is_empty() {
                m.push(("\"areas\"".into(), J::Arr(areas)));
            }
            if let Some(t) = &d.description {
                m.push(("\"description\"".into(), J::Tok(t.clone())));
            }
            if let Some(due) = d.due {
                m.push(("\"due\"".into(), q(due)));
            }
            m.extend(d.unknown.iter().cloned());
            let mut m = shuffled(m, d.order);
            // The history is often last, as the program writes it, but not always.
            let entry = |k: usize| {
                let mut e = vec![
                    (
                        "\"at\"".to_string(),
                        q(&format!("2025-0{}-01T10:00:00Z", k + 1)),
                    ),
                    ("\"field\"".to_string(), q("status")),
                    ("\"from\"".to_string(), q(names[0].0)),
                    ("\"to\"".to_string(), q(plain)),
                    ("\"by\"".to_string(), q("\\u00c9milie")),
                ];
                e.extend(d.history_unknown.iter().cloned());
                J::Obj(e)
            };
            let history = match d.history {
                0 => None,
                1 => Some(J::Arr(vec![])),
                2 => Some(J::Arr(vec![entry(0)])),
                _ => Some(J::Arr(vec![entry(0), entry(1)])),
            };
            if let Some(h) = history {
                let at = if d.order.is_multiple_of(3) {
                    0
                } else {
                    m.len()
                };
                m.insert(at, ("\"history\"".into(), h));
            }
            J::Obj(m)
        })
        .collect();
    top.push(("\"deliverables\"".into(), J::Arr(deliverables)));
    top.extend(s.top_unknown.iter().cloned());
    let top = shuffled(top, s.order);
    let layout = &LAYOUTS[s.layout];
    let mut out = String::new();
    if s.bom {
        out.push('\u{feff}');
    }
    let mut unknown = vec![];
    render(&J::Obj(top), layout, 0, &mut out, &mut unknown);
    if !s.order.is_multiple_of(4) {
        out.push_str(if layout.nl.is_empty() {
            "\n"
        } else {
            layout.nl
        });
    }
    (out, unknown)
}

/// Applies the spec's edits through the real edit path; returns the patches applied and the
/// indices of the deliverables edited.
fn edit_all(doc: &mut Document, s: &Spec) -> (Vec<Patch>, Vec<usize>) {
    let statuses = doc.data().statuses.clone();
    let mut patches = vec![];
    let mut edited = vec![];
    for (n, (d, st, with_note)) in s.edits.iter().enumerate() {
        let deliverable = d % doc.data().deliverables.len();
        let at = format!("2026-11-27T09:{:02}:00Z", n % 60);
        let change = StatusChange {
            deliverable,
            to: &statuses[st % statuses.len()].name,
            at: &at,
            note: with_note.then_some("said \"yes\" \u{1b}[2J 会議 😀"),
        };
        let Some(patch) = edit::status_patch(doc, &change) else {
            assert_eq!(doc.data().deliverables[deliverable].status, change.to);
            continue;
        };
        assert!(doc.apply(&patch), "a fresh patch applies");
        assert_eq!(doc.data().deliverables[deliverable].status, change.to);
        // The text as it is now reads back as the model in memory, spans included.
        let reread = Document::from_text(doc.text().to_string())
            .unwrap_or_else(|e| panic!("edited text does not load: {e:?}\n{}", doc.text()));
        assert_eq!(reread.data(), doc.data());
        patches.push(patch);
        edited.push(deliverable);
    }
    (patches, edited)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn edits_keep_every_other_byte_and_undo_gives_back_the_file(s in spec()) {
        let (original, unknown) = build(&s);
        let mut doc = Document::from_text(original.clone())
            .unwrap_or_else(|e| panic!("generated dataset refused: {e:?}\n{original}"));
        prop_assert_eq!(doc.text(), original.as_str());
        let base = doc.clone();

        let (patches, edited) = edit_all(&mut doc, &s);
        let after = doc.text().to_string();

        // Outside the edited deliverables' objects, every byte is as it was: the text between
        // objects, before the first and after the last, and every other deliverable.
        let (old_data, new_data) = (base.data(), doc.data());
        let (old, new) = (&old_data.deliverables, &new_data.deliverables);
        let old_at = |i: usize| old_data.object(i).unwrap();
        let new_at = |i: usize| new_data.object(i).unwrap();
        prop_assert_eq!(old.len(), new.len());
        let n = old.len();
        prop_assert_eq!(&original[..old_at(0).start], &after[..new_at(0).start]);
        prop_assert_eq!(&original[old_at(n - 1).end..], &after[new_at(n - 1).end..]);
        for i in 0..n {
            if i + 1 < n {
                prop_assert_eq!(
                    &original[old_at(i).end..old_at(i + 1).start],
                    &after[new_at(i).end..new_at(i + 1).start]
                );
            }
            if !edited.contains(&i) {
                prop_assert_eq!(&original[old_at(i)], &after[new_at(i)]);
                prop_assert_eq!(&old[i].status, &new[i].status);
            }
        }
        // Unknown members survive where they are, history entries' ones included.
        for u in &unknown {
            prop_assert!(after.contains(u.as_str()), "lost {}", u);
        }
        // Each edit appended one history entry to its deliverable.
        for i in 0..old.len() {
            let n = edited.iter().filter(|&&e| e == i).count();
            prop_assert_eq!(new[i].history().len(), old[i].history().len() + n);
        }

        // Undo everything: the original bytes; redo: the edited bytes.
        for p in patches.iter().rev() {
            prop_assert!(doc.revert(p));
        }
        prop_assert_eq!(doc.text(), original.as_str());
        prop_assert_eq!(doc.data(), base.data());
        for p in &patches {
            prop_assert!(doc.apply(p));
        }
        prop_assert_eq!(doc.text(), after.as_str());
    }

    #[test]
    fn saving_writes_exactly_the_text_and_reads_back_the_same(s in spec()) {
        let (original, _) = build(&s);
        let sb = common::Sandbox::new();
        let path = sb.file("data.json", &original);
        let (mut doc, fp) = store::open(&path).unwrap();
        // A save without edits is byte-identical.
        let fp = store::save(&path, doc.text().as_bytes(), fp).unwrap();
        prop_assert_eq!(std::fs::read(&path).unwrap(), original.as_bytes());

        let (patches, _) = edit_all(&mut doc, &s);
        let fp = store::save(&path, doc.text().as_bytes(), fp).unwrap();
        prop_assert_eq!(std::fs::read(&path).unwrap(), doc.text().as_bytes().to_vec());
        let (back, back_fp) = store::open(&path).unwrap();
        prop_assert_eq!(back.data(), doc.data());
        prop_assert_eq!(back_fp, fp);

        for p in patches.iter().rev() {
            prop_assert!(doc.revert(p));
        }
        store::save(&path, doc.text().as_bytes(), fp).unwrap();
        prop_assert_eq!(std::fs::read(&path).unwrap(), original.as_bytes());
        prop_assert_eq!(common::names_in(sb.dir.path()), ["data.json"]);
    }
}

/// One step of a meeting's capture: add a deliverable, edit one of its fields, remove or
/// restore one, or undo the last step.
#[derive(Clone, Debug)]
enum Op {
    Add {
        council: usize,
        title: String,
        areas: Vec<bool>,
    },
    Edit {
        deliverable: usize,
        field: usize,
        value: String,
    },
    Remove(usize),
    Undo,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0usize..4, text(), prop::collection::vec(any::<bool>(), 4)).prop_map(
            |(council, title, areas)| Op::Add {
                council,
                title,
                areas
            }
        ),
        (0usize..8, 0usize..5, text()).prop_map(|(deliverable, field, value)| Op::Edit {
            deliverable,
            field,
            value
        }),
        (0usize..8).prop_map(Op::Remove),
        Just(Op::Undo),
    ]
}

/// What was applied, to take back.
enum Done {
    Splice(councilor::document::Splice),
    Patch(Patch),
}

/// The text of a generated JSON string token.
fn unquoted(json: &str) -> String {
    serde_json::from_str(json).expect("generated strings are valid JSON")
}

fn apply_op(doc: &mut Document, op: &Op, n: usize) -> Option<Done> {
    use councilor::create::{self, NewDeliverable};
    use councilor::model::{Editable, areas_value};
    let at = format!("2026-11-27T10:{:02}:00Z", n % 60);
    let data = doc.data();
    match op {
        Op::Add {
            council,
            title,
            areas,
        } => {
            let council = data.councils[council % data.councils.len()].id.to_string();
            let areas = data
                .areas
                .iter()
                .zip(areas)
                .filter(|(_, on)| **on)
                .map(|(a, _)| a.id.to_string())
                .collect();
            let new = NewDeliverable {
                council,
                title: format!("New {}", unquoted(title)),
                areas,
                ..NewDeliverable::default()
            };
            let created = create::deliverable(doc, &new, &at).expect("a valid new deliverable");
            // Laid out from its neighbour alone, as a reading of the whole list lays it out.
            let plan = create::plan_deliverable(doc, &new, &at).unwrap();
            let whole = councilor::insert::insert(
                &doc.text(),
                councilor::insert::List::Deliverables,
                plan.after,
                &plan.members,
            );
            assert_eq!(Some(&created.splice), whole.as_ref());
            assert!(doc.splice(&created.splice), "{:?}\n{}", created, doc.text());
            let d = &doc.data().deliverables[doc.data().deliverable_index(&created.id).unwrap()];
            assert_eq!(d.history().len(), 1);
            assert_eq!(d.history()[0].field.as_deref(), Some("created"));
            Some(Done::Splice(created.splice))
        }
        Op::Edit {
            deliverable,
            field,
            value,
        } => {
            let index = deliverable % data.deliverables.len();
            let text = unquoted(value);
            let (field, to) = match field {
                0 => (Editable::Title, Some(format!("T{text}"))),
                1 => (Editable::Notes, Some(text)),
                2 => (Editable::Owner, None),
                3 => (Editable::Description, Some(text)),
                _ => {
                    let ids: Vec<&str> = data
                        .areas
                        .iter()
                        .map(|a| a.id.as_str())
                        .take(text.len() % 3)
                        .collect();
                    (Editable::Areas, Some(areas_value(&ids)))
                }
            };
            let change = edit::Change {
                deliverable: index,
                field,
                to: to.as_deref(),
                at: &at,
                note: None,
            };
            let patch = edit::patch(doc, &change)?;
            assert!(doc.apply(&patch), "{patch:?}\n{}", doc.text());
            Some(Done::Patch(patch))
        }
        Op::Remove(deliverable) => {
            let index = deliverable % data.deliverables.len();
            let removed = data.deliverables[index].removed;
            let change = edit::Change {
                deliverable: index,
                field: Editable::Removed,
                to: (!removed).then_some("true"),
                at: &at,
                note: None,
            };
            let patch = edit::patch(doc, &change).expect("a removal or a restoring");
            assert!(doc.apply(&patch));
            assert_eq!(doc.data().deliverables[index].removed, !removed);
            let last = doc.data().deliverables[index]
                .history()
                .last()
                .cloned()
                .unwrap();
            let kind = if removed { "restored" } else { "removed" };
            assert_eq!(last.field.as_deref(), Some(kind));
            Some(Done::Patch(patch))
        }
        Op::Undo => None,
    }
}

fn take_back(doc: &mut Document, done: Done) {
    match done {
        Done::Splice(s) => assert!(doc.splice(&s.inverse())),
        Done::Patch(p) => assert!(doc.revert(&p)),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn adds_edits_and_removals_keep_a_valid_file_and_undo_gives_it_back(
        s in spec(),
        ops in prop::collection::vec(op(), 1..12),
    ) {
        let (original, unknown) = build(&s);
        let mut doc = Document::from_text(original.clone()).unwrap();
        let mut done: Vec<(Done, String)> = vec![];
        for (n, op) in ops.iter().enumerate() {
            if let Op::Undo = op {
                if let Some((d, before)) = done.pop() {
                    take_back(&mut doc, d);
                    prop_assert_eq!(doc.text(), before.as_str());
                }
                continue;
            }
            let before = doc.text().to_string();
            if let Some(d) = apply_op(&mut doc, op, n) {
                done.push((d, before));
            }
            // Every step leaves a valid file that reads back as the model in memory.
            let reread = Document::from_text(doc.text().to_string())
                .unwrap_or_else(|e| panic!("{op:?} left an invalid file: {e:?}\n{}", doc.text()));
            prop_assert_eq!(reread.data(), doc.data());
            // Each deliverable's council and areas by position, as the search reads them.
            let data = doc.data();
            for d in &data.deliverables {
                prop_assert_eq!(&data.councils[d.places.council as usize].id, &d.council);
                let areas: Vec<&String> =
                    d.places.areas.iter().map(|&i| &data.areas[i as usize].id).collect();
                prop_assert_eq!(areas, d.areas.iter().collect::<Vec<_>>());
            }
            for u in &unknown {
                prop_assert!(doc.text().contains(u.as_str()), "lost {}", u);
            }
        }
        while let Some((d, _)) = done.pop() {
            take_back(&mut doc, d);
        }
        prop_assert_eq!(doc.text(), original.as_str());
    }

    /// In a file laid out on lines, an added deliverable's diff is its own lines and one
    /// comma after its neighbour: no other line changes.
    #[test]
    fn an_added_deliverable_diffs_as_new_lines_and_one_comma(s in spec(), title in text()) {
        prop_assume!(LAYOUTS[s.layout].unit.is_some());
        let (original, _) = build(&s);
        let mut doc = Document::from_text(original.clone()).unwrap();
        let op = Op::Add { council: 0, title, areas: vec![true, false, true, false] };
        apply_op(&mut doc, &op, 0);
        let text = doc.text();
        let diff = similar::TextDiff::from_lines(original.as_str(), &text);
        let removed: Vec<String> = diff
            .iter_all_changes()
            .filter(|c| c.tag() == similar::ChangeTag::Delete)
            .map(|c| c.value().to_string())
            .collect();
        let added: Vec<String> = diff
            .iter_all_changes()
            .filter(|c| c.tag() == similar::ChangeTag::Insert)
            .map(|c| c.value().to_string())
            .collect();
        prop_assert!(removed.len() <= 1, "{:?}", removed);
        if let Some(old) = removed.first() {
            let nl = LAYOUTS[s.layout].nl;
            let with_comma = format!("{},{}", old.trim_end_matches(['\r', '\n']), if old.ends_with(nl) { nl } else { "" });
            prop_assert!(added.contains(&with_comma), "{:?} vs {:?}", old, added);
        }
        prop_assert!(added.iter().any(|l| l.contains("\"created\"")));
    }
}

/// One writer's field edits: (deliverable, field, value), each value from a small pool so
/// that the two writers often meet on a field, and sometimes on a value.
fn field_edits() -> impl Strategy<Value = Vec<(usize, usize, usize)>> {
    prop::collection::vec((0usize..8, 0usize..4, 0usize..3), 0..8)
}

/// The fields the merge test edits, and the values each may take (`None`: taken away).
const MERGED_FIELDS: [Editable; 4] = [
    Editable::Status,
    Editable::Owner,
    Editable::Due,
    Editable::Notes,
];

fn merged_value(doc: &Document, field: Editable, pick: usize) -> Option<String> {
    let statuses = &doc.data().statuses;
    match field {
        Editable::Status => Some(statuses[pick % statuses.len()].name.to_string()),
        Editable::Owner => [Some("Ana"), Some("Ben 会議"), None][pick].map(str::to_string),
        Editable::Due => [Some("2027"), Some("2026-12-01"), None][pick].map(str::to_string),
        _ => [Some("said \"yes\""), Some("two\nlines"), None][pick].map(str::to_string),
    }
}

fn field_of(doc: &Document, i: usize, field: Editable) -> Option<String> {
    field
        .value(&doc.data().deliverables[i])
        .map(|v| v.into_owned())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Two writers edit fields of one file. This session's edits, merged into the other
    /// writer's saved version by the one rule, give: theirs where only they changed a field,
    /// mine where only I did, the value where both set the same, and a conflict (theirs kept,
    /// nothing written of mine) exactly where both set different values. The history keeps
    /// every entry of theirs and one per applied edit of mine, and the text reads back as
    /// its model.
    #[test]
    fn a_merge_applies_both_writers_and_conflicts_exactly_where_both_changed_a_field_differently(
        s in spec(),
        theirs_edits in field_edits(),
        my_edits in field_edits(),
    ) {
        let (original, _) = build(&s);
        let base = Document::from_text(original.clone()).unwrap();
        let n = base.data().deliverables.len();
        // Theirs: their edits applied in turn, each with its entry, as their app would.
        let mut theirs = base.clone();
        for (k, &(d, f, v)) in theirs_edits.iter().enumerate() {
            let (i, field) = (d % n, MERGED_FIELDS[f]);
            let to = merged_value(&theirs, field, v);
            let at = format!("2026-11-27T08:{:02}:00Z", k % 60);
            let change = Change { deliverable: i, field, to: to.as_deref(), at: &at, note: None };
            if let Some(patch) = edit::patch(&theirs, &change) {
                prop_assert!(theirs.apply(&patch));
            }
        }
        // Mine: the last value asked for each field, from the base value, as one pending edit.
        let mut mine: Vec<((usize, Editable), Option<String>)> = Vec::new();
        for &(d, f, v) in &my_edits {
            let (i, field) = (d % n, MERGED_FIELDS[f]);
            let to = merged_value(&base, field, v);
            mine.retain(|(key, _)| *key != (i, field));
            mine.push(((i, field), to));
        }
        mine.retain(|((i, field), to)| field_of(&base, *i, *field) != *to);
        let pending: Vec<Pending> = mine
            .iter()
            .map(|((i, field), to)| Pending {
                id: base.data().deliverables[*i].id.to_string(),
                field: *field,
                steps: vec![councilor::merge::Step {
                    from: field_of(&base, *i, *field),
                    to: to.clone(),
                    at: "2026-11-27T10:00:00Z".into(),
                    note: None,
                }],
                added: None,
            })
            .collect();
        let merged = councilor::merge::merge(theirs.clone(), &pending);
        let mut expected_conflicts = Vec::new();
        for i in 0..n {
            for field in MERGED_FIELDS {
                let b = field_of(&base, i, field);
                let t = field_of(&theirs, i, field);
                let m = mine.iter().find(|(key, _)| *key == (i, field)).map(|(_, to)| to.clone());
                let want = match m {
                    None => t.clone(),
                    Some(m) if t == b || t == m => m,
                    Some(_) => {
                        expected_conflicts.push((i, field));
                        t.clone()
                    }
                };
                prop_assert_eq!(field_of(&merged.doc, i, field), want, "{} {:?}", i, field);
            }
        }
        let mut conflicts: Vec<(usize, Editable)> = merged
            .conflicts
            .iter()
            .map(|c| (base.data().deliverable_index(&c.edit.id).unwrap(), c.edit.field))
            .collect();
        conflicts.sort_by_key(|(i, f)| (*i, f.key()));
        expected_conflicts.sort_by_key(|(i, f)| (*i, f.key()));
        prop_assert_eq!(conflicts, expected_conflicts);
        // Every entry of theirs is kept, and each applied edit of mine adds one.
        for i in 0..n {
            let there = theirs.data().deliverables[i].history();
            let now = merged.doc.data().deliverables[i].history();
            prop_assert_eq!(&now[..there.len()], &there[..]);
            let mine_here = merged
                .applied
                .iter()
                .filter(|p| p.id == base.data().deliverables[i].id.as_str())
                .count();
            prop_assert_eq!(now.len(), there.len() + mine_here);
        }
        let reread = Document::from_text(merged.doc.text().to_string()).unwrap();
        prop_assert_eq!(reread.data(), merged.doc.data());
    }
}
