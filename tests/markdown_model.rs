//! The model's writers over documents that did not come from Markdown: Jira Cloud's ADF and
//! Data Center's wiki markup read into the model (with panels, media, emoji, colours, status
//! lozenges, smart links...) still write out as valid ADF and as wiki, keeping their words.

mod markdown_support;

use jiratty::text::rich::{Doc, block_text, from_adf, from_wiki, write_adf, write_wiki};
use markdown_support::schema_errors;
use proptest::prelude::*;
use serde_json::Value;

fn nobody(_: &str) -> Option<String> {
    None
}

/// The large real ADF document captured from a Jira Cloud site (in ../shared).
fn md_json() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/fixtures/jira/jira-cli/md.json"
    );
    let text = std::fs::read_to_string(path).expect("the shared fixture md.json is readable");
    serde_json::from_str(&text).expect("md.json is JSON")
}

/// The words of a document's text (not the labels the layout adds).
fn text(doc: &Doc) -> String {
    let blocks: Vec<String> = doc.blocks.iter().map(block_text).collect();
    blocks.join("\n")
}

/// Writes `doc` both ways; the ADF must be valid and both must keep the words of `doc` (its
/// text, not the labels the layout adds).
fn assert_writes(doc: &Doc, what: &str) {
    let adf = write_adf(doc, &nobody);
    let errors = schema_errors(&adf);
    assert!(errors.is_empty(), "{what}: invalid ADF {errors:?}");
    let wiki = write_wiki(doc, &nobody);
    let original = text(doc);
    let via_adf = text(&from_adf(&adf));
    let via_wiki = text(&from_wiki(&wiki));
    for word in original
        .split_whitespace()
        .filter(|w| w.chars().all(char::is_alphanumeric))
    {
        assert!(via_adf.contains(word), "{what}: {word:?} lost via ADF");
        assert!(
            via_wiki.contains(word),
            "{what}: {word:?} lost via wiki:\n{wiki}"
        );
    }
}

#[test]
fn real_and_demo_documents_write_out() {
    assert_writes(&from_adf(&md_json()), "md.json");
    let text = include_str!("../assets/demo/content.json");
    let content: Value = serde_json::from_str(text).expect("content.json is JSON");
    for key in ["descriptions", "comments"] {
        for (i, doc) in content[key].as_array().into_iter().flatten().enumerate() {
            assert_writes(&from_adf(doc), &format!("{key}[{i}]"));
        }
    }
}

#[test]
fn wiki_documents_write_out() {
    let src = "h2. Checkout *fails*\n{color:red}red{color} x^2^ H~2~O +under+ :) [~alice]\n\
        # one\n## two\n||h||g||\n|c|{{mono}}|\n{code:java}\nint x;\n{code}\n\
        {warning:title=Careful}\nbody\n{warning}\n{panel}\nplain panel\n{panel}\n\
        bq. said\n----\n!shot.png! [^log.txt] [site|https://s.test]";
    assert_writes(&from_wiki(src), "wiki sample");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_wiki_writes_valid_adf(src in "\\PC{0,300}") {
        let doc = from_wiki(&src);
        let adf = write_adf(&doc, &nobody);
        let errors = schema_errors(&adf);
        prop_assert!(errors.is_empty(), "{src:?}: invalid ADF {errors:?}\n{adf}");
        let _ = write_wiki(&doc, &nobody);
    }
}
