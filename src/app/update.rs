//! `update`: the pure heart of the TUI. A message in, the state changed, commands out. No I/O.

use super::input::Edit;
use super::keymap::{Action, Context};
use super::msg::{Command, LoginRecord, Msg};
use super::state::*;
use crate::jira::{ClientOptions, Credentials, JiraError, Secret};
use crate::worker::{Request, RequestKind, Response, WorkerEvent, methods_for};
use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

/// Applies `msg` to `state` and returns what the event loop must do.
pub fn update(state: &mut State, msg: Msg) -> Vec<Command> {
    let mut out = Vec::new();
    let tick = match &msg {
        Msg::Tick(now) => Some(*now),
        _ => None,
    };
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
    super::wait::track(state, tick);
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

pub(super) use super::list::resume_list;
use super::list::{keep_selection_visible, move_selection};
pub use super::list::{refilter, show_cached, start_search};

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
                super::list::apply_page(state, page, out);
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
        super::list::on_answer(state, result, out);
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
