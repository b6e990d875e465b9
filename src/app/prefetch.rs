//! Reading issues ahead, so that Enter shows an issue in full in one frame: the first screen
//! of a fresh list, and the issue the selection rests on for [`REST`], are read in bulk (one
//! request for many issues, [`RequestKind::Details`]) into the [`DetailCache`]. The worker
//! runs that request at low priority (never beside a request the user waits for); a new list
//! stops it; a row whose `updated` moved on drops its cached issue.
//!
//! One bulk request is in flight at a time ([`Slot::Prefetch`]); keys wanted meanwhile wait in
//! a queue, the rested issue first.

mod cache;
#[cfg(test)]
mod tests;

pub use cache::{DetailCache, MAX_BYTES, MAX_ISSUES, approx_size, updated_secs};

use super::msg::Command;
use super::state::{Row, Slot, State};
use crate::jira::{Issue, IssueType, JiraError, Named, Status, StatusCategory, User};
use crate::worker::{RequestKind, Response};
use chrono::{DateTime, Utc};
use std::sync::Arc;

/// How long the selection rests on an issue before it is read ahead.
pub const REST: chrono::TimeDelta = chrono::TimeDelta::milliseconds(250);
/// Issues one bulk request asks for at most (Cloud's `bulkfetch` limit).
pub const BATCH: usize = crate::jira::bulk::BULK_MAX;
/// Issues after the rested one that are read with it (the next rows the user may go to).
const AROUND: usize = 5;

/// What is read ahead, and what has been.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Prefetch {
    /// Keys to read, most wanted first.
    queue: Vec<String>,
    /// The keys of the bulk request in flight.
    in_flight: Vec<String>,
    /// The issue the selection came to rest on, and when.
    rest: Option<(String, DateTime<Utc>)>,
    /// Issues read in full.
    pub cache: DetailCache,
}

impl Prefetch {
    /// Keys waiting to be read, most wanted first.
    pub fn queued(&self) -> &[String] {
        &self.queue
    }

    /// Keys being read now.
    pub fn in_flight(&self) -> &[String] {
        &self.in_flight
    }
}

/// Whether the selection is resting: the event loop's tick must run to see the rest through
/// (no spinner turns for it).
pub fn counting_down(state: &State) -> bool {
    state.prefetch.rest.is_some()
}

/// A fresh first page is shown (not cached rows): the cached issues of rows whose `updated`
/// moved on are dropped, and the first screen's issues not kept are read ahead, before
/// whatever was queued for the list shown before.
pub fn on_fresh_rows(state: &mut State, out: &mut Vec<Command>) {
    let height = state.list_height();
    let p = &mut state.prefetch;
    for row in &state.list.rows {
        p.cache.invalidate(row.key(), row.updated_secs());
    }
    let first_screen: Vec<String> = state
        .list
        .rows
        .iter()
        .take(height)
        .filter(|r| !p.cache.is_fresh(r.key(), r.updated_secs()))
        .map(|r| r.key().to_string())
        .collect();
    p.queue = first_screen;
    send_next(state, out);
}

/// The selection moved: it rests on its issue from now on.
pub fn on_move(state: &mut State) {
    state.prefetch.rest = state
        .list
        .selected_row()
        .map(|r| (r.key().to_string(), state.now));
}

/// Time passed (a tick): a selection that has rested [`REST`] has its issue, and the few after
/// it, read ahead first.
pub fn on_tick(state: &mut State, out: &mut Vec<Command>) {
    let Some((key, since)) = state.prefetch.rest.clone() else {
        return;
    };
    if !matches!(state.screen, super::state::Screen::List) {
        // Opened (or left) before it rested long enough.
        state.prefetch.rest = None;
        return;
    }
    if state.now - since < REST {
        return;
    }
    state.prefetch.rest = None;
    let list = &state.list;
    let start = list.selected;
    let wanted: Vec<String> = (start..start + 1 + AROUND)
        .filter_map(|at| list.row_index(at).and_then(|i| list.rows.get(i)))
        .filter(|r| !state.prefetch.cache.is_fresh(r.key(), r.updated_secs()))
        .map(|r| r.key().to_string())
        .filter(|k| !state.prefetch.in_flight.contains(k))
        .collect();
    // The issue rested on may have moved away since (the list changed under it).
    if wanted.is_empty() || wanted[0] != key {
        return;
    }
    let p = &mut state.prefetch;
    p.queue.retain(|k| !wanted.contains(k));
    p.queue.splice(0..0, wanted);
    send_next(state, out);
}

