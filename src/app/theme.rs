//! Colours and styles in one place: the palette the views draw with and the detail layout is
//! built with (so that `app` never reaches into `ui` for it).

use super::row::Category;
use ratatui::style::{Color, Modifier, Style};

/// Characters the quick filter matched.
pub fn matched() -> Style {
    Style::default()
        .fg(Color::Yellow)
        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

/// Header and emphasis.
pub fn accent() -> Style {
    Style::new().fg(Color::Cyan)
}
/// Titles.
pub fn title() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}
/// Secondary text.
pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}
/// Errors.
pub fn error() -> Style {
    Style::new().fg(Color::Red)
}
/// Confirmations.
pub fn ok() -> Style {
    Style::new().fg(Color::Green)
}
/// The status bar.
pub fn status_bar() -> Style {
    Style::new()
}
/// The selected row.
pub fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}
/// Column titles.
pub fn column_title() -> Style {
    Style::new()
        .fg(Color::DarkGray)
        .add_modifier(Modifier::BOLD)
}
/// A status name by its category.
pub fn status(category: Category) -> Style {
    match category {
        Category::New => Style::new().fg(Color::Blue),
        Category::InProgress => Style::new().fg(Color::Yellow),
        Category::Done => Style::new().fg(Color::Green),
        Category::Other => Style::new(),
    }
}
/// A priority by name.
pub fn priority(name: &str) -> Style {
    match name {
        "Highest" | "Blocker" | "Critical" => {
            Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
        }
        "High" | "Major" => Style::new().fg(Color::Red),
        "Low" | "Lowest" | "Minor" | "Trivial" => Style::new().fg(Color::DarkGray),
        _ => Style::new(),
    }
}
/// A focused input.
pub fn focused() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}
