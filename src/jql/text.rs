//! Decoding of quoted strings and escapes, with Jira's lexical messages.

use super::error::{JqlError, position};
use super::lexer::is_illegal;

const VALID_ESCAPES: &str =
    "The valid escape sequences are \\', \\\", \\t, \\n, \\r, \\\\, '\\ ' and \\uXXXX.";

/// Decodes backslash escapes in `raw`, which starts at byte `start` of
/// `input`, and rejects characters that must be escaped.
pub(crate) fn decode(input: &str, start: usize, raw: &str) -> Result<String, JqlError> {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_illegal(c) {
            return Err(illegal_character(input, start + i, c));
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((_, e)) = chars.next() else {
            return Err(JqlError::syntax_at(
                input,
                start + i,
                &format!("The escape sequence has not been completed. {VALID_ESCAPES}"),
            ));
        };
        let decoded = match e {
            '\'' | '"' | '\\' | ' ' => Some(e),
            't' => Some('\t'),
            'n' => Some('\n'),
            'r' => Some('\r'),
            'u' => {
                let mut seen = String::from("\\u");
                let mut value = 0u32;
                let mut ok = true;
                for _ in 0..4 {
                    match chars.next() {
                        Some((_, h)) => {
                            seen.push(h);
                            match h.to_digit(16) {
                                Some(d) => value = value * 16 + d,
                                None => {
                                    ok = false;
                                    break;
                                }
                            }
                        }
                        None => {
                            ok = false;
                            break;
                        }
                    }
                }
                match (ok, char::from_u32(value)) {
                    (true, Some(ch)) => Some(ch),
                    _ => return Err(illegal_escape(input, start + i, &seen)),
                }
            }
            _ => None,
        };
        match decoded {
            Some(ch) => out.push(ch),
            None => return Err(illegal_escape(input, start + i, &format!("\\{e}"))),
        }
    }
    Ok(out)
}

fn illegal_escape(input: &str, at: usize, seen: &str) -> JqlError {
    JqlError::syntax_at(
        input,
        at,
        &format!("'{seen}' is an illegal JQL escape sequence. {VALID_ESCAPES}"),
    )
}

/// Jira's message for a control character that must be escaped.
pub(crate) fn illegal_character(input: &str, at: usize, c: char) -> JqlError {
    let (line, character) = position(input, at);
    let code = u32::from(c);
    JqlError::syntax_at(
        input,
        at,
        &format!(
            "The character 'U+{code:04X}' on line {line} at position {character} must be escaped. Use the escape '\\u{code:04x}' instead."
        ),
    )
}

/// Jira's message for a reserved character outside quotes.
pub(crate) fn reserved_character(input: &str, at: usize, c: char) -> JqlError {
    let code = u32::from(c);
    JqlError::syntax_at(
        input,
        at,
        &format!(
            "The character '{c}' is a reserved JQL character. You must enclose it in a string or use the escape '\\u{code:04x}' instead."
        ),
    )
}

/// Jira's message for a quoted string without its closing quote; `token`
/// is the whole token including the opening quote.
pub(crate) fn unterminated(input: &str, at: usize, token: &str) -> JqlError {
    let body: String = token
        .chars()
        .skip(1)
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    let text = if body.is_empty() {
        "The quoted string has not been completed.".to_string()
    } else {
        format!("The quoted string '{body}' has not been completed.")
    };
    JqlError::syntax_at(input, at, &text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_escapes() {
        assert_eq!(
            decode("", 0, r#"a\"b\'c\\d\ e\tf\u0041"#).ok().as_deref(),
            Some("a\"b'c\\d e\tfA")
        );
    }

    #[test]
    fn rejects_bad_escapes() {
        let input = "comme\\unt ~ 'test";
        let err = decode(input, 0, "comme\\unt").unwrap_err();
        assert_eq!(
            err.message,
            "Error in the JQL Query: '\\un' is an illegal JQL escape sequence. The valid escape sequences are \\', \\\", \\t, \\n, \\r, \\\\, '\\ ' and \\uXXXX. (line 1, character 6)"
        );
        let err = decode("a\\", 0, "a\\").unwrap_err();
        assert!(
            err.message
                .contains("The escape sequence has not been completed.")
        );
        let err = decode("\\c", 0, "\\c").unwrap_err();
        assert!(
            err.message
                .starts_with("Error in the JQL Query: '\\c' is an illegal")
        );
    }

    #[test]
    fn rejects_control_characters() {
        let input = "mqwwr=\"\u{7f} this is broken\"";
        let err = decode(input, 7, "\u{7f} this is broken").unwrap_err();
        assert_eq!(
            err.message,
            "Error in the JQL Query: The character 'U+007F' on line 1 at position 8 must be escaped. Use the escape '\\u007f' instead. (line 1, character 8)"
        );
    }

    #[test]
    fn unterminated_strings() {
        assert_eq!(
            unterminated("priority=\"test\nword", 9, "\"test\nword").message,
            "Error in the JQL Query: The quoted string 'test word' has not been completed. (line 1, character 10)"
        );
        assert_eq!(
            unterminated("comment ~ '", 10, "'").message,
            "Error in the JQL Query: The quoted string has not been completed. (line 1, character 11)"
        );
    }
}
