//! The user's settings: a TOML file in the config folder that remaps keys by action name and
//! picks a theme. A mistake is reported with the file and the place, before the terminal is
//! touched.
//!
//! ```toml
//! theme = "mono"            # or "color" (NO_COLOR in the environment always wins)
//! [keys]
//! next-status = "n"         # one key…
//! undo = ["u", "ctrl-z"]    # …or several; names as in the command palette (`:`)
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::keymap::{Keymap, parse_key};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    theme: Option<Spanned<String>>,
    #[serde(default)]
    keys: BTreeMap<Spanned<String>, Spanned<KeySpec>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum KeySpec {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Clone, Default)]
pub struct Config {
    pub keymap: Keymap,
    /// `Some(false)` for "mono", `Some(true)` for "color".
    pub color: Option<bool>,
    /// Things worth saying that are not errors (a key taken from another action).
    pub notes: Vec<String>,
}

/// `line:col` (1-based) of byte `at` in `text`.
fn place(text: &str, at: usize) -> String {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("{line}:{col}")
}

/// Reads a config file's text; `file` names it in messages.
pub fn parse(text: &str, file: &str) -> Result<Config, String> {
    let raw: Raw = toml::from_str(text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        format!("{file}:{}: {}", place(text, at), e.message())
    })?;
    let mut config = Config::default();
    if let Some(theme) = raw.theme {
        config.color = match theme.get_ref().as_str() {
            "color" | "colour" | "default" => Some(true),
            "mono" | "monochrome" | "none" => Some(false),
            other => {
                return Err(format!(
                    "{file}:{}: theme {other:?} is not known; use \"color\" or \"mono\"",
                    place(text, theme.span().start)
                ));
            }
        };
    }
    for (name, spec) in raw.keys {
        let specs = match spec.get_ref() {
            KeySpec::One(k) => vec![k.clone()],
            KeySpec::Many(ks) => ks.clone(),
        };
        let keys = specs
            .iter()
            .map(|k| parse_key(k))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| format!("{file}:{}: {e}", place(text, spec.span().start)))?;
        let notes = config
            .keymap
            .remap(name.get_ref(), &keys)
            .map_err(|e| format!("{file}:{}: {e}", place(text, name.span().start)))?;
        config.notes.extend(notes);
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;
    use crate::vocabulary::Mode;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    #[test]
    fn keys_and_theme_are_read() {
        let c = parse(
            "theme = \"mono\"\n[keys]\nnext-status = \"n\"\nundo = [\"u\", \"ctrl-z\"]\n",
            "c.toml",
        )
        .unwrap();
        assert_eq!(c.color, Some(false));
        let n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE);
        assert_eq!(
            c.keymap.action_for(&n, Mode::Browse),
            Some(Action::CycleStatus(1))
        );
        let z = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL);
        assert_eq!(c.keymap.action_for(&z, Mode::Browse), Some(Action::Undo));
        assert_eq!(c.notes, ["undo takes a key of suspend"]);
    }

    #[test]
    fn mistakes_name_the_file_and_the_place() {
        let e = parse("[keys]\nnext-status = \"n\"\nfly = \"f\"\n", "c.toml").unwrap_err();
        assert!(
            e.starts_with("c.toml:3:1: no action is called \"fly\""),
            "{e}"
        );
        let e = parse("[keys]\nundo = \"hyper-u\"\n", "c.toml").unwrap_err();
        assert!(e.starts_with("c.toml:2:8: \"hyper-u\" is not a key"), "{e}");
        let e = parse("theme = \"pink\"\n", "c.toml").unwrap_err();
        assert!(e.starts_with("c.toml:1:9: theme \"pink\""), "{e}");
        let e = parse("colour = 1\n", "c.toml").unwrap_err();
        assert!(e.starts_with("c.toml:1:1: unknown field"), "{e}");
        let e = parse("[keys\n", "c.toml").unwrap_err();
        assert!(e.starts_with("c.toml:1:"), "{e}");
    }

    #[test]
    fn an_empty_file_is_the_defaults() {
        let c = parse("", "c.toml").unwrap();
        assert_eq!(c.color, None);
        assert!(c.notes.is_empty());
    }
}
