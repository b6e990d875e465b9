//! `jiratty filter ...` through the real binary against an in-process demo server: save, list,
//! rename, run (which reorders the list), export, import with a conflict, rm, favourites (and
//! copying one), publish; a broken file left byte-identical; the profile a command works on.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use jiratty::demo::model::Flavor;
use jiratty::store::FilterStore;
use serde_json::Value;
use std::path::Path;
use support::*;

/// Alice's Cloud environment with `config` as the config dir.
fn env_in(url: &str, config: &Path) -> Vec<(String, String)> {
    let mut env = alice_env(url, Flavor::Cloud);
    env.push((
        "JIRATTY_CONFIG_DIR".into(),
        config.to_string_lossy().into_owned(),
    ));
    env
}

async fn ok(args: &[&str], env: &[(String, String)]) -> Run {
    let run = jiratty(args, env).await;
    assert_eq!(run.code, 0, "{args:?}: {run:?}");
    run
}

fn names_in_list(run: &Run) -> Vec<String> {
    run.stdout
        .lines()
        .skip(1)
        .map(|l| {
            let cells: Vec<&str> = l.split("  ").filter(|c| !c.is_empty()).collect();
            cells[1].trim().to_string()
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn round_trip() {
    let server = demo(Flavor::Cloud).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("config");
    let env = env_in(&server.url(), &config);

    let empty = ok(&["filter", "list"], &env).await;
    assert!(empty.stderr.contains("No saved filters"), "{empty:?}");
    ok(
        &["filter", "save", "Acme", "project = ACME ORDER BY key ASC"],
        &env,
    )
    .await;
    ok(
        &[
            "filter",
            "save",
            "Ops",
            "project = OPS ORDER BY key ASC",
            "--description",
            "the ops board",
        ],
        &env,
    )
    .await;
    let dup = jiratty(&["filter", "save", "ACME", "x = 1"], &env).await;
    assert_eq!(dup.code, 2, "{dup:?}");
    assert!(dup.stderr.contains("already exists") && dup.stderr.contains("--force"));

    ok(&["filter", "rename", "acme", "Acme all"], &env).await;
    let list = ok(&["filter", "list"], &env).await;
    assert_eq!(names_in_list(&list), ["Acme all", "Ops"], "{list:?}");

    // Run prints what `search` prints, and moves the filter to the top.
    let run = ok(
        &["filter", "run", "OPS", "--format", "json", "--limit", "0"],
        &env,
    )
    .await;
    let rows: Value = serde_json::from_str(&run.stdout).expect("JSON");
    let rows = rows.as_array().expect("an array");
    assert_eq!(rows.len(), project_count(&server, "OPS"));
    assert!(
        rows.iter()
            .all(|r| r["key"].as_str().is_some_and(|k| k.starts_with("OPS-")))
    );
    let csv = ok(
        &["filter", "run", "ops", "--format", "csv", "--limit", "2"],
        &env,
    )
    .await;
    assert_eq!(csv.stdout.lines().count(), 3, "{csv:?}");
    let list = ok(&["filter", "list"], &env).await;
    assert_eq!(names_in_list(&list), ["Ops", "Acme all"], "{list:?}");
    let missing = jiratty(&["filter", "run", "nope"], &env).await;
    assert_eq!(missing.code, 4, "{missing:?}");

    // Export, then import it into another profile's store, and back with a conflict.
    let exported = ok(&["filter", "export"], &env).await.stdout;
    assert!(exported.contains("[[filters]]") && exported.contains("the ops board"));
    let file = dir.path().join("export.toml");
    ok(&["filter", "export", file.to_str().expect("utf-8")], &env).await;
    assert_eq!(std::fs::read_to_string(&file).expect("read"), exported);
    ok(
        &[
            "filter",
            "save",
            "Ops",
            "project = OPS AND x = 1",
            "--force",
        ],
        &env,
    )
    .await;
    ok(&["filter", "rm", "acme all"], &env).await;
    let import = jiratty(&["filter", "import", file.to_str().expect("utf-8")], &env).await;
    assert_eq!(import.code, 1, "{import:?}");
    assert!(import.stdout.contains("Added (1): Acme all"), "{import:?}");
    assert!(
        import.stderr.contains("conflict: 'Ops'") && import.stderr.contains("--force"),
        "{import:?}"
    );
    let store = FilterStore::open(&config);
    let profile = store.read().expect("read").profiles()[0].clone();
    assert_eq!(
        store.get(&profile, "ops").expect("get").jql,
        "project = OPS AND x = 1",
        "never silently replaced"
    );
    let forced = ok(
        &["filter", "import", file.to_str().expect("utf-8"), "--force"],
        &env,
    )
    .await;
    assert!(forced.stdout.contains("Replaced (1): Ops"), "{forced:?}");
    assert_eq!(
        store.get(&profile, "ops").expect("get").jql,
        "project = OPS ORDER BY key ASC"
    );

    // Jira's favourites: listed, one copied, and a local filter published.
    let favourites = ok(&["filter", "favourites"], &env).await;
    assert!(favourites.stdout.contains("My open bugs"), "{favourites:?}");
    ok(&["filter", "favourites", "--copy", "MY OPEN BUGS"], &env).await;
    let copied = store.get(&profile, "my open bugs").expect("copied");
    assert!(
        copied.jql.contains("assignee = currentUser()"),
        "{copied:?}"
    );
    let again = jiratty(&["filter", "favourites", "--copy", "my open bugs"], &env).await;
    assert_eq!(again.code, 2, "a duplicate: {again:?}");
    let unknown = jiratty(&["filter", "favourites", "--copy", "nope"], &env).await;
    assert_eq!(unknown.code, 4, "{unknown:?}");
    let published = ok(&["filter", "publish", "acme all"], &env).await;
    assert!(
        published.stdout.contains("Published 'Acme all'"),
        "{published:?}"
    );
    let after = ok(&["filter", "favourites"], &env).await;
    assert!(after.stdout.contains("Acme all"), "{after:?}");
    let twice = jiratty(&["filter", "publish", "acme all"], &env).await;
    assert_eq!(
        twice.code, 2,
        "Jira refuses a second filter of that name: {twice:?}"
    );

    ok(&["filter", "rm", "Ops"], &env).await;
    let gone = jiratty(&["filter", "rm", "Ops"], &env).await;
    assert_eq!(gone.code, 4, "{gone:?}");
    let list = ok(&["filter", "list"], &env).await;
    assert_eq!(
        names_in_list(&list),
        ["Acme all", "My open bugs"],
        "{list:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_file_is_reported_and_left_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).expect("dir");
    let text = "[[profiles.default.filters]]\nname = \"A\"\njql = \"a = 1\n";
    std::fs::write(config.join("filters.toml"), text).expect("seed");
    let env = vec![(
        "JIRATTY_CONFIG_DIR".to_string(),
        config.to_string_lossy().into_owned(),
    )];
    for args in [
        &["filter", "list"][..],
        &["filter", "save", "B", "b = 1"],
        &["filter", "rm", "A"],
        &["filter", "export"],
    ] {
        let run = jiratty(args, &env).await;
        assert_eq!(run.code, 2, "{args:?}: {run:?}");
        assert!(
            run.stderr.contains("filters.toml, line 3, column"),
            "{args:?}: {run:?}"
        );
        assert!(run.stderr.contains("read-only"), "{run:?}");
    }
    assert_eq!(
        std::fs::read(config.join("filters.toml")).expect("read"),
        text.as_bytes()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_profile_comes_from_the_flag_the_site_or_the_default() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).expect("dir");
    std::fs::write(
        config.join("config.toml"),
        "default_profile = \"work\"\n\n[profiles.work]\nsite = \"https://acme.atlassian.net\"\n\n\
         [profiles.dc]\nsite = \"https://jira.corp.example\"\n",
    )
    .expect("seed");
    let base = vec![(
        "JIRATTY_CONFIG_DIR".to_string(),
        config.to_string_lossy().into_owned(),
    )];
    let with = |extra: &[(&str, &str)]| {
        let mut env = base.clone();
        env.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        env
    };
    ok(&["filter", "save", "d", "x = 1"], &base).await;
    ok(&["--profile", "dc", "filter", "save", "p", "x = 1"], &base).await;
    ok(
        &["filter", "save", "s", "x = 1"],
        &with(&[("JIRATTY_SITE", "https://jira.corp.example/")]),
    )
    .await;
    ok(
        &["filter", "save", "o", "x = 1"],
        &with(&[("JIRATTY_SITE", "https://other.example.com")]),
    )
    .await;
    let unknown = jiratty(&["--profile", "nope", "filter", "list"], &base).await;
    assert_eq!(unknown.code, 2, "{unknown:?}");
    let set = FilterStore::open(&config).read().expect("read");
    assert_eq!(set.profiles(), ["dc", "other-example-com", "work"]);
    let names = |p: &str| -> Vec<String> { set.list(p).into_iter().map(|f| f.name).collect() };
    assert_eq!(names("work"), ["d"]);
    assert_eq!(names("dc"), ["p", "s"]);
    assert_eq!(names("other-example-com"), ["o"]);
}
