//! Which operators each JQL field takes: the one table that completion (when the site's own
//! autocomplete data names none) and the demo server's evaluator both read, so that what is
//! offered is what is accepted.
//!
//! The lists follow Jira's field reference: the history operators (`WAS`, `WAS IN`, `WAS NOT`,
//! `WAS NOT IN`, `CHANGED`) belong to assignee, fix version, priority, reporter, resolution and
//! status only; `comment` takes `~` and `!~`, `text` only `~`. Each list is in the order
//! completion offers it.

use super::Operator::{self, *};

/// Fields of things picked from a list (project, labels, users without history).
const EQUALITY: &[Operator] = &[Eq, NotEq, In, NotIn, Is, IsNot];
/// Fields of things picked from a list, with history (status, assignee, reporter).
const HISTORY: &[Operator] = &[
    Eq, NotEq, In, NotIn, Is, IsNot, Was, WasIn, WasNot, WasNotIn, Changed,
];
/// Ordered fields with history (priority, resolution, fix version).
const ORDERED_HISTORY: &[Operator] = &[
    Eq, NotEq, Gt, Ge, Lt, Le, In, NotIn, Is, IsNot, Was, WasIn, WasNot, WasNotIn, Changed,
];
/// Ordered fields: dates, numbers, affected version.
const ORDERED: &[Operator] = &[Eq, NotEq, Gt, Ge, Lt, Le, In, NotIn, Is, IsNot];
/// Free text (summary, description, text custom fields).
const TEXT: &[Operator] = &[Like, NotLike, Is, IsNot];
/// Fields that are never empty and have no order (parent, status category).
const LIST_ONLY: &[Operator] = &[Eq, NotEq, In, NotIn];
/// Issue keys, ordered within a project and never empty.
const KEY: &[Operator] = &[Eq, NotEq, Gt, Ge, Lt, Le, In, NotIn];

/// Every JQL operator, in the order completion offers them for a field it does not know.
pub const ALL_OPERATORS: &[Operator] = &[
    Eq, NotEq, Like, NotLike, Gt, Ge, Lt, Le, In, NotIn, Is, IsNot, Was, WasIn, WasNot, WasNotIn,
    Changed,
];

/// The history operators, valid only on fields whose changes Jira records.
pub const HISTORY_OPERATORS: &[Operator] = &[Was, WasIn, WasNot, WasNotIn, Changed];

/// A system field and the operators it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SystemField {
    /// Its JQL name as Jira spells it (`issuetype`, `fixVersion`).
    pub name: &'static str,
    /// Other names JQL accepts for it (`type`, `issuekey`), any case.
    pub aliases: &'static [&'static str],
    /// The operators it takes, in the order they are offered.
    pub operators: &'static [Operator],
}

const fn field(
    name: &'static str,
    aliases: &'static [&'static str],
    operators: &'static [Operator],
) -> SystemField {
    SystemField {
        name,
        aliases,
        operators,
    }
}

/// The system fields, keyed by name (and aliases).
pub const SYSTEM_FIELDS: &[SystemField] = &[
    field("project", &[], EQUALITY),
    field("key", &["issuekey", "id"], KEY),
    field("issuetype", &["type"], EQUALITY),
    field("status", &[], HISTORY),
    field("statusCategory", &[], LIST_ONLY),
    field("assignee", &[], HISTORY),
    field("reporter", &[], HISTORY),
    field("creator", &[], EQUALITY),
    field("watcher", &[], EQUALITY),
    field("priority", &[], ORDERED_HISTORY),
    field("resolution", &[], ORDERED_HISTORY),
    field("labels", &[], EQUALITY),
    field("component", &[], EQUALITY),
    field("fixVersion", &[], ORDERED_HISTORY),
    field("affectedVersion", &[], ORDERED),
    field("summary", &[], TEXT),
    field("description", &[], TEXT),
    field("comment", &[], &[Like, NotLike]),
    field("text", &[], &[Like]),
    field("created", &["createdDate"], ORDERED),
    field("updated", &["updatedDate"], ORDERED),
    field("duedate", &["due"], ORDERED),
    field("resolutiondate", &["resolved"], ORDERED),
    field("parent", &[], LIST_ONLY),
];

/// The system field written as `name` (its name or an alias, any case).
pub fn system_field(name: &str) -> Option<&'static SystemField> {
    let name = name.trim();
    SYSTEM_FIELDS.iter().find(|f| {
        f.name.eq_ignore_ascii_case(name) || f.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
    })
}

/// What a custom field holds, which decides the operators it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CustomFieldType {
    /// Free text.
    Text,
    /// A number.
    Number,
    /// A date, or a date with time.
    Date,
    /// Something picked from a list: select options, check boxes, sprints.
    Select,
    /// Labels.
    Labels,
    /// A user picker.
    User,
    /// A version picker.
    Version,
}

impl CustomFieldType {
    /// Every custom field type.
    pub const ALL: [CustomFieldType; 7] = [
        Self::Text,
        Self::Number,
        Self::Date,
        Self::Select,
        Self::Labels,
        Self::User,
        Self::Version,
    ];

