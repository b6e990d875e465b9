//! Acting on issues: the transition and assign pickers, assign to me, watch; the change shown
//! at once, confirmed and read again, or put back with Jira's reason; one change at a time.

use super::*;
use crate::jira::{Assignee, Transition, User};
use crate::worker::Act;

/// The requests among `commands`, with their ids.
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

fn transitions() -> Vec<Transition> {
    crate::jira::workflow::parse_transitions(&json!({ "transitions": [
        { "id": "21", "name": "Start review",
          "to": { "id": "4", "name": "In Review", "statusCategory": { "key": "indeterminate" } } },
        { "id": "31", "name": "Done", "hasScreen": true,
          "to": { "id": "5", "name": "Done", "statusCategory": { "key": "done" } },
          "fields": {
            "resolution": { "required": true, "name": "Resolution", "schema": { "type": "resolution" },
                "allowedValues": [ { "id": "1", "name": "Fixed" }, { "id": "2", "name": "Won't Do" } ] },
            "comment": { "required": false, "name": "Comment", "schema": { "type": "comments-page" } }
          } }
    ]}))
}

fn user(id: &str, name: &str) -> User {
    User {
        account_id: Some(id.into()),
        display_name: Some(name.into()),
        active: true,
        ..User::default()
    }
}

/// A list of three rows with the transition picker open on the first, filled.
fn picking() -> State {
    let mut s = loaded(3);
    let (id, kind) = only(&feed(&mut s, [ch('t')]));
    assert!(matches!(kind, RequestKind::Transitions { key } if key == "ACME-0"));
    assert!(matches!(s.overlay, Overlay::Pick(_)));
    let none = feed(
        &mut s,
        [answer(id, Ok(Response::Transitions(transitions())))],
    );
    assert!(sent(&none).is_empty());
    s
}

fn picker(s: &State) -> &Picker {
    match &s.overlay {
        Overlay::Pick(p) => &p.picker,
        other => panic!("no picker: {other:?}"),
    }
}

#[test]
fn a_transition_shows_at_once_and_is_confirmed_then_read_again() {
    let mut s = picking();
    assert_eq!(picker(&s).shown.len(), 2);
    feed(&mut s, typing("rev"));
    assert_eq!(picker(&s).shown.len(), 1);
    let (id, kind) = only(&feed(&mut s, [code(KeyCode::Enter)]));
    let RequestKind::Act { key, act } = kind else {
        panic!("not an act: {kind:?}");
    };
    assert_eq!(key, "ACME-0");
    assert!(
        matches!(&act, Act::Transition { id, input } if id == "21" && input.fields.is_empty() && input.comment.is_none())
    );
    assert_eq!(s.overlay, Overlay::None);
    // On screen before Jira answers, marked.
    let row = &s.list.rows[0];
    assert_eq!(
        (&*row.status, row.category, row.pending),
        ("In Review", Category::InProgress, true)
    );
    assert_eq!(
        s.wait_text().as_deref(),
        Some("Moving ACME-0 to In Review…")
    );
    let after = feed(&mut s, [answer(id, Ok(Response::Done))]);
    assert_eq!(s.status_note(), Some("ACME-0 moved to In Review"));
    assert!(!s.list.rows[0].pending);
    let (refresh, kind) = only(&after);
    assert!(matches!(kind, RequestKind::Rows { keys } if keys == ["ACME-0"]));
    // Jira's own row replaces the guess.
    let mut fresh = list_issue("ACME-0", "Renamed meanwhile");
    fresh.fields.status = serde_json::from_value(
        json!({"name": "Peer review", "statusCategory": {"key": "indeterminate"}}),
    )
    .unwrap();
    feed(&mut s, [answer(refresh, Ok(Response::Rows(vec![fresh])))]);
    assert_eq!(s.list.rows[0].summary(), "Renamed meanwhile");
    assert_eq!(&*s.list.rows[0].status, "Peer review");
    assert!(!s.busy());
}

#[test]
fn a_required_resolution_and_the_comment_are_asked_for_on_the_way() {
    let mut s = picking();
    feed(&mut s, [code(KeyCode::Down), code(KeyCode::Enter)]);
    assert!(
        picker(&s).title.contains("Resolution"),
        "{:?}",
        picker(&s).title
    );
    assert_eq!(picker(&s).shown.len(), 2);
    feed(&mut s, typing("won"));
    assert!(sent(&feed(&mut s, [code(KeyCode::Enter)])).is_empty());
    assert!(picker(&s).free_text, "the comment comes next");
    feed(&mut s, typing("not needed any more"));
    let (_, kind) = only(&feed(&mut s, [code(KeyCode::Enter)]));
    let RequestKind::Act {
        act: Act::Transition { id, input },
        ..
    } = kind
    else {
        panic!("not a transition: {kind:?}");
    };
    assert_eq!(id, "31");
    assert_eq!(
        serde_json::Value::Object(input.fields),
        json!({"resolution": {"id": "2"}})
    );
    assert_eq!(
        input.comment,
        Some(crate::app::compose::body("not needed any more"))
    );
    assert_eq!(s.list.rows[0].category, Category::Done);
}

