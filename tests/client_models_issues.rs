//! Every issue and search-page response file in ../shared/fixtures/jira parses into the
//! client's models (one test per file), with a meaningful value checked in each.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use jiratty::jira::{Issue, RichText};
use serde_json::Value;
use support::fixtures::{parse, plain, search_page};

// --- issues ---------------------------------------------------------------------------------

#[test]
fn python_api_cloud_issue() {
    let issue: Issue = parse("atlassian-python-api/issue__FOO-123__GET.json");
    assert_eq!(
        (issue.key.as_str(), issue.id.as_str()),
        ("FOO-123", "138135")
    );
    let f = &issue.fields;
    assert_eq!(f.summary.as_deref(), Some("Sample"));
    assert_eq!(f.status.as_ref().map(|s| s.name.as_str()), Some("Backlog"));
    assert_eq!(f.issuetype.as_ref().map(|t| t.name.as_str()), Some("Epic"));
    assert!(f.assignee.is_none());
    assert_eq!(
        f.reporter.as_ref().and_then(|u| u.account_id.as_deref()),
        Some("abc123")
    );
    assert_eq!(
        f.project.as_ref().and_then(|p| p.key.as_deref()),
        Some("FOO")
    );
    assert_eq!(f.labels, ["sample"]);
}

#[test]
fn go_jira_server_issue_with_names() {
    let issue: Issue = parse("go-jira/onpremise__issue_test.go__L26_issue_get.json");
    assert_eq!(issue.key, "EX-1");
    assert_eq!(plain(&issue.fields.description), "example bug report");
    assert_eq!(
        issue.fields.project.as_ref().map(|p| p.name.as_str()),
        Some("Example")
    );
    let link = &issue.fields.issuelinks[0];
    assert_eq!(
        link.outward_issue.as_ref().map(|i| i.key.as_str()),
        Some("PRJ-2")
    );
    assert_eq!(link.link_type.outward, "is depended by");
    let back = &issue.fields.issuelinks[1];
    assert_eq!(
        back.inward_issue.as_ref().map(|i| i.key.as_str()),
        Some("PRJ-3")
    );
    assert!(
        issue.fields.other.contains_key("watcher"),
        "unknown fields kept raw"
    );
    assert_eq!(
        issue.names.get("timetracking").and_then(Value::as_str),
        Some("timetracking")
    );
}

#[test]
fn go_jira_server_issue_with_changelog() {
    let issue: Issue = parse("go-jira/onpremise__issue_test.go__L1696_issue_changelog.json");
    assert_eq!((issue.key.as_str(), issue.id.as_str()), ("EX-1", "10002"));
    assert!(
        issue.fields.summary.is_none(),
        "an issue without fields is fine"
    );
}

#[test]
fn jira_cli_cloud_issue_with_adf() {
    let issue: Issue = parse("jira-cli/issue.json");
    assert_eq!(issue.key, "TEST-1");
    assert!(matches!(issue.fields.description, Some(RichText::Adf(_))));
    assert!(plain(&issue.fields.description).contains("Test description"));
    assert_eq!(
        issue.fields.reporter.as_ref().map(|u| u.label()),
        Some("Person A")
    );
    assert_eq!(
        issue.fields.issuelinks[0]
            .outward_issue
            .as_ref()
            .map(|i| i.key.as_str()),
        Some("TEST-2")
    );
}

#[test]
fn jira_cli_v2_issue_with_wiki_text() {
    let issue: Issue = parse("jira-cli/issue-2.json");
    assert_eq!(issue.fields.summary.as_deref(), Some("Bug summary"));
    assert_eq!(
        issue.fields.description,
        Some(RichText::Wiki("Test description".into()))
    );
    assert_eq!(
        issue.fields.priority.as_ref().map(|p| p.name.as_str()),
        Some("Medium")
    );
}

#[test]
fn jira_ruby_server_issue() {
    let issue: Issue = parse("jira-ruby/issue__10002.json");
    assert_eq!(issue.key, "SAMPLEPROJECT-1");
    assert_eq!(issue.fields.summary.as_deref(), Some("Sample Issue"));
    assert_eq!(
        issue
            .fields
            .reporter
            .as_ref()
            .and_then(|u| u.name.as_deref()),
        Some("admin")
    );
    assert_eq!(
        issue.fields.priority.as_ref().map(|p| p.name.as_str()),
        Some("Major")
    );
    assert_eq!(issue.fields.comment.as_ref().map(|c| c.total), Some(0));
}

#[test]

fn openapi_cloud_issue() {
    let issue: Issue = parse("openapi/examples-cloud-v3/issue_GET.response-200.json");
    assert_eq!((issue.key.as_str(), issue.id.as_str()), ("ED-1", "10002"));
    assert!(issue.fields.updated.is_some());
    assert!(issue.fields.other.contains_key("attachment"));
}

// --- search pages ---------------------------------------------------------------------------

#[test]
fn go_jira_server_search_page() {
    let (issues, page) = search_page("go-jira/onpremise__issue_test.go__L627_search.json");
    assert_eq!(
        issues.iter().map(|i| i.key.as_str()).collect::<Vec<_>>(),
        ["BULK-62", "BULK-47"]
    );
    assert!(
        issues[0].fields.other.contains_key("customfield_10071"),
        "custom fields kept raw"
    );
    assert_eq!(
        (page["startAt"].as_u64(), page["total"].as_u64()),
        (Some(1), Some(6))
    );
}

#[test]
fn jira_ruby_server_search_page() {
    let (issues, page) = search_page("jira-ruby/issue.json");
    assert_eq!(issues.len(), 11);
    assert_eq!(issues[0].key, "SAMPLEPROJECT-13");
    assert_eq!(
        issues[0]
            .fields
            .assignee
            .as_ref()
            .and_then(|u| u.name.as_deref()),
        Some("admin")
    );
    assert_eq!(page["total"].as_u64(), Some(11));
}

#[test]
fn jira_ruby_empty_search_page() {
    let (issues, page) = search_page("jira-ruby/empty_issues.json");
    assert!(issues.is_empty());
    assert_eq!(page["total"].as_u64(), Some(0));
}

#[test]
fn jira_cli_token_style_search_page() {
    let (issues, page) = search_page("jira-cli/search.json");
    assert_eq!(
        issues.iter().map(|i| i.key.as_str()).collect::<Vec<_>>(),
        ["TEST-1", "TEST-2", "TEST-3"]
    );
    assert_eq!(
        issues[2].fields.assignee.as_ref().map(|u| u.label()),
        Some("Person A")
    );
    assert_eq!(page["isLast"].as_bool(), Some(true));
    assert!(page.get("total").is_none());
}

#[test]

fn openapi_search_jql_page() {
    let (issues, page) = search_page("openapi/examples-cloud-v3/search-jql_GET.response-200.json");
    assert_eq!(issues[0].key, "ED-1");
    assert_eq!(page["isLast"].as_bool(), Some(true));
}

#[test]

fn openapi_deprecated_search_page() {
    let (issues, page) =
        search_page("openapi/examples-cloud-v3/search_GET_deprecated.response-200.json");
    assert_eq!(issues[0].key, "ED-1");
    assert_eq!(page["total"].as_u64(), Some(1));
}

#[test]
fn jira_cli_adf_document() {
    let doc: RichText = parse("jira-cli/md.json");
    assert!(matches!(doc, RichText::Adf(_)));
    assert!(plain(&Some(doc)).lines().count() > 10);
}
