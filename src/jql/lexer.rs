//! The JQL lexer: splits a query into tokens that cover the input exactly.
//!
//! It never fails: text it cannot make sense of becomes a [`TokenKind::Unknown`]
//! token, and an unfinished quoted string becomes a
//! [`TokenKind::QuotedString`] with `terminated: false`. That makes it usable
//! for syntax highlighting of half-typed queries as well as for the parser.

use std::ops::Range;

/// One token: what it is and which bytes of the input it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// What kind of token this is.
    pub kind: TokenKind,
    /// Byte offsets into the input; consecutive tokens' spans touch.
    pub span: Range<usize>,
}

/// The kinds of JQL tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Spaces, tabs, line breaks and form feeds.
    Whitespace,
    /// An unquoted identifier or value such as `project`, `ABC-12`, `-7d` or
    /// `2024-01-31`. Backslash escapes (`a\ b`) stay part of the word.
    Word,
    /// An unquoted whole number, optionally negative: `42`, `-3`.
    Number,
    /// A string in double or single quotes with backslash escapes.
    QuotedString {
        /// False when the input ended before the closing quote.
        terminated: bool,
    },
    /// A complete custom field reference such as `cf[10010]`.
    CustomField,
    /// A comparison operator: `=`, `!=`, `>`, `>=`, `<`, `<=`, `~` or `!~`.
    Operator,
    /// `(`.
    LParen,
    /// `)`.
    RParen,
    /// `,`.
    Comma,
    /// `[` that does not start a complete `cf[N]`.
    LBracket,
    /// `]` outside a complete `cf[N]`.
    RBracket,
    /// A keyword, matched case-insensitively, or one of the symbolic
    /// aliases `&&`, `&` (AND), `||`, `|` (OR) and `!` (NOT).
    Keyword(Keyword),
    /// One character JQL reserves (`%`, `#`, `{`, ...) or one that must be
    /// escaped (control characters).
    Unknown,
}

/// JQL keywords.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Keyword {
    /// `AND`, `&&` or `&`.
    And,
    /// `OR`, `||` or `|`.
    Or,
    /// `NOT` or `!`.
    Not,
    /// `EMPTY`.
    Empty,
    /// `NULL` (same meaning as EMPTY).
    Null,
    /// `ORDER` (of ORDER BY).
    Order,
    /// `BY` (ORDER BY, or the BY predicate of WAS/CHANGED).
    By,
    /// `ASC`.
    Asc,
    /// `DESC`.
    Desc,
    /// `IN`.
    In,
    /// `IS`.
    Is,
    /// `WAS`.
    Was,
    /// `CHANGED`.
    Changed,
    /// `ON` predicate.
    On,
    /// `BEFORE` predicate.
    Before,
    /// `AFTER` predicate.
    After,
    /// `DURING` predicate.
    During,
    /// `FROM` predicate.
    From,
    /// `TO` predicate.
    To,
}

impl Keyword {
    /// The keyword a word spells, ignoring case, if any.
    pub fn from_word(word: &str) -> Option<Keyword> {
        const TABLE: [(&str, Keyword); 19] = [
            ("and", Keyword::And),
            ("or", Keyword::Or),
            ("not", Keyword::Not),
            ("empty", Keyword::Empty),
            ("null", Keyword::Null),
            ("order", Keyword::Order),
            ("by", Keyword::By),
            ("asc", Keyword::Asc),
            ("desc", Keyword::Desc),
            ("in", Keyword::In),
            ("is", Keyword::Is),
            ("was", Keyword::Was),
            ("changed", Keyword::Changed),
            ("on", Keyword::On),
            ("before", Keyword::Before),
            ("after", Keyword::After),
            ("during", Keyword::During),
            ("from", Keyword::From),
            ("to", Keyword::To),
        ];
        TABLE
            .iter()
            .find(|(text, _)| text.eq_ignore_ascii_case(word))
            .map(|&(_, kw)| kw)
    }
}

/// Whether `c` is JQL whitespace.
pub fn is_whitespace(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}')
}

/// Whether `c` is one of the characters JQL reserves outside quotes.
pub fn is_reserved(c: char) -> bool {
    matches!(
        c,
        '{' | '}' | '*' | '/' | '%' | '+' | '^' | '$' | '#' | '@' | '?' | ';'
    )
}

