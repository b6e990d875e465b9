//! The REST resources: server info, myself, issues, comments, transitions, fields, projects,
//! filters and JQL autocomplete. Search lives in `search.rs`, sessions in `session.rs`.

use super::auth::{Caller, not_authenticated};
use super::json::{FieldSelection, Render, fields_json};
use super::model::{Filter, Flavor};
use super::{ApiVersion, Site, quirks, respond, search, session};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Extension, Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use serde_json::{Value, json};
use std::sync::Arc;

/// All routes of the demo site.
pub fn routes() -> Router<Arc<Site>> {
    Router::new()
        .route("/rest/api/{v}/serverInfo", get(server_info))
        .route("/rest/api/{v}/myself", get(myself))
        .route(
            "/rest/api/{v}/search",
            get(search::legacy_get).post(search::legacy_post),
        )
        .route(
            "/rest/api/{v}/search/jql",
            get(search::jql_get).post(search::jql_post),
        )
        .route(
            "/rest/api/{v}/search/approximate-count",
            post(search::approximate_count),
        )
        .route("/rest/api/{v}/issue/{key}", get(issue))
        .route("/rest/api/{v}/issue/{key}/comment", get(comments))
        .route("/rest/api/{v}/issue/{key}/transitions", get(transitions))
        .route("/rest/api/{v}/field", get(fields))
        .route("/rest/api/{v}/project", get(projects))
        .route("/rest/api/{v}/project/search", get(project_search))
        .route("/rest/api/{v}/project/{key}", get(project))
        .route("/rest/api/{v}/filter", post(create_filter))
        .route("/rest/api/{v}/filter/favourite", get(favourite_filters))
        .route("/rest/api/{v}/filter/{id}", get(filter))
        .route(
            "/rest/api/{v}/jql/autocompletedata",
            get(super::search::autocomplete_data),
        )
        .route(
            "/rest/api/{v}/jql/autocompletedata/suggestions",
            get(super::search::suggestions),
        )
        .route(
            "/rest/auth/1/session",
            post(session::create)
                .get(session::current)
                .delete(session::delete),
        )
        .route(
            "/rest/auth/latest/session",
            post(session::create)
                .get(session::current)
                .delete(session::delete),
        )
        .route("/demo/reset-captcha", post(reset_captcha))
        .route("/login.jsp", get(login_page))
        .fallback(not_found)
}

/// Query parameters in order, repeats kept (`fields=a&fields=b`).
pub struct Params(Vec<(String, String)>);

impl Params {
    /// Parses a raw query string; undecodable pairs are skipped.
    pub fn parse(raw: Option<&str>) -> Self {
        Params(serde_urlencoded::from_str(raw.unwrap_or("")).unwrap_or_default())
    }
    /// The first value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    /// Every value of `name`.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }
    /// Comma-separated values of `name` (all occurrences).
    pub fn list(&self, name: &str) -> Vec<String> {
        self.all(name)
            .iter()
            .flat_map(|v| v.split(','))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    }
    /// A non-negative integer parameter, `default` when absent.
    #[allow(clippy::result_large_err)]
    pub fn number(&self, name: &str, default: usize) -> Result<usize, Response> {
        match self.get(name) {
            None | Some("") => Ok(default),
            Some(v) => v.trim().parse().map_err(|_| {
                respond::bad_request(&format!(
                    "The value '{v}' is not a valid number for '{name}'."
                ))
            }),
        }
    }
}

/// Resolves the `{v}` path segment: `2`/`latest` everywhere, `3` on Cloud only.
#[allow(clippy::result_large_err)]
pub fn api_version(site: &Site, v: &str) -> Result<ApiVersion, Response> {
    match (v, site.flavor) {
        ("2" | "latest", _) => Ok(ApiVersion::V2),
        ("3", Flavor::Cloud) => Ok(ApiVersion::V3),
        _ => Err(not_found_message(&format!(
            "null for uri: {}/rest/api/{v}",
            site.base()
        ))),
    }
}

fn not_found_message(message: &str) -> Response {
    respond::error(StatusCode::NOT_FOUND, &[message])
}

async fn not_found(State(site): State<Arc<Site>>, uri: axum::http::Uri) -> Response {
    not_found_response(&site, &uri.to_string())
}

/// Jira's answer to a path it has no resource for.
pub fn not_found_response(site: &Site, path: &str) -> Response {
    not_found_message(&format!("null for uri: {}{path}", site.base()))
}

