//! JQL evaluation for the embedded demo Jira server.
//!
//! [`compile`] validates a parsed [`Query`] against a site (a [`JqlContext`])
//! with Jira's 400 messages and precomputes everything it can (lowercase
//! needles, parsed dates, resolved functions), so that
//! [`CompiledQuery::matches`] and [`CompiledQuery::compare`] are cheap to run
//! over many records. It knows nothing of the demo's data model: records are
//! read through [`JqlRecord`].
//!
//! Simplifications against real Jira, by design:
//! - Dates and functions such as `startOfDay()` use UTC; weeks start on Sunday.
//! - `~` is a case-insensitive word match: every word of the query must occur
//!   (a trailing `*` makes a prefix match, `"…"` inside the value a phrase);
//!   no stemming, stop words or Lucene operators.
//! - `=` on labels is case-sensitive, as in Jira.
//! - On a `Date` value (due date) comparisons are by day, so
//!   `duedate < now()` is false for an issue due today.
//! - Which operators a field takes comes from [`crate::jql::operators`], the
//!   table completion offers from.
//! - The demo keeps no change history: an issue has held each value since it
//!   was created, set by its reporter. `WAS` therefore asks for the current
//!   value (within the time its predicates allow), `WAS NOT` is its negation
//!   and `CHANGED` matches nothing.
//! - Functions other than `currentUser()`, `now()` and `startOf…`/`endOf…`
//!   are rejected.
//! - With no ORDER BY, results are ordered by key descending; every ordering
//!   ends with key descending so that paging is stable.

mod compile;
mod fields;
pub use fields::operator_names;
mod history;
mod matching;
mod values;

#[cfg(test)]
mod tests;

use std::cmp::Ordering;

use chrono::{DateTime, NaiveDate, Utc};

use crate::jql::{JqlError, Query};

/// The user a query runs as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRef {
    /// The account id (or, on a Server-style site, the username) that
    /// `currentUser()` stands for. Matched against every identifier of a
    /// [`FieldValue::User`].
    pub account_id: String,
}

/// The site a query runs against: what exists, who asks, and when.
pub trait JqlContext {
    /// The user running the query; `None` for an anonymous caller, for whom
    /// `currentUser()` matches nothing.
    fn current_user(&self) -> Option<UserRef>;
    /// The current time, for `now()`, relative dates and `startOfDay()` etc.
    fn now(&self) -> DateTime<Utc>;
    /// Whether `value` names something that exists for `field`: a project
    /// (key, name or id), status, issue type, priority, resolution, status
    /// category, component, user (any identifier), issue key or id (for
    /// `key` and `parent`), or an option of a custom select field.
    fn value_exists(&self, field: Field, value: &str) -> bool;
    /// The rank of a named value (priority, status, resolution) for `>`,
    /// `<` etc.; a bigger rank compares greater (so give `Highest` the
    /// biggest priority rank). `None` if it has none.
    fn rank(&self, _field: Field, _value: &str) -> Option<i64> {
        None
    }
    /// The id of the custom field with this name (case-insensitive), if any.
    fn custom_field_id(&self, _name: &str) -> Option<u64> {
        None
    }
    /// The kind of custom field `id`; `None` if there is no such field.
    fn custom_field_kind(&self, _id: u64) -> Option<CustomFieldKind> {
        None
    }
    /// The values a list function such as `openSprints()` stands for on `field` (ids, matched
    /// exactly), or `None` when the site has no such function for it.
    fn function_values(&self, _field: Field, _name: &str) -> Option<Vec<String>> {
        None
    }
}

/// One issue as the evaluator sees it.
pub trait JqlRecord {
    /// The values of `field` on this issue; empty means EMPTY. Never asked
    /// for [`Field::Text`], which is the summary, description and comments.
    fn values(&self, field: Field) -> Vec<FieldValue<'_>>;
}

