//! Reading `filters.toml` (and export files) into checked [`SavedFilter`]s, with the line and
//! column of anything wrong, and writing the export format.

use super::config::line_column;
use super::filters::{FilterError, SavedFilter};
use chrono::{DateTime, NaiveDate, NaiveDateTime, SubsecRound, Utc};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The longest allowed name, in characters.
pub const MAX_NAME_CHARS: usize = 64;

/// The current time, to the second (the file keeps seconds).
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(0)
}

/// Whether two names are the same name: trimmed, compared case-insensitively.
pub fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// Checks a filter name and returns it trimmed: 1–64 characters, no control characters.
pub fn check_name(name: &str) -> Result<String, FilterError> {
    let trimmed = name.trim();
    let invalid = |reason: &str| FilterError::InvalidName {
        name: name.to_string(),
        reason: reason.to_string(),
    };
    if trimmed.is_empty() {
        return Err(invalid("a name needs at least one character"));
    }
    if trimmed.chars().count() > MAX_NAME_CHARS {
        return Err(invalid(&format!(
            "a name has at most {MAX_NAME_CHARS} characters"
        )));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(invalid("a name cannot hold control characters"));
    }
    Ok(trimmed.to_string())
}

/// Checks a filter's JQL and returns it trimmed: not blank.
pub fn check_jql(jql: &str) -> Result<String, FilterError> {
    let trimmed = jql.trim();
    if trimmed.is_empty() {
        return Err(FilterError::EmptyJql);
    }
    Ok(trimmed.to_string())
}

/// Sorts filters as they are listed: most recently used first, never-used last, then by name.
pub fn sort_for_listing(filters: &mut [SavedFilter]) {
    filters.sort_by(|a, b| {
        b.last_used
            .cmp(&a.last_used)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
            .then_with(|| a.name.cmp(&b.name))
    });
}

/// A key jiratty does not know: kept in the file, ignored, shown to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterWarning {
    /// The file.
    pub file: PathBuf,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for FilterWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file.display(), self.message)
    }
}

/// The checked contents of `filters.toml`, filters in file order.
#[derive(Debug, Clone, Default)]
pub(super) struct FilterFile {
    /// Filters by profile name.
    pub profiles: BTreeMap<String, Vec<SavedFilter>>,
    /// Unknown keys.
    pub warnings: Vec<FilterWarning>,
}

impl FilterFile {
    /// One profile's filters in file order (empty for an unknown profile).
    pub fn filters(&self, profile: &str) -> &[SavedFilter] {
        self.profiles.get(profile).map_or(&[], Vec::as_slice)
    }
}

#[derive(Deserialize)]
struct RawStore {
    #[serde(default)]
    profiles: BTreeMap<String, RawProfile>,
}

#[derive(Deserialize)]
struct RawProfile {
    #[serde(default)]
    filters: Vec<RawFilter>,
}

#[derive(Deserialize)]
struct RawExport {
    #[serde(default)]
    filters: Option<Vec<RawFilter>>,
    #[serde(default)]
    profiles: Option<Spanned<BTreeMap<String, RawProfile>>>,
}

#[derive(Deserialize)]
struct RawFilter {
    name: Spanned<String>,
    jql: Spanned<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    created: Option<Spanned<toml::Value>>,
    #[serde(default)]
    last_used: Option<Spanned<toml::Value>>,
}

fn syntax(path: &Path, text: &str, offset: usize, message: &str) -> FilterError {
    let (line, column) = line_column(text, offset);
    FilterError::Syntax {
        path: path.to_path_buf(),
        line,
        column,
        message: message.trim().to_string(),
    }
}

/// Deserialises `text`, collecting the paths of unknown keys.
fn deserialize<T: DeserializeOwned>(
    text: &str,
    path: &Path,
    unknown: &mut Vec<String>,
) -> Result<T, FilterError> {
    let fail =
        |e: toml::de::Error| syntax(path, text, e.span().map_or(0, |s| s.start), e.message());
    let deserializer = toml::de::Deserializer::parse(text).map_err(fail)?;
    serde_ignored::deserialize(deserializer, |key| unknown.push(key.to_string())).map_err(fail)
}

fn warnings(unknown: Vec<String>, path: &Path) -> Vec<FilterWarning> {
    unknown
        .into_iter()
        .map(|key| FilterWarning {
            file: path.to_path_buf(),
            message: format!("unknown key '{key}' ignored (kept in the file)"),
        })
        .collect()
}

/// A date and time from a TOML datetime or a string: RFC 3339, or a local date and time (taken
/// as UTC), or a bare date (midnight UTC).
fn parse_time(value: &toml::Value) -> Option<DateTime<Utc>> {
    let text = match value {
        toml::Value::Datetime(d) => d.to_string(),
        toml::Value::String(s) => s.trim().to_string(),
        _ => return None,
    };
    if let Ok(t) = DateTime::parse_from_rfc3339(&text) {
        return Some(t.with_timezone(&Utc));
    }
    let spaced = text.replacen(' ', "T", 1);
    if let Ok(t) = NaiveDateTime::parse_from_str(&spaced, "%Y-%m-%dT%H:%M:%S%.f") {
        return Some(t.and_utc());
    }
    NaiveDate::parse_from_str(&text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc())
}

