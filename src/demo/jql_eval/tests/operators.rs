//! The evaluator takes exactly the operators of the operator table: every
//! (field, operator) pair the table lists compiles, every other one is
//! refused with Jira's message.

use super::*;
use crate::jql::Operator;
use crate::jql::operators::{ALL_OPERATORS, CustomFieldType, SYSTEM_FIELDS, system_field};

/// A value the tiny site accepts for each field (as a name the parser reads).
fn sample(field: &str) -> &'static str {
    match field {
        "project" => "ABC",
        "key" | "parent" => "ABC-1",
        "issuetype" => "Bug",
        "status" => "'To Do'",
        "statusCategory" | "resolution" => "Done",
        "assignee" | "reporter" | "reviewer" => "acc-bob",
        "priority" => "High",
        "labels" | "tags" => "backend",
        "component" => "ui",
        "summary" | "description" | "comment" | "text" | "team" => "login",
        "created" | "updated" | "duedate" | "resolutiondate" | "'go live'" | "deployed" => {
            "2024-03-01"
        }
        "'story points'" => "3",
        "severity" => "major",
        other => panic!("no sample value for {other}"),
    }
}

/// `field op operand` with an operand that suits the operator.
fn query(field: &str, op: Operator) -> String {
    let value = sample(field);
    let operand = match op {
        Operator::In | Operator::NotIn | Operator::WasIn | Operator::WasNotIn => {
            format!(" ({value})")
        }
        Operator::Is | Operator::IsNot => " EMPTY".to_string(),
        Operator::Changed => String::new(),
        _ => format!(" {value}"),
    };
    format!("{field} {}{operand}", op.display().to_uppercase())
}

/// Fields that take IS but, being never empty, no EMPTY value: Jira lists
/// IS for them and then refuses the value.
const NEVER_EMPTY: &[&str] = &["project", "issuetype", "status", "created", "updated"];

/// System fields the demo does not model.
const NOT_MODELLED: &[&str] = &["creator", "watcher", "fixVersion", "affectedVersion"];

/// The tiny site's custom fields, by name, with their type in the table.
const CUSTOM: &[(&str, CustomFieldType)] = &[
    ("'story points'", CustomFieldType::Number),
    ("team", CustomFieldType::Text),
    ("reviewer", CustomFieldType::User),
    ("severity", CustomFieldType::Select),
    ("tags", CustomFieldType::Labels),
    ("'go live'", CustomFieldType::Date),
    ("deployed", CustomFieldType::Date),
];

fn check_field(field: &str, takes: &[Operator]) -> usize {
    let site = Site { user: None };
    let shown = field.trim_matches('\'');
    let mut checked = 0;
    for &op in ALL_OPERATORS {
        let jql = query(field, op);
        let outcome = compile_str(&jql, &site).map(|_| ()).map_err(|e| e.message);
        if takes.contains(&op) {
            let never_empty =
                matches!(op, Operator::Is | Operator::IsNot) && NEVER_EMPTY.contains(&field);
            let expected = if never_empty {
                Err(format!(
                    "The field '{shown}' does not support searching for EMPTY values."
                ))
            } else {
                Ok(())
            };
            assert_eq!(outcome, expected, "{jql}");
        } else {
            let refused = format!(
                "The operator '{}' is not supported by the '{shown}' field.",
                op.display()
            );
            assert_eq!(outcome, Err(refused), "{jql}");
        }
        checked += 1;
    }
    checked
}

#[test]
fn every_system_field_takes_exactly_its_table_operators() {
    let mut checked = 0;
    for f in SYSTEM_FIELDS {
        if NOT_MODELLED.contains(&f.name) {
            let message = format!(
                "Field '{}' does not exist or you do not have permission to view it.",
                f.name
            );
            assert_eq!(error(&format!("{} = x", f.name)), message);
            continue;
        }
        checked += check_field(f.name, f.operators);
        // Aliases resolve to the same field and the same operators.
        for alias in f.aliases {
            let names = fields::operator_names(alias, &Site { user: None });
            let expected: Vec<&str> = f.operators.iter().map(|op| op.display()).collect();
            assert_eq!(names, expected, "{alias}");
        }
    }
    let modelled = SYSTEM_FIELDS.len() - NOT_MODELLED.len();
    assert_eq!(checked, modelled * ALL_OPERATORS.len());
}

#[test]
fn every_custom_field_takes_exactly_its_types_operators() {
    for &(name, ty) in CUSTOM {
        check_field(name, ty.operators());
    }
    // Every type the demo can hold is covered above, except versions.
    for ty in CustomFieldType::ALL {
        let covered = CUSTOM.iter().any(|&(_, t)| t == ty);
        assert!(covered || ty == CustomFieldType::Version, "{ty:?}");
    }
}

#[test]
fn autocomplete_operator_names_are_the_table() {
    let site = Site { user: None };
    for f in SYSTEM_FIELDS
        .iter()
        .filter(|f| !NOT_MODELLED.contains(&f.name))
    {
        let expected: Vec<&str> = f.operators.iter().map(|op| op.display()).collect();
        assert_eq!(
            fields::operator_names(f.name, &site),
            expected,
            "{}",
            f.name
        );
    }
    let numbers: Vec<&str> = CustomFieldType::Number
        .operators()
        .iter()
        .map(|op| op.display())
        .collect();
    assert_eq!(fields::operator_names("cf[1]", &site), numbers);
    assert!(fields::operator_names("fixVersion", &site).is_empty());
    assert_eq!(
        system_field("status").map(|f| f.operators.contains(&Operator::Was)),
        Some(true)
    );
}
