//! `jiratty demo-server`: the embedded Jira-compatible server as a standalone process.

use crate::demo::model::Flavor;
#[cfg(feature = "demo")]
use crate::demo::{self, DemoConfig, dataset::DEFAULT_SEED, faults::FaultSpec};
use clap::Args;
#[cfg(feature = "demo")]
use std::io::Write;
use std::process::ExitCode;
#[cfg(feature = "demo")]
use std::time::Duration;

/// The seed of the default dataset (`demo::dataset::DEFAULT_SEED` in builds with the demo).
#[cfg(not(feature = "demo"))]
const DEFAULT_SEED: u64 = 42;

/// What `--faults` holds: the parsed spec, or (without the demo) the text as given.
#[cfg(feature = "demo")]
type Faults = FaultSpec;
#[cfg(not(feature = "demo"))]
type Faults = String;

/// Options of `jiratty demo-server`.
#[derive(Debug, Args)]
#[command(after_long_help = demo_accounts_help())]
pub struct DemoServerArgs {
    /// Which Jira to imitate: `cloud` (API tokens, ADF, token paging) or `dc` (Server/Data
    /// Center: passwords, PATs, sessions, wiki markup, offset paging).
    #[arg(long, value_enum, default_value = "cloud")]
    pub flavor: Flavor,
    /// Port on 127.0.0.1 (0 picks a free port).
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// Generate this many issues instead of the curated ~300.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=2_000_000))]
    pub issues: Option<u64>,
    /// Seed for the generated dataset and the fault sequence.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    /// Delay every response by this many milliseconds (a simulated round trip).
    #[arg(long, default_value_t = 0)]
    pub latency_ms: u64,
    /// Inject faults. SPEC is comma-separated KIND=PROBABILITY pairs, drawn once per REST
    /// request and reproducible with --seed. KIND: 429 (rate limited, with Retry-After and the
    /// flavour's rate-limit headers), 429-beta (the wait in Beta-Retry-After only), 429-reset
    /// (the wait in X-RateLimit-Reset only), near-limit (answers with X-RateLimit-NearLimit:
    /// true), 503, 500, truncate (200 with the JSON cut short), reset
    /// (connection dropped mid-response), sso (200 with an HTML SSO login page), hang (no
    /// answer), gzip-bomb (a gzip body inflating without end), endless-body; also
    /// retry-after=SECONDS (default 1), retry-after-raw=TEXT (sent as it is, e.g. 1e20) and
    /// rate-limit-reason=TEXT (RateLimit-Reason of Cloud's 429s, default jira-burst-based).
    /// Bare words switch on a misbehaviour for every request: repeat-token, ignore-start-at,
    /// endless-comments, bad-issue. Example: --faults 429=0.1,503=0.05,truncate=0.02
    #[arg(long, value_name = "SPEC", value_parser = parse_faults)]
    pub faults: Option<Faults>,
    /// Idle seconds after which a Server/DC cookie session expires.
    #[arg(long, default_value_t = 1800, hide_short_help = true)]
    pub session_timeout_secs: u64,
    /// Name of the Server/DC session cookie (sites behind Crowd SSO use others).
    #[arg(long, default_value = "JSESSIONID", hide_short_help = true)]
    pub session_cookie: String,
    /// Add a hostile issue, assigned to alice and updated last, whose summary, description,
    /// comment, reporter, status and label carry terminal escape sequences, control characters
    /// and bidi overrides (for testing that clients neutralise them).
    #[arg(long)]
    pub hostile: bool,
    /// Allow anonymous access: project DOC is public (searchable without a login), and the
    /// expired tokens (demo-api-token-expired, demo-pat-expired) get its anonymous results
    /// with `X-Seraph-LoginReason: AUTHENTICATED_FAILED`, as Jira answers them.
    #[arg(long)]
    pub anonymous_access: bool,
    /// Serve https:// with this certificate chain (PEM) instead of plain http://.
    #[arg(long, value_name = "PEM", requires = "tls_key")]
    pub tls_cert: Option<std::path::PathBuf>,
    /// The private key (PEM, unencrypted) of --tls-cert.
    #[arg(long, value_name = "PEM", requires = "tls_cert")]
    pub tls_key: Option<std::path::PathBuf>,
    /// Require a client certificate signed by this CA (PEM), as a proxy that wants mutual TLS
    /// does; needs --tls-cert and --tls-key.
    #[arg(long, value_name = "PEM", requires = "tls_cert")]
    pub client_ca: Option<std::path::PathBuf>,
}

fn parse_faults(spec: &str) -> Result<Faults, String> {
    #[cfg(feature = "demo")]
    return FaultSpec::parse(spec);
    #[cfg(not(feature = "demo"))]
    Ok(spec.to_string())
}

fn demo_accounts_help() -> &'static str {
    "Demo accounts:\n  cloud: alice@example.com with API token demo-api-token (the password \
     demo-password is refused, as Cloud refuses passwords); bob@example.com / demo-api-token-bob; \
     carol@example.com / demo-api-token-carol\n  dc: user alice, password demo-password, personal \
     access token demo-pat (bob: demo-pat-bob, carol: demo-pat-carol)\n  viewer (reads, comments, \
     watches; may not transition or assign): dave@example.com / demo-api-token-dave (cloud), dave / \
     demo-password (dc)\n  browser cookie (both): \
     tenant.session.token=demo-session-alice (cloud), JSESSIONID=demo-session-alice (dc)"
}

#[cfg(feature = "demo")]
impl DemoServerArgs {
    /// The server configuration these options describe.
    pub fn config(&self) -> DemoConfig {
        DemoConfig {
            flavor: self.flavor,
            port: self.port,
            issues: self.issues.map(|n| n as usize),
            seed: self.seed,
            latency: Duration::from_millis(self.latency_ms),
            faults: self.faults.clone().unwrap_or_default(),
            session_timeout: Duration::from_secs(self.session_timeout_secs),
            cookie_name: self.session_cookie.clone(),
            hostile: self.hostile,
            anonymous_access: self.anonymous_access,
        }
    }

    /// The TLS settings, when --tls-cert and --tls-key were given.
    pub fn tls(&self) -> Option<demo::tls::DemoTls> {
        Some(demo::tls::DemoTls {
            cert: self.tls_cert.clone()?,
            key: self.tls_key.clone()?,
            client_ca: self.client_ca.clone(),
        })
    }
}

/// Without the demo server in this build: says so (exit 2).
#[cfg(not(feature = "demo"))]
pub fn run(_args: DemoServerArgs) -> ExitCode {
    super::without_demo()
}

/// Runs the server until the process is killed.
#[cfg(feature = "demo")]
pub fn run(args: DemoServerArgs) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("jiratty demo-server: cannot start the async runtime: {e}");
            return ExitCode::from(super::exit::FAILURE);
        }
    };
    runtime.block_on(async {
        let started = match args.tls() {
            Some(tls) => demo::tls::start_tls(args.config(), &tls).await,
            None => demo::start(args.config()).await,
        };
        let server = match started {
            Ok(server) => server,
            Err(e) => {
                eprintln!("jiratty demo-server: {e}");
                return ExitCode::from(super::exit::FAILURE);
            }
        };
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "listening on {}", server.url());
        let _ = out.flush();
        drop(out);
        wait_for_termination().await;
        server.stop().await;
        ExitCode::SUCCESS
    })
}

#[cfg(feature = "demo")]
async fn wait_for_termination() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
