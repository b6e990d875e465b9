//! Tests of the parser's error messages against Jira's own wording.

use super::*;

fn err(input: &str) -> String {
    match parse(input) {
        Ok(q) => panic!("{input:?} parsed: {q:?}"),
        Err(e) => e.message,
    }
}

const OPS: &str = "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.";

#[test]
fn documented_examples_of_errors() {
    assert_eq!(
        err("invalid query"),
        format!(
            "Error in the JQL Query: Expecting operator but got 'query'. {OPS} (line 1, character 9)"
        )
    );
    assert_eq!(
        err("a AND b = c"),
        format!(
            "Error in the JQL Query: Expecting operator but got 'AND'. {OPS} (line 1, character 3)"
        )
    );
    assert_eq!(
        err("a = b and AND = c"),
        "Error in the JQL Query: Expecting a field name but got 'AND'. You must surround 'AND' in quotation marks to use it as a field name. (line 1, character 11)"
    );
    assert_eq!(
        err("project = AND"),
        "Error in the JQL Query: Expecting either a value, list or function but got 'AND'. You must surround 'AND' in quotation marks to use it as a value. (line 1, character 11)"
    );
    assert_eq!(
        err("project ="),
        "Error in the JQL Query: Expecting either a value, list or function before the end of the query."
    );
    assert_eq!(
        err("a"),
        format!("Error in the JQL Query: Expecting operator before the end of the query. {OPS}")
    );
    assert_eq!(
        err("(a=b and c = d"),
        "Error in the JQL Query: Expecting ')' before the end of the query."
    );
    assert_eq!(
        err("project = ABC% "),
        "Error in the JQL Query: The character '%' is a reserved JQL character. You must enclose it in a string or use the escape '\\u0025' instead. (line 1, character 14)"
    );
    assert_eq!(
        err("summary ~ \"unclosed"),
        "Error in the JQL Query: The quoted string 'unclosed' has not been completed. (line 1, character 11)"
    );
    assert_eq!(
        err("project = LAUNCH status"),
        "Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'status'. (line 1, character 18)"
    );
    assert_eq!(
        err("project = LAUNCH AND"),
        "Error in the JQL Query: Expecting a field name at the end of the query."
    );
    assert_eq!(
        err("project = LAUNCH AND status = = Done"),
        "Error in the JQL Query: Expecting either a value, list or function but got '='. You must surround '=' in quotation marks to use it as a value. (line 1, character 31)"
    );
}

