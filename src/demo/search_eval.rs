//! The bridge between the demo dataset and the JQL evaluator: how an issue's fields read as
//! JQL values, what exists on the site, and the autocomplete data built from the same facts.

use super::Site;
use super::jql_eval::{self, CustomFieldKind, Field, FieldValue, JqlContext, JqlRecord, UserRef};
use super::model::{Dataset, Flavor};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

/// Precomputed strings the evaluator borrows: ids as text and plain text of rich documents.
#[derive(Debug, Default)]
pub struct JqlTables {
    status_ids: Vec<String>,
    type_ids: Vec<String>,
    priority_ids: Vec<String>,
    resolution_ids: Vec<String>,
    project_ids: Vec<String>,
    /// Per project, per component: the component id.
    component_ids: Vec<Vec<String>>,
    /// Plain text of every document, for `~` searches.
    doc_text: Vec<String>,
}

impl JqlTables {
    /// Builds the tables for `data`.
    pub fn build(data: &Dataset) -> Self {
        let ids = |it: &mut dyn Iterator<Item = u64>| it.map(|id| id.to_string()).collect();
        JqlTables {
            status_ids: ids(&mut data.statuses.iter().map(|s| s.named.id)),
            type_ids: ids(&mut data.issue_types.iter().map(|t| t.named.id)),
            priority_ids: ids(&mut data.priorities.iter().map(|p| p.id)),
            resolution_ids: ids(&mut data.resolutions.iter().map(|r| r.id)),
            project_ids: ids(&mut data.projects.iter().map(|p| p.id)),
            component_ids: data
                .projects
                .iter()
                .enumerate()
                .map(|(p, project)| {
                    (0..project.components.len())
                        .map(|c| (10000 + p * 100 + c).to_string())
                        .collect()
                })
                .collect(),
            doc_text: data
                .docs
                .iter()
                .map(crate::text::adf::adf_to_plain)
                .collect(),
        }
    }
}

/// The site as the evaluator sees it, for one caller.
struct Context<'a> {
    site: &'a Site,
    user: Option<usize>,
    now: DateTime<Utc>,
    /// `validateQuery=false`: unknown values match nothing instead of failing the query.
    lenient: bool,
}

fn status_category_id(name: &str) -> Option<u64> {
    match name.to_ascii_lowercase().as_str() {
        "to do" | "new" | "2" => Some(2),
        "in progress" | "indeterminate" | "4" => Some(4),
        "done" | "complete" | "3" => Some(3),
        _ => None,
    }
}

impl JqlContext for Context<'_> {
    fn current_user(&self) -> Option<UserRef> {
        self.user
            .and_then(|u| self.site.data.users.get(u))
            .map(|u| UserRef {
                account_id: u.account_id.clone(),
            })
    }

    fn now(&self) -> DateTime<Utc> {
        self.now
    }

    fn value_exists(&self, field: Field, value: &str) -> bool {
        if self.lenient {
            return true;
        }
        let d = &self.site.data;
        let named =
            |id: u64, name: &str| name.eq_ignore_ascii_case(value) || id.to_string() == value;
        match field {
            Field::Project => d
                .projects
                .iter()
                .any(|p| named(p.id, &p.name) || p.key.eq_ignore_ascii_case(value)),
            Field::Status => d.statuses.iter().any(|s| named(s.named.id, &s.named.name)),
            Field::IssueType => d
                .issue_types
                .iter()
                .any(|t| named(t.named.id, &t.named.name)),
            Field::Priority => d.priorities.iter().any(|p| named(p.id, &p.name)),
            Field::Resolution => d.resolutions.iter().any(|r| named(r.id, &r.name)),
            Field::StatusCategory => status_category_id(value).is_some(),
            Field::Component => d
                .projects
                .iter()
                .any(|p| p.components.iter().any(|c| c.eq_ignore_ascii_case(value))),
            Field::Assignee | Field::Reporter => {
                d.find_user(value).is_some()
                    || d.users
                        .iter()
                        .any(|u| u.display_name.eq_ignore_ascii_case(value))
            }
            Field::Key | Field::Parent => d.find_issue(value).is_some(),
            _ => true,
        }
    }

    fn rank(&self, field: Field, value: &str) -> Option<i64> {
        let d = &self.site.data;
        let position = |names: Vec<(u64, &str)>| {
            names
                .iter()
                .position(|(id, name)| name.eq_ignore_ascii_case(value) || id.to_string() == value)
        };
        match field {
            Field::Priority => position(
                d.priorities
                    .iter()
                    .map(|p| (p.id, p.name.as_str()))
                    .collect(),
            )
            .map(|i| (d.priorities.len() - i) as i64),
            Field::Status => position(
                d.statuses
                    .iter()
                    .map(|s| (s.named.id, s.named.name.as_str()))
                    .collect(),
            )
            .map(|i| i as i64),
            Field::Resolution => position(
                d.resolutions
                    .iter()
                    .map(|r| (r.id, r.name.as_str()))
                    .collect(),
            )
            .map(|i| i as i64),
            _ => None,
        }
    }

    fn custom_field_id(&self, name: &str) -> Option<u64> {
        self.site
            .data
            .custom_fields
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(name))
            .map(|f| f.id)
    }

    fn custom_field_kind(&self, id: u64) -> Option<CustomFieldKind> {
        match id {
            10016 => Some(CustomFieldKind::Number),
            10021 => Some(CustomFieldKind::Select),
            _ => None,
        }
    }
}

