//! The command line: argument parsing and the headless commands (`validate`, `list`, `set`,
//! `export`). Exit codes: 0 ok, 1 data error, 2 usage error, 3 a conflict with another writer,
//! 4 the file locked by another writer.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::calendar;
use crate::dates;
use crate::document::Document;
use crate::edit::{self, StatusChange};
use crate::merge::{self, Pending};
use crate::model::Editable;
use crate::query::{self, Filter};
use crate::report;
use crate::store::{self, Fingerprint};
use crate::terminal_text;

const AFTER_HELP: &str = "\
FILE is a dataset in the councilor JSON format (version 1). Without FILE, councilor uses
$XDG_DATA_HOME/councilor/outcomes.json (~/.local/share/councilor/outcomes.json on Linux,
the platform's data folder elsewhere), created from the bundled EU digital partnership
outcomes the first time, and says which file it opened. `councilor paths` shows every file
and folder councilor uses.

Exit codes: 0 ok, 1 data error (bad file, unknown id or status, failed save), 2 usage error,
3 not saved: another writer changed the same field to another value meanwhile (nothing
written), 4 not saved: another writer kept the file locked (try again).";

#[derive(Debug, Parser)]
#[command(
    name = "councilor",
    version,
    about = "Review the outcomes of international councils and triage their deliverables",
    after_help = AFTER_HELP,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// The dataset to open (default: the file in your data folder).
    pub file: Option<PathBuf>,
    /// Browse without ever writing to the file.
    #[arg(long)]
    pub read_only: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a dataset; prints `N councils, M areas, K deliverables` (or lists a merge's conflicts).
    Validate { file: Option<PathBuf> },
    /// Print deliverables, one a line: id, council, status, title (tab-separated).
    List {
        file: Option<PathBuf>,
        /// Only this council (its id).
        #[arg(long, value_name = "ID")]
        council: Option<String>,
        /// Only this technology area (its id).
        #[arg(long, value_name = "ID")]
        area: Option<String>,
        /// Only this status.
        #[arg(long, value_name = "S")]
        status: Option<String>,
        /// Fuzzy text; best match first. Every space-separated term must match.
        #[arg(long, value_name = "TEXT")]
        query: Option<String>,
        #[arg(long, value_enum, default_value_t = ListFormat::Tsv)]
        format: ListFormat,
    },
    /// Set a deliverable's status, saved at once; prints `ID: OLD -> NEW`.
    Set {
        /// [FILE] ID
        #[arg(value_name = "FILE_AND_ID", num_args = 1..=2, required = true)]
        args: Vec<OsString>,
        /// The new status (one of the file's `statuses`).
        #[arg(long, value_name = "S")]
        status: String,
        /// A note kept with the change in the history entry.
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// A report grouped by council then area, with status counts; or the due dates as a
    /// calendar (`--format ics`).
    Export {
        file: Option<PathBuf>,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Only the changes recorded from this date on (YYYY, YYYY-MM or YYYY-MM-DD): minutes.
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Only this council's deliverables (its id).
        #[arg(long, value_name = "ID")]
        council: Option<String>,
        /// Only this technology area's deliverables (its id).
        #[arg(long, value_name = "ID")]
        area: Option<String>,
    },
    /// Print where councilor keeps its files: the default data file, the settings file and
    /// their folders, and whether each exists.
    Paths,
    /// Print a completion script for a shell (e.g. `councilor completions bash >
    /// ~/.local/share/bash-completion/completions/councilor`).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page, in roff (e.g. `councilor man > ~/.local/share/man/man1/councilor.1`),
    /// or the page of one command (`councilor man set > .../councilor-set.1`).
    Man {
        /// A command's page instead of the main one.
        command: Option<String>,
    },
    /// Write a realistic generated dataset (for benchmarks and demos); same seed, same bytes.
    Generate {
        /// How many deliverables (councils: one per 250, at least 3).
        #[arg(long, value_name = "N")]
        deliverables: usize,
        /// The seed of the pseudo-random choices.
        #[arg(long, value_name = "S", default_value_t = 1)]
        seed: u64,
        /// Write to FILE instead of stdout; an existing FILE is kept unless --force.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace FILE if it exists.
        #[arg(long, requires = "output")]
        force: bool,
    },
    /// Git merge driver: merges THEIRS and BASE into OURS field by field (run by git).
    #[command(name = "merge-driver")]
    MergeDriver {
        /// The common ancestor (git's %O).
        base: PathBuf,
        /// Our version (%A): the result is written here.
        ours: PathBuf,
        /// Their version (%B).
        theirs: PathBuf,
        /// The file's path in the repository, for messages.
        path: Option<String>,
    },
    /// Install the merge driver in a git repository (.gitattributes and git config).
    #[command(name = "git-setup")]
    GitSetup {
        /// A folder in the repository (default: the current one).
        dir: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Tsv,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Markdown,
    Csv,
    /// iCalendar: an all-day entry for each due date.
    Ics,
}

/// A command that did not succeed: what to print and which exit code.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    pub fn data(message: impl Into<String>) -> Self {
        Failure {
            code: 1,
            message: message.into(),
        }
    }
    pub fn usage(message: impl Into<String>) -> Self {
        Failure {
            code: 2,
            message: message.into(),
        }
    }
}

/// A line on stderr; a closed terminal (a hung-up window) is no reason to panic.
fn say(message: &str) {
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "{}",
        terminal_text::clean(message, terminal_text::Lines::Keep)
    );
}

