//! A field's value as jiratty holds it: read from the issue's JSON, parsed from what a user
//! typed (`--field "Story Points=5"`), shown, and written back in the JSON shape its schema
//! and the site's deployment want.

use super::{Choice, FieldKind, FieldMeta};
use crate::jira::models::{Deployment, User};
use crate::text::markdown::Mention;
use chrono::{DateTime, FixedOffset, NaiveDate};

mod text;
use serde_json::{Value, json};
pub use text::{format_number, parse_date, parse_date_time};
use text::{looks_like_key, split_list, sprint_id};

/// A person as a field value.
pub type UserRef = User;

/// A field's value.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    /// No value: clears the field.
    Empty,
    /// One line of text.
    Text(String),
    /// Rich text typed as Markdown, with the people it mentions.
    Markdown {
        /// The Markdown.
        text: String,
        /// `@Name`s and who they are.
        mentions: Vec<Mention>,
    },
    /// A number.
    Number(f64),
    /// A date.
    Date(NaiveDate),
    /// A date and time.
    DateTime(DateTime<FixedOffset>),
    /// One allowed value.
    Choice(Choice),
    /// Several allowed values.
    Choices(Vec<Choice>),
    /// A cascading select's parent and child.
    Cascade {
        /// The first level.
        parent: Choice,
        /// The second level, if any.
        child: Option<Choice>,
    },
    /// Labels.
    Labels(Vec<String>),
    /// One person.
    User(UserRef),
    /// Several people.
    Users(Vec<UserRef>),
    /// A sprint, by id.
    Sprint(u64),
    /// An issue, by key (the parent).
    Issue(String),
}

/// Why typed text is not a value of a field: the sentence names the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {reason}")]
pub struct ValueError {
    /// The field's display name.
    pub field: String,
    /// What is wrong, with the allowed values where there is a list.
    pub reason: String,
}

impl FieldMeta {
    fn error(&self, reason: impl Into<String>) -> ValueError {
        ValueError {
            field: self.name.clone(),
            reason: reason.into(),
        }
    }

    fn not_allowed(&self, typed: &str) -> ValueError {
        self.error(format!(
            "'{}' is not one of its values: {}",
            typed.trim(),
            self.allowed_text()
        ))
    }

    /// The allowed value `typed` names.
    pub fn find_choice(&self, typed: &str) -> Result<Choice, ValueError> {
        self.allowed
            .iter()
            .find(|c| c.is_named(typed))
            .cloned()
            .ok_or_else(|| self.not_allowed(typed))
    }

    /// Parses what a user typed for one value of this field. An empty text clears it. People
    /// are not parsed here: they need a user search (the caller resolves them).
    pub fn parse(&self, typed: &str) -> Result<FieldValue, ValueError> {
        let t = typed.trim();
        if t.is_empty() {
            return Ok(FieldValue::Empty);
        }
        Ok(match self.kind {
            FieldKind::Line => FieldValue::Text(typed.to_string()),
            FieldKind::RichText => FieldValue::Markdown {
                text: typed.to_string(),
                mentions: Vec::new(),
            },
            FieldKind::Number => match t.parse::<f64>() {
                Ok(n) if n.is_finite() => FieldValue::Number(n),
                _ => return Err(self.error(format!("'{t}' is not a number"))),
            },
            FieldKind::Date => FieldValue::Date(
                parse_date(t)
                    .ok_or_else(|| self.error(format!("'{t}' is not a date (YYYY-MM-DD)")))?,
            ),
            FieldKind::DateTime => FieldValue::DateTime(parse_date_time(t).ok_or_else(|| {
                self.error(format!("'{t}' is not a date and time (YYYY-MM-DD HH:MM)"))
            })?),
            FieldKind::OneOf => FieldValue::Choice(self.find_choice(t)?),
            FieldKind::ManyOf => FieldValue::Choices(
                split_list(t)
                    .map(|one| self.find_choice(one))
                    .collect::<Result<_, _>>()?,
            ),
            FieldKind::Cascading => self.parse_cascade(t)?,
            FieldKind::Labels => {
                let labels: Vec<String> = t
                    .split([',', ' '])
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect();
                FieldValue::Labels(labels)
            }
            FieldKind::Sprint => match t.parse::<u64>() {
                Ok(id) => FieldValue::Sprint(id),
                Err(_) => return Err(self.error(format!("'{t}' is not a sprint id"))),
            },
            FieldKind::Parent => {
                let key = t.to_ascii_uppercase();
                if !looks_like_key(&key) {
                    return Err(self.error(format!("'{t}' is not an issue key (like ACME-12)")));
                }
                FieldValue::Issue(key)
            }
            FieldKind::User | FieldKind::Users => {
                return Err(self.error("people are found by a user search"));
            }
            FieldKind::Unsupported => {
                return Err(self.error("jiratty cannot set this kind of field"));
            }
        })
    }

