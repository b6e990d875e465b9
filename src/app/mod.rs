//! The TUI core: the state, `update`, the key map, and the event loop that ties the terminal,
//! the worker and the views together.

pub mod crash;
mod detail;
pub mod detail_layout;
pub mod editor;
mod filter_store;
pub mod filters;
pub mod input;
pub mod keymap;
mod list;
pub mod logging;
pub mod login;
pub mod msg;
pub mod row;
pub mod state;
mod terminal;
pub mod update;
#[cfg(test)]
mod update_tests;
pub mod wait;

use crate::jira::Client;
use crate::worker::{self, WorkerHandle};
use futures_util::StreamExt;
use msg::{Command, FilterOutcome, Msg};
use state::{Screen, Session, State};
use std::time::Duration;

/// Saves a login: profile and secret.
pub type SaveLogin =
    std::sync::Arc<dyn Fn(&msg::LoginRecord) -> Result<String, String> + Send + Sync>;

/// The site connection the TUI starts with.
pub enum Connection {
    /// None: the login screen.
    None,
    /// A client ready to use.
    Ready(Client),
    /// A client still being made — its secret read from the keyring or a command, its TLS
    /// roots loaded — on a thread of its own, started before the terminal is set up, so that
    /// it overlaps the first frame; the list's first requests wait for it. A failure shows the
    /// login screen with the reason.
    Pending(tokio::sync::oneshot::Receiver<Result<Client, ConnectFailure>>),
}

impl Connection {
    /// Starts making a client with `make` on a thread of its own.
    pub fn start(make: impl FnOnce() -> Result<Client, ConnectFailure> + Send + 'static) -> Self {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let spawned = std::thread::Builder::new()
            .name("jiratty-connect".into())
            .spawn(move || {
                // Nobody waits any more if the UI has already quit.
                let _ = tx.send(make());
            });
        // A thread that cannot start drops the sender: the receiver reports the failure.
        if let Err(e) = spawned {
            tracing::error!(error = %e, "cannot start the connecting thread");
        }
        Connection::Pending(rx)
    }
}

/// Why a pending connection could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectFailure {
    /// What is wrong.
    pub sentence: String,
    /// What to do.
    pub hint: Option<String>,
}

/// How the TUI starts.
pub struct Launch {
    /// The connection, or none for the login screen.
    pub client: Connection,
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
    /// Why the login screen is shown although a profile exists, for the status line.
    pub notice: Option<String>,
    /// The profile whose saved filters the TUI shows (and whose JQL history it keeps).
    pub filter_profile: String,
    /// The JQL history of that profile.
    pub history: crate::store::history::History,
    /// Saves a login made on the login screen; returns a note for the status line. It runs on
    /// a blocking thread (it writes files and talks to the keyring), never on the UI path.
    pub save_login: SaveLogin,
    /// The result cache of the profile (None: off, or no profile yet).
    pub cache: Option<crate::store::cache::ResultCache>,
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
        save_login,
        notice,
        filter_profile,
        history,
        cache,
    } = launch;
    let (saved_tx, mut saved_rx) = tokio::sync::mpsc::unbounded_channel::<Result<String, String>>();
    let (filters_tx, mut filters_rx) = tokio::sync::mpsc::unbounded_channel::<FilterOutcome>();
    let (laid_out_tx, mut laid_out_rx) = tokio::sync::mpsc::unbounded_channel();
    let ctx = Context {
        worker: None,
        save_login,
        saved_tx,
        filters_tx,
        laid_out_tx,
        filter_profile,
        cache: cache.clone(),
        writes: Vec::new(),
    };
    let logged_in = !matches!(client, Connection::None);
    let (failed_tx, mut failed_rx) = tokio::sync::mpsc::unbounded_channel::<ConnectFailure>();
    let (worker, mut events) = match client {
        Connection::None => worker::spawn(None),
        Connection::Ready(client) => worker::spawn(Some(client)),
        Connection::Pending(made) => worker::spawn_pending(tokio::spawn(async move {
            let failure = match made.await {
                Ok(Ok(client)) => return Some(client),
                Ok(Err(failure)) => failure,
                Err(_) => ConnectFailure {
                    sentence: "the connection could not be made (its thread stopped)".into(),
                    hint: Some("see the log file in the data directory".into()),
                },
            };
            let _ = failed_tx.send(failure);
            None
        })),
    };
    let mut ctx = Context {
        worker: Some(worker),
        ..ctx
    };
    let screen = if logged_in {
        Screen::List
    } else {
        Screen::Login
    };
    let mut state = State::new(screen, &jql, keymap, chrono::Utc::now());
    state.session = session;
    state.status_error = notice;
    state.history = history;
    state.login = state::LoginForm::new(&site_hint, &user_hint);
    let mut guard =
        terminal::Guard::enter().map_err(|e| format!("cannot set up the terminal: {e}"))?;
    if let Ok(size) = guard.terminal.size() {
        state.size = (size.width, size.height);
    }
    // The local filters, so that the number keys work from the start.
    let mut pending = vec![Command::Filters(msg::FilterOp::Load)];
    if logged_in {
        update::start_search(&mut state, &mut pending);
        // The last results of this query, on the first frame, until fresh ones arrive.
        if let Some(hit) = cache.as_ref().and_then(|c| c.load(&state.list.jql)) {
            update::show_cached(&mut state, hit);
        }
        let id = state.next_request_id();
        pending.push(Command::Send(worker::Request {
            id,
            kind: worker::RequestKind::AutocompleteData,
        }));
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
    execute(&mut state, &mut ctx, pending);
    let mut input = crossterm::event::EventStream::new();
    let mut tick = tokio::time::interval(Duration::from_millis(100));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut signals = terminal::Signals::new();
    let mut dirty = true;
    let hyperlinks = terminal::hyperlinks_supported();
    loop {
        if dirty {
            let frame = guard
                .terminal
                .draw(|frame| crate::ui::draw(frame, &state))
                .map_err(|e| format!("cannot draw: {e}"))?;
            let links = if hyperlinks {
                terminal::link_cells(frame.buffer, &crate::ui::visible_links(&state, frame.area))
            } else {
                Vec::new()
            };
            // A terminal that cannot take them still shows the same text: not fatal.
            if !links.is_empty()
                && let Err(e) = terminal::mark_links(&mut guard.terminal, &links)
            {
                tracing::debug!(error = %e, "cannot mark hyperlinks");
            }
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
            Some(saved) = saved_rx.recv() => Msg::Saved(saved),
            Some(outcome) = filters_rx.recv() => Msg::Filters(outcome),
            Some(failure) = failed_rx.recv() => Msg::ConnectFailed(failure),
            Some(layout) = laid_out_rx.recv() => Msg::LaidOut(layout),
            // The tick only runs while something is in flight: an idle jiratty uses no CPU.
            _ = tick.tick(), if busy => Msg::Tick(chrono::Utc::now()),
            _ = signals.recv() => break,
            // A task died: nothing it was doing will ever answer.
            report = guard.crashes.recv() => return Err(report.sentence()),
        };
        let commands = update::update(&mut state, msg);
        execute(&mut state, &mut ctx, commands);
        dirty = true;
        if state.quit {
            break;
        }
    }
    drop(guard);
    // Files being written (a filter just saved, the history, the result cache) are finished
    // before the process ends, within reason.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(3);
    for write in ctx.writes.drain(..) {
        if tokio::time::timeout_at(deadline, write).await.is_err() {
            tracing::warn!("a file write did not finish in time at exit");
            break;
        }
    }
    Ok(())
}

