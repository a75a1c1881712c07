//! The one search engine. The TUI's `/` and `councilor list --query` both parse with
//! [`Query::parse`], filter and rank with [`run`], and the screen marks matches with
//! [`Query::title_marks`] and [`Query::text_marks`].
//!
//! Short fields (title, id, owner, area and council names and ids) are matched fuzzily;
//! long text (description, notes, evidence) by substring, because fuzzy matching of long
//! text matches nearly everything and costs far more. Terms of one or two characters match
//! only as substrings (at a word start in long text), so that `ai` finds AI deliverables
//! rather than every title with an a and an i.

mod parse;
pub mod text;

use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;

use crate::figures::is_overdue;
use crate::model::{Area, Category, Council, Dataset, Deliverable, LongText, SharedStr};
pub use parse::{FIELDS, Field};
use parse::{Scope, parse};
use text::{Needle, abbreviates, char_ranges, starts_word, whole_word};

/// Above this many rows the scoring is shared among all cores.
const PARALLEL_FROM: usize = 4096;
/// What a match in long text is worth: less than any match in a short field.
const LONG_TEXT: i64 = 10;
/// What each further mention of a word in a field adds (at most twice).
const REPEAT: i64 = 8;

#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    needle: Needle,
    /// The same needle for long text (word starts for short ASCII terms).
    long: Needle,
    /// Matched as a substring only: short terms and quoted phrases.
    exact: bool,
}

impl Term {
    /// This substring-only term finds `old`'s text wherever it finds its own: it starts with
    /// it, and in long text it is held to word starts if `old` was.
    fn grows(&self, old: &Term) -> bool {
        self.exact
            && old.exact
            && self.needle.lower.starts_with(&old.needle.lower)
            && (!old.long.word_start() || self.long.word_start())
    }
}

/// A parsed query, independent of any dataset.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    text: String,
    terms: Vec<Term>,
    excluded: Vec<Needle>,
    scopes: Vec<Scope>,
    problems: Vec<String>,
}

impl Query {
    pub fn parse(text: &str) -> Query {
        let parsed = parse(text);
        let mut terms = Vec::new();
        let mut excluded = Vec::new();
        for t in parsed.terms {
            if t.exclude {
                excluded.push(Needle::new(&t.text, false));
                continue;
            }
            let needle = Needle::new(&t.text, false);
            let exact = t.phrase || needle.len() <= 2;
            terms.push(Term {
                long: needle.with_word_start(needle.len() <= 2),
                needle,
                exact,
            });
        }
        Query {
            text: text.to_string(),
            terms,
            excluded,
            scopes: parsed.scopes,
            problems: parsed.problems,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// True when both find the same (a trailing space or a half-typed scope changes nothing).
    pub fn same_search(&self, other: &Query) -> bool {
        self.terms == other.terms
            && self.excluded == other.excluded
            && self.scopes == other.scopes
            && self.problems == other.problems
    }

    /// True when every row this query finds is also found by `broader`, whatever the data:
    /// it has each scope and exclusion of `broader`, and each term of `broader` is one of its
    /// terms or the start of one of its substring-only terms (`s`, then `su`). Its search can
    /// then score only what `broader` found. A fuzzy term grown is not taken: the scorer may
    /// accept `subm` in a title where it refuses `sub`.
    pub fn narrows(&self, broader: &Query) -> bool {
        broader.scopes.iter().all(|s| self.scopes.contains(s))
            && broader.excluded.iter().all(|n| self.excluded.contains(n))
            && broader
                .terms
                .iter()
                .all(|b| self.terms.iter().any(|t| t == b || t.grows(b)))
    }

    /// True when the query filters nothing (empty, or only half-typed parts).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.excluded.is_empty() && self.scopes.is_empty()
    }

    /// True when the query asks for the removed deliverables (`is:removed`); every other
    /// query leaves them out.
    pub fn wants_removed(&self) -> bool {
        self.scopes
            .iter()
            .any(|s| s.field == Field::Is && !s.exclude && s.value.eq_ignore_ascii_case(REMOVED))
    }

    /// True when the query asks for a chain of deliverables (`chain:`): which rows it finds
    /// depends on the others, not on each row alone.
    pub fn asks_for_chain(&self) -> bool {
        self.scopes.iter().any(|s| s.field == Field::Chain)
    }

    /// Mistakes in the query itself (an unknown scope): said, never fatal.
    pub fn problems(&self) -> &[String] {
        &self.problems
    }

    /// The characters of `title` to highlight (char indices, ascending).
    pub fn title_marks(&self, title: &str) -> Vec<usize> {
        let matcher = SkimMatcherV2::default().ignore_case();
        let mut marks = Vec::new();
        for term in &self.terms {
            let found = term.needle.find_all(title);
            let at_words: Vec<(usize, usize)> = found
                .iter()
                .copied()
                .filter(|&(s, _)| starts_word(title, s))
                .collect();
            let chosen = if !at_words.is_empty() {
                at_words
            } else {
                found.into_iter().take(1).collect()
            };
            if !chosen.is_empty() {
                marks.extend(char_ranges(title, &chosen).into_iter().flatten());
            } else if !term.exact
                && let Some((_, indices)) = matcher.fuzzy_indices(title, &term.needle.lower)
                && abbreviates(title, &indices)
            {
                marks.extend(indices);
            }
        }
        marks.sort_unstable();
        marks.dedup();
        marks
    }

    /// The parts of a long text to highlight (char ranges, ascending, not overlapping).
    pub fn text_marks(&self, text: &str) -> Vec<Range<usize>> {
        let mut ranges: Vec<Range<usize>> = self
            .terms
            .iter()
            .flat_map(|t| char_ranges(text, &t.long.find_all(text)))
            .collect();
        ranges.sort_by_key(|r| (r.start, r.end));
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
        for r in ranges {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        merged
    }
}

/// What a search found: the rows, best first, and anything to say about the query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    pub rows: Vec<usize>,
    /// Each row's score (what ranks it; 0 for every row of a query without free terms).
    pub scores: Vec<i64>,
    /// The same rows in the order of the candidates (file order): what a narrower search
    /// takes as its candidates, without sorting `rows` again.
    pub in_file_order: Vec<usize>,
    pub problems: Vec<String>,
}

/// The order of a search's rows: best score first, ties in file order.
pub fn ranks_before(a: (i64, usize), b: (i64, usize)) -> bool {
    a.0 > b.0 || (a.0 == b.0 && a.1 < b.1)
}

/// Allowed and refused values of one field, from the scopes.
#[derive(Default)]
struct Allow {
    /// `None`: no positive scope on this field.
    any_of: Option<HashSet<String>>,
    none_of: HashSet<String>,
}

impl Allow {
    /// True when no scope names this field: everything passes.
    fn is_open(&self) -> bool {
        self.any_of.is_none() && self.none_of.is_empty()
    }

