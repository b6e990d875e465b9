//! Shared fixtures for the TUI tests: a fixed clock, states built through `update()`, issues
//! built from JSON, and rendering a state into a `TestBackend`.
#![allow(dead_code)]

use chrono::{DateTime, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiratty::app::keymap::Keymap;
use jiratty::app::list::start_search;
use jiratty::app::msg::{Command, Msg};
use jiratty::app::state::{DEFAULT_JQL, Screen, Session, State};
use jiratty::app::update::update;
use jiratty::jira::{Deployment, JiraError, ListIssue, PageCursor, SearchPage};
use jiratty::worker::{RequestId, RequestKind, Response, WorkerEvent};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::{Value, json};

pub const SITE: &str = "https://acme.atlassian.net";

/// The clock every view is drawn against, so relative times are stable.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 6, 1, 12, 0, 0).unwrap()
}

pub fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn ch(c: char) -> Msg {
    key(KeyCode::Char(c))
}

pub fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

pub fn typing(text: &str) -> Vec<Msg> {
    text.chars().map(ch).collect()
}

/// Feeds messages; returns the commands.
pub fn feed(s: &mut State, msgs: impl IntoIterator<Item = Msg>) -> Vec<Command> {
    msgs.into_iter().flat_map(|m| update(s, m)).collect()
}

/// The id of the last request among `commands`.
pub fn last_id(commands: &[Command]) -> RequestId {
    commands
        .iter()
        .rev()
        .find_map(|c| match c {
            Command::Send(r) => Some(r.id),
            _ => None,
        })
        .expect("a request was sent")
}

pub fn answer(s: &mut State, id: RequestId, result: Result<Response, JiraError>) -> Vec<Command> {
    update(s, Msg::Worker(WorkerEvent { id, result }))
}

/// A size to build a state at (the event loop learns it before anything else).
pub type Size = (u16, u16);

/// A fresh state showing `screen`, already at `size`.
pub fn fresh(screen: Screen, size: Size) -> State {
    let mut s = State::new(screen, DEFAULT_JQL, Keymap::default_map(), now());
    update(&mut s, Msg::Resize(size.0, size.1));
    s
}

/// The list screen of alice on the Cloud site, its first search in flight.
pub fn list_loading(size: Size) -> (State, RequestId) {
    let mut s = fresh(Screen::List, size);
    s.session = Some(Session {
        site: SITE.into(),
        user: "Alice Anderson".into(),
        deployment: Some(Deployment::Cloud),
    });
    let mut out = Vec::new();
    start_search(&mut s, &mut out);
    (s, last_id(&out))
}

/// One issue as a search returns it.
#[allow(clippy::too_many_arguments)]
pub fn row_json(
    key: &str,
    summary: &str,
    status: (&str, &str),
    kind: &str,
    priority: &str,
    assignee: Option<&str>,
    updated: &str,
) -> Value {
    json!({
        "id": "10000", "key": key,
        "fields": {
            "summary": summary,
            "status": {"name": status.0, "statusCategory": {"key": status.1}},
            "issuetype": {"name": kind},
            "priority": {"name": priority},
            "assignee": assignee.map(|a| json!({"displayName": a})),
            "updated": updated
        }
    })
}

pub fn issue<T: serde::de::DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).expect("an issue")
}

/// A varied first page: statuses of each category, long and non-ASCII summaries, an
/// unassigned issue, times from minutes to months ago.
pub fn sample_issues() -> Vec<ListIssue> {
    let prog = ("In Progress", "indeterminate");
    let todo = ("To Do", "new");
    let done = ("Done", "done");
    let review = ("In Review", "indeterminate");
    let a = Some("Alice Anderson");
    [
        row_json(
            "ACME-142",
            "Login page rejects e-mail addresses with a plus sign",
            prog,
            "Bug",
            "High",
            a,
            "2024-06-01T11:55:00.000+0000",
        ),
        row_json(
            "ACME-139",
            "Export the monthly report as CSV",
            todo,
            "Story",
            "Medium",
            a,
            "2024-06-01T09:00:00.000+0000",
        ),
        row_json(
            "OPS-77",
            "Rotate the TLS certificates of the staging cluster before they expire next week",
            review,
            "Task",
            "Highest",
            a,
            "2024-05-31T12:00:00.000+0000",
        ),
        row_json(
            "DOC-12",
            "Café menu: ünïcödé summaries and 日本語のタイトル render aligned",
            todo,
            "Task",
            "Low",
            a,
            "2024-05-27T12:00:00.000+0000",
        ),
        row_json(
            "ACME-98",
            "Flaky test in the payment service",
            done,
            "Bug",
            "Lowest",
            None,
            "2024-05-10T12:00:00.000+0000",
        ),
        row_json(
            "OPS-3",
            "Write the on-call runbook",
            prog,
            "Epic",
            "Medium",
            Some("Bartholomew Featherstonehaugh-Smythe"),
            "2023-11-02T12:00:00.000+0000",
        ),
    ]
    .into_iter()
    .map(issue)
    .collect()
}

