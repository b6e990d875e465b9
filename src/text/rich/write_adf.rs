//! The rich-text model → an ADF document that Atlassian's schema accepts, whatever the model
//! holds. Where ADF forbids a block (a heading in a list item, a quote in a quote, a table
//! anywhere but the top), the block degrades to what is allowed there and keeps its text.

use serde_json::{Map, Value, json};

use super::adf::node::MAX_DEPTH;
use super::layout::panel_title;
use super::model::{Block, Cell, Doc, Inline, List, ListItem, ListKind, PanelKind, block_text};
use super::write_adf_inline::{bold, flat, inlines as inlines_of, text_of};

/// Maps a mentioned person's display name to their id (Cloud: accountId).
pub type MentionIds<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Writes a [`Doc`] as ADF (`{"type":"doc","version":1,"content":[…]}`). A mention whose name
/// `ids` does not know stays the text `@Name`.
pub fn write_adf(doc: &Doc, ids: MentionIds<'_>) -> Value {
    let mut writer = Writer { ids, local_ids: 0 };
    let content = writer.blocks(&doc.blocks, Place::Doc, 0);
    json!({"type": "doc", "version": 1, "content": content})
}

/// Where blocks are written: each place allows different children.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Doc,
    Quote,
    Item,
    Cell,
    Panel,
    Expand,
}

/// The blocks that not every place allows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Heading,
    Quote,
    Rule,
    Table,
    Task,
    Panel,
    Expand,
}

impl Place {
    /// Whether ADF allows a block of this kind here (Atlassian's schema).
    fn allows(self, kind: Kind) -> bool {
        match self {
            Place::Doc => true,
            Place::Expand => kind != Kind::Expand,
            Place::Cell => !matches!(kind, Kind::Table | Kind::Expand),
            Place::Panel => matches!(kind, Kind::Heading | Kind::Rule | Kind::Task),
            Place::Item => kind == Kind::Task,
            Place::Quote => false,
        }
    }
}

struct Writer<'a> {
    ids: MentionIds<'a>,
    /// Task lists and items need a `localId`; they are numbered in document order.
    local_ids: usize,
}

