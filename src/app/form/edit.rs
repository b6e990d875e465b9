//! Editing an issue's fields: the form from editmeta and the issue's current values; each
//! field's new value is sent when its editor is left with Enter, shown at once in the issue
//! (marked pending) and confirmed or put back when Jira answers. Jira's message about a field
//! shows under it, with the typed value kept. Before writing, the worker checks that nobody
//! changed the issue since it was read; if someone did, the user is asked before overwriting.

use super::super::actions::{Change, send as send_change};
use super::super::msg::Command;
use super::super::state::{Notice, Overlay, Phase, Slot, State};
use super::{FormView, Purpose, Stage, form_mut};
use crate::jira::JiraError;
use crate::jira::fields::{EditForm, FieldErrors, FieldValue, IssueEdit};
use crate::worker::{Act, RequestId, Response};
use crossterm::event::{KeyCode, KeyEvent};

/// Opens the form on `key`, asking Jira what may be changed.
pub fn open(state: &mut State, key: String, out: &mut Vec<Command>) {
    let deployment = state
        .session
        .as_ref()
        .and_then(|s| s.deployment)
        .unwrap_or(crate::jira::Deployment::Cloud);
    let mut form = FormView::new(format!(" Edit {key} "), Stage::Fields, deployment);
    form.purpose = Some(Purpose::Edit {
        key: key.clone(),
        updated: None,
    });
    state.overlay = Overlay::Form(Box::new(form));
    state.request(
        Slot::Form,
        crate::worker::RequestKind::EditForm { key },
        out,
    );
}

/// Jira described the form.
pub fn loaded(state: &mut State, form_data: EditForm) {
    let Some(form) = form_mut(state) else {
        return;
    };
    if !matches!(&form.purpose, Some(Purpose::Edit { key, .. }) if *key == form_data.key) {
        return;
    }
    form.deployment = form_data.deployment;
    let values: Vec<FieldValue> = form_data
        .fields
        .iter()
        .map(|f| {
            let raw = form_data.current.get(&f.id).cloned().unwrap_or_default();
            f.value_from_json(&raw, form_data.deployment)
        })
        .collect();
    let key = form_data.key.clone();
    form.purpose = Some(Purpose::Edit {
        key: key.clone(),
        updated: form_data.updated,
    });
    form.fill(form_data.fields, values);
    if form.shown.is_empty() {
        form.phase = Phase::Failed(Notice::new(format!(
            "You may not change any field of {key}."
        )));
    }
}

/// Field `i` was given `value`: sent to Jira unless nothing changed.
pub fn send_field(state: &mut State, i: usize, value: FieldValue, out: &mut Vec<Command>) {
    let busy = state.actions.pending.as_ref().map(|p| p.doing.clone());
    let Some(form) = form_mut(state) else {
        return;
    };
    let (Some(meta), Some(old)) = (form.fields.get(i).cloned(), form.original.get(i).cloned())
    else {
        return;
    };
    let Some(Purpose::Edit { key, updated }) = form.purpose.clone() else {
        return;
    };
    form.values[i] = value.clone();
    form.errors[i] = None;
    form.message = None;
    if let Some(doing) = busy {
        state.note(format!(
            "Still waiting for Jira: {doing}… (Enter on the field sends it again)"
        ));
        return;
    }
    send(state, i, &key, updated, false, out);
    let _ = (meta, old);
}

/// Sends the change of field `i` (from Jira's value to the form's).
fn send(
    state: &mut State,
    i: usize,
    key: &str,
    seen: Option<String>,
    force: bool,
    out: &mut Vec<Command>,
) {
    let Some(form) = form_mut(state) else {
        return;
    };
    let (Some(meta), Some(old), Some(new)) = (
        form.fields.get(i).cloned(),
        form.original.get(i).cloned(),
        form.values.get(i).cloned(),
    ) else {
        return;
    };
    let mut edit = IssueEdit::default();
    edit.change(&meta, &old, &new, form.deployment);
    if edit.is_empty() {
        state.note(format!("{} is unchanged: nothing sent", meta.name));
        return;
    }
    let shown = new.display();
    let change = Change::Field {
        id: meta.id.clone(),
        json: meta.to_json(&new, form.deployment),
        shown: shown.clone(),
    };
    let what = if new.is_empty() {
        format!("{} cleared", meta.name)
    } else {
        format!(
            "{} set to {}",
            meta.name,
            crate::text::format::truncate(&shown, 40)
        )
    };
    let words = [
        format!("Saving {} of {key}", meta.name),
        format!("{key}: {what}"),
        format!("Could not change {} of {key}", meta.name),
    ];
    let act = Act::Edit {
        edit: Box::new(edit),
        seen,
        force,
    };
    send_change(state, key, act, change, words, out);
    let id = state.actions.pending.as_ref().map(|p| p.id);
    if let (Some(form), Some(id)) = (form_mut(state), id) {
        form.saving = Some((i, id));
    }
}