/// What executing commands needs.
struct Context {
    worker: Option<WorkerHandle>,
    save_login: SaveLogin,
    saved_tx: tokio::sync::mpsc::UnboundedSender<Result<String, String>>,
    filters_tx: tokio::sync::mpsc::UnboundedSender<FilterOutcome>,
    /// Where detail layouts built off the UI thread arrive.
    laid_out_tx: tokio::sync::mpsc::UnboundedSender<Box<detail_layout::DetailLayout>>,
    filter_profile: String,
    cache: Option<crate::store::cache::ResultCache>,
    /// Files being written on blocking threads, waited for at exit.
    writes: Vec<tokio::task::JoinHandle<()>>,
}

fn execute(state: &mut State, ctx: &mut Context, commands: Vec<Command>) {
    // Writes already done need no waiting for.
    ctx.writes.retain(|w| !w.is_finished());
    for command in commands {
        match command {
            Command::Send(request) => {
                let sent = match &ctx.worker {
                    Some(worker) => worker.send(request).map_err(|e| e.to_string()),
                    None => Err("the background worker is not running".to_string()),
                };
                if let Err(e) = sent {
                    state.status_error = Some(e);
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
            Command::SaveLogin(record) => {
                state.status_note = Some("Saving the profile…".to_string());
                let save = ctx.save_login.clone();
                let done = ctx.saved_tx.clone();
                ctx.writes.push(tokio::task::spawn_blocking(move || {
                    // The UI may have quit meanwhile; then nobody needs the note.
                    let _ = done.send(save(&record));
                }));
            }
            Command::SaveHistory(history) => {
                ctx.writes.push(tokio::task::spawn_blocking(move || {
                    if let Err(e) = history.save() {
                        tracing::warn!(error = %e, "cannot save the JQL history");
                    }
                }));
            }
            Command::CacheResults { jql, total, rows } => {
                if let Some(cache) = ctx.cache.clone() {
                    ctx.writes.push(tokio::task::spawn_blocking(move || {
                        if let Err(e) = cache.save(&jql, total, &rows, chrono::Utc::now()) {
                            tracing::warn!(error = %e, "cannot keep the results");
                        }
                    }));
                }
            }
            Command::LayOut(job) => {
                let done = ctx.laid_out_tx.clone();
                // A big issue takes longer than a frame to lay out: never on the UI path. Not
                // waited for at exit (it writes nothing).
                drop(tokio::task::spawn_blocking(move || {
                    let _ = done.send(Box::new(job.run()));
                }));
            }
            Command::Filters(op) => {
                let done = ctx.filters_tx.clone();
                let profile = ctx.filter_profile.clone();
                // File locks and writes: never on the UI path.
                ctx.writes.push(tokio::task::spawn_blocking(move || {
                    let _ = done.send(filter_store::run(&profile, op));
                }));
            }
        }
    }
}
