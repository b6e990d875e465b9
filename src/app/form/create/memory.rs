//! What creating remembers between runs, per profile: the projects and types used lately and
//! the unsent new issue, kept as small JSON files beside the comment drafts.

use super::super::{FormView, Purpose, Stage, form_mut};
use super::{MEMORY, Memory};
use crate::app::actions::{Choice as Line, Picker};
use crate::app::state::State;
use crate::jira::fields::{FieldValue, ProjectRef};
use serde_json::{Map, Value, json};

/// A remembered file came back: recent projects and types, or the draft.
pub fn memory_loaded(state: &mut State, key: &str, text: Option<String>) {
    let value = text.and_then(|t| serde_json::from_str::<Value>(&t).ok());
    let memory = &mut state.actions.create_memory;
    match key {
        MEMORY => {
            if let Some(v) = value {
                memory.projects = v["projects"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|p| p.as_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default();
                memory.types = v["types"].as_object().cloned().unwrap_or_default();
            }
        }
        _ => memory.draft = value,
    }
    // The lists may already be there: put the remembered first.
    let memory = state.actions.create_memory.clone();
    if let Some(form) = form_mut(state) {
        match &mut form.stage {
            Stage::Project { picker, projects } if !projects.is_empty() => {
                let list = std::mem::take(projects);
                fill_projects(picker, projects, list, &memory);
            }
            _ => {}
        }
    }
}

pub(super) fn fill_projects(
    picker: &mut Picker,
    into: &mut Vec<ProjectRef>,
    mut list: Vec<ProjectRef>,
    memory: &Memory,
) {
    let draft_project = memory
        .draft
        .as_ref()
        .and_then(|d| d["project"].as_str())
        .map(str::to_string);
    let rank = |p: &ProjectRef| {
        if draft_project.as_deref() == Some(p.key.as_str()) {
            return 0;
        }
        memory
            .projects
            .iter()
            .position(|k| *k == p.key)
            .map_or(usize::MAX, |i| i + 1)
    };
    list.sort_by(|a, b| rank(a).cmp(&rank(b)).then(a.key.cmp(&b.key)));
    let lines = list
        .iter()
        .enumerate()
        .map(|(index, p)| Line {
            label: p.key.clone(),
            detail: p.name.clone(),
            category: None,
            index,
        })
        .collect();
    picker.fill(lines, "You may not create issues in any project");
    picker.selected = 0;
    *into = list;
}

pub(super) fn draft_text(form: &FormView) -> String {
    let Some(Purpose::Create {
        project,
        issue_type,
        ..
    }) = &form.purpose
    else {
        return String::new();
    };
    let mut values = Map::new();
    for (meta, value) in form.fields.iter().zip(&form.values) {
        if value.is_empty() {
            continue;
        }
        let saved = match value {
            FieldValue::User(u) => json!({ "users": [u] }),
            FieldValue::Users(us) => json!({ "users": us }),
            other => json!({ "text": other.as_input() }),
        };
        values.insert(meta.id.clone(), saved);
    }
    json!({ "project": project, "type": issue_type.id, "values": values }).to_string()
}
