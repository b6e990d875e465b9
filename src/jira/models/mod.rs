//! Serde models of Jira's responses. They tolerate what real sites send: nulls where a value
//! is usual, missing and unknown fields, numbers where strings are usual, Cloud and Server/DC
//! user shapes, and custom fields (kept as raw JSON).

mod comment;
mod issue;
mod lenient;
mod named;
mod server;

pub use comment::{Comment, CommentPage, RichText};
pub use issue::{Issue, IssueFields, IssueLink, IssueRef, LinkType, RefFields};
pub use lenient::{loose_string, null_default, parse_time};
pub use named::{IssueType, Named, Status, StatusCategory, User};
pub use server::{
    AutocompleteData, AutocompleteField, AutocompleteFunction, Deployment, Filter, ServerInfo,
    Suggestion, Suggestions,
};

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
    /// The API gateway the login went through (a scoped API token), to remember.
    pub gateway: Option<crate::jira::client::Gateway>,
}
