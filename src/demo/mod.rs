//! The embedded Jira-compatible demo server: a real HTTP server on 127.0.0.1 that speaks
//! Jira's REST dialect in two flavours (Cloud and Server/Data Center), with Jira's status
//! codes, headers and error bodies. It backs `--demo` and every HTTP test.

// Handlers and their helpers return a ready axum `Response` as the error: boxing it would only
// add noise, and these paths are not hot.
#![allow(clippy::result_large_err)]

pub mod agile;
pub mod auth;
mod autocomplete;
mod bulkfetch;
mod comments;
pub mod dataset;
pub mod discussion;
pub mod extract;
pub mod faults;
mod filters;
pub mod flavor;
pub mod floods;
pub mod hostile;
pub mod jql_eval;
pub mod json;
pub mod labels;
pub mod live;
pub mod meta;
pub mod model;
mod people;
mod projects;
pub mod quirks;
pub mod respond;
pub mod rng;
mod routes;
mod search;
mod search_eval;
mod search_request;
mod session;
pub mod tls;
mod vocabulary;
mod workflow;

use auth::{LoginInfo, Session};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use faults::FaultSpec;
use model::{Dataset, Filter, Flavor};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

/// The REST API version of a request: v2 bodies are wiki markup, v3 bodies are ADF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiVersion {
    /// `/rest/api/2` (and `latest`).
    V2,
    /// `/rest/api/3` (Cloud only).
    V3,
}

/// How to run a demo server.
#[derive(Debug, Clone)]
pub struct DemoConfig {
    /// Which Jira to imitate.
    pub flavor: Flavor,
    /// Port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// Generate this many issues instead of the default dataset's size.
    pub issues: Option<usize>,
    /// Seed of the dataset and of the fault sequence.
    pub seed: u64,
    /// Delay added to every response.
    pub latency: Duration,
    /// Faults to inject.
    pub faults: FaultSpec,
    /// Idle time after which a cookie session expires.
    pub session_timeout: Duration,
    /// Name of the Server/DC session cookie.
    pub cookie_name: String,
    /// Add the hostile issue, whose text carries terminal attacks (see [`hostile`]).
    pub hostile: bool,
    /// Anonymous access: the public project ([`auth::PUBLIC_PROJECT`]) is searchable without
    /// a login, and an expired token gets anonymous results with
    /// `X-Seraph-LoginReason: AUTHENTICATED_FAILED` instead of a 401.
    pub anonymous_access: bool,
}

impl Default for DemoConfig {
    fn default() -> Self {
        DemoConfig {
            flavor: Flavor::Cloud,
            port: 0,
            issues: None,
            seed: dataset::DEFAULT_SEED,
            latency: Duration::ZERO,
            faults: FaultSpec::default(),
            session_timeout: Duration::from_secs(30 * 60),
            cookie_name: "JSESSIONID".to_string(),
            hostile: false,
            anonymous_access: false,
        }
    }
}

/// Mutable authentication state.
#[derive(Debug, Default)]
pub struct AuthState {
    /// Cookie sessions by value.
    pub sessions: HashMap<String, Session>,
    /// Login counters per user.
    pub login_info: HashMap<usize, LoginInfo>,
    /// Makes session values unique.
    pub session_counter: u64,
}

/// The running site: data plus the state that changes while it serves.
pub struct Site {
    /// Which Jira is imitated.
    pub flavor: Flavor,
    /// Issues, users, projects and the rest.
    pub data: Dataset,
    /// Reverse indexes over the data.
    pub index: json::Indexes,
    base: OnceLock<String>,
    auth: Mutex<AuthState>,
    filters: Mutex<Vec<Filter>>,
    /// Injected faults.
    pub faults: FaultSpec,
    fault_rng: Mutex<rng::Rng>,
    /// Delay before each response.
    pub latency: Duration,
    /// Idle timeout of cookie sessions.
    pub session_timeout: Duration,
    /// Whether anonymous callers may search the public project.
    pub anonymous_access: bool,
    cookie_name: String,
    search_cache: Mutex<search::SearchCache>,
    /// What the API changed since start (see [`live`]).
    live: Mutex<Arc<live::Live>>,
    /// Strings the JQL evaluator borrows.
    jql: search_eval::JqlTables,
    started: Instant,
}

