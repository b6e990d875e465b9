use super::*;
use serde_json::json;

#[test]
fn a_configuration_gives_columns_limits_and_estimation() {
    let config = BoardConfig::from_json(&json!({
        "id": 1, "name": "B", "type": "scrum",
        "columnConfig": {"columns": [
            {"name": "To Do", "statuses": [{"id": "10000"}]},
            {"name": "Doing", "statuses": [{"id": 3}, {"id": "10001"}], "min": 1, "max": "3"},
            {"name": "Odd", "statuses": "nope"}
        ]},
        "estimation": {"field": {"fieldId": "customfield_10016", "displayName": "Story Points"}},
        "ranking": {"rankCustomFieldId": 10019}
    }));
    assert_eq!(config.columns.len(), 3);
    assert_eq!(config.columns[1].status_ids, ["3", "10001"]);
    assert_eq!(
        (config.columns[1].min, config.columns[1].max),
        (Some(1), Some(3))
    );
    assert!(config.columns[2].status_ids.is_empty());
    assert_eq!(config.column_of("10001"), Some(1));
    assert_eq!(
        config.estimation_field.as_deref(),
        Some("customfield_10016")
    );
    assert_eq!(config.rank_field, Some(10019));
    assert_eq!(BoardConfig::from_json(&json!(null)).columns.len(), 0);
}

#[test]
fn a_card_reads_what_it_shows_and_tolerates_nulls() {
    let issue = BoardIssue::from_json(
        &json!({"key": "ACME-1", "fields": {
            "summary": "Pay", "status": {"id": "3", "name": "In Progress", "statusCategory": {"key": "indeterminate"}},
            "issuetype": {"name": "Story", "subtask": false}, "priority": {"name": "High"},
            "assignee": {"displayName": "Alice Anderson", "accountId": "a1"},
            "customfield_10016": 5.0, "flagged": true, "subtasks": [{}, {}],
            "parent": {"key": "ACME-2", "fields": {"summary": "Epic"}}
        }}),
        Some("customfield_10016"),
    )
    .unwrap();
    assert_eq!(issue.status_id, "3");
    assert_eq!(issue.assignee.as_ref().unwrap().initials(), "AA");
    assert_eq!(issue.estimate, Some(5.0));
    assert!(issue.flagged);
    assert_eq!(issue.subtasks, 2);
    assert_eq!(issue.parent, Some(("ACME-2".into(), "Epic".into())));
    let bare = BoardIssue::from_json(
        &json!({"key": "X-1", "fields": {"assignee": null, "status": 7}}),
        None,
    )
    .unwrap();
    assert!(bare.assignee.is_none() && bare.status_id.is_empty());
    assert!(BoardIssue::from_json(&json!({"fields": {}}), None).is_none());
}

#[test]
fn pages_know_where_the_next_starts() {
    let page = BoardIssuePage::from_json(
        &json!({"startAt": 0, "total": 3, "issues": [{"key": "A-1"}, {"key": "A-2"}]}),
        None,
    );
    assert_eq!(page.next_start(), Some(2));
    let last = BoardIssuePage::from_json(
        &json!({"startAt": 2, "total": 3, "issues": [{"key": "A-3"}]}),
        None,
    );
    assert_eq!(last.next_start(), None);
    assert_eq!(
        card_fields(Some("customfield_10016; drop"))
            .matches("10016")
            .count(),
        0
    );
}
