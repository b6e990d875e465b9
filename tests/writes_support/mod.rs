//! Helpers of the demo write tests: requests as bob, searches that read changes back, and
//! finding issues of the dataset in a given state.
#![allow(dead_code)] // each test file uses a different subset

use crate::common::{Reply, Site, issue_keys, send};
use jiratty::demo::model::{Flavor, Issue};
use reqwest::{Method, RequestBuilder, StatusCode};
use serde_json::{Value, json};

/// Status indices of the demo's vocabulary.
pub const TO_DO: u8 = 0;
pub const IN_PROGRESS: u8 = 1;
pub const IN_REVIEW: u8 = 2;
pub const DONE: u8 = 3;

/// The users of the dataset, by index.
pub const ALICE: usize = 0;
pub const BOB: usize = 1;

/// A request as bob with the flavour's usual method.
pub fn bob(site: &Site, method: Method, path: &str) -> RequestBuilder {
    let request = site.anon(method, path);
    match site.flavor {
        Flavor::Cloud => request.basic_auth("bob@example.com", Some("demo-api-token-bob")),
        Flavor::Dc => request.basic_auth("bob", Some("demo-password")),
    }
}

/// The API version writes use: v3 on Cloud, v2 on Server/DC.
pub fn api(site: &Site) -> &'static str {
    match site.flavor {
        Flavor::Cloud => "3",
        Flavor::Dc => "2",
    }
}

/// A comment body in the flavour's form: ADF on Cloud's v3, wiki markup on v2.
pub fn body_for(site: &Site, text: &str) -> Value {
    match site.flavor {
        Flavor::Cloud => json!({"type": "doc", "version": 1, "content": [
            {"type": "paragraph", "content": [{"type": "text", "text": text}]}
        ]}),
        Flavor::Dc => json!(text),
    }
}

/// Index of the first issue of `project` matching `pred`.
pub fn find(site: &Site, project: &str, pred: impl Fn(&Issue) -> bool) -> usize {
    let p = site.project_index(project);
    site.server
        .site
        .data
        .issues
        .iter()
        .position(|i| i.project as usize == p && pred(i))
        .expect("the dataset has such an issue")
}

/// A JSON request as alice.
pub async fn alice_json(site: &Site, method: Method, path: &str, body: &Value) -> Reply {
    send(site.alice(method, path).json(body)).await
}

/// `POST …/transitions` as alice.
pub async fn transition(site: &Site, key: &str, body: Value) -> Reply {
    let path = format!("/rest/api/{}/issue/{key}/transitions", api(site));
    alice_json(site, Method::POST, &path, &body).await
}

/// Asserts a 204 without a body.
pub fn assert_no_content(reply: &Reply, what: &str) {
    assert_eq!(
        reply.status,
        StatusCode::NO_CONTENT,
        "{what}: {:.400}",
        reply.text
    );
    assert!(reply.text.is_empty(), "{what}: a body on a 204");
}

/// Asserts Jira's 400 with one field error, returning it.
pub fn assert_field_error(reply: &Reply, field: &str) -> String {
    reply.assert_jira_error(400);
    let body = reply.json();
    body["errors"][field]
        .as_str()
        .unwrap_or_else(|| panic!("no error on {field}: {body}"))
        .to_string()
}

/// The keys a search as alice finds, in the flavour's search style.
pub async fn search(site: &Site, jql: &str) -> Vec<String> {
    let page = match site.flavor {
        Flavor::Cloud => {
            site.post_ok(
                "/rest/api/3/search/jql",
                &json!({"jql": jql, "fields": ["summary"], "maxResults": 100}),
            )
            .await
        }
        Flavor::Dc => {
            let q = jiratty::demo::json::urlencode(jql);
            site.get_ok(&format!(
                "/rest/api/2/search?jql={q}&fields=summary&maxResults=100"
            ))
            .await
        }
    };
    issue_keys(&page)
}

/// Asserts that `jql`, restricted to `key`, finds it (or not).
pub async fn assert_found(site: &Site, key: &str, jql: &str, found: bool) {
    let keys = search(site, &format!("key = {key} AND {jql}")).await;
    assert_eq!(
        keys == [key.to_string()],
        found,
        "{:?} `{jql}` on {key}: {keys:?}",
        site.flavor
    );
}

/// Issue `key` as alice, with `fields`.
pub async fn issue(site: &Site, key: &str, fields: &str) -> Value {
    site.get_ok(&format!(
        "/rest/api/{}/issue/{key}?fields={fields}",
        api(site)
    ))
    .await
}

/// The ids of the transitions offered on `key` to the request's caller.
pub async fn offered(request: reqwest::RequestBuilder, key: &str) -> Vec<String> {
    let reply = send(request).await;
    assert_eq!(reply.status, 200, "transitions of {key}: {}", reply.text);
    reply.json()["transitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect()
}
