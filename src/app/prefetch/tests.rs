#![allow(clippy::unwrap_used, clippy::panic)]

use super::*;
use crate::app::keymap::Keymap;
use crate::app::msg::Msg;
use crate::app::state::{DEFAULT_JQL, Phase, Screen, Session};
use crate::app::update::update;
use crate::jira::{Deployment, ListIssue, SearchPage};
use crate::worker::{RequestId, WorkerEvent};
use chrono::TimeZone;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::json;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 6, 1, 12, 0, 0).unwrap()
}

fn json_of(key: &str, updated: &str) -> serde_json::Value {
    json!({
        "id": "1", "key": key,
        "fields": {
            "summary": format!("Summary of {key}"),
            "status": {"name": "In Progress", "statusCategory": {"key": "indeterminate"}},
            "issuetype": {"name": "Bug"}, "priority": {"name": "High"},
            "assignee": {"displayName": "Alice Anderson"},
            "description": "The full text",
            "updated": updated
        }
    })
}

const T1: &str = "2024-06-01T09:00:00.000+0000";
const T2: &str = "2024-06-01T10:00:00.000+0000";

fn full(key: &str, updated: &str) -> Issue {
    serde_json::from_value(json_of(key, updated)).unwrap()
}

fn page(n: usize, updated: &str) -> SearchPage<ListIssue> {
    SearchPage {
        issues: (0..n)
            .map(|i| serde_json::from_value(json_of(&format!("ACME-{i}"), updated)).unwrap())
            .collect(),
        next: None,
        total: Some(n as u64),
    }
}

fn state() -> State {
    let mut s = State::new(Screen::List, DEFAULT_JQL, Keymap::default_map(), now());
    s.session = Some(Session {
        site: "https://acme.atlassian.net".into(),
        user: "Alice".into(),
        deployment: Some(Deployment::Cloud),
    });
    s.size = (120, 14); // 10 rows on screen
    s
}

fn sent(out: &[Command]) -> Vec<(RequestId, RequestKind)> {
    out.iter()
        .filter_map(|c| match c {
            Command::Send(r) => Some((r.id, r.kind.clone())),
            _ => None,
        })
        .collect()
}

fn details(out: &[Command]) -> Vec<(RequestId, Vec<String>)> {
    sent(out)
        .into_iter()
        .filter_map(|(id, k)| match k {
            RequestKind::Details { keys } => Some((id, keys)),
            _ => None,
        })
        .collect()
}

