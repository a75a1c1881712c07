//! Starting and leaving the terminal UI: checks before the terminal is touched, signals, the
//! watcher on the file, suspending to the shell, and a restore that runs exactly once, on
//! quit, on error, on a signal and on a panic in any thread.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
#[cfg(unix)]
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};

use crate::app::{App, SaveState};
use crate::commands;
use crate::dates;
use crate::event_loop::{self, Ending, Input, Outside, Session, Signal};
use crate::failure::Failure;
use crate::store::{self, Watcher};
use crate::terminal_text;
use crate::ui::theme::Theme;

#[cfg(windows)]
#[path = "console.rs"]
mod console;

/// Set once the terminal is given back; a second restore does nothing.
static RESTORED: AtomicBool = AtomicBool::new(true);

/// Opens `file` (or the default one) in the terminal UI.
pub fn run(file: Option<PathBuf>, read_only: bool) -> Result<(), Failure> {
    run_with(file, read_only, |_| Ok(()))
}

/// The UI, with `prepare` run on the app before the terminal is touched (a review of a
/// readout's proposals opened on it, say); what it refuses is said as any bad start.
pub fn run_with(
    file: Option<PathBuf>,
    read_only: bool,
    prepare: impl FnOnce(&mut App) -> Result<(), Failure>,
) -> Result<(), Failure> {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return Err(Failure::usage(
            "councilor: the terminal UI needs a terminal on stdin and stdout; \
             in scripts use `councilor validate`, `list`, `set` or `export` (see --help)",
        ));
    }
    crate::priority::background_workers();
    let path = commands::resolve(file)?;
    // A bad file is reported before the terminal is touched.
    // Taken before the file is read: a change while it is read makes it differ, never match.
    let stamp = store::Stamp::of(&path);
    let (doc, fingerprint, conflicts) = commands::open_or_ask(&path)?;
    let (config, config_note) = commands::settings()?;
    let mut app = App::new(doc, store::shown(&path), read_only);
    prepare(&mut app)?;
    app.set_keymap(config.keymap);
    app.set_zone(crate::zone::Zone::system());
    app.set_started(&dates::now_utc());
    app.set_config_note(config_note);
    // Said before the first save, which replaces this name only.
    if !read_only && let Some(warning) = store::hard_link_warning(&path) {
        app.warn_on_open(warning);
    }
    if let Some(conflicts) = conflicts {
        app.ask_file_conflicts(conflicts);
    }
    let watcher = Watcher::new(&path);
    let mut session = Session {
        path,
        fingerprint,
        stamp,
    };
    let mut theme = Theme::from_env();
    // NO_COLOR wins over the settings.
    if config.color == Some(false) {
        theme.color = false;
    }

    // Signals only set flags; the loop looks at them on every tick.
    let stop = Arc::new(AtomicUsize::new(0));
    let tstp = Arc::new(AtomicBool::new(false));
    let cont = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    {
        // `kill -INT` and `kill -QUIT` too: in raw mode the keys do not send them, but another
        // program can, and their default ends the process with the terminal left raw.
        for sig in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
            let _ = signal_hook::flag::register_usize(sig, Arc::clone(&stop), sig as usize);
        }
        let _ = signal_hook::flag::register(SIGTSTP, Arc::clone(&tstp));
        let _ = signal_hook::flag::register(SIGCONT, Arc::clone(&cont));
    }
    // Closing the console window and Ctrl-Break stand for SIGHUP and SIGTERM.
    #[cfg(windows)]
    console::watch();

    // Our own hook rather than ratatui's: its restore prints (and so panics) on a closed
    // terminal.
    let default_hook = std::panic::take_hook();
    let mut terminal = ratatui::try_init()
        .map_err(|e| Failure::data(format!("councilor: cannot start the terminal UI: {e}")))?;
    RESTORED.store(false, Ordering::SeqCst);
    let _ = std::panic::take_hook();
    let _ = execute!(io::stdout(), EnableBracketedPaste, EnableMouseCapture);
    std::panic::set_hook(Box::new(move |info| {
        let main = std::thread::current().name() == Some("main");
        if main {
            restore();
            default_hook(info);
            return;
        }
        // Another thread: wait for a frame being drawn, keep the screen from then on (the
        // loop would draw over the restored terminal), and end the process.
        let screen = event_loop::SCREEN
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        restore();
        default_hook(info);
        std::mem::forget(screen);
        std::process::exit(101);
    }));
    // Debug builds only: a panic on demand, for the test that the terminal comes back.
    #[cfg(debug_assertions)]
    match std::env::var("COUNCILOR_TEST_PANIC").as_deref() {
        Ok("thread") => {
            let _ = std::thread::spawn(|| panic!("a test panic in another thread"));
        }
        Ok("main") => panic!("a test panic in the main thread"),
        _ => {}
    }
    let zone = crate::zone::Zone::system();
    let clock = || (dates::now_utc(), dates::time_of_day(&zone));
    let mut outside = Outside {
        next: Box::new(wait_for_input),
        watcher: Some(watcher),
        signal: Box::new(|| {
            #[cfg(windows)]
            if let Some(n) = console::take() {
                stop.store(n as usize, Ordering::SeqCst);
            }
            signal(&stop, &tstp, &cont)
        }),
        suspend: Box::new(|| {
            let back = suspend();
            // Our own suspend took the terminal back already when continued.
            cont.store(false, Ordering::SeqCst);
            back
        }),
        resume: Box::new(take_terminal),
        write: Box::new(|sequence| {
            use std::io::Write;
            let mut out = std::io::stdout();
            out.write_all(sequence.as_bytes())?;
            out.flush()
        }),
    };
    let result = event_loop::run(
        &mut terminal,
        &mut app,
        &mut session,
        theme,
        &clock,
        &mut outside,
    );
    drop(outside);
    let result = match result {
        Err(e) if gone(&e) => Ok(Ending::HungUp),
        other => other,
    };
    let hung_up = matches!(result, Ok(Ending::HungUp));
    // The terminal's own drop prints when it cannot show the cursor; `restore` does it all.
    std::mem::forget(terminal);
    if hung_up {
        // Nobody is there to restore for.
        RESTORED.store(true, Ordering::SeqCst);
    }
    restore();
    // A console event waiting for this may let Windows end the process now.
    #[cfg(windows)]
    console::finished();
    let ending =
        result.map_err(|e| Failure::data(format!("councilor: the terminal UI stopped: {e}")))?;
    let shown = store::shown(&session.path);
    if app.has_unsaved_edits() {
        let code = match ending {
            Ending::Signal(n) => 128u8.saturating_add(n as u8),
            Ending::HungUp => 129,
            Ending::Quit | Ending::Ended => 1,
        };
        return Err(Failure {
            code,
            message: not_on_disk(&app, &shown),
        });
    }
    match ending {
        Ending::Signal(n) => Err(Failure {
            code: 128u8.saturating_add(n as u8),
            message: format!(
                "councilor: stopped by {}; every edit is in {shown}",
                stop_name(n)
            ),
        }),
        Ending::HungUp => Err(Failure {
            code: 129,
            message: format!("councilor: the terminal hung up; every edit is in {shown}"),
        }),
        Ending::Quit | Ending::Ended => Ok(()),
    }
}

