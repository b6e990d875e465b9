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
use super::state::{Notice, Overlay, Slot, State};
use crate::jira::{Comment, CommentBody, Deployment, JiraError, RichText, User};
use crate::worker::{Act, RequestKind, Response};
use crossterm::event::KeyEvent;
use ratatui::text::Line;
use ratatui_textarea::{TextArea, WrapMode};
use std::sync::Arc;

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
}

impl PartialEq for Composer {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
            && self.editor.lines() == other.editor.lines()
            && self.editor.cursor() == other.editor.cursor()
            && self.preview == other.preview
            && self.draft_offered == other.draft_offered
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

/// A comment being posted.
#[derive(Debug, Clone, PartialEq)]
pub struct Posting {
    /// The issue.
    pub key: String,
}

fn composer_mut(state: &mut State) -> Option<&mut Composer> {
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

/// The draft of `key` was read: it fills the editor if nothing was typed yet.
pub fn draft_loaded(state: &mut State, key: &str, draft: Result<Option<String>, Notice>) {
    let Some(c) = composer_mut(state).filter(|c| c.key == key && !c.draft_offered) else {
        return;
    };
    c.draft_offered = true;
    match draft {
        Ok(Some(text)) if c.editor.is_empty() => {
            c.set_text(&text);
            state.note(format!("Your draft for {key} is back"));
        }
        Ok(_) => {}
        Err(notice) => state.fail(Notice::hinted(
            format!(
                "Your draft for {key} could not be read: {}",
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
                save(key, text, out);
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
    let action = state.keymap.action(Context::Compose, &key);
    let deployment = state.session.as_ref().and_then(|s| s.deployment);
    let width = state.size.0.saturating_sub(6) as usize;
    let Some(c) = composer_mut(state) else {
        return;
    };
    match action {
        Some(Action::Back) => {
            let kept = !c.editor.is_empty();
            let key = c.key.clone();
            state.close_overlay();
            if kept {
                state.note(format!("Draft kept; c on {key} opens it again"));
            }
        }
        Some(Action::Preview) => {
            c.preview = match c.preview {
                Some(_) => None,
                None => Some(preview(&c.text(), deployment, width)),
            };
        }
        Some(Action::ExternalEditor) => out.push(Command::ExternalEditor {
            key: c.key.clone(),
            text: c.text(),
        }),
        Some(Action::Send) => send(state, deployment, out),
        _ => {
            // Any editing key leaves the preview for the text.
            c.preview = None;
            let before = c.editor.lines().to_vec();
            c.editor.input(key);
            if c.editor.lines() != before.as_slice() {
                let text = c.text();
                let key = c.key.clone();
                save(&key, text, out);
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
        let text = c.text();
        let key = c.key.clone();
        save(&key, text, out);
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
fn preview(text: &str, deployment: Option<Deployment>, width: usize) -> Vec<Line<'static>> {
    let shown = body(text).as_shown(deployment.unwrap_or(Deployment::Cloud));
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

fn send(state: &mut State, deployment: Option<Deployment>, out: &mut Vec<Command>) {
    let Some(c) = composer_mut(state) else {
        return;
    };
    let text = c.text();
    if text.trim().is_empty() {
        state.note("Nothing to send: write the comment first");
        return;
    }
    let key = c.key.clone();
    state.close_overlay();
    let body = body(&text);
    // Shown at once in the issue, marked as being sent.
    let shown = body.as_shown(deployment.unwrap_or(Deployment::Cloud));
    let author = state.actions.me.clone().unwrap_or_else(|| User {
        display_name: Some("You".into()),
        ..User::default()
    });
    let version = state.requests.fresh();
    if let Some(d) = state.screen.detail_mut().filter(|d| d.key == key)
        && let Some(issue) = d.issue.as_mut()
    {
        let issue = Arc::make_mut(issue);
        let page = issue.fields.comment.get_or_insert_with(Default::default);
        page.comments.push(Comment {
            id: String::new(),
            author: Some(author),
            body: Some(shown),
            created: state.now.format("%Y-%m-%dT%H:%M:%S%.3f%z").to_string(),
            ..Comment::default()
        });
        page.total += 1;
        d.version = version;
    }
    state.actions.posting = Some(Posting { key: key.clone() });
    state.request(
        Slot::Post,
        RequestKind::Act {
            key,
            act: Act::Comment { body },
        },
        out,
    );
    super::detail::after_move(state, out);
}

/// Jira answered the post: its comment replaces the one shown, or the one shown goes.
pub fn on_answer(state: &mut State, result: Result<Response, JiraError>, out: &mut Vec<Command>) {
    let Some(posting) = state.actions.posting.take() else {
        return;
    };
    let key = posting.key;
    let version = state.requests.fresh();
    let posted = match &result {
        Ok(Response::Commented(c)) => Some((**c).clone()),
        _ => None,
    };
    if let Some(d) = state.screen.detail_mut().filter(|d| d.key == key)
        && let Some(issue) = d.issue.as_mut()
        && let Some(page) = Arc::make_mut(issue).fields.comment.as_mut()
    {
        if let Some(at) = page.comments.iter().position(|c| c.id.is_empty()) {
            match &posted {
                Some(c) => page.comments[at] = c.clone(),
                None => {
                    page.comments.remove(at);
                    page.total = page.total.saturating_sub(1);
                }
            }
        }
        d.version = version;
    }
    match result {
        Ok(_) => {
            out.push(Command::SaveDraft {
                key: key.clone(),
                text: None,
            });
            state.note(format!("Comment added to {key}"));
        }
        Err(e) => {
            let notice = Notice::from(&e);
            state.fail(Notice::hinted(
                format!("Your comment on {key} was not added: {}", notice.sentence),
                Some(format!("it is kept as a draft: c on {key} opens it again")),
            ));
        }
    }
    super::detail::after_move(state, out);
}
