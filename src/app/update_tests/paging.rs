//! Paging the list through sites that misbehave or fail: a reload replaces the rows (and
//! loads as many again, the selection on its issue), a failed page is tried again when the
//! selection next reaches the end, and a site that hands out the same page again ends the
//! paging with a note instead of being asked forever.

use super::*;

/// Answers the one search among `sent` with `page`; returns what that answer sent.
fn answer_search(s: &mut State, sent: &[Command], page: SearchPage<ListIssue>) -> Vec<Command> {
    let (id, _, _) = only_search(sent);
    update(s, answer(id, Ok(Response::Page(page))))
}

/// The screen drawn from `s`, as text.
fn screen(s: &State) -> String {
    let backend = ratatui::backend::TestBackend::new(s.size.0, s.size.1);
    let mut terminal = ratatui::Terminal::new(backend).expect("a test terminal");
    terminal
        .draw(|frame| crate::ui::draw(frame, s))
        .expect("drawn");
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn token(n: usize) -> Option<PageCursor> {
    Some(PageCursor::Token(format!("tok{n}")))
}

/// A list with all of `ACME-0`…`ACME-149` loaded in three pages, the selection at the end.
fn three_pages() -> State {
    let mut s = loaded(50);
    let sent = feed(&mut s, [ch('G')]);
    let sent = answer_search(&mut s, &sent, page("ACME", 50..100, token(3)));
    let sent = {
        let mut more = sent;
        more.extend(feed(&mut s, [ch('G')]));
        more
    };
    assert!(searches(&answer_search(&mut s, &sent, page("ACME", 100..150, None))).is_empty());
    assert_eq!(s.list.rows.len(), 150);
    s
}

#[test]
fn a_reload_replaces_the_rows_instead_of_appending_them() {
    let mut s = three_pages();
    feed(&mut s, [ch('g')]);
    for _ in 0..2 {
        let sent = feed(&mut s, [ch('r')]);
        let (_, _, cursor) = only_search(&sent);
        assert_eq!(cursor, None, "a reload starts at the first page");
        assert_eq!(
            s.list.rows.len(),
            150,
            "the rows stay until fresh ones arrive"
        );
        // The fresh first page replaces them; as many rows as before are loaded again.
        let sent = answer_search(&mut s, &sent, page("ACME", 0..50, token(2)));
        assert_eq!(s.list.rows.len(), 50);
        let (_, _, cursor) = only_search(&sent);
        assert_eq!(cursor, token(2));
        let sent = answer_search(&mut s, &sent, page("ACME", 50..150, None));
        assert!(searches(&sent).is_empty());
        assert_eq!(s.list.rows.len(), 150, "not 200, not 250");
        assert_eq!(keys(&s)[..3], ["ACME-0", "ACME-1", "ACME-2"]);
        assert_eq!(s.list.next, None);
        assert_eq!(s.list.selected, 0);
    }
}

#[test]
fn a_reload_keeps_the_selection_on_its_issue() {
    let mut s = three_pages();
    feed(&mut s, [ch('g')]);
    for _ in 0..120 {
        feed(&mut s, [ch('j')]);
    }
    assert_eq!(s.list.selected_row().unwrap().key(), "ACME-120");
    let sent = feed(&mut s, [ch('r')]);
    // Two new issues on top: ACME-120 is now further down, on the second page.
    let mut fresh = page("ACME", 0..48, token(2));
    fresh.issues.insert(0, list_issue("ACME-901", "new"));
    fresh.issues.insert(0, list_issue("ACME-900", "new"));
    let sent = answer_search(&mut s, &sent, fresh);
    assert_eq!(
        s.list.selected, 49,
        "near where it was until its issue is back"
    );
    answer_search(&mut s, &sent, page("ACME", 48..150, None));
    assert_eq!(s.list.rows.len(), 152);
    assert_eq!(s.list.selected_row().unwrap().key(), "ACME-120");
    assert_eq!(s.list.reload, None);
}

#[test]
fn moving_during_a_reload_stops_following_the_old_issue() {
    let mut s = three_pages();
    let sent = feed(&mut s, [ch('r')]);
    let sent = answer_search(&mut s, &sent, page("ACME", 0..50, token(2)));
    feed(&mut s, [ch('g'), ch('j')]);
    answer_search(&mut s, &sent, page("ACME", 50..150, None));
    assert_eq!(s.list.selected, 1, "the user's choice wins");
}

#[test]
fn a_failed_reload_keeps_the_rows_and_says_why() {
    let mut s = three_pages();
    let (id, _, _) = only_search(&feed(&mut s, [ch('r')]));
    let down = JiraError::Server {
        status: 503,
        message: "down".into(),
    };
    update(&mut s, answer(id, Err(down)));
    assert_eq!(s.list.rows.len(), 150);
    assert!(s.status_error().as_deref().unwrap().contains("503"));
    assert_eq!(s.list.page_error, None, "nothing to try again at the end");
    assert!(!s.list.replacing);
    // The next reload works as usual.
    let sent = feed(&mut s, [ch('r')]);
    answer_search(&mut s, &sent, page("ACME", 0..50, None));
    assert_eq!(s.list.rows.len(), 50);
}

#[test]
fn a_reload_cut_short_by_a_query_is_started_again() {
    let mut s = three_pages();
    feed(&mut s, [ch('r'), ch(':')]);
    // Running the query aborts the reload; cancelling it starts the reload again.
    feed(&mut s, [code(KeyCode::Enter)]);
    let sent = feed(&mut s, [code(KeyCode::Esc)]);
    let (_, _, cursor) = only_search(&sent);
    assert_eq!(cursor, None);
    answer_search(&mut s, &sent, page("ACME", 0..150, None));
    assert_eq!(s.list.rows.len(), 150);
}

fn server_error() -> JiraError {
    JiraError::Server {
        status: 502,
        message: "Bad gateway".into(),
    }
}

#[test]
fn a_failed_page_is_tried_again_when_the_selection_next_reaches_the_end() {
    let mut s = loaded(50);
    let (id, _, cursor) = only_search(&feed(&mut s, [ch('G')]));
    assert_eq!(cursor, token(2));
    assert!(searches(&update(&mut s, answer(id, Err(server_error())))).is_empty());
    assert!(s.list.page_error.is_some());
    let screen = screen(&s);
    assert!(screen.contains("Bad gateway"), "{screen}");
    assert!(screen.contains("tries again"), "{screen}");
    // Moving about short of the end sends nothing: no hammering of a failing site.
    assert!(searches(&feed(&mut s, [ch('k'), ch('k'), Msg::Resize(80, 30)])).is_empty());
    // Reaching the end again tries the same page again.
    let (id, _, cursor) = only_search(&feed(&mut s, [ch('G')]));
    assert_eq!(cursor, token(2));
    assert!(s.list.page_error.is_none() || s.requests.contains(Slot::Page));
    // It fails again: the error is back at the end; Down at the last row tries once more.
    update(&mut s, answer(id, Err(server_error())));
    assert!(s.list.page_error.is_some());
    let sent = feed(&mut s, [ch('j')]);
    let (_, _, cursor) = only_search(&sent);
    assert_eq!(cursor, token(2));
    answer_search(&mut s, &sent, page("ACME", 50..60, None));
    assert_eq!(s.list.rows.len(), 60);
    assert_eq!(s.list.page_error, None);
}

#[test]
fn a_page_with_no_new_issue_ends_the_paging_with_a_note() {
    // A Data Center site (or proxy) that ignores startAt: every page is the first one.
    let mut s = loaded(50);
    s.list.next = Some(PageCursor::Offset(50));
    let sent = feed(&mut s, [ch('G')]);
    let mut again = page("ACME", 0..50, Some(PageCursor::Offset(100)));
    again.total = Some(250);
    let sent = answer_search(&mut s, &sent, again);
    assert!(searches(&sent).is_empty(), "no further request");
    assert_eq!(s.list.rows.len(), 50, "no row twice");
    assert_eq!(s.list.next, None);
    let note = s.list.stopped.clone().expect("a note says why");
    assert!(note.contains("no new issue"), "{note}");
    assert_eq!(s.status_error().as_deref(), Some(note.as_str()));
    let screen = screen(&s);
    assert!(screen.contains("Paging stopped at 50 issues"), "{screen}");
    // However far one moves, nothing more is asked for; a reload starts afresh.
    assert!(searches(&feed(&mut s, [ch('j'), ch('G')])).is_empty());
    let sent = feed(&mut s, [ch('r')]);
    answer_search(&mut s, &sent, page("ACME", 0..50, None));
    assert_eq!(s.list.stopped, None);
}

#[test]
fn a_page_token_handed_out_again_ends_the_paging() {
    // A Cloud site that repeats nextPageToken with isLast false, with fresh keys each time.
    let mut s = loaded(50);
    let sent = feed(&mut s, [ch('G')]);
    let sent = answer_search(&mut s, &sent, page("ACME", 50..100, token(2)));
    assert!(searches(&sent).is_empty());
    assert_eq!(
        s.list.rows.len(),
        100,
        "the new issues of that page are shown"
    );
    assert_eq!(s.list.next, None);
    assert!(
        s.list
            .stopped
            .as_deref()
            .unwrap()
            .contains("same page again"),
        "{:?}",
        s.list.stopped
    );
}

#[test]
fn issues_already_shown_are_not_shown_twice() {
    // An issue moved between pages: the next page repeats one already shown.
    let mut s = loaded(50);
    let sent = feed(&mut s, [ch('G')]);
    answer_search(&mut s, &sent, page("ACME", 49..60, None));
    assert_eq!(s.list.rows.len(), 60);
    assert_eq!(s.list.stopped, None);
}

#[test]
fn a_damaged_issue_is_shown_marked_and_the_rest_of_the_page_unaffected() {
    // The client could read only part of ACME-51 (a number where Jira sends an object).
    let mut s = loaded(50);
    let sent = feed(&mut s, [ch('G')]);
    let mut next = page("ACME", 50..60, None);
    next.issues[1].problem = Some("priority and status could not be read".into());
    answer_search(&mut s, &sent, next);
    assert_eq!(s.list.rows.len(), 60, "the whole page is shown");
    let damaged: Vec<&str> = s
        .list
        .rows
        .iter()
        .filter(|r| r.damaged)
        .map(|r| r.key())
        .collect();
    assert_eq!(damaged, ["ACME-51"]);
    let note = s.status_error().unwrap_or_default();
    assert!(note.contains("ACME-51 could not be read whole"), "{note}");
    assert!(note.contains("priority and status"), "{note}");
    feed(&mut s, [ch('G')]);
    let screen = screen(&s);
    let line = screen
        .lines()
        .find(|l| l.contains("ACME-51 "))
        .unwrap_or_default();
    assert!(line.contains("(!)"), "{screen}");
    assert!(
        !screen
            .lines()
            .any(|l| l.contains("ACME-52 ") && l.contains("(!)")),
        "{screen}"
    );
}
