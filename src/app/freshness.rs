//! Keeping the world on screen fresh: while the list is shown its first page is read again
//! every [`Freshness::interval`] (per profile, `refresh` seconds; 0 turns it off) and when the
//! terminal regains focus; the issue view reads its issue again the same way. Rows that
//! changed since the user last saw them are marked until selected; the selection stays on its
//! issue; a refresh that fails leaves what is shown and says so quietly.
//!
//! Time comes from `Msg::Tick`/`Msg::Clock` (the event loop wakes for [`next_due`]), so tests
//! drive it with messages, no sleeping. Refreshes stop while the terminal has been unfocused
//! for [`LONG_UNFOCUSED`], and back off (the interval doubles, up to [`MAX_BACK_OFF`] times)
//! while the site signals rate limits ([`back_off`] is the hook for such a signal).

mod merge;
#[cfg(test)]
mod tests;

use super::msg::Command;
use super::state::{Overlay, Phase, Screen, Slot, State};
use crate::jira::{JiraError, SearchRequest};
use crate::worker::{RequestKind, Response};
use chrono::{DateTime, TimeDelta, Utc};

/// The interval when the profile sets none.
pub const DEFAULT_INTERVAL: TimeDelta = TimeDelta::seconds(120);
/// Focus regained refreshes only what is older than this (switching windows back and forth
/// is no reason to ask again).
pub const FOCUS_GAP: TimeDelta = TimeDelta::seconds(10);
/// Unfocused this long, the timed refreshes stop (until focus comes back).
pub const LONG_UNFOCUSED: TimeDelta = TimeDelta::minutes(15);
/// How many times the interval doubles at most while the site rate-limits.
pub const MAX_BACK_OFF: u32 = 4;

/// When the shown things were last read, and how often to read them again.
#[derive(Debug, Clone, PartialEq)]
pub struct Freshness {
    /// Time between refreshes (None: off).
    pub interval: Option<TimeDelta>,
    /// When the list was last read (a refresh started, or its first page arrived).
    pub list_read: Option<DateTime<Utc>>,
    /// When the open issue was last read.
    pub issue_read: Option<DateTime<Utc>>,
    /// Since when the terminal has been unfocused (None: focused, or never told).
    pub unfocused_since: Option<DateTime<Utc>>,
    /// How many times the interval is doubled (rate limits).
    pub back_off: u32,
    /// Why the last background refresh of the list failed, shown quietly in its header.
    pub failed: Option<String>,
}

impl Default for Freshness {
    fn default() -> Self {
        Freshness::every(Some(DEFAULT_INTERVAL.num_seconds() as u64))
    }
}

impl Freshness {
    /// Refreshing every `seconds` (None: the default; 0: off).
    pub fn every(seconds: Option<u64>) -> Self {
        let interval = match seconds {
            None => Some(DEFAULT_INTERVAL),
            Some(0) => None,
            Some(s) => Some(TimeDelta::seconds(s.min(86_400 * 7) as i64)),
        };
        Freshness {
            interval,
            list_read: None,
            issue_read: None,
            unfocused_since: None,
            back_off: 0,
            failed: None,
        }
    }

    /// The interval now, backing off included.
    fn current(&self) -> Option<TimeDelta> {
        self.interval
            .map(|i| i * (1 << self.back_off.min(MAX_BACK_OFF)))
    }

    /// Whether timed refreshes are stopped: unfocused for long.
    fn asleep(&self, now: DateTime<Utc>) -> bool {
        self.unfocused_since
            .is_some_and(|since| now - since >= LONG_UNFOCUSED)
    }
}

/// What is shown that a refresh would read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    List,
    Issue,
}

fn shown(state: &State) -> Option<Shown> {
    if state.overlay != Overlay::None || state.session.is_none() {
        return None;
    }
    match &state.screen {
        Screen::List => Some(Shown::List),
        Screen::Detail(d) if !d.partial && d.issue.is_some() => Some(Shown::Issue),
        _ => None,
    }
}

