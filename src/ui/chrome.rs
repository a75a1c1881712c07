//! The frame around the panes: header, footer (message, key hints, save state), help overlay.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::rows;
use super::theme::Theme;
use crate::app::{App, SaveState};
use crate::keymap;
use crate::terminal_text::line as safe;

/// Top line: the program, the file (first, so a narrow screen still shows it), the
/// dataset's title, and on the right whether the edits are on disk.
pub fn header(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let state = save_text(app, theme);
    let [left, right] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(state.width() as u16)])
            .areas(area);
    Paragraph::new("")
        .style(theme.header())
        .render(area, frame.buffer_mut());
    let title = safe(app.data().title.as_deref().unwrap_or("(untitled)")).into_owned();
    let text = format!(" councilor · {} · {title}", app.file());
    let text = rows::fit(&text, left.width as usize);
    Line::raw(text).render(left, frame.buffer_mut());
    Line::from(state).render(right, frame.buffer_mut());
}

fn save_text(app: &App, theme: &Theme) -> Span<'static> {
    match app.save_state() {
        SaveState::Untouched => Span::raw(" no edits yet "),
        SaveState::Saved(t) => Span::raw(format!(" saved {t} ")),
        SaveState::Saving => Span::styled(" saving… ", theme.key()),
        SaveState::Failed(_) => Span::styled(" NOT SAVED ", theme.error_badge()),
        SaveState::ReadOnly => Span::styled(" read-only ", theme.key()),
    }
}

/// Two lines: the answer to the last key, then the keys that matter here (help and quit
/// always, on the right).
pub fn footer(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let [top, bottom] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
    // The answer to the last key; while edits are not on disk, the reason stays in view.
    let shown = match (app.message(), app.save_state()) {
        (Some(m), _) => Some((m.text.as_str(), m.error)),
        (None, SaveState::Failed(reason)) => Some((reason.as_str(), true)),
        _ => None,
    };
    if let Some((text, error)) = shown {
        let style = if error { theme.error() } else { theme.ok() };
        let text = rows::fit(&format!(" {}", safe(text)), top.width as usize);
        Line::from(Span::styled(text, style)).render(top, frame.buffer_mut());
    }
    let mut left = vec![Span::raw(" ")];
    let mut right = Vec::new();
    for (key, help, essential) in keymap::footer_hints(app.focus(), app.read_only()) {
        let side = if essential { &mut right } else { &mut left };
        side.push(Span::styled(key, theme.key()));
        side.push(Span::styled(format!(" {help}  "), theme.dim()));
    }
    let right = Line::from(right);
    let [l, r] = Layout::horizontal([Constraint::Min(0), Constraint::Length(right.width() as u16)])
        .spacing(2)
        .areas(bottom);
    Line::from(left).render(l, frame.buffer_mut());
    right.render(r, frame.buffer_mut());
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
