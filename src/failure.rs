//! How a command ends when it does not succeed: the message for stderr and the exit code.
//! Shared by the headless commands and the terminal UI.

use std::process::ExitCode;

use crate::terminal_text;

/// Exit code of a save refused because another writer changed the same field to another value.
pub const CONFLICT: u8 = 3;
/// Exit code of a save that waited in vain for another writer's lock: try again later.
pub const BUSY: u8 = 4;

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
pub fn say(message: &str) {
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
