//! Writing a comment: `c` opens a multi-line editor over the screen (a maintained text area:
//! readline keys, undo, paste), on the draft kept for that issue if there is one. What is typed
//! is a draft on disk as it changes ([`crate::store::drafts`]); `Ctrl-S` posts it, `Ctrl-O`
//! previews it as the detail view will show it, `Ctrl-E` hands it to `$VISUAL`/`$EDITOR`, Esc
//! closes the editor and keeps the draft. A posted comment shows at once in the issue, marked
//! as being sent; Jira's answer puts its own in its place, or takes it out again and keeps the
//! draft. Posting is never repeated on its own (a comment posted twice shows twice): a lost
//! answer is checked by reading the comments back ([`crate::worker`]).

use super::keymap::{Action, Context};
use super::msg::Command;
use super::state::{Notice, Overlay, State};
use crate::jira::{Comment, CommentBody, Deployment, RichText};
use crossterm::event::KeyEvent;
use ratatui::text::Line;

pub mod mention;
mod post;
pub mod visibility;

pub use post::{PostKind, Posting, delete, on_answer};
use ratatui_textarea::{TextArea, WrapMode};

/// The comment editor's state.
#[derive(Debug, Clone)]
pub struct Composer {
    /// The issue commented on.
    pub key: String,
    /// The text being written.
    pub editor: TextArea<'static>,
    /// The comment as it will show, while previewing.
    pub preview: Option<Vec<Line<'static>>>,
    /// The draft on disk has been offered (it fills an editor still empty).
    pub draft_offered: bool,
    /// The comment being edited, when it is an edit.
    pub editing: Option<Editing>,
    /// The people chosen for `@` mentions.
    pub mentions: Vec<crate::text::markdown::Mention>,
    /// A mention being typed.
    pub mentioning: Option<mention::Mentioning>,
    /// Who may read the comment (None: everyone who can see the issue).
    pub visibility: Option<crate::jira::Visibility>,
    /// The picker of who may read it, while open.
    pub visibility_picker: Option<crate::app::actions::Picker>,
    /// The project's roles and my groups, as the picker offers them.
    pub roles: Vec<crate::jira::Visibility>,
    /// A rich-text field of a form being written instead of a comment.
    pub field: Option<FieldTarget>,
}

/// The form field a composer writes (a description, a rich-text custom field): the form waits
/// inside it and comes back when the text is taken or the editor closed.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldTarget {
    /// The form.
    pub form: Box<super::form::FormView>,
    /// The field's index in the form.
    pub index: usize,
    /// The field's id.
    pub id: String,
    /// The field's name.
    pub name: String,
    /// The text as it was when the editor opened.
    pub original: String,
}

/// One of my comments being edited.
#[derive(Debug, Clone, PartialEq)]
pub struct Editing {
    /// Its id.
    pub id: String,
    /// Its text as it was, written as Markdown.
    pub original: String,
    /// The people it mentions, mentioned again when it is sent.
    pub mentions: Vec<crate::text::markdown::Mention>,
}

impl PartialEq for Composer {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
            && self.editor.lines() == other.editor.lines()
            && self.editor.cursor() == other.editor.cursor()
            && self.preview == other.preview
            && self.draft_offered == other.draft_offered
            && self.editing == other.editing
            && self.mentions == other.mentions
            && self.mentioning == other.mentioning
            && self.visibility == other.visibility
            && self.visibility_picker == other.visibility_picker
            && self.field == other.field
    }
}

impl Composer {
    fn new(key: String) -> Self {
        let mut editor = TextArea::default();
        editor.set_wrap_mode(WrapMode::WordOrGlyph);
        editor.set_placeholder_text(
            "Write Markdown: **bold**, _italic_, `code`, ```lang blocks, - lists, [ ] tasks, > quotes, [text](url), # headings, tables",
        );
        Composer {
            key,
            editor,
            preview: None,
            draft_offered: false,
            editing: None,
            mentions: Vec::new(),
            mentioning: None,
            visibility: None,
            visibility_picker: None,
            roles: Vec::new(),
            field: None,
        }
    }

    /// Where its draft is kept: the issue for a new comment, the issue and the comment for an
    /// edit.
    pub fn draft_key(&self) -> String {
        if let Some(f) = &self.field {
            return format!("{}_{}", self.key, f.id);
        }
        match &self.editing {
            Some(e) => format!("{}_comment{}", self.key, e.id),
            None => self.key.clone(),
        }
    }

    fn body(&self) -> CommentBody {
        let mut mentions = self.mentions.clone();
        if let Some(e) = &self.editing {
            mentions.extend(e.mentions.iter().cloned());
        }
        CommentBody::Markdown {
            text: self.text(),
            mentions,
        }
    }

