//! Users in their Cloud and Server/DC shapes, statuses, issue types and other named things.

use serde::{Deserialize, Serialize};

use super::lenient::{loose_opt_string, loose_string, null_default};

/// A user in either shape: Cloud has `accountId`, Server/DC has `name` and `key`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct User {
    /// Cloud account id.
    #[serde(deserialize_with = "loose_opt_string")]
    pub account_id: Option<String>,
    /// Server/DC username.
    #[serde(deserialize_with = "loose_opt_string")]
    pub name: Option<String>,
    /// Server/DC user key.
    #[serde(deserialize_with = "loose_opt_string")]
    pub key: Option<String>,
    /// Display name.
    #[serde(deserialize_with = "loose_opt_string")]
    pub display_name: Option<String>,
    /// E-mail, when visible.
    #[serde(deserialize_with = "loose_opt_string")]
    pub email_address: Option<String>,
    /// Whether the account is active.
    #[serde(deserialize_with = "null_default")]
    pub active: bool,
    /// Time zone.
    #[serde(deserialize_with = "loose_opt_string")]
    pub time_zone: Option<String>,
}

impl User {
    /// The name to show: display name, else username, else account id.
    pub fn label(&self) -> &str {
        self.display_name
            .as_deref()
            .or(self.name.as_deref())
            .or(self.account_id.as_deref())
            .unwrap_or("unknown user")
    }

    /// Every name a person may be typed by: display name, username, e-mail, account id, key.
    pub fn names(&self) -> Vec<String> {
        [
            &self.display_name,
            &self.name,
            &self.email_address,
            &self.account_id,
            &self.key,
        ]
        .into_iter()
        .flatten()
        .cloned()
        .collect()
    }

    /// The identity: accountId on Cloud, username (or key) on Server/DC.
    pub fn identity(&self) -> &str {
        self.account_id
            .as_deref()
            .or(self.name.as_deref())
            .or(self.key.as_deref())
            .unwrap_or("")
    }
}

/// Something with an id and a name (priority, resolution, component, project...).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Named {
    /// Id.
    #[serde(deserialize_with = "loose_string")]
    pub id: String,
    /// Name.
    #[serde(deserialize_with = "loose_string")]
    pub name: String,
    /// Key (projects).
    #[serde(
        deserialize_with = "loose_opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub key: Option<String>,
}

/// A status category (`new`, `indeterminate`, `done`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StatusCategory {
    /// Key.
    #[serde(deserialize_with = "loose_string")]
    pub key: String,
    /// Name.
    #[serde(deserialize_with = "loose_string")]
    pub name: String,
    /// Colour name.
    #[serde(deserialize_with = "loose_string")]
    pub color_name: String,
}

/// A status.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Status {
    /// Id.
    #[serde(deserialize_with = "loose_string")]
    pub id: String,
    /// Name.
    #[serde(deserialize_with = "loose_string")]
    pub name: String,
    /// Category, for colouring.
    #[serde(deserialize_with = "null_default")]
    pub status_category: Option<StatusCategory>,
}

/// An issue type.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct IssueType {
    /// Id.
    #[serde(deserialize_with = "loose_string")]
    pub id: String,
    /// Name.
    #[serde(deserialize_with = "loose_string")]
    pub name: String,
    /// Whether it is a sub-task type.
    #[serde(deserialize_with = "null_default")]
    pub subtask: bool,
}
