//! Loading the list's pages: the first, a reload, the next ones. A reload replaces the rows
//! (the selection stays on its issue); a failed page is tried again when the selection next
//! reaches the end; a site that hands out the same page again ends the paging instead of
//! being asked forever.

use super::{FIRST_PAGE_SIZE, ListView, PAGE_SIZE, Reload};
use crate::app::msg::Command;
use crate::app::state::{Notice, Phase, Row, Slot, State, StoredRow};
use crate::jira::{JiraError, ListIssue, SearchPage, SearchRequest};
use crate::worker::{RequestKind, Response};

/// Starts the first page of the list's query. Rows already shown stay until it arrives, and
/// are then replaced by it (the selection stays on its issue).
pub fn start_search(state: &mut State, out: &mut Vec<Command>) {
    if state.list.rows.is_empty() {
        // A new list: what was read ahead for the one before is of no use.
        crate::app::prefetch::cancel(state, out);
    }
    let mut request = SearchRequest::new(state.list.jql.clone());
    request.page_size = FIRST_PAGE_SIZE;
    state.request(
        Slot::Page,
        RequestKind::Search {
            request,
            cursor: None,
        },
        out,
    );
    let list = &mut state.list;
    list.phase = Phase::Loading;
    list.page_error = None;
    list.replacing = !list.rows.is_empty();
}

/// Asks for the next page when the selection is near the end, or while a reload has fewer
/// rows than before. A page that failed is asked for again only when `retry` (the user moved
/// to the end since).
pub(super) fn load_more_if_near_end(state: &mut State, retry: bool, out: &mut Vec<Command>) {
    let list = &state.list;
    let query_pending = state.requests.contains(Slot::Query);
    let near_end = list.selected + 10 >= list.visible_len();
    let refilling = list
        .reload
        .as_ref()
        .is_some_and(|r| list.rows.len() < r.rows);
    let Some(cursor) = list.next.clone() else {
        return;
    };
    let blocked = state.requests.contains(Slot::Page)
        || (list.page_error.is_some() && !retry)
        || query_pending
        || !(near_end || refilling);
    if blocked {
        return;
    }
    let mut request = SearchRequest::new(list.jql.clone());
    request.page_size = PAGE_SIZE;
    state.request(
        Slot::Page,
        RequestKind::Search {
            request,
            cursor: Some(cursor),
        },
        out,
    );
    state.list.replacing = false;
}

/// Picks the list's loading up again after a query search superseded it (the worker aborted
/// the list's request for the query's).
pub fn resume_list(state: &mut State, out: &mut Vec<Command>) {
    if state.requests.contains(Slot::Page) {
        return;
    }
    let interrupted_first =
        state.list.phase == Phase::Loading && (state.list.rows.is_empty() || state.list.replacing);
    if interrupted_first {
        start_search(state, out);
    } else {
        load_more_if_near_end(state, false, out);
    }
}

/// Takes the answer to the page the list waited for ([`Slot::Page`]).
pub fn on_answer(state: &mut State, result: Result<Response, JiraError>, out: &mut Vec<Command>) {
    match result {
        Ok(Response::Page(page)) => apply_page(state, page, out),
        Ok(_) => {}
        Err(e) => {
            let notice = Notice::from(&e);
            if state.list.rows.is_empty() {
                state.list.phase = Phase::Failed(notice);
            } else {
                // The line under the rows says what to do: the status line only what broke.
                state.fail(Notice::new(notice.sentence.clone()));
                let list = &mut state.list;
                // A failed reload leaves the rows (and their paging) as they were.
                if !std::mem::take(&mut list.replacing) {
                    list.page_error = Some(notice);
                    list.reload = None;
                }
                list.phase = Phase::Idle;
            }
            super::keep_selection_visible(state);
        }
    }
}

/// The visible position of the row with `key`.
fn position_of(list: &ListView, key: &str) -> Option<usize> {
    (0..list.visible_len()).find(|&at| {
        list.row_index(at)
            .and_then(|i| list.rows.get(i))
            .is_some_and(|r| r.key() == key)
    })
}

