//! Atlassian Document Format (ADF, Jira Cloud's rich text) → the rich-text model.
//!
//! Accepts any JSON value. Every node and mark of ADF v1 is understood; unknown or malformed
//! nodes degrade to their text (their `text` and the text of their `content`), and nesting
//! deeper than [`MAX_DEPTH`](node::MAX_DEPTH) is flattened to text, so hostile documents
//! neither lose text, fail, nor overflow the stack. The accessors over raw ADF (`node`) and the
//! plain-text extractor (`text`) live here and serve the demo server's writers too.

use serde_json::Value;

mod inline;
pub(in crate::text) mod node;
pub(in crate::text) mod text;

use inline::{extension_text, inlines, run_text, text_paragraph};
use node::{
    MAX_DEPTH, attr_int, attr_str, attr_text, card_url, children, is_inline, kind, media_name,
    own_text,
};

use super::model::{Block, Cell, Doc, Inline, List, ListItem, ListKind, PanelKind, Table};
use super::numbering::MAX_TABLE_ROWS;

/// Converts an ADF document (or any ADF node, array of nodes, or garbage) to a [`Doc`].
pub fn from_adf(value: &Value) -> Doc {
    let mut blocks = Vec::new();
    push_block(value, 0, &mut blocks);
    Doc { blocks }
}

/// Converts a sequence of nodes, gathering runs of inline nodes into paragraphs.
fn push_blocks(nodes: &[Value], depth: usize, out: &mut Vec<Block>) {
    let mut run: Vec<&Value> = Vec::new();
    for node in nodes {
        if is_inline(node) {
            run.push(node);
            continue;
        }
        if !run.is_empty() {
            out.push(Block::Paragraph(inlines(run.drain(..))));
        }
        push_block(node, depth, out);
    }
    if !run.is_empty() {
        out.push(Block::Paragraph(inlines(run.into_iter())));
    }
}

fn blocks(nodes: &[Value], depth: usize) -> Vec<Block> {
    let mut out = Vec::new();
    push_blocks(nodes, depth, &mut out);
    out
}

fn push_block(node: &Value, depth: usize, out: &mut Vec<Block>) {
    if depth > MAX_DEPTH {
        return text_paragraph(run_text(node), out);
    }
    let d = depth + 1;
    match node {
        Value::Array(items) => return push_blocks(items, d, out),
        Value::String(s) => return text_paragraph(s.clone(), out),
        Value::Object(_) => {}
        _ => return,
    }
    let content = children(node);
    match kind(node) {
        "doc" | "layoutSection" | "layoutColumn" | "bodiedExtension" | "listItem" | "tableCell"
        | "tableHeader" | "caption" => push_blocks(content, d, out),
        "paragraph" => out.push(Block::Paragraph(inlines(content.iter()))),
        "heading" => out.push(Block::Heading {
            level: attr_int(node, "level").unwrap_or(1).clamp(1, 6) as u8,
            content: inlines(content.iter()),
        }),
        "bulletList" => out.push(list(node, ListKind::Bullet, d)),
        "orderedList" => {
            let start = attr_int(node, "order").unwrap_or(1).max(0) as u64;
            out.push(list(node, ListKind::Ordered { start }, d));
        }
        "taskList" | "taskItem" => out.push(list_of(node, ListKind::Task, d)),
        "decisionList" | "decisionItem" => out.push(list_of(node, ListKind::Decision, d)),
        "codeBlock" => out.push(Block::Code {
            language: attr_text(node, "language").map(str::to_string),
            text: run_text(node),
        }),
        "blockquote" => out.push(Block::Quote(blocks(content, d))),
        "rule" => {
            out.push(Block::Rule);
            push_blocks(content, d, out);
        }
        "panel" => out.push(Block::Panel {
            kind: PanelKind::from_name(attr_str(node, "panelType").unwrap_or("")),
            title: None,
            blocks: blocks(content, d),
        }),
        "expand" | "nestedExpand" => out.push(Block::Expand {
            title: attr_text(node, "title").map(str::to_string),
            blocks: blocks(content, d),
        }),
        "mediaSingle" | "mediaGroup" => push_blocks(content, d, out),
        "media" => {
            out.push(Block::Media {
                name: media_name(node).unwrap_or("attachment").to_string(),
            });
            push_blocks(content, d, out);
        }
        "table" => out.push(Block::Table(table(content, d))),
        "tableRow" => out.push(Block::Table(table(std::slice::from_ref(node), d))),
        "blockCard" | "embedCard" => match card_url(node) {
            Some(url) => {
                out.push(Block::Paragraph(vec![Inline::SmartLink {
                    url: url.to_string(),
                }]));
                push_blocks(content, d, out);
            }
            None => push_blocks(content, d, out),
        },
        "extension" => {
            if let Some(text) = extension_text(node) {
                out.push(Block::Paragraph(vec![text]));
            }
            push_blocks(content, d, out);
        }
        _ if is_inline(node) => out.push(Block::Paragraph(inlines(std::iter::once(node)))),
        _ => {
            // Unknown block: keep its own text, then its content.
            if let Some(text) = own_text(node) {
                text_paragraph(text.to_string(), out);
            }
            push_blocks(content, d, out);
        }
    }
}

