//! Response helpers in Jira's shapes: the error envelope, JSON bodies, and the catch-all that
//! turns framework errors (404, 405, 413, 415) into the same envelope.

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// A JSON response with `status`.
pub fn json_response(status: StatusCode, body: &Value) -> Response {
    let bytes = serde_json::to_vec(body).unwrap_or_else(|_| b"{}".to_vec());
    let mut response = Response::new(Body::from(bytes));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json;charset=UTF-8"),
    );
    response
}

/// 200 with a JSON body.
pub fn ok(body: &Value) -> Response {
    json_response(StatusCode::OK, body)
}

/// Jira's error envelope: `{"errorMessages":[...],"errors":{...}}`.
pub fn error(status: StatusCode, messages: &[&str]) -> Response {
    json_response(status, &json!({"errorMessages": messages, "errors": {}}))
}

/// Jira's error envelope with per-field errors.
pub fn field_errors(status: StatusCode, errors: &[(&str, &str)]) -> Response {
    let map: serde_json::Map<String, Value> = errors
        .iter()
        .map(|(k, v)| ((*k).to_string(), Value::String((*v).to_string())))
        .collect();
    json_response(status, &json!({"errorMessages": [], "errors": map}))
}

/// 204 without a body, as Jira answers most writes.
pub fn no_content() -> Response {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::NO_CONTENT;
    response
}

/// 400 with one message.
pub fn bad_request(message: &str) -> Response {
    error(StatusCode::BAD_REQUEST, &[message])
}

/// Marks a response whose non-JSON body is intended, so the catch-all leaves it alone.
#[derive(Debug, Clone, Copy)]
pub struct Intended;

/// A plain-text or HTML response, as some of Jira's authentication layers answer.
pub fn text(status: StatusCode, content_type: &'static str, body: String) -> Response {
    let mut response = (status, body).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response.extensions_mut().insert(Intended);
    response
}

/// Parses a JSON request body the way Jira does: the content type must be JSON (form and
/// plain-text posts fail Jira's XSRF check), and malformed JSON is a 400 in the usual envelope.
#[allow(clippy::result_large_err)]
pub fn parse_json(headers: &axum::http::HeaderMap, body: &[u8]) -> Result<Value, Response> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let no_check = headers
        .get("x-atlassian-token")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("no-check"));
    let simple = content_type.is_empty()
        || content_type.starts_with("application/x-www-form-urlencoded")
        || content_type.starts_with("multipart/form-data")
        || content_type.starts_with("text/plain");
    if simple && !no_check {
        return Err(text(
            StatusCode::FORBIDDEN,
            "text/plain;charset=UTF-8",
            "XSRF check failed".to_string(),
        ));
    }
    if !content_type.starts_with("application/json") {
        return Err(error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            &[&format!(
                "Unsupported Media Type: expected application/json, got '{}'.",
                if content_type.is_empty() {
                    "none"
                } else {
                    content_type.as_str()
                }
            )],
        ));
    }
    serde_json::from_slice(body).map_err(|e| {
        bad_request(&format!(
            "Unexpected character or end of input in the request body at line {}, column {}: {}",
            e.line(),
            e.column(),
            match e.classify() {
                serde_json::error::Category::Eof => "the JSON ends too early",
                serde_json::error::Category::Syntax => "the JSON is malformed",
                serde_json::error::Category::Data => "a value has the wrong type",
                serde_json::error::Category::Io => "the body could not be read",
            }
        ))
    })
}

/// Rewrites framework-made error responses (plain text, no JSON) into Jira's envelope.
pub async fn jira_shaped_errors(response: Response) -> Response {
    let status = response.status();
    if !status.is_client_error() && !status.is_server_error() {
        return response;
    }
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json || response.extensions().get::<Intended>().is_some() {
        return response;
    }
    let (parts, body) = response.into_parts();
    let detail = axum::body::to_bytes(body, 4096).await.unwrap_or_default();
    let detail = String::from_utf8_lossy(&detail).trim().to_string();
    let message = match status {
        StatusCode::PAYLOAD_TOO_LARGE => "The request body is too large.".to_string(),
        StatusCode::METHOD_NOT_ALLOWED => "Method Not Allowed".to_string(),
        _ if detail.is_empty() => status.canonical_reason().unwrap_or("Error").to_string(),
        _ => detail,
    };
    let mut rebuilt = error(status, &[&message]);
    for (name, value) in parts.headers.iter() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            rebuilt.headers_mut().insert(name.clone(), value.clone());
        }
    }
    rebuilt
}
