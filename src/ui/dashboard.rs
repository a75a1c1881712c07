//! The dashboard: overall progress, the status mix per council and per technology area as
//! stacked bars with their counts written on them, and the deliverables that are overdue.
//! Pure: it reads the dataset and the `today` it is given. The content is a list of row
//! descriptors; only the rows in the window are turned into text.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};
use unicode_width::UnicodeWidthStr;

use super::rows::fit;
use super::status::{badge, fills, look, segments};
use super::theme::Theme;
use crate::figures::{DashboardFigures, Figures, finished, settled_statuses};
use crate::model::Dataset;
use crate::terminal_text::line as safe;

/// The narrowest bar drawn beside its label; narrower, the bar goes under the label.
const MIN_BAR: usize = 20;
/// The fewest cells a council's or an area's name is cut to beside its bar.
const MIN_NAME: usize = 20;
/// From this inner width, councils and areas stand side by side.
const SIDE_BY_SIDE: usize = 110;
/// Between the two columns.
const GAP: usize = 3;
/// The due-date column of the overdue list (`YYYY-MM-DD`).
const DUE: usize = 10;

/// One bar of a status mix, `width` cells: a segment per status in file order, its count
/// written on it when it fits. In colour each segment is the status's colour; without, its
/// fill character (see `fills`), so the mix reads in monochrome.
fn bar(
    data: &Dataset,
    fill: &[char],
    counts: &[usize],
    width: usize,
    theme: &Theme,
) -> Vec<Span<'static>> {
    if counts.iter().sum::<usize>() == 0 {
        return vec![Span::styled("·".repeat(width), theme.dim())];
    }
    let mut spans = Vec::new();
    for (i, (&n, &cells)) in counts.iter().zip(&segments(counts, width)).enumerate() {
        if cells == 0 {
            continue;
        }
        let (style, glyph) = if theme.color {
            (theme.badge(look(&data.statuses, i)), ' ')
        } else {
            (Style::new(), fill[i])
        };
        let digits = n.to_string();
        let d = digits.len();
        // Without colour the count sits between fill characters of its own segment, so it
        // cannot be read as the neighbour's.
        let label = match (theme.color, cells) {
            (true, c) if c >= d + 2 => format!(" {digits} "),
            (true, c) if c >= d => digits,
            (false, c) if c >= d + 4 => format!(" {digits} "),
            (false, c) if c >= d + 2 => digits,
            _ => String::new(),
        };
        let left = (cells - label.len()) / 2;
        let right = cells - label.len() - left;
        let paint = |k: usize| Span::styled(glyph.to_string().repeat(k), style);
        if left > 0 {
            spans.push(paint(left));
        }
        if !label.is_empty() {
            spans.push(Span::styled(label, style.add_modifier(Modifier::BOLD)));
        }
        if right > 0 {
            spans.push(paint(right));
        }
    }
    spans
}

/// A bar or a legend sample: the status's colour, or its fill character.
fn sample(data: &Dataset, fill: &[char], i: usize, theme: &Theme) -> Span<'static> {
    if theme.color {
        Span::styled("  ", theme.badge(look(&data.statuses, i)))
    } else {
        Span::raw(fill[i].to_string().repeat(2))
    }
}

/// The legend: every status with its sample, its count and its category (unless the status
/// is called as its category is), packed into lines of `width`; then a line that says which
/// categories the file states and which come from the names.
fn legend(
    data: &Dataset,
    fill: &[char],
    counts: &[usize],
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let mut used = 0;
    for (i, status) in data.statuses.iter().enumerate() {
        let category = if status.name == status.category.name() {
            String::new()
        } else {
            format!(" ({})", status.category)
        };
        let text = fit(
            &format!(" {} {}{category}", safe(&status.name), counts[i]),
            width.saturating_sub(2),
        );
        let w = 2 + text.width();
        if used > 0 && used + 3 + w > width {
            lines.push(Line::from(std::mem::take(&mut spans)));
            used = 0;
        }
        if used > 0 {
            spans.push(Span::raw("   "));
            used += 3;
        }
        spans.push(sample(data, fill, i, theme));
        spans.push(Span::raw(text));
        used += w;
    }
    if !spans.is_empty() {
        lines.push(Line::from(spans));
    }
    lines.push(Line::styled(fit(&origins(data), width), theme.dim()));
    lines
}

