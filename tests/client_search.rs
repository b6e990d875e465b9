//! Search against the demo server: both paging styles walked to the end, the DC total, long
//! JQL by POST, bad JQL with its position, and the single-resource calls (issue, comments,
//! filters, autocomplete) including a missing issue.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use jiratty::demo::model::Flavor;
use jiratty::jira::calls::IssueRequest;
use jiratty::jira::{JiraError, SearchRequest};
use std::collections::HashSet;
use support::*;

const ACME_BY_KEY: &str = "project = ACME ORDER BY key ASC";

fn number(key: &str) -> u32 {
    key.rsplit_once('-')
        .and_then(|(_, n)| n.parse().ok())
        .expect("a key like ACME-12")
}

/// Walks every page with the pager and checks each key comes exactly once, in key order.
async fn pages_to_the_end(flavor: Flavor) {
    let server = demo_with(flavor, |c| c.issues = Some(1500)).await;
    let expected = project_count(&server, "ACME");
    assert!(
        expected > 300,
        "the big site has many ACME issues ({expected})"
    );
    let client = alice(&server.url(), flavor);
    let mut request = SearchRequest::new(ACME_BY_KEY);
    request.page_size = 100;
    let mut pager = client.pager(request);
    let mut keys = Vec::new();
    let mut pages = 0;
    while let Some(page) = pager.next_page().await.expect("a page") {
        assert!(page.len() <= 100, "page {pages} has {} issues", page.len());
        pages += 1;
        keys.extend(page.into_iter().map(|i| i.key));
    }
    assert!(
        pager.next_page().await.expect("after the end").is_none(),
        "the pager stays done"
    );
    assert_eq!(keys.len(), expected, "{flavor:?}: every issue");
    let unique: HashSet<&String> = keys.iter().collect();
    assert_eq!(unique.len(), expected, "{flavor:?}: no issue twice");
    assert!(keys.iter().all(|k| k.starts_with("ACME-")));
    assert!(
        keys.windows(2).all(|w| number(&w[0]) < number(&w[1])),
        "key order kept across pages"
    );
    assert_eq!(
        pages,
        expected.div_ceil(100),
        "{flavor:?}: full pages of 100"
    );
    match flavor {
        Flavor::Dc => assert_eq!(pager.total(), Some(expected as u64), "DC reports the total"),
        Flavor::Cloud => assert_eq!(pager.total(), None, "Cloud's token paging has no total"),
    }
    // The same through search_all, and with a limit.
    let mut request = SearchRequest::new(ACME_BY_KEY);
    request.page_size = 100;
    let all = client
        .search_all(request.clone(), None)
        .await
        .expect("search_all");
    assert_eq!(all.iter().map(|i| i.key.clone()).collect::<Vec<_>>(), keys);
    let some = client
        .search_all(request, Some(250))
        .await
        .expect("search_all with a limit");
    assert_eq!(some.len(), 250);
    assert_eq!(some[249].key, keys[249]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cloud_token_paging_reaches_the_end() {
    pages_to_the_end(Flavor::Cloud).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dc_offset_paging_reaches_the_end() {
    pages_to_the_end(Flavor::Dc).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_asks_only_for_the_named_fields() {
    for flavor in [Flavor::Cloud, Flavor::Dc] {
        let server = demo(flavor).await;
        let client = alice(&server.url(), flavor);
        let mut request = SearchRequest::new(ACME_BY_KEY);
        request.page_size = 5;
        let issues = client
            .search_all(request.clone(), Some(5))
            .await
            .expect("search");
        let first = &issues[0].fields;
        assert!(first.summary.is_some() && first.status.is_some() && first.issuetype.is_some());
        assert!(
            first.description.is_none(),
            "{flavor:?}: no description in a list"
        );
        request.fields = vec!["summary".into(), "labels".into(), "*all".into()];
        let issues = client.search_all(request, Some(5)).await.expect("search");
        assert!(issues[0].fields.summary.is_some());
        assert!(
            issues[0].fields.status.is_none(),
            "{flavor:?}: *all is never sent"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn long_jql_goes_by_post_on_dc() {
    let server = demo_with(Flavor::Dc, |c| c.issues = Some(1500)).await;
    let proxy = recorder(&server.url()).await;
    let client = alice(&proxy.url, Flavor::Dc);
    let keys: Vec<String> = (1..=150)
        .map(|n| format!("ACME-{n}"))
        .filter(|k| server.site.data.find_issue(k).is_some())
        .collect();
    assert!(keys.len() > 100);
    let jql = format!(
        "{} ORDER BY key ASC",
        keys.iter()
            .map(|k| format!("key = {k}"))
            .collect::<Vec<_>>()
            .join(" OR ")
    );
    assert!(jql.len() > 1500, "{} characters", jql.len());
    let mut request = SearchRequest::new(jql);
    request.page_size = 40;
    let mut pager = client.pager(request);
    let mut found = Vec::new();
    while let Some(page) = pager.next_page().await.expect("a page") {
        found.extend(page.into_iter().map(|i| i.key));
    }
    assert_eq!(found, keys);
    assert_eq!(pager.total(), Some(keys.len() as u64));
    assert!(
        proxy.matching("GET", "/rest/api/2/search").is_empty(),
        "no long URL"
    );
    assert_eq!(
        proxy.matching("POST", "/rest/api/2/search").len(),
        keys.len().div_ceil(40)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_jql_carries_the_server_message_and_position() {
    for flavor in [Flavor::Cloud, Flavor::Dc] {
        let server = demo(flavor).await;
        let client = alice(&server.url(), flavor);
        let request = SearchRequest::new("project = ACME AND\nstatus ~~ x");
        match client.search_all(request, None).await {
            Err(JiraError::BadJql {
                message,
                line,
                character,
            }) => {
                assert!(
                    message.starts_with("Error in the JQL Query:"),
                    "{flavor:?}: {message}"
                );
                assert!(
                    message.ends_with("(line 2, character 9)"),
                    "{flavor:?}: {message}"
                );
                assert_eq!((line, character), (Some(2), Some(9)), "{flavor:?}");
            }
            other => panic!("{flavor:?}: expected BadJql, got {other:?}"),
        }
        let request = SearchRequest::new("project = ACME AND nosuchfield = 3");
        match client.search_all(request, None).await {
            Err(e @ JiraError::BadJql { .. }) => {
                assert!(e.to_string().contains("nosuchfield"), "{flavor:?}: {e}");
                assert_eq!(e.class(), jiratty::jira::ErrorClass::Input);
            }
            other => panic!("{flavor:?}: expected BadJql, got {other:?}"),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_issue_is_not_found() {
    for flavor in [Flavor::Cloud, Flavor::Dc] {
        let server = demo(flavor).await;
        let client = alice(&server.url(), flavor);
        let e = client
            .issue("ACME-999999", &IssueRequest::default())
            .await
            .unwrap_err();
        assert!(matches!(e, JiraError::NotFound { .. }), "{flavor:?}: {e:?}");
        assert!(e.to_string().contains("does not exist"), "{e}");
        let e = client.comments("NOPE-1", 0, 10).await.unwrap_err();
        assert!(matches!(e, JiraError::NotFound { .. }), "{flavor:?}: {e:?}");
        let e = client
            .issue("../serverInfo", &IssueRequest::default())
            .await
            .unwrap_err();
        assert!(matches!(e, JiraError::NotFound { .. }), "not a key: {e:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_comments_filters_and_autocomplete() {
    for flavor in [Flavor::Cloud, Flavor::Dc] {
        let server = demo(flavor).await;
        let client = alice(&server.url(), flavor);
        let data = &server.site.data;
        let index = (0..data.issues.len())
            .find(|&i| data.issues[i].comments.len() >= 3)
            .expect("commented issue");
        let key = data.key(index);
        let request = IssueRequest {
            fields: Vec::new(),
            expand: vec!["names".into()],
        };
        let issue = client.issue(&key, &request).await.expect("issue");
        assert_eq!(issue.key, key);
        assert_eq!(
            issue.fields.summary.as_deref(),
            Some(data.issues[index].summary.as_str())
        );
        assert_eq!(
            issue.names.get("summary").and_then(|v| v.as_str()),
            Some("Summary")
        );
        let total = data.issues[index].comments.len() as u64;
        let first = client.comments(&key, 0, 2).await.expect("comments");
        assert_eq!((first.total, first.comments.len()), (total, 2));
        let rest = client.comments(&key, 2, 100).await.expect("more comments");
        assert_eq!(rest.comments.len() as u64, total - 2);
        assert_ne!(first.comments[0].id, rest.comments[0].id);

        let favourites = client.favourite_filters().await.expect("filters");
        assert!(
            !favourites.is_empty() && favourites.iter().all(|f| f.favourite && !f.jql.is_empty())
        );
        let one = client
            .filter(&favourites[0].id)
            .await
            .expect("filter by id");
        assert_eq!(one.name, favourites[0].name);

        let ac = client.autocomplete_data().await.expect("autocomplete data");
        assert!(ac.visible_field_names.iter().any(|f| f.value == "assignee"));
        assert!(
            ac.visible_function_names
                .iter()
                .any(|f| f.value == "currentUser()")
        );
        let s = client
            .suggestions("project", "AC")
            .await
            .expect("suggestions");
        assert!(
            s.results.iter().any(|r| r.value == "ACME"),
            "{flavor:?}: {s:?}"
        );
    }
}
