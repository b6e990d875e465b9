//! Markdown → ADF: each construct gives exactly the expected ADF, and every result is valid
//! against Atlassian's schema.

mod markdown_support;

use jiratty::text::markdown::to_adf;
use markdown_support::{assert_valid, people};
use serde_json::{Value, json};

/// The ADF for `md` (checked against the schema).
fn adf(md: &str) -> Value {
    let doc = to_adf(md, &people());
    assert_valid(&doc, md);
    doc
}

fn doc(content: Value) -> Value {
    json!({"type": "doc", "version": 1, "content": content})
}

fn para(content: Value) -> Value {
    json!({"type": "paragraph", "content": content})
}

fn text(t: &str) -> Value {
    json!({"type": "text", "text": t})
}

fn marked(t: &str, marks: Value) -> Value {
    json!({"type": "text", "text": t, "marks": marks})
}

fn item(content: Value) -> Value {
    json!({"type": "listItem", "content": content})
}

#[test]
fn paragraphs_and_breaks() {
    assert_eq!(adf(""), doc(json!([])));
    assert_eq!(
        adf("one\ntwo  \nthree\\\nfour\n\nnext"),
        doc(json!([
            para(
                json!([text("one"), {"type": "hardBreak"}, text("two"), {"type": "hardBreak"},
                text("three"), {"type": "hardBreak"}, text("four")])
            ),
            para(json!([text("next")])),
        ]))
    );
}

#[test]
fn emphasis_strong_strike_and_code() {
    assert_eq!(
        adf("*em* **strong** ~~gone~~ `x = 1` ***both***"),
        doc(json!([para(json!([
            marked("em", json!([{"type": "em"}])),
            text(" "),
            marked("strong", json!([{"type": "strong"}])),
            text(" "),
            marked("gone", json!([{"type": "strike"}])),
            text(" "),
            marked("x = 1", json!([{"type": "code"}])),
            text(" "),
            marked("both", json!([{"type": "strong"}, {"type": "em"}])),
        ]))]))
    );
    // Code takes no other mark in ADF.
    assert_eq!(
        adf("**`bold code`**"),
        doc(json!([para(json!([marked(
            "bold code",
            json!([{"type": "code"}])
        )]))]))
    );
}

#[test]
fn code_blocks_with_and_without_a_language() {
    assert_eq!(
        adf("```rust\nfn main() {}\n```\n\n    indented\n\n```\n```"),
        doc(json!([
            {"type": "codeBlock", "attrs": {"language": "rust"}, "content": [text("fn main() {}")]},
            {"type": "codeBlock", "content": [text("indented")]},
            {"type": "codeBlock"},
        ]))
    );
}

#[test]
fn lists_nest_and_number() {
    assert_eq!(
        adf("- a\n  1. b\n  2. c\n- d\n\n3. three\n4. four"),
        doc(json!([
            {"type": "bulletList", "content": [
                item(json!([para(json!([text("a")])), {"type": "orderedList", "attrs": {"order": 1}, "content": [
                    item(json!([para(json!([text("b")]))])),
                    item(json!([para(json!([text("c")]))])),
                ]}])),
                item(json!([para(json!([text("d")]))])),
            ]},
            {"type": "orderedList", "attrs": {"order": 3}, "content": [
                item(json!([para(json!([text("three")]))])),
                item(json!([para(json!([text("four")]))])),
            ]},
        ]))
    );
}

#[test]
fn task_lists() {
    let task = |id: &str, state: &str, t: &str| json!({"type": "taskItem", "attrs": {"localId": id, "state": state}, "content": [text(t)]});
    assert_eq!(
        adf("- [ ] write\n- [x] test\n  - [ ] again"),
        doc(
            json!([{"type": "taskList", "attrs": {"localId": "1"}, "content": [
                task("2", "TODO", "write"),
                task("3", "DONE", "test"),
                {"type": "taskList", "attrs": {"localId": "4"}, "content": [task("5", "TODO", "again")]},
            ]}])
        )
    );
    // Some items ticked, some not: a bullet list, the boxes stay as text.
    assert_eq!(
        adf("- [x] done\n- plain"),
        doc(json!([{"type": "bulletList", "content": [
            item(json!([para(json!([text("[x] done")]))])),
            item(json!([para(json!([text("plain")]))])),
        ]}]))
    );
}

