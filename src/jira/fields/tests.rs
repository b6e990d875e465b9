#![allow(clippy::unwrap_used, clippy::panic)]

use super::*;
use crate::jira::models::{Deployment, User};
use serde_json::{Value, json};

fn fixture(path: &str) -> Value {
    let full = format!(
        "{}/../shared/fixtures/jira/{path}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(full).unwrap()).unwrap()
}

fn openapi_example(path: &str) -> Value {
    let doc = fixture("openapi/jira-cloud-platform-swagger-v3.v3.json");
    let text =
        doc["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["example"]
            .as_str()
            .unwrap()
            .to_string();
    serde_json::from_str(&text).unwrap()
}

fn editmeta() -> Vec<FieldMeta> {
    parse_editmeta(&json!({"fields": {
        "summary": {"required": true, "schema": {"type": "string", "system": "summary"},
            "name": "Summary", "key": "summary", "operations": ["set"]},
        "description": {"required": false, "schema": {"type": "string", "system": "description"},
            "name": "Description", "operations": ["set"]},
        "priority": {"required": false, "schema": {"type": "priority", "system": "priority"},
            "name": "Priority", "operations": ["set"],
            "allowedValues": [{"id": "1", "name": "Highest"}, {"id": "3", "name": "Medium"}]},
        "labels": {"required": false, "schema": {"type": "array", "items": "string", "system": "labels"},
            "name": "Labels", "operations": ["add", "set", "remove"],
            "autoCompleteUrl": "https://x/rest/api/1.0/labels/suggest?query="},
        "components": {"required": false, "schema": {"type": "array", "items": "component", "system": "components"},
            "name": "Components", "operations": ["add", "set", "remove"],
            "allowedValues": [{"id": "10000", "name": "Backend"}, {"id": "10001", "name": "Web"}]},
        "customfield_10016": {"required": false, "schema": {"type": "number",
            "custom": "com.atlassian.jira.plugin.system.customfieldtypes:float", "customId": 10016},
            "name": "Story Points", "operations": ["set"]},
        "customfield_10040": {"required": false, "schema": {"type": "option-with-child",
            "custom": "com.atlassian.jira.plugin.system.customfieldtypes:cascadingselect"},
            "name": "Area", "operations": ["set"], "allowedValues": [
                {"id": "1", "value": "Hardware", "children": [{"id": "2", "value": "Disk"}, {"id": "3", "value": "CPU"}]},
                {"id": "4", "value": "Software"}]},
        "customfield_10041": {"required": false, "schema": {"type": "array", "items": "user",
            "custom": "com.atlassian.jira.plugin.system.customfieldtypes:multiuserpicker"},
            "name": "Reviewers", "operations": ["add", "set", "remove"]},
        "customfield_10020": {"required": false, "schema": {"type": "array", "items": "json",
            "custom": "com.pyxis.greenhopper.jira:gh-sprint"}, "name": "Sprint", "operations": ["set"]},
        "duedate": {"required": false, "schema": {"type": "date", "system": "duedate"},
            "name": "Due date", "operations": ["set"]},
        "attachment": {"required": false, "schema": {"type": "array", "items": "attachment"},
            "name": "Attachment", "operations": []},
        "broken": "not an object"
    }}))
}

fn field<'a>(fields: &'a [FieldMeta], id: &str) -> &'a FieldMeta {
    fields.iter().find(|f| f.id == id).unwrap()
}

#[test]
fn editmeta_gives_each_field_its_editor() {
    let fields = editmeta();
    let kind = |id| field(&fields, id).kind;
    assert_eq!(kind("summary"), FieldKind::Line);
    assert_eq!(kind("description"), FieldKind::RichText);
    assert_eq!(kind("priority"), FieldKind::OneOf);
    assert_eq!(kind("labels"), FieldKind::Labels);
    assert_eq!(kind("components"), FieldKind::ManyOf);
    assert_eq!(kind("customfield_10016"), FieldKind::Number);
    assert_eq!(kind("customfield_10040"), FieldKind::Cascading);
    assert_eq!(kind("customfield_10041"), FieldKind::Users);
    assert_eq!(kind("customfield_10020"), FieldKind::Sprint);
    assert_eq!(kind("duedate"), FieldKind::Date);
    assert!(!field(&fields, "attachment").is_editable());
    // The odd entry is left out, the rest kept; required first, then summary, description.
    assert_eq!(fields.len(), 11);
    assert_eq!(fields[0].id, "summary");
    assert_eq!(fields[1].id, "description");
    assert!(field(&fields, "labels").adds_and_removes());
    assert!(!field(&fields, "priority").adds_and_removes());
    assert_eq!(
        field(&fields, "customfield_10040").allowed[0]
            .children
            .len(),
        2
    );
}

