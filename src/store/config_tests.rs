//! Tests of config.toml: round trips, broken files, unknown keys, modes, edits that keep
//! the user's comments.

use super::*;
use crate::jira::{AuthMethod, Deployment};

fn sample() -> Config {
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
            version: Some("1001.0.0-SNAPSHOT".into()),
            default_jql: Some("assignee = currentUser() AND resolution = Unresolved".into()),
            ..Profile::default()
        },
    );
    config.profiles.insert(
        "customer".into(),
        Profile {
            site: "https://jira.customer.example/jira".into(),
            auth: Some(AuthMethod::Session),
            user: Some("alice".into()),
            deployment: Some(Deployment::Dc),
            version: Some("9.12.2".into()),
            ca_cert: Some("/etc/ssl/customer.pem".into()),
            secret_command: Some("pass show customer/jira".into()),
            allow_insecure_http: true,
            ..Profile::default()
        },
    );
    config
}

#[test]
fn round_trip() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("config.toml");
    let config = sample();
    config.save(&path).expect("save");
    let (loaded, warnings) = Config::load(&path).expect("load");
    assert_eq!(loaded, config);
    assert!(warnings.is_empty(), "{warnings:?}");
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.starts_with("# jiratty configuration"), "{text}");
    assert!(
        text.contains("[profiles.work]") && text.contains("auth = \"api-token\""),
        "{text}"
    );
    assert!(text.contains("deployment = \"dc\""), "{text}");
}

#[test]
fn a_missing_file_is_an_empty_config() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (config, warnings) = Config::load(&dir.path().join("config.toml")).expect("load");
    assert_eq!(config, Config::default());
    assert!(warnings.is_empty());
}

#[test]
fn broken_file_names_line_and_column_and_is_left_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("config.toml");
    let text = "default_profile = \"work\"\n\n[profiles.work]\nsite = \"https://acme.atlassian.net\"\nuser = alice\n";
    std::fs::write(&path, text).expect("seed");
    let error = Config::load(&path).expect_err("must fail");
    let message = error.to_string();
    assert!(
        matches!(
            error,
            ConfigError::Syntax {
                line: 5,
                column: 8,
                ..
            }
        ),
        "{message}"
    );
    assert!(
        message.contains(&path.display().to_string()) && message.contains("line 5, column 8"),
        "{message}"
    );
    assert!(error.hint().expect("hint").contains("never overwrites"));
    // Saving over it is refused, and the file stays byte for byte.
    let refused = sample().save(&path).expect_err("must refuse");
    assert!(matches!(refused, ConfigError::Syntax { .. }));
    assert_eq!(std::fs::read(&path).expect("read"), text.as_bytes());
}

#[test]
fn a_bad_value_points_at_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "[profiles.w]\nsite = \"x\"\nauth = \"kerberos\"\n").expect("seed");
    let error = Config::load(&path).expect_err("must fail");
    assert!(
        matches!(
            error,
            ConfigError::Syntax {
                line: 3,
                column: 8,
                ..
            }
        ),
        "{error}"
    );
    std::fs::write(&path, "[profiles.w]\nuser = \"alice\"\n").expect("seed");
    let error = Config::load(&path).expect_err("site is required");
    assert!(error.to_string().contains("site"), "{error}");
}

#[test]
fn unknown_keys_are_warnings_and_are_kept_on_save() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("config.toml");
    let text = "# my comment\ntheme = \"dark\"\n\n[profiles.work]\nsite = \"https://acme.atlassian.net\" # the office\ncolour = \"red\"\n";
    std::fs::write(&path, text).expect("seed");
    let (mut config, warnings) = Config::load(&path).expect("load");
    let messages: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages.iter().any(|m| m.contains("unknown key 'theme'")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("'profiles.work.colour'")),
        "{messages:?}"
    );
    config.default_profile = Some("work".into());
    config.profiles.get_mut("work").expect("work").user = Some("alice@example.com".into());
    config.save(&path).expect("save");
    let saved = std::fs::read_to_string(&path).expect("read");
    for kept in [
        "# my comment",
        "theme = \"dark\"",
        "colour = \"red\"",
        "# the office",
        "user = \"alice@example.com\"",
    ] {
        assert!(saved.contains(kept), "{kept} missing in:\n{saved}");
    }
}

#[test]
fn removed_profiles_and_cleared_keys_disappear() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("config.toml");
    let mut config = sample();
    config.save(&path).expect("save");
    config.profiles.remove("customer");
    config.profiles.get_mut("work").expect("work").default_jql = None;
    config.save(&path).expect("save again");
    let saved = std::fs::read_to_string(&path).expect("read");
    assert!(
        !saved.contains("customer") && !saved.contains("default_jql"),
        "{saved}"
    );
    assert_eq!(Config::load(&path).expect("load").0, config);
}

#[test]
fn a_default_profile_that_does_not_exist_is_a_warning() {
    let (config, warnings) =
        Config::parse("default_profile = \"gone\"\n", Path::new("c.toml")).expect("parse");
    assert!(config.default_entry().is_none());
    assert_eq!(warnings.len(), 1);
}

#[cfg(unix)]
#[test]
fn file_is_0600_and_new_directory_0700() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir
        .path()
        .join("nested")
        .join("jiratty")
        .join("config.toml");
    sample().save(&path).expect("save");
    let mode = |p: &Path| std::fs::metadata(p).expect("stat").permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(path.parent().expect("dir")), 0o700);
    // A file made readable by others is private again after a save.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    sample().save(&path).expect("save again");
    assert_eq!(mode(&path), 0o600);
}

#[test]
fn line_column_counts_characters() {
    assert_eq!(line_column("ab\ncdé f", 8), (2, 5));
    assert_eq!(line_column("", 10), (1, 1));
    assert_eq!(line_column("é", 1), (1, 1));
}

#[test]
fn profile_names_from_sites_and_lookup_by_site() {
    assert_eq!(
        profile_name_for_site("https://acme.atlassian.net/browse/X-1"),
        "acme"
    );
    assert_eq!(
        profile_name_for_site("jira.corp.example/jira/"),
        "jira-corp-example-jira"
    );
    assert_eq!(
        profile_name_for_site("http://127.0.0.1:8080"),
        "127-0-0-1-8080"
    );
    let config = sample();
    assert_eq!(config.find_by_site("acme.atlassian.net/"), Some("work"));
    assert_eq!(config.find_by_site("https://other.atlassian.net"), None);
}
