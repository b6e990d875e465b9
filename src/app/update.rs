//! `update`: the pure heart of the TUI. A message in, the state changed, commands out; no I/O.
//! This is only the router: each message goes to the screen or overlay that owns it (`list`,
//! `detail`, `login`, `filters`, `query`, `prompt`, `help`, `actions`), and nothing else
//! happens here.

use super::msg::{Command, Msg};
use super::state::{Overlay, Screen, Slot, State, Status};
use super::{
    actions, board, compose, detail, filters, form, freshness, help, list, login, prefetch, prompt,
    query, wait,
};
use crate::worker::WorkerEvent;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent};

/// Applies `msg` to `state` and returns what the event loop must do.
pub fn update(state: &mut State, msg: Msg) -> Vec<Command> {
    let mut out = Vec::new();
    let clock = match &msg {
        Msg::Tick(now) | Msg::Clock(now) => Some(*now),
        _ => None,
    };
    match msg {
        Msg::Key(key) if key.kind != KeyEventKind::Release => on_key(state, key, &mut out),
        Msg::Key(_) => {}
        Msg::Paste(text) => on_paste(state, &text, &mut out),
        Msg::Mouse(mouse) => on_mouse(state, mouse, &mut out),
        Msg::Resize(w, h) => {
            state.size = (w, h);
            list::keep_selection_visible(state);
            detail::after_move(state, &mut out);
        }
        Msg::Tick(now) => {
            state.now = now;
            state.spinner = state.spinner.wrapping_add(1);
            query::on_tick(state, &mut out);
            actions::on_tick(state, &mut out);
            compose::mention::on_tick(state, &mut out);
            form::on_tick(state, &mut out);
            prefetch::on_tick(state, &mut out);
            freshness::on_time(state, &mut out);
            detail::refresh_layout(state, &mut out);
        }
        Msg::Clock(now) => {
            state.now = now;
            freshness::on_time(state, &mut out);
            detail::refresh_layout(state, &mut out);
        }
        Msg::Focus(gained) => freshness::on_focus(state, gained, &mut out),
        Msg::Worker(event) => on_worker(state, event, &mut out),
        Msg::Saved(Ok(note)) => state.note(note),
        Msg::Saved(Err(notice)) => state.fail(notice),
        Msg::Filters(outcome) => filters::on_outcome(state, outcome, &mut out),
        Msg::DraftLoaded { key, draft } if form::create::is_memory(&key) => {
            form::create::memory_loaded(state, &key, draft.ok().flatten())
        }
        Msg::DraftLoaded { key, draft } => compose::draft_loaded(state, &key, draft),
        Msg::Edited { key, result } => compose::edited(state, &key, result, &mut out),
        Msg::LaidOut(layout) => detail::on_laid_out(state, *layout, &mut out),
        Msg::ConnectFailed(failure) => login::connect_failed(state, failure, &mut out),
    }
    wait::track(state, clock);
    out
}

fn on_key(state: &mut State, key: KeyEvent, out: &mut Vec<Command>) {
    // A note lasts until the next key; an error until something else is said.
    if matches!(state.status, Some(Status::Note(_))) {
        state.status = None;
    }
    // Ctrl-C always quits, whatever has focus.
    if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
        state.quit = true;
        return;
    }
    match &state.overlay {
        Overlay::Help => return help::on_key(state, key),
        Overlay::Query(_) => return query::on_key(state, key, out),
        Overlay::Prompt(_) => return prompt::on_key(state, key, out),
        Overlay::Pick(_) => return actions::on_key(state, key, out),
        Overlay::Compose(_) => return compose::on_key(state, key, out),
        Overlay::Form(_) => return form::on_key(state, key, out),
        Overlay::None => {}
    }
    match &state.screen {
        Screen::Login => login::on_key(state, key, out),
        Screen::List => list::on_key(state, key, out),
        Screen::Detail(_) => detail::on_key(state, key, out),
        Screen::Filters { .. } => filters::on_key(state, key, out),
        Screen::Board => board::on_key(state, key, out),
    }
}

fn on_paste(state: &mut State, text: &str, out: &mut Vec<Command>) {
    match (&state.overlay, &state.screen) {
        (Overlay::Query(_), _) => query::on_paste(state, text),
        (Overlay::Pick(_), _) => actions::on_paste(state, text),
        (Overlay::Compose(_), _) => compose::on_paste(state, text, out),
        (Overlay::Form(_), _) => form::on_paste(state, text),
        (_, Screen::Login) => login::on_paste(state, text),
        (_, Screen::Board) => {}
        _ => list::on_paste(state, text),
    }
}

fn on_mouse(state: &mut State, mouse: MouseEvent, out: &mut Vec<Command>) {
    if state.overlay != Overlay::None {
        return;
    }
    match &state.screen {
        Screen::List => list::on_mouse(state, mouse, out),
        Screen::Detail(_) => detail::on_mouse(state, mouse, out),
        Screen::Login | Screen::Filters { .. } | Screen::Board => {}
    }
}

fn on_worker(state: &mut State, event: WorkerEvent, out: &mut Vec<Command>) {
    let WorkerEvent { id, result } = event;
    match state.requests.answered(id) {
        Some(Slot::Page) => list::on_answer(state, result, out),
        Some(slot @ (Slot::Issue | Slot::Comments)) => {
            detail::on_answer(state, slot, id, result, out)
        }
        Some(slot @ (Slot::Query | Slot::Suggestions | Slot::CompletionData)) => {
            query::on_answer(state, slot, result, out)
        }
        Some(slot @ (Slot::Detect | Slot::LogIn)) => login::on_answer(state, slot, result, out),
        Some(slot @ (Slot::Favourites | Slot::Publish)) => filters::on_answer(state, slot, result),
        Some(Slot::Act) if form::owns(state, id) => form::edit::answered(state, result, out),
        Some(slot @ (Slot::Act | Slot::Me | Slot::Transitions | Slot::People | Slot::Refresh)) => {
            actions::on_answer(state, slot, form::edit::unowned(result), out)
        }
        Some(slot @ (Slot::Form | Slot::FormSearch | Slot::Create)) => {
            form::on_answer(state, slot, result, out)
        }
        Some(Slot::Post) => compose::on_answer(state, result, out),
        Some(Slot::Prefetch) => prefetch::on_answer(state, result, out),
        Some(slot @ (Slot::Freshen | Slot::FreshenIssue)) => {
            freshness::on_answer(state, slot, result, out)
        }
        Some(Slot::Roles) => compose::visibility::roles(state, result),
        Some(
            slot @ (Slot::Boards
            | Slot::BoardOpen
            | Slot::BoardPage
            | Slot::BoardAct
            | Slot::BoardCard),
        ) => board::on_answer(state, slot, result, out),
        Some(Slot::Mentions) => {
            if let Ok(crate::worker::Response::People { query, users }) = result {
                compose::mention::found(state, &query, users);
            }
        }
        // An answer to a request nobody waits for any more: dropped, but what completion can
        // learn from it is kept.
        None => query::on_late_answer(state, result),
    }
}
