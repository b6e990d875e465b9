//! The TUI core: the state, `update`, the key map, and the event loop that ties the terminal,
//! the worker and the views together. Only this loop calls `ui`.
//!
//! `update.rs` routes each message to the module that owns it: one module per screen or
//! overlay (`list`, `detail` with `detail_layout`, `login`, `query`, `filters`, `prompt`,
//! `help`), each holding its state type, its keys and its worker answers.

pub mod actions;
pub mod board;
pub mod clock;
pub mod compose;
pub mod crash;
pub mod detail;
pub mod detail_layout;
pub mod external;
mod filter_store;
pub mod filters;
pub mod form;
pub mod freshness;
pub mod help;
pub mod input;
pub mod keymap;
mod launch;
pub mod list;
pub mod logging;
pub mod login;
pub mod msg;
pub mod prefetch;
pub mod prompt;
pub mod query;
pub mod requests;
pub mod row;
pub mod share;
pub mod state;
mod terminal;
pub mod theme;
pub mod update;
#[cfg(test)]
mod update_tests;
pub mod wait;

pub use launch::{Connection, Launch, SaveLogin};

use crate::notice::Notice;
use crate::worker::{self, WorkerHandle};
use futures_util::StreamExt;
use msg::{Command, FilterOutcome, Msg};
use state::{Screen, State};
use std::time::Duration;

