//! The one sanitiser every server string passes before it reaches a terminal: control
//! characters and escape sequences (CSI, OSC — clipboard writes and title changes included —,
//! DCS, APC, PM, SOS) are removed, bidirectional overrides that could reorder what the
//! user reads are dropped, and so are characters whose width terminals and `unicode-width`
//! disagree on (line separators, format characters, fillers; see [`super::widths`]).

use super::widths::{self, MAX_MARKS};
use unicode_width::UnicodeWidthChar;

/// Returns `s` safe to print: no escape sequences, no control characters (tabs become a
/// space; newlines — and the line and paragraph separators U+2028/U+2029 — are kept only when
/// `keep_newlines`), no bidi overrides or isolates, no character of disputed width, and as
/// wide as the sum of its characters.
pub fn sanitize_with(s: &str, keep_newlines: bool) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    // Zero-width characters in a row (combining marks, joiners, selectors).
    let mut marks = 0usize;
    while let Some(c) = chars.next() {
        if c.width() == Some(0) {
            marks += 1;
            if marks > MAX_MARKS {
                continue;
            }
        } else {
            marks = 0;
        }
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            // C1 introducers: CSI, OSC, DCS, SOS, PM, APC as single code points.
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            '\n' if keep_newlines => out.push('\n'),
            '\t' => out.push(' '),
            '\r' => {}
            c if c.is_control() => {}
            c if is_bidi_control(c) || widths::is_disputed(c) => {}
            c => match widths::replacement(c, keep_newlines) {
                Some(r) => out.push(r),
                None => out.push(c),
            },
        }
    }
    if widths::is_consistent(&out) {
        out
    } else {
        widths::make_consistent(&out)
    }
}

/// [`sanitize_with`] for one-line text: newlines become spaces.
pub fn sanitize_line(s: &str) -> String {
    sanitize_with(&s.replace(['\n', '\r'], " "), false)
}

/// [`sanitize_with`] keeping newlines, for multi-line bodies.
pub fn sanitize(s: &str) -> String {
    sanitize_with(s, true)
}

/// Whether the sanitiser removes or replaces `c` wherever it stands: a control character
/// (C0, DEL, C1), a bidirectional control, a line or paragraph separator, or a character of
/// disputed width. (Sequences of disputed width are a matter of context:
/// [`widths::is_consistent`].)
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || is_bidi_control(c)
        || widths::is_disputed(c)
        || widths::replacement(c, false).is_some()
}

/// [`sanitize_line`] for an owned string, handed back as it is (no copy) when there is
/// nothing to change — the usual case.
pub fn sanitize_line_owned(s: String) -> String {
    if s.contains(is_unsafe) || !widths::is_consistent(&s) || has_mark_pile(&s) {
        sanitize_line(&s)
    } else {
        s
    }
}

/// Whether more than [`MAX_MARKS`] zero-width characters follow each other in `s`.
fn has_mark_pile(s: &str) -> bool {
    let mut marks = 0usize;
    s.chars().any(|c| {
        marks = if c.width() == Some(0) { marks + 1 } else { 0 };
        marks > MAX_MARKS
    })
}

/// Bidirectional embedding, override and isolate controls (and the marks).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn skip_escape(chars: &mut Chars<'_>) {
    match chars.peek().copied() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string(chars);
        }
        // Two-character sequences (ESC c, ESC 7, charset selections ESC ( B ...).
        Some('(' | ')' | '*' | '+' | '#' | '%') => {
            chars.next();
            chars.next();
        }
        Some(_) => {
            chars.next();
        }
        None => {}
    }
}

/// CSI: parameters and intermediates up to a final byte in `@`..`~`.
fn skip_csi(chars: &mut Chars<'_>) {
    for c in chars.by_ref() {
        if ('@'..='~').contains(&c) {
            break;
        }
    }
}

/// OSC / DCS / SOS / PM / APC: up to BEL or ST (`ESC \` or U+009C).
fn skip_string(chars: &mut Chars<'_>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_escape_sequences() {
        assert_eq!(sanitize_line("a\u{1b}[31mred\u{1b}[0m b"), "ared b");
        assert_eq!(sanitize_line("x\u{1b}]0;evil title\u{7}y"), "xy");
        assert_eq!(sanitize_line("x\u{1b}]52;c;ZXZpbA==\u{1b}\\y"), "xy");
        assert_eq!(sanitize_line("x\u{1b}Pq#0;2;0;0;0\u{1b}\\y"), "xy");
        assert_eq!(sanitize_line("x\u{9b}2Jy"), "xy");
        assert_eq!(sanitize_line("bell\u{7} del\u{7f}"), "bell del");
    }

    #[test]
    fn removes_bidi_overrides() {
        assert_eq!(sanitize_line("abc\u{202e}fed\u{202c}"), "abcfed");
        assert_eq!(sanitize_line("\u{2067}x\u{2069}"), "x");
    }

    #[test]
    fn separators_and_disputed_widths_never_pass() {
        assert_eq!(sanitize("one\u{2028}two\u{2029}three"), "one\ntwo\nthree");
        assert_eq!(
            sanitize_line("one\u{2028}two\u{2029}three"),
            "one two three"
        );
        assert_eq!(
            sanitize_line("soft\u{ad}hyphen zero\u{200b}width \u{feff}bom \u{3164}filler"),
            "softhyphen zerowidth bom filler"
        );
        assert_eq!(sanitize_line("ｶﾞ"), "ｶ\u{309b}");
        assert_eq!(
            sanitize_line("👨\u{200d}👩\u{200d}👧 ❤\u{fe0f}"),
            "👨👩👧 ❤"
        );
        let zalgo = format!("z{}", "\u{301}".repeat(200));
        assert_eq!(sanitize_line(&zalgo).chars().count(), 1 + MAX_MARKS);
        for owned in ["a\u{2028}b", "👨\u{200d}👩", "x\u{ad}", zalgo.as_str()] {
            assert_eq!(sanitize_line_owned(owned.to_string()), sanitize_line(owned));
        }
        assert!(is_unsafe('\u{2028}') && is_unsafe('\u{2029}') && is_unsafe('\u{ad}'));
    }

    #[test]
    fn keeps_text_and_newlines_where_asked() {
        assert_eq!(sanitize("line 1\r\nline 2\tend"), "line 1\nline 2 end");
        assert_eq!(sanitize_line("line 1\nline 2"), "line 1 line 2");
        assert_eq!(sanitize_line("日本語 😄 café"), "日本語 😄 café");
        assert_eq!(
            sanitize_line("unterminated \u{1b}]0;title"),
            "unterminated "
        );
    }
}
