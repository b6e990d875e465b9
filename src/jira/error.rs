//! One error type for everything that can go wrong talking to Jira. Each variant knows the
//! sentence a user should read and a hint of what to do next; no variant ever carries a secret.

use std::time::Duration;

/// Why a login was refused, as far as the response lets us tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CredentialProblem {
    /// An e-mail address was given where Server/DC wants a username.
    EmailWhereUsernameNeeded,
    /// A username was given where Cloud wants the account's e-mail address.
    UsernameWhereEmailNeeded,
    /// Cloud refused an account password: it only takes API tokens.
    PasswordWhereTokenNeeded,
    /// A personal access token was refused (wrong, expired or revoked).
    TokenRefused,
    /// The browser cookie was refused or has expired.
    CookieRefused,
    /// Cloud did not accept the API token: it expired or was revoked (API tokens expire
    /// after at most a year). Also what an anonymous answer with
    /// `X-Seraph-LoginReason: AUTHENTICATED_FAILED` means.
    TokenExpired,
    /// The username and secret do not match.
    Mismatch,
}

/// Every failure of a Jira call.
#[derive(Debug, Clone, thiserror::Error)]
pub enum JiraError {
    /// The site URL cannot be used.
    #[error("'{input}' is not a usable site address: {reason}")]
    InvalidSite {
        /// What the user typed.
        input: String,
        /// Why it cannot be used.
        reason: String,
    },
    /// Credentials would travel unencrypted to a host that is not this machine.
    #[error("refusing to send credentials over plain http:// to {host}")]
    InsecureHttp {
        /// The remote host.
        host: String,
    },
    /// The CA certificate file could not be used.
    #[error("cannot use the CA certificate file {path}: {reason}")]
    CaCert {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
    /// The client certificate or its key could not be used.
    #[error("cannot use the {file} {path}: {}", .problem.reason())]
    ClientCert {
        /// Which file.
        file: super::tls::CertFile,
        /// The file's path.
        path: String,
        /// What is wrong with it.
        problem: super::tls::ClientCertProblem,
    },
    /// The site wanted a client certificate we lack, or refused ours, in the TLS handshake.
    #[error("{}", .refusal.sentence(.host))]
    ClientCertRefused {
        /// The site's host.
        host: String,
        /// How.
        refusal: super::tls::ClientCertRefusal,
    },
    /// The site refused the credentials.
    #[error("{}", credential_sentence(.problem))]
    WrongCredentials {
        /// The most likely cause.
        problem: CredentialProblem,
        /// Whether the site is Jira Cloud (the hint differs).
        cloud: bool,
    },
    /// An API token reached Atlassian's API gateway, which refused it for lack of a scope.
    #[error("{}", scope_sentence(.message, .missing))]
    MissingScope {
        /// The gateway's message, sanitised.
        message: String,
        /// The scopes the gateway named as missing, if it did.
        missing: Vec<String>,
    },
    /// Too many failed logins: the account must pass a CAPTCHA in a browser first.
    #[error(
        "Jira wants a CAPTCHA solved before it accepts this account again (too many failed logins)"
    )]
    Captcha {
        /// Where to log in, when the site said.
        login_url: Option<String>,
    },
    /// A single sign-on or proxy login page came back instead of Jira's JSON.
    #[error("the site answered with a single sign-on login page instead of Jira's API")]
    SsoLoginPage {
        /// The endpoint that was called.
        endpoint: String,
    },
    /// The account may not see or do this.
    #[error("Jira refused access: {message}")]
    Forbidden {
        /// Jira's message.
        message: String,
    },
    /// The thing does not exist or is hidden.
    #[error("{message}")]
    NotFound {
        /// Jira's message.
        message: String,
    },
    /// The URL does not lead to a Jira site.
    #[error("{url} does not look like a Jira site ({detail})")]
    NotJira {
        /// The site URL.
        url: String,
        /// What was found instead.
        detail: String,
    },
    /// Jira rejected the JQL.
    #[error("{message}")]
    BadJql {
        /// Jira's message.
        message: String,
        /// 1-based line of the problem, when Jira said.
        line: Option<u32>,
        /// 1-based character in that line, when Jira said.
        character: Option<u32>,
    },
    /// Jira refused the values of some fields of an issue it was asked to change or create.
    #[error("{}", field_errors_sentence(.messages, .fields))]
    FieldErrors {
        /// Jira's messages about the request as a whole.
        messages: Vec<String>,
        /// Field id and Jira's message about it, in Jira's order.
        fields: Vec<(String, String)>,
    },
    /// Jira rejected the request for another reason.
    #[error("Jira rejected the request: {message}")]
    BadRequest {
        /// Jira's message.
        message: String,
    },
    /// The site has removed this API.
    #[error("the site has removed this API: {message}")]
    Removed {
        /// Jira's message.
        message: String,
    },
    /// Rate limited, and retries ran out.
    #[error("{}", rate_limit_sentence(.reason.as_deref()))]
    RateLimited {
        /// How long the site asked to wait.
        retry_after: Option<Duration>,
        /// The limiter that refused, from `RateLimit-Reason` (`jira-burst-based`), cleaned.
        reason: Option<String>,
    },
    /// A server-side failure.
    #[error("Jira had a server error (HTTP {status}): {message}")]
    Server {
        /// HTTP status.
        status: u16,
        /// Jira's message or a body excerpt.
        message: String,
    },
    /// A call ran out of its deadline: its attempts and the waits between them took all the
    /// time it was given.
    #[error("{}", deadline_sentence(.what, .host, *.waited, *.attempts))]
    DeadlineExceeded {
        /// What was waited for ("the search results", "issue ACME-1").
        what: String,
        /// The site's host.
        host: String,
        /// How long jiratty waited in all (the deadline).
        waited: Duration,
        /// Attempts made.
        attempts: u32,
    },
    /// An answer grew past the size jiratty reads for one call; the read was stopped there.
    #[error(
        "the answer with {what} grew past {limit}, more than jiratty reads for one call, so it stopped reading"
    )]
    TooLarge {
        /// What was asked for.
        what: String,
        /// The limit, as text ("16 MB").
        limit: String,
    },
    /// No answer in time.
    #[error("Jira did not answer in time ({what})")]
    Timeout {
        /// What timed out (connecting, the whole request).
        what: String,
    },
    /// The TLS certificate could not be verified.
    #[error("the site's TLS certificate could not be verified: {detail}")]
    Tls {
        /// The TLS library's explanation.
        detail: String,
    },
    /// The network failed: DNS, refused connection, reset.
    #[error("cannot reach {host}: {detail}")]
    Network {
        /// The host.
        host: String,
        /// What failed.
        detail: String,
    },
    /// A response we could not make sense of.
    #[error("unexpected answer from {endpoint} (HTTP {status}): {excerpt}")]
    Unexpected {
        /// Method and path.
        endpoint: String,
        /// HTTP status.
        status: u16,
        /// The first 200 characters of the body, sanitised.
        excerpt: String,
    },
    /// Something the caller asked for is not possible here.
    #[error("{0}")]
    Unsupported(String),
}

