use super::*;

#[test]
fn alerts_name_the_refusal() {
    let chain =
        "error sending request: client error (Connect): received fatal alert: CertificateRequired";
    assert_eq!(
        ClientCertRefusal::from_error_chain(chain, false),
        Some(ClientCertRefusal::Required)
    );
    let unknown = "connection error: received fatal alert: UnknownCA";
    assert_eq!(
        ClientCertRefusal::from_error_chain(unknown, true),
        Some(ClientCertRefusal::UnknownCa)
    );
    assert_eq!(
        ClientCertRefusal::from_error_chain("received fatal alert: CertificateExpired", true),
        Some(ClientCertRefusal::Expired)
    );
    assert_eq!(
        ClientCertRefusal::from_error_chain("received fatal alert: BadCertificate", true),
        Some(ClientCertRefusal::Refused)
    );
    assert_eq!(
        ClientCertRefusal::from_error_chain("received fatal alert: HandshakeFailure", false),
        Some(ClientCertRefusal::HandshakeWithoutCertificate)
    );
    // Not about client certificates: the server's own certificate, or no alert at all.
    assert_eq!(
        ClientCertRefusal::from_error_chain("invalid peer certificate: UnknownIssuer", false),
        None
    );
    assert_eq!(
        ClientCertRefusal::from_error_chain("received fatal alert: ProtocolVersion", true),
        None
    );
}

#[test]
fn missing_files_get_one_sentence_with_a_hint() {
    let cert = ClientCertificate {
        cert: "/nonexistent/jiratty-client.pem".into(),
        key: "/nonexistent/jiratty-client.key".into(),
        passphrase: None,
    };
    let Err(e) = load_identity(&cert) else {
        panic!("a missing file loaded");
    };
    let sentence = e.sentence();
    assert!(
        sentence.starts_with(
            "Cannot use the client certificate /nonexistent/jiratty-client.pem: it cannot be read"
        ),
        "{sentence}"
    );
    assert!(e.hint().unwrap().contains("client_cert"));
}

#[test]
fn a_file_without_pem_is_not_a_certificate() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cert.pem");
    std::fs::write(&path, "hello\n").unwrap();
    let cert = ClientCertificate {
        cert: path.clone(),
        key: path,
        passphrase: None,
    };
    let Err(e) = load_identity(&cert) else {
        panic!("a text file loaded");
    };
    assert!(
        e.sentence().ends_with("it holds no PEM certificate."),
        "{}",
        e.sentence()
    );
    assert_eq!(e.class(), crate::jira::ErrorClass::Input);
}
