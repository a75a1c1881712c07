//! Case-insensitive substring search without lowering whole texts: long descriptions are
//! scanned in place, so a keystroke allocates nothing per row.

use crate::model::letters;

/// A term ready for scanning: lower-cased, as chars too, and whether it is plain ASCII
/// (the fast path).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Needle {
    pub lower: String,
    chars: Vec<char>,
    ascii: bool,
    /// Matches must start a word (terms of one or two ASCII characters in long text).
    word_start: bool,
    /// The position of the needle's rarest letter: the scan jumps from one place where it
    /// stands to the next, which is far rarer than its first letter (`s`, `c`, `t`…).
    pivot: usize,
    /// The kinds of bytes the needle holds (`model::letters`); none when it is not ASCII,
    /// since a character beyond ASCII may lower-case to an ASCII letter it holds.
    letters: u64,
}

/// How common an ASCII byte is in English text (higher: more common).
fn commonness(b: u8) -> u8 {
    const ORDER: &[u8] = b"zqxjkvbpygfwmucldrhsnioate";
    match ORDER.iter().position(|&c| c == b.to_ascii_lowercase()) {
        Some(i) => i as u8 + 1,
        // Spaces are everywhere; digits and punctuation are rare.
        None if b == b' ' => 40,
        None => 0,
    }
}

impl Needle {
    pub fn new(term: &str, word_start: bool) -> Self {
        let lower = term.to_lowercase();
        let chars: Vec<char> = lower.chars().collect();
        let ascii = lower.is_ascii();
        // Word starts only mean something for scripts with spaces between words.
        let word_start = word_start && chars.first().is_some_and(char::is_ascii_alphanumeric);
        let pivot = lower
            .bytes()
            .enumerate()
            .min_by_key(|&(i, b)| (commonness(b), i))
            .map_or(0, |(i, _)| i);
        let letters = if ascii { letters(&lower) } else { 0 };
        Needle {
            lower,
            chars,
            ascii,
            word_start,
            pivot,
            letters,
        }
    }

    pub fn with_word_start(&self, word_start: bool) -> Self {
        Needle::new(&self.lower, word_start)
    }

    /// False when a text with these `letters` (`model::letters`) cannot hold the needle,
    /// neither in one piece nor scattered in order.
    pub fn may_be_in(&self, letters: u64) -> bool {
        self.letters & !letters == 0
    }

    /// Whether matches must start a word.
    pub fn word_start(&self) -> bool {
        self.word_start
    }

    /// How many characters the term has.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// True when the term's first character starts a word of `hay` (or a camelCase part)
    /// and the rest follow it in order: what a scattered match needs to read as an
    /// abbreviation ([`abbreviates`] wants its first run at a word start), so the fuzzy
    /// scorer is not asked about a field it would find only to be refused.
    pub fn in_order_from_word(&self, hay: &str) -> bool {
        let Some((&first, rest)) = self.chars.split_first() else {
            return true;
        };
        if self.ascii {
            // Byte by byte: a byte of a wider character counts as a word edge, which can
            // only let more fields through to the scorer, never fewer.
            let bytes = hay.as_bytes();
            let first = first as u8;
            let at = (0..bytes.len()).find(|&i| {
                let b = bytes[i];
                b.to_ascii_lowercase() == first
                    && (i == 0 || {
                        let before = bytes[i - 1];
                        !before.is_ascii_alphanumeric()
                            || !b.is_ascii_alphanumeric()
                            || (before.is_ascii_lowercase() && b.is_ascii_uppercase())
                    })
            });
            let Some(at) = at else {
                return false;
            };
            let mut after = bytes[at + 1..].iter();
            self.lower.as_bytes()[1..]
                .iter()
                .all(|&c| after.any(|h| h.to_ascii_lowercase() == c))
        } else {
            let mut previous: Option<char> = None;
            let mut chars = hay.chars();
            while let Some(c) = chars.next() {
                let camel = previous.is_some_and(char::is_lowercase) && c.is_uppercase();
                if lower(c) == first && (edge(previous, Some(c)) || camel) {
                    return rest.iter().all(|&n| chars.any(|h| lower(h) == n));
                }
                previous = Some(c);
            }
            false
        }
    }

    /// The byte offset of the first match in `hay`.
    pub fn find(&self, hay: &str) -> Option<usize> {
        self.find_from(hay, 0)
    }

    pub fn contains(&self, hay: &str) -> bool {
        self.find(hay).is_some()
    }

    /// Every match as `(byte start, byte end)`, not overlapping.
    pub fn find_all(&self, hay: &str) -> Vec<(usize, usize)> {
        self.matches(hay).collect()
    }

