//! Writing a comment: the draft offered and kept as it changes, sending once, the comment shown
//! as being sent, then Jira's, or taken out again with the draft kept.

use super::*;
use crate::jira::{Comment, CommentBody};
use crate::worker::Act;

pub(super) fn drafts_saved(commands: &[Command]) -> Vec<(String, Option<String>)> {
    commands
        .iter()
        .filter_map(|c| match c {
            Command::SaveDraft { key, text } => Some((key.clone(), text.clone())),
            _ => None,
        })
        .collect()
}

fn posts(commands: &[Command]) -> Vec<(RequestId, String, CommentBody)> {
    commands
        .iter()
        .filter_map(|c| match c {
            Command::Send(r) => match &r.kind {
                RequestKind::Act {
                    key,
                    act: Act::Comment { body, .. },
                } => Some((r.id, key.clone(), body.clone())),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// The detail of ACME-1 with one comment, and the editor open on it.
pub(super) fn writing() -> State {
    let mut s = state();
    let mut out = Vec::new();
    crate::app::detail::open(&mut s, "ACME-1".into(), vec![], &mut out);
    let Command::Send(request) = &out[0] else {
        panic!("{out:?}")
    };
    let mut issue = issue("ACME-1", "Talk");
    issue.fields.comment = Some(
        serde_json::from_value(json!({
            "startAt": 0, "maxResults": 50, "total": 1,
            "comments": [{"id": "10", "body": "first", "created": "2024-06-01T10:00:00.000+0000"}]
        }))
        .unwrap(),
    );
    feed(
        &mut s,
        [answer(request.id, Ok(Response::Issue(Box::new(issue))))],
    );
    let out = feed(&mut s, [ch('c')]);
    assert!(
        out.iter()
            .any(|c| matches!(c, Command::LoadDraft(k) if k == "ACME-1"))
    );
    assert!(matches!(s.overlay, Overlay::Compose(_)));
    s
}

pub(super) fn comments(s: &State) -> Vec<(String, String)> {
    let issue = s.detail().unwrap().issue.as_deref().unwrap();
    issue
        .fields
        .comment
        .as_ref()
        .unwrap()
        .comments
        .iter()
        .map(|c: &Comment| {
            let doc = match &c.body {
                Some(crate::jira::RichText::Wiki(w)) => crate::text::rich::from_wiki(w),
                Some(crate::jira::RichText::Adf(v)) => crate::text::rich::from_adf(v),
                None => crate::text::rich::from_wiki(""),
            };
            let body = crate::text::rich::to_plain(&doc, 80);
            (c.id.clone(), body)
        })
        .collect()
}

#[test]
fn the_draft_comes_back_and_every_change_is_kept() {
    let mut s = writing();
    feed(
        &mut s,
        [Msg::DraftLoaded {
            key: "ACME-1".into(),
            draft: Ok(Some("half a\nthought".into())),
        }],
    );
    assert_eq!(s.status_note(), Some("Your draft for ACME-1 is back"));
    let saved = drafts_saved(&feed(&mut s, typing("!")));
    assert_eq!(
        saved,
        [("ACME-1".to_string(), Some("half a\nthought!".to_string()))]
    );
    // Keys that change nothing write nothing.
    assert!(drafts_saved(&feed(&mut s, [code(KeyCode::Left)])).is_empty());
    // Global keys type in the editor.
    let saved = drafts_saved(&feed(&mut s, [ch('q'), ch('?')]));
    assert_eq!(saved.len(), 2);
    assert!(matches!(s.overlay, Overlay::Compose(_)) && !s.quit);
    feed(&mut s, [code(KeyCode::Esc)]);
    assert_eq!(s.overlay, Overlay::None);
    assert_eq!(
        s.status_note(),
        Some("Draft kept; c on ACME-1 opens it again")
    );
}

#[test]
fn a_draft_arriving_after_typing_does_not_replace_the_typing() {
    let mut s = writing();
    feed(&mut s, typing("new"));
    feed(
        &mut s,
        [Msg::DraftLoaded {
            key: "ACME-1".into(),
            draft: Ok(Some("old".into())),
        }],
    );
    let Overlay::Compose(c) = &s.overlay else {
        panic!()
    };
    assert_eq!(c.text(), "new");
}

#[test]
fn a_sent_comment_shows_at_once_then_as_jira_kept_it_and_the_draft_goes() {
    let mut s = writing();
    feed(&mut s, typing("looks good"));
    let out = feed(&mut s, [ctrl('s')]);
    let sent = posts(&out);
    assert_eq!(sent.len(), 1);
    let (id, key, body) = sent[0].clone();
    assert_eq!(
        (key.as_str(), body),
        ("ACME-1", crate::app::compose::body("looks good"))
    );
    assert_eq!(s.overlay, Overlay::None);
    assert_eq!(
        comments(&s),
        [
            ("10".into(), "first".into()),
            (String::new(), "looks good".into())
        ]
    );
    assert_eq!(
        s.wait_text().as_deref(),
        Some("Sending the comment on ACME-1…")
    );
    // A second c while it is sent opens nothing.
    assert!(feed(&mut s, [ch('c')]).is_empty());
    let kept: Comment = serde_json::from_value(
        json!({"id": "11", "body": "looks good", "created": "2024-06-01T12:00:00.000+0000"}),
    )
    .unwrap();
    let out = feed(
        &mut s,
        [answer(id, Ok(Response::Commented(Box::new(kept))))],
    );
    assert_eq!(drafts_saved(&out), [("ACME-1".to_string(), None)]);
    assert_eq!(comments(&s)[1].0, "11");
    assert_eq!(s.status_note(), Some("Comment added to ACME-1"));
}

#[test]
fn a_failed_post_takes_the_comment_out_and_keeps_the_draft() {
    let mut s = writing();
    feed(&mut s, typing("will fail"));
    let (id, _, _) = posts(&feed(&mut s, [ctrl('s')]))[0].clone();
    let out = feed(
        &mut s,
        [answer(
            id,
            Err(JiraError::Server {
                status: 500,
                message: "boom".into(),
            }),
        )],
    );
    assert!(drafts_saved(&out).is_empty(), "the draft stays on disk");
    assert_eq!(comments(&s).len(), 1);
    let error = s.status_error().unwrap();
    assert!(
        error.starts_with("Your comment on ACME-1 was not added")
            && error.contains("kept as a draft"),
        "{error}"
    );
}

#[test]
fn an_empty_comment_is_not_sent() {
    let mut s = writing();
    feed(&mut s, typing("   "));
    assert!(posts(&feed(&mut s, [ctrl('s')])).is_empty());
    assert!(matches!(s.overlay, Overlay::Compose(_)));
}

#[test]
fn the_preview_shows_the_comment_laid_out_and_a_key_returns_to_the_text() {
    let mut s = writing();
    feed(&mut s, typing("*bold*"));
    feed(&mut s, [ctrl('o')]);
    let Overlay::Compose(c) = &s.overlay else {
        panic!()
    };
    let shown: Vec<String> = c
        .preview
        .as_ref()
        .unwrap()
        .iter()
        .map(crate::text::rich::line_text)
        .collect();
    assert_eq!(shown, ["bold"]);
    feed(&mut s, [ctrl('o')]);
    let Overlay::Compose(c) = &s.overlay else {
        panic!()
    };
    assert!(c.preview.is_none());
}

#[test]
fn the_external_editor_gets_the_text_and_its_answer_replaces_it() {
    let mut s = writing();
    feed(&mut s, typing("draft"));
    let out = feed(&mut s, [ctrl('e')]);
    assert!(out.iter().any(
        |c| matches!(c, Command::ExternalEditor { key, text } if key == "ACME-1" && text == "draft")
    ));
    let out = feed(
        &mut s,
        [Msg::Edited {
            key: "ACME-1".into(),
            result: Ok("draft, edited\n".into()),
        }],
    );
    assert_eq!(
        drafts_saved(&out),
        [("ACME-1".to_string(), Some("draft, edited".to_string()))]
    );
    let Overlay::Compose(c) = &s.overlay else {
        panic!()
    };
    assert_eq!(c.text(), "draft, edited");
}

#[test]
fn a_mention_is_looked_up_as_typing_pauses_and_goes_with_the_comment() {
    let mut s = writing();
    assert!(sent_kinds(&feed(&mut s, typing("thanks @bo"))).is_empty());
    assert!(s.busy(), "the pause is counted by the tick");
    feed(&mut s, [Msg::Tick(now())]);
    let out = feed(&mut s, [Msg::Tick(now())]);
    let (id, kind) = sent_kinds(&out).pop().unwrap();
    assert!(matches!(kind, RequestKind::Users { query } if query == "bo"));
    let bob = crate::jira::User {
        account_id: Some("bob-1".into()),
        display_name: Some("Bob Brown".into()),
        active: true,
        ..Default::default()
    };
    feed(
        &mut s,
        [answer(
            id,
            Ok(Response::People {
                query: "bo".into(),
                users: vec![bob],
            }),
        )],
    );
    // Tab takes the person found; Esc would only have closed the list.
    feed(&mut s, [code(KeyCode::Tab)]);
    feed(&mut s, typing("for the fix"));
    let Overlay::Compose(c) = &s.overlay else {
        panic!()
    };
    assert_eq!(c.text(), "thanks @Bob Brown for the fix");
    assert!(c.mentioning.is_none());
    let (_, _, body) = posts(&feed(&mut s, [ctrl('s')])).pop().unwrap();
    let CommentBody::Markdown { mentions, .. } = body else {
        panic!()
    };
    assert_eq!(
        mentions,
        [crate::text::markdown::Mention {
            name: "Bob Brown".into(),
            id: "bob-1".into()
        }]
    );
}

#[test]
fn esc_closes_the_mention_list_first_then_the_editor() {
    let mut s = writing();
    feed(&mut s, typing("@ca"));
    feed(&mut s, [code(KeyCode::Esc)]);
    assert!(
        matches!(s.overlay, Overlay::Compose(_)),
        "only the list closed"
    );
    feed(&mut s, [code(KeyCode::Esc)]);
    assert_eq!(s.overlay, Overlay::None);
}

fn sent_kinds(commands: &[Command]) -> Vec<(RequestId, RequestKind)> {
    commands
        .iter()
        .filter_map(|c| match c {
            Command::Send(r) => Some((r.id, r.kind.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn a_comment_may_be_kept_to_a_project_role() {
    let mut s = writing();
    feed(&mut s, typing("internal note"));
    let out = feed(&mut s, [ctrl('t')]);
    let (id, kind) = sent_kinds(&out).pop().unwrap();
    assert!(matches!(kind, RequestKind::Roles { project } if project == "ACME"));
    let role = |value: &str, kind: &str| crate::jira::Visibility {
        kind: kind.into(),
        value: value.into(),
    };
    feed(
        &mut s,
        [answer(
            id,
            Ok(Response::Visibilities(vec![
                role("Administrators", "role"),
                role("jira-developers", "group"),
                role("Developers", "role"),
            ])),
        )],
    );
    feed(&mut s, typing("dev"));
    // "dev" keeps the group jira-developers and the role Developers: down to the role.
    feed(&mut s, [code(KeyCode::Down), code(KeyCode::Enter)]);
    let Overlay::Compose(c) = &s.overlay else {
        panic!()
    };
    assert!(c.visibility_picker.is_none());
    assert_eq!(
        c.visibility.as_ref().map(|v| v.value.as_str()),
        Some("Developers")
    );
    assert_eq!(
        c.text(),
        "internal note",
        "typing in the picker did not reach the text"
    );
    let out = feed(&mut s, [ctrl('s')]);
    let visibility = out.iter().find_map(|c| match c {
        Command::Send(r) => match &r.kind {
            RequestKind::Act {
                act: Act::Comment { visibility, .. },
                ..
            } => Some(visibility.clone()),
            _ => None,
        },
        _ => None,
    });
    assert_eq!(
        visibility,
        Some(Some(crate::jira::Visibility {
            kind: "role".into(),
            value: "Developers".into()
        }))
    );
}
