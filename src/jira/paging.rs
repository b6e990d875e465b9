//! The wire shapes of search pages, and the guard that ends a walk over pages that a server
//! (or a proxy) would make endless: Cloud repeating its `nextPageToken` with `isLast: false`,
//! or Server/DC ignoring `startAt` and sending the first page again and again.

use super::models::{PageCursor, SearchPage, loose_string, null_default};
use super::salvage::{PageIssue, page_issues};
use serde::Deserialize;
use std::collections::HashSet;
use std::fmt;

/// Cloud's `search/jql` body; issues decode one by one.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default, bound(deserialize = "I: PageIssue"))]
pub(crate) struct TokenPage<I> {
    #[serde(deserialize_with = "page_issues")]
    pub issues: Vec<I>,
    #[serde(deserialize_with = "optional_token")]
    pub next_page_token: Option<String>,
    #[serde(deserialize_with = "null_default")]
    pub is_last: Option<bool>,
}

/// Server/DC's `search` body; issues decode one by one.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default, bound(deserialize = "I: PageIssue"))]
pub(crate) struct OffsetPage<I> {
    #[serde(deserialize_with = "page_issues")]
    pub issues: Vec<I>,
    #[serde(deserialize_with = "null_default")]
    pub start_at: u64,
    #[serde(deserialize_with = "null_default")]
    pub total: Option<u64>,
}

fn optional_token<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let token = loose_string(d)?;
    Ok((!token.is_empty()).then_some(token))
}

/// Why a walk over the pages of a search ended before the site said it was done. The issues
/// of the pages before stay valid; the rest cannot be reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PagingStop {
    /// The site pointed again to a next page it had pointed to before (Cloud's
    /// `nextPageToken`, or a Server/DC offset).
    RepeatedCursor {
        /// The page (1-based) whose answer repeated the cursor.
        page: u32,
    },
    /// A page brought no issue that the pages before it had not brought already.
    NoNewIssues {
        /// The page (1-based) that brought nothing new.
        page: u32,
    },
}

impl PagingStop {
    /// One sentence for a user, without a final stop.
    pub fn sentence(&self) -> String {
        match self {
            PagingStop::RepeatedCursor { page } => format!(
                "the site handed out the same page again after page {page}, so the rest of the \
                 results cannot be reached"
            ),
            PagingStop::NoNewIssues { page } => format!(
                "page {page} brought no new issue, only ones earlier pages had brought (the site \
                 or a proxy seems to ignore where a page starts)"
            ),
        }
    }
}

impl fmt::Display for PagingStop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.sentence())
    }
}

/// Remembers what one walk over the pages of a search has seen — the cursors it was handed
/// and the keys of the issues it was given — so that a server repeating itself cannot make
/// the walk endless or its list hold an issue twice. Start a new guard for each new search
/// (and each reload from the first page).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageGuard {
    cursors: HashSet<PageCursor>,
    keys: HashSet<String>,
    pages: u32,
    stopped: Option<PagingStop>,
}

impl PageGuard {
    /// A guard for a walk that has seen nothing yet.
    pub fn new() -> Self {
        PageGuard::default()
    }

    /// Takes the next page of the walk, in place: drops the issues whose keys an earlier page
    /// (or this one) already brought — issues without a key are kept — and ends the walk when
    /// the page, pointing to a next one, brought no new issue or a cursor seen before. Ending
    /// sets `page.next` to `None` and returns the reason (also kept, see [`Self::stopped`]).
    /// After a stop every further page is emptied and stopped again.
    pub fn admit<I: PageIssue>(&mut self, page: &mut SearchPage<I>) -> Option<PagingStop> {
        if let Some(stop) = &self.stopped {
            page.issues.clear();
            page.next = None;
            return Some(stop.clone());
        }
        self.pages = self.pages.saturating_add(1);
        let before = self.keys.len();
        let keys = &mut self.keys;
        page.issues.retain(|issue| {
            let key = issue.issue_key();
            key.is_empty() || keys.insert(key.to_string())
        });
        let Some(next) = &page.next else {
            return None;
        };
        let stop = if self.keys.len() == before {
            Some(PagingStop::NoNewIssues { page: self.pages })
        } else if !self.cursors.insert(next.clone()) {
            Some(PagingStop::RepeatedCursor { page: self.pages })
        } else {
            None
        };
        if let Some(stop) = &stop {
            tracing::warn!(reason = %stop, "paging stopped");
            page.next = None;
            self.stopped = Some(stop.clone());
        }
        stop
    }

