//! Search resources: Cloud's `search/jql` (nextPageToken, isLast, no total, caps, unbounded
//! queries, page tokens) and approximate count, the removed Cloud search (410), and DC's
//! `search` with startAt/maxResults/total.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use common::*;
use jiratty::demo::DemoConfig;
use jiratty::demo::model::Flavor;
use reqwest::Method;
use serde_json::json;

const REMOVED: &str = "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cloud_search_jql_pages_and_default_fields() {
    let site = site(Flavor::Cloud).await;
    let page = site
        .get_ok("/rest/api/3/search/jql?jql=project%20%3D%20ACME&maxResults=5")
        .await;
    assert!(page.get("total").is_none(), "{page}");
    assert_eq!(page["isLast"], false);
    assert!(page["nextPageToken"].is_string());
    let issues = page["issues"].as_array().expect("issues");
    assert_eq!(issues.len(), 5);
    for issue in issues {
        assert_eq!(keys(issue), ["id"], "default fields are id only: {issue}");
    }
    let body = json!({"jql": "project = ACME", "maxResults": 3, "fields": ["summary", "status"]});
    for v in ["2", "3"] {
        let page = site
            .post_ok(&format!("/rest/api/{v}/search/jql"), &body)
            .await;
        for issue in page["issues"].as_array().expect("issues") {
            assert_eq!(keys(&issue["fields"]), ["status", "summary"]);
            assert!(
                issue["key"]
                    .as_str()
                    .is_some_and(|k| k.starts_with("ACME-")),
                "{issue}"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cloud_search_jql_caps_max_results() {
    let site = site(Flavor::Cloud).await;
    let all = site.server.site.data.issues.len();
    let jql = "project in (ACME, OPS, DOC)";
    let full = site
        .post_ok(
            "/rest/api/3/search/jql",
            &json!({"jql": jql, "maxResults": 5000, "fields": ["summary"]}),
        )
        .await;
    assert_eq!(
        full["issues"].as_array().map(Vec::len),
        Some(100.min(all)),
        "page of full issues caps at 100"
    );
    let ids = site
        .post_ok(
            "/rest/api/3/search/jql",
            &json!({"jql": jql, "maxResults": 5000}),
        )
        .await;
    assert_eq!(
        ids["issues"].as_array().map(Vec::len),
        Some(all.min(5000)),
        "ids-only pages go up to 5000"
    );
    assert_eq!(ids["isLast"], true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cloud_refuses_unbounded_queries_and_bad_tokens() {
    let site = site(Flavor::Cloud).await;
    for jql in ["", "ORDER BY created DESC"] {
        let get = send(
            site.alice(Method::GET, "/rest/api/3/search/jql")
                .query(&[("jql", jql)]),
        )
        .await;
        get.assert_jira_error(400);
        site.post("/rest/api/3/search/jql", &json!({"jql": jql}))
            .await
            .assert_jira_error(400);
        site.post("/rest/api/3/search/approximate-count", &json!({"jql": jql}))
            .await
            .assert_jira_error(400);
    }
    site.get("/rest/api/3/search/jql")
        .await
        .assert_jira_error(400);
    let first = site
        .post_ok(
            "/rest/api/3/search/jql",
            &json!({"jql": "project = ACME", "maxResults": 2}),
        )
        .await;
    let token = first["nextPageToken"]
        .as_str()
        .expect("a next page")
        .to_string();
    let mut tampered = token.clone();
    tampered.insert(0, 'x');
    for bad in [tampered.as_str(), "not-a-token", "MTA6ZGVhZGJlZWY"] {
        let body = json!({"jql": "project = ACME", "nextPageToken": bad});
        site.post("/rest/api/3/search/jql", &body)
            .await
            .assert_jira_error(400);
    }
    let replayed = json!({"jql": "project = OPS", "nextPageToken": token});
    site.post("/rest/api/3/search/jql", &replayed)
        .await
        .assert_jira_error(400);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cloud_removed_search_answers_410() {
    let site = site(Flavor::Cloud).await;
    for v in ["2", "3", "latest"] {
        let path = format!("/rest/api/{v}/search");
        let get = send(
            site.alice(Method::GET, &path)
                .query(&[("jql", "project = ACME")]),
        )
        .await;
        let post = site.post(&path, &json!({"jql": "project = ACME"})).await;
        for reply in [get, post] {
            assert_eq!(reply.status, 410, "{path}: {}", reply.text);
            assert_eq!(reply.json()["errorMessages"], json!([REMOVED]));
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn approximate_count_matches_the_dataset() {
    let site = site(Flavor::Cloud).await;
    let acme = site.project_keys("ACME").len();
    let count = site
        .post_ok(
            "/rest/api/3/search/approximate-count",
            &json!({"jql": "project = ACME"}),
        )
        .await;
    assert_eq!(count, json!({"count": acme}));
    let dc = site_with(DemoConfig {
        flavor: Flavor::Dc,
        ..DemoConfig::default()
    })
    .await;
    dc.post(
        "/rest/api/2/search/approximate-count",
        &json!({"jql": "project = ACME"}),
    )
    .await
    .assert_jira_error(404);
    dc.get("/rest/api/2/search/jql?jql=project%3DACME")
        .await
        .assert_jira_error(404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dc_search_get_and_post_use_offsets() {
    let site = site(Flavor::Dc).await;
    let acme = site.project_keys("ACME");
    let page = site
        .get_ok("/rest/api/2/search?jql=project%20%3D%20ACME&startAt=2&maxResults=3")
        .await;
    assert_eq!(
        (&page["startAt"], &page["maxResults"], &page["total"]),
        (&json!(2), &json!(3), &json!(acme.len()))
    );
    assert_eq!(issue_keys(&page).len(), 3);
    let default = site
        .get_ok("/rest/api/2/search?jql=project%20%3D%20ACME")
        .await;
    assert_eq!(default["maxResults"], 50, "DC's default page size");
    assert!(
        default["issues"][0]["fields"]["summary"].is_string(),
        "default fields are *navigable"
    );
    let post = site
        .post_ok(
            "/rest/api/2/search",
            &json!({"jql": "project = ACME", "startAt": 2, "maxResults": 3}),
        )
        .await;
    assert_eq!(issue_keys(&post), issue_keys(&page), "GET and POST agree");
    for v in ["3"] {
        site.get(&format!("/rest/api/{v}/search?jql=project%3DACME"))
            .await
            .assert_jira_error(404);
    }
    let empty = site
        .post_ok("/rest/api/2/search", &json!({"jql": "", "maxResults": 1}))
        .await;
    assert_eq!(
        empty["total"],
        site.server.site.data.issues.len(),
        "DC allows unbounded JQL"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn order_by_created_ascending() {
    let site = site(Flavor::Dc).await;
    let body = json!({"jql": "project = OPS ORDER BY created ASC", "maxResults": 1000, "fields": ["created"]});
    let page = site.post_ok("/rest/api/2/search", &body).await;
    let created: Vec<&str> = page["issues"]
        .as_array()
        .expect("issues")
        .iter()
        .filter_map(|i| i["fields"]["created"].as_str())
        .collect();
    assert!(created.len() > 1);
    assert!(
        created.windows(2).all(|w| w[0] <= w[1]),
        "not ascending: {created:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dc_search_without_validation_tolerates_unknown_values() {
    let site = site(Flavor::Dc).await;
    let page = site
        .get_ok("/rest/api/2/search?jql=project%3DNOPE&validateQuery=false")
        .await;
    assert_eq!((&page["total"], &page["issues"]), (&json!(0), &json!([])));
    let body = json!({"jql": "project = NOPE", "validateQuery": false});
    let page = site.post_ok("/rest/api/2/search", &body).await;
    assert_eq!(page["total"], 0);
}
