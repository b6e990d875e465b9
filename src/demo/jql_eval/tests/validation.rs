//! Validation errors, worded as Jira words them.

use super::error;

#[test]
fn validation_messages() {
    let cases = [
        (
            "colour = red",
            "Field 'colour' does not exist or you do not have permission to view it.",
        ),
        (
            "cf[99] = x",
            "Field 'cf[99]' does not exist or you do not have permission to view it.",
        ),
        (
            "project = ABC order by zzfield",
            "Field 'zzfield' does not exist or you do not have permission to view it.",
        ),
        (
            "status ~ Done",
            "The operator '~' is not supported by the 'status' field.",
        ),
        (
            "summary = x",
            "The operator '=' is not supported by the 'summary' field.",
        ),
        (
            "status > Done",
            "The operator '>' is not supported by the 'status' field.",
        ),
        (
            "labels in (a) and assignee > bob",
            "The operator '>' is not supported by the 'assignee' field.",
        ),
        // Status takes WAS (issue 13: the operator table); project does not.
        (
            "project was ABC",
            "The operator 'was' is not supported by the 'project' field.",
        ),
        (
            "project = FOO",
            "The value 'FOO' does not exist for the field 'project'.",
        ),
        (
            "Status = Shipped",
            "The value 'Shipped' does not exist for the field 'Status'.",
        ),
        (
            "priority = 99",
            "A value with ID '99' does not exist for the field 'priority'.",
        ),
        (
            "issuetype in (Bug, Epic)",
            "The value 'Epic' does not exist for the field 'issuetype'.",
        ),
        (
            "component = api",
            "The value 'api' does not exist for the field 'component'.",
        ),
        (
            "resolution = Fixed",
            "The value 'Fixed' does not exist for the field 'resolution'.",
        ),
        (
            "assignee = zed",
            "The value 'zed' does not exist for the field 'assignee'.",
        ),
        (
            "key = ABC-99",
            "An issue with key 'ABC-99' does not exist for field 'key'.",
        ),
        (
            "key = foo",
            "The issue key 'foo' for field 'key' is invalid.",
        ),
        ("assignee = foo()", "Unable to find JQL function 'foo()'."),
        (
            "assignee in membersOf(devs)",
            "Unable to find JQL function 'membersOf(devs)'.",
        ),
        (
            "status = currentUser()",
            "A value provided by the function 'currentUser' is invalid for the field 'status'.",
        ),
        (
            "created > now(1)",
            "Function 'now' expected '0' arguments but received '1'.",
        ),
        (
            "created > startOfDay(invalid)",
            "Duration for function 'startOfDay' should have the format (+/-)n(yMwdm), e.g -1M for 1 month earlier.",
        ),
        (
            "created > yesterday",
            "Date value 'yesterday' for field 'created' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.",
        ),
        (
            "due = 2026-02-30",
            "Date value '2026-02-30' for field 'due' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.",
        ),
        (
            "status = EMPTY",
            "The field 'status' does not support searching for EMPTY values.",
        ),
        (
            "key in (ABC-1, EMPTY)",
            "The field 'key' does not support searching for EMPTY values.",
        ),
        (
            "project is not empty",
            "The field 'project' does not support searching for EMPTY values.",
        ),
        (
            "comment is empty",
            "The operator 'is' is not supported by the 'comment' field.",
        ),
        (
            "assignee is bob",
            "The operator 'is' only supports searching for EMPTY values.",
        ),
        (
            "'story points' > many",
            "The value 'many' for field 'story points' is invalid - please specify a number.",
        ),
        (
            "project = ABC order by text",
            "Not able to sort using field 'text'.",
        ),
    ];
    for (jql, message) in cases {
        assert_eq!(error(jql), message, "{jql}");
    }
}
