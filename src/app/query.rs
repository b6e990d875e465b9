//! The query overlay (`:`): editing JQL, completion as you type (site data, debounced value
//! suggestions), running the query, and Jira's error with its position. History recall with
//! Up/Down and Ctrl-R is in `history`.

mod history;

use super::input::LineInput;
use super::msg::Command;
use super::state::{FIRST_PAGE_SIZE, ListView, Notice, Overlay, Slot, State};
use crate::jira::{JiraError, SearchRequest};
use crate::jql::complete::{self, Candidate};
use crate::worker::{RequestKind, Response};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The query overlay. Its search and suggestions in flight are [`Slot::Query`] and
/// [`Slot::Suggestions`].
#[derive(Debug, Clone, PartialEq)]
pub struct QueryState {
    /// The text being edited.
    pub input: LineInput,
    /// Why the server refused the last run.
    pub error: Option<QueryError>,
    /// The completion popup, when open.
    pub popup: Option<Popup>,
    /// Ctrl-R history search: what has been typed so far.
    pub history_search: Option<String>,
    /// Position in the history while recalling with Up/Down (or the Ctrl-R match).
    pub history_pos: Option<usize>,
    /// The user's own text, kept while browsing the history.
    pub draft: Option<String>,
    /// Value suggestions to ask for once typing pauses: (field, prefix, ticks left).
    pub pending_suggest: Option<(String, String, u8)>,
}

impl QueryState {
    /// An overlay holding `jql`.
    pub fn new(jql: &str) -> Self {
        QueryState {
            input: LineInput::with_text(jql),
            error: None,
            popup: None,
            history_search: None,
            history_pos: None,
            draft: None,
            pending_suggest: None,
        }
    }
}

/// The completion popup.
#[derive(Debug, Clone, PartialEq)]
pub struct Popup {
    /// Candidates, best first.
    pub items: Vec<crate::jql::complete::Candidate>,
    /// The highlighted one.
    pub selected: usize,
    /// The byte range of the text that accepting replaces.
    pub replace: std::ops::Range<usize>,
}

/// Why Jira refused a query: what it said, and where in the text it points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    /// What is wrong and what to do.
    pub notice: Notice,
    /// (line, character), 1-based, when Jira says.
    pub position: Option<(u32, u32)>,
}

impl From<&JiraError> for QueryError {
    fn from(e: &JiraError) -> Self {
        let position = match e {
            JiraError::BadJql {
                line: Some(l),
                character: Some(c),
                ..
            } => Some((*l, *c)),
            _ => None,
        };
        QueryError {
            notice: Notice::from(e),
            position,
        }
    }
}

/// Opens the overlay on the list's query.
pub fn open(state: &mut State) {
    state.overlay = Overlay::Query(QueryState::new(&state.list.jql));
}

/// Pasted text goes where the cursor is.
pub fn on_paste(state: &mut State, text: &str) {
    if let Some(q) = query(state) {
        q.input.insert_str(text);
        refresh_popup(state);
    }
}

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
    state.request(
        Slot::Suggestions,
        RequestKind::Suggestions { field, prefix },
        out,
    );
}

/// Answers to the overlay's requests: its search ([`Slot::Query`]), value suggestions
/// ([`Slot::Suggestions`]) and the site's completion data ([`Slot::CompletionData`]).
pub fn on_answer(
    state: &mut State,
    slot: Slot,
    result: Result<Response, JiraError>,
    out: &mut Vec<Command>,
) {
    if slot != Slot::Query {
        let suggested = matches!(result, Ok(Response::Suggestions { .. }));
        on_late_answer(state, result);
        if suggested {
            refresh_popup(state);
        }
        return;
    }
    let Some(q) = query(state) else {
        return;
    };
    match result {
        Ok(Response::Page(page)) => {
            let jql = q.input.text().trim().to_string();
            history::remember(state, &jql, out);
            state.close_overlay();
            super::list::replace(state, ListView::new(&jql));
            super::list::apply_page(state, page, out);
        }
        Ok(_) => {}
        Err(e) => {
            q.error = Some(QueryError::from(&e));
            super::list::resume_list(state, out);
        }
    }
}

/// An answer nobody waits for any more, or completion data: what completion learns from it
/// is kept (suggestions for a prefix typed before are good later); anything else is dropped.
pub fn on_late_answer(state: &mut State, result: Result<Response, JiraError>) {
    match result {
        Ok(Response::AutocompleteData(data)) => {
            state.completion = complete::CompletionData::from_site(&data);
        }
        Ok(Response::Suggestions {
            field,
            prefix,
            results,
        }) => state.suggestions.insert(&field, &prefix, results),
        // A failed suggestion request only means fewer suggestions.
        _ => {}
    }
}

/// Replaces the text, the popup closed.
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
    state.request(
        Slot::Query,
        RequestKind::Search {
            request,
            cursor: None,
        },
        out,
    );
    // The worker aborts a page load in flight for the new search.
    state.requests.cancel(Slot::Page);
    if let Some(q) = query(state) {
        q.error = None;
    }
}

/// Keys in the overlay.
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
            _ => history::search_key(state, &key),
        }
        return;
    }
    let popup_open = q.popup.as_ref().is_some_and(|p| !p.items.is_empty());
    match key.code {
        KeyCode::Esc if popup_open => q.popup = None,
        KeyCode::Esc => {
            let was_running = state.requests.contains(Slot::Query);
            state.close_overlay();
            if was_running {
                super::list::resume_list(state, out);
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
                history::recall(state, true);
            }
        }
        KeyCode::Down => {
            if !q.input.move_down() {
                history::recall(state, false);
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
