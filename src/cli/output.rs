//! Printing issues: a table that fits the terminal, a stable JSON array, RFC 4180 CSV, and
//! the plain-text view of one issue. Every server string is sanitised first.

use crate::jira::{Issue, RichText};
use crate::text::format::{fit, relative_time, truncate};
use crate::text::{sanitize, sanitize_line};
use chrono::Utc;
use serde_json::{Value, json};
use unicode_width::UnicodeWidthStr;

/// Output formats of `jiratty search`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    /// Aligned columns fitting the terminal.
    Table,
    /// A JSON array of objects: key, summary, status, type, priority, assignee, updated, url.
    Json,
    /// RFC 4180 CSV with a header row.
    Csv,
}

/// One row of a list, with every string sanitised.
pub struct Row {
    /// Key.
    pub key: String,
    /// Summary.
    pub summary: String,
    /// Status name.
    pub status: String,
    /// Status category key (`new`, `indeterminate`, `done`).
    pub category: String,
    /// Type name.
    pub issue_type: String,
    /// Priority name.
    pub priority: String,
    /// Assignee name, empty when unassigned.
    pub assignee: String,
    /// Last update as sent by Jira.
    pub updated: String,
    /// Browser URL.
    pub url: String,
    /// Extra fields asked for with `--fields`, as short text.
    pub extra: Vec<(String, String)>,
}

impl Row {
    /// The row of `issue`; `browse` builds its URL; `extra` names additional fields. The one
    /// place rows are made for every format (table, JSON, CSV): every column passes the
    /// sanitiser here — the URL too, which is built from the server's issue key.
    pub fn new(issue: &Issue, browse: &dyn Fn(&str) -> String, extra: &[String]) -> Self {
        let f = &issue.fields;
        let clean = sanitize_line;
        Row {
            key: clean(&issue.key),
            summary: clean(f.summary.as_deref().unwrap_or("")),
            status: clean(f.status.as_ref().map_or("", |s| s.name.as_str())),
            category: clean(
                f.status
                    .as_ref()
                    .and_then(|s| s.status_category.as_ref())
                    .map_or("", |c| c.key.as_str()),
            ),
            issue_type: clean(f.issuetype.as_ref().map_or("", |t| t.name.as_str())),
            priority: clean(f.priority.as_ref().map_or("", |p| p.name.as_str())),
            assignee: clean(f.assignee.as_ref().map_or("", |u| u.label())),
            updated: clean(f.updated.as_deref().unwrap_or("")),
            url: clean(&browse(&issue.key)),
            extra: extra
                .iter()
                .map(|name| (clean(name), clean(&short_value(issue, name))))
                .collect(),
        }
    }
}

/// A field's value as short text: names, display names and values unwrapped.
fn short_value(issue: &Issue, name: &str) -> String {
    let value = serde_json::to_value(&issue.fields)
        .ok()
        .and_then(|v| v.get(name).cloned())
        .unwrap_or(Value::Null);
    crate::text::format::field_text(&value)
}

fn relative(updated: &str) -> String {
    crate::jira::models::parse_time(updated)
        .map(|t| relative_time(t, Utc::now()))
        .unwrap_or_else(|| updated.to_string())
}

/// The JSON array (documented, stable field names).
pub fn json(rows: &[Row]) -> String {
    let items: Vec<Value> = rows
        .iter()
        .map(|r| {
            let mut v = json!({
                "key": r.key,
                "summary": r.summary,
                "status": r.status,
                "type": r.issue_type,
                "priority": r.priority,
                "assignee": if r.assignee.is_empty() { Value::Null } else { json!(r.assignee) },
                "updated": r.updated,
                "url": r.url,
            });
            if !r.extra.is_empty() {
                v["fields"] = Value::Object(
                    r.extra
                        .iter()
                        .map(|(k, val)| (k.clone(), json!(val)))
                        .collect(),
                );
            }
            v
        })
        .collect();
    pretty_json(&items).unwrap_or_else(|| "[]".to_string())
}

