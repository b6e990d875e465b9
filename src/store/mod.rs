//! What jiratty keeps between runs: the config file with its profiles, and the secrets, which
//! live in the OS keyring (never in a file). Saved filters live in `filters.toml`
//! beside the config (see [`filters`]); the last results of each query in the data dir (see
//! [`cache`]).

pub mod atomic;
pub mod cache;
pub mod config;
mod config_edit;
pub mod drafts;
pub mod filters;
mod filters_edit;
mod filters_error;
mod filters_file;
pub mod history;
pub mod memory;
pub mod paths;
pub mod secrets;

#[cfg(test)]
mod files_tests;

pub use config::{Config, ConfigError, ConfigWarning, Profile};
pub use filters::{FilterError, FilterStore, SavedFilter};
pub use paths::{PathError, config_dir, config_file, data_dir};
pub use secrets::{Keyring, SecretError, SecretSource};
