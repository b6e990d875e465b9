//! Client certificates (mutual TLS) against the demo server behind a TLS listener that
//! requires one: accepted with a PEM certificate and key, with an encrypted key and its
//! passphrase; refused with the sentence a user can act on when the certificate is missing,
//! from another CA, expired, or its key is wrong, mismatched or locked.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod mtls_common;

use jiratty::jira::tls::{ClientCertProblem, ClientCertRefusal};
use jiratty::jira::{
    AuthMethod, Client, ClientCertificate, ClientOptions, Credentials, JiraError, Secret,
};
use mtls_common::{PASSPHRASE, Pki, mtls_demo, pki};
use std::path::Path;

fn options(pki: &Pki, cert: Option<ClientCertificate>) -> ClientOptions {
    ClientOptions {
        ca_cert: Some(pki.ca.clone()),
        client_cert: cert.map(Box::new),
        ..ClientOptions::default()
    }
}

fn certificate(cert: &Path, key: &Path, passphrase: Option<&str>) -> ClientCertificate {
    ClientCertificate {
        cert: cert.to_path_buf(),
        key: key.to_path_buf(),
        passphrase: passphrase.map(Secret::new),
    }
}

fn alice() -> Credentials {
    Credentials::new(
        AuthMethod::ApiToken,
        "alice@example.com",
        Secret::new("demo-api-token"),
    )
}

async fn login(url: &str, options: ClientOptions) -> Result<String, JiraError> {
    let client = Client::new(url, Some(alice()), options)?;
    let identity = client.login().await?;
    Ok(identity.user.label().to_string())
}

#[tokio::test]
async fn accepted_with_a_pem_certificate_and_key() {
    let pki = pki();
    let server = mtls_demo(&pki).await;
    assert!(server.url().starts_with("https://127.0.0.1:"));
    let cert = certificate(&pki.client_cert, &pki.client_key, None);
    let who = login(&server.url(), options(&pki, Some(cert)))
        .await
        .unwrap();
    assert_eq!(who, "Alice Anderson");
}