/// Checks raw filters: names and JQL by the rules of [`check_name`] and [`check_jql`], no two
/// names alike, readable times. Errors point at the offending value.
fn check(raw: Vec<RawFilter>, path: &Path, text: &str) -> Result<Vec<SavedFilter>, FilterError> {
    let mut out: Vec<SavedFilter> = Vec::with_capacity(raw.len());
    for r in raw {
        let at =
            |span: std::ops::Range<usize>, message: &str| syntax(path, text, span.start, message);
        let name = check_name(r.name.get_ref()).map_err(|e| at(r.name.span(), &e.sentence()))?;
        if let Some(other) = out.iter().find(|f| same_name(&f.name, &name)) {
            return Err(at(
                r.name.span(),
                &format!(
                    "the name '{name}' is used twice (names are compared ignoring letter case; \
                     first as '{}')",
                    other.name
                ),
            ));
        }
        let jql = check_jql(r.jql.get_ref()).map_err(|e| at(r.jql.span(), &e.sentence()))?;
        let time = |value: Option<Spanned<toml::Value>>, key: &str| match value {
            None => Ok(None),
            Some(v) => parse_time(v.get_ref()).map(Some).ok_or_else(|| {
                at(
                    v.span(),
                    &format!("{key} must be a date and time such as 2025-06-01T09:30:00Z"),
                )
            }),
        };
        out.push(SavedFilter {
            name,
            jql,
            description: r
                .description
                .map(|d| d.trim().to_string())
                .filter(|d| !d.is_empty()),
            created: time(r.created, "created")?,
            last_used: time(r.last_used, "last_used")?,
        });
    }
    Ok(out)
}

/// Parses and checks the text of `filters.toml`.
pub(super) fn parse_store(text: &str, path: &Path) -> Result<FilterFile, FilterError> {
    let mut unknown = Vec::new();
    let raw: RawStore = deserialize(text, path, &mut unknown)?;
    let mut profiles = BTreeMap::new();
    for (name, profile) in raw.profiles {
        profiles.insert(name, check(profile.filters, path, text)?);
    }
    Ok(FilterFile {
        profiles,
        warnings: warnings(unknown, path),
    })
}

/// Parses a file to import: the export format (`[[filters]]` tables), or a whole
/// `filters.toml`, from which the filters of `profile` are taken (or of its only profile).
pub fn parse_export(
    text: &str,
    path: &Path,
    profile: &str,
) -> Result<(Vec<SavedFilter>, Vec<FilterWarning>), FilterError> {
    let mut unknown = Vec::new();
    let raw: RawExport = deserialize(text, path, &mut unknown)?;
    let warnings = warnings(unknown, path);
    let filters = match (raw.filters, raw.profiles) {
        (Some(filters), _) => filters,
        (None, None) => Vec::new(),
        (None, Some(profiles)) => {
            let span = profiles.span();
            let mut profiles = profiles.into_inner();
            let only = (profiles.len() == 1)
                .then(|| profiles.keys().next().cloned())
                .flatten();
            match profiles
                .remove(profile)
                .or_else(|| only.and_then(|name| profiles.remove(&name)))
            {
                Some(p) => p.filters,
                None if profiles.is_empty() => Vec::new(),
                None => {
                    let names: Vec<&str> = profiles.keys().map(String::as_str).collect();
                    return Err(syntax(
                        path,
                        text,
                        span.start,
                        &format!(
                            "the file holds the filters of profiles {}, but none of profile '{profile}'",
                            names.join(", ")
                        ),
                    ));
                }
            }
        }
    };
    Ok((check(filters, path, text)?, warnings))
}

const EXPORT_HEADER: &str = "\
# Saved JQL filters exported by jiratty. Merge them into a profile with
# `jiratty filter import FILE` (names already taken with other JQL are reported, not replaced).
";

/// `filters` as a TOML document of `[[filters]]` tables, which [`parse_export`] reads back.
pub fn render_export(filters: &[SavedFilter]) -> String {
    if filters.is_empty() {
        return format!("{EXPORT_HEADER}\nfilters = []\n");
    }
    let mut doc = toml_edit::DocumentMut::new();
    doc.decor_mut().set_prefix(format!("{EXPORT_HEADER}\n"));
    let mut tables = toml_edit::ArrayOfTables::new();
    for f in filters {
        let mut table = toml_edit::Table::new();
        super::filters_edit::fill(&mut table, f);
        tables.push(table);
    }
    doc.insert("filters", toml_edit::Item::ArrayOfTables(tables));
    doc.to_string()
}
