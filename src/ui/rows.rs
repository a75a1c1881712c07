//! A scrolling window over a long list: only the visible rows are built and drawn.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// The first row to show so that `selected` is visible, moving as little as possible from
/// `previous` (so the list does not jump while someone reads it).
pub(crate) fn window_start(len: usize, selected: usize, visible: usize, previous: usize) -> usize {
    if visible == 0 || len <= visible {
        return 0;
    }
    let max_start = len - visible;
    let start = previous.min(max_start);
    if selected < start {
        selected
    } else if selected >= start + visible {
        selected + 1 - visible
    } else {
        start
    }
}

/// `s` cut to `width` terminal cells, ending in `…` when it was cut.
pub(crate) fn fit(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    if unicode_width::UnicodeWidthStr::width(s) <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// `text` broken into lines of at most `width` cells, at spaces where it can and inside
/// words where it must (CJK text has no spaces). Wide characters are never split.
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    let width = width.max(1);
    let mut out = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for word in paragraph.split_inclusive(' ') {
            let w = word.trim_end().width();
            if used > 0 && used + w > width {
                out.push(line.trim_end().to_string());
                line.clear();
                used = 0;
            }
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                if used + cw > width && used > 0 {
                    if c == ' ' {
                        continue;
                    }
                    out.push(std::mem::take(&mut line).trim_end().to_string());
                    used = 0;
                }
                line.push(c);
                used += cw;
            }
        }
        out.push(line.trim_end().to_string());
    }
    out
}

/// A scrolled window of `len` lines in a box `height` lines high: the first line shown, the
/// furthest it can scroll, and the box with a `↓ N more` mark when lines are left below.
pub(crate) fn scrolled<'a>(
    block: ratatui::widgets::Block<'a>,
    len: usize,
    height: usize,
    scroll: u16,
    dim: Style,
) -> (ratatui::widgets::Block<'a>, usize, u16) {
    let max_scroll = len.saturating_sub(height).min(u16::MAX as usize);
    let start = (scroll as usize).min(max_scroll);
    let block = if start + height < len {
        block.title_bottom(
            Line::styled(format!(" ↓ {} more ", len - start - height), dim).right_aligned(),
        )
    } else {
        block
    };
    (block, start, max_scroll as u16)
}

/// A box of `width` x `height` cells over `area`, centred across and placed down by
/// `vertical`, cleared so that what is under it does not show through.
pub(crate) fn popup(
    buf: &mut Buffer,
    area: Rect,
    width: u16,
    height: u16,
    vertical: ratatui::layout::Flex,
) -> Rect {
    use ratatui::layout::{Constraint, Flex, Layout};
    let [popup] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::vertical([Constraint::Length(height)])
        .flex(vertical)
        .areas(popup);
    ratatui::widgets::Clear.render(popup, buf);
    popup
}

/// The frame of a popup `width` cells wide: its title on top and the keys it takes at the
/// bottom, each cut to fit, in `keys` style, with a border in `border` style.
pub(crate) fn popup_frame(
    title: &str,
    keys: &str,
    width: u16,
    keys_style: Style,
    border: Style,
    theme: &super::theme::Theme,
) -> ratatui::widgets::Block<'static> {
    ratatui::widgets::Block::bordered()
        .title(Span::styled(
            fit(title, width.saturating_sub(4) as usize),
            theme.title(),
        ))
        .title_bottom(Line::styled(
            fit(keys, width.saturating_sub(2) as usize),
            keys_style,
        ))
        .border_style(border)
}

/// `text` as spans, the characters at `marks` (char indices, ascending) in `mark` style.
pub(crate) fn marked(text: &str, marks: &[usize], mark: Style) -> Vec<Span<'static>> {
    if marks.is_empty() {
        return vec![Span::raw(text.to_string())];
    }
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_marked = false;
    let mut next = marks.iter().peekable();
    for (i, c) in text.chars().enumerate() {
        while next.peek().is_some_and(|&&m| m < i) {
            next.next();
        }
        let is_marked = next.peek() == Some(&&i);
        if is_marked != run_marked && !run.is_empty() {
            let style = if run_marked { mark } else { Style::new() };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_marked = is_marked;
        run.push(c);
    }
    if !run.is_empty() {
        let style = if run_marked { mark } else { Style::new() };
        spans.push(Span::styled(run, style));
    }
    spans
}

