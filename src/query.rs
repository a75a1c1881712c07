//! Choosing and ordering deliverables: by council, area and status, and by a text query.
//! The CLI's `list` uses it; the TUI's search builds on the same ranking.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::model::Dataset;

#[derive(Debug, Clone, Default)]
pub struct Filter<'a> {
    pub council: Option<&'a str>,
    pub area: Option<&'a str>,
    pub status: Option<&'a str>,
    pub query: Option<&'a str>,
}

/// The indices of the deliverables that pass `filter`: in file order, or best match first
/// when there is a query (ties keep file order). Every space-separated term must match.
pub fn select(data: &Dataset, filter: &Filter) -> Vec<usize> {
    let matcher = SkimMatcherV2::default();
    let terms: Vec<&str> = filter
        .query
        .map(|q| q.split_whitespace().collect())
        .unwrap_or_default();
    let mut hits: Vec<(i64, usize)> = data
        .deliverables
        .iter()
        .enumerate()
        .filter(|(_, d)| filter.council.is_none_or(|c| d.council == c))
        .filter(|(_, d)| filter.area.is_none_or(|a| d.areas.iter().any(|x| x == a)))
        .filter(|(_, d)| filter.status.is_none_or(|s| d.status == s))
        .filter_map(|(i, d)| {
            let mut total = 0;
            for term in &terms {
                total += matcher.fuzzy_match(&d.title, term)?;
            }
            Some((total, i))
        })
        .collect();
    if !terms.is_empty() {
        hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    }
    hits.into_iter().map(|(_, i)| i).collect()
}
