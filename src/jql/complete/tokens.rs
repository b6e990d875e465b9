//! Token helpers for [`super::context_at`]: the word at the cursor and
//! what kinds of token may stand where.

use std::ops::Range;

use super::quote::typed_text;
use crate::jql::lexer::{Keyword, Token, TokenKind};

/// Operators written as words, for telling `is n` (typing IS NOT) from
/// `is E` (typing EMPTY).
pub(super) const WORD_OPERATORS: &[&str] = &[
    "in",
    "not in",
    "is",
    "is not",
    "was",
    "was in",
    "was not",
    "was not in",
    "changed",
];

/// A token under the cursor, possibly merged (`cf[12` is three tokens).
pub(super) struct Current {
    pub(super) span: Range<usize>,
    pub(super) end: usize,
    pub(super) kind: TokenKind,
}

/// Splits the tokens into those settled before the cursor and the word being
/// typed at it. `None` when the cursor sits inside a symbol such as `!=`.
pub(super) fn split_at_cursor<'t>(
    text: &str,
    tokens: &'t [Token],
    cursor: usize,
) -> Option<(&'t [Token], Option<Current>)> {
    let Some(i) = tokens
        .iter()
        .position(|t| t.span.start < cursor && cursor <= t.span.end)
    else {
        return Some((&tokens[..0], None));
    };
    let token = &tokens[i];
    let word = is_word_like(text, token);
    if let Some(start) = custom_field_start(text, tokens, i, cursor) {
        let end = if token.kind == TokenKind::Number {
            token.span.end
        } else {
            cursor
        };
        let first = tokens.iter().position(|t| t.span.start == start)?;
        let current = Current {
            span: start..end,
            end,
            kind: TokenKind::CustomField,
        };
        return Some((&tokens[..first], Some(current)));
    }
    if word || text.get(token.span.clone()) == Some("!") {
        // An unfinished quote runs to the end of the text: replace only up
        // to the cursor so the rest is never swallowed.
        let end = match token.kind {
            TokenKind::QuotedString { terminated: false } => cursor,
            _ => token.span.end,
        };
        let current = Current {
            span: token.span.clone(),
            end,
            kind: token.kind,
        };
        return Some((&tokens[..i], Some(current)));
    }
    if token.kind == TokenKind::Whitespace || cursor == token.span.end {
        return Some((&tokens[..=i], None));
    }
    None
}

/// Words, numbers, strings, `cf[N]` and keywords spelled with letters.
pub(super) fn is_word_like(text: &str, token: &Token) -> bool {
    match token.kind {
        TokenKind::Word
        | TokenKind::Number
        | TokenKind::QuotedString { .. }
        | TokenKind::CustomField => true,
        TokenKind::Keyword(_) => text
            .get(token.span.clone())
            .and_then(|t| t.chars().next())
            .is_some_and(char::is_alphabetic),
        _ => false,
    }
}

/// Where an unfinished `cf[` or `cf[123` ending at token `i` starts.
pub(super) fn custom_field_start(
    text: &str,
    tokens: &[Token],
    i: usize,
    cursor: usize,
) -> Option<usize> {
    let at = |j: usize| tokens.get(j);
    let (bracket, word) = match tokens[i].kind {
        TokenKind::Number => (i.checked_sub(1)?, i.checked_sub(2)?),
        TokenKind::LBracket if cursor == tokens[i].span.end => (i, i.checked_sub(1)?),
        _ => return None,
    };
    let (b, w) = (at(bracket)?, at(word)?);
    let joined = b.kind == TokenKind::LBracket
        && (bracket == i || b.span.end == tokens[i].span.start)
        && w.span.end == b.span.start
        && w.kind == TokenKind::Word
        && text
            .get(w.span.clone())
            .is_some_and(|t| t.eq_ignore_ascii_case("cf"));
    joined.then_some(w.span.start)
}

/// The name a field token stands for: quotes removed, escapes decoded.
pub(super) fn field_name(text: &str, token: &Token) -> String {
    typed_text(text.get(token.span.clone()).unwrap_or(""))
}

pub(super) fn is_value(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Word
            | TokenKind::Number
            | TokenKind::QuotedString { .. }
            | TokenKind::CustomField
            | TokenKind::Keyword(Keyword::Empty | Keyword::Null)
    )
}

pub(super) fn is_field(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Word
            | TokenKind::Number
            | TokenKind::QuotedString { terminated: true }
            | TokenKind::CustomField
    )
}

pub(super) fn is_predicate(kw: Keyword) -> bool {
    matches!(
        kw,
        Keyword::After
            | Keyword::Before
            | Keyword::On
            | Keyword::During
            | Keyword::By
            | Keyword::From
            | Keyword::To
    )
}

/// The operator `words` spell, if they spell a whole one.
pub(super) fn word_operator(words: &[Keyword]) -> Option<&'static str> {
    use Keyword::*;
    Some(match words {
        [In] => "in",
        [Not, In] => "not in",
        [Is] => "is",
        [Is, Not] => "is not",
        [Was] => "was",
        [Was, Not] => "was not",
        [Was, In] => "was in",
        [Was, Not, In] => "was not in",
        [Changed] => "changed",
        _ => return None,
    })
}

/// Whether `words` can still grow into an operator.
pub(super) fn starts_operator(words: &[Keyword]) -> bool {
    use Keyword::*;
    matches!(
        words,
        [In] | [Not]
            | [Not, In]
            | [Is]
            | [Is, Not]
            | [Was]
            | [Was, Not]
            | [Was, In]
            | [Was, Not, In]
            | [Changed]
    )
}

pub(super) fn keyword_text(kw: Keyword) -> &'static str {
    match kw {
        Keyword::Not => "not",
        Keyword::In => "in",
        Keyword::Is => "is",
        Keyword::Was => "was",
        _ => "changed",
    }
}
