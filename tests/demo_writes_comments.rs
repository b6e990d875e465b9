//! Demo writes over raw HTTP, in both flavours: comments (add in wiki markup on v2 and ADF on
//! v3, edit and delete by their author only, visibility, project roles) and watchers (read,
//! watch, stop watching). Every write is read back through `GET` and a search.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;
mod writes_support;

use common::*;
use jiratty::demo::faults::FaultSpec;
use jiratty::demo::model::Flavor;
use jiratty::demo::{DemoConfig, dataset};
use reqwest::Method;
use serde_json::{Value, json};
use writes_support::*;

/// A page of every comment of `key`, oldest first.
async fn comments(site: &Site, v: &str, key: &str) -> Value {
    site.get_ok(&format!("/rest/api/{v}/issue/{key}/comment"))
        .await
}

fn ids(page: &Value) -> Vec<String> {
    page["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_comment_is_added_edited_and_deleted_by_its_author() {
    for flavor in FLAVORS {
        let site = site(flavor).await;
        let key = site.key(find(&site, "DOC", |i| i.comments.len() < 5));
        let v = api(&site);
        let path = format!("/rest/api/{v}/issue/{key}/comment");
        let before = comments(&site, v, &key).await;

        let body = json!({"body": body_for(&site, "The zebrafish build is green")});
        let added = site.post(&path, &body).await;
        assert_eq!(added.status, 201, "{flavor:?}: {}", added.text);
        let added = added.json();
        assert_eq!(
            added["body"],
            body_for(&site, "The zebrafish build is green")
        );
        assert_eq!(added["author"]["displayName"], "Alice Anderson");
        assert_eq!(added["created"], added["updated"]);
        let id = added["id"].as_str().unwrap().to_string();
        let after = comments(&site, v, &key).await;
        assert_eq!(after["total"], before["total"].as_u64().unwrap() + 1);
        assert_eq!(ids(&after).last(), Some(&id));
        assert_eq!(
            after["comments"].as_array().unwrap().last().unwrap(),
            &added
        );
        let embedded = issue(&site, &key, "comment").await;
        assert_eq!(ids(&embedded["fields"]["comment"]).last(), Some(&id));
        assert_found(&site, &key, "comment ~ zebrafish AND updated >= -1m", true).await;

        let one = format!("{path}/{id}");
        let edit = json!({"body": body_for(&site, "The zebrafish build is red again")});
        let refused = send(bob(&site, Method::PUT, &one).json(&edit)).await;
        refused.assert_jira_error(403);
        send(bob(&site, Method::DELETE, &one))
            .await
            .assert_jira_error(403);
        let edited = alice_json(&site, Method::PUT, &one, &edit).await;
        assert_eq!(edited.status, 200, "{}", edited.text);
        let edited = edited.json();
        assert_eq!(
            edited["body"],
            body_for(&site, "The zebrafish build is red again")
        );
        assert_eq!(edited["created"], added["created"]);
        assert_eq!(edited["updateAuthor"]["displayName"], "Alice Anderson");
        let page = comments(&site, v, &key).await;
        assert_eq!(
            page["comments"].as_array().unwrap().last().unwrap(),
            &edited
        );
        assert_found(&site, &key, "comment ~ red", true).await;

        let deleted = send(site.alice(Method::DELETE, &one)).await;
        assert_no_content(&deleted, "delete");
        assert_eq!(comments(&site, v, &key).await, before, "{flavor:?}");
        assert_found(&site, &key, "comment ~ zebrafish", false).await;
        send(site.alice(Method::DELETE, &one))
            .await
            .assert_jira_error(404);
        alice_json(&site, Method::PUT, &one, &edit)
            .await
            .assert_jira_error(404);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn comment_bodies_are_wiki_on_v2_and_adf_on_v3() {
    for flavor in FLAVORS {
        let site = site(flavor).await;
        let key = site.key(1);
        // v2 takes wiki markup in both flavours (Cloud too).
        let wiki = site
            .post(
                &format!("/rest/api/2/issue/{key}/comment"),
                &json!({"body": "*bold* move"}),
            )
            .await;
        assert_eq!(wiki.status, 201, "{}", wiki.text);
        assert_eq!(wiki.json()["body"], "*bold* move");
        let empty = site
            .post(
                &format!("/rest/api/2/issue/{key}/comment"),
                &json!({"body": "  "}),
            )
            .await;
        assert_field_error(&empty, "comment");
        let object = site
            .post(
                &format!("/rest/api/2/issue/{key}/comment"),
                &json!({"body": {"type": "doc"}}),
            )
            .await;
        assert_field_error(&object, "comment");
        if flavor == Flavor::Cloud {
            let path = format!("/rest/api/3/issue/{key}/comment");
            for bad in [
                json!("plain text"),
                json!({"type": "doc", "version": 1}),
                json!({"type": "doc", "version": 1, "content": [{"text": "no type"}]}),
            ] {
                let reply = site.post(&path, &json!({"body": bad})).await;
                let error = assert_field_error(&reply, "comment");
                assert!(error.contains("Atlassian Document"), "{bad}: {error}");
            }
            // The wiki comment reads back as ADF on v3.
            let page = site.get_ok(&format!("{path}?orderBy=-created")).await;
            assert_eq!(page["comments"][0]["body"]["type"], "doc");
        } else {
            site.post(
                &format!("/rest/api/3/issue/{key}/comment"),
                &json!({"body": "x"}),
            )
            .await
            .assert_jira_error(404);
        }
        send(
            site.anon(Method::POST, &format!("/rest/api/2/issue/{key}/comment"))
                .json(&json!({"body": "x"})),
        )
        .await
        .assert_jira_error(401);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn comments_can_be_restricted_to_a_role_or_group() {
    for flavor in FLAVORS {
        let site = site(flavor).await;
        let v = api(&site);
        let roles = site
            .get_ok(&format!("/rest/api/{v}/project/ACME/role"))
            .await;
        assert!(
            roles["Developers"].as_str().unwrap().contains("/role/"),
            "{roles}"
        );
        site.get(&format!("/rest/api/{v}/project/NOPE/role"))
            .await
            .assert_jira_error(404);
        let key = site.key(2);
        let path = format!("/rest/api/{v}/issue/{key}/comment");
        let body = json!({"body": body_for(&site, "internal"), "visibility": {"type": "role", "value": "Developers"}});
        let added = site.post(&path, &body).await;
        assert_eq!(added.status, 201, "{}", added.text);
        assert_eq!(
            added.json()["visibility"],
            json!({"type": "role", "value": "Developers"})
        );
        let group = json!({"body": body_for(&site, "admins"), "visibility": {"type": "group", "value": "jira-administrators"}});
        assert_eq!(site.post(&path, &group).await.status, 201);
        for bad in [
            json!({"type": "role", "value": "Astronauts"}),
            json!({"type": "planet", "value": "x"}),
        ] {
            let reply = site
                .post(
                    &path,
                    &json!({"body": body_for(&site, "x"), "visibility": bad}),
                )
                .await;
            assert_field_error(&reply, "commentLevel");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn watching_is_read_switched_on_and_off() {
    for flavor in FLAVORS {
        let site = site(flavor).await;
        let data = &site.server.site.data;
        let index = find(&site, "ACME", |i| i.reporter as usize == ALICE);
        let key = site.key(index);
        let v = api(&site);
        let path = format!("/rest/api/{v}/issue/{key}/watchers");
        let start = site.get_ok(&path).await;
        assert_eq!(
            (&start["watchCount"], &start["isWatching"]),
            (&json!(1), &json!(true)),
            "{start}"
        );
        assert_eq!(start["watchers"][0]["displayName"], "Alice Anderson");

        // Bob watches with an empty body (the caller), then sees it in the issue.
        let watch =
            send(bob(&site, Method::POST, &path).header("content-type", "application/json")).await;
        assert_no_content(&watch, "bob watches");
        let as_bob = send(bob(
            &site,
            Method::GET,
            &format!("/rest/api/{v}/issue/{key}?fields=watches"),
        ))
        .await;
        assert_eq!(as_bob.json()["fields"]["watches"]["isWatching"], true);
        assert_eq!(as_bob.json()["fields"]["watches"]["watchCount"], 2);

        let (param, carol) = match flavor {
            Flavor::Cloud => ("accountId", data.users[2].account_id.clone()),
            Flavor::Dc => ("username", data.users[2].name.clone()),
        };
        assert_no_content(&site.post(&path, &json!(carol)).await, "carol added");
        let alice_id = match flavor {
            Flavor::Cloud => data.users[ALICE].account_id.clone(),
            Flavor::Dc => data.users[ALICE].name.clone(),
        };
        let unwatch = send(site.alice(Method::DELETE, &format!("{path}?{param}={alice_id}"))).await;
        assert_no_content(&unwatch, "alice stops");
        let now = site.get_ok(&path).await;
        assert_eq!(
            (&now["watchCount"], &now["isWatching"]),
            (&json!(2), &json!(false)),
            "{now}"
        );
        let names: Vec<&str> = now["watchers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["displayName"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["Bob Brown", "Carol Chen"]);
        assert_eq!(
            issue(&site, &key, "watches").await["fields"]["watches"]["isWatching"],
            false
        );

        site.post(&path, &json!("nobody-at-all"))
            .await
            .assert_jira_error(404);
        send(site.alice(Method::DELETE, &path))
            .await
            .assert_jira_error(400);
        send(site.anon(Method::POST, &path))
            .await
            .assert_jira_error(401);
        site.get(&format!("/rest/api/{v}/issue/NOPE-1/watchers"))
            .await
            .assert_jira_error(404);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_comment_whose_answer_is_cut_off_was_stored_all_the_same() {
    for flavor in FLAVORS {
        let site = site_with(DemoConfig {
            flavor,
            seed: dataset::DEFAULT_SEED,
            faults: FaultSpec::parse("reset=1").unwrap(),
            ..DemoConfig::default()
        })
        .await;
        let key = site.key(3);
        let path = format!("/rest/api/2/issue/{key}/comment");
        let sent = site
            .alice(Method::POST, &path)
            .json(&json!({"body": "lost answer"}))
            .send()
            .await;
        let lost = match sent {
            Err(_) => true,
            Ok(response) => response.text().await.is_err(),
        };
        assert!(lost, "{flavor:?}: the answer was not cut off");
        let stored = site.server.site.live();
        let index = site.server.site.data.find_issue(&key).unwrap();
        let issue = stored.issue(&site.server.site.data, index);
        assert_eq!(
            issue.comments.len(),
            site.server.site.data.issues[index].comments.len() + 1
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rate_limited_comment_is_not_stored() {
    for flavor in FLAVORS {
        let site = site_with(DemoConfig {
            flavor,
            faults: FaultSpec::parse("429=1").unwrap(),
            ..DemoConfig::default()
        })
        .await;
        let key = site.key(3);
        let reply = site
            .post(
                &format!("/rest/api/2/issue/{key}/comment"),
                &json!({"body": "too fast"}),
            )
            .await;
        reply.assert_jira_error(429);
        assert!(!reply.header("retry-after").is_empty());
        let index = site.server.site.data.find_issue(&key).unwrap();
        let live = site.server.site.live();
        let comments = live.issue(&site.server.site.data, index).comments.len();
        assert_eq!(comments, site.server.site.data.issues[index].comments.len());
    }
}
