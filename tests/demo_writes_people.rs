//! Demo writes over raw HTTP, in both flavours: assignment (the assignable-user and user
//! searches in each flavour's dialect, `PUT …/assignee`) and the viewer who may neither work on
//! issues nor be assigned them. Every write is read back through `GET issue` and a search.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;
mod writes_support;

use common::*;
use jiratty::demo::model::Flavor;
use reqwest::Method;
use serde_json::{Value, json};
use writes_support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn user_searches_speak_each_flavours_dialect() {
    for flavor in FLAVORS {
        let site = site(flavor).await;
        let key = site.key(0);
        let (param, id_field) = match flavor {
            Flavor::Cloud => ("query", "accountId"),
            Flavor::Dc => ("username", "name"),
        };
        let v = api(&site);
        let found = site
            .get_ok(&format!(
                "/rest/api/{v}/user/assignable/search?issueKey={key}&{param}=bo"
            ))
            .await;
        let found = found.as_array().unwrap();
        assert_eq!(found.len(), 1, "{flavor:?}: {found:?}");
        assert_eq!(found[0]["displayName"], "Bob Brown");
        assert!(found[0][id_field].is_string(), "{flavor:?}: {}", found[0]);
        let by_surname = site
            .get_ok(&format!(
                "/rest/api/{v}/user/assignable/search?issueKey={key}&{param}=chen"
            ))
            .await;
        assert_eq!(by_surname[0]["displayName"], "Carol Chen");
        let all = site
            .get_ok(&format!(
                "/rest/api/{v}/user/assignable/search?project=ACME&maxResults=2"
            ))
            .await;
        assert_eq!(all.as_array().unwrap().len(), 2);
        let mention = site
            .get_ok(&format!("/rest/api/{v}/user/search?{param}=alice@"))
            .await;
        assert_eq!(mention[0]["displayName"], "Alice Anderson");
        let none = site
            .get_ok(&format!("/rest/api/{v}/user/search?{param}=zed"))
            .await;
        assert_eq!(none, json!([]));
        site.get(&format!("/rest/api/{v}/user/assignable/search?{param}=a"))
            .await
            .assert_jira_error(400);
        site.get(&format!(
            "/rest/api/{v}/user/assignable/search?issueKey=NOPE-1"
        ))
        .await
        .assert_jira_error(404);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn assigning_sets_nobody_someone_or_the_project_lead() {
    for flavor in FLAVORS {
        let site = site(flavor).await;
        let data = &site.server.site.data;
        let index = find(&site, "OPS", |i| i.assignee.is_some());
        let key = site.key(index);
        let path = format!("/rest/api/{}/issue/{key}/assignee", api(&site));
        let field = match flavor {
            Flavor::Cloud => "accountId",
            Flavor::Dc => "name",
        };
        let ident = |u: usize| match flavor {
            Flavor::Cloud => data.users[u].account_id.clone(),
            Flavor::Dc => data.users[u].name.clone(),
        };
        let put = |body: Value| send(site.alice(Method::PUT, &path).json(&body));

        assert_no_content(&put(json!({field: ident(BOB)})).await, "to bob");
        let assignee = issue(&site, &key, "assignee").await["fields"]["assignee"].clone();
        assert_eq!(assignee["displayName"], "Bob Brown", "{flavor:?}");
        assert_found(
            &site,
            &key,
            "assignee != currentUser() AND assignee IS NOT EMPTY",
            true,
        )
        .await;

        assert_no_content(&put(json!({field: null})).await, "to nobody");
        assert!(issue(&site, &key, "assignee").await["fields"]["assignee"].is_null());
        assert_found(&site, &key, "assignee IS EMPTY", true).await;

        assert_no_content(&put(json!({field: "-1"})).await, "automatic");
        let lead = data.projects[site.project_index("OPS")].lead;
        let assignee = issue(&site, &key, "assignee").await["fields"]["assignee"].clone();
        assert_eq!(
            assignee["displayName"],
            data.users[lead].display_name.as_str()
        );

        assert_no_content(&put(json!({field: ident(ALICE)})).await, "to me");
        assert_found(
            &site,
            &key,
            "assignee = currentUser() AND updated >= -1m",
            true,
        )
        .await;

        let error = assert_field_error(&put(json!({field: "nobody-at-all"})).await, "assignee");
        assert_eq!(error, "User 'nobody-at-all' cannot be assigned issues.");
        put(json!({})).await.assert_jira_error(400);
        assert_found(&site, &key, "assignee = currentUser()", true).await;
        let missing = format!("/rest/api/{}/issue/NOPE-1/assignee", api(&site));
        alice_json(&site, Method::PUT, &missing, &json!({field: null}))
            .await
            .assert_jira_error(404);
        send(site.anon(Method::PUT, &path).json(&json!({field: null})))
            .await
            .assert_jira_error(401);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_viewer_may_neither_work_on_issues_nor_be_assigned_them() {
    for flavor in FLAVORS {
        let site = site(flavor).await;
        let data = &site.server.site.data;
        let dave = data.users.iter().position(|u| u.name == "dave").unwrap();
        let as_dave = |method: Method, path: &str| {
            let request = site.anon(method, path);
            match flavor {
                Flavor::Cloud => {
                    request.basic_auth("dave@example.com", Some("demo-api-token-dave"))
                }
                Flavor::Dc => request.basic_auth("dave", Some("demo-password")),
            }
        };
        let v = api(&site);
        let key = site.key(find(&site, "ACME", |i| i.status == TO_DO));
        let path = format!("/rest/api/{v}/issue/{key}/transitions");
        assert!(offered(as_dave(Method::GET, &path), &key).await.is_empty());
        let refused =
            send(as_dave(Method::POST, &path).json(&json!({"transition": {"id": "11"}}))).await;
        refused.assert_jira_error(403);
        let assignee = format!("/rest/api/{v}/issue/{key}/assignee");
        let field = if flavor == Flavor::Cloud {
            "accountId"
        } else {
            "name"
        };
        let refused = send(as_dave(Method::PUT, &assignee).json(&json!({field: null}))).await;
        assert_eq!(
            refused.assert_jira_error(403),
            ["You do not have permission to assign issues."]
        );
        let ident = match flavor {
            Flavor::Cloud => data.users[dave].account_id.clone(),
            Flavor::Dc => data.users[dave].name.clone(),
        };
        let to_dave = send(
            site.alice(Method::PUT, &assignee)
                .json(&json!({field: ident})),
        )
        .await;
        assert_eq!(
            assert_field_error(&to_dave, "assignee"),
            format!("User '{ident}' cannot be assigned issues.")
        );
        let param = if flavor == Flavor::Cloud {
            "query"
        } else {
            "username"
        };
        let assignable = site
            .get_ok(&format!(
                "/rest/api/{v}/user/assignable/search?issueKey={key}&{param}=dav"
            ))
            .await;
        assert_eq!(assignable, json!([]));
        let mention = site
            .get_ok(&format!("/rest/api/{v}/user/search?{param}=dav"))
            .await;
        assert_eq!(mention[0]["displayName"], "Dave Davis");
        // Reading and commenting are open to him.
        let comment = send(
            as_dave(Method::POST, &format!("/rest/api/{v}/issue/{key}/comment"))
                .json(&json!({"body": body_for(&site, "Looks good to me")})),
        )
        .await;
        assert_eq!(comment.status, 201, "{}", comment.text);
        assert_found(&site, &key, "status = \"To Do\"", true).await;
    }
}
