//! Editing fields and creating issues: the forms from Jira's metadata, each editor's flow,
//! field-level refusals kept under their field with the typed value, the check before
//! overwriting a change made meanwhile, drafts, and filing quickly.

use super::*;
use crate::jira::fields::{CreateIssueType, EditForm, FieldValue, ProjectRef, parse_editmeta};
use crate::worker::Act;
use serde_json::Value;

fn sent(commands: &[Command]) -> Vec<(RequestId, RequestKind)> {
    commands
        .iter()
        .filter_map(|c| match c {
            Command::Send(r) => Some((r.id, r.kind.clone())),
            _ => None,
        })
        .collect()
}

fn only(commands: &[Command]) -> (RequestId, RequestKind) {
    let all = sent(commands);
    assert_eq!(all.len(), 1, "one request expected in {all:?}");
    all.into_iter().next().unwrap()
}

fn meta_json() -> Value {
    json!({"fields": {
        "summary": {"required": true, "name": "Summary", "operations": ["set"],
            "schema": {"type": "string", "system": "summary"}},
        "priority": {"required": false, "name": "Priority", "operations": ["set"],
            "schema": {"type": "priority", "system": "priority"},
            "allowedValues": [{"id": "1", "name": "Highest"}, {"id": "3", "name": "Medium"}]},
        "labels": {"required": false, "name": "Labels", "operations": ["add", "set", "remove"],
            "schema": {"type": "array", "items": "string", "system": "labels"}},
        "customfield_10016": {"required": false, "name": "Story Points", "operations": ["set"],
            "schema": {"type": "number", "custom": "com.atlassian.jira.plugin.system.customfieldtypes:float"}},
        "customfield_10050": {"required": false, "name": "Severity", "operations": ["set"],
            "schema": {"type": "option", "custom": "com.atlassian.jira.plugin.system.customfieldtypes:select"},
            "allowedValues": [{"id": "7", "value": "S1"}, {"id": "8", "value": "S2"}]}
    }})
}

fn form(s: &State) -> &FormView {
    match &s.overlay {
        Overlay::Form(f) => f,
        other => panic!("no form: {other:?}"),
    }
}

fn field_index(s: &State, id: &str) -> usize {
    form(s).fields.iter().position(|f| f.id == id).unwrap()
}

/// The edit form of ACME-0, loaded, with labels `old` and story points 3.
fn editing() -> State {
    let mut s = loaded(3);
    let (id, kind) = only(&feed(&mut s, [ch('e')]));
    assert!(matches!(kind, RequestKind::EditForm { key } if key == "ACME-0"));
    let mut current = serde_json::Map::new();
    current.insert("summary".into(), json!("Crash on save"));
    current.insert("labels".into(), json!(["old"]));
    current.insert("customfield_10016".into(), json!(3));
    let data = EditForm {
        key: "ACME-0".into(),
        fields: parse_editmeta(&meta_json()),
        current,
        updated: Some("2024-06-01T09:00:00.000+0000".into()),
        deployment: Deployment::Cloud,
    };
    feed(&mut s, [answer(id, Ok(Response::EditForm(Box::new(data))))]);
    assert_eq!(form(&s).phase, Phase::Idle);
    s
}

fn edit_of(kind: RequestKind) -> (Value, Option<String>, bool) {
    match kind {
        RequestKind::Act {
            act: Act::Edit { edit, seen, force },
            ..
        } => (edit.body(), seen, force),
        other => panic!("not an edit: {other:?}"),
    }
}

