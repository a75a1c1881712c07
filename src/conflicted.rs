//! A text with git-style conflict markers (`<<<<<<<`, `|||||||`, `=======`, `>>>>>>>` at line
//! starts): its regions, where each one sits in the dataset (deliverable and field, when it can
//! tell), and the text resolved by a choice of side for every region. Pure: text in, text out.

use std::ops::Range;

use crate::json_tree::{self, Kind, Node};

/// Which side of a conflict to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Ours,
    Theirs,
}

/// One conflict: the 1-based line of its `<<<<<<<` marker and the text of each side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub line: usize,
    /// The line of its `>>>>>>>` marker.
    pub end_line: usize,
    pub ours: String,
    pub theirs: String,
    /// The common ancestor's text, in the diff3 style (`|||||||`).
    pub base: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Plain(String),
    Region(Region),
}

/// A text split into plain parts and conflict regions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflicted {
    pieces: Vec<Piece>,
}

/// Markers that do not make whole regions: the line and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkerError {
    pub line: usize,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Start,
    Base,
    Middle,
    End,
}

fn marker(line: &str) -> Option<Marker> {
    let line = line.trim_end_matches(['\n', '\r']);
    let of = |c: char, m: Marker| {
        let rest = line.strip_prefix(&c.to_string().repeat(7))?;
        // `=======` stands alone; the others may carry a label after a space.
        let ok = match m {
            Marker::Middle => rest.is_empty(),
            _ => rest.is_empty() || rest.starts_with(' '),
        };
        ok.then_some(m)
    };
    of('<', Marker::Start)
        .or_else(|| of('|', Marker::Base))
        .or_else(|| of('=', Marker::Middle))
        .or_else(|| of('>', Marker::End))
}

/// Whether `text` has a line that starts a conflict (a JSON text never does: a line break
/// cannot be inside a string).
pub fn has_markers(text: &str) -> bool {
    text.split_inclusive('\n')
        .any(|l| marker(l) == Some(Marker::Start))
}

/// Splits `text` into plain parts and regions.
pub fn read(text: &str) -> Result<Conflicted, MarkerError> {
    let mut pieces = Vec::new();
    let mut plain = String::new();
    // The region being read, and which part of it the lines go to.
    let mut open: Option<(Region, Marker)> = None;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let number = i + 1;
        let m = marker(line);
        match (&mut open, m) {
            (None, Some(Marker::Start)) => {
                pieces.push(Piece::Plain(std::mem::take(&mut plain)));
                open = Some((
                    Region {
                        line: number,
                        end_line: number,
                        ours: String::new(),
                        theirs: String::new(),
                        base: None,
                    },
                    Marker::Start,
                ));
            }
            (None, Some(other)) => {
                return Err(MarkerError {
                    line: number,
                    message: format!("a {} marker outside a conflict", name(other)),
                });
            }
            (None, None) => plain.push_str(line),
            (Some((region, part)), m) => match (*part, m) {
                (Marker::Start, Some(Marker::Base)) => {
                    region.base = Some(String::new());
                    *part = Marker::Base;
                }
                (Marker::Start | Marker::Base, Some(Marker::Middle)) => *part = Marker::Middle,
                (Marker::Middle, Some(Marker::End)) => {
                    region.end_line = number;
                    *part = Marker::End;
                }
                (_, Some(other)) => {
                    return Err(MarkerError {
                        line: number,
                        message: format!(
                            "a {} marker where the conflict from line {} needs {}",
                            name(other),
                            region.line,
                            if *part == Marker::Middle {
                                "its end (>>>>>>>)"
                            } else {
                                "its middle (=======)"
                            }
                        ),
                    });
                }
                (Marker::Start, None) => region.ours.push_str(line),
                (Marker::Base, None) => region.base.get_or_insert_default().push_str(line),
                (_, None) => region.theirs.push_str(line),
            },
        }
        if let Some((region, Marker::End)) = &open {
            pieces.push(Piece::Region(region.clone()));
            open = None;
        }
    }
    if let Some((region, _)) = open {
        return Err(MarkerError {
            line: region.line,
            message: "a conflict that is never closed (no >>>>>>> line)".into(),
        });
    }
    pieces.push(Piece::Plain(plain));
    pieces.retain(|p| !matches!(p, Piece::Plain(s) if s.is_empty()));
    Ok(Conflicted { pieces })
}

