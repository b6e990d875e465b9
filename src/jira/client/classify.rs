//! Response classification, pure: status + headers + body (and what is known of the call and
//! the credentials) in, the [`JiraError`] a user can act on out. No I/O, so it is tested on
//! plain values.

use crate::jira::auth::{AuthMethod, Credentials};
use crate::jira::error::{CredentialProblem, JiraError, jql_position};
use crate::jira::retry::limits::rate_limit_reason;
use crate::jira::retry::retry_after;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde_json::Value;

/// What classification needs to know besides the answer.
pub(crate) struct Context<'a> {
    /// `METHOD /path`, as errors name the endpoint.
    pub endpoint: String,
    /// The call is a search: a 400 is about its JQL.
    pub search: bool,
    /// The site is known to be Jira Cloud.
    pub cloud: bool,
    /// The credentials in use: their secret is masked in excerpts, and they say what a 401
    /// most likely means.
    pub credentials: Option<&'a Credentials>,
    /// The call went through Atlassian's API gateway: a 401 or 403 about scopes is a
    /// token's missing scope.
    pub gateway: bool,
}

/// Turns a non-success answer into the error a user can act on.
pub(crate) fn classify(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    ctx: &Context<'_>,
) -> JiraError {
    let seraph = header_str(headers, "x-seraph-loginreason").to_ascii_uppercase();
    let denied = header_str(headers, "x-authentication-denied-reason");
    if seraph.contains("AUTHENTICATION_DENIED") || denied.to_ascii_uppercase().contains("CAPTCHA") {
        let login_url = denied
            .split(';')
            .filter_map(|part| part.trim().strip_prefix("login-url="))
            .map(|s| s.trim().to_string())
            .next();
        return JiraError::Captcha { login_url };
    }
    let messages = jira_messages(body);
    let message = if messages.is_empty() {
        excerpt(body, ctx.credentials)
    } else {
        messages.join(" ")
    };
    if ctx.gateway
        && matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN)
        && message.to_ascii_lowercase().contains("scope")
    {
        return JiraError::MissingScope {
            missing: scopes_named(&message),
            message: message.chars().take(200).collect(),
        };
    }
    match status {
        StatusCode::UNAUTHORIZED => JiraError::WrongCredentials {
            problem: credential_problem(body, headers, ctx),
            cloud: ctx.cloud,
        },
        StatusCode::FORBIDDEN => JiraError::Forbidden { message },
        StatusCode::NOT_FOUND => JiraError::NotFound { message },
        StatusCode::GONE => JiraError::Removed { message },
        StatusCode::TOO_MANY_REQUESTS => JiraError::RateLimited {
            retry_after: retry_after(headers),
            reason: rate_limit_reason(headers),
        },
        StatusCode::BAD_REQUEST if is_issue_write(&ctx.endpoint) => field_errors(body),
        StatusCode::BAD_REQUEST
            if ctx.search
                || message.contains("JQL")
                || message.contains("does not exist for the field")
                || message.contains("does not exist or you do not have permission to view it") =>
        {
            let (line, character) = jql_position(&message);
            JiraError::BadJql {
                message,
                line,
                character,
            }
        }
        StatusCode::BAD_REQUEST => JiraError::BadRequest { message },
        s if s.is_server_error() => JiraError::Server {
            status: s.as_u16(),
            message,
        },
        s => JiraError::Unexpected {
            endpoint: ctx.endpoint.clone(),
            status: s.as_u16(),
            excerpt: excerpt(body, ctx.credentials),
        },
    }
}

/// Whether the endpoint (`METHOD /path`) creates an issue or changes its fields: its 400
/// answers say which field was refused.
fn is_issue_write(endpoint: &str) -> bool {
    let path = endpoint.split('?').next().unwrap_or("");
    let Some((method, path)) = path.split_once(' ') else {
        return false;
    };
    let Some(rest) = path
        .strip_prefix("/rest/api/3/issue")
        .or_else(|| path.strip_prefix("/rest/api/2/issue"))
        .or_else(|| {
            // Through Atlassian's gateway: /ex/jira/{cloudId}/rest/api/3/issue
            let at = path.find("/rest/api/")?;
            path[at..]
                .strip_prefix("/rest/api/3/issue")
                .or_else(|| path[at..].strip_prefix("/rest/api/2/issue"))
        })
    else {
        return false;
    };
    match method {
        "POST" => rest.is_empty() || rest == "/",
        "PUT" => rest.starts_with('/') && rest.len() > 1 && !rest[1..].contains('/'),
        _ => false,
    }
}

