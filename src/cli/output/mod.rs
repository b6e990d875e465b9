//! Printing issues: a table that fits the terminal, a stable JSON array, RFC 4180 CSV, and
//! the plain-text view of one issue. Every server string is sanitised first.

mod issue_text;
mod table;

pub use issue_text::issue_text;
pub use table::table;

use crate::jira::Issue;
use crate::text::sanitize_line;
use serde_json::{Value, json};

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

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

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
