//! Saved named JQL filters, per profile, in `filters.toml` in the config dir.
//!
//! The file is meant to be edited by hand, one table per filter:
//!
//! ```toml
//! [[profiles.work.filters]]
//! name = "My open bugs"
//! jql = "assignee = currentUser() AND issuetype = Bug AND resolution = Unresolved"
//! description = "What I should fix next"   # optional
//! created = 2025-06-01T09:30:00Z            # optional when written by hand
//! last_used = 2025-06-03T08:00:00Z          # absent until the filter is first run
//! ```
//!
//! Nothing is ever lost. Every change takes an exclusive lock on `filters.toml.lock` beside the
//! file, re-reads the file, applies the change to what is on disk *now* (so two jiratty
//! processes editing at once both keep their changes), and replaces the file atomically
//! ([`super::atomic::write_private`]). The edit goes through `toml_edit`, so comments, layout
//! and keys jiratty does not know stay as they were. A file that does not parse, or breaks a
//! rule (a duplicate name, a name too long), is never written: every call returns the error,
//! with file, line and column, until the file is fixed by hand.

use super::filters_edit::{self, Editor};
use super::filters_file::{self, FilterFile};
use super::paths;
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};

pub use super::filters_error::FilterError;
pub use super::filters_file::{
    FilterWarning, MAX_NAME_CHARS, check_jql, check_name, now, parse_export, render_export,
    same_name, sort_for_listing,
};

/// The file's name inside the config dir.
pub const FILTERS_FILE: &str = "filters.toml";
/// One saved filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedFilter {
    /// Its name, unique per profile (compared case-insensitively), 1–64 characters.
    pub name: String,
    /// The JQL it runs.
    pub jql: String,
    /// What it is for, if the user said.
    pub description: Option<String>,
    /// When it was saved; absent for filters written by hand without one.
    pub created: Option<DateTime<Utc>>,
    /// When it last ran; absent until it first runs.
    pub last_used: Option<DateTime<Utc>>,
}

impl SavedFilter {
    /// A new filter created now (to the second), never used.
    pub fn new(name: impl Into<String>, jql: impl Into<String>) -> Self {
        SavedFilter {
            name: name.into(),
            jql: jql.into(),
            description: None,
            created: Some(now()),
            last_used: None,
        }
    }

    /// The same filter with a description (blank means none).
    pub fn with_description(mut self, description: Option<String>) -> Self {
        self.description = description
            .map(|d| d.trim().to_string())
            .filter(|d| !d.is_empty());
        self
    }

    /// Whether `name` names this filter (trimmed, case-insensitive).
    pub fn is_named(&self, name: &str) -> bool {
        same_name(&self.name, name)
    }
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Names added.
    pub added: Vec<String>,
    /// Names already present with the same JQL (left as they were).
    pub unchanged: Vec<String>,
    /// Names replaced (only with `force`).
    pub replaced: Vec<String>,
    /// Same name, different JQL, left alone (without `force`).
    pub conflicts: Vec<ImportConflict>,
}

/// A filter in an import whose name is taken by a filter with different JQL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportConflict {
    /// The name.
    pub name: String,
    /// The JQL saved here.
    pub ours: String,
    /// The JQL in the imported file.
    pub theirs: String,
}

/// The saved filters of every profile, as read from the file.
#[derive(Debug, Clone, Default)]
pub struct FilterSet {
    file: FilterFile,
}

impl FilterSet {
    /// One profile's filters, in listing order (see [`sort_for_listing`]).
    pub fn list(&self, profile: &str) -> Vec<SavedFilter> {
        let mut filters = self.file.filters(profile).to_vec();
        sort_for_listing(&mut filters);
        filters
    }

    /// The profiles that have filters.
    pub fn profiles(&self) -> Vec<String> {
        self.file.profiles.keys().cloned().collect()
    }

    /// Keys jiratty does not know (kept in the file), to show the user.
    pub fn warnings(&self) -> &[FilterWarning] {
        &self.file.warnings
    }
}

/// The filter store: `filters.toml` and its lock file. Holds no state; every call reads the
/// file again, so several processes (or a hand edit) never disagree with it for long.
#[derive(Debug, Clone)]
pub struct FilterStore {
    path: PathBuf,
}

impl FilterStore {
    /// The store in the usual config dir ([`paths::config_dir`]). The dir is created on the
    /// first write.
    pub fn open_default() -> Result<FilterStore, FilterError> {
        Ok(FilterStore::open(&paths::config_dir()?))
    }

