//! The single-resource calls: login and identity, issues, comments, filters, autocomplete.

use super::auth::AuthMethod;
use super::client::{Call, Client};
use super::error::JiraError;
use super::models::{
    AutocompleteData, CommentPage, Deployment, Filter, Identity, Issue, Suggestions, User,
};
use super::salvage::decode_issue;
use serde_json::json;
use serde_json::value::RawValue;

/// What to fetch of one issue.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IssueRequest {
    /// Fields; empty means all (`*all`), which is right for a single issue.
    pub fields: Vec<String>,
    /// Expansions: `names`, `renderedFields`.
    pub expand: Vec<String>,
}

pub(crate) fn check_key(key: &str) -> Result<&str, JiraError> {
    let key = key.trim();
    let ok = !key.is_empty()
        && key.len() <= 255
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(key)
    } else {
        Err(JiraError::NotFound {
            message: format!(
                "'{}' is not an issue key (keys look like ABC-123).",
                key.chars()
                    .filter(|c| !c.is_control())
                    .take(60)
                    .collect::<String>()
            ),
        })
    }
}

impl Client {
    /// Logs in (a session login first for the `session` method), then checks who we are with
    /// `myself`. A failed login is never retried: repeated failures lock accounts.
    pub async fn login(&self) -> Result<Identity, JiraError> {
        let info = self.server_info().await?;
        if self
            .credentials()
            .is_some_and(|c| c.method == AuthMethod::Session)
        {
            if info.deployment() == Deployment::Cloud {
                return Err(JiraError::Unsupported(
                    "Jira Cloud has no cookie-session login; use an e-mail address with an API token".into(),
                ));
            }
            self.start_session().await?;
        }
        let user = self.myself_at_login(&info).await?;
        Ok(Identity {
            user,
            deployment: info.deployment(),
            version: info.version,
            gateway: self.gateway(),
        })
    }

    /// Ends a cookie session on the server, if there is one.
    pub async fn logout(&self) -> Result<(), JiraError> {
        if self.has_session() {
            self.end_session().await?;
        }
        Ok(())
    }

    /// `GET myself`.
    pub async fn myself(&self) -> Result<User, JiraError> {
        let api = self.api().await?;
        self.call(Call::get(format!("{api}/myself")).about("your account's details"))
            .await
    }

    /// One issue with the asked-for fields and expansions. Fields that cannot be read (a
    /// number where Jira sends an object) are left out and named in the issue's `problem`.
    pub async fn issue(&self, key: &str, request: &IssueRequest) -> Result<Issue, JiraError> {
        let key = check_key(key)?;
        let api = self.api().await?;
        let fields = if request.fields.is_empty() {
            "*all".to_string()
        } else {
            request.fields.join(",")
        };
        let mut call = Call::get(format!("{api}/issue/{key}"))
            .query("fields", fields)
            .about(format!("issue {key}"))
            .issue_sized();
        if !request.expand.is_empty() {
            call = call.query("expand", request.expand.join(","));
        }
        let raw: Box<RawValue> = self.call(call).await?;
        decode_issue(raw.get()).ok_or_else(|| JiraError::Unexpected {
            endpoint: format!("GET {api}/issue/{key}"),
            status: 200,
            excerpt: "the answer is not an issue".to_string(),
        })
    }

    /// A page of an issue's comments, oldest first.
    pub async fn comments(
        &self,
        key: &str,
        start_at: u64,
        max_results: u32,
    ) -> Result<CommentPage, JiraError> {
        let key = check_key(key)?;
        let api = self.api().await?;
        self.call(
            Call::get(format!("{api}/issue/{key}/comment"))
                .query("startAt", start_at.to_string())
                .query("maxResults", max_results.to_string())
                .query("orderBy", "created")
                .about(format!("the comments of {key}"))
                .issue_sized(),
        )
        .await
    }

    /// The caller's favourite filters on the site.
    pub async fn favourite_filters(&self) -> Result<Vec<Filter>, JiraError> {
        let api = self.api().await?;
        self.call(Call::get(format!("{api}/filter/favourite")).about("your favourite filters"))
            .await
    }

    /// One filter by id.
    pub async fn filter(&self, id: &str) -> Result<Filter, JiraError> {
        let api = self.api().await?;
        let id: String = id.chars().filter(char::is_ascii_digit).collect();
        self.call(Call::get(format!("{api}/filter/{id}")).about(format!("filter {id}")))
            .await
    }

    /// Publishes a filter on the site.
    pub async fn create_filter(
        &self,
        name: &str,
        jql: &str,
        description: Option<&str>,
        favourite: bool,
    ) -> Result<Filter, JiraError> {
        let api = self.api().await?;
        let mut body = json!({"name": name, "jql": jql, "favourite": favourite});
        if let Some(d) = description {
            body["description"] = json!(d);
        }
        self.call(Call::post(format!("{api}/filter"), body).about("the new filter"))
            .await
    }

    /// The site's JQL fields, functions and reserved words.
    pub async fn autocomplete_data(&self) -> Result<AutocompleteData, JiraError> {
        let api = self.api().await?;
        self.call(Call::get(format!("{api}/jql/autocompletedata")).about("the site's JQL fields"))
            .await
    }

    /// Value suggestions for `field` starting with `prefix`.
    pub async fn suggestions(&self, field: &str, prefix: &str) -> Result<Suggestions, JiraError> {
        let api = self.api().await?;
        self.call(
            Call::get(format!("{api}/jql/autocompletedata/suggestions"))
                .query("fieldName", field.to_string())
                .query("fieldValue", prefix.to_string())
                .about("value suggestions"),
        )
        .await
    }
}