/// The list is replaced (a new query, a filter): nothing queued for the old one is read, and
/// the bulk request in flight is stopped. Kept issues stay (keyed by `updated`, they are right
/// for any list).
pub fn cancel(state: &mut State, out: &mut Vec<Command>) {
    let p = &mut state.prefetch;
    p.queue.clear();
    p.rest = None;
    if !p.in_flight.is_empty() {
        p.in_flight.clear();
        state.requests.cancel(Slot::Prefetch);
        // No keys: the worker only stops the one running.
        out.push(Command::Send(crate::worker::Request {
            id: crate::worker::RequestId(state.requests.fresh()),
            kind: RequestKind::Details { keys: Vec::new() },
        }));
    }
}

/// The list is replaced: nothing queued for it is read (the request in flight is stopped by
/// [`cancel`] when the new list's search starts).
pub fn cancel_queue(state: &mut State) {
    state.prefetch.queue.clear();
    state.prefetch.rest = None;
}

/// Keeps an issue read in full (opened, or read ahead).
pub fn keep(state: &mut State, issue: Arc<Issue>) {
    state.prefetch.cache.put(issue);
}

/// The answer to a bulk request: its issues are kept, an open view that shows only a row's
/// part of one of them is filled in, and the next keys are asked for. A failure is quiet
/// (nobody waited): the queue is dropped, the issues are read when opened.
pub fn on_answer(state: &mut State, result: Result<Response, JiraError>, out: &mut Vec<Command>) {
    state.prefetch.in_flight.clear();
    match result {
        Ok(Response::Details(issues)) => {
            for issue in issues {
                let issue = Arc::new(issue);
                fill_open_view(state, &issue, out);
                state.prefetch.cache.put(issue);
            }
        }
        Ok(_) => {}
        Err(e) => {
            tracing::debug!(error = %e, "reading issues ahead failed");
            state.prefetch.queue.clear();
        }
    }
    send_next(state, out);
}

/// The issue the detail view shows in part, now read in full: shown whole (its own request is
/// no longer waited for).
fn fill_open_view(state: &mut State, issue: &Arc<Issue>, out: &mut Vec<Command>) {
    let Some(d) = state.screen.detail_mut() else {
        return;
    };
    if !d.partial || d.key != issue.key {
        return;
    }
    d.issue = Some(issue.clone());
    d.partial = false;
    d.phase = super::state::Phase::Idle;
    d.version = state.requests.fresh();
    state.requests.cancel(Slot::Issue);
    super::detail::after_move(state, out);
}

/// Sends the next batch of queued keys unless one is in flight.
fn send_next(state: &mut State, out: &mut Vec<Command>) {
    let p = &mut state.prefetch;
    if !p.in_flight.is_empty() || p.queue.is_empty() {
        return;
    }
    let take = p.queue.len().min(BATCH);
    let keys: Vec<String> = p.queue.drain(..take).collect();
    p.in_flight = keys.clone();
    state.request(Slot::Prefetch, RequestKind::Details { keys }, out);
}

/// What a list row knows of its issue, as an issue: key, summary, status (and its category),
/// type, priority, assignee and update time. The detail view shows it at once while the rest
/// is read.
pub fn partial_issue(row: &Row) -> Issue {
    let mut issue = Issue {
        key: row.key().to_string(),
        ..Issue::default()
    };
    let f = &mut issue.fields;
    f.summary = Some(row.summary().to_string());
    let named = |name: &str| (!name.is_empty()).then(|| name.to_string());
    f.status = named(&row.status).map(|name| Status {
        name,
        status_category: Some(StatusCategory {
            key: row.category.key().to_string(),
            ..StatusCategory::default()
        }),
        ..Status::default()
    });
    f.issuetype = named(&row.issue_type).map(|name| IssueType {
        name,
        ..IssueType::default()
    });
    f.priority = named(&row.priority).map(|name| Named {
        name,
        ..Named::default()
    });
    f.assignee = row.assignee.as_ref().map(|a| User {
        display_name: Some(a.to_string()),
        ..User::default()
    });
    f.updated = row.updated().map(|t| t.to_rfc3339());
    issue
}
