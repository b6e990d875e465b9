//! Tests of validation, matching and ordering with a tiny in-test site.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::*;

mod validation;

struct Site {
    user: Option<&'static str>,
}

const STATUSES: [(&str, &str, i64); 3] =
    [("1", "To Do", 1), ("3", "In Progress", 2), ("5", "Done", 3)];
const PRIORITIES: [(&str, &str, i64); 3] = [("1", "High", 3), ("2", "Medium", 2), ("3", "Low", 1)];
const USERS: [(&str, &str, &str); 2] = [
    ("acc-bob", "Bob Smith", "bob@example.com"),
    ("acc-al", "Alice Jones", "al@example.com"),
];

impl JqlContext for Site {
    fn current_user(&self) -> Option<UserRef> {
        self.user.map(|id| UserRef {
            account_id: id.into(),
        })
    }
    fn now(&self) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2024, 3, 13, 15, 30, 0)
            .single()
            .unwrap_or_default()
    }
    fn value_exists(&self, field: Field, value: &str) -> bool {
        let v = value.to_lowercase();
        let named = |t: &[(&str, &str, i64)]| {
            t.iter()
                .any(|(id, n, _)| *id == value || n.to_lowercase() == v)
        };
        match field {
            Field::Project => ["abc", "xyz", "10000"].contains(&v.as_str()),
            Field::Status => named(&STATUSES),
            Field::Priority => named(&PRIORITIES),
            Field::IssueType => ["bug", "task"].contains(&v.as_str()),
            Field::Resolution => v == "done",
            Field::Component => v == "ui",
            Field::Assignee | Field::Reporter | Field::Custom(3) => USERS
                .iter()
                .any(|(id, name, mail)| *id == value || name.to_lowercase() == v || *mail == v),
            Field::Key | Field::Parent => {
                ["abc-1", "abc-2", "abc-10", "xyz-1", "101"].contains(&v.as_str())
            }
            _ => false,
        }
    }
    fn rank(&self, field: Field, value: &str) -> Option<i64> {
        let table: &[(&str, &str, i64)] = match field {
            Field::Priority => &PRIORITIES,
            Field::Status => &STATUSES,
            _ => return None,
        };
        table
            .iter()
            .find(|(_, n, _)| n.eq_ignore_ascii_case(value))
            .map(|t| t.2)
    }
    fn custom_field_id(&self, name: &str) -> Option<u64> {
        match name.to_lowercase().as_str() {
            "story points" => Some(1),
            "team" => Some(2),
            "reviewer" => Some(3),
            _ => None,
        }
    }
    fn custom_field_kind(&self, id: u64) -> Option<CustomFieldKind> {
        match id {
            1 => Some(CustomFieldKind::Number),
            2 => Some(CustomFieldKind::Text),
            3 => Some(CustomFieldKind::User),
            _ => None,
        }
    }
}

#[derive(Default, Clone)]
struct Issue {
    project: &'static str,
    number: u64,
    status: usize,
    priority: Option<usize>,
    assignee: Option<usize>,
    labels: Vec<&'static str>,
    summary: &'static str,
    description: Option<&'static str>,
    comments: Vec<&'static str>,
    created: (i32, u32, u32),
    due: Option<(i32, u32, u32)>,
    resolved: bool,
    points: Option<f64>,
}

fn user(i: usize) -> FieldValue<'static> {
    let (id, name, mail) = USERS[i];
    FieldValue::User {
        account_id: id,
        name: None,
        key: None,
        email: Some(mail),
        display_name: name,
    }
}

