//! Drawing: maps the app's state to the screen. Reads state only; the scroll positions of
//! the lists are the drawing's own memory (`FrameState`), so lists do not jump while being read.

mod chrome;
mod council_card;
pub mod dashboard;
mod detail;
mod dialog;
mod form;
mod palette;
mod panes;
mod review;
pub(crate) mod rows;
pub mod session;
pub mod status;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::app::App;
use crate::vocabulary::{Mode, Pane, Screen};
use ratatui::layout::Rect;
use theme::Theme;

/// The smallest screen the panes are drawn on.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// From this width the details get a column of their own.
const WIDE: u16 = 140;

/// What drawing remembers between frames: where each list's window starts, and where each
/// pane was drawn (for the mouse).
#[derive(Debug, Default, Clone)]
pub struct FrameState {
    councils: usize,
    areas: usize,
    deliverables: usize,
    detail_max_scroll: u16,
    screen_max_scroll: u16,
    hits: Vec<Hit>,
}

/// A pane's rows on the screen.
#[derive(Debug, Clone, Copy)]
struct Hit {
    pane: Pane,
    area: Rect,
    /// The list row shown first.
    start: usize,
    /// Lines per row (0: not a list).
    row_height: u16,
}

impl FrameState {
    /// How far the details could scroll in the last frame.
    pub fn detail_max_scroll(&self) -> u16 {
        self.detail_max_scroll
    }

    /// How far the full-screen view could scroll in the last frame.
    pub fn screen_max_scroll(&self) -> u16 {
        self.screen_max_scroll
    }

    /// The pane at a screen cell, and the list row there (if it is a row of a list).
    pub fn hit(&self, x: u16, y: u16) -> Option<(Pane, Option<usize>)> {
        let hit = self
            .hits
            .iter()
            .find(|h| h.area.contains(ratatui::layout::Position { x, y }))?;
        let row =
            (hit.row_height > 0).then(|| hit.start + ((y - hit.area.y) / hit.row_height) as usize);
        Some((hit.pane, row))
    }
}

/// The inside of a bordered pane.
fn inner(area: Rect) -> Rect {
    ratatui::widgets::Block::bordered().inner(area)
}

pub fn render(frame: &mut Frame, app: &App, state: &mut FrameState, theme: &Theme) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = format!(
            "councilor needs at least {MIN_WIDTH}x{MIN_HEIGHT}; this terminal is {}x{}. q quits.",
            area.width, area.height
        );
        Paragraph::new(Line::raw(text))
            .wrap(Wrap { trim: true })
            .render(area, frame.buffer_mut());
        return;
    }
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(2),
    ])
    .areas(area);
    chrome::header(frame, header, app, theme);
    // A full-screen view takes the place of the panes.
    if let Some(shown) = app.screen() {
        state.hits.clear();
        state.screen_max_scroll = match shown {
            Screen::Dashboard => {
                let figures = app.dashboard_figures();
                let scope = app.dashboard_scope();
                let view = dashboard::View {
                    figures: &figures,
                    scope: &scope,
                    cursor: Some(app.dashboard_cursor()),
                };
                dashboard::draw(
                    frame,
                    body,
                    app.data(),
                    view,
                    app.today(),
                    app.screen_scroll(),
                    theme,
                )
            }
            Screen::Changes => {
                let (since, named) = app.changes_period();
                let period = session::Period {
                    since: &since,
                    named: &named,
                    zone: app.zone(),
                };
                session::draw(
                    frame,
                    body,
                    app.data(),
                    app.figures(),
                    period,
                    app.screen_scroll(),
                    theme,
                )
            }
        };
        chrome::footer(frame, footer, app, theme);
        return;
    }
    if app.zoomed() {
        zoomed(frame, body, app, state, theme);
        chrome::footer(frame, footer, app, theme);
        overlays(frame, body, app, theme);
        return;
    }
    // Wide screens: three columns. Narrow ones: the lists on the left, deliverables over
    // details on the right.
    let [left, rest] = Layout::horizontal([
        Constraint::Percentage(if area.width >= WIDE { 24 } else { 36 }),
        Constraint::Min(0),
    ])
    .areas(body);
    let council_rows = (app.data().councils.len() as u16 + 1) * 2 + 2;
    let [councils, areas] =
        Layout::vertical([Constraint::Max(council_rows), Constraint::Min(6)]).areas(left);
    panes::councils(frame, councils, app, &mut state.councils, theme);
    panes::areas(frame, areas, app, &mut state.areas, theme);
    let (list, details) = if area.width >= WIDE {
        let [l, d] = Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)])
            .areas(rest);
        (l, d)
    } else {
        let [l, d] =
            Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(rest);
        (l, d)
    };
    panes::deliverables(frame, list, app, &mut state.deliverables, theme);
    state.hits = vec![
        Hit {
            pane: Pane::Councils,
            area: inner(councils),
            start: state.councils,
            row_height: 2,
        },
        Hit {
            pane: Pane::Areas,
            area: inner(areas),
            start: state.areas,
            row_height: 1,
        },
        Hit {
            pane: Pane::Deliverables,
            area: inner(list),
            start: state.deliverables,
            row_height: 1,
        },
        Hit {
            pane: Pane::Details,
            area: inner(details),
            start: 0,
            row_height: 0,
        },
    ];
    if let Some(editor) = app.editor() {
        detail::editor(frame, details, app, editor, theme);
    } else if app.focus() == Pane::Councils {
        council_card::draw(frame, details, app, theme);
        state.detail_max_scroll = 0;
    } else {
        state.detail_max_scroll = detail::details(frame, details, app, theme);
    }
    chrome::footer(frame, footer, app, theme);
    overlays(frame, body, app, theme);
}

/// What covers the panes: the help, the conflict dialog, the palette.
fn overlays(frame: &mut Frame, body: Rect, app: &App, theme: &Theme) {
    match app.mode() {
        Mode::Help | Mode::HelpFilter => chrome::help(frame, body, app, theme),
        Mode::Conflict if app.file_conflicts().is_some() => {
            dialog::file_conflicts(frame, body, app, theme)
        }
        Mode::Conflict => dialog::conflicts(frame, body, app, theme),
        Mode::Palette => palette::palette(frame, body, app, theme),
        Mode::Form => {
            form::form(frame, body, app, theme);
            form::object_form(frame, body, app, theme);
        }
        Mode::Review => review::review(frame, body, app, theme),
        _ => {}
    }
}

/// The focused pane alone, filling the body (a projector needs the room).
fn zoomed(frame: &mut Frame, body: Rect, app: &App, state: &mut FrameState, theme: &Theme) {
    let pane = app.focus();
    // The field editor is what is being worked on, whichever pane opened it.
    if let Some(editor) = app.editor() {
        detail::editor(frame, body, app, editor, theme);
        state.hits.clear();
        return;
    }
    let (start, row_height) = match pane {
        Pane::Councils => {
            panes::councils(frame, body, app, &mut state.councils, theme);
            (state.councils, 2)
        }
        Pane::Areas => {
            panes::areas(frame, body, app, &mut state.areas, theme);
            (state.areas, 1)
        }
        Pane::Deliverables => {
            panes::deliverables(frame, body, app, &mut state.deliverables, theme);
            (state.deliverables, 1)
        }
        Pane::Details => {
            state.detail_max_scroll = detail::details(frame, body, app, theme);
            (0, 0)
        }
    };
    state.hits = vec![Hit {
        pane,
        area: inner(body),
        start,
        row_height,
    }];
}
