//! What goes between the UI and the worker: requests with their ids, and the answers.

use crate::jira::{
    ClientOptions, Credentials, Identity, Issue, JiraError, PageCursor, SearchPage, SearchRequest,
    ServerInfo,
};

/// Identifies a request; monotonic per UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RequestId(pub u64);

/// What the UI asks the worker to do.
#[derive(Debug, Clone)]
pub enum RequestKind {
    /// Detect whether a site is Cloud or Server/DC (anonymous `serverInfo`).
    Detect {
        /// The site as typed.
        site: String,
    },
    /// Log in with new credentials; on success the worker uses this client from then on.
    Login {
        /// The site as typed.
        site: String,
        /// The credentials.
        credentials: Credentials,
        /// Connection options.
        options: ClientOptions,
    },
    /// One page of a search.
    Search {
        /// The search.
        request: SearchRequest,
        /// Where the page starts (None = first page).
        cursor: Option<PageCursor>,
    },
    /// One issue in full.
    Issue {
        /// The key.
        key: String,
    },
    /// Issues in full, read ahead for the detail view (at most 100 a call). Low priority: it
    /// starts only while no request the user waits for is running, and a newer one replaces
    /// it (no keys: the one running is only stopped).
    Details {
        /// Their keys.
        keys: Vec<String>,
    },
    /// A request nobody waits for (the list's first page or the open issue read again in the
    /// background). Low priority like [`RequestKind::Details`], in a slot of its own so it
    /// never replaces the user's request of the same kind, and held back while the site says
    /// it is near its rate limit.
    Quiet(Box<RequestKind>),
    /// A page of an issue's comments, oldest first.
    Comments {
        /// The issue.
        key: String,
        /// Offset of the first comment.
        start_at: u64,
        /// Page size.
        max_results: u32,
    },
    /// Jira's favourite filters.
    Favourites,
    /// The site's JQL fields, functions and reserved words.
    AutocompleteData,
    /// Value suggestions for a field.
    Suggestions {
        /// Field name.
        field: String,
        /// What was typed.
        prefix: String,
    },
    /// Who the logged-in user is (`myself`).
    Myself,
    /// The transitions Jira offers for an issue, with their screens' fields.
    Transitions {
        /// The issue.
        key: String,
    },
    /// People an issue may be assigned to, by the start of a name.
    Assignable {
        /// The issue.
        key: String,
        /// What was typed (empty: the first of them).
        query: String,
    },
    /// The roles of a project (who may see a comment).
    Roles {
        /// The project key.
        project: String,
    },
    /// People whose name starts with `query` (for `@` mentions).
    Users {
        /// What was typed after the `@`.
        query: String,
    },
    /// The list rows of some issues, read again after a change.
    Rows {
        /// Their keys.
        keys: Vec<String>,
    },
    /// Change an issue. Never replaced by a later request, never repeated when it may have
    /// been applied.
    Act {
        /// The issue.
        key: String,
        /// The change.
        act: Act,
    },
    /// The boards the user can see.
    Boards,
    /// Open a board: find it, read its configuration and (Scrum) its open sprints.
    BoardOpen {
        /// Its id or name.
        name_or_id: String,
    },
    /// One page of a board's issues, in rank order.
    BoardIssues {
        /// The board.
        board: u64,
        /// A sprint, the backlog or all.
        scope: crate::jira::agile::IssueScope,
        /// Where the page starts.
        start_at: u64,
        /// The board's estimation field.
        estimate_field: Option<String>,
        /// JQL narrowing the page (a card read again: `key = ACME-1`).
        jql: Option<String>,
    },
    /// The editable fields of an issue with their current values (`e`).
    EditForm {
        /// The issue.
        key: String,
    },
    /// The projects the user can see (creating an issue).
    Projects,
    /// The issue types that may be created in a project.
    IssueTypes {
        /// The project key.
        project: String,
    },
    /// The fields of a new issue of a type in a project.
    CreateFields {
        /// The project key.
        project: String,
        /// The issue type id.
        issue_type: String,
    },
    /// Create an issue. Never repeated on its own.
    CreateIssue {
        /// What to create.
        issue: Box<crate::jira::fields::NewIssue>,
    },
    /// Create a filter on the site.
    Publish {
        /// Name.
        name: String,
        /// Query.
        jql: String,
        /// Description.
        description: Option<String>,
    },
}

