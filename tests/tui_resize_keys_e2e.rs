//! End to end: keys typed while the window is being resized all arrive. A key that reached
//! the terminal together with a resize used to wait, unread, until the next key (the event
//! source reported the resize and dropped the news that input was waiting), so the second of
//! two quick `q`s, or a letter typed while dragging the window edge, seemed lost.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

#[path = "tui_support/pty.rs"]
mod pty;

use pty::Tui;

const CTRL_U: &str = "\x15";

#[test]
fn every_key_typed_during_resizes_arrives() {
    let mut tui = Tui::spawn(&["--demo"], 120, 40);
    tui.wait_until("alice's issues", |s| s.contents().contains("ACME-"));
    tui.send(":");
    tui.wait_for(" JQL ");
    tui.send(CTRL_U);
    let typed = "project = OPS AND summary ~ resize";
    // Each character goes out right after a resize, as when a user types while dragging the
    // window edge: the program gets SIGWINCH and the key at the same moment.
    for (i, c) in typed.chars().enumerate() {
        let (cols, rows) = if i % 2 == 0 { (100, 30) } else { (120, 40) };
        tui.resize(cols, rows);
        tui.send(&c.to_string());
    }
    tui.resize(120, 40);
    tui.wait_until("every typed character in the query", |s| {
        s.contents().contains(typed)
    });
}
