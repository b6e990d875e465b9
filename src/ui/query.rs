//! The JQL editor overlay: the query highlighted as you type (several lines if you like), the
//! cursor, the completion popup, and the server's error with its position marked.

use super::highlight::{classify, style};
use crate::app::state::QueryState;
use crate::app::theme;
use crate::text::format::{truncate, wrap};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthChar;

/// The editor's text as styled lines; `mark` is the (line, char) Jira pointed at, 0-based.
fn text_lines(text: &str, mark: Option<(usize, usize)>) -> Vec<Line<'static>> {
    let mut lines: Vec<Vec<Span<'static>>> = vec![Vec::new()];
    let (mut line, mut col) = (0usize, 0usize);
    for (range, class) in classify(text) {
        let base = style(class);
        for c in text[range].chars() {
            if c == '\n' {
                lines.push(Vec::new());
                line += 1;
                col = 0;
                continue;
            }
            let marked = mark == Some((line, col));
            let s = if marked {
                Style::new()
                    .fg(Color::White)
                    .bg(Color::Red)
                    .add_modifier(Modifier::BOLD)
            } else {
                base
            };
            if let Some(last) = lines.last_mut() {
                last.push(Span::styled(c.to_string(), s));
            }
            col += 1;
        }
    }
    // A mark just past the end of the text (an unfinished query) is shown as a red block.
    if let Some((l, c)) = mark
        && l == line
        && c >= col
        && let Some(last) = lines.last_mut()
    {
        last.push(Span::styled(" ", Style::new().bg(Color::Red)));
    }
    lines.into_iter().map(Line::from).collect()
}

/// Draws the overlay near the top of `area`; `running` while its search is in flight.
pub fn draw(frame: &mut Frame, area: Rect, query: &QueryState, running: bool) {
    let width = area.width.saturating_sub(4).max(10);
    let inner = width.saturating_sub(2) as usize;
    let text = query.input.text();
    let mark = query.error.as_ref().and_then(|e| e.position).map(|(l, c)| {
        (
            (l as usize).saturating_sub(1),
            (c as usize).saturating_sub(1),
        )
    });
    let (cursor_line, cursor_col) = query.input.line_col();
    // Horizontal scroll so the cursor's column stays visible on long lines.
    let shift = cursor_col.saturating_sub(inner.saturating_sub(1));
    let mut lines: Vec<Line<'static>> = text_lines(&text, mark)
        .into_iter()
        .map(|l| Line::from(l.spans.into_iter().skip(shift).collect::<Vec<_>>()))
        .collect();
    // A caret under the character Jira points at, on the line after it.
    if let Some((l, c)) = mark
        && l < lines.len()
        && c >= shift
    {
        let text_line: Vec<char> = text.split('\n').nth(l).unwrap_or("").chars().collect();
        let indent: usize = text_line
            .iter()
            .skip(shift)
            .take(c - shift)
            .map(|ch| ch.width().unwrap_or(0))
            .sum();
        lines.insert(
            l + 1,
            Line::styled(format!("{}^", " ".repeat(indent)), theme::error()),
        );
    }
    let text_height = lines.len();
    match (&query.error, running) {
        (Some(e), _) => {
            for l in wrap(&e.notice.sentence, inner) {
                lines.push(Line::styled(l, theme::error()));
            }
        }
        (None, true) => lines.push(Line::styled("Running…", theme::dim())),
        (None, false) => lines.push(Line::styled(
            "Enter run  Alt-Enter new line  Tab complete  ↑/↓ history  Ctrl-R search  Esc cancel",
            theme::dim(),
        )),
    }
    let height = (lines.len() as u16 + 2).min(area.height);
    let rect = Rect {
        x: area.x + 2,
        y: area.y + 1,
        width,
        height,
    };
    frame.render_widget(Clear, rect);
    let title = match &query.history_search {
        Some(needle) => format!(" JQL — history search: {needle} "),
        None => " JQL ".to_string(),
    };
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .title(title)
                .border_style(theme::accent()),
        ),
        rect,
    );
    let chars: Vec<char> = text
        .split('\n')
        .nth(cursor_line)
        .unwrap_or("")
        .chars()
        .collect();
    let cursor_x: usize = chars
        .iter()
        .take(cursor_col)
        .skip(shift)
        .map(|c| c.width().unwrap_or(0))
        .sum();
    let cx = rect.x + 1 + cursor_x as u16;
    // The caret line, when it sits above the cursor's line, pushes it down by one.
    let caret_above = usize::from(mark.is_some_and(|(l, _)| l < cursor_line));
    let cy = rect.y + 1 + ((cursor_line + caret_above).min(text_height.saturating_sub(1))) as u16;
    frame.set_cursor_position(Position::new(cx.min(rect.right().saturating_sub(2)), cy));
    if let Some(popup) = &query.popup {
        draw_popup(frame, area, popup, Position::new(cx, cy + 1));
    }
}

fn draw_popup(frame: &mut Frame, area: Rect, popup: &crate::app::state::Popup, at: Position) {
    const SHOWN: usize = 8;
    if popup.items.is_empty() {
        return;
    }
    let first = popup.selected.saturating_sub(SHOWN - 1);
    let label_width = popup
        .items
        .iter()
        .map(|c| c.label.chars().count())
        .max()
        .unwrap_or(4)
        .min(40);
    let detail_width = popup
        .items
        .iter()
        .map(|c| c.detail.chars().count())
        .max()
        .unwrap_or(0)
        .min(28);
    let width = (label_width + detail_width + 4) as u16;
    let lines: Vec<Line<'static>> = popup
        .items
        .iter()
        .enumerate()
        .skip(first)
        .take(SHOWN)
        .map(|(i, c)| {
            let style = if i == popup.selected {
                theme::selected()
            } else {
                Style::new()
            };
            Line::from(vec![
                Span::styled(
                    format!(" {:<w$} ", truncate(&c.label, label_width), w = label_width),
                    style,
                ),
                Span::styled(
                    format!(
                        "{:<w$} ",
                        truncate(&c.detail, detail_width),
                        w = detail_width
                    ),
                    theme::dim(),
                ),
            ])
        })
        .collect();
    let height = lines.len() as u16 + 2;
    let x = at.x.min(area.right().saturating_sub(width + 2));
    let y = if at.y + height <= area.bottom() {
        at.y
    } else {
        at.y.saturating_sub(height + 1)
    };
    let rect = Rect {
        x,
        y,
        width: (width + 2).min(area.width),
        height: height.min(area.height),
    };
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(Block::default().borders(Borders::ALL)),
        rect,
    );
}