/// Whether `c` must be escaped even inside quotes (control characters).
pub fn is_illegal(c: char) -> bool {
    (c.is_control() && !is_whitespace(c)) || c == '\u{fffe}' || c == '\u{ffff}'
}

/// Characters that end an unquoted word.
fn ends_word(c: char) -> bool {
    is_whitespace(c)
        || is_reserved(c)
        || is_illegal(c)
        || matches!(
            c,
            '"' | '\'' | '=' | '!' | '<' | '>' | '~' | '(' | ')' | ',' | '[' | ']' | '&' | '|'
        )
}

/// Splits `input` into tokens. Never panics; the spans of the returned
/// tokens, in order, cover `input` exactly.
pub fn lex(input: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut pos = 0;
    while pos < input.len() {
        let rest = &input[pos..];
        let (kind, len) = next_token(rest);
        // `next_token` always consumes at least one whole character.
        let len = len.max(rest.chars().next().map_or(1, char::len_utf8));
        tokens.push(Token {
            kind,
            span: pos..pos + len,
        });
        pos += len;
    }
    tokens
}

/// The token at the start of a non-empty `rest` and its length in bytes.
fn next_token(rest: &str) -> (TokenKind, usize) {
    let mut chars = rest.chars();
    let Some(c) = chars.next() else {
        return (TokenKind::Unknown, 0);
    };
    let second = chars.next();
    let one = c.len_utf8();
    match c {
        c if is_whitespace(c) => {
            let len = rest.find(|c| !is_whitespace(c)).unwrap_or(rest.len());
            (TokenKind::Whitespace, len)
        }
        '"' | '\'' => lex_quoted(rest, c),
        '(' => (TokenKind::LParen, 1),
        ')' => (TokenKind::RParen, 1),
        ',' => (TokenKind::Comma, 1),
        '[' => (TokenKind::LBracket, 1),
        ']' => (TokenKind::RBracket, 1),
        '=' | '~' => (TokenKind::Operator, 1),
        '<' | '>' => (TokenKind::Operator, if second == Some('=') { 2 } else { 1 }),
        '!' => match second {
            Some('=' | '~') => (TokenKind::Operator, 2),
            _ => (TokenKind::Keyword(Keyword::Not), 1),
        },
        '&' => (
            TokenKind::Keyword(Keyword::And),
            if second == Some('&') { 2 } else { 1 },
        ),
        '|' => (
            TokenKind::Keyword(Keyword::Or),
            if second == Some('|') { 2 } else { 1 },
        ),
        c if is_reserved(c) || is_illegal(c) => (TokenKind::Unknown, one),
        _ => lex_word(rest),
    }
}

/// A quoted string starting at `rest[0] == quote`.
fn lex_quoted(rest: &str, quote: char) -> (TokenKind, usize) {
    let mut escaped = false;
    for (i, c) in rest.char_indices().skip(1) {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == quote {
            return (TokenKind::QuotedString { terminated: true }, i + 1);
        }
    }
    (TokenKind::QuotedString { terminated: false }, rest.len())
}

/// An unquoted word, number or `cf[N]` at the start of `rest`.
fn lex_word(rest: &str) -> (TokenKind, usize) {
    let mut len = rest.len();
    let mut escaped = false;
    for (i, c) in rest.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if ends_word(c) {
            len = i;
            break;
        }
    }
    let word = &rest[..len];
    if word.eq_ignore_ascii_case("cf")
        && let Some(cf_len) = custom_field_len(rest)
    {
        return (TokenKind::CustomField, cf_len);
    }
    if let Some(kw) = Keyword::from_word(word) {
        return (TokenKind::Keyword(kw), len);
    }
    let digits = word.strip_prefix('-').unwrap_or(word);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return (TokenKind::Number, len);
    }
    (TokenKind::Word, len)
}

