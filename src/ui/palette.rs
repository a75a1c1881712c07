//! The command palette: every action of the panes by name, filtered as one types.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::rows;
use super::theme::Theme;
use crate::app::App;
use crate::terminal_text::line as safe;

pub(crate) fn palette(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(p) = app.palette() else {
        return;
    };
    let commands = app.palette_commands();
    let width = area.width.saturating_sub(4).clamp(20, 90);
    let height = (commands.len() as u16 + 4).clamp(5, area.height);
    let popup = rows::popup(frame.buffer_mut(), area, width, height, Flex::Start);
    let block = Block::bordered()
        .title(Span::styled(" Actions ", theme.title()))
        .title_bottom(Line::styled(
            format!(" {} · Enter runs · Esc closes ", commands.len()),
            theme.dim(),
        ))
        .border_style(theme.border(true));
    let inner = block.inner(popup);
    block.render(popup, frame.buffer_mut());
    if inner.height < 2 {
        return;
    }
    let [input, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    let typed = rows::fit(&safe(&p.input), (input.width as usize).saturating_sub(3));
    Line::from(vec![
        Span::styled(" : ", theme.key()),
        Span::raw(typed.clone()),
    ])
    .render(input, frame.buffer_mut());
    frame.set_cursor_position((
        input.x + 3 + unicode_width::UnicodeWidthStr::width(typed.as_str()) as u16,
        input.y,
    ));
    let name_width = commands.iter().map(|c| c.name.len()).max().unwrap_or(8);
    let keys_width = commands
        .iter()
        .map(|c| c.keys.chars().count())
        .max()
        .unwrap_or(4)
        .min(16);
    if commands.is_empty() {
        let why = "  no action: no name or help has a word starting so (Enter runs nothing)";
        for (i, part) in rows::wrap(why, list.width as usize).into_iter().enumerate() {
            if i as u16 >= list.height {
                break;
            }
            let row = Rect {
                y: list.y + i as u16,
                height: 1,
                ..list
            };
            Line::styled(part, theme.dim()).render(row, frame.buffer_mut());
        }
        return;
    }
    let start = rows::window_start(commands.len(), p.cursor, list.height as usize, 0);
    rows::draw(
        list,
        frame.buffer_mut(),
        start..commands.len(),
        1,
        Some((p.cursor, theme.selected(true))),
        |i| {
            let c = &commands[i];
            let marker = if i == p.cursor { "▶ " } else { "  " };
            let keys = rows::fit(&c.keys, keys_width);
            let text = format!(
                "{marker}{:<name_width$}  {keys:<keys_width$}  {}",
                c.name, c.help
            );
            vec![Line::raw(rows::fit(&text, list.width as usize))]
        },
    );
}
