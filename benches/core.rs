//! Micro-benchmarks of jiratty's hot paths, run with `cargo bench --bench core`.
//!
//! Groups (names are stable, so figures can be compared across commits):
//!
//! - `list_render/{1000,10000,100000}`: one `terminal.draw` of the issue list screen
//!   (`jiratty::ui::draw`) into a 120x40 ratatui `TestBackend`, with N loaded rows and the
//!   selection in the middle of the list. Target: ≤ 2 ms per frame at 100k rows.
//! - `rich_text/*`: the rich-text model. `adf_md_json` is `from_adf` + `layout` at width 100 of
//!   the large real ADF document `../shared/fixtures/jira/jira-cli/md.json` (already parsed as
//!   JSON); `adf_parse` and `layout` are its two halves; `wiki_md_json` is `from_wiki` +
//!   `layout` of that document converted to wiki markup by `adf_to_wiki`. These are skipped, with
//!   a note, when the fixture is missing. `wiki_large` is `from_wiki` + `layout` of a ~20 KB
//!   hand-written wiki document (headings, lists, tables, code, panels, quotes, links).
//! - `detail/{build,draw}`: an issue with the large wiki description and 20 comments (the ADF
//!   fixture): laying the whole issue out (what each frame and key cost when nothing was kept)
//!   and one frame drawn from the kept layout.
//! - `detail_hostile/{links_100k,table_150k_rows}`: what the detail view lays out off the UI
//!   thread for a hostile issue — 2,000 comments of 50 links, a 150,000-row table.
//! - `jql_lex/{short,long}`: `jql::lexer::lex` on the default query and on a ~2 KB query.
//! - `page_decode/{issues_100,lean_100,rows_100}`: a 100-issue Cloud `search/jql` page, captured
//!   once at start-up from the in-process demo server, decoded from its raw bytes into the full
//!   `Issue` model (what the TUI decoded before) and into the lean `ListIssue` (what it decodes
//!   now), then turned into compact list rows with `Row::from_list_issue`.
//! - `quick_filter/100000/{acme12,login}`: one `refilter` searching all of 100k loaded rows (the
//!   first key typed into the `/` filter); `narrow_login`: typing on, a keystroke that narrows
//!   the last matches instead of searching all rows.
//!
//! Sample counts and times are kept small so the whole run takes a couple of minutes on a
//! two-core machine; criterion's command-line flags override them.

// Benchmark code: a failed unwrap or a panic stops a benchmark whose set-up broke.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::hint::black_box;
use std::time::Duration;

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde::Deserialize;

use jiratty::app::input::LineInput;
use jiratty::app::keymap::Keymap;
use jiratty::app::state::{
    Category, DEFAULT_JQL, DetailView, Names, Phase, QuickFilter, Row, Screen, Session, State,
};
use jiratty::jira::list_issue::{CategoryKey, ListFields, ListStatus, ListUser, Named};
use jiratty::jira::{Deployment, Issue, ListIssue};
use jiratty::text::rich::{Theme, from_adf, from_wiki, layout};

/// The terminal size of the list benchmark.
const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;
/// The width rich text is laid out to.
const TEXT_WIDTH: usize = 100;

/// A small deterministic generator (xorshift), so every run draws the same rows.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// The fixed "now" relative dates are shown against.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, 0)
        .single()
        .expect("a valid fixed date")
}

/// A summary of 30–90 characters, some with non-ASCII text.
fn summary(rng: &mut Rng) -> String {
    const VERBS: &[&str] = &[
        "Fix",
        "Investigate",
        "Refactor",
        "Add",
        "Remove",
        "Document",
        "Speed up",
        "Migrate",
    ];
    const THINGS: &[&str] = &[
        "login redirect",
        "password reset e-mail",
        "billing export",
        "search pagination",
        "webhook retries",
        "dashboard gadget",
        "Überprüfung der Rechnungen",
        "café menu sync",
        "検索結果の表示",
        "SSO callback",
        "CSV import",
        "rate limiter",
    ];
    const TAILS: &[&str] = &[
        "on Safari 17",
        "for EU customers",
        "when the session expires",
        "after the 3.2 upgrade",
        "in the mobile app",
        "behind the corporate proxy",
        "with more than 10k rows",
        "— reported by support 🚑",
        "(regression)",
        "for accounts with 2FA enabled",
    ];
    let mut s = format!(
        "{} {} {}",
        rng.pick(VERBS),
        rng.pick(THINGS),
        rng.pick(TAILS)
    );
    while s.chars().count() < 30 {
        s.push_str(" and ");
        s.push_str(rng.pick(THINGS));
    }
    if rng.below(3) == 0 {
        s.push_str(", ");
        s.push_str(rng.pick(TAILS));
    }
    if s.chars().count() > 90 {
        s = s.chars().take(90).collect();
    }
    s
}

