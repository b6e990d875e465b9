//! History searches: `WAS`, `WAS IN`, `WAS NOT`, `WAS NOT IN` and `CHANGED`
//! with their predicates (`AFTER`, `BEFORE`, `ON`, `DURING`, `BY`, and for
//! `CHANGED` also `FROM`, `TO`).
//!
//! The demo keeps no change history, so its model is the simplest honest
//! one: an issue has held each of its values from its creation until now,
//! set by its reporter, and nothing has changed since. `WAS v` holds when the
//! current value is `v` and the predicates' window meets that time; `WAS NOT`
//! is its negation; `CHANGED` matches nothing. Operands are validated as Jira
//! validates them, so a query that fails on Jira fails here too.

use chrono::{DateTime, Days, Utc};

use super::Field;
use super::compile::{Error, TermCompiler};
use super::matching::{Held, Needle, Node, Test};
use super::values::{DATE_FORMATS, date_function, parse_date};
use crate::jql::{Operand, Operator, Predicate, PredicateKind};

/// Compiles a term whose operator is a history operator (the field's
/// support for it is already checked).
pub(super) fn compile(tc: &TermCompiler<'_>) -> Result<Node, Error> {
    let op = tc.term.operator;
    let mut window = Vec::new();
    for predicate in &tc.term.predicates {
        window.extend(compile_predicate(tc, predicate)?);
    }
    if op == Operator::Changed {
        // Nothing in the demo's data has ever changed.
        return Ok(Node::Never);
    }
    let mut needles = Vec::new();
    let mut or_empty = false;
    tc.collect(&tc.term.operand, &mut needles, &mut or_empty)?;
    Ok(Node::Was {
        field: tc.resolved.field,
        test: Test::AnyOf {
            needles,
            or_empty,
            negate: false,
        },
        window,
        negate: matches!(op, Operator::WasNot | Operator::WasNotIn),
    })
}

fn keyword(kind: PredicateKind) -> &'static str {
    match kind {
        PredicateKind::After => "after",
        PredicateKind::Before => "before",
        PredicateKind::On => "on",
        PredicateKind::During => "during",
        PredicateKind::By => "by",
        PredicateKind::From => "from",
        PredicateKind::To => "to",
    }
}

/// The condition a predicate puts on the time the value was held; `None`
/// when it always holds (the window reaches into the life).
fn compile_predicate(tc: &TermCompiler<'_>, p: &Predicate) -> Result<Option<Held>, Error> {
    let now = tc.ctx.now();
    let held = match p.kind {
        PredicateKind::After => (date(tc, p, &p.operand)? >= now).then_some(Held::Never),
        PredicateKind::Before => Some(Held::CreatedBefore {
            at: date(tc, p, &p.operand)?,
            inclusive: false,
        }),
        PredicateKind::On => {
            let day = date(tc, p, &p.operand)?.date_naive();
            let start = day.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
            let end = day
                .checked_add_days(Days::new(1))
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .map(|t| t.and_utc());
            match (start, end) {
                (Some(start), Some(end)) if start <= now => Some(Held::CreatedBefore {
                    at: end,
                    inclusive: false,
                }),
                _ => Some(Held::Never),
            }
        }
        PredicateKind::During => {
            let (from, to) = match &p.operand {
                Operand::List(items) if items.len() == 2 => {
                    (date(tc, p, &items[0])?, date(tc, p, &items[1])?)
                }
                _ => {
                    return Err(tc.operand_error(
                        "The predicate 'during' needs two dates, as in DURING ('2024-01-01', '2024-01-31')."
                            .to_string(),
                    ));
                }
            };
            Some(if from > to || from > now {
                Held::Never
            } else {
                Held::CreatedBefore {
                    at: to,
                    inclusive: true,
                }
            })
        }
        PredicateKind::By => Some(Held::SetBy(users(tc, &p.operand)?)),
        PredicateKind::From | PredicateKind::To => {
            if tc.term.operator != Operator::Changed {
                return Err(tc.error(format!(
                    "The predicate '{}' is not supported by the '{}' operator.",
                    keyword(p.kind),
                    tc.term.operator.display()
                )));
            }
            // Checked as the field's values; CHANGED matches nothing anyway.
            tc.collect(&p.operand, &mut Vec::new(), &mut false)?;
            None
        }
    };
    Ok(held)
}

/// The instant a date predicate's operand stands for.
fn date(tc: &TermCompiler<'_>, p: &Predicate, operand: &Operand) -> Result<DateTime<Utc>, Error> {
    let now = tc.ctx.now();
    let name = keyword(p.kind);
    match operand {
        Operand::Value { text, .. } => parse_date(text, now).ok_or_else(|| {
            tc.operand_error(format!(
                "Date value '{text}' for predicate '{name}' is invalid. {DATE_FORMATS}"
            ))
        }),
        Operand::Function { name: f, args } => match date_function(f, args, now) {
            Ok(Some(at)) => Ok(at),
            Ok(None) => Err(tc.function_error(f, args)),
            Err(message) => Err(tc.operand_error(message)),
        },
        Operand::Empty => Err(tc.operand_error(format!(
            "The predicate '{name}' does not support searching for EMPTY values."
        ))),
        Operand::List(_) => Err(tc.operand_error(format!(
            "The predicate '{name}' does not support multiple values."
        ))),
    }
}

/// The users of a `BY` predicate: names, `currentUser()` (nobody for an
/// anonymous caller) or a list of them.
fn users(tc: &TermCompiler<'_>, operand: &Operand) -> Result<Vec<Needle>, Error> {
    match operand {
        Operand::Value { text, .. } => {
            if tc.ctx.value_exists(Field::Reporter, text) {
                Ok(vec![Needle::Name {
                    exact: text.clone(),
                    lower: text.to_lowercase(),
                }])
            } else {
                Err(tc.operand_error(format!(
                    "The user '{text}' does not exist and cannot be used in the 'by' predicate."
                )))
            }
        }
        Operand::Function { name, args }
            if name.eq_ignore_ascii_case("currentUser") && args.is_empty() =>
        {
            Ok(tc
                .ctx
                .current_user()
                .map(|u| Needle::User(u.account_id))
                .into_iter()
                .collect())
        }
        Operand::Function { name, args } => Err(tc.function_error(name, args)),
        Operand::List(items) => {
            let mut all = Vec::new();
            for item in items {
                all.extend(users(tc, item)?);
            }
            Ok(all)
        }
        Operand::Empty => Err(tc.operand_error(
            "The predicate 'by' does not support searching for EMPTY values.".to_string(),
        )),
    }
}
