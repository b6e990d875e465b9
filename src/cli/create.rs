//! `jiratty create --project P --type T --summary S …`: a new issue from the fields the
//! project's create metadata lists for that type; a required field left out is named with its
//! allowed values before anything is sent.

use super::act::{ActFormat, Stop, print, with_client};
use super::connect::ConnectArgs;
use super::field_values::{field_named, refusal, split_assignment, value_for};
use crate::jira::Client;
use crate::jira::fields::{FieldMeta, FieldValue, NewIssue};
use clap::Args;
use serde_json::json;
use std::path::PathBuf;
use std::process::ExitCode;

/// Options of `jiratty create`.
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// The project key, e.g. ACME.
    #[arg(long, value_name = "KEY")]
    pub project: String,
    /// The issue type, by name or id ("Bug", "Story", "Sub-task").
    #[arg(long = "type", value_name = "TYPE")]
    pub issue_type: String,
    /// The summary (one line).
    #[arg(long, value_name = "TEXT")]
    pub summary: String,
    /// The description, in Markdown.
    #[arg(long, value_name = "TEXT", conflicts_with = "description_file")]
    pub description: Option<String>,
    /// Read the description (Markdown) from a file; `-` reads standard input.
    #[arg(long, value_name = "FILE")]
    pub description_file: Option<PathBuf>,
    /// Another field, by display name or id: `--field "Story Points=5"` (repeatable).
    #[arg(long = "field", value_name = "NAME=VALUE")]
    pub fields: Vec<String>,
    /// The parent issue (for sub-tasks and child issues).
    #[arg(long, value_name = "KEY")]
    pub parent: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ActFormat,
}

/// Runs `jiratty create`.
pub async fn run(connect: &ConnectArgs, args: CreateArgs) -> ExitCode {
    let description = match read_description(&args) {
        Ok(d) => d,
        Err(sentence) => {
            eprintln!("jiratty: {}", crate::text::sanitize_line(&sentence));
            return ExitCode::from(super::exit::USAGE);
        }
    };
    let wait = format!(
        "waiting for Jira to describe new issues of {}",
        args.project
    );
    with_client(connect, wait, |client, progress| async move {
        let outcome = create(&client, &progress, &args, description).await;
        drop(progress);
        (client, outcome)
    })
    .await
}

fn read_description(args: &CreateArgs) -> Result<Option<String>, String> {
    if let Some(text) = &args.description {
        return Ok(Some(text.clone()));
    }
    let Some(path) = &args.description_file else {
        return Ok(None);
    };
    let text = if path.as_os_str() == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .map_err(|e| format!("cannot read the description from standard input: {e}"))?;
        s
    } else {
        std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the description from {}: {e}", path.display()))?
    };
    Ok(Some(text))
}

async fn create(
    client: &Client,
    progress: &super::progress::Progress,
    args: &CreateArgs,
    description: Option<String>,
) -> Result<String, Stop> {
    let project = args.project.trim().to_uppercase();
    if args.summary.trim().is_empty() {
        return Err(Stop::Input("the summary must not be empty".into()));
    }
    let ty = super::fields::type_named(client, &project, &args.issue_type).await?;
    let fields = client.create_fields(&project, &ty.id).await?;
    let deployment = client.deployment().await?;
    let what = format!("a new {} in {project}", ty.name);
    let mut issue = NewIssue {
        project: project.clone(),
        issue_type: ty.id.clone(),
        ..NewIssue::default()
    };
    let set = |id: &str, value: FieldValue, issue: &mut NewIssue| -> Result<(), Stop> {
        match fields.iter().find(|f| f.id == id) {
            Some(meta) => issue.set(meta, &value, deployment),
            None if id == "parent" && ty.subtask => {
                // Some sites leave the parent out of a sub-task's metadata; Jira still wants it.
                if let FieldValue::Issue(key) = value {
                    issue.fields.insert("parent".into(), json!({ "key": key }));
                }
            }
            None => {
                return Err(Stop::Input(format!("{what} has no {id} field you may set")));
            }
        }
        Ok(())
    };
    set(
        "summary",
        FieldValue::Text(args.summary.clone()),
        &mut issue,
    )?;
    if let Some(text) = description.filter(|t| !t.trim().is_empty()) {
        set(
            "description",
            FieldValue::Markdown {
                text,
                mentions: Vec::new(),
            },
            &mut issue,
        )?;
    }
    if let Some(parent) = &args.parent {
        let key = parent.trim().to_uppercase();
        set("parent", FieldValue::Issue(key), &mut issue)?;
    }
    for arg in &args.fields {
        let (name, typed) = split_assignment(arg)?;
        let meta = field_named(&fields, name, &what)?;
        let value = value_for(client, meta, typed).await?;
        issue.set(meta, &value, deployment);
    }
    let missing: Vec<&FieldMeta> = fields
        .iter()
        .filter(|f| f.required && !f.has_default && !issue.fields.contains_key(&f.id))
        .collect();
    if ty.subtask && !issue.fields.contains_key("parent") {
        return Err(Stop::Input(format!(
            "a {} needs its parent issue: --parent KEY",
            ty.name
        )));
    }
    if !missing.is_empty() {
        let list: Vec<String> = missing
            .iter()
            .map(|f| {
                let values = f.allowed_text();
                if values.is_empty() {
                    format!("{} ({})", f.name, f.kind.describe())
                } else {
                    format!("{} (one of: {values})", f.name)
                }
            })
            .collect();
        return Err(Stop::Input(format!(
            "{what} needs {}; give it with --field \"NAME=VALUE\"",
            list.join(", ")
        )));
    }
    progress.waiting_for(format!("waiting for Jira to create the issue in {project}"));
    let created = client
        .create_issue(&issue)
        .await
        .map_err(|e| refusal(e, &fields))?;
    let url = client.browse_url(&created.key);
    Ok(print(
        args.format,
        format!(
            "Created {} ({}): {}\n{url}",
            created.key,
            ty.name,
            args.summary.trim()
        ),
        json!({ "id": created.id, "key": created.key, "url": url,
            "issueType": { "id": ty.id, "name": ty.name } }),
    ))
}