/// `n` realistic search results: keys of a few projects (`ACME-12345`), varied columns.
fn issues(n: usize) -> Vec<ListIssue> {
    const PROJECTS: &[&str] = &["ACME", "ACME", "ACME", "OPS", "WEB", "PLATFORM"];
    const STATUSES: &[(&str, Category)] = &[
        ("To Do", Category::New),
        ("Backlog", Category::New),
        ("In Progress", Category::InProgress),
        ("In Review", Category::InProgress),
        ("Done", Category::Done),
        ("Won't Do", Category::Other),
    ];
    const TYPES: &[&str] = &["Bug", "Story", "Task", "Epic", "Sub-task"];
    const PRIORITIES: &[&str] = &["Highest", "High", "Medium", "Low", "Lowest"];
    const PEOPLE: &[&str] = &[
        "Alice Anderson",
        "Bob Brown",
        "Carol Castañeda",
        "Đorđe Petrović",
        "Zoë Müller-Lüdenscheidt",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let zone = FixedOffset::east_opt(3600).expect("a valid offset");
    let now = now().with_timezone(&zone);
    (0..n)
        .map(|i| {
            let (status, category) = STATUSES[rng.below(STATUSES.len())];
            let assignee = (rng.below(5) != 0).then(|| rng.pick(PEOPLE).to_string());
            let age = rng.below(400 * 86_400) as i64;
            ListIssue {
                key: format!("{}-{}", rng.pick(PROJECTS), 1 + i),
                fields: ListFields {
                    summary: summary(&mut rng),
                    status: Some(ListStatus {
                        name: status.to_string(),
                        status_category: Some(CategoryKey {
                            key: category_key(category).to_string(),
                        }),
                    }),
                    issuetype: Some(Named {
                        name: rng.pick(TYPES).to_string(),
                    }),
                    priority: Some(Named {
                        name: rng.pick(PRIORITIES).to_string(),
                    }),
                    assignee: assignee.map(|a| ListUser {
                        display_name: a,
                        ..ListUser::default()
                    }),
                    updated: (now - chrono::TimeDelta::seconds(age)).to_rfc3339(),
                },
                ..ListIssue::default()
            }
        })
        .collect()
}

/// The status category key Jira sends for `category`.
fn category_key(category: Category) -> &'static str {
    match category {
        Category::New => "new",
        Category::InProgress => "indeterminate",
        Category::Done => "done",
        Category::Other => "undefined",
    }
}

/// A logged-in state on the list screen with the rows of `issues` loaded.
fn list_state(issues: Vec<ListIssue>) -> State {
    let mut state = State::new(Screen::List, DEFAULT_JQL, Keymap::default_map(), now());
    state.size = (WIDTH, HEIGHT);
    state.session = Some(Session {
        site: "https://acme.atlassian.net".to_string(),
        user: "Alice Anderson".to_string(),
        deployment: Some(Deployment::Cloud),
    });
    state.list.total = Some(issues.len() as u64);
    state.list.push_rows(issues, Row::from_list_issue);
    state
}

fn list_render(c: &mut Criterion) {
    let mut group = c.benchmark_group("list_render");
    for n in [1_000usize, 10_000, 100_000] {
        let mut state = list_state(issues(n));
        // Selection in the middle, scrolled as `update` would keep it: centred on screen.
        let height = state.list_height();
        state.list.selected = n / 2;
        state.list.offset = n / 2 - height / 2;
        let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal");
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| {
                terminal
                    .draw(|frame| jiratty::ui::draw(frame, black_box(&state)))
                    .expect("drawing into a test backend");
            })
        });
    }
    group.finish();
}

