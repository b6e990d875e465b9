//! The plain-text view of one issue (`jiratty issue`), its bodies laid out as plain text.

use crate::jira::{Issue, RichText};
use crate::text::{sanitize, sanitize_line};

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
