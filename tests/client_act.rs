//! The client's acting calls against the demo server in both flavours: transitions and their
//! errors, assigning and who may be, watching, comments and who may change them, and a
//! comment whose answer is lost on the way (read back, never posted twice).
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::response::Response;
use jiratty::demo::model::Flavor;
use jiratty::jira::{
    Assignee, AuthMethod, CommentBody, JiraError, SearchRequest, TransitionInput, User,
};
use support::*;

fn markdown(text: &str) -> CommentBody {
    CommentBody::Markdown {
        text: text.into(),
        mentions: Vec::new(),
    }
}

async fn first(client: &jiratty::jira::Client, jql: &str) -> String {
    let page = client
        .search_page_of::<jiratty::jira::ListIssue>(&SearchRequest::new(jql), None)
        .await
        .unwrap();
    page.issues[0].key.clone()
}

fn dave(url: &str, flavor: Flavor) -> jiratty::jira::Client {
    match flavor {
        Flavor::Cloud => client(
            url,
            AuthMethod::ApiToken,
            "dave@example.com",
            "demo-api-token-dave",
        ),
        Flavor::Dc => client(url, AuthMethod::Pat, "", "demo-pat-dave"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transitions_their_screens_and_their_errors() {
    for flavor in [Flavor::Cloud, Flavor::Dc] {
        let server = demo(flavor).await;
        let alice = alice(&server.url(), flavor);
        let key = first(&alice, "project = ACME AND status = \"In Review\"").await;
        let offered = alice.transitions(&key).await.unwrap();
        let done = offered.iter().find(|t| t.to.name == "Done").unwrap();
        assert!(done.has_screen && done.needs_input() && done.takes_comment());
        let resolution = done.required().next().unwrap();
        assert_eq!(resolution.key, "resolution");
        assert!(resolution.allowed.iter().any(|a| a.name == "Won't Do"));
        // Without the resolution Jira says what is missing.
        let refused = alice
            .transition(&key, &done.id, &TransitionInput::default())
            .await
            .unwrap_err();
        assert!(
            matches!(&refused, JiraError::BadRequest { message } if message.contains("Resolution is required")),
            "{flavor:?}: {refused:?}"
        );
        let mut input = TransitionInput::default();
        input.fields.insert(
            "resolution".into(),
            resolution.value_for(&resolution.allowed[0]),
        );
        input.comment = Some(markdown("done **now**"));
        alice.transition(&key, &done.id, &input).await.unwrap();
        let rows = alice.rows(std::slice::from_ref(&key)).await.unwrap();
        let status = rows[0].fields.status.as_ref().unwrap();
        assert_eq!(status.name, "Done", "{flavor:?}");
        // A transition no longer offered is refused.
        let again = alice.transition(&key, &done.id, &input).await.unwrap_err();
        assert!(matches!(again, JiraError::BadRequest { .. }), "{again:?}");
        // Dave may not move issues: Jira offers him none.
        assert!(
            dave(&server.url(), flavor)
                .transitions(&key)
                .await
                .unwrap()
                .is_empty()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn assigning_and_who_may_be_assigned() {
    for flavor in [Flavor::Cloud, Flavor::Dc] {
        let server = demo(flavor).await;
        let alice = alice(&server.url(), flavor);
        let key = first(&alice, "project = ACME ORDER BY key ASC").await;
        let people = alice.assignable_users(&key, "", 50).await.unwrap();
        assert!(
            people.iter().any(|u| u.label() == "Bob Brown"),
            "{flavor:?}"
        );
        assert!(
            !people.iter().any(|u| u.label() == "Dave Davis"),
            "a viewer is not offered"
        );
        let bob = alice.assignable_users(&key, "bo", 50).await.unwrap();
        assert_eq!(bob.len(), 1);
        alice
            .assign(&key, &Assignee::User(bob[0].clone()))
            .await
            .unwrap();
        let assignee = |rows: Vec<jiratty::jira::ListIssue>| rows[0].fields.assignee.clone();
        let row = assignee(alice.rows(std::slice::from_ref(&key)).await.unwrap()).unwrap();
        assert_eq!(row.into_label(), "Bob Brown");
        alice.assign(&key, &Assignee::Nobody).await.unwrap();
        assert!(assignee(alice.rows(std::slice::from_ref(&key)).await.unwrap()).is_none());
        alice.assign(&key, &Assignee::Automatic).await.unwrap();
        assert!(assignee(alice.rows(std::slice::from_ref(&key)).await.unwrap()).is_some());
        // Dave may not assign.
        let refused = dave(&server.url(), flavor)
            .assign(&key, &Assignee::Nobody)
            .await
            .unwrap_err();
        assert!(
            matches!(refused, JiraError::Forbidden { .. }),
            "{flavor:?}: {refused:?}"
        );
        // Mentions search everyone.
        assert!(!alice.find_users("car", 8).await.unwrap().is_empty());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn watching_and_comments_and_who_may_change_them() {
    for flavor in [Flavor::Cloud, Flavor::Dc] {
        let server = demo(flavor).await;
        let alice = alice(&server.url(), flavor);
        let key = first(&alice, "project = OPS ORDER BY key ASC").await;
        let me = alice.myself().await.unwrap();
        let before = alice.watchers(&key).await.unwrap();
        alice
            .set_watching(&key, &me, !before.is_watching)
            .await
            .unwrap();
        let after = alice.watchers(&key).await.unwrap();
        assert_eq!(after.is_watching, !before.is_watching, "{flavor:?}");
        let roles = alice.project_roles("OPS").await.unwrap();
        assert!(roles.contains(&"Developers".to_string()), "{roles:?}");
        let groups = alice.my_groups().await.unwrap();
        assert!(
            groups.contains(&"jira-software-users".to_string()),
            "{groups:?}"
        );
        let private = jiratty::jira::Visibility {
            kind: "group".into(),
            value: groups[0].clone(),
        };
        alice
            .post_comment(&key, &markdown("for the group"), Some(&private))
            .await
            .unwrap();

        let posted = alice
            .post_comment(&key, &markdown("first **draft**"), None)
            .await
            .unwrap();
        assert!(!posted.id.is_empty());
        let edited = alice
            .edit_comment(&key, &posted.id, &markdown("second draft"), None)
            .await
            .unwrap();
        assert_eq!(edited.id, posted.id);
        let refused = dave(&server.url(), flavor)
            .delete_comment(&key, &posted.id)
            .await
            .unwrap_err();
        assert!(
            matches!(refused, JiraError::Forbidden { .. }),
            "{refused:?}"
        );
        alice.delete_comment(&key, &posted.id).await.unwrap();
        let gone = alice.delete_comment(&key, &posted.id).await.unwrap_err();
        assert!(matches!(gone, JiraError::NotFound { .. }), "{gone:?}");
        // Bad ids and keys never reach the site.
        assert!(alice.delete_comment(&key, "../1").await.is_err());
        assert!(alice.watchers("not a key").await.is_err());
    }
}

/// A proxy in front of the demo that forwards everything, but cuts the answer to a new
/// comment after the demo has stored it.
async fn losing_comment_answers(backend: String) -> String {
    async fn forward(State(backend): State<String>, request: Request) -> Response {
        let (parts, body) = request.into_parts();
        let path = parts
            .uri
            .path_and_query()
            .map_or("/", |p| p.as_str())
            .to_string();
        let body = axum::body::to_bytes(body, usize::MAX).await.unwrap();
        let http = reqwest::Client::builder().no_proxy().build().unwrap();
        let mut outgoing = http
            .request(parts.method.clone(), format!("{backend}{path}"))
            .body(body);
        for (name, value) in &parts.headers {
            if !matches!(name.as_str(), "host" | "content-length") {
                outgoing = outgoing.header(name, value);
            }
        }
        let answer = outgoing.send().await.unwrap();
        let status = answer.status();
        let headers = answer.headers().clone();
        let bytes = answer.bytes().await.unwrap();
        let lost = parts.method == axum::http::Method::POST && path.ends_with("/comment");
        let body = if lost {
            // The comment is stored; its answer breaks off.
            Body::from_stream(futures_util::stream::iter([
                Ok::<_, std::io::Error>(bytes.slice(..bytes.len() / 2)),
                Err(std::io::Error::other("connection lost")),
            ]))
        } else {
            Body::from(bytes)
        };
        let mut response = Response::new(body);
        *response.status_mut() = status;
        for (name, value) in &headers {
            if name.as_str() != "content-length" {
                response.headers_mut().append(name, value.clone());
            }
        }
        response
    }
    let app = axum::Router::new().fallback(forward).with_state(backend);
    serve(app).await.0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_comment_whose_answer_is_lost_is_read_back_not_posted_twice() {
    for flavor in [Flavor::Cloud, Flavor::Dc] {
        let server = demo(flavor).await;
        let front = losing_comment_answers(server.url()).await;
        let alice = alice(&front, flavor);
        let key = first(&alice, "project = DOC ORDER BY key ASC").await;
        let count = |c: &jiratty::jira::Client| {
            let key = key.clone();
            let c = c.clone();
            async move { c.comments(&key, 0, 100).await.unwrap().total }
        };
        let before = count(&alice).await;
        let comment = alice
            .post_comment(&key, &markdown("only once, please"), None)
            .await
            .unwrap_or_else(|e| panic!("{flavor:?}: the comment landed, yet {e:?}"));
        assert!(!comment.id.is_empty());
        assert_eq!(count(&alice).await, before + 1, "{flavor:?}: posted once");
        let me: User = alice.myself().await.unwrap();
        assert_eq!(comment.author.unwrap().identity(), me.identity());
    }
}
