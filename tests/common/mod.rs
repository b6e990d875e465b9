//! Shared helpers for the demo server's HTTP tests: start a server in-process on port 0, send
//! requests as one of the demo accounts, and read answers and fixtures.
#![allow(dead_code)] // each test file uses a different subset

use jiratty::demo::model::Flavor;
use jiratty::demo::{DemoConfig, DemoServer, start};
use reqwest::header::HeaderMap;
use reqwest::{Method, RequestBuilder, StatusCode};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::PathBuf;

/// Cloud login of the demo account alice.
pub const CLOUD_EMAIL: &str = "alice@example.com";
/// Alice's Cloud API token.
pub const CLOUD_TOKEN: &str = "demo-api-token";
/// Alice's Server/DC login name.
pub const DC_USER: &str = "alice";
/// Every demo account's password.
pub const PASSWORD: &str = "demo-password";
/// Alice's Server/DC personal access token.
pub const DC_PAT: &str = "demo-pat";

/// Both flavours, for tests that run the same checks on each.
pub const FLAVORS: [Flavor; 2] = [Flavor::Cloud, Flavor::Dc];

/// The REST versions a flavour serves: Cloud has v2 and v3, Server/DC only v2.
pub fn versions(flavor: Flavor) -> &'static [&'static str] {
    match flavor {
        Flavor::Cloud => &["2", "3"],
        Flavor::Dc => &["2"],
    }
}

/// A running demo server plus an HTTP client that talks to it.
pub struct Site {
    /// The server (its `site.data` is the dataset the answers come from).
    pub server: DemoServer,
    /// Which Jira it imitates.
    pub flavor: Flavor,
    /// A plain client: no cookie store, no default credentials.
    pub http: reqwest::Client,
}

/// An answer read in full.
#[derive(Debug)]
pub struct Reply {
    /// Status code.
    pub status: StatusCode,
    /// Response headers.
    pub headers: HeaderMap,
    /// The body as text.
    pub text: String,
}

impl Reply {
    /// The body as JSON; panics with the body when it is not JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| {
            panic!(
                "body of a {} answer is not JSON ({e}): {:.400}",
                self.status, self.text
            )
        })
    }

    /// A header as text ("" when absent).
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// Asserts the status and Jira's error envelope `{"errorMessages":[..],"errors":{..}}`,
    /// returning the error messages.
    pub fn assert_jira_error(&self, status: u16) -> Vec<String> {
        assert_eq!(
            self.status.as_u16(),
            status,
            "unexpected status; body: {:.400}",
            self.text
        );
        let body = self.json();
        let messages = body["errorMessages"]
            .as_array()
            .unwrap_or_else(|| panic!("no errorMessages array in {body}"));
        assert!(body["errors"].is_object(), "no errors object in {body}");
        messages
            .iter()
            .map(|m| {
                m.as_str()
                    .unwrap_or_else(|| panic!("non-string message in {body}"))
                    .into()
            })
            .collect()
    }
}

/// Starts a demo server of `flavor` with the default dataset.
pub async fn site(flavor: Flavor) -> Site {
    site_with(DemoConfig {
        flavor,
        ..DemoConfig::default()
    })
    .await
}

/// Starts a demo server with `config` (its port is forced to 0).
pub async fn site_with(config: DemoConfig) -> Site {
    let flavor = config.flavor;
    let server = start(DemoConfig { port: 0, ..config })
        .await
        .expect("demo server starts");
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("HTTP client builds");
    Site {
        server,
        flavor,
        http,
    }
}

impl Site {
    /// The absolute URL of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.server.url())
    }

    /// A request without credentials.
    pub fn anon(&self, method: Method, path: &str) -> RequestBuilder {
        self.http.request(method, self.url(path))
    }

    /// A request as alice with the flavour's usual method (Cloud: e-mail + API token,
    /// Server/DC: username + password).
    pub fn alice(&self, method: Method, path: &str) -> RequestBuilder {
        let request = self.anon(method, path);
        match self.flavor {
            Flavor::Cloud => request.basic_auth(CLOUD_EMAIL, Some(CLOUD_TOKEN)),
            Flavor::Dc => request.basic_auth(DC_USER, Some(PASSWORD)),
        }
    }

    /// `GET path` as alice, read in full.
    pub async fn get(&self, path: &str) -> Reply {
        send(self.alice(Method::GET, path)).await
    }

    /// `POST path` as alice with a JSON body, read in full.
    pub async fn post(&self, path: &str, body: &Value) -> Reply {
        send(self.alice(Method::POST, path).json(body)).await
    }

    /// `GET path` as alice, expecting 200 and a JSON body.
    pub async fn get_ok(&self, path: &str) -> Value {
        let reply = self.get(path).await;
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "GET {path}: {:.400}",
            reply.text
        );
        reply.json()
    }

    /// `POST path` as alice, expecting 200 and a JSON body.
    pub async fn post_ok(&self, path: &str, body: &Value) -> Value {
        let reply = self.post(path, body).await;
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "POST {path} {body}: {:.400}",
            reply.text
        );
        reply.json()
    }

    /// Asserts that the server still answers (after bad input).
    pub async fn assert_alive(&self) {
        let reply = send(self.anon(Method::GET, "/rest/api/2/serverInfo")).await;
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "server stopped answering: {}",
            reply.text
        );
    }

    /// Key of the issue at `index` in the dataset.
    pub fn key(&self, index: usize) -> String {
        self.server.site.data.key(index)
    }

    /// Index of project `key` in the dataset.
    pub fn project_index(&self, key: &str) -> usize {
        let projects = &self.server.site.data.projects;
        projects
            .iter()
            .position(|p| p.key == key)
            .expect("project exists in the dataset")
    }

    /// Keys of every issue of project `key`, from the dataset.
    pub fn project_keys(&self, key: &str) -> Vec<String> {
        let p = self.project_index(key);
        let data = &self.server.site.data;
        (0..data.issues.len())
            .filter(|&i| data.issues[i].project as usize == p)
            .map(|i| data.key(i))
            .collect()
    }
}

