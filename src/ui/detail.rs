//! One issue: its fields, description and comments as plain text, scrollable.

use super::theme;
use crate::app::state::{DetailLayout, DetailView, Phase, State};
use crate::jira::{Issue, RichText};
use crate::text::format::{relative_time, truncate, wrap};
use crate::text::rich::LinkAnchor;
use crate::text::sanitize_line;
use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// What is being built: lines, links numbered across all bodies, link positions.
struct Builder {
    out: Vec<Line<'static>>,
    links: Vec<String>,
    anchors: Vec<LinkAnchor>,
    width: usize,
}

impl Builder {
    /// A body laid out as rich text (headings, lists, code, tables, panels...), then the links
    /// it brought that earlier bodies did not, numbered on from them.
    fn rich(&mut self, body: &RichText) {
        use crate::text::rich;
        let doc = match body {
            RichText::Wiki(s) => rich::from_wiki(s),
            RichText::Adf(v) => rich::from_adf(v),
        };
        let before = self.links.len();
        let rendered = rich::layout_numbered(
            &doc,
            self.width,
            &rich::Theme::default(),
            std::mem::take(&mut self.links),
        );
        let first = self.out.len();
        self.anchors
            .extend(rendered.anchors.iter().map(|a| LinkAnchor {
                line: a.line + first,
                ..*a
            }));
        self.out.extend(rendered.lines);
        self.links = rendered.links;
        if self.links.len() > before {
            self.out.push(Line::raw(""));
            for (i, url) in self.links.iter().enumerate().skip(before) {
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
}

fn time(now: DateTime<Utc>, raw: Option<&str>) -> String {
    match raw.and_then(crate::jira::models::parse_time) {
        Some(t) => format!("{} ({})", t.format("%Y-%m-%d %H:%M"), relative_time(t, now)),
        None => raw.map(sanitize_line).unwrap_or_default(),
    }
}

/// Custom fields that have a value, with their names from `expand=names`.
fn custom_fields(issue: &Issue) -> Vec<(String, String)> {
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
fn attachments(issue: &Issue) -> Vec<String> {
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

/// The issue of `detail` laid out `width` columns wide, relative times against `now`; an
/// empty layout while it has not loaded.
pub fn build(detail: &DetailView, now: DateTime<Utc>, width: u16) -> DetailLayout {
    let stamp = Some(detail.stamp(width, now));
    let Some(issue) = detail.issue.as_deref() else {
        return DetailLayout {
            stamp,
            ..DetailLayout::default()
        };
    };
    let width = width.max(20) as usize;
    let f = &issue.fields;
    let mut out: Vec<Line<'static>> = Vec::new();
    let title = format!(
        "{}  {}",
        sanitize_line(&issue.key),
        sanitize_line(f.summary.as_deref().unwrap_or(""))
    );
    for l in wrap(&title, width) {
        out.push(Line::styled(l, theme::title()));
    }
    out.push(Line::raw(""));
    let mut field = |label: &str, value: String, style: Style| {
        if !value.is_empty() {
            out.push(Line::from(vec![
                Span::styled(format!("{label:<12}"), theme::dim()),
                Span::styled(value, style),
            ]));
        }
    };
    let category = crate::app::state::Category::of(
        f.status
            .as_ref()
            .and_then(|s| s.status_category.as_ref())
            .map(|c| c.key.as_str()),
    );
    field(
        "Status",
        f.status
            .as_ref()
            .map(|s| sanitize_line(&s.name))
            .unwrap_or_default(),
        theme::status(category),
    );
    field(
        "Type",
        f.issuetype
            .as_ref()
            .map(|t| sanitize_line(&t.name))
            .unwrap_or_default(),
        Style::new(),
    );
    let priority = f
        .priority
        .as_ref()
        .map(|p| sanitize_line(&p.name))
        .unwrap_or_default();
    field("Priority", priority.clone(), theme::priority(&priority));
    field(
        "Resolution",
        f.resolution
            .as_ref()
            .map_or("Unresolved".into(), |r| sanitize_line(&r.name)),
        Style::new(),
    );
    field(
        "Assignee",
        f.assignee
            .as_ref()
            .map_or("Unassigned".into(), |u| sanitize_line(u.label())),
        Style::new(),
    );
    field(
        "Reporter",
        f.reporter
            .as_ref()
            .map(|u| sanitize_line(u.label()))
            .unwrap_or_default(),
        Style::new(),
    );
    field("Created", time(now, f.created.as_deref()), Style::new());
    field("Updated", time(now, f.updated.as_deref()), Style::new());
    field(
        "Due",
        f.duedate.as_deref().map(sanitize_line).unwrap_or_default(),
        Style::new(),
    );
    field(
        "Labels",
        sanitize_line(&f.labels.join(", ")),
        theme::accent(),
    );
    field(
        "Components",
        sanitize_line(
            &f.components
                .iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Style::new(),
    );
    if let Some(p) = &f.parent {
        field(
            "Parent",
            sanitize_line(&format!(
                "{} {}",
                p.key,
                p.fields.summary.as_deref().unwrap_or("")
            )),
            Style::new(),
        );
    }
    // The related issue chosen with Tab is highlighted; Enter opens it.
    let chosen = detail.related;
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
        mark(&mut out);
    }
    let section = |out: &mut Vec<Line<'static>>, name: String| {
        out.push(Line::raw(""));
        out.push(Line::styled(name, theme::accent()));
        out.push(Line::styled("─".repeat(width.min(60)), theme::dim()));
    };
    if !f.subtasks.is_empty() {
        section(&mut out, "Sub-tasks".into());
        for s in &f.subtasks {
            let status = s
                .fields
                .status
                .as_ref()
                .map_or(String::new(), |s| sanitize_line(&s.name));
            out.push(Line::raw(sanitize_line(&format!(
                "{}  [{status}]  {}",
                s.key,
                s.fields.summary.as_deref().unwrap_or("")
            ))));
            mark(&mut out);
        }
    }
    if !f.issuelinks.is_empty() {
        section(&mut out, "Links".into());
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
            out.push(Line::raw(sanitize_line(&format!(
                "{verb} {}  [{status}]  {}",
                other.key,
                other.fields.summary.as_deref().unwrap_or("")
            ))));
            mark(&mut out);
        }
    }
    let custom = custom_fields(issue);
    if !custom.is_empty() {
        section(&mut out, "Fields".into());
        for (name, value) in custom {
            out.push(Line::from(vec![
                Span::styled(format!("{:<20} ", truncate(&name, 20)), theme::dim()),
                Span::raw(truncate(&value, width.saturating_sub(21))),
            ]));
        }
    }
    let attachments = attachments(issue);
    if !attachments.is_empty() {
        section(&mut out, format!("Attachments ({})", attachments.len()));
        for a in attachments {
            out.push(Line::raw(truncate(&a, width)));
        }
    }
    section(&mut out, "Description".into());
    let mut b = Builder {
        out,
        links: Vec::new(),
        anchors: Vec::new(),
        width,
    };
    match &f.description {
        Some(body) if !matches!(body, RichText::Wiki(s) if s.trim().is_empty()) => b.rich(body),
        _ => b.out.push(Line::styled("No description.", theme::dim())),
    }
    if let Some(page) = &f.comment {
        let (loaded, total) = detail.comment_counts();
        section(&mut b.out, format!("Comments ({total})"));
        for c in &page.comments {
            b.out.push(Line::from(vec![
                Span::styled(
                    sanitize_line(c.author.as_ref().map_or("unknown", |u| u.label())),
                    theme::title(),
                ),
                Span::styled(format!("  {}", time(now, Some(&c.created))), theme::dim()),
            ]));
            if let Some(body) = &c.body {
                b.rich(body);
            }
            b.out.push(Line::raw(""));
        }
        let left = total.saturating_sub(loaded as u64);
        if detail.comments_request.is_some() {
            b.out
                .push(Line::styled("Loading more comments…", theme::dim()));
        } else if let Some(e) = &detail.comments_error {
            for l in wrap(
                &format!("More comments could not be loaded: {}", e.sentence),
                width,
            ) {
                b.out.push(Line::styled(l, theme::error()));
            }
            b.out
                .push(Line::styled("r reloads the issue", theme::dim()));
        } else if left > 0 {
            b.out.push(Line::styled(
                format!(
                    "{left} more comment{} — scroll down to load",
                    if left == 1 { "" } else { "s" }
                ),
                theme::dim(),
            ));
        }
    }
    DetailLayout {
        stamp,
        lines: b.out,
        links: b.links,
        anchors: b.anchors,
    }
}

/// The body area of the detail screen within `area` (the screen less the status line).
pub fn body_area(area: Rect) -> Rect {
    Rect {
        x: area.x + 1,
        y: area.y + 2,
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    }
}

/// The layout to show: the one kept in the state when it is current, else built now.
pub fn current_layout(state: &State, width: u16) -> std::borrow::Cow<'_, DetailLayout> {
    match &state.detail {
        Some(d) if d.layout.stamp == Some(d.stamp(width, state.now)) => {
            std::borrow::Cow::Borrowed(&d.layout)
        }
        Some(d) => std::borrow::Cow::Owned(build(d, state.now, width)),
        None => std::borrow::Cow::Owned(DetailLayout::default()),
    }
}

/// Links visible on screen: (x, y, width, url) of each stretch of link text, for the terminal
/// to mark as an OSC 8 hyperlink. `area` is the screen less the status line.
pub fn visible_links(state: &State, area: Rect) -> Vec<(u16, u16, u16, String)> {
    let Some(detail) = &state.detail else {
        return Vec::new();
    };
    if detail.issue.is_none() || detail.phase != Phase::Idle {
        return Vec::new();
    }
    let body = body_area(area);
    let layout = current_layout(state, body.width);
    let scroll = detail
        .scroll
        .min((layout.lines.len() as u16).saturating_sub(body.height)) as usize;
    layout
        .anchors
        .iter()
        .filter(|a| a.line >= scroll && a.line < scroll + body.height as usize)
        .filter_map(|a| {
            let start = a.start.min(body.width as usize) as u16;
            let end = a.end.min(body.width as usize) as u16;
            let url = layout.links.get(a.link)?;
            (end > start).then(|| {
                (
                    body.x + start,
                    body.y + (a.line - scroll) as u16,
                    end - start,
                    url.clone(),
                )
            })
        })
        .collect()
}

/// Draws the detail screen.
pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let Some(detail) = &state.detail else {
        return;
    };
    let header = Line::from(vec![
        Span::styled(" jiratty ", theme::title()),
        Span::styled(detail.key.clone(), theme::accent()),
        Span::styled(
            "  Esc back  Tab related issue  l open link  o open in browser  y copy key",
            theme::dim(),
        ),
    ]);
    frame.render_widget(Paragraph::new(header), Rect { height: 1, ..area });
    let body = body_area(area);
    let layout = match (&detail.issue, &detail.phase) {
        (_, Phase::Failed(e)) => {
            let mut lines = vec![Line::styled(e.sentence.clone(), theme::error())];
            if let Some(h) = &e.hint {
                lines.push(Line::styled(h.clone(), theme::dim()));
            }
            lines.push(Line::raw(""));
            lines.push(Line::styled("r retry   Esc back", theme::dim()));
            std::borrow::Cow::Owned(DetailLayout {
                lines,
                ..DetailLayout::default()
            })
        }
        // The layout kept in the state, not a copy of it.
        (Some(_), _) => current_layout(state, body.width),
        (None, _) => std::borrow::Cow::Owned(DetailLayout {
            lines: vec![Line::styled(
                format!("Loading {}…", detail.key),
                theme::dim(),
            )],
            ..DetailLayout::default()
        }),
    };
    let content = &layout.lines;
    let max_scroll = (content.len() as u16).saturating_sub(body.height);
    let scroll = detail.scroll.min(max_scroll) as usize;
    // Only the visible lines are handed to the paragraph.
    let visible: Vec<Line<'static>> = content
        .iter()
        .skip(scroll)
        .take(body.height as usize)
        .cloned()
        .collect();
    frame.render_widget(Paragraph::new(visible), body);
}
