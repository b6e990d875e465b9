//! Snapshots of the forms at 80x24 and 120x40: the edit form loading, loaded with values, with
//! Jira's refusal under a field, with a list editor open; a new issue's project picker and its
//! form with the summary's editor open. States are built through `update()`.

// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod tui_support;

use crossterm::event::KeyCode;
use jiratty::app::state::State;
use jiratty::jira::fields::{CreateIssueType, EditForm, ProjectRef, parse_editmeta};
use jiratty::jira::{Deployment, JiraError};
use jiratty::worker::Response;
use serde_json::json;
use tui_support::*;

const SIZES: [Size; 2] = [(80, 24), (120, 40)];

fn snap(name: &str, build: impl Fn(Size) -> State) {
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), render(&build((w, h)), w, h));
    }
}

fn meta() -> serde_json::Value {
    json!({"fields": {
        "summary": {"required": true, "name": "Summary", "operations": ["set"],
            "schema": {"type": "string", "system": "summary"}},
        "description": {"required": false, "name": "Description", "operations": ["set"],
            "schema": {"type": "string", "system": "description"}},
        "priority": {"required": false, "name": "Priority", "operations": ["set"],
            "schema": {"type": "priority", "system": "priority"},
            "allowedValues": [{"id": "1", "name": "Highest"}, {"id": "2", "name": "High"}, {"id": "3", "name": "Medium"}]},
        "labels": {"required": false, "name": "Labels", "operations": ["add", "set", "remove"],
            "schema": {"type": "array", "items": "string", "system": "labels"}},
        "customfield_10016": {"required": false, "name": "Story Points", "operations": ["set"],
            "schema": {"type": "number", "custom": "com.atlassian.jira.plugin.system.customfieldtypes:float"}},
        "customfield_10031": {"required": false, "name": "Platforms", "operations": ["add", "set", "remove"],
            "schema": {"type": "array", "items": "option", "custom": "com.atlassian.jira.plugin.system.customfieldtypes:multiselect"},
            "allowedValues": [{"id": "1", "value": "Linux"}, {"id": "2", "value": "macOS"}, {"id": "3", "value": "Web"}]},
        "duedate": {"required": false, "name": "Due date", "operations": ["set"],
            "schema": {"type": "date", "system": "duedate"}}
    }})
}

fn edit_loading(size: Size) -> (State, jiratty::worker::RequestId) {
    let mut s = list_full(size);
    let id = last_id(&feed(&mut s, [ch('e')]));
    (s, id)
}

fn edit_loaded(size: Size) -> State {
    let (mut s, id) = edit_loading(size);
    let mut current = serde_json::Map::new();
    current.insert(
        "summary".into(),
        json!("Checkout fails with an expired card"),
    );
    current.insert("labels".into(), json!(["payments", "regression"]));
    current.insert("customfield_10016".into(), json!(5));
    current.insert(
        "customfield_10031".into(),
        json!([{"id": "3", "value": "Web"}]),
    );
    current.insert("priority".into(), json!({"id": "2", "name": "High"}));
    current.insert(
        "description".into(),
        json!({"type": "doc", "version": 1, "content": [{"type": "paragraph", "content": [{"type": "text", "text": "Steps to reproduce follow."}]}]}),
    );
    let form = EditForm {
        key: "ACME-142".into(),
        fields: parse_editmeta(&meta()),
        current,
        updated: Some("2024-06-01T09:00:00.000+0000".into()),
        deployment: Deployment::Cloud,
    };
    answer(&mut s, id, Ok(Response::EditForm(Box::new(form))));
    s
}

#[test]
fn edit_forms() {
    snap("form_edit_loading", |size| edit_loading(size).0);
    snap("form_edit", edit_loaded);
    snap("form_edit_refused", |size| {
        let mut s = edit_loaded(size);
        feed(&mut s, typing("due"));
        feed(&mut s, [key(KeyCode::Enter)]);
        feed(&mut s, typing("2024-06-30"));
        let id = last_id(&feed(&mut s, [key(KeyCode::Enter)]));
        let refusal = JiraError::FieldErrors {
            messages: vec![],
            fields: vec![(
                "duedate".into(),
                "The due date must be after the start date.".into(),
            )],
        };
        answer(&mut s, id, Err(refusal));
        feed(&mut s, [ctrl('u')]);
        s
    });
    snap("form_edit_many_of", |size| {
        let mut s = edit_loaded(size);
        feed(&mut s, typing("plat"));
        feed(&mut s, [key(KeyCode::Enter), key(KeyCode::Tab)]);
        s
    });
}

#[test]
fn create_forms() {
    snap("form_create_project", |size| {
        let mut s = list_full(size);
        let id = last_id(&feed(&mut s, [ch('n')]));
        let projects = vec![
            ProjectRef {
                id: "1".into(),
                key: "ACME".into(),
                name: "Acme Web App".into(),
            },
            ProjectRef {
                id: "2".into(),
                key: "OPS".into(),
                name: "Operations".into(),
            },
        ];
        answer(&mut s, id, Ok(Response::Projects(projects)));
        s
    });
    snap("form_create_summary", |size| {
        let mut s = list_full(size);
        let id = last_id(&feed(&mut s, [ch('n')]));
        let projects = vec![ProjectRef {
            id: "1".into(),
            key: "ACME".into(),
            name: "Acme Web App".into(),
        }];
        answer(&mut s, id, Ok(Response::Projects(projects)));
        let id = last_id(&feed(&mut s, [key(KeyCode::Enter)]));
        let types = vec![CreateIssueType {
            id: "10004".into(),
            name: "Bug".into(),
            ..Default::default()
        }];
        answer(
            &mut s,
            id,
            Ok(Response::IssueTypes {
                project: "ACME".into(),
                types,
            }),
        );
        let id = last_id(&feed(&mut s, [key(KeyCode::Enter)]));
        let fields = parse_editmeta(&meta());
        answer(
            &mut s,
            id,
            Ok(Response::CreateFields {
                project: "ACME".into(),
                issue_type: "10004".into(),
                fields,
            }),
        );
        feed(&mut s, typing("Printer on fire"));
        s
    });
}
