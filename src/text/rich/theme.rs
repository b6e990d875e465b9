//! The styles the rich-text layout uses; the UI may build its own.

use ratatui::style::{Color, Modifier, Style};

/// Styles for each kind of element.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// Headings, level 1 to 6.
    pub headings: [Style; 6],
    /// Inline code and code block text.
    pub code: Style,
    /// A code block's frame and language label.
    pub code_frame: Style,
    /// The quote gutter.
    pub quote: Style,
    /// Link text.
    pub link: Style,
    /// The `[n]` after a link.
    pub link_number: Style,
    /// `@mentions`.
    pub mention: Style,
    /// Dates.
    pub date: Style,
    /// Secondary things: media names, rules, table borders, expand markers.
    pub muted: Style,
    /// List bullets and numbers.
    pub bullet: Style,
    /// Checked task boxes and decided decisions.
    pub done: Style,
    /// Unchecked task boxes and open decisions.
    pub todo: Style,
    /// Header cells (added under their own styles).
    pub table_header: Style,
    /// Panel gutters and titles, in [`super::model::PanelKind`] order: info, note, tip, warning, error,
    /// success, plain.
    pub panels: [Style; 7],
    /// Status lozenges, in [`super::model::StatusColor`] order: neutral, purple, blue, red,
    /// yellow, green.
    pub statuses: [Style; 6],
}

impl Default for Theme {
    fn default() -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let fg = |c: Color| Style::new().fg(c);
        Theme {
            headings: [
                bold.fg(Color::Cyan).add_modifier(Modifier::UNDERLINED),
                bold.fg(Color::Cyan),
                bold.fg(Color::Blue),
                bold,
                bold,
                bold.add_modifier(Modifier::ITALIC),
            ],
            code: fg(Color::Yellow),
            code_frame: fg(Color::DarkGray),
            quote: fg(Color::DarkGray),
            link: fg(Color::Blue).add_modifier(Modifier::UNDERLINED),
            link_number: fg(Color::DarkGray),
            mention: fg(Color::Magenta),
            date: fg(Color::Cyan),
            muted: fg(Color::DarkGray),
            bullet: fg(Color::Cyan),
            done: fg(Color::Green),
            todo: fg(Color::Yellow),
            table_header: bold,
            panels: [
                fg(Color::Blue),
                fg(Color::Magenta),
                fg(Color::Green),
                fg(Color::Yellow),
                fg(Color::Red),
                fg(Color::Green),
                fg(Color::DarkGray),
            ],
            statuses: [
                bold.fg(Color::Gray),
                bold.fg(Color::Magenta),
                bold.fg(Color::Blue),
                bold.fg(Color::Red),
                bold.fg(Color::Yellow),
                bold.fg(Color::Green),
            ],
        }
    }
}

impl Theme {
    /// A theme without any style (for plain text).
    pub fn plain() -> Theme {
        let none = Style::new();
        Theme {
            headings: [none; 6],
            code: none,
            code_frame: none,
            quote: none,
            link: none,
            link_number: none,
            mention: none,
            date: none,
            muted: none,
            bullet: none,
            done: none,
            todo: none,
            table_header: none,
            panels: [none; 7],
            statuses: [none; 6],
        }
    }
}
