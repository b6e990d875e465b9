//! A small misbehaving Jira for the end-to-end tests: an axum router the test writes, served
//! on 127.0.0.1 on a runtime of its own, and the issue JSON a search page carries.
// Shared by several test crates, each using part of it.
#![allow(dead_code)]

use serde_json::{Value, json};

/// A server running `router` until dropped.
pub struct Hostile {
    /// Its address, `http://127.0.0.1:PORT`.
    pub url: String,
    _runtime: tokio::runtime::Runtime,
}

impl Hostile {
    /// Serves `router` on a free port.
    pub fn serve(router: axum::Router) -> Hostile {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        runtime.spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        Hostile {
            url,
            _runtime: runtime,
        }
    }

    /// The environment that logs in to it for one run (an API token, as on Cloud).
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("JIRATTY_SITE", self.url.clone()),
            ("JIRATTY_AUTH", "api-token".to_string()),
            ("JIRATTY_USER", "alice@example.com".to_string()),
            ("JIRATTY_SECRET", "secret".to_string()),
        ]
    }

    /// The environment that logs in with a personal access token (Server/Data Center).
    pub fn env_pat(&self) -> Vec<(&'static str, String)> {
        vec![
            ("JIRATTY_SITE", self.url.clone()),
            ("JIRATTY_AUTH", "pat".to_string()),
            ("JIRATTY_SECRET", "secret".to_string()),
        ]
    }
}

/// `serverInfo` of a `Cloud` or `Server` site.
pub fn server_info(deployment: &str) -> Value {
    json!({
        "baseUrl": "http://127.0.0.1",
        "version": if deployment == "Cloud" { "1001.0.0" } else { "9.12.0" },
        "versionNumbers": [9, 12, 0],
        "deploymentType": deployment,
        "serverTitle": "Hostile"
    })
}

/// An issue as a search page carries it.
pub fn issue(key: &str) -> Value {
    json!({
        "id": key.trim_start_matches(|c: char| !c.is_ascii_digit()),
        "key": key,
        "fields": {
            "summary": format!("Summary of {key}"),
            "status": {"name": "To Do", "statusCategory": {"key": "new"}},
            "issuetype": {"name": "Task"},
            "priority": {"name": "Medium"},
            "updated": "2024-06-01T09:00:00.000+0000"
        }
    })
}

/// The issues `PROJ-from` … `PROJ-(to-1)`.
pub fn issues(range: std::ops::Range<usize>) -> Vec<Value> {
    range.map(|i| issue(&format!("PROJ-{i}"))).collect()
}
