//! Editing fields (`e`) and creating issues (`n`, and `N` for a sub-task of the issue on
//! screen), from the forms Jira itself describes: editmeta for an edit, the project's create
//! metadata for a new issue. The form lists the fields with their values; typing narrows it,
//! Enter opens the editor that fits the field's schema ([`editor`]), a rich-text field opens
//! the Markdown editor. An edit is sent field by field, shown at once and confirmed or put
//! back ([`edit`]); a new issue is sent whole with Ctrl-S and is a draft on disk until Jira
//! created it ([`create`]).

pub mod create;
pub mod edit;
pub mod editor;

use super::actions::Picker;
use super::input::{Edit, LineInput};
use super::msg::Command;
use super::state::{Notice, Overlay, Phase, State};
use crate::jira::Deployment;
use crate::jira::fields::{CreateIssueType, FieldKind, FieldMeta, FieldValue, ProjectRef};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use editor::FieldEditor;

/// What the form is for.
#[derive(Debug, Clone, PartialEq)]
pub enum Purpose {
    /// Changing fields of an existing issue.
    Edit {
        /// The issue.
        key: String,
        /// Its `updated` as last read (a later one means someone changed it meanwhile).
        updated: Option<String>,
    },
    /// A new issue.
    Create {
        /// The project key.
        project: String,
        /// The issue type.
        issue_type: CreateIssueType,
        /// The parent, for a sub-task.
        parent: Option<String>,
    },
}

/// Where a new issue's form stands before its fields are known.
#[derive(Debug, Clone, PartialEq)]
pub enum Stage {
    /// Choosing the project.
    Project {
        /// The picker.
        picker: Picker,
        /// The projects, in the picker's order.
        projects: Vec<ProjectRef>,
    },
    /// Choosing the issue type.
    Type {
        /// The project chosen.
        project: String,
        /// The picker.
        picker: Picker,
        /// The types, in the picker's order.
        types: Vec<CreateIssueType>,
        /// Only sub-task types, under this parent.
        parent: Option<String>,
    },
    /// The fields.
    Fields,
}

/// The form's state.
#[derive(Debug, Clone, PartialEq)]
pub struct FormView {
    /// What it is for (None while a new issue's project and type are chosen).
    pub purpose: Option<Purpose>,
    /// Choosing project and type, or the fields.
    pub stage: Stage,
    /// The frame's title.
    pub title: String,
    /// The fields, required first.
    pub fields: Vec<FieldMeta>,
    /// Their values as shown (typed, or as read).
    pub values: Vec<FieldValue>,
    /// Their values as Jira has them (an edit), to send only what changed.
    pub original: Vec<FieldValue>,
    /// Jira's message about each field, shown under it.
    pub errors: Vec<Option<String>>,
    /// Jira's message about the whole form, or what went wrong sending it.
    pub message: Option<Notice>,
    /// The typed filter over field names.
    pub filter: LineInput,
    /// Indices into `fields` the filter keeps.
    pub shown: Vec<usize>,
    /// The selected line of `shown`.
    pub selected: usize,
    /// Loading the form, idle, or why it could not be loaded.
    pub phase: Phase,
    /// The editor open on a field.
    pub editor: Option<FieldEditor>,
    /// How values are read and sent.
    pub deployment: Deployment,
    /// The field whose change is being sent (an edit), and its request.
    pub saving: Option<(usize, crate::worker::RequestId)>,
    /// A change Jira has not seen because the issue changed meanwhile: asked to overwrite.
    pub conflict: Option<(usize, Option<String>)>,
    /// Filing quickly: each required field's editor opens in turn, and the last Enter sends.
    pub guided: bool,
    /// A new issue being sent.
    pub sending: bool,
}

impl FormView {
    fn new(title: String, stage: Stage, deployment: Deployment) -> Self {
        FormView {
            purpose: None,
            stage,
            title,
            fields: Vec::new(),
            values: Vec::new(),
            original: Vec::new(),
            errors: Vec::new(),
            message: None,
            filter: LineInput::default(),
            shown: Vec::new(),
            selected: 0,
            phase: Phase::Loading,
            editor: None,
            deployment,
            saving: None,
            conflict: None,
            guided: false,
            sending: false,
        }
    }

    /// Puts the fields and their values in.
    fn fill(&mut self, fields: Vec<FieldMeta>, values: Vec<FieldValue>) {
        self.errors = vec![None; fields.len()];
        self.original = values.clone();
        self.values = values;
        // Fields jiratty cannot edit are not offered.
        self.fields = fields;
        self.phase = Phase::Idle;
        self.stage = Stage::Fields;
        self.refilter();
    }

    /// Keeps the editable fields whose name holds every typed word.
    pub(super) fn refilter(&mut self) {
        let typed = self.filter.text().to_lowercase();
        let words: Vec<&str> = typed.split_whitespace().collect();
        self.shown = (0..self.fields.len())
            .filter(|&i| self.fields[i].is_editable())
            .filter(|&i| {
                let name = self.fields[i].name.to_lowercase();
                words.iter().all(|w| name.contains(w))
            })
            .collect();
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
    }

    /// The field the selection is on.
    pub fn selected_field(&self) -> Option<usize> {
        self.shown.get(self.selected).copied()
    }

    /// The issue key an edit is for, or the draft name of a new issue.
    pub fn key(&self) -> String {
        match &self.purpose {
            Some(Purpose::Edit { key, .. }) => key.clone(),
            _ => create::DRAFT.to_string(),
        }
    }

