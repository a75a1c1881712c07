//! The details of the selected deliverable, wrapped here (cell by cell, so CJK and emoji
//! never push the border) and scrolled within what there is to show.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::rows::{marked, wrap};
use super::status::whole_badge;
use super::theme::Theme;
use crate::app::{App, Editor};
use crate::model::SharedStr;
use crate::search::Query;
use crate::terminal_text::{Lines, clean, line as safe};
use crate::vocabulary::Pane;

const LABEL: usize = 9;

/// A labelled value; continuation lines are indented under the value.
pub(super) fn field<'a>(
    lines: &mut Vec<Line<'a>>,
    label: &str,
    value: &str,
    width: usize,
    theme: &Theme,
) {
    for (i, part) in wrap(value, width.saturating_sub(LABEL))
        .into_iter()
        .enumerate()
    {
        let head = if i == 0 {
            format!("{label:<LABEL$}")
        } else {
            " ".repeat(LABEL)
        };
        lines.push(Line::from(vec![
            Span::styled(head, theme.label()),
            Span::raw(part),
        ]));
    }
}

/// A wrapped line with the search's matches marked (each line on its own: a phrase cut by
/// the wrap is not marked).
fn marked_line(text: String, query: Option<&Query>, theme: &Theme) -> Line<'static> {
    match query {
        Some(q) => {
            let marks: Vec<usize> = q.text_marks(&text).into_iter().flatten().collect();
            Line::from(marked(&text, &marks, theme.matched()))
        }
        None => Line::raw(text),
    }
}

pub(super) fn section(
    lines: &mut Vec<Line<'_>>,
    label: &str,
    text: Option<&str>,
    width: usize,
    query: Option<&Query>,
    theme: &Theme,
) {
    let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
        return;
    };
    lines.push(Line::raw(""));
    lines.push(Line::styled(label.to_string(), theme.label()));
    lines.extend(
        wrap(&clean(text, Lines::Keep), width)
            .into_iter()
            .map(|l| marked_line(l, query, theme)),
    );
}

