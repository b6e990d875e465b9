//! A small cache of value suggestions per field and typed prefix.
//!
//! Jira answers `jql/autocompletedata/suggestions` with a capped list (15
//! on both Cloud and Server). A cached answer shorter than the cap holds
//! every match, so a longer prefix can be answered from it by filtering,
//! without a request.

use crate::jira::models::Suggestion;

use super::quote::plain_display;

/// How many suggestions Jira returns at most.
pub const SERVER_LIMIT: usize = 15;

/// Suggestions found in the cache.
#[derive(Debug, Clone, PartialEq)]
pub struct CachedSuggestions {
    /// The suggestions, in the site's order.
    pub results: Vec<Suggestion>,
    /// True when they are the site's full answer for this prefix (cached
    /// for it, or filtered from a complete answer for a shorter prefix);
    /// false when a request should still be made (the shorter prefix's
    /// answer was capped, so matches may be missing).
    pub complete: bool,
}

/// Recent suggestion answers keyed by (field, prefix), both compared
/// without case. The least recently used entry goes when full.
#[derive(Debug, Clone, PartialEq)]
pub struct SuggestionCache {
    entries: Vec<Entry>,
    capacity: usize,
    server_limit: usize,
    clock: u64,
}

#[derive(Debug, Clone, PartialEq)]
struct Entry {
    field: String,
    prefix: String,
    results: Vec<Suggestion>,
    used: u64,
}

impl Default for SuggestionCache {
    fn default() -> Self {
        Self::new(64)
    }
}

impl SuggestionCache {
    /// An empty cache holding at most `capacity` answers (at least one).
    pub fn new(capacity: usize) -> Self {
        SuggestionCache {
            entries: Vec::new(),
            capacity: capacity.max(1),
            server_limit: SERVER_LIMIT,
            clock: 0,
        }
    }

    /// The same cache, treating answers of `limit` or more suggestions as
    /// capped by the site.
    pub fn with_server_limit(mut self, limit: usize) -> Self {
        self.server_limit = limit.max(1);
        self
    }

    /// How many answers are cached.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Remembers the site's answer for `field` and `prefix`.
    pub fn insert(&mut self, field: &str, prefix: &str, results: Vec<Suggestion>) {
        self.clock += 1;
        let (field, prefix) = (key(field), prefix.to_lowercase());
        if let Some(e) = self
            .entries
            .iter_mut()
            .find(|e| e.field == field && e.prefix == prefix)
        {
            e.results = results;
            e.used = self.clock;
            return;
        }
        if self.entries.len() >= self.capacity
            && let Some(oldest) = self
                .entries
                .iter()
                .enumerate()
                .min_by_key(|(_, e)| e.used)
                .map(|(i, _)| i)
        {
            self.entries.swap_remove(oldest);
        }
        self.entries.push(Entry {
            field,
            prefix,
            results,
            used: self.clock,
        });
    }

    /// The answer cached for exactly `field` and `prefix`.
    pub fn get(&mut self, field: &str, prefix: &str) -> Option<&[Suggestion]> {
        self.clock += 1;
        let (field, prefix) = (key(field), prefix.to_lowercase());
        let clock = self.clock;
        let entry = self
            .entries
            .iter_mut()
            .find(|e| e.field == field && e.prefix == prefix)?;
        entry.used = clock;
        Some(&entry.results)
    }

    /// The best answer for `field` and `prefix`: the exact one if cached,
    /// else the one for the longest cached shorter prefix, filtered to the
    /// suggestions whose value or shown name contains `prefix`.
    pub fn lookup(&mut self, field: &str, prefix: &str) -> Option<CachedSuggestions> {
        if let Some(exact) = self.get(field, prefix) {
            return Some(CachedSuggestions {
                results: exact.to_vec(),
                complete: true,
            });
        }
        let (field, wanted) = (key(field), prefix.to_lowercase());
        let limit = self.server_limit;
        let best = self
            .entries
            .iter_mut()
            .filter(|e| e.field == field && wanted.starts_with(&e.prefix))
            // Prefer complete answers, then the longest prefix.
            .max_by_key(|e| (e.results.len() < limit, e.prefix.len()))?;
        self.clock += 1;
        best.used = self.clock;
        let results = best
            .results
            .iter()
            .filter(|s| matches(s, &wanted))
            .cloned()
            .collect();
        Some(CachedSuggestions {
            results,
            complete: best.results.len() < limit,
        })
    }

    /// Forgets everything (for instance after switching site).
    pub fn clear(&mut self) {
        self.entries.clear();
    }
}

/// Fields compare trimmed and without case (prefixes only without case).
fn key(text: &str) -> String {
    text.trim().to_lowercase()
}

fn matches(s: &Suggestion, wanted: &str) -> bool {
    s.value.to_lowercase().contains(wanted)
        || plain_display(&s.display_name)
            .to_lowercase()
            .contains(wanted)
}