/// The large real ADF document, if the shared fixtures are there.
fn md_json() -> Option<serde_json::Value> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/fixtures/jira/jira-cli/md.json"
    );
    match std::fs::read_to_string(path) {
        Ok(text) => match serde_json::from_str(&text) {
            Ok(value) => Some(value),
            Err(e) => {
                eprintln!("note: {path} is not JSON ({e}); skipping the ADF benchmarks");
                None
            }
        },
        Err(e) => {
            eprintln!("note: cannot read {path} ({e}); skipping the ADF benchmarks");
            None
        }
    }
}

/// One section of the hand-written wiki document; `{n}` is the section number.
const WIKI_SECTION: &str = r#"h1. Release {n}: payment service migration

This section describes *release {n}* of the _payment service_ migration, with -old- +new+ behaviour,
{{monospace}} names, a [link to the runbook|https://wiki.example.com/display/OPS/Runbook+{n}] and a
mention of [~alice]. Non-ASCII text: Überprüfung, café, 検索結果, emoji 🚀 and {color:red}red text{color}.

h2. Steps

# Drain the traffic from the old cluster
# Switch the DNS record to the new load balancer
## Wait for the TTL (300 s) to expire
## Check the dashboards for *5xx* errors
### Roll back if the error rate exceeds 1 %
# Announce the change in #ops

* Owner: Bob Brown
* Reviewers:
** Carol Castañeda
** Đorđe Petrović
* Ticket: ACME-{n}

h3. Timings

||Step||Owner||Duration||Notes||
|Drain|Bob|5 min|Watch the _queue depth_|
|DNS|Alice|1 min|TTL 300 s|
|Verify|Carol|15 min|See [dashboard|https://grafana.example.com/d/{n}]|
|Rollback|Bob|10 min|Only if needed; *never* during peak hours|

{code:java}
public final class PaymentRouter {
    private final Map<String, Backend> backends = new HashMap<>();

    public Backend route(String accountId) {
        // Release {n}: accounts move in batches of 1,000.
        int bucket = Math.floorMod(accountId.hashCode(), 1000);
        return bucket < cutover ? backends.get("new") : backends.get("old");
    }
}
{code}

{panel:title=Before you start|borderStyle=dashed}
Make sure the *feature flag* {{payments.router.v2}} is off in production.
* Check the flag in LaunchDarkly
* Confirm with the on-call engineer
{panel}

{note}
The old cluster stays up for two weeks after release {n}; do not delete it.
{note}

{info}
Questions go to the #payments channel.
{info}

bq. "Move fast, but do not break payments." — the SRE handbook

{quote}
We saw a 0.3 % error spike during the last migration; it came from retries without jitter.
{quote}

{noformat}
2026-11-29T12:00:00Z INFO router cutover=250 errors=0
2026-11-29T12:05:00Z WARN router cutover=500 errors=3 (retrying)
{noformat}

----

"#;

/// A ~20 KB wiki document made of numbered copies of [`WIKI_SECTION`].
fn wiki_large() -> String {
    let mut out = String::new();
    let mut n = 1;
    while out.len() < 20_000 {
        out.push_str(&WIKI_SECTION.replace("{n}", &n.to_string()));
        n += 1;
    }
    out
}

fn rich_text(c: &mut Criterion) {
    let theme = Theme::default();
    let mut group = c.benchmark_group("rich_text");
    if let Some(md) = md_json() {
        group.bench_function("adf_md_json", |b| {
            b.iter(|| layout(&from_adf(black_box(&md)), TEXT_WIDTH, &theme))
        });
        group.bench_function("adf_parse", |b| b.iter(|| from_adf(black_box(&md))));
        let doc = from_adf(&md);
        group.bench_function("layout", |b| {
            b.iter(|| layout(black_box(&doc), TEXT_WIDTH, &theme))
        });
        let wiki = jiratty::text::adf::adf_to_wiki(&md, &|_| None);
        eprintln!("note: md.json as wiki markup is {} bytes", wiki.len());
        group.bench_function("wiki_md_json", |b| {
            b.iter(|| layout(&from_wiki(black_box(&wiki)), TEXT_WIDTH, &theme))
        });
    }
    let wiki = wiki_large();
    eprintln!("note: the large wiki document is {} bytes", wiki.len());
    group.throughput(Throughput::Bytes(wiki.len() as u64));
    group.bench_function("wiki_large", |b| {
        b.iter(|| layout(&from_wiki(black_box(&wiki)), TEXT_WIDTH, &theme))
    });
    group.finish();
}

/// The detail screen of an issue with the large wiki description and 20 comments (the ADF
/// fixture, or a paragraph when it is missing): `build` lays the whole issue out (what every
/// frame and every key cost before the layout was kept), `draw` is a frame drawn from the kept
/// layout (what they cost now).
fn detail(c: &mut Criterion) {
    let comment_body = md_json().unwrap_or_else(|| {
        serde_json::json!({"type": "doc", "version": 1, "content": [{"type": "paragraph",
            "content": [{"type": "text", "text": "A comment."}]}]})
    });
    let comments: Vec<serde_json::Value> = (0..20)
        .map(|i| {
            serde_json::json!({"id": i.to_string(), "author": {"displayName": "Bob Brown"},
                "body": comment_body, "created": "2024-05-01T09:00:00.000+0000"})
        })
        .collect();
    let issue: Issue = serde_json::from_value(serde_json::json!({
        "id": "1", "key": "ACME-1",
        "fields": {
            "summary": "A long issue", "status": {"name": "In Progress"},
            "description": wiki_large(),
            "comment": {"startAt": 0, "maxResults": 20, "total": 20, "comments": comments}
        }
    }))
    .expect("the issue decodes");
    let mut state = list_state(issues(10));
    let mut view = DetailView::new("ACME-1".into(), Vec::new());
    view.phase = Phase::Idle;
    view.issue = Some(std::sync::Arc::new(issue));
    view.version = 1;
    let width = WIDTH - 2;
    view.layout = jiratty::app::detail_layout::build(&view, state.now, width, false);
    eprintln!(
        "note: the issue is {} lines at {width} columns",
        view.layout.lines.len()
    );
    let mut group = c.benchmark_group("detail");
    group.bench_function("build", |b| {
        b.iter(|| jiratty::app::detail_layout::build(black_box(&view), state.now, width, false))
    });
    view.scroll = view.layout.lines.len() / 2;
    state.screen = Screen::Detail(Box::new(view));
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal");
    group.bench_function("draw", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| jiratty::ui::draw(frame, black_box(&state)))
                .expect("drawing into a test backend");
        })
    });
    group.finish();
}

