//! The list screen: its state ([`ListView`]), its keys and mouse, and the selection. Loading
//! pages is in `paging`, the quick filter in `quick`.

mod paging;
mod quick;

pub use paging::{apply_page, on_answer, resume_list, show_cached, start_search};
pub use quick::{QuickFilter, positions as quick_positions, refilter};

use super::keymap::{Action, Context};
use super::msg::Command;
use super::state::{Names, Notice, Overlay, Phase, Row, Screen, Slot, State};
use crate::jira::PageCursor;
use chrono::{DateTime, Utc};
use crossterm::event::{KeyEvent, MouseButton, MouseEvent, MouseEventKind};

/// Rows requested for the first page of a query: more than a screen, and small enough that it
/// comes back soonest.
pub const FIRST_PAGE_SIZE: u32 = 50;

/// Rows requested per later page (half the round trips of 50 when paging far).
pub const PAGE_SIZE: u32 = 100;

/// Lines above the first list row: header (2) and the column titles (1).
pub const LIST_TOP: u16 = 3;

/// What a reload of the list restores: as many rows as were loaded, and the selection on its
/// issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reload {
    /// The issue that was selected, until a fresh page brings it back (None: placed, or the
    /// user has moved since).
    pub key: Option<String>,
    /// Its visible position before the reload.
    pub position: usize,
    /// How many rows were loaded: fresh pages are loaded until as many are shown again.
    pub rows: usize,
}

/// The issue list. The page waited for is [`Slot::Page`].
#[derive(Debug, Clone, PartialEq)]
pub struct ListView {
    /// The query shown.
    pub jql: String,
    /// A filter name to show instead of the JQL.
    pub title: Option<String>,
    /// Loaded rows.
    pub rows: Vec<Row>,
    /// Total matches, when the site says.
    pub total: Option<u64>,
    /// Where the next page starts.
    pub next: Option<PageCursor>,
    /// First page loading, failed, or idle.
    pub phase: Phase,
    /// A failure loading a later page (rows stay).
    pub page_error: Option<Notice>,
    /// Selected position among the visible rows.
    pub selected: usize,
    /// First visible position.
    pub offset: usize,
    /// The quick filter, when active.
    pub quick: Option<QuickFilter>,
    /// The names the rows share.
    pub names: Names,
    /// The widest key among the rows, in characters.
    pub key_width: usize,
    /// When the rows come from the result cache: when they were saved. Fresh results replace
    /// them.
    pub cached: Option<DateTime<Utc>>,
    /// The page in flight is a first page whose rows replace the ones shown (a reload).
    pub replacing: bool,
    /// A reload under way: what it restores once the fresh pages are in.
    pub reload: Option<Reload>,
    /// What the pages of this query have brought so far (issue keys, cursors): a site that
    /// hands out the same page again would be paged forever, and its issues shown twice.
    pub guard: crate::jira::PageGuard,
    /// Why paging ended before the site said it was done (a page with no new issue).
    pub stopped: Option<String>,
}

impl ListView {
    /// An empty list for `jql`.
    pub fn new(jql: &str) -> Self {
        ListView {
            jql: jql.to_string(),
            title: None,
            rows: Vec::new(),
            total: None,
            next: None,
            phase: Phase::Idle,
            page_error: None,
            selected: 0,
            offset: 0,
            quick: None,
            names: Names::default(),
            key_width: 0,
            cached: None,
            replacing: false,
            reload: None,
            guard: crate::jira::PageGuard::new(),
            stopped: None,
        }
    }

    /// Appends a row made by `row` of each item (sharing the list's names), keeping
    /// [`ListView::key_width`] up to date.
    pub fn push_rows<T>(
        &mut self,
        items: impl IntoIterator<Item = T>,
        row: impl Fn(T, &mut Names) -> Row,
    ) {
        for item in items {
            let row = row(item, &mut self.names);
            self.key_width = self.key_width.max(row.key().chars().count());
            self.rows.push(row);
        }
    }

    /// How many rows are visible (after the quick filter).
    pub fn visible_len(&self) -> usize {
        match &self.quick {
            Some(q) => q.matches.len(),
            None => self.rows.len(),
        }
    }

    /// The row index of visible position `at`.
    pub fn row_index(&self, at: usize) -> Option<usize> {
        match &self.quick {
            Some(q) => q.matches.get(at).copied(),
            None => (at < self.rows.len()).then_some(at),
        }
    }

    /// The selected row.
    pub fn selected_row(&self) -> Option<&Row> {
        self.row_index(self.selected).and_then(|i| self.rows.get(i))
    }
}

/// Shows `list` on the list screen (a new query, a filter run): the page of the old one is no
/// longer waited for.
pub fn replace(state: &mut State, list: ListView) {
    state.requests.cancel(Slot::Page);
    // Nothing is read ahead for the old list any more (the worker's request is stopped when
    // the new list's search starts).
    super::prefetch::cancel_queue(state);
    state.list = list;
    state.show(Screen::List);
}