/// One issue as the evaluator sees it.
struct Record<'a> {
    site: &'a Site,
    index: usize,
}

impl JqlRecord for Record<'_> {
    fn values(&self, field: Field) -> Vec<FieldValue<'_>> {
        let d = &self.site.data;
        let t = &self.site.jql;
        let issue = &d.issues[self.index];
        let user = |u: usize| {
            let u = &d.users[u];
            FieldValue::User {
                account_id: &u.account_id,
                name: Some(&u.name),
                key: Some(&u.key),
                email: Some(&u.email),
                display_name: &u.display_name,
            }
        };
        let key = |i: usize| {
            let issue = &d.issues[i];
            FieldValue::Key {
                project: &d.projects[issue.project as usize].key,
                number: u64::from(issue.number),
                id: issue.id,
            }
        };
        match field {
            Field::Project => {
                let p = &d.projects[issue.project as usize];
                vec![FieldValue::Named {
                    id: &t.project_ids[issue.project as usize],
                    key: Some(&p.key),
                    name: &p.name,
                    rank: i64::from(issue.project),
                }]
            }
            Field::Key => vec![key(self.index)],
            Field::IssueType => vec![FieldValue::Named {
                id: &t.type_ids[issue.issue_type as usize],
                key: None,
                name: &d.issue_types[issue.issue_type as usize].named.name,
                rank: i64::from(issue.issue_type),
            }],
            Field::Status => vec![FieldValue::Named {
                id: &t.status_ids[issue.status as usize],
                key: None,
                name: &d.statuses[issue.status as usize].named.name,
                rank: i64::from(issue.status),
            }],
            Field::StatusCategory => {
                let c = d.statuses[issue.status as usize].category;
                vec![FieldValue::Named {
                    id: match c.id() {
                        2 => "2",
                        4 => "4",
                        _ => "3",
                    },
                    key: Some(c.key()),
                    name: c.name(),
                    rank: c.id() as i64,
                }]
            }
            Field::Assignee => issue
                .assignee
                .map(|u| user(u as usize))
                .into_iter()
                .collect(),
            Field::Reporter => vec![user(issue.reporter as usize)],
            Field::Priority => vec![FieldValue::Named {
                id: &t.priority_ids[issue.priority as usize],
                key: None,
                name: &d.priorities[issue.priority as usize].name,
                rank: (d.priorities.len() - issue.priority as usize) as i64,
            }],
            Field::Resolution => issue
                .resolution
                .map(|r| FieldValue::Named {
                    id: &t.resolution_ids[r as usize],
                    key: None,
                    name: &d.resolutions[r as usize].name,
                    rank: i64::from(r),
                })
                .into_iter()
                .collect(),
            Field::Labels => issue.labels.iter().map(|l| FieldValue::Text(l)).collect(),
            Field::Component => issue
                .components
                .iter()
                .filter_map(|&c| {
                    let p = issue.project as usize;
                    Some(FieldValue::Named {
                        id: t.component_ids.get(p)?.get(c as usize)?,
                        key: None,
                        name: d.projects[p].components.get(c as usize)?,
                        rank: i64::from(c),
                    })
                })
                .collect(),
            Field::Summary => vec![FieldValue::Text(&issue.summary)],
            Field::Description => issue
                .description
                .and_then(|doc| t.doc_text.get(doc as usize))
                .map(|s| FieldValue::Text(s))
                .into_iter()
                .collect(),
            Field::Comment => issue
                .comments
                .iter()
                .filter_map(|c| t.doc_text.get(c.body as usize).map(|s| FieldValue::Text(s)))
                .collect(),
            Field::Text => Vec::new(),
            Field::Created => vec![FieldValue::DateTime(issue.created)],
            Field::Updated => vec![FieldValue::DateTime(issue.updated)],
            Field::DueDate => issue.due.map(FieldValue::Date).into_iter().collect(),
            Field::ResolutionDate => issue
                .resolved
                .map(FieldValue::DateTime)
                .into_iter()
                .collect(),
            Field::Parent => issue.parent.map(|p| key(p as usize)).into_iter().collect(),
            Field::Custom(10016) => issue
                .story_points
                .map(FieldValue::Number)
                .into_iter()
                .collect(),
            Field::Custom(_) => Vec::new(),
        }
    }
}

