//! Changing `filters.toml` in place with `toml_edit`: comments, layout and unknown keys stay;
//! only the values of the filter being changed are touched.

use super::filters::{FilterError, SavedFilter, same_name};
use super::filters_file::{self, FilterFile};
use chrono::{DateTime, Utc};
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

/// The comment a new file starts with.
const HEADER: &str = "\
# jiratty's saved JQL filters: one [[profiles.PROFILE.filters]] table per filter, with
# name (unique per profile, ignoring letter case; 1-64 characters), jql, and optionally
# description, created and last_used. Edit by hand as you like; see the README.
";

/// The checked contents of the file and its editable document, kept in step.
pub(super) struct Editor {
    path: PathBuf,
    doc: DocumentMut,
    file: FilterFile,
    changed: bool,
    new_file: bool,
}

impl Editor {
    /// Reads `text` (None: the file does not exist yet). A file that does not parse or breaks
    /// a rule is an error, so nothing is ever written over it.
    pub fn new(text: Option<&str>, path: &Path) -> Result<Editor, FilterError> {
        let new_file = text.is_none();
        let text = text.unwrap_or("");
        let file = filters_file::parse_store(text, path)?;
        let doc = text
            .parse::<DocumentMut>()
            .map_err(|e| FilterError::Syntax {
                path: path.to_path_buf(),
                line: 1,
                column: 1,
                message: e.message().trim().to_string(),
            })?;
        Ok(Editor {
            path: path.to_path_buf(),
            doc,
            file,
            changed: false,
            new_file,
        })
    }

    /// One profile's filters in file order.
    pub fn filters(&self, profile: &str) -> &[SavedFilter] {
        self.file.filters(profile)
    }

    /// The index of the filter called `name` (case-insensitive).
    pub fn position(&self, profile: &str, name: &str) -> Option<usize> {
        self.filters(profile)
            .iter()
            .position(|f| same_name(&f.name, name))
    }

    /// Whether anything changed.
    pub fn changed(&self) -> bool {
        self.changed
    }

    /// The document as text; a new file starts with a comment on its format.
    pub fn render(&self) -> String {
        if self.new_file {
            format!("{HEADER}\n{}", self.doc)
        } else {
            self.doc.to_string()
        }
    }

    /// Appends a filter.
    pub fn push(&mut self, profile: &str, filter: SavedFilter) -> Result<(), FilterError> {
        let mut table = Table::new();
        fill(&mut table, &filter);
        self.array(profile)?.push(table);
        self.file
            .profiles
            .entry(profile.to_string())
            .or_default()
            .push(filter);
        self.changed = true;
        Ok(())
    }

    /// Replaces the filter at `index`, in place (its comments and unknown keys stay).
    pub fn replace(
        &mut self,
        profile: &str,
        index: usize,
        filter: SavedFilter,
    ) -> Result<(), FilterError> {
        let array = self.array(profile)?;
        let Some(table) = array.get_mut(index) else {
            return Err(self.layout_error());
        };
        fill(table, &filter);
        if let Some(slot) = self
            .file
            .profiles
            .get_mut(profile)
            .and_then(|v| v.get_mut(index))
        {
            *slot = filter;
        }
        self.changed = true;
        Ok(())
    }

    /// Removes the filter at `index` and returns it.
    pub fn remove(&mut self, profile: &str, index: usize) -> Result<SavedFilter, FilterError> {
        let array = self.array(profile)?;
        if index >= array.len() {
            return Err(self.layout_error());
        }
        array.remove(index);
        let removed = self
            .file
            .profiles
            .get_mut(profile)
            .filter(|v| index < v.len())
            .map(|v| v.remove(index));
        self.changed = true;
        removed.ok_or_else(|| self.layout_error())
    }

    fn layout_error(&self) -> FilterError {
        layout_error(&self.path)
    }

