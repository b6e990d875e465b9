//! The query overlay's history: Up/Down recall (the user's own text kept meanwhile), Ctrl-R
//! search, and remembering a query that ran.

use super::{query, set_text};
use crate::app::msg::Command;
use crate::app::state::State;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Recalls the previous (`older`) or next entry of the history.
pub(super) fn recall(state: &mut State, older: bool) {
    let history = state.history.clone();
    let Some(q) = query(state) else {
        return;
    };
    if q.history_pos.is_none() {
        q.draft = Some(q.input.text());
    }
    let mut pos = q.history_pos;
    let entry = if older {
        history.older(&mut pos)
    } else {
        history.newer(&mut pos)
    };
    q.history_pos = pos;
    match entry {
        Some(text) => set_text(q, text),
        None if !older => {
            let draft = q.draft.take().unwrap_or_default();
            set_text(q, &draft);
        }
        None => {}
    }
}

/// A key in the Ctrl-R search: typing narrows, Ctrl-R again goes to the next match.
pub(super) fn search_key(state: &mut State, key: &KeyEvent) {
    let history = state.history.clone();
    let Some(q) = query(state) else {
        return;
    };
    let Some(needle) = q.history_search.as_mut() else {
        return;
    };
    let mut next = false;
    match key.code {
        KeyCode::Char('r') if key.modifiers.contains(KeyModifiers::CONTROL) => next = true,
        KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => needle.push(c),
        KeyCode::Backspace => {
            needle.pop();
        }
        _ => {}
    }
    let matches = history.search(needle);
    let at = if next {
        q.history_pos.map_or(0, |p| p + 1)
    } else {
        0
    };
    let at = if matches.is_empty() {
        0
    } else {
        at % matches.len()
    };
    q.history_pos = Some(at);
    if let Some(text) = matches.get(at) {
        let text = text.to_string();
        set_text(q, &text);
    }
}

/// A query the overlay ran came back with results: remember it.
pub(super) fn remember(state: &mut State, jql: &str, out: &mut Vec<Command>) {
    state.history.push(jql);
    out.push(Command::SaveHistory(Box::new(state.history.clone())));
}
