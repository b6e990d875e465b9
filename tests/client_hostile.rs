//! The client against servers that misbehave on purpose (the demo's hostile `--faults`, and a
//! tiny server here): absurd `Retry-After` values, answers that never come, gzip bombs and
//! endless bodies. Each ends in bounded time and memory, without a panic, with a clear error.
//! Endless paging, endless comments and damaged issues are in `client_endless.rs`.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use jiratty::demo::faults::FaultSpec;
use jiratty::demo::model::Flavor;
use jiratty::jira::{BodyLimits, ClientOptions, Deployment, JiraError, RetryPolicy, SearchRequest};
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
            JiraError::RateLimited { retry_after, .. } => {
                assert_eq!(retry_after, expected, "{date}")
            }
            other => panic!("{date}: {other:?}"),
        }
    }
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