/// A hostile issue's layout, as the detail view builds it off the UI thread: 2,000 comments of
/// 50 links each (100,000 links, one numbering) and a 150,000-row table (500 rows shown).
fn detail_hostile(c: &mut Criterion) {
    let link = |i: usize, c: usize| {
        serde_json::json!({"type": "text", "text": format!("l{i} "), "marks": [{"type": "link",
            "attrs": {"href": format!("https://x.test/{c}/{i}")}}]})
    };
    let comments: Vec<serde_json::Value> = (0..2_000)
        .map(|c| {
            let content: Vec<serde_json::Value> = (0..50).map(|i| link(i, c)).collect();
            serde_json::json!({"id": c.to_string(), "author": {"displayName": "Bob"},
                "created": "2024-05-01T09:00:00.000+0000",
                "body": {"type": "doc", "version": 1,
                    "content": [{"type": "paragraph", "content": content}]}})
        })
        .collect();
    let cell = |r: usize, c: usize| {
        serde_json::json!({"type": "tableCell", "content": [{"type": "paragraph",
            "content": [{"type": "text", "text": format!("row {r} cell {c} some words")}]}]})
    };
    let rows: Vec<serde_json::Value> = (0..150_000)
        .map(|r| {
            let cells: Vec<serde_json::Value> = (0..4).map(|c| cell(r, c)).collect();
            serde_json::json!({"type": "tableRow", "content": cells})
        })
        .collect();
    let table = serde_json::json!({"type": "doc", "version": 1,
        "content": [{"type": "table", "content": rows}]});
    let view = |description: serde_json::Value, comments: Vec<serde_json::Value>| {
        let total = comments.len();
        let issue: Issue = serde_json::from_value(serde_json::json!({
            "id": "1", "key": "ACME-1",
            "fields": {"summary": "Hostile", "description": description,
                "comment": {"startAt": 0, "maxResults": total, "total": total,
                    "comments": comments}}
        }))
        .expect("the issue decodes");
        let mut view = DetailView::new("ACME-1".into(), Vec::new());
        view.issue = Some(std::sync::Arc::new(issue));
        view
    };
    let links = view(serde_json::Value::Null, comments);
    let table = view(table, Vec::new());
    let mut group = c.benchmark_group("detail_hostile");
    group.sample_size(10);
    for (name, view) in [("links_100k", &links), ("table_150k_rows", &table)] {
        group.bench_function(name, |b| {
            b.iter(|| jiratty::app::detail_layout::build(black_box(view), now(), WIDTH - 2, false))
        });
    }
    group.finish();
}

