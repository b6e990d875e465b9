//! `jiratty fields`, `edit` and `create` through the real binary against the demo server in
//! both flavours: what can be set, values by display name or id parsed by schema, `--add` and
//! `--remove`, refusals that name the field and its values (exit 2), required fields, sub-tasks.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use jiratty::demo::model::Flavor;
use serde_json::Value;
use support::*;

fn json(run: &Run) -> Value {
    assert_eq!(run.code, 0, "{run:?}");
    serde_json::from_str(&run.stdout).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fields_lists_what_can_be_set_with_types_and_values() {
    for flavor in [Flavor::Cloud, Flavor::Dc] {
        let server = demo(flavor).await;
        let env = alice_env(&server.url(), flavor);
        let table = jiratty(&["fields", "ACME-10"], &env).await;
        assert_eq!(table.code, 0, "{table:?}");
        assert!(table.stdout.starts_with("FIELD"), "{}", table.stdout);
        assert!(table.stdout.contains("Summary *"));
        assert!(table.stdout.contains("Team          customfield_10030  one of the listed values                Platform, Payments, Mobile"), "{}", table.stdout);
        let list = json(&jiratty(&["fields", "ACME-10", "--format", "json"], &env).await);
        let labels = list
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["id"] == "labels")
            .unwrap();
        assert_eq!(
            labels["operations"],
            serde_json::json!(["add", "set", "remove"])
        );
        let create = json(
            &jiratty(
                &[
                    "fields",
                    "--create",
                    "--project",
                    "ACME",
                    "--type",
                    "Bug",
                    "--format",
                    "json",
                ],
                &env,
            )
            .await,
        );
        let team = create
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == "Team")
            .unwrap();
        assert_eq!(team["required"], true);
        let unknown = jiratty(
            &["fields", "--create", "--project", "ACME", "--type", "Saga"],
            &env,
        )
        .await;
        assert_eq!(unknown.code, 2, "{unknown:?}");
        assert!(
            unknown.stderr.contains(
                "ACME has no issue type 'Saga'; it has: Epic, Story, Task, Bug, Sub-task"
            ),
            "{}",
            unknown.stderr
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edit_sets_adds_and_removes_by_name_or_id() {
    for flavor in [Flavor::Cloud, Flavor::Dc] {
        let server = demo(flavor).await;
        let env = alice_env(&server.url(), flavor);
        let run = jiratty(
            &[
                "edit",
                "ACME-10",
                "--field",
                "Story Points=5",
                "--field",
                "customfield_10030=Mobile",
                "--field",
                "Area=Software/API",
                "--field",
                "Reviewer=bob",
                "--add",
                "labels=cli-added",
                "--field",
                "Due date=2026-12-24",
                "--format",
                "json",
            ],
            &env,
        )
        .await;
        let out = json(&run);
        assert_eq!(out["fields"]["customfield_10016"], 5.0);
        assert_eq!(out["fields"]["customfield_10030"]["value"], "Mobile");
        assert_eq!(out["fields"]["customfield_10032"]["child"]["value"], "API");
        assert_eq!(out["fields"]["duedate"], "2026-12-24");
        assert!(
            out["fields"]["labels"]
                .as_array()
                .unwrap()
                .contains(&Value::from("cli-added"))
        );
        let text = jiratty(&["edit", "ACME-10", "--remove", "labels=cli-added"], &env).await;
        assert_eq!(text.code, 0, "{text:?}");
        assert!(
            text.stdout.starts_with("ACME-10 updated: Labels = "),
            "{}",
            text.stdout
        );
        assert!(!text.stdout.contains("cli-added"));
        // A searched label is gone too.
        let found = jiratty(&["search", "labels = cli-added", "--format", "json"], &env).await;
        assert_eq!(json(&found), serde_json::json!([]));

        let bad = jiratty(&["edit", "ACME-10", "--field", "Team=Nope"], &env).await;
        assert_eq!(bad.code, 2, "{bad:?}");
        assert!(
            bad.stderr
                .contains("Team: 'Nope' is not one of its values: Platform, Payments, Mobile")
        );
        let number = jiratty(&["edit", "ACME-10", "--field", "Story Points=lots"], &env).await;
        assert_eq!(number.code, 2);
        assert!(
            number
                .stderr
                .contains("Story Points: 'lots' is not a number")
        );
        let unknown = jiratty(&["edit", "ACME-10", "--field", "Colour=red"], &env).await;
        assert_eq!(unknown.code, 2);
        assert!(
            unknown
                .stderr
                .contains("ACME-10 has no field 'Colour' that you may set; it has: Summary")
        );
        let single = jiratty(&["edit", "ACME-10", "--add", "Team=Mobile"], &env).await;
        assert_eq!(single.code, 2);
        assert!(
            single
                .stderr
                .contains("Team holds one value: set it with --field")
        );
        let nothing = jiratty(&["edit", "ACME-10"], &env).await;
        assert_eq!(nothing.code, 2);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_names_required_fields_and_files_issues_and_subtasks() {
    for flavor in [Flavor::Cloud, Flavor::Dc] {
        let server = demo(flavor).await;
        let env = alice_env(&server.url(), flavor);
        let missing = jiratty(
            &[
                "create",
                "--project",
                "ACME",
                "--type",
                "Bug",
                "--summary",
                "Printer on fire",
            ],
            &env,
        )
        .await;
        assert_eq!(missing.code, 2, "{missing:?}");
        assert!(
            missing
                .stderr
                .contains("a new Bug in ACME needs Team (one of: Platform, Payments, Mobile)"),
            "{}",
            missing.stderr
        );
        let made = json(
            &jiratty(
                &[
                    "create",
                    "--project",
                    "acme",
                    "--type",
                    "bug",
                    "--summary",
                    "Printer on fire",
                    "--field",
                    "Team=Platform",
                    "--description",
                    "It **burns**",
                    "--format",
                    "json",
                ],
                &env,
            )
            .await,
        );
        let key = made["key"].as_str().unwrap().to_string();
        assert_eq!(key, "ACME-101");
        assert!(made["url"].as_str().unwrap().ends_with("/browse/ACME-101"));
        let issue = json(&jiratty(&["issue", &key, "--format", "json"], &env).await);
        assert_eq!(issue["fields"]["summary"], "Printer on fire");
        let orphan = jiratty(
            &[
                "create",
                "--project",
                "ACME",
                "--type",
                "Sub-task",
                "--summary",
                "Part",
            ],
            &env,
        )
        .await;
        assert_eq!(orphan.code, 2);
        assert!(
            orphan
                .stderr
                .contains("needs its parent issue: --parent KEY")
        );
        let child = jiratty(
            &[
                "create",
                "--project",
                "ACME",
                "--type",
                "Sub-task",
                "--summary",
                "Part",
                "--parent",
                &key,
            ],
            &env,
        )
        .await;
        assert_eq!(child.code, 0, "{child:?}");
        assert!(
            child
                .stdout
                .starts_with("Created ACME-102 (Sub-task): Part")
        );
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), "From a *file*").unwrap();
        let from_file = jiratty(
            &[
                "create",
                "--project",
                "OPS",
                "--type",
                "Task",
                "--summary",
                "Filed",
                "--description-file",
                file.path().to_str().unwrap(),
                "--format",
                "json",
            ],
            &env,
        )
        .await;
        assert!(
            json(&from_file)["key"]
                .as_str()
                .unwrap()
                .starts_with("OPS-")
        );
    }
}
