//! The client against servers that repeat themselves or send odd data (the demo's hostile
//! `--faults`, and a tiny server here): endless paging, endless comments and one damaged issue.
//! Each walk ends in bounded time with what could be got and why it stopped.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use jiratty::demo::faults::FaultSpec;
use jiratty::demo::model::Flavor;
use jiratty::demo::quirks::{BAD_ISSUE, ENDLESS_TOTAL};
use jiratty::jira::comments::{COMMENT_CAP, MAX_COMMENT_PAGES};
use jiratty::jira::{ClientOptions, CommentStop, Deployment, ListIssue, PagingStop, SearchRequest};
use std::time::Duration;
use support::*;

async fn hostile(flavor: Flavor, spec: &str) -> jiratty::demo::DemoServer {
    let faults = FaultSpec::parse(spec).expect("a valid fault spec");
    demo_with(flavor, |c| c.faults = faults).await
}

fn deployment(flavor: Flavor) -> Deployment {
    match flavor {
        Flavor::Cloud => Deployment::Cloud,
        Flavor::Dc => Deployment::Dc,
    }
}

/// Quick retries and the deployment known, so only the calls under test are made.
fn options(flavor: Flavor) -> ClientOptions {
    ClientOptions {
        deployment: Some(deployment(flavor)),
        ..fast()
    }
}

fn acme(page_size: u32) -> SearchRequest {
    let mut request = SearchRequest::new("project = ACME ORDER BY key ASC");
    request.page_size = page_size;
    request
}

/// Runs `f` and fails the test if it takes longer than `limit`.
async fn within<T>(limit: Duration, what: &str, f: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(limit, f)
        .await
        .unwrap_or_else(|_| panic!("{what} did not end within {limit:?}"))
}

