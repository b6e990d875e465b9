//! Validation of a parsed query and its compilation into matchers.

use std::cmp::Ordering;

use super::fields::{self, Behavior, Resolved};
use super::history;
use super::matching::{Needle, Node, SortKey, Test};
use super::values::{DATE_FORMATS, date_function, parse_date, text_terms};
use super::{CompiledQuery, Field, JqlContext};
use crate::jql::{Clause, Operand, Operator, Query, SortDirection, Term};

/// A validation message and the byte offset it is about.
pub(super) type Error = (String, usize);

pub(super) fn compile(query: &Query, ctx: &dyn JqlContext) -> Result<CompiledQuery, Error> {
    let root = match &query.clause {
        Some(clause) => Some(compile_clause(clause, ctx)?),
        None => None,
    };
    let mut order = Vec::with_capacity(query.order_by.len());
    for term in &query.order_by {
        let at = term.field_span.start;
        let resolved = fields::resolve(&term.field, ctx).map_err(|m| (m, at))?;
        if !fields::sortable(resolved.field) {
            return Err((
                format!("Not able to sort using field '{}'.", term.field.text),
                at,
            ));
        }
        order.push(SortKey {
            field: resolved.field,
            descending: term.direction == Some(SortDirection::Desc),
        });
    }
    Ok(CompiledQuery { root, order })
}

fn compile_clause(clause: &Clause, ctx: &dyn JqlContext) -> Result<Node, Error> {
    Ok(match clause {
        Clause::And(parts) => Node::All(compile_all(parts, ctx)?),
        Clause::Or(parts) => Node::Any(compile_all(parts, ctx)?),
        Clause::Not(inner) => Node::Not(Box::new(compile_clause(inner, ctx)?)),
        Clause::Term(term) => compile_term(term, ctx)?,
    })
}

fn compile_all(parts: &[Clause], ctx: &dyn JqlContext) -> Result<Vec<Node>, Error> {
    parts.iter().map(|c| compile_clause(c, ctx)).collect()
}

/// Compiles one term; everything about one term is checked here.
pub(super) struct TermCompiler<'a> {
    pub term: &'a Term,
    pub resolved: Resolved,
    pub ctx: &'a dyn JqlContext,
}

fn compile_term(term: &Term, ctx: &dyn JqlContext) -> Result<Node, Error> {
    let at = term.span.start;
    let resolved = fields::resolve(&term.field, ctx).map_err(|m| (m, at))?;
    let tc = TermCompiler {
        term,
        resolved,
        ctx,
    };
    if !fields::supports(resolved, term.operator) {
        return Err(tc.error(format!(
            "The operator '{}' is not supported by the '{}' field.",
            term.operator.display(),
            term.field.text
        )));
    }
    let field = resolved.field;
    match term.operator {
        Operator::Is | Operator::IsNot => {
            if term.operand != Operand::Empty {
                return Err(tc.error(format!(
                    "The operator '{}' only supports searching for EMPTY values.",
                    term.operator.display()
                )));
            }
            tc.check_empty_supported()?;
            Ok(Node::Cond(
                field,
                Test::Empty(term.operator == Operator::Is),
            ))
        }
        Operator::Like | Operator::NotLike => {
            let text = tc.single_text()?;
            let terms = text_terms(&text);
            let negate = term.operator == Operator::NotLike;
            Ok(Node::Cond(field, Test::Text { terms, negate }))
        }
        Operator::Gt | Operator::Ge | Operator::Lt | Operator::Le => {
            let wanted = match term.operator {
                Operator::Gt => vec![Ordering::Greater],
                Operator::Ge => vec![Ordering::Greater, Ordering::Equal],
                Operator::Lt => vec![Ordering::Less],
                _ => vec![Ordering::Less, Ordering::Equal],
            };
            match tc.ordered_needle(&term.operand)? {
                Some(needle) => Ok(Node::Cond(field, Test::Compare(wanted, needle))),
                None => Ok(Node::Never),
            }
        }
        Operator::Eq | Operator::NotEq | Operator::In | Operator::NotIn => {
            let negate = matches!(term.operator, Operator::NotEq | Operator::NotIn);
            let mut needles = Vec::new();
            let mut or_empty = false;
            tc.collect(&term.operand, &mut needles, &mut or_empty)?;
            if needles.is_empty() && !or_empty && !negate {
                return Ok(Node::Never);
            }
            Ok(Node::Cond(
                field,
                Test::AnyOf {
                    needles,
                    or_empty,
                    negate,
                },
            ))
        }
        Operator::Was
        | Operator::WasNot
        | Operator::WasIn
        | Operator::WasNotIn
        | Operator::Changed => history::compile(&tc),
    }
}