/// Jira's 400 answer to an issue write: messages about the request, and one per field.
fn field_errors(body: &[u8]) -> JiraError {
    let clean = |s: &str| -> String { s.chars().filter(|c| !c.is_control()).collect() };
    let value = serde_json::from_slice::<Value>(body).unwrap_or(Value::Null);
    let mut messages: Vec<String> = value
        .get("errorMessages")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(clean).collect())
        .unwrap_or_default();
    let fields: Vec<(String, String)> = value
        .get("errors")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| Some((clean(k), clean(v.as_str()?))))
                .collect()
        })
        .unwrap_or_default();
    if messages.is_empty() && fields.is_empty() {
        messages.push(format!(
            "Jira refused the request ({})",
            excerpt(body, None)
        ));
    }
    JiraError::FieldErrors { messages, fields }
}

/// The OAuth scopes a gateway message names (`read:jira-work`, `read:issue:jira`).
fn scopes_named(message: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in message.split(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | '"' | '\'' | '[' | ']' | '(' | ')')
    }) {
        let word = word.trim_end_matches('.');
        let scope = word.contains(':')
            && word.len() <= 60
            && word
                .chars()
                .all(|c| c.is_ascii_lowercase() || matches!(c, ':' | '-' | '_' | '.'))
            && !word.starts_with(':')
            && !word.ends_with(':');
        if scope && !out.iter().any(|s| s == word) {
            out.push(word.to_string());
        }
    }
    out
}

/// Whether Jira's `X-Seraph-LoginReason` says the credentials sent were not accepted.
pub(crate) fn login_reason_failed(headers: &HeaderMap) -> bool {
    header_str(headers, "x-seraph-loginreason")
        .to_ascii_uppercase()
        .contains("AUTHENTICATED_FAILED")
}

/// The authentication failure hidden in a successful answer: with anonymous access on, Jira
/// answers a call whose credentials it refused (an expired or revoked token) with 200, the
/// anonymous results and `X-Seraph-LoginReason: AUTHENTICATED_FAILED`. Those results are not
/// the user's, so the call fails. `None` when the header is absent or no credentials were
/// sent.
pub(crate) fn hidden_auth_failure(headers: &HeaderMap, ctx: &Context<'_>) -> Option<JiraError> {
    if !login_reason_failed(headers) {
        return None;
    }
    let creds = ctx.credentials?;
    let problem = match creds.method {
        AuthMethod::ApiToken => CredentialProblem::TokenExpired,
        AuthMethod::Pat => CredentialProblem::TokenRefused,
        AuthMethod::Cookie => CredentialProblem::CookieRefused,
        _ => credential_problem(b"", headers, ctx),
    };
    Some(JiraError::WrongCredentials {
        problem,
        cloud: ctx.cloud,
    })
}

/// What a 401 most likely means, from its body and headers and the credentials that were
/// refused.
fn credential_problem(body: &[u8], headers: &HeaderMap, ctx: &Context<'_>) -> CredentialProblem {
    let text = String::from_utf8_lossy(body).to_lowercase();
    if text.contains("passwords is deprecated") || text.contains("password is deprecated") {
        return CredentialProblem::PasswordWhereTokenNeeded;
    }
    let Some(creds) = ctx.credentials else {
        return CredentialProblem::Mismatch;
    };
    let has_at = creds.user.contains('@');
    match creds.method {
        AuthMethod::ApiToken if has_at && login_reason_failed(headers) => {
            CredentialProblem::TokenExpired
        }
        AuthMethod::Pat => CredentialProblem::TokenRefused,
        AuthMethod::Cookie => CredentialProblem::CookieRefused,
        AuthMethod::ApiToken if !has_at => CredentialProblem::UsernameWhereEmailNeeded,
        AuthMethod::Password | AuthMethod::Session if has_at && !ctx.cloud => {
            CredentialProblem::EmailWhereUsernameNeeded
        }
        AuthMethod::Password if ctx.cloud => CredentialProblem::PasswordWhereTokenNeeded,
        _ => CredentialProblem::Mismatch,
    }
}

/// The first 200 characters of a body, with control characters removed and the secret of
/// `credentials` masked.
pub(crate) fn excerpt(body: &[u8], credentials: Option<&Credentials>) -> String {
    let text = String::from_utf8_lossy(body);
    let mut out: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(200)
        .collect();
    if let Some(creds) = credentials {
        let secret = creds.secret.expose();
        if secret.len() >= 4 {
            out = out.replace(secret, "***");
        }
    }
    let trimmed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    if trimmed.is_empty() {
        "(empty body)".to_string()
    } else {
        trimmed
    }
}

pub(crate) fn header_str<'h>(headers: &'h HeaderMap, name: &str) -> &'h str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

