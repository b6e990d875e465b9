//! The async worker: takes [`Request`]s over a bounded channel, runs each as a tokio task
//! against a [`Client`], and answers [`WorkerEvent`]s. It holds no UI state. A new search
//! aborts the one in flight; every answer carries the id of its request so the UI can drop
//! answers it no longer waits for.

use crate::jira::calls::IssueRequest;
use crate::jira::{AuthMethod, Client, ClientOptions, Deployment, JiraError};
mod forms;
mod messages;

pub use messages::{Act, Request, RequestId, RequestKind, Response, WorkerEvent};

use std::collections::HashMap;
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;

/// The UI's handle to the worker.
#[derive(Debug, Clone)]
pub struct WorkerHandle {
    tx: mpsc::Sender<Request>,
}

/// Why a request could not be handed over.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// The queue is full (the worker is far behind).
    #[error("too many requests are waiting; try again in a moment")]
    Busy,
    /// The worker has stopped.
    #[error("the background worker has stopped")]
    Stopped,
}

impl WorkerHandle {
    /// Hands a request over without waiting.
    pub fn send(&self, request: Request) -> Result<(), SendError> {
        self.tx.try_send(request).map_err(|e| match e {
            mpsc::error::TrySendError::Full(_) => SendError::Busy,
            mpsc::error::TrySendError::Closed(_) => SendError::Stopped,
        })
    }
}

/// Starts the worker on the current runtime. `client` is the logged-in client, if any.
pub fn spawn(client: Option<Client>) -> (WorkerHandle, mpsc::UnboundedReceiver<WorkerEvent>) {
    let (tx, rx) = mpsc::channel::<Request>(64);
    let (events_tx, events_rx) = mpsc::unbounded_channel();
    tokio::spawn(run(client, rx, events_tx));
    (WorkerHandle { tx }, events_rx)
}

/// Starts the worker with a client still being made (its secret read, its TLS set up): the UI
/// can send requests at once; they wait until `client` is there (None: they fail as not logged
/// in).
pub fn spawn_pending(
    client: JoinHandle<Option<Client>>,
) -> (WorkerHandle, mpsc::UnboundedReceiver<WorkerEvent>) {
    let (tx, rx) = mpsc::channel::<Request>(64);
    let (events_tx, events_rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        let client = client.await.ok().flatten();
        run(client, rx, events_tx).await
    });
    (WorkerHandle { tx }, events_rx)
}

/// Which in-flight task a request replaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Slot {
    Search,
    Issue,
    Comments,
    Login,
    Detect,
    Favourites,
    Publish,
    Autocomplete,
    Suggest,
    Me,
    Transitions,
    People,
    Users,
    Roles,
    Rows,
    Boards,
    BoardOpen,
    BoardIssues,
    Details,
    Quiet,
    /// Each change runs to its end: its own slot, by request id.
    Act(RequestId),
    /// Loading a form (editmeta, projects, create metadata): the newest wins.
    Form,
}

async fn run(
    mut client: Option<Client>,
    mut rx: mpsc::Receiver<Request>,
    events: mpsc::UnboundedSender<WorkerEvent>,
) {
    let mut running: HashMap<Slot, JoinHandle<()>> = HashMap::new();
    // How many requests the user waits for are running: reading ahead waits for none.
    let (foreground, _) = watch::channel(0usize);
    let (login_tx, mut login_rx) = mpsc::unbounded_channel::<Client>();
    loop {
        let request = tokio::select! {
            // A new client is always taken before later requests, which may need it.
            biased;
            Some(new_client) = login_rx.recv() => {
                client = Some(new_client);
                continue;
            }
            request = rx.recv() => match request {
                Some(r) => r,
                None => break,
            },
        };
        let slot = match request.kind {
            RequestKind::Search { .. } => Slot::Search,
            RequestKind::Issue { .. } => Slot::Issue,
            RequestKind::Comments { .. } => Slot::Comments,
            RequestKind::Login { .. } => Slot::Login,
            RequestKind::Detect { .. } => Slot::Detect,
            RequestKind::Favourites => Slot::Favourites,
            RequestKind::AutocompleteData => Slot::Autocomplete,
            RequestKind::Suggestions { .. } => Slot::Suggest,
            RequestKind::Publish { .. } => Slot::Publish,
            RequestKind::Myself => Slot::Me,
            RequestKind::Transitions { .. } => Slot::Transitions,
            RequestKind::Assignable { .. } => Slot::People,
            RequestKind::Users { .. } => Slot::Users,
            RequestKind::Roles { .. } => Slot::Roles,
            RequestKind::Rows { .. } => Slot::Rows,
            RequestKind::Act { .. } | RequestKind::CreateIssue { .. } => Slot::Act(request.id),
            RequestKind::EditForm { .. }
            | RequestKind::Projects
            | RequestKind::IssueTypes { .. }
            | RequestKind::CreateFields { .. } => Slot::Form,
            RequestKind::Boards => Slot::Boards,
            RequestKind::BoardOpen { .. } => Slot::BoardOpen,
            RequestKind::BoardIssues { .. } => Slot::BoardIssues,
            RequestKind::Details { .. } => Slot::Details,
            RequestKind::Quiet(_) => Slot::Quiet,
        };
        // The newest request of a kind wins: the older one is of no use any more.
        if let Some(old) = running.remove(&slot) {
            old.abort();
        }
        if matches!(&request.kind, RequestKind::Details { keys } if keys.is_empty()) {
            // Only a stop: the reading ahead that ran is of no use any more.
            continue;
        }
        let priority = Priority::of(&request.kind);
        let events = events.clone();
        let client = client.clone();
        let login_tx = login_tx.clone();
        let id = request.id;
        let held = (priority == Priority::Foreground).then(|| Running::start(&foreground));
        let mut idle = foreground.subscribe();
        let task = tokio::spawn(async move {
            let _held = held;
            if priority == Priority::Background {
                // Never beside a request the user waits for (a closed channel: go on).
                let _ = idle.wait_for(|running| *running == 0).await;
            }
            let result = execute(client, request.kind, &login_tx).await;
            // The UI may be gone while we shut down; nothing to do then.
            let _ = events.send(WorkerEvent { id, result });
        });
        running.insert(slot, task);
        running.retain(|_, t| !t.is_finished());
    }
    for (_, task) in running {
        task.abort();
    }
}

