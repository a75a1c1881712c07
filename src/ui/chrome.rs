//! The frame around the panes: header, footer (message, key hints, save state), help overlay.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::rows;
use super::theme::Theme;
use crate::app::{App, SaveState};
use crate::terminal_text::line as safe;
use crate::vocabulary::Mode;

/// Top line: the program, the file (first, so a narrow screen still shows it), the
/// dataset's title, and on the right whether the edits are on disk.
pub(crate) fn header(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
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
        SaveState::Pending => Span::styled(" saving… ", theme.key()),
        SaveState::Failed(_) => Span::styled(" NOT SAVED ", theme.error_badge()),
        SaveState::ReadOnly => Span::styled(" read-only ", theme.key()),
        SaveState::Synced => Span::raw(" as on disk "),
    }
}

/// Two lines: the answer to the last key, then the keys that matter here (help and quit
/// always, on the right).
pub(crate) fn footer(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let [top, bottom] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
    let search = app.search();
    // The answer to the last key; while edits are not on disk, the reason stays in view.
    let shown = match (app.message(), app.save_state()) {
        (Some(m), _) => Some((m.text.clone(), m.error)),
        (None, SaveState::Failed(reason)) => Some((reason.clone(), true)),
        _ if search.active() && app.mode() != Mode::Search => Some((
            format!(
                "search /{}: {}{}",
                search.input.trim(),
                count(app),
                problems(app)
            ),
            !search.problems.is_empty(),
        )),
        _ => None,
    };
    if app.mode() == Mode::Search {
        search_line(frame, top, app, theme);
    } else if app.mode() == Mode::Prompt {
        prompt_line(frame, top, app, theme);
    } else if let Some(question) = app.question() {
        let text = rows::fit(&format!(" {question}"), top.width as usize);
        Line::from(Span::styled(text, theme.key())).render(top, frame.buffer_mut());
    } else if let Some((text, error)) = shown {
        let style = if error { theme.error() } else { theme.ok() };
        let text = rows::fit(&format!(" {}", safe(&text)), top.width as usize);
        Line::from(Span::styled(text, style)).render(top, frame.buffer_mut());
    }
    let mut left = vec![Span::raw(" ")];
    // What a status key will change, named, so that no key lands on a row by surprise.
    if app.mode() == Mode::Browse && !app.read_only() {
        left.extend(status_target(app, bottom.width as usize * 2 / 3, theme));
    }
    let mut right = Vec::new();
    let mode = match app.mode() {
        Mode::Help | Mode::HelpFilter => Mode::Browse,
        m => m,
    };
    let hints = app
        .keymap()
        .footer_hints(mode, app.focus(), app.read_only());
    for (key, help, _) in hints.iter().filter(|h| h.2) {
        right.push(Span::styled(key.clone(), theme.key()));
        right.push(Span::styled(format!(" {help}  "), theme.dim()));
    }
    let right = Line::from(right);
    // Whole hints only, in the table's order, while they fit beside help and quit.
    let used: usize = left.iter().map(|s| s.width()).sum();
    let mut room = (bottom.width as usize).saturating_sub(right.width() + 2 + used);
    for (key, help, _) in hints.iter().filter(|h| !h.2) {
        let hint = format!(" {help}  ");
        let width = key.chars().count() + hint.chars().count();
        if width > room {
            break;
        }
        room -= width;
        left.push(Span::styled(key.clone(), theme.key()));
        left.push(Span::styled(hint, theme.dim()));
    }
    let [l, r] = Layout::horizontal([Constraint::Min(0), Constraint::Length(right.width() as u16)])
        .spacing(2)
        .areas(bottom);
    Line::from(left).render(l, frame.buffer_mut());
    right.render(r, frame.buffer_mut());
}

/// `1…5 → eu-jp-dpc-2/eid-moc`: the status keys and the deliverable (or the marked ones)
/// they change, in the panes where they act; at most `width` cells.
fn status_target(app: &App, width: usize, theme: &Theme) -> Vec<Span<'static>> {
    use crate::vocabulary::Pane;
    if !matches!(app.focus(), Pane::Deliverables | Pane::Details) {
        return vec![];
    }
    let n = app.data().statuses.len().min(9);
    let keys = match n {
        0 => return vec![],
        1 => "1".to_string(),
        n => format!("1…{n}"),
    };
    let target = match (app.marked().len(), app.selected()) {
        (0, Some(d)) => safe(&d.id).into_owned(),
        (0, None) => return vec![],
        (1, _) => "the 1 marked".to_string(),
        (m, _) => format!("the {m} marked"),
    };
    let lead = format!("{keys} status of ");
    let room = width.saturating_sub(lead.chars().count() + 2);
    vec![
        Span::styled(keys, theme.key()),
        Span::styled(" status of ", theme.dim()),
        Span::styled(rows::fit(&target, room), theme.title()),
        Span::raw("  "),
    ]
}

