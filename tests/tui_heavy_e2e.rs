//! End to end, the real binary in a pseudo-terminal against a small hostile site served by the
//! test: an issue whose links point at `javascript:`, `file:` and `data:` addresses gets OSC 8
//! hyperlinks for its web link only; an issue of 2,000 comments with 50 links each (100,000
//! links) is laid out off the UI thread — its header and "Laying out…" first, keys answered
//! meanwhile — and comes out numbered in full.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

#[path = "tui_support/pty.rs"]
mod pty;

use axum::Json;
use axum::extract::Path;
use axum::routing::{get, post};
use pty::Tui;
use serde_json::{Value, json};
use std::time::Instant;

const ENTER: &str = "\r";

fn text(s: &str) -> Value {
    json!({"type": "text", "text": s})
}

fn link(s: &str, href: &str) -> Value {
    json!({"type": "text", "text": s, "marks": [{"type": "link", "attrs": {"href": href}}]})
}

fn doc(content: Vec<Value>) -> Value {
    json!({"type": "doc", "version": 1, "content": [{"type": "paragraph", "content": content}]})
}

/// The web link among the schemes jiratty refuses to open.
const WEB: &str = "https://ok.example/page";
const REFUSED: [&str; 3] = [
    "javascript:alert(1)",
    "file:///etc/passwd",
    "data:text/html,<script>alert(1)</script>",
];

fn evil() -> Value {
    let mut content: Vec<Value> = REFUSED
        .iter()
        .flat_map(|href| [link("refused", href), text(" ")])
        .collect();
    content.push(link("web", WEB));
    issue("EVIL-1", "Links of every scheme", doc(content), Vec::new())
}

/// 2,000 comments of 50 links each.
fn many_links() -> Value {
    let comments: Vec<Value> = (0..2_000)
        .map(|c| {
            let content = (0..50)
                .flat_map(|l| {
                    [
                        link(&format!("l{l}"), &format!("https://x.test/{c}/{l}")),
                        text(" "),
                    ]
                })
                .collect();
            json!({"id": (10_000 + c).to_string(), "author": {"displayName": "Bob"},
                "created": "2024-05-01T09:00:00.000+0000", "body": doc(content)})
        })
        .collect();
    issue(
        "BIG-1",
        "Many links",
        doc(vec![text("See the comments.")]),
        comments,
    )
}

fn issue(key: &str, summary: &str, description: Value, comments: Vec<Value>) -> Value {
    let total = comments.len();
    json!({"id": "1", "key": key, "fields": {
        "summary": summary, "status": {"name": "Open", "statusCategory": {"key": "new"}},
        "issuetype": {"name": "Task"}, "updated": "2024-06-01T09:00:00.000+0000",
        "description": description,
        "comment": {"startAt": 0, "maxResults": total, "total": total, "comments": comments}
    }})
}

/// Serves the site on a runtime of its own; returns its URL and the runtime (dropping it stops
/// the site).
fn site() -> (String, tokio::runtime::Runtime) {
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let info = json!({"baseUrl": "http://hostile.invalid", "version": "1001.0.0",
        "versionNumbers": [1001, 0, 0], "deploymentType": "Cloud", "serverTitle": "Hostile"});
    let big = many_links();
    let app = axum::Router::new()
        .route(
            "/rest/api/2/serverInfo",
            get(move || async move { Json(info) }),
        )
        .route(
            "/rest/api/3/myself",
            get(|| async { Json(json!({"accountId": "a", "displayName": "Alice"})) }),
        )
        .route(
            "/rest/api/3/search/jql",
            post(|| async {
                let rows: Vec<Value> =
                    [("EVIL-1", "Links of every scheme"), ("BIG-1", "Many links")]
                        .iter()
                        .map(|(k, s)| issue(k, s, Value::Null, Vec::new()))
                        .collect();
                Json(json!({"issues": rows, "isLast": true}))
            }),
        )
        .route(
            "/rest/api/3/issue/{key}",
            get(move |Path(key): Path<String>| async move {
                Json(if key == "BIG-1" { big } else { evil() })
            }),
        );
    let url = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a port");
        let addr = listener.local_addr().expect("an address");
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        format!("http://{addr}")
    });
    (url, runtime)
}

