//! The lists the panes show and the selection: the councils and areas chosen, the
//! deliverables after them and the search, the cursor, the marks and the focus.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::lines::{Search, edit_line};
use super::message::Message;
use crate::action::Action;
use crate::document::Moved;
use crate::model::{Dataset, Deliverable};
use crate::search::{self, Query};
use crate::vocabulary::{Pane, Sort};

/// Rows moved by PgUp/PgDn.
pub(crate) const PAGE: usize = 10;
/// A search of up to this many rows is done at once (a few milliseconds); a longer one in
/// slices of this size, between keys.
pub(crate) const SEARCH_SLICE: usize = 8192;
/// How many recent searches are kept, to narrow the next one to what they found.
const KEPT_SEARCHES: usize = 8;

/// A search under way, and the deliverable to keep selected when it is done.
#[derive(Debug, Clone)]
struct Searching {
    scan: search::Scan,
    /// The deliverable the cursor stays on when the search ends, if it finds it.
    keep: Option<String>,
    /// Deliverables edited while it ran: searched again when it ends (it may have scored
    /// them before the edit, or not at all, narrowed to what an earlier search found).
    edited: Vec<usize>,
}

/// An area row of the areas pane: the area's index and its count for the current council.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AreaRow {
    pub area: usize,
    pub count: usize,
}

/// Where the cursor goes when its deliverable is no longer shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fallback {
    /// The first row (a new list).
    Top,
    /// The same row number (the edited row left the list: the next one takes its place).
    SamePlace,
}

pub(crate) struct Lists {
    pub(crate) focus: Pane,
    /// 0 is "All councils", n is council n-1.
    council: usize,
    /// 0 is "All areas", n is `area_rows[n-1]`.
    area: usize,
    /// Index into `rows`.
    selected: usize,
    detail_scroll: u16,
    /// The furthest the details can scroll, as the last frame measured it.
    detail_max_scroll: u16,
    area_rows: Vec<AreaRow>,
    /// The deliverables listed (indices into the data). Without a search, the scope itself:
    /// clearing a search at 1,000,000 rows copies nothing.
    rows: Arc<Vec<usize>>,
    /// The search's score of each row (empty without a search).
    scores: Vec<i64>,
    search: Search,
    /// The deliverables of the chosen council and area, in file order.
    scope: Arc<Vec<usize>>,
    /// `scope` holds the removed deliverables (`is:removed`) rather than the others.
    scope_removed: bool,
    /// Recent searches of `scope` and what they found (in file order): a query that narrows
    /// one of them is scored on its rows only. Emptied when the data or the scope change.
    found: Vec<(Query, Arc<Vec<usize>>)>,
    searching: Option<Searching>,
    /// The last search done, without its rows: a search of a few edited rows starts from
    /// its plan (at a million deliverables, resolving a query against every council is
    /// most of a status key's time). Dropped whenever the data may have changed otherwise.
    planned: Option<search::Scan>,
    /// A deliverable that `s` or `S` took out of the search, kept on its row until the
    /// cursor moves: a second `s` steps the same deliverable on.
    lingering: Option<usize>,
    /// Deliverables marked for a bulk change (indices into the data).
    marked: BTreeSet<usize>,
    /// `YYYY-MM-DD`, the day `is:overdue` is judged on (the session's first day).
    today: String,
    /// The pane that had the focus when the search line opened: Esc goes back to it, so a
    /// key meant for that pane never lands on a deliverable.
    before_search: Option<Pane>,
    /// The order of the list.
    sort: Sort,
}

impl Lists {
    /// The lists of "All councils"; `area_counts` is how many deliverables each area has
    /// (the figures have counted them already: a launch walks the deliverables once less).
    pub(crate) fn new(data: &Dataset, area_counts: &[usize]) -> Self {
        let mut lists = Lists {
            focus: Pane::Councils,
            council: 0,
            area: 0,
            selected: 0,
            detail_scroll: 0,
            detail_max_scroll: u16::MAX,
            area_rows: vec![],
            rows: Arc::default(),
            scores: vec![],
            search: Search::default(),
            scope: Arc::default(),
            scope_removed: false,
            found: vec![],
            searching: None,
            planned: None,
            lingering: None,
            marked: BTreeSet::new(),
            today: String::new(),
            before_search: None,
            sort: Sort::File,
        };
        lists.area_rows = area_rows(area_counts);
        lists.refilter(data, None, Fallback::Top);
        lists
    }

