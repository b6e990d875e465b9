//! The words and field values of the acting commands: lists of choices, the sentences when a
//! choice does not fit, and the field values a transition's screen asks for.

use crate::jira::pick::{Pick, pick};
use crate::jira::{CommentBody, Transition, TransitionField, User};
use crate::text::sanitize_line;
use serde_json::{Map, Value};

/// Why an issue may offer no transition.
pub fn none_offered(key: &str) -> String {
    format!(
        "Jira offers no transition for {key} now: its workflow's conditions (only the assignee, \
         only some roles) or your permissions in the project leave none"
    )
}

/// "Start progress (to In Progress), Done (to Done)".
pub fn transition_names<'a>(list: impl Iterator<Item = &'a Transition>) -> String {
    list.map(|t| format!("'{}' (to {})", t.name, t.to.name))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "Ann Smith <ann@example.com>, Ann Other (aother)".
pub fn user_names<'a>(list: impl Iterator<Item = &'a User>) -> String {
    list.map(|u| match (&u.email_address, &u.name) {
        (Some(mail), _) => format!("{} <{mail}>", u.label()),
        (None, Some(name)) if Some(name) != u.display_name.as_ref() => {
            format!("{} ({name})", u.label())
        }
        _ => format!("{} [{}]", u.label(), u.identity()),
    })
    .collect::<Vec<_>>()
    .join(", ")
}

/// The transitions as a table: id, name, target status, what the screen needs.
pub fn transition_table(list: &[Transition]) -> String {
    let rows: Vec<[String; 4]> = list
        .iter()
        .map(|t| {
            let needs: Vec<&str> = t.required().map(|f| f.name.as_str()).collect();
            [
                sanitize_line(&t.id),
                sanitize_line(&t.name),
                sanitize_line(&t.to.name),
                sanitize_line(&needs.join(", ")),
            ]
        })
        .collect();
    let header = ["ID", "TRANSITION", "TO", "NEEDS"].map(String::from);
    let width = |i: usize| {
        rows.iter()
            .chain(std::iter::once(&header))
            .map(|r| unicode_width::UnicodeWidthStr::width(r[i].as_str()))
            .max()
            .unwrap_or(0)
    };
    let widths = [width(0), width(1), width(2)];
    std::iter::once(&header)
        .chain(&rows)
        .map(|r| {
            let mut line = String::new();
            for (i, w) in widths.iter().enumerate() {
                line.push_str(&r[i]);
                let pad = w - unicode_width::UnicodeWidthStr::width(r[i].as_str()) + 2;
                line.extend(std::iter::repeat_n(' ', pad));
            }
            line.push_str(&r[3]);
            line.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A comment typed on the command line, as Jira takes it.
pub fn comment_body(text: &str) -> CommentBody {
    CommentBody::Markdown {
        text: text.to_string(),
        mentions: Vec::new(),
    }
}

fn allowed_names(field: &TransitionField) -> String {
    field
        .allowed
        .iter()
        .map(|a| a.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The field values to send with `transition`: `--resolution` and each `--field NAME=VALUE`,
/// matched to the screen's fields and their allowed values; a required field left out is
/// named with how to give it.
pub fn fields_for(
    key: &str,
    transition: &Transition,
    resolution: Option<&str>,
    given: &[String],
) -> Result<Map<String, Value>, String> {
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    if let Some(r) = resolution {
        pairs.push(("resolution", r));
    }
    for item in given {
        let (name, value) = item
            .split_once('=')
            .ok_or_else(|| format!("--field takes NAME=VALUE, not '{item}'"))?;
        pairs.push((name.trim(), value.trim()));
    }
    let mut out = Map::new();
    for (name, value) in pairs {
        let names = |f: &TransitionField| vec![f.key.clone(), f.name.clone()];
        let field = match pick(&transition.fields, name, names) {
            Pick::One(f) => f,
            _ => {
                let on_screen: Vec<&str> =
                    transition.fields.iter().map(|f| f.name.as_str()).collect();
                return Err(format!(
                    "the transition '{}' of {key} does not take {name}{}",
                    transition.name,
                    if on_screen.is_empty() {
                        " (it has no screen)".to_string()
                    } else {
                        format!(" (its screen has: {})", on_screen.join(", "))
                    }
                ));
            }
        };
        let json = if field.allowed.is_empty() {
            field.value_for_text(value)
        } else {
            let names = |a: &crate::jira::Allowed| {
                std::iter::once(a.name.clone())
                    .chain(a.id.clone())
                    .collect()
            };
            match pick(&field.allowed, value, names) {
                Pick::One(a) => field.value_for(a),
                _ => {
                    return Err(format!(
                        "{} cannot be '{value}'; it is one of: {}",
                        field.name,
                        allowed_names(field)
                    ));
                }
            }
        };
        out.insert(field.key.clone(), json);
    }
    if let Some(missing) = transition
        .required()
        .find(|f| f.key != "comment" && !out.contains_key(&f.key))
    {
        let how = if missing.key == "resolution" {
            "--resolution NAME".to_string()
        } else {
            format!("--field '{}=…'", missing.name)
        };
        let choices = if missing.allowed.is_empty() {
            String::new()
        } else {
            format!(" (one of: {})", allowed_names(missing))
        };
        return Err(format!(
            "moving {key} to {} needs {}: give it with {how}{choices}",
            transition.to.name, missing.name
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jira::Allowed;
    use serde_json::json;

    fn done() -> Transition {
        Transition {
            id: "31".into(),
            name: "Done".into(),
            to: crate::jira::Status {
                name: "Done".into(),
                ..Default::default()
            },
            has_screen: true,
            fields: vec![TransitionField {
                key: "resolution".into(),
                name: "Resolution".into(),
                required: true,
                schema_type: "resolution".into(),
                allowed: vec![
                    Allowed {
                        id: Some("1".into()),
                        name: "Fixed".into(),
                        by_value: false,
                    },
                    Allowed {
                        id: Some("2".into()),
                        name: "Won't Do".into(),
                        by_value: false,
                    },
                ],
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    #[test]
    fn a_resolution_is_matched_to_its_id() {
        let fields = fields_for("A-1", &done(), Some("won't"), &[]).unwrap();
        assert_eq!(Value::Object(fields), json!({"resolution": {"id": "2"}}));
        let fields = fields_for("A-1", &done(), None, &["Resolution=fixed".into()]).unwrap();
        assert_eq!(Value::Object(fields), json!({"resolution": {"id": "1"}}));
    }

    #[test]
    fn what_is_missing_or_wrong_is_said_with_the_choices() {
        let e = fields_for("A-1", &done(), None, &[]).unwrap_err();
        assert_eq!(
            e,
            "moving A-1 to Done needs Resolution: give it with --resolution NAME (one of: Fixed, Won't Do)"
        );
        let e = fields_for("A-1", &done(), Some("Later"), &[]).unwrap_err();
        assert!(e.contains("cannot be 'Later'"), "{e}");
        let e = fields_for("A-1", &done(), Some("Fixed"), &["Sprint=3".into()]).unwrap_err();
        assert!(e.contains("does not take Sprint"), "{e}");
        let e = fields_for("A-1", &done(), None, &["nonsense".into()]).unwrap_err();
        assert!(e.contains("NAME=VALUE"), "{e}");
    }

    #[test]
    fn the_table_lines_up() {
        let table = transition_table(&[done()]);
        assert_eq!(
            table,
            "ID  TRANSITION  TO    NEEDS\n31  Done        Done  Resolution"
        );
    }
}
