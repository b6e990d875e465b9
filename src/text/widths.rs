//! Characters whose width a terminal and `unicode-width` disagree on, which the sanitiser
//! treats like control characters: a character drawn one column wider or narrower than
//! ratatui counted shifts the rest of its line (borders misalign, fragments stay behind).
//!
//! What is decided here, and why:
//! - **Line and paragraph separators** (U+2028, U+2029): some terminals move to a new line,
//!   others draw nothing or a box. The sanitiser makes them a newline where newlines are kept,
//!   else a space.
//! - **Format characters** (general category Cf) other than the joiners: zero columns to
//!   `unicode-width`, but a soft hyphen is one column in xterm and glibc, Egyptian format
//!   controls and Kaithi number signs are one to `unicode-width` and zero to terminals, and
//!   the tag characters of flag sequences are drawn by few. They carry no text: dropped.
//!   (Bidirectional controls, also Cf, are dropped for reordering text.)
//! - **Hangul fillers** (U+115F, U+1160, U+3164, U+FFA0): invisible, and zero or two columns
//!   depending on whom you ask. Dropped.
//! - **Unassigned default-ignorable code points** and **noncharacters**: zero or one column to
//!   `unicode-width`, unknown to terminals (often drawn as a box). Dropped.
//! - **Halfwidth katakana sound marks** (U+FF9E, U+FF9F): one column to `unicode-width`, while
//!   ratatui adds one for them (two) and terminals draw one. They become the standalone marks
//!   U+309B / U+309C, two columns everywhere.
//! - **Sequences** that `unicode-width` measures as a whole but terminals measure character by
//!   character (wcwidth): emoji ZWJ sequences, emoji presentation (VS16) and modifier
//!   sequences, keycaps, Lam-Alef and the other ligatures of `unicode-width`'s rules. A string
//!   whose width is not the sum of its characters' widths is rebuilt: a joiner or selector that
//!   changes the width is dropped, and a zero-width non-joiner (U+200C, zero columns
//!   everywhere) is put between two characters that would otherwise fuse. A family emoji
//!   then shows as its members, a red heart in text style — the same columns in every
//!   terminal.
//! - **Kept**: zero-width joiners and non-joiners that change no width (Indic and Arabic
//!   shaping), combining marks (at most [`MAX_MARKS`] on one character: "Zalgo" text piles
//!   hundreds, which terminals cap anyway), private-use characters (one column in both; icon
//!   fonts may draw wider but the cursor moves one), and unassigned code points (one column to
//!   both today; one a later Unicode makes wide is a version skew no table on this side can
//!   know of).

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Zero-width characters kept after one character; more are dropped.
pub const MAX_MARKS: usize = 8;

/// Whether `c` is dropped for its disputed width (see the module documentation).
pub fn is_disputed(c: char) -> bool {
    matches!(
        c,
        // Format characters, the joiners U+200C/U+200D excepted (bidi controls apart).
        '\u{ad}'
            | '\u{600}'..='\u{605}'
            | '\u{6dd}'
            | '\u{70f}'
            | '\u{890}'..='\u{891}'
            | '\u{8e2}'
            | '\u{180e}'
            | '\u{200b}'
            | '\u{2060}'..='\u{2065}'
            | '\u{206a}'..='\u{206f}'
            | '\u{feff}'
            | '\u{fff0}'..='\u{fffb}'
            | '\u{110bd}'
            | '\u{110cd}'
            | '\u{13430}'..='\u{1345f}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0000}'..='\u{e0fff}'
            // Hangul fillers.
            | '\u{115f}'
            | '\u{1160}'
            | '\u{3164}'
            | '\u{ffa0}'
            // Noncharacters.
            | '\u{fdd0}'..='\u{fdef}'
    ) || (c as u32 & 0xfffe) == 0xfffe
}

/// What the sanitiser puts for `c` instead of itself, if anything (separators, sound marks).
pub fn replacement(c: char, keep_newlines: bool) -> Option<char> {
    match c {
        '\u{2028}' | '\u{2029}' => Some(if keep_newlines { '\n' } else { ' ' }),
        '\u{ff9e}' => Some('\u{309b}'),
        '\u{ff9f}' => Some('\u{309c}'),
        _ => None,
    }
}

/// Whether `s` is as wide as the sum of its characters (newlines count nothing).
pub fn is_consistent(s: &str) -> bool {
    s.split('\n').all(|line| {
        let sum: usize = line.chars().map(|c| c.width().unwrap_or(0)).sum();
        line.width() == sum
    })
}

/// Characters looked back at when checking one more: enough for every rule of
/// `unicode-width` once marks are capped at [`MAX_MARKS`].
const WINDOW: usize = MAX_MARKS + 8;

