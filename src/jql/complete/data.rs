//! What completion knows about a site: fields with their operators and
//! types, functions, reserved words; and the built-in set used when the
//! site's `jql/autocompletedata` is not (yet) available.

use std::collections::HashSet;

use super::quote;
use crate::jira::models::AutocompleteData;
use crate::jql::Operator;
use crate::jql::operators::{self, ALL_OPERATORS, CustomFieldType};

const USER: &str = "com.atlassian.jira.user.ApplicationUser";
const DATE: &str = "java.util.Date";
const TEXT: &str = "java.lang.String";
const ISSUE: &str = "com.atlassian.jira.issue.Issue";
const PROJECT: &str = "com.atlassian.jira.project.Project";
const ISSUE_TYPE: &str = "com.atlassian.jira.issue.issuetype.IssueType";
const VERSION: &str = "com.atlassian.jira.project.version.Version";
const COMPONENT: &str = "com.atlassian.jira.bc.project.component.ProjectComponent";
const SPRINT: &str = "com.atlassian.greenhopper.service.sprint.Sprint";

/// The built-in system fields: name, value type, orderable. Their operators
/// come from [`crate::jql::operators`].
const BUILTIN_FIELDS: &[(&str, &str, bool)] = &[
    ("project", PROJECT, true),
    ("issuetype", ISSUE_TYPE, true),
    ("status", "com.atlassian.jira.issue.status.Status", true),
    ("assignee", USER, true),
    ("reporter", USER, true),
    (
        "priority",
        "com.atlassian.jira.issue.priority.Priority",
        true,
    ),
    (
        "resolution",
        "com.atlassian.jira.issue.resolution.Resolution",
        true,
    ),
    ("labels", "com.atlassian.jira.issue.label.Label", true),
    ("component", COMPONENT, true),
    ("fixVersion", VERSION, true),
    ("affectedVersion", VERSION, true),
    ("summary", TEXT, true),
    ("description", TEXT, true),
    ("comment", TEXT, false),
    ("text", TEXT, false),
    ("created", DATE, true),
    ("updated", DATE, true),
    ("duedate", DATE, true),
    ("resolutiondate", DATE, true),
    ("parent", ISSUE, false),
    ("key", ISSUE, true),
    ("creator", USER, true),
    ("watcher", USER, false),
];

/// The built-in functions: name, returns a list, value type.
const BUILTIN_FUNCTIONS: &[(&str, bool, &str)] = &[
    ("currentUser()", false, USER),
    ("membersOf()", true, USER),
    ("now()", false, DATE),
    ("startOfDay()", false, DATE),
    ("endOfDay()", false, DATE),
    ("startOfWeek()", false, DATE),
    ("endOfWeek()", false, DATE),
    ("startOfMonth()", false, DATE),
    ("endOfMonth()", false, DATE),
    ("startOfYear()", false, DATE),
    ("endOfYear()", false, DATE),
    ("currentLogin()", false, DATE),
    ("lastLogin()", false, DATE),
    ("issueHistory()", true, ISSUE),
    ("linkedIssues()", true, ISSUE),
    ("openSprints()", true, SPRINT),
    ("closedSprints()", true, SPRINT),
    ("futureSprints()", true, SPRINT),
    ("releasedVersions()", true, VERSION),
    ("unreleasedVersions()", true, VERSION),
    ("latestReleasedVersion()", false, VERSION),
    ("earliestUnreleasedVersion()", false, VERSION),
    ("standardIssueTypes()", true, ISSUE_TYPE),
    ("subTaskIssueTypes()", true, ISSUE_TYPE),
    ("projectsLeadByUser()", true, PROJECT),
    ("projectsWhereUserHasPermission()", true, PROJECT),
    ("projectsWhereUserHasRole()", true, PROJECT),
    ("componentsLeadByUser()", true, COMPONENT),
];

/// The Java type of user values, for functions such as `currentUser()`.
pub(crate) const USER_TYPE: &str = USER;
/// The Java type of dates, for functions such as `now()`.
pub(crate) const DATE_TYPE: &str = DATE;

/// One field that can be searched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldInfo {
    /// The name to type (`project`, `Story Points`), without quotes.
    pub name: String,
    /// The site's shown name (`Story Points - cf[10016]`).
    pub display_name: String,
    /// `cf[N]` for custom fields.
    pub cfid: Option<String>,
    /// Operators valid for the field, lower case (`=`, `not in`).
    pub operators: Vec<String>,
    /// Java types of its values, to match functions to fields.
    pub types: Vec<String>,
    /// Whether ORDER BY accepts it.
    pub orderable: bool,
}

/// One JQL function.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunctionInfo {
    /// What to type, with parentheses: `currentUser()`.
    pub name: String,
    /// Whether it returns a list (for IN and NOT IN).
    pub is_list: bool,
    /// Java types of what it returns.
    pub types: Vec<String>,
}

/// Everything completion knows about a site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletionData {
    /// Searchable fields, in the order they are offered.
    pub fields: Vec<FieldInfo>,
    /// Functions, in the order they are offered.
    pub functions: Vec<FunctionInfo>,
    /// Extra reserved words the site named, lower case.
    reserved: HashSet<String>,
}

impl Default for CompletionData {
    fn default() -> Self {
        Self::builtin()
    }
}

