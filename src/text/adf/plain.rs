//! ADF → plain text (for search and for v2 `text` representations).

use serde_json::Value;

use super::node::{attr_str, card_url, children, date_text, emoji_text, kind, own_text};

/// One unit of work for the iterative walk.
enum Step<'a> {
    /// Emit the node and schedule its children.
    Visit(&'a Value),
    /// A block node finished: close the current line.
    EndBlock,
}

/// Whether a node type starts a new line in plain text output.
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

/// Accumulates lines of output.
#[derive(Default)]
struct Lines {
    done: Vec<String>,
    current: String,
}

impl Lines {
    fn flush(&mut self) {
        let line = std::mem::take(&mut self.current);
        if !line.trim().is_empty() {
            self.done.push(line.trim_end().to_string());
        }
    }

    /// Adds a whole line of its own (e.g. an expand title).
    fn line(&mut self, text: &str) {
        self.flush();
        self.current.push_str(text);
        self.flush();
    }
}

/// Converts an ADF document (or any ADF node) to plain text: all text in
/// reading order, one line per block. Never fails; unknown nodes
/// contribute their `text` and the text of their `content`.
pub fn adf_to_plain(doc: &Value) -> String {
    let mut lines = Lines::default();
    let mut stack = vec![Step::Visit(doc)];
    while let Some(step) = stack.pop() {
        let node = match step {
            Step::EndBlock => {
                lines.flush();
                continue;
            }
            Step::Visit(node) => node,
        };
        match node {
            Value::String(s) => {
                lines.current.push_str(s);
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
        if is_block_kind(kind) {
            lines.flush();
            stack.push(Step::EndBlock);
        }
        match kind {
            "hardBreak" => lines.current.push('\n'),
            "mention" => lines.current.push_str(
                attr_str(node, "text")
                    .or(attr_str(node, "id"))
                    .unwrap_or(""),
            ),
            "emoji" => lines.current.push_str(emoji_text(node)),
            "date" => lines.current.push_str(&date_text(node)),
            "status" => lines.current.push_str(attr_str(node, "text").unwrap_or("")),
            "inlineCard" | "blockCard" | "embedCard" => {
                lines.current.push_str(card_url(node).unwrap_or(""));
            }
            "expand" | "nestedExpand" => {
                if let Some(title) = attr_str(node, "title") {
                    lines.line(title);
                }
            }
            "extension" | "inlineExtension" | "bodiedExtension" => {
                if let Some(text) = attr_str(node, "text") {
                    lines.current.push_str(text);
                }
            }
            _ => {}
        }
        if let Some(text) = own_text(node) {
            lines.current.push_str(text);
        }
        stack.extend(children(node).iter().rev().map(Step::Visit));
    }
    lines.flush();
    lines.done.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paragraphs_become_lines() {
        let doc = json!({"type": "doc", "version": 1, "content": [
            {"type": "paragraph", "content": [
                {"type": "text", "text": "Hello "},
                {"type": "text", "text": "world", "marks": [{"type": "strong"}]}
            ]},
            {"type": "heading", "attrs": {"level": 2}, "content": [{"type": "text", "text": "Next"}]}
        ]});
        assert_eq!(adf_to_plain(&doc), "Hello world\nNext");
    }

    #[test]
    fn inline_nodes_have_text() {
        let doc = json!({"type": "doc", "content": [{"type": "paragraph", "content": [
            {"type": "mention", "attrs": {"id": "1", "text": "@Bob Brown"}},
            {"type": "text", "text": " "},
            {"type": "emoji", "attrs": {"shortName": ":smile:", "text": "😄"}},
            {"type": "hardBreak"},
            {"type": "date", "attrs": {"timestamp": "0"}},
            {"type": "status", "attrs": {"text": "Done", "color": "green"}},
            {"type": "inlineCard", "attrs": {"url": "https://a.test"}}
        ]}]});
        assert_eq!(
            adf_to_plain(&doc),
            "@Bob Brown 😄\n1970-01-01Donehttps://a.test"
        );
    }

    #[test]
    fn unknown_and_malformed_keep_text() {
        let doc = json!({"type": "doc", "content": [
            {"type": "mystery", "text": "own", "content": [{"type": "text", "text": "kid"}]},
            7, null, "loose",
            {"content": {"not": "an array"}},
            {"type": "paragraph", "content": [{"type": "text", "text": 5}, {"type": "text", "text": "ok"}]}
        ]});
        assert_eq!(adf_to_plain(&doc), "ownkidloose\nok");
        assert_eq!(adf_to_plain(&json!(null)), "");
        assert_eq!(adf_to_plain(&json!("just text")), "just text");
    }

    #[test]
    fn tables_and_expands() {
        let doc = json!({"type": "doc", "content": [
            {"type": "expand", "attrs": {"title": "Details"}, "content": [
                {"type": "paragraph", "content": [{"type": "text", "text": "inside"}]}
            ]},
            {"type": "table", "content": [{"type": "tableRow", "content": [
                {"type": "tableHeader", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "H"}]}]},
                {"type": "tableCell", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "C"}]}]}
            ]}]},
            {"type": "codeBlock", "content": [{"type": "text", "text": "fn main() {}"}]}
        ]});
        assert_eq!(adf_to_plain(&doc), "Details\ninside\nH\nC\nfn main() {}");
    }

    #[test]
    fn very_deep_input_does_not_overflow() {
        let mut node = json!({"type": "text", "text": "deep"});
        for _ in 0..100_000 {
            node = super::super::tests::wrap("blockquote", node);
        }
        assert_eq!(adf_to_plain(&node), "deep");
        // Dropping a deeply nested Value recurses; leak it instead.
        std::mem::forget(node);
    }
}
