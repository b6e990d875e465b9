//! Fuzzy matching for completion and history search.
//!
//! A needle matches a haystack when its characters appear in the haystack in
//! order, ignoring case. Whole matches beat prefix matches, which beat
//! substrings at a word start, which beat runs at word starts (initials),
//! which beat other substrings, which beat scattered subsequences; among subsequences, characters at word starts and
//! runs of consecutive characters score higher.

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
    subsequence(&pin, &hay, &raw)
}

/// Scores a subsequence match: between [`SUBSTRING`] and [`WORD_START`] when
/// every run starts a word, else below [`SUBSTRING`].
/// Word starts are preferred; if that greedy choice fails, plain greedy
/// matching is tried.
fn subsequence(pin: &[char], hay: &[char], raw: &[char]) -> Option<i32> {
    scattered(pin, hay, raw, true).or_else(|| scattered(pin, hay, raw, false))
}

fn scattered(pin: &[char], hay: &[char], raw: &[char], prefer_words: bool) -> Option<i32> {
    let mut score = 1_000;
    let mut at = 0;
    let mut previous: Option<usize> = None;
    // Every run of matched characters starts a word ("sp" in "Story Points").
    let mut runs_at_words = true;
    for &p in pin {
        let next = (at..hay.len()).find(|&i| hay[i] == p)?;
        let consecutive = previous.is_some_and(|prev| next == prev + 1);
        let chosen = if consecutive || !prefer_words {
            next
        } else {
            (next..hay.len())
                .find(|&i| hay[i] == p && is_word_start(raw, i))
                .unwrap_or(next)
        };
        let joined = previous.is_some_and(|prev| chosen == prev + 1);
        if is_word_start(raw, chosen) {
            score += 30;
        } else if !joined {
            runs_at_words = false;
        }
        match previous {
            Some(_) if joined => score += 15,
            Some(prev) => score -= (chosen - prev).min(20) as i32,
            None => score -= chosen.min(20) as i32,
        }
        previous = Some(chosen);
        at = chosen + 1;
    }
    Some(if runs_at_words {
        (score + INITIALS - 1_000).clamp(SUBSTRING + 1, WORD_START - 1)
    } else {
        score.clamp(1, SUBSTRING - 1_001)
    })
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
