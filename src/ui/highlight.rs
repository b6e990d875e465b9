//! JQL syntax highlighting from the one JQL lexer: fields, operators, keywords, functions,
//! values and strings each get a style; unknown characters stand out.

use crate::jql::{Keyword, TokenKind, lex};
use ratatui::style::{Color, Modifier, Style};
use std::ops::Range;

/// What a stretch of JQL is, for colouring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// A field name.
    Field,
    /// A comparison operator or IN/IS/NOT IN.
    Operator,
    /// AND, OR, NOT, ORDER BY, ASC, DESC.
    Keyword,
    /// A function name.
    Function,
    /// A value.
    Value,
    /// A quoted string.
    String,
    /// EMPTY / NULL.
    Empty,
    /// Parentheses and commas.
    Punctuation,
    /// Something the lexer does not accept.
    Error,
    /// Spaces.
    Space,
}

/// The style of a class.
pub fn style(class: Class) -> Style {
    match class {
        Class::Field => Style::new().fg(Color::Cyan),
        Class::Operator => Style::new().fg(Color::Yellow),
        Class::Keyword => Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
        Class::Function => Style::new().fg(Color::Blue),
        Class::Value => Style::new(),
        Class::String => Style::new().fg(Color::Green),
        Class::Empty => Style::new().fg(Color::Magenta),
        Class::Punctuation => Style::new().fg(Color::DarkGray),
        Class::Error => Style::new()
            .fg(Color::Red)
            .add_modifier(Modifier::UNDERLINED),
        Class::Space => Style::new(),
    }
}

/// Classifies every byte range of `text` (the ranges cover it exactly).
pub fn classify(text: &str) -> Vec<(Range<usize>, Class)> {
    let tokens = lex(text);
    let significant: Vec<usize> = (0..tokens.len())
        .filter(|&i| tokens[i].kind != TokenKind::Whitespace)
        .collect();
    let mut out = Vec::with_capacity(tokens.len());
    let mut after_order_by = false;
    for (n, &i) in significant.iter().enumerate() {
        let token = &tokens[i];
        let next = significant.get(n + 1).map(|&j| &tokens[j].kind);
        let prev = n
            .checked_sub(1)
            .and_then(|p| significant.get(p))
            .map(|&j| &tokens[j].kind);
        let class = match &token.kind {
            TokenKind::Whitespace => Class::Space,
            TokenKind::Keyword(k) => match k {
                Keyword::Empty | Keyword::Null => Class::Empty,
                Keyword::In | Keyword::Is | Keyword::Was | Keyword::Changed => Class::Operator,
                Keyword::Not if matches!(next, Some(TokenKind::Keyword(Keyword::In))) => {
                    Class::Operator
                }
                Keyword::Order | Keyword::By => {
                    after_order_by = true;
                    Class::Keyword
                }
                _ => Class::Keyword,
            },
            TokenKind::Operator => Class::Operator,
            TokenKind::QuotedString { terminated: false } => Class::Error,
            TokenKind::Word
            | TokenKind::CustomField
            | TokenKind::QuotedString { .. }
            | TokenKind::Number => {
                let before_operator = matches!(
                    next,
                    Some(TokenKind::Operator)
                        | Some(TokenKind::Keyword(
                            Keyword::In
                                | Keyword::Is
                                | Keyword::Not
                                | Keyword::Was
                                | Keyword::Changed
                        ))
                );
                let clause_start = matches!(
                    prev,
                    None | Some(TokenKind::LParen)
                        | Some(TokenKind::Keyword(
                            Keyword::And | Keyword::Or | Keyword::Not
                        ))
                );
                if matches!(next, Some(TokenKind::LParen)) && token.kind == TokenKind::Word {
                    Class::Function
                } else if (after_order_by
                    && matches!(
                        prev,
                        Some(TokenKind::Keyword(Keyword::By)) | Some(TokenKind::Comma)
                    ))
                    || before_operator
                    || (clause_start && token.kind != TokenKind::Number && next.is_none())
                {
                    Class::Field
                } else if matches!(token.kind, TokenKind::QuotedString { .. }) {
                    Class::String
                } else {
                    Class::Value
                }
            }
            TokenKind::LParen | TokenKind::RParen | TokenKind::Comma => Class::Punctuation,
            TokenKind::LBracket | TokenKind::RBracket | TokenKind::Unknown => Class::Error,
        };
        out.push((i, class));
    }
    let mut classes = vec![Class::Space; tokens.len()];
    for (i, c) in out {
        classes[i] = c;
    }
    tokens
        .into_iter()
        .zip(classes)
        .map(|(t, c)| (t.span, c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(text: &str) -> Vec<(String, Class)> {
        classify(text)
            .into_iter()
            .filter(|(_, c)| *c != Class::Space)
            .map(|(r, c)| (text[r].to_string(), c))
            .collect()
    }

    #[test]
    fn classifies_a_query() {
        let got = classes(
            "project = ACME AND assignee in (currentUser(), \"bob\") ORDER BY updated DESC",
        );
        let want = [
            ("project", Class::Field),
            ("=", Class::Operator),
            ("ACME", Class::Value),
            ("AND", Class::Keyword),
            ("assignee", Class::Field),
            ("in", Class::Operator),
            ("(", Class::Punctuation),
            ("currentUser", Class::Function),
            ("(", Class::Punctuation),
            (")", Class::Punctuation),
            (",", Class::Punctuation),
            ("\"bob\"", Class::String),
            (")", Class::Punctuation),
            ("ORDER", Class::Keyword),
            ("BY", Class::Keyword),
            ("updated", Class::Field),
            ("DESC", Class::Keyword),
        ];
        let want: Vec<(String, Class)> = want.iter().map(|(t, c)| (t.to_string(), *c)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn covers_partial_and_broken_input() {
        for text in [
            "",
            "proj",
            "status = \"In Prog",
            "a %% b",
            "日本 = 語",
            "x IS NOT EMPTY",
        ] {
            let ranges = classify(text);
            let joined: String = ranges.iter().map(|(r, _)| &text[r.clone()]).collect();
            assert_eq!(joined, text);
        }
        assert_eq!(classes("proj"), vec![("proj".to_string(), Class::Field)]);
        assert!(
            classes("status = \"In Prog")
                .iter()
                .any(|(_, c)| *c == Class::Error)
        );
    }
}
