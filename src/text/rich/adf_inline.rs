//! ADF inline nodes and marks, tolerant accessors over raw ADF JSON, and the text of any
//! subtree (for degrading unknown or too-deep nodes).

use serde_json::Value;

use super::model::{Block, Inline, Marks, StatusColor, parse_color};

// The same tolerant accessors the ADF converters use.
pub(super) use crate::text::adf::node::{attr_int, attr_str as attr, is_inline, kind};

pub(super) fn children(node: &Value) -> &[Value] {
    node.get("content")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// A non-blank string attribute.
pub(super) fn attr_text<'a>(node: &'a Value, key: &str) -> Option<&'a str> {
    attr(node, key).filter(|s| !s.trim().is_empty())
}

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

/// Converts inline nodes; consecutive text with the same link mark becomes one link.
pub(super) fn inlines<'a>(nodes: impl Iterator<Item = &'a Value>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    for node in nodes {
        // A leaf inline (mention, status...) that carries content (malformed) keeps its text.
        let extra = (kind(node) != "text" && is_inline(node) && !children(node).is_empty())
            .then(|| text_inline(collect_text(&Value::Array(children(node).to_vec()))));
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
pub(super) fn inline(node: &Value) -> Option<(Inline, Option<String>)> {
    let plain = |text: String| Some((text_inline(text), None));
    if let Value::String(s) = node {
        return plain(s.clone());
    }
    let inline = match kind(node) {
        "text" => {
            let text = node.get("text").and_then(Value::as_str).unwrap_or("");
            let (marks, link) = marks_of(node);
            let mut text = text.to_string();
            // A text node that also has content (malformed) keeps that text too.
            if !children(node).is_empty() {
                text.push_str(&collect_text(&Value::Array(children(node).to_vec())));
            }
            return Some((Inline::Text { text, marks }, link));
        }
        "hardBreak" => Inline::HardBreak,
        "mention" => Inline::Mention {
            name: mention_name(node),
        },
        "emoji" => Inline::Emoji {
            text: attr_text(node, "text")
                .or_else(|| attr_text(node, "shortName"))
                .unwrap_or("")
                .to_string(),
        },
        "date" => Inline::Date {
            text: date_text(node),
        },
        "status" => Inline::Status {
            text: attr(node, "text").unwrap_or("").to_string(),
            color: StatusColor::from_name(attr(node, "color").unwrap_or("")),
        },
        "inlineCard" => match card_url(node) {
            Some(url) => Inline::SmartLink {
                url: url.to_string(),
            },
            None => return plain(collect_text(node)),
        },
        "mediaInline" => Inline::Attachment {
            name: media_name(node),
        },
        "inlineExtension" => return extension_text(node).map(|t| (t, None)),
        "placeholder" => Inline::Text {
            text: attr(node, "text").unwrap_or("").to_string(),
            marks: Marks {
                italic: true,
                ..Marks::default()
            },
        },
        _ => return plain(collect_text(node)),
    };
    Some((inline, None))
}

/// The marks of a text node, and the href of its link mark.
pub(super) fn marks_of(node: &Value) -> (Marks, Option<String>) {
    let mut marks = Marks::default();
    let mut link = None;
    let list = node.get("marks").and_then(Value::as_array);
    for mark in list.map(Vec::as_slice).unwrap_or(&[]) {
        match kind(mark) {
            "strong" => marks.bold = true,
            "em" => marks.italic = true,
            "strike" => marks.strike = true,
            "underline" => marks.underline = true,
            "code" => marks.code = true,
            "subsup" => match attr(mark, "type") {
                Some("sub") => marks.sub = true,
                Some("sup") => marks.sup = true,
                _ => {}
            },
            "textColor" => marks.color = attr(mark, "color").and_then(parse_color),
            "link" => link = attr_text(mark, "href").map(str::to_string),
            // annotation, alignment, indentation, breakout, unknown: nothing to show.
            _ => {}
        }
    }
    (marks, link)
}

pub(super) fn mention_name(node: &Value) -> String {
    match attr(node, "text").map(|t| t.trim().trim_start_matches('@')) {
        Some(t) if !t.is_empty() => t.to_string(),
        _ => attr(node, "id").unwrap_or("").to_string(),
    }
}

/// `attrs.timestamp` (epoch milliseconds) as `yyyy-MM-dd`; the raw value if it is not one.
pub(super) fn date_text(node: &Value) -> String {
    let raw = node.get("attrs").and_then(|a| a.get("timestamp"));
    let millis = match raw {
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(s)) => s.trim().parse::<i64>().ok(),
        _ => None,
    };
    match (
        millis.and_then(chrono::DateTime::from_timestamp_millis),
        raw,
    ) {
        (Some(date), _) => date.format("%Y-%m-%d").to_string(),
        (None, Some(Value::String(s))) => s.clone(),
        (None, Some(Value::Number(n))) => n.to_string(),
        _ => String::new(),
    }
}

pub(super) fn card_url(node: &Value) -> Option<&str> {
    attr_text(node, "url").or_else(|| {
        let data = node.get("attrs")?.get("data")?;
        data.get("url")
            .or_else(|| data.get("name"))
            .and_then(Value::as_str)
            .filter(|s| !s.trim().is_empty())
    })
}

pub(super) fn media_name(node: &Value) -> String {
    attr_text(node, "alt")
        .or_else(|| attr_text(node, "url"))
        .or_else(|| attr_text(node, "name"))
        .unwrap_or("attachment")
        .to_string()
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

/// All visible text of a subtree, walked without recursion; blocks are separated by spaces.
pub(super) fn collect_text(node: &Value) -> String {
    let mut out = String::new();
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        match node {
            Value::String(s) => out.push_str(s),
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(_) => {
                let k = kind(node);
                if k == "hardBreak" {
                    out.push('\n');
                    continue;
                }
                if !is_inline(node) && !out.is_empty() && !out.ends_with(char::is_whitespace) {
                    out.push(' ');
                }
                if let Some(text) = node.get("text").and_then(Value::as_str) {
                    out.push_str(text);
                }
                let label = match k {
                    "mention" => Some(format!("@{}", mention_name(node))),
                    "emoji" => attr_text(node, "text")
                        .or_else(|| attr_text(node, "shortName"))
                        .map(str::to_string),
                    "date" => Some(date_text(node)),
                    "status" | "placeholder" | "inlineExtension" | "extension" => {
                        attr_text(node, "text").map(str::to_string)
                    }
                    "inlineCard" | "blockCard" | "embedCard" => card_url(node).map(str::to_string),
                    "media" | "mediaInline" => Some(media_name(node)),
                    "expand" | "nestedExpand" => attr_text(node, "title").map(str::to_string),
                    _ => None,
                };
                if let Some(label) = label {
                    out.push_str(&label);
                }
                stack.extend(children(node).iter().rev());
            }
            _ => {}
        }
    }
    out
}
