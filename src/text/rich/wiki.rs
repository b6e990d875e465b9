//! Jira wiki markup (what Data Center and the v2 API send) → the rich-text model: the block
//! level (headings, lists, tables, `{code}`, `{noformat}`, `{quote}`, `bq.`, panels, rules,
//! images). Inline markup is in `wiki_inline`.
//!
//! Nothing fails: unclosed macros run to the end of the text, unknown markup stays text.

use super::model::{Block, Cell, Doc, Inline, List, ListItem, ListKind, PanelKind, Table};
use super::numbering::MAX_TABLE_ROWS;
use super::wiki_inline::parse_inline;
use super::wiki_text::image_name;

/// Macro nesting (`{quote}` in `{panel}`...) kept as structure; deeper macros stay text.
const MAX_DEPTH: usize = 16;
/// List nesting kept as structure; deeper markers count as this depth.
const MAX_LIST_DEPTH: usize = 16;

/// Converts Jira wiki markup to a [`Doc`].
pub fn from_wiki(src: &str) -> Doc {
    // Sanitise first, so an escape sequence can never be split by markup (`[`, `\\`) into
    // pieces that the sanitiser would then read differently.
    let src = src
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\t', "    ");
    let src = crate::text::sanitize(&src);
    Doc {
        blocks: parse_blocks(&src, 0),
    }
}

/// Block macros with a body: the tag name and whether the body is verbatim.
const MACROS: [(&str, bool); 8] = [
    ("code", true),
    ("noformat", true),
    ("quote", false),
    ("panel", false),
    ("info", false),
    ("note", false),
    ("tip", false),
    ("warning", false),
];

/// A macro opening at the start of `line`: its name, parameters and the byte length of the
/// opening tag (leading spaces included).
fn open_macro(line: &str) -> Option<(&'static str, String, usize)> {
    let trimmed = line.trim_start();
    let lead = line.len() - trimmed.len();
    let bytes = trimmed.as_bytes();
    for (name, _) in MACROS {
        let n = name.len();
        // `{name}` or `{name:`, compared on bytes so long lines are not copied.
        let opens = bytes.first() == Some(&b'{')
            && bytes
                .get(1..=n)
                .is_some_and(|b| b.eq_ignore_ascii_case(name.as_bytes()))
            && matches!(bytes.get(n + 1), Some(b'}' | b':'));
        if !opens {
            continue;
        }
        let close = trimmed.find('}')?;
        let params = trimmed[1 + n..close].trim_start_matches(':');
        return Some((name, params.to_string(), lead + close + 1));
    }
    None
}

/// The value of `key=` in `a=b|key=value` parameters.
fn param<'a>(params: &'a str, key: &str) -> Option<&'a str> {
    params.split('|').find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim().eq_ignore_ascii_case(key).then(|| v.trim())
    })
}

#[derive(Default)]
struct Blocks {
    out: Vec<Block>,
    para: Vec<String>,
    lists: ListBuilder,
    /// Whether the last line was a table row (the next row joins that table).
    table_open: bool,
}

impl Blocks {
    fn flush_para(&mut self) {
        if !self.para.is_empty() {
            let text = std::mem::take(&mut self.para).join("\n");
            let inlines = parse_inline(&text);
            if !inlines.is_empty() {
                self.out.push(Block::Paragraph(inlines));
            }
        }
    }

    fn flush(&mut self) {
        self.flush_para();
        self.lists.finish(&mut self.out);
        self.table_open = false;
    }

    fn push(&mut self, block: Block) {
        self.flush();
        self.out.push(block);
    }
}