fn name(m: Marker) -> &'static str {
    match m {
        Marker::Start => "<<<<<<<",
        Marker::Base => "|||||||",
        Marker::Middle => "=======",
        Marker::End => ">>>>>>>",
    }
}

impl Conflicted {
    pub fn regions(&self) -> Vec<&Region> {
        self.pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Region(r) => Some(r),
                Piece::Plain(_) => None,
            })
            .collect()
    }

    /// The text with each region replaced by the chosen side, in order; `None` unless there
    /// is exactly one choice per region.
    pub fn resolve(&self, choices: &[Side]) -> Option<String> {
        if choices.len() != self.regions().len() {
            return None;
        }
        Some(self.build(|i| choices[i]).0)
    }

    /// The text with every region resolved by `choose(index)`, and where each region's
    /// chosen text lies in it.
    fn build(&self, choose: impl Fn(usize) -> Side) -> (String, Vec<Range<usize>>) {
        let mut out = String::new();
        let mut spans = Vec::new();
        for p in &self.pieces {
            match p {
                Piece::Plain(s) => out.push_str(s),
                Piece::Region(r) => {
                    let start = out.len();
                    out.push_str(match choose(spans.len()) {
                        Side::Ours => &r.ours,
                        Side::Theirs => &r.theirs,
                    });
                    spans.push(start..out.len());
                }
            }
        }
        (out, spans)
    }

    /// Where each region lies in the dataset, read from the text with all ours and with all
    /// theirs.
    pub fn places(&self) -> Vec<Place> {
        let (ours_text, ours_spans) = self.build(|_| Side::Ours);
        let (theirs_text, theirs_spans) = self.build(|_| Side::Theirs);
        let ours_tree = json_tree::parse(&ours_text).ok();
        let theirs_tree = json_tree::parse(&theirs_text).ok();
        self.regions()
            .into_iter()
            .enumerate()
            .map(|(i, region)| {
                let o = ours_tree
                    .as_ref()
                    .map(|t| locate(t, &ours_text, &ours_spans[i]));
                let t = theirs_tree
                    .as_ref()
                    .map(|t| locate(t, &theirs_text, &theirs_spans[i]));
                Place::of(region, o, t)
            })
            .collect()
    }
}

/// What a region holds on one side: the innermost object or list around it, and the members
/// or items of that container it touches.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Found {
    path: String,
    deliverable: Option<String>,
    /// Member keys (`status`) or item labels (`[id]`).
    touched: Vec<String>,
    /// The value's text (on one line, cut short) when exactly one member is touched.
    value: Option<String>,
    /// That value itself: a string's content, or other JSON as written.
    full: Option<String>,
}

fn locate(root: &Node, text: &str, range: &Range<usize>) -> Found {
    let mut found = Found {
        path: String::new(),
        deliverable: None,
        touched: Vec::new(),
        value: None,
        full: None,
    };
    let mut node = root;
    let mut top = true;
    'descend: loop {
        let overlaps = |span: &Range<usize>| {
            if range.is_empty() {
                false
            } else {
                span.start < range.end && span.end > range.start
            }
        };
        let inside = |span: &Range<usize>| span.start < range.start && range.end < span.end;
        match &node.kind {
            Kind::Object(members) => {
                for m in members {
                    if matches!(m.value.kind, Kind::Object(_) | Kind::Array(_))
                        && inside(&m.value.span)
                    {
                        if !top {
                            found.path.push('.');
                        }
                        found.path.push_str(&m.key);
                        top = false;
                        node = &m.value;
                        continue 'descend;
                    }
                }
                let touched: Vec<_> = members.iter().filter(|m| overlaps(&m.span)).collect();
                if let [one] = touched.as_slice() {
                    let raw = &text[one.value.span.clone()];
                    found.value = Some(short(raw));
                    found.full = Some(one.value.as_str().unwrap_or(raw).to_string());
                }
                found.touched = touched.iter().map(|m| m.key.to_string()).collect();
            }
            Kind::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let label = label(item, i);
                    if matches!(item.kind, Kind::Object(_) | Kind::Array(_)) && inside(&item.span) {
                        if found.path == "deliverables" {
                            found.deliverable =
                                item.get("id").and_then(Node::as_str).map(str::to_string);
                        }
                        found.path.push_str(&label);
                        top = false;
                        node = item;
                        continue 'descend;
                    }
                }
                found.touched = items
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| overlaps(&n.span))
                    .map(|(i, n)| label(n, i))
                    .collect();
            }
            _ => {}
        }
        return found;
    }
}