    fn parse_cascade(&self, t: &str) -> Result<FieldValue, ValueError> {
        // A whole-text match first: option names may contain the separator.
        if let Some(parent) = self.allowed.iter().find(|c| c.is_named(t)) {
            return Ok(FieldValue::Cascade {
                parent: parent.clone(),
                child: None,
            });
        }
        for sep in ['/', '>', ':'] {
            if let Some((p, c)) = t.split_once(sep) {
                let Some(parent) = self.allowed.iter().find(|x| x.is_named(p)) else {
                    continue;
                };
                let child = parent
                    .children
                    .iter()
                    .find(|x| x.is_named(c))
                    .cloned()
                    .ok_or_else(|| self.not_allowed(t))?;
                return Ok(FieldValue::Cascade {
                    parent: parent.clone(),
                    child: Some(child),
                });
            }
        }
        Err(self.not_allowed(t))
    }

    /// Reads the field's current value from the issue's JSON (`fields.{id}`).
    pub fn value_from_json(&self, raw: &Value, deployment: Deployment) -> FieldValue {
        if raw.is_null() {
            return FieldValue::Empty;
        }
        let choice = |v: &Value| super::parse::choice(v);
        let value = match self.kind {
            FieldKind::Line => raw.as_str().map(|s| FieldValue::Text(s.to_string())),
            FieldKind::RichText => Some(rich_from_json(raw, deployment)),
            FieldKind::Number => raw.as_f64().map(FieldValue::Number),
            FieldKind::Date => raw.as_str().and_then(parse_date).map(FieldValue::Date),
            FieldKind::DateTime => raw
                .as_str()
                .and_then(crate::jira::models::parse_time)
                .map(FieldValue::DateTime),
            FieldKind::OneOf => choice(raw).map(FieldValue::Choice),
            FieldKind::ManyOf => raw
                .as_array()
                .map(|a| FieldValue::Choices(a.iter().filter_map(choice).collect())),
            FieldKind::Cascading => choice(raw).map(|parent| FieldValue::Cascade {
                child: raw.get("child").and_then(choice),
                parent: Choice {
                    children: Vec::new(),
                    ..parent
                },
            }),
            FieldKind::Labels => raw.as_array().map(|a| {
                FieldValue::Labels(
                    a.iter()
                        .filter_map(|s| s.as_str().map(str::to_string))
                        .collect(),
                )
            }),
            FieldKind::User => serde_json::from_value(raw.clone())
                .ok()
                .map(FieldValue::User),
            FieldKind::Users => serde_json::from_value(raw.clone())
                .ok()
                .map(FieldValue::Users),
            FieldKind::Sprint => sprint_id(raw).map(FieldValue::Sprint),
            FieldKind::Parent => raw
                .get("key")
                .and_then(Value::as_str)
                .or(raw.as_str())
                .map(|k| FieldValue::Issue(k.to_string())),
            FieldKind::Unsupported => None,
        };
        value.unwrap_or(FieldValue::Empty)
    }

    /// The JSON that sets the field to `value` on a `deployment` site (`fields.{id}`).
    pub fn to_json(&self, value: &FieldValue, deployment: Deployment) -> Value {
        let epic_link =
            self.schema.custom.as_deref() == Some("com.pyxis.greenhopper.jira:gh-epic-link");
        match value {
            FieldValue::Empty if self.kind.is_multi() => json!([]),
            FieldValue::Empty => Value::Null,
            FieldValue::Text(s) => Value::String(s.clone()),
            FieldValue::Markdown { text, mentions } => match deployment {
                Deployment::Cloud => crate::text::markdown::to_adf(text, mentions),
                Deployment::Dc => Value::String(crate::text::markdown::to_wiki(text, mentions)),
            },
            FieldValue::Number(n) => serde_json::Number::from_f64(*n)
                .map(Value::Number)
                .unwrap_or(Value::Null),
            FieldValue::Date(d) => Value::String(d.format("%Y-%m-%d").to_string()),
            FieldValue::DateTime(t) => {
                Value::String(t.format("%Y-%m-%dT%H:%M:%S%.3f%z").to_string())
            }
            FieldValue::Choice(c) => choice_json(c),
            FieldValue::Choices(cs) => Value::Array(cs.iter().map(choice_json).collect()),
            FieldValue::Cascade { parent, child } => {
                let mut v = choice_json(parent);
                if let (Some(child), Value::Object(map)) = (child, &mut v) {
                    map.insert("child".into(), choice_json(child));
                }
                v
            }
            FieldValue::Labels(ls) => json!(ls),
            FieldValue::User(u) => user_json(u, deployment),
            FieldValue::Users(us) => {
                Value::Array(us.iter().map(|u| user_json(u, deployment)).collect())
            }
            FieldValue::Sprint(id) => json!(id),
            FieldValue::Issue(key) if epic_link => Value::String(key.clone()),
            FieldValue::Issue(key) => json!({ "key": key }),
        }
    }

