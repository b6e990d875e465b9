//! Acting on an issue from the list or the detail view: `t` moves it through its workflow (a
//! picker of the transitions Jira offers, then the fields their screens require), `a` assigns
//! it (a picker over Jira's assignable-user search), `i` assigns it to me, `w` watches or stops
//! watching it. Each change shows at once, marked pending, and is confirmed or put back when
//! Jira answers ([`apply`]). One change is in flight at a time: a second key press while one
//! waits says so and sends nothing.

mod apply;
mod flows;
pub mod picker;

pub use apply::{Change, Pending, answered, send, watching};
pub use picker::{Choice, Outcome, Picker};

use super::keymap::Action;
use super::msg::Command;
use super::state::{Notice, Overlay, Phase, Slot, State};
use crate::jira::{Assignee, JiraError, Transition, User};
use crate::worker::{RequestKind, Response};
use crossterm::event::KeyEvent;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// How many recent assignees the assign picker offers first.
pub(super) const RECENT: usize = 5;
/// Ticks (100 ms) of no typing before the assign picker asks Jira.
const SEARCH_PAUSE: u8 = 2;

/// What the actions remember.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Actions {
    /// The change in flight.
    pub pending: Option<Pending>,
    /// The comment being posted.
    pub posting: Option<super::compose::Posting>,
    /// Who I am, once asked.
    pub me: Option<User>,
    /// People assigned recently, the latest first.
    pub recent: Vec<User>,
    /// Whether I watch an issue, as last seen or set.
    watched: HashMap<String, bool>,
    /// An action that waits for Jira to say who I am.
    waiting_for_me: Option<(String, Intent)>,
    /// Recent projects and types of new issues, and the unsent one.
    pub create_memory: super::form::create::Memory,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Intent {
    AssignToMe,
    Watch,
    EditComment,
    DeleteComment,
}

/// The picker over the screen and what it picks for.
#[derive(Debug, Clone, PartialEq)]
pub struct PickOverlay {
    /// The picker.
    pub picker: Picker,
    /// What the choice is for.
    pub flow: Flow,
    /// Ticks left before the typed name is searched for (assigning).
    pub search_in: Option<u8>,
}

/// What a picker picks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Flow {
    /// A transition of `key`, from those offered.
    Transition {
        /// The issue.
        key: String,
        /// What Jira offers.
        offered: Vec<Transition>,
    },
    /// The value of field `field` (an index into the transition's fields).
    Field {
        /// The issue.
        key: String,
        /// The transition being taken.
        transition: Box<Transition>,
        /// The field asked for.
        field: usize,
        /// The values given so far.
        fields: Map<String, Value>,
    },
    /// The optional comment of a transition whose screen takes one.
    Comment {
        /// The issue.
        key: String,
        /// The transition being taken.
        transition: Box<Transition>,
        /// The values given.
        fields: Map<String, Value>,
    },
    /// One of my comments on `key`, to edit or delete.
    MyComment {
        /// The issue.
        key: String,
        /// The comments' ids, in the picker's order.
        ids: Vec<String>,
        /// Delete it (else edit it).
        delete: bool,
    },
    /// Whom to assign `key` to.
    Assign {
        /// The issue.
        key: String,
        /// The choices, in the picker's order.
        people: Vec<Assignee>,
    },
    /// Which board to open (their ids, in the picker's order).
    Board {
        /// The boards' ids.
        ids: Vec<u64>,
    },
    /// Where a board card goes: a sprint's id, or the backlog (`None`).
    Sprint {
        /// The issue.
        key: String,
        /// The choices, in the picker's order.
        targets: Vec<Option<u64>>,
    },
}

pub(super) fn overlay(picker: Picker, flow: Flow) -> Overlay {
    Overlay::Pick(Box::new(PickOverlay {
        picker,
        flow,
        search_in: None,
    }))
}

pub(super) fn pick_mut(state: &mut State) -> Option<&mut PickOverlay> {
    match &mut state.overlay {
        Overlay::Pick(p) => Some(p),
        _ => None,
    }
}

