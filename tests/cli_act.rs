//! Acting on issues from the command line, through the real binary against the demo server in
//! both flavours: `transition` (listing, matching, a required resolution, a comment on the
//! way), `assign` (by name, me, none, auto, a viewer refused), `watch`, and `comment` (add in
//! Markdown, edit, delete), each read back through `issue --format json` or a search.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use jiratty::demo::model::Flavor;
use serde_json::Value;
use support::*;

/// The first issue of `jql`.
async fn first_key(url: &str, flavor: Flavor, jql: &str) -> String {
    let run = jiratty(
        &["search", jql, "--format", "json", "--limit", "1"],
        &alice_env(url, flavor),
    )
    .await;
    assert_eq!(run.code, 0, "{run:?}");
    let rows: Value = serde_json::from_str(&run.stdout).unwrap();
    rows[0]["key"].as_str().unwrap().to_string()
}

async fn issue_json(url: &str, flavor: Flavor, key: &str) -> Value {
    let run = jiratty(&["issue", key, "--format", "json"], &alice_env(url, flavor)).await;
    assert_eq!(run.code, 0, "{run:?}");
    serde_json::from_str(&run.stdout).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transitions_are_listed_matched_and_ask_for_what_the_screen_requires() {
    for flavor in [Flavor::Cloud, Flavor::Dc] {
        let server = demo(flavor).await;
        let url = server.url();
        let env = alice_env(&url, flavor);
        let key = first_key(&url, flavor, "project = ACME AND status = \"In Review\"").await;
        let listed = jiratty(&["transition", &key, "--format", "json"], &env).await;
        assert_eq!(listed.code, 0, "{listed:?}");
        let list: Value = serde_json::from_str(&listed.stdout).unwrap();
        let done = list
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["to"]["name"] == "Done")
            .unwrap();
        assert_eq!(done["required"], serde_json::json!(["resolution"]));
        // Done needs a resolution: named with its choices, nothing sent.
        let missing = jiratty(&["transition", &key, "done"], &env).await;
        assert_eq!(missing.code, 2, "{missing:?}");
        assert!(
            missing
                .stderr
                .contains("needs Resolution: give it with --resolution NAME (one of: "),
            "{}",
            missing.stderr
        );
        let wrong = jiratty(&["transition", &key, "done", "--resolution", "Later"], &env).await;
        assert_eq!(wrong.code, 2);
        assert!(
            wrong.stderr.contains("Resolution cannot be 'Later'"),
            "{}",
            wrong.stderr
        );
        let nowhere = jiratty(&["transition", &key, "Backlog"], &env).await;
        assert_eq!(nowhere.code, 2);
        assert!(
            nowhere.stderr.contains("Jira offers: "),
            "{}",
            nowhere.stderr
        );
        // Given, the issue moves, resolved, with the comment.
        let moved = jiratty(
            &[
                "transition",
                &key,
                "Done",
                "--resolution",
                "won't",
                "--comment",
                "Closing: **not needed**",
            ],
            &env,
        )
        .await;
        assert_eq!(moved.code, 0, "{moved:?}");
        assert_eq!(moved.stdout.trim(), format!("{key} moved to Done (Done)"));
        let issue = issue_json(&url, flavor, &key).await;
        assert_eq!(issue["fields"]["status"]["name"], "Done", "{flavor:?}");
        assert_eq!(issue["fields"]["resolution"]["name"], "Won't Do");
        let text = jiratty(&["issue", &key], &env).await.stdout;
        assert!(text.contains("Closing: not needed"), "{flavor:?}: {text}");
        // And a search sees it.
        let found = first_key(&url, flavor, &format!("key = {key} AND status = Done")).await;
        assert_eq!(found, key);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn assigning_by_name_to_me_to_nobody_and_automatically() {
    for flavor in [Flavor::Cloud, Flavor::Dc] {
        let server = demo(flavor).await;
        let url = server.url();
        let env = alice_env(&url, flavor);
        let key = first_key(&url, flavor, "project = ACME ORDER BY key ASC").await;
        let bob = jiratty(&["assign", &key, "bob", "--format", "json"], &env).await;
        assert_eq!(bob.code, 0, "{flavor:?}: {bob:?}");
        let said: Value = serde_json::from_str(&bob.stdout).unwrap();
        assert_eq!(said["assignee"]["displayName"], "Bob Brown");
        let issue = issue_json(&url, flavor, &key).await;
        assert_eq!(issue["fields"]["assignee"]["displayName"], "Bob Brown");
        let me = jiratty(&["assign", &key, "me"], &env).await;
        assert_eq!(
            me.stdout.trim(),
            format!("{key} assigned to Alice Anderson")
        );
        let none = jiratty(&["assign", &key, "none"], &env).await;
        assert_eq!(none.code, 0, "{none:?}");
        assert!(issue_json(&url, flavor, &key).await["fields"]["assignee"].is_null());
        let auto = jiratty(&["assign", &key, "auto"], &env).await;
        assert_eq!(auto.code, 0, "{auto:?}");
        assert!(!issue_json(&url, flavor, &key).await["fields"]["assignee"].is_null());
        // Dave may only look: not offered, so not found.
        let dave = jiratty(&["assign", &key, "dave"], &env).await;
        assert_eq!(dave.code, 2, "{dave:?}");
        assert!(
            dave.stderr.contains("nobody called 'dave' can be assigned"),
            "{}",
            dave.stderr
        );
        let nobody = jiratty(&["assign", &key, "zzz"], &env).await;
        assert_eq!(nobody.code, 2);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn watching_and_commenting_are_read_back() {
    for flavor in [Flavor::Cloud, Flavor::Dc] {
        let server = demo(flavor).await;
        let url = server.url();
        let env = alice_env(&url, flavor);
        let key = first_key(&url, flavor, "project = OPS ORDER BY key ASC").await;
        let on = jiratty(&["watch", &key, "--format", "json"], &env).await;
        assert_eq!(on.code, 0, "{on:?}");
        let on: Value = serde_json::from_str(&on.stdout).unwrap();
        assert_eq!(on["watching"], true);
        let off = jiratty(&["watch", &key, "--off"], &env).await;
        assert!(
            off.stdout.starts_with(&format!("No longer watching {key}")),
            "{off:?}"
        );
        let issue = issue_json(&url, flavor, &key).await;
        assert_eq!(
            issue["fields"]["watches"]["isWatching"], false,
            "{flavor:?}"
        );

        let added = jiratty(
            &[
                "comment",
                &key,
                "--body",
                "Deployed in **3.2.1**:\n\n- fixed `retry`\n- [docs](https://example.com/d)",
                "--format",
                "json",
            ],
            &env,
        )
        .await;
        assert_eq!(added.code, 0, "{flavor:?}: {added:?}");
        let id = serde_json::from_str::<Value>(&added.stdout).unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string();
        let text = jiratty(&["issue", &key], &env).await.stdout;
        assert!(text.contains("Deployed in 3.2.1:"), "{flavor:?}: {text}");
        assert!(text.contains("fixed retry"), "{text}");
        let edited = jiratty(
            &["comment", "edit", &key, &id, "--body", "Deployed in 3.2.2"],
            &env,
        )
        .await;
        assert_eq!(edited.code, 0, "{edited:?}");
        let text = jiratty(&["issue", &key], &env).await.stdout;
        assert!(
            text.contains("Deployed in 3.2.2") && !text.contains("3.2.1"),
            "{text}"
        );
        let removed = jiratty(&["comment", "rm", &key, &id], &env).await;
        assert_eq!(removed.code, 0, "{removed:?}");
        assert!(
            !jiratty(&["issue", &key], &env)
                .await
                .stdout
                .contains("Deployed in")
        );
        // Someone else's comment: Jira refuses.
        let theirs = issue_json(&url, flavor, &key).await["fields"]["comment"]["comments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["author"]["displayName"] != "Alice Anderson")
            .map(|c| c["id"].as_str().unwrap().to_string());
        if let Some(theirs) = theirs {
            let refused = jiratty(&["comment", "rm", &key, &theirs], &env).await;
            assert_eq!(refused.code, 3, "{flavor:?}: {refused:?}");
        }
        // Nothing to say: nothing sent.
        let empty = jiratty(&["comment", &key, "--body", "  "], &env).await;
        assert_eq!(empty.code, 2);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn adf_goes_to_cloud_only_and_wiki_goes_as_it_is() {
    let adf = r#"{"type":"doc","version":1,"content":[{"type":"paragraph","content":[{"type":"text","text":"raw adf"}]}]}"#;
    let server = demo(Flavor::Cloud).await;
    let env = alice_env(&server.url(), Flavor::Cloud);
    let key = first_key(
        &server.url(),
        Flavor::Cloud,
        "project = DOC ORDER BY key ASC",
    )
    .await;
    let run = jiratty(&["comment", &key, "--input", "adf", "--body", adf], &env).await;
    assert_eq!(run.code, 0, "{run:?}");
    let bad = jiratty(
        &[
            "comment",
            &key,
            "--input",
            "adf",
            "--body",
            "{\"type\":\"p\"}",
        ],
        &env,
    )
    .await;
    assert_eq!(bad.code, 2, "{bad:?}");
    let server = demo(Flavor::Dc).await;
    let env = alice_env(&server.url(), Flavor::Dc);
    let key = first_key(&server.url(), Flavor::Dc, "project = DOC ORDER BY key ASC").await;
    let refused = jiratty(&["comment", &key, "--input", "adf", "--body", adf], &env).await;
    assert_ne!(refused.code, 0);
    assert!(
        refused.stderr.contains("wiki markup, not ADF"),
        "{}",
        refused.stderr
    );
    let wiki = jiratty(
        &["comment", &key, "--input", "wiki", "--body", "*as wiki*"],
        &env,
    )
    .await;
    assert_eq!(wiki.code, 0, "{wiki:?}");
    let text = jiratty(&["issue", &key], &env).await.stdout;
    assert!(text.contains("as wiki"), "{text}");
}