    fn passes<'a>(&self, mut values: impl Iterator<Item = &'a str> + Clone) -> bool {
        let ok = self
            .any_of
            .as_ref()
            .is_none_or(|set| values.clone().any(|v| set.contains(v)));
        ok && !values.any(|v| self.none_of.contains(v))
    }
}

/// What `is:` can name besides the categories.
const OVERDUE: &str = "overdue";
/// `is:removed`: the removed deliverables, which every other search leaves out.
const REMOVED: &str = "removed";

/// The query resolved against one dataset: scope values become sets of ids, and each term
/// is scored once per council and per area rather than once per row. Made once per search
/// (a `Scan` keeps it from one slice to the next).
struct Plan {
    terms: Vec<Term>,
    excluded: Vec<Needle>,
    /// `YYYY-MM-DD`, for `is:overdue` (empty: nothing is overdue).
    today: String,
    matcher: SkimMatcherV2,
    status: Allow,
    /// The categories (by name) that `is:` allows and refuses.
    category: Allow,
    /// Whether `is:overdue` and `-is:overdue` were asked for (both: nothing passes).
    overdue: (bool, bool),
    area: Allow,
    council: Allow,
    /// Councils by a chair's name and by partner (ids).
    chair: Allow,
    partner: Allow,
    /// Councils by series (ids).
    series: Allow,
    owner: (Vec<Needle>, Vec<Needle>),
    id: (Vec<Needle>, Vec<Needle>),
    /// `chain:`: the ids of the chain, when asked for.
    chain: Option<HashSet<String>>,
    /// `is:removed`: only the removed deliverables (else only the others).
    removed: bool,
    /// Per term: the best score of each council and of each area (by position).
    council_scores: Vec<Vec<Option<i64>>>,
    area_scores: Vec<Vec<Option<i64>>>,
    /// Per term: whether any council (area) name matches at all.
    council_any: Vec<bool>,
    area_any: Vec<bool>,
    problems: Vec<String>,
}

/// The choices a scope value picks: exact ids or names first, else prefixes (of the id,
/// the name or a word of either), else fuzzy matches.
fn resolve(value: &str, choices: &[(&str, &str)], matcher: &SkimMatcherV2) -> Vec<String> {
    let v = value.to_lowercase();
    let pick = |test: &dyn Fn(&str) -> bool| -> Vec<String> {
        choices
            .iter()
            .filter(|(id, name)| test(id) || test(name))
            .map(|(id, _)| id.to_string())
            .collect()
    };
    let exact = pick(&|s| s.to_lowercase() == v);
    if !exact.is_empty() {
        return exact;
    }
    let prefix = pick(&|s| {
        let s = s.to_lowercase();
        s.starts_with(&v)
            || s.split(|c: char| !c.is_alphanumeric())
                .any(|w| w.starts_with(&v))
    });
    if !prefix.is_empty() {
        return prefix;
    }
    pick(&|s| matcher.fuzzy_match(s, &v).is_some())
}

impl std::fmt::Debug for Plan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Plan").finish_non_exhaustive()
    }
}

