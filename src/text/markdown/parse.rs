//! Markdown (CommonMark with GitHub's tables, strike-through and task lists) → the rich-text
//! model, from pulldown-cmark's events. The walk keeps its own stack of open containers, so
//! nesting costs no recursion; containers nested deeper than [`MAX_NESTING`] pour their
//! content into the one outside them, so a hostile `>>>>…` neither overflows nor loses text.

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};

use super::run::{Mark, Run};
use crate::text::rich::{
    ADF_MAX_DEPTH as MAX_DEPTH, Block, Cell, Doc, Inline, List, ListItem, ListKind, Marks, Table,
};

/// Block containers (quotes, lists, items) kept as structure: half the one ADF depth limit,
/// as a list and its item are two levels of the document each.
const MAX_NESTING: usize = MAX_DEPTH / 2;

/// Parses Markdown into a [`Doc`]; `names` are the people `@Name` may mention, longest first.
pub(super) fn to_doc(markdown: &str, names: &[&str]) -> Doc {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut builder = Builder {
        stack: vec![Open::Blocks(Vec::new())],
        run: Run::new(names),
        verbatim: None,
    };
    for event in Parser::new_ext(markdown, options) {
        builder.event(event);
    }
    builder.finish()
}

/// An open block container.
enum Open {
    /// The document or a block quote.
    Blocks(Vec<Block>),
    /// A list: its first number (ordered lists) and its items so far.
    List(Option<u64>, Vec<ListItem>),
    /// A list item.
    Item(ListItem),
    /// A heading being read.
    Heading(u8),
    /// A table: finished rows, the row being read, and whether it is the header.
    Table(Vec<Vec<Cell>>, Vec<Cell>, bool),
    /// A container nested too deep: its content goes to the one outside it.
    Flat,
}

/// A code block or HTML block being read verbatim: its language (code) and text.
struct Verbatim {
    code: bool,
    language: Option<String>,
    text: String,
}

struct Builder<'n> {
    stack: Vec<Open>,
    /// Inline content of the paragraph, heading or cell being read.
    run: Run<'n>,
    verbatim: Option<Verbatim>,
}

