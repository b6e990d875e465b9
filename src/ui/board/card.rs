//! One card: its type and priority marks, key, flag, sub-task count, estimate and assignee's
//! initials on the first line, the summary wrapped to two lines under it.

use crate::app::theme;
use crate::jira::agile::BoardIssue;
use crate::text::format::{truncate, wrap};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// The mark of an issue type.
fn type_mark(name: &str) -> (&'static str, Style) {
    match name.to_ascii_lowercase().as_str() {
        "bug" => ("B", Style::new().fg(Color::Red)),
        "story" => ("S", Style::new().fg(Color::Green)),
        "task" => ("T", Style::new().fg(Color::Blue)),
        "epic" => ("E", Style::new().fg(Color::Magenta)),
        "sub-task" | "subtask" => ("s", Style::new().fg(Color::Blue)),
        _ => ("·", Style::new()),
    }
}

/// The mark of a priority.
fn priority_mark(name: &str) -> &'static str {
    match name {
        "Highest" | "Blocker" => "⇈",
        "High" | "Critical" | "Major" => "↑",
        "Medium" => "=",
        "Low" | "Minor" => "↓",
        "Lowest" | "Trivial" => "⇊",
        _ => " ",
    }
}

/// The three lines of a card `width` wide.
pub fn lines(
    issue: &BoardIssue,
    width: usize,
    selected: bool,
    bright: bool,
    pending: bool,
) -> Vec<Line<'static>> {
    let base = match (selected, bright) {
        (true, _) => theme::selected(),
        (false, true) => Style::new(),
        (false, false) => theme::dim(),
    };
    let mark = |style: Style| if bright && !selected { style } else { base };
    let (t, t_style) = type_mark(&issue.issue_type);
    let key = crate::text::sanitize_line(&issue.key);
    let mut right = String::new();
    if let Some(e) = issue.estimate {
        right.push_str(&if e.fract() == 0.0 {
            format!("{e:.0}")
        } else {
            format!("{e:.1}")
        });
    }
    if let Some(a) = &issue.assignee {
        if !right.is_empty() {
            right.push(' ');
        }
        right.push_str(&crate::text::sanitize_line(&a.initials()));
    }
    let mut left = vec![
        Span::styled(t, mark(t_style)),
        Span::styled(
            priority_mark(&issue.priority),
            mark(theme::priority(&issue.priority)),
        ),
        Span::styled(format!(" {key}"), base.add_modifier(Modifier::BOLD)),
    ];
    if issue.flagged {
        left.push(Span::styled(" ⚑", mark(theme::error())));
    }
    if issue.subtasks > 0 {
        left.push(Span::styled(format!(" ⊂{}", issue.subtasks), base));
    }
    if pending {
        left.push(Span::styled(" …", base.add_modifier(Modifier::ITALIC)));
    }
    let used: usize = left.iter().map(|s| s.content.width()).sum();
    let room = width.saturating_sub(used);
    let right = truncate(&right, room.saturating_sub(1));
    left.push(Span::styled(
        " ".repeat(room.saturating_sub(right.width())),
        base,
    ));
    left.push(Span::styled(right, base));
    let summary = crate::text::sanitize_line(&issue.summary);
    let mut wrapped = wrap(&summary, width.max(1));
    if wrapped.len() > 2 {
        let rest = wrapped[1..].join(" ");
        wrapped.truncate(1);
        wrapped.push(truncate(&rest, width));
    }
    wrapped.resize(2, String::new());
    let mut out = vec![Line::from(left)];
    out.extend(wrapped.into_iter().map(|l| {
        let pad = width.saturating_sub(l.width());
        Line::styled(format!("{l}{}", " ".repeat(pad)), base)
    }));
    out
}
