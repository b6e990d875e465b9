//! The one plain-text extractor over raw ADF JSON: all visible text of a subtree in reading
//! order, walked without recursion (so any depth is safe). The demo server's plain text
//! ([`adf_to_plain`](crate::text::adf::adf_to_plain)) takes it a line per block; the rich
//! parser takes it as one run, blocks joined by spaces, when it degrades a subtree (too deep,
//! or malformed) into text.

use serde_json::Value;

use super::node::{
    attr_text, card_url, children, date_text, emoji_text, kind, mention_name, own_text,
};

/// How the blocks of the text are set apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::text) enum Layout {
    /// One line per block: blank lines dropped, line ends trimmed.
    Lines,
    /// One run of text: a space between blocks, everything else verbatim.
    Run,
}

/// The text of a node (or an array of nodes, or a bare string).
pub(in crate::text) fn text_of(node: &Value, layout: Layout) -> String {
    text_of_all(std::slice::from_ref(node), layout)
}

/// The text of a sequence of nodes.
pub(in crate::text) fn text_of_all(nodes: &[Value], layout: Layout) -> String {
    let mut sink = Sink {
        layout,
        done: Vec::new(),
        current: String::new(),
        space_due: false,
    };
    let mut stack: Vec<Step<'_>> = nodes.iter().rev().map(Step::Visit).collect();
    while let Some(step) = stack.pop() {
        let node = match step {
            Step::EndBlock => {
                sink.end_block();
                continue;
            }
            Step::Visit(node) => node,
        };
        match node {
            Value::String(s) => {
                sink.push(s);
                continue;
            }
            Value::Array(items) => {
                stack.extend(items.iter().rev().map(Step::Visit));
                continue;
            }
            Value::Object(_) => {}
            _ => continue,
        }
        let kind = kind(node);
        if kind == "hardBreak" {
            sink.push("\n");
            continue;
        }
        if is_block_kind(kind) {
            sink.start_block();
            stack.push(Step::EndBlock);
        }
        if matches!(kind, "expand" | "nestedExpand")
            && let Some(title) = attr_text(node, "title")
        {
            sink.title(title);
        }
        if let Some(label) = label(node) {
            sink.push(&label);
        }
        if let Some(text) = own_text(node) {
            sink.push(text);
        }
        stack.extend(children(node).iter().rev().map(Step::Visit));
    }
    sink.finish()
}

/// The text a node shows besides its `text` and its content: a mention's `@name`, an emoji,
/// a date, a status, a card's URL, an extension's fallback text. A placeholder's hint and a
/// media node's file name are not document text (Jira's plain text and search leave them
/// out; the rich view shows media by name through its own blocks), so they have none.
pub(in crate::text) fn label(node: &Value) -> Option<String> {
    let text = match kind(node) {
        "mention" => {
            let name = mention_name(node);
            return (!name.is_empty()).then(|| format!("@{name}"));
        }
        "emoji" => Some(emoji_text(node)).filter(|t| !t.is_empty()),
        "date" => return Some(date_text(node)).filter(|t| !t.is_empty()),
        "status" | "inlineExtension" | "extension" | "bodiedExtension" => attr_text(node, "text"),
        "inlineCard" | "blockCard" | "embedCard" => card_url(node),
        _ => None,
    };
    text.map(str::to_string)
}

/// Whether a node type starts a block of its own in the text.
fn is_block_kind(kind: &str) -> bool {
    matches!(
        kind,
        "doc"
            | "paragraph"
            | "heading"
            | "bulletList"
            | "orderedList"
            | "listItem"
            | "codeBlock"
            | "blockquote"
            | "rule"
            | "panel"
            | "mediaSingle"
            | "mediaGroup"
            | "media"
            | "caption"
            | "table"
            | "tableRow"
            | "tableCell"
            | "tableHeader"
            | "expand"
            | "nestedExpand"
            | "decisionList"
            | "decisionItem"
            | "taskList"
            | "taskItem"
            | "blockCard"
            | "embedCard"
            | "extension"
            | "bodiedExtension"
            | "layoutSection"
            | "layoutColumn"
    )
}

/// One unit of work for the iterative walk.
enum Step<'a> {
    /// Take in the node and schedule its children.
    Visit(&'a Value),
    /// A block node finished.
    EndBlock,
}

/// The text under construction.
struct Sink {
    layout: Layout,
    /// Finished lines (`Lines` only).
    done: Vec<String>,
    current: String,
    /// A block started after text (`Run` only): a space goes before the next text.
    space_due: bool,
}

impl Sink {
    fn start_block(&mut self) {
        match self.layout {
            Layout::Lines => self.flush(),
            Layout::Run => self.space_due = !self.current.is_empty(),
        }
    }

    fn push(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let after_space = self.current.ends_with(char::is_whitespace);
        if std::mem::take(&mut self.space_due) && !after_space && !text.starts_with(' ') {
            self.current.push(' ');
        }
        self.current.push_str(text);
    }

    fn end_block(&mut self) {
        if self.layout == Layout::Lines {
            self.flush();
        }
    }

    /// A title (of an expand): a line of its own, or part of the run.
    fn title(&mut self, text: &str) {
        self.push(text);
        self.end_block();
    }

    fn flush(&mut self) {
        let line = std::mem::take(&mut self.current);
        if !line.trim().is_empty() {
            self.done.push(line.trim_end().to_string());
        }
    }

    fn finish(mut self) -> String {
        match self.layout {
            Layout::Lines => {
                self.flush();
                self.done.join("\n")
            }
            Layout::Run => self.current,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn one_walk_two_layouts() {
        let doc = json!({"type": "doc", "content": [
            {"type": "paragraph", "content": [
                {"type": "text", "text": "Hi "},
                {"type": "mention", "attrs": {"id": "u1", "text": "@Bob"}},
                {"type": "hardBreak"},
                {"type": "placeholder", "attrs": {"text": "hint"}}
            ]},
            {"type": "expand", "attrs": {"title": "More"}, "content": [
                {"type": "paragraph", "content": [{"type": "text", "text": "inside"}]}
            ]},
            {"type": "mediaGroup", "content": [
                {"type": "media", "attrs": {"alt": "a.pdf"}},
                {"type": "media", "attrs": {"alt": "b.log"}}
            ]}
        ]});
        assert_eq!(text_of(&doc, Layout::Lines), "Hi @Bob\nMore\ninside");
        assert_eq!(text_of(&doc, Layout::Run), "Hi @Bob\nMore inside");
    }
}
