//! Windows console events: closing the window (or logging off, shutting down) and Ctrl-Break
//! stop the UI as SIGHUP and SIGTERM do on Unix. Windows ends the process as soon as the
//! handler returns from a close, so the handler waits (a few seconds at most) until the loop
//! has saved what was pending and given the terminal back.

use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use windows_sys::Win32::System::Console::{
    CTRL_BREAK_EVENT, CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT,
    SetConsoleCtrlHandler,
};
use windows_sys::core::BOOL;

/// The stop asked for, as the Unix signal with the same meaning; 0 when none.
static STOP: AtomicI32 = AtomicI32::new(0);
/// Set once the UI has saved and restored the terminal: a handler waiting may return.
static FINISHED: Mutex<bool> = Mutex::new(false);
static FINISHED_CHANGED: Condvar = Condvar::new();

/// The console is closed (as SIGHUP).
pub const CLOSED: i32 = 1;
/// Ctrl-Break (as SIGTERM).
pub const BREAK: i32 = 15;

/// Windows gives a close handler 5 s before it ends the process.
const MOST_WAIT: Duration = Duration::from_millis(4500);

/// Installs the handler. Ctrl-c is not handled here: in raw mode it arrives as a key.
pub fn watch() {
    // SAFETY: `handler` is a plain function that lives as long as the process.
    unsafe {
        SetConsoleCtrlHandler(Some(handler), 1);
    }
}

/// The stop asked for since the last call, if any (a Unix signal number, see [`CLOSED`]).
pub fn take() -> Option<i32> {
    match STOP.swap(0, Ordering::SeqCst) {
        0 => None,
        n => Some(n),
    }
}

/// The UI saved what it could and gave the terminal back: a waiting handler returns, and
/// later events are left to the system (which ends the process).
pub fn finished() {
    *FINISHED.lock().unwrap_or_else(PoisonError::into_inner) = true;
    FINISHED_CHANGED.notify_all();
}

/// What a stop is called in messages.
pub fn describe(n: i32) -> String {
    match n {
        CLOSED => "the console window closing".into(),
        BREAK => "Ctrl-Break".into(),
        n => format!("console event {n}"),
    }
}

unsafe extern "system" fn handler(event: u32) -> BOOL {
    let stop = match event {
        CTRL_CLOSE_EVENT | CTRL_LOGOFF_EVENT | CTRL_SHUTDOWN_EVENT => CLOSED,
        CTRL_BREAK_EVENT => BREAK,
        _ => return 0,
    };
    let done = FINISHED.lock().unwrap_or_else(PoisonError::into_inner);
    if *done {
        return 0;
    }
    STOP.store(stop, Ordering::SeqCst);
    // The loop sees the stop on its next tick, saves, restores, then calls `finished`.
    let deadline = Instant::now() + MOST_WAIT;
    let mut done = done;
    while !*done {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        done = FINISHED_CHANGED
            .wait_timeout(done, left)
            .unwrap_or_else(PoisonError::into_inner)
            .0;
    }
    1
}
