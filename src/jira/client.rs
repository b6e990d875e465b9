//! The HTTP layer: building the reqwest client, attaching credentials, retrying what may be
//! retried, and turning every response into a typed value or a [`JiraError`].

use super::auth::{AuthMethod, Credentials};
use super::body::{BodyError, BodyKind, BodyLimits, read_limited, size_text};
use super::error::{CredentialProblem, JiraError, jql_position};
use super::models::{Deployment, ServerInfo};
pub use super::retry::RetryPolicy;
use super::retry::{DEFAULT_DEADLINE, Deadline, backoff, retry_after};
use super::site::Site;
use base64::Engine;
use reqwest::header::{self, HeaderMap, HeaderValue};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

/// Connection options.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// An extra CA certificate (PEM) to trust besides the system roots.
    pub ca_cert: Option<PathBuf>,
    /// Allow credentials over plain http:// to hosts other than this machine.
    pub allow_insecure_http: bool,
    /// The deployment, when already known (skips detection).
    pub deployment: Option<Deployment>,
    /// Connect timeout.
    pub connect_timeout: Duration,
    /// The longest one attempt may take, from sending to the end of the body.
    pub request_timeout: Duration,
    /// Retries of idempotent calls.
    pub retry: RetryPolicy,
    /// The longest one call may take in all: every attempt and every wait between attempts
    /// (`Retry-After` included) count. Past it the call ends with
    /// [`JiraError::DeadlineExceeded`]; a wait that would end past it is not begun.
    pub deadline: Duration,
    /// How much one answer may hold once decompressed.
    pub body_limits: BodyLimits,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            ca_cert: None,
            allow_insecure_http: false,
            deployment: None,
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
            deadline: DEFAULT_DEADLINE,
            body_limits: BodyLimits::default(),
        }
    }
}

/// The User-Agent jiratty sends.
pub const USER_AGENT: &str = concat!(
    "jiratty/",
    env!("CARGO_PKG_VERSION"),
    " (terminal client for Jira)"
);