fn parse_blocks(src: &str, depth: usize) -> Vec<Block> {
    let mut b = Blocks::default();
    let mut rest = src;
    while !rest.is_empty() {
        let (line, next) = rest.split_once('\n').unwrap_or((rest, ""));
        if depth < MAX_DEPTH
            && let Some((name, params, tag_len)) = open_macro(line)
        {
            b.flush();
            let body_and_rest = &rest[tag_len..];
            let closing = format!("{{{name}}}");
            let (body, after) = match find_ci(body_and_rest, &closing) {
                Some(at) => (&body_and_rest[..at], &body_and_rest[at + closing.len()..]),
                None => (body_and_rest, ""),
            };
            b.out.push(macro_block(name, &params, body, depth));
            rest = after.strip_prefix('\n').unwrap_or(after);
            continue;
        }
        rest = next;
        block_line(&mut b, line);
    }
    b.flush();
    b.out
}

fn macro_block(name: &str, params: &str, body: &str, depth: usize) -> Block {
    let verbatim = MACROS.iter().any(|(n, v)| *n == name && *v);
    if verbatim {
        let body = body.strip_prefix('\n').unwrap_or(body);
        let body = body.strip_suffix('\n').unwrap_or(body);
        let language = (name == "code")
            .then(|| {
                param(params, "language").or_else(|| {
                    params
                        .split('|')
                        .map(str::trim)
                        .find(|p| !p.is_empty() && !p.contains('='))
                })
            })
            .flatten()
            .map(str::to_string);
        return Block::Code {
            language,
            text: body.to_string(),
        };
    }
    let blocks = parse_blocks(body, depth + 1);
    match name {
        "quote" => Block::Quote(blocks),
        _ => {
            let kind = match name {
                "panel" => PanelKind::Plain,
                other => PanelKind::from_name(other),
            };
            let title = param(params, "title")
                .filter(|t| !t.is_empty())
                .map(str::to_string);
            Block::Panel {
                kind,
                title,
                blocks,
            }
        }
    }
}

/// Byte offset of the first ASCII-case-insensitive occurrence of `needle` in `haystack`.
fn find_ci(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// One line that is not a macro opening.
fn block_line(b: &mut Blocks, line: &str) {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        b.flush();
        return;
    }
    if let Some((level, text)) = heading(trimmed) {
        b.push(Block::Heading {
            level,
            content: parse_inline(text),
        });
    } else if let Some(text) = strip_prefix_ci(trimmed, "bq.") {
        let quoted = parse_inline(text.trim_start());
        b.push(Block::Quote(vec![Block::Paragraph(quoted)]));
    } else if trimmed.len() >= 4 && trimmed.chars().all(|c| c == '-') {
        b.push(Block::Rule);
    } else if let Some((markers, text)) = list_marker(trimmed) {
        b.flush_para();
        b.table_open = false;
        b.lists.push(&markers, parse_inline(text), &mut b.out);
    } else if trimmed.starts_with('|') {
        if b.table_open
            && let Some(Block::Table(table)) = b.out.last_mut()
        {
            // Rows past what the layout shows are only counted.
            if table.rows.len() < MAX_TABLE_ROWS {
                table.rows.push(table_row(trimmed));
            } else {
                table.hidden_rows += 1;
            }
            return;
        }
        b.push(Block::Table(Table {
            rows: vec![table_row(trimmed)],
            hidden_rows: 0,
        }));
        b.table_open = true;
    } else if let Some(name) = trimmed
        .strip_prefix('!')
        .and_then(|t| t.strip_suffix('!'))
        .and_then(image_name)
    {
        b.push(Block::Media {
            name: name.to_string(),
        });
    } else {
        // Plain text; it ends any list or table before it.
        b.lists.finish(&mut b.out);
        b.table_open = false;
        b.para.push(trimmed.to_string());
    }
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    let rest = &s[prefix.len()..];
    (head.eq_ignore_ascii_case(prefix)
        && (rest.is_empty() || rest.starts_with(char::is_whitespace)))
    .then_some(rest)
}

/// `h1. Title` … `h6. Title`.
fn heading(line: &str) -> Option<(u8, &str)> {
    let bytes = line.as_bytes();
    if bytes.len() < 3 || !bytes[0].eq_ignore_ascii_case(&b'h') || bytes[2] != b'.' {
        return None;
    }
    let level = (bytes[1] as char)
        .to_digit(10)
        .filter(|l| (1..=6).contains(l))?;
    let rest = &line[3..];
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    Some((level as u8, rest.trim_start()))
}

