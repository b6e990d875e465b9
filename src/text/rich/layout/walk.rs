//! The document walk: each kind of block laid out to a width as rows (paragraphs, headings,
//! lists, code, quotes, panels, expands, media; tables in `rich::table`).

use ratatui::style::{Modifier, Style};
use unicode_width::UnicodeWidthStr;

use super::{Ctx, MAX_DEPTH, MIN_INNER, hard_wrap, panel_title};
use crate::text::format::{thousands, truncate};
use crate::text::rich::inline::{flatten, push_text, wrap};
use crate::text::rich::model::{Block, Inline, List, ListKind, block_text};
use crate::text::rich::row::Row;
use crate::text::rich::table::table;
use crate::text::sanitize_line;

impl Ctx<'_> {
    /// Lays out a sequence of blocks; unless `tight`, a blank line separates them.
    pub(in crate::text::rich) fn blocks(
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

    /// Inlines wrapped to `width`: the first [`MAX_PARAGRAPH_CHARS`](crate::text::rich::MAX_PARAGRAPH_CHARS)
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
