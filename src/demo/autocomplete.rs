//! JQL autocomplete: `jql/autocompletedata` (fields, operators, functions, reserved words)
//! and value suggestions, built from the dataset and the evaluator's operator table.

use super::Site;
use super::extract::{Api, Params};
use super::model::Flavor;
use super::respond;
use super::search_eval::operator_names;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use serde_json::{Value, json};
use std::sync::Arc;

/// `GET /rest/api/{v}/jql/autocompletedata`.
pub async fn autocomplete_data(State(site): State<Arc<Site>>, _api: Api) -> Response {
    respond::ok(&autocomplete_json(&site))
}

/// `GET /rest/api/{v}/jql/autocompletedata/suggestions?fieldName=&fieldValue=`.
pub async fn suggestions(
    State(site): State<Arc<Site>>,
    _api: Api,
    RawQuery(query): RawQuery,
) -> Response {
    let p = Params::parse(query.as_deref());
    let field = p.get("fieldName").unwrap_or("");
    let value = p.get("fieldValue").unwrap_or("");
    respond::ok(&suggestions_json(&site, field, value))
}

/// Field names for autocomplete: (JQL name, display name, Java types).
fn searchable_fields(flavor: Flavor) -> Vec<(&'static str, &'static str, &'static str, bool)> {
    let _ = flavor;
    vec![
        (
            "project",
            "project",
            "com.atlassian.jira.project.Project",
            true,
        ),
        ("key", "key", "com.atlassian.jira.issue.Issue", true),
        (
            "issuetype",
            "issuetype",
            "com.atlassian.jira.issue.issuetype.IssueType",
            true,
        ),
        (
            "status",
            "status",
            "com.atlassian.jira.issue.status.Status",
            true,
        ),
        (
            "statusCategory",
            "statusCategory",
            "com.atlassian.jira.issue.status.category.StatusCategory",
            false,
        ),
        (
            "assignee",
            "assignee",
            "com.atlassian.jira.user.ApplicationUser",
            true,
        ),
        (
            "reporter",
            "reporter",
            "com.atlassian.jira.user.ApplicationUser",
            true,
        ),
        (
            "priority",
            "priority",
            "com.atlassian.jira.issue.priority.Priority",
            true,
        ),
        (
            "resolution",
            "resolution",
            "com.atlassian.jira.issue.resolution.Resolution",
            true,
        ),
        (
            "labels",
            "labels",
            "com.atlassian.jira.issue.label.Label",
            true,
        ),
        (
            "component",
            "component",
            "com.atlassian.jira.bc.project.component.ProjectComponent",
            true,
        ),
        ("summary", "summary", "java.lang.String", true),
        ("description", "description", "java.lang.String", true),
        ("comment", "comment", "java.lang.String", false),
        ("text", "text", "java.lang.String", false),
        ("created", "created", "java.util.Date", true),
        ("updated", "updated", "java.util.Date", true),
        ("duedate", "duedate", "java.util.Date", true),
        ("resolutiondate", "resolutiondate", "java.util.Date", true),
        ("parent", "parent", "com.atlassian.jira.issue.Issue", false),
    ]
}

/// `jql/autocompletedata` in Jira's shape.
fn autocomplete_json(site: &Site) -> Value {
    let mut fields: Vec<Value> = searchable_fields(site.flavor)
        .into_iter()
        .map(|(value, display, types, orderable)| {
            json!({
                "value": value,
                "displayName": display,
                "orderable": orderable.to_string(),
                "searchable": "true",
                "operators": operator_names(site, value),
                "types": [types],
            })
        })
        .collect();
    for f in &site.data.custom_fields {
        let cfid = format!("cf[{}]", f.id);
        let types = match (f.schema_type.as_str(), f.custom_type.rsplit(':').next()) {
            ("number", _) => "java.lang.Number",
            ("user", _) | (_, Some("multiuserpicker")) => "com.atlassian.jira.user.ApplicationUser",
            ("date", _) => "java.util.Date",
            (_, Some("labels")) => "com.atlassian.jira.issue.label.Label",
            _ => "com.atlassian.jira.issue.customfields.option.Option",
        };
        fields.push(json!({
            "value": f.name,
            "displayName": format!("{} - {cfid}", f.name),
            "cfid": cfid,
            "auto": "true",
            "orderable": "true",
            "searchable": "true",
            "operators": operator_names(site, &cfid),
            "types": [types],
        }));
    }
    let function = |name: &str, list: bool, types: &str| {
        let mut v = json!({"value": name, "displayName": name, "types": [types]});
        if list {
            v["isList"] = json!("true");
        }
        v
    };
    let date = "java.util.Date";
    json!({
        "visibleFieldNames": fields,
        "visibleFunctionNames": [
            function("currentUser()", false, "com.atlassian.jira.user.ApplicationUser"),
            function("now()", false, date),
            function("startOfDay()", false, date),
            function("endOfDay()", false, date),
            function("startOfWeek()", false, date),
            function("endOfWeek()", false, date),
            function("startOfMonth()", false, date),
            function("endOfMonth()", false, date),
        ],
        "jqlReservedWords": ["and", "or", "not", "empty", "null", "order", "by", "asc", "desc", "in", "is", "was", "changed", "on", "before", "after", "during", "from", "to"],
    })
}

