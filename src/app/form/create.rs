//! Creating an issue: the project (recently used first), the issue type (the last one used in
//! that project selected), then the form of the fields that type has, required first. What is
//! typed is a draft on disk until Jira created the issue; the last project and type are
//! remembered per profile, so filing the next bug is `n`, Enter, Enter, the summary, Enter.

use super::super::actions::{Choice as Line, Outcome, Picker};
use super::super::msg::Command;
use super::super::state::{Notice, Overlay, Phase, Slot, State};
use super::{FormView, Purpose, Stage, form_mut};
use crate::jira::fields::{
    CreateIssueType, FieldKind, FieldMeta, FieldValue, NewIssue, ProjectRef,
};
use crate::worker::RequestKind;
use crossterm::event::KeyEvent;
use serde_json::{Map, Value, json};

mod answer;
mod memory;
pub use answer::created;
pub use memory::memory_loaded;
use memory::{draft_text, fill_projects};

/// The draft of the new issue being written.
pub const DRAFT: &str = "new-issue";
/// The projects and types used lately.
pub const MEMORY: &str = "create-memory";
/// Whether a draft key is one of creating's own files.
pub fn is_memory(key: &str) -> bool {
    key == DRAFT || key == MEMORY
}

/// Projects remembered as recently used.
const RECENT: usize = 5;

/// What creating remembers: recent projects, the last type per project, and the draft.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Memory {
    /// Project keys, the latest first.
    pub projects: Vec<String>,
    /// The last issue type (name) per project.
    pub types: Map<String, Value>,
    /// The unsent new issue: project, type id and values by field id.
    pub draft: Option<Value>,
}

/// Opens the create flow; with `parent`, a sub-task of it.
pub fn open(state: &mut State, parent: Option<String>, out: &mut Vec<Command>) {
    let deployment = state
        .session
        .as_ref()
        .and_then(|s| s.deployment)
        .unwrap_or(crate::jira::Deployment::Cloud);
    let stage = match &parent {
        Some(key) => {
            let project = key
                .rsplit_once('-')
                .map_or(key.as_str(), |(p, _)| p)
                .to_string();
            state.request(
                Slot::Form,
                RequestKind::IssueTypes {
                    project: project.clone(),
                },
                out,
            );
            Stage::Type {
                project,
                picker: Picker::loading(
                    format!(" Sub-task of {key}: type "),
                    "type to narrow · Enter choose · Esc cancel",
                ),
                types: Vec::new(),
                parent: parent.clone(),
            }
        }
        None => {
            state.request(Slot::Form, RequestKind::Projects, out);
            Stage::Project {
                picker: Picker::loading(
                    " New issue: project ",
                    "type to narrow · Enter choose · Esc cancel",
                ),
                projects: Vec::new(),
            }
        }
    };
    let title = match &parent {
        Some(key) => format!(" New sub-task of {key} "),
        None => " New issue ".to_string(),
    };
    let form = FormView::new(title, stage, deployment);
    state.overlay = Overlay::Form(Box::new(form));
    out.push(Command::LoadDraft(MEMORY.into()));
    out.push(Command::LoadDraft(DRAFT.into()));
}

/// The projects arrived.
pub fn projects(state: &mut State, list: Vec<ProjectRef>) {
    let memory = state.actions.create_memory.clone();
    if let Some(form) = form_mut(state)
        && let Stage::Project { picker, projects } = &mut form.stage
    {
        fill_projects(picker, projects, list, &memory);
    }
}

/// The issue types of `project` arrived.
pub fn types(state: &mut State, project: &str, list: Vec<CreateIssueType>) {
    let memory = state.actions.create_memory.clone();
    let Some(form) = form_mut(state) else {
        return;
    };
    let Stage::Type {
        project: p,
        picker,
        types,
        parent,
    } = &mut form.stage
    else {
        return;
    };
    if p != project {
        return;
    }
    let mut list: Vec<CreateIssueType> = list
        .into_iter()
        .filter(|t| t.subtask == parent.is_some())
        .collect();
    let draft_type = memory
        .draft
        .as_ref()
        .filter(|d| d["project"].as_str() == Some(project))
        .and_then(|d| d["type"].as_str().map(str::to_string));
    let last = memory
        .types
        .get(project)
        .and_then(Value::as_str)
        .map(str::to_string);
    list.sort_by_key(|t| {
        if draft_type.as_deref() == Some(t.id.as_str()) {
            0
        } else if last.as_deref() == Some(t.name.as_str()) {
            1
        } else {
            2
        }
    });
    let lines = list
        .iter()
        .enumerate()
        .map(|(index, t)| Line {
            label: t.name.clone(),
            detail: crate::text::format::truncate(&crate::text::sanitize_line(&t.description), 40),
            category: None,
            index,
        })
        .collect();
    picker.fill(
        lines,
        format!("No issue type of {project} can be created here"),
    );
    picker.selected = 0;
    *types = list;
}

