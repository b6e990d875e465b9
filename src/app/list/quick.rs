//! The list's quick filter (`/`): loaded rows narrowed to those whose key and summary match
//! what is typed, ranked as fzf ranks them (`nucleo-matcher`, the matcher helix uses), with
//! the matched characters highlighted.

use crate::app::input::{Edit, LineInput};
use crate::app::msg::Command;
use crate::app::state::State;
use crossterm::event::{KeyCode, KeyEvent};
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// The narrowing `/` filter over loaded rows.
#[derive(Debug, Clone, PartialEq)]
pub struct QuickFilter {
    /// What was typed.
    pub input: LineInput,
    /// Whether the input still has focus.
    pub editing: bool,
    /// Indices of matching rows, best match first.
    pub matches: Vec<usize>,
    /// The text `matches` holds the matches of; None when they must be found again from all
    /// rows.
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

/// Recomputes the quick filter's matches: the rows whose key and summary match every word
/// typed (fuzzily, ignoring case, as fzf does), best score first, list order among equals.
/// Typing on narrows the last matches instead of searching all rows again.
pub fn refilter(state: &mut State) {
    let Some(q) = &mut state.list.quick else {
        return;
    };
    let needle = q.input.text().to_string();
    let rows = &state.list.rows;
    let text = |i: usize| rows.get(i).map(|r| (r.key(), r.summary()));
    q.matches = match &q.matched {
        // More typed at the end only ever matches fewer rows.
        Some(before) if needle.starts_with(before.as_str()) && !before.is_empty() => {
            let kept = std::mem::take(&mut q.matches);
            rank(&needle, kept.into_iter(), text)
        }
        _ => rank(&needle, 0..rows.len(), text),
    };
    q.matched = Some(needle);
    state.list.selected = 0;
    state.list.offset = 0;
}

/// The candidates (row indices) that match `needle`, best first; with nothing typed, all of
/// them in their order.
pub fn rank<'a>(
    needle: &str,
    candidates: impl Iterator<Item = usize>,
    text: impl Fn(usize) -> Option<(&'a str, &'a str)>,
) -> Vec<usize> {
    let pattern = QuickPattern::new(needle);
    if pattern.is_empty() {
        return candidates.collect();
    }
    let mut scored: Vec<(u32, usize)> = MATCHER.with(|m| {
        let mut matcher = m.borrow_mut();
        let mut buf = Vec::new();
        let mut hay = String::new();
        candidates
            .filter_map(|i| {
                let (key, summary) = text(i)?;
                joined(&mut hay, key, summary);
                Some((pattern.score(&hay, &mut matcher, &mut buf)?, i))
            })
            .collect()
    });
    scored.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, i)| i).collect()
}

/// Key and summary as they are matched: one space between them, so that the summary's first
/// word starts a word.
fn joined(hay: &mut String, key: &str, summary: &str) {
    hay.clear();
    hay.push_str(key);
    hay.push(' ');
    hay.push_str(summary);
}

/// How well a row's key and summary match `needle` as the quick filter matches (None: they
/// do not).
#[cfg(test)]
fn score(needle: &str, key: &str, summary: &str) -> Option<u32> {
    let pattern = QuickPattern::new(needle);
    if pattern.is_empty() {
        return Some(0);
    }
    let mut hay = String::new();
    joined(&mut hay, key, summary);
    MATCHER.with(|m| pattern.score(&hay, &mut m.borrow_mut(), &mut Vec::new()))
}

/// The positions that `needle` matched in a row, in characters of its key then its summary
/// (the summary's first character is at the key's length), sorted, for the list to highlight;
/// empty when nothing is typed or it does not match.
pub fn positions(needle: &str, key: &str, summary: &str) -> Vec<u32> {
    let pattern = QuickPattern::new(needle);
    if pattern.is_empty() {
        return Vec::new();
    }
    let mut haystack = String::new();
    joined(&mut haystack, key, summary);
    let key_chars = key.chars().count() as u32;
    let found = MATCHER.with(|m| {
        let mut matcher = m.borrow_mut();
        let mut buf = Vec::new();
        let mut indices = Vec::new();
        for atom in &pattern.atoms {
            let hay = Utf32Str::new(&haystack, &mut buf);
            if atom.indices(hay, &mut matcher, &mut indices).is_none() {
                return Vec::new();
            }
        }
        indices.sort_unstable();
        indices.dedup();
        indices
    });
    // The separator is not shown: positions after it move back by one.
    found
        .into_iter()
        .filter(|&i| i != key_chars)
        .map(|i| if i > key_chars { i - 1 } else { i })
        .collect()
}

thread_local! {
    /// The matcher's scratch memory (about 135 kB), made once per thread.
    static MATCHER: std::cell::RefCell<Matcher> = std::cell::RefCell::new(Matcher::new(Config::DEFAULT));
}

/// What was typed, one fuzzy atom per word: a row matches when every atom does; its score is
/// their sum. No special syntax (`!`, `^`, `'`): typed characters are matched as they are.
struct QuickPattern {
    atoms: Vec<Atom>,
}

impl QuickPattern {
    fn new(needle: &str) -> Self {
        QuickPattern {
            atoms: needle
                .split_whitespace()
                .map(|word| {
                    Atom::new(
                        word,
                        CaseMatching::Ignore,
                        Normalization::Smart,
                        AtomKind::Fuzzy,
                        false,
                    )
                })
                .collect(),
        }
    }

    fn is_empty(&self) -> bool {
        self.atoms.is_empty()
    }

    fn score(&self, haystack: &str, matcher: &mut Matcher, buf: &mut Vec<char>) -> Option<u32> {
        let hay = Utf32Str::new(haystack, buf);
        let mut total = 0u32;
        for atom in &self.atoms {
            total = total.saturating_add(u32::from(atom.score(hay, matcher)?));
        }
        Some(total)
    }
}

#[cfg(test)]
mod tests;