    /// Why the walk was ended, if it was.
    pub fn stopped(&self) -> Option<&PagingStop> {
        self.stopped.as_ref()
    }

    /// Pages admitted so far.
    pub fn pages(&self) -> u32 {
        self.pages
    }

    /// Distinct issue keys admitted so far.
    pub fn keys_seen(&self) -> usize {
        self.keys.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jira::ListIssue;

    fn page(keys: &[&str], next: Option<PageCursor>) -> SearchPage<ListIssue> {
        SearchPage {
            issues: keys
                .iter()
                .map(|k| ListIssue {
                    key: k.to_string(),
                    ..ListIssue::default()
                })
                .collect(),
            next,
            total: None,
        }
    }

    fn keys(page: &SearchPage<ListIssue>) -> Vec<&str> {
        page.issues.iter().map(|i| i.key.as_str()).collect()
    }

    fn token(t: &str) -> Option<PageCursor> {
        Some(PageCursor::Token(t.to_string()))
    }

    #[test]
    fn an_honest_walk_passes_untouched() {
        let mut guard = PageGuard::new();
        let mut first = page(&["A-1", "A-2"], token("t1"));
        assert_eq!(guard.admit(&mut first), None);
        let mut second = page(&["A-3"], token("t2"));
        assert_eq!(guard.admit(&mut second), None);
        let mut last = page(&["A-4"], None);
        assert_eq!(guard.admit(&mut last), None);
        assert_eq!(keys(&last), ["A-4"]);
        assert_eq!((guard.pages(), guard.keys_seen()), (3, 4));
        assert_eq!(guard.stopped(), None);
    }

    #[test]
    fn a_repeated_token_ends_the_walk_keeping_the_new_issues() {
        let mut guard = PageGuard::new();
        guard.admit(&mut page(&["A-1"], token("t")));
        let mut second = page(&["A-2"], token("t"));
        assert_eq!(
            guard.admit(&mut second),
            Some(PagingStop::RepeatedCursor { page: 2 })
        );
        assert_eq!((keys(&second), second.next.clone()), (vec!["A-2"], None));
        let mut third = page(&["A-3"], token("u"));
        assert!(guard.admit(&mut third).is_some());
        assert!(third.issues.is_empty() && third.next.is_none());
    }

    #[test]
    fn a_page_of_known_issues_ends_the_walk() {
        let mut guard = PageGuard::new();
        let offset = |n| Some(PageCursor::Offset(n));
        guard.admit(&mut page(&["A-1", "A-2"], offset(2)));
        let mut again = page(&["A-1", "A-2"], offset(4));
        assert_eq!(
            guard.admit(&mut again),
            Some(PagingStop::NoNewIssues { page: 2 })
        );
        assert!(again.issues.is_empty() && again.next.is_none());
        assert!(
            PagingStop::NoNewIssues { page: 2 }
                .sentence()
                .contains("page 2")
        );
    }

    #[test]
    fn duplicates_are_dropped_and_keyless_issues_kept_but_not_counted_as_new() {
        let mut guard = PageGuard::new();
        let mut first = page(&["A-1", "A-1", "", ""], token("t1"));
        assert_eq!(guard.admit(&mut first), None);
        assert_eq!(keys(&first), ["A-1", "", ""]);
        let mut keyless = page(&["", "A-1"], token("t2"));
        assert_eq!(
            guard.admit(&mut keyless),
            Some(PagingStop::NoNewIssues { page: 2 })
        );
        assert_eq!(keys(&keyless), [""]);
    }

    #[test]
    fn a_repeated_last_page_only_loses_its_duplicates() {
        let mut guard = PageGuard::new();
        guard.admit(&mut page(&["A-1"], token("t1")));
        let mut last = page(&["A-1", "A-2"], None);
        assert_eq!(guard.admit(&mut last), None);
        assert_eq!(keys(&last), ["A-2"]);
    }
}
