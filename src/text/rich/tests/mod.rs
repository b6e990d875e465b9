//! Tests of the rich-text module: parsers, layout, properties and snapshots.

use unicode_width::UnicodeWidthStr;

use super::*;

mod adf;
mod layout;
mod props;
mod snapshots;
mod wiki;
mod wiki_braces;

/// The large real ADF document captured from a Jira Cloud site.
pub(super) fn md_json() -> serde_json::Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/fixtures/jira/jira-cli/md.json"
    );
    let text = std::fs::read_to_string(path).expect("fixture md.json is readable");
    serde_json::from_str(&text).expect("fixture md.json is JSON")
}

/// The demo server's curated documents (descriptions and comments).
pub(super) fn demo_docs() -> Vec<serde_json::Value> {
    let text = include_str!("../../../../assets/demo/content.json");
    let value: serde_json::Value = serde_json::from_str(text).expect("content.json is JSON");
    ["descriptions", "comments"]
        .iter()
        .flat_map(|k| value[k].as_array().cloned().unwrap_or_default())
        .collect()
}

/// Asserts no line of `r` is wider than `width` and none holds a control character.
pub(super) fn assert_fits(r: &Rendered, width: usize) {
    for line in &r.lines {
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        assert!(
            text.width() <= width,
            "line wider than {width}: {:?} ({})",
            text,
            text.width()
        );
        assert!(
            !text.chars().any(char::is_control),
            "control char in {text:?}"
        );
    }
}

/// Plain text of a wiki document at 80 columns.
pub(super) fn wiki80(src: &str) -> String {
    to_plain(&from_wiki(src), 80)
}

/// Plain text of an ADF document at 80 columns.
pub(super) fn adf80(v: serde_json::Value) -> String {
    to_plain(&from_adf(&v), 80)
}
