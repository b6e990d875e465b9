//! The aligned tables of `jiratty filter list` and `jiratty filter favourites`. Every cell is
//! sanitised; the last column (the JQL) is cut to the terminal's width when there is one.

use crate::jira::Filter;
use crate::store::SavedFilter;
use crate::text::format::{relative_time, truncate};
use crate::text::sanitize_line;
use chrono::Utc;
use std::io::IsTerminal;
use unicode_width::UnicodeWidthStr;

/// The width to fit: the terminal's, or `COLUMNS` when stdout is not a terminal (None: no
/// limit).
fn width() -> Option<usize> {
    if std::io::stdout().is_terminal() {
        crossterm::terminal::size().ok().map(|(w, _)| w as usize)
    } else {
        std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok())
    }
}

/// Aligns `rows` (the first is the header) in columns two spaces apart; the last column is
/// cut to fit `width`.
pub fn columns(rows: &[Vec<String>], width: Option<usize>) -> String {
    let count = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..count)
        .map(|i| {
            rows.iter()
                .map(|r| r.get(i).map_or(0, |c| c.width()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            if i + 1 == row.len() {
                let room = width.map(|w| w.saturating_sub(line.width()).max(10));
                line.push_str(&room.map_or_else(|| cell.clone(), |r| truncate(cell, r)));
            } else {
                let pad = widths[i].saturating_sub(cell.width());
                line.push_str(&format!("{cell}{}  ", " ".repeat(pad)));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The saved filters, in the order given: name, when last used, JQL.
pub fn saved(filters: &[SavedFilter]) -> String {
    let now = Utc::now();
    let mut rows = vec![vec!["#".into(), "NAME".into(), "USED".into(), "JQL".into()]];
    for (i, f) in filters.iter().enumerate() {
        rows.push(vec![
            (i + 1).to_string(),
            sanitize_line(&f.name),
            f.last_used.map_or("never".to_string(), |t| {
                relative_time(t.fixed_offset(), now)
            }),
            sanitize_line(&f.jql),
        ]);
    }
    columns(&rows, width())
}

/// Jira's favourite filters: id, name, owner, JQL.
pub fn favourites(filters: &[Filter]) -> String {
    let mut rows = vec![vec![
        "ID".into(),
        "NAME".into(),
        "OWNER".into(),
        "JQL".into(),
    ]];
    for f in filters {
        rows.push(vec![
            sanitize_line(&f.id),
            sanitize_line(&f.name),
            sanitize_line(f.owner.as_ref().map_or("", |u| u.label())),
            sanitize_line(&f.jql),
        ]);
    }
    columns(&rows, width())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_and_cuts_the_last_column() {
        let rows = vec![
            vec!["A".to_string(), "JQL".to_string()],
            vec!["long name".to_string(), "x".repeat(40)],
        ];
        let text = columns(&rows, Some(30));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "A          JQL");
        assert!(lines[1].starts_with("long name  xxx"));
        assert_eq!(lines[1].width(), 30);
        assert!(lines[1].ends_with('…'));
        assert_eq!(columns(&rows, None).lines().nth(1).map(str::len), Some(51));
    }

    #[test]
    fn never_used_filters_say_so() {
        let text = saved(&[SavedFilter::new("Mine", "a = 1\x1b[31m")]);
        assert!(
            text.lines()
                .nth(1)
                .is_some_and(|l| l.starts_with("1  Mine  never  a = 1")),
            "{text}"
        );
        assert!(!text.contains('\x1b'), "{text:?}");
    }
}
