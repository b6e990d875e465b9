//! Evaluation of compiled conditions and ORDER BY against records.

use std::cmp::Ordering;

use chrono::{DateTime, NaiveDate, Utc};

use super::values::{TextTerm, words};
use super::{Field, FieldValue, JqlRecord};

/// A compiled condition.
#[derive(Debug, Clone)]
pub(super) enum Node {
    /// All must hold.
    All(Vec<Node>),
    /// Any must hold.
    Any(Vec<Node>),
    /// Negation.
    Not(Box<Node>),
    /// A test on one field.
    Cond(Field, Test),
    /// A history search (`WAS`, or `WAS NOT` when `negate`): the field's
    /// value passes `test` at a time every `window` condition allows.
    Was {
        field: Field,
        test: Test,
        window: Vec<Held>,
        negate: bool,
    },
    /// Matches nothing (e.g. `currentUser()` for an anonymous caller).
    Never,
}

/// What a condition checks on the values of its field.
#[derive(Debug, Clone)]
pub(super) enum Test {
    /// IS EMPTY (`true`) or IS NOT EMPTY (`false`).
    Empty(bool),
    /// `=`/`IN` (any value matches a needle, or the field is empty and
    /// `or_empty`) or, when `negate`, `!=`/`NOT IN` (not empty, and no value
    /// matches a needle).
    AnyOf {
        needles: Vec<Needle>,
        or_empty: bool,
        negate: bool,
    },
    /// `>`, `>=`, `<`, `<=`: some value compares as wanted.
    Compare(Vec<Ordering>, Needle),
    /// `~` (or `!~` when `negate`).
    Text { terms: Vec<TextTerm>, negate: bool },
}

/// A condition of a history predicate on how an issue came to hold its
/// values, which in the demo's model is at creation, by the reporter.
#[derive(Debug, Clone)]
pub(super) enum Held {
    /// Created before `at` (or at it, when `inclusive`).
    CreatedBefore { at: DateTime<Utc>, inclusive: bool },
    /// The reporter is one of these users.
    SetBy(Vec<Needle>),
    /// Never holds (a window after now, or an empty one).
    Never,
}

impl Held {
    fn holds(&self, record: &dyn JqlRecord) -> bool {
        match self {
            Held::CreatedBefore { at, inclusive } => {
                // Without a creation time the issue counts as always there.
                record
                    .values(Field::Created)
                    .first()
                    .is_none_or(|v| match v {
                        FieldValue::DateTime(t) => t < at || (*inclusive && t == at),
                        _ => true,
                    })
            }
            Held::SetBy(users) => record
                .values(Field::Reporter)
                .iter()
                .any(|v| users.iter().any(|u| u.equals(v))),
            Held::Never => false,
        }
    }
}

/// A precomputed value to compare record values with.
#[derive(Debug, Clone)]
pub(super) enum Needle {
    /// A name or identifier: `exact` matches ids, `lower` names and keys.
    Name { exact: String, lower: String },
    /// Case-sensitive text (labels).
    Exact(String),
    /// An issue key; the project is lowercased.
    Key { project: String, number: u64 },
    /// A numeric issue id.
    IssueId(u64),
    /// A user's account id, for `currentUser()`.
    User(String),
    /// A rank, for ordered comparisons of named values.
    Rank(i64),
    /// An instant, and the UTC day it falls on (for date-only values).
    Instant(DateTime<Utc>, NaiveDate),
    /// A number.
    Number(f64),
}

/// One ORDER BY entry.
#[derive(Debug, Clone, Copy)]
pub(super) struct SortKey {
    pub field: Field,
    pub descending: bool,
}

/// The values of `field`, with `text` standing for summary, description
/// and comments.
fn values_of(record: &dyn JqlRecord, field: Field) -> Vec<FieldValue<'_>> {
    if field != Field::Text {
        return record.values(field);
    }
    let mut all = record.values(Field::Summary);
    all.extend(record.values(Field::Description));
    all.extend(record.values(Field::Comment));
    all
}

