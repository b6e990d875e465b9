//! The detail screen: opening and going back, related issues, comments loaded on demand,
//! numbered links opened with a key.

use super::*;
use crate::jira::CommentPage;

/// An issue carrying the first `carried` of `total` comments, each linking somewhere.
fn discussed(carried: usize, total: u64) -> Issue {
    let mut full = issue("ACME-0", "Long discussion");
    let comments: Vec<serde_json::Value> = (0..carried).map(comment).collect();
    full.fields.comment = Some(
        serde_json::from_value(json!({
            "startAt": 0, "maxResults": carried, "total": total, "comments": comments
        }))
        .unwrap(),
    );
    full
}

fn comment(i: usize) -> serde_json::Value {
    json!({
        "id": format!("{}", 100 + i),
        "author": {"displayName": "Bob Brown"},
        "body": format!("Comment {i}, see [the log|https://logs.example/{i}]."),
        "created": "2024-05-01T09:00:00.000+0000",
        "updated": "2024-05-01T09:00:00.000+0000"
    })
}

fn comments_page(range: std::ops::Range<usize>, total: u64) -> CommentPage {
    let comments: Vec<serde_json::Value> = range.clone().map(comment).collect();
    serde_json::from_value(json!({
        "startAt": range.start, "maxResults": 50, "total": total, "comments": comments
    }))
    .unwrap()
}

/// The one comments request in `sent`: id and where it starts.
fn comments_request(sent: &[Command]) -> Option<(RequestId, u64)> {
    let found: Vec<(RequestId, u64)> = sent
        .iter()
        .filter_map(|c| match c {
            Command::Send(r) => match &r.kind {
                RequestKind::Comments { start_at, .. } => Some((r.id, *start_at)),
                _ => None,
            },
            _ => None,
        })
        .collect();
    assert!(found.len() <= 1, "at most one comments request: {sent:?}");
    found.into_iter().next()
}

/// The detail of ACME-0 opened on a 100x30 screen, showing `full`; returns what arriving sent.
fn opened(full: Issue) -> (State, Vec<Command>) {
    let mut s = loaded(5);
    update(&mut s, Msg::Resize(100, 30));
    let (id, _) = issue_request(&feed(&mut s, [code(KeyCode::Enter)]));
    let sent = update(&mut s, answer(id, Ok(Response::Issue(Box::new(full)))));
    (s, sent)
}

