//! Authentication methods and the secrets they carry.

use std::fmt;

/// A secret (token, password, cookie). Its `Debug` and `Display` never show the value.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }
    /// The value, for building a request header or storing in the keyring.
    pub fn expose(&self) -> &str {
        &self.0
    }
    /// Whether it is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// The ways to log in to Jira.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, clap::ValueEnum,
)]
#[serde(rename_all = "kebab-case")]
pub enum AuthMethod {
    /// Cloud: Basic with e-mail address + API token.
    ApiToken,
    /// Server/DC: Basic with username + password.
    Password,
    /// Server/DC 8.14+: personal access token as `Authorization: Bearer`.
    Pat,
    /// Server/DC: a cookie session from `POST /rest/auth/1/session`.
    Session,
    /// SSO-only sites: a session cookie pasted from a browser (`name=value`).
    Cookie,
}

impl AuthMethod {
    /// Every method, in the order they are offered.
    pub const ALL: [AuthMethod; 5] = [
        AuthMethod::ApiToken,
        AuthMethod::Password,
        AuthMethod::Pat,
        AuthMethod::Session,
        AuthMethod::Cookie,
    ];

    /// The name used in config files, flags and `JIRATTY_AUTH`.
    pub fn as_str(self) -> &'static str {
        match self {
            AuthMethod::ApiToken => "api-token",
            AuthMethod::Password => "password",
            AuthMethod::Pat => "pat",
            AuthMethod::Session => "session",
            AuthMethod::Cookie => "cookie",
        }
    }

    /// Parses the name used in config files, flags and `JIRATTY_AUTH`.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(s.trim()))
    }

    /// Whether the method needs a user name or e-mail besides the secret.
    pub fn needs_user(self) -> bool {
        matches!(
            self,
            AuthMethod::ApiToken | AuthMethod::Password | AuthMethod::Session
        )
    }

    /// What the secret is called in prompts.
    pub fn secret_label(self) -> &'static str {
        match self {
            AuthMethod::ApiToken => "API token",
            AuthMethod::Password | AuthMethod::Session => "password",
            AuthMethod::Pat => "personal access token",
            AuthMethod::Cookie => "session cookie (name=value)",
        }
    }

    /// What the user is called in prompts.
    pub fn user_label(self) -> &'static str {
        match self {
            AuthMethod::ApiToken => "e-mail address",
            _ => "username",
        }
    }
}

impl fmt::Display for AuthMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A method with its credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    /// How to log in.
    pub method: AuthMethod,
    /// E-mail (api-token) or username (password, session); empty for pat and cookie.
    pub user: String,
    /// Token, password or cookie.
    pub secret: Secret,
}

impl Credentials {
    /// Credentials for `method`.
    pub fn new(method: AuthMethod, user: impl Into<String>, secret: Secret) -> Self {
        Credentials {
            method,
            user: user.into(),
            secret,
        }
    }
}
