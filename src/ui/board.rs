//! The board: a title line (board, sprint, days left, done/total estimate), the sprint goal,
//! the column headers with counts and broken limits, and the cards of the visible columns.
//! Only the cards on screen are laid out, so a board of thousands draws in a moment.

mod card;

use crate::app::state::board_model as model;
use crate::app::state::{BoardView, Lanes, MIN_COLUMN, Phase, Showing, State};
use crate::app::theme;
use crate::text::format::{fit, truncate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Rows a card takes: its three lines and a gap.
pub const CARD_ROWS: u16 = 4;
/// Rows above the columns: title, goal, column headers.
const TOP: u16 = 3;

/// Draws the board screen.
pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let Some(view) = state.board.view.as_ref() else {
        frame.render_widget(
            Paragraph::new(Line::styled(
                " No board is open: b picks one.",
                theme::dim(),
            )),
            area,
        );
        return;
    };
    let width = area.width as usize;
    let lines = vec![title(view, state, width), goal(view, width)];
    frame.render_widget(
        Paragraph::new(lines),
        Rect {
            height: 2.min(area.height),
            ..area
        },
    );
    let Some(config) = view.config.as_ref() else {
        let text = match &view.phase {
            Phase::Failed(notice) => Line::styled(
                truncate(
                    &format!(" {} (b picks another board)", notice.sentence),
                    width,
                ),
                theme::error(),
            ),
            _ => Line::styled(" Opening the board…", theme::dim()),
        };
        if area.height > TOP {
            frame.render_widget(
                Paragraph::new(text),
                Rect {
                    y: area.y + 2,
                    height: 1,
                    ..area
                },
            );
        }
        return;
    };
    if area.height <= TOP {
        return;
    }
    let count = config.columns.len();
    if count == 0 {
        frame.render_widget(
            Paragraph::new(Line::styled(" The board has no columns.", theme::dim())),
            Rect {
                y: area.y + 2,
                height: 1,
                ..area
            },
        );
        return;
    }
    let (first, shown) = if view.zoom {
        (view.column.min(count - 1), 1)
    } else {
        model::visible_columns(count, view.column, view.left, area.width, MIN_COLUMN)
    };
    let counts = model::counts(&view.columns, count);
    let body = Rect {
        y: area.y + TOP,
        height: area.height - TOP,
        ..area
    };
    let me = if view.mine {
        state.actions.me.as_ref().map(|m| m.identity().to_string())
    } else {
        None
    };
    let offset = scroll_offset(view, body.height);
    let col_width = area.width / shown as u16;
    for n in 0..shown {
        let column = first + n;
        let x = area.x + col_width * n as u16;
        let w = if n + 1 == shown {
            area.width - col_width * n as u16
        } else {
            col_width
        };
        let c = &config.columns[column];
        let broken = model::broken_limit(counts[column], c.min, c.max);
        let mut header = vec![Span::styled(
            truncate(
                &crate::text::sanitize_line(&c.name),
                (w as usize).saturating_sub(12),
            ),
            if column == view.column {
                theme::focused()
            } else {
                theme::title()
            },
        )];
        header.push(Span::styled(format!(" {}", counts[column]), theme::dim()));
        match (&broken, c.max, c.min) {
            (Some(limit), _, _) => header.push(Span::styled(format!(" {limit}!"), theme::error())),
            (None, Some(max), _) => {
                header.push(Span::styled(format!(" (max {max})"), theme::dim()))
            }
            (None, None, Some(min)) => {
                header.push(Span::styled(format!(" (min {min})"), theme::dim()))
            }
            _ => {}
        }
        frame.render_widget(
            Paragraph::new(Line::from(header)),
            Rect {
                x: x + 1,
                y: area.y + 2,
                width: w.saturating_sub(2),
                height: 1,
            },
        );
        // Columns off screen are marked at the edges.
        if n == 0 && first > 0 {
            frame.render_widget(
                Paragraph::new(Span::styled("‹", theme::accent())),
                Rect {
                    x,
                    y: area.y + 2,
                    width: 1,
                    height: 1,
                },
            );
        }
        if n + 1 == shown && first + shown < count && w > 0 {
            frame.render_widget(
                Paragraph::new(Span::styled("›", theme::accent())),
                Rect {
                    x: x + w - 1,
                    y: area.y + 2,
                    width: 1,
                    height: 1,
                },
            );
        }
        let column_area = Rect {
            x,
            width: w,
            ..body
        };
        draw_column(
            frame,
            column_area,
            view,
            column,
            offset,
            me.as_deref(),
            n == 0,
        );
    }
    if view.issues.is_empty() && view.phase == Phase::Idle {
        let text = match view.showing {
            Showing::Backlog => " The backlog is empty.",
            _ => " No issues here.",
        };
        frame.render_widget(
            Paragraph::new(Line::styled(text, theme::dim())),
            Rect { height: 1, ..body },
        );
    }
}

