//! councilor: review the outcomes of international councils and triage their deliverables.

pub mod cli;
pub mod dates;
pub mod document;
pub mod edit;
pub mod load;
pub mod model;
pub mod query;
pub mod report;
pub mod store;
pub mod terminal_text;
