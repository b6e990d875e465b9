//! The client's side of classifying answers: what it knows of a call and of its credentials,
//! handed to the pure [`super::classify`].

use super::call::{Answer, Call};
use super::{Client, classify};
use crate::jira::error::JiraError;
use crate::jira::models::Deployment;
use crate::jira::tls::ClientCertRefusal;

impl Client {
    pub(super) fn unexpected(&self, call: &Call<'_>, answer: &Answer, why: &str) -> JiraError {
        tracing::warn!(endpoint = %call.endpoint(), status = answer.status.as_u16(), why, "unexpected answer");
        JiraError::Unexpected {
            endpoint: call.endpoint(),
            status: answer.status.as_u16(),
            excerpt: self.excerpt(&answer.body),
        }
    }

    /// What classifying an answer to `call` needs to know of it and of this client.
    pub(super) fn context(&self, call: &Call<'_>) -> classify::Context<'_> {
        classify::Context {
            endpoint: call.endpoint(),
            search: call.path.contains("search"),
            cloud: self.known_deployment() == Some(Deployment::Cloud),
            credentials: self.inner.credentials.as_ref(),
            gateway: !call.site_only && self.gateway().is_some(),
        }
    }

    /// The first 200 characters of a body, control characters removed, the secret masked.
    pub(super) fn excerpt(&self, body: &[u8]) -> String {
        classify::excerpt(body, self.inner.credentials.as_ref())
    }

    /// Turns a non-success answer into the error a user can act on.
    pub(super) fn classify(&self, call: &Call<'_>, answer: &Answer) -> JiraError {
        let status = answer.status.as_u16();
        if let Some(refusal) = ClientCertRefusal::from_proxy_answer(status, &answer.body) {
            return JiraError::ClientCertRefused {
                host: self.host().to_string(),
                refusal,
            };
        }
        classify::classify(
            answer.status,
            &answer.headers,
            &answer.body,
            &self.context(call),
        )
    }
}
