//! The inline run of the block being read: text (split into mentions when it is done), the
//! marks that open tags switch on, and open links.

use super::mentions::split_mentions;
use crate::text::rich::{Inline, Marks};

/// An inline tag that switches a mark on, as an index into `Run::marks`.
#[derive(Clone, Copy)]
pub(super) enum Mark {
    Em,
    Strong,
    Strike,
    Sup,
    Sub,
}

pub(super) struct Run<'n> {
    /// The people `@Name` may mention, longest name first.
    names: &'n [&'n str],
    /// Inline content so far.
    inlines: Vec<Inline>,
    /// Text not yet split into mentions, and its marks.
    text: String,
    text_marks: Marks,
    /// Open links and images: the target, and the inlines read before the link.
    links: Vec<(String, Vec<Inline>)>,
    /// How many emphasis, strong, strike, superscript and subscript tags are open.
    marks: [usize; 5],
}

impl<'n> Run<'n> {
    pub(super) fn new(names: &'n [&'n str]) -> Self {
        Run {
            names,
            inlines: Vec::new(),
            text: String::new(),
            text_marks: Marks::default(),
            links: Vec::new(),
            marks: [0; 5],
        }
    }

    /// The inline content so far, taken out (pending text included).
    pub(super) fn take(&mut self) -> Vec<Inline> {
        self.flush_text();
        std::mem::take(&mut self.inlines)
    }

    /// Puts taken content back.
    pub(super) fn restore(&mut self, inlines: Vec<Inline>) {
        self.inlines = inlines;
    }

    pub(super) fn current_marks(&self) -> Marks {
        Marks {
            italic: self.marks[Mark::Em as usize] > 0,
            bold: self.marks[Mark::Strong as usize] > 0,
            strike: self.marks[Mark::Strike as usize] > 0,
            sup: self.marks[Mark::Sup as usize] > 0,
            sub: self.marks[Mark::Sub as usize] > 0,
            ..Marks::default()
        }
    }

    pub(super) fn mark(&mut self, which: Mark, delta: isize) {
        self.flush_text();
        if let Some(count) = self.marks.get_mut(which as usize) {
            *count = count.saturating_add_signed(delta);
        }
    }

    pub(super) fn push_text(&mut self, s: &str) {
        let marks = self.current_marks();
        if marks != self.text_marks {
            self.flush_text();
            self.text_marks = marks;
        }
        self.text.push_str(s);
    }

    /// Splits the pending text into text, mentions and bare links.
    pub(super) fn flush_text(&mut self) {
        if self.text.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.text);
        let marks = self.text_marks;
        let after_word = match self.inlines.last() {
            Some(Inline::Text { text, .. }) => {
                text.chars().last().is_some_and(char::is_alphanumeric)
            }
            _ => false,
        };
        // Inside a link the text is the link's: no mentions, no links in it.
        let outside = self.links.is_empty();
        let names = if outside { self.names } else { &[] };
        for inline in split_mentions(&text, marks, names, outside, after_word) {
            self.push_inline(inline);
        }
    }

    /// Appends an inline, joining text with the text before it when the marks match.
    pub(super) fn push_inline(&mut self, inline: Inline) {
        if let (
            Some(Inline::Text { text, marks }),
            Inline::Text {
                text: more,
                marks: more_marks,
            },
        ) = (self.inlines.last_mut(), &inline)
            && marks == more_marks
        {
            text.push_str(more);
            return;
        }
        self.inlines.push(inline);
    }

    pub(super) fn open_link(&mut self, url: String) {
        self.flush_text();
        let before = std::mem::take(&mut self.inlines);
        self.links.push((url, before));
    }

    pub(super) fn close_link(&mut self) {
        self.flush_text();
        let Some((url, before)) = self.links.pop() else {
            return;
        };
        let mut content = std::mem::replace(&mut self.inlines, before);
        if content.is_empty() {
            content.push(Inline::Text {
                text: url.clone(),
                marks: self.current_marks(),
            });
        }
        self.inlines.push(Inline::Link { url, content });
    }
}
