//! The detail screen's part of `update`: scrolling, related issues and the way back, comments
//! loaded on demand (at most [`MAX_COMMENTS`] of one issue), numbered links opened with a key,
//! and the layout kept for the view — built here for a small issue, on a blocking thread for a
//! big one (see [`super::detail_layout`]).

use super::detail_layout::{self, LayoutJob};
use super::input::{Edit, LineInput};
use super::keymap::{Action, Context};
use super::msg::Command;
use super::state::*;
use super::update::{send, share};
use crate::jira::JiraError;
use crate::worker::{RequestId, RequestKind, Response};
use crossterm::event::{KeyCode, KeyEvent};

/// Comments asked for per page when more are loaded.
pub const COMMENTS_PAGE: u32 = 50;
/// Comments one issue view loads at most (a site may claim any total and answer every page);
/// the view says how many it did not load.
pub const MAX_COMMENTS: usize = 3_000;

/// Opens issue `key`; `back` is the way back (Esc returns along it).
pub fn open(state: &mut State, key: String, back: Vec<String>, out: &mut Vec<Command>) {
    let id = send(state, RequestKind::Issue { key: key.clone() }, out);
    state.detail = Some(DetailView::new(key, id, back));
    state.screen = Screen::Detail;
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
    let Some(detail) = state.detail.as_mut() else {
        state.screen = Screen::List;
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
                    state.screen = Screen::List;
                    state.detail = None;
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
            open(state, key, back, out);
        }
        Action::OpenLink => ask_link(state, out),
        Action::Quit => state.quit = true,
        Action::Query => super::update::open_query(state),
        Action::Help => state.overlay = Overlay::Help,
        Action::OpenInBrowser | Action::CopyKey | Action::CopyUrl => {
            let key = detail.key.clone();
            share(state, action, &key, out);
        }
        Action::Filters => super::filters::open(state, out),
        Action::QuickFilter
        | Action::SaveFilter
        | Action::Rename
        | Action::Delete
        | Action::CopyFilter
        | Action::Publish => {}
    }
    after_move(state, out);
}

/// Scrolls by `lines` (negative: up), as the mouse wheel does.
pub fn scroll_by(state: &mut State, lines: i32, out: &mut Vec<Command>) {
    if let Some(d) = state.detail.as_mut() {
        d.scroll = d
            .scroll
            .saturating_add_signed(lines.clamp(-100, 100) as isize);
    }
    after_move(state, out);
}

/// After any change of size or position: the scroll stays within the content (so scrolling
/// back up answers at once), and more comments load once their end comes near. While the
/// issue is being laid out neither happens: the end is not known yet.
pub fn after_move(state: &mut State, out: &mut Vec<Command>) {
    refresh_layout(state, out);
    let max = detail_layout::max_scroll(state);
    let page = state.list_height();
    let (width, _) = detail_layout::body_size(state.size);
    let now = state.now;
    let Some(d) = state.detail.as_mut() else {
        return;
    };
    if !d.layout.shows(d.stamp(width, now)) {
        return;
    }
    d.scroll = d.scroll.min(max);
    let (loaded, total) = d.comment_counts();
    // Near the end: within two screens of the last line.
    let near_end = d.scroll.saturating_add(page.saturating_mul(2)) >= max;
    if d.issue.is_some()
        && (loaded as u64) < total
        && loaded < MAX_COMMENTS
        && d.comments_request.is_none()
        && d.comments_error.is_none()
        && d.request.is_none()
        && d.layout.pending.is_none()
        && near_end
    {
        let key = d.key.clone();
        let id = send(
            state,
            RequestKind::Comments {
                key,
                start_at: loaded as u64,
                max_results: COMMENTS_PAGE,
            },
            out,
        );
        if let Some(d) = state.detail.as_mut() {
            d.comments_request = Some(id);
        }
        refresh_layout(state, out);
    }
}

/// Brings the kept layout up to date when what it shows has changed (issue, comments, width,
/// the related issue chosen, the minute relative times count from): at once for a small
/// issue; for a big one by a [`Command::LayOut`], one at a time, the header shown meanwhile
/// unless the kept lines still show the right issue version at the right width.
pub fn refresh_layout(state: &mut State, out: &mut Vec<Command>) {
    let (width, _) = detail_layout::body_size(state.size);
    let now = state.now;
    let Some(d) = state.detail.as_mut() else {
        return;
    };
    let stamp = d.stamp(width, now);
    if d.layout.stamp == Some(stamp) || d.layout.pending.is_some() {
        // Up to date, or a layout is being built: its answer comes back here.
        return;
    }
    let heavy = d.issue.as_deref().is_some_and(detail_layout::is_heavy);
    if !heavy {
        d.layout = detail_layout::build(d, now, width);
        return;
    }
    if d.comments_request.is_some() && d.layout.shows(stamp) {
        // The status line says comments are loading; the new ones bring a new layout. (No
        // job holds the issue meanwhile, so they are added to it without a copy.)
        return;
    }
    let job = LayoutJob::new(d, now, width);
    if !d.layout.shows(stamp) {
        d.layout = detail_layout::placeholder(d, width);
    }
    d.layout.pending = Some(stamp);
    out.push(Command::LayOut(Box::new(job)));
}

