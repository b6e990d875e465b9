//! Writing to an issue: comments (add, edit, delete) and watching.

use super::calls::check_key;
use super::client::{Call, Client};
use super::error::JiraError;
use super::models::{Comment, Deployment, User, null_default};
use reqwest::Method;
use serde::Deserialize;
use serde_json::{Value, json};

/// The body of a comment, in one of the forms Jira takes.
#[derive(Debug, Clone, PartialEq)]
pub enum CommentBody {
    /// Markdown as the user typed it, with the people it mentions: converted to ADF for Cloud
    /// and to wiki markup for Data Center.
    Markdown {
        /// The text.
        text: String,
        /// `@Name`s and who they are.
        mentions: Vec<crate::text::markdown::Mention>,
    },
    /// Wiki markup (REST v2, which Cloud also takes).
    Wiki(String),
    /// An Atlassian Document Format document (REST v3, Cloud only).
    Adf(Value),
}

impl CommentBody {
    /// The API to send it to and the JSON of the body, for the site `client` talks to.
    pub(crate) async fn for_site(
        &self,
        client: &Client,
    ) -> Result<(&'static str, Value), JiraError> {
        let cloud = client.deployment().await? == Deployment::Cloud;
        Ok(match self {
            CommentBody::Markdown { text, mentions } if cloud => {
                ("/rest/api/3", crate::text::markdown::to_adf(text, mentions))
            }
            CommentBody::Markdown { text, mentions } => (
                "/rest/api/2",
                Value::String(crate::text::markdown::to_wiki(text, mentions)),
            ),
            CommentBody::Wiki(text) => ("/rest/api/2", Value::String(text.clone())),
            CommentBody::Adf(doc) if cloud => ("/rest/api/3", doc.clone()),
            CommentBody::Adf(_) => {
                return Err(JiraError::Unsupported(
                    "Jira Data Center takes comments in wiki markup, not ADF; write Markdown or wiki instead".into(),
                ));
            }
        })
    }
}

impl CommentBody {
    /// The comment as Jira will keep it on a `deployment` site, for showing it before Jira
    /// answers (ADF sent to Data Center is shown as it is; Jira would refuse it).
    pub fn as_shown(&self, deployment: Deployment) -> super::RichText {
        match self {
            CommentBody::Markdown { text, mentions } => match deployment {
                Deployment::Cloud => {
                    super::RichText::Adf(crate::text::markdown::to_adf(text, mentions))
                }
                Deployment::Dc => {
                    super::RichText::Wiki(crate::text::markdown::to_wiki(text, mentions))
                }
            },
            CommentBody::Wiki(text) => super::RichText::Wiki(text.clone()),
            CommentBody::Adf(doc) => super::RichText::Adf(doc.clone()),
        }
    }
}

/// Who may read a comment: a project role or a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visibility {
    /// `role` or `group`.
    pub kind: String,
    /// The role's or group's name.
    pub value: String,
}

/// Who watches an issue.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Watchers {
    /// How many watch it.
    #[serde(deserialize_with = "null_default")]
    pub watch_count: u64,
    /// Whether the caller does.
    #[serde(deserialize_with = "null_default")]
    pub is_watching: bool,
    /// The watchers the caller may see.
    #[serde(deserialize_with = "null_default")]
    pub watchers: Vec<User>,
}

fn check_comment_id(id: &str) -> Result<&str, JiraError> {
    let id = id.trim();
    if !id.is_empty() && id.len() <= 40 && id.chars().all(|c| c.is_ascii_digit()) {
        Ok(id)
    } else {
        Err(JiraError::NotFound {
            message: format!(
                "'{}' is not a comment id (ids are numbers, e.g. 10042).",
                id.chars()
                    .filter(|c| !c.is_control())
                    .take(40)
                    .collect::<String>()
            ),
        })
    }
}

fn comment_json(body: Value, visibility: Option<&Visibility>) -> Value {
    let mut json = json!({ "body": body });
    if let Some(v) = visibility {
        json["visibility"] = json!({ "type": v.kind, "value": v.value });
    }
    json
}

