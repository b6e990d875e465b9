//! Everything that talks to a Jira site: connection, authentication, deployment detection,
//! search paging, issues, comments, filters, JQL autocomplete data, and acting on issues
//! (transitions, assigning, comments, watching), with errors a user can
//! act on. No UI dependency: the TUI, the CLI and the tests use it unchanged.

pub mod agile;
pub mod auth;
pub mod body;
pub mod bulk;
pub mod calls;
pub mod client;
pub mod comments;
pub mod error;
pub mod fields;
pub mod list_issue;
pub mod models;
pub mod paging;
pub mod people;
pub mod pick;
pub mod retry;
pub mod salvage;
pub mod search;
pub mod site;
pub mod tls;
pub mod workflow;
pub mod writes;

pub use auth::{AuthMethod, Credentials, Secret};
pub use body::BodyLimits;
pub use client::{Client, ClientOptions, Gateway, RetryPolicy};
pub use comments::{CommentGuard, CommentStop, FetchedComments};
pub use error::{CredentialProblem, ErrorClass, JiraError};
pub use list_issue::ListIssue;
pub use models::*;
pub use paging::{PageGuard, PagingStop};
pub use people::Assignee;
pub use salvage::PageIssue;
pub use search::{Pager, SearchRequest};
pub use tls::ClientCertificate;
pub use workflow::{Allowed, Transition, TransitionField, TransitionInput};
pub use writes::{CommentBody, Visibility, Watchers};