impl Plan {
    fn new(data: &Dataset, query: &Query, today: &str) -> Self {
        let matcher = SkimMatcherV2::default().ignore_case();
        let mut problems = query.problems.clone();
        let (mut status, mut area, mut council) =
            (Allow::default(), Allow::default(), Allow::default());
        let (mut chair, mut partner, mut series) =
            (Allow::default(), Allow::default(), Allow::default());
        let chairs: Vec<(&str, &str)> = data
            .councils
            .iter()
            .flat_map(|c| c.chairs.iter().map(|n| (c.id.as_str(), n.as_str())))
            .collect();
        let partners: Vec<(&str, &str)> = data
            .councils
            .iter()
            .filter_map(|c| Some((c.id.as_str(), c.partner.as_deref()?)))
            .collect();
        let serieses: Vec<(&str, &str)> = data
            .councils
            .iter()
            .filter_map(|c| Some((c.id.as_str(), c.series.as_deref()?)))
            .collect();
        let mut chain: Option<HashSet<String>> = None;
        let (mut category, mut overdue) = (Allow::default(), (false, false));
        let kinds: Vec<(&str, &str)> = Category::ALL
            .iter()
            .map(|c| c.name())
            .chain([OVERDUE])
            .map(|k| (k, k))
            .collect();
        let (mut owner, mut id) = ((vec![], vec![]), (vec![], vec![]));
        let statuses: Vec<(&str, &str)> = data.status_names().map(|s| (s, s)).collect();
        let areas: Vec<(&str, &str)> = data
            .areas
            .iter()
            .map(|a| (a.id.as_str(), a.name.as_str()))
            .collect();
        let councils: Vec<(&str, &str)> = data
            .councils
            .iter()
            .map(|c| (c.id.as_str(), c.name.as_str()))
            .collect();
        for scope in &query.scopes {
            let (allow, choices, what) = match scope.field {
                Field::Status => (&mut status, &statuses, "status"),
                Field::Area => (&mut area, &areas, "area"),
                Field::Council => (&mut council, &councils, "council"),
                Field::Chair => (&mut chair, &chairs, "chair"),
                Field::Partner => (&mut partner, &partners, "partner"),
                Field::Series => (&mut series, &serieses, "series"),
                Field::Chain => {
                    let found = chain_of(data, &scope.value);
                    if found.is_empty() {
                        problems.push(format!("no deliverable has the id {:?}", scope.value));
                    }
                    chain.get_or_insert_with(HashSet::new).extend(found);
                    continue;
                }
                Field::Is if scope.value.eq_ignore_ascii_case(REMOVED) => continue,
                Field::Is => {
                    let found = resolve(&scope.value, &kinds, &matcher);
                    if found.is_empty() {
                        problems.push(format!(
                            "no category matches {:?}; use is:open is:active is:blocked is:done is:dropped is:overdue is:removed",
                            scope.value
                        ));
                    }
                    let (categories, late): (Vec<String>, Vec<String>) =
                        found.into_iter().partition(|k| k != OVERDUE);
                    // A prefix of both (`is:o`, half typed) means the category: overdue is
                    // another question than a category, not one more choice among them.
                    if !late.is_empty() && categories.is_empty() {
                        if scope.exclude {
                            overdue.1 = true;
                        } else {
                            overdue.0 = true;
                        }
                    }
                    if categories.is_empty() {
                        continue;
                    }
                    if scope.exclude {
                        category.none_of.extend(categories);
                    } else {
                        category
                            .any_of
                            .get_or_insert_with(HashSet::new)
                            .extend(categories);
                    }
                    continue;
                }
                Field::Owner | Field::Id => {
                    let lists = if scope.field == Field::Owner {
                        &mut owner
                    } else {
                        &mut id
                    };
                    let needle = Needle::new(&scope.value, false);
                    if scope.exclude {
                        lists.1.push(needle);
                    } else {
                        lists.0.push(needle);
                    }
                    continue;
                }
            };
            let found = resolve(&scope.value, choices, &matcher);
            if found.is_empty() {
                problems.push(format!("no {what} matches {:?}", scope.value));
            }
            if scope.exclude {
                allow.none_of.extend(found);
            } else {
                allow.any_of.get_or_insert_with(HashSet::new).extend(found);
            }
        }
        let mut plan = Plan {
            terms: query.terms.clone(),
            excluded: query.excluded.clone(),
            today: today.to_string(),
            matcher,
            status,
            category,
            overdue,
            area,
            council,
            chair,
            partner,
            series,
            owner,
            id,
            chain,
            removed: query.wants_removed(),
            council_scores: vec![],
            area_scores: vec![],
            council_any: vec![],
            area_any: vec![],
            problems,
        };
        let named = |plan: &Plan, term: &Term, (id, name): (&str, &str)| {
            let best = plan.short(term, name).max(plan.short(term, id));
            best.map(|s| s / 2)
        };
        // A council's name and id, else (at a lower weight) its chairs, partner, place and
        // short label. Not its summary: a word of it would bring in every deliverable of
        // the council.
        let context = |plan: &Plan, term: &Term, c: &Council| {
            // One or two letters would find a syllable of some chair's name.
            if term.exact && term.needle.len() <= 2 {
                return None;
            }
            c.chairs
                .iter()
                .map(String::as_str)
                .chain(c.partner.as_deref())
                .chain(c.location.as_deref())
                .chain(c.short.as_deref())
                .filter_map(|f| plan.short(term, f))
                .max()
                .map(|s| s / 4)
        };
        plan.council_scores = query
            .terms
            .iter()
            .map(|t| {
                councils
                    .iter()
                    .zip(&data.councils)
                    .map(|(&c, council)| named(&plan, t, c).or_else(|| context(&plan, t, council)))
                    .collect()
            })
            .collect();
        plan.area_scores = query
            .terms
            .iter()
            .map(|t| areas.iter().map(|&a| named(&plan, t, a)).collect())
            .collect();
        let any = |scores: &Vec<Vec<Option<i64>>>| -> Vec<bool> {
            scores
                .iter()
                .map(|per| per.iter().any(Option::is_some))
                .collect()
        };
        plan.council_any = any(&plan.council_scores);
        plan.area_any = any(&plan.area_scores);
        plan
    }

