//! Messages into `update` and the commands it returns.

use crate::jira::{Credentials, Identity};
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
    /// Time passed (spinner, relative dates).
    Tick(chrono::DateTime<chrono::Utc>),
    /// The worker answered.
    Worker(WorkerEvent),
    /// Saving a login finished: a note for the status line, or why it failed.
    Saved(Result<String, String>),
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
    /// Put text on the clipboard.
    Copy(String),
    /// Save a successful login as a profile with its secret.
    SaveLogin(Box<LoginRecord>),
}
