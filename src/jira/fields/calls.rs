//! The calls behind editing and creating: editmeta with the issue's current values, the
//! projects, the create metadata in whichever dialect the site speaks, `PUT issue` and
//! `POST issue`.

use super::parse::{self, PageInfo};
use super::{FieldMeta, IssueEdit, NewIssue};
use crate::jira::calls::check_key;
use crate::jira::client::{Call, Client};
use crate::jira::error::JiraError;
use crate::jira::models::Deployment;
use reqwest::Method;
use serde_json::{Map, Value};

/// An issue type that may be created in a project.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CreateIssueType {
    /// Id (what is sent).
    pub id: String,
    /// Name ("Bug").
    pub name: String,
    /// A sub-task type: it needs a parent.
    pub subtask: bool,
    /// Description.
    pub description: String,
}

/// A project issues may be created in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectRef {
    /// Id.
    pub id: String,
    /// Key ("ACME").
    pub key: String,
    /// Name.
    pub name: String,
}

/// The issue Jira created.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CreatedIssue {
    /// Id.
    pub id: String,
    /// Key ("ACME-120").
    pub key: String,
}

/// What editing an issue starts from: the fields the caller may change, their current values,
/// and when the issue was last updated (to notice a change made meanwhile).
#[derive(Debug, Clone, PartialEq)]
pub struct EditForm {
    /// The issue's key.
    pub key: String,
    /// The editable fields, as editmeta lists them (required first).
    pub fields: Vec<FieldMeta>,
    /// The issue's current values of those fields, as JSON by id.
    pub current: Map<String, Value>,
    /// The issue's `updated` timestamp as read.
    pub updated: Option<String>,
    /// The site's deployment (how values are read and sent).
    pub deployment: Deployment,
}

/// Pages read at most from one paged metadata call (Jira pages these by 50).
const MAX_META_PAGES: u32 = 40;

impl Client {
    /// The fields the caller may change on `key` (`GET issue/{key}/editmeta`).
    pub async fn editmeta(&self, key: &str) -> Result<Vec<FieldMeta>, JiraError> {
        let key = check_key(key)?;
        let api = self.api().await?;
        let body: Value = self
            .call(
                Call::get(format!("{api}/issue/{key}/editmeta"))
                    .about(format!("the editable fields of {key}")),
            )
            .await?;
        Ok(parse::parse_editmeta(&body))
    }

    /// The editable fields of `key` with their current values and the issue's `updated`.
    pub async fn edit_form(&self, key: &str) -> Result<EditForm, JiraError> {
        let fields = self.editmeta(key).await?;
        let (current, updated) = self.current_values(key, &fields).await?;
        Ok(EditForm {
            key: key.trim().to_ascii_uppercase(),
            fields,
            current,
            updated,
            deployment: self.deployment().await?,
        })
    }

    /// The JSON of `fields` of `key` as they are now, and its `updated`.
    pub async fn current_values(
        &self,
        key: &str,
        fields: &[FieldMeta],
    ) -> Result<(Map<String, Value>, Option<String>), JiraError> {
        let key = check_key(key)?;
        let api = self.api().await?;
        let mut ids: Vec<&str> = fields.iter().map(|f| f.id.as_str()).collect();
        ids.push("updated");
        let body: Value = self
            .call(
                Call::get(format!("{api}/issue/{key}"))
                    .query("fields", ids.join(","))
                    .about(format!("issue {key}"))
                    .issue_sized(),
            )
            .await?;
        let mut current = body
            .get("fields")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let updated = current
            .remove("updated")
            .and_then(|v| v.as_str().map(str::to_string));
        Ok((current, updated))
    }

    /// When `key` was last updated (to compare with the time an edit started from).
    pub async fn issue_updated(&self, key: &str) -> Result<Option<String>, JiraError> {
        let (_, updated) = self.current_values(key, &[]).await?;
        Ok(updated)
    }

    /// Changes fields of `key` (`PUT issue/{key}`). Jira's refusal of a value comes back as
    /// [`JiraError::FieldErrors`].
    pub async fn edit_issue(&self, key: &str, edit: &IssueEdit) -> Result<(), JiraError> {
        let key = check_key(key)?;
        if edit.is_empty() {
            return Ok(());
        }
        let api = self.api().await?;
        self.call::<Value>(Call {
            method: Method::PUT,
            // Setting values and adding or removing the same elements again changes nothing.
            idempotent: true,
            ..Call::post(format!("{api}/issue/{key}"), edit.body()).about(format!("issue {key}"))
        })
        .await?;
        Ok(())
    }

