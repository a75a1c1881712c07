//! The frame around the panes: header, footer (message, key hints, save state), help overlay.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::theme::Theme;
use crate::app::{App, SaveState};
use crate::keymap;
use crate::terminal_text::line as safe;

pub fn header(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let title = safe(app.data().title.as_deref().unwrap_or("(untitled)")).into_owned();
    let text = Line::from(vec![
        Span::raw(" councilor · "),
        Span::raw(title),
        Span::raw(" · "),
        Span::raw(app.file().to_string()),
    ]);
    Paragraph::new(text)
        .style(theme.header())
        .render(area, frame.buffer_mut());
}

fn save_text(app: &App, theme: &Theme) -> Span<'static> {
    match app.save_state() {
        SaveState::Untouched => Span::styled("no edits yet ", theme.dim()),
        SaveState::Saved(t) => Span::styled(format!("saved {t} "), theme.ok()),
        SaveState::Saving => Span::styled("saving… ", theme.key()),
        SaveState::Failed(_) => Span::styled("NOT SAVED ", theme.error()),
        SaveState::ReadOnly => Span::styled("read-only ", theme.key()),
    }
}

pub fn footer(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let [top, bottom] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
    let state = save_text(app, theme);
    let state_width = state.width() as u16;
    let [msg_area, state_area] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(state_width)]).areas(top);
    if let Some(m) = app.message() {
        let style = if m.error { theme.error() } else { theme.ok() };
        Line::from(Span::styled(format!(" {}", safe(&m.text)), style))
            .render(msg_area, frame.buffer_mut());
    }
    Line::from(state).render(state_area, frame.buffer_mut());
    let mut hints = vec![Span::raw(" ")];
    for (key, help) in keymap::footer_hints(app.focus()) {
        hints.push(Span::styled(key, theme.key()));
        hints.push(Span::styled(format!(" {help}  "), theme.dim()));
    }
    Line::from(hints).render(bottom, frame.buffer_mut());
}

pub fn help(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let rows = keymap::help_rows();
    let key_width = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(8) as u16;
    let help_width = rows
        .iter()
        .map(|(_, h)| h.chars().count())
        .max()
        .unwrap_or(20) as u16;
    let width = (key_width + help_width + 6).min(area.width);
    let height = (rows.len() as u16 + 4).min(area.height);
    let [popup] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(popup);
    Clear.render(popup, frame.buffer_mut());
    let block = Block::bordered()
        .title(Span::styled(" Keys ", theme.title()))
        .title_bottom(Line::styled(" Esc or ? closes ", theme.dim()))
        .border_style(theme.border(true));
    let mut lines: Vec<Line> = rows
        .iter()
        .map(|(k, h)| {
            Line::from(vec![
                Span::styled(format!(" {k:<w$}  ", w = key_width as usize), theme.key()),
                Span::raw(*h),
            ])
        })
        .collect();
    lines.insert(0, Line::raw(""));
    let visible = popup.height.saturating_sub(2) as usize;
    let max_scroll = lines.len().saturating_sub(visible) as u16;
    Paragraph::new(lines)
        .block(block)
        .scroll((app.help_scroll().min(max_scroll), 0))
        .render(popup, frame.buffer_mut());
}
