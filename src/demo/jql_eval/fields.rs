//! Field names, what each field holds and which operators it supports (the
//! latter from [`crate::jql::operators`], the table completion offers from).

use super::{CustomFieldKind, Field, JqlContext};
use crate::jql::operators::{self, CustomFieldType};
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
    /// The operators the field takes, from the operator table.
    pub operators: &'static [Operator],
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
    let custom = |id: u64| {
        let kind = ctx.custom_field_kind(id).ok_or_else(missing)?;
        let behavior = match kind {
            CustomFieldKind::Text => Behavior::Text,
            CustomFieldKind::Number => Behavior::Number,
            CustomFieldKind::Date | CustomFieldKind::DateTime => Behavior::Date,
            CustomFieldKind::Select => Behavior::Named,
            CustomFieldKind::Labels => Behavior::Labels,
            CustomFieldKind::User => Behavior::User,
        };
        Ok(Resolved {
            field: Field::Custom(id),
            behavior,
            operators: custom_type(kind).operators(),
        })
    };
    match name.custom_id {
        Some(id) => custom(id),
        None => match builtin(&name.text) {
            Some(resolved) => Ok(resolved),
            None => custom(ctx.custom_field_id(&name.text).ok_or_else(missing)?),
        },
    }
}

/// The operator table's type for a kind of custom field.
fn custom_type(kind: CustomFieldKind) -> CustomFieldType {
    match kind {
        CustomFieldKind::Text => CustomFieldType::Text,
        CustomFieldKind::Number => CustomFieldType::Number,
        CustomFieldKind::Date | CustomFieldKind::DateTime => CustomFieldType::Date,
        CustomFieldKind::Select => CustomFieldType::Select,
        CustomFieldKind::Labels => CustomFieldType::Labels,
        CustomFieldKind::User => CustomFieldType::User,
    }
}

/// A system field by name or alias, with the operators the table gives it;
/// `None` for one the demo does not model (fix versions, watchers, ...).
fn builtin(name: &str) -> Option<Resolved> {
    use Behavior as B;
    let entry = operators::system_field(name)?;
    let (field, behavior) = match entry.name {
        "project" => (Field::Project, B::Named),
        "key" => (Field::Key, B::Key),
        "issuetype" => (Field::IssueType, B::Named),
        "status" => (Field::Status, B::Named),
        "statusCategory" => (Field::StatusCategory, B::Named),
        "assignee" => (Field::Assignee, B::User),
        "reporter" => (Field::Reporter, B::User),
        "priority" => (Field::Priority, B::Named),
        "resolution" => (Field::Resolution, B::Named),
        "labels" => (Field::Labels, B::Labels),
        "component" => (Field::Component, B::Named),
        "summary" => (Field::Summary, B::Text),
        "description" => (Field::Description, B::Text),
        "comment" => (Field::Comment, B::Text),
        "text" => (Field::Text, B::Text),
        "created" => (Field::Created, B::Date),
        "updated" => (Field::Updated, B::Date),
        "duedate" => (Field::DueDate, B::Date),
        "resolutiondate" => (Field::ResolutionDate, B::Date),
        "parent" => (Field::Parent, B::Key),
        _ => return None,
    };
    Some(Resolved {
        field,
        behavior,
        operators: entry.operators,
    })
}

/// Whether `field` supports `op`, by the operator table.
pub(super) fn supports(r: Resolved, op: Operator) -> bool {
    r.operators.contains(&op)
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

/// The operators `field` supports, in Jira's autocomplete spelling (`=`, `in`, `is not`...)
/// and the table's order; empty when the field does not exist.
pub fn operator_names(name: &str, ctx: &dyn JqlContext) -> Vec<&'static str> {
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
    resolved.operators.iter().map(|op| op.display()).collect()
}
