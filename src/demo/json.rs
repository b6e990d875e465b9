//! Turns the dataset into Jira's JSON shapes, for both flavours and both API versions.

use super::ApiVersion;
use super::model::*;
use crate::text::adf;
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Map, Value, json};
use std::collections::HashMap;

/// Everything needed to render JSON for one request.
pub struct Render<'a> {
    /// The site's data.
    pub data: &'a Dataset,
    /// Reverse indexes (sub-tasks, inward links).
    pub index: &'a Indexes,
    /// Which Jira is imitated.
    pub flavor: Flavor,
    /// API version of the request (body format: ADF for v3, wiki for v2).
    pub version: ApiVersion,
    /// Base URL for `self` links.
    pub base: &'a str,
}

/// Reverse lookups computed once at start.
#[derive(Debug, Default)]
pub struct Indexes {
    /// Parent issue → its sub-tasks.
    pub subtasks: HashMap<u32, Vec<u32>>,
    /// Target issue → (source issue, index into the source's links).
    pub inward: HashMap<u32, Vec<(u32, u16)>>,
}

impl Indexes {
    /// Builds the indexes of `data`.
    pub fn build(data: &Dataset) -> Self {
        let mut index = Indexes::default();
        for (i, issue) in data.issues.iter().enumerate() {
            if let Some(parent) = issue.parent
                && data.issue_types[issue.issue_type as usize].is_subtask()
            {
                index.subtasks.entry(parent).or_default().push(i as u32);
            }
            for (l, link) in issue.links.iter().enumerate() {
                index
                    .inward
                    .entry(link.target)
                    .or_default()
                    .push((i as u32, l as u16));
            }
        }
        index
    }
}

/// How many comments, oldest first, an issue's `comment` field carries; the rest are read
/// through `issue/{key}/comment`, as on a real site with long discussions.
pub const EMBEDDED_COMMENTS: usize = 20;

/// Jira's timestamp format: `2021-12-16T05:44:40.825+0000`.
pub fn timestamp(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3f%z").to_string()
}

fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Which fields a request asked for.
#[derive(Debug, Clone)]
pub struct FieldSelection {
    all: bool,
    navigable: bool,
    include: Vec<String>,
    exclude: Vec<String>,
}

/// Fields that `*navigable` leaves out.
const NOT_NAVIGABLE: &[&str] = &["comment", "attachment", "worklog", "timetracking"];

impl FieldSelection {
    /// Parses a `fields` parameter (comma separated, may repeat); `default` is used when absent.
    pub fn parse(params: &[String], default: &str) -> Self {
        let mut selection = FieldSelection {
            all: false,
            navigable: false,
            include: Vec::new(),
            exclude: Vec::new(),
        };
        let joined = if params.iter().all(|p| p.trim().is_empty()) {
            default.to_string()
        } else {
            params.join(",")
        };
        for part in joined.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match part {
                "*all" => selection.all = true,
                "*navigable" => selection.navigable = true,
                _ => match part.strip_prefix('-') {
                    Some(name) => selection.exclude.push(name.to_string()),
                    None => selection.include.push(part.to_string()),
                },
            }
        }
        selection
    }

    /// Whether `field` is wanted.
    pub fn wants(&self, field: &str) -> bool {
        if self.exclude.iter().any(|f| f == field) {
            return false;
        }
        self.all
            || (self.navigable && !NOT_NAVIGABLE.contains(&field))
            || self.include.iter().any(|f| f == field)
    }
}

