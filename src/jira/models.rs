//! Serde models of Jira's responses. They tolerate what real sites send: nulls where a value
//! is usual, missing and unknown fields, numbers where strings are usual, Cloud and Server/DC
//! user shapes, and custom fields (kept as raw JSON).

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

/// Reads `null` as the type's default.
pub fn null_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// The `comment` field: a page object, or (in some Cloud answers) a bare array of comments.
fn comment_field<'de, D: Deserializer<'de>>(d: D) -> Result<Option<CommentPage>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Null => None,
        Value::Array(items) => {
            let comments: Vec<Comment> = items
                .into_iter()
                .filter_map(|c| serde_json::from_value(c).ok())
                .collect();
            Some(CommentPage {
                start_at: 0,
                max_results: comments.len() as u64,
                total: comments.len() as u64,
                comments,
            })
        }
        other => serde_json::from_value(other).ok(),
    })
}

/// Reads a string, a number or a boolean as a string; null as empty.
pub fn loose_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => s,
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => String::new(),
    })
}

fn loose_opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let s = loose_string(d)?;
    Ok((!s.is_empty()).then_some(s))
}

/// Parses Jira's timestamp format (`2021-12-16T05:44:40.825-0500`), also RFC 3339.
pub fn parse_time(s: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f%z")
        .or_else(|_| DateTime::parse_from_rfc3339(s))
        .ok()
}

/// Cloud or Server/Data Center.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Deployment {
    /// Jira Cloud (`*.atlassian.net`).
    Cloud,
    /// Jira Server or Data Center.
    #[serde(alias = "server", alias = "datacenter")]
    Dc,
}

impl Deployment {
    /// How users name it.
    pub fn label(self) -> &'static str {
        match self {
            Deployment::Cloud => "Cloud",
            Deployment::Dc => "Data Center",
        }
    }
}

/// `GET serverInfo`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ServerInfo {
    /// The site's own idea of its address.
    #[serde(deserialize_with = "loose_string")]
    pub base_url: String,
    /// Version string.
    #[serde(deserialize_with = "loose_string")]
    pub version: String,
    /// Version as numbers.
    #[serde(deserialize_with = "null_default")]
    pub version_numbers: Vec<u64>,
    /// `Cloud`, `Server` or `DataCenter`; missing on old servers.
    #[serde(deserialize_with = "loose_opt_string")]
    pub deployment_type: Option<String>,
    /// Site title.
    #[serde(deserialize_with = "loose_string")]
    pub server_title: String,
}

impl ServerInfo {
    /// Cloud or Server/DC (old servers send no `deploymentType`: they are Server).
    pub fn deployment(&self) -> Deployment {
        match self.deployment_type.as_deref() {
            Some(t) if t.eq_ignore_ascii_case("cloud") => Deployment::Cloud,
            _ => Deployment::Dc,
        }
    }
}

/// A user in either shape: Cloud has `accountId`, Server/DC has `name` and `key`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct User {
    /// Cloud account id.
    #[serde(deserialize_with = "loose_opt_string")]
    pub account_id: Option<String>,
    /// Server/DC username.
    #[serde(deserialize_with = "loose_opt_string")]
    pub name: Option<String>,
    /// Server/DC user key.
    #[serde(deserialize_with = "loose_opt_string")]
    pub key: Option<String>,
    /// Display name.
    #[serde(deserialize_with = "loose_opt_string")]
    pub display_name: Option<String>,
    /// E-mail, when visible.
    #[serde(deserialize_with = "loose_opt_string")]
    pub email_address: Option<String>,
    /// Whether the account is active.
    #[serde(deserialize_with = "null_default")]
    pub active: bool,
    /// Time zone.
    #[serde(deserialize_with = "loose_opt_string")]
    pub time_zone: Option<String>,
}

impl User {
    /// The name to show: display name, else username, else account id.
    pub fn label(&self) -> &str {
        self.display_name
            .as_deref()
            .or(self.name.as_deref())
            .or(self.account_id.as_deref())
            .unwrap_or("unknown user")
    }

    /// The identity: accountId on Cloud, username (or key) on Server/DC.
    pub fn identity(&self) -> &str {
        self.account_id
            .as_deref()
            .or(self.name.as_deref())
            .or(self.key.as_deref())
            .unwrap_or("")
    }
}

/// Something with an id and a name (priority, resolution, component, project...).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Named {
    /// Id.
    #[serde(deserialize_with = "loose_string")]
    pub id: String,
    /// Name.
    #[serde(deserialize_with = "loose_string")]
    pub name: String,
    /// Key (projects).
    #[serde(
        deserialize_with = "loose_opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub key: Option<String>,
}

/// A status category (`new`, `indeterminate`, `done`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StatusCategory {
    /// Key.
    #[serde(deserialize_with = "loose_string")]
    pub key: String,
    /// Name.
    #[serde(deserialize_with = "loose_string")]
    pub name: String,
    /// Colour name.
    #[serde(deserialize_with = "loose_string")]
    pub color_name: String,
}

/// A status.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Status {
    /// Id.
    #[serde(deserialize_with = "loose_string")]
    pub id: String,
    /// Name.
    #[serde(deserialize_with = "loose_string")]
    pub name: String,
    /// Category, for colouring.
    #[serde(deserialize_with = "null_default")]
    pub status_category: Option<StatusCategory>,
}

/// An issue type.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct IssueType {
    /// Id.
    #[serde(deserialize_with = "loose_string")]
    pub id: String,
    /// Name.
    #[serde(deserialize_with = "loose_string")]
    pub name: String,
    /// Whether it is a sub-task type.
    #[serde(deserialize_with = "null_default")]
    pub subtask: bool,
}

