#![allow(clippy::unwrap_used, clippy::panic)]

use super::*;
use crate::app::keymap::Keymap;
use crate::app::msg::Msg;
use crate::app::state::{DEFAULT_JQL, Screen, Session};
use crate::app::update::update;
use crate::jira::{Deployment, ListIssue, SearchPage};
use crate::worker::{RequestId, WorkerEvent};
use chrono::TimeZone;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::json;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 6, 1, 12, 0, 0).unwrap()
}

fn secs(n: i64) -> DateTime<Utc> {
    t0() + TimeDelta::seconds(n)
}

fn row_json(key: &str, summary: &str, updated: &str) -> serde_json::Value {
    json!({
        "id": "1", "key": key,
        "fields": {
            "summary": summary,
            "status": {"name": "To Do", "statusCategory": {"key": "new"}},
            "updated": updated
        }
    })
}

const OLD: &str = "2024-06-01T09:00:00.000+0000";
const NEW: &str = "2024-06-01T11:59:00.000+0000";

fn page(rows: &[(&str, &str)]) -> SearchPage<ListIssue> {
    SearchPage {
        issues: rows
            .iter()
            .map(|(k, u)| serde_json::from_value(row_json(k, &format!("About {k}"), u)).unwrap())
            .collect(),
        next: None,
        total: Some(rows.len() as u64),
    }
}

fn answer(id: RequestId, result: Result<Response, JiraError>) -> Msg {
    Msg::Worker(WorkerEvent { id, result })
}

/// A list of ACME-1..3 read at `t0`.
fn listed() -> State {
    let mut s = State::new(Screen::List, DEFAULT_JQL, Keymap::default_map(), t0());
    s.session = Some(Session {
        site: "https://acme.atlassian.net".into(),
        user: "Alice".into(),
        deployment: Some(Deployment::Cloud),
    });
    let mut out = Vec::new();
    crate::app::list::start_search(&mut s, &mut out);
    let id = s.requests.get(Slot::Page).unwrap();
    update(
        &mut s,
        answer(
            id,
            Ok(Response::Page(page(&[
                ("ACME-1", OLD),
                ("ACME-2", OLD),
                ("ACME-3", OLD),
            ]))),
        ),
    );
    s
}

fn refreshes(out: &[Command]) -> Vec<RequestId> {
    out.iter()
        .filter_map(|c| match c {
            Command::Send(r) if matches!(&r.kind, RequestKind::Quiet(inner) if matches!(**inner, RequestKind::Search { .. })) => {
                Some(r.id)
            }
            _ => None,
        })
        .collect()
}

fn keys(s: &State) -> Vec<&str> {
    s.list.rows.iter().map(|r| r.key()).collect()
}

#[test]
fn the_list_refreshes_when_the_interval_has_passed_by_tick_or_clock_time() {
    let mut s = listed();
    assert_eq!(next_due(&s), Some(secs(120)));
    assert!(refreshes(&update(&mut s, Msg::Clock(secs(60)))).is_empty());
    assert!(refreshes(&update(&mut s, Msg::Tick(secs(119)))).is_empty());
    let out = update(&mut s, Msg::Tick(secs(120)));
    assert_eq!(refreshes(&out).len(), 1, "{out:?}");
    assert!(!s.busy(), "a background refresh shows no wait");
    assert_eq!(s.wait, None);
    // The next one counts from this one.
    assert_eq!(next_due(&s), Some(secs(240)));
}

#[test]
fn zero_turns_refreshing_off() {
    let mut s = listed();
    s.freshness = Freshness::every(Some(0));
    assert_eq!(next_due(&s), None);
    assert!(refreshes(&update(&mut s, Msg::Clock(secs(10_000)))).is_empty());
    assert!(refreshes(&update(&mut s, Msg::Focus(true))).is_empty());
    s.freshness = Freshness::every(Some(30));
    s.freshness.list_read = Some(t0());
    assert_eq!(next_due(&s), Some(secs(30)));
}

#[test]
fn focus_regained_refreshes_unless_just_read_and_long_unfocus_stops_the_timer() {
    let mut s = listed();
    s.now = secs(5);
    assert!(
        refreshes(&update(&mut s, Msg::Focus(true))).is_empty(),
        "read 5 s ago"
    );
    s.now = secs(20);
    update(&mut s, Msg::Focus(false));
    // Unfocused for 15 minutes: nothing is due any more.
    s.now = secs(20) + LONG_UNFOCUSED;
    assert_eq!(next_due(&s), None);
    assert!(refreshes(&update(&mut s, Msg::Clock(secs(2_000)))).is_empty());
    s.now = secs(2_000);
    let out = update(&mut s, Msg::Focus(true));
    assert_eq!(
        refreshes(&out).len(),
        1,
        "back in focus: read again at once"
    );
}

