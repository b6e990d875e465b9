//! Where and how to connect: flags, then the environment, then the saved profile.

use crate::jira::{AuthMethod, Client, ClientOptions, Credentials, JiraError};
use crate::notice::Notice;
use crate::store::config::normalise_site;
use crate::store::paths::expand_home;
use crate::store::secrets::{self, Keyring, SecretSource};
use crate::store::{Config, Profile};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// Connection options, accepted by every command.
#[derive(Debug, Clone, Args)]
pub struct ConnectArgs {
    /// Saved profile to use (see `jiratty profiles`); the default profile otherwise
    /// [env: JIRATTY_PROFILE]
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,
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

/// Everything needed to build a client, resolved from flags, the environment and the profile.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The site as given.
    pub site: String,
    /// Credentials.
    pub credentials: Credentials,
    /// Connection options (with the profile's deployment, so no detection round trip is needed).
    pub options: ClientOptions,
    /// The profile in use, if any.
    pub profile: Option<String>,
    /// The profile's `default_jql`.
    pub default_jql: Option<String>,
    /// Where the secret came from.
    pub secret_source: SecretSource,
    /// Warnings about the config file (unknown keys...), for stderr or the status line.
    pub warnings: Vec<String>,
}

/// A connection but for its secret (see [`ConnectArgs::plan_with`]).
#[derive(Debug, Clone)]
pub struct Plan {
    /// The site as given.
    pub site: String,
    /// The method.
    pub method: AuthMethod,
    /// E-mail or username (may be empty for a personal access token).
    pub user: String,
    /// `JIRATTY_SECRET`, when set.
    environment_secret: Option<crate::jira::Secret>,
    /// The profile's `secret_command`.
    secret_command: Option<String>,
    /// Connection options.
    pub options: ClientOptions,
    /// The profile in use, if any.
    pub profile: Option<String>,
    /// The profile's `default_jql`.
    pub default_jql: Option<String>,
    /// The profile's `board`.
    pub default_board: Option<String>,
    /// The profile's client certificate (its passphrase is looked up with the secret).
    pub client_cert: Option<super::client_cert::CertPaths>,
}

impl Plan {
    /// The connection with its secret: `JIRATTY_SECRET`, else the profile's `secret_command`,
    /// else the keyring.
    pub fn with_secret(mut self, keyring: &Keyring) -> Result<Resolved, ConnectError> {
        if let Some(paths) = &self.client_cert {
            let profile = self.profile.as_deref().unwrap_or_default();
            self.options.client_cert = Some(Box::new(paths.for_run(profile, keyring)?));
        }
        let (secret, secret_source) = match &self.profile {
            Some(name) => secrets::lookup(
                self.environment_secret,
                name,
                &self.user,
                self.secret_command.as_deref(),
                keyring,
            )?,
            None => match self.environment_secret {
                Some(s) => (s, SecretSource::Environment),
                None => {
                    return Err(ConnectError::new(
                        super::exit::AUTH,
                        Notice::hinted(
                            format!("no {} given", self.method.secret_label()),
                            Some(
                                "run `jiratty login` to store it in the OS keyring, or set \
                                 JIRATTY_SECRET (secrets are never taken as command-line flags)"
                                    .into(),
                            ),
                        ),
                    ));
                }
            },
        };
        Ok(Resolved {
            site: self.site,
            credentials: Credentials::new(self.method, self.user, secret),
            options: self.options,
            profile: self.profile,
            default_jql: self.default_jql,
            secret_source,
            warnings: Vec::new(),
        })
    }
}

/// Why no connection could be resolved: what the user reads, and the exit code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectError {
    /// What is wrong and what to do.
    pub notice: Notice,
    /// The exit code (see [`super::exit`]).
    pub code: u8,
}

impl ConnectError {
    /// A failure with exit code `code`.
    pub fn new(code: u8, notice: Notice) -> Self {
        ConnectError { notice, code }
    }

    /// Bad input (exit 2), with no hint.
    fn usage(sentence: impl Into<String>) -> Self {
        ConnectError::new(super::exit::USAGE, Notice::new(sentence))
    }

    /// Prints the sentence and hint on stderr and returns the exit code.
    pub fn report(&self) -> ExitCode {
        self.notice.eprint();
        ExitCode::from(self.code)
    }
}

