//! How a [`Client`](super::Client) connects: certificates, timeouts, retries, limits.

use crate::jira::body::BodyLimits;
use crate::jira::models::Deployment;
use crate::jira::retry::limits::NEAR_LIMIT_PAUSE;
use crate::jira::retry::{DEFAULT_DEADLINE, RetryPolicy};
use std::path::PathBuf;
use std::time::Duration;

/// Connection options.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// An extra CA certificate (PEM) to trust besides the system roots.
    pub ca_cert: Option<PathBuf>,
    /// The client certificate to present to sites that require one (mutual TLS).
    pub client_cert: Option<Box<crate::jira::tls::ClientCertificate>>,
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
    /// [`JiraError::DeadlineExceeded`](crate::jira::JiraError::DeadlineExceeded); a wait that
    /// would end past it is not begun.
    pub deadline: Duration,
    /// How much one answer may hold once decompressed.
    pub body_limits: BodyLimits,
    /// How long background work (suggestions, prefetching, comment pages) waits after an
    /// answer said `X-RateLimit-NearLimit: true` or a call was rate-limited; see
    /// [`Client::background_pause`](super::Client::background_pause).
    pub near_limit_pause: Duration,
    /// The API gateway to call a Cloud site through (scoped API tokens), as a profile
    /// remembers it: no detection round trip then.
    pub gateway: Option<Box<super::Gateway>>,
    /// The gateway base jiratty looks for a site's gateway under after a 401 for an API
    /// token; `None`: `JIRATTY_API_GATEWAY`, else `https://api.atlassian.com`.
    pub api_gateway: Option<Box<str>>,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            ca_cert: None,
            client_cert: None,
            allow_insecure_http: false,
            deployment: None,
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
            deadline: DEFAULT_DEADLINE,
            body_limits: BodyLimits::default(),
            near_limit_pause: NEAR_LIMIT_PAUSE,
            gateway: None,
            api_gateway: None,
        }
    }
}

/// The User-Agent jiratty sends.
pub const USER_AGENT: &str = concat!(
    "jiratty/",
    env!("CARGO_PKG_VERSION"),
    " (terminal client for Jira)"
);
