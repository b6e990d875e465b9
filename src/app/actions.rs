//! Acting on an issue from the list or the detail view: `t` moves it through its workflow (a
//! picker of the transitions Jira offers, then the fields their screens require), `a` assigns
//! it (a picker over Jira's assignable-user search), `i` assigns it to me, `w` watches or stops
//! watching it. Each change shows at once, marked pending, and is confirmed or put back when
//! Jira answers ([`apply`]). One change is in flight at a time: a second key press while one
//! waits says so and sends nothing.

mod apply;
pub mod picker;

pub use apply::{Change, Pending, watching};
pub use picker::{Choice, Outcome, Picker};

use super::keymap::Action;
use super::msg::Command;
use super::row::Category;
use super::state::{Notice, Overlay, Phase, Slot, State};
use crate::jira::{Assignee, JiraError, Transition, TransitionInput, User};
use crate::worker::{Act, RequestKind, Response};
use crossterm::event::KeyEvent;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// How many recent assignees the assign picker offers first.
const RECENT: usize = 5;
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Intent {
    AssignToMe,
    Watch,
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
    /// Whom to assign `key` to.
    Assign {
        /// The issue.
        key: String,
        /// The choices, in the picker's order.
        people: Vec<Assignee>,
    },
}

fn overlay(picker: Picker, flow: Flow) -> Overlay {
    Overlay::Pick(Box::new(PickOverlay {
        picker,
        flow,
        search_in: None,
    }))
}

fn pick_mut(state: &mut State) -> Option<&mut PickOverlay> {
    match &mut state.overlay {
        Overlay::Pick(p) => Some(p),
        _ => None,
    }
}

/// Runs `action` (transition, assign, assign to me, watch) on issue `key`.
pub fn start(state: &mut State, action: Action, key: String, out: &mut Vec<Command>) {
    if let Some(p) = state
        .actions
        .pending
        .as_ref()
        .filter(|_| action != Action::Comment)
    {
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
            fill_people(state, Vec::new());
            state.request(Slot::People, kind, out);
        }
        Action::AssignToMe => with_me(state, key, Intent::AssignToMe, out),
        Action::Watch => with_me(state, key, Intent::Watch, out),
        Action::Comment => super::compose::open(state, key, out),
        _ => {}
    }
}

fn with_me(state: &mut State, key: String, intent: Intent, out: &mut Vec<Command>) {
    match state.actions.me.clone() {
        Some(me) => run_intent(state, key, intent, me, out),
        None => {
            state.actions.waiting_for_me = Some((key, intent));
            state.request(Slot::Me, RequestKind::Myself, out);
        }
    }
}

fn run_intent(state: &mut State, key: String, intent: Intent, me: User, out: &mut Vec<Command>) {
    match intent {
        Intent::AssignToMe => assign(state, &key, Assignee::User(me), out),
        Intent::Watch => {
            let shown = state
                .detail()
                .filter(|d| d.key == key)
                .and_then(|d| d.issue.as_deref())
                .map(|issue| watching(issue).1);
            let now = shown
                .or_else(|| state.actions.watched.get(&key).copied())
                .unwrap_or(false);
            let on = !now;
            state.actions.watched.insert(key.clone(), on);
            let words = if on {
                [
                    format!("Watching {key}"),
                    format!("Watching {key}"),
                    format!("Could not watch {key}"),
                ]
            } else {
                [
                    format!("Stopping watching {key}"),
                    format!("No longer watching {key}"),
                    format!("Could not stop watching {key}"),
                ]
            };
            let act = Act::Watch {
                me: Box::new(me),
                on,
            };
            apply::send(state, &key, act, Change::Watching(on), words, out);
        }
    }
}

fn assign(state: &mut State, key: &str, to: Assignee, out: &mut Vec<Command>) {
    let name = crate::text::sanitize_line(to.label());
    let (change, words) = match &to {
        Assignee::User(user) => {
            let recent = &mut state.actions.recent;
            recent.retain(|u| u.identity() != user.identity());
            recent.insert(0, user.clone());
            recent.truncate(RECENT);
            (
                Change::Assignee(Some(user.clone()), None),
                [
                    format!("Assigning {key} to {name}"),
                    format!("{key} assigned to {name}"),
                    format!("Could not assign {key} to {name}"),
                ],
            )
        }
        Assignee::Nobody => (
            Change::Assignee(None, None),
            [
                format!("Unassigning {key}"),
                format!("{key} is unassigned"),
                format!("Could not unassign {key}"),
            ],
        ),
        Assignee::Automatic => (
            Change::Assignee(None, Some("(automatic)".into())),
            [
                format!("Assigning {key} automatically"),
                format!("{key} assigned to the project's default assignee"),
                format!("Could not assign {key} automatically"),
            ],
        ),
    };
    apply::send(state, key, Act::Assign(to), change, words, out);
}

