//! The agile API's shapes, read leniently: boards, board configuration, sprints, and board
//! issues as cards need them. Missing or odd values become defaults; nothing here panics.

use serde_json::Value;

/// Reads `v[name]` as text (strings and numbers).
fn text(v: &Value, name: &str) -> String {
    match v.get(name) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// Reads `v[name]` as a whole number (numbers and numeric strings).
fn number(v: &Value, name: &str) -> Option<u64> {
    match v.get(name)? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A board as the board list gives it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Board {
    /// Board id.
    pub id: u64,
    /// Its name.
    pub name: String,
    /// `scrum`, `kanban` (or what the site says).
    pub kind: String,
    /// The key of the project it is located in, if any.
    pub project_key: String,
    /// That project's name.
    pub project_name: String,
}

impl Board {
    /// Reads one board; `None` without an id.
    pub fn from_json(v: &Value) -> Option<Board> {
        let location = v.get("location").unwrap_or(&Value::Null);
        Some(Board {
            id: number(v, "id")?,
            name: text(v, "name"),
            kind: text(v, "type").to_ascii_lowercase(),
            project_key: text(location, "projectKey"),
            project_name: text(location, "projectName"),
        })
    }
    /// Whether it is a Scrum board (has sprints).
    pub fn is_scrum(&self) -> bool {
        self.kind == "scrum"
    }
}

/// One column of a board.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BoardColumn {
    /// Its name.
    pub name: String,
    /// The ids of the statuses it shows.
    pub status_ids: Vec<String>,
    /// The minimum issue count, if set.
    pub min: Option<u64>,
    /// The maximum issue count, if set.
    pub max: Option<u64>,
}

/// A board's configuration: its columns, estimation and rank field.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BoardConfig {
    /// Board id.
    pub id: u64,
    /// Its name.
    pub name: String,
    /// `scrum` or `kanban`.
    pub kind: String,
    /// Columns, left to right.
    pub columns: Vec<BoardColumn>,
    /// The field estimates are read from (`customfield_10016`), if the board estimates.
    pub estimation_field: Option<String>,
    /// The estimate's display name ("Story Points").
    pub estimation_name: String,
    /// The rank custom field's id.
    pub rank_field: Option<u64>,
}

impl BoardConfig {
    /// Reads a configuration answer.
    pub fn from_json(v: &Value) -> BoardConfig {
        let columns = v
            .pointer("/columnConfig/columns")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .map(|c| BoardColumn {
                        name: text(c, "name"),
                        status_ids: c
                            .get("statuses")
                            .and_then(Value::as_array)
                            .map(|s| {
                                s.iter()
                                    .map(|s| text(s, "id"))
                                    .filter(|s| !s.is_empty())
                                    .collect()
                            })
                            .unwrap_or_default(),
                        min: number(c, "min"),
                        max: number(c, "max"),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let field = v.pointer("/estimation/field").unwrap_or(&Value::Null);
        let estimation_field = Some(text(field, "fieldId")).filter(|f| !f.is_empty());
        BoardConfig {
            id: number(v, "id").unwrap_or(0),
            name: text(v, "name"),
            kind: text(v, "type").to_ascii_lowercase(),
            columns,
            estimation_name: text(field, "displayName"),
            estimation_field,
            rank_field: v
                .get("ranking")
                .and_then(|r| number(r, "rankCustomFieldId")),
        }
    }
    /// The column that shows status `id`.
    pub fn column_of(&self, status_id: &str) -> Option<usize> {
        self.columns
            .iter()
            .position(|c| c.status_ids.iter().any(|s| s == status_id))
    }
}

/// A sprint.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sprint {
    /// Sprint id.
    pub id: u64,
    /// Its name.
    pub name: String,
    /// `active`, `future` or `closed`.
    pub state: String,
    /// Its goal (may be empty).
    pub goal: String,
    /// Start, as Jira writes it.
    pub start: String,
    /// Planned end, as Jira writes it.
    pub end: String,
    /// The board it was made on.
    pub origin_board: Option<u64>,
}

impl Sprint {
    /// Reads one sprint; `None` without an id.
    pub fn from_json(v: &Value) -> Option<Sprint> {
        Some(Sprint {
            id: number(v, "id")?,
            name: text(v, "name"),
            state: text(v, "state").to_ascii_lowercase(),
            goal: text(v, "goal"),
            start: text(v, "startDate"),
            end: text(v, "endDate"),
            origin_board: number(v, "originBoardId"),
        })
    }
}

/// A person on a card.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CardUser {
    /// Display name.
    pub name: String,
    /// Account id (Cloud) or username (Server/DC): what "mine" compares.
    pub id: String,
}

