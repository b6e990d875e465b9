//! The form: a new issue's project and type pickers, then the fields with their values
//! (required ones marked `*`), Jira's message under a field it refused, and the open field
//! editor over it.

use super::picker;
use crate::app::state::{FormPurpose, FormStage, FormView, Phase, Slot, State};
use crate::app::theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// Draws the form over `area`.
pub fn draw(frame: &mut Frame, area: Rect, form: &FormView, state: &State) {
    let loading = state.requests.contains(Slot::Form);
    match &form.stage {
        FormStage::Project { picker: p, .. } | FormStage::Type { picker: p, .. } => {
            return picker::draw(frame, area, p, loading);
        }
        FormStage::Fields => {}
    }
    let width = area.width.saturating_sub(4).clamp(20, 100);
    let height = area.height.saturating_sub(2).max(6);
    let rect = Rect {
        x: area.x + area.width.saturating_sub(width) / 2,
        y: area.y + 1.min(area.height),
        width: width.min(area.width),
        height: height.min(area.height),
    };
    let inner = rect.width.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = vec![Line::from(vec![
        Span::styled("> ", theme::accent()),
        Span::raw(crate::text::sanitize_line(&form.filter.text())),
    ])];
    match &form.phase {
        Phase::Loading => lines.push(Line::styled("Asking Jira…", theme::dim())),
        Phase::Failed(notice) => lines.push(Line::styled(notice.joined(), theme::error())),
        Phase::Idle if form.shown.is_empty() => {
            lines.push(Line::styled("No field matches", theme::dim()))
        }
        Phase::Idle => {}
    }
    let names = form
        .shown
        .iter()
        .map(|&i| form.fields[i].name.width() + 2)
        .max()
        .unwrap_or(0)
        .min(inner * 2 / 5);
    // The rows that fit: the frame, filter, message and hint take five.
    let room = (rect.height as usize).saturating_sub(6).max(1);
    let first = form.selected.saturating_sub(room.saturating_sub(1));
    let mut used = 0;
    for (line, &i) in form.shown.iter().enumerate().skip(first) {
        if used >= room {
            break;
        }
        let meta = &form.fields[i];
        let selected = line == form.selected;
        let mut name = meta.name.clone();
        if meta.required {
            name.push_str(" *");
        }
        let mut name = crate::text::format::truncate(&name, names);
        let pad = names.saturating_sub(name.width());
        name.extend(std::iter::repeat_n(' ', pad));
        let value = form.values.get(i).map(|v| v.display()).unwrap_or_default();
        let mark = if form.saving.is_some_and(|(s, _)| s == i) {
            " (saving…)"
        } else if form.unsaved(i) {
            " (not saved)"
        } else {
            ""
        };
        let value_room = inner.saturating_sub(names + 3 + mark.width());
        let shown = if value.is_empty() {
            Span::styled("—", theme::dim())
        } else {
            Span::raw(crate::text::format::truncate(
                &crate::text::sanitize_line(&value),
                value_room,
            ))
        };
        lines.push(Line::from(vec![
            Span::styled(if selected { "▸ " } else { "  " }, theme::accent()),
            Span::styled(
                name,
                if selected {
                    theme::selected()
                } else {
                    Style::new()
                },
            ),
            Span::raw(" "),
            shown,
            Span::styled(mark, theme::dim()),
        ]));
        used += 1;
        if let Some(Some(error)) = form.errors.get(i) {
            lines.push(Line::styled(
                format!("    ↳ {}", crate::text::sanitize_line(error)),
                theme::error(),
            ));
            used += 1;
        }
    }
    if let Some(notice) = &form.message {
        lines.push(Line::styled(notice.joined(), theme::error()));
    }
    if let (Some((i, when)), Some(FormPurpose::Edit { key, .. })) = (&form.conflict, &form.purpose)
    {
        let name = form.fields.get(*i).map(|f| f.name.as_str()).unwrap_or("");
        let when = when
            .as_deref()
            .and_then(crate::jira::parse_time)
            .map(|t| format!(" (at {})", t.format("%Y-%m-%d %H:%M")))
            .unwrap_or_default();
        lines.push(Line::styled(
            format!(
                "{key} was changed in Jira since you opened it{when}. Overwrite {name} with your value? y overwrite · n read it again"
            ),
            theme::error(),
        ));
    }
    let hint = match form.purpose {
        Some(FormPurpose::Create { .. }) if form.sending => "Creating the issue…".to_string(),
        Some(FormPurpose::Create { .. }) => {
            "type to narrow · ↑/↓ · Enter edit the field · Ctrl-S create · Esc close, draft kept"
                .to_string()
        }
        _ => "type to narrow · ↑/↓ · Enter edit the field (saved when you leave it) · Esc close"
            .to_string(),
    };
    lines.push(Line::styled(hint, theme::dim()));
    // As tall as what it shows (long lines wrap), at most the room there is.
    let rows: usize = lines
        .iter()
        .map(|l| l.width().div_ceil(inner.max(1)).max(1))
        .sum();
    let rect = Rect {
        height: (rows as u16 + 2).min(rect.height),
        ..rect
    };
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .title(crate::text::sanitize_line(&form.title))
                .border_style(theme::accent()),
        ),
        rect,
    );
    match &form.editor {
        Some(editor) => picker::draw(
            frame,
            area,
            &editor.picker,
            state.requests.contains(Slot::FormSearch),
        ),
        None => {
            let x = rect.x + 3 + form.filter.cursor().min(inner.saturating_sub(3)) as u16;
            frame.set_cursor_position(Position::new(
                x.min(rect.x + rect.width.saturating_sub(2)),
                rect.y + 1,
            ));
        }
    }
}
