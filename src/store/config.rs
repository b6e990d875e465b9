//! `config.toml`: the profiles (one per Jira site and account) and which one is the default.
//!
//! The file is meant to be edited by hand too, so jiratty is careful with it: a file that does
//! not parse is reported with its line and column and never overwritten; keys jiratty does not
//! know are warned about and kept; writes keep the user's comments and layout
//! (see [`super::config_edit`]), are atomic, and create the file with mode 0600.

use super::paths::{self, PathError};
use crate::jira::{AuthMethod, Deployment};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// The whole configuration file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Config {
    /// The profile used when none is named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_profile: Option<String>,
    /// Profiles by name.
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

/// One Jira site and account. Never holds a secret: those live in the OS keyring.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// Site address, e.g. `https://acme.atlassian.net`.
    pub site: String,
    /// How to log in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth: Option<AuthMethod>,
    /// E-mail address (api-token) or username (password, session).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// Cloud or Server/Data Center, as detected at login (saves a request per run).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployment: Option<Deployment>,
    /// The site's version, as detected at login.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Where the REST API is called when not on the site itself: Atlassian's API gateway
    /// (`https://api.atlassian.com/ex/jira/CLOUD_ID`) for scoped API tokens, found at login.
    /// Browser links keep using `site`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_url: Option<String>,
    /// The Cloud site's cloud id, found at login with `api_url`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloud_id: Option<String>,
    /// An extra CA certificate (PEM) to trust for this site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_cert: Option<PathBuf>,
    /// The client certificate (PEM) presented to a site that requires one (mutual TLS); `~`
    /// is the home directory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_cert: Option<PathBuf>,
    /// The client certificate's private key (PEM, may be encrypted PKCS#8); `~` is the home
    /// directory. Without it the key is looked for in `client_cert`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_key: Option<PathBuf>,
    /// A shell command that prints the client key's passphrase, used instead of the keyring.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_key_passphrase_command: Option<String>,
    /// The JQL the terminal UI opens with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_jql: Option<String>,
    /// A shell command whose output is the secret (e.g. `pass show work/jira`), used instead of
    /// the keyring.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_command: Option<String>,
    /// Allow credentials over plain http:// to a host other than this machine.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub allow_insecure_http: bool,
    /// Seconds one call to the site may take in all, retries included (default 30).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<u64>,
    /// The board (id or name) the terminal UI opens on instead of the issue list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub board: Option<String>,
    /// Seconds between background refreshes of the list and the open issue in the terminal
    /// UI (default 120; 0 turns them off).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh: Option<u64>,
}

/// Something in the file that jiratty ignored; shown to the user, never fatal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigWarning {
    /// The file.
    pub file: PathBuf,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ConfigWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file.display(), self.message)
    }
}

/// Errors reading or writing the config file.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not valid TOML or does not fit jiratty's format. It is left as it is.
    #[error("{path}, line {line}, column {column}: {message}")]
    Syntax {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column (in characters).
        column: usize,
        /// What the parser said.
        message: String,
    },
    /// The file could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The config directory is unknown or cannot be created.
    #[error(transparent)]
    Dir(#[from] PathError),
}

impl ConfigError {
    /// What the user can do about it.
    pub fn hint(&self) -> Option<String> {
        match self {
            ConfigError::Syntax { .. } => Some(
                "fix the file by hand (jiratty never overwrites a file it cannot read), or move it \
                 away to start afresh"
                    .to_string(),
            ),
            ConfigError::Dir(PathError::NoHome { var, .. }) => Some(format!("set {var} to a directory")),
            _ => None,
        }
    }
}

/// 1-based line and column (in characters) of a byte offset in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// A [`ConfigError::Syntax`] at byte `offset` of `text`.
pub(crate) fn syntax_error(
    path: &Path,
    text: &str,
    offset: Option<usize>,
    message: &str,
) -> ConfigError {
    let (line, column) = offset.map_or((1, 1), |o| line_column(text, o));
    ConfigError::Syntax {
        path: path.to_path_buf(),
        line,
        column,
        message: message.trim().to_string(),
    }
}

