//! Every comment, user, server-info, filter, autocomplete and field-list response file in
//! ../shared/fixtures/jira parses into the client's models (one test per file), and the captured
//! error bodies reach the user as Jira's own message.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use jiratty::jira::{
    AutocompleteData, ClientOptions, Comment, CommentPage, Deployment, Filter, JiraError, RichText,
    ServerInfo, Suggestions, User,
};
use serde_json::Value;
use support::fixtures::{parse, plain, read};

// --- comments -------------------------------------------------------------------------------

#[test]
fn python_api_comment_page() {
    let page: CommentPage = parse("atlassian-python-api/issue__FOO-123__comment__GET.json");
    assert_eq!((page.total, page.max_results), (2, 1_048_576));
    let bodies: Vec<String> = page.comments.iter().map(|c| plain(&c.body)).collect();
    assert_eq!(bodies, ["Some Text comment", "Second Comment"]);
}

#[test]
fn python_api_single_comment() {
    let comment: Comment = parse("atlassian-python-api/issue__FOO-123__comment__10000__GET.json");
    assert_eq!(comment.id, "10000");
    assert_eq!(plain(&comment.body), "Some Text comment");
    assert_eq!(comment.created, "2022-10-25T20:21:33.277+0100");
}

#[test]
fn demisto_cloud_adf_comment_page() {
    let page: CommentPage = parse("demisto-content/get_comments_test__raw_response.json");
    assert_eq!((page.total, page.comments.len()), (3, 3));
    assert_eq!(page.comments[0].id, "18322");
    assert!(matches!(page.comments[0].body, Some(RichText::Adf(_))));
    assert!(!plain(&page.comments[0].body).trim().is_empty());
}

#[test]
fn go_jira_server_comment() {
    let comment: Comment = parse("go-jira/onpremise__issue_test.go__L189_comment.json");
    assert!(plain(&comment.body).starts_with("Lorem ipsum"));
    assert_eq!(
        comment.author.as_ref().and_then(|u| u.name.as_deref()),
        Some("fred")
    );
}

#[test]
fn jira_ruby_server_comment_page() {
    let page: CommentPage = parse("jira-ruby/issue__10002__comment.json");
    assert_eq!(page.total, 2);
    assert_eq!(
        page.comments[0]
            .author
            .as_ref()
            .and_then(|u| u.name.as_deref()),
        Some("admin")
    );
}

#[test]
fn openapi_comment_page() {
    let page: CommentPage = parse("openapi/examples-cloud-v3/issue-comment_GET.response-200.json");
    assert_eq!(page.total, 1);
    assert_eq!(
        page.comments[0].author.as_ref().map(|u| u.label()),
        Some("Mia Krystof")
    );
}

// --- users and server info ------------------------------------------------------------------

#[test]
fn demisto_cloud_user() {
    let user: User = parse("demisto-content/get_user_info_test__cloud_raw_response.json");
    assert_eq!(
        user.identity(),
        "123456:cd68d496-c059-4e88-9e29-12ef5c911bcf"
    );
    assert_eq!(user.label(), "Example User");
    assert!(user.name.is_none());
}

#[test]
fn demisto_onprem_user() {
    let user: User = parse("demisto-content/get_user_info_test__onprem_raw_response.json");
    assert_eq!(user.key.as_deref(), Some("JIRAUSER10000"));
    assert!(user.account_id.is_none());
    assert_eq!(user.email_address.as_deref(), Some("user@example.com"));
    assert_eq!(
        user.identity(),
        user.name.as_deref().unwrap_or("JIRAUSER10000")
    );
}

#[test]
fn jira_cli_trimmed_myself() {
    let user: User = parse("jira-cli/myself.json");
    assert_eq!(user.label(), "Person A");
    assert_eq!(user.identity(), "");
}

#[test]
fn openapi_myself() {
    let user: User = parse("openapi/examples-cloud-v3/myself_GET.response-200.json");
    assert_eq!(user.account_id.as_deref(), Some("5b10a2844c20165700ede21g"));
    assert_eq!(user.name, None, "privacy-blanked name reads as absent");
    assert_eq!(user.identity(), "5b10a2844c20165700ede21g");
}

#[test]
fn jira_cli_cloud_server_info() {
    let info: ServerInfo = parse("jira-cli/serverinfo.json");
    assert_eq!(info.deployment(), Deployment::Cloud);
    assert_eq!(info.version, "1001.0.0-SNAPSHOT");
    assert_eq!(info.base_url, "https://demo.atlassian.net");
}

#[test]
fn openapi_server_info_without_deployment_type() {
    let info: ServerInfo = parse("openapi/examples-cloud-v3/serverInfo_GET.response-200.json");
    assert_eq!(info.base_url, "https://your-domain.atlassian.net");
    assert!(info.deployment_type.is_none());
}

#[test]
fn go_jira_session_login_answer() {
    // The client keeps the cookie named in the answer: session.name and session.value.
    let answer: Value = parse("go-jira/onpremise__authentication_test.go__L64_session_post.json");
    assert_eq!(
        answer.pointer("/session/name").and_then(Value::as_str),
        Some("JSESSIONID")
    );
    assert_eq!(
        answer.pointer("/session/value").and_then(Value::as_str),
        Some("12345678901234567890")
    );
}