/// Whether the user waits for a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Priority {
    /// Someone waits for it: reading ahead holds back while one runs.
    Foreground,
    /// Nobody waits for it, and it does not hold reading ahead back (completion data).
    Beside,
    /// Reading ahead: starts only while no foreground request runs.
    Background,
}

impl Priority {
    fn of(kind: &RequestKind) -> Priority {
        match kind {
            RequestKind::Details { .. } | RequestKind::Quiet(_) => Priority::Background,
            RequestKind::AutocompleteData | RequestKind::Suggestions { .. } => Priority::Beside,
            _ => Priority::Foreground,
        }
    }
}

/// A foreground request counted as running until it ends (or is aborted).
struct Running(watch::Sender<usize>);

impl Running {
    fn start(count: &watch::Sender<usize>) -> Running {
        count.send_modify(|n| *n += 1);
        Running(count.clone())
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.0.send_modify(|n| *n = n.saturating_sub(1));
    }
}

fn no_client() -> JiraError {
    JiraError::Unsupported("not logged in to any site yet".into())
}

async fn execute(
    client: Option<Client>,
    kind: RequestKind,
    login_tx: &mpsc::UnboundedSender<Client>,
) -> Result<Response, JiraError> {
    match kind {
        RequestKind::Detect { site } => {
            let probe = Client::new(&site, None, ClientOptions::default())?;
            Ok(Response::Detected(probe.server_info().await?))
        }
        RequestKind::Login {
            site,
            credentials,
            options,
        } => {
            let new = Client::new(&site, Some(credentials), options)?;
            let identity = new.login().await?;
            let _ = login_tx.send(new);
            Ok(Response::LoggedIn(identity))
        }
        RequestKind::Search { request, cursor } => {
            let client = client.ok_or_else(no_client)?;
            Ok(Response::Page(
                client.search_page_of(&request, cursor.as_ref()).await?,
            ))
        }
        RequestKind::Issue { key } => {
            let client = client.ok_or_else(no_client)?;
            let request = IssueRequest {
                fields: Vec::new(),
                expand: vec!["names".to_string()],
            };
            Ok(Response::Issue(Box::new(
                client.issue(&key, &request).await?,
            )))
        }
        RequestKind::Details { keys } => {
            let client = client.ok_or_else(no_client)?;
            // Reading ahead: it waits while the site is near its rate limit.
            client.background_pause().await;
            Ok(Response::Details(client.issues_in_bulk(&keys).await?))
        }
        RequestKind::Quiet(inner) => {
            if let Some(client) = &client {
                client.background_pause().await;
            }
            Box::pin(execute(client, *inner, login_tx)).await
        }
        RequestKind::Comments {
            key,
            start_at,
            max_results,
        } => {
            let client = client.ok_or_else(no_client)?;
            // Background work: it waits while the site is near its rate limit.
            client.background_pause().await;
            Ok(Response::Comments(
                client.comments(&key, start_at, max_results).await?,
            ))
        }
        RequestKind::Favourites => {
            let client = client.ok_or_else(no_client)?;
            Ok(Response::Favourites(client.favourite_filters().await?))
        }
        RequestKind::AutocompleteData => {
            let client = client.ok_or_else(no_client)?;
            client.background_pause().await;
            Ok(Response::AutocompleteData(Box::new(
                client.autocomplete_data().await?,
            )))
        }
        RequestKind::Suggestions { field, prefix } => {
            let client = client.ok_or_else(no_client)?;
            client.background_pause().await;
            let results = client.suggestions(&field, &prefix).await?.results;
            Ok(Response::Suggestions {
                field,
                prefix,
                results,
            })
        }
        RequestKind::Publish {
            name,
            jql,
            description,
        } => {
            let client = client.ok_or_else(no_client)?;
            let filter = client
                .create_filter(&name, &jql, description.as_deref(), true)
                .await?;
            Ok(Response::Published(Box::new(filter)))
        }
        RequestKind::Myself => {
            let client = client.ok_or_else(no_client)?;
            Ok(Response::Me(Box::new(client.myself().await?)))
        }
        RequestKind::Transitions { key } => {
            let client = client.ok_or_else(no_client)?;
            Ok(Response::Transitions(client.transitions(&key).await?))
        }
        RequestKind::Assignable { key, query } => {
            let client = client.ok_or_else(no_client)?;
            let users = client.assignable_users(&key, &query, 50).await?;
            Ok(Response::People { query, users })
        }
        RequestKind::Roles { project } => {
            let client = client.ok_or_else(no_client)?;
            let mut choices: Vec<crate::jira::Visibility> = client
                .project_roles(&project)
                .await?
                .into_iter()
                .map(|value| crate::jira::Visibility {
                    kind: "role".into(),
                    value,
                })
                .collect();
            // Groups are a bonus: a site that hides them still offers its roles.
            if let Ok(groups) = client.my_groups().await {
                choices.extend(groups.into_iter().map(|value| crate::jira::Visibility {
                    kind: "group".into(),
                    value,
                }));
            }
            Ok(Response::Visibilities(choices))
        }
        RequestKind::Users { query } => {
            let client = client.ok_or_else(no_client)?;
            let users = client.find_users(&query, 8).await?;
            Ok(Response::People { query, users })
        }
        RequestKind::Boards => {
            let client = client.ok_or_else(no_client)?;
            Ok(Response::Boards(client.boards(None).await?))
        }
        RequestKind::BoardOpen { name_or_id } => {
            let client = client.ok_or_else(no_client)?;
            let board = client.find_board(&name_or_id).await?;
            let config = client.board_configuration(board.id).await?;
            let sprints = if board.is_scrum() {
                client.sprints(board.id, &["active", "future"]).await?
            } else {
                Vec::new()
            };
            Ok(Response::BoardOpened(Box::new((board, config, sprints))))
        }
        RequestKind::BoardIssues {
            board,
            scope,
            start_at,
            estimate_field,
            jql,
        } => {
            let client = client.ok_or_else(no_client)?;
            let page = client
                .board_issues(
                    board,
                    &scope,
                    jql.as_deref(),
                    start_at,
                    crate::jira::agile::BOARD_PAGE,
                    estimate_field.as_deref(),
                )
                .await?;
            Ok(Response::BoardIssues(page))
        }
        RequestKind::Rows { keys } => {
            let client = client.ok_or_else(no_client)?;
            Ok(Response::Rows(client.rows(&keys).await?))
        }
        kind @ (RequestKind::EditForm { .. }
        | RequestKind::Projects
        | RequestKind::IssueTypes { .. }
        | RequestKind::CreateFields { .. }
        | RequestKind::CreateIssue { .. }) => forms::run(client.ok_or_else(no_client)?, kind).await,
        RequestKind::Act {
            key,
            act: Act::Edit { edit, seen, force },
        } => forms::edit(client.ok_or_else(no_client)?, &key, &edit, seen, force).await,
        RequestKind::Act { key, act } => {
            let client = client.ok_or_else(no_client)?;
            match act {
                Act::Transition { id, input } => client.transition(&key, &id, &input).await?,
                Act::Assign(to) => client.assign(&key, &to).await?,
                Act::Watch { me, on } => client.set_watching(&key, &me, on).await?,
                Act::EditComment { id, body } => {
                    return Ok(Response::Commented(Box::new(
                        client.edit_comment(&key, &id, &body, None).await?,
                    )));
                }
                Act::DeleteComment { id } => client.delete_comment(&key, &id).await?,
                Act::Rank { place, rank_field } => {
                    client
                        .rank(std::slice::from_ref(&key), &place, rank_field)
                        .await?
                }
                Act::ToSprint { sprint } => {
                    client
                        .move_to_sprint(sprint, std::slice::from_ref(&key))
                        .await?
                }
                Act::ToBacklog => client.move_to_backlog(std::slice::from_ref(&key)).await?,
                Act::Edit { edit, .. } => client.edit_issue(&key, &edit).await?,
                Act::Comment { body, visibility } => {
                    return Ok(Response::Commented(Box::new(
                        client
                            .post_comment(&key, &body, visibility.as_ref())
                            .await?,
                    )));
                }
            }
            Ok(Response::Done)
        }
    }
}

/// Methods that fit a deployment, in the order the login screen offers them.
pub fn methods_for(deployment: Deployment) -> &'static [AuthMethod] {
    match deployment {
        Deployment::Cloud => &[AuthMethod::ApiToken, AuthMethod::Cookie],
        Deployment::Dc => &[
            AuthMethod::Password,
            AuthMethod::Pat,
            AuthMethod::Session,
            AuthMethod::Cookie,
        ],
    }
}
