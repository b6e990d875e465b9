//! ADF inline nodes and marks → the rich-text model's inlines.

use serde_json::Value;

use super::node::{
    attr_str, attr_text, card_url, children, date_text, emoji_text, is_inline, kind, marks,
    media_name, mention_name, own_text,
};
use super::text::{Layout, text_of, text_of_all};
use crate::text::rich::model::{Block, Inline, Marks, StatusColor, parse_color};

pub(super) fn text_inline(text: String) -> Inline {
    Inline::Text {
        text,
        marks: Marks::default(),
    }
}

pub(super) fn text_paragraph(text: String, out: &mut Vec<Block>) {
    if !text.trim().is_empty() {
        out.push(Block::Paragraph(vec![text_inline(text)]));
    }
}

/// The text of a subtree as one run (for degrading too-deep or malformed nodes).
pub(super) fn run_text(node: &Value) -> String {
    text_of(node, Layout::Run)
}

/// Converts inline nodes; consecutive text with the same link mark becomes one link.
pub(super) fn inlines<'a>(nodes: impl Iterator<Item = &'a Value>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    for node in nodes {
        // A leaf inline (mention, status...) that carries content (malformed) keeps its text.
        let extra = (kind(node) != "text" && is_inline(node) && !children(node).is_empty())
            .then(|| text_inline(text_of_all(children(node), Layout::Run)));
        let Some((inline, link)) = inline(node) else {
            out.extend(extra);
            continue;
        };
        match link {
            None => out.push(inline),
            Some(url) => match out.last_mut() {
                Some(Inline::Link { url: last, content }) if *last == url => content.push(inline),
                _ => out.push(Inline::Link {
                    url,
                    content: vec![inline],
                }),
            },
        }
        out.extend(extra);
    }
    out
}

/// One inline node and the link its marks put it in, if any.
fn inline(node: &Value) -> Option<(Inline, Option<String>)> {
    let plain = |text: String| Some((text_inline(text), None));
    if let Value::String(s) = node {
        return plain(s.clone());
    }
    let inline = match kind(node) {
        "text" => {
            let (marks, link) = marks_of(node);
            let mut text = own_text(node).unwrap_or("").to_string();
            // A text node that also has content (malformed) keeps that text too.
            if !children(node).is_empty() {
                text.push_str(&text_of_all(children(node), Layout::Run));
            }
            return Some((Inline::Text { text, marks }, link));
        }
        "hardBreak" => Inline::HardBreak,
        "mention" => Inline::Mention {
            name: mention_name(node).to_string(),
        },
        "emoji" => Inline::Emoji {
            text: emoji_text(node).to_string(),
        },
        "date" => Inline::Date {
            text: date_text(node),
        },
        "status" => Inline::Status {
            text: attr_str(node, "text").unwrap_or("").to_string(),
            color: StatusColor::from_name(attr_str(node, "color").unwrap_or("")),
        },
        "inlineCard" => match card_url(node) {
            Some(url) => Inline::SmartLink {
                url: url.to_string(),
            },
            None => return plain(run_text(node)),
        },
        "mediaInline" => Inline::Attachment {
            name: media_name(node).unwrap_or("attachment").to_string(),
        },
        "inlineExtension" => return extension_text(node).map(|t| (t, None)),
        "placeholder" => Inline::Text {
            text: attr_str(node, "text").unwrap_or("").to_string(),
            marks: Marks {
                italic: true,
                ..Marks::default()
            },
        },
        _ => return plain(run_text(node)),
    };
    Some((inline, None))
}

/// The marks of a text node, and the href of its link mark.
fn marks_of(node: &Value) -> (Marks, Option<String>) {
    let mut out = Marks::default();
    let mut link = None;
    for mark in marks(node) {
        match kind(mark) {
            "strong" => out.bold = true,
            "em" => out.italic = true,
            "strike" => out.strike = true,
            "underline" => out.underline = true,
            "code" => out.code = true,
            "subsup" => match attr_str(mark, "type") {
                Some("sub") => out.sub = true,
                Some("sup") => out.sup = true,
                _ => {}
            },
            "textColor" => out.color = attr_str(mark, "color").and_then(parse_color),
            "link" => link = attr_text(mark, "href").map(str::to_string),
            // annotation, alignment, indentation, breakout, unknown: nothing to show.
            _ => {}
        }
    }
    (out, link)
}

/// The fallback text of an extension, or its key in brackets.
pub(super) fn extension_text(node: &Value) -> Option<Inline> {
    if let Some(text) = attr_text(node, "text") {
        return Some(text_inline(text.to_string()));
    }
    let key = attr_text(node, "extensionKey")?;
    Some(Inline::Text {
        text: format!("[{key}]"),
        marks: Marks {
            italic: true,
            ..Marks::default()
        },
    })
}
