//! The demo site's Jira Software side: boards (a Scrum board for ACME, a Kanban board for OPS
//! with a backlog column, a Scrum board over ACME and DOC), their column configuration, the
//! sprints of the Scrum boards (closed, active and future, with goals and dates), each issue's
//! sprints (the Sprint custom field) and the rank order (the Rank field, `ORDER BY Rank`).
//!
//! The Sprint field is `customfield_10020` on Cloud and `customfield_10007` on Server/DC (the id
//! a Server site that added Jira Software early has; Server/DC serves its values in the old
//! `com.atlassian.greenhopper.service.sprint.Sprint@…[…]` string form). Rank is
//! `customfield_10019` on Cloud and `customfield_10009` on Server/DC.
//!
//! What changes (sprint membership, rank) lives on the issues themselves, so every change goes
//! through [`super::Site::write`] and is seen by JQL at once.

mod build;
mod issues;
mod json;
pub mod moves;
mod routes;

pub use build::build;
pub use json::{rank_value, sprint_field_value as sprint_value};
pub use moves::{AgileError, move_to_backlog, move_to_sprint, rank};
pub use routes::routes;

use super::model::{Flavor, Issue};
use chrono::{DateTime, Utc};

/// The gap between neighbouring ranks as built: room for many moves before a renumbering.
pub const RANK_GAP: u64 = 1 << 20;

/// A board's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoardKind {
    /// Sprints and a backlog.
    Scrum,
    /// A continuous flow, maybe with a backlog column.
    Kanban,
}

impl BoardKind {
    /// Jira's name (`scrum`, `kanban`).
    pub fn name(self) -> &'static str {
        match self {
            BoardKind::Scrum => "scrum",
            BoardKind::Kanban => "kanban",
        }
    }
}

/// One column of a board and the statuses it shows.
#[derive(Debug, Clone)]
pub struct Column {
    /// Its name.
    pub name: &'static str,
    /// Indices of the statuses it maps.
    pub statuses: Vec<u8>,
    /// The minimum number of issues, if the board sets one.
    pub min: Option<u32>,
    /// The maximum number of issues, if the board sets one.
    pub max: Option<u32>,
}

/// A board.
#[derive(Debug, Clone)]
pub struct Board {
    /// Board id.
    pub id: u64,
    /// Its name.
    pub name: &'static str,
    /// Scrum or Kanban.
    pub kind: BoardKind,
    /// Indices of the projects its filter selects; the first is its location.
    pub projects: Vec<u16>,
    /// Id of its saved filter.
    pub filter_id: u64,
    /// Columns, left to right.
    pub columns: Vec<Column>,
    /// Kanban: the first column is the backlog.
    pub kanban_backlog: bool,
    /// Estimates in story points (else no estimation).
    pub story_points: bool,
    /// Boards whose sprints this board shows too (its own id first).
    pub sprint_boards: Vec<u64>,
}

/// A sprint's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SprintState {
    /// Finished.
    Closed,
    /// Running.
    Active,
    /// Planned.
    Future,
}

impl SprintState {
    /// Jira's lower-case name (`closed`, `active`, `future`).
    pub fn name(self) -> &'static str {
        match self {
            SprintState::Closed => "closed",
            SprintState::Active => "active",
            SprintState::Future => "future",
        }
    }
    /// Whether issues can be moved into it (active and future sprints).
    pub fn open(self) -> bool {
        self != SprintState::Closed
    }
}

/// A sprint.
#[derive(Debug, Clone)]
pub struct Sprint {
    /// Sprint id.
    pub id: u64,
    /// The id as text (the JQL evaluator borrows it).
    pub id_text: String,
    /// The board it was created on.
    pub board: u64,
    /// Its name.
    pub name: String,
    /// Closed, active or future.
    pub state: SprintState,
    /// The sprint goal (may be empty).
    pub goal: String,
    /// Start, if planned or started.
    pub start: Option<DateTime<Utc>>,
    /// Planned end.
    pub end: Option<DateTime<Utc>>,
    /// When it was completed (closed sprints).
    pub complete: Option<DateTime<Utc>>,
}

/// Boards and sprints of the site.
#[derive(Debug, Clone, Default)]
pub struct Agile {
    /// Boards by id order.
    pub boards: Vec<Board>,
    /// Sprints by id order.
    pub sprints: Vec<Sprint>,
}

impl Agile {
    /// The board with id `id`.
    pub fn board(&self, id: u64) -> Option<&Board> {
        self.boards.iter().find(|b| b.id == id)
    }
    /// The index of the sprint with id `id`.
    pub fn sprint_index(&self, id: u64) -> Option<usize> {
        self.sprints.iter().position(|s| s.id == id)
    }
    /// The index of the sprint named `name` (case-insensitive) or with id `name`.
    pub fn find_sprint(&self, name: &str) -> Option<usize> {
        let name = name.trim();
        self.sprints
            .iter()
            .position(|s| s.name.eq_ignore_ascii_case(name) || s.id_text == name)
    }
    /// Ids of the sprints in `state`.
    pub fn ids_in(&self, states: &[SprintState]) -> Vec<String> {
        self.sprints
            .iter()
            .filter(|s| states.contains(&s.state))
            .map(|s| s.id_text.clone())
            .collect()
    }
}

/// The Sprint field's custom field id in `flavor`.
pub fn sprint_field(flavor: Flavor) -> u64 {
    match flavor {
        Flavor::Cloud => 10020,
        Flavor::Dc => 10007,
    }
}

/// The Rank field's custom field id in `flavor`.
pub fn rank_field(flavor: Flavor) -> u64 {
    match flavor {
        Flavor::Cloud => 10019,
        Flavor::Dc => 10009,
    }
}

/// Whether an issue is flagged (an impediment): a fixed few of the unresolved ones.
pub fn flagged(issue: &Issue) -> bool {
    issue.resolution.is_none() && issue.number % 11 == 4
}

/// The sprint issue `issue` is in now (an active or future one), as an index.
pub fn open_sprint(agile: &Agile, issue: &Issue) -> Option<usize> {
    issue
        .sprints
        .iter()
        .map(|&s| s as usize)
        .rev()
        .find(|&s| agile.sprints.get(s).is_some_and(|s| s.state.open()))
}

#[cfg(test)]
mod tests;