    /// A term against a short field. A contiguous match always beats a scattered one:
    /// whole words first, then word starts, then inside a word; equal matches tie (and
    /// keep file order) rather than differ by the fuzzy scorer's noise. A word the field
    /// repeats counts a little more. Scattered (fuzzy) matches are for longer free terms.
    fn short(&self, term: &Term, field: &str) -> Option<i64> {
        let n = term.needle.len() as i64;
        let mut best = None;
        let mut words = 0;
        for (s, e) in term.needle.matches(field) {
            let score = if whole_word(field, s, e) {
                60 + 16 * n
            } else if starts_word(field, s) {
                40 + 16 * n
            } else {
                12 * n
            };
            words += i64::from(starts_word(field, s));
            best = best.max(Some(score));
        }
        if let Some(best) = best {
            return Some(best + REPEAT * (words - 1).clamp(0, 2));
        }
        if term.exact {
            return None;
        }
        if !term.needle.in_order_from_word(field) {
            return None;
        }
        let (scattered, at) = self.matcher.fuzzy_indices(field, &term.needle.lower)?;
        abbreviates(field, &at).then_some((scattered / 2).min(10 * n))
    }

    fn passes_scopes(&self, data: &Dataset, d: &Deliverable) -> bool {
        let needles = |(any, none): &(Vec<Needle>, Vec<Needle>), value: &str| {
            (any.is_empty() || any.iter().any(|n| n.contains(value)))
                && !none.iter().any(|n| n.contains(value))
        };
        let (late, not_late) = self.overdue;
        let overdue = || is_overdue(data, d, &self.today);
        d.removed == self.removed
            && self
                .chain
                .as_ref()
                .is_none_or(|c| c.contains(d.id.as_str()))
            && self.status.passes(std::iter::once(d.status.as_str()))
            && (self.category.is_open()
                || self
                    .category
                    .passes(std::iter::once(data.category_of(&d.status).name())))
            && (!late || overdue())
            && (!not_late || !overdue())
            && self.council.passes(std::iter::once(d.council.as_str()))
            && self.chair.passes(std::iter::once(d.council.as_str()))
            && self.partner.passes(std::iter::once(d.council.as_str()))
            && self.series.passes(std::iter::once(d.council.as_str()))
            && self.area.passes(d.areas.iter().map(SharedStr::as_str))
            && needles(&self.owner, d.owner.as_deref().unwrap_or(""))
            && needles(&self.id, &d.id)
    }

    fn excluded(&self, data: &Dataset, d: &Deliverable) -> bool {
        self.excluded.iter().any(|n| {
            [d.title.as_str(), &d.id, d.owner.as_deref().unwrap_or("")]
                .into_iter()
                .any(|t| n.contains(t))
                || SEARCHED_LONG.into_iter().any(|t| long_holds(d, t, n))
                || council_of(data, d).is_some_and(|(_, c)| n.contains(&c.name))
                || areas_of(data, d).any(|(_, a)| n.contains(&a.name))
        })
    }

    /// The row's score, or `None` when it does not match; `read_long` says whether its long
    /// texts were read.
    fn score(&self, data: &Dataset, d: &Deliverable, read_long: &mut bool) -> Option<i64> {
        *read_long = false;
        if !self.passes_scopes(data, d) || self.excluded(data, d) {
            return None;
        }
        let mut total = 0;
        for (t, term) in self.terms.iter().enumerate() {
            // A field without every letter of the term is not looked at.
            let weighted = |field: &str, letters: u64, weight: i64| {
                term.needle
                    .may_be_in(letters)
                    .then(|| self.short(term, field))
                    .flatten()
                    .map(|s| s * weight / 4)
            };
            // Most terms match no council or area name: then nothing to look at per row.
            let council = self.council_any[t]
                .then(|| council_of(data, d))
                .flatten()
                .and_then(|(i, _)| self.council_scores[t][i]);
            let areas = if self.area_any[t] {
                areas_of(data, d)
                    .filter_map(|(i, _)| self.area_scores[t][i])
                    .max()
            } else {
                None
            };
            let short = [
                weighted(&d.title, d.letters.title, 4),
                weighted(&d.id, d.letters.id, 3),
                d.owner
                    .as_deref()
                    .and_then(|o| weighted(o, d.letters.owner, 2)),
                council,
                areas,
            ]
            .into_iter()
            .flatten()
            .max();
            let score = short.or_else(|| {
                if !term.long.may_be_in(d.letters.long) {
                    return None;
                }
                *read_long = true;
                SEARCHED_LONG
                    .into_iter()
                    .any(|text| long_holds(d, text, &term.long))
                    .then_some(LONG_TEXT)
            })?;
            total += score;
        }
        Some(total)
    }
}

/// The long texts a search looks in.
const SEARCHED_LONG: [LongText; 3] = [LongText::Description, LongText::Notes, LongText::Evidence];

