//! Which editor fits a field, from its schema: the one place that reads Jira's type names.

use super::Schema;

/// The editor a field takes and the JSON shape its value is sent in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// One line of text (summary, text custom fields).
    Line,
    /// Rich text: Markdown typed, ADF sent to Cloud and wiki markup to Data Center.
    RichText,
    /// A number (story points).
    Number,
    /// A date (`2026-12-03`).
    Date,
    /// A date and time.
    DateTime,
    /// One of the allowed values (priority, single select, radio buttons, a single version).
    OneOf,
    /// Any of the allowed values (components, versions, multi-selects, checkboxes).
    ManyOf,
    /// A cascading select: a parent option and, optionally, one of its children.
    Cascading,
    /// Labels: free words, suggested by the site.
    Labels,
    /// One person.
    User,
    /// Several people.
    Users,
    /// The agile sprint field (a sprint id).
    Sprint,
    /// The parent issue (an issue key).
    Parent,
    /// A field jiratty has no editor for (attachments, time tracking, links…).
    Unsupported,
}

const CUSTOM: &str = "com.atlassian.jira.plugin.system.customfieldtypes:";

impl FieldKind {
    /// The kind for field `id` with `schema`, and whether Jira listed allowed values for it.
    pub fn of(id: &str, schema: &Schema, has_allowed: bool) -> FieldKind {
        if let Some(kind) = schema.custom.as_deref().and_then(custom_kind) {
            return kind;
        }
        match (id, schema.system.as_deref()) {
            ("summary", _) | (_, Some("summary")) => return FieldKind::Line,
            ("description" | "environment", _) | (_, Some("description" | "environment")) => {
                return FieldKind::RichText;
            }
            ("labels", _) | (_, Some("labels")) => return FieldKind::Labels,
            ("parent", _) | (_, Some("parent")) => return FieldKind::Parent,
            (
                "attachment" | "issuelinks" | "timetracking" | "worklog" | "comment" | "project"
                | "issuetype" | "reporter" | "security" | "thumbnail" | "watches" | "votes",
                _,
            ) => {
                // Reporter is a user field, but changing it needs a permission few have and
                // the create form fills it in; the others need editors of their own.
                if id == "reporter" {
                    return FieldKind::User;
                }
                return FieldKind::Unsupported;
            }
            _ => {}
        }
        match (schema.kind.as_str(), schema.items.as_deref()) {
            ("string", _) if has_allowed => FieldKind::OneOf,
            ("string", _) => FieldKind::Line,
            ("number", _) => FieldKind::Number,
            ("date", _) => FieldKind::Date,
            ("datetime", _) => FieldKind::DateTime,
            ("user", _) => FieldKind::User,
            ("option-with-child", _) => FieldKind::Cascading,
            ("priority" | "option" | "version" | "component" | "resolution", _) => FieldKind::OneOf,
            ("issuelink", _) => FieldKind::Parent,
            ("array", Some("user")) => FieldKind::Users,
            ("array", Some("string")) if has_allowed => FieldKind::ManyOf,
            ("array", Some("string")) => FieldKind::Labels,
            ("array", Some("option" | "version" | "component")) => FieldKind::ManyOf,
            (_, _) if has_allowed => FieldKind::OneOf,
            _ => FieldKind::Unsupported,
        }
    }

    /// Whether the field holds several values.
    pub fn is_multi(self) -> bool {
        matches!(
            self,
            FieldKind::ManyOf | FieldKind::Labels | FieldKind::Users
        )
    }

    /// What the editor is called in help texts.
    pub fn describe(self) -> &'static str {
        match self {
            FieldKind::Line => "text",
            FieldKind::RichText => "rich text (Markdown)",
            FieldKind::Number => "number",
            FieldKind::Date => "date (YYYY-MM-DD)",
            FieldKind::DateTime => "date and time (YYYY-MM-DD HH:MM)",
            FieldKind::OneOf => "one of the listed values",
            FieldKind::ManyOf => "any of the listed values",
            FieldKind::Cascading => "a value and a sub-value (Parent/Child)",
            FieldKind::Labels => "labels",
            FieldKind::User => "a person",
            FieldKind::Users => "people",
            FieldKind::Sprint => "a sprint (name or id)",
            FieldKind::Parent => "an issue key",
            FieldKind::Unsupported => "not editable here",
        }
    }
}

fn custom_kind(custom: &str) -> Option<FieldKind> {
    if custom == "com.pyxis.greenhopper.jira:gh-sprint" {
        return Some(FieldKind::Sprint);
    }
    if custom == "com.pyxis.greenhopper.jira:gh-epic-link" {
        return Some(FieldKind::Parent);
    }
    if custom == "com.atlassian.jpo:jpo-custom-field-parent" {
        return Some(FieldKind::Parent);
    }
    let name = custom.strip_prefix(CUSTOM)?;
    Some(match name {
        "textfield" | "url" => FieldKind::Line,
        "textarea" => FieldKind::RichText,
        "float" | "importid" => FieldKind::Number,
        "datepicker" => FieldKind::Date,
        "datetime" => FieldKind::DateTime,
        "select" | "radiobuttons" | "version" | "project" => FieldKind::OneOf,
        "multiselect" | "multicheckboxes" | "multiversion" => FieldKind::ManyOf,
        "cascadingselect" => FieldKind::Cascading,
        "labels" => FieldKind::Labels,
        "userpicker" => FieldKind::User,
        "multiuserpicker" => FieldKind::Users,
        _ => return None,
    })
}