impl Config {
    /// Parses the text of `path`. Unknown keys become warnings.
    pub fn parse(text: &str, path: &Path) -> Result<(Config, Vec<ConfigWarning>), ConfigError> {
        let fail =
            |e: toml::de::Error| syntax_error(path, text, e.span().map(|s| s.start), e.message());
        let deserializer = toml::de::Deserializer::parse(text).map_err(fail)?;
        let mut unknown = Vec::new();
        let config: Config =
            serde_ignored::deserialize(deserializer, |key| unknown.push(key.to_string()))
                .map_err(fail)?;
        let mut warnings: Vec<ConfigWarning> = unknown
            .into_iter()
            .map(|key| ConfigWarning {
                file: path.to_path_buf(),
                message: format!("unknown key '{key}' ignored"),
            })
            .collect();
        if let Some(name) = &config.default_profile
            && !config.profiles.contains_key(name)
        {
            warnings.push(ConfigWarning {
                file: path.to_path_buf(),
                message: format!(
                    "default_profile names '{name}', but there is no [profiles.{name}]"
                ),
            });
        }
        Ok((config, warnings))
    }

    /// Reads `path`; a missing file is an empty configuration.
    pub fn load(path: &Path) -> Result<(Config, Vec<ConfigWarning>), ConfigError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Config::parse(&text, path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Ok((Config::default(), Vec::new()))
            }
            Err(source) => Err(ConfigError::Read {
                path: path.to_path_buf(),
                source,
            }),
        }
    }

    /// Reads the config file in its usual place (see [`paths::config_file`]).
    pub fn load_default() -> Result<(Config, Vec<ConfigWarning>, PathBuf), ConfigError> {
        let path = paths::config_file()?;
        let (config, warnings) = Config::load(&path)?;
        Ok((config, warnings, path))
    }

    /// Writes the configuration to `path`, keeping the comments, layout and unknown keys of the
    /// file already there. Refuses to touch a file that does not parse. Atomic; mode 0600; a
    /// missing directory is created with mode 0700.
    pub fn save(&self, path: &Path) -> Result<(), ConfigError> {
        let existing = match std::fs::read_to_string(path) {
            Ok(text) => {
                // Never replace a file the user would lose work in.
                Config::parse(&text, path)?;
                Some(text)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(source) => {
                return Err(ConfigError::Read {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        let text = super::config_edit::render(existing.as_deref(), self, path)?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            paths::ensure_private_dir(dir)?;
        }
        super::atomic::write_private(path, text.as_bytes()).map_err(|source| ConfigError::Write {
            path: path.to_path_buf(),
            source,
        })
    }

    /// The profile called `name`.
    pub fn profile(&self, name: &str) -> Option<&Profile> {
        self.profiles.get(name)
    }

    /// The default profile with its name, if one is set and exists.
    pub fn default_entry(&self) -> Option<(&str, &Profile)> {
        let name = self.default_profile.as_deref()?;
        self.profiles
            .get_key_value(name)
            .map(|(n, p)| (n.as_str(), p))
    }

    /// The name of the first profile for `site` (compared after normalising both addresses).
    pub fn find_by_site(&self, site: &str) -> Option<&str> {
        let wanted = normalise_site(site)?;
        self.profiles
            .iter()
            .find(|(_, p)| normalise_site(&p.site).as_deref() == Some(wanted.as_str()))
            .map(|(name, _)| name.as_str())
    }
}

/// A site address in the client's normal form, for comparisons; None when it is unusable.
pub fn normalise_site(site: &str) -> Option<String> {
    crate::jira::site::Site::parse(site)
        .ok()
        .map(|s| s.as_str().to_ascii_lowercase())
}

/// A profile name made from a site address: the account part of `*.atlassian.net`, else the
/// host (and port) with every other character turned into `-`.
pub fn profile_name_for_site(site: &str) -> String {
    let Ok(parsed) = crate::jira::site::Site::parse(site) else {
        return "default".to_string();
    };
    let host = parsed.host().to_ascii_lowercase();
    if let Some(account) = host
        .strip_suffix(".atlassian.net")
        .filter(|a| !a.contains('.'))
    {
        return account.to_string();
    }
    let url = parsed.as_str();
    let without_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let slug: String = without_scheme
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug.trim_matches('-').to_string();
    if slug.is_empty() {
        "default".to_string()
    } else {
        slug
    }
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
