//! The list's quick filter (`/`): loaded rows narrowed by a case-insensitive subsequence of
//! key and summary, as it is typed.

use crate::app::input::{Edit, LineInput};
use crate::app::msg::Command;
use crate::app::state::State;
use crossterm::event::{KeyCode, KeyEvent};

/// The narrowing `/` filter over loaded rows.
#[derive(Debug, Clone, PartialEq)]
pub struct QuickFilter {
    /// What was typed.
    pub input: LineInput,
    /// Whether the input still has focus.
    pub editing: bool,
    /// Indices of matching rows, in list order.
    pub matches: Vec<usize>,
    /// The needle `matches` holds the matches of (lowercase, without spaces); None when they
    /// must be found again from all rows.
    pub matched: Option<String>,
}

impl QuickFilter {
    /// A filter being typed, with nothing typed yet.
    pub fn new() -> Self {
        QuickFilter {
            input: LineInput::default(),
            editing: true,
            matches: Vec::new(),
            matched: None,
        }
    }
}

impl Default for QuickFilter {
    fn default() -> Self {
        QuickFilter::new()
    }
}

/// Opens the filter for typing, keeping what was typed before.
pub fn open(state: &mut State) {
    let input = state
        .list
        .quick
        .as_ref()
        .map(|q| q.input.clone())
        .unwrap_or_default();
    state.list.quick = Some(QuickFilter {
        input,
        ..QuickFilter::new()
    });
    refilter(state);
}

/// Drops the filter: all rows show again.
pub fn close(state: &mut State) {
    state.list.quick = None;
    super::keep_selection_visible(state);
}

/// Whether the filter has the keys (it is being typed).
pub fn editing(state: &State) -> bool {
    state.list.quick.as_ref().is_some_and(|q| q.editing)
}

/// A key while the filter is typed: Esc drops it, Enter gives the keys back, Up/Down move the
/// selection, anything else edits.
pub fn on_key(state: &mut State, key: KeyEvent, out: &mut Vec<Command>) {
    let Some(q) = state.list.quick.as_mut() else {
        return;
    };
    match key.code {
        KeyCode::Esc => close(state),
        KeyCode::Enter => q.editing = false,
        KeyCode::Up | KeyCode::Down => {
            let to = if key.code == KeyCode::Up {
                state.list.selected.saturating_sub(1)
            } else {
                state.list.selected + 1
            };
            super::move_selection(state, to, out);
        }
        _ => {
            if q.input.handle(&key) == Edit::Changed {
                refilter(state);
            }
        }
    }
}

/// Pasted text goes into the filter while it is typed.
pub fn on_paste(state: &mut State, text: &str) {
    if let Some(q) = state.list.quick.as_mut().filter(|q| q.editing) {
        q.input.insert_str(text);
        refilter(state);
    }
}

/// Recomputes the quick filter's matches: a case-insensitive subsequence of key + summary.
/// Typing on narrows the last matches instead of searching all rows again.
pub fn refilter(state: &mut State) {
    let Some(q) = &mut state.list.quick else {
        return;
    };
    let needle: String = q
        .input
        .text()
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let rows = &state.list.rows;
    match &q.matched {
        // A longer needle with the same start only ever matches fewer rows.
        Some(before) if needle.starts_with(before.as_str()) => {
            q.matches.retain(|&i| {
                rows.get(i)
                    .is_some_and(|r| fuzzy(&needle, r.key_and_summary()))
            });
        }
        _ => {
            q.matches = rows
                .iter()
                .enumerate()
                .filter(|(_, r)| fuzzy(&needle, r.key_and_summary()))
                .map(|(i, _)| i)
                .collect();
        }
    }
    q.matched = Some(needle);
    state.list.selected = 0;
    state.list.offset = 0;
}

/// Whether the characters of `needle` (lowercase) occur in order in `haystack`, ignoring case.
fn fuzzy(needle: &str, haystack: &str) -> bool {
    if needle.is_ascii() {
        // Byte by byte: no character decoding, no case tables. (A non-ASCII character never
        // equals an ASCII one, and UTF-8 continuation bytes are never ASCII.)
        let hay = haystack.as_bytes();
        let mut at = 0;
        for w in needle.bytes() {
            let rest = &hay[at..];
            let found = if w.is_ascii_lowercase() {
                memchr::memchr2(w, w.to_ascii_uppercase(), rest)
            } else {
                memchr::memchr(w, rest)
            };
            match found {
                Some(found) => at += found + 1,
                None => return false,
            }
        }
        return true;
    }
    let mut wanted = needle.chars().peekable();
    for c in haystack.chars() {
        let Some(&w) = wanted.peek() else { break };
        if c.to_lowercase().eq(std::iter::once(w)) {
            wanted.next();
        }
    }
    wanted.peek().is_none()
}
