//! The workflows of the demo's projects and the transitions resource: `GET …/transitions`
//! offers what the issue's project workflow allows from its current status (with the screen
//! fields under `expand=transitions.fields`), `POST …/transitions` applies one with Jira's 204
//! and its 400 bodies.
//!
//! ACME and DOC work in a Scrum-like flow with back transitions (To Do → In Progress → In
//! Review → Done, Stop progress, Request changes, Reopen), plus "Mark done", a shortcut from
//! In Progress that only the assignee is offered (`isConditional`). OPS works Kanban-style:
//! global transitions into To Do, In Progress and Done from every other status.

use super::comments::{CommentInput, comment_input};
use super::extract::{Api, IssueReader, Params, Signed};
use super::json::Render;
use super::model::StatusCategory;
use super::routes::{attempt, find_issue, render_for};
use super::{ApiVersion, Site, respond};
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{Map, Value, json};
use std::sync::Arc;

/// Status indices of the dataset's vocabulary.
const TO_DO: u8 = 0;
const IN_PROGRESS: u8 = 1;
const IN_REVIEW: u8 = 2;
const DONE: u8 = 3;

/// What a transition's screen asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Screen {
    /// No screen: the transition happens at once.
    None,
    /// An optional comment.
    Comment,
    /// A required resolution and an optional comment.
    Resolve,
}

/// One transition of a workflow.
#[derive(Debug, Clone, Copy)]
struct Transition {
    id: u32,
    name: &'static str,
    /// The statuses it leaves from; empty for a global transition (from every other status).
    from: &'static [u8],
    to: u8,
    screen: Screen,
    /// Offered only to the issue's assignee.
    assignee_only: bool,
}

const fn step(
    id: u32,
    name: &'static str,
    from: &'static [u8],
    to: u8,
    screen: Screen,
) -> Transition {
    Transition {
        id,
        name,
        from,
        to,
        screen,
        assignee_only: false,
    }
}

/// ACME's and DOC's workflow.
const SCRUM: &[Transition] = &[
    step(11, "Start progress", &[TO_DO], IN_PROGRESS, Screen::None),
    step(
        21,
        "Request review",
        &[IN_PROGRESS],
        IN_REVIEW,
        Screen::Comment,
    ),
    step(31, "Done", &[IN_REVIEW], DONE, Screen::Resolve),
    step(41, "Stop progress", &[IN_PROGRESS], TO_DO, Screen::None),
    step(
        51,
        "Request changes",
        &[IN_REVIEW],
        IN_PROGRESS,
        Screen::Comment,
    ),
    step(61, "Reopen", &[DONE], TO_DO, Screen::Comment),
    Transition {
        assignee_only: true,
        ..step(71, "Mark done", &[IN_PROGRESS], DONE, Screen::Resolve)
    },
];

/// OPS's Kanban workflow: every status reachable from every other.
const KANBAN: &[Transition] = &[
    step(11, "To Do", &[], TO_DO, Screen::None),
    step(21, "In Progress", &[], IN_PROGRESS, Screen::None),
    step(31, "Done", &[], DONE, Screen::Resolve),
];

/// The workflow of a project.
fn workflow(project_key: &str) -> &'static [Transition] {
    if project_key.eq_ignore_ascii_case("OPS") {
        KANBAN
    } else {
        SCRUM
    }
}

/// The transitions offered on issue `index` to `user`, in workflow order (none to a viewer).
fn offered(site: &Site, r: &Render<'_>, index: usize, user: usize) -> Vec<Transition> {
    if site.data.users[user].viewer {
        return Vec::new();
    }
    let issue = r.issue_now(index);
    let project = &site.data.projects[issue.project as usize].key;
    workflow(project)
        .iter()
        .filter(|t| {
            let from_here = if t.from.is_empty() {
                t.to != issue.status
            } else {
                t.from.contains(&issue.status)
            };
            from_here && (!t.assignee_only || issue.assignee == Some(user as u8))
        })
        .copied()
        .collect()
}

/// The screen fields of `t`, as `expand=transitions.fields` shows them.
fn screen_fields(r: &Render<'_>, t: &Transition) -> Value {
    let mut fields = Map::new();
    if t.screen == Screen::Resolve {
        let api = match r.version {
            ApiVersion::V2 => "/rest/api/2",
            ApiVersion::V3 => "/rest/api/3",
        };
        let allowed: Vec<Value> = r
            .data
            .resolutions
            .iter()
            .map(|res| {
                json!({
                    "self": format!("{}{api}/resolution/{}", r.base, res.id),
                    "id": res.id.to_string(),
                    "name": res.name,
                    "description": res.description,
                })
            })
            .collect();
        fields.insert(
            "resolution".into(),
            json!({
                "required": true,
                "schema": {"type": "resolution", "system": "resolution"},
                "name": "Resolution",
                "key": "resolution",
                "hasDefaultValue": false,
                "operations": ["set"],
                "allowedValues": allowed,
            }),
        );
    }
    if t.screen != Screen::None {
        fields.insert(
            "comment".into(),
            json!({
                "required": false,
                "schema": {"type": "comments-page", "system": "comment"},
                "name": "Comment",
                "key": "comment",
                "hasDefaultValue": false,
                "operations": ["add", "edit", "remove"],
            }),
        );
    }
    Value::Object(fields)
}

