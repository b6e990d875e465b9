//! The steps of each action: what a transition still needs, whom the assign picker offers,
//! which comments are mine, and the change each one sends.

use super::apply::{self, Change};
use super::picker::{Choice, Picker};
use super::{Flow, Intent, RECENT, overlay, pick_mut, watching};
use crate::app::msg::Command;
use crate::app::row::Category;
use crate::app::state::State;
use crate::jira::{Assignee, Transition, TransitionInput, User};
use crate::worker::Act;
use serde_json::{Map, Value};

pub(super) fn run_intent(
    state: &mut State,
    key: String,
    intent: Intent,
    me: User,
    out: &mut Vec<Command>,
) {
    match intent {
        Intent::AssignToMe => assign(state, &key, Assignee::User(me), out),
        Intent::EditComment => pick_my_comment(state, key, &me, false),
        Intent::DeleteComment => pick_my_comment(state, key, &me, true),
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

/// A picker of my comments on `key` among those loaded, newest first.
pub(super) fn pick_my_comment(state: &mut State, key: String, me: &User, delete: bool) {
    let now = state.now;
    let mine: Vec<(String, String, String)> = state
        .detail()
        .filter(|d| d.key == key)
        .and_then(|d| d.issue.as_deref())
        .and_then(|issue| issue.fields.comment.as_ref())
        .map(|page| {
            page.comments
                .iter()
                .rev()
                .filter(|c| {
                    !c.id.is_empty()
                        && c.author.as_ref().is_some_and(|a| {
                            !me.identity().is_empty() && a.identity() == me.identity()
                        })
                })
                .map(|c| {
                    let doc = match &c.body {
                        Some(crate::jira::RichText::Adf(v)) => crate::text::rich::from_adf(v),
                        Some(crate::jira::RichText::Wiki(w)) => crate::text::rich::from_wiki(w),
                        None => crate::text::rich::Doc::default(),
                    };
                    let first = crate::text::rich::to_plain(&doc, 200)
                        .lines()
                        .find(|l| !l.trim().is_empty())
                        .unwrap_or("(empty)")
                        .trim()
                        .to_string();
                    let when = crate::jira::parse_time(&c.created)
                        .map(|t| crate::text::format::relative_time(t, now))
                        .unwrap_or_default();
                    (c.id.clone(), crate::text::sanitize_line(&first), when)
                })
                .collect()
        })
        .unwrap_or_default();
    if mine.is_empty() {
        state.note(format!(
            "None of the comments loaded on {key} is yours (c writes one)"
        ));
        return;
    }
    let verb = if delete { "Delete" } else { "Edit" };
    let mut picker = Picker::loading(
        format!(" {verb} one of your comments on {key} "),
        format!(
            "type to narrow · Enter {} · Esc cancel",
            verb.to_lowercase()
        ),
    );
    let choices = mine
        .iter()
        .enumerate()
        .map(|(index, (_, first, when))| Choice {
            label: first.clone(),
            detail: when.clone(),
            category: None,
            index,
        })
        .collect();
    picker.fill(choices, "");
    let ids = mine.into_iter().map(|(id, _, _)| id).collect();
    state.overlay = overlay(picker, Flow::MyComment { key, ids, delete });
}

pub(super) fn assign(state: &mut State, key: &str, to: Assignee, out: &mut Vec<Command>) {
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
pub(super) fn next_step(
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

pub(super) fn take_transition(
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
            comment: comment.as_deref().map(crate::app::compose::body),
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

pub(super) fn fill_transitions(state: &mut State, list: Vec<Transition>, out: &mut Vec<Command>) {
    // A card moved to another column on the board: only the transitions into that column.
    let moving = match pick_mut(state).map(|p| &p.flow) {
        Some(Flow::Transition { key, .. }) => key.clone(),
        _ => return,
    };
    let list = match crate::app::board::narrow_transitions(state, &moving, &list) {
        Some((into, _)) if into.is_empty() => return,
        Some((mut into, true)) => {
            let only = into.remove(0);
            return next_step(state, moving, only, Map::new(), 0, out);
        }
        Some((into, false)) => into,
        None => list,
    };
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
pub(super) fn fill_people(state: &mut State, found: Vec<User>) {
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
    // A name typed: the selection goes to the first person found, past the fixed choices.
    if !p.picker.input.is_empty() && p.picker.shown.len() > 2 {
        p.picker.selected = 2;
    }
}
