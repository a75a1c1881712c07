//! The figures shown about the data, computed in one place: status counts (overall, per
//! council, per area), progress (how many have a status of the `done` category), the overdue
//! deliverables and the changes recorded since a moment. Pure: the panes, the dashboard, the
//! changes view and the reports read them from here. `Figures` keeps them between frames and
//! is rebuilt when the document changes.

use std::cell::OnceCell;
use std::collections::HashMap;

use crate::dates::is_valid_date;
use crate::document::Moved;
use crate::model::{Category, Dataset, Deliverable, HistoryEntry, SharedStr};
use crate::zone::Zone;
use rayon::prelude::*;

/// How many of `counts` (in `statuses` order) have a status of the `done` category.
pub fn finished(data: &Dataset, counts: &[usize]) -> usize {
    in_category(data, counts, Category::Done)
}

/// How many of `counts` (in `statuses` order) have a status of `category`.
pub fn in_category(data: &Dataset, counts: &[usize], category: Category) -> usize {
    data.statuses
        .iter()
        .zip(counts)
        .filter(|(s, _)| s.category == category)
        .map(|(_, n)| n)
        .sum()
}

/// The statuses that the overdue list leaves out (those of the `done` and `dropped`
/// categories), in file order.
pub fn settled_statuses(data: &Dataset) -> Vec<&str> {
    data.statuses
        .iter()
        .filter(|s| s.category.settled())
        .map(|s| s.name.as_str())
        .collect()
}

/// True when `d` is overdue by `today`: due before it, and neither done nor dropped.
pub fn is_overdue(data: &Dataset, d: &Deliverable, today: &str) -> bool {
    !d.removed
        && !data.category_of(&d.status).settled()
        && d.due.as_deref().is_some_and(|due| is_past(due, today))
}

/// True when `due` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) has ended before `today`
/// (`YYYY-MM-DD`): a year is over on the 1st of January after it, a month on the 1st of the
/// next month. A due that is not a date is never overdue.
pub fn is_past(due: &str, today: &str) -> bool {
    today.get(..due.len()).is_some_and(|t| t > due) && is_valid_date(due)
}

/// The deliverables (indices) whose due date has passed by `today` and whose status is
/// neither done nor dropped (by category), by due date (the end of its period; ties in file
/// order).
pub fn overdue(data: &Dataset, today: &str) -> Vec<usize> {
    // On all cores: a walk of every deliverable, made with the launch and after a change of
    // many rows.
    let mut late: Vec<usize> = (0..data.deliverables.len())
        .into_par_iter()
        .filter(|&i| is_overdue(data, &data.deliverables[i], today))
        .collect();
    late.par_sort_unstable_by_key(|&i| due_end(data, i));
    late
}

/// What orders the overdue list: the end of deliverable `i`'s due period, then its place.
/// "2024-06" ends after "2024-06-30" and before "2024-07-01": the missing parts are padded
/// high.
fn due_end(data: &Dataset, i: usize) -> ([u8; 10], usize) {
    let due = data.deliverables[i].due.as_deref().unwrap_or("").as_bytes();
    let mut key = *b"0000-99-99";
    let n = due.len().min(key.len());
    key[..n].copy_from_slice(&due[..n]);
    (key, i)
}

/// The history entries of `d` recorded at or after `since` (RFC 3339 or a date; compared as
/// text, which orders councilor's UTC timestamps). Entries without a time are left out.
pub(crate) fn entries_since(d: &Deliverable, since: &str) -> Vec<HistoryEntry> {
    placed_entries_since(d, since)
        .into_iter()
        .map(|(_, h)| h)
        .collect()
}

/// [`entries_since`], each with its place in the history.
fn placed_entries_since(d: &Deliverable, since: &str) -> Vec<(usize, HistoryEntry)> {
    // The latest change says whether the history needs reading at all.
    if d.latest_change.as_deref().is_none_or(|at| at < since) {
        return vec![];
    }
    d.history()
        .into_iter()
        .enumerate()
        .filter(|(_, h)| h.at.as_deref().is_some_and(|at| at >= since))
        .collect()
}

