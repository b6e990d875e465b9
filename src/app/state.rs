//! The one state of the TUI, owned by the event loop and changed only by `update`. Each screen
//! and overlay module owns its own state type; they are gathered here (and re-exported), so
//! that the views read every state type from this one place.

use super::keymap::Keymap;
use crate::jira::Deployment;
use chrono::{DateTime, Utc};

pub use super::actions::{Choice, Flow, PickOverlay, Picker};
pub use super::board::model as board_model;
pub use super::board::{
    BoardPending, BoardState, BoardView, Lane, Lanes, MIN_COLUMN, Moving, Showing,
};
pub use super::compose::Composer;
pub use super::compose::mention::SHOWN as MENTIONS_SHOWN;
pub use super::detail::{DetailView, related_keys};
pub use super::detail_layout::{DetailLayout, LayoutStamp};
pub use super::filters::{FilterEntry, FiltersView};
pub use super::form::editor::{Item as FormItem, Search as FormSearch};
pub use super::form::{FieldEditor, FormView, Purpose as FormPurpose, Stage as FormStage};
pub use super::freshness::Freshness;
pub use super::list::{
    FIRST_PAGE_SIZE, LIST_TOP, ListView, PAGE_SIZE, QuickFilter, Reload, quick_positions,
};
pub use super::login::{LoginField, LoginForm};
pub use super::prefetch::{DetailCache, Prefetch};
pub use super::prompt::{Prompt, PromptKind};
pub use super::query::{Popup, QueryError, QueryState};
pub use super::requests::{Requests, Slot};
pub use super::row::{Category, Names, Row, StoredRow};
pub use crate::notice::Notice;

/// The default query: my unresolved issues, most recently updated first.
pub const DEFAULT_JQL: &str =
    "assignee = currentUser() AND resolution = Unresolved ORDER BY updated DESC";

/// Which screen is shown, with what only that screen has.
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    /// Site and credentials.
    Login,
    /// The issue list.
    List,
    /// One issue.
    Detail(Box<DetailView>),
    /// A board (its state is [`State::board`]).
    Board,
    /// Saved filters and Jira's favourites.
    Filters {
        /// Where Esc returns to.
        back: ReturnTo,
    },
}

/// Where the filters screen returns to: the screen it was opened from.
#[derive(Debug, Clone, PartialEq)]
pub enum ReturnTo {
    /// The list.
    List,
    /// The issue that was open, as it was.
    Detail(Box<DetailView>),
}

impl Screen {
    /// The issue view this screen shows or returns to.
    pub fn detail(&self) -> Option<&DetailView> {
        match self {
            Screen::Detail(d)
            | Screen::Filters {
                back: ReturnTo::Detail(d),
            } => Some(d),
            _ => None,
        }
    }

    /// [`Screen::detail`], to change.
    pub fn detail_mut(&mut self) -> Option<&mut DetailView> {
        match self {
            Screen::Detail(d)
            | Screen::Filters {
                back: ReturnTo::Detail(d),
            } => Some(d),
            _ => None,
        }
    }
}

/// What is drawn over the screen.
#[derive(Debug, Clone, PartialEq)]
// One overlay exists at a time, inside the one state: its size does not matter.
#[allow(clippy::large_enum_variant)]
pub enum Overlay {
    /// Nothing.
    None,
    /// The key map.
    Help,
    /// The JQL input.
    Query(QueryState),
    /// A one-line question: a filter name, a link number, or a yes/no confirmation.
    Prompt(Prompt),
    /// A choice for an action: a transition, a person, a field's value.
    Pick(Box<super::actions::PickOverlay>),
    /// The comment editor (also the Markdown editor of a form's rich-text field).
    Compose(Box<super::compose::Composer>),
    /// A form: editing an issue's fields or creating an issue.
    Form(Box<super::form::FormView>),
}

/// What the status line says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// A short note ("Copied ACME-1"), gone with the next key.
    Note(String),
    /// An error, kept until something else is said.
    Error(Notice),
}

/// Loading state of a view.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    /// Nothing in flight.
    Idle,
    /// A request is in flight.
    Loading,
    /// The last request failed.
    Failed(Notice),
}

/// Who we are logged in as.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// Site URL.
    pub site: String,
    /// User's display name.
    pub user: String,
    /// Cloud or Server/DC.
    pub deployment: Option<Deployment>,
}

