//! The lists the panes show: counts per council and area, and the deliverables after the
//! council and area panes and the search.

use super::{App, AreaRow, Fallback};
use crate::search;

impl App {
    /// Rebuilds everything derived from the data (counts, area rows, the list) after the data
    /// or the council changed, keeping the cursor on the deliverable `keep` (by id).
    pub(super) fn refresh(&mut self, keep: Option<String>) {
        self.recount();
        self.refilter(keep, Fallback::Top);
    }

    /// The area rows of the chosen council, with their counts.
    pub(super) fn recount(&mut self) {
        let data = self.doc.data();
        let council = self
            .council
            .checked_sub(1)
            .map(|i| data.councils[i].id.as_str());
        let previous_area = self.area_filter().map(str::to_string);
        // One pass over the deliverables counts every area of the chosen council.
        let area_index: std::collections::HashMap<&str, usize> = data
            .areas
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        let mut area_counts = vec![0; data.areas.len()];
        for d in &data.deliverables {
            if council.is_some_and(|c| d.council != c) {
                continue;
            }
            for a in &d.areas {
                if let Some(&i) = area_index.get(a.as_str()) {
                    area_counts[i] += 1;
                }
            }
        }
        self.area_rows = area_counts
            .into_iter()
            .enumerate()
            .filter(|&(_, count)| count > 0)
            .map(|(area, count)| AreaRow { area, count })
            .collect();
        self.area = previous_area
            .and_then(|id| {
                self.area_rows
                    .iter()
                    .position(|r| data.areas[r.area].id == id)
            })
            .map_or(0, |p| p + 1);
    }

    /// The list: the deliverables of the chosen council and area, then the search. The
    /// cursor stays on `keep` while it is shown; otherwise `fallback` says where it goes.
    pub(super) fn refilter(&mut self, keep: Option<String>, fallback: Fallback) {
        let data = self.doc.data();
        let council = self.council_filter();
        let area = self.area_filter();
        let scope: Vec<usize> = data
            .deliverables
            .iter()
            .enumerate()
            .filter(|(_, d)| council.is_none_or(|c| d.council == c))
            .filter(|(_, d)| area.is_none_or(|a| d.areas.iter().any(|x| x == a)))
            .map(|(i, _)| i)
            .collect();
        self.search.scope_len = scope.len();
        if self.search.active() {
            let found = search::run(data, &self.search.query, &scope);
            self.rows = found.rows;
            self.search.problems = found.problems;
        } else {
            self.rows = scope;
            self.search.problems = self.search.query.problems().to_vec();
        }
        let keep_at = keep.and_then(|id| {
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