#[test]
fn quotes_and_what_adf_does_not_nest() {
    assert_eq!(
        adf("> quoted\n>\n> > deeper\n> # title"),
        doc(json!([{"type": "blockquote", "content": [
            para(json!([text("quoted")])),
            para(json!([text("deeper")])),
            para(json!([marked("title", json!([{"type": "strong"}]))])),
        ]}]))
    );
    // A list item holds no heading, quote or rule.
    assert_eq!(
        adf("- # head\n- > said\n\n  ---"),
        doc(json!([{"type": "bulletList", "content": [
            item(json!([para(json!([marked("head", json!([{"type": "strong"}]))]))])),
            item(json!([para(json!([text("said")]))])),
        ]}]))
    );
}

#[test]
fn links_autolinks_and_images() {
    let link = |href: &str| json!([{"type": "link", "attrs": {"href": href}}]);
    assert_eq!(
        adf(
            "[the **docs**](https://d.test/a) <https://auto.test> <me@x.test> ![shot](https://i.test/s.png)"
        ),
        doc(json!([para(json!([
            marked("the ", link("https://d.test/a")),
            marked(
                "docs",
                json!([{"type": "strong"}, {"type": "link", "attrs": {"href": "https://d.test/a"}}])
            ),
            text(" "),
            marked("https://auto.test", link("https://auto.test")),
            text(" "),
            marked("me@x.test", link("mailto:me@x.test")),
            text(" "),
            marked("shot", link("https://i.test/s.png")),
        ]))]))
    );
    // A bare address is a link too (not in code, not inside another link).
    assert_eq!(
        adf("see https://b.test/x. `https://c.test` [https://d.test](https://e.test)"),
        doc(json!([para(json!([
            text("see "),
            marked("https://b.test/x", link("https://b.test/x")),
            text(". "),
            marked("https://c.test", json!([{"type": "code"}])),
            text(" "),
            marked("https://d.test", link("https://e.test")),
        ]))]))
    );
}

#[test]
fn headings_one_to_six() {
    for level in 1..=6 {
        let md = format!("{} Title", "#".repeat(level));
        assert_eq!(
            adf(&md),
            doc(
                json!([{"type": "heading", "attrs": {"level": level}, "content": [text("Title")]}])
            )
        );
    }
}

#[test]
fn tables_rules_and_html() {
    let cell = |kind: &str, content: Value| json!({"type": kind, "content": content});
    assert_eq!(
        adf(
            "| Name | *Age* |\n|---|--:|\n| Bob | |\n\n---\n\n<div>raw</div>\n\nan <b>inline</b> tag"
        ),
        doc(json!([
            {"type": "table", "content": [
                {"type": "tableRow", "content": [
                    cell("tableHeader", json!([para(json!([text("Name")]))])),
                    cell("tableHeader", json!([para(json!([marked("Age", json!([{"type": "em"}]))]))])),
                ]},
                {"type": "tableRow", "content": [
                    cell("tableCell", json!([para(json!([text("Bob")]))])),
                    cell("tableCell", json!([{"type": "paragraph"}])),
                ]},
            ]},
            {"type": "rule"},
            para(json!([text("<div>raw</div>")])),
            para(json!([text("an <b>inline</b> tag")])),
        ]))
    );
}

#[test]
fn mentions_longest_name_first_and_not_in_code() {
    assert_eq!(
        adf("@Bob Brown, @Bob and @Nobody; `@Carol` a@Carol"),
        doc(json!([para(json!([
            {"type": "mention", "attrs": {"id": "5b10ac8d82e05b22cc7d4ef5", "text": "@Bob Brown"}},
            text(", "),
            {"type": "mention", "attrs": {"id": "bob-id", "text": "@Bob"}},
            text(" and @Nobody; "),
            marked("@Carol", json!([{"type": "code"}])),
            text(" a@Carol"),
        ]))]))
    );
    assert_eq!(
        to_adf("hi @Bob", &[]),
        doc(json!([para(json!([text("hi @Bob")]))]))
    );
}
