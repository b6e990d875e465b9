//! Building the detail layout: the header and fields, related issues, custom fields,
//! attachments, then the description and comments as rich text with one link numbering and
//! one line budget for the whole view.

use super::fields::{attachments, custom_fields, time};
use super::{DetailLayout, LayoutStamp};
use crate::app::detail::MAX_COMMENTS;
use crate::app::state::{Category, DetailView};
use crate::jira::{Issue, RichText};
use crate::text::format::{thousands, truncate, wrap};
use crate::text::rich::{self, LineBudget, LinkAnchor, LinkNumbers};
use crate::text::sanitize_line;
use crate::ui::theme;
use chrono::{DateTime, Utc};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::sync::Arc;
use unicode_width::UnicodeWidthStr;

/// Everything a layout is built from, owned (the issue shared, not copied).
#[derive(Debug, Clone)]
pub(super) struct Input {
    /// What the layout is for.
    pub stamp: LayoutStamp,
    issue: Option<Arc<Issue>>,
    related: Option<usize>,
    now: DateTime<Utc>,
    width: u16,
    comments_loading: bool,
    comments_error: Option<String>,
    counts: (usize, u64),
}

impl Input {
    /// What laying out `view` at `width`, relative times against `now`, needs.
    pub fn of(view: &DetailView, now: DateTime<Utc>, width: u16) -> Input {
        Input {
            stamp: view.stamp(width, now),
            issue: view.issue.clone(),
            related: view.related,
            now,
            width,
            comments_loading: view.comments_request.is_some(),
            comments_error: view.comments_error.as_ref().map(|e| e.sentence.clone()),
            counts: view.comment_counts(),
        }
    }

    /// The layout.
    pub fn build(self) -> DetailLayout {
        let stamp = Some(self.stamp);
        let Some(issue) = self.issue.as_deref() else {
            return DetailLayout {
                stamp,
                ..DetailLayout::default()
            };
        };
        let width = self.width.max(20) as usize;
        let mut b = Builder {
            out: title(issue, width),
            links: LinkNumbers::default(),
            budget: LineBudget::default(),
            anchors: Vec::new(),
            width,
        };
        b.fields(issue, self.now);
        b.related(issue, self.related);
        b.custom_and_attachments(issue);
        b.section("Description".into());
        match &issue.fields.description {
            Some(body) if !matches!(body, RichText::Wiki(s) if s.trim().is_empty()) => b.rich(body),
            _ => b.out.push(Line::styled("No description.", theme::dim())),
        }
        b.comments(&self, issue);
        DetailLayout {
            stamp,
            pending: None,
            lines: b.out,
            links: b.links.into_urls(),
            anchors: b.anchors,
        }
    }
}

/// The issue of `detail` laid out `width` columns wide, relative times against `now`; an
/// empty layout while it has not loaded.
pub fn build(detail: &DetailView, now: DateTime<Utc>, width: u16) -> DetailLayout {
    Input::of(detail, now, width).build()
}

/// The first lines: key and summary (wrapped), then a blank line.
fn title(issue: &Issue, width: usize) -> Vec<Line<'static>> {
    let title = format!(
        "{}  {}",
        sanitize_line(&issue.key),
        sanitize_line(issue.fields.summary.as_deref().unwrap_or(""))
    );
    let mut out: Vec<Line<'static>> = wrap(&title, width)
        .into_iter()
        .map(|l| Line::styled(l, theme::title()))
        .collect();
    out.push(Line::raw(""));
    out
}

/// A field line: the label in a column, then the value; nothing when the value is empty.
fn field(out: &mut Vec<Line<'static>>, label: &str, value: String, style: Style) {
    if !value.is_empty() {
        out.push(Line::from(vec![
            Span::styled(format!("{label:<12}"), theme::dim()),
            Span::styled(value, style),
        ]));
    }
}

/// The status line.
fn status(out: &mut Vec<Line<'static>>, issue: &Issue) {
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

/// The key, summary and status, then "Laying out…": what the screen shows while a big issue
/// is laid out.
pub(super) fn header(issue: Option<&Issue>, key: &str, width: u16) -> Vec<Line<'static>> {
    let width = width.max(20) as usize;
    let Some(issue) = issue else {
        return vec![Line::styled(
            format!("Loading {}…", sanitize_line(key)),
            theme::dim(),
        )];
    };
    let mut out = title(issue, width);
    status(&mut out, issue);
    out.push(Line::raw(""));
    out.push(Line::styled("Laying out…", theme::dim()));
    out
}

