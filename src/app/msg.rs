//! Messages into `update` and the commands it returns.

use crate::jira::{Credentials, Identity};
use crate::notice::Notice;
use crate::worker::{Request, WorkerEvent};
use crossterm::event::{KeyEvent, MouseEvent};

/// Something that happened.
#[derive(Debug, Clone)]
pub enum Msg {
    /// A key press.
    Key(KeyEvent),
    /// Pasted text.
    Paste(String),
    /// A mouse event.
    Mouse(MouseEvent),
    /// The terminal changed size.
    Resize(u16, u16),
    /// Time passed while something is in flight (spinner, waits, debounce, relative dates).
    Tick(chrono::DateTime<chrono::Utc>),
    /// The clock moved with no tick running: the minute turned, or a terminal event came
    /// (relative dates only). See [`super::clock`].
    Clock(chrono::DateTime<chrono::Utc>),
    /// The terminal gained (`true`) or lost focus.
    Focus(bool),
    /// The worker answered.
    Worker(WorkerEvent),
    /// Saving a login finished: a note for the status line, or why it failed.
    Saved(Result<String, Notice>),
    /// A filter-store operation finished.
    Filters(FilterOutcome),
    /// The connection being made at start-up could not be (no secret, a bad CA file...).
    ConnectFailed(Notice),
    /// The draft of an issue was read ([`Command::LoadDraft`]).
    DraftLoaded {
        /// The issue.
        key: String,
        /// Its draft, if any, or why it could not be read.
        draft: Result<Option<String>, Notice>,
    },
    /// The external editor finished ([`Command::ExternalEditor`]).
    Edited {
        /// The issue.
        key: String,
        /// The text it left, or why it could not run.
        result: Result<String, Notice>,
    },
    /// A detail layout built off the UI thread ([`Command::LayOut`]).
    LaidOut(Box<crate::app::detail_layout::DetailLayout>),
}

/// An operation on the local filter store (run off the UI path).
#[derive(Debug, Clone, PartialEq)]
pub enum FilterOp {
    /// Read the list.
    Load,
    /// Save a filter (replace only with `overwrite`).
    Save {
        /// Name.
        name: String,
        /// Query.
        jql: String,
        /// Description.
        description: Option<String>,
        /// Replace a filter of the same name.
        overwrite: bool,
    },
    /// Rename a filter.
    Rename {
        /// Current name.
        old: String,
        /// New name.
        new: String,
    },
    /// Delete a filter.
    Delete {
        /// Name.
        name: String,
    },
    /// Record that a filter ran.
    MarkUsed {
        /// Name.
        name: String,
    },
}

/// What a filter-store operation gave.
#[derive(Debug, Clone, PartialEq)]
pub struct FilterOutcome {
    /// The operation.
    pub op: FilterOp,
    /// The list afterwards (when it could be read), or why it could not.
    pub list: Result<Vec<crate::app::state::FilterEntry>, Notice>,
    /// The operation's own result: a note, or an error.
    pub result: Result<Option<String>, FilterFailure>,
}

/// Why a filter-store operation failed.
#[derive(Debug, Clone, PartialEq)]
pub enum FilterFailure {
    /// A filter of that name exists (save again with `overwrite` to replace it).
    Duplicate(String),
    /// Anything else.
    Other(Notice),
}

/// A login that succeeded through the login screen, to be saved as a profile.
#[derive(Debug, Clone)]
pub struct LoginRecord {
    /// Site as typed.
    pub site: String,
    /// Credentials used.
    pub credentials: Credentials,
    /// Who it resolved to.
    pub identity: Identity,
}

/// Something for the event loop to do.
#[derive(Debug, Clone)]
pub enum Command {
    /// Hand a request to the worker.
    Send(Request),
    /// Open a URL in the browser.
    OpenUrl(String),
    /// Read the draft of an issue; answers [`Msg::DraftLoaded`].
    LoadDraft(String),
    /// Keep `text` as the draft of `key` (None or empty: remove it).
    SaveDraft {
        /// The issue.
        key: String,
        /// The text.
        text: Option<String>,
    },
    /// Suspend the TUI and edit `text` in `$VISUAL`/`$EDITOR`; answers [`Msg::Edited`].
    ExternalEditor {
        /// The issue.
        key: String,
        /// The text so far.
        text: String,
    },
    /// Put text on the clipboard.
    Copy(String),
    /// Save a successful login as a profile with its secret.
    SaveLogin(Box<LoginRecord>),
    /// Change or read the local filter store.
    Filters(FilterOp),
    /// Lay an issue out on a blocking thread and answer with [`Msg::LaidOut`].
    LayOut(Box<crate::app::detail_layout::LayoutJob>),
    /// Write the JQL history to disk.
    SaveHistory(Box<crate::store::history::History>),
    /// Keep the first page of a query's results for the next start.
    CacheResults {
        /// The query.
        jql: String,
        /// Total matches, when the site said.
        total: Option<u64>,
        /// The rows.
        rows: Vec<crate::app::state::StoredRow>,
    },
}
