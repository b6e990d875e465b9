//! Search in both paging styles (Cloud's `search/jql` with `nextPageToken`, Server/DC's
//! `search` with `startAt`/`total`), the removed-API answer, approximate counts, and JQL
//! autocomplete data. Matching issue lists are cached per query and user so that paging
//! through 100,000 issues does not re-run the query for every page.

use super::auth::Caller;
use super::json::FieldSelection;
use super::model::Flavor;
use super::routes::{Params, api_version, attempt, render, require_user};
use super::{ApiVersion, Site, lock, respond};
use axum::body::Bytes;
use axum::extract::{Extension, Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use base64::Engine;
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long a cached result list stays valid (relative dates move on).
const CACHE_TTL: Duration = Duration::from_secs(30);
/// How many result lists are kept.
const CACHE_ENTRIES: usize = 16;

/// Result lists of recent queries, most recent first.
#[derive(Default)]
pub struct SearchCache {
    entries: Vec<(CacheKey, Instant, Arc<Vec<u32>>)>,
}

/// What a cached result list depends on: the query, the caller, and the validation mode.
type CacheKey = (String, Option<usize>, bool);

impl SearchCache {
    fn get(&mut self, key: &CacheKey) -> Option<Arc<Vec<u32>>> {
        self.entries.retain(|e| e.1.elapsed() < CACHE_TTL);
        let at = self.entries.iter().position(|e| &e.0 == key)?;
        let entry = self.entries.remove(at);
        let hits = entry.2.clone();
        self.entries.insert(0, entry);
        Some(hits)
    }

    fn put(&mut self, key: CacheKey, hits: Arc<Vec<u32>>) {
        self.entries.insert(0, (key, Instant::now(), hits));
        self.entries.truncate(CACHE_ENTRIES);
    }
}

/// Runs `jql` for `user`: the matching issue indices in result order, or Jira's message.
/// With `lenient` (Server/DC's `validateQuery=false`), values that do not exist match
/// nothing instead of failing the query.
pub fn run(
    site: &Site,
    jql: &str,
    user: Option<usize>,
    lenient: bool,
) -> Result<Arc<Vec<u32>>, String> {
    let key = (jql.to_string(), user, lenient);
    if let Some(hits) = lock(&site.search_cache).get(&key) {
        return Ok(hits);
    }
    let hits = Arc::new(super::search_eval::evaluate(site, jql, user, lenient)?);
    lock(&site.search_cache).put(key, hits.clone());
    Ok(hits)
}

/// Checks that `jql` is valid for `user`, returning Jira's message when not.
pub fn validate_jql(site: &Site, jql: &str, user: Option<usize>) -> Result<(), String> {
    super::search_eval::validate(site, jql, user)
}

fn jql_error(message: String) -> Response {
    respond::error(StatusCode::BAD_REQUEST, &[&message])
}

/// The request of either search style, from a query string or a JSON body.
struct SearchRequest {
    jql: String,
    fields: Vec<String>,
    expand: Vec<String>,
    start_at: usize,
    max_results: Option<usize>,
    next_page_token: Option<String>,
    /// `validateQuery` is `false`/`none`/`warn`: unknown values do not fail the query.
    lenient: bool,
}

/// Whether a `validateQuery` value turns strict validation off.
fn lenient_validation(value: Option<&str>) -> bool {
    value.is_some_and(|v| {
        matches!(
            v.trim().to_ascii_lowercase().as_str(),
            "false" | "none" | "warn"
        )
    })
}

fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => s
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

fn usize_field(value: &Value, name: &str) -> Result<Option<usize>, Response> {
    match value.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v.as_u64().map(|n| Some(n as usize)).ok_or_else(|| {
            respond::bad_request(&format!(
                "The value '{v}' is not a valid number for '{name}'."
            ))
        }),
    }
}

impl SearchRequest {
    #[allow(clippy::result_large_err)]
    fn from_query(raw: Option<&str>) -> Result<Self, Response> {
        let p = Params::parse(raw);
        Ok(SearchRequest {
            jql: p.get("jql").unwrap_or("").to_string(),
            fields: p.all("fields"),
            expand: p.list("expand"),
            start_at: p.number("startAt", 0)?,
            max_results: match p.get("maxResults") {
                None => None,
                Some(_) => Some(p.number("maxResults", 50)?),
            },
            next_page_token: p.get("nextPageToken").map(str::to_string),
            lenient: lenient_validation(p.get("validateQuery")),
        })
    }

