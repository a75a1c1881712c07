//! The loop: draw, wait for a key (or a tick), turn the key into an action, update, perform
//! the effect. Saves run on another thread, so keys never wait on the disk. On every tick the
//! loop looks at the save under way, the file on disk (changed by someone else?) and the
//! signals. Generic over the backend and the input, so tests drive the real loop.

use std::io;
use std::path::PathBuf;
use std::time::Duration;

use crossterm::event::Event;
use ratatui::Terminal;
use ratatui::backend::Backend;

use crate::action::Effect;
use crate::app::{App, SaveState};
use crate::save_worker::{Done, Finished, Job, Looked, SaveWorker, Written};
use crate::store::{self, Fingerprint, OpenError, SaveError, Watcher};
use crate::ui::{self, FrameState, theme::Theme};

/// How long to wait for a key before looking at the disk and the signals again.
const TICK: Duration = Duration::from_millis(250);
/// The same while a save runs: its result is shown as soon as it comes.
const SAVING_TICK: Duration = Duration::from_millis(15);
/// Saves refused because the file kept changing under them, before giving up for now.
const MAX_MERGES: u32 = 5;

/// The file being edited and what it held when last read or written.
pub struct Session {
    pub path: PathBuf,
    pub fingerprint: Fingerprint,
    /// The file's metadata when it was last read or written (`None`: unknown, so a look
    /// reads the file).
    pub stamp: Option<store::Stamp>,
}

/// Where the time comes from: `(RFC 3339 UTC for history, time of day for the footer)`.
pub type Clock<'a> = &'a dyn Fn() -> (String, String);

/// What the loop is given to read.
pub enum Input {
    Event(Event),
    /// Nothing arrived within the time asked for.
    Tick,
    /// No more input (the scripted keys of a test ran out).
    End,
    /// The terminal hung up (its window was closed): like SIGHUP.
    HungUp,
}

/// A signal from outside, seen on a tick.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT: save what is pending and leave. The number is the
    /// signal's.
    Stop(i32),
    /// SIGTSTP: leave the terminal to the shell until continued.
    Suspend,
    /// SIGCONT: the process was stopped from outside (`kill -STOP`), and the shell may have
    /// put the terminal back in its own mode meanwhile: take it again and redraw all.
    Continued,
}

/// What a mouse event asks for: a left click on a pane or a list row, or the wheel over a
/// pane (or over what covers the panes).
fn mouse_action(
    mouse: &crossterm::event::MouseEvent,
    view: &FrameState,
) -> Option<crate::action::Action> {
    use crate::action::Action;
    use crate::vocabulary::Pane;
    use crossterm::event::{MouseButton, MouseEventKind};
    let hit = view.hit(mouse.column, mouse.row);
    let under = hit.map_or(Pane::Details, |(pane, _)| pane);
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) => hit.map(|(p, r)| Action::Click(p, r)),
        MouseEventKind::ScrollDown => Some(Action::Wheel(under, 1)),
        MouseEventKind::ScrollUp => Some(Action::Wheel(under, -1)),
        _ => None,
    }
}

/// Held while the screen is drawn: a panic in another thread takes it before giving the
/// terminal back, so nothing is drawn over the restored screen.
pub static SCREEN: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn lock_screen() -> std::sync::MutexGuard<'static, ()> {
    SCREEN
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// How the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    Quit,
    /// The input ended.
    Ended,
    Signal(i32),
    /// The terminal went away (its window was closed).
    HungUp,
}

/// Writes a control sequence straight to the terminal.
pub type WriteToTerminal<'a> = dyn FnMut(&str) -> io::Result<()> + 'a;

/// The world around the loop: input, the watcher on the file, signals, and how to suspend.
pub struct Outside<'a> {
    /// The next input, waiting at most the given time.
    pub next: Box<dyn FnMut(Duration) -> io::Result<Input> + 'a>,
    pub watcher: Option<Watcher>,
    pub signal: Box<dyn FnMut() -> Option<Signal> + 'a>,
    /// Leaves the terminal, stops until the process is continued, takes the terminal back.
    pub suspend: Box<dyn FnMut() -> io::Result<()> + 'a>,
    /// Takes the terminal again (raw mode, alternate screen) after a stop from outside.
    pub resume: Box<dyn FnMut() -> io::Result<()> + 'a>,
    /// Writes a control sequence to the terminal (the clipboard's OSC 52).
    pub write: Box<WriteToTerminal<'a>>,
}

