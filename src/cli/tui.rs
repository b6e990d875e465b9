//! Starting the terminal UI: `jiratty` and `jiratty --demo`.

use super::LoginToSave;
use super::connect::ConnectArgs;
use crate::app::{self, Launch, keymap::Keymap, state::Session};
use crate::demo::model::Flavor;
#[cfg(feature = "demo")]
use crate::demo::{self, DemoConfig};
use crate::jira::Client;
#[cfg(feature = "demo")]
use crate::jira::{AuthMethod, ClientOptions, Credentials, Deployment, Secret};
use crate::notice::Notice;
use crate::store::config::Config;
use crate::store::secrets::Keyring;
use std::path::Path;
use std::process::ExitCode;

/// Loads the key map: the defaults, with the user's `keymap.toml` merged over them.
fn keymap() -> Result<Keymap, String> {
    let mut map = Keymap::default_map();
    if let Ok(dir) = crate::store::paths::config_dir() {
        merge_keymap_file(&mut map, &dir.join("keymap.toml"))?;
    }
    Ok(map)
}

/// Merges the key map file at `path` over `map`. No file is no change; a file that is there
/// but cannot be used — unreadable (a directory, no permission), not UTF-8 text, not valid
/// TOML, an unknown key or action — is an error naming the file, as a broken `config.toml`
/// is: jiratty never starts with keys the user did not ask for.
fn merge_keymap_file(map: &mut Keymap, path: &Path) -> Result<(), String> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("cannot read {}: it is not UTF-8 text", path.display()))?;
    map.merge_toml(&text)
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// What the TUI starts on.
enum Start {
    /// The in-process demo server of that flavour (started inside the runtime).
    #[cfg(feature = "demo")]
    Demo(Flavor, Keymap, Option<String>),
    /// The flags, environment and profile, settled before the runtime is.
    Profile(Box<Result<Launch, StartError>>),
}

/// Runs the TUI; `demo` starts an in-process demo server of that flavour and logs in to it.
pub fn run(connect: &ConnectArgs, demo: Option<Flavor>, board: Option<String>) -> ExitCode {
    let _log = crate::app::logging::init();
    let keymap = match keymap() {
        Ok(k) => k,
        Err(e) => {
            eprintln!("jiratty: the key map cannot be used: {e}");
            eprintln!("hint: fix the file, or move it away to use the default keys");
            return ExitCode::from(super::exit::USAGE);
        }
    };
    // A saved profile: settled first, so that its connection starts being made (on a thread
    // of its own) while the runtime and the terminal are set up.
    let start = match demo {
        #[cfg(feature = "demo")]
        Some(flavor) => Start::Demo(flavor, keymap, board),
        #[cfg(not(feature = "demo"))]
        Some(_) => return super::without_demo(),
        None => Start::Profile(Box::new(normal_launch(connect, keymap, board))),
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("jiratty: cannot start the async runtime: {e}");
            return ExitCode::from(super::exit::FAILURE);
        }
    };
    // A panic on the UI thread unwinds to here (the terminal guard restored the terminal on
    // the way); one on another thread ends the event loop with its report (see `app::crash`).
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        runtime.block_on(async move {
            let launch = match start {
                Start::Profile(launch) => (*launch)?,
                #[cfg(feature = "demo")]
                Start::Demo(flavor, keymap, board) => demo_launch(flavor, keymap, board)
                    .await
                    .map_err(StartError::other)?,
            };
            app::run(launch).await.map_err(StartError::other)
        })
    }));
    runtime.shutdown_timeout(std::time::Duration::from_millis(200));
    match result {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            e.notice.eprint();
            app::crash::mark_printed();
            ExitCode::from(e.code)
        }
        Err(_) => {
            let report = app::crash::last()
                .unwrap_or_else(|| app::crash::CrashReport::new("(unknown)", "?", "main"));
            eprintln!("jiratty: {}", report.sentence());
            app::crash::mark_printed();
            ExitCode::from(super::exit::FAILURE)
        }
    }
}

/// Why the TUI could not start or run, with the exit code that says so.
struct StartError {
    /// What to print.
    notice: Notice,
    /// The exit code.
    code: u8,
}

impl StartError {
    /// A failure that fits no other class (exit 1).
    fn other(notice: Notice) -> StartError {
        StartError {
            notice,
            code: super::exit::FAILURE,
        }
    }
}

