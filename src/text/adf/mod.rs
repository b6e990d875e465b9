//! Atlassian Document Format (ADF) converters for the demo server.
//!
//! The demo server stores rich text as ADF (what Jira Cloud's v3 API
//! speaks) and derives the other representations from it:
//!
//! * [`adf_to_wiki`] — Jira wiki markup, as the
//!   Data Center flavour and the v2 API serve it;
//! * [`adf_to_html`] / [`adf_to_html_with_users`] — HTML roughly like
//!   `expand=renderedFields`;
//! * [`adf_to_plain`] — plain text for search and plain `text` values.
//!
//! All converters accept any JSON value: unknown or malformed nodes keep
//! their text (`text` and `content` are walked) and never fail the whole
//! document; nothing panics. They read ADF through the same accessors, the
//! same nesting limit and the same plain-text extractor as the rich-text
//! parser (`text::rich::adf`).

mod html;
mod html_inline;
mod plain;
mod style;
mod wiki;
pub(in crate::text) mod wiki_escape;
mod wiki_inline;
mod wiki_list;
mod wiki_table;

#[cfg(test)]
mod content_check;
#[cfg(test)]
mod sample;
#[cfg(test)]
mod tests;

pub use html::{adf_to_html, adf_to_html_with_users};
pub use plain::adf_to_plain;
pub use wiki::adf_to_wiki;
