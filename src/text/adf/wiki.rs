//! ADF block structure → Jira wiki markup (Data Center flavour).

use serde_json::Value;

use super::plain::adf_to_plain;
use super::style::panel_style;
use super::wiki_escape::{BREAK, escape_wiki, macro_param};
use super::wiki_inline::{Ctx, effect, inline, marked, media_token};
use super::wiki_list::list_lines;
use crate::text::rich::adf::node::{
    MAX_DEPTH, attr_int, attr_str, children, is_inline, kind, marks, own_text,
};

/// Converts an ADF document to Jira wiki markup (Data Center flavour).
///
/// `users` maps a mention's accountId to a Data Center username; when it
/// returns `None` the mention's display text is used (`[~Bob Brown]`), or
/// `[~accountid:…]` when there is no text. Never fails.
pub fn adf_to_wiki(doc: &Value, users: &dyn Fn(&str) -> Option<String>) -> String {
    let ctx = Ctx {
        users,
        line_break: "\n",
        in_cell: false,
        depth: 0,
    };
    let nodes = match doc {
        Value::Array(items) => items.as_slice(),
        _ => std::slice::from_ref(doc),
    };
    blocks(nodes, ctx).join("\n\n")
}

/// Renders a sequence of block nodes; runs of stray inline nodes become a
/// paragraph of their own.
pub(super) fn blocks(nodes: &[Value], ctx: Ctx<'_>) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < nodes.len() {
        let run = nodes
            .iter()
            .skip(start)
            .take_while(|n| is_inline(n))
            .count();
        if run > 0 {
            let slice = nodes.get(start..start + run).unwrap_or(&[]);
            push_nonempty(&mut out, inline(slice, ctx));
            start += run;
            continue;
        }
        if let Some(node) = nodes.get(start) {
            out.extend(block(node, ctx));
        }
        start += 1;
    }
    out
}

fn push_nonempty(out: &mut Vec<String>, text: String) {
    if !text.trim().is_empty() {
        out.push(text);
    }
}

/// Joins child blocks the way a container needs them: blank lines
/// normally, `\\` inside table cells.
pub(super) fn join_blocks(parts: Vec<String>, ctx: Ctx<'_>) -> String {
    if ctx.in_cell {
        parts
            .iter()
            .map(|p| p.replace('\n', BREAK))
            .collect::<Vec<_>>()
            .join(BREAK)
    } else {
        parts.join("\n\n")
    }
}

/// Wraps content in a `{macro}` unless inside a table cell, where macros
/// cannot span lines and the content is flattened instead.
fn wrap_macro(open: &str, close: &str, body: String, title: Option<&str>, ctx: Ctx) -> String {
    if ctx.in_cell {
        match title.filter(|t| !t.trim().is_empty()) {
            Some(t) => format!(
                "{}{BREAK}{body}",
                effect(&escape_wiki(t.trim(), false, " "), "*", false)
            ),
            None => body,
        }
    } else {
        format!("{open}\n{body}\n{close}")
    }
}

/// Renders one block node (possibly to several blocks).
fn block(node: &Value, ctx: Ctx<'_>) -> Vec<String> {
    if ctx.depth > MAX_DEPTH {
        let text = adf_to_plain(node);
        return vec![escape_wiki(&text, true, ctx.line_break)];
    }
    let inner = ctx.deeper();
    let kids = children(node);
    let single = |s: String| {
        if s.trim().is_empty() {
            Vec::new()
        } else {
            vec![s]
        }
    };
    match kind(node) {
        "paragraph" => single(inline(kids, inner)),
        "heading" => {
            let level = attr_int(node, "level").unwrap_or(1).clamp(1, 6);
            let text = inline(
                kids,
                Ctx {
                    line_break: BREAK,
                    ..inner
                },
            );
            if ctx.in_cell {
                single(effect(&text, "*", false))
            } else {
                single(format!("h{level}. {text}"))
            }
        }
        "bulletList" | "orderedList" | "taskList" | "decisionList" | "listItem" | "taskItem"
        | "decisionItem" => {
            let mut lines = Vec::new();
            list_lines(node, "", inner, &mut lines);
            let sep = if ctx.in_cell { BREAK } else { "\n" };
            single(lines.join(sep))
        }
        "codeBlock" => single(code_block(node, ctx)),
        "blockquote" => {
            let body = join_blocks(blocks(kids, inner), ctx);
            single(wrap_macro("{quote}", "{quote}", body, None, ctx))
        }
        "rule" => {
            if ctx.in_cell {
                Vec::new()
            } else {
                vec!["----".to_string()]
            }
        }
        "panel" => {
            let (title, colour) = panel_style(attr_str(node, "panelType").unwrap_or("info"));
            let open = format!("{{panel:title={title}|bgColor={colour}}}");
            let body = join_blocks(blocks(kids, inner), ctx);
            single(wrap_macro(&open, "{panel}", body, Some(title), ctx))
        }
        "expand" | "nestedExpand" => {
            let title = attr_str(node, "title").filter(|t| !t.trim().is_empty());
            let open = match title {
                Some(t) => format!("{{panel:title={}}}", macro_param(t.trim())),
                None => "{panel}".to_string(),
            };
            let body = join_blocks(blocks(kids, inner), ctx);
            single(wrap_macro(&open, "{panel}", body, title, ctx))
        }
        "mediaSingle" | "mediaGroup" => {
            let tokens: Vec<String> = kids
                .iter()
                .map(|k| {
                    if kind(k) == "media" {
                        media_token(k)
                    } else {
                        inline(std::slice::from_ref(k), inner)
                    }
                })
                .filter(|t| !t.is_empty())
                .collect();
            single(tokens.join(" "))
        }
        "media" | "blockCard" | "embedCard" => single(inline(std::slice::from_ref(node), inner)),
        "table" => single(super::wiki_table::table(node, inner)),
        "tableRow" => single(super::wiki_table::row(node, inner)),
        "extension" | "bodiedExtension" => {
            let mut out = Vec::new();
            if let Some(text) = attr_str(node, "text") {
                push_nonempty(&mut out, escape_wiki(text, true, ctx.line_break));
            }
            out.extend(blocks(kids, inner));
            out
        }
        _ => {
            // doc, layouts, cells out of place, and unknown nodes: keep
            // their own text and render their children as blocks.
            let mut out = Vec::new();
            if let Some(text) = own_text(node) {
                push_nonempty(&mut out, marked(text, marks(node), inner));
            }
            out.extend(blocks(kids, inner));
            out
        }
    }
}

/// `{code:lang}…{code}`; inside table cells, monospace lines instead.
fn code_block(node: &Value, ctx: Ctx<'_>) -> String {
    let code: String = children(node)
        .iter()
        .map(|k| match (k, own_text(k)) {
            (_, Some(t)) => t.to_string(),
            (Value::String(s), None) => s.clone(),
            _ => adf_to_plain(k),
        })
        .collect();
    if ctx.in_cell {
        return code
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| format!("{{{{{}}}}}", escape_wiki(l, false, " ")))
            .collect::<Vec<_>>()
            .join(BREAK);
    }
    let language: String = attr_str(node, "language")
        .unwrap_or("")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '_' | '-'))
        .collect::<String>()
        .to_ascii_lowercase();
    let open = if language.is_empty() {
        "{code}".to_string()
    } else {
        format!("{{code:{language}}}")
    };
    let body = code.strip_suffix('\n').unwrap_or(&code);
    format!("{open}\n{body}\n{{code}}")
}
