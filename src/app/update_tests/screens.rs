//! States that cannot be wrong: the detail screen carries its view, the filters screen where
//! it returns to, the status line one thing at a time, and the requests in flight one map.

use super::*;

/// A detail of ACME-0 open and arrived.
fn reading() -> State {
    let mut s = loaded(5);
    let (id, _) = issue_request(&feed(&mut s, [code(KeyCode::Enter)]));
    update(
        &mut s,
        answer(id, Ok(Response::Issue(Box::new(issue("ACME-0", "x"))))),
    );
    s
}

#[test]
fn the_filters_screen_returns_to_the_issue_it_was_opened_from() {
    let mut s = reading();
    feed(&mut s, [ch('j')]);
    let before = s.detail().cloned().expect("reading");
    feed(&mut s, [ch('f')]);
    assert!(matches!(
        &s.screen,
        Screen::Filters {
            back: ReturnTo::Detail(_)
        }
    ));
    assert_eq!(s.detail(), Some(&before), "kept while the filters show");
    feed(&mut s, [code(KeyCode::Esc)]);
    assert!(matches!(s.screen, Screen::Detail(_)));
    assert_eq!(s.detail(), Some(&before), "as it was");
    // From the list, back to the list.
    feed(&mut s, [code(KeyCode::Esc), ch('f')]);
    assert!(matches!(
        s.screen,
        Screen::Filters {
            back: ReturnTo::List
        }
    ));
    feed(&mut s, [code(KeyCode::Esc)]);
    assert_eq!(s.screen, Screen::List);
}

#[test]
fn leaving_the_detail_forgets_its_requests() {
    let mut s = loaded(5);
    feed(&mut s, [code(KeyCode::Enter)]);
    assert!(s.requests.contains(Slot::Issue));
    feed(&mut s, [code(KeyCode::Esc)]);
    assert!(!s.requests.contains(Slot::Issue));
    assert!(!s.busy());
}

#[test]
fn the_status_line_says_one_thing_at_a_time() {
    let mut s = loaded(3);
    // An error, then a note: the note replaces it, and the next key clears the note.
    feed(&mut s, [ch('7')]);
    update(
        &mut s,
        Msg::Filters(crate::app::msg::FilterOutcome {
            op: crate::app::msg::FilterOp::Load,
            list: Ok(Vec::new()),
            result: Ok(None),
        }),
    );
    feed(&mut s, [ch('7')]);
    assert!(s.status_error().is_some());
    feed(&mut s, [ch('y')]);
    assert_eq!(s.status_note(), Some("Copied ACME-0"));
    assert_eq!(s.status_error(), None);
    feed(&mut s, [ch('j')]);
    assert_eq!(s.status, None);
    // An error outlives keys; saving a login that fails replaces the "Saving…" note.
    s.note("Saving the profile…");
    update(
        &mut s,
        Msg::Saved(Err(Notice::hinted(
            "The keyring refused the secret.",
            Some("unlock it and log in again".into()),
        ))),
    );
    feed(&mut s, [ch('j')]);
    assert_eq!(
        s.status_error().as_deref(),
        Some("The keyring refused the secret. — unlock it and log in again")
    );
}

#[test]
fn a_connection_failure_forgets_the_list_it_was_loading() {
    let mut s = state();
    let mut out = Vec::new();
    crate::app::list::start_search(&mut s, &mut out);
    let (page, _, _) = only_search(&out);
    update(&mut s, Msg::ConnectFailed(Notice::new("No secret.")));
    assert!(!s.requests.contains(Slot::Page));
    update(
        &mut s,
        answer(page, Ok(Response::Page(page_of("ACME", 0..3)))),
    );
    assert!(s.list.rows.is_empty(), "its late page is dropped");
    assert_eq!(s.screen, Screen::Login);
}

fn page_of(prefix: &str, range: std::ops::Range<usize>) -> SearchPage<ListIssue> {
    page(prefix, range, None)
}