fn deadline_sentence(what: &str, host: &str, waited: Duration, attempts: u32) -> String {
    let waited = super::retry::duration_text(waited);
    match attempts {
        0 | 1 => format!("gave up waiting for {what} from {host} after {waited}"),
        n => format!("gave up waiting for {what} from {host} after {waited} ({n} attempts)"),
    }
}

fn field_errors_sentence(messages: &[String], fields: &[(String, String)]) -> String {
    let mut parts: Vec<String> = messages.to_vec();
    parts.extend(fields.iter().map(|(id, m)| format!("{id}: {m}")));
    if parts.is_empty() {
        "Jira refused the values".to_string()
    } else {
        format!("Jira refused the values: {}", parts.join("; "))
    }
}

fn scope_sentence(message: &str, missing: &[String]) -> String {
    if missing.is_empty() {
        format!(
            "the API token reached Atlassian's API gateway but lacks a scope jiratty needs (the gateway said: {message})"
        )
    } else {
        format!(
            "the API token reached Atlassian's API gateway but lacks the scope{} {} (the gateway said: {message})",
            if missing.len() == 1 { "" } else { "s" },
            missing.join(", ")
        )
    }
}

/// The scopes a scoped API token needs: to read, and to act on issues.
pub const READ_SCOPES: &str = "read:jira-work and read:jira-user";
/// The scope the actions (transition, assign, watch, comment) need besides [`READ_SCOPES`].
pub const WRITE_SCOPES: &str = "write:jira-work";

fn rate_limit_sentence(reason: Option<&str>) -> String {
    match reason {
        None => "Jira is rate-limiting requests".to_string(),
        Some(reason) => match super::retry::limits::reason_meaning(reason) {
            Some(meaning) => format!("Jira is rate-limiting requests ({reason}: {meaning})"),
            None => format!("Jira is rate-limiting requests ({reason})"),
        },
    }
}

