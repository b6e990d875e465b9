//! Writing comments: `POST …/issue/{key}/comment`, `PUT` and `DELETE
//! …/issue/{key}/comment/{id}` (author only; `GET` reads one), in wiki markup on v2 and ADF on v3, with an
//! optional `visibility`; and `GET …/project/{key}/role`, the roles visibility can name.

use super::extract::{Api, IssueReader, Signed, not_found_message};
use super::live::{CommentEdit, Live, Visibility, comment_position, new_comment};
use super::model::{Comment, Dataset};
use super::routes::{attempt, find_issue, render_for};
use super::{ApiVersion, Site, respond};
use crate::text::adf;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{Value, json};
use std::sync::Arc;

/// The project roles of every demo project, which comment visibility can name.
pub const ROLES: [(&str, u64); 3] = [
    ("Administrators", 10002),
    ("Developers", 10001),
    ("Users", 10000),
];

/// The groups comment visibility can name (every demo user is in them).
pub const GROUPS: [&str; 2] = ["jira-software-users", "jira-administrators"];

/// A comment body and visibility, checked, ready to store.
pub struct CommentInput {
    doc: Value,
    text: String,
    wiki: Option<String>,
    visibility: Option<Visibility>,
}

impl CommentInput {
    /// Stores the body; returns its document index and the visibility asked for.
    fn store(self, live: &mut Live, data: &Dataset) -> (u32, Option<Visibility>) {
        (
            live.add_doc(data, self.doc, self.text, self.wiki),
            self.visibility,
        )
    }

    /// Stores a new comment by `author` (body and visibility), and returns it to be added to
    /// its issue.
    pub fn post(self, live: &mut Live, data: &Dataset, author: usize) -> Comment {
        let (doc, visibility) = self.store(live, data);
        let comment = new_comment(live, data, author, doc);
        live.set_visibility(comment.id, visibility);
        comment
    }
}

fn field_error(field: &str, message: &str) -> Response {
    respond::field_errors(StatusCode::BAD_REQUEST, &[(field, message)])
}

/// Whether `node` is a well-formed ADF node: an object with a string `type`, `text` on text
/// nodes, and `content` (if any) a list of nodes.
fn adf_node(node: &Value, depth: usize) -> bool {
    let Some(kind) = node.get("type").and_then(Value::as_str) else {
        return false;
    };
    if depth > 64 || (kind == "text" && !node.get("text").is_some_and(Value::is_string)) {
        return false;
    }
    match node.get("content") {
        None => true,
        Some(Value::Array(children)) => children.iter().all(|c| adf_node(c, depth + 1)),
        Some(_) => false,
    }
}

/// Whether `body` is an ADF document (`{"type": "doc", "version": 1, "content": [...]}`).
pub fn is_adf_doc(body: &Value) -> bool {
    body.get("type").and_then(Value::as_str) == Some("doc")
        && body.get("version").and_then(Value::as_u64) == Some(1)
        && body.get("content").is_some_and(Value::is_array)
        && adf_node(body, 0)
}

/// A wiki text as the ADF document v3 readers get: one paragraph per line.
fn wiki_doc(text: &str) -> Value {
    let paragraphs: Vec<Value> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| json!({"type": "paragraph", "content": [{"type": "text", "text": l}]}))
        .collect();
    json!({"type": "doc", "version": 1, "content": paragraphs})
}

/// Reads `{"body": …, "visibility"?: {"type", "value"}}`: a wiki string on v2, an ADF
/// document on v3, with Jira's 400 answers otherwise.
pub fn comment_input(version: ApiVersion, value: &Value) -> Result<CommentInput, Response> {
    let (doc, text, wiki) = match (version, value.get("body")) {
        (_, None | Some(Value::Null)) => {
            return Err(field_error("comment", "Comment body can not be empty!"));
        }
        (ApiVersion::V2, Some(Value::String(s))) if s.trim().is_empty() => {
            return Err(field_error("comment", "Comment body can not be empty!"));
        }
        (ApiVersion::V2, Some(Value::String(s))) => (wiki_doc(s), s.clone(), Some(s.clone())),
        (ApiVersion::V2, Some(_)) => {
            return Err(field_error(
                "comment",
                "The comment body must be a string of wiki markup.",
            ));
        }
        (ApiVersion::V3, Some(doc)) if is_adf_doc(doc) => {
            let text = adf::adf_to_plain(doc);
            if text.trim().is_empty() {
                return Err(field_error("comment", "Comment body can not be empty!"));
            }
            (doc.clone(), text, None)
        }
        (ApiVersion::V3, Some(_)) => {
            return Err(field_error(
                "comment",
                "Operation value must be an Atlassian Document (see the Atlassian Document Format).",
            ));
        }
    };
    let visibility = match value.get("visibility") {
        None | Some(Value::Null) => None,
        Some(v) => Some(visibility(v)?),
    };
    Ok(CommentInput {
        doc,
        text,
        wiki,
        visibility,
    })
}

