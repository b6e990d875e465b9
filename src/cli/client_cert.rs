//! A profile's client certificate (mutual TLS): its paths from the profile or `jiratty login`,
//! and the key's passphrase, looked up only when the key is encrypted:
//! `JIRATTY_CLIENT_KEY_PASSPHRASE` (one run), else the profile's
//! `client_key_passphrase_command`, else the keyring (`client_key_passphrase` of the
//! profile); at `login` it is asked for when none of those has it.

use super::connect::ConnectError;
use super::prompt;
use crate::jira::{ClientCertificate, JiraError, Secret};
use crate::notice::Notice;
use crate::store::Profile;
use crate::store::paths::expand_home;
use crate::store::secrets::{self, Keyring, SecretError};
use std::path::{Path, PathBuf};

/// The keyring "user" of the key's passphrase: the entry is `PROFILE:#client_key_passphrase`,
/// beside the profile's login secret.
pub const PASSPHRASE_USER: &str = "#client_key_passphrase";

/// The environment variable that gives the passphrase for one run.
pub const PASSPHRASE_ENV: &str = "JIRATTY_CLIENT_KEY_PASSPHRASE";

/// Where a profile's certificate and key are, and how its passphrase is found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertPaths {
    /// The certificate (PEM), `~` expanded.
    pub cert: PathBuf,
    /// The key (PEM), `~` expanded; the certificate file when the profile names no key.
    pub key: PathBuf,
    /// The profile's `client_key_passphrase_command`.
    pub passphrase_command: Option<String>,
    /// `JIRATTY_CLIENT_KEY_PASSPHRASE`, when set.
    pub environment_passphrase: Option<Secret>,
}

impl CertPaths {
    /// The profile's client certificate, if it has one (`env`: the environment to read).
    pub fn of_profile(profile: &Profile, env: super::connect::Env<'_>) -> Option<CertPaths> {
        let cert = expand_home(profile.client_cert.as_deref()?);
        let key = profile
            .client_key
            .as_deref()
            .map(expand_home)
            .unwrap_or_else(|| cert.clone());
        Some(CertPaths {
            cert,
            key,
            passphrase_command: profile.client_key_passphrase_command.clone(),
            environment_passphrase: env(PASSPHRASE_ENV).map(Secret::new),
        })
    }

    /// Paths given to `jiratty login` (made absolute, since the profile outlives the
    /// working directory).
    pub fn given(cert: &Path, key: Option<&Path>, passphrase_command: Option<String>) -> Self {
        let environment_passphrase = super::connect::env(PASSPHRASE_ENV).map(Secret::new);
        let absolute =
            |p: &Path| std::path::absolute(expand_home(p)).unwrap_or_else(|_| expand_home(p));
        CertPaths {
            cert: absolute(cert),
            key: absolute(key.unwrap_or(cert)),
            passphrase_command,
            environment_passphrase,
        }
    }

    /// The passphrase from the environment or the command, when the key is encrypted.
    fn passphrase_without_keyring(&self, profile: &str) -> Result<Found, ConnectError> {
        if !crate::jira::tls::key_is_encrypted(&self.key).map_err(jira_error)? {
            return Ok(Found::NotNeeded);
        }
        if let Some(secret) = &self.environment_passphrase {
            return Ok(Found::Given(secret.clone()));
        }
        if let Some(command) = self
            .passphrase_command
            .as_deref()
            .filter(|c| !c.trim().is_empty())
        {
            return Ok(Found::Given(secrets::run_secret_command(profile, command)?));
        }
        Ok(Found::Missing)
    }

    /// The certificate for a run with `profile`: the passphrase from the environment, the
    /// command or the keyring. A passphrase found nowhere is left out (loading the key then
    /// says so).
    pub fn for_run(
        &self,
        profile: &str,
        keyring: &Keyring,
    ) -> Result<ClientCertificate, ConnectError> {
        let passphrase = match self.passphrase_without_keyring(profile)? {
            Found::NotNeeded => None,
            Found::Given(secret) => Some(secret),
            Found::Missing => match keyring.get(profile, PASSPHRASE_USER) {
                Ok(secret) => Some(secret),
                // No keyring on this machine (a headless SSH session) holds no passphrase
                // either: loading the key then says where else it may come from.
                Err(SecretError::NotFound { .. } | SecretError::Unavailable { .. }) => None,
                Err(e) => return Err(e.into()),
            },
        };
        Ok(self.with(passphrase))
    }