    /// The text as typed.
    pub fn text(&self) -> String {
        self.editor.lines().join("\n")
    }

    fn set_text(&mut self, text: &str) {
        let mut editor = TextArea::new(text.lines().map(str::to_string).collect());
        editor.set_wrap_mode(WrapMode::WordOrGlyph);
        editor.set_placeholder_text(self.editor.placeholder_text().to_string());
        editor.move_cursor(ratatui_textarea::CursorMove::Bottom);
        editor.move_cursor(ratatui_textarea::CursorMove::End);
        self.editor = editor;
    }
}

pub(super) fn composer_mut(state: &mut State) -> Option<&mut Composer> {
    match &mut state.overlay {
        Overlay::Compose(c) => Some(c),
        _ => None,
    }
}

/// Opens the editor on issue `key`, asking for its draft.
pub fn open(state: &mut State, key: String, out: &mut Vec<Command>) {
    if state.actions.posting.as_ref().is_some_and(|p| p.key == key) {
        state.note(format!("Still sending your comment on {key}…"));
        return;
    }
    out.push(Command::LoadDraft(key.clone()));
    state.overlay = Overlay::Compose(Box::new(Composer::new(key)));
}

/// Opens the editor on rich-text field `index` of the form on screen, holding `value`; the
/// form waits inside the editor.
pub fn open_field(
    state: &mut State,
    index: usize,
    meta: &crate::jira::fields::FieldMeta,
    value: &crate::jira::fields::FieldValue,
    out: &mut Vec<Command>,
) {
    let Overlay::Form(form) = std::mem::replace(&mut state.overlay, Overlay::None) else {
        return;
    };
    let mut composer = Composer::new(form.key());
    let original = value.as_input();
    composer.set_text(&original);
    if let crate::jira::fields::FieldValue::Markdown { mentions, .. } = value {
        composer.mentions = mentions.clone();
    }
    composer.field = Some(FieldTarget {
        form,
        index,
        id: meta.id.clone(),
        name: meta.name.clone(),
        original,
    });
    out.push(Command::LoadDraft(composer.draft_key()));
    state.overlay = Overlay::Compose(Box::new(composer));
}

/// Leaves a field's editor: the form comes back, with the text as its value when `take`.
fn leave_field(state: &mut State, take: bool, out: &mut Vec<Command>) {
    let Overlay::Compose(mut c) = std::mem::replace(&mut state.overlay, Overlay::None) else {
        return;
    };
    let Some(target) = c.field.take() else {
        return;
    };
    let text = c.text();
    let changed = text != target.original;
    state.overlay = Overlay::Form(target.form);
    if take {
        let value = crate::jira::fields::FieldValue::Markdown {
            text,
            mentions: c.mentions.clone(),
        };
        super::form::editor::finish(state, target.index, value, out);
    } else if changed {
        state.note(format!(
            "Draft of {} kept; Enter on it opens it again",
            target.name
        ));
    }
}

/// Opens the editor on my comment `id` of issue `key`, its text written back as Markdown.
pub fn open_edit(state: &mut State, key: String, id: String, out: &mut Vec<Command>) {
    if state.actions.posting.as_ref().is_some_and(|p| p.key == key) {
        state.note(format!("Still waiting for Jira on a comment of {key}…"));
        return;
    }
    let Some(comment) = loaded_comment(state, &key, &id) else {
        return;
    };
    let (doc, mentions) = match &comment.body {
        Some(RichText::Adf(v)) => (
            crate::text::rich::from_adf(v),
            crate::text::markdown::mentions_in_adf(v),
        ),
        Some(RichText::Wiki(w)) => (crate::text::rich::from_wiki(w), Vec::new()),
        None => (crate::text::rich::Doc::default(), Vec::new()),
    };
    let original = crate::text::markdown::from_doc(&doc);
    let mut composer = Composer::new(key);
    composer.set_text(&original);
    composer.editing = Some(Editing {
        id,
        original,
        mentions,
    });
    out.push(Command::LoadDraft(composer.draft_key()));
    state.overlay = Overlay::Compose(Box::new(composer));
}

/// Comment `id` of `key` as the issue view has it.
fn loaded_comment(state: &State, key: &str, id: &str) -> Option<Comment> {
    let issue = state.detail().filter(|d| d.key == key)?.issue.as_deref()?;
    let page = issue.fields.comment.as_ref()?;
    page.comments.iter().find(|c| c.id == id).cloned()
}