fn named(t: &'static [(&'static str, &'static str, i64); 3], i: usize) -> FieldValue<'static> {
    FieldValue::Named {
        id: t[i].0,
        key: None,
        name: t[i].1,
        rank: t[i].2,
    }
}

impl JqlRecord for Issue {
    fn values(&self, field: Field) -> Vec<FieldValue<'_>> {
        let day = |(y, m, d): (i32, u32, u32)| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        match field {
            Field::Project => vec![FieldValue::Named {
                id: "10000",
                key: Some(self.project),
                name: "Alpha",
                rank: 0,
            }],
            Field::Key => vec![FieldValue::Key {
                project: self.project,
                number: self.number,
                id: 100 + self.number,
            }],
            Field::Status => vec![named(&STATUSES, self.status)],
            Field::Priority => self
                .priority
                .map(|p| named(&PRIORITIES, p))
                .into_iter()
                .collect(),
            Field::Assignee | Field::Custom(3) => self.assignee.map(user).into_iter().collect(),
            Field::Labels => self.labels.iter().map(|l| FieldValue::Text(l)).collect(),
            Field::Summary => vec![FieldValue::Text(self.summary)],
            Field::Description => self.description.map(FieldValue::Text).into_iter().collect(),
            Field::Comment => self.comments.iter().map(|c| FieldValue::Text(c)).collect(),
            Field::Created => vec![FieldValue::DateTime(
                day(self.created)
                    .and_hms_opt(12, 0, 0)
                    .unwrap_or_default()
                    .and_utc(),
            )],
            Field::DueDate => self
                .due
                .map(|d| FieldValue::Date(day(d)))
                .into_iter()
                .collect(),
            Field::Resolution if self.resolved => vec![FieldValue::Named {
                id: "1",
                key: None,
                name: "Done",
                rank: 0,
            }],
            Field::Custom(1) => self.points.map(FieldValue::Number).into_iter().collect(),
            _ => vec![],
        }
    }
}

fn issues() -> Vec<Issue> {
    let base = Issue {
        project: "ABC",
        created: (2024, 3, 1),
        ..Issue::default()
    };
    vec![
        Issue {
            number: 1,
            status: 0,
            priority: Some(0),
            assignee: Some(0),
            labels: vec!["backend", "Urgent"],
            summary: "Login error on Safari",
            description: Some("Users cannot log in"),
            points: Some(3.0),
            due: Some((2024, 3, 13)),
            ..base.clone()
        },
        Issue {
            number: 2,
            status: 1,
            priority: Some(1),
            assignee: Some(1),
            summary: "Dashboard widgets slow",
            comments: vec!["profiling shows the login service", "fixed by caching"],
            created: (2024, 3, 12),
            due: Some((2024, 3, 20)),
            points: Some(8.0),
            ..base.clone()
        },
        Issue {
            number: 10,
            status: 2,
            priority: None,
            summary: "Export to CSV",
            resolved: true,
            labels: vec!["frontend"],
            created: (2024, 2, 1),
            ..base.clone()
        },
        Issue {
            project: "XYZ",
            number: 1,
            status: 0,
            priority: Some(2),
            assignee: Some(0),
            summary: "Broken logging",
            created: (2024, 3, 13),
            ..base
        },
    ]
}

fn keys_with(site: &Site, jql: &str) -> Vec<String> {
    let compiled = match compile_str(jql, site) {
        Ok(c) => c,
        Err(e) => panic!("{jql:?}: {}", e.message),
    };
    let mut found: Vec<Issue> = issues()
        .into_iter()
        .filter(|i| compiled.matches(i))
        .collect();
    found.sort_by(|a, b| compiled.compare(a, b));
    found
        .iter()
        .map(|i| format!("{}-{}", i.project, i.number))
        .collect()
}

fn keys(jql: &str) -> Vec<String> {
    keys_with(
        &Site {
            user: Some("acc-bob"),
        },
        jql,
    )
}

fn error(jql: &str) -> String {
    match compile_str(jql, &Site { user: None }) {
        Ok(_) => panic!("{jql:?} compiled"),
        Err(e) => e.message,
    }
}

#[test]
fn default_order_is_key_descending() {
    assert_eq!(keys(""), ["XYZ-1", "ABC-10", "ABC-2", "ABC-1"]);
}