/// A deliverable without any history in a council that met in the period: the period
/// agreed it, though no entry says so (it was written by hand). Stands for the history index.
pub const UNRECORDED: usize = usize::MAX;

/// The changes recorded at or after `since`, as (deliverable index, history index), in
/// display order: councils in file order (unknown ones after, by id); within a council,
/// deliverables by their latest change (ties in file order); within a deliverable, oldest
/// first. Entries without a time are left out. A deliverable with no history at all, in a
/// council whose date (its local midnight in `zone`) is in the period, is one change
/// ([`UNRECORDED`]): the minutes list it as new too.
pub fn changed_since(data: &Dataset, since: &str, zone: &Zone) -> Vec<(usize, usize)> {
    let council_of = data.council_positions();
    // When the council met (its local midnight), for a deliverable with no history.
    let met = |d: &Deliverable| -> Option<String> {
        zone.midnight(data.council(&d.council)?.date.as_deref()?)
    };
    let met_at: Vec<Option<String>> = data
        .deliverables
        .iter()
        .map(|d| {
            (!d.has_history() && !d.removed)
                .then(|| met(d))
                .flatten()
                .filter(|m| m.as_str() >= since)
        })
        .collect();
    // (council's place, deliverable, its changes as (history index, time)), the time of a
    // change without an entry being when its council met.
    type Group = (usize, usize, Vec<(usize, SharedStr)>);
    let mut groups: Vec<Group> = Vec::new();
    for (d, deliverable) in data.deliverables.iter().enumerate() {
        let mut entries: Vec<(usize, SharedStr)> = placed_entries_since(deliverable, since)
            .into_iter()
            .filter_map(|(h, entry)| Some((h, entry.at?)))
            .collect();
        if let Some(met) = &met_at[d] {
            entries.push((UNRECORDED, SharedStr::from(met.as_str())));
        }
        if entries.is_empty() {
            continue;
        }
        entries.sort_by(|a, b| a.1.cmp(&b.1));
        let council = council_of
            .get(deliverable.council.as_str())
            .copied()
            .unwrap_or(usize::MAX);
        groups.push((council, d, entries));
    }
    groups.sort_by(|(ca, da, ea), (cb, db, eb)| {
        fn last(e: &[(usize, SharedStr)]) -> Option<&SharedStr> {
            e.last().map(|(_, at)| at)
        }
        ca.cmp(cb)
            .then_with(|| {
                if *ca == usize::MAX {
                    data.deliverables[*da]
                        .council
                        .cmp(&data.deliverables[*db].council)
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .then_with(|| last(ea).cmp(&last(eb)))
            .then(da.cmp(db))
    });
    groups
        .into_iter()
        .flat_map(|(_, d, entries)| entries.into_iter().map(move |(h, _)| (d, h)))
        .collect()
}

/// How many of `items` have each status (in `statuses` order); statuses not in the list are
/// not counted.
pub(crate) fn status_counts<'a>(
    data: &Dataset,
    items: impl IntoIterator<Item = &'a Deliverable>,
) -> Vec<usize> {
    let mut counts = vec![0; data.statuses.len()];
    for s in items
        .into_iter()
        .filter_map(|d| data.status_index(&d.status))
    {
        counts[s] += 1;
    }
    counts
}

/// Status counts (each in `statuses` order): overall, per council, per area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusCounts {
    pub total: Vec<usize>,
    /// Per council, in file order.
    pub per_council: Vec<Vec<usize>>,
    /// Per area, in file order, then one more for the deliverables in no known area. A
    /// deliverable in several areas counts in each.
    pub per_area: Vec<Vec<usize>>,
}

impl StatusCounts {
    /// One pass over the deliverables.
    pub fn new(data: &Dataset) -> Self {
        Self::of(data, &data.deliverables)
    }

    /// The counts of some deliverables (one pass over them).
    pub fn of<'a>(data: &Dataset, items: impl IntoIterator<Item = &'a Deliverable>) -> Self {
        let n = data.statuses.len();
        let mut counts = StatusCounts {
            total: vec![0; n],
            per_council: vec![vec![0; n]; data.councils.len()],
            per_area: vec![vec![0; n]; data.areas.len() + 1],
        };
        for d in items.into_iter().filter(|d| !d.removed) {
            let Some(s) = data.status_index(&d.status) else {
                continue;
            };
            counts.total[s] += 1;
            // Its places, found when it was read: no lookup by name per deliverable.
            if let Some(per) = counts.per_council.get_mut(d.places.council as usize) {
                per[s] += 1;
            }
            let mut any = false;
            for &a in &d.places.areas {
                if let Some(per) = counts.per_area[..data.areas.len()].get_mut(a as usize) {
                    per[s] += 1;
                    any = true;
                }
            }
            if !any {
                counts.per_area[data.areas.len()][s] += 1;
            }
        }
        counts
    }

    /// How many deliverables each area of the file has (in the file's order of areas).
    pub fn area_totals(&self) -> Vec<usize> {
        let areas = self.per_area.len().saturating_sub(1);
        self.per_area[..areas]
            .iter()
            .map(|s| s.iter().sum())
            .collect()
    }

    /// Deliverable `d` counted once more (`delta` 1) or once less (-1), as [`Self::of`]
    /// counts it.
    pub(crate) fn count(&mut self, data: &Dataset, d: &Deliverable, delta: isize) {
        if d.removed {
            return;
        }
        let Some(s) = data.status_index(&d.status) else {
            return;
        };
        let bump = |row: &mut Vec<usize>| row[s] = row[s].saturating_add_signed(delta);
        bump(&mut self.total);
        if let Some(row) = self.per_council.get_mut(d.places.council as usize) {
            bump(row);
        }
        let areas = data.areas.len();
        let mut any = false;
        for &a in &d.places.areas {
            if let Some(row) = self.per_area[..areas].get_mut(a as usize) {
                bump(row);
                any = true;
            }
        }
        if !any {
            bump(&mut self.per_area[areas]);
        }
    }

    /// Deliverable `d` went from status `from` to `to`: the counts follow without a pass
    /// over every deliverable.
    pub(crate) fn status_changed(&mut self, data: &Dataset, d: &Deliverable, from: &str, to: &str) {
        if d.removed {
            return;
        }
        let council = data.councils.iter().position(|c| c.id == d.council);
        let mut areas: Vec<usize> = d
            .areas
            .iter()
            .filter_map(|a| data.areas.iter().position(|x| &x.id == a))
            .collect();
        if areas.is_empty() {
            areas.push(data.areas.len());
        }
        for (status, delta) in [(from, -1), (to, 1)] {
            let Some(s) = data.status_index(status) else {
                continue;
            };
            let rows = std::iter::once(&mut self.total)
                .chain(council.and_then(|c| self.per_council.get_mut(c)))
                .chain(
                    self.per_area
                        .iter_mut()
                        .enumerate()
                        .filter(|(i, _)| areas.contains(i))
                        .map(|(_, row)| row),
                );
            for row in rows {
                if let Some(n) = row.get_mut(s) {
                    *n = n.saturating_add_signed(delta);
                }
            }
        }
    }

    /// The counts of a councils-pane row: 0 is all councils, n is council n-1.
    pub fn council_row(&self, row: usize) -> &[usize] {
        match row.checked_sub(1) {
            None => &self.total,
            Some(c) => self.per_council.get(c).map_or(&[], Vec::as_slice),
        }
    }
}

