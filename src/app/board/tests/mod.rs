//! `update()` flows on the board: opening and paging, moving a card to another column through
//! the transition flow (confirmed, refused, asking), ranking, moving to another sprint, the
//! quick filter, and Esc from the issue back to the same card.

use crate::app::keymap::Keymap;
use crate::app::msg::{Command, Msg};
use crate::app::state::*;
use crate::app::update::update;
use crate::jira::agile::{
    Board, BoardColumn, BoardConfig, BoardIssue, BoardIssuePage, RankPlace, Sprint,
};
use crate::jira::{JiraError, Transition};
use crate::worker::{Act, RequestId, RequestKind, Response, WorkerEvent};
use chrono::{TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::json;

mod moves;

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn named(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn feed(s: &mut State, msgs: impl IntoIterator<Item = Msg>) -> Vec<Command> {
    msgs.into_iter().flat_map(|m| update(s, m)).collect()
}

fn sent(commands: &[Command]) -> Vec<(RequestId, RequestKind)> {
    commands
        .iter()
        .filter_map(|c| match c {
            Command::Send(r) => Some((r.id, r.kind.clone())),
            _ => None,
        })
        .collect()
}

fn only(commands: &[Command]) -> (RequestId, RequestKind) {
    let all = sent(commands);
    assert_eq!(all.len(), 1, "one request expected in {all:?}");
    all.into_iter().next().unwrap()
}

fn answer(id: RequestId, result: Result<Response, JiraError>) -> Msg {
    Msg::Worker(WorkerEvent { id, result })
}

/// The demo's ACME board, as the tests (and the snapshots) use it.
pub fn scrum_config() -> BoardConfig {
    let column = |name: &str, id: &str, min, max| BoardColumn {
        name: name.into(),
        status_ids: vec![id.into()],
        min,
        max,
    };
    BoardConfig {
        id: 1,
        name: "ACME board".into(),
        kind: "scrum".into(),
        columns: vec![
            column("To Do", "10000", None, None),
            column("In Progress", "3", Some(1), Some(3)),
            column("In Review", "10001", None, Some(2)),
            column("Done", "10002", None, None),
        ],
        estimation_field: Some("customfield_10016".into()),
        estimation_name: "Story Points".into(),
        rank_field: Some(10019),
    }
}

/// A card in status `status` (an id of [`scrum_config`]).
pub fn card(key: &str, status: &str, who: Option<&str>) -> BoardIssue {
    let name = match status {
        "10000" => "To Do",
        "3" => "In Progress",
        "10001" => "In Review",
        _ => "Done",
    };
    BoardIssue {
        key: key.into(),
        summary: format!("Work on {key} so that the board has something to show"),
        status_id: status.into(),
        status: name.into(),
        issue_type: "Story".into(),
        priority: "Medium".into(),
        assignee: who.map(|w| crate::jira::agile::CardUser {
            name: w.into(),
            id: w.to_lowercase(),
        }),
        estimate: Some(3.0),
        ..BoardIssue::default()
    }
}

pub fn sprints() -> Vec<Sprint> {
    vec![
        Sprint {
            id: 12,
            name: "ACME Sprint 12".into(),
            state: "active".into(),
            goal: "Checkout v2 behind a flag".into(),
            start: "2024-05-27T09:00:00.000Z".into(),
            end: "2024-06-05T09:00:00.000Z".into(),
            origin_board: Some(1),
        },
        Sprint {
            id: 13,
            name: "ACME Sprint 13".into(),
            state: "future".into(),
            ..Sprint::default()
        },
    ]
}

fn state() -> State {
    let now = Utc.with_ymd_and_hms(2024, 6, 1, 12, 0, 0).unwrap();
    State::new(Screen::List, DEFAULT_JQL, Keymap::default_map(), now)
}

/// The ACME board open on its active sprint with `cards` loaded.
fn open(cards: Vec<BoardIssue>) -> State {
    let mut s = state();
    let mut out = Vec::new();
    crate::app::board::open(&mut s, "1".into(), None, &mut out);
    let (id, kind) = only(&out);
    assert!(matches!(kind, RequestKind::BoardOpen { ref name_or_id } if name_or_id == "1"));
    assert_eq!(s.screen, Screen::Board);
    let board = Board {
        id: 1,
        name: "ACME board".into(),
        kind: "scrum".into(),
        project_key: "ACME".into(),
        project_name: "Acme".into(),
    };
    let out = feed(
        &mut s,
        [answer(
            id,
            Ok(Response::BoardOpened(Box::new((
                board,
                scrum_config(),
                sprints(),
            )))),
        )],
    );
    let (id, kind) = only(&out);
    assert!(
        matches!(
            kind,
            RequestKind::BoardIssues {
                scope: crate::jira::agile::IssueScope::Sprint(12),
                start_at: 0,
                ..
            }
        ),
        "{kind:?}"
    );
    let total = cards.len() as u64;
    let out = feed(
        &mut s,
        [answer(
            id,
            Ok(Response::BoardIssues(BoardIssuePage {
                issues: cards,
                start_at: 0,
                total,
            })),
        )],
    );
    assert!(sent(&out).is_empty());
    s
}

fn view(s: &State) -> &BoardView {
    s.board.view.as_ref().unwrap()
}

fn column_of(s: &State, key: &str) -> Option<usize> {
    let v = view(s);
    let at = v.issues.iter().position(|i| i.key == key)?;
    v.columns[at]
}

fn transitions(list: serde_json::Value) -> Vec<Transition> {
    crate::jira::workflow::parse_transitions(&json!({ "transitions": list }))
}

fn to_review_and_done() -> Vec<Transition> {
    transitions(json!([
        { "id": "21", "name": "Request review", "to": { "id": "10001", "name": "In Review", "statusCategory": { "key": "indeterminate" } } },
        { "id": "41", "name": "Stop progress", "to": { "id": "10000", "name": "To Do", "statusCategory": { "key": "new" } } },
        { "id": "71", "name": "Mark done", "to": { "id": "10002", "name": "Done", "statusCategory": { "key": "done" } } }
    ]))
}

#[test]
fn a_board_opens_on_its_active_sprint_and_pages_in_the_background() {
    let mut s = state();
    let mut out = Vec::new();
    crate::app::board::open(&mut s, "ACME board".into(), None, &mut out);
    let (id, _) = only(&out);
    let board = Board {
        id: 1,
        name: "ACME board".into(),
        kind: "scrum".into(),
        ..Board::default()
    };
    let out = feed(
        &mut s,
        [answer(
            id,
            Ok(Response::BoardOpened(Box::new((
                board,
                scrum_config(),
                sprints(),
            )))),
        )],
    );
    let (id, _) = only(&out);
    let first: Vec<BoardIssue> = (0..100)
        .map(|n| card(&format!("ACME-{n}"), "10000", None))
        .collect();
    let out = feed(
        &mut s,
        [answer(
            id,
            Ok(Response::BoardIssues(BoardIssuePage {
                issues: first,
                start_at: 0,
                total: 150,
            })),
        )],
    );
    let (id, kind) = only(&out);
    assert!(
        matches!(kind, RequestKind::BoardIssues { start_at: 100, .. }),
        "{kind:?}"
    );
    assert_eq!(view(&s).selected.as_deref(), Some("ACME-0"));
    // Keys work while pages arrive.
    feed(&mut s, [key('j')]);
    assert_eq!(view(&s).selected.as_deref(), Some("ACME-1"));
    let rest: Vec<BoardIssue> = (100..150)
        .map(|n| card(&format!("ACME-{n}"), "3", None))
        .collect();
    let out = feed(
        &mut s,
        [answer(
            id,
            Ok(Response::BoardIssues(BoardIssuePage {
                issues: rest,
                start_at: 100,
                total: 150,
            })),
        )],
    );
    assert!(sent(&out).is_empty());
    assert_eq!(view(&s).issues.len(), 150);
    assert_eq!(view(&s).phase, Phase::Idle);
    assert_eq!(s.board.recent, [1]);
}

#[test]
fn enter_opens_the_issue_and_esc_returns_to_the_same_card() {
    let mut s = open(vec![
        card("ACME-1", "10000", None),
        card("ACME-2", "10000", None),
    ]);
    feed(&mut s, [key('j')]);
    let out = feed(&mut s, [named(KeyCode::Enter)]);
    assert!(
        sent(&out)
            .iter()
            .any(|(_, k)| matches!(k, RequestKind::Issue { key } if key == "ACME-2"))
    );
    assert!(matches!(s.screen, Screen::Detail(_)));
    feed(&mut s, [named(KeyCode::Esc)]);
    assert_eq!(s.screen, Screen::Board);
    assert_eq!(view(&s).selected.as_deref(), Some("ACME-2"));
    feed(&mut s, [named(KeyCode::Esc)]);
    assert_eq!(s.screen, Screen::List);
}

#[test]
fn quick_filter_only_mine_swimlanes_and_zoom() {
    let mut s = open(vec![
        card("ACME-1", "10000", Some("Alice")),
        card("ACME-2", "10000", Some("Bob")),
    ]);
    feed(
        &mut s,
        [
            key('/'),
            key('b'),
            key('o'),
            key('b'),
            named(KeyCode::Enter),
        ],
    );
    assert_eq!(view(&s).quick, "bob");
    assert!(!view(&s).typing);
    feed(&mut s, [key('/'), named(KeyCode::Esc)]);
    assert_eq!(view(&s).quick, "");
    let out = feed(&mut s, [key('m')]);
    assert!(view(&s).mine);
    assert!(
        sent(&out)
            .iter()
            .any(|(_, k)| matches!(k, RequestKind::Myself))
    );
    feed(&mut s, [key('s')]);
    assert_eq!(view(&s).grouping, Lanes::Assignee);
    assert_eq!(view(&s).lanes.len(), 2);
    feed(&mut s, [key('s'), key('s')]);
    assert_eq!(view(&s).grouping, Lanes::None);
    feed(&mut s, [key('z')]);
    assert!(view(&s).zoom);
}

#[test]
fn b_in_the_list_opens_the_board_picker_recent_first() {
    let mut s = state();
    s.board.recent = vec![3];
    let (id, kind) = only(&feed(&mut s, [key('b')]));
    assert!(matches!(kind, RequestKind::Boards));
    let boards = vec![
        Board {
            id: 1,
            name: "ACME board".into(),
            kind: "scrum".into(),
            project_key: "ACME".into(),
            ..Board::default()
        },
        Board {
            id: 3,
            name: "Platform".into(),
            kind: "scrum".into(),
            project_key: "ACME".into(),
            ..Board::default()
        },
    ];
    feed(&mut s, [answer(id, Ok(Response::Boards(boards)))]);
    let Overlay::Pick(p) = &s.overlay else {
        panic!("the board picker")
    };
    assert_eq!(p.picker.choices[0].label, "Platform");
    let (_, kind) = only(&feed(&mut s, [named(KeyCode::Enter)]));
    assert!(matches!(kind, RequestKind::BoardOpen { ref name_or_id } if name_or_id == "3"));
    assert_eq!(s.screen, Screen::Board);
}
