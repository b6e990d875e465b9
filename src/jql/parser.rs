//! The JQL parser: [`parse`] turns a query string into a [`Query`].
//!
//! Errors carry Jira's own wording and point at the offending token, so a
//! client can show them exactly as Jira would.

use super::ast::{
    Clause, Operand, Operator, OrderTerm, Predicate, PredicateKind, Query, SortDirection, Term,
};
use super::error::JqlError;
use super::lexer::{Keyword, Token, TokenKind, lex};
use super::text::{decode, illegal_character, reserved_character, unterminated};

mod operands;

const VALID_OPERATORS: &str = "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.";

/// Parses a JQL query. An empty query, or one with only ORDER BY, is valid
/// and has no clause.
pub fn parse(input: &str) -> Result<Query, JqlError> {
    let tokens: Vec<Token> = lex(input)
        .into_iter()
        .filter(|t| t.kind != TokenKind::Whitespace)
        .collect();
    check_lexical(input, &tokens)?;
    let mut parser = Parser {
        input,
        tokens,
        pos: 0,
    };
    parser.query()
}

/// Reports the first lexical error (reserved or illegal character,
/// unfinished string, bad escape), as Jira's lexer does before parsing.
fn check_lexical(input: &str, tokens: &[Token]) -> Result<(), JqlError> {
    for token in tokens {
        let text = &input[token.span.clone()];
        let at = token.span.start;
        match token.kind {
            TokenKind::Unknown => {
                let c = text.chars().next().unwrap_or('\u{0}');
                return Err(if super::lexer::is_illegal(c) {
                    illegal_character(input, at, c)
                } else {
                    reserved_character(input, at, c)
                });
            }
            TokenKind::QuotedString { terminated: false } => {
                return Err(unterminated(input, at, text));
            }
            TokenKind::QuotedString { terminated: true } => {
                decode(input, at + 1, &text[1..text.len() - 1])?;
            }
            TokenKind::Word => {
                decode(input, at, text)?;
            }
            _ => {}
        }
    }
    Ok(())
}

