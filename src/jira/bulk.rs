//! Many issues in full in one call, for reading ahead: Cloud's `POST issue/bulkfetch` (up to
//! [`BULK_MAX`] issues), Server/DC a `key in (…)` search asking for the fields a detail view
//! shows. Each issue decodes on its own (one damaged issue cannot fail the others); keys that
//! name no issue the caller can see are simply not in the answer.

use super::calls::check_key;
use super::client::{Call, Client};
use super::error::JiraError;
use super::models::{Deployment, Issue};
use super::salvage::decode_issue;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value, json};

/// The most issues one bulk call asks for (Cloud's limit for `bulkfetch`).
pub const BULK_MAX: usize = 100;

/// The answer of either call: the issues, and the field names when sent once for all.
#[derive(Deserialize, Default)]
#[serde(default)]
struct BulkAnswer {
    issues: Vec<Box<RawValue>>,
    names: Option<Map<String, Value>>,
}

impl Client {
    /// The issues `keys` in full (all fields, the first page of comments, field names), at
    /// most [`BULK_MAX`] of them (the rest are not asked for). Safe to repeat: it only reads.
    pub async fn issues_in_bulk(&self, keys: &[String]) -> Result<Vec<Issue>, JiraError> {
        let keys: Vec<&str> = keys
            .iter()
            .take(BULK_MAX)
            .map(|k| check_key(k))
            .collect::<Result<_, _>>()?;
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let call = match self.deployment().await? {
            Deployment::Cloud => Call::post(
                "/rest/api/3/issue/bulkfetch",
                json!({
                    "issueIdsOrKeys": keys,
                    "fields": ["*all"],
                    "expand": ["names"],
                }),
            ),
            // Server/DC has no bulk fetch: a search for the keys, with every navigable field
            // and the comments (what `GET issue` gives a detail view).
            Deployment::Dc => Call::post(
                "/rest/api/2/search",
                json!({
                    "jql": format!("key in ({})", keys.join(", ")),
                    "fields": ["*navigable", "comment"],
                    "expand": ["names"],
                    "maxResults": keys.len(),
                    "validateQuery": "warn",
                }),
            ),
        };
        let answer: BulkAnswer = self
            .call(
                call.idempotent(true)
                    .issue_sized()
                    .about(format!("{} issues read ahead", keys.len())),
            )
            .await?;
        let names = answer.names.unwrap_or_default();
        Ok(answer
            .issues
            .iter()
            .filter_map(|raw| decode_issue::<Issue>(raw.get()))
            .filter(|issue| !issue.key.is_empty())
            .map(|mut issue| {
                if issue.names.is_empty() {
                    issue.names = names.clone();
                }
                issue
            })
            .collect())
    }
}
