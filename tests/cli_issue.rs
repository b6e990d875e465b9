//! `jiratty issue` through the real binary, and the documented exit codes of every command:
//! 0 success, 2 usage or bad JQL, 3 authentication, 4 not found, 5 network, 6 server. No
//! secret ever reaches stdout or stderr.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use jiratty::demo::faults::FaultSpec;
use jiratty::demo::model::Flavor;
use serde_json::Value;
use support::*;

fn set(mut env: Vec<(String, String)>, name: &str, value: &str) -> Vec<(String, String)> {
    env.retain(|(k, _)| k != name);
    env.push((name.to_string(), value.to_string()));
    env
}

/// The issue with the most comments.
fn busiest(server: &jiratty::demo::DemoServer) -> usize {
    let issues = &server.site.data.issues;
    (0..issues.len())
        .max_by_key(|&i| issues[i].comments.len())
        .expect("issues")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_as_text() {
    for flavor in [Flavor::Cloud, Flavor::Dc] {
        let server = demo(flavor).await;
        let data = &server.site.data;
        let index = busiest(&server);
        let key = data.key(index);
        let issue = &data.issues[index];
        let run = jiratty(
            &["issue", &key, "--format", "text"],
            &alice_env(&server.url(), flavor),
        )
        .await;
        assert_eq!(run.code, 0, "{run:?}");
        let first = run.stdout.lines().next().unwrap_or_default();
        assert_eq!(first, format!("{key}  {}", issue.summary), "{flavor:?}");
        let status = &data.statuses[issue.status as usize].named.name;
        assert!(
            run.stdout
                .lines()
                .any(|l| l.starts_with("Status") && l.ends_with(status.as_str())),
            "{}",
            run.stdout
        );
        assert!(
            run.stdout
                .contains(&format!("{}/browse/{key}", server.url()))
        );
        assert!(run.stdout.contains("\nDescription\n"));
        let comments = issue.comments.len();
        assert!(comments > 0);
        assert!(
            run.stdout.contains(&format!("\nComments ({comments})\n")),
            "{flavor:?}: {}",
            run.stdout
        );
        assert_eq!(
            run.stdout.matches("\n— ").count(),
            comments,
            "{flavor:?}: every comment printed"
        );
        let author = &data.users[issue.comments[0].author as usize].display_name;
        assert!(run.stdout.contains(&format!("— {author} · ")), "{flavor:?}");
        assert!(!run.stdout.contains('\x1b'));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_as_json() {
    for flavor in [Flavor::Cloud, Flavor::Dc] {
        let server = demo(flavor).await;
        let data = &server.site.data;
        let index = busiest(&server);
        let key = data.key(index);
        let run = jiratty(
            &["issue", &key.to_lowercase(), "--format", "json"],
            &alice_env(&server.url(), flavor),
        )
        .await;
        assert_eq!(run.code, 0, "{run:?}");
        let issue: Value = serde_json::from_str(&run.stdout).expect("JSON");
        assert_eq!(issue["key"], key.as_str());
        assert_eq!(
            issue["fields"]["summary"],
            data.issues[index].summary.as_str()
        );
        let comments = issue["fields"]["comment"]["comments"]
            .as_array()
            .expect("comments");
        assert_eq!(comments.len(), data.issues[index].comments.len());
        assert_eq!(issue["names"]["summary"], "Summary", "names are expanded");
        // It is the client's model, so it reads back.
        let model: jiratty::jira::Issue = serde_json::from_str(&run.stdout).expect("the model");
        assert_eq!(model.key, key);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exit_codes_by_class() {
    let server = demo(Flavor::Dc).await;
    let env = alice_env(&server.url(), Flavor::Dc);
    let ok = jiratty(&["search", "project = ACME", "--limit", "1"], &env).await;
    assert_eq!(ok.code, 0, "{ok:?}");
    let ok = jiratty(&["issue", "ACME-1"], &env).await;
    assert_eq!(ok.code, 0, "{ok:?}");

    let bad_jql = jiratty(&["search", "project = ACME AND\nstatus ~~ x"], &env).await;
    assert_eq!(bad_jql.code, 2, "{bad_jql:?}");
    assert!(
        bad_jql.stderr.contains("(line 2, character 9)"),
        "{}",
        bad_jql.stderr
    );
    let unknown_flag = jiratty(&["search", "project = ACME", "--no-such-flag"], &env).await;
    assert_eq!(unknown_flag.code, 2, "{unknown_flag:?}");
    let no_site = jiratty(
        &["search", "project = ACME"],
        &set(env.clone(), "JIRATTY_SITE", ""),
    )
    .await;
    assert_eq!(no_site.code, 2, "{no_site:?}");
    assert!(no_site.stderr.contains("JIRATTY_SITE"));

    let wrong = jiratty(
        &["search", "project = ACME"],
        &set(env.clone(), "JIRATTY_SECRET", "wrong-pat"),
    )
    .await;
    assert_eq!(wrong.code, 3, "{wrong:?}");
    assert!(
        wrong.stderr.contains("personal access token"),
        "{}",
        wrong.stderr
    );

    let missing = jiratty(&["issue", "ACME-99999"], &env).await;
    assert_eq!(missing.code, 4, "{missing:?}");

    let closed = format!("http://127.0.0.1:{}", closed_port());
    let network = jiratty(
        &["search", "project = ACME"],
        &set(env.clone(), "JIRATTY_SITE", &closed),
    )
    .await;
    assert_eq!(network.code, 5, "{network:?}");
    let network = jiratty(
        &["issue", "ACME-1"],
        &set(env.clone(), "JIRATTY_SITE", &closed),
    )
    .await;
    assert_eq!(network.code, 5, "{network:?}");

    let faults = FaultSpec::parse("503=1,retry-after=0").expect("spec");
    let failing = demo_with(Flavor::Dc, |c| c.faults = faults).await;
    let server_error = jiratty(
        &["search", "project = ACME"],
        &alice_env(&failing.url(), Flavor::Dc),
    )
    .await;
    assert_eq!(server_error.code, 6, "{server_error:?}");
    assert!(
        server_error.stderr.contains("503"),
        "{}",
        server_error.stderr
    );
    let server_error = jiratty(&["issue", "ACME-1"], &alice_env(&failing.url(), Flavor::Dc)).await;
    assert_eq!(server_error.code, 6, "{server_error:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn auth_failures_on_cloud_exit_3_with_a_hint() {
    let server = demo(Flavor::Cloud).await;
    let env = set(
        alice_env(&server.url(), Flavor::Cloud),
        "JIRATTY_SECRET",
        PASSWORD,
    );
    let run = jiratty(&["search", "project = ACME"], &env).await;
    assert_eq!(run.code, 3, "{run:?}");
    assert!(run.stderr.contains("id.atlassian.com"), "{}", run.stderr);
    let run = jiratty(&["issue", "ACME-1"], &set(env, "JIRATTY_USER", "alice")).await;
    assert_eq!(run.code, 3, "{run:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn insecure_http_is_refused_by_the_cli() {
    let env = set(
        alice_env("http://jira.example.com", Flavor::Dc),
        "JIRATTY_SECRET",
        "pat-for-insecure",
    );
    let run = jiratty(&["search", "project = ACME"], &env).await;
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("plain http://") && run.stderr.contains("--allow-insecure-http"),
        "{}",
        run.stderr
    );
    assert!(!run.all().contains("pat-for-insecure"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_in_any_output() {
    let secret = "s3cret-Value-4711";
    let cloud = demo(Flavor::Cloud).await;
    let dc = demo(Flavor::Dc).await;
    let faults = FaultSpec::parse("truncate=1").expect("spec");
    let truncating = demo_with(Flavor::Dc, |c| c.faults = faults).await;
    let sso = demo_with(Flavor::Dc, |c| {
        c.faults = FaultSpec::parse("sso=1").expect("spec")
    })
    .await;
    let closed = format!("http://127.0.0.1:{}", closed_port());
    let mut runs = Vec::new();
    let envs = [
        alice_env(&cloud.url(), Flavor::Cloud),
        alice_env(&dc.url(), Flavor::Dc),
        alice_env(&truncating.url(), Flavor::Dc),
        alice_env(&sso.url(), Flavor::Dc),
        alice_env(&closed, Flavor::Dc),
    ];
    for env in envs {
        let env = set(env, "JIRATTY_SECRET", secret);
        for args in [
            &["search", "project = ACME"][..],
            &["issue", "ACME-1", "--format", "json"][..],
        ] {
            runs.push(jiratty(args, &env).await);
        }
        let mut session = set(env.clone(), "JIRATTY_AUTH", "session");
        session = set(session, "JIRATTY_USER", "alice");
        runs.push(jiratty(&["search", "project = ACME"], &session).await);
    }
    // The right secrets, on success.
    let env = alice_env(&cloud.url(), Flavor::Cloud);
    runs.push(jiratty(&["search", "project = ACME", "--format", "json"], &env).await);
    let env = set(
        set(alice_env(&dc.url(), Flavor::Dc), "JIRATTY_AUTH", "password"),
        "JIRATTY_USER",
        "alice",
    );
    let env = set(env, "JIRATTY_SECRET", PASSWORD);
    runs.push(jiratty(&["issue", "ACME-1", "--format", "json"], &env).await);
    // The right secrets with bodies cut short (excerpts of unexpected answers) and server errors.
    runs.push(
        jiratty(
            &["search", "project = ACME"],
            &alice_env(&truncating.url(), Flavor::Dc),
        )
        .await,
    );
    let unavailable = demo_with(Flavor::Dc, |c| {
        c.faults = FaultSpec::parse("503=1,retry-after=0").expect("spec")
    })
    .await;
    runs.push(
        jiratty(
            &["issue", "ACME-1"],
            &alice_env(&unavailable.url(), Flavor::Dc),
        )
        .await,
    );
    for run in &runs {
        assert_ne!(run.code, -1, "{run:?}");
        for s in [secret, CLOUD_TOKEN, PASSWORD, PAT] {
            assert!(!run.all().contains(s), "{s} leaked: {run:?}");
        }
        assert!(
            !run.all().to_lowercase().contains("authorization"),
            "{run:?}"
        );
    }
    let codes: Vec<i32> = runs.iter().map(|r| r.code).collect();
    assert!(
        [0, 3, 5, 6].iter().all(|c| codes.contains(c)),
        "successes and failures of each kind: {codes:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn self_signed_site_needs_ca_cert_flag() {
    let server = demo(Flavor::Dc).await;
    let front = tls_front(server.addr).await;
    let env = alice_env(&front.url, Flavor::Dc);
    let refused = jiratty(&["search", "project = ACME", "--limit", "3"], &env).await;
    assert_eq!(refused.code, 5, "{refused:?}");
    assert!(refused.stderr.contains("--ca-cert"), "{}", refused.stderr);
    let pem = front.ca_pem.to_str().expect("a UTF-8 path");
    let trusted = jiratty(
        &[
            "search",
            "project = ACME",
            "--limit",
            "3",
            "--ca-cert",
            pem,
            "--format",
            "json",
        ],
        &env,
    )
    .await;
    assert_eq!(trusted.code, 0, "{trusted:?}");
    let rows: Value = serde_json::from_str(&trusted.stdout).expect("JSON");
    assert_eq!(rows.as_array().map(Vec::len), Some(3));
    assert!(
        rows[0]["url"]
            .as_str()
            .is_some_and(|u| u.starts_with(&front.url)),
        "{rows}"
    );
}
