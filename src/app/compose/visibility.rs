//! Who may read a comment: the editor's visibility key opens a picker of the project's roles
//! (`GET …/project/{key}/role`) and my groups (`myself?expand=groups`), with "everyone who can
//! see the issue" first; the choice goes with the comment as Jira's `visibility`
//! (`{"type": "role"|"group", "value": …}`). A site that offers neither says so in the
//! picker, and the comment stays visible to everyone.

use super::composer_mut;
use crate::app::actions::{Choice, Outcome, Picker};
use crate::app::msg::Command;
use crate::app::state::{Notice, Phase, Slot, State};
use crate::jira::JiraError;
use crate::worker::{RequestKind, Response};
use crossterm::event::KeyEvent;

/// Opens the picker, asking Jira for the project's roles.
pub fn open(state: &mut State, out: &mut Vec<Command>) {
    let Some(c) = composer_mut(state) else {
        return;
    };
    if c.editing.is_some() {
        state.note("An edited comment keeps who may read it");
        return;
    }
    let project = c.key.split('-').next().unwrap_or_default().to_string();
    c.visibility_picker = Some(Picker::loading(
        " Who may read this comment ",
        "Enter choose · Esc keep as it is",
    ));
    state.request(Slot::Roles, RequestKind::Roles { project }, out);
}

/// The project's roles arrived (or could not be read).
pub fn roles(state: &mut State, result: Result<Response, JiraError>) {
    let Some(c) = composer_mut(state) else {
        return;
    };
    let Some(picker) = c.visibility_picker.as_mut() else {
        return;
    };
    match result {
        Ok(Response::Visibilities(roles)) => {
            let mut choices = vec![Choice {
                label: "Everyone".into(),
                detail: "who can see the issue".into(),
                category: None,
                index: 0,
            }];
            choices.extend(roles.iter().enumerate().map(|(i, v)| Choice {
                label: crate::text::sanitize_line(&v.value),
                detail: if v.kind == "group" {
                    "group".into()
                } else {
                    "project role".into()
                },
                category: None,
                index: i + 1,
            }));
            c.roles = roles;
            picker.fill(
                choices,
                "This site offers no roles or groups: the comment is visible to everyone.",
            );
        }
        Ok(_) => {}
        Err(e) => picker.phase = Phase::Failed(Notice::from(&e)),
    }
}

/// Keys while the picker is open; false when it is not.
pub fn on_key(state: &mut State, key: &KeyEvent) -> bool {
    let Some(c) = composer_mut(state) else {
        return false;
    };
    let Some(picker) = c.visibility_picker.as_mut() else {
        return false;
    };
    match picker.on_key(key) {
        Outcome::Chosen(0) => {
            c.visibility = None;
            c.visibility_picker = None;
        }
        Outcome::Chosen(i) => {
            c.visibility = c.roles.get(i - 1).cloned();
            c.visibility_picker = None;
        }
        Outcome::Cancelled => c.visibility_picker = None,
        Outcome::Handled | Outcome::Typed | Outcome::Text(_) => {}
    }
    true
}