/// The first row of the cards drawn, so that the selected card is whole on screen.
fn scroll_offset(view: &BoardView, height: u16) -> u16 {
    let Some(selected) = view.selected.as_ref() else {
        return 0;
    };
    let lane_header = u16::from(view.grouping != Lanes::None);
    let mut y: u16 = 0;
    for lane in &view.lanes {
        y = y.saturating_add(lane_header);
        if let Some(cards) = lane.columns.get(view.column)
            && let Some(at) = cards.iter().position(|&i| &view.issues[i].key == selected)
        {
            let top = y.saturating_add(at as u16 * CARD_ROWS);
            let bottom = top.saturating_add(CARD_ROWS);
            return bottom
                .saturating_sub(height)
                .min(top.saturating_sub(lane_header));
        }
        y = y.saturating_add(lane.depth() as u16 * CARD_ROWS);
    }
    0
}

/// One column's cards from row `offset` down; only those on screen are laid out.
fn draw_column(
    frame: &mut Frame,
    area: Rect,
    view: &BoardView,
    column: usize,
    offset: u16,
    me: Option<&str>,
    leftmost: bool,
) {
    let lane_header = u16::from(view.grouping != Lanes::None);
    let bottom = offset.saturating_add(area.height);
    let mut y: u16 = 0;
    for lane in &view.lanes {
        if y >= bottom {
            break;
        }
        let depth = lane.depth() as u16 * CARD_ROWS;
        if y.saturating_add(lane_header).saturating_add(depth) <= offset {
            y = y.saturating_add(lane_header).saturating_add(depth);
            continue;
        }
        if lane_header == 1 {
            if y >= offset {
                // The lane's title is written once, in the first column drawn.
                let title = if leftmost {
                    format!("▾ {}", lane.title)
                } else {
                    String::new()
                };
                frame.render_widget(
                    Paragraph::new(Line::styled(
                        fit(&title, area.width as usize),
                        theme::accent().add_modifier(Modifier::UNDERLINED),
                    )),
                    Rect {
                        y: area.y + (y - offset),
                        height: 1,
                        ..area
                    },
                );
            }
            y += 1;
        }
        let cards = lane.columns.get(column).map(Vec::as_slice).unwrap_or(&[]);
        for (n, &i) in cards.iter().enumerate() {
            let top = y.saturating_add(n as u16 * CARD_ROWS);
            if top.saturating_add(CARD_ROWS) <= offset {
                continue;
            }
            if top >= bottom {
                break;
            }
            let issue = &view.issues[i];
            let selected =
                view.selected.as_deref() == Some(issue.key.as_str()) && column == view.column;
            let bright = model::matches(issue, &view.quick, me);
            let pending = view.pending.contains(&issue.key);
            let lines = card::lines(
                issue,
                area.width.saturating_sub(2) as usize,
                selected,
                bright,
                pending,
            );
            // A card cut by the top edge shows its lower lines only.
            let skip = offset.saturating_sub(top);
            let visible_top = top.max(offset) - offset;
            let height = (CARD_ROWS - 1)
                .saturating_sub(skip)
                .min(area.height.saturating_sub(visible_top));
            if height == 0 {
                continue;
            }
            frame.render_widget(
                Paragraph::new(lines.into_iter().skip(skip as usize).collect::<Vec<_>>()),
                Rect {
                    x: area.x + 1,
                    y: area.y + visible_top,
                    width: area.width.saturating_sub(2),
                    height,
                },
            );
        }
        y = y.saturating_add(depth);
    }
}

fn title(view: &BoardView, state: &State, width: usize) -> Line<'static> {
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

fn goal(view: &BoardView, width: usize) -> Line<'static> {
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