/// `value` as pretty JSON that is safe to print on a terminal. serde_json escapes C0 controls
/// (ESC included) but writes C1 controls (a one-byte CSI or OSC to some terminals) and
/// bidirectional overrides as they are; those become `\uXXXX` escapes too. They can only
/// occur inside strings (JSON's own syntax is ASCII), so the result is the same JSON.
pub fn pretty_json<T: serde::Serialize>(value: &T) -> Option<String> {
    let text = serde_json::to_string_pretty(value).ok()?;
    // What the sanitiser would remove (serde_json has escaped C0 already: the only raw control
    // left is the layout's own newline; line separators and characters of disputed width are
    // among them), and the joiner and selectors that make emoji sequences, whose width is the
    // terminal's guess.
    let risky = |c: char| {
        (crate::text::sanitize::is_unsafe(c) && c != '\n')
            || matches!(c, '\u{200d}' | '\u{fe0e}' | '\u{fe0f}')
    };
    if !text.contains(risky) {
        return Some(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if risky(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Some(out)
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// RFC 4180 CSV: a header row, CRLF line ends, quoted where needed.
pub fn csv(rows: &[Row]) -> String {
    let mut header = vec![
        "key", "summary", "status", "type", "priority", "assignee", "updated", "url",
    ]
    .into_iter()
    .map(str::to_string)
    .collect::<Vec<_>>();
    if let Some(first) = rows.first() {
        header.extend(first.extra.iter().map(|(k, _)| k.clone()));
    }
    let mut out = header
        .iter()
        .map(|h| csv_field(h))
        .collect::<Vec<_>>()
        .join(",")
        + "\r\n";
    for r in rows {
        let mut cells = vec![
            &r.key,
            &r.summary,
            &r.status,
            &r.issue_type,
            &r.priority,
            &r.assignee,
            &r.updated,
            &r.url,
        ];
        cells.extend(r.extra.iter().map(|(_, v)| v));
        out += &cells
            .iter()
            .map(|c| csv_field(c))
            .collect::<Vec<_>>()
            .join(",");
        out += "\r\n";
    }
    out
}

fn colour(category: &str) -> &'static str {
    match category {
        "done" => "\x1b[32m",
        "indeterminate" => "\x1b[33m",
        _ => "\x1b[34m",
    }
}

/// An aligned table, at most `width` columns wide (None = no limit); `colour` adds ANSI
/// colours to the status column.
pub fn table(rows: &[Row], width: Option<usize>, use_colour: bool) -> String {
    if rows.is_empty() {
        return "No issues match.\n".to_string();
    }
    let updated: Vec<String> = rows.iter().map(|r| relative(&r.updated)).collect();
    let mut columns: Vec<(&str, Vec<&str>)> = vec![
        ("KEY", rows.iter().map(|r| r.key.as_str()).collect()),
        ("TYPE", rows.iter().map(|r| r.issue_type.as_str()).collect()),
        (
            "PRIORITY",
            rows.iter().map(|r| r.priority.as_str()).collect(),
        ),
        ("STATUS", rows.iter().map(|r| r.status.as_str()).collect()),
        (
            "ASSIGNEE",
            rows.iter().map(|r| r.assignee.as_str()).collect(),
        ),
        ("UPDATED", updated.iter().map(String::as_str).collect()),
    ];
    for (i, (name, _)) in rows[0].extra.iter().enumerate() {
        columns.push((
            name.as_str(),
            rows.iter()
                .map(|r| r.extra.get(i).map_or("", |e| e.1.as_str()))
                .collect(),
        ));
    }
    let caps = |name: &str| match name {
        "ASSIGNEE" => 18,
        "STATUS" => 14,
        _ => 24,
    };
    let mut widths: Vec<usize> = columns
        .iter()
        .map(|(name, values)| {
            values
                .iter()
                .map(|v| v.width())
                .max()
                .unwrap_or(0)
                .max(name.width())
                .min(caps(name))
        })
        .collect();
    // Drop columns from the right of the priority list until the summary has room.
    let min_summary = 20;
    let drop_order = ["PRIORITY", "TYPE", "UPDATED", "ASSIGNEE"];
    let mut shown: Vec<bool> = vec![true; columns.len()];
    if let Some(limit) = width {
        let used = |shown: &[bool], widths: &[usize]| -> usize {
            widths
                .iter()
                .zip(shown)
                .filter(|(_, s)| **s)
                .map(|(w, _)| w + 2)
                .sum()
        };
        for name in drop_order {
            if used(&shown, &widths) + min_summary <= limit {
                break;
            }
            if let Some(i) = columns.iter().position(|(n, _)| *n == name) {
                shown[i] = false;
            }
        }
        // Extra columns go before the standard ones are squeezed further.
        for i in (6..columns.len()).rev() {
            if used(&shown, &widths) + min_summary <= limit {
                break;
            }
            shown[i] = false;
        }
        if used(&shown, &widths) + min_summary > limit {
            widths[0] = widths[0].min(limit.saturating_sub(min_summary + 2).max(4));
        }
    }
    let fixed: usize = widths
        .iter()
        .zip(&shown)
        .filter(|(_, s)| **s)
        .map(|(w, _)| w + 2)
        .sum();
    let summary_width = match width {
        Some(limit) => limit.saturating_sub(fixed).max(10),
        None => rows
            .iter()
            .map(|r| r.summary.width())
            .max()
            .unwrap_or(7)
            .max(7),
    };
    let mut out = String::new();
    let mut line = String::new();
    for (i, (name, _)) in columns.iter().enumerate() {
        if shown[i] {
            line += &fit(name, widths[i]);
            line += "  ";
        }
    }
    line += &truncate("SUMMARY", summary_width);
    out += line.trim_end();
    out.push('\n');
    for (r, row) in rows.iter().enumerate() {
        let mut line = String::new();
        for (i, (name, values)) in columns.iter().enumerate() {
            if !shown[i] {
                continue;
            }
            let cell = fit(values[r], widths[i]);
            if use_colour && *name == "STATUS" {
                line += &format!("{}{cell}\x1b[0m", colour(&row.category));
            } else {
                line += &cell;
            }
            line += "  ";
        }
        line += &truncate(&row.summary, summary_width);
        out += line.trim_end();
        out.push('\n');
    }
    out
}

/// A rich-text body laid out as plain text (lists, code, tables, numbered links) at the
/// terminal's width, or 100 columns when stdout is not a terminal, with lines from `budget`
/// (shared by the bodies of one issue: a hostile issue cannot make jiratty lay out more than
/// [`rich::MAX_LINES`](crate::text::rich::MAX_LINES) lines).
pub fn plain_body(body: &RichText, budget: &mut crate::text::rich::LineBudget) -> String {
    use crate::text::rich;
    use std::io::IsTerminal;
    let doc = match body {
        RichText::Wiki(s) => rich::from_wiki(s),
        RichText::Adf(v) => rich::from_adf(v),
    };
    let width = if std::io::stdout().is_terminal() {
        crossterm::terminal::size().map_or(100, |(w, _)| w as usize)
    } else {
        100
    };
    sanitize(&rich::to_plain_within(&doc, width.clamp(20, 160), budget))
}

/// The plain-text view of one issue.
pub fn issue_text(issue: &Issue, url: &str) -> String {
    let f = &issue.fields;
    let mut out = String::new();
    let line = |out: &mut String, label: &str, value: &str| {
        if !value.is_empty() {
            out.push_str(&format!("{label:<11}{}\n", sanitize_line(value)));
        }
    };
    out.push_str(&format!(
        "{}  {}\n",
        sanitize_line(&issue.key),
        sanitize_line(f.summary.as_deref().unwrap_or(""))
    ));
    out.push_str(&format!("{}\n\n", "─".repeat(60)));
    line(
        &mut out,
        "Status",
        f.status.as_ref().map_or("", |s| s.name.as_str()),
    );
    line(
        &mut out,
        "Type",
        f.issuetype.as_ref().map_or("", |t| t.name.as_str()),
    );
    line(
        &mut out,
        "Priority",
        f.priority.as_ref().map_or("", |p| p.name.as_str()),
    );
    line(
        &mut out,
        "Resolution",
        f.resolution
            .as_ref()
            .map_or("Unresolved", |r| r.name.as_str()),
    );
    line(
        &mut out,
        "Assignee",
        f.assignee.as_ref().map_or("Unassigned", |u| u.label()),
    );
    line(
        &mut out,
        "Reporter",
        f.reporter.as_ref().map_or("", |u| u.label()),
    );
    line(&mut out, "Created", f.created.as_deref().unwrap_or(""));
    line(&mut out, "Updated", f.updated.as_deref().unwrap_or(""));
    line(&mut out, "Due", f.duedate.as_deref().unwrap_or(""));
    line(&mut out, "Labels", &f.labels.join(", "));
    line(
        &mut out,
        "Components",
        &f.components
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    );
    if let Some(p) = &f.parent {
        let summary = p.fields.summary.as_deref().unwrap_or("");
        line(&mut out, "Parent", &format!("{} {summary}", p.key));
    }
    line(&mut out, "URL", url);
    if !f.subtasks.is_empty() {
        out.push_str("\nSub-tasks\n");
        for s in &f.subtasks {
            let status = s.fields.status.as_ref().map_or("", |s| s.name.as_str());
            out.push_str(&sanitize_line(&format!(
                "  {}  [{status}]  {}",
                s.key,
                s.fields.summary.as_deref().unwrap_or("")
            )));
            out.push('\n');
        }
    }
    if !f.issuelinks.is_empty() {
        out.push_str("\nLinks\n");
        for l in &f.issuelinks {
            let (verb, other) = match (&l.outward_issue, &l.inward_issue) {
                (Some(o), _) => (&l.link_type.outward, o),
                (None, Some(i)) => (&l.link_type.inward, i),
                (None, None) => continue,
            };
            let status = other.fields.status.as_ref().map_or("", |s| s.name.as_str());
            out.push_str(&sanitize_line(&format!(
                "  {verb} {}  [{status}]  {}",
                other.key,
                other.fields.summary.as_deref().unwrap_or("")
            )));
            out.push('\n');
        }
    }
    out.push_str("\nDescription\n\n");
    let mut budget = crate::text::rich::LineBudget::default();
    match &f.description {
        Some(body) => {
            let text = plain_body(body, &mut budget);
            out.push_str(if text.trim().is_empty() {
                "(no description)"
            } else {
                text.trim_end()
            });
        }
        None => out.push_str("(no description)"),
    }
    out.push('\n');
    if let Some(page) = &f.comment {
        out.push_str(&format!(
            "\nComments ({})\n",
            page.total.max(page.comments.len() as u64)
        ));
        for (shown, c) in page.comments.iter().enumerate() {
            if budget.is_spent() {
                let rest = page.comments.len() - shown;
                out.push_str(&format!(
                    "\n… {} more comment{} not shown\n",
                    crate::text::format::thousands(rest as u64),
                    if rest == 1 { "" } else { "s" }
                ));
                break;
            }
            let author = c.author.as_ref().map_or("unknown", |u| u.label());
            out.push_str(&format!(
                "\n— {} · {}\n",
                sanitize_line(author),
                sanitize_line(&c.created)
            ));
            if let Some(body) = &c.body {
                out.push_str(plain_body(body, &mut budget).trim_end());
                out.push('\n');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(key: &str, summary: &str) -> Row {
        Row {
            key: key.into(),
            summary: summary.into(),
            status: "In Progress".into(),
            category: "indeterminate".into(),
            issue_type: "Bug".into(),
            priority: "High".into(),
            assignee: "Alice Anderson".into(),
            updated: "2026-11-29T10:00:00.000+0000".into(),
            url: format!("https://x/browse/{key}"),
            extra: Vec::new(),
        }
    }

    #[test]
    fn csv_quotes_what_needs_quoting() {
        let out = csv(&[row("A-1", "say \"hi\", then\nleave")]);
        let mut lines = out.split("\r\n");
        assert_eq!(
            lines.next(),
            Some("key,summary,status,type,priority,assignee,updated,url")
        );
        assert!(out.contains("\"say \"\"hi\"\", then\nleave\""));
        assert!(out.ends_with("\r\n"));
    }

    #[test]
    fn table_fits_the_width() {
        let rows = vec![
            row("ACME-1", &"long summary ".repeat(20)),
            row("ACME-22", "short"),
        ];
        for width in [40, 80, 120] {
            let out = table(&rows, Some(width), false);
            for line in out.lines() {
                assert!(line.width() <= width, "{width}: {line:?}");
            }
            assert!(out.contains("ACME-22"));
        }
        assert_eq!(table(&[], Some(80), false), "No issues match.\n");
    }

    #[test]
    fn json_escapes_c1_controls_and_bidi_overrides() {
        let value = json!({"s": "a\u{9b}2J b\u{202e}c \u{1b}[31m ok é"});
        let text = pretty_json(&value).unwrap();
        assert!(
            !text.contains(|c: char| c.is_control() && c != '\n'),
            "{text:?}"
        );
        assert!(!text.contains('\u{202e}'));
        assert!(text.contains("\\u009b") && text.contains("\\u202e"));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value, "the same JSON");
    }

    #[test]
    fn json_is_stable() {
        let out: Value = serde_json::from_str(&json(&[row("A-1", "s")])).unwrap();
        let keys: Vec<&str> = out[0]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "assignee", "key", "priority", "status", "summary", "type", "updated", "url"
            ]
        );
    }
}