    /// Creates an issue (`POST issue`); never repeated by itself, as a repeat would create a
    /// second issue.
    pub async fn create_issue(&self, issue: &NewIssue) -> Result<CreatedIssue, JiraError> {
        let api = self.api().await?;
        let body: Value = self
            .call(
                Call::post(format!("{api}/issue"), issue.body())
                    .about(format!("the new issue in {}", issue.project)),
            )
            .await?;
        let text = |k: &str| match body.get(k) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => String::new(),
        };
        let created = CreatedIssue {
            id: text("id"),
            key: text("key"),
        };
        if created.key.is_empty() {
            return Err(JiraError::Unexpected {
                endpoint: format!("POST {api}/issue"),
                status: 201,
                excerpt: "the answer named no issue key".into(),
            });
        }
        Ok(created)
    }

    /// The projects the caller can see.
    pub async fn projects(&self) -> Result<Vec<ProjectRef>, JiraError> {
        let api = self.api().await?;
        let body: Value = self
            .call(Call::get(format!("{api}/project")).about("the projects"))
            .await?;
        let list = match &body {
            Value::Array(a) => a.as_slice(),
            other => other
                .get("values")
                .and_then(Value::as_array)
                .map_or(&[][..], Vec::as_slice),
        };
        let text = |v: &Value, k: &str| match v.get(k) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => String::new(),
        };
        Ok(list
            .iter()
            .map(|p| ProjectRef {
                id: text(p, "id"),
                key: text(p, "key"),
                name: crate::text::sanitize::sanitize_line(&text(p, "name")),
            })
            .filter(|p| !p.key.is_empty())
            .collect())
    }

    /// The issue types that may be created in `project` (key or id): the paged
    /// `createmeta/{project}/issuetypes` (Cloud, Data Center 9+), else the older
    /// `createmeta?expand=projects.issuetypes.fields`.
    pub async fn create_issue_types(
        &self,
        project: &str,
    ) -> Result<Vec<CreateIssueType>, JiraError> {
        let project = check_key(project)?;
        let api = self.api().await?;
        let path = format!("{api}/issue/createmeta/{project}/issuetypes");
        match self
            .paged(&path, "the issue types", parse::parse_issue_types)
            .await
        {
            Ok(types) => Ok(types),
            Err(JiraError::NotFound { .. } | JiraError::Removed { .. })
                if self.deployment().await? == Deployment::Dc =>
            {
                Ok(self
                    .old_createmeta(project, None)
                    .await?
                    .into_iter()
                    .map(|(t, _)| t)
                    .collect())
            }
            Err(e) => Err(e),
        }
    }

    /// The fields of a new issue of type `issue_type` (id) in `project`, required first.
    pub async fn create_fields(
        &self,
        project: &str,
        issue_type: &str,
    ) -> Result<Vec<FieldMeta>, JiraError> {
        let project = check_key(project)?;
        let type_id = check_key(issue_type)?;
        let api = self.api().await?;
        let path = format!("{api}/issue/createmeta/{project}/issuetypes/{type_id}");
        match self
            .paged(
                &path,
                "the fields of the new issue",
                parse::parse_create_fields,
            )
            .await
        {
            Ok(mut fields) => {
                // The form asks for project and type itself.
                fields.retain(|f| f.id != "project" && f.id != "issuetype");
                parse::sort_fields(&mut fields);
                Ok(fields)
            }
            Err(JiraError::NotFound { .. } | JiraError::Removed { .. })
                if self.deployment().await? == Deployment::Dc =>
            {
                let types = self.old_createmeta(project, Some(type_id)).await?;
                let fields = types
                    .into_iter()
                    .find(|(t, _)| t.id == type_id)
                    .map(|(_, mut f)| {
                        f.retain(|f| f.id != "project" && f.id != "issuetype");
                        f
                    })
                    .ok_or_else(|| JiraError::NotFound {
                        message: format!("Issue type {type_id} cannot be created in {project}."),
                    })?;
                Ok(fields)
            }
            Err(e) => Err(e),
        }
    }

    /// Reads every page of a paged metadata answer.
    async fn paged<T>(
        &self,
        path: &str,
        what: &str,
        parse_page: fn(&Value) -> (Vec<T>, PageInfo),
    ) -> Result<Vec<T>, JiraError> {
        let mut out = Vec::new();
        let mut start = 0u64;
        for _ in 0..MAX_META_PAGES {
            let body: Value = self
                .call(
                    Call::get(path.to_string())
                        .query("startAt", start.to_string())
                        .query("maxResults", "50")
                        .about(what.to_string()),
                )
                .await?;
            let (items, info) = parse_page(&body);
            out.extend(items);
            if info.is_last || info.next_start <= start {
                break;
            }
            start = info.next_start;
        }
        Ok(out)
    }

    /// The older create metadata of `project`, one type or all.
    async fn old_createmeta(
        &self,
        project: &str,
        type_id: Option<&str>,
    ) -> Result<Vec<(CreateIssueType, Vec<FieldMeta>)>, JiraError> {
        let api = self.api().await?;
        let mut call = Call::get(format!("{api}/issue/createmeta"))
            .query("projectKeys", project.to_string())
            .about("the create metadata");
        if let Some(id) = type_id {
            call = call
                .query("issuetypeIds", id.to_string())
                .query("expand", "projects.issuetypes.fields");
        }
        let body: Value = self.call(call).await?;
        Ok(parse::parse_old_createmeta(&body, project))
    }
}
