//! Precedence of flags > environment > profile, with a fake environment and an in-memory
//! keyring.

use super::*;
use crate::jira::{Deployment, Secret};
use crate::store::memory::MemoryStore;
use std::collections::HashMap;

fn args() -> ConnectArgs {
    ConnectArgs {
        profile: None,
        site: None,
        auth: None,
        user: None,
        ca_cert: None,
        allow_insecure_http: false,
    }
}

fn config() -> Config {
    let mut config = Config {
        default_profile: Some("work".into()),
        ..Config::default()
    };
    config.profiles.insert(
        "work".into(),
        Profile {
            site: "https://acme.atlassian.net".into(),
            auth: Some(AuthMethod::ApiToken),
            user: Some("alice@example.com".into()),
            deployment: Some(Deployment::Cloud),
            ca_cert: Some("/etc/work.pem".into()),
            default_jql: Some("project = ACME".into()),
            ..Profile::default()
        },
    );
    config.profiles.insert(
        "customer".into(),
        Profile {
            site: "https://jira.customer.example".into(),
            auth: Some(AuthMethod::Pat),
            deployment: Some(Deployment::Dc),
            secret_command: Some("echo from-command".into()),
            ..Profile::default()
        },
    );
    config
}

fn keyring() -> Keyring {
    let store = MemoryStore::new();
    let keyring = Keyring::in_memory(&store);
    keyring
        .set("work", "alice@example.com", &Secret::new("work-token"))
        .expect("seed");
    keyring
}

fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |name: &str| map.get(name).cloned()
}

#[test]
fn the_default_profile_with_no_flags() {
    let r = args()
        .resolve_with(&env_of(&[]), &config(), &keyring())
        .expect("resolves");
    assert_eq!(r.site, "https://acme.atlassian.net");
    assert_eq!(r.credentials.method, AuthMethod::ApiToken);
    assert_eq!(r.credentials.user, "alice@example.com");
    assert_eq!(r.credentials.secret.expose(), "work-token");
    assert_eq!(r.secret_source, SecretSource::Keyring);
    assert_eq!(r.options.deployment, Some(Deployment::Cloud));
    assert_eq!(
        r.options.ca_cert.as_deref(),
        Some(std::path::Path::new("/etc/work.pem"))
    );
    assert_eq!(r.profile.as_deref(), Some("work"));
    assert_eq!(r.default_jql.as_deref(), Some("project = ACME"));
}

#[test]
fn flags_beat_environment_beat_profile() {
    let env = env_of(&[
        ("JIRATTY_USER", "env@example.com"),
        ("JIRATTY_SECRET", "env-secret"),
    ]);
    let r = args()
        .resolve_with(&env, &config(), &keyring())
        .expect("resolves");
    assert_eq!(r.credentials.user, "env@example.com");
    assert_eq!(r.credentials.secret.expose(), "env-secret");
    assert_eq!(r.secret_source, SecretSource::Environment);
    let mut a = args();
    a.user = Some("flag@example.com".into());
    a.ca_cert = Some("/tmp/flag.pem".into());
    let r = a
        .resolve_with(&env, &config(), &keyring())
        .expect("resolves");
    assert_eq!(r.credentials.user, "flag@example.com");
    assert_eq!(
        r.options.ca_cert.as_deref(),
        Some(std::path::Path::new("/tmp/flag.pem"))
    );
}

#[test]
fn auth_method_precedence() {
    let env = env_of(&[("JIRATTY_AUTH", "cookie"), ("JIRATTY_SECRET", "c=1")]);
    let r = args()
        .resolve_with(&env, &config(), &keyring())
        .expect("env beats profile");
    assert_eq!(r.credentials.method, AuthMethod::Cookie);
    let mut a = args();
    a.auth = Some(AuthMethod::ApiToken);
    let r = a
        .resolve_with(&env, &config(), &keyring())
        .expect("flag beats env");
    assert_eq!(r.credentials.method, AuthMethod::ApiToken);
    let bad = env_of(&[("JIRATTY_AUTH", "kerberos")]);
    let e = args()
        .resolve_with(&bad, &config(), &keyring())
        .expect_err("bad env");
    assert_eq!(e.code, crate::cli::exit::USAGE);
}

#[test]
fn profile_flag_beats_profile_env_beats_default() {
    let env = env_of(&[("JIRATTY_PROFILE", "customer")]);
    let r = args()
        .resolve_with(&env, &config(), &keyring())
        .expect("resolves");
    assert_eq!(r.profile.as_deref(), Some("customer"));
    assert_eq!(r.credentials.method, AuthMethod::Pat);
    assert_eq!(
        (r.credentials.secret.expose(), r.secret_source),
        ("from-command", SecretSource::Command)
    );
    assert_eq!(r.options.deployment, Some(Deployment::Dc));
    let mut a = args();
    a.profile = Some("work".into());
    let r = a
        .resolve_with(&env, &config(), &keyring())
        .expect("resolves");
    assert_eq!(r.profile.as_deref(), Some("work"));
}

