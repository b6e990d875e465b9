//! The JQL editor's part of `update`: editing, completion as you type (site data, debounced
//! value suggestions), history recall with Up/Down and Ctrl-R, running the query.

use super::msg::Command;
use super::state::*;
use crate::jira::{JiraError, SearchRequest};
use crate::jql::complete::{self, Candidate};
use crate::worker::{Request, RequestId, RequestKind, Response};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Ticks (100 ms each) of quiet typing before value suggestions are asked for.
const SUGGEST_DELAY_TICKS: u8 = 2;

fn query(state: &mut State) -> Option<&mut QueryState> {
    match &mut state.overlay {
        Overlay::Query(q) => Some(q),
        _ => None,
    }
}

/// Recomputes the popup for the text and cursor, and schedules value suggestions.
pub fn refresh_popup(state: &mut State) {
    update_popup(state, false);
}

/// Like [`refresh_popup`]; `forced` (Tab, Ctrl-Space) opens the popup even with nothing typed
/// where a field or keyword starts — otherwise it stays shut there, so Up/Down recall history.
fn update_popup(state: &mut State, forced: bool) {
    let Overlay::Query(q) = &mut state.overlay else {
        return;
    };
    let text = q.input.text();
    let ctx = complete::context_at(&text, q.input.byte_cursor());
    let wanted = complete::suggestion_request(&ctx);
    let cached = wanted
        .as_ref()
        .and_then(|(f, p)| state.suggestions.lookup(f, p));
    let values = cached.as_ref().map(|c| c.results.as_slice());
    let items: Vec<Candidate> = complete::candidates(&ctx, &state.completion, values);
    let selected = q
        .popup
        .as_ref()
        .map_or(0, |p| p.selected)
        .min(items.len().saturating_sub(1));
    let quiet_start = matches!(
        ctx,
        complete::CompletionContext::Field { .. }
            | complete::CompletionContext::Keyword { .. }
            | complete::CompletionContext::OrderField { .. }
    ) && ctx.prefix().is_empty();
    q.popup = match ctx.replace() {
        Some(replace) if !items.is_empty() && (forced || !quiet_start) => Some(Popup {
            items,
            selected,
            replace,
        }),
        _ => None,
    };
    q.pending_suggest = match (wanted, cached) {
        (Some((field, prefix)), None) => Some((field, prefix, SUGGEST_DELAY_TICKS)),
        (Some((field, prefix)), Some(c)) if !c.complete => {
            Some((field, prefix, SUGGEST_DELAY_TICKS))
        }
        _ => None,
    };
}

/// A tick: sends the suggestions request once typing has paused.
pub fn on_tick(state: &mut State, out: &mut Vec<Command>) {
    let Some(q) = query(state) else {
        return;
    };
    let Some((field, prefix, ticks)) = q.pending_suggest.take() else {
        return;
    };
    if ticks > 1 {
        q.pending_suggest = Some((field, prefix, ticks - 1));
        return;
    }
    let id = state.next_request_id();
    out.push(Command::Send(Request {
        id,
        kind: RequestKind::Suggestions { field, prefix },
    }));
    if let Some(q) = query(state) {
        q.suggest_request = Some(id);
    }
}

/// Worker answers for the editor: suggestions and the site's autocomplete data.
pub fn on_worker(state: &mut State, id: RequestId, result: &Result<Response, JiraError>) -> bool {
    match result {
        Ok(Response::AutocompleteData(data)) => {
            state.completion = complete::CompletionData::from_site(data);
            true
        }
        Ok(Response::Suggestions {
            field,
            prefix,
            results,
        }) => {
            state.suggestions.insert(field, prefix, results.clone());
            let current = query(state).is_some_and(|q| q.suggest_request == Some(id));
            if current {
                if let Some(q) = query(state) {
                    q.suggest_request = None;
                }
                refresh_popup(state);
            }
            true
        }
        // A failed suggestion request only means fewer suggestions.
        Err(_) if query(state).is_some_and(|q| q.suggest_request == Some(id)) => {
            if let Some(q) = query(state) {
                q.suggest_request = None;
            }
            true
        }
        _ => false,
    }
}