/// The draft of `key` was read: it fills the editor if nothing was typed yet.
pub fn draft_loaded(state: &mut State, key: &str, draft: Result<Option<String>, Notice>) {
    let Some(c) = composer_mut(state).filter(|c| c.draft_key() == key && !c.draft_offered) else {
        return;
    };
    c.draft_offered = true;
    let untouched = match (&c.editing, &c.field) {
        (_, Some(f)) => c.text() == f.original,
        (Some(e), None) => c.text() == e.original,
        (None, None) => c.editor.is_empty(),
    };
    let issue = c.key.clone();
    let edit = c.editing.is_some() || c.field.is_some();
    match draft {
        Ok(Some(text)) if untouched => {
            c.set_text(&text);
            state.note(if edit {
                format!("Your unsent edit of this comment on {issue} is back")
            } else {
                format!("Your draft for {issue} is back")
            });
        }
        Ok(_) => {}
        Err(notice) => state.fail(Notice::hinted(
            format!(
                "Your draft for {issue} could not be read: {}",
                notice.sentence
            ),
            Some("what you type now is saved over it".into()),
        )),
    }
}

/// The text came back from the external editor.
pub fn edited(
    state: &mut State,
    key: &str,
    result: Result<String, Notice>,
    out: &mut Vec<Command>,
) {
    match result {
        Ok(text) => {
            if let Some(c) = composer_mut(state).filter(|c| c.key == key) {
                c.set_text(text.trim_end_matches('\n'));
                c.preview = None;
                let text = c.text();
                save(&c.draft_key(), text, out);
            }
        }
        Err(notice) => state.fail(notice),
    }
}

fn save(key: &str, text: String, out: &mut Vec<Command>) {
    out.push(Command::SaveDraft {
        key: key.to_string(),
        text: Some(text),
    });
}

/// A key in the editor.
pub fn on_key(state: &mut State, key: KeyEvent, out: &mut Vec<Command>) {
    if visibility::on_key(state, &key) || mention::on_key(state, &key) {
        return;
    }
    let action = state.keymap.action(Context::Compose, &key);
    let deployment = state.session.as_ref().and_then(|s| s.deployment);
    let width = state.size.0.saturating_sub(6) as usize;
    let Some(c) = composer_mut(state) else {
        return;
    };
    if c.field.is_some() {
        match action {
            Some(Action::Back) => return leave_field(state, false, out),
            Some(Action::Send) => return leave_field(state, true, out),
            Some(Action::Visibility) => return,
            _ => {}
        }
    }
    match action {
        Some(Action::Back) => {
            let kept = match &c.editing {
                Some(e) => c.text() != e.original,
                None => !c.editor.is_empty(),
            };
            let key = c.key.clone();
            let again = if c.editing.is_some() { "E" } else { "c" };
            state.close_overlay();
            if kept {
                state.note(format!("Draft kept; {again} on {key} opens it again"));
            }
        }
        Some(Action::Preview) => {
            c.preview = match c.preview {
                Some(_) => None,
                None => Some(preview(&c.body(), deployment, width)),
            };
        }
        Some(Action::ExternalEditor) => out.push(Command::ExternalEditor {
            key: c.key.clone(),
            text: c.text(),
        }),
        Some(Action::Send) => post::send(state, deployment, out),
        Some(Action::Visibility) => visibility::open(state, out),
        _ => {
            // Any editing key leaves the preview for the text.
            c.preview = None;
            let before = c.editor.lines().to_vec();
            c.editor.input(key);
            mention::after_edit(c);
            if c.editor.lines() != before.as_slice() {
                let text = c.text();
                save(&c.draft_key(), text, out);
            }
        }
    }
}

/// Pasted text goes in at the cursor.
pub fn on_paste(state: &mut State, text: &str, out: &mut Vec<Command>) {
    if let Some(c) = composer_mut(state) {
        c.preview = None;
        c.editor
            .insert_str(text.replace("\r\n", "\n").replace('\r', "\n"));
        mention::after_edit(c);
        let text = c.text();
        save(&c.draft_key(), text, out);
    }
}

/// The body Jira gets for `text`.
pub fn body(text: &str) -> CommentBody {
    CommentBody::Markdown {
        text: text.to_string(),
        mentions: Vec::new(),
    }
}

/// `text` laid out as the detail view lays out the comment Jira will keep.
fn preview(body: &CommentBody, deployment: Option<Deployment>, width: usize) -> Vec<Line<'static>> {
    let shown = body.as_shown(deployment.unwrap_or(Deployment::Cloud));
    let doc = match &shown {
        RichText::Wiki(s) => crate::text::rich::from_wiki(s),
        RichText::Adf(v) => crate::text::rich::from_adf(v),
    };
    let lines =
        crate::text::rich::layout(&doc, width.max(10), &crate::text::rich::Theme::default()).lines;
    if lines.is_empty() {
        vec![Line::raw("(nothing to preview)")]
    } else {
        lines
    }
}
