//! Deciding what is wanted at the cursor: a forgiving walk over the tokens
//! before it, much like the parser but one that never gives up early and
//! remembers where it is rather than what it built.

use std::ops::Range;

use super::tokens::{
    WORD_OPERATORS, field_name, is_field, is_predicate, is_value, keyword_text, split_at_cursor,
    starts_operator, word_operator,
};
use super::{CompletionContext, KeywordPlace, floor_boundary};
use crate::jql::lexer::{Keyword, Token, TokenKind, lex};

/// What the walk expects next.
#[derive(Debug, Clone, PartialEq, Eq)]
enum State {
    /// A field, NOT or `(`.
    ClauseStart,
    /// The operator after a field; `words` are the keywords of a word
    /// operator read so far (IS of IS NOT), the first starting at `start`.
    AfterField { words: Vec<Keyword>, start: usize },
    /// A value (or function, or `(` of a list).
    Operand,
    /// Inside `( ... )` of a list: a value next, or `,` / `)`.
    ListItem { expect_value: bool },
    /// Inside a function's arguments, `depth` parentheses deep.
    Args { depth: usize, then: Box<State> },
    /// AND, OR, ORDER BY, `)` or a history predicate.
    AfterClause,
    /// BY after ORDER.
    OrderBy,
    /// A field of ORDER BY.
    OrderField,
    /// ASC, DESC or `,`.
    AfterOrderField,
    /// `,`.
    AfterOrderDirection,
    /// Lost: nothing sensible can follow.
    Dead,
}

/// The walk's position and what it remembers of the current term.
struct Walk<'a> {
    text: &'a str,
    state: State,
    depth: usize,
    field: String,
    operator: String,
    history: bool,
    at_start: bool,
}

/// What the cursor position wants. `cursor` is a byte offset; one past the
/// end or inside a character is moved back onto a character boundary.
pub fn context_at(text: &str, cursor: usize) -> CompletionContext {
    let cursor = floor_boundary(text, cursor);
    let tokens = lex(text);
    let Some((settled, partial)) = split_at_cursor(text, &tokens, cursor) else {
        return CompletionContext::None;
    };
    let mut walk = Walk::new(text);
    let settled: Vec<&Token> = settled
        .iter()
        .filter(|t| t.kind != TokenKind::Whitespace)
        .collect();
    for (i, token) in settled.iter().enumerate() {
        walk.step(token, settled.get(i + 1).copied());
    }
    let partial = partial.map(|p| Partial {
        replace: p.span.start..p.end,
        prefix: text[p.span.start..cursor].to_string(),
        kind: p.kind,
    });
    // A lone `!` only starts an operator (`!=`, `!~`); elsewhere it is NOT.
    if let Some(p) = &partial
        && p.prefix == "!"
        && !matches!(walk.state, State::AfterField { .. })
    {
        let bang = Token {
            kind: TokenKind::Keyword(Keyword::Not),
            span: p.replace.clone(),
        };
        walk.step(&bang, None);
        return walk.context(None, cursor);
    }
    walk.context(partial, cursor)
}

/// The word being typed at the cursor.
struct Partial {
    replace: Range<usize>,
    prefix: String,
    kind: TokenKind,
}

impl<'a> Walk<'a> {
    fn new(text: &'a str) -> Self {
        Walk {
            text,
            state: State::ClauseStart,
            depth: 0,
            field: String::new(),
            operator: String::new(),
            history: false,
            at_start: true,
        }
    }

    fn step(&mut self, token: &Token, next: Option<&Token>) {
        let kind = token.kind;
        let starts_call =
            kind == TokenKind::Word && next.is_some_and(|n| n.kind == TokenKind::LParen);
        let state = std::mem::replace(&mut self.state, State::Dead);
        self.state = match state {
            State::ClauseStart => match kind {
                TokenKind::Keyword(Keyword::Not) => State::ClauseStart,
                TokenKind::LParen => {
                    self.depth += 1;
                    State::ClauseStart
                }
                TokenKind::Keyword(Keyword::Order) if self.at_start => State::OrderBy,
                k if is_field(k) => {
                    self.field = field_name(self.text, token);
                    self.operator.clear();
                    self.history = false;
                    State::AfterField {
                        words: Vec::new(),
                        start: token.span.end,
                    }
                }
                _ => State::Dead,
            },
            State::AfterField { mut words, start } => match kind {
                TokenKind::Operator if words.is_empty() => {
                    self.operator = self.text.get(token.span.clone()).unwrap_or("=").to_string();
                    State::Operand
                }
                TokenKind::Keyword(kw) if starts_operator(&[words.as_slice(), &[kw]].concat()) => {
                    let start = if words.is_empty() {
                        token.span.start
                    } else {
                        start
                    };
                    words.push(kw);
                    State::AfterField { words, start }
                }
                _ => match self.finish_operator(&words) {
                    Some(state) => {
                        self.state = state;
                        self.step(token, next);
                        return;
                    }
                    None => State::Dead,
                },
            },
            State::Operand => match kind {
                _ if starts_call => State::Args {
                    depth: 0,
                    then: Box::new(State::AfterClause),
                },
                TokenKind::LParen => State::ListItem { expect_value: true },
                k if is_value(k) => State::AfterClause,
                _ => State::Dead,
            },
            State::ListItem { expect_value: true } => match kind {
                _ if starts_call => State::Args {
                    depth: 0,
                    then: Box::new(State::ListItem {
                        expect_value: false,
                    }),
                },
                TokenKind::RParen => State::AfterClause,
                k if is_value(k) => State::ListItem {
                    expect_value: false,
                },
                _ => State::Dead,
            },
            State::ListItem {
                expect_value: false,
            } => match kind {
                TokenKind::Comma => State::ListItem { expect_value: true },
                TokenKind::RParen => State::AfterClause,
                _ => State::Dead,
            },
            State::Args { depth, then } => match kind {
                TokenKind::LParen => State::Args {
                    depth: depth + 1,
                    then,
                },
                TokenKind::RParen if depth <= 1 => *then,
                TokenKind::RParen => State::Args {
                    depth: depth - 1,
                    then,
                },
                _ => State::Args { depth, then },
            },
            State::AfterClause => match kind {
                TokenKind::Keyword(Keyword::And | Keyword::Or) => State::ClauseStart,
                TokenKind::Keyword(Keyword::Order) if self.depth == 0 => State::OrderBy,
                TokenKind::RParen if self.depth > 0 => {
                    self.depth -= 1;
                    self.history = false;
                    State::AfterClause
                }
                TokenKind::Keyword(kw) if self.history && is_predicate(kw) => {
                    self.operator = format!("{kw:?}").to_lowercase();
                    State::Operand
                }
                _ => State::Dead,
            },
            State::OrderBy => match kind {
                TokenKind::Keyword(Keyword::By) => State::OrderField,
                _ => State::Dead,
            },
            State::OrderField if is_field(kind) => State::AfterOrderField,
            State::AfterOrderField => match kind {
                TokenKind::Keyword(Keyword::Asc | Keyword::Desc) => State::AfterOrderDirection,
                TokenKind::Comma => State::OrderField,
                _ => State::Dead,
            },
            State::AfterOrderDirection if kind == TokenKind::Comma => State::OrderField,
            _ => State::Dead,
        };
        self.at_start = false;
    }

