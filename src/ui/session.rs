//! "Changes since": every history entry of the file recorded since a moment (today's local
//! midnight unless the person chose another start), grouped by council, then deliverable,
//! newest last, at local times with the zone. Pure: it reads the dataset and the period it
//! is given; only the lines in the window are built.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};
use unicode_width::UnicodeWidthStr;

use super::rows::fit;
use super::theme::Theme;
use crate::figures::{Figures, UNRECORDED, changed_since};
use crate::model::{Dataset, HistoryEntry, SharedStr};
use crate::terminal_text::line as safe;
use crate::zone::Zone;

/// The local time of an RFC 3339 time with its zone (`23:48 CET`); dated when `dated`.
fn clock(zone: &Zone, at: &str, dated: bool) -> String {
    let shown = if dated {
        zone.dated(at)
    } else {
        zone.short(at)
    };
    safe(&shown).into_owned()
}

/// Where the changes shown start: the moment (RFC 3339 UTC, compared with the file's
/// history) and how the heading names it (`today`, `this run`…).
#[derive(Debug, Clone, Copy)]
pub struct Period<'a> {
    pub since: &'a str,
    pub named: &'a str,
    pub zone: &'a Zone,
}

/// What one line shows.
#[derive(Debug, Clone, Copy)]
enum Row {
    Header,
    Blank,
    /// The council of the `k`th change.
    Council(usize),
    Change(usize),
}

/// Draws the changes since `since` in `area`, its first `scroll` lines scrolled away;
/// returns how far it can scroll at this size.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    data: &Dataset,
    period: Period,
    scroll: u16,
    theme: &Theme,
) -> u16 {
    let list = changed_since(data, period.since, period.zone);
    draw_list(frame, area, data, &list, period, scroll, theme)
}

/// [`render`] with the figures already computed (the app keeps them between frames).
pub(crate) fn draw(
    frame: &mut Frame,
    area: Rect,
    data: &Dataset,
    figures: &Figures,
    period: Period,
    scroll: u16,
    theme: &Theme,
) -> u16 {
    let list = figures.changed_since(data, period.since, period.zone);
    draw_list(frame, area, data, list, period, scroll, theme)
}

fn draw_list(
    frame: &mut Frame,
    area: Rect,
    data: &Dataset,
    list: &[(usize, usize)],
    period: Period,
    scroll: u16,
    theme: &Theme,
) -> u16 {
    let Period { since, named, zone } = period;
    let block = Block::bordered()
        .title(Span::styled(
            fit(
                &format!(" Changes since {} ", safe(named)),
                (area.width as usize).saturating_sub(2),
            ),
            theme.title(),
        ))
        .border_style(theme.border(true));
    let inner = block.inner(area);
    let width = inner.width as usize;
    // The day is shown too when the changes are not all on the (local) day they start.
    let day = zone.date_of(since);
    // (The list has each deliverable's changes together: its history is read once.)
    let mut read: Option<(usize, Vec<HistoryEntry>)> = None;
    let dated = list.iter().any(|&(d, h)| {
        if h == UNRECORDED {
            return false;
        }
        if read.as_ref().is_none_or(|(r, _)| *r != d) {
            read = Some((d, data.deliverables[d].history()));
        }
        read.as_ref()
            .and_then(|(_, history)| history.get(h)?.at.as_deref())
            .is_none_or(|at| zone.date_of(at) != day)
    });
    let mut rows = vec![Row::Header, Row::Blank];
    for k in 0..list.len() {
        let council = &data.deliverables[list[k].0].council;
        if k == 0 || data.deliverables[list[k - 1].0].council != *council {
            if k > 0 {
                rows.push(Row::Blank);
            }
            rows.push(Row::Council(k));
        }
        rows.push(Row::Change(k));
    }
    let height = inner.height as usize;
    let (block, start, max_scroll) =
        super::rows::scrolled(block, rows.len(), height, scroll, theme.dim());
    block.render(area, frame.buffer_mut());
    let since_shown = clock(zone, since, dated || day.is_none());
    let line = |row: Row| -> Line<'static> {
        match row {
            Row::Blank => Line::raw(""),
            Row::Header if list.is_empty() => Line::from(vec![
                Span::styled(format!("No changes since {}", safe(named)), theme.title()),
                Span::styled(format!(" ({since_shown})"), theme.dim()),
            ]),
            Row::Header => {
                let deliverables = {
                    let mut ds: Vec<usize> = list.iter().map(|&(d, _)| d).collect();
                    ds.dedup();
                    ds.len()
                };
                let plural = |n: usize, one: &str, many: &str| {
                    format!("{n} {}", if n == 1 { one } else { many })
                };
                Line::from(vec![
                    Span::styled(
                        format!(
                            "{} since {} ({since_shown})",
                            plural(list.len(), "change", "changes"),
                            safe(named)
                        ),
                        theme.title(),
                    ),
                    Span::styled(
                        format!(" · {}", plural(deliverables, "deliverable", "deliverables")),
                        theme.dim(),
                    ),
                ])
            }
            Row::Council(k) => {
                let id = &data.deliverables[list[k].0].council;
                let text = data.council(id).map_or_else(
                    || safe(id).into_owned(),
                    |c| match &c.date {
                        Some(date) => format!("{} ({})", safe(&c.name), safe(date)),
                        None => safe(&c.name).into_owned(),
                    },
                );
                Line::styled(fit(&text, width), theme.label())
            }
            Row::Change(k) => change_line(data, list[k], zone, dated, width, theme),
        }
    };
    let buf = frame.buffer_mut();
    for (y, &row) in (inner.y..inner.bottom()).zip(&rows[start..]) {
        line(row).render(Rect::new(inner.x, y, inner.width, 1), buf);
    }
    max_scroll
}