/// `12 of 40 match`: the rows shown against what the council and area panes offer; while a
/// long search is under way the rows are the last search's, and the line says so.
fn count(app: &App) -> String {
    if app.searching() {
        return format!("searching {}…", app.search().scope_len);
    }
    format!("{} of {} match", app.rows().len(), app.search().scope_len)
}

fn problems(app: &App) -> String {
    app.search()
        .problems
        .iter()
        .map(|p| format!(" · {p}"))
        .collect()
}

/// The search line: `/` and the query, the cursor after it, and the count on the right.
fn search_line(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let search = app.search();
    let right = Line::from(vec![
        Span::styled(problems(app), theme.error()),
        Span::styled(format!(" {} ", count(app)), theme.ok()),
    ]);
    let right_width = (right.width() as u16).min(area.width / 2);
    let [left, right_area] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(right_width)]).areas(area);
    // The end of a long query stays in view: that is where the typing happens.
    let room = (left.width as usize).saturating_sub(3);
    let input = safe(&search.input);
    let tail = tail_fit(&input, room);
    let line = Line::from(vec![
        Span::styled(" /", theme.key()),
        Span::raw(tail.clone()),
    ]);
    let cursor_x = left.x + 2 + unicode_width::UnicodeWidthStr::width(tail.as_str()) as u16;
    line.render(left, frame.buffer_mut());
    right.render(right_area, frame.buffer_mut());
    frame.set_cursor_position((cursor_x.min(left.right().saturating_sub(1)), left.y));
}

/// The "write to" prompt: the path typed so far, the cursor after it.
fn prompt_line(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let label = if app.prompt_asks_date() {
        " changes since (YYYY-MM-DD): "
    } else {
        " write to: "
    };
    let room = (area.width as usize).saturating_sub(label.len() + 1);
    let tail = tail_fit(&safe(app.prompt()), room);
    let cursor_x =
        area.x + label.len() as u16 + unicode_width::UnicodeWidthStr::width(tail.as_str()) as u16;
    Line::from(vec![Span::styled(label, theme.key()), Span::raw(tail)])
        .render(area, frame.buffer_mut());
    frame.set_cursor_position((cursor_x.min(area.right().saturating_sub(1)), area.y));
}

/// The end of `s` that fits in `width` cells, starting with `…` when cut.
fn tail_fit(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    if unicode_width::UnicodeWidthStr::width(s) <= width {
        return s.to_string();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1;
    for c in s.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            break;
        }
        kept.push(c);
        used += w;
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

pub(crate) fn help(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let rows = app.help_rows();
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
    let note = safe(app.config_note()).into_owned();
    let width = (key_width + help_width + 6)
        .max(note.chars().count() as u16 + 4)
        .max(44)
        .min(area.width);
    // Long rows wrap under their text, so nothing is cut on a narrow screen.
    let text_width = (width as usize)
        .saturating_sub(key_width as usize + 5)
        .max(8);
    let mut lines: Vec<Line> = Vec::new();
    for (k, h) in &rows {
        for (i, part) in rows::wrap(h, text_width).into_iter().enumerate() {
            let keys = if i == 0 { k.as_str() } else { "" };
            lines.push(Line::from(vec![
                Span::styled(
                    format!(" {keys:<w$}  ", w = key_width as usize),
                    theme.key(),
                ),
                Span::raw(part),
            ]));
        }
    }
    let height = (lines.len() as u16 + 4).min(area.height);
    let popup = rows::popup(frame.buffer_mut(), area, width, height, Flex::Center);
    let filter = app.help_filter();
    let title = if filter.is_empty() {
        " Keys (type to filter) ".to_string()
    } else {
        format!(" Keys matching “{}”: {} ", safe(filter), rows.len())
    };
    let block = Block::bordered()
        .title(Span::styled(
            rows::fit(&title, width.saturating_sub(2) as usize),
            theme.title(),
        ))
        .title_bottom(Line::styled(
            if filter.is_empty() {
                " j k scroll · q closes · letters filter "
            } else {
                " ↑ ↓ scroll · Esc clears the filter "
            },
            theme.dim(),
        ))
        .border_style(theme.border(true));
    // Where the keys come from, first: that is where they are changed.
    lines.insert(0, Line::styled(format!(" {note}"), theme.dim()));
    let visible = popup.height.saturating_sub(2) as usize;
    let max_scroll = lines.len().saturating_sub(visible) as u16;
    Paragraph::new(lines)
        .block(block)
        .scroll((app.help_scroll().min(max_scroll), 0))
        .render(popup, frame.buffer_mut());
}
