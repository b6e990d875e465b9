//! `jiratty edit KEY --field NAME=VALUE --add NAME=VALUE --remove NAME=VALUE`: change an
//! issue's fields as editmeta describes them. `--field` sets a value; `--add` and `--remove`
//! change one element of a multi-value field without touching the others.

use super::act::{ActFormat, Stop, print, with_client};
use super::connect::ConnectArgs;
use super::field_values::{field_named, refusal, split_assignment, value_for};
use crate::jira::Client;
use crate::jira::fields::{FieldMeta, IssueEdit};
use clap::Args;
use serde_json::{Value, json};
use std::process::ExitCode;

/// Options of `jiratty edit`.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// The issue key, e.g. ACME-12.
    pub key: String,
    /// Set a field, by display name or id: `--field "Story Points=5"` (repeatable; an empty
    /// value clears the field).
    #[arg(long = "field", value_name = "NAME=VALUE")]
    pub fields: Vec<String>,
    /// Add to a multi-value field: `--add labels=backend` (repeatable).
    #[arg(long = "add", value_name = "NAME=VALUE")]
    pub add: Vec<String>,
    /// Remove from a multi-value field: `--remove labels=old` (repeatable).
    #[arg(long = "remove", value_name = "NAME=VALUE")]
    pub remove: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ActFormat,
}

/// Runs `jiratty edit`.
pub async fn run(connect: &ConnectArgs, args: EditArgs) -> ExitCode {
    let wait = format!("waiting for Jira to describe the fields of {}", args.key);
    with_client(connect, wait, |client, progress| async move {
        let outcome = edit(&client, &progress, &args).await;
        drop(progress);
        (client, outcome)
    })
    .await
}

async fn edit(
    client: &Client,
    progress: &super::progress::Progress,
    args: &EditArgs,
) -> Result<String, Stop> {
    let key = args.key.trim().to_uppercase();
    if args.fields.is_empty() && args.add.is_empty() && args.remove.is_empty() {
        return Err(Stop::Input(format!(
            "say what to change with --field, --add or --remove; `jiratty fields {key}` lists the fields"
        )));
    }
    let form = client.edit_form(&key).await?;
    if form.fields.is_empty() {
        return Err(Stop::Input(format!("you may not edit {key}")));
    }
    let deployment = form.deployment;
    let what = key.clone();
    let mut edit = IssueEdit::default();
    let mut changed: Vec<&FieldMeta> = Vec::new();
    for arg in &args.fields {
        let (name, typed) = split_assignment(arg)?;
        let meta = field_named(&form.fields, name, &what)?;
        let value = value_for(client, meta, typed).await?;
        if meta.required && value.is_empty() {
            return Err(Stop::Input(format!(
                "{} is required and cannot be cleared",
                meta.name
            )));
        }
        edit.set(meta, &value, deployment);
        changed.push(meta);
    }
    for (args, adding) in [(&args.add, true), (&args.remove, false)] {
        for arg in args {
            let (name, typed) = split_assignment(arg)?;
            let meta = field_named(&form.fields, name, &what)?;
            if !meta.kind.is_multi() {
                let flag = if adding { "--add" } else { "--remove" };
                return Err(Stop::Input(format!(
                    "{} holds one value: set it with --field instead of {flag}",
                    meta.name
                )));
            }
            let value = value_for(client, meta, typed).await?;
            if meta.adds_and_removes() {
                if adding {
                    edit.add(meta, &value, deployment);
                } else {
                    edit.remove(meta, &value, deployment);
                }
            } else {
                // Only `set` is allowed: the new whole value from the current one.
                let current = form.current.get(&meta.id).cloned().unwrap_or(Value::Null);
                let old = meta.value_from_json(&current, deployment);
                let mut items = meta.element_json(&old, deployment);
                for item in meta.element_json(&value, deployment) {
                    if adding && !items.contains(&item) {
                        items.push(item);
                    } else if !adding {
                        items.retain(|i| i != &item);
                    }
                }
                edit.fields.insert(meta.id.clone(), Value::Array(items));
            }
            changed.push(meta);
        }
    }
    progress.waiting_for(format!("waiting for Jira to change {key}"));
    client
        .edit_issue(&key, &edit)
        .await
        .map_err(|e| refusal(e, &form.fields))?;
    changed.dedup_by(|a, b| a.id == b.id);
    let metas: Vec<FieldMeta> = changed.iter().map(|m| (*m).clone()).collect();
    let (now, _) = client.current_values(&key, &metas).await?;
    let shown: Vec<(String, String)> = metas
        .iter()
        .map(|m| {
            let raw = now.get(&m.id).cloned().unwrap_or(Value::Null);
            (
                m.name.clone(),
                m.value_from_json(&raw, deployment).display(),
            )
        })
        .collect();
    let text = format!(
        "{key} updated: {}",
        shown
            .iter()
            .map(|(n, v)| if v.is_empty() {
                format!("{n} cleared")
            } else {
                format!("{n} = {v}")
            })
            .collect::<Vec<_>>()
            .join("; ")
    );
    let fields: serde_json::Map<String, Value> = metas
        .iter()
        .map(|m| (m.id.clone(), now.get(&m.id).cloned().unwrap_or(Value::Null)))
        .collect();
    Ok(print(
        args.format,
        text,
        json!({ "key": key, "fields": fields }),
    ))
}
