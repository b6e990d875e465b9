//! The HTTP layer: the client, its call loop (send, read within the deadline and the body
//! limit, retry what may be retried) and the turning of every answer into a typed value or a
//! [`JiraError`]. The parts live beside it: [`call`] (what to send), [`options`], [`headers`]
//! (credentials), [`session`] (the cookie session), [`classify`] (answers into errors, pure)
//! and [`transport`] (failures below HTTP); the retry policy is [`crate::jira::retry`].

mod call;
mod classify;
mod gateway;
mod headers;
mod options;
mod pause;
mod session;
mod transport;
mod verdict;

pub(crate) use call::{Answer, Call};
// For the calls that read Jira's error bodies themselves.
pub use super::retry::RetryPolicy;
#[allow(unused_imports)]
pub(crate) use classify::jira_messages;
pub use gateway::{DEFAULT_API_GATEWAY, Gateway, api_gateway_from_env};
pub use options::{ClientOptions, USER_AGENT};

use super::auth::Credentials;
use super::body::{BodyError, BodyLimits, read_limited, size_text};
use super::error::JiraError;
use super::models::{Deployment, ServerInfo};
use super::retry::limits::{NearLimit, says_near_limit};
use super::retry::{Deadline, backoff, retryable_status, transient};
use super::site::Site;
use classify::{is_html, looks_like_login_page};
use reqwest::StatusCode;
use reqwest::header;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use transport::error_chain;

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
    /// Held while the deployment is detected: calls made meanwhile wait for that one
    /// `serverInfo` instead of sending their own.
    detecting: tokio::sync::Mutex<()>,
    /// The session cookie (name, value) of the `session` method; in memory only.
    session: Mutex<Option<(String, String)>>,
    retry: RetryPolicy,
    deadline: Duration,
    body_limits: BodyLimits,
    /// The last near-limit warning, which holds background work back.
    near_limit: NearLimit,
    /// The API gateway the REST calls go through (scoped tokens), if any.
    gateway: Mutex<Option<Gateway>>,
    /// The gateway base to look for it under.
    api_gateway: String,
    /// Credentials may go over plain http:// to a remote host.
    allow_insecure_http: bool,
    /// A client certificate is presented (the TLS alerts read differently).
    client_cert: bool,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("site", &self.inner.site.as_str())
            .field("method", &self.inner.credentials.as_ref().map(|c| c.method))
            .finish()
    }
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
        } else if site.is_plain_loopback() && options.client_cert.is_none() {
            // Plain http to this machine never needs the system's TLS roots, and reading them
            // (a bundle file and a directory of a few hundred) is the slowest part of making a
            // client: the first request of a local site leaves that much sooner.
            builder = builder.tls_certs_only(Vec::new());
        }
        if let Some(cert) = &options.client_cert {
            builder = builder.identity(crate::jira::tls::load_identity(cert)?);
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
                detecting: tokio::sync::Mutex::new(()),
                session: Mutex::new(None),
                retry: options.retry,
                deadline: options.deadline,
                body_limits: options.body_limits,
                near_limit: NearLimit::new(options.near_limit_pause),
                gateway: Mutex::new(options.gateway.map(|g| *g)),
                api_gateway: options
                    .api_gateway
                    .map(String::from)
                    .unwrap_or_else(api_gateway_from_env),
                allow_insecure_http: options.allow_insecure_http,
                client_cert: options.client_cert.is_some(),
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
        // One detection at a time: the search and the autocomplete data asked for together
        // at start-up share one `serverInfo` round trip.
        let _detecting = self.inner.detecting.lock().await;
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
                    if call.authenticated
                        && let Some(error) =
                            classify::hidden_auth_failure(&answer.headers, &self.context(&call))
                    {
                        tracing::warn!(endpoint = %call.endpoint(), "credentials not accepted (AUTHENTICATED_FAILED on a success)");
                        return Err(error);
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
                            if e.is_eof() && policy.allows_retry(call.idempotent, attempt) {
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
                    let error = self.classify(&call, &answer);
                    if !(retryable_status(answer.status)
                        && policy.allows_retry(call.idempotent, attempt))
                    {
                        return Err(error);
                    }
                    (policy.wait_after(&answer.headers, attempt), error)
                }
                Err(e) => {
                    if !(transient(&e) && policy.allows_retry(call.idempotent, attempt)) {
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
            if call.authenticated
                && let Some(error) =
                    classify::hidden_auth_failure(&answer.headers, &self.context(&call))
            {
                return Err(error);
            }
            Ok(())
        } else {
            Err(self.classify(&call, &answer))
        }
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
        let url = if call.site_only {
            format!("{}{}", self.inner.site.as_str(), call.path)
        } else {
            format!("{}{}", self.api_base(), call.path)
        };
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
        if status == StatusCode::TOO_MANY_REQUESTS || says_near_limit(&headers) {
            self.inner.near_limit.warn();
        }
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
}
