//! The errors of the filter store, each with a sentence for the user and a hint.

use super::paths::PathError;
use std::path::PathBuf;

/// Errors of the filter store. [`FilterError::Duplicate`] is the one a caller may answer by
/// asking the user to confirm and saving again with `overwrite`.
#[derive(Debug, thiserror::Error)]
pub enum FilterError {
    /// The name breaks a rule.
    #[error("'{name}' cannot be a filter name: {reason}")]
    InvalidName {
        /// The name as given.
        name: String,
        /// Which rule.
        reason: String,
    },
    /// The JQL is blank.
    #[error("a filter needs a JQL query; this one is empty")]
    EmptyJql,
    /// Another filter of the profile already has this name (in any letter case).
    #[error("a filter named '{existing}' already exists in profile '{profile}'")]
    Duplicate {
        /// The profile.
        profile: String,
        /// The existing filter's name as saved.
        existing: String,
    },
    /// No filter of the profile has this name.
    #[error("there is no filter named '{name}' in profile '{profile}'")]
    NotFound {
        /// The profile.
        profile: String,
        /// The name asked for.
        name: String,
    },
    /// The file does not parse or breaks a rule; it is left as it is and nothing is written
    /// until it is fixed.
    #[error("{path}, line {line}, column {column}: {message}")]
    Syntax {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column (in characters).
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file (or its lock) could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The config directory is unknown or cannot be created.
    #[error(transparent)]
    Dir(#[from] PathError),
}

impl FilterError {
    /// The error as one sentence for the user.
    pub fn sentence(&self) -> String {
        self.to_string()
    }

    /// What the user can do about it.
    pub fn hint(&self) -> Option<String> {
        match self {
            FilterError::Duplicate { .. } => Some(
                "choose another name, or overwrite it (`--force` on the command line)".to_string(),
            ),
            FilterError::NotFound { .. } => {
                Some("`jiratty filter list` shows the saved filters".to_string())
            }
            FilterError::Syntax { .. } => Some(
                "fix the file by hand; until then saved filters are read-only (jiratty never \
                 overwrites a file it cannot read)"
                    .to_string(),
            ),
            FilterError::Read { .. } => Some(
                "make it a readable UTF-8 text file, or move it away to start afresh; jiratty \
                 never overwrites a file it cannot read"
                    .to_string(),
            ),
            FilterError::Dir(PathError::NoHome { var, .. }) => {
                Some(format!("set {var} to a directory"))
            }
            _ => None,
        }
    }

    /// Whether the error is about what the user asked or gave (a name, a duplicate, a missing
    /// filter, a broken file — one that does not parse or cannot be read) rather than the
    /// system failing.
    pub fn is_input(&self) -> bool {
        !matches!(self, FilterError::Write { .. } | FilterError::Dir(_))
    }
}
