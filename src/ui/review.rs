//! The review of a readout's proposals, drawn over the panes: the proposal shown (status,
//! title, areas, the heading it sits under, whether the file has it already) and its
//! sentence highlighted in its paragraph, with the count of what was decided.

use ratatui::Frame;
use ratatui::layout::{Flex, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::rows::{fit, popup_frame};
use super::theme::Theme;
use crate::app::{App, Decision};
use crate::terminal_text::line as safe;

/// Text of the readout on one line, safe for the terminal.
fn flat(text: &str) -> String {
    safe(&text.replace(['\r', '\n'], " ")).into_owned()
}

pub(crate) fn review(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(review) = app.review() else {
        return;
    };
    let width = area.width.saturating_sub(2).clamp(20, 100);
    let height = area.height.saturating_sub(2).max(3).min(area.height);
    let total = review.proposals.len();
    let title = format!(
        " Proposal {} of {total} · {} added · {} skipped · {} waiting ",
        (review.cursor + 1).min(total),
        review.count(Decision::Accepted),
        review.count(Decision::Skipped),
        review.count(Decision::Pending)
    );
    let keys = " Enter add · E edit · x skip · A add the rest · u undo · ↑↓ move · Esc close ";
    let block = popup_frame(&title, keys, width, theme.dim(), theme.border(true), theme);
    let popup = super::rows::popup(frame.buffer_mut(), area, width, height, Flex::Center);
    let inner = block.inner(popup);
    block.render(popup, frame.buffer_mut());
    let room = inner.width as usize;
    let Some(p) = review.shown() else {
        Paragraph::new(Line::styled(
            "The text holds no commitment to propose.",
            theme.dim(),
        ))
        .render(inner, frame.buffer_mut());
        return;
    };
    let decision = match (review.decisions[review.cursor], &p.present) {
        (Decision::Accepted, _) => Span::styled("added", theme.ok()),
        (Decision::Skipped, Some(id)) => Span::styled(
            format!("already in the file as {} (skipped)", safe(id)),
            theme.dim(),
        ),
        (Decision::Skipped, None) => Span::styled("skipped", theme.dim()),
        (Decision::Pending, _) => Span::styled("waiting", theme.key()),
    };
    let field = |label: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{label:<9}"), theme.label()),
            Span::raw(fit(&value, room.saturating_sub(9))),
        ])
    };
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{:<9}", "decision"), theme.label()),
            decision,
        ]),
        field("title", safe(&p.title).into_owned()),
        field("status", safe(&p.status).into_owned()),
        field(
            "areas",
            if p.areas.is_empty() {
                "(none)".to_string()
            } else {
                safe(&p.areas.join(", ")).into_owned()
            },
        ),
    ];
    if let Some(h) = &p.heading {
        lines.push(field("under", flat(h)));
    }
    lines.push(Line::raw(""));
    // The sentence in its paragraph.
    let text = &review.text;
    let para = p.paragraph.clone();
    let (before, sentence, after) = match (
        text.get(para.start..p.sentence.start),
        text.get(p.sentence.clone()),
        text.get(p.sentence.end..para.end),
    ) {
        (Some(b), Some(s), Some(a)) => (b, s, a),
        _ => ("", p.evidence.as_str(), ""),
    };
    // On a small screen the paragraph around the sentence gives way to the sentence.
    let rows_for = |t: &str| {
        let w = unicode_width::UnicodeWidthStr::width(t);
        w.div_ceil(room.max(1))
    };
    let whole = format!("{before}{sentence}{after}");
    let (before, after) = if lines.len() + rows_for(&flat(&whole)) > inner.height as usize {
        ("", "")
    } else {
        (before, after)
    };
    lines.push(Line::from(vec![
        Span::styled(flat(before), theme.dim()),
        Span::styled(
            flat(sentence),
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        ),
        Span::styled(flat(after), theme.dim()),
    ]));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, frame.buffer_mut());
}
