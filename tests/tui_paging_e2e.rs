//! End to end against sites that page badly: the real binary in a pseudo-terminal, the site a
//! small server in the test. A Data Center site that ignores `startAt` (every page is the
//! first), and a Cloud site that hands out the same `nextPageToken` with `isLast: false`, end
//! the paging with a note in the list's last row after one repeated page, instead of being
//! asked forever; a page that failed is asked for again when the selection next reaches the
//! end.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

#[path = "tui_support/hostile.rs"]
mod hostile;
#[path = "tui_support/pty.rs"]
mod pty;

use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use hostile::Hostile;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

fn with_env<'a>(env: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    env.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// Presses G now and then for `for_how_long` (each reaches the end of what is loaded).
fn keep_pressing_end(tui: &mut pty::Tui, for_how_long: Duration) {
    let start = std::time::Instant::now();
    while start.elapsed() < for_how_long {
        tui.send("G");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn info(deployment: &'static str) -> axum::routing::MethodRouter {
    get(move || async move { axum::Json(hostile::server_info(deployment)) })
}

#[test]
fn a_site_that_ignores_start_at_ends_the_paging_with_a_note() {
    let searches = Arc::new(AtomicUsize::new(0));
    let counter = searches.clone();
    let search = get(move |Query(q): Query<HashMap<String, String>>| {
        counter.fetch_add(1, Ordering::SeqCst);
        let start_at: u64 = q.get("startAt").and_then(|s| s.parse().ok()).unwrap_or(0);
        // The offset is echoed, the issues are always the first 50 of "250".
        async move {
            axum::Json(json!({
                "startAt": start_at, "maxResults": 50, "total": 250,
                "issues": hostile::issues(0..50)
            }))
        }
    });
    let server = Hostile::serve(
        axum::Router::new()
            .route("/rest/api/2/serverInfo", info("Server"))
            .route("/rest/api/2/search", search),
    );
    let env = server.env_pat();
    let mut tui = pty::Tui::spawn_with_env(&[], &with_env(&env), 100, 30);
    tui.wait_for("PROJ-0");
    keep_pressing_end(&mut tui, Duration::from_secs(2));
    assert_eq!(
        searches.load(Ordering::SeqCst),
        2,
        "the first page and one repeat:\n{}",
        tui.text()
    );
    let screen = tui.wait_for("Paging stopped at 50 issues");
    assert!(screen.contains("no new issue"), "{screen}");
    tui.send("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn a_site_that_repeats_its_page_token_ends_the_paging_with_a_note() {
    let searches = Arc::new(AtomicUsize::new(0));
    let counter = searches.clone();
    let search = post(move |axum::Json(body): axum::Json<Value>| {
        let n = counter.fetch_add(1, Ordering::SeqCst);
        let first = body.get("nextPageToken").is_none();
        // Fresh keys on every page, and always the same token.
        let range = if first { 0..50 } else { 50 * n..50 * n + 50 };
        async move {
            axum::Json(json!({
                "issues": hostile::issues(range), "nextPageToken": "again", "isLast": false
            }))
        }
    });
    let server = Hostile::serve(
        axum::Router::new()
            .route("/rest/api/2/serverInfo", info("Cloud"))
            .route("/rest/api/3/search/jql", search),
    );
    let env = server.env();
    let mut tui = pty::Tui::spawn_with_env(&[], &with_env(&env), 100, 30);
    tui.wait_for("PROJ-0");
    keep_pressing_end(&mut tui, Duration::from_secs(2));
    assert_eq!(searches.load(Ordering::SeqCst), 2, "{}", tui.text());
    let screen = tui.wait_for("Paging stopped at 100 issues");
    assert!(screen.contains("same page again"), "{screen}");
    assert!(screen.contains("100 issues"), "{screen}");
    tui.send("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn a_failed_page_is_asked_for_again_at_the_end() {
    let second_pages = Arc::new(AtomicUsize::new(0));
    let counter = second_pages.clone();
    let search = post(move |axum::Json(body): axum::Json<Value>| {
        let later = body.get("nextPageToken").is_some();
        let attempt = if later {
            counter.fetch_add(1, Ordering::SeqCst) + 1
        } else {
            0
        };
        async move {
            match attempt {
                0 => axum::Json(json!({
                    "issues": hostile::issues(0..50), "nextPageToken": "p2", "isLast": false
                }))
                .into_response(),
                // The first try of page 2 fails (not one the client retries by itself).
                1 => (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    axum::Json(json!({"errorMessages": ["Something broke."]})),
                )
                    .into_response(),
                _ => axum::Json(json!({"issues": hostile::issues(50..60), "isLast": true}))
                    .into_response(),
            }
        }
    });
    let server = Hostile::serve(
        axum::Router::new()
            .route("/rest/api/2/serverInfo", info("Cloud"))
            .route("/rest/api/3/search/jql", search),
    );
    let env = server.env();
    let mut tui = pty::Tui::spawn_with_env(&[], &with_env(&env), 100, 30);
    tui.wait_for("PROJ-0");
    tui.send("G");
    let screen = tui.wait_for("Something broke");
    assert!(screen.contains("tries again"), "{screen}");
    // Moving short of the end does not ask again.
    tui.send("kk");
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(second_pages.load(Ordering::SeqCst), 1);
    // Reaching the end again does, and the rows come.
    tui.send("G");
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(second_pages.load(Ordering::SeqCst), 2, "{}", tui.text());
    let screen = tui.wait_for("60 issues");
    assert!(!screen.contains("tries again"), "{screen}");
    tui.send("q");
    assert!(tui.wait_exit().success());
}
