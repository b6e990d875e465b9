//! The site's labels: `GET /rest/api/{v}/label` (Cloud, paged `values`) and the label picker's
//! `GET /rest/api/1.0/labels/suggest?query=` that editmeta's `autoCompleteUrl` names, both
//! seeing labels added through the API.

use super::Site;
use super::extract::{Api, CloudOnly, Params, Signed};
use super::respond;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::sync::Arc;

/// Every label on the site's issues (and in the Tags field), sorted.
pub fn all_labels(site: &Site) -> Vec<String> {
    let live = site.live();
    let tags = super::meta::seed::TAGS.iter().map(|t| t.to_string());
    let mut set: BTreeSet<String> = tags.collect();
    for i in 0..live.count(&site.data) {
        let issue = live.issue(&site.data, i);
        set.extend(issue.labels.iter().cloned());
        if let Some(Value::Array(tags)) = issue.custom("customfield_10036") {
            set.extend(tags.iter().filter_map(Value::as_str).map(str::to_string));
        }
    }
    set.into_iter().collect()
}

/// `GET /rest/api/{v}/label?startAt=&maxResults=`: Cloud's page of label names.
pub async fn labels(
    State(site): State<Arc<Site>>,
    _api: Api<Signed, CloudOnly>,
    RawQuery(raw): RawQuery,
) -> Response {
    let params = Params::parse(raw.as_deref());
    let start = match params.number("startAt", 0) {
        Ok(n) => n,
        Err(r) => return r,
    };
    let max = match params.number("maxResults", 1000) {
        Ok(n) => n.clamp(1, 1000),
        Err(r) => return r,
    };
    let all = all_labels(&site);
    let total = all.len();
    let values: Vec<String> = all.into_iter().skip(start).take(max).collect();
    let is_last = start + values.len() >= total;
    respond::ok(&json!({
        "maxResults": max,
        "startAt": start,
        "total": total,
        "isLast": is_last,
        "values": values,
    }))
}

/// `GET /rest/api/1.0/labels/suggest?query=`: `{"token", "suggestions": [{"label", "html"}]}`.
pub async fn suggest(State(site): State<Arc<Site>>, RawQuery(raw): RawQuery) -> Response {
    let params = Params::parse(raw.as_deref());
    let token = params.get("query").unwrap_or("").trim().to_string();
    let needle = token.to_lowercase();
    let suggestions: Vec<Value> = all_labels(&site)
        .into_iter()
        .filter(|l| l.to_lowercase().starts_with(&needle))
        .take(20)
        .map(|l| {
            let (head, tail) = l.split_at(needle.len().min(l.len()));
            let html = format!("<b>{}</b>{}", escape(head), escape(tail));
            json!({ "label": l, "html": html })
        })
        .collect();
    respond::ok(&json!({ "token": token, "suggestions": suggestions }))
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
