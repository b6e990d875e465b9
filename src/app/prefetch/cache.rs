//! The detail cache: issues read in full (ahead, or when opened), in memory, keyed by key and
//! the `updated` time the list row showed. A row whose `updated` moved on no longer finds its
//! issue here (and the stale copy is dropped). Bounded by a number of issues and by an
//! estimate of their size; the least recently used go first.

use crate::jira::{Issue, RichText};
use std::collections::HashMap;
use std::sync::Arc;

/// Issues kept at most.
pub const MAX_ISSUES: usize = 300;
/// Their estimated size at most, in bytes (text of the bodies and a little per field).
pub const MAX_BYTES: usize = 12 << 20;

/// One kept issue.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    issue: Arc<Issue>,
    /// `updated` in seconds since 1970, as the issue says (None: unknown).
    updated: Option<i64>,
    /// Estimated size in bytes.
    size: usize,
    /// When it was last put or taken (a counter).
    used: u64,
}

/// Issues in full by key, bounded.
#[derive(Debug, Clone, PartialEq)]
pub struct DetailCache {
    entries: HashMap<String, Entry>,
    bytes: usize,
    clock: u64,
    max_issues: usize,
    max_bytes: usize,
}

impl Default for DetailCache {
    fn default() -> Self {
        DetailCache::with_bounds(MAX_ISSUES, MAX_BYTES)
    }
}

impl DetailCache {
    /// An empty cache holding at most `max_issues` issues of `max_bytes` together.
    pub fn with_bounds(max_issues: usize, max_bytes: usize) -> Self {
        DetailCache {
            entries: HashMap::new(),
            bytes: 0,
            clock: 0,
            max_issues: max_issues.max(1),
            max_bytes,
        }
    }

    /// Keeps `issue` (replacing an older copy), then drops the least recently used until the
    /// bounds hold. An issue bigger than the whole budget is not kept.
    pub fn put(&mut self, issue: Arc<Issue>) {
        let key = issue.key.clone();
        if key.is_empty() {
            return;
        }
        self.remove(&key);
        let size = approx_size(&issue);
        if size > self.max_bytes {
            return;
        }
        self.clock += 1;
        let updated = updated_secs(&issue);
        self.bytes += size;
        self.entries.insert(
            key,
            Entry {
                issue,
                updated,
                size,
                used: self.clock,
            },
        );
        while self.entries.len() > self.max_issues || self.bytes > self.max_bytes {
            let Some(oldest) = self
                .entries
                .iter()
                .min_by_key(|(_, e)| e.used)
                .map(|(k, _)| k.clone())
            else {
                break;
            };
            self.remove(&oldest);
        }
    }

    /// The issue `key` if it is kept and is as new as `updated` says (the list row's time;
    /// None: whatever is kept). A copy older than `updated` is dropped.
    pub fn get(&mut self, key: &str, updated: Option<i64>) -> Option<Arc<Issue>> {
        if !self.is_fresh(key, updated) {
            self.invalidate(key, updated);
            return None;
        }
        self.clock += 1;
        let entry = self.entries.get_mut(key)?;
        entry.used = self.clock;
        Some(entry.issue.clone())
    }

    /// Whether `key` is kept as new as `updated` (see [`DetailCache::get`]), without using it.
    pub fn is_fresh(&self, key: &str, updated: Option<i64>) -> bool {
        self.entries
            .get(key)
            .is_some_and(|e| updated.is_none() || e.updated.is_some_and(|u| Some(u) >= updated))
    }

    /// Drops the copy of `key` unless it is as new as `updated`.
    pub fn invalidate(&mut self, key: &str, updated: Option<i64>) {
        if self.entries.contains_key(key) && !self.is_fresh(key, updated) {
            self.remove(key);
        }
    }

    /// Drops the copy of `key`.
    pub fn remove(&mut self, key: &str) {
        if let Some(old) = self.entries.remove(key) {
            self.bytes -= old.size;
        }
    }

    /// How many issues are kept.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Their estimated size in bytes.
    pub fn bytes(&self) -> usize {
        self.bytes
    }
}

/// An issue's `updated`, in seconds since 1970.
pub fn updated_secs(issue: &Issue) -> Option<i64> {
    let updated = issue.fields.updated.as_deref()?;
    crate::jira::models::parse_time(updated).map(|t| t.timestamp())
}

/// The estimated memory of an issue: its text and a little per ADF node, comment and field.
pub fn approx_size(issue: &Issue) -> usize {
    let f = &issue.fields;
    let mut size =
        512 + f.summary.as_deref().map_or(0, str::len) + 64 * (f.other.len() + issue.names.len());
    let bodies = f.description.iter().chain(
        f.comment
            .iter()
            .flat_map(|page| page.comments.iter().filter_map(|c| c.body.as_ref())),
    );
    for body in bodies {
        size += 128
            + match body {
                RichText::Wiki(s) => s.len(),
                RichText::Adf(v) => json_size(v),
            };
    }
    size + f.other.values().map(json_size).sum::<usize>()
}

/// The bytes of a JSON value's strings plus 16 a node.
fn json_size(value: &serde_json::Value) -> usize {
    use serde_json::Value;
    let mut size = 0usize;
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        size += 16;
        match v {
            Value::String(s) => size += s.len(),
            Value::Array(items) => stack.extend(items),
            Value::Object(map) => {
                size += map.keys().map(String::len).sum::<usize>();
                stack.extend(map.values());
            }
            Value::Null | Value::Bool(_) | Value::Number(_) => {}
        }
    }
    size
}
