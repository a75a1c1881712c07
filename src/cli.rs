//! The command line: the arguments as clap reads them, and which command runs. The commands
//! themselves are in [`crate::commands`] (headless) and [`crate::terminal`] (the UI).
//! Exit codes: 0 ok, 1 data error, 2 usage error, 3 a conflict with another writer, 4 the file
//! locked by another writer.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::commands::{self, ExportFormat, ListFormat, print};
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
/// How `councilor keys` writes the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KeysFormat {
    /// Tables of keys and what they do.
    Markdown,
    /// A config file (TOML) binding every action to its keys.
    Toml,
}

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
