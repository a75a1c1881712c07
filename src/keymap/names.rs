//! Names: of the actions (for the config file and the command palette) and of keys
//! (`ctrl-s`, `space`, `pgdn`: for the config file; `Ctrl-s`, `Space`, `PgDn`: on screen).

use crossterm::event::KeyCode;

use crate::action::Action;
use crate::model::Editable;
use crate::vocabulary::Screen;

/// A key as bound: its code, and whether Ctrl is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Key {
    pub(crate) code: KeyCode,
    pub(crate) ctrl: bool,
}

const STATUS_N: [&str; 9] = [
    "status-1", "status-2", "status-3", "status-4", "status-5", "status-6", "status-7", "status-8",
    "status-9",
];

/// The name of an action of the panes, as the config file and the palette write it.
pub(crate) fn action_name(action: Action) -> Option<&'static str> {
    Some(match action {
        Action::Down => "down",
        Action::Up => "up",
        Action::Top => "top",
        Action::Bottom => "bottom",
        Action::PageUp => "page-up",
        Action::PageDown => "page-down",
        Action::NextPane => "next-pane",
        Action::PrevPane => "previous-pane",
        Action::Open => "open",
        Action::CycleStatus(1) => "next-status",
        Action::CycleStatus(_) => "previous-status",
        Action::SetStatus(n) => STATUS_N.get(n as usize)?,
        Action::Undo => "undo",
        Action::Redo => "redo",
        Action::Write => "write",
        Action::WriteAs => "write-to",
        Action::ToggleHelp => "help",
        Action::OpenSearch => "search",
        Action::Cancel => "cancel",
        Action::Quit => "quit",
        Action::ForceQuit => "quit-now",
        Action::Suspend => "suspend",
        Action::ToggleMark => "mark",
        Action::MarkAll => "mark-all",
        Action::Remove => "remove",
        Action::AddDeliverable => "add",
        Action::EditDeliverable => "edit",
        Action::CarryOver => "carry-over",
        Action::AddCouncil => "add-council",
        Action::EditField(Editable::Notes) => "edit-notes",
        Action::EditField(Editable::Owner) => "edit-owner",
        Action::EditField(Editable::Due) => "edit-due",
        Action::EditField(Editable::Status) => return None,
        Action::OpenPalette => "palette",
        Action::ShowScreen(Screen::Dashboard) => "dashboard",
        Action::ShowScreen(Screen::Changes) => "changes",
        Action::CycleSort => "sort",
        Action::OpenLink => "open-link",
        Action::Copy(false) => "copy-id",
        Action::Copy(true) => "copy-link",
        Action::Zoom => "zoom",
        _ => return None,
    })
}

// Not `crokey::parse`: it lowercases the whole name (`X` would bind `x`), takes one byte
// as a character (`ö` fails), has no `pgup`/`pgdn`/`return`/`escape`/`c-`, reads
// `shift-tab` as Shift+Tab, and accepts Alt, F13-F24 and key sequences, which are not bound.
/// Reads a key as the config file writes it: `x`, `X`, `ctrl-x`, `space`, `enter`, `esc`,
/// `tab`, `shift-tab`, `backspace`, `up`, `down`, `left`, `right`, `home`, `end`, `pgup`,
/// `pgdn`, `f1`…`f12`.
pub(crate) fn parse_key(spec: &str) -> Result<Key, String> {
    let lower = spec.to_ascii_lowercase();
    let (ctrl, rest) = match lower.strip_prefix("ctrl-").or(lower.strip_prefix("c-")) {
        Some(r) => (true, &spec[spec.len() - r.len()..]),
        None => (false, spec),
    };
    let named = match rest.to_ascii_lowercase().as_str() {
        "space" => Some(KeyCode::Char(' ')),
        "enter" | "return" => Some(KeyCode::Enter),
        "esc" | "escape" => Some(KeyCode::Esc),
        "tab" => Some(KeyCode::Tab),
        "shift-tab" | "backtab" => Some(KeyCode::BackTab),
        "backspace" => Some(KeyCode::Backspace),
        "up" => Some(KeyCode::Up),
        "down" => Some(KeyCode::Down),
        "left" => Some(KeyCode::Left),
        "right" => Some(KeyCode::Right),
        "home" => Some(KeyCode::Home),
        "end" => Some(KeyCode::End),
        "pgup" | "pageup" => Some(KeyCode::PageUp),
        "pgdn" | "pagedown" => Some(KeyCode::PageDown),
        f if f.len() > 1 && f.starts_with('f') => f[1..]
            .parse::<u8>()
            .ok()
            .filter(|n| (1..=12).contains(n))
            .map(KeyCode::F),
        _ => None,
    };
    let code = match named {
        Some(c) => c,
        None => {
            let mut chars = rest.chars();
            match (chars.next(), chars.next()) {
                // A control letter is the same key whatever its case.
                (Some(c), None) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
                (Some(c), None) if !c.is_control() => KeyCode::Char(c),
                _ => {
                    return Err(format!(
                        "{spec:?} is not a key (write e.g. \"x\", \"ctrl-x\", \"space\", \"pgdn\")"
                    ));
                }
            }
        }
    };
    Ok(Key { code, ctrl })
}

/// How a key is written in the help and the footer.
pub(crate) fn label(k: &Key) -> String {
    let base = match k.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Down => "↓".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if k.ctrl { format!("Ctrl-{base}") } else { base }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_read_as_written() {
        let k = |code, ctrl| Key { code, ctrl };
        assert_eq!(parse_key("x"), Ok(k(KeyCode::Char('x'), false)));
        assert_eq!(parse_key("X"), Ok(k(KeyCode::Char('X'), false)));
        assert_eq!(parse_key("ctrl-S"), Ok(k(KeyCode::Char('s'), true)));
        assert_eq!(parse_key("space"), Ok(k(KeyCode::Char(' '), false)));
        assert_eq!(parse_key("PgDn"), Ok(k(KeyCode::PageDown, false)));
        assert_eq!(parse_key("f5"), Ok(k(KeyCode::F(5), false)));
        assert_eq!(parse_key("ö"), Ok(k(KeyCode::Char('ö'), false)));
        assert!(parse_key("ctrl-").is_err());
        assert!(parse_key("hyper-x").is_err());
        assert!(parse_key("f13").is_err());
    }

    #[test]
    fn every_named_action_has_a_distinct_name() {
        let names: Vec<&str> = super::super::table::bindings()
            .filter_map(|b| action_name(b.action))
            .collect();
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        // Only the overlay and view copies of a few actions repeat (cancel, up, down…).
        assert!(unique.len() > 30, "{unique:?}");
    }
}
