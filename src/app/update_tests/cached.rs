//! The result cache in the list: kept results on the first frame, replaced by fresh ones.

use super::*;
use crate::store::cache::Cached;

fn kept(keys: &[&str]) -> Cached<StoredRow> {
    let mut names = Names::default();
    Cached {
        version: 1,
        site: SITE.into(),
        user: "alice".into(),
        jql: DEFAULT_JQL.into(),
        saved: now() - chrono::Duration::minutes(5),
        total: Some(40),
        rows: keys
            .iter()
            .map(|k| Row::from_list_issue(list_issue(k, "from the cache"), &mut names).to_stored())
            .collect(),
    }
}

#[test]
fn cached_rows_show_at_once_and_fresh_ones_replace_them_keeping_the_selection() {
    let mut s = state();
    let mut out = Vec::new();
    crate::app::list::start_search(&mut s, &mut out);
    let (id, _, _) = only_search(&out);
    crate::app::list::show_cached(&mut s, kept(&["ACME-1", "ACME-2", "ACME-3"]));
    assert_eq!(keys(&s), ["ACME-1", "ACME-2", "ACME-3"]);
    assert!(s.list.cached.is_some());
    // No paging from cached rows, whatever the reader does.
    assert!(searches(&feed(&mut s, [ch('j'), ch('G')])).is_empty());
    assert_eq!(s.list.selected, 2);
    // Fresh results: the cached rows go, the selection follows its issue, the header's
    // "cached" mark goes, and the fresh first page is kept for next time.
    let fresh = SearchPage {
        issues: ["ACME-9", "ACME-3", "ACME-1"]
            .iter()
            .map(|k| list_issue(k, "fresh"))
            .collect(),
        next: None,
        total: Some(3),
    };
    let sent = update(&mut s, answer(id, Ok(Response::Page(fresh))));
    assert_eq!(keys(&s), ["ACME-9", "ACME-3", "ACME-1"]);
    assert_eq!(s.list.selected, 1, "still on ACME-3");
    assert_eq!(s.list.cached, None);
    assert_eq!(s.list.rows[0].summary(), "fresh");
    let saved: Vec<_> = sent
        .iter()
        .filter_map(|c| match c {
            Command::CacheResults { jql, rows, total } => Some((jql.clone(), rows.len(), *total)),
            _ => None,
        })
        .collect();
    assert_eq!(saved, [(DEFAULT_JQL.to_string(), 3, Some(3))]);
}

#[test]
fn a_failed_refresh_keeps_the_cached_rows_and_says_why() {
    let mut s = state();
    let mut out = Vec::new();
    crate::app::list::start_search(&mut s, &mut out);
    let (id, _, _) = only_search(&out);
    crate::app::list::show_cached(&mut s, kept(&["ACME-1"]));
    update(
        &mut s,
        answer(
            id,
            Err(JiraError::Server {
                status: 503,
                message: "down".into(),
            }),
        ),
    );
    assert_eq!(keys(&s), ["ACME-1"]);
    assert!(s.list.cached.is_some());
    assert!(s.status_error().is_some());
}

#[test]
fn later_pages_are_not_cached() {
    let mut s = loaded(50);
    let sent = feed(&mut s, [ch('G')]);
    let (id, _, _) = only_search(&sent);
    let sent = update(
        &mut s,
        answer(id, Ok(Response::Page(page("ACME", 50..60, None)))),
    );
    assert!(
        !sent
            .iter()
            .any(|c| matches!(c, Command::CacheResults { .. }))
    );
}

#[test]
fn typing_on_narrows_to_exactly_what_a_full_search_finds() {
    let mut s = state();
    let mut out = Vec::new();
    crate::app::list::start_search(&mut s, &mut out);
    let (id, _, _) = only_search(&out);
    let summaries = [
        "Fix the login page",
        "Logging is too LOUD",
        "Ünïcödé lögin ümlauts",
        "Rotate the logs",
        "Long-running migration",
    ];
    let p = SearchPage {
        issues: summaries
            .iter()
            .enumerate()
            .map(|(i, t)| list_issue(&format!("ACME-{i}"), t))
            .collect(),
        next: None,
        total: Some(summaries.len() as u64),
    };
    update(&mut s, answer(id, Ok(Response::Page(p))));
    feed(&mut s, [ch('/')]);
    for typed in ["l", "lo", "log", "logi", "login", "logi", "lög", "lögi"] {
        feed(&mut s, [ctrl('u')]);
        for c in typed.chars() {
            feed(&mut s, [ch(c)]);
        }
        let narrowed = visible_keys(&s);
        // The same needle searched from scratch.
        s.list.quick.as_mut().unwrap().matched = None;
        crate::app::list::refilter(&mut s);
        assert_eq!(visible_keys(&s), narrowed, "{typed:?}");
    }
    // Case-insensitive on both sides, across key and summary, ASCII and not.
    feed(&mut s, [ctrl('u')]);
    feed(&mut s, typing("LOUD"));
    assert_eq!(visible_keys(&s), ["ACME-1"]);
    feed(&mut s, [ctrl('u')]);
    feed(&mut s, typing("ÜMLAUT"));
    assert_eq!(visible_keys(&s), ["ACME-2"]);
    feed(&mut s, [ctrl('u')]);
    feed(&mut s, typing("acme4mig"));
    assert_eq!(visible_keys(&s), ["ACME-4"]);
}
