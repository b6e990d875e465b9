//! Rich-text bodies (wiki markup or ADF), comments and pages of comments.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use super::User;
use super::lenient::{loose_string, null_default};

/// A rich-text body: wiki markup or plain text (v2) or an ADF document (v3).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum RichText {
    /// Wiki markup / plain text.
    Wiki(String),
    /// An Atlassian Document Format document.
    Adf(Value),
}

impl<'de> Deserialize<'de> for RichText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match Value::deserialize(d)? {
            Value::String(s) => RichText::Wiki(s),
            other => RichText::Adf(other),
        })
    }
}

/// A comment.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Comment {
    /// Id.
    #[serde(deserialize_with = "loose_string")]
    pub id: String,
    /// Author (absent for anonymous or deleted users).
    #[serde(deserialize_with = "null_default")]
    pub author: Option<User>,
    /// Body.
    #[serde(deserialize_with = "null_default")]
    pub body: Option<RichText>,
    /// Creation time.
    #[serde(deserialize_with = "loose_string")]
    pub created: String,
    /// Last edit.
    #[serde(deserialize_with = "loose_string")]
    pub updated: String,
}

/// A page of comments.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CommentPage {
    /// Offset of the first comment.
    #[serde(deserialize_with = "null_default")]
    pub start_at: u64,
    /// Page size.
    #[serde(deserialize_with = "null_default")]
    pub max_results: u64,
    /// All comments of the issue.
    #[serde(deserialize_with = "null_default")]
    pub total: u64,
    /// This page.
    #[serde(deserialize_with = "null_default")]
    pub comments: Vec<Comment>,
}

/// The `comment` field: a page object, or (in some Cloud answers) a bare array of comments.
pub(super) fn comment_field<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<CommentPage>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Null => None,
        Value::Array(items) => {
            let comments: Vec<Comment> = items
                .into_iter()
                .filter_map(|c| serde_json::from_value(c).ok())
                .collect();
            Some(CommentPage {
                start_at: 0,
                max_results: comments.len() as u64,
                total: comments.len() as u64,
                comments,
            })
        }
        other => serde_json::from_value(other).ok(),
    })
}
