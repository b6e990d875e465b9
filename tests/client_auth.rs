//! Every authentication method against the demo server in the right flavour: success, the
//! likely cause of each refusal, the CAPTCHA lock-out, and cookie sessions (custom cookie
//! name, expiry with one transparent re-login, logout).
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use jiratty::demo::model::Flavor;
use jiratty::jira::error::API_TOKEN_URL;
use jiratty::jira::{AuthMethod, CredentialProblem, Deployment, JiraError};
use std::time::Duration;
use support::*;

async fn login(
    flavor: Flavor,
    method: AuthMethod,
    user: &str,
    secret: &str,
) -> Result<jiratty::jira::Identity, JiraError> {
    let server = demo(flavor).await;
    client(&server.url(), method, user, secret).login().await
}

fn refused(
    result: Result<jiratty::jira::Identity, JiraError>,
) -> (CredentialProblem, bool, JiraError) {
    match result {
        Err(e @ JiraError::WrongCredentials { .. }) => {
            let JiraError::WrongCredentials { problem, cloud } = e.clone() else {
                unreachable!()
            };
            (problem, cloud, e)
        }
        other => panic!("expected WrongCredentials, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cloud_api_token_logs_in_with_account_id() {
    let id = login(
        Flavor::Cloud,
        AuthMethod::ApiToken,
        CLOUD_EMAIL,
        CLOUD_TOKEN,
    )
    .await
    .expect("login");
    assert_eq!(id.deployment, Deployment::Cloud);
    assert_eq!(id.user.display_name.as_deref(), Some("Alice Anderson"));
    assert_eq!(
        id.user.account_id.as_deref(),
        Some("5b10a2844c20165700ede21g")
    );
    assert_eq!(id.user.identity(), "5b10a2844c20165700ede21g");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dc_password_logs_in_with_username() {
    let id = login(Flavor::Dc, AuthMethod::Password, "alice", PASSWORD)
        .await
        .expect("login");
    assert_eq!(id.deployment, Deployment::Dc);
    assert_eq!(id.version, "9.12.2");
    assert_eq!(id.user.display_name.as_deref(), Some("Alice Anderson"));
    assert_eq!(id.user.name.as_deref(), Some("alice"));
    assert_eq!(id.user.identity(), "alice");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dc_personal_access_token_logs_in() {
    let id = login(Flavor::Dc, AuthMethod::Pat, "", PAT)
        .await
        .expect("login");
    assert_eq!(id.deployment, Deployment::Dc);
    assert_eq!(id.user.name.as_deref(), Some("alice"));
    assert_eq!(id.user.display_name.as_deref(), Some("Alice Anderson"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_cookies_log_in_on_both_flavours() {
    let id = login(
        Flavor::Cloud,
        AuthMethod::Cookie,
        "",
        "tenant.session.token=demo-session-alice",
    )
    .await;
    let id = id.expect("cloud cookie login");
    assert_eq!(id.deployment, Deployment::Cloud);
    assert_eq!(
        id.user.account_id.as_deref(),
        Some("5b10a2844c20165700ede21g")
    );
    let id = login(
        Flavor::Dc,
        AuthMethod::Cookie,
        "",
        "JSESSIONID=demo-session-alice",
    )
    .await;
    let id = id.expect("dc cookie login");
    assert_eq!(id.deployment, Deployment::Dc);
    assert_eq!(id.user.name.as_deref(), Some("alice"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn email_where_dc_wants_a_username() {
    let (problem, cloud, e) =
        refused(login(Flavor::Dc, AuthMethod::Password, CLOUD_EMAIL, PASSWORD).await);
    assert_eq!(problem, CredentialProblem::EmailWhereUsernameNeeded);
    assert!(!cloud);
    assert!(e.sentence().contains("username"), "{}", e.sentence());
    let (problem, ..) =
        refused(login(Flavor::Dc, AuthMethod::Session, CLOUD_EMAIL, PASSWORD).await);
    assert_eq!(problem, CredentialProblem::EmailWhereUsernameNeeded);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn username_where_cloud_wants_an_email() {
    let (problem, cloud, e) =
        refused(login(Flavor::Cloud, AuthMethod::ApiToken, "alice", CLOUD_TOKEN).await);
    assert_eq!(problem, CredentialProblem::UsernameWhereEmailNeeded);
    assert!(cloud);
    assert!(e.hint().expect("a hint").contains("e-mail"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn password_on_cloud_points_to_api_tokens() {
    for method in [AuthMethod::ApiToken, AuthMethod::Password] {
        let (problem, cloud, e) =
            refused(login(Flavor::Cloud, method, CLOUD_EMAIL, PASSWORD).await);
        assert_eq!(
            problem,
            CredentialProblem::PasswordWhereTokenNeeded,
            "{method}"
        );
        assert!(cloud);
        let hint = e.hint().expect("a hint");
        assert!(hint.contains(API_TOKEN_URL), "{hint}");
        assert!(!e.sentence().contains(PASSWORD) && !hint.contains(PASSWORD));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_dc_password_is_a_mismatch() {
    let (problem, cloud, e) = refused(
        login(
            Flavor::Dc,
            AuthMethod::Password,
            "alice",
            "not-the-password",
        )
        .await,
    );
    assert_eq!(problem, CredentialProblem::Mismatch);
    assert!(!cloud);
    assert!(!format!("{e} {:?} {}", e, e.hint().unwrap_or_default()).contains("not-the-password"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_pat_is_refused() {
    let (problem, _, e) = refused(login(Flavor::Dc, AuthMethod::Pat, "", "no-such-token").await);
    assert_eq!(problem, CredentialProblem::TokenRefused);
    assert!(e.hint().expect("a hint").contains("Personal Access Tokens"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_cookie_is_refused_on_both_flavours() {
    let cases = [
        (Flavor::Cloud, "tenant.session.token=stale-value"),
        (Flavor::Dc, "JSESSIONID=stale-value"),
    ];
    for (flavor, cookie) in cases {
        let (problem, ..) = refused(login(flavor, AuthMethod::Cookie, "", cookie).await);
        assert_eq!(problem, CredentialProblem::CookieRefused, "{flavor:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn session_method_on_cloud_is_unsupported() {
    let result = login(Flavor::Cloud, AuthMethod::Session, CLOUD_EMAIL, CLOUD_TOKEN).await;
    assert!(
        matches!(result, Err(JiraError::Unsupported(_))),
        "{result:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_failures_lock_the_account_behind_a_captcha() {
    let server = demo(Flavor::Dc).await;
    let proxy = recorder(&server.url()).await;
    let alice = server
        .site
        .data
        .users
        .iter()
        .position(|u| u.name == "alice")
        .expect("alice");
    for attempt in 1..=3 {
        let e = client(&proxy.url, AuthMethod::Password, "alice", "wrong")
            .login()
            .await
            .unwrap_err();
        assert!(
            matches!(e, JiraError::WrongCredentials { .. }),
            "attempt {attempt}: {e:?}"
        );
        // Exactly one authenticated request per failed login: the client never retries one.
        let sent = proxy
            .requests()
            .into_iter()
            .filter(|r| r.authorization)
            .count();
        assert_eq!(sent, attempt, "{:?}", proxy.requests());
        assert_eq!(server.site.captcha_locked(alice), attempt >= 3);
    }
    let e = client(&proxy.url, AuthMethod::Password, "alice", PASSWORD)
        .login()
        .await
        .unwrap_err();
    let expected = format!("{}/login.jsp", server.url());
    match &e {
        JiraError::Captcha { login_url } => {
            assert_eq!(login_url.as_deref(), Some(expected.as_str()))
        }
        other => panic!("expected Captcha, got {other:?}"),
    }
    assert!(e.hint().expect("a hint").contains(&expected));
    assert_eq!(
        proxy
            .requests()
            .into_iter()
            .filter(|r| r.authorization)
            .count(),
        4
    );

    let reset = reqwest::Client::new()
        .post(format!("{}/demo/reset-captcha", server.url()))
        .send()
        .await
        .expect("reset-captcha");
    assert!(reset.status().is_success());
    let id = client(&server.url(), AuthMethod::Password, "alice", PASSWORD)
        .login()
        .await
        .expect("login after reset");
    assert_eq!(id.user.name.as_deref(), Some("alice"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn session_login_uses_the_cookie_named_in_the_answer() {
    let server = demo_with(Flavor::Dc, |c| {
        c.cookie_name = "studio.crowd.tokenkey".into()
    })
    .await;
    let proxy = recorder(&server.url()).await;
    let c = client(&proxy.url, AuthMethod::Session, "alice", PASSWORD);
    let id = c.login().await.expect("session login");
    assert_eq!(id.user.name.as_deref(), Some("alice"));
    assert_eq!(proxy.matching("POST", "/rest/auth/1/session").len(), 1);
    let myself = proxy.matching("GET", "/myself");
    assert_eq!(myself.len(), 1);
    let cookie = myself[0].cookie.clone().expect("a cookie on myself");
    assert!(cookie.starts_with("studio.crowd.tokenkey="), "{cookie}");
    assert!(
        !myself[0].authorization,
        "a session call sends no Authorization header"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_session_logs_in_again_once() {
    let server = demo_with(Flavor::Dc, |c| {
        c.session_timeout = Duration::from_millis(750)
    })
    .await;
    let proxy = recorder(&server.url()).await;
    let c = client(&proxy.url, AuthMethod::Session, "alice", PASSWORD);
    c.login().await.expect("session login");
    tokio::time::sleep(Duration::from_millis(1600)).await;
    let user = c.myself().await.expect("myself after the session expired");
    assert_eq!(user.name.as_deref(), Some("alice"));
    assert_eq!(
        proxy.matching("POST", "/rest/auth/1/session").len(),
        2,
        "{:?}",
        proxy.requests()
    );
    let myself = proxy.matching("GET", "/myself");
    let statuses: Vec<u16> = myself.iter().map(|r| r.status).collect();
    assert_eq!(statuses, [200, 401, 200]);
    assert_ne!(
        myself[0].cookie, myself[2].cookie,
        "the new session has a new cookie"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logout_deletes_the_server_session() {
    let server = demo(Flavor::Dc).await;
    let proxy = recorder(&server.url()).await;
    let c = client(&proxy.url, AuthMethod::Session, "alice", PASSWORD);
    c.login().await.expect("session login");
    let cookie = proxy.matching("GET", "/myself")[0]
        .cookie
        .clone()
        .expect("session cookie");
    let mut headers = axum::http::HeaderMap::new();
    headers.insert("cookie", cookie.parse().expect("header value"));
    assert!(
        server.site.cookie_user(&headers).is_some(),
        "the session is live"
    );
    c.logout().await.expect("logout");
    let deletes = proxy.matching("DELETE", "/rest/auth/1/session");
    assert_eq!(deletes.len(), 1);
    assert_eq!(deletes[0].status, 204);
    assert!(
        server.site.cookie_user(&headers).is_none(),
        "the session is gone on the server"
    );
    // Logging out twice is harmless and sends nothing.
    c.logout().await.expect("second logout");
    assert_eq!(proxy.matching("DELETE", "/rest/auth/1/session").len(), 1);
}
