//! JQL filtering checked against the dataset, and pagination to the end in both styles
//! (Cloud's nextPageToken, DC's startAt/total) with no duplicates and no gaps, on the default
//! dataset and on a generated 2,000-issue site.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use common::*;
use jiratty::demo::DemoConfig;
use jiratty::demo::model::Flavor;
use reqwest::Method;
use serde_json::json;
use std::collections::BTreeSet;

/// Expected keys of the issues `pred` selects, from the dataset.
fn expected(site: &Site, pred: impl Fn(&jiratty::demo::model::Issue) -> bool) -> BTreeSet<String> {
    let data = &site.server.site.data;
    (0..data.issues.len())
        .filter(|&i| pred(&data.issues[i]))
        .map(|i| data.key(i))
        .collect()
}

/// Walks Cloud's `search/jql` to the end (GET or POST), asserting each page's shape.
async fn walk_tokens(site: &Site, jql: &str, page_size: usize, post: bool) -> Vec<String> {
    let mut keys = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = if post {
            let mut body = json!({"jql": jql, "maxResults": page_size, "fields": ["key"]});
            if let Some(t) = &token {
                body["nextPageToken"] = json!(t);
            }
            site.post_ok("/rest/api/3/search/jql", &body).await
        } else {
            let mut q = vec![
                ("jql", jql.to_string()),
                ("maxResults", page_size.to_string()),
                ("fields", "key".into()),
            ];
            if let Some(t) = &token {
                q.push(("nextPageToken", t.clone()));
            }
            let reply = send(site.alice(Method::GET, "/rest/api/3/search/jql").query(&q)).await;
            assert_eq!(reply.status, 200, "{}", reply.text);
            reply.json()
        };
        assert!(
            page.get("total").is_none(),
            "search/jql has no total: {page:.200}"
        );
        let got = issue_keys(&page);
        assert!(got.len() <= page_size);
        keys.extend(got);
        token = page["nextPageToken"].as_str().map(String::from);
        let is_last = page["isLast"].as_bool().expect("isLast is a boolean");
        assert_eq!(
            is_last,
            token.is_none(),
            "isLast iff no nextPageToken: {page:.200}"
        );
        if is_last {
            return keys;
        }
    }
}

/// Walks DC's `search` to the end by startAt, asserting total stays the same.
async fn walk_offsets(
    site: &Site,
    jql: &str,
    page_size: usize,
    post: bool,
) -> (Vec<String>, usize) {
    let mut keys = Vec::new();
    let mut total = None;
    loop {
        let body = json!({"jql": jql, "startAt": keys.len(), "maxResults": page_size, "fields": ["summary"]});
        let page = if post {
            site.post_ok("/rest/api/2/search", &body).await
        } else {
            let q = [
                ("jql", jql.to_string()),
                ("startAt", keys.len().to_string()),
                ("maxResults", page_size.to_string()),
                ("fields", "summary".into()),
            ];
            let reply = send(site.alice(Method::GET, "/rest/api/2/search").query(&q)).await;
            assert_eq!(reply.status, 200, "{}", reply.text);
            reply.json()
        };
        assert_eq!(page["startAt"], keys.len());
        assert_eq!(page["maxResults"], page_size);
        let t = page["total"].as_u64().expect("total") as usize;
        assert_eq!(*total.get_or_insert(t), t, "total changed while paging");
        let got = issue_keys(&page);
        let done = got.is_empty() || keys.len() + got.len() >= t;
        keys.extend(got);
        if done {
            return (keys, t);
        }
    }
}

