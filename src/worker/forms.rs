//! The worker's side of editing and creating issues: loading the forms Jira describes,
//! checking that an issue did not change under an edit, and creating issues.

use super::{RequestKind, Response};
use crate::jira::fields::IssueEdit;
use crate::jira::{Client, JiraError};

/// Runs a form request (any other kind is refused).
pub(super) async fn run(client: Client, kind: RequestKind) -> Result<Response, JiraError> {
    match kind {
        RequestKind::EditForm { key } => {
            Ok(Response::EditForm(Box::new(client.edit_form(&key).await?)))
        }
        RequestKind::Projects => Ok(Response::Projects(client.projects().await?)),
        RequestKind::IssueTypes { project } => {
            let types = client.create_issue_types(&project).await?;
            Ok(Response::IssueTypes { project, types })
        }
        RequestKind::CreateFields {
            project,
            issue_type,
        } => {
            let fields = client.create_fields(&project, &issue_type).await?;
            Ok(Response::CreateFields {
                project,
                issue_type,
                fields,
            })
        }
        RequestKind::CreateIssue { issue } => {
            Ok(Response::Created(client.create_issue(&issue).await?))
        }
        _ => Err(JiraError::Unsupported("not a form request".into())),
    }
}

/// Changes fields of `key`, first checking (unless `force`) that it was not updated since
/// `seen`: someone may have edited it in the browser, and overwriting their change must be
/// the user's choice.
pub(super) async fn edit(
    client: Client,
    key: &str,
    edit: &IssueEdit,
    seen: Option<String>,
    force: bool,
) -> Result<Response, JiraError> {
    if !force && let Some(seen) = seen {
        let now = client.issue_updated(key).await?;
        if now.as_deref().is_some_and(|now| !same_time(now, &seen)) {
            return Ok(Response::Conflict { updated: now });
        }
    }
    client.edit_issue(key, edit).await?;
    // The change moved `updated`: the next edit compares with this, not with the old one.
    let updated = client.issue_updated(key).await.ok().flatten();
    Ok(Response::Edited { updated })
}

/// Two of Jira's timestamps name the same moment (the text may differ in offset).
fn same_time(a: &str, b: &str) -> bool {
    match (
        crate::jira::models::parse_time(a),
        crate::jira::models::parse_time(b),
    ) {
        (Some(a), Some(b)) => a == b,
        _ => a == b,
    }
}
