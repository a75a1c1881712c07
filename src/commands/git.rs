//! The commands that let git merge datasets field by field: `merge-driver` (called by git)
//! and `git-setup` (installs it in a repository), and the listing of a file's conflicts.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::conflicted;
use crate::failure::Failure;
use crate::load;
use crate::store;
use crate::terminal_text;
use crate::three_way::{self, Input, MergeError};
use crate::vocabulary::plural;

/// What git runs: `%O %A %B %P` are the base, ours (where the result goes), theirs and the path.
pub const DRIVER: &str = "councilor merge-driver %O %A %B %P";
const DRIVER_NAME: &str = "councilor: field-level merge of councilor datasets";

/// Output of a command: what goes to stdout.
fn out(text: &str) {
    use std::io::Write;
    let mut o = std::io::stdout().lock();
    let _ = o.write_all(text.as_bytes()).and_then(|_| o.flush());
}

/// Merges `theirs` and `base` into `ours` (rewritten in place). Exit 0: merged cleanly;
/// 1: conflicts left between markers (or a merged file that breaks a rule); 2: an input
/// that is not a dataset, and `ours` left untouched.
pub fn merge_driver(base: &Path, ours: &Path, theirs: &Path, shown: &str) -> Result<(), Failure> {
    let read = |path: &Path, side: &str| -> Result<String, Failure> {
        // Only regular files: a FIFO or a device would block or never end.
        let (bytes, _) = store::reread(path).map_err(|e| {
            Failure::usage(format!("councilor merge-driver: {shown} ({side}): {e}"))
        })?;
        String::from_utf8(bytes).map_err(|e| {
            Failure::usage(format!(
                "councilor merge-driver: {shown} ({side}): not UTF-8 (byte {})",
                e.utf8_error().valid_up_to()
            ))
        })
    };
    let base_text = read(base, "base")?;
    let ours_text = read(ours, "ours")?;
    let theirs_text = read(theirs, "theirs")?;
    // A file added on both branches comes with an empty base.
    let base_text = (!base_text.trim().is_empty()).then_some(base_text);
    let mut problems = Vec::new();
    for (text, side) in [
        (base_text.as_deref(), "base"),
        (Some(ours_text.as_str()), "ours"),
        (Some(theirs_text.as_str()), "theirs"),
    ] {
        if let Some(text) = text
            && let Err(e) = load::parse(text)
        {
            problems.extend(e.lines(&format!("{shown} ({side})")));
        }
    }
    if !problems.is_empty() {
        return Err(Failure::usage(format!(
            "{}\ncouncilor merge-driver: not merged; {shown} is left as in ours",
            problems.join("\n")
        )));
    }
    let merged = match three_way::merge(base_text.as_deref(), &ours_text, &theirs_text) {
        Ok(m) => m,
        Err(MergeError::NotJson { input, at, message }) => {
            let (side, text) = match input {
                Input::Base => ("base", base_text.as_deref().unwrap_or("")),
                Input::Ours => ("ours", ours_text.as_str()),
                Input::Theirs => ("theirs", theirs_text.as_str()),
            };
            let (line, column) = load::line_column(text, at);
            return Err(Failure::usage(format!(
                "{shown} ({side}):{line}:{column}: {message}\ncouncilor merge-driver: not merged; {shown} is left as in ours"
            )));
        }
        Err(MergeError::Overlap) => {
            return Err(Failure::usage(format!(
                "councilor merge-driver: {shown}: the two sides' changes could not be placed apart; not merged, left as in ours"
            )));
        }
    };
    store::write_plain(ours, merged.text.as_bytes()).map_err(|e| {
        Failure::usage(format!(
            "councilor merge-driver: {shown}: cannot write the result: {e}"
        ))
    })?;
    if merged.conflicts > 0 {
        let listed = conflict_lines(shown, &merged.text).unwrap_or_default();
        return Err(Failure::data(format!(
            "{listed}councilor merge-driver: {shown}: {} left between markers (the same field changed on both sides); \
             keep one side of each, then `councilor validate {shown}`",
            plural(merged.conflicts, "conflict")
        )));
    }
    if let Err(e) = load::parse(&merged.text) {
        return Err(Failure::data(format!(
            "{}\ncouncilor merge-driver: {shown}: merged, but the result breaks the rules above; fix it before committing",
            e.lines(shown).join("\n")
        )));
    }
    Ok(())
}

/// One line per conflict (`file:line: where: ours (ours) / theirs (theirs)`), each ending in a
/// newline; `None` when the text has no conflict markers.
pub fn conflict_lines(shown: &str, text: &str) -> Option<String> {
    if !conflicted::has_markers(text) {
        return None;
    }
    match conflicted::read(text) {
        Ok(c) => Some(
            c.places()
                .iter()
                .map(|p| format!("{shown}:{}: {}\n", p.line, p.what))
                .collect(),
        ),
        Err(e) => Some(format!("{shown}:{}: {}\n", e.line, e.message)),
    }
}

