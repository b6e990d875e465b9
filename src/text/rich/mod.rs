//! Rich text: one model for issue descriptions and comments, parsed from Atlassian Document
//! Format (Jira Cloud) or wiki markup (Jira Data Center), and laid out to a width as styled
//! ratatui lines or plain text.
//!
//! ```text
//! let doc = rich::from_adf(&value);          // or rich::from_wiki(&markup)
//! let out = rich::layout(&doc, 80, &rich::Theme::default());
//! // out.lines: Vec<Line<'static>>; out.links[n - 1] is the URL shown as `[n]`;
//! // out.anchors: where each link is, for OSC 8 hyperlinks.
//! let text = rich::to_plain(&doc, 80);       // for `--format text`
//! let adf = rich::write_adf(&doc, &ids);      // back out: ADF (Cloud) or wiki (Data Center),
//! let wiki = rich::write_wiki(&doc, &ids);    // `ids` naming the people mentioned
//! ```
//!
//! Every string from the document passes [`crate::text::sanitize`] on its way into a line.

pub(in crate::text) mod adf;
mod inline;
mod layout;
mod model;
mod numbering;
mod row;
mod table;
mod theme;
mod wiki;
mod wiki_inline;
mod wiki_text;
mod write_adf;
mod write_adf_inline;
mod write_wiki;
mod write_wiki_inline;

#[cfg(test)]
mod tests;

pub use adf::from_adf;
pub use adf::node::MAX_DEPTH as ADF_MAX_DEPTH;
pub use layout::{
    LinkAnchor, Rendered, layout, layout_numbered, line_text, to_plain, to_plain_within,
};
pub use model::{
    Block, Cell, Doc, Inline, List, ListItem, ListKind, Marks, PanelKind, StatusColor, Table,
    block_text, inline_text, parse_color,
};
pub use numbering::{LineBudget, LinkNumbers, MAX_LINES, MAX_PARAGRAPH_CHARS, MAX_TABLE_ROWS};
pub use theme::Theme;
pub use wiki::from_wiki;
pub use write_adf::{MentionIds, write_adf};
pub use write_wiki::write_wiki;
