//! What the probes share: a file opened in the terminal UI's state, and a frame drawn of it
//! as the terminal would (120x40 `TestBackend`).

use councilor::app::App;
use councilor::store;
use councilor::ui::{self, FrameState, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The time every probe's actions are stamped with.
pub const NOW: &str = "2026-11-27T09:14:03Z";

pub struct Probe {
    pub app: App,
    terminal: Terminal<TestBackend>,
    view: FrameState,
    theme: Theme,
}

impl Probe {
    pub fn open(path: &str) -> Self {
        let (doc, _) = store::open(std::path::Path::new(path)).expect("a valid dataset");
        let mut app = App::new(doc, "probe.json".into(), false);
        // As the terminal UI starts it (today's date, the overdue list).
        app.set_started(NOW);
        Probe {
            app,
            terminal: Terminal::new(TestBackend::new(120, 40)).expect("a test terminal"),
            view: FrameState::default(),
            theme: Theme { color: true },
        }
    }

    pub fn draw(&mut self) {
        let Probe {
            app,
            terminal,
            view,
            theme,
        } = self;
        terminal
            .draw(|f| ui::render(f, app, view, theme))
            .expect("a frame");
    }
}