struct Parser<'a> {
    input: &'a str,
    tokens: Vec<Token>,
    pos: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn peek_kind(&self) -> Option<TokenKind> {
        self.peek().map(|t| t.kind)
    }

    fn peek_keyword(&self, kw: Keyword) -> bool {
        self.peek_kind() == Some(TokenKind::Keyword(kw))
    }

    fn bump(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.pos).cloned();
        if token.is_some() {
            self.pos += 1;
        }
        token
    }

    fn text(&self, token: &Token) -> &'a str {
        &self.input[token.span.clone()]
    }

    /// End of the last consumed token.
    fn last_end(&self) -> usize {
        self.pos
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .map_or(0, |t| t.span.end)
    }

    fn error_at(&self, token: &Token, message: &str) -> JqlError {
        JqlError::syntax_at(self.input, token.span.start, message)
    }

    fn error_end(&self, message: &str) -> JqlError {
        JqlError::syntax_at_end(self.input, message)
    }

    /// "Expecting X but got 'tok'." at the next token, or "Expecting X
    /// before the end of the query." at the end.
    fn expecting(&self, what: &str) -> JqlError {
        match self.peek() {
            Some(t) => self.error_at(t, &format!("Expecting {what} but got '{}'.", self.text(t))),
            None => self.error_end(&format!("Expecting {what} before the end of the query.")),
        }
    }

    fn query(&mut self) -> Result<Query, JqlError> {
        let mut query = Query::default();
        if self.peek().is_some() && !self.peek_keyword(Keyword::Order) {
            query.clause = Some(self.or_clause()?);
        }
        match self.peek_kind() {
            None => {}
            Some(TokenKind::Keyword(Keyword::Order)) => query.order_by = self.order_by()?,
            Some(_) => return Err(self.expecting("either 'OR' or 'AND'")),
        }
        Ok(query)
    }

    fn or_clause(&mut self) -> Result<Clause, JqlError> {
        let mut parts = vec![self.and_clause()?];
        while self.peek_keyword(Keyword::Or) {
            self.bump();
            parts.push(self.and_clause()?);
        }
        Ok(collapse(parts, Clause::Or))
    }

    fn and_clause(&mut self) -> Result<Clause, JqlError> {
        let mut parts = vec![self.not_clause()?];
        while self.peek_keyword(Keyword::And) {
            self.bump();
            parts.push(self.not_clause()?);
        }
        Ok(collapse(parts, Clause::And))
    }

    fn not_clause(&mut self) -> Result<Clause, JqlError> {
        match self.peek_kind() {
            Some(TokenKind::Keyword(Keyword::Not)) => {
                self.bump();
                Ok(Clause::Not(Box::new(self.not_clause()?)))
            }
            Some(TokenKind::LParen) => {
                self.bump();
                let inner = self.or_clause()?;
                match self.peek_kind() {
                    Some(TokenKind::RParen) => {
                        self.bump();
                        Ok(inner)
                    }
                    None => Err(self.error_end("Expecting ')' before the end of the query.")),
                    Some(_) => Err(self.expecting("either 'OR' or 'AND'")),
                }
            }
            _ => Ok(Clause::Term(self.term()?)),
        }
    }

    fn term(&mut self) -> Result<Term, JqlError> {
        let (field, field_span) = self.field()?;
        let operator = self.operator()?;
        let (operand, operand_span) = if operator == Operator::Changed {
            let at = self.last_end();
            (Operand::List(Vec::new()), at..at)
        } else {
            let start = self.peek().map_or(self.input.len(), |t| t.span.start);
            let operand = self.operand()?;
            (operand, start..self.last_end())
        };
        let mut predicates = Vec::new();
        if matches!(
            operator,
            Operator::Was
                | Operator::WasNot
                | Operator::WasIn
                | Operator::WasNotIn
                | Operator::Changed
        ) {
            while let Some(kind) = self.peek_predicate() {
                self.bump();
                let operand = self.operand()?;
                predicates.push(Predicate { kind, operand });
            }
        }
        Ok(Term {
            span: field_span.start..self.last_end(),
            field,
            field_span,
            operator,
            operand,
            operand_span,
            predicates,
        })
    }

    fn peek_predicate(&self) -> Option<PredicateKind> {
        match self.peek_kind()? {
            TokenKind::Keyword(Keyword::After) => Some(PredicateKind::After),
            TokenKind::Keyword(Keyword::Before) => Some(PredicateKind::Before),
            TokenKind::Keyword(Keyword::On) => Some(PredicateKind::On),
            TokenKind::Keyword(Keyword::During) => Some(PredicateKind::During),
            TokenKind::Keyword(Keyword::By) => Some(PredicateKind::By),
            TokenKind::Keyword(Keyword::From) => Some(PredicateKind::From),
            TokenKind::Keyword(Keyword::To) => Some(PredicateKind::To),
            _ => None,
        }
    }

    fn operator(&mut self) -> Result<Operator, JqlError> {
        let Some(token) = self.peek().cloned() else {
            return Err(self.error_end(&format!(
                "Expecting operator before the end of the query. {VALID_OPERATORS}"
            )));
        };
        let text = self.text(&token);
        let op = match token.kind {
            TokenKind::Operator => match text {
                "=" => Operator::Eq,
                "!=" => Operator::NotEq,
                ">" => Operator::Gt,
                ">=" => Operator::Ge,
                "<" => Operator::Lt,
                "<=" => Operator::Le,
                "~" => Operator::Like,
                _ => Operator::NotLike,
            },
            TokenKind::Keyword(Keyword::In) => Operator::In,
            TokenKind::Keyword(Keyword::Not) if text != "!" => {
                self.bump();
                if !self.peek_keyword(Keyword::In) {
                    return Err(self.expecting("'IN'"));
                }
                Operator::NotIn
            }
            TokenKind::Keyword(Keyword::Is) => {
                self.bump();
                if self.peek_keyword(Keyword::Not) {
                    if self.peek().is_some_and(|t| self.text(t) == "!") {
                        return Err(self.expecting("'NOT'"));
                    }
                    self.bump();
                    return Ok(Operator::IsNot);
                }
                return Ok(Operator::Is);
            }
            TokenKind::Keyword(Keyword::Was) => {
                self.bump();
                let not = self.peek_keyword(Keyword::Not);
                if not {
                    self.bump();
                }
                let within = self.peek_keyword(Keyword::In);
                if within {
                    self.bump();
                }
                return Ok(match (not, within) {
                    (false, false) => Operator::Was,
                    (true, false) => Operator::WasNot,
                    (false, true) => Operator::WasIn,
                    (true, true) => Operator::WasNotIn,
                });
            }
            TokenKind::Keyword(Keyword::Changed) => Operator::Changed,
            _ => {
                return Err(self.error_at(
                    &token,
                    &format!("Expecting operator but got '{text}'. {VALID_OPERATORS}"),
                ));
            }
        };
        self.bump();
        Ok(op)
    }

    fn order_by(&mut self) -> Result<Vec<OrderTerm>, JqlError> {
        self.bump(); // ORDER
        if !self.peek_keyword(Keyword::By) {
            return Err(self.expecting("'by'"));
        }
        self.bump();
        let mut terms = Vec::new();
        loop {
            let (field, field_span) = self.field()?;
            let direction = match self.peek_kind() {
                Some(TokenKind::Keyword(Keyword::Asc)) => Some(SortDirection::Asc),
                Some(TokenKind::Keyword(Keyword::Desc)) => Some(SortDirection::Desc),
                _ => None,
            };
            if direction.is_some() {
                self.bump();
            }
            terms.push(OrderTerm {
                field,
                field_span,
                direction,
            });
            match self.peek_kind() {
                None => return Ok(terms),
                Some(TokenKind::Comma) => {
                    self.bump();
                }
                Some(_) if direction.is_some() => return Err(self.expecting("','")),
                Some(_) => return Err(self.expecting("either 'ASC' or 'DESC'")),
            }
        }
    }
}

/// One clause stays itself; several are joined with `join`.
fn collapse(mut parts: Vec<Clause>, join: fn(Vec<Clause>) -> Clause) -> Clause {
    if parts.len() == 1
        && let Some(only) = parts.pop()
    {
        return only;
    }
    join(parts)
}
