//! How a status is drawn, wherever it shows: its badge, its fill character without colour,
//! and how many cells each status gets in a bar.

use ratatui::text::Span;

use super::theme::Theme;
use crate::model::Dataset;
use crate::terminal_text::line as safe;

/// The status badge: the status's name (text, so colour is never the only signal).
pub(crate) fn badge<'a>(data: &Dataset, status: &str, theme: &Theme) -> Span<'a> {
    let width = data
        .statuses
        .iter()
        .map(|s| s.chars().count())
        .max()
        .unwrap_or(4)
        .min(11);
    let index = data.status_index(status).unwrap_or(0);
    let mut name: String = safe(status).chars().take(width).collect();
    while name.chars().count() < width {
        name.push(' ');
    }
    if theme.color {
        Span::styled(format!(" {name} "), theme.badge(status, index))
    } else {
        Span::styled(format!("[{name}]"), theme.badge(status, index))
    }
}

/// How many cells each count gets in a bar `width` cells wide: the cells add up to `width`
/// exactly (largest remainder), and every non-zero count gets at least one cell. When there
/// are fewer cells than non-zero counts, the largest counts get one cell each (ties: the
/// earlier status).
pub fn segments(counts: &[usize], width: usize) -> Vec<usize> {
    let total: usize = counts.iter().sum();
    let mut cells = vec![0; counts.len()];
    if total == 0 || width == 0 {
        return cells;
    }
    let present: Vec<usize> = (0..counts.len()).filter(|&i| counts[i] > 0).collect();
    if width < present.len() {
        let mut order = present;
        order.sort_by(|&a, &b| counts[b].cmp(&counts[a]));
        for &i in order.iter().take(width) {
            cells[i] = 1;
        }
        return cells;
    }
    // remainder[i] / total is how far the cells are below the exact share (negative: above).
    let (total_i, width_i) = (total as i128, width as i128);
    let mut remainder = vec![0i128; counts.len()];
    for &i in &present {
        let exact = counts[i] as i128 * width_i;
        cells[i] = ((exact / total_i) as usize).max(1);
        remainder[i] = exact - cells[i] as i128 * total_i;
    }
    let mut used: usize = cells.iter().sum();
    while used < width {
        let i = present
            .iter()
            .copied()
            .reduce(|best, i| {
                if remainder[i] > remainder[best] {
                    i
                } else {
                    best
                }
            })
            .unwrap_or(0);
        cells[i] += 1;
        remainder[i] -= total_i;
        used += 1;
    }
    while used > width {
        // Only counts raised to their one cell can push the sum over; take back from the
        // most generously served of the others.
        let Some(i) = present
            .iter()
            .copied()
            .filter(|&i| cells[i] > 1)
            .reduce(|best, i| {
                if remainder[i] < remainder[best] {
                    i
                } else {
                    best
                }
            })
        else {
            break;
        };
        cells[i] -= 1;
        remainder[i] += total_i;
        used -= 1;
    }
    cells
}

/// The fill character of each status (in `statuses` order) for bars drawn without colour:
/// distinct for every status. Known names get a shade (`░` planned, `▒` in progress, `█`
/// done, `╳` blocked, `─` dropped); others their initial, or a symbol when it is taken.
pub fn fills(statuses: &[String]) -> Vec<char> {
    const POOL: [char; 14] = [
        '▚', '◆', '●', '○', '■', '□', '▲', '+', '=', '#', '%', '*', '~', '^',
    ];
    let mut used: Vec<char> = Vec::new();
    let mut out = Vec::with_capacity(statuses.len());
    for (i, status) in statuses.iter().enumerate() {
        let known = match status.as_str() {
            "planned" | "todo" | "open" => Some('░'),
            "in_progress" | "doing" | "started" => Some('▒'),
            "done" | "closed" | "complete" | "completed" => Some('█'),
            "blocked" => Some('╳'),
            "dropped" | "cancelled" | "canceled" => Some('─'),
            _ => None,
        };
        let initial = status
            .chars()
            .next()
            .filter(char::is_ascii_alphabetic)
            .map(|c| c.to_ascii_uppercase());
        let fill = [known, initial]
            .into_iter()
            .flatten()
            .chain(POOL)
            .find(|c| !used.contains(c))
            // More statuses than symbols: letters from the end of the alphabet down.
            .unwrap_or_else(|| {
                ('a'..='z')
                    .rev()
                    .find(|c| !used.contains(c))
                    .unwrap_or(char::from_u32(0x2460 + i as u32).unwrap_or('?'))
            });
        used.push(fill);
        out.push(fill);
    }
    out
}
