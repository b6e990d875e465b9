//! End to end, the board: the real binary in a pseudo-terminal against its demo server. Opens
//! the ACME board with `--board`, moves a card from In Progress to In Review (a transition
//! whose screen takes a comment), ranks it, moves it to the next sprint, and finds it there
//! with a JQL search `sprint = "ACME Sprint 13"`.
#![cfg(feature = "demo")]
#![allow(clippy::unwrap_used, clippy::panic)]

#[path = "tui_support/pty.rs"]
mod pty;

use pty::Tui;

const ENTER: &str = "\r";
const ESC: &str = "\x1b";
const CTRL_U: &str = "\x15";
const WIDTH: usize = 160;

/// The key of the first card of column `n` (of four, 40 wide each).
fn first_card(screen: &str, n: usize) -> Option<String> {
    let line: Vec<char> = screen.lines().nth(3)?.chars().collect();
    let start = n * WIDTH / 4;
    let cell: String = line
        .get(start..(start + WIDTH / 4).min(line.len()))?
        .iter()
        .collect();
    cell.split_whitespace()
        .find(|w| w.starts_with("ACME-"))
        .map(str::to_string)
}

/// Whether `key` is a card in column `n`.
fn in_column(screen: &str, n: usize, key: &str) -> bool {
    let start = n * WIDTH / 4;
    screen.lines().skip(3).any(|line| {
        let chars: Vec<char> = line.chars().collect();
        let cell: String = chars
            .get(start..(start + WIDTH / 4).min(chars.len()))
            .unwrap_or(&[])
            .iter()
            .collect();
        cell.split_whitespace().any(|w| w == key)
    })
}

#[test]
fn move_rank_and_reschedule_a_card_then_find_it_with_jql() {
    on_the_acme_board(&["--demo", "--board", "ACME board"]);
}

#[test]
fn the_same_on_data_center() {
    on_the_acme_board(&["--demo", "dc", "--board", "1"]);
}

fn on_the_acme_board(args: &[&str]) {
    let mut tui = Tui::spawn(args, 160, 45);
    let screen = tui.wait_until("the ACME board on its active sprint", |s| {
        let text = s.contents();
        text.contains("ACME Sprint 12 (active)") && first_card(&text, 1).is_some()
    });
    assert!(screen.contains("Goal: Checkout v2"), "{screen}");
    let key = first_card(&screen, 1).unwrap();
    // To the In Progress column, then the card to In Review: Jira's transition takes a comment.
    tui.send("l");
    tui.send("L");
    tui.wait_for("Request review — comment");
    tui.send("ready for a look");
    tui.send(ENTER);
    let screen = tui.wait_for(&format!("{key} moved to In Review"));
    assert!(in_column(&screen, 2, &key), "{screen}");
    // Rank it: first in its column, or else above its neighbour.
    tui.send("K");
    let screen = tui.wait_until("ranked", |s| {
        let text = s.contents();
        text.contains(&format!("{key} ranked")) || text.contains("ranked first here")
    });
    if screen.contains("ranked first here") {
        tui.send("J");
        tui.wait_for(&format!("{key} ranked below"));
        tui.send("K");
    }
    tui.wait_for(&format!("{key} ranked above"));
    // To the next sprint: it leaves the board's active sprint.
    tui.send("M");
    tui.wait_for(&format!("Move {key} to"));
    tui.send("Sprint 13");
    tui.send(ENTER);
    let screen = tui.wait_for(&format!("{key} moved to ACME Sprint 13"));
    assert!(!in_column(&screen, 2, &key), "{screen}");
    // The sprint's JQL finds it.
    tui.send(ESC);
    std::thread::sleep(std::time::Duration::from_millis(150));
    tui.send(":");
    tui.wait_for(" JQL ");
    tui.send(CTRL_U);
    tui.send("sprint = \"ACME Sprint 13\" ORDER BY Rank");
    std::thread::sleep(std::time::Duration::from_millis(150));
    tui.send(ENTER);
    tui.wait_until("the search finds the card", |s| {
        let text = s.contents();
        !text.contains(" JQL ")
            && text
                .lines()
                .skip(3)
                .any(|l| l.split_whitespace().next() == Some(key.as_str()))
    });
    tui.send("Q");
    assert!(tui.wait_exit().success());
    tui.assert_terminal_restored();
}
