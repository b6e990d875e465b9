//! Turning `NAME=VALUE` arguments into field values: the field found by display name or id,
//! the value parsed by its schema, people found by a user search. Every refusal names the
//! field and, where there is a list, its allowed values.

use super::act::Stop;
use crate::jira::fields::{FieldErrors, FieldKind, FieldMeta, FieldValue, find_field};
use crate::jira::pick::{Pick, pick};
use crate::jira::{Client, JiraError, User};

/// Splits `NAME=VALUE` at its first `=`.
pub fn split_assignment(arg: &str) -> Result<(&str, &str), Stop> {
    match arg.split_once('=') {
        Some((name, value)) if !name.trim().is_empty() => Ok((name.trim(), value)),
        _ => Err(Stop::Input(format!(
            "'{arg}' is not NAME=VALUE (e.g. --field \"Story Points=5\")"
        ))),
    }
}

/// The one field `name` names among `fields`.
pub fn field_named<'a>(
    fields: &'a [FieldMeta],
    name: &str,
    what: &str,
) -> Result<&'a FieldMeta, Stop> {
    let found = find_field(fields, name);
    match found.as_slice() {
        [one] => Ok(one),
        [] => Err(Stop::Input(format!(
            "{what} has no field '{name}' that you may set; it has: {}",
            field_list(fields)
        ))),
        several => Err(Stop::Input(format!(
            "'{name}' names several fields: {}; use the id",
            several
                .iter()
                .map(|f| format!("{} ({})", f.name, f.id))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// The editable fields as a list for messages.
pub fn field_list(fields: &[FieldMeta]) -> String {
    fields
        .iter()
        .filter(|f| f.is_editable())
        .map(|f| f.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Parses `typed` for `field`; people are looked up with Jira's user search.
pub async fn value_for(
    client: &Client,
    field: &FieldMeta,
    typed: &str,
) -> Result<FieldValue, Stop> {
    if !field.is_editable() {
        return Err(Stop::Input(format!(
            "{}: jiratty cannot set this field ({})",
            field.name, field.schema.kind
        )));
    }
    match field.kind {
        FieldKind::User | FieldKind::Users if !typed.trim().is_empty() => {
            let mut people = Vec::new();
            for name in typed.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                people.push(find_person(client, field, name).await?);
            }
            Ok(if field.kind == FieldKind::User {
                match people.len() {
                    1 => FieldValue::User(people.remove(0)),
                    _ => {
                        return Err(Stop::Input(format!(
                            "{} takes one person, not {}",
                            field.name,
                            people.len()
                        )));
                    }
                }
            } else {
                FieldValue::Users(people)
            })
        }
        _ => field.parse(typed).map_err(|e| Stop::Input(e.to_string())),
    }
}

async fn find_person(client: &Client, field: &FieldMeta, who: &str) -> Result<User, Stop> {
    let me = who.eq_ignore_ascii_case("me");
    if me {
        return Ok(client.myself().await?);
    }
    let found = client.find_users(who, 50).await?;
    match pick(&found, who, User::names) {
        Pick::One(user) => Ok(user.clone()),
        Pick::Many(several) => Err(Stop::Input(format!(
            "{}: '{who}' fits several people: {}; say which (an e-mail address or username is exact)",
            field.name,
            super::act_text::user_names(several.into_iter())
        ))),
        Pick::None if found.len() == 1 => Ok(found[0].clone()),
        Pick::None => Err(Stop::Input(format!(
            "{}: nobody called '{who}' was found",
            field.name
        ))),
    }
}

/// Jira's refusal of field values, each named by the field's display name (and its allowed
/// values where it has a list); other errors as they are.
pub fn refusal(error: JiraError, fields: &[FieldMeta]) -> Stop {
    let Some(errors) = FieldErrors::of(&error) else {
        return Stop::Jira(error);
    };
    let mut parts: Vec<String> = errors.messages.clone();
    for (id, message) in &errors.fields {
        match fields.iter().find(|f| &f.id == id) {
            Some(f) if !f.allowed.is_empty() => parts.push(format!(
                "{}: {message} (values: {})",
                f.name,
                f.allowed_text()
            )),
            Some(f) => parts.push(format!("{}: {message}", f.name)),
            None => parts.push(format!("{id}: {message}")),
        }
    }
    Stop::Input(format!("Jira refused the values — {}", parts.join("; ")))
}