impl Node {
    pub(super) fn eval(&self, record: &dyn JqlRecord) -> bool {
        match self {
            Node::All(nodes) => nodes.iter().all(|n| n.eval(record)),
            Node::Any(nodes) => nodes.iter().any(|n| n.eval(record)),
            Node::Not(node) => !node.eval(record),
            Node::Never => false,
            Node::Cond(field, test) => test.eval(&values_of(record, *field)),
            Node::Was {
                field,
                test,
                window,
                negate,
            } => {
                let was = test.eval(&values_of(record, *field))
                    && window.iter().all(|held| held.holds(record));
                was != *negate
            }
        }
    }
}

impl Test {
    fn eval(&self, values: &[FieldValue<'_>]) -> bool {
        match self {
            Test::Empty(want_empty) => values.is_empty() == *want_empty,
            Test::AnyOf {
                needles,
                or_empty,
                negate,
            } => {
                if values.is_empty() {
                    return *or_empty && !*negate;
                }
                let hit = values.iter().any(|v| needles.iter().any(|n| n.equals(v)));
                hit != *negate
            }
            Test::Compare(wanted, needle) => values
                .iter()
                .any(|v| needle.compare(v).is_some_and(|o| wanted.contains(&o))),
            Test::Text { terms, negate } => {
                if values.is_empty() {
                    return false;
                }
                let found = terms.iter().all(|term| {
                    values.iter().any(|v| match v {
                        FieldValue::Text(text) => term_in(term, text),
                        _ => false,
                    })
                });
                found != *negate
            }
        }
    }
}

/// Case-insensitive equality of `hay` with an already lowercase `lower`.
pub(super) fn eq_lower(hay: &str, lower: &str) -> bool {
    if hay.is_ascii() {
        hay.eq_ignore_ascii_case(lower)
    } else {
        hay.chars().flat_map(char::to_lowercase).eq(lower.chars())
    }
}

/// Whether `hay`, lowercased, starts with the lowercase `prefix`.
fn starts_with_lower(hay: &str, prefix: &str) -> bool {
    let mut hay = hay.chars().flat_map(char::to_lowercase);
    prefix.chars().all(|p| hay.next() == Some(p))
}

fn term_in(term: &TextTerm, text: &str) -> bool {
    match term {
        TextTerm::Word { lower, prefix } => words(text).any(|w| {
            if *prefix {
                starts_with_lower(w, lower)
            } else {
                eq_lower(w, lower)
            }
        }),
        TextTerm::Phrase(phrase) => {
            let mut iter = words(text);
            loop {
                let candidate = iter.clone();
                if candidate
                    .clone()
                    .zip(phrase.iter())
                    .filter(|(w, p)| eq_lower(w, p))
                    .count()
                    == phrase.len()
                {
                    return true;
                }
                if iter.next().is_none() {
                    return false;
                }
            }
        }
    }
}

impl Needle {
    fn equals(&self, value: &FieldValue<'_>) -> bool {
        match (self, value) {
            (Needle::Name { exact, lower }, FieldValue::Named { id, key, name, .. }) => {
                id == exact || eq_lower(name, lower) || key.is_some_and(|k| eq_lower(k, lower))
            }
            (
                Needle::Name { exact, lower },
                FieldValue::User {
                    account_id,
                    name,
                    key,
                    email,
                    display_name,
                },
            ) => {
                account_id == exact
                    || eq_lower(display_name, lower)
                    || [name, key, email]
                        .into_iter()
                        .any(|o| o.is_some_and(|s| eq_lower(s, lower)))
            }
            (Needle::Name { lower, .. }, FieldValue::Text(text)) => eq_lower(text, lower),
            (Needle::Exact(exact), FieldValue::Text(text)) => text == exact,
            (Needle::Exact(exact), FieldValue::Named { name, .. }) => name == exact,
            (Needle::User(id), FieldValue::User { account_id, .. }) => account_id == id,
            (Needle::Key { .. } | Needle::IssueId(_), FieldValue::Key { .. })
            | (Needle::Rank(_) | Needle::Number(_), _)
            | (Needle::Instant(..), _) => self.compare(value) == Some(Ordering::Equal),
            _ => false,
        }
    }

