//! Where and how to connect: flags, then the environment.

use crate::jira::{AuthMethod, Client, ClientOptions, Credentials, JiraError, Secret};
use clap::Args;
use std::path::PathBuf;

/// Connection options, accepted by every command.
#[derive(Debug, Clone, Args)]
pub struct ConnectArgs {
    /// Jira site address, e.g. https://acme.atlassian.net [env: JIRATTY_SITE]
    #[arg(long, global = true, value_name = "URL")]
    pub site: Option<String>,
    /// Authentication method: api-token (Cloud), password, pat, session (Server/DC), cookie
    /// (SSO-only sites) [env: JIRATTY_AUTH]
    #[arg(long, global = true, value_name = "METHOD")]
    pub auth: Option<AuthMethod>,
    /// E-mail address (api-token) or username (password, session) [env: JIRATTY_USER]
    #[arg(long, global = true, value_name = "USER")]
    pub user: Option<String>,
    /// Extra CA certificate (PEM) to trust, for corporate proxies and self-signed sites
    #[arg(long, global = true, value_name = "PATH")]
    pub ca_cert: Option<PathBuf>,
    /// Allow sending credentials over plain http:// to a host other than this machine
    #[arg(long, global = true)]
    pub allow_insecure_http: bool,
}

/// Everything needed to build a client, resolved from flags and the environment.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The site as given.
    pub site: String,
    /// Credentials.
    pub credentials: Credentials,
    /// Connection options.
    pub options: ClientOptions,
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl ConnectArgs {
    /// Resolves flags > environment into a site and credentials.
    pub fn resolve(&self) -> Result<Resolved, String> {
        let site = self.site.clone().or_else(|| env("JIRATTY_SITE")).ok_or_else(|| {
            "no Jira site given: pass --site URL or set JIRATTY_SITE".to_string()
        })?;
        let user = self.user.clone().or_else(|| env("JIRATTY_USER")).unwrap_or_default();
        let method = match self.auth {
            Some(m) => m,
            None => match env("JIRATTY_AUTH") {
                Some(m) => AuthMethod::parse(&m).ok_or_else(|| {
                    format!("JIRATTY_AUTH='{m}' is not one of api-token, password, pat, session, cookie")
                })?,
                // Guess from what was given: an e-mail means Cloud's API token, no user a
                // personal access token, a plain username a password.
                None if user.contains('@') => AuthMethod::ApiToken,
                None if user.is_empty() => AuthMethod::Pat,
                None => AuthMethod::Password,
            },
        };
        if method.needs_user() && user.is_empty() {
            return Err(format!(
                "the {method} method needs a {}: pass --user or set JIRATTY_USER",
                method.user_label()
            ));
        }
        let secret = env("JIRATTY_SECRET").ok_or_else(|| {
            format!(
                "no {} given: set JIRATTY_SECRET (secrets are never taken as command-line flags)",
                method.secret_label()
            )
        })?;
        Ok(Resolved {
            site,
            credentials: Credentials::new(method, user, Secret::new(secret)),
            options: ClientOptions {
                ca_cert: self.ca_cert.clone(),
                allow_insecure_http: self.allow_insecure_http,
                ..ClientOptions::default()
            },
        })
    }

    /// A client for the resolved connection.
    pub fn client(&self) -> Result<Result<Client, JiraError>, String> {
        let r = self.resolve()?;
        Ok(Client::new(&r.site, Some(r.credentials), r.options))
    }
}
