//! The three list panes: councils, technology areas, deliverables.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::rows;
use super::status::{badge, fills, look, segments};
use super::theme::Theme;
use crate::app::App;
use crate::figures::finished;
use crate::model::{Category, Dataset};
use crate::terminal_text::line as safe;
use crate::vocabulary::Pane;

/// A pane's frame. The focused pane is told apart without colour: a thick border and its
/// title marked with `▶` (the only pane whose selection shows `▶`).
pub(crate) fn pane_block<'a>(title: &str, focused: bool, width: u16, theme: &Theme) -> Block<'a> {
    let title = if focused {
        format!(" ▶{title}")
    } else {
        title.to_string()
    };
    let title = rows::fit(&title, (width as usize).saturating_sub(2));
    let block = Block::bordered()
        .title(Span::styled(title, theme.title()))
        .border_style(theme.border(focused));
    if focused {
        block.border_type(ratatui::widgets::BorderType::Thick)
    } else {
        block
    }
}

/// The marker of a pane's selected row: `▶` in the focused pane only.
pub(crate) fn cursor_marker(focused: bool) -> &'static str {
    if focused { "▶" } else { "›" }
}

/// A small bar of the status mix (`counts` in `statuses` order), `width` cells wide.
fn status_bar<'a>(data: &Dataset, counts: &[usize], width: usize, theme: &Theme) -> Vec<Span<'a>> {
    let total: usize = counts.iter().sum();
    if total == 0 || width == 0 {
        return vec![Span::styled("·".repeat(width), theme.dim())];
    }
    // Every status present gets a cell; without colour each has its own fill character.
    let cells = segments(counts, width);
    let fills = fills(&data.statuses);
    let mut spans = Vec::new();
    for (i, status) in data.statuses.iter().enumerate() {
        let n = cells.get(i).copied().unwrap_or(0);
        if n == 0 {
            continue;
        }
        let glyph = match (theme.color, status.category == Category::Done) {
            (true, true) => '█',
            (true, false) => '░',
            (false, _) => fills[i],
        };
        let look = look(&data.statuses, i);
        spans.push(Span::styled(glyph.to_string().repeat(n), theme.bar(look)));
    }
    spans
}

pub(crate) fn councils(frame: &mut Frame, area: Rect, app: &App, start: &mut usize, theme: &Theme) {
    let focused = app.focus() == Pane::Councils;
    let data = app.data();
    let block = pane_block(
        &format!(" Councils ({}) ", data.councils.len()),
        focused,
        area.width,
        theme,
    );
    let inner = block.inner(area);
    block.render(area, frame.buffer_mut());
    let len = data.councils.len() + 1;
    let visible = (inner.height / 2) as usize;
    *start = rows::window_start(len, app.council_cursor(), visible, *start);
    let figures = app.figures();
    let width = inner.width as usize;
    let drawn = rows::draw(
        inner,
        frame.buffer_mut(),
        *start..len,
        2,
        Some((app.council_cursor(), theme.selected(focused))),
        |i| {
            let (name, series, date, place) = if i == 0 {
                (
                    "All councils".into(),
                    String::new(),
                    String::new(),
                    String::new(),
                )
            } else {
                let c = &data.councils[i - 1];
                let text = |v: &Option<String>| {
                    v.as_deref()
                        .map(|s| safe(s).into_owned())
                        .unwrap_or_default()
                };
                // The series after the name, unless the name says it already.
                let series = Some(text(&c.series))
                    .filter(|s| !s.is_empty() && !c.name.contains(s.as_str()))
                    .unwrap_or_default();
                (
                    safe(&c.name).into_owned(),
                    series,
                    text(&c.date),
                    text(&c.location),
                )
            };
            let counts = figures.counts().council_row(i);
            // Date first (it tells councils apart), then progress, then the place if it fits.
            let finished = finished(data, counts);
            let total: usize = counts.iter().sum();
            let progress = format!(" {finished}/{total} done");
            let lead = if date.is_empty() {
                "  ".to_string()
            } else {
                format!("  {date} ")
            };
            let used = lead.chars().count() + progress.chars().count();
            let bar_width = width.saturating_sub(used).min(8);
            let mut second = vec![Span::styled(lead, theme.dim())];
            second.extend(status_bar(data, counts, bar_width, theme));
            second.push(Span::raw(progress));
            let room = width.saturating_sub(used + bar_width);
            if !place.is_empty() && room > 4 {
                second.push(Span::styled(
                    rows::fit(&format!(" · {place}"), room),
                    theme.dim(),
                ));
            }
            let marker = if i == app.council_cursor() {
                format!("{} ", cursor_marker(focused))
            } else {
                "  ".to_string()
            };
            let name = rows::fit(&name, width.saturating_sub(2));
            let mut first = vec![Span::raw(marker), Span::styled(name.clone(), theme.title())];
            let room = width.saturating_sub(2 + name.chars().count());
            if !series.is_empty() && room > 4 {
                first.push(Span::styled(
                    rows::fit(&format!(" · {series}"), room),
                    theme.dim(),
                ));
            }
            vec![Line::from(first), Line::from(second)]
        },
    );
    rows::more_hint(
        frame.buffer_mut(),
        area,
        *start,
        len.saturating_sub(*start + drawn),
        theme.dim(),
    );
}

