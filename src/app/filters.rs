//! The saved-filters part of `update`: the filters screen, the save/rename/delete prompts,
//! running a filter (also with the number keys 1–9), Jira's favourites and publishing.

use super::input::Edit;
use super::keymap::{Action, Context};
use super::msg::{Command, FilterFailure, FilterOp, FilterOutcome};
use super::state::*;
use super::update::start_search;
use crate::jira::JiraError;
use crate::worker::{Request, RequestId, RequestKind, Response};
use crossterm::event::{KeyCode, KeyEvent};

/// Opens the filters screen and refreshes both sections.
pub fn open(state: &mut State, out: &mut Vec<Command>) {
    if state.screen != Screen::Filters {
        state.filters_back = state.screen;
    }
    state.screen = Screen::Filters;
    state.filters.selected = 0;
    out.push(Command::Filters(FilterOp::Load));
    if state.session.is_some() {
        let id = state.next_request_id();
        out.push(Command::Send(Request {
            id,
            kind: RequestKind::Favourites,
        }));
        state.filters.remote_request = Some(id);
        state.filters.remote_error = None;
    }
}

/// Runs a filter: its query in the list, its name in the header.
pub fn run(state: &mut State, entry: &FilterEntry, out: &mut Vec<Command>) {
    state.list = ListView::new(&entry.jql);
    state.list.title = Some(entry.name.clone());
    state.screen = Screen::List;
    state.detail = None;
    state.overlay = Overlay::None;
    start_search(state, out);
    if entry.local {
        out.push(Command::Filters(FilterOp::MarkUsed {
            name: entry.name.clone(),
        }));
    }
}

/// Digits 1–9 run the first nine local filters; true when the key was one.
pub fn number_key(state: &mut State, key: &KeyEvent, out: &mut Vec<Command>) -> bool {
    let KeyCode::Char(c @ '1'..='9') = key.code else {
        return false;
    };
    let n = c as usize - '1' as usize;
    if !state.filters.loaded {
        // Typed right at start: honoured as soon as the filters are read.
        state.filters.pending_number = Some(n);
        return true;
    }
    run_number(state, n, out);
    true
}

fn run_number(state: &mut State, n: usize, out: &mut Vec<Command>) {
    match state.filters.local.get(n).cloned() {
        Some(entry) => run(state, &entry, out),
        None => {
            state.status_error = Some(format!(
                "There is no saved filter {}; press f to see your filters.",
                n + 1
            ));
        }
    }
}

/// Asks for a name to save the list's query under.
pub fn ask_save(state: &mut State) {
    let jql = state.list.jql.clone();
    let input = super::input::LineInput::with_text(state.list.title.as_deref().unwrap_or(""));
    state.overlay = Overlay::Prompt(Prompt {
        kind: PromptKind::SaveName { jql },
        input,
    });
}

fn prompt(kind: PromptKind, text: &str) -> Overlay {
    Overlay::Prompt(Prompt {
        kind,
        input: super::input::LineInput::with_text(text),
    })
}

/// Keys on the filters screen.
pub fn on_key(state: &mut State, key: KeyEvent, out: &mut Vec<Command>) {
    if number_key(state, &key, out) {
        return;
    }
    let Some(action) = state.keymap.action(Context::Filters, &key) else {
        return;
    };
    let len = state.filters.len();
    let selected = state.filters.selected;
    let entry = state.filters.entry(selected).cloned();
    match action {
        Action::Up | Action::ScrollUp => state.filters.selected = selected.saturating_sub(1),
        Action::Down | Action::ScrollDown => {
            state.filters.selected = (selected + 1).min(len.saturating_sub(1))
        }
        Action::Top => state.filters.selected = 0,
        Action::Bottom => state.filters.selected = len.saturating_sub(1),
        Action::Open => {
            if let Some(entry) = entry {
                run(state, &entry, out);
            }
        }
        Action::Rename => match entry {
            Some(e) if e.local => {
                state.overlay = prompt(
                    PromptKind::Rename {
                        old: e.name.clone(),
                    },
                    &e.name,
                )
            }
            Some(_) => {
                state.status_error = Some("Only jiratty's own filters can be renamed here.".into())
            }
            None => {}
        },
        Action::Delete => match entry {
            Some(e) if e.local => {
                state.overlay = prompt(PromptKind::ConfirmDelete { name: e.name }, "")
            }
            Some(_) => {
                state.status_error = Some("Jira's favourites are managed on the site.".into())
            }
            None => {}
        },
        Action::CopyFilter => match entry {
            Some(e) if !e.local => out.push(Command::Filters(FilterOp::Save {
                name: e.name,
                jql: e.jql,
                description: e.description,
                overwrite: false,
            })),
            Some(_) => state.status_error = Some("This filter is already saved in jiratty.".into()),
            None => {}
        },
        Action::Publish => match entry {
            Some(e) if e.local => {
                let id = state.next_request_id();
                out.push(Command::Send(Request {
                    id,
                    kind: RequestKind::Publish {
                        name: e.name,
                        jql: e.jql,
                        description: e.description,
                    },
                }));
                state.filters.publish_request = Some(id);
            }
            Some(_) => state.status_error = Some("This filter is already on the site.".into()),
            None => {}
        },
        Action::Refresh => open(state, out),
        Action::Back => state.screen = state.filters_back,
        Action::Quit => state.quit = true,
        Action::Help => state.overlay = Overlay::Help,
        _ => {}
    }
}

