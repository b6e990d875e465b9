//! End to end: a background task that panics never leaves a zombie screen. The site answers
//! every search with `429 Retry-After: 1e20`, which once panicked the worker task (a float of
//! seconds too large for a `Duration`) while the TUI stayed on its loading screen, the
//! terminal restored under it by the panic hook, so that only Ctrl-C worked. Now either the
//! program ends — terminal restored, a message naming the crash and the log, exit code 1 — or,
//! where no task panics any more, it keeps its full screen and quits on `q` as usual.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

#[path = "tui_support/hostile.rs"]
mod hostile;
#[path = "tui_support/pty.rs"]
mod pty;

use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use hostile::Hostile;
use std::time::{Duration, Instant};

fn rate_limited() -> impl IntoResponse {
    let mut headers = HeaderMap::new();
    headers.insert("Retry-After", HeaderValue::from_static("1e20"));
    (
        StatusCode::TOO_MANY_REQUESTS,
        headers,
        axum::Json(serde_json::json!({"errorMessages": ["Rate limit exceeded."]})),
    )
}

#[test]
fn a_panicking_task_ends_the_program_cleanly_or_nothing_panics() {
    let server = Hostile::serve(
        axum::Router::new()
            .route(
                "/rest/api/2/serverInfo",
                get(|| async { axum::Json(hostile::server_info("Cloud")) }),
            )
            .fallback(|| async { rate_limited() }),
    );
    let env = server.env();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut tui = pty::Tui::spawn_with_env(&[], &env, 100, 30);
    tui.wait_for("jiratty");
    let start = Instant::now();
    let exited = loop {
        if let Some(status) = tui.try_exit() {
            break Some(status);
        }
        if start.elapsed() > Duration::from_secs(4) {
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    match exited {
        Some(status) => {
            assert_eq!(status.exit_code(), 1, "{status:?}\n{}", tui.text());
            tui.assert_terminal_restored();
            let screen = tui.text();
            assert!(screen.contains("crashed and stopped"), "{screen}");
            assert!(screen.contains("jiratty.log"), "{screen}");
        }
        None => {
            // Still running: then on its own screen, with the keys working.
            let screen = tui.text();
            assert_eq!(
                tui.screen_state(),
                (true, true),
                "the terminal was restored under a running program:\n{screen}"
            );
            tui.send("q");
            let status = tui.wait_exit();
            assert!(status.success(), "{status:?}\n{}", tui.text());
            tui.assert_terminal_restored();
        }
    }
}
