//! Structural three-way merge of two versions of a dataset text with their common base, for
//! a git merge driver. The result is ours' text with theirs' changes spliced in, so that every
//! line neither side changed stays byte for byte as it was (indentation, line endings, key
//! order). Fields changed on one side are taken; objects are merged member by member; lists
//! of objects with ids (councils, areas, deliverables) are merged by id; `history` lists keep
//! the entries of both sides in time order. A field changed on both sides to different values
//! is left between git-style conflict markers, around its own lines only.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::edit::Layout;
use crate::json_tree::{self, Kind, Member, Node};

/// The merged text and how many conflict regions (marked with `<<<<<<<`) it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub text: String,
    pub conflicts: usize,
}

/// Which input could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Base,
    Ours,
    Theirs,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeError {
    /// An input is not JSON: which, and the byte offset and reason.
    NotJson {
        input: Input,
        at: usize,
        message: String,
    },
    /// The changes of the two sides could not be placed in ours' text without overlapping.
    Overlap,
}

/// Merges `theirs` into `ours`. `base` is `None` when the two sides have no common version
/// (a file added on both branches): then whatever differs is a conflict.
pub fn merge(base: Option<&str>, ours: &str, theirs: &str) -> Result<Merged, MergeError> {
    fn parse(text: &str, input: Input) -> Result<Node<'_>, MergeError> {
        json_tree::parse(text).map_err(|e| MergeError::NotJson {
            input,
            at: e.at,
            message: e.message,
        })
    }
    let base_tree = base.map(|b| parse(b, Input::Base)).transpose()?;
    let ours_tree = parse(ours, Input::Ours)?;
    let theirs_tree = parse(theirs, Input::Theirs)?;
    let mut m = Merger {
        base: base.unwrap_or(""),
        ours,
        theirs,
        ours_layout: Layout::of(ours),
        theirs_layout: Layout::of(theirs),
        edits: Vec::new(),
    };
    m.value(base_tree.as_ref(), &ours_tree, &theirs_tree, None);
    compose(ours, &m.ours_layout, m.edits)
}

/// One replacement in ours' text. A conflict edit is theirs' side of a conflict: ours keeps
/// its text and theirs' text goes between the markers.
#[derive(Debug, Clone)]
struct Edit {
    range: Range<usize>,
    text: String,
    conflict: bool,
}

/// The indentation of the line holding `pos`, when nothing but white space comes before
/// `pos` on it.
fn line_indent(text: &str, pos: usize) -> Option<&str> {
    let start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    let lead = &text[start..pos];
    lead.trim_start_matches([' ', '\t'])
        .is_empty()
        .then_some(lead)
}

/// The indentation of the line holding `pos`, whatever else is on it.
fn indent_of_line(text: &str, pos: usize) -> &str {
    let start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[start..];
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

/// Where to put new items in a list or object of ours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    After(usize),
    Before(usize),
    /// After the last item that stays (or into an empty container).
    End,
}

/// A container of ours (object or array) being edited: spans of its items, and which go.
struct Seq<'n> {
    node: &'n Node<'n>,
    /// Spans of members (key to value end) or of array items.
    items: Vec<Range<usize>>,
    /// `Some(conflict)` for an item taken out (as theirs' side of a conflict when true).
    removed: Vec<Option<bool>>,
    /// New items: where, their text (already in ours' layout, without separators), and
    /// whether they are theirs' side of a conflict.
    inserts: Vec<(Place, String, bool)>,
}

impl<'n> Seq<'n> {
    fn new(node: &'n Node<'n>) -> Self {
        let items: Vec<Range<usize>> = match &node.kind {
            Kind::Object(m) => m.iter().map(|m| m.span.clone()).collect(),
            Kind::Array(a) => a.iter().map(|n| n.span.clone()).collect(),
            _ => Vec::new(),
        };
        let removed = vec![None; items.len()];
        Seq {
            node,
            items,
            removed,
            inserts: Vec::new(),
        }
    }

    fn kept(&self, i: usize) -> bool {
        self.removed[i].is_none()
    }
}

struct Merger<'t> {
    base: &'t str,
    ours: &'t str,
    theirs: &'t str,
    ours_layout: Layout,
    theirs_layout: Layout,
    edits: Vec<Edit>,
}

