//! End to end, editing and creating: the real binary in a pseudo-terminal against its demo
//! server. A bug filed with its required custom field in a few keys, its labels and story
//! points edited, a value Jira refuses shown under its field and fixed, and a new issue left
//! by quitting found again as a draft.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

#[path = "tui_support/pty.rs"]
mod pty;

use pty::Tui;

const ENTER: &str = "\r";
const ESC: &str = "\x1b";
const CTRL_U: &str = "\x15";

fn started(tui: &Tui) -> String {
    tui.wait_until("alice's issues", |s| {
        s.contents().contains("Alice Anderson")
    })
}

/// Waits a moment so that an ESC is not read together with the next key as Alt.
fn pause() {
    std::thread::sleep(std::time::Duration::from_millis(150));
}

#[test]
fn a_bug_is_filed_then_its_fields_edited_and_a_refusal_fixed() {
    let home = tempfile::tempdir().unwrap();
    let mut tui = Tui::spawn_at(&["--demo"], 120, 40, home.path());
    started(&tui);
    tui.send("n");
    tui.wait_for("New issue: project");
    tui.wait_for("ACME  Acme Web App");
    tui.send(ENTER);
    tui.wait_for("New issue in ACME: type");
    tui.send("bug");
    tui.wait_gone("Story  Functionality");
    tui.send(ENTER);
    // The summary's editor opens at once; Enter moves on to the required Team.
    tui.wait_until("the summary editor", |s| {
        s.contents().contains("┌ Summary *")
    });
    tui.send("Printer on fire");
    tui.send(ENTER);
    tui.wait_until("the Team picker", |s| s.contents().contains("┌ Team *"));
    tui.send("pay");
    tui.send(ENTER);
    tui.wait_until("created and opened", |s| {
        let text = s.contents();
        text.contains("Created ACME-101")
            && text.contains("Printer on fire")
            && text.contains("Payments")
    });

    // Labels: a new one typed and added, then Enter sends it.
    tui.send("e");
    tui.wait_for("Edit ACME-101");
    tui.send("labels");
    tui.send(ENTER);
    tui.wait_until("the labels editor", |s| s.contents().contains("┌ Labels"));
    tui.send("urgent");
    tui.send(ENTER);
    tui.wait_for("[x] urgent");
    tui.send(ENTER);
    tui.wait_for("ACME-101: Labels set to urgent");

    // Story points: checked before it is sent.
    tui.send(CTRL_U);
    tui.send("story");
    tui.send(ENTER);
    tui.wait_until("the number editor", |s| {
        s.contents().contains("┌ Story Points")
    });
    tui.send("lots");
    tui.send(ENTER);
    tui.wait_for("'lots' is not a number");
    tui.send(CTRL_U);
    tui.send("5");
    tui.send(ENTER);
    tui.wait_for("ACME-101: Story Points set to 5");

    // A summary Jira refuses: its message under the field, the value kept; then fixed.
    tui.send(CTRL_U);
    tui.send("summ");
    tui.send(ENTER);
    tui.wait_until("the summary editor", |s| {
        s.contents().contains("┌ Summary *")
    });
    tui.send(CTRL_U);
    tui.send(&"x".repeat(260));
    tui.send(ENTER);
    tui.wait_for("↳ Summary must be less than 255 characters.");
    tui.wait_for("(not saved)");
    tui.send(ENTER);
    tui.wait_until("the summary editor again", |s| {
        s.contents().contains("┌ Summary *")
    });
    tui.send(CTRL_U);
    tui.send("Printer on fire, again");
    tui.send(ENTER);
    tui.wait_for("ACME-101: Summary set to Printer on fire, again");
    pause();
    tui.send(ESC);
    pause();
    tui.send(ESC);
    tui.wait_until("the issue read again", |s| {
        let text = s.contents();
        text.contains("Printer on fire, again")
            && text.contains("urgent")
            && !text.contains("Edit ACME-101")
    });
    tui.send("Q");
    assert!(tui.wait_exit().success());
    tui.assert_terminal_restored();
}

#[test]
fn a_new_issue_left_by_quitting_is_a_draft_on_the_next_run() {
    let home = tempfile::tempdir().unwrap();
    let mut tui = Tui::spawn_at(&["--demo"], 100, 30, home.path());
    started(&tui);
    tui.send("n");
    tui.wait_for("ACME  Acme Web App");
    tui.send(ENTER);
    tui.wait_for("New issue in ACME: type");
    tui.send("bug");
    tui.wait_gone("Story  Functionality");
    tui.send(ENTER);
    tui.wait_until("the summary editor", |s| {
        s.contents().contains("┌ Summary *")
    });
    tui.send("Half written");
    tui.send(ENTER);
    tui.wait_until("the Team picker", |s| s.contents().contains("┌ Team *"));
    tui.send("\x03");
    assert!(tui.wait_exit().success());
    tui.assert_terminal_restored();

    let mut tui = Tui::spawn_at(&["--demo"], 100, 30, home.path());
    started(&tui);
    tui.send("n");
    tui.wait_for("ACME  Acme Web App");
    tui.send(ENTER);
    // The draft's type comes first.
    tui.wait_until("Bug first", |s| s.contents().contains("▸ Bug"));
    tui.send(ENTER);
    tui.wait_until("the draft is back", |s| {
        let text = s.contents();
        text.contains("Your unsent new issue is back") && text.contains("Half written")
    });
    tui.send("\x13");
    tui.wait_for("Fill in Team first.");
    pause();
    tui.send(ESC);
    tui.wait_for("Draft kept; n opens it again");
    tui.send("Q");
    assert!(tui.wait_exit().success());
}