impl TermCompiler<'_> {
    pub(super) fn error(&self, message: String) -> Error {
        (message, self.term.span.start)
    }

    pub(super) fn operand_error(&self, message: String) -> Error {
        (message, self.term.operand_span.start)
    }

    pub(super) fn name(&self) -> &str {
        &self.term.field.text
    }

    fn check_empty_supported(&self) -> Result<(), Error> {
        if fields::supports_empty(self.resolved.field) {
            return Ok(());
        }
        Err(self.operand_error(format!(
            "The field '{}' does not support searching for EMPTY values.",
            self.name()
        )))
    }

    /// The text of a `~` operand.
    fn single_text(&self) -> Result<String, Error> {
        match &self.term.operand {
            Operand::Value { text, .. } => Ok(text.clone()),
            Operand::Empty => {
                self.check_empty_supported()?;
                Err(self.operand_error(format!(
                    "The field '{}' does not support searching for EMPTY values.",
                    self.name()
                )))
            }
            Operand::Function { name, args } => Err(self.function_error(name, args)),
            Operand::List(_) => Err(self.operand_error(format!(
                "The operator '{}' does not support multiple values.",
                self.term.operator.display()
            ))),
        }
    }

    /// The needle for `>`, `>=`, `<`, `<=`; `None` matches nothing.
    fn ordered_needle(&self, operand: &Operand) -> Result<Option<Needle>, Error> {
        match operand {
            Operand::Value { text, quoted } => {
                if self.resolved.behavior == Behavior::Named {
                    return match self.ctx.rank(self.resolved.field, text) {
                        Some(rank) => Ok(Some(Needle::Rank(rank))),
                        None => Err(self.missing_value(text, *quoted)),
                    };
                }
                self.value_needle(text, *quoted, false).map(Some)
            }
            Operand::Function { name, args } => self.function_needle(name, args),
            Operand::Empty => Err(self.operand_error(format!(
                "The operator '{}' does not support searching for EMPTY values on the field '{}'.",
                self.term.operator.display(),
                self.name()
            ))),
            Operand::List(_) => Err(self.operand_error(format!(
                "The operator '{}' does not support multiple values.",
                self.term.operator.display()
            ))),
        }
    }

    /// Gathers the needles of an `=`/`IN`/`WAS` operand, flattening lists.
    pub(super) fn collect(
        &self,
        operand: &Operand,
        needles: &mut Vec<Needle>,
        or_empty: &mut bool,
    ) -> Result<(), Error> {
        match operand {
            Operand::Empty => {
                self.check_empty_supported()?;
                *or_empty = true;
            }
            Operand::List(items) => {
                if matches!(
                    self.term.operator,
                    Operator::Eq | Operator::NotEq | Operator::Was | Operator::WasNot
                ) {
                    return Err(self.operand_error(format!(
                        "The operator '{}' does not support multiple values.",
                        self.term.operator.display()
                    )));
                }
                for item in items {
                    self.collect(item, needles, or_empty)?;
                }
            }
            Operand::Function { name, args } => {
                if let Some(values) = self.ctx.function_values(self.resolved.field, name) {
                    if !args.is_empty() {
                        return Err(self.operand_error(format!(
                            "Function '{name}' expected '0' arguments but received '{}'.",
                            args.len()
                        )));
                    }
                    needles.extend(values.into_iter().map(|v| Needle::Name {
                        lower: v.to_lowercase(),
                        exact: v,
                    }));
                    return Ok(());
                }
                needles.extend(self.function_needle(name, args)?);
            }
            Operand::Value { text, quoted } => {
                if self.resolved.field == Field::Resolution
                    && text.eq_ignore_ascii_case("unresolved")
                    && !self.ctx.value_exists(Field::Resolution, text)
                {
                    *or_empty = true;
                } else {
                    needles.push(self.value_needle(text, *quoted, true)?);
                }
            }
        }
        Ok(())
    }

    fn missing_value(&self, text: &str, quoted: bool) -> Error {
        let message = if !quoted && !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
            format!(
                "A value with ID '{text}' does not exist for the field '{}'.",
                self.name()
            )
        } else {
            format!(
                "The value '{text}' does not exist for the field '{}'.",
                self.name()
            )
        };
        self.operand_error(message)
    }

    /// The needle for one literal value. `must_exist` checks keys exist.
    fn value_needle(&self, text: &str, quoted: bool, must_exist: bool) -> Result<Needle, Error> {
        let field = self.resolved.field;
        let name = || Needle::Name {
            exact: text.to_string(),
            lower: text.to_lowercase(),
        };
        match self.resolved.behavior {
            Behavior::Named | Behavior::User => {
                if self.ctx.value_exists(field, text) {
                    Ok(name())
                } else if self.resolved.behavior == Behavior::User {
                    Err(self.operand_error(format!(
                        "The value '{text}' does not exist for the field '{}'.",
                        self.name()
                    )))
                } else {
                    Err(self.missing_value(text, quoted))
                }
            }
            Behavior::Key => {
                let needle = parse_key(text).ok_or_else(|| {
                    self.operand_error(format!(
                        "The issue key '{text}' for field '{}' is invalid.",
                        self.name()
                    ))
                })?;
                if must_exist && !self.ctx.value_exists(field, text) {
                    return Err(self.operand_error(format!(
                        "An issue with key '{text}' does not exist for field '{}'.",
                        self.name()
                    )));
                }
                Ok(needle)
            }
            Behavior::Labels => Ok(Needle::Exact(text.to_string())),
            Behavior::Text => Ok(name()),
            Behavior::Date => match parse_date(text, self.ctx.now()) {
                Some(at) => Ok(Needle::Instant(at, at.date_naive())),
                None => Err(self.operand_error(format!(
                    "Date value '{text}' for field '{}' is invalid. {DATE_FORMATS}",
                    self.name()
                ))),
            },
            Behavior::Number => match text.trim().parse::<f64>() {
                Ok(n) if n.is_finite() => Ok(Needle::Number(n)),
                _ => Err(self.operand_error(format!(
                    "The value '{text}' for field '{}' is invalid - please specify a number.",
                    self.name()
                ))),
            },
        }
    }

    pub(super) fn function_error(&self, name: &str, args: &[String]) -> Error {
        self.operand_error(format!(
            "Unable to find JQL function '{name}({})'.",
            args.join(", ")
        ))
    }

    /// The needle a function stands for; `None` matches nothing (e.g.
    /// `currentUser()` for an anonymous caller).
    fn function_needle(&self, name: &str, args: &[String]) -> Result<Option<Needle>, Error> {
        let invalid_for_field = || {
            self.operand_error(format!(
                "A value provided by the function '{name}' is invalid for the field '{}'.",
                self.name()
            ))
        };
        if name.eq_ignore_ascii_case("currentUser") {
            if self.resolved.behavior != Behavior::User {
                return Err(invalid_for_field());
            }
            if !args.is_empty() {
                return Err(self.operand_error(format!(
                    "Function '{name}' expected '0' arguments but received '{}'.",
                    args.len()
                )));
            }
            return Ok(self.ctx.current_user().map(|u| Needle::User(u.account_id)));
        }
        match date_function(name, args, self.ctx.now()) {
            Ok(None) => Err(self.function_error(name, args)),
            Ok(Some(_)) | Err(_) if self.resolved.behavior != Behavior::Date => {
                Err(invalid_for_field())
            }
            Ok(Some(at)) => Ok(Some(Needle::Instant(at, at.date_naive()))),
            Err(message) => Err(self.operand_error(message)),
        }
    }
}

/// `ABC-12` (any case) or a numeric issue id.
fn parse_key(text: &str) -> Option<Needle> {
    let text = text.trim();
    if let Ok(id) = text.parse::<u64>() {
        return Some(Needle::IssueId(id));
    }
    let (project, number) = text.rsplit_once('-')?;
    let valid_project = project
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && project
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !valid_project {
        return None;
    }
    Some(Needle::Key {
        project: project.to_ascii_lowercase(),
        number: number.parse().ok()?,
    })
}
