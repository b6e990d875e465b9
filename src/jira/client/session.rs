//! The cookie session of the `session` method: logging in through `/rest/auth/1/session`,
//! logging in again once when the session runs out, and logging out. The cookie lives in
//! memory only.

use super::Client;
use super::call::Call;
use crate::jira::auth::AuthMethod;
use crate::jira::error::JiraError;
use crate::jira::retry::Deadline;
use reqwest::Method;
use serde_json::Value;

impl Client {
    /// The session cookie (name, value), if a session is open.
    pub(super) fn session_cookie(&self) -> Option<(String, String)> {
        self.inner.session.lock().ok().and_then(|s| s.clone())
    }

    fn uses_session(&self) -> bool {
        self.inner
            .credentials
            .as_ref()
            .is_some_and(|c| c.method == AuthMethod::Session)
    }

    /// `POST /rest/auth/1/session` with the stored username and password; keeps the cookie
    /// named in the answer (not always JSESSIONID). Never retried.
    pub(crate) async fn start_session(&self) -> Result<(), JiraError> {
        self.start_session_within(&Deadline::after(self.inner.deadline))
            .await
    }

    /// [`Self::start_session`] within the deadline of the call it serves.
    pub(super) async fn start_session_within(&self, deadline: &Deadline) -> Result<(), JiraError> {
        let Some(creds) = &self.inner.credentials else {
            return Err(JiraError::Unsupported(
                "no credentials to log in with".into(),
            ));
        };
        let mut call = Call::post(
            "/rest/auth/1/session",
            serde_json::json!({"username": creds.user, "password": creds.secret.expose()}),
        );
        call.authenticated = false;
        call.what = "the session login".into();
        let answer = self.execute(&call, deadline, 1).await?;
        if !answer.status.is_success() {
            return Err(self.classify(&call, &answer));
        }
        if super::classify::is_html(&answer.headers, &answer.body) {
            return Err(JiraError::SsoLoginPage {
                endpoint: call.endpoint(),
            });
        }
        let value: Value = serde_json::from_slice(&answer.body)
            .map_err(|e| self.unexpected(&call, &answer, &e.to_string()))?;
        let name = value.pointer("/session/name").and_then(Value::as_str);
        let cookie = value.pointer("/session/value").and_then(Value::as_str);
        let (Some(name), Some(cookie)) = (name, cookie) else {
            return Err(self.unexpected(&call, &answer, "no session name and value in the answer"));
        };
        if let Ok(mut session) = self.inner.session.lock() {
            *session = Some((name.to_string(), cookie.to_string()));
        }
        Ok(())
    }

    /// Ends a cookie session on the server (`DELETE /rest/auth/1/session`).
    pub(crate) async fn end_session(&self) -> Result<(), JiraError> {
        if self.session_cookie().is_none() {
            return Ok(());
        }
        let mut call = Call::get("/rest/auth/1/session").about("the session logout");
        call.method = Method::DELETE;
        let result = self.call_empty(call).await;
        if let Ok(mut session) = self.inner.session.lock() {
            *session = None;
        }
        result
    }

    pub(crate) fn has_session(&self) -> bool {
        self.inner
            .session
            .lock()
            .map(|s| s.is_some())
            .unwrap_or(false)
    }

    /// With the `session` method, logs in before the first authenticated call.
    pub(super) async fn ensure_session(
        &self,
        call: &Call<'_>,
        deadline: &Deadline,
    ) -> Result<(), JiraError> {
        if self.uses_session() && call.authenticated && !self.has_session() {
            self.start_session_within(deadline).await?;
        }
        Ok(())
    }

    /// Whether a 401 means the session ran out (so logging in again may help).
    pub(super) fn session_expired(&self) -> bool {
        self.has_session() && self.uses_session()
    }
}
