//! Editing and creating through the client against the demo server in both flavours:
//! editmeta, the create metadata (the paged dialects and the older expand form), `PUT issue`
//! with `fields` and `update`, Jira's per-field refusals, `POST issue` with its required fields
//! and sub-task rules; searches see what was changed and created, and the rich text written is
//! valid ADF.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod markdown_support;
mod support;

use jiratty::demo::model::Flavor;
use jiratty::jira::fields::{FieldKind, FieldMeta, FieldValue, IssueEdit, NewIssue, find_field};
use jiratty::jira::{AuthMethod, Deployment, JiraError, ListIssue, SearchRequest};
use serde_json::{Value, json};
use support::*;

fn deployment(flavor: Flavor) -> Deployment {
    match flavor {
        Flavor::Cloud => Deployment::Cloud,
        Flavor::Dc => Deployment::Dc,
    }
}

fn named<'a>(fields: &'a [FieldMeta], name: &str) -> &'a FieldMeta {
    find_field(fields, name)[0]
}

async fn keys(client: &jiratty::jira::Client, jql: &str) -> Vec<String> {
    let page = client
        .search_page_of::<ListIssue>(&SearchRequest::new(jql), None)
        .await
        .unwrap();
    page.issues.into_iter().map(|i| i.key).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editmeta_describes_every_kind_and_edits_go_through_fields_and_update() {
    for flavor in [Flavor::Cloud, Flavor::Dc] {
        let server = demo(flavor).await;
        let alice = alice(&server.url(), flavor);
        let d = deployment(flavor);
        let key = keys(
            &alice,
            "project = ACME AND issuetype = Story ORDER BY key ASC",
        )
        .await[0]
            .clone();
        let form = alice.edit_form(&key).await.unwrap();
        let kind = |name: &str| named(&form.fields, name).kind;
        assert_eq!(kind("Summary"), FieldKind::Line);
        assert_eq!(kind("Description"), FieldKind::RichText);
        assert_eq!(kind("Story Points"), FieldKind::Number);
        assert_eq!(kind("Team"), FieldKind::OneOf);
        assert_eq!(kind("Platforms"), FieldKind::ManyOf);
        assert_eq!(kind("Area"), FieldKind::Cascading);
        assert_eq!(kind("Reviewer"), FieldKind::User);
        assert_eq!(kind("Approvers"), FieldKind::Users);
        assert_eq!(kind("Target date"), FieldKind::Date);
        assert_eq!(kind("Tags"), FieldKind::Labels);
        assert_eq!(kind("Labels"), FieldKind::Labels);
        assert!(named(&form.fields, "Labels").adds_and_removes());
        assert!(form.updated.is_some());

        // Set several kinds at once.
        let mut edit = IssueEdit::default();
        let set = |edit: &mut IssueEdit, name: &str, typed: &str| {
            let meta = named(&form.fields, name);
            edit.set(meta, &meta.parse(typed).unwrap(), d);
        };
        set(&mut edit, "Story Points", "8");
        set(&mut edit, "Team", "Mobile");
        set(&mut edit, "Platforms", "Linux, Web");
        set(&mut edit, "Area", "Hardware/Disk");
        set(&mut edit, "Target date", "2026-12-24");
        set(
            &mut edit,
            "Description",
            "Now **bold**, with a [link](https://example.com)",
        );
        let bob = alice.find_users("bob", 5).await.unwrap().remove(0);
        edit.set(
            named(&form.fields, "Approvers"),
            &FieldValue::Users(vec![bob.clone()]),
            d,
        );
        edit.add(
            named(&form.fields, "Labels"),
            &FieldValue::Labels(vec!["from-jiratty".into()]),
            d,
        );
        alice.edit_issue(&key, &edit).await.unwrap();

        let (now, updated) = alice.current_values(&key, &form.fields).await.unwrap();
        assert_ne!(updated, form.updated, "updated moved");
        let shown = |name: &str| {
            let meta = named(&form.fields, name);
            meta.value_from_json(now.get(&meta.id).unwrap_or(&Value::Null), d)
                .display()
        };
        assert_eq!(shown("Story Points"), "8");
        assert_eq!(shown("Team"), "Mobile");
        assert_eq!(shown("Platforms"), "Linux, Web");
        assert_eq!(shown("Area"), "Hardware / Disk");
        assert_eq!(shown("Target date"), "2026-12-24");
        assert_eq!(shown("Approvers"), "Bob Brown");
        assert!(shown("Labels").contains("from-jiratty"));
        if flavor == Flavor::Cloud {
            let adf = now.get("description").unwrap();
            markdown_support::assert_valid(adf, "an edited description");
        } else {
            assert_eq!(
                now["description"],
                json!("Now *bold*, with a [link|https://example.com]")
            );
        }
        // Searches see the change.
        assert!(keys(&alice, "labels = from-jiratty").await.contains(&key));

        // A label added elsewhere meanwhile stays when ours is removed.
        let labels = named(&form.fields, "Labels");
        let mut other = IssueEdit::default();
        other.add(labels, &FieldValue::Labels(vec!["browser-added".into()]), d);
        alice.edit_issue(&key, &other).await.unwrap();
        let mut ours = IssueEdit::default();
        ours.remove(labels, &FieldValue::Labels(vec!["from-jiratty".into()]), d);
        alice.edit_issue(&key, &ours).await.unwrap();
        let (now, _) = alice
            .current_values(&key, std::slice::from_ref(labels))
            .await
            .unwrap();
        let list = now["labels"].as_array().unwrap();
        assert!(list.contains(&json!("browser-added")) && !list.contains(&json!("from-jiratty")));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_values_come_back_by_field() {
    for flavor in [Flavor::Cloud, Flavor::Dc] {
        let server = demo(flavor).await;
        let alice = alice(&server.url(), flavor);
        let mut edit = IssueEdit::default();
        edit.fields
            .insert("customfield_10030".into(), json!({"value": "Nope"}));
        edit.fields.insert("summary".into(), json!(""));
        edit.fields.insert("bogus".into(), json!(1));
        edit.update
            .insert("labels".into(), json!([{"add": "has space"}]));
        let err = alice.edit_issue("ACME-2", &edit).await.unwrap_err();
        let JiraError::FieldErrors { fields, .. } = &err else {
            panic!("not field errors: {err:?}");
        };
        let message = |id: &str| {
            fields
                .iter()
                .find(|(f, _)| f == id)
                .map(|(_, m)| m.as_str())
                .unwrap()
        };
        assert_eq!(
            message("customfield_10030"),
            "Option value 'Nope' is not valid"
        );
        assert_eq!(
            message("summary"),
            "You must specify a summary of the issue."
        );
        assert!(message("bogus").contains("It is not on the appropriate screen, or unknown."));
        assert!(message("labels").contains("contains spaces"));
        // The viewer may not edit: no field is offered, and a write is refused.
        let dave = match flavor {
            Flavor::Cloud => client(
                &server.url(),
                AuthMethod::ApiToken,
                "dave@example.com",
                "demo-api-token-dave",
            ),
            Flavor::Dc => client(&server.url(), AuthMethod::Pat, "", "demo-pat-dave"),
        };
        assert!(dave.editmeta("ACME-2").await.unwrap().is_empty());
        let mut edit = IssueEdit::default();
        edit.fields.insert("summary".into(), json!("mine now"));
        assert!(matches!(
            dave.edit_issue("ACME-2", &edit).await,
            Err(JiraError::Forbidden { .. })
        ));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn creating_follows_the_create_metadata_and_its_rules() {
    for flavor in [Flavor::Cloud, Flavor::Dc] {
        let server = demo(flavor).await;
        let alice = alice(&server.url(), flavor);
        let d = deployment(flavor);
        let projects = alice.projects().await.unwrap();
        assert!(projects.iter().any(|p| p.key == "ACME"));
        let types = alice.create_issue_types("ACME").await.unwrap();
        let bug = types.iter().find(|t| t.name == "Bug").unwrap();
        let subtask = types.iter().find(|t| t.subtask).unwrap();
        let fields = alice.create_fields("ACME", &bug.id).await.unwrap();
        // Required first: the summary and, for a bug in ACME, the Team.
        assert!(fields[0].required && fields[1].required);
        assert!(named(&fields, "Team").required);
        assert!(
            !fields
                .iter()
                .any(|f| f.id == "project" || f.id == "issuetype")
        );

        let mut issue = NewIssue {
            project: "ACME".into(),
            issue_type: bug.id.clone(),
            ..NewIssue::default()
        };
        issue.set(
            named(&fields, "Summary"),
            &FieldValue::Text("Printer on fire".into()),
            d,
        );
        let err = alice.create_issue(&issue).await.unwrap_err();
        let JiraError::FieldErrors { fields: errs, .. } = err else {
            panic!("not field errors")
        };
        assert_eq!(
            errs,
            vec![(
                "customfield_10030".to_string(),
                "Team is required.".to_string()
            )]
        );
        let team = named(&fields, "Team");
        issue.set(team, &team.parse("Platform").unwrap(), d);
        let description = named(&fields, "Description");
        issue.set(description, &description.parse("It **burns**").unwrap(), d);
        let created = alice.create_issue(&issue).await.unwrap();
        assert_eq!(created.key, "ACME-101");
        assert_eq!(
            keys(&alice, "project = ACME ORDER BY created DESC").await[0],
            created.key
        );
        let again = alice.create_issue(&issue).await.unwrap();
        assert_eq!(again.key, "ACME-102", "new keys per project");
        let (now, _) = alice.current_values(&created.key, &fields).await.unwrap();
        if flavor == Flavor::Cloud {
            markdown_support::assert_valid(&now["description"], "a created description");
        }
        assert_eq!(now["customfield_10030"]["value"], "Platform");

        // A sub-task needs a parent in its project that is not a sub-task.
        let sub_fields = alice.create_fields("ACME", &subtask.id).await.unwrap();
        assert!(named(&sub_fields, "Parent").required);
        let mut sub = NewIssue {
            project: "ACME".into(),
            issue_type: subtask.id.clone(),
            ..NewIssue::default()
        };
        sub.set(
            named(&sub_fields, "Summary"),
            &FieldValue::Text("Part".into()),
            d,
        );
        let err = alice.create_issue(&sub).await.unwrap_err();
        assert!(
            matches!(err, JiraError::FieldErrors { ref fields, .. } if fields[0].0 == "parent"),
            "{err:?}"
        );
        let other_project = keys(&alice, "project = OPS ORDER BY key ASC").await[0].clone();
        sub.fields
            .insert("parent".into(), json!({"key": other_project}));
        assert!(alice.create_issue(&sub).await.is_err());
        sub.fields
            .insert("parent".into(), json!({"key": created.key}));
        let child = alice.create_issue(&sub).await.unwrap();
        sub.fields
            .insert("parent".into(), json!({"key": child.key}));
        let err = alice.create_issue(&sub).await.unwrap_err();
        assert!(err.to_string().contains("sub-task"), "{err}");
        assert!(
            keys(&alice, &format!("parent = {}", created.key))
                .await
                .contains(&child.key)
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_older_create_metadata_is_read_where_the_paged_one_is_missing() {
    // A Data Center site before 9: the paged paths answer 404, the older one has the fields.
    let server = demo(Flavor::Dc).await;
    let backend = server.url();
    let app = axum::Router::new().fallback(move |request: axum::extract::Request| {
        let backend = backend.clone();
        async move {
            let path = request.uri().path().to_string();
            if path.contains("/createmeta/") {
                return axum::response::IntoResponse::into_response((
                    axum::http::StatusCode::NOT_FOUND,
                    [(axum::http::header::CONTENT_TYPE, "application/json")],
                    r#"{"errorMessages":["null for uri"]}"#,
                ));
            }
            let uri = format!(
                "{backend}{}",
                request.uri().path_and_query().map_or("", |p| p.as_str())
            );
            let auth = request.headers().get("authorization").cloned();
            let mut forwarded = reqwest::Client::new().get(uri);
            if let Some(auth) = auth {
                forwarded = forwarded.header("authorization", auth);
            }
            let answer = forwarded.send().await.unwrap();
            let status = answer.status().as_u16();
            let body = answer.bytes().await.unwrap().to_vec();
            axum::response::IntoResponse::into_response((
                axum::http::StatusCode::from_u16(status).unwrap(),
                [(axum::http::header::CONTENT_TYPE, "application/json")],
                body,
            ))
        }
    });
    let (url, _task) = serve(app).await;
    let alice = alice(&url, Flavor::Dc);
    let types = alice.create_issue_types("ACME").await.unwrap();
    let bug = types.iter().find(|t| t.name == "Bug").unwrap();
    let fields = alice.create_fields("ACME", &bug.id).await.unwrap();
    assert_eq!(fields[0].id, "summary");
    assert!(named(&fields, "Team").required);
    assert_eq!(named(&fields, "Area").allowed[0].children.len(), 3);
}
