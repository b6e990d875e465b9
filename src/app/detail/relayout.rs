//! Keeping the detail's layout and scroll in step with what it shows: the layout rebuilt when
//! the issue, its comments, the width, the related issue chosen or the minute change (at once
//! for a small issue, on a blocking thread for a big one), the scroll kept within it, and more
//! comments asked for as their end comes near.

use super::{COMMENTS_PAGE, MAX_COMMENTS};
use crate::app::detail_layout::{self, LayoutJob};
use crate::app::msg::Command;
use crate::app::state::{DetailLayout, Slot, State};
use crate::worker::RequestKind;

/// Scrolls by `lines` (negative: up), as the mouse wheel does.
pub fn scroll_by(state: &mut State, lines: i32, out: &mut Vec<Command>) {
    if let Some(d) = state.screen.detail_mut() {
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
    let (width, _) = DetailLayout::body_size(state.size);
    let now = state.now;
    let loading = state.requests.contains(Slot::Comments);
    let issue_loading = state.requests.contains(Slot::Issue);
    let Some(d) = state.screen.detail_mut() else {
        return;
    };
    if !d.layout.shows(d.stamp(width, now, loading)) {
        return;
    }
    d.scroll = d.scroll.min(max);
    let (loaded, total) = d.comment_counts();
    // Near the end: within two screens of the last line.
    let near_end = d.scroll.saturating_add(page.saturating_mul(2)) >= max;
    if d.issue.is_some()
        && (loaded as u64) < total
        && loaded < MAX_COMMENTS
        && !loading
        && d.comments_error.is_none()
        && !issue_loading
        && d.layout.pending.is_none()
        && near_end
    {
        let key = d.key.clone();
        state.request(
            Slot::Comments,
            RequestKind::Comments {
                key,
                start_at: loaded as u64,
                max_results: COMMENTS_PAGE,
            },
            out,
        );
        refresh_layout(state, out);
    }
}

/// Brings the kept layout up to date when what it shows has changed (issue, comments, width,
/// the related issue chosen, the minute relative times count from): at once for a small
/// issue; for a big one by a [`Command::LayOut`], one at a time, the header shown meanwhile
/// unless the kept lines still show the right issue version at the right width.
pub fn refresh_layout(state: &mut State, out: &mut Vec<Command>) {
    let (width, _) = DetailLayout::body_size(state.size);
    let now = state.now;
    let loading = state.requests.contains(Slot::Comments);
    let Some(d) = state.screen.detail_mut() else {
        return;
    };
    let stamp = d.stamp(width, now, loading);
    if d.layout.stamp == Some(stamp) || d.layout.pending.is_some() {
        // Up to date, or a layout is being built: its answer comes back here.
        return;
    }
    let heavy = d.issue.as_deref().is_some_and(detail_layout::is_heavy);
    if !heavy {
        d.layout = detail_layout::build(d, now, width, loading);
        return;
    }
    if loading && d.layout.shows(stamp) {
        // The status line says comments are loading; the new ones bring a new layout. (No
        // job holds the issue meanwhile, so they are added to it without a copy.)
        return;
    }
    let job = LayoutJob::new(d, now, width, loading);
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
    let (width, _) = DetailLayout::body_size(state.size);
    let now = state.now;
    let loading = state.requests.contains(Slot::Comments);
    let Some(d) = state.screen.detail_mut() else {
        return;
    };
    if layout.stamp.is_none() || d.layout.pending != layout.stamp {
        // Not the one this view waits for (an earlier view's, say).
        return;
    }
    d.layout.pending = None;
    if layout.shows(d.stamp(width, now, loading)) {
        d.layout = layout;
    }
    after_move(state, out);
}