/// What is being built: lines, links numbered across all bodies, link positions, and the
/// lines the view may still take.
struct Builder {
    out: Vec<Line<'static>>,
    links: LinkNumbers,
    budget: LineBudget,
    anchors: Vec<LinkAnchor>,
    width: usize,
}

impl Builder {
    fn section(&mut self, name: String) {
        self.out.push(Line::raw(""));
        self.out.push(Line::styled(name, theme::accent()));
        self.out
            .push(Line::styled("─".repeat(self.width.min(60)), theme::dim()));
    }

    /// The fields under the title (status, type, people, dates, labels...).
    fn fields(&mut self, issue: &Issue, now: DateTime<Utc>) {
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
        field(
            out,
            "Resolution",
            f.resolution
                .as_ref()
                .map_or("Unresolved".into(), |r| sanitize_line(&r.name)),
            Style::new(),
        );
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
    fn related(&mut self, issue: &Issue, chosen: Option<usize>) {
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

    fn custom_and_attachments(&mut self, issue: &Issue) {
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

    /// A body laid out as rich text (headings, lists, code, tables, panels...), then the links
    /// it brought that earlier bodies did not, numbered on from them.
    fn rich(&mut self, body: &RichText) {
        let doc = match body {
            RichText::Wiki(s) => rich::from_wiki(s),
            RichText::Adf(v) => rich::from_adf(v),
        };
        let before = self.links.len();
        let rendered = rich::layout_numbered(
            &doc,
            self.width,
            &rich::Theme::default(),
            &mut self.links,
            &mut self.budget,
        );
        drop(doc);
        let first = self.out.len();
        self.anchors
            .extend(rendered.anchors.iter().map(|a| LinkAnchor {
                line: a.line + first,
                ..*a
            }));
        self.out.extend(rendered.lines);
        if self.links.len() > before {
            self.out.push(Line::raw(""));
            for (i, url) in self.links.urls().iter().enumerate().skip(before) {
                let label = format!("[{}] ", i + 1);
                let start = label.width();
                let shown = truncate(url, self.width.saturating_sub(start));
                self.anchors.push(LinkAnchor {
                    line: self.out.len(),
                    start,
                    end: start + shown.width(),
                    link: i,
                });
                self.out.push(Line::from(vec![
                    Span::styled(label, theme::dim()),
                    Span::styled(shown, theme::dim()),
                ]));
            }
        }
    }

    /// The comments loaded, then what is known of the rest.
    fn comments(&mut self, input: &Input, issue: &Issue) {
        let Some(page) = &issue.fields.comment else {
            return;
        };
        let (loaded, total) = input.counts;
        self.section(format!("Comments ({total})"));
        for (shown, c) in page.comments.iter().enumerate() {
            if self.budget.is_spent() {
                let rest = page.comments.len() - shown;
                self.out.push(Line::styled(
                    format!(
                        "… {} more {} not shown",
                        thousands(rest as u64),
                        plural(rest)
                    ),
                    theme::dim(),
                ));
                break;
            }
            self.out.push(Line::from(vec![
                Span::styled(
                    sanitize_line(c.author.as_ref().map_or("unknown", |u| u.label())),
                    theme::title(),
                ),
                Span::styled(
                    format!("  {}", time(input.now, Some(&c.created))),
                    theme::dim(),
                ),
            ]));
            if let Some(body) = &c.body {
                self.rich(body);
            }
            self.out.push(Line::raw(""));
        }
        let left = total.saturating_sub(loaded as u64);
        if input.comments_loading {
            self.out
                .push(Line::styled("Loading more comments…", theme::dim()));
        } else if let Some(sentence) = &input.comments_error {
            for l in wrap(
                &format!("More comments could not be loaded: {sentence}"),
                self.width,
            ) {
                self.out.push(Line::styled(l, theme::error()));
            }
            self.out
                .push(Line::styled("r reloads the issue", theme::dim()));
        } else if left > 0 && loaded >= MAX_COMMENTS {
            for l in wrap(
                &format!(
                    "{} more {} not loaded: jiratty loads at most {} of one issue \
                     (o opens it in the browser)",
                    thousands(left),
                    plural(left as usize),
                    thousands(MAX_COMMENTS as u64),
                ),
                self.width,
            ) {
                self.out.push(Line::styled(l, theme::dim()));
            }
        } else if left > 0 {
            self.out.push(Line::styled(
                format!(
                    "{left} more {} — scroll down to load",
                    plural(left as usize)
                ),
                theme::dim(),
            ));
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "comment" } else { "comments" }
}
