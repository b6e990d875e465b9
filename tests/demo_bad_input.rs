//! Bad input gets Jira's error shape, never a panic: malformed JSON, wrong content types,
//! oversize bodies, unknown paths, bad numbers, wrong methods, broken credentials. After each
//! batch the server must still answer.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use common::*;
use jiratty::demo::model::Flavor;
use reqwest::Method;

/// JSON-taking POST resources of each flavour.
fn post_paths(flavor: Flavor) -> &'static [&'static str] {
    match flavor {
        Flavor::Cloud => &[
            "/rest/api/2/filter",
            "/rest/api/3/search/jql",
            "/rest/api/3/search/approximate-count",
        ],
        Flavor::Dc => &[
            "/rest/api/2/filter",
            "/rest/api/2/search",
            "/rest/auth/1/session",
        ],
    }
}

fn post_raw(
    site: &Site,
    path: &str,
    content_type: &str,
    body: impl Into<reqwest::Body>,
) -> reqwest::RequestBuilder {
    site.alice(Method::POST, path)
        .header("Content-Type", content_type)
        .body(body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_json_is_a_400() {
    for flavor in FLAVORS {
        let site = site(flavor).await;
        for path in post_paths(flavor) {
            for body in ["{\"jql\":", "{jql: 'x'}", "", "\u{1}", "[1,2"] {
                let reply = send(post_raw(&site, path, "application/json", body)).await;
                let messages = reply.assert_jira_error(400);
                assert!(
                    !messages.is_empty(),
                    "{flavor:?} {path} {body:?}: no message"
                );
            }
        }
        site.assert_alive().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_of_the_wrong_shape_is_a_400() {
    for flavor in FLAVORS {
        let site = site(flavor).await;
        let search = match flavor {
            Flavor::Cloud => "/rest/api/3/search/jql",
            Flavor::Dc => "/rest/api/2/search",
        };
        for body in [
            "[]",
            "42",
            "\"jql\"",
            "{\"jql\":\"project = ACME\",\"maxResults\":\"ten\"}",
        ] {
            let reply = send(post_raw(&site, search, "application/json", body)).await;
            reply.assert_jira_error(400);
        }
        site.assert_alive().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn simple_content_types_fail_the_xsrf_check() {
    for flavor in FLAVORS {
        let site = site(flavor).await;
        for path in post_paths(flavor) {
            for content_type in [
                "application/x-www-form-urlencoded",
                "text/plain",
                "text/plain; charset=utf-8",
                "multipart/form-data; boundary=x",
            ] {
                let reply = send(post_raw(
                    &site,
                    path,
                    content_type,
                    "{\"jql\":\"project = ACME\"}",
                ))
                .await;
                assert_eq!(
                    reply.status, 403,
                    "{flavor:?} {path} {content_type}: {}",
                    reply.text
                );
                assert!(reply.text.contains("XSRF check failed"), "{}", reply.text);
            }
        }
        site.assert_alive().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn other_content_types_are_unsupported() {
    for flavor in FLAVORS {
        let site = site(flavor).await;
        for path in post_paths(flavor) {
            for content_type in ["application/xml", "image/png", "application/octet-stream"] {
                let reply = send(post_raw(&site, path, content_type, "<jql/>")).await;
                reply.assert_jira_error(415);
            }
        }
        site.assert_alive().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversize_bodies_are_a_413() {
    for flavor in FLAVORS {
        let site = site(flavor).await;
        let big = format!(
            "{{\"name\":\"big\",\"jql\":\"project = ACME\",\"description\":\"{}\"}}",
            "x".repeat(1_100_000)
        );
        for path in post_paths(flavor) {
            let request = post_raw(&site, path, "application/json", big.clone());
            match request.send().await {
                Ok(response) => {
                    let status = response.status();
                    let text = response.text().await.unwrap_or_default();
                    let reply = Reply {
                        status,
                        headers: Default::default(),
                        text,
                    };
                    reply.assert_jira_error(413);
                }
                // The server may answer before reading the whole body and close the
                // connection; a client that is still writing then sees a broken pipe.
                Err(e) => panic!("{flavor:?} {path}: no 413 answer, {e}"),
            }
        }
        site.assert_alive().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_paths_are_a_jira_404() {
    for flavor in FLAVORS {
        let site = site(flavor).await;
        for path in [
            "/rest/api/2/nothing-here",
            "/nothing",
            "/rest/api/9/serverInfo",
            "/rest/api/2/issue/ACME-1/nothing",
            "/rest/agile/1.0/board/1/nothing",
        ] {
            site.get(path).await.assert_jira_error(404);
            send(site.anon(Method::GET, path))
                .await
                .assert_jira_error(404);
        }
        site.assert_alive().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_numbers_are_a_400() {
    for flavor in FLAVORS {
        let site = site(flavor).await;
        let key = site.key(0);
        let search = match flavor {
            Flavor::Cloud => "/rest/api/3/search/jql?jql=project%3DACME",
            Flavor::Dc => "/rest/api/2/search?jql=project%3DACME",
        };
        let paths = [
            format!("{search}&maxResults=abc"),
            format!("{search}&maxResults=-1"),
            format!("{search}&startAt=1.5"),
            format!("/rest/api/2/issue/{key}/comment?maxResults=abc"),
            format!("/rest/api/2/issue/{key}/comment?startAt=-3"),
            "/rest/api/2/project/search?maxResults=lots".to_string(),
        ];
        for path in &paths {
            let messages = site.get(path).await.assert_jira_error(400);
            assert!(!messages.is_empty(), "{flavor:?} {path}");
        }
        site.assert_alive().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_methods_are_a_jira_405() {
    for flavor in FLAVORS {
        let site = site(flavor).await;
        let key = site.key(0);
        let cases = [
            (Method::DELETE, "/rest/api/2/serverInfo".to_string()),
            (Method::POST, "/rest/api/2/myself".to_string()),
            (Method::PATCH, format!("/rest/api/2/issue/{key}")),
            (Method::PUT, "/rest/api/2/filter/favourite".to_string()),
        ];
        for (method, path) in cases {
            let reply = send(site.alice(method.clone(), &path)).await;
            reply.assert_jira_error(405);
        }
        site.assert_alive().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn broken_credentials_are_refused_not_crashed_on() {
    for flavor in FLAVORS {
        let site = site(flavor).await;
        let headers = [
            "Basic",
            "Basic !!!not-base64!!!",
            "Basic dXNlcm5hbWVvbmx5",
            "Bearer",
            "Negotiate abc",
            "Basic //79/A==",
        ];
        for value in headers {
            let reply = send(
                site.anon(Method::GET, "/rest/api/2/myself")
                    .header("Authorization", value),
            )
            .await;
            assert_eq!(
                reply.status, 401,
                "{flavor:?} Authorization: {value}: {}",
                reply.text
            );
        }
        let cookie = send(
            site.anon(Method::GET, "/rest/api/2/myself")
                .header("Cookie", ";;=;JSESSIONID;=x"),
        )
        .await;
        assert_eq!(cookie.status, 401);
        site.assert_alive().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn session_login_without_credentials_is_a_400() {
    let site = site(Flavor::Dc).await;
    for body in [
        "{}",
        "{\"username\":\"alice\"}",
        "{\"username\":1,\"password\":2}",
    ] {
        let reply = send(post_raw(
            &site,
            "/rest/auth/1/session",
            "application/json",
            body,
        ))
        .await;
        reply.assert_jira_error(400);
    }
    site.assert_alive().await;
}
