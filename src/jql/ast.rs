//! The syntax tree [`crate::jql::parser::parse`] produces.

use std::ops::Range;

/// A whole query: an optional condition and an optional ORDER BY.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Query {
    /// The condition; `None` for an empty query (everything matches).
    pub clause: Option<Clause>,
    /// The ORDER BY terms, in order; empty when there is no ORDER BY.
    pub order_by: Vec<OrderTerm>,
}

/// A condition. NOT binds tighter than AND, which binds tighter than OR.
#[derive(Debug, Clone, PartialEq)]
pub enum Clause {
    /// All of the clauses (two or more).
    And(Vec<Clause>),
    /// Any of the clauses (two or more).
    Or(Vec<Clause>),
    /// The negation of a clause.
    Not(Box<Clause>),
    /// A single `field operator operand` comparison.
    Term(Term),
}

/// A single comparison such as `status = "In Progress"`.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// The field on the left.
    pub field: FieldName,
    /// Byte span of the field name in the query.
    pub field_span: Range<usize>,
    /// The operator.
    pub operator: Operator,
    /// The operand on the right. For `CHANGED`, which takes none, an empty
    /// [`Operand::List`].
    pub operand: Operand,
    /// Byte span of the operand (empty at the operator's end for CHANGED).
    pub operand_span: Range<usize>,
    /// Predicates of a history search (`WAS` / `CHANGED`); empty otherwise.
    pub predicates: Vec<Predicate>,
    /// Byte span of the whole term.
    pub span: Range<usize>,
}

/// A field name as written in the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldName {
    /// The name with quotes removed and escapes decoded; `cf[N]` as written.
    pub text: String,
    /// Whether the name was in quotes.
    pub quoted: bool,
    /// The id of a `cf[N]` reference.
    pub custom_id: Option<u64>,
}

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operator {
    /// `=`.
    Eq,
    /// `!=`.
    NotEq,
    /// `>`.
    Gt,
    /// `>=`.
    Ge,
    /// `<`.
    Lt,
    /// `<=`.
    Le,
    /// `~` (contains).
    Like,
    /// `!~` (does not contain).
    NotLike,
    /// `IN`.
    In,
    /// `NOT IN`.
    NotIn,
    /// `IS`.
    Is,
    /// `IS NOT`.
    IsNot,
    /// `WAS`.
    Was,
    /// `WAS NOT`.
    WasNot,
    /// `WAS IN`.
    WasIn,
    /// `WAS NOT IN`.
    WasNotIn,
    /// `CHANGED`.
    Changed,
}

impl Operator {
    /// How Jira prints the operator in validation messages.
    pub fn display(self) -> &'static str {
        match self {
            Operator::Eq => "=",
            Operator::NotEq => "!=",
            Operator::Gt => ">",
            Operator::Ge => ">=",
            Operator::Lt => "<",
            Operator::Le => "<=",
            Operator::Like => "~",
            Operator::NotLike => "!~",
            Operator::In => "in",
            Operator::NotIn => "not in",
            Operator::Is => "is",
            Operator::IsNot => "is not",
            Operator::Was => "was",
            Operator::WasNot => "was not",
            Operator::WasIn => "was in",
            Operator::WasNotIn => "was not in",
            Operator::Changed => "changed",
        }
    }
}

/// The right-hand side of a term.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    /// A single value.
    Value {
        /// The value with quotes removed and escapes decoded.
        text: String,
        /// Whether it was quoted.
        quoted: bool,
    },
    /// A parenthesised list of operands.
    List(Vec<Operand>),
    /// A function call such as `startOfDay(-1)`.
    Function {
        /// The function name as written.
        name: String,
        /// The arguments, unquoted and decoded.
        args: Vec<String>,
    },
    /// `EMPTY` or `NULL`.
    Empty,
}

/// A WAS/CHANGED predicate such as `BY bob` or `DURING (a, b)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Predicate {
    /// Which predicate.
    pub kind: PredicateKind,
    /// Its operand.
    pub operand: Operand,
}

/// The predicates of history searches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PredicateKind {
    /// `AFTER date`.
    After,
    /// `BEFORE date`.
    Before,
    /// `ON date`.
    On,
    /// `DURING (date, date)`.
    During,
    /// `BY user`.
    By,
    /// `FROM value` (CHANGED only).
    From,
    /// `TO value` (CHANGED only).
    To,
}

/// One ORDER BY entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderTerm {
    /// The field to sort by.
    pub field: FieldName,
    /// Byte span of the field name.
    pub field_span: Range<usize>,
    /// The direction if one was given.
    pub direction: Option<SortDirection>,
}

/// Sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortDirection {
    /// `ASC`.
    Asc,
    /// `DESC`.
    Desc,
}
