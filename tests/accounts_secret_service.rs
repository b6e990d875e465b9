//! The one test against a real Secret Service (GNOME Keyring). It runs only when
//! `JIRATTY_TEST_SECRET_SERVICE=1`: `.ci/run` sets it while running the tests inside a private
//! D-Bus session with an unlocked gnome-keyring-daemon. Elsewhere it passes without checking
//! anything, and says so.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod accounts_common;

use accounts_common::*;
use jiratty::demo::model::Flavor;
use jiratty::jira::Secret;
use jiratty::store::secrets::Keyring;

#[test]
fn real_secret_service_keeps_the_secret_between_runs() {
    if std::env::var("JIRATTY_TEST_SECRET_SERVICE").as_deref() != Ok("1") {
        eprintln!(
            "skipped: set JIRATTY_TEST_SECRET_SERVICE=1 inside a D-Bus session with a Secret Service"
        );
        return;
    }
    let unique = format!("jiratty-test-{}", std::process::id());

    // The store on its own: set, get, replace, delete.
    let keyring = Keyring::os();
    keyring
        .set(&unique, "alice", &Secret::new("first"))
        .expect("stored in the Secret Service");
    assert_eq!(
        keyring.get(&unique, "alice").expect("read back").expose(),
        "first"
    );
    keyring
        .set(&unique, "alice", &Secret::new("second"))
        .expect("replaced");
    assert_eq!(
        keyring.get(&unique, "alice").expect("read back").expose(),
        "second"
    );
    assert!(keyring.delete(&unique, "alice").expect("deleted"));
    assert!(!keyring.delete(&unique, "alice").expect("already gone"));

    // Through the binary: a piped secret is stored, later runs need no secret at all.
    let demo = Demo::start(Flavor::Cloud);
    let mut sandbox = Sandbox::new();
    sandbox.keep_dbus = true;
    let url = demo.url();
    let login = sandbox.run(
        &[
            "login",
            "--profile",
            &unique,
            "--site",
            &url,
            "--user",
            "alice@example.com",
            "--secret-stdin",
        ],
        &[],
        Some(&format!("{TOKEN}\n")),
    );
    assert_eq!(login.code, 0, "{login:?}");
    assert!(
        login.stderr.contains("stored in the OS keyring"),
        "{login:?}"
    );
    assert_eq!(
        keyring
            .get(&unique, "alice@example.com")
            .expect("in the keyring")
            .expose(),
        TOKEN
    );
    let search = sandbox.run(
        &[
            "search",
            "project = ACME",
            "--format",
            "json",
            "--limit",
            "2",
        ],
        &[],
        None,
    );
    assert_eq!(search.code, 0, "{search:?}");
    assert!(sandbox.files_containing(TOKEN).is_empty());

    let logout = sandbox.run(&["logout"], &[], None);
    assert_eq!(logout.code, 0, "{logout:?}");
    assert!(
        logout.stdout.contains("removed from the OS keyring"),
        "{logout:?}"
    );
    let search = sandbox.run(&["search", "project = ACME"], &[], None);
    assert_eq!(search.code, 3, "{search:?}");
    assert!(
        search.stderr.contains("no secret is stored in the keyring"),
        "{search:?}"
    );
}
