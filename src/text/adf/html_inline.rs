//! Inline ADF nodes and marks → HTML (Jira `renderedFields` style).

use serde_json::Value;

use super::plain::adf_to_plain;
use super::style::{is_image_name, text_color};
use crate::text::rich::adf::node::{
    MAX_DEPTH, attr_str, card_url, children, date_text, emoji_text, kind, marks, media_name,
    mention_name, own_text,
};

/// Rendering context for the HTML converter.
#[derive(Clone, Copy)]
pub(super) struct Ctx<'a> {
    /// Maps an Atlassian accountId to a Data Center username.
    pub users: &'a dyn Fn(&str) -> Option<String>,
    /// Current nesting depth.
    pub depth: usize,
}

impl Ctx<'_> {
    /// The same context one level deeper.
    pub fn deeper(self) -> Self {
        Ctx {
            depth: self.depth + 1,
            ..self
        }
    }
}

/// Escapes text for HTML element content and attribute values.
pub(super) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// An escaped `href` value; script-capable schemes become `#`.
pub(super) fn safe_href(url: &str) -> String {
    let url = url.trim();
    let scheme_end = url.find(':');
    let path_start = url.find(['/', '?', '#']);
    let has_scheme = match (scheme_end, path_start) {
        (Some(colon), Some(slash)) => colon < slash,
        (Some(_), None) => true,
        _ => false,
    };
    let lower = url.to_ascii_lowercase();
    let allowed = ["http:", "https:", "mailto:", "ftp:"];
    if has_scheme && !allowed.iter().any(|s| lower.starts_with(s)) {
        return "#".to_string();
    }
    escape_html(url)
}

/// An external link element.
pub(super) fn link(href: &str, inner: &str) -> String {
    format!(
        "<a href=\"{}\" class=\"external-link\" rel=\"nofollow\">{inner}</a>",
        safe_href(href)
    )
}

/// Renders a run of inline nodes.
pub(super) fn inline(nodes: &[Value], ctx: Ctx<'_>) -> String {
    nodes.iter().map(|n| inline_node(n, ctx)).collect()
}

/// Escaped text wrapped in the elements for its marks, innermost first.
pub(super) fn marked(text: &str, text_marks: &[Value]) -> String {
    let mut inner = escape_html(text).replace('\n', "<br/>\n");
    let has = |name: &str| text_marks.iter().any(|m| kind(m) == name);
    if has("code") {
        inner = format!("<tt>{inner}</tt>");
    }
    for mark in text_marks.iter().filter(|m| kind(m) == "subsup") {
        let tag = if attr_str(mark, "type") == Some("sub") {
            "sub"
        } else {
            "sup"
        };
        inner = format!("<{tag}>{inner}</{tag}>");
    }
    for (name, tag) in [
        ("strike", "del"),
        ("underline", "ins"),
        ("em", "em"),
        ("strong", "b"),
    ] {
        if has(name) {
            inner = format!("<{tag}>{inner}</{tag}>");
        }
    }
    if let Some(color) = text_color(text_marks) {
        inner = format!("<font color=\"{}\">{inner}</font>", escape_html(color));
    }
    if let Some(href) = text_marks
        .iter()
        .filter(|m| kind(m) == "link")
        .find_map(|m| attr_str(m, "href"))
    {
        inner = link(href, &inner);
    }
    inner
}

/// HTML for a media node: an inline image or an attachment link.
pub(super) fn media_html(node: &Value) -> String {
    let Some(name) = media_name(node) else {
        return String::new();
    };
    let src = safe_href(name);
    if is_image_name(name) || attr_str(node, "type") == Some("external") {
        format!(
            "<span class=\"image-wrap\" style=\"\"><img src=\"{src}\" alt=\"{}\" style=\"border: 0px solid black\" /></span>",
            escape_html(name)
        )
    } else {
        format!(
            "<span class=\"nobr\"><a href=\"{src}\" title=\"{0}\">{0}</a></span>",
            escape_html(name)
        )
    }
}

/// AUI lozenge modifier for an ADF status colour.
fn lozenge_class(color: &str) -> &'static str {
    match color {
        "green" => " aui-lozenge-success",
        "red" => " aui-lozenge-error",
        "yellow" => " aui-lozenge-current",
        "blue" => " aui-lozenge-complete",
        "purple" => " aui-lozenge-moved",
        _ => "",
    }
}

/// Renders one inline node (unknown nodes keep text and children).
fn inline_node(node: &Value, ctx: Ctx<'_>) -> String {
    if ctx.depth > MAX_DEPTH {
        return escape_html(&adf_to_plain(node));
    }
    match node {
        Value::String(s) => return escape_html(s),
        Value::Object(_) => {}
        _ => return String::new(),
    }
    match kind(node) {
        "text" => marked(own_text(node).unwrap_or(""), marks(node)),
        "hardBreak" => "<br/>\n".to_string(),
        "mention" => {
            let id = attr_str(node, "id").unwrap_or("");
            let name = escape_html(mention_name(node));
            match (ctx.users)(id) {
                Some(user) => format!(
                    "<a href=\"/secure/ViewProfile.jspa?name={0}\" class=\"user-hover\" rel=\"{0}\">{name}</a>",
                    escape_html(&user)
                ),
                None => format!(
                    "<a href=\"/secure/ViewProfile.jspa?accountId={0}\" class=\"user-hover\" rel=\"{0}\">{name}</a>",
                    escape_html(id)
                ),
            }
        }
        "emoji" => format!(
            "<span class=\"emoji\" title=\"{}\">{}</span>",
            escape_html(attr_str(node, "shortName").unwrap_or("")),
            escape_html(emoji_text(node))
        ),
        "date" => {
            let date = escape_html(&date_text(node));
            format!("<time datetime=\"{date}\">{date}</time>")
        }
        "status" => format!(
            "<span class=\"aui-lozenge{}\">{}</span>",
            lozenge_class(attr_str(node, "color").unwrap_or("")),
            escape_html(&attr_str(node, "text").unwrap_or("").to_uppercase())
        ),
        "inlineCard" | "blockCard" | "embedCard" => match card_url(node) {
            Some(url) => link(url, &escape_html(url)),
            None => String::new(),
        },
        "placeholder" => String::new(),
        "media" | "mediaInline" => media_html(node),
        "inlineExtension" | "extension" => escape_html(attr_str(node, "text").unwrap_or("")),
        _ => {
            let own = own_text(node)
                .map(|t| marked(t, marks(node)))
                .unwrap_or_default();
            own + &inline(children(node), ctx.deeper())
        }
    }
}
