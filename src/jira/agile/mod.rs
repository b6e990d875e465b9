//! Jira Software's agile REST API (`/rest/agile/1.0`, the same on Cloud and Server/DC):
//! boards, their configuration and sprints, the issues of a board, a sprint or the backlog
//! (paged), and the board writes: moving issues into a sprint or to the backlog, and ranking.

pub mod models;

pub use models::{Board, BoardColumn, BoardConfig, BoardIssue, BoardIssuePage, CardUser, Sprint};

use super::client::{Call, Client};
use super::error::JiraError;
use reqwest::Method;
use serde_json::{Value, json};

const AGILE: &str = "/rest/agile/1.0";
/// Issues asked for per page of a board (the agile API gives at most 100 at a time).
pub const BOARD_PAGE: u32 = 100;
/// Pages of a board or sprint list read before giving up (a site that never says "last").
const MAX_LIST_PAGES: usize = 50;

/// Which issues of a board to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssueScope {
    /// Every issue of the board (Kanban boards, `board show` without a sprint).
    All,
    /// The board's backlog.
    Backlog,
    /// One sprint's issues on the board.
    Sprint(u64),
}

/// Where ranked issues go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RankPlace {
    /// Just before this issue.
    Before(String),
    /// Just after this issue.
    After(String),
}

