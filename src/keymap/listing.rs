//! The keys in force written out: as Markdown tables (the README's keys section is this
//! output) and as a complete, commented config file to start from.

use super::names::{Key, action_name, label};
use super::{Bound, Keymap};
use crate::vocabulary::Mode;
use crossterm::event::KeyCode;

/// What a mode is called in a heading.
fn mode_name(mode: Mode) -> &'static str {
    match mode {
        Mode::Browse => "the panes",
        Mode::Help => "the help",
        Mode::HelpFilter => "the help's filter",
        Mode::Search => "the search line",
        Mode::Prompt => "the \"write to\" prompt",
        Mode::Conflict => "a conflict",
        Mode::Edit => "the field editor",
        Mode::Form => "a form (add or edit)",
        Mode::Review => "the review of an imported readout",
        Mode::Confirm => "a yes/no question",
        Mode::Palette => "the command palette",
        Mode::Screen => "the dashboard",
        Mode::Changes => "the changes view",
    }
}

/// The heading a binding is listed under: where its keys work.
fn heading(modes: &[Mode]) -> String {
    if modes == super::table::ANY {
        return "Everywhere".into();
    }
    if modes.contains(&Mode::Browse) {
        return "In the panes".into();
    }
    let names: Vec<&str> = modes.iter().map(|&m| mode_name(m)).collect();
    let joined = match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.concat(),
    };
    format!("In {joined}")
}

/// The help text without the "in a conflict: " the heading already says.
fn what(help: &str) -> &str {
    match help.split_once(": ") {
        Some((mode, rest)) if mode.starts_with("in ") => rest,
        _ => help,
    }
}

/// How the config file writes a key (`ctrl-s`, `space`, `pgdn`), as `parse_key` reads it.
pub(crate) fn config_name(k: &Key) -> String {
    let base = match k.code {
        KeyCode::Char(' ') => "space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "enter".into(),
        KeyCode::Esc => "esc".into(),
        KeyCode::Tab => "tab".into(),
        KeyCode::BackTab => "shift-tab".into(),
        KeyCode::Backspace => "backspace".into(),
        KeyCode::Up => "up".into(),
        KeyCode::Down => "down".into(),
        KeyCode::Left => "left".into(),
        KeyCode::Right => "right".into(),
        KeyCode::Home => "home".into(),
        KeyCode::End => "end".into(),
        KeyCode::PageUp => "pgup".into(),
        KeyCode::PageDown => "pgdn".into(),
        KeyCode::F(n) => format!("f{n}"),
        other => format!("{other:?}").to_ascii_lowercase(),
    };
    if k.ctrl { format!("ctrl-{base}") } else { base }
}

/// A Markdown table cell: `|` would end it.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// One row of a table: the keys, what they do, and the action's name for the config file.
struct Row {
    keys: Vec<String>,
    what: &'static str,
    name: Option<&'static str>,
}