    /// Whether a value differs from Jira's (an edit not yet confirmed).
    pub fn unsaved(&self, i: usize) -> bool {
        matches!(self.purpose, Some(Purpose::Edit { .. }))
            && self.values.get(i) != self.original.get(i)
    }

    /// The required fields that have no value yet (a new issue).
    pub fn missing(&self) -> Vec<usize> {
        (0..self.fields.len())
            .filter(|&i| {
                let f = &self.fields[i];
                f.required && !f.has_default && self.values.get(i).is_none_or(FieldValue::is_empty)
            })
            .collect()
    }
}

pub(super) fn form_mut(state: &mut State) -> Option<&mut FormView> {
    match &mut state.overlay {
        Overlay::Form(f) => Some(f),
        _ => None,
    }
}

/// A key in the form.
pub fn on_key(state: &mut State, key: KeyEvent, out: &mut Vec<Command>) {
    let Some(form) = form_mut(state) else {
        return;
    };
    if form.conflict.is_some() {
        return edit::on_conflict_key(state, key, out);
    }
    if form.editor.is_some() {
        return editor::on_key(state, key, out);
    }
    if !matches!(form.stage, Stage::Fields) {
        return create::on_stage_key(state, key, out);
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Esc if !form.filter.is_empty() => {
            form.filter = LineInput::default();
            form.refilter();
        }
        KeyCode::Esc => close(state),
        KeyCode::Up => form.selected = form.selected.saturating_sub(1),
        KeyCode::Char('p') if ctrl => form.selected = form.selected.saturating_sub(1),
        KeyCode::Down | KeyCode::Tab => {
            form.selected = (form.selected + 1).min(form.shown.len().saturating_sub(1))
        }
        KeyCode::Char('n') if ctrl => {
            form.selected = (form.selected + 1).min(form.shown.len().saturating_sub(1))
        }
        KeyCode::Enter => {
            if let Some(i) = form.selected_field() {
                form.guided = false;
                editor::open(state, i, out);
            }
        }
        KeyCode::Char('s') if ctrl => {
            if matches!(form.purpose, Some(Purpose::Create { .. })) {
                create::send(state, out);
            } else {
                state.note("Each field is saved when you leave its editor with Enter");
            }
        }
        _ => {
            if form.filter.handle(&key) == Edit::Changed {
                form.selected = 0;
                form.refilter();
            }
        }
    }
}

/// Closes the form; a new issue's values stay in their draft.
fn close(state: &mut State) {
    let Some(form) = form_mut(state) else {
        return;
    };
    let kept = matches!(form.purpose, Some(Purpose::Create { .. }))
        && form.values.iter().any(|v| !v.is_empty());
    state.close_overlay();
    state.requests.cancel(super::state::Slot::Form);
    if kept {
        state.note("Draft kept; n opens it again");
    }
}

/// Pasted text goes to the editor, or the filter.
pub fn on_paste(state: &mut State, text: &str) {
    let Some(form) = form_mut(state) else {
        return;
    };
    if let Some(ed) = form.editor.as_mut() {
        ed.picker.paste(text);
        ed.typed();
    } else {
        match &mut form.stage {
            Stage::Project { picker, .. } | Stage::Type { picker, .. } => picker.paste(text),
            Stage::Fields => {
                let line: String = text.chars().filter(|c| !c.is_control()).collect();
                form.filter.insert_str(&line);
                form.refilter();
            }
        }
    }
}

/// Time passed: an editor that searches asks once typing paused.
pub fn on_tick(state: &mut State, out: &mut Vec<Command>) {
    editor::on_tick(state, out);
}

/// Whether an editor waits for typing to pause.
pub fn counting_down(state: &State) -> bool {
    matches!(&state.overlay, Overlay::Form(f) if f.editor.as_ref().is_some_and(|e| e.search_in.is_some()))
}

/// Whether the form waits for the change with request `id`.
pub fn owns(state: &State, id: crate::worker::RequestId) -> bool {
    matches!(&state.overlay, Overlay::Form(f) if f.saving.is_some_and(|(_, r)| r == id))
}

/// Answers for forms: their descriptions, an editor's search, a new issue.
pub fn on_answer(
    state: &mut State,
    slot: super::state::Slot,
    result: Result<crate::worker::Response, crate::jira::JiraError>,
    out: &mut Vec<Command>,
) {
    use super::state::Slot;
    use crate::worker::Response;
    match (slot, result) {
        (Slot::Form, Ok(Response::EditForm(f))) => edit::loaded(state, *f),
        (Slot::Form, Ok(Response::Projects(list))) => create::projects(state, list),
        (Slot::Form, Ok(Response::IssueTypes { project, types })) => {
            create::types(state, &project, types)
        }
        (
            Slot::Form,
            Ok(Response::CreateFields {
                project,
                issue_type,
                fields,
            }),
        ) => create::fields(state, &project, &issue_type, fields, out),
        (Slot::Form, Err(e)) => {
            if let Some(form) = form_mut(state) {
                let notice = Notice::from(&e);
                match &mut form.stage {
                    Stage::Project { picker, .. } | Stage::Type { picker, .. } => {
                        picker.phase = Phase::Failed(notice)
                    }
                    Stage::Fields => form.phase = Phase::Failed(notice),
                }
            }
        }
        (Slot::FormSearch, Ok(response)) => editor::on_search(state, response),
        (Slot::Create, Ok(Response::Created(created))) => create::created(state, Ok(created), out),
        (Slot::Create, Err(e)) => create::created(state, Err(e), out),
        _ => {}
    }
}

/// Whether a field takes the Markdown editor.
pub(super) fn is_rich(meta: &FieldMeta) -> bool {
    meta.kind == FieldKind::RichText
}
