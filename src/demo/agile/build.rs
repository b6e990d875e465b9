//! The demo's boards and sprints, and how the dataset's issues are put in sprints and ranked.

use super::{Agile, Board, BoardKind, Column, RANK_GAP, Sprint, SprintState};
use crate::demo::dataset::types;
use crate::demo::model::{Dataset, StatusCategory};
use crate::demo::rng::Rng;
use chrono::Duration;

fn column(name: &'static str, statuses: &[u8], min: Option<u32>, max: Option<u32>) -> Column {
    Column {
        name,
        statuses: statuses.to_vec(),
        min,
        max,
    }
}

/// Status indices of the vocabulary.
const TO_DO: u8 = 0;
const IN_PROGRESS: u8 = 1;
const IN_REVIEW: u8 = 2;
const DONE: u8 = 3;

/// The boards and sprints of `data`, with dates relative to its anchor.
fn definitions(data: &Dataset) -> Agile {
    let project = |key: &str| {
        data.projects
            .iter()
            .position(|p| p.key == key)
            .map(|p| p as u16)
    };
    let scrum_columns = |limits: bool| {
        vec![
            column("To Do", &[TO_DO], None, None),
            column(
                "In Progress",
                &[IN_PROGRESS],
                limits.then_some(1),
                limits.then_some(3),
            ),
            column("In Review", &[IN_REVIEW], None, limits.then_some(2)),
            column("Done", &[DONE], None, None),
        ]
    };
    let mut boards = Vec::new();
    if let Some(acme) = project("ACME") {
        boards.push(Board {
            id: 1,
            name: "ACME board",
            kind: BoardKind::Scrum,
            projects: vec![acme],
            filter_id: 10100,
            columns: scrum_columns(true),
            kanban_backlog: false,
            story_points: true,
            sprint_boards: vec![1],
        });
    }
    if let Some(ops) = project("OPS") {
        boards.push(Board {
            id: 2,
            name: "OPS Kanban",
            kind: BoardKind::Kanban,
            projects: vec![ops],
            filter_id: 10101,
            columns: vec![
                column("Backlog", &[TO_DO], None, None),
                column("In Progress", &[IN_PROGRESS], None, Some(4)),
                column("In Review", &[IN_REVIEW], None, None),
                column("Done", &[DONE], None, None),
            ],
            kanban_backlog: true,
            story_points: false,
            sprint_boards: vec![],
        });
    }
    if let (Some(acme), Some(doc)) = (project("ACME"), project("DOC")) {
        boards.push(Board {
            id: 3,
            name: "Platform (ACME + DOC)",
            kind: BoardKind::Scrum,
            projects: vec![acme, doc],
            filter_id: 10102,
            columns: scrum_columns(false),
            kanban_backlog: false,
            story_points: true,
            sprint_boards: vec![3, 1],
        });
    }
    let at = data.anchor;
    let day = Duration::days;
    let sprint = |id: u64, board: u64, name: &str, state, goal: &str, start: i64| {
        let start_at = at + day(start);
        Sprint {
            id,
            id_text: id.to_string(),
            board,
            name: name.to_string(),
            state,
            goal: goal.to_string(),
            start: (state != SprintState::Future || start < 30).then_some(start_at),
            end: (state != SprintState::Future || start < 30).then_some(start_at + day(14)),
            complete: (state == SprintState::Closed).then_some(start_at + day(14)),
        }
    };
    use SprintState::{Active, Closed, Future};
    let sprints = vec![
        sprint(
            9,
            1,
            "ACME Sprint 9",
            Closed,
            "Login without passwords",
            -48,
        ),
        sprint(
            10,
            1,
            "ACME Sprint 10",
            Closed,
            "Search that finds things",
            -34,
        ),
        sprint(11, 1, "ACME Sprint 11", Closed, "", -20),
        sprint(
            12,
            1,
            "ACME Sprint 12",
            Active,
            "Checkout v2 behind a flag; no P1 bugs open",
            -6,
        ),
        sprint(
            13,
            1,
            "ACME Sprint 13",
            Future,
            "Checkout v2 for everyone",
            8,
        ),
        sprint(14, 1, "ACME Sprint 14", Future, "", 99),
        sprint(
            30,
            3,
            "Platform Sprint 3",
            Closed,
            "Docs for the new API",
            -17,
        ),
        sprint(
            31,
            3,
            "Platform Sprint 4",
            Active,
            "Guides in step with v2",
            -3,
        ),
        sprint(32, 3, "Platform Sprint 5", Future, "", 99),
    ];
    Agile { boards, sprints }
}

/// Adds the boards and sprints to `data`, puts issues in sprints and gives every issue its
/// rank. Draws from its own random sequence, so the rest of the dataset is unchanged.
pub fn build(data: &mut Dataset, seed: u64) {
    let agile = definitions(data);
    let mut rng = Rng::new(seed ^ 0x5b1d_7e11);
    // Rank: creation order with gaps, a few issues pulled up the way teams prioritise.
    let count = data.issues.len();
    let mut order: Vec<usize> = (0..count).collect();
    for i in 0..count {
        if rng.below(4) == 0 {
            let j = rng.below(count as u64) as usize;
            order.swap(i, j);
        }
    }
    for (position, &i) in order.iter().enumerate() {
        data.issues[i].rank = (position as u64 + 1) * RANK_GAP;
    }
    let index_of = |id: u64| agile.sprint_index(id).map(|s| s as u16);
    // Per project: its open sprints (now, next, after), its closed ones, and how many
    // unresolved issues go into each open one.
    type Plan<'a> = (&'a str, [u64; 3], &'a [u64], [usize; 3]);
    let plans: [Plan; 2] = [
        ("ACME", [12, 13, 14], &[9, 10, 11], [18, 10, 7]),
        ("DOC", [31, 32, 32], &[30], [9, 6, 0]),
    ];
    for (key, open, closed, sizes) in plans {
        let Some(project) = data.projects.iter().position(|p| p.key == key) else {
            continue;
        };
        // Newest first: the recent work is in the open sprints.
        let standard: Vec<usize> = (0..count)
            .rev()
            .filter(|&i| {
                let issue = &data.issues[i];
                issue.project as usize == project
                    && issue.issue_type != types::EPIC
                    && issue.issue_type != types::SUBTASK
            })
            .collect();
        let (mut unresolved, mut done) = (0usize, 0usize);
        for &i in &standard {
            let category = data.statuses[data.issues[i].status as usize].category;
            let sprints = if category == StatusCategory::Done {
                done += 1;
                match done {
                    1..=4 => vec![open[0]],
                    n => vec![closed[n % closed.len()]],
                }
            } else {
                unresolved += 1;
                let n = unresolved;
                if n <= sizes[0] {
                    vec![open[0]]
                } else if n <= sizes[0] + sizes[1] {
                    vec![open[1]]
                } else if n <= sizes[0] + sizes[1] + sizes[2] {
                    vec![open[2]]
                } else if n % 5 == 0 {
                    // Carried over from a closed sprint, now in the backlog.
                    vec![closed[n % closed.len()]]
                } else {
                    vec![]
                }
            };
            data.issues[i].sprints = sprints.into_iter().filter_map(index_of).collect();
        }
    }
    // Sub-tasks are in their parent's sprints.
    for i in 0..count {
        if data.issues[i].issue_type == types::SUBTASK
            && let Some(parent) = data.issues[i].parent
        {
            let sprints = data.issues[parent as usize].sprints.clone();
            data.issues[i].sprints = sprints;
        }
    }
    data.agile = agile;
}
