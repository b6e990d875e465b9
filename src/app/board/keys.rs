//! Keys on the board screen (the `[board]` section of the key map), the quick filter's typing,
//! and the board and sprint pickers.

use super::model::{self, column_cards};
use super::{BoardView, Showing, moves};
use crate::app::actions::{self, Choice, Flow, Picker};
use crate::app::keymap::{Action, Context};
use crate::app::msg::Command;
use crate::app::state::{Notice, Overlay, Phase, Screen, Slot, State};
use crate::jira::agile::Board;
use crate::worker::RequestKind;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The narrowest a column is drawn (wider when there is room).
pub const MIN_COLUMN: u16 = 26;

/// A key on the board screen.
pub fn on_key(state: &mut State, key: KeyEvent, out: &mut Vec<Command>) {
    // A column move whose transition picker was closed is over.
    if let Some(view) = state.board.view.as_mut() {
        view.moving = None;
        if view.typing {
            return quick_key(view, key);
        }
    }
    // Shift-←/→ move the card like H/L (the key map does not tell shifted arrows apart).
    let shifted = key.modifiers.contains(KeyModifiers::SHIFT);
    let action = match key.code {
        KeyCode::Left if shifted => Some(Action::MoveLeft),
        KeyCode::Right if shifted => Some(Action::MoveRight),
        _ => state.keymap.action(Context::Board, &key),
    };
    let Some(action) = action else {
        return;
    };
    let width = state.size.0;
    let Some(view) = state.board.view.as_mut() else {
        if action == Action::Back {
            state.show(Screen::List);
        }
        return;
    };
    let selected_key = view.selected.clone();
    match action {
        Action::Up
        | Action::Down
        | Action::Top
        | Action::Bottom
        | Action::PageUp
        | Action::PageDown => step_card(view, action),
        Action::ColumnLeft | Action::ColumnRight => {
            let count = view.column_count();
            if count > 0 {
                view.column = if action == Action::ColumnLeft {
                    view.column.saturating_sub(1)
                } else {
                    (view.column + 1).min(count - 1)
                };
                let cards = column_cards(&view.lanes, view.column);
                view.selected = cards.first().map(|&i| view.issues[i].key.clone());
                scroll(view, width);
            }
        }
        Action::MoveLeft | Action::MoveRight => {
            let right = action == Action::MoveRight;
            moves::to_column(state, right, out);
        }
        Action::RankUp | Action::RankDown => moves::rank(state, action == Action::RankUp, out),
        Action::MoveToSprint => sprint_picker(state),
        Action::PreviousSprint | Action::NextSprint => {
            let views = view.views();
            let at = views.iter().position(|v| *v == view.showing).unwrap_or(0);
            let next = if action == Action::NextSprint {
                (at + 1).min(views.len().saturating_sub(1))
            } else {
                at.saturating_sub(1)
            };
            if let Some(&showing) = views.get(next)
                && showing != view.showing
            {
                view.showing = showing;
                view.selected = None;
                super::load(state, out);
            }
        }
        Action::QuickFilter => view.typing = true,
        Action::OnlyMine => {
            view.mine = !view.mine;
            if view.mine && state.actions.me.is_none() {
                state.request(Slot::Me, RequestKind::Myself, out);
            }
        }
        Action::Swimlanes => {
            view.grouping = view.grouping.next();
            view.relayout();
            let label = match view.grouping.label() {
                "" => "No swimlanes",
                l => l,
            };
            state.note(label);
        }
        Action::Zoom => view.zoom = !view.zoom,
        Action::Refresh => super::load(state, out),
        Action::Boards => open_picker(state, out),
        Action::Back => {
            state.board.from_board = false;
            state.show(Screen::List);
        }
        Action::Open => {
            if let Some(key) = selected_key {
                state.board.from_board = true;
                crate::app::detail::open(state, key, Vec::new(), out);
            }
        }
        Action::Transition
        | Action::Assign
        | Action::AssignToMe
        | Action::Watch
        | Action::Comment => {
            if let Some(key) = selected_key {
                actions::start(state, action, key, out);
            }
        }
        Action::Quit => state.quit = true,
        Action::Help => state.overlay = Overlay::Help,
        _ => {}
    }
}

/// Keeps the selected column in view after a move.
fn scroll(view: &mut BoardView, width: u16) {
    let (first, _) = model::visible_columns(
        view.column_count(),
        view.column,
        view.left,
        width,
        MIN_COLUMN,
    );
    view.left = first;
}

fn step_card(view: &mut BoardView, action: Action) {
    let cards = column_cards(&view.lanes, view.column);
    if cards.is_empty() {
        return;
    }
    let at = view
        .selected
        .as_ref()
        .and_then(|k| cards.iter().position(|&i| &view.issues[i].key == k))
        .unwrap_or(0);
    let last = cards.len() - 1;
    let to = match action {
        Action::Up => at.saturating_sub(1),
        Action::Down => (at + 1).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        Action::PageUp => at.saturating_sub(5),
        _ => (at + 5).min(last),
    };
    view.selected = Some(view.issues[cards[to]].key.clone());
}

