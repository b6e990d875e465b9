//! The one state of the TUI, owned by the event loop and changed only by `update`.

use super::input::LineInput;
use super::keymap::Keymap;
use crate::jira::{AuthMethod, Deployment, Issue, JiraError, PageCursor};
use crate::text::sanitize_line;
use crate::worker::RequestId;
use chrono::{DateTime, Utc};

/// The default query: my unresolved issues, most recently updated first.
pub const DEFAULT_JQL: &str =
    "assignee = currentUser() AND resolution = Unresolved ORDER BY updated DESC";

/// Rows requested for the first page of a query: more than a screen, and small enough that it
/// comes back soonest.
pub const FIRST_PAGE_SIZE: u32 = 50;

/// Rows requested per later page (half the round trips of 50 when paging far).
pub const PAGE_SIZE: u32 = 100;

/// Lines above the first list row: header (2) and the column titles (1).
pub const LIST_TOP: u16 = 3;

/// Which screen is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Site and credentials.
    Login,
    /// The issue list.
    List,
    /// One issue.
    Detail,
    /// Saved filters and Jira's favourites.
    Filters,
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
    /// A one-line question: a filter name, or a yes/no confirmation.
    Prompt(Prompt),
}

/// What a prompt asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum PromptKind {
    /// A name to save `jql` under.
    SaveName {
        /// The query to save.
        jql: String,
    },
    /// Whether to replace the existing filter `name`.
    ConfirmOverwrite {
        /// The filter to save.
        name: String,
        /// Its query.
        jql: String,
    },
    /// A new name for filter `old`.
    Rename {
        /// The current name.
        old: String,
    },
    /// Whether to delete filter `name`.
    ConfirmDelete {
        /// The filter.
        name: String,
    },
    /// Which of the issue's `count` numbered links to open.
    OpenLink {
        /// How many links there are.
        count: usize,
    },
}

/// A prompt over the screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    /// What it asks.
    pub kind: PromptKind,
    /// The typed answer (names).
    pub input: LineInput,
}

/// One entry of the filters screen.
#[derive(Debug, Clone, PartialEq)]
pub struct FilterEntry {
    /// Name.
    pub name: String,
    /// Query.
    pub jql: String,
    /// Description.
    pub description: Option<String>,
    /// Saved in jiratty (true) or one of Jira's favourites (false).
    pub local: bool,
}

/// The filters screen and the local filters the number keys run.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FiltersView {
    /// Local filters, most recently used first.
    pub local: Vec<FilterEntry>,
    /// Jira's favourite filters.
    pub remote: Vec<FilterEntry>,
    /// The favourites request in flight.
    pub remote_request: Option<RequestId>,
    /// Why the favourites could not be loaded.
    pub remote_error: Option<String>,
    /// The publish request in flight.
    pub publish_request: Option<RequestId>,
    /// Selected entry: local ones first, then the favourites.
    pub selected: usize,
    /// Why the local store cannot be used (a broken file), if so.
    pub store_error: Option<String>,
    /// Whether the local filters have been read (they load at start, off the UI path).
    pub loaded: bool,
    /// A number key pressed before they were read: run that filter once they are.
    pub pending_number: Option<usize>,
}

impl FiltersView {
    /// The entry at position `at` (local first, then favourites).
    pub fn entry(&self, at: usize) -> Option<&FilterEntry> {
        self.local
            .get(at)
            .or_else(|| self.remote.get(at.checked_sub(self.local.len())?))
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.local.len() + self.remote.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The JQL editor overlay.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryState {
    /// The text being edited.
    pub input: LineInput,
    /// The search it started, while waiting.
    pub request: Option<RequestId>,
    /// Why the server refused the last run.
    pub error: Option<ErrorView>,
    /// The completion popup, when open.
    pub popup: Option<Popup>,
    /// Ctrl-R history search: what has been typed so far.
    pub history_search: Option<String>,
    /// Position in the history while recalling with Up/Down (or the Ctrl-R match).
    pub history_pos: Option<usize>,
    /// The user's own text, kept while browsing the history.
    pub draft: Option<String>,
    /// Value suggestions to ask for once typing pauses: (field, prefix, ticks left).
    pub pending_suggest: Option<(String, String, u8)>,
    /// The suggestions request in flight.
    pub suggest_request: Option<RequestId>,
}

impl QueryState {
    /// An editor holding `jql`.
    pub fn new(jql: &str) -> Self {
        QueryState {
            input: LineInput::with_text(jql),
            request: None,
            error: None,
            popup: None,
            history_search: None,
            history_pos: None,
            draft: None,
            pending_suggest: None,
            suggest_request: None,
        }
    }
}

/// The completion popup.
#[derive(Debug, Clone, PartialEq)]
pub struct Popup {
    /// Candidates, best first.
    pub items: Vec<crate::jql::complete::Candidate>,
    /// The highlighted one.
    pub selected: usize,
    /// The byte range of the text that accepting replaces.
    pub replace: std::ops::Range<usize>,
}

/// An error as the user sees it: a sentence, a hint, and for JQL the position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorView {
    /// What went wrong.
    pub sentence: String,
    /// What to do.
    pub hint: Option<String>,
    /// (line, character), 1-based, for JQL errors.
    pub position: Option<(u32, u32)>,
}

impl From<&JiraError> for ErrorView {
    fn from(e: &JiraError) -> Self {
        let position = match e {
            JiraError::BadJql {
                line: Some(l),
                character: Some(c),
                ..
            } => Some((*l, *c)),
            _ => None,
        };
        ErrorView {
            sentence: sanitize_line(&e.sentence()),
            hint: e.hint().map(|h| sanitize_line(&h)),
            position,
        }
    }
}

pub use super::row::{Category, Names, Row, StoredRow};

/// Loading state of a view.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    /// Nothing in flight.
    Idle,
    /// A request is in flight.
    Loading,
    /// The last request failed.
    Failed(ErrorView),
}

