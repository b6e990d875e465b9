//! The detail layout through `update`: small issues laid out at once, big ones off the UI
//! path with the header meanwhile, stale results dropped, links numbered linearly across
//! thousands of comments, and the comments one view loads capped.

use super::*;
use crate::app::detail::{self, MAX_COMMENTS};
use crate::app::keymap::Keymap;
use crate::app::msg::{Command, Msg};
use crate::app::state::{Screen, Slot, State};
use crate::app::update::update;
use crate::jira::{CommentPage, Issue};
use crate::text::rich::line_text;
use crate::worker::{RequestId, RequestKind, Response, WorkerEvent};
use chrono::TimeZone;
use serde_json::{Value, json};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 6, 1, 12, 0, 0).unwrap()
}

/// A paragraph of `links` links, each to its own page.
fn linked_doc(prefix: &str, links: usize) -> Value {
    let content: Vec<Value> = (0..links)
        .flat_map(|i| {
            [
                json!({"type": "text", "text": format!("l{i}"), "marks": [{"type": "link",
                    "attrs": {"href": format!("https://x.test/{prefix}/{i}")}}]}),
                json!({"type": "text", "text": " "}),
            ]
        })
        .collect();
    json!({"type": "doc", "version": 1, "content": [{"type": "paragraph", "content": content}]})
}

fn comment(i: usize, body: Value) -> Value {
    json!({"id": (1000 + i).to_string(), "author": {"displayName": "Bob"}, "body": body,
        "created": "2024-05-01T09:00:00.000+0000"})
}

/// ACME-1 with `description`, carrying `comments` of `total`.
fn issue(description: Value, comments: Vec<Value>, total: u64) -> Issue {
    serde_json::from_value(json!({
        "id": "1", "key": "ACME-1",
        "fields": {"summary": "Big one", "status": {"name": "Open",
            "statusCategory": {"key": "new"}}, "description": description,
            "comment": {"startAt": 0, "maxResults": comments.len(), "total": total,
                "comments": comments}}
    }))
    .unwrap()
}

/// The detail of ACME-1 on a 100x30 screen with `full` arrived; what arriving sent.
fn opened(full: Issue) -> (State, Vec<Command>) {
    let mut s = State::new(Screen::List, "project = ACME", Keymap::default_map(), now());
    update(&mut s, Msg::Resize(100, 30));
    let mut out = Vec::new();
    detail::open(&mut s, "ACME-1".into(), Vec::new(), &mut out);
    let id = s.requests.get(Slot::Issue).unwrap();
    let sent = update(&mut s, arrived(id, Response::Issue(Box::new(full))));
    (s, sent)
}

fn arrived(id: RequestId, response: Response) -> Msg {
    Msg::Worker(WorkerEvent {
        id,
        result: Ok(response),
    })
}

/// The layout jobs in `sent`.
fn jobs(sent: Vec<Command>) -> Vec<LayoutJob> {
    sent.into_iter()
        .filter_map(|c| match c {
            Command::LayOut(job) => Some(*job),
            _ => None,
        })
        .collect()
}

/// The comments request in `sent`, if any: id and where it starts.
fn comments_request(sent: &[Command]) -> Option<(RequestId, u64)> {
    sent.iter().find_map(|c| match c {
        Command::Send(r) => match &r.kind {
            RequestKind::Comments { start_at, .. } => Some((r.id, *start_at)),
            _ => None,
        },
        _ => None,
    })
}

