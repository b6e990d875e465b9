//! The issue lists of the agile API: a board's, its backlog's, a sprint's, with JQL, paging
//! and the agile fields (`sprint`, `closedSprints`, `flagged`).

use super::json as agile_json;
use super::moves::{self, Scope};
use super::routes::{Agile, board_of, paging, sprint_of};
use super::{BoardKind, open_sprint};
use crate::demo::extract::Params;
use crate::demo::json::FieldSelection;
use crate::demo::routes::{attempt, render_for};
use crate::demo::{ApiVersion, Site, respond, search};
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use serde_json::{Value, json};
use std::collections::HashSet;
use std::sync::Arc;

/// A page of `hits` (already in rank order), narrowed by the request's JQL.
fn issue_page(site: &Site, user: usize, hits: Vec<u32>, query: Option<&str>) -> Response {
    let params = Params::parse(query);
    let (start, max) = attempt!(paging(&params));
    let hits = match params.get("jql").map(str::trim).filter(|j| !j.is_empty()) {
        Some(jql) => match search::run(site, jql, Some(user), false) {
            Ok(found) => {
                let found: HashSet<u32> = found.iter().copied().collect();
                hits.into_iter().filter(|i| found.contains(i)).collect()
            }
            Err(message) => return respond::bad_request(&message),
        },
        None => hits,
    };
    let fields = FieldSelection::parse(&params.all("fields"), "*navigable");
    let expand = params.list("expand");
    let r = render_for(site, ApiVersion::V2, user);
    let data = &site.data;
    let live = site.live();
    let issues: Vec<Value> = hits
        .iter()
        .skip(start)
        .take(max)
        .map(|&i| {
            let mut v = r.issue(i as usize, &fields, &expand);
            let issue = live.issue(data, i as usize);
            if let Some(f) = v.get_mut("fields").and_then(Value::as_object_mut) {
                if fields.wants("sprint") {
                    let sprint = open_sprint(&data.agile, issue).map_or(Value::Null, |s| {
                        agile_json::sprint(site.flavor, site.base(), &data.agile.sprints[s])
                    });
                    f.insert("sprint".into(), sprint);
                }
                if fields.wants("closedSprints") {
                    let closed: Vec<Value> = issue
                        .sprints
                        .iter()
                        .filter_map(|&s| data.agile.sprints.get(s as usize))
                        .filter(|s| !s.state.open())
                        .map(|s| agile_json::sprint(site.flavor, site.base(), s))
                        .collect();
                    f.insert("closedSprints".into(), json!(closed));
                }
                if fields.wants("flagged") {
                    f.insert("flagged".into(), json!(super::flagged(issue)));
                }
            }
            v
        })
        .collect();
    respond::ok(&json!({
        "expand": "schema,names",
        "startAt": start,
        "maxResults": max,
        "total": hits.len(),
        "issues": issues,
    }))
}

pub(super) async fn board_issues(
    State(site): State<Arc<Site>>,
    c: Agile,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    let b = attempt!(board_of(&site, &id));
    let hits = moves::board_issues(&site.data, &site.live(), b, Scope::All);
    issue_page(&site, c.0, hits, q.as_deref())
}

pub(super) async fn backlog_issues(
    State(site): State<Arc<Site>>,
    c: Agile,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    let b = attempt!(board_of(&site, &id));
    if b.kind == BoardKind::Kanban && !b.kanban_backlog {
        return respond::bad_request("The board does not have a backlog.");
    }
    let hits = moves::board_issues(&site.data, &site.live(), b, Scope::Backlog);
    issue_page(&site, c.0, hits, q.as_deref())
}

pub(super) async fn board_sprint_issues(
    State(site): State<Arc<Site>>,
    c: Agile,
    Path((id, sprint)): Path<(String, String)>,
    RawQuery(q): RawQuery,
) -> Response {
    let b = attempt!(board_of(&site, &id));
    let s = attempt!(sprint_of(&site, &sprint));
    let hits = moves::board_issues(&site.data, &site.live(), b, Scope::Sprint(s));
    issue_page(&site, c.0, hits, q.as_deref())
}

pub(super) async fn sprint_issues(
    State(site): State<Arc<Site>>,
    c: Agile,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    let s = attempt!(sprint_of(&site, &id));
    let data = &site.data;
    let live = site.live();
    let mut hits: Vec<(u64, u32)> = (0..live.count(data))
        .map(|i| (live.issue(data, i), i as u32))
        .filter(|(issue, _)| issue.sprints.contains(&(s as u16)))
        .map(|(issue, i)| (issue.rank, i))
        .collect();
    hits.sort_unstable();
    let hits = hits.into_iter().map(|(_, i)| i).collect();
    issue_page(&site, c.0, hits, q.as_deref())
}
