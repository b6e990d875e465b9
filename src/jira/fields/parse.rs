//! Reading editmeta and create metadata in each dialect Jira speaks: editmeta's `fields`
//! object, Cloud's and Data Center 9's paged create metadata (`fields` or `values` arrays,
//! `issueTypes` or `values`), and the older `createmeta?expand=projects.issuetypes.fields`.
//! One odd field never loses the form: entries that cannot be read are left out.

use super::calls::CreateIssueType;
use super::{Choice, FieldKind, FieldMeta, Operation, Schema};
use serde_json::{Map, Value};

/// Where a paged answer stands: whether more pages follow, and where the next one starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageInfo {
    /// This is the last page.
    pub is_last: bool,
    /// `startAt` of the next page.
    pub next_start: u64,
}

/// Reads `GET issue/{key}/editmeta`: the fields the caller may change on that issue, ordered
/// as the form shows them (required first, then summary and description, then by name).
pub fn parse_editmeta(body: &Value) -> Vec<FieldMeta> {
    let mut fields: Vec<FieldMeta> = body
        .get("fields")
        .and_then(Value::as_object)
        .map(|map| {
            map.iter()
                .filter_map(|(id, raw)| field(Some(id), raw))
                .collect()
        })
        .unwrap_or_default();
    sort_fields(&mut fields);
    fields
}

/// Reads one page of `createmeta/{project}/issuetypes/{id}` (Cloud `fields`, Data Center
/// `values`).
pub fn parse_create_fields(body: &Value) -> (Vec<FieldMeta>, PageInfo) {
    let list = body
        .get("fields")
        .or_else(|| body.get("values"))
        .and_then(Value::as_array);
    let fields: Vec<FieldMeta> = list
        .map(|a| a.iter().filter_map(|raw| field(None, raw)).collect())
        .unwrap_or_default();
    let info = page_info(body, list.map_or(0, Vec::len));
    (fields, info)
}

/// Reads one page of `createmeta/{project}/issuetypes` (Cloud `issueTypes`, Data Center
/// `values`).
pub fn parse_issue_types(body: &Value) -> (Vec<CreateIssueType>, PageInfo) {
    let list = body
        .get("issueTypes")
        .or_else(|| body.get("values"))
        .and_then(Value::as_array);
    let types = list
        .map(|a| a.iter().filter_map(issue_type).collect())
        .unwrap_or_default();
    let info = page_info(body, list.map_or(0, Vec::len));
    (types, info)
}

/// Reads the older `createmeta?projectKeys=P&expand=projects.issuetypes.fields`: the issue
/// types of project `project` (key or id), each with its fields.
pub fn parse_old_createmeta(body: &Value, project: &str) -> Vec<(CreateIssueType, Vec<FieldMeta>)> {
    let Some(projects) = body.get("projects").and_then(Value::as_array) else {
        return Vec::new();
    };
    let wanted = projects.iter().find(|p| {
        let key = p.get("key").and_then(Value::as_str).unwrap_or("");
        key.eq_ignore_ascii_case(project) || text(p, "id").as_deref() == Some(project)
    });
    let Some(types) = wanted
        .and_then(|p| p.get("issuetypes"))
        .and_then(Value::as_array)
    else {
        return Vec::new();
    };
    types
        .iter()
        .filter_map(|t| {
            let ty = issue_type(t)?;
            let mut fields: Vec<FieldMeta> = t
                .get("fields")
                .and_then(Value::as_object)
                .map(|m| {
                    m.iter()
                        .filter_map(|(id, raw)| field(Some(id), raw))
                        .collect()
                })
                .unwrap_or_default();
            sort_fields(&mut fields);
            Some((ty, fields))
        })
        .collect()
}