/// `s` rebuilt so that it is as wide as the sum of its characters: a zero-width character
/// that changes the width of what comes before is dropped, and U+200C goes between two
/// characters that would fuse. Linear: each character is measured against the few before it.
pub fn make_consistent(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    // Byte offsets in `out` of the last characters, at most WINDOW.
    let mut starts: std::collections::VecDeque<usize> = std::collections::VecDeque::new();
    let mut probe = String::new();
    let push = |out: &mut String, starts: &mut std::collections::VecDeque<usize>, c: char| {
        if starts.len() == WINDOW {
            starts.pop_front();
        }
        starts.push_back(out.len());
        out.push(c);
    };
    for c in s.chars() {
        if c == '\n' {
            out.push('\n');
            starts.clear();
            continue;
        }
        let width = c.width().unwrap_or(0);
        let tail = &out[starts.front().copied().unwrap_or(out.len())..];
        let before = tail.width();
        probe.clear();
        probe.push_str(tail);
        probe.push(c);
        if probe.width() == before + width {
            push(&mut out, &mut starts, c);
            continue;
        }
        if width == 0 {
            // A joiner or selector that would change the width: dropped.
            continue;
        }
        // A joiner or selector before `c` that makes it fuse (an emoji ZWJ sequence): dropped.
        let mut dropped = false;
        while out.ends_with(['\u{200d}', '\u{fe0e}', '\u{fe0f}']) {
            out.pop();
            starts.pop_back();
            dropped = true;
        }
        if dropped {
            let tail = &out[starts.front().copied().unwrap_or(out.len())..];
            let before = tail.width();
            probe.clear();
            probe.push_str(tail);
            probe.push(c);
            if probe.width() == before + width {
                push(&mut out, &mut starts, c);
                continue;
            }
        }
        let tail = &out[starts.front().copied().unwrap_or(out.len())..];
        let before = tail.width();
        probe.clear();
        probe.push_str(tail);
        probe.push('\u{200c}');
        probe.push(c);
        if probe.width() == before + width {
            push(&mut out, &mut starts, '\u{200c}');
            push(&mut out, &mut starts, c);
        } else {
            push(&mut out, &mut starts, '\u{fffd}');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None,
            ..ProptestConfig::default() })]

        /// Whatever mix of sequence parts comes in, what the sanitiser lets out is as wide as
        /// its characters and holds nothing of disputed width.
        #[test]
        fn sanitised_text_is_as_wide_as_its_characters(
            s in "[a-z \u{644}\u{627}\u{5d0}\u{5dc}\u{200d}\u{200c}\u{fe0f}\u{fe0e}\u{301}\u{64e}\u{1f468}\u{1f469}\u{2764}\u{1f44d}1\u{20e3}\u{1f3fd}\u{2028}\u{2029}\u{ad}\u{2d31}\u{2d7f}\u{17d2}\u{1780}\u{a4f8}\u{a4fc}\u{2018}\u{fe01}\u{ff9e}\u{1f1eb}\u{1f1f7}\u{e0067}\u{3164}\n]{0,48}"
        ) {
            for out in [crate::text::sanitize(&s), crate::text::sanitize_line(&s)] {
                prop_assert!(is_consistent(&out), "{}", out.escape_unicode());
                prop_assert!(
                    !out.contains(|c| c != '\n' && crate::text::sanitize::is_unsafe(c)),
                    "{}",
                    out.escape_unicode()
                );
            }
        }
    }

    #[test]
    fn sequences_become_their_characters() {
        let family = "👨\u{200d}👩\u{200d}👧";
        assert!(!is_consistent(family));
        assert_eq!(make_consistent(family), "👨👩👧");
        assert_eq!(make_consistent("❤\u{fe0f} ok"), "❤ ok");
        assert_eq!(make_consistent("1\u{fe0f}\u{20e3}"), "1\u{20e3}");
        assert_eq!(make_consistent("👍\u{1f3fd}"), "👍\u{200c}\u{1f3fd}");
        assert_eq!(make_consistent("لا"), "ل\u{200c}ا");
        for s in [
            family,
            "❤\u{fe0f}",
            "👍\u{1f3fd}",
            "لا",
            "ⵏ⵿ⴾ",
            "א\u{200d}ל",
            "\u{17d2}\u{1780}",
        ] {
            assert!(is_consistent(&make_consistent(s)), "{}", s.escape_unicode());
        }
    }

    #[test]
    fn text_without_sequences_is_left_alone() {
        for s in [
            "plain words",
            "日本語 😄 café",
            "क्\u{200d}ष",
            "e\u{301}",
            "🇫🇷 flag",
            "two\nlines",
        ] {
            assert!(is_consistent(s), "{s}");
            assert_eq!(make_consistent(s), s);
        }
    }

    #[test]
    fn disputed_characters() {
        for c in [
            '\u{ad}',
            '\u{200b}',
            '\u{feff}',
            '\u{3164}',
            '\u{e0041}',
            '\u{fffe}',
            '\u{10ffff}',
            '\u{fdd0}',
        ] {
            assert!(is_disputed(c), "U+{:04X}", c as u32);
        }
        for c in [
            'a', '\u{200c}', '\u{200d}', '\u{301}', '\u{e000}', '\u{fe0f}', '日',
        ] {
            assert!(!is_disputed(c), "U+{:04X}", c as u32);
        }
    }
}