// --- 2. Endless paging ---------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_repeated_page_token_ends_the_paging_after_two_pages() {
    let server = hostile(Flavor::Cloud, "repeat-token").await;
    let proxy = recorder(&server.url()).await;
    let client = alice_with(&proxy.url, Flavor::Cloud, options(Flavor::Cloud));
    let mut pager = client.pager(acme(20));
    let mut keys = Vec::new();
    let walk = async {
        while let Some(page) = pager.next_page().await.expect("a page") {
            keys.extend(page.into_iter().map(|i| i.key));
        }
    };
    within(Duration::from_secs(10), "the paging", walk).await;
    assert_eq!(
        pager.stopped(),
        Some(&PagingStop::RepeatedCursor { page: 2 })
    );
    assert_eq!(keys.len(), 40, "two pages of new issues");
    let mut unique = keys.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 40, "no issue twice");
    assert_eq!(proxy.matching("POST", "/search/jql").len(), 2);
    // search_all ends too, with the same issues.
    let all = within(
        Duration::from_secs(10),
        "search_all",
        client.search_all(acme(20), None),
    )
    .await
    .expect("search_all");
    assert_eq!(all.len(), 40);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_ignoring_start_at_ends_the_paging_after_the_second_page() {
    let server = hostile(Flavor::Dc, "ignore-start-at").await;
    let expected_total = project_count(&server, "ACME") as u64;
    let proxy = recorder(&server.url()).await;
    let client = alice_with(&proxy.url, Flavor::Dc, options(Flavor::Dc));
    let mut pager = client.pager(acme(25));
    let mut pages = Vec::new();
    let walk = async {
        while let Some(page) = pager.next_page().await.expect("a page") {
            pages.push(page.len());
        }
    };
    within(Duration::from_secs(10), "the paging", walk).await;
    assert_eq!(pager.stopped(), Some(&PagingStop::NoNewIssues { page: 2 }));
    assert_eq!(pages, [25, 0]);
    assert_eq!(pager.total(), Some(expected_total));
    assert_eq!(proxy.matching("GET", "/rest/api/2/search").len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_guard_ends_a_list_walk_page_by_page_as_the_tui_does() {
    let server = hostile(Flavor::Dc, "ignore-start-at").await;
    let client = alice_with(&server.url(), Flavor::Dc, options(Flavor::Dc));
    let mut guard = jiratty::jira::PageGuard::new();
    let mut cursor = None;
    let mut rows = 0;
    for _ in 0..10 {
        let mut page = client
            .search_page_of::<ListIssue>(&acme(30), cursor.as_ref())
            .await
            .expect("a page");
        guard.admit(&mut page);
        rows += page.issues.len();
        cursor = page.next;
        if cursor.is_none() {
            break;
        }
    }
    assert_eq!(rows, 30);
    assert_eq!(guard.stopped(), Some(&PagingStop::NoNewIssues { page: 2 }));
}

// --- 3. Endless comments -------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn endless_comments_stop_at_the_page_cap() {
    for flavor in [Flavor::Cloud, Flavor::Dc] {
        let server = hostile(flavor, "endless-comments").await;
        let proxy = recorder(&server.url()).await;
        let client = alice_with(&proxy.url, flavor, options(flavor));
        let data = &server.site.data;
        let index = (0..data.issues.len())
            .find(|&i| !data.issues[i].comments.is_empty())
            .expect("an issue with comments");
        let key = data.key(index);
        let issue = client
            .issue(&key, &Default::default())
            .await
            .expect("issue");
        let first = issue.fields.comment.expect("a comment page");
        assert_eq!(first.total, ENDLESS_TOTAL);
        let all = within(
            Duration::from_secs(30),
            "the comments",
            client.all_comments(&key, &first),
        )
        .await
        .expect("comments");
        assert_eq!(all.stop, Some(CommentStop::Cap), "{flavor:?}");
        assert_eq!(
            all.comments.len(),
            first.comments.len() + MAX_COMMENT_PAGES as usize
        );
        assert!(all.comments.len() <= COMMENT_CAP);
        assert_eq!(all.missing(), ENDLESS_TOTAL - all.comments.len() as u64);
        assert_eq!(
            proxy.matching("GET", "/comment").len(),
            MAX_COMMENT_PAGES as usize
        );
    }
}

/// A Server/DC site (or proxy) that ignores `startAt` on comment pages: A-1 claims 1,000
/// comments and every page brings the same two.
async fn repeating_comments() -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let pages = std::sync::Arc::new(AtomicUsize::new(0));
    let counted = pages.clone();
    let comment = |id: &str| serde_json::json!({"id": id, "body": format!("comment {id}")});
    let issue = serde_json::json!({"id": "1", "key": "A-1", "fields": {"summary": "Talk",
        "comment": {"startAt": 0, "maxResults": 1, "total": 1000, "comments": [comment("1")]}}});
    let page = serde_json::json!({"startAt": 0, "maxResults": 100, "total": 1000,
        "comments": [comment("1"), comment("2")]});
    let app = axum::Router::new()
        .route(
            "/rest/api/2/issue/A-1",
            axum::routing::get(move || async move { axum::Json(issue) }),
        )
        .route(
            "/rest/api/2/issue/A-1/comment",
            axum::routing::get(move || {
                counted.fetch_add(1, Ordering::Relaxed);
                let page = page.clone();
                async move { axum::Json(page) }
            }),
        );
    (serve(app).await.0, pages)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn comment_pages_that_repeat_themselves_stop_at_the_first_repeat() {
    let (url, pages) = repeating_comments().await;
    let client = alice_with(&url, Flavor::Dc, options(Flavor::Dc));
    let issue = client
        .issue("A-1", &Default::default())
        .await
        .expect("issue");
    let first = issue.fields.comment.expect("a comment page");
    let all = within(
        Duration::from_secs(10),
        "the comments",
        client.all_comments("A-1", &first),
    )
    .await
    .expect("comments");
    assert_eq!(all.stop, Some(CommentStop::NoNewComments));
    let ids: Vec<&str> = all.comments.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["1", "2"], "each comment once");
    assert_eq!(all.missing(), 998);
    assert_eq!(pages.load(std::sync::atomic::Ordering::Relaxed), 2);
}

// --- 12. One damaged issue -----------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_damaged_issue_leaves_its_page_whole_and_is_marked() {
    for flavor in [Flavor::Cloud, Flavor::Dc] {
        let server = hostile(flavor, "bad-issue").await;
        let bad = server.site.data.key(BAD_ISSUE);
        let client = alice_with(&server.url(), flavor, options(flavor));
        let mut request = acme(10);
        request.fields = ["summary", "status", "priority", "labels"]
            .map(String::from)
            .to_vec();
        let full = client.search_page(&request, None).await.expect("full page");
        assert_eq!(full.issues.len(), 10, "{flavor:?}");
        for issue in &full.issues {
            if issue.key == bad {
                let problem = issue.problem.as_deref().expect("marked");
                assert_eq!(problem, "labels, priority and status could not be read");
                assert!(issue.fields.summary.is_some(), "the summary was read");
            } else {
                assert_eq!(issue.problem, None, "{}", issue.key);
                assert!(issue.fields.status.is_some(), "{}", issue.key);
            }
        }
        let lean = client
            .search_page_of::<ListIssue>(&request, None)
            .await
            .expect("lean page");
        assert_eq!(lean.issues.len(), 10);
        let marked: Vec<&ListIssue> = lean.issues.iter().filter(|i| i.problem.is_some()).collect();
        assert_eq!(marked.len(), 1);
        assert_eq!(marked[0].key, bad);
        assert!(!marked[0].fields.summary.is_empty());
        let single = client
            .issue(&bad, &Default::default())
            .await
            .expect("issue");
        assert!(single.problem.is_some(), "{flavor:?}");
        assert_eq!(single.key, bad);
    }
}
