//! `jiratty board list` and `jiratty board show BOARD`: the boards the user can see, and one
//! board's columns with their issues (a Scrum board's active sprint, another sprint, or the
//! backlog; a Kanban board's issues).

use super::connect::ConnectArgs;
use super::output::ListFormat;
use crate::jira::agile::{Board, BoardConfig, BoardIssue, IssueScope, Sprint};
use crate::jira::{Client, JiraError};
use crate::text::sanitize_line;
use clap::{Args, Subcommand};
use serde_json::{Value, json};
use std::process::ExitCode;

/// The most issues `board show` reads.
const SHOW_LIMIT: usize = 5000;

/// Options of `jiratty board`.
#[derive(Debug, Args)]
pub struct BoardArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: BoardCommand,
}

/// The `board` subcommands.
#[derive(Debug, Subcommand)]
pub enum BoardCommand {
    /// List the boards you can see.
    List {
        /// Only the boards of this project (key or id).
        #[arg(long, value_name = "KEY")]
        project: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Print a board's columns with their issues, in rank order.
    Show {
        /// The board: its id or (part of) its name.
        board: String,
        /// Scrum boards: `active` (the default), a sprint's name or id, or `backlog`.
        #[arg(long, value_name = "SPRINT")]
        sprint: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
}

/// Runs `jiratty board …`.
pub async fn run(connect: &ConnectArgs, args: BoardArgs) -> ExitCode {
    let client = match connect.client() {
        Ok(Ok(client)) => client,
        Ok(Err(e)) => return super::report(&e),
        Err(e) => return e.report(),
    };
    let result = match args.command {
        BoardCommand::List { project, format } => list(&client, project.as_deref(), format).await,
        BoardCommand::Show {
            board,
            sprint,
            format,
        } => show(&client, &board, sprint.as_deref(), format).await,
    };
    let _ = client.logout().await;
    match result {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => super::report(&e),
    }
}

/// A CSV cell.
pub(super) fn cell(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// CSV lines from rows of cells (CRLF ends).
pub(super) fn csv(rows: &[Vec<String>]) -> String {
    rows.iter()
        .map(|r| r.iter().map(|c| cell(c)).collect::<Vec<_>>().join(",") + "\r\n")
        .collect()
}

/// Aligned columns (every cell already sanitised).
pub(super) fn table(rows: &[Vec<String>]) -> String {
    use unicode_width::UnicodeWidthStr;
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (c, text) in row.iter().enumerate() {
            line.push_str(text);
            if c + 1 < row.len() {
                line.push_str(&" ".repeat(widths[c].saturating_sub(text.width()) + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

async fn list(
    client: &Client,
    project: Option<&str>,
    format: ListFormat,
) -> Result<String, JiraError> {
    let boards = client.boards(project).await?;
    let row = |b: &Board| {
        vec![
            b.id.to_string(),
            sanitize_line(&b.name),
            sanitize_line(&b.kind),
            sanitize_line(&b.project_key),
        ]
    };
    Ok(match format {
        ListFormat::Json => {
            let list: Vec<Value> = boards
                .iter()
                .map(|b| json!({"id": b.id, "name": sanitize_line(&b.name), "type": sanitize_line(&b.kind), "project": sanitize_line(&b.project_key)}))
                .collect();
            super::output::pretty_json(&list).unwrap_or_default() + "\n"
        }
        ListFormat::Csv => {
            let mut rows = vec![vec![
                "id".into(),
                "name".into(),
                "type".into(),
                "project".into(),
            ]];
            rows.extend(boards.iter().map(row));
            csv(&rows)
        }
        ListFormat::Table => {
            if boards.is_empty() {
                return Ok("No boards.\n".into());
            }
            let mut rows = vec![vec![
                "ID".into(),
                "NAME".into(),
                "TYPE".into(),
                "PROJECT".into(),
            ]];
            rows.extend(boards.iter().map(row));
            table(&rows)
        }
    })
}

/// Picks the sprint `wanted` names (`active`, a name, an id) among a board's sprints.
pub(super) fn pick_sprint(sprints: &[Sprint], wanted: &str) -> Result<Sprint, JiraError> {
    let w = wanted.trim();
    let found = if w.eq_ignore_ascii_case("active") {
        sprints.iter().find(|s| s.state == "active")
    } else {
        sprints
            .iter()
            .find(|s| s.id.to_string() == w || s.name.eq_ignore_ascii_case(w))
    };
    found.cloned().ok_or_else(|| JiraError::NotFound {
        message: if w.eq_ignore_ascii_case("active") {
            "The board has no active sprint (name one with --sprint, or --sprint backlog).".into()
        } else {
            format!("The board has no sprint '{}'.", sanitize_line(w))
        },
    })
}

/// The cards of each column: issues that are not sub-tasks, by the column their status maps to.
pub fn by_column(config: &BoardConfig, issues: &[BoardIssue]) -> Vec<Vec<BoardIssue>> {
    let mut columns = vec![Vec::new(); config.columns.len()];
    for issue in issues.iter().filter(|i| !i.subtask) {
        if let Some(c) = config.column_of(&issue.status_id) {
            columns[c].push(issue.clone());
        }
    }
    columns
}

async fn show(
    client: &Client,
    board: &str,
    sprint: Option<&str>,
    format: ListFormat,
) -> Result<String, JiraError> {
    let board = client.find_board(board).await?;
    let config = client.board_configuration(board.id).await?;
    let (scope, sprint) = match (board.is_scrum(), sprint) {
        (_, Some(s)) if s.trim().eq_ignore_ascii_case("backlog") => (IssueScope::Backlog, None),
        (true, wanted) => {
            let sprints = client.sprints(board.id, &[]).await?;
            let s = pick_sprint(&sprints, wanted.unwrap_or("active"))?;
            (IssueScope::Sprint(s.id), Some(s))
        }
        (false, Some(_)) => {
            return Err(JiraError::BadRequest {
                message: format!(
                    "{} is a Kanban board: it has no sprints.",
                    sanitize_line(&board.name)
                ),
            });
        }
        (false, None) => (IssueScope::All, None),
    };
    let field = config.estimation_field.as_deref();
    let issues = client
        .all_board_issues(board.id, &scope, None, field, SHOW_LIMIT)
        .await?;
    let columns = by_column(&config, &issues);
    let card = |i: &BoardIssue| {
        let who = i.assignee.as_ref().map(|a| a.name.as_str()).unwrap_or("");
        (
            sanitize_line(&i.key),
            sanitize_line(&i.summary),
            sanitize_line(&i.status),
            sanitize_line(&i.issue_type),
            sanitize_line(&i.priority),
            sanitize_line(who),
            i.estimate.map(|e| e.to_string()).unwrap_or_default(),
        )
    };
    Ok(match format {
        ListFormat::Json => {
            let cols: Vec<Value> = config
                .columns
                .iter()
                .zip(&columns)
                .map(|(c, cards)| {
                    json!({
                        "name": sanitize_line(&c.name),
                        "min": c.min,
                        "max": c.max,
                        "issues": cards.iter().map(|i| {
                            let (key, summary, status, kind, priority, assignee, _) = card(i);
                            json!({"key": key, "summary": summary, "status": status, "type": kind,
                                "priority": priority, "assignee": assignee, "estimate": i.estimate,
                                "flagged": i.flagged, "subtasks": i.subtasks})
                        }).collect::<Vec<_>>(),
                    })
                })
                .collect();
            let body = json!({
                "board": {"id": board.id, "name": sanitize_line(&board.name), "type": sanitize_line(&board.kind)},
                "sprint": sprint.as_ref().map(|s| json!({"id": s.id, "name": sanitize_line(&s.name), "state": sanitize_line(&s.state), "goal": sanitize_line(&s.goal)})),
                "backlog": scope == IssueScope::Backlog,
                "columns": cols,
            });
            super::output::pretty_json(&body).unwrap_or_default() + "\n"
        }
        ListFormat::Csv => {
            let mut rows = vec![
                [
                    "column", "key", "summary", "status", "type", "priority", "assignee",
                    "estimate",
                ]
                .map(String::from)
                .to_vec(),
            ];
            for (c, cards) in config.columns.iter().zip(&columns) {
                for i in cards {
                    let (key, summary, status, kind, priority, assignee, estimate) = card(i);
                    rows.push(vec![
                        sanitize_line(&c.name),
                        key,
                        summary,
                        status,
                        kind,
                        priority,
                        assignee,
                        estimate,
                    ]);
                }
            }
            csv(&rows)
        }
        ListFormat::Table => {
            let mut out = format!(
                "{} ({})",
                sanitize_line(&board.name),
                sanitize_line(&board.kind)
            );
            match (&sprint, &scope) {
                (Some(s), _) => {
                    out.push_str(&format!(
                        " · {} [{}]",
                        sanitize_line(&s.name),
                        sanitize_line(&s.state)
                    ));
                    if !s.goal.is_empty() {
                        out.push_str(&format!(" · goal: {}", sanitize_line(&s.goal)));
                    }
                }
                (None, IssueScope::Backlog) => out.push_str(" · backlog"),
                _ => {}
            }
            out.push('\n');
            for (c, cards) in config.columns.iter().zip(&columns) {
                let limits = match (c.min, c.max) {
                    (None, None) => String::new(),
                    (min, max) => format!(
                        " [{}{}]",
                        min.map(|m| format!("min {m}")).unwrap_or_default(),
                        max.map(|m| format!("{}max {m}", if min.is_some() { ", " } else { "" }))
                            .unwrap_or_default()
                    ),
                };
                out.push_str(&format!(
                    "\n{} ({}){limits}\n",
                    sanitize_line(&c.name),
                    cards.len()
                ));
                let rows: Vec<Vec<String>> = cards
                    .iter()
                    .map(|i| {
                        let (key, summary, _, kind, priority, _, estimate) = card(i);
                        let who = i
                            .assignee
                            .as_ref()
                            .map(|a| a.initials())
                            .unwrap_or_else(|| "-".into());
                        vec![
                            format!("  {key}"),
                            summary,
                            kind,
                            priority,
                            sanitize_line(&who),
                            estimate,
                        ]
                    })
                    .collect();
                out.push_str(&table(&rows));
            }
            out
        }
    })
}
