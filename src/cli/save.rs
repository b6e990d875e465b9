//! Keeping a successful login: the profile in config.toml and the secret in the OS keyring.
//! Used by `jiratty login` and by the terminal UI's login screen.

use super::connect::ConnectError;
use crate::jira::{AuthMethod, Credentials, Identity};
use crate::store::config::profile_name_for_site;
use crate::store::secrets::{Keyring, NO_KEYRING_OPTIONS, SecretError};
use crate::store::{Config, Profile};
use std::path::PathBuf;

/// A login that worked, to keep.
#[derive(Debug, Clone)]
pub struct LoginToSave<'a> {
    /// The profile's name; `None` picks the profile of the same site, else a name made from it.
    pub profile: Option<&'a str>,
    /// The site (as the client normalised it).
    pub site: &'a str,
    /// The credentials that worked.
    pub credentials: &'a Credentials,
    /// Who they belong to, with the detected deployment and version.
    pub identity: &'a Identity,
    /// An extra CA certificate to remember for the site.
    pub ca_cert: Option<PathBuf>,
    /// Remember that plain http:// to this remote site is allowed.
    pub allow_insecure_http: bool,
    /// The client certificate to remember (`None` keeps the profile's).
    pub client_cert: Option<super::client_cert::CertPaths>,
    /// The client key's passphrase typed at this login, to keep in the keyring.
    pub client_key_passphrase: Option<&'a crate::jira::Secret>,
    /// Make it the default profile (the first profile always becomes the default).
    pub make_default: bool,
    /// Store the secret in the keyring (false when it came from JIRATTY_SECRET or a
    /// secret_command).
    pub store_secret: bool,
}

/// What was kept.
#[derive(Debug)]
pub struct SavedLogin {
    /// The profile's name.
    pub profile: String,
    /// The config file written.
    pub config_file: PathBuf,
    /// Whether the profile is now the default.
    pub is_default: bool,
    /// `Ok(true)` stored in the keyring, `Ok(false)` not asked to, `Err` why it could not be.
    pub secret: Result<bool, SecretError>,
    /// The same for the client key's passphrase.
    pub passphrase: Result<bool, SecretError>,
}

impl SavedLogin {
    /// One line for a status bar: where the profile went and whether the secret was kept.
    pub fn summary(&self) -> String {
        let default = if self.is_default { " (default)" } else { "" };
        let secret = match &self.secret {
            Ok(true) => "secret in the OS keyring".to_string(),
            Ok(false) => "secret not stored".to_string(),
            Err(e) => format!("secret NOT saved: {e}; {NO_KEYRING_OPTIONS}"),
        };
        format!("Saved profile '{}'{default}; {secret}", self.profile)
    }
}

/// A name for a new profile of `site` that no other profile uses.
fn new_profile_name(config: &Config, site: &str) -> String {
    let base = profile_name_for_site(site);
    let mut name = base.clone();
    let mut n = 2;
    while config.profiles.contains_key(&name) {
        name = format!("{base}-{n}");
        n += 1;
    }
    name
}

/// Saves the profile (config.toml) and then, if asked, the secret (keyring). The config is
/// read afresh so that edits made meanwhile are kept; a broken config file stops everything
/// before anything is stored.
pub fn save_login(login: &LoginToSave<'_>, keyring: &Keyring) -> Result<SavedLogin, ConnectError> {
    let (mut config, _, path) = Config::load_default()?;
    let name = match login.profile {
        Some(n) => n.to_string(),
        None => config
            .find_by_site(login.site)
            .map(str::to_string)
            .unwrap_or_else(|| new_profile_name(&config, login.site)),
    };
    let old = config.profiles.get(&name).cloned();
    let user = login.credentials.user.trim().to_string();
    let identity = login.identity;
    let profile = Profile {
        site: login.site.to_string(),
        auth: Some(login.credentials.method),
        user: (!user.is_empty()).then(|| user.clone()),
        deployment: Some(identity.deployment),
        version: (!identity.version.trim().is_empty()).then(|| identity.version.trim().to_string()),
        api_url: identity.gateway.as_ref().map(|g| g.api_url.clone()),
        cloud_id: identity.gateway.as_ref().map(|g| g.cloud_id.clone()),
        ca_cert: login
            .ca_cert
            .as_ref()
            .map(|p| std::path::absolute(p).unwrap_or_else(|_| p.clone()))
            .or_else(|| old.as_ref().and_then(|o| o.ca_cert.clone())),
        client_cert: match &login.client_cert {
            Some(c) => Some(c.cert.clone()),
            None => old.as_ref().and_then(|o| o.client_cert.clone()),
        },
        client_key: match &login.client_cert {
            Some(c) => (c.key != c.cert).then(|| c.key.clone()),
            None => old.as_ref().and_then(|o| o.client_key.clone()),
        },
        client_key_passphrase_command: old
            .as_ref()
            .and_then(|o| o.client_key_passphrase_command.clone()),
        default_jql: old.as_ref().and_then(|o| o.default_jql.clone()),
        board: old.as_ref().and_then(|o| o.board.clone()),
        secret_command: old.as_ref().and_then(|o| o.secret_command.clone()),
        allow_insecure_http: login.allow_insecure_http
            || old.as_ref().is_some_and(|o| o.allow_insecure_http),
        timeout: old.as_ref().and_then(|o| o.timeout),
        refresh: old.as_ref().and_then(|o| o.refresh),
    };
    config.profiles.insert(name.clone(), profile);
    if login.make_default || config.default_entry().is_none() {
        config.default_profile = Some(name.clone());
    }
    config.save(&path)?;
    let secret = if login.store_secret {
        let stored = keyring
            .set(&name, &user, &login.credentials.secret)
            .map(|()| true);
        // The entry of an earlier user of this profile is stale now.
        if stored.is_ok()
            && let Some(old_user) = old.as_ref().map(|o| o.user.clone().unwrap_or_default())
            && old_user != user
        {
            let _ = keyring.delete(&name, &old_user);
        }
        stored
    } else {
        Ok(false)
    };
    let passphrase = match login.client_key_passphrase {
        Some(secret) => keyring
            .set(&name, super::client_cert::PASSPHRASE_USER, secret)
            .map(|()| true),
        None => Ok(false),
    };
    Ok(SavedLogin {
        passphrase,
        is_default: config.default_profile.as_deref() == Some(name.as_str()),
        profile: name,
        config_file: path,
        secret,
    })
}

/// The methods that fit a deployment, in the order they are offered.
pub fn methods_for(deployment: crate::jira::Deployment) -> &'static [AuthMethod] {
    match deployment {
        crate::jira::Deployment::Cloud => &[AuthMethod::ApiToken, AuthMethod::Cookie],
        crate::jira::Deployment::Dc => &[
            AuthMethod::Password,
            AuthMethod::Pat,
            AuthMethod::Session,
            AuthMethod::Cookie,
        ],
    }
}

/// A line describing a method, for the menu of `jiratty login`.
pub fn describe(method: AuthMethod) -> String {
    let what = match method {
        AuthMethod::ApiToken => "e-mail address and API token",
        AuthMethod::Password => "username and password (Basic authentication)",
        AuthMethod::Pat => "personal access token (Jira 8.14 and later)",
        AuthMethod::Session => "username and password, as a cookie session",
        AuthMethod::Cookie => "a session cookie copied from the browser (single sign-on sites)",
    };
    format!("{:<10} {what}", method.as_str())
}
