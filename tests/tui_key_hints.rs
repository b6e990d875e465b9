//! Every key hint on screen comes from the key map: a user who rebinds a key sees the new one
//! in the status line, the detail header, the filters header and the list's messages.

// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod tui_support;

use crossterm::event::KeyCode;
use jiratty::app::msg::{FilterOp, FilterOutcome, Msg};
use jiratty::app::state::State;
use jiratty::jira::JiraError;
use jiratty::worker::Response;
use tui_support::*;

const SIZE: Size = (120, 40);

/// The full list with `toml` merged over the default key map.
fn rebound(toml: &str) -> State {
    let mut s = list_full(SIZE);
    s.keymap.merge_toml(toml).expect("the user's key map");
    s
}

fn screen(s: &State) -> String {
    render(s, SIZE.0, SIZE.1)
}

/// The status line, without the quotes the test backend draws around each line.
fn status_line(s: &State) -> String {
    let shown = screen(s);
    shown
        .lines()
        .last()
        .unwrap_or_default()
        .trim_matches('"')
        .to_string()
}

/// Opens the selected issue and lets it arrive.
fn open_detail(s: &mut State) {
    let id = last_id(&feed(s, [key(KeyCode::Enter)]));
    answer(
        s,
        id,
        Ok(Response::Issue(Box::new(issue(full_issue_json())))),
    );
}

#[test]
fn the_default_hints_name_the_default_keys() {
    let mut s = list_full(SIZE);
    assert!(
        status_line(&s).ends_with("? help  : query  / filter  Enter open  q quit"),
        "{}",
        status_line(&s)
    );
    open_detail(&mut s);
    let shown = screen(&s);
    assert!(
        shown.contains("Esc back  Tab related issue  l open link  o open in browser  y copy key"),
        "{shown}"
    );
    assert!(status_line(&s).ends_with("? help  o browser  y copy  Esc back"));
}

#[test]
fn a_user_who_rebinds_o_sees_the_new_key() {
    // `x` opens in the browser now; `o` copies the URL instead.
    let mut s = rebound("[detail]\n\"x\" = \"open-in-browser\"\n\"o\" = \"copy-url\"\n");
    open_detail(&mut s);
    let shown = screen(&s);
    assert!(shown.contains("x open in browser"), "{shown}");
    assert!(!shown.contains("o open in browser"), "{shown}");
    let status = status_line(&s);
    assert!(
        status.ends_with("? help  x browser  y copy  Esc back"),
        "{status}"
    );
    // And the key does what the hint says.
    let sent = feed(&mut s, [ch('x')]);
    assert!(
        matches!(sent.as_slice(), [jiratty::app::msg::Command::OpenUrl(_)]),
        "{sent:?}"
    );
}

#[test]
fn a_key_added_beside_the_default_is_the_one_hinted() {
    let s = rebound("[list]\n\"e\" = \"query\"\n\"?\" = \"quit\"\n[global]\n\"h\" = \"help\"\n");
    let status = status_line(&s);
    // `?` quits on the list now: help is `h` (global), the query `e`, quit `?` beside `q`.
    assert!(
        status.ends_with("h help  e query  / filter  Enter open  ? quit"),
        "{status}"
    );
}

#[test]
fn the_filters_screen_and_the_list_messages_follow_the_map() {
    let mut s = rebound(
        "[filters]\n\"R\" = \"rename\"\n[list]\n\"S\" = \"save-filter\"\n\"v\" = \"filters\"\n",
    );
    feed(&mut s, [ch('v')]);
    feed(
        &mut s,
        [Msg::Filters(FilterOutcome {
            op: FilterOp::Load,
            list: Ok(Vec::new()),
            result: Ok(None),
        })],
    );
    let shown = screen(&s);
    assert!(shown.contains("Enter run  R rename  d delete"), "{shown}");
    assert!(
        shown.contains("press S to save the current query"),
        "{shown}"
    );
    // A number without a filter says which key shows them.
    feed(&mut s, [key(KeyCode::Esc), ch('3')]);
    let error = s.status_error().expect("a saved filter 3 is missing");
    assert!(error.contains("press v to see your filters"), "{error}");
}

#[test]
fn the_retry_hint_of_a_failed_list_follows_the_map() {
    let (mut s, id) = list_loading(SIZE);
    s.keymap
        .merge_toml("[list]\n\"F5\" = \"refresh\"\n")
        .expect("the user's key map");
    let e = JiraError::Server {
        status: 503,
        message: "down".into(),
    };
    answer(&mut s, id, Err(e));
    let shown = screen(&s);
    assert!(
        shown.contains("F5 retry   : edit the query   q quit"),
        "{shown}"
    );
}