impl<'a> Outside<'a> {
    /// Input only: no watcher, no signals, suspending does nothing.
    pub fn input(next: impl FnMut(Duration) -> io::Result<Input> + 'a) -> Self {
        Outside {
            next: Box::new(next),
            watcher: None,
            signal: Box::new(|| None),
            suspend: Box::new(|| Ok(())),
            resume: Box::new(|| Ok(())),
            write: Box::new(|_| Ok(())),
        }
    }
}

/// The saving side of the loop.
struct Saver {
    worker: SaveWorker,
    /// The watcher saw something while a save ran: look once it is done.
    look: bool,
    /// Saves refused as changed on disk in a row.
    merges: u32,
}

/// Runs until a quit, a stop signal or the end of the input.
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    session: &mut Session,
    theme: Theme,
    clock: Clock,
    outside: &mut Outside,
) -> io::Result<Ending>
where
    B::Error: Send + Sync + 'static,
{
    let mut view = FrameState::default();
    let opener = crate::opener::Opener::default();
    let mut saver = Saver {
        worker: SaveWorker::new(),
        look: false,
        merges: 0,
    };
    // Drawn only when something may have changed: an idle tick writes nothing.
    let mut redraw = true;
    // Whatever goes wrong (a terminal that went away), what is pending is still saved.
    let result = (|| -> io::Result<Ending> {
        loop {
            if std::mem::take(&mut redraw) {
                let _screen = lock_screen();
                terminal
                    .draw(|frame| ui::render(frame, app, &mut view, &theme))
                    .map_err(io::Error::other)?;
                app.set_detail_limit(view.detail_max_scroll());
                app.set_screen_limit(view.screen_max_scroll());
            }
            // A search under way goes on between keys: a key that waits is read first.
            let wait = if app.needs_slices() {
                Duration::ZERO
            } else if saver.worker.busy() {
                SAVING_TICK
            } else {
                TICK
            };
            let input = (outside.next)(wait)?;
            redraw = !matches!(input, Input::Tick);
            if matches!(input, Input::Tick) && app.needs_slices() {
                redraw = app.search_slice();
            }
            let mut effects = Vec::new();
            match input {
                Input::End => {
                    finish(app, session, &mut saver, clock);
                    // The last screen shows how the last save went.
                    terminal
                        .draw(|frame| ui::render(frame, app, &mut view, &theme))
                        .map_err(io::Error::other)?;
                    return Ok(Ending::Ended);
                }
                Input::Tick => {}
                Input::HungUp => {
                    finish_unattended(app, session, &mut saver, clock);
                    return Ok(Ending::HungUp);
                }
                // A resize (or anything that is not a key) just redraws.
                Input::Event(Event::Key(key)) => {
                    effects.extend(app.key(&key, &clock().0));
                }
                Input::Event(Event::Mouse(mouse)) => {
                    if let Some(action) = mouse_action(&mouse, &view) {
                        effects.extend(app.update(action, &clock().0));
                    }
                }
                Input::Event(Event::Paste(text)) => {
                    let (stamp, _) = clock();
                    app.paste(&text, &stamp);
                }
                Input::Event(_) => {}
            }
            if let Some((url, why)) = opener.failure() {
                app.link_not_opened(&url, &why);
                redraw = true;
            }
            if let Some(finished) = saver.worker.try_done() {
                job_ended(finished, app, session, &mut saver, clock);
                redraw = true;
            }
            // Keys that waited for a search ran when it ended: what they asked for comes first.
            let effects = app.take_effects().into_iter().chain(effects);
            for effect in effects {
                match effect {
                    Effect::Quit => {
                        finish(app, session, &mut saver, clock);
                        // A save that failed while quitting keeps the app open to say so.
                        if !app.has_unsaved_edits() {
                            return Ok(Ending::Quit);
                        }
                    }
                    Effect::ForceQuit => {
                        finish_unattended(app, session, &mut saver, clock);
                        return Ok(Ending::Quit);
                    }
                    Effect::Suspend => suspend(terminal, outside)?,
                    Effect::OpenLink(url) => opener.open(url),
                    Effect::Copy(text) => {
                        if let Err(e) = (outside.write)(&crate::opener::osc52(&text)) {
                            app.link_not_opened(&text, &format!("not copied: {e}"));
                        }
                    }
                    e => request(e, app, session, &mut saver, clock),
                }
            }
            if outside.watcher.as_ref().is_some_and(Watcher::changed) {
                saver.look = true;
            }
            if saver.look && !saver.worker.busy() {
                saver.look = false;
                look_at_disk(app, session, &mut saver);
            }
            match (outside.signal)() {
                Some(Signal::Stop(n)) => {
                    finish_unattended(app, session, &mut saver, clock);
                    return Ok(Ending::Signal(n));
                }
                Some(Signal::Suspend) => {
                    suspend(terminal, outside)?;
                    redraw = true;
                }
                Some(Signal::Continued) => {
                    (outside.resume)()?;
                    clear(terminal)?;
                    redraw = true;
                }
                None => {}
            }
        }
    })();
    if result.is_err() {
        finish_unattended(app, session, &mut saver, clock);
    }
    result
}