/// The narrowing `/` filter over loaded rows.
#[derive(Debug, Clone, PartialEq)]
pub struct QuickFilter {
    /// What was typed.
    pub input: LineInput,
    /// Whether the input still has focus.
    pub editing: bool,
    /// Indices of matching rows, in list order.
    pub matches: Vec<usize>,
    /// The needle `matches` holds the matches of (lowercase, without spaces); None when they
    /// must be found again from all rows.
    pub matched: Option<String>,
}

impl QuickFilter {
    /// A filter being typed, with nothing typed yet.
    pub fn new() -> Self {
        QuickFilter {
            input: LineInput::default(),
            editing: true,
            matches: Vec::new(),
            matched: None,
        }
    }
}

impl Default for QuickFilter {
    fn default() -> Self {
        QuickFilter::new()
    }
}

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

/// The issue list.
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
    /// The page request in flight.
    pub request: Option<RequestId>,
    /// First page loading, failed, or idle.
    pub phase: Phase,
    /// A failure loading a later page (rows stay).
    pub page_error: Option<ErrorView>,
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
    /// The request in flight is a first page whose rows replace the ones shown (a reload).
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
            request: None,
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

/// One issue.
#[derive(Debug, Clone, PartialEq)]
pub struct DetailView {
    /// Its key.
    pub key: String,
    /// The issue once loaded (shared with a layout being built off the UI thread).
    pub issue: Option<std::sync::Arc<Issue>>,
    /// The request in flight.
    pub request: Option<RequestId>,
    /// Loading or failed.
    pub phase: Phase,
    /// Lines scrolled.
    pub scroll: usize,
    /// The related issue (parent, sub-task, link) chosen with Tab, which Enter opens.
    pub related: Option<usize>,
    /// The issues to go back to with Esc, the most recent last.
    pub back: Vec<String>,
    /// Changes with the issue and its comments (the layout is rebuilt when it moves): the id
    /// of the answer that brought them, unique across views.
    pub version: u64,
    /// The request for more comments in flight.
    pub comments_request: Option<RequestId>,
    /// Why more comments could not be loaded.
    pub comments_error: Option<ErrorView>,
    /// The issue laid out for the screen, rebuilt only when what it shows changes.
    pub layout: DetailLayout,
}

impl DetailView {
    /// A view of `key`, waiting for request `request`; `back` is the way back.
    pub fn new(key: String, request: RequestId, back: Vec<String>) -> Self {
        DetailView {
            key,
            issue: None,
            request: Some(request),
            phase: Phase::Loading,
            scroll: 0,
            related: None,
            back,
            version: 0,
            comments_request: None,
            comments_error: None,
            layout: DetailLayout::default(),
        }
    }

    /// Comments loaded so far and how many the issue has.
    pub fn comment_counts(&self) -> (usize, u64) {
        match self
            .issue
            .as_deref()
            .and_then(|i| i.fields.comment.as_ref())
        {
            Some(page) => (
                page.comments.len(),
                page.total.max(page.comments.len() as u64),
            ),
            None => (0, 0),
        }
    }
}

pub use super::detail_layout::{DetailLayout, LayoutStamp};