#[test]
fn named_fields() {
    assert_eq!(keys("status = 'in progress'"), ["ABC-2"]);
    assert_eq!(keys("status = 3"), ["ABC-2"]);
    assert_eq!(
        keys("status in (Done, \"To Do\") order by key asc"),
        ["ABC-1", "ABC-10", "XYZ-1"]
    );
    assert_eq!(
        keys("status != Done order by key"),
        ["ABC-1", "ABC-2", "XYZ-1"]
    );
    assert_eq!(
        keys("project = abc order by key"),
        ["ABC-1", "ABC-2", "ABC-10"]
    );
    assert_eq!(keys("priority > Medium"), ["ABC-1"]);
    assert_eq!(keys("priority <= Medium"), ["XYZ-1", "ABC-2"]);
    assert_eq!(keys("priority is EMPTY"), ["ABC-10"]);
    assert_eq!(keys("priority != High"), ["XYZ-1", "ABC-2"]);
    assert_eq!(keys("resolution = Unresolved"), ["XYZ-1", "ABC-2", "ABC-1"]);
    assert_eq!(keys("resolution is not empty"), ["ABC-10"]);
}

#[test]
fn users() {
    assert_eq!(keys("assignee = currentUser()"), ["XYZ-1", "ABC-1"]);
    assert_eq!(
        keys_with(&Site { user: None }, "assignee = currentUser()"),
        Vec::<String>::new()
    );
    assert_eq!(keys("assignee = 'alice jones'"), ["ABC-2"]);
    assert_eq!(keys("assignee = 'bob@example.com'"), ["XYZ-1", "ABC-1"]);
    assert_eq!(keys("assignee != acc-bob"), ["ABC-2"]);
    assert_eq!(keys("assignee not in (acc-bob, EMPTY)"), ["ABC-2"]);
    assert_eq!(keys("assignee in (acc-al, EMPTY)"), ["ABC-10", "ABC-2"]);
    assert_eq!(keys("reviewer = 'Alice Jones'"), ["ABC-2"]);
}

#[test]
fn keys_and_ordering_comparisons() {
    assert_eq!(keys("key = abc-2"), ["ABC-2"]);
    assert_eq!(keys("issuekey in (ABC-1, XYZ-1)"), ["XYZ-1", "ABC-1"]);
    assert_eq!(keys("key > ABC-1"), ["ABC-10", "ABC-2"]);
    assert_eq!(keys("id = 101"), ["XYZ-1", "ABC-1"]);
}

#[test]
fn labels_are_case_sensitive() {
    assert_eq!(keys("labels = Urgent"), ["ABC-1"]);
    assert!(keys("labels = urgent").is_empty());
    assert_eq!(keys("labels in (frontend, backend)"), ["ABC-10", "ABC-1"]);
    assert_eq!(keys("labels != backend"), ["ABC-10"]);
    assert_eq!(keys("labels is empty"), ["XYZ-1", "ABC-2"]);
}