/// A ~2 KB query with many clauses, functions, strings and lists.
fn long_jql() -> String {
    let clauses = [
        r#"project in (ACME, OPS, WEB, "Platform Team", PLATFORM)"#,
        r#"issuetype in (Bug, Story, "Sub-task", Epic) AND status not in (Done, "Won't Do", Closed)"#,
        r#"(assignee = currentUser() OR reporter = currentUser() OR watcher = currentUser())"#,
        r#"priority in (Highest, High) AND resolution = Unresolved"#,
        r#"labels in ("customer-facing", regression, "hot fix", security) AND labels not in (wontfix)"#,
        r#"created >= -30d AND updated >= startOfWeek(-2) AND duedate <= endOfMonth()"#,
        r#"summary ~ "login redirect" AND description !~ "duplicate of""#,
        r#"text ~ "Überprüfung der Rechnungen" OR comment ~ 'café menu'"#,
        r#"cf[10010] = 42 AND cf[10020] in (1, 2, 3, 5, 8, 13) AND "Story Points" > 3"#,
        r#"sprint in openSprints() AND sprint not in closedSprints()"#,
        r#"fixVersion in unreleasedVersions(ACME) AND affectedVersion = "3.2.0""#,
        r#"component in componentsLeadByUser(alice) AND parent in (ACME-100, ACME-200, ACME-300)"#,
        r#"issue in linkedIssues(ACME-12345, "is blocked by") AND key != ACME-12345"#,
        r#"assignee was in (bob, carol) DURING ("2026/01/01", "2026/06/30")"#,
        r#"status changed FROM "In Progress" TO Done AFTER -14d BY membersOf("jira-developers")"#,
        r#"(environment is EMPTY OR environment ~ "Safari 17") AND attachments is not EMPTY"#,
        r#"team = "Payments" AND "Epic Link" = ACME-1 AND timespent > 4h AND remainingEstimate < 2d"#,
        r#"organization in ("Acme Corp", "Globex") AND "Request Type" = "Report a bug""#,
    ];
    let mut jql = String::new();
    let mut i = 0;
    while jql.len() < 2_000 {
        if !jql.is_empty() {
            jql.push_str(if i % 3 == 2 { " OR " } else { " AND " });
        }
        jql.push_str(clauses[i % clauses.len()]);
        i += 1;
    }
    jql.push_str(" ORDER BY priority DESC, updated DESC, key ASC");
    jql
}

fn jql_lex(c: &mut Criterion) {
    let mut group = c.benchmark_group("jql_lex");
    group.bench_function("short", |b| {
        b.iter(|| jiratty::jql::lexer::lex(black_box(DEFAULT_JQL)))
    });
    let long = long_jql();
    eprintln!("note: the long query is {} bytes", long.len());
    group.throughput(Throughput::Bytes(long.len() as u64));
    group.bench_function("long", |b| {
        b.iter(|| jiratty::jql::lexer::lex(black_box(&long)))
    });
    group.finish();
}

/// Cloud's `search/jql` body, as the client decodes it (its own `TokenPage` is crate-private):
/// with full issues (`TokenPage<Issue>`, what the TUI decoded before) or lean list rows
/// (`TokenPage<ListIssue>`, what it decodes now).
#[derive(Default, Deserialize)]
#[serde(
    rename_all = "camelCase",
    default,
    bound(deserialize = "I: Deserialize<'de> + Default")
)]
#[allow(dead_code)] // The fields are read by the decoder, not by the benchmark.
struct TokenPage<I> {
    issues: Vec<I>,
    next_page_token: Option<String>,
    is_last: Option<bool>,
}