/// Jira's `errorMessages` plus the values of `errors` (or a gateway's `message`), without
/// control characters.
pub(crate) fn jira_messages(body: &[u8]) -> Vec<String> {
    let Ok(value) = serde_json::from_slice::<Value>(body) else {
        return Vec::new();
    };
    let mut out: Vec<String> = value
        .get("errorMessages")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|m| m.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    if let Some(errors) = value.get("errors").and_then(Value::as_object) {
        out.extend(
            errors
                .values()
                .filter_map(|v| v.as_str().map(str::to_string)),
        );
    }
    if out.is_empty()
        && let Some(m) = value.get("message").and_then(Value::as_str)
    {
        out.push(m.to_string());
    }
    out.into_iter()
        .map(|m| m.chars().filter(|c| !c.is_control()).collect())
        .collect()
}

/// Whether an answer is a web page rather than JSON.
pub(crate) fn is_html(headers: &HeaderMap, body: &[u8]) -> bool {
    let ct = header_str(headers, "content-type").to_ascii_lowercase();
    if ct.starts_with("text/html") {
        return true;
    }
    let start = String::from_utf8_lossy(&body[..body.len().min(64)])
        .trim_start()
        .to_ascii_lowercase();
    start.starts_with("<!doctype html") || start.starts_with("<html")
}

