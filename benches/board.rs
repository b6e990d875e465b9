//! The board frame, run with `cargo bench --bench board`.
//!
//! - `board_render/{2000,2000_lanes}`: one `terminal.draw` of the board screen into a 160x45
//!   ratatui `TestBackend` with 2,000 cards over four columns, the selection in the middle of
//!   the second column (and the same grouped in assignee swimlanes). Only the cards on screen
//!   are laid out. Target: ≤ 2 ms per frame.
//! - `board_relayout/2000`: working out columns and lanes again after a change (what a move or
//!   a page arriving costs).

#![allow(clippy::unwrap_used, clippy::panic)]

use std::hint::black_box;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use jiratty::app::keymap::Keymap;
use jiratty::app::state::{BoardView, DEFAULT_JQL, Lanes, Phase, Screen, Showing, State};
use jiratty::jira::agile::{Board, BoardColumn, BoardConfig, BoardIssue, CardUser, Sprint};

const CARDS: usize = 2000;

fn board_state(lanes: Lanes) -> State {
    let now = Utc.with_ymd_and_hms(2024, 6, 1, 12, 0, 0).unwrap();
    let mut s = State::new(Screen::Board, DEFAULT_JQL, Keymap::default_map(), now);
    s.size = (160, 45);
    let statuses = ["10000", "3", "10001", "10002"];
    let people = ["Alice Anderson", "Bob Brown", "Carol Chen"];
    let issues: Vec<BoardIssue> = (0..CARDS)
        .map(|n| BoardIssue {
            key: format!("ACME-{n}"),
            summary: format!("Generated card number {n} with a summary long enough to wrap twice"),
            status_id: statuses[n % 4].to_string(),
            status: "x".into(),
            issue_type: ["Story", "Bug", "Task"][n % 3].into(),
            priority: "Medium".into(),
            assignee: (n % 5 != 0).then(|| CardUser {
                name: people[n % 3].into(),
                id: people[n % 3].into(),
            }),
            estimate: Some((n % 8) as f64),
            flagged: n % 17 == 0,
            subtasks: n % 4,
            ..BoardIssue::default()
        })
        .collect();
    let column = |name: &str, id: &str| BoardColumn {
        name: name.into(),
        status_ids: vec![id.into()],
        min: None,
        max: Some(10),
    };
    let mut view = BoardView::new(Board {
        id: 1,
        name: "ACME board".into(),
        kind: "scrum".into(),
        ..Board::default()
    });
    view.config = Some(BoardConfig {
        columns: vec![
            column("To Do", "10000"),
            column("In Progress", "3"),
            column("In Review", "10001"),
            column("Done", "10002"),
        ],
        estimation_field: Some("customfield_10016".into()),
        estimation_name: "Story Points".into(),
        ..BoardConfig::default()
    });
    view.sprints = vec![Sprint {
        id: 12,
        name: "ACME Sprint 12".into(),
        state: "active".into(),
        end: "2024-06-05T09:00:00.000Z".into(),
        ..Sprint::default()
    }];
    view.showing = Showing::Sprint(0);
    view.total = CARDS as u64;
    view.issues = issues;
    view.phase = Phase::Idle;
    view.grouping = lanes;
    view.column = 1;
    view.relayout();
    // The middle of the second column.
    view.selected = Some(format!("ACME-{}", CARDS / 2 + 1));
    s.board.view = Some(view);
    s
}

fn render(c: &mut Criterion) {
    let mut group = c.benchmark_group("board_render");
    group
        .sample_size(30)
        .measurement_time(Duration::from_secs(3));
    for (name, lanes) in [("2000", Lanes::None), ("2000_lanes", Lanes::Assignee)] {
        let state = board_state(lanes);
        let mut terminal = Terminal::new(TestBackend::new(160, 45)).unwrap();
        group.bench_function(name, |b| {
            b.iter(|| {
                terminal
                    .draw(|f| jiratty::ui::draw(f, black_box(&state)))
                    .unwrap();
            })
        });
    }
    group.finish();
    let mut group = c.benchmark_group("board_relayout");
    group
        .sample_size(30)
        .measurement_time(Duration::from_secs(3));
    let state = board_state(Lanes::Assignee);
    let view = state.board.view.clone().unwrap();
    group.bench_function("2000", |b| {
        b.iter_batched(
            || view.clone(),
            |mut v| {
                v.relayout();
                v
            },
            criterion::BatchSize::SmallInput,
        )
    });
    group.finish();
}

criterion_group!(benches, render);
criterion_main!(benches);
