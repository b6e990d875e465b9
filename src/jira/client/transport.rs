//! Failures below HTTP (TLS, timeouts, DNS, refused or broken connections) as the
//! [`JiraError`] a user can act on.

use super::Client;
use crate::jira::error::JiraError;
use crate::jira::tls::ClientCertRefusal;

impl Client {
    pub(super) fn transport_error(&self, e: &reqwest::Error) -> JiraError {
        let chain = error_chain(e);
        let lower = chain.to_lowercase();
        let host = self.inner.site.host().to_string();
        if let Some(refusal) = ClientCertRefusal::from_error_chain(&chain, self.inner.client_cert) {
            return JiraError::ClientCertRefused { host, refusal };
        }
        if lower.contains("certificate")
            || lower.contains("invalidcertificate")
            || lower.contains("unknownissuer")
            || lower.contains("tls handshake")
            || lower.contains("self-signed")
            || lower.contains("self signed")
        {
            return JiraError::Tls {
                detail: short(&chain),
            };
        }
        if e.is_timeout() {
            return JiraError::Timeout {
                what: if e.is_connect() {
                    "connecting".into()
                } else {
                    "waiting for the answer".into()
                },
            };
        }
        let detail = if e.is_connect() {
            if lower.contains("dns")
                || lower.contains("resolve")
                || lower.contains("lookup")
                || lower.contains("name or service")
            {
                "the host name could not be resolved".to_string()
            } else if lower.contains("refused") {
                "the connection was refused".to_string()
            } else {
                format!("could not connect ({})", short(&chain))
            }
        } else if e.is_body()
            || e.is_decode()
            || lower.contains("reset")
            || lower.contains("closed")
            || lower.contains("incomplete")
        {
            "the connection broke off in the middle of the answer".to_string()
        } else {
            short(&chain)
        };
        JiraError::Network { host, detail }
    }
}

/// An error and its sources, joined.
pub(super) fn error_chain(e: &dyn std::error::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = s.source();
    }
    parts.join(": ")
}

fn short(s: &str) -> String {
    let s: String = s.chars().filter(|c| !c.is_control()).collect();
    if s.chars().count() > 200 {
        s.chars().take(200).collect::<String>() + "…"
    } else {
        s
    }
}
