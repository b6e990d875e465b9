//! Helpers shared by the client and CLI integration tests: demo servers, clients with fast
//! retries, a recording reverse proxy (to count and inspect requests), a TLS terminator with a
//! freshly generated self-signed certificate, and a few tiny non-Jira servers.
#![allow(dead_code)]

pub mod fixtures;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use jiratty::demo::model::Flavor;
use jiratty::demo::{DemoConfig, DemoServer};
use jiratty::jira::{AuthMethod, Client, ClientOptions, Credentials, RetryPolicy, Secret};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Cloud demo account.
pub const CLOUD_EMAIL: &str = "alice@example.com";
/// Alice's Cloud API token.
pub const CLOUD_TOKEN: &str = "demo-api-token";
/// Alice's account password (refused by Cloud, accepted by DC).
pub const PASSWORD: &str = "demo-password";
/// Alice's DC personal access token.
pub const PAT: &str = "demo-pat";

/// Starts a demo server of `flavor`, letting `tweak` adjust the configuration.
pub async fn demo_with(flavor: Flavor, tweak: impl FnOnce(&mut DemoConfig)) -> DemoServer {
    let mut config = DemoConfig {
        flavor,
        ..DemoConfig::default()
    };
    tweak(&mut config);
    jiratty::demo::start(config)
        .await
        .expect("the demo server starts on a free port")
}

/// Starts a demo server of `flavor` with the default dataset.
pub async fn demo(flavor: Flavor) -> DemoServer {
    demo_with(flavor, |_| {}).await
}

/// Options with quick retries (1 ms backoff) so fault tests stay fast.
pub fn fast() -> ClientOptions {
    ClientOptions {
        retry: RetryPolicy {
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(20),
            ..RetryPolicy::default()
        },
        ..ClientOptions::default()
    }
}

/// Credentials from plain strings.
pub fn creds(method: AuthMethod, user: &str, secret: &str) -> Credentials {
    Credentials::new(method, user, Secret::new(secret))
}

/// A client for `url` with fast retries.
pub fn client(url: &str, method: AuthMethod, user: &str, secret: &str) -> Client {
    Client::new(url, Some(creds(method, user, secret)), fast())
        .expect("a client for a loopback URL")
}

/// Alice on either flavour with the flavour's usual method (API token on Cloud, PAT on DC).
pub fn alice(url: &str, flavor: Flavor) -> Client {
    alice_with(url, flavor, fast())
}

/// Alice with the flavour's usual method and the given options.
pub fn alice_with(url: &str, flavor: Flavor, options: ClientOptions) -> Client {
    let credentials = match flavor {
        Flavor::Cloud => creds(AuthMethod::ApiToken, CLOUD_EMAIL, CLOUD_TOKEN),
        Flavor::Dc => creds(AuthMethod::Pat, "", PAT),
    };
    Client::new(url, Some(credentials), options).expect("a client for a loopback URL")
}

/// The number of `project = KEY` issues in the server's dataset.
pub fn project_count(server: &DemoServer, project: &str) -> usize {
    let data = &server.site.data;
    data.issues
        .iter()
        .filter(|i| data.projects[i.project as usize].key == project)
        .count()
}

/// A port nothing listens on (bound, then released).
pub fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    listener.local_addr().expect("local address").port()
}

/// One request that went through a [`Recorder`].
#[derive(Debug, Clone)]
pub struct Recorded {
    /// HTTP method.
    pub method: String,
    /// Path and query.
    pub path: String,
    /// The `Cookie` header, if any.
    pub cookie: Option<String>,
    /// Whether an `Authorization` header was sent.
    pub authorization: bool,
    /// The status the backend answered.
    pub status: u16,
}

/// A reverse proxy in front of a demo server that records every request.
pub struct Recorder {
    /// The proxy's base URL.
    pub url: String,
    log: Arc<Mutex<Vec<Recorded>>>,
    _task: tokio::task::JoinHandle<()>,
}

impl Recorder {
    /// Every request so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.log.lock().expect("recorder log lock").clone()
    }

    /// Requests whose method is `method` and whose path contains `path`.
    pub fn matching(&self, method: &str, path: &str) -> Vec<Recorded> {
        self.requests()
            .into_iter()
            .filter(|r| r.method == method && r.path.contains(path))
            .collect()
    }
}

#[derive(Clone)]
struct ProxyState {
    backend: String,
    http: reqwest::Client,
    log: Arc<Mutex<Vec<Recorded>>>,
}

