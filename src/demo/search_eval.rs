//! The bridge between the demo dataset and the JQL evaluator: how an issue's fields read as
//! JQL values and what exists on the site. The autocomplete data is in `autocomplete.rs`.

use super::Site;
use super::jql_eval::{self, CustomFieldKind, Field, FieldValue, JqlContext, JqlRecord, UserRef};
use super::live::Live;
use super::model::Dataset;
use chrono::{DateTime, Utc};

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
            Field::Key | Field::Parent => self.site.live().find(d, value).is_some(),
            Field::Custom(id) if id == super::agile::sprint_field(self.site.flavor) => {
                d.agile.find_sprint(value).is_some()
            }
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
        let flavor = self.site.flavor;
        match name.trim().to_ascii_lowercase().as_str() {
            "sprint" => return Some(super::agile::sprint_field(flavor)),
            "rank" => return Some(super::agile::rank_field(flavor)),
            _ => {}
        }
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
            id if id == super::agile::sprint_field(self.site.flavor) => {
                Some(CustomFieldKind::Select)
            }
            id if id == super::agile::rank_field(self.site.flavor) => Some(CustomFieldKind::Number),
            _ => crate::demo::meta::jql::kind(id),
        }
    }

    fn function_values(&self, field: Field, name: &str) -> Option<Vec<String>> {
        use super::agile::SprintState::{Active, Closed, Future};
        if field != Field::Custom(super::agile::sprint_field(self.site.flavor)) {
            return None;
        }
        let agile = &self.site.data.agile;
        match name.to_ascii_lowercase().as_str() {
            "opensprints" => Some(agile.ids_in(&[Active, Future])),
            "closedsprints" => Some(agile.ids_in(&[Closed])),
            "futuresprints" => Some(agile.ids_in(&[Future])),
            _ => None,
        }
    }
}

/// One issue as the evaluator sees it.
struct Record<'a> {
    site: &'a Site,
    live: &'a Live,
    index: usize,
}

impl JqlRecord for Record<'_> {
    fn values(&self, field: Field) -> Vec<FieldValue<'_>> {
        let d = &self.site.data;
        let t = &self.site.jql;
        let issue = self.live.issue(d, self.index);
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
            let issue = self.live.issue(d, i);
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
                .and_then(|doc| {
                    t.doc_text
                        .get(doc as usize)
                        .map(String::as_str)
                        .or_else(|| self.live.text(d, doc))
                })
                .map(FieldValue::Text)
                .into_iter()
                .collect(),
            Field::Comment => issue
                .comments
                .iter()
                .filter_map(|c| {
                    t.doc_text
                        .get(c.body as usize)
                        .map(String::as_str)
                        .or_else(|| self.live.text(d, c.body))
                        .map(FieldValue::Text)
                })
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
            Field::Custom(id) if id == super::agile::sprint_field(self.site.flavor) => issue
                .sprints
                .iter()
                .filter_map(|&s| d.agile.sprints.get(s as usize).map(|sprint| (s, sprint)))
                .map(|(s, sprint)| FieldValue::Named {
                    id: &sprint.id_text,
                    key: None,
                    name: &sprint.name,
                    rank: i64::from(s),
                })
                .collect(),
            Field::Custom(id) if id == super::agile::rank_field(self.site.flavor) => {
                vec![FieldValue::Number(issue.rank as f64)]
            }
            Field::Custom(id) => crate::demo::meta::jql::values(d, self.index, issue, id),
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

/// The indices of the issues matching `jql` for `user` in `live`, the site's changes, in result
/// order.
pub fn evaluate(
    site: &Site,
    live: &Live,
    jql: &str,
    user: Option<usize>,
    lenient: bool,
) -> Result<Vec<u32>, String> {
    let query = compile(site, jql, user, lenient)?;
    let mut hits: Vec<u32> = (0..live.count(&site.data))
        .filter(|&i| {
            query.matches(&Record {
                site,
                live,
                index: i,
            })
        })
        .map(|i| i as u32)
        .collect();
    hits.sort_by(|&a, &b| {
        query.compare(
            &Record {
                site,
                live,
                index: a as usize,
            },
            &Record {
                site,
                live,
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

/// The operators JQL allows on `field` (a name or `cf[id]`), for the autocomplete data.
pub fn operator_names(site: &Site, field: &str) -> Vec<&'static str> {
    let ctx = Context {
        site,
        user: None,
        now: Utc::now(),
        lenient: false,
    };
    jql_eval::operator_names(field, &ctx)
}