/// Starts the demo server in this process and logs in as alice, without the keyring.
#[cfg(feature = "demo")]
async fn demo_launch(
    flavor: Flavor,
    keymap: Keymap,
    board: Option<String>,
) -> Result<Launch, Notice> {
    let server = demo::start(DemoConfig {
        flavor,
        ..DemoConfig::default()
    })
    .await
    .map_err(|e| Notice::new(e.to_string()))?;
    let url = server.url();
    // The server lives as long as the process: the TUI ends the process when it quits.
    std::mem::forget(server);
    let (credentials, deployment) = match flavor {
        Flavor::Cloud => (
            Credentials::new(
                AuthMethod::ApiToken,
                "alice@example.com",
                Secret::new("demo-api-token"),
            ),
            Deployment::Cloud,
        ),
        Flavor::Dc => (
            Credentials::new(AuthMethod::Password, "alice", Secret::new("demo-password")),
            Deployment::Dc,
        ),
    };
    let options = ClientOptions {
        deployment: Some(deployment),
        ..ClientOptions::default()
    };
    let profile = match flavor {
        Flavor::Cloud => "demo-cloud",
        Flavor::Dc => "demo-dc",
    };
    // Keyed on the flavour, not the URL: the demo's port changes from run to run.
    let cache = crate::store::cache::ResultCache::for_profile(profile, profile, &credentials.user);
    let client = Client::new(&url, Some(credentials), options).map_err(|e| Notice::from(&e))?;
    Ok(Launch {
        cache,
        client: app::Connection::Ready(client),
        session: Some(Session {
            site: url.clone(),
            user: "Alice Anderson (demo)".to_string(),
            deployment: Some(deployment),
        }),
        jql: app::state::DEFAULT_JQL.to_string(),
        board,
        site_hint: url,
        user_hint: String::new(),
        keymap,
        save_login: std::sync::Arc::new(|_| Ok("Logged in (demo: nothing is saved)".to_string())),
        notice: None,
        history: crate::store::history::History::load(profile),
        filter_profile: profile.to_string(),
        refresh: None,
    })
}

/// The TUI for the site the flags, environment or profile name; the login screen (prefilled
/// with what is known) when they name none or its secret is missing.
fn normal_launch(
    connect: &ConnectArgs,
    keymap: Keymap,
    board: Option<String>,
) -> Result<Launch, StartError> {
    // A broken config file stops here, before anything could overwrite it: bad input (2), as
    // for every command.
    let (config, warnings, _) = Config::load_default().map_err(|e| StartError {
        notice: Notice::hinted(e.to_string(), e.hint()),
        code: super::exit::USAGE,
    })?;
    let save_login: app::SaveLogin = std::sync::Arc::new(save_login);
    let filter_profile = super::filter::profile_for_filters(connect, &super::connect::env, &config)
        .unwrap_or_else(|_| "default".to_string());
    // The config just read serves the resolution too: read once at start-up. Only what the
    // config and environment say is settled before the first frame; the secret (keyring,
    // secret_command) and the client (TLS roots) are made beside it, off the UI path.
    let planned = connect.plan_with(&super::connect::env, &config);
    for w in &warnings {
        eprintln!("jiratty: {w}");
    }
    match planned {
        Ok(plan) => {
            let site = crate::jira::site::Site::parse(&plan.site)
                .map_or_else(|_| plan.site.clone(), |s| s.as_str().to_string());
            let user = plan.user.clone();
            let deployment = plan.options.deployment;
            let board = board.or_else(|| plan.default_board.clone());
            let jql = plan
                .default_jql
                .clone()
                .unwrap_or_else(|| app::state::DEFAULT_JQL.to_string());
            let refresh = plan
                .profile
                .as_deref()
                .and_then(|name| config.profile(name))
                .and_then(|p| p.refresh);
            let make = move || {
                let resolved = plan.with_secret(&Keyring::os()).map_err(|e| e.notice)?;
                Client::new(&resolved.site, Some(resolved.credentials), resolved.options)
                    .map_err(|e| Notice::from(&e))
            };
            Ok(Launch {
                board,
                cache: crate::store::cache::ResultCache::for_profile(&filter_profile, &site, &user),
                client: app::Connection::start(make),
                session: Some(Session {
                    site: site.clone(),
                    user: user.clone(),
                    deployment,
                }),
                jql,
                site_hint: site,
                user_hint: user,
                keymap,
                save_login,
                notice: None,
                history: crate::store::history::History::load(&filter_profile),
                filter_profile,
                refresh,
            })
        }
        Err(e) => {
            tracing::info!(reason = %e.notice.sentence, "no usable profile: showing the login screen");
            let profile = connect
                .profile
                .as_deref()
                .and_then(|n| config.profile(n))
                .or_else(|| config.default_entry().map(|(_, p)| p));
            let site = connect
                .site
                .clone()
                .or_else(|| std::env::var("JIRATTY_SITE").ok())
                .or_else(|| profile.map(|p| p.site.clone()))
                .unwrap_or_default();
            let user = connect
                .user
                .clone()
                .or_else(|| std::env::var("JIRATTY_USER").ok())
                .or_else(|| profile.and_then(|p| p.user.clone()))
                .unwrap_or_default();
            Ok(Launch {
                board: None,
                cache: None,
                client: app::Connection::None,
                session: None,
                jql: profile
                    .and_then(|p| p.default_jql.clone())
                    .unwrap_or_else(|| app::state::DEFAULT_JQL.to_string()),
                // The sentence alone: its hint (run `jiratty login`) is this very screen.
                notice: profile
                    .is_some()
                    .then(|| Notice::new(e.notice.sentence.clone())),
                history: crate::store::history::History::load(&filter_profile),
                filter_profile,
                site_hint: site,
                user_hint: user,
                keymap,
                save_login,
                refresh: profile.and_then(|p| p.refresh),
            })
        }
    }
}

