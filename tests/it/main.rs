//! Every integration test in one binary: on a 2-core machine, linking a test binary (ratatui,
//! crossterm, notify, clap…) costs more than running its tests, so they share one.
//! `cargo test --test it MODULE::` runs one group, e.g. `cargo test --test it cli::`.

mod common;

mod app_state;
mod bad_input;
mod bundled;
mod capture_cli;
mod categories;
mod cli;
mod crash;
mod faults;
mod flow;
mod form;
mod generate;
mod git;
mod hostile;
mod import_cli;
mod links;
mod load_corpus;
mod meeting;
mod meeting_screen;
mod minutes;
mod pictures;
mod props;
mod pty;
mod reliability;
mod removed;
mod render;
mod review;
mod save;
mod search;
mod two_writers;
mod views;
mod windows;
