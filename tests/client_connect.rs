//! Connecting: the plain-http refusal, TLS with a self-signed certificate (trusted only with
//! `ca_cert`), addresses that are not Jira, closed ports, and an API the site removed (410).
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use jiratty::demo::model::Flavor;
use jiratty::jira::{
    AuthMethod, Client, ClientOptions, Deployment, ErrorClass, JiraError, SearchRequest,
};
use support::*;

#[test]
fn credentials_never_go_over_plain_http_to_a_remote_host() {
    let remote = "http://jira.example.com";
    let e = Client::new(
        remote,
        Some(creds(AuthMethod::Password, "alice", PASSWORD)),
        ClientOptions::default(),
    )
    .unwrap_err();
    match &e {
        JiraError::InsecureHttp { host } => assert_eq!(host, "jira.example.com"),
        other => panic!("expected InsecureHttp, got {other:?}"),
    }
    let sentence = e.sentence();
    assert!(
        sentence.contains("plain http://") && sentence.contains("credentials"),
        "{sentence}"
    );
    assert!(sentence.contains("jira.example.com"), "{sentence}");
    assert!(e.hint().expect("a hint").contains("--allow-insecure-http"));
    assert_eq!(e.class(), ErrorClass::Input);

    let allowed = ClientOptions {
        allow_insecure_http: true,
        ..ClientOptions::default()
    };
    let with_flag = Client::new(
        remote,
        Some(creds(AuthMethod::Password, "alice", PASSWORD)),
        allowed,
    );
    assert!(with_flag.is_ok(), "--allow-insecure-http lets it build");
    for loopback in [
        "http://127.0.0.1:8080",
        "http://localhost:8080",
        "http://[::1]:8080",
    ] {
        let c = Client::new(
            loopback,
            Some(creds(AuthMethod::Pat, "", PAT)),
            ClientOptions::default(),
        );
        assert!(c.is_ok(), "{loopback} is this machine");
    }
    assert!(
        Client::new(remote, None, ClientOptions::default()).is_ok(),
        "no credentials, nothing to leak"
    );
    assert!(
        Client::new(
            "https://jira.example.com",
            Some(creds(AuthMethod::Pat, "", PAT)),
            ClientOptions::default()
        )
        .is_ok()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn self_signed_tls_needs_ca_cert() {
    let server = demo(Flavor::Dc).await;
    let front = tls_front(server.addr).await;

    let e = alice(&front.url, Flavor::Dc).login().await.unwrap_err();
    match &e {
        JiraError::Tls { detail } => assert!(!detail.is_empty()),
        other => panic!("expected Tls without --ca-cert, got {other:?}"),
    }
    assert!(e.hint().expect("a hint").contains("--ca-cert"));
    assert_eq!(e.class(), ErrorClass::Network);

    let trusted = ClientOptions {
        ca_cert: Some(front.ca_pem.clone()),
        ..fast()
    };
    let id = alice_with(&front.url, Flavor::Dc, trusted)
        .login()
        .await
        .expect("login with --ca-cert");
    assert_eq!(id.deployment, Deployment::Dc);
    assert_eq!(id.user.name.as_deref(), Some("alice"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unusable_ca_cert_files_are_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("missing.pem");
    let not_pem = dir.path().join("not.pem");
    std::fs::write(&not_pem, "hello").expect("write");
    for path in [missing, not_pem] {
        let options = ClientOptions {
            ca_cert: Some(path.clone()),
            ..ClientOptions::default()
        };
        let e = Client::new("https://jira.example.com", None, options).unwrap_err();
        assert!(
            matches!(&e, JiraError::CaCert { path: p, .. } if p.contains(".pem")),
            "{path:?}: {e:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_404_site_is_not_jira() {
    let url = canned(404, "text/html", "<html><body>Nothing here</body></html>").await;
    let e = alice(&url, Flavor::Cloud).login().await.unwrap_err();
    match &e {
        JiraError::NotJira { url: u, .. } => assert_eq!(u, &url),
        other => panic!("expected NotJira, got {other:?}"),
    }
    assert!(e.hint().expect("a hint").contains("site address"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_web_page_is_not_jira() {
    let url = canned(
        200,
        "text/html",
        "<!DOCTYPE html><html><body>Welcome to our intranet</body></html>",
    )
    .await;
    let e = alice(&url, Flavor::Cloud).login().await.unwrap_err();
    assert!(matches!(e, JiraError::NotJira { .. }), "{e:?}");
    let url = canned(200, "application/json", "[1, 2, 3]").await;
    let e = alice(&url, Flavor::Cloud).login().await.unwrap_err();
    assert!(matches!(e, JiraError::NotJira { .. }), "{e:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_login_page_at_the_site_is_sso() {
    let page = "<!DOCTYPE html><html><body><form><input name=password>Sign in</form></body></html>";
    let url = canned(200, "text/html;charset=UTF-8", page).await;
    let e = alice(&url, Flavor::Dc).login().await.unwrap_err();
    assert!(matches!(e, JiraError::SsoLoginPage { .. }), "{e:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_closed_port_is_a_network_error() {
    let url = format!("http://127.0.0.1:{}", closed_port());
    let e = alice(&url, Flavor::Dc).login().await.unwrap_err();
    match &e {
        JiraError::Network { host, detail } => {
            assert_eq!(host, "127.0.0.1");
            assert!(detail.contains("refused"), "{detail}");
        }
        other => panic!("expected Network, got {other:?}"),
    }
    assert_eq!(e.class(), ErrorClass::Network);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_removed_api_is_reported_as_gone() {
    let server = demo(Flavor::Cloud).await;
    // Cloud answers the old search with 410...
    let raw = reqwest::Client::new()
        .get(format!(
            "{}/rest/api/2/search?jql=project%3DACME",
            server.url()
        ))
        .basic_auth(CLOUD_EMAIL, Some(CLOUD_TOKEN))
        .send()
        .await
        .expect("raw request");
    assert_eq!(raw.status().as_u16(), 410);
    // ...which the client maps to Removed when made to use it (told the site is DC)...
    let options = ClientOptions {
        deployment: Some(Deployment::Dc),
        ..fast()
    };
    let wrong = Client::new(
        &server.url(),
        Some(creds(AuthMethod::ApiToken, CLOUD_EMAIL, CLOUD_TOKEN)),
        options,
    )
    .expect("client");
    let e = wrong
        .search_all(SearchRequest::new("project = ACME"), Some(5))
        .await
        .unwrap_err();
    match &e {
        JiraError::Removed { message } => {
            assert!(message.contains("/rest/api/3/search/jql"), "{message}")
        }
        other => panic!("expected Removed, got {other:?}"),
    }
    assert_eq!(e.class(), ErrorClass::Server);
    // ...while the detected client uses the new endpoint and is not affected.
    let right = alice(&server.url(), Flavor::Cloud);
    assert_eq!(
        right
            .search_all(SearchRequest::new("project = ACME"), Some(5))
            .await
            .expect("search")
            .len(),
        5
    );
}