/// `* item`, `## item`, `*# item`, `- item`: the marker characters and the item text.
fn list_marker(line: &str) -> Option<(Vec<char>, &str)> {
    let markers: Vec<char> = line
        .chars()
        .take_while(|c| matches!(c, '*' | '#'))
        .collect();
    let (markers, rest) = if markers.is_empty() {
        (vec!['*'], line.strip_prefix('-')?)
    } else {
        (markers.clone(), &line[markers.len()..])
    };
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    Some((markers, rest.trim_start()))
}

/// Splits `||h1||h2||` / `|c1|c2|` into cells; `|` inside `[...]`, `{{...}}` or escaped does
/// not split.
fn table_row(line: &str) -> Vec<Cell> {
    let chars: Vec<char> = line.chars().collect();
    let mut cells = Vec::new();
    let mut current = String::new();
    let mut header = false;
    let mut started = false;
    let (mut brackets, mut mono) = (0usize, false);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        match c {
            '\\' if next.is_some() => {
                current.push(c);
                current.extend(next);
                i += 2;
                continue;
            }
            '[' => brackets += 1,
            ']' => brackets = brackets.saturating_sub(1),
            '{' if next == Some('{') && !mono => mono = true,
            '}' if next == Some('}') && mono => mono = false,
            '|' if brackets == 0 && !mono => {
                if started {
                    cells.push(cell(&current, header));
                }
                current.clear();
                started = true;
                header = next == Some('|');
                i += if header { 2 } else { 1 };
                continue;
            }
            _ => {}
        }
        current.push(c);
        i += 1;
    }
    if !current.trim().is_empty() {
        cells.push(cell(&current, header));
    }
    cells
}

fn cell(text: &str, header: bool) -> Cell {
    let inlines = parse_inline(text.trim());
    let blocks = if inlines.is_empty() {
        Vec::new()
    } else {
        vec![Block::Paragraph(inlines)]
    };
    Cell { header, blocks }
}

/// Builds nested lists from marker strings like `*`, `**`, `*#`.
#[derive(Default)]
struct ListBuilder {
    /// Open lists, outermost first.
    levels: Vec<List>,
}

fn kind_of(marker: char) -> ListKind {
    if marker == '#' {
        ListKind::Ordered { start: 1 }
    } else {
        ListKind::Bullet
    }
}

impl ListBuilder {
    fn push(&mut self, markers: &[char], content: Vec<Inline>, out: &mut Vec<Block>) {
        let depth = markers.len().clamp(1, MAX_LIST_DEPTH);
        while self.levels.len() > depth {
            self.close_one(out);
        }
        // A different list type at this level starts a new list.
        let kind = kind_of(markers[depth - 1]);
        if self.levels.len() == depth && self.levels[depth - 1].kind != kind {
            self.close_one(out);
        }
        while self.levels.len() < depth {
            let level = self.levels.len();
            self.levels.push(List {
                kind: kind_of(markers[level]),
                items: Vec::new(),
            });
        }
        if let Some(list) = self.levels.last_mut() {
            list.items.push(ListItem {
                checked: None,
                blocks: vec![Block::Paragraph(content)],
            });
        }
    }

    /// Closes the innermost list into its parent's last item (or the output).
    fn close_one(&mut self, out: &mut Vec<Block>) {
        let Some(list) = self.levels.pop() else {
            return;
        };
        let block = Block::List(list);
        match self.levels.last_mut() {
            Some(parent) => match parent.items.last_mut() {
                Some(item) => item.blocks.push(block),
                None => parent.items.push(ListItem {
                    checked: None,
                    blocks: vec![block],
                }),
            },
            None => out.push(block),
        }
    }

    fn finish(&mut self, out: &mut Vec<Block>) {
        while !self.levels.is_empty() {
            self.close_one(out);
        }
    }
}