/// The renderer for a request.
pub fn render<'a>(site: &'a Site, version: ApiVersion) -> Render<'a> {
    Render {
        data: &site.data,
        index: &site.index,
        flavor: site.flavor,
        version,
        base: site.base(),
    }
}

/// The caller's user, or the flavour's "not authenticated" answer.
#[allow(clippy::result_large_err)]
pub fn require_user(site: &Site, caller: Caller) -> Result<usize, Response> {
    caller.0.ok_or_else(|| not_authenticated(site))
}

macro_rules! attempt {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(response) => return response,
        }
    };
}
pub(crate) use attempt;

async fn server_info(State(site): State<Arc<Site>>, Path(v): Path<String>) -> Response {
    attempt!(api_version(&site, &v));
    let now = super::json::timestamp(chrono::Utc::now());
    let body = match site.flavor {
        Flavor::Cloud => json!({
            "baseUrl": site.base(),
            "version": "1001.0.0-SNAPSHOT",
            "versionNumbers": [1001, 0, 0],
            "deploymentType": "Cloud",
            "buildNumber": 100_288,
            "buildDate": "2026-11-20T09:12:45.000+0000",
            "serverTime": now,
            "scmInfo": "b1d9a4fd1e8c0f5a5d4a1f1e0c9b8a7d6e5f4c3b",
            "serverTitle": "Jira (jiratty demo)",
            "defaultLocale": {"locale": "en_US"},
            "serverTimeZone": "Etc/UTC",
        }),
        Flavor::Dc => json!({
            "baseUrl": site.base(),
            "version": "9.12.2",
            "versionNumbers": [9, 12, 2],
            "deploymentType": "Server",
            "buildNumber": 9_120_002,
            "buildDate": "2024-01-30T00:00:00.000+0000",
            "databaseBuildNumber": 9_120_002,
            "serverTime": now,
            "scmInfo": "8a0d7c3b5b2f49bbd5e0f1b8e3f4d5c6a7b8c9d0",
            "serverTitle": "Jira (jiratty demo)",
        }),
    };
    respond::ok(&body)
}

async fn myself(
    State(site): State<Arc<Site>>,
    Path(v): Path<String>,
    Extension(caller): Extension<Caller>,
) -> Response {
    let version = attempt!(api_version(&site, &v));
    let user = attempt!(require_user(&site, caller));
    respond::ok(&render(&site, version).myself(user))
}

fn issue_not_found() -> Response {
    not_found_message("Issue does not exist or you do not have permission to see it.")
}

/// Looks up the issue of a request; anonymous callers get Cloud's masked 404 or DC's 401.
#[allow(clippy::result_large_err)]
fn find_issue(site: &Site, caller: Caller, key: &str) -> Result<usize, Response> {
    if caller.0.is_none() {
        return Err(match site.flavor {
            Flavor::Cloud => issue_not_found(),
            Flavor::Dc => not_authenticated(site),
        });
    }
    site.data.find_issue(key).ok_or_else(issue_not_found)
}

async fn issue(
    State(site): State<Arc<Site>>,
    Path((v, key)): Path<(String, String)>,
    Extension(caller): Extension<Caller>,
    RawQuery(query): RawQuery,
) -> Response {
    let version = attempt!(api_version(&site, &v));
    let index = attempt!(find_issue(&site, caller, &key));
    let params = Params::parse(query.as_deref());
    let fields = FieldSelection::parse(&params.all("fields"), "*all");
    let expand = params.list("expand");
    let mut body = render(&site, version).issue(index, &fields, &expand);
    let quirks = site.faults.quirks;
    if quirks.bad_issue && index == quirks::BAD_ISSUE {
        quirks::damage(&mut body);
    }
    if quirks.endless_comments {
        quirks::endless_issue(&mut body);
    }
    respond::ok(&body)
}

async fn comments(
    State(site): State<Arc<Site>>,
    Path((v, key)): Path<(String, String)>,
    Extension(caller): Extension<Caller>,
    RawQuery(query): RawQuery,
) -> Response {
    let version = attempt!(api_version(&site, &v));
    let index = attempt!(find_issue(&site, caller, &key));
    let params = Params::parse(query.as_deref());
    let start_at = attempt!(params.number("startAt", 0));
    let max_results = attempt!(params.number("maxResults", 5000)).min(5000);
    let newest_first = params
        .get("orderBy")
        .is_some_and(|o| o.trim_start().starts_with('-'));
    let quirks = site.faults.quirks;
    let r = render(&site, version);
    if quirks.endless_comments {
        let mut page = r.comment_page(index, 0, 1, newest_first);
        quirks::endless_comment_page(&mut page, start_at);
        return respond::ok(&page);
    }
    let start_at = if quirks.ignore_start_at { 0 } else { start_at };
    respond::ok(&r.comment_page(index, start_at, max_results, newest_first))
}