/// The figures of one version of the document, kept between frames: the counts at once (the
/// panes show them all the time), the overdue list and the changes when first asked for
/// (only the dashboard and the changes view show them).
#[derive(Debug, Clone)]
pub struct Figures {
    counts: StatusCounts,
    /// The overdue list, with the day it was judged on (the same for a session).
    overdue: OnceCell<(String, Vec<usize>)>,
    changes: OnceCell<Vec<(usize, usize)>>,
    /// The deliverables that follow each one (by its id): the details pane asks on every
    /// frame, and a walk of every deliverable per frame shows at a million.
    followers: OnceCell<HashMap<SharedStr, Vec<usize>>>,
    /// Each deliverable's index by its id, for lookups the screens make on every frame.
    ids: OnceCell<HashMap<SharedStr, usize>>,
    /// Each council's label for list rows: made per frame, they cost milliseconds at a
    /// million deliverables (four thousand councils).
    council_labels: OnceCell<CouncilLabels>,
    /// How many deliverables the figures are of.
    len: usize,
}

/// Each council's short label for list rows (`EU–JP 2`, safe to print), by id, and the
/// widest one's width.
#[derive(Debug, Clone, Default)]
pub struct CouncilLabels {
    by_id: HashMap<String, String>,
    pub widest: usize,
}

