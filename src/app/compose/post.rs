//! Sending what the comment editor wrote (a new comment or an edit) and deleting a comment:
//! shown at once in the issue, then as Jira kept it, or put back as it was with Jira's reason.

use super::composer_mut;
use crate::app::msg::Command;
use crate::app::state::{Notice, Slot, State};
use crate::jira::{Comment, Deployment, JiraError, User};
use crate::worker::{Act, RequestKind, Response};
use std::sync::Arc;

/// A comment being posted, changed or deleted.
#[derive(Debug, Clone, PartialEq)]
pub struct Posting {
    /// The issue.
    pub key: String,
    /// What is done to it.
    pub kind: PostKind,
}

/// What is done to a comment, with what puts the issue back if Jira refuses.
#[derive(Debug, Clone, PartialEq)]
pub enum PostKind {
    /// A new comment, its draft kept under this key.
    New {
        /// The draft's key.
        draft: String,
    },
    /// An edit of a comment, as it was before.
    Edit {
        /// The comment before.
        before: Box<Comment>,
        /// The draft's key.
        draft: String,
    },
    /// A deletion of the comment that was at this place.
    Delete {
        /// Where it was among the loaded comments.
        at: usize,
        /// The comment.
        before: Box<Comment>,
    },
}

/// Deletes my comment `id` of `key` (the user said yes): gone from the view at once, back if
/// Jira refuses.
pub fn delete(state: &mut State, key: String, id: String, out: &mut Vec<Command>) {
    if state.actions.posting.is_some() {
        state.note("Still waiting for Jira on a comment…");
        return;
    }
    let version = state.requests.fresh();
    let Some(d) = state.screen.detail_mut().filter(|d| d.key == key) else {
        return;
    };
    let Some(page) = d
        .issue
        .as_mut()
        .and_then(|i| Arc::make_mut(i).fields.comment.as_mut())
    else {
        return;
    };
    let Some(at) = page.comments.iter().position(|c| c.id == id) else {
        return;
    };
    let before = page.comments.remove(at);
    page.total = page.total.saturating_sub(1);
    d.version = version;
    state.actions.posting = Some(Posting {
        key: key.clone(),
        kind: PostKind::Delete {
            at,
            before: Box::new(before),
        },
    });
    state.request(
        Slot::Post,
        RequestKind::Act {
            key,
            act: Act::DeleteComment { id },
        },
        out,
    );
    crate::app::detail::after_move(state, out);
}

pub(super) fn send(state: &mut State, deployment: Option<Deployment>, out: &mut Vec<Command>) {
    let Some(c) = composer_mut(state) else {
        return;
    };
    let text = c.text();
    if text.trim().is_empty() {
        state.note("Nothing to send: write the comment first");
        return;
    }
    if let Some(e) = c.editing.as_ref().filter(|e| e.original == text) {
        let id = e.id.clone();
        state.close_overlay();
        state.note(format!("Comment {id} is unchanged: nothing sent"));
        return;
    }
    let key = c.key.clone();
    let draft = c.draft_key();
    let body = c.body();
    let editing = c.editing.clone();
    let visibility = c.visibility.clone();
    state.close_overlay();
    // Shown at once in the issue, marked as being sent.
    let shown = body.as_shown(deployment.unwrap_or(Deployment::Cloud));
    let author = state.actions.me.clone().unwrap_or_else(|| User {
        display_name: Some("You".into()),
        ..User::default()
    });
    let now = state.now.format("%Y-%m-%dT%H:%M:%S%.3f%z").to_string();
    let version = state.requests.fresh();
    let mut before = None;
    if let Some(d) = state.screen.detail_mut().filter(|d| d.key == key)
        && let Some(issue) = d.issue.as_mut()
    {
        let page = Arc::make_mut(issue)
            .fields
            .comment
            .get_or_insert_with(Default::default);
        match &editing {
            Some(e) => {
                if let Some(c) = page.comments.iter_mut().find(|c| c.id == e.id) {
                    before = Some(Box::new(c.clone()));
                    c.body = Some(shown);
                    c.updated = now;
                }
            }
            None => {
                page.comments.push(Comment {
                    id: String::new(),
                    author: Some(author),
                    body: Some(shown),
                    created: now,
                    ..Comment::default()
                });
                page.total += 1;
            }
        }
        d.version = version;
    }
    let (kind, act) = match editing {
        Some(e) => (
            PostKind::Edit {
                before: before.unwrap_or_else(|| {
                    Box::new(Comment {
                        id: e.id.clone(),
                        ..Comment::default()
                    })
                }),
                draft,
            },
            Act::EditComment { id: e.id, body },
        ),
        None => (PostKind::New { draft }, Act::Comment { body, visibility }),
    };
    state.actions.posting = Some(Posting {
        key: key.clone(),
        kind,
    });
    state.request(Slot::Post, RequestKind::Act { key, act }, out);
    crate::app::detail::after_move(state, out);
}

/// Jira answered: its comment replaces the one shown, or what was shown before comes back.
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
    let ok = result.is_ok();
    if let Some(d) = state.screen.detail_mut().filter(|d| d.key == key)
        && let Some(issue) = d.issue.as_mut()
        && let Some(page) = Arc::make_mut(issue).fields.comment.as_mut()
    {
        match (&posting.kind, ok) {
            (PostKind::New { .. }, _) => {
                if let Some(at) = page.comments.iter().position(|c| c.id.is_empty()) {
                    match &posted {
                        Some(c) => page.comments[at] = c.clone(),
                        None => {
                            page.comments.remove(at);
                            page.total = page.total.saturating_sub(1);
                        }
                    }
                }
            }
            (PostKind::Edit { before, .. }, _) => {
                if let Some(c) = page.comments.iter_mut().find(|c| c.id == before.id) {
                    *c = posted.clone().unwrap_or_else(|| (**before).clone());
                }
            }
            (PostKind::Delete { .. }, true) => {}
            (PostKind::Delete { at, before }, false) => {
                let at = (*at).min(page.comments.len());
                page.comments.insert(at, (**before).clone());
                page.total += 1;
            }
        }
        d.version = version;
    }
    match (posting.kind, result) {
        (PostKind::New { draft }, Ok(_)) => {
            out.push(Command::SaveDraft {
                key: draft,
                text: None,
            });
            state.note(format!("Comment added to {key}"));
        }
        (PostKind::Edit { draft, before }, Ok(_)) => {
            out.push(Command::SaveDraft {
                key: draft,
                text: None,
            });
            state.note(format!("Comment {} of {key} changed", before.id));
        }
        (PostKind::Delete { before, .. }, Ok(_)) => {
            state.note(format!("Comment {} deleted from {key}", before.id));
        }
        (kind, Err(e)) => {
            let notice = Notice::from(&e);
            let (what, hint) = match kind {
                PostKind::New { .. } => (
                    format!("Your comment on {key} was not added"),
                    Some(format!("it is kept as a draft: c on {key} opens it again")),
                ),
                PostKind::Edit { .. } => (
                    format!("Your comment on {key} was not changed"),
                    Some(format!(
                        "the edit is kept as a draft: E on {key} opens it again"
                    )),
                ),
                PostKind::Delete { .. } => (
                    format!("Your comment on {key} was not deleted"),
                    notice.hint.clone(),
                ),
            };
            state.fail(Notice::hinted(format!("{what}: {}", notice.sentence), hint));
        }
    }
    crate::app::detail::after_move(state, out);
}
