//! One issue: the layout `update` keeps for it (see `app::detail_layout`), drawn scrolled.
//! Nothing is laid out here: a big issue shows its header and "Laying out…" until its layout
//! arrives.

use crate::app::keymap::{Action, Context};
use crate::app::state::{DetailLayout, DetailView, Phase, State};
use crate::app::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::borrow::Cow;

/// The body area of the detail screen within `area` (the screen less the status line).
pub fn body_area(area: Rect) -> Rect {
    // The same size update lays the issue out for.
    let (width, height) = DetailLayout::body_size((area.width, area.height.saturating_add(1)));
    Rect {
        x: area.x + 1,
        y: area.y + 2,
        width,
        height,
    }
}

/// Links visible on screen: (x, y, width, url) of each stretch of link text, for the terminal
/// to mark as an OSC 8 hyperlink. `area` is the screen less the status line.
pub fn visible_links(detail: &DetailView, area: Rect) -> Vec<(u16, u16, u16, String)> {
    if detail.issue.is_none() || detail.phase != Phase::Idle {
        return Vec::new();
    }
    let body = body_area(area);
    let layout = &detail.layout;
    let scroll = detail
        .scroll
        .min(layout.lines.len().saturating_sub(body.height as usize));
    let end = scroll + body.height as usize;
    // Anchors are in line order: only those of the visible lines are looked at.
    let first = layout.anchors.partition_point(|a| a.line < scroll);
    layout.anchors[first..]
        .iter()
        .take_while(|a| a.line < end)
        .filter_map(|a| {
            let start = a.start.min(body.width as usize) as u16;
            let stop = a.end.min(body.width as usize) as u16;
            let url = layout.links.get(a.link)?;
            (stop > start).then(|| {
                (
                    body.x + start,
                    body.y + (a.line - scroll) as u16,
                    stop - start,
                    url.clone(),
                )
            })
        })
        .collect()
}

/// Draws the detail screen of `detail`.
pub fn draw(frame: &mut Frame, area: Rect, state: &State, detail: &DetailView) {
    let keys = &state.keymap;
    let hints = keys.hints(
        Context::Detail,
        &[
            (Action::Back, "back"),
            (Action::NextRelated, "related issue"),
            (Action::OpenLink, "open link"),
            (Action::OpenInBrowser, "open in browser"),
            (Action::CopyKey, "copy key"),
        ],
        "  ",
    );
    let header = Line::from(vec![
        Span::styled(" jiratty ", theme::title()),
        Span::styled(detail.key.clone(), theme::accent()),
        Span::styled(format!("  {hints}"), theme::dim()),
    ]);
    frame.render_widget(Paragraph::new(header), Rect { height: 1, ..area });
    let body = body_area(area);
    let layout = match (&detail.issue, &detail.phase) {
        (_, Phase::Failed(e)) => {
            let mut lines = vec![Line::styled(e.sentence.clone(), theme::error())];
            if let Some(h) = &e.hint {
                lines.push(Line::styled(h.clone(), theme::dim()));
            }
            lines.push(Line::raw(""));
            let retry = keys.hints(
                Context::Detail,
                &[(Action::Refresh, "retry"), (Action::Back, "back")],
                "   ",
            );
            lines.push(Line::styled(retry, theme::dim()));
            Cow::Owned(DetailLayout {
                lines,
                ..DetailLayout::default()
            })
        }
        // The layout kept in the state, not a copy of it.
        (Some(_), _) => Cow::Borrowed(&detail.layout),
        (None, _) => Cow::Owned(DetailLayout {
            lines: vec![Line::styled(
                format!("Loading {}…", detail.key),
                theme::dim(),
            )],
            ..DetailLayout::default()
        }),
    };
    let content = &layout.lines;
    let max_scroll = content.len().saturating_sub(body.height as usize);
    let scroll = detail.scroll.min(max_scroll);
    // Only the visible lines are handed to the paragraph.
    let visible: Vec<Line<'static>> = content
        .iter()
        .skip(scroll)
        .take(body.height as usize)
        .cloned()
        .collect();
    frame.render_widget(Paragraph::new(visible), body);
}
