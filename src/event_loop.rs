//! The loop: draw, read an event, turn a key into an action, update, perform the effect.
//! Generic over the backend and the event source, so tests drive the real app.

use std::io;
use std::path::PathBuf;

use crossterm::event::Event;
use ratatui::Terminal;
use ratatui::backend::Backend;

use crate::action::Effect;
use crate::app::App;
use crate::keymap;
use crate::store::{self, Fingerprint};
use crate::ui::{self, View, theme::Theme};

/// The file being edited and what it held when last read or written.
pub struct Session {
    pub path: PathBuf,
    pub fingerprint: Fingerprint,
}

/// Where the time comes from: `(RFC 3339 UTC for history, time of day for the footer)`.
pub type Clock<'a> = &'a dyn Fn() -> (String, String);

/// Runs until a quit action or the end of the events (`Ok(None)`).
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    session: &mut Session,
    theme: Theme,
    clock: Clock,
    mut next_event: impl FnMut() -> io::Result<Option<Event>>,
) -> io::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let mut view = View::default();
    loop {
        terminal
            .draw(|frame| ui::render(frame, app, &mut view, &theme))
            .map_err(io::Error::other)?;
        app.set_detail_limit(view.detail_max_scroll());
        let Some(event) = next_event()? else {
            return Ok(());
        };
        // A resize (or anything that is not a key) just redraws.
        let Event::Key(key) = event else { continue };
        let Some(action) = keymap::action_for(&key, app.mode()) else {
            continue;
        };
        let (stamp, time_of_day) = clock();
        match app.update(action, &stamp) {
            Some(Effect::Quit) => return Ok(()),
            Some(Effect::Save) => {
                // Written before the next key is read: once the footer says saved, it is.
                let result = store::save(
                    &session.path,
                    app.document().text().as_bytes(),
                    session.fingerprint,
                )
                .map(|fingerprint| session.fingerprint = fingerprint)
                .map_err(|e| e.to_string());
                app.saved(result, &time_of_day);
            }
            None => {}
        }
    }
}