/// A change to an issue.
#[derive(Debug, Clone, PartialEq)]
pub enum Act {
    /// Take transition `id` with these fields and comment.
    Transition {
        /// Transition id.
        id: String,
        /// Fields and comment.
        input: crate::jira::TransitionInput,
    },
    /// Assign.
    Assign(crate::jira::Assignee),
    /// Add a comment (never repeated; a lost answer is checked by reading the comments).
    Comment {
        /// Its text.
        body: crate::jira::CommentBody,
        /// Who may read it (None: everyone who can see the issue).
        visibility: Option<crate::jira::Visibility>,
    },
    /// Replace the text of comment `id`.
    EditComment {
        /// The comment.
        id: String,
        /// Its new text.
        body: crate::jira::CommentBody,
    },
    /// Delete comment `id`.
    DeleteComment {
        /// The comment.
        id: String,
    },
    /// Change fields; unless `force`, first check that the issue was not updated since
    /// `seen` (answering [`Response::Conflict`] if it was).
    Edit {
        /// What to change.
        edit: Box<crate::jira::fields::IssueEdit>,
        /// The issue's `updated` when the edit started.
        seen: Option<String>,
        /// Overwrite even if it changed meanwhile.
        force: bool,
    },
    /// Start (`on`) or stop watching, as `me`.
    Watch {
        /// Who watches.
        me: Box<crate::jira::User>,
        /// Start or stop.
        on: bool,
    },
    /// Rank the issue before or after another.
    Rank {
        /// Where.
        place: crate::jira::agile::RankPlace,
        /// The board's rank field.
        rank_field: Option<u64>,
    },
    /// Move the issue into a sprint.
    ToSprint {
        /// The sprint's id.
        sprint: u64,
    },
    /// Move the issue to the backlog.
    ToBacklog,
}

/// A request with its id.
#[derive(Debug, Clone)]
pub struct Request {
    /// The id the answer will carry.
    pub id: RequestId,
    /// What to do.
    pub kind: RequestKind,
}

/// What a request produced.
#[derive(Debug, Clone)]
pub enum Response {
    /// The site's server info.
    Detected(ServerInfo),
    /// Logged in.
    LoggedIn(Identity),
    /// A page of results, lean: what a list shows.
    Page(SearchPage<crate::jira::ListIssue>),
    /// An issue.
    Issue(Box<Issue>),
    /// Issues read ahead, in full.
    Details(Vec<Issue>),
    /// A page of comments.
    Comments(crate::jira::CommentPage),
    /// Favourite filters.
    Favourites(Vec<crate::jira::Filter>),
    /// JQL autocomplete data.
    AutocompleteData(Box<crate::jira::AutocompleteData>),
    /// Value suggestions.
    Suggestions {
        /// For this field.
        field: String,
        /// And this prefix.
        prefix: String,
        /// The suggestions.
        results: Vec<crate::jira::Suggestion>,
    },
    /// A filter created on the site.
    Published(Box<crate::jira::Filter>),
    /// Who I am.
    Me(Box<crate::jira::User>),
    /// The transitions of an issue.
    Transitions(Vec<crate::jira::Transition>),
    /// Whom a comment may be kept to: the project's roles, then my groups.
    Visibilities(Vec<crate::jira::Visibility>),
    /// People found for a query.
    People {
        /// The query they answer.
        query: String,
        /// Who.
        users: Vec<crate::jira::User>,
    },
    /// Issues as list rows.
    Rows(Vec<crate::jira::ListIssue>),
    /// A change was made.
    Done,
    /// Fields were changed; the issue's `updated` afterwards.
    Edited {
        /// When it was updated (by this change).
        updated: Option<String>,
    },
    /// The editable fields of an issue and their values.
    EditForm(Box<crate::jira::fields::EditForm>),
    /// The issue changed since the edit started: nothing was sent.
    Conflict {
        /// When it was updated.
        updated: Option<String>,
    },
    /// The projects.
    Projects(Vec<crate::jira::fields::ProjectRef>),
    /// The issue types of a project.
    IssueTypes {
        /// The project.
        project: String,
        /// Its types.
        types: Vec<crate::jira::fields::CreateIssueType>,
    },
    /// The fields of a new issue.
    CreateFields {
        /// The project.
        project: String,
        /// The issue type id.
        issue_type: String,
        /// The fields, required first.
        fields: Vec<crate::jira::fields::FieldMeta>,
    },
    /// An issue was created.
    Created(crate::jira::fields::CreatedIssue),
    /// A comment was added: Jira's copy.
    Commented(Box<crate::jira::Comment>),
    /// The boards.
    Boards(Vec<crate::jira::agile::Board>),
    /// A board opened: the board, its configuration, its open sprints.
    BoardOpened(Box<BoardOpened>),
    /// A page of a board's issues.
    BoardIssues(crate::jira::agile::BoardIssuePage),
}

/// What opening a board brings: the board, its configuration and its open sprints.
pub type BoardOpened = (
    crate::jira::agile::Board,
    crate::jira::agile::BoardConfig,
    Vec<crate::jira::agile::Sprint>,
);

/// An answer.
#[derive(Debug, Clone)]
pub struct WorkerEvent {
    /// The request it answers.
    pub id: RequestId,
    /// Its outcome.
    pub result: Result<Response, JiraError>,
}
