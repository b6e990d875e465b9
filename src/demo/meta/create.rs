//! `POST /rest/api/{v}/issue`: a new issue from its project, type and fields, with Jira's
//! errors for a missing project or type, a required field left out, a value refused, and the
//! sub-task rules (a sub-task needs a parent in its project that is not itself a sub-task).

use super::catalog::{self, Kind};
use super::edit::{read_changes, refused};
use super::values::{self, Ctx};
use crate::demo::dataset::types;
use crate::demo::extract::{Api, Signed};
use crate::demo::model::{ISSUE_ID_BASE, Issue};
use crate::demo::routes::{attempt, render_for};
use crate::demo::{Site, respond};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{Map, Value, json};
use std::sync::Arc;

fn one_error(field: &str, message: &str) -> Response {
    let mut errors = Map::new();
    errors.insert(field.into(), Value::String(message.into()));
    refused(errors)
}

fn text(v: Option<&Value>, key: &str) -> Option<String> {
    match v?.get(key)? {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// `POST /rest/api/{v}/issue`: 201 `{"id", "key", "self"}`.
pub async fn create(
    State(site): State<Arc<Site>>,
    api: Api<Signed>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let value = attempt!(respond::parse_json(&headers, &body));
    let d = &site.data;
    let fields = value.get("fields");
    let project = match (
        text(fields.and_then(|f| f.get("project")), "key"),
        text(fields.and_then(|f| f.get("project")), "id"),
    ) {
        (Some(key), _) => d
            .projects
            .iter()
            .position(|p| p.key.eq_ignore_ascii_case(&key)),
        (None, Some(id)) => d.projects.iter().position(|p| p.id.to_string() == id),
        (None, None) => return one_error("project", "Specify a valid project ID or key"),
    };
    let Some(project) = project else {
        return one_error("project", "Specify a valid project ID or key");
    };
    if d.users[api.user].viewer {
        return one_error(
            "project",
            "You do not have permission to create issues in this project.",
        );
    }
    let ty = fields.and_then(|f| f.get("issuetype"));
    let issue_type = match (text(ty, "id"), text(ty, "name")) {
        (Some(id), _) => d
            .issue_types
            .iter()
            .position(|t| t.named.id.to_string() == id),
        (None, Some(name)) => d
            .issue_types
            .iter()
            .position(|t| t.named.name.eq_ignore_ascii_case(&name)),
        (None, None) => return one_error("issuetype", "Specify an issue type"),
    };
    let Some(issue_type) = issue_type.map(|t| t as u8) else {
        return one_error("issuetype", "Specify a valid issue type");
    };
    let ctx = Ctx {
        site: &site,
        version: api.version,
        project,
    };
    let screen = catalog::screen(d, site.flavor, project, issue_type, true);
    // Project and type are read above; the rest are the screen's.
    let mut rest = value.clone();
    if let Some(Value::Object(f)) = rest.get_mut("fields") {
        f.remove("project");
        f.remove("issuetype");
        f.remove("reporter");
    }
    let empty = |def: &catalog::Def| {
        if values::is_multi(def) {
            json!([])
        } else {
            Value::Null
        }
    };
    let changes = match read_changes(&ctx, &screen, empty, &rest) {
        Ok(changes) => changes,
        Err(errors) => return refused(errors),
    };
    let project_key = d.projects[project].key.clone();
    let mut errors = Map::new();
    for def in &screen {
        let given = changes.iter().find(|(c, _)| c.id == def.id).map(|(_, v)| v);
        let missing = given.is_none_or(|v| v.is_null() || v == &json!([]));
        if catalog::required(def.id, &project_key, issue_type) && missing {
            let message = match def.kind {
                Kind::Summary => "You must specify a summary of the issue.".to_string(),
                Kind::Parent => {
                    "Issue type is a sub-task but parent issue key or id not specified.".to_string()
                }
                _ => format!("{} is required.", def.name),
            };
            errors.insert(def.id.into(), Value::String(message));
        }
    }
    let live = site.live();
    if let Some((_, parent)) = changes.iter().find(|(c, _)| c.kind == Kind::Parent)
        && let Some(p) = parent.as_u64()
    {
        let parent = live.issue(d, p as usize);
        let subtask = issue_type == types::SUBTASK;
        if subtask && parent.project as usize != project {
            errors.insert(
                "parent".into(),
                json!("The sub-task and its parent must be in the same project."),
            );
        } else if subtask && parent.issue_type == types::SUBTASK {
            errors.insert(
                "parent".into(),
                json!("A sub-task cannot be the parent of another sub-task."),
            );
        } else if !subtask && parent.issue_type != types::EPIC {
            errors.insert(
                "parent".into(),
                json!("Only an epic can be the parent of this issue type."),
            );
        }
    }
    if !errors.is_empty() {
        return refused(errors);
    }
    let now = chrono::Utc::now();
    let medium = d
        .priorities
        .iter()
        .position(|p| p.name == "Medium")
        .unwrap_or(0) as u8;
    let written: Result<(usize, u64), Response> = site.write(|live| {
        let number = live.next_number(d, project as u16);
        let index = live.count(d);
        let id = ISSUE_ID_BASE + index as u64;
        // New issues go to the bottom of the rank order (and of the backlog).
        let rank = (0..index).map(|i| live.issue(d, i).rank).max().unwrap_or(0)
            + crate::demo::agile::RANK_GAP;
        let issue = Issue {
            id,
            project: project as u16,
            number,
            issue_type,
            status: 0,
            priority: medium,
            resolution: None,
            summary: String::new(),
            description: None,
            assignee: None,
            reporter: api.user as u8,
            labels: Vec::new(),
            components: Vec::new(),
            created: now,
            updated: now,
            resolved: None,
            due: None,
            parent: None,
            links: Vec::new(),
            comments: Vec::new(),
            story_points: None,
            custom: Vec::new(),
            sprints: Vec::new(),
            rank,
        };
        let index = live.create(d, issue);
        for (def, kept) in &changes {
            values::apply(live, d, index, def, api.version, kept);
        }
        Ok((index, id))
    });
    let (index, id) = attempt!(written);
    let r = render_for(&site, api.version, api.user);
    respond::json_response(
        StatusCode::CREATED,
        &json!({
            "id": id.to_string(),
            "key": r.key(index as u32),
            "self": r.url(&format!("{}/issue/{id}", r.api())),
        }),
    )
}