    /// How `value` compares with this needle (value relative to needle);
    /// `None` when they cannot be compared.
    fn compare(&self, value: &FieldValue<'_>) -> Option<Ordering> {
        match (self, value) {
            (Needle::Rank(r), FieldValue::Named { rank, .. }) => Some(rank.cmp(r)),
            (
                Needle::Key {
                    project: p,
                    number: n,
                },
                FieldValue::Key {
                    project, number, ..
                },
            ) => eq_lower(project, p).then(|| number.cmp(n)),
            (Needle::IssueId(want), FieldValue::Key { id, .. }) => Some(id.cmp(want)),
            (Needle::Instant(at, _), FieldValue::DateTime(t)) => Some(t.cmp(at)),
            (Needle::Instant(_, day), FieldValue::Date(d)) => Some(d.cmp(day)),
            (Needle::Number(x), FieldValue::Number(v)) => v.partial_cmp(x),
            _ => None,
        }
    }
}

/// Orders two records by `keys`, then by key descending.
pub(super) fn compare(keys: &[SortKey], a: &dyn JqlRecord, b: &dyn JqlRecord) -> Ordering {
    for key in keys {
        let va = a.values(key.field);
        let vb = b.values(key.field);
        // EMPTY sorts last ascending and so first descending.
        let ascending = match (va.first(), vb.first()) {
            (None, None) => Ordering::Equal,
            (None, Some(_)) => Ordering::Greater,
            (Some(_), None) => Ordering::Less,
            (Some(x), Some(y)) => compare_values(x, y),
        };
        let ordering = if key.descending {
            ascending.reverse()
        } else {
            ascending
        };
        if ordering != Ordering::Equal {
            return ordering;
        }
    }
    let ka = a.values(Field::Key);
    let kb = b.values(Field::Key);
    match (ka.first(), kb.first()) {
        (Some(x), Some(y)) => compare_values(x, y).reverse(),
        _ => Ordering::Equal,
    }
}

fn compare_text(a: &str, b: &str) -> Ordering {
    a.chars()
        .flat_map(char::to_lowercase)
        .cmp(b.chars().flat_map(char::to_lowercase))
}

fn compare_values(a: &FieldValue<'_>, b: &FieldValue<'_>) -> Ordering {
    use FieldValue as V;
    let midnight = |d: &NaiveDate| d.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
    match (a, b) {
        (
            V::Named {
                rank: ra, name: na, ..
            },
            V::Named {
                rank: rb, name: nb, ..
            },
        ) => ra.cmp(rb).then_with(|| compare_text(na, nb)),
        (
            V::User {
                display_name: x, ..
            },
            V::User {
                display_name: y, ..
            },
        ) => compare_text(x, y),
        (
            V::Key {
                project: pa,
                number: na,
                ..
            },
            V::Key {
                project: pb,
                number: nb,
                ..
            },
        ) => compare_text(pa, pb).then(na.cmp(nb)),
        (V::Text(x), V::Text(y)) => compare_text(x, y),
        (V::DateTime(x), V::DateTime(y)) => x.cmp(y),
        (V::Date(x), V::Date(y)) => x.cmp(y),
        (V::Date(x), V::DateTime(y)) => midnight(x).map_or(Ordering::Equal, |x| x.cmp(y)),
        (V::DateTime(x), V::Date(y)) => midnight(y).map_or(Ordering::Equal, |y| x.cmp(&y)),
        (V::Number(x), V::Number(y)) => x.total_cmp(y),
        _ => Ordering::Equal,
    }
}