/// The length of `cf[digits]` at the start of `rest`, if it is complete.
fn custom_field_len(rest: &str) -> Option<usize> {
    let inner = rest.get(2..)?.strip_prefix('[')?;
    let digits = inner.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || inner.as_bytes().get(digits) != Some(&b']') {
        return None;
    }
    Some(3 + digits + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(input: &str) -> Vec<(TokenKind, &str)> {
        lex(input)
            .into_iter()
            .map(|t| (t.kind, &input[t.span]))
            .collect()
    }

    #[test]
    fn simple_query() {
        use TokenKind::*;
        assert_eq!(
            kinds("project = ABC AND key>=ABC-12"),
            vec![
                (Word, "project"),
                (Whitespace, " "),
                (Operator, "="),
                (Whitespace, " "),
                (Word, "ABC"),
                (Whitespace, " "),
                (Keyword(super::Keyword::And), "AND"),
                (Whitespace, " "),
                (Word, "key"),
                (Operator, ">="),
                (Word, "ABC-12"),
            ]
        );
    }

    #[test]
    fn operators_and_aliases() {
        use TokenKind::*;
        let got: Vec<_> = kinds("!= !~ ! < <= > >= ~ && & || |")
            .into_iter()
            .filter(|(k, _)| *k != Whitespace)
            .collect();
        assert_eq!(
            got,
            vec![
                (Operator, "!="),
                (Operator, "!~"),
                (Keyword(super::Keyword::Not), "!"),
                (Operator, "<"),
                (Operator, "<="),
                (Operator, ">"),
                (Operator, ">="),
                (Operator, "~"),
                (Keyword(super::Keyword::And), "&&"),
                (Keyword(super::Keyword::And), "&"),
                (Keyword(super::Keyword::Or), "||"),
                (Keyword(super::Keyword::Or), "|"),
            ]
        );
    }

    #[test]
    fn values_numbers_and_custom_fields() {
        use TokenKind::*;
        assert_eq!(kinds("-7d"), vec![(Word, "-7d")]);
        assert_eq!(kinds("2024-01-31"), vec![(Word, "2024-01-31")]);
        assert_eq!(kinds("42"), vec![(Number, "42")]);
        assert_eq!(kinds("-3"), vec![(Number, "-3")]);
        assert_eq!(kinds("cf[10010]"), vec![(CustomField, "cf[10010]")]);
        assert_eq!(
            kinds("CF[1]="),
            vec![(CustomField, "CF[1]"), (Operator, "=")]
        );
        assert_eq!(
            kinds("cf[12"),
            vec![(Word, "cf"), (LBracket, "["), (Number, "12")]
        );
        assert_eq!(kinds(r"a\ b"), vec![(Word, r"a\ b")]);
        assert_eq!(kinds("in"), vec![(Keyword(super::Keyword::In), "in")]);
        assert_eq!(kinds("inside"), vec![(Word, "inside")]);
    }

    #[test]
    fn quoted_strings() {
        use TokenKind::*;
        assert_eq!(
            kinds(r#""In \"Progress\"" 'x'"#),
            vec![
                (QuotedString { terminated: true }, r#""In \"Progress\"""#),
                (Whitespace, " "),
                (QuotedString { terminated: true }, "'x'"),
            ]
        );
        assert_eq!(
            kinds("'abc"),
            vec![(QuotedString { terminated: false }, "'abc")]
        );
        assert_eq!(
            kinds("\"ab\\"),
            vec![(QuotedString { terminated: false }, "\"ab\\")]
        );
    }

    #[test]
    fn reserved_and_illegal_characters() {
        use TokenKind::*;
        assert_eq!(kinds("a%b"), vec![(Word, "a"), (Unknown, "%"), (Word, "b")]);
        assert_eq!(kinds("\u{7f}"), vec![(Unknown, "\u{7f}")]);
        assert_eq!(kinds("é€"), vec![(Word, "é€")]);
    }

    proptest::proptest! {
        #[test]
        fn tokens_cover_input(input in "(?s).{0,40}|[a-z =!<>~()\\[\\],'\"\\\\&|%cf0-9-]{0,40}") {
            let tokens = lex(&input);
            let mut pos = 0;
            for token in &tokens {
                proptest::prop_assert_eq!(token.span.start, pos);
                proptest::prop_assert!(token.span.end > token.span.start);
                pos = token.span.end;
            }
            proptest::prop_assert_eq!(pos, input.len());
        }
    }
}
