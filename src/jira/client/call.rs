//! One request to make ([`Call`]) and one answer that arrived whole ([`Answer`]).

use crate::jira::body::BodyKind;
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use serde_json::Value;

/// One request to make.
pub(crate) struct Call<'a> {
    pub method: Method,
    pub path: String,
    pub query: Vec<(&'a str, String)>,
    pub body: Option<Value>,
    /// Send credentials (false for serverInfo detection).
    pub authenticated: bool,
    /// Safe to repeat (GET, and searches).
    pub idempotent: bool,
    /// Detection: a web page means "not a Jira site" rather than an odd answer.
    pub probing: bool,
    /// What the call fetches, as errors and progress name it ("the search results").
    pub what: String,
    /// Which size limit its answer is held to.
    pub body_kind: BodyKind,
    /// Goes to the site even when the API is reached through a gateway (`/_edge/…`).
    pub site_only: bool,
}

impl<'a> Call<'a> {
    pub fn get(path: impl Into<String>) -> Self {
        Call {
            method: Method::GET,
            path: path.into(),
            query: Vec::new(),
            body: None,
            authenticated: true,
            idempotent: true,
            probing: false,
            what: String::new(),
            body_kind: BodyKind::List,
            site_only: false,
        }
    }
    pub fn post(path: impl Into<String>, body: Value) -> Self {
        Call {
            method: Method::POST,
            path: path.into(),
            query: Vec::new(),
            body: Some(body),
            authenticated: true,
            idempotent: false,
            probing: false,
            what: String::new(),
            body_kind: BodyKind::List,
            site_only: false,
        }
    }
    pub fn query(mut self, name: &'a str, value: impl Into<String>) -> Self {
        self.query.push((name, value.into()));
        self
    }
    pub fn idempotent(mut self, yes: bool) -> Self {
        self.idempotent = yes;
        self
    }
    /// Names what the call fetches, for errors and progress.
    pub fn about(mut self, what: impl Into<String>) -> Self {
        self.what = what.into();
        self
    }
    /// Holds the answer to the larger limit of issue bodies.
    pub fn issue_sized(mut self) -> Self {
        self.body_kind = BodyKind::Issue;
        self
    }
    pub(super) fn endpoint(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
    pub(super) fn description(&self) -> String {
        if self.what.is_empty() {
            format!("the answer to {}", self.endpoint())
        } else {
            self.what.clone()
        }
    }
}

/// A response that arrived whole.
pub(crate) struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}
