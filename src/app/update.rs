//! `update`: the pure heart of the TUI. A message in, the state changed, commands out. No I/O.

use super::input::Edit;
use super::keymap::{Action, Context};
use super::msg::{Command, LoginRecord, Msg};
use super::state::*;
use crate::jira::{ClientOptions, Credentials, JiraError, SearchRequest, Secret};
use crate::worker::{Request, RequestKind, Response, WorkerEvent, methods_for};
use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

/// Applies `msg` to `state` and returns what the event loop must do.
pub fn update(state: &mut State, msg: Msg) -> Vec<Command> {
    let mut out = Vec::new();
    match msg {
        Msg::Key(key) if key.kind != KeyEventKind::Release => on_key(state, key, &mut out),
        Msg::Key(_) => {}
        Msg::Paste(text) => on_paste(state, &text),
        Msg::Mouse(mouse) => on_mouse(state, mouse, &mut out),
        Msg::Resize(w, h) => {
            state.size = (w, h);
            keep_selection_visible(state);
            super::detail::after_move(state, &mut out);
        }
        Msg::Tick(now) => {
            state.now = now;
            state.spinner = state.spinner.wrapping_add(1);
            super::editor::on_tick(state, &mut out);
            super::detail::refresh_layout(state, &mut out);
        }
        Msg::Worker(event) => on_worker(state, event, &mut out),
        Msg::Saved(Ok(note)) => {
            state.status_error = None;
            state.status_note = Some(note);
        }
        Msg::Saved(Err(e)) => state.status_error = Some(e),
        Msg::Filters(outcome) => super::filters::on_outcome(state, outcome, &mut out),
        Msg::LaidOut(layout) => super::detail::on_laid_out(state, *layout, &mut out),
        Msg::ConnectFailed(failure) => {
            // The login screen, prefilled, with the reason; a known site is checked at once.
            state.session = None;
            state.list = ListView::new(&state.list.jql.clone());
            state.detail = None;
            state.overlay = Overlay::None;
            state.screen = Screen::Login;
            state.status_note = None;
            state.status_error = Some(match failure.hint {
                Some(hint) => format!("{} — {hint}", failure.sentence),
                None => failure.sentence,
            });
            if !state.login.site.is_empty() {
                out.extend(update(
                    state,
                    Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
                ));
            }
        }
    }
    out
}

pub(super) fn send(
    state: &mut State,
    kind: RequestKind,
    out: &mut Vec<Command>,
) -> crate::worker::RequestId {
    let id = state.next_request_id();
    out.push(Command::Send(Request { id, kind }));
    id
}

/// Starts the first page of the list's query.
pub fn start_search(state: &mut State, out: &mut Vec<Command>) {
    let mut request = SearchRequest::new(state.list.jql.clone());
    request.page_size = FIRST_PAGE_SIZE;
    let id = send(
        state,
        RequestKind::Search {
            request,
            cursor: None,
        },
        out,
    );
    state.list.request = Some(id);
    state.list.phase = Phase::Loading;
    state.list.page_error = None;
}

fn load_more_if_near_end(state: &mut State, out: &mut Vec<Command>) {
    let list = &state.list;
    let query_pending = matches!(&state.overlay, Overlay::Query(q) if q.request.is_some());
    let near_end = list.selected + 10 >= list.visible_len();
    if list.next.is_some()
        && list.request.is_none()
        && list.page_error.is_none()
        && near_end
        && !query_pending
    {
        let mut request = SearchRequest::new(list.jql.clone());
        request.page_size = PAGE_SIZE;
        let cursor = list.next.clone();
        let id = send(state, RequestKind::Search { request, cursor }, out);
        state.list.request = Some(id);
    }
}

/// Picks the list's loading up again after a query search superseded it (the worker aborted
/// the list's request for the query's).
pub(super) fn resume_list(state: &mut State, out: &mut Vec<Command>) {
    if state.list.request.is_some() {
        return;
    }
    if state.list.rows.is_empty() && state.list.phase == Phase::Loading {
        start_search(state, out);
    } else {
        load_more_if_near_end(state, out);
    }
}

