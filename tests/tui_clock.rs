//! The clock relative times are shown against: it moves on ticks while something is in
//! flight, and otherwise on the minute and on every key (`Msg::Clock`), so an idle jiratty
//! never shows a stale "cached 7m ago".

// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod tui_support;

use chrono::Duration;
use jiratty::app::clock;
use jiratty::app::msg::Msg;
use jiratty::app::state::{Names, Row, State};
use jiratty::app::update::update;
use tui_support::*;

const SIZE: Size = (120, 40);

/// The first frame of a start with the result cache (saved seven minutes ago), the search
/// answered with nothing yet: the rows stay marked cached.
fn idle_cached() -> State {
    let (mut s, id) = list_loading(SIZE);
    let mut names = Names::default();
    let rows = sample_issues()
        .into_iter()
        .map(|i| Row::from_list_issue(i, &mut names).to_stored())
        .collect();
    let jql = s.list.jql.clone();
    jiratty::app::list::show_cached(
        &mut s,
        jiratty::store::cache::Cached {
            version: 1,
            site: SITE.into(),
            user: "alice".into(),
            jql,
            saved: now() - Duration::minutes(7),
            total: Some(6),
            rows,
        },
    );
    // The refresh fails: nothing is in flight any more, so no tick runs.
    let e = jiratty::jira::JiraError::Server {
        status: 503,
        message: "down".into(),
    };
    answer(&mut s, id, Err(e));
    assert!(!s.busy(), "idle");
    s
}

fn header(s: &State) -> String {
    render(s, SIZE.0, SIZE.1)
        .lines()
        .nth(1)
        .unwrap_or_default()
        .to_string()
}

#[test]
fn the_minute_moves_relative_times_of_an_idle_list() {
    let mut s = idle_cached();
    assert!(header(&s).contains("cached 7m ago"), "{}", header(&s));
    let spinner = s.spinner;
    update(&mut s, Msg::Clock(now() + Duration::minutes(1)));
    assert!(header(&s).contains("cached 8m ago"), "{}", header(&s));
    assert_eq!(s.now, now() + Duration::minutes(1));
    // Not a tick: the spinner does not turn and nothing starts.
    assert_eq!(s.spinner, spinner);
    assert!(!s.busy());
}

#[test]
fn a_key_moves_the_clock_before_it_is_handled() {
    let mut s = idle_cached();
    let later = now() + Duration::minutes(3);
    for msg in clock::stamped(ch('j'), later) {
        update(&mut s, msg);
    }
    assert_eq!(s.now, later);
    assert_eq!(s.list.selected, 1, "the key was handled too");
    assert!(header(&s).contains("cached 10m ago"), "{}", header(&s));
}

#[test]
fn the_clock_re_lays_out_an_open_issue_for_its_relative_times() {
    let mut s = list_full(SIZE);
    let id = last_id(&feed(&mut s, [key(crossterm::event::KeyCode::Enter)]));
    let full = issue(full_issue_json());
    answer(
        &mut s,
        id,
        Ok(jiratty::worker::Response::Issue(Box::new(full))),
    );
    let minute = |s: &State| s.detail().and_then(|d| d.layout.stamp).map(|st| st.minute);
    let before = minute(&s).expect("laid out");
    update(&mut s, Msg::Clock(now() + Duration::hours(2)));
    assert_eq!(minute(&s), Some(before + 120));
}

#[test]
fn the_clock_does_not_count_down_the_suggestions_delay() {
    let mut s = list_full(SIZE);
    feed(&mut s, [ch(':'), ctrl('u')]);
    feed(&mut s, typing("status = "));
    let pending = |s: &State| match &s.overlay {
        jiratty::app::state::Overlay::Query(q) => q.pending_suggest.clone(),
        _ => None,
    };
    let waiting = pending(&s).expect("suggestions wait for typing to pause");
    update(&mut s, Msg::Clock(now() + Duration::seconds(1)));
    assert_eq!(pending(&s), Some(waiting.clone()));
    update(&mut s, Msg::Tick(now() + Duration::seconds(1)));
    assert_ne!(pending(&s), Some(waiting));
}