impl CouncilLabels {
    fn new(data: &Dataset) -> Self {
        let by_id: HashMap<String, String> = data
            .councils
            .iter()
            .map(|c| {
                let label = crate::terminal_text::line(&c.label()).into_owned();
                (c.id.clone(), label)
            })
            .collect();
        let widest = by_id
            .values()
            .map(|l| unicode_width::UnicodeWidthStr::width(l.as_str()))
            .max()
            .unwrap_or(0);
        CouncilLabels { by_id, widest }
    }

    /// Council `id`'s label (empty for a council the file does not have).
    pub fn of(&self, id: &str) -> &str {
        self.by_id.get(id).map_or("", String::as_str)
    }
}

impl Figures {
    pub fn new(data: &Dataset) -> Self {
        Figures {
            counts: StatusCounts::new(data),
            overdue: OnceCell::new(),
            changes: OnceCell::new(),
            followers: OnceCell::new(),
            ids: OnceCell::new(),
            council_labels: OnceCell::new(),
            len: data.deliverables.len(),
        }
    }

    /// One deliverable was added or taken out, nothing else changed: the figures follow it
    /// without a walk of every deliverable, and true. False, with nothing changed, when the
    /// figures are not of the data before the move: they are to be made again.
    pub(crate) fn follow_move(&mut self, data: &Dataset, moved: &Moved) -> bool {
        let (index, added) = moved.place();
        let counts = &self.counts;
        let same_shape = counts.total.len() == data.statuses.len()
            && counts.per_council.len() == data.councils.len()
            && counts.per_area.len() == data.areas.len() + 1;
        let before = if added {
            data.deliverables.len().checked_sub(1)
        } else {
            Some(data.deliverables.len() + 1)
        };
        let Some(d) = moved.deliverable(data) else {
            return false;
        };
        if !same_shape || before != Some(self.len) {
            return false;
        }
        self.counts.count(data, d, if added { 1 } else { -1 });
        self.len = data.deliverables.len();
        // Every index after it moves one place; the deliverable's own is added to or taken
        // from each list it belongs in.
        if let Some((today, list)) = self.overdue.get_mut() {
            moved.follow_all(list);
            if added && is_overdue(data, d, today) {
                let key = due_end(data, index);
                let at = list.partition_point(|&i| due_end(data, i) < key);
                list.insert(at, index);
            }
        }
        if let Some(map) = self.followers.get_mut() {
            map.values_mut().for_each(|list| moved.follow_all(list));
            if let (true, false, Some(earlier)) = (added, d.removed, &d.follows) {
                let list = map.entry(earlier.clone()).or_default();
                let at = list.partition_point(|&i| i < index);
                list.insert(at, index);
            }
        }
        if let Some(map) = self.ids.get_mut() {
            map.retain(|_, i| moved.follow_index(*i).map(|j| *i = j).is_some());
            if added {
                map.insert(d.id.clone(), index);
            }
        }
        self.changes = OnceCell::new();
        true
    }