fn keep_selection_visible(state: &mut State) {
    let height = state.list_height();
    let list = &mut state.list;
    let len = list.visible_len();
    if len == 0 {
        list.selected = 0;
        list.offset = 0;
        return;
    }
    list.selected = list.selected.min(len - 1);
    if list.selected < list.offset {
        list.offset = list.selected;
    } else if list.selected >= list.offset + height {
        list.offset = list.selected + 1 - height;
    }
    // Never leave empty rows below the end while earlier rows could fill them.
    list.offset = list.offset.min(len.saturating_sub(height));
}

fn move_selection(state: &mut State, to: usize, out: &mut Vec<Command>) {
    let len = state.list.visible_len();
    state.list.selected = if len == 0 { 0 } else { to.min(len - 1) };
    keep_selection_visible(state);
    load_more_if_near_end(state, out);
}

fn on_key(state: &mut State, key: KeyEvent, out: &mut Vec<Command>) {
    state.status_note = None;
    // Ctrl-C always quits, whatever has focus.
    if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
        state.quit = true;
        return;
    }
    match &state.overlay {
        Overlay::Help => {
            if matches!(
                key.code,
                KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('?') | KeyCode::Enter
            ) {
                state.overlay = Overlay::None;
            }
            return;
        }
        Overlay::Query(_) => return on_query_key(state, key, out),
        Overlay::Prompt(_) => return super::filters::on_prompt_key(state, key, out),
        Overlay::None => {}
    }
    match state.screen {
        Screen::Login => super::login::on_key(state, key, out),
        Screen::List => on_list_key(state, key, out),
        Screen::Detail => super::detail::on_key(state, key, out),
        Screen::Filters => super::filters::on_key(state, key, out),
    }
}

pub(super) fn open_query(state: &mut State) {
    state.overlay = Overlay::Query(QueryState::new(&state.list.jql));
}

fn on_query_key(state: &mut State, key: KeyEvent, out: &mut Vec<Command>) {
    super::editor::on_key(state, key, out);
}