fn credential_sentence(problem: &CredentialProblem) -> &'static str {
    match problem {
        CredentialProblem::EmailWhereUsernameNeeded => {
            "Login failed: this Jira Server/Data Center site wants a username, not an e-mail address"
        }
        CredentialProblem::UsernameWhereEmailNeeded => {
            "Login failed: Jira Cloud wants the account's e-mail address, not a username"
        }
        CredentialProblem::PasswordWhereTokenNeeded => {
            "Login failed: Jira Cloud does not accept account passwords for its API"
        }
        CredentialProblem::TokenRefused => {
            "Login failed: Jira did not accept the personal access token (it may have expired or been revoked)"
        }
        CredentialProblem::TokenExpired => {
            "Jira did not accept your API token: it may have expired or been revoked"
        }
        CredentialProblem::CookieRefused => {
            "Login failed: the session cookie was refused or has expired"
        }
        CredentialProblem::Mismatch => "Login failed: the username or secret is wrong",
    }
}

/// Where Cloud users create API tokens.
pub const API_TOKEN_URL: &str = "https://id.atlassian.com/manage-profile/security/api-tokens";

/// Broad classes of failure, for exit codes and retry decisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorClass {
    /// Credentials, CAPTCHA, SSO, permissions.
    Auth,
    /// A missing issue, filter or resource.
    NotFound,
    /// DNS, TLS, timeouts, refused connections.
    Network,
    /// Server errors, rate limits, unexpected answers.
    Server,
    /// Bad input: JQL, site address, options.
    Input,
}

