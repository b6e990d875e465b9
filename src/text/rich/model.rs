//! The one rich-text model both parsers (ADF and wiki markup) produce and the layout consumes.
//!
//! Strings in the model are raw server text; the layout sanitises every one of them before it
//! can reach a terminal.

/// A whole rich-text document: a description or a comment body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Doc {
    /// The top-level blocks in reading order.
    pub blocks: Vec<Block>,
}

/// A block-level element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph of inline content.
    Paragraph(Vec<Inline>),
    /// A heading; `level` is 1..=6.
    Heading {
        /// Heading level, 1 (largest) to 6.
        level: u8,
        /// The heading text.
        content: Vec<Inline>,
    },
    /// A bullet, ordered, task or decision list.
    List(List),
    /// Preformatted code, shown verbatim.
    Code {
        /// The language named by the author (`rust`, `java`), if any.
        language: Option<String>,
        /// The code, lines separated by `\n`.
        text: String,
    },
    /// A block quotation.
    Quote(Vec<Block>),
    /// A horizontal rule.
    Rule,
    /// A table.
    Table(Table),
    /// A coloured panel (info, note, warning...).
    Panel {
        /// The kind of panel, which decides its colour and label.
        kind: PanelKind,
        /// The title the author gave, if any.
        title: Option<String>,
        /// The panel body.
        blocks: Vec<Block>,
    },
    /// An expandable section, shown expanded.
    Expand {
        /// The title the author gave, if any.
        title: Option<String>,
        /// The section body.
        blocks: Vec<Block>,
    },
    /// An attached or embedded file (image, document) shown by its name.
    Media {
        /// File name, alt text or URL of the media.
        name: String,
    },
}

/// What kind of list a [`List`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// Unordered, with bullets.
    Bullet,
    /// Numbered, starting at `start`.
    Ordered {
        /// The number of the first item.
        start: u64,
    },
    /// A checklist; items carry done/todo in [`ListItem::checked`].
    Task,
    /// A list of decisions; items carry decided/undecided in [`ListItem::checked`].
    Decision,
}

/// A list of items, each holding blocks (so lists nest to any depth).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List {
    /// Bullet, ordered, task or decision.
    pub kind: ListKind,
    /// The items in order.
    pub items: Vec<ListItem>,
}

/// One list item.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListItem {
    /// For task items: done; for decision items: decided; `None` for plain items.
    pub checked: Option<bool>,
    /// The item body (paragraphs, nested lists, code...).
    pub blocks: Vec<Block>,
}

/// A table: rows of cells.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// The rows, top to bottom.
    pub rows: Vec<Vec<Cell>>,
    /// Rows the parser only counted: a table is shown up to
    /// [`MAX_TABLE_ROWS`](super::MAX_TABLE_ROWS) rows, so a hostile one with millions is not
    /// held in full.
    pub hidden_rows: usize,
}

/// One table cell.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    /// Whether this is a header cell.
    pub header: bool,
    /// The cell body.
    pub blocks: Vec<Block>,
}

/// The type of a [`Block::Panel`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanelKind {
    /// Information (blue).
    Info,
    /// A note (purple).
    Note,
    /// A tip (green).
    Tip,
    /// A warning (yellow).
    Warning,
    /// An error (red).
    Error,
    /// A success message (green).
    Success,
    /// A generic panel without a type (wiki `{panel}`, custom ADF panels).
    Plain,
}

impl PanelKind {
    /// The panel kind for an ADF `panelType` or wiki macro name; unknown names are `Plain`.
    pub fn from_name(name: &str) -> PanelKind {
        match name.trim().to_ascii_lowercase().as_str() {
            "info" => PanelKind::Info,
            "note" => PanelKind::Note,
            "tip" => PanelKind::Tip,
            "warning" => PanelKind::Warning,
            "error" => PanelKind::Error,
            "success" => PanelKind::Success,
            _ => PanelKind::Plain,
        }
    }

    /// The label shown at the top of the panel.
    pub fn label(self) -> &'static str {
        match self {
            PanelKind::Info => "Info",
            PanelKind::Note => "Note",
            PanelKind::Tip => "Tip",
            PanelKind::Warning => "Warning",
            PanelKind::Error => "Error",
            PanelKind::Success => "Success",
            PanelKind::Plain => "",
        }
    }
}

/// An inline element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Text with formatting marks.
    Text {
        /// The text; may contain `\n`, which the layout treats as a line break.
        text: String,
        /// Its formatting.
        marks: Marks,
    },
    /// A hyperlink around inline content.
    Link {
        /// The target URL.
        url: String,
        /// The visible content (text, possibly formatted).
        content: Vec<Inline>,
    },
    /// A mention of a user, by display name (without the `@`).
    Mention {
        /// The user's display name (or id when no name is known).
        name: String,
    },
    /// An emoji, as its unicode text or short name.
    Emoji {
        /// The text to show (`😀` or `:grinning:`).
        text: String,
    },
    /// A date, already formatted (`2024-02-29`).
    Date {
        /// The formatted date.
        text: String,
    },
    /// A status lozenge.
    Status {
        /// The status text (`IN PROGRESS`).
        text: String,
        /// Its colour.
        color: StatusColor,
    },
    /// A smart link (inline card): a URL shown as itself.
    SmartLink {
        /// The target URL.
        url: String,
    },
    /// An inline attachment or image, shown by its name.
    Attachment {
        /// File name or alt text.
        name: String,
    },
    /// A forced line break.
    HardBreak,
}

