//! Test-only sample documents covering every ADF node and mark.

use serde_json::{Value, json};

/// Every node type listed in the ADF schema summary.
pub(super) const NODE_TYPES: [&str; 38] = [
    "doc",
    "paragraph",
    "heading",
    "bulletList",
    "orderedList",
    "codeBlock",
    "blockquote",
    "rule",
    "panel",
    "mediaSingle",
    "mediaGroup",
    "table",
    "expand",
    "decisionList",
    "taskList",
    "blockCard",
    "embedCard",
    "extension",
    "bodiedExtension",
    "layoutSection",
    "listItem",
    "media",
    "tableRow",
    "tableCell",
    "tableHeader",
    "taskItem",
    "decisionItem",
    "nestedExpand",
    "layoutColumn",
    "text",
    "hardBreak",
    "mention",
    "emoji",
    "date",
    "status",
    "inlineCard",
    "inlineExtension",
    "placeholder",
];

/// Every mark type listed in the ADF schema summary.
pub(super) const MARK_TYPES: [&str; 13] = [
    "strong",
    "em",
    "strike",
    "underline",
    "code",
    "link",
    "subsup",
    "textColor",
    "annotation",
    "alignment",
    "indentation",
    "breakout",
    "dataConsumer",
];

fn t(text: &str) -> Value {
    json!({"type": "text", "text": text})
}

fn tm(text: &str, marks: Value) -> Value {
    json!({"type": "text", "text": text, "marks": marks})
}

fn p(content: Value) -> Value {
    json!({"type": "paragraph", "content": content})
}

fn li(content: Value) -> Value {
    json!({"type": "listItem", "content": content})
}

/// A document using every node and mark at least once.
pub(super) fn full_doc() -> Value {
    json!({"version": 1, "type": "doc", "content": [
        {"type": "heading", "attrs": {"level": 1}, "content": [t("Title one")]},
        {"type": "heading", "attrs": {"level": 3}, "marks": [{"type": "alignment", "attrs": {"align": "center"}}], "content": [t("Third level")]},
        {"type": "paragraph", "marks": [{"type": "indentation", "attrs": {"level": 1}}], "content": [
            tm("bold", json!([{"type": "strong"}])), t(" "),
            tm("italic", json!([{"type": "em"}])), t(" "),
            tm("gone", json!([{"type": "strike"}])), t(" "),
            tm("under", json!([{"type": "underline"}])), t(" "),
            tm("mono", json!([{"type": "code"}])), t(" E=mc"),
            tm("2", json!([{"type": "subsup", "attrs": {"type": "sup"}}])), t(" H"),
            tm("2", json!([{"type": "subsup", "attrs": {"type": "sub"}}])), t("O "),
            tm("red", json!([{"type": "textColor", "attrs": {"color": "#ff5630"}}])), t(" "),
            tm("docs", json!([{"type": "link", "attrs": {"href": "https://example.com/docs"}}])), t(" "),
            tm("noted", json!([{"type": "annotation", "attrs": {"id": "a1", "annotationType": "inlineComment"}}])),
            {"type": "hardBreak"},
            t("after break ")
        ]},
        p(json!([
            {"type": "mention", "attrs": {"id": "5b10ac8d82e05b22cc7d4ef5", "text": "@Bob Brown"}}, t(" "),
            {"type": "emoji", "attrs": {"shortName": ":smile:", "text": "😄"}}, t(" "),
            {"type": "emoji", "attrs": {"shortName": ":rocket:", "text": "🚀"}}, t(" due "),
            {"type": "date", "attrs": {"timestamp": "1709164800000"}}, t(" "),
            {"type": "status", "attrs": {"text": "In progress", "color": "blue"}}, t(" "),
            {"type": "inlineCard", "attrs": {"url": "https://example.com/card"}}, t(" "),
            {"type": "inlineExtension", "attrs": {"extensionType": "x", "extensionKey": "k", "text": "ext inline"}},
            {"type": "placeholder", "attrs": {"text": "Type here"}}
        ])),
        {"type": "bulletList", "content": [
            li(json!([p(json!([t("level one")])), {"type": "orderedList", "attrs": {"order": 3}, "content": [
                li(json!([p(json!([t("level two")])), {"type": "bulletList", "content": [
                    li(json!([p(json!([t("level three")]))]))
                ]}]))
            ]}])),
            li(json!([p(json!([t("second item")]))]))
        ]},
        {"type": "taskList", "attrs": {"localId": "tl"}, "content": [
            {"type": "taskItem", "attrs": {"localId": "1", "state": "TODO"}, "content": [t("write tests")]},
            {"type": "taskItem", "attrs": {"localId": "2", "state": "DONE"}, "content": [t("write code")]}
        ]},
        {"type": "decisionList", "attrs": {"localId": "dl"}, "content": [
            {"type": "decisionItem", "attrs": {"localId": "3", "state": "DECIDED"}, "content": [t("ship it")]}
        ]},
        {"type": "codeBlock", "attrs": {"language": "rust"}, "marks": [{"type": "breakout", "attrs": {"mode": "wide"}}], "content": [t("fn main() {\n    println!(\"hi\");\n}")]},
        {"type": "codeBlock", "content": [t("plain code")]},
        {"type": "blockquote", "content": [p(json!([t("quoted words")]))]},
        {"type": "rule"},
        {"type": "panel", "attrs": {"panelType": "warning"}, "content": [p(json!([t("careful now")]))]},
        {"type": "expand", "attrs": {"title": "More details"}, "content": [p(json!([t("hidden text")]))]},
        {"type": "mediaSingle", "attrs": {"layout": "center"}, "content": [
            {"type": "media", "attrs": {"type": "file", "id": "abc", "collection": "c", "alt": "screenshot.png"}}
        ]},
        {"type": "mediaGroup", "content": [
            {"type": "media", "attrs": {"type": "file", "id": "def", "collection": "c", "alt": "server.log"}}
        ]},
        {"type": "table", "attrs": {"isNumberColumnEnabled": false, "layout": "default"}, "content": [
            {"type": "tableRow", "content": [
                {"type": "tableHeader", "content": [p(json!([t("Head A")]))]},
                {"type": "tableHeader", "content": [p(json!([t("Head B")]))]}
            ]},
            {"type": "tableRow", "content": [
                {"type": "tableCell", "content": [p(json!([t("cell one")])), p(json!([t("cell two")]))]},
                {"type": "tableCell", "content": [{"type": "nestedExpand", "attrs": {"title": "Nested"}, "content": [p(json!([t("deep cell")]))]}]}
            ]}
        ]},
        {"type": "blockCard", "attrs": {"url": "https://example.com/block"}},
        {"type": "embedCard", "attrs": {"url": "https://example.com/embed", "layout": "center"}},
        {"type": "extension", "attrs": {"extensionType": "x", "extensionKey": "k", "text": "ext block"}, "marks": [{"type": "dataConsumer", "attrs": {"sources": ["s"]}}]},
        {"type": "bodiedExtension", "attrs": {"extensionType": "x", "extensionKey": "k"}, "content": [p(json!([t("bodied text")]))]},
        {"type": "layoutSection", "content": [
            {"type": "layoutColumn", "attrs": {"width": 50}, "content": [p(json!([t("left column")]))]},
            {"type": "layoutColumn", "attrs": {"width": 50}, "content": [p(json!([t("right column")]))]}
        ]}
    ]})
}