/// A rich-text body: wiki markup or plain text (v2) or an ADF document (v3).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum RichText {
    /// Wiki markup / plain text.
    Wiki(String),
    /// An Atlassian Document Format document.
    Adf(Value),
}

impl<'de> Deserialize<'de> for RichText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match Value::deserialize(d)? {
            Value::String(s) => RichText::Wiki(s),
            other => RichText::Adf(other),
        })
    }
}

/// A comment.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Comment {
    /// Id.
    #[serde(deserialize_with = "loose_string")]
    pub id: String,
    /// Author (absent for anonymous or deleted users).
    #[serde(deserialize_with = "null_default")]
    pub author: Option<User>,
    /// Body.
    #[serde(deserialize_with = "null_default")]
    pub body: Option<RichText>,
    /// Creation time.
    #[serde(deserialize_with = "loose_string")]
    pub created: String,
    /// Last edit.
    #[serde(deserialize_with = "loose_string")]
    pub updated: String,
}

/// A page of comments.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CommentPage {
    /// Offset of the first comment.
    #[serde(deserialize_with = "null_default")]
    pub start_at: u64,
    /// Page size.
    #[serde(deserialize_with = "null_default")]
    pub max_results: u64,
    /// All comments of the issue.
    #[serde(deserialize_with = "null_default")]
    pub total: u64,
    /// This page.
    #[serde(deserialize_with = "null_default")]
    pub comments: Vec<Comment>,
}

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

/// A saved filter on the site.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Filter {
    /// Id.
    #[serde(deserialize_with = "loose_string")]
    pub id: String,
    /// Name.
    #[serde(deserialize_with = "loose_string")]
    pub name: String,
    /// Description.
    #[serde(deserialize_with = "loose_opt_string")]
    pub description: Option<String>,
    /// JQL.
    #[serde(deserialize_with = "loose_string")]
    pub jql: String,
    /// Owner.
    #[serde(deserialize_with = "null_default")]
    pub owner: Option<User>,
    /// Whether it is one of the caller's favourites.
    #[serde(deserialize_with = "null_default")]
    pub favourite: bool,
    /// Link to the filter in the browser.
    #[serde(deserialize_with = "loose_opt_string")]
    pub view_url: Option<String>,
}

/// One field of `jql/autocompletedata`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AutocompleteField {
    /// The name to type.
    #[serde(deserialize_with = "loose_string")]
    pub value: String,
    /// Shown name (`Sprint - cf[10880]`).
    #[serde(deserialize_with = "loose_string")]
    pub display_name: String,
    /// `cf[N]` for custom fields.
    #[serde(deserialize_with = "loose_opt_string")]
    pub cfid: Option<String>,
    /// Operators valid for the field.
    #[serde(deserialize_with = "null_default")]
    pub operators: Vec<String>,
    /// Java types of the values.
    #[serde(deserialize_with = "null_default")]
    pub types: Vec<String>,
    /// "true" when it can be ordered by (Jira sends strings).
    #[serde(deserialize_with = "loose_opt_string")]
    pub orderable: Option<String>,
}

/// One function of `jql/autocompletedata`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AutocompleteFunction {
    /// `currentUser()`.
    #[serde(deserialize_with = "loose_string")]
    pub value: String,
    /// Shown name.
    #[serde(deserialize_with = "loose_string")]
    pub display_name: String,
    /// "true" when it returns a list.
    #[serde(deserialize_with = "loose_opt_string")]
    pub is_list: Option<String>,
    /// Java types it returns.
    #[serde(deserialize_with = "null_default")]
    pub types: Vec<String>,
}

/// `GET jql/autocompletedata`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AutocompleteData {
    /// Fields.
    #[serde(deserialize_with = "null_default")]
    pub visible_field_names: Vec<AutocompleteField>,
    /// Functions.
    #[serde(deserialize_with = "null_default")]
    pub visible_function_names: Vec<AutocompleteFunction>,
    /// Reserved words.
    #[serde(deserialize_with = "null_default")]
    pub jql_reserved_words: Vec<String>,
}

/// One value suggestion.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Suggestion {
    /// The value to insert.
    #[serde(deserialize_with = "loose_string")]
    pub value: String,
    /// Shown text, with `<b>` around the matched part.
    #[serde(deserialize_with = "loose_string")]
    pub display_name: String,
}

/// `GET jql/autocompletedata/suggestions`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Suggestions {
    /// The suggestions.
    #[serde(deserialize_with = "null_default")]
    pub results: Vec<Suggestion>,
}

/// Where the next page of a search starts.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PageCursor {
    /// Cloud's opaque `nextPageToken`.
    Token(String),
    /// Server/DC's `startAt`.
    Offset(u64),
}

/// One page of search results: full [`Issue`]s, or lean list rows
/// ([`ListIssue`](super::list_issue::ListIssue)).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchPage<I = Issue> {
    /// The issues of this page.
    pub issues: Vec<I>,
    /// Where the next page starts; `None` on the last page.
    pub next: Option<PageCursor>,
    /// Total matches, where the site says (Server/DC).
    pub total: Option<u64>,
}

/// The identity a login resolved to.
#[derive(Debug, Clone, PartialEq)]
pub struct Identity {
    /// Who.
    pub user: User,
    /// Cloud or Server/DC.
    pub deployment: Deployment,
    /// The site's version.
    pub version: String,
}
