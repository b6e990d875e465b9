//! The rich-text model → Jira wiki markup (what Data Center and the v2 API take). Every plain
//! character that wiki would read as markup is escaped, so the text reads back as written.
//! Wiki cannot nest a macro in itself (a quote in a quote), put blocks in a list item or a
//! table cell, or number a list from anything but 1: such content is flattened, and its text
//! stays.

use super::adf::node::MAX_DEPTH;
use super::layout::panel_title;
use super::model::{Block, Cell, Doc, Inline, List, ListKind, PanelKind, block_text};
use super::write_adf::MentionIds;
use super::write_adf_inline::{bold, flat};
use super::write_wiki_inline::inlines;
use crate::text::adf::wiki_escape::{BREAK, escape_wiki, macro_param};

/// Writes a [`Doc`] as wiki markup. `ids` maps a mentioned person's display name to their
/// username (`[~username]`); a name it does not know stays the text `@Name`.
pub fn write_wiki(doc: &Doc, ids: MentionIds<'_>) -> String {
    blocks(&doc.blocks, ids, 0).join("\n\n")
}

fn blocks(list: &[Block], ids: MentionIds<'_>, depth: usize) -> Vec<String> {
    let mut out = Vec::new();
    for block in list {
        block_into(block, ids, depth, &mut out);
    }
    out
}

fn block_into(block: &Block, ids: MentionIds<'_>, depth: usize, out: &mut Vec<String>) {
    let mut push = |s: String| {
        if !s.trim().is_empty() {
            out.push(s);
        }
    };
    if depth > MAX_DEPTH {
        return push(escape_wiki(&block_text(block), true, "\n"));
    }
    let d = depth + 1;
    match block {
        Block::Paragraph(content) => push(inlines(content, ids, "\n", true)),
        Block::Heading { level, content } => {
            let text = inlines(content, ids, BREAK, false);
            if !text.trim().is_empty() {
                push(format!("h{}. {text}", (*level).clamp(1, 6)));
            }
        }
        Block::List(list) => {
            let mut lines = Vec::new();
            list_lines(list, "", ids, d, &mut lines);
            push(lines.join("\n"));
        }
        Block::Code { language, text } => push(code_block(language.as_deref(), text)),
        Block::Quote(inner) => push(wiki_macro("quote", None, inner, ids, d)),
        Block::Rule => push("----".to_string()),
        Block::Table(table) => {
            let rows: Vec<String> = table
                .rows
                .iter()
                .filter(|row| !row.is_empty())
                .map(|row| table_row(row, ids, d))
                .collect();
            push(rows.join("\n"));
        }
        Block::Panel {
            kind,
            title,
            blocks: inner,
        } => {
            let name = macro_name(block).unwrap_or("panel");
            let title = match name {
                "panel" => Some(panel_title(*kind, title.as_deref())),
                _ => title.clone(),
            };
            push(wiki_macro(name, title, inner, ids, d));
        }
        Block::Expand {
            title,
            blocks: inner,
        } => push(wiki_macro("panel", title.clone(), inner, ids, d)),
        Block::Media { name } => push(escape_wiki(name, true, "\n")),
    }
}

fn plain_inline(text: &str) -> Inline {
    Inline::Text {
        text: text.to_string(),
        marks: Default::default(),
    }
}

/// The wiki macro a block is written as, if any.
fn macro_name(block: &Block) -> Option<&'static str> {
    match block {
        Block::Quote(_) => Some("quote"),
        Block::Panel { kind, .. } => Some(match kind {
            PanelKind::Info => "info",
            PanelKind::Note => "note",
            PanelKind::Tip => "tip",
            PanelKind::Warning => "warning",
            _ => "panel",
        }),
        Block::Expand { .. } => Some("panel"),
        _ => None,
    }
}

/// `{name:title=…}` body `{name}`. Wiki macros do not nest in themselves (the first closing
/// tag ends the outer one), so a block inside that would be the same macro is written as its
/// content, its title in bold before it.
fn wiki_macro(
    name: &str,
    title: Option<String>,
    inner: &[Block],
    ids: MentionIds<'_>,
    depth: usize,
) -> String {
    let body = blocks(&without(inner, name), ids, depth).join("\n\n");
    let title = title.filter(|t| !t.trim().is_empty());
    if body.trim().is_empty() && title.is_none() {
        return String::new();
    }
    let open = match title {
        Some(t) => format!("{{{name}:title={}}}", macro_param(t.trim())),
        None => format!("{{{name}}}"),
    };
    format!("{open}\n{body}\n{{{name}}}")
}

