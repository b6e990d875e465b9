//! ADF lists (bullet, ordered, task, decision) → Jira wiki `*`/`#` lists.

use serde_json::Value;

use super::plain::adf_to_plain;
use super::wiki::{blocks, join_blocks};
use super::wiki_escape::{BREAK, escape_wiki};
use super::wiki_inline::{Ctx, inline};
use crate::text::rich::adf::node::{MAX_DEPTH, attr_str, children, is_inline, kind};

/// Whether a node is one of the list containers.
fn is_list(node: &Value) -> bool {
    matches!(
        kind(node),
        "bulletList" | "orderedList" | "taskList" | "decisionList"
    )
}

/// Appends the wiki lines of a list (or a stray list item) whose parent
/// list marker is `prefix` (e.g. `"*#"`), so nesting mixes markers.
pub(super) fn list_lines(node: &Value, prefix: &str, ctx: Ctx<'_>, out: &mut Vec<String>) {
    let marker = match kind(node) {
        "orderedList" => format!("{prefix}#"),
        _ => format!("{prefix}*"),
    };
    if ctx.depth > MAX_DEPTH {
        let text = escape_wiki(&adf_to_plain(node), false, BREAK);
        push_item(&marker, &text, ctx, out);
        return;
    }
    if !is_list(node) {
        item(node, &marker, ctx, out);
        return;
    }
    for child in children(node) {
        if is_list(child) {
            list_lines(child, &marker, ctx.deeper(), out);
        } else {
            item(child, &marker, ctx.deeper(), out);
        }
    }
}

/// Appends one item line; inside table cells markers become bullets.
fn push_item(marker: &str, text: &str, ctx: Ctx<'_>, out: &mut Vec<String>) {
    if ctx.in_cell {
        out.push(format!("• {text}"));
    } else {
        out.push(format!("{marker} {text}"));
    }
}

/// Appends the lines of one list item (and its nested lists).
fn item(node: &Value, marker: &str, ctx: Ctx<'_>, out: &mut Vec<String>) {
    let ctx = Ctx {
        line_break: BREAK,
        ..ctx
    };
    let kids = children(node);
    match kind(node) {
        "taskItem" => {
            let done = attr_str(node, "state") == Some("DONE");
            let check = if done { "\\[x\\] " } else { "\\[ \\] " };
            let text = inline(kids, ctx);
            push_item(marker, &format!("{check}{text}"), ctx, out);
            return;
        }
        "decisionItem" => {
            push_item(marker, &inline(kids, ctx), ctx, out);
            return;
        }
        _ if is_inline(node) => {
            let text = inline(std::slice::from_ref(node), ctx);
            if !text.trim().is_empty() {
                push_item(marker, &text, ctx, out);
            }
            return;
        }
        _ => {}
    }
    let mut line = String::new();
    let flush = |line: &mut String, out: &mut Vec<String>| {
        if !line.trim().is_empty() {
            push_item(marker, line, ctx, out);
        }
        line.clear();
    };
    let append = |line: &mut String, text: String| {
        if text.trim().is_empty() {
            return;
        }
        if !line.is_empty() {
            line.push_str(BREAK);
        }
        line.push_str(&text);
    };
    let mut start = 0;
    while let Some(kid) = kids.get(start) {
        if is_inline(kid) {
            let run = kids.iter().skip(start).take_while(|k| is_inline(k)).count();
            append(
                &mut line,
                inline(kids.get(start..start + run).unwrap_or(&[]), ctx),
            );
            start += run;
            continue;
        }
        start += 1;
        if is_list(kid) {
            flush(&mut line, out);
            list_lines(kid, marker, ctx.deeper(), out);
        } else if kind(kid) == "paragraph" {
            append(&mut line, inline(children(kid), ctx.deeper()));
        } else if kind(kid) == "codeBlock" && !ctx.in_cell {
            flush(&mut line, out);
            out.extend(blocks(std::slice::from_ref(kid), ctx.deeper()));
        } else {
            let flat = Ctx {
                in_cell: true,
                ..ctx.deeper()
            };
            append(
                &mut line,
                join_blocks(blocks(std::slice::from_ref(kid), flat), flat),
            );
        }
    }
    flush(&mut line, out);
}