fn text(s: &State) -> String {
    let layout = &s.detail().unwrap().layout;
    layout
        .lines
        .iter()
        .map(line_text)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_small_issue_is_laid_out_at_once() {
    let (s, sent) = opened(issue(linked_doc("d", 3), Vec::new(), 0));
    assert!(jobs(sent).is_empty());
    let d = s.detail().unwrap();
    assert_eq!(d.layout.links.len(), 3);
    assert!(d.layout.shows(d.stamp(98, now(), false)));
}

#[test]
fn a_big_issue_is_laid_out_off_the_ui_path_with_its_header_meanwhile() {
    let (mut s, sent) = opened(issue(linked_doc("d", 5_000), Vec::new(), 0));
    let mut jobs = jobs(sent);
    assert_eq!(jobs.len(), 1, "one job");
    let shown = text(&s);
    assert!(shown.starts_with("ACME-1  Big one"), "{shown}");
    assert!(shown.contains("Status      Open") && shown.contains("Laying out…"));
    // Keys meanwhile start no second job, and the scroll is kept for when the layout comes.
    let more = update(&mut s, key(crossterm::event::KeyCode::Char('j')));
    assert!(self::jobs(more).is_empty());
    assert_eq!(s.detail().unwrap().scroll, 1);
    let laid = jobs.remove(0).run();
    assert!(self::jobs(update(&mut s, Msg::LaidOut(Box::new(laid)))).is_empty());
    let d = s.detail().unwrap();
    assert_eq!(d.layout.links.len(), 5_000);
    assert_eq!(d.layout.pending, None);
    assert!(text(&s).contains("[5000] https://x.test/d/4999"));
}

#[test]
fn a_layout_for_another_width_or_view_is_dropped() {
    let (mut s, sent) = opened(issue(linked_doc("d", 5_000), Vec::new(), 0));
    let first = jobs(sent).remove(0);
    // The window narrows while the job runs: its result is dropped, a new one started.
    assert!(
        jobs(update(&mut s, Msg::Resize(60, 30))).is_empty(),
        "one at a time"
    );
    let next = jobs(update(&mut s, Msg::LaidOut(Box::new(first.run()))));
    assert_eq!(next.len(), 1);
    assert!(text(&s).contains("Laying out…"));
    assert_eq!(next[0].stamp().width, 58);
    // Back to the list and the same issue opened again: the old view's result is dropped.
    let stale = next.into_iter().next().unwrap().run();
    update(&mut s, key(crossterm::event::KeyCode::Esc));
    assert!(s.detail().is_none());
    // It was kept: shown (and laid out) at once, and read again.
    let mut out = Vec::new();
    detail::open(&mut s, "ACME-1".into(), Vec::new(), &mut out);
    let id = s.requests.get(Slot::Issue).unwrap();
    let full = issue(linked_doc("d", 5_000), Vec::new(), 0);
    let sent = update(&mut s, arrived(id, Response::Issue(Box::new(full))));
    update(&mut s, Msg::LaidOut(Box::new(stale)));
    assert!(text(&s).contains("Laying out…"));
    let laid = jobs(out.into_iter().chain(sent).collect()).remove(0).run();
    update(&mut s, Msg::LaidOut(Box::new(laid)));
    assert!(!text(&s).contains("Laying out…"));
}

#[test]
fn links_of_thousands_of_comments_are_numbered_once_each() {
    // 2,000 comments of 50 links, a link every comment shares: 100,001 numbers.
    let comments: Vec<Value> = (0..2_000)
        .map(|i| {
            let mut body = linked_doc(&i.to_string(), 50);
            body["content"][0]["content"].as_array_mut().unwrap().push(
                json!({"type": "text", "text": "shared", "marks": [{"type": "link",
                    "attrs": {"href": "https://x.test/shared"}}]}),
            );
            comment(i, body)
        })
        .collect();
    let (mut s, sent) = opened(issue(linked_doc("d", 1), comments, 2_000));
    let laid = jobs(sent).remove(0).run();
    update(&mut s, Msg::LaidOut(Box::new(laid)));
    let layout = &s.detail().unwrap().layout;
    assert_eq!(layout.links.len(), 1 + 2_000 * 50 + 1);
    assert_eq!(layout.links[51], "https://x.test/shared");
    let shared = layout.anchors.iter().filter(|a| a.link == 51).count();
    assert!(
        shared >= 2_000,
        "the shared link keeps its number: {shared}"
    );
}

/// A page of 50 comments from `start`, each new, of a claimed `total`.
fn endless_page(start: usize, total: u64) -> CommentPage {
    let comments: Vec<Value> = (start..start + 50)
        .map(|i| comment(i, json!({"type": "doc", "version": 1, "content": []})))
        .collect();
    serde_json::from_value(json!({"startAt": start, "maxResults": 50, "total": total,
        "comments": comments}))
    .unwrap()
}

/// Runs the layout jobs among `sent` (and those their results start) as the event loop
/// would; returns every other command.
fn settle(s: &mut State, sent: Vec<Command>) -> Vec<Command> {
    let mut rest = Vec::new();
    let mut todo = sent;
    while !todo.is_empty() {
        let mut next = Vec::new();
        for command in todo {
            match command {
                Command::LayOut(job) => next.extend(update(s, Msg::LaidOut(Box::new(job.run())))),
                other => rest.push(other),
            }
        }
        todo = next;
    }
    rest
}

fn key(code: crossterm::event::KeyCode) -> Msg {
    Msg::Key(crossterm::event::KeyEvent::from(code))
}

#[test]
fn one_view_loads_at_most_max_comments_and_says_how_many_it_did_not() {
    let total = 1_000_000_000_000u64;
    let (mut s, sent) = opened(issue(Value::Null, Vec::new(), total));
    let mut sent = settle(&mut s, sent);
    let mut requests = 0;
    loop {
        if comments_request(&sent).is_none() {
            // To the end again: the next page, unless the cap is reached.
            let to_end = update(&mut s, key(crossterm::event::KeyCode::Char('G')));
            sent = settle(&mut s, to_end);
        }
        let Some((id, start)) = comments_request(&sent) else {
            break;
        };
        requests += 1;
        assert!(
            requests <= MAX_COMMENTS / 50,
            "loading goes on past the cap"
        );
        let page = endless_page(start as usize, total);
        let answered = update(&mut s, arrived(id, Response::Comments(page)));
        sent = settle(&mut s, answered);
    }
    assert_eq!(s.detail().unwrap().comment_counts().0, MAX_COMMENTS);
    let shown = text(&s);
    assert!(
        shown.contains("999,999,997,000 more comments not loaded: jiratty loads at most 3,000"),
        "{}",
        &shown[shown.len().saturating_sub(300)..]
    );
}

#[test]
fn a_page_with_no_new_comment_ids_ends_the_loading() {
    let first: Vec<Value> = (0..5)
        .map(|i| comment(i, json!({"type": "doc", "version": 1, "content": []})))
        .collect();
    let (mut s, sent) = opened(issue(Value::Null, first.clone(), 500));
    let (id, start) = comments_request(&sent).expect("the rest is asked for");
    assert_eq!(start, 5);
    // The site answers the first page again, whatever was asked.
    let again: CommentPage = serde_json::from_value(json!({"startAt": 0, "maxResults": 5,
        "total": 500, "comments": first}))
    .unwrap();
    let sent = update(&mut s, arrived(id, Response::Comments(again)));
    assert!(comments_request(&sent).is_none());
    let sent = update(&mut s, key(crossterm::event::KeyCode::Char('G')));
    assert!(comments_request(&sent).is_none(), "no more requests");
    assert!(!text(&s).contains("Loading more comments"));
}

#[test]
fn heavy_means_more_text_than_a_frame_lays_out() {
    assert!(!is_heavy(&issue(linked_doc("d", 10), Vec::new(), 0)));
    assert!(is_heavy(&issue(linked_doc("d", 2_000), Vec::new(), 0)));
    let comments: Vec<Value> = (0..500)
        .map(|i| comment(i, json!({"type": "doc", "version": 1, "content": [
            {"type": "paragraph", "content": [{"type": "text", "text": "a comment of some words"}]}
        ]})))
        .collect();
    assert!(is_heavy(&issue(Value::Null, comments, 500)));
    assert_eq!(DetailLayout::body_size((100, 30)), (98, 27));
}

#[test]
fn the_rank_field_is_not_shown_and_the_sprint_is() {
    let issue: Issue = serde_json::from_value(serde_json::json!({
        "key": "ACME-1",
        "fields": {
            "customfield_10019": "0|i0000f:",
            "customfield_10009": "0|00000a0000:",
            "customfield_10020": [{"id": 12, "name": "ACME Sprint 12", "state": "active"}],
            "customfield_10099": "1|2",
        },
        "names": {"customfield_10019": "Rank", "customfield_10020": "Sprint"}
    }))
    .unwrap();
    let names: Vec<String> = fields::custom_fields(&issue)
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    assert_eq!(names, ["Sprint", "customfield_10099"]);
}
