//! The board screen: a Jira board with the site's own columns, cards in rank order, the
//! active sprint (or another sprint, or the backlog) of a Scrum board and the issues of a
//! Kanban board. `b` in the list opens the board picker. Keys are in `keys`, moving and
//! ranking cards in `moves` (a move to another column is a transition, through the actions'
//! own picker and required-fields screens), what is shown in `model`.

mod keys;
pub mod model;
mod moves;

pub use keys::{MIN_COLUMN, on_key, open_picker, picked_board, picked_sprint};
pub use model::{Lane, Lanes};
pub use moves::{narrow_transitions, settled, show_change};

use super::msg::Command;
use super::state::{Notice, Phase, Screen, Slot, State};
use crate::jira::JiraError;
use crate::jira::agile::{Board, BoardConfig, BoardIssue, BoardIssuePage, IssueScope, Sprint};
use crate::worker::{RequestKind, Response};

/// The most issues a board loads.
pub const BOARD_LIMIT: usize = 10_000;

/// What the board screen remembers, open or not.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BoardState {
    /// The board shown (or being opened).
    pub view: Option<BoardView>,
    /// Boards opened, the latest first (the picker offers them first).
    pub recent: Vec<u64>,
    /// The boards the picker last listed.
    pub boards: Vec<Board>,
    /// The detail view was opened from the board: Esc there comes back here.
    pub from_board: bool,
}

/// What a board shows: a sprint, the backlog or all of its issues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Showing {
    /// Sprint `n` of the board's open sprints.
    Sprint(usize),
    /// The backlog.
    Backlog,
    /// Every issue (Kanban).
    All,
}

/// A change to a card the board waits for Jira to confirm (a rank, a sprint move).
#[derive(Debug, Clone, PartialEq)]
pub struct BoardPending {
    /// The card.
    pub key: String,
    /// The cards as they were, put back if Jira refuses.
    pub before: Vec<BoardIssue>,
    /// What the status line says on success and on failure.
    pub done: String,
    /// What it says on failure, before Jira's reason.
    pub failed: String,
}

/// A card being moved to another column, while the transition is chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct Moving {
    /// The card.
    pub key: String,
    /// The column it goes to.
    pub column: usize,
}

/// An open board.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardView {
    /// The board (its name, kind, project).
    pub board: Board,
    /// Its columns and estimation; `None` until loaded.
    pub config: Option<BoardConfig>,
    /// Its open sprints (active first, then future).
    pub sprints: Vec<Sprint>,
    /// What is shown.
    pub showing: Showing,
    /// The issues loaded, in rank order.
    pub issues: Vec<BoardIssue>,
    /// How many there are in all.
    pub total: u64,
    /// Loading, failed or idle.
    pub phase: Phase,
    /// The column of each loaded issue (see [`model::columns_of`]).
    pub columns: Vec<Option<usize>>,
    /// The cards grouped in lanes.
    pub lanes: Vec<Lane>,
    /// The selected column.
    pub column: usize,
    /// The selected card's key.
    pub selected: Option<String>,
    /// The first column drawn (horizontal scroll).
    pub left: usize,
    /// Grouping into swimlanes.
    pub grouping: Lanes,
    /// One column full width.
    pub zoom: bool,
    /// The quick filter's text (cards that do not match are dimmed).
    pub quick: String,
    /// The quick filter takes keys.
    pub typing: bool,
    /// Only my issues stay bright.
    pub mine: bool,
    /// Cards whose change is pending.
    pub pending: Vec<String>,
    /// The board change in flight.
    pub waiting: Option<BoardPending>,
    /// A column move waiting for its transition to be chosen.
    pub moving: Option<Moving>,
    /// Statuses of cards moved to another column, before the move (to put them back).
    pub moved: Vec<(String, BoardIssue)>,
}

impl BoardView {
    /// A board being opened.
    pub fn new(board: Board) -> Self {
        BoardView {
            board,
            config: None,
            sprints: Vec::new(),
            showing: Showing::All,
            issues: Vec::new(),
            total: 0,
            phase: Phase::Loading,
            columns: Vec::new(),
            lanes: Vec::new(),
            column: 0,
            selected: None,
            left: 0,
            grouping: Lanes::None,
            zoom: false,
            quick: String::new(),
            typing: false,
            mine: false,
            pending: Vec::new(),
            waiting: None,
            moving: None,
            moved: Vec::new(),
        }
    }

    /// How many columns the board has.
    pub fn column_count(&self) -> usize {
        self.config.as_ref().map_or(0, |c| c.columns.len())
    }

    /// Works out columns and lanes again after the issues or the grouping changed.
    pub fn relayout(&mut self) {
        let Some(config) = &self.config else {
            return;
        };
        self.columns = model::columns_of(config, &self.issues);
        self.lanes = model::lanes(
            &self.columns,
            config.columns.len(),
            &self.issues,
            self.grouping,
        );
        self.column = self.column.min(config.columns.len().saturating_sub(1));
        let cards = model::column_cards(&self.lanes, self.column);
        let still_here = self
            .selected
            .as_ref()
            .is_some_and(|k| cards.iter().any(|&i| &self.issues[i].key == k));
        if !still_here {
            self.selected = cards.first().map(|&i| self.issues[i].key.clone());
        }
    }

    /// The index of the selected card among the issues.
    pub fn selected_index(&self) -> Option<usize> {
        let key = self.selected.as_ref()?;
        self.issues.iter().position(|i| &i.key == key)
    }

