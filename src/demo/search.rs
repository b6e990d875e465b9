//! Search in both paging styles (Cloud's `search/jql` with `nextPageToken`, Server/DC's
//! `search` with `startAt`/`total`), the removed-API answer, approximate counts, and JQL
//! autocomplete data. Matching issue lists are cached per query and user so that paging
//! through 100,000 issues does not re-run the query for every page.

use super::extract::{Api, CloudOnly, Public, RemovedOnCloud, Signed};
use super::json::FieldSelection;
use super::routes::{attempt, render, render_for};
use super::search_request::SearchRequest;
use super::{ApiVersion, Site, lock, respond};
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
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

/// What a cached result list depends on: the query, the caller, the validation mode, and the
/// generation of the site's changes it was computed at (a search that raced a write can never
/// be served after it).
type CacheKey = (String, Option<usize>, bool, u64);

impl SearchCache {
    fn get(&mut self, key: &CacheKey) -> Option<Arc<Vec<u32>>> {
        self.entries.retain(|e| e.1.elapsed() < CACHE_TTL);
        let at = self.entries.iter().position(|e| &e.0 == key)?;
        let entry = self.entries.remove(at);
        let hits = entry.2.clone();
        self.entries.insert(0, entry);
        Some(hits)
    }

    /// Forgets every result list (after a write).
    pub fn clear(&mut self) {
        self.entries.clear();
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
    let live = site.live();
    let key = (jql.to_string(), user, lenient, live.generation());
    if let Some(hits) = lock(&site.search_cache).get(&key) {
        return Ok(hits);
    }
    let mut hits = super::search_eval::evaluate(site, &live, jql, user, lenient)?;
    if user.is_none() {
        // An anonymous caller (with `--anonymous-access`) sees the public project only.
        let public = site.public_project();
        hits.retain(|&i| {
            site.data
                .issues
                .get(i as usize)
                .is_some_and(|issue| Some(usize::from(issue.project)) == public)
        });
    }
    let hits = Arc::new(hits);
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

/// `GET /rest/api/{v}/search` (Server/DC; 410 on Cloud).
pub async fn legacy_get(
    State(site): State<Arc<Site>>,
    api: Api<Public, RemovedOnCloud>,
    RawQuery(query): RawQuery,
) -> Response {
    let request = attempt!(SearchRequest::from_query(query.as_deref()));
    offset_search(&site, api.version, api.user, request)
}

/// `POST /rest/api/{v}/search` (Server/DC; 410 on Cloud).
pub async fn legacy_post(
    State(site): State<Arc<Site>>,
    api: Api<Public, RemovedOnCloud>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let request = attempt!(SearchRequest::from_body(&headers, &body));
    offset_search(&site, api.version, api.user, request)
}

fn offset_search(
    site: &Site,
    version: ApiVersion,
    user: Option<usize>,
    request: SearchRequest,
) -> Response {
    let hits = match run(site, &request.jql, user, request.lenient) {
        Ok(hits) => hits,
        Err(message) => return jql_error(message),
    };
    // Server/DC caps a page at 1000 (jira.search.views.default.max).
    let max_results = request.max_results.unwrap_or(50).min(1000);
    let fields = FieldSelection::parse(&request.fields, "*navigable");
    let r = viewer_render(site, version, user);
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

/// The renderer for `user`, or the anonymous one.
fn viewer_render(site: &Site, version: ApiVersion, user: Option<usize>) -> super::json::Render<'_> {
    match user {
        Some(user) => render_for(site, version, user),
        None => render(site, version),
    }
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
    api: Api<Public, CloudOnly>,
    RawQuery(query): RawQuery,
) -> Response {
    let request = attempt!(SearchRequest::from_query(query.as_deref()));
    token_search(&site, api.version, api.user, request)
}

/// `POST /rest/api/{v}/search/jql` (Cloud).
pub async fn jql_post(
    State(site): State<Arc<Site>>,
    api: Api<Public, CloudOnly>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let request = attempt!(SearchRequest::from_body(&headers, &body));
    token_search(&site, api.version, api.user, request)
}

/// A page token: the offset plus a checksum of the query and user, so a token cannot be
/// replayed against another query.
fn token(offset: usize, jql: &str, user: Option<usize>) -> String {
    let raw = format!("{offset}:{:x}", checksum(jql, user));
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw)
}

fn checksum(jql: &str, user: Option<usize>) -> u64 {
    // FNV-1a: stable across runs and machines.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in jql.bytes().chain(user.unwrap_or(usize::MAX).to_le_bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn parse_token(token: &str, jql: &str, user: Option<usize>) -> Option<usize> {
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
    user: Option<usize>,
    request: SearchRequest,
) -> Response {
    if !super::search_eval::is_bounded(&request.jql) {
        return jql_error(
            "Unbounded JQL queries are not allowed here. Please add a search restriction to your query."
                .to_string(),
        );
    }
    let hits = match run(site, &request.jql, user, false) {
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
    let r = viewer_render(site, version, user);
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
    api: Api<Signed, CloudOnly>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let user = api.user;
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