/// `jql/autocompletedata/suggestions` for `field` starting with (or containing) `prefix`.
fn suggestions_json(site: &Site, field: &str, prefix: &str) -> Value {
    let d = &site.data;
    let candidates: Vec<(String, String)> = match field.to_ascii_lowercase().as_str() {
        "project" => d
            .projects
            .iter()
            .map(|p| (p.key.clone(), format!("{} ({})", p.name, p.key)))
            .collect(),
        "status" => d
            .statuses
            .iter()
            .map(|s| (s.named.name.clone(), s.named.name.clone()))
            .collect(),
        "statuscategory" => ["To Do", "In Progress", "Done"]
            .iter()
            .map(|s| (s.to_string(), s.to_string()))
            .collect(),
        "issuetype" | "type" => d
            .issue_types
            .iter()
            .map(|t| (t.named.name.clone(), t.named.name.clone()))
            .collect(),
        "priority" => d
            .priorities
            .iter()
            .map(|p| (p.name.clone(), p.name.clone()))
            .collect(),
        "resolution" => std::iter::once(("Unresolved".to_string(), "Unresolved".to_string()))
            .chain(
                d.resolutions
                    .iter()
                    .map(|r| (r.name.clone(), r.name.clone())),
            )
            .collect(),
        "assignee" | "reporter" => d
            .users
            .iter()
            .map(|u| match site.flavor {
                Flavor::Cloud => (u.account_id.clone(), u.display_name.clone()),
                Flavor::Dc => (
                    u.name.clone(),
                    format!("{} - {} ({})", u.display_name, u.email, u.name),
                ),
            })
            .collect(),
        "component" => {
            let mut all: Vec<(String, String)> = d
                .projects
                .iter()
                .flat_map(|p| p.components.iter().map(|c| (c.clone(), c.clone())))
                .collect();
            all.sort();
            all.dedup();
            all
        }
        "labels" => super::labels::all_labels(site)
            .into_iter()
            .map(|l| (l.clone(), l))
            .collect(),
        _ => Vec::new(),
    };
    let needle = prefix.trim().trim_matches('"').to_lowercase();
    let results: Vec<Value> = candidates
        .into_iter()
        .filter_map(|(value, display)| {
            let lower = display.to_lowercase();
            let at = if needle.is_empty() {
                Some(0)
            } else {
                lower
                    .find(&needle)
                    .or_else(|| value.to_lowercase().find(&needle).map(|_| usize::MAX))
            }?;
            let shown = if at == usize::MAX || needle.is_empty() {
                html_escape(&display)
            } else {
                // Bold the matched part, as Jira does.
                let end = at + needle.len();
                if display.is_char_boundary(at)
                    && display.is_char_boundary(end)
                    && display[at..end].to_lowercase() == needle
                {
                    format!(
                        "{}<b>{}</b>{}",
                        html_escape(&display[..at]),
                        html_escape(&display[at..end]),
                        html_escape(&display[end..])
                    )
                } else {
                    html_escape(&display)
                }
            };
            Some(json!({"value": value, "displayName": shown}))
        })
        .take(15)
        .collect();
    json!({"results": results})
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
