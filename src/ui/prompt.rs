//! The one-line prompt: a filter name, or a yes/no confirmation.

use crate::app::state::{Prompt, PromptKind};
use crate::app::theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// Draws the prompt in the middle of `area`.
pub fn draw(frame: &mut Frame, area: Rect, prompt: &Prompt) {
    let (title, question, input) = match &prompt.kind {
        PromptKind::SaveName { .. } => (
            " Save filter ",
            "Name for this query (Enter save, Esc cancel):",
            true,
        ),
        PromptKind::Rename { .. } => (
            " Rename filter ",
            "New name (Enter rename, Esc cancel):",
            true,
        ),
        PromptKind::ConfirmOverwrite { .. } => (" Replace? ", "", false),
        PromptKind::ConfirmDelete { .. } | PromptKind::ConfirmDeleteComment { .. } => {
            (" Delete? ", "", false)
        }
        PromptKind::OpenLink { .. } => (" Open link ", "", true),
    };
    let question = match &prompt.kind {
        PromptKind::ConfirmOverwrite { name, .. } => {
            format!("A filter named '{name}' exists. Replace it? (y/n)")
        }
        PromptKind::ConfirmDelete { name } => format!("Delete the filter '{name}'? (y/n)"),
        PromptKind::ConfirmDeleteComment { what, .. } => {
            format!("Delete your comment \u{201c}{what}\u{201d}? (y/n)")
        }
        PromptKind::OpenLink { count: 1 } => {
            "The issue has one link (Enter open, Esc cancel):".into()
        }
        PromptKind::OpenLink { count } => {
            format!("Link number, 1 to {count} (Enter open, Esc cancel):")
        }
        _ => question.to_string(),
    };
    let width = area.width.saturating_sub(8).clamp(20, 70);
    let mut lines = vec![Line::styled(
        crate::text::sanitize_line(&question),
        theme::dim(),
    )];
    if input {
        lines.push(Line::raw(prompt.input.text()));
    }
    let rect = Rect {
        x: area.x + (area.width.saturating_sub(width)) / 2,
        y: area.y + area.height / 3,
        width,
        height: (lines.len() as u16 + 2).min(area.height),
    };
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .title(title)
                .border_style(theme::accent()),
        ),
        rect,
    );
    if input {
        let x = rect.x + 1 + prompt.input.cursor().min(width.saturating_sub(3) as usize) as u16;
        frame.set_cursor_position(Position::new(x, rect.y + 2));
    }
}
