//! Opening a link in the browser: the system's opener (`xdg-open`, `open`, `start`) through
//! the `open` crate, on a thread of its own so that the interface never waits for it.

use std::sync::mpsc::{Receiver, Sender, channel};

/// Opens links in the background; the failures come back to be said.
pub struct Opener {
    /// Each link that failed, with why.
    failed: Sender<Failure>,
    failures: Receiver<Failure>,
}

/// A link that could not be opened, and why.
type Failure = (String, String);

impl Default for Opener {
    fn default() -> Self {
        let (failed, failures) = channel();
        Opener { failed, failures }
    }
}

impl Opener {
    /// Starts opening `url`; returns at once.
    pub fn open(&self, url: String) {
        let failed = self.failed.clone();
        std::thread::spawn(move || {
            if let Err(e) = open::that_detached(&url) {
                let _ = failed.send((url, e.to_string()));
            }
        });
    }

    /// A link that could not be opened (and why), if one has failed since last asked.
    pub fn failure(&self) -> Option<(String, String)> {
        self.failures.try_recv().ok()
    }
}

/// The OSC 52 sequence that asks the terminal to put `text` on the clipboard (it works over
/// ssh; terminals may refuse it).
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(TABLE[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_as_the_standard_spells_it() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(osc52("hi"), "\x1b]52;c;aGk=\x07");
    }
}
