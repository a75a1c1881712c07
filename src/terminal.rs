//! Starting and leaving the terminal UI: checks before the terminal is touched, and a
//! restore that runs on quit, on error and on panic.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use crossterm::{cursor, execute};

use crate::app::App;
use crate::cli::{self, Failure};
use crate::dates;
use crate::event_loop::{self, Session};
use crate::store;
use crate::ui::theme::Theme;

/// Opens `file` (or the default one) in the terminal UI.
pub fn run(file: Option<PathBuf>, read_only: bool) -> Result<(), Failure> {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return Err(Failure::usage(
            "councilor: the terminal UI needs a terminal on stdin and stdout; \
             in scripts use `councilor validate`, `list`, `set` or `export` (see --help)",
        ));
    }
    let path = cli::resolve(file)?;
    // A bad file is reported before the terminal is touched.
    let (doc, fingerprint) = cli::open(&path)?;
    let mut app = App::new(doc, store::shown(&path), read_only);
    let mut session = Session { path, fingerprint };
    let theme = Theme::from_env();

    let mut terminal = ratatui::try_init()
        .map_err(|e| Failure::data(format!("councilor: cannot start the terminal UI: {e}")))?;
    // ratatui's hook leaves the alternate screen and raw mode; the cursor is shown too.
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), cursor::Show);
        ratatui_hook(info);
    }));
    let clock = || (dates::now_utc(), dates::time_of_day());
    let result = event_loop::run(&mut terminal, &mut app, &mut session, theme, &clock, || {
        crossterm::event::read().map(Some)
    });
    drop(terminal);
    restore();
    result.map_err(|e| Failure::data(format!("councilor: the terminal UI stopped: {e}")))?;
    if app.has_unsaved_edits() {
        return Err(Failure::data(format!(
            "councilor: quit with edits that are NOT in {} (the last save failed: see above)",
            store::shown(&session.path)
        )));
    }
    Ok(())
}

/// Raw mode off, main screen, cursor shown.
fn restore() {
    ratatui::restore();
    let mut out = io::stdout();
    let _ = execute!(out, cursor::Show);
    let _ = out.flush();
}
