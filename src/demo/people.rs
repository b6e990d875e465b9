//! People on issues: the assignable-user and user searches in each flavour's dialect
//! (Cloud: `query` over display names and e-mail addresses, accountIds; Server/DC: `username`
//! over names, display names and e-mail addresses), assigning (`PUT …/assignee` with
//! `accountId` or `name`, `null` for nobody, `"-1"` for the project lead), and watchers
//! (`GET`/`POST`/`DELETE …/watchers`).

use super::extract::{Api, IssueReader, Params, Signed, issue_not_found, not_found_message};
use super::model::{Flavor, User};
use super::routes::{attempt, find_issue, render, render_for};
use super::{Site, respond};
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::Value;
use std::sync::Arc;

/// Whether `user` matches a search for `needle`: a prefix of the login name, the e-mail
/// address or a word of the display name (any case); everyone matches an empty search.
fn matches(user: &User, needle: &str) -> bool {
    let needle = needle.trim().to_lowercase();
    needle.is_empty()
        || std::iter::once(user.name.as_str())
            .chain([user.email.as_str(), user.display_name.as_str()])
            .chain(user.display_name.split_whitespace())
            .any(|s| s.to_lowercase().starts_with(&needle))
}

/// The parameter a flavour searches users with.
fn search_param(flavor: Flavor) -> &'static str {
    match flavor {
        Flavor::Cloud => "query",
        Flavor::Dc => "username",
    }
}

/// The users matching the request's search, at most `maxResults` (default 50); with
/// `assignable`, only those who may be assigned issues.
fn found(site: &Site, params: &Params, assignable: bool) -> Result<Vec<usize>, Response> {
    let needle = params
        .get(search_param(site.flavor))
        .or_else(|| params.get("query"))
        .unwrap_or("");
    let max = params.number("maxResults", 50)?.clamp(1, 1000);
    Ok((0..site.data.users.len())
        .filter(|&u| matches(&site.data.users[u], needle))
        .filter(|&u| !(assignable && site.data.users[u].viewer))
        .take(max)
        .collect())
}

/// `GET /rest/api/{v}/user/assignable/search?issueKey=|project=&query=|username=`.
pub async fn assignable(
    State(site): State<Arc<Site>>,
    api: Api<Signed>,
    RawQuery(query): RawQuery,
) -> Response {
    let params = Params::parse(query.as_deref());
    match (params.get("issueKey"), params.get("project")) {
        (Some(key), _) if !key.trim().is_empty() => {
            if site.data.find_issue(key.trim()).is_none() {
                return issue_not_found();
            }
        }
        (_, Some(project)) if !project.trim().is_empty() => {
            let known = site.data.projects.iter().any(|p| {
                p.key.eq_ignore_ascii_case(project.trim()) || p.id.to_string() == project.trim()
            });
            if !known {
                return not_found_message(&format!(
                    "No project could be found with key '{}'.",
                    project.trim()
                ));
            }
        }
        _ => {
            return respond::bad_request("The parameters 'issueKey' or 'project' are required.");
        }
    }
    let users = attempt!(found(&site, &params, true));
    let r = render(&site, api.version);
    respond::ok(&Value::Array(
        users.into_iter().map(|u| r.user(u)).collect(),
    ))
}

/// `GET /rest/api/{v}/user/search?query=` (Cloud) or `?username=` (Server/DC).
pub async fn search(
    State(site): State<Arc<Site>>,
    api: Api<Signed>,
    RawQuery(query): RawQuery,
) -> Response {
    let params = Params::parse(query.as_deref());
    let users = attempt!(found(&site, &params, false));
    let r = render(&site, api.version);
    respond::ok(&Value::Array(
        users.into_iter().map(|u| r.user(u)).collect(),
    ))
}

/// The field that names a user in request bodies: `accountId` on Cloud, `name` on Server/DC.
fn account_field(flavor: Flavor) -> &'static str {
    match flavor {
        Flavor::Cloud => "accountId",
        Flavor::Dc => "name",
    }
}

/// The user `ident` names in this flavour's terms (accountId on Cloud; name or key on DC).
fn user_named(site: &Site, ident: &str) -> Option<usize> {
    site.data.users.iter().position(|u| match site.flavor {
        Flavor::Cloud => u.account_id == ident,
        Flavor::Dc => u.name.eq_ignore_ascii_case(ident) || u.key == ident,
    })
}