/// The raw bytes of the first 100-issue page of `project = ACME ORDER BY key` from the
/// in-process demo server (Cloud flavour, 1000 issues), as alice. (Like Jira Cloud, the demo
/// server refuses unbounded queries such as a bare `order by key`.)
fn capture_page() -> Result<Vec<u8>, String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start a runtime: {e}"))?;
    runtime.block_on(async {
        let server = jiratty::demo::start(jiratty::demo::DemoConfig {
            issues: Some(1000),
            ..jiratty::demo::DemoConfig::default()
        })
        .await
        .map_err(|e| format!("cannot start the demo server: {e}"))?;
        let response = reqwest::Client::new()
            .post(format!("{}/rest/api/3/search/jql", server.url()))
            .basic_auth("alice@example.com", Some("demo-api-token"))
            .json(&serde_json::json!({
                "jql": "project = ACME ORDER BY key",
                "fields": ["summary", "status", "issuetype", "priority", "assignee", "updated"],
                "maxResults": 100,
            }))
            .send()
            .await
            .map_err(|e| format!("the search failed: {e}"))?;
        let status = response.status();
        let body = response
            .bytes()
            .await
            .map_err(|e| format!("cannot read the page: {e}"))?;
        server.stop().await;
        if !status.is_success() {
            return Err(format!(
                "the search answered {status}: {}",
                String::from_utf8_lossy(&body)
            ));
        }
        Ok(body.to_vec())
    })
}

fn page_decode(c: &mut Criterion) {
    let bytes = match capture_page() {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("note: {e}; skipping the page_decode benchmarks");
            return;
        }
    };
    let page: TokenPage<ListIssue> = serde_json::from_slice(&bytes).expect("the demo page decodes");
    let count = page.issues.len();
    eprintln!(
        "note: the search page holds {count} issues in {} bytes ({} bytes per issue)",
        bytes.len(),
        bytes.len() / count.max(1)
    );
    let mut group = c.benchmark_group("page_decode");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function(format!("issues_{count}"), |b| {
        b.iter(|| serde_json::from_slice::<TokenPage<Issue>>(black_box(&bytes)).expect("decodes"))
    });
    group.bench_function(format!("lean_{count}"), |b| {
        b.iter(|| {
            serde_json::from_slice::<TokenPage<ListIssue>>(black_box(&bytes)).expect("decodes")
        })
    });
    group.throughput(Throughput::Elements(count as u64));
    group.bench_function(format!("rows_{count}"), |b| {
        let mut names = Names::default();
        b.iter(|| {
            black_box(&page.issues)
                .iter()
                .cloned()
                .map(|i| Row::from_list_issue(i, &mut names))
                .collect::<Vec<_>>()
        })
    });
    group.finish();
}

fn quick_filter(c: &mut Criterion) {
    const N: usize = 100_000;
    let mut state = list_state(issues(N));
    let mut group = c.benchmark_group("quick_filter");
    for needle in ["acme12", "login"] {
        state.list.quick = Some(QuickFilter {
            input: LineInput::with_text(needle),
            ..QuickFilter::new()
        });
        jiratty::app::list::refilter(&mut state);
        let matches = state.list.visible_len();
        eprintln!("note: {needle:?} matches {matches} of {N} rows");
        // A search of all rows (the first key typed, or one deleted).
        group.bench_function(BenchmarkId::new(N.to_string(), needle), |b| {
            b.iter(|| {
                if let Some(q) = state.list.quick.as_mut() {
                    q.matched = None;
                }
                jiratty::app::list::refilter(black_box(&mut state))
            })
        });
    }
    // Typing on: a longer needle only narrows the last matches ("login" after "logi"; here
    // "login" after "login", the same walk over the matches).
    group.bench_function(BenchmarkId::new(N.to_string(), "narrow_login"), |b| {
        b.iter(|| jiratty::app::list::refilter(black_box(&mut state)))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = list_render, rich_text, detail, detail_hostile, jql_lex, page_decode, quick_filter
}
criterion_main!(benches);