    /// The same, without collecting them (scoring a row allocates nothing).
    pub fn matches<'a>(&'a self, hay: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
        let mut from = 0;
        std::iter::from_fn(move || {
            let start = self.find_from(hay, from)?;
            let end = self.match_end(hay, start);
            from = end.max(start + 1);
            while from < hay.len() && !hay.is_char_boundary(from) {
                from += 1;
            }
            Some((start, end))
        })
    }

    fn find_from(&self, hay: &str, from: usize) -> Option<usize> {
        if self.chars.is_empty() || from > hay.len() {
            return None;
        }
        if self.ascii {
            let bytes = hay.as_bytes();
            let n = self.lower.as_bytes();
            if bytes.len() < n.len() {
                return None;
            }
            let last = bytes.len() - n.len();
            let p = self.pivot;
            let (lo, up) = (n[p], n[p].to_ascii_uppercase());
            let mut at = from;
            // memchr jumps to the next place where the rarest letter (either case) stands.
            while at <= last {
                let window = &bytes[at + p..=last + p];
                let found = if lo == up {
                    memchr::memchr(lo, window)
                } else {
                    memchr::memchr2(lo, up, window)
                };
                let i = at + found?;
                if bytes[i..i + n.len()].eq_ignore_ascii_case(n)
                    && (!self.word_start || starts_word(hay, i))
                {
                    return Some(i);
                }
                at = i + 1;
            }
            None
        } else {
            hay[from..]
                .char_indices()
                .map(|(i, _)| i + from)
                .find(|&i| self.matches_at(hay, i) && (!self.word_start || starts_word(hay, i)))
        }
    }

    fn matches_at(&self, hay: &str, at: usize) -> bool {
        let mut hay_chars = hay[at..].chars();
        self.chars
            .iter()
            .all(|&n| hay_chars.next().is_some_and(|c| lower(c) == n))
    }

    fn match_end(&self, hay: &str, start: usize) -> usize {
        hay[start..]
            .char_indices()
            .nth(self.chars.len())
            .map_or(hay.len(), |(i, _)| start + i)
    }
}

fn lower(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// Han and kana: written without spaces, so each character is taken as a word edge.
fn unspaced(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// True when `a` then `b` is a word edge.
fn edge(a: Option<char>, b: Option<char>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            !a.is_alphanumeric() || !b.is_alphanumeric() || unspaced(a) || unspaced(b)
        }
        _ => true,
    }
}

/// True when the text at byte `i` begins a word.
pub fn starts_word(hay: &str, i: usize) -> bool {
    // Between two ASCII bytes (most of the time), without decoding characters.
    if let (Some(&a), Some(&b)) = (hay.as_bytes().get(i.wrapping_sub(1)), hay.as_bytes().get(i))
        && a.is_ascii()
        && b.is_ascii()
    {
        return !a.is_ascii_alphanumeric() || !b.is_ascii_alphanumeric();
    }
    edge(hay[..i].chars().next_back(), hay[i..].chars().next())
}

/// True when the match `start..end` is a whole word.
pub fn whole_word(hay: &str, start: usize, end: usize) -> bool {
    // A word edge at the end is a word start there.
    starts_word(hay, start) && starts_word(hay, end)
}

/// Whether a scattered (fuzzy) match at char `indices` of `field` reads as an abbreviation
/// rather than letters picked from anywhere: its first run of letters starts a word, and it
/// has at most two runs or every run starts a word (`std` in standardisation, `semexp` in
/// Semiconductor expert; not `arctic` in "Common quAntum ReseaRCh Topics Identified").
pub fn abbreviates(field: &str, indices: &[usize]) -> bool {
    let mut runs = 0;
    let mut all_at_words = true;
    let mut first_at_word = false;
    let mut want = indices.iter().copied().peekable();
    let mut previous: Option<char> = None;
    let mut last_matched: Option<usize> = None;
    for (i, c) in field.chars().enumerate() {
        if want.peek() == Some(&i) {
            want.next();
            if last_matched != Some(i.wrapping_sub(1)) || i == 0 {
                let camel = previous.is_some_and(char::is_lowercase) && c.is_uppercase();
                let at_word = edge(previous, Some(c)) || camel;
                if runs == 0 {
                    first_at_word = at_word;
                }
                all_at_words &= at_word;
                runs += 1;
            }
            last_matched = Some(i);
        }
        previous = Some(c);
    }
    first_at_word && (runs <= 2 || all_at_words)
}

