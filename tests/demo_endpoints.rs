//! The other REST resources in both flavours (v2 and v3 where Jira has both): fields,
//! projects, filters (favourites, by id, creation) and JQL autocomplete data.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use common::*;
use jiratty::demo::model::Flavor;
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fields_list_system_and_custom_fields_with_schema() {
    for flavor in FLAVORS {
        let site = site(flavor).await;
        for v in versions(flavor) {
            let body = site.get_ok(&format!("/rest/api/{v}/field")).await;
            let list = body.as_array().expect("field list");
            let by_id = |id: &str| {
                list.iter()
                    .find(|f| f["id"] == id)
                    .cloned()
                    .unwrap_or(Value::Null)
            };
            let summary = by_id("summary");
            assert_eq!(
                (&summary["custom"], &summary["schema"]["system"]),
                (&json!(false), &json!("summary"))
            );
            let points = by_id("customfield_10016");
            assert_eq!(points["custom"], true, "{flavor:?}: {points}");
            assert_eq!(points["schema"]["customId"], 10016);
            assert!(points["schema"]["custom"].is_string() && points["schema"]["type"].is_string());
            for f in list {
                assert!(
                    f["name"].is_string() && f["clauseNames"].is_array() && f["schema"].is_object(),
                    "{f}"
                );
            }
        }
        send(site.anon(Method::GET, "/rest/api/2/field"))
            .await
            .assert_jira_error(401);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn projects_listed_fetched_and_searched() {
    for flavor in FLAVORS {
        let site = site(flavor).await;
        let data = &site.server.site.data;
        let all_keys: Vec<&str> = data.projects.iter().map(|p| p.key.as_str()).collect();
        for v in versions(flavor) {
            let list = site.get_ok(&format!("/rest/api/{v}/project")).await;
            let listed: Vec<&str> = list
                .as_array()
                .expect("project list")
                .iter()
                .filter_map(|p| p["key"].as_str())
                .collect();
            assert_eq!(listed, all_keys);
            let acme = site.get_ok(&format!("/rest/api/{v}/project/ACME")).await;
            assert_eq!(acme["key"], "ACME");
            assert!(
                acme["lead"].is_object() && acme["components"].is_array(),
                "{acme}"
            );
            let by_id = site
                .get_ok(&format!(
                    "/rest/api/{v}/project/{}",
                    acme["id"].as_str().unwrap_or("")
                ))
                .await;
            assert_eq!(by_id["key"], "ACME");
            site.get(&format!("/rest/api/{v}/project/NOPE"))
                .await
                .assert_jira_error(404);

            let mut seen = Vec::new();
            loop {
                let q = format!("startAt={}&maxResults=1", seen.len());
                let page = site
                    .get_ok(&format!("/rest/api/{v}/project/search?{q}"))
                    .await;
                assert_eq!(page["total"], all_keys.len());
                let values = page["values"].as_array().expect("values");
                seen.extend(
                    values
                        .iter()
                        .filter_map(|p| p["key"].as_str().map(String::from)),
                );
                let last = seen.len() >= all_keys.len();
                assert_eq!(page["isLast"], last, "{page}");
                if last || values.is_empty() {
                    break;
                }
            }
            assert_eq!(seen, all_keys, "{flavor:?} v{v} project/search walk");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn favourite_filters_are_the_callers_own() {
    for flavor in FLAVORS {
        let site = site(flavor).await;
        let data = &site.server.site.data;
        for user in [0, 1] {
            let expected: Vec<String> = data
                .filters
                .iter()
                .filter(|f| f.owner == user && f.favourite)
                .map(|f| f.id.to_string())
                .collect();
            let path = "/rest/api/2/filter/favourite";
            let request = if user == 0 {
                site.alice(Method::GET, path)
            } else {
                as_bob(&site, path)
            };
            let body = send(request).await.json();
            let ids: Vec<String> = body
                .as_array()
                .expect("filter list")
                .iter()
                .filter_map(|f| f["id"].as_str().map(String::from))
                .collect();
            assert_eq!(ids, expected, "{flavor:?} user {user}");
            assert!(!ids.is_empty(), "the dataset gives user {user} favourites");
        }
        for v in versions(flavor) {
            let filter = site.get_ok(&format!("/rest/api/{v}/filter/10000")).await;
            assert_eq!(filter["name"], data.filters[0].name.as_str());
            assert_eq!(filter["jql"], data.filters[0].jql.as_str());
            site.get(&format!("/rest/api/{v}/filter/424242"))
                .await
                .assert_jira_error(400);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn private_filters_of_others_are_not_available() {
    for flavor in FLAVORS {
        let site = site(flavor).await;
        let data = &site.server.site.data;
        let theirs = data
            .filters
            .iter()
            .find(|f| f.owner != 0)
            .expect("a filter of bob or carol");
        let reply = site.get(&format!("/rest/api/2/filter/{}", theirs.id)).await;
        let messages = reply.assert_jira_error(400);
        assert!(
            messages[0].starts_with("The selected filter is not available to you"),
            "{messages:?}"
        );
    }
}

/// `GET path` as bob.
fn as_bob(site: &Site, path: &str) -> reqwest::RequestBuilder {
    let request = site.anon(Method::GET, path);
    match site.flavor {
        Flavor::Cloud => request.basic_auth("bob@example.com", Some("demo-api-token-bob")),
        Flavor::Dc => request.bearer_auth("demo-pat-bob"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn creating_filters() {
    for flavor in FLAVORS {
        let site = site(flavor).await;
        let body = json!({"name": "ACME bugs", "jql": "project = ACME AND issuetype = Bug", "favourite": true});
        let created = site.post_ok("/rest/api/2/filter", &body).await;
        assert_eq!(
            (&created["name"], &created["jql"]),
            (&body["name"], &body["jql"])
        );
        let id = created["id"].as_str().expect("filter id").to_string();
        let fetched = site.get_ok(&format!("/rest/api/2/filter/{id}")).await;
        assert_eq!(fetched["name"], "ACME bugs");
        let favourites = site.get_ok("/rest/api/2/filter/favourite").await;
        assert!(
            favourites
                .as_array()
                .expect("list")
                .iter()
                .any(|f| f["id"] == id.as_str())
        );

        let duplicate = site
            .post(
                "/rest/api/2/filter",
                &json!({"name": "acme BUGS", "jql": "project = ACME"}),
            )
            .await;
        duplicate.assert_jira_error(400);
        assert!(
            duplicate.json()["errors"]["filterName"].is_string(),
            "{}",
            duplicate.text
        );
        let unnamed = site
            .post("/rest/api/2/filter", &json!({"jql": "project = ACME"}))
            .await;
        unnamed.assert_jira_error(400);
        assert!(
            unnamed.json()["errors"]["filterName"].is_string(),
            "{}",
            unnamed.text
        );
        let bad_jql = site
            .post(
                "/rest/api/2/filter",
                &json!({"name": "Broken", "jql": "project = = ACME"}),
            )
            .await;
        bad_jql.assert_jira_error(400);
        assert!(
            bad_jql.json()["errors"]["jql"].is_string(),
            "{}",
            bad_jql.text
        );
        if flavor == Flavor::Cloud {
            let v3 = site
                .post_ok(
                    "/rest/api/3/filter",
                    &json!({"name": "v3 filter", "jql": "project = ACME"}),
                )
                .await;
            assert_eq!(v3["name"], "v3 filter");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jql_autocomplete_data_and_suggestions() {
    for flavor in FLAVORS {
        let site = site(flavor).await;
        for v in versions(flavor) {
            let data = site
                .get_ok(&format!("/rest/api/{v}/jql/autocompletedata"))
                .await;
            for list in [
                "visibleFieldNames",
                "visibleFunctionNames",
                "jqlReservedWords",
            ] {
                assert!(data[list].is_array(), "{flavor:?} v{v} lacks {list}");
            }
            for f in data["visibleFieldNames"].as_array().into_iter().flatten() {
                assert!(
                    f["value"].is_string() && f["displayName"].is_string(),
                    "{f}"
                );
            }
            let q = "fieldName=project&fieldValue=AC";
            let suggestions = site
                .get_ok(&format!(
                    "/rest/api/{v}/jql/autocompletedata/suggestions?{q}"
                ))
                .await;
            let results = suggestions["results"].as_array().expect("results array");
            for r in results {
                assert!(
                    r["value"].is_string() && r["displayName"].is_string(),
                    "{r}"
                );
            }
        }
    }
}
