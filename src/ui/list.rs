//! The issue list: header, columns that drop on narrow terminals, the rows, and the empty,
//! loading and error screens.

use crate::app::keymap::{Action, Context};
use crate::app::state::{LIST_TOP, Phase, Slot, State, quick_positions};
use crate::app::theme;
use crate::text::format::{fit, relative_time, thousands, truncate, wrap};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// `text` in `style`, the characters at `matched` positions (counted from `from`, the
/// position of its first character) in the match style.
fn highlighted(
    text: &str,
    matched: &[u32],
    from: u32,
    style: ratatui::style::Style,
) -> Vec<Span<'static>> {
    if matched.is_empty() {
        return vec![Span::styled(text.to_string(), style)];
    }
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_matched = false;
    for (i, c) in text.chars().enumerate() {
        let hit = matched.binary_search(&(from + i as u32)).is_ok();
        if hit != run_matched && !run.is_empty() {
            let s = if run_matched { theme::matched() } else { style };
            spans.push(Span::styled(std::mem::take(&mut run), s));
        }
        run_matched = hit;
        run.push(c);
    }
    if !run.is_empty() {
        let s = if run_matched { theme::matched() } else { style };
        spans.push(Span::styled(run, s));
    }
    spans
}

/// A column of the list and its width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Key,
    Type,
    Priority,
    Status,
    Assignee,
    Updated,
}

/// The columns that fit `width`, with their widths; the summary takes what is left.
fn layout(width: u16, key_width: usize) -> Vec<(Column, usize)> {
    let all = [
        (Column::Key, key_width.clamp(4, 12)),
        (Column::Type, 8),
        (Column::Priority, 8),
        (Column::Status, 12),
        (Column::Assignee, 16),
        (Column::Updated, 8),
    ];
    // Dropped first when space is short, in this order.
    let drop_order = [
        Column::Priority,
        Column::Type,
        Column::Updated,
        Column::Assignee,
        Column::Status,
    ];
    let mut shown: Vec<(Column, usize)> = all.to_vec();
    let min_summary = 30;
    for col in drop_order {
        let used: usize = shown.iter().map(|(_, w)| w + 1).sum();
        if used + min_summary <= width as usize {
            break;
        }
        shown.retain(|(c, _)| *c != col);
    }
    shown
}

fn header(state: &State, width: u16) -> Vec<Line<'static>> {
    let list = &state.list;
    let who = match &state.session {
        Some(s) => format!("{} · {}", s.site, s.user),
        None => String::new(),
    };
    let position = if list.visible_len() == 0 {
        0
    } else {
        list.selected + 1
    };
    let count = match (&list.phase, list.rows.len(), list.total) {
        _ if list.cached.is_some() => format!(
            "cached {} · {} of {}",
            list.cached
                .map(|t| relative_time(t.fixed_offset(), state.now))
                .unwrap_or_default(),
            thousands(position as u64),
            thousands(list.total.unwrap_or(list.rows.len() as u64))
        ),
        (Phase::Loading, 0, _) => "loading…".to_string(),
        (Phase::Failed(_), 0, _) => String::new(),
        (_, 0, _) => "no issues".to_string(),
        _ if list.quick.is_some() => format!(
            "{} of {} matching",
            thousands(position as u64),
            thousands(list.visible_len() as u64)
        ),
        (_, _, Some(total)) => format!("{} of {}", thousands(position as u64), thousands(total)),
        (_, loaded, None) if list.next.is_some() => {
            format!("{} loaded, more…", thousands(loaded as u64))
        }
        (_, loaded, None) => format!("{} issues", thousands(loaded as u64)),
    };
    let query = match &list.title {
        Some(name) => name.clone(),
        None => list.jql.clone(),
    };
    // A background refresh that failed says so here, quietly; the rows stay.
    let stale = if state.freshness.failed.is_some() {
        " · not refreshed"
    } else {
        ""
    };
    let right = format!("  {count}{stale}");
    let filter_width = list
        .quick
        .as_ref()
        .map_or(0, |q| q.input.text().chars().count() + 4);
    let room = (width as usize).saturating_sub(right.chars().count() + 2 + filter_width);
    let mut second = vec![
        Span::styled(" ", theme::dim()),
        Span::styled(truncate(&query, room), theme::accent()),
    ];
    if let Some(q) = &list.quick {
        second.push(Span::styled(
            format!("  / {}", q.input.text()),
            theme::focused(),
        ));
    }
    let used: usize = second.iter().map(|s| s.width()).sum();
    second.push(Span::raw(" ".repeat(
        (width as usize).saturating_sub(used + right.chars().count()),
    )));
    second.push(Span::styled(right, theme::dim()));
    vec![
        Line::from(vec![
            Span::styled(" jiratty ", theme::title()),
            Span::styled(
                truncate(&who, (width as usize).saturating_sub(10)),
                theme::dim(),
            ),
        ]),
        Line::from(second),
    ]
}

