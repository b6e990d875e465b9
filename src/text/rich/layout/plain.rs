//! The plain-text rendering: the layout without styles, then the numbered link list.

use ratatui::style::Style;
use ratatui::text::Line;

use super::{hard_wrap, layout_numbered};
use crate::text::rich::inline::push_text;
use crate::text::rich::model::Doc;
use crate::text::rich::numbering::{LineBudget, LinkNumbers};
use crate::text::rich::theme::Theme;

/// The document as plain text at `width` columns: the same layout without styles, then the
/// numbered link list. Lines are joined with `\n`; trailing spaces are trimmed.
pub fn to_plain(doc: &Doc, width: usize) -> String {
    to_plain_within(doc, width, &mut LineBudget::default())
}

/// [`to_plain`] taking its lines from `budget`, shared by the documents of one view (an issue's
/// description and comments) so that the whole view stays within
/// [`MAX_LINES`](crate::text::rich::MAX_LINES).
pub fn to_plain_within(doc: &Doc, width: usize, budget: &mut LineBudget) -> String {
    let mut links = LinkNumbers::default();
    let rendered = layout_numbered(doc, width, &Theme::plain(), &mut links, budget);
    let mut lines: Vec<String> = rendered.lines.iter().map(line_text).collect();
    if !links.is_empty() {
        lines.push(String::new());
        for (i, url) in links.urls().iter().enumerate() {
            let mut atoms = Vec::new();
            push_text(
                &mut atoms,
                &format!("[{}] {url}", i + 1),
                Style::new(),
                None,
            );
            let rows = hard_wrap(&atoms, width.max(1));
            lines.extend(rows.into_iter().map(|r| line_text(&r.into_line())));
        }
    }
    lines.join("\n")
}

/// A line's text with trailing spaces removed.
pub fn line_text(line: &Line<'_>) -> String {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    text.trim_end().to_string()
}
