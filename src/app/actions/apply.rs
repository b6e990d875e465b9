//! A change on screen before Jira confirms it: the list row and the issue view change at
//! once, marked pending; Jira's answer confirms them (and they are read again, so what shows is
//! Jira's truth) or puts them back as they were, with Jira's reason.

use super::super::msg::Command;
use super::super::row::{Category, Row};
use super::super::state::{Notice, Slot, State};
use crate::jira::{Issue, Status, User};
use crate::worker::{Act, RequestId, RequestKind};
use serde_json::{Value, json};
use std::sync::Arc;

/// What a change shows before Jira confirms it.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// The issue is in this status.
    Status(Status),
    /// The issue is assigned to this person (None: nobody; the label when Jira picks).
    Assignee(Option<User>, Option<String>),
    /// I watch the issue, or not.
    Watching(bool),
    /// A field has a new value.
    Field {
        /// The field id.
        id: String,
        /// Its value as Jira will have it (as sent).
        json: Value,
        /// Its value as text.
        shown: String,
    },
}

/// A change sent to Jira and not yet answered.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    /// Its request.
    pub id: RequestId,
    /// The issue.
    pub key: String,
    /// What the status line says meanwhile ("Moving ACME-1 to In Progress").
    pub doing: String,
    /// What it says when Jira confirmed ("ACME-1 moved to In Progress").
    pub done: String,
    /// What it says when Jira refused ("Could not move ACME-1").
    pub failed: String,
    /// The row as it was.
    row_before: Option<Row>,
    /// The issue as it was.
    issue_before: Option<Arc<Issue>>,
}

/// Shows `change` on `key`, sends `act`, and waits for it; the words are for the status line.
pub fn send(
    state: &mut State,
    key: &str,
    act: Act,
    change: Change,
    words: [String; 3],
    out: &mut Vec<Command>,
) {
    let kind = RequestKind::Act {
        key: key.to_string(),
        act,
    };
    let id = state.request(Slot::Act, kind, out);
    crate::app::board::show_change(state, key, &change);
    let version = state.requests.fresh();
    let row_before = row_mut(state, key).map(|row| {
        let before = row.clone();
        show_on_row(row, &change);
        before
    });
    let issue_before = state
        .screen
        .detail_mut()
        .filter(|d| d.key == key)
        .and_then(|d| {
            let before = d.issue.clone()?;
            let mut issue = (*before).clone();
            show_on_issue(&mut issue, &change);
            d.issue = Some(Arc::new(issue));
            d.version = version;
            Some(before)
        });
    let [doing, done, failed] = words;
    state.actions.pending = Some(Pending {
        id,
        key: key.to_string(),
        doing,
        done,
        failed,
        row_before,
        issue_before,
    });
    super::super::detail::after_move(state, out);
}

/// Jira answered the change in flight: confirmed, or refused with `error`.
pub fn answered(state: &mut State, error: Option<Notice>, out: &mut Vec<Command>) {
    let Some(pending) = state.actions.pending.take() else {
        return;
    };
    let key = pending.key.clone();
    crate::app::board::settled(state, &key, error.is_none(), out);
    match error {
        None => {
            if let Some(row) = row_mut(state, &key) {
                row.pending = false;
            }
            state.note(pending.done);
            // Read it again: what shows is then Jira's, not our guess.
            state.request(
                Slot::Refresh,
                RequestKind::Rows {
                    keys: vec![key.clone()],
                },
                out,
            );
            if state.detail().is_some_and(|d| d.key == key) {
                state.request(Slot::Issue, RequestKind::Issue { key }, out);
            }
        }
        Some(notice) => {
            if let (Some(before), Some(row)) = (pending.row_before, row_mut(state, &key)) {
                *row = before;
            }
            let version = state.requests.fresh();
            if let Some(before) = pending.issue_before
                && let Some(d) = state.screen.detail_mut().filter(|d| d.key == key)
            {
                d.issue = Some(before);
                d.version = version;
            }
            state.fail(Notice::hinted(
                format!("{}: {}", pending.failed, notice.sentence),
                notice.hint,
            ));
        }
    }
    super::super::detail::after_move(state, out);
}

/// Rows read again after a change replace theirs (the selection stays where it is).
pub fn refreshed(state: &mut State, issues: Vec<crate::jira::ListIssue>) {
    for issue in issues {
        let row = Row::from_list_issue(issue, &mut state.list.names);
        if let Some(old) = state.list.rows.iter_mut().find(|r| r.key() == row.key()) {
            *old = row;
        }
    }
}

fn row_mut<'a>(state: &'a mut State, key: &str) -> Option<&'a mut Row> {
    state.list.rows.iter_mut().find(|r| r.key() == key)
}

fn show_on_row(row: &mut Row, change: &Change) {
    row.pending = true;
    match change {
        Change::Status(status) => {
            row.category = Category::of(status.status_category.as_ref().map(|c| c.key.as_str()));
            row.status = Arc::from(crate::text::sanitize_line(&status.name));
        }
        Change::Assignee(user, label) => {
            let name = user.as_ref().map(|u| u.label()).or(label.as_deref());
            row.assignee = name.map(|n| Arc::from(crate::text::sanitize_line(n)));
        }
        Change::Watching(_) => {}
        // The row is read again once Jira confirmed; meanwhile it shows as pending.
        Change::Field { .. } => {}
    }
}

fn show_on_issue(issue: &mut Issue, change: &Change) {
    let f = &mut issue.fields;
    match change {
        Change::Status(status) => f.status = Some(status.clone()),
        Change::Assignee(user, _) => f.assignee = user.clone(),
        Change::Field { id, json, shown } => show_field(issue, id, json, shown),
        Change::Watching(on) => {
            let (count, _) = watching(issue);
            let count = if *on {
                count + 1
            } else {
                count.saturating_sub(1)
            };
            issue.fields.other.insert(
                "watches".into(),
                json!({ "watchCount": count, "isWatching": on }),
            );
        }
    }
}

/// A field's new value in the issue view: the standard fields by their model, any other
/// field as the JSON sent, with a name and value beside ids so that the view has text to
/// show until Jira's own copy is read.
fn show_field(issue: &mut Issue, id: &str, json: &Value, shown: &str) {
    let f = &mut issue.fields;
    match id {
        "summary" => f.summary = Some(shown.to_string()),
        "labels" => {
            f.labels = json
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        }
        "description" => {
            f.description = match json {
                Value::Null => None,
                Value::String(wiki) => Some(crate::jira::RichText::Wiki(wiki.clone())),
                adf => Some(crate::jira::RichText::Adf(adf.clone())),
            }
        }
        "duedate" => f.duedate = json.as_str().map(str::to_string),
        "priority" => {
            f.priority = (!shown.is_empty()).then(|| crate::jira::Named {
                name: shown.to_string(),
                ..Default::default()
            })
        }
        _ => {
            let value = match json {
                Value::Object(_) | Value::Array(_) => {
                    json!({ "value": shown, "name": shown, "displayName": shown })
                }
                other => other.clone(),
            };
            f.other.insert(id.to_string(), value);
        }
    }
}

/// How many watch the issue, and whether I do, as the issue says.
pub fn watching(issue: &Issue) -> (u64, bool) {
    let watches = issue.fields.other.get("watches");
    let count = watches
        .and_then(|w| w.get("watchCount"))
        .and_then(Value::as_u64)
        .unwrap_or(0);
    let mine = watches
        .and_then(|w| w.get("isWatching"))
        .and_then(Value::as_bool)
        .unwrap_or(false);
    (count, mine)
}
