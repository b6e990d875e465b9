//! Rate limits the 2026 way, against the demo's `--faults`: the wait read from `Retry-After`,
//! `Beta-Retry-After` or `X-RateLimit-Reset`; the limiter named from `RateLimit-Reason` when
//! the limit does not clear; and `X-RateLimit-NearLimit: true` holding background work
//! (suggestions, autocomplete data, comment pages) back while the user's own requests go on.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use jiratty::demo::faults::FaultSpec;
use jiratty::demo::model::Flavor;
use jiratty::jira::{Client, ClientOptions, Deployment, JiraError, RetryPolicy, SearchRequest};
use jiratty::worker::{self, Request, RequestId, RequestKind, Response};
use std::time::{Duration, Instant};
use support::*;

async fn faulty(spec: &str) -> jiratty::demo::DemoServer {
    let faults = FaultSpec::parse(spec).expect("a valid fault spec");
    demo_with(Flavor::Cloud, |c| {
        c.faults = faults;
        c.seed = 7;
    })
    .await
}

/// `attempts` in all; waits capped at `max_delay`; the deployment known (no detection call).
fn options(attempts: u32, max_delay: Duration) -> ClientOptions {
    ClientOptions {
        deployment: Some(Deployment::Cloud),
        retry: RetryPolicy {
            max_attempts: attempts,
            base_delay: Duration::from_millis(1),
            max_delay,
        },
        ..ClientOptions::default()
    }
}

fn acme() -> SearchRequest {
    SearchRequest::new("project = ACME ORDER BY key ASC")
}