/// Keys in a prompt.
pub fn on_prompt_key(state: &mut State, key: KeyEvent, out: &mut Vec<Command>) {
    let Overlay::Prompt(p) = &mut state.overlay else {
        return;
    };
    if matches!(p.kind, PromptKind::OpenLink { .. }) {
        return super::detail::on_link_key(state, key, out);
    }
    let confirm = matches!(
        p.kind,
        PromptKind::ConfirmOverwrite { .. } | PromptKind::ConfirmDelete { .. }
    );
    if confirm {
        let yes = matches!(key.code, KeyCode::Char('y') | KeyCode::Char('Y'));
        let no = matches!(
            key.code,
            KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc
        );
        if !(yes || no) {
            return;
        }
        let kind = p.kind.clone();
        state.overlay = Overlay::None;
        if yes {
            match kind {
                PromptKind::ConfirmOverwrite { name, jql } => {
                    out.push(Command::Filters(FilterOp::Save {
                        name,
                        jql,
                        description: None,
                        overwrite: true,
                    }))
                }
                PromptKind::ConfirmDelete { name } => {
                    out.push(Command::Filters(FilterOp::Delete { name }))
                }
                _ => {}
            }
        }
        return;
    }
    match key.code {
        KeyCode::Esc => state.overlay = Overlay::None,
        KeyCode::Enter => {
            let name = p.input.text().trim().to_string();
            if name.is_empty() {
                state.status_error = Some("Type a name (1–64 characters).".into());
                return;
            }
            let kind = p.kind.clone();
            state.overlay = Overlay::None;
            match kind {
                PromptKind::SaveName { jql } => out.push(Command::Filters(FilterOp::Save {
                    name,
                    jql,
                    description: None,
                    overwrite: false,
                })),
                PromptKind::Rename { old } => {
                    out.push(Command::Filters(FilterOp::Rename { old, new: name }))
                }
                _ => {}
            }
        }
        _ => {
            let _: Edit = p.input.handle(&key);
        }
    }
}

/// The filter store answered.
pub fn on_outcome(state: &mut State, outcome: FilterOutcome, out: &mut Vec<Command>) {
    match outcome.list {
        Ok(list) => {
            state.filters.local = list;
            state.filters.store_error = None;
        }
        Err(e) => state.filters.store_error = Some(e),
    }
    state.filters.loaded = true;
    if let Some(n) = state.filters.pending_number.take() {
        run_number(state, n, out);
    }
    state.filters.selected = state
        .filters
        .selected
        .min(state.filters.len().saturating_sub(1));
    match outcome.result {
        Ok(Some(note)) => {
            state.status_error = None;
            state.status_note = Some(note);
        }
        Ok(None) => {}
        Err(FilterFailure::Duplicate(existing)) => {
            if let FilterOp::Save { jql, .. } = outcome.op {
                state.overlay = Overlay::Prompt(Prompt {
                    kind: PromptKind::ConfirmOverwrite {
                        name: existing,
                        jql,
                    },
                    input: Default::default(),
                });
            }
        }
        Err(FilterFailure::Other(e)) => state.status_error = Some(e),
    }
}

fn entry_of(f: &crate::jira::Filter) -> FilterEntry {
    use crate::text::sanitize_line;
    FilterEntry {
        name: sanitize_line(&f.name),
        jql: f.jql.clone(),
        description: f.description.as_deref().map(sanitize_line),
        local: false,
    }
}

/// Worker answers for the favourites and publishing; false when the id is not theirs.
pub fn on_worker(state: &mut State, id: RequestId, result: &Result<Response, JiraError>) -> bool {
    if state.filters.remote_request == Some(id) {
        state.filters.remote_request = None;
        match result {
            Ok(Response::Favourites(list)) => {
                state.filters.remote = list.iter().map(entry_of).collect();
                state.filters.remote_error = None;
            }
            Ok(_) => {}
            Err(e) => state.filters.remote_error = Some(crate::text::sanitize_line(&e.sentence())),
        }
        return true;
    }
    if state.filters.publish_request == Some(id) {
        state.filters.publish_request = None;
        match result {
            Ok(Response::Published(f)) => {
                state.status_note = Some(format!(
                    "Published '{}' to Jira as filter {}",
                    crate::text::sanitize_line(&f.name),
                    f.id
                ));
                state.filters.remote.push(entry_of(f));
            }
            Ok(_) => {}
            Err(e) => state.status_error = Some(crate::text::sanitize_line(&e.sentence())),
        }
        return true;
    }
    false
}
