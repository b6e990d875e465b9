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
    super::open(&mut s, "1".into(), None, &mut out);
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
    super::open(&mut s, "ACME board".into(), None, &mut out);
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
fn moving_a_card_right_takes_the_only_transition_into_that_column_and_is_confirmed() {
    let mut s = open(vec![card("ACME-1", "3", None), card("ACME-2", "3", None)]);
    feed(&mut s, [key('l')]);
    assert_eq!(view(&s).column, 2, "l selects the next column");
    feed(&mut s, [key('h')]);
    let (id, kind) = only(&feed(&mut s, [key('L')]));
    assert!(matches!(kind, RequestKind::Transitions { ref key } if key == "ACME-1"));
    // One transition leads into In Review and needs nothing: taken without asking.
    let out = feed(
        &mut s,
        [answer(id, Ok(Response::Transitions(to_review_and_done())))],
    );
    let (act, kind) = only(&out);
    assert!(
        matches!(kind, RequestKind::Act { ref key, act: Act::Transition { ref id, .. } } if key == "ACME-1" && id == "21"),
        "{kind:?}"
    );
    assert_eq!(s.overlay, Overlay::None);
    assert_eq!(column_of(&s, "ACME-1"), Some(2), "the card moves at once");
    assert!(view(&s).pending.contains(&"ACME-1".to_string()));
    assert_eq!(view(&s).column, 2, "the selection follows the card");
    let out = feed(&mut s, [answer(act, Ok(Response::Done))]);
    assert!(view(&s).pending.is_empty());
    assert_eq!(column_of(&s, "ACME-1"), Some(2));
    assert_eq!(s.status_note(), Some("ACME-1 moved to In Review"));
    // Read again: what shows is then Jira's.
    let (id, _) = sent(&out)
        .into_iter()
        .find(|(_, k)| matches!(k, RequestKind::BoardIssues { jql: Some(j), .. } if j == "key = ACME-1"))
        .expect("the card is read again");
    let fresh = card("ACME-1", "10001", Some("Bob Brown"));
    feed(
        &mut s,
        [answer(
            id,
            Ok(Response::BoardIssues(BoardIssuePage {
                issues: vec![fresh],
                start_at: 0,
                total: 1,
            })),
        )],
    );
    let shown = &view(&s).issues[0];
    assert_eq!(shown.assignee.as_ref().unwrap().name, "Bob Brown");
    assert_eq!(column_of(&s, "ACME-1"), Some(2));
}

#[test]
fn a_refused_move_puts_the_card_back_with_jiras_reason() {
    let mut s = open(vec![card("ACME-1", "3", None)]);
    let (id, _) = only(&feed(
        &mut s,
        [Msg::Key(KeyEvent::new(KeyCode::Right, KeyModifiers::SHIFT))],
    ));
    let (act, _) = only(&feed(
        &mut s,
        [answer(id, Ok(Response::Transitions(to_review_and_done())))],
    ));
    assert_eq!(column_of(&s, "ACME-1"), Some(2));
    let refused = JiraError::BadRequest {
        message: "Review needs a reviewer assigned.".into(),
    };
    feed(&mut s, [answer(act, Err(refused))]);
    assert_eq!(column_of(&s, "ACME-1"), Some(1), "back where it was");
    assert_eq!(view(&s).column, 1);
    assert!(view(&s).pending.is_empty());
    let error = s.status_error().unwrap();
    assert!(
        error.contains("Could not move ACME-1") && error.contains("Review needs a reviewer"),
        "{error}"
    );
}

#[test]
fn a_move_that_needs_a_screen_asks_through_the_transition_flow() {
    let mut s = open(vec![card("ACME-1", "10001", None)]);
    let (id, _) = only(&feed(&mut s, [key('L')]));
    let list = transitions(json!([
        { "id": "31", "name": "Done", "hasScreen": true,
          "to": { "id": "10002", "name": "Done", "statusCategory": { "key": "done" } },
          "fields": { "resolution": { "required": true, "name": "Resolution", "schema": { "type": "resolution" },
              "allowedValues": [ { "id": "1", "name": "Fixed" } ] } } },
        { "id": "51", "name": "Request changes", "to": { "id": "3", "name": "In Progress", "statusCategory": { "key": "indeterminate" } } }
    ]));
    let out = feed(&mut s, [answer(id, Ok(Response::Transitions(list)))]);
    assert!(
        sent(&out).is_empty(),
        "nothing sent before the resolution is chosen"
    );
    let Overlay::Pick(p) = &s.overlay else {
        panic!("the resolution is asked for")
    };
    assert!(matches!(p.flow, Flow::Field { .. }));
    let (_, kind) = only(&feed(&mut s, [named(KeyCode::Enter)]));
    assert!(
        matches!(kind, RequestKind::Act { act: Act::Transition { ref id, ref input }, .. } if id == "31" && input.fields.contains_key("resolution"))
    );
    assert_eq!(column_of(&s, "ACME-1"), Some(3));
}

