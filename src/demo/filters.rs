//! Saved filters: the caller's favourites, one filter, and publishing a new one.

use super::extract::Api;
use super::model::Filter;
use super::routes::{attempt, render};
use super::{Site, respond, search};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::Value;
use std::sync::Arc;

/// `GET /rest/api/{v}/filter/favourite`.
pub async fn favourite_filters(State(site): State<Arc<Site>>, api: Api) -> Response {
    let (version, user) = (api.version, api.user);
    let r = render(&site, version);
    let filters = site.lock_filters().clone();
    let list: Vec<Value> = filters
        .iter()
        .filter(|f| f.favourite && f.owner == user)
        .map(|f| r.filter(f))
        .collect();
    respond::ok(&Value::Array(list))
}

/// `GET /rest/api/{v}/filter/{id}`: filters are private to their owner.
pub async fn filter(
    State(site): State<Arc<Site>>,
    api: Api,
    Path((_, id)): Path<(String, String)>,
) -> Response {
    let (version, user) = (api.version, api.user);
    let filters = site.lock_filters().clone();
    // Filters are private to their owner (none of the demo's is shared).
    match filters
        .iter()
        .find(|f| f.id.to_string() == id && f.owner == user)
    {
        Some(f) => respond::ok(&render(&site, version).filter(f)),
        None => respond::bad_request(&format!(
            "The selected filter is not available to you, perhaps it has been deleted or had its permissions changed. (id: {id})"
        )),
    }
}

/// `POST /rest/api/{v}/filter`.
pub async fn create_filter(
    State(site): State<Arc<Site>>,
    api: Api,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (version, user) = (api.version, api.user);
    let value = attempt!(respond::parse_json(&headers, &body));
    let name = value
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim()
        .to_string();
    let jql = value
        .get("jql")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let description = value
        .get("description")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let favourite = value
        .get("favourite")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    if name.is_empty() {
        return respond::field_errors(
            StatusCode::BAD_REQUEST,
            &[(
                "filterName",
                "You must specify a name to save this filter as.",
            )],
        );
    }
    if name.chars().count() > 255 {
        return respond::field_errors(
            StatusCode::BAD_REQUEST,
            &[(
                "filterName",
                "The filter name must not exceed 255 characters.",
            )],
        );
    }
    if let Err(message) = search::validate_jql(&site, &jql, Some(user)) {
        return respond::field_errors(StatusCode::BAD_REQUEST, &[("jql", &message)]);
    }
    let mut filters = site.lock_filters();
    if filters
        .iter()
        .any(|f| f.owner == user && f.name.eq_ignore_ascii_case(&name))
    {
        return respond::field_errors(
            StatusCode::BAD_REQUEST,
            &[("filterName", "Filter with same name already exists.")],
        );
    }
    let id = filters.iter().map(|f| f.id).max().unwrap_or(9999) + 1;
    let filter = Filter {
        id,
        name,
        description,
        jql,
        owner: user,
        favourite,
    };
    filters.push(filter.clone());
    drop(filters);
    respond::ok(&render(&site, version).filter(&filter))
}
