//! Building the detail layout: the header and fields, related issues, custom fields,
//! attachments, then the description and comments as rich text with one link numbering and
//! one line budget for the whole view.

use super::fields::{status, time};
use super::{DetailLayout, LayoutStamp};
use crate::app::detail::MAX_COMMENTS;
use crate::app::state::DetailView;
use crate::app::theme;
use crate::jira::{Issue, RichText};
use crate::text::format::{thousands, truncate, wrap};
use crate::text::rich::{self, LineBudget, LinkAnchor, LinkNumbers};
use crate::text::sanitize_line;
use chrono::{DateTime, Utc};
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
    /// Only what the list row knew: the rest is being read.
    partial: bool,
}

impl Input {
    /// What laying out `view` at `width`, relative times against `now`, with more comments
    /// loading or not, needs.
    pub fn of(view: &DetailView, now: DateTime<Utc>, width: u16, comments_loading: bool) -> Input {
        Input {
            stamp: view.stamp(width, now, comments_loading),
            issue: view.issue.clone(),
            related: view.related,
            now,
            width,
            comments_loading,
            comments_error: view.comments_error.as_ref().map(|e| e.sentence.clone()),
            counts: view.comment_counts(),
            partial: view.partial,
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
        b.fields(issue, self.now, self.partial);
        b.related(issue, self.related);
        b.custom_and_attachments(issue);
        b.section("Description".into());
        if self.partial {
            b.out.push(Line::styled(
                "Loading the description and comments…",
                theme::dim(),
            ));
        } else {
            match &issue.fields.description {
                Some(body) if !matches!(body, RichText::Wiki(s) if s.trim().is_empty()) => {
                    b.rich(body)
                }
                _ => b.out.push(Line::styled("No description.", theme::dim())),
            }
            b.comments(&self, issue);
        }
        DetailLayout {
            stamp,
            pending: None,
            lines: b.out,
            links: b.links.into_urls(),
            anchors: b.anchors,
        }
    }
}

/// The issue of `detail` laid out `width` columns wide, relative times against `now`, with
/// more comments loading or not; an empty layout while it has not loaded.
pub fn build(
    detail: &DetailView,
    now: DateTime<Utc>,
    width: u16,
    comments_loading: bool,
) -> DetailLayout {
    Input::of(detail, now, width, comments_loading).build()
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
pub(super) struct Builder {
    pub(super) out: Vec<Line<'static>>,
    links: LinkNumbers,
    budget: LineBudget,
    anchors: Vec<LinkAnchor>,
    pub(super) width: usize,
}

impl Builder {
    pub(super) fn section(&mut self, name: String) {
        self.out.push(Line::raw(""));
        self.out.push(Line::styled(name, theme::accent()));
        self.out
            .push(Line::styled("─".repeat(self.width.min(60)), theme::dim()));
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
                    // A comment without an id is one being posted: Jira has not kept it yet.
                    if c.id.is_empty() {
                        "  sending…".to_string()
                    } else {
                        format!("  {}", time(input.now, Some(&c.created)))
                    },
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
