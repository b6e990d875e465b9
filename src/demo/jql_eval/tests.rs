//! Tests of validation, matching and ordering with a tiny in-test site.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::*;

mod history;
mod matching;
mod operators;
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
            Field::StatusCategory => v == "done",
            Field::Custom(4) => v == "major",
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
            Field::Resolution => &[("1", "Done", 0)],
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
            "severity" => Some(4),
            "tags" => Some(5),
            "go live" => Some(6),
            "deployed" => Some(7),
            _ => None,
        }
    }
    fn custom_field_kind(&self, id: u64) -> Option<CustomFieldKind> {
        match id {
            1 => Some(CustomFieldKind::Number),
            2 => Some(CustomFieldKind::Text),
            3 => Some(CustomFieldKind::User),
            4 => Some(CustomFieldKind::Select),
            5 => Some(CustomFieldKind::Labels),
            6 => Some(CustomFieldKind::Date),
            7 => Some(CustomFieldKind::DateTime),
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
    reporter: Option<usize>,
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
            Field::Reporter => self.reporter.map(user).into_iter().collect(),
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
        reporter: Some(0),
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
            reporter: Some(1),
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