/// A layout built off the UI thread arrived: kept if it shows the view's issue version at its
/// width, else dropped (the issue changed, or the window did, meanwhile); a newer one is
/// started when needed.
pub fn on_laid_out(state: &mut State, layout: DetailLayout, out: &mut Vec<Command>) {
    let (width, _) = detail_layout::body_size(state.size);
    let now = state.now;
    let Some(d) = state.detail.as_mut() else {
        return;
    };
    if layout.stamp.is_none() || d.layout.pending != layout.stamp {
        // Not the one this view waits for (an earlier view's, say).
        return;
    }
    d.layout.pending = None;
    if layout.shows(d.stamp(width, now)) {
        d.layout = layout;
    }
    after_move(state, out);
}

/// Whether request `id` is the detail's (the issue or more comments).
pub fn waits_for(state: &State, id: RequestId) -> bool {
    state
        .detail
        .as_ref()
        .is_some_and(|d| d.request == Some(id) || d.comments_request == Some(id))
}

/// The worker answered one of the detail's requests (see [`waits_for`]).
pub fn on_worker(
    state: &mut State,
    id: RequestId,
    result: Result<Response, JiraError>,
    out: &mut Vec<Command>,
) {
    let Some(detail) = state.detail.as_mut() else {
        return;
    };
    if detail.request == Some(id) {
        detail.request = None;
        match result {
            Ok(Response::Issue(issue)) => {
                detail.issue = Some(std::sync::Arc::from(issue));
                detail.phase = Phase::Idle;
                detail.comments_error = None;
                detail.version = id.0;
            }
            Ok(_) => {}
            Err(e) => detail.phase = Phase::Failed(ErrorView::from(&e)),
        }
    } else if detail.comments_request == Some(id) {
        detail.comments_request = None;
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
            Err(e) => detail.comments_error = Some(ErrorView::from(&e)),
        }
    }
    after_move(state, out);
}

/// The issue's numbered links, from the kept layout (brought up to date first); None while it
/// is being laid out.
fn links<'s>(state: &'s mut State, out: &mut Vec<Command>) -> Option<&'s [String]> {
    refresh_layout(state, out);
    let (width, _) = detail_layout::body_size(state.size);
    let now = state.now;
    let d = state.detail.as_ref()?;
    d.layout
        .shows(d.stamp(width, now))
        .then_some(d.layout.links.as_slice())
}

/// Asks which numbered link to open.
fn ask_link(state: &mut State, out: &mut Vec<Command>) {
    let Some(count) = links(state, out).map(<[String]>::len) else {
        state.status_error = None;
        state.status_note = Some("The issue is still being laid out.".into());
        return;
    };
    if count == 0 {
        state.status_error = None;
        state.status_note = Some("This issue has no links.".into());
        return;
    }
    // One link: Enter alone opens it.
    let input = if count == 1 {
        LineInput::with_text("1")
    } else {
        LineInput::default()
    };
    state.overlay = Overlay::Prompt(Prompt {
        kind: PromptKind::OpenLink { count },
        input,
    });
}

/// A key in the "open link" prompt: digits, Enter opens, Esc cancels.
pub fn on_link_key(state: &mut State, key: KeyEvent, out: &mut Vec<Command>) {
    let Overlay::Prompt(p) = &mut state.overlay else {
        return;
    };
    match key.code {
        KeyCode::Esc => state.overlay = Overlay::None,
        KeyCode::Enter => {
            let typed = p.input.text().trim().to_string();
            state.overlay = Overlay::None;
            let links = links(state, out).unwrap_or_default();
            let count = links.len();
            let chosen = typed
                .parse::<usize>()
                .ok()
                .and_then(|n| links.get(n.checked_sub(1)?))
                .cloned();
            match chosen {
                Some(url) => open_link(state, &url, out),
                None => {
                    state.status_note = None;
                    state.status_error = Some(format!(
                        "There is no link {typed:?}: type a number from 1 to {count}."
                    ));
                }
            }
        }
        KeyCode::Char(c) if !c.is_ascii_digit() => {}
        _ => {
            let _: Edit = p.input.handle(&key);
        }
    }
}

/// Opens `url` in the browser, if it is a web or mail link (the links the terminal is given
/// as hyperlinks: the same predicate).
fn open_link(state: &mut State, url: &str, out: &mut Vec<Command>) {
    if crate::text::links::is_openable(url) {
        state.status_error = None;
        state.status_note = Some(format!("Opening {url}"));
        out.push(Command::OpenUrl(url.to_string()));
    } else {
        state.status_note = None;
        state.status_error = Some(format!(
            "jiratty opens only web and mail links, not {url:?}."
        ));
    }
}
