//! Field values as the demo keeps them: read from a request (Jira's JSON, per field kind,
//! with Jira's error messages), kept on the issue, and rendered back.

use super::catalog::{self, Def, Kind};
use crate::demo::json::Render;
use crate::demo::live::Live;
use crate::demo::model::{Dataset, Flavor, Issue};
use crate::demo::{ApiVersion, Site};
use serde_json::{Value, json};

/// Where a value is read: the site, the API version (rich text format) and the issue's project.
pub(super) struct Ctx<'a> {
    pub site: &'a Site,
    pub version: ApiVersion,
    pub project: usize,
}

/// Whether the field holds several values.
pub(super) fn is_multi(def: &Def) -> bool {
    matches!(
        def.kind,
        Kind::Labels | Kind::Components | Kind::Versions | Kind::Multi | Kind::Users | Kind::Tags
    )
}

fn text(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn by_id_or_name<T>(
    v: &Value,
    name_key: &str,
    what: &str,
    find_id: impl Fn(&str) -> Option<T>,
    find_name: impl Fn(&str) -> Option<T>,
) -> Result<T, String> {
    if let Some(id) = text(v, "id") {
        return find_id(&id).ok_or_else(|| format!("{what} id '{id}' is not valid"));
    }
    if let Some(name) = text(v, name_key) {
        return find_name(&name).ok_or_else(|| format!("{what} {name_key} '{name}' is not valid"));
    }
    Err(format!("Specify the {what} by 'id' or '{name_key}'"))
}

fn person(ctx: &Ctx<'_>, v: &Value, assignable: bool) -> Result<Value, String> {
    let d = &ctx.site.data;
    let (key, found) = match ctx.site.flavor {
        Flavor::Cloud => {
            let id = text(v, "accountId").unwrap_or_default();
            (id.clone(), d.users.iter().position(|u| u.account_id == id))
        }
        Flavor::Dc => {
            let name = text(v, "name")
                .or_else(|| text(v, "key"))
                .unwrap_or_default();
            (
                name.clone(),
                d.users
                    .iter()
                    .position(|u| u.name.eq_ignore_ascii_case(&name) || u.key == name),
            )
        }
    };
    match found {
        Some(u) if assignable && d.users[u].viewer => {
            Err(format!("User '{key}' cannot be assigned issues."))
        }
        Some(u) => Ok(json!({ "demo-user": u })),
        None => Err(format!("User '{key}' does not exist.")),
    }
}

fn option(def: &Def, v: &Value) -> Result<Value, String> {
    let o = by_id_or_name(
        v,
        "value",
        "Option",
        |id| def.options.iter().find(|o| o.id.to_string() == id),
        |value| def.options.iter().find(|o| o.value == value),
    )?;
    let mut out = json!({ "id": o.id.to_string(), "value": o.value });
    if def.kind == Kind::Cascade
        && let Some(child) = v.get("child").filter(|c| !c.is_null())
    {
        let parent = o.value;
        let c = by_id_or_name(
            child,
            "value",
            "Option",
            |id| o.children.iter().find(|(cid, _)| cid.to_string() == id),
            |value| o.children.iter().find(|(_, cv)| *cv == value),
        )
        .map_err(|e| format!("{e} for parent option '{parent}'"))?;
        out["child"] = json!({ "id": c.0.to_string(), "value": c.1 });
    }
    Ok(out)
}

/// One value (or one element of a multi-value field) as kept.
pub(super) fn element(ctx: &Ctx<'_>, def: &Def, v: &Value) -> Result<Value, String> {
    let d = &ctx.site.data;
    let project = ctx.project;
    match def.kind {
        Kind::Summary => match v.as_str().map(str::trim) {
            Some("") | None => Err("You must specify a summary of the issue.".into()),
            Some(s) if s.chars().count() > 255 => Err("Summary must be less than 255 characters.".into()),
            Some(s) => Ok(json!(s)),
        },
        Kind::Description => match (ctx.version, v) {
            (ApiVersion::V3, doc) if crate::demo::comments::is_adf_doc(doc) => Ok(doc.clone()),
            (ApiVersion::V3, _) => Err("Operation value must be an Atlassian Document (see the Atlassian Document Format).".into()),
            (ApiVersion::V2, Value::String(s)) => Ok(json!(s)),
            (ApiVersion::V2, _) => Err("Operation value must be a string".into()),
        },
        Kind::Points => v
            .as_f64()
            .filter(|n| n.is_finite())
            .map(|n| json!(n))
            .ok_or_else(|| "Operation value must be a number".to_string()),
        Kind::Due | Kind::Date => v
            .as_str()
            .filter(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok())
            .map(|s| json!(s))
            .ok_or_else(|| format!("Error parsing date string: {}", v.as_str().unwrap_or(&v.to_string()))),
        Kind::Priority => by_id_or_name(
            v,
            "name",
            "Priority",
            |id| d.priorities.iter().position(|p| p.id.to_string() == id),
            |name| d.priorities.iter().position(|p| p.name.eq_ignore_ascii_case(name)),
        )
        .map(|i| json!(i)),
        Kind::Assignee => person(ctx, v, true),
        Kind::User | Kind::Users => person(ctx, v, false),
        Kind::Labels | Kind::Tags => match v.as_str() {
            Some(s) if s.trim().is_empty() => Err("The label must not be empty.".into()),
            Some(s) if s.contains(char::is_whitespace) => {
                Err(format!("The label '{s}' contains spaces which is invalid."))
            }
            Some(s) if s.chars().count() > 255 => Err("The label must not be longer than 255 characters.".into()),
            Some(s) => Ok(json!(s)),
            None => Err("Labels are strings.".into()),
        },
        Kind::Components => {
            let components = d.projects.get(project).map(|p| p.components.as_slice()).unwrap_or(&[]);
            by_id_or_name(
                v,
                "name",
                "Component",
                |id| (0..components.len()).find(|&c| (10000 + project * 100 + c).to_string() == id),
                |name| components.iter().position(|c| c.eq_ignore_ascii_case(name)),
            )
            .map(|c| json!(c))
        }
        Kind::Versions => by_id_or_name(
            v,
            "name",
            "Version",
            |id| (0..catalog::VERSIONS.len()).find(|&n| catalog::version_id(project, n).to_string() == id),
            |name| catalog::VERSIONS.iter().position(|x| *x == name),
        )
        .map(|n| json!({ "id": catalog::version_id(project, n).to_string(), "name": catalog::VERSIONS[n] })),
        Kind::Select | Kind::Multi | Kind::Cascade => option(def, v),
        Kind::Parent => {
            let key = text(v, "key").or_else(|| text(v, "id")).unwrap_or_default();
            ctx.site
                .live()
                .find(d, &key)
                .map(|i| json!(i))
                .ok_or_else(|| "Could not find issue by id or key.".to_string())
        }
    }
}

/// A whole value as kept: `null` clears; a multi-value field takes an array.
pub(super) fn whole(ctx: &Ctx<'_>, def: &Def, v: &Value) -> Result<Value, String> {
    if v.is_null() {
        return Ok(if is_multi(def) {
            json!([])
        } else {
            Value::Null
        });
    }
    if is_multi(def) {
        let Some(items) = v.as_array() else {
            return Err(format!("Field '{}' takes a list of values.", def.id));
        };
        let mut out: Vec<Value> = Vec::new();
        for item in items {
            let e = element(ctx, def, item)?;
            if !out.contains(&e) {
                out.push(e);
            }
        }
        return Ok(Value::Array(out));
    }
    element(ctx, def, v)
}

/// What field `def` of issue `index` holds beyond the core fields: a written value, else the
/// value a generated issue derives, else empty.
pub fn kept(data: &Dataset, index: usize, issue: &Issue, def: &Def) -> Value {
    if let Some(v) = issue.custom(def.id) {
        return v.clone();
    }
    match super::seed::seeded(data, index, def) {
        Some(seed) => super::seed::kept(&seed, issue.project as usize),
        None if is_multi(def) => json!([]),
        None => Value::Null,
    }
}

/// The value of `def` on issue `index`, as kept.
pub(super) fn current(data: &Dataset, index: usize, issue: &Issue, def: &Def) -> Value {
    match def.kind {
        Kind::Summary => json!(issue.summary),
        Kind::Description => Value::Null,
        Kind::Points => issue.story_points.map_or(Value::Null, |p| json!(p)),
        Kind::Due => issue
            .due
            .map_or(Value::Null, |d| json!(d.format("%Y-%m-%d").to_string())),
        Kind::Priority => json!(issue.priority),
        Kind::Assignee => issue
            .assignee
            .map_or(Value::Null, |u| json!({ "demo-user": u })),
        Kind::Labels => json!(issue.labels),
        Kind::Components => json!(issue.components),
        Kind::Parent => issue.parent.map_or(Value::Null, |p| json!(p)),
        _ => kept(data, index, issue, def),
    }
}

/// Keeps `value` (as [`whole`] gave it) on issue `index`.
pub(super) fn apply(
    live: &mut Live,
    data: &Dataset,
    index: usize,
    def: &Def,
    version: ApiVersion,
    value: &Value,
) {
    let doc = match (def.kind, value) {
        (Kind::Description, Value::Null) => None,
        (Kind::Description, Value::String(wiki)) => {
            let paragraphs: Vec<Value> = wiki
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| json!({"type": "paragraph", "content": [{"type": "text", "text": l}]}))
                .collect();
            let doc = json!({"type": "doc", "version": 1, "content": paragraphs});
            Some(live.add_doc(data, doc, wiki.clone(), Some(wiki.clone())))
        }
        (Kind::Description, doc) => {
            let text = crate::text::adf::adf_to_plain(doc);
            let _ = version;
            Some(live.add_doc(data, doc.clone(), text, None))
        }
        _ => None,
    };
    let issue = live.issue_mut(data, index);
    let users = |v: &Value| v.get("demo-user").and_then(Value::as_u64).map(|u| u as u8);
    match def.kind {
        Kind::Summary => issue.summary = value.as_str().unwrap_or("").trim().to_string(),
        Kind::Description => issue.description = doc,
        Kind::Points => issue.story_points = value.as_f64(),
        Kind::Due => {
            issue.due = value
                .as_str()
                .and_then(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        }
        Kind::Priority => issue.priority = value.as_u64().unwrap_or(0) as u8,
        Kind::Assignee => issue.assignee = users(value),
        Kind::Labels => {
            issue.labels = value
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|l| l.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        }
        Kind::Components => {
            issue.components = value
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|c| c.as_u64().map(|c| c as u8))
                        .collect()
                })
                .unwrap_or_default()
        }
        Kind::Parent => issue.parent = value.as_u64().map(|p| p as u32),
        _ => issue.set_custom(def.id, value.clone()),
    }
}