#[test]
fn a_number_is_checked_then_sent_with_the_time_it_was_read() {
    let mut s = editing();
    let i = field_index(&s, "customfield_10016");
    assert_eq!(form(&s).values[i], FieldValue::Number(3.0));
    feed(&mut s, typing("story"));
    assert_eq!(form(&s).shown, vec![i]);
    feed(&mut s, [code(KeyCode::Enter)]);
    assert_eq!(form(&s).editor.as_ref().unwrap().picker.input.text(), "3");
    // Not a number: said in the editor, nothing sent.
    let none = feed(
        &mut s,
        [code(KeyCode::Backspace), ch('x'), code(KeyCode::Enter)],
    );
    assert!(sent(&none).is_empty());
    let hint = &form(&s).editor.as_ref().unwrap().picker.hint;
    assert!(
        hint.starts_with("Story Points: 'x' is not a number"),
        "{hint}"
    );
    let (id, kind) = only(&feed(
        &mut s,
        [code(KeyCode::Backspace), ch('5'), code(KeyCode::Enter)],
    ));
    let (body, seen, force) = edit_of(kind);
    assert_eq!(body, json!({"fields": {"customfield_10016": 5.0}}));
    assert_eq!(seen.as_deref(), Some("2024-06-01T09:00:00.000+0000"));
    assert!(!force);
    assert_eq!(form(&s).saving.map(|(f, _)| f), Some(i));
    // Confirmed: what Jira has now is the value, and the next edit compares with the new time.
    let out = feed(
        &mut s,
        [answer(
            id,
            Ok(Response::Edited {
                updated: Some("2024-06-01T10:00:00.000+0000".into()),
            }),
        )],
    );
    assert!(
        sent(&out)
            .iter()
            .any(|(_, k)| matches!(k, RequestKind::Rows { .. }))
    );
    assert_eq!(form(&s).original[i], FieldValue::Number(5.0));
    assert!(form(&s).saving.is_none());
    assert!(
        matches!(&form(&s).purpose, Some(FormPurpose::Edit { updated: Some(u), .. }) if u.starts_with("2024-06-01T10"))
    );
    assert_eq!(s.status_note(), Some("ACME-0: Story Points set to 5"));
}

#[test]
fn labels_are_added_and_removed_one_by_one() {
    let mut s = editing();
    feed(&mut s, typing("labels"));
    feed(&mut s, [code(KeyCode::Enter)]);
    // `old` is marked; Tab unmarks it; a typed label and Enter adds it marked.
    feed(&mut s, [code(KeyCode::Tab)]);
    feed(&mut s, typing("backend"));
    let none = feed(&mut s, [code(KeyCode::Enter)]);
    // Typing asked for suggestions after a pause only; Enter added the label, sent nothing.
    assert!(sent(&none).is_empty());
    let (_, kind) = only(&feed(&mut s, [code(KeyCode::Enter)]));
    let (body, _, _) = edit_of(kind);
    assert_eq!(
        body,
        json!({"update": {"labels": [{"remove": "old"}, {"add": "backend"}]}})
    );
}

#[test]
fn a_refused_value_stays_typed_with_jiras_message_under_its_field() {
    let mut s = editing();
    let i = field_index(&s, "customfield_10050");
    feed(&mut s, typing("sever"));
    feed(&mut s, [code(KeyCode::Enter)]);
    // Not required: "(none)" first, then S1, S2.
    let (id, kind) = only(&feed(&mut s, [code(KeyCode::Down), code(KeyCode::Enter)]));
    let (body, _, _) = edit_of(kind);
    assert_eq!(body, json!({"fields": {"customfield_10050": {"id": "7"}}}));
    let refusal = JiraError::FieldErrors {
        messages: vec![],
        fields: vec![("customfield_10050".into(), "S1 is retired".into())],
    };
    feed(&mut s, [answer(id, Err(refusal))]);
    let f = form(&s);
    assert_eq!(f.errors[i].as_deref(), Some("S1 is retired"));
    assert_eq!(f.values[i].display(), "S1");
    assert!(f.unsaved(i));
    assert!(
        s.status_error()
            .unwrap()
            .contains("Could not change Severity of ACME-0")
    );
}

#[test]
fn a_change_made_meanwhile_is_asked_about_before_it_is_overwritten() {
    let mut s = editing();
    feed(&mut s, typing("prio"));
    feed(&mut s, [code(KeyCode::Enter)]);
    let (id, _) = only(&feed(&mut s, [code(KeyCode::Down), code(KeyCode::Enter)]));
    feed(
        &mut s,
        [answer(
            id,
            Ok(Response::Conflict {
                updated: Some("2024-06-01T11:00:00.000+0000".into()),
            }),
        )],
    );
    assert!(form(&s).conflict.is_some());
    let (_, kind) = only(&feed(&mut s, [ch('y')]));
    let (body, _, force) = edit_of(kind);
    assert!(force);
    assert_eq!(body, json!({"fields": {"priority": {"id": "1"}}}));
}

#[test]
fn keeping_their_change_reads_the_issue_again() {
    let mut s = editing();
    feed(&mut s, typing("prio"));
    feed(&mut s, [code(KeyCode::Enter)]);
    let (id, _) = only(&feed(&mut s, [code(KeyCode::Down), code(KeyCode::Enter)]));
    feed(
        &mut s,
        [answer(id, Ok(Response::Conflict { updated: None }))],
    );
    let (_, kind) = only(&feed(&mut s, [ch('n')]));
    assert!(matches!(kind, RequestKind::EditForm { key } if key == "ACME-0"));
    assert!(
        s.status_note()
            .unwrap()
            .contains("your Priority was: Highest")
    );
}