/// The signal seen since the last look, from the flags the handlers set.
fn signal(stop: &AtomicUsize, tstp: &AtomicBool, cont: &AtomicBool) -> Option<Signal> {
    match stop.swap(0, Ordering::SeqCst) {
        0 if tstp.swap(false, Ordering::SeqCst) => Some(Signal::Suspend),
        0 if cont.swap(false, Ordering::SeqCst) => Some(Signal::Continued),
        0 => None,
        n => Some(Signal::Stop(n as i32)),
    }
}

/// How a stop is named in the message: the signal's number on Unix.
#[cfg(unix)]
fn stop_name(n: i32) -> String {
    format!("signal {n}")
}

/// How a stop is named in the message: the console event on Windows.
#[cfg(windows)]
fn stop_name(n: i32) -> String {
    console::describe(n)
}

/// Whether an error from the loop says the terminal went away.
#[cfg(unix)]
fn gone(e: &io::Error) -> bool {
    // Writing to a terminal that went away fails with EIO or ENXIO: that is a hang-up too.
    matches!(os_code(e), Some(libc::EIO | libc::ENXIO))
}

/// Whether an error from the loop says the console went away (its handles are closed).
#[cfg(windows)]
fn gone(e: &io::Error) -> bool {
    use windows_sys::Win32::Foundation::{ERROR_BROKEN_PIPE, ERROR_INVALID_HANDLE, ERROR_NO_DATA};
    matches!(
        os_code(e).map(|c| c as u32),
        Some(ERROR_BROKEN_PIPE | ERROR_INVALID_HANDLE | ERROR_NO_DATA)
    )
}