/// Whether a web page looks like a login form (an SSO redirect in front of the API).
pub(crate) fn looks_like_login_page(body: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&body[..body.len().min(20_000)]).to_lowercase();
    ["password", "sign in", "log in", "login", "saml", "sso"]
        .iter()
        .any(|w| text.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jira::auth::Secret;
    use reqwest::header::HeaderValue;

    fn ctx(credentials: Option<&Credentials>) -> Context<'_> {
        Context {
            endpoint: "GET /rest/api/2/issue/X-1".into(),
            search: false,
            cloud: false,
            credentials,
            gateway: false,
        }
    }

    #[test]
    fn collects_jira_messages() {
        let body = br#"{"errorMessages":["a"],"errors":{"jql":"b"}}"#;
        assert_eq!(jira_messages(body), vec!["a".to_string(), "b".to_string()]);
        assert!(jira_messages(b"<html>").is_empty());
        assert_eq!(
            jira_messages(br#"{"message":"gw"}"#),
            vec!["gw".to_string()]
        );
    }

    #[test]
    fn statuses_become_their_errors() {
        let h = HeaderMap::new();
        let body = br#"{"errorMessages":["Issue does not exist"],"errors":{}}"#;
        let c = ctx(None);
        assert!(matches!(
            classify(StatusCode::NOT_FOUND, &h, body, &c),
            JiraError::NotFound { message } if message == "Issue does not exist"
        ));
        assert!(matches!(
            classify(StatusCode::FORBIDDEN, &h, b"", &c),
            JiraError::Forbidden { message } if message == "(empty body)"
        ));
        assert!(matches!(
            classify(
                StatusCode::BAD_REQUEST,
                &h,
                br#"{"errors":{"assignee":"no"}}"#,
                &c
            ),
            JiraError::BadRequest { .. }
        ));
        assert!(matches!(
            classify(StatusCode::BAD_GATEWAY, &h, b"", &c),
            JiraError::Server { status: 502, .. }
        ));
        assert!(matches!(
            classify(StatusCode::IM_A_TEAPOT, &h, b"tea", &c),
            JiraError::Unexpected { status: 418, .. }
        ));
    }

    #[test]
    fn a_search_400_is_bad_jql_and_a_429_keeps_retry_after() {
        let mut h = HeaderMap::new();
        let mut c = ctx(None);
        c.search = true;
        let body = br#"{"errorMessages":["Error in the JQL Query: line 1, character 7"]}"#;
        assert!(matches!(
            classify(StatusCode::BAD_REQUEST, &h, body, &c),
            JiraError::BadJql { .. }
        ));
        h.insert("retry-after", HeaderValue::from_static("3"));
        assert!(matches!(
            classify(StatusCode::TOO_MANY_REQUESTS, &h, b"", &c),
            JiraError::RateLimited { retry_after: Some(d), reason: None } if d.as_secs() == 3
        ));
        h.insert(
            "ratelimit-reason",
            HeaderValue::from_static("jira-burst-based"),
        );
        let e = classify(StatusCode::TOO_MANY_REQUESTS, &h, b"", &c);
        assert_eq!(
            e.sentence(),
            "Jira is rate-limiting requests (jira-burst-based: too many requests in a short time)."
        );
        assert_eq!(e.hint().unwrap(), "Wait 3 seconds and try again.");
    }

    #[test]
    fn a_captcha_header_wins_over_the_status() {
        let mut h = HeaderMap::new();
        h.insert(
            "x-authentication-denied-reason",
            HeaderValue::from_static("CAPTCHA_CHALLENGE; login-url=https://x/login.jsp"),
        );
        assert!(matches!(
            classify(StatusCode::FORBIDDEN, &h, b"", &ctx(None)),
            JiraError::Captcha { login_url: Some(u) } if u == "https://x/login.jsp"
        ));
    }

    #[test]
    fn a_401_names_the_likely_credential_problem() {
        let h = HeaderMap::new();
        let token = Credentials::new(AuthMethod::ApiToken, "alice", Secret::new("t0ken"));
        assert!(matches!(
            classify(StatusCode::UNAUTHORIZED, &h, b"", &ctx(Some(&token))),
            JiraError::WrongCredentials {
                problem: CredentialProblem::UsernameWhereEmailNeeded,
                ..
            }
        ));
        let password = Credentials::new(AuthMethod::Password, "a@b.c", Secret::new("pw12"));
        assert!(matches!(
            classify(StatusCode::UNAUTHORIZED, &h, b"", &ctx(Some(&password))),
            JiraError::WrongCredentials {
                problem: CredentialProblem::EmailWhereUsernameNeeded,
                ..
            }
        ));
    }

    #[test]
    fn a_200_with_authenticated_failed_is_an_auth_failure() {
        let mut h = HeaderMap::new();
        let token = Credentials::new(AuthMethod::ApiToken, "a@b.c", Secret::new("t0ken"));
        assert!(hidden_auth_failure(&h, &ctx(Some(&token))).is_none());
        h.insert(
            "x-seraph-loginreason",
            HeaderValue::from_static("AUTHENTICATED_FAILED"),
        );
        assert!(hidden_auth_failure(&h, &ctx(None)).is_none());
        let e = hidden_auth_failure(&h, &ctx(Some(&token))).unwrap();
        assert!(matches!(
            e,
            JiraError::WrongCredentials {
                problem: CredentialProblem::TokenExpired,
                ..
            }
        ));
        assert!(e.sentence().contains("expired or been revoked"), "{e}");
        let pat = Credentials::new(AuthMethod::Pat, "", Secret::new("p4t0"));
        assert!(matches!(
            hidden_auth_failure(&h, &ctx(Some(&pat))),
            Some(JiraError::WrongCredentials {
                problem: CredentialProblem::TokenRefused,
                ..
            })
        ));
        // A 401 with the header, for an API token, says the same.
        assert!(matches!(
            classify(StatusCode::UNAUTHORIZED, &h, b"", &ctx(Some(&token))),
            JiraError::WrongCredentials {
                problem: CredentialProblem::TokenExpired,
                ..
            }
        ));
    }

    #[test]
    fn a_gateway_refusal_about_scopes_names_them() {
        let h = HeaderMap::new();
        let mut c = ctx(None);
        c.gateway = true;
        let body = br#"{"code":401,"message":"Unauthorized; scope does not match. Required: read:jira-work, read:jira-user"}"#;
        let e = classify(StatusCode::UNAUTHORIZED, &h, body, &c);
        let JiraError::MissingScope { missing, .. } = &e else {
            panic!("{e:?}");
        };
        assert_eq!(missing, &["read:jira-work", "read:jira-user"]);
        assert!(
            e.sentence()
                .contains("lacks the scopes read:jira-work, read:jira-user")
        );
        assert!(e.hint().unwrap().contains("write:jira-work"));
        let plain = br#"{"code":401,"message":"Unauthorized; scope does not match"}"#;
        assert!(matches!(
            classify(StatusCode::UNAUTHORIZED, &h, plain, &c),
            JiraError::MissingScope { missing, .. } if missing.is_empty()
        ));
        // Not through the gateway: an ordinary 401.
        c.gateway = false;
        assert!(matches!(
            classify(StatusCode::UNAUTHORIZED, &h, plain, &c),
            JiraError::WrongCredentials { .. }
        ));
    }

    #[test]
    fn excerpts_mask_the_secret_and_drop_control_characters() {
        let creds = Credentials::new(AuthMethod::Pat, "", Secret::new("s3cret"));
        assert_eq!(
            excerpt(b"token s3cret\x1b[31m here", Some(&creds)),
            "token *** [31m here"
        );
        assert_eq!(excerpt(b"  \n ", None), "(empty body)");
    }

    #[test]
    fn recognises_web_pages_and_login_forms() {
        let mut h = HeaderMap::new();
        assert!(is_html(&h, b"  <!DOCTYPE html><html>"));
        assert!(!is_html(&h, b"{}"));
        h.insert("content-type", HeaderValue::from_static("text/html"));
        assert!(is_html(&h, b""));
        assert!(looks_like_login_page(b"<form>Sign in with SSO</form>"));
        assert!(!looks_like_login_page(b"<p>maintenance</p>"));
    }
}