#[test]
fn text_search() {
    assert_eq!(keys("summary ~ login"), ["ABC-1"]);
    assert_eq!(keys("summary ~ 'LOGIN safari'"), ["ABC-1"]);
    assert_eq!(keys("summary ~ 'log*'"), ["XYZ-1", "ABC-1"]);
    assert_eq!(keys("summary !~ login"), ["XYZ-1", "ABC-10", "ABC-2"]);
    assert_eq!(keys(r#"summary ~ "\"error on\"""#), ["ABC-1"]);
    assert!(keys(r#"summary ~ "\"on error\"""#).is_empty());
    assert_eq!(keys("comment ~ login"), ["ABC-2"]);
    assert_eq!(keys("text ~ login"), ["ABC-2", "ABC-1"]);
    assert_eq!(keys("text ~ 'cannot users'"), ["ABC-1"]);
    assert_eq!(keys("description is empty"), ["XYZ-1", "ABC-10", "ABC-2"]);
    assert_eq!(keys("team is empty"), ["XYZ-1", "ABC-10", "ABC-2", "ABC-1"]);
}

#[test]
fn dates() {
    assert_eq!(keys("created >= -7d"), ["XYZ-1", "ABC-2"]);
    assert_eq!(keys("created < 2024-03-01"), ["ABC-10"]);
    assert_eq!(
        keys("created >= '2024/03/01 12:00' and created <= '2024/03/01 12:00'"),
        ["ABC-1"]
    );
    assert_eq!(keys("created >= startOfDay()"), ["XYZ-1"]);
    assert_eq!(
        keys("created >= startOfDay(-1) and created <= endOfDay(-1)"),
        ["ABC-2"]
    );
    assert_eq!(
        keys("createdDate > startOfMonth(-1) AND created < startOfMonth()"),
        ["ABC-10"]
    );
    assert_eq!(keys("created >= startOfWeek()"), ["XYZ-1", "ABC-2"]);
    assert_eq!(keys("created <= endOfWeek(-1)"), ["ABC-10", "ABC-1"]);
    assert_eq!(keys("due = 2024-03-13"), ["ABC-1"]);
    assert!(keys("duedate < now()").is_empty());
    assert_eq!(keys("duedate <= now()"), ["ABC-1"]);
    assert_eq!(keys("due > '1w'"), Vec::<String>::new());
    assert_eq!(keys("due >= 1w"), ["ABC-2"]);
    assert_eq!(keys("due is empty"), ["XYZ-1", "ABC-10"]);
}

#[test]
fn numbers_and_custom_fields() {
    assert_eq!(keys("cf[1] > 3"), ["ABC-2"]);
    assert_eq!(keys("\"Story Points\" >= 3"), ["ABC-2", "ABC-1"]);
    assert_eq!(keys("'story points' in (3, 4)"), ["ABC-1"]);
}

#[test]
fn boolean_logic() {
    assert_eq!(
        keys("project = ABC AND NOT status = Done"),
        ["ABC-2", "ABC-1"]
    );
    assert_eq!(keys("status = Done OR priority = Low"), ["XYZ-1", "ABC-10"]);
    assert_eq!(
        keys("(status = Done OR priority = Low) AND project = ABC"),
        ["ABC-10"]
    );
    assert_eq!(
        keys("status = Done OR priority = Low AND project = ABC"),
        ["ABC-10"]
    );
}

#[test]
fn ordering() {
    assert_eq!(
        keys("order by priority desc"),
        ["ABC-10", "ABC-1", "ABC-2", "XYZ-1"]
    );
    assert_eq!(
        keys("order by priority asc"),
        ["XYZ-1", "ABC-2", "ABC-1", "ABC-10"]
    );
    assert_eq!(
        keys("order by duedate"),
        ["ABC-1", "ABC-2", "XYZ-1", "ABC-10"]
    );
    assert_eq!(
        keys("order by duedate desc"),
        ["XYZ-1", "ABC-10", "ABC-2", "ABC-1"]
    );
    assert_eq!(
        keys("order by status, created desc"),
        ["XYZ-1", "ABC-1", "ABC-2", "ABC-10"]
    );
    assert_eq!(
        keys("order by assignee"),
        ["ABC-2", "XYZ-1", "ABC-1", "ABC-10"]
    );
    assert_eq!(
        keys("order by summary"),
        ["XYZ-1", "ABC-2", "ABC-10", "ABC-1"]
    );
}

#[test]
fn compile_without_source_and_error_positions() {
    let q = crate::jql::parse("project = ABC").unwrap_or_default();
    let site = Site { user: None };
    assert!(compile(&q, &site).is_ok_and(|c| c.matches(&issues()[0])));
    let e = compile_str("project = ABC AND\n  nope = 1", &site).err();
    assert_eq!(e.map(|e| (e.line, e.character)), Some((2, 3)));
}

#[test]
fn compiled_query_is_send_and_sync() {
    fn check<T: Send + Sync + 'static>() {}
    check::<CompiledQuery>();
}

proptest::proptest! {
    #[test]
    fn compile_and_match_never_panic(
        input in "(?s).{0,40}|(project|status|assignee|created|due|summary|key|labels|priority|cf\\[1\\]) (=|!=|~|>|<=|in|is not) ([a-zA-Z0-9 ()'\",*-]|now\\(\\)|startOfDay\\(-1\\)|EMPTY){0,12}"
    ) {
        let site = Site { user: Some("acc-bob") };
        if let Ok(compiled) = compile_str(&input, &site) {
            let all = issues();
            for issue in &all {
                let _ = compiled.matches(issue);
                let _ = compiled.compare(issue, &all[0]);
            }
        }
    }
}