/// When the next timed refresh is due (None: none is), for the event loop to wake then.
pub fn next_due(state: &State) -> Option<DateTime<Utc>> {
    let f = &state.freshness;
    let interval = f.current()?;
    if f.unfocused_since.is_some_and(|_| f.asleep(state.now)) {
        return None;
    }
    let read = match shown(state)? {
        Shown::List => f.list_read?,
        Shown::Issue => f.issue_read?,
    };
    Some(read + interval)
}

/// Time passed: a refresh that is due starts.
pub fn on_time(state: &mut State, out: &mut Vec<Command>) {
    if next_due(state).is_some_and(|due| state.now >= due) {
        refresh(state, out);
    }
}

/// The terminal gained (`true`) or lost focus at `state.now`. Gained, what is shown is read
/// again unless it was read within [`FOCUS_GAP`].
pub fn on_focus(state: &mut State, gained: bool, out: &mut Vec<Command>) {
    let now = state.now;
    if !gained {
        state.freshness.unfocused_since.get_or_insert(now);
        return;
    }
    state.freshness.unfocused_since = None;
    if state.freshness.interval.is_none() {
        return;
    }
    let read = match shown(state) {
        Some(Shown::List) => state.freshness.list_read,
        Some(Shown::Issue) => state.freshness.issue_read,
        None => return,
    };
    if read.is_none_or(|r| now - r >= FOCUS_GAP) {
        refresh(state, out);
    }
}

/// The site signalled that it is near or at its rate limit: background refreshes come at
/// twice the interval (up to [`MAX_BACK_OFF`] doublings) until one succeeds.
pub fn back_off(state: &mut State) {
    let f = &mut state.freshness;
    f.back_off = (f.back_off + 1).min(MAX_BACK_OFF);
}

/// The list was read (its first page arrived on its own): the timer starts from now.
pub fn list_read(state: &mut State) {
    state.freshness.list_read = Some(state.now);
}

/// Reads again what is shown, quietly (no spinner, no wait in the status line). Nothing is
/// started while a request for it that the user waits for is in flight.
fn refresh(state: &mut State, out: &mut Vec<Command>) {
    let now = state.now;
    match shown(state) {
        Some(Shown::List) => {
            state.freshness.list_read = Some(now);
            let busy = [Slot::Page, Slot::Query, Slot::Act, Slot::Refresh]
                .iter()
                .any(|s| state.requests.contains(*s));
            if busy || state.list.phase == Phase::Loading {
                return;
            }
            let mut request = SearchRequest::new(state.list.jql.clone());
            request.page_size = super::list::FIRST_PAGE_SIZE;
            state.request(
                Slot::Freshen,
                RequestKind::Quiet(Box::new(RequestKind::Search {
                    request,
                    cursor: None,
                })),
                out,
            );
        }
        Some(Shown::Issue) => {
            state.freshness.issue_read = Some(now);
            if state.requests.contains(Slot::Issue) || state.requests.contains(Slot::Comments) {
                return;
            }
            if let Some(key) = state.detail().map(|d| d.key.clone()) {
                state.request(
                    Slot::FreshenIssue,
                    RequestKind::Quiet(Box::new(RequestKind::Issue { key })),
                    out,
                );
            }
        }
        None => {}
    }
}

/// The answer to a background refresh ([`Slot::Freshen`] or [`Slot::FreshenIssue`]).
pub fn on_answer(
    state: &mut State,
    slot: Slot,
    result: Result<Response, JiraError>,
    out: &mut Vec<Command>,
) {
    match (slot, result) {
        (Slot::Freshen, Ok(Response::Page(page))) => {
            state.freshness.back_off = 0;
            state.freshness.failed = None;
            merge::fresh_first_page(state, page, out);
        }
        (Slot::FreshenIssue, Ok(Response::Issue(issue))) => {
            state.freshness.back_off = 0;
            merge::fresh_issue(state, *issue, out);
        }
        (_, Ok(_)) => {}
        (slot, Err(e)) => {
            if matches!(e, JiraError::RateLimited { .. }) {
                back_off(state);
            }
            let sentence = crate::notice::Notice::from(&e).sentence;
            tracing::info!(error = %e, "a background refresh failed");
            if slot == Slot::Freshen {
                state.freshness.failed = Some(sentence);
            } else if state.status.is_none() {
                state.note(format!("Not refreshed: {sentence}"));
            }
        }
    }
}