fn types() -> Vec<CreateIssueType> {
    vec![
        CreateIssueType {
            id: "1".into(),
            name: "Bug".into(),
            ..Default::default()
        },
        CreateIssueType {
            id: "2".into(),
            name: "Story".into(),
            ..Default::default()
        },
        CreateIssueType {
            id: "5".into(),
            name: "Sub-task".into(),
            subtask: true,
            ..Default::default()
        },
    ]
}

fn create_fields() -> Vec<crate::jira::fields::FieldMeta> {
    let mut fields = parse_editmeta(&meta_json());
    for f in &mut fields {
        if f.id == "customfield_10050" {
            f.required = true;
        }
    }
    crate::jira::fields::parse_create_fields(&json!({"fields": []}));
    fields
}

/// `n`, projects answered, Enter, types answered, Enter: the fields are asked for.
fn creating() -> (State, RequestId) {
    let mut s = loaded(3);
    let out = feed(&mut s, [ch('n')]);
    assert!(
        out.iter()
            .any(|c| matches!(c, Command::LoadDraft(k) if k == "new-issue"))
    );
    let (id, kind) = only(&out);
    assert!(matches!(kind, RequestKind::Projects));
    let projects = vec![
        ProjectRef {
            id: "1".into(),
            key: "ACME".into(),
            name: "Acme".into(),
        },
        ProjectRef {
            id: "2".into(),
            key: "OPS".into(),
            name: "Operations".into(),
        },
    ];
    // OPS was used last: it comes first.
    feed(
        &mut s,
        [Msg::DraftLoaded {
            key: "create-memory".into(),
            draft: Ok(Some(
                r#"{"projects":["OPS"],"types":{"OPS":"Story"}}"#.into(),
            )),
        }],
    );
    feed(&mut s, [answer(id, Ok(Response::Projects(projects)))]);
    let (id, kind) = only(&feed(&mut s, [code(KeyCode::Enter)]));
    assert!(matches!(kind, RequestKind::IssueTypes { project } if project == "OPS"));
    feed(
        &mut s,
        [answer(
            id,
            Ok(Response::IssueTypes {
                project: "OPS".into(),
                types: types(),
            }),
        )],
    );
    // Sub-task types need a parent: not offered here; the last type used comes first.
    let FormStage::Type { types: shown, .. } = &form(&s).stage else {
        panic!("not choosing a type")
    };
    assert_eq!(
        shown.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
        ["Story", "Bug"]
    );
    let (id, kind) = only(&feed(&mut s, [code(KeyCode::Enter)]));
    assert!(
        matches!(kind, RequestKind::CreateFields { project, issue_type } if project == "OPS" && issue_type == "2")
    );
    (s, id)
}

#[test]
fn filing_quickly_asks_each_required_field_then_sends() {
    let (mut s, id) = creating();
    feed(
        &mut s,
        [answer(
            id,
            Ok(Response::CreateFields {
                project: "OPS".into(),
                issue_type: "2".into(),
                fields: create_fields(),
            }),
        )],
    );
    // The summary's editor is open at once.
    assert_eq!(
        form(&s)
            .editor
            .as_ref()
            .map(|e| form(&s).fields[e.field].id.as_str()),
        Some("summary")
    );
    let out = feed(&mut s, typing("Printer on fire"));
    assert!(sent(&out).is_empty());
    let out = feed(&mut s, [code(KeyCode::Enter)]);
    assert!(out.iter().any(|c| matches!(c, Command::SaveDraft { key, text: Some(t) } if key == "new-issue" && t.contains("Printer on fire"))));
    // Then the required Severity.
    let severity = form(&s).editor.as_ref().map(|e| e.field).unwrap();
    assert_eq!(form(&s).fields[severity].id, "customfield_10050");
    let (id, kind) = only(&feed(&mut s, [code(KeyCode::Enter)]));
    let RequestKind::CreateIssue { issue } = kind else {
        panic!("not a create")
    };
    assert_eq!(
        issue.body(),
        json!({"fields": {"summary": "Printer on fire", "customfield_10050": {"id": "7"},
            "project": {"key": "OPS"}, "issuetype": {"id": "2"}}})
    );
    // Jira refuses the summary: shown under it, the form as typed.
    let refusal = JiraError::FieldErrors {
        messages: vec![],
        fields: vec![("summary".into(), "Too hot".into())],
    };
    feed(&mut s, [answer(id, Err(refusal))]);
    let i = field_index(&s, "summary");
    assert_eq!(form(&s).errors[i].as_deref(), Some("Too hot"));
    assert_eq!(form(&s).values[i].display(), "Printer on fire");
    let (id, _) = only(&feed(&mut s, [ctrl('s')]));
    let created = crate::jira::fields::CreatedIssue {
        id: "10400".into(),
        key: "OPS-42".into(),
    };
    let out = feed(&mut s, [answer(id, Ok(Response::Created(created)))]);
    assert!(
        out.iter()
            .any(|c| matches!(c, Command::SaveDraft { key, text: None } if key == "new-issue"))
    );
    assert!(out.iter().any(|c| matches!(c, Command::SaveDraft { key, text: Some(t) } if key == "create-memory" && t.contains("OPS"))));
    let kinds: Vec<RequestKind> = sent(&out).into_iter().map(|(_, k)| k).collect();
    assert!(
        kinds
            .iter()
            .any(|k| matches!(k, RequestKind::Issue { key } if key == "OPS-42"))
    );
    assert!(
        kinds
            .iter()
            .any(|k| matches!(k, RequestKind::Search { .. }))
    );
    assert_eq!(s.overlay, Overlay::None);
}