impl From<Failure> for ExitCode {
    fn from(f: Failure) -> Self {
        say(&f.message);
        ExitCode::from(f.code)
    }
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

/// Reads and checks the dataset at `path`. A file left in conflict by a merge is said
/// conflict by conflict, not as broken JSON, whatever the command.
pub fn open(path: &Path) -> Result<(Document, Fingerprint), Failure> {
    store::open(path).map_err(|e| {
        crate::git_commands::explain_conflicts(path).unwrap_or_else(|| Failure::data(e.to_string()))
    })
}

fn print(text: &str) -> Result<(), Failure> {
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
    print(&format!(
        "{} councils, {} areas, {} deliverables\n",
        d.councils.len(),
        d.areas.len(),
        d.deliverables.len()
    ))
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
        check_choice(
            "status",
            s,
            &data.statuses.iter().map(String::as_str).collect::<Vec<_>>(),
        )?;
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
                    let span = data.deliverables[i].spans.object.clone();
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
    check_choice(
        "status",
        status,
        &data.statuses.iter().map(String::as_str).collect::<Vec<_>>(),
    )?;
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
            from: Some(from.clone()),
            to: Some(status.to_string()),
            at: at.clone(),
            note: note.map(str::to_string),
        }],
    };
    let mut refused = None;
    let mut rebase = |current: &[u8]| -> Option<Vec<u8>> {
        let outcome = rebase_one(current, &edit);
        match outcome {
            Ok(text) => Some(text),
            Err(why) => {
                refused = Some(why);
                None
            }
        }
    };
    let saved = store::save_merging(&path, doc.text().as_bytes(), fingerprint, &mut rebase);
    match saved {
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

/// Exit code of a save refused because another writer changed the same field to another value.
pub const CONFLICT: u8 = 3;
/// Exit code of a save that waited in vain for another writer's lock: try again later.
pub const BUSY: u8 = 4;

/// Why an edit could not be merged into the file another writer saved.
enum Refusal {
    /// The same field has another value there (`None`: the field is absent).
    Conflict {
        theirs: Option<String>,
    },
    /// The deliverable is no longer in the file.
    Gone,
    Invalid(String),
}

/// `edit` merged into the text another writer saved, field by field, as the terminal UI does.
fn rebase_one(current: &[u8], edit: &Pending) -> Result<Vec<u8>, Refusal> {
    let theirs = Document::from_bytes(current.to_vec()).map_err(|e| {
        Refusal::Invalid(e.lines("the file").into_iter().next().unwrap_or_default())
    })?;
    let merged = merge::merge(theirs, std::slice::from_ref(edit));
    if let Some(c) = merged.conflicts.into_iter().next() {
        return Err(Refusal::Conflict { theirs: c.theirs });
    }
    if !merged.orphans.is_empty() {
        return Err(Refusal::Gone);
    }
    Ok(merged.doc.text().as_bytes().to_vec())
}

pub fn export(
    file: Option<PathBuf>,
    format: ExportFormat,
    since: Option<&str>,
    filter: &Filter,
) -> Result<(), Failure> {
    if let Some(s) = since
        && !dates::is_valid_date(s)
    {
        return Err(Failure::usage(format!(
            "councilor: --since {} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD",
            terminal_text::line(s)
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
    let text = match format {
        ExportFormat::Markdown => report::markdown(data, since) + "\n",
        ExportFormat::Csv => {
            report::csv(data, since).map_err(|e| Failure::data(format!("councilor: {e}")))?
        }
        ExportFormat::Ics => {
            let all: Vec<usize> = (0..data.deliverables.len()).collect();
            calendar::ics(data, &all)
        }
    };
    print(&text)
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

/// A completion script for `shell`, from the same definitions as the parser.
pub fn completions(shell: clap_complete::Shell) -> Result<(), Failure> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command(), "councilor", &mut out);
    print(&String::from_utf8_lossy(&out))
}

/// The manual page (roff) of councilor or of one of its commands, from the same definitions
/// as the parser.
pub fn man(sub: Option<&str>) -> Result<(), Failure> {
    let main = command();
    let page = match sub {
        None => main,
        Some(name) => {
            let names: Vec<String> = main
                .get_subcommands()
                .map(|c| c.get_name().to_string())
                .collect();
            let Some(found) = main.find_subcommand(name) else {
                return Err(Failure::usage(format!(
                    "councilor: no command {}; choose one of: {}",
                    terminal_text::line(&format!("{name:?}")),
                    names.join(", ")
                )));
            };
            // Named as the main page refers to it: councilor-set(1).
            found
                .clone()
                .name(format!("councilor-{name}"))
                .version(env!("CARGO_PKG_VERSION"))
        }
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut out)
        .map_err(|e| Failure::data(format!("councilor: cannot make the manual page: {e}")))?;
    print(&String::from_utf8_lossy(&out))
}

/// The command line as clap knows it, with the help's pointer to the settings file: the
/// parser, the completions and the manual page all come from it.
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    let config = store::config_path()
        .map(|p| store::shown(&p))
        .unwrap_or_else(|| "(no config folder on this system)".into());
    Cli::command().after_help(format!(
        "{AFTER_HELP}\n\nKeys and theme of the terminal UI can be changed in {config} \
         (TOML: theme = \"mono\"; [keys] next-status = \"n\"; names as in the palette, `:`)."
    ))
}

/// Parses the arguments and runs the command; usage errors exit 2 (clap's own code).
pub fn run(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    use clap::FromArgMatches;
    let parsed = command()
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let result = match cli.command {
        Some(Command::Validate { file }) => validate(file),
        Some(Command::List {
            file,
            council,
            area,
            status,
            query,
            format,
        }) => {
            let filter = Filter {
                council: council.as_deref(),
                area: area.as_deref(),
                status: status.as_deref(),
                query: query.as_deref(),
            };
            list(file, &filter, format)
        }
        Some(Command::Set { args, status, note }) => set(args, &status, note.as_deref()),
        Some(Command::Export {
            file,
            format,
            since,
            council,
            area,
        }) => {
            let filter = Filter {
                council: council.as_deref(),
                area: area.as_deref(),
                ..Filter::default()
            };
            export(file, format, since.as_deref(), &filter)
        }
        Some(Command::Generate {
            deliverables,
            seed,
            output,
            force,
        }) => generate(deliverables, seed, output.as_deref(), force),
        Some(Command::Paths) => paths(),
        Some(Command::Completions { shell }) => completions(shell),
        Some(Command::Man { command }) => man(command.as_deref()),
        Some(Command::MergeDriver {
            base,
            ours,
            theirs,
            path,
        }) => {
            let shown = path.unwrap_or_else(|| store::shown(&ours));
            crate::git_commands::merge_driver(&base, &ours, &theirs, &shown)
        }
        Some(Command::GitSetup { dir }) => crate::git_commands::git_setup(dir),
        None => crate::terminal::run(cli.file, cli.read_only),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => f.into(),
    }
}
