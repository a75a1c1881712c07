//! How a status is drawn, wherever it shows: its badge, its colour and fill character (both
//! from its category, a shade of its own within it), and how many cells each status gets in
//! a bar.

use ratatui::text::Span;

pub use super::theme::Look;
use super::theme::Theme;
use crate::model::{Category, Dataset, Status};
use crate::terminal_text::line as safe;

/// The look of the `i`th status of `statuses`.
pub fn look(statuses: &[Status], i: usize) -> Look {
    let category = statuses.get(i).map_or(Category::Open, |s| s.category);
    let shade = statuses
        .iter()
        .take(i)
        .filter(|s| s.category == category)
        .count();
    Look { category, shade }
}

/// The look of the status called `status` (a name the file does not list looks `open`).
pub fn look_of(data: &Dataset, status: &str) -> Look {
    match data.status_index(status) {
        Some(i) => look(&data.statuses, i),
        None => Look {
            category: Category::Open,
            shade: 0,
        },
    }
}

/// The status badge: the status's name (text, so colour is never the only signal).
pub(crate) fn badge<'a>(data: &Dataset, status: &str, theme: &Theme) -> Span<'a> {
    let width = data
        .status_names()
        .map(|s| s.chars().count())
        .max()
        .unwrap_or(4)
        .min(11);
    badge_of_width(data, status, width, theme)
}

/// The badge with the status's whole name, where there is room for it (the details).
pub(crate) fn whole_badge<'a>(data: &Dataset, status: &str, theme: &Theme) -> Span<'a> {
    badge_of_width(data, status, status.chars().count(), theme)
}

fn badge_of_width<'a>(data: &Dataset, status: &str, width: usize, theme: &Theme) -> Span<'a> {
    let look = look_of(data, status);
    let mut name: String = safe(status).chars().take(width).collect();
    while name.chars().count() < width {
        name.push(' ');
    }
    if theme.color {
        Span::styled(format!(" {name} "), theme.badge(look))
    } else {
        Span::styled(format!("[{name}]"), theme.badge(look))
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

/// The fill characters of each category for bars drawn without colour, lightest first: the
/// first status of a category gets the first, the next one the second, and so on.
fn family(category: Category) -> [char; 4] {
    match category {
        Category::Open => ['░', '○', ':', '◌'],
        Category::Active => ['▒', '▓', '≈', '◐'],
        Category::Done => ['█', '■', '●', '▮'],
        Category::Blocked => ['╳', '×', '!', '¦'],
        Category::Dropped => ['─', '╌', '-', '┄'],
    }
}

/// The fill character of each status (in `statuses` order) for bars drawn without colour:
/// one of its category's family (`░` open, `▒` active, `█` done, `╳` blocked, `─` dropped,
/// then the family's other shades), distinct for every status. Past a family's four, its
/// initial, or a symbol when that is taken.
pub fn fills(statuses: &[Status]) -> Vec<char> {
    const POOL: [char; 14] = [
        '▚', '◆', '●', '○', '■', '□', '▲', '+', '=', '#', '%', '*', '~', '^',
    ];
    let mut used: Vec<char> = Vec::new();
    let mut out = Vec::with_capacity(statuses.len());
    for (i, status) in statuses.iter().enumerate() {
        let shade = look(statuses, i).shade;
        let own = family(status.category).get(shade).copied();
        let initial = status
            .name
            .chars()
            .next()
            .filter(char::is_ascii_alphabetic)
            .map(|c| c.to_ascii_uppercase());
        let fill = [own, initial]
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

#[cfg(test)]
mod tests {
    use super::*;

    fn stated(names: &[(&str, Category)]) -> Vec<Status> {
        names
            .iter()
            .map(|&(name, category)| Status {
                name: name.to_string(),
                category,
                stated: true,
            })
            .collect()
    }

    #[test]
    fn fills_follow_the_category_and_differ_within_it() {
        use Category::*;
        let statuses = stated(&[
            ("parked", Blocked),
            ("idea", Open),
            ("shipped", Done),
            ("stalled", Blocked),
            ("agreed", Open),
            ("doing", Active),
            ("binned", Dropped),
            ("signed", Done),
        ]);
        assert_eq!(fills(&statuses), ['╳', '░', '█', '×', '○', '▒', '─', '■']);
    }

    /// However many statuses share a category, no two get one colour or one fill.
    #[test]
    fn many_statuses_of_one_category_all_look_different() {
        let theme = Theme { color: true };
        for category in Category::ALL {
            let names: Vec<String> = (0..40).map(|i| format!("s{i}")).collect();
            let statuses: Vec<Status> = names
                .iter()
                .map(|n| Status {
                    name: n.clone(),
                    category,
                    stated: true,
                })
                .collect();
            let colours: Vec<_> = (0..statuses.len())
                .map(|i| theme.status_color(look(&statuses, i)))
                .collect();
            for (i, c) in colours.iter().enumerate() {
                assert!(!colours[..i].contains(c), "{category}: {c:?} twice");
            }
            let mut fill = fills(&statuses);
            fill.sort_unstable();
            fill.dedup();
            assert_eq!(fill.len(), statuses.len(), "{category}");
        }
    }

    #[test]
    fn the_default_statuses_keep_their_colours() {
        let theme = Theme { color: true };
        let statuses: Vec<Status> = crate::model::DEFAULT_STATUSES
            .iter()
            .map(|s| Status::named(s))
            .collect();
        let colours: Vec<_> = (0..5)
            .map(|i| theme.status_color(look(&statuses, i)))
            .collect();
        use ratatui::style::Color;
        assert_eq!(
            colours,
            [
                Color::Blue,
                Color::Yellow,
                Color::Green,
                Color::Red,
                Color::DarkGray
            ]
        );
    }
}
