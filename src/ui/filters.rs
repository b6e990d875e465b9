//! The saved-filters screen: jiratty's own filters (numbered 1–9 for the number keys), then
//! Jira's favourite filters.

use crate::app::keymap::{Action, Context};
use crate::app::state::{FilterEntry, Slot, State};
use crate::app::theme;
use crate::text::format::{fit, truncate};
use crate::text::sanitize_line;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

fn entry_line(
    entry: &FilterEntry,
    number: Option<usize>,
    selected: bool,
    width: usize,
) -> Line<'static> {
    let tag = number.map_or("   ".to_string(), |n| format!("{n:>2} "));
    let name_width = 28.min(width / 3).max(8);
    let jql_width = width.saturating_sub(name_width + 6);
    let mut line = Line::from(vec![
        Span::styled(format!(" {tag}"), theme::dim()),
        Span::styled(
            format!("{} ", fit(&sanitize_line(&entry.name), name_width)),
            theme::title(),
        ),
        Span::styled(
            truncate(&sanitize_line(&entry.jql), jql_width),
            theme::accent(),
        ),
    ]);
    if selected {
        line = line.style(theme::selected());
    }
    line
}

/// Draws the filters screen.
pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let view = &state.filters;
    let width = area.width as usize;
    let keys = &state.keymap;
    let hints = keys.hints(
        Context::Filters,
        &[
            (Action::Open, "run"),
            (Action::Rename, "rename"),
            (Action::Delete, "delete"),
            (Action::CopyFilter, "copy favourite"),
            (Action::Publish, "publish"),
            (Action::Back, "back"),
        ],
        "  ",
    );
    let mut lines = vec![
        Line::from(vec![
            Span::styled(" jiratty ", theme::title()),
            Span::styled("Saved filters", theme::accent()),
            Span::styled(format!("   {hints}"), theme::dim()),
        ]),
        Line::raw(""),
        Line::styled(
            " In jiratty (1–9 run them from anywhere)",
            theme::column_title(),
        ),
    ];
    if let Some(e) = &view.store_error {
        lines.push(Line::styled(format!("   {}", e.joined()), theme::error()));
    } else if view.local.is_empty() {
        let how = keys
            .key_for(Context::List, Action::SaveFilter)
            .map_or(String::new(), |k| {
                format!(": on the list, press {k} to save the current query")
            });
        lines.push(Line::styled(format!("   None yet{how}."), theme::dim()));
    }
    for (i, entry) in view.local.iter().enumerate() {
        let number = (i < 9).then_some(i + 1);
        lines.push(entry_line(entry, number, i == view.selected, width));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(" Favourites in Jira", theme::column_title()));
    if state.requests.contains(Slot::Favourites) {
        lines.push(Line::styled("   Loading…", theme::dim()));
    } else if let Some(e) = &view.remote_error {
        lines.push(Line::styled(format!("   {}", e.joined()), theme::error()));
    } else if view.remote.is_empty() {
        lines.push(Line::styled(
            "   No favourite filters on the site.",
            theme::dim(),
        ));
    }
    for (i, entry) in view.remote.iter().enumerate() {
        let at = view.local.len() + i;
        lines.push(entry_line(entry, None, at == view.selected, width));
    }
    if let Some(entry) = view.entry(view.selected)
        && let Some(d) = &entry.description
        && !d.is_empty()
    {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!(" {}", truncate(d, width.saturating_sub(2))),
            theme::dim(),
        ));
    }
    // Keep the selection on screen in long lists.
    let height = area.height as usize;
    let selected_line = 3 + view.selected + usize::from(view.selected >= view.local.len()) * 3;
    let scroll = selected_line.saturating_sub(height.saturating_sub(2));
    frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), area);
}
