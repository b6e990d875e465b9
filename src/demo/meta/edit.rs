//! `PUT /rest/api/{v}/issue/{key}`: `fields` sets values, `update` applies `set`, `add` and
//! `remove` operations in order; every refused value is named in Jira's `errors` object and
//! nothing is changed then.

use super::catalog::{self, Def};
use super::values::{self, Ctx};
use crate::demo::extract::{Api, IssueReader, Params};
use crate::demo::routes::{attempt, find_issue, render_for};
use crate::demo::{Site, respond};
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{Map, Value};
use std::sync::Arc;

/// Jira's sentence for a field that is not on the screen.
pub(super) fn not_on_screen(id: &str) -> String {
    format!("Field '{id}' cannot be set. It is not on the appropriate screen, or unknown.")
}

/// The new kept value of `def` after the operations `ops`, starting from `start`.
fn operate(ctx: &Ctx<'_>, def: &Def, start: Value, ops: &Value) -> Result<Value, String> {
    let Some(ops) = ops.as_array() else {
        return Err(format!(
            "Field '{}': update takes a list of operations.",
            def.id
        ));
    };
    let mut value = start;
    for op in ops {
        let Some((name, operand)) = op.as_object().and_then(|o| o.iter().next()) else {
            return Err(format!(
                "Field '{}': an operation is an object like {{\"set\": …}}.",
                def.id
            ));
        };
        match (name.as_str(), values::is_multi(def)) {
            ("set", _) => value = values::whole(ctx, def, operand)?,
            ("add", true) | ("remove", true) => {
                let element = values::element(ctx, def, operand)?;
                let mut list = value.as_array().cloned().unwrap_or_default();
                if name == "add" {
                    if !list.contains(&element) {
                        list.push(element);
                    }
                } else {
                    list.retain(|v| *v != element);
                }
                value = Value::Array(list);
            }
            (other, _) => {
                let supported = if values::is_multi(def) {
                    "'set', 'add', 'remove'"
                } else {
                    "'set'"
                };
                return Err(format!(
                    "Field '{}' does not support operation '{other}' Supported operation(s) are: {supported}",
                    def.id
                ));
            }
        }
    }
    Ok(value)
}

/// Reads `fields` and `update` against the screen `screen`: the new kept value per field, or
/// Jira's errors by field.
pub(super) fn read_changes(
    ctx: &Ctx<'_>,
    screen: &[Def],
    current: impl Fn(&Def) -> Value,
    body: &Value,
) -> Result<Vec<(Def, Value)>, Map<String, Value>> {
    let mut errors = Map::new();
    let mut changes: Vec<(Def, Value)> = Vec::new();
    let find = |id: &str| screen.iter().find(|d| d.id == id).copied();
    if let Some(fields) = body.get("fields").and_then(Value::as_object) {
        for (id, v) in fields {
            let Some(def) = find(id) else {
                errors.insert(id.clone(), Value::String(not_on_screen(id)));
                continue;
            };
            match values::whole(ctx, &def, v) {
                Ok(kept) => changes.push((def, kept)),
                Err(e) => {
                    errors.insert(id.clone(), Value::String(e));
                }
            }
        }
    }
    if let Some(update) = body.get("update").and_then(Value::as_object) {
        for (id, ops) in update {
            let Some(def) = find(id) else {
                errors.insert(id.clone(), Value::String(not_on_screen(id)));
                continue;
            };
            let start = changes
                .iter()
                .find(|(d, _)| d.id == def.id)
                .map(|(_, v)| v.clone())
                .unwrap_or_else(|| current(&def));
            match operate(ctx, &def, start, ops) {
                Ok(kept) => {
                    changes.retain(|(d, _)| d.id != def.id);
                    changes.push((def, kept));
                }
                Err(e) => {
                    errors.insert(id.clone(), Value::String(e));
                }
            }
        }
    }
    for (def, value) in &changes {
        if def.kind == catalog::Kind::Summary && value.is_null() {
            errors.insert(
                def.id.into(),
                Value::String("You must specify a summary of the issue.".into()),
            );
        }
    }
    if errors.is_empty() {
        Ok(changes)
    } else {
        Err(errors)
    }
}

/// Jira's 400 with per-field errors.
pub(super) fn refused(errors: Map<String, Value>) -> Response {
    respond::json_response(
        StatusCode::BAD_REQUEST,
        &serde_json::json!({ "errorMessages": [], "errors": errors }),
    )
}

/// `PUT /rest/api/{v}/issue/{key}`: 204 (200 with the issue for `returnIssue=true`).
pub async fn edit(
    State(site): State<Arc<Site>>,
    api: Api<IssueReader>,
    Path((_, key)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let index = attempt!(find_issue(&site, &key));
    if site.data.users[api.user].viewer {
        return respond::error(
            StatusCode::FORBIDDEN,
            &["You do not have permission to edit issues in this project."],
        );
    }
    let value = attempt!(respond::parse_json(&headers, &body));
    let issue = site.live().issue(&site.data, index).clone();
    let ctx = Ctx {
        site: &site,
        version: api.version,
        project: issue.project as usize,
    };
    let screen = catalog::screen(
        &site.data,
        site.flavor,
        issue.project as usize,
        issue.issue_type,
        false,
    );
    let changes = match read_changes(
        &ctx,
        &screen,
        |d| values::current(&site.data, index, &issue, d),
        &value,
    ) {
        Ok(changes) => changes,
        Err(errors) => return refused(errors),
    };
    let written: Result<(), Response> = site.write(|live| {
        for (def, kept) in &changes {
            values::apply(live, &site.data, index, def, api.version, kept);
        }
        if !changes.is_empty() {
            live.issue_mut(&site.data, index).updated = chrono::Utc::now();
        }
        Ok(())
    });
    attempt!(written);
    let params = Params::parse(raw.as_deref());
    if params.get("returnIssue") == Some("true") {
        let r = render_for(&site, api.version, api.user);
        let fields = crate::demo::json::FieldSelection::parse(&[], "*all");
        return respond::ok(&r.issue(index, &fields, &[]));
    }
    respond::no_content()
}
