//! The real binary in a pseudo-terminal: keys written, every byte it writes kept and read
//! into a vt100 screen.

use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

use super::{BIN, Sandbox};

/// Waits until the file at `path` satisfies `test` (each save is an event the file shows),
/// and gives its text; fails the test after 20 s.
pub fn wait_file(path: &std::path::Path, test: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        if test(&text) {
            return text;
        }
        assert!(
            Instant::now() < deadline,
            "the file never got there:\n{text}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

pub fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap()
}

pub struct Tui<C: vt100::Callbacks = ()> {
    pub parser: vt100::Parser<C>,
    /// Every byte the program wrote.
    pub raw: Vec<u8>,
    pub bytes: mpsc::Receiver<Vec<u8>>,
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    pub master: Box<dyn portable_pty::MasterPty + Send>,
}

impl<C: vt100::Callbacks> Drop for Tui<C> {
    // A failed test must not leave the app running.
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

impl Tui {
    pub fn start(args: &[&str], sb: &Sandbox, rows: u16, cols: u16) -> Tui {
        Tui::start_with(args, sb, rows, cols, &[], ())
    }
}

impl<C: vt100::Callbacks> Tui<C> {
    /// Starts the binary with `args` in a `rows` x `cols` terminal, with extra environment
    /// and vt100 callbacks (to see window titles, clipboard writes…).
    pub fn start_with(
        args: &[&str],
        sb: &Sandbox,
        rows: u16,
        cols: u16,
        env: &[(&str, &str)],
        callbacks: C,
    ) -> Tui<C> {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        cmd.env("XDG_DATA_HOME", sb.dir.path().join("data"));
        cmd.env("XDG_CONFIG_HOME", sb.dir.path().join("config"));
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Tui {
            parser: vt100::Parser::new_with_callbacks(nz(rows), nz(cols), 0, callbacks),
            raw: Vec::new(),
            bytes: rx,
            writer,
            child,
            master: pair.master,
        }
    }

    /// Reads what the program writes until it is quiet for `wait`.
    pub fn pump(&mut self, wait: Duration) {
        while let Ok(chunk) = self.bytes.recv_timeout(wait) {
            self.parser.process(&chunk);
            self.raw.extend_from_slice(&chunk);
        }
    }

    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Waits until the screen shows `text` (the app draws after every key).
    pub fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            self.pump(Duration::from_millis(50));
            if self.screen().contains(text) {
                return;
            }
        }
        panic!("never showed {text:?}; screen:\n{}", self.screen());
    }

    /// Types `keys`, one at a time, as a person does, so that each is read on its own.
    pub fn keys(&mut self, keys: &str) {
        for b in keys.bytes() {
            self.writer.write_all(&[b]).unwrap();
            self.writer.flush().unwrap();
            self.pump(Duration::from_millis(30));
        }
    }

    pub fn exit_code(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            self.pump(Duration::from_millis(50));
            if let Some(status) = self.child.try_wait().unwrap() {
                self.pump(Duration::from_millis(200));
                return status.exit_code();
            }
            assert!(
                Instant::now() < deadline,
                "did not exit; screen:\n{}",
                self.screen()
            );
        }
    }
}