impl Keymap {
    /// The key tables, one per place where keys work, in the table's order. Keys that do the
    /// same thing are one row (the nine status numbers are `1` … `9`).
    pub fn markdown(&self) -> String {
        let mut sections: Vec<(String, Vec<Row>)> = Vec::new();
        for Bound { keys, binding } in self.bound.iter().filter(|b| !b.keys.is_empty()) {
            let title = heading(binding.modes);
            let what = what(binding.help);
            let labels: Vec<String> = keys.iter().map(label).collect();
            let panes = title == "In the panes";
            let rows = match sections.iter_mut().find(|(t, _)| *t == title) {
                Some((_, rows)) => rows,
                None => {
                    sections.push((title, Vec::new()));
                    &mut sections.last_mut().expect("just pushed").1
                }
            };
            match rows.last_mut() {
                Some(row) if row.what == what => row.keys.extend(labels),
                _ => rows.push(Row {
                    keys: labels,
                    what,
                    name: action_name(binding.action).filter(|_| panes),
                }),
            }
        }
        let mut out = String::new();
        for (title, rows) in sections {
            let panes = title == "In the panes";
            out.push_str(&format!("**{title}**\n\n"));
            out.push_str(if panes {
                "| keys | what they do | name in the config |\n| --- | --- | --- |\n"
            } else {
                "| keys | what they do |\n| --- | --- |\n"
            });
            for row in rows {
                let keys = if row.what.starts_with("set the Nth status") && row.keys.len() == 9 {
                    "`1` … `9`".to_string()
                } else {
                    row.keys
                        .iter()
                        .map(|k| format!("`{}`", cell(k)))
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                out.push_str(&format!("| {keys} | {} |", cell(row.what)));
                if panes {
                    let name = match row.name {
                        Some(_) if row.what.starts_with("set the Nth status") => {
                            "`status-1` … `status-9`".to_string()
                        }
                        Some(n) => format!("`{n}`"),
                        None => String::new(),
                    };
                    out.push_str(&format!(" {name} |"));
                }
                out.push('\n');
            }
            out.push('\n');
        }
        out.pop();
        out
    }

    /// A complete config file with the keys in force: every action of the panes that can be
    /// bound, each with what it does as a comment. Read back, it gives these same keys.
    pub fn config_file(&self, path: &str) -> String {
        let mut out = format!(
            "# councilor's settings, read from {path} when the terminal UI starts.\n\
             # Every line below is what is in force now; change what you want, delete the rest.\n\
             \n\
             # \"color\" or \"mono\" (NO_COLOR in the environment always means mono).\n\
             # theme = \"color\"\n\
             \n\
             # One key or several per action; a key given to one action is taken from the one\n\
             # that had it. Keys: a character, ctrl-x, space, enter, esc, tab, shift-tab,\n\
             # backspace, up, down, left, right, home, end, pgup, pgdn, f1 … f12.\n\
             [keys]\n"
        );
        let mut seen: Vec<&str> = Vec::new();
        for b in &self.bound {
            if !b.binding.modes.contains(&Mode::Browse) {
                continue;
            }
            let Some(name) = action_name(b.binding.action) else {
                continue;
            };
            if seen.contains(&name) {
                continue;
            }
            seen.push(name);
            let keys: Vec<String> = b
                .keys
                .iter()
                .map(|k| format!("{:?}", config_name(k)))
                .collect();
            let value = match keys.as_slice() {
                [one] => one.clone(),
                many => format!("[{}]", many.join(", ")),
            };
            out.push_str(&format!("# {}\n{name} = {value}\n", what(b.binding.help)));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keymap::parse_key;

    #[test]
    fn every_key_written_for_the_config_reads_back_as_itself() {
        for b in &Keymap::default().bound {
            for k in &b.keys {
                assert_eq!(parse_key(&config_name(k)).as_ref(), Ok(k), "{k:?}");
            }
        }
    }

    #[test]
    fn the_config_file_read_back_is_the_same_keymap_without_a_note() {
        let keymap = Keymap::default();
        let text = keymap.config_file("config.toml");
        let config = crate::config::parse(&text, "config.toml").expect("valid TOML");
        assert!(config.notes.is_empty(), "{:?}", config.notes);
        assert_eq!(config.keymap.markdown(), keymap.markdown());
        assert!(text.contains("\n# undo"), "{text}");
        assert!(text.contains("\nundo = \"u\"\n"), "{text}");
    }

    #[test]
    fn a_remapped_key_shows_in_the_tables() {
        let mut keymap = Keymap::default();
        let n = parse_key("n").unwrap();
        keymap.remap("next-status", &[n]).unwrap();
        let table = keymap.markdown();
        let row = table
            .lines()
            .find(|l| l.ends_with("`next-status` |"))
            .expect("a row for next-status");
        assert!(row.starts_with("| `n` |"), "{row}");
        assert!(table.starts_with("**In the panes**\n\n| keys |"), "{table}");
        assert!(table.contains("| `1` … `9` |"), "{table}");
    }
}