fn visibility(v: &Value) -> Result<Visibility, Response> {
    let kind = v.get("type").and_then(Value::as_str).unwrap_or("").trim();
    let value = v
        .get("value")
        .or_else(|| v.get("identifier"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim();
    let known = match kind {
        "role" => ROLES.iter().any(|(r, _)| r.eq_ignore_ascii_case(value)),
        "group" => GROUPS.iter().any(|g| g.eq_ignore_ascii_case(value)),
        _ => {
            return Err(field_error(
                "commentLevel",
                "The visibility type must be 'role' or 'group'.",
            ));
        }
    };
    if !known {
        let message = match kind {
            "role" => format!("You are currently not a member of the project role: {value}."),
            _ => format!("You are currently not a member of the group: {value}."),
        };
        return Err(field_error("commentLevel", &message));
    }
    Ok(Visibility {
        kind: kind.to_string(),
        value: value.to_string(),
    })
}

/// `POST /rest/api/{v}/issue/{key}/comment`: 201 with the comment as `GET` renders it.
pub async fn add(
    State(site): State<Arc<Site>>,
    api: Api<Signed>,
    Path((_, key)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let index = attempt!(find_issue(&site, &key));
    let value = attempt!(respond::parse_json(&headers, &body));
    let input = attempt!(comment_input(api.version, &value));
    let added: Result<u64, Response> = site.write(|live| {
        let comment = input.post(live, &site.data, api.user);
        let issue = live.issue_mut(&site.data, index);
        issue.comments.push(comment);
        issue.updated = comment.created;
        Ok(comment.id)
    });
    let id = attempt!(added);
    render_comment(
        &site,
        (api.version, api.user),
        index,
        id,
        StatusCode::CREATED,
    )
}

fn render_comment(
    site: &Site,
    (version, user): (ApiVersion, usize),
    index: usize,
    id: u64,
    status: StatusCode,
) -> Response {
    let r = render_for(site, version, user);
    let issue = r.issue_now(index);
    match issue.comments.iter().find(|c| c.id == id) {
        Some(c) => respond::json_response(status, &r.comment(issue, c)),
        None => comment_not_found(&id.to_string()),
    }
}

fn comment_not_found(id: &str) -> Response {
    not_found_message(&format!("Can not find a comment for the id: {id}."))
}

/// `GET /rest/api/{v}/issue/{key}/comment/{id}`.
pub async fn one(
    State(site): State<Arc<Site>>,
    api: Api<IssueReader>,
    Path((_, key, id)): Path<(String, String, String)>,
) -> Response {
    let index = attempt!(find_issue(&site, &key));
    let r = render_for(&site, api.version, api.user);
    let issue = r.issue_now(index);
    match comment_position(issue, &id) {
        Some(p) => respond::ok(&r.comment(issue, &issue.comments[p])),
        None => comment_not_found(&id),
    }
}

/// Finds comment `id` of issue `index` and checks that `user` wrote it.
fn own_comment(
    site: &Site,
    index: usize,
    id: &str,
    user: usize,
    doing: &str,
) -> Result<usize, Response> {
    let live = site.live();
    let issue = live.issue(&site.data, index);
    let position = comment_position(issue, id).ok_or_else(|| comment_not_found(id))?;
    if issue.comments[position].author as usize != user {
        return Err(respond::error(
            StatusCode::FORBIDDEN,
            &[&format!(
                "You do not have the permission to {doing} this comment."
            )],
        ));
    }
    Ok(position)
}

/// `PUT /rest/api/{v}/issue/{key}/comment/{id}` (its author only): 200 with the comment.
pub async fn edit(
    State(site): State<Arc<Site>>,
    api: Api<Signed>,
    Path((_, key, id)): Path<(String, String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let index = attempt!(find_issue(&site, &key));
    attempt!(own_comment(&site, index, &id, api.user, "edit"));
    let value = attempt!(respond::parse_json(&headers, &body));
    let input = attempt!(comment_input(api.version, &value));
    let edited: Result<u64, Response> = site.write(|live| {
        let (doc, visibility) = input.store(live, &site.data);
        let issue = live.issue_mut(&site.data, index);
        let comment = comment_position(issue, &id)
            .and_then(|p| issue.comments.get_mut(p))
            .ok_or_else(|| comment_not_found(&id))?;
        comment.body = doc;
        let comment_id = comment.id;
        let now = chrono::Utc::now();
        issue.updated = now;
        live.set_visibility(comment_id, visibility);
        live.set_edit(
            comment_id,
            CommentEdit {
                author: api.user as u8,
                updated: now,
            },
        );
        Ok(comment_id)
    });
    let comment_id = attempt!(edited);
    render_comment(
        &site,
        (api.version, api.user),
        index,
        comment_id,
        StatusCode::OK,
    )
}

/// `DELETE /rest/api/{v}/issue/{key}/comment/{id}` (its author only): 204.
pub async fn delete(
    State(site): State<Arc<Site>>,
    api: Api<Signed>,
    Path((_, key, id)): Path<(String, String, String)>,
) -> Response {
    let index = attempt!(find_issue(&site, &key));
    attempt!(own_comment(&site, index, &id, api.user, "delete"));
    let deleted: Result<(), Response> = site.write(|live| {
        let issue = live.issue_mut(&site.data, index);
        let position = comment_position(issue, &id).ok_or_else(|| comment_not_found(&id))?;
        issue.comments.remove(position);
        issue.updated = chrono::Utc::now();
        Ok(())
    });
    attempt!(deleted);
    respond::no_content()
}

/// `GET /rest/api/{v}/project/{key}/role`: role names with their URLs.
pub async fn roles(
    State(site): State<Arc<Site>>,
    api: Api<Signed>,
    Path((_, key)): Path<(String, String)>,
) -> Response {
    let Some(project) = site
        .data
        .projects
        .iter()
        .find(|p| p.key.eq_ignore_ascii_case(&key) || p.id.to_string() == key)
    else {
        return not_found_message(&format!("No project could be found with key '{key}'."));
    };
    let v = if api.version == ApiVersion::V3 { 3 } else { 2 };
    let roles: serde_json::Map<String, Value> = ROLES
        .iter()
        .map(|(name, id)| {
            (
                name.to_string(),
                json!(format!(
                    "{}/rest/api/{v}/project/{}/role/{id}",
                    site.base(),
                    project.id
                )),
            )
        })
        .collect();
    respond::ok(&Value::Object(roles))
}