impl Render<'_> {
    fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    fn api(&self) -> &'static str {
        match self.version {
            ApiVersion::V2 => "/rest/api/2",
            ApiVersion::V3 => "/rest/api/3",
        }
    }

    fn avatars(&self, kind: &str, id: &str) -> Value {
        let mut map = Map::new();
        for (size, name) in [
            ("48x48", "large"),
            ("24x24", "small"),
            ("16x16", "xsmall"),
            ("32x32", "medium"),
        ] {
            map.insert(
                size.to_string(),
                Value::String(self.url(&format!("/secure/{kind}avatar?size={name}&ownerId={id}"))),
            );
        }
        Value::Object(map)
    }

    /// A user as Jira shows it: accountId on Cloud, name and key on Server/DC.
    pub fn user(&self, index: usize) -> Value {
        let Some(u) = self.data.users.get(index) else {
            return Value::Null;
        };
        match self.flavor {
            Flavor::Cloud => json!({
                "self": self.url(&format!("{}/user?accountId={}", self.api(), u.account_id)),
                "accountId": u.account_id,
                "accountType": "atlassian",
                "emailAddress": u.email,
                "avatarUrls": self.avatars("user", &u.account_id),
                "displayName": u.display_name,
                "active": true,
                "timeZone": u.time_zone,
            }),
            Flavor::Dc => json!({
                "self": self.url(&format!("/rest/api/2/user?username={}", u.name)),
                "name": u.name,
                "key": u.key,
                "emailAddress": u.email,
                "avatarUrls": self.avatars("user", &u.name),
                "displayName": u.display_name,
                "active": true,
                "timeZone": u.time_zone,
            }),
        }
    }

    /// The `myself` resource: a user plus locale, groups and roles.
    pub fn myself(&self, index: usize) -> Value {
        let mut user = self.user(index);
        if let Value::Object(map) = &mut user {
            map.insert("locale".into(), json!("en_US"));
            map.insert("groups".into(), json!({"size": 1, "items": []}));
            map.insert("applicationRoles".into(), json!({"size": 1, "items": []}));
            map.insert("expand".into(), json!("groups,applicationRoles"));
            if self.flavor == Flavor::Dc {
                map.insert("deleted".into(), json!(false));
            }
        }
        user
    }

    /// A rich-text body: ADF on v3, wiki markup on v2.
    pub fn body(&self, doc_index: u32) -> Value {
        let Some(doc) = self.data.docs.get(doc_index as usize) else {
            return Value::Null;
        };
        match (self.version, self.data.wiki_bodies.get(&doc_index)) {
            (ApiVersion::V3, _) => doc.clone(),
            (ApiVersion::V2, Some(wiki)) => json!(wiki),
            (ApiVersion::V2, None) => Value::String(adf::adf_to_wiki(doc, &|account_id: &str| {
                self.data
                    .users
                    .iter()
                    .find(|u| u.account_id == account_id)
                    .map(|u| match self.flavor {
                        // Cloud's wiki markup names users by account id.
                        Flavor::Cloud => format!("accountid:{}", u.account_id),
                        Flavor::Dc => u.name.clone(),
                    })
            })),
        }
    }

    /// A status with its category.
    pub fn status(&self, index: u8) -> Value {
        let Some(s) = self.data.statuses.get(index as usize) else {
            return Value::Null;
        };
        json!({
            "self": self.url(&format!("{}/status/{}", self.api(), s.named.id)),
            "description": s.named.description,
            "iconUrl": self.url("/images/icons/statuses/generic.png"),
            "name": s.named.name,
            "id": s.named.id.to_string(),
            "statusCategory": {
                "self": self.url(&format!("{}/statuscategory/{}", self.api(), s.category.id())),
                "id": s.category.id(),
                "key": s.category.key(),
                "colorName": s.category.color(),
                "name": s.category.name(),
            }
        })
    }

    /// An issue type.
    pub fn issue_type(&self, index: u8) -> Value {
        let Some(t) = self.data.issue_types.get(index as usize) else {
            return Value::Null;
        };
        let mut v = json!({
            "self": self.url(&format!("{}/issuetype/{}", self.api(), t.named.id)),
            "id": t.named.id.to_string(),
            "description": t.named.description,
            "iconUrl": self.url(&format!("/images/icons/issuetypes/{}.svg", t.named.name.to_lowercase())),
            "name": t.named.name,
            "subtask": t.is_subtask(),
        });
        if self.flavor == Flavor::Cloud {
            v["hierarchyLevel"] = json!(t.hierarchy);
            v["avatarId"] = json!(10300 + t.named.id % 100);
        }
        v
    }

    fn named(&self, kind: &str, n: &Named) -> Value {
        json!({
            "self": self.url(&format!("{}/{kind}/{}", self.api(), n.id)),
            "iconUrl": self.url(&format!("/images/icons/{kind}/{}.svg", n.name.to_lowercase())),
            "name": n.name,
            "id": n.id.to_string(),
        })
    }

    /// A project in the short form embedded in issues.
    pub fn project_ref(&self, index: usize) -> Value {
        let Some(p) = self.data.projects.get(index) else {
            return Value::Null;
        };
        let mut v = json!({
            "self": self.url(&format!("{}/project/{}", self.api(), p.id)),
            "id": p.id.to_string(),
            "key": p.key,
            "name": p.name,
            "projectTypeKey": "software",
            "avatarUrls": self.avatars("project", &p.id.to_string()),
        });
        if self.flavor == Flavor::Cloud {
            v["simplified"] = json!(false);
        }
        v
    }

    /// A project in full, as `GET project` lists it.
    pub fn project(&self, index: usize) -> Value {
        let mut v = self.project_ref(index);
        if let Some(p) = self.data.projects.get(index) {
            v["description"] = json!(p.description);
            v["lead"] = self.user(p.lead);
            v["components"] = Value::Array(
                p.components
                    .iter()
                    .enumerate()
                    .map(|(c, name)| self.component(index, c, name))
                    .collect(),
            );
            v["issueTypes"] = Value::Array(
                (0..self.data.issue_types.len() as u8)
                    .map(|t| self.issue_type(t))
                    .collect(),
            );
            v["expand"] = json!("description,lead,issueTypes,url,projectKeys,permissions,insight");
            v["isPrivate"] = json!(false);
            if self.flavor == Flavor::Cloud {
                v["style"] = json!("classic");
            }
        }
        v
    }

    fn component(&self, project: usize, c: usize, name: &str) -> Value {
        let id = 10000 + project * 100 + c;
        json!({
            "self": self.url(&format!("{}/component/{id}", self.api())),
            "id": id.to_string(),
            "name": name,
        })
    }

    fn key(&self, index: u32) -> String {
        self.data.key(index as usize)
    }

    /// The short form of an issue used in links, sub-tasks and parents.
    fn issue_ref(&self, index: u32) -> Value {
        let Some(issue) = self.data.issues.get(index as usize) else {
            return Value::Null;
        };
        let key = self.key(index);
        json!({
            "id": issue.id.to_string(),
            "key": key,
            "self": self.url(&format!("{}/issue/{}", self.api(), issue.id)),
            "fields": {
                "summary": issue.summary,
                "status": self.status(issue.status),
                "priority": self.named("priority", &self.data.priorities[issue.priority as usize]),
                "issuetype": self.issue_type(issue.issue_type),
            }
        })
    }

    fn link_type(&self, index: u8) -> Value {
        let Some(t) = self.data.link_types.get(index as usize) else {
            return Value::Null;
        };
        json!({
            "id": t.named.id.to_string(),
            "name": t.named.name,
            "inward": t.inward,
            "outward": t.outward,
            "self": self.url(&format!("{}/issueLinkType/{}", self.api(), t.named.id)),
        })
    }

    fn links(&self, index: u32) -> Value {
        let issue = &self.data.issues[index as usize];
        let mut out: Vec<Value> = issue
            .links
            .iter()
            .map(|l| {
                json!({
                    "id": l.id.to_string(),
                    "self": self.url(&format!("{}/issueLink/{}", self.api(), l.id)),
                    "type": self.link_type(l.link_type),
                    "outwardIssue": self.issue_ref(l.target),
                })
            })
            .collect();
        for &(source, l) in self
            .index
            .inward
            .get(&index)
            .map(Vec::as_slice)
            .unwrap_or(&[])
        {
            let Some(link) = self.data.issues[source as usize].links.get(l as usize) else {
                continue;
            };
            out.push(json!({
                "id": link.id.to_string(),
                "self": self.url(&format!("{}/issueLink/{}", self.api(), link.id)),
                "type": self.link_type(link.link_type),
                "inwardIssue": self.issue_ref(source),
            }));
        }
        Value::Array(out)
    }

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
        if self.flavor == Flavor::Cloud {
            v["jsdPublic"] = json!(true);
        }
        v
    }

    /// A page of comments, as `issue/{key}/comment` and the `comment` field give it.
    pub fn comment_page(
        &self,
        index: usize,
        start_at: usize,
        max_results: usize,
        newest_first: bool,
    ) -> Value {
        let issue = &self.data.issues[index];
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
        let issue = &self.data.issues[index];
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
                    .map(|&s| self.issue_ref(s))
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
            "fixVersions" | "versions" => json!([]),
            "watches" => json!({
                "self": self.url(&format!("{}/issue/{}/watchers", self.api(), self.key(index as u32))),
                "watchCount": 1,
                "isWatching": false,
            }),
            "votes" => json!({
                "self": self.url(&format!("{}/issue/{}/votes", self.api(), self.key(index as u32))),
                "votes": 0,
                "hasVoted": false,
            }),
            "timetracking" => json!({}),
            "worklog" => json!({"startAt": 0, "maxResults": 20, "total": 0, "worklogs": []}),
            "customfield_10016" => issue.story_points.map_or(Value::Null, |p| json!(p)),
            "customfield_10021" => Value::Null,
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
        let issue = &self.data.issues[index];
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
                        .and_then(|d| self.data.docs.get(d as usize))
                        .map_or(Value::Null, |doc| json!(adf::adf_to_html(doc))),
                    "comment" => {
                        let comments: Vec<Value> = issue
                            .comments
                            .iter()
                            .take(EMBEDDED_COMMENTS)
                            .map(|c| {
                                let mut v = self.comment(issue, c);
                                v["body"] = self
                                    .data
                                    .docs
                                    .get(c.body as usize)
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
        json!({"id": self.data.issues[index].id.to_string()})
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

/// Percent-encodes a query value.
pub fn urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A field as `GET field` describes it.
#[derive(Debug, Clone, Copy)]
pub struct FieldDef {
    /// Field id (`summary`, `customfield_10016`).
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// JSON schema type.
    pub schema_type: &'static str,
    /// Item type for arrays.
    pub items: Option<&'static str>,
    /// Names usable in JQL.
    pub clause_names: &'static [&'static str],
    /// Custom field id, for custom fields.
    pub custom_id: Option<u64>,
    /// Whether it can be used in ORDER BY.
    pub orderable: bool,
    /// Whether it can be searched.
    pub searchable: bool,
}

const fn def(
    id: &'static str,
    name: &'static str,
    schema_type: &'static str,
    items: Option<&'static str>,
    clause_names: &'static [&'static str],
) -> FieldDef {
    FieldDef {
        id,
        name,
        schema_type,
        items,
        clause_names,
        custom_id: None,
        orderable: true,
        searchable: true,
    }
}

const SYSTEM_FIELDS: &[FieldDef] = &[
    def("summary", "Summary", "string", None, &["summary"]),
    def("status", "Status", "status", None, &["status"]),
    def(
        "issuetype",
        "Issue Type",
        "issuetype",
        None,
        &["issuetype", "type"],
    ),
    def("priority", "Priority", "priority", None, &["priority"]),
    def(
        "resolution",
        "Resolution",
        "resolution",
        None,
        &["resolution"],
    ),
    def("assignee", "Assignee", "user", None, &["assignee"]),
    def("reporter", "Reporter", "user", None, &["reporter"]),
    def("creator", "Creator", "user", None, &["creator"]),
    def("project", "Project", "project", None, &["project"]),
    def("labels", "Labels", "array", Some("string"), &["labels"]),
    def(
        "components",
        "Component/s",
        "array",
        Some("component"),
        &["component"],
    ),
    def(
        "created",
        "Created",
        "datetime",
        None,
        &["created", "createdDate"],
    ),
    def(
        "updated",
        "Updated",
        "datetime",
        None,
        &["updated", "updatedDate"],
    ),
    def(
        "lastViewed",
        "Last Viewed",
        "datetime",
        None,
        &["lastViewed"],
    ),
    def(
        "statuscategorychangedate",
        "Status Category Changed",
        "datetime",
        None,
        &["statusCategoryChangedDate"],
    ),
    def(
        "resolutiondate",
        "Resolved",
        "datetime",
        None,
        &["resolved", "resolutiondate"],
    ),
    def("duedate", "Due date", "date", None, &["due", "duedate"]),
    def(
        "description",
        "Description",
        "string",
        None,
        &["description"],
    ),
    def(
        "environment",
        "Environment",
        "string",
        None,
        &["environment"],
    ),
    def("comment", "Comment", "comments-page", None, &["comment"]),
    def(
        "issuelinks",
        "Linked Issues",
        "array",
        Some("issuelinks"),
        &["issueLink"],
    ),
    def(
        "subtasks",
        "Sub-tasks",
        "array",
        Some("issuelinks"),
        &["subtasks"],
    ),
    def("parent", "Parent", "issuelink", None, &["parent"]),
    def(
        "attachment",
        "Attachment",
        "array",
        Some("attachment"),
        &["attachments"],
    ),
    def(
        "fixVersions",
        "Fix versions",
        "array",
        Some("version"),
        &["fixVersion"],
    ),
    def(
        "versions",
        "Affects versions",
        "array",
        Some("version"),
        &["affectedVersion"],
    ),
    def("watches", "Watchers", "watches", None, &["watchers"]),
    def("votes", "Votes", "votes", None, &["votes"]),
    def("timetracking", "Time tracking", "timetracking", None, &[]),
    def("worklog", "Log Work", "array", Some("worklog"), &[]),
];

const STORY_POINTS: FieldDef = FieldDef {
    custom_id: Some(10016),
    ..def(
        "customfield_10016",
        "Story Points",
        "number",
        None,
        &["cf[10016]", "Story Points"],
    )
};
const FLAGGED: FieldDef = FieldDef {
    custom_id: Some(10021),
    ..def(
        "customfield_10021",
        "Flagged",
        "array",
        Some("option"),
        &["cf[10021]", "Flagged"],
    )
};
const EPIC_LINK: FieldDef = FieldDef {
    custom_id: Some(10014),
    ..def(
        "customfield_10014",
        "Epic Link",
        "any",
        None,
        &["cf[10014]", "Epic Link"],
    )
};

/// Every field the flavour has, system fields first.
pub fn field_defs(flavor: Flavor) -> Vec<FieldDef> {
    let mut all = SYSTEM_FIELDS.to_vec();
    all.push(STORY_POINTS);
    all.push(FLAGGED);
    if flavor == Flavor::Dc {
        all.push(EPIC_LINK);
    }
    all
}

/// The `GET field` resource.
pub fn fields_json(flavor: Flavor) -> Value {
    Value::Array(
        field_defs(flavor)
            .iter()
            .map(|d| {
                let mut schema = json!({"type": d.schema_type});
                if let Some(items) = d.items {
                    schema["items"] = json!(items);
                }
                match d.custom_id {
                    Some(id) => {
                        schema["custom"] = json!(match id {
                            10016 => "com.atlassian.jira.plugin.system.customfieldtypes:float",
                            10021 =>
                                "com.atlassian.jira.plugin.system.customfieldtypes:multicheckboxes",
                            _ => "com.pyxis.greenhopper.jira:gh-epic-link",
                        });
                        schema["customId"] = json!(id);
                    }
                    None => schema["system"] = json!(d.id),
                }
                let navigable = !NOT_NAVIGABLE.contains(&d.id);
                let mut v = json!({
                    "id": d.id,
                    "name": d.name,
                    "custom": d.custom_id.is_some(),
                    "orderable": d.orderable,
                    "navigable": navigable,
                    "searchable": d.searchable && !d.clause_names.is_empty(),
                    "clauseNames": d.clause_names,
                    "schema": schema,
                });
                if flavor == Flavor::Cloud {
                    v["key"] = json!(d.id);
                    if d.custom_id.is_some() {
                        v["untranslatedName"] = json!(d.name);
                    }
                }
                v
            })
            .collect(),
    )
}
