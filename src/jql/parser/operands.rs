//! Field names, operands, lists and function arguments.

use super::Parser;
use crate::jql::ast::{FieldName, Operand};
use crate::jql::error::JqlError;
use crate::jql::lexer::{Keyword, Token, TokenKind};
use crate::jql::text::decode;

impl Parser<'_> {
    /// A field name: word, quoted string or `cf[N]`.
    pub(super) fn field(&mut self) -> Result<(FieldName, std::ops::Range<usize>), JqlError> {
        let Some(token) = self.bump() else {
            return Err(self.error_end("Expecting a field name at the end of the query."));
        };
        let text = self.text(&token);
        let span = token.span.clone();
        let name = match token.kind {
            TokenKind::Word | TokenKind::Number if text.eq_ignore_ascii_case("cf") => {
                return self.split_custom_field(&token);
            }
            TokenKind::Word | TokenKind::Number => FieldName {
                text: decode(self.input, span.start, text)?,
                quoted: false,
                custom_id: None,
            },
            TokenKind::QuotedString { .. } => {
                let inner = &text[1..text.len().saturating_sub(1).max(1)];
                let decoded = decode(self.input, span.start + 1, inner)?;
                if decoded.is_empty() {
                    return Err(self.error_at(&token, "A field name cannot be empty."));
                }
                FieldName {
                    text: decoded,
                    quoted: true,
                    custom_id: None,
                }
            }
            TokenKind::CustomField => {
                let digits = &text[3..text.len() - 1];
                let id = self.positive_number(digits, span.start + 3)?;
                FieldName {
                    text: text.to_string(),
                    quoted: false,
                    custom_id: Some(id),
                }
            }
            TokenKind::LBracket => {
                return Err(self.error_at(
                    &token,
                    "Expecting a field name but got '['. Did you mean 'cf['?",
                ));
            }
            _ => {
                return Err(self.error_at(
                    &token,
                    &format!(
                        "Expecting a field name but got '{text}'. You must surround '{text}' in quotation marks to use it as a field name."
                    ),
                ));
            }
        };
        Ok((name, span))
    }

    /// `cf [ N ]` written with separate tokens (the lexer only joins a
    /// complete `cf[N]`), giving Jira's errors for each missing piece.
    fn split_custom_field(
        &mut self,
        cf: &Token,
    ) -> Result<(FieldName, std::ops::Range<usize>), JqlError> {
        if self.peek_kind() != Some(TokenKind::LBracket) {
            return Err(self.expecting("'['"));
        }
        self.bump();
        let what = "a custom field id (a positive number)";
        let id = match self.peek() {
            Some(t) if t.kind == TokenKind::Number && !self.text(t).starts_with('-') => {
                let (digits, at) = (self.text(t), t.span.start);
                let id = self.positive_number(digits, at)?;
                self.bump();
                id
            }
            _ => return Err(self.expecting(what)),
        };
        if self.peek_kind() != Some(TokenKind::RBracket) {
            return Err(self.expecting("']'"));
        }
        self.bump();
        let span = cf.span.start..self.last_end();
        let name = FieldName {
            text: format!("cf[{id}]"),
            quoted: false,
            custom_id: Some(id),
        };
        Ok((name, span))
    }

    fn positive_number(&self, digits: &str, at: usize) -> Result<u64, JqlError> {
        check_number(self.input, digits, at)?;
        digits.parse::<u64>().map_err(|_| {
            JqlError::syntax_at(
                self.input,
                at,
                "Expecting a custom field id (a positive number).",
            )
        })
    }

    pub(super) fn operand(&mut self) -> Result<Operand, JqlError> {
        let Some(token) = self.bump() else {
            return Err(self.error_end(
                "Expecting either a value, list or function before the end of the query.",
            ));
        };
        let text = self.text(&token);
        let at = token.span.start;
        match token.kind {
            TokenKind::Number => {
                check_number(self.input, text, at)?;
                Ok(Operand::Value {
                    text: text.to_string(),
                    quoted: false,
                })
            }
            TokenKind::Word | TokenKind::QuotedString { .. } => {
                let quoted = token.kind != TokenKind::Word;
                let value = if quoted {
                    decode(self.input, at + 1, &text[1..text.len().saturating_sub(1).max(1)])?
                } else {
                    decode(self.input, at, text)?
                };
                if self.peek_kind() == Some(TokenKind::LParen) {
                    if value.is_empty() {
                        return Err(self.error_at(&token, "A function name cannot be empty."));
                    }
                    self.bump();
                    let args = self.function_args()?;
                    return Ok(Operand::Function { name: value, args });
                }
                Ok(Operand::Value { text: value, quoted })
            }
            TokenKind::Keyword(Keyword::Empty | Keyword::Null) => Ok(Operand::Empty),
            TokenKind::LParen => self.list(),
            _ => Err(self.error_at(
                &token,
                &format!(
                    "Expecting either a value, list or function but got '{text}'. You must surround '{text}' in quotation marks to use it as a value."
                ),
            )),
        }
    }

    /// The rest of a list after its `(`.
    fn list(&mut self) -> Result<Operand, JqlError> {
        let mut items = vec![self.operand()?];
        loop {
            match self.peek_kind() {
                Some(TokenKind::Comma) => {
                    self.bump();
                    items.push(self.operand()?);
                }
                Some(TokenKind::RParen) => {
                    self.bump();
                    return Ok(Operand::List(items));
                }
                _ => return Err(self.expecting("')'")),
            }
        }
    }

    /// The arguments of a function after its `(`, through the `)`.
    fn function_args(&mut self) -> Result<Vec<String>, JqlError> {
        let mut args = Vec::new();
        if self.peek_kind() == Some(TokenKind::RParen) {
            self.bump();
            return Ok(args);
        }
        if matches!(self.peek_kind(), None | Some(TokenKind::Comma)) {
            return Err(self.expecting("')'"));
        }
        loop {
            args.push(self.function_arg()?);
            match self.peek_kind() {
                Some(TokenKind::RParen) => {
                    self.bump();
                    return Ok(args);
                }
                Some(TokenKind::Comma) => {
                    self.bump();
                }
                None => return Err(self.error_end("Expecting ')' before the end of the query.")),
                Some(_) => return Err(self.expecting("')' or ','")),
            }
        }
    }

    fn function_arg(&mut self) -> Result<String, JqlError> {
        let Some(token) = self.bump() else {
            return Err(self.error_end("Expecting a function argument at the end of the query."));
        };
        let text = self.text(&token);
        let at = token.span.start;
        match token.kind {
            TokenKind::Word | TokenKind::Number => decode(self.input, at, text),
            TokenKind::QuotedString { .. } => {
                decode(self.input, at + 1, &text[1..text.len().saturating_sub(1).max(1)])
            }
            TokenKind::RParen => Err(self.error_at(&token, "Function argument must be specified.")),
            _ => Err(self.error_at(
                &token,
                &format!(
                    "Expecting a function argument but got '{text}'. You must surround '{text}' in quotation marks to use it as an argument."
                ),
            )),
        }
    }
}

/// Jira rejects whole numbers outside the range of a Java `long`.
fn check_number(input: &str, digits: &str, at: usize) -> Result<(), JqlError> {
    if digits.parse::<i64>().is_ok() {
        return Ok(());
    }
    Err(JqlError::syntax_at(
        input,
        at,
        &format!(
            "'{digits}' is not a valid number. Numbers must be between -9,223,372,036,854,775,808 and 9,223,372,036,854,775,807."
        ),
    ))
}
