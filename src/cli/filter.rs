//! `jiratty filter ...`: saved named JQL filters of the resolved profile (see
//! [`crate::store::filters`]), and Jira's own favourite filters.
//!
//! The profile is `--profile NAME` (or `JIRATTY_PROFILE`); else, when a site is given
//! (`--site`, `JIRATTY_SITE`), the profile saved for that site or a name made from the site
//! (as `jiratty login` would name it); else the default profile; else `default`.

use super::connect::{ConnectArgs, ConnectError, Env, named_profile};
use super::exit;
use super::search::ListOptions;
use crate::store::config::{normalise_site, profile_name_for_site};
use crate::store::filters::{FilterError, FilterStore, SavedFilter, parse_export};
use crate::store::{Config, atomic};
use crate::text::sanitize_line;
use clap::{Args, Subcommand};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Options of `jiratty filter`.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// What to do with the filters.
    #[command(subcommand)]
    pub command: FilterCommand,
}

/// The `filter` subcommands.
#[derive(Debug, Subcommand)]
pub enum FilterCommand {
    /// List the profile's saved filters, most recently used first.
    List,
    /// Save JQL under a name (refused if the name is taken, unless --force).
    Save {
        /// The name: 1-64 characters, unique per profile ignoring letter case.
        name: String,
        /// The JQL query.
        jql: String,
        /// What the filter is for.
        #[arg(long, value_name = "TEXT")]
        description: Option<String>,
        /// Replace a filter of the same name.
        #[arg(long)]
        force: bool,
    },
    /// Rename a saved filter.
    Rename {
        /// Its name now.
        old: String,
        /// Its new name.
        new: String,
    },
    /// Delete a saved filter.
    #[command(visible_alias = "delete")]
    Rm {
        /// Its name.
        name: String,
    },
    /// Search with a saved filter's JQL and print the issues (the filter moves to the top).
    Run {
        /// Its name.
        name: String,
        /// How to print the result.
        #[command(flatten)]
        list: ListOptions,
    },
    /// Write the profile's filters as TOML, to FILE or stdout.
    Export {
        /// Where to write (stdout when absent or `-`).
        file: Option<PathBuf>,
    },
    /// Merge filters from a TOML file (as written by `export`, or a whole filters.toml). Names
    /// taken with other JQL are reported, never replaced without --force.
    Import {
        /// The file (`-` for stdin).
        file: PathBuf,
        /// Replace filters whose name is taken with other JQL.
        #[arg(long)]
        force: bool,
    },
    /// List your favourite filters on the Jira site, or copy one into the saved filters.
    #[command(visible_alias = "favorites")]
    Favourites {
        /// Copy the favourite filter with this name (or id) into the saved filters.
        #[arg(long, value_name = "NAME")]
        copy: Option<String>,
        /// Save the copy under this name instead.
        #[arg(long = "as", value_name = "NAME", requires = "copy")]
        save_as: Option<String>,
        /// Replace a saved filter of the same name.
        #[arg(long, requires = "copy")]
        force: bool,
    },
    /// Create a saved filter on the Jira site (as one of your favourites there).
    Publish {
        /// Its name.
        name: String,
    },
}

/// Runs `jiratty filter ...`.
pub fn run(connect: &ConnectArgs, args: FilterArgs) -> ExitCode {
    let (store, profile) = match open(connect) {
        Ok(opened) => opened,
        Err(code) => return code,
    };
    let profile = profile.as_str();
    match args.command {
        FilterCommand::List => list(&store, profile),
        FilterCommand::Save {
            name,
            jql,
            description,
            force,
        } => {
            let filter = SavedFilter::new(name, jql).with_description(description);
            let name = filter.name.trim().to_string();
            done(
                store
                    .save(profile, filter, force)
                    .map(|()| format!("Saved filter '{name}' in profile '{profile}'.")),
            )
        }
        FilterCommand::Rename { old, new } => done(
            store
                .rename(profile, &old, &new)
                .map(|()| format!("Renamed filter '{}' to '{}'.", old.trim(), new.trim())),
        ),
        FilterCommand::Rm { name } => done(
            store
                .delete(profile, &name)
                .map(|f| format!("Deleted filter '{}' ({}).", f.name, f.jql)),
        ),
        FilterCommand::Export { file } => export(&store, profile, file.as_deref()),
        FilterCommand::Import { file, force } => import(&store, profile, &file, force),
        FilterCommand::Run { name, list } => {
            super::runtime(|| super::filter_remote::run(connect, &store, profile, &name, list))
        }
        FilterCommand::Favourites {
            copy,
            save_as,
            force,
        } => super::runtime(|| {
            super::filter_remote::favourites(connect, &store, profile, copy, save_as, force)
        }),
        FilterCommand::Publish { name } => {
            super::runtime(|| super::filter_remote::publish(connect, &store, profile, &name))
        }
    }
}

/// The store and the profile whose filters the command works on.
fn open(connect: &ConnectArgs) -> Result<(FilterStore, String), ExitCode> {
    let (config, warnings, _) =
        Config::load_default().map_err(|e| ConnectError::from(e).report())?;
    for warning in &warnings {
        eprintln!("jiratty: warning: {}", sanitize_line(&warning.to_string()));
    }
    let profile =
        profile_for_filters(connect, &super::connect::env, &config).map_err(|e| e.report())?;
    let store = FilterStore::open_default().map_err(|e| report(&e))?;
    Ok((store, profile))
}