    /// Ends a word operator: the state after it, or `None` if the words are
    /// no whole operator.
    fn finish_operator(&mut self, words: &[Keyword]) -> Option<State> {
        let op = word_operator(words)?;
        self.operator = op.to_string();
        self.history = op.starts_with("was") || op == "changed";
        Some(if op == "changed" {
            State::AfterClause
        } else {
            State::Operand
        })
    }

    /// The context for the walk's state and the word at the cursor.
    fn context(mut self, partial: Option<Partial>, cursor: usize) -> CompletionContext {
        let (prefix, replace) = match &partial {
            Some(p) => (p.prefix.clone(), p.replace.clone()),
            None => (String::new(), cursor..cursor),
        };
        let quoted = partial
            .as_ref()
            .is_some_and(|p| matches!(p.kind, TokenKind::QuotedString { .. }));
        let keyword = |place| {
            if quoted {
                CompletionContext::None
            } else {
                CompletionContext::Keyword {
                    prefix: prefix.clone(),
                    replace: replace.clone(),
                    place,
                }
            }
        };
        match std::mem::replace(&mut self.state, State::Dead) {
            State::ClauseStart => CompletionContext::Field { prefix, replace },
            State::AfterField { words, start } => {
                self.operator_context(words, start, partial, cursor)
            }
            State::Operand => self.value(prefix, replace, false),
            State::ListItem { expect_value: true } => self.value(prefix, replace, true),
            State::ListItem {
                expect_value: false,
            } => keyword(KeywordPlace::AfterListItem),
            State::AfterClause => keyword(KeywordPlace::AfterClause {
                in_group: self.depth > 0,
                history: self.history,
            }),
            State::OrderBy => keyword(KeywordPlace::OrderBy),
            State::OrderField => CompletionContext::OrderField { prefix, replace },
            State::AfterOrderField => keyword(KeywordPlace::AfterOrderField),
            State::AfterOrderDirection => keyword(KeywordPlace::AfterOrderDirection),
            State::Args { .. } | State::Dead => CompletionContext::None,
        }
    }

    fn value(&self, prefix: String, replace: Range<usize>, in_list: bool) -> CompletionContext {
        CompletionContext::Value {
            field: self.field.clone(),
            operator: self.operator.clone(),
            prefix,
            replace,
            in_list,
        }
    }

    /// After a field: an operator being typed, or (once a word operator is
    /// whole and the typing goes on past it) the value.
    fn operator_context(
        mut self,
        words: Vec<Keyword>,
        start: usize,
        partial: Option<Partial>,
        cursor: usize,
    ) -> CompletionContext {
        let typed: Vec<&str> = words.iter().map(|&k| keyword_text(k)).collect();
        let joined = typed.join(" ");
        match partial {
            Some(p) if matches!(p.kind, TokenKind::QuotedString { .. } | TokenKind::Number) => {
                match self.finish_operator(&words) {
                    Some(state) => {
                        self.state = state;
                        self.context(Some(p), cursor)
                    }
                    None => CompletionContext::None,
                }
            }
            Some(p) => {
                let prefix = if words.is_empty() {
                    p.prefix.to_lowercase()
                } else {
                    format!("{joined} {}", p.prefix.to_lowercase())
                };
                let grows = WORD_OPERATORS.iter().any(|op| op.starts_with(&prefix));
                if !words.is_empty()
                    && !grows
                    && let Some(state) = self.finish_operator(&words)
                {
                    self.state = state;
                    return self.context(Some(p), cursor);
                }
                let from = if words.is_empty() {
                    p.replace.start
                } else {
                    start
                };
                CompletionContext::Operator {
                    field: self.field.clone(),
                    prefix,
                    replace: from..p.replace.end,
                }
            }
            None if words.is_empty() => CompletionContext::Operator {
                field: self.field.clone(),
                prefix: String::new(),
                replace: cursor..cursor,
            },
            None => match self.finish_operator(&words) {
                Some(state) => {
                    self.state = state;
                    self.context(None, cursor)
                }
                None => CompletionContext::Operator {
                    field: self.field.clone(),
                    prefix: format!("{joined} "),
                    replace: start..cursor,
                },
            },
        }
    }
}
