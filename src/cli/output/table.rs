//! The aligned table of `jiratty search`: columns that fit the terminal, the summary last.

use super::Row;
use crate::text::format::{fit, relative_time, truncate};
use chrono::Utc;
use unicode_width::UnicodeWidthStr;

fn relative(updated: &str) -> String {
    crate::jira::models::parse_time(updated)
        .map(|t| relative_time(t, Utc::now()))
        .unwrap_or_else(|| updated.to_string())
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