/// A list of `n` rows from a fresh first page; the commands that page produced.
fn listed(s: &mut State, n: usize, updated: &str) -> Vec<Command> {
    let mut out = Vec::new();
    crate::app::list::start_search(s, &mut out);
    let id = s.requests.get(Slot::Page).unwrap();
    let event = Msg::Worker(WorkerEvent {
        id,
        result: Ok(Response::Page(page(n, updated))),
    });
    update(s, event)
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

#[test]
fn a_fresh_list_reads_its_first_screen_ahead_in_one_bulk_request() {
    let mut s = state();
    let out = listed(&mut s, 30, T1);
    let bulk = details(&out);
    assert_eq!(bulk.len(), 1, "{out:?}");
    let keys: Vec<String> = (0..10).map(|i| format!("ACME-{i}")).collect();
    assert_eq!(bulk[0].1, keys, "the rows on screen, in order");
    assert!(!s.busy(), "nobody waits for reading ahead");
}

#[test]
fn issues_read_ahead_open_in_full_with_no_request() {
    let mut s = state();
    let out = listed(&mut s, 3, T1);
    let (id, keys) = details(&out).remove(0);
    let issues = keys.iter().map(|k| full(k, T1)).collect();
    update(
        &mut s,
        Msg::Worker(WorkerEvent {
            id,
            result: Ok(Response::Details(issues)),
        }),
    );
    assert_eq!(s.prefetch.cache.len(), 3);
    let out = update(&mut s, key(KeyCode::Enter));
    assert!(sent(&out).is_empty(), "no request: {out:?}");
    let d = s.detail().unwrap();
    assert_eq!(d.phase, Phase::Idle);
    assert!(!d.partial);
    assert!(d.issue.as_ref().unwrap().fields.description.is_some());
}

#[test]
fn an_issue_not_read_yet_shows_its_row_at_once_and_fills_in() {
    let mut s = state();
    let out = listed(&mut s, 3, T1);
    let (bulk_id, _) = details(&out).remove(0);
    let out = update(&mut s, key(KeyCode::Enter));
    let (issue_id, kind) = sent(&out).remove(0);
    assert!(matches!(kind, RequestKind::Issue { key } if key == "ACME-0"));
    let d = s.detail().unwrap();
    assert!(d.partial);
    let shown = d.issue.as_ref().unwrap();
    assert_eq!(shown.fields.summary.as_deref(), Some("Summary of ACME-0"));
    assert_eq!(shown.fields.status.as_ref().unwrap().name, "In Progress");
    let text: String = d
        .layout
        .lines
        .iter()
        .map(|l| l.to_string() + "\n")
        .collect();
    assert!(text.contains("Summary of ACME-0"), "{text}");
    assert!(text.contains("Loading the description"), "{text}");
    // The bulk answer comes first: the view fills in, the single request is dropped.
    update(
        &mut s,
        Msg::Worker(WorkerEvent {
            id: bulk_id,
            result: Ok(Response::Details(vec![full("ACME-0", T1)])),
        }),
    );
    let d = s.detail().unwrap();
    assert!(!d.partial);
    assert_eq!(d.phase, Phase::Idle);
    assert_eq!(s.requests.get(Slot::Issue), None);
    let _ = issue_id;
}

#[test]
fn a_resting_selection_is_read_ahead_first_after_the_rest() {
    let mut s = state();
    let out = listed(&mut s, 40, T1);
    let (first, _) = details(&out).remove(0);
    // The first screen's answer arrives.
    update(
        &mut s,
        Msg::Worker(WorkerEvent {
            id: first,
            result: Ok(Response::Details(
                (0..10).map(|i| full(&format!("ACME-{i}"), T1)).collect(),
            )),
        }),
    );
    // Down to row 20 in one jump (PageDown twice), at `now`.
    let out = update(&mut s, key(KeyCode::PageDown));
    assert!(details(&out).is_empty());
    update(&mut s, key(KeyCode::PageDown));
    let at = s.list.selected;
    assert!(counting_down(&s), "the tick runs while the rest is counted");
    assert!(!s.busy(), "with no spinner");
    let early = update(
        &mut s,
        Msg::Tick(now() + chrono::TimeDelta::milliseconds(100)),
    );
    assert!(details(&early).is_empty(), "not rested yet");
    let out = update(
        &mut s,
        Msg::Tick(now() + chrono::TimeDelta::milliseconds(300)),
    );
    let bulk = details(&out);
    assert_eq!(bulk.len(), 1);
    assert_eq!(bulk[0].1[0], format!("ACME-{at}"), "the rested issue first");
    assert_eq!(bulk[0].1.len(), 1 + AROUND);
    assert!(!counting_down(&s));
}

#[test]
fn the_rested_issue_goes_before_the_queue_when_a_batch_is_in_flight() {
    let mut s = state();
    s.size = (120, 200); // a screen of 197 rows: two batches
    let out = listed(&mut s, 150, T1);
    assert_eq!(details(&out)[0].1.len(), 100);
    assert_eq!(s.prefetch.queued().len(), 50);
    s.list.selected = 140;
    on_move(&mut s);
    s.now = now() + REST;
    let mut out = Vec::new();
    on_tick(&mut s, &mut out);
    assert!(details(&out).is_empty(), "one batch at a time");
    assert_eq!(s.prefetch.queued()[0], "ACME-140");
    assert_eq!(s.prefetch.queued().len(), 50, "no key twice");
}

#[test]
fn a_new_list_cancels_what_was_read_ahead_for_the_old_one() {
    let mut s = state();
    let out = listed(&mut s, 30, T1);
    let (old, _) = details(&out).remove(0);
    crate::app::list::replace(&mut s, crate::app::list::ListView::new("project = OPS"));
    let mut out = Vec::new();
    crate::app::list::start_search(&mut s, &mut out);
    let stop = details(&out);
    assert_eq!(stop.len(), 1, "{out:?}");
    assert!(
        stop[0].1.is_empty(),
        "no keys: the worker stops the running one"
    );
    assert!(s.prefetch.in_flight().is_empty());
    // The old answer is dropped.
    update(
        &mut s,
        Msg::Worker(WorkerEvent {
            id: old,
            result: Ok(Response::Details(vec![full("ACME-0", T1)])),
        }),
    );
    assert!(s.prefetch.cache.is_empty());
}

#[test]
fn a_row_whose_updated_moved_on_drops_its_cached_issue_and_reads_it_again() {
    let mut s = state();
    let out = listed(&mut s, 2, T1);
    let (id, _) = details(&out).remove(0);
    update(
        &mut s,
        Msg::Worker(WorkerEvent {
            id,
            result: Ok(Response::Details(vec![
                full("ACME-0", T1),
                full("ACME-1", T1),
            ])),
        }),
    );
    assert_eq!(s.prefetch.cache.len(), 2);
    // A reload: ACME-0 and ACME-1 were updated since.
    let out = listed(&mut s, 2, T2);
    assert!(s.prefetch.cache.is_empty(), "stale copies dropped");
    assert_eq!(details(&out)[0].1, ["ACME-0", "ACME-1"]);
    // Enter now reads the issue (nothing kept is new enough).
    let out = update(&mut s, key(KeyCode::Enter));
    assert!(
        sent(&out)
            .iter()
            .any(|(_, k)| matches!(k, RequestKind::Issue { .. }))
    );
}

#[test]
fn a_failed_bulk_read_is_quiet() {
    let mut s = state();
    let out = listed(&mut s, 3, T1);
    let (id, _) = details(&out).remove(0);
    let out = update(
        &mut s,
        Msg::Worker(WorkerEvent {
            id,
            result: Err(JiraError::RateLimited {
                retry_after: None,
                reason: None,
            }),
        }),
    );
    assert!(sent(&out).is_empty());
    assert_eq!(s.status, None);
    assert!(s.prefetch.cache.is_empty());
}

#[test]
fn the_cache_is_bounded_by_count_and_size_least_recently_used_first() {
    let mut c = DetailCache::with_bounds(3, usize::MAX);
    for i in 0..3 {
        c.put(Arc::new(full(&format!("A-{i}"), T1)));
    }
    // A-0 used: A-1 is now the least recently used.
    assert!(c.get("A-0", None).is_some());
    c.put(Arc::new(full("A-3", T1)));
    assert_eq!(c.len(), 3);
    assert!(c.get("A-1", None).is_none());
    assert!(c.get("A-0", None).is_some());

    let one = approx_size(&full("B-0", T1));
    let mut c = DetailCache::with_bounds(100, one * 2);
    for i in 0..5 {
        c.put(Arc::new(full(&format!("B-{i}"), T1)));
    }
    assert_eq!(c.len(), 2);
    assert!(c.bytes() <= one * 2);
    // Bigger than the whole budget: not kept.
    let mut tiny = DetailCache::with_bounds(10, 10);
    tiny.put(Arc::new(full("C-1", T1)));
    assert!(tiny.is_empty());
}

#[test]
fn the_cache_is_keyed_by_updated() {
    let mut c = DetailCache::default();
    c.put(Arc::new(full("A-1", T1)));
    let t1 = updated_secs(&full("A-1", T1));
    let t2 = updated_secs(&full("A-1", T2));
    assert!(c.is_fresh("A-1", t1));
    assert!(c.get("A-1", t2).is_none(), "the row is newer");
    assert!(c.is_empty(), "and the stale copy is gone");
    c.put(Arc::new(full("A-1", T2)));
    assert!(
        c.get("A-1", t1).is_some(),
        "a newer copy serves an older row"
    );
}