/// `  HH:MM  title (id)  field: from → to  — note`, fitted to `width`: the time and the
/// change always show; the title, then the note, take what is left.
fn change_line(
    data: &Dataset,
    (d, h): (usize, usize),
    zone: &Zone,
    dated: bool,
    width: usize,
    theme: &Theme,
) -> Line<'static> {
    let deliverable = &data.deliverables[d];
    if h == UNRECORDED {
        // Written by hand, with no history: agreed at the council that met in the period.
        // `new` stands where a time would: it shows however long the title.
        let column = clock(zone, "", dated).width().max(3);
        let text = format!(
            "  {:<column$}  {} ({})  (no history entry: its council met in the period)",
            "new",
            safe(&deliverable.title),
            safe(&deliverable.id)
        );
        return Line::styled(fit(&text, width), theme.title());
    }
    let history = deliverable.history();
    let Some(e) = history.get(h) else {
        return Line::raw("");
    };
    let time = format!("  {}  ", clock(zone, e.at.as_deref().unwrap_or(""), dated));
    let avail = width.saturating_sub(time.width());
    // Values (notes can be paragraphs) are cut to a fifth of the line each.
    let value_w = (avail / 5).max(8);
    let name = e.field.as_deref().unwrap_or("?");
    let mut field = format!("{}: ", safe(name));
    // Notes: what was added (or the new text), not the old paragraph again. An added
    // deliverable: what it was added with; a removal, a restoring or a note alone: just that
    // (the note follows).
    let (from, arrow, to) = match name {
        "notes" => {
            let change = crate::report::text_change(e.from.as_deref(), e.to.as_deref());
            (String::new(), "", fit(&safe(&change), value_w * 2))
        }
        "created" => {
            field = "added: ".to_string();
            let with = crate::report::added_text(data, deliverable);
            (String::new(), "", fit(&safe(&with), value_w * 3))
        }
        "removed" | "restored" | "note" => {
            field = safe(name).into_owned();
            (String::new(), "", String::new())
        }
        _ => {
            let shown = |v: &Option<SharedStr>| match v {
                None => "—".to_string(),
                Some(v) => fit(&safe(&crate::report::value_text(name, Some(v))), value_w),
            };
            (shown(&e.from), " → ", shown(&e.to))
        }
    };
    let change_w = field.width() + from.width() + arrow.width() + to.width();
    let note = e
        .note
        .as_deref()
        .map(|n| format!("  — {}", safe(n)))
        .unwrap_or_default();
    let title = safe(&deliverable.title).into_owned();
    let id = format!(" ({})", safe(&deliverable.id));
    let named_w = title.width() + id.width();
    let budget = avail.saturating_sub(change_w + 2);
    let named_room = if named_w + note.width() <= budget {
        named_w
    } else {
        named_w.min(budget.saturating_sub(note.width()).max(budget * 3 / 5))
    };
    let (title, id) = if named_room >= named_w {
        (title, id)
    } else if named_room >= id.width() + 8 {
        (fit(&title, named_room - id.width()), id)
    } else {
        (fit(&format!("{title}{id}"), named_room), String::new())
    };
    let shown_named = title.width() + id.width();
    let note = fit(&note, budget.saturating_sub(shown_named));
    let mut spans = vec![
        Span::styled(time, theme.dim()),
        Span::styled(title, theme.title()),
        Span::styled(id, theme.dim()),
        Span::raw("  "),
        Span::styled(field, theme.label()),
        Span::raw(from),
        Span::styled(arrow, theme.dim()),
        Span::raw(to),
    ];
    if !note.is_empty() {
        spans.push(Span::styled(note, theme.dim()));
    }
    // Narrower than the change itself: cut at the edge, by cells.
    let mut out = Vec::new();
    let mut used = 0;
    for span in spans {
        let w = span.width();
        if used + w > width {
            let room = width - used;
            if room > 0 {
                out.push(Span::styled(fit(&span.content, room), span.style));
            }
            break;
        }
        used += w;
        out.push(span);
    }
    Line::from(out)
}
