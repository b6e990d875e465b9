//! End to end, acting on issues: the real binary in a pseudo-terminal against its demo server.
//! A transition that requires a resolution, assigning through the picker, and a comment that
//! is written, left by quitting, found again as a draft on the next run, posted, and shown.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

#[path = "tui_support/pty.rs"]
mod pty;

use pty::Tui;

const ENTER: &str = "\r";
const ESC: &str = "\x1b";
const CTRL_S: &str = "\x13";

/// The first list row: its key and its whole line.
fn first_row(screen: &str) -> (String, String) {
    let line = screen.lines().nth(3).unwrap_or_default().to_string();
    let key = line
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string();
    (key, line)
}

fn started(tui: &Tui) -> String {
    tui.wait_until("alice's issues", |s| {
        let text = s.contents();
        text.contains("Alice Anderson") && first_row(&text).0.contains('-')
    })
}

#[test]
fn a_transition_asks_for_the_resolution_and_the_row_follows() {
    let mut tui = Tui::spawn(&["--demo"], 120, 40);
    let (key, _) = first_row(&started(&tui));
    tui.send("t");
    tui.wait_until("the transitions", |s| {
        s.contents().contains(&format!("Move {key}"))
    });
    tui.send("done");
    tui.wait_until("narrowed to Done", |s| {
        s.contents().contains("asks for Resolution")
    });
    tui.send(ENTER);
    tui.wait_until("the resolution picker", |s| {
        s.contents().contains("Done — Resolution")
    });
    tui.send("won");
    tui.send(ENTER);
    tui.wait_until("the comment line", |s| {
        s.contents().contains("Done — comment")
    });
    tui.send("not needed");
    tui.send(ENTER);
    let screen = tui.wait_until("moved", |s| {
        s.contents().contains(&format!("{key} moved to Done"))
    });
    let (_, row) = first_row(&screen);
    assert!(row.contains("Done"), "{screen}");
    // The issue says so too, with the comment and the resolution.
    tui.send(ENTER);
    tui.wait_until("the issue, resolved and commented", |s| {
        let text = s.contents();
        text.contains("Won't Do") && text.contains("not needed")
    });
    tui.send("Q");
    assert!(tui.wait_exit().success());
    tui.assert_terminal_restored();
}

#[test]
fn assigning_through_the_picker() {
    let mut tui = Tui::spawn(&["--demo"], 120, 40);
    let (key, _) = first_row(&started(&tui));
    tui.send("a");
    tui.wait_until("people offered", |s| s.contents().contains("Bob Brown"));
    tui.send("car");
    tui.wait_until("Carol found", |s| {
        let text = s.contents();
        text.contains("Carol Chen") && !text.contains("Bob Brown")
    });
    tui.send(ENTER);
    let screen = tui.wait_until("assigned", |s| {
        s.contents()
            .contains(&format!("{key} assigned to Carol Chen"))
    });
    let (_, row) = first_row(&screen);
    assert!(row.contains("Carol Chen"), "{screen}");
    tui.send("Q");
    assert!(tui.wait_exit().success());
}

#[test]
fn a_comment_left_by_quitting_is_a_draft_on_the_next_run_and_then_posted() {
    let home = tempfile::tempdir().unwrap();
    let mut tui = Tui::spawn_at(&["--demo"], 100, 30, home.path());
    let (key, _) = first_row(&started(&tui));
    tui.send(ENTER);
    // The whole issue (the row-only one says "Loading the description and comments…"); its
    // comments may be below the first screen.
    tui.wait_until("the issue", |s| {
        let text = s.contents();
        text.contains("Description") && !text.contains("Loading")
    });
    tui.send("c");
    tui.wait_until("the editor", |s| {
        s.contents().contains(&format!("Comment on {key}"))
    });
    tui.send("Looks **good**, shipping q?");
    tui.wait_until("typed (q and ? type in the editor)", |s| {
        s.contents().contains("shipping q?")
    });
    // Quit without sending: nothing is lost.
    tui.send("\x03");
    assert!(tui.wait_exit().success());
    tui.assert_terminal_restored();

    let mut tui = Tui::spawn_at(&["--demo"], 100, 30, home.path());
    started(&tui);
    tui.send(ENTER);
    // The whole issue (the row-only one says "Loading the description and comments…"); its
    // comments may be below the first screen.
    tui.wait_until("the issue", |s| {
        let text = s.contents();
        text.contains("Description") && !text.contains("Loading")
    });
    tui.send("c");
    tui.wait_until("the draft is back", |s| {
        let text = s.contents();
        text.contains("Your draft for") && text.contains("Looks **good**, shipping q?")
    });
    tui.send(CTRL_S);
    tui.wait_until("posted", |s| {
        s.contents().contains(&format!("Comment added to {key}"))
    });
    // The new comment is the last thing in the issue.
    tui.send("G");
    tui.wait_until("shown", |s| {
        s.contents().contains("Looks good, shipping q?")
    });
    // The draft is gone once Jira has the comment.
    tui.send("c");
    tui.wait_until("an empty editor", |s| {
        s.contents().contains("Write Markdown")
    });
    tui.send(ESC);
    tui.wait_until("the editor closed", |s| {
        !s.contents().contains("Write Markdown")
    });
    tui.send("Q");
    assert!(tui.wait_exit().success());
}