fn compile(
    site: &Site,
    jql: &str,
    user: Option<usize>,
    lenient: bool,
) -> Result<jql_eval::CompiledQuery, String> {
    let ctx = Context {
        site,
        user,
        now: Utc::now(),
        lenient,
    };
    jql_eval::compile_str(jql, &ctx).map_err(|e| e.message)
}

/// The indices of the issues matching `jql` for `user`, in result order.
pub fn evaluate(
    site: &Site,
    jql: &str,
    user: Option<usize>,
    lenient: bool,
) -> Result<Vec<u32>, String> {
    let query = compile(site, jql, user, lenient)?;
    let mut hits: Vec<u32> = (0..site.data.issues.len())
        .filter(|&i| query.matches(&Record { site, index: i }))
        .map(|i| i as u32)
        .collect();
    hits.sort_by(|&a, &b| {
        query.compare(
            &Record {
                site,
                index: a as usize,
            },
            &Record {
                site,
                index: b as usize,
            },
        )
    });
    Ok(hits)
}

/// Checks `jql` without running it.
pub fn validate(site: &Site, jql: &str, user: Option<usize>) -> Result<(), String> {
    compile(site, jql, user, false).map(|_| ())
}

/// Whether the query restricts the search (Cloud refuses queries that do not).
pub fn is_bounded(jql: &str) -> bool {
    match crate::jql::parse(jql) {
        Ok(query) => query.clause.is_some(),
        // Let the evaluator report the syntax error.
        Err(_) => true,
    }
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
pub fn autocomplete_data(site: &Site) -> Value {
    let ctx = Context {
        site,
        user: None,
        now: Utc::now(),
        lenient: false,
    };
    let mut fields: Vec<Value> = searchable_fields(site.flavor)
        .into_iter()
        .map(|(value, display, types, orderable)| {
            json!({
                "value": value,
                "displayName": display,
                "orderable": orderable.to_string(),
                "searchable": "true",
                "operators": jql_eval::operator_names(value, &ctx),
                "types": [types],
            })
        })
        .collect();
    for f in &site.data.custom_fields {
        let cfid = format!("cf[{}]", f.id);
        let types = if f.schema_type == "number" {
            "java.lang.Number"
        } else {
            "com.atlassian.jira.issue.customfields.option.Option"
        };
        fields.push(json!({
            "value": f.name,
            "displayName": format!("{} - {cfid}", f.name),
            "cfid": cfid,
            "auto": "true",
            "orderable": "true",
            "searchable": "true",
            "operators": jql_eval::operator_names(&cfid, &ctx),
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
pub fn suggestions(site: &Site, field: &str, prefix: &str) -> Value {
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
        "labels" => {
            let mut all: Vec<String> = d
                .issues
                .iter()
                .take(5000)
                .flat_map(|i| i.labels.iter().cloned())
                .collect();
            all.sort();
            all.dedup();
            all.into_iter().map(|l| (l.clone(), l)).collect()
        }
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