/// The fields JQL can search, after resolving aliases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// `project`.
    Project,
    /// `key`, `issuekey` or `id`.
    Key,
    /// `issuetype` or `type`.
    IssueType,
    /// `status`.
    Status,
    /// `statusCategory`.
    StatusCategory,
    /// `assignee`.
    Assignee,
    /// `reporter`.
    Reporter,
    /// `priority`.
    Priority,
    /// `resolution`.
    Resolution,
    /// `labels`.
    Labels,
    /// `component`.
    Component,
    /// `summary`.
    Summary,
    /// `description`.
    Description,
    /// `comment`.
    Comment,
    /// `text`: summary, description and comments together (`~` only).
    Text,
    /// `created` or `createdDate`.
    Created,
    /// `updated` or `updatedDate`.
    Updated,
    /// `duedate` or `due`.
    DueDate,
    /// `resolutiondate` or `resolved`.
    ResolutionDate,
    /// `parent`.
    Parent,
    /// A custom field by id, written `cf[N]` or by its name.
    Custom(u64),
}

/// What a custom field holds, which decides its operators and values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CustomFieldKind {
    /// Free text (`~`, `!~`, `IS`).
    Text,
    /// A number (comparisons, `IN`, `IS`).
    Number,
    /// A date without time, given as [`FieldValue::Date`].
    Date,
    /// A date with time, given as [`FieldValue::DateTime`].
    DateTime,
    /// One or more options of a select list, given as [`FieldValue::Named`].
    Select,
    /// Labels, given as [`FieldValue::Text`], matched case-sensitively.
    Labels,
    /// A user picker, given as [`FieldValue::User`].
    User,
}

/// One value of a field on a record.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FieldValue<'a> {
    /// A named thing: project, status, issue type, priority, resolution,
    /// status category, component, select option. Matches its id exactly
    /// and its name and key case-insensitively.
    Named {
        /// The id, e.g. `"3"`.
        id: &'a str,
        /// The key, for projects (`"ABC"`) and status categories (`"done"`).
        key: Option<&'a str>,
        /// The name, e.g. `"In Progress"`.
        name: &'a str,
        /// The order for comparisons and ORDER BY; bigger compares greater.
        rank: i64,
    },
    /// A user, matched by any of its identifiers (case-insensitively).
    User {
        /// The account id.
        account_id: &'a str,
        /// The username, on Server-style sites.
        name: Option<&'a str>,
        /// The user key, on Server-style sites.
        key: Option<&'a str>,
        /// The email address, if visible.
        email: Option<&'a str>,
        /// The display name; also what ORDER BY sorts on.
        display_name: &'a str,
    },
    /// An issue key (for `key` and `parent`).
    Key {
        /// The project key, e.g. `"ABC"`.
        project: &'a str,
        /// The issue number, e.g. `12` for `ABC-12`.
        number: u64,
        /// The numeric issue id.
        id: u64,
    },
    /// Text: a summary, description, comment body or label.
    Text(&'a str),
    /// An instant, such as `created`.
    DateTime(DateTime<Utc>),
    /// A calendar day, such as `duedate`.
    Date(NaiveDate),
    /// A number.
    Number(f64),
}

/// A validated query, ready to test and sort records. `Send + Sync`.
#[derive(Debug, Clone)]
pub struct CompiledQuery {
    root: Option<matching::Node>,
    order: Vec<matching::SortKey>,
}

impl CompiledQuery {
    /// Whether `record` satisfies the query's condition.
    pub fn matches(&self, record: &dyn JqlRecord) -> bool {
        self.root.as_ref().is_none_or(|node| node.eval(record))
    }

    /// Orders two records by the query's ORDER BY (key descending when it
    /// has none), with ties broken by key descending.
    pub fn compare(&self, a: &dyn JqlRecord, b: &dyn JqlRecord) -> Ordering {
        matching::compare(&self.order, a, b)
    }
}

/// Validates `query` against `ctx` and compiles it. Errors carry Jira's
/// validation messages; their `line` and `character` are 0 because the
/// query text is not known here (see [`compile_str`]).
pub fn compile(query: &Query, ctx: &dyn JqlContext) -> Result<CompiledQuery, JqlError> {
    compile::compile(query, ctx).map_err(|(message, _)| JqlError {
        message,
        line: 0,
        character: 0,
    })
}

/// Parses and compiles `input`; validation errors point at the term
/// (line and character) they are about.
pub fn compile_str(input: &str, ctx: &dyn JqlContext) -> Result<CompiledQuery, JqlError> {
    let query = crate::jql::parse(input)?;
    compile::compile(&query, ctx).map_err(|(message, at)| JqlError::validation(input, at, message))
}