impl Writer<'_> {
    fn local_id(&mut self) -> String {
        self.local_ids += 1;
        self.local_ids.to_string()
    }

    fn blocks(&mut self, blocks: &[Block], place: Place, depth: usize) -> Vec<Value> {
        let mut out = Vec::new();
        for block in blocks {
            self.block(block, place, depth, &mut out);
        }
        out
    }

    fn block(&mut self, block: &Block, place: Place, depth: usize, out: &mut Vec<Value>) {
        if depth > MAX_DEPTH {
            let text = block_text(block);
            out.extend(self.paragraph(&[text_of(text)]));
            return;
        }
        let d = depth + 1;
        match block {
            Block::Paragraph(inlines) => out.extend(self.paragraph(inlines)),
            Block::Heading { level, content } => {
                if place.allows(Kind::Heading) {
                    let content = self.inlines(content);
                    out.push(json!({"type": "heading", "attrs": {"level": (*level).clamp(1, 6)}, "content": content}));
                } else {
                    out.extend(self.paragraph(&bold(content)));
                }
            }
            Block::List(list) => self.list(list, place, d, out),
            Block::Code { language, text } => {
                let mut node = Map::new();
                node.insert("type".into(), "codeBlock".into());
                if let Some(language) = language.as_deref().map(str::trim).filter(|l| !l.is_empty())
                {
                    node.insert("attrs".into(), json!({"language": language}));
                }
                if !text.is_empty() {
                    node.insert("content".into(), json!([{"type": "text", "text": text}]));
                }
                out.push(Value::Object(node));
            }
            Block::Quote(blocks) => {
                if place.allows(Kind::Quote) {
                    let content = self.blocks(blocks, Place::Quote, d);
                    if !content.is_empty() {
                        out.push(json!({"type": "blockquote", "content": content}));
                    }
                } else {
                    out.extend(self.blocks(blocks, place, d));
                }
            }
            Block::Rule => {
                if place.allows(Kind::Rule) {
                    out.push(json!({"type": "rule"}));
                }
            }
            Block::Table(table) => {
                if place.allows(Kind::Table) {
                    let rows: Vec<Value> = table
                        .rows
                        .iter()
                        .filter(|row| !row.is_empty())
                        .map(|row| self.row(row, d))
                        .collect();
                    if !rows.is_empty() {
                        out.push(json!({"type": "table", "content": rows}));
                    }
                } else {
                    for cell in table.rows.iter().flatten() {
                        out.extend(self.blocks(&cell.blocks, place, d));
                    }
                }
            }
            Block::Panel {
                kind,
                title,
                blocks,
            } => {
                let heading = panel_title(*kind, title.as_deref());
                let heading = self.paragraph(&bold(&[text_of(heading)]));
                let panel_type = match kind {
                    PanelKind::Plain => None,
                    other => Some(other.label().to_ascii_lowercase()),
                };
                match panel_type.filter(|_| place.allows(Kind::Panel)) {
                    Some(panel_type) => {
                        // ADF panels have no title: it leads the content.
                        let title = title
                            .as_ref()
                            .map(|t| self.paragraph(&bold(&[text_of(t.clone())])));
                        let mut content: Vec<Value> = title.into_iter().flatten().collect();
                        content.extend(self.blocks(blocks, Place::Panel, d));
                        if content.is_empty() {
                            content.push(json!({"type": "paragraph"}));
                        }
                        out.push(json!({"type": "panel", "attrs": {"panelType": panel_type}, "content": content}));
                    }
                    None => {
                        out.extend(heading);
                        out.extend(self.blocks(blocks, place, d));
                    }
                }
            }
            Block::Expand { title, blocks } => {
                if place.allows(Kind::Expand) {
                    let mut content = self.blocks(blocks, Place::Expand, d);
                    if content.is_empty() {
                        content.push(json!({"type": "paragraph"}));
                    }
                    let mut node = json!({"type": "expand", "content": content});
                    if let Some(title) = title {
                        node["attrs"] = json!({"title": title});
                    }
                    out.push(node);
                } else {
                    if let Some(title) = title {
                        out.extend(self.paragraph(&bold(&[text_of(title.clone())])));
                    }
                    out.extend(self.blocks(blocks, place, d));
                }
            }
            Block::Media { name } => out.extend(self.paragraph(&[text_of(name.clone())])),
        }
    }

    /// A paragraph, unless it would be empty.
    fn paragraph(&mut self, inlines: &[Inline]) -> Option<Value> {
        let content = self.inlines(inlines);
        (!content.is_empty()).then(|| json!({"type": "paragraph", "content": content}))
    }

    fn row(&mut self, row: &[Cell], depth: usize) -> Value {
        let cells: Vec<Value> = row
            .iter()
            .map(|cell| {
                let mut content = self.blocks(&cell.blocks, Place::Cell, depth + 1);
                if content.is_empty() {
                    content.push(json!({"type": "paragraph"}));
                }
                let kind = if cell.header {
                    "tableHeader"
                } else {
                    "tableCell"
                };
                json!({"type": kind, "content": content})
            })
            .collect();
        json!({"type": "tableRow", "content": cells})
    }

    fn list(&mut self, list: &List, place: Place, depth: usize, out: &mut Vec<Value>) {
        if list.items.is_empty() {
            return;
        }
        if list.kind == ListKind::Task && place.allows(Kind::Task) {
            out.push(self.task_list(&list.items, depth));
            return;
        }
        let items: Vec<Value> = list
            .items
            .iter()
            .map(|item| self.item(item, depth))
            .collect();
        match list.kind {
            ListKind::Ordered { start } => {
                out.push(
                    json!({"type": "orderedList", "attrs": {"order": start}, "content": items}),
                );
            }
            _ => out.push(json!({"type": "bulletList", "content": items})),
        }
    }

    /// A list item; a check box (a task in a list that is not a task list) is its first text.
    fn item(&mut self, item: &ListItem, depth: usize) -> Value {
        let mut content = Vec::new();
        let mut rest = item.blocks.as_slice();
        if let Some(done) = item.checked {
            let mut line = vec![text_of(if done { "[x] " } else { "[ ] " }.to_string())];
            if let Some((Block::Paragraph(first), after)) = rest.split_first() {
                line.extend(first.iter().cloned());
                rest = after;
            }
            content.extend(self.paragraph(&line));
        }
        content.extend(self.blocks(rest, Place::Item, depth + 1));
        let first = content.first().map(|b| b["type"].as_str().unwrap_or(""));
        if !matches!(first, Some("paragraph" | "codeBlock")) {
            content.insert(0, json!({"type": "paragraph"}));
        }
        json!({"type": "listItem", "content": content})
    }

    /// A task list: each item's text in a `taskItem`; its nested task lists follow it, and
    /// anything else in it joins its text after a line break.
    fn task_list(&mut self, items: &[ListItem], depth: usize) -> Value {
        let list_id = self.local_id();
        let mut content = Vec::new();
        for item in items {
            let item_id = self.local_id();
            let mut text: Vec<Inline> = Vec::new();
            let mut nested = Vec::new();
            for block in &item.blocks {
                match block {
                    Block::List(list) if list.kind == ListKind::Task && depth < MAX_DEPTH => {
                        nested.push(self.task_list(&list.items, depth + 1));
                    }
                    other => {
                        if !text.is_empty() {
                            text.push(Inline::HardBreak);
                        }
                        text.extend(flat(other));
                    }
                }
            }
            let state = if item.checked == Some(true) {
                "DONE"
            } else {
                "TODO"
            };
            let mut node =
                json!({"type": "taskItem", "attrs": {"localId": item_id, "state": state}});
            let inline = self.inlines(&text);
            if !inline.is_empty() {
                node["content"] = Value::Array(inline);
            }
            content.push(node);
            content.extend(nested);
        }
        json!({"type": "taskList", "attrs": {"localId": list_id}, "content": content})
    }

    fn inlines(&mut self, inlines: &[Inline]) -> Vec<Value> {
        inlines_of(inlines, self.ids)
    }
}
