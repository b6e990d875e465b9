//! The login screen's part of `update`: site detection as soon as the site is entered, the
//! fields that fit Cloud or Server/DC, and errors attached to the field they concern.

use super::input::Edit;
use super::msg::{Command, LoginRecord};
use super::state::{ErrorView, LoginField, State};
use super::update::{error_field, form_credentials, logged_in, offered_methods};
use crate::jira::{AuthMethod, JiraError};
use crate::worker::{Request, RequestId, RequestKind, Response};
use crossterm::event::{KeyCode, KeyEvent};

/// The fields shown for the chosen method, in focus order.
pub fn visible_fields(state: &State) -> Vec<LoginField> {
    let mut fields = vec![LoginField::Site];
    if state.login.deployment.is_some() {
        fields.push(LoginField::Method);
        if state.login.method.is_some_and(AuthMethod::needs_user) {
            fields.push(LoginField::User);
        }
        fields.push(LoginField::Secret);
    }
    fields
}

fn detect(state: &mut State, out: &mut Vec<Command>) {
    let site = state.login.site.text().trim().to_string();
    if site.is_empty() {
        state.login.error = Some((
            LoginField::Site,
            ErrorView {
                sentence: "Enter the address you open Jira with in a browser.".into(),
                hint: Some(
                    "For example https://your-company.atlassian.net or https://jira.example.com"
                        .into(),
                ),
                position: None,
            },
        ));
        return;
    }
    let id = state.next_request_id();
    out.push(Command::Send(Request {
        id,
        kind: RequestKind::Detect { site: site.clone() },
    }));
    state.login.detect_request = Some(id);
    state.login.detected_site = site;
    state.login.error = None;
}

fn submit(state: &mut State, out: &mut Vec<Command>) {
    let Some((site, credentials, options)) = form_credentials(state) else {
        return;
    };
    if credentials.method.needs_user() && credentials.user.is_empty() {
        state.login.focus = LoginField::User;
        state.login.error = Some((
            LoginField::User,
            ErrorView {
                sentence: format!("Enter your {}.", credentials.method.user_label()),
                hint: None,
                position: None,
            },
        ));
        return;
    }
    if credentials.secret.is_empty() {
        state.login.focus = LoginField::Secret;
        state.login.error = Some((
            LoginField::Secret,
            ErrorView {
                sentence: format!("Enter your {}.", credentials.method.secret_label()),
                hint: None,
                position: None,
            },
        ));
        return;
    }
    let id = state.next_request_id();
    out.push(Command::Send(Request {
        id,
        kind: RequestKind::Login {
            site,
            credentials,
            options,
        },
    }));
    state.login.login_request = Some(id);
    state.login.error = None;
}

fn move_focus(state: &mut State, forward: bool) {
    let fields = visible_fields(state);
    let at = fields
        .iter()
        .position(|f| *f == state.login.focus)
        .unwrap_or(0);
    let next = if forward {
        (at + 1).min(fields.len() - 1)
    } else {
        at.saturating_sub(1)
    };
    state.login.focus = fields[next];
}

fn cycle_method(state: &mut State, forward: bool) {
    let methods = offered_methods(state);
    if methods.is_empty() {
        return;
    }
    let at = state
        .login
        .method
        .and_then(|m| methods.iter().position(|x| *x == m))
        .unwrap_or(0);
    let next = if forward {
        (at + 1) % methods.len()
    } else {
        (at + methods.len() - 1) % methods.len()
    };
    state.login.method = Some(methods[next]);
    state.login.error = None;
}

/// Keys on the login screen.
pub fn on_key(state: &mut State, key: KeyEvent, out: &mut Vec<Command>) {
    if state.login.login_request.is_some() {
        // Logging in: only Esc (cancel waiting) is taken.
        if key.code == KeyCode::Esc {
            state.login.login_request = None;
        }
        return;
    }
    let focus = state.login.focus;
    match key.code {
        KeyCode::Esc => state.quit = true,
        KeyCode::Tab | KeyCode::Down => {
            if focus == LoginField::Site
                && state.login.site.text().trim() != state.login.detected_site
            {
                detect(state, out);
            } else {
                move_focus(state, true);
            }
        }
        KeyCode::BackTab | KeyCode::Up => move_focus(state, false),
        KeyCode::Enter => match focus {
            LoginField::Site => detect(state, out),
            LoginField::Secret => submit(state, out),
            _ => move_focus(state, true),
        },
        KeyCode::Left | KeyCode::Right | KeyCode::Char(' ') if focus == LoginField::Method => {
            cycle_method(state, key.code != KeyCode::Left);
        }
        _ => {
            let input = match focus {
                LoginField::Site => &mut state.login.site,
                LoginField::User => &mut state.login.user,
                LoginField::Secret => &mut state.login.secret,
                LoginField::Method => return,
            };
            if input.handle(&key) == Edit::Changed {
                if state.login.error.as_ref().is_some_and(|(f, _)| *f == focus) {
                    state.login.error = None;
                }
                if focus == LoginField::Site
                    && state.login.site.text().trim() != state.login.detected_site
                {
                    // A different site: what was detected no longer applies.
                    state.login.deployment = None;
                    state.login.method = None;
                    state.login.detect_request = None;
                }
            }
        }
    }
}

/// Pasted text goes into the focused field.
pub fn on_paste(state: &mut State, text: &str) {
    let text = text.trim();
    match state.login.focus {
        LoginField::Site => state.login.site.insert_str(text),
        LoginField::User => state.login.user.insert_str(text),
        LoginField::Secret => state.login.secret.insert_str(text),
        LoginField::Method => {}
    }
}

/// Answers to detection and login.
pub fn on_worker(
    state: &mut State,
    id: RequestId,
    result: Result<Response, JiraError>,
    out: &mut Vec<Command>,
) {
    if state.login.detect_request == Some(id) {
        state.login.detect_request = None;
        match result {
            Ok(Response::Detected(info)) => {
                let deployment = info.deployment();
                state.login.deployment = Some(deployment);
                state.login.version = crate::text::sanitize_line(&info.version);
                let methods = crate::worker::methods_for(deployment);
                if !state.login.method.is_some_and(|m| methods.contains(&m)) {
                    state.login.method = methods.first().copied();
                }
                let needs_user = state.login.method.is_some_and(AuthMethod::needs_user);
                state.login.focus = if needs_user && state.login.user.is_empty() {
                    LoginField::User
                } else {
                    LoginField::Secret
                };
            }
            Ok(_) => {}
            Err(e) => {
                state.login.deployment = None;
                state.login.method = None;
                state.login.error = Some((LoginField::Site, ErrorView::from(&e)));
            }
        }
        return;
    }
    if state.login.login_request == Some(id) {
        state.login.login_request = None;
        match result {
            Ok(Response::LoggedIn(identity)) => {
                if let Some((site, credentials, _)) = form_credentials(state) {
                    state.login.secret = Default::default();
                    logged_in(
                        state,
                        LoginRecord {
                            site,
                            credentials,
                            identity,
                        },
                        out,
                    );
                }
            }
            Ok(_) => {}
            Err(e) => {
                let field = error_field(&e);
                state.login.focus = field;
                state.login.error = Some((field, ErrorView::from(&e)));
            }
        }
    }
}
