//! Authentication as each flavour does it: Basic, Bearer, session cookies, the CAPTCHA
//! lock-out after repeated failures, and the headers Jira sends with each outcome.

use super::Site;
use super::model::Flavor;
use super::respond::{self, Intended};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use base64::Engine;
use std::time::Instant;

mod tokens;

/// Failed logins in a row after which a user must pass a CAPTCHA.
pub const CAPTCHA_AFTER: u32 = 3;

/// The URL Cloud's 401 points to when an account password is used for Basic auth.
pub const PASSWORD_DEPRECATED: &str = "Basic authentication with passwords is deprecated.  For more information, see: https://confluence.atlassian.com/cloud/deprecation-of-basic-authentication-with-passwords-for-jira-and-confluence-apis-972355348.html";

/// The project anonymous callers may search when the site allows anonymous access.
pub const PUBLIC_PROJECT: &str = "DOC";

/// What a token that has expired (or was revoked) looks like on the demo: the user's Cloud API
/// token or Server/DC personal access token with this suffix (`demo-api-token-expired`,
/// `demo-pat-expired`).
pub const EXPIRED_SUFFIX: &str = "-expired";

/// The demo Cloud site's cloud id, served at `/_edge/tenant_info`; its API gateway is
/// `/ex/jira/{CLOUD_ID}/…` on the same server.
pub const CLOUD_ID: &str = "5e1c0de6-7a11-4ce0-9d3e-0demo0c10ud";

/// Alice's scoped API token (Cloud): refused on the site, accepted through the gateway.
pub const SCOPED_TOKEN: &str = "demo-scoped-token";

/// A scoped API token of alice's that lacks the scopes jiratty needs: the gateway refuses it
/// with its "scope does not match" 401.
pub const SCOPELESS_TOKEN: &str = "demo-scoped-token-noscope";

/// Who is making a request (`None` = anonymous). Stored in the request's extensions.
#[derive(Debug, Clone, Copy)]
pub struct Caller(pub Option<usize>);

/// A live cookie session.
#[derive(Debug, Clone)]
pub struct Session {
    /// The user it belongs to.
    pub user: usize,
    /// Last use; the session expires after the idle timeout.
    pub last_seen: Instant,
    /// Pre-made browser sessions (for the cookie method) never expire.
    pub permanent: bool,
}

/// Per-user login bookkeeping, reported in `loginInfo`.
#[derive(Debug, Clone, Default)]
pub struct LoginInfo {
    /// Consecutive failures; at [`CAPTCHA_AFTER`] the user is locked behind a CAPTCHA.
    pub failed: u32,
    /// Successful logins.
    pub count: u32,
    /// Last failure, as a Jira timestamp.
    pub last_failed: Option<String>,
    /// Previous successful login, as a Jira timestamp.
    pub previous: Option<String>,
}

/// The response for a user who is locked behind a CAPTCHA.
pub fn captcha_denied(site: &Site) -> Response {
    let mut response = respond::text(
        StatusCode::FORBIDDEN,
        "text/html;charset=UTF-8",
        "Basic Authentication Failure - Reason : AUTHENTICATION_DENIED".to_string(),
    );
    let login_url = format!("{}/login.jsp", site.base());
    let headers = response.headers_mut();
    headers.insert(
        "x-seraph-loginreason",
        HeaderValue::from_static("AUTHENTICATION_DENIED"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("CAPTCHA_CHALLENGE; login-url={login_url}")) {
        headers.insert("x-authentication-denied-reason", v);
    }
    response
}

fn dc_failed() -> Response {
    let mut response = respond::text(
        StatusCode::UNAUTHORIZED,
        "text/html;charset=UTF-8",
        "Basic Authentication Failure - Reason : AUTHENTICATED_FAILED".to_string(),
    );
    response.headers_mut().insert(
        "x-seraph-loginreason",
        HeaderValue::from_static("AUTHENTICATED_FAILED"),
    );
    response
}

fn cloud_unauthorized(message: &str) -> Response {
    let mut response = respond::text(
        StatusCode::UNAUTHORIZED,
        "text/plain;charset=UTF-8",
        message.to_string(),
    );
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Basic realm=\"protected\""),
    );
    response
}

/// The answer to an anonymous call of a protected resource.
pub fn not_authenticated(site: &Site) -> Response {
    match site.flavor {
        Flavor::Cloud => respond::error(
            StatusCode::UNAUTHORIZED,
            &["Client must be authenticated to access this resource."],
        ),
        Flavor::Dc => respond::error(
            StatusCode::UNAUTHORIZED,
            &["You are not authenticated. Authentication required to perform this operation."],
        ),
    }
}

impl Site {
    /// Records a failed login for `user`.
    pub fn login_failed(&self, user: usize) {
        let mut auth = self.lock_auth();
        let info = auth.login_info.entry(user).or_default();
        info.failed += 1;
        info.last_failed = Some(super::json::timestamp(chrono::Utc::now()));
    }

    /// Records a successful login for `user`.
    pub fn login_succeeded(&self, user: usize) {
        let mut auth = self.lock_auth();
        let info = auth.login_info.entry(user).or_default();
        info.failed = 0;
        info.count += 1;
        info.previous = Some(super::json::timestamp(chrono::Utc::now()));
    }

