//! Completion offers operators from the operator table unless the site's
//! autocomplete data lists the field's own.

use super::*;
use crate::jira::models::AutocompleteData;
use crate::jql::Operator;
use crate::jql::operators::{ALL_OPERATORS, CustomFieldType, system_field};

/// The operator labels offered right after `field `.
fn offered(field: &str, data: &CompletionData) -> Vec<String> {
    let text = format!("{field} ");
    candidates(&context_at(&text, text.len()), data, None)
        .into_iter()
        .map(|c| {
            assert_eq!(c.kind, CandidateKind::Operator, "{field}: {}", c.label);
            c.label
        })
        .collect()
}

fn shown(ops: &[Operator]) -> Vec<String> {
    ops.iter().map(|op| op.display().to_uppercase()).collect()
}

#[test]
fn built_in_fields_offer_the_tables_operators() {
    let data = CompletionData::builtin();
    for field in &data.fields {
        let entry = system_field(&field.name)
            .unwrap_or_else(|| panic!("{} is missing from the operator table", field.name));
        assert_eq!(
            offered(&field.name, &data),
            shown(entry.operators),
            "{}",
            field.name
        );
    }
    // The disagreements issue 13 fixed, as completion now offers them.
    let status = offered("status", &data);
    for history in ["WAS", "WAS IN", "WAS NOT", "WAS NOT IN", "CHANGED"] {
        assert!(status.contains(&history.to_string()), "{status:?}");
    }
    assert_eq!(offered("comment", &data), ["~", "!~"]);
    assert_eq!(offered("text", &data), ["~"]);
    assert!(!offered("project", &data).contains(&"WAS".to_string()));
}

#[test]
fn fields_only_the_table_knows_and_unknown_fields() {
    let data = CompletionData::builtin();
    // Not among the built-in fields, but in the table (aliases too).
    assert_eq!(
        offered("statusCategory", &data),
        ["=", "!=", "IN", "NOT IN"]
    );
    assert_eq!(offered("due", &data), offered("duedate", &data));
    assert_eq!(offered("issuekey", &data), offered("key", &data));
    // Nobody knows it: every operator.
    assert_eq!(offered("whatever", &data), shown(ALL_OPERATORS));
}

fn site(fields: &str) -> CompletionData {
    let json = format!(r#"{{"visibleFieldNames": [{fields}]}}"#);
    let data: AutocompleteData = serde_json::from_str(&json).expect("site data");
    CompletionData::from_site(&data)
}

#[test]
fn the_sites_own_list_wins_and_the_table_fills_in_where_it_has_none() {
    let data = site(
        r#"{"value": "status", "operators": ["=", "in"]},
           {"value": "priority", "operators": []},
           {"value": "Story Points", "cfid": "cf[10016]", "operators": [],
            "types": ["java.lang.Number"]},
           {"value": "Team", "cfid": "cf[10001]", "types": ["com.atlassian.jira.user.ApplicationUser"]},
           {"value": "Odd", "cfid": "cf[10002]", "types": ["com.example.Odd"]},
           {"value": "Notes", "types": ["java.lang.String"]}"#,
    );
    // The site says status takes = and IN only: that is what is offered.
    assert_eq!(offered("status", &data), ["=", "IN"]);
    let table = |name: &str| system_field(name).map_or(vec![], |f| shown(f.operators));
    assert_eq!(offered("priority", &data), table("priority"));
    let number = shown(CustomFieldType::Number.operators());
    assert_eq!(offered("\"Story Points\"", &data), number);
    assert_eq!(offered("cf[10016]", &data), number);
    assert_eq!(
        offered("Team", &data),
        shown(CustomFieldType::User.operators())
    );
    assert_eq!(offered("Odd", &data), shown(ALL_OPERATORS));
    // A field that is no system field, known by its type.
    assert_eq!(
        offered("Notes", &data),
        shown(CustomFieldType::Text.operators())
    );
    // A system field the site did not list at all.
    assert_eq!(offered("assignee", &data), table("assignee"));
}