/// The account field of a user in requests: `accountId` on Cloud, `name` on Data Center.
pub(crate) fn account_param(deployment: Deployment) -> &'static str {
    match deployment {
        Deployment::Cloud => "accountId",
        Deployment::Dc => "username",
    }
}

impl Client {
    /// Adds a comment. Never repeated on its own: a comment posted twice shows twice. When the
    /// answer is lost, [`Client::find_posted_comment`] tells whether it landed.
    pub async fn add_comment(
        &self,
        key: &str,
        body: &CommentBody,
        visibility: Option<&Visibility>,
    ) -> Result<Comment, JiraError> {
        let key = check_key(key)?;
        let (api, body) = body.for_site(self).await?;
        self.call(
            Call::post(
                format!("{api}/issue/{key}/comment"),
                comment_json(body, visibility),
            )
            .about(format!("the new comment on {key}")),
        )
        .await
    }

    /// Posts a comment once. When the answer is lost on the way (the connection dropped, the
    /// deadline passed) the comment may have landed: the newest comments are read back, and
    /// one by the caller since the post counts as the answer; only when none is there does the
    /// error stand.
    pub async fn post_comment(
        &self,
        key: &str,
        body: &CommentBody,
        visibility: Option<&Visibility>,
    ) -> Result<Comment, JiraError> {
        let since = chrono::Utc::now();
        match self.add_comment(key, body, visibility).await {
            Err(
                e @ (JiraError::Network { .. }
                | JiraError::Timeout { .. }
                | JiraError::DeadlineExceeded { .. }),
            ) => {
                tracing::warn!(key, error = %e, "comment answer lost; reading the comments back");
                let landed = match self.myself().await {
                    Ok(me) => self
                        .find_posted_comment(key, &me, since)
                        .await
                        .ok()
                        .flatten(),
                    Err(_) => None,
                };
                landed.ok_or(e)
            }
            other => other,
        }
    }

    /// Replaces the text (and visibility) of comment `id`.
    pub async fn edit_comment(
        &self,
        key: &str,
        id: &str,
        body: &CommentBody,
        visibility: Option<&Visibility>,
    ) -> Result<Comment, JiraError> {
        let key = check_key(key)?;
        let id = check_comment_id(id)?;
        let (api, body) = body.for_site(self).await?;
        self.call(Call {
            method: Method::PUT,
            idempotent: true,
            ..Call::post(
                format!("{api}/issue/{key}/comment/{id}"),
                comment_json(body, visibility),
            )
            .about(format!("comment {id} of {key}"))
        })
        .await
    }

    /// Deletes comment `id`.
    pub async fn delete_comment(&self, key: &str, id: &str) -> Result<(), JiraError> {
        let key = check_key(key)?;
        let id = check_comment_id(id)?;
        let api = self.api().await?;
        self.call_empty(Call {
            method: Method::DELETE,
            ..Call::get(format!("{api}/issue/{key}/comment/{id}"))
                .about(format!("comment {id} of {key}"))
        })
        .await
    }

