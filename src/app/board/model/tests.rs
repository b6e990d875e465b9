use super::*;
use crate::jira::agile::{BoardColumn, CardUser};

fn config() -> BoardConfig {
    let column = |name: &str, ids: &[&str], min, max| BoardColumn {
        name: name.into(),
        status_ids: ids.iter().map(|s| s.to_string()).collect(),
        min,
        max,
    };
    BoardConfig {
        columns: vec![
            column("To Do", &["1"], None, None),
            column("Doing", &["2", "3"], Some(1), Some(2)),
            column("Done", &["4"], None, None),
        ],
        ..BoardConfig::default()
    }
}

fn issue(key: &str, status: &str, who: Option<&str>, epic: Option<&str>) -> BoardIssue {
    BoardIssue {
        key: key.into(),
        summary: format!("summary of {key}"),
        status_id: status.into(),
        assignee: who.map(|w| CardUser {
            name: w.into(),
            id: w.to_lowercase(),
        }),
        parent: epic.map(|e| (e.into(), "Epic".into())),
        estimate: Some(2.0),
        ..BoardIssue::default()
    }
}

#[test]
fn columns_map_statuses_and_leave_sub_tasks_and_unmapped_out() {
    let mut sub = issue("A-9", "2", None, None);
    sub.subtask = true;
    let issues = vec![
        issue("A-1", "1", None, None),
        issue("A-2", "3", None, None),
        issue("A-3", "99", None, None),
        sub,
    ];
    let columns = columns_of(&config(), &issues);
    assert_eq!(columns, [Some(0), Some(1), None, None]);
    assert_eq!(counts(&columns, 3), [1, 1, 0]);
}

#[test]
fn limits_are_broken_above_the_max_and_below_the_min() {
    assert_eq!(broken_limit(3, Some(1), Some(2)).as_deref(), Some("max 2"));
    assert_eq!(broken_limit(0, Some(1), Some(2)).as_deref(), Some("min 1"));
    assert_eq!(broken_limit(2, Some(1), Some(2)), None);
    assert_eq!(broken_limit(9, None, None), None);
}

#[test]
fn swimlanes_group_in_rank_order_with_the_catch_all_last() {
    let issues = vec![
        issue("A-1", "1", None, Some("E-1")),
        issue("A-2", "2", Some("Bob"), Some("E-2")),
        issue("A-3", "1", Some("Alice"), Some("E-1")),
        issue("A-4", "1", Some("Bob"), None),
    ];
    let columns = columns_of(&config(), &issues);
    let none = lanes(&columns, 3, &issues, Lanes::None);
    assert_eq!(none.len(), 1);
    assert_eq!(none[0].columns[0], [0, 2, 3]);
    let people = lanes(&columns, 3, &issues, Lanes::Assignee);
    let titles: Vec<&str> = people.iter().map(|l| l.title.as_str()).collect();
    assert_eq!(titles, ["Bob", "Alice", "Unassigned"]);
    assert_eq!(people[0].columns[0], [3]);
    assert_eq!(people[0].columns[1], [1]);
    assert_eq!(column_cards(&people, 0), [3, 2, 0]);
    let epics = lanes(&columns, 3, &issues, Lanes::Epic);
    assert_eq!(epics.last().unwrap().title, "No epic");
    assert_eq!(epics[0].depth(), 2);
    assert_eq!(lanes(&[], 3, &[], Lanes::Epic).len(), 1, "always one lane");
}

#[test]
fn the_quick_filter_and_only_mine_dim_the_rest() {
    let a = issue("ACME-1", "1", Some("Alice"), None);
    let b = issue("ACME-2", "1", Some("Bob"), None);
    assert!(matches(&a, "", None));
    assert!(matches(&a, "acme-1", None) && !matches(&b, "acme-1", None));
    assert!(matches(&b, "BOB", None));
    assert!(matches(&a, "", Some("alice")) && !matches(&b, "", Some("alice")));
}

#[test]
fn narrow_widths_keep_the_selected_column_whole() {
    // 80 columns at 26 each: three fit.
    assert_eq!(visible_columns(5, 0, 0, 80, 26), (0, 3));
    assert_eq!(visible_columns(5, 3, 0, 80, 26), (1, 3));
    assert_eq!(visible_columns(5, 4, 1, 80, 26), (2, 3));
    // Moving back left scrolls only when the selection leaves the view.
    assert_eq!(visible_columns(5, 2, 2, 80, 26), (2, 3));
    assert_eq!(visible_columns(5, 1, 2, 80, 26), (1, 3));
    assert_eq!(visible_columns(3, 2, 0, 200, 26), (0, 3));
    assert_eq!(
        visible_columns(4, 3, 0, 20, 26),
        (3, 1),
        "at least one column"
    );
    assert_eq!(visible_columns(0, 0, 0, 80, 26), (0, 0));
}

#[test]
fn estimates_total_with_the_last_column_done() {
    let issues = vec![issue("A-1", "1", None, None), issue("A-2", "4", None, None)];
    let columns = columns_of(&config(), &issues);
    assert_eq!(estimate_totals(&columns, &issues, 2), (2.0, 4.0));
}
