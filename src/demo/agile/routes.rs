//! The agile REST API (`/rest/agile/1.0`), the same in both flavours: boards, their
//! configuration and sprints, board / sprint / backlog issues (with JQL and paging), moving
//! issues between sprints and the backlog, and ranking. The issue lists are in `issues.rs`.

use super::issues;
use super::json as agile_json;
use super::moves::{self, AgileError, RankTarget};
use super::{BoardKind, SprintState};
use crate::demo::auth::{Caller, not_authenticated};
use crate::demo::extract::Params;
use crate::demo::routes::attempt;
use crate::demo::{Site, respond};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{FromRequestParts, Path, RawQuery, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{get, post, put};
use serde_json::{Value, json};
use std::sync::Arc;

/// The agile routes.
pub fn routes() -> Router<Arc<Site>> {
    Router::new()
        .route("/rest/agile/1.0/board", get(boards))
        .route("/rest/agile/1.0/board/{id}", get(board))
        .route(
            "/rest/agile/1.0/board/{id}/configuration",
            get(configuration),
        )
        .route("/rest/agile/1.0/board/{id}/sprint", get(sprints))
        .route(
            "/rest/agile/1.0/board/{id}/issue",
            get(issues::board_issues),
        )
        .route(
            "/rest/agile/1.0/board/{id}/backlog",
            get(issues::backlog_issues),
        )
        .route(
            "/rest/agile/1.0/board/{id}/sprint/{sprint}/issue",
            get(issues::board_sprint_issues),
        )
        .route("/rest/agile/1.0/sprint/{id}", get(sprint))
        .route(
            "/rest/agile/1.0/sprint/{id}/issue",
            get(issues::sprint_issues).post(to_sprint),
        )
        .route("/rest/agile/1.0/backlog/issue", post(to_backlog))
        .route("/rest/agile/1.0/issue/rank", put(rank))
}

/// The signed-in caller of an agile resource (anonymous callers get the flavour's 401).
pub(super) struct Agile(pub(super) usize);

impl FromRequestParts<Arc<Site>> for Agile {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut Parts, site: &Arc<Site>) -> Result<Self, Response> {
        let caller = parts
            .extensions
            .get::<Caller>()
            .copied()
            .unwrap_or(Caller(None));
        caller.0.map(Agile).ok_or_else(|| not_authenticated(site))
    }
}

fn error(e: AgileError) -> Response {
    match e {
        AgileError::NotFound(m) => respond::error(StatusCode::NOT_FOUND, &[&m]),
        AgileError::Refused(m) => respond::bad_request(&m),
    }
}

pub(super) fn board_of<'a>(site: &'a Site, id: &str) -> Result<&'a super::Board, Response> {
    id.trim()
        .parse::<u64>()
        .ok()
        .and_then(|id| site.data.agile.board(id))
        .ok_or_else(|| {
            respond::error(
                StatusCode::NOT_FOUND,
                &["The requested board cannot be viewed because it either does not exist or you do not have permission to view it."],
            )
        })
}

pub(super) fn sprint_of(site: &Site, id: &str) -> Result<usize, Response> {
    id.trim()
        .parse::<u64>()
        .ok()
        .and_then(|id| site.data.agile.sprint_index(id))
        .ok_or_else(|| {
            respond::error(
                StatusCode::NOT_FOUND,
                &[&format!("Sprint with id {} does not exist.", id.trim())],
            )
        })
}

/// `startAt` and `maxResults` (50 by default, at most 100).
pub(super) fn paging(params: &Params) -> Result<(usize, usize), Response> {
    let start = params.number("startAt", 0)?;
    let max = params.number("maxResults", 50)?.clamp(1, 100);
    Ok((start, max))
}

async fn boards(State(site): State<Arc<Site>>, _c: Agile, RawQuery(q): RawQuery) -> Response {
    let params = Params::parse(q.as_deref());
    let (start, max) = attempt!(paging(&params));
    let kind = params.get("type").map(str::to_ascii_lowercase);
    let name = params.get("name").map(str::to_lowercase);
    let project = params.get("projectKeyOrId").map(str::trim);
    let data = &site.data;
    let matching: Vec<&super::Board> = data
        .agile
        .boards
        .iter()
        .filter(|b| kind.as_deref().is_none_or(|k| k == b.kind.name()))
        .filter(|b| {
            name.as_deref()
                .is_none_or(|n| b.name.to_lowercase().contains(n))
        })
        .filter(|b| {
            project.is_none_or(|p| {
                b.projects.iter().any(|&i| {
                    let pr = &data.projects[i as usize];
                    pr.key.eq_ignore_ascii_case(p) || pr.id.to_string() == p
                })
            })
        })
        .collect();
    let values: Vec<Value> = matching
        .iter()
        .skip(start)
        .take(max)
        .map(|b| agile_json::board(data, site.flavor, site.base(), b))
        .collect();
    respond::ok(&json!({
        "maxResults": max,
        "startAt": start,
        "total": matching.len(),
        "isLast": start + values.len() >= matching.len(),
        "values": values,
    }))
}

async fn board(State(site): State<Arc<Site>>, _c: Agile, Path(id): Path<String>) -> Response {
    let b = attempt!(board_of(&site, &id));
    respond::ok(&agile_json::board(&site.data, site.flavor, site.base(), b))
}