fn on_paste(state: &mut State, text: &str) {
    match &mut state.overlay {
        Overlay::Query(q) => {
            q.input.insert_str(text);
            super::editor::refresh_popup(state);
        }
        _ if state.screen == Screen::Login => super::login::on_paste(state, text),
        _ => {
            if let Some(q) = state.list.quick.as_mut().filter(|q| q.editing) {
                q.input.insert_str(text);
                refilter(state);
            }
        }
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

fn on_list_key(state: &mut State, key: KeyEvent, out: &mut Vec<Command>) {
    if let Some(q) = state.list.quick.as_mut().filter(|q| q.editing) {
        match key.code {
            KeyCode::Esc => {
                state.list.quick = None;
                keep_selection_visible(state);
            }
            KeyCode::Enter => q.editing = false,
            KeyCode::Up | KeyCode::Down => {
                let to = if key.code == KeyCode::Up {
                    state.list.selected.saturating_sub(1)
                } else {
                    state.list.selected + 1
                };
                move_selection(state, to, out);
            }
            _ => {
                if q.input.handle(&key) == Edit::Changed {
                    refilter(state);
                }
            }
        }
        return;
    }
    if super::filters::number_key(state, &key, out) {
        return;
    }
    let Some(action) = state.keymap.action(Context::List, &key) else {
        return;
    };
    let page = state.list_height();
    let selected = state.list.selected;
    match action {
        Action::Up | Action::ScrollUp => move_selection(state, selected.saturating_sub(1), out),
        Action::Down | Action::ScrollDown => move_selection(state, selected + 1, out),
        Action::Top => move_selection(state, 0, out),
        Action::Bottom => move_selection(state, usize::MAX, out),
        Action::PageUp => move_selection(state, selected.saturating_sub(page), out),
        Action::PageDown => move_selection(state, selected + page, out),
        Action::Open => {
            if let Some(row) = state.list.selected_row() {
                let key = row.key().to_string();
                open_detail(state, key, out);
            }
        }
        Action::Back => {
            if state.list.quick.is_some() {
                state.list.quick = None;
                keep_selection_visible(state);
            }
        }
        Action::Refresh => start_search(state, out),
        Action::Quit => state.quit = true,
        Action::Query => open_query(state),
        Action::QuickFilter => {
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
        Action::Help => state.overlay = Overlay::Help,
        Action::OpenInBrowser | Action::CopyKey | Action::CopyUrl => {
            if let Some(key) = state.list.selected_row().map(|r| r.key().to_string()) {
                share(state, action, &key, out);
            }
        }
        Action::Filters => super::filters::open(state, out),
        Action::SaveFilter => super::filters::ask_save(state),
        Action::Rename
        | Action::Delete
        | Action::CopyFilter
        | Action::Publish
        | Action::OpenLink
        | Action::NextRelated
        | Action::PreviousRelated => {}
    }
}

fn browse_url(state: &State, key: &str) -> String {
    let site = state.session.as_ref().map_or("", |s| s.site.as_str());
    format!("{}/browse/{key}", site.trim_end_matches('/'))
}

pub(super) fn share(state: &mut State, action: Action, key: &str, out: &mut Vec<Command>) {
    let url = browse_url(state, key);
    match action {
        Action::OpenInBrowser => {
            state.status_note = Some(format!("Opening {key} in the browser"));
            out.push(Command::OpenUrl(url));
        }
        Action::CopyKey => {
            state.status_note = Some(format!("Copied {key}"));
            out.push(Command::Copy(key.to_string()));
        }
        _ => {
            state.status_note = Some(format!("Copied {url}"));
            out.push(Command::Copy(url));
        }
    }
}

fn open_detail(state: &mut State, key: String, out: &mut Vec<Command>) {
    super::detail::open(state, key, Vec::new(), out);
}

fn on_mouse(state: &mut State, mouse: crossterm::event::MouseEvent, out: &mut Vec<Command>) {
    if state.overlay != Overlay::None {
        return;
    }
    match (state.screen, mouse.kind) {
        (Screen::List, MouseEventKind::ScrollDown) => {
            move_selection(state, state.list.selected + 3, out)
        }
        (Screen::List, MouseEventKind::ScrollUp) => {
            move_selection(state, state.list.selected.saturating_sub(3), out)
        }
        (Screen::List, MouseEventKind::Down(MouseButton::Left)) if mouse.row >= LIST_TOP => {
            let at = state.list.offset + (mouse.row - LIST_TOP) as usize;
            if at < state.list.visible_len() {
                // A click selects; a click on the selected row opens it.
                if at == state.list.selected {
                    if let Some(key) = state.list.selected_row().map(|r| r.key().to_string()) {
                        open_detail(state, key, out);
                    }
                } else {
                    move_selection(state, at, out);
                }
            }
        }
        (Screen::Detail, MouseEventKind::ScrollDown) => super::detail::scroll_by(state, 3, out),
        (Screen::Detail, MouseEventKind::ScrollUp) => super::detail::scroll_by(state, -3, out),
        _ => {}
    }
}

fn on_worker(state: &mut State, event: WorkerEvent, out: &mut Vec<Command>) {
    let WorkerEvent { id, result } = event;
    // The query overlay's search.
    if let Overlay::Query(q) = &mut state.overlay
        && q.request == Some(id)
    {
        q.request = None;
        match result {
            Ok(Response::Page(page)) => {
                let jql = q.input.text().trim().to_string();
                super::editor::remember(state, &jql, out);
                state.overlay = Overlay::None;
                state.list = ListView::new(&jql);
                state.screen = Screen::List;
                state.detail = None;
                apply_page(state, page, out);
            }
            Ok(_) => {}
            Err(e) => {
                q.error = Some(ErrorView::from(&e));
                resume_list(state, out);
            }
        }
        return;
    }
    if state.list.request == Some(id) {
        state.list.request = None;
        match result {
            Ok(Response::Page(page)) => apply_page(state, page, out),
            Ok(_) => {}
            Err(e) => {
                let view = ErrorView::from(&e);
                if state.list.rows.is_empty() {
                    state.list.phase = Phase::Failed(view);
                } else {
                    state.status_error = Some(view.sentence.clone());
                    state.list.page_error = Some(view);
                    state.list.phase = Phase::Idle;
                }
            }
        }
        return;
    }
    if super::detail::waits_for(state, id) {
        super::detail::on_worker(state, id, result, out);
        return;
    }
    if super::filters::on_worker(state, id, &result) || super::editor::on_worker(state, id, &result)
    {
        return;
    }
    if state.login.detect_request == Some(id) || state.login.login_request == Some(id) {
        super::login::on_worker(state, id, result, out);
    }
    // Anything else answers a request nobody waits for any more: dropped.
}

fn apply_page(
    state: &mut State,
    page: crate::jira::SearchPage<crate::jira::ListIssue>,
    out: &mut Vec<Command>,
) {
    let list = &mut state.list;
    // Fresh results replace cached ones; the selection stays on its issue if it can.
    let mut keep = None;
    if list.cached.take().is_some() {
        keep = list.selected_row().map(|r| r.key().to_string());
        list.rows.clear();
        list.key_width = 0;
    }
    let first = list.rows.is_empty();
    list.push_rows(page.issues, Row::from_list_issue);
    list.total = page.total.or(list.total);
    list.next = page.next;
    list.phase = Phase::Idle;
    list.page_error = None;
    if first {
        list.selected = keep
            .and_then(|k| list.rows.iter().position(|r| r.key() == k))
            .unwrap_or(0);
        list.offset = 0;
        // The first page of a query is what the next start shows before the site answers.
        out.push(Command::CacheResults {
            jql: list.jql.clone(),
            total: list.total,
            rows: list.rows.iter().map(Row::to_stored).collect(),
        });
    }
    if let Some(q) = state.list.quick.as_mut() {
        // New rows: find the matches among all of them again.
        q.matched = None;
        let selected = state.list.selected;
        refilter(state);
        state.list.selected = selected;
    }
    keep_selection_visible(state);
    load_more_if_near_end(state, out);
}

/// Shows the kept results of the list's query until fresh ones arrive (they replace them).
pub fn show_cached(state: &mut State, cached: crate::store::cache::Cached<StoredRow>) {
    let list = &mut state.list;
    if cached.rows.is_empty() || !list.rows.is_empty() {
        return;
    }
    list.push_rows(cached.rows, Row::from_stored);
    list.total = cached.total;
    list.cached = Some(cached.saved);
}

/// After a successful login through the screen: remember the session, save it, open the list.
pub fn logged_in(state: &mut State, record: LoginRecord, out: &mut Vec<Command>) {
    state.session = Some(Session {
        site: crate::jira::site::Site::parse(&record.site)
            .map_or(record.site.clone(), |s| s.as_str().to_string()),
        user: crate::text::sanitize_line(record.identity.user.label()),
        deployment: Some(record.identity.deployment),
    });
    out.push(Command::SaveLogin(Box::new(record)));
    state.screen = Screen::List;
    state.list = ListView::new(&state.list.jql.clone());
    start_search(state, out);
}

/// The credentials the form describes.
pub fn form_credentials(state: &State) -> Option<(String, Credentials, ClientOptions)> {
    let form = &state.login;
    let method = form.method?;
    let user = if method.needs_user() {
        form.user.text().trim().to_string()
    } else {
        String::new()
    };
    let options = ClientOptions {
        deployment: form.deployment,
        ..ClientOptions::default()
    };
    Some((
        form.site.text().trim().to_string(),
        Credentials::new(method, user, Secret::new(form.secret.text())),
        options,
    ))
}

/// The methods offered for the detected deployment.
pub fn offered_methods(state: &State) -> &'static [crate::jira::AuthMethod] {
    state.login.deployment.map_or(&[], methods_for)
}

/// Which login field an error concerns.
pub fn error_field(e: &JiraError) -> LoginField {
    use crate::jira::CredentialProblem as P;
    match e {
        JiraError::WrongCredentials { problem, .. } => match problem {
            P::EmailWhereUsernameNeeded | P::UsernameWhereEmailNeeded => LoginField::User,
            _ => LoginField::Secret,
        },
        JiraError::Captcha { .. } => LoginField::Secret,
        JiraError::SsoLoginPage { .. } | JiraError::Unsupported(_) => LoginField::Method,
        _ => LoginField::Site,
    }
}