/// Which categories the file states and which were inferred from the statuses' names.
fn origins(data: &Dataset) -> String {
    let inferred: Vec<&str> = data
        .statuses
        .iter()
        .filter(|s| !s.stated)
        .map(|s| s.name.as_str())
        .collect();
    let how = "state one with {\"name\": …, \"category\": …}";
    if inferred.is_empty() {
        "categories stated in the file".to_string()
    } else if inferred.len() == data.statuses.len() {
        format!("categories inferred from the names; {how}")
    } else {
        format!(
            "category from the name: {}; the others stated in the file",
            safe(&inferred.join(", "))
        )
    }
}

/// A council or an area with its status counts.
struct Group {
    name: String,
    date: Option<String>,
    counts: Vec<usize>,
}

/// The councils or the areas, laid out for one column width.
struct Section {
    title: String,
    groups: Vec<Group>,
    /// The label column (one-line rows) and the done/total column.
    label: usize,
    count: usize,
    /// A row is the label, then the bar under it.
    two_lines: bool,
}

impl Section {
    fn new(title: String, groups: Vec<Group>, data: &Dataset, col: usize) -> Self {
        let label = groups
            .iter()
            .map(|g| g.name.width() + g.date.as_ref().map_or(0, |d| 2 + d.width()))
            .max()
            .unwrap_or(0);
        let count = groups
            .iter()
            .map(|g| Self::progress(g, data).width())
            .max()
            .unwrap_or(0);
        // Beside the bar, long labels are cut to two fifths of the column, as long as the
        // names keep `MIN_NAME` cells; else each row is the label over its bar.
        let date = groups
            .iter()
            .filter_map(|g| g.date.as_ref().map(|d| 2 + d.width()))
            .max()
            .unwrap_or(0);
        let label = if label + 1 + MIN_BAR + 1 + count <= col {
            label
        } else {
            label.min(col * 2 / 5)
        };
        let name = groups.iter().map(|g| g.name.width()).max().unwrap_or(0);
        let two_lines = label + 1 + MIN_BAR + 1 + count > col
            || label.saturating_sub(date) < name.min(MIN_NAME);
        Section {
            title,
            groups,
            label,
            count,
            two_lines,
        }
    }

    fn progress(g: &Group, data: &Dataset) -> String {
        let finished = finished(data, &g.counts);
        format!("{finished}/{} done", g.counts.iter().sum::<usize>())
    }
}

/// What one line of the dashboard (or of one of its columns) shows.
#[derive(Debug, Clone, Copy)]
enum Part {
    Blank,
    Summary,
    Overall,
    Legend(usize),
    Heading(Which),
    /// The `line`th line of the `group`th row of a section.
    Group(Which, usize, usize),
    /// A section with nothing in it.
    Empty(Which),
    Late(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Which {
    Councils,
    Areas,
    Overdue,
}

#[derive(Debug, Clone, Copy)]
enum Row {
    Full(Part),
    Pair(Part, Part),
}

/// Everything the lines are built from.
struct Content<'a> {
    data: &'a Dataset,
    today: &'a str,
    theme: &'a Theme,
    fill: Vec<char>,
    totals: Vec<usize>,
    /// What the overdue list leaves out, as its heading says it.
    settled: String,
    councils: Section,
    areas: Section,
    late: Vec<usize>,
    /// How many of the area rows are areas Enter acts on (not "(no area)").
    area_targets: usize,
    legend: Vec<Line<'static>>,
    /// Inner width, and the width of a column (the inner width when stacked).
    width: usize,
    col: usize,
}

impl Content<'_> {
    fn section(&self, which: Which) -> &Section {
        match which {
            Which::Councils => &self.councils,
            _ => &self.areas,
        }
    }

