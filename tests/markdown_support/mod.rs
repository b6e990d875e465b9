//! Shared by the Markdown tests: Atlassian's ADF schema, compiled once, and the people the
//! tests mention.
#![allow(dead_code)] // each test file uses a different subset

use std::sync::OnceLock;

use jiratty::text::markdown::Mention;
use serde_json::Value;

/// Atlassian's ADF JSON schema (draft 4), from the shared fixtures beside the repository.
fn validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/fixtures/jira/adf-schema/full.json"
        );
        let text = std::fs::read_to_string(path)
            .expect("the ADF schema is readable at ../shared/fixtures/jira/adf-schema/full.json");
        let schema: Value = serde_json::from_str(&text).expect("the ADF schema is JSON");
        jsonschema::draft4::new(&schema).expect("the ADF schema compiles")
    })
}

/// The schema's complaints about `doc`, one line each.
pub fn schema_errors(doc: &Value) -> Vec<String> {
    validator()
        .iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

/// Asserts that `doc` is valid ADF.
#[track_caller]
pub fn assert_valid(doc: &Value, source: &str) {
    let errors = schema_errors(doc);
    assert!(
        errors.is_empty(),
        "invalid ADF for {source:?}:\n{}\n{doc:#}",
        errors.join("\n")
    );
}

/// The people the tests mention.
pub fn people() -> Vec<Mention> {
    [
        ("Bob", "bob-id"),
        ("Bob Brown", "5b10ac8d82e05b22cc7d4ef5"),
        ("Carol", "carol"),
    ]
    .iter()
    .map(|(name, id)| Mention {
        name: name.to_string(),
        id: id.to_string(),
    })
    .collect()
}
