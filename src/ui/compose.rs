//! The comment editor: a large frame over the screen holding the text area (or the preview),
//! with what the keys do underneath, taken from the key map.

use crate::app::keymap::{Action, Context, Keymap};
use crate::app::state::Composer;
use crate::app::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

/// Draws the editor over `area`.
pub fn draw(frame: &mut Frame, area: Rect, composer: &Composer, keymap: &Keymap) {
    let rect = Rect {
        x: area.x + 1.min(area.width),
        y: area.y + 1.min(area.height),
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(3),
    };
    if rect.width < 10 || rect.height < 4 {
        return;
    }
    let key = |action: Action| {
        keymap
            .key_for(Context::Compose, action)
            .unwrap_or_else(|| "(unbound)".into())
    };
    let (title, hint) = match &composer.preview {
        Some(_) => (
            format!(" Comment on {} — preview ", composer.key),
            format!(
                " {} back to the text · {} send · {} close, draft kept ",
                key(Action::Preview),
                key(Action::Send),
                key(Action::Back)
            ),
        ),
        None => (
            format!(" Comment on {} — Markdown ", composer.key),
            format!(
                " {} send · {} preview · {} $EDITOR · {} close, draft kept ",
                key(Action::Send),
                key(Action::Preview),
                key(Action::ExternalEditor),
                key(Action::Back)
            ),
        ),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(crate::text::sanitize_line(&title))
        .title_bottom(Line::styled(hint, theme::dim()))
        .border_style(theme::accent());
    frame.render_widget(Clear, rect);
    match &composer.preview {
        Some(lines) => frame.render_widget(
            Paragraph::new(lines.clone())
                .wrap(Wrap { trim: false })
                .block(block),
            rect,
        ),
        None => {
            let inner = block.inner(rect);
            frame.render_widget(block, rect);
            frame.render_widget(&composer.editor, inner);
        }
    }
}
