//! The headless commands (`validate`, `list`, `set`, `export`, `paths`, `generate`, and the
//! git ones in [`git`]): each reads its arguments as parsed by the command line, does its
//! work through the store, and prints its result or returns a [`Failure`].

pub mod capture;
pub mod git;
pub mod import;

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use crate::calendar;
use crate::config::{self, Config};
use crate::dates;
use crate::document::Document;
use crate::edit::{self, StatusChange};
use crate::failure::{BUSY, CONFLICT, Failure, say};
use crate::file_conflicts::FileConflicts;
use crate::merge::{self, Pending};
use crate::model::Editable;
use crate::query::{self, Filter};
use crate::report;
use crate::store::{self, Fingerprint};
use crate::terminal_text;
use crate::vocabulary::plural;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Tsv,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Markdown,
    /// Plain text for an e-mail: wrapped, no markup.
    Text,
    Csv,
    /// iCalendar: an all-day entry for each due date.
    Ics,
}

/// The named file, or the default one (created from the bundled dataset on first use).
pub fn resolve(file: Option<PathBuf>) -> Result<PathBuf, Failure> {
    if let Some(f) = file {
        return Ok(f);
    }
    let (path, created) = store::ensure_default().map_err(Failure::data)?;
    if created {
        say(&format!(
            "councilor: created {} from the bundled outcomes",
            store::shown(&path)
        ));
    } else {
        say(&format!("councilor: using {}", store::shown(&path)));
    }
    Ok(path)
}

/// Says on stderr, before a command writes the file at `path`, that the save breaks its hard
/// links (nothing when it has one name).
pub fn warn_of_hard_links(path: &Path) {
    if let Some(warning) = store::hard_link_warning(path) {
        say(&format!("councilor: {warning}"));
    }
}

/// Reads and checks the dataset at `path`. A file left in conflict by a merge is said
/// conflict by conflict, not as broken JSON, whatever the command.
pub fn open(path: &Path) -> Result<(Document, Fingerprint), Failure> {
    store::open(path)
        .map_err(|e| git::explain_conflicts(path).unwrap_or_else(|| Failure::data(e.to_string())))
}

/// Reads the dataset at `path` for the terminal UI, where a file left in conflict by a merge
/// opens with its regions to answer one by one (shown behind them with every region as ours),
/// when its markers make whole regions and that version is a valid dataset.
pub fn open_or_ask(path: &Path) -> Result<(Document, Fingerprint, Option<FileConflicts>), Failure> {
    let failed = match open(path) {
        Ok((doc, fingerprint)) => return Ok((doc, fingerprint, None)),
        Err(failed) => failed,
    };
    let Ok((bytes, fingerprint)) = store::reread(path) else {
        return Err(failed);
    };
    let text = String::from_utf8(bytes).unwrap_or_default();
    // Now: the time of the entries that record the values its answers keep.
    match FileConflicts::read(&text, &dates::now_utc()) {
        Some(Ok(conflicts)) => match conflicts.ours() {
            Ok(doc) => Ok((doc, fingerprint, Some(conflicts))),
            Err(_) => Err(failed),
        },
        _ => Err(failed),
    }
}

pub(crate) fn print(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth a message.
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::data(format!(
            "councilor: cannot write the output: {e}"
        ))),
    }
}

pub fn validate(file: Option<PathBuf>) -> Result<(), Failure> {
    let path = resolve(file)?;
    let (doc, _) = open(&path)?;
    let d = doc.data();
    let removed = d.deliverables.iter().filter(|x| x.removed).count();
    let removed = match removed {
        0 => String::new(),
        n => format!(" ({n} removed)"),
    };
    let mut out = format!(
        "{}, {}, {}{removed}\n",
        plural(d.councils.len(), "council"),
        plural(d.areas.len(), "area"),
        plural(d.deliverables.len(), "deliverable")
    );
    // What each status means, and whether the file says so or the name does.
    for s in &d.statuses {
        out.push_str(&format!(
            "{}: {} ({})\n",
            terminal_text::line(&s.name),
            s.category,
            s.origin()
        ));
    }
    print(&out)
}

fn check_choice(kind: &str, value: &str, choices: &[&str]) -> Result<(), Failure> {
    if choices.contains(&value) {
        return Ok(());
    }
    Err(Failure::data(format!(
        "councilor: unknown {kind} {}; choose one of: {}",
        terminal_text::line(&format!("{value:?}")),
        terminal_text::line(&choices.join(", "))
    )))
}