/// `PUT /rest/api/{v}/issue/{key}/assignee`: 204.
pub async fn assign(
    State(site): State<Arc<Site>>,
    api: Api<Signed>,
    Path((_, key)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let index = attempt!(find_issue(&site, &key));
    if site.data.users[api.user].viewer {
        return respond::error(
            StatusCode::FORBIDDEN,
            &["You do not have permission to assign issues."],
        );
    }
    let value = attempt!(respond::parse_json(&headers, &body));
    let field = account_field(site.flavor);
    let assignee = match value.get(field) {
        None => {
            return respond::bad_request(&format!(
                "The request body must name the assignee with '{field}' (null for nobody, \"-1\" for automatic)."
            ));
        }
        Some(Value::Null) => None,
        Some(Value::String(s)) if s.trim() == "-1" => {
            let project = site.live().issue(&site.data, index).project as usize;
            Some(site.data.projects[project].lead)
        }
        Some(Value::String(s)) => match user_named(&site, s.trim()) {
            Some(u) if !site.data.users[u].viewer => Some(u),
            _ => {
                return respond::field_errors(
                    StatusCode::BAD_REQUEST,
                    &[(
                        "assignee",
                        &format!("User '{}' cannot be assigned issues.", s.trim()),
                    )],
                );
            }
        },
        Some(other) => {
            return respond::field_errors(
                StatusCode::BAD_REQUEST,
                &[(
                    "assignee",
                    &format!("User '{other}' cannot be assigned issues."),
                )],
            );
        }
    };
    let written: Result<(), Response> = site.write(|live| {
        let issue = live.issue_mut(&site.data, index);
        issue.assignee = assignee.map(|u| u as u8);
        issue.updated = chrono::Utc::now();
        Ok(())
    });
    attempt!(written);
    respond::no_content()
}

/// `GET /rest/api/{v}/issue/{key}/watchers`.
pub async fn watchers(
    State(site): State<Arc<Site>>,
    api: Api<IssueReader>,
    Path((_, key)): Path<(String, String)>,
) -> Response {
    let index = attempt!(find_issue(&site, &key));
    let r = render_for(&site, api.version, api.user);
    let list = r.live.watchers(&site.data, index);
    let mut body = r.watches(index);
    body["watchers"] = Value::Array(list.into_iter().map(|u| r.user(u)).collect());
    respond::ok(&body)
}

/// `POST /rest/api/{v}/issue/{key}/watchers` with a JSON string naming the user (the caller
/// when the body is empty): 204.
pub async fn watch(
    State(site): State<Arc<Site>>,
    api: Api<Signed>,
    Path((_, key)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let index = attempt!(find_issue(&site, &key));
    let user = if body.iter().all(u8::is_ascii_whitespace) {
        api.user
    } else {
        match attempt!(respond::parse_json(&headers, &body)) {
            Value::String(s) => match user_named(&site, s.trim()) {
                Some(u) => u,
                None => return unknown_user(s.trim()),
            },
            other => return unknown_user(&other.to_string()),
        }
    };
    set_watching(&site, index, user, true)
}

/// `DELETE /rest/api/{v}/issue/{key}/watchers?accountId=` (Cloud) or `?username=` (DC): 204.
pub async fn unwatch(
    State(site): State<Arc<Site>>,
    _api: Api<Signed>,
    Path((_, key)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Response {
    let index = attempt!(find_issue(&site, &key));
    let params = Params::parse(query.as_deref());
    let name = match site.flavor {
        Flavor::Cloud => "accountId",
        Flavor::Dc => "username",
    };
    let Some(ident) = params.get(name).map(str::trim).filter(|s| !s.is_empty()) else {
        return respond::bad_request(&format!("The parameter '{name}' is required."));
    };
    let Some(user) = user_named(&site, ident) else {
        return unknown_user(ident);
    };
    set_watching(&site, index, user, false)
}

fn unknown_user(ident: &str) -> Response {
    not_found_message(&format!("The user '{ident}' does not exist."))
}

fn set_watching(site: &Site, index: usize, user: usize, on: bool) -> Response {
    let written: Result<(), Response> = site.write(|live| {
        let mut list = live.watchers(&site.data, index);
        list.retain(|&u| u != user);
        if on {
            list.push(user);
        }
        live.set_watchers(index, list);
        Ok(())
    });
    attempt!(written);
    respond::no_content()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn users_match_by_prefix_of_name_email_and_display_words() {
        let users = crate::demo::vocabulary::users();
        let alice = &users[0];
        for hit in ["", "al", "ALICE", "alice@ex", "anders", "Alice A"] {
            assert!(matches(alice, hit), "{hit}");
        }
        for miss in ["lice", "bob", "example.com", "x"] {
            assert!(!matches(alice, miss), "{miss}");
        }
    }
}
