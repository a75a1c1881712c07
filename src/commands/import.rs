//! `import`: a council's readout turned into proposed deliverables. `--dry-run` prints
//! them; `--yes` adds those the file does not have yet, each one `capture`'s
//! `AddDeliverable` as `add deliverable` applies it, all saved at once under the lock (and
//! applied again to another writer's file when one saved meanwhile).

use std::path::{Path, PathBuf};

use crate::capture::{self, Done, Op};
use crate::create;
use crate::dates;
use crate::document::Document;
use crate::failure::{BUSY, Failure};
use crate::readout::{self, Proposal};
use crate::store;
use crate::terminal_text;

use super::capture::stopped;
use super::{open, print, resolve, warn_of_hard_links};

/// What `import` was asked.
#[derive(Debug, Clone)]
pub struct Import {
    pub file: Option<PathBuf>,
    pub council: String,
    pub text: PathBuf,
    pub source_url: Option<String>,
    pub dry_run: bool,
    pub yes: bool,
}

/// A field of a TSV line: tabs and line breaks would break the columns.
fn cell(text: &str) -> String {
    let flat: String = text
        .chars()
        .map(|c| {
            if matches!(c, '\t' | '\n' | '\r') {
                ' '
            } else {
                c
            }
        })
        .collect();
    terminal_text::line(&flat).into_owned()
}

/// One line a proposal: status, areas, title, evidence, and the id of the deliverable the
/// file already has for it (empty when it is new).
pub fn tsv(proposals: &[Proposal]) -> String {
    let mut out = String::new();
    for p in proposals {
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\n",
            cell(&p.status),
            cell(&p.areas.join(",")),
            cell(&p.title),
            cell(&p.evidence),
            cell(p.present.as_deref().unwrap_or(""))
        ));
    }
    out
}

/// The proposals of the text for the council, read and checked.
pub fn proposals(
    doc: &Document,
    council: &str,
    text: &Path,
    source_url: Option<&str>,
) -> Result<(Vec<Proposal>, String), Failure> {
    create::check_council(doc.data(), council)
        .map_err(|r| Failure::data(format!("councilor: {}", r.0)))?;
    let text = store::read_text(text).map_err(|e| Failure::data(format!("councilor: {e}")))?;
    let found = readout::propose(&text, doc.data(), council, source_url);
    Ok((found, text))
}

pub fn run(args: Import) -> Result<(), Failure> {
    let path = resolve(args.file.clone())?;
    let (doc, fingerprint) = open(&path)?;
    let (found, _) = proposals(&doc, &args.council, &args.text, args.source_url.as_deref())?;
    if args.dry_run {
        return print(&tsv(&found));
    }
    if !args.yes {
        return Err(Failure::usage(
            "councilor: the review of the proposals needs the terminal UI; use --dry-run or --yes",
        ));
    }
    let ops: Vec<Op> = found
        .iter()
        .filter(|p| p.present.is_none())
        .map(|p| Op::AddDeliverable(p.to_new(&args.council)))
        .collect();
    let mut lines: Vec<String> = found
        .iter()
        .filter_map(|p| {
            p.present.as_ref().map(|id| {
                format!(
                    "skipped (already in the file as {}): {}",
                    terminal_text::line(id),
                    terminal_text::line(&p.title)
                )
            })
        })
        .collect();
    if ops.is_empty() {
        lines.push(format!(
            "nothing to add ({} proposal{}; nothing written)",
            found.len(),
            if found.len() == 1 { "" } else { "s" }
        ));
        return print(&(lines.join("\n") + "\n"));
    }
    let added = add_all(&path, doc, fingerprint, &ops)?;
    lines.extend(added);
    print(&(lines.join("\n") + "\n"))
}

/// Applies every operation to the document and saves once; the ids added, in order.
fn add_all(
    path: &Path,
    mut doc: Document,
    fingerprint: store::Fingerprint,
    ops: &[Op],
) -> Result<Vec<String>, Failure> {
    let base = doc.clone();
    let at = dates::now_utc();
    let apply_all = |doc: &mut Document, base: Option<&Document>| -> Result<Vec<Done>, Failure> {
        ops.iter()
            .map(|op| capture::apply(doc, op, &at, base).map_err(stopped))
            .collect()
    };
    let done = apply_all(&mut doc, None)?;
    let mut merged: Option<Result<Vec<Done>, Failure>> = None;
    let mut rebase = |current: &[u8]| -> Option<Vec<u8>> {
        let mut theirs = match Document::from_bytes(current.to_vec()) {
            Ok(d) => d,
            Err(_) => {
                merged = Some(Err(Failure::data(format!(
                    "councilor: not saved: {} changed on disk and is not valid now; it was left as it is",
                    store::shown(path)
                ))));
                return None;
            }
        };
        let result = apply_all(&mut theirs, Some(&base));
        let ok = result.is_ok();
        merged = Some(result);
        ok.then(|| theirs.text().as_bytes().to_vec())
    };
    warn_of_hard_links(path);
    let saved = store::save_merging(path, &doc.byte_pieces(), fingerprint, &mut rebase);
    let done = match saved {
        Ok(s) => match (s.merged, merged) {
            (Some(_), Some(Ok(d))) => d,
            _ => done,
        },
        Err(e @ store::SaveError::ChangedOnDisk { .. }) => {
            return Err(match merged {
                Some(Err(f)) => f,
                _ => Failure::data(format!("councilor: {e}")),
            });
        }
        Err(e @ store::SaveError::Busy { .. }) => {
            return Err(Failure {
                code: BUSY,
                message: format!("councilor: {e}"),
            });
        }
        Err(e) => return Err(Failure::data(format!("councilor: {e}"))),
    };
    Ok(done
        .into_iter()
        .filter_map(|d| d.added)
        .map(|id| format!("added {}", terminal_text::line(&id)))
        .collect())
}
