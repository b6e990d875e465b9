//! The one-line prompt over the screen: a filter name to save or rename to, a yes/no
//! confirmation (replace, delete), or the number of a link to open (handed to the detail).

use super::input::{Edit, LineInput};
use super::msg::{Command, FilterOp};
use super::state::{Notice, Overlay, State};
use crossterm::event::{KeyCode, KeyEvent};

/// What a prompt asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum PromptKind {
    /// A name to save `jql` under.
    SaveName {
        /// The query to save.
        jql: String,
    },
    /// Whether to replace the existing filter `name`.
    ConfirmOverwrite {
        /// The filter to save.
        name: String,
        /// Its query.
        jql: String,
    },
    /// A new name for filter `old`.
    Rename {
        /// The current name.
        old: String,
    },
    /// Whether to delete filter `name`.
    ConfirmDelete {
        /// The filter.
        name: String,
    },
    /// Whether to delete my comment `id` of `key`.
    ConfirmDeleteComment {
        /// The issue.
        key: String,
        /// The comment.
        id: String,
        /// Its first line, to say which.
        what: String,
    },
    /// Which of the issue's `count` numbered links to open.
    OpenLink {
        /// How many links there are.
        count: usize,
    },
}

/// A prompt over the screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    /// What it asks.
    pub kind: PromptKind,
    /// The typed answer (names).
    pub input: LineInput,
}

/// The overlay asking `kind`, its answer prefilled with `text`.
pub fn ask(kind: PromptKind, text: &str) -> Overlay {
    Overlay::Prompt(Prompt {
        kind,
        input: LineInput::with_text(text),
    })
}

/// Keys in a prompt.
pub fn on_key(state: &mut State, key: KeyEvent, out: &mut Vec<Command>) {
    let Overlay::Prompt(p) = &mut state.overlay else {
        return;
    };
    if matches!(p.kind, PromptKind::OpenLink { .. }) {
        return super::detail::on_link_key(state, key, out);
    }
    let confirm = matches!(
        p.kind,
        PromptKind::ConfirmOverwrite { .. }
            | PromptKind::ConfirmDelete { .. }
            | PromptKind::ConfirmDeleteComment { .. }
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
                PromptKind::ConfirmDeleteComment { key, id, .. } => {
                    super::compose::delete(state, key, id, out)
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
                state.fail(Notice::new("Type a name (1–64 characters)."));
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