    fn line(&self, part: Part, width: usize) -> Line<'static> {
        let theme = self.theme;
        match part {
            Part::Blank => Line::raw(""),
            Part::Summary => {
                let total: usize = self.totals.iter().sum();
                let finished = finished(self.data, &self.totals);
                let percent = (finished * 100).checked_div(total).unwrap_or(0);
                let mut spans = vec![
                    Span::styled("Overall  ", theme.label()),
                    Span::styled(
                        format!("{finished}/{total} done ({percent}%)"),
                        theme.title(),
                    ),
                ];
                if !self.late.is_empty() {
                    spans.push(Span::raw("  "));
                    spans.push(Span::styled(
                        format!(" {} overdue ", self.late.len()),
                        theme.error_badge(),
                    ));
                }
                spans.push(Span::styled(
                    format!("  today {}", safe(self.today)),
                    theme.dim(),
                ));
                clip(spans, width)
            }
            Part::Overall => Line::from(bar(self.data, &self.fill, &self.totals, width, theme)),
            Part::Legend(k) => self.legend.get(k).cloned().unwrap_or_default(),
            Part::Heading(which) => {
                let text = match which {
                    Which::Overdue => format!(
                        "Overdue ({}) · due before {}{}",
                        self.late.len(),
                        safe(self.today),
                        self.settled
                    ),
                    _ => self.section(which).title.clone(),
                };
                Line::styled(fit(&text, width), theme.label())
            }
            Part::Empty(which) => {
                let text = match which {
                    Which::Overdue => "  Nothing overdue",
                    Which::Councils => "  No councils",
                    Which::Areas => "  No technology areas",
                };
                Line::styled(fit(text, width), theme.dim())
            }
            Part::Group(which, g, k) => self.group_line(self.section(which), g, k, width),
            Part::Late(k) => self.late_line(k, width),
        }
    }

    fn group_line(&self, s: &Section, g: usize, k: usize, width: usize) -> Line<'static> {
        let theme = self.theme;
        let group = &s.groups[g];
        let progress = Section::progress(group, self.data);
        let progress = format!("{progress:>w$}", w = s.count);
        if s.two_lines && k == 1 {
            let mut spans = vec![Span::raw("  ")];
            spans.extend(bar(
                self.data,
                &self.fill,
                &group.counts,
                width.saturating_sub(2),
                theme,
            ));
            return Line::from(spans);
        }
        let label_room = if s.two_lines {
            width.saturating_sub(s.count + 1)
        } else {
            s.label.min(width)
        };
        let date = group.date.as_ref().map(|d| format!("  {d}"));
        let date_w = date.as_ref().map_or(0, |d| d.width());
        let name_room = label_room.saturating_sub(date_w);
        let name = fit(&group.name, name_room);
        let mut used = name.width();
        let mut spans = vec![Span::styled(name, theme.title())];
        if let Some(date) = date {
            // Beside their bars, the dates stand in a column.
            if !s.two_lines {
                spans.push(Span::raw(" ".repeat(name_room.saturating_sub(used))));
                used = name_room;
            }
            used += date_w;
            spans.push(Span::styled(date, theme.dim()));
        }
        spans.push(Span::raw(" ".repeat(label_room.saturating_sub(used))));
        spans.push(Span::raw(" "));
        if !s.two_lines {
            let bar_width = width.saturating_sub(s.label + 2 + s.count);
            spans.extend(bar(self.data, &self.fill, &group.counts, bar_width, theme));
            spans.push(Span::raw(" "));
        }
        spans.push(Span::raw(progress));
        clip(spans, width)
    }

    fn late_line(&self, k: usize, width: usize) -> Line<'static> {
        let theme = self.theme;
        let d = &self.data.deliverables[self.late[k]];
        let due = format!("{:<DUE$} ", safe(d.due.as_deref().unwrap_or("")));
        let badge = badge(self.data, &d.status, theme);
        // The council's short label: the title keeps the room.
        let council = self.data.council(&d.council).map_or_else(
            || safe(&d.council).into_owned(),
            |c| safe(&c.label()).into_owned(),
        );
        let rest = width.saturating_sub(DUE + 1 + badge.width() + 1);
        // The council gets a column of its own when there is room, at most a third.
        let council_w = if rest >= 40 {
            council.width().min(rest / 3)
        } else {
            0
        };
        let title_w = rest.saturating_sub(if council_w > 0 { council_w + 2 } else { 0 });
        let title = fit(&safe(&d.title), title_w);
        let pad = title_w.saturating_sub(title.width());
        let mut spans = vec![
            Span::styled(due, theme.error()),
            badge,
            Span::raw(" "),
            Span::raw(title),
        ];
        if council_w > 0 {
            spans.push(Span::raw(" ".repeat(pad + 2)));
            spans.push(Span::styled(fit(&council, council_w), theme.dim()));
        }
        clip(spans, width)
    }

    /// The rows of the whole dashboard, top to bottom.
    fn rows(&self) -> Vec<Row> {
        let mut rows = vec![Row::Full(Part::Summary), Row::Full(Part::Overall)];
        rows.extend((0..self.legend.len()).map(|k| Row::Full(Part::Legend(k))));
        rows.push(Row::Full(Part::Blank));
        // Overdue first when there is any: that is what a meeting acts on.
        if !self.late.is_empty() {
            rows.push(Row::Full(Part::Heading(Which::Overdue)));
            rows.extend((0..self.late.len()).map(|k| Row::Full(Part::Late(k))));
            rows.push(Row::Full(Part::Blank));
        }
        let parts = |which: Which| -> Vec<Part> {
            let s = self.section(which);
            let mut parts = vec![Part::Heading(which)];
            if s.groups.is_empty() {
                parts.push(Part::Empty(which));
            }
            let lines = if s.two_lines { 2 } else { 1 };
            for g in 0..s.groups.len() {
                parts.extend((0..lines).map(|k| Part::Group(which, g, k)));
            }
            parts
        };
        let (councils, areas) = (parts(Which::Councils), parts(Which::Areas));
        if self.col < self.width {
            let n = councils.len().max(areas.len());
            for k in 0..n {
                rows.push(Row::Pair(
                    councils.get(k).copied().unwrap_or(Part::Blank),
                    areas.get(k).copied().unwrap_or(Part::Blank),
                ));
            }
        } else {
            rows.extend(councils.into_iter().map(Row::Full));
            rows.push(Row::Full(Part::Blank));
            rows.extend(areas.into_iter().map(Row::Full));
        }
        if self.late.is_empty() {
            rows.push(Row::Full(Part::Blank));
            rows.push(Row::Full(Part::Heading(Which::Overdue)));
            rows.push(Row::Full(Part::Empty(Which::Overdue)));
        }
        rows
    }

    /// The target index (see `DashboardFigures::targets`) a part shows, if Enter acts on it.
    fn target_of(&self, part: Part) -> Option<usize> {
        let late = self.late.len();
        match part {
            Part::Late(k) => Some(k),
            Part::Group(Which::Councils, g, 0) => Some(late + g),
            Part::Group(Which::Areas, g, 0) if g < self.area_targets => {
                Some(late + self.councils.groups.len() + g)
            }
            _ => None,
        }
    }
}

