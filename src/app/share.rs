//! Handing an issue to the world outside the terminal, from the list and from the detail:
//! opening it in the browser, copying its key or its URL.

use super::keymap::Action;
use super::msg::Command;
use super::state::State;

/// The page on the site.
fn browse_url(state: &State, key: &str) -> String {
    let site = state.session.as_ref().map_or("", |s| s.site.as_str());
    format!("{}/browse/{key}", site.trim_end_matches('/'))
}

/// Opens issue `key` in the browser, or copies its key or URL, as `action` says.
pub fn share(state: &mut State, action: Action, key: &str, out: &mut Vec<Command>) {
    let url = browse_url(state, key);
    match action {
        Action::OpenInBrowser => {
            state.note(format!("Opening {key} in the browser"));
            out.push(Command::OpenUrl(url));
        }
        Action::CopyKey => {
            state.note(format!("Copied {key}"));
            out.push(Command::Copy(key.to_string()));
        }
        _ => {
            state.note(format!("Copied {url}"));
            out.push(Command::Copy(url));
        }
    }
}
