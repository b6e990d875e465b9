//! Injected faults (429 storms, 503, truncated bodies, resets, SSO pages) end in a retry that
//! succeeds or in the right error. Retries use a 1 ms backoff and `retry-after=0`.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use jiratty::demo::faults::FaultSpec;
use jiratty::demo::model::Flavor;
use jiratty::jira::{ClientOptions, Deployment, JiraError, RetryPolicy, SearchRequest};
use std::time::Duration;
use support::*;

async fn faulty(flavor: Flavor, spec: &str) -> jiratty::demo::DemoServer {
    let faults = FaultSpec::parse(spec).expect("a valid fault spec");
    demo_with(flavor, |c| {
        c.faults = faults;
        c.seed = 7;
    })
    .await
}

/// Fast retries, `attempts` in all, and the deployment already known (so the only calls are
/// the ones under test).
fn options(flavor: Flavor, attempts: u32) -> ClientOptions {
    ClientOptions {
        deployment: Some(match flavor {
            Flavor::Cloud => Deployment::Cloud,
            Flavor::Dc => Deployment::Dc,
        }),
        retry: RetryPolicy {
            max_attempts: attempts,
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(20),
        },
        ..ClientOptions::default()
    }
}

fn acme(page_size: u32) -> SearchRequest {
    let mut request = SearchRequest::new("project = ACME ORDER BY key ASC");
    request.page_size = page_size;
    request
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_storm_clears_through_retries() {
    for flavor in [Flavor::Cloud, Flavor::Dc] {
        let server = faulty(flavor, "429=0.6,retry-after=0").await;
        let expected = project_count(&server, "ACME");
        let proxy = recorder(&server.url()).await;
        let client = alice_with(&proxy.url, flavor, options(flavor, 12));
        let issues = client
            .search_all(acme(20), None)
            .await
            .expect("the storm clears");
        assert_eq!(issues.len(), expected, "{flavor:?}");
        let limited = proxy.requests().iter().filter(|r| r.status == 429).count();
        assert!(limited > 0, "{flavor:?}: the storm happened");
        assert_eq!(
            proxy.requests().len(),
            limited + expected.div_ceil(20),
            "{flavor:?}: one success per page"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn constant_429_ends_rate_limited() {
    let server = faulty(Flavor::Cloud, "429=1,retry-after=0").await;
    let proxy = recorder(&server.url()).await;
    let client = alice_with(&proxy.url, Flavor::Cloud, options(Flavor::Cloud, 3));
    let e = client.search_all(acme(10), None).await.unwrap_err();
    assert!(
        matches!(e, JiraError::RateLimited { retry_after: Some(d), .. } if d.is_zero()),
        "{e:?}"
    );
    assert_eq!(proxy.requests().len(), 3, "bounded attempts");
    assert!(e.hint().expect("a hint").contains("Wait"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn constant_503_ends_in_a_server_error() {
    let server = faulty(Flavor::Dc, "503=1,retry-after=0").await;
    let proxy = recorder(&server.url()).await;
    let client = alice_with(&proxy.url, Flavor::Dc, options(Flavor::Dc, 4));
    let e = client.myself().await.unwrap_err();
    match &e {
        JiraError::Server { status, message } => {
            assert_eq!(*status, 503);
            assert!(message.contains("Service Unavailable"), "{message}");
        }
        other => panic!("expected Server, got {other:?}"),
    }
    assert_eq!(proxy.requests().len(), 4, "every attempt used");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn truncated_bodies_are_retried_then_unexpected() {
    let server = faulty(Flavor::Dc, "truncate=1").await;
    let client = alice_with(&server.url(), Flavor::Dc, options(Flavor::Dc, 3));
    let e = client.search_all(acme(10), None).await.unwrap_err();
    match &e {
        JiraError::Unexpected {
            endpoint,
            status,
            excerpt,
        } => {
            assert!(endpoint.contains("/rest/api/2/search"), "{endpoint}");
            assert_eq!(*status, 200);
            assert!(
                excerpt.chars().count() <= 200 && excerpt.starts_with('{'),
                "{excerpt}"
            );
            assert!(!excerpt.contains(PAT));
        }
        other => panic!("expected Unexpected, got {other:?}"),
    }

    let server = faulty(Flavor::Dc, "truncate=0.5").await;
    let expected = project_count(&server, "ACME");
    let client = alice_with(&server.url(), Flavor::Dc, options(Flavor::Dc, 12));
    let issues = client
        .search_all(acme(25), None)
        .await
        .expect("retries get whole bodies");
    assert_eq!(issues.len(), expected);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reset_connections_are_network_errors() {
    for flavor in [Flavor::Cloud, Flavor::Dc] {
        let server = faulty(flavor, "reset=1").await;
        let client = alice_with(&server.url(), flavor, options(flavor, 3));
        let e = client.myself().await.unwrap_err();
        match &e {
            JiraError::Network { host, .. } => assert_eq!(host, "127.0.0.1"),
            other => panic!("{flavor:?}: expected Network, got {other:?}"),
        }
        assert_eq!(e.class(), jiratty::jira::ErrorClass::Network);
    }
    let server = faulty(Flavor::Dc, "reset=0.4").await;
    let client = alice_with(&server.url(), Flavor::Dc, options(Flavor::Dc, 12));
    let issues = client
        .search_all(acme(50), None)
        .await
        .expect("retries get through");
    assert_eq!(issues.len(), project_count(&server, "ACME"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sso_page_is_recognised() {
    for flavor in [Flavor::Cloud, Flavor::Dc] {
        let server = faulty(flavor, "sso=1").await;
        // Detection meets the page first.
        let e = alice(&server.url(), flavor).login().await.unwrap_err();
        assert!(
            matches!(e, JiraError::SsoLoginPage { .. }),
            "{flavor:?}: {e:?}"
        );
        assert!(e.hint().expect("a hint").contains("cookie"));
        // A call on a known deployment too; an SSO page is not retried.
        let proxy = recorder(&server.url()).await;
        let client = alice_with(&proxy.url, flavor, options(flavor, 4));
        let e = client.search_all(acme(10), None).await.unwrap_err();
        assert!(
            matches!(&e, JiraError::SsoLoginPage { endpoint } if endpoint.contains("search")),
            "{e:?}"
        );
        assert_eq!(proxy.requests().len(), 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]

async fn login_clears_a_429_storm() {
    // serverInfo (deployment detection) is an idempotent GET too: a 429 on it must be retried
    // like any other, or a rate-limited site fails every login at the first step.
    let server = faulty(Flavor::Cloud, "429=0.6,retry-after=0").await;
    let proxy = recorder(&server.url()).await;
    let mut options = fast();
    options.retry.max_attempts = 12;
    for attempt in 0..5 {
        let client = alice_with(&proxy.url, Flavor::Cloud, options.clone());
        let id = client.login().await;
        assert!(
            id.is_ok(),
            "login {attempt}: {id:?}; requests: {:?}",
            proxy.requests()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]

async fn login_clears_a_503() {
    let server = faulty(Flavor::Dc, "503=0.5,retry-after=0").await;
    let mut options = fast();
    options.retry.max_attempts = 12;
    for attempt in 0..5 {
        let client = alice_with(&server.url(), Flavor::Dc, options.clone());
        let id = client.login().await;
        assert!(id.is_ok(), "login {attempt}: {id:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]

async fn truncated_server_info_is_not_called_not_jira() {
    let server = faulty(Flavor::Dc, "truncate=1").await;
    let e = alice(&server.url(), Flavor::Dc).login().await.unwrap_err();
    assert!(
        matches!(&e, JiraError::Unexpected { endpoint, .. } if endpoint.contains("serverInfo")),
        "{e:?}"
    );
    let server = faulty(Flavor::Dc, "truncate=0.5").await;
    let mut options = fast();
    options.retry.max_attempts = 12;
    for attempt in 0..5 {
        let id = alice_with(&server.url(), Flavor::Dc, options.clone())
            .login()
            .await;
        assert!(id.is_ok(), "login {attempt}: {id:?}");
    }
}