/// Required fields first, then summary, description, then the rest by name.
pub(crate) fn sort_fields(fields: &mut [FieldMeta]) {
    let rank = |f: &FieldMeta| match f.id.as_str() {
        "summary" => 0,
        "description" => 1,
        _ => 2,
    };
    fields.sort_by(|a, b| {
        b.required
            .cmp(&a.required)
            .then(rank(a).cmp(&rank(b)))
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
}

fn page_info(body: &Value, got: usize) -> PageInfo {
    let start = body.get("startAt").and_then(Value::as_u64).unwrap_or(0);
    let next_start = start + got as u64;
    let total = body.get("total").and_then(Value::as_u64);
    let is_last = match (body.get("isLast").and_then(Value::as_bool), total) {
        (Some(last), _) => last,
        (None, Some(total)) => next_start >= total,
        (None, None) => true,
    };
    // A page that brought nothing cannot lead anywhere: stop rather than ask again forever.
    PageInfo {
        is_last: is_last || got == 0,
        next_start,
    }
}

fn issue_type(raw: &Value) -> Option<CreateIssueType> {
    let id = text(raw, "id")?;
    let name = text(raw, "name").unwrap_or_else(|| id.clone());
    Some(CreateIssueType {
        id,
        name,
        subtask: raw.get("subtask").and_then(Value::as_bool).unwrap_or(false),
        description: text(raw, "description").unwrap_or_default(),
    })
}

fn text(raw: &Value, key: &str) -> Option<String> {
    match raw.get(key)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// One field; `id` is the map key in editmeta and old createmeta, `fieldId`/`key` otherwise.
fn field(id: Option<&String>, raw: &Value) -> Option<FieldMeta> {
    let obj = raw.as_object()?;
    let id = match id {
        Some(id) => id.clone(),
        None => text(raw, "fieldId").or_else(|| text(raw, "key"))?,
    };
    let schema = schema(obj.get("schema"));
    let allowed: Vec<Choice> = obj
        .get("allowedValues")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(choice).collect())
        .unwrap_or_default();
    let kind = FieldKind::of(&id, &schema, !allowed.is_empty());
    let operations = obj
        .get("operations")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|o| match o.as_str()? {
                    "set" => Some(Operation::Set),
                    "add" => Some(Operation::Add),
                    "remove" => Some(Operation::Remove),
                    "edit" => Some(Operation::Edit),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let name = text(raw, "name").unwrap_or_else(|| id.clone());
    Some(FieldMeta {
        name: crate::text::sanitize::sanitize_line(&name),
        id,
        required: obj
            .get("required")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        schema,
        kind,
        operations,
        allowed,
        autocomplete_url: text(raw, "autoCompleteUrl"),
        has_default: obj
            .get("hasDefaultValue")
            .and_then(Value::as_bool)
            .unwrap_or(false),
    })
}

fn schema(raw: Option<&Value>) -> Schema {
    let empty = Map::new();
    let obj = raw.and_then(Value::as_object).unwrap_or(&empty);
    let s = |k: &str| obj.get(k).and_then(Value::as_str).map(str::to_string);
    Schema {
        kind: s("type").unwrap_or_default(),
        items: s("items"),
        system: s("system"),
        custom: s("custom"),
    }
}

/// One allowed value: a bare string, an option (`value`), or a named thing (`name`), with a
/// cascading select's `children`.
pub(crate) fn choice(raw: &Value) -> Option<Choice> {
    match raw {
        Value::String(s) => Some(Choice {
            id: None,
            name: crate::text::sanitize::sanitize_line(s),
            by_value: true,
            ..Choice::default()
        }),
        Value::Object(o) => {
            let id = text(raw, "id");
            let (name, by_value) = match (text(raw, "name"), text(raw, "value")) {
                (_, Some(value)) => (value, true),
                (Some(name), None) => (name, false),
                (None, None) => (text(raw, "key").or_else(|| id.clone())?, false),
            };
            let flag = |k: &str| o.get(k).and_then(Value::as_bool).unwrap_or(false);
            Some(Choice {
                id,
                name: crate::text::sanitize::sanitize_line(&name),
                by_value,
                children: o
                    .get("children")
                    .and_then(Value::as_array)
                    .map(|a| a.iter().filter_map(choice).collect())
                    .unwrap_or_default(),
                disabled: flag("disabled") || flag("archived"),
            })
        }
        _ => None,
    }
}
