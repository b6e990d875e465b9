//! JQL history: every query run, per profile, newest first.
//!
//! Kept in `history/PROFILE.jsonl` under the data dir, one JSON string per
//! line (so line breaks inside a query survive), at most [`HISTORY_LIMIT`]
//! distinct queries. A file that cannot be read or parsed is never fatal: it
//! is moved aside as `.bak` and history starts from what could be salvaged.

use std::path::{Path, PathBuf};

use super::atomic::write_private;
use super::paths::{PathError, data_dir, ensure_private_dir};
use crate::jql::fuzzy;

/// The most queries kept per profile.
pub const HISTORY_LIMIT: usize = 200;

/// Errors saving history.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    /// There is no data dir to keep it in.
    #[error("cannot keep the query history: {reason}")]
    NoDataDir {
        /// Why there is none.
        reason: String,
    },
    /// The history directory could not be created.
    #[error("cannot save the query history: {0}")]
    Directory(#[from] PathError),
    /// The file could not be written.
    #[error("cannot save the query history to {path}: {source}")]
    Write {
        /// The history file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The old file could be neither read nor moved aside; saving would
    /// destroy it.
    #[error("the query history file {path} could not be read; leaving it untouched")]
    Unreadable {
        /// The history file.
        path: String,
    },
}

/// The query history of one profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    entries: Vec<String>,
    path: Option<PathBuf>,
    set_aside: Option<PathBuf>,
    writable: bool,
    /// Why there is no file, when the data dir could not be found.
    no_file: Option<String>,
}

impl History {
    /// The history of `profile`, from the data dir. Never fails: without a
    /// data dir or a readable file it starts empty (and [`History::save`]
    /// says why it cannot save).
    pub fn load(profile: &str) -> History {
        match data_dir() {
            Ok(dir) => History::load_from(history_file(&dir, profile)),
            Err(e) => History {
                no_file: Some(e.to_string()),
                ..History::in_memory()
            },
        }
    }

