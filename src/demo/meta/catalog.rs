//! The fields of the demo site's edit and create screens: which fields each issue type has,
//! their schemas and allowed values, and which are required where.

use crate::demo::dataset::types;
use crate::demo::model::{Dataset, Flavor};

/// How a field's value is read and kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The summary.
    Summary,
    /// The description (ADF on v3, wiki on v2).
    Description,
    /// Story points (a number).
    Points,
    /// The due date.
    Due,
    /// The priority.
    Priority,
    /// The assignee.
    Assignee,
    /// Labels.
    Labels,
    /// Components of the project.
    Components,
    /// Fix versions of the project.
    Versions,
    /// A single select.
    Select,
    /// A multi-select.
    Multi,
    /// A cascading select.
    Cascade,
    /// One person (a custom user picker).
    User,
    /// Several people.
    Users,
    /// A date (custom).
    Date,
    /// Labels (custom).
    Tags,
    /// The parent issue (create only).
    Parent,
}

/// An option of a select field, with the children of a cascading select's option.
#[derive(Debug, Clone, Copy)]
pub struct Opt {
    /// Option id.
    pub id: u64,
    /// Its value.
    pub value: &'static str,
    /// The second level (cascading selects).
    pub children: &'static [(u64, &'static str)],
}

/// A field of the screens.
#[derive(Debug, Clone, Copy)]
pub struct Def {
    /// Field id.
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// How it is kept.
    pub kind: Kind,
    /// The custom type key, for custom fields.
    pub custom: Option<&'static str>,
    /// The options of a select.
    pub options: &'static [Opt],
}

const CF: &str = "com.atlassian.jira.plugin.system.customfieldtypes:";

const fn def(id: &'static str, name: &'static str, kind: Kind) -> Def {
    Def {
        id,
        name,
        kind,
        custom: None,
        options: &[],
    }
}

const fn custom(id: &'static str, name: &'static str, kind: Kind, key: &'static str) -> Def {
    Def {
        id,
        name,
        kind,
        custom: Some(key),
        options: &[],
    }
}

const fn opt(id: u64, value: &'static str) -> Opt {
    Opt {
        id,
        value,
        children: &[],
    }
}

/// The custom fields jiratty's forms are tried on, as `GET field` lists them too.
pub const CUSTOM_FIELDS: &[Def] = &[
    Def {
        options: &[
            opt(10100, "Platform"),
            opt(10101, "Payments"),
            opt(10102, "Mobile"),
        ],
        ..custom(
            "customfield_10030",
            "Team",
            Kind::Select,
            "com.atlassian.jira.plugin.system.customfieldtypes:select",
        )
    },
    Def {
        options: &[
            opt(10110, "Linux"),
            opt(10111, "macOS"),
            opt(10112, "Windows"),
            opt(10113, "Web"),
        ],
        ..custom(
            "customfield_10031",
            "Platforms",
            Kind::Multi,
            "com.atlassian.jira.plugin.system.customfieldtypes:multiselect",
        )
    },
    Def {
        options: &[
            Opt {
                id: 10120,
                value: "Hardware",
                children: &[(10121, "Disk"), (10122, "CPU"), (10123, "Memory")],
            },
            Opt {
                id: 10124,
                value: "Software",
                children: &[(10125, "UI"), (10126, "API")],
            },
            opt(10127, "Network"),
        ],
        ..custom(
            "customfield_10032",
            "Area",
            Kind::Cascade,
            "com.atlassian.jira.plugin.system.customfieldtypes:cascadingselect",
        )
    },
    custom(
        "customfield_10033",
        "Reviewer",
        Kind::User,
        "com.atlassian.jira.plugin.system.customfieldtypes:userpicker",
    ),
    custom(
        "customfield_10034",
        "Approvers",
        Kind::Users,
        "com.atlassian.jira.plugin.system.customfieldtypes:multiuserpicker",
    ),
    custom(
        "customfield_10035",
        "Target date",
        Kind::Date,
        "com.atlassian.jira.plugin.system.customfieldtypes:datepicker",
    ),
    custom(
        "customfield_10036",
        "Tags",
        Kind::Tags,
        "com.atlassian.jira.plugin.system.customfieldtypes:labels",
    ),
];

/// The version names every project has (ids `11000 + project * 10 + n`); the first is
/// released.
pub const VERSIONS: [&str; 3] = ["1.0", "1.1", "2.0"];

/// A version's id.
pub fn version_id(project: usize, n: usize) -> u64 {
    11000 + project as u64 * 10 + n as u64
}

/// The fields of the edit and create screens of `issue_type` in `project`, in screen order.
/// `create` adds what only creating sets (the parent).
pub fn screen(
    data: &Dataset,
    flavor: Flavor,
    project: usize,
    issue_type: u8,
    create: bool,
) -> Vec<Def> {
    let _ = data;
    let mut out = vec![
        def("summary", "Summary", Kind::Summary),
        def("description", "Description", Kind::Description),
        def("priority", "Priority", Kind::Priority),
        def("assignee", "Assignee", Kind::Assignee),
        def("labels", "Labels", Kind::Labels),
        def("components", "Components", Kind::Components),
        def("fixVersions", "Fix versions", Kind::Versions),
        def("duedate", "Due date", Kind::Due),
    ];
    let subtask = issue_type == types::SUBTASK;
    if !subtask && issue_type != types::EPIC {
        out.push(custom(
            "customfield_10016",
            "Story Points",
            Kind::Points,
            "com.atlassian.jira.plugin.system.customfieldtypes:float",
        ));
    }
    out.extend(CUSTOM_FIELDS.iter().copied());
    if create && (subtask || (flavor == Flavor::Cloud && issue_type != types::EPIC)) {
        out.push(def("parent", "Parent", Kind::Parent));
    }
    let _ = project;
    out
}

/// Whether field `id` must have a value on `issue_type` in project `project_key`: the summary
/// always, a sub-task's parent, and the Team of a bug in ACME.
pub fn required(id: &str, project_key: &str, issue_type: u8) -> bool {
    match id {
        "summary" => true,
        "parent" => issue_type == types::SUBTASK,
        "customfield_10030" => project_key == "ACME" && issue_type == types::BUG,
        _ => false,
    }
}

/// The custom type key of `def` (`…:select`), checked to be one of Jira's.
pub fn custom_type(def: &Def) -> Option<&'static str> {
    def.custom.filter(|k| k.starts_with(CF))
}

/// The schema type of a field of kind `kind`, as `GET field` and the metadata give it.
pub fn schema_type(kind: Kind) -> &'static str {
    match kind {
        Kind::Summary | Kind::Description => "string",
        Kind::Points => "number",
        Kind::Due | Kind::Date => "date",
        Kind::Priority => "priority",
        Kind::Assignee | Kind::User => "user",
        Kind::Select => "option",
        Kind::Cascade => "option-with-child",
        Kind::Parent => "issuelink",
        Kind::Labels
        | Kind::Tags
        | Kind::Components
        | Kind::Versions
        | Kind::Multi
        | Kind::Users => "array",
    }
}
