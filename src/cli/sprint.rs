//! `jiratty sprint list BOARD [--state active,future,closed]`: a Scrum board's sprints.

use super::board::{csv, table};
use super::connect::ConnectArgs;
use super::output::ListFormat;
use crate::jira::JiraError;
use crate::text::sanitize_line;
use clap::{Args, Subcommand};
use serde_json::{Value, json};
use std::process::ExitCode;

/// Options of `jiratty sprint`.
#[derive(Debug, Args)]
pub struct SprintArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: SprintCommand,
}

/// The `sprint` subcommands.
#[derive(Debug, Subcommand)]
pub enum SprintCommand {
    /// List a Scrum board's sprints.
    List {
        /// The board: its id or (part of) its name.
        board: String,
        /// Only sprints in these states, comma separated: active, future, closed.
        #[arg(long, value_delimiter = ',', value_name = "STATES")]
        state: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
}

/// Runs `jiratty sprint …`.
pub async fn run(connect: &ConnectArgs, args: SprintArgs) -> ExitCode {
    let SprintCommand::List {
        board,
        state,
        format,
    } = args.command;
    let states: Vec<String> = state
        .iter()
        .map(|s| s.trim().to_ascii_lowercase())
        .filter(|s| !s.is_empty())
        .collect();
    if let Some(bad) = states
        .iter()
        .find(|s| !matches!(s.as_str(), "active" | "future" | "closed"))
    {
        eprintln!(
            "jiratty: '{}' is not a sprint state (active, future, closed)",
            sanitize_line(bad)
        );
        return ExitCode::from(super::exit::USAGE);
    }
    let client = match connect.client() {
        Ok(Ok(client)) => client,
        Ok(Err(e)) => return super::report(&e),
        Err(e) => return e.report(),
    };
    let result: Result<String, JiraError> = async {
        let board = client.find_board(&board).await?;
        let states: Vec<&str> = states.iter().map(String::as_str).collect();
        let sprints = client.sprints(board.id, &states).await?;
        let row = |s: &crate::jira::agile::Sprint| {
            vec![
                s.id.to_string(),
                sanitize_line(&s.name),
                sanitize_line(&s.state),
                sanitize_line(s.start.get(..10).unwrap_or(&s.start)),
                sanitize_line(s.end.get(..10).unwrap_or(&s.end)),
                sanitize_line(&s.goal),
            ]
        };
        Ok(match format {
            ListFormat::Json => {
                let list: Vec<Value> = sprints
                    .iter()
                    .map(|s| {
                        json!({"id": s.id, "name": sanitize_line(&s.name), "state": sanitize_line(&s.state),
                            "start": sanitize_line(&s.start), "end": sanitize_line(&s.end), "goal": sanitize_line(&s.goal)})
                    })
                    .collect();
                super::output::pretty_json(&list).unwrap_or_default() + "\n"
            }
            ListFormat::Csv => {
                let mut rows =
                    vec![["id", "name", "state", "start", "end", "goal"].map(String::from).to_vec()];
                rows.extend(sprints.iter().map(row));
                csv(&rows)
            }
            ListFormat::Table if sprints.is_empty() => "No sprints.\n".to_string(),
            ListFormat::Table => {
                let mut rows =
                    vec![["ID", "NAME", "STATE", "START", "END", "GOAL"].map(String::from).to_vec()];
                rows.extend(sprints.iter().map(row));
                table(&rows)
            }
        })
    }
    .await;
    let _ = client.logout().await;
    match result {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => super::report(&e),
    }
}
