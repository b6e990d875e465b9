//! Fetching the comments of an issue beyond those it carries, bounded: a page that brings no
//! comment not seen before ends the fetch (a server or proxy that ignores `startAt`), and one
//! issue view fetches at most [`COMMENT_CAP`] comments in [`MAX_COMMENT_PAGES`] pages, whatever
//! `total` the server claims (10^12 included).

use super::client::Client;
use super::error::JiraError;
use super::models::{Comment, CommentPage};
use std::collections::HashSet;
use std::fmt;

/// The most comments one issue view fetches.
pub const COMMENT_CAP: usize = 5000;
/// The most comment pages one issue view asks for (a server may send fewer per page than
/// asked).
pub const MAX_COMMENT_PAGES: u32 = 100;
/// Comments asked for per page.
pub const COMMENT_PAGE_SIZE: u32 = 100;

/// Why fetching comments ended before `total` was reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommentStop {
    /// The cap of one issue view was reached.
    Cap,
    /// A page brought no comment that was not there already.
    NoNewComments,
}

impl CommentStop {
    /// One sentence for a user, without a final stop.
    pub fn sentence(&self) -> String {
        match self {
            CommentStop::Cap => format!(
                "jiratty fetches at most {COMMENT_CAP} comments in {MAX_COMMENT_PAGES} pages for \
                 one issue"
            ),
            CommentStop::NoNewComments => "a page of comments brought only comments already \
                 fetched (the site or a proxy seems to ignore where a page starts)"
                .to_string(),
        }
    }
}

impl fmt::Display for CommentStop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.sentence())
    }
}

/// Remembers the comment ids one issue view has, to drop repeats and to end the loading when
/// a page brings nothing new or the cap is reached. Comments without an id are kept but do not
/// count as new.
#[derive(Debug, Clone, Default)]
pub struct CommentGuard {
    ids: HashSet<String>,
    kept: usize,
    pages: u32,
}

impl CommentGuard {
    /// A guard that has seen the comments `carried` (those the issue came with).
    pub fn new(carried: &[Comment]) -> Self {
        let mut guard = CommentGuard::default();
        for c in carried {
            if !c.id.is_empty() {
                guard.ids.insert(c.id.clone());
            }
        }
        guard.kept = carried.len();
        guard
    }

    /// Takes a further page, in place: drops comments seen before and those past the cap.
    /// Returns why loading must end now, if it must (a page without a new comment id, or the
    /// cap reached); `None` means more may be asked for. Only matters while fewer comments
    /// than `total` are loaded.
    pub fn admit(&mut self, page: &mut CommentPage) -> Option<CommentStop> {
        self.pages = self.pages.saturating_add(1);
        let before = self.ids.len();
        let ids = &mut self.ids;
        page.comments
            .retain(|c| c.id.is_empty() || ids.insert(c.id.clone()));
        let fresh = self.ids.len() > before;
        page.comments
            .truncate(COMMENT_CAP.saturating_sub(self.kept));
        self.kept += page.comments.len();
        if self.kept >= COMMENT_CAP || self.pages >= MAX_COMMENT_PAGES {
            Some(CommentStop::Cap)
        } else if !fresh {
            Some(CommentStop::NoNewComments)
        } else {
            None
        }
    }

    /// Comments kept so far (those carried included).
    pub fn kept(&self) -> usize {
        self.kept
    }
}

/// An issue's comments as far as they were fetched.
#[derive(Debug, Clone, PartialEq)]
pub struct FetchedComments {
    /// The comments, oldest first, each once.
    pub comments: Vec<Comment>,
    /// How many the site said there are.
    pub total: u64,
    /// Why fetching ended before `total`, if it did.
    pub stop: Option<CommentStop>,
}

impl FetchedComments {
    /// How many of `total` were not fetched.
    pub fn missing(&self) -> u64 {
        self.total.saturating_sub(self.comments.len() as u64)
    }
}

impl Client {
    /// Every comment of issue `key` after the ones its `first` page carries, as far as the
    /// bounds of one issue view go (see [`CommentGuard`]).
    pub async fn all_comments(
        &self,
        key: &str,
        first: &CommentPage,
    ) -> Result<FetchedComments, JiraError> {
        let mut comments = first.comments.clone();
        let mut guard = CommentGuard::new(&comments);
        let mut total = first.total;
        let mut stop = None;
        while (comments.len() as u64) < total {
            let mut page = self
                .comments(key, comments.len() as u64, COMMENT_PAGE_SIZE)
                .await?;
            stop = guard.admit(&mut page);
            // Jira's total may change while we read; the latest one counts.
            total = page.total.max(comments.len() as u64);
            comments.append(&mut page.comments);
            if stop.is_some() {
                break;
            }
        }
        if (comments.len() as u64) >= total {
            stop = None;
        }
        Ok(FetchedComments {
            comments,
            total,
            stop,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(ids: &[&str], total: u64) -> CommentPage {
        CommentPage {
            comments: ids
                .iter()
                .map(|id| Comment {
                    id: id.to_string(),
                    ..Comment::default()
                })
                .collect(),
            total,
            ..CommentPage::default()
        }
    }

    #[test]
    fn new_comments_pass_and_repeats_end_the_loading() {
        let mut guard = CommentGuard::new(&page(&["1", "2"], 10).comments);
        let mut more = page(&["2", "3"], 10);
        assert_eq!(guard.admit(&mut more), None);
        assert_eq!(more.comments.len(), 1);
        let mut again = page(&["1", "3"], 10);
        assert_eq!(guard.admit(&mut again), Some(CommentStop::NoNewComments));
        assert!(again.comments.is_empty());
        assert_eq!(guard.kept(), 3);
    }

    #[test]
    fn the_cap_ends_the_loading_whatever_the_total() {
        let mut guard = CommentGuard::default();
        let ids: Vec<String> = (0..COMMENT_CAP + 10).map(|i| i.to_string()).collect();
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let mut huge = page(&refs, 1_000_000_000_000);
        assert_eq!(guard.admit(&mut huge), Some(CommentStop::Cap));
        assert_eq!(huge.comments.len(), COMMENT_CAP);
    }

    #[test]
    fn the_page_cap_ends_a_trickle_of_one_comment_a_page() {
        let mut guard = CommentGuard::default();
        for i in 1..MAX_COMMENT_PAGES {
            assert_eq!(guard.admit(&mut page(&[&i.to_string()], 1 << 40)), None);
        }
        assert_eq!(
            guard.admit(&mut page(&["last"], 1 << 40)),
            Some(CommentStop::Cap)
        );
    }

    #[test]
    fn an_empty_page_short_of_the_total_ends_the_loading() {
        let mut guard = CommentGuard::default();
        assert_eq!(
            guard.admit(&mut page(&[], 10)),
            Some(CommentStop::NoNewComments)
        );
        assert!(CommentStop::Cap.sentence().contains("5000"));
    }
}