/// An unknown council or area is a data error that names the choices.
fn check_scope(data: &crate::model::Dataset, filter: &Filter) -> Result<(), Failure> {
    if let Some(c) = filter.council {
        check_choice(
            "council",
            c,
            &data
                .councils
                .iter()
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>(),
        )?;
    }
    if let Some(a) = filter.area {
        check_choice(
            "area",
            a,
            &data.areas.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
        )?;
    }
    Ok(())
}

pub fn list(file: Option<PathBuf>, filter: &Filter, format: ListFormat) -> Result<(), Failure> {
    let path = resolve(file)?;
    let (doc, _) = open(&path)?;
    let data = doc.data();
    check_scope(data, filter)?;
    if let Some(s) = filter.status {
        check_choice("status", s, &data.status_names().collect::<Vec<_>>())?;
    }
    let found = query::search(data, filter);
    // A mistake in the query is said, not fatal (as in the TUI's search line).
    for problem in &found.problems {
        say(&format!("councilor: --query: {problem}"));
    }
    let chosen = found.rows;
    let mut out = String::new();
    match format {
        ListFormat::Tsv => {
            for i in chosen {
                let d = &data.deliverables[i];
                let cells = [&d.id, &d.council, &d.status, &d.title]
                    .map(|s| terminal_text::line(s).into_owned());
                out.push_str(&cells.join("\t"));
                out.push('\n');
            }
        }
        ListFormat::Json => {
            // Each deliverable exactly as stored in the file, with its original indentation.
            let text = doc.text();
            let items: Vec<String> = chosen
                .iter()
                .map(|&i| {
                    let span = data.object(i).unwrap_or_default();
                    let line_start = text[..span.start].rfind('\n').map_or(0, |p| p + 1);
                    let lead = &text[line_start..span.start];
                    let indent = if lead.trim().is_empty() { lead } else { "  " };
                    format!("{indent}{}", &text[span])
                })
                .collect();
            out = if items.is_empty() {
                "[]\n".to_string()
            } else {
                format!("[\n{}\n]\n", items.join(",\n"))
            };
            out = terminal_text::json(&out).into_owned();
        }
    }
    print(&out)
}

