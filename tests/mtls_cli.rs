//! Client certificates through the real binary: `jiratty login --client-cert --client-key`
//! against the demo server behind a TLS listener that requires one, then `jiratty --profile
//! NAME search` from the profile, the passphrase from JIRATTY_CLIENT_KEY_PASSPHRASE or the
//! profile's client_key_passphrase_command, the sentences for a missing passphrase and a
//! missing certificate, the `demo-server --tls-cert --tls-key --client-ca` process itself, and
//! no passphrase in any file jiratty wrote.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod accounts_common;
mod mtls_common;

use accounts_common::{Run, Sandbox, TOKEN};
use mtls_common::{PASSPHRASE, Pki, pki};
use std::io::BufRead;

/// The TLS demo on a runtime of its own (the binary runs on this thread).
struct MtlsDemo {
    url: String,
    _server: jiratty::demo::DemoServer,
    _runtime: tokio::runtime::Runtime,
}

fn start(pki: &Pki) -> MtlsDemo {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let server = runtime.block_on(mtls_common::mtls_demo(pki));
    MtlsDemo {
        url: server.url(),
        _server: server,
        _runtime: runtime,
    }
}

fn search(sandbox: &Sandbox, env: &[(&str, &str)]) -> Run {
    sandbox.run(
        &[
            "--profile",
            "corp",
            "search",
            "assignee = currentUser() ORDER BY key",
            "--format",
            "json",
            "--limit",
            "3",
        ],
        env,
        None,
    )
}

#[test]
fn login_with_an_encrypted_key_then_search_from_the_profile() {
    let pki = pki();
    let demo = start(&pki);
    let sandbox = Sandbox::new();
    let (cert, key, ca) = (
        pki.client_cert.to_str().unwrap(),
        pki.client_key_encrypted.to_str().unwrap(),
        pki.ca.to_str().unwrap(),
    );
    let login = sandbox.run(
        &[
            "login",
            "--profile",
            "corp",
            "--site",
            &demo.url,
            "--user",
            "alice@example.com",
            "--ca-cert",
            ca,
            "--client-cert",
            cert,
            "--client-key",
            key,
        ],
        &[
            ("JIRATTY_SECRET", TOKEN),
            ("JIRATTY_CLIENT_KEY_PASSPHRASE", PASSPHRASE),
        ],
        None,
    );
    assert_eq!(login.code, 0, "{login:?}");
    assert!(
        login.stdout.starts_with("Logged in to https://127.0.0.1:"),
        "{login:?}"
    );
    assert!(
        login
            .stderr
            .contains("The profile presents the client certificate"),
        "{login:?}"
    );
    let config = sandbox.config();
    let profile = config.profile("corp").unwrap();
    assert_eq!(
        profile.client_cert.as_deref(),
        Some(pki.client_cert.as_path())
    );
    assert_eq!(
        profile.client_key.as_deref(),
        Some(pki.client_key_encrypted.as_path())
    );

    // The passphrase for this run only.
    let found = search(
        &sandbox,
        &[
            ("JIRATTY_SECRET", TOKEN),
            ("JIRATTY_CLIENT_KEY_PASSPHRASE", PASSPHRASE),
        ],
    );
    assert_eq!(found.code, 0, "{found:?}");
    let rows: serde_json::Value = serde_json::from_str(&found.stdout).unwrap();
    assert_eq!(rows.as_array().map(Vec::len), Some(3), "{found:?}");

    // No keyring here and no command: the sentence says where a passphrase may come from.
    let locked = search(&sandbox, &[("JIRATTY_SECRET", TOKEN)]);
    assert_eq!(locked.code, 2, "{locked:?}");
    assert!(
        locked
            .stderr
            .contains("the key is encrypted and no passphrase was found."),
        "{locked:?}"
    );
    assert!(
        locked.stderr.contains("client_key_passphrase_command"),
        "{locked:?}"
    );

    // From a command (here reading a file outside jiratty's directories).
    let outside = tempfile::tempdir().unwrap();
    let pass_file = outside.path().join("passphrase");
    std::fs::write(&pass_file, format!("{PASSPHRASE}\n")).unwrap();
    let text = std::fs::read_to_string(sandbox.config_file()).unwrap();
    let text = text.replace(
        "[profiles.corp]\n",
        &format!(
            "[profiles.corp]\nclient_key_passphrase_command = \"cat '{}'\"\n",
            pass_file.display()
        ),
    );
    std::fs::write(sandbox.config_file(), text).unwrap();
    let found = search(&sandbox, &[("JIRATTY_SECRET", TOKEN)]);
    assert_eq!(found.code, 0, "{found:?}");

    for needle in [PASSPHRASE, TOKEN] {
        let files = sandbox.files_containing(needle);
        assert!(files.is_empty(), "a secret is in {files:?}");
    }
}

#[test]
fn a_profile_without_a_certificate_is_told_the_site_wants_one() {
    let pki = pki();
    let demo = start(&pki);
    let sandbox = Sandbox::new();
    let run = sandbox.run(
        &[
            "search",
            "--site",
            &demo.url,
            "--user",
            "alice@example.com",
            "--auth",
            "api-token",
            "--ca-cert",
            pki.ca.to_str().unwrap(),
            "project = DEMO",
        ],
        &[("JIRATTY_SECRET", TOKEN)],
        None,
    );
    assert_eq!(run.code, 3, "{run:?}");
    assert!(
        run.stderr
            .contains("127.0.0.1 asks for a client certificate and this profile has none."),
        "{run:?}"
    );
    assert!(run.stderr.contains("hint: Add the certificate"), "{run:?}");
}

#[test]
fn the_demo_server_process_requires_a_client_certificate() {
    let pki = pki();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_jiratty"))
        .args([
            "demo-server",
            "--tls-cert",
            pki.server_cert.to_str().unwrap(),
            "--tls-key",
            pki.server_key.to_str().unwrap(),
            "--client-ca",
            pki.ca.to_str().unwrap(),
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let url = first
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("first line: {first}"))
        .to_string();
    assert!(url.starts_with("https://127.0.0.1:"), "{url}");
    let sandbox = Sandbox::new();
    let env = [("JIRATTY_SECRET", TOKEN)];
    let common = [
        "--site",
        &url,
        "--user",
        "alice@example.com",
        "--auth",
        "api-token",
        "--ca-cert",
        pki.ca.to_str().unwrap(),
    ];
    let refused = sandbox.run(
        &[&common[..], &["search", "project = DEMO"]].concat(),
        &env,
        None,
    );
    let stranger = sandbox.run(
        &[
            &common[..],
            &[
                "login",
                "--profile",
                "stranger",
                "--client-cert",
                pki.stranger_cert.to_str().unwrap(),
                "--client-key",
                pki.stranger_key.to_str().unwrap(),
            ],
        ]
        .concat(),
        &env,
        None,
    );
    let accepted = sandbox.run(
        &[
            &common[..],
            &[
                "login",
                "--profile",
                "corp",
                "--client-cert",
                pki.client_cert.to_str().unwrap(),
                "--client-key",
                pki.client_key.to_str().unwrap(),
            ],
        ]
        .concat(),
        &env,
        None,
    );
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(refused.code, 3, "{refused:?}");
    assert!(
        refused.stderr.contains("asks for a client certificate"),
        "{refused:?}"
    );
    assert_eq!(stranger.code, 3, "{stranger:?}");
    assert!(
        stranger
            .stderr
            .contains("refused the client certificate: it was not issued by a CA the site trusts."),
        "{stranger:?}"
    );
    assert_eq!(accepted.code, 0, "{accepted:?}");
}