/// Runs `action` (transition, assign, assign to me, watch) on issue `key`.
pub fn start(state: &mut State, action: Action, key: String, out: &mut Vec<Command>) {
    let comment = matches!(
        action,
        Action::Comment | Action::EditComment | Action::DeleteComment
    );
    if let Some(p) = state.actions.pending.as_ref().filter(|_| !comment) {
        let doing = p.doing.clone();
        state.note(format!("Still waiting for Jira: {doing}…"));
        return;
    }
    match action {
        Action::Transition => {
            let picker = Picker::loading(
                format!(" Move {key} "),
                "type to narrow · Enter move · Esc cancel",
            );
            let kind = RequestKind::Transitions { key: key.clone() };
            state.overlay = overlay(
                picker,
                Flow::Transition {
                    key,
                    offered: vec![],
                },
            );
            state.request(Slot::Transitions, kind, out);
        }
        Action::Assign => {
            let mut picker = Picker::loading(
                format!(" Assign {key} "),
                "type a name · Enter assign · Esc cancel",
            );
            // Jira matches names, e-mails and usernames it may not show: its answer is the list.
            picker.narrows = false;
            let kind = RequestKind::Assignable {
                key: key.clone(),
                query: String::new(),
            };
            state.overlay = overlay(
                picker,
                Flow::Assign {
                    key,
                    people: vec![],
                },
            );
            flows::fill_people(state, Vec::new());
            state.request(Slot::People, kind, out);
        }
        Action::AssignToMe => with_me(state, key, Intent::AssignToMe, out),
        Action::Watch => with_me(state, key, Intent::Watch, out),
        Action::Comment => super::compose::open(state, key, out),
        Action::EditComment => with_me(state, key, Intent::EditComment, out),
        Action::DeleteComment => with_me(state, key, Intent::DeleteComment, out),
        Action::EditFields => super::form::edit::open(state, key, out),
        Action::CreateSubtask => super::form::create::open(state, Some(key), out),
        _ => {}
    }
}

fn with_me(state: &mut State, key: String, intent: Intent, out: &mut Vec<Command>) {
    match state.actions.me.clone() {
        Some(me) => flows::run_intent(state, key, intent, me, out),
        None => {
            state.actions.waiting_for_me = Some((key, intent));
            state.request(Slot::Me, RequestKind::Myself, out);
        }
    }
}

/// A key in the picker.
pub fn on_key(state: &mut State, key: KeyEvent, out: &mut Vec<Command>) {
    let Some(p) = pick_mut(state) else {
        return;
    };
    match p.picker.on_key(&key) {
        Outcome::Handled => {}
        Outcome::Typed => {
            if matches!(p.flow, Flow::Assign { .. }) {
                p.search_in = Some(SEARCH_PAUSE);
            }
        }
        Outcome::Cancelled => {
            state.close_overlay();
            state.requests.cancel(Slot::Transitions);
            state.requests.cancel(Slot::People);
            state.requests.cancel(Slot::Boards);
        }
        Outcome::Chosen(i) => chosen(state, i, None, out),
        Outcome::Text(text) => chosen(state, 0, Some(text), out),
    }
}

