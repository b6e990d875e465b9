//! Login flows (detection, errors on the right field, success), open/copy, Ctrl-C and paste.

use super::*;
use crate::jira::{CredentialProblem, Identity, ServerInfo, User};

fn login_state() -> State {
    let mut s = State::new(Screen::Login, DEFAULT_JQL, Keymap::default_map(), now());
    feed(&mut s, typing("https://acme.atlassian.net"));
    s
}

fn detected(s: &mut State, deployment_type: &str) {
    let sent = feed(s, [code(KeyCode::Enter)]);
    let [Command::Send(r)] = sent.as_slice() else {
        panic!("{sent:?}")
    };
    assert!(matches!(&r.kind, RequestKind::Detect { site } if site == SITE));
    let info = ServerInfo {
        base_url: SITE.into(),
        version: "1001.0.0".into(),
        deployment_type: Some(deployment_type.into()),
        ..ServerInfo::default()
    };
    update(s, answer(r.id, Ok(Response::Detected(info))));
}

/// Types a user and a secret and submits; returns the login request's id.
fn submit(s: &mut State, user: &str, secret: &str) -> RequestId {
    feed(s, typing(user));
    feed(s, [code(KeyCode::Tab)]);
    feed(s, typing(secret));
    let sent = feed(s, [code(KeyCode::Enter)]);
    let [Command::Send(r)] = sent.as_slice() else {
        panic!("{sent:?}")
    };
    let RequestKind::Login { credentials, .. } = &r.kind else {
        panic!("{r:?}")
    };
    assert_eq!(
        (credentials.user.as_str(), credentials.secret.expose()),
        (user, secret)
    );
    r.id
}

fn wrong(problem: CredentialProblem) -> JiraError {
    JiraError::WrongCredentials {
        problem,
        cloud: true,
    }
}

#[test]
fn detection_shows_the_fields_that_fit_cloud() {
    let mut s = login_state();
    detected(&mut s, "Cloud");
    assert_eq!(s.login.deployment, Some(Deployment::Cloud));
    assert_eq!(s.login.method, Some(crate::jira::AuthMethod::ApiToken));
    assert_eq!(s.login.focus, LoginField::User);
}

#[test]
fn a_login_error_lands_on_the_field_it_concerns() {
    let mut s = login_state();
    detected(&mut s, "Server");
    let id = submit(&mut s, "alice@example.com", "pw");
    update(
        &mut s,
        answer(id, Err(wrong(CredentialProblem::EmailWhereUsernameNeeded))),
    );
    assert_eq!(s.login.focus, LoginField::User);
    let (field, e) = s.login.error.as_ref().unwrap();
    assert_eq!(*field, LoginField::User);
    assert!(e.sentence.starts_with("Login failed"), "{e:?}");

    let mut s = login_state();
    detected(&mut s, "Cloud");
    let id = submit(&mut s, "alice@example.com", "my-password");
    update(
        &mut s,
        answer(id, Err(wrong(CredentialProblem::PasswordWhereTokenNeeded))),
    );
    assert_eq!(s.login.focus, LoginField::Secret);
    assert_eq!(s.login.error.as_ref().unwrap().0, LoginField::Secret);
    assert_eq!(s.screen, Screen::Login);
    assert!(!s.busy());
}

#[test]
fn logging_in_saves_the_login_and_opens_the_list() {
    let mut s = login_state();
    detected(&mut s, "Cloud");
    let id = submit(&mut s, "alice@example.com", "demo-api-token");
    let identity = Identity {
        user: User {
            display_name: Some("Alice Anderson".into()),
            ..User::default()
        },
        deployment: Deployment::Cloud,
        version: "1001.0.0".into(),
        gateway: None,
    };
    let out = update(&mut s, answer(id, Ok(Response::LoggedIn(identity))));
    assert_eq!(s.screen, Screen::List);
    let saved: Vec<_> = out
        .iter()
        .filter_map(|c| match c {
            Command::SaveLogin(r) => Some(r),
            _ => None,
        })
        .collect();
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].site, SITE);
    assert_eq!(saved[0].credentials.secret.expose(), "demo-api-token");
    assert_eq!(only_search(&out).1, DEFAULT_JQL);
    let session = s.session.as_ref().unwrap();
    assert_eq!(
        (session.site.as_str(), session.user.as_str()),
        (SITE, "Alice Anderson")
    );
    assert!(
        s.login.secret.is_empty(),
        "the secret is not kept in the form"
    );
}

