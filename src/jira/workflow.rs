//! Moving an issue through its workflow: the transitions Jira offers for it (with the fields
//! their screens ask for) and applying one.

use super::calls::check_key;
use super::client::{Call, Client};
use super::error::JiraError;
use super::models::{Status, loose_string, null_default};
use super::writes::CommentBody;
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

/// A transition Jira offers for an issue now.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Transition {
    /// Id, what applying it sends.
    pub id: String,
    /// Name ("Start progress").
    pub name: String,
    /// The status it leads to.
    pub to: Status,
    /// It has a screen (fields to fill, a comment).
    pub has_screen: bool,
    /// Offered because a condition holds (assignee only, and the like).
    pub is_conditional: bool,
    /// The fields its screen shows, required ones first, then by name.
    pub fields: Vec<TransitionField>,
}

impl Transition {
    /// The fields that must be given a value.
    pub fn required(&self) -> impl Iterator<Item = &TransitionField> {
        self.fields.iter().filter(|f| f.required)
    }

    /// Whether applying it needs more than a key press: a required field jiratty must ask for.
    pub fn needs_input(&self) -> bool {
        self.required().next().is_some()
    }

    /// Whether its screen takes a comment.
    pub fn takes_comment(&self) -> bool {
        self.fields.iter().any(|f| f.key == "comment")
    }
}

/// A field on a transition's screen.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TransitionField {
    /// Field id (`resolution`, `customfield_10010`).
    pub key: String,
    /// Display name.
    pub name: String,
    /// Must be given a value.
    pub required: bool,
    /// Schema type (`resolution`, `option`, `array`, `string`, `user`...).
    pub schema_type: String,
    /// Item type of an array field.
    pub items: Option<String>,
    /// The values it may take (empty: free input).
    pub allowed: Vec<Allowed>,
}

impl TransitionField {
    /// The JSON to send for `value` (one of [`Self::allowed`]): by id where Jira gave one, by
    /// name or value otherwise; in an array for array fields.
    pub fn value_for(&self, value: &Allowed) -> Value {
        let one = match (&value.id, value.by_value) {
            (Some(id), _) => json!({ "id": id }),
            (None, true) => json!({ "value": value.name }),
            (None, false) => json!({ "name": value.name }),
        };
        if self.schema_type == "array" {
            Value::Array(vec![one])
        } else {
            one
        }
    }

    /// The JSON to send for typed text, for fields without allowed values.
    pub fn value_for_text(&self, text: &str) -> Value {
        match (self.schema_type.as_str(), self.items.as_deref()) {
            ("number", _) => text
                .trim()
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number)
                .unwrap_or_else(|| Value::String(text.to_string())),
            ("array", Some("string")) => Value::Array(
                text.split([',', ' '])
                    .filter(|s| !s.is_empty())
                    .map(|s| Value::String(s.to_string()))
                    .collect(),
            ),
            _ => Value::String(text.to_string()),
        }
    }
}

/// One value a field may take.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Allowed {
    /// Id, when Jira gave one.
    pub id: Option<String>,
    /// What to show (name, or an option's value).
    pub name: String,
    /// An option (sent as `{"value": …}` when it has no id).
    pub by_value: bool,
}

/// What to send with a transition besides its id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TransitionInput {
    /// Field values by field id, as [`TransitionField::value_for`] builds them.
    pub fields: Map<String, Value>,
    /// A comment to add on the way.
    pub comment: Option<CommentBody>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[derive(Default)]
struct RawTransition {
    #[serde(deserialize_with = "loose_string")]
    id: String,
    #[serde(deserialize_with = "loose_string")]
    name: String,
    #[serde(deserialize_with = "null_default")]
    to: Status,
    #[serde(deserialize_with = "null_default")]
    has_screen: bool,
    #[serde(deserialize_with = "null_default")]
    is_conditional: bool,
    #[serde(deserialize_with = "lenient_fields")]
    fields: BTreeMap<String, RawField>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct RawField {
    #[serde(deserialize_with = "null_default")]
    required: bool,
    #[serde(deserialize_with = "loose_string")]
    name: String,
    #[serde(deserialize_with = "null_default")]
    schema: RawSchema,
    #[serde(deserialize_with = "null_default")]
    allowed_values: Vec<Value>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawSchema {
    #[serde(rename = "type", deserialize_with = "loose_string")]
    kind: String,
    #[serde(deserialize_with = "null_default")]
    items: Option<String>,
}

/// A `fields` object whose entries are read one by one: one odd field does not lose the
/// transition.
fn lenient_fields<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, RawField>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Object(map) => map
            .into_iter()
            .filter_map(|(k, v)| Some((k, serde_json::from_value(v).ok()?)))
            .collect(),
        _ => BTreeMap::new(),
    })
}

fn allowed(value: &Value) -> Option<Allowed> {
    match value {
        Value::String(s) => Some(Allowed {
            id: None,
            name: s.clone(),
            by_value: true,
        }),
        Value::Object(o) => {
            let text = |k: &str| match o.get(k) {
                Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
                Some(Value::Number(n)) => Some(n.to_string()),
                _ => None,
            };
            let id = text("id");
            let (name, by_value) = match (text("name"), text("value")) {
                (Some(name), _) => (name, false),
                (None, Some(value)) => (value, true),
                (None, None) => (text("key").or_else(|| id.clone())?, false),
            };
            Some(Allowed { id, name, by_value })
        }
        _ => None,
    }
}

