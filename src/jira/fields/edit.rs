//! What is sent to change an issue (`PUT issue/{key}`: `fields` sets, `update` adds and
//! removes) or to create one (`POST issue`), and Jira's per-field refusals.

use super::{FieldMeta, FieldValue};
use crate::jira::error::JiraError;
use crate::jira::models::Deployment;
use serde_json::{Map, Value, json};

/// A change to an issue's fields.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IssueEdit {
    /// Values to set, by field id.
    pub fields: Map<String, Value>,
    /// Operations on multi-value fields (`[{"add": …}, {"remove": …}]`), by field id.
    pub update: Map<String, Value>,
}

impl IssueEdit {
    /// Whether nothing would change.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.update.is_empty()
    }

    /// Sets `meta` to `value`.
    pub fn set(&mut self, meta: &FieldMeta, value: &FieldValue, deployment: Deployment) {
        self.fields
            .insert(meta.id.clone(), meta.to_json(value, deployment));
    }

    /// Changes `meta` from `old` to `new`: for a multi-value field that allows it, as the
    /// elements added and removed (so a value someone else added meanwhile stays), else by
    /// setting the whole value. Nothing is sent when nothing changed.
    pub fn change(
        &mut self,
        meta: &FieldMeta,
        old: &FieldValue,
        new: &FieldValue,
        deployment: Deployment,
    ) {
        if old == new {
            return;
        }
        if meta.kind.is_multi() && meta.adds_and_removes() {
            let before = meta.element_json(old, deployment);
            let after = meta.element_json(new, deployment);
            let mut ops: Vec<Value> = Vec::new();
            ops.extend(
                before
                    .iter()
                    .filter(|v| !after.contains(v))
                    .map(|v| json!({ "remove": v })),
            );
            ops.extend(
                after
                    .iter()
                    .filter(|v| !before.contains(v))
                    .map(|v| json!({ "add": v })),
            );
            if !ops.is_empty() {
                self.push_ops(&meta.id, ops);
            }
            return;
        }
        self.set(meta, new, deployment);
    }

    /// Adds the elements of `value` to a multi-value field.
    pub fn add(&mut self, meta: &FieldMeta, value: &FieldValue, deployment: Deployment) {
        let ops = meta
            .element_json(value, deployment)
            .into_iter()
            .map(|v| json!({ "add": v }))
            .collect();
        self.push_ops(&meta.id, ops);
    }

    /// Removes the elements of `value` from a multi-value field.
    pub fn remove(&mut self, meta: &FieldMeta, value: &FieldValue, deployment: Deployment) {
        let ops = meta
            .element_json(value, deployment)
            .into_iter()
            .map(|v| json!({ "remove": v }))
            .collect();
        self.push_ops(&meta.id, ops);
    }

    fn push_ops(&mut self, id: &str, ops: Vec<Value>) {
        let entry = self
            .update
            .entry(id.to_string())
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(list) = entry {
            list.extend(ops);
        }
    }

    /// The request body.
    pub fn body(&self) -> Value {
        let mut body = Map::new();
        if !self.fields.is_empty() {
            body.insert("fields".into(), Value::Object(self.fields.clone()));
        }
        if !self.update.is_empty() {
            body.insert("update".into(), Value::Object(self.update.clone()));
        }
        Value::Object(body)
    }
}

/// A new issue: its project, type and field values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewIssue {
    /// Project key or id.
    pub project: String,
    /// Issue type id.
    pub issue_type: String,
    /// The other fields, by id, as JSON.
    pub fields: Map<String, Value>,
}

impl NewIssue {
    /// Sets a field.
    pub fn set(&mut self, meta: &FieldMeta, value: &FieldValue, deployment: Deployment) {
        if value.is_empty() {
            self.fields.remove(&meta.id);
        } else {
            self.fields
                .insert(meta.id.clone(), meta.to_json(value, deployment));
        }
    }

    /// The request body.
    pub fn body(&self) -> Value {
        let mut fields = self.fields.clone();
        let project = if self.project.chars().all(|c| c.is_ascii_digit()) {
            json!({ "id": self.project })
        } else {
            json!({ "key": self.project })
        };
        fields.insert("project".into(), project);
        fields.insert("issuetype".into(), json!({ "id": self.issue_type }));
        json!({ "fields": fields })
    }
}

/// Jira's refusal of some field values, by field, for showing each under its field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors {
    /// Messages about the whole request.
    pub messages: Vec<String>,
    /// Field id and message.
    pub fields: Vec<(String, String)>,
}

impl FieldErrors {
    /// The per-field errors of `error`, if it is Jira's refusal of field values.
    pub fn of(error: &JiraError) -> Option<FieldErrors> {
        match error {
            JiraError::FieldErrors { messages, fields } => Some(FieldErrors {
                messages: messages.clone(),
                fields: fields.clone(),
            }),
            _ => None,
        }
    }

    /// Jira's message about field `id`.
    pub fn for_field(&self, id: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(f, _)| f == id)
            .map(|(_, m)| m.as_str())
    }
}
