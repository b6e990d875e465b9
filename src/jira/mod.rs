//! Everything that talks to a Jira site: connection, authentication, deployment detection,
//! search paging, issues, comments, filters and JQL autocomplete data, with errors a user can
//! act on. No UI dependency: the TUI, the CLI and the tests use it unchanged.

pub mod auth;
pub mod calls;
pub mod client;
pub mod error;
pub mod list_issue;
pub mod models;
pub mod search;
pub mod site;

pub use auth::{AuthMethod, Credentials, Secret};
pub use client::{Client, ClientOptions, RetryPolicy};
pub use error::{CredentialProblem, ErrorClass, JiraError};
pub use list_issue::ListIssue;
pub use models::*;
pub use search::{Pager, SearchRequest};
