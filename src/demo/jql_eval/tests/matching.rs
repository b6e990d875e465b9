//! Matching and ordering: which issues a valid query finds, in which order.

use super::*;

#[test]
fn default_order_is_key_descending() {
    assert_eq!(keys(""), ["XYZ-1", "ABC-10", "ABC-2", "ABC-1"]);
}

#[test]
fn named_fields() {
    assert_eq!(keys("status = 'in progress'"), ["ABC-2"]);
    assert_eq!(keys("status = 3"), ["ABC-2"]);
    assert_eq!(
        keys("status in (Done, \"To Do\") order by key asc"),
        ["ABC-1", "ABC-10", "XYZ-1"]
    );
    assert_eq!(
        keys("status != Done order by key"),
        ["ABC-1", "ABC-2", "XYZ-1"]
    );
    assert_eq!(
        keys("project = abc order by key"),
        ["ABC-1", "ABC-2", "ABC-10"]
    );
    assert_eq!(keys("priority > Medium"), ["ABC-1"]);
    assert_eq!(keys("priority <= Medium"), ["XYZ-1", "ABC-2"]);
    assert_eq!(keys("priority is EMPTY"), ["ABC-10"]);
    assert_eq!(keys("priority != High"), ["XYZ-1", "ABC-2"]);
    assert_eq!(keys("resolution = Unresolved"), ["XYZ-1", "ABC-2", "ABC-1"]);
    assert_eq!(keys("resolution is not empty"), ["ABC-10"]);
}

#[test]
fn users() {
    assert_eq!(keys("assignee = currentUser()"), ["XYZ-1", "ABC-1"]);
    assert_eq!(
        keys_with(&Site { user: None }, "assignee = currentUser()"),
        Vec::<String>::new()
    );
    assert_eq!(keys("assignee = 'alice jones'"), ["ABC-2"]);
    assert_eq!(keys("assignee = 'bob@example.com'"), ["XYZ-1", "ABC-1"]);
    assert_eq!(keys("assignee != acc-bob"), ["ABC-2"]);
    assert_eq!(keys("assignee not in (acc-bob, EMPTY)"), ["ABC-2"]);
    assert_eq!(keys("assignee in (acc-al, EMPTY)"), ["ABC-10", "ABC-2"]);
    assert_eq!(keys("reviewer = 'Alice Jones'"), ["ABC-2"]);
}

#[test]
fn keys_and_ordering_comparisons() {
    assert_eq!(keys("key = abc-2"), ["ABC-2"]);
    assert_eq!(keys("issuekey in (ABC-1, XYZ-1)"), ["XYZ-1", "ABC-1"]);
    assert_eq!(keys("key > ABC-1"), ["ABC-10", "ABC-2"]);
    assert_eq!(keys("id = 101"), ["XYZ-1", "ABC-1"]);
}

#[test]
fn labels_are_case_sensitive() {
    assert_eq!(keys("labels = Urgent"), ["ABC-1"]);
    assert!(keys("labels = urgent").is_empty());
    assert_eq!(keys("labels in (frontend, backend)"), ["ABC-10", "ABC-1"]);
    assert_eq!(keys("labels != backend"), ["ABC-10"]);
    assert_eq!(keys("labels is empty"), ["XYZ-1", "ABC-2"]);
}

