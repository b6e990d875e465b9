//! The saved-filters screen: jiratty's own filters and Jira's favourites ([`FiltersView`]),
//! running a filter (also with the number keys 1–9 from anywhere), saving, renaming, deleting
//! (their prompts are in [`super::prompt`]), copying a favourite and publishing.

use super::keymap::{Action, Context};
use super::msg::{Command, FilterFailure, FilterOp, FilterOutcome};
use super::state::{ListView, Notice, Overlay, Prompt, PromptKind, ReturnTo, Screen, Slot, State};
use crate::jira::JiraError;
use crate::worker::{RequestKind, Response};
use crossterm::event::{KeyCode, KeyEvent};

/// One entry of the filters screen.
#[derive(Debug, Clone, PartialEq)]
pub struct FilterEntry {
    /// Name.
    pub name: String,
    /// Query.
    pub jql: String,
    /// Description.
    pub description: Option<String>,
    /// Saved in jiratty (true) or one of Jira's favourites (false).
    pub local: bool,
}

/// The filters screen and the local filters the number keys run. The favourites and a
/// publish in flight are [`Slot::Favourites`] and [`Slot::Publish`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FiltersView {
    /// Local filters, most recently used first.
    pub local: Vec<FilterEntry>,
    /// Jira's favourite filters.
    pub remote: Vec<FilterEntry>,
    /// Why the favourites could not be loaded.
    pub remote_error: Option<Notice>,
    /// Selected entry: local ones first, then the favourites.
    pub selected: usize,
    /// Why the local store cannot be used (a broken file), if so.
    pub store_error: Option<Notice>,
    /// Whether the local filters have been read (they load at start, off the UI path).
    pub loaded: bool,
    /// A number key pressed before they were read: run that filter once they are.
    pub pending_number: Option<usize>,
}

impl FiltersView {
    /// The entry at position `at` (local first, then favourites).
    pub fn entry(&self, at: usize) -> Option<&FilterEntry> {
        self.local
            .get(at)
            .or_else(|| self.remote.get(at.checked_sub(self.local.len())?))
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.local.len() + self.remote.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Opens the filters screen (returning to the screen it is opened from) and refreshes both
/// sections.
pub fn open(state: &mut State, out: &mut Vec<Command>) {
    if !matches!(state.screen, Screen::Filters { .. }) {
        let back = match std::mem::replace(&mut state.screen, Screen::List) {
            Screen::Detail(d) => ReturnTo::Detail(d),
            _ => ReturnTo::List,
        };
        state.show(Screen::Filters { back });
    }
    state.filters.selected = 0;
    out.push(Command::Filters(FilterOp::Load));
    if state.session.is_some() {
        state.request(Slot::Favourites, RequestKind::Favourites, out);
        state.filters.remote_error = None;
    }
}

/// Goes back to where the filters screen was opened from.
fn close(state: &mut State) {
    let Screen::Filters { back } = std::mem::replace(&mut state.screen, Screen::List) else {
        return;
    };
    state.show(match back {
        ReturnTo::List => Screen::List,
        ReturnTo::Detail(d) => Screen::Detail(d),
    });
}

/// Runs a filter: its query in the list, its name in the header.
pub fn run(state: &mut State, entry: &FilterEntry, out: &mut Vec<Command>) {
    let mut list = ListView::new(&entry.jql);
    list.title = Some(entry.name.clone());
    state.close_overlay();
    super::list::replace(state, list);
    super::list::start_search(state, out);
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
            let how = state
                .keymap
                .key_for(Context::List, Action::Filters)
                .map_or(String::new(), |k| {
                    format!("; press {k} to see your filters")
                });
            state.fail(Notice::new(format!(
                "There is no saved filter {}{how}.",
                n + 1
            )));
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
                state.overlay = super::prompt::ask(
                    PromptKind::Rename {
                        old: e.name.clone(),
                    },
                    &e.name,
                )
            }
            Some(_) => state.fail(Notice::new(
                "Only jiratty's own filters can be renamed here.",
            )),
            None => {}
        },
        Action::Delete => match entry {
            Some(e) if e.local => {
                state.overlay = super::prompt::ask(PromptKind::ConfirmDelete { name: e.name }, "")
            }
            Some(_) => state.fail(Notice::new("Jira's favourites are managed on the site.")),
            None => {}
        },
        Action::CopyFilter => match entry {
            Some(e) if !e.local => out.push(Command::Filters(FilterOp::Save {
                name: e.name,
                jql: e.jql,
                description: e.description,
                overwrite: false,
            })),
            Some(_) => state.fail(Notice::new("This filter is already saved in jiratty.")),
            None => {}
        },
        Action::Publish => match entry {
            Some(e) if e.local => {
                state.request(
                    Slot::Publish,
                    RequestKind::Publish {
                        name: e.name,
                        jql: e.jql,
                        description: e.description,
                    },
                    out,
                );
            }
            Some(_) => state.fail(Notice::new("This filter is already on the site.")),
            None => {}
        },
        Action::Refresh => open(state, out),
        Action::Back => close(state),
        Action::Quit => state.quit = true,
        Action::Help => state.overlay = Overlay::Help,
        _ => {}
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
        Ok(Some(note)) => state.note(note),
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
        Err(FilterFailure::Other(notice)) => state.fail(notice),
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

/// Answers for the favourites ([`Slot::Favourites`]) and publishing ([`Slot::Publish`]).
pub fn on_answer(state: &mut State, slot: Slot, result: Result<Response, JiraError>) {
    if slot == Slot::Favourites {
        match result {
            Ok(Response::Favourites(list)) => {
                state.filters.remote = list.iter().map(entry_of).collect();
                state.filters.remote_error = None;
            }
            Ok(_) => {}
            Err(e) => state.filters.remote_error = Some(Notice::from(&e)),
        }
        return;
    }
    match result {
        Ok(Response::Published(f)) => {
            state.note(format!(
                "Published '{}' to Jira as filter {}",
                crate::text::sanitize_line(&f.name),
                f.id
            ));
            state.filters.remote.push(entry_of(&f));
        }
        Ok(_) => {}
        Err(e) => state.fail(Notice::from(&e)),
    }
}