/// Whether a long text of `d` holds `needle`, looked for in the file's text as it is: one
/// written with escapes is read (unescaped) only when it may hold it. It may not when the
/// needle is not found in it as written, the needle has no character an escape stands for
/// (a quote, a backslash, a slash, a control) and no `\u` escape is there: each character
/// of a match then stands as itself, side by side, in the text as written. (A needle that
/// must start a word is not looked for so: an escape before it can make a word start.)
fn long_holds(d: &Deliverable, text: LongText, needle: &Needle) -> bool {
    let Some(written) = d.long_written(text) else {
        return false;
    };
    if !d.spans_in_object.escaped(text) {
        return needle.contains(written);
    }
    let plain = !needle.word_start()
        && !needle
            .lower
            .chars()
            .any(|c| matches!(c, '"' | '\\' | '/') || c.is_control());
    if plain && !written.contains("\\u") && !needle.contains(written) {
        return false;
    }
    d.long_text(text).is_some_and(|t| needle.contains(&t))
}

/// The deliverable's council and its position, by the position read with it (`None` only if
/// the dataset changed without the deliverable being read again).
fn council_of<'d>(data: &'d Dataset, d: &Deliverable) -> Option<(usize, &'d Council)> {
    let i = d.places.council as usize;
    data.councils.get(i).map(|c| (i, c))
}

/// The deliverable's areas and their positions.
fn areas_of<'d>(
    data: &'d Dataset,
    d: &'d Deliverable,
) -> impl Iterator<Item = (usize, &'d Area)> + 'd {
    d.places.areas.iter().filter_map(|&i| {
        let i = i as usize;
        data.areas.get(i).map(|a| (i, a))
    })
}

/// The ids of the chain `id` is in: the deliverables it follows, those that follow it, and
/// so on both ways. Empty when no deliverable has that id.
fn chain_of(data: &Dataset, id: &str) -> HashSet<String> {
    let mut chain = HashSet::new();
    if data.deliverable_index(id).is_none() {
        return chain;
    }
    let mut todo = vec![id.to_string()];
    while let Some(next) = todo.pop() {
        if !chain.insert(next.clone()) {
            continue;
        }
        if let Some(d) = data.deliverable_index(&next).map(|i| &data.deliverables[i])
            && let Some(earlier) = &d.follows
        {
            todo.push(earlier.to_string());
        }
        todo.extend(
            data.deliverables
                .iter()
                .filter(|x| x.follows.as_deref() == Some(next.as_str()))
                .map(|x| x.id.to_string()),
        );
    }
    chain
}

/// How many rows ahead of the one scored the next are asked for from memory.
const AHEAD: usize = 4;
/// Rows scored in turn on one core.
const CHUNK: usize = 512;

/// The matches among `rows`, scored in turn. A scan of many rows waits on memory more than
/// it computes: each row is asked for eight rows ahead of its turn, and four ahead (its
/// pointers then at hand) its short fields and areas, its long texts too while the rows
/// before it needed theirs (no short field matched).
fn in_turn<'s>(
    plan: &'s Plan,
    data: &'s Dataset,
    rows: &'s [usize],
) -> impl Iterator<Item = (i64, usize)> + 's {
    let mut read_long = true;
    (0..rows.len()).filter_map(move |k| {
        if let Some(&far) = rows.get(k + 2 * AHEAD) {
            let d = &data.deliverables[far];
            prefetch((d as *const Deliverable).cast(), size_of::<Deliverable>());
        }
        if let Some(&ahead) = rows.get(k + AHEAD) {
            let d = &data.deliverables[ahead];
            for short in [Some(&d.title), Some(&d.id), d.owner.as_ref()]
                .into_iter()
                .flatten()
            {
                prefetch(short.as_ptr(), short.len().min(64));
            }
            let areas = &d.places.areas;
            prefetch(areas.as_ptr().cast(), size_of_val(&**areas));
            if read_long {
                for long in SEARCHED_LONG.into_iter().filter_map(|t| d.long_json(t)) {
                    prefetch(long.as_ptr(), long.len());
                }
            }
        }
        let i = rows[k];
        plan.score(data, &data.deliverables[i], &mut read_long)
            .map(|s| (s, i))
    })
}

/// Asks for the cache lines of the `len` bytes from `start`, without waiting for them.
#[cfg(target_arch = "x86_64")]
fn prefetch(start: *const u8, len: usize) {
    use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
    if len == 0 {
        return;
    }
    let first = start as usize / 64;
    let last = (start as usize).wrapping_add(len - 1) / 64;
    for line in first..=last {
        // SAFETY: a prefetch is a hint: it reads nothing the program sees and never
        // faults, whatever the address; SSE is part of every x86-64 processor.
        unsafe { _mm_prefetch::<_MM_HINT_T0>(start.wrapping_add((line - first) * 64).cast()) }
    }
}

#[cfg(not(target_arch = "x86_64"))]
fn prefetch(_: *const u8, _: usize) {}

/// A search done a slice of rows at a time, so that the terminal UI reads keys between
/// slices: the scores so far, and where the next slice starts.
#[derive(Debug, Clone)]
pub struct Scan {
    query: Query,
    /// `YYYY-MM-DD`, the day `is:overdue` is judged on.
    today: String,
    /// Shared with the list that offered them: a search of a million rows starts without
    /// copying them.
    candidates: Arc<Vec<usize>>,
    next: usize,
    hits: Vec<(i64, usize)>,
    /// Made by the first slice, for all of them (the dataset does not change under a scan).
    plan: Option<Arc<Plan>>,
}

