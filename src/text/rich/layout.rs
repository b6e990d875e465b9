//! Lays a [`Doc`] out to a width: styled ratatui lines, numbered links (with their positions,
//! for OSC 8 hyperlinks), and a plain-text variant for the CLI.
//!
//! Every string that reaches a line passes the sanitiser; no line is wider than the width
//! asked for (measured with unicode-width), whatever the nesting.

use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use unicode_width::UnicodeWidthStr;

use super::inline::{flatten, push_text, wrap};
use super::model::{Block, Doc, Inline, List, ListKind, PanelKind, block_text};
use super::numbering::{LineBudget, LinkNumbers};
use super::row::Row;
use super::table::table;
use super::theme::Theme;
use crate::text::format::{thousands, truncate};
use crate::text::sanitize_line;

/// Block nesting laid out as structure; deeper blocks are shown as their plain text.
const MAX_DEPTH: usize = 48;
/// Gutters and indents are only drawn while at least this many columns remain for content.
const MIN_INNER: usize = 6;

/// Where a link is on screen: line `line`, columns `start..end`, link `links[link]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkAnchor {
    /// Index into [`Rendered::lines`].
    pub line: usize,
    /// First column (display width from the line start).
    pub start: usize,
    /// Column after the last.
    pub end: usize,
    /// Index into [`Rendered::links`] (the link shown as `[link + 1]`).
    pub link: usize,
}

/// A laid-out document.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The lines, none wider than the width asked for.
    pub lines: Vec<Line<'static>>,
    /// Every link's URL (sanitised), numbered from 1 in the text: `links[0]` is `[1]`. The same
    /// URL gets one number. (Empty from [`layout_numbered`], whose numbers stay in its
    /// [`LinkNumbers`].)
    pub links: Vec<String>,
    /// Where link text appears, for OSC 8 hyperlinks.
    pub anchors: Vec<LinkAnchor>,
}

/// Layout state: the theme, the links numbered so far and the lines left to lay out.
pub(super) struct Ctx<'t> {
    pub theme: &'t Theme,
    links: LinkNumbers,
    /// Lines left for this view; what does not fit is summarised.
    pub budget: LineBudget,
    /// How many bordered tables enclose the block being laid out.
    pub table_depth: usize,
    /// How many lists enclose the block being laid out (picks the bullet).
    list_level: usize,
}

impl Ctx<'_> {
    /// The number (0-based) of `url`, allocating one on first sight.
    pub fn link_id(&mut self, url: &str) -> usize {
        self.links.number(url)
    }

    /// A muted line saying what was left out (`… 1,234 more rows not shown`).
    pub fn note(&self, text: &str, width: usize) -> Row {
        Row::text(&truncate(&format!("… {text}"), width), self.theme.muted)
    }
}

/// Lays `doc` out to `width` columns (at least 1) with `theme`.
pub fn layout(doc: &Doc, width: usize, theme: &Theme) -> Rendered {
    let mut links = LinkNumbers::default();
    let mut rendered = layout_numbered(doc, width, theme, &mut links, &mut LineBudget::default());
    rendered.links = links.into_urls();
    rendered
}

/// Like [`layout`], numbering links on from `links` (the links of the documents laid out
/// before this one, so that one view of several documents has one numbering: a URL seen
/// before keeps its number) and taking its lines from `budget` (shared by the view, so that
/// the whole view stays within [`MAX_LINES`](super::MAX_LINES)). The numbers stay in
/// `links`; the result's `links` is empty.
pub fn layout_numbered(
    doc: &Doc,
    width: usize,
    theme: &Theme,
    links: &mut LinkNumbers,
    budget: &mut LineBudget,
) -> Rendered {
    let width = width.max(1);
    let mut ctx = Ctx {
        theme,
        links: std::mem::take(links),
        budget: *budget,
        table_depth: 0,
        list_level: 0,
    };
    let mut rows = ctx.blocks(&doc.blocks, width, false, 0);
    if ctx.budget.exhausted && !budget.exhausted {
        // Said once per view, where the cut happened.
        rows.push(ctx.note(
            &format!(
                "the rest is not shown (longer than {} lines)",
                thousands(super::MAX_LINES as u64)
            ),
            width,
        ));
    }
    *links = ctx.links;
    *budget = ctx.budget;
    let mut rendered = Rendered::default();
    for (line, row) in rows.into_iter().enumerate() {
        rendered
            .anchors
            .extend(row.anchors.iter().map(|a| LinkAnchor {
                line,
                start: a.start,
                end: a.end,
                link: a.link,
            }));
        rendered.lines.push(row.into_line());
    }
    rendered
}

/// The document as plain text at `width` columns: the same layout without styles, then the
/// numbered link list. Lines are joined with `\n`; trailing spaces are trimmed.
pub fn to_plain(doc: &Doc, width: usize) -> String {
    to_plain_within(doc, width, &mut LineBudget::default())
}