fn assert_no_dupes_no_gaps(keys: &[String], expected: &BTreeSet<String>, what: &str) {
    let unique: BTreeSet<String> = keys.iter().cloned().collect();
    assert_eq!(unique.len(), keys.len(), "{what}: duplicates across pages");
    assert_eq!(
        &unique, expected,
        "{what}: pages do not cover exactly the matching issues"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jql_filters_results() {
    for flavor in FLAVORS {
        let site = site(flavor).await;
        let data = &site.server.site.data;
        let acme = site.project_index("ACME") as u16;
        let done = data
            .statuses
            .iter()
            .position(|s| s.named.name == "Done")
            .expect("Done") as u8;
        let bug = data
            .issue_types
            .iter()
            .position(|t| t.named.name == "Bug")
            .expect("Bug") as u8;
        let cases: Vec<(&str, BTreeSet<String>)> = vec![
            ("project = ACME", expected(&site, |i| i.project == acme)),
            (
                "assignee = currentUser()",
                expected(&site, |i| i.assignee == Some(0)),
            ),
            (
                "status = Done AND issuetype = Bug",
                expected(&site, |i| i.status == done && i.issue_type == bug),
            ),
            (
                "project = ACME AND assignee IS EMPTY",
                expected(&site, |i| i.project == acme && i.assignee.is_none()),
            ),
        ];
        for (jql, want) in cases {
            assert!(!want.is_empty(), "{jql} selects something in the dataset");
            let keys = match flavor {
                Flavor::Cloud => walk_tokens(&site, jql, 100, true).await,
                Flavor::Dc => walk_offsets(&site, jql, 100, true).await.0,
            };
            assert_no_dupes_no_gaps(&keys, &want, &format!("{flavor:?} {jql}"));
        }
        let bad = site
            .post(search_path(flavor), &json!({"jql": "project = = ACME"}))
            .await;
        let messages = bad.assert_jira_error(400);
        assert!(
            messages[0].starts_with("Error in the JQL Query:"),
            "{messages:?}"
        );
        let field = site
            .post(search_path(flavor), &json!({"jql": "universe = 42"}))
            .await;
        assert_eq!(
            field.assert_jira_error(400),
            ["Field 'universe' does not exist or you do not have permission to view it."]
        );
    }
}

fn search_path(flavor: Flavor) -> &'static str {
    match flavor {
        Flavor::Cloud => "/rest/api/3/search/jql",
        Flavor::Dc => "/rest/api/2/search",
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pagination_walks_the_default_dataset_to_the_end() {
    for flavor in FLAVORS {
        let site = site(flavor).await;
        let all = expected(&site, |_| true);
        let jql = "project in (ACME, OPS, DOC) ORDER BY key ASC";
        match flavor {
            Flavor::Cloud => {
                for post in [false, true] {
                    let keys = walk_tokens(&site, jql, 37, post).await;
                    assert_no_dupes_no_gaps(&keys, &all, &format!("cloud post={post}"));
                }
            }
            Flavor::Dc => {
                for post in [false, true] {
                    let (keys, total) = walk_offsets(&site, jql, 37, post).await;
                    assert_eq!(total, all.len());
                    assert_no_dupes_no_gaps(&keys, &all, &format!("dc post={post}"));
                }
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pagination_walks_a_generated_site_per_project() {
    for flavor in FLAVORS {
        let site = site_with(DemoConfig {
            flavor,
            issues: Some(2000),
            seed: 7,
            ..DemoConfig::default()
        })
        .await;
        assert_eq!(site.server.site.data.issues.len(), 2000);
        let mut covered = 0;
        for project in ["ACME", "OPS", "DOC"] {
            let want: BTreeSet<String> = site.project_keys(project).into_iter().collect();
            let jql = format!("project = {project}");
            let keys = match flavor {
                Flavor::Cloud => {
                    let keys = walk_tokens(&site, &jql, 250, true).await;
                    let count = site
                        .post_ok("/rest/api/3/search/approximate-count", &json!({"jql": jql}))
                        .await;
                    assert_eq!(count["count"], keys.len());
                    keys
                }
                Flavor::Dc => {
                    let (keys, total) = walk_offsets(&site, &jql, 250, false).await;
                    assert_eq!(total, want.len());
                    keys
                }
            };
            assert_no_dupes_no_gaps(&keys, &want, &format!("{flavor:?} {jql}"));
            covered += keys.len();
        }
        assert_eq!(covered, 2000, "the projects partition the site");
        if flavor == Flavor::Dc {
            let big = site
                .post_ok(
                    "/rest/api/2/search",
                    &json!({"jql": "", "maxResults": 5000, "fields": ["key"]}),
                )
                .await;
            assert_eq!(big["maxResults"], 1000, "DC caps a page at 1000");
            assert_eq!(issue_keys(&big).len(), 1000);
        }
    }
}
