//! The detail screen's layout: the issue laid out for the screen (its fields, related issues,
//! custom fields, attachments, description and comments, links numbered across all bodies),
//! kept with the stamp of what it was built for so that frames only draw it.
//!
//! A small issue is laid out at once, on the UI path. One whose bodies are big (a huge table,
//! thousands of comments or links) is laid out by a [`LayoutJob`] on a blocking thread; its
//! result comes back as a message and is kept if it still fits the view (same issue version,
//! same width), else dropped. Meanwhile the screen shows the issue's header — key, summary,
//! status — and "Laying out…".

mod build;
mod fields;

use super::state::{DetailView, State};
use crate::jira::{Issue, RichText};
use chrono::{DateTime, Utc};

pub use build::build;

/// Bodies up to this much text (bytes of strings, plus a little per ADF node) are laid out on
/// the UI path; measured, that takes well under a frame (a 22 kB description with 20
/// comments: 7.8 ms in a release build).
pub const INLINE_TEXT_MAX: usize = 32 * 1024;

/// What a detail layout depends on besides the issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutStamp {
    /// [`DetailView::version`].
    pub version: u64,
    /// Body width in columns.
    pub width: u16,
    /// The related issue highlighted.
    pub related: Option<usize>,
    /// The minute relative times are shown against.
    pub minute: i64,
    /// More comments are being loaded.
    pub comments_loading: bool,
    /// Loading more comments failed.
    pub comments_failed: bool,
}

/// An issue laid out: its lines, its links numbered from 1, and where link text is.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DetailLayout {
    /// What it was built for (None: not built — empty, or the header shown while laying out).
    pub stamp: Option<LayoutStamp>,
    /// What a layout being built on a blocking thread is for (at most one at a time).
    pub pending: Option<LayoutStamp>,
    /// The lines.
    pub lines: Vec<ratatui::text::Line<'static>>,
    /// Every link's URL; `links[0]` is shown as `[1]`.
    pub links: Vec<String>,
    /// Where link text is in `lines` (for OSC 8 hyperlinks).
    pub anchors: Vec<crate::text::rich::LinkAnchor>,
}

impl DetailLayout {
    /// Whether these lines show what `stamp` asks for, though perhaps not in every detail: the
    /// same issue version at the same width (a highlight or a relative time may be behind).
    pub fn shows(&self, stamp: LayoutStamp) -> bool {
        self.stamp
            .is_some_and(|s| s.version == stamp.version && s.width == stamp.width)
    }
}

impl DetailLayout {
    /// The size `(width, height)` of the detail body (the issue's lines) on a screen of
    /// `screen` columns and rows: the screen less a column each side, the header (2 rows) and
    /// the status line. The one size both laying out and drawing use.
    pub fn body_size(screen: (u16, u16)) -> (u16, u16) {
        (screen.0.saturating_sub(2), screen.1.saturating_sub(3))
    }
}

impl DetailView {
    /// What the layout must be built for now, at body width `width` and time `now`, with more
    /// comments loading or not.
    pub fn stamp(&self, width: u16, now: DateTime<Utc>, comments_loading: bool) -> LayoutStamp {
        LayoutStamp {
            version: self.version,
            width,
            related: self.related,
            minute: now.timestamp().div_euclid(60),
            comments_loading,
            comments_failed: self.comments_error.is_some(),
        }
    }
}

/// How far the detail view can scroll: its line count less the body height (0 while nothing
/// is laid out).
pub fn max_scroll(state: &State) -> usize {
    let (_, height) = DetailLayout::body_size(state.size);
    let lines = state.detail().map_or(0, |d| d.layout.lines.len());
    lines.saturating_sub(height as usize)
}

/// Whether laying `issue` out may take longer than a frame: its bodies hold more than
/// [`INLINE_TEXT_MAX`] of text. Measuring stops there, so this costs little whatever the size.
pub fn is_heavy(issue: &Issue) -> bool {
    let mut size = 0usize;
    let bodies = issue.fields.description.iter().chain(
        issue
            .fields
            .comment
            .iter()
            .flat_map(|page| page.comments.iter().filter_map(|c| c.body.as_ref())),
    );
    for body in bodies {
        size += match body {
            RichText::Wiki(s) => s.len(),
            RichText::Adf(v) => adf_size(v, INLINE_TEXT_MAX + 1 - size.min(INLINE_TEXT_MAX)),
        };
        if size > INLINE_TEXT_MAX {
            return true;
        }
    }
    false
}

/// The bytes of an ADF value's strings plus 16 a node, counted up to just past `limit`.
fn adf_size(value: &serde_json::Value, limit: usize) -> usize {
    use serde_json::Value;
    let mut size = 0usize;
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        size += 16;
        match v {
            Value::String(s) => size += s.len(),
            Value::Array(items) => stack.extend(items),
            Value::Object(map) => stack.extend(map.values()),
            Value::Null | Value::Bool(_) | Value::Number(_) => {}
        }
        if size > limit {
            break;
        }
    }
    size
}

/// What a layout is built from, owned, so that it can be built on another thread.
#[derive(Debug, Clone)]
pub struct LayoutJob {
    input: build::Input,
}

impl LayoutJob {
    /// The layout of `view` at body width `width`, relative times against `now`, with more
    /// comments loading or not, to be built.
    pub fn new(view: &DetailView, now: DateTime<Utc>, width: u16, comments_loading: bool) -> Self {
        LayoutJob {
            input: build::Input::of(view, now, width, comments_loading),
        }
    }

    /// What it is for.
    pub fn stamp(&self) -> LayoutStamp {
        self.input.stamp
    }

    /// Builds the layout (slow for a big issue: run it off the UI thread). The issue is let go
    /// before the layout is handed back.
    pub fn run(self) -> DetailLayout {
        self.input.build()
    }
}

/// The header of `view` (key, summary, status) and "Laying out…", shown while a big issue is
/// laid out off the UI thread.
pub fn placeholder(view: &DetailView, width: u16) -> DetailLayout {
    DetailLayout {
        lines: build::header(view.issue.as_deref(), &view.key, width),
        ..DetailLayout::default()
    }
}

#[cfg(test)]
mod tests;