#[test]
fn several_ways_into_a_column_are_offered_and_none_says_so() {
    let mut s = open(vec![card("ACME-1", "3", None)]);
    let (id, _) = only(&feed(&mut s, [key('L')]));
    let two = transitions(json!([
        { "id": "21", "name": "Request review", "to": { "id": "10001", "name": "In Review" } },
        { "id": "22", "name": "Pair review", "to": { "id": "10001", "name": "In Review" } },
        { "id": "41", "name": "Stop progress", "to": { "id": "10000", "name": "To Do" } }
    ]));
    feed(&mut s, [answer(id, Ok(Response::Transitions(two)))]);
    let Overlay::Pick(p) = &s.overlay else {
        panic!("a picker")
    };
    assert_eq!(p.picker.choices.len(), 2, "only the ways into In Review");
    feed(&mut s, [named(KeyCode::Esc)]);
    // From To Do nothing leads left.
    let mut s = open(vec![card("ACME-1", "10000", None)]);
    feed(&mut s, [key('H')]);
    assert_eq!(s.status_note(), Some("The card is in the first column."));
    let (id, _) = only(&feed(&mut s, [key('L')]));
    feed(
        &mut s,
        [answer(
            id,
            Ok(Response::Transitions(transitions(
                json!([{ "id": "71", "name": "Done", "to": { "id": "10002", "name": "Done" } }]),
            ))),
        )],
    );
    assert_eq!(s.overlay, Overlay::None);
    assert!(
        s.status_note()
            .unwrap()
            .contains("No transition Jira offers takes ACME-1 to In Progress")
    );
}

#[test]
fn ranking_moves_the_card_at_once_and_a_refusal_puts_it_back() {
    let mut s = open(vec![
        card("ACME-1", "10000", None),
        card("ACME-2", "10000", None),
        card("ACME-3", "10000", None),
    ]);
    feed(&mut s, [key('j'), key('j')]);
    let (id, kind) = only(&feed(&mut s, [key('K')]));
    assert!(
        matches!(kind, RequestKind::Act { ref key, act: Act::Rank { place: RankPlace::Before(ref other), rank_field: Some(10019) } } if key == "ACME-3" && other == "ACME-2"),
        "{kind:?}"
    );
    let order: Vec<&str> = view(&s).issues.iter().map(|i| i.key.as_str()).collect();
    assert_eq!(order, ["ACME-1", "ACME-3", "ACME-2"]);
    // One board change at a time.
    assert!(sent(&feed(&mut s, [key('K')])).is_empty());
    feed(&mut s, [answer(id, Ok(Response::Done))]);
    assert_eq!(s.status_note(), Some("ACME-3 ranked above ACME-2"));
    let (id, kind) = only(&feed(&mut s, [key('J')]));
    assert!(
        matches!(kind, RequestKind::Act { act: Act::Rank { place: RankPlace::After(ref other), .. }, .. } if other == "ACME-2")
    );
    feed(
        &mut s,
        [answer(
            id,
            Err(JiraError::BadRequest {
                message: "ACME-3 cannot be ranked against ACME-2.".into(),
            }),
        )],
    );
    let order: Vec<&str> = view(&s).issues.iter().map(|i| i.key.as_str()).collect();
    assert_eq!(order, ["ACME-1", "ACME-3", "ACME-2"], "put back");
    assert!(s.status_error().unwrap().contains("Could not rank ACME-3"));
    feed(&mut s, [key('g')]);
    assert_eq!(s.status_note(), None);
    feed(&mut s, [key('K')]);
    assert_eq!(s.status_note(), Some("The card is ranked first here."));
}

#[test]
fn moving_to_the_next_sprint_takes_the_card_off_and_brackets_switch_what_is_shown() {
    let mut s = open(vec![
        card("ACME-1", "10000", None),
        card("ACME-2", "3", None),
    ]);
    feed(&mut s, [key('M')]);
    let Overlay::Pick(p) = &s.overlay else {
        panic!("the sprint picker")
    };
    let labels: Vec<&str> = p.picker.choices.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["ACME Sprint 13", "Backlog"]);
    let (id, kind) = only(&feed(&mut s, [named(KeyCode::Enter)]));
    assert!(
        matches!(kind, RequestKind::Act { ref key, act: Act::ToSprint { sprint: 13 } } if key == "ACME-1")
    );
    assert!(view(&s).issues.iter().all(|i| i.key != "ACME-1"));
    feed(
        &mut s,
        [answer(
            id,
            Err(JiraError::BadRequest {
                message: "Sprint 'ACME Sprint 13' is closed.".into(),
            }),
        )],
    );
    assert!(
        view(&s).issues.iter().any(|i| i.key == "ACME-1"),
        "back on the board"
    );
    assert!(
        s.status_error()
            .unwrap()
            .contains("Could not move ACME-1 to ACME Sprint 13")
    );
    // ] shows the next sprint, then the backlog.
    let (_, kind) = only(&feed(&mut s, [key(']')]));
    assert!(matches!(
        kind,
        RequestKind::BoardIssues {
            scope: crate::jira::agile::IssueScope::Sprint(13),
            ..
        }
    ));
    let (_, kind) = only(&feed(&mut s, [key(']')]));
    assert!(matches!(
        kind,
        RequestKind::BoardIssues {
            scope: crate::jira::agile::IssueScope::Backlog,
            ..
        }
    ));
    assert!(
        sent(&feed(&mut s, [key(']')])).is_empty(),
        "the backlog is last"
    );
    let (_, kind) = only(&feed(&mut s, [key('[')]));
    assert!(matches!(
        kind,
        RequestKind::BoardIssues {
            scope: crate::jira::agile::IssueScope::Sprint(13),
            ..
        }
    ));
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
