//! One laid-out line under construction: styled spans, its display width, and where its
//! links are (for OSC 8 hyperlinks).

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// A link's position on a row: columns `start..end` show link number `link` (0-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Anchor {
    pub start: usize,
    pub end: usize,
    pub link: usize,
}

/// A line being built. Text pushed here must already be sanitised.
#[derive(Debug, Clone, Default)]
pub(super) struct Row {
    pub spans: Vec<Span<'static>>,
    pub width: usize,
    pub anchors: Vec<Anchor>,
}

impl Row {
    /// A row holding `text` in `style`.
    pub fn text(text: &str, style: Style) -> Row {
        let mut row = Row::default();
        row.push(text, text.width(), style, None);
        row
    }

    /// Appends text of display width `width` (measured by the caller).
    pub fn push(&mut self, text: &str, width: usize, style: Style, link: Option<usize>) {
        if let Some(link) = link {
            match self.anchors.last_mut() {
                Some(a) if a.link == link && a.end == self.width => a.end += width,
                _ => self.anchors.push(Anchor {
                    start: self.width,
                    end: self.width + width,
                    link,
                }),
            }
        }
        self.width += width;
        match self.spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push_str(text),
            _ => self.spans.push(Span::styled(text.to_string(), style)),
        }
    }

    /// Appends another row after this one.
    pub fn append(&mut self, other: Row) {
        let shift = self.width;
        self.anchors
            .extend(other.anchors.into_iter().map(|a| Anchor {
                start: a.start + shift,
                end: a.end + shift,
                link: a.link,
            }));
        self.width += other.width;
        for span in other.spans {
            match self.spans.last_mut() {
                Some(last) if last.style == span.style => {
                    last.content.to_mut().push_str(&span.content)
                }
                _ => self.spans.push(span),
            }
        }
    }

    /// This row with `prefix` (in `style`) in front.
    pub fn prefixed(self, prefix: &str, style: Style) -> Row {
        let mut row = Row::text(prefix, style);
        row.append(self);
        row
    }

    /// Pads with spaces to `width` columns.
    pub fn pad_to(&mut self, width: usize) {
        if self.width < width {
            let pad = " ".repeat(width - self.width);
            self.push(&pad, width - self.width, Style::default(), None);
        }
    }

    /// Adds `style` under every span's own style (e.g. bold for header cells).
    pub fn restyle(&mut self, style: Style) {
        for span in &mut self.spans {
            span.style = style.patch(span.style);
        }
    }

    /// The finished line.
    pub fn into_line(self) -> Line<'static> {
        Line::from(self.spans)
    }
}