/// Takes `transition` with `fields` once every required field has a value, asking for the
/// next missing one (from field index `from`) or for the optional comment first.
fn next_step(
    state: &mut State,
    key: String,
    transition: Transition,
    fields: Map<String, Value>,
    from: usize,
    out: &mut Vec<Command>,
) {
    let missing = transition
        .fields
        .iter()
        .enumerate()
        .skip(from)
        .find(|(_, f)| f.required && f.key != "comment" && !fields.contains_key(&f.key));
    if let Some((at, field)) = missing {
        let title = format!(" {} — {} ", transition.name, field.name);
        let picker = if field.allowed.is_empty() {
            Picker::text(
                title,
                format!("{} · Enter next · Esc cancel", field.name),
                "",
            )
        } else {
            let mut p = Picker::loading(title, "type to narrow · Enter choose · Esc cancel");
            let choices = field
                .allowed
                .iter()
                .enumerate()
                .map(|(index, a)| Choice {
                    label: crate::text::sanitize_line(&a.name),
                    detail: String::new(),
                    category: None,
                    index,
                })
                .collect();
            p.fill(choices, "");
            p
        };
        state.overlay = overlay(
            picker,
            Flow::Field {
                key,
                transition: Box::new(transition),
                field: at,
                fields,
            },
        );
    } else if transition.takes_comment() {
        let picker = Picker::text(
            format!(" {} — comment ", transition.name),
            "a comment, or nothing · Enter move · Esc cancel",
            "",
        );
        state.overlay = overlay(
            picker,
            Flow::Comment {
                key,
                transition: Box::new(transition),
                fields,
            },
        );
    } else {
        state.close_overlay();
        take_transition(state, &key, &transition, fields, None, out);
    }
}

fn take_transition(
    state: &mut State,
    key: &str,
    transition: &Transition,
    fields: Map<String, Value>,
    comment: Option<String>,
    out: &mut Vec<Command>,
) {
    let to = crate::text::sanitize_line(&transition.to.name);
    let words = [
        format!("Moving {key} to {to}"),
        format!("{key} moved to {to}"),
        format!("Could not move {key} to {to}"),
    ];
    let act = Act::Transition {
        id: transition.id.clone(),
        input: TransitionInput {
            fields,
            comment: comment.as_deref().map(super::compose::body),
        },
    };
    apply::send(
        state,
        key,
        act,
        Change::Status(transition.to.clone()),
        words,
        out,
    );
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
                next_step(state, key, t.clone(), Map::new(), 0, out);
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
            next_step(state, key, *transition, fields, field + 1, out);
        }
        Flow::Comment {
            key,
            transition,
            fields,
        } => {
            state.close_overlay();
            let comment = text.filter(|t| !t.trim().is_empty());
            take_transition(state, &key, &transition, fields, comment, out);
        }
        Flow::Assign { key, people } => {
            if let Some(to) = people.get(index).cloned() {
                state.close_overlay();
                state.requests.cancel(Slot::People);
                assign(state, &key, to, out);
            }
        }
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
                run_intent(state, key, intent, *me, out);
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
        (Slot::Transitions, Ok(Response::Transitions(list))) => fill_transitions(state, list),
        (Slot::People, Ok(Response::People { users, .. })) => fill_people(state, users),
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

fn fill_transitions(state: &mut State, list: Vec<Transition>) {
    let Some(p) = pick_mut(state) else {
        return;
    };
    let Flow::Transition { key, offered } = &mut p.flow else {
        return;
    };
    let choices = list
        .iter()
        .enumerate()
        .map(|(index, t)| {
            let needs: Vec<&str> = t.required().map(|f| f.name.as_str()).collect();
            let mut detail = format!("→ {}", t.to.name);
            if !needs.is_empty() {
                detail.push_str(&format!("  (asks for {})", needs.join(", ")));
            }
            Choice {
                label: crate::text::sanitize_line(&t.name),
                detail: crate::text::sanitize_line(&detail),
                category: Some(Category::of(
                    t.to.status_category.as_ref().map(|c| c.key.as_str()),
                )),
                index,
            }
        })
        .collect();
    let empty = format!(
        "Jira offers no transition for {key} now: its workflow's conditions (only the \
         assignee, only some roles) or your permissions leave none."
    );
    *offered = list;
    p.picker.fill(choices, empty);
}

/// The assign picker's choices: nobody, automatic, the recent assignees, then whom Jira found.
fn fill_people(state: &mut State, found: Vec<User>) {
    let recent = state.actions.recent.clone();
    let Some(p) = pick_mut(state) else {
        return;
    };
    let Flow::Assign { people, .. } = &mut p.flow else {
        return;
    };
    let mut list = vec![Assignee::Nobody, Assignee::Automatic];
    let mut seen = std::collections::HashSet::new();
    for user in recent.into_iter().chain(found) {
        if seen.insert(user.identity().to_string()) {
            list.push(Assignee::User(user));
        }
    }
    let choices = list
        .iter()
        .enumerate()
        .map(|(index, a)| Choice {
            label: crate::text::sanitize_line(a.label()),
            detail: match a {
                Assignee::User(u) => crate::text::sanitize_line(
                    u.email_address
                        .as_deref()
                        .or(u.name.as_deref())
                        .unwrap_or(""),
                ),
                Assignee::Nobody => "nobody".into(),
                Assignee::Automatic => "the project's default assignee".into(),
            },
            category: None,
            index,
        })
        .collect();
    *people = list;
    p.picker
        .fill(choices, "Nobody by that name can be assigned this issue.");
}