impl From<RawTransition> for Transition {
    fn from(raw: RawTransition) -> Self {
        let mut fields: Vec<TransitionField> = raw
            .fields
            .into_iter()
            .map(|(key, f)| TransitionField {
                name: if f.name.is_empty() {
                    key.clone()
                } else {
                    f.name
                },
                key,
                required: f.required,
                schema_type: f.schema.kind,
                items: f.schema.items,
                allowed: f.allowed_values.iter().filter_map(allowed).collect(),
            })
            .collect();
        fields.sort_by(|a, b| b.required.cmp(&a.required).then(a.name.cmp(&b.name)));
        Transition {
            id: raw.id,
            name: raw.name,
            to: raw.to,
            has_screen: raw.has_screen,
            is_conditional: raw.is_conditional,
            fields,
        }
    }
}

/// Reads a transitions answer; entries without an id are left out.
pub fn parse_transitions(body: &Value) -> Vec<Transition> {
    let list = match body.get("transitions") {
        Some(Value::Array(items)) => items.as_slice(),
        _ => &[],
    };
    list.iter()
        .filter_map(|t| serde_json::from_value::<RawTransition>(t.clone()).ok())
        .filter(|t| !t.id.is_empty())
        .map(Transition::from)
        .collect()
}

impl Client {
    /// The transitions Jira offers for `key` now, with the fields their screens ask for.
    pub async fn transitions(&self, key: &str) -> Result<Vec<Transition>, JiraError> {
        let key = check_key(key)?;
        let api = self.api().await?;
        let body: Value = self
            .call(
                Call::get(format!("{api}/issue/{key}/transitions"))
                    .query("expand", "transitions.fields")
                    .about(format!("the transitions of {key}")),
            )
            .await?;
        Ok(parse_transitions(&body))
    }

    /// Applies transition `id` to `key`, with field values and a comment. Not repeated on
    /// failure: a transition taken twice can move an issue twice.
    pub async fn transition(
        &self,
        key: &str,
        id: &str,
        input: &TransitionInput,
    ) -> Result<(), JiraError> {
        let key = check_key(key)?;
        let mut body = json!({ "transition": { "id": id } });
        if !input.fields.is_empty() {
            body["fields"] = Value::Object(input.fields.clone());
        }
        let api = match &input.comment {
            Some(comment) => {
                let (api, body_json) = comment.for_site(self).await?;
                body["update"] = json!({ "comment": [{ "add": { "body": body_json } }] });
                api
            }
            None => self.api().await?,
        };
        self.call::<Value>(
            Call::post(format!("{api}/issue/{key}/transitions"), body)
                .about(format!("the transition of {key}")),
        )
        .await
        .map(drop)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(path: &str) -> Value {
        let text = std::fs::read_to_string(format!(
            "{}/../shared/fixtures/jira/{path}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        serde_json::from_str(&text).unwrap()
    }

    #[test]
    fn reads_jira_examples() {
        for path in [
            "go-jira/transitions.json",
            "openapi/examples-cloud-v3/issue-transitions_GET.response-200.json",
        ] {
            let list = parse_transitions(&fixture(path));
            assert_eq!(list.len(), 2, "{path}");
            assert_eq!(list[0].id, "2");
            assert_eq!(list[0].name, "Close Issue");
            assert_eq!(list[0].to.name, "In Progress");
            let field = &list[0].fields[0];
            assert_eq!(field.key, "summary");
            assert_eq!(field.schema_type, "array");
            assert_eq!(field.allowed.len(), 2);
            assert_eq!(
                field.value_for(&field.allowed[0]),
                json!([{ "value": "red" }])
            );
        }
    }

    #[test]
    fn a_required_resolution_is_asked_for_and_sent_by_id() {
        let body = json!({ "transitions": [{
            "id": 31, "name": "Done", "hasScreen": true,
            "to": { "id": "3", "name": "Done", "statusCategory": { "key": "done" } },
            "fields": {
                "comment": { "required": false, "name": "Comment", "schema": { "type": "comments-page" } },
                "resolution": { "required": true, "name": "Resolution",
                    "schema": { "type": "resolution", "system": "resolution" },
                    "allowedValues": [ { "id": "10000", "name": "Done" }, { "name": "Won't Do" }, 7 ] },
                "broken": "not an object"
            }
        }, { "name": "no id" }]});
        let list = parse_transitions(&body);
        assert_eq!(list.len(), 1);
        let t = &list[0];
        assert_eq!(t.id, "31");
        assert!(t.needs_input() && t.takes_comment() && t.has_screen);
        assert_eq!(t.fields[0].key, "resolution");
        let r = &t.fields[0];
        assert_eq!(r.allowed.len(), 2);
        assert_eq!(r.value_for(&r.allowed[0]), json!({ "id": "10000" }));
        assert_eq!(r.value_for(&r.allowed[1]), json!({ "name": "Won't Do" }));
    }

    #[test]
    fn odd_answers_give_no_transitions_rather_than_an_error() {
        for body in [
            json!(null),
            json!({"transitions": 3}),
            json!({"transitions": [1, "x"]}),
        ] {
            assert!(parse_transitions(&body).is_empty());
        }
    }

    #[test]
    fn typed_values_follow_the_schema() {
        let field = |t: &str, items: Option<&str>| TransitionField {
            schema_type: t.into(),
            items: items.map(String::from),
            ..TransitionField::default()
        };
        assert_eq!(field("number", None).value_for_text(" 3.5 "), json!(3.5));
        assert_eq!(field("number", None).value_for_text("x"), json!("x"));
        assert_eq!(
            field("array", Some("string")).value_for_text("a, b"),
            json!(["a", "b"])
        );
        assert_eq!(field("string", None).value_for_text("hi"), json!("hi"));
    }
}