/// Draws rows of `height` lines each, `first` being the first one to draw; `line_of(i)` builds
/// the lines of row `i` only for the rows that fit. Returns how many rows were drawn.
pub(crate) fn draw<'a>(
    area: Rect,
    buf: &mut Buffer,
    rows: std::ops::Range<usize>,
    height: u16,
    selected: Option<(usize, Style)>,
    mut lines_of: impl FnMut(usize) -> Vec<Line<'a>>,
) -> usize {
    let mut drawn = 0;
    let mut y = area.y;
    for i in rows {
        if y + height > area.bottom() {
            break;
        }
        let row = Rect::new(area.x, y, area.width, height);
        if let Some((sel, style)) = selected
            && sel == i
        {
            buf.set_style(row, style);
        }
        for (k, line) in lines_of(i).into_iter().take(height as usize).enumerate() {
            line.render(Rect::new(area.x, y + k as u16, area.width, 1), buf);
        }
        y += height;
        drawn += 1;
    }
    drawn
}

/// `↓ 3 more` (and `↑ 2 above`) on the bottom border of a pane whose list does not fit,
/// so rows out of view are never mistaken for the whole list.
pub(crate) fn more_hint(buf: &mut Buffer, outer: Rect, above: usize, below: usize, style: Style) {
    let mut parts = Vec::new();
    if above > 0 {
        parts.push(format!("↑ {above} above"));
    }
    if below > 0 {
        parts.push(format!("↓ {below} more"));
    }
    if parts.is_empty() || outer.height < 2 || outer.width < 6 {
        return;
    }
    let text = fit(
        &format!(" {} ", parts.join(" · ")),
        outer.width as usize - 4,
    );
    let width = unicode_width::UnicodeWidthStr::width(text.as_str()) as u16;
    let x = outer.right().saturating_sub(width + 2);
    Line::styled(text, style).render(Rect::new(x, outer.bottom() - 1, width, 1), buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces_and_inside_long_words_by_cells() {
        assert_eq!(wrap("one two three four", 9), ["one two", "three", "four"]);
        assert_eq!(wrap("abcdefghijkl", 5), ["abcde", "fghij", "kl"]);
        assert_eq!(
            wrap("日本語のテキスト", 5),
            ["日本", "語の", "テキ", "スト"]
        );
        assert_eq!(wrap("a\n\nb", 5), ["a", "", "b"]);
        for l in wrap("데이터 자유 유통 (DFFT) 실현을 위한 공동 작업반 🇯🇵🇪🇺", 7)
        {
            assert!(
                unicode_width::UnicodeWidthStr::width(l.as_str()) <= 7,
                "{l}"
            );
        }
    }

    #[test]
    fn marked_splits_by_characters() {
        let mark = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        let spans = marked("日本の量子技術", &[3, 4], mark);
        let parts: Vec<(&str, bool)> = spans
            .iter()
            .map(|s| (s.content.as_ref(), s.style == mark))
            .collect();
        assert_eq!(parts, [("日本の", false), ("量子", true), ("技術", false)]);
        assert_eq!(marked("ab", &[], mark).len(), 1);
        assert_eq!(marked("ab", &[0, 1, 7], mark).len(), 1);
    }

    #[test]
    fn fit_cuts_by_cells_and_marks_the_cut() {
        assert_eq!(fit("short", 10), "short");
        assert_eq!(fit("abcdefghij", 5), "abcd…");
        assert_eq!(
            fit("日本語テキスト", 6),
            "日本…",
            "wide characters count two cells"
        );
        assert_eq!(fit("日本語", 4), "日…");
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn the_window_follows_the_cursor_without_jumping() {
        assert_eq!(window_start(100, 0, 10, 0), 0);
        assert_eq!(window_start(100, 9, 10, 0), 0);
        assert_eq!(window_start(100, 10, 10, 0), 1);
        assert_eq!(
            window_start(100, 5, 10, 3),
            3,
            "stays put while the cursor is inside"
        );
        assert_eq!(window_start(100, 2, 10, 3), 2);
        assert_eq!(window_start(100, 99, 10, 0), 90);
        assert_eq!(window_start(5, 4, 10, 7), 0);
        assert_eq!(window_start(100, 50, 0, 7), 0);
    }
}
