//! The numbered links: `l` asks for a number, Enter opens that link in the browser
//! (web and mail links only: the same predicate the terminal's hyperlinks use).

use crate::app::input::{Edit, LineInput};
use crate::app::msg::Command;
use crate::app::state::{DetailLayout, Notice, Overlay, Prompt, PromptKind, Slot, State};
use crossterm::event::{KeyCode, KeyEvent};

/// The numbered links, from the kept layout (brought up to date first); None while it
/// is being laid out.
fn links<'s>(state: &'s mut State, out: &mut Vec<Command>) -> Option<&'s [String]> {
    super::refresh_layout(state, out);
    let (width, _) = DetailLayout::body_size(state.size);
    let now = state.now;
    let loading = state.requests.contains(Slot::Comments);
    let d = state.detail()?;
    d.layout
        .shows(d.stamp(width, now, loading))
        .then_some(d.layout.links.as_slice())
}

/// Asks which numbered link to open.
pub(super) fn ask(state: &mut State, out: &mut Vec<Command>) {
    let Some(count) = links(state, out).map(<[String]>::len) else {
        state.note("The issue is still being laid out.");
        return;
    };
    if count == 0 {
        state.note("This issue has no links.");
        return;
    }
    // One link: Enter alone opens it.
    let input = if count == 1 {
        LineInput::with_text("1")
    } else {
        LineInput::default()
    };
    state.overlay = Overlay::Prompt(Prompt {
        kind: PromptKind::OpenLink { count },
        input,
    });
}

/// A key in the "open link" prompt: digits, Enter opens, Esc cancels.
pub fn on_key(state: &mut State, key: KeyEvent, out: &mut Vec<Command>) {
    let Overlay::Prompt(p) = &mut state.overlay else {
        return;
    };
    match key.code {
        KeyCode::Esc => state.overlay = Overlay::None,
        KeyCode::Enter => {
            let typed = p.input.text().trim().to_string();
            state.overlay = Overlay::None;
            let links = links(state, out).unwrap_or_default();
            let count = links.len();
            let chosen = typed
                .parse::<usize>()
                .ok()
                .and_then(|n| links.get(n.checked_sub(1)?))
                .cloned();
            match chosen {
                Some(url) => open_link(state, &url, out),
                None => state.fail(Notice::new(format!(
                    "There is no link {typed:?}: type a number from 1 to {count}."
                ))),
            }
        }
        KeyCode::Char(c) if !c.is_ascii_digit() => {}
        _ => {
            let _: Edit = p.input.handle(&key);
        }
    }
}

/// Opens `url` in the browser, if it is a web or mail link (the links the terminal is given
/// as hyperlinks: the same predicate).
fn open_link(state: &mut State, url: &str, out: &mut Vec<Command>) {
    if crate::text::links::is_openable(url) {
        state.note(format!("Opening {url}"));
        out.push(Command::OpenUrl(url.to_string()));
    } else {
        state.fail(Notice::new(format!(
            "jiratty opens only web and mail links, not {url:?}."
        )));
    }
}