#[test]
fn real_field_metadata_parses() {
    // Transition screens carry the same field metadata as editmeta.
    let transitions = fixture("go-jira/transitions.json");
    let with_fields = transitions["transitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(parse_editmeta)
        .find(|f| !f.is_empty())
        .unwrap();
    assert!(with_fields.iter().all(|f| !f.name.is_empty()));
    let example = openapi_example("/rest/api/3/issue/{issueIdOrKey}/editmeta");
    let fields = parse_editmeta(&example);
    assert_eq!(fields.len(), 1);
    assert_eq!(fields[0].kind, FieldKind::ManyOf);
    assert_eq!(fields[0].allowed_text(), "red, blue");

    let types = openapi_example("/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes");
    let (types, info) = parse_issue_types(&types);
    assert_eq!(types[0].name, "Bug");
    assert!(info.is_last);
    let page =
        openapi_example("/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}");
    let (fields, _) = parse_create_fields(&page);
    assert_eq!(fields[0].id, "assignee");
    assert!(fields[0].required);
}

#[test]
fn data_center_and_old_createmeta_dialects() {
    let (types, info) = parse_issue_types(&json!({
        "maxResults": 2, "startAt": 0, "total": 3, "isLast": false,
        "values": [{"id": "1", "name": "Bug"}, {"id": "5", "name": "Sub-task", "subtask": true}]
    }));
    assert_eq!(types.len(), 2);
    assert!(types[1].subtask);
    assert!(!info.is_last);
    assert_eq!(info.next_start, 2);
    let (fields, info) = parse_create_fields(&json!({
        "maxResults": 50, "startAt": 0, "total": 1,
        "values": [{"fieldId": "summary", "name": "Summary", "required": true,
            "schema": {"type": "string", "system": "summary"}, "operations": ["set"]}]
    }));
    assert_eq!(fields[0].kind, FieldKind::Line);
    assert!(info.is_last);
    // A page that brings nothing ends the paging even when it claims more.
    let (_, info) =
        parse_issue_types(&json!({"startAt": 0, "total": 9, "isLast": false, "values": []}));
    assert!(info.is_last);

    let old = json!({"projects": [{"id": "10000", "key": "ACME", "issuetypes": [
        {"id": "1", "name": "Bug", "fields": {
            "summary": {"required": true, "name": "Summary", "schema": {"type": "string", "system": "summary"}},
            "customfield_10050": {"required": true, "name": "Severity", "schema": {"type": "option",
                "custom": "com.atlassian.jira.plugin.system.customfieldtypes:select"},
                "allowedValues": [{"id": "7", "value": "S1"}, {"id": "8", "value": "S2"}]}}}]}]});
    let types = parse_old_createmeta(&old, "acme");
    assert_eq!(types.len(), 1);
    assert_eq!(types[0].1.len(), 2);
    assert_eq!(types[0].1[1].id, "customfield_10050");
    assert!(parse_old_createmeta(&old, "OTHER").is_empty());
}

#[test]
fn typed_values_parse_by_schema() {
    let fields = editmeta();
    let points = field(&fields, "customfield_10016");
    assert_eq!(points.parse("5").unwrap(), FieldValue::Number(5.0));
    let err = points.parse("five").unwrap_err();
    assert_eq!(err.to_string(), "Story Points: 'five' is not a number");
    assert_eq!(points.parse(" ").unwrap(), FieldValue::Empty);
    assert!(points.parse("NaN").is_err());

    let priority = field(&fields, "priority");
    assert_eq!(priority.parse("medium").unwrap().display(), "Medium");
    let err = priority.parse("Urgent").unwrap_err().to_string();
    assert_eq!(
        err,
        "Priority: 'Urgent' is not one of its values: Highest, Medium"
    );

    let area = field(&fields, "customfield_10040");
    let v = area.parse("Hardware/Disk").unwrap();
    assert_eq!(v.display(), "Hardware / Disk");
    assert_eq!(
        area.to_json(&v, Deployment::Cloud),
        json!({"id": "1", "child": {"id": "2"}})
    );
    assert_eq!(area.parse("Software").unwrap().display(), "Software");
    assert!(area.parse("Hardware/Floppy").is_err());

    let due = field(&fields, "duedate");
    assert_eq!(
        due.to_json(&due.parse("2026-12-24").unwrap(), Deployment::Dc),
        json!("2026-12-24")
    );
    assert!(due.parse("2026-13-01").is_err());
    let labels = field(&fields, "labels");
    assert_eq!(
        labels.parse("a, b c").unwrap(),
        FieldValue::Labels(vec!["a".into(), "b".into(), "c".into()])
    );
    let components = field(&fields, "components");
    assert_eq!(
        components.to_json(
            &components.parse("web, backend").unwrap(),
            Deployment::Cloud
        ),
        json!([{"id": "10001"}, {"id": "10000"}])
    );
    assert!(field(&fields, "customfield_10041").parse("bob").is_err());
}

#[test]
fn rich_text_goes_out_as_adf_or_wiki() {
    let fields = editmeta();
    let description = field(&fields, "description");
    let v = description.parse("**bold**").unwrap();
    let adf = description.to_json(&v, Deployment::Cloud);
    assert_eq!(adf["type"], "doc");
    assert_eq!(description.to_json(&v, Deployment::Dc), json!("*bold*"));
    // Read back from either form into Markdown.
    let back = description.value_from_json(&adf, Deployment::Cloud);
    assert_eq!(back.as_input().trim(), "**bold**");
    let back = description.value_from_json(&json!("*bold*"), Deployment::Dc);
    assert_eq!(back.as_input().trim(), "**bold**");
}

#[test]
fn people_are_sent_in_each_dialect() {
    let fields = editmeta();
    let reviewers = field(&fields, "customfield_10041");
    let bob = User {
        account_id: Some("acc-bob".into()),
        name: Some("bob".into()),
        ..User::default()
    };
    let v = FieldValue::Users(vec![bob]);
    assert_eq!(
        reviewers.to_json(&v, Deployment::Cloud),
        json!([{"accountId": "acc-bob"}])
    );
    assert_eq!(
        reviewers.to_json(&v, Deployment::Dc),
        json!([{"name": "bob"}])
    );
}

#[test]
fn current_values_read_back() {
    let fields = editmeta();
    let sprint = field(&fields, "customfield_10020");
    assert_eq!(
        sprint.value_from_json(
            &json!([{"id": 3, "name": "S1"}, {"id": 4, "name": "S2"}]),
            Deployment::Cloud
        ),
        FieldValue::Sprint(4)
    );
    assert_eq!(
        sprint.value_from_json(
            &json!(["com.atlassian.greenhopper.service.sprint.Sprint@1a[id=12,rapidViewId=1,state=ACTIVE]"]),
            Deployment::Dc
        ),
        FieldValue::Sprint(12)
    );
    let area = field(&fields, "customfield_10040");
    let v = area.value_from_json(
        &json!({"id": "1", "value": "Hardware", "child": {"id": "3", "value": "CPU"}}),
        Deployment::Cloud,
    );
    assert_eq!(v.as_input(), "Hardware/CPU");
    let points = field(&fields, "customfield_10016");
    assert_eq!(
        points
            .value_from_json(&json!(2.5), Deployment::Cloud)
            .display(),
        "2.5"
    );
    assert_eq!(
        points.value_from_json(&json!("junk"), Deployment::Cloud),
        FieldValue::Empty
    );
}

#[test]
fn multi_value_changes_are_adds_and_removes() {
    let fields = editmeta();
    let labels = field(&fields, "labels");
    let old = FieldValue::Labels(vec!["a".into(), "b".into()]);
    let new = FieldValue::Labels(vec!["b".into(), "c".into()]);
    let mut edit = IssueEdit::default();
    edit.change(labels, &old, &new, Deployment::Cloud);
    assert_eq!(
        edit.body(),
        json!({"update": {"labels": [{"remove": "a"}, {"add": "c"}]}})
    );
    // A field that only takes `set` is set whole; an unchanged field is not sent.
    let priority = field(&fields, "priority");
    let mut edit = IssueEdit::default();
    let high = priority.parse("Highest").unwrap();
    edit.change(priority, &high, &high, Deployment::Cloud);
    assert!(edit.is_empty());
    edit.change(priority, &FieldValue::Empty, &high, Deployment::Cloud);
    assert_eq!(edit.body(), json!({"fields": {"priority": {"id": "1"}}}));
}

#[test]
fn new_issue_body_names_project_and_type() {
    let fields = editmeta();
    let mut issue = NewIssue {
        project: "ACME".into(),
        issue_type: "10001".into(),
        ..NewIssue::default()
    };
    issue.set(
        field(&fields, "summary"),
        &FieldValue::Text("Crash".into()),
        Deployment::Dc,
    );
    issue.set(
        field(&fields, "labels"),
        &FieldValue::Labels(Vec::new()),
        Deployment::Dc,
    );
    assert_eq!(
        issue.body(),
        json!({"fields": {"summary": "Crash", "project": {"key": "ACME"}, "issuetype": {"id": "10001"}}})
    );
}

#[test]
fn fields_are_found_by_name_or_id() {
    let fields = editmeta();
    assert_eq!(
        find_field(&fields, "story points")[0].id,
        "customfield_10016"
    );
    assert_eq!(
        find_field(&fields, "CUSTOMFIELD_10016")[0].name,
        "Story Points"
    );
    assert!(find_field(&fields, "nope").is_empty());
}
