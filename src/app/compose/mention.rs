//! `@` mentions in the comment editor: a word typed after `@` is looked up in Jira's user
//! search once typing pauses (a newer word replaces the search in flight); ↑/↓ choose among the
//! people found, Tab or Enter puts `@Display Name` in the text and remembers who it is, so the
//! comment Jira gets mentions that person (ADF mention on Cloud, `[~name]` on Data Center). Esc
//! closes the list and leaves the text as typed.

use super::{Composer, composer_mut};
use crate::app::msg::Command;
use crate::app::state::{Overlay, Slot, State};
use crate::jira::{Deployment, User};
use crate::text::markdown::Mention;
use crate::worker::RequestKind;
use crossterm::event::{KeyCode, KeyEvent};

/// Ticks (100 ms) of no typing before the name is searched for.
const PAUSE: u8 = 2;
/// The most people the list shows.
pub const SHOWN: usize = 6;

/// A mention being typed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Mentioning {
    /// What follows the `@`.
    pub query: String,
    /// The people Jira found for it.
    pub people: Vec<User>,
    /// The one chosen.
    pub selected: usize,
    /// Ticks left before the search is sent.
    pub search_in: Option<u8>,
}

/// The word after an `@` just before the cursor, if the cursor is at the end of one.
fn typed_query(c: &Composer) -> Option<String> {
    let ratatui_textarea::DataCursor(row, col) = c.editor.cursor();
    let line: Vec<char> = c.editor.lines().get(row)?.chars().collect();
    let before = &line[..col.min(line.len())];
    let at = before.iter().rposition(|&ch| ch == '@')?;
    let starts_word = at == 0 || before[at - 1].is_whitespace() || before[at - 1] == '(';
    let query: String = before[at + 1..].iter().collect();
    let wordy = query
        .chars()
        .all(|ch| ch.is_alphanumeric() || matches!(ch, '.' | '-' | '_'));
    (starts_word && wordy && !query.is_empty() && query.chars().count() <= 40).then_some(query)
}

/// After an edit: starts, follows or ends the mention being typed.
pub fn after_edit(c: &mut Composer) {
    match typed_query(c) {
        Some(query) => {
            let same = c.mentioning.as_ref().is_some_and(|m| m.query == query);
            if !same {
                let people = c.mentioning.take().map(|m| m.people).unwrap_or_default();
                c.mentioning = Some(Mentioning {
                    query,
                    people,
                    selected: 0,
                    search_in: Some(PAUSE),
                });
            }
        }
        None => c.mentioning = None,
    }
}

/// Keys the open list takes (↑/↓, Tab/Enter, Esc); false for any other key.
pub fn on_key(state: &mut State, key: &KeyEvent) -> bool {
    let deployment = state
        .session
        .as_ref()
        .and_then(|s| s.deployment)
        .unwrap_or(Deployment::Cloud);
    let Some(c) = composer_mut(state) else {
        return false;
    };
    let Some(m) = c.mentioning.as_mut() else {
        return false;
    };
    let found = m.people.len().min(SHOWN);
    match key.code {
        KeyCode::Esc => c.mentioning = None,
        KeyCode::Up if found > 0 => m.selected = m.selected.saturating_sub(1),
        KeyCode::Down if found > 0 => m.selected = (m.selected + 1).min(found - 1),
        KeyCode::Tab | KeyCode::Enter if found > 0 => {
            let person = m.people[m.selected.min(found - 1)].clone();
            let typed = m.query.chars().count();
            accept(c, &person, typed, deployment);
        }
        _ => return false,
    }
    true
}

/// Replaces `@query` with `@Display Name ` and remembers who that is.
fn accept(c: &mut Composer, person: &User, typed: usize, deployment: Deployment) {
    c.mentioning = None;
    let id = match deployment {
        Deployment::Cloud => person.account_id.clone(),
        Deployment::Dc => person.name.clone().or_else(|| person.key.clone()),
    };
    let name = crate::text::sanitize_line(person.label());
    for _ in 0..=typed {
        c.editor.delete_char();
    }
    c.editor.insert_str(format!("@{name} "));
    if let Some(id) = id
        && !c.mentions.iter().any(|m| m.name == name)
    {
        c.mentions.push(Mention { name, id });
    }
}

/// Time passed: the name is searched for once typing paused.
pub fn on_tick(state: &mut State, out: &mut Vec<Command>) {
    let Some(m) = composer_mut(state).and_then(|c| c.mentioning.as_mut()) else {
        return;
    };
    match m.search_in {
        Some(ticks) if ticks > 1 => m.search_in = Some(ticks - 1),
        Some(_) => {
            m.search_in = None;
            let query = m.query.clone();
            state.request(Slot::Mentions, RequestKind::Users { query }, out);
        }
        None => {}
    }
}

/// Whether a search waits for typing to pause.
pub fn counting_down(state: &State) -> bool {
    matches!(&state.overlay, Overlay::Compose(c)
        if c.mentioning.as_ref().is_some_and(|m| m.search_in.is_some()))
}

/// Jira found `people` for `query`: they fill the list if it is still that word.
pub fn found(state: &mut State, query: &str, people: Vec<User>) {
    if let Some(m) = composer_mut(state)
        .and_then(|c| c.mentioning.as_mut())
        .filter(|m| m.query == query)
    {
        m.people = people;
        m.selected = 0;
    }
}
