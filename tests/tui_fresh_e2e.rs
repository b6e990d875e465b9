//! End to end, the second speed round: the real binary in a pseudo-terminal against its demo
//! server. An issue of the first screen opens in full on its first frame (it was read ahead);
//! focus reporting is turned on and off again at exit; regaining focus refreshes the list,
//! marking the row that changed meanwhile and keeping the selection on its issue.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

#[path = "tui_support/pty.rs"]
mod pty;

use pty::Tui;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const ENTER: &str = "\r";
/// What a terminal sends when its window gains focus (with focus reporting on).
const FOCUS_GAINED: &str = "\x1b[I";

/// `jiratty demo-server --flavor dc` as a child process, killed on drop.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_jiratty"))
            .args(["demo-server", "--flavor", "dc"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("jiratty demo-server starts");
        let stdout = child.stdout.take().expect("the server's stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the server's first line");
        let url = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .to_string();
        Server { child, url }
    }

    /// Alice with her personal access token, for one run.
    fn alice(&self) -> Tui {
        let env = [
            ("JIRATTY_SITE", self.url.as_str()),
            ("JIRATTY_AUTH", "pat"),
            ("JIRATTY_USER", "alice"),
            ("JIRATTY_SECRET", "demo-pat"),
            ("JIRATTY_CACHE", "0"),
        ];
        Tui::spawn_with_env(&[], &env, 120, 30)
    }

    /// Comments on `key` as bob (the issue's `updated` moves on).
    fn comment_as_bob(&self, key: &str) {
        let url = format!("{}/rest/api/2/issue/{key}/comment", self.url);
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let status = runtime.block_on(async {
            reqwest::Client::builder()
                .no_proxy()
                .build()
                .unwrap()
                .post(url)
                .basic_auth("bob", Some("demo-password"))
                .json(&serde_json::json!({"body": "Looked at it."}))
                .send()
                .await
                .unwrap()
                .status()
        });
        assert_eq!(status.as_u16(), 201);
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The keys of the list rows on `screen` (below the header and column titles).
fn row_keys(screen: &str) -> Vec<String> {
    screen
        .lines()
        .skip(3)
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| w.contains('-') && w.chars().last().is_some_and(|c| c.is_ascii_digit()))
        .map(str::to_string)
        .collect()
}

fn started(tui: &Tui) -> String {
    tui.wait_until("alice's issues", |s| row_keys(&s.contents()).len() >= 3)
}

#[test]
fn an_issue_read_ahead_opens_in_full_on_its_first_frame() {
    let server = Server::start();
    let mut tui = server.alice();
    started(&tui);
    // The first screen is read ahead in one request meanwhile.
    std::thread::sleep(Duration::from_millis(1500));
    let before = tui.raw().len();
    tui.send("j");
    tui.send(ENTER);
    tui.wait_until("the issue in full", |s| {
        let text = s.contents();
        text.contains("Description") && !text.contains("Loading")
    });
    let drawn = String::from_utf8_lossy(&tui.raw()[before..]).into_owned();
    assert!(
        !drawn.contains("Loading"),
        "no frame said Loading: {drawn:?}"
    );
    // q goes back from an issue, then quits.
    tui.send("q");
    tui.wait_until("the list again", |s| !s.contents().contains("Description"));
    tui.send("q");
    tui.wait_exit();
}

#[test]
fn focus_reporting_is_on_while_running_and_off_after() {
    let server = Server::start();
    let mut tui = server.alice();
    started(&tui);
    tui.send("q");
    tui.wait_exit();
    let raw = String::from_utf8_lossy(&tui.raw()).into_owned();
    let on = raw.find("\x1b[?1004h").expect("focus reporting turned on");
    let off = raw
        .rfind("\x1b[?1004l")
        .expect("focus reporting turned off");
    assert!(on < off);
    tui.assert_terminal_restored();
}

#[test]
fn regaining_focus_refreshes_marks_the_changed_row_and_keeps_the_selection() {
    let server = Server::start();
    let mut tui = server.alice();
    let screen = started(&tui);
    let keys = row_keys(&screen);
    // The selection on the second row; the third changes meanwhile.
    tui.send("j");
    let selected = tui.wait_selected("the second row", |r| r.starts_with(&keys[1]));
    assert!(selected.starts_with(&keys[1]));
    server.comment_as_bob(&keys[2]);
    // Focus regained more than a few seconds after the list was read: it is read again.
    std::thread::sleep(Duration::from_millis(10_500));
    tui.send(FOCUS_GAINED);
    let screen = tui.wait_until("the changed issue on top, marked", |s| {
        s.contents()
            .lines()
            .nth(3)
            .is_some_and(|l| l.starts_with(&format!("•{}", keys[2])))
    });
    let selected = tui.selected_row().unwrap_or_default();
    assert!(
        selected.starts_with(&keys[1]),
        "the selection stays on {}: {selected:?}\n{screen}",
        keys[1]
    );
    tui.send("q");
    tui.wait_exit();
}