async fn rate_limited(client: &Client) -> (Option<Duration>, Option<String>, JiraError) {
    match client.search_page(&acme(), None).await {
        Err(e @ JiraError::RateLimited { .. }) => {
            let JiraError::RateLimited {
                retry_after,
                reason,
            } = e.clone()
            else {
                unreachable!()
            };
            (retry_after, reason, e)
        }
        other => panic!("expected RateLimited, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn beta_retry_after_is_the_wait_and_the_reason_is_named() {
    let server = faulty("429-beta=1,retry-after=1").await;
    let client = alice_with(
        &server.url(),
        Flavor::Cloud,
        options(2, Duration::from_secs(5)),
    );
    let started = Instant::now();
    let (wait, reason, error) = rate_limited(&client).await;
    // The one retry waited the second Beta-Retry-After asked for, not the 1 ms backoff.
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(wait, Some(Duration::from_secs(1)));
    assert_eq!(reason.as_deref(), Some("jira-burst-based"));
    assert_eq!(
        error.sentence(),
        "Jira is rate-limiting requests (jira-burst-based: too many requests in a short time)."
    );
    assert_eq!(error.hint().unwrap(), "Wait 1 second and try again.");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn x_ratelimit_reset_alone_gives_the_wait() {
    let server =
        faulty("429-reset=1,retry-after=120,rate-limit-reason=jira-quota-tenant-based").await;
    let client = alice_with(
        &server.url(),
        Flavor::Cloud,
        options(2, Duration::from_millis(20)),
    );
    let (wait, reason, error) = rate_limited(&client).await;
    let wait = wait.expect("a wait read from X-RateLimit-Reset");
    assert!(
        wait >= Duration::from_secs(118) && wait <= Duration::from_secs(181),
        "{wait:?}"
    );
    assert_eq!(reason.as_deref(), Some("jira-quota-tenant-based"));
    assert!(
        error.sentence().contains("hourly quota"),
        "{}",
        error.sentence()
    );
    assert!(
        error.hint().unwrap().contains("minutes"),
        "{:?}",
        error.hint()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_storm_of_newer_429s_clears_through_retries() {
    let server = faulty("429-beta=0.3,429-reset=0.3,retry-after=0").await;
    let expected = project_count(&server, "ACME");
    let client = alice_with(
        &server.url(),
        Flavor::Cloud,
        options(12, Duration::from_millis(20)),
    );
    let mut request = acme();
    request.page_size = 25;
    let issues = client
        .search_all(request, None)
        .await
        .expect("the storm clears");
    assert_eq!(issues.len(), expected);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn near_limit_holds_background_work_back_and_not_the_users_requests() {
    let pause = Duration::from_millis(600);
    let server = faulty("near-limit=1").await;
    let client = Client::new(
        &server.url(),
        Some(creds(
            jiratty::jira::AuthMethod::ApiToken,
            CLOUD_EMAIL,
            CLOUD_TOKEN,
        )),
        ClientOptions {
            near_limit_pause: pause,
            ..options(2, Duration::from_millis(20))
        },
    )
    .unwrap();
    assert!(!client.near_limit());
    let started = Instant::now();
    client.background_pause().await;
    assert!(
        started.elapsed() < Duration::from_millis(100),
        "no pause before any warning"
    );
    client.search_page(&acme(), None).await.unwrap();
    assert!(client.near_limit(), "the answer said near limit");

    // Through the worker: a suggestion request and a search sent together. The search (the
    // user's) is answered at once; the suggestions wait for the pause.
    let (handle, mut events) = worker::spawn(Some(client.clone()));
    let sent = Instant::now();
    handle
        .send(Request {
            id: RequestId(1),
            kind: RequestKind::Suggestions {
                field: "status".into(),
                prefix: "".into(),
            },
        })
        .unwrap();
    handle
        .send(Request {
            id: RequestId(2),
            kind: RequestKind::Search {
                request: acme(),
                cursor: None,
            },
        })
        .unwrap();
    let first = events.recv().await.unwrap();
    let first_at = sent.elapsed();
    assert_eq!(first.id, RequestId(2), "the user's search comes first");
    assert!(
        matches!(first.result, Ok(Response::Page(_))),
        "{:?}",
        first.result
    );
    let second = events.recv().await.unwrap();
    let second_at = sent.elapsed();
    assert_eq!(second.id, RequestId(1));
    assert!(
        matches!(second.result, Ok(Response::Suggestions { .. })),
        "{:?}",
        second.result
    );
    assert!(
        first_at < pause / 2,
        "the search was not held back: {first_at:?}"
    );
    assert!(
        second_at >= pause / 2,
        "the suggestions waited: {second_at:?}"
    );

    // A background refresh of the list and the reading ahead wait too, and the refresh does
    // not replace the user's search of the same kind.
    client.search_page(&acme(), None).await.unwrap();
    assert!(client.near_limit(), "warned again");
    let sent = Instant::now();
    for (id, kind) in [
        (
            3,
            RequestKind::Quiet(Box::new(RequestKind::Search {
                request: acme(),
                cursor: None,
            })),
        ),
        (
            4,
            RequestKind::Details {
                keys: vec!["ACME-1".into()],
            },
        ),
        (
            5,
            RequestKind::Search {
                request: acme(),
                cursor: None,
            },
        ),
    ] {
        handle
            .send(Request {
                id: RequestId(id),
                kind,
            })
            .unwrap();
    }
    let mut order = Vec::new();
    for _ in 0..3 {
        let event = events.recv().await.unwrap();
        assert!(event.result.is_ok(), "{:?}", event.result);
        order.push((event.id, sent.elapsed()));
    }
    assert_eq!(
        order[0].0,
        RequestId(5),
        "the user's search first: {order:?}"
    );
    assert!(order[0].1 < pause / 2, "{order:?}");
    assert!(
        order[1..].iter().all(|(_, at)| *at >= pause / 2),
        "the refresh and the reading ahead waited: {order:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_warning_background_work_runs_at_once() {
    let server = demo(Flavor::Cloud).await;
    let client = alice_with(
        &server.url(),
        Flavor::Cloud,
        options(2, Duration::from_millis(20)),
    );
    client.search_page(&acme(), None).await.unwrap();
    assert!(!client.near_limit());
    let started = Instant::now();
    client.background_pause().await;
    assert!(started.elapsed() < Duration::from_millis(50));
}
