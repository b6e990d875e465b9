//! Accounts through the real binary against in-process demo servers: `login`, `profiles`,
//! `logout`, commands that run from a saved profile with no flags, precedence, broken config
//! files, and a search of every file jiratty wrote for the secret.
//!
//! Each test runs jiratty with a cleared environment in its own temporary HOME, config, data
//! and runtime directories, with no D-Bus session: like a headless SSH login, no keyring is
//! reachable, so secrets come from JIRATTY_SECRET or a secret_command.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod accounts_common;

use accounts_common::*;
use jiratty::demo::model::Flavor;
use std::path::Path;

#[test]
fn login_then_search_from_the_profile_and_the_secret_is_in_no_file() {
    let demo = Demo::start(Flavor::Cloud);
    let sandbox = Sandbox::new();
    let url = demo.url();
    let login = sandbox.run(
        &["login", "--site", &url, "--user", "alice@example.com"],
        &[("JIRATTY_SECRET", TOKEN)],
        None,
    );
    assert_eq!(login.code, 0, "{login:?}");
    assert_eq!(
        login.stdout,
        format!("Logged in to {url} as Alice Anderson (Cloud)\n")
    );
    assert!(
        login
            .stderr
            .contains("came from JIRATTY_SECRET and was not stored"),
        "{login:?}"
    );

    let config = sandbox.config();
    let (name, profile) = config
        .default_entry()
        .expect("the first profile is the default");
    assert_eq!(profile.site, url);
    assert_eq!(profile.auth, Some(jiratty::jira::AuthMethod::ApiToken));
    assert_eq!(profile.deployment, Some(jiratty::jira::Deployment::Cloud));
    assert!(profile.version.is_some());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).expect("stat").permissions().mode() & 0o777;
        assert_eq!(mode(&sandbox.config_file()), 0o600);
        assert_eq!(mode(&sandbox.config_dir()), 0o700);
    }

    // No flags at all: site, method, user and deployment come from the profile.
    let search = sandbox.run(
        &[
            "search",
            "assignee = currentUser() ORDER BY key",
            "--format",
            "json",
            "--limit",
            "5",
        ],
        &[("JIRATTY_SECRET", TOKEN)],
        None,
    );
    assert_eq!(search.code, 0, "{search:?}");
    let rows: serde_json::Value = serde_json::from_str(&search.stdout).expect("JSON");
    assert_eq!(rows.as_array().map(Vec::len), Some(5), "{search:?}");

    let list = sandbox.run(&["profiles"], &[], None);
    assert_eq!(list.code, 0, "{list:?}");
    assert!(
        list.stdout
            .lines()
            .any(|l| l.starts_with('*') && l.contains(name)),
        "{list:?}"
    );

    // Typed (here: piped) secrets go to the keyring only; with none reachable, jiratty says
    // so plainly and still writes the secret nowhere.
    let headless = sandbox.run(
        &[
            "login",
            "--profile",
            "piped",
            "--site",
            &url,
            "--user",
            "alice@example.com",
            "--secret-stdin",
        ],
        &[],
        Some("demo-api-token\n"),
    );
    assert_eq!(headless.code, 0, "{headless:?}");
    assert!(
        headless
            .stderr
            .contains("could not be saved: no keyring is reachable"),
        "{headless:?}"
    );
    assert!(
        headless.stderr.contains("It was not written anywhere else"),
        "{headless:?}"
    );
    assert!(
        headless.stderr.contains("JIRATTY_SECRET") && headless.stderr.contains("secret_command")
    );

    for needle in [TOKEN.to_string(), basic("alice@example.com", TOKEN)] {
        let found = sandbox.files_containing(&needle);
        assert!(found.is_empty(), "the secret is in {found:?}");
    }
}