/// The fields a card needs, plus the board's estimation field.
pub fn card_fields(estimate_field: Option<&str>) -> String {
    let mut fields =
        "summary,status,issuetype,priority,assignee,subtasks,parent,flagged,customfield_10021,customfield_10014"
            .to_string();
    if let Some(f) =
        estimate_field.filter(|f| f.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
    {
        fields.push(',');
        fields.push_str(f);
    }
    fields
}

fn keys_body(keys: &[String]) -> Result<Value, JiraError> {
    let keys: Vec<&str> = keys
        .iter()
        .map(|k| super::calls::check_key(k))
        .collect::<Result<_, _>>()?;
    Ok(json!({ "issues": keys }))
}

impl Client {
    /// One page of the boards the caller can see, optionally of one project or by name.
    pub async fn boards_page(
        &self,
        start_at: u64,
        project: Option<&str>,
        name: Option<&str>,
    ) -> Result<(Vec<Board>, bool), JiraError> {
        let mut call = Call::get(format!("{AGILE}/board"))
            .query("startAt", start_at.to_string())
            .query("maxResults", "50")
            .about("the boards");
        if let Some(p) = project {
            call = call.query("projectKeyOrId", p.to_string());
        }
        if let Some(n) = name {
            call = call.query("name", n.to_string());
        }
        let body: Value = self.call(call).await?;
        let values = body.get("values").and_then(Value::as_array);
        let boards: Vec<Board> = values
            .map(|v| v.iter().filter_map(Board::from_json).collect())
            .unwrap_or_default();
        let last = body
            .get("isLast")
            .and_then(Value::as_bool)
            .unwrap_or(values.is_none_or(Vec::is_empty));
        Ok((boards, last || values.is_none_or(Vec::is_empty)))
    }

    /// Every board the caller can see (all pages), optionally of one project.
    pub async fn boards(&self, project: Option<&str>) -> Result<Vec<Board>, JiraError> {
        let mut all = Vec::new();
        for _ in 0..MAX_LIST_PAGES {
            let (page, last) = self.boards_page(all.len() as u64, project, None).await?;
            all.extend(page);
            if last {
                break;
            }
        }
        Ok(all)
    }

    /// One board by id.
    pub async fn board(&self, id: u64) -> Result<Board, JiraError> {
        let body: Value = self
            .call(Call::get(format!("{AGILE}/board/{id}")).about(format!("board {id}")))
            .await?;
        Board::from_json(&body).ok_or_else(|| JiraError::NotFound {
            message: format!("Board {id} does not exist or you cannot see it."),
        })
    }

    /// Finds a board by id or (case-insensitive, then unique part of the) name.
    pub async fn find_board(&self, name_or_id: &str) -> Result<Board, JiraError> {
        let wanted = name_or_id.trim();
        if let Ok(id) = wanted.parse::<u64>() {
            return self.board(id).await;
        }
        let all = self.boards(None).await?;
        if let Some(b) = all.iter().find(|b| b.name.eq_ignore_ascii_case(wanted)) {
            return Ok(b.clone());
        }
        let lower = wanted.to_lowercase();
        let partial: Vec<&Board> = all
            .iter()
            .filter(|b| b.name.to_lowercase().contains(&lower))
            .collect();
        match partial.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(JiraError::NotFound {
                message: format!(
                    "No board is called '{}'.",
                    crate::text::sanitize_line(wanted)
                ),
            }),
            many => Err(JiraError::NotFound {
                message: format!(
                    "Several boards match '{}': {}.",
                    crate::text::sanitize_line(wanted),
                    many.iter()
                        .map(|b| crate::text::sanitize_line(&b.name))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }),
        }
    }

    /// A board's columns, estimation and rank field.
    pub async fn board_configuration(&self, id: u64) -> Result<BoardConfig, JiraError> {
        let body: Value = self
            .call(
                Call::get(format!("{AGILE}/board/{id}/configuration"))
                    .about(format!("the configuration of board {id}")),
            )
            .await?;
        Ok(BoardConfig::from_json(&body))
    }

    /// The sprints of a Scrum board in `states` (`active`, `future`, `closed`; empty: all).
    pub async fn sprints(&self, board: u64, states: &[&str]) -> Result<Vec<Sprint>, JiraError> {
        let mut all = Vec::new();
        for _ in 0..MAX_LIST_PAGES {
            let mut call = Call::get(format!("{AGILE}/board/{board}/sprint"))
                .query("startAt", all.len().to_string())
                .query("maxResults", "50")
                .about(format!("the sprints of board {board}"));
            if !states.is_empty() {
                call = call.query("state", states.join(","));
            }
            let body: Value = self.call(call).await?;
            let values = body.get("values").and_then(Value::as_array);
            let page: Vec<Sprint> = values
                .map(|v| v.iter().filter_map(Sprint::from_json).collect())
                .unwrap_or_default();
            let last =
                page.is_empty() || body.get("isLast").and_then(Value::as_bool).unwrap_or(true);
            all.extend(page);
            if last {
                break;
            }
        }
        Ok(all)
    }

    /// One page of a board's issues in `scope`, in rank order, narrowed by `jql`.
    pub async fn board_issues(
        &self,
        board: u64,
        scope: &IssueScope,
        jql: Option<&str>,
        start_at: u64,
        max_results: u32,
        estimate_field: Option<&str>,
    ) -> Result<BoardIssuePage, JiraError> {
        let path = match scope {
            IssueScope::All => format!("{AGILE}/board/{board}/issue"),
            IssueScope::Backlog => format!("{AGILE}/board/{board}/backlog"),
            IssueScope::Sprint(s) => format!("{AGILE}/board/{board}/sprint/{s}/issue"),
        };
        let mut call = Call::get(path)
            .query("startAt", start_at.to_string())
            .query("maxResults", max_results.to_string())
            .query("fields", card_fields(estimate_field))
            .about(format!("the issues of board {board}"));
        if let Some(jql) = jql.filter(|j| !j.trim().is_empty()) {
            call = call.query("jql", jql.to_string());
        }
        let body: Value = self.call(call).await?;
        Ok(BoardIssuePage::from_json(&body, estimate_field))
    }

    /// Every issue of a board in `scope` (all pages, at most `limit`).
    pub async fn all_board_issues(
        &self,
        board: u64,
        scope: &IssueScope,
        jql: Option<&str>,
        estimate_field: Option<&str>,
        limit: usize,
    ) -> Result<Vec<BoardIssue>, JiraError> {
        let mut all = Vec::new();
        let mut start = 0;
        loop {
            let page = self
                .board_issues(board, scope, jql, start, 100, estimate_field)
                .await?;
            let next = page.next_start();
            all.extend(page.issues);
            match next {
                Some(n) if all.len() < limit && n > start => start = n,
                _ => break,
            }
        }
        all.truncate(limit);
        Ok(all)
    }

    /// Moves issues into sprint `sprint` (Jira refuses a closed one). Not repeated on failure.
    pub async fn move_to_sprint(&self, sprint: u64, keys: &[String]) -> Result<(), JiraError> {
        let body = keys_body(keys)?;
        self.call::<Value>(
            Call::post(format!("{AGILE}/sprint/{sprint}/issue"), body)
                .about(format!("the move into sprint {sprint}")),
        )
        .await
        .map(drop)
    }

    /// Moves issues to the backlog (out of their sprints). Not repeated on failure.
    pub async fn move_to_backlog(&self, keys: &[String]) -> Result<(), JiraError> {
        let body = keys_body(keys)?;
        self.call::<Value>(
            Call::post(format!("{AGILE}/backlog/issue"), body).about("the move to the backlog"),
        )
        .await
        .map(drop)
    }

    /// Ranks issues before or after another. Jira answers each issue on its own (207): any
    /// refused one makes this an error with Jira's reason.
    pub async fn rank(
        &self,
        keys: &[String],
        place: &RankPlace,
        rank_field: Option<u64>,
    ) -> Result<(), JiraError> {
        let mut body = keys_body(keys)?;
        match place {
            RankPlace::Before(k) => body["rankBeforeIssue"] = json!(super::calls::check_key(k)?),
            RankPlace::After(k) => body["rankAfterIssue"] = json!(super::calls::check_key(k)?),
        }
        if let Some(f) = rank_field {
            body["rankCustomFieldId"] = json!(f);
        }
        let answer: Value = self
            .call(Call {
                method: Method::PUT,
                idempotent: false,
                ..Call::post(format!("{AGILE}/issue/rank"), body).about("the new rank")
            })
            .await?;
        let refused: Vec<String> = answer
            .get("entries")
            .and_then(Value::as_array)
            .map(|entries| {
                entries
                    .iter()
                    .filter(|e| e.get("status").and_then(Value::as_u64).unwrap_or(200) >= 300)
                    .flat_map(|e| {
                        e.get("errors")
                            .and_then(Value::as_array)
                            .map(|l| {
                                l.iter()
                                    .filter_map(Value::as_str)
                                    .map(String::from)
                                    .collect()
                            })
                            .unwrap_or_else(|| vec!["Jira refused the rank".to_string()])
                    })
                    .collect()
            })
            .unwrap_or_default();
        if refused.is_empty() {
            Ok(())
        } else {
            Err(JiraError::BadRequest {
                message: crate::text::sanitize_line(&refused.join(" ")),
            })
        }
    }
}

#[cfg(test)]
mod tests;