/// Runs the TUI until the user quits. The terminal is restored on every way out.
pub async fn run(launch: Launch) -> Result<(), Notice> {
    let Launch {
        client,
        session,
        jql,
        board,
        site_hint,
        user_hint,
        keymap,
        save_login,
        notice,
        filter_profile,
        history,
        cache,
        refresh,
    } = launch;
    let (saved_tx, mut saved_rx) = tokio::sync::mpsc::unbounded_channel::<Result<String, Notice>>();
    let (filters_tx, mut filters_rx) = tokio::sync::mpsc::unbounded_channel::<FilterOutcome>();
    let (laid_out_tx, mut laid_out_rx) = tokio::sync::mpsc::unbounded_channel();
    let (drafts_tx, mut drafts_rx) = tokio::sync::mpsc::unbounded_channel();
    let ctx = Context {
        worker: None,
        save_login,
        saved_tx,
        filters_tx,
        laid_out_tx,
        drafts: crate::store::drafts::Drafts::for_profile(&filter_profile),
        drafts_tx,
        editor: None,
        filter_profile,
        cache: cache.clone(),
        writes: Vec::new(),
    };
    let logged_in = !matches!(client, Connection::None);
    let (failed_tx, mut failed_rx) = tokio::sync::mpsc::unbounded_channel::<Notice>();
    let (worker, mut events) = match client {
        Connection::None => worker::spawn(None),
        Connection::Ready(client) => worker::spawn(Some(client)),
        Connection::Pending(made) => worker::spawn_pending(tokio::spawn(async move {
            let failure = match made.await {
                Ok(Ok(client)) => return Some(client),
                Ok(Err(failure)) => failure,
                Err(_) => Notice::hinted(
                    "the connection could not be made (its thread stopped)",
                    Some("see the log file in the data directory".into()),
                ),
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
    state.status = notice.map(state::Status::Error);
    state.history = history;
    state.freshness = freshness::Freshness::every(refresh);
    state.login = state::LoginForm::new(&site_hint, &user_hint);
    let mut guard = terminal::Guard::enter()
        .map_err(|e| Notice::new(format!("cannot set up the terminal: {e}")))?;
    if let Ok(size) = guard.terminal.size() {
        state.size = (size.width, size.height);
    }
    // The local filters, so that the number keys work from the start.
    let mut pending = vec![Command::Filters(msg::FilterOp::Load)];
    if logged_in {
        list::start_search(&mut state, &mut pending);
        // `--board` or the profile's board: the board opens over the list.
        if let Some(name) = board {
            board::open(&mut state, name, None, &mut pending);
        }
        // The last results of this query, on the first frame, until fresh ones arrive.
        if let Some(hit) = cache.as_ref().and_then(|c| c.load(&state.list.jql)) {
            list::show_cached(&mut state, hit);
        }
        state.request(
            state::Slot::CompletionData,
            worker::RequestKind::AutocompleteData,
            &mut pending,
        );
    } else if !state.login.site.is_empty() {
        // A known site: detect it right away.
        login::detect(&mut state, &mut pending);
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
                .map_err(|e| Notice::new(format!("cannot draw: {e}")))?;
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
        // A selection resting before it is read ahead needs the tick too (no spinner).
        let busy = state.busy() || prefetch::counting_down(&state);
        let mut commands = Vec::new();
        let msg = tokio::select! {
            event = input.next() => match event {
                Some(Ok(event)) => match terminal::to_msg(event) {
                    Some(msg) => {
                        // No tick runs while idle: a key moves the clock itself.
                        let [clock, msg] = clock::stamped(msg, chrono::Utc::now());
                        commands.extend(update::update(&mut state, clock));
                        msg
                    }
                    None => continue,
                },
                Some(Err(e)) => return Err(Notice::new(format!("cannot read the terminal: {e}"))),
                None => break,
            },
            Some(event) = events.recv() => Msg::Worker(event),
            Some(saved) = saved_rx.recv() => Msg::Saved(saved),
            Some(outcome) = filters_rx.recv() => Msg::Filters(outcome),
            Some(failure) = failed_rx.recv() => Msg::ConnectFailed(failure),
            Some(layout) = laid_out_rx.recv() => Msg::LaidOut(layout),
            Some((key, draft)) = drafts_rx.recv() => Msg::DraftLoaded { key, draft },
            // The tick only runs while something is in flight: an idle jiratty uses no CPU.
            _ = tick.tick(), if busy => Msg::Tick(chrono::Utc::now()),
            // Idle, the loop sleeps but for the turn of each minute (relative times move on).
            // A background refresh that is due wakes it too.
            _ = tokio::time::sleep(idle_wait(&state)), if !busy => {
                Msg::Clock(chrono::Utc::now())
            }
            _ = signals.recv() => break,
            // A task died: nothing it was doing will ever answer.
            report = guard.crashes.recv() => return Err(Notice::new(report.sentence())),
        };
        commands.extend(update::update(&mut state, msg));
        execute(&mut state, &mut ctx, commands);
        if let Some((key, text)) = ctx.editor.take() {
            // No event is read while the editor runs: every key is the editor's.
            drop(input);
            guard.suspend();
            let result = external::edit(&key, &text);
            guard
                .resume()
                .map_err(|e| Notice::new(format!("cannot take the terminal back: {e}")))?;
            input = crossterm::event::EventStream::new();
            let commands = update::update(&mut state, Msg::Edited { key, result });
            execute(&mut state, &mut ctx, commands);
        }
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

/// How long the idle loop sleeps: until the minute turns, or a refresh is due.
fn idle_wait(state: &State) -> Duration {
    let now = chrono::Utc::now();
    let minute = clock::until_next_minute(now);
    match freshness::next_due(state) {
        Some(due) => minute.min((due - now).to_std().unwrap_or(Duration::ZERO)),
        None => minute,
    }
}

/// What executing commands needs.
struct Context {
    worker: Option<WorkerHandle>,
    save_login: SaveLogin,
    saved_tx: tokio::sync::mpsc::UnboundedSender<Result<String, Notice>>,
    filters_tx: tokio::sync::mpsc::UnboundedSender<FilterOutcome>,
    /// Where detail layouts built off the UI thread arrive.
    laid_out_tx: tokio::sync::mpsc::UnboundedSender<Box<detail_layout::DetailLayout>>,
    filter_profile: String,
    cache: Option<crate::store::cache::ResultCache>,
    /// Where comment drafts are kept (None: no data dir).
    drafts: Option<crate::store::drafts::Drafts>,
    /// Where drafts read off the UI thread arrive.
    drafts_tx: tokio::sync::mpsc::UnboundedSender<(String, Result<Option<String>, Notice>)>,
    /// The external editor to run after this round of commands: issue and text.
    editor: Option<(String, String)>,
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
                    state.fail(Notice::new(e));
                }
            }
            Command::LoadDraft(key) => {
                let done = ctx.drafts_tx.clone();
                let drafts = ctx.drafts.clone();
                drop(tokio::task::spawn_blocking(move || {
                    let draft = match drafts {
                        Some(d) => d.load(&key).map_err(|e| Notice::new(e.to_string())),
                        None => Ok(None),
                    };
                    let _ = done.send((key, draft));
                }));
            }
            Command::SaveDraft { key, text } => match ctx.drafts.clone() {
                Some(drafts) => {
                    drafts.stage(&key, text);
                    let failed = ctx.saved_tx.clone();
                    ctx.writes.push(tokio::task::spawn_blocking(move || {
                        if let Err(e) = drafts.flush() {
                            tracing::warn!(error = %e, "cannot keep the comment draft");
                            let _ = failed.send(Err(Notice::hinted(
                                format!("the comment draft cannot be saved: {e}"),
                                Some("keep the editor open, or copy the text".into()),
                            )));
                        }
                    }));
                }
                None => state.fail(Notice::hinted(
                    "the draft cannot be kept: jiratty has no data directory",
                    Some("set JIRATTY_DATA_DIR".into()),
                )),
            },
            Command::ExternalEditor { key, text } => ctx.editor = Some((key, text)),
            Command::OpenUrl(url) => {
                if let Err(notice) = terminal::open_url(&url) {
                    state.fail(notice);
                }
            }
            Command::Copy(text) => {
                if let Err(notice) = terminal::copy(&text) {
                    state.fail(notice);
                }
            }
            Command::SaveLogin(record) => {
                state.note("Saving the profile…");
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
