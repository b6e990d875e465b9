//! Issue resources in both flavours (v2 and v3 where Jira has both): lookup by key and id,
//! field selection, expansions, not-found and anonymous answers, comments and transitions.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use common::*;
use jiratty::demo::model::Flavor;
use reqwest::Method;
use serde_json::{Value, json};
use std::collections::BTreeSet;

const NOT_FOUND: &str = "Issue does not exist or you do not have permission to see it.";

/// Index of the first issue matching `pred`.
fn find(site: &Site, pred: impl Fn(&jiratty::demo::model::Issue) -> bool) -> usize {
    site.server
        .site
        .data
        .issues
        .iter()
        .position(pred)
        .expect("the dataset has such an issue")
}

fn field_names(issue: &Value) -> BTreeSet<String> {
    keys(&issue["fields"]).into_iter().collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_by_key_and_by_id() {
    for flavor in FLAVORS {
        let site = site(flavor).await;
        let index = find(&site, |i| i.description.is_some());
        let (key, id) = (
            site.key(index),
            site.server.site.data.issues[index].id.to_string(),
        );
        for v in versions(flavor) {
            let by_key = site.get_ok(&format!("/rest/api/{v}/issue/{key}")).await;
            let by_id = site.get_ok(&format!("/rest/api/{v}/issue/{id}")).await;
            assert_eq!((&by_key["key"], &by_key["id"]), (&json!(key), &json!(id)));
            assert_eq!(by_key["fields"], by_id["fields"], "{flavor:?} v{v}");
            let summary = &site.server.site.data.issues[index].summary;
            assert_eq!(by_key["fields"]["summary"], summary.as_str());
            let description = &by_key["fields"]["description"];
            match *v {
                "3" => assert_eq!(description["type"], "doc", "v3 description is ADF"),
                _ => assert!(
                    description.is_string(),
                    "v2 description is a string: {description}"
                ),
            }
        }
        if flavor == Flavor::Dc {
            site.get(&format!("/rest/api/3/issue/{key}"))
                .await
                .assert_jira_error(404);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_fields_parameter_is_honoured() {
    for flavor in FLAVORS {
        let site = site(flavor).await;
        let key = site.key(find(&site, |i| !i.comments.is_empty()));
        let path = |q: &str| format!("/rest/api/2/issue/{key}?{q}");
        let some = site.get_ok(&path("fields=summary,status")).await;
        assert_eq!(
            field_names(&some),
            ["status", "summary"].map(String::from).into()
        );
        let repeated = site.get_ok(&path("fields=summary&fields=labels")).await;
        assert_eq!(
            field_names(&repeated),
            ["labels", "summary"].map(String::from).into()
        );

        let all = field_names(&site.get_ok(&path("fields=*all")).await);
        for f in [
            "summary",
            "status",
            "comment",
            "description",
            "project",
            "reporter",
        ] {
            assert!(all.contains(f), "{flavor:?} *all lacks {f}: {all:?}");
        }
        let default = field_names(&site.get_ok(&format!("/rest/api/2/issue/{key}")).await);
        assert_eq!(
            default, all,
            "{flavor:?}: no fields= means *all on issue/{{key}}"
        );
        let navigable = field_names(&site.get_ok(&path("fields=*navigable")).await);
        assert!(
            !navigable.contains("comment") && navigable.contains("summary"),
            "{navigable:?}"
        );
        let minus = field_names(
            &site
                .get_ok(&path("fields=*all,-comment,-description"))
                .await,
        );
        let mut expected = all.clone();
        expected.remove("comment");
        expected.remove("description");
        assert_eq!(minus, expected, "{flavor:?} exclusions");
        let none = site.get_ok(&path("fields=no_such_field")).await;
        assert_eq!(none["fields"], json!({}), "unknown fields are left out");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_expands_rendered_fields_and_names() {
    for flavor in FLAVORS {
        let site = site(flavor).await;
        let key = site.key(find(&site, |i| i.description.is_some()));
        for v in versions(flavor) {
            let q = "fields=summary,description,created&expand=renderedFields,names";
            let issue = site.get_ok(&format!("/rest/api/{v}/issue/{key}?{q}")).await;
            assert_eq!(
                issue["names"]["summary"], "Summary",
                "{flavor:?} v{v}: {}",
                issue["names"]
            );
            assert_eq!(issue["names"]["description"], "Description");
            let html = issue["renderedFields"]["description"]
                .as_str()
                .unwrap_or("");
            assert!(
                html.contains('<'),
                "{flavor:?} v{v} rendered description: {html:?}"
            );
            assert!(issue["renderedFields"].get("created").is_some());
            let plain = site
                .get_ok(&format!("/rest/api/{v}/issue/{key}?fields=summary"))
                .await;
            assert!(plain.get("names").is_none() && plain.get("renderedFields").is_none());
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_and_anonymous_issue_lookups() {
    for flavor in FLAVORS {
        let site = site(flavor).await;
        for path in [
            "/rest/api/2/issue/ACME-999999",
            "/rest/api/2/issue/NOPE-1",
            "/rest/api/2/issue/99999999",
        ] {
            let messages = site.get(path).await.assert_jira_error(404);
            assert_eq!(messages, [NOT_FOUND], "{flavor:?} {path}");
        }
        let key = site.key(0);
        let anonymous = send(site.anon(Method::GET, &format!("/rest/api/2/issue/{key}"))).await;
        match flavor {
            // Cloud masks "not logged in" as "not found".
            Flavor::Cloud => assert_eq!(anonymous.assert_jira_error(404), [NOT_FOUND]),
            Flavor::Dc => {
                anonymous.assert_jira_error(401);
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn comments_are_paged_and_ordered() {
    for flavor in FLAVORS {
        let site = site(flavor).await;
        let index = find(&site, |i| i.comments.len() >= 3);
        let expected: Vec<String> = site.server.site.data.issues[index]
            .comments
            .iter()
            .map(|c| c.id.to_string())
            .collect();
        let key = site.key(index);
        for v in versions(flavor) {
            let mut seen = Vec::new();
            loop {
                let q = format!("startAt={}&maxResults=2", seen.len());
                let page = site
                    .get_ok(&format!("/rest/api/{v}/issue/{key}/comment?{q}"))
                    .await;
                assert_eq!(page["total"], expected.len(), "{page}");
                assert_eq!(page["startAt"], seen.len());
                assert_eq!(page["maxResults"], 2);
                let comments = page["comments"].as_array().expect("comments array").clone();
                if comments.is_empty() {
                    break;
                }
                for c in &comments {
                    seen.push(c["id"].as_str().expect("comment id").to_string());
                    assert!(c["author"].is_object() && c["created"].is_string(), "{c}");
                    let body = &c["body"];
                    assert!(
                        if *v == "3" {
                            body["type"] == "doc"
                        } else {
                            body.is_string()
                        },
                        "{body}"
                    );
                }
            }
            assert_eq!(
                seen, expected,
                "{flavor:?} v{v}: pages walk every comment once"
            );
            let newest = site
                .get_ok(&format!(
                    "/rest/api/{v}/issue/{key}/comment?orderBy=-created"
                ))
                .await;
            let ids: Vec<&str> = newest["comments"]
                .as_array()
                .expect("comments")
                .iter()
                .filter_map(|c| c["id"].as_str())
                .collect();
            let reversed: Vec<&str> = expected.iter().rev().map(String::as_str).collect();
            assert_eq!(ids, reversed, "orderBy=-created is newest first");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transitions_lead_to_other_statuses() {
    for flavor in FLAVORS {
        let site = site(flavor).await;
        let key = site.key(0);
        let current = site
            .get_ok(&format!("/rest/api/2/issue/{key}?fields=status"))
            .await;
        let current = current["fields"]["status"]["id"].clone();
        for v in versions(flavor) {
            let body = site
                .get_ok(&format!("/rest/api/{v}/issue/{key}/transitions"))
                .await;
            let list = body["transitions"].as_array().expect("transitions array");
            assert!(!list.is_empty(), "{flavor:?}: no transitions");
            for t in list {
                assert!(t["id"].is_string() && t["name"].is_string(), "{t}");
                assert!(t["to"]["statusCategory"]["key"].is_string(), "{t}");
                assert_ne!(t["to"]["id"], current, "a transition to the current status");
            }
        }
        let missing = site.get("/rest/api/2/issue/NOPE-1/transitions").await;
        assert_eq!(missing.assert_jira_error(404), [NOT_FOUND]);
    }
}
