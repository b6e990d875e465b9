//! The error type shared by the parser and the evaluator.

use std::fmt;

/// A JQL error as Jira reports it: the full message plus where it points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JqlError {
    /// The message exactly as Jira phrases it. Syntax errors start with
    /// `Error in the JQL Query:` and, when they point at a token, end with
    /// `(line L, character C)`; validation errors have neither.
    pub message: String,
    /// Line of the offending token, counted from 1.
    pub line: u32,
    /// Character within the line of the offending token, counted from 1.
    pub character: u32,
}

impl JqlError {
    /// A syntax error pointing at byte offset `at` of `input`; the position
    /// is appended to the message.
    pub fn syntax_at(input: &str, at: usize, text: &str) -> JqlError {
        let (line, character) = position(input, at);
        JqlError {
            message: format!("Error in the JQL Query: {text} (line {line}, character {character})"),
            line,
            character,
        }
    }

    /// A syntax error at the end of `input` (the message has no position).
    pub fn syntax_at_end(input: &str, text: &str) -> JqlError {
        let (line, character) = position(input, input.len());
        JqlError {
            message: format!("Error in the JQL Query: {text}"),
            line,
            character,
        }
    }

    /// A validation error (no prefix, no position in the message) about the
    /// text at byte offset `at` of `input`.
    pub fn validation(input: &str, at: usize, message: String) -> JqlError {
        let (line, character) = position(input, at);
        JqlError {
            message,
            line,
            character,
        }
    }
}

impl fmt::Display for JqlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for JqlError {}

/// Line and character (both from 1) of byte offset `at` in `input`.
/// Characters are counted as Unicode scalar values.
pub fn position(input: &str, at: usize) -> (u32, u32) {
    let mut at = at.min(input.len());
    while !input.is_char_boundary(at) {
        at -= 1;
    }
    let before = &input[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let character = before[line_start..].chars().count() + 1;
    (clamp(line), clamp(character))
}

fn clamp(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        assert_eq!(position("abc", 0), (1, 1));
        assert_eq!(position("abc", 2), (1, 3));
        assert_eq!(position("a\nbc", 3), (2, 2));
        assert_eq!(position("é = x", 3), (1, 3));
        assert_eq!(position("abc", 99), (1, 4));
    }
}
