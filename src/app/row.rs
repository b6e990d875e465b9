//! List rows, stored compactly: a list may hold 100,000 of them. Key and summary share one
//! allocation, and the names that repeat down a list (status, type, priority, assignee) are
//! interned: each distinct name is stored once and the rows share it.

use crate::jira::ListIssue;
use crate::text::sanitize::sanitize_line_owned;
use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::sync::Arc;

/// Status categories, for colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Category {
    /// To Do.
    New,
    /// In Progress.
    InProgress,
    /// Done.
    Done,
    /// Unknown.
    Other,
}

impl Category {
    /// The category of a status category key (`new`, `indeterminate`, `done`).
    pub fn of(key: Option<&str>) -> Category {
        match key {
            Some("new") => Category::New,
            Some("indeterminate") => Category::InProgress,
            Some("done") => Category::Done,
            _ => Category::Other,
        }
    }

    /// The status category key of this category (`new`, `indeterminate`, `done`, or "").
    pub fn key(self) -> &'static str {
        match self {
            Category::New => "new",
            Category::InProgress => "indeterminate",
            Category::Done => "done",
            Category::Other => "",
        }
    }
}

/// The distinct names of a list (status, type, priority and assignee names), each stored once.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Names(HashSet<Arc<str>>);

impl Names {
    /// The shared copy of `name` (sanitised), added on first sight.
    pub fn intern(&mut self, name: &str) -> Arc<str> {
        if let Some(known) = self.0.get(name) {
            return known.clone();
        }
        let shared: Arc<str> = Arc::from(sanitize_line_owned(name.to_string()));
        self.0.insert(shared.clone());
        shared
    }

    /// How many distinct names there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// One list row, sanitised.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Key, then summary.
    text: Box<str>,
    /// Where the key ends in `text`.
    key_len: u32,
    /// Status category.
    pub category: Category,
    /// Status name.
    pub status: Arc<str>,
    /// Type name.
    pub issue_type: Arc<str>,
    /// Priority name.
    pub priority: Arc<str>,
    /// Assignee name (None: unassigned).
    pub assignee: Option<Arc<str>>,
    /// Last update, in seconds since 1970 (None: unknown).
    updated: Option<i64>,
    /// Part of the issue could not be read (a field of the wrong shape); the row shows what
    /// could, marked.
    pub damaged: bool,
    /// A change shown on it waits for Jira to confirm it.
    pub pending: bool,
    /// It changed (or came into the list) in a refresh since the user last saw it; marked
    /// until it is selected.
    pub changed: bool,
}

impl Row {
    /// The row of a lean search result; names are shared through `names`.
    pub fn from_list_issue(issue: ListIssue, names: &mut Names) -> Row {
        let f = issue.fields;
        let category = Category::of(
            f.status
                .as_ref()
                .and_then(|s| s.status_category.as_ref())
                .map(|c| c.key.as_str()),
        );
        let status = names.intern(f.status.as_ref().map_or("", |s| s.name.as_str()));
        let damaged = issue.problem.is_some();
        let mut row = Row::new(
            &sanitize_line_owned(issue.key),
            &sanitize_line_owned(f.summary),
            category,
            [
                status,
                names.intern(f.issuetype.as_ref().map_or("", |t| t.name.as_str())),
                names.intern(f.priority.as_ref().map_or("", |p| p.name.as_str())),
            ],
            f.assignee.map(|u| names.intern(&u.into_label())),
            crate::jira::models::parse_time(&f.updated),
        );
        row.damaged = damaged;
        row
    }

    /// A row from its parts (`key` and `summary` already sanitised); `names` is status, type
    /// and priority.
    fn new(
        key: &str,
        summary: &str,
        category: Category,
        names: [Arc<str>; 3],
        assignee: Option<Arc<str>>,
        updated: Option<DateTime<FixedOffset>>,
    ) -> Row {
        let mut text = String::with_capacity(key.len() + summary.len());
        text.push_str(key);
        text.push_str(summary);
        let [status, issue_type, priority] = names;
        Row {
            text: text.into_boxed_str(),
            key_len: key.len() as u32,
            category,
            status,
            issue_type,
            priority,
            assignee,
            updated: updated.map(|t| t.timestamp()),
            damaged: false,
            pending: false,
            changed: false,
        }
    }

    /// The issue key.
    pub fn key(&self) -> &str {
        self.text.get(..self.key_len as usize).unwrap_or("")
    }