fn message(frame: &mut Frame, area: Rect, lines: Vec<Line<'static>>) {
    let top = area.y + area.height.saturating_sub(lines.len() as u16) / 3;
    let rect = Rect {
        y: top,
        height: (lines.len() as u16).min(area.height),
        ..area
    };
    frame.render_widget(Paragraph::new(lines), rect);
}

/// Draws the list screen into `area`.
pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let list = &state.list;
    frame.render_widget(
        Paragraph::new(header(state, area.width)),
        Rect {
            height: 2.min(area.height),
            ..area
        },
    );
    let body = Rect {
        y: area.y + 2,
        height: area.height.saturating_sub(2),
        ..area
    };
    if body.height == 0 {
        return;
    }
    if list.rows.is_empty() {
        let lines = match &list.phase {
            Phase::Loading => vec![super::centered("Loading issues…", theme::dim())],
            Phase::Failed(e) => {
                let width = (area.width as usize).saturating_sub(4).max(10);
                let mut lines: Vec<Line<'static>> = wrap(&e.sentence, width)
                    .iter()
                    .map(|l| super::centered(l, theme::error()))
                    .collect();
                if let Some(h) = &e.hint {
                    lines.extend(
                        wrap(h, width)
                            .iter()
                            .map(|l| super::centered(l, theme::dim())),
                    );
                }
                lines.push(Line::raw(""));
                let hints = state.keymap.hints(
                    Context::List,
                    &[
                        (Action::Refresh, "retry"),
                        (Action::Query, "edit the query"),
                        (Action::Quit, "quit"),
                    ],
                    "   ",
                );
                lines.push(super::centered(&hints, theme::dim()));
                lines
            }
            Phase::Idle => {
                let hints = state.keymap.hints(
                    Context::List,
                    &[
                        (Action::Query, "edit the query"),
                        (Action::Refresh, "reload"),
                    ],
                    "   ",
                );
                vec![
                    super::centered("No issues match this query.", theme::title()),
                    Line::raw(""),
                    super::centered(&hints, theme::dim()),
                ]
            }
        };
        message(frame, body, lines);
        return;
    }
    // Kept up to date as rows arrive: nothing here walks all rows.
    let key_width = list.key_width.max(4);
    let columns = layout(area.width, key_width);
    let fixed: usize = columns.iter().map(|(_, w)| w + 1).sum();
    let summary_width = (area.width as usize).saturating_sub(fixed + 1);
    let mut titles = vec![Span::raw(" ")];
    for (col, w) in &columns {
        let name = match col {
            Column::Key => "Key",
            Column::Type => "Type",
            Column::Priority => "Priority",
            Column::Status => "Status",
            Column::Assignee => "Assignee",
            Column::Updated => "Updated",
        };
        titles.push(Span::styled(
            format!("{} ", fit(name, *w)),
            theme::column_title(),
        ));
    }
    titles.push(Span::styled(
        fit("Summary", summary_width),
        theme::column_title(),
    ));
    frame.render_widget(
        Paragraph::new(Line::from(titles)),
        Rect { height: 1, ..body },
    );
    let rows_area = Rect {
        y: area.y + LIST_TOP,
        height: body.height.saturating_sub(1),
        ..area
    };
    let mut lines = Vec::with_capacity(rows_area.height as usize);
    // Only the visible rows are laid out.
    for pos in list.offset..(list.offset + rows_area.height as usize).min(list.visible_len()) {
        let Some(row) = list.row_index(pos).and_then(|i| list.rows.get(i)) else {
            continue;
        };
        // A change shown on the row waits for Jira: marked until it answers. A row a refresh
        // changed is marked until selected.
        let mut spans = vec![if row.pending {
            Span::styled("…", theme::accent())
        } else if row.changed {
            Span::styled("•", theme::accent())
        } else {
            Span::raw(" ")
        }];
        // What the quick filter matched, in characters of key then summary.
        let matched: Vec<u32> = match &list.quick {
            Some(q) => quick_positions(&q.input.text(), row.key(), row.summary()),
            None => Vec::new(),
        };
        let key_chars = row.key().chars().count() as u32;
        for (col, w) in &columns {
            let updated;
            let (text, style) = match col {
                Column::Key => (row.key(), theme::accent()),
                Column::Type => (&*row.issue_type, Default::default()),
                Column::Priority => (&*row.priority, theme::priority(&row.priority)),
                Column::Status => (&*row.status, theme::status(row.category)),
                Column::Assignee => (row.assignee.as_deref().unwrap_or("–"), Default::default()),
                Column::Updated => {
                    updated = row
                        .updated()
                        .map(|t| relative_time(t, state.now))
                        .unwrap_or_default();
                    (updated.as_str(), theme::dim())
                }
            };
            if *col == Column::Key && !matched.is_empty() {
                spans.extend(highlighted(&fit(text, *w), &matched, 0, style));
                spans.push(Span::styled(" ", style));
                continue;
            }
            spans.push(Span::styled(format!("{} ", fit(text, *w)), style));
        }
        if row.damaged {
            // Part of this issue could not be read: say so before what could.
            spans.push(Span::styled("(!) ", theme::error()));
            spans.extend(highlighted(
                &fit(row.summary(), summary_width.saturating_sub(4)),
                &matched,
                key_chars,
                Default::default(),
            ));
        } else {
            spans.extend(highlighted(
                &fit(row.summary(), summary_width),
                &matched,
                key_chars,
                Default::default(),
            ));
        }
        let mut line = Line::from(spans);
        if pos == list.selected {
            line = line.style(theme::selected());
        }
        lines.push(line);
    }
    if list.visible_len() == 0 {
        lines.push(super::centered(
            "No loaded issue matches the filter.",
            theme::dim(),
        ));
    } else if list.offset + rows_area.height as usize >= list.visible_len() {
        let loading = state.requests.contains(Slot::Page);
        if loading && list.cached.is_none() && !list.replacing {
            lines.push(Line::styled("  Loading more…", theme::dim()));
        } else if let Some(e) = &list.page_error {
            lines.push(Line::styled(
                format!("  {} {}", e.sentence, page_error_hint(state)),
                theme::error(),
            ));
        } else if let Some(note) = &list.stopped {
            lines.push(Line::styled(format!("  {note}"), theme::error()));
        }
    }
    frame.render_widget(Paragraph::new(lines), rows_area);
}

/// What to do when a later page failed: "↓ tries again, r reloads." (the keys of the map).
fn page_error_hint(state: &State) -> String {
    let keys = &state.keymap;
    let again = keys
        .key_for(Context::List, Action::Down)
        .map(|k| format!("{k} tries again"));
    let reload = keys
        .key_for(Context::List, Action::Refresh)
        .map(|k| format!("{k} reloads"));
    let said: Vec<String> = again.into_iter().chain(reload).collect();
    if said.is_empty() {
        String::new()
    } else {
        format!("{}.", said.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_drop_on_narrow_terminals() {
        let wide = layout(120, 8);
        assert_eq!(wide.len(), 6);
        let narrow = layout(80, 8);
        assert!(narrow.iter().any(|(c, _)| *c == Column::Status));
        assert!(!narrow.iter().any(|(c, _)| *c == Column::Priority));
        let tiny = layout(40, 8);
        assert_eq!(tiny.len(), 1);
    }
}
