//! Inline ADF nodes and text marks → Jira wiki markup.

use serde_json::Value;

use super::plain::adf_to_plain;
use super::style::{is_image_name, text_color};
use super::wiki_escape::{emoticon, escape_wiki, link_target};
use crate::text::rich::adf::node::{
    MAX_DEPTH, attr_int, attr_str, card_url, children, date_text, kind, marks, media_name,
    mention_name, own_text,
};

/// Rendering context shared by the wiki block and inline renderers.
#[derive(Clone, Copy)]
pub(super) struct Ctx<'a> {
    /// Maps an Atlassian accountId to a Data Center username.
    pub users: &'a dyn Fn(&str) -> Option<String>,
    /// What a hard line break becomes (`"\n"` or `"\\\\"`).
    pub line_break: &'static str,
    /// Rendering inside a table cell: everything must stay on one line.
    pub in_cell: bool,
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

/// One piece of an inline run after merging adjacent same-marked text.
enum Piece<'a> {
    Text(String, &'a [Value]),
    Node(&'a Value),
}

/// Merges adjacent text nodes that carry identical marks so `*a**b*`
/// cannot happen.
fn pieces(nodes: &[Value]) -> Vec<Piece<'_>> {
    let mut out: Vec<Piece<'_>> = Vec::new();
    for node in nodes {
        let (text, node_marks) = match node {
            Value::String(s) => (s.as_str(), &[][..]),
            _ if kind(node) == "text" => match own_text(node) {
                Some(t) => (t, marks(node)),
                None => continue,
            },
            _ => {
                out.push(Piece::Node(node));
                continue;
            }
        };
        if let Some(Piece::Text(prev, prev_marks)) = out.last_mut()
            && *prev_marks == node_marks
        {
            prev.push_str(text);
            continue;
        }
        out.push(Piece::Text(text.to_string(), node_marks));
    }
    out
}

/// The first character a piece will put in the output (approximate).
fn first_char(piece: Option<&Piece<'_>>) -> Option<char> {
    match piece? {
        Piece::Text(text, text_marks) => {
            let first = text.chars().next()?;
            if text_marks.is_empty() || first.is_whitespace() {
                Some(first)
            } else {
                Some('{')
            }
        }
        Piece::Node(node) if kind(node) == "date" => Some('0'),
        Piece::Node(_) => Some('['),
    }
}

/// Renders a run of inline nodes.
pub(super) fn inline(nodes: &[Value], ctx: Ctx<'_>) -> String {
    let mut out = String::new();
    let run = pieces(nodes);
    for (i, piece) in run.iter().enumerate() {
        let next = first_char(run.get(i + 1));
        match piece {
            Piece::Text(text, text_marks) => marked_text(&mut out, text, text_marks, next, ctx),
            Piece::Node(node) => inline_node(&mut out, node, next, ctx),
        }
    }
    out
}

/// Renders one stand-alone run of marked text.
pub(super) fn marked(text: &str, text_marks: &[Value], ctx: Ctx<'_>) -> String {
    let mut out = String::new();
    marked_text(&mut out, text, text_marks, None, ctx);
    out
}

/// Whether output ending like `out` is at the start of a rendered line.
fn at_line_start(out: &str) -> bool {
    out.is_empty() || out.ends_with('\n')
}

/// Appends text with its marks, hoisting surrounding whitespace out of the
/// markers (Jira ignores `* bold*`).
fn marked_text(out: &mut String, text: &str, text_marks: &[Value], next: Option<char>, ctx: Ctx) {
    let core = text.trim();
    if core.is_empty() || text_marks.is_empty() {
        let escaped = escape_wiki(text, at_line_start(out), ctx.line_break);
        out.push_str(&escaped);
        return;
    }
    let lead = text
        .get(..text.len() - text.trim_start().len())
        .unwrap_or("");
    let trail = text.get(text.trim_end().len()..).unwrap_or("");
    out.push_str(&escape_wiki(lead, at_line_start(out), ctx.line_break));
    let inner = escape_wiki(core, false, ctx.line_break);
    let next = if trail.is_empty() { next } else { Some(' ') };
    let tight = out.chars().last().is_some_and(char::is_alphanumeric)
        || next.is_some_and(char::is_alphanumeric);
    out.push_str(&apply_marks(inner, text_marks, tight));
    out.push_str(&escape_wiki(trail, false, ctx.line_break));
}

/// Wraps with a simple effect marker, using the `{*}x{*}` form when the
/// marker touches a word character.
pub(super) fn effect(inner: &str, marker: &str, tight: bool) -> String {
    if tight {
        format!("{{{marker}}}{inner}{{{marker}}}")
    } else {
        format!("{marker}{inner}{marker}")
    }
}

