//! Secrets: the OS keyring (service `jiratty`, one entry per profile and user), overridden for
//! one run by `JIRATTY_SECRET`, or replaced by a profile's `secret_command`. Nothing here ever
//! writes a secret to a file, and no error message carries one.
//!
//! Keyring calls run on a thread of their own with a time limit: the Secret Service is reached
//! over D-Bus and may block (a locked keyring waiting for a prompt nobody sees), and its client
//! must not run inside the tokio runtime.

use crate::jira::Secret;
use keyring::Entry;
use keyring::credential::CredentialBuilder;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

/// The keyring service name of every jiratty entry.
pub const SERVICE: &str = "jiratty";

/// How long a keyring call may take before jiratty gives up on it.
pub const KEYRING_TIMEOUT: Duration = Duration::from_secs(20);

/// The keyring account name of a profile's secret: `PROFILE:USER` (`PROFILE` without a user).
pub fn account_name(profile: &str, user: &str) -> String {
    if user.is_empty() {
        profile.to_string()
    } else {
        format!("{profile}:{user}")
    }
}

/// Where a secret came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretSource {
    /// `JIRATTY_SECRET`, for this run only.
    Environment,
    /// The profile's `secret_command`.
    Command,
    /// The OS keyring.
    Keyring,
    /// Typed by the user (or piped in) just now.
    Entered,
}

/// Failures getting or keeping a secret.
#[derive(Debug, Clone, thiserror::Error)]
pub enum SecretError {
    /// No keyring service could be reached (e.g. no Secret Service in a headless SSH session).
    #[error("no keyring is reachable on this machine ({detail})")]
    Unavailable {
        /// What the platform said.
        detail: String,
    },
    /// The keyring is there but locked, or it refused access.
    #[error("the keyring is locked or refused access ({detail})")]
    NoAccess {
        /// What the platform said.
        detail: String,
    },
    /// The keyring did not answer in time.
    #[error(
        "the keyring did not answer within {seconds} seconds (it may be locked and waiting for a password prompt)"
    )]
    Timeout {
        /// The limit.
        seconds: u64,
    },
    /// Nothing is stored for this profile and user.
    #[error("no secret is stored in the keyring for profile '{profile}'")]
    NotFound {
        /// The profile.
        profile: String,
    },
    /// The stored value is not text.
    #[error("the keyring entry of profile '{profile}' does not hold text")]
    BadEncoding {
        /// The profile.
        profile: String,
    },
    /// Any other keyring failure.
    #[error("the keyring failed: {detail}")]
    Keyring {
        /// What the platform said.
        detail: String,
    },
    /// The profile's `secret_command` failed.
    #[error("the secret_command of profile '{profile}' failed: {reason}")]
    Command {
        /// The profile.
        profile: String,
        /// Why (exit status, first line of its error output).
        reason: String,
    },
}

/// What is left when the keyring cannot keep a secret.
pub const NO_KEYRING_OPTIONS: &str = "set JIRATTY_SECRET for each run, or add secret_command = \"...\" \
(a command that prints the secret, e.g. `pass show jira`) to the profile in config.toml";

impl SecretError {
    /// What the user can do about it.
    pub fn hint(&self) -> Option<String> {
        match self {
            SecretError::Unavailable { .. } => Some(format!(
                "jiratty stores secrets only in the OS keyring (a Secret Service such as GNOME Keyring \
                 or KeePassXC on Linux) and never in a file; without one, {NO_KEYRING_OPTIONS}"
            )),
            SecretError::NoAccess { .. } | SecretError::Timeout { .. } => Some(format!(
                "unlock the keyring (e.g. in your desktop session) and try again; otherwise {NO_KEYRING_OPTIONS}"
            )),
            SecretError::NotFound { profile } | SecretError::BadEncoding { profile } => Some(format!(
                "run `jiratty login --profile {profile}` to store it, or {NO_KEYRING_OPTIONS}"
            )),
            SecretError::Keyring { .. } => Some(NO_KEYRING_OPTIONS.to_string()),
            SecretError::Command { .. } => {
                Some("run the command by hand to see what it needs, or fix secret_command in config.toml".into())
            }
        }
    }

    /// Maps a keyring error for `profile` to a clear failure.
    pub fn from_keyring(error: keyring::Error, profile: &str) -> SecretError {
        let detail = |e: &dyn std::error::Error| short(&e.to_string());
        match error {
            keyring::Error::NoEntry => SecretError::NotFound {
                profile: profile.to_string(),
            },
            keyring::Error::NoStorageAccess(e) => SecretError::NoAccess {
                detail: detail(e.as_ref()),
            },
            keyring::Error::PlatformFailure(e) => SecretError::Unavailable {
                detail: detail(e.as_ref()),
            },
            keyring::Error::BadEncoding(_) => SecretError::BadEncoding {
                profile: profile.to_string(),
            },
            other => SecretError::Keyring {
                detail: detail(&other),
            },
        }
    }
}

/// One line of at most 200 characters, control characters removed.
fn short(text: &str) -> String {
    let line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    line.chars().filter(|c| !c.is_control()).take(200).collect()
}

/// Reads the secret of `entry` (the entry of `profile`).
pub fn read_entry(entry: &Entry, profile: &str) -> Result<Secret, SecretError> {
    entry
        .get_password()
        .map(Secret::new)
        .map_err(|e| SecretError::from_keyring(e, profile))
}

/// Stores `secret` in `entry` (the entry of `profile`).
pub fn write_entry(entry: &Entry, profile: &str, secret: &Secret) -> Result<(), SecretError> {
    entry
        .set_password(secret.expose())
        .map_err(|e| SecretError::from_keyring(e, profile))
}