fn chosen(state: &mut State, index: usize, text: Option<String>, out: &mut Vec<Command>) {
    let Some(p) = pick_mut(state) else {
        return;
    };
    match p.flow.clone() {
        Flow::Transition { key, offered } => {
            if let Some(t) = offered.get(index) {
                flows::next_step(state, key, t.clone(), Map::new(), 0, out);
            }
        }
        Flow::Field {
            key,
            transition,
            field,
            mut fields,
        } => {
            let Some(f) = transition.fields.get(field) else {
                return;
            };
            let value = match &text {
                Some(typed) if typed.trim().is_empty() => return,
                Some(typed) => f.value_for_text(typed.trim()),
                None => match f.allowed.get(index) {
                    Some(a) => f.value_for(a),
                    None => return,
                },
            };
            fields.insert(f.key.clone(), value);
            flows::next_step(state, key, *transition, fields, field + 1, out);
        }
        Flow::Comment {
            key,
            transition,
            fields,
        } => {
            state.close_overlay();
            let comment = text.filter(|t| !t.trim().is_empty());
            flows::take_transition(state, &key, &transition, fields, comment, out);
        }
        Flow::MyComment { key, ids, delete } => {
            let Some(id) = ids.get(index).cloned() else {
                return;
            };
            if delete {
                let what = p
                    .picker
                    .choices
                    .get(index)
                    .map(|c| c.label.clone())
                    .unwrap_or_default();
                state.overlay = super::prompt::ask(
                    super::prompt::PromptKind::ConfirmDeleteComment { key, id, what },
                    "",
                );
            } else {
                state.close_overlay();
                super::compose::open_edit(state, key, id, out);
            }
        }
        Flow::Assign { key, people } => {
            if let Some(to) = people.get(index).cloned() {
                state.close_overlay();
                state.requests.cancel(Slot::People);
                flows::assign(state, &key, to, out);
            }
        }
        Flow::Board { .. } => super::board::picked_board(state, index, out),
        Flow::Sprint { .. } => super::board::picked_sprint(state, index, out),
    }
}

/// Pasted text goes into the picker's input.
pub fn on_paste(state: &mut State, text: &str) {
    if let Some(p) = pick_mut(state) {
        p.picker.paste(text);
        if matches!(p.flow, Flow::Assign { .. }) {
            p.search_in = Some(SEARCH_PAUSE);
        }
    }
}

/// Time passed: the assign picker asks Jira once typing has paused.
pub fn on_tick(state: &mut State, out: &mut Vec<Command>) {
    let Some(p) = pick_mut(state) else {
        return;
    };
    match p.search_in {
        Some(ticks) if ticks > 1 => p.search_in = Some(ticks - 1),
        Some(_) => {
            p.search_in = None;
            if let Flow::Assign { key, .. } = &p.flow {
                let kind = RequestKind::Assignable {
                    key: key.clone(),
                    query: p.picker.input.text(),
                };
                state.request(Slot::People, kind, out);
            }
        }
        None => {}
    }
}

/// Whether the picker waits for typing to pause.
pub fn counting_down(state: &State) -> bool {
    matches!(&state.overlay, Overlay::Pick(p) if p.search_in.is_some())
}

/// Answers for the actions: a change ([`Slot::Act`]), who I am ([`Slot::Me`]), the pickers'
/// choices ([`Slot::Transitions`], [`Slot::People`]) and rows read again ([`Slot::Refresh`]).
pub fn on_answer(
    state: &mut State,
    slot: Slot,
    result: Result<Response, JiraError>,
    out: &mut Vec<Command>,
) {
    match (slot, result) {
        (Slot::Act, result) => apply::answered(state, result.err().map(|e| Notice::from(&e)), out),
        (Slot::Me, Ok(Response::Me(me))) => {
            state.actions.me = Some((*me).clone());
            if let Some((key, intent)) = state.actions.waiting_for_me.take() {
                flows::run_intent(state, key, intent, *me, out);
            }
        }
        (Slot::Me, Err(e)) => {
            state.actions.waiting_for_me = None;
            let notice = Notice::from(&e);
            state.fail(Notice::hinted(
                format!("Could not find out who you are: {}", notice.sentence),
                notice.hint,
            ));
        }
        (Slot::Transitions, Ok(Response::Transitions(list))) => {
            flows::fill_transitions(state, list, out)
        }
        (Slot::People, Ok(Response::People { users, .. })) => flows::fill_people(state, users),
        (Slot::Transitions | Slot::People, Err(e)) => {
            if let Some(p) = pick_mut(state) {
                p.picker.phase = Phase::Failed(Notice::from(&e));
            }
        }
        (Slot::Refresh, Ok(Response::Rows(rows))) => apply::refreshed(state, rows),
        // A row not read again keeps what Jira confirmed: nothing to say.
        _ => {}
    }
}
