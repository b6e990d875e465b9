//! Search over both paging styles: Cloud's `POST /rest/api/3/search/jql` with
//! `nextPageToken`, and Server/DC's `/rest/api/2/search` with `startAt` (POST when the JQL is
//! long). A [`Pager`] walks every page, guarded against servers that would make the walk
//! endless (see [`PageGuard`]).

use super::client::{Call, Client};
use super::error::JiraError;
use super::models::{Deployment, Issue, PageCursor, SearchPage};
use super::paging::{OffsetPage, TokenPage};
pub use super::paging::{PageGuard, PagingStop};
use super::salvage::PageIssue;
use serde_json::json;

/// The fields a list of issues needs; searches never ask for `*all`.
pub const LIST_FIELDS: &[&str] = &[
    "summary",
    "status",
    "issuetype",
    "priority",
    "assignee",
    "updated",
];

/// JQL longer than this goes in a POST body on Server/DC (URLs have limits).
const LONG_JQL: usize = 1500;

/// What to search for.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchRequest {
    /// The query.
    pub jql: String,
    /// Fields to return; empty means [`LIST_FIELDS`].
    pub fields: Vec<String>,
    /// Issues per page (the site may give fewer).
    pub page_size: u32,
    /// Expansions (`names`, `renderedFields`).
    pub expand: Vec<String>,
}

impl SearchRequest {
    /// A request for `jql` with the list fields and 50 per page.
    pub fn new(jql: impl Into<String>) -> Self {
        SearchRequest {
            jql: jql.into(),
            fields: Vec::new(),
            page_size: 50,
            expand: Vec::new(),
        }
    }

    fn field_list(&self) -> Vec<String> {
        let fields: Vec<String> = if self.fields.is_empty() {
            LIST_FIELDS.iter().map(|f| f.to_string()).collect()
        } else {
            self.fields.clone()
        };
        // Never ask for everything in a list: it is slow and huge on real sites.
        fields.into_iter().filter(|f| f != "*all").collect()
    }
}

impl Client {
    /// One page of results, starting at `cursor` (None = the first page).
    pub async fn search_page(
        &self,
        request: &SearchRequest,
        cursor: Option<&PageCursor>,
    ) -> Result<SearchPage, JiraError> {
        self.search_page_of(request, cursor).await
    }

