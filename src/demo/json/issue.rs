//! Issues, their fields and comments, and filters, as Jira renders them.

use super::{EMBEDDED_COMMENTS, FieldSelection, Render, date, field_defs, timestamp, urlencode};
use crate::demo::model::*;
use crate::text::adf;
use serde_json::{Map, Value, json};

impl Render<'_> {
    /// One comment.
    pub fn comment(&self, issue: &Issue, c: &Comment) -> Value {
        let mut v = json!({
            "self": self.url(&format!("{}/issue/{}/comment/{}", self.api(), issue.id, c.id)),
            "id": c.id.to_string(),
            "author": self.user(c.author as usize),
            "body": self.body(c.body),
            "updateAuthor": self.user(c.author as usize),
            "created": timestamp(c.created),
            "updated": timestamp(c.created),
        });
        if let Some(edit) = self.live.edit(c.id) {
            v["updateAuthor"] = self.user(edit.author as usize);
            v["updated"] = json!(timestamp(edit.updated));
        }
        if let Some(visibility) = self.live.visibility(c.id) {
            v["visibility"] = json!({"type": visibility.kind, "value": visibility.value});
        }
        if self.flavor == Flavor::Cloud {
            v["jsdPublic"] = json!(true);
        }
        v
    }

    /// The `watches` field: how many watch the issue, and whether the caller does.
    pub fn watches(&self, index: usize) -> Value {
        let watchers = self.live.watchers(self.data, index);
        json!({
            "self": self.url(&format!("{}/issue/{}/watchers", self.api(), self.key(index as u32))),
            "watchCount": watchers.len(),
            "isWatching": self.viewer.is_some_and(|v| watchers.contains(&v)),
        })
    }

    /// A page of comments, as `issue/{key}/comment` and the `comment` field give it.
    pub fn comment_page(
        &self,
        index: usize,
        start_at: usize,
        max_results: usize,
        newest_first: bool,
    ) -> Value {
        let issue = self.issue_now(index);
        let total = issue.comments.len();
        let ordered: Box<dyn Iterator<Item = &Comment>> = if newest_first {
            Box::new(issue.comments.iter().rev())
        } else {
            Box::new(issue.comments.iter())
        };
        let comments: Vec<Value> = ordered
            .skip(start_at)
            .take(max_results)
            .map(|c| self.comment(issue, c))
            .collect();
        json!({
            "comments": comments,
            "self": self.url(&format!("{}/issue/{}/comment", self.api(), issue.id)),
            "maxResults": max_results,
            "total": total,
            "startAt": start_at,
        })
    }

    /// The value of one field of an issue, or `None` for a field that does not exist.
    pub fn field(&self, index: usize, field: &str) -> Option<Value> {
        let issue = self.issue_now(index);
        let d = self.data;
        let user = |u: Option<u8>| u.map_or(Value::Null, |u| self.user(u as usize));
        Some(match field {
            "summary" => json!(issue.summary),
            "status" => self.status(issue.status),
            "issuetype" => self.issue_type(issue.issue_type),
            "priority" => self.named("priority", &d.priorities[issue.priority as usize]),
            "resolution" => issue.resolution.map_or(Value::Null, |r| {
                let r = &d.resolutions[r as usize];
                json!({
                    "self": self.url(&format!("{}/resolution/{}", self.api(), r.id)),
                    "id": r.id.to_string(),
                    "description": r.description,
                    "name": r.name,
                })
            }),
            "assignee" => user(issue.assignee),
            "reporter" => user(Some(issue.reporter)),
            "creator" => user(Some(issue.reporter)),
            "project" => self.project_ref(issue.project as usize),
            "labels" => json!(issue.labels),
            "components" => Value::Array(
                issue
                    .components
                    .iter()
                    .filter_map(|&c| {
                        let p = issue.project as usize;
                        d.projects[p]
                            .components
                            .get(c as usize)
                            .map(|name| self.component(p, c as usize, name))
                    })
                    .collect(),
            ),
            "created" => json!(timestamp(issue.created)),
            "updated" => json!(timestamp(issue.updated)),
            "lastViewed" => Value::Null,
            "statuscategorychangedate" => json!(timestamp(issue.resolved.unwrap_or(issue.updated))),
            "resolutiondate" => issue.resolved.map_or(Value::Null, |t| json!(timestamp(t))),
            "duedate" => issue.due.map_or(Value::Null, |t| json!(date(t))),
            "description" => issue.description.map_or(Value::Null, |doc| self.body(doc)),
            "environment" => Value::Null,
            "comment" => self.comment_page(index, 0, EMBEDDED_COMMENTS, false),
            "issuelinks" => self.links(index as u32),
            "subtasks" => Value::Array(
                self.index
                    .subtasks
                    .get(&(index as u32))
                    .map(Vec::as_slice)
                    .unwrap_or(&[])
                    .iter()
                    .copied()
                    // Sub-tasks created through the API follow the dataset's.
                    .chain(
                        (d.issues.len()..self.live.count(d))
                            .map(|i| i as u32)
                            .filter(|&i| self.issue_now(i as usize).parent == Some(index as u32)),
                    )
                    .map(|s| self.issue_ref(s))
                    .collect(),
            ),
            "parent" => match (issue.parent, self.flavor) {
                (Some(p), Flavor::Cloud) => self.issue_ref(p),
                (Some(p), Flavor::Dc) if d.issue_types[issue.issue_type as usize].is_subtask() => {
                    self.issue_ref(p)
                }
                _ => {
                    return if self.flavor == Flavor::Cloud {
                        Some(Value::Null)
                    } else {
                        None
                    };
                }
            },
            "attachment" => json!([]),
            "fixVersions" => crate::demo::meta::values::rendered(self, index, "fixVersions")?,
            "versions" => json!([]),
            "watches" => self.watches(index),
            "votes" => json!({
                "self": self.url(&format!("{}/issue/{}/votes", self.api(), self.key(index as u32))),
                "votes": 0,
                "hasVoted": false,
            }),
            "timetracking" => json!({}),
            "worklog" => json!({"startAt": 0, "maxResults": 20, "total": 0, "worklogs": []}),
            "customfield_10016" => issue.story_points.map_or(Value::Null, |p| json!(p)),
            "customfield_10021" => match crate::demo::agile::flagged(issue) {
                true => {
                    json!([{"self": self.url("/rest/api/2/customFieldOption/10019"), "value": "Impediment", "id": "10019"}])
                }
                false => Value::Null,
            },
            f if f
                == format!(
                    "customfield_{}",
                    crate::demo::agile::sprint_field(self.flavor)
                ) =>
            {
                crate::demo::agile::sprint_value(d, self.flavor, &issue.sprints)
            }
            f if f
                == format!(
                    "customfield_{}",
                    crate::demo::agile::rank_field(self.flavor)
                ) =>
            {
                crate::demo::agile::rank_value(issue.rank)
            }
            id if id.starts_with("customfield_100")
                && id.len() == 17
                && id > "customfield_10029" =>
            {
                crate::demo::meta::values::rendered(self, index, id)?
            }
            "customfield_10014" if self.flavor == Flavor::Dc => match issue.parent {
                Some(p) if !d.issue_types[issue.issue_type as usize].is_subtask() => {
                    json!(self.key(p))
                }
                _ => Value::Null,
            },
            _ => return None,
        })
    }

    /// An issue with the selected fields, and `names`/`renderedFields` when expanded.
    pub fn issue(&self, index: usize, fields: &FieldSelection, expand: &[String]) -> Value {
        let issue = self.issue_now(index);
        let mut out = Map::new();
        out.insert(
            "expand".into(),
            json!(
                "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations"
            ),
        );
        out.insert("id".into(), json!(issue.id.to_string()));
        out.insert(
            "self".into(),
            json!(self.url(&format!("{}/issue/{}", self.api(), issue.id))),
        );
        out.insert("key".into(), json!(self.key(index as u32)));
        let mut values = Map::new();
        for def in field_defs(self.flavor) {
            if fields.wants(def.id)
                && let Some(v) = self.field(index, def.id)
            {
                values.insert(def.id.to_string(), v);
            }
        }
        let selected: Vec<&str> = values.keys().map(String::as_str).collect();
        if expand.iter().any(|e| e == "names") {
            let names: Map<String, Value> = field_defs(self.flavor)
                .iter()
                .filter(|d| selected.contains(&d.id))
                .map(|d| (d.id.to_string(), json!(d.name)))
                .collect();
            out.insert("names".into(), Value::Object(names));
        }
        if expand.iter().any(|e| e == "renderedFields") {
            let mut rendered = Map::new();
            for &field in &selected {
                let v = match field {
                    "description" => issue
                        .description
                        .and_then(|d| self.doc(d))
                        .map_or(Value::Null, |doc| json!(adf::adf_to_html(doc))),
                    "comment" => {
                        let comments: Vec<Value> = issue
                            .comments
                            .iter()
                            .take(EMBEDDED_COMMENTS)
                            .map(|c| {
                                let mut v = self.comment(issue, c);
                                v["body"] = self
                                    .doc(c.body)
                                    .map_or(Value::Null, |doc| json!(adf::adf_to_html(doc)));
                                v
                            })
                            .collect();
                        json!({"comments": comments, "maxResults": EMBEDDED_COMMENTS, "total": issue.comments.len(), "startAt": 0})
                    }
                    "created" | "updated" | "resolutiondate" | "duedate" => values
                        .get(field)
                        .and_then(Value::as_str)
                        .map_or(Value::Null, |s| json!(s)),
                    _ => Value::Null,
                };
                rendered.insert(field.to_string(), v);
            }
            out.insert("renderedFields".into(), Value::Object(rendered));
        }
        out.insert("fields".into(), Value::Object(values));
        Value::Object(out)
    }

    /// The short issue form of Cloud's `search/jql` when no fields are asked for.
    pub fn issue_id_only(&self, index: usize) -> Value {
        json!({"id": self.issue_now(index).id.to_string()})
    }

    /// A filter.
    pub fn filter(&self, f: &Filter) -> Value {
        let jql_q = urlencode(&f.jql);
        let search = match self.flavor {
            Flavor::Cloud => format!("{}/search/jql?jql={jql_q}", self.api()),
            Flavor::Dc => format!("/rest/api/2/search?jql={jql_q}"),
        };
        json!({
            "self": self.url(&format!("{}/filter/{}", self.api(), f.id)),
            "id": f.id.to_string(),
            "name": f.name,
            "description": f.description,
            "owner": self.user(f.owner),
            "jql": f.jql,
            "viewUrl": self.url(&format!("/issues/?filter={}", f.id)),
            "searchUrl": self.url(&search),
            "favourite": f.favourite,
            "favouritedCount": u32::from(f.favourite),
            "sharePermissions": [],
            "subscriptions": {"size": 0, "items": [], "max-results": 0, "start-index": 0, "end-index": 0},
        })
    }
}