/// Saves a login made on the login screen as a profile, with its secret in the keyring.
fn save_login(record: &app::msg::LoginRecord) -> Result<String, Notice> {
    let site = crate::jira::site::Site::parse(&record.site)
        .map(|s| s.as_str().to_string())
        .unwrap_or_else(|_| record.site.clone());
    let login = LoginToSave {
        profile: None,
        site: &site,
        credentials: &record.credentials,
        identity: &record.identity,
        ca_cert: None,
        allow_insecure_http: false,
        client_cert: None,
        client_key_passphrase: None,
        make_default: false,
        store_secret: true,
    };
    super::save_login(&login, &Keyring::os())
        .map(|saved| saved.summary())
        .map_err(|e| e.notice)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn merged(path: &Path) -> Result<Keymap, String> {
        let mut map = Keymap::default_map();
        merge_keymap_file(&mut map, path).map(|()| map)
    }

    #[test]
    fn a_missing_key_map_file_is_the_default_map() {
        let dir = tempfile::tempdir().expect("temp dir");
        let map = merged(&dir.path().join("keymap.toml")).expect("no file, no change");
        assert_eq!(map, Keymap::default_map());
    }

    #[test]
    fn every_unusable_key_map_file_is_an_error_naming_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("keymap.toml");
        type Make<'a> = Box<dyn Fn() + 'a>;
        let mut cases: Vec<(&str, Make)> = vec![
            (
                "bad TOML",
                Box::new(|| std::fs::write(&path, "[list]\n\"x\" = \n").expect("write")),
            ),
            (
                "not UTF-8",
                Box::new(|| {
                    std::fs::write(&path, b"[list]\n\"x\" = \"quit\xff\"\n").expect("write")
                }),
            ),
            (
                "a directory",
                Box::new(|| std::fs::create_dir(&path).expect("mkdir")),
            ),
        ];
        #[cfg(unix)]
        cases.push((
            "mode 000",
            Box::new(|| {
                use std::os::unix::fs::PermissionsExt;
                std::fs::write(&path, "[list]\n\"x\" = \"quit\"\n").expect("write");
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000))
                    .expect("chmod");
            }),
        ));
        for (what, make) in cases {
            let _ = std::fs::remove_dir(&path);
            let _ = std::fs::remove_file(&path);
            make();
            if what == "mode 000" && std::fs::read(&path).is_ok() {
                // Root reads it all the same: then it is a good file.
                continue;
            }
            let e = merged(&path).expect_err(what);
            assert!(e.contains("keymap.toml"), "{what}: {e}");
        }
    }
}
