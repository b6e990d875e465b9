//! Scoped API tokens and Atlassian's API gateway. Scoped tokens (and service accounts) are
//! refused on the site URL and work only through `{gateway}/ex/jira/{cloudId}/…`; the cloud id
//! comes from the site's `/_edge/tenant_info`, which needs no login. On a 401 for an API token
//! on a Cloud site, [`Client::login`] looks the cloud id up and tries the gateway once; the
//! [`Gateway`] it found is saved in the profile, so later runs go there directly. Browser
//! links keep the site URL.

use super::Client;
use super::call::Call;
use crate::jira::auth::AuthMethod;
use crate::jira::error::JiraError;
use crate::jira::models::{Deployment, ServerInfo, User};
use crate::jira::site::Site;
use serde_json::Value;

/// Atlassian's API gateway, unless `JIRATTY_API_GATEWAY` names another.
pub const DEFAULT_API_GATEWAY: &str = "https://api.atlassian.com";

/// The gateway base: `JIRATTY_API_GATEWAY` (tests, corporate proxies), else
/// [`DEFAULT_API_GATEWAY`].
pub fn api_gateway_from_env() -> String {
    std::env::var("JIRATTY_API_GATEWAY")
        .ok()
        .map(|s| s.trim().trim_end_matches('/').to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| DEFAULT_API_GATEWAY.to_string())
}

/// Where a Cloud site's REST API is reached through the gateway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gateway {
    /// `{gateway}/ex/jira/{cloudId}`: REST paths go under it.
    pub api_url: String,
    /// The site's cloud id.
    pub cloud_id: String,
}

impl Gateway {
    /// The gateway address of cloud `cloud_id` under the gateway base `base`.
    pub fn new(base: &str, cloud_id: &str) -> Self {
        Gateway {
            api_url: format!("{}/ex/jira/{cloud_id}", base.trim_end_matches('/')),
            cloud_id: cloud_id.to_string(),
        }
    }
}

/// Whether a cloud id from the network is safe to put in a URL path (a UUID, in practice).
fn plausible_cloud_id(id: &str) -> bool {
    (1..=64).contains(&id.len()) && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

impl Client {
    /// The gateway this client calls the API through, if any.
    pub fn gateway(&self) -> Option<Gateway> {
        self.inner.gateway.lock().ok().and_then(|g| g.clone())
    }

    fn set_gateway(&self, gateway: Option<Gateway>) {
        if let Ok(mut slot) = self.inner.gateway.lock() {
            *slot = gateway;
        }
    }

    /// Where REST paths go: the gateway's API URL, else the site.
    pub(super) fn api_base(&self) -> String {
        self.gateway()
            .map(|g| g.api_url)
            .unwrap_or_else(|| self.inner.site.as_str().to_string())
    }

    /// `GET {site}/_edge/tenant_info` (no login): the site's cloud id.
    pub async fn cloud_id(&self) -> Result<String, JiraError> {
        let mut call = Call::get("/_edge/tenant_info").about("the site's cloud id");
        call.authenticated = false;
        call.site_only = true;
        let value: Value = self.call(call).await?;
        value
            .get("cloudId")
            .and_then(Value::as_str)
            .filter(|id| plausible_cloud_id(id))
            .map(str::to_string)
            .ok_or_else(|| JiraError::Unexpected {
                endpoint: "GET /_edge/tenant_info".into(),
                status: 200,
                excerpt: "no usable cloudId in the answer".into(),
            })
    }

    /// `myself` at login; for an API token refused by a Cloud site, once more through the
    /// gateway (a scoped token). The gateway stays in use when that works; otherwise the
    /// first refusal is the answer (or the gateway's missing-scope sentence).
    pub(crate) async fn myself_at_login(&self, info: &ServerInfo) -> Result<User, JiraError> {
        let refused = match self.myself().await {
            Err(e @ JiraError::WrongCredentials { .. }) => e,
            other => return other,
        };
        let token = self
            .credentials()
            .is_some_and(|c| c.method == AuthMethod::ApiToken);
        if !token || info.deployment() != Deployment::Cloud || self.gateway().is_some() {
            return Err(refused);
        }
        let Ok(cloud_id) = self.cloud_id().await else {
            return Err(refused);
        };
        let gateway = Gateway::new(&self.inner.api_gateway, &cloud_id);
        match Site::parse(&gateway.api_url) {
            Ok(site) if !site.is_insecure_remote() || self.inner.allow_insecure_http => {}
            _ => return Err(refused),
        }
        tracing::info!(cloud_id = %cloud_id, "API token refused on the site: trying the API gateway");
        self.set_gateway(Some(gateway));
        match self.myself().await {
            Ok(user) => Ok(user),
            Err(e @ JiraError::MissingScope { .. }) => Err(e),
            Err(_) => {
                self.set_gateway(None);
                Err(refused)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_gateway_urls_and_checks_cloud_ids() {
        let g = Gateway::new("https://api.atlassian.com/", "abc-123");
        assert_eq!(g.api_url, "https://api.atlassian.com/ex/jira/abc-123");
        assert!(plausible_cloud_id("1324a887-45db-1bf4-1e99-ef0ff456d421"));
        assert!(!plausible_cloud_id("../../etc"));
        assert!(!plausible_cloud_id(""));
    }
}
