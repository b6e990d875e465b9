//! The short fields of the detail layout: times, custom fields, attachments.

use crate::jira::Issue;
use crate::text::format::relative_time;
use crate::text::sanitize_line;
use chrono::{DateTime, Utc};

/// A time as `2024-05-01 09:00 (3 days ago)`, or as sent when it cannot be read.
pub(super) fn time(now: DateTime<Utc>, raw: Option<&str>) -> String {
    match raw.and_then(crate::jira::models::parse_time) {
        Some(t) => format!("{} ({})", t.format("%Y-%m-%d %H:%M"), relative_time(t, now)),
        None => raw.map(sanitize_line).unwrap_or_default(),
    }
}

/// Custom fields that have a value, with their names from `expand=names`.
pub(super) fn custom_fields(issue: &Issue) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = issue
        .fields
        .other
        .iter()
        .filter(|(id, _)| id.starts_with("customfield_"))
        .filter_map(|(id, value)| {
            let text = sanitize_line(&crate::text::format::field_text(value));
            if text.is_empty() {
                return None;
            }
            let name = issue.names.get(id).and_then(|n| n.as_str()).unwrap_or(id);
            Some((sanitize_line(name), text))
        })
        .collect();
    fields.sort();
    fields
}

/// Attachments as "name (size, author)".
pub(super) fn attachments(issue: &Issue) -> Vec<String> {
    let Some(serde_json::Value::Array(items)) = issue.fields.other.get("attachment") else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|a| {
            let name = a.get("filename").and_then(|v| v.as_str())?;
            let size = a.get("size").and_then(|v| v.as_u64()).unwrap_or(0);
            let size = if size >= 1 << 20 {
                format!("{:.1} MB", size as f64 / f64::from(1u32 << 20))
            } else {
                format!("{:.1} kB", size as f64 / 1024.0)
            };
            let author = a
                .get("author")
                .and_then(|u| u.get("displayName"))
                .and_then(|v| v.as_str())
                .unwrap_or("");
            Some(sanitize_line(&format!("{name}  ({size}, {author})")))
        })
        .collect()
}