pub(crate) fn areas(frame: &mut Frame, area: Rect, app: &App, start: &mut usize, theme: &Theme) {
    let focused = app.focus() == Pane::Areas;
    let data = app.data();
    let rows_ = app.area_rows();
    let block = pane_block(
        &format!(" Areas ({}) ", rows_.len()),
        focused,
        area.width,
        theme,
    );
    let inner = block.inner(area);
    block.render(area, frame.buffer_mut());
    let len = rows_.len() + 1;
    *start = rows::window_start(len, app.area_cursor(), inner.height as usize, *start);
    let all_count: usize = app
        .figures()
        .counts()
        .council_row(app.council_cursor())
        .iter()
        .sum();
    let drawn = rows::draw(
        inner,
        frame.buffer_mut(),
        *start..len,
        1,
        Some((app.area_cursor(), theme.selected(focused))),
        |i| {
            let (name, count) = if i == 0 {
                ("All areas".to_string(), all_count)
            } else {
                let r = rows_[i - 1];
                (safe(&data.areas[r.area].name).into_owned(), r.count)
            };
            let marker = if i == app.area_cursor() {
                format!("{} ", cursor_marker(focused))
            } else {
                "  ".to_string()
            };
            let count = format!(" {count}");
            let name = rows::fit(
                &name,
                (inner.width as usize).saturating_sub(2 + count.len()),
            );
            vec![Line::from(vec![
                Span::raw(marker),
                Span::raw(name),
                Span::styled(count, theme.dim()),
            ])]
        },
    );
    rows::more_hint(
        frame.buffer_mut(),
        area,
        *start,
        len.saturating_sub(*start + drawn),
        theme.dim(),
    );
}

pub(crate) fn deliverables(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    start: &mut usize,
    theme: &Theme,
) {
    let focused = app.focus() == Pane::Deliverables;
    let data = app.data();
    let shown = app.rows();
    let position = if shown.is_empty() {
        0
    } else {
        app.selected_row() + 1
    };
    let search = app.search();
    let mut title = format!(" Deliverables {position}/{} ", shown.len());
    if !app.marked().is_empty() {
        title.push_str(&format!("· {} marked ", app.marked().len()));
    }
    if search.active() {
        title.push_str(&format!("· /{} ", safe(&search.input)));
    }
    if app.sort() != crate::vocabulary::Sort::File {
        title.push_str(&format!("· {} ", app.sort().name()));
    }
    let block = pane_block(&title, focused, area.width, theme);
    let inner = block.inner(area);
    block.render(area, frame.buffer_mut());
    if shown.is_empty() {
        let narrowed = app.council_filter().is_some() || app.area_filter().is_some();
        let why = if search.active() && narrowed {
            "no match in this council or area (All searches everything); Esc clears the search"
        } else if search.active() {
            "no match: Esc clears the search"
        } else {
            "nothing here: choose another council or area"
        };
        // Wrapped, so the way out is never cut off.
        let lines: Vec<Line> = rows::wrap(why, (inner.width as usize).saturating_sub(2))
            .into_iter()
            .map(|l| Line::styled(format!("  {l}"), theme.dim()))
            .collect();
        ratatui::widgets::Paragraph::new(lines).render(inner, frame.buffer_mut());
        return;
    }
    // When the list spans councils, each row says whose it is (`EU–JP 2`).
    let labels = app.figures().council_labels(data);
    let label_width = if app.council_filter().is_none() && data.councils.len() > 1 {
        labels.widest.min(10)
    } else {
        0
    };
    // Only where the title keeps most of the row.
    let label_width = if (inner.width as usize) >= 40 + label_width {
        label_width
    } else {
        0
    };
    *start = rows::window_start(
        shown.len(),
        app.selected_row(),
        inner.height as usize,
        *start,
    );
    rows::draw(
        inner,
        frame.buffer_mut(),
        *start..shown.len(),
        1,
        Some((app.selected_row(), theme.selected(focused))),
        |i| {
            let d = &data.deliverables[shown[i]];
            let marked = app.marked().contains(&shown[i]);
            let marker = match (i == app.selected_row(), marked) {
                (true, true) => "◆",
                (true, false) => cursor_marker(focused),
                (false, true) => "●",
                (false, false) => " ",
            };
            let badge = badge(data, &d.status, theme);
            let council = (label_width > 0).then(|| {
                let label = rows::fit(labels.of(&d.council), label_width);
                let pad = label_width
                    .saturating_sub(unicode_width::UnicodeWidthStr::width(label.as_str()));
                Span::styled(format!(" {label}{}", " ".repeat(pad)), theme.dim())
            });
            let used = council.as_ref().map_or(0, |c| c.width());
            let room = (inner.width as usize).saturating_sub(badge.width() + 2 + used);
            let full = safe(&d.title);
            let title = rows::fit(&full, room);
            let mut spans = vec![Span::raw(marker), badge];
            spans.extend(council);
            spans.push(Span::raw(" "));
            let room = room.saturating_sub(unicode_width::UnicodeWidthStr::width(title.as_str()));
            if search.active() {
                // Marks only on the characters shown (not on the `…` of a cut title).
                let shown_chars = if title.len() == full.len() {
                    usize::MAX
                } else {
                    title.chars().count().saturating_sub(1)
                };
                let mut marks = search.query.title_marks(&full);
                marks.retain(|&m| m < shown_chars);
                spans.extend(rows::marked(&title, &marks, theme.matched()));
            } else {
                spans.push(Span::raw(title));
            }
            if !d.areas.is_empty() && room > 4 {
                let tags: Vec<String> = d.areas.iter().map(|a| format!("#{}", safe(a))).collect();
                spans.push(Span::styled(
                    rows::fit(&format!("  {}", tags.join(" ")), room),
                    theme.dim(),
                ));
            }
            vec![Line::from(spans)]
        },
    );
}
