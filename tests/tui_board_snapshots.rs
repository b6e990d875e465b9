//! Snapshots of the board screen: a Scrum board on its active sprint and a Kanban board, at
//! 80x24 (columns scroll with the selection) and 160x45, plus swimlanes, zoom, a pending move,
//! and the opening and failed states. Built through `update()` as the event loop would.
#![allow(clippy::unwrap_used, clippy::panic)]

mod tui_support;

use crossterm::event::KeyCode;
use jiratty::app::state::{Screen, State};
use jiratty::jira::JiraError;
use jiratty::jira::agile::{
    Board, BoardColumn, BoardConfig, BoardIssue, BoardIssuePage, CardUser, Sprint,
};
use jiratty::worker::Response;
use tui_support::*;

const SIZES: [Size; 2] = [(80, 24), (160, 45)];

fn snap(name: &str, build: impl Fn(Size) -> State) {
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), render(&build((w, h)), w, h));
    }
}

fn column(name: &str, ids: &[&str], min: Option<u64>, max: Option<u64>) -> BoardColumn {
    BoardColumn {
        name: name.into(),
        status_ids: ids.iter().map(|s| s.to_string()).collect(),
        min,
        max,
    }
}

fn person(name: &str) -> Option<CardUser> {
    Some(CardUser {
        name: name.into(),
        id: name.to_lowercase(),
    })
}

#[allow(clippy::too_many_arguments)]
fn card(
    key: &str,
    summary: &str,
    status: &str,
    kind: &str,
    priority: &str,
    who: Option<&str>,
    estimate: Option<f64>,
    epic: Option<&str>,
) -> BoardIssue {
    BoardIssue {
        key: key.into(),
        summary: summary.into(),
        status_id: status.into(),
        issue_type: kind.into(),
        priority: priority.into(),
        assignee: who.and_then(person),
        estimate,
        parent: epic.map(|e| (e.to_string(), format!("Epic {e}"))),
        ..BoardIssue::default()
    }
}

fn scrum_cards() -> Vec<BoardIssue> {
    let mut cards = vec![
        card(
            "ACME-41",
            "Checkout: show the delivery estimate before payment",
            "10000",
            "Story",
            "High",
            Some("Alice Anderson"),
            Some(5.0),
            Some("ACME-1"),
        ),
        card(
            "ACME-44",
            "Basket loses items when the session expires",
            "10000",
            "Bug",
            "Highest",
            None,
            None,
            Some("ACME-1"),
        ),
        card(
            "ACME-47",
            "Copy for the new payment page",
            "10000",
            "Task",
            "Low",
            Some("Carol Chen"),
            Some(1.0),
            None,
        ),
        card(
            "ACME-38",
            "Pay with a saved card in one step",
            "3",
            "Story",
            "Medium",
            Some("Bob Brown"),
            Some(8.0),
            Some("ACME-1"),
        ),
        card(
            "ACME-39",
            "Feature flag for checkout v2",
            "3",
            "Task",
            "Medium",
            Some("Alice Anderson"),
            Some(2.0),
            Some("ACME-1"),
        ),
        card(
            "ACME-42",
            "Address form rejects postcodes with spaces",
            "3",
            "Bug",
            "High",
            Some("Bob Brown"),
            Some(3.0),
            None,
        ),
        card(
            "ACME-43",
            "Order confirmation e-mail has the wrong total",
            "3",
            "Bug",
            "Medium",
            Some("Carol Chen"),
            Some(2.0),
            None,
        ),
        card(
            "ACME-35",
            "Remember the last delivery address",
            "10001",
            "Story",
            "Medium",
            Some("Alice Anderson"),
            Some(3.0),
            Some("ACME-1"),
        ),
        card(
            "ACME-30",
            "Checkout page loads in under a second",
            "10002",
            "Story",
            "High",
            Some("Bob Brown"),
            Some(5.0),
            Some("ACME-1"),
        ),
        card(
            "ACME-31",
            "Log payment failures with the provider's code",
            "10002",
            "Task",
            "Medium",
            None,
            Some(1.0),
            None,
        ),
    ];
    cards[1].flagged = true;
    cards[3].subtasks = 3;
    cards
}

fn scrum(size: Size) -> State {
    let mut s = fresh(Screen::List, size);
    let mut out = Vec::new();
    jiratty::app::board::open(&mut s, "ACME board".into(), None, &mut out);
    let board = Board {
        id: 1,
        name: "ACME board".into(),
        kind: "scrum".into(),
        project_key: "ACME".into(),
        project_name: "Acme Web App".into(),
    };
    let config = BoardConfig {
        id: 1,
        name: "ACME board".into(),
        kind: "scrum".into(),
        columns: vec![
            column("To Do", &["10000"], None, None),
            column("In Progress", &["3"], Some(1), Some(3)),
            column("In Review", &["10001"], None, Some(2)),
            column("Done", &["10002"], None, None),
        ],
        estimation_field: Some("customfield_10016".into()),
        estimation_name: "Story Points".into(),
        rank_field: Some(10019),
    };
    let sprints = vec![Sprint {
        id: 12,
        name: "ACME Sprint 12".into(),
        state: "active".into(),
        goal: "Checkout v2 behind a flag; no P1 bugs open".into(),
        start: "2024-05-27T09:00:00.000Z".into(),
        end: "2024-06-05T09:00:00.000Z".into(),
        origin_board: Some(1),
    }];
    let out = answer(
        &mut s,
        last_id(&out),
        Ok(Response::BoardOpened(Box::new((board, config, sprints)))),
    );
    let cards = scrum_cards();
    let total = cards.len() as u64;
    answer(
        &mut s,
        last_id(&out),
        Ok(Response::BoardIssues(BoardIssuePage {
            issues: cards,
            start_at: 0,
            total,
        })),
    );
    s
}

