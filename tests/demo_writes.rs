//! Demo writes over raw HTTP, in both flavours: workflow transitions (the offered ones, their
//! screens, applying one with Jira's 204 and 400 bodies), each read back through `GET issue`
//! and a search. Assignment: `demo_writes_people.rs`; comments and watchers:
//! `demo_writes_comments.rs`.
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
async fn an_issue_walks_the_workflow_and_reads_and_searches_follow() {
    for flavor in FLAVORS {
        let site = site(flavor).await;
        let index = find(&site, "ACME", |i| i.status == TO_DO);
        let key = site.key(index);
        let path = format!("/rest/api/{}/issue/{key}/transitions", api(&site));
        assert_eq!(offered(site.alice(Method::GET, &path), &key).await, ["11"]);

        assert_no_content(
            &transition(&site, &key, json!({"transition": {"id": "11"}})).await,
            "start",
        );
        let fields = issue(&site, &key, "status,updated,resolution").await["fields"].clone();
        assert_eq!(fields["status"]["name"], "In Progress", "{flavor:?}");
        assert_eq!(fields["status"]["statusCategory"]["key"], "indeterminate");
        assert!(fields["resolution"].is_null());
        assert_found(&site, &key, "status = \"In Progress\"", true).await;
        assert_found(
            &site,
            &key,
            "statusCategory = \"In Progress\" AND updated >= -1m",
            true,
        )
        .await;
        assert_found(&site, &key, "status = \"To Do\"", false).await;

        // A transition id as a number is taken too.
        assert_no_content(
            &transition(&site, &key, json!({"transition": {"id": 21}})).await,
            "review",
        );
        let missing = transition(&site, &key, json!({"transition": {"id": "31"}})).await;
        assert_eq!(
            assert_field_error(&missing, "resolution"),
            "Resolution is required."
        );
        let done = json!({
            "transition": {"id": "31"},
            "fields": {"resolution": {"name": "Won't Do"}},
            "update": {"comment": [{"add": {"body": body_for(&site, "Closing: out of scope")}}]},
        });
        assert_no_content(&transition(&site, &key, done).await, "done");
        let fields =
            issue(&site, &key, "status,resolution,resolutiondate,comment").await["fields"].clone();
        assert_eq!(fields["status"]["name"], "Done");
        assert_eq!(fields["status"]["statusCategory"]["key"], "done");
        assert_eq!(fields["resolution"]["name"], "Won't Do");
        assert!(fields["resolutiondate"].is_string());
        let page = site
            .get_ok(&format!(
                "/rest/api/{}/issue/{key}/comment?orderBy=-created",
                api(&site)
            ))
            .await;
        let newest = &page["comments"][0];
        assert_eq!(
            newest["body"],
            body_for(&site, "Closing: out of scope"),
            "{flavor:?}"
        );
        assert!(newest["author"].is_object());
        assert_found(
            &site,
            &key,
            "resolution = \"Won't Do\" AND status = Done",
            true,
        )
        .await;
        assert_found(&site, &key, "comment ~ \"scope\"", true).await;

        assert_eq!(offered(site.alice(Method::GET, &path), &key).await, ["61"]);
        assert_no_content(
            &transition(&site, &key, json!({"transition": {"id": "61"}})).await,
            "reopen",
        );
        let fields = issue(&site, &key, "status,resolution,resolutiondate").await["fields"].clone();
        assert_eq!(fields["status"]["name"], "To Do");
        assert!(fields["resolution"].is_null() && fields["resolutiondate"].is_null());
        assert_found(&site, &key, "resolution = Unresolved", true).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transitions_carry_their_screens_fields_when_expanded() {
    for flavor in FLAVORS {
        let site = site(flavor).await;
        let key = site.key(find(&site, "ACME", |i| i.status == IN_REVIEW));
        let path = format!("/rest/api/{}/issue/{key}/transitions", api(&site));
        let plain = site.get_ok(&path).await;
        assert!(
            plain["transitions"][0].get("fields").is_none(),
            "fields only when expanded"
        );
        let body = site
            .get_ok(&format!("{path}?expand=transitions.fields"))
            .await;
        let list = body["transitions"].as_array().unwrap();
        let ids: Vec<&str> = list.iter().map(|t| t["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["31", "51"], "{flavor:?}");
        let done = &list[0];
        assert_eq!(done["hasScreen"], true);
        assert_eq!(done["to"]["name"], "Done");
        let resolution = &done["fields"]["resolution"];
        assert_eq!(resolution["required"], true);
        assert_eq!(resolution["name"], "Resolution");
        assert_eq!(
            resolution["schema"],
            json!({"type": "resolution", "system": "resolution"})
        );
        assert_eq!(resolution["operations"], json!(["set"]));
        let allowed = resolution["allowedValues"].as_array().unwrap();
        assert_eq!(allowed.len(), 3);
        for value in allowed {
            assert!(
                value["id"].is_string() && value["name"].is_string() && value["self"].is_string()
            );
        }
        assert_eq!(done["fields"]["comment"]["required"], false);

        let todo = site.key(find(&site, "ACME", |i| i.status == TO_DO));
        let path = format!(
            "/rest/api/{}/issue/{todo}/transitions?expand=transitions.fields",
            api(&site)
        );
        let start = &site.get_ok(&path).await["transitions"][0];
        assert_eq!(
            (start["id"].as_str(), &start["hasScreen"]),
            (Some("11"), &json!(false))
        );
        assert_eq!(start["fields"], json!({}));

        // OPS is Kanban: global transitions to every other status.
        let ops = find(&site, "OPS", |i| i.status == IN_PROGRESS);
        let path = format!(
            "/rest/api/{}/issue/{}/transitions",
            api(&site),
            site.key(ops)
        );
        let list = site.get_ok(&path).await["transitions"]
            .as_array()
            .unwrap()
            .clone();
        let names: Vec<&str> = list
            .iter()
            .map(|t| t["to"]["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["To Do", "Done"]);
        assert!(list.iter().all(|t| t["isGlobal"] == true));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_assignee_is_offered_the_conditional_transition() {
    for flavor in FLAVORS {
        let site = site(flavor).await;
        let index = find(&site, "ACME", |i| {
            i.status == IN_PROGRESS && i.assignee == Some(ALICE as u8)
        });
        let key = site.key(index);
        let path = format!("/rest/api/{}/issue/{key}/transitions", api(&site));
        let list = site.get_ok(&path).await["transitions"]
            .as_array()
            .unwrap()
            .clone();
        let mark = list
            .iter()
            .find(|t| t["id"] == "71")
            .expect("alice is offered Mark done");
        assert_eq!(mark["isConditional"], true);
        assert_eq!(
            offered(bob(&site, Method::GET, &path), &key).await,
            ["21", "41"]
        );
        let body = json!({"transition": {"id": "71"}, "fields": {"resolution": {"id": "10000"}}});
        let refused = send(bob(&site, Method::POST, &path).json(&body)).await;
        assert_eq!(
            refused.assert_jira_error(400),
            ["Transition id '71' is not valid for this issue."]
        );
        assert_no_content(&transition(&site, &key, body).await, "alice marks it done");
        assert_found(&site, &key, "status = Done AND resolution = Done", true).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_transitions_get_jiras_error_bodies() {
    for flavor in FLAVORS {
        let site = site(flavor).await;
        let key = site.key(find(&site, "ACME", |i| i.status == TO_DO));
        let path = format!("/rest/api/{}/issue/{key}/transitions", api(&site));
        let cases: [(Value, &str); 3] = [
            (
                json!({"transition": {"id": "31"}}),
                "Transition id '31' is not valid for this issue.",
            ),
            (
                json!({"transition": {"id": "999"}}),
                "Transition id '999' is not valid for this issue.",
            ),
            (json!({"fields": {}}), "Missing 'transition' identifier"),
        ];
        for (body, message) in cases {
            assert_eq!(
                transition(&site, &key, body).await.assert_jira_error(400),
                [message]
            );
        }
        let off_screen =
            json!({"transition": {"id": "11"}, "fields": {"resolution": {"name": "Done"}}});
        let error = assert_field_error(&transition(&site, &key, off_screen).await, "resolution");
        assert!(error.contains("not on the appropriate screen"), "{error}");
        let comment = json!({"transition": {"id": "11"}, "update": {"comment": [{"add": {"body": body_for(&site, "x")}}]}});
        assert_field_error(&transition(&site, &key, comment).await, "comment");

        let review = site.key(find(&site, "ACME", |i| i.status == IN_REVIEW));
        let unknown =
            json!({"transition": {"id": "31"}, "fields": {"resolution": {"name": "Fixed"}}});
        assert_field_error(&transition(&site, &review, unknown).await, "resolution");
        if flavor == Flavor::Cloud {
            let not_adf = json!({"transition": {"id": "31"}, "fields": {"resolution": {"id": "10000"}},
                "update": {"comment": [{"add": {"body": "plain text on v3"}}]}});
            let error = assert_field_error(&transition(&site, &review, not_adf).await, "comment");
            assert!(error.contains("Atlassian Document"), "{error}");
        }
        // Nothing was applied by the refused requests.
        assert_found(&site, &key, "status = \"To Do\"", true).await;
        assert_found(&site, &review, "status = \"In Review\"", true).await;

        let missing = transition(&site, "ACME-99999", json!({"transition": {"id": "11"}})).await;
        missing.assert_jira_error(404);
        let anonymous = send(
            site.anon(Method::POST, &path)
                .json(&json!({"transition": {"id": "11"}})),
        )
        .await;
        anonymous.assert_jira_error(401);
        let form = send(site.alice(Method::POST, &path).body("transition=11")).await;
        assert_eq!(
            form.status, 403,
            "{flavor:?}: a form post fails the XSRF check"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expanded_transitions_match_the_cloud_example() {
    let site = site(Flavor::Cloud).await;
    let key = site.key(find(&site, "ACME", |i| i.status == IN_REVIEW));
    let body = site
        .get_ok(&format!(
            "/rest/api/3/issue/{key}/transitions?expand=transitions.fields"
        ))
        .await;
    let example = fixture("openapi/examples-cloud-v3/issue-transitions_GET.response-200.json");
    let example = first(&example["transitions"]);
    let example_field = &example["fields"]["summary"];
    for t in body["transitions"].as_array().unwrap() {
        assert_has_keys("transition", t, example, &[]);
        for (name, field) in t["fields"].as_object().unwrap() {
            // `allowedValues` and `defaultValue` only where a field has them (not a comment).
            let omitted: &[&str] = if name == "comment" {
                &["allowedValues", "defaultValue"]
            } else {
                &["defaultValue"]
            };
            assert_has_keys(name, field, example_field, omitted);
        }
    }
}
