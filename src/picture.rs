//! Pictures of the real screen: a ratatui buffer as an SVG image (colours, bold, underline,
//! wide characters), and the README's screens drawn by the app itself, so that a picture can
//! never show what the app does not.

use std::fmt::Write as _;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

use crate::app::App;
use crate::document::Document;
use crate::ui::{self, View, theme::Theme};

/// Cell size in pixels, and the font size that fills it.
const CELL_W: f32 = 8.4;
const CELL_H: f32 = 17.0;
const FONT_PX: f32 = 14.0;
const BACKGROUND: &str = "#1d1f21";
const FOREGROUND: &str = "#d8dee9";

/// The buffer as an SVG document: one rectangle per run of a background colour, one `<text>`
/// per line with a `<tspan>` per run of one style. Spaces are kept (`xml:space`), every cell
/// sits at its own column, and a wide character takes its two.
pub fn svg(buffer: &Buffer) -> String {
    let area = buffer.area;
    let (w, h) = (
        f32::from(area.width) * CELL_W,
        f32::from(area.height) * CELL_H,
    );
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{h:.0}" viewBox="0 0 {w:.1} {h:.1}" font-family="'DejaVu Sans Mono', 'Menlo', 'Consolas', monospace" font-size="{FONT_PX}" xml:space="preserve">"#
    );
    let _ = writeln!(
        out,
        r#"<rect width="100%" height="100%" fill="{BACKGROUND}"/>"#
    );
    for y in 0..area.height {
        // Backgrounds first, as runs of one colour; the second half of a wide character has
        // the background of its first half.
        let bg_at = |x: u16| {
            let wide_before =
                x > 0 && unicode_width::UnicodeWidthStr::width(buffer[(x - 1, y)].symbol()) > 1;
            let cell = if wide_before {
                &buffer[(x - 1, y)]
            } else {
                &buffer[(x, y)]
            };
            colour(cell.bg, false)
        };
        let mut x = 0;
        while x < area.width {
            let bg = bg_at(x);
            let start = x;
            while x < area.width && bg_at(x) == bg {
                x += 1;
            }
            if let Some(bg) = bg {
                let _ = writeln!(
                    out,
                    r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{CELL_H}" fill="{bg}"/>"#,
                    f32::from(start) * CELL_W,
                    f32::from(y) * CELL_H,
                    f32::from(x - start) * CELL_W
                );
            }
        }
        let baseline = f32::from(y) * CELL_H + CELL_H * 0.78;
        let mut line = String::new();
        for x in 0..area.width {
            let cell = &buffer[(x, y)];
            let symbol = cell.symbol();
            // Nothing to draw (a space, or the second half of a wide character).
            if symbol.trim().is_empty()
                || (x > 0 && unicode_width::UnicodeWidthStr::width(buffer[(x - 1, y)].symbol()) > 1)
            {
                continue;
            }
            let fg = colour(cell.fg, true).unwrap_or_else(|| FOREGROUND.to_string());
            let m = cell.modifier;
            let mut attrs = format!(r#" x="{:.1}" fill="{fg}""#, f32::from(x) * CELL_W);
            if m.contains(Modifier::BOLD) {
                attrs.push_str(r#" font-weight="bold""#);
            }
            if m.contains(Modifier::ITALIC) {
                attrs.push_str(r#" font-style="italic""#);
            }
            if m.contains(Modifier::UNDERLINED) {
                attrs.push_str(r#" text-decoration="underline""#);
            }
            if m.contains(Modifier::DIM) {
                attrs.push_str(r#" opacity="0.6""#);
            }
            let _ = write!(line, "<tspan{attrs}>{}</tspan>", escape(symbol));
        }
        if !line.is_empty() {
            let _ = writeln!(out, r#"<text y="{baseline:.1}">{line}</text>"#);
        }
    }
    out.push_str("</svg>\n");
    out
}

/// A colour as `#rrggbb`; `None` for the terminal's default (and, for backgrounds, black).
fn colour(c: Color, foreground: bool) -> Option<String> {
    const ANSI: [(u8, u8, u8); 16] = [
        (0x1d, 0x1f, 0x21),
        (0xcc, 0x66, 0x66),
        (0xb5, 0xbd, 0x68),
        (0xf0, 0xc6, 0x74),
        (0x81, 0xa2, 0xbe),
        (0xb2, 0x94, 0xbb),
        (0x8a, 0xbe, 0xb7),
        (0xc5, 0xc8, 0xc6),
        (0x96, 0x98, 0x96),
        (0xff, 0x33, 0x34),
        (0x9e, 0xc4, 0x00),
        (0xf0, 0xc6, 0x74),
        (0x81, 0xa2, 0xbe),
        (0xb7, 0x77, 0xe0),
        (0x54, 0xce, 0xd6),
        (0xff, 0xff, 0xff),
    ];
    let rgb = match c {
        Color::Reset => return None,
        Color::Black if !foreground => return None,
        Color::Rgb(r, g, b) => (r, g, b),
        Color::Indexed(i) => indexed(i, &ANSI),
        named => {
            let i = [
                Color::Black,
                Color::Red,
                Color::Green,
                Color::Yellow,
                Color::Blue,
                Color::Magenta,
                Color::Cyan,
                Color::Gray,
                Color::DarkGray,
                Color::LightRed,
                Color::LightGreen,
                Color::LightYellow,
                Color::LightBlue,
                Color::LightMagenta,
                Color::LightCyan,
                Color::White,
            ]
            .iter()
            .position(|&n| n == named)
            .unwrap_or(7);
            ANSI[i]
        }
    };
    Some(format!("#{:02x}{:02x}{:02x}", rgb.0, rgb.1, rgb.2))
}

/// The xterm 256-colour palette.
fn indexed(i: u8, ansi: &[(u8, u8, u8); 16]) -> (u8, u8, u8) {
    match i {
        0..=15 => ansi[usize::from(i)],
        16..=231 => {
            let n = i - 16;
            let level = |v: u8| if v == 0 { 0 } else { 55 + v * 40 };
            (level(n / 36), level((n / 6) % 6), level(n % 6))
        }
        _ => {
            let v = 8 + (i - 232) * 10;
            (v, v, v)
        }
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The README's screens of the bundled outcomes at 100x30, drawn by the app after the keys a
/// person would type: the main screen, a search, the dashboard. The clock is fixed so the
/// pictures only change when the app or the data does.
pub fn readme_screens() -> Vec<(&'static str, String)> {
    const NOW: &str = "2026-11-30T09:00:00Z";
    let screens: [(&str, &str); 3] = [
        ("main", "jj\r\r"),
        ("search", "/subm cab"),
        ("dashboard", "d"),
    ];
    screens
        .iter()
        .map(|&(name, keys)| {
            let Ok(doc) = Document::from_text(crate::store::BUNDLED.to_string()) else {
                return (name, String::new());
            };
            let mut app = App::new(doc, "outcomes.json".into(), false);
            app.set_started(NOW);
            type_keys(&mut app, keys);
            (name, draw(&app))
        })
        .collect()
}

fn draw(app: &App) -> String {
    svg(&buffer(app, true))
}

fn buffer(app: &App, color: bool) -> Buffer {
    let mut terminal = match Terminal::new(TestBackend::new(100, 30)) {
        Ok(t) => t,
        Err(e) => match e {},
    };
    let mut view = View::default();
    let theme = Theme { color };
    let _ = terminal.draw(|frame| ui::render(frame, app, &mut view, &theme));
    terminal.backend().buffer().clone()
}

/// The README's screen for readers without pictures: the search screen without colour
/// (`NO_COLOR=1`), as lines of text.
pub fn readme_text_screen() -> String {
    let Ok(doc) = Document::from_text(crate::store::BUNDLED.to_string()) else {
        return String::new();
    };
    let mut app = App::new(doc, "outcomes.json".into(), false);
    app.set_started("2026-11-30T09:00:00Z");
    type_keys(&mut app, "/ai safety\r2");
    // As the event loop reports the save of that edit.
    app.saved(Ok(()), "10:00:00");
    let b = buffer(&app, false);
    let mut out = String::new();
    for y in 0..b.area.height {
        let mut line = String::new();
        for x in 0..b.area.width {
            line.push_str(b[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Keys as a person types them, through the keymap (`\r` is Enter).
fn type_keys(app: &mut App, keys: &str) {
    const NOW: &str = "2026-11-30T09:00:00Z";
    for c in keys.chars() {
        let code = match c {
            '\r' => KeyCode::Enter,
            c => KeyCode::Char(c),
        };
        let key = KeyEvent::new(code, KeyModifiers::NONE);
        if let Some(action) = app.keymap().action_for(&key, app.mode()) {
            let _ = app.update(action, NOW);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    #[test]
    fn cells_keep_their_column_style_and_escapes() {
        let mut b = Buffer::empty(Rect::new(0, 0, 6, 1));
        b.set_string(0, 0, "<a>", Style::default().fg(Color::Red).bold());
        b.set_string(3, 0, "海", Style::default().bg(Color::Blue));
        let s = svg(&b);
        assert!(
            s.contains(r##"<tspan x="0.0" fill="#cc6666" font-weight="bold">&lt;</tspan>"##),
            "{s}"
        );
        assert!(
            s.contains(r##"<tspan x="16.8" fill="#cc6666" font-weight="bold">&gt;</tspan>"##),
            "{s}"
        );
        // The wide character takes two columns; its background covers both.
        assert!(
            s.contains(r##"<tspan x="25.2" fill="#d8dee9">海</tspan>"##),
            "{s}"
        );
        assert!(
            s.contains(r##"<rect x="25.2" y="0.0" width="16.8" height="17" fill="#81a2be"/>"##),
            "{s}"
        );
        assert!(s.starts_with("<svg ") && s.ends_with("</svg>\n"));
    }

    #[test]
    fn the_palette_has_its_cube_and_greys() {
        let ansi = [(0, 0, 0); 16];
        assert_eq!(indexed(16, &ansi), (0, 0, 0));
        assert_eq!(indexed(196, &ansi), (255, 0, 0));
        assert_eq!(indexed(244, &ansi), (128, 128, 128));
    }
}
