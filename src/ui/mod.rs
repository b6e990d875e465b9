//! Views: pure functions of `&State` into a ratatui frame, one file per screen.

mod detail;
mod filters;
mod help;
pub mod highlight;
mod list;
mod login;
mod prompt;
mod query;
pub mod theme;

use crate::app::state::{Overlay, Screen, State};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, state: &State) {
    let area = frame.area();
    if area.height < 3 || area.width < 10 {
        frame.render_widget(Paragraph::new("jiratty: window too small"), area);
        return;
    }
    let body = Rect {
        height: area.height - 1,
        ..area
    };
    let status = Rect {
        y: area.y + area.height - 1,
        height: 1,
        ..area
    };
    match state.screen {
        Screen::Login => login::draw(frame, body, state),
        Screen::List => list::draw(frame, body, state),
        Screen::Detail => detail::draw(frame, body, state),
        Screen::Filters => filters::draw(frame, body, state),
    }
    draw_status(frame, status, state);
    match &state.overlay {
        Overlay::None => {}
        Overlay::Help => help::draw(frame, area, state),
        Overlay::Query(q) => query::draw(frame, area, q),
        Overlay::Prompt(p) => prompt::draw(frame, area, p),
    }
}

fn draw_status(frame: &mut Frame, area: Rect, state: &State) {
    let mut left: Vec<Span> = Vec::new();
    if state.busy() {
        left.push(Span::styled(
            format!("{} ", SPINNER[state.spinner % SPINNER.len()]),
            theme::accent(),
        ));
        if let Some(what) = state.wait_text() {
            left.push(Span::raw(what));
            left.push(Span::raw("  "));
        }
    }
    let used: usize = left.iter().map(|s| s.width()).sum();
    let room = (area.width as usize).saturating_sub(used + 1);
    if let Some(note) = &state.status_note {
        left.push(Span::styled(
            crate::text::format::truncate(note, room),
            theme::ok(),
        ));
    } else if let Some(err) = &state.status_error {
        left.push(Span::styled(
            crate::text::format::truncate(err, room),
            theme::error(),
        ));
    }
    let hints = match state.screen {
        Screen::Login => "Tab next field  Enter continue  Esc quit",
        Screen::List => "? help  : query  / filter  Enter open  q quit",
        Screen::Detail => "? help  o browser  y copy  Esc back",
        Screen::Filters => "Enter run  n rename  d delete  Esc back",
    };
    let used: usize = left.iter().map(|s| s.width()).sum();
    let right_width = hints.chars().count();
    if used + right_width + 2 <= area.width as usize {
        let pad = area.width as usize - used - right_width;
        left.push(Span::raw(" ".repeat(pad)));
        left.push(Span::styled(hints, theme::dim()));
    }
    frame.render_widget(
        Paragraph::new(Line::from(left)).style(theme::status_bar()),
        area,
    );
}

/// The stretches of link text on screen, `(x, y, width, url)`, for OSC 8 hyperlinks; empty
/// unless the detail view shows an issue with nothing drawn over it.
pub fn visible_links(state: &State, area: Rect) -> Vec<(u16, u16, u16, String)> {
    if state.screen != Screen::Detail || state.overlay != Overlay::None || area.height < 3 {
        return Vec::new();
    }
    detail::visible_links(
        state,
        Rect {
            height: area.height - 1,
            ..area
        },
    )
}

/// A line of `width` columns with `text` centred in `style`.
pub(crate) fn centered(text: &str, style: Style) -> Line<'static> {
    Line::from(Span::styled(text.to_string(), style)).centered()
}