async fn forward(State(state): State<ProxyState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let path = parts
        .uri
        .path_and_query()
        .map_or("/".to_string(), |p| p.to_string());
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let header = |name: &str| {
        parts
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let mut outgoing = state
        .http
        .request(parts.method.clone(), format!("{}{path}", state.backend))
        .body(body);
    for (name, value) in &parts.headers {
        if !matches!(
            name.as_str(),
            "host" | "content-length" | "connection" | "transfer-encoding"
        ) {
            outgoing = outgoing.header(name, value);
        }
    }
    let answer = outgoing.send().await;
    let (status, headers, bytes) = match answer {
        Ok(r) => {
            let status = r.status();
            let headers = r.headers().clone();
            let bytes = r.bytes().await.unwrap_or_default();
            (status, headers, bytes)
        }
        Err(_) => (
            StatusCode::BAD_GATEWAY,
            HeaderMap::new(),
            Default::default(),
        ),
    };
    state.log.lock().expect("recorder log lock").push(Recorded {
        method: parts.method.to_string(),
        path,
        cookie: header("cookie"),
        authorization: parts.headers.contains_key("authorization"),
        status: status.as_u16(),
    });
    let mut response = Response::new(Body::from(bytes));
    *response.status_mut() = status;
    for (name, value) in &headers {
        if !matches!(
            name.as_str(),
            "content-length" | "connection" | "transfer-encoding"
        ) {
            response.headers_mut().append(name, value.clone());
        }
    }
    response
}

/// Starts a recording proxy in front of `backend` (a base URL).
pub async fn recorder(backend: &str) -> Recorder {
    let log = Arc::new(Mutex::new(Vec::new()));
    let state = ProxyState {
        backend: backend.trim_end_matches('/').to_string(),
        http: reqwest::Client::builder()
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("a plain reqwest client"),
        log: log.clone(),
    };
    let app = axum::Router::new().fallback(forward).with_state(state);
    let (url, task) = serve(app).await;
    Recorder {
        url,
        log,
        _task: task,
    }
}

/// Serves `app` on a free loopback port; returns the base URL and the server task.
pub async fn serve(app: axum::Router) -> (String, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a free port");
    let addr = listener.local_addr().expect("local address");
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (format!("http://{addr}"), task)
}

/// A server that answers every request with `status`, `content_type` and `body`.
pub async fn canned(status: u16, content_type: &'static str, body: &'static str) -> String {
    let status = StatusCode::from_u16(status).expect("a valid status");
    let app = axum::Router::new().fallback(move || async move {
        (
            status,
            [(axum::http::header::CONTENT_TYPE, content_type)],
            body,
        )
            .into_response()
    });
    serve(app).await.0
}

/// A TLS terminator with a self-signed certificate for 127.0.0.1 and localhost, forwarding
/// the decrypted bytes to a plain-http backend.
pub struct TlsFront {
    /// `https://127.0.0.1:PORT`.
    pub url: String,
    /// The certificate as a PEM file (what a user passes with `--ca-cert`).
    pub ca_pem: PathBuf,
    _dir: tempfile::TempDir,
    _task: tokio::task::JoinHandle<()>,
}

/// Generates a certificate and starts a TLS terminator in front of `backend`.
pub async fn tls_front(backend: SocketAddr) -> TlsFront {
    use tokio_rustls::rustls;
    use tokio_rustls::rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};

    let generated =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string(), "localhost".to_string()])
            .expect("rcgen makes a self-signed certificate");
    let dir = tempfile::tempdir().expect("a temporary directory");
    let ca_pem = dir.path().join("self-signed.pem");
    std::fs::write(&ca_pem, generated.cert.pem()).expect("write the PEM file");
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
        generated.signing_key.serialize_der(),
    ));
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("default TLS versions")
        .with_no_client_auth()
        .with_single_cert(vec![generated.cert.der().clone()], key)
        .expect("a server config with the certificate");
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a free port");
    let addr = listener.local_addr().expect("local address");
    let task = tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                // A refused handshake (the client does not trust us) just ends this connection.
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let Ok(mut plain) = tokio::net::TcpStream::connect(backend).await else {
                    return;
                };
                let _ = tokio::io::copy_bidirectional(&mut tls, &mut plain).await;
            });
        }
    });
    TlsFront {
        url: format!("https://{addr}"),
        ca_pem,
        _dir: dir,
        _task: task,
    }
}

/// What a run of the `jiratty` binary left behind.
#[derive(Debug)]
pub struct Run {
    /// Exit code (-1 when killed by a signal).
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// Both streams, for searching.
    pub fn all(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }
}

/// The environment that logs in as Alice with the flavour's usual method.
pub fn alice_env(url: &str, flavor: Flavor) -> Vec<(String, String)> {
    let (auth, user, secret) = match flavor {
        Flavor::Cloud => ("api-token", CLOUD_EMAIL, CLOUD_TOKEN),
        Flavor::Dc => ("pat", "", PAT),
    };
    [
        ("JIRATTY_SITE", url),
        ("JIRATTY_AUTH", auth),
        ("JIRATTY_USER", user),
        ("JIRATTY_SECRET", secret),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

/// Runs the real binary with `args` and exactly the `JIRATTY_*` variables in `env` (plus
/// private config and data directories), on a blocking thread so the in-process demo server
/// keeps serving.
pub async fn jiratty(args: &[&str], env: &[(String, String)]) -> Run {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let env = env.to_vec();
    tokio::task::spawn_blocking(move || {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_jiratty"));
        command.args(&args).stdin(std::process::Stdio::null());
        for (name, _) in std::env::vars() {
            if name.starts_with("JIRATTY_") || name.ends_with("_PROXY") || name.ends_with("_proxy")
            {
                command.env_remove(name);
            }
        }
        command
            .env("JIRATTY_CONFIG_DIR", dir.path().join("config"))
            .env("JIRATTY_DATA_DIR", dir.path().join("data"))
            .env("NO_COLOR", "1")
            .env_remove("COLUMNS");
        for (name, value) in &env {
            command.env(name, value);
        }
        let output = command.output().expect("run the jiratty binary");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    })
    .await
    .expect("the blocking task finishes")
}
