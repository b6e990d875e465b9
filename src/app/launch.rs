//! How the TUI starts: the connection (ready, none, or still being made beside the first
//! frame), who is logged in, the query, the key map, and how a login is saved.

use crate::jira::Client;
use crate::notice::Notice;

/// Saves a login: profile and secret.
pub type SaveLogin =
    std::sync::Arc<dyn Fn(&super::msg::LoginRecord) -> Result<String, Notice> + Send + Sync>;

/// The site connection the TUI starts with.
pub enum Connection {
    /// None: the login screen.
    None,
    /// A client ready to use.
    Ready(Client),
    /// A client still being made — its secret read from the keyring or a command, its TLS
    /// roots loaded — on a thread of its own, started before the terminal is set up, so that
    /// it overlaps the first frame; the list's first requests wait for it. A failure shows the
    /// login screen with the reason.
    Pending(tokio::sync::oneshot::Receiver<Result<Client, Notice>>),
}

impl Connection {
    /// Starts making a client with `make` on a thread of its own.
    pub fn start(make: impl FnOnce() -> Result<Client, Notice> + Send + 'static) -> Self {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let spawned = std::thread::Builder::new()
            .name("jiratty-connect".into())
            .spawn(move || {
                // Nobody waits any more if the UI has already quit.
                let _ = tx.send(make());
            });
        // A thread that cannot start drops the sender: the receiver reports the failure.
        if let Err(e) = spawned {
            tracing::error!(error = %e, "cannot start the connecting thread");
        }
        Connection::Pending(rx)
    }
}

/// How the TUI starts.
pub struct Launch {
    /// The connection, or none for the login screen.
    pub client: Connection,
    /// Who the client is logged in as (for the header).
    pub session: Option<super::state::Session>,
    /// The query the list opens on.
    pub jql: String,
    /// The board (id or name) to open on instead of the list, if any.
    pub board: Option<String>,
    /// Prefill for the login form's site.
    pub site_hint: String,
    /// Prefill for the login form's user.
    pub user_hint: String,
    /// Key bindings.
    pub keymap: super::keymap::Keymap,
    /// Why the login screen is shown although a profile exists, for the status line.
    pub notice: Option<Notice>,
    /// The profile whose saved filters the TUI shows (and whose JQL history it keeps).
    pub filter_profile: String,
    /// The JQL history of that profile.
    pub history: crate::store::history::History,
    /// Saves a login made on the login screen; returns a note for the status line. It runs on
    /// a blocking thread (it writes files and talks to the keyring), never on the UI path.
    pub save_login: SaveLogin,
    /// The result cache of the profile (None: off, or no profile yet).
    pub cache: Option<crate::store::cache::ResultCache>,
    /// Seconds between background refreshes of what is shown (None: the default; 0: off).
    pub refresh: Option<u64>,
}