    /// The `profiles.PROFILE.filters` array of tables, created if missing; inline tables and
    /// arrays written by hand are turned into ordinary tables first.
    fn array(&mut self, profile: &str) -> Result<&mut ArrayOfTables, FilterError> {
        let root = self.doc.as_table_mut();
        let Some(profiles) = table_entry(root, "profiles") else {
            return Err(layout_error(&self.path));
        };
        let Some(entry) = table_entry(profiles, profile) else {
            return Err(layout_error(&self.path));
        };
        let item = entry
            .entry("filters")
            .or_insert_with(|| Item::ArrayOfTables(ArrayOfTables::new()));
        if item.is_array() {
            let taken = std::mem::take(item);
            *item = match taken.into_array_of_tables() {
                Ok(tables) => Item::ArrayOfTables(tables),
                Err(original) => original,
            };
        }
        item.as_array_of_tables_mut()
            .ok_or_else(|| layout_error(&self.path))
    }
}

fn layout_error(path: &Path) -> FilterError {
    FilterError::Syntax {
        path: path.to_path_buf(),
        line: 1,
        column: 1,
        message: "the filters are laid out in a way jiratty cannot edit; write them as \
                  [[profiles.NAME.filters]] tables"
            .to_string(),
    }
}

/// The table under `key` in `parent`, created (without a header of its own) if missing, and
/// turned from an inline table into an ordinary one if need be.
fn table_entry<'a>(parent: &'a mut Table, key: &str) -> Option<&'a mut Table> {
    let item = parent.entry(key).or_insert_with(|| {
        let mut table = Table::new();
        table.set_implicit(true);
        Item::Table(table)
    });
    if item.is_inline_table() {
        let taken = std::mem::take(item);
        *item = match taken.into_table() {
            Ok(mut table) => {
                table.set_implicit(true);
                Item::Table(table)
            }
            Err(original) => original,
        };
    }
    item.as_table_mut()
}

fn datetime(t: DateTime<Utc>) -> Value {
    match t
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
        .parse::<toml_edit::Datetime>()
    {
        Ok(d) => Value::from(d),
        Err(_) => Value::from(t.to_rfc3339()),
    }
}

/// Sets `key` to `value`, keeping the comments around an existing value; None removes it.
fn set(table: &mut Table, key: &str, value: Option<Value>) {
    let Some(mut value) = value else {
        table.remove(key);
        return;
    };
    if let Some(old) = table.get_mut(key).and_then(Item::as_value_mut) {
        if old.to_string().trim() == value.to_string().trim() {
            return;
        }
        *value.decor_mut() = old.decor().clone();
        *old = value;
    } else {
        table.insert(key, Item::Value(value));
    }
}

/// Writes `filter`'s fields into `table`, leaving other keys alone.
pub(super) fn fill(table: &mut Table, filter: &SavedFilter) {
    set(table, "name", Some(Value::from(filter.name.as_str())));
    set(table, "jql", Some(Value::from(filter.jql.as_str())));
    set(
        table,
        "description",
        filter.description.as_deref().map(Value::from),
    );
    set(table, "created", filter.created.map(datetime));
    set(table, "last_used", filter.last_used.map(datetime));
}

/// The exclusive lock, held until the returned file is dropped (or the process dies).
pub(super) fn lock(path: &Path) -> Result<File, FilterError> {
    let path = path.to_path_buf();
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let fail = |source| FilterError::Write {
        path: path.clone(),
        source,
    };
    let file = options.open(&path).map_err(fail)?;
    file.lock().map_err(fail)?;
    Ok(file)
}

/// Removes temporary files a killed writer left behind. Called under the lock, when no other
/// writer of this file can be between creating and renaming its temporary.
pub(super) fn remove_stale_temporaries(path: &Path) {
    // Temporaries are made beside the file a link points to (see `atomic`).
    let Ok(path) = super::atomic::resolve_links(path) else {
        return;
    };
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let prefix = format!(".{}.tmp-", name.to_string_lossy());
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