    /// The JSON of one element of a multi-value field, for `update` add/remove operations.
    pub fn element_json(&self, value: &FieldValue, deployment: Deployment) -> Vec<Value> {
        match self.to_json(value, deployment) {
            Value::Array(items) => items,
            Value::Null => Vec::new(),
            other => vec![other],
        }
    }
}

impl FieldValue {
    /// The value as one line of text for lists and status lines.
    pub fn display(&self) -> String {
        match self {
            FieldValue::Empty => String::new(),
            FieldValue::Text(s) => s.clone(),
            FieldValue::Markdown { text, .. } => {
                let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
                let more = text.lines().filter(|l| !l.trim().is_empty()).count() > 1;
                if more {
                    format!("{first} …")
                } else {
                    first.to_string()
                }
            }
            FieldValue::Number(n) => format_number(*n),
            FieldValue::Date(d) => d.format("%Y-%m-%d").to_string(),
            FieldValue::DateTime(t) => t.format("%Y-%m-%d %H:%M").to_string(),
            FieldValue::Choice(c) => c.name.clone(),
            FieldValue::Choices(cs) => join(cs.iter().map(|c| c.name.as_str())),
            FieldValue::Cascade { parent, child } => match child {
                Some(c) => format!("{} / {}", parent.name, c.name),
                None => parent.name.clone(),
            },
            FieldValue::Labels(ls) => ls.join(" "),
            FieldValue::User(u) => u.label().to_string(),
            FieldValue::Users(us) => join(us.iter().map(User::label)),
            FieldValue::Sprint(id) => format!("sprint {id}"),
            FieldValue::Issue(k) => k.clone(),
        }
    }

    /// Whether this is no value.
    pub fn is_empty(&self) -> bool {
        match self {
            FieldValue::Empty => true,
            FieldValue::Text(s) => s.trim().is_empty(),
            FieldValue::Markdown { text, .. } => text.trim().is_empty(),
            FieldValue::Choices(v) => v.is_empty(),
            FieldValue::Labels(v) => v.is_empty(),
            FieldValue::Users(v) => v.is_empty(),
            _ => false,
        }
    }

    /// The text a user would type to get this value back (the editor's starting text).
    pub fn as_input(&self) -> String {
        match self {
            FieldValue::Markdown { text, .. } => text.clone(),
            FieldValue::Labels(ls) => ls.join(", "),
            FieldValue::Choices(cs) => join(cs.iter().map(|c| c.name.as_str())),
            FieldValue::Cascade { parent, child } => match child {
                Some(c) => format!("{}/{}", parent.name, c.name),
                None => parent.name.clone(),
            },
            FieldValue::Sprint(id) => id.to_string(),
            FieldValue::DateTime(t) => t.format("%Y-%m-%d %H:%M").to_string(),
            other => other.display(),
        }
    }
}

fn join<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names.collect::<Vec<_>>().join(", ")
}

fn choice_json(c: &Choice) -> Value {
    match (&c.id, c.by_value) {
        (Some(id), _) => json!({ "id": id }),
        (None, true) => json!({ "value": c.name }),
        (None, false) => json!({ "name": c.name }),
    }
}

fn user_json(u: &User, deployment: Deployment) -> Value {
    match deployment {
        Deployment::Cloud => json!({ "accountId": u.account_id.clone().unwrap_or_default() }),
        Deployment::Dc => {
            json!({ "name": u.name.clone().or_else(|| u.key.clone()).unwrap_or_default() })
        }
    }
}

fn rich_from_json(raw: &Value, deployment: Deployment) -> FieldValue {
    let _ = deployment;
    let (doc, mentions) = match raw {
        Value::String(wiki) => (crate::text::rich::from_wiki(wiki), Vec::new()),
        adf => (
            crate::text::rich::from_adf(adf),
            crate::text::markdown::mentions_in_adf(adf),
        ),
    };
    FieldValue::Markdown {
        text: crate::text::markdown::from_doc(&doc),
        mentions,
    }
}
