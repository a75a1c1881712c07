//! Texts that are not datasets: a council's readout (from a file, or from standard input
//! when the path is `-`), and git's small files.

use std::io::Read;
use std::path::Path;

use super::{max_file_size, shown};

/// A small file's text, or `None` when there is none (a `.gitattributes`).
pub fn read_if_there(path: &Path) -> Result<Option<String>, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("{}: cannot be read: {e}", shown(path))),
    }
}

/// Writes a file that is not a dataset as it is (git's files: the merge driver's result,
/// `.gitattributes`): git gives and takes them as they are, so no lock beside them. A link, a
/// folder or a device at the path is refused and left untouched.
pub fn write_plain(path: &Path, bytes: &[u8]) -> Result<(), super::PlainError> {
    super::plain::write(path, bytes)
}

/// The text at `path` (`-`: standard input), as UTF-8; the message says why not.
pub fn read_text(path: &Path) -> Result<String, String> {
    let limit = max_file_size();
    let mut bytes = Vec::new();
    let (name, read) = if path == Path::new("-") {
        let got = std::io::stdin()
            .lock()
            .take(limit + 1)
            .read_to_end(&mut bytes);
        ("standard input".to_string(), got)
    } else {
        let got = std::fs::File::open(path).and_then(|f| f.take(limit + 1).read_to_end(&mut bytes));
        (shown(path), got)
    };
    read.map_err(|e| format!("cannot read {name}: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(format!("{name} is larger than {limit} bytes"));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{name} is not UTF-8 text (byte {} is not valid)",
            e.utf8_error().valid_up_to()
        )
    })
}
