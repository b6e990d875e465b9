//! The status line names what is waited for, and for how long; a request that runs out of
//! time shows its error where its answer would have gone.

use super::*;

fn at(seconds: i64) -> Msg {
    Msg::Tick(now() + chrono::Duration::seconds(seconds))
}

fn timeout() -> JiraError {
    JiraError::Timeout {
        what: "the whole request".into(),
    }
}

#[test]
fn the_status_line_names_the_search_and_counts_the_seconds() {
    let mut s = state();
    let mut out = Vec::new();
    crate::app::list::start_search(&mut s, &mut out);
    let (id, _, _) = only_search(&out);
    assert_eq!(s.wait_text().as_deref(), Some("Searching…"));
    // Ticks run only while something is in flight: the first one starts the clock.
    feed(&mut s, [at(600)]);
    assert_eq!(s.wait_text().as_deref(), Some("Searching…"));
    feed(&mut s, [at(601)]);
    assert_eq!(s.wait_text().as_deref(), Some("Searching… 1 s"));
    feed(&mut s, [at(612)]);
    assert_eq!(s.wait_text().as_deref(), Some("Searching… 12 s"));
    update(
        &mut s,
        answer(id, Ok(Response::Page(page("ACME", 0..3, None)))),
    );
    assert_eq!(s.wait_text(), None);
    assert_eq!(s.wait, None);
}

#[test]
fn opening_an_issue_names_it_and_starts_the_clock_again() {
    let mut s = loaded(5);
    feed(&mut s, [ch('r'), at(0), at(9)]);
    assert_eq!(s.wait_text().as_deref(), Some("Reloading… 9 s"));
    feed(&mut s, [ch('j'), code(KeyCode::Enter)]);
    assert_eq!(s.wait_text().as_deref(), Some("Loading ACME-1…"));
    feed(&mut s, [at(20), at(23)]);
    assert_eq!(s.wait_text().as_deref(), Some("Loading ACME-1… 3 s"));
}

#[test]
fn a_search_that_runs_out_of_time_shows_why() {
    let mut s = state();
    let mut out = Vec::new();
    crate::app::list::start_search(&mut s, &mut out);
    let (id, _, _) = only_search(&out);
    feed(&mut s, [at(0), at(45)]);
    update(&mut s, answer(id, Err(timeout())));
    let Phase::Failed(e) = &s.list.phase else {
        panic!("the list says why: {:?}", s.list.phase)
    };
    assert!(e.sentence.contains("did not answer in time"), "{e:?}");
    assert!(!s.busy());
    assert_eq!(s.wait_text(), None);
}

#[test]
fn an_issue_that_runs_out_of_time_shows_why() {
    let mut s = loaded(5);
    let sent = feed(&mut s, [code(KeyCode::Enter)]);
    let (id, _) = issue_request(&sent);
    update(&mut s, answer(id, Err(timeout())));
    let d = s.detail().expect("still on the detail");
    let Phase::Failed(e) = &d.phase else {
        panic!("the detail says why: {:?}", d.phase)
    };
    assert!(e.sentence.contains("did not answer in time"), "{e:?}");
    assert_eq!(s.wait_text(), None);
}

#[test]
fn logging_in_and_checking_the_site_are_named() {
    let mut s = State::new(Screen::Login, DEFAULT_JQL, Keymap::default_map(), now());
    feed(&mut s, typing("https://acme.atlassian.net"));
    feed(&mut s, [code(KeyCode::Enter)]);
    assert_eq!(s.wait_text().as_deref(), Some("Checking the site…"));
    s.requests.cancel(Slot::Detect);
    s.requests.track(Slot::LogIn, RequestId(99));
    assert_eq!(s.wait_text().as_deref(), Some("Logging in…"));
}

#[test]
fn more_comments_are_named_with_their_issue() {
    let mut s = loaded(5);
    let view = DetailView::new("ACME-7".into(), Vec::new());
    s.screen = Screen::Detail(Box::new(view));
    s.requests.track(Slot::Comments, RequestId(51));
    assert_eq!(
        s.wait_text().as_deref(),
        Some("Loading comments of ACME-7…")
    );
}