#[test]
fn a_refresh_marks_changed_rows_keeps_the_selection_and_clears_a_mark_when_selected() {
    let mut s = listed();
    update(
        &mut s,
        Msg::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE)),
    );
    assert_eq!(s.list.selected_row().unwrap().key(), "ACME-2");
    let id = refreshes(&update(&mut s, Msg::Tick(secs(120))))[0];
    // ACME-3 changed and moved to the top; ACME-4 is new; ACME-1 left.
    let out = update(
        &mut s,
        answer(
            id,
            Ok(Response::Page(page(&[
                ("ACME-3", NEW),
                ("ACME-4", NEW),
                ("ACME-2", OLD),
            ]))),
        ),
    );
    assert_eq!(keys(&s), ["ACME-3", "ACME-4", "ACME-2"]);
    let changed: Vec<bool> = s.list.rows.iter().map(|r| r.changed).collect();
    assert_eq!(changed, [true, true, false]);
    assert_eq!(
        s.list.selected_row().unwrap().key(),
        "ACME-2",
        "selection kept"
    );
    assert!(
        out.iter()
            .any(|c| matches!(c, Command::CacheResults { .. }))
    );
    // Selecting a marked row clears its mark; the other stays.
    update(
        &mut s,
        Msg::Key(KeyEvent::new(KeyCode::Char('g'), KeyModifiers::NONE)),
    );
    update(
        &mut s,
        Msg::Key(KeyEvent::new(KeyCode::Home, KeyModifiers::NONE)),
    );
    assert!(!s.list.rows[0].changed);
    assert!(s.list.rows[1].changed);
}

#[test]
fn a_failed_refresh_keeps_the_rows_and_says_so_quietly_and_rate_limits_back_off() {
    let mut s = listed();
    let id = refreshes(&update(&mut s, Msg::Tick(secs(120))))[0];
    update(
        &mut s,
        answer(
            id,
            Err(JiraError::RateLimited {
                retry_after: None,
                reason: None,
            }),
        ),
    );
    assert_eq!(keys(&s), ["ACME-1", "ACME-2", "ACME-3"]);
    assert!(s.freshness.failed.is_some());
    assert_eq!(s.status, None, "no error in the status line");
    assert_eq!(s.freshness.back_off, 1);
    assert_eq!(next_due(&s), Some(secs(120 + 240)), "twice the interval");
    back_off(&mut s);
    assert_eq!(next_due(&s), Some(secs(120 + 480)));
    // A success ends the backing off and the note.
    let id = refreshes(&update(&mut s, Msg::Tick(secs(600))))[0];
    update(
        &mut s,
        answer(id, Ok(Response::Page(page(&[("ACME-1", OLD)])))),
    );
    assert_eq!(s.freshness.back_off, 0);
    assert!(s.freshness.failed.is_none());
}

#[test]
fn no_refresh_while_the_user_waits_for_the_list() {
    let mut s = listed();
    let mut out = Vec::new();
    crate::app::list::start_search(&mut s, &mut out);
    assert!(refreshes(&update(&mut s, Msg::Tick(secs(130)))).is_empty());
}

#[test]
fn the_open_issue_refreshes_too() {
    let mut s = listed();
    update(
        &mut s,
        Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    );
    let id = s.requests.get(Slot::Issue).unwrap();
    let issue: crate::jira::Issue =
        serde_json::from_value(row_json("ACME-1", "About ACME-1", OLD)).unwrap();
    update(&mut s, answer(id, Ok(Response::Issue(Box::new(issue)))));
    assert_eq!(next_due(&s), Some(secs(120)));
    let out = update(&mut s, Msg::Clock(secs(120)));
    let id = match out.as_slice() {
        [Command::Send(r)]
            if matches!(&r.kind, RequestKind::Quiet(inner)
                if matches!(&**inner, RequestKind::Issue { key } if key == "ACME-1")) =>
        {
            r.id
        }
        other => panic!("an issue read expected: {other:?}"),
    };
    let newer: crate::jira::Issue =
        serde_json::from_value(row_json("ACME-1", "Renamed", NEW)).unwrap();
    update(&mut s, answer(id, Ok(Response::Issue(Box::new(newer)))));
    let d = s.detail().unwrap();
    assert_eq!(
        d.issue.as_ref().unwrap().fields.summary.as_deref(),
        Some("Renamed")
    );
}
