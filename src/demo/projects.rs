//! Projects: the list, one project, and Cloud's paged project search.

use super::extract::{Api, Params, not_found_message};
use super::routes::{attempt, render};
use super::{ApiVersion, Site, respond};
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use serde_json::{Value, json};
use std::sync::Arc;

/// `GET /rest/api/{v}/project`.
pub async fn projects(State(site): State<Arc<Site>>, api: Api) -> Response {
    let version = api.version;
    let r = render(&site, version);
    respond::ok(&Value::Array(
        (0..site.data.projects.len())
            .map(|p| r.project_ref(p))
            .collect(),
    ))
}

/// `GET /rest/api/{v}/project/{key}` (key or id).
pub async fn project(
    State(site): State<Arc<Site>>,
    api: Api,
    Path((_, key)): Path<(String, String)>,
) -> Response {
    let version = api.version;
    let found = site
        .data
        .projects
        .iter()
        .position(|p| p.key.eq_ignore_ascii_case(&key) || p.id.to_string() == key);
    match found {
        Some(p) => respond::ok(&render(&site, version).project(p)),
        None => not_found_message(&format!("No project could be found with key '{key}'.")),
    }
}

/// `GET /rest/api/{v}/project/search`.
pub async fn project_search(
    State(site): State<Arc<Site>>,
    api: Api,
    RawQuery(query): RawQuery,
) -> Response {
    let version = api.version;
    let params = Params::parse(query.as_deref());
    let start_at = attempt!(params.number("startAt", 0));
    let max_results = attempt!(params.number("maxResults", 50)).clamp(1, 100);
    let needle = params.get("query").unwrap_or("").to_lowercase();
    let r = render(&site, version);
    let matching: Vec<usize> = (0..site.data.projects.len())
        .filter(|&p| {
            let project = &site.data.projects[p];
            needle.is_empty()
                || project.key.to_lowercase().contains(&needle)
                || project.name.to_lowercase().contains(&needle)
        })
        .collect();
    let total = matching.len();
    let values: Vec<Value> = matching
        .iter()
        .skip(start_at)
        .take(max_results)
        .map(|&p| r.project(p))
        .collect();
    let is_last = start_at + values.len() >= total;
    let api = if version == ApiVersion::V3 { 3 } else { 2 };
    let mut body = json!({
        "self": format!("{}/rest/api/{api}/project/search?startAt={start_at}&maxResults={max_results}", site.base()),
        "maxResults": max_results,
        "startAt": start_at,
        "total": total,
        "isLast": is_last,
        "values": values,
    });
    if !is_last {
        body["nextPage"] = json!(format!(
            "{}/rest/api/{api}/project/search?startAt={}&maxResults={max_results}",
            site.base(),
            start_at + max_results
        ));
    }
    respond::ok(&body)
}
