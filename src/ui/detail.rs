//! The details of the selected deliverable.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::panes::badge;
use super::theme::Theme;
use crate::app::App;
use crate::keymap::Pane;
use crate::terminal_text::{Lines, clean, line as safe};

fn field<'a>(label: &str, value: impl Into<Span<'a>>, theme: &Theme) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{label:<9}"), theme.label()),
        value.into(),
    ])
}

fn section<'a>(lines: &mut Vec<Line<'a>>, label: &str, text: Option<&str>, theme: &Theme) {
    let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
        return;
    };
    lines.push(Line::raw(""));
    lines.push(Line::styled(label.to_string(), theme.label()));
    for l in clean(text, Lines::Keep).lines() {
        lines.push(Line::raw(l.to_string()));
    }
}

pub fn details(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let focused = app.focus() == Pane::Details;
    let block = Block::bordered()
        .title(Span::styled(" Details ", theme.title()))
        .border_style(theme.border(focused));
    let Some(d) = app.selected() else {
        Paragraph::new(Line::styled("No deliverable selected", theme.dim()))
            .block(block)
            .render(area, frame.buffer_mut());
        return;
    };
    let data = app.data();
    let mut lines = vec![
        Line::styled(safe(&d.title).into_owned(), theme.title()),
        Line::styled(safe(&d.id).into_owned(), theme.dim()),
        Line::raw(""),
    ];
    let council = data.council(&d.council).map_or_else(
        || safe(&d.council).into_owned(),
        |c| {
            let date = c
                .date
                .as_deref()
                .map(|x| format!(" ({})", safe(x)))
                .unwrap_or_default();
            format!("{}{date}", safe(&c.name))
        },
    );
    lines.push(field("Council", council, theme));
    let areas: Vec<String> = d
        .areas
        .iter()
        .map(|a| {
            data.area(a)
                .map_or_else(|| safe(a).into_owned(), |x| safe(&x.name).into_owned())
        })
        .collect();
    if !areas.is_empty() {
        lines.push(field("Areas", areas.join(", "), theme));
    }
    lines.push(field("Status", badge(data, &d.status, theme), theme));
    if let Some(owner) = &d.owner {
        lines.push(field("Owner", safe(owner).into_owned(), theme));
    }
    if let Some(due) = &d.due {
        lines.push(field("Due", safe(due).into_owned(), theme));
    }
    section(&mut lines, "Description", d.description.as_deref(), theme);
    section(
        &mut lines,
        "Evidence",
        d.evidence.as_deref().map(|e| format!("“{e}”")).as_deref(),
        theme,
    );
    section(&mut lines, "Notes", d.notes.as_deref(), theme);
    if !d.history.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!("History ({})", d.history.len()),
            theme.label(),
        ));
        for h in d.history.iter().rev() {
            let text = |v: &Option<String>| safe(v.as_deref().unwrap_or("—")).into_owned();
            let mut spans = vec![
                Span::styled(format!("{} ", text(&h.at)), theme.dim()),
                Span::raw(format!(
                    "{}: {} → {}",
                    text(&h.field),
                    text(&h.from),
                    text(&h.to)
                )),
            ];
            if let Some(by) = &h.by {
                spans.push(Span::styled(format!(" by {}", safe(by)), theme.dim()));
            }
            if let Some(note) = &h.note {
                spans.push(Span::raw(format!(" — {}", safe(note))));
            }
            lines.push(Line::from(spans));
        }
    }
    Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .scroll((app.detail_scroll(), 0))
        .render(area, frame.buffer_mut());
}