/// What the overdue list leaves out, for its heading: the done and dropped categories, and
/// the statuses in them unless they are called just that.
fn left_out(data: &Dataset) -> String {
    let settled = settled_statuses(data);
    let plain = settled
        .iter()
        .all(|&name| data.category_of(name).name() == name);
    match settled.is_empty() {
        true => " (no status is done or dropped)".to_string(),
        false if plain => ", not done or dropped".to_string(),
        false => format!(", not done or dropped ({})", safe(&settled.join(", "))),
    }
}

/// `spans` cut to `width` cells (by cell width, so wide characters never cross the edge).
fn clip(spans: Vec<Span<'static>>, width: usize) -> Line<'static> {
    let mut out = Vec::with_capacity(spans.len());
    let mut used = 0;
    for span in spans {
        let w = span.width();
        if used + w <= width {
            used += w;
            out.push(span);
        } else {
            let room = width - used;
            if room > 0 {
                out.push(Span::styled(fit(&span.content, room), span.style));
            }
            break;
        }
    }
    Line::from(out)
}

fn render_line(line: Line<'_>, x: u16, y: u16, width: usize, buf: &mut Buffer) {
    line.render(Rect::new(x, y, width as u16, 1), buf);
}

/// Draws the dashboard in `area` with its first `scroll` lines scrolled away; returns how
/// far it can scroll at this size. `today` is `YYYY-MM-DD` (overdue means due before it).
pub fn render(
    frame: &mut Frame,
    area: Rect,
    data: &Dataset,
    today: &str,
    scroll: u16,
    theme: &Theme,
) -> u16 {
    let all = Figures::new(data);
    let figures = DashboardFigures::new(data, &all, None, today);
    let view = View {
        figures: &figures,
        scope: "everything",
        cursor: None,
    };
    draw(frame, area, data, view, today, scroll, theme)
}

/// What the app's dashboard covers and where its cursor is.
pub(crate) struct View<'a> {
    pub(crate) figures: &'a DashboardFigures,
    /// Said in the title (`everything`, `EU–JP 2 · /arctic`).
    pub(crate) scope: &'a str,
    /// The row Enter acts on (see `DashboardFigures::targets`).
    pub(crate) cursor: Option<usize>,
}

