//! `jiratty login`: ask for what is missing, detect Cloud or Data Center, verify the
//! credentials, then keep the profile and the secret.

use super::connect::{ConnectArgs, ConnectError, auth_from_env, env};
use super::prompt;
use super::save::{self, LoginToSave};
use crate::jira::{AuthMethod, Client, ClientOptions, Credentials, Deployment, JiraError, Secret};
use crate::notice::Notice;
use crate::store::Config;
use crate::store::config::normalise_site;
use crate::store::secrets::{self, Keyring, SecretSource};
use crate::text::sanitize_line;
use clap::Args;
use std::process::ExitCode;

/// Options of `jiratty login`; `--profile`, `--site`, `--auth`, `--user` and `--ca-cert`
/// are the global ones.
#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Make this profile the default one (the first profile always is).
    #[arg(long)]
    pub default: bool,
    /// Read the secret from the first line of standard input instead of asking for it; it is
    /// stored in the keyring like a typed one.
    #[arg(long)]
    pub secret_stdin: bool,
    /// Client certificate (PEM) for sites that require one (mutual TLS); kept in the profile.
    #[arg(long, value_name = "PATH")]
    pub client_cert: Option<std::path::PathBuf>,
    /// The client certificate's private key (PEM, may be encrypted); its passphrase is asked
    /// for and kept in the OS keyring.
    #[arg(long, value_name = "PATH", requires = "client_cert")]
    pub client_key: Option<std::path::PathBuf>,
}

fn usage(sentence: impl Into<String>, hint: Option<&str>) -> ConnectError {
    ConnectError::new(
        super::exit::USAGE,
        Notice::hinted(sentence, hint.map(str::to_string)),
    )
}

fn io_error(e: std::io::Error) -> ConnectError {
    if e.kind() == std::io::ErrorKind::Interrupted {
        return ConnectError::new(
            super::exit::FAILURE,
            Notice::new("login cancelled; nothing was saved"),
        );
    }
    usage(format!("cannot read from the terminal: {e}"), None)
}

/// Something the user must supply: from the terminal when there is one, else a clear failure.
fn ask_for(label: &str, default: Option<&str>, how_else: &str) -> Result<String, ConnectError> {
    if !prompt::interactive() {
        return Err(usage(
            format!(
                "no {label} given, and jiratty cannot ask for it (standard input is not a terminal)"
            ),
            Some(how_else),
        ));
    }
    match prompt::ask(label, default).map_err(io_error)? {
        Some(answer) if !answer.is_empty() => Ok(answer),
        _ => Err(usage(
            format!("no {label} given; nothing was saved"),
            Some(how_else),
        )),
    }
}

/// Runs `jiratty login`.
pub async fn run(connect: &ConnectArgs, args: LoginArgs) -> ExitCode {
    match login(connect, &args).await {
        Ok(code) => code,
        Err(Failure::Jira(e)) => super::report(&e),
        Err(Failure::Other(e)) => e.report(),
    }
}

enum Failure {
    Jira(JiraError),
    Other(ConnectError),
}

impl From<ConnectError> for Failure {
    fn from(e: ConnectError) -> Self {
        Failure::Other(e)
    }
}

impl From<JiraError> for Failure {
    fn from(e: JiraError) -> Self {
        Failure::Jira(e)
    }
}

impl From<crate::store::ConfigError> for Failure {
    fn from(e: crate::store::ConfigError) -> Self {
        Failure::Other(e.into())
    }
}

