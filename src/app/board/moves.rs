//! Moving cards. To another column (`H`/`L`): a transition into one of that column's
//! statuses, through the actions' own transition picker and required-fields screens (asking
//! only when several transitions lead there or one needs input); the card moves when the
//! transition is sent and comes back with Jira's reason if refused. Ranking (`K`/`J`) and
//! moving to another sprint or the backlog (`M`) show at once, marked pending, and are put
//! back with Jira's reason if refused.

use super::model::column_cards;
use super::{BoardPending, Moving};
use crate::app::actions::Change;
use crate::app::keymap::Action;
use crate::app::msg::Command;
use crate::app::state::{Notice, Slot, State};
use crate::jira::agile::RankPlace;
use crate::jira::{JiraError, Transition};
use crate::worker::{Act, RequestKind};

/// `H`/`L`: asks Jira for the transitions of the selected card, to take one into the column
/// left (or right) of it.
pub fn to_column(state: &mut State, right: bool, out: &mut Vec<Command>) {
    let Some(view) = state.board.view.as_mut() else {
        return;
    };
    let (Some(key), Some(at)) = (view.selected.clone(), view.selected_index()) else {
        return;
    };
    let Some(Some(column)) = view.columns.get(at).copied() else {
        return;
    };
    let target = if right {
        column + 1
    } else {
        match column.checked_sub(1) {
            Some(c) => c,
            None => return state.note("The card is in the first column."),
        }
    };
    if target >= view.column_count() {
        return state.note("The card is in the last column.");
    }
    view.moving = Some(Moving {
        key: key.clone(),
        column: target,
    });
    crate::app::actions::start(state, Action::Transition, key, out);
}

/// The transitions Jira offers, narrowed to those into the column a card is being moved to;
/// `None` when no column move waits (the picker then shows them all). The second value says
/// whether the only one left should be taken without asking.
pub fn narrow_transitions(
    state: &mut State,
    key: &str,
    list: &[Transition],
) -> Option<(Vec<Transition>, bool)> {
    let view = state.board.view.as_mut()?;
    let moving = view.moving.as_ref().filter(|m| m.key == key)?;
    let config = view.config.as_ref()?;
    let column = config.columns.get(moving.column)?;
    let into: Vec<Transition> = list
        .iter()
        .filter(|t| column.status_ids.contains(&t.to.id))
        .cloned()
        .collect();
    if into.is_empty() {
        let name = crate::text::sanitize_line(&column.name);
        view.moving = None;
        state.close_overlay();
        state.note(format!("No transition Jira offers takes {key} to {name}."));
        return Some((Vec::new(), false));
    }
    let alone = into.len() == 1;
    Some((into, alone))
}

/// A change sent by the actions: a status change moves the card to its new column, marked
/// pending.
pub fn show_change(state: &mut State, key: &str, change: &Change) {
    let Some(view) = state.board.view.as_mut() else {
        return;
    };
    view.moving = None;
    let Change::Status(status) = change else {
        return;
    };
    let Some(at) = view.issues.iter().position(|i| i.key == key) else {
        return;
    };
    let before = view.issues[at].clone();
    let card = &mut view.issues[at];
    card.status_id = status.id.clone();
    card.status = status.name.clone();
    card.category = status
        .status_category
        .as_ref()
        .map(|c| c.key.clone())
        .unwrap_or_default();
    view.moved.retain(|(k, _)| k != key);
    view.moved.push((key.to_string(), before));
    view.pending.retain(|k| k != key);
    view.pending.push(key.to_string());
    if let Some(Some(column)) = view.relayout_then_column(at) {
        view.column = column;
    }
    view.selected = Some(key.to_string());
}

/// The actions' change on `key` was answered: confirmed (`ok`: the card is read again, so
/// that what shows is Jira's) or refused (the card goes back to where it was).
pub fn settled(state: &mut State, key: &str, ok: bool, out: &mut Vec<Command>) {
    let Some(view) = state.board.view.as_mut() else {
        return;
    };
    view.pending.retain(|k| k != key);
    if ok && view.issues.iter().any(|i| i.key == key) {
        let kind = RequestKind::BoardIssues {
            board: view.board.id,
            scope: crate::jira::agile::IssueScope::All,
            start_at: 0,
            estimate_field: view.estimate_field(),
            jql: Some(format!("key = {key}")),
        };
        state.request(Slot::BoardCard, kind, out);
    }
    let Some(view) = state.board.view.as_mut() else {
        return;
    };
    let Some(at) = view.moved.iter().position(|(k, _)| k == key) else {
        return;
    };
    let (_, before) = view.moved.remove(at);
    if ok {
        return;
    }
    if let Some(i) = view.issues.iter().position(|i| i.key == key) {
        view.issues[i] = before;
        if let Some(Some(column)) = view.relayout_then_column(i) {
            view.column = column;
        }
        view.selected = Some(key.to_string());
    }
}