impl Scan {
    /// A search of `candidates` (indices into `data.deliverables`, in file order); `today`
    /// (`YYYY-MM-DD`) is the day `is:overdue` is judged on.
    pub fn new(query: Query, candidates: impl Into<Arc<Vec<usize>>>, today: &str) -> Scan {
        Scan {
            query,
            today: today.to_string(),
            candidates: candidates.into(),
            next: 0,
            hits: Vec::new(),
            plan: None,
        }
    }

    pub fn query(&self) -> &Query {
        &self.query
    }

    /// A search of `candidates` for `query` on `today` that starts from what this scan
    /// worked out before its first row (when it is the same search on the same day), rather
    /// than resolving the query against every council and area again. The caller answers for
    /// the rest: the dataset's statuses, councils, areas and links between deliverables are
    /// as they were when this scan began.
    pub fn again(&self, query: &Query, today: &str, candidates: Vec<usize>) -> Scan {
        let same = self.query.same_search(query) && self.today == today;
        Scan {
            plan: if same { self.plan.clone() } else { None },
            ..Scan::new(query.clone(), candidates, today)
        }
    }

    /// This scan's plan without its rows: what [`Scan::again`] starts from, kept small.
    pub fn plan_only(&self) -> Scan {
        Scan {
            plan: self.plan.clone(),
            ..Scan::new(self.query.clone(), Vec::new(), &self.today)
        }
    }

    /// How many candidates there are in all.
    pub fn len(&self) -> usize {
        self.candidates.len()
    }

    /// How many candidates are still to be scored.
    pub fn left(&self) -> usize {
        self.candidates.len() - self.next
    }

    pub fn is_empty(&self) -> bool {
        self.candidates.is_empty()
    }

    /// Scores up to `rows` more candidates; once every one is scored, what was found: best
    /// match first with ties in file order, or in file order when the query has no free
    /// terms.
    pub fn step(&mut self, data: &Dataset, rows: usize) -> Option<Outcome> {
        // In a file of many councils the plan takes as long as a slice of rows: a search in
        // slices makes it in a slice of its own, so that a key waits for one or the other.
        if self.plan.is_none() && rows < self.candidates.len() {
            self.plan = Some(Arc::new(Plan::new(data, &self.query, &self.today)));
            return None;
        }
        let plan = self
            .plan
            .get_or_insert_with(|| Arc::new(Plan::new(data, &self.query, &self.today)));
        let end = self.next.saturating_add(rows).min(self.candidates.len());
        let slice = &self.candidates[self.next..end];
        if slice.len() >= PARALLEL_FROM {
            self.hits.par_extend(
                slice
                    .par_chunks(CHUNK)
                    .flat_map_iter(|rows| in_turn(plan, data, rows)),
            );
        } else {
            self.hits.extend(in_turn(plan, data, slice));
        }
        self.next = end;
        if end < self.candidates.len() {
            return None;
        }
        let hits = std::mem::take(&mut self.hits);
        // Scored in the candidates' order: the rows in that order come before the ranking.
        let in_file_order = hits.iter().map(|&(_, i)| i).collect();
        let (rows, scores) = if self.query.terms.is_empty() {
            hits.into_iter().map(|(s, i)| (i, s)).unzip()
        } else {
            ranked(hits)
        };
        Some(Outcome {
            scores,
            rows,
            in_file_order,
            problems: plan.problems.clone(),
        })
    }
}

/// `hits` (in the candidates' order, which is file order) best score first, ties in file
/// order: their rows and scores. Scores are small sums that take few values, so many hits
/// are placed by counting them (one pass to count each score, one to place each hit) rather
/// than compared: at a million hits, sorting them was most of a search's last slice.
fn ranked(mut hits: Vec<(i64, usize)>) -> (Vec<usize>, Vec<i64>) {
    /// Scores apart by more than this are compared instead (a count per value would cost more).
    const SPAN: i64 = 1 << 16;
    let lowest = hits.iter().map(|h| h.0).min().unwrap_or(0);
    let highest = hits.iter().map(|h| h.0).max().unwrap_or(0);
    let span = highest
        .checked_sub(lowest)
        .filter(|&span| span < SPAN && hits.len() >= PARALLEL_FROM);
    let Some(span) = span else {
        let order = |a: &(i64, usize), b: &(i64, usize)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        if hits.len() >= PARALLEL_FROM {
            hits.par_sort_unstable_by(order);
        } else {
            hits.sort_unstable_by(order);
        }
        return hits.into_iter().map(|(s, i)| (i, s)).unzip();
    };
    // Where the hits of each score start, the highest score first.
    let mut starts = vec![0usize; span as usize + 1];
    for &(score, _) in &hits {
        starts[(highest - score) as usize] += 1;
    }
    let mut at = 0;
    for start in &mut starts {
        let n = *start;
        *start = at;
        at += n;
    }
    let (mut rows, mut scores) = (vec![0; hits.len()], vec![0; hits.len()]);
    for (score, row) in hits {
        let next = &mut starts[(highest - score) as usize];
        rows[*next] = row;
        scores[*next] = score;
        *next += 1;
    }
    (rows, scores)
}