    /// The figures with the overdue list by `today` made too, on another core while the
    /// counts are made. Without a day (`""`: a state not started by the terminal UI) the
    /// list is made when first asked for, by the day it is asked for.
    pub fn with_overdue(data: &Dataset, today: &str) -> Self {
        if today.is_empty() {
            return Figures::new(data);
        }
        let (figures, late) = rayon::join(|| Figures::new(data), || overdue(data, today));
        let _ = figures.overdue.set((today.to_string(), late));
        figures
    }

    /// The councils' labels for list rows.
    pub fn council_labels(&self, data: &Dataset) -> &CouncilLabels {
        self.council_labels.get_or_init(|| CouncilLabels::new(data))
    }

    pub fn counts(&self) -> &StatusCounts {
        &self.counts
    }

    /// Deliverable `d` changed status: the counts follow; the changes are made again when
    /// next asked for (the overdue list is the caller's to follow).
    pub(crate) fn status_changed(&mut self, data: &Dataset, d: &Deliverable, from: &str, to: &str) {
        self.counts.status_changed(data, d, from, to);
        self.changes = OnceCell::new();
    }

    /// Another field changed (a due date, a history entry): the lists are made again when
    /// next asked for.
    pub(crate) fn entries_changed(&mut self) {
        self.overdue = OnceCell::new();
        self.changes = OnceCell::new();
        self.followers = OnceCell::new();
        // A council renamed or added.
        self.council_labels = OnceCell::new();
    }

    /// The index of the deliverable `id` (what `Dataset::deliverable_index` finds, without a
    /// walk of the deliverables). Ids change only with the deliverables, which makes new
    /// figures.
    pub fn index_of(&self, data: &Dataset, id: &str) -> Option<usize> {
        let map = self.ids.get_or_init(|| {
            data.deliverables
                .iter()
                .enumerate()
                .map(|(i, d)| (d.id.clone(), i))
                .collect()
        });
        match map.get(id) {
            Some(&i) if data.deliverables.get(i).is_some_and(|d| d.id == id) => Some(i),
            // A map older than the data: the walk answers.
            Some(_) => data.deliverable_index(id),
            None => None,
        }
    }

    /// The deliverables (not removed) whose `follows` names `id`, in file order.
    pub fn followers(&self, data: &Dataset, id: &str) -> &[usize] {
        let map = self.followers.get_or_init(|| {
            let mut map: HashMap<SharedStr, Vec<usize>> = HashMap::new();
            for (i, d) in data.deliverables.iter().enumerate() {
                if let (false, Some(earlier)) = (d.removed, &d.follows) {
                    map.entry(earlier.clone()).or_default().push(i);
                }
            }
            map
        });
        map.get(id).map_or(&[], Vec::as_slice)
    }

    /// The overdue deliverables by `today` (see [`overdue`]); `today` is the same for a
    /// session.
    pub fn overdue(&self, data: &Dataset, today: &str) -> &[usize] {
        &self
            .overdue
            .get_or_init(|| (today.to_string(), overdue(data, today)))
            .1
    }

    /// Deliverable `index` may have come onto the overdue list or left it (its status or its
    /// due date changed): the list, if made, follows it without a walk of every deliverable.
    pub(crate) fn rejudge_overdue(&mut self, data: &Dataset, index: usize) {
        let Some((today, list)) = self.overdue.get_mut() else {
            return;
        };
        // Where it was (by its old due date, so not by a search of the new one).
        if let Some(at) = list.iter().position(|&i| i == index) {
            list.remove(at);
        }
        let Some(d) = data.deliverables.get(index) else {
            return;
        };
        if is_overdue(data, d, today) {
            let key = due_end(data, index);
            let at = list.partition_point(|&i| due_end(data, i) < key);
            list.insert(at, index);
        }
    }