#[test]
fn another_site_does_not_borrow_the_default_profile() {
    let mut a = args();
    a.site = Some("https://other.example".into());
    a.user = Some("bob".into());
    let e = a
        .resolve_with(&env_of(&[]), &config(), &keyring())
        .expect_err("no secret for that site");
    assert_eq!(e.code, crate::cli::exit::AUTH);
    assert!(e.notice.hint.expect("hint").contains("jiratty login"));
    let r = a
        .resolve_with(&env_of(&[("JIRATTY_SECRET", "pw")]), &config(), &keyring())
        .expect("resolves");
    assert_eq!(r.profile, None);
    assert_eq!(
        r.options.deployment, None,
        "the default profile's deployment is not this site's"
    );
    // The same site written differently still uses the profile.
    a.site = Some("acme.atlassian.net/".into());
    a.user = None;
    let r = a
        .resolve_with(&env_of(&[]), &config(), &keyring())
        .expect("resolves");
    assert_eq!(r.profile.as_deref(), Some("work"));
}

#[test]
fn an_unknown_profile_is_named_with_the_known_ones() {
    let mut a = args();
    a.profile = Some("nope".into());
    let e = a
        .resolve_with(&env_of(&[]), &config(), &keyring())
        .expect_err("unknown");
    assert_eq!(e.notice.sentence, "there is no profile named 'nope'");
    assert!(e.notice.hint.expect("hint").contains("customer, work"));
}

#[test]
fn a_missing_keyring_secret_says_to_log_in() {
    let store = MemoryStore::new();
    let e = args()
        .resolve_with(&env_of(&[]), &config(), &Keyring::in_memory(&store))
        .expect_err("nothing stored");
    assert_eq!(e.code, crate::cli::exit::AUTH);
    assert_eq!(
        e.notice.sentence,
        "no secret is stored in the keyring for profile 'work'"
    );
    assert!(
        e.notice
            .hint
            .expect("hint")
            .contains("jiratty login --profile work")
    );
}

#[test]
fn nothing_at_all_asks_for_a_login() {
    let e = args()
        .resolve_with(&env_of(&[]), &Config::default(), &keyring())
        .expect_err("no site");
    assert_eq!(e.code, crate::cli::exit::USAGE);
    assert!(e.notice.hint.expect("hint").contains("jiratty login"));
}

#[test]
fn the_deadline_comes_from_jiratty_timeout_then_the_profile() {
    let mut timed = config();
    if let Some(work) = timed.profiles.get_mut("work") {
        work.timeout = Some(60);
    }
    let options = |pairs: &[(&str, &str)]| {
        args()
            .plan_with(&env_of(pairs), &timed)
            .map(|plan| (plan.options.deadline, plan.options.request_timeout))
    };
    let sixty = Duration::from_secs(60);
    assert_eq!(options(&[]), Ok((sixty, sixty)));
    let quick = Duration::from_millis(1500);
    assert_eq!(options(&[("JIRATTY_TIMEOUT", "1.5")]), Ok((quick, quick)));
    let day = crate::jira::retry::MAX_DEADLINE;
    assert_eq!(options(&[("JIRATTY_TIMEOUT", "1e20")]), Ok((day, day)));
    for bad in ["0", "-1", "NaN", "inf", "soon"] {
        let e = options(&[("JIRATTY_TIMEOUT", bad)]).unwrap_err();
        assert_eq!(e.code, super::super::exit::USAGE, "{bad}");
        assert!(
            e.notice.sentence.starts_with("JIRATTY_TIMEOUT="),
            "{}",
            e.notice.sentence
        );
    }
    // Without either, the client's default.
    let plain = args().plan_with(&env_of(&[]), &config()).unwrap();
    assert_eq!(plain.options.deadline, ClientOptions::default().deadline);
}

#[test]
fn a_profile_client_certificate_gets_its_passphrase_from_the_keyring_or_the_environment() {
    let dir = tempfile::tempdir().expect("temp dir");
    let key = dir.path().join("me.key");
    // Only the label matters here: the key is read for real when the client is built.
    std::fs::write(
        &key,
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAA==\n-----END ENCRYPTED PRIVATE KEY-----\n",
    )
    .expect("write");
    let mut config = config();
    let work = config.profiles.get_mut("work").expect("work");
    work.client_cert = Some("~/certs/me.pem".into());
    work.client_key = Some(key.clone());
    let keyring = keyring();
    keyring
        .set(
            "work",
            super::super::client_cert::PASSPHRASE_USER,
            &Secret::new("from-keyring"),
        )
        .expect("seed");

    let plan = args().plan_with(&env_of(&[]), &config).expect("plans");
    let paths = plan.client_cert.clone().expect("the profile's certificate");
    let home = directories::BaseDirs::new()
        .expect("home")
        .home_dir()
        .to_path_buf();
    assert_eq!(paths.cert, home.join("certs/me.pem"));
    assert_eq!(paths.key, key);
    let r = plan.with_secret(&keyring).expect("resolves");
    let cert = r.options.client_cert.expect("a client certificate");
    assert_eq!(
        cert.passphrase.as_ref().map(Secret::expose),
        Some("from-keyring")
    );

    let r = args()
        .resolve_with(
            &env_of(&[("JIRATTY_CLIENT_KEY_PASSPHRASE", "from-env")]),
            &config,
            &keyring,
        )
        .expect("resolves");
    let cert = r.options.client_cert.expect("a client certificate");
    assert_eq!(
        cert.passphrase.as_ref().map(Secret::expose),
        Some("from-env")
    );

    // Without a certificate in the profile nothing is looked up.
    let r = args()
        .resolve_with(&env_of(&[]), &super::tests::config(), &keyring)
        .expect("resolves");
    assert!(r.options.client_cert.is_none());
}
