//! What the TUI is waiting for, for the status line: the request by name ("Searching…",
//! "Loading ACME-1…", "Loading comments of ACME-1…", "Logging in…") and for how long, so a
//! slow site is never a spinner that says nothing.

use super::state::{Slot, State};
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
    // Slots are in the order the user waits for them most.
    state
        .requests
        .in_flight()
        .find_map(|(slot, id)| Some((id, what(state, slot)?)))
}

/// What the status line calls a request in `slot`; None for one it does not name.
fn what(state: &State, slot: Slot) -> Option<String> {
    let list = &state.list;
    Some(match slot {
        Slot::LogIn => "Logging in…".into(),
        Slot::Detect => "Checking the site…".into(),
        Slot::Favourites => "Loading favourites…".into(),
        Slot::Publish => "Publishing the filter…".into(),
        Slot::Act => format!("{}…", state.actions.pending.as_ref()?.doing),
        Slot::Me => "Asking Jira who you are…".into(),
        Slot::Post => format!(
            "Sending the comment on {}…",
            state.actions.posting.as_ref()?.key
        ),
        Slot::Transitions => "Loading the transitions…".into(),
        Slot::People => "Finding people…".into(),
        Slot::Query => "Searching…".into(),
        Slot::Issue => format!("Loading {}…", state.detail()?.key),
        Slot::Comments => format!("Loading comments of {}…", state.detail()?.key),
        Slot::Page if list.cached.is_some() => "Refreshing…".into(),
        Slot::Page if list.rows.is_empty() => "Searching…".into(),
        Slot::Page if list.replacing || list.reload.is_some() => "Reloading…".into(),
        Slot::Page => "Loading more…".into(),
        Slot::Form => "Asking Jira for the form…".into(),
        Slot::Create => "Creating the issue…".into(),
        Slot::Suggestions
        | Slot::CompletionData
        | Slot::Refresh
        | Slot::Mentions
        | Slot::Roles
        | Slot::BoardCard
        | Slot::FormSearch
        | Slot::Prefetch
        | Slot::Freshen
        | Slot::FreshenIssue => {
            return None;
        }
        Slot::Boards => "Loading the boards…".into(),
        Slot::BoardOpen => "Opening the board…".into(),
        Slot::BoardPage => format!(
            "Loading the board ({} issues so far)…",
            state.board.view.as_ref()?.issues.len()
        ),
        Slot::BoardAct => format!(
            "Waiting for Jira to confirm the change to {}…",
            state.board.view.as_ref()?.waiting.as_ref()?.key
        ),
    })
}

/// Keeps [`State::wait`] in step with what is in flight after a message; `tick` is the time of
/// a tick or clock message (the clock the wait is measured by).
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