    /// One page of results decoded as `I`: full [`Issue`]s, or the lean rows of a list
    /// ([`ListIssue`](super::list_issue::ListIssue)). Issues decode one by one: one that
    /// cannot be read whole comes back with what could be read and its `problem` set. A page
    /// does not know the pages before it: a walk over pages runs them through a [`PageGuard`].
    pub async fn search_page_of<I: PageIssue>(
        &self,
        request: &SearchRequest,
        cursor: Option<&PageCursor>,
    ) -> Result<SearchPage<I>, JiraError> {
        let fields = request.field_list();
        match self.deployment().await? {
            Deployment::Cloud => {
                let mut body = json!({
                    "jql": request.jql,
                    "fields": fields,
                    "maxResults": request.page_size,
                });
                if !request.expand.is_empty() {
                    body["expand"] = json!(request.expand.join(","));
                }
                match cursor {
                    Some(PageCursor::Token(t)) => body["nextPageToken"] = json!(t),
                    Some(PageCursor::Offset(_)) => {
                        return Err(JiraError::Unsupported(
                            "Jira Cloud pages with tokens, not offsets".into(),
                        ));
                    }
                    None => {}
                }
                let page: TokenPage<I> = self
                    .call(
                        Call::post("/rest/api/3/search/jql", body)
                            .idempotent(true)
                            .about("the search results"),
                    )
                    .await?;
                let next = match (page.next_page_token, page.is_last) {
                    (Some(t), last) if last != Some(true) && !page.issues.is_empty() => {
                        Some(PageCursor::Token(t))
                    }
                    _ => None,
                };
                Ok(SearchPage {
                    issues: page.issues,
                    next,
                    total: None,
                })
            }
            Deployment::Dc => {
                let start_at = match cursor {
                    Some(PageCursor::Offset(n)) => *n,
                    Some(PageCursor::Token(_)) => {
                        return Err(JiraError::Unsupported(
                            "Jira Server/Data Center pages with offsets, not tokens".into(),
                        ));
                    }
                    None => 0,
                };
                let call = if request.jql.len() > LONG_JQL {
                    let mut body = json!({
                        "jql": request.jql,
                        "startAt": start_at,
                        "maxResults": request.page_size,
                        "fields": fields,
                    });
                    if !request.expand.is_empty() {
                        body["expand"] = json!(request.expand);
                    }
                    Call::post("/rest/api/2/search", body)
                        .idempotent(true)
                        .about("the search results")
                } else {
                    let mut call = Call::get("/rest/api/2/search")
                        .query("jql", request.jql.clone())
                        .query("startAt", start_at.to_string())
                        .query("maxResults", request.page_size.to_string())
                        .query("fields", fields.join(","))
                        .about("the search results");
                    if !request.expand.is_empty() {
                        call = call.query("expand", request.expand.join(","));
                    }
                    call
                };
                let page: OffsetPage<I> = self.call(call).await?;
                let after = page.start_at + page.issues.len() as u64;
                let more = page.total.is_some_and(|t| after < t) && !page.issues.is_empty();
                Ok(SearchPage {
                    issues: page.issues,
                    next: more.then_some(PageCursor::Offset(after)),
                    total: page.total,
                })
            }
        }
    }

    /// A pager over every page of `request`.
    pub fn pager(&self, request: SearchRequest) -> Pager {
        Pager {
            client: self.clone(),
            request,
            cursor: None,
            done: false,
            total: None,
            guard: PageGuard::new(),
        }
    }

    /// Every issue matching `request`, up to `limit` (None = all), each once. When the site
    /// makes the paging endless (see [`PageGuard`]) the issues got so far come back; use a
    /// [`Pager`] to learn that it happened.
    pub async fn search_all(
        &self,
        request: SearchRequest,
        limit: Option<usize>,
    ) -> Result<Vec<Issue>, JiraError> {
        let mut pager = self.pager(request);
        let mut all = Vec::new();
        while let Some(page) = pager.next_page().await? {
            all.extend(page);
            if limit.is_some_and(|l| all.len() >= l) {
                all.truncate(limit.unwrap_or(usize::MAX));
                break;
            }
        }
        Ok(all)
    }
}

/// Walks the pages of a search one at a time.
#[derive(Debug)]
pub struct Pager {
    client: Client,
    request: SearchRequest,
    cursor: Option<PageCursor>,
    done: bool,
    total: Option<u64>,
    guard: PageGuard,
}

impl Pager {
    /// The next page's issues (without issues earlier pages brought), or `None` after the
    /// last page — or after the page that showed the site repeating itself
    /// ([`Self::stopped`] says so then).
    pub async fn next_page(&mut self) -> Result<Option<Vec<Issue>>, JiraError> {
        if self.done {
            return Ok(None);
        }
        let mut page = self
            .client
            .search_page(&self.request, self.cursor.as_ref())
            .await?;
        self.guard.admit(&mut page);
        self.total = page.total.or(self.total);
        self.cursor = page.next;
        self.done = self.cursor.is_none();
        Ok(Some(page.issues))
    }

    /// Why the paging was ended early because of the site, if it was.
    pub fn stopped(&self) -> Option<&PagingStop> {
        self.guard.stopped()
    }

    /// Pages fetched so far.
    pub fn pages(&self) -> u32 {
        self.guard.pages()
    }

    /// The total the site reported, if it did (Server/DC).
    pub fn total(&self) -> Option<u64> {
        self.total
    }
}