    /// The certificate for `jiratty login`: as for a run, but a passphrase found nowhere
    /// else is typed (and then returned as the one to keep in the keyring).
    pub fn for_login(
        &self,
        profile: &str,
    ) -> Result<(ClientCertificate, Option<Secret>), ConnectError> {
        match self.passphrase_without_keyring(profile)? {
            Found::NotNeeded => Ok((self.with(None), None)),
            Found::Given(secret) => Ok((self.with(Some(secret)), None)),
            Found::Missing => {
                let how_else = format!(
                    "set {PASSPHRASE_ENV} for this run, or add client_key_passphrase_command to the profile"
                );
                let fail = |sentence: String| {
                    ConnectError::new(
                        super::exit::USAGE,
                        Notice::hinted(sentence, Some(how_else.clone())),
                    )
                };
                if !prompt::interactive() {
                    return Err(fail(format!(
                        "the client key {} is encrypted, and jiratty cannot ask for its passphrase (standard input is not a terminal)",
                        self.key.display()
                    )));
                }
                match prompt::ask_secret("Passphrase of the client certificate key") {
                    Ok(Some(secret)) => Ok((self.with(Some(secret.clone())), Some(secret))),
                    Ok(None) => Err(fail("no passphrase given; nothing was saved".into())),
                    Err(e) => Err(fail(format!("cannot read from the terminal: {e}"))),
                }
            }
        }
    }

    fn with(&self, passphrase: Option<Secret>) -> ClientCertificate {
        ClientCertificate {
            cert: self.cert.clone(),
            key: self.key.clone(),
            passphrase,
        }
    }
}

enum Found {
    NotNeeded,
    Given(Secret),
    Missing,
}

/// A certificate problem as the CLI reports it.
fn jira_error(e: JiraError) -> ConnectError {
    ConnectError::new(super::exit::USAGE, Notice::hinted(e.sentence(), e.hint()))
}

/// What `jiratty login` connects with and keeps: the certificate paths to save (given ones,
/// else the profile's), the certificate to present, and a typed passphrase to keep.
pub struct LoginCert {
    /// The paths to remember (`None`: the profile has no client certificate).
    pub paths: Option<CertPaths>,
    /// The certificate to present while logging in.
    pub cert: Option<Box<ClientCertificate>>,
    /// A passphrase typed just now, for the keyring.
    pub typed_passphrase: Option<Secret>,
}

/// The client certificate of a login: `--client-cert`/`--client-key`, else the profile's.
pub fn for_login(
    cert: Option<&Path>,
    key: Option<&Path>,
    existing: Option<&Profile>,
    profile: &str,
) -> Result<LoginCert, ConnectError> {
    let command = existing.and_then(|p| p.client_key_passphrase_command.clone());
    let paths = match (cert, key) {
        (Some(cert), key) => Some(CertPaths::given(cert, key, command)),
        (None, Some(_)) => {
            return Err(ConnectError::new(
                super::exit::USAGE,
                Notice::hinted(
                    "--client-key needs --client-cert",
                    Some("pass both: --client-cert CERT.pem --client-key KEY.pem".into()),
                ),
            ));
        }
        (None, None) => existing.and_then(|p| CertPaths::of_profile(p, &super::connect::env)),
    };
    let Some(paths) = paths else {
        return Ok(LoginCert {
            paths: None,
            cert: None,
            typed_passphrase: None,
        });
    };
    let (cert, typed_passphrase) = paths.for_login(profile)?;
    Ok(LoginCert {
        paths: Some(paths),
        cert: Some(Box::new(cert)),
        typed_passphrase,
    })
}

/// Tells what `jiratty login` kept of the client certificate.
pub fn report_saved(saved: &super::save::SavedLogin, paths: Option<&CertPaths>) {
    let Some(paths) = paths else {
        return;
    };
    eprintln!(
        "The profile presents the client certificate {}.",
        crate::text::sanitize_line(&paths.cert.display().to_string())
    );
    match &saved.passphrase {
        Ok(true) => eprintln!("The client key's passphrase is stored in the OS keyring."),
        Ok(false) => {}
        Err(e) => eprintln!(
            "jiratty: the client key's passphrase could not be saved: {e}; set {PASSPHRASE_ENV} on each run or add client_key_passphrase_command to the profile."
        ),
    }
}
