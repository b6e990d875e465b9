//! The detail screen: its state ([`DetailView`], carried by [`Screen::Detail`]), scrolling,
//! related issues and the way back, and the answers to its requests. Comments load on demand
//! and the layout is kept up to date in `relayout` (at most [`MAX_COMMENTS`] of one issue);
//! numbered links are opened with a key in `links`. The layout itself is built in
//! [`super::detail_layout`].

mod links;
mod relayout;

pub use links::on_key as on_link_key;
pub use relayout::{after_move, on_laid_out, refresh_layout, scroll_by};

use super::keymap::{Action, Context};
use super::msg::Command;
use super::state::{DetailLayout, Notice, Overlay, Phase, Screen, Slot, State};
use crate::jira::{Issue, JiraError};
use crate::text::sanitize_line;
use crate::worker::{RequestId, RequestKind, Response};
use crossterm::event::{KeyEvent, MouseEvent, MouseEventKind};

/// Comments asked for per page when more are loaded.
pub const COMMENTS_PAGE: u32 = 50;
/// Comments one issue view loads at most (a site may claim any total and answer every page);
/// the view says how many it did not load.
pub const MAX_COMMENTS: usize = 3_000;

/// One issue. The issue and the comments in flight are [`Slot::Issue`] and
/// [`Slot::Comments`].
#[derive(Debug, Clone, PartialEq)]
pub struct DetailView {
    /// Its key.
    pub key: String,
    /// The issue once loaded (shared with a layout being built off the UI thread).
    pub issue: Option<std::sync::Arc<Issue>>,
    /// Loading or failed.
    pub phase: Phase,
    /// Lines scrolled.
    pub scroll: usize,
    /// The related issue (parent, sub-task, link) chosen with Tab, which Enter opens.
    pub related: Option<usize>,
    /// The issues to go back to with Esc, the most recent last.
    pub back: Vec<String>,
    /// Changes with the issue and its comments (the layout is rebuilt when it moves): the id
    /// of the answer that brought them, unique across views.
    pub version: u64,
    /// Why more comments could not be loaded.
    pub comments_error: Option<Notice>,
    /// The issue laid out for the screen, rebuilt only when what it shows changes.
    pub layout: DetailLayout,
    /// `issue` holds only what the list row knew (key, summary, status, type, priority,
    /// assignee) while the full issue is read.
    pub partial: bool,
}

impl DetailView {
    /// A view of `key`, loading; `back` is the way back.
    pub fn new(key: String, back: Vec<String>) -> Self {
        DetailView {
            key,
            issue: None,
            phase: Phase::Loading,
            scroll: 0,
            related: None,
            back,
            version: 0,
            comments_error: None,
            layout: DetailLayout::default(),
            partial: false,
        }
    }

    /// Comments loaded so far and how many the issue has.
    pub fn comment_counts(&self) -> (usize, u64) {
        match self
            .issue
            .as_deref()
            .and_then(|i| i.fields.comment.as_ref())
        {
            Some(page) => (
                page.comments.len(),
                page.total.max(page.comments.len() as u64),
            ),
            None => (0, 0),
        }
    }
}

/// The keys of an issue's related issues in the order the detail view lists them: parent,
/// sub-tasks, then linked issues.
pub fn related_keys(issue: &Issue) -> Vec<String> {
    let f = &issue.fields;
    let mut keys: Vec<String> = f.parent.iter().map(|p| p.key.clone()).collect();
    keys.extend(f.subtasks.iter().map(|s| s.key.clone()));
    for l in &f.issuelinks {
        if let Some(other) = l.outward_issue.as_ref().or(l.inward_issue.as_ref()) {
            keys.push(other.key.clone());
        }
    }
    keys.into_iter().map(|k| sanitize_line(&k)).collect()
}

