//! Issues: their standard fields, references to other issues and links; any other field
//! (custom fields included) kept as raw JSON.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::comment::comment_field;
use super::lenient::{loose_opt_string, loose_string, null_default};
use super::{CommentPage, IssueType, Named, RichText, Status, User};

/// A reference to another issue (parent, sub-task, link target).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct IssueRef {
    /// Id.
    #[serde(deserialize_with = "loose_string")]
    pub id: String,
    /// Key.
    #[serde(deserialize_with = "loose_string")]
    pub key: String,
    /// A few fields (summary, status, type).
    #[serde(deserialize_with = "null_default")]
    pub fields: RefFields,
}

/// The fields Jira embeds in an issue reference.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct RefFields {
    /// Summary.
    #[serde(deserialize_with = "loose_opt_string")]
    pub summary: Option<String>,
    /// Status.
    #[serde(deserialize_with = "null_default")]
    pub status: Option<Status>,
    /// Type.
    #[serde(deserialize_with = "null_default")]
    pub issuetype: Option<IssueType>,
}

/// A link type with its two wordings.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct LinkType {
    /// Name.
    #[serde(deserialize_with = "loose_string")]
    pub name: String,
    /// "is blocked by".
    #[serde(deserialize_with = "loose_string")]
    pub inward: String,
    /// "blocks".
    #[serde(deserialize_with = "loose_string")]
    pub outward: String,
}

/// An issue link; exactly one of the two sides is set.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct IssueLink {
    /// Id.
    #[serde(deserialize_with = "loose_string")]
    pub id: String,
    /// The kind of link.
    #[serde(rename = "type", deserialize_with = "null_default")]
    pub link_type: LinkType,
    /// Set when this issue is the target.
    #[serde(deserialize_with = "null_default")]
    pub inward_issue: Option<IssueRef>,
    /// Set when this issue is the source.
    #[serde(deserialize_with = "null_default")]
    pub outward_issue: Option<IssueRef>,
}

/// The standard fields of an issue; any other field (custom fields included) stays raw JSON
/// in `other`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct IssueFields {
    /// Summary.
    #[serde(
        deserialize_with = "loose_opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub summary: Option<String>,
    /// Status.
    #[serde(
        deserialize_with = "null_default",
        skip_serializing_if = "Option::is_none"
    )]
    pub status: Option<Status>,
    /// Type.
    #[serde(
        deserialize_with = "null_default",
        skip_serializing_if = "Option::is_none"
    )]
    pub issuetype: Option<IssueType>,
    /// Priority.
    #[serde(
        deserialize_with = "null_default",
        skip_serializing_if = "Option::is_none"
    )]
    pub priority: Option<Named>,
    /// Resolution (None while unresolved).
    #[serde(
        deserialize_with = "null_default",
        skip_serializing_if = "Option::is_none"
    )]
    pub resolution: Option<Named>,
    /// Assignee.
    #[serde(
        deserialize_with = "null_default",
        skip_serializing_if = "Option::is_none"
    )]
    pub assignee: Option<User>,
    /// Reporter.
    #[serde(
        deserialize_with = "null_default",
        skip_serializing_if = "Option::is_none"
    )]
    pub reporter: Option<User>,
    /// Project.
    #[serde(
        deserialize_with = "null_default",
        skip_serializing_if = "Option::is_none"
    )]
    pub project: Option<Named>,
    /// Creation time.
    #[serde(
        deserialize_with = "loose_opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub created: Option<String>,
    /// Last update.
    #[serde(
        deserialize_with = "loose_opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub updated: Option<String>,
    /// Due date.
    #[serde(
        deserialize_with = "loose_opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub duedate: Option<String>,
    /// Labels.
    #[serde(
        deserialize_with = "null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub labels: Vec<String>,
    /// Components.
    #[serde(
        deserialize_with = "null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub components: Vec<Named>,
    /// Description.
    #[serde(
        deserialize_with = "null_default",
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<RichText>,
    /// The first page of comments.
    #[serde(
        deserialize_with = "comment_field",
        skip_serializing_if = "Option::is_none"
    )]
    pub comment: Option<CommentPage>,
    /// Parent issue (sub-tasks; epics on Cloud).
    #[serde(
        deserialize_with = "null_default",
        skip_serializing_if = "Option::is_none"
    )]
    pub parent: Option<IssueRef>,
    /// Sub-tasks.
    #[serde(
        deserialize_with = "null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub subtasks: Vec<IssueRef>,
    /// Links to other issues.
    #[serde(
        deserialize_with = "null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub issuelinks: Vec<IssueLink>,
    /// Every other field, custom fields included.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// An issue.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Issue {
    /// Id.
    #[serde(deserialize_with = "loose_string")]
    pub id: String,
    /// Key (`ABC-123`).
    #[serde(deserialize_with = "loose_string")]
    pub key: String,
    /// The fields asked for.
    #[serde(deserialize_with = "null_default")]
    pub fields: IssueFields,
    /// Field id → display name (with `expand=names`).
    #[serde(
        deserialize_with = "null_default",
        skip_serializing_if = "Map::is_empty"
    )]
    pub names: Map<String, Value>,
    /// HTML renderings (with `expand=renderedFields`).
    #[serde(
        deserialize_with = "null_default",
        skip_serializing_if = "Map::is_empty"
    )]
    pub rendered_fields: Map<String, Value>,
    /// What of the issue could not be read ("priority and status could not be read"), when
    /// some of it was not in the shape Jira uses; the rest is as the site sent it. Set by
    /// jiratty's decoding, never read from the server.
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}