impl CompletionData {
    /// The built-in set: common system fields, functions and keywords, for
    /// when the site's data is not available.
    pub fn builtin() -> CompletionData {
        let fields = BUILTIN_FIELDS
            .iter()
            .map(|&(name, ty, orderable)| FieldInfo {
                name: name.to_string(),
                display_name: name.to_string(),
                cfid: None,
                operators: table_operators(operators::system_field(name).map(|f| f.operators)),
                types: vec![ty.to_string()],
                orderable,
            })
            .collect();
        CompletionData {
            fields,
            functions: builtin_functions(),
            reserved: HashSet::new(),
        }
    }

    /// The site's own data. Where the site sent no fields or no functions,
    /// the built-in ones stand in.
    pub fn from_site(data: &AutocompleteData) -> CompletionData {
        let mut out = CompletionData::builtin();
        let fields: Vec<FieldInfo> = data
            .visible_field_names
            .iter()
            .filter_map(|f| {
                let name = clean(&quote::typed_text(f.value.trim()));
                let cfid = f.cfid.as_deref().map(clean).filter(|c| !c.is_empty());
                if name.is_empty() && cfid.is_none() {
                    return None;
                }
                Some(FieldInfo {
                    name: if name.is_empty() {
                        cfid.clone().unwrap_or_default()
                    } else {
                        name.clone()
                    },
                    display_name: match clean(&f.display_name) {
                        d if d.is_empty() => name,
                        d => d,
                    },
                    cfid,
                    operators: f.operators.iter().map(|o| normalize_operator(o)).collect(),
                    types: f.types.clone(),
                    orderable: f
                        .orderable
                        .as_deref()
                        .is_none_or(|o| !o.trim().eq_ignore_ascii_case("false")),
                })
            })
            .collect();
        if !fields.is_empty() {
            out.fields = fields;
        }
        let functions: Vec<FunctionInfo> = data
            .visible_function_names
            .iter()
            .map(|f| FunctionInfo {
                name: clean(f.value.trim()),
                is_list: f
                    .is_list
                    .as_deref()
                    .is_some_and(|l| l.trim().eq_ignore_ascii_case("true")),
                types: f.types.clone(),
            })
            .filter(|f| !f.name.is_empty())
            .collect();
        if !functions.is_empty() {
            out.functions = functions;
        }
        out.reserved = data
            .jql_reserved_words
            .iter()
            .map(|w| w.trim().to_lowercase())
            .filter(|w| !w.is_empty())
            .collect();
        out
    }

    /// The field written as `name`: by name, `cf[N]` id or shown name, any
    /// case. `type` stands for `issuetype`.
    pub fn field(&self, name: &str) -> Option<&FieldInfo> {
        let name = name.trim();
        let name = if name.eq_ignore_ascii_case("type") {
            "issuetype"
        } else {
            name
        };
        self.fields
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(name))
            .or_else(|| {
                self.fields.iter().find(|f| {
                    f.cfid
                        .as_deref()
                        .is_some_and(|c| c.eq_ignore_ascii_case(name))
                        || f.display_name.eq_ignore_ascii_case(name)
                })
            })
    }

    /// The operators to offer after `field`, lower case: the site's list
    /// when it sent one for the field; else the table's, by system field
    /// name or by the value type of a custom field; else every operator.
    pub fn operators(&self, field: &str) -> Vec<String> {
        let info = self.field(field);
        if let Some(f) = info.filter(|f| !f.operators.is_empty()) {
            return f.operators.clone();
        }
        let by_type = |f: &FieldInfo| {
            f.types
                .iter()
                .find_map(|t| CustomFieldType::from_java_type(t))
                .map(CustomFieldType::operators)
        };
        let table = match info {
            Some(f) if f.cfid.is_some() => by_type(f),
            Some(f) => operators::system_field(&f.name)
                .map(|s| s.operators)
                .or_else(|| by_type(f)),
            None => operators::system_field(field).map(|s| s.operators),
        };
        table_operators(table)
    }

    /// Whether `word` must be quoted as a reserved word, by Jira's list or
    /// the site's.
    pub fn is_reserved(&self, word: &str) -> bool {
        quote::is_reserved_word(word) || self.reserved.contains(&word.to_lowercase())
    }

    /// `text` written for JQL: quoted when it must be.
    pub(crate) fn written(&self, text: &str) -> String {
        quote::quote_if_needed(text, |w| self.reserved.contains(&w.to_lowercase()))
    }

    /// Whether two or more fields share `name`, so only `cf[N]` is exact.
    pub(crate) fn is_ambiguous(&self, name: &str) -> bool {
        self.fields
            .iter()
            .filter(|f| f.name.eq_ignore_ascii_case(name))
            .nth(1)
            .is_some()
    }
}

/// A list from the operator table (every operator when there is none), as
/// completion spells operators.
fn table_operators(ops: Option<&[Operator]>) -> Vec<String> {
    ops.unwrap_or(ALL_OPERATORS)
        .iter()
        .map(|op| op.display().to_string())
        .collect()
}

fn builtin_functions() -> Vec<FunctionInfo> {
    BUILTIN_FUNCTIONS
        .iter()
        .map(|&(name, is_list, ty)| FunctionInfo {
            name: name.to_string(),
            is_list,
            types: vec![ty.to_string()],
        })
        .collect()
}

/// `Not  In` → `not in`.
pub(crate) fn normalize_operator(op: &str) -> String {
    op.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text from the site without control characters.
fn clean(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).collect()
}