async fn configuration(
    State(site): State<Arc<Site>>,
    _c: Agile,
    Path(id): Path<String>,
) -> Response {
    let b = attempt!(board_of(&site, &id));
    respond::ok(&agile_json::configuration(
        &site.data,
        site.flavor,
        site.base(),
        b,
    ))
}

async fn sprints(
    State(site): State<Arc<Site>>,
    _c: Agile,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    let b = attempt!(board_of(&site, &id));
    if b.kind == BoardKind::Kanban {
        return respond::bad_request("The board does not support sprints");
    }
    let params = Params::parse(q.as_deref());
    let (start, max) = attempt!(paging(&params));
    let states = params.list("state");
    for s in &states {
        if !matches!(
            s.to_ascii_lowercase().as_str(),
            "active" | "future" | "closed"
        ) {
            return respond::bad_request(&format!(
                "The state '{s}' is not valid. Valid states are: future, active, closed."
            ));
        }
    }
    let wanted = |s: SprintState| {
        states.is_empty() || states.iter().any(|w| w.eq_ignore_ascii_case(s.name()))
    };
    let list: Vec<&super::Sprint> = site
        .data
        .agile
        .sprints
        .iter()
        .filter(|s| b.sprint_boards.contains(&s.board) && wanted(s.state))
        .collect();
    let values: Vec<Value> = list
        .iter()
        .skip(start)
        .take(max)
        .map(|s| agile_json::sprint(site.flavor, site.base(), s))
        .collect();
    respond::ok(&json!({
        "maxResults": max,
        "startAt": start,
        "isLast": start + values.len() >= list.len(),
        "values": values,
    }))
}

async fn sprint(State(site): State<Arc<Site>>, _c: Agile, Path(id): Path<String>) -> Response {
    let s = attempt!(sprint_of(&site, &id));
    respond::ok(&agile_json::sprint(
        site.flavor,
        site.base(),
        &site.data.agile.sprints[s],
    ))
}

/// The `issues` list of a move or rank body.
fn issue_keys(body: &Value) -> Result<Vec<String>, Response> {
    match body.get("issues") {
        Some(Value::Array(list)) => Ok(list
            .iter()
            .filter_map(|v| match v {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .collect()),
        _ => Err(respond::bad_request(
            "'issues' must be a list of issue keys or ids.",
        )),
    }
}

fn writer(site: &Site, user: usize) -> Result<(), Response> {
    if site.data.users[user].viewer {
        return Err(respond::error(
            StatusCode::FORBIDDEN,
            &["You do not have permission to schedule issues."],
        ));
    }
    Ok(())
}

async fn to_sprint(
    State(site): State<Arc<Site>>,
    c: Agile,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    attempt!(writer(&site, c.0));
    let sprint_id = site.data.agile.sprints[attempt!(sprint_of(&site, &id))].id;
    let body = attempt!(respond::parse_json(&headers, &body));
    let keys = attempt!(issue_keys(&body));
    if let Err(e) = moves::move_to_sprint(&site, sprint_id, &keys) {
        return error(e);
    }
    respond::no_content()
}

async fn to_backlog(
    State(site): State<Arc<Site>>,
    c: Agile,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    attempt!(writer(&site, c.0));
    let body = attempt!(respond::parse_json(&headers, &body));
    let keys = attempt!(issue_keys(&body));
    if let Err(e) = moves::move_to_backlog(&site, &keys) {
        return error(e);
    }
    respond::no_content()
}

async fn rank(
    State(site): State<Arc<Site>>,
    c: Agile,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    attempt!(writer(&site, c.0));
    let body = attempt!(respond::parse_json(&headers, &body));
    let keys = attempt!(issue_keys(&body));
    let text = |name: &str| body.get(name).and_then(Value::as_str).map(str::to_string);
    let target = match (text("rankBeforeIssue"), text("rankAfterIssue")) {
        (Some(k), None) => RankTarget::Before(k),
        (None, Some(k)) => RankTarget::After(k),
        _ => {
            return respond::bad_request(
                "Provide exactly one of rankBeforeIssue and rankAfterIssue.",
            );
        }
    };
    if let Some(field) = body.get("rankCustomFieldId").and_then(Value::as_u64)
        && field != super::rank_field(site.flavor)
    {
        return respond::bad_request(&format!("The custom field {field} is not a rank field."));
    }
    let outcomes = match moves::rank(&site, &keys, &target) {
        Ok(o) => o,
        Err(e) => return error(e),
    };
    if outcomes.iter().all(|(_, e)| e.is_none()) {
        return respond::no_content();
    }
    let entries: Vec<Value> = outcomes
        .iter()
        .map(|(i, e)| {
            let now = site.live();
            let issue = now.issue(&site.data, *i);
            match e {
                None => {
                    json!({"issueId": issue.id, "issueKey": now.key(&site.data, *i), "status": 200})
                }
                Some(m) => {
                    json!({"issueId": issue.id, "issueKey": now.key(&site.data, *i), "status": 400,
                    "errors": [m]})
                }
            }
        })
        .collect();
    respond::json_response(StatusCode::MULTI_STATUS, &json!({"entries": entries}))
}
