//! Reading the captured Jira responses in ../shared/fixtures/jira.

use jiratty::jira::{Issue, RichText};
use serde::de::DeserializeOwned;
use serde_json::Value;

pub fn read(path: &str) -> String {
    let full = format!(
        "{}/../shared/fixtures/jira/{path}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("read {full}: {e}"))
}

pub fn parse<T: DeserializeOwned>(path: &str) -> T {
    serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{path} does not parse: {e}"))
}

/// A search page: the `issues` array as the client's issues, plus the raw page.
pub fn search_page(path: &str) -> (Vec<Issue>, Value) {
    let page: Value = parse(path);
    let issues = serde_json::from_value(page["issues"].clone())
        .unwrap_or_else(|e| panic!("{path}: issues: {e}"));
    (issues, page)
}

pub fn plain(body: &Option<RichText>) -> String {
    match body {
        Some(RichText::Wiki(s)) => s.clone(),
        Some(RichText::Adf(doc)) => jiratty::text::adf::adf_to_plain(doc),
        None => String::new(),
    }
}