/// A key while the project or type is chosen.
pub fn on_stage_key(state: &mut State, key: KeyEvent, out: &mut Vec<Command>) {
    let Some(form) = form_mut(state) else {
        return;
    };
    let outcome = match &mut form.stage {
        Stage::Project { picker, .. } | Stage::Type { picker, .. } => picker.on_key(&key),
        Stage::Fields => return,
    };
    match outcome {
        Outcome::Cancelled => {
            state.close_overlay();
            state.requests.cancel(Slot::Form);
        }
        Outcome::Chosen(i) => match form.stage.clone() {
            Stage::Project { projects, .. } => {
                let Some(p) = projects.get(i) else { return };
                form.stage = Stage::Type {
                    project: p.key.clone(),
                    picker: Picker::loading(
                        format!(" New issue in {}: type ", p.key),
                        "type to narrow · Enter choose · Esc cancel",
                    ),
                    types: Vec::new(),
                    parent: None,
                };
                state.request(
                    Slot::Form,
                    RequestKind::IssueTypes {
                        project: p.key.clone(),
                    },
                    out,
                );
            }
            Stage::Type {
                project,
                types,
                parent,
                ..
            } => {
                let Some(t) = types.get(i).cloned() else {
                    return;
                };
                form.title = match &parent {
                    Some(key) => format!(" New {} under {key} ", t.name),
                    None => format!(" New {} in {project} ", t.name),
                };
                form.purpose = Some(Purpose::Create {
                    project: project.clone(),
                    issue_type: t.clone(),
                    parent,
                });
                form.stage = Stage::Fields;
                form.phase = Phase::Loading;
                state.request(
                    Slot::Form,
                    RequestKind::CreateFields {
                        project,
                        issue_type: t.id,
                    },
                    out,
                );
            }
            Stage::Fields => {}
        },
        _ => {}
    }
}

/// The fields of the new issue arrived: the draft fills them when it is for this project and
/// type; else the summary's editor opens at once.
pub fn fields(
    state: &mut State,
    project: &str,
    issue_type: &str,
    mut list: Vec<FieldMeta>,
    out: &mut Vec<Command>,
) {
    let draft = state.actions.create_memory.draft.clone();
    let Some(form) = form_mut(state) else {
        return;
    };
    let Some(Purpose::Create {
        project: p,
        issue_type: t,
        parent,
    }) = &form.purpose
    else {
        return;
    };
    if p != project || t.id != issue_type {
        return;
    }
    // The parent is given by the flow; reporter and the like are Jira's to fill.
    if parent.is_some() {
        list.retain(|f| f.kind != FieldKind::Parent);
    }
    let mut values = vec![FieldValue::Empty; list.len()];
    let mut restored = false;
    if let Some(d) = draft.filter(|d| {
        d["project"].as_str() == Some(project) && d["type"].as_str() == Some(issue_type)
    }) {
        for (i, meta) in list.iter().enumerate() {
            let saved = &d["values"][&meta.id];
            let value = match meta.kind {
                FieldKind::User => serde_json::from_value(saved["users"][0].clone())
                    .ok()
                    .map(FieldValue::User),
                FieldKind::Users => serde_json::from_value(saved["users"].clone())
                    .ok()
                    .map(FieldValue::Users),
                _ => saved["text"].as_str().and_then(|t| meta.parse(t).ok()),
            };
            if let Some(v) = value.filter(|v| !v.is_empty()) {
                values[i] = v;
                restored = true;
            }
        }
    }
    form.fill(list, values);
    form.original = vec![FieldValue::Empty; form.fields.len()];
    if restored {
        state.note("Your unsent new issue is back (Ctrl-S sends it)");
        return;
    }
    form.guided = true;
    if let Some(&first) = form.missing().first() {
        super::editor::open(state, first, out);
    }
}

/// Field `i` of the new issue was given `value`: kept in the draft; while filing quickly, the
/// next required field's editor opens, and after the last one the issue is sent.
pub fn set_value(state: &mut State, i: usize, value: FieldValue, out: &mut Vec<Command>) {
    let Some(form) = form_mut(state) else {
        return;
    };
    if let Some(v) = form.values.get_mut(i) {
        *v = value;
    }
    if let Some(e) = form.errors.get_mut(i) {
        *e = None;
    }
    let text = draft_text(form);
    out.push(Command::SaveDraft {
        key: DRAFT.into(),
        text: Some(text),
    });
    if form.guided {
        match form.missing().first() {
            Some(&next) => super::editor::open(state, next, out),
            None => send(state, out),
        }
    }
}

/// Ctrl-S: sends the new issue, unless a required field is empty.
pub fn send(state: &mut State, out: &mut Vec<Command>) {
    let Some(form) = form_mut(state) else {
        return;
    };
    if form.sending {
        return;
    }
    let Some(Purpose::Create {
        project,
        issue_type,
        parent,
    }) = form.purpose.clone()
    else {
        return;
    };
    form.guided = false;
    let missing = form.missing();
    if !missing.is_empty() {
        for &i in &missing {
            form.errors[i] = Some("needs a value".into());
        }
        let names: Vec<&str> = missing
            .iter()
            .map(|&i| form.fields[i].name.as_str())
            .collect();
        form.message = Some(Notice::new(format!("Fill in {} first.", names.join(", "))));
        return;
    }
    let mut issue = NewIssue {
        project,
        issue_type: issue_type.id,
        ..NewIssue::default()
    };
    for (meta, value) in form.fields.iter().zip(&form.values) {
        issue.set(meta, value, form.deployment);
    }
    if let Some(parent) = parent {
        issue
            .fields
            .insert("parent".into(), json!({ "key": parent }));
    }
    form.sending = true;
    form.message = None;
    state.request(
        Slot::Create,
        RequestKind::CreateIssue {
            issue: Box::new(issue),
        },
        out,
    );
}
