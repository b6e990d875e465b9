//! `update()` flows: messages in, state and commands out. No terminal, no network.
//! The list, paging, query, quick filter and detail flows here; login and the keys that act
//! everywhere in `update_tests/login_and_keys.rs`.

mod actions;
mod cached;
mod comment_edits;
mod compose;
mod detail;
mod forms;
mod login_and_keys;
mod paging;
mod screens;
mod waits;

use super::keymap::Keymap;
use super::msg::{Command, Msg};
use super::state::*;
use super::update::update;
use crate::jira::{Deployment, Issue, JiraError, ListIssue, PageCursor, SearchPage};
use crate::worker::{RequestId, RequestKind, Response, WorkerEvent};
use chrono::{DateTime, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::json;

const SITE: &str = "https://acme.atlassian.net";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 6, 1, 12, 0, 0).unwrap()
}

fn state() -> State {
    let mut s = State::new(Screen::List, DEFAULT_JQL, Keymap::default_map(), now());
    s.session = Some(Session {
        site: SITE.into(),
        user: "Alice Anderson".into(),
        deployment: Some(Deployment::Cloud),
    });
    s
}

fn code(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn ch(c: char) -> Msg {
    code(KeyCode::Char(c))
}

fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// Feeds messages; returns all commands they produced.
fn feed(s: &mut State, msgs: impl IntoIterator<Item = Msg>) -> Vec<Command> {
    msgs.into_iter().flat_map(|m| update(s, m)).collect()
}

fn typing(text: &str) -> Vec<Msg> {
    text.chars().map(ch).collect()
}

fn issue(key: &str, summary: &str) -> Issue {
    serde_json::from_value(issue_json(key, summary)).unwrap()
}

/// An issue as a search page gives it to the list.
fn list_issue(key: &str, summary: &str) -> ListIssue {
    serde_json::from_value(issue_json(key, summary)).unwrap()
}

fn issue_json(key: &str, summary: &str) -> serde_json::Value {
    json!({
        "id": "1", "key": key,
        "fields": {
            "summary": summary,
            "status": {"name": "In Progress", "statusCategory": {"key": "indeterminate"}},
            "issuetype": {"name": "Bug"}, "priority": {"name": "High"},
            "assignee": {"displayName": "Alice Anderson"},
            "updated": "2024-06-01T09:00:00.000+0000"
        }
    })
}

fn page(
    prefix: &str,
    range: std::ops::Range<usize>,
    next: Option<PageCursor>,
) -> SearchPage<ListIssue> {
    SearchPage {
        issues: range
            .map(|i| list_issue(&format!("{prefix}-{i}"), &format!("Summary {i}")))
            .collect(),
        next,
        total: None,
    }
}

fn answer(id: RequestId, result: Result<Response, JiraError>) -> Msg {
    Msg::Worker(WorkerEvent { id, result })
}

/// The searches among `commands`: id, JQL and cursor.
fn searches(commands: &[Command]) -> Vec<(RequestId, String, Option<PageCursor>)> {
    commands
        .iter()
        .filter_map(|c| match c {
            Command::Send(r) => match &r.kind {
                RequestKind::Search { request, cursor } => {
                    Some((r.id, request.jql.clone(), cursor.clone()))
                }
                _ => None,
            },
            _ => None,
        })
        .collect()
}

fn only_search(commands: &[Command]) -> (RequestId, String, Option<PageCursor>) {
    let found = searches(commands);
    assert_eq!(found.len(), 1, "one search expected in {commands:?}");
    found.into_iter().next().unwrap()
}

/// A list showing `n` rows of a first page with more to come.
fn loaded(n: usize) -> State {
    let mut s = state();
    let mut out = Vec::new();
    crate::app::list::start_search(&mut s, &mut out);
    let (id, _, _) = only_search(&out);
    let more = (n >= 50).then(|| PageCursor::Token("tok2".into()));
    assert!(
        searches(&update(
            &mut s,
            answer(id, Ok(Response::Page(page("ACME", 0..n, more))))
        ))
        .is_empty()
    );
    s
}

fn keys(s: &State) -> Vec<String> {
    s.list.rows.iter().map(|r| r.key().to_string()).collect()
}

fn visible_keys(s: &State) -> Vec<String> {
    (0..s.list.visible_len())
        .map(|i| s.list.rows[s.list.row_index(i).unwrap()].key().to_string())
        .collect()
}

#[test]
fn starting_a_search_sends_it_and_its_page_fills_the_list() {
    let mut s = state();
    let mut out = Vec::new();
    crate::app::list::start_search(&mut s, &mut out);
    let (id, jql, cursor) = only_search(&out);
    assert_eq!(jql, DEFAULT_JQL);
    assert_eq!(cursor, None);
    assert_eq!(s.list.phase, Phase::Loading);
    assert!(s.busy());
    update(
        &mut s,
        answer(id, Ok(Response::Page(page("ACME", 0..3, None)))),
    );
    assert_eq!(keys(&s), ["ACME-0", "ACME-1", "ACME-2"]);
    assert_eq!(s.list.phase, Phase::Idle);
    assert_eq!(s.list.rows[0].assignee.as_deref(), Some("Alice Anderson"));
    assert_eq!(s.list.rows[0].category, Category::InProgress);
    assert!(!s.busy());
}

#[test]
fn moving_near_the_end_loads_the_next_page_once() {
    let mut s = loaded(50);
    assert_eq!(s.list.selected, 0);
    let mut sent = Vec::new();
    for _ in 0..45 {
        sent.extend(feed(&mut s, [ch('j')]));
    }
    let (id, jql, cursor) = only_search(&sent);
    assert_eq!(jql, DEFAULT_JQL);
    assert_eq!(cursor, Some(PageCursor::Token("tok2".into())));
    assert_eq!(s.list.selected, 45);
    // More moves while it loads send nothing more.
    assert!(searches(&feed(&mut s, [ch('G'), ch('k'), ch('j')])).is_empty());
    let last = SearchPage {
        total: None,
        ..page("ACME", 50..60, None)
    };
    assert!(searches(&update(&mut s, answer(id, Ok(Response::Page(last))))).is_empty());
    assert_eq!(s.list.rows.len(), 60);
    assert_eq!(s.list.rows[50].key(), "ACME-50");
    assert_eq!(s.list.selected, 49, "the selection stays where it was");
    // The last page: nothing more to load however far one goes.
    assert!(searches(&feed(&mut s, [ch('G'), ch('j')])).is_empty());
    assert_eq!(s.list.selected, 59);
}

#[test]
fn growing_the_window_at_the_end_of_the_list_fills_it() {
    let mut s = loaded(50);
    feed(&mut s, [Msg::Resize(80, 24), ch('G')]);
    assert_eq!(s.list.offset, 50 - s.list_height());
    update(&mut s, Msg::Resize(120, 40));
    assert_eq!(s.list.offset, 50 - s.list_height(), "all 36 rows are used");
}

#[test]
fn stale_answers_are_dropped() {
    let mut s = state();
    let mut out = Vec::new();
    crate::app::list::start_search(&mut s, &mut out);
    let (old, _, _) = only_search(&out);
    let (new, _, _) = only_search(&feed(&mut s, [ch('r')]));
    assert_ne!(old, new);
    update(
        &mut s,
        answer(old, Ok(Response::Page(page("OLD", 0..5, None)))),
    );
    assert!(
        s.list.rows.is_empty(),
        "an answer nobody waits for is dropped"
    );
    assert_eq!(s.list.phase, Phase::Loading);
    update(
        &mut s,
        answer(new, Ok(Response::Page(page("NEW", 0..2, None)))),
    );
    assert_eq!(keys(&s), ["NEW-0", "NEW-1"]);
    // A late error for the old request changes nothing either.
    let late = JiraError::Server {
        status: 500,
        message: "boom".into(),
    };
    update(&mut s, answer(old, Err(late)));
    assert_eq!(s.list.phase, Phase::Idle);
    assert_eq!(s.status_error(), None);
}

#[test]
fn a_new_query_supersedes_the_page_in_flight() {
    let mut s = state();
    let mut out = Vec::new();
    crate::app::list::start_search(&mut s, &mut out);
    let (first, _, _) = only_search(&out);
    feed(&mut s, [ch(':')]);
    let Overlay::Query(q) = &s.overlay else {
        panic!("the query overlay is open")
    };
    assert_eq!(
        q.input.text(),
        DEFAULT_JQL,
        "prefilled with the current query"
    );
    feed(&mut s, [ctrl('u')]);
    let mut sent = feed(&mut s, typing("project = DOC"));
    sent.extend(feed(&mut s, [code(KeyCode::Enter)]));
    let (query, jql, cursor) = only_search(&sent);
    assert_eq!((jql.as_str(), cursor), ("project = DOC", None));
    assert!(s.busy());
    update(
        &mut s,
        answer(first, Ok(Response::Page(page("ACME", 0..5, None)))),
    );
    assert!(s.list.rows.is_empty(), "the superseded page is dropped");
    update(
        &mut s,
        answer(query, Ok(Response::Page(page("DOC", 0..2, None)))),
    );
    assert_eq!(s.overlay, Overlay::None);
    assert_eq!(s.list.jql, "project = DOC");
    assert_eq!(keys(&s), ["DOC-0", "DOC-1"]);
    assert_eq!(s.screen, Screen::List);
}

#[test]
fn cancelling_a_running_query_does_not_strand_the_list() {
    let mut s = state();
    let mut out = Vec::new();
    crate::app::list::start_search(&mut s, &mut out);
    feed(&mut s, [ch(':'), code(KeyCode::Enter), code(KeyCode::Esc)]);
    // The worker aborted the first page for the query; now the query is cancelled too.
    assert!(
        s.list.phase != Phase::Loading || s.requests.contains(Slot::Page),
        "the list says Loading but nothing is in flight: {:?}",
        s.list
    );
}

#[test]
fn a_rejected_query_keeps_the_overlay_with_the_error_and_the_text() {
    let mut s = loaded(3);
    feed(&mut s, [ch(':'), ctrl('u')]);
    feed(&mut s, typing("project = DOC AND ("));
    let (id, _, _) = only_search(&feed(&mut s, [code(KeyCode::Enter)]));
    let message =
        "Error in the JQL Query: Expecting a field name but got the end. (line 1, character 20)";
    let e = JiraError::BadJql {
        message: message.into(),
        line: Some(1),
        character: Some(20),
    };
    update(&mut s, answer(id, Err(e)));
    let Overlay::Query(q) = &s.overlay else {
        panic!("the overlay stays open")
    };
    assert_eq!(q.input.text(), "project = DOC AND (");
    let error = q.error.as_ref().expect("the error is shown");
    assert!(error.notice.sentence.starts_with("Error in the JQL Query"));
    assert_eq!(error.position, Some((1, 20)));
    assert!(!s.requests.contains(Slot::Query));
    assert_eq!(
        keys(&s),
        ["ACME-0", "ACME-1", "ACME-2"],
        "the old list stays"
    );
    // Editing clears the error; Esc closes without running.
    feed(&mut s, [code(KeyCode::Backspace)]);
    assert!(matches!(&s.overlay, Overlay::Query(q) if q.error.is_none()));
    assert!(feed(&mut s, [code(KeyCode::Esc)]).is_empty());
    assert_eq!(s.overlay, Overlay::None);
    assert_eq!(s.list.jql, DEFAULT_JQL);
}

#[test]
fn quick_filter_narrows_by_fuzzy_key_and_summary_and_esc_clears_it() {
    let mut s = state();
    let mut out = Vec::new();
    crate::app::list::start_search(&mut s, &mut out);
    let (id, _, _) = only_search(&out);
    let p = SearchPage {
        issues: vec![
            list_issue("ACME-1", "Fix the login page"),
            list_issue("ACME-2", "Write release notes"),
            list_issue("OPS-7", "Rotate the logs"),
        ],
        next: None,
        total: Some(3),
    };
    update(&mut s, answer(id, Ok(Response::Page(p))));
    feed(&mut s, [ch('/')]);
    feed(&mut s, typing("lgn"));
    assert_eq!(visible_keys(&s), ["ACME-1"], "fuzzy: l…g…n in 'login'");
    feed(&mut s, [ctrl('u')]);
    feed(&mut s, typing("ops"));
    assert_eq!(visible_keys(&s), ["OPS-7"], "matches the key");
    feed(&mut s, [ctrl('u')]);
    feed(&mut s, typing("NOTES"));
    assert_eq!(visible_keys(&s), ["ACME-2"], "case-insensitive");
    // Letters go into the filter, not to the key map: 'q' does not quit.
    feed(&mut s, [ch('q')]);
    assert!(!s.quit);
    assert_eq!(s.list.visible_len(), 0);
    feed(&mut s, [code(KeyCode::Backspace), code(KeyCode::Esc)]);
    assert_eq!(s.list.quick, None);
    assert_eq!(s.list.visible_len(), 3);
    // Enter keeps the filter but gives the keys back; Esc then clears it.
    feed(
        &mut s,
        [ch('/'), ch('o'), ch('p'), ch('s'), code(KeyCode::Enter)],
    );
    assert_eq!(visible_keys(&s), ["OPS-7"]);
    feed(&mut s, [code(KeyCode::Esc)]);
    assert_eq!(s.list.visible_len(), 3);
}

/// The key of the one issue request in `sent`.
fn issue_request(sent: &[Command]) -> (RequestId, String) {
    match sent {
        [Command::Send(r)] => match &r.kind {
            RequestKind::Issue { key } => (r.id, key.clone()),
            other => panic!("an issue request expected: {other:?}"),
        },
        _ => panic!("one request expected: {sent:?}"),
    }
}