/// A list from a list node (`taskList`) or a lone item (`taskItem`).
fn list_of(node: &Value, kind_: ListKind, depth: usize) -> Block {
    if matches!(kind(node), "taskItem" | "decisionItem") {
        let mut items = Vec::new();
        push_item(node, kind_, depth, &mut items);
        return Block::List(List { kind: kind_, items });
    }
    list(node, kind_, depth)
}

fn list(node: &Value, kind_: ListKind, depth: usize) -> Block {
    let mut items = Vec::new();
    for child in children(node) {
        push_item(child, kind_, depth, &mut items);
    }
    Block::List(List { kind: kind_, items })
}

fn push_item(child: &Value, list_kind: ListKind, depth: usize, items: &mut Vec<ListItem>) {
    let d = depth + 1;
    match kind(child) {
        "listItem" => items.push(ListItem {
            checked: None,
            blocks: blocks(children(child), d),
        }),
        "taskItem" => items.push(ListItem {
            checked: Some(attr_str(child, "state").is_some_and(|s| s.eq_ignore_ascii_case("DONE"))),
            blocks: blocks(children(child), d),
        }),
        "decisionItem" => items.push(ListItem {
            checked: Some(
                attr_str(child, "state").is_some_and(|s| s.eq_ignore_ascii_case("DECIDED")),
            ),
            blocks: blocks(children(child), d),
        }),
        // A list directly inside a list (ADF nests task lists this way): it belongs to the
        // previous item.
        "taskList" | "decisionList" | "bulletList" | "orderedList" => {
            let mut nested = Vec::new();
            push_block(child, d, &mut nested);
            match items.last_mut() {
                Some(last) => last.blocks.append(&mut nested),
                None => items.push(ListItem {
                    checked: None,
                    blocks: nested,
                }),
            }
        }
        _ => {
            let body = blocks(std::slice::from_ref(child), d);
            if !body.is_empty() {
                let checked =
                    matches!(list_kind, ListKind::Task | ListKind::Decision).then_some(false);
                items.push(ListItem {
                    checked,
                    blocks: body,
                });
            }
        }
    }
}

fn table(rows: &[Value], depth: usize) -> Table {
    let d = depth + 1;
    let mut table = Table {
        // Rows past what the layout shows are only counted.
        hidden_rows: rows.len().saturating_sub(MAX_TABLE_ROWS),
        ..Table::default()
    };
    for row in rows.iter().take(MAX_TABLE_ROWS) {
        let cells = if kind(row) == "tableRow" {
            children(row)
                .iter()
                .map(|cell| Cell {
                    header: kind(cell) == "tableHeader",
                    blocks: blocks(std::slice::from_ref(cell), d),
                })
                .collect()
        } else {
            vec![Cell {
                header: false,
                blocks: blocks(std::slice::from_ref(row), d),
            }]
        };
        table.rows.push(cells);
    }
    table
}
