//! Tests of the secret store: keyring's mock credentials for the error paths, a small
//! in-memory credential store for round trips, and real `sh -c` secret commands.

use super::*;
use crate::store::memory::MemoryStore;
use keyring::credential::{Credential, CredentialBuilderApi};
use keyring::mock::MockCredential;

fn memory() -> (Keyring, MemoryStore) {
    let store = MemoryStore::new();
    (Keyring::in_memory(&store), store)
}

fn mock_entry() -> Entry {
    let credential = keyring::mock::default_credential_builder()
        .build(None, SERVICE, "work:alice")
        .expect("mock credential");
    Entry::new_with_credential(credential)
}

fn fail_next(entry: &Entry, error: keyring::Error) {
    let mock: &MockCredential = entry
        .get_credential()
        .downcast_ref()
        .expect("a mock credential");
    mock.set_error(error);
}

#[derive(Debug)]
struct Platform(&'static str);
impl std::fmt::Display for Platform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}
impl std::error::Error for Platform {}

#[test]
fn mock_round_trip_and_delete() {
    let entry = mock_entry();
    write_entry(&entry, "work", &Secret::new("tok3n")).expect("store");
    assert_eq!(read_entry(&entry, "work").expect("read").expose(), "tok3n");
    assert!(delete_entry(&entry, "work").expect("delete"));
    assert!(!delete_entry(&entry, "work").expect("delete again"));
    assert!(
        matches!(read_entry(&entry, "work"), Err(SecretError::NotFound { profile }) if profile == "work")
    );
}

#[test]
fn mock_no_storage_access_is_a_clear_error() {
    let entry = mock_entry();
    fail_next(
        &entry,
        keyring::Error::NoStorageAccess(Box::new(Platform("no access"))),
    );
    let error = write_entry(&entry, "work", &Secret::new("tok3n")).expect_err("must fail");
    assert!(matches!(error, SecretError::NoAccess { .. }), "{error:?}");
    assert!(error.to_string().contains("locked or refused access"));
    let hint = error.hint().expect("a hint");
    assert!(
        hint.contains("JIRATTY_SECRET") && hint.contains("secret_command"),
        "{hint}"
    );
    // The mock clears the error: the next call works and nothing was stored before.
    assert!(matches!(
        read_entry(&entry, "work"),
        Err(SecretError::NotFound { .. })
    ));
}

#[test]
fn mock_locked_keyring_is_a_clear_error() {
    // The Secret Service reports a locked collection as NoStorageAccess (secret_service::Error::Locked).
    let entry = mock_entry();
    fail_next(
        &entry,
        keyring::Error::NoStorageAccess(Box::new(Platform("SS error: object locked"))),
    );
    let error = read_entry(&entry, "work").expect_err("must fail");
    assert!(matches!(error, SecretError::NoAccess { .. }));
    assert!(error.hint().expect("hint").contains("unlock"));
}

#[test]
fn mock_platform_failure_means_no_keyring() {
    let entry = mock_entry();
    fail_next(
        &entry,
        keyring::Error::PlatformFailure(Box::new(Platform("D-Bus: no such address\nmore"))),
    );
    let error = delete_entry(&entry, "work").expect_err("must fail");
    assert!(
        matches!(&error, SecretError::Unavailable { detail } if detail == "D-Bus: no such address")
    );
    assert!(error.to_string().starts_with("no keyring is reachable"));
    assert!(error.hint().expect("hint").contains("never in a file"));
}

#[test]
fn mock_bad_encoding_and_other_errors() {
    let entry = mock_entry();
    fail_next(&entry, keyring::Error::BadEncoding(vec![0xff, 0xfe]));
    assert!(matches!(
        read_entry(&entry, "work"),
        Err(SecretError::BadEncoding { .. })
    ));
    fail_next(
        &entry,
        keyring::Error::Invalid("user".into(), "too odd".into()),
    );
    let error = read_entry(&entry, "work").expect_err("must fail");
    assert!(matches!(error, SecretError::Keyring { .. }));
}