/// Locks a mutex, recovering the data if a panicking thread poisoned it (the state stays
/// consistent: every critical section is a few plain assignments).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Site {
    /// Builds a site from `config` (generates the dataset).
    pub fn new(config: &DemoConfig) -> Self {
        let count = config.issues.unwrap_or(dataset::DEFAULT_ISSUES);
        let mut data = dataset::build(count, config.seed, dataset::default_anchor());
        if config.hostile {
            hostile::add(&mut data, chrono::Utc::now());
        }
        let index = json::Indexes::build(&data);
        let jql = search_eval::JqlTables::build(&data);
        let mut auth = AuthState::default();
        // Pre-made browser sessions for the cookie method (what a user would copy from a
        // browser that went through SSO): `demo-session-alice` and so on; they never expire.
        for (i, user) in data.users.iter().enumerate() {
            auth.sessions.insert(
                format!("demo-session-{}", user.name),
                Session {
                    user: i,
                    last_seen: Instant::now(),
                    permanent: true,
                },
            );
        }
        Site {
            flavor: config.flavor,
            filters: Mutex::new(data.filters.clone()),
            data,
            index,
            base: OnceLock::new(),
            auth: Mutex::new(auth),
            faults: config.faults.clone(),
            fault_rng: Mutex::new(rng::Rng::new(config.seed)),
            latency: config.latency,
            session_timeout: config.session_timeout,
            anonymous_access: config.anonymous_access,
            cookie_name: config.cookie_name.clone(),
            search_cache: Mutex::new(search::SearchCache::default()),
            live: Mutex::new(Arc::new(live::Live::default())),
            jql,
            started: Instant::now(),
        }
    }

    /// The site's base URL (`http://127.0.0.1:PORT`).
    pub fn base(&self) -> &str {
        self.base
            .get()
            .map(String::as_str)
            .unwrap_or("http://127.0.0.1")
    }

    fn lock_auth(&self) -> MutexGuard<'_, AuthState> {
        lock(&self.auth)
    }

    fn lock_filters(&self) -> MutexGuard<'_, Vec<Filter>> {
        lock(&self.filters)
    }

    fn fault_roll(&self) -> f64 {
        lock(&self.fault_rng).unit()
    }

    /// Clears every CAPTCHA lock (what `POST /demo/reset-captcha` does).
    pub fn reset_captcha(&self) {
        for info in self.lock_auth().login_info.values_mut() {
            info.failed = 0;
        }
    }
}

/// A demo server running in the background of this process.
pub struct DemoServer {
    /// Where it listens.
    pub addr: SocketAddr,
    /// The site it serves (for tests that want to look inside).
    pub site: Arc<Site>,
    /// It speaks TLS (see [`tls::start_tls`]).
    tls: bool,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

impl DemoServer {
    /// The base URL, `http://127.0.0.1:PORT` (`https://` over TLS).
    pub fn url(&self) -> String {
        let scheme = if self.tls { "https" } else { "http" };
        format!("{scheme}://{}", self.addr)
    }

    /// Stops the server and waits for it to finish.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let _ = (&mut self.task).await;
    }
}

impl Drop for DemoServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Errors starting the demo server.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// The port could not be bound.
    #[error("cannot listen on 127.0.0.1:{port}: {source}")]
    Bind {
        /// The port asked for.
        port: u16,
        /// Why.
        source: std::io::Error,
    },
    /// The TLS files could not be used.
    #[error("cannot serve TLS: {reason}")]
    Tls {
        /// Which file and why.
        reason: String,
    },
}

/// The router with all routes and middleware, for `site`.
pub fn router(site: Arc<Site>) -> Router {
    use axum::middleware::{from_fn_with_state, map_response};
    let flavor = site.flavor;
    let api = routes::routes()
        .layer(map_response(respond::jira_shaped_errors))
        .layer(from_fn_with_state(
            site.clone(),
            session::authenticate_layer,
        ))
        .layer(from_fn_with_state(site.clone(), faults::inject))
        .layer(from_fn_with_state(site.clone(), faults::latency))
        .layer(DefaultBodyLimit::max(1024 * 1024))
        .with_state(site);
    // Atlassian's API gateway on the same server, `/ex/jira/{cloudId}/rest/…`, and the site's
    // `/_edge/tenant_info`: Cloud only.
    if flavor != Flavor::Cloud {
        return api;
    }
    Router::new()
        .route(
            "/_edge/tenant_info",
            axum::routing::get(|| async {
                axum::Json(serde_json::json!({"cloudId": auth::CLOUD_ID}))
            }),
        )
        .nest(&format!("/ex/jira/{}", auth::CLOUD_ID), api.clone())
        .merge(api)
}

/// Starts a demo server on 127.0.0.1 in the current tokio runtime.
pub async fn start(config: DemoConfig) -> Result<DemoServer, DemoError> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", config.port))
        .await
        .map_err(|source| DemoError::Bind {
            port: config.port,
            source,
        })?;
    let addr = listener.local_addr().map_err(|source| DemoError::Bind {
        port: config.port,
        source,
    })?;
    let site = Arc::new(Site::new(&config));
    let _ = site.base.set(format!("http://{addr}"));
    tracing::info!(%addr, flavor = ?config.flavor, issues = site.data.issues.len(),
        built_ms = site.started.elapsed().as_millis() as u64, "demo server ready");
    let app = router(site.clone());
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    use axum::serve::ListenerExt;
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    let task = tokio::spawn(async move {
        let served = axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = rx.await;
            })
            .await;
        if let Err(e) = served {
            tracing::error!(error = %e, "demo server stopped");
        }
    });
    Ok(DemoServer {
        addr,
        site,
        tls: false,
        shutdown: Some(tx),
        task,
    })
}