    /// The operators a custom field of this type takes, in the order they are offered.
    pub fn operators(self) -> &'static [Operator] {
        match self {
            Self::Text => TEXT,
            Self::Number | Self::Date | Self::Version => ORDERED,
            Self::Select | Self::Labels | Self::User => EQUALITY,
        }
    }

    /// The type named by one of the Java types of Jira's autocomplete data
    /// (`java.lang.Number`); `None` for a type this table does not know.
    pub fn from_java_type(java_type: &str) -> Option<CustomFieldType> {
        Some(match java_type.trim() {
            "java.lang.String" => Self::Text,
            "java.lang.Number" => Self::Number,
            "java.util.Date" => Self::Date,
            "com.atlassian.jira.issue.customfields.option.Option"
            | "com.atlassian.greenhopper.service.sprint.Sprint" => Self::Select,
            "com.atlassian.jira.issue.label.Label" => Self::Labels,
            "com.atlassian.jira.user.ApplicationUser" => Self::User,
            "com.atlassian.jira.project.version.Version" => Self::Version,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(ops: &[Operator]) -> Vec<&'static str> {
        ops.iter().map(|op| op.display()).collect()
    }

    #[test]
    fn history_operators_only_on_the_fields_jira_records_changes_of() {
        let with_history: Vec<&str> = SYSTEM_FIELDS
            .iter()
            .filter(|f| f.operators.iter().any(|op| HISTORY_OPERATORS.contains(op)))
            .map(|f| f.name)
            .collect();
        assert_eq!(
            with_history,
            [
                "status",
                "assignee",
                "reporter",
                "priority",
                "resolution",
                "fixVersion"
            ]
        );
        // A field with history takes all five history operators, not some.
        for f in SYSTEM_FIELDS {
            let count = HISTORY_OPERATORS
                .iter()
                .filter(|op| f.operators.contains(op))
                .count();
            assert!(count == 0 || count == HISTORY_OPERATORS.len(), "{}", f.name);
        }
        for ty in CustomFieldType::ALL {
            assert!(
                !ty.operators()
                    .iter()
                    .any(|op| HISTORY_OPERATORS.contains(op)),
                "{ty:?}"
            );
        }
    }

    #[test]
    fn lists_by_field() {
        let ops = |name: &str| names(system_field(name).map_or(&[], |f| f.operators));
        assert_eq!(
            ops("status"),
            [
                "=",
                "!=",
                "in",
                "not in",
                "is",
                "is not",
                "was",
                "was in",
                "was not",
                "was not in",
                "changed"
            ]
        );
        assert_eq!(ops("project"), ["=", "!=", "in", "not in", "is", "is not"]);
        assert_eq!(ops("summary"), ["~", "!~", "is", "is not"]);
        assert_eq!(ops("comment"), ["~", "!~"]);
        assert_eq!(ops("text"), ["~"]);
        assert_eq!(
            ops("key"),
            ["=", "!=", ">", ">=", "<", "<=", "in", "not in"]
        );
        assert_eq!(ops("parent"), ["=", "!=", "in", "not in"]);
        assert_eq!(
            ops("created"),
            [
                "=", "!=", ">", ">=", "<", "<=", "in", "not in", "is", "is not"
            ]
        );
        assert!(ops("nosuchfield").is_empty());
    }

    #[test]
    fn names_and_aliases_in_any_case() {
        for (written, name) in [
            ("Status", "status"),
            ("TYPE", "issuetype"),
            ("issueKey", "key"),
            ("id", "key"),
            ("due", "duedate"),
            ("Resolved", "resolutiondate"),
            ("createddate", "created"),
            ("statuscategory", "statusCategory"),
            (" fixversion ", "fixVersion"),
        ] {
            assert_eq!(
                system_field(written).map(|f| f.name),
                Some(name),
                "{written}"
            );
        }
        let mut seen = std::collections::HashSet::new();
        for f in SYSTEM_FIELDS {
            for n in std::iter::once(f.name).chain(f.aliases.iter().copied()) {
                assert!(seen.insert(n.to_lowercase()), "{n} names two fields");
            }
        }
    }

    #[test]
    fn every_list_is_in_offer_order_without_repeats() {
        let position = |op: &Operator| ALL_OPERATORS.iter().position(|o| o == op);
        let lists = SYSTEM_FIELDS
            .iter()
            .map(|f| f.operators)
            .chain(CustomFieldType::ALL.map(CustomFieldType::operators));
        for ops in lists {
            assert!(!ops.is_empty());
            let at: Vec<Option<usize>> = ops.iter().map(position).collect();
            assert!(at.iter().all(Option::is_some), "{:?}", names(ops));
            assert!(at.windows(2).all(|w| w[0] < w[1]), "{:?}", names(ops));
        }
    }

    #[test]
    fn custom_fields_by_type() {
        let ty = CustomFieldType::from_java_type;
        assert_eq!(ty("java.lang.Number"), Some(CustomFieldType::Number));
        assert_eq!(
            ty("com.atlassian.greenhopper.service.sprint.Sprint"),
            Some(CustomFieldType::Select)
        );
        assert_eq!(ty("com.example.Unknown"), None);
        assert_eq!(
            names(CustomFieldType::Number.operators()),
            [
                "=", "!=", ">", ">=", "<", "<=", "in", "not in", "is", "is not"
            ]
        );
        // As the site's own data lists a sprint field (Cloud OpenAPI example).
        assert_eq!(
            names(CustomFieldType::Select.operators()),
            ["=", "!=", "in", "not in", "is", "is not"]
        );
        assert_eq!(
            names(CustomFieldType::Text.operators()),
            ["~", "!~", "is", "is not"]
        );
    }
}