#[test]
fn data_center_session_login_and_issue_from_the_profile() {
    let demo = Demo::start(Flavor::Dc);
    let sandbox = Sandbox::new();
    let url = demo.url();
    let secret = [("JIRATTY_SECRET", PASSWORD)];
    let login = sandbox.run(
        &[
            "login", "--site", &url, "--auth", "session", "--user", "alice",
        ],
        &secret,
        None,
    );
    assert_eq!(login.code, 0, "{login:?}");
    assert_eq!(
        login.stdout,
        format!("Logged in to {url} as Alice Anderson (Data Center)\n")
    );
    let config = sandbox.config();
    let (_, profile) = config.default_entry().expect("default profile");
    assert_eq!(profile.auth, Some(jiratty::jira::AuthMethod::Session));
    assert_eq!(profile.user.as_deref(), Some("alice"));
    assert_eq!(profile.deployment, Some(jiratty::jira::Deployment::Dc));

    let search = sandbox.run(
        &["search", "ORDER BY key", "--format", "json", "--limit", "1"],
        &secret,
        None,
    );
    assert_eq!(search.code, 0, "{search:?}");
    let rows: serde_json::Value = serde_json::from_str(&search.stdout).expect("JSON");
    let key = rows[0]["key"].as_str().expect("a key").to_string();
    let issue = sandbox.run(&["issue", &key], &secret, None);
    assert_eq!(issue.code, 0, "{issue:?}");
    assert!(issue.stdout.contains(&key));

    // A method Data Center does not take is refused before anything is sent.
    let wrong = sandbox.run(
        &[
            "login",
            "--site",
            &url,
            "--auth",
            "api-token",
            "--user",
            "a@b.c",
        ],
        &secret,
        None,
    );
    assert_eq!(wrong.code, 2, "{wrong:?}");
    assert!(
        wrong
            .stderr
            .contains("use one of: password, pat, session, cookie"),
        "{wrong:?}"
    );

    // Logging out needs the keyring; without one the failure says so.
    let logout = sandbox.run(&["logout"], &[], None);
    assert_eq!(logout.code, 1, "{logout:?}");
    assert!(
        logout.stderr.contains("no keyring is reachable"),
        "{logout:?}"
    );
    assert!(sandbox.files_containing(PASSWORD).is_empty());
}

#[test]
fn a_failed_login_saves_nothing_and_shows_the_clients_sentence_and_hint() {
    let demo = Demo::start(Flavor::Cloud);
    let sandbox = Sandbox::new();
    let url = demo.url();
    let run = sandbox.run(
        &["login", "--site", &url, "--user", "alice@example.com"],
        &[("JIRATTY_SECRET", "not-the-token")],
        None,
    );
    assert_eq!(run.code, 3, "{run:?}");
    assert!(run.stdout.is_empty(), "{run:?}");
    assert!(
        run.stderr.contains("jiratty: ") && run.stderr.contains("\nhint: "),
        "{run:?}"
    );
    assert!(
        !sandbox.config_file().exists(),
        "a failed login wrote a config file"
    );
    // Nothing to ask with and no terminal: a clear failure, not a hang.
    let run = sandbox.run(
        &["login", "--site", &url, "--user", "alice@example.com"],
        &[],
        None,
    );
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("standard input is not a terminal"),
        "{run:?}"
    );
    assert!(run.stderr.contains("JIRATTY_SECRET"), "{run:?}");
    assert!(!sandbox.config_file().exists());
}

#[test]
fn a_broken_config_is_reported_with_line_and_column_and_left_alone() {
    let demo = Demo::start(Flavor::Cloud);
    let sandbox = Sandbox::new();
    std::fs::create_dir_all(sandbox.config_dir()).expect("mkdir");
    let text = "default_profile = \"work\"\n[profiles.work]\nsite = \"https://acme.atlassian.net\n";
    std::fs::write(sandbox.config_file(), text).expect("seed");
    let url = demo.url();
    for args in [
        vec![
            "login",
            "--site",
            url.as_str(),
            "--user",
            "alice@example.com",
        ],
        vec!["search", "order by key"],
        vec!["profiles"],
    ] {
        let run = sandbox.run(&args, &[("JIRATTY_SECRET", TOKEN)], None);
        assert_eq!(run.code, 2, "{args:?}: {run:?}");
        let file = sandbox.config_file().display().to_string();
        assert!(
            run.stderr.contains(&format!("{file}, line 3, column ")),
            "{run:?}"
        );
        assert!(run.stderr.contains("never overwrites"), "{run:?}");
        assert_eq!(
            std::fs::read(sandbox.config_file()).expect("read"),
            text.as_bytes()
        );
    }
}