#[test]
fn the_draft_comes_back_for_its_project_and_type() {
    let (mut s, id) = creating();
    let draft = r#"{"project":"OPS","type":"2","values":{"summary":{"text":"Half written"},"labels":{"text":"a, b"}}}"#;
    feed(
        &mut s,
        [Msg::DraftLoaded {
            key: "new-issue".into(),
            draft: Ok(Some(draft.into())),
        }],
    );
    feed(
        &mut s,
        [answer(
            id,
            Ok(Response::CreateFields {
                project: "OPS".into(),
                issue_type: "2".into(),
                fields: create_fields(),
            }),
        )],
    );
    let f = form(&s);
    assert!(
        f.editor.is_none(),
        "a restored draft is not filled in again"
    );
    assert_eq!(
        f.values[field_index(&s, "summary")].display(),
        "Half written"
    );
    assert_eq!(
        f.values[field_index(&s, "labels")],
        FieldValue::Labels(vec!["a".into(), "b".into()])
    );
    // A required field left empty is named, and nothing is sent.
    let out = feed(&mut s, [ctrl('s')]);
    assert!(sent(&out).is_empty());
    assert!(
        form(&s)
            .message
            .as_ref()
            .unwrap()
            .sentence
            .contains("Severity")
    );
}

#[test]
fn a_subtask_is_filed_under_the_issue_on_screen() {
    let mut s = loaded(3);
    let (id, kind) = only(&feed(&mut s, [ch('N')]));
    assert!(matches!(kind, RequestKind::IssueTypes { project } if project == "ACME"));
    feed(
        &mut s,
        [answer(
            id,
            Ok(Response::IssueTypes {
                project: "ACME".into(),
                types: types(),
            }),
        )],
    );
    let FormStage::Type { types: shown, .. } = &form(&s).stage else {
        panic!("not choosing a type")
    };
    assert_eq!(shown.len(), 1);
    let (id, _) = only(&feed(&mut s, [code(KeyCode::Enter)]));
    let fields = parse_editmeta(
        &json!({"fields": {"summary": {"required": true, "name": "Summary",
        "schema": {"type": "string", "system": "summary"}}}}),
    );
    feed(
        &mut s,
        [answer(
            id,
            Ok(Response::CreateFields {
                project: "ACME".into(),
                issue_type: "5".into(),
                fields,
            }),
        )],
    );
    let (_, kind) = only(&feed(
        &mut s,
        typing("Part").into_iter().chain([code(KeyCode::Enter)]),
    ));
    let RequestKind::CreateIssue { issue } = kind else {
        panic!("not a create")
    };
    assert_eq!(issue.body()["fields"]["parent"], json!({"key": "ACME-0"}));
}