impl Merger<'_> {
    fn same_ot(&self, o: &Node, t: &Node) -> bool {
        o.same(t, self.ours, self.theirs)
    }
    fn same_bt(&self, b: &Node, t: &Node) -> bool {
        b.same(t, self.base, self.theirs)
    }
    fn same_bo(&self, b: &Node, o: &Node) -> bool {
        b.same(o, self.base, self.ours)
    }

    /// One side removed the deliverable (`"removed": true`, not so in the base) while the
    /// other changed it in any other way.
    fn removal_against_edit(&self, base: &Node, ours: &Node, theirs: &Node) -> bool {
        let removed = |n: &Node, text: &str| {
            n.get("removed")
                .is_some_and(|r| text.get(r.span.clone()) == Some("true"))
        };
        let (b, o, t) = (
            removed(base, self.base),
            removed(ours, self.ours),
            removed(theirs, self.theirs),
        );
        if b || o == t {
            return false;
        }
        // The side that did not remove it: did it change it?
        if o {
            !self.same_bt(base, theirs)
        } else {
            !self.same_bo(base, ours)
        }
    }

    /// Theirs' text of `node`, re-indented from its place in theirs to `to_indent` in ours.
    fn theirs_text(&self, node: &Node, to_indent: Option<&str>) -> String {
        let piece = &self.theirs[node.span.clone()];
        let from_indent = line_indent(self.theirs, node.span.start)
            .unwrap_or_else(|| indent_of_line(self.theirs, node.span.start));
        reindent(
            piece,
            from_indent,
            &self.theirs_layout,
            to_indent.unwrap_or(from_indent),
            &self.ours_layout,
        )
    }

    /// Theirs' member text (`"key": value`), re-indented.
    fn theirs_member_text(&self, m: &Member, to_indent: Option<&str>) -> String {
        let piece = &self.theirs[m.span.clone()];
        let from_indent = line_indent(self.theirs, m.span.start)
            .unwrap_or_else(|| indent_of_line(self.theirs, m.span.start));
        reindent(
            piece,
            from_indent,
            &self.theirs_layout,
            to_indent.unwrap_or(from_indent),
            &self.ours_layout,
        )
    }

    fn value(&mut self, base: Option<&Node>, ours: &Node, theirs: &Node, key: Option<&str>) {
        if self.same_ot(ours, theirs) || base.is_some_and(|b| self.same_bt(b, theirs)) {
            return;
        }
        match (&ours.kind, &theirs.kind) {
            (Kind::Object(o), Kind::Object(t)) if unique_keys(o) && unique_keys(t) => {
                let b = base.and_then(|b| match &b.kind {
                    Kind::Object(m) if unique_keys(m) => Some(m.as_slice()),
                    _ => None,
                });
                if base.is_none() || b.is_some() {
                    return self.object(b.unwrap_or(&[]), ours, theirs);
                }
            }
            (Kind::Array(o), Kind::Array(t)) => {
                let b = base.and_then(Node::items);
                if base.is_none() || b.is_some() {
                    let b = b.unwrap_or(&[]);
                    if key == Some("history") {
                        return self.history(b, ours, o, t);
                    }
                    if [b, o.as_slice(), t.as_slice()].iter().all(|l| by_id(l)) {
                        return self.by_id(b, ours, o, t);
                    }
                }
            }
            _ => {}
        }
        let ours_indent = line_indent(self.ours, ours.span.start)
            .unwrap_or_else(|| indent_of_line(self.ours, ours.span.start))
            .to_string();
        let text = self.theirs_text(theirs, Some(&ours_indent));
        let conflict = !base.is_some_and(|b| self.same_bo(b, ours));
        self.edits.push(Edit {
            range: ours.span.clone(),
            text,
            conflict,
        });
    }

    fn object(&mut self, base: &[Member], ours: &Node, theirs: &Node) {
        let (Some(o), Some(t)) = (ours.members(), theirs.members()) else {
            return;
        };
        let find = |list: &'_ [Member], key: &str| list.iter().position(|m| m.key == key);
        let mut seq = Seq::new(ours);
        let mut pending: Vec<(Place, usize, bool)> = Vec::new();
        for (ti, tm) in t.iter().enumerate() {
            let b = find(base, &tm.key).map(|i| &base[i].value);
            match find(o, &tm.key) {
                Some(oi) => self.value(b, &o[oi].value, &tm.value, Some(&tm.key)),
                None => {
                    // Added by theirs, or removed by ours: a conflict when theirs changed it.
                    let conflict = match b {
                        None => false,
                        Some(b) if self.same_bt(b, &tm.value) => continue,
                        Some(_) => true,
                    };
                    let place = t[..ti]
                        .iter()
                        .rev()
                        .find_map(|p| find(o, &p.key))
                        .map_or(Place::Before(0), Place::After);
                    pending.push((place, ti, conflict));
                }
            }
        }
        for (oi, om) in o.iter().enumerate() {
            if find(t, &om.key).is_some() {
                continue;
            }
            if let Some(bi) = find(base, &om.key) {
                seq.removed[oi] = Some(!self.same_bo(&base[bi].value, &om.value));
            }
        }
        // Laid out once the removals are known, next to members that stay.
        for (place, ti, conflict) in pending {
            let place = settle(&seq, place);
            let indent = self.item_indent(&seq, place);
            let text = self.theirs_member_text(&t[ti], indent.as_deref());
            seq.inserts.push((place, text, conflict));
        }
        self.finish(seq, t.first().map(|m| m.span.start));
    }

    fn by_id(&mut self, base: &[Node], ours: &Node, o: &[Node], t: &[Node]) {
        let id = |n: &Node| n.get("id").and_then(Node::as_str).map(str::to_string);
        // Positions by id: a list can hold 100,000 deliverables.
        let index = |list: &[Node]| -> HashMap<String, usize> {
            list.iter()
                .enumerate()
                .filter_map(|(i, n)| Some((n.get("id")?.as_str()?.to_string(), i)))
                .collect()
        };
        let (base_at, o_at, t_at) = (index(base), index(o), index(t));
        let find = |at: &HashMap<String, usize>, want: &str| at.get(want).copied();
        let mut seq = Seq::new(ours);
        for (oi, on) in o.iter().enumerate() {
            let oid = id(on).unwrap_or_default();
            if find(&t_at, &oid).is_none()
                && let Some(bi) = find(&base_at, &oid)
            {
                seq.removed[oi] = Some(!self.same_bo(&base[bi], on));
            }
        }
        let mut pending: Vec<(Place, &Node, bool)> = Vec::new();
        for (ti, tn) in t.iter().enumerate() {
            let tid = id(tn).unwrap_or_default();
            let b = find(&base_at, &tid).map(|i| &base[i]);
            if let Some(oi) = find(&o_at, &tid) {
                if let Some(b) = b
                    && self.removal_against_edit(b, &o[oi], tn)
                {
                    // The whole deliverable, both versions, for a person to choose.
                    let indent = line_indent(self.ours, o[oi].span.start)
                        .unwrap_or_else(|| indent_of_line(self.ours, o[oi].span.start))
                        .to_string();
                    let text = self.theirs_text(tn, Some(&indent));
                    self.edits.push(Edit {
                        range: o[oi].span.clone(),
                        text,
                        conflict: true,
                    });
                    continue;
                }
                self.value(b, &o[oi], tn, None);
                continue;
            }
            let conflict = match b {
                None => false,
                Some(b) if self.same_bt(b, tn) => continue,
                Some(_) => true,
            };
            // A deliverable goes after the last of its council; anything else after the item
            // before it in theirs.
            let council = tn.get("council").and_then(Node::as_str);
            let place = match council {
                Some(c) => (0..o.len())
                    .rev()
                    .find(|&i| seq.kept(i) && o[i].get("council").and_then(Node::as_str) == Some(c))
                    .map_or(Place::End, Place::After),
                None => {
                    let before = t[..ti].iter().rev().find_map(|p| {
                        find(&o_at, &id(p).unwrap_or_default()).filter(|&i| seq.kept(i))
                    });
                    // Past what ours added right after it, so that ours' additions come first.
                    before.map_or(Place::End, |mut i| {
                        while i + 1 < o.len() && {
                            let next = id(&o[i + 1]).unwrap_or_default();
                            find(&base_at, &next).is_none() && find(&t_at, &next).is_none()
                        } {
                            i += 1;
                        }
                        Place::After(i)
                    })
                }
            };
            pending.push((place, tn, conflict));
        }
        for (place, tn, conflict) in pending {
            let place = settle(&seq, place);
            let indent = self.item_indent(&seq, place);
            let text = self.theirs_text(tn, indent.as_deref());
            seq.inserts.push((place, text, conflict));
        }
        self.finish(seq, t.first().map(|n| n.span.start));
    }

    fn history(&mut self, base: &[Node], ours: &Node, o: &[Node], t: &[Node]) {
        // Match entries as multisets: an entry of theirs not in the base is new, unless ours
        // made the very same one.
        let mut base_left: Vec<bool> = vec![true; base.len()];
        let mut ours_left: Vec<bool> = vec![true; o.len()];
        let mut new: Vec<&Node> = Vec::new();
        for tn in t {
            if let Some(bi) = (0..base.len()).find(|&i| base_left[i] && self.same_bt(&base[i], tn))
            {
                base_left[bi] = false;
            } else if let Some(oi) = (0..o.len()).find(|&i| {
                ours_left[i]
                    && self.same_ot(&o[i], tn)
                    && !base.iter().any(|b| self.same_bo(b, &o[i]))
            }) {
                ours_left[oi] = false;
            } else {
                new.push(tn);
            }
        }
        let mut seq = Seq::new(ours);
        // Entries theirs took out (left in the base), taken out of ours too.
        for (bi, b) in base.iter().enumerate() {
            if !base_left[bi] {
                continue;
            }
            if let Some(oi) = (0..o.len()).find(|&i| seq.kept(i) && self.same_bo(b, &o[i])) {
                seq.removed[oi] = Some(false);
            }
        }
        let at = |n: &Node| n.get("at").and_then(Node::as_str).map(str::to_string);
        new.sort_by_key(|n| at(n));
        for tn in new {
            let place = match at(tn) {
                None => Place::End,
                Some(when) => {
                    let earlier = (0..o.len())
                        .rev()
                        .find(|&i| seq.kept(i) && at(&o[i]).is_some_and(|a| a <= when));
                    match earlier {
                        Some(i) => Place::After(i),
                        None => (0..o.len())
                            .find(|&i| seq.kept(i))
                            .map_or(Place::End, Place::Before),
                    }
                }
            };
            let indent = self.item_indent(&seq, place);
            let text = self.theirs_text(tn, indent.as_deref());
            seq.inserts.push((place, text, false));
        }
        self.finish(seq, t.first().map(|n| n.span.start));
    }

    /// The indentation new items at `place` get in ours: that of a neighbour that starts
    /// its own line; `None` (keep theirs') when ours is on one line there.
    fn item_indent(&self, seq: &Seq, place: Place) -> Option<String> {
        let near = match place {
            Place::After(i) | Place::Before(i) => Some(i),
            Place::End => seq.items.len().checked_sub(1),
        };
        match near {
            Some(i) => line_indent(self.ours, seq.items[i].start).map(str::to_string),
            None => Some(format!(
                "{}{}",
                indent_of_line(self.ours, seq.node.span.start),
                self.ours_layout.unit
            )),
        }
    }

    /// Turns a container's removals and insertions into edits of ours' text.
    /// `theirs_first`: where theirs' first item starts, to tell whether theirs spreads the
    /// container over lines (used when ours' is empty).
    fn finish(&mut self, seq: Seq, theirs_first: Option<usize>) {
        let text = self.ours;
        let n = seq.items.len();
        let open = seq.node.span.start;
        let close = seq.node.span.end - 1;
        let sep = if n >= 2 {
            text[seq.items[0].end..seq.items[1].start].to_string()
        } else if n == 1 {
            format!(",{}", &text[open + 1..seq.items[0].start])
        } else {
            String::new()
        };
        // Runs of consecutive removed items go out with one edit each.
        let mut runs: Vec<(usize, usize, bool)> = Vec::new();
        for i in 0..n {
            if let Some(c) = seq.removed[i] {
                match runs.last_mut() {
                    Some((_, end, conflict)) if *end + 1 == i => {
                        *end = i;
                        *conflict |= c;
                    }
                    _ => runs.push((i, i, c)),
                }
            }
        }
        let all_gone = n > 0 && runs.len() == 1 && runs[0].0 == 0 && runs[0].1 == n - 1;
        if n == 0 || all_gone {
            if seq.inserts.is_empty() && n == 0 {
                return;
            }
            let conflict = runs.iter().any(|r| r.2) || seq.inserts.iter().any(|i| i.2);
            let bodies: Vec<&str> = seq.inserts.iter().map(|i| i.1.as_str()).collect();
            let (range, inserted) = if n == 0 {
                // Spread over lines when theirs is.
                let multi = theirs_first.is_some_and(|p| {
                    let before = self.theirs[..p].trim_end_matches([' ', '\t', '\r', '\n']);
                    self.theirs[before.len()..p].contains('\n')
                });
                let inserted = if multi {
                    let nl = self.ours_layout.newline;
                    let outer = indent_of_line(text, open);
                    let inner = format!("{outer}{}", self.ours_layout.unit);
                    format!(
                        "{nl}{inner}{}{nl}{outer}",
                        bodies.join(&format!(",{nl}{inner}"))
                    )
                } else {
                    bodies.join(", ")
                };
                (open + 1..close, inserted)
            } else {
                if bodies.is_empty() {
                    (open + 1..close, String::new())
                } else {
                    (seq.items[0].start..seq.items[n - 1].end, bodies.join(&sep))
                }
            };
            self.edits.push(Edit {
                range,
                text: inserted,
                conflict,
            });
            return;
        }
        for (a, b, conflict) in runs {
            let range = if b + 1 < n {
                let (from, to) = (seq.items[a].start, seq.items[b + 1].start);
                // Whole lines where the items have lines of their own.
                match (line_indent(text, from), line_indent(text, to)) {
                    (Some(i), Some(j)) => from - i.len()..to - j.len(),
                    _ => from..to,
                }
            } else {
                seq.items[a - 1].end..seq.items[b].end
            };
            self.edits.push(Edit {
                range,
                text: String::new(),
                conflict,
            });
        }
        let last_kept = (0..n).rev().find(|&i| seq.kept(i));
        // Insertions at one place are joined, each group split by conflict flag so that a
        // clean one is never held up by a conflict.
        let mut groups: Vec<(Place, bool, Vec<String>)> = Vec::new();
        for (place, body, conflict) in seq.inserts {
            let place = match place {
                Place::End => last_kept.map_or(Place::End, Place::After),
                p => p,
            };
            match groups.iter_mut().find(|g| g.0 == place && g.1 == conflict) {
                Some(g) => g.2.push(body),
                None => groups.push((place, conflict, vec![body])),
            }
        }
        for (place, conflict, bodies) in groups {
            let (at, inserted) = match place {
                Place::After(i) => (
                    seq.items[i].end,
                    bodies
                        .iter()
                        .map(|b| format!("{sep}{b}"))
                        .collect::<String>(),
                ),
                Place::Before(i) => (
                    seq.items[i].start,
                    bodies
                        .iter()
                        .map(|b| format!("{b}{sep}"))
                        .collect::<String>(),
                ),
                Place::End => continue,
            };
            self.edits.push(Edit {
                range: at..at,
                text: inserted,
                conflict,
            });
        }
    }
}