/// Draws the details; returns how far they can scroll at this size.
pub(crate) fn details(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) -> u16 {
    let focused = app.focus() == Pane::Details;
    let block = super::panes::pane_block(" Details ", focused, area.width, theme);
    let inner = block.inner(area);
    let width = inner.width as usize;
    let Some(d) = app.selected() else {
        Paragraph::new(Line::styled("No deliverable selected", theme.dim()))
            .block(block)
            .render(area, frame.buffer_mut());
        return 0;
    };
    let data = app.data();
    let query = Some(&app.search().query).filter(|_| app.search().active());
    let mut lines: Vec<Line> = wrap(&safe(&d.title), width)
        .into_iter()
        .map(|l| marked_line(l, query, theme).style(theme.title()))
        .collect();
    lines.extend(
        wrap(&safe(&d.id), width)
            .into_iter()
            .map(|l| Line::styled(l, theme.dim())),
    );
    lines.push(Line::raw(""));
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
    field(&mut lines, "Council", &council, width, theme);
    let areas: Vec<String> = d
        .areas
        .iter()
        .map(|a| {
            data.area(a)
                .map_or_else(|| safe(a).into_owned(), |x| safe(&x.name).into_owned())
        })
        .collect();
    if !areas.is_empty() {
        field(&mut lines, "Areas", &areas.join(", "), width, theme);
    }
    // The badge brings its own leading space in colour; the label is one shorter to align.
    let status_label = if theme.color {
        format!("{:<w$}", "Status", w = LABEL - 1)
    } else {
        format!("{:<LABEL$}", "Status")
    };
    lines.push(Line::from(vec![
        Span::styled(status_label, theme.label()),
        whole_badge(data, &d.status, theme),
    ]));
    if let Some(owner) = &d.owner {
        field(&mut lines, "Owner", &safe(owner), width, theme);
    }
    if let Some(due) = &d.due {
        field(&mut lines, "Due", &safe(due), width, theme);
    }
    // The deliverable's own source, else its council's.
    let own = d.source_url();
    let source = own.as_deref().or_else(|| {
        data.council(&d.council)
            .and_then(|c| c.source_url.as_deref())
    });
    if let Some(url) = source {
        field(&mut lines, "Source", &safe(url), width, theme);
    }
    if d.removed {
        field(
            &mut lines,
            "Removed",
            "yes (kept in the file, restorable)",
            width,
            theme,
        );
    }
    // The chain of carried-over deliverables, both ways.
    let named = |x: &crate::model::Deliverable| format!("{} ({})", safe(&x.title), safe(&x.id));
    if let Some(earlier) = &d.follows {
        let shown = app.figures().index_of(data, earlier).map_or_else(
            || safe(earlier).into_owned(),
            |i| named(&data.deliverables[i]),
        );
        field(&mut lines, "Follows", &shown, width, theme);
    }
    for later in app
        .figures()
        .followers(data, &d.id)
        .iter()
        .map(|&i| &data.deliverables[i])
    {
        field(
            &mut lines,
            "Followed",
            &format!("up by {}", named(later)),
            width,
            theme,
        );
    }
    section(
        &mut lines,
        "Description",
        d.description().as_deref(),
        width,
        query,
        theme,
    );
    section(
        &mut lines,
        "Evidence",
        d.evidence().as_deref().map(|e| format!("“{e}”")).as_deref(),
        width,
        query,
        theme,
    );
    section(
        &mut lines,
        "Notes",
        d.notes().as_deref(),
        width,
        query,
        theme,
    );
    if d.has_history() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!("History ({})", d.history_len),
            theme.label(),
        ));
        for h in d.history().iter().rev() {
            let text = |v: &Option<SharedStr>| safe(v.as_deref().unwrap_or("—")).into_owned();
            let at = h.at.as_deref().map_or_else(
                || "—".to_string(),
                |a| safe(&app.zone().dated(a)).into_owned(),
            );
            let long = matches!(h.field.as_deref(), Some("notes" | "description"));
            let mut entry = if long {
                // The lines added and removed, not both whole texts.
                let (removed, added) =
                    crate::report::lines_changed(h.from.as_deref(), h.to.as_deref());
                let mut entry = format!("{at} {}:", text(&h.field));
                for line in added {
                    entry.push_str(&format!("\n  + {}", safe(line)));
                }
                for line in removed {
                    entry.push_str(&format!("\n  − {}", safe(line)));
                }
                if h.to.is_none() {
                    entry.push_str(" removed");
                }
                entry
            } else if h.field.as_deref() == Some("note") {
                // A note alone, which follows: no values.
                format!("{at} note")
            } else {
                format!(
                    "{at} {}: {} → {}",
                    text(&h.field),
                    text(&h.from),
                    text(&h.to)
                )
            };
            if let Some(by) = &h.by {
                entry.push_str(&format!(" by {}", safe(by)));
            }
            if let Some(note) = &h.note {
                entry.push_str(&format!(" — {}", safe(note)));
            }
            lines.extend(wrap(&entry, width).into_iter().map(Line::raw));
        }
    }
    let max_scroll = lines
        .len()
        .saturating_sub(inner.height as usize)
        .min(u16::MAX as usize) as u16;
    Paragraph::new(lines)
        .block(block)
        .scroll((app.detail_scroll().min(max_scroll), 0))
        .render(area, frame.buffer_mut());
    max_scroll
}

/// The field editor, in place of the details.
pub(crate) fn editor(frame: &mut Frame, area: Rect, app: &App, editor: &Editor, theme: &Theme) {
    let title = app
        .figures()
        .index_of(app.data(), &editor.id)
        .map(|i| safe(&app.data().deliverables[i].title).into_owned())
        .unwrap_or_default();
    let keys = if editor.multi_line() {
        " Enter new line · Esc or Ctrl-s saves · Ctrl-g discards "
    } else {
        " Enter, Esc or Ctrl-s saves · Ctrl-g discards "
    };
    let block = Block::bordered()
        .title(Span::styled(
            super::rows::fit(
                &format!(" {} of {title} ", editor.field.key()),
                area.width.saturating_sub(2) as usize,
            ),
            theme.title(),
        ))
        .title_bottom(Line::styled(keys, theme.dim()))
        .border_style(theme.border(true));
    let inner = block.inner(area);
    block.render(area, frame.buffer_mut());
    frame.render_widget(&editor.area, inner);
}
