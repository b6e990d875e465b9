//! End to end, in a pseudo-terminal against `--demo`: the JQL editor's completion (field,
//! operator, a project key from the site's suggestions), a marked JQL error fixed and run;
//! saved filters surviving a restart and run with their number key.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

#[path = "tui_support/pty.rs"]
mod pty;

use pty::Tui;

const ENTER: &str = "\r";
const TAB: &str = "\t";
const CTRL_U: &str = "\x15";
const CTRL_K: &str = "\x0b";
const CTRL_A: &str = "\x01";

fn demo_at(base: &std::path::Path) -> Tui {
    let tui = Tui::spawn_at(&["--demo"], 120, 40, base);
    tui.wait_for("Alice Anderson");
    tui
}

fn list_keys(screen: &str) -> Vec<String> {
    screen
        .lines()
        .skip(3)
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| w.contains('-') && w.chars().next().is_some_and(|c| c.is_ascii_uppercase()))
        .map(str::to_string)
        .collect()
}

#[test]
fn completion_builds_a_query_and_a_jql_error_is_marked_then_fixed() {
    let dirs = tempfile::tempdir().unwrap();
    let mut tui = demo_at(dirs.path());
    tui.send(":");
    tui.wait_for(" JQL ");
    tui.send(CTRL_A);
    tui.send(CTRL_K);
    tui.send("proj");
    tui.wait_for("project");
    tui.send(TAB);
    tui.wait_until("the operators", |s| {
        s.contents().contains("project ") && s.contents().contains("!=")
    });
    tui.send(TAB);
    tui.wait_until("project = in the editor", |s| {
        s.contents().contains("project = ")
    });
    tui.send("DO");
    tui.wait_for("Documentation (DOC)");
    tui.send(TAB);
    tui.wait_until("project = DOC", |s| s.contents().contains("project = DOC"));
    tui.send(ENTER);
    let screen = tui.wait_until("only DOC issues", |s| {
        let text = s.contents();
        let keys = list_keys(&text);
        !text.contains(" JQL ") && !keys.is_empty() && keys.iter().all(|k| k.starts_with("DOC-"))
    });
    assert!(
        screen
            .lines()
            .nth(1)
            .unwrap_or("")
            .contains("project = DOC"),
        "{screen}"
    );

    // A broken query: the error is shown with a caret under the position, the text is kept.
    tui.send(":");
    tui.wait_for(" JQL ");
    tui.send(CTRL_A);
    tui.send(CTRL_K);
    tui.send("project = OPS ANDD x");
    tui.send(ENTER);
    let screen = tui.wait_for("Expecting either 'OR' or 'AND'");
    assert!(screen.contains("project = OPS ANDD x"), "{screen}");
    let caret = |l: &str| {
        l.split('│')
            .nth(1)
            .is_some_and(|inner| inner.trim_start().starts_with('^'))
    };
    assert!(screen.lines().any(caret), "{screen}");
    // Fix it: remove the extra D and the stray word, run again.
    tui.send(CTRL_U);
    tui.send("project = OPS");
    tui.send(ENTER);
    tui.wait_until("only OPS issues", |s| {
        let keys = list_keys(&s.contents());
        !s.contents().contains(" JQL ")
            && !keys.is_empty()
            && keys.iter().all(|k| k.starts_with("OPS-"))
    });
    tui.send("q");
    assert!(tui.wait_exit().success());
    tui.assert_terminal_restored();
}

#[test]
fn a_saved_filter_survives_a_restart_and_runs_with_its_number_key() {
    let dirs = tempfile::tempdir().unwrap();
    let mut tui = demo_at(dirs.path());
    tui.send(":");
    tui.wait_for(" JQL ");
    tui.send(CTRL_A);
    tui.send(CTRL_K);
    tui.send("project = OPS AND status = Done");
    tui.send(ENTER);
    tui.wait_until("the OPS query ran", |s| {
        !s.contents().contains(" JQL ") && s.contents().contains("status = Done")
    });
    tui.send("s");
    tui.wait_for("Save filter");
    tui.send("Closed ops");
    tui.send(ENTER);
    tui.wait_for("Saved filter 'Closed ops'");
    tui.send("q");
    assert!(tui.wait_exit().success());

    let mut tui = demo_at(dirs.path());
    tui.send("1");
    let screen = tui.wait_until("the filter ran", |s| {
        let text = s.contents();
        let keys = list_keys(&text);
        text.lines().nth(1).unwrap_or("").contains("Closed ops")
            && !keys.is_empty()
            && keys.iter().all(|k| k.starts_with("OPS-"))
    });
    assert!(screen.contains("Done"), "{screen}");
    tui.send("f");
    tui.wait_for("Saved filters");
    tui.wait_for("Closed ops");
    // Esc and q sent together would read as Alt-q: leave the screen with q alone.
    tui.send("q");
    tui.wait_gone("Saved filters");
    tui.send("q");
    assert!(tui.wait_exit().success());
    tui.assert_terminal_restored();
}
