//! `jiratty board list`, `jiratty sprint list` and `jiratty board show` through the real
//! binary against an in-process demo server, in both flavours and every format.
#![cfg(feature = "demo")]
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use jiratty::demo::model::Flavor;
use serde_json::Value;
use support::*;

async fn ok(args: &[&str], env: &[(String, String)]) -> String {
    let run = jiratty(args, env).await;
    assert_eq!(run.code, 0, "{args:?}: {run:?}");
    run.stdout
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn board_list_in_every_format() {
    for flavor in [Flavor::Cloud, Flavor::Dc] {
        let server = demo(flavor).await;
        let env = alice_env(&server.url(), flavor);
        let table = ok(&["board", "list"], &env).await;
        assert!(table.starts_with("ID"), "{table}");
        for name in ["ACME board", "OPS Kanban", "Platform (ACME + DOC)"] {
            assert!(table.contains(name), "{table}");
        }
        let json: Value = serde_json::from_str(
            &ok(
                &["board", "list", "--project", "OPS", "--format", "json"],
                &env,
            )
            .await,
        )
        .unwrap();
        let list = json.as_array().unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0]["type"], "kanban");
        assert_eq!(list[0]["project"], "OPS");
        let csv = ok(&["board", "list", "--format", "csv"], &env).await;
        assert!(csv.starts_with("id,name,type,project\r\n"), "{csv}");
        assert!(
            csv.contains("3,Platform (ACME + DOC),scrum,ACME\r\n"),
            "{csv}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sprint_list_by_state_and_bad_states() {
    let server = demo(Flavor::Cloud).await;
    let env = alice_env(&server.url(), Flavor::Cloud);
    let all = ok(&["sprint", "list", "ACME board"], &env).await;
    assert_eq!(all.lines().count(), 7, "{all}");
    let open = ok(
        &[
            "sprint",
            "list",
            "1",
            "--state",
            "active,future",
            "--format",
            "json",
        ],
        &env,
    )
    .await;
    let open: Value = serde_json::from_str(&open).unwrap();
    let names: Vec<&str> = open
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["ACME Sprint 12", "ACME Sprint 13", "ACME Sprint 14"]
    );
    let bad = jiratty(&["sprint", "list", "1", "--state", "running"], &env).await;
    assert_eq!(bad.code, 2, "{bad:?}");
    assert!(bad.stderr.contains("not a sprint state"), "{bad:?}");
    let kanban = jiratty(&["sprint", "list", "OPS Kanban"], &env).await;
    assert_ne!(kanban.code, 0, "{kanban:?}");
    assert!(
        kanban.stderr.contains("does not support sprints"),
        "{kanban:?}"
    );
    let missing = jiratty(&["sprint", "list", "No such board"], &env).await;
    assert_eq!(missing.code, 4, "{missing:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn board_show_columns_with_their_issues() {
    for flavor in [Flavor::Cloud, Flavor::Dc] {
        let server = demo(flavor).await;
        let env = alice_env(&server.url(), flavor);
        let table = ok(&["board", "show", "ACME board"], &env).await;
        assert!(
            table.starts_with("ACME board (scrum) · ACME Sprint 12 [active] · goal: "),
            "{table}"
        );
        assert!(table.contains("\nIn Progress ("), "{table}");
        assert!(table.contains("[min 1, max 3]"), "{table}");
        assert!(table.contains("  ACME-"), "{table}");
        let json: Value =
            serde_json::from_str(&ok(&["board", "show", "1", "--format", "json"], &env).await)
                .unwrap();
        assert_eq!(json["sprint"]["name"], "ACME Sprint 12");
        let columns = json["columns"].as_array().unwrap();
        assert_eq!(columns.len(), 4);
        let in_progress = &columns[1];
        assert_eq!(in_progress["max"], 3);
        assert!(
            in_progress["issues"]
                .as_array()
                .unwrap()
                .iter()
                .all(|i| i["status"] == "In Progress")
        );
        let cards: usize = columns
            .iter()
            .map(|c| c["issues"].as_array().unwrap().len())
            .sum();
        assert!(cards >= 10, "{cards}");
        let next: Value = serde_json::from_str(
            &ok(
                &[
                    "board",
                    "show",
                    "1",
                    "--sprint",
                    "ACME Sprint 13",
                    "--format",
                    "json",
                ],
                &env,
            )
            .await,
        )
        .unwrap();
        assert_eq!(next["sprint"]["state"], "future");
        let backlog = ok(
            &[
                "board", "show", "1", "--sprint", "backlog", "--format", "csv",
            ],
            &env,
        )
        .await;
        assert!(
            backlog.starts_with("column,key,summary,status,type,priority,assignee,estimate\r\n"),
            "{backlog}"
        );
        assert!(backlog.lines().count() > 2, "{backlog}");
        let kanban = ok(&["board", "show", "OPS Kanban"], &env).await;
        assert!(kanban.starts_with("OPS Kanban (kanban)\n"), "{kanban}");
        assert!(kanban.contains("\nBacklog ("), "{kanban}");
        let no_sprint = jiratty(&["board", "show", "OPS Kanban", "--sprint", "active"], &env).await;
        assert_eq!(no_sprint.code, 2, "{no_sprint:?}");
        let unknown = jiratty(&["board", "show", "1", "--sprint", "Sprint 99"], &env).await;
        assert_eq!(unknown.code, 4, "{unknown:?}");
    }
}