    /// After a comment's answer was lost: the newest comment by `author` created since `since`
    /// (give or take two minutes of clock difference), if one landed.
    pub async fn find_posted_comment(
        &self,
        key: &str,
        author: &User,
        since: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<Comment>, JiraError> {
        let key = check_key(key)?;
        let api = self.api().await?;
        let page: super::models::CommentPage = self
            .call(
                Call::get(format!("{api}/issue/{key}/comment"))
                    .query("orderBy", "-created")
                    .query("maxResults", "20")
                    .about(format!("the newest comments of {key}"))
                    .issue_sized(),
            )
            .await?;
        let margin = chrono::Duration::seconds(120);
        Ok(page.comments.into_iter().find(|c| {
            let by_author = c
                .author
                .as_ref()
                .is_some_and(|a| a.identity() == author.identity());
            let recent = super::models::parse_time(&c.created)
                .is_some_and(|t| t.with_timezone(&chrono::Utc) + margin >= since);
            by_author && recent
        }))
    }

    /// The list rows of `keys` as Jira has them now (after a change), by one search.
    pub async fn rows(&self, keys: &[String]) -> Result<Vec<super::ListIssue>, JiraError> {
        let keys: Vec<&str> = keys
            .iter()
            .map(|k| check_key(k))
            .collect::<Result<_, _>>()?;
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let mut request = super::SearchRequest::new(format!("key in ({})", keys.join(", ")));
        request.page_size = keys.len().min(100) as u32;
        Ok(self
            .search_page_of::<super::ListIssue>(&request, None)
            .await?
            .issues)
    }

    /// The roles of project `project` (for a comment's visibility), by name.
    pub async fn project_roles(&self, project: &str) -> Result<Vec<String>, JiraError> {
        let project = check_key(project)?;
        let api = self.api().await?;
        let roles: serde_json::Map<String, Value> = self
            .call(
                Call::get(format!("{api}/project/{project}/role"))
                    .about(format!("the roles of project {project}")),
            )
            .await?;
        let mut names: Vec<String> = roles.into_iter().map(|(name, _)| name).collect();
        names.sort();
        Ok(names)
    }

    /// The groups I am in (`myself?expand=groups`), for a comment's visibility.
    pub async fn my_groups(&self) -> Result<Vec<String>, JiraError> {
        let api = self.api().await?;
        let me: Value = self
            .call(
                Call::get(format!("{api}/myself"))
                    .query("expand", "groups")
                    .about("the groups you are in"),
            )
            .await?;
        let mut names: Vec<String> = me
            .pointer("/groups/items")
            .and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .filter_map(|g| g.get("name").and_then(Value::as_str))
                    .filter(|n| !n.trim().is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names.dedup();
        Ok(names)
    }

    /// Who watches `key`.
    pub async fn watchers(&self, key: &str) -> Result<Watchers, JiraError> {
        let key = check_key(key)?;
        let api = self.api().await?;
        self.call(
            Call::get(format!("{api}/issue/{key}/watchers"))
                .about(format!("the watchers of {key}")),
        )
        .await
    }

    /// Starts or stops `user` watching `key`.
    pub async fn set_watching(&self, key: &str, user: &User, on: bool) -> Result<(), JiraError> {
        let key = check_key(key)?;
        let api = self.api().await?;
        let deployment = self.deployment().await?;
        let who = match deployment {
            Deployment::Cloud => user.account_id.clone(),
            Deployment::Dc => user.name.clone().or_else(|| user.key.clone()),
        }
        .ok_or_else(|| {
            JiraError::Unsupported(format!(
                "Jira did not say who {} is, so jiratty cannot change whom the issue is watched by",
                user.label()
            ))
        })?;
        let path = format!("{api}/issue/{key}/watchers");
        let what = format!("the watchers of {key}");
        if on {
            self.call::<Value>(
                Call::post(path, Value::String(who))
                    .idempotent(true)
                    .about(what),
            )
            .await
            .map(drop)
        } else {
            self.call_empty(Call {
                method: Method::DELETE,
                ..Call::get(path)
                    .query(account_param(deployment), who)
                    .about(what)
            })
            .await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_ids_are_numbers() {
        assert_eq!(check_comment_id(" 10042 ").ok(), Some("10042"));
        for bad in ["", "12a", "../x", "1 2"] {
            assert!(check_comment_id(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn visibility_goes_with_the_body() {
        let v = Visibility {
            kind: "role".into(),
            value: "Developers".into(),
        };
        assert_eq!(
            comment_json(json!("hi"), Some(&v)),
            json!({ "body": "hi", "visibility": { "type": "role", "value": "Developers" } })
        );
        assert_eq!(comment_json(json!("hi"), None), json!({ "body": "hi" }));
    }

    #[test]
    fn watchers_read_leniently() {
        let w: Watchers = serde_json::from_value(json!({
            "watchCount": 2, "isWatching": null,
            "watchers": [{ "accountId": "a1", "displayName": "Ann" }]
        }))
        .unwrap();
        assert_eq!(w.watch_count, 2);
        assert!(!w.is_watching);
        assert_eq!(w.watchers[0].label(), "Ann");
    }
}