/// A kept value as Jira renders it (`null` when unset).
pub fn render(r: &Render<'_>, project: usize, def: &Def, value: &Value) -> Value {
    match value {
        Value::Array(items) => {
            Value::Array(items.iter().map(|v| render(r, project, def, v)).collect())
        }
        Value::Object(o) if o.contains_key("demo-user") => o
            .get("demo-user")
            .and_then(Value::as_u64)
            .map_or(Value::Null, |u| r.user(u as usize)),
        Value::Object(o) if def.kind == Kind::Versions => {
            let name = o.get("name").and_then(Value::as_str).unwrap_or("");
            let n = catalog::VERSIONS
                .iter()
                .position(|v| *v == name)
                .unwrap_or(0);
            super::version_json(r, project, n, name)
        }
        Value::Object(o) => {
            let id: u64 = o
                .get("id")
                .and_then(Value::as_str)
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            let value = o.get("value").and_then(Value::as_str).unwrap_or("");
            let mut v = super::option_json(r, id, value);
            if let Some(child) = o.get("child") {
                let cid: u64 = child
                    .get("id")
                    .and_then(Value::as_str)
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(0);
                v["child"] = super::option_json(
                    r,
                    cid,
                    child.get("value").and_then(Value::as_str).unwrap_or(""),
                );
            }
            v
        }
        other => other.clone(),
    }
}

/// Field `id` of issue `index` rendered, for the custom fields and versions of the screens.
pub fn rendered(r: &Render<'_>, index: usize, id: &str) -> Option<Value> {
    let def = super::seed::def(id)?;
    let issue = r.issue_now(index);
    let value = kept(r.data, index, issue, &def);
    Some(render(r, issue.project as usize, &def, &value))
}
