//! Turns the dataset into Jira's JSON shapes, for both flavours and both API versions: the
//! shared pieces here (users, statuses, projects, links), issues, comments and filters in
//! `issue.rs`, the field table in `fields.rs`.

mod fields;
mod issue;

pub use fields::{FieldDef, FieldSelection, field_defs, fields_json};

use super::ApiVersion;
use super::live::Live;
use super::model::*;
use crate::text::adf;
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use std::sync::Arc;

/// Everything needed to render JSON for one request.
pub struct Render<'a> {
    /// The site's data as it was built.
    pub data: &'a Dataset,
    /// What the API changed since.
    pub live: Arc<Live>,
    /// Reverse indexes (sub-tasks, inward links).
    pub index: &'a Indexes,
    /// Which Jira is imitated.
    pub flavor: Flavor,
    /// API version of the request (body format: ADF for v3, wiki for v2).
    pub version: ApiVersion,
    /// Base URL for `self` links.
    pub base: &'a str,
    /// The caller, when the answer depends on who asks (`watches.isWatching`).
    pub viewer: Option<usize>,
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

impl Render<'_> {
    /// Issue `index` as it is now.
    pub fn issue_now(&self, index: usize) -> &Issue {
        self.live.issue(self.data, index)
    }

    /// Document `index` as it is now.
    fn doc(&self, index: u32) -> Option<&Value> {
        self.live.doc(self.data, index)
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub(crate) fn api(&self) -> &'static str {
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
            let groups: Vec<Value> = crate::demo::comments::GROUPS
                .iter()
                .map(|name| json!({ "name": name }))
                .collect();
            map.insert(
                "groups".into(),
                json!({"size": groups.len(), "items": groups}),
            );
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
        let Some(doc) = self.doc(doc_index) else {
            return Value::Null;
        };
        match (self.version, self.live.wiki(self.data, doc_index)) {
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

    pub(crate) fn named(&self, kind: &str, n: &Named) -> Value {
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

    pub(crate) fn component(&self, project: usize, c: usize, name: &str) -> Value {
        let id = 10000 + project * 100 + c;
        json!({
            "self": self.url(&format!("{}/component/{id}", self.api())),
            "id": id.to_string(),
            "name": name,
        })
    }

    pub(crate) fn key(&self, index: u32) -> String {
        self.live.key(self.data, index as usize)
    }

    /// The short form of an issue used in links, sub-tasks and parents.
    fn issue_ref(&self, index: u32) -> Value {
        if index as usize >= self.live.count(self.data) {
            return Value::Null;
        }
        let issue = self.issue_now(index as usize);
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
        let issue = self.issue_now(index as usize);
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