#[test]
fn open_and_copy_give_the_issue_url() {
    let url = format!("{SITE}/browse/ACME-2");
    let mut s = loaded(5);
    feed(&mut s, [ch('j'), ch('j')]);
    let out = feed(&mut s, [ch('o'), ch('y'), ch('Y')]);
    let expected = [url.clone(), "ACME-2".to_string(), url.clone()];
    let got: Vec<String> = out
        .iter()
        .map(|c| match c {
            Command::OpenUrl(u) | Command::Copy(u) => u.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(got, expected);
    assert!(matches!(out[0], Command::OpenUrl(_)));
    assert_eq!(s.status_note(), Some(format!("Copied {url}").as_str()));
    // The same from the detail.
    feed(&mut s, [code(KeyCode::Enter)]);
    let out = feed(&mut s, [ch('Y')]);
    assert!(matches!(out.as_slice(), [Command::Copy(u)] if *u == url));
}

#[test]
fn ctrl_c_quits_from_anywhere() {
    let setups: Vec<(&str, Vec<Msg>)> = vec![
        ("list", vec![]),
        ("query overlay", vec![ch(':')]),
        ("help", vec![ch('?')]),
        ("quick filter", vec![ch('/'), ch('a')]),
        ("detail", vec![code(KeyCode::Enter)]),
    ];
    for (name, msgs) in setups {
        let mut s = loaded(3);
        feed(&mut s, msgs);
        assert!(!s.quit, "{name}");
        feed(&mut s, [ctrl('c')]);
        assert!(s.quit, "Ctrl-C quits from the {name}");
    }
    let mut s = login_state();
    feed(&mut s, [ctrl('c')]);
    assert!(s.quit, "Ctrl-C quits from the login screen");
}

#[test]
fn paste_goes_into_the_focused_input() {
    let mut s = loaded(3);
    feed(&mut s, [ch(':'), ctrl('u'), ch('x'), code(KeyCode::Left)]);
    update(&mut s, Msg::Paste("project = DOC AND ".into()));
    assert!(matches!(&s.overlay, Overlay::Query(q) if q.input.text() == "project = DOC AND x"));
    feed(&mut s, [code(KeyCode::Esc), ch('/')]);
    update(&mut s, Msg::Paste("ACME-2".into()));
    assert_eq!(visible_keys(&s), ["ACME-2"]);

    let mut s = login_state();
    detected(&mut s, "Cloud");
    feed(&mut s, [code(KeyCode::Tab)]);
    assert_eq!(s.login.focus, LoginField::Secret);
    update(&mut s, Msg::Paste("  tok-123\n".into()));
    assert_eq!(s.login.secret.text(), "tok-123");
    assert!(s.login.user.is_empty());
}

#[test]
fn a_number_typed_before_the_filters_are_read_runs_once_they_are() {
    use crate::app::msg::{FilterOp, FilterOutcome};
    let mut s = loaded(3);
    assert!(feed(&mut s, [ch('1')]).is_empty(), "nothing to run yet");
    assert_eq!(
        s.status_error(),
        None,
        "no complaint before the filters are read"
    );
    let entry = FilterEntry {
        name: "Mine".into(),
        jql: "project = OPS".into(),
        description: None,
        local: true,
    };
    let sent = update(
        &mut s,
        Msg::Filters(FilterOutcome {
            op: FilterOp::Load,
            list: Ok(vec![entry]),
            result: Ok(None),
        }),
    );
    assert_eq!(only_search(&sent).1, "project = OPS");
    assert_eq!(s.list.title.as_deref(), Some("Mine"));
    // Once read, a number without a filter says so at once.
    feed(&mut s, [ch('7')]);
    assert!(
        s.status_error()
            .as_deref()
            .unwrap()
            .contains("no saved filter 7")
    );
}

#[test]
fn a_connection_that_cannot_be_made_at_start_shows_the_login_screen_with_the_reason() {
    let mut s = loaded(3);
    s.login = LoginForm::new(SITE, "alice@example.com");
    let sent = update(
        &mut s,
        Msg::ConnectFailed(crate::notice::Notice {
            sentence: "no API token for profile work in the keyring".into(),
            hint: Some("run `jiratty login`".into()),
        }),
    );
    assert_eq!(s.screen, Screen::Login);
    assert_eq!(s.session, None);
    assert!(s.list.rows.is_empty());
    let error = s.status_error().unwrap();
    assert!(
        error.contains("no API token") && error.contains("jiratty login"),
        "{error}"
    );
    // The known site is checked at once, as when the login screen opens with one.
    assert!(
        matches!(sent.as_slice(), [Command::Send(r)] if matches!(&r.kind, RequestKind::Detect { site } if site == SITE)),
        "{sent:?}"
    );
}