/// A file left with conflict markers, said as its list of conflicts (for every command).
pub fn explain_conflicts(path: &Path) -> Option<Failure> {
    let (bytes, _) = store::reread(path).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let shown = store::shown(path);
    let listed = conflict_lines(&shown, &text)?;
    let count = conflicted::read(&text).map_or(0, |c| c.regions().len());
    Some(Failure::data(format!(
        "{listed}{shown}: {} from a merge; keep one side of each (the lines between <<<<<<< and =======, or between ======= and >>>>>>>)",
        if count == 0 {
            "broken conflict markers".to_string()
        } else {
            format!("{} left", plural(count, "conflict"))
        }
    )))
}

fn git(dir: &Path, args: &[&OsStr]) -> Result<String, Failure> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| Failure::data(format!("councilor git-setup: cannot run git: {e}")))?;
    if !output.status.success() {
        return Err(Failure::data(format!(
            "councilor git-setup: git {} failed: {}",
            args.iter()
                .map(|a| a.to_string_lossy())
                .collect::<Vec<_>>()
                .join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// A path as a `.gitattributes` pattern that matches only that file, from the top.
fn attribute_pattern(path: &str) -> String {
    let mut escaped = String::from("/");
    for c in path.chars() {
        if matches!(c, '*' | '?' | '[' | '\\' | '!' | '#') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    if escaped.contains([' ', '\t', '"']) {
        // Quoted patterns are read in C style.
        format!("\"{}\"", escaped.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        escaped
    }
}

/// Installs the merge driver in the git repository holding `dir`: the `.gitattributes` lines
/// for the datasets found there and the `merge.councilor.*` settings; idempotent.
pub fn git_setup(dir: Option<PathBuf>) -> Result<(), Failure> {
    let dir = dir.unwrap_or_else(|| PathBuf::from("."));
    let top = git(&dir, &["rev-parse".as_ref(), "--show-toplevel".as_ref()])?;
    let top = PathBuf::from(top.trim_end_matches(['\n', '\r']));
    // Only files that are datasets: other JSON files keep git's line merge.
    let listed = git(
        &top,
        &[
            "ls-files".as_ref(),
            "-z".as_ref(),
            "--cached".as_ref(),
            "--others".as_ref(),
            "--exclude-standard".as_ref(),
            "--".as_ref(),
            "*.json".as_ref(),
        ],
    )?;
    let mut datasets: Vec<&str> = listed
        .split('\0')
        .filter(|p| !p.is_empty())
        .filter(|p| {
            store::reread(&top.join(p))
                .ok()
                .and_then(|(b, _)| load::decode_text(b).ok())
                .is_some_and(|t| load::parse(&t).is_ok())
        })
        .collect();
    datasets.sort_unstable();
    datasets.dedup();
    let attributes = top.join(".gitattributes");
    let existing = store::read_if_there(&attributes)
        .map_err(|e| Failure::data(format!("councilor git-setup: {e}")))?
        .unwrap_or_default();
    let have: Vec<&str> = existing.lines().map(str::trim).collect();
    let wanted: Vec<String> = datasets
        .iter()
        .map(|p| format!("{} merge=councilor", attribute_pattern(p)))
        .filter(|l| !have.contains(&l.as_str()))
        .collect();
    let mut report = String::new();
    if datasets.is_empty() {
        report.push_str(&format!(
            "no councilor dataset found in {} (tracked or new *.json files); nothing added to .gitattributes: run again once one is there\n",
            store::shown(&top)
        ));
    } else if wanted.is_empty() {
        report.push_str(&format!(
            "{}: already has the lines for {}\n",
            store::shown(&attributes),
            plural(datasets.len(), "dataset")
        ));
    } else {
        let mut text = existing.clone();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        for line in &wanted {
            text.push_str(line);
            text.push('\n');
        }
        store::write_plain(&attributes, text.as_bytes()).map_err(|e| {
            Failure::data(format!(
                "councilor git-setup: cannot write {}: {e}",
                store::shown(&attributes)
            ))
        })?;
        report.push_str(&format!("{}: added\n", store::shown(&attributes)));
        for line in &wanted {
            report.push_str(&format!("  {line}\n"));
        }
    }
    for (key, value) in [
        ("merge.councilor.name", DRIVER_NAME),
        ("merge.councilor.driver", DRIVER),
    ] {
        let now = git(
            &top,
            &[
                "config".as_ref(),
                "--local".as_ref(),
                "--get".as_ref(),
                key.as_ref(),
            ],
        )
        .ok();
        if now.as_deref().map(|v| v.trim_end_matches('\n')) == Some(value) {
            report.push_str(&format!("git config {key}: already \"{value}\"\n"));
        } else {
            git(
                &top,
                &[
                    "config".as_ref(),
                    "--local".as_ref(),
                    key.as_ref(),
                    value.as_ref(),
                ],
            )?;
            report.push_str(&format!("git config --local {key} \"{value}\"\n"));
        }
    }
    if !wanted.is_empty() {
        report.push_str("commit .gitattributes so that the others' clones use the driver too (each runs `councilor git-setup` once for the config)\n");
    }
    out(&terminal_text::clean(&report, terminal_text::Lines::Keep));
    Ok(())
}
