//! `jiratty fields`: what can be set on an issue (editmeta) or on a new issue of a type in a
//! project (create metadata), with each field's type and allowed values.

use super::act::{ActFormat, Stop, print, with_client};
use super::connect::ConnectArgs;
use super::output::pretty_json;
use crate::jira::Client;
use crate::jira::fields::{CreateIssueType, FieldMeta, Operation};
use crate::jira::pick::{Pick, pick};
use clap::Args;
use serde_json::{Value, json};
use std::process::ExitCode;
use unicode_width::UnicodeWidthStr;

/// Options of `jiratty fields`.
#[derive(Debug, Args)]
pub struct FieldsArgs {
    /// The issue whose editable fields to list.
    #[arg(required_unless_present = "create")]
    pub key: Option<String>,
    /// List the fields of a new issue instead (with --project and --type).
    #[arg(long, requires_all = ["project", "issue_type"])]
    pub create: bool,
    /// The project of the new issue.
    #[arg(long, value_name = "KEY")]
    pub project: Option<String>,
    /// The issue type of the new issue (name or id).
    #[arg(long = "type", id = "issue_type", value_name = "TYPE")]
    pub issue_type: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ActFormat,
}

/// Runs `jiratty fields`.
pub async fn run(connect: &ConnectArgs, args: FieldsArgs) -> ExitCode {
    let wait = "waiting for Jira to describe the fields".to_string();
    with_client(connect, wait, |client, progress| async move {
        let outcome = list(&client, &args).await;
        drop(progress);
        (client, outcome)
    })
    .await
}

async fn list(client: &Client, args: &FieldsArgs) -> Result<String, Stop> {
    let (fields, what) = match (&args.key, args.create) {
        (_, true) => {
            let project = args.project.as_deref().unwrap_or("").trim().to_uppercase();
            let ty = type_named(client, &project, args.issue_type.as_deref().unwrap_or("")).await?;
            let fields = client.create_fields(&project, &ty.id).await?;
            (fields, format!("a new {} in {project}", ty.name))
        }
        (Some(key), false) => {
            let key = key.trim().to_uppercase();
            (client.editmeta(&key).await?, key)
        }
        (None, false) => return Err(Stop::Input("say which issue, or --create".into())),
    };
    if args.format == ActFormat::Json {
        let list: Vec<Value> = fields.iter().map(field_json).collect();
        return Ok(pretty_json(&list).unwrap_or_default());
    }
    if fields.is_empty() {
        return Ok(print(
            args.format,
            format!("You may not change any field of {what}."),
            Value::Null,
        ));
    }
    Ok(table(&fields))
}

/// The issue type `typed` names among those `project` can create.
pub async fn type_named(
    client: &Client,
    project: &str,
    typed: &str,
) -> Result<CreateIssueType, Stop> {
    let types = client.create_issue_types(project).await?;
    if types.is_empty() {
        return Err(Stop::Input(format!(
            "you may not create issues in {project}"
        )));
    }
    let names = |t: &CreateIssueType| vec![t.name.clone(), t.id.clone()];
    let list = || {
        types
            .iter()
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match pick(&types, typed, names) {
        Pick::One(t) => Ok(t.clone()),
        Pick::Many(several) => Err(Stop::Input(format!(
            "'{typed}' fits several issue types of {project}: {}; say which",
            several
                .iter()
                .map(|t| t.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
        Pick::None => Err(Stop::Input(format!(
            "{project} has no issue type '{typed}'; it has: {}",
            list()
        ))),
    }
}

fn operations(f: &FieldMeta) -> Vec<&'static str> {
    f.operations
        .iter()
        .map(|o| match o {
            Operation::Set => "set",
            Operation::Add => "add",
            Operation::Remove => "remove",
            Operation::Edit => "edit",
        })
        .collect()
}

fn field_json(f: &FieldMeta) -> Value {
    json!({
        "id": f.id,
        "name": f.name,
        "required": f.required,
        "editor": f.kind.describe(),
        "editable": f.is_editable(),
        "schema": { "type": f.schema.kind, "items": f.schema.items,
            "system": f.schema.system, "custom": f.schema.custom },
        "operations": operations(f),
        "allowedValues": f.allowed.iter().map(|c| json!({
            "id": c.id, "name": c.name,
            "children": c.children.iter().map(|k| json!({"id": k.id, "name": k.name})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "hasDefaultValue": f.has_default,
    })
}

/// A table: name, id, what it takes, required, and the allowed values.
fn table(fields: &[FieldMeta]) -> String {
    let rows: Vec<[String; 4]> = fields
        .iter()
        .map(|f| {
            let mut takes = f.kind.describe().to_string();
            if f.adds_and_removes() {
                takes.push_str(" (add/remove)");
            }
            let allowed = f.allowed_text();
            let allowed = if allowed.chars().count() > 60 {
                let cut: String = allowed.chars().take(59).collect();
                format!("{cut}…")
            } else {
                allowed
            };
            [
                format!("{}{}", f.name, if f.required { " *" } else { "" }),
                f.id.clone(),
                takes,
                allowed,
            ]
        })
        .collect();
    let header = ["FIELD", "ID", "TAKES", "VALUES"];
    let mut widths = header.map(UnicodeWidthStr::width);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(UnicodeWidthStr::width(cell.as_str()));
        }
    }
    let line = |cells: [&str; 4]| {
        let mut out = String::new();
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            let cell = crate::text::sanitize_line(cell);
            out.push_str(&cell);
            if i < 3 {
                let pad = w.saturating_sub(UnicodeWidthStr::width(cell.as_str())) + 2;
                out.push_str(&" ".repeat(pad));
            }
        }
        out.trim_end().to_string()
    };
    let mut out = vec![line(header)];
    out.extend(rows.iter().map(|r| line([&r[0], &r[1], &r[2], &r[3]])));
    out.push("* required".to_string());
    out.join("\n")
}