    /// The history kept in `path` (for tests and other locations). A broken
    /// file is moved aside as `.bak`; the queries that could be read from it
    /// are kept.
    pub fn load_from(path: PathBuf) -> History {
        let mut history = History {
            entries: Vec::new(),
            path: Some(path.clone()),
            set_aside: None,
            writable: true,
            no_file: None,
        };
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return history,
            Err(_) => {
                history.set_aside(&path);
                return history;
            }
        };
        let (entries, broken) = match std::str::from_utf8(&bytes) {
            Ok(text) => parse(text),
            Err(_) => (Vec::new(), true),
        };
        for entry in entries.into_iter().rev() {
            history.push(&entry);
        }
        if broken {
            history.set_aside(&path);
        }
        history
    }

    /// A history that is never saved.
    pub fn in_memory() -> History {
        History {
            entries: Vec::new(),
            path: None,
            set_aside: None,
            writable: true,
            no_file: None,
        }
    }

    /// The file this history is kept in, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Where a broken file was moved when loading, for a warning.
    pub fn set_aside_file(&self) -> Option<&Path> {
        self.set_aside.as_deref()
    }

    /// Records a query that was run: it moves to the front (once), and the
    /// oldest go beyond [`HISTORY_LIMIT`]. Blank queries are not kept;
    /// leading and trailing whitespace is dropped.
    pub fn push(&mut self, jql: &str) {
        let jql = jql.trim();
        if jql.is_empty() {
            return;
        }
        self.entries.retain(|e| e != jql);
        self.entries.insert(0, jql.to_string());
        self.entries.truncate(HISTORY_LIMIT);
    }

    /// Writes the history to its file atomically (mode 0600), creating the
    /// directory if needed. A history from [`History::in_memory`] is not
    /// written (`Ok`); one that [`History::load`] found no data dir for
    /// reports that.
    pub fn save(&self) -> Result<(), HistoryError> {
        let Some(path) = &self.path else {
            return match &self.no_file {
                Some(reason) => Err(HistoryError::NoDataDir {
                    reason: reason.clone(),
                }),
                None => Ok(()),
            };
        };
        let shown = || path.display().to_string();
        if !self.writable {
            return Err(HistoryError::Unreadable { path: shown() });
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            ensure_private_dir(dir)?;
        }
        write_private(path, render(&self.entries).as_bytes()).map_err(|source| {
            HistoryError::Write {
                path: shown(),
                source,
            }
        })
    }

    /// The queries, newest first.
    pub fn entries(&self) -> &[String] {
        &self.entries
    }

    /// Queries matching `needle` for Ctrl-R: those containing it (any case)
    /// newest first, then fuzzy matches best first. An empty needle gives
    /// them all.
    pub fn search(&self, needle: &str) -> Vec<&str> {
        let lower = needle.to_lowercase();
        let mut found: Vec<&str> = self
            .entries
            .iter()
            .filter(|e| e.to_lowercase().contains(&lower))
            .map(String::as_str)
            .collect();
        let mut fuzzy: Vec<(i32, usize, &str)> = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| !e.to_lowercase().contains(&lower))
            .filter_map(|(i, e)| Some((fuzzy::score(needle, e)?, i, e.as_str())))
            .collect();
        fuzzy.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        found.extend(fuzzy.into_iter().map(|(_, _, e)| e));
        found
    }

    /// Up in the editor: the next older query. `cursor` is `None` while the
    /// user edits their own text, else the index of the query shown; it
    /// moves and the query is returned, or stays and `None` is returned
    /// when there is nothing older.
    pub fn older(&self, cursor: &mut Option<usize>) -> Option<&str> {
        let next = cursor.map_or(0, |i| i.saturating_add(1));
        let entry = self.entries.get(next)?;
        *cursor = Some(next);
        Some(entry)
    }

    /// Down in the editor: the next newer query. Past the newest the cursor
    /// becomes `None` and `None` is returned: the editor shows the user's
    /// own text again.
    pub fn newer(&self, cursor: &mut Option<usize>) -> Option<&str> {
        match *cursor {
            Some(i) if i > 0 => {
                let at = (i - 1).min(self.entries.len().saturating_sub(1));
                *cursor = Some(at);
                self.entries.get(at).map(String::as_str)
            }
            _ => {
                *cursor = None;
                None
            }
        }
    }

    /// Moves a broken or unreadable file out of the way so saving does not
    /// destroy it; if that fails, saving is refused instead.
    fn set_aside(&mut self, path: &Path) {
        let target = free_backup_name(path);
        match std::fs::rename(path, &target) {
            Ok(()) => self.set_aside = Some(target),
            Err(_) => self.writable = false,
        }
    }
}

/// `history/PROFILE.jsonl` in `data_dir`, the profile name made safe for a
/// file name (see [`super::paths::safe_name`]).
pub fn history_file(data_dir: &Path, profile: &str) -> PathBuf {
    let name = super::paths::safe_name(profile);
    data_dir.join("history").join(format!("{name}.jsonl"))
}

/// `FILE.bak`, or `FILE.bak.N` if that is taken, so no backup is replaced.
fn free_backup_name(path: &Path) -> PathBuf {
    let base = path.as_os_str().to_os_string();
    let with = |suffix: &str| {
        let mut name = base.clone();
        name.push(suffix);
        PathBuf::from(name)
    };
    let first = with(".bak");
    if !first.exists() {
        return first;
    }
    (1..1000)
        .map(|n| with(&format!(".bak.{n}")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

/// The queries of a file, newest first, and whether any line was broken.
fn parse(text: &str) -> (Vec<String>, bool) {
    let mut broken = false;
    let mut entries = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        match serde_json::from_str::<String>(line) {
            Ok(query) => entries.push(query),
            Err(_) => broken = true,
        }
    }
    (entries, broken)
}

fn render(entries: &[String]) -> String {
    let mut out = String::new();
    for entry in entries {
        // Serialising a string cannot fail.
        if let Ok(line) = serde_json::to_string(entry) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
#[path = "history_tests.rs"]
mod tests;
