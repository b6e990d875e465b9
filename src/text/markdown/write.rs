//! The rich-text model written back as Markdown, for editing a comment that Jira keeps as ADF
//! or wiki markup: what [`super::to_doc`] reads back as the same document where Markdown can
//! say it (paragraphs, headings, marks, links, lists, task lists, code, quotes, rules, tables),
//! and the text, readable, where it cannot (panels and expands become quotes with their title
//! in bold; colours, underline, sub- and superscript are dropped; an attachment is its name).

use crate::text::rich::{Block, Cell, Doc, Inline, List, ListKind, Marks};

/// `doc` as Markdown.
pub fn from_doc(doc: &Doc) -> String {
    let mut out = String::new();
    blocks(&doc.blocks, &mut out);
    // Line ends only: an empty task item ends in the space that makes it one.
    out.trim_end_matches('\n').to_string()
}

/// Blocks separated by a blank line.
fn blocks(list: &[Block], out: &mut String) {
    for (i, block) in list.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        one_block(block, out);
    }
}

fn one_block(block: &Block, out: &mut String) {
    match block {
        Block::Paragraph(content) => {
            out.push_str(&line_start(&inlines(content)));
            out.push('\n');
        }
        Block::Heading { level, content } => {
            let level = (*level).clamp(1, 6) as usize;
            let text = inlines(content);
            if text.contains('\n') && level <= 2 {
                // Only the underlined form of a heading holds line breaks.
                out.push_str(&line_start(&text));
                out.push_str(if level == 1 { "\n===\n" } else { "\n---\n" });
            } else {
                out.push_str(&"#".repeat(level));
                out.push(' ');
                out.push_str(&text.replace('\n', " "));
                out.push('\n');
            }
        }
        Block::List(list) => list_block(list, out),
        Block::Code { language, text } => {
            let fence = fence_for(text);
            out.push_str(&fence);
            out.push_str(language.as_deref().unwrap_or("").trim());
            out.push('\n');
            out.push_str(text.trim_end_matches('\n'));
            out.push('\n');
            out.push_str(&fence);
            out.push('\n');
        }
        Block::Quote(inner) => quoted(inner, None, out),
        Block::Rule => out.push_str("---\n"),
        Block::Table(table) => table_block(&table.rows, out),
        Block::Panel {
            kind,
            title,
            blocks,
        } => {
            let title = title.clone().or_else(|| {
                let label = kind.label();
                (!label.is_empty()).then(|| label.to_string())
            });
            quoted(blocks, title.as_deref(), out);
        }
        Block::Expand { title, blocks } => quoted(blocks, title.as_deref(), out),
        Block::Media { name } => {
            out.push_str(&escape(name));
            out.push('\n');
        }
    }
}

/// `> ` before every line of `inner`, a bold title first.
fn quoted(inner: &[Block], title: Option<&str>, out: &mut String) {
    let mut text = String::new();
    if let Some(title) = title.filter(|t| !t.trim().is_empty()) {
        text.push_str(&format!("**{}**\n\n", escape(title.trim())));
    }
    blocks(inner, &mut text);
    for line in text.trim_end_matches('\n').lines() {
        out.push_str(if line.is_empty() { ">" } else { "> " });
        out.push_str(line);
        out.push('\n');
    }
}

fn list_block(list: &List, out: &mut String) {
    for (i, item) in list.items.iter().enumerate() {
        let marker = match list.kind {
            ListKind::Ordered { start } => format!("{}. ", start.saturating_add(i as u64)),
            ListKind::Bullet | ListKind::Task | ListKind::Decision => match item.checked {
                Some(true) => "- [x] ".to_string(),
                Some(false) => "- [ ] ".to_string(),
                None => "- ".to_string(),
            },
        };
        let indent = " ".repeat(if matches!(list.kind, ListKind::Ordered { .. }) {
            marker.len()
        } else {
            2
        });
        let mut text = String::new();
        // Blocks inside an item stay tight (one line between them) so the list stays tight.
        for (n, block) in item.blocks.iter().enumerate() {
            if n > 0 && !matches!(block, Block::List(_)) {
                text.push('\n');
            }
            one_block(block, &mut text);
        }
        let text = if text.trim().is_empty() {
            String::new()
        } else {
            text
        };
        let mut lines = text.trim_end_matches('\n').lines();
        out.push_str(marker.trim_end_matches(' '));
        match lines.next() {
            Some(first) => {
                out.push(' ');
                out.push_str(first);
            }
            None if marker.ends_with("] ") => out.push(' '),
            None => {}
        }
        out.push('\n');
        for line in lines {
            if !line.is_empty() {
                out.push_str(&indent);
            }
            out.push_str(line);
            out.push('\n');
        }
    }
}

