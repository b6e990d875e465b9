//! Reading the text of values: what a user types (dates, keys, lists) and what Jira stores
//! in forms jiratty does not model (the sprint field's strings).

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use serde_json::Value;

/// A number as a person writes it: `5`, `2.5`.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// The sprint of a sprint field's value: Cloud sends objects with an `id`, old Data Center a
/// string `com.atlassian.greenhopper.service.sprint.Sprint@…[id=12,…]`. The last one listed
/// (the current sprint) is taken.
pub(super) fn sprint_id(raw: &Value) -> Option<u64> {
    let one = |v: &Value| -> Option<u64> {
        match v {
            Value::Object(o) => o.get("id").and_then(Value::as_u64),
            Value::Number(n) => n.as_u64(),
            Value::String(s) => {
                let start = s
                    .find("[id=")
                    .map(|i| i + 4)
                    .or_else(|| s.find("id=").map(|i| i + 3))?;
                let digits: String = s[start..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                digits.parse().ok()
            }
            _ => None,
        }
    };
    match raw {
        Value::Array(items) => items.iter().rev().find_map(one),
        other => one(other),
    }
}

pub(super) fn split_list(t: &str) -> impl Iterator<Item = &str> {
    t.split(',').map(str::trim).filter(|s| !s.is_empty())
}

pub(super) fn looks_like_key(key: &str) -> bool {
    let Some((project, number)) = key.rsplit_once('-') else {
        return false;
    };
    !project.is_empty()
        && project
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit())
}

/// `2026-12-03`, also `2026/12/03` and `03.12.2026`.
pub fn parse_date(t: &str) -> Option<NaiveDate> {
    let t = t.trim();
    ["%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
}

/// `2026-12-03 14:30` (local time of UTC), `2026-12-03T14:30`, or Jira's / RFC 3339 forms
/// with an offset.
pub fn parse_date_time(t: &str) -> Option<DateTime<FixedOffset>> {
    let t = t.trim();
    if let Some(with_offset) = crate::jira::models::parse_time(t) {
        return Some(with_offset);
    }
    let naive = [
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())?;
    let local = *chrono::Local::now().offset();
    local.from_local_datetime(&naive).single()
}