impl JiraError {
    /// The sentence to show a user (the `Display` text with a capital and a full stop).
    pub fn sentence(&self) -> String {
        let text = self.to_string();
        let mut chars = text.chars();
        let mut out: String = match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        };
        if !out.ends_with(['.', '!', '?']) {
            out.push('.');
        }
        out
    }

    /// What the user can do about it.
    pub fn hint(&self) -> Option<String> {
        use CredentialProblem as P;
        Some(match self {
            JiraError::InvalidSite { .. } => "Give the address you open Jira with in a browser, e.g. https://your-company.atlassian.net.".into(),
            JiraError::InsecureHttp { .. } => "Use https://, or pass --allow-insecure-http if you really trust this network.".into(),
            JiraError::CaCert { .. } => "Pass a PEM file with the certificate of the CA that signed the site's certificate.".into(),
            JiraError::ClientCert { problem, .. } => problem.hint(),
            JiraError::ClientCertRefused { refusal, .. } => refusal.hint(),
            JiraError::WrongCredentials { problem, cloud } => match problem {
                P::EmailWhereUsernameNeeded => "Use your Jira username (the one on your profile page), not your e-mail address.".into(),
                P::UsernameWhereEmailNeeded => format!("Log in with your Atlassian account's e-mail address and an API token from {API_TOKEN_URL}."),
                P::PasswordWhereTokenNeeded => format!("Create an API token at {API_TOKEN_URL} and use it instead of your password."),
                P::TokenRefused => "Create a new personal access token in Jira under Profile > Personal Access Tokens.".into(),
                P::CookieRefused => "Copy a fresh session cookie from a browser that is logged in to the site.".into(),
                P::TokenExpired => format!("Create a new API token at {API_TOKEN_URL} and log in again with `jiratty login`."),
                P::Mismatch if *cloud => format!("Check the e-mail address and the API token; tokens expire, so the token may need replacing (tokens are made at {API_TOKEN_URL})."),
                P::Mismatch => "Check the username and password. Repeated failures lock the account behind a CAPTCHA.".into(),
            },
            JiraError::MissingScope { .. } => format!("Create a scoped API token at {API_TOKEN_URL} (or edit this one) with {READ_SCOPES} to read issues, and {WRITE_SCOPES} to transition, assign, watch and comment."),
            JiraError::Captcha { login_url } => match login_url {
                Some(url) => format!("Log in once in a browser at {url} and solve the CAPTCHA, then try again."),
                None => "Log in once in a browser and solve the CAPTCHA, then try again.".into(),
            },
            JiraError::SsoLoginPage { .. } => "The site forces single sign-on: log in with an API token or personal access token, or use the cookie method with a session cookie copied from your browser.".into(),
            JiraError::Forbidden { .. } => "Ask a Jira administrator for access, or log in as another user.".into(),
            JiraError::NotFound { .. } => "Check the key; the issue may also be hidden from this account.".into(),
            JiraError::NotJira { .. } => "Check the site address: it should be the address you open Jira with in a browser.".into(),
            JiraError::BadJql { character: Some(c), .. } => format!("Fix the query at character {c} and run it again."),
            JiraError::BadJql { .. } => "Fix the query and run it again.".into(),
            JiraError::BadRequest { .. } => return None,
            JiraError::FieldErrors { .. } => "Correct the values Jira named and send again; what you typed is kept.".into(),
            JiraError::Removed { .. } => "This version of jiratty uses an API the site no longer offers; please update jiratty.".into(),
            JiraError::RateLimited { retry_after, .. } => match retry_after {
                Some(d) => format!(
                    "Wait {} and try again.",
                    super::retry::duration_text((*d).max(Duration::from_secs(1)))
                ),
                None => "Wait a minute and try again.".into(),
            },
            JiraError::Server { .. } => "The problem is on the site's side; try again in a moment.".into(),
            JiraError::DeadlineExceeded { .. } => "Check your network connection or VPN; to wait longer, set JIRATTY_TIMEOUT=SECONDS or `timeout` in the profile.".into(),
            JiraError::TooLarge { .. } => "The site or a proxy in front of it sent far more than such an answer holds; if the data is real, ask for fewer fields or issues.".into(),
            JiraError::Timeout { .. } => "Check your network connection or VPN, then try again.".into(),
            JiraError::Tls { .. } => "If the site uses a private or corporate CA, pass its certificate with --ca-cert PATH.".into(),
            JiraError::Network { .. } => "Check the site address, your network connection, VPN and proxy settings (HTTPS_PROXY).".into(),
            JiraError::Unexpected { .. } => "Check the site address; if it is right, the site may be behind a proxy that changes answers.".into(),
            JiraError::Unsupported(_) => return None,
        })
    }

    /// The broad class of this error.
    pub fn class(&self) -> ErrorClass {
        match self {
            JiraError::WrongCredentials { .. }
            | JiraError::ClientCertRefused { .. }
            | JiraError::MissingScope { .. }
            | JiraError::Captcha { .. }
            | JiraError::SsoLoginPage { .. }
            | JiraError::Forbidden { .. } => ErrorClass::Auth,
            JiraError::NotFound { .. } => ErrorClass::NotFound,
            JiraError::Timeout { .. }
            | JiraError::DeadlineExceeded { .. }
            | JiraError::Tls { .. }
            | JiraError::Network { .. }
            | JiraError::NotJira { .. } => ErrorClass::Network,
            JiraError::RateLimited { .. }
            | JiraError::TooLarge { .. }
            | JiraError::Server { .. }
            | JiraError::Unexpected { .. }
            | JiraError::Removed { .. } => ErrorClass::Server,
            JiraError::InvalidSite { .. }
            | JiraError::InsecureHttp { .. }
            | JiraError::CaCert { .. }
            | JiraError::ClientCert { .. }
            | JiraError::BadJql { .. }
            | JiraError::BadRequest { .. }
            | JiraError::FieldErrors { .. }
            | JiraError::Unsupported(_) => ErrorClass::Input,
        }
    }
}

/// Finds Jira's `(line N, character M)` in a JQL error message.
pub fn jql_position(message: &str) -> (Option<u32>, Option<u32>) {
    let Some(at) = message.rfind("(line ") else {
        return (None, None);
    };
    let rest = &message[at + 6..];
    let mut numbers = rest
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse::<u32>().ok());
    let line = numbers.next().flatten();
    let character = if rest.contains("character") {
        numbers.next().flatten()
    } else {
        None
    };
    (line, character)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_jql_positions() {
        assert_eq!(
            jql_position(
                "Error in the JQL Query: Expecting operator but got 'query'. (line 1, character 9)"
            ),
            (Some(1), Some(9))
        );
        assert_eq!(jql_position("Field 'x' does not exist."), (None, None));
    }

    #[test]
    fn sentences_are_capitalised_and_end_with_a_stop() {
        let e = JiraError::Timeout {
            what: "connecting".into(),
        };
        assert_eq!(e.sentence(), "Jira did not answer in time (connecting).");
        let e = JiraError::WrongCredentials {
            problem: CredentialProblem::PasswordWhereTokenNeeded,
            cloud: true,
        };
        assert!(e.sentence().starts_with("Login failed: Jira Cloud"));
        assert!(e.hint().unwrap().contains(API_TOKEN_URL));
    }
}
