//! The client against servers that misbehave on purpose (the demo's hostile `--faults`, and a
//! few tiny servers here): absurd `Retry-After` values, endless paging, endless comments,
//! answers that never come, gzip bombs, endless bodies and one damaged issue. Each ends in
//! bounded time and memory, without a panic, with what could be got or a clear error.

mod support;

use jiratty::demo::faults::FaultSpec;
use jiratty::demo::model::Flavor;
use jiratty::demo::quirks::{BAD_ISSUE, ENDLESS_TOTAL};
use jiratty::jira::comments::{COMMENT_CAP, MAX_COMMENT_PAGES};
use jiratty::jira::{
    BodyLimits, ClientOptions, CommentStop, Deployment, JiraError, ListIssue, PagingStop,
    RetryPolicy, SearchRequest,
};
use std::time::{Duration, Instant};
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

// --- 1. Retry-After ------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn absurd_retry_afters_never_panic_and_end_in_a_rate_limit_error() {
    for raw in [
        "1e20",
        "NaN",
        "-1",
        "inf",
        "-inf",
        "1e400",
        "soon",
        "0.25",
        "18446744073709551616",
    ] {
        let server = hostile(Flavor::Cloud, &format!("429=1,retry-after-raw={raw}")).await;
        let client = alice_with(&server.url(), Flavor::Cloud, options(Flavor::Cloud));
        let e = within(
            Duration::from_secs(10),
            raw,
            client.search_page(&acme(5), None),
        )
        .await
        .unwrap_err();
        assert!(matches!(e, JiraError::RateLimited { .. }), "{raw}: {e:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_huge_retry_after_ends_the_call_at_once_when_the_deadline_cannot_hold_it() {
    let server = hostile(Flavor::Dc, "503=1,retry-after-raw=1e20").await;
    let client = alice_with(
        &server.url(),
        Flavor::Dc,
        ClientOptions {
            deployment: Some(Deployment::Dc),
            deadline: Duration::from_secs(5),
            ..ClientOptions::default()
        },
    );
    let started = Instant::now();
    let e = client.search_page(&acme(5), None).await.unwrap_err();
    assert!(matches!(e, JiraError::Server { status: 503, .. }), "{e:?}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

/// A server that answers every request with 429 and the given `Retry-After`.
async fn limited(retry_after: &'static str) -> String {
    use axum::response::IntoResponse;
    let app = axum::Router::new().fallback(move || async move {
        (
            axum::http::StatusCode::TOO_MANY_REQUESTS,
            [
                ("retry-after", retry_after),
                ("content-type", "application/json"),
            ],
            r#"{"errorMessages":["Rate limit exceeded."],"errors":{}}"#,
        )
            .into_response()
    });
    serve(app).await.0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn http_date_retry_afters_are_read_and_capped() {
    for (date, expected) in [
        (
            "Fri, 31 Dec 9999 23:59:59 GMT",
            Some(Duration::from_secs(86_400)),
        ),
        ("Sun, 06 Nov 1994 08:49:37 GMT", Some(Duration::ZERO)),
        ("Mon, 99 Foo 2024 99:99:99 GMT", None),
    ] {
        let url = limited(date).await;
        let client = alice_with(&url, Flavor::Cloud, options(Flavor::Cloud));
        let e = within(Duration::from_secs(10), date, client.myself())
            .await
            .unwrap_err();
        match e {
            JiraError::RateLimited { retry_after } => assert_eq!(retry_after, expected, "{date}"),
            other => panic!("{date}: {other:?}"),
        }
    }
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

// --- 4. Deadline ---------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_never_answers_is_given_up_on_at_the_deadline() {
    let server = hostile(Flavor::Cloud, "hang=1").await;
    let client = alice_with(
        &server.url(),
        Flavor::Cloud,
        ClientOptions {
            deployment: Some(Deployment::Cloud),
            deadline: Duration::from_millis(800),
            ..ClientOptions::default()
        },
    );
    let started = Instant::now();
    let e = within(
        Duration::from_secs(5),
        "the search",
        client.search_page(&acme(5), None),
    )
    .await
    .unwrap_err();
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(750) && took < Duration::from_secs(2),
        "{took:?}"
    );
    match &e {
        JiraError::DeadlineExceeded { what, waited, .. } => {
            assert_eq!(what, "the search results");
            assert_eq!(*waited, Duration::from_millis(800));
        }
        other => panic!("{other:?}"),
    }
    assert!(
        e.sentence()
            .starts_with("Gave up waiting for the search results from 127.0.0.1"),
        "{}",
        e.sentence()
    );
    assert_eq!(e.class(), jiratty::jira::ErrorClass::Network);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retries_and_their_waits_fit_inside_the_deadline() {
    // Every answer is a 503 asking for a 1 s wait; ten attempts would take 9 s.
    let server = hostile(Flavor::Dc, "503=1,retry-after=1").await;
    let proxy = recorder(&server.url()).await;
    let client = alice_with(
        &proxy.url,
        Flavor::Dc,
        ClientOptions {
            deployment: Some(Deployment::Dc),
            deadline: Duration::from_millis(2500),
            retry: RetryPolicy {
                max_attempts: 10,
                ..RetryPolicy::default()
            },
            ..ClientOptions::default()
        },
    );
    let started = Instant::now();
    let e = client.search_page(&acme(5), None).await.unwrap_err();
    let took = started.elapsed();
    assert!(matches!(e, JiraError::Server { status: 503, .. }), "{e:?}");
    assert!(took < Duration::from_millis(2500), "{took:?}");
    assert_eq!(proxy.requests().len(), 3, "two waits of 1 s fit in 2.5 s");
}

// --- 5. Response size ----------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gzip_bomb_and_an_endless_body_stop_at_the_size_limit() {
    for spec in ["gzip-bomb=1", "endless-body=1"] {
        let server = hostile(Flavor::Cloud, spec).await;
        // The real limit of lists (16 MB), reached in a moment.
        let client = alice_with(&server.url(), Flavor::Cloud, options(Flavor::Cloud));
        let e = within(
            Duration::from_secs(20),
            spec,
            client.search_page(&acme(5), None),
        )
        .await
        .unwrap_err();
        match &e {
            JiraError::TooLarge { what, limit } => {
                assert_eq!(what, "the search results", "{spec}");
                assert_eq!(limit, "16 MB", "{spec}");
            }
            other => panic!("{spec}: {other:?}"),
        }
        assert!(e.sentence().contains("grew past 16 MB"), "{}", e.sentence());
        // An issue is held to its own limit (set small here).
        let client = alice_with(
            &server.url(),
            Flavor::Cloud,
            ClientOptions {
                body_limits: BodyLimits {
                    list: 1 << 20,
                    issue: 2 << 20,
                },
                ..options(Flavor::Cloud)
            },
        );
        let e = within(
            Duration::from_secs(20),
            spec,
            client.issue("ACME-1", &Default::default()),
        )
        .await
        .unwrap_err();
        assert!(
            matches!(&e, JiraError::TooLarge { what, limit } if what == "issue ACME-1" && limit == "2 MB"),
            "{spec}: {e:?}"
        );
    }
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