impl std::fmt::Display for ConnectError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.notice.sentence)
    }
}

impl From<crate::store::ConfigError> for ConnectError {
    fn from(e: crate::store::ConfigError) -> Self {
        ConnectError::new(super::exit::USAGE, Notice::hinted(e.to_string(), e.hint()))
    }
}

impl From<secrets::SecretError> for ConnectError {
    fn from(e: secrets::SecretError) -> Self {
        ConnectError::new(super::exit::AUTH, Notice::hinted(e.to_string(), e.hint()))
    }
}

/// Reads an environment variable; blank counts as unset.
pub(crate) fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The environment a resolution reads, as a function (tests pass their own).
pub type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Parses `JIRATTY_AUTH`.
pub(crate) fn auth_from_env(env: Env<'_>) -> Result<Option<AuthMethod>, ConnectError> {
    match env("JIRATTY_AUTH") {
        None => Ok(None),
        Some(m) => AuthMethod::parse(&m).map(Some).ok_or_else(|| {
            ConnectError::usage(format!(
                "JIRATTY_AUTH='{m}' is not one of api-token, password, pat, session, cookie"
            ))
        }),
    }
}

/// The deadline of one call: `JIRATTY_TIMEOUT` (seconds, fractions allowed), else the
/// profile's `timeout`, else the client's default. At most a day.
pub fn deadline(env: Env<'_>, profile: Option<&Profile>) -> Result<Option<Duration>, ConnectError> {
    if let Some(raw) = env("JIRATTY_TIMEOUT") {
        let seconds: f64 = raw.trim().parse().unwrap_or(f64::NAN);
        if !(seconds.is_finite() && seconds > 0.0) {
            return Err(ConnectError::usage(format!(
                "JIRATTY_TIMEOUT='{}' is not a number of seconds above 0",
                raw.trim()
            )));
        }
        let capped = seconds.min(crate::jira::retry::MAX_DEADLINE.as_secs_f64());
        return Ok(Duration::try_from_secs_f64(capped).ok());
    }
    Ok(profile
        .and_then(|p| p.timeout)
        .filter(|s| *s > 0)
        .map(|s| Duration::from_secs(s).min(crate::jira::retry::MAX_DEADLINE)))
}

/// The named profile (flag, then `JIRATTY_PROFILE`), which must exist.
pub(crate) fn named_profile<'c>(
    flag: Option<&str>,
    env: Env<'_>,
    config: &'c Config,
) -> Result<Option<(String, &'c Profile)>, ConnectError> {
    let Some(name) = flag.map(str::to_string).or_else(|| env("JIRATTY_PROFILE")) else {
        return Ok(None);
    };
    match config.profile(&name) {
        Some(p) => Ok(Some((name, p))),
        None => Err(ConnectError::new(
            super::exit::USAGE,
            Notice::hinted(
                format!("there is no profile named '{name}'"),
                Some(if config.profiles.is_empty() {
                    format!("run `jiratty login --profile {name}` to create it")
                } else {
                    let names: Vec<&str> = config.profiles.keys().map(String::as_str).collect();
                    format!(
                        "profiles: {}; or run `jiratty login --profile {name}` to create it",
                        names.join(", ")
                    )
                }),
            ),
        )),
    }
}

impl ConnectArgs {
    /// Resolves flags > environment > profile into a site and credentials, reading the config
    /// file and, when the secret comes from it, the OS keyring.
    pub fn resolve(&self) -> Result<Resolved, ConnectError> {
        let (config, warnings, _) = Config::load_default()?;
        let mut resolved = self.resolve_with(&env, &config, &Keyring::os())?;
        resolved.warnings = warnings.iter().map(ToString::to_string).collect();
        Ok(resolved)
    }

    /// [`Self::resolve`] with a given environment, configuration and keyring.
    pub fn resolve_with(
        &self,
        env: Env<'_>,
        config: &Config,
        keyring: &Keyring,
    ) -> Result<Resolved, ConnectError> {
        self.plan_with(env, config)?.with_secret(keyring)
    }