/// The blocks with every macro named `name` among them (at any depth) replaced by its content.
fn without(list: &[Block], name: &str) -> Vec<Block> {
    let mut out = Vec::new();
    for block in list {
        let (title, inner) = match block {
            Block::Quote(inner) => (None, inner),
            Block::Panel {
                kind,
                title,
                blocks,
            } => (Some(panel_title(*kind, title.as_deref())), blocks),
            Block::Expand { title, blocks } => (title.clone(), blocks),
            other => {
                out.push(other.clone());
                continue;
            }
        };
        if macro_name(block) == Some(name) {
            if let Some(title) = title.filter(|t| !t.trim().is_empty()) {
                out.push(Block::Paragraph(bold(&[plain_inline(&title)])));
            }
            out.extend(without(inner, name));
        } else {
            let mut block = block.clone();
            if let Block::Quote(blocks)
            | Block::Panel { blocks, .. }
            | Block::Expand { blocks, .. } = &mut block
            {
                *blocks = without(blocks, name);
            }
            out.push(block);
        }
    }
    out
}

/// A block on one line (a list item's or a table cell's): paragraphs as they are, anything
/// else as its inline text, line breaks as `\\`.
fn one_line(list: &[Block], ids: MentionIds<'_>) -> String {
    list.iter()
        .map(|block| match block {
            Block::Paragraph(content) => inlines(content, ids, BREAK, false),
            Block::Heading { content, .. } => inlines(&bold(content), ids, BREAK, false),
            other => inlines(&flat(other), ids, BREAK, false),
        })
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join(BREAK)
}

/// Appends the lines of a list whose parent items' markers are `prefix` (`*#`: nesting mixes
/// markers). A check box is written as text (`[ ]`, `[x]`): wiki has no task lists. A code
/// block in an item is written as a block between the lines, which ends the list there.
fn list_lines(list: &List, prefix: &str, ids: MentionIds<'_>, depth: usize, out: &mut Vec<String>) {
    let marker = match list.kind {
        ListKind::Ordered { .. } => format!("{prefix}#"),
        _ => format!("{prefix}*"),
    };
    for item in &list.items {
        let mut text: Vec<Block> = Vec::new();
        let flush = |text: &mut Vec<Block>, out: &mut Vec<String>, checked: &mut Option<bool>| {
            let mut line = one_line(text, ids);
            if let Some(done) = checked.take() {
                let check = escape_wiki(if done { "[x]" } else { "[ ]" }, false, " ");
                line = format!("{check} {line}");
            }
            if !line.trim().is_empty() {
                out.push(format!("{marker} {}", line.trim_end()));
            }
            text.clear();
        };
        let mut checked = item.checked;
        for block in &item.blocks {
            match block {
                Block::List(sub) if depth <= MAX_DEPTH => {
                    flush(&mut text, out, &mut checked);
                    list_lines(sub, &marker, ids, depth + 1, out);
                }
                // Code keeps its lines: the block ends the list there (as `text::adf`'s ADF →
                // wiki writer does).
                Block::Code {
                    language,
                    text: code,
                } => {
                    flush(&mut text, out, &mut checked);
                    out.push(code_block(language.as_deref(), code));
                }
                other => text.push(other.clone()),
            }
        }
        flush(&mut text, out, &mut checked);
    }
}

/// `||heading||` and `|cell|` separators, mixed in one row as the cells are.
fn table_row(row: &[Cell], ids: MentionIds<'_>, depth: usize) -> String {
    let mut line = String::new();
    let mut last = "|";
    for cell in row {
        let sep = if cell.header { "||" } else { "|" };
        let text = if depth > MAX_DEPTH {
            escape_wiki(
                &cell
                    .blocks
                    .iter()
                    .map(block_text)
                    .collect::<Vec<_>>()
                    .join(" "),
                false,
                BREAK,
            )
        } else {
            one_line(&cell.blocks, ids)
        };
        line.push_str(sep);
        line.push_str(if text.trim().is_empty() { " " } else { &text });
        last = sep;
    }
    line.push_str(last);
    line
}

/// `{code:lang}` with a language, `{noformat}` without; a body that would close the macro
/// early takes the other one, or monospace lines when it would close both.
fn code_block(language: Option<&str>, text: &str) -> String {
    let language: String = language
        .unwrap_or("")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '_' | '-'))
        .collect::<String>()
        .to_ascii_lowercase();
    let lower = text.to_ascii_lowercase();
    let (code_ok, noformat_ok) = (!lower.contains("{code}"), !lower.contains("{noformat}"));
    if !language.is_empty() && code_ok {
        format!("{{code:{language}}}\n{text}\n{{code}}")
    } else if noformat_ok {
        format!("{{noformat}}\n{text}\n{{noformat}}")
    } else if code_ok {
        format!("{{code}}\n{text}\n{{code}}")
    } else {
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| format!("{{{{{}}}}}", escape_wiki(l, false, " ")))
            .collect::<Vec<_>>()
            .join("\n")
    }
}