    #[allow(clippy::result_large_err)]
    fn from_body(headers: &HeaderMap, body: &[u8]) -> Result<Self, Response> {
        let value = respond::parse_json(headers, body)?;
        if !value.is_object() {
            return Err(respond::bad_request(
                "The request body must be a JSON object.",
            ));
        }
        Ok(SearchRequest {
            jql: value
                .get("jql")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            fields: strings(value.get("fields")),
            expand: strings(value.get("expand")),
            start_at: usize_field(&value, "startAt")?.unwrap_or(0),
            max_results: usize_field(&value, "maxResults")?,
            next_page_token: value
                .get("nextPageToken")
                .and_then(Value::as_str)
                .map(str::to_string),
            lenient: match value.get("validateQuery") {
                Some(Value::Bool(b)) => !b,
                Some(Value::String(s)) => lenient_validation(Some(s)),
                _ => false,
            },
        })
    }
}

/// The removed `/rest/api/{2,3}/search` on Cloud.
fn removed() -> Response {
    respond::json_response(
        StatusCode::GONE,
        &json!({"errorMessages": ["The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046"]}),
    )
}

/// `GET /rest/api/{v}/search` (Server/DC; 410 on Cloud).
pub async fn legacy_get(
    State(site): State<Arc<Site>>,
    Path(v): Path<String>,
    Extension(caller): Extension<Caller>,
    RawQuery(query): RawQuery,
) -> Response {
    let version = attempt!(api_version(&site, &v));
    if site.flavor == Flavor::Cloud {
        return removed();
    }
    let request = attempt!(SearchRequest::from_query(query.as_deref()));
    offset_search(&site, version, caller, request)
}

/// `POST /rest/api/{v}/search` (Server/DC; 410 on Cloud).
pub async fn legacy_post(
    State(site): State<Arc<Site>>,
    Path(v): Path<String>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let version = attempt!(api_version(&site, &v));
    if site.flavor == Flavor::Cloud {
        return removed();
    }
    let request = attempt!(SearchRequest::from_body(&headers, &body));
    offset_search(&site, version, caller, request)
}

fn offset_search(
    site: &Site,
    version: ApiVersion,
    caller: Caller,
    request: SearchRequest,
) -> Response {
    let user = attempt!(require_user(site, caller));
    let hits = match run(site, &request.jql, Some(user), request.lenient) {
        Ok(hits) => hits,
        Err(message) => return jql_error(message),
    };
    // Server/DC caps a page at 1000 (jira.search.views.default.max).
    let max_results = request.max_results.unwrap_or(50).min(1000);
    let fields = FieldSelection::parse(&request.fields, "*navigable");
    let r = render(site, version);
    let quirks = site.faults.quirks;
    let start_at = if quirks.ignore_start_at {
        0
    } else {
        request.start_at
    };
    let issues: Vec<Value> = hits
        .iter()
        .skip(start_at)
        .take(max_results)
        .map(|&i| quirky_issue(site, r.issue(i as usize, &fields, &request.expand), i))
        .collect();
    let mut body = json!({
        "expand": "schema,names",
        "startAt": start_at,
        "maxResults": max_results,
        "total": hits.len(),
        "issues": issues,
    });
    add_names(&mut body, site, &request.expand, &fields);
    respond::ok(&body)
}

/// An issue as the `bad-issue` quirk serves it (damaged if it is the bad one).
fn quirky_issue(site: &Site, mut issue: Value, index: u32) -> Value {
    if site.faults.quirks.bad_issue && index as usize == super::quirks::BAD_ISSUE {
        super::quirks::damage(&mut issue);
    }
    issue
}

fn add_names(body: &mut Value, site: &Site, expand: &[String], fields: &FieldSelection) {
    if expand.iter().any(|e| e == "names") {
        let names: serde_json::Map<String, Value> = super::json::field_defs(site.flavor)
            .iter()
            .filter(|d| fields.wants(d.id))
            .map(|d| (d.id.to_string(), json!(d.name)))
            .collect();
        body["names"] = Value::Object(names);
    }
}

/// `GET /rest/api/{v}/search/jql` (Cloud).
pub async fn jql_get(
    State(site): State<Arc<Site>>,
    Path(v): Path<String>,
    Extension(caller): Extension<Caller>,
    RawQuery(query): RawQuery,
) -> Response {
    let version = attempt!(api_version(&site, &v));
    if site.flavor == Flavor::Dc {
        return super::routes::not_found_response(&site, &format!("/rest/api/{v}/search/jql"));
    }
    let request = attempt!(SearchRequest::from_query(query.as_deref()));
    token_search(&site, version, caller, request)
}

/// `POST /rest/api/{v}/search/jql` (Cloud).
pub async fn jql_post(
    State(site): State<Arc<Site>>,
    Path(v): Path<String>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let version = attempt!(api_version(&site, &v));
    if site.flavor == Flavor::Dc {
        return super::routes::not_found_response(&site, &format!("/rest/api/{v}/search/jql"));
    }
    let request = attempt!(SearchRequest::from_body(&headers, &body));
    token_search(&site, version, caller, request)
}

