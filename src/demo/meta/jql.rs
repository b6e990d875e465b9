//! The screen custom fields as the JQL evaluator reads them (`cf[10030] = Platform`,
//! `"Team" = Platform`, `Reviewer = currentUser()`, `Tags = regression`, ...).

use super::catalog::{self, Kind};
use super::seed::{self, Seed};
use crate::demo::jql_eval::{CustomFieldKind, FieldValue};
use crate::demo::model::{Dataset, Issue};
use serde_json::Value;

/// The kind of custom field `cf[id]` is, if it is one of the screen fields.
pub fn kind(id: u64) -> Option<CustomFieldKind> {
    let def = catalog::CUSTOM_FIELDS
        .iter()
        .find(|d| d.id.strip_prefix("customfield_") == Some(id.to_string().as_str()))?;
    Some(match def.kind {
        Kind::Select | Kind::Multi | Kind::Cascade => CustomFieldKind::Select,
        Kind::User | Kind::Users => CustomFieldKind::User,
        Kind::Date => CustomFieldKind::Date,
        Kind::Tags => CustomFieldKind::Labels,
        _ => return None,
    })
}

fn user(data: &Dataset, u: usize) -> Option<FieldValue<'_>> {
    let u = data.users.get(u)?;
    Some(FieldValue::User {
        account_id: &u.account_id,
        name: Some(&u.name),
        key: Some(&u.key),
        email: Some(&u.email),
        display_name: &u.display_name,
    })
}

fn named<'a>(id: &'a str, name: &'a str, rank: u64) -> FieldValue<'a> {
    FieldValue::Named {
        id,
        key: None,
        name,
        rank: i64::try_from(rank).unwrap_or(0),
    }
}

/// The values of a written (kept) value: options (a cascade's child too), people, days,
/// labels.
fn written<'a>(data: &'a Dataset, v: &'a Value, out: &mut Vec<FieldValue<'a>>) {
    match v {
        Value::Array(items) => items.iter().for_each(|i| written(data, i, out)),
        Value::Object(o) => {
            if let Some(u) = o.get("demo-user").and_then(Value::as_u64) {
                out.extend(user(data, u as usize));
                return;
            }
            let id = o.get("id").and_then(Value::as_str).unwrap_or("");
            if let Some(value) = o.get("value").and_then(Value::as_str) {
                out.push(named(id, value, id.parse().unwrap_or(0)));
            }
            if let Some(child) = o.get("child") {
                written(data, child, out);
            }
        }
        Value::String(s) => match chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            Ok(d) => out.push(FieldValue::Date(d)),
            Err(_) => out.push(FieldValue::Text(s)),
        },
        _ => {}
    }
}

/// What `cf[id]` holds on issue `index` (`issue` as it is now), for matching and sorting.
pub fn values<'a>(
    data: &'a Dataset,
    index: usize,
    issue: &'a Issue,
    id: u64,
) -> Vec<FieldValue<'a>> {
    let field = format!("customfield_{id}");
    let Some(def) = seed::def(&field) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(v) = issue.custom(def.id) {
        written(data, v, &mut out);
        return out;
    }
    match seed::seeded(data, index, &def) {
        Some(Seed::One(o, child)) => {
            out.push(named(seed::option_id_text(o.id), o.value, o.id));
            if let Some((cid, cv)) = child {
                out.push(named(seed::option_id_text(*cid), cv, *cid));
            }
        }
        Some(Seed::Many(options)) => out.extend(
            options
                .iter()
                .map(|o| named(seed::option_id_text(o.id), o.value, o.id)),
        ),
        Some(Seed::User(u)) => out.extend(user(data, u)),
        Some(Seed::Users(users)) => out.extend(users.into_iter().filter_map(|u| user(data, u))),
        Some(Seed::Date(d)) => out.push(FieldValue::Date(d)),
        Some(Seed::Tags(tags)) => out.extend(tags.into_iter().map(FieldValue::Text)),
        Some(Seed::Version(_)) | None => {}
    }
    out
}
