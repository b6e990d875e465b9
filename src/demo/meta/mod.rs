//! Editing and creating issues on the demo site: `editmeta`, the create metadata in each
//! dialect (Cloud's and Data Center 9's paged `createmeta/{project}/issuetypes[/{id}]`, the
//! older `createmeta?expand=projects.issuetypes.fields`), `PUT issue/{key}` with `fields` and
//! `update`, and `POST issue`, with Jira's per-field errors.

pub mod catalog;
mod create;
mod edit;
pub mod jql;
pub mod seed;
pub mod values;

pub use create::create;
pub use edit::edit;

use super::extract::{Api, IssueReader, Params, Signed, not_found_message};
use super::json::Render;
use super::model::Flavor;
use super::routes::{attempt, find_issue, render_for};
use super::{ApiVersion, Site, respond};
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use catalog::{Def, Kind};
use serde_json::{Map, Value, json};
use std::sync::Arc;

/// What a field description is for: the issue's screen, or a new issue's.
pub(super) enum For<'a> {
    /// Editing issue `key`.
    Edit(&'a str),
    /// Creating in project `key`.
    Create(&'a str),
}

/// A field as editmeta and the create metadata describe it.
pub(super) fn field_json(
    r: &Render<'_>,
    def: &Def,
    project: usize,
    issue_type: u8,
    purpose: &For<'_>,
) -> Value {
    let d = r.data;
    let project_key = d.projects.get(project).map_or("", |p| p.key.as_str());
    let multi = matches!(
        def.kind,
        Kind::Labels | Kind::Components | Kind::Versions | Kind::Multi | Kind::Users | Kind::Tags
    );
    let (kind, items) = match def.kind {
        Kind::Summary | Kind::Description => ("string", None),
        Kind::Points => ("number", None),
        Kind::Due | Kind::Date => ("date", None),
        Kind::Priority => ("priority", None),
        Kind::Assignee | Kind::User => ("user", None),
        Kind::Labels | Kind::Tags => ("array", Some("string")),
        Kind::Components => ("array", Some("component")),
        Kind::Versions => ("array", Some("version")),
        Kind::Select => ("option", None),
        Kind::Multi => ("array", Some("option")),
        Kind::Cascade => ("option-with-child", None),
        Kind::Users => ("array", Some("user")),
        Kind::Parent => ("issuelink", None),
    };
    let mut schema = json!({ "type": kind });
    if let Some(items) = items {
        schema["items"] = json!(items);
    }
    match def.custom {
        Some(custom) => {
            schema["custom"] = json!(custom);
            let id: u64 = def
                .id
                .trim_start_matches("customfield_")
                .parse()
                .unwrap_or(0);
            schema["customId"] = json!(id);
        }
        None => schema["system"] = json!(def.id),
    }
    let operations: &[&str] = if multi {
        &["add", "set", "remove"]
    } else {
        &["set"]
    };
    let mut v = json!({
        "required": catalog::required(def.id, project_key, issue_type),
        "schema": schema,
        "name": def.name,
        "key": def.id,
        "operations": operations,
        "hasDefaultValue": false,
    });
    if let For::Create(_) = purpose {
        v["fieldId"] = json!(def.id);
    }
    let allowed: Option<Vec<Value>> = match def.kind {
        Kind::Priority => Some(
            d.priorities
                .iter()
                .map(|p| r.named("priority", p))
                .collect(),
        ),
        Kind::Components => d.projects.get(project).map(|p| {
            p.components
                .iter()
                .enumerate()
                .map(|(c, name)| r.component(project, c, name))
                .collect()
        }),
        Kind::Versions => Some(
            catalog::VERSIONS
                .iter()
                .enumerate()
                .map(|(n, name)| version_json(r, project, n, name))
                .collect(),
        ),
        Kind::Select | Kind::Multi | Kind::Cascade => Some(
            def.options
                .iter()
                .map(|o| {
                    let mut v = option_json(r, o.id, o.value);
                    if def.kind == Kind::Cascade {
                        v["children"] = Value::Array(
                            o.children
                                .iter()
                                .map(|&(id, value)| option_json(r, id, value))
                                .collect(),
                        );
                    }
                    v
                })
                .collect(),
        ),
        _ => None,
    };
    if let Some(allowed) = allowed {
        v["allowedValues"] = Value::Array(allowed);
    }
    let search = match r.flavor {
        Flavor::Cloud => "query",
        Flavor::Dc => "username",
    };
    let autocomplete = match (def.kind, purpose) {
        (Kind::Assignee, For::Edit(key)) => Some(format!(
            "{}/user/assignable/search?issueKey={key}&{search}=",
            r.api()
        )),
        (Kind::Assignee, For::Create(p)) => Some(format!(
            "{}/user/assignable/search?project={p}&{search}=",
            r.api()
        )),
        (Kind::User | Kind::Users, _) => Some(format!("{}/user/search?{search}=", r.api())),
        (Kind::Labels | Kind::Tags, _) => Some("/rest/api/1.0/labels/suggest?query=".to_string()),
        _ => None,
    };
    if let Some(path) = autocomplete {
        v["autoCompleteUrl"] = json!(r.url(&path));
    }
    v
}

/// A select option as Jira sends it.
pub(super) fn option_json(r: &Render<'_>, id: u64, value: &str) -> Value {
    json!({
        "self": r.url(&format!("{}/customFieldOption/{id}", r.api())),
        "value": value,
        "id": id.to_string(),
        "disabled": false,
    })
}

/// A version as Jira sends it.
pub(super) fn version_json(r: &Render<'_>, project: usize, n: usize, name: &str) -> Value {
    let id = catalog::version_id(project, n);
    json!({
        "self": r.url(&format!("{}/version/{id}", r.api())),
        "id": id.to_string(),
        "name": name,
        "archived": false,
        "released": n == 0,
        "projectId": r.data.projects.get(project).map_or(0, |p| p.id),
    })
}

/// `GET /rest/api/{v}/issue/{key}/editmeta`: the fields the caller may change (none for a
/// viewer, who may not edit).
pub async fn editmeta(
    State(site): State<Arc<Site>>,
    api: Api<IssueReader>,
    Path((_, key)): Path<(String, String)>,
) -> Response {
    let index = attempt!(find_issue(&site, &key));
    let r = render_for(&site, api.version, api.user);
    let mut fields = Map::new();
    if !site.data.users[api.user].viewer {
        let issue = r.issue_now(index);
        let key = r.key(index as u32);
        for def in catalog::screen(
            &site.data,
            site.flavor,
            issue.project as usize,
            issue.issue_type,
            false,
        ) {
            let v = field_json(
                &r,
                &def,
                issue.project as usize,
                issue.issue_type,
                &For::Edit(&key),
            );
            fields.insert(def.id.to_string(), v);
        }
    }
    respond::ok(&json!({ "fields": fields }))
}

fn project_named(site: &Site, key: &str) -> Result<usize, Response> {
    site.data
        .projects
        .iter()
        .position(|p| p.key.eq_ignore_ascii_case(key) || p.id.to_string() == key)
        .ok_or_else(|| not_found_message(&format!("No project could be found with key '{key}'.")))
}

fn issue_type_json(r: &Render<'_>, t: u8) -> Value {
    let mut v = r.issue_type(t);
    if let Value::Object(map) = &mut v {
        map.remove("avatarId");
    }
    v
}

/// A page of `items` in the dialect of the flavour: Cloud names the list (`issueTypes`,
/// `fields`), Data Center calls it `values` and says `isLast`.
fn page(
    site: &Site,
    params: &Params,
    cloud_name: &str,
    items: Vec<Value>,
) -> Result<Value, Response> {
    let start = params.number("startAt", 0)?;
    let max = params.number("maxResults", 50)?.clamp(1, 200);
    let total = items.len();
    let shown: Vec<Value> = items.into_iter().skip(start).take(max).collect();
    let is_last = start + shown.len() >= total;
    Ok(match site.flavor {
        Flavor::Cloud => {
            json!({ "maxResults": max, "startAt": start, "total": total, cloud_name: shown })
        }
        Flavor::Dc => {
            json!({ "maxResults": max, "startAt": start, "total": total, "isLast": is_last, "values": shown })
        }
    })
}

/// `GET /rest/api/{v}/issue/createmeta/{project}/issuetypes`.
pub async fn create_types(
    State(site): State<Arc<Site>>,
    api: Api<Signed>,
    Path((_, project)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = attempt!(project_named(&site, &project));
    let params = Params::parse(raw.as_deref());
    let r = render_for(&site, api.version, api.user);
    let types: Vec<Value> = if site.data.users[api.user].viewer {
        Vec::new()
    } else {
        (0..site.data.issue_types.len() as u8)
            .map(|t| issue_type_json(&r, t))
            .collect()
    };
    let _ = p;
    respond::ok(&attempt!(page(&site, &params, "issueTypes", types)))
}

/// `GET /rest/api/{v}/issue/createmeta/{project}/issuetypes/{id}`.
pub async fn create_fields(
    State(site): State<Arc<Site>>,
    api: Api<Signed>,
    Path((_, project, type_id)): Path<(String, String, String)>,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = attempt!(project_named(&site, &project));
    let params = Params::parse(raw.as_deref());
    let Some(t) = site
        .data
        .issue_types
        .iter()
        .position(|t| t.named.id.to_string() == type_id)
    else {
        return not_found_message(&format!(
            "The issue type with id '{type_id}' does not exist."
        ));
    };
    let r = render_for(&site, api.version, api.user);
    let key = site.data.projects[p].key.clone();
    let fields: Vec<Value> = catalog::screen(&site.data, site.flavor, p, t as u8, true)
        .iter()
        .map(|def| field_json(&r, def, p, t as u8, &For::Create(&key)))
        .collect();
    respond::ok(&attempt!(page(&site, &params, "fields", fields)))
}

/// `GET /rest/api/{v}/issue/createmeta?projectKeys=…&expand=projects.issuetypes.fields`: the
/// older form, every project and type in one answer (fields only when expanded).
pub async fn old_createmeta(
    State(site): State<Arc<Site>>,
    api: Api<Signed>,
    RawQuery(raw): RawQuery,
) -> Response {
    let params = Params::parse(raw.as_deref());
    let keys = params.list("projectKeys");
    let ids = params.list("projectIds");
    let type_ids = params.list("issuetypeIds");
    let type_names = params.list("issuetypeNames");
    let expanded = params
        .list("expand")
        .iter()
        .any(|e| e == "projects.issuetypes.fields");
    let r = render_for(&site, api.version, api.user);
    let viewer = site.data.users[api.user].viewer;
    let projects: Vec<Value> = site
        .data
        .projects
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            (keys.is_empty() && ids.is_empty())
                || keys.iter().any(|k| k.eq_ignore_ascii_case(&p.key))
                || ids.iter().any(|i| *i == p.id.to_string())
        })
        .filter(|_| !viewer)
        .map(|(pi, p)| {
            let types: Vec<Value> = (0..site.data.issue_types.len() as u8)
                .filter(|&t| {
                    let ty = &site.data.issue_types[t as usize].named;
                    (type_ids.is_empty() && type_names.is_empty())
                        || type_ids.iter().any(|i| *i == ty.id.to_string())
                        || type_names.iter().any(|n| n.eq_ignore_ascii_case(&ty.name))
                })
                .map(|t| {
                    let mut v = issue_type_json(&r, t);
                    if expanded {
                        let fields: Map<String, Value> =
                            catalog::screen(&site.data, site.flavor, pi, t, true)
                                .iter()
                                .map(|def| {
                                    (
                                        def.id.to_string(),
                                        field_json(&r, def, pi, t, &For::Create(&p.key)),
                                    )
                                })
                                .collect();
                        v["fields"] = Value::Object(fields);
                    }
                    v
                })
                .collect();
            let mut v = r.project_ref(pi);
            v["issuetypes"] = Value::Array(types);
            v
        })
        .collect();
    let _ = ApiVersion::V2;
    respond::ok(&json!({ "expand": "projects", "projects": projects }))
}
