//! ADF block structure → HTML (roughly Jira's `expand=renderedFields`).

use serde_json::Value;

use super::html_inline::{Ctx, escape_html, inline, link, marked, media_html};
use super::plain::adf_to_plain;
use super::style::panel_style;
use crate::text::rich::adf::node::{
    MAX_DEPTH, attr_int, attr_str, card_url, children, is_inline, kind, marks, own_text,
};
use crate::text::rich::adf::text::{Layout, text_of_all};

/// A resolver that knows no usernames.
fn no_users(_: &str) -> Option<String> {
    None
}

/// Converts an ADF document to HTML; mentions link by accountId.
pub fn adf_to_html(doc: &Value) -> String {
    adf_to_html_with_users(doc, &no_users)
}

/// Converts an ADF document to HTML, linking mentions to the Data Center
/// username that `users` returns for their accountId. Never fails.
pub fn adf_to_html_with_users(doc: &Value, users: &dyn Fn(&str) -> Option<String>) -> String {
    let ctx = Ctx { users, depth: 0 };
    let nodes = match doc {
        Value::Array(items) => items.as_slice(),
        _ => std::slice::from_ref(doc),
    };
    blocks(nodes, ctx)
}

/// Renders block nodes; runs of stray inline nodes become a paragraph.
fn blocks(nodes: &[Value], ctx: Ctx<'_>) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut start = 0;
    while start < nodes.len() {
        let run = nodes
            .iter()
            .skip(start)
            .take_while(|n| is_inline(n))
            .count();
        if run > 0 {
            let text = inline(nodes.get(start..start + run).unwrap_or(&[]), ctx);
            if !text.trim().is_empty() {
                out.push(format!("<p>{text}</p>"));
            }
            start += run;
            continue;
        }
        if let Some(node) = nodes.get(start) {
            let html = block(node, ctx);
            if !html.is_empty() {
                out.push(html);
            }
        }
        start += 1;
    }
    out.join("\n")
}

/// ` style="text-align: …"` for an alignment block mark.
fn align_style(node: &Value) -> &'static str {
    let align = marks(node)
        .iter()
        .filter(|m| kind(m) == "alignment")
        .find_map(|m| attr_str(m, "align"));
    match align {
        Some("center") => " style=\"text-align: center\"",
        Some("end") => " style=\"text-align: right\"",
        _ => "",
    }
}

/// A Jira-style panel with an optional bold header.
fn panel(title: Option<&str>, background: Option<&str>, body: &str) -> String {
    let bg = background
        .map(|c| format!("background-color: {};", escape_html(c)))
        .unwrap_or_default();
    let header = title
        .map(|t| {
            format!(
                "<div class=\"panelHeader\" style=\"border-bottom-width: 1px;{bg}\"><b>{}</b></div>",
                escape_html(t)
            )
        })
        .unwrap_or_default();
    format!(
        "<div class=\"panel\" style=\"{bg}border-width: 1px;\">{header}<div class=\"panelContent\" style=\"{bg}\">\n{body}\n</div></div>"
    )
}

/// Content of a list item or table cell: a leading paragraph followed by
/// nothing but nested lists is rendered inline (as Jira does), anything
/// else as blocks.
fn item_body(kids: &[Value], ctx: Ctx<'_>) -> String {
    match kids.split_first() {
        Some((first, rest))
            if kind(first) == "paragraph"
                && rest
                    .iter()
                    .all(|k| matches!(kind(k), "bulletList" | "orderedList")) =>
        {
            let head = inline(children(first), ctx);
            if rest.is_empty() {
                head
            } else {
                format!("{head}\n{}", blocks(rest, ctx))
            }
        }
        _ => blocks(kids, ctx),
    }
}