/// The keys of an issue's related issues in the order the detail view lists them: parent,
/// sub-tasks, then linked issues.
pub fn related_keys(issue: &Issue) -> Vec<String> {
    let f = &issue.fields;
    let mut keys: Vec<String> = f.parent.iter().map(|p| p.key.clone()).collect();
    keys.extend(f.subtasks.iter().map(|s| s.key.clone()));
    for l in &f.issuelinks {
        if let Some(other) = l.outward_issue.as_ref().or(l.inward_issue.as_ref()) {
            keys.push(other.key.clone());
        }
    }
    keys.into_iter().map(|k| sanitize_line(&k)).collect()
}

/// Fields of the login form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginField {
    /// Site URL.
    Site,
    /// Authentication method.
    Method,
    /// E-mail or username.
    User,
    /// Token, password or cookie.
    Secret,
}

/// The login form.
#[derive(Debug, Clone, PartialEq)]
pub struct LoginForm {
    /// Site URL.
    pub site: LineInput,
    /// E-mail or username.
    pub user: LineInput,
    /// The secret (shown masked).
    pub secret: LineInput,
    /// Chosen method.
    pub method: Option<AuthMethod>,
    /// Detected deployment.
    pub deployment: Option<Deployment>,
    /// The version the site reported.
    pub version: String,
    /// The site text detection ran for.
    pub detected_site: String,
    /// Focused field.
    pub focus: LoginField,
    /// Detection in flight.
    pub detect_request: Option<RequestId>,
    /// Login in flight.
    pub login_request: Option<RequestId>,
    /// The last error and the field it concerns.
    pub error: Option<(LoginField, ErrorView)>,
}

impl LoginForm {
    /// An empty form, prefilled with a site when one is known.
    pub fn new(site: &str, user: &str) -> Self {
        LoginForm {
            site: LineInput::with_text(site),
            user: LineInput::with_text(user),
            secret: LineInput::default(),
            method: None,
            deployment: None,
            version: String::new(),
            detected_site: String::new(),
            focus: LoginField::Site,
            detect_request: None,
            login_request: None,
            error: None,
        }
    }
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
    /// The issue being read.
    pub detail: Option<DetailView>,
    /// The login form.
    pub login: LoginForm,
    /// Saved filters.
    pub filters: FiltersView,
    /// Where to go back to from the filters screen.
    pub filters_back: Screen,
    /// What JQL completion knows of the site (built-in until the site answers).
    pub completion: crate::jql::complete::CompletionData,
    /// Value suggestions already fetched, per field and prefix.
    pub suggestions: crate::jql::complete::SuggestionCache,
    /// Queries run, newest first.
    pub history: crate::store::history::History,
    /// The last error shown in the status line.
    pub status_error: Option<String>,
    /// A short note in the status line ("Copied ACME-1").
    pub status_note: Option<String>,
    /// Spinner frame.
    pub spinner: usize,
    /// Key bindings.
    pub keymap: Keymap,
    /// The time relative dates are shown against.
    pub now: DateTime<Utc>,
    /// Terminal size.
    pub size: (u16, u16),
    /// Set when the user quits.
    pub quit: bool,
    /// What the status line says is waited for, and since when.
    pub wait: Option<super::wait::Wait>,
    next_id: u64,
}

impl State {
    /// A fresh state showing `screen`.
    pub fn new(screen: Screen, jql: &str, keymap: Keymap, now: DateTime<Utc>) -> Self {
        State {
            screen,
            overlay: Overlay::None,
            session: None,
            list: ListView::new(jql),
            detail: None,
            login: LoginForm::new("", ""),
            filters: FiltersView::default(),
            filters_back: Screen::List,
            completion: crate::jql::complete::CompletionData::builtin(),
            suggestions: crate::jql::complete::SuggestionCache::default(),
            history: crate::store::history::History::in_memory(),
            status_error: None,
            status_note: None,
            spinner: 0,
            keymap,
            now,
            size: (80, 24),
            quit: false,
            wait: None,
            next_id: 0,
        }
    }

    /// A new request id.
    pub fn next_request_id(&mut self) -> RequestId {
        self.next_id += 1;
        RequestId(self.next_id)
    }

    /// Whether anything is in flight (the spinner turns, the tick runs).
    pub fn busy(&self) -> bool {
        self.list.request.is_some()
            || self
                .detail
                .as_ref()
                .is_some_and(|d| d.request.is_some() || d.comments_request.is_some())
            || self.login.detect_request.is_some()
            || self.login.login_request.is_some()
            || matches!(&self.overlay, Overlay::Query(q) if q.request.is_some())
            || self.filters.remote_request.is_some()
            || matches!(&self.overlay, Overlay::Query(q) if q.pending_suggest.is_some())
            || self.filters.publish_request.is_some()
    }

    /// Rows of the list body on screen.
    pub fn list_height(&self) -> usize {
        self.size.1.saturating_sub(LIST_TOP + 1).max(1) as usize
    }
}
