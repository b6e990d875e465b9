//! Views: pure functions of `&State` into a ratatui frame, one file per screen. They read the
//! state types (`app::state`), the key map (every key hint is generated from it) and the
//! palette (`app::theme`), never app logic; only the event loop calls them.

pub mod board;
mod compose;
mod detail;
mod filters;
mod form;
mod help;
pub mod highlight;
mod list;
mod login;
mod picker;
mod prompt;
mod query;

use crate::app::keymap::{Action, Context};
use crate::app::state::{Overlay, Screen, Slot, State, Status};
use crate::app::theme;
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
    match &state.screen {
        Screen::Login => login::draw(frame, body, state),
        Screen::List => list::draw(frame, body, state),
        Screen::Detail(view) => detail::draw(frame, body, state, view),
        Screen::Filters { .. } => filters::draw(frame, body, state),
        Screen::Board => board::draw(frame, body, state),
    }
    draw_status(frame, status, state);
    match &state.overlay {
        Overlay::None => {}
        Overlay::Help => help::draw(frame, area, state),
        Overlay::Query(q) => query::draw(frame, area, q, state.requests.contains(Slot::Query)),
        Overlay::Prompt(p) => prompt::draw(frame, area, p),
        Overlay::Compose(c) => {
            compose::draw(frame, area, c, &state.keymap);
            if let Some(p) = &c.visibility_picker {
                picker::draw(frame, area, p, state.requests.contains(Slot::Roles));
            }
        }
        Overlay::Form(f) => form::draw(frame, area, f, state),
        Overlay::Pick(p) => picker::draw(
            frame,
            area,
            &p.picker,
            state.requests.contains(Slot::Transitions) || state.requests.contains(Slot::People),
        ),
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
    match &state.status {
        Some(Status::Note(note)) => left.push(Span::styled(
            crate::text::format::truncate(note, room),
            theme::ok(),
        )),
        Some(Status::Error(notice)) => left.push(Span::styled(
            crate::text::format::truncate(&notice.joined(), room),
            theme::error(),
        )),
        None => {}
    }
    let hints = status_hints(state);
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

/// The keys the status line offers on the current screen, from the key map.
fn status_hints(state: &State) -> String {
    let keys = &state.keymap;
    match &state.screen {
        // The login form's keys are fixed (it is all text inputs).
        Screen::Login => "Tab next field  Enter continue  Esc quit".to_string(),
        Screen::List => keys.hints(
            Context::List,
            &[
                (Action::Help, "help"),
                (Action::Query, "query"),
                (Action::QuickFilter, "filter"),
                (Action::Open, "open"),
                (Action::Quit, "quit"),
            ],
            "  ",
        ),
        Screen::Detail(_) => keys.hints(
            Context::Detail,
            &[
                (Action::Help, "help"),
                (Action::OpenInBrowser, "browser"),
                (Action::CopyKey, "copy"),
                (Action::Back, "back"),
            ],
            "  ",
        ),
        Screen::Filters { .. } => keys.hints(
            Context::Filters,
            &[
                (Action::Open, "run"),
                (Action::Rename, "rename"),
                (Action::Delete, "delete"),
                (Action::Back, "back"),
            ],
            "  ",
        ),
        Screen::Board => keys.hints(
            Context::Board,
            &[
                (Action::Help, "help"),
                (Action::MoveRight, "move"),
                (Action::RankUp, "rank"),
                (Action::NextSprint, "sprint"),
                (Action::Back, "back"),
            ],
            "  ",
        ),
    }
}

/// The stretches of link text on screen, `(x, y, width, url)`, for OSC 8 hyperlinks; empty
/// unless the detail view shows an issue with nothing drawn over it.
pub fn visible_links(state: &State, area: Rect) -> Vec<(u16, u16, u16, String)> {
    let Screen::Detail(view) = &state.screen else {
        return Vec::new();
    };
    if state.overlay != Overlay::None || area.height < 3 {
        return Vec::new();
    }
    detail::visible_links(
        view,
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