    /// The panes' keys: moving, choosing, marking; Esc takes back marks, then the search.
    pub(crate) fn update(&mut self, data: &Dataset, action: Action) -> Option<Message> {
        // A lingering row goes as the cursor leaves it: the row after it is then where the
        // cursor stands, so Down lands there.
        let lingered = self.drop_lingering();
        match action {
            Action::Up => self.move_by(data, -1),
            Action::Down if lingered => {}
            Action::Down => self.move_by(data, 1),
            Action::PageUp => self.move_by(data, -(PAGE as isize)),
            Action::PageDown => self.move_by(data, PAGE as isize),
            Action::Top => self.move_by(data, isize::MIN / 2),
            Action::Bottom => self.move_by(data, isize::MAX / 2),
            Action::NextPane => self.focus = next_pane(self.focus, 1),
            Action::PrevPane => self.focus = next_pane(self.focus, -1),
            Action::Open if self.focus != Pane::Details => {
                self.focus = next_pane(self.focus, 1);
            }
            Action::Click(pane, row) => self.click(data, pane, row),
            Action::CycleSort => {
                self.sort = self.sort.next();
                let keep = self.selected_id(data);
                self.refilter(data, keep, Fallback::Top);
                return Some(Message::info(format!("deliverables {}", self.sort.name())));
            }
            Action::Wheel(pane, step) => {
                // The wheel scrolls what is under it; the focus stays.
                let focus = std::mem::replace(&mut self.focus, pane);
                self.move_by(data, 3 * step as isize);
                self.focus = focus;
            }
            // Marks first, then the search: Esc undoes the latest narrowing.
            Action::Cancel if !self.marked.is_empty() => {
                self.marked.clear();
                return Some(Message::info("marks cleared"));
            }
            Action::Cancel if self.cancel_clears_search() => return Some(self.clear_search(data)),
            Action::ToggleMark | Action::MarkAll => {
                if let Err(why) = self.may_use_list() {
                    return Some(why);
                }
                if action == Action::MarkAll {
                    self.marked.extend(self.rows.iter().copied());
                    return Some(self.said_marks());
                }
                return self.toggle_mark(data);
            }
            _ => {}
        }
        None
    }

    /// Marks and edits act on the deliverables list.
    pub(crate) fn may_use_list(&self) -> Result<(), Message> {
        if matches!(self.focus, Pane::Deliverables | Pane::Details) {
            return Ok(());
        }
        Err(Message::error(
            "choose a deliverable first: Tab to the deliverables pane",
        ))
    }

    // ---- the search line ----

    pub(crate) fn open_search(&mut self) {
        self.before_search = Some(self.focus);
        self.focus = Pane::Deliverables;
        self.search.pinned = false;
    }