/// Converts byte ranges of `hay` into char ranges (what the screen counts in).
pub fn char_ranges(hay: &str, bytes: &[(usize, usize)]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut chars_before = 0;
    let mut at = 0;
    for &(start, end) in bytes {
        chars_before += hay[at..start].chars().count();
        let len = hay[start..end].chars().count();
        out.push(chars_before..chars_before + len);
        chars_before += len;
        at = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_ignores_case() {
        let n = Needle::new("Arctic", false);
        assert_eq!(n.find("via the ARCTIC sea"), Some(8));
        assert!(!n.contains("arcti"));
    }

    #[test]
    fn word_start_for_short_terms() {
        let n = Needle::new("ai", true);
        assert!(!n.contains("maintain"));
        assert_eq!(n.find("maintain (AI) rules"), Some(10));
        assert_eq!(n.find_all("AI and ai-pact"), vec![(0, 2), (7, 9)]);
    }

    #[test]
    fn non_ascii_and_cjk() {
        let n = Needle::new("ÉTÉ", false);
        assert_eq!(n.find("un été chaud"), Some(3));
        let cjk = Needle::new("量子", true);
        // CJK has no spaces: a match inside a run of ideographs still counts.
        assert_eq!(cjk.find("日本の量子技術"), Some(9));
        let ko = Needle::new("반도체", false);
        assert_eq!(
            ko.find_all("한-EU 반도체 연구 반도체"),
            vec![(7, 16), (24, 33)]
        );
    }

    #[test]
    fn char_ranges_count_characters_not_bytes() {
        let hay = "日本の量子技術と量子";
        let n = Needle::new("量子", false);
        let found = n.find_all(hay);
        assert_eq!(char_ranges(hay, &found), vec![3..5, 8..10]);
    }

    #[test]
    fn abbreviations_but_not_letters_from_anywhere() {
        // "st" + "d" in standardisation.
        assert!(abbreviates("6G standardisation", &[3, 4, 7]));
        // Word starts only: q + HPC.
        assert!(abbreviates("Hybrid quantum-HPC", &[7, 15, 16, 17]));
        // a (quAntum), rc (reseaRCh), t, i, c: five runs, the first inside a word.
        assert!(!abbreviates("Common quantum research", &[9, 20, 21]));
        assert!(!abbreviates("xabc", &[1, 2]));
        assert!(abbreviates("camelCase", &[0, 5]));
    }

    #[test]
    fn in_order_from_a_word_is_what_the_fuzzy_scorer_needs() {
        assert!(Needle::new("subm", false).in_order_from_word("Secure SUBMarine"));
        assert!(Needle::new("scb", false).in_order_from_word("submarine cables"));
        assert!(Needle::new("hpc", false).in_order_from_word("quantumHPC links"));
        assert!(!Needle::new("zcs", false).in_order_from_word("submarine cables"));
        // Its s starts no word: "scb" would be read from letters inside words.
        assert!(!Needle::new("ubc", false).in_order_from_word("submarine cables"));
        assert!(Needle::new("量技", false).in_order_from_word("日本の量子技術"));
        assert!(Needle::new("été", false).in_order_from_word("un Été chaud"));
        assert!(!Needle::new("té", false).in_order_from_word("un été chaud"));
    }

    /// Every field the fuzzy scorer finds as an abbreviation passes the test before it.
    #[test]
    fn no_abbreviation_is_lost_to_the_test_before_the_scorer() {
        use fuzzy_matcher::FuzzyMatcher;
        let matcher = fuzzy_matcher::skim::SkimMatcherV2::default().ignore_case();
        let doc = crate::document::Document::from_text(crate::generate::dataset(400, 3))
            .expect("a generated dataset");
        let data = doc.data();
        let fields: Vec<&str> = data
            .deliverables
            .iter()
            .flat_map(|d| [d.title.as_str(), &d.id, d.owner.as_deref().unwrap_or("")])
            .chain(data.councils.iter().flat_map(|c| [c.name.as_str(), &c.id]))
            .collect();
        let mut found = 0;
        for term in [
            "sub", "subm", "scab", "qhpc", "std", "ai", "eujp", "6g", "量子", "semexp",
        ] {
            let needle = Needle::new(term, false);
            for field in &fields {
                let abbreviation = matcher
                    .fuzzy_indices(field, &needle.lower)
                    .is_some_and(|(_, at)| abbreviates(field, &at));
                if abbreviation {
                    found += 1;
                    assert!(needle.in_order_from_word(field), "{term:?} in {field:?}");
                }
            }
        }
        assert!(found > 300, "{found}");
    }

    #[test]
    fn word_starts_between_ascii_bytes_are_the_word_edges_of_characters() {
        for hay in [
            "the AI Office",
            "a-b_c 6G/eu-jp",
            "été à l'œuvre",
            "日本の量子AI技術",
            "x",
        ] {
            for i in (0..=hay.len()).filter(|&i| hay.is_char_boundary(i)) {
                let by_chars = edge(hay[..i].chars().next_back(), hay[i..].chars().next());
                assert_eq!(starts_word(hay, i), by_chars, "{hay:?} at {i}");
            }
        }
    }

    #[test]
    fn whole_words() {
        assert!(whole_word("the AI Office", 4, 6));
        assert!(!whole_word("the AIs", 4, 6));
    }
}