/// Every `text` leaf of a document, in order.
pub(super) fn text_leaves(node: &Value, out: &mut Vec<String>) {
    match node {
        Value::Object(map) => {
            if map.get("type").and_then(Value::as_str) == Some("text")
                && let Some(text) = map.get("text").and_then(Value::as_str)
            {
                out.push(text.to_string());
            }
            if let Some(Value::Array(kids)) = map.get("content") {
                kids.iter().for_each(|k| text_leaves(k, out));
            }
        }
        Value::Array(items) => items.iter().for_each(|k| text_leaves(k, out)),
        _ => {}
    }
}

/// Collects every node type and mark type used in a document.
pub(super) fn used_types(
    node: &Value,
    nodes: &mut std::collections::BTreeSet<String>,
    marks: &mut std::collections::BTreeSet<String>,
) {
    if let Value::Object(map) = node {
        if let Some(kind) = map.get("type").and_then(Value::as_str) {
            nodes.insert(kind.to_string());
        }
        if let Some(Value::Array(ms)) = map.get("marks") {
            for m in ms {
                if let Some(kind) = m.get("type").and_then(Value::as_str) {
                    marks.insert(kind.to_string());
                }
            }
        }
        if let Some(Value::Array(kids)) = map.get("content") {
            kids.iter().for_each(|k| used_types(k, nodes, marks));
        }
    }
}

#[test]
fn full_doc_covers_schema() {
    let mut nodes = std::collections::BTreeSet::new();
    let mut marks = std::collections::BTreeSet::new();
    used_types(&full_doc(), &mut nodes, &mut marks);
    for n in NODE_TYPES {
        assert!(nodes.contains(n), "sample lacks node {n}");
    }
    for m in MARK_TYPES {
        assert!(marks.contains(m), "sample lacks mark {m}");
    }
}
