//! The command line: the arguments as clap reads them, and which command runs. The commands
//! themselves are in [`crate::commands`] (headless) and [`crate::terminal`] (the UI).
//! Exit codes: 0 ok, 1 data error, 2 usage error, 3 a conflict with another writer, 4 the file
//! locked by another writer.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::capture;
use crate::commands::{self, ExportFormat, ListFormat, print};
use crate::create::{NewCouncil, NewDeliverable};
use crate::failure::Failure;
use crate::query::Filter;
use crate::store;
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
    /// Check a dataset; prints `N councils, M areas, K deliverables`, then each status's
    /// category, stated in the file or inferred from its name (or lists a merge's conflicts).
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
        /// In the search language: fuzzy text, best match first, every space-separated term
        /// must match; scopes such as `status:planned` and `is:overdue`, `-` to exclude.
        // A query may start with `-` (`-is:done`): a value, not an option.
        #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
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
    /// Add a deliverable, a council or an area, saved at once; prints the new id.
    Add {
        #[command(subcommand)]
        what: Add,
    },
    /// Edit fields of a deliverable (or of a council or an area, by its id), saved at once
    /// with a history entry per field; prints `ID: FIELD: OLD -> NEW` per changed field. An
    /// empty value takes an optional field away.
    Edit {
        /// [FILE] ID
        #[arg(value_name = "FILE_AND_ID", num_args = 1..=2, required = true)]
        args: Vec<OsString>,
        #[arg(long, value_name = "TEXT")]
        title: Option<String>,
        #[arg(long, value_name = "TEXT")]
        description: Option<String>,
        /// Move it to this council (its id).
        #[arg(long, value_name = "ID")]
        council: Option<String>,
        /// Its areas (ids; repeat for several; replaces the list). `--area ''` clears it.
        #[arg(long = "area", value_name = "ID")]
        areas: Vec<String>,
        #[arg(long, value_name = "TEXT")]
        owner: Option<String>,
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
        #[arg(long, value_name = "TEXT")]
        notes: Option<String>,
        /// A council's or an area's name.
        #[arg(long, value_name = "TEXT")]
        name: Option<String>,
        /// A council's date.
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        #[arg(long, value_name = "TEXT")]
        location: Option<String>,
        #[arg(long, value_name = "TEXT")]
        partner: Option<String>,
        /// A council's short label.
        #[arg(long, value_name = "TEXT")]
        short: Option<String>,
        /// A council's series of meetings (`Digital Partnership Council`).
        #[arg(long, value_name = "TEXT")]
        series: Option<String>,
    },
    /// Remove a deliverable (kept in the file as `removed: true`, restorable), or delete an
    /// area that no deliverable uses.
    Remove {
        /// [FILE] ID
        #[arg(value_name = "FILE_AND_ID", num_args = 1..=2, required = true)]
        args: Vec<OsString>,
    },
    /// Bring a removed deliverable back.
    Restore {
        /// [FILE] ID
        #[arg(value_name = "FILE_AND_ID", num_args = 1..=2, required = true)]
        args: Vec<OsString>,
    },
    /// Delete removed deliverables from the file for good.
    Purge {
        file: Option<PathBuf>,
        /// Only those removed before this date (YYYY, YYYY-MM or YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        before: Option<String>,
        /// Do it (without, purge says what it would delete).
        #[arg(long)]
        yes: bool,
    },
    /// Propose deliverables from a council's readout (a press release, a joint statement):
    /// one per commitment found, with the sentence as evidence. Without --dry-run or --yes,
    /// the proposals are reviewed one by one in the terminal UI.
    Import {
        file: Option<PathBuf>,
        /// The council the readout reports (its id).
        #[arg(long, value_name = "ID")]
        council: String,
        /// The readout, as UTF-8 text (`-`: standard input).
        #[arg(long, value_name = "PATH")]
        text: PathBuf,
        /// Print the proposals (tab-separated: status, areas, title, evidence, and the id of
        /// the deliverable the file already has for it) and write nothing.
        #[arg(long, conflicts_with = "yes")]
        dry_run: bool,
        /// Add every proposal the file does not have yet, without review.
        #[arg(long)]
        yes: bool,
        /// Where the readout was published (kept as each new deliverable's `source_url`).
        #[arg(long, value_name = "URL")]
        source_url: Option<String>,
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
    /// Print the keys of the terminal UI in force (the defaults with your config's changes):
    /// as Markdown tables, or as a complete, commented config file to start from.
    Keys {
        #[arg(long, value_enum, default_value = "markdown")]
        format: KeysFormat,
    },
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

/// What `add` adds.
#[derive(Debug, Subcommand)]
pub enum Add {
    /// A deliverable, after the last one of its council, with a `created` history entry.
    Deliverable {
        file: Option<PathBuf>,
        /// Its council (an id).
        #[arg(long, value_name = "ID")]
        council: String,
        #[arg(long, value_name = "TEXT")]
        title: String,
        /// An area (id); repeat for several.
        #[arg(long = "area", value_name = "ID")]
        areas: Vec<String>,
        /// Default: the first status of the file whose category is open (not started), else
        /// its first status.
        #[arg(long, value_name = "S")]
        status: Option<String>,
        #[arg(long, value_name = "TEXT")]
        owner: Option<String>,
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
        #[arg(long, value_name = "TEXT")]
        description: Option<String>,
        #[arg(long, value_name = "TEXT")]
        notes: Option<String>,
        /// Default: `<council>/<words of the title>`, made unique.
        #[arg(long, value_name = "ID")]
        id: Option<String>,
        /// The deliverable this one continues (its id).
        #[arg(long, value_name = "ID")]
        follows: Option<String>,
    },
    /// A council (a meeting), at the end of the councils.
    Council {
        file: Option<PathBuf>,
        #[arg(long, value_name = "TEXT")]
        name: String,
        /// YYYY, YYYY-MM or YYYY-MM-DD.
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        #[arg(long, value_name = "TEXT")]
        location: Option<String>,
        #[arg(long, value_name = "TEXT")]
        partner: Option<String>,
        /// A short label for narrow screens (`EU–JP 3`).
        #[arg(long, value_name = "TEXT")]
        short: Option<String>,
        /// The series of meetings it belongs to (`Digital Partnership Council`): the
        /// carry-over goes to the next council of the same partner and series.
        #[arg(long, value_name = "TEXT")]
        series: Option<String>,
        /// Default: made from the name.
        #[arg(long, value_name = "ID")]
        id: Option<String>,
    },
    /// A technology area, at the end of the areas.
    Area {
        file: Option<PathBuf>,
        #[arg(long, value_name = "TEXT")]
        name: String,
        /// Default: made from the name.
        #[arg(long, value_name = "ID")]
        id: Option<String>,
    },
}

/// `import` without `--dry-run` or `--yes`: the proposals reviewed in the terminal UI.
fn review(
    file: Option<PathBuf>,
    council: String,
    text: PathBuf,
    source_url: Option<String>,
) -> Result<(), Failure> {
    if text.as_os_str() == "-" {
        return Err(Failure::usage(
            "councilor: --text - reads standard input, which the review needs for the keys; \
             give the text as a file, or use --dry-run or --yes",
        ));
    }
    crate::terminal::run_with(file, false, |app| {
        let (found, read) =
            commands::import::proposals(app.document(), &council, &text, source_url.as_deref())?;
        app.start_review(read, council, found);
        Ok(())
    })
}

/// The operation and file of an `add`.
fn add_op(what: Add) -> (Option<PathBuf>, capture::Op) {
    match what {
        Add::Deliverable {
            file,
            council,
            title,
            areas,
            status,
            owner,
            due,
            description,
            notes,
            id,
            follows,
        } => (
            file,
            capture::Op::AddDeliverable(NewDeliverable {
                council,
                title,
                areas,
                status,
                owner,
                due,
                description,
                notes,
                id,
                follows,
                ..NewDeliverable::default()
            }),
        ),
        Add::Council {
            file,
            name,
            date,
            location,
            partner,
            short,
            series,
            id,
        } => (
            file,
            capture::Op::AddCouncil(NewCouncil {
                name,
                date,
                location,
                partner,
                short,
                series,
                id,
            }),
        ),
        Add::Area { file, name, id } => (file, capture::Op::AddArea { name, id }),
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

/// How `councilor keys` writes the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KeysFormat {
    /// Tables of keys and what they do.
    Markdown,
    /// A config file (TOML) binding every action to its keys.
    Toml,
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
        Some(Command::Validate { file }) => commands::validate(file),
        Some(Command::List {
            file,
            council,
            area,
            status,
            query,
            format,
        }) => {
            // `is:overdue` is judged on today's date in UTC, as in the terminal UI.
            let now = crate::dates::now_utc();
            let filter = Filter {
                council: council.as_deref(),
                area: area.as_deref(),
                status: status.as_deref(),
                query: query.as_deref(),
                today: now.get(..10),
            };
            commands::list(file, &filter, format)
        }
        Some(Command::Set { args, status, note }) => commands::set(args, &status, note.as_deref()),
        Some(Command::Add { what }) => {
            let (file, op) = add_op(what);
            commands::capture::run(file, &op)
        }
        Some(Command::Edit {
            args,
            title,
            description,
            council,
            areas,
            owner,
            due,
            notes,
            name,
            date,
            location,
            partner,
            short,
            series,
        }) => (|| {
            let (file, id) = commands::capture::file_and_id(args, "edit")?;
            let mut set: Vec<(String, Option<String>)> = [
                ("title", title),
                ("name", name),
                ("description", description),
                ("council", council),
                ("owner", owner),
                ("due", due),
                ("notes", notes),
                ("date", date),
                ("location", location),
                ("partner", partner),
                ("short", short),
                ("series", series),
            ]
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k.to_string(), Some(v))))
            .collect();
            if !areas.is_empty() {
                let ids: Vec<&str> = areas
                    .iter()
                    .map(String::as_str)
                    .filter(|a| !a.trim().is_empty())
                    .collect();
                set.push(("areas".into(), Some(crate::model::areas_value(&ids))));
            }
            if set.is_empty() {
                return Err(Failure::usage(
                    "councilor: edit needs a field to set, e.g. --title TEXT (see councilor edit --help)",
                ));
            }
            commands::capture::run(file, &capture::Op::Edit { id, set })
        })(),
        Some(Command::Remove { args }) => commands::capture::file_and_id(args, "remove")
            .and_then(|(file, id)| commands::capture::run(file, &capture::Op::Remove(id))),
        Some(Command::Restore { args }) => commands::capture::file_and_id(args, "restore")
            .and_then(|(file, id)| commands::capture::run(file, &capture::Op::Restore(id))),
        Some(Command::Purge { file, before, yes }) => commands::capture::purge(file, before, yes),
        Some(Command::Import {
            file,
            council,
            text,
            dry_run,
            yes,
            source_url,
        }) if dry_run || yes => commands::import::run(commands::import::Import {
            file,
            council,
            text,
            source_url,
            dry_run,
            yes,
        }),
        Some(Command::Import {
            file,
            council,
            text,
            source_url,
            ..
        }) => review(file, council, text, source_url),
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
            commands::export(file, format, since.as_deref(), &filter)
        }
        Some(Command::Generate {
            deliverables,
            seed,
            output,
            force,
        }) => commands::generate(deliverables, seed, output.as_deref(), force),
        Some(Command::Paths) => commands::paths(),
        Some(Command::Keys { format }) => commands::keys(format == KeysFormat::Toml),
        Some(Command::Completions { shell }) => completions(shell),
        Some(Command::Man { command }) => man(command.as_deref()),
        Some(Command::MergeDriver {
            base,
            ours,
            theirs,
            path,
        }) => {
            let shown = path.unwrap_or_else(|| store::shown(&ours));
            commands::git::merge_driver(&base, &ours, &theirs, &shown)
        }
        Some(Command::GitSetup { dir }) => commands::git::git_setup(dir),
        None => crate::terminal::run(cli.file, cli.read_only),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => f.into(),
    }
}
