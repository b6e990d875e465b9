//! Moving cards: to another column through the transition flow (confirmed and read again,
//! refused, asking for a screen, several ways or none), ranking, and sprint moves.

use super::*;

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
