//! JQL (Jira Query Language): lexer, syntax tree and parser.
//!
//! [`lexer::lex`] never fails and is meant for highlighting as well as
//! parsing; [`parser::parse`] turns a query into a [`Query`] or a
//! [`JqlError`] worded as Jira words it. [`operators`] is the one table of
//! which operators each field takes.

pub mod ast;
pub mod complete;
pub mod error;
pub mod fuzzy;
pub mod lexer;
pub mod operators;
pub mod parser;
mod text;

#[cfg(test)]
mod parser_error_tests;
#[cfg(test)]
mod parser_tests;

pub use ast::{
    Clause, FieldName, Operand, Operator, OrderTerm, Predicate, PredicateKind, Query,
    SortDirection, Term,
};
pub use error::JqlError;
pub use lexer::{Keyword, Token, TokenKind, lex};
pub use parser::parse;