/// Filters `candidates` (indices into `data.deliverables`, in file order) by the query, all
/// at once: best match first with ties in file order, or in file order when the query has no
/// free terms. `today` (`YYYY-MM-DD`) is the day `is:overdue` is judged on.
pub fn run(data: &Dataset, query: &Query, candidates: &[usize], today: &str) -> Outcome {
    Scan::new(query.clone(), candidates.to_vec(), today)
        .step(data, usize::MAX)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: &str = "2026-12-01";

    #[test]
    fn series_picks_the_councils_of_a_series_of_meetings() {
        let text = r#"{"version": 1,
          "councils": [
            {"id": "dpc", "name": "Digital Partnership Council", "partner": "Japan", "series": "Digital Partnership Council"},
            {"id": "ttc", "name": "Trade and Technology Council", "partner": "India", "series": "Trade and Technology Council"},
            {"id": "none", "name": "A meeting"}
          ],
          "deliverables": [
            {"id": "a", "council": "dpc", "title": "Chips", "status": "planned"},
            {"id": "b", "council": "ttc", "title": "Chips", "status": "planned"},
            {"id": "c", "council": "none", "title": "Chips", "status": "planned"}
          ]}"#;
        let doc = crate::document::Document::from_text(text.to_string()).unwrap();
        let data = doc.data();
        let all: Vec<usize> = (0..data.deliverables.len()).collect();
        let found = |q: &str| run(data, &Query::parse(q), &all, TODAY).rows;
        assert_eq!(found("series:trade"), [1]);
        assert_eq!(found("series:digital chips"), [0]);
        assert_eq!(found("-series:trade"), [0, 2]);
        let nothing = run(data, &Query::parse("series:summit"), &all, TODAY);
        assert!(nothing.rows.is_empty());
    }

    #[test]
    fn a_query_narrows_only_what_can_only_lose_rows() {
        let q = Query::parse;
        // A term, a scope or an exclusion added; a substring-only term grown.
        assert!(q("subm cab").narrows(&q("subm")));
        assert!(q("subm status:done").narrows(&q("subm")));
        assert!(q("subm -draft").narrows(&q("subm")));
        assert!(q("su").narrows(&q("s")));
        assert!(q("\"ai office\"").narrows(&q("\"ai off\"")));
        assert!(q("anything").narrows(&q("")));
        // A fuzzy term grown, a short term become fuzzy, a term or an exclusion changed.
        assert!(!q("subm").narrows(&q("sub")));
        assert!(!q("sub").narrows(&q("su")));
        assert!(!q("cab").narrows(&q("subm")));
        assert!(!q("-drafts").narrows(&q("-draft")));
        assert!(!q("status:done").narrows(&q("status:d")));
        // A phrase that leaves the word-start rule of its first two letters.
        assert!(!q("\"ai o\"").narrows(&q("\"ai\"")));
    }

    #[test]
    fn searching_what_a_broader_query_found_finds_what_searching_everything_finds() {
        let doc = crate::document::Document::from_text(crate::generate::dataset(600, 11))
            .expect("a generated dataset");
        let data = doc.data();
        let all: Vec<usize> = (0..data.deliverables.len()).collect();
        let mut narrowed = 0;
        for typed in [
            "subm cab",
            "s q ai",
            "\"quantum co\" ch",
            "status:planned su e",
            "-st ai of",
            "is:open su",
        ] {
            let prefixes: Vec<&str> = (0..=typed.len()).map(|n| &typed[..n]).collect();
            for (i, broad) in prefixes.iter().enumerate() {
                let broad = Query::parse(broad);
                let mut found = run(data, &broad, &all, TODAY).rows;
                found.sort_unstable();
                for narrow in &prefixes[i + 1..] {
                    let narrow = Query::parse(narrow);
                    if narrow.narrows(&broad) {
                        narrowed += 1;
                        assert_eq!(
                            run(data, &narrow, &found, TODAY),
                            run(data, &narrow, &all, TODAY),
                            "{:?} from {:?}",
                            narrow.text(),
                            broad.text()
                        );
                    }
                }
            }
        }
        assert!(narrowed > 40, "{narrowed}");
    }

    #[test]
    fn a_search_in_slices_finds_what_one_pass_finds() {
        let doc = crate::document::Document::from_text(crate::generate::dataset(3000, 7))
            .expect("a generated dataset");
        let data = doc.data();
        let all: Vec<usize> = (0..data.deliverables.len()).collect();
        for text in ["subm cab", "s", "status:planned ai", "-the"] {
            let query = Query::parse(text);
            let whole = run(data, &query, &all, TODAY);
            let mut sorted = whole.rows.clone();
            sorted.sort_unstable();
            assert_eq!(whole.in_file_order, sorted, "{text}");
            let mut scan = Scan::new(query, all.clone(), TODAY);
            let mut steps = 1;
            let sliced = loop {
                if let Some(found) = scan.step(data, 500) {
                    break found;
                }
                steps += 1;
            };
            assert_eq!(sliced, whole, "{text}");
            assert_eq!(steps, 7, "{text}: one for the plan, six for the rows");
        }
    }

    #[test]
    fn a_search_again_from_an_earlier_plan_finds_what_a_new_search_finds() {
        let doc = crate::document::Document::from_text(crate::generate::dataset(2000, 3))
            .expect("a generated dataset");
        let data = doc.data();
        let all: Vec<usize> = (0..data.deliverables.len()).collect();
        let some: Vec<usize> = all.iter().copied().step_by(7).collect();
        let mut earlier = Scan::new(Query::parse("quantum is:overdue"), all.clone(), TODAY);
        earlier.step(data, usize::MAX);
        let planned = earlier.plan_only();
        assert!(planned.is_empty(), "no rows kept");
        // The same search, another query, another day: each finds what a new search finds.
        for (text, today) in [
            ("quantum is:overdue", TODAY),
            ("quantum is:overdue ", TODAY),
            ("subm cab is:overdue", TODAY),
            ("quantum is:overdue", "2020-01-01"),
        ] {
            let query = Query::parse(text);
            let again = planned
                .again(&query, today, some.clone())
                .step(data, usize::MAX);
            assert_eq!(
                again,
                Some(run(data, &query, &some, today)),
                "{text} {today}"
            );
        }
    }

    #[test]
    fn many_hits_counted_into_place_rank_as_a_sort_would() {
        // Scores with ties and gaps, rows ascending as a scan finds them.
        let mut seed = 7u64;
        let mut hits = Vec::new();
        for row in 0..20_000usize {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            if seed >> 60 < 12 {
                hits.push((((seed >> 33) % 300) as i64 * 4 + 10, row * 3));
            }
        }
        assert!(hits.len() >= PARALLEL_FROM);
        let mut sorted = hits.clone();
        sorted.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let (rows, scores) = ranked(hits.clone());
        assert_eq!(rows, sorted.iter().map(|h| h.1).collect::<Vec<_>>());
        assert_eq!(scores, sorted.iter().map(|h| h.0).collect::<Vec<_>>());
        // Scores too far apart to count are sorted all the same.
        hits[0].0 = 1 << 40;
        let mut sorted = hits.clone();
        sorted.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        assert_eq!(
            ranked(hits).0,
            sorted.iter().map(|h| h.1).collect::<Vec<_>>()
        );
    }

    /// The letters kept with each row only spare looking: with every row said to hold
    /// every letter, each search finds the same rows with the same scores.
    #[test]
    fn a_long_text_with_escapes_is_searched_as_its_unescaped_text() {
        let text = r#"{"version": 1, "councils": [{"id": "c", "name": "C"}],
          "deliverables": [{"id": "a", "council": "c", "title": "t", "status": "planned",
            "evidence": "They \"agreed\"\nnew talks\tin a\/b and Caf\u00e9 \\ tn"}]}"#;
        let data = crate::load::parse(text).unwrap();
        let d = &data.deliverables[0];
        let unescaped = d.evidence().unwrap();
        assert!(unescaped.contains("\"agreed\"\nnew"));
        // Substrings of the text (across every escape) and strings that are not in it.
        let chars: Vec<(usize, char)> = unescaped.char_indices().collect();
        let mut needles: Vec<String> = Vec::new();
        for i in 0..chars.len() {
            for len in 1..6 {
                if let Some(&(end, _)) = chars.get(i + len) {
                    needles.push(unescaped[chars[i].0..end].to_string());
                }
            }
        }
        needles.extend(
            ["nnew", "\\\"agreed", "a\\/b", "u00e9", "tnew", "nt", "xyz"].map(String::from),
        );
        for needle in &needles {
            for word_start in [false, true] {
                let n = Needle::new(needle, word_start);
                assert_eq!(
                    long_holds(d, LongText::Evidence, &n),
                    n.contains(&unescaped),
                    "{needle:?}, word start {word_start}"
                );
            }
        }
    }

    #[test]
    fn a_field_skipped_for_its_letters_could_not_have_matched() {
        let doc = crate::document::Document::from_text(crate::generate::dataset(1500, 5))
            .expect("a generated dataset");
        let data = doc.data();
        let mut every = data.clone();
        for d in &mut every.deliverables {
            d.letters = crate::model::Letters {
                title: !0,
                id: !0,
                owner: !0,
                long: !0,
            };
        }
        let all: Vec<usize> = (0..data.deliverables.len()).collect();
        let mut found = 0;
        for text in [
            "s",
            "sub",
            "SUBM cab",
            "quantum",
            "6g",
            "eu-jp",
            "dpc-2/",
            "ai of",
            "qhpc",
            "量子",
            "été",
            "zz",
            "\"ai office\"",
            "-the ai",
            "status:planned x",
        ] {
            let query = Query::parse(text);
            let expected = run(&every, &query, &all, TODAY);
            found += expected.rows.len();
            assert_eq!(run(data, &query, &all, TODAY), expected, "{text}");
        }
        assert!(found > 3000, "{found}");
    }

    #[test]
    fn title_marks_count_characters() {
        let q = Query::parse("量子 연구");
        // "日本の量子技術と한국 연구": 量子 at chars 3-4, 연구 at chars 11-12.
        assert_eq!(
            q.title_marks("日本の量子技術と한국 연구"),
            vec![3, 4, 11, 12]
        );
        let q = Query::parse("arctic");
        assert_eq!(
            q.title_marks("Direct Europe–Japan links via the Arctic"),
            (34..40).collect::<Vec<_>>()
        );
    }

    #[test]
    fn fuzzy_title_marks_when_no_substring() {
        let q = Query::parse("subm");
        assert_eq!(q.title_marks("Submarine"), vec![0, 1, 2, 3]);
        let q = Query::parse("scab");
        let marks = q.title_marks("Secure submarine cables");
        assert_eq!(marks.len(), 4);
    }

    #[test]
    fn text_marks_merge_and_respect_word_starts() {
        let q = Query::parse("ai office");
        let text = "The EU AI Office maintains offices";
        let marks = q.text_marks(text);
        assert_eq!(marks, vec![7..9, 10..16, 27..33]);
    }
}
