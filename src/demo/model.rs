//! The demo site's data: users, projects, workflow vocabulary and issues.
//!
//! Issues are stored compactly (indices into shared tables, rich text as indices into the
//! content library) so that 100,000 of them fit in little memory and build in a moment.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use std::collections::HashMap;

pub use super::flavor::Flavor;

/// A user account of the demo site.
#[derive(Debug, Clone)]
pub struct User {
    /// Server/DC login name (`alice`).
    pub name: String,
    /// Server/DC user key (`JIRAUSER10000`).
    pub key: String,
    /// Cloud account id.
    pub account_id: String,
    /// Full name shown in the UI.
    pub display_name: String,
    /// E-mail address; the Cloud login.
    pub email: String,
    /// Account password (refused for REST on Cloud).
    pub password: String,
    /// Cloud API token.
    pub api_token: String,
    /// Server/DC personal access token.
    pub pat: String,
    /// IANA time zone.
    pub time_zone: String,
    /// A viewer: may read, comment and watch, but neither work on issues (transition,
    /// assign) nor be assigned them.
    pub viewer: bool,
}

/// A project with its components.
#[derive(Debug, Clone)]
pub struct Project {
    /// Numeric id.
    pub id: u64,
    /// Project key (`ACME`).
    pub key: String,
    /// Project name.
    pub name: String,
    /// Plain-text description.
    pub description: String,
    /// Index of the lead in [`Dataset::users`].
    pub lead: usize,
    /// Component names; an issue's components index into this list.
    pub components: Vec<String>,
}

/// A named entity with an id: status, issue type, priority or resolution.
#[derive(Debug, Clone)]
pub struct Named {
    /// Numeric id as Jira sends it (a string in JSON).
    pub id: u64,
    /// Display name.
    pub name: String,
    /// Description text.
    pub description: String,
}

/// The three status categories of every Jira workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusCategory {
    /// "To Do" (key `new`).
    New,
    /// "In Progress" (key `indeterminate`).
    InProgress,
    /// "Done" (key `done`).
    Done,
}

impl StatusCategory {
    /// Jira's numeric id.
    pub fn id(self) -> u64 {
        match self {
            StatusCategory::New => 2,
            StatusCategory::InProgress => 4,
            StatusCategory::Done => 3,
        }
    }
    /// Jira's key.
    pub fn key(self) -> &'static str {
        match self {
            StatusCategory::New => "new",
            StatusCategory::InProgress => "indeterminate",
            StatusCategory::Done => "done",
        }
    }
    /// Display name.
    pub fn name(self) -> &'static str {
        match self {
            StatusCategory::New => "To Do",
            StatusCategory::InProgress => "In Progress",
            StatusCategory::Done => "Done",
        }
    }
    /// Jira's colour name.
    pub fn color(self) -> &'static str {
        match self {
            StatusCategory::New => "blue-gray",
            StatusCategory::InProgress => "yellow",
            StatusCategory::Done => "green",
        }
    }
}

/// A workflow status.
#[derive(Debug, Clone)]
pub struct Status {
    /// Id and name.
    pub named: Named,
    /// Its category.
    pub category: StatusCategory,
}

/// An issue type; `hierarchy` is 1 for epics, 0 for standard types, -1 for sub-tasks.
#[derive(Debug, Clone)]
pub struct IssueType {
    /// Id and name.
    pub named: Named,
    /// Hierarchy level as Cloud reports it.
    pub hierarchy: i32,
}

impl IssueType {
    /// Whether issues of this type are sub-tasks.
    pub fn is_subtask(&self) -> bool {
        self.hierarchy < 0
    }
}

/// A kind of issue link with its two directions.
#[derive(Debug, Clone)]
pub struct LinkType {
    /// Id and name.
    pub named: Named,
    /// Wording from the target's side ("is blocked by").
    pub inward: String,
    /// Wording from the source's side ("blocks").
    pub outward: String,
}

/// A link from an issue to another (stored on the outward side).
#[derive(Debug, Clone, Copy)]
pub struct Link {
    /// Link id.
    pub id: u64,
    /// Index into [`Dataset::link_types`].
    pub link_type: u8,
    /// Index of the target issue.
    pub target: u32,
}

/// A comment; its body is an index into the content library.
#[derive(Debug, Clone, Copy)]
pub struct Comment {
    /// Comment id.
    pub id: u64,
    /// Index of the author in [`Dataset::users`].
    pub author: u8,
    /// Index into [`Dataset::docs`].
    pub body: u32,
    /// Creation time.
    pub created: DateTime<Utc>,
}

/// Issue ids are this plus the issue's index.
pub const ISSUE_ID_BASE: u64 = 10000;

