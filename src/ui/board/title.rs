//! The board's title line (board, sprint, days left, done/total estimate, what is on) and the
//! sprint goal under it.

use crate::app::state::board_model as model;
use crate::app::state::{BoardView, Lanes, Phase, Showing, State};
use crate::app::theme;
use crate::text::format::truncate;
use ratatui::text::{Line, Span};

pub(super) fn title(view: &BoardView, state: &State, width: usize) -> Line<'static> {
    let mut spans = vec![Span::styled(
        format!(" {}", crate::text::sanitize_line(&view.board.name)),
        theme::title(),
    )];
    let mut more = String::new();
    match (view.showing, view.sprint()) {
        (Showing::Sprint(_), Some(s)) => {
            more.push_str(&format!(
                " · {} ({})",
                crate::text::sanitize_line(&s.name),
                crate::text::sanitize_line(&s.state)
            ));
            if let Some(end) = crate::jira::parse_time(&s.end) {
                let days = (end.with_timezone(&chrono::Utc) - state.now).num_days();
                more.push_str(&match days {
                    d if d < 0 => format!(" · ended {} days ago", -d),
                    1 => " · 1 day left".to_string(),
                    d => format!(" · {d} days left"),
                });
            }
            if let Some(config) = &view.config
                && config.estimation_field.is_some()
            {
                let (done, total) = model::estimate_totals(
                    &view.columns,
                    &view.issues,
                    config.columns.len().saturating_sub(1),
                );
                more.push_str(&format!(
                    " · {}/{} {}",
                    number(done),
                    number(total),
                    short_estimate(&config.estimation_name)
                ));
            }
        }
        (Showing::Backlog, _) => more.push_str(" · Backlog"),
        _ if view.board.kind.is_empty() => {}
        _ => more.push_str(&format!(
            " · {}",
            crate::text::sanitize_line(&view.board.kind)
        )),
    }
    // Pages still arriving (the board is usable meanwhile).
    if view.config.is_some()
        && (view.phase == Phase::Loading || (view.issues.len() as u64) < view.total)
    {
        more.push_str(&format!(
            " · loading {}/{}",
            view.issues.len(),
            view.total.max(view.issues.len() as u64)
        ));
    }
    spans.push(Span::raw(more));
    let mut flags = Vec::new();
    if view.grouping != Lanes::None {
        flags.push(view.grouping.label().to_string());
    }
    if view.mine {
        flags.push("only mine".to_string());
    }
    if view.zoom {
        flags.push("zoom".to_string());
    }
    if view.typing || !view.quick.is_empty() {
        flags.push(format!(
            "/{}{}",
            crate::text::sanitize_line(&view.quick),
            if view.typing { "▏" } else { "" }
        ));
    }
    let used: usize = spans
        .iter()
        .map(|s| unicode_width::UnicodeWidthStr::width(s.content.as_ref()))
        .sum();
    let right = flags.join(" · ");
    let room = width.saturating_sub(used + 1);
    if !right.is_empty() && room > 3 {
        let right = truncate(&right, room);
        let pad = room.saturating_sub(unicode_width::UnicodeWidthStr::width(right.as_str()));
        spans.push(Span::raw(" ".repeat(pad)));
        spans.push(Span::styled(right, theme::accent()));
    }
    Line::from(spans)
}

pub(super) fn goal(view: &BoardView, width: usize) -> Line<'static> {
    match view.sprint().filter(|s| !s.goal.trim().is_empty()) {
        Some(s) => Line::styled(
            truncate(
                &format!(" Goal: {}", crate::text::sanitize_line(&s.goal)),
                width,
            ),
            theme::dim(),
        ),
        None => Line::raw(""),
    }
}

/// "3" for 3.0, "2.5" for 2.5.
fn number(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{n:.0}")
    } else {
        format!("{n:.1}")
    }
}

fn short_estimate(name: &str) -> String {
    if name.eq_ignore_ascii_case("story points") || name.is_empty() {
        "pts".to_string()
    } else {
        crate::text::sanitize_line(name)
    }
}
