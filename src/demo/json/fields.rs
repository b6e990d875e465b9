//! Which fields a request asked for ([`FieldSelection`]) and the field table: every field `GET field` lists, with its schema, JQL clause names and
//! whether it can be ordered and searched, per flavour.

use crate::demo::model::Flavor;
use serde_json::{Value, json};

/// Which fields a request asked for.
#[derive(Debug, Clone)]
pub struct FieldSelection {
    all: bool,
    navigable: bool,
    include: Vec<String>,
    exclude: Vec<String>,
}

/// Fields that `*navigable` leaves out.
const NOT_NAVIGABLE: &[&str] = &["comment", "attachment", "worklog", "timetracking"];

impl FieldSelection {
    /// Parses a `fields` parameter (comma separated, may repeat); `default` is used when absent.
    pub fn parse(params: &[String], default: &str) -> Self {
        let mut selection = FieldSelection {
            all: false,
            navigable: false,
            include: Vec::new(),
            exclude: Vec::new(),
        };
        let joined = if params.iter().all(|p| p.trim().is_empty()) {
            default.to_string()
        } else {
            params.join(",")
        };
        for part in joined.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match part {
                "*all" => selection.all = true,
                "*navigable" => selection.navigable = true,
                _ => match part.strip_prefix('-') {
                    Some(name) => selection.exclude.push(name.to_string()),
                    None => selection.include.push(part.to_string()),
                },
            }
        }
        selection
    }

    /// Whether `field` is wanted.
    pub fn wants(&self, field: &str) -> bool {
        if self.exclude.iter().any(|f| f == field) {
            return false;
        }
        self.all
            || (self.navigable && !NOT_NAVIGABLE.contains(&field))
            || self.include.iter().any(|f| f == field)
    }
}

/// A field as `GET field` describes it.
#[derive(Debug, Clone, Copy)]
pub struct FieldDef {
    /// Field id (`summary`, `customfield_10016`).
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// JSON schema type.
    pub schema_type: &'static str,
    /// Item type for arrays.
    pub items: Option<&'static str>,
    /// Names usable in JQL.
    pub clause_names: &'static [&'static str],
    /// Custom field id, for custom fields.
    pub custom_id: Option<u64>,
    /// Whether it can be used in ORDER BY.
    pub orderable: bool,
    /// Whether it can be searched.
    pub searchable: bool,
}

const fn def(
    id: &'static str,
    name: &'static str,
    schema_type: &'static str,
    items: Option<&'static str>,
    clause_names: &'static [&'static str],
) -> FieldDef {
    FieldDef {
        id,
        name,
        schema_type,
        items,
        clause_names,
        custom_id: None,
        orderable: true,
        searchable: true,
    }
}

const SYSTEM_FIELDS: &[FieldDef] = &[
    def("summary", "Summary", "string", None, &["summary"]),
    def("status", "Status", "status", None, &["status"]),
    def(
        "issuetype",
        "Issue Type",
        "issuetype",
        None,
        &["issuetype", "type"],
    ),
    def("priority", "Priority", "priority", None, &["priority"]),
    def(
        "resolution",
        "Resolution",
        "resolution",
        None,
        &["resolution"],
    ),
    def("assignee", "Assignee", "user", None, &["assignee"]),
    def("reporter", "Reporter", "user", None, &["reporter"]),
    def("creator", "Creator", "user", None, &["creator"]),
    def("project", "Project", "project", None, &["project"]),
    def("labels", "Labels", "array", Some("string"), &["labels"]),
    def(
        "components",
        "Component/s",
        "array",
        Some("component"),
        &["component"],
    ),
    def(
        "created",
        "Created",
        "datetime",
        None,
        &["created", "createdDate"],
    ),
    def(
        "updated",
        "Updated",
        "datetime",
        None,
        &["updated", "updatedDate"],
    ),
    def(
        "lastViewed",
        "Last Viewed",
        "datetime",
        None,
        &["lastViewed"],
    ),
    def(
        "statuscategorychangedate",
        "Status Category Changed",
        "datetime",
        None,
        &["statusCategoryChangedDate"],
    ),
    def(
        "resolutiondate",
        "Resolved",
        "datetime",
        None,
        &["resolved", "resolutiondate"],
    ),
    def("duedate", "Due date", "date", None, &["due", "duedate"]),
    def(
        "description",
        "Description",
        "string",
        None,
        &["description"],
    ),
    def(
        "environment",
        "Environment",
        "string",
        None,
        &["environment"],
    ),
    def("comment", "Comment", "comments-page", None, &["comment"]),
    def(
        "issuelinks",
        "Linked Issues",
        "array",
        Some("issuelinks"),
        &["issueLink"],
    ),
    def(
        "subtasks",
        "Sub-tasks",
        "array",
        Some("issuelinks"),
        &["subtasks"],
    ),
    def("parent", "Parent", "issuelink", None, &["parent"]),
    def(
        "attachment",
        "Attachment",
        "array",
        Some("attachment"),
        &["attachments"],
    ),
    def(
        "fixVersions",
        "Fix versions",
        "array",
        Some("version"),
        &["fixVersion"],
    ),
    def(
        "versions",
        "Affects versions",
        "array",
        Some("version"),
        &["affectedVersion"],
    ),
    def("watches", "Watchers", "watches", None, &["watchers"]),
    def("votes", "Votes", "votes", None, &["votes"]),
    def("timetracking", "Time tracking", "timetracking", None, &[]),
    def("worklog", "Log Work", "array", Some("worklog"), &[]),
];