/// A place next to an item that stays: the item itself if it stays, else the nearest one
/// before it that does, else the end.
fn settle(seq: &Seq, place: Place) -> Place {
    match place {
        Place::After(i) => (0..=i)
            .rev()
            .find(|&j| seq.kept(j))
            .map_or_else(|| first_kept(seq), Place::After),
        Place::Before(_) => first_kept(seq),
        Place::End => Place::End,
    }
}

fn first_kept(seq: &Seq) -> Place {
    (0..seq.items.len())
        .find(|&j| seq.kept(j))
        .map_or(Place::End, Place::Before)
}

fn unique_keys(members: &[Member]) -> bool {
    let mut seen = HashSet::with_capacity(members.len());
    members.iter().all(|m| seen.insert(m.key.as_ref()))
}

/// Every item an object with a string `id`, no id twice.
fn by_id(list: &[Node]) -> bool {
    let mut seen = HashSet::with_capacity(list.len());
    list.iter().all(|n| {
        n.get("id")
            .and_then(Node::as_str)
            .is_some_and(|id| seen.insert(id))
    })
}

/// `piece` (a value's text, lines after the first indented from `from_indent` in `from`'s
/// unit) laid out at `to_indent` in `to`'s unit and line ending. A JSON text has no raw line
/// break inside a string, so every line start is outside one.
fn reindent(piece: &str, from_indent: &str, from: &Layout, to_indent: &str, to: &Layout) -> String {
    if from_indent == to_indent && from.unit == to.unit && from.newline == to.newline {
        return piece.to_string();
    }
    let mut out = String::with_capacity(piece.len());
    for (i, line) in piece.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if i == 0 {
            out.push_str(line);
            continue;
        }
        out.push_str(to.newline);
        let body = line.trim_start_matches([' ', '\t']);
        let lead = &line[..line.len() - body.len()];
        match lead.strip_prefix(from_indent) {
            Some(rest) if !from.unit.is_empty() => {
                let depth = rest.len() / from.unit.len();
                let extra = &rest[depth * from.unit.len()..];
                out.push_str(to_indent);
                for _ in 0..depth {
                    out.push_str(&to.unit);
                }
                out.push_str(extra);
            }
            _ => out.push_str(lead),
        }
        out.push_str(body);
    }
    out
}

