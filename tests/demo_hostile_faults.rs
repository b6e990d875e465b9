//! The demo server's hostile faults and quirks, seen on the wire: raw Retry-After values,
//! repeated page tokens, ignored `startAt`, endless comments, the damaged issue, gzip bombs
//! and endless bodies (read only a little), and requests that get no answer.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use common::*;
use jiratty::demo::DemoConfig;
use jiratty::demo::faults::FaultSpec;
use jiratty::demo::model::Flavor;
use jiratty::demo::quirks::{BAD_ISSUE, ENDLESS_TOTAL};
use reqwest::Method;
use serde_json::{Value, json};
use std::time::Duration;

async fn hostile(flavor: Flavor, spec: &str) -> Site {
    site_with(DemoConfig {
        flavor,
        faults: FaultSpec::parse(spec).expect("valid fault spec"),
        ..DemoConfig::default()
    })
    .await
}

const ACME: &str = "project = ACME ORDER BY key ASC";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn raw_retry_afters_go_out_as_they_are() {
    for raw in ["1e20", "NaN", "-1", "soon"] {
        let site = hostile(Flavor::Dc, &format!("503=1,retry-after-raw={raw}")).await;
        let reply = site.get("/rest/api/2/myself").await;
        reply.assert_jira_error(503);
        assert_eq!(reply.header("retry-after"), raw);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeat_token_hands_back_the_token_it_was_asked_with() {
    let site = hostile(Flavor::Cloud, "repeat-token").await;
    let first = site
        .post_ok(
            "/rest/api/3/search/jql",
            &json!({"jql": ACME, "maxResults": 10, "fields": ["summary"]}),
        )
        .await;
    let token = first["nextPageToken"]
        .as_str()
        .expect("a token")
        .to_string();
    for _ in 0..3 {
        let again = site
            .post_ok(
                "/rest/api/3/search/jql",
                &json!({"jql": ACME, "maxResults": 10, "fields": ["summary"], "nextPageToken": token}),
            )
            .await;
        assert_eq!(again["nextPageToken"], json!(token));
        assert_eq!(again["isLast"], json!(false));
        assert_eq!(issue_keys(&again).len(), 10);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ignore_start_at_serves_the_first_page_of_searches_and_comments() {
    let site = hostile(Flavor::Dc, "ignore-start-at").await;
    let jql = ACME.replace(' ', "%20").replace('=', "%3D");
    let first = site
        .get_ok(&format!("/rest/api/2/search?jql={jql}&maxResults=5"))
        .await;
    let later = site
        .get_ok(&format!(
            "/rest/api/2/search?jql={jql}&maxResults=5&startAt=100"
        ))
        .await;
    assert_eq!(issue_keys(&first), issue_keys(&later));
    assert_eq!(later["startAt"], json!(0));
    assert!(later["total"].as_u64().unwrap_or(0) > 5);
    let data = &site.server.site.data;
    let index = (0..data.issues.len())
        .find(|&i| data.issues[i].comments.len() >= 4)
        .expect("an issue with four comments");
    let key = site.key(index);
    let path = format!("/rest/api/2/issue/{key}/comment");
    let ids = |page: &Value| page["comments"].to_string();
    let a = site.get_ok(&format!("{path}?startAt=0&maxResults=2")).await;
    let b = site.get_ok(&format!("{path}?startAt=2&maxResults=2")).await;
    assert_eq!(ids(&a), ids(&b));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn endless_comments_claim_a_huge_total_and_bring_a_new_comment_a_page() {
    for flavor in FLAVORS {
        let site = hostile(flavor, "endless-comments").await;
        let v = versions(flavor)[0];
        let data = &site.server.site.data;
        let index = (0..data.issues.len())
            .find(|&i| !data.issues[i].comments.is_empty())
            .expect("an issue with comments");
        let key = site.key(index);
        let issue = site.get_ok(&format!("/rest/api/{v}/issue/{key}")).await;
        assert_eq!(issue["fields"]["comment"]["total"], json!(ENDLESS_TOTAL));
        let path = format!("/rest/api/{v}/issue/{key}/comment");
        let a = site.get_ok(&format!("{path}?startAt=20")).await;
        let b = site.get_ok(&format!("{path}?startAt=21")).await;
        assert_eq!(a["total"], json!(ENDLESS_TOTAL));
        assert_eq!(a["comments"].as_array().map(Vec::len), Some(1));
        assert_ne!(a["comments"][0]["id"], b["comments"][0]["id"]);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_issue_has_numbers_where_objects_belong() {
    let site = hostile(Flavor::Dc, "bad-issue").await;
    let key = site.key(BAD_ISSUE);
    let issue = site
        .get_ok(&format!(
            "/rest/api/2/issue/{key}?fields=summary,status,priority,labels"
        ))
        .await;
    assert_eq!(issue["fields"]["status"], json!(7));
    assert_eq!(issue["fields"]["priority"], json!(5));
    assert_eq!(issue["fields"]["labels"], json!(3));
    assert!(issue["fields"]["summary"].is_string());
    let other = site.get_ok("/rest/api/2/issue/ACME-1?fields=status").await;
    assert!(other["fields"]["status"].is_object());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bombs_and_endless_bodies_keep_coming() {
    for (spec, gzip) in [("gzip-bomb=1", true), ("endless-body=1", false)] {
        let site = hostile(Flavor::Cloud, spec).await;
        // A client that leaves the body compressed, to see the bomb as it travels.
        let raw = reqwest::Client::builder()
            .no_gzip()
            .build()
            .expect("a client");
        let mut response = raw
            .get(site.url("/rest/api/3/myself"))
            .basic_auth(CLOUD_EMAIL, Some(CLOUD_TOKEN))
            .send()
            .await
            .expect("an answer");
        assert_eq!(response.status(), 200);
        let encoding = response
            .headers()
            .get("content-encoding")
            .map(|v| v.to_str().unwrap_or("").to_string());
        assert_eq!(encoding.as_deref() == Some("gzip"), gzip, "{spec}");
        // Read 4 MB of the stream, then let go.
        let mut read = 0;
        while read < 4 << 20 {
            let chunk = response
                .chunk()
                .await
                .expect("a chunk")
                .expect("never ends");
            if read == 0 {
                let start: &[u8] = if gzip {
                    &[0x1f, 0x8b]
                } else {
                    b"{\"issues\":["
                };
                assert!(chunk.starts_with(start), "{spec}");
            }
            read += chunk.len();
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hang_gives_no_answer() {
    let site = hostile(Flavor::Dc, "hang=1").await;
    let answer = tokio::time::timeout(
        Duration::from_millis(500),
        site.alice(Method::GET, "/rest/api/2/myself").send(),
    )
    .await;
    assert!(answer.is_err(), "no answer within 500 ms");
}