const STORY_POINTS: FieldDef = FieldDef {
    custom_id: Some(10016),
    ..def(
        "customfield_10016",
        "Story Points",
        "number",
        None,
        &["cf[10016]", "Story Points"],
    )
};
const FLAGGED: FieldDef = FieldDef {
    custom_id: Some(10021),
    ..def(
        "customfield_10021",
        "Flagged",
        "array",
        Some("option"),
        &["cf[10021]", "Flagged"],
    )
};
const EPIC_LINK: FieldDef = FieldDef {
    custom_id: Some(10014),
    ..def(
        "customfield_10014",
        "Epic Link",
        "any",
        None,
        &["cf[10014]", "Epic Link"],
    )
};

/// The Sprint and Rank fields (see [`crate::demo::agile`]): Cloud's ids, then Server/DC's.
const AGILE_FIELDS: [[FieldDef; 2]; 2] = [
    [
        FieldDef {
            custom_id: Some(10020),
            ..def(
                "customfield_10020",
                "Sprint",
                "array",
                Some("json"),
                &["cf[10020]", "Sprint"],
            )
        },
        FieldDef {
            custom_id: Some(10019),
            ..def(
                "customfield_10019",
                "Rank",
                "any",
                None,
                &["cf[10019]", "Rank"],
            )
        },
    ],
    [
        FieldDef {
            custom_id: Some(10007),
            ..def(
                "customfield_10007",
                "Sprint",
                "array",
                Some("json"),
                &["cf[10007]", "Sprint"],
            )
        },
        FieldDef {
            custom_id: Some(10009),
            ..def(
                "customfield_10009",
                "Rank",
                "any",
                None,
                &["cf[10009]", "Rank"],
            )
        },
    ],
];

const fn custom_def(
    id: &'static str,
    name: &'static str,
    schema_type: &'static str,
    items: Option<&'static str>,
    clause_names: &'static [&'static str],
    custom_id: u64,
) -> FieldDef {
    FieldDef {
        custom_id: Some(custom_id),
        searchable: true,
        ..def(id, name, schema_type, items, clause_names)
    }
}

/// The custom fields of the edit and create screens ([`crate::demo::meta::catalog`]).
const SCREEN_FIELDS: &[FieldDef] = &[
    custom_def(
        "customfield_10030",
        "Team",
        "option",
        None,
        &["cf[10030]", "Team"],
        10030,
    ),
    custom_def(
        "customfield_10031",
        "Platforms",
        "array",
        Some("option"),
        &["cf[10031]", "Platforms"],
        10031,
    ),
    custom_def(
        "customfield_10032",
        "Area",
        "option-with-child",
        None,
        &["cf[10032]", "Area"],
        10032,
    ),
    custom_def(
        "customfield_10033",
        "Reviewer",
        "user",
        None,
        &["cf[10033]", "Reviewer"],
        10033,
    ),
    custom_def(
        "customfield_10034",
        "Approvers",
        "array",
        Some("user"),
        &["cf[10034]", "Approvers"],
        10034,
    ),
    custom_def(
        "customfield_10035",
        "Target date",
        "date",
        None,
        &["cf[10035]", "Target date"],
        10035,
    ),
    custom_def(
        "customfield_10036",
        "Tags",
        "array",
        Some("string"),
        &["cf[10036]", "Tags"],
        10036,
    ),
];

/// Every field the flavour has, system fields first.
pub fn field_defs(flavor: Flavor) -> Vec<FieldDef> {
    let mut all = SYSTEM_FIELDS.to_vec();
    all.push(STORY_POINTS);
    all.push(FLAGGED);
    all.extend_from_slice(SCREEN_FIELDS);
    if flavor == Flavor::Dc {
        all.push(EPIC_LINK);
    }
    all.extend(AGILE_FIELDS[usize::from(flavor == Flavor::Dc)]);
    all
}

/// The `GET field` resource.
pub fn fields_json(flavor: Flavor) -> Value {
    Value::Array(
        field_defs(flavor)
            .iter()
            .map(|d| {
                let mut schema = json!({"type": d.schema_type});
                if let Some(items) = d.items {
                    schema["items"] = json!(items);
                }
                match d.custom_id {
                    Some(id) => {
                        schema["custom"] = json!(match id {
                            10016 => "com.atlassian.jira.plugin.system.customfieldtypes:float",
                            10021 =>
                                "com.atlassian.jira.plugin.system.customfieldtypes:multicheckboxes",
                            10020 | 10007 => "com.pyxis.greenhopper.jira:gh-sprint",
                            10019 | 10009 => "com.pyxis.greenhopper.jira:gh-lexo-rank",
                            10030..=10036 => crate::demo::meta::catalog::CUSTOM_FIELDS
                                .iter()
                                .find(|f| f.id == d.id)
                                .and_then(|f| f.custom)
                                .unwrap_or(""),
                            _ => "com.pyxis.greenhopper.jira:gh-epic-link",
                        });
                        schema["customId"] = json!(id);
                    }
                    None => schema["system"] = json!(d.id),
                }
                let navigable = !NOT_NAVIGABLE.contains(&d.id);
                let mut v = json!({
                    "id": d.id,
                    "name": d.name,
                    "custom": d.custom_id.is_some(),
                    "orderable": d.orderable,
                    "navigable": navigable,
                    "searchable": d.searchable && !d.clause_names.is_empty(),
                    "clauseNames": d.clause_names,
                    "schema": schema,
                });
                if flavor == Flavor::Cloud {
                    v["key"] = json!(d.id);
                    if d.custom_id.is_some() {
                        v["untranslatedName"] = json!(d.name);
                    }
                }
                v
            })
            .collect(),
    )
}