/// Applies ADF marks to already-escaped text, innermost first.
fn apply_marks(mut inner: String, text_marks: &[Value], tight: bool) -> String {
    let has = |name: &str| text_marks.iter().any(|m| kind(m) == name);
    if has("code") {
        inner = format!("{{{{{inner}}}}}");
    }
    for mark in text_marks.iter().filter(|m| kind(m) == "subsup") {
        let marker = if attr_str(mark, "type") == Some("sub") {
            "~"
        } else {
            "^"
        };
        inner = effect(&inner, marker, tight);
    }
    for (name, marker) in [
        ("strike", "-"),
        ("underline", "+"),
        ("em", "_"),
        ("strong", "*"),
    ] {
        if has(name) {
            inner = effect(&inner, marker, tight);
        }
    }
    if let Some(color) = text_color(text_marks) {
        inner = format!("{{color:{color}}}{inner}{{color}}");
    }
    if let Some(href) = text_marks
        .iter()
        .filter(|m| kind(m) == "link")
        .find_map(|m| attr_str(m, "href"))
        .filter(|h| !h.trim().is_empty())
    {
        inner = format!("[{inner}|{}]", link_target(href));
    }
    inner
}

/// Wiki markup for a media node: `!image.png!`, `[^file.pdf]` or nothing.
pub(super) fn media_token(node: &Value) -> String {
    let Some(name) = media_name(node) else {
        return String::new();
    };
    let name = name.replace(['!', '|', '[', ']', '\n'], "_");
    let external = attr_str(node, "type") == Some("external");
    if is_image_name(&name) || external {
        let width = attr_int(node, "width").filter(|w| *w > 0);
        let height = attr_int(node, "height").filter(|h| *h > 0);
        match (width, height) {
            (Some(w), Some(h)) => format!("!{name}|width={w},height={h}!"),
            (Some(w), None) => format!("!{name}|width={w}!"),
            _ => format!("!{name}!"),
        }
    } else {
        format!("[^{name}]")
    }
}

/// Appends one non-text inline node.
fn inline_node(out: &mut String, node: &Value, next: Option<char>, ctx: Ctx) {
    if ctx.depth > MAX_DEPTH {
        let text = adf_to_plain(node);
        out.push_str(&escape_wiki(&text, at_line_start(out), ctx.line_break));
        return;
    }
    match kind(node) {
        "hardBreak" => out.push_str(ctx.line_break),
        "mention" => {
            let id = attr_str(node, "id").unwrap_or("");
            let name = (ctx.users)(id).unwrap_or_else(|| mention_name(node).to_string());
            if name.is_empty() {
                return;
            }
            let name = name.replace([']', '|', '\n'], " ");
            if name == id && !id.is_empty() {
                out.push_str(&format!("[~accountid:{id}]"));
            } else {
                out.push_str(&format!("[~{name}]"));
            }
        }
        "emoji" => {
            let short = attr_str(node, "shortName").unwrap_or("");
            match emoticon(short) {
                Some(face) => out.push_str(face),
                None if !short.is_empty() => out.push_str(&escape_wiki(short, false, " ")),
                None => {
                    let text = attr_str(node, "text").unwrap_or("");
                    out.push_str(&escape_wiki(text, false, " "));
                }
            }
        }
        "date" => out.push_str(&escape_wiki(&date_text(node), false, " ")),
        "status" => {
            let text = attr_str(node, "text").unwrap_or("").to_uppercase();
            if !text.trim().is_empty() {
                let inner = format!("\\[{}\\]", escape_wiki(text.trim(), false, " "));
                let tight = out.chars().last().is_some_and(char::is_alphanumeric)
                    || next.is_some_and(char::is_alphanumeric);
                out.push_str(&effect(&inner, "*", tight));
            }
        }
        "inlineCard" | "blockCard" | "embedCard" => {
            if let Some(url) = card_url(node) {
                let target = link_target(url);
                out.push_str(&format!("[{}|{target}]", escape_wiki(url, false, " ")));
            }
        }
        "placeholder" => {}
        "media" | "mediaInline" => out.push_str(&media_token(node)),
        "inlineExtension" | "extension" => {
            if let Some(text) = attr_str(node, "text") {
                out.push_str(&escape_wiki(text, at_line_start(out), ctx.line_break));
            }
        }
        "codeBlock" => {
            let code = adf_to_plain(node);
            out.push_str(&format!("{{{{{}}}}}", escape_wiki(&code, false, " ")));
        }
        _ => {
            // Unknown or misplaced node: keep its own text and its children.
            if let Some(text) = own_text(node) {
                marked_text(out, text, marks(node), next, ctx);
            }
            let rest = inline(children(node), ctx.deeper());
            out.push_str(&rest);
        }
    }
}
