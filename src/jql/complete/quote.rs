//! Jira's quoting rules, for inserting names and values, and for reading
//! back what the user typed.

use crate::jql::lexer::{Keyword, is_illegal, is_reserved, is_whitespace};

/// Words Jira reserves: as a field name or value they must be quoted.
#[rustfmt::skip]
pub(crate) const RESERVED_WORDS: &[&str] = &[
    "abort", "access", "add", "after", "alias", "all", "alter", "and", "any", "as", "asc", "audit",
    "avg", "before", "begin", "between", "boolean", "break", "by", "byte", "catch", "cf",
    "changed", "char", "character", "check", "checkpoint", "collate", "collation", "column",
    "commit", "connect", "continue", "count", "create", "current", "date", "decimal", "declare",
    "decrement", "default", "defaults", "define", "delete", "delimiter", "desc", "difference",
    "distinct", "divide", "do", "double", "drop", "else", "empty", "encoding", "end", "equals",
    "escape", "exclusive", "exec", "execute", "exists", "explain", "false", "fetch", "field",
    "file", "first", "float", "for", "from", "function", "go", "goto", "grant", "greater", "group",
    "having", "identified", "if", "immediate", "in", "increment", "index", "initial", "inner",
    "inout", "input", "insert", "int", "integer", "intersect", "intersection", "into", "is",
    "isempty", "isnull", "join", "last", "left", "less", "like", "limit", "lock", "long", "max",
    "min", "minus", "mode", "modify", "modulo", "more", "multiply", "next", "noaudit", "not",
    "notin", "nowait", "null", "number", "object", "of", "on", "option", "or", "order", "outer",
    "output", "power", "previous", "prior", "privileges", "public", "raise", "raw", "remainder",
    "rename", "resume", "return", "returns", "revoke", "right", "row", "rowid", "rownum", "rows",
    "select", "session", "set", "share", "size", "sqrt", "start", "strict", "string", "subtract",
    "sum", "synonym", "table", "then", "to", "trans", "transaction", "trigger", "true", "uid",
    "union", "unique", "update", "user", "validate", "values", "view", "was", "when", "whenever",
    "where", "while", "with",
];

/// Whether `word` is one of Jira's reserved words (any case).
pub(crate) fn is_reserved_word(word: &str) -> bool {
    Keyword::from_word(word).is_some()
        || RESERVED_WORDS
            .binary_search(&word.to_ascii_lowercase().as_str())
            .is_ok()
}

/// Whether `text` must be quoted to stand as one field name or value in JQL:
/// it is empty, is a reserved word, or holds whitespace, an operator or
/// bracket character, a quote, a backslash, a reserved or a control
/// character.
pub fn needs_quotes(text: &str) -> bool {
    text.is_empty()
        || is_reserved_word(text)
        || text.chars().any(|c| {
            is_whitespace(c)
                || is_reserved(c)
                || is_illegal(c)
                || matches!(
                    c,
                    '"' | '\''
                        | '\\'
                        | '='
                        | '!'
                        | '<'
                        | '>'
                        | '~'
                        | '('
                        | ')'
                        | ','
                        | '['
                        | ']'
                        | '&'
                        | '|'
                )
        })
}

/// `text` in double quotes with `"` and `\` escaped, line breaks and tabs
/// as `\n`, `\r`, `\t`, and other control characters as `\uXXXX`.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_illegal(c) || c.is_control() => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `text` as it must be written in JQL: as is when it can be, else quoted.
/// `reserved` adds words the site reserves beyond Jira's usual list.
pub(crate) fn quote_if_needed(text: &str, reserved: impl Fn(&str) -> bool) -> String {
    if needs_quotes(text) || reserved(text) {
        quote(text)
    } else {
        text.to_string()
    }
}

/// What a typed word means, for matching: the opening quote and a closing
/// one dropped, backslash escapes decoded leniently (half-typed escapes are
/// kept as typed).
pub(crate) fn typed_text(raw: &str) -> String {
    let mut body = raw;
    if let Some(q @ ('"' | '\'')) = raw.chars().next() {
        body = &raw[1..];
        if body.ends_with(q) && !ends_with_escape(&body[..body.len() - 1]) {
            body = &body[..body.len() - 1];
        }
    }
    unescape(body)
}

fn ends_with_escape(text: &str) -> bool {
    text.bytes().rev().take_while(|&b| b == b'\\').count() % 2 == 1
}

/// Decodes `\"`, `\\`, `\n`, `\t`, `\r`, `\ ` and `\uXXXX`; anything else
/// stays as typed.
pub(crate) fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('u') => {
                let hex: String = chars.clone().take(4).collect();
                match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    Some(ch) if hex.len() == 4 => {
                        out.push(ch);
                        for _ in 0..4 {
                            chars.next();
                        }
                    }
                    _ => out.push_str("\\u"),
                }
            }
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// A suggestion's display name without Jira's `<b>` highlighting, with HTML
/// entities decoded and control characters dropped.
pub(crate) fn plain_display(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let tag = &rest[open..];
        match tag.find('>') {
            Some(close) if is_simple_tag(&tag[1..close]) => rest = &tag[close + 1..],
            _ => {
                text.push('<');
                rest = &tag[1..];
            }
        }
    }
    text.push_str(rest);
    let decoded = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#039;", "'")
        .replace("&amp;", "&");
    decoded.chars().filter(|c| !c.is_control()).collect()
}

/// `b`, `/b`, `strong`, ...: a tag name with no spaces or attributes.
fn is_simple_tag(inner: &str) -> bool {
    let name = inner.strip_prefix('/').unwrap_or(inner);
    !name.is_empty() && name.len() <= 8 && name.chars().all(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_words_are_sorted_for_binary_search() {
        assert!(RESERVED_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn quotes_what_jql_needs_quoted() {
        assert!(!needs_quotes("ACME"));
        assert!(!needs_quotes("ABC-12"));
        assert!(!needs_quotes("-7d"));
        assert!(!needs_quotes("2024-01-31"));
        assert!(!needs_quotes("updated"));
        assert!(needs_quotes("In Progress"));
        assert!(needs_quotes("select"));
        assert!(needs_quotes("AND"));
        assert!(needs_quotes("a=b"));
        assert!(needs_quotes("50%"));
        assert!(needs_quotes(""));
        assert_eq!(quote(r#"say "hi" \o/"#), r#""say \"hi\" \\o/""#);
        assert_eq!(quote("a\nb\u{7}"), "\"a\\nb\\u0007\"");
    }

    #[test]
    fn reads_typed_text() {
        assert_eq!(typed_text("\"In Pro"), "In Pro");
        assert_eq!(typed_text("\"In Progress\""), "In Progress");
        assert_eq!(typed_text("'x'"), "x");
        assert_eq!(typed_text(r#""a\""#), "a\"");
        assert_eq!(typed_text(r"In\ Pro"), "In Pro");
        assert_eq!(typed_text("\\u00e9t\\u12"), "ét\\u12");
        assert_eq!(typed_text("\""), "");
    }

    #[test]
    fn strips_highlighting_from_display_names() {
        assert_eq!(
            plain_display("<b>Ac</b>me &amp; Co (ACME)"),
            "Acme & Co (ACME)"
        );
        assert_eq!(plain_display("a < b &lt;c&gt;"), "a < b <c>");
        assert_eq!(plain_display("x\u{1b}[31my"), "x[31my");
    }
}
