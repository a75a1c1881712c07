//! The conflict dialog: the file changed on disk and some fields were changed on both sides.

use super::rows::popup_frame;
use ratatui::Frame;
use ratatui::layout::{Flex, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::theme::Theme;
use crate::app::App;
use crate::terminal_text::line as safe;
use crate::vocabulary::Side;

fn value(v: Option<&str>) -> String {
    v.map_or_else(|| "(none)".to_string(), |v| format!("“{}”", safe(v)))
}

/// A field's value as a person reads it (the areas as a list, not JSON).
fn field_value(field: crate::model::Editable, v: Option<&str>) -> String {
    value(v.map(|v| field.shown(v)).as_deref())
}

pub(crate) fn conflicts(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(dialog) = app.conflict() else {
        return;
    };
    let width = area.width.saturating_sub(4).clamp(20, 100);
    let height = (dialog.items.len() as u16 * 3 + 5).min(area.height);
    let popup = super::rows::popup(frame.buffer_mut(), area, width, height, Flex::Center);
    let block = popup_frame(
        " Changed on disk and here: keep which? ",
        " m mine · t disk's · M/T all the rest · nothing is written until each has an answer ",
        width,
        theme.dim(),
        theme.error(),
        theme,
    );
    let data = app.data();
    let mut lines = vec![Line::raw("")];
    for (i, item) in dialog.items.iter().enumerate() {
        let edit = &item.conflict.edit;
        let title = app
            .figures()
            .index_of(data, &edit.id)
            .map_or(edit.id.as_str(), |d| data.deliverables[d].title.as_str());
        let marker = if i == dialog.cursor { "▶ " } else { "  " };
        let answer = match item.choice {
            Some(Side::Mine) => Span::styled("[mine] ", theme.ok()),
            Some(Side::Theirs) => Span::styled("[disk] ", theme.ok()),
            None => Span::styled("[ ?  ] ", theme.error()),
        };
        let style = if i == dialog.cursor {
            theme.selected(true)
        } else {
            ratatui::style::Style::new()
        };
        lines.push(
            Line::from(vec![
                Span::raw(marker),
                answer,
                Span::raw(format!("{} ({})", safe(title), safe(&edit.id))),
            ])
            .style(style),
        );
        let disk = if item.conflict.removed {
            "removed it (mine restores it)".to_string()
        } else {
            field_value(edit.field, item.conflict.theirs.as_deref())
        };
        lines.push(Line::from(vec![
            Span::raw("         "),
            Span::styled(format!("{}: ", edit.field.key()), theme.label()),
            Span::raw(format!(
                "was {} · mine {} · disk {disk}",
                field_value(edit.field, edit.base()),
                field_value(edit.field, edit.mine()),
            )),
        ]));
        lines.push(Line::raw(""));
    }
    Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .render(popup, frame.buffer_mut());
}

/// The questions of a file left in conflict by a merge: one row per region (the rows around
/// the cursor when they do not all fit), and under them both sides of the region asked.
pub(crate) fn file_conflicts(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    use crate::conflicted::Side as Chosen;
    use ratatui::layout::{Constraint, Layout};
    let Some(conflicts) = app.file_conflicts() else {
        return;
    };
    let places = conflicts.places();
    let answered = conflicts.choices().iter().flatten().count();
    let width = area.width.saturating_sub(4).clamp(20, 110);
    // Borders, a blank line, the rows, a blank line and four lines for the region asked.
    let height = (places.len() as u16 + 8).min(area.height);
    let popup = super::rows::popup(frame.buffer_mut(), area, width, height, Flex::Center);
    let block = popup_frame(
        &format!(
            " Conflicts from a merge: {answered} of {} answered ",
            places.len()
        ),
        " m ours · t theirs · M/T all the rest · q leaves the file as it is ",
        width,
        theme.dim(),
        theme.error(),
        theme,
    );
    let inner = block.inner(popup);
    block.render(popup, frame.buffer_mut());
    let [list, detail] = Layout::vertical([Constraint::Min(1), Constraint::Length(5)]).areas(inner);
    let rows = usize::from(list.height.saturating_sub(1)).max(1);
    let first = conflicts.cursor().saturating_sub(rows - 1);
    let mut lines = vec![Line::raw("")];
    for (i, (place, choice)) in places
        .iter()
        .zip(conflicts.choices())
        .enumerate()
        .skip(first)
        .take(rows)
    {
        let here = i == conflicts.cursor();
        let answer = match choice {
            Some(Chosen::Ours) => Span::styled("[ours]   ", theme.ok()),
            Some(Chosen::Theirs) => Span::styled("[theirs] ", theme.ok()),
            None => Span::styled("[  ?   ] ", theme.error()),
        };
        let style = if here {
            theme.selected(true)
        } else {
            ratatui::style::Style::new()
        };
        let what = match (&place.deliverable, &place.field) {
            (Some(id), Some(field)) => format!("{id} · {field}"),
            (Some(id), None) => id.clone(),
            _ => place.what.clone(),
        };
        lines.push(
            Line::from(vec![
                Span::raw(if here { "▶ " } else { "  " }),
                answer,
                Span::styled(format!("line {}: ", place.line), theme.label()),
                Span::raw(safe(&what).into_owned()),
            ])
            .style(style),
        );
    }
    Paragraph::new(lines).render(list, frame.buffer_mut());
    let Some(place) = places.get(conflicts.cursor()) else {
        return;
    };
    let detail_lines = if place.ours.is_some() || place.theirs.is_some() {
        vec![
            Line::raw(""),
            Line::from(vec![
                Span::styled("ours    ", theme.label()),
                Span::raw(value(place.ours.as_deref())),
            ]),
            Line::from(vec![
                Span::styled("theirs  ", theme.label()),
                Span::raw(value(place.theirs.as_deref())),
            ]),
        ]
    } else {
        vec![Line::raw(""), Line::raw(safe(&place.what))]
    };
    Paragraph::new(detail_lines)
        .wrap(Wrap { trim: false })
        .render(detail, frame.buffer_mut());
}