fn kanban(size: Size) -> State {
    let mut s = fresh(Screen::List, size);
    let mut out = Vec::new();
    jiratty::app::board::open(&mut s, "OPS Kanban".into(), None, &mut out);
    let board = Board {
        id: 2,
        name: "OPS Kanban".into(),
        kind: "kanban".into(),
        project_key: "OPS".into(),
        project_name: "Operations".into(),
    };
    let config = BoardConfig {
        id: 2,
        name: "OPS Kanban".into(),
        kind: "kanban".into(),
        columns: vec![
            column("Backlog", &["10000"], None, None),
            column("In Progress", &["3"], None, Some(4)),
            column("In Review", &["10001"], None, None),
            column("Done", &["10002"], None, None),
        ],
        estimation_field: None,
        estimation_name: String::new(),
        rank_field: Some(10019),
    };
    let out = answer(
        &mut s,
        last_id(&out),
        Ok(Response::BoardOpened(Box::new((board, config, Vec::new())))),
    );
    let cards = vec![
        card(
            "OPS-12",
            "Rotate the TLS certificates of the edge proxies",
            "10000",
            "Task",
            "High",
            None,
            None,
            None,
        ),
        card(
            "OPS-15",
            "Disk alerts on the build agents fire too late",
            "10000",
            "Bug",
            "Medium",
            Some("Bob Brown"),
            None,
            None,
        ),
        card(
            "OPS-9",
            "Move nightly backups to the new bucket",
            "3",
            "Task",
            "Medium",
            Some("Bob Brown"),
            None,
            None,
        ),
        card(
            "OPS-10",
            "Upgrade the database to the next minor version",
            "3",
            "Task",
            "High",
            Some("Carol Chen"),
            None,
            None,
        ),
        card(
            "OPS-11",
            "Grafana dashboards for the queue workers",
            "3",
            "Story",
            "Low",
            Some("Alice Anderson"),
            None,
            None,
        ),
        card(
            "OPS-13",
            "Pager rota for the holidays",
            "3",
            "Task",
            "Medium",
            Some("Bob Brown"),
            None,
            None,
        ),
        card(
            "OPS-14",
            "Staging runs out of memory during load tests",
            "3",
            "Bug",
            "Highest",
            Some("Carol Chen"),
            None,
            None,
        ),
        card(
            "OPS-3",
            "Retire the old CI server",
            "10002",
            "Task",
            "Low",
            Some("Alice Anderson"),
            None,
            None,
        ),
    ];
    let total = cards.len() as u64;
    answer(
        &mut s,
        last_id(&out),
        Ok(Response::BoardIssues(BoardIssuePage {
            issues: cards,
            start_at: 0,
            total,
        })),
    );
    s
}

#[test]
fn scrum_board() {
    snap("board_scrum", scrum);
    // The selection in the last column: at 80 columns the board scrolls to keep it whole.
    snap("board_scrum_right", |size| {
        let mut s = scrum(size);
        feed(&mut s, [ch('l'), ch('l'), ch('l')]);
        s
    });
    snap("board_scrum_lanes", |size| {
        let mut s = scrum(size);
        feed(&mut s, [ch('s')]);
        s
    });
    snap("board_scrum_zoom_filtered", |size| {
        let mut s = scrum(size);
        feed(&mut s, [ch('l'), ch('z'), ch('/')]);
        feed(&mut s, typing("bug"));
        s
    });
}

#[test]
fn kanban_board() {
    snap("board_kanban", kanban);
}

#[test]
fn opening_and_failed_boards() {
    snap("board_opening", |size| {
        let mut s = fresh(Screen::List, size);
        let mut out = Vec::new();
        jiratty::app::board::open(&mut s, "ACME board".into(), None, &mut out);
        s
    });
    snap("board_failed", |size| {
        let mut s = fresh(Screen::List, size);
        let mut out = Vec::new();
        jiratty::app::board::open(&mut s, "Nope".into(), None, &mut out);
        let e = JiraError::NotFound {
            message: "No board is called 'Nope'.".into(),
        };
        answer(&mut s, last_id(&out), Err(e));
        feed(&mut s, [key(KeyCode::F(12))]);
        s
    });
}
