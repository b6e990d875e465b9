//! The JQL input overlay: the query, the cursor, and the server's error with its position
//! marked.

use super::theme;
use crate::app::state::{QueryState, State};
use crate::text::format::wrap;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// Draws the query box near the top of `area`.
pub fn draw(frame: &mut Frame, area: Rect, query: &QueryState, state: &State) {
    let _ = state;
    let width = area.width.saturating_sub(4).max(10);
    let inner_width = width.saturating_sub(2) as usize;
    let text: Vec<char> = query.input.text().chars().collect();
    // The character Jira points at (1-based, line 1 only: the input is one line).
    let mark = query
        .error
        .as_ref()
        .and_then(|e| e.position)
        .map(|(_, c)| (c as usize).saturating_sub(1));
    // Scroll horizontally so the cursor stays visible.
    let cursor = query.input.cursor();
    let start = cursor.saturating_sub(inner_width.saturating_sub(1));
    let mut spans = Vec::new();
    for (i, c) in text.iter().enumerate().skip(start).take(inner_width) {
        let style = if Some(i) == mark {
            Style::new()
                .fg(ratatui::style::Color::Red)
                .add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
        } else {
            Style::new()
        };
        spans.push(Span::styled(c.to_string(), style));
    }
    let mut lines = vec![Line::from(spans)];
    if let Some(e) = &query.error {
        if let Some(m) = mark.filter(|m| *m >= start) {
            lines.push(Line::styled(
                format!("{}^", " ".repeat(m - start)),
                theme::error(),
            ));
        }
        for l in wrap(&e.sentence, inner_width) {
            lines.push(Line::styled(l, theme::error()));
        }
    } else if query.request.is_some() {
        lines.push(Line::styled("Running…", theme::dim()));
    } else {
        lines.push(Line::styled("Enter run   Esc cancel", theme::dim()));
    }
    let height = (lines.len() as u16 + 2).min(area.height);
    let rect = Rect {
        x: area.x + 2,
        y: area.y + 1,
        width,
        height,
    };
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .title(" JQL ")
                .border_style(theme::accent()),
        ),
        rect,
    );
    let x = rect.x + 1 + (cursor - start) as u16;
    frame.set_cursor_position(Position::new(
        x.min(rect.x + rect.width.saturating_sub(2)),
        rect.y + 1,
    ));
}
