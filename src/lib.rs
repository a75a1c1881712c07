//! councilor: review the outcomes of international councils and triage their deliverables.

pub mod action;
pub mod app;
pub mod cli;
pub mod config;
pub mod conflicted;
pub mod dates;
pub mod document;
pub mod edit;
pub mod event_loop;
pub mod generate;
pub mod git_commands;
pub mod json_tree;
pub mod keymap;
pub mod load;
pub mod merge;
pub mod model;
pub mod query;
pub mod report;
pub mod save_worker;
pub mod search;
pub mod store;
pub mod terminal;
pub mod terminal_text;
pub mod three_way;
pub mod ui;