/// [`render`] with the figures already computed (the app keeps them between frames).
pub(crate) fn draw(
    frame: &mut Frame,
    area: Rect,
    data: &Dataset,
    view: View,
    today: &str,
    scroll: u16,
    theme: &Theme,
) -> u16 {
    let figures = view.figures;
    let block = Block::bordered()
        .title(Span::styled(
            fit(
                &format!(" Dashboard · {} ", safe(view.scope)),
                (area.width as usize).saturating_sub(2),
            ),
            theme.title(),
        ))
        .border_style(theme.border(true));
    let inner = block.inner(area);
    let width = inner.width as usize;
    let col = if width >= SIDE_BY_SIDE {
        (width - GAP) / 2
    } else {
        width
    };
    let counts = &figures.counts;
    let councils: Vec<Group> = figures
        .councils
        .iter()
        .map(|&i| Group {
            name: safe(&data.councils[i].name).into_owned(),
            date: data.councils[i]
                .date
                .as_deref()
                .map(|d| safe(d).into_owned()),
            counts: counts.per_council[i].clone(),
        })
        .collect();
    // Areas in file order; the deliverables in none in a row of their own.
    let mut areas: Vec<Group> = figures
        .areas
        .iter()
        .map(|&i| Group {
            name: safe(&data.areas[i].name).into_owned(),
            date: None,
            counts: counts.per_area[i].clone(),
        })
        .collect();
    let area_targets = areas.len();
    if let Some(none) = counts
        .per_area
        .get(data.areas.len())
        .filter(|c| c.iter().sum::<usize>() > 0)
    {
        areas.push(Group {
            name: "(no area)".into(),
            date: None,
            counts: none.clone(),
        });
    }
    let totals = counts.total.clone();
    let fill = fills(&data.statuses);
    let content = Content {
        data,
        today,
        theme,
        legend: legend(data, &fill, &totals, width, theme),
        fill,
        late: figures.overdue.clone(),
        area_targets,
        councils: Section::new(
            format!("By council ({})", figures.councils.len()),
            councils,
            data,
            col,
        ),
        areas: Section::new(
            format!("By technology area ({})", figures.areas.len()),
            areas,
            data,
            col,
        ),
        totals,
        settled: left_out(data),
        width,
        col,
    };
    let rows = content.rows();
    let height = inner.height as usize;
    // The cursor's row stays in view.
    let on_cursor = |part: Part| view.cursor.is_some() && content.target_of(part) == view.cursor;
    let scroll = match rows.iter().position(|r| match *r {
        Row::Full(p) => on_cursor(p),
        Row::Pair(l, r) => on_cursor(l) || on_cursor(r),
    }) {
        Some(at) => super::rows::window_start(rows.len(), at, height, scroll as usize) as u16,
        None => scroll,
    };
    let (block, start, max_scroll) =
        super::rows::scrolled(block, rows.len(), height, scroll, theme.dim());
    block.render(area, frame.buffer_mut());
    let buf = frame.buffer_mut();
    let chosen = theme.selected(true);
    for (y, row) in (inner.y..inner.bottom()).zip(&rows[start..]) {
        match *row {
            Row::Full(part) => {
                render_line(content.line(part, width), inner.x, y, width, buf);
                if on_cursor(part) {
                    buf.set_style(Rect::new(inner.x, y, width as u16, 1), chosen);
                }
            }
            Row::Pair(left, right) => {
                render_line(content.line(left, col), inner.x, y, col, buf);
                let x = inner.x + (col + GAP) as u16;
                let right_w = width.saturating_sub(col + GAP);
                render_line(content.line(right, right_w), x, y, right_w, buf);
                if on_cursor(left) {
                    buf.set_style(Rect::new(inner.x, y, col as u16, 1), chosen);
                }
                if on_cursor(right) {
                    buf.set_style(Rect::new(x, y, right_w as u16, 1), chosen);
                }
            }
        }
    }
    max_scroll
}
