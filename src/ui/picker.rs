//! The action picker: a framed list of choices under a line of typed text, with the choice's
//! detail beside it (a transition's target status in its category's colour, a person's e-mail),
//! what Enter and Esc do underneath, and loading or Jira's error in place of the list.

use crate::app::state::{Phase, Picker};
use crate::app::theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// The most choices shown at once.
const ROWS: usize = 12;

/// Draws the picker over `area`; `loading` while Jira is asked for its choices.
pub fn draw(frame: &mut Frame, area: Rect, p: &Picker, loading: bool) {
    let width = area.width.saturating_sub(4).clamp(20, 76);
    let inner = width.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = vec![Line::from(vec![
        Span::styled("> ", theme::accent()),
        Span::raw(p.input.text()),
    ])];
    if !p.free_text {
        match &p.phase {
            Phase::Failed(notice) => lines.push(Line::styled(notice.joined(), theme::error())),
            _ if p.shown.is_empty() && (loading || p.phase == Phase::Loading) => {
                lines.push(Line::styled("Asking Jira…", theme::dim()));
            }
            _ if p.shown.is_empty() => lines.push(Line::styled(p.empty.clone(), theme::dim())),
            _ => {}
        }
        let first = p.selected.saturating_sub(ROWS - 1);
        // Labels in one column, as wide as the widest shown (at most three fifths).
        let column = p
            .shown
            .iter()
            .skip(first)
            .take(ROWS)
            .map(|&i| p.choices[i].label.width())
            .max()
            .unwrap_or(0)
            .min(inner * 3 / 5);
        for (line, &index) in p.shown.iter().enumerate().skip(first).take(ROWS) {
            let choice = &p.choices[index];
            let selected = line == p.selected;
            let mut label = crate::text::format::truncate(&choice.label, column);
            let pad = column.saturating_sub(label.width());
            label.extend(std::iter::repeat_n(' ', pad));
            let room = inner.saturating_sub(column + 4);
            let detail = crate::text::format::truncate(&choice.detail, room);
            let detail_style = choice.category.map_or(theme::dim(), theme::status);
            let spans = vec![
                Span::styled(if selected { "▸ " } else { "  " }, theme::accent()),
                Span::styled(
                    label,
                    if selected {
                        theme::selected()
                    } else {
                        Style::new()
                    },
                ),
                Span::raw("  "),
                Span::styled(detail, detail_style),
            ];
            lines.push(Line::from(spans));
        }
        if loading && !p.shown.is_empty() {
            lines.push(Line::styled("Asking Jira…", theme::dim()));
        }
    }
    lines.push(Line::styled(p.hint.clone(), theme::dim()));
    // Long sentences (Jira's error, "no transition") wrap: count the rows they take.
    let rows: usize = lines
        .iter()
        .map(|l| l.width().div_ceil(inner.max(1)).max(1))
        .sum();
    let height = (rows as u16 + 2).min(area.height);
    let rect = Rect {
        x: area.x + area.width.saturating_sub(width) / 2,
        y: area.y + area.height.saturating_sub(height) / 3,
        width,
        height,
    };
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .title(p.title.clone())
                .border_style(theme::accent()),
        ),
        rect,
    );
    let x = rect.x + 3 + p.input.cursor().min(inner.saturating_sub(3)) as u16;
    frame.set_cursor_position(Position::new(x.min(rect.x + width - 2), rect.y + 1));
}
