//! Server/DC cookie sessions over real HTTP (`/rest/auth/1/session`: login, use, logout,
//! renamed cookie, idle expiry, failed logins) and the CAPTCHA lock-out after three failures.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use common::*;
use jiratty::demo::DemoConfig;
use jiratty::demo::model::Flavor;
use reqwest::Method;
use serde_json::json;
use std::time::Duration;

const SESSION: &str = "/rest/auth/1/session";
const MYSELF: &str = "/rest/api/2/myself";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dc_session_login_use_and_logout() {
    let site = site(Flavor::Dc).await;
    let reply = session_login(&site, DC_USER, PASSWORD).await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    let body = reply.json();
    assert_eq!(body["session"]["name"], "JSESSIONID");
    let value = body["session"]["value"]
        .as_str()
        .expect("session value")
        .to_string();
    assert!(!value.is_empty());
    assert!(body["loginInfo"]["loginCount"].as_u64().is_some(), "{body}");
    assert!(
        body["loginInfo"]["failedLoginCount"].as_u64().is_some(),
        "{body}"
    );
    let set_cookie = reply.header("set-cookie");
    assert!(
        set_cookie.starts_with(&format!("JSESSIONID={value}")),
        "Set-Cookie: {set_cookie}"
    );

    let cookie = format!("JSESSIONID={value}");
    let me = send(site.anon(Method::GET, MYSELF).header("Cookie", &cookie)).await;
    assert_eq!(me.status, 200, "{}", me.text);
    assert_eq!(me.header("x-ausername"), "alice");
    let current = send(site.anon(Method::GET, SESSION).header("Cookie", &cookie)).await;
    assert_eq!(current.status, 200, "{}", current.text);
    let current = current.json();
    assert_eq!(current["name"], "alice");
    assert!(
        current["self"]
            .as_str()
            .is_some_and(|s| s.contains("username=alice")),
        "{current}"
    );
    assert!(current["loginInfo"].is_object(), "{current}");

    let logout = send(site.anon(Method::DELETE, SESSION).header("Cookie", &cookie)).await;
    assert_eq!(logout.status, 204, "{}", logout.text);
    let me = send(site.anon(Method::GET, MYSELF).header("Cookie", &cookie)).await;
    me.assert_jira_error(401);
    let current = send(site.anon(Method::GET, SESSION).header("Cookie", &cookie)).await;
    assert_eq!(current.status, 401, "{}", current.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dc_session_cookie_can_be_renamed() {
    let site = site_with(DemoConfig {
        flavor: Flavor::Dc,
        cookie_name: "crowd.token_key".into(),
        ..DemoConfig::default()
    })
    .await;
    let reply = session_login(&site, DC_USER, PASSWORD).await;
    let body = reply.json();
    assert_eq!(body["session"]["name"], "crowd.token_key", "{body}");
    let value = body["session"]["value"].as_str().expect("session value");
    assert!(
        reply.header("set-cookie").starts_with("crowd.token_key="),
        "{:?}",
        reply.headers
    );
    let renamed = format!("crowd.token_key={value}");
    let me = send(site.anon(Method::GET, MYSELF).header("Cookie", renamed)).await;
    assert_eq!(me.status, 200, "{}", me.text);
    let old_name = format!("JSESSIONID={value}");
    let me = send(site.anon(Method::GET, MYSELF).header("Cookie", old_name)).await;
    assert_eq!(
        me.status, 401,
        "the default cookie name must not work once renamed"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dc_session_expires_after_the_idle_timeout() {
    let site = site_with(DemoConfig {
        flavor: Flavor::Dc,
        session_timeout: Duration::from_millis(300),
        ..DemoConfig::default()
    })
    .await;
    let body = session_login(&site, DC_USER, PASSWORD).await.json();
    let cookie = format!(
        "JSESSIONID={}",
        body["session"]["value"].as_str().expect("value")
    );
    tokio::time::sleep(Duration::from_millis(900)).await;
    let me = send(site.anon(Method::GET, MYSELF).header("Cookie", &cookie)).await;
    me.assert_jira_error(401);
    assert_eq!(me.header("x-ausername"), "anonymous");
    let current = send(site.anon(Method::GET, SESSION).header("Cookie", &cookie)).await;
    assert_eq!(current.status, 401);
    // The pre-made browser sessions never expire.
    let premade = send(
        site.anon(Method::GET, MYSELF)
            .header("Cookie", "JSESSIONID=demo-session-alice"),
    )
    .await;
    assert_eq!(premade.status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dc_failed_session_login_answers_login_failed() {
    let site = site(Flavor::Dc).await;
    let reply = session_login(&site, DC_USER, "wrong").await;
    assert_eq!(reply.status, 401);
    assert_eq!(
        reply.json(),
        json!({"errorMessages": ["Login failed"], "errors": {}})
    );
    assert_eq!(reply.header("x-seraph-loginreason"), "AUTHENTICATED_FAILED");
    assert!(
        reply.header("set-cookie").is_empty(),
        "a failed login must not set a cookie"
    );
    let unknown = session_login(&site, "mallory", PASSWORD).await;
    assert_eq!(unknown.status, 401);
    assert_eq!(unknown.json()["errorMessages"], json!(["Login failed"]));
}

fn assert_captcha(reply: &Reply, site: &Site) {
    assert_eq!(
        reply.status, 403,
        "expected the CAPTCHA lock: {}",
        reply.text
    );
    assert_eq!(
        reply.header("x-seraph-loginreason"),
        "AUTHENTICATION_DENIED"
    );
    let reason = reply.header("x-authentication-denied-reason");
    let expected = format!("CAPTCHA_CHALLENGE; login-url={}", site.server.url());
    assert!(
        reason.starts_with(&expected),
        "X-Authentication-Denied-Reason: {reason:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dc_captcha_after_three_failed_basic_logins() {
    let site = site(Flavor::Dc).await;
    let basic = |password: &str| {
        site.anon(Method::GET, MYSELF)
            .basic_auth(DC_USER, Some(password))
    };
    for attempt in 1..=3 {
        let reply = send(basic("wrong")).await;
        assert_eq!(reply.status, 401, "failure {attempt}");
        assert_eq!(reply.header("x-seraph-loginreason"), "AUTHENTICATED_FAILED");
    }
    assert_captcha(&send(basic(PASSWORD)).await, &site);
    assert_captcha(&session_login(&site, DC_USER, PASSWORD).await, &site);
    // Only alice is locked.
    let bob = send(
        site.anon(Method::GET, MYSELF)
            .basic_auth("bob", Some(PASSWORD)),
    )
    .await;
    assert_eq!(bob.status, 200, "{}", bob.text);

    let reset = send(site.anon(Method::POST, "/demo/reset-captcha")).await;
    assert!(
        reset.status.is_success(),
        "reset-captcha: {} {}",
        reset.status,
        reset.text
    );
    let reply = send(basic(PASSWORD)).await;
    assert_eq!(reply.status, 200, "after reset: {}", reply.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dc_captcha_after_three_failed_session_logins() {
    let site = site(Flavor::Dc).await;
    for _ in 0..3 {
        assert_eq!(session_login(&site, DC_USER, "wrong").await.status, 401);
    }
    let locked = session_login(&site, DC_USER, PASSWORD).await;
    assert_captcha(&locked, &site);
    let basic = send(
        site.anon(Method::GET, MYSELF)
            .basic_auth(DC_USER, Some(PASSWORD)),
    )
    .await;
    assert_captcha(&basic, &site);
    send(site.anon(Method::POST, "/demo/reset-captcha")).await;
    let reply = session_login(&site, DC_USER, PASSWORD).await;
    assert_eq!(reply.status, 200, "after reset: {}", reply.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dc_success_resets_the_failure_count() {
    let site = site(Flavor::Dc).await;
    for _ in 0..2 {
        assert_eq!(session_login(&site, DC_USER, "wrong").await.status, 401);
    }
    let ok = session_login(&site, DC_USER, PASSWORD).await;
    assert_eq!(ok.status, 200);
    assert_eq!(ok.json()["loginInfo"]["failedLoginCount"], 0, "{}", ok.text);
    for _ in 0..2 {
        assert_eq!(session_login(&site, DC_USER, "wrong").await.status, 401);
    }
    assert_eq!(
        session_login(&site, DC_USER, PASSWORD).await.status,
        200,
        "two failures must not lock"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dc_session_resource_under_latest() {
    let site = site(Flavor::Dc).await;
    let body = json!({"username": DC_USER, "password": PASSWORD});
    let reply = send(
        site.anon(Method::POST, "/rest/auth/latest/session")
            .json(&body),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    let cookie = format!(
        "JSESSIONID={}",
        reply.json()["session"]["value"].as_str().unwrap_or("")
    );
    let current = send(
        site.anon(Method::GET, "/rest/auth/latest/session")
            .header("Cookie", &cookie),
    )
    .await;
    assert_eq!(current.status, 200, "{}", current.text);
    let logout = send(
        site.anon(Method::DELETE, "/rest/auth/latest/session")
            .header("Cookie", &cookie),
    )
    .await;
    assert_eq!(logout.status, 204, "{}", logout.text);
}