/// A card read again after a confirmed change replaces the one shown (its place stays).
pub fn reread(state: &mut State, page: crate::jira::agile::BoardIssuePage) {
    let Some(view) = state.board.view.as_mut() else {
        return;
    };
    for fresh in page.issues {
        if let Some(card) = view.issues.iter_mut().find(|i| i.key == fresh.key) {
            *card = fresh;
        }
    }
    view.relayout();
}

impl super::BoardView {
    /// Lays out again; the column of issue `at` afterwards.
    fn relayout_then_column(&mut self, at: usize) -> Option<Option<usize>> {
        self.relayout();
        self.columns.get(at).copied()
    }
}

fn busy(state: &mut State) -> bool {
    let waiting = state
        .board
        .view
        .as_ref()
        .and_then(|v| v.waiting.as_ref())
        .map(|w| w.key.clone());
    if let Some(key) = waiting {
        state.note(format!(
            "Still waiting for Jira to confirm the change to {key}…"
        ));
        return true;
    }
    false
}

/// `K`/`J`: ranks the selected card above the card over it (or below the one under it).
pub fn rank(state: &mut State, up: bool, out: &mut Vec<Command>) {
    if busy(state) {
        return;
    }
    let Some(view) = state.board.view.as_mut() else {
        return;
    };
    let Some(key) = view.selected.clone() else {
        return;
    };
    let cards = column_cards(&view.lanes, view.column);
    let Some(at) = cards.iter().position(|&i| view.issues[i].key == key) else {
        return;
    };
    let neighbour = if up {
        at.checked_sub(1)
    } else {
        Some(at + 1).filter(|&n| n < cards.len())
    };
    let Some(n) = neighbour else {
        return state.note(if up {
            "The card is ranked first here."
        } else {
            "The card is ranked last here."
        });
    };
    let other = view.issues[cards[n]].key.clone();
    let before = view.issues.clone();
    // Show it: the card goes just before (or after) its neighbour in the rank order.
    let from = cards[at];
    let card = view.issues.remove(from);
    let target = view.issues.iter().position(|i| i.key == other).unwrap_or(0);
    view.issues
        .insert(if up { target } else { target + 1 }, card);
    view.relayout();
    view.pending.push(key.clone());
    let rank_field = view.config.as_ref().and_then(|c| c.rank_field);
    let place = if up {
        RankPlace::Before(other.clone())
    } else {
        RankPlace::After(other.clone())
    };
    let (k, o) = (
        crate::text::sanitize_line(&key),
        crate::text::sanitize_line(&other),
    );
    view.waiting = Some(BoardPending {
        key: key.clone(),
        before,
        done: format!("{k} ranked {} {o}", if up { "above" } else { "below" }),
        failed: format!("Could not rank {k}"),
    });
    let act = Act::Rank { place, rank_field };
    state.request(Slot::BoardAct, RequestKind::Act { key, act }, out);
}

/// `M`'s choice: moves `key` into sprint `target` (`None`: the backlog). The card leaves the
/// sprint shown at once.
pub fn to_sprint(state: &mut State, key: &str, target: Option<u64>, out: &mut Vec<Command>) {
    if busy(state) {
        return;
    }
    let Some(view) = state.board.view.as_mut() else {
        return;
    };
    let before = view.issues.clone();
    let name = match target {
        Some(id) => view.sprints.iter().find(|s| s.id == id).map_or_else(
            || format!("sprint {id}"),
            |s| crate::text::sanitize_line(&s.name),
        ),
        None => "the backlog".to_string(),
    };
    view.issues.retain(|i| i.key != key);
    view.relayout();
    let k = crate::text::sanitize_line(key);
    view.waiting = Some(BoardPending {
        key: key.to_string(),
        before,
        done: format!("{k} moved to {name}"),
        failed: format!("Could not move {k} to {name}"),
    });
    let act = match target {
        Some(sprint) => Act::ToSprint { sprint },
        None => Act::ToBacklog,
    };
    state.note(format!("Moving {k} to {name}…"));
    state.request(
        Slot::BoardAct,
        RequestKind::Act {
            key: key.to_string(),
            act,
        },
        out,
    );
}

/// Jira answered the board change in flight: confirmed, or refused with `error` (the cards go
/// back as they were).
pub fn answered(state: &mut State, error: Option<JiraError>, _out: &mut Vec<Command>) {
    let Some(view) = state.board.view.as_mut() else {
        return;
    };
    let Some(pending) = view.waiting.take() else {
        return;
    };
    view.pending.retain(|k| *k != pending.key);
    match error {
        None => state.note(pending.done),
        Some(e) => {
            view.issues = pending.before;
            view.relayout();
            view.selected = Some(pending.key.clone());
            let notice = Notice::from(&e);
            state.fail(Notice::hinted(
                format!("{}: {}", pending.failed, notice.sentence),
                notice.hint,
            ));
        }
    }
}
