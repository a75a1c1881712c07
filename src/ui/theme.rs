//! Colours and styles. With `NO_COLOR` set, only bold, dim and reverse are used, and every
//! status still reads as text.

use ratatui::style::{Color, Modifier, Style};

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

    /// The colour of a status: known names get their usual colour, others one by position.
    pub(crate) fn status_color(&self, name: &str, index: usize) -> Color {
        match name {
            "planned" | "todo" | "open" => Color::Blue,
            "in_progress" | "doing" | "started" => Color::Yellow,
            "done" | "closed" | "complete" | "completed" => Color::Green,
            "blocked" => Color::Red,
            "dropped" | "cancelled" | "canceled" => Color::DarkGray,
            _ => [
                Color::Cyan,
                Color::Magenta,
                Color::LightBlue,
                Color::LightGreen,
            ][index % 4],
        }
    }

    pub(crate) fn badge(&self, name: &str, index: usize) -> Style {
        if self.color {
            Style::new()
                .fg(Color::Black)
                .bg(self.status_color(name, index))
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    pub(crate) fn bar(&self, name: &str, index: usize) -> Style {
        self.fg(self.status_color(name, index))
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