#[test]
fn a_refused_change_is_put_back_with_jiras_reason() {
    let mut s = picking();
    let (id, _) = only(&feed(&mut s, [code(KeyCode::Enter)]));
    let refused = JiraError::BadRequest {
        message: "You must be the assignee to start the review.".into(),
    };
    feed(&mut s, [answer(id, Err(refused))]);
    let row = &s.list.rows[0];
    assert_eq!((&*row.status, row.pending), ("In Progress", false));
    let error = s.status_error().unwrap();
    assert!(
        error.starts_with("Could not move ACME-0 to In Review: ")
            && error.contains("must be the assignee"),
        "{error}"
    );
}

#[test]
fn a_second_action_while_one_waits_sends_nothing() {
    let mut s = picking();
    let (id, _) = only(&feed(&mut s, [code(KeyCode::Enter)]));
    for key in ['t', 'a', 'i', 'w'] {
        assert!(sent(&feed(&mut s, [ch(key)])).is_empty(), "{key}");
        assert_eq!(s.overlay, Overlay::None);
    }
    assert!(
        s.status_note()
            .unwrap()
            .starts_with("Still waiting for Jira: Moving ACME-0")
    );
    feed(&mut s, [answer(id, Ok(Response::Done))]);
    assert_eq!(sent(&feed(&mut s, [ch('t')])).len(), 1);
}

#[test]
fn esc_closes_the_picker_and_its_late_answer_is_dropped() {
    let mut s = loaded(3);
    let (id, _) = only(&feed(&mut s, [ch('t')]));
    feed(&mut s, [code(KeyCode::Esc)]);
    assert_eq!(s.overlay, Overlay::None);
    feed(
        &mut s,
        [answer(id, Ok(Response::Transitions(transitions())))],
    );
    assert_eq!(s.overlay, Overlay::None);
    assert!(!s.busy());
}

#[test]
fn no_transition_offered_says_why() {
    let mut s = loaded(3);
    let (id, _) = only(&feed(&mut s, [ch('t')]));
    feed(&mut s, [answer(id, Ok(Response::Transitions(vec![])))]);
    assert!(picker(&s).empty.contains("workflow's conditions"));
    assert!(sent(&feed(&mut s, [code(KeyCode::Enter)])).is_empty());
}

#[test]
fn assigning_searches_after_typing_pauses_and_offers_recent_people_first() {
    let mut s = loaded(3);
    let (id, kind) = only(&feed(&mut s, [ch('a')]));
    assert!(
        matches!(kind, RequestKind::Assignable { key, query } if key == "ACME-0" && query.is_empty())
    );
    let labels = |s: &State| -> Vec<String> {
        let p = picker(s);
        p.shown
            .iter()
            .map(|&i| p.choices[i].label.clone())
            .collect()
    };
    assert_eq!(labels(&s), ["Unassigned", "Automatic"]);
    let people = vec![user("a-1", "Ann Archer"), user("b-2", "Bob Baker")];
    feed(
        &mut s,
        [answer(
            id,
            Ok(Response::People {
                query: String::new(),
                users: people,
            }),
        )],
    );
    assert_eq!(
        labels(&s),
        ["Unassigned", "Automatic", "Ann Archer", "Bob Baker"]
    );
    // Typing waits for a pause before asking.
    assert!(sent(&feed(&mut s, typing("bo"))).is_empty());
    assert!(s.busy(), "the pause is counted by the tick");
    assert!(sent(&feed(&mut s, [Msg::Tick(now())])).is_empty());
    let (id, kind) = only(&feed(&mut s, [Msg::Tick(now())]));
    assert!(matches!(kind, RequestKind::Assignable { query, .. } if query == "bo"));
    feed(
        &mut s,
        [answer(
            id,
            Ok(Response::People {
                query: "bo".into(),
                users: vec![user("b-2", "Bob Baker")],
            }),
        )],
    );
    // The first person found is selected, past Unassigned and Automatic.
    assert_eq!(picker(&s).selected_choice().unwrap().label, "Bob Baker");
    let (id, kind) = only(&feed(&mut s, [code(KeyCode::Enter)]));
    assert!(
        matches!(&kind, RequestKind::Act { act: Act::Assign(Assignee::User(u)), .. } if u.label() == "Bob Baker")
    );
    assert_eq!(s.list.rows[0].assignee.as_deref(), Some("Bob Baker"));
    feed(&mut s, [answer(id, Ok(Response::Done))]);
    assert_eq!(s.status_note(), Some("ACME-0 assigned to Bob Baker"));
    // Next time Bob comes first after the fixed choices, before Jira answers.
    feed(&mut s, [ch('j'), ch('a')]);
    assert_eq!(labels(&s), ["Unassigned", "Automatic", "Bob Baker"]);
}

