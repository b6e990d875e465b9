//! History searches over the demo's model of history: every value held
//! since the issue was created (at noon UTC in the tiny site), set by its
//! reporter, nothing changed since. "Now" is 2024-03-13 15:30 UTC.

use super::*;

fn all_but(found: &[&str]) -> Vec<String> {
    keys("")
        .into_iter()
        .filter(|k| !found.contains(&k.as_str()))
        .collect()
}

#[test]
fn was_asks_for_the_value_held_since_creation() {
    assert_eq!(keys("status was 'To Do'"), keys("status = 'To Do'"));
    assert_eq!(keys("status WAS 'To Do'"), ["XYZ-1", "ABC-1"]);
    assert_eq!(
        keys("status was in (Done, 'In Progress')"),
        ["ABC-10", "ABC-2"]
    );
    assert_eq!(keys("status was not 'To Do'"), ["ABC-10", "ABC-2"]);
    assert_eq!(
        keys("status was not in ('To Do', Done)"),
        all_but(&["XYZ-1", "ABC-1", "ABC-10"])
    );
    assert_eq!(keys("assignee was currentUser()"), ["XYZ-1", "ABC-1"]);
    assert_eq!(keys("assignee was EMPTY"), ["ABC-10"]);
    assert_eq!(keys("assignee was not EMPTY"), all_but(&["ABC-10"]));
    assert_eq!(keys("priority was High"), ["ABC-1"]);
    assert_eq!(
        keys("resolution was Unresolved"),
        ["XYZ-1", "ABC-2", "ABC-1"]
    );
    assert_eq!(keys("reporter was 'Alice Jones'"), ["ABC-2"]);
    assert_eq!(
        keys("not status was Done and project = ABC order by key"),
        ["ABC-1", "ABC-2"]
    );
}

#[test]
fn changed_matches_nothing_as_nothing_changed() {
    assert!(keys("status changed").is_empty());
    assert!(keys("assignee changed from acc-bob to EMPTY after -1w").is_empty());
    assert_eq!(
        keys("not priority changed"),
        ["XYZ-1", "ABC-10", "ABC-2", "ABC-1"]
    );
}

#[test]
fn predicates_bound_the_time_the_value_was_held() {
    // ABC-1 was created on March 1st, XYZ-1 on March 13th.
    assert_eq!(keys("status was 'To Do' before 2024-03-05"), ["ABC-1"]);
    assert_eq!(keys("status was 'To Do' on 2024-03-13"), ["XYZ-1", "ABC-1"]);
    assert!(keys("status was 'To Do' on 2024-02-15").is_empty());
    assert!(keys("status was 'To Do' on 2024-03-14").is_empty());
    assert_eq!(
        keys("status was 'To Do' during ('2024-02-01', '2024-03-02')"),
        ["ABC-1"]
    );
    assert!(keys("status was 'To Do' during ('2024-03-05', '2024-03-01')").is_empty());
    assert!(keys("status was 'To Do' after 2024-03-14").is_empty());
    assert_eq!(keys("status was 'To Do' after -1d"), ["XYZ-1", "ABC-1"]);
    assert_eq!(
        keys("status was 'To Do' after startOfMonth() before now()"),
        ["XYZ-1", "ABC-1"]
    );
    // Set by the reporter: Bob reported all but ABC-2.
    assert_eq!(
        keys("status was 'To Do' by currentUser()"),
        ["XYZ-1", "ABC-1"]
    );
    assert_eq!(
        keys("priority was in (High, Medium) by 'Alice Jones'"),
        ["ABC-2"]
    );
    assert_eq!(
        keys("status was not 'To Do' before 2024-03-05"),
        all_but(&["ABC-1"])
    );
}

#[test]
fn history_terms_are_validated_as_jira_does() {
    let cases = [
        (
            "status was Shipped",
            "The value 'Shipped' does not exist for the field 'status'.",
        ),
        (
            "status was (Done, 'To Do')",
            "The operator 'was' does not support multiple values.",
        ),
        (
            "status was EMPTY",
            "The field 'status' does not support searching for EMPTY values.",
        ),
        (
            "status changed from Shipped",
            "The value 'Shipped' does not exist for the field 'status'.",
        ),
        (
            "status was Done from 'To Do'",
            "The predicate 'from' is not supported by the 'was' operator.",
        ),
        (
            "status changed after yesterday",
            "Date value 'yesterday' for predicate 'after' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.",
        ),
        (
            "status changed during (2024-01-01)",
            "The predicate 'during' needs two dates, as in DURING ('2024-01-01', '2024-01-31').",
        ),
        (
            "status changed by zed",
            "The user 'zed' does not exist and cannot be used in the 'by' predicate.",
        ),
        (
            "status changed before EMPTY",
            "The predicate 'before' does not support searching for EMPTY values.",
        ),
        (
            "status changed on membersOf(devs)",
            "Unable to find JQL function 'membersOf(devs)'.",
        ),
        (
            "summary changed",
            "The operator 'changed' is not supported by the 'summary' field.",
        ),
        (
            "labels was backend",
            "The operator 'was' is not supported by the 'labels' field.",
        ),
    ];
    for (jql, message) in cases {
        assert_eq!(error(jql), message, "{jql}");
    }
}
