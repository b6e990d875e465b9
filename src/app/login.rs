//! The login screen: its form ([`LoginForm`]), site detection as soon as the site is entered,
//! the fields that fit Cloud or Server/DC, and errors attached to the field they concern.
//! What a login leads to (the session, the saved profile) is in `session`.

mod session;

pub use session::connect_failed;

use super::input::{Edit, LineInput};
use super::msg::{Command, LoginRecord};
use super::state::{Notice, Slot, State};
use crate::jira::{AuthMethod, Deployment, JiraError};
use crate::worker::{RequestKind, Response};
use crossterm::event::{KeyCode, KeyEvent};

/// Fields of the login form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginField {
    /// Site URL.
    Site,
    /// Authentication method.
    Method,
    /// E-mail or username.
    User,
    /// Token, password or cookie.
    Secret,
}

/// The login form. Detection and login in flight are [`Slot::Detect`] and [`Slot::LogIn`].
#[derive(Debug, Clone, PartialEq)]
pub struct LoginForm {
    /// Site URL.
    pub site: LineInput,
    /// E-mail or username.
    pub user: LineInput,
    /// The secret (shown masked).
    pub secret: LineInput,
    /// Chosen method.
    pub method: Option<AuthMethod>,
    /// Detected deployment.
    pub deployment: Option<Deployment>,
    /// The version the site reported.
    pub version: String,
    /// The site text detection ran for.
    pub detected_site: String,
    /// Focused field.
    pub focus: LoginField,
    /// The last error and the field it concerns.
    pub error: Option<(LoginField, Notice)>,
}

impl LoginForm {
    /// An empty form, prefilled with a site when one is known.
    pub fn new(site: &str, user: &str) -> Self {
        LoginForm {
            site: LineInput::with_text(site),
            user: LineInput::with_text(user),
            secret: LineInput::default(),
            method: None,
            deployment: None,
            version: String::new(),
            detected_site: String::new(),
            focus: LoginField::Site,
            error: None,
        }
    }

    /// The fields shown for the chosen method, in focus order.
    pub fn visible_fields(&self) -> Vec<LoginField> {
        let mut fields = vec![LoginField::Site];
        if self.deployment.is_some() {
            fields.push(LoginField::Method);
            if self.method.is_some_and(AuthMethod::needs_user) {
                fields.push(LoginField::User);
            }
            fields.push(LoginField::Secret);
        }
        fields
    }
}

/// Checks what the typed site is (Cloud or Server/DC, and its version): the fields that fit it
/// follow. Called when the site is entered, and at start for a site already known.
pub fn detect(state: &mut State, out: &mut Vec<Command>) {
    let site = state.login.site.text().trim().to_string();
    if site.is_empty() {
        state.login.error = Some((
            LoginField::Site,
            Notice::hinted(
                "Enter the address you open Jira with in a browser.",
                Some(
                    "For example https://your-company.atlassian.net or https://jira.example.com"
                        .into(),
                ),
            ),
        ));
        return;
    }
    state.request(
        Slot::Detect,
        RequestKind::Detect { site: site.clone() },
        out,
    );
    state.login.detected_site = site;
    state.login.error = None;
}

fn submit(state: &mut State, out: &mut Vec<Command>) {
    let Some((site, credentials, options)) = session::form_credentials(state) else {
        return;
    };
    if credentials.method.needs_user() && credentials.user.is_empty() {
        state.login.focus = LoginField::User;
        state.login.error = Some((
            LoginField::User,
            Notice::new(format!("Enter your {}.", credentials.method.user_label())),
        ));
        return;
    }
    if credentials.secret.is_empty() {
        state.login.focus = LoginField::Secret;
        state.login.error = Some((
            LoginField::Secret,
            Notice::new(format!("Enter your {}.", credentials.method.secret_label())),
        ));
        return;
    }
    state.request(
        Slot::LogIn,
        RequestKind::Login {
            site,
            credentials,
            options,
        },
        out,
    );
    state.login.error = None;
}

fn move_focus(state: &mut State, forward: bool) {
    let fields = state.login.visible_fields();
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
    let methods = session::offered_methods(state);
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
    if state.requests.contains(Slot::LogIn) {
        // Logging in: only Esc (cancel waiting) is taken.
        if key.code == KeyCode::Esc {
            state.requests.cancel(Slot::LogIn);
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
                    state.requests.cancel(Slot::Detect);
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

/// Answers to detection ([`Slot::Detect`]) and login ([`Slot::LogIn`]).
pub fn on_answer(
    state: &mut State,
    slot: Slot,
    result: Result<Response, JiraError>,
    out: &mut Vec<Command>,
) {
    if slot == Slot::Detect {
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
                state.login.error = Some((LoginField::Site, Notice::from(&e)));
            }
        }
        return;
    }
    match result {
        Ok(Response::LoggedIn(identity)) => {
            if let Some((site, credentials, _)) = session::form_credentials(state) {
                state.login.secret = Default::default();
                session::logged_in(
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
            let field = session::error_field(&e);
            state.login.focus = field;
            state.login.error = Some((field, Notice::from(&e)));
        }
    }
}
