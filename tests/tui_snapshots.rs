//! Snapshots of every screen in its loading, empty, error and full states, at 80x24 and
//! 120x40. States are built through `update()` as the event loop would, at the size they are
//! drawn at; the clock is fixed.

// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod tui_support;

use crossterm::event::KeyCode;
use jiratty::app::state::{Screen, State};
use jiratty::jira::{CredentialProblem, JiraError, PageCursor, ServerInfo};
use jiratty::worker::{RequestId, Response};
use tui_support::*;

const SIZES: [Size; 2] = [(80, 24), (120, 40)];

/// Snapshots the state `build` makes at each size.
fn snap(name: &str, build: impl Fn(Size) -> State) {
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), render(&build((w, h)), w, h));
    }
}

fn failed_list(size: Size) -> State {
    let (mut s, id) = list_loading(size);
    let e = JiraError::Network {
        host: "acme.atlassian.net".into(),
        detail: "connection refused".into(),
    };
    answer(&mut s, id, Err(e));
    s
}

fn filtered_list(size: Size) -> State {
    let mut s = list_full(size);
    feed(&mut s, [ch('/')]);
    feed(&mut s, typing("login"));
    s
}

/// A Cloud page of 50 with more to come, the selection at its end: the next page loads.
fn paging_list(size: Size) -> State {
    let (mut s, id) = list_loading(size);
    let issues = (1..=50)
        .map(|i| {
            issue(row_json(
                &format!("ACME-{}", 200 - i),
                &format!("Generated issue number {i}"),
                ("To Do", "new"),
                "Task",
                "Medium",
                Some("Alice Anderson"),
                "2024-06-01T08:00:00.000+0000",
            ))
        })
        .collect();
    let next = Some(PageCursor::Token("next".into()));
    answer(&mut s, id, Ok(page(issues, next, None)));
    let sent = feed(&mut s, [ch('G')]);
    assert!(!sent.is_empty(), "the next page is requested");
    s
}

#[test]
fn list_screens() {
    snap("list_loading", |size| list_loading(size).0);
    snap("list_empty", |size| {
        let (mut s, id) = list_loading(size);
        answer(&mut s, id, Ok(page(Vec::new(), None, Some(0))));
        s
    });
    snap("list_error", failed_list);
    snap("list_full", |size| {
        let mut s = list_full(size);
        feed(&mut s, [ch('j')]);
        s
    });
    snap("list_quick_filter", filtered_list);
    snap("list_more", paging_list);
    // The first frame of a start with the result cache: the last results, marked cached.
    snap("list_cached", |size| {
        use jiratty::app::state::{Names, Row};
        let (mut s, _) = list_loading(size);
        let jql = s.list.jql.clone();
        let mut names = Names::default();
        let rows = sample_issues()
            .into_iter()
            .map(|i| Row::from_list_issue(i, &mut names).to_stored())
            .collect();
        jiratty::app::list::show_cached(
            &mut s,
            jiratty::store::cache::Cached {
                version: 1,
                site: SITE.into(),
                user: "alice".into(),
                jql,
                saved: now() - chrono::Duration::minutes(7),
                total: Some(6),
                rows,
            },
        );
        s
    });
}

fn detail_loading(size: Size) -> (State, RequestId) {
    let mut s = list_full(size);
    let sent = feed(&mut s, [key(KeyCode::Enter)]);
    assert_eq!(issue_request_key(&sent).as_deref(), Some("ACME-142"));
    (s, last_id(&sent))
}

fn detail_full(size: Size) -> State {
    let (mut s, id) = detail_loading(size);
    let full = issue(full_issue_json());
    answer(&mut s, id, Ok(Response::Issue(Box::new(full))));
    s
}

#[test]
fn detail_screens() {
    snap("detail_loading", |size| detail_loading(size).0);
    snap("detail_error", |size| {
        let (mut s, id) = detail_loading(size);
        let e = JiraError::NotFound {
            message: "Issue does not exist or you do not have permission to see it.".into(),
        };
        answer(&mut s, id, Err(e));
        s
    });
    snap("detail_full", detail_full);
    snap("detail_full_bottom", |size| {
        let mut s = detail_full(size);
        feed(&mut s, [ch('G')]);
        s
    });
}

