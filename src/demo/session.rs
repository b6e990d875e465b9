//! The authentication middleware and Server/DC's cookie-session resource
//! `/rest/auth/1/session`.

use super::Site;
use super::auth::{Caller, not_authenticated};
use super::model::Flavor;
use super::respond;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use serde_json::json;
use std::sync::Arc;

/// The session resource, under both names Jira answers to.
const SESSION_PATHS: [&str; 2] = ["/rest/auth/1/session", "/rest/auth/latest/session"];

/// Middleware: resolves the caller (or refuses bad credentials) and adds `X-AUSERNAME`.
pub async fn authenticate_layer(
    State(site): State<Arc<Site>>,
    mut request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    // The session login reads its own body; the demo controls are public.
    let skip = (SESSION_PATHS.contains(&path) && request.method() == axum::http::Method::POST)
        || path.starts_with("/demo/")
        || path == "/login.jsp";
    let via_gateway = request
        .extensions()
        .get::<axum::extract::OriginalUri>()
        .is_some_and(|uri| uri.path().starts_with("/ex/jira/"));
    if !skip && let Some(verdict) = site.scoped_token(request.headers(), via_gateway) {
        let caller = match verdict {
            Ok(user) => user,
            Err(response) => return with_username(&site, response, None),
        };
        request.extensions_mut().insert(Caller(Some(caller)));
        let response = next.run(request).await;
        return with_username(&site, response, Some(caller));
    }
    if !skip && site.presents_expired_token(request.headers()) {
        // Jira with anonymous access answers an expired token as an anonymous caller and
        // says so only in a header; without it, the token is refused outright.
        if !site.anonymous_access {
            return with_username(&site, site.expired_token_refused(), None);
        }
        request.extensions_mut().insert(Caller(None));
        let mut response = next.run(request).await;
        response.headers_mut().insert(
            "x-seraph-loginreason",
            HeaderValue::from_static("AUTHENTICATED_FAILED"),
        );
        return with_username(&site, response, None);
    }
    let caller = if skip {
        None
    } else {
        match site.authenticate(request.headers()) {
            Ok(user) => user,
            Err(response) => return with_username(&site, response, None),
        }
    };
    request.extensions_mut().insert(Caller(caller));
    let response = next.run(request).await;
    with_username(&site, response, caller)
}

fn with_username(site: &Site, mut response: Response, user: Option<usize>) -> Response {
    if site.flavor == Flavor::Dc {
        let name = user
            .and_then(|u| site.data.users.get(u))
            .map_or("anonymous", |u| u.name.as_str());
        // A handler that knows better (a session login) has set it already.
        if !response.headers().contains_key("x-ausername")
            && let Ok(v) = HeaderValue::from_str(name)
        {
            response.headers_mut().insert("x-ausername", v);
        }
    }
    response
}

fn login_info(site: &Site, user: usize) -> serde_json::Value {
    let auth = site.lock_auth();
    let info = auth.login_info.get(&user).cloned().unwrap_or_default();
    let mut v = json!({
        "failedLoginCount": info.failed,
        "loginCount": info.count,
    });
    if let Some(t) = info.last_failed {
        v["lastFailedLoginTime"] = json!(t);
    }
    if let Some(t) = info.previous {
        v["previousLoginTime"] = json!(t);
    }
    v
}

/// `POST /rest/auth/1/session`: logs in with `{"username","password"}` and starts a session.
pub async fn create(State(site): State<Arc<Site>>, headers: HeaderMap, body: Bytes) -> Response {
    if site.flavor == Flavor::Cloud {
        return cloud_has_no_sessions();
    }
    let value = match respond::parse_json(&headers, &body) {
        Ok(v) => v,
        Err(response) => return response,
    };
    let username = value.get("username").and_then(|v| v.as_str());
    let password = value.get("password").and_then(|v| v.as_str());
    let (Some(username), Some(password)) = (username, password) else {
        return respond::bad_request(
            "Unrecognized request: expected a JSON object with 'username' and 'password'.",
        );
    };
    match site.check_password(username, password) {
        Ok(user) => {
            let value = site.new_session(user);
            let name = site.session_cookie_name().to_string();
            let mut response = respond::ok(&json!({
                "session": {"name": name, "value": value},
                "loginInfo": login_info(&site, user),
            }));
            if let Ok(cookie) = HeaderValue::from_str(&format!("{name}={value}; Path=/; HttpOnly"))
            {
                response.headers_mut().insert(header::SET_COOKIE, cookie);
            }
            response
                .headers_mut()
                .insert("x-seraph-loginreason", HeaderValue::from_static("OK"));
            if let Ok(v) = HeaderValue::from_str(&site.data.users[user].name) {
                response.headers_mut().insert("x-ausername", v);
            }
            response
        }
        Err(refusal) if refusal.status() == StatusCode::FORBIDDEN => {
            // Keep the CAPTCHA headers, answer in the session resource's JSON shape.
            let mut response = respond::error(StatusCode::FORBIDDEN, &["Login denied"]);
            for (k, v) in refusal.headers() {
                if k != header::CONTENT_TYPE && k != header::CONTENT_LENGTH {
                    response.headers_mut().insert(k.clone(), v.clone());
                }
            }
            response
        }
        Err(_) => {
            let mut response = respond::error(StatusCode::UNAUTHORIZED, &["Login failed"]);
            response.headers_mut().insert(
                "x-seraph-loginreason",
                HeaderValue::from_static("AUTHENTICATED_FAILED"),
            );
            response
        }
    }
}

/// `GET /rest/auth/1/session`: who the session belongs to.
pub async fn current(
    State(site): State<Arc<Site>>,
    axum::Extension(caller): axum::Extension<Caller>,
) -> Response {
    if site.flavor == Flavor::Cloud {
        return cloud_has_no_sessions();
    }
    let Some(user) = caller.0 else {
        return not_authenticated(&site);
    };
    let u = &site.data.users[user];
    respond::ok(&json!({
        "self": format!("{}/rest/api/latest/user?username={}", site.base(), u.name),
        "name": u.name,
        "loginInfo": login_info(&site, user),
    }))
}

/// `DELETE /rest/auth/1/session`: logs out.
pub async fn delete(State(site): State<Arc<Site>>, headers: HeaderMap) -> Response {
    if site.flavor == Flavor::Cloud {
        return cloud_has_no_sessions();
    }
    let name = site.session_cookie_name().to_string();
    let Some(value) = super::auth::cookie_value(&headers, &name) else {
        return not_authenticated(&site);
    };
    let removed = site.lock_auth().sessions.remove(&value).is_some();
    if !removed {
        return not_authenticated(&site);
    }
    let mut response = Response::new(axum::body::Body::empty());
    *response.status_mut() = StatusCode::NO_CONTENT;
    if let Ok(cookie) = HeaderValue::from_str(&format!("{name}=; Path=/; Max-Age=0")) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

fn cloud_has_no_sessions() -> Response {
    respond::error(
        StatusCode::NOT_FOUND,
        &[
            "Cookie-based authentication is not available on Jira Cloud: use an API token with Basic authentication.",
        ],
    )
}