    /// A key on the search line: whether the line is left (Enter or Esc), and what to say.
    pub(crate) fn search_key(&mut self, data: &Dataset, action: Action) -> (bool, Option<Message>) {
        match action {
            _ if edit_line(&mut self.search.input, action) => {}
            Action::LineAccept => {
                self.focus = Pane::Deliverables;
                self.before_search = None;
                let said = if self.searching() {
                    "focus on the deliverables, still searching; Esc clears the search".to_string()
                } else if self.search.active() {
                    let n = self.rows.len();
                    let of = self.search.scope_len;
                    format!("focus on the deliverables: {n} of {of} match; Esc clears the search")
                } else {
                    "focus on the deliverables".to_string()
                };
                return (true, Some(Message::info(said)));
            }
            Action::LineCancel => {
                let back = self.before_search.take().unwrap_or(self.focus);
                let mut said = self.clear_search(data);
                if back != self.focus {
                    self.focus = back;
                    said.text
                        .push_str(&format!("; focus back on the {}", pane_name(back)));
                }
                return (true, Some(said));
            }
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                self.search.pinned = true;
                let delta = match action {
                    Action::Up => -1,
                    Action::Down => 1,
                    Action::PageUp => -(PAGE as isize),
                    _ => PAGE as isize,
                };
                self.move_in_list(data, delta);
                return (false, None);
            }
            _ => return (false, None),
        }
        let query = Query::parse(&self.search.input);
        if query.same_search(&self.search.query) {
            return (false, None);
        }
        self.search.query = query;
        // While typing, the best match is selected, unless the person chose a row by hand.
        let keep = if self.search.pinned {
            self.selected_id(data)
        } else {
            None
        };
        self.start_search(data, keep);
        (false, None)
    }

    /// Searches the scope for the query typed, or only what a recent broader search found.
    /// A short search is done now; a long one is left for `search_slice` (the list shows the
    /// last results meanwhile).
    fn start_search(&mut self, data: &Dataset, keep: Option<String>) {
        self.searching = None;
        self.planned = None;
        self.drop_lingering();
        // `is:removed` searches other deliverables than the panes offer.
        let wants_removed = self.search.active() && self.search.query.wants_removed();
        if wants_removed != self.scope_removed {
            self.refilter(data, keep, Fallback::Top);
            self.detail_scroll = 0;
            return;
        }
        let query = self.search.query.clone();
        if !self.search.active() {
            let problems = query.problems().to_vec();
            self.show_found(data, self.scope.to_vec(), vec![], problems, keep);
            return;
        }
        let candidates = self
            .found
            .iter()
            .filter(|(broader, _)| query.narrows(broader))
            .map(|(_, rows)| rows)
            .min_by_key(|rows| rows.len())
            .unwrap_or(&self.scope)
            .clone();
        let scan = search::Scan::new(query, candidates, &self.today);
        self.searching = Some(Searching {
            scan,
            keep,
            edited: vec![],
        });
        if self
            .searching
            .as_ref()
            .is_some_and(|s| s.scan.len() <= SEARCH_SLICE)
        {
            self.finish_search(data);
        }
    }

    /// Keeps deliverable `index`, which an edit took out of the list, on the cursor's row
    /// until the cursor moves.
    pub(crate) fn linger(&mut self, index: usize) {
        if self.rows.contains(&index) {
            return;
        }
        let at = self.selected.min(self.rows.len());
        Arc::make_mut(&mut self.rows).insert(at, index);
        if !self.scores.is_empty() {
            let score = self.scores.get(at).copied().unwrap_or(i64::MIN);
            self.scores.insert(at, score);
        }
        self.selected = at;
        self.lingering = Some(index);
    }

    /// Takes a lingering row out of the list; true when there was one.
    fn drop_lingering(&mut self) -> bool {
        let Some(index) = self.lingering.take() else {
            return false;
        };
        if let Some(at) = self.rows.iter().position(|&i| i == index) {
            Arc::make_mut(&mut self.rows).remove(at);
            if at < self.scores.len() {
                self.scores.remove(at);
            }
            if at < self.selected {
                self.selected -= 1;
            }
        }
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        true
    }

    /// True while a search is under way.
    pub(crate) fn searching(&self) -> bool {
        self.searching.is_some()
    }

    /// Scores the next slice of a search under way; true when it is done.
    pub(crate) fn search_slice(&mut self, data: &Dataset) -> bool {
        self.search_for(data, SEARCH_SLICE)
    }

    /// True when `Esc` in the panes would clear the search (no marks to take back first).
    pub(crate) fn cancel_clears_search(&self) -> bool {
        self.marked.is_empty() && self.search.active()
    }

    /// Finishes a search under way at once (before a key that acts on the list).
    pub(crate) fn finish_search(&mut self, data: &Dataset) {
        self.search_for(data, usize::MAX);
    }

    fn search_for(&mut self, data: &Dataset, rows: usize) -> bool {
        let Some(searching) = &mut self.searching else {
            return true;
        };
        let Some(outcome) = searching.scan.step(data, rows) else {
            return false;
        };
        let Some(Searching { scan, keep, edited }) = self.searching.take() else {
            return true;
        };
        self.planned = Some(scan.plan_only());
        // What it found before an edit is no guide to a narrower search after it.
        if edited.is_empty() {
            if self.found.len() == KEPT_SEARCHES {
                self.found.remove(0);
            }
            self.found
                .push((scan.query().clone(), Arc::new(outcome.in_file_order)));
        }
        let lingering = self.lingering.take();
        self.show_found(
            data,
            outcome.rows,
            outcome.scores,
            outcome.problems,
            keep.clone(),
        );
        if !edited.is_empty() {
            self.search_again(data, &edited);
            self.select(data, keep, Fallback::Top);
        }
        // A deliverable stepped out of the search stays on the cursor's row till it moves.
        if let Some(index) = lingering {
            self.linger(index);
        }
        true
    }

    /// How many rows the search under way has still to score (0 without one).
    pub(crate) fn search_left(&self) -> usize {
        self.searching.as_ref().map_or(0, |s| s.scan.left())
    }

    /// True unless a search under way would not find the row under the cursor (the list
    /// shows an earlier search's rows meanwhile). It scores that row alone.
    pub(crate) fn search_finds_selected(&self, data: &Dataset) -> bool {
        let (Some(searching), Some(index)) = (&self.searching, self.selected_index()) else {
            return true;
        };
        if self.scope.binary_search(&index).is_err() {
            return false;
        }
        let mut scan = searching
            .scan
            .again(&self.search.query, &self.today, vec![index]);
        scan.step(data, usize::MAX)
            .is_some_and(|found| !found.rows.is_empty())
    }

    /// The cursor's deliverable is where a search under way leaves the cursor when it ends
    /// (a key acted on the row shown meanwhile).
    pub(crate) fn keep_cursor(&mut self, data: &Dataset) {
        if self.searching.is_none() {
            return;
        }
        let keep = self.selected_id(data);
        if let Some(searching) = &mut self.searching {
            searching.keep = keep;
        }
    }

    /// The list after a search: the cursor on `keep` while it is shown, else on the best match.
    fn show_found(
        &mut self,
        data: &Dataset,
        rows: Vec<usize>,
        scores: Vec<i64>,
        problems: Vec<String>,
        keep: Option<String>,
    ) {
        self.rows = Arc::new(rows);
        self.scores = scores;
        self.sort_rows(data);
        self.search.problems = problems;
        self.select(data, keep, Fallback::Top);
        self.detail_scroll = 0;
    }

    /// Back to the unsearched list, on the same deliverable.
    fn clear_search(&mut self, data: &Dataset) -> Message {
        let keep = self.selected_id(data);
        let keep_index = self.selected_index();
        let removed_were_searched = self.scope_removed;
        self.search = Search::default();
        if removed_were_searched {
            self.refilter(data, keep, Fallback::Top);
            return Message::info("search cleared");
        }
        // The council and area are as they were: the list is their rows again, without a
        // walk of every deliverable, and the cursor's row is found by its place.
        self.found.clear();
        self.searching = None;
        self.planned = None;
        self.lingering = None;
        self.rows = Arc::clone(&self.scope);
        self.scores.clear();
        self.search.scope_len = self.scope.len();
        self.sort_rows(data);
        let at = keep_index.and_then(|k| match self.sort {
            Sort::File => self.rows.binary_search(&k).ok(),
            _ => self.rows.iter().position(|&i| i == k),
        });
        self.selected = at.unwrap_or(0);
        Message::info("search cleared")
    }

    // ---- marks ----

    fn toggle_mark(&mut self, data: &Dataset) -> Option<Message> {
        let index = self.selected_index()?;
        if !self.marked.remove(&index) {
            self.marked.insert(index);
        }
        // Marking moves on, so Space Space Space marks three rows.
        self.move_in_list(data, 1);
        Some(self.said_marks())
    }

    fn said_marks(&self) -> Message {
        let n = self.marked.len();
        Message::info(format!(
            "{n} marked: a status key sets them all (after y); Esc clears the marks"
        ))
    }

    pub(crate) fn clear_marks(&mut self) {
        self.marked.clear();
    }

    /// The marks, as indices into a new version of the data (the same deliverables, by id).
    pub(crate) fn set_marks(&mut self, marked: impl IntoIterator<Item = usize>) {
        self.marked = marked.into_iter().collect();
    }

    // ---- reading ----

    pub(crate) fn council_cursor(&self) -> usize {
        self.council
    }
    pub(crate) fn area_cursor(&self) -> usize {
        self.area
    }
    pub(crate) fn area_rows(&self) -> &[AreaRow] {
        &self.area_rows
    }
    pub(crate) fn rows(&self) -> &[usize] {
        &self.rows
    }
    pub(crate) fn selected_row(&self) -> usize {
        self.selected
    }
    /// The selected deliverable's index into the data.
    pub(crate) fn selected_index(&self) -> Option<usize> {
        self.rows.get(self.selected).copied()
    }
    pub(crate) fn selected<'d>(&self, data: &'d Dataset) -> Option<&'d Deliverable> {
        // (After a deliverable was added or taken out, the rows are refiltered before use;
        // until then an index past the end is no selection.)
        self.selected_index().and_then(|i| data.deliverables.get(i))
    }
    pub(crate) fn selected_id(&self, data: &Dataset) -> Option<String> {
        self.selected(data).map(|d| d.id.to_string())
    }
    pub(crate) fn detail_scroll(&self) -> u16 {
        self.detail_scroll
    }
    pub(crate) fn marked(&self) -> &BTreeSet<usize> {
        &self.marked
    }
    pub(crate) fn search(&self) -> &Search {
        &self.search
    }
    pub(crate) fn sort(&self) -> Sort {
        self.sort
    }

    /// Puts the cursor on the row of deliverable `index`, if it is shown.
    pub(crate) fn select_index(&mut self, index: usize) {
        if let Some(row) = self.rows.iter().position(|&i| i == index) {
            self.selected = row;
        }
    }

    /// The view reports how far the details can scroll at the current size.
    pub(crate) fn set_detail_limit(&mut self, max: u16) {
        self.detail_max_scroll = max;
        self.detail_scroll = self.detail_scroll.min(max);
    }

    /// The council chosen in the councils pane, if not "All".
    pub(crate) fn council_filter<'d>(&self, data: &'d Dataset) -> Option<&'d str> {
        self.council
            .checked_sub(1)
            .and_then(|i| data.councils.get(i))
            .map(|c| c.id.as_str())
    }

    /// The area chosen in the areas pane, if not "All".
    pub(crate) fn area_filter<'d>(&self, data: &'d Dataset) -> Option<&'d str> {
        let row = self
            .area
            .checked_sub(1)
            .and_then(|i| self.area_rows.get(i))?;
        data.areas.get(row.area).map(|a| a.id.as_str())
    }

    // ---- chosen from elsewhere (the dashboard) ----

    /// Chooses council `c` (index into the councils) in the councils pane, which gets the focus.
    pub(crate) fn choose_council(&mut self, data: &Dataset, c: usize) {
        let keep = self.selected_id(data);
        self.council = (c + 1).min(data.councils.len());
        self.refresh(data, keep);
        self.focus = Pane::Councils;
    }

    /// Chooses area `a` (index into the areas) in the areas pane, which gets the focus; the
    /// council goes back to all when the chosen one has nothing in that area.
    pub(crate) fn choose_area(&mut self, data: &Dataset, a: usize) {
        let keep = self.selected_id(data);
        if !self.area_rows.iter().any(|r| r.area == a) {
            self.council = 0;
            self.recount(data);
        }
        self.area = self
            .area_rows
            .iter()
            .position(|r| r.area == a)
            .map_or(0, |p| p + 1);
        self.refilter(data, keep, Fallback::Top);
        self.focus = Pane::Areas;
    }

    /// Selects deliverable `index` in the deliverables pane, which gets the focus; when the
    /// list does not show it, its council is chosen and the area and search let go.
    pub(crate) fn show_deliverable(&mut self, data: &Dataset, index: usize) {
        if !self.rows.contains(&index) {
            let council = &data.deliverables[index].council;
            self.search = Search::default();
            self.council = data
                .councils
                .iter()
                .position(|c| &c.id == council)
                .map_or(0, |p| p + 1);
            self.area = 0;
            self.recount(data);
            self.area = 0;
            self.refilter(data, None, Fallback::Top);
        }
        self.select_index(index);
        self.detail_scroll = 0;
        self.focus = Pane::Deliverables;
    }

    // ---- moving ----

    /// A click focuses the pane and chooses the row under it.
    fn click(&mut self, data: &Dataset, pane: Pane, row: Option<usize>) {
        self.focus = pane;
        let Some(row) = row else {
            return;
        };
        let keep = self.selected_id(data);
        match pane {
            Pane::Councils if row <= data.councils.len() && row != self.council => {
                self.council = row;
                self.refresh(data, keep);
            }
            Pane::Areas if row <= self.area_rows.len() && row != self.area => {
                self.area = row;
                self.refilter(data, keep, Fallback::Top);
            }
            Pane::Deliverables if row < self.rows.len() && row != self.selected => {
                self.selected = row;
                self.detail_scroll = 0;
            }
            _ => {}
        }
    }

    /// Moves the deliverables cursor whatever pane has the focus.
    fn move_in_list(&mut self, data: &Dataset, delta: isize) {
        let focus = std::mem::replace(&mut self.focus, Pane::Deliverables);
        self.move_by(data, delta);
        self.focus = focus;
    }

    fn move_by(&mut self, data: &Dataset, delta: isize) {
        let step = |cur: usize, len: usize| -> usize {
            if len == 0 {
                return 0;
            }
            (cur as isize)
                .saturating_add(delta)
                .clamp(0, len as isize - 1) as usize
        };
        match self.focus {
            Pane::Councils => {
                let next = step(self.council, data.councils.len() + 1);
                if next != self.council {
                    let keep = self.selected_id(data);
                    // The chosen area stays while the new council has deliverables in it.
                    self.council = next;
                    self.refresh(data, keep);
                }
            }
            Pane::Areas => {
                let next = step(self.area, self.area_rows.len() + 1);
                if next != self.area {
                    let keep = self.selected_id(data);
                    self.area = next;
                    self.refilter(data, keep, Fallback::Top);
                }
            }
            Pane::Deliverables => {
                let next = step(self.selected, self.rows.len());
                if next != self.selected {
                    self.selected = next;
                    self.detail_scroll = 0;
                }
            }
            Pane::Details => {
                let scroll = (self.detail_scroll as isize)
                    .saturating_add(delta)
                    .clamp(0, self.detail_max_scroll as isize);
                self.detail_scroll = scroll as u16;
            }
        }
    }

    // ---- derived lists ----

    /// Selects deliverable `id` (just added): when the council, the area or the search would
    /// hide it, they give way (its council is chosen, the area and the search cleared).
    pub(crate) fn show_added(&mut self, data: &Dataset, id: &str) {
        self.focus = Pane::Deliverables;
        // The list was made again with it (`App::follow`): mostly it is there to choose.
        self.select(data, Some(id.to_string()), Fallback::SamePlace);
        if self.selected_id(data).as_deref() == Some(id) {
            return;
        }
        let Some(d) = data.deliverable_index(id).map(|i| &data.deliverables[i]) else {
            return;
        };
        self.council = data
            .councils
            .iter()
            .position(|c| c.id == d.council)
            .map_or(0, |i| i + 1);
        self.area = 0;
        self.search = Search::default();
        self.refresh(data, Some(id.to_string()));
    }

    /// Rebuilds the area rows and the list after the data or the council changed, keeping
    /// the cursor on the deliverable `keep` (by id).
    pub(crate) fn refresh(&mut self, data: &Dataset, keep: Option<String>) {
        self.recount(data);
        self.refilter(data, keep, Fallback::Top);
    }

    /// The area rows of the chosen council, with their counts.
    pub(crate) fn recount(&mut self, data: &Dataset) {
        // A council taken out again (an undone add) takes its row with it.
        self.council = self.council.min(data.councils.len());
        let council = self.council_filter(data);
        let previous_area = self.area_filter(data).map(str::to_string);
        // One pass over the deliverables counts every area of the chosen council.
        let mut area_counts = vec![0; data.areas.len()];
        for d in &data.deliverables {
            if d.removed || council.is_some_and(|c| d.council != c) {
                continue;
            }
            for &a in &d.places.areas {
                if let Some(n) = area_counts.get_mut(a as usize) {
                    *n += 1;
                }
            }
        }
        self.area_rows = area_rows(&area_counts);
        self.area = previous_area
            .and_then(|id| {
                self.area_rows
                    .iter()
                    .position(|r| data.areas[r.area].id == id)
            })
            .map_or(0, |p| p + 1);
    }

    /// The area rows after one deliverable was added or taken out: its areas' counts follow
    /// it, and true. False when a row would appear or go (`recount` then counts again).
    pub(crate) fn recount_move(&mut self, data: &Dataset, moved: &Moved) -> bool {
        let Some(d) = moved.deliverable(data) else {
            return false;
        };
        let (_, added) = moved.place();
        if d.removed || self.council_filter(data).is_some_and(|c| d.council != c) {
            return true;
        }
        for &a in &d.places.areas {
            let a = a as usize;
            if a >= data.areas.len() {
                continue;
            }
            // (A row counted half way is counted again whole by `recount`.)
            match self.area_rows.iter_mut().find(|r| r.area == a) {
                Some(row) if added => row.count += 1,
                Some(row) if row.count > 1 => row.count -= 1,
                _ => return false,
            }
        }
        true
    }

    /// The day the search judges `is:overdue` on; the list follows.
    pub(crate) fn set_today(&mut self, data: &Dataset, today: &str) {
        self.today = today.to_string();
        // Only a search (`is:overdue`) depends on the day.
        if self.search.active() {
            let keep = self.selected_id(data);
            self.refilter(data, keep, Fallback::SamePlace);
        }
    }

    /// The list: the deliverables of the chosen council and area, then the search. The
    /// cursor stays on `keep` while it is shown; otherwise `fallback` says where it goes.
    pub(crate) fn refilter(&mut self, data: &Dataset, keep: Option<String>, fallback: Fallback) {
        let council = self.council_filter(data);
        let area = self.area_filter(data);
        let removed = self.search.active() && self.search.query.wants_removed();
        self.scope_removed = removed;
        self.scope = Arc::new(
            data.deliverables
                .iter()
                .enumerate()
                .filter(|(_, d)| belongs(d, removed, council, area))
                .map(|(i, _)| i)
                .collect(),
        );
        // The data or the scope may have changed: what earlier searches found is no guide,
        // and a search under way is done again here.
        self.found.clear();
        self.searching = None;
        self.planned = None;
        self.lingering = None;
        self.search.scope_len = self.scope.len();
        if self.search.active() {
            let mut scan =
                search::Scan::new(self.search.query.clone(), self.scope.clone(), &self.today);
            let found = scan.step(data, usize::MAX).unwrap_or_default();
            self.planned = Some(scan.plan_only());
            self.found
                .push((self.search.query.clone(), Arc::new(found.in_file_order)));
            self.rows = Arc::new(found.rows);
            self.scores = found.scores;
            self.search.problems = found.problems;
        } else {
            self.rows = Arc::clone(&self.scope);
            self.scores.clear();
            self.search.problems = self.search.query.problems().to_vec();
        }
        self.sort_rows(data);
        self.select(data, keep, fallback);
    }

    /// One deliverable added or taken out, nothing else changed: the list `refilter` would
    /// make, without a walk of every deliverable or a search of every row (the added one
    /// alone is searched). False, with nothing done, in another order than the file's, while
    /// a search runs, or under `chain:` (its rows depend on each other): the list is to be
    /// made again.
    pub(crate) fn follow_move(
        &mut self,
        data: &Dataset,
        moved: &Moved,
        keep: Option<String>,
        fallback: Fallback,
    ) -> bool {
        let chain = self.search.active() && self.search.query.asks_for_chain();
        if self.sort != Sort::File || self.searching.is_some() || chain {
            return false;
        }
        let (index, added) = moved.place();
        // A row kept on the cursor after it left the search goes, as `refilter` drops it.
        self.drop_lingering();
        let searched = self.search.active();
        // Every index after it moves one place.
        moved.follow_all(Arc::make_mut(&mut self.scope));
        if added && self.in_scope(data, index) {
            let scope = Arc::make_mut(&mut self.scope);
            let at = scope.partition_point(|&i| i < index);
            scope.insert(at, index);
        }
        self.found.clear();
        self.search.scope_len = self.scope.len();
        if searched {
            let rows = Arc::make_mut(&mut self.rows);
            // Its score goes with it.
            if let Some(at) = rows.iter().position(|&i| !added && i == index)
                && at < self.scores.len()
            {
                self.scores.remove(at);
            }
            moved.follow_all(rows);
            if added {
                self.search_again(data, &[index]);
            }
        } else {
            self.rows = Arc::clone(&self.scope);
        }
        self.select(data, keep, fallback);
        true
    }

    /// Whether deliverable `index` belongs in the chosen council and area (as `refilter`
    /// chooses them).
    fn in_scope(&self, data: &Dataset, index: usize) -> bool {
        let (council, area) = (self.council_filter(data), self.area_filter(data));
        belongs(&data.deliverables[index], self.scope_removed, council, area)
    }

    /// The list after fields of a few deliverables changed that do not choose their council
    /// or areas (a status, notes, an owner, a due date): only those rows are searched again,
    /// and each leaves the list or takes its place by its new score. The same list a full
    /// `refilter` makes, without scoring every row again.
    pub(crate) fn edited(&mut self, data: &Dataset, changed: &[usize], keep: Option<String>) {
        // In another order than the search's, a row's place is not its score's.
        if self.sort != Sort::File {
            self.refilter(data, keep, Fallback::SamePlace);
            return;
        }
        self.found.clear();
        self.lingering = None;
        if let Some(searching) = &mut self.searching {
            searching.edited.extend_from_slice(changed);
        }
        if self.search.active() {
            self.search_again(data, changed);
        }
        self.select(data, keep, Fallback::SamePlace);
    }

    /// Searches the `changed` rows again (one plan for all of them, the search's own when
    /// it has one): each leaves the list or takes its place by its new score. While a search
    /// runs, the list shows an earlier search's rows and scores: a row that no longer
    /// matches leaves it, and the search places the others when it ends.
    fn search_again(&mut self, data: &Dataset, changed: &[usize]) {
        let mut again: Vec<usize> = changed
            .iter()
            .copied()
            .filter(|i| self.scope.binary_search(i).is_ok())
            .collect();
        again.sort_unstable();
        again.dedup();
        let base = match &self.searching {
            Some(searching) => Some(&searching.scan),
            None => self.planned.as_ref(),
        };
        let mut scan = match base {
            Some(base) => base.again(&self.search.query, &self.today, again),
            None => search::Scan::new(self.search.query.clone(), again, &self.today),
        };
        let found = scan.step(data, usize::MAX).unwrap_or_default();
        let running = self.searching.is_some();
        if !running {
            self.planned = Some(scan.plan_only());
        }
        for &index in changed {
            let at = self.rows.iter().position(|&i| i == index);
            let score = found
                .rows
                .iter()
                .position(|&i| i == index)
                .and_then(|k| found.scores.get(k).copied());
            if running && score.is_some() {
                continue;
            }
            if let Some(at) = at {
                Arc::make_mut(&mut self.rows).remove(at);
                if at < self.scores.len() {
                    self.scores.remove(at);
                }
            }
            if let Some(score) = score {
                let at = self
                    .rows
                    .iter()
                    .zip(&self.scores)
                    .position(|(&i, &s)| search::ranks_before((score, index), (s, i)))
                    .unwrap_or(self.rows.len());
                Arc::make_mut(&mut self.rows).insert(at, index);
                self.scores.insert(at, score);
            }
        }
    }

    /// Puts the rows in the chosen order (the scores only say the search's order).
    fn sort_rows(&mut self, data: &Dataset) {
        if self.sort != Sort::File {
            sort_rows(
                data,
                Arc::make_mut(&mut self.rows).as_mut_slice(),
                self.sort,
            );
            self.scores.clear();
        }
    }

    /// The cursor on `keep` while it is shown; otherwise `fallback` says where it goes.
    pub(crate) fn select(&mut self, data: &Dataset, keep: Option<String>, fallback: Fallback) {
        let shows = |at: usize, id: &str| {
            self.rows
                .get(at)
                .is_some_and(|&i| data.deliverables[i].id == id)
        };
        // Mostly the cursor's row is still `keep` (an edit that left the row in the list):
        // no walk of the rows then.
        let keep_at = keep.and_then(|id| {
            if shows(self.selected, &id) {
                return Some(self.selected);
            }
            self.rows
                .iter()
                .position(|&i| data.deliverables[i].id == id)
        });
        let last = self.rows.len().saturating_sub(1);
        self.selected = match (keep_at, fallback) {
            (Some(at), _) => at,
            (None, Fallback::Top) => 0,
            (None, Fallback::SamePlace) => self.selected.min(last),
        };
    }
}

