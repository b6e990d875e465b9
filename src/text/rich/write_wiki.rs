//! The rich-text model → Jira wiki markup (what Data Center and the v2 API take). Every plain
//! character that wiki would read as markup is escaped, so the text reads back as written.
//! Wiki cannot nest quotes, put blocks in a list item or a table cell, or number a list from
//! anything but 1: such content is flattened onto the line, and its text stays.

use super::adf::node::MAX_DEPTH;
use super::model::{Block, Cell, Doc, Inline, List, ListKind, block_text};
use super::write_adf::{MentionIds, bold, flat};
use super::write_wiki_inline::inlines;
use crate::text::adf::wiki_escape::{BREAK, escape_wiki};

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
                push(format!("h{}. {text}", level.clamp(&1, &6)));
            }
        }
        Block::List(list) => {
            let mut lines = Vec::new();
            list_lines(list, "", ids, d, &mut lines);
            push(lines.join("\n"));
        }
        Block::Code { language, text } => push(code_block(language.as_deref(), text)),
        Block::Quote(inner) => {
            // `{quote}` does not nest: quotes inside are part of this one.
            let body = blocks(&unquoted(inner), ids, d).join("\n\n");
            if !body.trim().is_empty() {
                push(format!("{{quote}}\n{body}\n{{quote}}"));
            }
        }
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
            title,
            blocks: inner,
            ..
        }
        | Block::Expand {
            title,
            blocks: inner,
        } => {
            if let Some(title) = title {
                push(inlines(&bold(&[plain_inline(title)]), ids, BREAK, true));
            }
            for b in blocks(inner, ids, d) {
                push(b);
            }
        }
        Block::Media { name } => push(escape_wiki(name, true, "\n")),
    }
}

fn plain_inline(text: &str) -> Inline {
    Inline::Text {
        text: text.to_string(),
        marks: Default::default(),
    }
}

/// The blocks with every quote among them replaced by its content.
fn unquoted(list: &[Block]) -> Vec<Block> {
    list.iter()
        .flat_map(|block| match block {
            Block::Quote(inner) => unquoted(inner),
            other => vec![other.clone()],
        })
        .collect()
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
/// markers). A check box is written as text (`[ ]`, `[x]`): wiki has no task lists.
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