/// Formatting marks on text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Marks {
    /// Bold (`strong`).
    pub bold: bool,
    /// Italic (`em`).
    pub italic: bool,
    /// Inline code (monospace).
    pub code: bool,
    /// Strike-through.
    pub strike: bool,
    /// Underline.
    pub underline: bool,
    /// Subscript.
    pub sub: bool,
    /// Superscript.
    pub sup: bool,
    /// Text colour as RGB, when the author set one.
    pub color: Option<(u8, u8, u8)>,
}

/// The colour of a status lozenge.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum StatusColor {
    /// Grey (the default).
    #[default]
    Neutral,
    /// Purple.
    Purple,
    /// Blue.
    Blue,
    /// Red.
    Red,
    /// Yellow.
    Yellow,
    /// Green.
    Green,
}

impl StatusColor {
    /// The status colour for an ADF colour name; unknown names are `Neutral`.
    pub fn from_name(name: &str) -> StatusColor {
        match name.trim().to_ascii_lowercase().as_str() {
            "purple" => StatusColor::Purple,
            "blue" => StatusColor::Blue,
            "red" => StatusColor::Red,
            "yellow" => StatusColor::Yellow,
            "green" => StatusColor::Green,
            _ => StatusColor::Neutral,
        }
    }
}

/// Parses a colour as authors write it: `#rrggbb`, `#rgb` or a common CSS colour name.
pub fn parse_color(s: &str) -> Option<(u8, u8, u8)> {
    let s = s.trim();
    if let Some(hex) = s.strip_prefix('#') {
        let digits: Vec<u8> = hex
            .chars()
            .map(|c| c.to_digit(16).and_then(|d| u8::try_from(d).ok()))
            .collect::<Option<_>>()?;
        return match digits.as_slice() {
            [r, g, b] => Some((r * 17, g * 17, b * 17)),
            [r1, r2, g1, g2, b1, b2] => Some((r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2)),
            _ => None,
        };
    }
    let rgb = match s.to_ascii_lowercase().as_str() {
        "red" => (0xde, 0x35, 0x0b),
        "green" => (0x00, 0x87, 0x5a),
        "blue" => (0x00, 0x52, 0xcc),
        "yellow" => (0xff, 0xc4, 0x00),
        "orange" => (0xff, 0x8b, 0x00),
        "purple" => (0x65, 0x54, 0xc0),
        "grey" | "gray" => (0x97, 0xa0, 0xaf),
        "black" => (0x17, 0x2b, 0x4d),
        "white" => (0xff, 0xff, 0xff),
        "teal" | "cyan" => (0x00, 0xb8, 0xd9),
        "pink" | "magenta" => (0xe7, 0x4c, 0x9b),
        "brown" => (0x8b, 0x45, 0x13),
        _ => return None,
    };
    Some(rgb)
}

/// Collects the visible text of inlines (for titles, alt text and degraded content).
pub fn inline_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    let mut stack: Vec<&Inline> = inlines.iter().rev().collect();
    while let Some(inline) = stack.pop() {
        match inline {
            Inline::Text { text, .. } => out.push_str(text),
            Inline::Link { content, .. } => stack.extend(content.iter().rev()),
            Inline::Mention { name } => {
                out.push('@');
                out.push_str(name);
            }
            Inline::Emoji { text } | Inline::Date { text } | Inline::Status { text, .. } => {
                out.push_str(text)
            }
            Inline::SmartLink { url } => out.push_str(url),
            Inline::Attachment { name } => out.push_str(name),
            Inline::HardBreak => out.push('\n'),
        }
    }
    out
}

/// Collects the visible text of a block and everything inside it, without recursion (used
/// when nesting is too deep to lay out). Blocks are separated by newlines.
pub fn block_text(block: &Block) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut stack = vec![block];
    while let Some(block) = stack.pop() {
        let mut children: Vec<&Block> = Vec::new();
        match block {
            Block::Paragraph(inlines)
            | Block::Heading {
                content: inlines, ..
            } => parts.push(inline_text(inlines)),
            Block::List(list) => {
                children.extend(list.items.iter().flat_map(|item| item.blocks.iter()))
            }
            Block::Code { text, .. } => parts.push(text.clone()),
            Block::Quote(blocks) => children.extend(blocks),
            Block::Rule => {}
            Block::Table(table) => children.extend(
                table
                    .rows
                    .iter()
                    .flat_map(|row| row.iter().flat_map(|cell| cell.blocks.iter())),
            ),
            Block::Panel { title, blocks, .. } | Block::Expand { title, blocks } => {
                parts.extend(title.clone());
                children.extend(blocks);
            }
            Block::Media { name } => parts.push(name.clone()),
        }
        stack.extend(children.into_iter().rev());
    }
    parts.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse() {
        assert_eq!(parse_color("#ff0000"), Some((255, 0, 0)));
        assert_eq!(parse_color("#0f0"), Some((0, 255, 0)));
        assert_eq!(parse_color("Red"), Some((0xde, 0x35, 0x0b)));
        assert_eq!(parse_color("#12345"), None);
        assert_eq!(parse_color("#ééé"), None);
        assert_eq!(parse_color("chartreuse-ish"), None);
    }

    #[test]
    fn names_map_to_kinds() {
        assert_eq!(PanelKind::from_name("WARNING"), PanelKind::Warning);
        assert_eq!(PanelKind::from_name("custom"), PanelKind::Plain);
        assert_eq!(StatusColor::from_name("green"), StatusColor::Green);
        assert_eq!(StatusColor::from_name("mauve"), StatusColor::Neutral);
    }
}
