//! `jiratty comment KEY`, `jiratty comment edit KEY ID`, `jiratty comment rm KEY ID`: writing
//! comments from the command line in Markdown (converted for the site), wiki markup or ADF.

use super::act::ActFormat;
use super::connect::ConnectArgs;
use super::output::pretty_json;
use super::progress::Progress;
use crate::jira::{Client, Comment, CommentBody, JiraError};
use crate::text::sanitize_line;
use clap::{Args, Subcommand};
use serde_json::json;
use std::io::{IsTerminal, Read};
use std::process::ExitCode;

/// How the comment's text is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// Markdown, converted to ADF for Cloud and to wiki markup for Data Center.
    Markdown,
    /// Jira wiki markup, sent as it is.
    Wiki,
    /// An ADF document (JSON), sent as it is (Cloud only).
    Adf,
}

/// Where the comment's text comes from.
#[derive(Debug, Args)]
pub struct TextArgs {
    /// The text.
    #[arg(long, value_name = "TEXT", conflicts_with_all = ["file", "editor"])]
    pub body: Option<String>,
    /// Read the text from a file (`-`: standard input).
    #[arg(long, value_name = "PATH", conflicts_with = "editor")]
    pub file: Option<String>,
    /// Write the text in $VISUAL / $EDITOR.
    #[arg(long)]
    pub editor: bool,
    /// How the text is written.
    #[arg(long, value_enum, default_value = "markdown")]
    pub input: InputFormat,
}

/// Options of `jiratty comment`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct CommentArgs {
    /// Change or remove a comment instead of adding one.
    #[command(subcommand)]
    pub change: Option<CommentChange>,
    /// The issue key, e.g. ACME-12.
    pub key: Option<String>,
    /// The text (without --body, --file or --editor: standard input when it is not a
    /// terminal).
    #[command(flatten)]
    pub text: TextArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ActFormat,
}

/// Changing an existing comment.
#[derive(Debug, Subcommand)]
pub enum CommentChange {
    /// Replace the text of one of your comments.
    Edit {
        /// The issue key.
        key: String,
        /// The comment's id (`jiratty issue KEY --format json` shows them).
        id: String,
        /// The new text.
        #[command(flatten)]
        text: TextArgs,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: ActFormat,
    },
    /// Delete one of your comments.
    Rm {
        /// The issue key.
        key: String,
        /// The comment's id.
        id: String,
    },
}

/// Reads the text as `args` say.
fn read_text(args: &TextArgs, key: &str) -> Result<String, String> {
    let text = if let Some(body) = &args.body {
        body.clone()
    } else if let Some(path) = &args.file {
        let bytes = if path == "-" {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            bytes
        } else {
            std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?
        };
        String::from_utf8(bytes).map_err(|_| format!("{path} is not UTF-8 text"))?
    } else if args.editor {
        crate::app::external::edit(key, "").map_err(|n| n.joined())?
    } else if !std::io::stdin().is_terminal() {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        text
    } else {
        return Err("give the comment with --body TEXT, --file PATH or --editor".into());
    };
    if text.trim().is_empty() {
        return Err("the comment is empty; nothing was sent".into());
    }
    Ok(text)
}

fn body_of(text: String, input: InputFormat) -> Result<CommentBody, String> {
    Ok(match input {
        InputFormat::Markdown => CommentBody::Markdown {
            text,
            mentions: Vec::new(),
        },
        InputFormat::Wiki => CommentBody::Wiki(text),
        InputFormat::Adf => {
            let doc: serde_json::Value =
                serde_json::from_str(&text).map_err(|e| format!("the ADF is not JSON: {e}"))?;
            if doc.get("type").and_then(|t| t.as_str()) != Some("doc") {
                return Err("the ADF is not a document (its type must be \"doc\")".into());
            }
            CommentBody::Adf(doc)
        }
    })
}

fn connect(connect: &ConnectArgs) -> Result<Client, ExitCode> {
    match connect.client() {
        Ok(Ok(client)) => Ok(client),
        Ok(Err(e)) => Err(super::report(&e)),
        Err(e) => Err(e.report()),
    }
}

fn usage(sentence: &str) -> ExitCode {
    eprintln!("jiratty: {}", sanitize_line(sentence));
    ExitCode::from(super::exit::USAGE)
}

fn printed(format: ActFormat, text: String, key: &str, comment: &Comment) {
    match format {
        ActFormat::Text => println!("{}", sanitize_line(&text)),
        ActFormat::Json => println!(
            "{}",
            pretty_json(&json!({
                "key": key,
                "id": comment.id,
                "created": comment.created,
                "updated": comment.updated,
            }))
            .unwrap_or_default()
        ),
    }
}

/// Runs `jiratty comment`.
pub async fn run(connect_args: &ConnectArgs, args: CommentArgs) -> ExitCode {
    match args.change {
        Some(CommentChange::Edit {
            key,
            id,
            text,
            format,
        }) => edit(connect_args, &key, &id, &text, format).await,
        Some(CommentChange::Rm { key, id }) => remove(connect_args, &key, &id).await,
        None => {
            let Some(key) = args.key else {
                return usage("say which issue: jiratty comment KEY --body TEXT");
            };
            add(connect_args, &key, &args.text, args.format).await
        }
    }
}

async fn finish<T>(
    client: &Client,
    progress: Progress,
    result: Result<T, JiraError>,
) -> Result<T, ExitCode> {
    drop(progress);
    let _ = client.logout().await;
    result.map_err(|e| super::report(&e))
}

async fn add(
    connect_args: &ConnectArgs,
    key: &str,
    text: &TextArgs,
    format: ActFormat,
) -> ExitCode {
    let key = key.trim().to_uppercase();
    let body = match read_text(text, &key).and_then(|t| body_of(t, text.input)) {
        Ok(body) => body,
        Err(sentence) => return usage(&sentence),
    };
    let client = match connect(connect_args) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let progress = Progress::start(
        format!("waiting for Jira to add the comment to {key}"),
        client.deadline(),
    );
    let result = client.post_comment(&key, &body, None).await;
    match finish(&client, progress, result).await {
        Ok(comment) => {
            printed(
                format,
                format!("Comment {} added to {key}", comment.id),
                &key,
                &comment,
            );
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}

async fn edit(
    connect_args: &ConnectArgs,
    key: &str,
    id: &str,
    text: &TextArgs,
    format: ActFormat,
) -> ExitCode {
    let key = key.trim().to_uppercase();
    let body = match read_text(text, &key).and_then(|t| body_of(t, text.input)) {
        Ok(body) => body,
        Err(sentence) => return usage(&sentence),
    };
    let client = match connect(connect_args) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let progress = Progress::start(
        format!("waiting for Jira to change comment {id} of {key}"),
        client.deadline(),
    );
    let result = client.edit_comment(&key, id, &body, None).await;
    match finish(&client, progress, result).await {
        Ok(comment) => {
            printed(
                format,
                format!("Comment {} of {key} changed", comment.id),
                &key,
                &comment,
            );
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}

async fn remove(connect_args: &ConnectArgs, key: &str, id: &str) -> ExitCode {
    let key = key.trim().to_uppercase();
    let client = match connect(connect_args) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let progress = Progress::start(
        format!("waiting for Jira to delete comment {id} of {key}"),
        client.deadline(),
    );
    let result = client.delete_comment(&key, id).await;
    match finish(&client, progress, result).await {
        Ok(()) => {
            println!("Comment {} removed from {key}", sanitize_line(id.trim()));
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}
