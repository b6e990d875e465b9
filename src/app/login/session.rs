//! What the login form leads to: the credentials it describes, the methods it offers, which
//! field an error concerns, and the two ways out of the login screen — a login that
//! succeeded opens the list; a connection that could not be made at start brings it back.

use crate::app::msg::{Command, LoginRecord};
use crate::app::state::{ListView, LoginField, Notice, Screen, Session, Slot, State};
use crate::jira::{ClientOptions, Credentials, JiraError, Secret};
use crate::worker::methods_for;

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

/// After a successful login through the screen: remember the session, save it, open the list.
pub(super) fn logged_in(state: &mut State, record: LoginRecord, out: &mut Vec<Command>) {
    state.session = Some(Session {
        site: crate::jira::site::Site::parse(&record.site)
            .map_or(record.site.clone(), |s| s.as_str().to_string()),
        user: crate::text::sanitize_line(record.identity.user.label()),
        deployment: Some(record.identity.deployment),
    });
    out.push(Command::SaveLogin(Box::new(record)));
    let jql = state.list.jql.clone();
    crate::app::list::replace(state, ListView::new(&jql));
    crate::app::list::start_search(state, out);
}

/// The connection being made at start could not be: the login screen, prefilled, with the
/// reason in the status line; a known site is checked at once.
pub fn connect_failed(state: &mut State, failure: Notice, out: &mut Vec<Command>) {
    state.session = None;
    state.requests.cancel(Slot::Page);
    state.list = ListView::new(&state.list.jql.clone());
    state.close_overlay();
    state.show(Screen::Login);
    state.fail(failure);
    if !state.login.site.is_empty() {
        super::detect(state, out);
    }
}