/// [`to_plain`] taking its lines from `budget`, shared by the documents of one view (an issue's
/// description and comments) so that the whole view stays within
/// [`MAX_LINES`](super::MAX_LINES).
pub fn to_plain_within(doc: &Doc, width: usize, budget: &mut LineBudget) -> String {
    let mut links = LinkNumbers::default();
    let rendered = layout_numbered(doc, width, &Theme::plain(), &mut links, budget);
    let mut lines: Vec<String> = rendered.lines.iter().map(line_text).collect();
    if !links.is_empty() {
        lines.push(String::new());
        for (i, url) in links.urls().iter().enumerate() {
            let mut atoms = Vec::new();
            push_text(
                &mut atoms,
                &format!("[{}] {url}", i + 1),
                Style::new(),
                None,
            );
            let rows = hard_wrap(&atoms, width.max(1));
            lines.extend(rows.into_iter().map(|r| line_text(&r.into_line())));
        }
    }
    lines.join("\n")
}

/// A line's text with trailing spaces removed.
pub fn line_text(line: &Line<'_>) -> String {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    text.trim_end().to_string()
}

impl Ctx<'_> {
    /// Lays out a sequence of blocks; unless `tight`, a blank line separates them.
    pub(super) fn blocks(
        &mut self,
        blocks: &[Block],
        width: usize,
        tight: bool,
        depth: usize,
    ) -> Vec<Row> {
        let mut rows = Vec::new();
        for block in blocks {
            if self.budget.is_spent() {
                self.budget.exhausted = true;
                break;
            }
            let block_rows = self.block(block, width, depth);
            if block_rows.is_empty() {
                continue;
            }
            if !rows.is_empty() && !tight {
                rows.push(Row::default());
            }
            rows.extend(block_rows);
        }
        rows
    }

    /// Inlines wrapped to `width`: the first [`MAX_PARAGRAPH_CHARS`](super::MAX_PARAGRAPH_CHARS)
    /// characters, then a line counting the rest; no more rows than the budget has left.
    fn inlines(&mut self, inlines: &[Inline], width: usize, base: Style) -> Vec<Row> {
        let (atoms, left_out) = flatten(self, inlines, base);
        if atoms.is_empty() {
            return Vec::new();
        }
        let mut rows = wrap(&atoms, width);
        drop(atoms);
        if left_out > 0 {
            rows.push(self.note(
                &format!("{} more characters not shown", thousands(left_out as u64)),
                width,
            ));
        }
        let granted = self.budget.take(rows.len());
        rows.truncate(granted);
        rows
    }

    fn block(&mut self, block: &Block, width: usize, depth: usize) -> Vec<Row> {
        let theme = self.theme;
        if depth > MAX_DEPTH {
            let text = Inline::Text {
                text: block_text(block),
                marks: Default::default(),
            };
            return self.inlines(&[text], width, Style::new());
        }
        let d = depth + 1;
        match block {
            Block::Paragraph(inlines) => self.inlines(inlines, width, Style::new()),
            Block::Heading { level, content } => {
                let index = usize::from(level.clamp(&1, &6) - 1);
                let mut rows = self.inlines(content, width, theme.headings[index]);
                if index < 2 && !rows.is_empty() {
                    let w = rows.iter().map(|r| r.width).max().unwrap_or(0).min(width);
                    let line = if index == 0 { "═" } else { "─" };
                    rows.push(Row::text(&line.repeat(w), theme.headings[index]));
                }
                rows
            }
            Block::List(list) => self.list(list, width, d),
            Block::Code { language, text } => self.code(language.as_deref(), text, width),
            Block::Quote(blocks) => self.indented(blocks, width, d, "│ ", theme.quote),
            Block::Rule => vec![Row::text(&"─".repeat(width), theme.muted)],
            Block::Table(t) => table(self, t, width, d),
            Block::Panel {
                kind,
                title,
                blocks,
            } => {
                let style = theme.panels[*kind as usize];
                let title = panel_title(*kind, title.as_deref());
                let framed = width >= 2 + MIN_INNER;
                let inner = if framed { width - 2 } else { width };
                let mut rows = Vec::new();
                if !title.is_empty() {
                    let mut atoms = Vec::new();
                    push_text(&mut atoms, &title, style.add_modifier(Modifier::BOLD), None);
                    rows.extend(wrap(&atoms, inner));
                }
                rows.extend(self.blocks(blocks, inner, false, d));
                if !framed {
                    return rows;
                }
                rows.into_iter().map(|r| r.prefixed("┃ ", style)).collect()
            }
            Block::Expand { title, blocks } => {
                let title = sanitize_line(title.as_deref().unwrap_or("Details"));
                let heading = Inline::Text {
                    text: format!("▾ {title}"),
                    marks: Default::default(),
                };
                let mut rows =
                    self.inlines(&[heading], width, theme.muted.add_modifier(Modifier::BOLD));
                rows.extend(self.indented(blocks, width, d, "  ", Style::new()));
                rows
            }
            Block::Media { name } => {
                let media = Inline::Attachment { name: name.clone() };
                self.inlines(&[media], width, Style::new())
            }
        }
    }

    /// Blocks indented by `prefix` on every row (no indent when too narrow).
    fn indented(
        &mut self,
        blocks: &[Block],
        width: usize,
        depth: usize,
        prefix: &str,
        style: Style,
    ) -> Vec<Row> {
        let pw = prefix.width();
        if width < pw + MIN_INNER {
            return self.blocks(blocks, width, false, depth);
        }
        let rows = self.blocks(blocks, width - pw, false, depth);
        rows.into_iter()
            .map(|r| r.prefixed(prefix, style))
            .collect()
    }

    fn list(&mut self, list: &List, width: usize, depth: usize) -> Vec<Row> {
        let theme = self.theme;
        let level = self.list_level;
        // Markers are made as items are laid out (a list may have a million items).
        let marker = |i: usize, checked: Option<bool>| match (list.kind, checked) {
            (ListKind::Ordered { start }, _) => {
                (format!("{}.", start.saturating_add(i as u64)), theme.bullet)
            }
            (ListKind::Task, Some(true)) => ("[x]".to_string(), theme.done),
            (ListKind::Task, Some(false)) => ("[ ]".to_string(), theme.todo),
            (ListKind::Decision, Some(true)) => ("◆".to_string(), theme.done),
            (ListKind::Decision, Some(false)) => ("◇".to_string(), theme.todo),
            _ => (["•", "◦", "▪"][level % 3].to_string(), theme.bullet),
        };
        // The widest marker: the last number of an ordered list, else the widest kind.
        let widest = match list.kind {
            ListKind::Ordered { .. } => list.items.len().saturating_sub(1),
            _ => 0,
        };
        let marker_w = list
            .items
            .iter()
            .map(|item| item.checked)
            .chain([None])
            .map(|checked| marker(widest, checked).0.width())
            .max()
            .unwrap_or(1)
            + 1;
        let mut rows = Vec::new();
        self.list_level += 1;
        for (i, item) in list.items.iter().enumerate() {
            if self.budget.is_spent() {
                self.budget.exhausted = true;
                break;
            }
            let (marker, style) = marker(i, item.checked);
            if width < marker_w + MIN_INNER {
                // Too narrow to indent: the marker on its own line, the body below.
                rows.push(Row::text(&truncate(&marker, width), style));
                rows.extend(self.blocks(&item.blocks, width, true, depth));
                continue;
            }
            let body = self.blocks(&item.blocks, width - marker_w, true, depth);
            let mut first = Row::text(&marker, style);
            first.pad_to(marker_w);
            if body.is_empty() {
                rows.push(first);
                continue;
            }
            let rest = " ".repeat(marker_w);
            let mut item_rows = Vec::with_capacity(body.len());
            for (k, row) in body.into_iter().enumerate() {
                let mut prefix = if k == 0 {
                    first.clone()
                } else {
                    Row::text(&rest, Style::new())
                };
                prefix.append(row);
                item_rows.push(prefix);
            }
            rows.extend(item_rows);
        }
        self.list_level -= 1;
        rows
    }

    fn code(&mut self, language: Option<&str>, text: &str, width: usize) -> Vec<Row> {
        let theme = self.theme;
        let label = language
            .map(sanitize_line)
            .filter(|l| !l.trim().is_empty())
            .unwrap_or_else(|| "code".to_string());
        let framed = width >= 2 + MIN_INNER;
        let inner = if framed { width - 2 } else { width };
        let mut rows = vec![Row::text(
            &truncate(&format!("╭─ {label}"), width),
            theme.code_frame,
        )];
        for line in text.trim_end_matches(['\n', '\r']).split('\n') {
            if self.budget.is_spent() {
                self.budget.exhausted = true;
                break;
            }
            let mut atoms = Vec::new();
            let line = line.replace('\t', "    ");
            push_text(&mut atoms, &sanitize_line(&line), theme.code, None);
            // Code keeps its spaces: wrap treats them as text by breaking by width only.
            let mut wrapped = hard_wrap(&atoms, inner);
            wrapped.truncate(self.budget.take(wrapped.len()));
            for row in wrapped {
                rows.push(if framed {
                    row.prefixed("│ ", theme.code_frame)
                } else {
                    row
                });
            }
        }
        rows.push(Row::text(&truncate("╰─", width), theme.code_frame));
        rows
    }
}

/// The first line of a panel: its label and title (`Warning: Deploy freeze`).
pub(super) fn panel_title(kind: PanelKind, title: Option<&str>) -> String {
    let title = title.map(sanitize_line).filter(|t| !t.trim().is_empty());
    match (kind.label(), title) {
        ("", Some(t)) => t,
        ("", None) => String::new(),
        (label, Some(t)) => format!("{label}: {t}"),
        (label, None) => label.to_string(),
    }
}

/// Breaks atoms into rows of at most `width` columns by width alone (spaces kept).
fn hard_wrap(atoms: &[super::inline::Atom], width: usize) -> Vec<Row> {
    super::inline::hard_wrap(atoms, width)
}
