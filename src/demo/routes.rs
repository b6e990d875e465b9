//! The route table and the REST resources of the site itself: server info, myself, issues,
//! comment pages, fields. Elsewhere: transitions in `workflow.rs`, assignment and watchers in
//! `people.rs`, comment writes in `comments.rs`, projects in `projects.rs`, filters in
//! `filters.rs`, search in `search.rs`, sessions in `session.rs`. Every `/rest/api/{v}`
//! handler starts with the [`Api`] extractor.

use super::extract::{Anyone, Api, IssueReader, Params, issue_not_found, not_found_response};
use super::json::{FieldSelection, Render, fields_json};
use super::model::Flavor;
use super::{
    ApiVersion, Site, autocomplete, filters, people, projects, quirks, respond, search, session,
    workflow,
};
use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post, put};
use serde_json::json;
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
        .route("/rest/api/{v}/issue", post(super::meta::create))
        .route(
            "/rest/api/{v}/issue/{key}",
            get(issue).put(super::meta::edit),
        )
        .route(
            "/rest/api/{v}/issue/{key}/editmeta",
            get(super::meta::editmeta),
        )
        .route(
            "/rest/api/{v}/issue/createmeta",
            get(super::meta::old_createmeta),
        )
        .route(
            "/rest/api/{v}/issue/createmeta/{project}/issuetypes",
            get(super::meta::create_types),
        )
        .route(
            "/rest/api/{v}/issue/createmeta/{project}/issuetypes/{id}",
            get(super::meta::create_fields),
        )
        .route(
            "/rest/api/{v}/issue/bulkfetch",
            post(super::bulkfetch::bulkfetch),
        )
        .route(
            "/rest/api/{v}/issue/{key}/comment",
            get(comments).post(super::comments::add),
        )
        .route(
            "/rest/api/{v}/issue/{key}/comment/{id}",
            get(super::comments::one)
                .put(super::comments::edit)
                .delete(super::comments::delete),
        )
        .route(
            "/rest/api/{v}/issue/{key}/transitions",
            get(workflow::list).post(workflow::apply),
        )
        .route("/rest/api/{v}/issue/{key}/assignee", put(people::assign))
        .route(
            "/rest/api/{v}/issue/{key}/watchers",
            get(people::watchers)
                .post(people::watch)
                .delete(people::unwatch),
        )
        .route(
            "/rest/api/{v}/user/assignable/search",
            get(people::assignable),
        )
        .route("/rest/api/{v}/user/search", get(people::search))
        .route("/rest/api/{v}/field", get(fields))
        .route("/rest/api/{v}/label", get(super::labels::labels))
        .route("/rest/api/1.0/labels/suggest", get(super::labels::suggest))
        .route("/rest/api/{v}/project", get(projects::projects))
        .route(
            "/rest/api/{v}/project/search",
            get(projects::project_search),
        )
        .route("/rest/api/{v}/project/{key}", get(projects::project))
        .route(
            "/rest/api/{v}/project/{key}/role",
            get(super::comments::roles),
        )
        .route("/rest/api/{v}/filter", post(filters::create_filter))
        .route(
            "/rest/api/{v}/filter/favourite",
            get(filters::favourite_filters),
        )
        .route("/rest/api/{v}/filter/{id}", get(filters::filter))
        .route(
            "/rest/api/{v}/jql/autocompletedata",
            get(autocomplete::autocomplete_data),
        )
        .route(
            "/rest/api/{v}/jql/autocompletedata/suggestions",
            get(autocomplete::suggestions),
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
        .merge(super::agile::routes())
        .fallback(not_found)
}

/// The renderer for a request, over the site as it is now.
pub fn render<'a>(site: &'a Site, version: ApiVersion) -> Render<'a> {
    Render {
        data: &site.data,
        live: site.live(),
        index: &site.index,
        flavor: site.flavor,
        version,
        base: site.base(),
        viewer: None,
    }
}

/// The renderer for a request by `user` (who watches what depends on the caller).
pub fn render_for(site: &Site, version: ApiVersion, user: usize) -> Render<'_> {
    Render {
        viewer: Some(user),
        ..render(site, version)
    }
}

async fn not_found(State(site): State<Arc<Site>>, uri: axum::http::Uri) -> Response {
    not_found_response(&site, &uri.to_string())
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

async fn server_info(State(site): State<Arc<Site>>, _api: Api<Anyone>) -> Response {
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

async fn myself(State(site): State<Arc<Site>>, api: Api) -> Response {
    respond::ok(&render(&site, api.version).myself(api.user))
}

/// Looks up the issue of a request by key or id.
pub fn find_issue(site: &Site, key: &str) -> Result<usize, Response> {
    site.live()
        .find(&site.data, key)
        .ok_or_else(issue_not_found)
}

async fn issue(
    State(site): State<Arc<Site>>,
    api: Api<IssueReader>,
    Path((_, key)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Response {
    let version = api.version;
    let index = attempt!(find_issue(&site, &key));
    let params = Params::parse(query.as_deref());
    let fields = FieldSelection::parse(&params.all("fields"), "*all");
    let expand = params.list("expand");
    let mut body = render_for(&site, version, api.user).issue(index, &fields, &expand);
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
    api: Api<IssueReader>,
    Path((_, key)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Response {
    let version = api.version;
    let index = attempt!(find_issue(&site, &key));
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

async fn fields(State(site): State<Arc<Site>>, _api: Api) -> Response {
    respond::ok(&fields_json(site.flavor))
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
