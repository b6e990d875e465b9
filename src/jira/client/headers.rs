//! The credentials of each method as request headers, every one marked sensitive so that no
//! debug output or log shows it.

use super::Client;
use crate::jira::auth::AuthMethod;
use base64::Engine;
use reqwest::header::{self, HeaderName, HeaderValue};

/// A header value that debug output and logs never show; `None` when `text` cannot be a
/// header value (a secret with a line break in it).
fn sensitive(text: &str) -> Option<HeaderValue> {
    let mut value = HeaderValue::from_str(text).ok()?;
    value.set_sensitive(true);
    Some(value)
}

impl Client {
    /// The header carrying the credentials, if there are any to send.
    pub(super) fn auth_header(&self) -> Option<(HeaderName, HeaderValue)> {
        let creds = self.inner.credentials.as_ref()?;
        match creds.method {
            AuthMethod::ApiToken | AuthMethod::Password => {
                let raw = format!("{}:{}", creds.user, creds.secret.expose());
                let encoded = base64::engine::general_purpose::STANDARD.encode(raw);
                Some((
                    header::AUTHORIZATION,
                    sensitive(&format!("Basic {encoded}"))?,
                ))
            }
            AuthMethod::Pat => Some((
                header::AUTHORIZATION,
                sensitive(&format!("Bearer {}", creds.secret.expose().trim()))?,
            )),
            AuthMethod::Cookie => Some((header::COOKIE, sensitive(creds.secret.expose().trim())?)),
            AuthMethod::Session => {
                let (name, value) = self.session_cookie()?;
                Some((header::COOKIE, sensitive(&format!("{name}={value}"))?))
            }
        }
    }

    /// Adds the credentials to `request`.
    pub(super) fn authorize(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match self.auth_header() {
            Some((name, value)) => request.header(name, value),
            None => request,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sensitive_values_hide_in_debug_output_and_refuse_line_breaks() {
        let value = sensitive("Bearer secret").unwrap();
        assert!(value.is_sensitive());
        assert!(!format!("{value:?}").contains("secret"));
        assert!(sensitive("a\nb").is_none());
    }
}
