//! Writing a comment back as Markdown, for editing it (`markdown::from_doc`): the Markdown
//! reads back as the same document, construct by construct and for random documents; what
//! Markdown cannot say keeps its text; the people a comment mentions are mentioned again.
#![allow(clippy::unwrap_used, clippy::panic)] // tests fail loudly

use jiratty::text::markdown::{Mention, from_doc, mentions_in_adf, to_adf, to_doc};
use jiratty::text::rich::{from_adf, from_wiki, to_plain};
use proptest::prelude::*;
use serde_json::json;

/// Markdown → document → Markdown → document gives the first document again.
fn same_back(markdown: &str) {
    let first = to_doc(markdown, &[]);
    let written = from_doc(&first);
    let again = to_doc(&written, &[]);
    assert_eq!(
        first, again,
        "\n--- typed ---\n{markdown}\n--- written back ---\n{written}\n"
    );
}

#[test]
fn every_construct_reads_back_the_same() {
    for md in [
        "plain words, and more words",
        "**bold**, _italic_, ~~gone~~ and `code`, **_both_**",
        "# One\n\n## Two\n\n###### Six",
        "line one\nline two",
        "- a\n- b\n  - nested\n  - more\n- c",
        "3. three\n4. four",
        "- [ ] to do\n- [x] done",
        "```rust\nfn main() {}\n```",
        "````\nhas ``` inside\n````",
        "> quoted\n>\n> twice",
        "before\n\n---\n\nafter",
        "| a | b |\n| --- | --- |\n| 1 | 2 |\n| x \\| y | z |",
        "[a link](https://example.com/x?y=1) and <https://auto.example>",
        "[spaced](<https://example.com/a b>)",
        "1\\. not a list, \\- not a bullet, \\# not a heading",
        "snake_case and a * b and [brackets] and `tick` inside text",
        "a _b_ c",
        "- item with\n  two lines",
    ] {
        same_back(md);
    }
}

#[test]
fn text_that_looks_like_markup_stays_text() {
    let doc = from_wiki("1. not a list\n# not a heading\n> not a quote\n- not a bullet");
    let plain_before = to_plain(&doc, 200);
    let written = from_doc(&doc);
    let plain_after = to_plain(&to_doc(&written, &[]), 200);
    assert_eq!(plain_before, plain_after, "{written}");
}

#[test]
fn panels_and_expands_keep_their_text_as_quotes() {
    let adf = json!({"type": "doc", "version": 1, "content": [
        {"type": "panel", "attrs": {"panelType": "warning"}, "content": [
            {"type": "paragraph", "content": [{"type": "text", "text": "Mind the gap"}]}]},
        {"type": "expand", "attrs": {"title": "Details"}, "content": [
            {"type": "paragraph", "content": [{"type": "text", "text": "hidden words"}]}]}
    ]});
    let written = from_doc(&from_adf(&adf));
    assert_eq!(
        written,
        "> **Warning**\n>\n> Mind the gap\n\n> **Details**\n>\n> hidden words"
    );
}

#[test]
fn mentions_come_back_with_their_ids() {
    let adf = json!({"type": "doc", "version": 1, "content": [{"type": "paragraph", "content": [
        {"type": "text", "text": "thanks "},
        {"type": "mention", "attrs": {"id": "5b10ac8d82e05b22cc7d4ef5", "text": "@Bob Brown"}},
        {"type": "text", "text": "!"}
    ]}]});
    let people = mentions_in_adf(&adf);
    assert_eq!(
        people,
        [Mention {
            name: "Bob Brown".into(),
            id: "5b10ac8d82e05b22cc7d4ef5".into()
        }]
    );
    let written = from_doc(&from_adf(&adf));
    assert_eq!(written, "thanks @Bob Brown!");
    let sent = to_adf(&written, &people);
    assert_eq!(
        sent["content"][0]["content"][1],
        json!({"type": "mention", "attrs": {"id": "5b10ac8d82e05b22cc7d4ef5", "text": "@Bob Brown"}})
    );
}

/// How a line of a comment may start.
const STARTS: [&str; 9] = ["", "", "", "# ", "> ", "- ", "1. ", "- [ ] ", "  - "];
/// How a word may be marked.
const MARKS: [(&str, &str); 7] = [
    ("", ""),
    ("", ""),
    ("**", "**"),
    ("*", "*"),
    ("~~", "~~"),
    ("`", "`"),
    ("[", "](https://l.test/)"),
];

/// Comments as people write them: lines of marked words, some starting a block, some code.
fn markdown() -> impl Strategy<Value = String> {
    let word = ("[a-z]{1,7}", 0..MARKS.len())
        .prop_map(|(w, m)| format!("{}{w}{}", MARKS[m].0, MARKS[m].1));
    let line = prop_oneof![
        6 => (0..STARTS.len(), prop::collection::vec(word, 1..6))
            .prop_map(|(s, words)| format!("{}{}", STARTS[s], words.join(" "))),
        1 => "[a-z ]{0,12}".prop_map(|code| format!("```\n{code}\n```")),
        1 => Just("---".to_string()),
    ];
    let gap = prop_oneof![Just("\n"), Just("\n\n")];
    prop::collection::vec((line, gap), 0..8)
        .prop_map(|lines| lines.into_iter().map(|(l, g)| format!("{l}{g}")).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Whatever was typed, its document written back reads back as the same document.
    #[test]
    fn comments_read_back_as_the_same_document(md in markdown()) {
        let first = to_doc(&md, &[]);
        let written = from_doc(&first);
        let again = to_doc(&written, &[]);
        prop_assert_eq!(&first, &again, "typed {:?}, written {:?}", md, written);
    }
}
