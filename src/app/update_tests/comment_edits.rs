//! Editing and deleting my comments: only mine are offered, as Markdown with their mentions;
//! shown at once, put back when Jira refuses; deleting asks first.

use super::compose::{comments, drafts_saved, writing};
use super::*;
use crate::jira::CommentBody;
use crate::worker::Act;

/// The detail of ACME-1 with a comment of mine (in ADF, mentioning Bob) between two of
/// others', me known.
fn with_my_comment() -> State {
    let mut s = state();
    let mut out = Vec::new();
    crate::app::detail::open(&mut s, "ACME-1".into(), vec![], &mut out);
    let Command::Send(request) = &out[0] else {
        panic!("{out:?}")
    };
    let mut issue = issue("ACME-1", "Talk");
    let mine = json!({"type": "doc", "version": 1, "content": [{"type": "paragraph", "content": [
        {"type": "text", "text": "ask ", "marks": [{"type": "strong"}]},
        {"type": "mention", "attrs": {"id": "bob-1", "text": "@Bob Brown"}}]}]});
    issue.fields.comment = Some(
        serde_json::from_value(json!({
            "startAt": 0, "maxResults": 50, "total": 3,
            "comments": [
                {"id": "10", "author": {"accountId": "other"}, "body": "theirs", "created": "2024-06-01T10:00:00.000+0000"},
                {"id": "11", "author": {"accountId": "me-1"}, "body": mine, "created": "2024-06-01T11:00:00.000+0000"},
                {"id": "12", "author": {"accountId": "other"}, "body": "later", "created": "2024-06-01T11:30:00.000+0000"}
            ]
        }))
        .unwrap(),
    );
    s.actions.me = Some(crate::jira::User {
        account_id: Some("me-1".into()),
        ..Default::default()
    });
    feed(
        &mut s,
        [answer(request.id, Ok(Response::Issue(Box::new(issue))))],
    );
    s
}

fn edits(commands: &[Command]) -> Vec<(RequestId, String, CommentBody)> {
    commands
        .iter()
        .filter_map(|c| match c {
            Command::Send(r) => match &r.kind {
                RequestKind::Act {
                    act: Act::EditComment { id, body },
                    ..
                } => Some((r.id, id.clone(), body.clone())),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

#[test]
fn editing_offers_only_my_comments_as_markdown_and_keeps_the_mentions() {
    let mut s = with_my_comment();
    let out = feed(&mut s, [ch('E')]);
    assert!(out.is_empty(), "me is known: {out:?}");
    let Overlay::Pick(p) = &s.overlay else {
        panic!("{:?}", s.overlay)
    };
    assert_eq!(p.picker.shown.len(), 1, "only mine");
    let out = feed(&mut s, [code(KeyCode::Enter)]);
    assert!(
        out.iter()
            .any(|c| matches!(c, Command::LoadDraft(k) if k == "ACME-1_comment11"))
    );
    let Overlay::Compose(c) = &s.overlay else {
        panic!()
    };
    assert_eq!(c.text(), "**ask** @Bob Brown");
    feed(&mut s, typing(" please"));
    let out = feed(&mut s, [ctrl('s')]);
    let (id, comment, body) = edits(&out).pop().unwrap();
    assert_eq!(comment, "11");
    let CommentBody::Markdown { text, mentions } = body else {
        panic!()
    };
    assert_eq!(text, "**ask** @Bob Brown please");
    assert_eq!(mentions[0].id, "bob-1");
    // Shown at once; a refusal puts the old text back and keeps the edit as a draft.
    assert!(comments(&s)[1].1.contains("please"));
    let out = feed(
        &mut s,
        [answer(
            id,
            Err(JiraError::Forbidden {
                message: "Only the author may edit.".into(),
            }),
        )],
    );
    assert!(drafts_saved(&out).is_empty());
    assert!(!comments(&s)[1].1.contains("please"));
    assert!(s.status_error().unwrap().contains("was not changed"));
}

#[test]
fn an_unchanged_edit_sends_nothing() {
    let mut s = with_my_comment();
    feed(&mut s, [ch('E'), code(KeyCode::Enter)]);
    assert!(edits(&feed(&mut s, [ctrl('s')])).is_empty());
    assert_eq!(s.overlay, Overlay::None);
}

#[test]
fn deleting_asks_first_then_removes_and_a_refusal_puts_it_back() {
    let mut s = with_my_comment();
    feed(&mut s, [ch('D'), code(KeyCode::Enter)]);
    assert!(
        matches!(&s.overlay, Overlay::Prompt(p) if matches!(p.kind, PromptKind::ConfirmDeleteComment { .. }))
    );
    // n: nothing happens.
    assert!(feed(&mut s, [ch('n')]).is_empty());
    assert_eq!(comments(&s).len(), 3);
    feed(&mut s, [ch('D'), code(KeyCode::Enter)]);
    let out = feed(&mut s, [ch('y')]);
    let id = out
        .iter()
        .find_map(|c| match c {
            Command::Send(r) if matches!(&r.kind, RequestKind::Act { act: Act::DeleteComment { id }, .. } if id == "11") => Some(r.id),
            _ => None,
        })
        .unwrap();
    let ids: Vec<String> = comments(&s).into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, ["10", "12"]);
    feed(
        &mut s,
        [answer(
            id,
            Err(JiraError::Server {
                status: 500,
                message: "boom".into(),
            }),
        )],
    );
    let ids: Vec<String> = comments(&s).into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, ["10", "11", "12"]);
    assert!(s.status_error().unwrap().contains("was not deleted"));
}

#[test]
fn no_comment_of_mine_says_so() {
    let mut s = writing();
    feed(&mut s, [code(KeyCode::Esc)]);
    s.actions.me = Some(crate::jira::User {
        account_id: Some("me-1".into()),
        ..Default::default()
    });
    feed(&mut s, [ch('E')]);
    assert_eq!(s.overlay, Overlay::None);
    assert!(
        s.status_note()
            .unwrap()
            .starts_with("None of the comments loaded on ACME-1 is yours")
    );
}
