//! End to end, the real binary in a pseudo-terminal against the demo: links marked as OSC 8
//! hyperlinks only where asked for, a numbered link opened with `l`, and the result cache —
//! the second start shows the last results on its first frame, marked as cached.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

#[path = "tui_support/pty.rs"]
mod pty;

use pty::Tui;

const ENTER: &str = "\r";
const CTRL_U: &str = "\x15";
/// The link in the demo's "TLS runbook" description.
const RUNBOOK: &str = "https://wiki.acme.example/ops/runbooks/tls";

/// Runs `jql` from the JQL editor and waits for its first row.
fn query(tui: &mut Tui, jql: &str) {
    tui.send(":");
    tui.wait_for(" JQL ");
    tui.send(CTRL_U);
    tui.send(jql);
    tui.send(ENTER);
    tui.wait_until("the query ran", |s| {
        let text = s.contents();
        !text.contains(" JQL ") && text.lines().nth(1).unwrap_or("").contains(jql)
    });
    tui.wait_selected("a row", |row| !row.trim().is_empty());
}

/// Opens the issue whose description links to the runbook; returns the screen.
fn open_runbook_issue(tui: &mut Tui) -> String {
    query(tui, "text ~ \"TLS runbook\" ORDER BY key");
    tui.send(ENTER);
    tui.wait_for(&format!("[1] {RUNBOOK}"))
}

#[test]
fn links_become_hyperlinks_only_where_asked_and_open_by_number() {
    let mut tui = Tui::spawn_with_env(&["--demo"], &[("JIRATTY_HYPERLINKS", "1")], 120, 40);
    tui.wait_selected("alice's issues", |row| !row.trim().is_empty());
    open_runbook_issue(&mut tui);
    // The link text and the numbered URL are wrapped in OSC 8, closed again after each.
    let opener = format!("\x1b]8;;{RUNBOOK}\x1b\\");
    tui.wait_until("an OSC 8 hyperlink", |_| {
        String::from_utf8_lossy(&tui.raw()).contains(&opener)
    });
    let raw = String::from_utf8_lossy(&tui.raw()).into_owned();
    assert_eq!(
        raw.matches(&opener).count(),
        raw.matches("\x1b]8;;\x1b\\").count(),
        "every hyperlink is closed"
    );
    // `l` asks for the number; one link: Enter opens it (no browser here: the status says
    // it tried, or why it could not).
    tui.send("l");
    tui.wait_for("Open link");
    tui.send(ENTER);
    tui.wait_until("an attempt to open the link", |s| {
        let status = s.contents().lines().last().unwrap_or("").to_string();
        status.contains("Opening https://wiki.acme.example") || status.contains("cannot run")
    });
    tui.send("q");
    tui.send("q");
    assert!(tui.wait_exit().success());
    tui.assert_terminal_restored();

    // Without the variable, an xterm gets no hyperlinks: the same text only.
    let mut tui = Tui::spawn(&["--demo"], 120, 40);
    tui.wait_selected("alice's issues", |row| !row.trim().is_empty());
    open_runbook_issue(&mut tui);
    assert!(!String::from_utf8_lossy(&tui.raw()).contains("\x1b]8;"));
    tui.send("q");
    tui.send("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn the_second_start_shows_the_last_results_at_once_marked_cached() {
    let dirs = tempfile::tempdir().unwrap();
    let mut tui = Tui::spawn_at(&["--demo"], 120, 40, dirs.path());
    tui.wait_selected("alice's issues", |row| !row.trim().is_empty());
    assert!(!String::from_utf8_lossy(&tui.raw()).contains("cached"));
    tui.send("q");
    assert!(tui.wait_exit().success());

    let mut tui = Tui::spawn_at(&["--demo"], 120, 40, dirs.path());
    // The first frame is drawn before any answer is read: it shows the cached rows. Then the
    // fresh ones replace them and the mark goes.
    tui.wait_selected("alice's issues", |row| !row.trim().is_empty());
    tui.wait_until("the first frame's cached mark", |_| {
        String::from_utf8_lossy(&tui.raw()).contains("cached just now")
    });
    tui.wait_until("fresh results", |s| {
        !s.contents().lines().nth(1).unwrap_or("").contains("cached")
    });
    tui.send("q");
    assert!(tui.wait_exit().success());
    tui.assert_terminal_restored();
    // Nothing secret in the cache: no token, no password.
    for entry in walk(&dirs.path().join("data")) {
        let text = std::fs::read_to_string(&entry).unwrap_or_default();
        assert!(!text.contains("demo-api-token"), "{}", entry.display());
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn a_long_discussion_loads_its_later_comments_at_the_end_newest_last() {
    // DOC-19 carries 47 comments; the issue brings the first 20.
    let mut tui = Tui::spawn(&["--demo"], 100, 30);
    tui.wait_selected("alice's issues", |row| !row.trim().is_empty());
    query(&mut tui, "key = DOC-19");
    tui.send(ENTER);
    tui.wait_for("DOC-19  GET");
    // The end of the first 20 comments: the rest load from there; End again shows the last,
    // the 45th added update.
    tui.send("G");
    tui.wait_for("Update 18:");
    tui.wait_gone("Loading more comments");
    tui.send("G");
    let screen = tui.wait_for("Update 45:");
    assert!(!screen.contains("more comments"), "{screen}");
    tui.send("k");
    tui.send("G");
    tui.wait_for("Update 45:");
    // Scrolling back up finds the earlier updates in order, none twice.
    let mut seen = Vec::new();
    let mut text = tui.text();
    for _ in 0..40 {
        for n in 1..=45 {
            if text.contains(&format!("Update {n}:")) && !seen.contains(&n) {
                seen.push(n);
            }
        }
        if seen.contains(&1) {
            break;
        }
        let before = text.clone();
        tui.send("\x1b[5~"); // PageUp
        tui.wait_until("the page above", |s| s.contents() != before);
        // The whole frame, not the first bytes of it.
        std::thread::sleep(std::time::Duration::from_millis(100));
        text = tui.text();
    }
    let mut sorted = seen.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted, (1..=45).collect::<Vec<_>>(), "every update shown");
    tui.send("q");
    tui.send("q");
    assert!(tui.wait_exit().success());
}
