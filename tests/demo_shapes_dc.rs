//! Server/DC response shapes against responses captured from Jira Server in the shared
//! fixtures (go-jira `onpremise__*`, jira-ruby, demisto): each answer must have every key of
//! the capture. Keys the demo deliberately leaves out are listed, with the reason.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use common::*;
use jiratty::demo::model::Flavor;
use serde_json::json;

/// Time-tracking aggregates Jira Server computes from worklogs; the demo has no time tracking
/// beyond an empty `timetracking`/`worklog`.
const TIME_AGGREGATES: &[&str] = &[
    "aggregateprogress",
    "aggregatetimeestimate",
    "aggregatetimeoriginalestimate",
    "aggregatetimespent",
    "progress",
    "timeestimate",
    "timeoriginalestimate",
    "timespent",
    "workratio",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dc_sessions_match_go_jira() {
    let site = site(Flavor::Dc).await;
    let login = |password: &str| {
        let body = json!({"username": DC_USER, "password": password});
        send(
            site.anon(reqwest::Method::POST, "/rest/auth/1/session")
                .json(&body),
        )
    };
    // One failure and an earlier login, so that loginInfo has every timestamp.
    assert_eq!(login("wrong").await.status, 401);
    assert_eq!(login(PASSWORD).await.status, 200);
    let reply = login(PASSWORD).await;
    let post = reply.json();
    let example = fixture("go-jira/onpremise__authentication_test.go__L64_session_post.json");
    assert_has_keys("session post", &post, &example, &[]);
    assert_has_keys("session", &post["session"], &example["session"], &[]);
    assert_has_keys("loginInfo", &post["loginInfo"], &example["loginInfo"], &[]);

    let cookie = format!(
        "JSESSIONID={}",
        post["session"]["value"].as_str().expect("value")
    );
    let get = send(
        site.anon(reqwest::Method::GET, "/rest/auth/1/session")
            .header("Cookie", cookie),
    )
    .await
    .json();
    let example = fixture("go-jira/onpremise__authentication_test.go__L255_session_get.json");
    assert_has_keys("session get", &get, &example, &[]);
    assert_has_keys(
        "session get loginInfo",
        &get["loginInfo"],
        &example["loginInfo"],
        &[],
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dc_search_matches_server_captures() {
    let site = site(Flavor::Dc).await;
    let claimed = field_ids(&site).await;
    let page = site
        .get_ok("/rest/api/2/search?jql=project%3DACME&maxResults=3")
        .await;
    let go_jira = fixture("go-jira/onpremise__issue_test.go__L627_search.json");
    assert_has_keys("search", &page, &go_jira, &[]);
    let ruby = fixture("jira-ruby/issue.json");
    // isLast: Jira Server 9 search pages carry no isLast (the 2012 capture has one).
    assert_has_keys("search", &page, &ruby, &["isLast"]);
    for issue in page["issues"].as_array().expect("issues") {
        assert_has_keys("search issue", issue, first(&ruby["issues"]), &[]);
        assert_issue_fields(
            "search issue",
            issue,
            first(&ruby["issues"]),
            &claimed,
            TIME_AGGREGATES,
        );
    }
    let empty = site
        .get_ok("/rest/api/2/search?jql=project%3DACME%20AND%20project%3DOPS")
        .await;
    assert_has_keys(
        "empty search",
        &empty,
        &fixture("jira-ruby/empty_issues.json"),
        &[],
    );
    assert_eq!((&empty["total"], &empty["issues"]), (&json!(0), &json!([])));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dc_issue_resources_match_server_captures() {
    let site = site(Flavor::Dc).await;
    let claimed = field_ids(&site).await;
    let data = &site.server.site.data;
    let index = data
        .issues
        .iter()
        .position(|i| i.comments.len() > 1 && i.due.is_some())
        .expect("issue");
    let key = site.key(index);
    let issue = site
        .get_ok(&format!(
            "/rest/api/2/issue/{key}?expand=renderedFields,names,schema"
        ))
        .await;
    let ruby = fixture("jira-ruby/issue__10002.json");
    assert_has_keys("issue", &issue, &ruby, &[]);
    assert_issue_fields(
        "issue (jira-ruby)",
        &issue,
        &ruby,
        &claimed,
        TIME_AGGREGATES,
    );
    let go_jira = fixture("go-jira/onpremise__issue_test.go__L26_issue_get.json");
    // schema: the demo does not implement expand=schema.
    assert_has_keys("issue (go-jira)", &issue, &go_jira, &["schema"]);
    assert_issue_fields(
        "issue (go-jira)",
        &issue,
        &go_jira,
        &claimed,
        DOC_FIELD_SPELLINGS,
    );

    let comments = site
        .get_ok(&format!("/rest/api/2/issue/{key}/comment"))
        .await;
    let example = fixture("jira-ruby/issue__10002__comment.json");
    assert_has_keys("comments", &comments, &example, &[]);
    for c in comments["comments"].as_array().expect("comments") {
        assert_has_keys("comment", c, first(&example["comments"]), &[]);
    }
    let transitions = site
        .get_ok(&format!("/rest/api/2/issue/{key}/transitions"))
        .await;
    let example = fixture("jira-ruby/issue__10002__transitions.json");
    assert_has_keys("transitions", &transitions, &example, &[]);
    for t in transitions["transitions"].as_array().expect("transitions") {
        assert_has_keys("transition", t, first(&example["transitions"]), &[]);
    }
    let fields = site.get_ok("/rest/api/2/field").await;
    let example = fixture("jira-ruby/field.json");
    for f in fields.as_array().expect("fields") {
        assert_has_keys("field", f, first(&example), &[]);
    }
    let me = site.get_ok("/rest/api/2/myself").await;
    let example = fixture("demisto-content/get_user_info_test__onprem_raw_response.json");
    assert_has_keys("myself", &me, &example, &[]);
}