#[test]
fn unassigning_shows_nobody_at_once() {
    let mut s = loaded(3);
    let (id, _) = only(&feed(&mut s, [ch('a')]));
    feed(
        &mut s,
        [answer(
            id,
            Ok(Response::People {
                query: String::new(),
                users: vec![],
            }),
        )],
    );
    let (_, kind) = only(&feed(&mut s, [code(KeyCode::Enter)]));
    assert!(matches!(
        kind,
        RequestKind::Act {
            act: Act::Assign(Assignee::Nobody),
            ..
        }
    ));
    assert_eq!(s.list.rows[0].assignee, None);
}

#[test]
fn assign_to_me_asks_who_i_am_once() {
    let mut s = loaded(3);
    let (id, kind) = only(&feed(&mut s, [ch('i')]));
    assert!(matches!(kind, RequestKind::Myself));
    let (act, kind) = only(&feed(
        &mut s,
        [answer(
            id,
            Ok(Response::Me(Box::new(user("me-1", "Alice Anderson")))),
        )],
    ));
    assert!(
        matches!(&kind, RequestKind::Act { act: Act::Assign(Assignee::User(u)), .. } if u.identity() == "me-1")
    );
    feed(&mut s, [answer(act, Ok(Response::Done))]);
    // Known now: the next one goes straight to Jira.
    let (_, kind) = only(&feed(&mut s, [ch('j'), ch('i')]));
    assert!(matches!(kind, RequestKind::Act { key, .. } if key == "ACME-1"));
}

/// The detail view of ACME-1, watched by one other person.
fn watched_detail() -> State {
    let mut s = state();
    let mut out = Vec::new();
    crate::app::detail::open(&mut s, "ACME-1".into(), vec![], &mut out);
    let (id, _) = only(&out);
    let mut issue = issue("ACME-1", "Watch me");
    issue.fields.other.insert(
        "watches".into(),
        json!({"watchCount": 1, "isWatching": false}),
    );
    s.actions.me = Some(user("me-1", "Alice Anderson"));
    feed(&mut s, [answer(id, Ok(Response::Issue(Box::new(issue))))]);
    s
}

fn shown_watch(s: &State) -> (u64, bool) {
    crate::app::actions::watching(s.detail().unwrap().issue.as_deref().unwrap())
}

#[test]
fn watching_counts_me_at_once_and_a_refusal_puts_it_back() {
    let mut s = watched_detail();
    let (id, kind) = only(&feed(&mut s, [ch('w')]));
    assert!(matches!(
        kind,
        RequestKind::Act {
            act: Act::Watch { on: true, .. },
            ..
        }
    ));
    assert_eq!(shown_watch(&s), (2, true));
    feed(
        &mut s,
        [answer(
            id,
            Err(JiraError::Forbidden {
                message: "No permission to watch.".into(),
            }),
        )],
    );
    assert_eq!(shown_watch(&s), (1, false));
    assert!(
        s.status_error()
            .unwrap()
            .starts_with("Could not watch ACME-1")
    );
}

#[test]
fn watching_twice_toggles_and_the_issue_is_read_again() {
    let mut s = watched_detail();
    let (id, _) = only(&feed(&mut s, [ch('w')]));
    let after = feed(&mut s, [answer(id, Ok(Response::Done))]);
    let kinds: Vec<RequestKind> = sent(&after).into_iter().map(|(_, k)| k).collect();
    assert!(
        kinds
            .iter()
            .any(|k| matches!(k, RequestKind::Issue { key } if key == "ACME-1"))
    );
    assert_eq!(s.status_note(), Some("Watching ACME-1"));
    let (_, kind) = only(&feed(&mut s, [ch('w')]));
    assert!(matches!(
        kind,
        RequestKind::Act {
            act: Act::Watch { on: false, .. },
            ..
        }
    ));
    assert_eq!(shown_watch(&s), (1, false));
}