/// Puts `rows` in `sort`'s order; stable, so ties keep the file's (or the search's) order.
fn sort_rows(data: &Dataset, rows: &mut [usize], sort: Sort) {
    let d = |i: &usize| &data.deliverables[*i];
    match sort {
        Sort::File => {}
        // Missing dates last; a month or a year ends after its days.
        Sort::Due => rows.sort_by_cached_key(|i| match d(i).due.as_deref() {
            Some(due) => (
                0,
                format!(
                    "{due}{}",
                    &"-99-99"[..10usize.saturating_sub(due.len()).min(6)]
                ),
            ),
            None => (1, String::new()),
        }),
        Sort::Status => rows.sort_by_key(|i| data.status_index(&d(i).status).unwrap_or(usize::MAX)),
        Sort::Council => rows.sort_by_key(|i| {
            data.councils
                .iter()
                .position(|c| c.id == d(i).council)
                .unwrap_or(usize::MAX)
        }),
        Sort::Title => rows.sort_by_cached_key(|i| d(i).title.to_lowercase()),
        Sort::LastChanged => rows.sort_by_cached_key(|i| {
            let latest = d(i).latest_change.clone();
            std::cmp::Reverse(latest)
        }),
    }
}

/// The pane as the footer names it.
pub(crate) fn pane_name(p: Pane) -> &'static str {
    match p {
        Pane::Councils => "councils",
        Pane::Areas => "areas",
        Pane::Deliverables => "deliverables",
        Pane::Details => "details",
    }
}

/// The areas pane's rows: the areas with deliverables, with their counts.
/// Whether `d` is in the list of `council` and `area` (`None`: any): the removed ones only
/// when `removed`, else the others.
fn belongs(d: &Deliverable, removed: bool, council: Option<&str>, area: Option<&str>) -> bool {
    d.removed == removed
        && council.is_none_or(|c| d.council == c)
        && area.is_none_or(|a| d.areas.iter().any(|x| x == a))
}

fn area_rows(area_counts: &[usize]) -> Vec<AreaRow> {
    area_counts
        .iter()
        .enumerate()
        .filter(|&(_, &count)| count > 0)
        .map(|(area, &count)| AreaRow { area, count })
        .collect()
}

fn next_pane(p: Pane, step: isize) -> Pane {
    const ORDER: [Pane; 4] = [
        Pane::Councils,
        Pane::Areas,
        Pane::Deliverables,
        Pane::Details,
    ];
    let i = ORDER.iter().position(|&x| x == p).unwrap_or(0) as isize;
    ORDER[(i + step).rem_euclid(4) as usize]
}
