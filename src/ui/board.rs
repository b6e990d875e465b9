//! The board: a title line (board, sprint, days left, done/total estimate), the sprint goal,
//! the column headers with counts and broken limits, and the cards of the visible columns.
//! Only the cards on screen are laid out, so a board of thousands draws in a moment.

mod card;
mod title;

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
    let lines = vec![title::title(view, state, width), title::goal(view, width)];
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
