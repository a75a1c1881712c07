//! Choosing deliverables for the CLI: by council, area and status flags, then by a query in
//! the search language (the same engine, parsing and order as the TUI's `/`).

use crate::model::Dataset;
use crate::search::{self, Outcome, Query};

#[derive(Debug, Clone, Default)]
pub struct Filter<'a> {
    pub council: Option<&'a str>,
    pub area: Option<&'a str>,
    pub status: Option<&'a str>,
    pub query: Option<&'a str>,
    /// `YYYY-MM-DD`, the day `is:overdue` is judged on (none: nothing is overdue).
    pub today: Option<&'a str>,
}

/// The deliverables that pass `filter`, best match first when there is a query (ties in
/// file order), with anything to say about the query.
pub fn search(data: &Dataset, filter: &Filter) -> Outcome {
    let query = Query::parse(filter.query.unwrap_or(""));
    let removed = query.wants_removed();
    let candidates: Vec<usize> = data
        .deliverables
        .iter()
        .enumerate()
        .filter(|(_, d)| d.removed == removed)
        .filter(|(_, d)| filter.council.is_none_or(|c| d.council == c))
        .filter(|(_, d)| filter.area.is_none_or(|a| d.areas.iter().any(|x| x == a)))
        .filter(|(_, d)| filter.status.is_none_or(|s| d.status == s))
        .map(|(i, _)| i)
        .collect();
    search::run(data, &query, &candidates, filter.today.unwrap_or(""))
}

/// The indices of the deliverables that pass `filter` (see [`search`]).
pub fn select(data: &Dataset, filter: &Filter) -> Vec<usize> {
    search(data, filter).rows
}
