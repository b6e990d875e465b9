//! The JQL completion engine: what is wanted at the cursor, what to offer,
//! and how an accepted candidate changes the text.
//!
//! Everything here is pure and cheap enough to run on every key press:
//! [`context_at`] lexes the query and walks the tokens before the cursor,
//! [`candidates`] fuzzy-matches the site's fields, operators, functions and
//! value suggestions (or a built-in set when the site's data is missing;
//! operators the site does not list come from [`crate::jql::operators`]), and
//! [`apply`] inserts the choice. [`suggestion_request`] and
//! [`SuggestionCache`] help the UI ask `jql/autocompletedata/suggestions`
//! only when it must.

use std::ops::Range;

mod cache;
mod context;
mod data;
mod offer;
mod quote;
mod tokens;

#[cfg(test)]
mod context_tests;
#[cfg(test)]
mod offer_tests;
#[cfg(test)]
mod operator_tests;

pub use cache::{CachedSuggestions, SERVER_LIMIT, SuggestionCache};
pub use context::context_at;
pub use data::{CompletionData, FieldInfo, FunctionInfo};
pub use offer::{MAX_CANDIDATES, candidates};
pub use quote::{needs_quotes, quote};

/// What the cursor position asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompletionContext {
    /// A field name, at the start of a clause.
    Field {
        /// What has been typed of the name (may start with a quote).
        prefix: String,
        /// The bytes an accepted candidate replaces.
        replace: Range<usize>,
    },
    /// An operator after `field`.
    Operator {
        /// The field the operator is for (quotes removed).
        field: String,
        /// What has been typed of the operator, words lower-cased and
        /// joined by single spaces (`not `, `is n`, `!`).
        prefix: String,
        /// The bytes an accepted candidate replaces.
        replace: Range<usize>,
    },
    /// A value after `field operator`, or inside the list of `IN (...)`.
    Value {
        /// The field the value is for (quotes removed).
        field: String,
        /// The operator, lower case (`=`, `in`, `is not`, `was not in`), or
        /// the history predicate (`after`, `by`, `from`, ...).
        operator: String,
        /// What has been typed of the value (may start with a quote).
        prefix: String,
        /// The bytes an accepted candidate replaces.
        replace: Range<usize>,
        /// Whether the value is an item inside `( ... )`.
        in_list: bool,
    },
    /// A keyword or separator after something complete.
    Keyword {
        /// What has been typed of the keyword.
        prefix: String,
        /// The bytes an accepted candidate replaces.
        replace: Range<usize>,
        /// What came before, which decides the keywords offered.
        place: KeywordPlace,
    },
    /// A field to sort by, after `ORDER BY` or a `,` in it.
    OrderField {
        /// What has been typed of the name.
        prefix: String,
        /// The bytes an accepted candidate replaces.
        replace: Range<usize>,
    },
    /// Nothing to complete here (inside a function's arguments, a quoted
    /// string that is no value, or text that cannot be made sense of).
    None,
}

/// Where a [`CompletionContext::Keyword`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeywordPlace {
    /// After a complete clause: AND, OR, ORDER BY (or `)` in a group).
    AfterClause {
        /// Inside parentheses: `)` is offered and ORDER BY is not.
        in_group: bool,
        /// After WAS or CHANGED: the history predicates are offered too.
        history: bool,
    },
    /// After ORDER: BY.
    OrderBy,
    /// After a field of ORDER BY: ASC, DESC or `,`.
    AfterOrderField,
    /// After ASC or DESC: `,`.
    AfterOrderDirection,
    /// After a value inside `( ... )`: `,` or `)`.
    AfterListItem,
}

impl CompletionContext {
    /// The bytes an accepted candidate replaces; `None` for [`Self::None`].
    pub fn replace(&self) -> Option<Range<usize>> {
        match self {
            Self::Field { replace, .. }
            | Self::Operator { replace, .. }
            | Self::Value { replace, .. }
            | Self::Keyword { replace, .. }
            | Self::OrderField { replace, .. } => Some(replace.clone()),
            Self::None => None,
        }
    }

    /// What has been typed of the word at the cursor ("" for [`Self::None`]).
    pub fn prefix(&self) -> &str {
        match self {
            Self::Field { prefix, .. }
            | Self::Operator { prefix, .. }
            | Self::Value { prefix, .. }
            | Self::Keyword { prefix, .. }
            | Self::OrderField { prefix, .. } => prefix,
            Self::None => "",
        }
    }
}

/// What kind of thing a [`Candidate`] inserts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CandidateKind {
    /// A field name or `cf[N]`.
    Field,
    /// A comparison operator.
    Operator,
    /// A value (from the site's suggestions, or EMPTY).
    Value,
    /// A JQL function such as `currentUser()`.
    Function,
    /// A keyword: AND, OR, ORDER BY, ASC, NOT, ...
    Keyword,
    /// `,` or `)`, which attach to what comes before them.
    Punctuation,
}

/// One completion offered to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The text [`apply`] inserts, already quoted where JQL needs it.
    pub text_to_insert: String,
    /// What the popup shows.
    pub label: String,
    /// Shown beside the label: "field", "cf[10016]", "function", ...
    pub detail: String,
    /// What it is.
    pub kind: CandidateKind,
    /// How well it matched what was typed; higher is better.
    pub score: i32,
}

/// Replaces `replace` in `text` with the candidate and returns the new text
/// and the cursor position (a byte offset) after it.
///
/// A space follows fields, operators, values, functions and keywords so that
/// the next context starts at once, unless whitespace, `)` or `,` already
/// follows. `,` and `)` attach to the word before them: spaces between are
/// removed. Out-of-range or mid-character ranges are clamped, never a panic.
pub fn apply(text: &str, replace: Range<usize>, candidate: &Candidate) -> (String, usize) {
    let end = floor_boundary(text, replace.end);
    let mut start = floor_boundary(text, replace.start).min(end);
    if candidate.kind == CandidateKind::Punctuation {
        start = text[..start].trim_end_matches([' ', '\t']).len();
    }
    let after = &text[end..];
    let mut out = String::with_capacity(text.len() + candidate.text_to_insert.len() + 1);
    out.push_str(&text[..start]);
    out.push_str(&candidate.text_to_insert);
    let mut cursor = out.len();
    match after.chars().next() {
        Some(c) if super::lexer::is_whitespace(c) => cursor += c.len_utf8(),
        Some(')' | ',') => {}
        _ if candidate.text_to_insert.is_empty() => {}
        _ => {
            out.push(' ');
            cursor += 1;
        }
    }
    out.push_str(after);
    (out, cursor)
}

/// The field and typed prefix to ask the site's value suggestions for, when
/// the context wants a value that the site can suggest. Text operators
/// (`~`, `!~`) and `IS` take no suggestions.
pub fn suggestion_request(ctx: &CompletionContext) -> Option<(String, String)> {
    let CompletionContext::Value {
        field,
        operator,
        prefix,
        ..
    } = ctx
    else {
        return None;
    };
    let wants = !matches!(
        operator.as_str(),
        "~" | "!~" | "is" | "is not" | "after" | "before" | "on" | "during" | "by"
    );
    (wants && !field.is_empty()).then(|| (field.clone(), quote::typed_text(prefix)))
}

/// `offset` clamped into `text` and moved back onto a character boundary.
pub(crate) fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