    /// Whether `user` must solve a CAPTCHA before logging in again.
    pub fn captcha_locked(&self, user: usize) -> bool {
        self.lock_auth()
            .login_info
            .get(&user)
            .is_some_and(|i| i.failed >= CAPTCHA_AFTER)
    }

    /// Checks a username and password as Server/DC does (CAPTCHA first, then the password),
    /// updating the failure count. `Err` is the response to send.
    pub fn check_password(&self, username: &str, password: &str) -> Result<usize, Response> {
        let Some(user) = self
            .data
            .users
            .iter()
            .position(|u| u.name.eq_ignore_ascii_case(username))
        else {
            return Err(dc_failed());
        };
        if self.captcha_locked(user) {
            return Err(captcha_denied(self));
        }
        if self.data.users[user].password == password {
            self.login_succeeded(user);
            Ok(user)
        } else {
            self.login_failed(user);
            Err(dc_failed())
        }
    }

    /// Works out who is calling from the request headers. `Err` is the response to send
    /// instead of running the handler (bad credentials are refused even on public resources,
    /// as Jira does).
    pub fn authenticate(&self, headers: &HeaderMap) -> Result<Option<usize>, Response> {
        if let Some(value) = headers.get(header::AUTHORIZATION) {
            let value = value.to_str().unwrap_or("");
            let (scheme, rest) = value.split_once(' ').unwrap_or((value, ""));
            return match scheme.to_ascii_lowercase().as_str() {
                "basic" => self.basic(rest.trim()).map(Some),
                "bearer" => self.bearer(rest.trim()).map(Some),
                _ => Err(match self.flavor {
                    Flavor::Cloud => {
                        cloud_unauthorized("Client must be authenticated to access this resource.")
                    }
                    Flavor::Dc => dc_failed(),
                }),
            };
        }
        Ok(self.cookie_user(headers))
    }

    fn basic(&self, encoded: &str) -> Result<usize, Response> {
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .ok()
            .and_then(|b| String::from_utf8(b).ok());
        let Some((login, secret)) = decoded.as_deref().and_then(|d| d.split_once(':')) else {
            return Err(match self.flavor {
                Flavor::Cloud => {
                    cloud_unauthorized("Client must be authenticated to access this resource.")
                }
                Flavor::Dc => dc_failed(),
            });
        };
        match self.flavor {
            Flavor::Cloud => {
                let user = self
                    .data
                    .users
                    .iter()
                    .position(|u| u.email.eq_ignore_ascii_case(login));
                match user {
                    Some(u) if self.data.users[u].api_token == secret => Ok(u),
                    Some(u) if self.data.users[u].password == secret => {
                        Err(cloud_unauthorized(PASSWORD_DEPRECATED))
                    }
                    _ => Err(cloud_unauthorized(
                        "Client must be authenticated to access this resource.",
                    )),
                }
            }
            Flavor::Dc => self.check_password(login, secret),
        }
    }

    fn bearer(&self, token: &str) -> Result<usize, Response> {
        match self.flavor {
            Flavor::Dc => self
                .data
                .users
                .iter()
                .position(|u| u.pat == token)
                .ok_or_else(dc_failed),
            // Cloud takes Bearer only for OAuth 2.0 access tokens; an API token is not one.
            Flavor::Cloud => Err(cloud_unauthorized(
                "Client must be authenticated to access this resource.",
            )),
        }
    }

    /// The user of a live session cookie, if the request carries one.
    pub fn cookie_user(&self, headers: &HeaderMap) -> Option<usize> {
        let name = self.session_cookie_name();
        let value = cookie_value(headers, name)?;
        let mut auth = self.lock_auth();
        let timeout = self.session_timeout;
        let session = auth.sessions.get_mut(&value)?;
        if !session.permanent && session.last_seen.elapsed() > timeout {
            auth.sessions.remove(&value);
            return None;
        }
        session.last_seen = Instant::now();
        Some(session.user)
    }

    /// Starts a cookie session for `user` and returns its value.
    pub fn new_session(&self, user: usize) -> String {
        let mut auth = self.lock_auth();
        auth.session_counter += 1;
        let mut rng = super::rng::Rng::new(
            auth.session_counter
                ^ std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos() as u64)
                    .unwrap_or(0),
        );
        let value = format!("{:016X}{:016X}", rng.next_u64(), rng.next_u64());
        auth.sessions.insert(
            value.clone(),
            Session {
                user,
                last_seen: Instant::now(),
                permanent: false,
            },
        );
        value
    }

    /// The cookie carrying a session: JSESSIONID on Server/DC (configurable, as some sites
    /// front Jira with Crowd SSO), `tenant.session.token` on Cloud.
    pub fn session_cookie_name(&self) -> &str {
        match self.flavor {
            Flavor::Cloud => "tenant.session.token",
            Flavor::Dc => &self.cookie_name,
        }
    }
}

/// The value of cookie `name` in the request's `Cookie` headers.
pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim_matches('"').to_string())
}

/// Marks a response as intentionally non-JSON (re-exported for handlers).
pub fn intended(mut response: Response) -> Response {
    response.extensions_mut().insert(Intended);
    response
}