pub fn page(issues: Vec<ListIssue>, next: Option<PageCursor>, total: Option<u64>) -> Response {
    Response::Page(SearchPage {
        issues,
        next,
        total,
    })
}

/// The list with the sample page loaded.
pub fn list_full(size: Size) -> State {
    let (mut s, id) = list_loading(size);
    answer(&mut s, id, Ok(page(sample_issues(), None, Some(6))));
    s
}

/// An issue in full: fields, parent, sub-tasks, links, an ADF description and comments.
pub fn full_issue_json() -> Value {
    let para = |t: &str| json!({"type": "paragraph", "content": [{"type": "text", "text": t}]});
    let r = |key: &str, summary: &str, status: &str| json!({"id": "1", "key": key, "fields": {"summary": summary, "status": {"name": status}}});
    json!({
        "id": "10142", "key": "ACME-142",
        "fields": {
            "summary": "Login page rejects e-mail addresses with a plus sign",
            "status": {"name": "In Progress", "statusCategory": {"key": "indeterminate"}},
            "issuetype": {"name": "Bug"},
            "priority": {"name": "High"},
            "resolution": null,
            "assignee": {"displayName": "Alice Anderson", "accountId": "a1"},
            "reporter": {"displayName": "Bob Brown", "accountId": "b2"},
            "created": "2024-05-20T08:30:00.000+0000",
            "updated": "2024-06-01T11:55:00.000+0000",
            "duedate": "2024-06-14",
            "labels": ["login", "regression"],
            "components": [{"id": "1", "name": "Web"}, {"id": "2", "name": "Accounts"}],
            "parent": r("ACME-100", "Accounts overhaul", "In Progress"),
            "subtasks": [r("ACME-143", "Add a test for plus addresses", "Done"),
                         r("ACME-144", "Fix the validation regex", "To Do")],
            "issuelinks": [
                {"id": "1", "type": {"name": "Blocks", "inward": "is blocked by", "outward": "blocks"},
                 "outwardIssue": r("ACME-150", "Release 2.4", "To Do")},
                {"id": "2", "type": {"name": "Relates", "inward": "relates to", "outward": "relates to"},
                 "inwardIssue": r("OPS-77", "Rotate the TLS certificates", "In Review")}
            ],
            "description": {"type": "doc", "version": 1, "content": [
                para("Users with addresses like alice+jira@example.com cannot log in: the form says the address is invalid."),
                {"type": "bulletList", "content": [
                    {"type": "listItem", "content": [para("Open the login page")]},
                    {"type": "listItem", "content": [para("Type an address with a plus sign")]}
                ]},
                para("Expected: the login works.")
            ]},
            "comment": {"startAt": 0, "maxResults": 50, "total": 2, "comments": [
                {"id": "1", "author": {"displayName": "Bob Brown"},
                 "body": {"type": "doc", "version": 1, "content": [para("Seen on production too.")]},
                 "created": "2024-05-21T10:00:00.000+0000", "updated": "2024-05-21T10:00:00.000+0000"},
                {"id": "2", "author": {"displayName": "Alice Anderson"},
                 "body": "The regex in validate.js forgets the plus. Fix coming.",
                 "created": "2024-06-01T10:00:00.000+0000", "updated": "2024-06-01T10:00:00.000+0000"}
            ]}
        }
    })
}

/// The state resized to `w`x`h` (as the event loop would), drawn into a `TestBackend`.
pub fn render(state: &State, w: u16, h: u16) -> String {
    let mut state = state.clone();
    update(&mut state, Msg::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| jiratty::ui::draw(f, &state)).unwrap();
    format!("{}", terminal.backend())
}

/// Rows of the request kind sent, for assertions.
pub fn issue_request_key(commands: &[Command]) -> Option<String> {
    commands.iter().find_map(|c| match c {
        Command::Send(r) => match &r.kind {
            RequestKind::Issue { key } => Some(key.clone()),
            _ => None,
        },
        _ => None,
    })
}
