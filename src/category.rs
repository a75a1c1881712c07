//! What a status means, whatever it is called: one of five categories, stated in the file
//! (`{"name": "parked", "category": "blocked"}`) or inferred from the status's name.
//! Progress, overdue, colours and fill characters follow the category, never the name.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// Not started.
    Open,
    /// Under way.
    Active,
    /// Stuck, needs a decision.
    Blocked,
    /// Achieved: what progress counts.
    Done,
    /// Will not happen.
    Dropped,
}

/// The names that get each category when a file does not state it (compared after
/// `normalize`); every other name is `open`.
const NAMES: [(Category, &[&str]); 4] = [
    (
        Category::Done,
        &[
            "done",
            "delivered",
            "shipped",
            "complete",
            "completed",
            "closed",
            "achieved",
            "signed",
            "adopted",
            "launched",
            "finished",
            "resolved",
        ],
    ),
    (
        Category::Dropped,
        &[
            "dropped",
            "cancelled",
            "canceled",
            "withdrawn",
            "abandoned",
            "rejected",
            "obsolete",
            "superseded",
            "won't do",
        ],
    ),
    (
        Category::Blocked,
        &[
            "blocked", "stalled", "parked", "on hold", "paused", "waiting", "delayed", "stuck",
            "at risk",
        ],
    ),
    (
        Category::Active,
        &[
            "in progress",
            "under way",
            "underway",
            "ongoing",
            "started",
            "active",
            "doing",
            "in review",
            "drafting",
        ],
    ),
];

/// A status name as the table compares it: lower case, words separated by one space
/// (`In_Progress`, `in-progress` and `in progress` are one name).
fn normalize(name: &str) -> String {
    name.to_lowercase()
        .split(|c: char| c == '_' || c == '-' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

impl Category {
    pub const ALL: [Category; 5] = [
        Category::Open,
        Category::Active,
        Category::Blocked,
        Category::Done,
        Category::Dropped,
    ];

    /// The category as the file and the search language spell it.
    pub fn name(self) -> &'static str {
        match self {
            Category::Open => "open",
            Category::Active => "active",
            Category::Blocked => "blocked",
            Category::Done => "done",
            Category::Dropped => "dropped",
        }
    }

    /// The category a file states, spelt exactly as `name` spells it.
    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.name() == name)
    }

    /// The category a status gets from its name alone.
    pub fn infer(status: &str) -> Category {
        let name = normalize(status);
        NAMES
            .iter()
            .find(|(_, names)| names.contains(&name.as_str()))
            .map_or(Category::Open, |(c, _)| *c)
    }

    /// Done or dropped: nothing is left to do, so never overdue.
    pub fn settled(self) -> bool {
        matches!(self, Category::Done | Category::Dropped)
    }

    /// The five names, for messages (`open, active, blocked, done, dropped`).
    pub fn choices() -> String {
        Category::ALL.map(Category::name).join(", ")
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every name of the table, in each of the spellings a file may use.
    #[test]
    fn every_name_of_the_table_gets_its_category_in_any_case_and_with_any_separator() {
        let table: [(Category, &[&str]); 4] = [
            (
                Category::Done,
                &[
                    "done",
                    "delivered",
                    "shipped",
                    "complete",
                    "completed",
                    "closed",
                    "achieved",
                    "signed",
                    "adopted",
                    "launched",
                    "finished",
                    "resolved",
                ],
            ),
            (
                Category::Dropped,
                &[
                    "dropped",
                    "cancelled",
                    "canceled",
                    "withdrawn",
                    "abandoned",
                    "rejected",
                    "obsolete",
                    "superseded",
                    "won't do",
                ],
            ),
            (
                Category::Blocked,
                &[
                    "blocked", "stalled", "parked", "on hold", "paused", "waiting", "delayed",
                    "stuck", "at risk",
                ],
            ),
            (
                Category::Active,
                &[
                    "in progress",
                    "under way",
                    "underway",
                    "ongoing",
                    "started",
                    "active",
                    "doing",
                    "in review",
                    "drafting",
                ],
            ),
        ];
        // The reader's table is this one, name for name: nothing is inferred that the
        // contract does not list.
        assert_eq!(NAMES, table);
        for (category, names) in table {
            for name in names {
                let upper = name.to_uppercase();
                let mut title: Vec<char> = name.chars().collect();
                title[0] = title[0].to_ascii_uppercase();
                let title: String = title.into_iter().collect();
                for spelling in [
                    name.to_string(),
                    upper.clone(),
                    title,
                    name.replace(' ', "_"),
                    name.replace(' ', "-"),
                    upper.replace(' ', "_"),
                    format!("  {}  ", name.replace(' ', " - ")),
                ] {
                    assert_eq!(Category::infer(&spelling), category, "{spelling:?}");
                }
            }
        }
    }

    #[test]
    fn other_names_are_open() {
        for name in [
            "planned",
            "proposed",
            "agreed",
            "todo",
            "new",
            "backlog",
            "",
            "   ",
            "inprogress",
            "InProgress",
            "not done",
            "done soon",
            "on",
            "hold",
            "wont do",
            "in.progress",
            "完了",
        ] {
            assert_eq!(Category::infer(name), Category::Open, "{name:?}");
        }
    }

    #[test]
    fn a_stated_category_is_spelt_exactly() {
        for c in Category::ALL {
            assert_eq!(Category::from_name(c.name()), Some(c));
        }
        assert_eq!(Category::from_name("Done"), None);
        assert_eq!(Category::from_name("finished"), None);
        assert_eq!(Category::choices(), "open, active, blocked, done, dropped");
        assert!(Category::Done.settled() && Category::Dropped.settled());
        assert!(!Category::Blocked.settled() && !Category::Open.settled());
    }
}