/// Which profile's filters a command works on (see the module documentation).
pub fn profile_for_filters(
    connect: &ConnectArgs,
    env: Env<'_>,
    config: &Config,
) -> Result<String, ConnectError> {
    if let Some((name, _)) = named_profile(connect.profile.as_deref(), env, config)? {
        return Ok(name);
    }
    let site = connect.site.clone().or_else(|| env("JIRATTY_SITE"));
    let Some(site) = site else {
        return Ok(config
            .default_entry()
            .map_or("default".to_string(), |(name, _)| name.to_string()));
    };
    if let Some((name, p)) = config.default_entry()
        && normalise_site(&p.site).is_some()
        && normalise_site(&p.site) == normalise_site(&site)
    {
        return Ok(name.to_string());
    }
    Ok(config
        .find_by_site(&site)
        .map_or_else(|| profile_name_for_site(&site), str::to_string))
}

/// Prints a store error as its sentence and hint; returns the exit code of its kind.
pub(super) fn report(error: &FilterError) -> ExitCode {
    eprintln!("jiratty: {}", sanitize_line(&error.sentence()));
    if let Some(hint) = error.hint() {
        eprintln!("hint: {}", sanitize_line(&hint));
    }
    ExitCode::from(match error {
        FilterError::NotFound { .. } => exit::NOT_FOUND,
        e if e.is_input() => exit::USAGE,
        _ => exit::FAILURE,
    })
}

/// Prints the success message on stdout, or reports the error.
fn done(result: Result<String, FilterError>) -> ExitCode {
    match result {
        Ok(message) => {
            println!("{}", sanitize_line(&message));
            ExitCode::SUCCESS
        }
        Err(e) => report(&e),
    }
}

fn list(store: &FilterStore, profile: &str) -> ExitCode {
    let set = match store.read() {
        Ok(set) => set,
        Err(e) => return report(&e),
    };
    for warning in set.warnings() {
        eprintln!("jiratty: warning: {}", sanitize_line(&warning.to_string()));
    }
    let filters = set.list(profile);
    if filters.is_empty() {
        eprintln!(
            "No saved filters in profile '{}' yet: `jiratty filter save NAME JQL` adds one.",
            sanitize_line(profile)
        );
        return ExitCode::SUCCESS;
    }
    print!("{}", super::filter_table::saved(&filters));
    ExitCode::SUCCESS
}

fn export(store: &FilterStore, profile: &str, file: Option<&Path>) -> ExitCode {
    let text = match store.export(profile) {
        Ok(text) => text,
        Err(e) => return report(&e),
    };
    match file.filter(|f| f.as_os_str() != "-") {
        None => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Some(path) => match atomic::write_private(path, text.as_bytes()) {
            Ok(()) => {
                eprintln!(
                    "Exported the filters of profile '{}' to {}.",
                    sanitize_line(profile),
                    path.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("jiratty: cannot write {}: {e}", path.display());
                ExitCode::from(exit::FAILURE)
            }
        },
    }
}

fn import(store: &FilterStore, profile: &str, file: &Path, force: bool) -> ExitCode {
    let read = if file.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map(|_| text)
    } else {
        std::fs::read_to_string(file)
    };
    let text = match read {
        Ok(text) => text,
        Err(e) => {
            eprintln!("jiratty: cannot read {}: {e}", file.display());
            // A file that is there but cannot be read as text (not UTF-8, a directory, no
            // permission) is bad input, as a broken filters.toml is.
            return ExitCode::from(if e.kind() == std::io::ErrorKind::NotFound {
                exit::NOT_FOUND
            } else {
                exit::USAGE
            });
        }
    };
    let (filters, warnings) = match parse_export(&text, file, profile) {
        Ok(parsed) => parsed,
        Err(e) => {
            eprintln!("jiratty: {}", sanitize_line(&e.sentence()));
            eprintln!(
                "hint: import reads TOML as written by `jiratty filter export`: [[filters]] tables \
                 with name and jql"
            );
            return ExitCode::from(exit::USAGE);
        }
    };
    for warning in &warnings {
        eprintln!("jiratty: warning: {}", sanitize_line(&warning.to_string()));
    }
    let outcome = match store.import(profile, filters, force) {
        Ok(r) => r,
        Err(e) => return report(&e),
    };
    let line = |what: &str, names: &[String]| {
        if !names.is_empty() {
            println!(
                "{what} ({}): {}",
                names.len(),
                sanitize_line(&names.join(", "))
            );
        }
    };
    line("Added", &outcome.added);
    line("Replaced", &outcome.replaced);
    line("Already saved", &outcome.unchanged);
    if outcome.conflicts.is_empty() {
        return ExitCode::SUCCESS;
    }
    for c in &outcome.conflicts {
        eprintln!(
            "conflict: '{}' is saved as `{}`; the file has `{}`",
            sanitize_line(&c.name),
            sanitize_line(&c.ours),
            sanitize_line(&c.theirs)
        );
    }
    eprintln!(
        "jiratty: {} filter(s) not imported because the name is taken with other JQL",
        outcome.conflicts.len()
    );
    eprintln!("hint: rename yours first, or import with --force to replace them");
    ExitCode::from(exit::FAILURE)
}
