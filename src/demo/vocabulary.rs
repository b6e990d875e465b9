//! The fixed part of the demo site: its accounts, its workflow vocabulary (statuses, issue
//! types, priorities, resolutions, link types, custom fields) and its saved filters.

use super::model::*;

fn named(id: u64, name: &str, description: &str) -> Named {
    Named {
        id,
        name: name.to_string(),
        description: description.to_string(),
    }
}

/// The demo accounts (README "Demo accounts").
pub(super) fn users() -> Vec<User> {
    let mk =
        |name: &str, n: u32, account: &str, display: &str, token: &str, pat: &str, tz: &str| User {
            name: name.to_string(),
            key: format!("JIRAUSER{}", 10000 + n),
            account_id: account.to_string(),
            display_name: display.to_string(),
            email: format!("{name}@example.com"),
            password: "demo-password".to_string(),
            api_token: token.to_string(),
            pat: pat.to_string(),
            time_zone: tz.to_string(),
            viewer: false,
        };
    vec![
        mk(
            "alice",
            0,
            "5b10a2844c20165700ede21g",
            "Alice Anderson",
            "demo-api-token",
            "demo-pat",
            "Europe/Berlin",
        ),
        mk(
            "bob",
            1,
            "5b10ac8d82e05b22cc7d4ef5",
            "Bob Brown",
            "demo-api-token-bob",
            "demo-pat-bob",
            "America/New_York",
        ),
        mk(
            "carol",
            2,
            "5c5c8c3a1a4d1f0e5a8b4c7d",
            "Carol Chen",
            "demo-api-token-carol",
            "demo-pat-carol",
            "Asia/Singapore",
        ),
    ]
}

/// Dave, the demo's viewer (see [`User::viewer`]): number `n` among the users. He joins after
/// the issues are generated, so that the dataset of a seed stays what it was.
pub(super) fn viewer(n: usize) -> User {
    User {
        name: "dave".to_string(),
        key: format!("JIRAUSER{}", 10000 + n),
        account_id: "5e1f2a3b4c5d6e7f8a9b0c1d".to_string(),
        display_name: "Dave Davis".to_string(),
        email: "dave@example.com".to_string(),
        password: "demo-password".to_string(),
        api_token: "demo-api-token-dave".to_string(),
        pat: "demo-pat-dave".to_string(),
        time_zone: "Europe/London".to_string(),
        viewer: true,
    }
}

/// The site's workflow vocabulary: statuses, issue types, priorities, resolutions, link
/// types and custom fields.
pub(super) type Vocabulary = (
    Vec<Status>,
    Vec<IssueType>,
    Vec<Named>,
    Vec<Named>,
    Vec<LinkType>,
    Vec<CustomField>,
);

pub(super) fn vocabulary() -> Vocabulary {
    let status = |id, name: &str, category| Status {
        named: named(id, name, ""),
        category,
    };
    let statuses = vec![
        status(10000, "To Do", StatusCategory::New),
        status(3, "In Progress", StatusCategory::InProgress),
        status(10001, "In Review", StatusCategory::InProgress),
        status(10002, "Done", StatusCategory::Done),
    ];
    let issue_type = |id, name: &str, description: &str, hierarchy| IssueType {
        named: named(id, name, description),
        hierarchy,
    };
    let issue_types = vec![
        issue_type(
            10000,
            "Epic",
            "A big user story that needs to be broken down.",
            1,
        ),
        issue_type(
            10001,
            "Story",
            "Functionality or a feature expressed as a user goal.",
            0,
        ),
        issue_type(10002, "Task", "A small, distinct piece of work.", 0),
        issue_type(10004, "Bug", "A problem or error.", 0),
        issue_type(
            10003,
            "Sub-task",
            "A small piece of work that's part of a larger task.",
            -1,
        ),
    ];
    let priorities = vec![
        named(1, "Highest", "This problem will block progress."),
        named(2, "High", "Serious problem that could block progress."),
        named(3, "Medium", "Has the potential to affect progress."),
        named(4, "Low", "Minor problem or easily worked around."),
        named(
            5,
            "Lowest",
            "Trivial problem with little or no impact on progress.",
        ),
    ];
    let resolutions = vec![
        named(10000, "Done", "Work has been completed on this issue."),
        named(10001, "Won't Do", "This issue won't be actioned."),
        named(
            10002,
            "Duplicate",
            "The problem is a duplicate of an existing issue.",
        ),
    ];
    let link_type = |id, name: &str, inward: &str, outward: &str| LinkType {
        named: named(id, name, ""),
        inward: inward.to_string(),
        outward: outward.to_string(),
    };
    let link_types = vec![
        link_type(10000, "Blocks", "is blocked by", "blocks"),
        link_type(10003, "Relates", "relates to", "relates to"),
        link_type(10002, "Duplicate", "is duplicated by", "duplicates"),
    ];
    let custom_fields = vec![
        CustomField {
            id: 10016,
            name: "Story Points".to_string(),
            schema_type: "number".to_string(),
            custom_type: "com.atlassian.jira.plugin.system.customfieldtypes:float".to_string(),
        },
        CustomField {
            id: 10021,
            name: "Flagged".to_string(),
            schema_type: "array".to_string(),
            custom_type: "com.atlassian.jira.plugin.system.customfieldtypes:multicheckboxes"
                .to_string(),
        },
    ];
    // The custom fields of the edit and create screens, so JQL knows them by name.
    let mut custom_fields = custom_fields;
    custom_fields.extend(super::meta::catalog::CUSTOM_FIELDS.iter().filter_map(|f| {
        Some(CustomField {
            id: f.id.strip_prefix("customfield_")?.parse().ok()?,
            name: f.name.to_string(),
            schema_type: super::meta::catalog::schema_type(f.kind).to_string(),
            custom_type: f.custom?.to_string(),
        })
    }));
    (
        statuses,
        issue_types,
        priorities,
        resolutions,
        link_types,
        custom_fields,
    )
}

/// The saved filters the site starts with.
pub(super) fn default_filters(projects: &[Project]) -> Vec<Filter> {
    let first = projects.first().map(|p| p.key.as_str()).unwrap_or("ACME");
    let filter = |id, name: &str, description: &str, jql: String, owner, favourite| Filter {
        id,
        name: name.to_string(),
        description: description.to_string(),
        jql,
        owner,
        favourite,
    };
    vec![
        filter(10000, "My open bugs", "Bugs assigned to me that are not resolved yet", "assignee = currentUser() AND issuetype = Bug AND resolution = Unresolved ORDER BY priority DESC".to_string(), 0, true),
        filter(10001, "Updated this week", "Everything touched in the last seven days", "updated >= -7d ORDER BY updated DESC".to_string(), 0, true),
        filter(10002, &format!("{first} in review"), "Waiting for a reviewer", format!("project = {first} AND status = \"In Review\" ORDER BY updated DESC"), 0, true),
        filter(10003, "Bob's high priority", "Bob's urgent work", "assignee = bob AND priority in (Highest, High) ORDER BY priority DESC".to_string(), 1, true),
        filter(10004, "Unassigned", "Nobody owns these yet", "assignee IS EMPTY AND resolution = Unresolved ORDER BY created DESC".to_string(), 2, false),
    ]
}