// --- filters, autocomplete, fields ----------------------------------------------------------

#[test]
fn go_jira_favourite_filters() {
    let filters: Vec<Filter> = parse("go-jira/favourite_filters.json");
    assert_eq!(filters[0].name, "All Open Bugs");
    assert_eq!(
        filters[0].owner.as_ref().and_then(|u| u.name.as_deref()),
        Some("mia")
    );
}

#[test]
fn go_jira_filter() {
    let filter: Filter = parse("go-jira/filter.json");
    assert_eq!(
        (filter.id.as_str(), filter.jql.as_str()),
        ("10000", "type = Bug and resolution is empty")
    );
    assert!(filter.favourite);
    assert!(filter.view_url.is_some_and(|u| u.ends_with("filter=10000")));
}

#[test]
fn openapi_favourite_filters() {
    let filters: Vec<Filter> =
        parse("openapi/examples-cloud-v3/filter-favourite_GET.response-200.json");
    assert_eq!(
        filters.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(),
        ["All Open Bugs", "My issues"]
    );
}

#[test]
fn openapi_filter_by_id() {
    let filter: Filter = parse("openapi/examples-cloud-v3/filter-id_GET.response-200.json");
    assert_eq!(filter.description.as_deref(), Some("Lists all open bugs"));
    assert!(filter.owner.is_some());
}

#[test]
fn openapi_created_filter() {
    let filter: Filter = parse("openapi/examples-cloud-v3/filter_POST.response-200.json");
    assert_eq!(
        (filter.id.as_str(), filter.name.as_str()),
        ("10000", "All Open Bugs")
    );
}

#[test]
fn openapi_autocomplete_data() {
    let data: AutocompleteData =
        parse("openapi/examples-cloud-v3/jql-autocompletedata_GET.response-200.json");
    assert_eq!(data.jql_reserved_words.len(), 5);
    let sprint = data
        .visible_field_names
        .iter()
        .find(|f| f.value == "Sprint")
        .expect("Sprint");
    assert_eq!(sprint.cfid.as_deref(), Some("cf[10880]"));
    assert!(sprint.operators.iter().any(|o| o == "in"));
    assert_eq!(
        data.visible_function_names[0].is_list.as_deref(),
        Some("true")
    );
}

#[test]
fn openapi_suggestions() {
    let s: Suggestions =
        parse("openapi/examples-cloud-v3/jql-autocompletedata-suggestions_GET.response-200.json");
    assert_eq!(s.results.len(), 3);
    assert_eq!(s.results[0].value, "ActiveObjects");
    assert!(s.results[0].display_name.contains("<b>Ac</b>"));
}

fn field_ids(path: &str) -> Vec<String> {
    let fields: Vec<Value> = parse(path);
    fields
        .iter()
        .map(|f| f["id"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn go_jira_fields() {
    assert_eq!(
        field_ids("go-jira/all_fields.json"),
        ["description", "summary"]
    );
}

#[test]
fn jira_cli_fields() {
    assert!(field_ids("jira-cli/fields.json").contains(&"customfield_10111".to_string()));
}

#[test]
fn jira_ruby_fields() {
    assert_eq!(field_ids("jira-ruby/field.json").len(), 2);
}

#[test]
fn openapi_fields() {
    assert_eq!(
        field_ids("openapi/examples-cloud-v3/field_GET.response-200.json"),
        ["description", "summary"]
    );
}

// --- error bodies, through the client -------------------------------------------------------

/// What the client makes of `path` served with `status` when it fetches an issue.
async fn error_for(status: u16, path: &str) -> JiraError {
    let body: &'static str = Box::leak(read(path).into_boxed_str());
    let url = support::canned(status, "application/json;charset=UTF-8", body).await;
    let options = ClientOptions {
        deployment: Some(Deployment::Dc),
        ..support::fast()
    };
    let client = jiratty::jira::Client::new(&url, None, options).expect("client");
    client
        .issue("FOO-1", &Default::default())
        .await
        .unwrap_err()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn go_jira_cloud_404_body() {
    let e = error_for(404, "go-jira/cloud__error_test.go__L18_error.json").await;
    assert!(
        matches!(&e, JiraError::NotFound { message } if message == "Issue does not exist or you do not have permission to see it."),
        "{e:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jira_ruby_field_error_body() {
    let e = error_for(400, "jira-ruby/issue__10002.invalid.put.json").await;
    assert!(
        matches!(&e, JiraError::BadRequest { message } if message == "Field 'invalid' is not valid for this operation."),
        "{e:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jira_ruby_missing_update_error_body() {
    let e = error_for(400, "jira-ruby/issue__10002.put.missing_field_update.json").await;
    assert!(
        e.to_string()
            .contains("one of 'fields' or 'update' required"),
        "{e}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jira_ruby_message_only_error_body() {
    let e = error_for(400, "jira-ruby/component__10000.invalid.put.json").await;
    assert!(matches!(e, JiraError::BadRequest { .. }), "{e:?}");
    assert!(
        !e.to_string().contains("errorMessages"),
        "the message, not the JSON: {e}"
    );
}