/// Renders one block node.
fn block(node: &Value, ctx: Ctx<'_>) -> String {
    if ctx.depth > MAX_DEPTH {
        return format!("<p>{}</p>", escape_html(&adf_to_plain(node)));
    }
    let inner = ctx.deeper();
    let kids = children(node);
    match kind(node) {
        "paragraph" => {
            let text = inline(kids, inner);
            if text.trim().is_empty() {
                String::new()
            } else {
                format!("<p{}>{text}</p>", align_style(node))
            }
        }
        "heading" => {
            let level = attr_int(node, "level").unwrap_or(1).clamp(1, 6);
            let style = align_style(node);
            format!("<h{level}{style}>{}</h{level}>", inline(kids, inner))
        }
        "bulletList" => format!("<ul>\n{}\n</ul>", blocks(kids, inner)),
        "orderedList" => match attr_int(node, "order").filter(|o| *o > 1) {
            Some(start) => format!("<ol start=\"{start}\">\n{}\n</ol>", blocks(kids, inner)),
            None => format!("<ol>\n{}\n</ol>", blocks(kids, inner)),
        },
        "taskList" => format!("<ul class=\"task-list\">\n{}\n</ul>", blocks(kids, inner)),
        "decisionList" => format!(
            "<ul class=\"decision-list\">\n{}\n</ul>",
            blocks(kids, inner)
        ),
        "listItem" => format!("<li>{}</li>", item_body(kids, inner)),
        "taskItem" => {
            let done = attr_str(node, "state") == Some("DONE");
            let (state, checked) = if done {
                ("DONE", " checked=\"checked\"")
            } else {
                ("TODO", "")
            };
            format!(
                "<li class=\"task-item\" data-task-state=\"{state}\"><input type=\"checkbox\" disabled=\"disabled\"{checked} /> {}</li>",
                inline(kids, inner)
            )
        }
        "decisionItem" => format!("<li class=\"decision-item\">{}</li>", inline(kids, inner)),
        "codeBlock" => {
            let language: String = attr_str(node, "language")
                .unwrap_or("java")
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '_' | '-'))
                .collect();
            let code = text_of_all(kids, Layout::Lines);
            format!(
                "<div class=\"code panel\" style=\"border-width: 1px;\"><div class=\"codeContent panelContent\">\n<pre class=\"code-{}\">{}</pre>\n</div></div>",
                escape_html(&language.to_ascii_lowercase()),
                escape_html(code.strip_suffix('\n').unwrap_or(&code))
            )
        }
        "blockquote" => format!("<blockquote>\n{}\n</blockquote>", blocks(kids, inner)),
        "rule" => "<hr />".to_string(),
        "panel" => {
            let (title, colour) = panel_style(attr_str(node, "panelType").unwrap_or("info"));
            panel(Some(title), Some(colour), &blocks(kids, inner))
        }
        "expand" | "nestedExpand" => panel(attr_str(node, "title"), None, &blocks(kids, inner)),
        "mediaSingle" | "mediaGroup" => {
            let media: String = kids
                .iter()
                .map(|k| {
                    if kind(k) == "media" {
                        media_html(k)
                    } else {
                        inline(std::slice::from_ref(k), inner)
                    }
                })
                .collect();
            if media.is_empty() {
                String::new()
            } else {
                format!("<p>{media}</p>")
            }
        }
        "media" => format!("<p>{}</p>", media_html(node)),
        "blockCard" | "embedCard" => match card_url(node) {
            Some(url) => format!("<p>{}</p>", link(url, &escape_html(url))),
            None => String::new(),
        },
        "table" => format!(
            "<div class='table-wrap'>\n<table class='confluenceTable'><tbody>\n{}\n</tbody></table>\n</div>",
            blocks(kids, inner)
        ),
        "tableRow" => format!("<tr>\n{}\n</tr>", blocks(kids, inner)),
        "tableHeader" | "tableCell" => {
            let (tag, class) = if kind(node) == "tableHeader" {
                ("th", "confluenceTh")
            } else {
                ("td", "confluenceTd")
            };
            let mut span = String::new();
            for key in ["colspan", "rowspan"] {
                if let Some(n) = attr_int(node, key).filter(|n| *n > 1) {
                    span.push_str(&format!(" {key}=\"{n}\""));
                }
            }
            format!(
                "<{tag} class='{class}'{span}>{}</{tag}>",
                item_body(kids, inner)
            )
        }
        "layoutSection" => format!(
            "<div class=\"layout-section\">\n{}\n</div>",
            blocks(kids, inner)
        ),
        "layoutColumn" => format!(
            "<div class=\"layout-column\">\n{}\n</div>",
            blocks(kids, inner)
        ),
        _ => {
            // doc, extensions and unknown nodes: own text, then children.
            let mut parts = Vec::new();
            if let Some(text) = own_text(node).or_else(|| attr_str(node, "text"))
                && !text.trim().is_empty()
            {
                parts.push(format!("<p>{}</p>", marked(text, marks(node))));
            }
            let rest = blocks(kids, inner);
            if !rest.is_empty() {
                parts.push(rest);
            }
            parts.join("\n")
        }
    }
}
