//! Fuzzy matching for completion and history search.
//!
//! JQL's own preferences come first (whole, prefix, word-start and substring matches, by
//! tier); a scattered subsequence is scored by `nucleo-matcher`, as the list's quick filter
//! is.
//!
//! A needle matches a haystack when its characters appear in the haystack in
//! order, ignoring case. Whole matches beat prefix matches, which beat
//! substrings at a word start, which beat runs at word starts (initials),
//! which beat other substrings, which beat scattered subsequences; among subsequences, characters at word starts and
//! runs of consecutive characters score higher.

use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// Score of an exact (case-insensitive) match.
pub const EXACT: i32 = 10_000;
/// Score of a prefix match.
pub const PREFIX: i32 = 8_000;
/// Score of a substring that starts at a word start.
pub const WORD_START: i32 = 6_000;
/// Score of word starts matched in order (`sp` in `Story Points`).
pub const INITIALS: i32 = 5_000;
/// Score of any other substring.
pub const SUBSTRING: i32 = 4_000;

/// How well `needle` matches `haystack`, higher is better; `None` when it
/// does not match at all. An empty needle matches everything with score 0.
pub fn score(needle: &str, haystack: &str) -> Option<i32> {
    if needle.is_empty() {
        return Some(0);
    }
    let hay: Vec<char> = haystack.chars().map(fold).collect();
    let pin: Vec<char> = needle.chars().map(fold).collect();
    if pin.len() > hay.len() {
        return None;
    }
    if pin == hay {
        return Some(EXACT);
    }
    if hay.starts_with(&pin) {
        return Some(PREFIX);
    }
    let raw: Vec<char> = haystack.chars().collect();
    let mut best_substring = None;
    for start in 1..=hay.len() - pin.len() {
        if hay[start..start + pin.len()] == pin[..] {
            let here = if is_word_start(&raw, start) {
                WORD_START
            } else {
                SUBSTRING - start.min(1000) as i32
            };
            best_substring = best_substring.max(Some(here));
            if here == WORD_START {
                break;
            }
        }
    }
    if best_substring.is_some() {
        return best_substring;
    }
    subsequence(needle, haystack, &raw)
}

/// Scores a subsequence match with `nucleo-matcher` (fzf's scoring: word starts, camelCase
/// humps and runs of consecutive characters score higher): between [`SUBSTRING`] and
/// [`WORD_START`] when every run of matched characters starts a word, else below
/// [`SUBSTRING`].
fn subsequence(needle: &str, haystack: &str, raw: &[char]) -> Option<i32> {
    let atom = Atom::new(
        needle,
        CaseMatching::Ignore,
        Normalization::Smart,
        AtomKind::Fuzzy,
        false,
    );
    let mut buf = Vec::new();
    let mut indices = Vec::new();
    let score = MATCHER.with(|m| {
        atom.indices(
            Utf32Str::new(haystack, &mut buf),
            &mut m.borrow_mut(),
            &mut indices,
        )
    })?;
    let score = i32::from(score);
    indices.sort_unstable();
    // Every run of matched characters starts a word ("sp" in "Story Points").
    let runs_at_words = indices.iter().enumerate().all(|(n, &i)| {
        let joined = n > 0 && indices[n - 1] + 1 == i;
        joined || is_word_start(raw, i as usize)
    });
    Some(if runs_at_words {
        (INITIALS + score.min(999)).clamp(SUBSTRING + 1, WORD_START - 1)
    } else {
        score.clamp(1, SUBSTRING - 1_001)
    })
}

thread_local! {
    /// The matcher's scratch memory (about 135 kB), made once per thread.
    static MATCHER: std::cell::RefCell<Matcher> =
        std::cell::RefCell::new(Matcher::new(Config::DEFAULT));
}

/// Lower-cases one character without allocating.
fn fold(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// Whether the character at `i` starts a word: the first character, one after
/// a separator, or an upper-case letter after a lower-case one (camelCase).
fn is_word_start(raw: &[char], i: usize) -> bool {
    let Some(&c) = raw.get(i) else {
        return false;
    };
    let Some(&before) = i.checked_sub(1).and_then(|j| raw.get(j)) else {
        return true;
    };
    !before.is_alphanumeric() || (c.is_uppercase() && before.is_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_exact_prefix_word_substring_subsequence() {
        let exact = score("status", "Status").expect("exact");
        let prefix = score("stat", "status").expect("prefix");
        let word = score("cat", "statusCategory").expect("word start");
        let sub = score("tus", "status").expect("substring");
        let seq = score("sts", "status").expect("subsequence");
        assert!(exact > prefix && prefix > word && word > sub && sub > seq);
        assert_eq!(score("xyz", "status"), None);
        assert_eq!(score("statuses", "status"), None);
        assert_eq!(score("", "anything"), Some(0));
    }

    #[test]
    fn word_starts_beat_scattered_letters() {
        let initials = score("sp", "Story Points").expect("initials");
        let scattered = score("sp", "resp").expect("scattered");
        assert!(initials > scattered);
        assert!(score("dd", "duedate").is_some());
        // The word-start preference must not lose a match.
        assert!(score("ac", "xabc a").is_some());
    }

    #[test]
    fn unicode_never_panics() {
        assert!(score("é", "Équipe").is_some());
        assert_eq!(score("ß", "x"), None);
        assert!(score("İ", "İstanbul").is_some());
    }
}
