//! The one way to send a request, and the one record of what is in flight: a map from what a
//! request is for ([`Slot`]) to the id of the one the TUI waits for. A newer request for a
//! slot replaces the older one, whose answer is then dropped; [`State::busy`] and the status
//! line's wait read this map.

use super::msg::Command;
use super::state::State;
use crate::worker::{Request, RequestId, RequestKind};
use std::collections::BTreeMap;

/// What a request in flight is for; at most one of each at a time. The order is the order in
/// which the status line names waits (the one the user waits for most first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Slot {
    /// Logging in through the login screen.
    LogIn,
    /// Detecting what the login screen's site is.
    Detect,
    /// Jira's favourite filters, for the filters screen.
    Favourites,
    /// Publishing a filter to Jira.
    Publish,
    /// A change to an issue (transition, assignment, watching), shown already.
    Act,
    /// A comment being posted.
    Post,
    /// Who I am, for an action that needs it.
    Me,
    /// The transitions of an issue, for the picker.
    Transitions,
    /// People to assign an issue to, for the picker.
    People,
    /// The query overlay's search.
    Query,
    /// The issue the detail view shows.
    Issue,
    /// More comments of that issue.
    Comments,
    /// A page of the list.
    Page,
    /// Rows read again after a change (not shown as a wait).
    Refresh,
    /// People for an `@` mention (not shown as a wait).
    Mentions,
    /// The roles a comment may be restricted to (shown in the editor's picker).
    Roles,
    /// Value suggestions for the query overlay (not shown as a wait).
    Suggestions,
    /// What JQL completion knows of the site (not shown as a wait).
    CompletionData,
    /// The boards, for the board picker.
    Boards,
    /// A board being opened (configuration and sprints).
    BoardOpen,
    /// A page of a board's issues.
    BoardPage,
    /// A board change (rank, sprint move), shown already.
    BoardAct,
    /// A card read again after a change (not shown as a wait).
    BoardCard,
    /// A form being loaded: editmeta, projects, issue types, create fields.
    Form,
    /// Labels or people for a form's field editor (not shown as a wait).
    FormSearch,
    /// A new issue being created.
    Create,
    /// Issues read ahead for the detail view (not shown as a wait).
    Prefetch,
    /// The list's first page read again in the background (not shown as a wait).
    Freshen,
    /// The open issue read again in the background (not shown as a wait).
    FreshenIssue,
}

impl Slot {
    /// Whether a request in this slot makes the TUI busy (the spinner turns, the tick runs).
    /// Completion data only makes the popup better: nobody waits for it.
    pub fn shown(self) -> bool {
        !matches!(
            self,
            Slot::Suggestions
                | Slot::CompletionData
                | Slot::Refresh
                | Slot::Mentions
                | Slot::Roles
                | Slot::BoardCard
                | Slot::FormSearch
                | Slot::Prefetch
                | Slot::Freshen
                | Slot::FreshenIssue
        )
    }
}

/// The requests in flight, by slot.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Requests {
    in_flight: BTreeMap<Slot, RequestId>,
    /// The last id handed out (ids are monotonic).
    last: u64,
}

impl Requests {
    /// A fresh id, waited for in `slot` (whatever was waited for there is no longer).
    fn start(&mut self, slot: Slot) -> RequestId {
        self.last += 1;
        let id = RequestId(self.last);
        self.in_flight.insert(slot, id);
        id
    }

    /// A fresh number from the ids' sequence that no request uses (a view's version after a
    /// change made on screen).
    pub fn fresh(&mut self) -> u64 {
        self.last += 1;
        self.last
    }

    /// The request waited for in `slot`.
    pub fn get(&self, slot: Slot) -> Option<RequestId> {
        self.in_flight.get(&slot).copied()
    }

    /// Whether something is waited for in `slot`.
    pub fn contains(&self, slot: Slot) -> bool {
        self.in_flight.contains_key(&slot)
    }

    /// Stops waiting in `slot`: its answer, when it comes, is dropped.
    pub fn cancel(&mut self, slot: Slot) {
        self.in_flight.remove(&slot);
    }

    /// The slot that waited for answer `id`, which no longer waits; None for an answer nobody
    /// waits for any more.
    pub fn answered(&mut self, id: RequestId) -> Option<Slot> {
        let slot = self
            .in_flight
            .iter()
            .find_map(|(slot, waited)| (*waited == id).then_some(*slot))?;
        self.in_flight.remove(&slot);
        Some(slot)
    }

    /// Whether a request someone waits for is in flight.
    pub fn busy(&self) -> bool {
        self.in_flight.keys().any(|slot| slot.shown())
    }

    /// What is in flight, in [`Slot`] order.
    pub fn in_flight(&self) -> impl Iterator<Item = (Slot, RequestId)> + '_ {
        self.in_flight.iter().map(|(slot, id)| (*slot, *id))
    }

    /// Waits for `id` in `slot` without sending anything (tests set up waits this way).
    #[cfg(test)]
    pub(in crate::app) fn track(&mut self, slot: Slot, id: RequestId) {
        self.last = self.last.max(id.0);
        self.in_flight.insert(slot, id);
    }
}

impl State {
    /// Sends `kind` (as a command for the event loop) and waits for its answer in `slot`.
    pub fn request(&mut self, slot: Slot, kind: RequestKind, out: &mut Vec<Command>) -> RequestId {
        let id = self.requests.start(slot);
        out.push(Command::Send(Request { id, kind }));
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_newer_request_replaces_the_older_in_its_slot() {
        let mut r = Requests::default();
        let old = r.start(Slot::Page);
        let new = r.start(Slot::Page);
        assert_ne!(old, new);
        assert_eq!(r.answered(old), None, "nobody waits for the old one");
        assert!(r.busy());
        assert_eq!(r.answered(new), Some(Slot::Page));
        assert!(!r.busy());
    }

    #[test]
    fn completion_requests_do_not_make_the_tui_busy() {
        let mut r = Requests::default();
        r.start(Slot::CompletionData);
        r.start(Slot::Suggestions);
        assert!(!r.busy());
        r.start(Slot::Issue);
        assert!(r.busy());
        r.cancel(Slot::Issue);
        assert!(!r.busy());
    }
}