fn suspend<B: Backend>(terminal: &mut Terminal<B>, outside: &mut Outside) -> io::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    (outside.suspend)()?;
    clear(terminal)
}

/// Whatever the shell drew is on the screen now: a blank frame, then the next frame draws
/// every cell again. (`Terminal::clear` would ask the terminal where its cursor is.)
fn clear<B: Backend>(terminal: &mut Terminal<B>) -> io::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let _screen = lock_screen();
    terminal
        .draw(|frame| {
            let area = frame.area();
            ratatui::widgets::Widget::render(ratatui::widgets::Clear, area, frame.buffer_mut())
        })
        .map(|_| ())
        .map_err(io::Error::other)
}

/// Starts the save an effect asks for, or notes it for when the one under way ends.
fn request(effect: Effect, app: &mut App, session: &mut Session, saver: &mut Saver, clock: Clock) {
    let job = match effect {
        Effect::Save => {
            // The one under way ends first; its end starts the next (`after_save`).
            if saver.worker.busy() {
                return;
            }
            Job::Save {
                path: session.path.clone(),
                text: app.document().shared_text(),
                expected: session.fingerprint,
                pending: app.pending().cloned().collect(),
            }
        }
        Effect::WriteBack => Job::Create {
            path: session.path.clone(),
            text: app.document().shared_text(),
        },
        Effect::SaveAs(path) => Job::Create {
            path,
            text: app.document().shared_text(),
        },
        Effect::Quit
        | Effect::ForceQuit
        | Effect::Suspend
        | Effect::OpenLink(_)
        | Effect::Copy(_) => return,
    };
    if saver.worker.busy() {
        // A write-back or save-as waits for the job under way.
        match saver.worker.wait() {
            // Edits merged after that save are in the text written next.
            Some(Finished::Saved(done)) => {
                let _ = note_result(done, app, session, &clock().1);
            }
            // A look: what it found is shown, and the file is written as asked all the same.
            Some(Finished::Looked(looked)) => {
                let _ = took_look(looked, app, session);
            }
            None => {}
        }
    }
    if let Err(e) = saver.worker.submit(job, app.edit_seq()) {
        app.saved(Err(e), "");
    }
}

/// A save ended: tell the app, and save again if edits came in meanwhile.
fn after_save(done: Done, app: &mut App, session: &mut Session, saver: &mut Saver, clock: Clock) {
    let changed = matches!(done.result, Err(SaveError::ChangedOnDisk { .. }));
    let next = note_result(done, app, session, &clock().1);
    if changed {
        saver.merges += 1;
        if saver.merges > MAX_MERGES {
            app.saved(
                Err("not saved: the file keeps changing on disk; w tries again".into()),
                "",
            );
            saver.merges = 0;
            return;
        }
        look_at_disk(app, session, saver);
        return;
    }
    saver.merges = 0;
    // Edits made while it ran are saved now (a failed save waits for `w`).
    let more = *app.save_state() == SaveState::Pending;
    if next.is_some() || more {
        request(Effect::Save, app, session, saver, clock);
    }
}