#[test]
fn text_search() {
    assert_eq!(keys("summary ~ login"), ["ABC-1"]);
    assert_eq!(keys("summary ~ 'LOGIN safari'"), ["ABC-1"]);
    assert_eq!(keys("summary ~ 'log*'"), ["XYZ-1", "ABC-1"]);
    assert_eq!(keys("summary !~ login"), ["XYZ-1", "ABC-10", "ABC-2"]);
    assert_eq!(keys(r#"summary ~ "\"error on\"""#), ["ABC-1"]);
    assert!(keys(r#"summary ~ "\"on error\"""#).is_empty());
    assert_eq!(keys("comment ~ login"), ["ABC-2"]);
    assert_eq!(keys("text ~ login"), ["ABC-2", "ABC-1"]);
    assert_eq!(keys("text ~ 'cannot users'"), ["ABC-1"]);
    assert_eq!(keys("description is empty"), ["XYZ-1", "ABC-10", "ABC-2"]);
    assert_eq!(keys("team is empty"), ["XYZ-1", "ABC-10", "ABC-2", "ABC-1"]);
}

#[test]
fn dates() {
    assert_eq!(keys("created >= -7d"), ["XYZ-1", "ABC-2"]);
    assert_eq!(keys("created < 2024-03-01"), ["ABC-10"]);
    assert_eq!(
        keys("created >= '2024/03/01 12:00' and created <= '2024/03/01 12:00'"),
        ["ABC-1"]
    );
    assert_eq!(keys("created >= startOfDay()"), ["XYZ-1"]);
    assert_eq!(
        keys("created >= startOfDay(-1) and created <= endOfDay(-1)"),
        ["ABC-2"]
    );
    assert_eq!(
        keys("createdDate > startOfMonth(-1) AND created < startOfMonth()"),
        ["ABC-10"]
    );
    assert_eq!(keys("created >= startOfWeek()"), ["XYZ-1", "ABC-2"]);
    assert_eq!(keys("created <= endOfWeek(-1)"), ["ABC-10", "ABC-1"]);
    assert_eq!(keys("due = 2024-03-13"), ["ABC-1"]);
    assert!(keys("duedate < now()").is_empty());
    assert_eq!(keys("duedate <= now()"), ["ABC-1"]);
    assert_eq!(keys("due > '1w'"), Vec::<String>::new());
    assert_eq!(keys("due >= 1w"), ["ABC-2"]);
    assert_eq!(keys("due is empty"), ["XYZ-1", "ABC-10"]);
}

#[test]
fn numbers_and_custom_fields() {
    assert_eq!(keys("cf[1] > 3"), ["ABC-2"]);
    assert_eq!(keys("\"Story Points\" >= 3"), ["ABC-2", "ABC-1"]);
    assert_eq!(keys("'story points' in (3, 4)"), ["ABC-1"]);
}

#[test]
fn boolean_logic() {
    assert_eq!(
        keys("project = ABC AND NOT status = Done"),
        ["ABC-2", "ABC-1"]
    );
    assert_eq!(keys("status = Done OR priority = Low"), ["XYZ-1", "ABC-10"]);
    assert_eq!(
        keys("(status = Done OR priority = Low) AND project = ABC"),
        ["ABC-10"]
    );
    assert_eq!(
        keys("status = Done OR priority = Low AND project = ABC"),
        ["ABC-10"]
    );
}

#[test]
fn ordering() {
    assert_eq!(
        keys("order by priority desc"),
        ["ABC-10", "ABC-1", "ABC-2", "XYZ-1"]
    );
    assert_eq!(
        keys("order by priority asc"),
        ["XYZ-1", "ABC-2", "ABC-1", "ABC-10"]
    );
    assert_eq!(
        keys("order by duedate"),
        ["ABC-1", "ABC-2", "XYZ-1", "ABC-10"]
    );
    assert_eq!(
        keys("order by duedate desc"),
        ["XYZ-1", "ABC-10", "ABC-2", "ABC-1"]
    );
    assert_eq!(
        keys("order by status, created desc"),
        ["XYZ-1", "ABC-1", "ABC-2", "ABC-10"]
    );
    assert_eq!(
        keys("order by assignee"),
        ["ABC-2", "XYZ-1", "ABC-1", "ABC-10"]
    );
    assert_eq!(
        keys("order by summary"),
        ["XYZ-1", "ABC-2", "ABC-10", "ABC-1"]
    );
}

#[test]
fn compile_without_source_and_error_positions() {
    let q = crate::jql::parse("project = ABC").unwrap_or_default();
    let site = Site { user: None };
    assert!(compile(&q, &site).is_ok_and(|c| c.matches(&issues()[0])));
    let e = compile_str("project = ABC AND\n  nope = 1", &site).err();
    assert_eq!(e.map(|e| (e.line, e.character)), Some((2, 3)));
}

#[test]
fn compiled_query_is_send_and_sync() {
    fn check<T: Send + Sync + 'static>() {}
    check::<CompiledQuery>();
}

proptest::proptest! {
    #[test]
    fn compile_and_match_never_panic(
        input in "(?s).{0,40}|(project|status|assignee|created|due|summary|key|labels|priority|cf\\[1\\]) (=|!=|~|>|<=|in|is not) ([a-zA-Z0-9 ()'\",*-]|now\\(\\)|startOfDay\\(-1\\)|EMPTY){0,12}"
    ) {
        let site = Site { user: Some("acc-bob") };
        if let Ok(compiled) = compile_str(&input, &site) {
            let all = issues();
            for issue in &all {
                let _ = compiled.matches(issue);
                let _ = compiled.compare(issue, &all[0]);
            }
        }
    }
}