fn transition_json(r: &Render<'_>, t: &Transition, with_fields: bool) -> Value {
    let mut v = json!({
        "id": t.id.to_string(),
        "name": t.name,
        "to": r.status(t.to),
        "hasScreen": t.screen != Screen::None,
        "isGlobal": t.from.is_empty(),
        "isInitial": false,
        "isAvailable": true,
        "isConditional": t.assignee_only,
        "isLooped": false,
    });
    if with_fields {
        v["fields"] = screen_fields(r, t);
    }
    v
}

/// `GET /rest/api/{v}/issue/{key}/transitions[?expand=transitions.fields][&transitionId=]`.
pub async fn list(
    State(site): State<Arc<Site>>,
    api: Api<IssueReader>,
    Path((_, key)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Response {
    let index = attempt!(find_issue(&site, &key));
    let params = Params::parse(query.as_deref());
    let with_fields = params
        .list("expand")
        .iter()
        .any(|e| e == "transitions.fields");
    let only = params.get("transitionId").map(str::trim);
    let r = render_for(&site, api.version, api.user);
    let list: Vec<Value> = offered(&site, &r, index, api.user)
        .iter()
        .filter(|t| only.is_none_or(|id| id == t.id.to_string()))
        .map(|t| transition_json(&r, t, with_fields))
        .collect();
    respond::ok(&json!({"expand": "transitions", "transitions": list}))
}

/// Jira's 400 with one field's error.
fn field_error(field: &str, message: &str) -> Response {
    respond::field_errors(StatusCode::BAD_REQUEST, &[(field, message)])
}

/// The transition id of a request body: `{"transition": {"id": "31"}}` (a number is taken too).
fn transition_id(body: &Value) -> Option<String> {
    match body.pointer("/transition/id")? {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The resolution a request sets, by `id` or `name`.
fn resolution(site: &Site, value: &Value) -> Result<u8, Response> {
    let by_id = value.get("id").and_then(Value::as_str);
    let by_name = value.get("name").and_then(Value::as_str);
    site.data
        .resolutions
        .iter()
        .position(|r| {
            by_id.is_some_and(|id| id.trim() == r.id.to_string())
                || by_name.is_some_and(|n| n.trim().eq_ignore_ascii_case(&r.name))
        })
        .map(|r| r as u8)
        .ok_or_else(|| {
            field_error(
                "resolution",
                "Could not find valid 'id' or 'name' in resolution object.",
            )
        })
}

/// The comment of `update.comment[].add.body`, if the request adds one.
fn update_comment(version: ApiVersion, body: &Value) -> Result<Option<CommentInput>, Response> {
    let Some(ops) = body.pointer("/update/comment") else {
        return Ok(None);
    };
    let add = ops
        .as_array()
        .and_then(|ops| ops.iter().find_map(|op| op.get("add")))
        .ok_or_else(|| field_error("comment", "The comment update must be a list of operations such as [{\"add\": {\"body\": …}}]."))?;
    comment_input(version, add).map(Some)
}

/// `POST /rest/api/{v}/issue/{key}/transitions`: 204 once applied.
pub async fn apply(
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
            &["You do not have permission to transition this issue."],
        );
    }
    let body = attempt!(respond::parse_json(&headers, &body));
    let Some(id) = transition_id(&body) else {
        return respond::bad_request("Missing 'transition' identifier");
    };
    let r = render_for(&site, api.version, api.user);
    let Some(t) = offered(&site, &r, index, api.user)
        .into_iter()
        .find(|t| t.id.to_string() == id)
    else {
        return respond::bad_request(&format!(
            "Transition id '{id}' is not valid for this issue."
        ));
    };
    drop(r);
    let fields = body.get("fields").and_then(Value::as_object);
    let mut chosen = None;
    for (name, value) in fields.into_iter().flatten() {
        match name.as_str() {
            "resolution" if t.screen == Screen::Resolve => {
                chosen = Some(attempt!(resolution(&site, value)));
            }
            _ => {
                return field_error(
                    name,
                    &format!(
                        "Field '{name}' cannot be set. It is not on the appropriate screen, or unknown."
                    ),
                );
            }
        }
    }
    if t.screen == Screen::Resolve && chosen.is_none() {
        return field_error("resolution", "Resolution is required.");
    }
    let comment = attempt!(update_comment(api.version, &body));
    if comment.is_some() && t.screen == Screen::None {
        return field_error(
            "comment",
            "Field 'comment' cannot be set. It is not on the appropriate screen, or unknown.",
        );
    }
    let done = site.data.statuses[t.to as usize].category == StatusCategory::Done;
    let written: Result<(), Response> = site.write(|live| {
        let now = chrono::Utc::now();
        let new = comment.map(|c| c.post(live, &site.data, api.user));
        let issue = live.issue_mut(&site.data, index);
        issue.status = t.to;
        issue.resolution = if done { chosen } else { None };
        issue.resolved = if done { Some(now) } else { None };
        issue.updated = now;
        issue.comments.extend(new);
        Ok(())
    });
    attempt!(written);
    respond::no_content()
}
