//! `POST /rest/api/3/issue/bulkfetch` (Cloud only): up to 100 issues by key or id in one call,
//! each rendered as `GET issue` renders it. Keys that name no issue are left out, as Jira
//! leaves out issues that do not exist or that the caller may not see; `issueErrors` is empty.

use super::extract::{Api, CloudOnly, IssueReader};
use super::json::FieldSelection;
use super::routes::render_for;
use super::{Site, respond};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::{Value, json};
use std::sync::Arc;

/// The most issues one call may ask for (Jira's limit).
pub const MAX_ISSUES: usize = 100;

/// The handler.
pub async fn bulkfetch(
    State(site): State<Arc<Site>>,
    api: Api<IssueReader, CloudOnly>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let request = match respond::parse_json(&headers, &body) {
        Ok(v) => v,
        Err(refused) => return refused,
    };
    let keys: Vec<&str> = match request.get("issueIdsOrKeys") {
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => {
            return respond::bad_request("issueIdsOrKeys must be a list of issue keys or ids.");
        }
    };
    if keys.is_empty() || keys.len() > MAX_ISSUES {
        return respond::bad_request(&format!(
            "Between 1 and {MAX_ISSUES} issues can be fetched at a time; {} were asked for.",
            keys.len()
        ));
    }
    let fields = FieldSelection::parse(&strings(request.get("fields")), "*navigable");
    let expand = strings(request.get("expand"));
    let render = render_for(&site, api.version, api.user);
    let mut found: Vec<usize> = keys
        .iter()
        .filter_map(|k| site.data.find_issue(k))
        .collect();
    // Jira answers in ascending id order, each issue once.
    found.sort_unstable();
    found.dedup();
    let issues: Vec<Value> = found
        .into_iter()
        .map(|index| render.issue(index, &fields, &expand))
        .collect();
    respond::ok(&json!({
        "expand": "schema,names",
        "issues": issues,
        "issueErrors": [],
    }))
}

/// A list of strings: a JSON array of them, or one comma-separated string.
fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        Some(Value::String(s)) => s.split(',').map(|p| p.trim().to_string()).collect(),
        _ => Vec::new(),
    }
}