/// Opens issue `key`; `back` is the way back (Esc returns along it). The comments of the
/// issue shown before are no longer waited for.
///
/// An issue read ahead (and as new as its list row) shows in full at once, with no request;
/// one kept but not in the list shows at once and is read again. Otherwise the issue is read,
/// and meanwhile the view shows what its list row knows.
pub fn open(state: &mut State, key: String, back: Vec<String>, out: &mut Vec<Command>) {
    show(state, key, back, false, out);
}

/// [`open`]; with `reread` the issue is read again even when a kept copy is new enough.
fn show(state: &mut State, key: String, back: Vec<String>, reread: bool, out: &mut Vec<Command>) {
    state.requests.cancel(Slot::Comments);
    let row = state.list.rows.iter().find(|r| r.key() == key);
    let updated = row.and_then(|r| r.updated_secs());
    let partial = row.map(super::prefetch::partial_issue);
    let kept = state.prefetch.cache.get(&key, updated);
    let mut view = DetailView::new(key.clone(), back);
    let settled = kept.is_some() && updated.is_some() && !reread;
    match (kept, partial) {
        (Some(issue), _) => {
            view.issue = Some(issue);
            view.phase = Phase::Idle;
        }
        (None, Some(partial)) => {
            view.issue = Some(std::sync::Arc::new(partial));
            view.partial = true;
        }
        (None, None) => {}
    }
    view.version = state.requests.fresh();
    if settled {
        state.requests.cancel(Slot::Issue);
    } else {
        state.request(Slot::Issue, RequestKind::Issue { key }, out);
    }
    state.show(Screen::Detail(Box::new(view)));
    state.freshness.issue_read = Some(state.now);
    after_move(state, out);
}

/// A key on the detail screen.
pub fn on_key(state: &mut State, key: KeyEvent, out: &mut Vec<Command>) {
    if super::filters::number_key(state, &key, out) {
        return;
    }
    let Some(action) = state.keymap.action(Context::Detail, &key) else {
        return;
    };
    let page = state.list_height();
    let Screen::Detail(detail) = &mut state.screen else {
        return;
    };
    match action {
        Action::ScrollUp | Action::Up => detail.scroll = detail.scroll.saturating_sub(1),
        Action::ScrollDown | Action::Down => detail.scroll = detail.scroll.saturating_add(1),
        Action::Top => detail.scroll = 0,
        Action::Bottom => detail.scroll = usize::MAX,
        Action::PageUp => detail.scroll = detail.scroll.saturating_sub(page),
        Action::PageDown => detail.scroll = detail.scroll.saturating_add(page),
        Action::Back => {
            let mut back = std::mem::take(&mut detail.back);
            match back.pop() {
                Some(previous) => open(state, previous, back, out),
                None => {
                    let behind = super::board::screen_behind(state);
                    state.show(behind);
                }
            }
        }
        Action::NextRelated | Action::PreviousRelated => {
            let count = detail.issue.as_deref().map_or(0, |i| related_keys(i).len());
            if count > 0 {
                detail.related = Some(match (detail.related, action) {
                    (None, Action::NextRelated) => 0,
                    (None, _) => count - 1,
                    (Some(i), Action::NextRelated) => (i + 1) % count,
                    (Some(i), _) => (i + count - 1) % count,
                });
            }
        }
        Action::Open => {
            let target = detail
                .issue
                .as_deref()
                .zip(detail.related)
                .and_then(|(issue, i)| related_keys(issue).get(i).cloned());
            if let Some(target) = target {
                let mut back = std::mem::take(&mut detail.back);
                back.push(detail.key.clone());
                open(state, target, back, out);
            }
        }
        Action::Refresh => {
            let key = detail.key.clone();
            let back = std::mem::take(&mut detail.back);
            show(state, key, back, true, out);
        }
        Action::OpenLink => links::ask(state, out),
        Action::Quit => state.quit = true,
        Action::Query => super::query::open(state),
        Action::Help => state.overlay = Overlay::Help,
        Action::OpenInBrowser | Action::CopyKey | Action::CopyUrl => {
            let key = detail.key.clone();
            super::share::share(state, action, &key, out);
        }
        Action::Filters => super::filters::open(state, out),
        Action::Transition
        | Action::Assign
        | Action::AssignToMe
        | Action::Watch
        | Action::Comment
        | Action::EditComment
        | Action::DeleteComment
        | Action::EditFields
        | Action::CreateSubtask => {
            let key = detail.key.clone();
            super::actions::start(state, action, key, out);
        }
        Action::CreateIssue => super::form::create::open(state, None, out),
        Action::Send
        | Action::Preview
        | Action::ExternalEditor
        | Action::Visibility
        | Action::QuickFilter
        | Action::SaveFilter
        | Action::Rename
        | Action::Delete
        | Action::CopyFilter
        | Action::Publish
        | Action::Boards
        | Action::ColumnLeft
        | Action::ColumnRight
        | Action::MoveLeft
        | Action::MoveRight
        | Action::RankUp
        | Action::RankDown
        | Action::MoveToSprint
        | Action::PreviousSprint
        | Action::NextSprint
        | Action::OnlyMine
        | Action::Swimlanes
        | Action::Zoom => {}
    }
    relayout::after_move(state, out);
}

