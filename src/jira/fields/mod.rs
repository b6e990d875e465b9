//! The fields of an issue as Jira describes them for editing (`editmeta`) and creating
//! (create metadata): what each field is, which editor fits it, which values it may take and
//! which operations (`set`, `add`, `remove`) it allows. Nothing here hard-codes a field list:
//! every form is built from what the site answers.

mod calls;
mod edit;
mod kind;
mod parse;
mod value;

pub use calls::{CreateIssueType, CreatedIssue, EditForm, ProjectRef};
pub use edit::{FieldErrors, IssueEdit, NewIssue};
pub use kind::FieldKind;
pub use parse::{parse_create_fields, parse_editmeta, parse_issue_types, parse_old_createmeta};
pub use value::{FieldValue, UserRef, ValueError};

/// One value a field may take (a priority, an option, a component, a version).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Choice {
    /// Id, when Jira gave one (what is sent).
    pub id: Option<String>,
    /// What to show: the name, or an option's value.
    pub name: String,
    /// An option (`{"value": …}`) rather than a named thing (`{"name": …}`).
    pub by_value: bool,
    /// The second level of a cascading select.
    pub children: Vec<Choice>,
    /// Archived or released versions and disabled options are still shown, marked.
    pub disabled: bool,
}

impl Choice {
    /// Whether `text` names this choice (its name or id, ignoring case).
    pub fn is_named(&self, text: &str) -> bool {
        let text = text.trim();
        self.name.eq_ignore_ascii_case(text) || self.id.as_deref() == Some(text)
    }
}

/// A field's schema as Jira gives it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Schema {
    /// `string`, `number`, `date`, `datetime`, `array`, `option`, `user`, `priority`…
    pub kind: String,
    /// Item type of an array field.
    pub items: Option<String>,
    /// System field name (`labels`, `description`).
    pub system: Option<String>,
    /// Custom field type key (`com.atlassian.jira.plugin.system.customfieldtypes:select`).
    pub custom: Option<String>,
}

/// An operation Jira allows on a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    /// Replace the value.
    Set,
    /// Add to a multi-value field.
    Add,
    /// Remove from a multi-value field.
    Remove,
    /// Edit an element in place (comments, worklogs).
    Edit,
}

/// A field that may be set, as editmeta or create metadata describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldMeta {
    /// Field id (`summary`, `customfield_10016`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Must have a value.
    pub required: bool,
    /// The schema.
    pub schema: Schema,
    /// Which editor fits it and how its value is sent.
    pub kind: FieldKind,
    /// What may be done to it.
    pub operations: Vec<Operation>,
    /// The values it may take (empty: free input or a search).
    pub allowed: Vec<Choice>,
    /// Where Jira suggests values from (users, labels).
    pub autocomplete_url: Option<String>,
    /// Jira fills it in when nothing is given.
    pub has_default: bool,
}

impl FieldMeta {
    /// Whether values can be added and removed one by one (so an edit does not drop a value
    /// someone else added meanwhile).
    pub fn adds_and_removes(&self) -> bool {
        self.operations.contains(&Operation::Add) && self.operations.contains(&Operation::Remove)
    }

    /// Whether the field can be changed at all: it allows `set` (or add/remove), and jiratty
    /// has an editor for it.
    pub fn is_editable(&self) -> bool {
        let settable = self.operations.is_empty()
            || self.operations.contains(&Operation::Set)
            || self.adds_and_removes();
        settable && !matches!(self.kind, FieldKind::Unsupported)
    }

    /// Whether `text` names this field (its display name or id, ignoring case).
    pub fn is_named(&self, text: &str) -> bool {
        let text = text.trim();
        self.name.eq_ignore_ascii_case(text) || self.id.eq_ignore_ascii_case(text)
    }

    /// The allowed values as a list for messages ("High, Medium, Low").
    pub fn allowed_text(&self) -> String {
        let names: Vec<String> = self
            .allowed
            .iter()
            .flat_map(|c| {
                if c.children.is_empty() {
                    vec![c.name.clone()]
                } else {
                    c.children
                        .iter()
                        .map(|child| format!("{}/{}", c.name, child.name))
                        .collect()
                }
            })
            .collect();
        names.join(", ")
    }
}

/// Finds a field by display name or id; several fields may share a display name, so the
/// answer is the list of those that match (id matches win outright).
pub fn find_field<'a>(fields: &'a [FieldMeta], name: &str) -> Vec<&'a FieldMeta> {
    if let Some(f) = fields
        .iter()
        .find(|f| f.id.eq_ignore_ascii_case(name.trim()))
    {
        return vec![f];
    }
    fields.iter().filter(|f| f.is_named(name)).collect()
}

#[cfg(test)]
mod tests;