/// Pairs from Jira's own parser tests (message text after the prefix).
#[test]
fn jira_parser_error_table() {
    let cases: &[(&str, &str)] = &[
        (
            "mine{www = qwwr",
            "The character '{' is a reserved JQL character. You must enclose it in a string or use the escape '\\u007b' instead. (line 1, character 5)",
        ),
        (
            "reporter=a/user/with/slash",
            "The character '/' is a reserved JQL character. You must enclose it in a string or use the escape '\\u002f' instead. (line 1, character 11)",
        ),
        (
            "minewww =\u{7f}qwwr",
            "The character 'U+007F' on line 1 at position 10 must be escaped. Use the escape '\\u007f' instead. (line 1, character 10)",
        ),
        (
            "comment ~ 'test\n",
            "The quoted string 'test ' has not been completed. (line 1, character 11)",
        ),
        (
            "comme\\unt ~ 'x'",
            "'\\un' is an illegal JQL escape sequence. The valid escape sequences are \\', \\\", \\t, \\n, \\r, \\\\, '\\ ' and \\uXXXX. (line 1, character 6)",
        ),
        (
            "aaaaa=-3482094382084092840932809482",
            "'-3482094382084092840932809482' is not a valid number. Numbers must be between -9,223,372,036,854,775,808 and 9,223,372,036,854,775,807. (line 1, character 7)",
        ),
        (
            "cf[1002020202002020202020202020020202822]=a",
            "'1002020202002020202020202020020202822' is not a valid number. Numbers must be between -9,223,372,036,854,775,808 and 9,223,372,036,854,775,807. (line 1, character 4)",
        ),
        ("a =b order", "Expecting 'by' before the end of the query."),
        (
            "a =b order summary",
            "Expecting 'by' but got 'summary'. (line 1, character 12)",
        ),
        (
            "a =b order by",
            "Expecting a field name at the end of the query.",
        ),
        (
            "a =b order by asc",
            "Expecting a field name but got 'asc'. You must surround 'asc' in quotation marks to use it as a field name. (line 1, character 15)",
        ),
        (
            "a =b order by ajsks blah",
            "Expecting either 'ASC' or 'DESC' but got 'blah'. (line 1, character 21)",
        ),
        (
            "a =b order by \"\" desc",
            "A field name cannot be empty. (line 1, character 15)",
        ),
        (
            "'' = c",
            "A field name cannot be empty. (line 1, character 1)",
        ),
        (
            "a = ''()",
            "A function name cannot be empty. (line 1, character 5)",
        ),
        (
            "a blah >",
            "Expecting operator but got 'blah'. The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'. (line 1, character 3)",
        ),
        (
            "a =a and j not is empty",
            "Expecting 'IN' but got 'is'. (line 1, character 16)",
        ),
        (
            "a =a and j is ! empty",
            "Expecting 'NOT' but got '!'. (line 1, character 15)",
        ),
        ("cf", "Expecting '[' before the end of the query."),
        (
            "a = b and not (cf = 6)",
            "Expecting '[' but got '='. (line 1, character 19)",
        ),
        (
            "cf[",
            "Expecting a custom field id (a positive number) before the end of the query.",
        ),
        (
            "cf[ = 9",
            "Expecting a custom field id (a positive number) but got '='. (line 1, character 5)",
        ),
        (
            "cf[] = 1",
            "Expecting a custom field id (a positive number) but got ']'. (line 1, character 4)",
        ),
        (
            "cf[29829k] = ",
            "Expecting a custom field id (a positive number) but got '29829k'. (line 1, character 4)",
        ),
        (
            "cf[-29829] = ",
            "Expecting a custom field id (a positive number) but got '-29829'. (line 1, character 4)",
        ),
        (
            "cf[29829 = world",
            "Expecting ']' but got '='. (line 1, character 10)",
        ),
        ("cf[29829", "Expecting ']' before the end of the query."),
        ("a = func(", "Expecting ')' before the end of the query."),
        (
            "a = func(, and not (a = x)",
            "Expecting ')' but got ','. (line 1, character 10)",
        ),
        ("b=func(bad", "Expecting ')' before the end of the query."),
        (
            "bas=func(bad,)",
            "Function argument must be specified. (line 1, character 14)",
        ),
        (
            "bas=func(bad,",
            "Expecting a function argument at the end of the query.",
        ),
        (
            "k = func(!",
            "Expecting a function argument but got '!'. You must surround '!' in quotation marks to use it as an argument. (line 1, character 10)",
        ),
        (
            "k = func(abc, jk!)",
            "Expecting ')' or ',' but got '!'. (line 1, character 17)",
        ),
        (
            "a=b or (c=d and not l ~ kate",
            "Expecting ')' before the end of the query.",
        ),
        (
            "b in ((12, (288)",
            "Expecting ')' before the end of the query.",
        ),
        (
            "abc IN ((foo) abc = a",
            "Expecting ')' but got 'abc'. (line 1, character 15)",
        ),
        (
            "a=",
            "Expecting either a value, list or function before the end of the query.",
        ),
        (
            "a=!",
            "Expecting either a value, list or function but got '!'. You must surround '!' in quotation marks to use it as a value. (line 1, character 3)",
        ),
        (
            "a=b c=d",
            "Expecting either 'OR' or 'AND' but got 'c'. (line 1, character 5)",
        ),
        (
            "a=b !c=d",
            "Expecting either 'OR' or 'AND' but got '!'. (line 1, character 5)",
        ),
        (
            "a=(a,",
            "Expecting either a value, list or function before the end of the query.",
        ),
        (
            "a=(a,(,bad))",
            "Expecting either a value, list or function but got ','. You must surround ',' in quotation marks to use it as a value. (line 1, character 7)",
        ),
        (
            "a = ((c,d), d, e, f, yyy) and",
            "Expecting a field name at the end of the query.",
        ),
        (
            "comment !~ \"brenden\" jack = jill",
            "Expecting either 'OR' or 'AND' but got 'jack'. (line 1, character 22)",
        ),
        (
            "comment !~ \"brenden\" and cf[1000] = jill order by a desc b",
            "Expecting ',' but got 'b'. (line 1, character 58)",
        ),
        (
            ", a = b",
            "Expecting a field name but got ','. You must surround ',' in quotation marks to use it as a field name. (line 1, character 1)",
        ),
        (
            "order by a desc d",
            "Expecting ',' but got 'd'. (line 1, character 17)",
        ),
        (
            "[brenden] = a",
            "Expecting a field name but got '['. Did you mean 'cf['? (line 1, character 1)",
        ),
        (
            "a = brenden and [78] = q",
            "Expecting a field name but got '['. Did you mean 'cf['? (line 1, character 17)",
        ),
        (
            "a was",
            "Expecting either a value, list or function before the end of the query.",
        ),
        (
            "a in ()",
            "Expecting either a value, list or function but got ')'. You must surround ')' in quotation marks to use it as a value. (line 1, character 7)",
        ),
    ];
    for (input, message) in cases {
        assert_eq!(
            err(input),
            format!("Error in the JQL Query: {message}"),
            "input {input:?}"
        );
    }
}