#[tokio::test]
async fn accepted_with_certificate_and_key_in_one_file() {
    let pki = pki();
    let server = mtls_demo(&pki).await;
    let both = pki.dir().join("both.pem");
    let text = std::fs::read_to_string(&pki.client_cert).unwrap()
        + &std::fs::read_to_string(&pki.client_key).unwrap();
    std::fs::write(&both, text).unwrap();
    let cert = certificate(&both, &both, None);
    assert!(
        login(&server.url(), options(&pki, Some(cert)))
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn accepted_with_an_encrypted_key_and_its_passphrase() {
    let pki = pki();
    let server = mtls_demo(&pki).await;
    let text = std::fs::read_to_string(&pki.client_key_encrypted).unwrap();
    assert!(text.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
    assert!(jiratty::jira::tls::key_is_encrypted(&pki.client_key_encrypted).unwrap());
    let cert = certificate(
        &pki.client_cert,
        &pki.client_key_encrypted,
        Some(PASSPHRASE),
    );
    let who = login(&server.url(), options(&pki, Some(cert)))
        .await
        .unwrap();
    assert_eq!(who, "Alice Anderson");
}

fn cert_problem(e: &JiraError) -> &ClientCertProblem {
    match e {
        JiraError::ClientCert { problem, .. } => problem,
        other => panic!("expected a client certificate problem, got {other:?}"),
    }
}

#[test]
fn a_wrong_or_missing_passphrase_is_named() {
    let pki = pki();
    let site = "https://127.0.0.1:9";
    let wrong = certificate(&pki.client_cert, &pki.client_key_encrypted, Some("not-it"));
    let e = Client::new(site, Some(alice()), options(&pki, Some(wrong))).unwrap_err();
    assert_eq!(cert_problem(&e), &ClientCertProblem::WrongPassphrase);
    assert_eq!(
        e.sentence(),
        format!(
            "Cannot use the client certificate key {}: the passphrase does not decrypt the key.",
            pki.client_key_encrypted.display()
        )
    );
    assert!(e.hint().unwrap().contains("jiratty login"));
    // The passphrase is never part of what the user reads.
    assert!(!format!("{e:?}{}", e.hint().unwrap()).contains("not-it"));

    let none = certificate(&pki.client_cert, &pki.client_key_encrypted, None);
    let e = Client::new(site, Some(alice()), options(&pki, Some(none))).unwrap_err();
    assert_eq!(cert_problem(&e), &ClientCertProblem::PassphraseNeeded);
    assert!(
        e.sentence()
            .ends_with("the key is encrypted and no passphrase was found.")
    );
    assert!(e.hint().unwrap().contains("JIRATTY_CLIENT_KEY_PASSPHRASE"));
}

#[test]
fn a_key_of_another_certificate_or_a_file_that_is_no_key_is_named() {
    let pki = pki();
    let site = "https://127.0.0.1:9";
    let mismatched = certificate(&pki.client_cert, &pki.stranger_key, None);
    let e = Client::new(site, Some(alice()), options(&pki, Some(mismatched))).unwrap_err();
    assert_eq!(cert_problem(&e), &ClientCertProblem::Mismatch);
    assert!(
        e.sentence()
            .ends_with("the key does not belong to the certificate.")
    );

    // A certificate where the key should be, and a key where the certificate should be.
    let swapped = certificate(&pki.client_cert, &pki.client_cert, None);
    let e = Client::new(site, Some(alice()), options(&pki, Some(swapped))).unwrap_err();
    assert_eq!(cert_problem(&e), &ClientCertProblem::NoKey);
    let swapped = certificate(&pki.client_key, &pki.client_key, None);
    let e = Client::new(site, Some(alice()), options(&pki, Some(swapped))).unwrap_err();
    assert_eq!(cert_problem(&e), &ClientCertProblem::NoCertificate);

    let missing = certificate(&pki.dir().join("nope.pem"), &pki.client_key, None);
    let e = Client::new(site, Some(alice()), options(&pki, Some(missing))).unwrap_err();
    assert!(matches!(cert_problem(&e), ClientCertProblem::Unreadable(_)));
    assert!(
        e.sentence().contains("nope.pem: it cannot be read"),
        "{}",
        e.sentence()
    );
}

fn refusal(e: &JiraError) -> ClientCertRefusal {
    match e {
        JiraError::ClientCertRefused { refusal, .. } => *refusal,
        other => panic!("expected a refused client certificate, got {other:?}: {other}"),
    }
}

#[tokio::test]
async fn no_certificate_gets_the_sentence_that_one_is_required() {
    let pki = pki();
    let server = mtls_demo(&pki).await;
    let e = login(&server.url(), options(&pki, None)).await.unwrap_err();
    assert_eq!(refusal(&e), ClientCertRefusal::Required);
    assert_eq!(
        e.sentence(),
        "127.0.0.1 asks for a client certificate and this profile has none."
    );
    assert!(e.hint().unwrap().contains("--client-cert"));
    assert_eq!(e.class(), jiratty::jira::ErrorClass::Auth);
}

#[tokio::test]
async fn a_certificate_from_another_ca_is_refused() {
    let pki = pki();
    let server = mtls_demo(&pki).await;
    let cert = certificate(&pki.stranger_cert, &pki.stranger_key, None);
    let e = login(&server.url(), options(&pki, Some(cert)))
        .await
        .unwrap_err();
    assert_eq!(refusal(&e), ClientCertRefusal::UnknownCa);
    assert_eq!(
        e.sentence(),
        "127.0.0.1 refused the client certificate: it was not issued by a CA the site trusts."
    );
}

#[tokio::test]
async fn an_expired_certificate_is_refused() {
    let pki = pki();
    let server = mtls_demo(&pki).await;
    let cert = certificate(&pki.expired_cert, &pki.expired_key, None);
    let e = login(&server.url(), options(&pki, Some(cert)))
        .await
        .unwrap_err();
    assert_eq!(refusal(&e), ClientCertRefusal::Expired);
    assert!(e.hint().unwrap().contains("new client certificate"));
}

#[tokio::test]
async fn a_site_without_client_auth_still_takes_a_certificate() {
    let pki = pki();
    let mut tls = pki.demo_tls();
    tls.client_ca = None;
    let server = jiratty::demo::tls::start_tls(Default::default(), &tls)
        .await
        .unwrap();
    let cert = certificate(&pki.client_cert, &pki.client_key, None);
    assert!(
        login(&server.url(), options(&pki, Some(cert)))
            .await
            .is_ok()
    );
    assert!(login(&server.url(), options(&pki, None)).await.is_ok());
}

/// nginx with `ssl_verify_client on` completes the handshake and answers 400 with a page.
#[tokio::test]
async fn an_nginx_page_about_the_certificate_gets_the_same_sentences() {
    let no_cert = "<html>\r\n<head><title>400 No required SSL certificate was sent</title></head>\r\n<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n<center>No required SSL certificate was sent</center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    let bad_cert = "<html>\r\n<head><title>400 The SSL certificate error</title></head>\r\n<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n<center>The SSL certificate error</center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    for (body, expected) in [
        (no_cert, ClientCertRefusal::Required),
        (bad_cert, ClientCertRefusal::Refused),
    ] {
        let url = canned(400, "text/html", body).await;
        let e = login(&url, ClientOptions::default()).await.unwrap_err();
        assert_eq!(refusal(&e), expected, "{e}");
    }
}

async fn canned(status: u16, content_type: &'static str, body: &'static str) -> String {
    use axum::http::{StatusCode, header};
    let status = StatusCode::from_u16(status).unwrap();
    let app = axum::Router::new()
        .fallback(move || async move { (status, [(header::CONTENT_TYPE, content_type)], body) });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    format!("http://{addr}")
}