/// Shows a page: the first page of a query (or a reload, or fresh results over cached ones)
/// replaces the rows; a later page adds the issues not shown yet.
pub fn apply_page(state: &mut State, page: SearchPage<ListIssue>, out: &mut Vec<Command>) {
    let list = &mut state.list;
    let first = list.rows.is_empty() || list.replacing || list.cached.is_some();
    if first {
        // As many rows as before, and the selection on its issue (see `reselect`). A reload
        // of a reload still under way keeps the earlier one's aim.
        if !list.rows.is_empty() {
            let earlier = list.reload.take();
            list.reload = Some(Reload {
                key: earlier
                    .as_ref()
                    .and_then(|r| r.key.clone())
                    .or_else(|| list.selected_row().map(|r| r.key().to_string())),
                position: list.selected,
                rows: list.rows.len().max(earlier.map_or(0, |r| r.rows)),
            });
        }
        list.rows.clear();
        list.key_width = 0;
        list.guard = crate::jira::PageGuard::new();
        list.stopped = None;
        list.cached = None;
        list.replacing = false;
    }
    // Keys are unique in Jira: an issue already shown (a site that ignores the offset, an
    // issue that moved between pages) is not shown twice, and a page that brings nothing new
    // or a cursor handed out before ends the paging.
    let mut page = page;
    if let Some(stop) = list.guard.admit(&mut page) {
        let note = format!(
            "Paging stopped at {} issues: {stop}.",
            crate::text::format::thousands(list.rows.len() as u64 + page.issues.len() as u64)
        );
        tracing::warn!(jql = %list.jql, "{note}");
        state.fail(Notice::new(note.clone()));
        state.list.stopped = Some(note);
    }
    let SearchPage {
        issues,
        next,
        total,
    } = page;
    let mut damaged = issues
        .iter()
        .filter_map(|i| Some((&i.key, i.problem.as_ref()?)));
    if let Some((key, problem)) = damaged.next() {
        let more = damaged.count();
        let more = if more > 0 {
            format!(" (and {more} more issues)")
        } else {
            String::new()
        };
        state.fail(Notice::new(crate::text::sanitize_line(&format!(
            "{key} could not be read whole: {problem}{more}; shown with what could, marked (!)."
        ))));
    }
    let list = &mut state.list;
    list.push_rows(issues, Row::from_list_issue);
    list.total = total.or(list.total);
    list.next = if list.stopped.is_some() { None } else { next };
    list.phase = Phase::Idle;
    list.page_error = None;
    if first {
        list.selected = 0;
        list.offset = 0;
        // The first page of a query is what the next start shows before the site answers.
        out.push(Command::CacheResults {
            jql: list.jql.clone(),
            total: list.total,
            rows: list.rows.iter().map(Row::to_stored).collect(),
        });
    }
    if let Some(q) = state.list.quick.as_mut() {
        // New rows: find the matches among all of them again.
        q.matched = None;
        let selected = state.list.selected;
        super::quick::refilter(state);
        state.list.selected = selected;
    }
    reselect(state);
    super::keep_selection_visible(state);
    load_more_if_near_end(state, false, out);
    if first {
        crate::app::freshness::list_read(state);
        crate::app::prefetch::on_fresh_rows(state, out);
    }
}

/// After a reload: the selection goes back to its issue once a page brings it, and stays near
/// its old position until then. The reload is over once as many rows as before are shown, or
/// the site has no more (the issue left the query if it has not come back by then).
fn reselect(state: &mut State) {
    let list = &mut state.list;
    let Some(mut reload) = list.reload.take() else {
        return;
    };
    let len = list.visible_len();
    if let Some(key) = reload.key.take() {
        match position_of(list, &key) {
            Some(at) => list.selected = at,
            None => {
                list.selected = reload.position.min(len.saturating_sub(1));
                reload.key = Some(key);
            }
        }
    }
    if list.rows.len() < reload.rows && list.next.is_some() {
        list.reload = Some(reload);
    }
}

/// Shows the kept results of the list's query until fresh ones arrive (they replace them).
pub fn show_cached(state: &mut State, cached: crate::store::cache::Cached<StoredRow>) {
    let list = &mut state.list;
    if cached.rows.is_empty() || !list.rows.is_empty() {
        return;
    }
    list.push_rows(cached.rows, Row::from_stored);
    list.total = cached.total;
    list.cached = Some(cached.saved);
}
