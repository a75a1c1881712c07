//! The chosen council's card (chairs, place, partner, progress, summary, source), shown in
//! the details while the councils pane has the focus.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use super::detail::{field, section};
use super::panes::pane_block;
use super::rows::wrap;
use super::theme::Theme;
use crate::app::App;
use crate::figures::finished;
use crate::terminal_text::line as safe;
use crate::vocabulary::plural;

pub(crate) fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    // Shown while the councils pane has the focus, so never focused itself.
    let block = pane_block(" Council ", false, area.width, theme);
    let width = block.inner(area).width as usize;
    let data = app.data();
    let cursor = app.council_cursor();
    let counts = app.figures().counts().council_row(cursor);
    let total: usize = counts.iter().sum();
    let progress = format!("{}/{total} done", finished(data, counts));
    let mut lines: Vec<Line> = Vec::new();
    let Some(c) = cursor.checked_sub(1).and_then(|i| data.councils.get(i)) else {
        let title = data.title.as_deref().unwrap_or("All councils");
        lines.extend(
            wrap(&safe(title), width)
                .into_iter()
                .map(|l| Line::styled(l, theme.title())),
        );
        lines.push(Line::raw(""));
        let councils = plural(data.councils.len(), "council");
        field(&mut lines, "Councils", &councils, width, theme);
        field(&mut lines, "Progress", &progress, width, theme);
        Paragraph::new(lines)
            .block(block)
            .render(area, frame.buffer_mut());
        return;
    };
    lines.extend(
        wrap(&safe(&c.name), width)
            .into_iter()
            .map(|l| Line::styled(l, theme.title())),
    );
    let id = format!("{} · {}", safe(&c.id), safe(&c.label()));
    lines.extend(
        wrap(&id, width)
            .into_iter()
            .map(|l| Line::styled(l, theme.dim())),
    );
    lines.push(Line::raw(""));
    let text = |v: &Option<String>| v.as_deref().map(|s| safe(s).into_owned());
    if let Some(date) = text(&c.date) {
        field(&mut lines, "Date", &date, width, theme);
    }
    if let Some(place) = text(&c.location) {
        field(&mut lines, "Place", &place, width, theme);
    }
    if let Some(partner) = text(&c.partner) {
        field(&mut lines, "Partner", &partner, width, theme);
    }
    if let Some(series) = text(&c.series) {
        field(&mut lines, "Series", &series, width, theme);
    }
    for (i, chair) in c.chairs.iter().enumerate() {
        let label = if i == 0 { "Chairs" } else { "" };
        field(&mut lines, label, &safe(chair), width, theme);
    }
    field(&mut lines, "Progress", &progress, width, theme);
    if let Some(url) = text(&c.source_url) {
        field(&mut lines, "Source", &url, width, theme);
    }
    section(
        &mut lines,
        "Summary",
        c.summary.as_deref(),
        width,
        None,
        theme,
    );
    Paragraph::new(lines)
        .block(block)
        .render(area, frame.buffer_mut());
}
