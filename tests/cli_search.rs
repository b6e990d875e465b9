//! `jiratty search` through the real binary against an in-process demo server: the table fits
//! COLUMNS, the JSON array has exactly the documented keys, CSV is RFC 4180, `--limit` and
//! `--fields` work, on both flavours.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use jiratty::demo::model::Flavor;
use serde_json::Value;
use support::*;
use unicode_width::UnicodeWidthStr;

const ACME: &str = "project = ACME ORDER BY key ASC";
const DOCUMENTED: [&str; 8] = [
    "key", "summary", "status", "type", "priority", "assignee", "updated", "url",
];

fn with(mut env: Vec<(String, String)>, name: &str, value: &str) -> Vec<(String, String)> {
    env.push((name.to_string(), value.to_string()));
    env
}

async fn json_rows(args: &[&str], env: &[(String, String)]) -> Vec<Value> {
    let run = jiratty(args, env).await;
    assert_eq!(run.code, 0, "{run:?}");
    let value: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", run.stdout));
    value.as_array().expect("a JSON array").clone()
}

/// Parses RFC 4180 CSV: records end with CRLF, quoted fields may hold commas, quotes ("")
/// and line breaks. Panics on anything else.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut at_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => {
                    quoted = false;
                    assert!(
                        matches!(chars.peek(), Some(',') | Some('\r') | None),
                        "text after a closing quote"
                    );
                }
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if at_start => {
                quoted = true;
                at_start = false;
            }
            '"' => panic!("a bare quote inside an unquoted field: {field}"),
            ',' => {
                record.push(std::mem::take(&mut field));
                at_start = true;
            }
            '\r' => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                at_start = true;
            }
            '\n' => panic!("a bare LF ends a record"),
            c => {
                field.push(c);
                at_start = false;
            }
        }
    }
    assert!(
        field.is_empty() && record.is_empty(),
        "the last record ends with CRLF"
    );
    records
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn table_fits_80_columns() {
    for flavor in [Flavor::Cloud, Flavor::Dc] {
        let server = demo(flavor).await;
        let env = with(alice_env(&server.url(), flavor), "COLUMNS", "80");
        let run = jiratty(&["search", ACME], &env).await;
        assert_eq!(run.code, 0, "{run:?}");
        let lines: Vec<&str> = run.stdout.lines().collect();
        assert!(
            lines[0].starts_with("KEY") && lines[0].contains("SUMMARY"),
            "{}",
            lines[0]
        );
        assert_eq!(lines.len(), 51, "a header and the default limit of 50");
        for line in &lines {
            assert!(
                line.width() <= 80,
                "{flavor:?}: {} columns: {line:?}",
                line.width()
            );
        }
        assert!(lines[1].starts_with("ACME-"), "{}", lines[1]);
        assert!(
            !run.stdout.contains('\x1b'),
            "no colour when not a terminal"
        );
        let wide = jiratty(
            &["search", ACME, "--limit", "5"],
            &with(env.clone(), "COLUMNS", "200"),
        )
        .await;
        assert!(wide.stdout.lines().all(|l| l.width() <= 200));
        assert!(
            wide.stdout
                .lines()
                .next()
                .is_some_and(|h| h.contains("ASSIGNEE")),
            "{}",
            wide.stdout
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_has_exactly_the_documented_keys() {
    for flavor in [Flavor::Cloud, Flavor::Dc] {
        let server = demo(flavor).await;
        let env = alice_env(&server.url(), flavor);
        let rows = json_rows(&["search", ACME, "--format", "json", "--limit", "20"], &env).await;
        assert_eq!(rows.len(), 20);
        for row in &rows {
            let object = row.as_object().expect("an object");
            let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
            keys.sort_unstable();
            let mut documented = DOCUMENTED.to_vec();
            documented.sort_unstable();
            assert_eq!(keys, documented, "{flavor:?}");
            let key = row["key"].as_str().expect("key");
            let index = server.site.data.find_issue(key).expect("a real issue");
            assert_eq!(
                row["summary"],
                server.site.data.issues[index].summary.as_str()
            );
            assert_eq!(
                row["url"],
                format!("{}/browse/{key}", server.url()).as_str()
            );
            assert!(row["status"].as_str().is_some_and(|s| !s.is_empty()));
            assert!(row["assignee"].is_string() || row["assignee"].is_null());
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn limit_zero_means_all_and_limits_cut() {
    for flavor in [Flavor::Cloud, Flavor::Dc] {
        let server = demo(flavor).await;
        let env = alice_env(&server.url(), flavor);
        let all = json_rows(&["search", ACME, "--format", "json", "--limit", "0"], &env).await;
        assert_eq!(all.len(), project_count(&server, "ACME"), "{flavor:?}");
        let seven = json_rows(&["search", ACME, "--format", "json", "--limit", "7"], &env).await;
        assert_eq!(seven.len(), 7);
        assert_eq!(seven[..], all[..7], "{flavor:?}: the first seven");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn csv_is_rfc_4180() {
    for flavor in [Flavor::Cloud, Flavor::Dc] {
        let server = demo(flavor).await;
        let env = alice_env(&server.url(), flavor);
        let everything = "project in (ACME, OPS, DOC) ORDER BY key ASC";
        let run = jiratty(
            &["search", everything, "--format", "csv", "--limit", "0"],
            &env,
        )
        .await;
        assert_eq!(run.code, 0, "{run:?}");
        assert!(run.stdout.ends_with("\r\n"));
        let records = parse_csv(&run.stdout);
        assert_eq!(records[0], DOCUMENTED, "{flavor:?}: the header row");
        let rows = json_rows(
            &["search", everything, "--format", "json", "--limit", "0"],
            &env,
        )
        .await;
        assert_eq!(records.len(), rows.len() + 1);
        for (record, row) in records[1..].iter().zip(&rows) {
            let expected: Vec<String> = DOCUMENTED
                .iter()
                .map(|k| row[*k].as_str().unwrap_or_default().to_string())
                .collect();
            assert_eq!(record, &expected, "{flavor:?}");
        }
        let quoted = records
            .iter()
            .filter(|r| r[1].contains('"') && r[1].contains(' '))
            .count();
        assert!(
            quoted > 0,
            "{flavor:?}: some summaries need quoting, so quoting was tested"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn extra_fields_are_fetched_and_printed() {
    let server = demo(Flavor::Dc).await;
    let data = &server.site.data;
    let env = alice_env(&server.url(), Flavor::Dc);
    let labelled = "project = ACME AND labels is not EMPTY ORDER BY key ASC";
    let rows = json_rows(
        &[
            "search", labelled, "--format", "json", "--fields", "labels", "--limit", "10",
        ],
        &env,
    )
    .await;
    assert!(!rows.is_empty());
    for row in &rows {
        let index = data
            .find_issue(row["key"].as_str().expect("key"))
            .expect("issue");
        let expected = data.issues[index].labels.join(", ");
        assert_eq!(row["fields"]["labels"], expected.as_str(), "{row}");
    }
    let run = jiratty(
        &[
            "search", labelled, "--format", "csv", "--fields", "labels", "--limit", "3",
        ],
        &env,
    )
    .await;
    let records = parse_csv(&run.stdout);
    assert_eq!(records[0].last().map(String::as_str), Some("labels"));
    assert!(
        records[1..]
            .iter()
            .all(|r| r.len() == 9 && !r[8].is_empty())
    );
    let env = with(env, "COLUMNS", "160");
    let run = jiratty(
        &["search", labelled, "--fields", "labels", "--limit", "3"],
        &env,
    )
    .await;
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout
            .lines()
            .next()
            .is_some_and(|h| h.to_lowercase().contains("labels")),
        "{}",
        run.stdout
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_matches_is_success() {
    let server = demo(Flavor::Cloud).await;
    let env = alice_env(&server.url(), Flavor::Cloud);
    let none = "project = ACME AND summary ~ \"zzqqxxnomatch\"";
    let run = jiratty(&["search", none], &env).await;
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "No issues match.\n"),
        "{run:?}"
    );
    assert!(
        json_rows(&["search", none, "--format", "json"], &env)
            .await
            .is_empty()
    );
    let csv = jiratty(&["search", none, "--format", "csv"], &env).await;
    assert_eq!(
        parse_csv(&csv.stdout),
        vec![DOCUMENTED.map(String::from).to_vec()]
    );
}
