//! The deliverable form, drawn over the panes: one line per field (label, value), the
//! focused one marked and with its cursor, the areas with the matches of what is typed, the
//! due date checked as it is typed, and what went wrong with the last save.

use ratatui::Frame;
use ratatui::layout::{Flex, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::rows::{fit, popup_frame};
use super::theme::Theme;
use crate::app::{App, Form, FormField};
use crate::terminal_text::line as safe;

const LABEL: usize = 13;

pub(crate) fn form(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(form) = app.form() else {
        return;
    };
    let data = app.data();
    let width = area.width.saturating_sub(2).clamp(20, 90);
    let title = match &form.editing {
        None => match &form.follows {
            Some(f) => format!(" New deliverable, following {} ", safe(f)),
            None => " New deliverable ".to_string(),
        },
        Some(id) => format!(" Edit {} ", safe(id)),
    };
    let keys = if form.leaving {
        " leave without saving? y/n "
    } else {
        " Tab next · Shift-Tab back · ↑↓ choose · Ctrl-s save · Esc leave "
    };
    let keys_style = if form.leaving {
        theme.error()
    } else {
        theme.dim()
    };
    let block = popup_frame(&title, keys, width, keys_style, theme.border(true), theme);
    // The lines first, at the popup's width; its height is what they need.
    let inner_width = width.saturating_sub(2);
    let room = (inner_width as usize).saturating_sub(LABEL + 1);
    let mut lines: Vec<Line> = Vec::new();
    let mut cursor = None;
    for (i, field) in FormField::ALL.iter().copied().enumerate() {
        let focused = i == form.focus;
        let value = value_of(form, field, app);
        let marker = if focused { "▶" } else { " " };
        let label = format!("{marker}{:<w$}", field.label(), w = LABEL - 1);
        let shown = fit(&value, room);
        if focused && field.is_text() {
            let x = LABEL as u16 + unicode_width::UnicodeWidthStr::width(shown.as_str()) as u16;
            cursor = Some((x, lines.len() as u16));
        }
        let style = if focused {
            theme.selected(true)
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::from(vec![
            Span::styled(label, theme.label()),
            Span::styled(shown, style),
        ]));
        if focused && field == FormField::Areas {
            let shown = crate::app::areas_shown(data, &form.area_filter);
            let picks: Vec<String> = shown
                .iter()
                .enumerate()
                .take(6)
                .map(|(k, a)| {
                    let on = if form.areas.contains(&a.id) {
                        "✓"
                    } else {
                        " "
                    };
                    let at = if k == form.area_cursor { "›" } else { " " };
                    format!("{at}{on}{}", safe(&a.id))
                })
                .collect();
            let hint = if picks.is_empty() {
                format!("Enter creates the area {:?}", form.area_filter.trim())
            } else {
                picks.join(" ")
            };
            lines.push(Line::styled(
                format!(
                    "{:LABEL$}{}",
                    "",
                    fit(&format!("find: {}▏ {hint}", safe(&form.area_filter)), room)
                ),
                theme.dim(),
            ));
        }
        if field == FormField::Due
            && let Some(problem) = form.due_problem()
        {
            lines.push(Line::styled(
                format!("{:LABEL$}{}", "", fit(problem, room)),
                theme.error(),
            ));
        }
    }
    let problem = form.problem.as_deref();
    show(frame, area, (width, block), lines, problem, cursor, theme);
}

/// Draws a form's popup, `width` wide in `block`: its lines, and the last refusal under
/// them, at the height they need; the text cursor where the focused field's value ends.
fn show(
    frame: &mut Frame,
    area: Rect,
    (width, block): (u16, Block<'static>),
    mut lines: Vec<Line<'static>>,
    problem: Option<&str>,
    cursor: Option<(u16, u16)>,
    theme: &Theme,
) {
    if let Some(problem) = problem {
        lines.push(Line::raw(""));
        for part in super::rows::wrap(&safe(problem), width.saturating_sub(2) as usize) {
            lines.push(Line::styled(part, theme.error()));
        }
    }
    let height = (lines.len() as u16 + 2).min(area.height);
    let popup = super::rows::popup(frame.buffer_mut(), area, width, height, Flex::Center);
    let inner = block.inner(popup);
    block.render(popup, frame.buffer_mut());
    Paragraph::new(lines).render(inner, frame.buffer_mut());
    if let Some((x, y)) = cursor.filter(|&(_, y)| y < inner.height) {
        let x = (inner.x + x).min(inner.right().saturating_sub(1));
        frame.set_cursor_position(Position::new(x, inner.y + y));
    }
}

/// A field's value as the form shows it.
fn value_of(form: &Form, field: FormField, app: &App) -> String {
    let data = app.data();
    match field {
        FormField::Council => data
            .councils
            .get(form.council)
            .map_or_else(String::new, |c| format!("‹ {} ›", safe(&c.name))),
        FormField::Status => data
            .statuses
            .get(form.status)
            .map_or_else(String::new, |s| format!("‹ {} ›", safe(&s.name))),
        FormField::Areas if form.areas.is_empty() => {
            "(none; type to find one, Enter takes it)".into()
        }
        FormField::Areas => form
            .areas
            .iter()
            .map(|a| {
                let new = form.new_areas.iter().any(|(id, _)| id == a);
                format!("{}{}", safe(a), if new { " (new)" } else { "" })
            })
            .collect::<Vec<_>>()
            .join(", "),
        FormField::Id if form.editing.is_some() => format!("{} (kept)", safe(&form.id)),
        FormField::Title if form.title.is_empty() => String::new(),
        f => safe(form.text(f)).into_owned(),
    }
}

/// The council or area form: a line per field.
pub(crate) fn object_form(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(form) = app.object_form() else {
        return;
    };
    let width = area.width.saturating_sub(2).clamp(20, 80);
    let inner_width = width.saturating_sub(2);
    let room = (inner_width as usize).saturating_sub(LABEL + 1);
    let kind = if form.council { "council" } else { "area" };
    let title = match &form.editing {
        None => format!(" New {kind} "),
        Some(id) => format!(" Edit {kind} {} ", safe(id)),
    };
    let keys = if form.leaving {
        " leave without saving? y/n "
    } else {
        " Tab next · Shift-Tab back · Ctrl-s save · Esc leave "
    };
    let mut lines: Vec<Line> = Vec::new();
    let mut cursor = None;
    for (i, (key, value)) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let marker = if focused { "▶" } else { " " };
        let mut shown = fit(&safe(value), room);
        if *key == "id" && form.editing.is_some() {
            shown.push_str(" (kept)");
        } else if focused {
            let x = LABEL as u16 + unicode_width::UnicodeWidthStr::width(shown.as_str()) as u16;
            cursor = Some((x, lines.len() as u16));
        }
        let style = if focused {
            theme.selected(true)
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{marker}{:<w$}", key, w = LABEL - 1), theme.label()),
            Span::styled(shown, style),
        ]));
        if *key == "date" && !value.trim().is_empty() && !crate::dates::is_valid_date(value.trim())
        {
            lines.push(Line::styled(
                format!(
                    "{:LABEL$}{}",
                    "",
                    fit("not a date yet: YYYY, YYYY-MM or YYYY-MM-DD", room)
                ),
                theme.error(),
            ));
        }
    }
    let keys_style = if form.leaving {
        theme.error()
    } else {
        theme.dim()
    };
    let block = popup_frame(&title, keys, width, keys_style, theme.border(true), theme);
    show(
        frame,
        area,
        (width, block),
        lines,
        form.problem.as_deref(),
        cursor,
        theme,
    );
}