/// One issue, stored compactly.
#[derive(Debug, Clone)]
pub struct Issue {
    /// Numeric id.
    pub id: u64,
    /// Index into [`Dataset::projects`].
    pub project: u16,
    /// The number after the dash in the key.
    pub number: u32,
    /// Index into [`Dataset::issue_types`].
    pub issue_type: u8,
    /// Index into [`Dataset::statuses`].
    pub status: u8,
    /// Index into [`Dataset::priorities`].
    pub priority: u8,
    /// Index into [`Dataset::resolutions`], if resolved.
    pub resolution: Option<u8>,
    /// One-line summary.
    pub summary: String,
    /// Index into [`Dataset::docs`], if there is a description.
    pub description: Option<u32>,
    /// Index of the assignee, if assigned.
    pub assignee: Option<u8>,
    /// Index of the reporter.
    pub reporter: u8,
    /// Labels.
    pub labels: Vec<String>,
    /// Indices into the project's components.
    pub components: Vec<u8>,
    /// Creation time.
    pub created: DateTime<Utc>,
    /// Last update.
    pub updated: DateTime<Utc>,
    /// Resolution time.
    pub resolved: Option<DateTime<Utc>>,
    /// Due date.
    pub due: Option<NaiveDate>,
    /// Index of the parent issue (epic or, for sub-tasks, the parent).
    pub parent: Option<u32>,
    /// Outward links.
    pub links: Vec<Link>,
    /// Comments, oldest first.
    pub comments: Vec<Comment>,
    /// Story points (customfield_10016).
    pub story_points: Option<f64>,
    /// The sprints it is or was in, oldest first (indices into [`Dataset::agile`]'s sprints).
    pub sprints: Vec<u16>,
    /// Its place in the rank order (smaller ranks first).
    pub rank: u64,
    /// Values of the other editable fields (versions and the custom fields of
    /// [`crate::demo::meta`]), by field id, as Jira's JSON with people as `{"demo-user": n}`.
    pub custom: Vec<(Box<str>, Value)>,
}

impl Issue {
    /// The stored value of field `id`.
    pub fn custom(&self, id: &str) -> Option<&Value> {
        self.custom.iter().find(|(k, _)| &**k == id).map(|(_, v)| v)
    }

    /// Sets the stored value of field `id`; a cleared one (`null`, `[]`) is kept too, so it
    /// wins over the value a generated issue derives ([`crate::demo::meta::seed`]).
    pub fn set_custom(&mut self, id: &str, value: Value) {
        self.custom.retain(|(k, _)| &**k != id);
        self.custom.push((id.into(), value));
    }
}

/// A saved filter on the site.
#[derive(Debug, Clone)]
pub struct Filter {
    /// Filter id.
    pub id: u64,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// JQL.
    pub jql: String,
    /// Index of the owner.
    pub owner: usize,
    /// Whether the owner marked it as a favourite.
    pub favourite: bool,
}

/// A custom field definition.
#[derive(Debug, Clone)]
pub struct CustomField {
    /// Numeric id; the field is `customfield_{id}` and `cf[{id}]` in JQL.
    pub id: u64,
    /// Display name.
    pub name: String,
    /// JSON schema type (`number`, `array`, `any`).
    pub schema_type: String,
    /// The custom type key.
    pub custom_type: String,
}

/// Everything the demo site knows.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// Accounts.
    pub users: Vec<User>,
    /// Projects.
    pub projects: Vec<Project>,
    /// Workflow statuses.
    pub statuses: Vec<Status>,
    /// Issue types; index 0 is the epic type.
    pub issue_types: Vec<IssueType>,
    /// Priorities, highest first.
    pub priorities: Vec<Named>,
    /// Resolutions.
    pub resolutions: Vec<Named>,
    /// Link types.
    pub link_types: Vec<LinkType>,
    /// Custom fields.
    pub custom_fields: Vec<CustomField>,
    /// Rich text documents (ADF) that descriptions and comments point into.
    pub docs: Vec<Value>,
    /// Documents written as wiki markup: v2 serves this text as it is instead of converting
    /// the ADF document of the same index (whose conversion would escape wiki syntax).
    pub wiki_bodies: HashMap<u32, String>,
    /// All issues, in creation order.
    pub issues: Vec<Issue>,
    /// Filters present at start.
    pub filters: Vec<Filter>,
    /// The time the dataset's relative dates are anchored to.
    pub anchor: DateTime<Utc>,
    /// (project index, number) to issue index.
    pub key_index: HashMap<(u16, u32), u32>,
    /// Boards and sprints.
    pub agile: super::agile::Agile,
}

impl Dataset {
    /// The key of issue `index` (`ACME-12`).
    pub fn key(&self, index: usize) -> String {
        let issue = &self.issues[index];
        format!(
            "{}-{}",
            self.projects[issue.project as usize].key, issue.number
        )
    }

    /// Finds an issue by key (case-insensitive) or numeric id.
    pub fn find_issue(&self, key_or_id: &str) -> Option<usize> {
        if let Ok(id) = key_or_id.parse::<u64>() {
            let index = usize::try_from(id.checked_sub(ISSUE_ID_BASE)?).ok()?;
            return (index < self.issues.len()).then_some(index);
        }
        let (project_key, number) = key_or_id.rsplit_once('-')?;
        let number: u32 = number.parse().ok()?;
        let project = self
            .projects
            .iter()
            .position(|p| p.key.eq_ignore_ascii_case(project_key))?;
        let project = u16::try_from(project).ok()?;
        self.key_index.get(&(project, number)).map(|&i| i as usize)
    }

    /// Finds a user by any identifier a client may send (name, key, accountId, e-mail).
    pub fn find_user(&self, ident: &str) -> Option<usize> {
        self.users.iter().position(|u| {
            u.name.eq_ignore_ascii_case(ident)
                || u.key == ident
                || u.account_id == ident
                || u.email.eq_ignore_ascii_case(ident)
        })
    }
}
