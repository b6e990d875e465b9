//! The lean issue a list row needs: key, summary, status (with its category), type, priority,
//! assignee and update time. Decoding a search page into these keeps nothing else — no field
//! map, no ids, no avatars — and reads strings without building JSON values on the way, so a
//! page of 100 decodes in a fraction of a millisecond. It is as tolerant as the full model:
//! nulls, missing fields, numbers where strings are usual.

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use std::fmt;

/// One issue of a search page, as a list shows it.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct ListIssue {
    /// Key (`ABC-123`).
    #[serde(deserialize_with = "text")]
    pub key: String,
    /// The list's fields.
    #[serde(deserialize_with = "super::models::null_default")]
    pub fields: ListFields,
    /// What of the issue could not be read ("priority and status could not be read"), when
    /// some of it was not in the shape Jira uses; the rest is as the site sent it. Set by
    /// jiratty's decoding (see [`super::salvage`]), never read from the server.
    #[serde(skip)]
    pub problem: Option<String>,
}

/// The fields of a [`ListIssue`].
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct ListFields {
    /// Summary.
    #[serde(deserialize_with = "text")]
    pub summary: String,
    /// Status.
    #[serde(deserialize_with = "super::models::null_default")]
    pub status: Option<ListStatus>,
    /// Issue type.
    #[serde(deserialize_with = "super::models::null_default")]
    pub issuetype: Option<Named>,
    /// Priority.
    #[serde(deserialize_with = "super::models::null_default")]
    pub priority: Option<Named>,
    /// Assignee (None: unassigned).
    #[serde(deserialize_with = "super::models::null_default")]
    pub assignee: Option<ListUser>,
    /// Last update, as Jira writes it.
    #[serde(deserialize_with = "text")]
    pub updated: String,
}

/// Something known by its name (type, priority).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Named {
    /// Name.
    #[serde(deserialize_with = "text")]
    pub name: String,
}

/// A status and its category.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ListStatus {
    /// Name.
    #[serde(deserialize_with = "text")]
    pub name: String,
    /// Category (`new`, `indeterminate`, `done`).
    #[serde(deserialize_with = "super::models::null_default")]
    pub status_category: Option<CategoryKey>,
}

/// A status category's key.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct CategoryKey {
    /// `new`, `indeterminate` or `done`.
    #[serde(deserialize_with = "text")]
    pub key: String,
}

/// A user as a list names them.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ListUser {
    /// Display name.
    #[serde(deserialize_with = "text")]
    pub display_name: String,
    /// Server/DC username.
    #[serde(deserialize_with = "text")]
    pub name: String,
    /// Cloud account id.
    #[serde(deserialize_with = "text")]
    pub account_id: String,
}

impl ListUser {
    /// The name to show: display name, else username, else account id.
    pub fn into_label(self) -> String {
        [self.display_name, self.name, self.account_id]
            .into_iter()
            .find(|s| !s.is_empty())
            .unwrap_or_else(|| "unknown user".to_string())
    }
}

/// Reads a string, a number or a boolean as a string; null (or anything else) as empty —
/// directly from the input, without building a JSON value first.
fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct Text;
    impl<'de> Visitor<'de> for Text {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
            Ok(v)
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_unit<E: de::Error>(self) -> Result<String, E> {
            Ok(String::new())
        }
        fn visit_none<E: de::Error>(self) -> Result<String, E> {
            Ok(String::new())
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<String, D2::Error> {
            d.deserialize_any(Text)
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<String, A::Error> {
            while seq.next_element::<de::IgnoredAny>()?.is_some() {}
            Ok(String::new())
        }
        fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<String, A::Error> {
            while map
                .next_entry::<de::IgnoredAny, de::IgnoredAny>()?
                .is_some()
            {}
            Ok(String::new())
        }
    }
    d.deserialize_any(Text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_cloud_and_server_rows_and_tolerates_odd_values() {
        let issues: Vec<ListIssue> = serde_json::from_str(
            r#"[
            {"id":"1","key":"ACME-1","fields":{"summary":"Login fails","status":{"name":"To Do",
             "statusCategory":{"key":"new","colorName":"blue-gray"}},"issuetype":{"name":"Bug",
             "iconUrl":"x"},"priority":{"name":"High"},"assignee":{"accountId":"a1",
             "displayName":"Alice","avatarUrls":{"48x48":"y"}},"updated":"2024-06-01T09:00:00.000+0000",
             "customfield_1":{"deep":[1,2,{"x":null}]}}},
            {"key":"OPS-2","fields":{"summary":12345,"status":null,"issuetype":null,
             "priority":null,"assignee":{"name":"bob"},"updated":null}},
            {"key":"OPS-3","fields":null},
            {"key":7}
        ]"#,
        )
        .unwrap();
        assert_eq!(issues[0].key, "ACME-1");
        assert_eq!(issues[0].fields.summary, "Login fails");
        let status = issues[0].fields.status.as_ref().unwrap();
        assert_eq!(status.status_category.as_ref().unwrap().key, "new");
        assert_eq!(issues[0].fields.priority.as_ref().unwrap().name, "High");
        assert_eq!(
            issues[0].fields.assignee.clone().unwrap().into_label(),
            "Alice"
        );
        assert_eq!(issues[1].fields.summary, "12345");
        assert_eq!(issues[1].fields.status, None);
        assert_eq!(
            issues[1].fields.assignee.clone().unwrap().into_label(),
            "bob"
        );
        assert_eq!(issues[2].fields, ListFields::default());
        assert_eq!(issues[3].key, "7");
    }

    #[test]
    fn decodes_what_the_full_model_decodes_in_the_fixtures() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/fixtures/jira/jira-cli"
        );
        let Ok(text) = std::fs::read_to_string(format!("{dir}/search.json")) else {
            return;
        };
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let lean: Vec<ListIssue> = serde_json::from_value(v["issues"].clone()).unwrap();
        let full: Vec<super::super::Issue> = serde_json::from_value(v["issues"].clone()).unwrap();
        assert_eq!(lean.len(), full.len());
        for (l, f) in lean.iter().zip(&full) {
            assert_eq!(l.key, f.key);
            assert_eq!(
                l.fields.summary,
                f.fields.summary.clone().unwrap_or_default()
            );
            assert_eq!(
                l.fields.status.as_ref().map(|s| s.name.clone()),
                f.fields.status.as_ref().map(|s| s.name.clone())
            );
            assert_eq!(
                l.fields.assignee.clone().map(ListUser::into_label),
                f.fields.assignee.as_ref().map(|u| u.label().to_string())
            );
        }
    }
}