    /// The store in `config_dir`.
    pub fn open(config_dir: &Path) -> FilterStore {
        FilterStore {
            path: config_dir.join(FILTERS_FILE),
        }
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn lock_path(&self) -> PathBuf {
        let mut name = self.path.as_os_str().to_owned();
        name.push(".lock");
        PathBuf::from(name)
    }

    fn read_text(&self) -> Result<Option<String>, FilterError> {
        match std::fs::read_to_string(&self.path) {
            Ok(text) => Ok(Some(text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(FilterError::Read {
                path: self.path.clone(),
                source,
            }),
        }
    }

    /// Every profile's filters, with warnings. A missing file is an empty set.
    pub fn read(&self) -> Result<FilterSet, FilterError> {
        let text = self.read_text()?.unwrap_or_default();
        Ok(FilterSet {
            file: filters_file::parse_store(&text, &self.path)?,
        })
    }

    /// One profile's filters, most recently used first.
    pub fn list(&self, profile: &str) -> Result<Vec<SavedFilter>, FilterError> {
        Ok(self.read()?.list(profile))
    }

    /// The filter called `name` (case-insensitive).
    pub fn get(&self, profile: &str, name: &str) -> Result<SavedFilter, FilterError> {
        let set = self.read()?;
        set.file
            .filters(profile)
            .iter()
            .find(|f| f.is_named(name))
            .cloned()
            .ok_or_else(|| not_found(profile, name))
    }

    /// Saves `filter`. A filter with the same name (in any letter case) is replaced only when
    /// `overwrite` is set; otherwise the answer is [`FilterError::Duplicate`].
    pub fn save(
        &self,
        profile: &str,
        filter: SavedFilter,
        overwrite: bool,
    ) -> Result<(), FilterError> {
        let filter = SavedFilter {
            name: check_name(&filter.name)?,
            jql: check_jql(&filter.jql)?,
            ..filter
        };
        self.modify(|editor| match editor.position(profile, &filter.name) {
            Some(i) if !overwrite => Err(duplicate(profile, &editor.filters(profile)[i].name)),
            Some(i) => editor.replace(profile, i, filter),
            None => editor.push(profile, filter),
        })
    }

    /// Renames a filter. Changing only the letter case of a name is allowed.
    pub fn rename(&self, profile: &str, old: &str, new: &str) -> Result<(), FilterError> {
        let new = check_name(new)?;
        self.modify(|editor| {
            let i = editor
                .position(profile, old)
                .ok_or_else(|| not_found(profile, old))?;
            if let Some(j) = editor.position(profile, &new)
                && j != i
            {
                return Err(duplicate(profile, &editor.filters(profile)[j].name));
            }
            let mut filter = editor.filters(profile)[i].clone();
            filter.name = new;
            editor.replace(profile, i, filter)
        })
    }

    /// Deletes a filter and returns it.
    pub fn delete(&self, profile: &str, name: &str) -> Result<SavedFilter, FilterError> {
        self.modify(|editor| {
            let i = editor
                .position(profile, name)
                .ok_or_else(|| not_found(profile, name))?;
            editor.remove(profile, i)
        })
    }

    /// Records that a filter ran now (it moves to the top of the list).
    pub fn mark_used(&self, profile: &str, name: &str) -> Result<(), FilterError> {
        self.modify(|editor| {
            let i = editor
                .position(profile, name)
                .ok_or_else(|| not_found(profile, name))?;
            let mut filter = editor.filters(profile)[i].clone();
            filter.last_used = Some(now());
            editor.replace(profile, i, filter)
        })
    }

    /// Merges `filters` into the profile: new names are added, the same name with the same JQL
    /// is left alone, and the same name with different JQL is a conflict, replaced only with
    /// `force`. Invalid names are refused before anything is written.
    pub fn import(
        &self,
        profile: &str,
        filters: Vec<SavedFilter>,
        force: bool,
    ) -> Result<ImportReport, FilterError> {
        let mut checked = Vec::with_capacity(filters.len());
        for f in filters {
            checked.push(SavedFilter {
                name: check_name(&f.name)?,
                jql: check_jql(&f.jql)?,
                ..f
            });
        }
        self.modify(|editor| {
            let mut report = ImportReport::default();
            for theirs in checked {
                let Some(i) = editor.position(profile, &theirs.name) else {
                    report.added.push(theirs.name.clone());
                    editor.push(profile, theirs)?;
                    continue;
                };
                let ours = editor.filters(profile)[i].clone();
                if ours.jql == theirs.jql {
                    report.unchanged.push(ours.name);
                } else if force {
                    report.replaced.push(theirs.name.clone());
                    let last_used = ours.last_used.max(theirs.last_used);
                    editor.replace(
                        profile,
                        i,
                        SavedFilter {
                            last_used,
                            ..theirs
                        },
                    )?;
                } else {
                    report.conflicts.push(ImportConflict {
                        name: ours.name,
                        ours: ours.jql,
                        theirs: theirs.jql,
                    });
                }
            }
            Ok(report)
        })
    }

    /// One profile's filters as a TOML document ([`render_export`]), for `import` elsewhere.
    pub fn export(&self, profile: &str) -> Result<String, FilterError> {
        Ok(render_export(&self.list(profile)?))
    }

    /// Runs `change` on the file under the exclusive lock: re-read, check, change, write
    /// atomically (only if something changed).
    fn modify<T>(
        &self,
        change: impl FnOnce(&mut Editor) -> Result<T, FilterError>,
    ) -> Result<T, FilterError> {
        let dir = self
            .path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        paths::ensure_private_dir(dir)?;
        let _lock = filters_edit::lock(&self.lock_path())?;
        let text = self.read_text()?;
        let mut editor = Editor::new(text.as_deref(), &self.path)?;
        let out = change(&mut editor)?;
        if editor.changed() {
            filters_edit::remove_stale_temporaries(&self.path);
            super::atomic::write_private(&self.path, editor.render().as_bytes()).map_err(
                |source| FilterError::Write {
                    path: self.path.clone(),
                    source,
                },
            )?;
        }
        Ok(out)
    }
}

fn not_found(profile: &str, name: &str) -> FilterError {
    FilterError::NotFound {
        profile: profile.to_string(),
        name: name.trim().to_string(),
    }
}

fn duplicate(profile: &str, existing: &str) -> FilterError {
    FilterError::Duplicate {
        profile: profile.to_string(),
        existing: existing.to_string(),
    }
}

#[cfg(test)]
#[path = "filters_tests.rs"]
mod tests;
