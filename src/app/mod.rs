//! The TUI core: the state, `update`, the key map, and the event loop that ties the terminal,
//! the worker and the views together.

pub mod input;
pub mod keymap;
pub mod logging;
pub mod login;
pub mod msg;
pub mod state;
mod terminal;
pub mod update;
#[cfg(test)]
mod update_tests;

use crate::jira::Client;
use crate::worker::{self, WorkerHandle};
use futures_util::StreamExt;
use msg::{Command, Msg};
use state::{Screen, Session, State};
use std::time::Duration;

/// How the TUI starts.
pub struct Launch {
    /// A logged-in client, or None for the login screen.
    pub client: Option<Client>,
    /// Who the client is logged in as (for the header).
    pub session: Option<Session>,
    /// The query the list opens on.
    pub jql: String,
    /// Prefill for the login form's site.
    pub site_hint: String,
    /// Prefill for the login form's user.
    pub user_hint: String,
    /// Key bindings.
    pub keymap: keymap::Keymap,
    /// Saves a login made on the login screen; returns a note for the status line.
    pub save_login: Box<dyn FnMut(&msg::LoginRecord) -> Result<String, String>>,
}

/// Runs the TUI until the user quits. The terminal is restored on every way out.
pub async fn run(launch: Launch) -> Result<(), String> {
    let Launch {
        client,
        session,
        jql,
        site_hint,
        user_hint,
        keymap,
        mut save_login,
    } = launch;
    let logged_in = client.is_some();
    let (worker, mut events) = worker::spawn(client);
    let screen = if logged_in {
        Screen::List
    } else {
        Screen::Login
    };
    let mut state = State::new(screen, &jql, keymap, chrono::Utc::now());
    state.session = session;
    state.login = state::LoginForm::new(&site_hint, &user_hint);
    let mut guard =
        terminal::Guard::enter().map_err(|e| format!("cannot set up the terminal: {e}"))?;
    if let Ok(size) = guard.terminal.size() {
        state.size = (size.width, size.height);
    }
    let mut pending = Vec::new();
    if logged_in {
        update::start_search(&mut state, &mut pending);
    } else if !state.login.site.is_empty() {
        // A known site: detect it right away.
        pending.extend(update::update(
            &mut state,
            Msg::Key(crossterm::event::KeyEvent::new(
                crossterm::event::KeyCode::Enter,
                crossterm::event::KeyModifiers::NONE,
            )),
        ));
    }
    execute(&mut state, &worker, pending, &mut save_login);
    let mut input = crossterm::event::EventStream::new();
    let mut tick = tokio::time::interval(Duration::from_millis(100));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut signals = terminal::Signals::new();
    let mut dirty = true;
    loop {
        if dirty {
            guard
                .terminal
                .draw(|frame| crate::ui::draw(frame, &state))
                .map_err(|e| format!("cannot draw: {e}"))?;
            dirty = false;
        }
        let busy = state.busy();
        let msg = tokio::select! {
            event = input.next() => match event {
                Some(Ok(event)) => match terminal::to_msg(event) {
                    Some(msg) => msg,
                    None => continue,
                },
                Some(Err(e)) => return Err(format!("cannot read the terminal: {e}")),
                None => break,
            },
            Some(event) = events.recv() => Msg::Worker(event),
            // The tick only runs while something is in flight: an idle jiratty uses no CPU.
            _ = tick.tick(), if busy => Msg::Tick(chrono::Utc::now()),
            _ = signals.recv() => break,
        };
        if let Msg::Resize(..) = msg {
            // Redraw from scratch on resize: some terminals leave debris otherwise.
            let _ = guard.terminal.clear();
        }
        let commands = update::update(&mut state, msg);
        execute(&mut state, &worker, commands, &mut save_login);
        dirty = true;
        if state.quit {
            break;
        }
    }
    drop(guard);
    Ok(())
}

fn execute(
    state: &mut State,
    worker: &WorkerHandle,
    commands: Vec<Command>,
    save_login: &mut Box<dyn FnMut(&msg::LoginRecord) -> Result<String, String>>,
) {
    for command in commands {
        match command {
            Command::Send(request) => {
                if let Err(e) = worker.send(request) {
                    state.status_error = Some(e.to_string());
                }
            }
            Command::OpenUrl(url) => {
                if let Err(e) = terminal::open_url(&url) {
                    state.status_note = None;
                    state.status_error = Some(e);
                }
            }
            Command::Copy(text) => {
                if let Err(e) = terminal::copy(&text) {
                    state.status_note = None;
                    state.status_error = Some(e);
                }
            }
            Command::SaveLogin(record) => match save_login(&record) {
                Ok(note) => state.status_note = Some(note),
                Err(e) => state.status_error = Some(e),
            },
        }
    }
}