pub fn set(args: Vec<OsString>, status: &str, note: Option<&str>) -> Result<(), Failure> {
    let mut args = args.into_iter();
    let (file, id) = match (args.next(), args.next()) {
        (Some(f), Some(id)) => (Some(PathBuf::from(f)), id),
        (Some(id), None) => (None, id),
        _ => return Err(Failure::usage("councilor: set needs an ID")),
    };
    let id = id
        .into_string()
        .map_err(|_| Failure::usage("councilor: the ID is not valid UTF-8"))?;
    let path = resolve(file)?;
    let (mut doc, fingerprint) = open(&path)?;
    let data = doc.data();
    let Some(index) = data.deliverable_index(&id) else {
        let ids: Vec<&str> = data.deliverables.iter().map(|d| d.id.as_str()).collect();
        // Ids that contain what was typed (a typo'd prefix, a missing council part).
        let phrase = format!("id:{}", id.split('/').next_back().unwrap_or(&id));
        let near: Vec<&str> = query::select(
            data,
            &Filter {
                query: Some(&phrase),
                ..Filter::default()
            },
        )
        .into_iter()
        .take(5)
        .map(|i| data.deliverables[i].id.as_str())
        .collect();
        // Ids are data: a newline or tab in one must not reach the terminal raw.
        let shown = |ids: &mut dyn Iterator<Item = &str>| {
            ids.map(|id| terminal_text::line(id).into_owned())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let hint = if near.is_empty() {
            format!(
                "{} ids in the file, e.g. {}",
                ids.len(),
                shown(&mut ids.iter().take(5).copied())
            )
        } else {
            format!("did you mean: {}", shown(&mut near.into_iter()))
        };
        return Err(Failure::data(format!(
            "councilor: no deliverable with id {} in {} ({hint}); `councilor list` shows them all",
            terminal_text::line(&format!("{id:?}")),
            store::shown(&path)
        )));
    };
    check_choice("status", status, &data.status_names().collect::<Vec<_>>())?;
    let from = data.deliverables[index].status.clone();
    let at = dates::now_utc();
    let change = StatusChange {
        deliverable: index,
        to: status,
        at: &at,
        note,
    };
    let shown_id = terminal_text::line(&id).into_owned();
    let Some(patch) = edit::status_patch(&doc, &change) else {
        return print(&format!(
            "{shown_id}: already {} (nothing written)\n",
            terminal_text::line(status)
        ));
    };
    if !doc.apply(&patch) {
        return Err(Failure::data(format!(
            "councilor: could not apply the edit to {}; the file was left as it is",
            store::shown(&path)
        )));
    }
    let edit = Pending {
        id: id.clone(),
        field: Editable::Status,
        steps: vec![merge::Step {
            from: Some(from.to_string()),
            to: Some(status.to_string()),
            at: at.clone(),
            note: note.map(str::to_string),
        }],
        added: None,
    };
    let mut refused = None;
    // Whether the other writer had set the same status meanwhile.
    let mut already = false;
    // This deliverable as it is here, for the merge to tell a removal made meanwhile.
    let mine = crate::model::Dataset {
        deliverables: vec![doc.data().deliverables[index].clone()],
        object_starts: vec![doc.data().object_starts[index]],
        councils: vec![],
        areas: vec![],
        statuses: vec![],
        title: None,
    };
    let mut rebase = |current: &[u8]| -> Option<Vec<u8>> {
        let outcome = rebase_one(current, &edit, &mine);
        match outcome {
            Ok((text, same)) => {
                already = same;
                Some(text)
            }
            Err(why) => {
                refused = Some(why);
                None
            }
        }
    };
    warn_of_hard_links(&path);
    let saved = store::save_merging(&path, &doc.byte_pieces(), fingerprint, &mut rebase);
    match saved {
        // Its note was kept in an entry of its own; the status has theirs, not a second one.
        Ok(_) if already => print(&format!(
            "{shown_id}: already {}: another writer set it meanwhile{}\n",
            terminal_text::line(status),
            if note.is_some() {
                " (your note is in its history)"
            } else {
                ""
            }
        )),
        Ok(_) => print(&format!(
            "{shown_id}: {} -> {}\n",
            terminal_text::line(&from),
            terminal_text::line(status)
        )),
        Err(e @ store::SaveError::ChangedOnDisk { .. }) => Err(match refused {
            Some(Refusal::Conflict { theirs }) => Failure {
                code: CONFLICT,
                message: format!(
                    "councilor: {shown_id}: not saved: meanwhile another writer set its status to {} (you asked for {}); {} was left as it is",
                    terminal_text::line(&format!("{:?}", theirs.unwrap_or_default())),
                    terminal_text::line(&format!("{status:?}")),
                    store::shown(&path)
                ),
            },
            Some(Refusal::Removed) => Failure {
                code: CONFLICT,
                message: format!(
                    "councilor: {shown_id}: not saved: meanwhile another writer removed it; {} was left as it is (restore it first)",
                    store::shown(&path)
                ),
            },
            Some(Refusal::Gone) => Failure::data(format!(
                "councilor: {shown_id}: not saved: another writer removed it from {} meanwhile",
                store::shown(&path)
            )),
            Some(Refusal::Invalid(why)) => Failure::data(format!(
                "councilor: not saved: {} changed on disk and is not valid now ({why}); it was left as it is",
                store::shown(&path)
            )),
            None => Failure::data(format!("councilor: {e}")),
        }),
        Err(e @ store::SaveError::Busy { .. }) => Err(Failure {
            code: BUSY,
            message: format!("councilor: {e}"),
        }),
        Err(e) => Err(Failure::data(format!("councilor: {e}"))),
    }
}

/// Why an edit could not be merged into the file another writer saved.
enum Refusal {
    /// The same field has another value there (`None`: the field is absent).
    Conflict {
        theirs: Option<String>,
    },
    /// The deliverable is no longer in the file.
    Gone,
    /// Another writer removed the deliverable (`removed: true`).
    Removed,
    Invalid(String),
}

/// `edit` merged into the text another writer saved, field by field, as the terminal UI does;
/// true when that writer had made the same change.
fn rebase_one(
    current: &[u8],
    edit: &Pending,
    mine: &crate::model::Dataset,
) -> Result<(Vec<u8>, bool), Refusal> {
    let theirs = Document::from_bytes(current.to_vec()).map_err(|e| {
        Refusal::Invalid(e.lines("the file").into_iter().next().unwrap_or_default())
    })?;
    let merged = merge::merge_against(theirs, std::slice::from_ref(edit), Some(mine));
    if let Some(c) = merged.conflicts.into_iter().next() {
        if c.removed {
            return Err(Refusal::Removed);
        }
        return Err(Refusal::Conflict { theirs: c.theirs });
    }
    if !merged.orphans.is_empty() {
        return Err(Refusal::Gone);
    }
    Ok((merged.doc.text().as_bytes().to_vec(), merged.same > 0))
}

pub fn export(
    file: Option<PathBuf>,
    format: ExportFormat,
    since: Option<&str>,
    filter: &Filter,
) -> Result<(), Failure> {
    if let Some(why) = since.and_then(dates::date_problem) {
        return Err(Failure::usage(format!(
            "councilor: --since {}",
            terminal_text::line(&why)
        )));
    }
    let path = resolve(file)?;
    let (doc, _) = open(&path)?;
    let data = doc.data();
    check_scope(data, filter)?;
    let chosen = query::select(data, filter);
    // The reports read a dataset: a narrowed copy when a council or an area was chosen.
    let narrowed;
    let data = if filter.council.is_some() || filter.area.is_some() {
        let mut copy = data.clone();
        copy.deliverables = chosen
            .iter()
            .map(|&i| data.deliverables[i].clone())
            .collect();
        narrowed = copy;
        &narrowed
    } else {
        data
    };
    let zone = crate::zone::Zone::system();
    let now = dates::now_utc();
    let made = report::Made {
        zone: &zone,
        now: &now,
    };
    let text = match format {
        ExportFormat::Markdown => {
            report::report(data, since, report::Style::Markdown, &made) + "\n"
        }
        ExportFormat::Text => report::report(data, since, report::Style::Text, &made) + "\n",
        ExportFormat::Csv => {
            report::csv(data, since, &zone).map_err(|e| Failure::data(format!("councilor: {e}")))?
        }
        ExportFormat::Ics => {
            let all: Vec<usize> = (0..data.deliverables.len())
                .filter(|&i| !data.deliverables[i].removed)
                .collect();
            calendar::ics(data, &all)
        }
    };
    print(&text)
}

/// The user's settings, and a line saying where they come from (for the help). A mistake
/// in the file is a usage error naming the file and the place.
pub fn settings() -> Result<(Config, String), Failure> {
    let Some(path) = store::config_path() else {
        return Ok((Config::default(), "settings: no config folder".into()));
    };
    let shown = store::shown(&path);
    match store::read_config(&path).map_err(Failure::usage)? {
        None => Ok((
            Config::default(),
            format!("keys and theme: {shown} (none yet)"),
        )),
        Some(text) => {
            let config = config::parse(&text, &shown)
                .map_err(|e| Failure::usage(format!("councilor: {e}")))?;
            Ok((config, format!("keys and theme: {shown}")))
        }
    }
}

/// `councilor keys`: the keys in force, as tables or as a config file.
pub fn keys(toml: bool) -> Result<(), Failure> {
    let (config, _) = settings()?;
    if toml {
        let path = store::config_path().map_or_else(
            || "the config folder's councilor/config.toml".to_string(),
            |p| store::shown(&p),
        );
        print(&config.keymap.config_file(&path))
    } else {
        print(&format!("{}\n", config.keymap.markdown()))
    }
}

/// The files and folders councilor uses, one a line: what, where, whether it exists, why.
pub fn paths() -> Result<(), Failure> {
    let folder = |p: &Option<PathBuf>| p.as_ref().and_then(|p| p.parent().map(Path::to_path_buf));
    let data = store::default_path();
    let config = store::config_path();
    let rows = [
        ("data file", data.clone(), "used when no FILE is named"),
        ("data folder", folder(&data), "the data file's folder"),
        (
            "config file",
            config.clone(),
            "keys and theme of the terminal UI",
        ),
        ("config folder", folder(&config), "the config file's folder"),
    ];
    let mut out = String::new();
    for (what, path, why) in rows {
        let (shown, state) = match &path {
            Some(p) => (
                store::shown(p),
                if p.exists() {
                    "exists"
                } else {
                    "not there yet"
                },
            ),
            None => ("(none on this system)".to_string(), "-"),
        };
        out.push_str(&format!("{what:<14}{shown}  ({state}; {why})\n"));
    }
    print(&out)
}

/// Writes a generated dataset to stdout, or to `output` through the store (a temporary file
/// renamed into place, so a reader never sees half a file). An existing file is a usage error
/// unless `force`.
pub fn generate(
    deliverables: usize,
    seed: u64,
    output: Option<&Path>,
    force: bool,
) -> Result<(), Failure> {
    let Some(path) = output else {
        return print(&crate::generate::dataset(deliverables, seed));
    };
    let exists = || {
        Failure::usage(format!(
            "councilor: {} exists; add --force to replace it",
            store::shown(path)
        ))
    };
    if !force && path.symlink_metadata().is_ok() {
        return Err(exists());
    }
    let text = crate::generate::dataset(deliverables, seed);
    let written = if force {
        warn_of_hard_links(path);
        store::overwrite(path, text.as_bytes())
    } else {
        store::save_as(path, text.as_bytes())
    };
    match written {
        Ok(_) => Ok(()),
        Err(store::SaveError::AlreadyExists { .. }) => Err(exists()),
        Err(e) => Err(Failure::data(format!("councilor: {e}"))),
    }
}
