//! Lays a [`Doc`] out to a width: styled ratatui lines, numbered links (with their positions,
//! for OSC 8 hyperlinks), and a plain-text variant for the CLI.
//!
//! Every string that reaches a line passes the sanitiser; no line is wider than the width
//! asked for (measured with unicode-width), whatever the nesting.

mod plain;
mod walk;

pub use plain::{line_text, to_plain, to_plain_within};

use ratatui::text::Line;

use super::model::{Doc, PanelKind};
use super::numbering::{LineBudget, LinkNumbers};
use super::row::Row;
use super::theme::Theme;
use crate::text::format::{thousands, truncate};
use crate::text::sanitize_line;

/// Block nesting laid out as structure; deeper blocks are shown as their plain text.
const MAX_DEPTH: usize = 48;
/// Gutters and indents are only drawn while at least this many columns remain for content.
const MIN_INNER: usize = 6;

/// Where a link is on screen: line `line`, columns `start..end`, link `links[link]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkAnchor {
    /// Index into [`Rendered::lines`].
    pub line: usize,
    /// First column (display width from the line start).
    pub start: usize,
    /// Column after the last.
    pub end: usize,
    /// Index into [`Rendered::links`] (the link shown as `[link + 1]`).
    pub link: usize,
}

/// A laid-out document.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The lines, none wider than the width asked for.
    pub lines: Vec<Line<'static>>,
    /// Every link's URL (sanitised), numbered from 1 in the text: `links[0]` is `[1]`. The same
    /// URL gets one number. (Empty from [`layout_numbered`], whose numbers stay in its
    /// [`LinkNumbers`].)
    pub links: Vec<String>,
    /// Where link text appears, for OSC 8 hyperlinks.
    pub anchors: Vec<LinkAnchor>,
}

/// Layout state: the theme, the links numbered so far and the lines left to lay out.
pub(super) struct Ctx<'t> {
    pub theme: &'t Theme,
    links: LinkNumbers,
    /// Lines left for this view; what does not fit is summarised.
    pub budget: LineBudget,
    /// How many bordered tables enclose the block being laid out.
    pub table_depth: usize,
    /// How many lists enclose the block being laid out (picks the bullet).
    list_level: usize,
}

impl Ctx<'_> {
    /// The number (0-based) of `url`, allocating one on first sight.
    pub fn link_id(&mut self, url: &str) -> usize {
        self.links.number(url)
    }

    /// A muted line saying what was left out (`… 1,234 more rows not shown`).
    pub fn note(&self, text: &str, width: usize) -> Row {
        Row::text(&truncate(&format!("… {text}"), width), self.theme.muted)
    }
}

/// Lays `doc` out to `width` columns (at least 1) with `theme`.
pub fn layout(doc: &Doc, width: usize, theme: &Theme) -> Rendered {
    let mut links = LinkNumbers::default();
    let mut rendered = layout_numbered(doc, width, theme, &mut links, &mut LineBudget::default());
    rendered.links = links.into_urls();
    rendered
}

/// Like [`layout`], numbering links on from `links` (the links of the documents laid out
/// before this one, so that one view of several documents has one numbering: a URL seen
/// before keeps its number) and taking its lines from `budget` (shared by the view, so that
/// the whole view stays within [`MAX_LINES`](super::MAX_LINES)). The numbers stay in
/// `links`; the result's `links` is empty.
pub fn layout_numbered(
    doc: &Doc,
    width: usize,
    theme: &Theme,
    links: &mut LinkNumbers,
    budget: &mut LineBudget,
) -> Rendered {
    let width = width.max(1);
    let mut ctx = Ctx {
        theme,
        links: std::mem::take(links),
        budget: *budget,
        table_depth: 0,
        list_level: 0,
    };
    let mut rows = ctx.blocks(&doc.blocks, width, false, 0);
    if ctx.budget.exhausted && !budget.exhausted {
        // Said once per view, where the cut happened.
        rows.push(ctx.note(
            &format!(
                "the rest is not shown (longer than {} lines)",
                thousands(super::MAX_LINES as u64)
            ),
            width,
        ));
    }
    *links = ctx.links;
    *budget = ctx.budget;
    let mut rendered = Rendered::default();
    for (line, row) in rows.into_iter().enumerate() {
        rendered
            .anchors
            .extend(row.anchors.iter().map(|a| LinkAnchor {
                line,
                start: a.start,
                end: a.end,
                link: a.link,
            }));
        rendered.lines.push(row.into_line());
    }
    rendered
}

/// The first line of a panel: its label and title (`Warning: Deploy freeze`).
pub(super) fn panel_title(kind: PanelKind, title: Option<&str>) -> String {
    let title = title.map(sanitize_line).filter(|t| !t.trim().is_empty());
    match (kind.label(), title) {
        ("", Some(t)) => t,
        ("", None) => String::new(),
        (label, Some(t)) => format!("{label}: {t}"),
        (label, None) => label.to_string(),
    }
}

/// Breaks atoms into rows of at most `width` columns by width alone (spaces kept).
fn hard_wrap(atoms: &[super::inline::Atom], width: usize) -> Vec<Row> {
    super::inline::hard_wrap(atoms, width)
}
