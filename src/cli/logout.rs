//! `jiratty logout`: forget a profile's secret.

use super::connect::{ConnectArgs, ConnectError, env};
use crate::notice::Notice;
use crate::store::Config;
use crate::store::secrets::Keyring;
use crate::text::sanitize_line;
use clap::Args;
use std::process::ExitCode;

/// Options of `jiratty logout` (`--profile` is the global one).
#[derive(Debug, Args)]
pub struct LogoutArgs {}

/// Runs `jiratty logout`: deletes the secret of the profile (named, else the default) from the
/// OS keyring. The profile itself stays, so `jiratty login` can fill the secret in again.
/// Server sessions need no ending here: jiratty ends the cookie session of a `session` login
/// when the command that opened it finishes, and never keeps one on disk.
pub fn run(connect: &ConnectArgs, _args: LogoutArgs) -> ExitCode {
    match logout(connect, &Keyring::os()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => e.report(),
    }
}

fn logout(connect: &ConnectArgs, keyring: &Keyring) -> Result<(), ConnectError> {
    let (config, warnings, path) = Config::load_default()?;
    for warning in &warnings {
        eprintln!("jiratty: warning: {}", sanitize_line(&warning.to_string()));
    }
    let name = match super::connect::named_profile(connect.profile.as_deref(), &env, &config)? {
        Some((name, _)) => name,
        None => match config.default_entry() {
            Some((name, _)) => name.to_string(),
            None => {
                return Err(ConnectError::new(
                    super::exit::USAGE,
                    Notice::hinted(
                        "there is no profile to log out of",
                        Some(format!(
                            "no default profile is set in {}; pass --profile NAME",
                            path.display()
                        )),
                    ),
                ));
            }
        },
    };
    let profile = config
        .profile(&name)
        .expect("the profile was just found in the config");
    let user = profile.user.clone().unwrap_or_default();
    let site = sanitize_line(&profile.site);
    match keyring.delete(&name, &user) {
        Ok(true) => println!(
            "Logged out of {site}: the secret of profile '{name}' was removed from the OS keyring."
        ),
        Ok(false) => println!(
            "Profile '{name}' ({site}) had no secret in the OS keyring; nothing to remove."
        ),
        Err(e) => {
            return Err(ConnectError::new(
                super::exit::FAILURE,
                Notice::hinted(
                    format!("the secret of profile '{name}' could not be removed: {e}"),
                    e.hint(),
                ),
            ));
        }
    }
    if profile.client_cert.is_some() {
        // The client key's passphrase goes with the login secret.
        let _ = keyring.delete(&name, super::client_cert::PASSPHRASE_USER);
    }
    if profile.secret_command.is_some() {
        eprintln!(
            "The profile's secret_command in {} is left as it is.",
            path.display()
        );
    }
    Ok(())
}
