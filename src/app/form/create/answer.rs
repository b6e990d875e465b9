//! Jira's answer to a new issue: it opens, or the form stays as typed with Jira's messages
//! under the fields it refused.

use super::{DRAFT, MEMORY, RECENT};
use crate::app::form::{Purpose, form_mut};
use crate::app::msg::Command;
use crate::app::state::{Notice, State};
use crate::jira::JiraError;
use crate::jira::fields::{CreatedIssue, FieldErrors};
use serde_json::{Value, json};

/// Jira answered the new issue: it opens (and the list is asked again, where it may now
/// show), or the form stays as typed with Jira's messages under the fields.
pub fn created(state: &mut State, result: Result<CreatedIssue, JiraError>, out: &mut Vec<Command>) {
    let Some(form) = form_mut(state) else {
        return;
    };
    form.sending = false;
    match result {
        Ok(created) => {
            let Some(Purpose::Create {
                project,
                issue_type,
                ..
            }) = form.purpose.clone()
            else {
                return;
            };
            out.push(Command::SaveDraft {
                key: DRAFT.into(),
                text: None,
            });
            let memory = &mut state.actions.create_memory;
            memory.draft = None;
            memory.projects.retain(|p| *p != project);
            memory.projects.insert(0, project.clone());
            memory.projects.truncate(RECENT);
            memory.types.insert(project, Value::String(issue_type.name));
            let text = json!({ "projects": memory.projects, "types": memory.types }).to_string();
            out.push(Command::SaveDraft {
                key: MEMORY.into(),
                text: Some(text),
            });
            state.close_overlay();
            crate::app::list::start_search(state, out);
            crate::app::detail::open(state, created.key.clone(), Vec::new(), out);
            state.note(format!("Created {}", created.key));
        }
        Err(error) => {
            let notice = Notice::from(&error);
            match FieldErrors::of(&error) {
                Some(errors) => {
                    let mut general = errors.messages.clone();
                    for (id, message) in &errors.fields {
                        match form.fields.iter().position(|f| f.id == *id) {
                            Some(i) => form.errors[i] = Some(crate::text::sanitize_line(message)),
                            None => general.push(format!("{id}: {message}")),
                        }
                    }
                    let text = if general.is_empty() {
                        "Jira refused some values: see the fields marked below.".to_string()
                    } else {
                        general.join("; ")
                    };
                    form.message = Some(Notice::hinted(text, notice.hint));
                }
                None => {
                    let lost = matches!(
                        error,
                        JiraError::Timeout { .. }
                            | JiraError::DeadlineExceeded { .. }
                            | JiraError::Network { .. }
                    );
                    form.message = Some(if lost {
                        Notice::hinted(
                            format!(
                                "{} Jira may have created the issue anyway.",
                                notice.sentence
                            ),
                            Some(
                                "Look for it in the list before sending again; your draft is kept."
                                    .into(),
                            ),
                        )
                    } else {
                        notice
                    });
                }
            }
        }
    }
}