fn spawn(url: &str) -> Tui {
    let env = [
        ("JIRATTY_SITE", url),
        ("JIRATTY_AUTH", "api-token"),
        ("JIRATTY_USER", "alice@example.com"),
        ("JIRATTY_SECRET", "token"),
        ("JIRATTY_HYPERLINKS", "1"),
    ];
    Tui::spawn_with_env(&[], &env, 100, 30)
}

#[test]
fn only_web_links_become_hyperlinks() {
    let (url, _site) = site();
    let mut tui = spawn(&url);
    tui.wait_selected("the first issue", |row| row.starts_with("EVIL-1"));
    tui.send(ENTER);
    tui.wait_for(&format!("[4] {WEB}"));
    let opener = format!("\x1b]8;;{WEB}\x1b\\");
    tui.wait_until("the web link as a hyperlink", |_| {
        String::from_utf8_lossy(&tui.raw()).contains(&opener)
    });
    let screen = tui.text();
    for href in REFUSED {
        assert!(
            screen.contains(&href[..12]),
            "{href} shown as text:\n{screen}"
        );
    }
    let raw = String::from_utf8_lossy(&tui.raw()).into_owned();
    let urls: Vec<&str> = raw
        .match_indices("\x1b]8;;")
        .map(|(at, _)| &raw[at + 5..])
        .filter_map(|rest| rest.split_once("\x1b\\").map(|(url, _)| url))
        .filter(|url| !url.is_empty())
        .collect();
    assert!(!urls.is_empty());
    assert!(
        urls.iter().all(|u| *u == WEB),
        "only the web link: {urls:?}"
    );
    // `l 1` refuses the javascript: link, as the terminal was never handed it.
    tui.send("l");
    tui.wait_for("Open link");
    tui.send("1");
    tui.send(ENTER);
    tui.wait_for("jiratty opens only web and mail links");
    tui.send("q");
    tui.send("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn a_hundred_thousand_links_are_laid_out_off_the_ui_thread() {
    let (url, _site) = site();
    let mut tui = spawn(&url);
    tui.wait_selected("the first issue", |row| row.starts_with("EVIL-1"));
    tui.send("j");
    tui.wait_selected("the big issue", |row| row.starts_with("BIG-1"));
    let opened = Instant::now();
    tui.send(ENTER);
    tui.wait_for("BIG-1  Many links");
    let header = opened.elapsed();
    // Keys are answered while it is laid out: help opens and closes.
    tui.send("?");
    tui.wait_for(" Keys ");
    let help = opened.elapsed();
    tui.send("\x1b");
    tui.wait_gone(" Keys ");
    tui.wait_until("the whole issue", |s| {
        s.contents().contains("Comments (2000)")
    });
    let laid_out = opened.elapsed();
    eprintln!("header after {header:?}, help after {help:?}, laid out after {laid_out:?}");
    let raw = String::from_utf8_lossy(&tui.raw()).into_owned();
    assert!(
        // Meanwhile the screen shows the header and "Laying out…", or the row-only detail (what
        // the list row knows) that was on screen before the issue arrived.
        raw.contains("Laying out…") || raw.contains("Loading the description and comments…"),
        "the header was shown meanwhile"
    );
    // The last of 100,000 links, numbered once each: at the end.
    tui.send("G");
    tui.wait_for("[100000] https://x.test/1999/49");
    // A narrower window lays it out again, off the UI thread too.
    tui.resize(80, 30);
    tui.wait_until("laid out at 80 columns", |s| {
        s.contents().contains("[100000] https://x.test/1999/49")
    });
    tui.send("q");
    tui.send("q");
    assert!(tui.wait_exit().success());
    tui.assert_terminal_restored();
}