async fn transitions(
    State(site): State<Arc<Site>>,
    Path((v, key)): Path<(String, String)>,
    Extension(caller): Extension<Caller>,
) -> Response {
    let version = attempt!(api_version(&site, &v));
    let index = attempt!(find_issue(&site, caller, &key));
    let r = render(&site, version);
    let current = site.data.issues[index].status;
    let list: Vec<Value> = site
        .data
        .statuses
        .iter()
        .enumerate()
        .filter(|(s, _)| *s != current as usize)
        .map(|(s, status)| {
            json!({
                "id": (11 + s * 10).to_string(),
                "name": status.named.name,
                "to": r.status(s as u8),
                "hasScreen": false,
                "isGlobal": true,
                "isInitial": false,
                "isAvailable": true,
                "isConditional": false,
                "isLooped": false,
            })
        })
        .collect();
    respond::ok(&json!({"expand": "transitions", "transitions": list}))
}

async fn fields(
    State(site): State<Arc<Site>>,
    Path(v): Path<String>,
    Extension(caller): Extension<Caller>,
) -> Response {
    attempt!(api_version(&site, &v));
    attempt!(require_user(&site, caller));
    respond::ok(&fields_json(site.flavor))
}

async fn projects(
    State(site): State<Arc<Site>>,
    Path(v): Path<String>,
    Extension(caller): Extension<Caller>,
) -> Response {
    let version = attempt!(api_version(&site, &v));
    attempt!(require_user(&site, caller));
    let r = render(&site, version);
    respond::ok(&Value::Array(
        (0..site.data.projects.len())
            .map(|p| r.project_ref(p))
            .collect(),
    ))
}

async fn project(
    State(site): State<Arc<Site>>,
    Path((v, key)): Path<(String, String)>,
    Extension(caller): Extension<Caller>,
) -> Response {
    let version = attempt!(api_version(&site, &v));
    attempt!(require_user(&site, caller));
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

async fn project_search(
    State(site): State<Arc<Site>>,
    Path(v): Path<String>,
    Extension(caller): Extension<Caller>,
    RawQuery(query): RawQuery,
) -> Response {
    let version = attempt!(api_version(&site, &v));
    attempt!(require_user(&site, caller));
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

async fn favourite_filters(
    State(site): State<Arc<Site>>,
    Path(v): Path<String>,
    Extension(caller): Extension<Caller>,
) -> Response {
    let version = attempt!(api_version(&site, &v));
    let user = attempt!(require_user(&site, caller));
    let r = render(&site, version);
    let filters = site.lock_filters().clone();
    let list: Vec<Value> = filters
        .iter()
        .filter(|f| f.favourite && f.owner == user)
        .map(|f| r.filter(f))
        .collect();
    respond::ok(&Value::Array(list))
}

async fn filter(
    State(site): State<Arc<Site>>,
    Path((v, id)): Path<(String, String)>,
    Extension(caller): Extension<Caller>,
) -> Response {
    let version = attempt!(api_version(&site, &v));
    let user = attempt!(require_user(&site, caller));
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

async fn create_filter(
    State(site): State<Arc<Site>>,
    Path(v): Path<String>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let version = attempt!(api_version(&site, &v));
    let user = attempt!(require_user(&site, caller));
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

async fn reset_captcha(State(site): State<Arc<Site>>) -> Response {
    site.reset_captcha();
    let mut response = Response::new(axum::body::Body::empty());
    *response.status_mut() = StatusCode::NO_CONTENT;
    response
}

async fn login_page() -> Response {
    respond::text(
        StatusCode::OK,
        "text/html;charset=UTF-8",
        "<!DOCTYPE html><html><head><title>Log in - Jira (jiratty demo)</title></head><body>\
         <p>This is the demo server's stand-in for Jira's login page. A real site would show a \
         CAPTCHA here; for the demo, <code>POST /demo/reset-captcha</code> clears the lock.</p>\
         </body></html>"
            .to_string(),
    )
}
