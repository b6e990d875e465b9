//! Cloud response shapes against Atlassian's OpenAPI examples in the shared fixtures: each
//! answer must have every key of the example for the same endpoint. Keys the demo
//! deliberately leaves out are listed, with the reason, next to each check.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use common::*;
use jiratty::demo::model::Flavor;
use serde_json::{Value, json};

const CLOUD: &str = "openapi/examples-cloud-v3";

fn cloud_example(name: &str) -> Value {
    fixture(&format!("{CLOUD}/{name}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cloud_simple_resources_match_the_openapi_examples() {
    let site = site(Flavor::Cloud).await;
    let info = site.get_ok("/rest/api/3/serverInfo").await;
    // Display URLs exist only on sites with a custom domain / Confluence / a help center.
    let display_urls = [
        "displayUrl",
        "displayUrlConfluence",
        "displayUrlServicedeskHelpCenter",
    ];
    assert_has_keys(
        "serverInfo",
        &info,
        &cloud_example("serverInfo_GET.response-200.json"),
        &display_urls,
    );
    let me = site.get_ok("/rest/api/3/myself").await;
    // `key` and `name` are legacy fields Cloud blanks for privacy ("" in the example).
    assert_has_keys(
        "myself",
        &me,
        &cloud_example("myself_GET.response-200.json"),
        &["key", "name"],
    );
    let count = site
        .post_ok(
            "/rest/api/3/search/approximate-count",
            &json!({"jql": "project = ACME"}),
        )
        .await;
    assert_has_keys(
        "approximate-count",
        &count,
        &cloud_example("search-approximate-count_POST.response-200.json"),
        &[],
    );

    let fields = site.get_ok("/rest/api/3/field").await;
    let example = cloud_example("field_GET.response-200.json");
    for f in fields.as_array().expect("field list") {
        assert_has_keys("field", f, first(&example), &[]);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cloud_issue_comments_and_transitions_match_the_examples() {
    let site = site(Flavor::Cloud).await;
    let data = &site.server.site.data;
    let index = data
        .issues
        .iter()
        .position(|i| i.comments.len() > 1 && i.description.is_some())
        .expect("issue");
    let key = site.key(index);
    let claimed = field_ids(&site).await;
    let issue = site.get_ok(&format!("/rest/api/3/issue/{key}")).await;
    let example = cloud_example("issue_GET.response-200.json");
    assert_has_keys("issue", &issue, &example, &[]);
    assert_issue_fields("issue", &issue, &example, &claimed, DOC_FIELD_SPELLINGS);

    let comments = site
        .get_ok(&format!("/rest/api/3/issue/{key}/comment"))
        .await;
    let example = cloud_example("issue-comment_GET.response-200.json");
    assert_has_keys("comment page", &comments, &example, &[]);
    // `visibility` appears only on comments restricted to a group or role.
    for c in comments["comments"].as_array().expect("comments") {
        assert_has_keys("comment", c, first(&example["comments"]), &["visibility"]);
    }

    let transitions = site
        .get_ok(&format!("/rest/api/3/issue/{key}/transitions"))
        .await;
    let example = cloud_example("issue-transitions_GET.response-200.json");
    assert_has_keys("transitions", &transitions, &example, &[]);
    // `fields` appears only with expand=transitions.fields (tests/demo_writes.rs checks it).
    for t in transitions["transitions"].as_array().expect("transitions") {
        assert_has_keys("transition", t, first(&example["transitions"]), &["fields"]);
        assert_has_keys(
            "transition.to",
            &t["to"],
            &first(&example["transitions"])["to"],
            &[],
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cloud_filters_match_the_examples() {
    let site = site(Flavor::Cloud).await;
    // approximateLastUsed: the demo does not track filter use.
    // owner.key / owner.name: blanked legacy fields on Cloud.
    let filter = site.get_ok("/rest/api/3/filter/10000").await;
    let example = cloud_example("filter-id_GET.response-200.json");
    assert_has_keys("filter", &filter, &example, &["approximateLastUsed"]);
    assert_has_keys(
        "filter.owner",
        &filter["owner"],
        &example["owner"],
        &["key", "name"],
    );
    assert_has_keys(
        "filter.subscriptions",
        &filter["subscriptions"],
        &example["subscriptions"],
        &[],
    );

    let favourites = site.get_ok("/rest/api/3/filter/favourite").await;
    let example = cloud_example("filter-favourite_GET.response-200.json");
    for f in favourites.as_array().expect("favourites") {
        assert_has_keys(
            "favourite filter",
            f,
            first(&example),
            &["approximateLastUsed"],
        );
    }
    let request = cloud_example("filter_POST.request.json");
    let created = site.post_ok("/rest/api/3/filter", &json!({"name": "Shape check", "jql": "project = ACME", "description": request["description"]})).await;
    let example = cloud_example("filter_POST.response-200.json");
    assert_has_keys(
        "created filter",
        &created,
        &example,
        &["approximateLastUsed"],
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cloud_search_and_jql_data_match_the_examples() {
    let site = site(Flavor::Cloud).await;
    let claimed = field_ids(&site).await;
    let fields = "attachment,comment,description,issuelinks,project,subtasks,timetracking,updated,watches,worklog";
    let page = site
        .get_ok(&format!(
            "/rest/api/3/search/jql?jql=project%3DACME&maxResults=2&fields={fields}"
        ))
        .await;
    let example = cloud_example("search-jql_GET.response-200.json");
    assert_has_keys("search/jql", &page, &example, &[]);
    for issue in page["issues"].as_array().expect("issues") {
        assert_has_keys("search/jql issue", issue, first(&example["issues"]), &[]);
        assert_issue_fields(
            "search/jql issue",
            issue,
            first(&example["issues"]),
            &claimed,
            DOC_FIELD_SPELLINGS,
        );
    }

    let data = site.get_ok("/rest/api/3/jql/autocompletedata").await;
    let example = cloud_example("jql-autocompletedata_GET.response-200.json");
    assert_has_keys("autocompletedata", &data, &example, &[]);
    for f in data["visibleFieldNames"].as_array().expect("fields") {
        // `auto` and `cfid` belong to custom fields only.
        assert_has_keys(
            "visibleFieldNames",
            f,
            first(&example["visibleFieldNames"]),
            &[],
        );
    }
    for f in data["visibleFunctionNames"].as_array().expect("functions") {
        // `isList` is set only on functions that return lists.
        assert_has_keys(
            "visibleFunctionNames",
            f,
            first(&example["visibleFunctionNames"]),
            &["isList"],
        );
    }
    let suggestions = site
        .get_ok("/rest/api/3/jql/autocompletedata/suggestions?fieldName=project&fieldValue=AC")
        .await;
    let example = cloud_example("jql-autocompletedata-suggestions_GET.response-200.json");
    assert_has_keys("suggestions", &suggestions, &example, &[]);
    let results = suggestions["results"].as_array().expect("results");
    assert!(!results.is_empty(), "no project suggestion for 'AC'");
    for r in results {
        assert_has_keys("suggestion", r, first(&example["results"]), &[]);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_match_the_captured_body() {
    for flavor in FLAVORS {
        let site = site(flavor).await;
        let reply = site.get("/rest/api/2/issue/NOPE-404").await;
        assert_eq!(reply.status, 404);
        assert_eq!(
            reply.json(),
            fixture("go-jira/cloud__error_test.go__L18_error.json"),
            "{flavor:?}"
        );
    }
}
