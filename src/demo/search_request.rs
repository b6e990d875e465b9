//! The request of both search styles, read from a query string (GET) or a JSON body (POST)
//! with Jira's answers to bad values.

use super::extract::Params;
use super::respond;
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::Value;

/// The request of either search style, from a query string or a JSON body.
pub struct SearchRequest {
    pub jql: String,
    pub fields: Vec<String>,
    pub expand: Vec<String>,
    pub start_at: usize,
    pub max_results: Option<usize>,
    pub next_page_token: Option<String>,
    /// `validateQuery` is `false`/`none`/`warn`: unknown values do not fail the query.
    pub lenient: bool,
}

/// Whether a `validateQuery` value turns strict validation off.
fn lenient_validation(value: Option<&str>) -> bool {
    value.is_some_and(|v| {
        matches!(
            v.trim().to_ascii_lowercase().as_str(),
            "false" | "none" | "warn"
        )
    })
}

fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => s
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

fn usize_field(value: &Value, name: &str) -> Result<Option<usize>, Response> {
    match value.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v.as_u64().map(|n| Some(n as usize)).ok_or_else(|| {
            respond::bad_request(&format!(
                "The value '{v}' is not a valid number for '{name}'."
            ))
        }),
    }
}

impl SearchRequest {
    #[allow(clippy::result_large_err)]
    /// From a query string.
    pub fn from_query(raw: Option<&str>) -> Result<Self, Response> {
        let p = Params::parse(raw);
        Ok(SearchRequest {
            jql: p.get("jql").unwrap_or("").to_string(),
            fields: p.all("fields"),
            expand: p.list("expand"),
            start_at: p.number("startAt", 0)?,
            max_results: match p.get("maxResults") {
                None => None,
                Some(_) => Some(p.number("maxResults", 50)?),
            },
            next_page_token: p.get("nextPageToken").map(str::to_string),
            lenient: lenient_validation(p.get("validateQuery")),
        })
    }

    #[allow(clippy::result_large_err)]
    /// From a JSON body.
    pub fn from_body(headers: &HeaderMap, body: &[u8]) -> Result<Self, Response> {
        let value = respond::parse_json(headers, body)?;
        if !value.is_object() {
            return Err(respond::bad_request(
                "The request body must be a JSON object.",
            ));
        }
        Ok(SearchRequest {
            jql: value
                .get("jql")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            fields: strings(value.get("fields")),
            expand: strings(value.get("expand")),
            start_at: usize_field(&value, "startAt")?.unwrap_or(0),
            max_results: usize_field(&value, "maxResults")?,
            next_page_token: value
                .get("nextPageToken")
                .and_then(Value::as_str)
                .map(str::to_string),
            lenient: match value.get("validateQuery") {
                Some(Value::Bool(b)) => !b,
                Some(Value::String(s)) => lenient_validation(Some(s)),
                _ => false,
            },
        })
    }
}