    /// The summary.
    pub fn summary(&self) -> &str {
        self.text.get(self.key_len as usize..).unwrap_or("")
    }

    /// Key and summary together, as the quick filter searches them.
    pub fn key_and_summary(&self) -> &str {
        &self.text
    }

    /// When the issue was last updated.
    pub fn updated(&self) -> Option<DateTime<FixedOffset>> {
        let t = Utc.timestamp_opt(self.updated?, 0).single()?;
        Some(t.fixed_offset())
    }

    /// When the issue was last updated, in seconds since 1970.
    pub fn updated_secs(&self) -> Option<i64> {
        self.updated
    }

    /// The row as stored in the result cache.
    pub fn to_stored(&self) -> StoredRow {
        StoredRow {
            key: self.key().to_string(),
            summary: self.summary().to_string(),
            status: self.status.to_string(),
            category: self.category,
            issue_type: self.issue_type.to_string(),
            priority: self.priority.to_string(),
            assignee: self.assignee.as_ref().map(|a| a.to_string()),
            updated: self.updated,
        }
    }

    /// A row read back from the result cache (sanitised again: the file may have been edited).
    pub fn from_stored(stored: StoredRow, names: &mut Names) -> Row {
        let status = names.intern(&stored.status);
        Row::new(
            &sanitize_line_owned(stored.key),
            &sanitize_line_owned(stored.summary),
            stored.category,
            [
                status,
                names.intern(&stored.issue_type),
                names.intern(&stored.priority),
            ],
            stored.assignee.map(|a| names.intern(&a)),
            stored
                .updated
                .and_then(|t| Utc.timestamp_opt(t, 0).single())
                .map(|t| t.fixed_offset()),
        )
    }
}

/// A row as the result cache keeps it on disk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredRow {
    /// Key.
    pub key: String,
    /// Summary.
    pub summary: String,
    /// Status name.
    pub status: String,
    /// Status category.
    pub category: Category,
    /// Type name.
    pub issue_type: String,
    /// Priority name.
    pub priority: String,
    /// Assignee name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
    /// Last update, seconds since 1970.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lean(json: serde_json::Value) -> ListIssue {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn rows_share_names_and_keep_key_and_summary_apart() {
        let mut names = Names::default();
        let issue = |key: &str| {
            lean(serde_json::json!({"key": key, "fields": {
                "summary": "Login fails", "status": {"name": "To Do", "statusCategory": {"key": "new"}},
                "issuetype": {"name": "Bug"}, "priority": {"name": "High"},
                "assignee": {"displayName": "Alice"}, "updated": "2024-06-01T09:00:00.000+0200"}}))
        };
        let a = Row::from_list_issue(issue("ACME-1"), &mut names);
        let b = Row::from_list_issue(issue("ACME-22"), &mut names);
        assert_eq!((a.key(), a.summary()), ("ACME-1", "Login fails"));
        assert_eq!(b.key(), "ACME-22");
        assert!(Arc::ptr_eq(&a.status, &b.status));
        assert!(Arc::ptr_eq(
            a.assignee.as_ref().unwrap(),
            b.assignee.as_ref().unwrap()
        ));
        assert_eq!(names.len(), 4);
        assert_eq!(a.category, Category::New);
        assert_eq!(
            a.updated().unwrap().timestamp(),
            crate::jira::models::parse_time("2024-06-01T09:00:00.000+0200")
                .unwrap()
                .timestamp()
        );
        // Round trip through the cache's form.
        assert_eq!(Row::from_stored(a.to_stored(), &mut names), a);
    }

    #[test]
    fn hostile_text_is_sanitised_in_rows_and_names() {
        let mut names = Names::default();
        let row = Row::from_list_issue(
            lean(serde_json::json!({"key": "A-1\u{1b}[2J", "fields": {
                "summary": "evil\u{1b}]0;pwned\u{7} \u{202e}txt", "status": {"name": "Do\u{9b}ne"},
                "assignee": {"displayName": "\u{1b}[31mMallory"}}})),
            &mut names,
        );
        for text in [
            row.key(),
            row.summary(),
            &row.status,
            row.assignee.as_deref().unwrap(),
        ] {
            assert!(
                !text.chars().any(|c| c.is_control() || c == '\u{202e}'),
                "{text:?}"
            );
        }
        assert!(row.summary().starts_with("evil"));
    }
}
