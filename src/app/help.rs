//! The help overlay (`?`): the key map of the screen, drawn by `ui::help`. Esc, q, ? or Enter
//! closes it; other keys are ignored while it is open.

use super::state::{Overlay, State};
use crossterm::event::{KeyCode, KeyEvent};

/// A key while the help is shown.
pub fn on_key(state: &mut State, key: KeyEvent) {
    if matches!(
        key.code,
        KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('?') | KeyCode::Enter
    ) {
        state.overlay = Overlay::None;
    }
}