impl CardUser {
    /// Initials of the display name ("AA" for Alice Anderson).
    pub fn initials(&self) -> String {
        self.name
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .take(2)
            .flat_map(char::to_uppercase)
            .collect()
    }
}

/// One issue of a board, as a card shows it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BoardIssue {
    /// Key.
    pub key: String,
    /// Summary.
    pub summary: String,
    /// Status id (what the columns map).
    pub status_id: String,
    /// Status name.
    pub status: String,
    /// Status category key (`new`, `indeterminate`, `done`).
    pub category: String,
    /// Issue type name.
    pub issue_type: String,
    /// Whether it is a sub-task.
    pub subtask: bool,
    /// Priority name.
    pub priority: String,
    /// Assignee.
    pub assignee: Option<CardUser>,
    /// The estimate, from the board's estimation field.
    pub estimate: Option<f64>,
    /// Flagged as an impediment.
    pub flagged: bool,
    /// How many sub-tasks it has.
    pub subtasks: usize,
    /// Its parent (epic, or the parent of a sub-task): key and summary.
    pub parent: Option<(String, String)>,
}

impl BoardIssue {
    /// Reads one issue; `estimate_field` names the board's estimation field.
    pub fn from_json(v: &Value, estimate_field: Option<&str>) -> Option<BoardIssue> {
        let key = text(v, "key");
        if key.is_empty() {
            return None;
        }
        let f = v.get("fields").unwrap_or(&Value::Null);
        let status = f.get("status").unwrap_or(&Value::Null);
        let kind = f.get("issuetype").unwrap_or(&Value::Null);
        let assignee = f.get("assignee").filter(|a| a.is_object()).map(|a| {
            let id = [text(a, "accountId"), text(a, "name")]
                .into_iter()
                .find(|s| !s.is_empty())
                .unwrap_or_default();
            CardUser {
                name: text(a, "displayName"),
                id,
            }
        });
        // The epic: Cloud's parent; Server/DC's Epic Link (a key) when there is no parent.
        let parent = f
            .get("parent")
            .filter(|p| p.is_object())
            .map(|p| {
                let summary = p
                    .pointer("/fields/summary")
                    .and_then(Value::as_str)
                    .unwrap_or("");
                (text(p, "key"), summary.to_string())
            })
            .or_else(|| {
                f.get("customfield_10014")
                    .and_then(Value::as_str)
                    .filter(|k| !k.is_empty())
                    .map(|k| (k.to_string(), String::new()))
            });
        let flagged = match f.get("flagged") {
            Some(Value::Bool(b)) => *b,
            _ => f
                .get("customfield_10021")
                .and_then(Value::as_array)
                .is_some_and(|a| !a.is_empty()),
        };
        Some(BoardIssue {
            key,
            summary: text(f, "summary"),
            status_id: text(status, "id"),
            status: text(status, "name"),
            category: status
                .get("statusCategory")
                .map(|c| text(c, "key"))
                .unwrap_or_default(),
            issue_type: text(kind, "name"),
            subtask: kind
                .get("subtask")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            priority: f
                .get("priority")
                .map(|p| text(p, "name"))
                .unwrap_or_default(),
            assignee,
            estimate: estimate_field
                .and_then(|e| f.get(e))
                .and_then(Value::as_f64),
            flagged,
            subtasks: f
                .get("subtasks")
                .and_then(Value::as_array)
                .map_or(0, Vec::len),
            parent,
        })
    }
}

/// A page of board issues.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BoardIssuePage {
    /// The issues.
    pub issues: Vec<BoardIssue>,
    /// Where the page started.
    pub start_at: u64,
    /// How many there are in all.
    pub total: u64,
}

impl BoardIssuePage {
    /// Reads a page.
    pub fn from_json(v: &Value, estimate_field: Option<&str>) -> BoardIssuePage {
        let issues: Vec<BoardIssue> = v
            .get("issues")
            .and_then(Value::as_array)
            .map(|l| {
                l.iter()
                    .filter_map(|i| BoardIssue::from_json(i, estimate_field))
                    .collect()
            })
            .unwrap_or_default();
        BoardIssuePage {
            start_at: number(v, "startAt").unwrap_or(0),
            total: number(v, "total").unwrap_or(issues.len() as u64),
            issues,
        }
    }
    /// Where the next page starts, when there is one.
    pub fn next_start(&self) -> Option<u64> {
        let next = self.start_at + self.issues.len() as u64;
        (!self.issues.is_empty() && next < self.total).then_some(next)
    }
}