#[test]
fn keyring_entries_are_per_profile_and_user() {
    let (keyring, map) = memory();
    keyring
        .set("work", "alice@example.com", &Secret::new("one"))
        .expect("store");
    keyring
        .set("customer", "alice", &Secret::new("two"))
        .expect("store");
    keyring
        .set("pat-only", "", &Secret::new("three"))
        .expect("store");
    assert_eq!(
        keyring
            .get("work", "alice@example.com")
            .expect("get")
            .expose(),
        "one"
    );
    assert_eq!(
        keyring.get("customer", "alice").expect("get").expose(),
        "two"
    );
    assert!(matches!(
        keyring.get("work", "bob"),
        Err(SecretError::NotFound { .. })
    ));
    let keys = map.accounts();
    assert!(keys.contains(&(SERVICE.to_string(), "work:alice@example.com".to_string())));
    assert!(keys.contains(&(SERVICE.to_string(), "pat-only".to_string())));
    keyring
        .set("work", "alice@example.com", &Secret::new("updated"))
        .expect("replace");
    assert_eq!(
        keyring
            .get("work", "alice@example.com")
            .expect("get")
            .expose(),
        "updated"
    );
    assert!(keyring.delete("work", "alice@example.com").expect("delete"));
    assert!(
        !keyring
            .delete("work", "alice@example.com")
            .expect("delete again")
    );
}

/// A store whose every call hangs, like a locked keyring waiting on an unseen prompt.
struct Hanging;
impl CredentialBuilderApi for Hanging {
    fn build(&self, _: Option<&str>, _: &str, _: &str) -> keyring::Result<Box<Credential>> {
        std::thread::sleep(Duration::from_secs(5));
        Err(keyring::Error::NoEntry)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

#[test]
fn a_keyring_that_never_answers_times_out() {
    let keyring = Keyring::with_builder(Box::new(Hanging)).with_timeout(Duration::from_millis(100));
    let error = keyring.get("work", "alice").expect_err("must time out");
    assert!(matches!(error, SecretError::Timeout { .. }), "{error:?}");
}

#[test]
fn lookup_order_is_environment_then_command_then_keyring() {
    let (keyring, _) = memory();
    keyring
        .set("work", "alice", &Secret::new("from-keyring"))
        .expect("store");
    let (s, src) = lookup(
        Some(Secret::new("from-env")),
        "work",
        "alice",
        Some("echo from-command"),
        &keyring,
    )
    .expect("env");
    assert_eq!((s.expose(), src), ("from-env", SecretSource::Environment));
    let (s, src) =
        lookup(None, "work", "alice", Some("echo from-command"), &keyring).expect("command");
    assert_eq!((s.expose(), src), ("from-command", SecretSource::Command));
    let (s, src) = lookup(None, "work", "alice", None, &keyring).expect("keyring");
    assert_eq!((s.expose(), src), ("from-keyring", SecretSource::Keyring));
    assert!(matches!(
        lookup(None, "other", "x", None, &keyring),
        Err(SecretError::NotFound { .. })
    ));
}

#[cfg(unix)]
#[test]
fn secret_command_output_is_trimmed_and_failures_are_clear() {
    let secret = run_secret_command("work", "printf '  s3cret \\n\\n'").expect("runs");
    assert_eq!(secret.expose(), "s3cret");
    let error = run_secret_command("work", "exit 7").expect_err("fails");
    assert_eq!(
        error.to_string(),
        "the secret_command of profile 'work' failed: it exited with status 7"
    );
    assert!(error.hint().is_some());
    let error = run_secret_command("work", "true").expect_err("prints nothing");
    assert!(error.to_string().ends_with("it printed nothing"));
}

#[test]
fn errors_never_show_the_secret() {
    let entry = mock_entry();
    fail_next(&entry, keyring::Error::BadEncoding(b"hunter2".to_vec()));
    let error = read_entry(&entry, "work").expect_err("fails");
    assert!(!format!("{error} {error:?}").contains("hunter2"));
}