/// Hands a save's result to the app and keeps the session's fingerprint true; a save that
/// merged with another writer's version may ask for another (edits made meanwhile).
fn note_result(done: Done, app: &mut App, session: &mut Session, time: &str) -> Option<Effect> {
    match done.result {
        Ok(fingerprint) => {
            if done.created && done.path != session.path {
                session.path = done.path.clone();
                app.renamed(store::shown(&done.path));
            }
            session.fingerprint = fingerprint;
            session.stamp = done.stamp;
            if let Some(written) = done.merged {
                let Written { doc, renamed } = *written;
                return app.saved_merged(doc, &renamed, time, done.through);
            }
            app.saved_through(Ok(()), time, done.through);
        }
        // Someone else changed the file: the caller merges.
        Err(SaveError::ChangedOnDisk { .. }) => {}
        Err(e @ (SaveError::Missing { .. } | SaveError::NotAFile { .. })) if !done.created => {
            app.disk_lost(e.to_string());
        }
        Err(e) => {
            if let Some(fingerprint) = e.on_disk() {
                session.fingerprint = fingerprint;
            }
            app.saved_through(Err(e.to_string()), time, done.through);
        }
    }
    None
}

/// A job of the worker ended: a save, or a look at the file.
fn job_ended(
    finished: Finished,
    app: &mut App,
    session: &mut Session,
    saver: &mut Saver,
    clock: Clock,
) {
    match finished {
        Finished::Saved(done) => after_save(done, app, session, saver, clock),
        Finished::Looked(looked) => {
            let effect = took_look(looked, app, session);
            // A save asked for while the file was being read starts now.
            let waiting = app.conflict().is_none() && *app.save_state() == SaveState::Pending;
            if let Some(effect) = effect.or(waiting.then_some(Effect::Save)) {
                request(effect, app, session, saver, clock);
            }
        }
    }
}

/// Reads the file as it is now, on the worker: the input thread never waits for a large
/// file to be read and parsed. What it finds comes back to `took_look`.
fn look_at_disk(app: &mut App, session: &mut Session, saver: &mut Saver) {
    let job = Job::Look {
        path: session.path.clone(),
        known: session.fingerprint,
        stamp: session.stamp.clone(),
    };
    if let Err(e) = saver.worker.submit(job, app.edit_seq()) {
        app.disk_unreadable(e);
    }
}

/// If someone else changed the file, the app reloads or merges (and a save may follow).
fn took_look(looked: Looked, app: &mut App, session: &mut Session) -> Option<Effect> {
    let shown = store::shown(&session.path);
    match looked {
        Looked::Same => None,
        Looked::Changed {
            doc: Ok(theirs),
            fingerprint,
            stamp,
        } => {
            session.fingerprint = fingerprint;
            session.stamp = stamp;
            app.disk_changed(*theirs)
        }
        Looked::Changed { doc: Err(e), .. } => {
            app.disk_unreadable(format!(
                "{shown} changed on disk and is not valid now ({})",
                e.lines(&shown).into_iter().next().unwrap_or_default()
            ));
            None
        }
        Looked::Unreadable(
            e @ (OpenError::Io { .. } | OpenError::BrokenLink { .. } | OpenError::NotAFile { .. }),
        ) => {
            let gone = match &e {
                OpenError::Io { error, .. } => error.kind() == io::ErrorKind::NotFound,
                _ => true,
            };
            if gone {
                app.disk_lost(format!("{shown} is no longer a file on disk"));
            } else {
                app.disk_unreadable(e.to_string());
            }
            None
        }
        Looked::Unreadable(e) => {
            app.disk_unreadable(e.to_string());
            None
        }
    }
}

/// Before leaving: wait for the save under way and write what is still pending, if it can be.
/// [`finish`] when the person did not ask to leave in the usual way (a signal, a closed
/// terminal, `Ctrl-c`): the text of an open editor or form is an edit too.
fn finish_unattended(app: &mut App, session: &mut Session, saver: &mut Saver, clock: Clock) {
    app.settle();
    app.keep_open_text(&clock().0);
    finish(app, session, saver, clock);
}

fn finish(app: &mut App, session: &mut Session, saver: &mut Saver, clock: Clock) {
    // Keys typed ahead of a search are edits typed: they run, and what they set is saved.
    app.settle();
    drop(app.take_effects());
    for _ in 0..=MAX_MERGES {
        if let Some(finished) = saver.worker.wait() {
            job_ended(finished, app, session, saver, clock);
            continue;
        }
        let waiting = app.conflict().is_none() && *app.save_state() == SaveState::Pending;
        if !waiting {
            return;
        }
        request(Effect::Save, app, session, saver, clock);
    }
}
