//! One table of which operators each JQL field takes (`jiratty::jql::operators`): the demo
//! server's `jql/autocompletedata` lists exactly the table's operators, its search accepts every
//! (field, operator) pair it lists and refuses the others with Jira's message, and the table
//! agrees with the operators in Atlassian's own autocomplete example.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use common::*;
use jiratty::demo::model::Flavor;
use jiratty::jql::Operator;
use jiratty::jql::operators::{ALL_OPERATORS, CustomFieldType, system_field};
use serde_json::{Value, json};

/// The table's operators for a field of the site's autocomplete data: system fields by name,
/// custom fields by their value type.
fn table_operators(field: &Value) -> &'static [Operator] {
    let name = field["value"].as_str().expect("a field name");
    if field["cfid"].is_string() {
        let ty = field["types"][0].as_str().unwrap_or_default();
        CustomFieldType::from_java_type(ty)
            .unwrap_or_else(|| panic!("{name}: no custom type for {ty}"))
            .operators()
    } else {
        system_field(name)
            .unwrap_or_else(|| panic!("{name} is not in the operator table"))
            .operators
    }
}

/// A value of the demo dataset for each field, as JQL.
fn sample(field: &str) -> &'static str {
    match field {
        "project" => "ACME",
        "key" | "parent" => "ACME-1",
        "issuetype" => "Bug",
        "status" => "\"To Do\"",
        "statusCategory" | "resolution" => "Done",
        "assignee" | "reporter" => "\"alice@example.com\"",
        "priority" => "High",
        "labels" => "backend",
        "component" => "Frontend",
        "summary" | "description" | "comment" | "text" => "login",
        "created" | "updated" | "duedate" | "resolutiondate" => "2024-01-01",
        "Story Points" => "3",
        "Flagged" => "Impediment",
        "Team" => "Platform",
        "Platforms" => "Linux",
        "Area" => "Hardware",
        "Reviewer" | "Approvers" => "\"alice@example.com\"",
        "Target date" => "2024-01-01",
        "Tags" => "regression",
        other => panic!("no sample value for {other}"),
    }
}

fn query(field: &str, op: Operator) -> String {
    let value = sample(field);
    let written = if field.contains(' ') {
        format!("\"{field}\"")
    } else {
        field.to_string()
    };
    let operand = match op {
        Operator::In | Operator::NotIn | Operator::WasIn | Operator::WasNotIn => {
            format!(" ({value})")
        }
        Operator::Is | Operator::IsNot => " EMPTY".to_string(),
        Operator::Changed => String::new(),
        _ => format!(" {value}"),
    };
    format!("{written} {}{operand}", op.display().to_uppercase())
}

/// Fields the demo lists IS for but, never being empty, refuses EMPTY on (as Jira does).
const NEVER_EMPTY: &[&str] = &["project", "issuetype", "status", "created", "updated"];

async fn search(site: &Site, jql: &str) -> Reply {
    site.post(
        "/rest/api/3/search/jql",
        &json!({"jql": jql, "maxResults": 1000, "fields": ["summary"]}),
    )
    .await
}

fn keys_of(page: &Value) -> Vec<String> {
    page["issues"]
        .as_array()
        .expect("issues")
        .iter()
        .filter_map(|i| i["key"].as_str().map(str::to_string))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn autocomplete_lists_and_search_accepts_exactly_the_tables_operators() {
    let site = site(Flavor::Cloud).await;
    let data = site.get_ok("/rest/api/3/jql/autocompletedata").await;
    let fields = data["visibleFieldNames"].as_array().expect("fields");
    let mut pairs = 0;
    for field in fields {
        let name = field["value"].as_str().expect("a field name");
        let takes = table_operators(field);
        let listed: Vec<&str> = field["operators"]
            .as_array()
            .expect("operators")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let expected: Vec<&str> = takes.iter().map(|op| op.display()).collect();
        assert_eq!(listed, expected, "{name}");
        for &op in ALL_OPERATORS {
            let jql = query(name, op);
            let reply = search(&site, &jql).await;
            if !takes.contains(&op) {
                let refused = format!(
                    "The operator '{}' is not supported by the '{name}' field.",
                    op.display()
                );
                assert_eq!(reply.assert_jira_error(400), [refused], "{jql}");
            } else if matches!(op, Operator::Is | Operator::IsNot) && NEVER_EMPTY.contains(&name) {
                let refused =
                    format!("The field '{name}' does not support searching for EMPTY values.");
                assert_eq!(reply.assert_jira_error(400), [refused], "{jql}");
            } else {
                assert_eq!(reply.status, 200, "{jql}: {}", reply.text);
                pairs += 1;
            }
        }
    }
    assert!(pairs > 150, "only {pairs} accepted queries");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_was_answers_from_the_current_value() {
    let site = site(Flavor::Cloud).await;
    let found = |reply: Reply| {
        assert_eq!(reply.status, 200, "{}", reply.text);
        keys_of(&reply.json())
    };
    let now = found(search(&site, "project = ACME AND status = \"In Progress\"").await);
    let was = found(search(&site, "project = ACME AND status WAS \"In Progress\"").await);
    assert!(!now.is_empty());
    assert_eq!(was, now);
    let changed = found(search(&site, "project = ACME AND status CHANGED").await);
    assert_eq!(changed, Vec::<String>::new());
    let refused = search(&site, "summary WAS login").await;
    assert_eq!(
        refused.assert_jira_error(400),
        ["The operator 'was' is not supported by the 'summary' field."]
    );
}

#[test]
fn the_table_agrees_with_atlassians_autocomplete_example() {
    let example = fixture("openapi/examples-cloud-v3/jql-autocompletedata_GET.response-200.json");
    let fields = example["visibleFieldNames"].as_array().expect("fields");
    assert_eq!(fields.len(), 2, "summary and a Sprint custom field");
    for field in fields {
        let listed: Vec<&str> = field["operators"]
            .as_array()
            .expect("operators")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let expected: Vec<&str> = table_operators(field)
            .iter()
            .map(|op| op.display())
            .collect();
        assert_eq!(listed, expected, "{}", field["value"]);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn completion_offers_what_the_demo_accepts() {
    let builtin = jiratty::jql::complete::CompletionData::builtin();
    let site = site(Flavor::Cloud).await;
    let data = site.get_ok("/rest/api/3/jql/autocompletedata").await;
    let mut disagree = Vec::new();
    for field in data["visibleFieldNames"].as_array().expect("fields") {
        let name = field["value"].as_str().expect("a field name");
        let Some(offered) = builtin.field(name) else {
            continue;
        };
        let accepted: Vec<&str> = field["operators"]
            .as_array()
            .expect("operators")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        if offered.operators != accepted {
            disagree.push(format!(
                "{name}: completion {:?}, demo {accepted:?}",
                offered.operators
            ));
        }
    }
    assert!(disagree.is_empty(), "{}", disagree.join("\n"));
}