/// The whole TUI state.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// Shown screen.
    pub screen: Screen,
    /// What is drawn over it.
    pub overlay: Overlay,
    /// The login, once there is one.
    pub session: Option<Session>,
    /// The issue list.
    pub list: ListView,
    /// The login form.
    pub login: LoginForm,
    /// Saved filters.
    pub filters: FiltersView,
    /// The requests in flight, by what they are for.
    pub requests: Requests,
    /// What JQL completion knows of the site (built-in until the site answers).
    pub completion: crate::jql::complete::CompletionData,
    /// Value suggestions already fetched, per field and prefix.
    pub suggestions: crate::jql::complete::SuggestionCache,
    /// Queries run, newest first.
    pub history: crate::store::history::History,
    /// What the status line says.
    pub status: Option<Status>,
    /// Spinner frame.
    pub spinner: usize,
    /// Key bindings.
    pub keymap: Keymap,
    /// The time relative dates are shown against (moved by ticks, the minute and keys).
    pub now: DateTime<Utc>,
    /// Terminal size.
    pub size: (u16, u16),
    /// Set when the user quits.
    pub quit: bool,
    /// What the status line says is waited for, and since when.
    pub wait: Option<super::wait::Wait>,
    /// Changes in flight and what acting on issues remembers.
    pub actions: super::actions::Actions,
    /// The board screen.
    pub board: BoardState,
    /// Issues read ahead and kept for the detail view.
    pub prefetch: Prefetch,
    /// When the list and the open issue were last read, and how often they are read again.
    pub freshness: Freshness,
}

impl State {
    /// A fresh state showing `screen`.
    pub fn new(screen: Screen, jql: &str, keymap: Keymap, now: DateTime<Utc>) -> Self {
        State {
            screen,
            overlay: Overlay::None,
            session: None,
            list: ListView::new(jql),
            login: LoginForm::new("", ""),
            filters: FiltersView::default(),
            requests: Requests::default(),
            completion: crate::jql::complete::CompletionData::builtin(),
            suggestions: crate::jql::complete::SuggestionCache::default(),
            history: crate::store::history::History::in_memory(),
            status: None,
            spinner: 0,
            keymap,
            now,
            size: (80, 24),
            quit: false,
            wait: None,
            actions: super::actions::Actions::default(),
            board: BoardState::default(),
            prefetch: Prefetch::default(),
            freshness: Freshness::default(),
        }
    }

    /// Whether anything is in flight that someone waits for (the spinner turns, the tick
    /// runs), or suggestions wait for typing to pause (the tick counts that down).
    pub fn busy(&self) -> bool {
        self.requests.busy()
            || matches!(&self.overlay, Overlay::Query(q) if q.pending_suggest.is_some())
            || super::actions::counting_down(self)
            || super::compose::mention::counting_down(self)
            || super::form::counting_down(self)
    }

    /// Rows of the list body on screen.
    pub fn list_height(&self) -> usize {
        self.size.1.saturating_sub(LIST_TOP + 1).max(1) as usize
    }

    /// The issue view shown (or returned to from the filters screen).
    pub fn detail(&self) -> Option<&DetailView> {
        self.screen.detail()
    }

    /// Shows `screen`. When it carries no issue view, the requests of the one that goes away
    /// are forgotten: their answers are dropped.
    pub fn show(&mut self, screen: Screen) {
        if screen.detail().is_none() {
            self.requests.cancel(Slot::Issue);
            self.requests.cancel(Slot::Comments);
        }
        self.screen = screen;
    }

    /// Closes the overlay; the query overlay's requests are forgotten with it.
    pub fn close_overlay(&mut self) {
        if matches!(self.overlay, Overlay::Query(_)) {
            self.requests.cancel(Slot::Query);
            self.requests.cancel(Slot::Suggestions);
        }
        self.overlay = Overlay::None;
    }

    /// Says `text` in the status line until the next key.
    pub fn note(&mut self, text: impl Into<String>) {
        self.status = Some(Status::Note(text.into()));
    }

    /// Shows `notice` in the status line.
    pub fn fail(&mut self, notice: Notice) {
        self.status = Some(Status::Error(notice));
    }

    /// The note the status line shows, if it shows one.
    pub fn status_note(&self) -> Option<&str> {
        match &self.status {
            Some(Status::Note(note)) => Some(note),
            _ => None,
        }
    }

    /// The error the status line shows, as it reads there.
    pub fn status_error(&self) -> Option<String> {
        match &self.status {
            Some(Status::Error(notice)) => Some(notice.joined()),
            _ => None,
        }
    }
}