/// Sends a request and reads the answer in full; panics on transport errors.
pub async fn send(request: RequestBuilder) -> Reply {
    let response = request
        .send()
        .await
        .expect("request reaches the demo server");
    let status = response.status();
    let headers = response.headers().clone();
    let text = response.text().await.expect("body can be read");
    Reply {
        status,
        headers,
        text,
    }
}

/// Sorted object keys of `value` (empty for non-objects).
pub fn keys(value: &Value) -> Vec<String> {
    let mut keys: Vec<String> = value
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    keys.sort();
    keys
}

/// The folder of the shared Jira fixtures, or a clear failure when it is missing.
pub fn fixtures_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures/jira");
    assert!(
        dir.is_dir(),
        "the shared Jira fixtures are missing: expected them at {} (the repository's sibling \
         folder shared/fixtures/jira, laid beside the checkout)",
        dir.display()
    );
    dir
}

/// A fixture file under `shared/fixtures/jira/`, parsed.
pub fn fixture(relative: &str) -> Value {
    let path = fixtures_dir().join(relative);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read fixture {}: {e}", path.display()));
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("fixture {} is not JSON: {e}", path.display()))
}

/// Asserts that `actual` has every top-level key of `example`, except those in `omitted`.
pub fn assert_has_keys(what: &str, actual: &Value, example: &Value, omitted: &[&str]) {
    assert!(
        actual.is_object(),
        "{what}: demo answer is not an object: {actual:.300}"
    );
    let missing: Vec<String> = keys(example)
        .into_iter()
        .filter(|k| actual.get(k).is_none() && !omitted.contains(&k.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "{what}: demo answer lacks the example's keys {missing:?}"
    );
}

/// `POST /rest/auth/1/session` with a username and password, without other credentials.
pub async fn session_login(site: &Site, username: &str, password: &str) -> Reply {
    let body = json!({"username": username, "password": password});
    send(site.anon(Method::POST, "/rest/auth/1/session").json(&body)).await
}

/// The keys of a search page's issues.
pub fn issue_keys(page: &Value) -> Vec<String> {
    let issues = page["issues"]
        .as_array()
        .unwrap_or_else(|| panic!("no issues array: {page:.300}"));
    issues
        .iter()
        .map(|i| i["key"].as_str().expect("issue key").to_string())
        .collect()
}

/// First element of an array (the example's representative entry).
pub fn first(value: &Value) -> &Value {
    value
        .get(0)
        .unwrap_or_else(|| panic!("expected a non-empty array: {value:.200}"))
}

/// Field ids the demo claims to support (its `GET field`).
pub async fn field_ids(site: &Site) -> BTreeSet<String> {
    let fields = site.get_ok("/rest/api/2/field").await;
    fields
        .as_array()
        .expect("field list")
        .iter()
        .filter_map(|f| f["id"].as_str().map(String::from))
        .collect()
}

/// Every `fields` key of `example` must be claimed by the demo's field list and present in
/// `actual`, unless it is in `omitted`.
pub fn assert_issue_fields(
    what: &str,
    actual: &Value,
    example: &Value,
    claimed: &BTreeSet<String>,
    omitted: &[&str],
) {
    for key in keys(&example["fields"]) {
        if omitted.contains(&key.as_str()) {
            continue;
        }
        assert!(
            claimed.contains(&key),
            "{what}: example field {key} is neither served nor listed as omitted"
        );
        assert!(
            actual["fields"].get(&key).is_some(),
            "{what}: demo issue lacks field {key}"
        );
    }
}

/// The example spells two fields as the doc's schema names them, not as Jira's field ids.
pub const DOC_FIELD_SPELLINGS: &[&str] = &[
    "sub-tasks", // the field id is `subtasks` (served)
    "watcher",   // the field id is `watches` (served)
];
