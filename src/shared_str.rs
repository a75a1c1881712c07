//! A string of the model that is, when it can be, a view into the text it was read from:
//! the file's text is held once (the document's pieces share the same buffer), and a field
//! written without escapes costs 16 bytes and no copy. A field with escapes, or one the
//! program makes, owns its text.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::{Deref, Range};
use std::sync::Arc;

/// Reads as a `str` (it derefs to one); compares, orders and hashes as its text.
#[derive(Clone)]
pub struct SharedStr {
    buf: Arc<String>,
    /// Where the text is in `buf`: positions past 4 GiB make an owned copy instead.
    start: u32,
    len: u32,
}

impl SharedStr {
    /// `buf[range]`, sharing `buf` (copied instead when `range` lies beyond 4 GiB).
    /// `range` must lie on character boundaries of `buf`; a range that does not (a bug of
    /// the caller) gives the empty string rather than a panic at each read.
    pub fn view(buf: &Arc<String>, range: Range<usize>) -> SharedStr {
        let Some(text) = buf.get(range.clone()) else {
            debug_assert!(false, "a view off the text's characters: {range:?}");
            return SharedStr::default();
        };
        match (u32::try_from(range.start), u32::try_from(range.len())) {
            (Ok(start), Ok(len)) => SharedStr {
                buf: Arc::clone(buf),
                start,
                len,
            },
            _ => SharedStr::from(text),
        }
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        let start = self.start as usize;
        // Unchecked, because a check reads the bytes at both ends: a search that asks for a
        // row's fields ahead of its turn would wait for them there.
        // SAFETY: `view` and `from` made the range from one that `buf.get` accepted (in
        // bounds, on character boundaries), and `buf` is never changed: it is only ever
        // shared, read-only, behind the `Arc`.
        unsafe { self.buf.get_unchecked(start..start + self.len as usize) }
    }

    /// The part `range` of this string (positions in it), sharing its buffer; the empty
    /// string when `range` is not on its characters.
    pub fn subview(&self, range: Range<usize>) -> SharedStr {
        if self.as_str().get(range.clone()).is_none() {
            return SharedStr::default();
        }
        let start = self.start as usize;
        SharedStr::view(&self.buf, start + range.start..start + range.end)
    }

    /// The buffer this is a view into, and where in it this string starts.
    pub fn buffer(&self) -> (&Arc<String>, usize) {
        (&self.buf, self.start as usize)
    }

    /// Whether this is a view into `buf` (no copy of its own).
    pub fn shares(&self, buf: &Arc<String>) -> bool {
        Arc::ptr_eq(&self.buf, buf)
    }
}

impl Default for SharedStr {
    fn default() -> Self {
        SharedStr::from(String::new())
    }
}

impl From<String> for SharedStr {
    fn from(text: String) -> Self {
        let len = text.len();
        match u32::try_from(len) {
            Ok(len) => SharedStr {
                buf: Arc::new(text),
                start: 0,
                len,
            },
            // A single value of 4 GiB or more: not something a dataset holds.
            Err(_) => SharedStr::from(String::from("(a value too long to hold)")),
        }
    }
}

impl From<&str> for SharedStr {
    fn from(text: &str) -> Self {
        SharedStr::from(text.to_string())
    }
}

impl From<&String> for SharedStr {
    fn from(text: &String) -> Self {
        SharedStr::from(text.as_str())
    }
}

impl From<std::borrow::Cow<'_, str>> for SharedStr {
    fn from(text: std::borrow::Cow<'_, str>) -> Self {
        SharedStr::from(text.into_owned())
    }
}

impl From<SharedStr> for String {
    fn from(text: SharedStr) -> Self {
        text.as_str().to_string()
    }
}

impl Deref for SharedStr {
    type Target = str;
    #[inline]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for SharedStr {
    #[inline]
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for SharedStr {
    #[inline]
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl serde::Serialize for SharedStr {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl fmt::Debug for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl PartialEq for SharedStr {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SharedStr {}

impl PartialEq<str> for SharedStr {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for SharedStr {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for SharedStr {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<SharedStr> for str {
    fn eq(&self, other: &SharedStr) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<SharedStr> for &str {
    fn eq(&self, other: &SharedStr) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<SharedStr> for String {
    fn eq(&self, other: &SharedStr) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialOrd for SharedStr {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SharedStr {
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for SharedStr {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn a_view_reads_its_part_of_the_text_and_shares_it() {
        let buf = Arc::new(String::from("{\"title\": \"Café talks\"}"));
        let title = SharedStr::view(&buf, 11..22);
        assert_eq!(title, "Café talks");
        assert!(title.shares(&buf));
        assert_eq!(size_of::<SharedStr>(), 16);
        assert_eq!(size_of::<Option<SharedStr>>(), 16);
    }

    #[test]
    fn it_compares_and_hashes_as_its_text() {
        let buf = Arc::new(String::from("ab"));
        let a = SharedStr::view(&buf, 0..1);
        let owned = SharedStr::from("a");
        assert_eq!(a, owned);
        assert!(a < SharedStr::view(&buf, 1..2));
        let mut map = HashMap::new();
        map.insert(owned, 1);
        assert_eq!(map.get("a"), Some(&1));
        assert_eq!(format!("{a} {a:?}"), "a \"a\"");
    }
}