    /// Everything [`ConnectArgs::resolve_with`] finds but the secret: what the flags, the
    /// environment and the config say. Reads no keyring and runs no command, so it is quick;
    /// [`Plan::with_secret`] does the rest.
    pub fn plan_with(&self, env: Env<'_>, config: &Config) -> Result<Plan, ConnectError> {
        let named = named_profile(self.profile.as_deref(), env, config)?;
        let site_given = self.site.clone().or_else(|| env("JIRATTY_SITE"));
        let same_site = |p: &Profile| {
            site_given.as_deref().is_none_or(|s| {
                normalise_site(s).is_some() && normalise_site(s) == normalise_site(&p.site)
            })
        };
        // A named profile always applies (flags still win key by key); the default profile
        // only when no other site was asked for.
        let profile: Option<(String, &Profile)> = match named {
            Some(named) => Some(named),
            None => config
                .default_entry()
                .filter(|(_, p)| same_site(p))
                .map(|(n, p)| (n.to_string(), p)),
        };
        let profile_ref = profile.as_ref().map(|(_, p)| *p);
        let site = site_given
            .clone()
            .or_else(|| profile_ref.map(|p| p.site.clone()))
            .ok_or_else(|| {
                ConnectError::new(
                    super::exit::USAGE,
                    Notice::hinted(
                        "no Jira site given",
                        Some(
                            "run `jiratty login` once to save a profile, or pass --site URL, \
                             or set JIRATTY_SITE"
                                .into(),
                        ),
                    ),
                )
            })?;
        let user = self
            .user
            .clone()
            .or_else(|| env("JIRATTY_USER"))
            .or_else(|| profile_ref.and_then(|p| p.user.clone()))
            .unwrap_or_default();
        let method = match self
            .auth
            .or(auth_from_env(env)?)
            .or(profile_ref.and_then(|p| p.auth))
        {
            Some(m) => m,
            // Guess from what was given: an e-mail means Cloud's API token, no user a
            // personal access token, a plain username a password.
            None if user.contains('@') => AuthMethod::ApiToken,
            None if user.is_empty() => AuthMethod::Pat,
            None => AuthMethod::Password,
        };
        if method.needs_user() && user.is_empty() {
            return Err(ConnectError::usage(format!(
                "the {method} method needs a {}: pass --user or set JIRATTY_USER",
                method.user_label()
            )));
        }
        let profile_site = profile_ref.filter(|p| same_site(p));
        let mut options = ClientOptions {
            ca_cert: self
                .ca_cert
                .clone()
                .or_else(|| profile_ref.and_then(|p| p.ca_cert.as_deref().map(expand_home))),
            allow_insecure_http: self.allow_insecure_http
                || profile_ref.is_some_and(|p| p.allow_insecure_http),
            deployment: profile_site.and_then(|p| p.deployment),
            gateway: profile_site.and_then(|p| match (&p.api_url, &p.cloud_id) {
                (Some(api_url), Some(cloud_id)) => Some(Box::new(crate::jira::Gateway {
                    api_url: api_url.clone(),
                    cloud_id: cloud_id.clone(),
                })),
                _ => None,
            }),
            ..ClientOptions::default()
        };
        if let Some(deadline) = deadline(env, profile_ref)? {
            // One slow attempt may use the whole deadline.
            options.deadline = deadline;
            options.request_timeout = deadline;
        }
        Ok(Plan {
            site,
            method,
            user,
            environment_secret: env("JIRATTY_SECRET").map(crate::jira::Secret::new),
            secret_command: profile_ref.and_then(|p| p.secret_command.clone()),
            options,
            profile: profile.as_ref().map(|(n, _)| n.clone()),
            default_jql: profile_ref.and_then(|p| p.default_jql.clone()),
            default_board: profile_ref.and_then(|p| p.board.clone()),
            client_cert: profile_ref
                .and_then(|p| super::client_cert::CertPaths::of_profile(p, env)),
        })
    }

    /// A client for the resolved connection; config warnings are printed on stderr.
    pub fn client(&self) -> Result<Result<Client, JiraError>, ConnectError> {
        let r = self.resolve()?;
        for warning in &r.warnings {
            eprintln!("jiratty: warning: {}", crate::text::sanitize_line(warning));
        }
        Ok(Client::new(&r.site, Some(r.credentials), r.options))
    }
}

#[cfg(test)]
#[path = "connect_tests.rs"]
mod tests;