    /// The scope of what is shown, for the agile API.
    pub fn scope(&self) -> IssueScope {
        match self.showing {
            Showing::Sprint(n) => self
                .sprints
                .get(n)
                .map_or(IssueScope::Backlog, |s| IssueScope::Sprint(s.id)),
            Showing::Backlog => IssueScope::Backlog,
            Showing::All => IssueScope::All,
        }
    }

    /// The sprint shown, if a sprint is.
    pub fn sprint(&self) -> Option<&Sprint> {
        match self.showing {
            Showing::Sprint(n) => self.sprints.get(n),
            _ => None,
        }
    }

    /// What can be shown, in `[`/`]` order: the open sprints then the backlog (Scrum), all
    /// issues then the backlog (Kanban).
    pub fn views(&self) -> Vec<Showing> {
        if self.board.is_scrum() {
            (0..self.sprints.len())
                .map(Showing::Sprint)
                .chain([Showing::Backlog])
                .collect()
        } else {
            vec![Showing::All, Showing::Backlog]
        }
    }

    /// The board's estimation field, if it estimates.
    pub fn estimate_field(&self) -> Option<String> {
        self.config
            .as_ref()
            .and_then(|c| c.estimation_field.clone())
    }
}

/// Opens the board named `name_or_id` (the picker's choice, `--board`, a profile's board).
pub fn open(state: &mut State, name_or_id: String, board: Option<Board>, out: &mut Vec<Command>) {
    let shown = board.unwrap_or_else(|| Board {
        name: name_or_id.clone(),
        ..Board::default()
    });
    state.board.view = Some(BoardView::new(shown));
    state.board.from_board = false;
    state.requests.cancel(Slot::BoardPage);
    state.request(Slot::BoardOpen, RequestKind::BoardOpen { name_or_id }, out);
    state.show(Screen::Board);
}

/// Loads what the board shows from the first page (the pages after it follow by themselves).
pub fn load(state: &mut State, out: &mut Vec<Command>) {
    let Some(view) = state.board.view.as_mut() else {
        return;
    };
    view.phase = Phase::Loading;
    view.issues.clear();
    view.moved.clear();
    view.relayout();
    let kind = RequestKind::BoardIssues {
        board: view.board.id,
        scope: view.scope(),
        start_at: 0,
        estimate_field: view.estimate_field(),
        jql: None,
    };
    state.request(Slot::BoardPage, kind, out);
}

/// Answers for the board: the board opened, a page of its issues, a board change, the board
/// list for the picker.
pub fn on_answer(
    state: &mut State,
    slot: Slot,
    result: Result<Response, JiraError>,
    out: &mut Vec<Command>,
) {
    match (slot, result) {
        (Slot::BoardOpen, Ok(Response::BoardOpened(opened))) => {
            let (board, config, sprints) = *opened;
            let Some(view) = state.board.view.as_mut() else {
                return;
            };
            state.board.recent.retain(|&id| id != board.id);
            state.board.recent.insert(0, board.id);
            state.board.recent.truncate(10);
            view.showing = if board.is_scrum() {
                if sprints.is_empty() {
                    Showing::Backlog
                } else {
                    Showing::Sprint(0)
                }
            } else {
                Showing::All
            };
            view.board = board;
            view.config = Some(config);
            view.sprints = sprints;
            load(state, out);
        }
        (Slot::BoardPage, Ok(Response::BoardIssues(page))) => on_page(state, page, out),
        (Slot::BoardOpen | Slot::BoardPage, Err(e)) => {
            if let Some(view) = state.board.view.as_mut() {
                view.phase = Phase::Failed(Notice::from(&e));
            }
        }
        (Slot::BoardAct, result) => moves::answered(state, result.err(), out),
        (Slot::BoardCard, Ok(Response::BoardIssues(page))) => moves::reread(state, page),
        (Slot::Boards, Ok(Response::Boards(boards))) => keys::fill_picker(state, boards),
        (Slot::Boards, Err(e)) => keys::picker_failed(state, Notice::from(&e)),
        _ => {}
    }
}

fn on_page(state: &mut State, page: BoardIssuePage, out: &mut Vec<Command>) {
    let Some(view) = state.board.view.as_mut() else {
        return;
    };
    let next = page.next_start();
    view.total = page.total;
    // A page that starts where the loaded issues end is added; any other is a stale repeat.
    if page.start_at == view.issues.len() as u64 {
        let known: std::collections::HashSet<String> =
            view.issues.iter().map(|i| i.key.clone()).collect();
        view.issues
            .extend(page.issues.into_iter().filter(|i| !known.contains(&i.key)));
    }
    view.relayout();
    // The first page: the selection starts on the first card of the first column with any.
    if page.start_at == 0 && view.selected.is_none() {
        let first = (0..view.column_count())
            .map(|c| model::column_cards(&view.lanes, c))
            .enumerate()
            .find(|(_, cards)| !cards.is_empty());
        if let Some((column, cards)) = first {
            view.column = column;
            view.selected = Some(view.issues[cards[0]].key.clone());
        }
    }
    match next {
        Some(start_at)
            if view.issues.len() < BOARD_LIMIT && start_at == view.issues.len() as u64 =>
        {
            let kind = RequestKind::BoardIssues {
                board: view.board.id,
                scope: view.scope(),
                start_at,
                estimate_field: view.estimate_field(),
                jql: None,
            };
            view.phase = Phase::Idle;
            state.request(Slot::BoardPage, kind, out);
        }
        _ => view.phase = Phase::Idle,
    }
}

/// The screen the detail view returns to when its way back is empty.
pub fn screen_behind(state: &State) -> Screen {
    if state.board.from_board && state.board.view.is_some() {
        Screen::Board
    } else {
        Screen::List
    }
}

#[cfg(test)]
mod tests;