#[test]
fn profiles_flag_and_environment_precedence_with_secret_commands() {
    let cloud = Demo::start(Flavor::Cloud);
    let dc = Demo::start(Flavor::Dc);
    let sandbox = Sandbox::new();
    let (cloud_url, dc_url) = (cloud.url(), dc.url());
    let run = sandbox.run(
        &[
            "login",
            "--profile",
            "cloud",
            "--site",
            &cloud_url,
            "--user",
            "alice@example.com",
        ],
        &[("JIRATTY_SECRET", TOKEN)],
        None,
    );
    assert_eq!(run.code, 0, "{run:?}");
    let run = sandbox.run(
        &[
            "login",
            "--profile",
            "dc",
            "--site",
            &dc_url,
            "--auth",
            "pat",
        ],
        &[("JIRATTY_SECRET", "demo-pat")],
        None,
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(sandbox.config().default_profile.as_deref(), Some("cloud"));

    // Give each profile a secret_command (kept in files outside jiratty's directories), and an
    // unknown key to be warned about.
    let secrets = tempfile::tempdir().expect("temp dir");
    let mut config = sandbox.config();
    for (name, secret) in [("cloud", TOKEN), ("dc", "demo-pat")] {
        let file = secrets.path().join(name);
        std::fs::write(&file, format!("{secret}\n")).expect("secret file");
        config
            .profiles
            .get_mut(name)
            .expect("profile")
            .secret_command = Some(format!("cat '{}'", file.display()));
    }
    config.save(&sandbox.config_file()).expect("save");
    let mut text = std::fs::read_to_string(sandbox.config_file()).expect("read");
    text.push_str("colour = \"red\"\n");
    std::fs::write(sandbox.config_file(), text).expect("write");

    let site_of = |run: &Run| -> String {
        let rows: serde_json::Value =
            serde_json::from_str(&run.stdout).unwrap_or_else(|_| panic!("{run:?}"));
        rows[0]["url"].as_str().expect("url").to_string()
    };
    let search = [
        "search",
        "project = ACME ORDER BY key",
        "--format",
        "json",
        "--limit",
        "1",
    ];
    let default = sandbox.run(&search, &[], None);
    assert_eq!(default.code, 0, "{default:?}");
    assert!(site_of(&default).starts_with(&cloud_url));
    assert!(
        default
            .stderr
            .contains("unknown key 'profiles.dc.colour' ignored"),
        "{default:?}"
    );
    let env = sandbox.run(&search, &[("JIRATTY_PROFILE", "dc")], None);
    assert!(site_of(&env).starts_with(&dc_url), "{env:?}");
    let flag: Vec<&str> = search
        .iter()
        .copied()
        .chain(["--profile", "cloud"])
        .collect();
    let flag = sandbox.run(&flag, &[("JIRATTY_PROFILE", "dc")], None);
    assert!(site_of(&flag).starts_with(&cloud_url), "{flag:?}");
    let unknown = sandbox.run(&search, &[("JIRATTY_PROFILE", "nope")], None);
    assert_eq!(unknown.code, 2, "{unknown:?}");
    assert!(
        unknown.stderr.contains("profiles: cloud, dc"),
        "{unknown:?}"
    );

    // --default moves the mark.
    let run = sandbox.run(&["login", "--profile", "dc", "--default"], &[], None);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stderr
            .contains("comes from the profile's secret_command"),
        "{run:?}"
    );
    let list = sandbox.run(&["profiles"], &[], None);
    let marked: Vec<&str> = list.stdout.lines().filter(|l| l.starts_with('*')).collect();
    assert_eq!(marked.len(), 1, "{list:?}");
    assert!(
        marked[0].contains(" dc ") && marked[0].contains(&dc_url),
        "{list:?}"
    );
    // The user's unknown key survived jiratty's write.
    assert!(
        std::fs::read_to_string(sandbox.config_file())
            .expect("read")
            .contains("colour = \"red\"")
    );
}
