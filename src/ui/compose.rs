//! The comment editor: a large frame over the screen holding the text area (or the preview),
//! with what the keys do underneath, taken from the key map.

use crate::app::keymap::{Action, Context, Keymap};
use crate::app::state::{Composer, MENTIONS_SHOWN as SHOWN};
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
    let subject = match &composer.field {
        Some(f) => format!("{} of {}", f.name, composer.key),
        None => format!("Comment on {}", composer.key),
    };
    let (title, hint) = match &composer.preview {
        Some(_) => (
            format!(" {subject} — preview "),
            format!(
                " {} back to the text · {} send · {} close, draft kept ",
                key(Action::Preview),
                key(Action::Send),
                key(Action::Back)
            ),
        ),
        None => (
            format!(
                " {subject} — Markdown{} ",
                composer
                    .visibility
                    .as_ref()
                    .map(|v| format!(" · visible to {}", v.value))
                    .unwrap_or_default()
            ),
            format!(
                " {} send · {} preview · {} $EDITOR · {} who may read · {} close, draft kept ",
                key(Action::Send),
                key(Action::Preview),
                key(Action::ExternalEditor),
                key(Action::Visibility),
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
            draw_mentions(frame, inner, composer);
        }
    }
}

/// The people found for the `@` word being typed, at the bottom of the editor.
fn draw_mentions(frame: &mut Frame, area: Rect, composer: &Composer) {
    let Some(m) = &composer.mentioning else {
        return;
    };
    let people = &m.people[..m.people.len().min(SHOWN)];
    if people.is_empty() {
        return;
    }
    let lines: Vec<Line> = people
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let name = crate::text::sanitize_line(u.label());
            let detail = crate::text::sanitize_line(
                u.email_address
                    .as_deref()
                    .or(u.name.as_deref())
                    .unwrap_or(""),
            );
            let style = if i == m.selected {
                theme::selected()
            } else {
                ratatui::style::Style::new()
            };
            Line::from(vec![
                ratatui::text::Span::styled(format!(" @{name} "), style),
                ratatui::text::Span::styled(format!(" {detail}"), theme::dim()),
            ])
        })
        .collect();
    let height = (lines.len() as u16 + 2).min(area.height);
    let width = area.width.min(60);
    let rect = Rect {
        x: area.x,
        y: area.y + area.height.saturating_sub(height),
        width,
        height,
    };
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .title(" mention · ↑/↓ Tab/Enter · Esc ")
                .border_style(theme::accent()),
        ),
        rect,
    );
}