/// The byte range of the whole lines that hold `range` (with their line endings).
fn lines_of(text: &str, range: &Range<usize>) -> Range<usize> {
    let start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let end = if range.end > range.start && text.as_bytes()[range.end - 1] == b'\n' {
        range.end
    } else {
        text[range.end..]
            .find('\n')
            .map_or(text.len(), |i| range.end + i + 1)
    };
    start..end
}

/// Applies the edits to ours' text; conflict edits become regions of whole lines between
/// markers, with ours' lines (clean edits applied) above theirs' (all edits applied).
fn compose(text: &str, layout: &Layout, mut edits: Vec<Edit>) -> Result<Merged, MergeError> {
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    if edits.windows(2).any(|w| w[0].range.end > w[1].range.start) {
        return Err(MergeError::Overlap);
    }
    let mut regions: Vec<Range<usize>> = edits
        .iter()
        .filter(|e| e.conflict)
        .map(|e| lines_of(text, &e.range))
        .collect();
    // Grow regions over clean edits that reach into them, and join regions that meet.
    loop {
        let mut changed = false;
        for r in regions.iter_mut() {
            for e in edits.iter().filter(|e| !e.conflict) {
                let inside = if e.range.is_empty() {
                    e.range.start > r.start && e.range.start < r.end
                } else {
                    e.range.start < r.end && e.range.end > r.start
                };
                if inside && (e.range.start < r.start || e.range.end > r.end) {
                    let l = lines_of(text, &e.range);
                    *r = r.start.min(l.start)..r.end.max(l.end);
                    changed = true;
                }
            }
        }
        regions.sort_by_key(|r| r.start);
        let mut joined: Vec<Range<usize>> = Vec::new();
        for r in regions {
            match joined.last_mut() {
                Some(last) if r.start < last.end => {
                    last.end = last.end.max(r.end);
                    changed = true;
                }
                _ => joined.push(r),
            }
        }
        regions = joined;
        if !changed {
            break;
        }
    }
    // A clean insertion on a region's edge stays outside it.
    let on_edge = |e: &Edit, r: &Range<usize>| {
        !e.conflict && e.range.is_empty() && (e.range.start == r.start || e.range.start == r.end)
    };
    let in_region = |e: &Edit, r: &Range<usize>| {
        e.range.start >= r.start && e.range.end <= r.end && !on_edge(e, r)
    };
    let apply = |range: &Range<usize>, with_conflicts: bool| {
        let mut out = String::new();
        let mut pos = range.start;
        for e in edits.iter().filter(|e| in_region(e, range)) {
            out.push_str(&text[pos..e.range.start]);
            if with_conflicts || !e.conflict {
                out.push_str(&e.text);
            } else {
                out.push_str(&text[e.range.clone()]);
            }
            pos = e.range.end;
        }
        out.push_str(&text[pos..range.end]);
        if !out.is_empty() && !out.ends_with('\n') {
            out.push_str(layout.newline);
        }
        out
    };
    let nl = layout.newline;
    let mut out = String::with_capacity(text.len() + 1024);
    let mut pos = 0;
    let mut next_region = 0;
    let mut i = 0;
    while i < edits.len() || next_region < regions.len() {
        let region_first = match (edits.get(i), regions.get(next_region)) {
            (_, None) => false,
            (None, Some(_)) => true,
            (Some(e), Some(r)) => r.start <= e.range.start && !on_edge(e, r),
        };
        if region_first {
            let r = regions[next_region].clone();
            out.push_str(&text[pos..r.start]);
            out.push_str(&format!("<<<<<<< ours{nl}"));
            out.push_str(&apply(&r, false));
            out.push_str(&format!("======={nl}"));
            out.push_str(&apply(&r, true));
            out.push_str(&format!(">>>>>>> theirs{nl}"));
            pos = r.end;
            while i < edits.len() && in_region(&edits[i], &r) {
                i += 1;
            }
            next_region += 1;
        } else {
            let e = &edits[i];
            out.push_str(&text[pos..e.range.start]);
            out.push_str(&e.text);
            pos = e.range.end;
            i += 1;
        }
    }
    out.push_str(&text[pos..]);
    Ok(Merged {
        text: out,
        conflicts: regions.len(),
    })
}
