//! People: who an issue may be assigned to, finding users by name, and assigning.

use super::calls::check_key;
use super::client::{Call, Client};
use super::error::JiraError;
use super::models::{Deployment, User};
use super::writes::account_param;
use reqwest::Method;
use serde_json::{Value, json};

/// Whom to assign an issue to.
#[derive(Debug, Clone, PartialEq)]
pub enum Assignee {
    /// This user.
    User(User),
    /// Nobody.
    Nobody,
    /// Whoever the project assigns by default.
    Automatic,
}

impl Assignee {
    /// What the list and the status line say.
    pub fn label(&self) -> &str {
        match self {
            Assignee::User(user) => user.label(),
            Assignee::Nobody => "Unassigned",
            Assignee::Automatic => "Automatic",
        }
    }

    /// The body of `PUT …/assignee` in a deployment's dialect, or None when Jira did not say
    /// who the user is in that dialect.
    pub fn body(&self, deployment: Deployment) -> Option<Value> {
        let field = match deployment {
            Deployment::Cloud => "accountId",
            Deployment::Dc => "name",
        };
        let value = match self {
            Assignee::User(user) => Value::String(match deployment {
                Deployment::Cloud => user.account_id.clone()?,
                Deployment::Dc => user.name.clone().or_else(|| user.key.clone())?,
            }),
            Assignee::Nobody => Value::Null,
            Assignee::Automatic => Value::String("-1".into()),
        };
        Some(json!({ field: value }))
    }
}

/// Users Jira answered, without the inactive ones and without repeats.
fn people(list: Vec<User>) -> Vec<User> {
    let mut seen = std::collections::HashSet::new();
    list.into_iter()
        .filter(|u| u.active && !u.identity().is_empty())
        .filter(|u| seen.insert(u.identity().to_string()))
        .collect()
}

/// Jira's user searches take at most this many per call.
const MAX_USERS: u32 = 50;

impl Client {
    /// Users `key` may be assigned to whose name, e-mail or username starts with `query`
    /// (all of them, up to `max`, for an empty query).
    pub async fn assignable_users(
        &self,
        key: &str,
        query: &str,
        max: u32,
    ) -> Result<Vec<User>, JiraError> {
        let key = check_key(key)?;
        let api = self.api().await?;
        let name = match self.deployment().await? {
            Deployment::Cloud => "query",
            Deployment::Dc => "username",
        };
        let list: Vec<User> = self
            .call(
                Call::get(format!("{api}/user/assignable/search"))
                    .query("issueKey", key)
                    .query(name, query.trim())
                    .query("maxResults", max.clamp(1, MAX_USERS).to_string())
                    .about(format!("the people {key} can be assigned to")),
            )
            .await?;
        Ok(people(list))
    }

    /// Users whose name, e-mail or username starts with `query` (for `@` mentions).
    pub async fn find_users(&self, query: &str, max: u32) -> Result<Vec<User>, JiraError> {
        let api = self.api().await?;
        let name = match self.deployment().await? {
            Deployment::Cloud => "query",
            Deployment::Dc => "username",
        };
        let list: Vec<User> = self
            .call(
                Call::get(format!("{api}/user/search"))
                    .query(name, query.trim())
                    .query("maxResults", max.clamp(1, MAX_USERS).to_string())
                    .about("the people found"),
            )
            .await?;
        Ok(people(list))
    }

    /// Assigns `key`. Setting an assignee twice changes nothing, so the call may be repeated.
    pub async fn assign(&self, key: &str, to: &Assignee) -> Result<(), JiraError> {
        let key = check_key(key)?;
        let api = self.api().await?;
        let deployment = self.deployment().await?;
        let body = to.body(deployment).ok_or_else(|| {
            JiraError::Unsupported(format!(
                "Jira did not give the {} of {}, so jiratty cannot assign to them",
                account_param(deployment),
                to.label()
            ))
        })?;
        self.call::<Value>(Call {
            method: Method::PUT,
            idempotent: true,
            ..Call::post(format!("{api}/issue/{key}/assignee"), body)
                .about(format!("the assignee of {key}"))
        })
        .await
        .map(drop)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(account: Option<&str>, name: Option<&str>) -> User {
        User {
            account_id: account.map(String::from),
            name: name.map(String::from),
            display_name: Some("Ann".into()),
            active: true,
            ..User::default()
        }
    }

    #[test]
    fn assignee_bodies_in_each_dialect() {
        let ann = Assignee::User(user(Some("a-1"), Some("ann")));
        assert_eq!(
            ann.body(Deployment::Cloud),
            Some(json!({"accountId": "a-1"}))
        );
        assert_eq!(ann.body(Deployment::Dc), Some(json!({"name": "ann"})));
        assert_eq!(
            Assignee::Nobody.body(Deployment::Cloud),
            Some(json!({"accountId": null}))
        );
        assert_eq!(
            Assignee::Automatic.body(Deployment::Dc),
            Some(json!({"name": "-1"}))
        );
        let cloud_only = Assignee::User(user(Some("a-1"), None));
        assert_eq!(cloud_only.body(Deployment::Dc), None);
    }

    #[test]
    fn inactive_and_repeated_users_are_left_out() {
        let mut gone = user(Some("b"), None);
        gone.active = false;
        let list = people(vec![
            user(Some("a"), None),
            gone,
            user(Some("a"), None),
            user(None, None),
        ]);
        assert_eq!(list.len(), 1);
    }
}