/// The issue as the detail view shows it (the layout `update` keeps).
fn text(s: &State) -> String {
    let layout = &s.detail().expect("the detail is open").layout;
    layout
        .lines
        .iter()
        .map(crate::text::rich::line_text)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn more_comments_load_near_the_end_newest_last_without_duplicates() {
    // Twenty of 45 carried: a long issue, so nothing loads until the reader nears the end.
    let (mut s, sent) = opened(discussed(20, 45));
    assert_eq!(comments_request(&sent), None);
    assert!(text(&s).contains("25 more comments"));
    let (id, start) = comments_request(&feed(&mut s, [ch('G')])).expect("loads at the end");
    assert_eq!(start, 20);
    assert!(text(&s).contains("Loading more comments…"));
    assert!(s.busy());
    // Scrolling on while it loads asks for nothing more.
    assert_eq!(comments_request(&feed(&mut s, [ch('j'), ch('k')])), None);
    // The page overlaps what is shown (a comment was added meanwhile): no comment twice.
    let sent = update(
        &mut s,
        answer(id, Ok(Response::Comments(comments_page(19..45, 45)))),
    );
    let d = s.detail().unwrap();
    assert_eq!(d.comment_counts(), (45, 45));
    assert_eq!(comments_request(&sent), None, "all loaded");
    let body = text(&s);
    assert_eq!(body.matches("Comment 19,").count(), 1);
    let (first, last) = (
        body.find("Comment 0,").unwrap(),
        body.find("Comment 44,").unwrap(),
    );
    assert!(first < last, "oldest first, newest last");
    assert!(!body.contains("more comment"));
}

#[test]
fn a_short_issue_loads_the_rest_at_once_and_a_failure_stays_visible() {
    let (mut s, sent) = opened(discussed(2, 5));
    let (id, start) = comments_request(&sent).expect("the end is on screen");
    assert_eq!(start, 2);
    update(
        &mut s,
        answer(
            id,
            Err(JiraError::Server {
                status: 503,
                message: "busy".into(),
            }),
        ),
    );
    assert!(text(&s).contains("More comments could not be loaded"));
    // No retry loop: scrolling does not ask again; r reloads the issue.
    assert_eq!(comments_request(&feed(&mut s, [ch('G'), ch('k')])), None);
    let (_, key) = issue_request(&feed(&mut s, [ch('r')]));
    assert_eq!(key, "ACME-0");
}

#[test]
fn a_site_that_gives_no_more_than_it_counted_stops_the_loading() {
    let (mut s, sent) = opened(discussed(2, 9));
    let (id, _) = comments_request(&sent).unwrap();
    let sent = update(
        &mut s,
        answer(id, Ok(Response::Comments(comments_page(0..0, 9)))),
    );
    assert_eq!(comments_request(&sent), None);
    assert_eq!(s.detail().unwrap().comment_counts(), (2, 2));
}

#[test]
fn links_are_numbered_across_bodies_and_open_with_l_and_their_number() {
    let mut full = discussed(3, 3);
    full.fields.description = Some(crate::jira::RichText::Wiki(
        "Read [the spec|https://docs.example/spec] and [the log|https://logs.example/1].".into(),
    ));
    let (mut s, _) = opened(full);
    let body = text(&s);
    // The description's two links, then the comments' new ones; a repeated URL keeps its number.
    assert!(body.contains("[1] https://docs.example/spec"), "{body}");
    assert!(body.contains("[2] https://logs.example/1"));
    assert!(body.contains("[3] https://logs.example/0"));
    assert!(body.contains("[4] https://logs.example/2"));
    assert_eq!(body.matches("https://logs.example/1").count(), 1);
    feed(&mut s, [ch('l')]);
    assert!(matches!(
        &s.overlay,
        Overlay::Prompt(p) if p.kind == PromptKind::OpenLink { count: 4 }
    ));
    // Letters are not taken; the number is.
    let sent = feed(&mut s, [ch('x'), ch('4'), code(KeyCode::Enter)]);
    assert!(
        matches!(sent.as_slice(), [Command::OpenUrl(u)] if u == "https://logs.example/2"),
        "{sent:?}"
    );
    assert_eq!(s.overlay, Overlay::None);
    // A number out of range says so and opens nothing.
    let sent = feed(&mut s, [ch('l'), ch('9'), code(KeyCode::Enter)]);
    assert!(sent.is_empty());
    assert!(s.status_error().as_deref().unwrap().contains("from 1 to 4"));
}

#[test]
fn only_web_and_mail_links_open() {
    let mut full = issue("ACME-0", "x");
    full.fields.description = Some(crate::jira::RichText::Wiki(
        "[run me|file:///etc/passwd]".into(),
    ));
    let (mut s, _) = opened(full);
    let sent = feed(&mut s, [ch('l'), code(KeyCode::Enter)]);
    assert!(sent.is_empty(), "{sent:?}");
    assert!(
        s.status_error()
            .as_deref()
            .unwrap()
            .contains("only web and mail")
    );
    // An issue without links says so.
    let (mut s, _) = opened(issue("ACME-0", "plain"));
    assert!(feed(&mut s, [ch('l')]).is_empty());
    assert_eq!(s.overlay, Overlay::None);
    assert_eq!(s.status_note(), Some("This issue has no links."));
}

#[test]
fn the_kept_layout_is_what_the_view_would_build() {
    let (mut s, _) = opened(discussed(3, 3));
    let kept = s.detail().unwrap().layout.clone();
    assert!(kept.stamp.is_some());
    assert_eq!(
        kept,
        crate::app::detail_layout::build(s.detail().unwrap(), s.now, 98, false)
    );
    // A narrower window rebuilds it at the new width.
    update(&mut s, Msg::Resize(60, 30));
    let d = s.detail().unwrap();
    assert_eq!(d.layout.stamp.unwrap().width, 58);
}

#[test]
fn enter_opens_the_detail_and_esc_goes_back() {
    let mut s = loaded(5);
    feed(&mut s, [ch('j')]);
    let sent = feed(&mut s, [code(KeyCode::Enter)]);
    assert!(matches!(s.screen, Screen::Detail(_)));
    let [Command::Send(r)] = sent.as_slice() else {
        panic!("one request expected: {sent:?}")
    };
    assert!(matches!(&r.kind, RequestKind::Issue { key } if key == "ACME-1"));
    let d = s.detail().unwrap();
    assert_eq!((d.key.as_str(), &d.phase), ("ACME-1", &Phase::Loading));
    let full = issue("ACME-1", "Summary 1");
    update(&mut s, answer(r.id, Ok(Response::Issue(Box::new(full)))));
    let d = s.detail().unwrap();
    assert_eq!(d.issue.as_ref().unwrap().key, "ACME-1");
    assert_eq!(d.phase, Phase::Idle);
    feed(&mut s, [code(KeyCode::Esc)]);
    assert_eq!(s.screen, Screen::List);
    assert_eq!(s.detail(), None);
    assert_eq!(s.list.selected, 1, "back where we were");
}

#[test]
fn a_detail_answer_after_going_back_is_dropped() {
    let mut s = loaded(5);
    let sent = feed(&mut s, [code(KeyCode::Enter), code(KeyCode::Esc)]);
    let [Command::Send(r)] = sent.as_slice() else {
        panic!("{sent:?}")
    };
    let before = s.clone();
    update(
        &mut s,
        answer(r.id, Ok(Response::Issue(Box::new(issue("ACME-0", "x"))))),
    );
    assert_eq!(s, before);
}

#[test]
fn tab_chooses_a_related_issue_enter_opens_it_and_esc_walks_back() {
    let mut s = loaded(5);
    let (id, key) = issue_request(&feed(&mut s, [code(KeyCode::Enter)]));
    assert_eq!(key, "ACME-0");
    let mut full = issue("ACME-0", "Parent work");
    full.fields.subtasks = serde_json::from_value(serde_json::json!([
        {"id": "2", "key": "ACME-7", "fields": {"summary": "first part"}},
        {"id": "3", "key": "ACME-8", "fields": {"summary": "second part"}}
    ]))
    .unwrap();
    update(&mut s, answer(id, Ok(Response::Issue(Box::new(full)))));
    // Tab twice: the second sub-task; Shift-Tab wraps back and forth.
    feed(&mut s, [code(KeyCode::Tab), code(KeyCode::Tab)]);
    assert_eq!(s.detail().unwrap().related, Some(1));
    let (_, key) = issue_request(&feed(&mut s, [code(KeyCode::Enter)]));
    assert_eq!(key, "ACME-8");
    assert_eq!(s.detail().unwrap().back, vec!["ACME-0".to_string()]);
    // Esc goes back to the parent issue (kept from before, as new as its row: no request),
    // then to the list.
    assert!(feed(&mut s, [code(KeyCode::Esc)]).is_empty());
    assert_eq!(s.detail().unwrap().key, "ACME-0");
    assert_eq!(s.detail().unwrap().phase, Phase::Idle);
    assert!(feed(&mut s, [code(KeyCode::Esc)]).is_empty());
    assert_eq!(s.screen, Screen::List);
}
