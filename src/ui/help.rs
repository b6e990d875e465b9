//! The help overlay, generated from the key map itself.

use crate::app::keymap::Context;
use crate::app::state::{Screen, State};
use crate::app::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// Draws the key map of the current screen over `area`.
pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let context = match state.screen {
        Screen::Detail(_) => Context::Detail,
        Screen::Filters { .. } => Context::Filters,
        Screen::Board => Context::Board,
        _ => Context::List,
    };
    let mut lines = vec![];
    for (title, ctx) in [("This screen", context), ("Everywhere", Context::Global)] {
        lines.push(Line::styled(title, theme::accent()));
        for (keys, action) in state.keymap.help(ctx) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<22}"), theme::title()),
                Span::raw(action.describe()),
            ]));
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(
        "In text inputs: Ctrl-A/E start/end, Ctrl-U/K delete to start/end,",
        theme::dim(),
    ));
    lines.push(Line::styled(
        "Ctrl-W delete word, Alt-B/F word left/right.  Esc closes this help.",
        theme::dim(),
    ));
    if lines.len() + 2 > area.height as usize {
        // A short terminal: keep the bindings, drop the spacing and the tips.
        lines.retain(|l| l.width() > 0 && l.style != theme::dim());
    }
    let height = (lines.len() as u16 + 2).min(area.height);
    let width = 72.min(area.width);
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(Block::default().borders(Borders::ALL).title(" Keys ")),
        rect,
    );
}