async fn login(connect: &ConnectArgs, args: &LoginArgs) -> Result<ExitCode, Failure> {
    let (config, warnings, _) = Config::load_default()?;
    for warning in &warnings {
        eprintln!("jiratty: warning: {}", sanitize_line(&warning.to_string()));
    }
    let site_given = connect.site.clone().or_else(|| env("JIRATTY_SITE"));
    let named = connect.profile.clone().or_else(|| env("JIRATTY_PROFILE"));
    // The profile this login updates: the named one, else the one of the site given, else
    // (no site given) the default one.
    let existing_name = match (&named, &site_given) {
        (Some(n), _) => Some(n.clone()),
        (None, Some(site)) => config.find_by_site(site).map(str::to_string),
        (None, None) => config
            .default_profile
            .clone()
            .filter(|n| config.profiles.contains_key(n)),
    };
    let existing = existing_name
        .as_deref()
        .and_then(|n| config.profile(n))
        .cloned();
    let site = match site_given.or_else(|| existing.as_ref().map(|p| p.site.clone())) {
        Some(site) => site,
        None => ask_for(
            "Jira site address (e.g. https://acme.atlassian.net)",
            None,
            "pass --site URL or set JIRATTY_SITE",
        )?,
    };
    // Reuse the profile's method and user only for the site they were saved for.
    let existing = existing.filter(|p| {
        normalise_site(&p.site).is_some() && normalise_site(&p.site) == normalise_site(&site)
    });
    let allow_insecure_http =
        connect.allow_insecure_http || existing.as_ref().is_some_and(|p| p.allow_insecure_http);
    let ca_cert = connect
        .ca_cert
        .clone()
        .or_else(|| existing.as_ref().and_then(|p| p.ca_cert.clone()));
    let parsed = crate::jira::site::Site::parse(&site)?;
    if parsed.is_insecure_remote() && !allow_insecure_http {
        return Err(JiraError::InsecureHttp {
            host: parsed.host().to_string(),
        }
        .into());
    }
    let login_cert = super::client_cert::for_login(
        args.client_cert.as_deref(),
        args.client_key.as_deref(),
        existing.as_ref(),
        existing_name.as_deref().unwrap_or("new profile"),
    )?;
    let options = ClientOptions {
        ca_cert: ca_cert.clone(),
        allow_insecure_http,
        client_cert: login_cert.cert.clone(),
        ..ClientOptions::default()
    };
    let info = Client::new(&site, None, options.clone())?
        .server_info()
        .await?;
    let deployment = info.deployment();

    let method = choose_method(connect, deployment, existing.as_ref().and_then(|p| p.auth))?;
    let user = if method.needs_user() {
        match connect.user.clone().or_else(|| env("JIRATTY_USER")) {
            Some(u) => u,
            None => {
                let saved = existing.as_ref().and_then(|p| p.user.clone());
                // The profile's user is not missing for the method it was saved with.
                match saved {
                    Some(u) if existing.as_ref().and_then(|p| p.auth) == Some(method) => u,
                    saved => ask_for(
                        &capitalised(method.user_label()),
                        saved.as_deref(),
                        "pass --user or set JIRATTY_USER",
                    )?,
                }
            }
        }
    } else {
        String::new()
    };
    let profile_for_command = existing_name.as_deref().unwrap_or("new profile");
    let (secret, source) = read_secret(
        method,
        deployment,
        args.secret_stdin,
        existing.as_ref().and_then(|p| p.secret_command.clone()),
        profile_for_command,
    )?;

    let client = Client::new(
        &site,
        Some(Credentials::new(method, user.clone(), secret)),
        ClientOptions {
            deployment: Some(deployment),
            ..options
        },
    )?;
    let identity = client.login().await?;
    println!(
        "Logged in to {} as {} ({})",
        client.site(),
        sanitize_line(identity.user.label()),
        identity.deployment.label()
    );
    if let Some(gateway) = &identity.gateway {
        eprintln!(
            "The site refused the API token on its own address and accepted it through Atlassian's \
             API gateway (a scoped token): jiratty calls {} from now on; links still open {}.",
            sanitize_line(&gateway.api_url),
            client.site()
        );
    }
    // The session cookie of a `session` login lives in this process only: end it on the server.
    let _ = client.logout().await;

    let credentials = client
        .credentials()
        .cloned()
        .expect("the client was built with credentials");
    let saved = save::save_login(
        &LoginToSave {
            profile: existing_name
                .as_deref()
                .filter(|_| existing.is_some())
                .or(named.as_deref()),
            site: client.site(),
            credentials: &credentials,
            identity: &identity,
            ca_cert,
            allow_insecure_http,
            client_cert: login_cert.paths.clone(),
            client_key_passphrase: login_cert.typed_passphrase.as_ref(),
            make_default: args.default,
            store_secret: source == SecretSource::Entered,
        },
        &Keyring::os(),
    )?;
    let default = if saved.is_default {
        ", the default profile"
    } else {
        ""
    };
    eprintln!(
        "Saved profile '{}'{default} in {}.",
        saved.profile,
        saved.config_file.display()
    );
    super::client_cert::report_saved(&saved, login_cert.paths.as_ref());
    let label = method.secret_label();
    match (&saved.secret, source) {
        (Ok(true), _) => eprintln!("The {label} is stored in the OS keyring."),
        (Err(e), _) => {
            eprintln!("jiratty: the {label} could not be saved: {e}.");
            eprintln!("It was not written anywhere else: this login worked for this run only.");
            eprintln!(
                "To use the profile from now on, {}.",
                secrets::NO_KEYRING_OPTIONS
            );
        }
        (Ok(false), SecretSource::Environment) => eprintln!(
            "The {label} came from JIRATTY_SECRET and was not stored: set it on each run, or run \
             `jiratty login` without it to keep the {label} in the OS keyring."
        ),
        (Ok(false), _) => {
            eprintln!("The {label} comes from the profile's secret_command; nothing was stored.")
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The method: flag, environment, the profile's (if it fits), a menu, or a guess.
fn choose_method(
    connect: &ConnectArgs,
    deployment: Deployment,
    saved: Option<AuthMethod>,
) -> Result<AuthMethod, ConnectError> {
    let fitting = save::methods_for(deployment);
    if let Some(m) = connect.auth.or(auth_from_env(&env)?) {
        if fitting.contains(&m) {
            return Ok(m);
        }
        let names: Vec<&str> = fitting.iter().map(|m| m.as_str()).collect();
        return Err(usage(
            format!("Jira {} does not take the {m} method", deployment.label()),
            Some(&format!("use one of: {}", names.join(", "))),
        ));
    }
    if let Some(m) = saved.filter(|m| fitting.contains(m)) {
        return Ok(m);
    }
    if prompt::interactive() {
        let options: Vec<(AuthMethod, String)> =
            fitting.iter().map(|&m| (m, save::describe(m))).collect();
        let question = format!("This is Jira {}. How do you log in?", deployment.label());
        return prompt::choose(&question, &options)
            .map_err(io_error)?
            .ok_or_else(|| usage("no method chosen; nothing was saved", None));
    }
    let user_given = connect.user.is_some() || env("JIRATTY_USER").is_some();
    Ok(match deployment {
        Deployment::Cloud => AuthMethod::ApiToken,
        Deployment::Dc if user_given => AuthMethod::Password,
        Deployment::Dc => AuthMethod::Pat,
    })
}

/// The secret: `JIRATTY_SECRET`, standard input (`--secret-stdin`), the profile's
/// `secret_command`, or typed without echo.
fn read_secret(
    method: AuthMethod,
    deployment: Deployment,
    stdin: bool,
    secret_command: Option<String>,
    profile: &str,
) -> Result<(Secret, SecretSource), ConnectError> {
    let label = method.secret_label();
    if let Some(secret) = secrets::from_environment() {
        return Ok((secret, SecretSource::Environment));
    }
    if stdin {
        return match prompt::secret_from_stdin().map_err(io_error)? {
            Some(secret) => Ok((secret, SecretSource::Entered)),
            None => Err(usage(format!("standard input held no {label}"), None)),
        };
    }
    if let Some(command) = secret_command.filter(|c| !c.trim().is_empty()) {
        return Ok((
            secrets::run_secret_command(profile, &command)?,
            SecretSource::Command,
        ));
    }
    let how_else = "set JIRATTY_SECRET (used for this run only) or pipe it in with --secret-stdin";
    if !prompt::interactive() {
        return Err(usage(
            format!(
                "no {label} given, and jiratty cannot ask for it (standard input is not a terminal)"
            ),
            Some(how_else),
        ));
    }
    if method == AuthMethod::ApiToken && deployment == Deployment::Cloud {
        eprintln!(
            "Create an API token at https://id.atlassian.com/manage-profile/security/api-tokens"
        );
    }
    match prompt::ask_secret(&capitalised(label)).map_err(io_error)? {
        Some(secret) => Ok((secret, SecretSource::Entered)),
        None => Err(usage(
            format!("no {} given; nothing was saved", method.secret_label()),
            Some(how_else),
        )),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
