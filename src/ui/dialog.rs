//! The conflict dialog: the file changed on disk and some fields were changed on both sides.

use ratatui::Frame;
use ratatui::layout::{Flex, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::theme::Theme;
use crate::app::App;
use crate::terminal_text::line as safe;
use crate::vocabulary::Side;

fn value(v: Option<&str>) -> String {
    v.map_or_else(|| "(none)".to_string(), |v| format!("“{}”", safe(v)))
}

pub(crate) fn conflicts(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(dialog) = app.conflict() else {
        return;
    };
    let width = area.width.saturating_sub(4).clamp(20, 100);
    let height = (dialog.items.len() as u16 * 3 + 5).min(area.height);
    let popup = super::rows::popup(frame.buffer_mut(), area, width, height, Flex::Center);
    let block = Block::bordered()
        .title(Span::styled(
            " Changed on disk and here: keep which? ",
            theme.title(),
        ))
        .title_bottom(Line::styled(
            " m mine · t disk's · M/T all the rest · nothing is written until each has an answer ",
            theme.dim(),
        ))
        .border_style(theme.error());
    let data = app.data();
    let mut lines = vec![Line::raw("")];
    for (i, item) in dialog.items.iter().enumerate() {
        let edit = &item.conflict.edit;
        let title = data
            .deliverable_index(&edit.id)
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
            value(item.conflict.theirs.as_deref()).to_string()
        };
        lines.push(Line::from(vec![
            Span::raw("         "),
            Span::styled(format!("{}: ", edit.field.key()), theme.label()),
            Span::raw(format!(
                "was {} · mine {} · disk {disk}",
                value(edit.base()),
                value(edit.mine()),
            )),
        ]));
        lines.push(Line::raw(""));
    }
    Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .render(popup, frame.buffer_mut());
}