impl Builder<'_> {
    fn event(&mut self, event: Event<'_>) {
        if let Some(verbatim) = self.verbatim.as_mut() {
            match event {
                Event::Text(s) | Event::Html(s) | Event::InlineHtml(s) => {
                    verbatim.text.push_str(&s);
                    return;
                }
                Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock) => return self.end_verbatim(),
                _ => {}
            }
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(s) | Event::Html(s) | Event::InlineHtml(s) => self.run.push_text(&s),
            Event::Code(s) => {
                self.run.flush_text();
                let marks = Marks {
                    code: true,
                    ..self.run.current_marks()
                };
                self.run.push_inline(Inline::Text {
                    text: s.to_string(),
                    marks,
                });
            }
            Event::InlineMath(s) => self.run.push_text(&format!("${s}$")),
            Event::DisplayMath(s) => self.run.push_text(&format!("$${s}$$")),
            Event::FootnoteReference(s) => self.run.push_text(&format!("[^{s}]")),
            // A single line break is kept (as comments on GitHub keep it): the author typed it.
            Event::SoftBreak | Event::HardBreak => {
                self.run.flush_text();
                self.run.push_inline(Inline::HardBreak);
            }
            Event::Rule => self.push_block(Block::Rule),
            Event::TaskListMarker(done) => {
                if let Some(Open::Item(item)) = self.stack.last_mut() {
                    item.checked = Some(done);
                } else {
                    self.run.push_text(if done { "[x] " } else { "[ ] " });
                }
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph | Tag::TableRow | Tag::TableCell => self.flush_paragraph(),
            Tag::Heading { level, .. } => {
                self.flush_paragraph();
                self.stack.push(Open::Heading(level as u8));
            }
            Tag::BlockQuote(_) => self.open(Open::Blocks(Vec::new())),
            Tag::List(start) => self.open(Open::List(start, Vec::new())),
            Tag::Item => self.open(Open::Item(ListItem::default())),
            Tag::CodeBlock(kind) => {
                self.flush_paragraph();
                let language = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().map(str::to_string)
                    }
                    CodeBlockKind::Indented => None,
                };
                self.verbatim = Some(Verbatim {
                    code: true,
                    language,
                    text: String::new(),
                });
            }
            Tag::HtmlBlock => {
                self.flush_paragraph();
                self.verbatim = Some(Verbatim {
                    code: false,
                    language: None,
                    text: String::new(),
                });
            }
            Tag::Table(_) => {
                self.flush_paragraph();
                self.stack.push(Open::Table(Vec::new(), Vec::new(), false));
            }
            Tag::TableHead => {
                if let Some(Open::Table(_, _, head)) = self.stack.last_mut() {
                    *head = true;
                }
            }
            Tag::Emphasis => self.run.mark(Mark::Em, 1),
            Tag::Strong => self.run.mark(Mark::Strong, 1),
            Tag::Strikethrough => self.run.mark(Mark::Strike, 1),
            Tag::Superscript => self.run.mark(Mark::Sup, 1),
            Tag::Subscript => self.run.mark(Mark::Sub, 1),
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => {
                let url = if link_type == LinkType::Email && !dest_url.starts_with("mailto:") {
                    format!("mailto:{dest_url}")
                } else {
                    dest_url.to_string()
                };
                self.run.open_link(url);
            }
            // Jira needs an uploaded attachment for media: an image is a link to it.
            Tag::Image { dest_url, .. } => self.run.open_link(dest_url.to_string()),
            // Not enabled; their text flows on as ordinary text.
            Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => self.flush_paragraph(),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => self.flush_paragraph(),
            TagEnd::Heading(_) => {
                self.run.flush_text();
                let content = self.run.take();
                if let Some(Open::Heading(level)) = self.stack.last() {
                    let level = *level;
                    self.stack.pop();
                    self.push_block(Block::Heading { level, content });
                } else {
                    self.run.restore(content);
                }
            }
            TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item => self.close(),
            TagEnd::TableCell => {
                self.run.flush_text();
                let inlines = self.run.take();
                if let Some(Open::Table(_, row, header)) = self.stack.last_mut() {
                    let blocks = if inlines.is_empty() {
                        Vec::new()
                    } else {
                        vec![Block::Paragraph(inlines)]
                    };
                    row.push(Cell {
                        header: *header,
                        blocks,
                    });
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some(Open::Table(rows, row, header)) = self.stack.last_mut() {
                    rows.push(std::mem::take(row));
                    *header = false;
                }
            }
            TagEnd::Table => {
                if let Some(Open::Table(rows, _, _)) = self.stack.last_mut() {
                    let rows = std::mem::take(rows);
                    self.stack.pop();
                    self.push_block(Block::Table(Table {
                        rows,
                        hidden_rows: 0,
                    }));
                }
            }
            TagEnd::Emphasis => self.run.mark(Mark::Em, -1),
            TagEnd::Strong => self.run.mark(Mark::Strong, -1),
            TagEnd::Strikethrough => self.run.mark(Mark::Strike, -1),
            TagEnd::Superscript => self.run.mark(Mark::Sup, -1),
            TagEnd::Subscript => self.run.mark(Mark::Sub, -1),
            TagEnd::Link | TagEnd::Image => self.run.close_link(),
            TagEnd::CodeBlock | TagEnd::HtmlBlock => self.end_verbatim(),
            TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::MetadataBlock(_) => self.flush_paragraph(),
        }
    }

    fn end_verbatim(&mut self) {
        let Some(v) = self.verbatim.take() else {
            return;
        };
        let text = v.text.strip_suffix('\n').unwrap_or(&v.text).to_string();
        if v.code {
            self.push_block(Block::Code {
                language: v.language,
                text,
            });
        } else {
            // HTML is kept as the text the author wrote.
            for (i, line) in text.split('\n').enumerate() {
                if i > 0 {
                    self.run.push_inline(Inline::HardBreak);
                }
                self.run.push_text(line);
            }
            self.flush_paragraph();
        }
    }

    /// Closes the paragraph being read (its inlines) into the container.
    fn flush_paragraph(&mut self) {
        self.run.flush_text();
        if matches!(self.stack.last(), Some(Open::Heading(_) | Open::Table(..))) {
            return;
        }
        let inlines = self.run.take();
        let blank = inlines.iter().all(|i| match i {
            Inline::Text { text, .. } => text.trim().is_empty(),
            Inline::HardBreak => true,
            _ => false,
        });
        if !blank {
            self.append(Block::Paragraph(inlines));
        }
    }

    fn push_block(&mut self, block: Block) {
        self.flush_paragraph();
        self.append(block);
    }

    /// Appends a finished block to the innermost container that holds blocks.
    fn append(&mut self, block: Block) {
        for open in self.stack.iter_mut().rev() {
            match open {
                Open::Blocks(blocks) | Open::Item(ListItem { blocks, .. }) => {
                    blocks.push(block);
                    return;
                }
                Open::List(_, items) => {
                    items.push(ListItem {
                        checked: None,
                        blocks: vec![block],
                    });
                    return;
                }
                Open::Heading(_) | Open::Table(..) | Open::Flat => {}
            }
        }
    }

    fn open(&mut self, open: Open) {
        self.flush_paragraph();
        let depth = self
            .stack
            .iter()
            .filter(|o| !matches!(o, Open::Flat))
            .count();
        self.stack.push(if depth > MAX_NESTING {
            Open::Flat
        } else {
            open
        });
    }

    fn close(&mut self) {
        self.flush_paragraph();
        let Some(open) = self.stack.pop() else {
            return;
        };
        match open {
            Open::Blocks(blocks) => self.append(Block::Quote(blocks)),
            Open::List(start, items) => self.append(list(start, items)),
            Open::Item(item) => match self.stack.last_mut() {
                Some(Open::List(_, items)) => items.push(item),
                _ => item.blocks.into_iter().for_each(|b| self.append(b)),
            },
            Open::Heading(_) | Open::Table(..) | Open::Flat => {}
        }
    }

    fn finish(mut self) -> Doc {
        self.flush_paragraph();
        while self.stack.len() > 1 {
            self.close();
        }
        match self.stack.pop() {
            Some(Open::Blocks(blocks)) => Doc { blocks },
            _ => Doc::default(),
        }
    }
}

/// A finished list: a task list when every item has a check box, else bullets or numbers (a
/// check box on some items stays on them).
fn list(start: Option<u64>, items: Vec<ListItem>) -> Block {
    let kind = if !items.is_empty() && items.iter().all(|i| i.checked.is_some()) {
        ListKind::Task
    } else {
        match start {
            Some(start) => ListKind::Ordered { start },
            None => ListKind::Bullet,
        }
    };
    Block::List(List { kind, items })
}