fn table_block(rows: &[Vec<Cell>], out: &mut String) {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if width == 0 {
        return;
    }
    let row_text = |row: &[Cell]| {
        let mut cells: Vec<String> = row.iter().map(cell_text).collect();
        cells.resize(width, String::new());
        format!("| {} |", cells.join(" | "))
    };
    let (head, body) = match rows.split_first() {
        Some((first, rest)) if first.iter().all(|c| c.header) => (row_text(first), rest),
        // Markdown tables need a header row: an empty one keeps every row a body row.
        _ => (row_text(&[]), rows),
    };
    out.push_str(&head);
    out.push('\n');
    out.push_str(&format!("|{}\n", " --- |".repeat(width)));
    for row in body {
        out.push_str(&row_text(row));
        out.push('\n');
    }
}

/// A cell on one line: its blocks' text joined, pipes escaped.
fn cell_text(cell: &Cell) -> String {
    let mut text = String::new();
    for block in &cell.blocks {
        let mut one = String::new();
        one_block(block, &mut one);
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(one.trim());
    }
    text.replace('\n', " ")
}

/// A fence longer than any run of backticks in `text`.
fn fence_for(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    "`".repeat((longest + 1).max(3))
}

/// Characters Markdown reads as markup, escaped; `_` only where it could open or close
/// emphasis (not inside a word such as `snake_case`).
fn escape(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let word = |at: Option<&char>| at.is_some_and(|c| c.is_alphanumeric());
        let inside_word =
            word(i.checked_sub(1).and_then(|p| chars.get(p))) && word(chars.get(i + 1));
        let markup = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '~' | '|' => true,
            '_' => !inside_word,
            '!' => chars.get(i + 1) == Some(&'['),
            _ => false,
        };
        if markup {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A line that would start a block (`- `, `+ `, `1. `, `=`) keeps it as text.
fn line_start(text: &str) -> String {
    text.lines()
        .map(|line| {
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            let rest = &line[digits..];
            let list_like = (digits == 0 && (line.starts_with("- ") || line.starts_with("+ ")))
                || (digits > 0 && (rest.starts_with(". ") || rest.starts_with(") ")))
                || line.starts_with('=')
                || (line.starts_with('-') && line.chars().all(|c| c == '-' || c == ' '))
                || line.starts_with('#')
                || line.starts_with('>')
                || line == "-"
                || line == "+";
            if list_like && digits > 0 {
                format!("{}\\{}", &line[..digits], rest)
            } else if list_like {
                format!("\\{line}")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The emphasis marks Markdown has, in the order they open.
/// Whether a mark is on, and its delimiter.
type Delimiter = (fn(&Marks) -> bool, &'static str);

const DELIMITERS: [Delimiter; 3] = [
    (|m| m.bold, "**"),
    (|m| m.italic, "*"),
    (|m| m.strike, "~~"),
];

/// Writes inlines, opening and closing emphasis across runs (a mark that spans several runs
/// is written once), with spaces at the edges of a mark kept outside its delimiters.
struct Runs {
    out: String,
    open: Vec<usize>,
    space: String,
}

impl Runs {
    fn close_to(&mut self, wanted: &[usize]) {
        while self.open.iter().any(|d| !wanted.contains(d)) {
            if let Some(d) = self.open.pop() {
                self.out.push_str(DELIMITERS[d].1);
            }
        }
    }

    /// Writes `core` (already Markdown) under `marks`, after the space held back; `lasting`
    /// says for how many runs each mark goes on, so the longest opens first (outermost).
    fn write(&mut self, core: &str, marks: &Marks, lasting: [usize; 3]) {
        let mut wanted: Vec<usize> = (0..DELIMITERS.len())
            .filter(|&d| (DELIMITERS[d].0)(marks))
            .collect();
        wanted.sort_by_key(|&d| std::cmp::Reverse(lasting[d]));
        self.close_to(&wanted);
        self.out.push_str(&std::mem::take(&mut self.space));
        for d in wanted {
            if !self.open.contains(&d) {
                self.open.push(d);
                self.out.push_str(DELIMITERS[d].1);
            }
        }
        self.out.push_str(core);
    }

    fn text(&mut self, text: &str, marks: &Marks, lasting: [usize; 3]) {
        let start = text.len() - text.trim_start().len();
        let end = text.trim_end().len();
        if start >= end {
            // A space without a mark ends the marks it does not carry.
            let carried: Vec<usize> = (0..DELIMITERS.len())
                .filter(|&d| (DELIMITERS[d].0)(marks))
                .collect();
            self.close_to(&carried);
            self.space.push_str(text);
            return;
        }
        if !self.open.is_empty() || !self.space.is_empty() {
            self.space.push_str(&text[..start]);
        } else {
            self.out.push_str(&text[..start]);
        }
        let core = if marks.code {
            code_span(&text[start..end])
        } else {
            escape(&text[start..end])
        };
        self.write(&core, marks, lasting);
        self.space.push_str(&text[end..]);
    }

    fn finish(mut self) -> String {
        self.close_to(&[]);
        self.out.push_str(&self.space);
        self.out
    }
}

fn inlines(list: &[Inline]) -> String {
    let mut runs = Runs {
        out: String::new(),
        open: Vec::new(),
        space: String::new(),
    };
    let plain = Marks::default();
    let none = [0; 3];
    for (i, inline) in list.iter().enumerate() {
        match inline {
            Inline::Text { text, marks } => {
                // How many text runs from here on carry each mark.
                let mut lasting = [0; 3];
                for (d, (has, _)) in DELIMITERS.iter().enumerate() {
                    lasting[d] = list[i..]
                        .iter()
                        .take_while(|n| matches!(n, Inline::Text { marks, .. } if has(marks)))
                        .count();
                }
                runs.text(text, marks, lasting)
            }
            Inline::Link { url, content } => {
                runs.close_to(&[]);
                // A `!` just before would make the link an image.
                if runs.space.is_empty() && runs.out.ends_with('!') && !runs.out.ends_with("\\!") {
                    runs.out.pop();
                    runs.out.push_str("\\!");
                }
                let label = inlines(content);
                let link = if label == escape(url)
                    && !url.contains([' ', '<', '>'])
                    && url.contains(':')
                {
                    format!("<{url}>")
                } else {
                    let label = if label.is_empty() { escape(url) } else { label };
                    format!("[{label}]({})", link_target(url))
                };
                runs.write(&link, &plain, none);
            }
            Inline::SmartLink { url } => runs.write(&format!("<{url}>"), &plain, none),
            Inline::Mention { name } => runs.write(&format!("@{}", escape(name)), &plain, none),
            Inline::Emoji { text } | Inline::Date { text } | Inline::Status { text, .. } => {
                runs.write(&escape(text), &plain, none)
            }
            Inline::Attachment { name } => runs.write(&escape(name), &plain, none),
            Inline::HardBreak => {
                runs.close_to(&[]);
                runs.space.clear();
                runs.out.push('\n');
            }
        }
    }
    runs.finish()
}

/// `text` as a code span: a fence longer than any run of backticks in it.
fn code_span(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let ticks = "`".repeat(longest + 1);
    // Markdown takes one space off each end when both have one: pad to keep them, and to keep
    // a backtick at an end apart from the fence.
    let spaced = text.starts_with(' ') && text.ends_with(' ') && !text.trim().is_empty();
    let pad = if text.starts_with('`') || text.ends_with('`') || spaced {
        " "
    } else {
        ""
    };
    format!("{ticks}{pad}{text}{pad}{ticks}")
}

/// A link target Markdown reads whole: in `<…>` when it holds spaces or parentheses.
fn link_target(url: &str) -> String {
    if url.contains([' ', '(', ')', '<', '>']) {
        format!("<{}>", url.replace('<', "%3C").replace('>', "%3E"))
    } else {
        url.to_string()
    }
}
