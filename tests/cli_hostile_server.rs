//! `jiratty search` and `jiratty issue` against a demo server that misbehaves on purpose:
//! each run ends in seconds with what could be got, a one-sentence note or error on stderr,
//! and the documented exit code — never a panic (exit 101) or an endless run.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use jiratty::demo::faults::FaultSpec;
use jiratty::demo::model::Flavor;
use jiratty::demo::quirks::BAD_ISSUE;
use std::time::{Duration, Instant};
use support::*;

async fn hostile(flavor: Flavor, spec: &str) -> jiratty::demo::DemoServer {
    let faults = FaultSpec::parse(spec).expect("a valid fault spec");
    demo_with(flavor, |c| c.faults = faults).await
}

const ACME: &str = "project = ACME ORDER BY key ASC";
/// Every issue of the demo (300, three pages of 100).
const EVERY: &str = "project in (ACME, OPS, DOC) ORDER BY key ASC";

/// Runs jiratty as alice against `server`, with extra environment, within `limit`.
async fn run(
    server: &jiratty::demo::DemoServer,
    flavor: Flavor,
    extra: &[(&str, &str)],
    args: &[&str],
    limit: Duration,
) -> Run {
    let mut env = alice_env(&server.url(), flavor);
    env.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    tokio::time::timeout(limit, jiratty(args, &env))
        .await
        .unwrap_or_else(|_| panic!("jiratty {args:?} did not end within {limit:?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn endless_paging_prints_what_it_got_with_a_note_and_exit_6() {
    for (flavor, spec) in [
        (Flavor::Cloud, "repeat-token"),
        (Flavor::Dc, "ignore-start-at"),
    ] {
        let server = hostile(flavor, spec).await;
        let args = ["search", EVERY, "--limit", "0", "--format", "json"];
        let out = run(&server, flavor, &[], &args, Duration::from_secs(30)).await;
        assert_eq!(out.code, 6, "{spec}: {}", out.stderr);
        let rows: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).expect("JSON rows");
        let mut keys: Vec<&str> = rows.iter().filter_map(|r| r["key"].as_str()).collect();
        // The CLI asks for 100 a page: two pages on Cloud (the second repeated its token), one
        // on Server/DC (the second brought the first again).
        let expected = if flavor == Flavor::Cloud { 200 } else { 100 };
        assert_eq!(keys.len(), expected, "{spec}");
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), rows.len(), "{spec}: no issue twice");
        let lines: Vec<&str> = out.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "{spec}: one note\n{}", out.stderr);
        assert!(
            lines[0].starts_with("jiratty: Stopped paging: "),
            "{}",
            lines[0]
        );
        assert!(
            lines[0].ends_with(&format!("printed the {} issues got so far.", rows.len())),
            "{}",
            lines[0]
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn endless_comments_print_what_was_fetched_and_how_many_were_not() {
    let server = hostile(Flavor::Dc, "endless-comments").await;
    let data = &server.site.data;
    let index = (0..data.issues.len())
        .find(|&i| !data.issues[i].comments.is_empty())
        .expect("an issue with comments");
    let key = data.key(index);
    let out = run(
        &server,
        Flavor::Dc,
        &[],
        &["issue", &key],
        Duration::from_secs(60),
    )
    .await;
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains(&key), "{}", out.stdout);
    assert!(
        out.stderr.contains("of 1,000,000,000,000 comments;")
            && out
                .stderr
                .contains("were not fetched: jiratty fetches at most 5000 comments"),
        "{}",
        out.stderr
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_never_answers_is_given_up_on_at_jiratty_timeout() {
    let server = hostile(Flavor::Cloud, "hang=1").await;
    let started = Instant::now();
    let out = run(
        &server,
        Flavor::Cloud,
        &[("JIRATTY_TIMEOUT", "1.5")],
        &["search", ACME],
        Duration::from_secs(20),
    )
    .await;
    let took = started.elapsed();
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert!(took < Duration::from_secs(10), "{took:?}");
    assert!(
        out.stderr.contains(
            "Gave up waiting for the site's server info from 127.0.0.1 after 1.5 seconds."
        ),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("JIRATTY_TIMEOUT"), "{}", out.stderr);
    // A timeout that is not a number is refused as usage.
    let bad = run(
        &server,
        Flavor::Cloud,
        &[("JIRATTY_TIMEOUT", "soon")],
        &["search", ACME],
        Duration::from_secs(20),
    )
    .await;
    assert_eq!(bad.code, 2, "{}", bad.stderr);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gzip_bomb_and_an_endless_body_end_in_a_size_error() {
    for spec in ["gzip-bomb=1", "endless-body=1"] {
        let server = hostile(Flavor::Dc, spec).await;
        let out = run(
            &server,
            Flavor::Dc,
            &[],
            &["search", ACME],
            Duration::from_secs(30),
        )
        .await;
        assert_eq!(out.code, 6, "{spec}: {}", out.stderr);
        assert!(
            out.stderr
                .contains("grew past 16 MB, more than jiratty reads for one call"),
            "{spec}: {}",
            out.stderr
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn absurd_retry_afters_end_in_a_rate_limit_error_not_a_panic() {
    for raw in ["1e20", "NaN", "-1"] {
        let server = hostile(Flavor::Cloud, &format!("429=1,retry-after-raw={raw}")).await;
        let out = run(
            &server,
            Flavor::Cloud,
            &[],
            &["search", ACME],
            Duration::from_secs(30),
        )
        .await;
        assert_eq!(out.code, 6, "{raw}: {}", out.stderr);
        assert!(
            out.stderr.contains("Jira is rate-limiting requests ("),
            "{raw}: {}",
            out.stderr
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_damaged_issue_is_marked_and_the_rest_printed() {
    for flavor in [Flavor::Cloud, Flavor::Dc] {
        let server = hostile(flavor, "bad-issue").await;
        let bad = server.site.data.key(BAD_ISSUE);
        let args = ["search", ACME, "--limit", "10", "--fields", "labels"];
        let table = run(&server, flavor, &[], &args, Duration::from_secs(30)).await;
        assert_eq!(table.code, 0, "{flavor:?}: {}", table.stderr);
        let lines: Vec<&str> = table.stdout.lines().collect();
        assert_eq!(lines.len(), 11, "a header and ten rows\n{}", table.stdout);
        let marked: Vec<&&str> = lines.iter().filter(|l| l.contains("(!)")).collect();
        assert_eq!(marked.len(), 1, "{}", table.stdout);
        assert!(marked[0].starts_with(&bad), "{}", marked[0]);
        assert!(
            table.stderr.contains(&format!(
                "jiratty: note: in {bad}, labels, priority and status could not be read; the rest is shown (marked (!) in the table)."
            )),
            "{}",
            table.stderr
        );
        let json = run(
            &server,
            flavor,
            &[],
            &["search", ACME, "--limit", "10", "--format", "json"],
            Duration::from_secs(30),
        )
        .await;
        assert_eq!(json.code, 0);
        let rows: Vec<serde_json::Value> = serde_json::from_str(&json.stdout).expect("JSON rows");
        assert_eq!(rows.len(), 10);
        assert!(rows.iter().any(|r| r["key"] == bad.as_str()));
        let one = run(
            &server,
            flavor,
            &[],
            &["issue", &bad, "--format", "json"],
            Duration::from_secs(30),
        )
        .await;
        assert_eq!(one.code, 0, "{}", one.stderr);
        let issue: serde_json::Value = serde_json::from_str(&one.stdout).expect("JSON issue");
        assert_eq!(
            issue["problem"],
            "labels, priority and status could not be read"
        );
        assert!(
            one.stderr.contains(&format!("note: in {bad},")),
            "{}",
            one.stderr
        );
    }
}