#[test]
fn a_lost_answer_to_a_create_warns_before_sending_again() {
    let (mut s, id) = creating();
    feed(
        &mut s,
        [answer(
            id,
            Ok(Response::CreateFields {
                project: "OPS".into(),
                issue_type: "2".into(),
                fields: create_fields(),
            }),
        )],
    );
    feed(&mut s, typing("X"));
    feed(&mut s, [code(KeyCode::Enter)]);
    let (id, _) = only(&feed(&mut s, [code(KeyCode::Enter)]));
    let lost = JiraError::Timeout {
        what: "the whole request".into(),
    };
    feed(&mut s, [answer(id, Err(lost))]);
    let message = form(&s).message.as_ref().unwrap().joined();
    assert!(message.contains("may have created the issue"), "{message}");
    // Esc closes the form; the draft stays.
    feed(&mut s, [code(KeyCode::Esc)]);
    assert_eq!(s.status_note(), Some("Draft kept; n opens it again"));
}

#[test]
fn a_description_is_written_in_the_markdown_editor_and_sent_as_adf() {
    let mut s = loaded(3);
    let (id, _) = only(&feed(&mut s, [ch('e')]));
    let mut current = serde_json::Map::new();
    current.insert(
        "description".into(),
        json!({"type": "doc", "version": 1, "content": [{"type": "paragraph", "content": [{"type": "text", "text": "Old"}]}]}),
    );
    let data = EditForm {
        key: "ACME-0".into(),
        fields: parse_editmeta(
            &json!({"fields": {"description": {"required": false, "name": "Description",
            "operations": ["set"], "schema": {"type": "string", "system": "description"}}}}),
        ),
        current,
        updated: None,
        deployment: Deployment::Cloud,
    };
    feed(&mut s, [answer(id, Ok(Response::EditForm(Box::new(data))))]);
    let out = feed(&mut s, [code(KeyCode::Enter)]);
    assert!(
        out.iter()
            .any(|c| matches!(c, Command::LoadDraft(k) if k == "ACME-0_description"))
    );
    let Overlay::Compose(c) = &s.overlay else {
        panic!("no editor: {:?}", s.overlay)
    };
    assert_eq!(c.text(), "Old");
    // Esc goes back to the form unchanged.
    feed(&mut s, [code(KeyCode::Esc)]);
    assert!(matches!(s.overlay, Overlay::Form(_)));
    feed(&mut s, [code(KeyCode::Enter)]);
    feed(&mut s, typing(" and **new**"));
    let (_, kind) = only(&feed(&mut s, [ctrl('s')]));
    let (body, seen, _) = edit_of(kind);
    assert_eq!(seen, None);
    assert_eq!(body["fields"]["description"]["type"], "doc");
    let text = body["fields"]["description"].to_string();
    assert!(text.contains("strong"), "{text}");
    assert!(matches!(s.overlay, Overlay::Form(_)));
}

#[test]
fn the_parent_is_found_by_a_search_as_typing_pauses() {
    let mut s = loaded(3);
    let (id, _) = only(&feed(&mut s, [ch('e')]));
    let data = EditForm {
        key: "ACME-0".into(),
        fields: parse_editmeta(
            &json!({"fields": {"parent": {"required": false, "name": "Parent",
            "operations": ["set"], "schema": {"type": "issuelink", "system": "parent"}}}}),
        ),
        current: serde_json::Map::new(),
        updated: None,
        deployment: Deployment::Cloud,
    };
    feed(&mut s, [answer(id, Ok(Response::EditForm(Box::new(data))))]);
    feed(&mut s, [code(KeyCode::Enter)]);
    assert!(form(&s).editor.is_some(), "{:?}", form(&s));
    let none = feed(&mut s, typing("ACME-2"));
    assert_eq!(
        form(&s).editor.as_ref().unwrap().search_in,
        Some(2),
        "{:?}",
        form(&s).editor
    );
    assert!(sent(&none).is_empty(), "no search while typing");
    feed(&mut s, [Msg::Tick(now())]);
    assert_eq!(
        form(&s).editor.as_ref().unwrap().search,
        Some(FormSearch::Issues)
    );
    let out = feed(&mut s, [Msg::Tick(now())]);
    let (id, kind) = only(&out);
    let RequestKind::Search { request, .. } = kind else {
        panic!("not a search")
    };
    assert_eq!(request.jql, "key = \"ACME-2\"");
    feed(
        &mut s,
        [answer(id, Ok(Response::Page(page("ACME", 2..3, None))))],
    );
    let (_, kind) = only(&feed(&mut s, [code(KeyCode::Enter)]));
    let (body, _, _) = edit_of(kind);
    assert_eq!(body, json!({"fields": {"parent": {"key": "ACME-2"}}}));
}