#[test]
fn overlays() {
    snap("query_jql_error", |size| {
        let mut s = list_full(size);
        feed(&mut s, [ch(':'), ctrl('u')]);
        feed(&mut s, typing("project = DOC AND ("));
        let id = last_id(&feed(&mut s, [key(KeyCode::Enter)]));
        let message = "Error in the JQL Query: Expecting either 'NOT', a field name or '(' but \
                       got the end of the query. (line 1, character 19)";
        let e = JiraError::BadJql {
            message: message.into(),
            line: Some(1),
            character: Some(19),
        };
        answer(&mut s, id, Err(e));
        s
    });
    snap("help", |size| {
        let mut s = list_full(size);
        feed(&mut s, [ch('?')]);
        s
    });
    snap("query_completion", |size| {
        let mut s = list_full(size);
        feed(&mut s, [ch(':'), ctrl('u')]);
        feed(&mut s, typing("project = ACME AND stat"));
        s
    });
    snap("filters_screen", |size| {
        use jiratty::app::msg::{FilterOp, FilterOutcome};
        use jiratty::app::state::FilterEntry;
        let mut s = list_full(size);
        feed(&mut s, [ch('f')]);
        let entry = |name: &str, jql: &str, local: bool| FilterEntry {
            name: name.into(),
            jql: jql.into(),
            description: None,
            local,
        };
        feed(
            &mut s,
            [jiratty::app::msg::Msg::Filters(FilterOutcome {
                op: FilterOp::Load,
                list: Ok(vec![
                    entry(
                        "My open bugs",
                        "assignee = currentUser() AND type = Bug",
                        true,
                    ),
                    entry(
                        "Team sprint",
                        "project = ACME AND sprint in openSprints()",
                        true,
                    ),
                ]),
                result: Ok(None),
            })],
        );
        s
    });
}

fn detect(s: &mut State, site: &str, deployment_type: &str, version: &str) {
    feed(s, typing(site));
    let id = last_id(&feed(s, [key(KeyCode::Enter)]));
    let info = ServerInfo {
        base_url: site.into(),
        version: version.into(),
        deployment_type: Some(deployment_type.into()),
        ..ServerInfo::default()
    };
    answer(s, id, Ok(Response::Detected(info)));
}

#[test]
fn login_screens() {
    snap("login_empty", |size| fresh(Screen::Login, size));
    snap("login_cloud", |size| {
        let mut s = fresh(Screen::Login, size);
        detect(&mut s, SITE, "Cloud", "1001.0.0-SNAPSHOT");
        s
    });
    snap("login_dc_wrong_password", |size| {
        let mut s = fresh(Screen::Login, size);
        detect(&mut s, "https://jira.example.com", "DataCenter", "9.12.4");
        feed(&mut s, typing("alice"));
        feed(&mut s, [key(KeyCode::Tab)]);
        feed(&mut s, typing("wrong-password"));
        let id = last_id(&feed(&mut s, [key(KeyCode::Enter)]));
        let e = JiraError::WrongCredentials {
            problem: CredentialProblem::Mismatch,
            cloud: false,
        };
        answer(&mut s, id, Err(e));
        s
    });
}

// Defects the snapshots show, asserted as they should be.

#[test]
fn list_error_hint_is_wrapped_not_cut() {
    let screen = render(&failed_list((80, 24)), 80, 24);
    assert!(screen.contains("(HTTPS_PROXY)."), "{screen}");
}

#[test]
fn quick_filter_keeps_the_count_in_the_header() {
    let screen = render(&filtered_list((80, 24)), 80, 24);
    let header = screen.lines().nth(1).unwrap();
    assert!(header.contains("/ login"), "{header}");
    assert!(header.contains("1 of 2 matching"), "{header}");
}

#[test]
fn loading_more_is_visible_at_the_end_of_a_full_list() {
    let screen = render(&paging_list((80, 24)), 80, 24);
    assert!(screen.contains("Loading more…"), "{screen}");
}