/// Deletes `entry`; `Ok(false)` when there was nothing to delete.
pub fn delete_entry(entry: &Entry, profile: &str) -> Result<bool, SecretError> {
    match entry.delete_credential() {
        Ok(()) => Ok(true),
        Err(keyring::Error::NoEntry) => Ok(false),
        Err(e) => Err(SecretError::from_keyring(e, profile)),
    }
}

/// The keyring: the platform's store, or another credential store (tests use in-memory ones).
#[derive(Clone)]
pub struct Keyring {
    builder: Option<Arc<CredentialBuilder>>,
    timeout: Duration,
}

impl std::fmt::Debug for Keyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keyring")
            .field("os", &self.builder.is_none())
            .finish()
    }
}

impl Keyring {
    /// The OS keyring: Secret Service on Linux, Keychain on macOS, Credential Manager on Windows.
    pub fn os() -> Self {
        Keyring {
            builder: None,
            timeout: KEYRING_TIMEOUT,
        }
    }

    /// A keyring backed by another credential store.
    pub fn with_builder(builder: Box<CredentialBuilder>) -> Self {
        Keyring {
            builder: Some(Arc::from(builder)),
            timeout: KEYRING_TIMEOUT,
        }
    }

    /// The same keyring with another time limit per call.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Runs `f` on the entry of `profile` and `user`, on its own thread, within the time limit.
    fn with_entry<T, F>(&self, profile: &str, user: &str, f: F) -> Result<T, SecretError>
    where
        T: Send + 'static,
        F: FnOnce(&Entry, &str) -> Result<T, SecretError> + Send + 'static,
    {
        let builder = self.builder.clone();
        let profile = profile.to_string();
        let account = account_name(&profile, user);
        let (tx, rx) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("keyring".into())
            .spawn(move || {
                let entry = match &builder {
                    Some(b) => b
                        .build(None, SERVICE, &account)
                        .map(Entry::new_with_credential),
                    None => Entry::new(SERVICE, &account),
                };
                let result = entry
                    .map_err(|e| SecretError::from_keyring(e, &profile))
                    .and_then(|entry| f(&entry, &profile));
                // The receiver may have given up waiting; nothing to do then.
                let _ = tx.send(result);
            });
        if let Err(e) = spawned {
            return Err(SecretError::Keyring {
                detail: format!("cannot start a thread: {e}"),
            });
        }
        match rx.recv_timeout(self.timeout) {
            Ok(result) => result,
            Err(mpsc::RecvTimeoutError::Timeout) => Err(SecretError::Timeout {
                seconds: self.timeout.as_secs().max(1),
            }),
            Err(mpsc::RecvTimeoutError::Disconnected) => Err(SecretError::Keyring {
                detail: "the keyring call stopped unexpectedly".into(),
            }),
        }
    }

    /// The stored secret of `profile` and `user`.
    pub fn get(&self, profile: &str, user: &str) -> Result<Secret, SecretError> {
        self.with_entry(profile, user, read_entry)
    }

    /// Stores the secret of `profile` and `user`, replacing any earlier one.
    pub fn set(&self, profile: &str, user: &str, secret: &Secret) -> Result<(), SecretError> {
        let secret = secret.clone();
        self.with_entry(profile, user, move |entry, profile| {
            write_entry(entry, profile, &secret)
        })
    }

    /// Deletes the secret of `profile` and `user`; `Ok(false)` when none was stored.
    pub fn delete(&self, profile: &str, user: &str) -> Result<bool, SecretError> {
        self.with_entry(profile, user, delete_entry)
    }
}

/// `JIRATTY_SECRET`, when set and not blank: the secret for this run only.
pub fn from_environment() -> Option<Secret> {
    std::env::var("JIRATTY_SECRET")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .map(Secret::new)
}

/// Runs a profile's `secret_command` with the shell; its standard output, trimmed, is the
/// secret. Standard input is closed; its error output goes to the terminal (a password manager
/// may ask for a passphrase there).
pub fn run_secret_command(profile: &str, command: &str) -> Result<Secret, SecretError> {
    let fail = |reason: String| SecretError::Command {
        profile: profile.to_string(),
        reason,
    };
    #[cfg(windows)]
    let mut cmd = {
        let mut c = std::process::Command::new("cmd");
        c.arg("/C").arg(command);
        c
    };
    #[cfg(not(windows))]
    let mut cmd = {
        let mut c = std::process::Command::new("sh");
        c.arg("-c").arg(command);
        c
    };
    let output = cmd
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| fail(format!("it could not be started: {e}")))?;
    if !output.status.success() {
        return Err(fail(match output.status.code() {
            Some(code) => format!("it exited with status {code}"),
            None => "it was stopped by a signal".to_string(),
        }));
    }
    let text =
        String::from_utf8(output.stdout).map_err(|_| fail("its output is not text".into()))?;
    let secret = text.trim();
    if secret.is_empty() {
        return Err(fail("it printed nothing".into()));
    }
    Ok(Secret::new(secret))
}

/// The secret for a saved profile: `environment` (what [`from_environment`] found), else the
/// profile's `secret_command`, else the keyring entry of `profile` and `user`.
pub fn lookup(
    environment: Option<Secret>,
    profile: &str,
    user: &str,
    secret_command: Option<&str>,
    keyring: &Keyring,
) -> Result<(Secret, SecretSource), SecretError> {
    if let Some(secret) = environment {
        return Ok((secret, SecretSource::Environment));
    }
    if let Some(command) = secret_command.filter(|c| !c.trim().is_empty()) {
        return Ok((run_secret_command(profile, command)?, SecretSource::Command));
    }
    Ok((keyring.get(profile, user)?, SecretSource::Keyring))
}

#[cfg(test)]
#[path = "secrets_tests.rs"]
mod tests;