/// Jira answered the change the form sent.
pub fn answered(state: &mut State, result: Result<Response, JiraError>, out: &mut Vec<Command>) {
    let Some((i, _)) = form_mut(state).and_then(|f| f.saving.take()) else {
        return;
    };
    match result {
        Ok(Response::Conflict { updated }) => {
            let when = updated.clone();
            super::super::actions::answered(
                state,
                Some(Notice::new("it was changed in Jira since you opened it")),
                out,
            );
            if let Some(form) = form_mut(state) {
                form.conflict = Some((i, when));
            }
        }
        Ok(response) => {
            super::super::actions::answered(state, None, out);
            if let Some(form) = form_mut(state) {
                if let Some(v) = form.values.get(i).cloned() {
                    form.original[i] = v;
                }
                if let (Response::Edited { updated }, Some(Purpose::Edit { updated: seen, .. })) =
                    (response, form.purpose.as_mut())
                {
                    *seen = updated;
                }
            }
        }
        Err(error) => {
            let mut notice = Notice::from(&error);
            // Jira names fields by id; the status line names them as the form does.
            if let (Some(errors), Some(form)) = (FieldErrors::of(&error), form_mut(state)) {
                let parts: Vec<String> = errors
                    .messages
                    .iter()
                    .cloned()
                    .chain(errors.fields.iter().map(|(id, m)| {
                        let name = form
                            .fields
                            .iter()
                            .find(|f| f.id == *id)
                            .map_or(id.as_str(), |f| f.name.as_str());
                        format!("{name}: {m}")
                    }))
                    .collect();
                notice.sentence = crate::text::sanitize_line(&parts.join("; "));
            }
            super::super::actions::answered(state, Some(notice.clone()), out);
            if let Some(form) = form_mut(state) {
                let id = form.fields.get(i).map(|f| f.id.clone()).unwrap_or_default();
                match FieldErrors::of(&error) {
                    Some(errors) => {
                        let mine = errors.for_field(&id).map(str::to_string);
                        let others: Vec<String> = errors
                            .messages
                            .iter()
                            .cloned()
                            .chain(
                                errors
                                    .fields
                                    .iter()
                                    .filter(|(f, _)| *f != id)
                                    .map(|(f, m)| format!("{f}: {m}")),
                            )
                            .collect();
                        form.errors[i] = mine.or_else(|| others.first().cloned());
                        if !others.is_empty() {
                            form.message = Some(Notice::new(others.join("; ")));
                        }
                    }
                    None => form.message = Some(notice),
                }
            }
        }
    }
}

/// A key while the form asks whether to overwrite a change made meanwhile.
pub fn on_conflict_key(state: &mut State, key: KeyEvent, out: &mut Vec<Command>) {
    let Some(form) = form_mut(state) else {
        return;
    };
    let Some((i, _)) = form.conflict.clone() else {
        return;
    };
    let Some(Purpose::Edit {
        key: issue,
        updated,
    }) = form.purpose.clone()
    else {
        return;
    };
    match key.code {
        KeyCode::Char('y') | KeyCode::Char('Y') => {
            form.conflict = None;
            send(state, i, &issue, updated, true, out);
        }
        KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc => {
            let yours = form
                .values
                .get(i)
                .map(FieldValue::display)
                .unwrap_or_default();
            let name = form
                .fields
                .get(i)
                .map(|f| f.name.clone())
                .unwrap_or_default();
            form.conflict = None;
            let text = format!("Read {issue} again; your {name} was: {yours}");
            open(state, issue, out);
            state.note(crate::text::sanitize_line(&text));
        }
        _ => {}
    }
}

/// The change an edit form sent, answered after the form was closed: a conflict is a refusal.
pub fn unowned(result: Result<Response, JiraError>) -> Result<Response, JiraError> {
    match result {
        Ok(Response::Conflict { .. }) => Err(JiraError::Unsupported(
            "it was changed in Jira meanwhile; edit it again to see the new values".into(),
        )),
        other => other,
    }
}

/// Whether `id` is the request of the form's change in flight.
pub fn is_saving(form: &FormView, id: RequestId) -> bool {
    form.saving.is_some_and(|(_, r)| r == id)
}