/// What is not in the file at `shown` when the app ends with edits pending: why, then each
/// edit (the value on disk and the value that was not written).
fn not_on_disk(app: &App, shown: &str) -> String {
    let why = if !app.unsaved_text().is_empty() && app.pending().next().is_none() {
        "what was typed in an open editor or form could not be saved".to_string()
    } else if let Some(dialog) = app.conflict() {
        let open = dialog.items.iter().filter(|i| i.choice.is_none()).count();
        format!("{open} conflict(s) with the file on disk had no answer")
    } else if let SaveState::Failed(e) = app.save_state() {
        format!("the last save failed: {e}")
    } else if app.pending().next().is_none() {
        "the file was no longer on disk".to_string()
    } else {
        "they were not saved yet".to_string()
    };
    let mut out = format!("councilor: ended with edits that are NOT in {shown} ({why}):");
    let value = |v: Option<&str>| {
        v.map_or_else(
            || "(none)".to_string(),
            |v| format!("{:?}", terminal_text::line(v)),
        )
    };
    for edit in app.pending() {
        if edit.added.is_some() {
            // A deliverable, council or area added (or a council or area edited).
            let what = match &edit.added {
                Some(crate::merge::Added::Deliverable(_)) => "added",
                _ => "added or edited",
            };
            out.push_str(&format!("\n  {}: {what}", terminal_text::line(&edit.id)));
            continue;
        }
        out.push_str(&format!(
            "\n  {}: {}: {} -> {}",
            terminal_text::line(&edit.id),
            edit.field.key(),
            value(edit.base()),
            value(edit.mine())
        ));
    }
    for line in app.unsaved_text() {
        out.push_str(&format!("\n  {line}"));
    }
    if app.pending().next().is_none() && app.unsaved_text().is_empty() {
        out.push_str("\n  no edit of this session is missing, but the file itself is gone");
    }
    out
}

/// The system's error number, also when it is wrapped (the backend's errors are).
fn os_code(e: &io::Error) -> Option<i32> {
    e.raw_os_error().or_else(|| {
        e.get_ref()?
            .downcast_ref::<io::Error>()
            .and_then(io::Error::raw_os_error)
    })
}

/// Waits up to `wait` for a key. The terminal is watched here rather than in crossterm's
/// `poll`, which spins forever on a terminal that hung up: a closed window ends the loop.
#[cfg(unix)]
fn wait_for_input(wait: std::time::Duration) -> io::Result<Input> {
    // Keys crossterm has already read come first: fast typing or a paste arrives in one
    // read, and the terminal shows nothing more to wait for.
    if !terminal_gone(std::time::Duration::ZERO)? {
        if crossterm::event::poll(std::time::Duration::ZERO)? {
            return crossterm::event::read().map(Input::Event);
        }
        if terminal_gone(wait)? {
            return Ok(Input::HungUp);
        }
        // Keys, or a resize that crossterm learnt of from its signal handler.
        if crossterm::event::poll(std::time::Duration::ZERO)? {
            return crossterm::event::read().map(Input::Event);
        }
        return Ok(Input::Tick);
    }
    Ok(Input::HungUp)
}

/// Waits up to `wait` for a key. A closed console window arrives as a console event (see
/// `console`), and reading from a console that is gone fails: crossterm's `poll` is enough.
#[cfg(windows)]
fn wait_for_input(wait: std::time::Duration) -> io::Result<Input> {
    if crossterm::event::poll(wait)? {
        return crossterm::event::read().map(Input::Event);
    }
    Ok(Input::Tick)
}

/// Waits up to `wait` for the terminal to have input; true if it hung up.
#[cfg(unix)]
fn terminal_gone(wait: std::time::Duration) -> io::Result<bool> {
    let mut fd = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = wait.as_millis().min(i32::MAX as u128) as i32;
    // SAFETY: one valid pollfd, for the duration of the call.
    let n = unsafe { libc::poll(&mut fd, 1, ms) };
    if n < 0 {
        let e = io::Error::last_os_error();
        // A signal (a resize, SIGTERM): crossterm and the loop look at it.
        return if e.kind() == io::ErrorKind::Interrupted {
            Ok(false)
        } else {
            Err(e)
        };
    }
    Ok(fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0)
}

/// Leaves the terminal to the shell (Ctrl-z or SIGTSTP) and takes it back on `fg`.
#[cfg(unix)]
fn suspend() -> io::Result<()> {
    let mut out = io::stdout();
    execute!(
        out,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    )?;
    disable_raw_mode()?;
    out.flush()?;
    // Stops here, as the shell expects, until SIGCONT.
    signal_hook::low_level::emulate_default_handler(SIGTSTP)?;
    take_terminal()
}

/// Windows has no job control to give the console to: Ctrl-z does nothing there.
#[cfg(windows)]
fn suspend() -> io::Result<()> {
    Ok(())
}

/// Raw mode, the alternate screen, paste and mouse: after a suspend, or after a stop from
/// outside (`kill -STOP`), when the shell may have put the terminal back in its own mode.
fn take_terminal() -> io::Result<()> {
    // crossterm skips enabling a raw mode it believes is on: after a stop from outside it is
    // not, so it is turned off (to what it was before) and on again.
    disable_raw_mode()?;
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        EnableMouseCapture
    )?;
    Ok(())
}

/// Raw mode off, main screen, cursor shown: once, whoever asks first. Errors are ignored:
/// there is nothing better to do with them on the way out.
fn restore() {
    if RESTORED.swap(true, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}
