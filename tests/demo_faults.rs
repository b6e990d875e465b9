//! Fault injection: rate limits with each flavour's headers, 503, 500, truncated bodies, reset
//! connections, SSO login pages, reproducibility with a seed, and latency.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use common::*;
use jiratty::demo::DemoConfig;
use jiratty::demo::faults::FaultSpec;
use jiratty::demo::model::Flavor;
use reqwest::Method;
use std::time::{Duration, Instant};

async fn faulty(flavor: Flavor, spec: &str, seed: u64) -> Site {
    site_with(DemoConfig {
        flavor,
        seed,
        faults: FaultSpec::parse(spec).expect("valid fault spec"),
        ..DemoConfig::default()
    })
    .await
}

/// Paths that a fault must hit: public, authenticated, and unknown resources.
const REST_PATHS: [&str; 4] = [
    "/rest/api/2/serverInfo",
    "/rest/api/2/myself",
    "/rest/api/2/field",
    "/rest/api/2/issue/ACME-1",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limit_with_the_flavours_headers() {
    for flavor in FLAVORS {
        let site = faulty(flavor, "429=1", 1).await;
        for path in REST_PATHS {
            let reply = site.get(path).await;
            reply.assert_jira_error(429);
            let retry: u64 = reply
                .header("retry-after")
                .parse()
                .expect("Retry-After in seconds");
            assert!(retry >= 1, "{flavor:?} Retry-After {retry}");
            match flavor {
                Flavor::Cloud => {
                    let reset = reply.header("x-ratelimit-reset");
                    // ISO 8601 as Cloud sends it: yyyy-MM-ddTHH:mmZ.
                    assert!(
                        reset.len() >= 17 && reset.ends_with('Z') && reset.contains('T'),
                        "{reset:?}"
                    );
                    assert!(
                        !reply.header("ratelimit-reason").is_empty(),
                        "{:?}",
                        reply.headers
                    );
                }
                Flavor::Dc => {
                    let interval = reply.header("x-ratelimit-interval-seconds");
                    assert!(interval.parse::<u64>().is_ok(), "{:?}", reply.headers);
                    assert!(!reply.header("x-ratelimit-fillrate").is_empty());
                }
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retry_after_is_configurable() {
    let site = faulty(Flavor::Cloud, "503=1,retry-after=7", 1).await;
    let reply = site.get("/rest/api/3/myself").await;
    reply.assert_jira_error(503);
    assert_eq!(reply.header("retry-after"), "7");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_errors() {
    for flavor in FLAVORS {
        let unavailable = faulty(flavor, "503=1", 1).await;
        let internal = faulty(flavor, "500=1", 1).await;
        for path in REST_PATHS {
            let reply = unavailable.get(path).await;
            reply.assert_jira_error(503);
            assert!(
                !reply.header("retry-after").is_empty(),
                "503 carries Retry-After"
            );
            internal.get(path).await.assert_jira_error(500);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn truncated_bodies_do_not_parse() {
    for flavor in FLAVORS {
        let site = faulty(flavor, "truncate=1", 1).await;
        for path in REST_PATHS {
            let reply = site.get(path).await;
            assert_eq!(reply.status, 200, "{flavor:?} {path}");
            assert!(
                !reply.text.is_empty(),
                "{path}: a truncated body still has some bytes"
            );
            let parsed = serde_json::from_str::<serde_json::Value>(&reply.text);
            assert!(
                parsed.is_err(),
                "{flavor:?} {path}: truncated body parsed: {}",
                reply.text
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reset_connections_fail_the_request() {
    for flavor in FLAVORS {
        let site = faulty(flavor, "reset=1", 1).await;
        for path in REST_PATHS {
            let outcome = match site.alice(Method::GET, path).send().await {
                Err(e) => Err(e),
                Ok(response) => response.bytes().await.map(|_| ()),
            };
            assert!(
                outcome.is_err(),
                "{flavor:?} {path}: a reset connection looked fine"
            );
        }
        // The demo controls still work: they are never faulted.
        let reset = send(site.anon(Method::POST, "/demo/reset-captcha")).await;
        assert!(reset.status.is_success(), "{}", reset.status);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sso_proxy_login_page() {
    for flavor in FLAVORS {
        let site = faulty(flavor, "sso=1", 1).await;
        for path in REST_PATHS {
            let reply = site.get(path).await;
            assert_eq!(reply.status, 200);
            assert!(
                reply.header("content-type").starts_with("text/html"),
                "{:?}",
                reply.headers
            );
            assert!(
                reply.text.to_lowercase().contains("<html"),
                "{}",
                reply.text
            );
        }
    }
}

async fn statuses(site: &Site) -> Vec<u16> {
    let mut out = Vec::new();
    for _ in 0..40 {
        out.push(site.get("/rest/api/2/myself").await.status.as_u16());
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faults_are_reproducible_with_a_seed() {
    for flavor in FLAVORS {
        let spec = "429=0.3,503=0.3";
        let first = statuses(&faulty(flavor, spec, 1234).await).await;
        let again = statuses(&faulty(flavor, spec, 1234).await).await;
        assert_eq!(first, again, "{flavor:?}: same seed, same sequence");
        for code in [200, 429, 503] {
            assert!(
                first.contains(&code),
                "{flavor:?}: 40 draws never gave {code}: {first:?}"
            );
        }
        let other = statuses(&faulty(flavor, spec, 4321).await).await;
        assert_ne!(first, other, "{flavor:?}: another seed, another sequence");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_paths_are_never_faulted() {
    for spec in ["429=1", "503=1", "500=1", "truncate=1", "reset=1", "sso=1"] {
        let site = faulty(Flavor::Dc, spec, 1).await;
        for _ in 0..3 {
            let reply = send(site.anon(Method::POST, "/demo/reset-captcha")).await;
            assert_eq!(reply.status, 204, "{spec}: {}", reply.text);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn latency_delays_but_answers() {
    for flavor in FLAVORS {
        let site = site_with(DemoConfig {
            flavor,
            latency: Duration::from_millis(50),
            ..DemoConfig::default()
        })
        .await;
        let started = Instant::now();
        let me = site.get_ok("/rest/api/2/myself").await;
        assert!(
            started.elapsed() >= Duration::from_millis(50),
            "no latency added"
        );
        assert_eq!(me["displayName"], "Alice Anderson");
    }
}

#[test]
fn fault_specs_are_validated() {
    assert!(
        FaultSpec::parse("429=0.1,503=0.05,truncate=0.02,reset=0.01,sso=0.01,500=0.01").is_ok()
    );
    for bad in ["429", "429=2", "teapot=0.1", "429=0.7,503=0.7"] {
        assert!(FaultSpec::parse(bad).is_err(), "{bad} accepted");
    }
}
