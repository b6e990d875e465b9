//! The short fields of the detail layout: the field lines under the title, related issues,
//! custom fields, attachments, times.

use super::build::Builder;
use crate::app::state::Category;
use crate::app::theme;
use crate::jira::Issue;
use crate::text::format::{relative_time, truncate};
use crate::text::sanitize_line;
use chrono::{DateTime, Utc};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

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
        // The board's rank (a LexoRank such as `0|i0000f:`) means nothing to a reader.
        .filter(|(_, value)| !value.as_str().is_some_and(is_rank))
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

/// Whether `text` is a LexoRank value (`0|i0000f:`), Jira Software's Rank field.
fn is_rank(text: &str) -> bool {
    let Some((bucket, rest)) = text.split_once('|') else {
        return false;
    };
    !bucket.is_empty()
        && bucket.bytes().all(|b| b.is_ascii_digit())
        && rest.contains(':')
        && rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b':')
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

/// A field line: the label in a column, then the value; nothing when the value is empty.
pub(super) fn field(out: &mut Vec<Line<'static>>, label: &str, value: String, style: Style) {
    if !value.is_empty() {
        out.push(Line::from(vec![
            Span::styled(format!("{label:<12}"), theme::dim()),
            Span::styled(value, style),
        ]));
    }
}

/// The status line.
pub(super) fn status(out: &mut Vec<Line<'static>>, issue: &Issue) {
    let f = &issue.fields;
    let category = Category::of(
        f.status
            .as_ref()
            .and_then(|s| s.status_category.as_ref())
            .map(|c| c.key.as_str()),
    );
    field(
        out,
        "Status",
        f.status
            .as_ref()
            .map(|s| sanitize_line(&s.name))
            .unwrap_or_default(),
        theme::status(category),
    );
}

impl Builder {
    /// The fields under the title (status, type, people, dates, labels...). `partial`: only
    /// what a list row knows is there (no resolution is shown then: the row does not know it).
    pub(super) fn fields(&mut self, issue: &Issue, now: DateTime<Utc>, partial: bool) {
        let f = &issue.fields;
        let out = &mut self.out;
        let name = |n: Option<&str>| n.map(sanitize_line).unwrap_or_default();
        status(out, issue);
        field(
            out,
            "Type",
            name(f.issuetype.as_ref().map(|t| t.name.as_str())),
            Style::new(),
        );
        let priority = name(f.priority.as_ref().map(|p| p.name.as_str()));
        field(
            out,
            "Priority",
            priority.clone(),
            theme::priority(&priority),
        );
        if !partial {
            field(
                out,
                "Resolution",
                f.resolution
                    .as_ref()
                    .map_or("Unresolved".into(), |r| sanitize_line(&r.name)),
                Style::new(),
            );
        }
        field(
            out,
            "Assignee",
            f.assignee
                .as_ref()
                .map_or("Unassigned".into(), |u| sanitize_line(u.label())),
            Style::new(),
        );
        field(
            out,
            "Reporter",
            name(f.reporter.as_ref().map(|u| u.label())),
            Style::new(),
        );
        let (watchers, mine) = crate::app::actions::watching(issue);
        if f.other.contains_key("watches") {
            let text = match (watchers, mine) {
                (1, true) => "1 (you)".to_string(),
                (n, true) => format!("{n} (you and {} more)", n.saturating_sub(1)),
                (n, false) => n.to_string(),
            };
            field(out, "Watchers", text, Style::new());
        }
        field(
            out,
            "Created",
            time(now, f.created.as_deref()),
            Style::new(),
        );
        field(
            out,
            "Updated",
            time(now, f.updated.as_deref()),
            Style::new(),
        );
        field(out, "Due", name(f.duedate.as_deref()), Style::new());
        field(
            out,
            "Labels",
            sanitize_line(&f.labels.join(", ")),
            theme::accent(),
        );
        let components: Vec<&str> = f.components.iter().map(|c| c.name.as_str()).collect();
        field(
            out,
            "Components",
            sanitize_line(&components.join(", ")),
            Style::new(),
        );
        if let Some(p) = &f.parent {
            let summary = p.fields.summary.as_deref().unwrap_or("");
            field(
                out,
                "Parent",
                sanitize_line(&format!("{} {summary}", p.key)),
                Style::new(),
            );
        }
    }

    /// Sub-tasks and linked issues; the one chosen with Tab (`chosen`, counting the parent
    /// first) is highlighted.
    pub(super) fn related(&mut self, issue: &Issue, chosen: Option<usize>) {
        let f = &issue.fields;
        let mut related = 0usize;
        let mut mark = |out: &mut Vec<Line<'static>>| {
            if chosen == Some(related)
                && let Some(line) = out.last_mut()
            {
                *line = std::mem::take(line).style(theme::selected());
            }
            related += 1;
        };
        if f.parent.is_some() {
            mark(&mut self.out);
        }
        if !f.subtasks.is_empty() {
            self.section("Sub-tasks".into());
            for s in &f.subtasks {
                let status = s
                    .fields
                    .status
                    .as_ref()
                    .map_or(String::new(), |s| sanitize_line(&s.name));
                self.out.push(Line::raw(sanitize_line(&format!(
                    "{}  [{status}]  {}",
                    s.key,
                    s.fields.summary.as_deref().unwrap_or("")
                ))));
                mark(&mut self.out);
            }
        }
        if !f.issuelinks.is_empty() {
            self.section("Links".into());
            for l in &f.issuelinks {
                let (verb, other) = match (&l.outward_issue, &l.inward_issue) {
                    (Some(o), _) => (&l.link_type.outward, o),
                    (None, Some(i)) => (&l.link_type.inward, i),
                    (None, None) => continue,
                };
                let status = other
                    .fields
                    .status
                    .as_ref()
                    .map_or(String::new(), |s| sanitize_line(&s.name));
                self.out.push(Line::raw(sanitize_line(&format!(
                    "{verb} {}  [{status}]  {}",
                    other.key,
                    other.fields.summary.as_deref().unwrap_or("")
                ))));
                mark(&mut self.out);
            }
        }
    }

    pub(super) fn custom_and_attachments(&mut self, issue: &Issue) {
        let width = self.width;
        let custom = custom_fields(issue);
        if !custom.is_empty() {
            self.section("Fields".into());
            for (name, value) in custom {
                self.out.push(Line::from(vec![
                    Span::styled(format!("{:<20} ", truncate(&name, 20)), theme::dim()),
                    Span::raw(truncate(&value, width.saturating_sub(21))),
                ]));
            }
        }
        let attachments = attachments(issue);
        if !attachments.is_empty() {
            self.section(format!("Attachments ({})", attachments.len()));
            for a in attachments {
                self.out.push(Line::raw(truncate(&a, width)));
            }
        }
    }
}