fn set_text(q: &mut QueryState, text: &str) {
    q.input.set_text(text, text.len());
    q.popup = None;
}

fn accept(state: &mut State) {
    let Some(q) = query(state) else {
        return;
    };
    let Some(popup) = q.popup.take() else {
        return;
    };
    let Some(candidate) = popup.items.get(popup.selected) else {
        return;
    };
    let (text, cursor) = complete::apply(&q.input.text(), popup.replace.clone(), candidate);
    q.input.set_text(&text, cursor);
    q.error = None;
    refresh_popup(state);
}

fn run(state: &mut State, out: &mut Vec<Command>) {
    let Some(q) = query(state) else {
        return;
    };
    let jql = q.input.text().trim().to_string();
    q.popup = None;
    q.history_search = None;
    let mut request = SearchRequest::new(jql);
    request.page_size = FIRST_PAGE_SIZE;
    let id = state.next_request_id();
    out.push(Command::Send(Request {
        id,
        kind: RequestKind::Search {
            request,
            cursor: None,
        },
    }));
    // The worker aborts a page load in flight for the new search.
    state.list.request = None;
    if let Some(q) = query(state) {
        q.request = Some(id);
        q.error = None;
    }
}

fn recall(state: &mut State, older: bool) {
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

fn history_search_key(state: &mut State, key: &KeyEvent) {
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

/// Keys in the editor.
pub fn on_key(state: &mut State, key: KeyEvent, out: &mut Vec<Command>) {
    let Some(q) = query(state) else {
        return;
    };
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    let shift = key.modifiers.contains(KeyModifiers::SHIFT);
    if q.history_search.is_some() {
        match key.code {
            KeyCode::Esc | KeyCode::Enter | KeyCode::Tab => {
                q.history_search = None;
                q.history_pos = None;
            }
            _ => history_search_key(state, &key),
        }
        return;
    }
    let popup_open = q.popup.as_ref().is_some_and(|p| !p.items.is_empty());
    match key.code {
        KeyCode::Esc if popup_open => q.popup = None,
        KeyCode::Esc => {
            let was_running = q.request.is_some();
            state.overlay = Overlay::None;
            if was_running {
                super::update::resume_list(state, out);
            }
        }
        KeyCode::Enter if alt || shift => {
            q.input.insert_newline();
            refresh_popup(state);
        }
        KeyCode::Enter => run(state, out),
        KeyCode::Tab if popup_open => accept(state),
        KeyCode::Tab => update_popup(state, true),
        KeyCode::Up | KeyCode::Down if popup_open => {
            if let Some(p) = q.popup.as_mut() {
                let n = p.items.len();
                p.selected = if key.code == KeyCode::Up {
                    (p.selected + n - 1) % n
                } else {
                    (p.selected + 1) % n
                };
            }
        }
        KeyCode::Up => {
            if !q.input.move_up() {
                recall(state, true);
            }
        }
        KeyCode::Down => {
            if !q.input.move_down() {
                recall(state, false);
            }
        }
        KeyCode::Char('r') if ctrl => {
            q.history_search = Some(String::new());
            q.history_pos = None;
            q.popup = None;
        }
        KeyCode::Char(' ') if ctrl => update_popup(state, true),
        _ => {
            if q.input.handle(&key) == super::input::Edit::Changed {
                q.error = None;
                q.history_pos = None;
                refresh_popup(state);
            }
        }
    }
}

/// A query the editor ran came back with results: remember it.
pub fn remember(state: &mut State, jql: &str, out: &mut Vec<Command>) {
    state.history.push(jql);
    out.push(Command::SaveHistory(Box::new(state.history.clone())));
}