/// `[id]` for an object with a string id, else `[index]`.
fn label(item: &Node, index: usize) -> String {
    match item.get("id").and_then(Node::as_str) {
        Some(id) => format!("[{id}]"),
        None => format!("[{index}]"),
    }
}

/// A value's text on one line, cut short when long.
fn short(raw: &str) -> String {
    let one_line: String = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    const MAX: usize = 60;
    if one_line.chars().count() > MAX {
        let cut: String = one_line.chars().take(MAX).collect();
        format!("{cut}…")
    } else {
        one_line
    }
}

/// Where a conflict is, said for a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The line of its `<<<<<<<` marker.
    pub line: usize,
    /// The deliverable's id, when the region lies inside one deliverable.
    pub deliverable: Option<String>,
    /// The field, when the region is one field on both sides.
    pub field: Option<String>,
    /// The path of the object that holds that field (`deliverables[a]`; empty at the top
    /// level): a field of a deliverable, not of an object inside one.
    pub holder: Option<String>,
    /// That field's value on each side: a string's content, or other JSON as written.
    pub ours: Option<String>,
    pub theirs: Option<String>,
    /// `deliverables[id].status: "done" (ours) / "blocked" (theirs)`, or what the region spans.
    pub what: String,
}

impl Place {
    fn of(region: &Region, ours: Option<Found>, theirs: Option<Found>) -> Place {
        let lines = |s: &str| s.lines().count();
        let count = |n: usize| {
            if n == 1 {
                "1 line".to_string()
            } else {
                format!("{n} lines")
            }
        };
        let fallback = || Place {
            line: region.line,
            deliverable: None,
            field: None,
            holder: None,
            ours: None,
            theirs: None,
            what: format!(
                "lines {}-{}: {} (ours) / {} (theirs)",
                region.line,
                region.end_line,
                count(lines(&region.ours)),
                count(lines(&region.theirs))
            ),
        };
        let (Some(o), Some(t)) = (ours, theirs) else {
            return fallback();
        };
        let deliverable = o.deliverable.clone().or(t.deliverable.clone());
        if o.path == t.path
            && o.touched == t.touched
            && let [key] = o.touched.as_slice()
        {
            let sep = if o.path.is_empty() { "" } else { "." };
            let (ov, tv) = (o.value.unwrap_or_default(), t.value.unwrap_or_default());
            return Place {
                line: region.line,
                deliverable,
                field: Some(key.clone()),
                holder: Some(o.path.clone()),
                ours: o.full,
                theirs: t.full,
                what: format!("{}{sep}{key}: {ov} (ours) / {tv} (theirs)", o.path),
            };
        }
        let side = |f: &Found, text: &str| {
            if f.touched.is_empty() {
                if text.trim().is_empty() {
                    "nothing".to_string()
                } else {
                    count(lines(text))
                }
            } else {
                f.touched.join(", ")
            }
        };
        let path = if o.path == t.path {
            o.path.clone()
        } else {
            format!("{} / {}", o.path, t.path)
        };
        Place {
            line: region.line,
            deliverable,
            field: None,
            holder: None,
            ours: None,
            theirs: None,
            what: format!(
                "{}: {} (ours) / {} (theirs)",
                if path.is_empty() {
                    "the top level".to_string()
                } else {
                    path
                },
                side(&o, &region.ours),
                side(&t, &region.theirs)
            ),
        }
    }
}