/// The quick filter takes the keys: Enter keeps it, Esc clears it.
fn quick_key(view: &mut BoardView, key: KeyEvent) {
    match key.code {
        KeyCode::Enter => view.typing = false,
        KeyCode::Esc => {
            view.typing = false;
            view.quick.clear();
        }
        KeyCode::Backspace => {
            view.quick.pop();
        }
        KeyCode::Char(c)
            if !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                && view.quick.chars().count() < 80 =>
        {
            view.quick.push(c);
        }
        _ => {}
    }
}

/// Opens the board picker (`b`): the boards the user can see, recently opened first.
pub fn open_picker(state: &mut State, out: &mut Vec<Command>) {
    let picker = Picker::loading(
        " Boards ",
        "type a board or project · Enter open · Esc cancel",
    );
    state.overlay = actions::overlay(picker, Flow::Board { ids: Vec::new() });
    if state.board.boards.is_empty() {
        state.request(Slot::Boards, RequestKind::Boards, out);
    } else {
        let boards = state.board.boards.clone();
        fill_picker(state, boards);
        // Read them again: boards come and go.
        state.request(Slot::Boards, RequestKind::Boards, out);
    }
}

/// The boards arrived: the picker lists them, the recently opened first.
pub fn fill_picker(state: &mut State, mut boards: Vec<Board>) {
    let recent = state.board.recent.clone();
    boards.sort_by_key(|b| recent.iter().position(|&r| r == b.id).unwrap_or(usize::MAX));
    state.board.boards = boards.clone();
    let Some(p) = actions::pick_mut(state) else {
        return;
    };
    let Flow::Board { ids } = &mut p.flow else {
        return;
    };
    *ids = boards.iter().map(|b| b.id).collect();
    let choices = boards
        .iter()
        .enumerate()
        .map(|(index, b)| Choice {
            label: crate::text::sanitize_line(&b.name),
            detail: crate::text::sanitize_line(&format!(
                "{} · {}{}",
                b.kind,
                b.project_key,
                if recent.contains(&b.id) {
                    " · recent"
                } else {
                    ""
                }
            )),
            category: None,
            index,
        })
        .collect();
    p.picker
        .fill(choices, "You can see no boards on this site.");
}

/// The board list could not be read.
pub fn picker_failed(state: &mut State, notice: Notice) {
    if let Some(p) = actions::pick_mut(state)
        && matches!(p.flow, Flow::Board { .. })
    {
        p.picker.phase = Phase::Failed(notice);
    }
}

/// A board was chosen in the picker.
pub fn picked_board(state: &mut State, index: usize, out: &mut Vec<Command>) {
    let Some(p) = actions::pick_mut(state) else {
        return;
    };
    let Flow::Board { ids } = &p.flow else {
        return;
    };
    let Some(id) = ids.get(index).copied() else {
        return;
    };
    state.close_overlay();
    let board = state.board.boards.iter().find(|b| b.id == id).cloned();
    super::open(state, id.to_string(), board, out);
}

/// `M`: where to move the selected card — another open sprint or the backlog.
fn sprint_picker(state: &mut State) {
    let Some(view) = state.board.view.as_ref() else {
        return;
    };
    let Some(key) = view.selected.clone() else {
        return;
    };
    if !view.board.is_scrum() {
        state.note("A Kanban board has no sprints to move a card into.");
        return;
    }
    let mut targets: Vec<Option<u64>> = Vec::new();
    let mut choices = Vec::new();
    for (n, s) in view.sprints.iter().enumerate() {
        if view.showing == Showing::Sprint(n) {
            continue;
        }
        choices.push(Choice {
            label: crate::text::sanitize_line(&s.name),
            detail: crate::text::sanitize_line(&s.state),
            category: None,
            index: targets.len(),
        });
        targets.push(Some(s.id));
    }
    if view.showing != Showing::Backlog {
        choices.push(Choice {
            label: "Backlog".into(),
            detail: "out of the sprint".into(),
            category: None,
            index: targets.len(),
        });
        targets.push(None);
    }
    let mut picker = Picker::loading(
        format!(" Move {key} to "),
        "type to narrow · Enter move · Esc cancel",
    );
    picker.fill(choices, "There is no other sprint to move it to.");
    state.overlay = actions::overlay(picker, Flow::Sprint { key, targets });
}

/// A sprint (or the backlog) was chosen for a card.
pub fn picked_sprint(state: &mut State, index: usize, out: &mut Vec<Command>) {
    let Some(p) = actions::pick_mut(state) else {
        return;
    };
    let Flow::Sprint { key, targets } = &p.flow else {
        return;
    };
    let (key, Some(target)) = (key.clone(), targets.get(index).copied()) else {
        return;
    };
    state.close_overlay();
    moves::to_sprint(state, &key, target, out);
}
