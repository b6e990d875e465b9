//! `search` and `filter run` against a small hostile server whose search answers carry a
//! terminal attack in every column — the issue key included, from which the `url` column is
//! built — in both flavours: every attack through every format (table, JSON, CSV) comes out
//! as plain words.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use axum::Json;
use axum::routing::{get, post};
use jiratty::demo::model::Flavor;
use serde_json::{Value, json};
use support::*;

/// Each attack once: title changes (OSC 0 and 2), a clipboard write (OSC 52), a terminal
/// reset (RIS), a device control string, C1 CSI and OSC, a bell, backspaces, a bidi override,
/// a line separator.
const ATTACKS: [&str; 11] = [
    "\x1b]0;pwned\x07",
    "\x1b]2;pwned\x1b\\",
    "\x1b]52;c;cHduZWQ=\x07",
    "\x1bc",
    "\x1bPq#0\x1b\\",
    "\u{9b}2J",
    "\u{9d}0;pwned\u{9c}",
    "\x07",
    "\x08\x08",
    "\u{202e}",
    "\u{2028}",
];

/// `word` with every attack in it.
fn armed(word: &str) -> String {
    let mut out = String::from(word);
    for attack in ATTACKS {
        out.push_str(attack);
    }
    out
}

/// One issue with an attack in every field a list prints.
fn issue() -> Value {
    json!({
        "id": "10001",
        "key": armed("EVIL-1"),
        "fields": {
            "summary": armed("Hostile summary"),
            "status": {"name": armed("Open"), "statusCategory": {"key": armed("new")}},
            "issuetype": {"name": armed("Bug")},
            "priority": {"name": armed("High")},
            "assignee": {"displayName": armed("Mallory")},
            "updated": armed("2024-06-01T09:00:00.000+0000"),
            "labels": [armed("label")]
        }
    })
}

/// A site of `flavor` that answers every search with the armed issue.
async fn hostile_site(flavor: Flavor) -> String {
    let deployment = match flavor {
        Flavor::Cloud => "Cloud",
        Flavor::Dc => "Server",
    };
    let info = json!({"baseUrl": "http://hostile.invalid", "version": "9.12.0",
        "versionNumbers": [9, 12, 0], "deploymentType": deployment, "serverTitle": "Hostile"});
    let token_page = || async { Json(json!({"issues": [issue()], "isLast": true})) };
    let offset_page =
        || async { Json(json!({"startAt": 0, "maxResults": 50, "total": 1, "issues": [issue()]})) };
    let myself = json!({"accountId": "x", "name": "alice", "displayName": "Alice"});
    let app = axum::Router::new()
        .route(
            "/rest/api/2/serverInfo",
            get(move || async move { Json(info) }),
        )
        .route(
            "/rest/api/{version}/myself",
            get(move || async move { Json(myself) }),
        )
        .route("/rest/api/3/search/jql", post(token_page))
        .route("/rest/api/2/search", get(offset_page).post(offset_page));
    serve(app).await.0
}

/// Asserts `out` holds no escape, control character (newlines and CSV's CRs apart), bidi
/// override or line separator.
fn assert_plain(out: &str, what: &str) {
    if let Some(c) = out.chars().find(|&c| {
        (c.is_control() && c != '\n' && c != '\r')
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || matches!(c, '\u{2028}' | '\u{2029}')
    }) {
        panic!("{what}: U+{:04X} in\n{out:?}", c as u32);
    }
    assert!(
        !out.contains("pwned") && !out.contains("cHduZWQ"),
        "{what}: {out:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_attack_in_every_column_of_every_format_comes_out_plain() {
    for flavor in [Flavor::Cloud, Flavor::Dc] {
        let url = hostile_site(flavor).await;
        let config = tempfile::tempdir().expect("a config directory");
        let mut env = alice_env(&url, flavor);
        env.push((
            "JIRATTY_CONFIG_DIR".into(),
            config.path().display().to_string(),
        ));
        let saved = jiratty(&["filter", "save", "evil", "project = EVIL"], &env).await;
        assert_eq!(saved.code, 0, "{saved:?}");
        for format in ["table", "json", "csv"] {
            for command in [
                vec!["search", "project = EVIL"],
                vec!["filter", "run", "evil"],
            ] {
                let mut args = command.clone();
                args.extend(["--format", format, "--fields", "labels"]);
                let run = jiratty(&args, &env).await;
                let what = format!("{flavor:?} {} --format {format}", command.join(" "));
                assert_eq!(run.code, 0, "{what}: {run:?}");
                let out = run.all();
                assert_plain(&out, &what);
                assert!(out.contains("EVIL-1"), "{what}: {out}");
                assert!(out.contains("Hostile summary"), "{what}: {out}");
                if format != "table" {
                    // The url column, built from the key, is as clean as the key.
                    assert!(out.contains("/browse/EVIL-1"), "{what}: {out}");
                    assert!(out.contains("label"), "{what}: {out}");
                }
            }
        }
    }
}

/// The check catches each attack on its own, so that passing means something.
#[test]
fn the_check_catches_every_attack() {
    for attack in ATTACKS {
        let caught = std::panic::catch_unwind(|| assert_plain(&format!("x{attack}y"), "x"));
        assert!(caught.is_err(), "the check misses {attack:?}");
    }
}
