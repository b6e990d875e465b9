//! End to end: the real binary in a pseudo-terminal against the demo server — the list, the
//! detail, a JQL query and a JQL error, the login screen with a wrong and a right password,
//! resizing, and the terminal restored on quit and on SIGTERM.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

#[path = "tui_support/pty.rs"]
mod pty;

use jiratty::demo::{self, DemoConfig, model::Flavor};
use pty::Tui;

const ESC: &str = "\x1b";
const ENTER: &str = "\r";
const CTRL_U: &str = "\x15";

/// The issue keys of the list rows on `screen` (rows start below the header and titles).
fn row_keys(screen: &str) -> Vec<String> {
    let lines: Vec<&str> = screen.lines().collect();
    lines
        .iter()
        .skip(3)
        .take(lines.len().saturating_sub(4))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| is_key(w))
        .map(str::to_string)
        .collect()
}

fn is_key(word: &str) -> bool {
    word.split_once('-').is_some_and(|(p, n)| {
        !p.is_empty()
            && p.chars().all(|c| c.is_ascii_uppercase())
            && !n.is_empty()
            && n.chars().all(|c| c.is_ascii_digit())
    })
}

/// Starts `jiratty --demo` and waits for alice's issues.
fn demo() -> (Tui, String) {
    let tui = Tui::spawn(&["--demo"], 120, 40);
    let screen = tui.wait_until("alice's issues", |s| {
        let text = s.contents();
        text.contains("Alice Anderson") && !row_keys(&text).is_empty()
    });
    (tui, screen)
}

fn quit_cleanly(mut tui: Tui, keys: &str) {
    tui.send(keys);
    let status = tui.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    tui.assert_terminal_restored();
}

#[test]
fn demo_list_detail_query_and_quit() {
    let (mut tui, screen) = demo();
    let keys = row_keys(&screen);
    assert!(
        keys.iter()
            .any(|k| k.starts_with("ACME-") || k.starts_with("OPS-") || k.starts_with("DOC-")),
        "{screen}"
    );
    assert!(keys.len() > 1, "alice has several issues:\n{screen}");
    let first = tui.wait_selected("the first row", |r| r.starts_with(&keys[0]));

    // j and k move the selection.
    tui.send("j");
    let second = tui.wait_selected("the second row", |r| r.starts_with(&keys[1]));
    tui.send("k");
    tui.wait_selected("the first row again", |r| r == first);

    // Enter opens the detail, Esc goes back.
    tui.send("j");
    tui.wait_selected("the second row", |r| r == second);
    tui.send(ENTER);
    let detail = tui.wait_for("Description");
    assert!(
        detail.contains(&keys[1]),
        "the detail of {}:\n{detail}",
        keys[1]
    );
    tui.send(ESC);
    tui.wait_gone("Description");
    tui.wait_selected("the second row, still", |r| r == second);

    // A JQL query replaces the list.
    tui.send(":");
    tui.wait_for(" JQL ");
    tui.send(CTRL_U);
    tui.send("project = DOC ORDER BY key ASC");
    tui.send(ENTER);
    let screen = tui.wait_until("only DOC issues", |s| {
        let text = s.contents();
        let keys = row_keys(&text);
        !text.contains(" JQL ") && !keys.is_empty() && keys.iter().all(|k| k.starts_with("DOC-"))
    });
    assert!(
        screen.contains("project = DOC ORDER BY key ASC"),
        "{screen}"
    );

    // A broken query: the overlay stays with the server's message.
    tui.send(":");
    tui.wait_for(" JQL ");
    tui.send(CTRL_U);
    tui.send("project = DOC AND (");
    tui.send(ENTER);
    let screen = tui.wait_for("Error in the JQL Query");
    assert!(
        screen.contains("project = DOC AND ("),
        "the text is kept:\n{screen}"
    );
    tui.send(ESC);
    tui.wait_gone(" JQL ");

    quit_cleanly(tui, "q");
}

#[test]
fn login_screen_wrong_then_right_password() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime
        .block_on(demo::start(DemoConfig {
            flavor: Flavor::Dc,
            ..DemoConfig::default()
        }))
        .expect("the demo server starts");
    let url = server.url();
    let mut tui = Tui::spawn(&["--site", &url], 120, 40);
    tui.wait_for("log in to Jira");
    let screen = tui.wait_for("Data Center");
    assert!(screen.contains(&url), "{screen}");
    tui.wait_for("Username");

    tui.send("alice\t");
    tui.send("wrong-password");
    tui.wait_for("••••••••••••••");
    tui.send(ENTER);
    let screen = tui.wait_for("Login failed");
    assert!(
        screen.contains("log in to Jira"),
        "still the login screen:\n{screen}"
    );

    tui.send(CTRL_U);
    tui.wait_gone("••••");
    tui.send("demo-password");
    tui.send(ENTER);
    tui.wait_until("the list", |s| {
        let text = s.contents();
        !text.contains("log in to Jira") && !row_keys(&text).is_empty()
    });
    quit_cleanly(tui, "q");
    drop(server);
}

#[test]
fn resize_redraws_the_list_without_debris() {
    let (mut tui, _) = demo();
    tui.resize(80, 24);
    let screen = tui.wait_until("the list at 80 columns", |s| {
        let text = s.contents();
        let titles = text.lines().nth(2).unwrap_or("");
        titles.contains("Status") && !titles.contains("Priority")
    });
    let lines: Vec<&str> = screen.lines().collect();
    assert!(lines[0].starts_with(" jiratty "), "{screen}");
    assert!(lines.last().unwrap().contains("? help"), "{screen}");
    for line in &lines[3..lines.len() - 1] {
        let word = line.split_whitespace().next().unwrap_or("");
        assert!(
            word.is_empty() || is_key(word),
            "debris on {line:?}:\n{screen}"
        );
    }
    tui.resize(120, 40);
    tui.wait_until("the wide list again", |s| {
        s.contents()
            .lines()
            .nth(2)
            .unwrap_or("")
            .contains("Priority")
    });
    // Ctrl-C quits too.
    quit_cleanly(tui, "\x03");
}

