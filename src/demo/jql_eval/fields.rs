//! Field names, what each field holds and which operators it supports.

use super::{CustomFieldKind, Field, JqlContext};
use crate::jql::{FieldName, Operator};

/// How a field's values are read and matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Behavior {
    /// Named things checked with `value_exists` (project, status, ...).
    Named,
    /// Users, with `currentUser()`.
    User,
    /// Issue keys or ids (`key`, `parent`).
    Key,
    /// Labels: exact, case-sensitive, never validated.
    Labels,
    /// Free text searched with `~`.
    Text,
    /// Dates and date-times.
    Date,
    /// Numbers.
    Number,
}

/// A field the query named, resolved.
#[derive(Debug, Clone, Copy)]
pub(super) struct Resolved {
    pub field: Field,
    pub behavior: Behavior,
}

/// Resolves a field name (case-insensitive, aliases included) or reports
/// Jira's "does not exist" message.
pub(super) fn resolve(name: &FieldName, ctx: &dyn JqlContext) -> Result<Resolved, String> {
    let missing = || {
        format!(
            "Field '{}' does not exist or you do not have permission to view it.",
            name.text
        )
    };
    let field = match name.custom_id {
        Some(id) => Field::Custom(id),
        None => match builtin(&name.text) {
            Some(field) => field,
            None => Field::Custom(ctx.custom_field_id(&name.text).ok_or_else(missing)?),
        },
    };
    let behavior = match field {
        Field::Project
        | Field::IssueType
        | Field::Status
        | Field::StatusCategory
        | Field::Priority
        | Field::Resolution
        | Field::Component => Behavior::Named,
        Field::Assignee | Field::Reporter => Behavior::User,
        Field::Key | Field::Parent => Behavior::Key,
        Field::Labels => Behavior::Labels,
        Field::Summary | Field::Description | Field::Comment | Field::Text => Behavior::Text,
        Field::Created | Field::Updated | Field::DueDate | Field::ResolutionDate => Behavior::Date,
        Field::Custom(id) => match ctx.custom_field_kind(id).ok_or_else(missing)? {
            CustomFieldKind::Text => Behavior::Text,
            CustomFieldKind::Number => Behavior::Number,
            CustomFieldKind::Date | CustomFieldKind::DateTime => Behavior::Date,
            CustomFieldKind::Select => Behavior::Named,
            CustomFieldKind::Labels => Behavior::Labels,
            CustomFieldKind::User => Behavior::User,
        },
    };
    Ok(Resolved { field, behavior })
}

fn builtin(name: &str) -> Option<Field> {
    const NAMES: [(&str, Field); 27] = [
        ("project", Field::Project),
        ("key", Field::Key),
        ("issuekey", Field::Key),
        ("id", Field::Key),
        ("issuetype", Field::IssueType),
        ("type", Field::IssueType),
        ("status", Field::Status),
        ("statuscategory", Field::StatusCategory),
        ("assignee", Field::Assignee),
        ("reporter", Field::Reporter),
        ("priority", Field::Priority),
        ("resolution", Field::Resolution),
        ("labels", Field::Labels),
        ("component", Field::Component),
        ("summary", Field::Summary),
        ("description", Field::Description),
        ("comment", Field::Comment),
        ("text", Field::Text),
        ("created", Field::Created),
        ("createddate", Field::Created),
        ("updated", Field::Updated),
        ("updateddate", Field::Updated),
        ("duedate", Field::DueDate),
        ("due", Field::DueDate),
        ("resolutiondate", Field::ResolutionDate),
        ("resolved", Field::ResolutionDate),
        ("parent", Field::Parent),
    ];
    NAMES
        .iter()
        .find(|(text, _)| text.eq_ignore_ascii_case(name))
        .map(|&(_, field)| field)
}

/// Whether `field` supports `op` (Jira's per-field operator lists).
pub(super) fn supports(r: Resolved, op: Operator) -> bool {
    use Operator::*;
    let equality = matches!(op, Eq | NotEq | In | NotIn);
    let ordered = matches!(op, Gt | Ge | Lt | Le);
    let is = matches!(op, Is | IsNot);
    let like = matches!(op, Like | NotLike);
    match r.field {
        Field::Key => equality || ordered,
        Field::Parent | Field::Status | Field::StatusCategory => equality,
        Field::Priority | Field::Resolution => equality || ordered || is,
        Field::Summary | Field::Description => like || is,
        Field::Comment | Field::Text => like,
        Field::Project
        | Field::IssueType
        | Field::Assignee
        | Field::Reporter
        | Field::Labels
        | Field::Component => equality || is,
        Field::Created | Field::Updated | Field::DueDate | Field::ResolutionDate => {
            equality || ordered || is
        }
        Field::Custom(_) => match r.behavior {
            Behavior::Text => like || is,
            Behavior::Number | Behavior::Date => equality || ordered || is,
            _ => equality || is,
        },
    }
}

/// Whether the field can be searched for EMPTY.
pub(super) fn supports_empty(field: Field) -> bool {
    !matches!(
        field,
        Field::Project
            | Field::Key
            | Field::IssueType
            | Field::Status
            | Field::StatusCategory
            | Field::Comment
            | Field::Text
            | Field::Created
            | Field::Updated
    )
}

/// Whether ORDER BY can use the field.
pub(super) fn sortable(field: Field) -> bool {
    !matches!(field, Field::Comment | Field::Text)
}

/// The operators `field` supports, in Jira's autocomplete spelling (`=`, `in`, `is not`...);
/// empty when the field does not exist. Derived from [`supports`] so the two cannot drift.
pub fn operator_names(name: &str, ctx: &dyn JqlContext) -> Vec<&'static str> {
    use Operator::*;
    let field = FieldName {
        text: name.to_string(),
        quoted: false,
        custom_id: name
            .strip_prefix("cf[")
            .and_then(|rest| rest.strip_suffix(']'))
            .and_then(|id| id.parse().ok()),
    };
    let Ok(resolved) = resolve(&field, ctx) else {
        return Vec::new();
    };
    [
        Eq, NotEq, Gt, Ge, Lt, Le, Like, NotLike, In, NotIn, Is, IsNot,
    ]
    .into_iter()
    .filter(|&op| supports(resolved, op))
    .map(Operator::display)
    .collect()
}
