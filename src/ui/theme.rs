//! Colours and styles. With `NO_COLOR` set, only bold, dim and reverse are used, and every
//! status still reads as text.

use ratatui::style::{Color, Modifier, Style};

use crate::model::Category;

/// How a status looks: its category, and which of that category's statuses it is (0 for the
/// first in file order), so that two statuses of one category never look the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    pub category: Category,
    pub shade: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to a non-empty value (no-color.org).
    pub fn from_env() -> Self {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    /// The colour of a status: its category's hue (blue open, yellow active, red blocked,
    /// green done, grey dropped), a shade of its own within it.
    pub(crate) fn status_color(&self, look: Look) -> Color {
        let shades: [Color; 6] = match look.category {
            Category::Open => [
                Color::Blue,
                Color::LightBlue,
                Color::Indexed(33),
                Color::Indexed(111),
                Color::Indexed(67),
                Color::Indexed(153),
            ],
            Category::Active => [
                Color::Yellow,
                Color::LightYellow,
                Color::Indexed(178),
                Color::Indexed(222),
                Color::Indexed(136),
                Color::Indexed(229),
            ],
            Category::Blocked => [
                Color::Red,
                Color::LightRed,
                Color::Indexed(160),
                Color::Indexed(210),
                Color::Indexed(124),
                Color::Indexed(217),
            ],
            Category::Done => [
                Color::Green,
                Color::LightGreen,
                Color::Indexed(34),
                Color::Indexed(114),
                Color::Indexed(28),
                Color::Indexed(157),
            ],
            Category::Dropped => [
                Color::DarkGray,
                Color::Gray,
                Color::Indexed(240),
                Color::Indexed(248),
                Color::Indexed(244),
                Color::Indexed(252),
            ],
        };
        shades.get(look.shade).copied().unwrap_or_else(|| {
            // Past six of one category: further steps of its hue, each one its own.
            let step = (look.shade * 37 % 176) as u8;
            match look.category {
                Category::Open => Color::Rgb(40, 60 + step / 2, 80 + step),
                Category::Active => Color::Rgb(80 + step, 70 + step, 0),
                Category::Blocked => Color::Rgb(80 + step, 20, 20),
                Category::Done => Color::Rgb(20, 80 + step, 40),
                Category::Dropped => Color::Rgb(60 + step, 60 + step, 60 + step),
            }
        })
    }

    pub(crate) fn badge(&self, look: Look) -> Style {
        if self.color {
            Style::new()
                .fg(Color::Black)
                .bg(self.status_color(look))
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    pub(crate) fn bar(&self, look: Look) -> Style {
        self.fg(self.status_color(look))
    }

    /// Matched characters of a search: underlined and bold, so they read without colour.
    pub(crate) fn matched(&self) -> Style {
        self.fg(Color::LightYellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub(crate) fn header(&self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    pub(crate) fn border(&self, focused: bool) -> Style {
        match (focused, self.color) {
            (true, true) => Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            (true, false) => Style::new().add_modifier(Modifier::BOLD),
            (false, _) => self.dim(),
        }
    }

    pub(crate) fn selected(&self, focused: bool) -> Style {
        match (focused, self.color) {
            (true, true) => Style::new()
                .bg(Color::Rgb(40, 60, 90))
                .add_modifier(Modifier::BOLD),
            (true, false) => Style::new().add_modifier(Modifier::REVERSED),
            // Another pane's selection: dimmed, so only one row stands out.
            (false, true) => Style::new()
                .bg(Color::Rgb(45, 45, 45))
                .add_modifier(Modifier::DIM),
            (false, false) => Style::new().add_modifier(Modifier::DIM),
        }
    }

    pub(crate) fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub(crate) fn label(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub(crate) fn key(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub(crate) fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// A warning that must stand out even without colour.
    pub(crate) fn error_badge(&self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    pub(crate) fn ok(&self) -> Style {
        self.fg(Color::Green)
    }

    pub(crate) fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
}
