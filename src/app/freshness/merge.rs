//! Taking in what a background refresh read: the list's fresh first page over the rows shown
//! (changed rows marked, the selection kept on its issue, rows further down kept), and the
//! open issue read again (its scroll kept).

use crate::app::msg::Command;
use crate::app::state::{Row, State};
use crate::jira::{Issue, ListIssue, SearchPage};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// The list's first page, read again: it replaces the rows it covers. A row that is new to the
/// list, or whose `updated` moved on, is marked changed (until selected); a mark not seen yet
/// stays. Rows loaded beyond the first page stay after it (without the issues that moved up).
pub fn fresh_first_page(state: &mut State, page: SearchPage<ListIssue>, out: &mut Vec<Command>) {
    let list = &mut state.list;
    let selected_key = list.selected_row().map(|r| r.key().to_string());
    let before: HashMap<&str, (Option<i64>, bool)> = list
        .rows
        .iter()
        .map(|r| (r.key(), (r.updated_secs(), r.changed)))
        .collect();
    let first_screen = before.is_empty();
    let mut fresh: Vec<Row> = Vec::with_capacity(page.issues.len());
    for issue in page.issues {
        let mut row = Row::from_list_issue(issue, &mut list.names);
        row.changed = !first_screen
            && match before.get(row.key()) {
                None => true,
                Some((updated, marked)) => *marked || *updated != row.updated_secs(),
            };
        fresh.push(row);
    }
    let covered = list
        .rows
        .len()
        .min(crate::app::list::FIRST_PAGE_SIZE as usize)
        .min(fresh.len().max(1));
    let keys: HashSet<String> = fresh.iter().map(|r| r.key().to_string()).collect();
    let only_first = list.rows.len() <= covered;
    let rest: Vec<Row> = std::mem::take(&mut list.rows)
        .into_iter()
        .skip(covered)
        .filter(|r| !keys.contains(r.key()))
        .collect();
    fresh.extend(rest);
    list.rows = fresh;
    list.key_width = list
        .rows
        .iter()
        .map(|r| r.key().chars().count())
        .max()
        .unwrap_or(0);
    list.total = page.total.or(list.total);
    if only_first {
        list.next = page.next;
    }
    list.cached = None;
    list.page_error = None;
    if let Some(q) = list.quick.as_mut() {
        q.matched = None;
        crate::app::list::refilter(state);
    }
    let list = &mut state.list;
    if let Some(key) = selected_key
        && let Some(at) = (0..list.visible_len()).find(|&at| {
            list.row_index(at)
                .and_then(|i| list.rows.get(i))
                .is_some_and(|r| r.key() == key)
        })
    {
        list.selected = at;
    }
    crate::app::list::keep_selection_visible(state);
    crate::app::list::mark_seen(state);
    let list = &state.list;
    out.push(Command::CacheResults {
        jql: list.jql.clone(),
        total: list.total,
        rows: list
            .rows
            .iter()
            .take(crate::app::list::FIRST_PAGE_SIZE as usize)
            .map(Row::to_stored)
            .collect(),
    });
    crate::app::prefetch::on_fresh_rows(state, out);
}

/// The open issue, read again: shown in its place (scroll kept), kept in the detail cache. An
/// answer for an issue no longer shown is only kept.
pub fn fresh_issue(state: &mut State, issue: Issue, out: &mut Vec<Command>) {
    let issue = Arc::new(issue);
    state.prefetch.cache.put(issue.clone());
    let version = state.requests.fresh();
    let Some(d) = state.screen.detail_mut() else {
        return;
    };
    if d.key != issue.key {
        return;
    }
    if d.issue.as_deref() == Some(&*issue) {
        return;
    }
    d.issue = Some(issue);
    d.partial = false;
    d.version = version;
    d.comments_error = None;
    crate::app::detail::after_move(state, out);
}
