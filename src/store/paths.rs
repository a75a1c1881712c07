//! The files and folders in the user's home: the default dataset and the settings.

use std::fs;

use std::path::{Path, PathBuf};

use super::{BUNDLED, SaveError, io_text, save_as, shown};

/// Where the user's settings live: `$XDG_CONFIG_HOME/councilor/config.toml`.
pub fn config_path() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("councilor").join("config.toml"))
}

/// The settings file's text, or `None` when there is none.
pub fn read_config(path: &Path) -> Result<Option<String>, String> {
    super::read_if_there(path)
}

/// Where `councilor` keeps its file when none is named: `$XDG_DATA_HOME/councilor/outcomes.json`
/// on Linux, the platform's data folder elsewhere.
pub fn default_path() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("councilor").join("outcomes.json"))
}

/// The default file, created from the bundled dataset the first time. The flag says whether
/// it was created now.
pub fn ensure_default() -> Result<(PathBuf, bool), String> {
    let path = default_path().ok_or(
        "no data folder is known for this user (set XDG_DATA_HOME or HOME), so name a FILE",
    )?;
    if path.exists() {
        return Ok((path, false));
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)
        .map_err(|e| format!("{}: cannot create the folder: {}", shown(dir), io_text(&e)))?;
    match save_as(&path, BUNDLED.as_bytes()) {
        // Another process created it at the same moment: use theirs.
        Ok(_) | Err(SaveError::AlreadyExists { .. }) => Ok((path, true)),
        Err(SaveError::Io { step, error, .. }) => Err(format!(
            "{}: cannot create ({step}: {})",
            shown(&path),
            io_text(&error)
        )),
        Err(e) => Err(e.to_string()),
    }
}
