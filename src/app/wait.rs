//! What the TUI is waiting for, for the status line: the request by name ("Searching…",
//! "Loading ACME-1…", "Loading comments of ACME-1…", "Logging in…") and for how long, so a
//! slow site is never a spinner that says nothing.

use super::state::{Overlay, State};
use crate::worker::RequestId;
use chrono::{DateTime, Utc};

/// A wait the status line shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wait {
    /// The request waited for.
    pub id: RequestId,
    /// What it is, as the status line says it.
    pub what: String,
    /// The first tick seen while waiting (ticks run only while something is in flight, so the
    /// clock of `State::now` is only trusted from then on).
    pub since: Option<DateTime<Utc>>,
}

impl Wait {
    /// Whole seconds waited by `now`.
    pub fn seconds(&self, now: DateTime<Utc>) -> u64 {
        self.since
            .map_or(0, |since| (now - since).num_seconds().max(0) as u64)
    }
}

impl State {
    /// The request the user waits for most, and what it is; None when nothing is in flight
    /// that the status line names.
    pub fn waiting_for(&self) -> Option<(RequestId, String)> {
        waiting_for(self)
    }

    /// The status line's words for the wait: what, and for how long once it is a second or
    /// more ("Loading ACME-1… 12 s").
    pub fn wait_text(&self) -> Option<String> {
        wait_text(self)
    }
}

fn waiting_for(state: &State) -> Option<(RequestId, String)> {
    let named = |id: Option<RequestId>, what: &dyn Fn() -> String| id.map(|id| (id, what()));
    let login = &state.login;
    let query = match &state.overlay {
        Overlay::Query(q) => q.request,
        _ => None,
    };
    let detail = state.detail.as_ref();
    let list = &state.list;
    named(login.login_request, &|| "Logging in…".into())
        .or_else(|| named(login.detect_request, &|| "Checking the site…".into()))
        .or_else(|| {
            named(state.filters.remote_request, &|| {
                "Loading favourites…".into()
            })
        })
        .or_else(|| {
            named(state.filters.publish_request, &|| {
                "Publishing the filter…".into()
            })
        })
        .or_else(|| named(query, &|| "Searching…".into()))
        .or_else(|| {
            let d = detail?;
            named(d.request, &|| format!("Loading {}…", d.key)).or_else(|| {
                named(d.comments_request, &|| {
                    format!("Loading comments of {}…", d.key)
                })
            })
        })
        .or_else(|| {
            named(list.request, &|| {
                if list.cached.is_some() {
                    "Refreshing…".into()
                } else if list.rows.is_empty() {
                    "Searching…".into()
                } else if list.replacing || list.reload.is_some() {
                    "Reloading…".into()
                } else {
                    "Loading more…".into()
                }
            })
        })
}

/// Keeps [`State::wait`] in step with what is in flight after a message; `tick` is the time of
/// a tick message (the clock the wait is measured by).
pub fn track(state: &mut State, tick: Option<DateTime<Utc>>) {
    let Some((id, what)) = waiting_for(state) else {
        state.wait = None;
        return;
    };
    match &mut state.wait {
        Some(wait) if wait.id == id && wait.what == what => {
            if wait.since.is_none() {
                wait.since = tick;
            }
        }
        _ => {
            state.wait = Some(Wait {
                id,
                what,
                since: tick,
            })
        }
    }
}

fn wait_text(state: &State) -> Option<String> {
    let (id, what) = waiting_for(state)?;
    let seconds = state
        .wait
        .as_ref()
        .filter(|w| w.id == id)
        .map_or(0, |w| w.seconds(state.now));
    Some(match seconds {
        0 => what,
        s => format!("{what} {s} s"),
    })
}
