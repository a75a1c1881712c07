//! The commands that record a meeting: `add`, `edit`, `remove`, `restore` and `purge`. Each
//! is one [`capture::Op`], applied as the terminal UI applies it, and saved under the lock;
//! when another writer saved meanwhile, the operation is applied again to their file, with
//! its conflicts refused (exit 3) as `set` refuses them.

use std::ffi::OsString;
use std::path::PathBuf;

use crate::capture::{self, Done, Op, Stop};
use crate::dates;
use crate::document::Document;
use crate::failure::{BUSY, CONFLICT, Failure};
use crate::store;
use crate::terminal_text;

use super::{open, print, resolve, warn_of_hard_links};

/// `[FILE] ID` as `set` reads them.
pub fn file_and_id(args: Vec<OsString>, what: &str) -> Result<(Option<PathBuf>, String), Failure> {
    let mut args = args.into_iter();
    let (file, id) = match (args.next(), args.next()) {
        (Some(f), Some(id)) => (Some(PathBuf::from(f)), id),
        (Some(id), None) => (None, id),
        _ => return Err(Failure::usage(format!("councilor: {what} needs an ID"))),
    };
    let id = id
        .into_string()
        .map_err(|_| Failure::usage("councilor: the ID is not valid UTF-8"))?;
    Ok((file, id))
}

pub(crate) fn stopped(stop: Stop) -> Failure {
    match stop {
        Stop::Refused(why) => Failure::data(format!("councilor: {why}")),
        Stop::Conflict(why) => Failure {
            code: CONFLICT,
            message: format!("councilor: not saved: {why}; the file was left as it is"),
        },
    }
}

/// Applies `op` to the file and saves it; prints what it did, one line per change.
pub fn run(file: Option<PathBuf>, op: &Op) -> Result<(), Failure> {
    let path = resolve(file)?;
    let (mut doc, fingerprint) = open(&path)?;
    // The text as read: read again only if another writer saved meanwhile (a large file's
    // model is not kept twice for that rare case).
    let base_text = doc.text().to_string();
    let at = dates::now_utc();
    let done = capture::apply(&mut doc, op, &at, None).map_err(stopped)?;
    if done.steps.is_empty() {
        return print("nothing changed (nothing written)\n");
    }
    let mut merged: Option<Result<Done, Failure>> = None;
    let mut rebase = |current: &[u8]| -> Option<Vec<u8>> {
        let mut theirs = match Document::from_bytes(current.to_vec()) {
            Ok(d) => d,
            Err(e) => {
                let why = e.lines("the file").into_iter().next().unwrap_or_default();
                merged = Some(Err(Failure::data(format!(
                    "councilor: not saved: {} changed on disk and is not valid now ({why}); it was left as it is",
                    store::shown(&path)
                ))));
                return None;
            }
        };
        let Ok(base) = Document::from_text(base_text.clone()) else {
            return None;
        };
        match capture::apply(&mut theirs, op, &at, Some(&base)) {
            Ok(d) => {
                merged = Some(Ok(d));
                Some(theirs.text().as_bytes().to_vec())
            }
            Err(stop) => {
                merged = Some(Err(stopped(stop)));
                None
            }
        }
    };
    warn_of_hard_links(&path);
    let saved = store::save_merging(&path, &doc.byte_pieces(), fingerprint, &mut rebase);
    match saved {
        Ok(s) => {
            // Merged into another writer's file: what was done there is what to say.
            let done = match (s.merged, merged) {
                (Some(_), Some(Ok(d))) => d,
                _ => done,
            };
            let mut out = done.lines.join("\n");
            out.push('\n');
            print(&out)
        }
        Err(e @ store::SaveError::ChangedOnDisk { .. }) => Err(match merged {
            Some(Err(f)) => f,
            _ => Failure::data(format!("councilor: {e}")),
        }),
        Err(e @ store::SaveError::Busy { .. }) => Err(Failure {
            code: BUSY,
            message: format!("councilor: {e}"),
        }),
        Err(e) => Err(Failure::data(format!("councilor: {e}"))),
    }
}

/// `purge`: without `yes`, says what it would delete and changes nothing (exit 2).
pub fn purge(file: Option<PathBuf>, before: Option<String>, yes: bool) -> Result<(), Failure> {
    if let Some(why) = before.as_deref().and_then(dates::date_problem) {
        return Err(Failure::usage(format!(
            "councilor: --before {}",
            terminal_text::line(&why)
        )));
    }
    if !yes {
        let path = resolve(file)?;
        let (doc, _) = open(&path)?;
        let ids: Vec<String> = capture::purgeable(doc.data(), before.as_deref())
            .into_iter()
            .map(|(_, id)| id)
            .collect();
        return Err(Failure::usage(format!(
            "councilor: purge deletes {} removed deliverable{} for good{}; add --yes to do it",
            ids.len(),
            if ids.len() == 1 { "" } else { "s" },
            if ids.is_empty() {
                String::new()
            } else {
                format!(" ({})", terminal_text::line(&ids.join(", ")))
            }
        )));
    }
    run(file, &Op::Purge { before })
}