/// A connection to one Jira site with one set of credentials. Cheap to clone.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    site: Site,
    credentials: Option<Credentials>,
    deployment: OnceLock<Deployment>,
    /// The session cookie (name, value) of the `session` method; in memory only.
    session: Mutex<Option<(String, String)>>,
    retry: RetryPolicy,
    deadline: Duration,
    body_limits: BodyLimits,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("site", &self.inner.site.as_str())
            .field("method", &self.inner.credentials.as_ref().map(|c| c.method))
            .finish()
    }
}

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
    fn endpoint(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
    fn description(&self) -> String {
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

impl Client {
    /// A client for `site` (as typed by a user) with `credentials` (None = anonymous).
    pub fn new(
        site: &str,
        credentials: Option<Credentials>,
        options: ClientOptions,
    ) -> Result<Self, JiraError> {
        let site = Site::parse(site)?;
        if credentials.is_some() && !options.allow_insecure_http && site.is_insecure_remote() {
            return Err(JiraError::InsecureHttp {
                host: site.host().to_string(),
            });
        }
        let mut builder = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .connect_timeout(options.connect_timeout)
            .timeout(options.request_timeout)
            .gzip(true)
            .pool_idle_timeout(Duration::from_secs(60));
        if let Some(path) = &options.ca_cert {
            let display = path.display().to_string();
            let pem = std::fs::read(path).map_err(|e| JiraError::CaCert {
                path: display.clone(),
                reason: e.to_string(),
            })?;
            let certs =
                reqwest::Certificate::from_pem_bundle(&pem).map_err(|_| JiraError::CaCert {
                    path: display.clone(),
                    reason: "it holds no PEM certificate".to_string(),
                })?;
            if certs.is_empty() {
                return Err(JiraError::CaCert {
                    path: display,
                    reason: "it holds no PEM certificate".to_string(),
                });
            }
            builder = builder.tls_certs_merge(certs);
        }
        let http = builder.build().map_err(|e| {
            JiraError::Unsupported(format!(
                "cannot set up the HTTP client: {}",
                error_chain(&e)
            ))
        })?;
        let deployment = OnceLock::new();
        if let Some(d) = options.deployment {
            let _ = deployment.set(d);
        }
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                site,
                credentials,
                deployment,
                session: Mutex::new(None),
                retry: options.retry,
                deadline: options.deadline,
                body_limits: options.body_limits,
            }),
        })
    }

    /// The normalised site URL.
    pub fn site(&self) -> &str {
        self.inner.site.as_str()
    }

    /// The site's host name, as progress and errors name it.
    pub fn host(&self) -> &str {
        self.inner.site.host()
    }

    /// How long one call may take in all, retries included (see [`ClientOptions::deadline`]).
    pub fn deadline(&self) -> Duration {
        self.inner.deadline
    }

    /// The credentials in use.
    pub fn credentials(&self) -> Option<&Credentials> {
        self.inner.credentials.as_ref()
    }

    /// The browser URL of an issue.
    pub fn browse_url(&self, key: &str) -> String {
        format!("{}/browse/{key}", self.inner.site.as_str())
    }

    /// The deployment if known, without a request.
    pub fn known_deployment(&self) -> Option<Deployment> {
        self.inner.deployment.get().copied()
    }

    /// `GET serverInfo` without credentials.
    pub async fn server_info(&self) -> Result<ServerInfo, JiraError> {
        let mut call = Call::get("/rest/api/2/serverInfo");
        call.authenticated = false;
        call.probing = true;
        call.what = "the site's server info".into();
        let not_jira = |detail: &str| JiraError::NotJira {
            url: self.site().to_string(),
            detail: detail.to_string(),
        };
        // Through the retrying path: a 429 or a cut-off body on detection is not fatal.
        let value: Value = self.call(call).await.map_err(|e| match e {
            JiraError::NotFound { .. } => not_jira("it has no /rest/api/2/serverInfo"),
            other => other,
        })?;
        let info: ServerInfo = serde_json::from_value(value)
            .ok()
            .filter(|i: &ServerInfo| !i.version.is_empty() || i.deployment_type.is_some())
            .ok_or_else(|| not_jira("its serverInfo answer is not Jira's"))?;
        let _ = self.inner.deployment.set(info.deployment());
        Ok(info)
    }

    /// The deployment: remembered, else detected with `serverInfo`.
    pub async fn deployment(&self) -> Result<Deployment, JiraError> {
        if let Some(d) = self.known_deployment() {
            return Ok(d);
        }
        Ok(self.server_info().await?.deployment())
    }

    /// `/rest/api/3` on Cloud (ADF bodies), `/rest/api/2` on Server/DC.
    pub(crate) async fn api(&self) -> Result<&'static str, JiraError> {
        Ok(match self.deployment().await? {
            Deployment::Cloud => "/rest/api/3",
            Deployment::Dc => "/rest/api/2",
        })
    }

    /// Makes a call and decodes its JSON answer, retrying what may be retried, all within the
    /// client's deadline.
    pub(crate) async fn call<T: DeserializeOwned>(&self, call: Call<'_>) -> Result<T, JiraError> {
        let deadline = Deadline::after(self.inner.deadline);
        self.ensure_session(&call, &deadline).await?;
        let policy = &self.inner.retry;
        let mut attempt = 1;
        let mut relogged = false;
        loop {
            let outcome = self.execute(&call, &deadline, attempt).await;
            // Each failure that may be retried gives the wait before the next attempt and the
            // error to end with when no attempt is left or the deadline does not allow the wait.
            let (wait, error) = match outcome {
                Ok(answer) if answer.status.is_success() => {
                    if is_html(&answer.headers, &answer.body) {
                        return Err(if looks_like_login_page(&answer.body) {
                            JiraError::SsoLoginPage {
                                endpoint: call.endpoint(),
                            }
                        } else if call.probing {
                            JiraError::NotJira {
                                url: self.site().to_string(),
                                detail: "it answered with a web page, not Jira's API".to_string(),
                            }
                        } else {
                            self.unexpected(&call, &answer, "a web page instead of JSON")
                        });
                    }
                    let body: &[u8] = if answer.body.is_empty() {
                        b"null"
                    } else {
                        &answer.body
                    };
                    match serde_json::from_slice::<T>(body) {
                        Ok(value) => return Ok(value),
                        Err(e) => {
                            let error = self.unexpected(&call, &answer, &format!("{e}"));
                            // A body cut short is a transfer problem: try again.
                            if call.idempotent && e.is_eof() && attempt < policy.max_attempts {
                                (backoff(policy, attempt), error)
                            } else {
                                return Err(error);
                            }
                        }
                    }
                }
                Ok(answer) => {
                    if answer.status == StatusCode::UNAUTHORIZED
                        && !relogged
                        && self.session_expired()
                    {
                        // The session ran out: log in again once, then repeat the call.
                        relogged = true;
                        self.start_session_within(&deadline).await?;
                        continue;
                    }
                    let retryable = matches!(
                        answer.status,
                        StatusCode::TOO_MANY_REQUESTS
                            | StatusCode::SERVICE_UNAVAILABLE
                            | StatusCode::BAD_GATEWAY
                            | StatusCode::GATEWAY_TIMEOUT
                    );
                    let error = self.classify(&call, &answer);
                    if !(retryable && call.idempotent && attempt < policy.max_attempts) {
                        return Err(error);
                    }
                    let wait = retry_after(&answer.headers)
                        .map(|d| d.min(policy.max_delay))
                        .unwrap_or_else(|| backoff(policy, attempt));
                    (wait, error)
                }
                Err(e) => {
                    let transient =
                        matches!(e, JiraError::Network { .. } | JiraError::Timeout { .. });
                    if !(transient && call.idempotent && attempt < policy.max_attempts) {
                        return Err(e);
                    }
                    (backoff(policy, attempt), e)
                }
            };
            if !deadline.allows_wait(wait) {
                tracing::debug!(endpoint = %call.endpoint(), attempt, wait_ms = wait.as_millis() as u64, "no time left to retry");
                return Err(error);
            }
            tracing::debug!(endpoint = %call.endpoint(), attempt, wait_ms = wait.as_millis() as u64, "retrying");
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    /// Makes a call whose answer has no body worth decoding (DELETE).
    pub(crate) async fn call_empty(&self, call: Call<'_>) -> Result<(), JiraError> {
        let deadline = Deadline::after(self.inner.deadline);
        self.ensure_session(&call, &deadline).await?;
        let answer = self.execute(&call, &deadline, 1).await?;
        if answer.status.is_success() {
            Ok(())
        } else {
            Err(self.classify(&call, &answer))
        }
    }

    /// With the `session` method, logs in before the first authenticated call.
    async fn ensure_session(&self, call: &Call<'_>, deadline: &Deadline) -> Result<(), JiraError> {
        let uses_session = self
            .inner
            .credentials
            .as_ref()
            .is_some_and(|c| c.method == AuthMethod::Session);
        if uses_session && call.authenticated && !self.has_session() {
            self.start_session_within(deadline).await?;
        }
        Ok(())
    }

    fn session_expired(&self) -> bool {
        let has_session = self
            .inner
            .session
            .lock()
            .map(|s| s.is_some())
            .unwrap_or(false);
        has_session
            && self
                .inner
                .credentials
                .as_ref()
                .is_some_and(|c| c.method == AuthMethod::Session)
    }

    /// The error of a call that ran out of time.
    fn deadline_error(&self, call: &Call<'_>, deadline: &Deadline, attempts: u32) -> JiraError {
        tracing::warn!(endpoint = %call.endpoint(), attempts, elapsed_ms = deadline.elapsed().as_millis() as u64, "deadline exceeded");
        JiraError::DeadlineExceeded {
            what: call.description(),
            host: self.inner.site.host().to_string(),
            waited: deadline.budget(),
            attempts,
        }
    }

    /// Sends one request (attempt number `attempt`) and reads the whole answer, within what
    /// is left of `deadline` and the body limit of the call's kind.
    pub(crate) async fn execute(
        &self,
        call: &Call<'_>,
        deadline: &Deadline,
        attempt: u32,
    ) -> Result<Answer, JiraError> {
        let remaining = deadline.remaining();
        if remaining.is_zero() {
            return Err(self.deadline_error(call, deadline, attempt.saturating_sub(1)));
        }
        match tokio::time::timeout(remaining, self.send_and_read(call)).await {
            Ok(Err(JiraError::Timeout { .. })) if deadline.remaining().is_zero() => {
                Err(self.deadline_error(call, deadline, attempt))
            }
            Ok(result) => result,
            Err(_) => Err(self.deadline_error(call, deadline, attempt)),
        }
    }

    async fn send_and_read(&self, call: &Call<'_>) -> Result<Answer, JiraError> {
        let url = format!("{}{}", self.inner.site.as_str(), call.path);
        let mut request = self
            .inner
            .http
            .request(call.method.clone(), &url)
            .header(header::ACCEPT, "application/json");
        if !call.query.is_empty() {
            request = request.query(&call.query);
        }
        if let Some(body) = &call.body {
            request = request
                .header(header::CONTENT_TYPE, "application/json")
                // Jira's XSRF protection wants this on non-GET calls from non-browsers.
                .header("X-Atlassian-Token", "no-check")
                .body(serde_json::to_vec(body).unwrap_or_default());
        }
        if call.authenticated {
            request = self.authorize(request);
        }
        let started = std::time::Instant::now();
        let response = request.send().await.map_err(|e| self.transport_error(&e))?;
        let status = response.status();
        let headers = response.headers().clone();
        let limit = self.inner.body_limits.of(call.body_kind);
        let body = read_limited(response, limit).await.map_err(|e| match e {
            BodyError::TooLarge => {
                tracing::warn!(endpoint = %call.endpoint(), limit, "answer too large");
                JiraError::TooLarge {
                    what: call.description(),
                    limit: size_text(limit),
                }
            }
            BodyError::Transport(e) => self.transport_error(&e),
        })?;
        tracing::debug!(endpoint = %call.endpoint(), status = status.as_u16(), bytes = body.len(),
            ms = started.elapsed().as_millis() as u64, "jira call");
        Ok(Answer {
            status,
            headers,
            body,
        })
    }

    fn authorize(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        let Some(creds) = &self.inner.credentials else {
            return request;
        };
        match creds.method {
            AuthMethod::ApiToken | AuthMethod::Password => {
                let raw = format!("{}:{}", creds.user, creds.secret.expose());
                let encoded = base64::engine::general_purpose::STANDARD.encode(raw);
                match HeaderValue::from_str(&format!("Basic {encoded}")) {
                    Ok(mut v) => {
                        v.set_sensitive(true);
                        request.header(header::AUTHORIZATION, v)
                    }
                    Err(_) => request,
                }
            }
            AuthMethod::Pat => {
                match HeaderValue::from_str(&format!("Bearer {}", creds.secret.expose().trim())) {
                    Ok(mut v) => {
                        v.set_sensitive(true);
                        request.header(header::AUTHORIZATION, v)
                    }
                    Err(_) => request,
                }
            }
            AuthMethod::Cookie => match HeaderValue::from_str(creds.secret.expose().trim()) {
                Ok(mut v) => {
                    v.set_sensitive(true);
                    request.header(header::COOKIE, v)
                }
                Err(_) => request,
            },
            AuthMethod::Session => {
                let session = self.inner.session.lock().ok().and_then(|s| s.clone());
                match session.and_then(|(n, v)| HeaderValue::from_str(&format!("{n}={v}")).ok()) {
                    Some(mut v) => {
                        v.set_sensitive(true);
                        request.header(header::COOKIE, v)
                    }
                    None => request,
                }
            }
        }
    }

    /// `POST /rest/auth/1/session` with the stored username and password; keeps the cookie
    /// named in the answer (not always JSESSIONID). Never retried.
    pub(crate) async fn start_session(&self) -> Result<(), JiraError> {
        self.start_session_within(&Deadline::after(self.inner.deadline))
            .await
    }

    /// [`Self::start_session`] within the deadline of the call it serves.
    async fn start_session_within(&self, deadline: &Deadline) -> Result<(), JiraError> {
        let Some(creds) = &self.inner.credentials else {
            return Err(JiraError::Unsupported(
                "no credentials to log in with".into(),
            ));
        };
        let mut call = Call::post(
            "/rest/auth/1/session",
            serde_json::json!({"username": creds.user, "password": creds.secret.expose()}),
        );
        call.authenticated = false;
        call.what = "the session login".into();
        let answer = self.execute(&call, deadline, 1).await?;
        if !answer.status.is_success() {
            return Err(self.classify(&call, &answer));
        }
        if is_html(&answer.headers, &answer.body) {
            return Err(JiraError::SsoLoginPage {
                endpoint: call.endpoint(),
            });
        }
        let value: Value = serde_json::from_slice(&answer.body)
            .map_err(|e| self.unexpected(&call, &answer, &e.to_string()))?;
        let name = value.pointer("/session/name").and_then(Value::as_str);
        let cookie = value.pointer("/session/value").and_then(Value::as_str);
        let (Some(name), Some(cookie)) = (name, cookie) else {
            return Err(self.unexpected(&call, &answer, "no session name and value in the answer"));
        };
        if let Ok(mut session) = self.inner.session.lock() {
            *session = Some((name.to_string(), cookie.to_string()));
        }
        Ok(())
    }

    /// Ends a cookie session on the server (`DELETE /rest/auth/1/session`).
    pub(crate) async fn end_session(&self) -> Result<(), JiraError> {
        let had = self
            .inner
            .session
            .lock()
            .ok()
            .and_then(|s| s.clone())
            .is_some();
        if !had {
            return Ok(());
        }
        let mut call = Call::get("/rest/auth/1/session").about("the session logout");
        call.method = Method::DELETE;
        let result = self.call_empty(call).await;
        if let Ok(mut session) = self.inner.session.lock() {
            *session = None;
        }
        result
    }

    pub(crate) fn has_session(&self) -> bool {
        self.inner
            .session
            .lock()
            .map(|s| s.is_some())
            .unwrap_or(false)
    }

    fn transport_error(&self, e: &reqwest::Error) -> JiraError {
        let chain = error_chain(e);
        let lower = chain.to_lowercase();
        let host = self.inner.site.host().to_string();
        if lower.contains("certificate")
            || lower.contains("invalidcertificate")
            || lower.contains("unknownissuer")
            || lower.contains("tls handshake")
            || lower.contains("self-signed")
            || lower.contains("self signed")
        {
            return JiraError::Tls {
                detail: short(&chain),
            };
        }
        if e.is_timeout() {
            return JiraError::Timeout {
                what: if e.is_connect() {
                    "connecting".into()
                } else {
                    "waiting for the answer".into()
                },
            };
        }
        let detail = if e.is_connect() {
            if lower.contains("dns")
                || lower.contains("resolve")
                || lower.contains("lookup")
                || lower.contains("name or service")
            {
                "the host name could not be resolved".to_string()
            } else if lower.contains("refused") {
                "the connection was refused".to_string()
            } else {
                format!("could not connect ({})", short(&chain))
            }
        } else if e.is_body()
            || e.is_decode()
            || lower.contains("reset")
            || lower.contains("closed")
            || lower.contains("incomplete")
        {
            "the connection broke off in the middle of the answer".to_string()
        } else {
            short(&chain)
        };
        JiraError::Network { host, detail }
    }

    fn unexpected(&self, call: &Call<'_>, answer: &Answer, why: &str) -> JiraError {
        tracing::warn!(endpoint = %call.endpoint(), status = answer.status.as_u16(), why, "unexpected answer");
        JiraError::Unexpected {
            endpoint: call.endpoint(),
            status: answer.status.as_u16(),
            excerpt: self.excerpt(&answer.body),
        }
    }

    /// The first 200 characters of a body, with control characters removed and any secret
    /// masked.
    fn excerpt(&self, body: &[u8]) -> String {
        let text = String::from_utf8_lossy(body);
        let mut out: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .take(200)
            .collect();
        if let Some(creds) = &self.inner.credentials {
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

    /// Turns a non-success answer into the error a user can act on.
    fn classify(&self, call: &Call<'_>, answer: &Answer) -> JiraError {
        let headers = &answer.headers;
        let seraph = header_str(headers, "x-seraph-loginreason").to_ascii_uppercase();
        let denied = header_str(headers, "x-authentication-denied-reason");
        if seraph.contains("AUTHENTICATION_DENIED")
            || denied.to_ascii_uppercase().contains("CAPTCHA")
        {
            let login_url = denied
                .split(';')
                .filter_map(|part| part.trim().strip_prefix("login-url="))
                .map(|s| s.trim().to_string())
                .next();
            return JiraError::Captcha { login_url };
        }
        let messages = jira_messages(&answer.body);
        let message = if messages.is_empty() {
            self.excerpt(&answer.body)
        } else {
            messages.join(" ")
        };
        let cloud = self.known_deployment() == Some(Deployment::Cloud);
        match answer.status {
            StatusCode::UNAUTHORIZED => JiraError::WrongCredentials {
                problem: self.credential_problem(&answer.body, cloud),
                cloud,
            },
            StatusCode::FORBIDDEN => JiraError::Forbidden { message },
            StatusCode::NOT_FOUND => JiraError::NotFound { message },
            StatusCode::GONE => JiraError::Removed { message },
            StatusCode::TOO_MANY_REQUESTS => JiraError::RateLimited {
                retry_after: retry_after(headers),
            },
            StatusCode::BAD_REQUEST
                if call.path.contains("search")
                    || message.contains("JQL")
                    || message.contains("does not exist for the field")
                    || message
                        .contains("does not exist or you do not have permission to view it") =>
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
                endpoint: call.endpoint(),
                status: s.as_u16(),
                excerpt: self.excerpt(&answer.body),
            },
        }
    }

    fn credential_problem(&self, body: &[u8], cloud: bool) -> CredentialProblem {
        let text = String::from_utf8_lossy(body).to_lowercase();
        if text.contains("passwords is deprecated") || text.contains("password is deprecated") {
            return CredentialProblem::PasswordWhereTokenNeeded;
        }
        let Some(creds) = &self.inner.credentials else {
            return CredentialProblem::Mismatch;
        };
        let has_at = creds.user.contains('@');
        match creds.method {
            AuthMethod::Pat => CredentialProblem::TokenRefused,
            AuthMethod::Cookie => CredentialProblem::CookieRefused,
            AuthMethod::ApiToken if !has_at => CredentialProblem::UsernameWhereEmailNeeded,
            AuthMethod::Password | AuthMethod::Session if has_at && !cloud => {
                CredentialProblem::EmailWhereUsernameNeeded
            }
            AuthMethod::Password if cloud => CredentialProblem::PasswordWhereTokenNeeded,
            _ => CredentialProblem::Mismatch,
        }
    }
}

fn header_str<'h>(headers: &'h HeaderMap, name: &str) -> &'h str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

/// Jira's `errorMessages` plus the values of `errors`.
fn jira_messages(body: &[u8]) -> Vec<String> {
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

fn is_html(headers: &HeaderMap, body: &[u8]) -> bool {
    let ct = header_str(headers, "content-type").to_ascii_lowercase();
    if ct.starts_with("text/html") {
        return true;
    }
    let start = String::from_utf8_lossy(&body[..body.len().min(64)])
        .trim_start()
        .to_ascii_lowercase();
    start.starts_with("<!doctype html") || start.starts_with("<html")
}

fn looks_like_login_page(body: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&body[..body.len().min(20_000)]).to_lowercase();
    ["password", "sign in", "log in", "login", "saml", "sso"]
        .iter()
        .any(|w| text.contains(w))
}

/// An error and its sources, joined.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = s.source();
    }
    parts.join(": ")
}

fn short(s: &str) -> String {
    let s: String = s.chars().filter(|c| !c.is_control()).collect();
    if s.chars().count() > 200 {
        s.chars().take(200).collect::<String>() + "…"
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        let p = RetryPolicy::default();
        let first = backoff(&p, 1);
        assert!(first <= Duration::from_millis(250) && first >= Duration::from_millis(125));
        assert!(backoff(&p, 20) <= p.max_delay);
    }

    #[test]
    fn reads_retry_after() {
        let mut h = HeaderMap::new();
        h.insert("retry-after", HeaderValue::from_static("2"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(2)));
        h.insert("retry-after", HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&h), None);
    }

    #[test]
    fn collects_jira_messages() {
        let body = br#"{"errorMessages":["a"],"errors":{"jql":"b"}}"#;
        assert_eq!(jira_messages(body), vec!["a".to_string(), "b".to_string()]);
        assert!(jira_messages(b"<html>").is_empty());
    }
}
