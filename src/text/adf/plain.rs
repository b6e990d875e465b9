//! ADF → plain text (for search and for v2 `text` representations).

use serde_json::Value;

use crate::text::rich::adf::text::{Layout, text_of};

/// Converts an ADF document (or any ADF node) to plain text: all text in
/// reading order, one line per block. Never fails; unknown nodes
/// contribute their `text` and the text of their `content`. It is the rich
/// parser's text extractor, laid out a line per block.
pub fn adf_to_plain(doc: &Value) -> String {
    text_of(doc, Layout::Lines)
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