    /// The overdue list is made again when next asked for.
    pub(crate) fn forget_overdue(&mut self) {
        self.overdue = OnceCell::new();
    }

    /// A due date changed: the changes are made again when next asked for (the overdue list
    /// is the caller's to follow).
    pub(crate) fn due_changed(&mut self) {
        self.changes = OnceCell::new();
    }

    /// The changes since `since` (see [`changed_since`]); `since` is the same for a session.
    pub fn changed_since(&self, data: &Dataset, since: &str, zone: &Zone) -> &[(usize, usize)] {
        self.changes
            .get_or_init(|| changed_since(data, since, zone))
    }
}

/// A row of the dashboard that Enter acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DashTarget {
    /// An overdue deliverable (index into the data).
    Deliverable(usize),
    /// A council (index into the data's councils).
    Council(usize),
    /// An area (index into the data's areas).
    Area(usize),
}

/// What the dashboard shows: the counts and the overdue deliverables of what it covers
/// (the deliverables the panes show, or every one), and the councils and areas listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DashboardFigures {
    pub counts: StatusCounts,
    pub overdue: Vec<usize>,
    /// Councils and areas listed (indices), in file order.
    pub councils: Vec<usize>,
    pub areas: Vec<usize>,
}

impl DashboardFigures {
    /// `scope`: the deliverables covered (indices), or `None` for every one. What `figures`
    /// keeps is taken from there: the dashboard is drawn on every frame.
    pub fn new(data: &Dataset, figures: &Figures, scope: Option<&[usize]>, today: &str) -> Self {
        let late = figures.overdue(data, today);
        let (counts, overdue) = match scope {
            None => (figures.counts().clone(), late.to_vec()),
            Some(rows) => {
                let set: std::collections::HashSet<usize> = rows.iter().copied().collect();
                let counts = StatusCounts::of(data, rows.iter().map(|&i| &data.deliverables[i]));
                let late = late.iter().copied().filter(|i| set.contains(i)).collect();
                (counts, late)
            }
        };
        let listed = |rows: &[Vec<usize>], n: usize| -> Vec<usize> {
            (0..n)
                .filter(|&i| scope.is_none() || rows[i].iter().sum::<usize>() > 0)
                .collect()
        };
        DashboardFigures {
            councils: listed(&counts.per_council, data.councils.len()),
            areas: listed(&counts.per_area, data.areas.len()),
            counts,
            overdue,
        }
    }

    /// The rows Enter acts on, in the order shown: overdue first, then councils, areas.
    pub fn targets(&self) -> Vec<DashTarget> {
        self.overdue
            .iter()
            .map(|&i| DashTarget::Deliverable(i))
            .chain(self.councils.iter().map(|&c| DashTarget::Council(c)))
            .chain(self.areas.iter().map(|&a| DashTarget::Area(a)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overdue_is_ordered_by_the_end_of_each_due_period_then_file_order() {
        let dues = [
            "2024-06",
            "2024-06-30",
            "2024-07-01",
            "2024",
            "2024-06",
            "2027-01",
        ];
        let deliverables: String = dues
            .iter()
            .enumerate()
            .map(|(i, due)| {
                format!(
                    r#"{{"id": "d{i}", "council": "c", "title": "T", "status": "planned", "due": "{due}"}}"#
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        let text = format!(
            r#"{{"version": 1, "councils": [{{"id": "c", "name": "C"}}], "deliverables": [{deliverables}]}}"#
        );
        let data = crate::load::parse(&text).unwrap();
        // June 2024 ends after its 30th and before July; 2024 after both; 2027 is to come.
        assert_eq!(overdue(&data, "2026-12-01"), vec![1, 0, 4, 2, 3]);
    }
}