/// A page token: the offset plus a checksum of the query and user, so a token cannot be
/// replayed against another query.
fn token(offset: usize, jql: &str, user: usize) -> String {
    let raw = format!("{offset}:{:x}", checksum(jql, user));
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw)
}

fn checksum(jql: &str, user: usize) -> u64 {
    // FNV-1a: stable across runs and machines.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in jql.bytes().chain(user.to_le_bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn parse_token(token: &str, jql: &str, user: usize) -> Option<usize> {
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(token)
        .ok()?;
    let raw = String::from_utf8(raw).ok()?;
    let (offset, sum) = raw.split_once(':')?;
    (u64::from_str_radix(sum, 16).ok()? == checksum(jql, user)).then_some(())?;
    offset.parse().ok()
}

fn token_search(
    site: &Site,
    version: ApiVersion,
    caller: Caller,
    request: SearchRequest,
) -> Response {
    let user = attempt!(require_user(site, caller));
    if !super::search_eval::is_bounded(&request.jql) {
        return jql_error(
            "Unbounded JQL queries are not allowed here. Please add a search restriction to your query."
                .to_string(),
        );
    }
    let hits = match run(site, &request.jql, Some(user), false) {
        Ok(hits) => hits,
        Err(message) => return jql_error(message),
    };
    let offset = match &request.next_page_token {
        None => 0,
        Some(t) => match parse_token(t, &request.jql, user) {
            Some(offset) => offset,
            None => {
                return respond::bad_request("The provided next page token is invalid or expired.");
            }
        },
    };
    let fields = FieldSelection::parse(&request.fields, "id");
    let ids_only = request
        .fields
        .iter()
        .all(|f| f.split(',').all(|f| matches!(f.trim(), "" | "id" | "key")));
    // Cloud returns up to 5,000 issues when only ids are asked for, else up to 100.
    let cap = if ids_only { 5000 } else { 100 };
    let max_results = request.max_results.unwrap_or(50).clamp(1, cap);
    let r = render(site, version);
    let issues: Vec<Value> = hits
        .iter()
        .skip(offset)
        .take(max_results)
        .map(|&i| {
            if request.fields.is_empty() {
                r.issue_id_only(i as usize)
            } else {
                quirky_issue(site, r.issue(i as usize, &fields, &request.expand), i)
            }
        })
        .collect();
    let next = offset + issues.len();
    let is_last = next >= hits.len();
    let mut body = json!({"issues": issues, "isLast": is_last});
    if !is_last {
        body["nextPageToken"] = match &request.next_page_token {
            // The quirk: the token asked with comes back, and with it the same page again.
            Some(asked) if site.faults.quirks.repeat_token => json!(asked),
            _ => json!(token(next, &request.jql, user)),
        };
    }
    add_names(&mut body, site, &request.expand, &fields);
    respond::ok(&body)
}

/// `POST /rest/api/{v}/search/approximate-count` (Cloud).
pub async fn approximate_count(
    State(site): State<Arc<Site>>,
    Path(v): Path<String>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    attempt!(api_version(&site, &v));
    if site.flavor == Flavor::Dc {
        return super::routes::not_found_response(
            &site,
            &format!("/rest/api/{v}/search/approximate-count"),
        );
    }
    let user = attempt!(require_user(&site, caller));
    let value = attempt!(respond::parse_json(&headers, &body));
    let jql = value.get("jql").and_then(Value::as_str).unwrap_or("");
    if !super::search_eval::is_bounded(jql) {
        return jql_error(
            "Unbounded JQL queries are not allowed here. Please add a search restriction to your query."
                .to_string(),
        );
    }
    match run(&site, jql, Some(user), false) {
        Ok(hits) => respond::ok(&json!({"count": hits.len()})),
        Err(message) => jql_error(message),
    }
}

/// `GET /rest/api/{v}/jql/autocompletedata`.
pub async fn autocomplete_data(
    State(site): State<Arc<Site>>,
    Path(v): Path<String>,
    Extension(caller): Extension<Caller>,
) -> Response {
    attempt!(api_version(&site, &v));
    attempt!(require_user(&site, caller));
    respond::ok(&super::search_eval::autocomplete_data(&site))
}

/// `GET /rest/api/{v}/jql/autocompletedata/suggestions?fieldName=&fieldValue=`.
pub async fn suggestions(
    State(site): State<Arc<Site>>,
    Path(v): Path<String>,
    Extension(caller): Extension<Caller>,
    RawQuery(query): RawQuery,
) -> Response {
    attempt!(api_version(&site, &v));
    attempt!(require_user(&site, caller));
    let p = Params::parse(query.as_deref());
    let field = p.get("fieldName").unwrap_or("");
    let value = p.get("fieldValue").unwrap_or("");
    respond::ok(&super::search_eval::suggestions(&site, field, value))
}