/// A key on the list screen.
pub fn on_key(state: &mut State, key: KeyEvent, out: &mut Vec<Command>) {
    if quick::editing(state) {
        return quick::on_key(state, key, out);
    }
    if super::filters::number_key(state, &key, out) {
        return;
    }
    let Some(action) = state.keymap.action(Context::List, &key) else {
        return;
    };
    let page = state.list_height();
    let selected = state.list.selected;
    match action {
        Action::Up | Action::ScrollUp => move_selection(state, selected.saturating_sub(1), out),
        Action::Down | Action::ScrollDown => move_selection(state, selected + 1, out),
        Action::Top => move_selection(state, 0, out),
        Action::Bottom => move_selection(state, usize::MAX, out),
        Action::PageUp => move_selection(state, selected.saturating_sub(page), out),
        Action::PageDown => move_selection(state, selected + page, out),
        Action::Open => open_selected(state, out),
        Action::Back => {
            if state.list.quick.is_some() {
                quick::close(state);
            }
        }
        Action::Refresh => start_search(state, out),
        Action::Quit => state.quit = true,
        Action::Query => super::query::open(state),
        Action::QuickFilter => quick::open(state),
        Action::Help => state.overlay = Overlay::Help,
        Action::OpenInBrowser | Action::CopyKey | Action::CopyUrl => {
            if let Some(key) = state.list.selected_row().map(|r| r.key().to_string()) {
                super::share::share(state, action, &key, out);
            }
        }
        Action::Filters => super::filters::open(state, out),
        Action::SaveFilter => super::filters::ask_save(state),
        Action::Boards => super::board::open_picker(state, out),
        Action::Transition
        | Action::Assign
        | Action::AssignToMe
        | Action::Watch
        | Action::Comment
        | Action::EditFields
        | Action::CreateSubtask => {
            if let Some(key) = state.list.selected_row().map(|r| r.key().to_string()) {
                super::actions::start(state, action, key, out);
            }
        }
        Action::CreateIssue => super::form::create::open(state, None, out),
        Action::Send
        | Action::EditComment
        | Action::DeleteComment
        | Action::Preview
        | Action::ExternalEditor
        | Action::Visibility
        | Action::Rename
        | Action::Delete
        | Action::CopyFilter
        | Action::Publish
        | Action::OpenLink
        | Action::NextRelated
        | Action::PreviousRelated
        | Action::ColumnLeft
        | Action::ColumnRight
        | Action::MoveLeft
        | Action::MoveRight
        | Action::RankUp
        | Action::RankDown
        | Action::MoveToSprint
        | Action::PreviousSprint
        | Action::NextSprint
        | Action::OnlyMine
        | Action::Swimlanes
        | Action::Zoom => {}
    }
}

/// Pasted text: into the quick filter while it is typed.
pub fn on_paste(state: &mut State, text: &str) {
    quick::on_paste(state, text);
}

/// The wheel moves the selection; a click selects, a click on the selected row opens it.
pub fn on_mouse(state: &mut State, mouse: MouseEvent, out: &mut Vec<Command>) {
    match mouse.kind {
        MouseEventKind::ScrollDown => move_selection(state, state.list.selected + 3, out),
        MouseEventKind::ScrollUp => {
            move_selection(state, state.list.selected.saturating_sub(3), out)
        }
        MouseEventKind::Down(MouseButton::Left) if mouse.row >= LIST_TOP => {
            let at = state.list.offset + (mouse.row - LIST_TOP) as usize;
            if at < state.list.visible_len() {
                if at == state.list.selected {
                    open_selected(state, out);
                } else {
                    move_selection(state, at, out);
                }
            }
        }
        _ => {}
    }
}

/// Opens the selected issue.
fn open_selected(state: &mut State, out: &mut Vec<Command>) {
    if let Some(key) = state.list.selected_row().map(|r| r.key().to_string()) {
        super::detail::open(state, key, Vec::new(), out);
    }
}

/// Scrolls so that the selection is on screen.
pub fn keep_selection_visible(state: &mut State) {
    let height = state.list_height();
    let list = &mut state.list;
    let len = list.visible_len();
    if len == 0 {
        list.selected = 0;
        list.offset = 0;
        return;
    }
    list.selected = list.selected.min(len - 1);
    if list.selected < list.offset {
        list.offset = list.selected;
    } else if list.selected >= list.offset + height {
        list.offset = list.selected + 1 - height;
    }
    // A line under the last row says why no more rows come: on the last row, it is shown too.
    let end = len + usize::from(list.page_error.is_some() || list.stopped.is_some());
    if list.selected + 1 == len {
        list.offset = list.offset.max(end.saturating_sub(height));
    }
    // Never leave empty rows below the end while earlier rows could fill them.
    list.offset = list.offset.min(end.saturating_sub(height));
}

/// The selected row has been seen: its changed mark goes.
pub fn mark_seen(state: &mut State) {
    let list = &mut state.list;
    if let Some(i) = list.row_index(list.selected)
        && let Some(row) = list.rows.get_mut(i)
    {
        row.changed = false;
    }
}

/// Moves the selection to visible position `to` (clamped), as the user asked: a failed page
/// is tried again when the move reaches the end.
pub fn move_selection(state: &mut State, to: usize, out: &mut Vec<Command>) {
    let len = state.list.visible_len();
    state.list.selected = if len == 0 { 0 } else { to.min(len - 1) };
    // The user took over: no more following the issue selected before a reload.
    if let Some(reload) = state.list.reload.as_mut() {
        reload.key = None;
    }
    keep_selection_visible(state);
    mark_seen(state);
    super::prefetch::on_move(state);
    paging::load_more_if_near_end(state, to >= len.saturating_sub(1), out);
}
