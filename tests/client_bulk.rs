//! Reading issues in bulk (the detail view's read-ahead) against the demo server: Cloud's
//! `POST issue/bulkfetch`, Server/DC's `key in (…)` search; each issue as `GET issue` gives it,
//! unknown keys left out, at most 100. And one `serverInfo` for calls made together by a
//! client that does not know its deployment yet.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use jiratty::demo::model::Flavor;
use jiratty::jira::calls::IssueRequest;
use jiratty::jira::{ClientOptions, SearchRequest};
use support::*;

async fn bulk_matches_single_reads(flavor: Flavor) {
    let server = demo(flavor).await;
    let recorder = recorder(&server.url()).await;
    let client = alice(&recorder.url, flavor);
    let keys: Vec<String> = vec!["ACME-3".into(), "ACME-1".into(), "NOPE-999".into()];
    let issues = client.issues_in_bulk(&keys).await.expect("bulk read");
    let mut got: Vec<&str> = issues.iter().map(|i| i.key.as_str()).collect();
    got.sort_unstable();
    assert_eq!(
        got,
        ["ACME-1", "ACME-3"],
        "{flavor:?}: the unknown key is left out"
    );
    let request = IssueRequest {
        fields: Vec::new(),
        expand: vec!["names".into()],
    };
    for bulk in &issues {
        let single = client.issue(&bulk.key, &request).await.expect("issue");
        assert_eq!(bulk.fields.summary, single.fields.summary, "{flavor:?}");
        assert_eq!(bulk.fields.status, single.fields.status, "{flavor:?}");
        assert_eq!(
            bulk.fields.description, single.fields.description,
            "{flavor:?}"
        );
        assert_eq!(
            bulk.fields.comment.as_ref().map(|c| c.comments.len()),
            single.fields.comment.as_ref().map(|c| c.comments.len()),
            "{flavor:?}: the first page of comments"
        );
        assert_eq!(bulk.fields.updated, single.fields.updated, "{flavor:?}");
        assert_eq!(
            bulk.names.get("summary").and_then(|v| v.as_str()),
            Some("Summary"),
            "{flavor:?}: field names"
        );
    }
    let path = match flavor {
        Flavor::Cloud => "/rest/api/3/issue/bulkfetch",
        Flavor::Dc => "/rest/api/2/search",
    };
    assert_eq!(
        recorder.matching("POST", path).len(),
        1,
        "{flavor:?}: one call"
    );
}

#[tokio::test]
async fn cloud_reads_many_issues_with_one_bulkfetch() {
    bulk_matches_single_reads(Flavor::Cloud).await;
}

#[tokio::test]
async fn dc_reads_many_issues_with_one_key_in_search() {
    bulk_matches_single_reads(Flavor::Dc).await;
}

#[tokio::test]
async fn bulkfetch_takes_at_most_100_and_dc_has_none() {
    let server = demo(Flavor::Cloud).await;
    let client = alice(&server.url(), Flavor::Cloud);
    let keys: Vec<String> = (1..=150).map(|i| format!("ACME-{i}")).collect();
    let issues = client.issues_in_bulk(&keys).await.expect("bulk read");
    assert!(issues.len() <= 100, "{} issues", issues.len());
    assert!(!issues.is_empty());
    assert!(client.issues_in_bulk(&[]).await.unwrap().is_empty());

    let too_many: Vec<String> = (1..=101).map(|i| format!("ACME-{i}")).collect();
    let status = raw_post(
        &server.url(),
        Flavor::Cloud,
        "/rest/api/3/issue/bulkfetch",
        serde_json::json!({ "issueIdsOrKeys": too_many }),
    )
    .await;
    assert_eq!(status, 400);
    let dc = demo(Flavor::Dc).await;
    let status = raw_post(
        &dc.url(),
        Flavor::Dc,
        "/rest/api/2/issue/bulkfetch",
        serde_json::json!({ "issueIdsOrKeys": ["ACME-1"] }),
    )
    .await;
    assert_eq!(status, 404, "Server/DC has no bulk fetch");
}

/// POSTs `body` to `path` as alice; the status.
async fn raw_post(url: &str, flavor: Flavor, path: &str, body: serde_json::Value) -> u16 {
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let request = http.post(format!("{url}{path}")).json(&body);
    let request = match flavor {
        Flavor::Cloud => request.basic_auth(CLOUD_EMAIL, Some(CLOUD_TOKEN)),
        Flavor::Dc => request.bearer_auth(PAT),
    };
    request.send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn calls_made_together_before_the_deployment_is_known_share_one_server_info() {
    let server = demo(Flavor::Cloud).await;
    let recorder = recorder(&server.url()).await;
    // As with credentials from the environment: no deployment remembered.
    let client = alice_with(&recorder.url, Flavor::Cloud, ClientOptions::default());
    let search = SearchRequest::new("project = ACME ORDER BY key");
    let (page, data) = tokio::join!(
        client.search_page(&search, None),
        client.autocomplete_data()
    );
    page.expect("search");
    data.expect("autocomplete data");
    assert_eq!(recorder.matching("GET", "serverInfo").len(), 1);
}
