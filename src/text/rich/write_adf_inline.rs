//! Inline content of the rich-text model → ADF inline nodes (text with marks, mentions, hard
//! breaks), and the small inline rewrites the block writers share.

use serde_json::{Value, json};

use super::model::{Block, Inline, Marks, block_text};
use super::write_adf::MentionIds;

/// ADF inline nodes for inlines; a hard break at the end (which shows nothing) is dropped.
pub(super) fn inlines(inlines: &[Inline], ids: MentionIds<'_>) -> Vec<Value> {
    let mut out = Vec::new();
    for inline in inlines {
        write(inline, None, ids, &mut out);
    }
    // A hard break at the end shows nothing; ADF editors drop it too.
    while out.last().is_some_and(|n| n["type"] == "hardBreak") {
        out.pop();
    }
    out
}

/// Appends the nodes of one inline; text inside a link carries its link mark.
fn write(inline: &Inline, link: Option<&str>, ids: MentionIds<'_>, out: &mut Vec<Value>) {
    match inline {
        Inline::Text { text, marks } => {
            for (i, line) in text.split('\n').enumerate() {
                if i > 0 {
                    out.push(json!({"type": "hardBreak"}));
                }
                if !line.is_empty() {
                    push_text(out, line, adf_marks(marks, link));
                }
            }
        }
        Inline::Link { url, content } => {
            for inner in content {
                write(inner, Some(link.unwrap_or(url)), ids, out);
            }
        }
        Inline::Mention { name } => match ids(name) {
            Some(id) => out
                .push(json!({"type": "mention", "attrs": {"id": id, "text": format!("@{name}")}})),
            None => write(&text_of(format!("@{name}")), link, ids, out),
        },
        Inline::SmartLink { url } => write(&text_of(url.clone()), Some(url), ids, out),
        Inline::Emoji { text } | Inline::Date { text } | Inline::Status { text, .. } => {
            write(&text_of(text.clone()), link, ids, out);
        }
        Inline::Attachment { name } => write(&text_of(name.clone()), link, ids, out),
        Inline::HardBreak => out.push(json!({"type": "hardBreak"})),
    }
}

/// Appends a text node, joined to the text node before it when their marks are the same.
fn push_text(out: &mut Vec<Value>, text: &str, marks: Vec<Value>) {
    if let Some(last) = out.last_mut()
        && last["type"] == "text"
        && last
            .get("marks")
            .map_or(marks.is_empty(), |m| *m == Value::Array(marks.clone()))
        && let Some(Value::String(before)) = last.get_mut("text")
    {
        before.push_str(text);
        return;
    }
    let mut node = json!({"type": "text", "text": text});
    if !marks.is_empty() {
        node["marks"] = Value::Array(marks);
    }
    out.push(node);
}

/// Plain text as an inline.
pub(super) fn text_of(text: String) -> Inline {
    Inline::Text {
        text,
        marks: Marks::default(),
    }
}

/// The inlines with every text in bold (a heading where ADF allows none).
pub(super) fn bold(inlines: &[Inline]) -> Vec<Inline> {
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::Text { text, marks } => Inline::Text {
                text: text.clone(),
                marks: Marks {
                    bold: true,
                    ..*marks
                },
            },
            Inline::Link { url, content } => Inline::Link {
                url: url.clone(),
                content: bold(content),
            },
            other => other.clone(),
        })
        .collect()
}

/// A block as inline content (for a task item, which holds only inlines; for a wiki list
/// item or table cell, which hold one line).
pub(super) fn flat(block: &Block) -> Vec<Inline> {
    match block {
        Block::Paragraph(inlines)
        | Block::Heading {
            content: inlines, ..
        } => inlines.clone(),
        Block::Code { text, .. } => vec![Inline::Text {
            text: text.clone(),
            marks: Marks {
                code: true,
                ..Marks::default()
            },
        }],
        other => vec![text_of(block_text(other))],
    }
}

/// ADF marks for model marks. Code combines only with a link in ADF, so code drops the rest.
fn adf_marks(marks: &Marks, link: Option<&str>) -> Vec<Value> {
    let mut out = Vec::new();
    if marks.code {
        out.push(json!({"type": "code"}));
    } else {
        for (on, kind) in [
            (marks.bold, "strong"),
            (marks.italic, "em"),
            (marks.strike, "strike"),
            (marks.underline, "underline"),
        ] {
            if on {
                out.push(json!({"type": kind}));
            }
        }
        if marks.sub || marks.sup {
            let kind = if marks.sub { "sub" } else { "sup" };
            out.push(json!({"type": "subsup", "attrs": {"type": kind}}));
        }
        if let Some((r, g, b)) = marks.color {
            out.push(
                json!({"type": "textColor", "attrs": {"color": format!("#{r:02x}{g:02x}{b:02x}")}}),
            );
        }
    }
    if let Some(href) = link {
        out.push(json!({"type": "link", "attrs": {"href": href}}));
    }
    out
}