/// The mouse wheel scrolls.
pub fn on_mouse(state: &mut State, mouse: MouseEvent, out: &mut Vec<Command>) {
    match mouse.kind {
        MouseEventKind::ScrollDown => scroll_by(state, 3, out),
        MouseEventKind::ScrollUp => scroll_by(state, -3, out),
        _ => {}
    }
}

/// The worker answered one of the detail's requests: the issue ([`Slot::Issue`]) or more
/// comments ([`Slot::Comments`]); `id` is the answer's.
pub fn on_answer(
    state: &mut State,
    slot: Slot,
    id: RequestId,
    result: Result<Response, JiraError>,
    out: &mut Vec<Command>,
) {
    let Some(detail) = state.screen.detail_mut() else {
        return;
    };
    if slot == Slot::Issue {
        match result {
            Ok(Response::Issue(issue)) => {
                let issue: std::sync::Arc<Issue> = std::sync::Arc::from(issue);
                let unchanged = !detail.partial && detail.issue.as_deref() == Some(&*issue);
                detail.phase = Phase::Idle;
                state.prefetch.cache.put(issue.clone());
                if unchanged {
                    // Shown already (kept from before): nothing to lay out again.
                    relayout::after_move(state, out);
                    return;
                }
                detail.issue = Some(issue);
                detail.partial = false;
                detail.comments_error = None;
                detail.version = id.0;
            }
            Ok(_) => {}
            Err(e) => detail.phase = Phase::Failed(Notice::from(&e)),
        }
    } else {
        match result {
            Ok(Response::Comments(page)) => {
                // Unshared: no layout job holds the issue while comments load.
                if let Some(mine) = detail
                    .issue
                    .as_mut()
                    .map(std::sync::Arc::make_mut)
                    .and_then(|i| i.fields.comment.as_mut())
                {
                    let before = mine.comments.len();
                    let mut seen: std::collections::HashSet<String> =
                        mine.comments.iter().map(|m| m.id.clone()).collect();
                    for c in page.comments {
                        // A comment added meanwhile shifts the pages: never show one twice.
                        if seen.insert(c.id.clone()) {
                            mine.comments.push(c);
                        }
                    }
                    mine.total = if mine.comments.len() == before {
                        // Nothing new: the site has no more to give, whatever it counted.
                        mine.comments.len() as u64
                    } else {
                        page.total.max(mine.comments.len() as u64)
                    };
                }
                detail.version = id.0;
            }
            Ok(_) => {}
            Err(e) => detail.comments_error = Some(Notice::from(&e)),
        }
    }
    relayout::after_move(state, out);
}