#[test]
fn resize_does_not_wait_on_the_terminal() {
    let (mut tui, _) = demo();
    let before = tui.raw().len();
    tui.resize(80, 24);
    tui.wait_until("the list at 80 columns", |s| {
        let text = s.contents();
        let titles = text.lines().nth(2).unwrap_or("");
        titles.contains("Status") && !titles.contains("Priority")
    });
    let after = tui.raw()[before..].to_vec();
    assert!(
        !after.windows(4).any(|w| w == b"\x1b[6n"),
        "the redraw asked for the cursor position"
    );
    quit_cleanly(tui, "q");
}

#[test]
fn sigterm_restores_the_terminal() {
    let (mut tui, _) = demo();
    let status = std::process::Command::new("kill")
        .args(["-TERM", &tui.pid().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    tui.wait_exit();
    tui.assert_terminal_restored();
}

#[test]
fn demo_copy_url_is_the_issue_address() {
    let (mut tui, screen) = demo();
    let key = row_keys(&screen)[0].clone();
    tui.send("Y");
    let copied = tui.wait_for("Copied ");
    // No display in the test: the copy goes out as OSC 52.
    let raw = String::from_utf8_lossy(&tui.raw()).into_owned();
    let start = raw.find("\x1b]52;c;").expect("an OSC 52 copy") + 7;
    let end = start + raw[start..].find('\x07').unwrap();
    use base64::Engine;
    let url = base64::engine::general_purpose::STANDARD
        .decode(&raw[start..end])
        .unwrap();
    let url = String::from_utf8(url).unwrap();
    assert!(
        url.starts_with("http://127.0.0.1:") && url.ends_with(&format!("/browse/{key}")),
        "copied {url:?}; the screen:\n{copied}"
    );
    assert!(!url.contains(' '), "copied {url:?}");
    quit_cleanly(tui, "q");
}

/// The count at the right of the header's second line ("300 issues", "150 loaded, more…").
fn header_count(screen: &str) -> String {
    let line = screen.lines().nth(1).unwrap_or("");
    line.rsplit("  ").next().unwrap_or("").trim().to_string()
}

/// Whether the status line shows a spinner (something is in flight).
fn busy(screen: &str) -> bool {
    let status = screen.lines().last().unwrap_or("");
    status
        .chars()
        .any(|c| ('\u{2800}'..='\u{28ff}').contains(&c))
}

/// Waits until nothing is in flight and the screen has stayed the same for a moment.
fn settled(tui: &Tui) -> String {
    let mut last = String::new();
    let mut same_since = std::time::Instant::now();
    tui.wait_until("the screen to settle", |s| {
        let text = s.contents();
        if text != last {
            last = text.clone();
            same_since = std::time::Instant::now();
        }
        !busy(&text) && same_since.elapsed() > std::time::Duration::from_millis(700)
    })
}

#[test]
fn reloading_after_paging_to_the_end_replaces_the_rows() {
    // A demo server that takes a moment per answer, so that each reload can be seen.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime
        .block_on(demo::start(DemoConfig {
            latency: std::time::Duration::from_millis(150),
            ..DemoConfig::default()
        }))
        .expect("the demo server starts");
    let url = server.url();
    let env = [
        ("JIRATTY_SITE", url.as_str()),
        ("JIRATTY_AUTH", "api-token"),
        ("JIRATTY_USER", "alice@example.com"),
        ("JIRATTY_SECRET", "demo-api-token"),
    ];
    let mut tui = Tui::spawn_with_env(&[], &env, 120, 40);
    tui.wait_until("alice's issues", |s| !row_keys(&s.contents()).is_empty());
    // All 300 issues of the demo's three projects.
    tui.send(":");
    tui.wait_for(" JQL ");
    tui.send(CTRL_U);
    tui.send("project in (ACME, OPS, DOC) ORDER BY key ASC");
    tui.send(ENTER);
    let first = tui.wait_until("the three projects", |s| {
        let text = s.contents();
        !text.contains(" JQL ") && text.contains("project in (ACME") && !row_keys(&text).is_empty()
    });
    let first_key = row_keys(&first)[0].clone();
    // To the end: each G reaches the end of what is loaded, which loads the next page.
    let start = std::time::Instant::now();
    while header_count(&tui.text()) != "300 issues" {
        assert!(start.elapsed() < pty::TIMEOUT, "{}", tui.text());
        tui.send("G");
        std::thread::sleep(std::time::Duration::from_millis(150));
    }
    tui.send("g");
    tui.wait_selected("the first row", |r| r.starts_with(&first_key));
    for reload in 1..=2 {
        tui.send("r");
        // The reload shows at once (the spinner), then settles.
        tui.wait_until("the reload to start", |s| busy(&s.contents()));
        let screen = settled(&tui);
        assert_eq!(
            header_count(&screen),
            "300 issues",
            "reload {reload}:\n{screen}"
        );
        let row = tui.selected_row().unwrap_or_default();
        assert!(
            row.starts_with(&first_key),
            "reload {reload}: on {row:?}\n{screen}"
        );
    }
    // The end of the list is the end of the issues, once each.
    tui.send("G");
    let screen = settled(&tui);
    assert_eq!(header_count(&screen), "300 issues", "{screen}");
    quit_cleanly(tui, "q");
    drop(server);
}
