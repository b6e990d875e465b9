//! Link numbers shared by the documents of one view, and how much of them is laid out.
//!
//! Numbering is a map from URL to number, so a view with 100,000 links numbers them in linear
//! time; the line budget keeps what a hostile issue makes jiratty hold proportional to what it
//! shows.

use std::collections::HashMap;

use super::model::Inline;
use crate::text::sanitize_line;

/// Lines laid out for one view (a description and its comments, or one document) at most;
/// what comes after is summarised in one line.
pub const MAX_LINES: usize = 100_000;
/// Characters of one paragraph laid out at most; the rest is counted in a line of its own.
pub const MAX_PARAGRAPH_CHARS: usize = 32_768;
/// Rows of one table laid out at most; the rest is counted in a line of its own.
pub const MAX_TABLE_ROWS: usize = 500;

/// Links numbered in order of first appearance: the same URL keeps its number.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkNumbers {
    urls: Vec<String>,
    numbers: HashMap<String, usize>,
}

impl LinkNumbers {
    /// The number (0-based) of `url` (sanitised and trimmed first), allocating one on first
    /// sight.
    pub fn number(&mut self, url: &str) -> usize {
        let url = sanitize_line(url).trim().to_string();
        if let Some(&n) = self.numbers.get(&url) {
            return n;
        }
        let n = self.urls.len();
        self.numbers.insert(url.clone(), n);
        self.urls.push(url);
        n
    }

    /// How many links are numbered.
    pub fn len(&self) -> usize {
        self.urls.len()
    }

    /// Whether no link is numbered.
    pub fn is_empty(&self) -> bool {
        self.urls.is_empty()
    }

    /// The URLs in number order: `urls()[0]` is `[1]`.
    pub fn urls(&self) -> &[String] {
        &self.urls
    }

    /// The URLs in number order, for keeping.
    pub fn into_urls(self) -> Vec<String> {
        self.urls
    }
}

/// How many more lines one view may lay out ([`MAX_LINES`] to begin with).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineBudget {
    /// Lines left.
    pub left: usize,
    /// Whether something was left out for want of lines.
    pub exhausted: bool,
}

impl Default for LineBudget {
    fn default() -> Self {
        LineBudget::new(MAX_LINES)
    }
}

impl LineBudget {
    /// A budget of `lines`.
    pub fn new(lines: usize) -> Self {
        LineBudget {
            left: lines,
            exhausted: false,
        }
    }

    /// Whether no line is left.
    pub fn is_spent(&self) -> bool {
        self.left == 0
    }

    /// Takes up to `wanted` lines; returns how many may be laid out.
    pub fn take(&mut self, wanted: usize) -> usize {
        let granted = wanted.min(self.left);
        if granted < wanted {
            self.exhausted = true;
        }
        self.left -= granted;
        granted
    }
}

/// The characters a paragraph may still lay out, and those it left out.
pub(super) struct Room {
    pub left: usize,
    pub left_out: usize,
}

impl Room {
    /// `text`, cut where the room ends (the rest counted as left out).
    pub fn take<'s>(&mut self, text: &'s str) -> &'s str {
        match text.char_indices().nth(self.left) {
            Some((at, _)) => {
                self.left_out += text[at..].chars().count();
                self.left = 0;
                &text[..at]
            }
            None => {
                self.left -= text.chars().count();
                text
            }
        }
    }
}

/// The characters of an inline's text, nested content included.
pub(super) fn inline_chars(inline: &Inline) -> usize {
    let mut count = 0;
    let mut stack = vec![inline];
    while let Some(inline) = stack.pop() {
        match inline {
            Inline::Text { text, .. } => count += text.chars().count(),
            Inline::Link { content, .. } => stack.extend(content),
            Inline::Mention { name } | Inline::Attachment { name } => count += name.chars().count(),
            Inline::Emoji { text } | Inline::Date { text } | Inline::Status { text, .. } => {
                count += text.chars().count()
            }
            Inline::SmartLink { url } => count += url.chars().count(),
            Inline::HardBreak => {}
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_keeps_its_number_and_numbering_is_linear() {
        let mut links = LinkNumbers::default();
        assert_eq!(links.number("https://a.test"), 0);
        assert_eq!(links.number(" https://b.test "), 1);
        assert_eq!(links.number("https://a.test"), 0);
        assert_eq!(links.number("https://b.test"), 1);
        assert_eq!(links.urls(), ["https://a.test", "https://b.test"]);
        // 200,000 distinct URLs: a quadratic numbering takes minutes here, this one moments.
        for i in 0..200_000 {
            links.number(&format!("https://x.test/{i}"));
        }
        assert_eq!(links.len(), 200_002);
        assert_eq!(links.number("https://x.test/199999"), 200_001);
    }

    #[test]
    fn the_budget_grants_what_is_left_and_remembers_a_cut() {
        let mut budget = LineBudget::new(5);
        assert_eq!(budget.take(3), 3);
        assert!(!budget.exhausted);
        assert_eq!(budget.take(3), 2);
        assert!(budget.exhausted && budget.is_spent());
        assert_eq!(budget.take(1), 0);
    }
}
